"""Archives (airs/archive.h): a result kept without its raw data and
compared later - the same figures as Result.compare() where its test
was independent, every test independent, the people matched by keyed
hashes; refused with another key."""
import math
import os
import tempfile
import unittest

import airs

from . import _util

KEY = b"an employer's secret, 16+ bytes"


class TestArchive(unittest.TestCase):
    def test_archives_compare_as_results(self):
        with airs.Workforce.load(_util.SAMPLE) as w, \
                w.score({"as_of": "2026-03-31"}) as b, w.score() as c:
            k = c.compare(b)
            ab = airs.Archive.read(b.archive(KEY), KEY)
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "q2.arc")
                with open(path, "wb") as f:
                    f.write(c.archive(KEY.decode()))
                ac = airs.Archive.read(path, KEY)
            p = ab.provenance
            self.assertEqual(p, b.provenance)
            self.assertEqual(p.survey_wave_id, "2026-Q1")
        ka = ac.compare(ab)
        self.assertEqual(set(ka.units), set(k.units))
        same = 0
        for uid, figs in [(None, k.org)] + list(k.units.items()):
            got = ka.org if uid is None else ka.unit(uid)
            for name, x in figs.items():
                y = got[name]
                self.assertEqual(x.reason, y.reason, (uid, name))
                self.assertIn(y.test, ("none", "welch", "two_proportion"))
                if x.test in ("welch", "two_proportion"):
                    same += 1
                    for a, b_ in ((x.change, y.change), (x.p, y.p),
                                  (x.ci[0], y.ci[0])):
                        self.assertTrue(math.isclose(a, b_, abs_tol=1e-9) or
                                        (math.isnan(a) and math.isnan(b_)),
                                        (uid, name, a, b_))
                    self.assertEqual(x.panel, y.panel)
        self.assertGreater(same, 40)
        self.assertEqual(ka.digests, k.digests)
        ab.close()
        ac.close()

    def test_refusals(self):
        with airs.Workforce.load(_util.SAMPLE) as w, w.score() as r:
            data = r.archive(KEY)
            with self.assertRaises(airs.Error) as e:
                airs.Archive.read(data, b"another key of 16 bytes")
            self.assertEqual(e.exception.status, -11)  # AIRS_EMISMATCH
            self.assertIn("another key", str(e.exception))
            with self.assertRaises(airs.Error) as e:
                airs.Archive.read(data[:-40], KEY)
            self.assertIn("byte ", str(e.exception))
            with self.assertRaises(airs.Error) as e:
                airs.Archive.read(r.partial(binary=True), KEY)
            self.assertIn("archive section", str(e.exception))
            with self.assertRaises(airs.ParameterError) as e:
                r.archive(b"short")
            self.assertIn("has 5 bytes", str(e.exception))
            with self.assertRaises(airs.ParameterError):
                airs.Archive.read(data, b"short")
            with self.assertRaises(TypeError):
                r.archive(16)
            a = airs.Archive.read(data, KEY)
            with self.assertRaises(TypeError):
                a.compare(r)
            a.close()


if __name__ == "__main__":
    unittest.main()

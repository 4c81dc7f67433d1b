"""Rollups on their own: partials, merging, sharded scoring (airs/rollup.h)."""
import itertools
import os
import tempfile
import unittest

import airs

from . import _util

PARAMS = {"as_of": "2026-06-30"}
TABLES = [("all", "json"), ("units", "csv"), ("constructs", "csv"),
          ("skill_gaps", "json"), ("provenance", "csv")]


class TestRollup(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dirs = airs.split_dataset(_util.SAMPLE, 4, cls.tmp.name)
        cls.whole = airs.Workforce.load(_util.SAMPLE).score(PARAMS)
        cls.parts = []
        for d in cls.dirs:
            with airs.Workforce.load(d) as wf, wf.score(PARAMS) as r:
                cls.parts.append(r.partial())

    @classmethod
    def tearDownClass(cls):
        cls.whole.close()
        cls.tmp.cleanup()

    def merged(self, order):
        m = airs.Rollup.read(self.parts[order[0]], PARAMS)
        for k in order[1:]:
            with airs.Rollup.read(self.parts[k], PARAMS) as o:
                m.merge(o)
        return m

    def test_shards_merge_into_the_whole(self):
        with self.merged([0, 1, 2, 3]) as m:
            for table, fmt in TABLES[1:4]:
                self.assertEqual(m.write(table, fmt),
                                 self.whole.write(table, fmt), table)
            # repr: NaN (suppressed, none) is not equal to itself
            self.assertEqual(repr(m.units), repr(self.whole.units))
            self.assertEqual(repr(m.org), repr(self.whole.org))
            self.assertEqual(repr(m.construct("clarity", "U-CO")),
                             repr(self.whole.construct("clarity", "U-CO")))
            self.assertEqual(m.skill_gaps("U-CO"), self.whole.skill_gaps("U-CO"))
            self.assertEqual(str(m.as_of), "2026-06-30")
            self.assertEqual(m.params_digest, self.whole.provenance.params_digest)
            self.assertEqual(m.partial(), self.whole.partial())

    def test_any_order_and_grouping(self):
        want = self.whole.partial()
        for order in itertools.islice(itertools.permutations(range(4)), 0, 24, 5):
            with self.merged(list(order)) as m:
                self.assertEqual(m.partial(), want, order)
        # nested: (0+1) and (2+3), merged as partials again
        a, b = self.merged([0, 1]), self.merged([3, 2])
        with airs.Rollup.read(a.partial(), PARAMS) as x, \
                airs.Rollup.read(b.partial(), PARAMS) as y:
            self.assertEqual(x.merge(y).partial(), want)
        a.close()
        b.close()

    def test_binary_open_finished_once(self):
        want = self.whole.partial(binary=True)
        self.assertLess(len(want), len(self.whole.partial()))
        self.assertTrue(want.startswith(b"\x89airsrb\n"))
        m = airs.Rollup.read(self.parts[3], PARAMS, open=True)
        for k in (1, 0, 2):
            with airs.Rollup.read(airs.Rollup.read(self.parts[k], PARAMS)
                                  .partial(binary=True), PARAMS, open=True) as o:
                m.merge(o)
        self.assertEqual(m.partial(binary=True), want)
        with self.assertRaises(airs.Error):  # open: no figures yet
            m.org
        with m.finish():
            self.assertEqual(m.write("units", "csv"),
                             self.whole.write("units", "csv"))
        damaged = want[:100] + bytes([want[100] ^ 1]) + want[101:]
        with self.assertRaisesRegex(airs.Error, "checksum does not match"):
            airs.Rollup.read(damaged, PARAMS)

    def test_score_sharded(self):
        with airs.score_sharded(self.dirs, PARAMS) as m:
            for table, fmt in TABLES:
                if table in ("all", "provenance"):
                    continue
                self.assertEqual(m.write(table, fmt), self.whole.write(table, fmt))
        with self.assertRaisesRegex(airs.ParameterError, "explicit as_of"):
            airs.score_sharded(self.dirs, {})

    def test_score_partial_is_the_results_partial(self):
        for d in self.dirs[:2]:
            with airs.Workforce.load(d) as wf, wf.score(PARAMS) as r:
                for binary in (True, False):
                    self.assertEqual(wf.score_partial(PARAMS, binary=binary),
                                     r.partial(binary=binary))

    def test_read_a_path_and_refusals(self):
        path = os.path.join(self.tmp.name, "p0.partial")
        with open(path, "wb") as f:
            f.write(self.parts[0])
        with airs.Rollup.read(path, PARAMS) as r:
            self.assertEqual(len(r), len(self.whole.units))
        with self.assertRaisesRegex(airs.Error, "made with other parameters"):
            airs.Rollup.read(self.parts[0], {"as_of": "2026-06-29"})
        with self.assertRaises(airs.Error) as cm:
            airs.Rollup.read(self.parts[0][:-4], PARAMS)
        self.assertIn("unexpected end of input", str(cm.exception))
        with self.assertRaisesRegex(airs.NotFound, "a rollup has the tables"):
            with airs.Rollup.read(self.parts[0], PARAMS) as r:
                r.write("employees", "csv")

    def test_a_shard_scored_by_other_rules_is_refused(self):
        # a shard without usage records is scored without adoption
        d = os.path.join(self.tmp.name, "no-usage")
        airs.split_dataset(self.dirs[1], 1, None, dirs=[d])
        with open(os.path.join(d, "usage.csv"), "r+") as f:
            head = f.readline()
            f.seek(0)
            f.truncate()
            f.write(head)
        with airs.Workforce.load(d) as wf, wf.score(PARAMS) as r:
            odd = airs.Rollup.read(r.partial(), PARAMS)
        with airs.Rollup.read(self.parts[0], PARAMS) as m, odd:
            before = m.partial()
            with self.assertRaisesRegex(airs.Error, "usage records and the "
                                        "other none"):
                m.merge(odd)
            self.assertEqual(m.partial(), before)


if __name__ == "__main__":
    unittest.main()

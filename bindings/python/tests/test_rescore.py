"""Result.rescore: the bytes Workforce.score gives for the same
parameters, whatever changed, from one thread or several."""
import threading
import unittest

import airs

from . import _util

try:
    import pandas
except ImportError:  # pragma: no cover - Debian's python3-pandas in CI
    pandas = None

# one parameter of each class (lib/params.h): read by nothing scoring
# reads, by the readiness only, by each person's scores, by who answered
CHANGES = [
    {"plan.headroom": 2},
    {"weights.skill": 0.6},
    {"levels.t3": 45, "weights.adoption": 0},
    {"flags.left_behind_readiness": 55},
    {"source.self": 0.2},
    {"privacy.individual_sentiment": 1},
    {"anonymity.min_group": 7},
    {"as_of": "2026-05-31"},
]


class TestRescore(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.wf = airs.Workforce.load(_util.SAMPLE)
        cls.first = cls.wf.score()

    @classmethod
    def tearDownClass(cls):
        cls.first.close()
        cls.wf.close()

    def test_equals_score(self):
        for change in CHANGES:
            with self.subTest(change=change):
                want = self.wf.score(change)
                got = self.first.rescore(change)
                self.assertEqual(got.write(), want.write())
                # NaN is not equal to itself: compare the text
                self.assertEqual(repr(got.to_records()), repr(want.to_records()))
                if pandas is not None:  # ids and names from the model too
                    self.assertTrue(got.to_dataframe().equals(want.to_dataframe()))
                # and back: the defaults again, from the re-scored one
                back = got.rescore(None)
                self.assertEqual(back.write(), self.first.write())
                for r in (want, got, back):
                    r.close()

    def test_params_object_and_slider(self):
        p = airs.Params()
        r = self.wf.score(p)
        for w in (0.1, 0.3, 0.5, 0.7):
            p["weights.skill"] = w
            r2 = r.rescore(p)
            r.close()
            r = r2
            self.assertEqual(r.write(), self.wf.score(p).write())
        r.close()
        p.close()

    def test_prev_unchanged_and_independent(self):
        before = self.first.write()
        r = self.first.rescore({"weights.training": 0.5})
        self.assertEqual(self.first.write(), before)
        self.assertEqual(len(r), len(self.first))
        r.close()
        self.assertEqual(self.first.write(), before)

    def test_bad_params(self):
        with self.assertRaises(airs.Error):
            self.first.rescore({"weights.skill": -1})
        with self.assertRaises(airs.Error):
            self.first.rescore({"levels.t3": 10})  # below levels.t2

    def test_threads(self):
        want = self.wf.score({"weights.skill": 0.9}).write()
        out = [None] * 4

        def run(i):
            r = self.first.rescore({"weights.skill": 0.9})
            out[i] = r.write()
            r.close()
        ts = [threading.Thread(target=run, args=(i,)) for i in range(4)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(out, [want] * 4)


if __name__ == "__main__":
    unittest.main()

"""Result.compare() (airs/compare.h): the worked example of
docs/methodology.md 4.7, rule 4 of 4.1, the refusal of different
parameters, and agreement with each result on the sample."""
import math
import unittest

import airs

from . import _util

Q = {  # clarity, usefulness, trust on 1..5; 0: no answer (methodology 4.7)
    "Q1": ([2, 3, 3, 4, 2, 3, 4, 4, 5, 3, 4], [3, 4, 3, 5, 3, 4, 4, 5, 5, 4, 4]),
    "Q2": ([3, 3, 4, 2, 3, 4, 5, 4, 3, 4, 4], [4, 3, 4, 3, 4, 4, 5, 0, 0, 0, 0]),
    "Q3": ([2, 2, 3, 3, 2, 4, 0, 0, 0, 0, 0], [3, 3, 3, 4, 3, 4, 4, 5, 4, 4, 3]),
}


def _example():
    resp = ["employee_id,item_id,value,date"]
    for item, months in Q.items():
        for m, values in enumerate(months):
            resp += ["E%02d,%s,%d,2026-0%d-10" % (i + 1, item, v, 6 + m)
                     for i, v in enumerate(values) if v]
    w = airs.Workforce()
    w.add_tables({
        "units": "unit_id,name,parent_id\nU,U,\nV,V,U\n",
        "roles": "role_id,name\nR,Role\n",
        "employees": "employee_id,unit_id,role_id\n" + "".join(
            "E%02d,%s,R\n" % (i + 1, "U" if i < 6 else "V") for i in range(11)),
        "survey_items": "item_id,construct\nQ1,clarity\nQ2,usefulness\nQ3,trust\n",
        "responses": "\n".join(resp) + "\n",
    })
    return w


class TestCompare(unittest.TestCase):
    def test_worked_example(self):
        with _example() as w, w.score({"as_of": "2026-06-30"}) as b, \
                w.score({"as_of": "2026-07-31"}) as c:
            k = c.compare(b)
        self.assertEqual(list(k.units), ["U", "V"])
        self.assertEqual((k.added, k.removed, k.params_changed), ((), (), False))
        ch = k.org["clarity"]
        self.assertEqual((ch.reason, ch.test, ch.panel), ("shown", "paired_t", 11))
        self.assertAlmostEqual(ch.change, 7 / 44, places=12)
        self.assertAlmostEqual(ch.ci[0], 0.07435478586333681, places=9)
        self.assertAlmostEqual(ch.p, 0.0018778361349120214, places=12)
        t = k.org["trust"]
        self.assertEqual((t.test, t.base_n, t.current_n, t.panel),
                         ("welch", 6, 11, None))  # panel withheld
        u = k.org["usefulness"]
        self.assertEqual((u.reason, u.test, u.panel), ("few_changed", "none", None))
        self.assertTrue(math.isnan(u.change) and math.isnan(u.p))
        self.assertAlmostEqual(u.current, 20 / 28, places=12)
        v = k.unit("V")["usefulness"]
        self.assertEqual((v.reason, v.current_n), ("current_hidden", None))

    def test_refuses_other_parameters(self):
        with _example() as w, w.score({"as_of": "2026-06-30"}) as b, \
                w.score({"as_of": "2026-07-31",
                         "anonymity.min_group": 6}) as c:
            with self.assertRaises(airs.Error) as e:
                c.compare(b)
            k = c.compare(b, allow_params_change=True)
        self.assertEqual(e.exception.status, -11)  # AIRS_EMISMATCH
        self.assertTrue(k.params_changed)
        self.assertIn(k.digests[0], str(e.exception))
        self.assertIn(k.digests[1], str(e.exception))
        self.assertEqual(k.unit("V")["clarity"].reason, "current_hidden")
        with self.assertRaises(TypeError):
            c.compare("not a result")

    def test_sample_sides_are_the_results(self):
        with airs.Workforce.load(_util.SAMPLE) as w, \
                w.score({"as_of": "2026-03-31"}) as b, w.score() as c:
            k = c.compare(b)
            for r, side in ((b, "base"), (c, "current")):
                self.assertAlmostEqual(getattr(k.org["readiness"], side),
                                       r.org.readiness_mean, places=9)
                self.assertEqual(getattr(k.org["readiness"], side + "_n"),
                                 r.org.scored)
            self.assertEqual(len(k.units), len(c.units))
            for r, side in ((b, "base"), (c, "current")):
                for lv in range(6):
                    self.assertEqual(getattr(k.org["level_%d" % lv], side + "_count"),
                                     r.org.levels[lv])
                self.assertEqual(getattr(k.org["flag_reversion"], side + "_count"),
                                 dict(r.org.flags)["reversion"])
        self.assertEqual(k.org["readiness"].test, "welch")
        self.assertEqual(len(k.org), len(airs.CHANGE_FIGURES))
        self.assertEqual(len(airs.CHANGE_FIGURES), 35)
        self.assertIsNone(k.org["readiness"].base_count)

    def test_favourable_share(self):
        # clarity 4 or 5: 5 of 11 in June, 8 of 11 in July, one item
        # each: the paired t test of the people's own shares
        with _example() as w, w.score({"as_of": "2026-06-30"}) as b, \
                w.score({"as_of": "2026-07-31"}) as c:
            k = c.compare(b)
        f = k.org["clarity_favourable"]
        self.assertEqual((f.test, f.panel, f.base_count), ("paired_t", 11, None))
        self.assertAlmostEqual(f.base, 5 / 11, places=12)
        self.assertAlmostEqual(f.change, 3 / 11, places=12)
        self.assertAlmostEqual(f.p, 0.08155339870160568, places=9)
        lv = k.org["level_0"]
        self.assertEqual((lv.test, lv.base_count, lv.current_count),
                         ("mcnemar", 11, 11))


if __name__ == "__main__":
    unittest.main()

"""Key-driver analysis (airs/drivers.h) through the bindings, and an
independent check of the organisation's figures with NumPy on the
per-person data (individual sentiment opted in, so that the construct
scores can be read back)."""
import csv
import io
import itertools
import json
import math
import unittest

import airs

from . import _util

try:
    import numpy as np
except ImportError:  # the independent check skips
    np = None


def _sample_result(params=None):
    with airs.Workforce.load(_util.SAMPLE) as w:
        return w.score(params)


class TestDrivers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.result = _sample_result()
        cls.d = cls.result.drivers()

    @classmethod
    def tearDownClass(cls):
        cls.d.close()
        cls.result.close()

    def test_worked_example(self):
        # docs/methodology.md, 10.6
        d = self.d
        self.assertEqual(d.outcome, "adoption")
        self.assertEqual(d.drivers, airs.DRIVERS)
        self.assertEqual((d.min_n, d.reps, d.seed), (45, 1000, 0))
        org = d.org
        self.assertIsNone(org.unit_id)
        self.assertEqual((org.status, org.n), ("analysed", 169))
        self.assertAlmostEqual(org.r2, 0.5763, places=4)  # methodology 10.6
        top = org.ranked()[0]
        self.assertEqual((top.driver, top.rank, top.sign), ("usefulness", 1, 1))
        self.assertAlmostEqual(top.raw, 0.3034, places=4)
        self.assertAlmostEqual(sum(w.raw for w in org.weights), org.r2, places=12)
        self.assertAlmostEqual(sum(w.lmg for w in org.weights), org.r2, places=12)

    def test_units(self):
        d = self.d
        self.assertEqual(len(d.units), 20)
        g = d.unit("U-CUSTOPS-3")
        self.assertEqual((g.status, g.n, g.weights), ("too_few", None, ()))
        self.assertTrue(math.isnan(g.r2))
        self.assertEqual(d.unit("U-FIN").status, "hidden")
        with self.assertRaises(KeyError):
            d.unit("U-NONE")

    def test_focus_areas(self):
        # docs/methodology.md, 10.7
        g = self.d.unit("U-SALES-3")
        self.assertEqual(g.focus_status, "listed")
        self.assertEqual([(f.kind, f.rank, f.driver, f.intervention) for f in g.focus],
                         [("opportunity", 1, "support", "check_in"),
                          ("opportunity", 2, "security", "security_talk"),
                          ("strength", 1, "usefulness", "demonstration"),
                          ("strength", 2, "trust", "demonstration"),
                          ("strength", 3, "clarity", "briefing")])
        f = g.focus[2]
        self.assertEqual(f.importance_unit_id, "U-CO")
        w = {x.driver: x for x in self.d.unit("U-CO").weights}
        self.assertEqual(f.importance, w["usefulness"].rescaled)
        self.assertAlmostEqual(f.favourable, 17 / 22, places=15)
        self.assertAlmostEqual(f.rest_favourable, 130 / 334, places=15)
        self.assertAlmostEqual(f.difference_ci[0], 0.09090036751818553, places=12)
        self.assertTrue(f.clear)
        self.assertEqual(self.d.unit("U-FIN").focus_status, "hidden")
        self.assertEqual(self.d.org.focus_status, "no_rest")
        doc = json.loads(self.d.write("json", unit="U-SALES-3"))
        self.assertEqual([a["driver"] for a in doc["groups"][0]["focus"]],
                         [x.driver for x in g.focus])
        rows = [r for r in csv.DictReader(io.StringIO(self.d.to_csv()))
                if r["unit_id"] == "U-SALES-3" and r["focus"]]
        self.assertEqual(len(rows), 5)

    def test_exports(self):
        doc = json.loads(self.d.to_json())
        self.assertEqual(doc["schema"], "airs-drivers/2")
        self.assertEqual(len(doc["groups"]), 21)
        rows = list(csv.DictReader(io.StringIO(self.d.to_csv())))
        self.assertEqual(len(rows), 21 * 8)
        one = json.loads(self.d.write("json", unit="U-CO"))
        self.assertEqual([g["unit_id"] for g in one["groups"]], ["U-CO"])
        with self.assertRaises(airs.ParameterError):
            self.d.write("xml")

    def test_options(self):
        with self.result.drivers("usefulness", reps=20, threads=2) as d:
            self.assertNotIn("usefulness", d.drivers)
            self.assertEqual(d.reps, 20)
        with self.assertRaises(airs.ParameterError):
            self.result.drivers("happiness")
        with self.assertRaises(airs.ParameterError):
            self.result.drivers(reps=100001)
        with self.assertRaises(ValueError):
            self.result.drivers(seed=-1)

    def test_threads_do_not_change_a_bit(self):
        with self.result.drivers(reps=100, threads=1) as a, \
                self.result.drivers(reps=100, threads=4) as b:
            self.assertEqual(a.to_json(), b.to_json())

    def test_closed(self):
        d = self.result.drivers(reps=10)
        d.close()
        d.close()
        with self.assertRaises(airs.Error):
            d.to_json()


def _r2(X, y):
    A = np.column_stack([np.ones(len(y)), X])
    coef = np.linalg.lstsq(A, y, rcond=None)[0]
    res = y - A @ coef
    yc = y - y.mean()
    return 1 - (res @ res) / (yc @ yc)


@unittest.skipIf(np is None, "NumPy is needed for the independent check")
class TestAgainstNumPy(unittest.TestCase):
    """The organisation's R^2 and Shapley shares recomputed by least
    squares from each person's construct scores, skill fit, training and
    adoption as the result reports them."""

    def test_organisation(self):
        with _sample_result({"privacy.individual_sentiment": 1}) as r, \
                r.drivers(reps=10) as d:
            rows = []
            for e in r.employees:
                cs = r.sentiment(e.id)
                v = [cs[c] for c in airs.CONSTRUCTS[:6]] + [e.skill, e.training,
                                                            e.adoption]
                if not any(math.isnan(x) for x in v):
                    rows.append(v)
            data = np.array(rows)
            X, y = data[:, :8], data[:, 8]
            self.assertEqual(len(y), d.org.n)
            self.assertAlmostEqual(_r2(X, y), d.org.r2, places=10)
            k = 8
            r2s = {s: _r2(X[:, s], y) if s else 0.0
                   for m in range(k + 1) for s in itertools.combinations(range(k), m)}
            for w in d.org.weights:
                j = airs.DRIVERS.index(w.driver)
                lmg = sum(math.factorial(len(s)) * math.factorial(k - 1 - len(s))
                          / math.factorial(k)
                          * (r2s[tuple(sorted(s + (j,)))] - r2s[s])
                          for s in r2s if j not in s)
                self.assertAlmostEqual(lmg, w.lmg, places=10)


if __name__ == "__main__":
    unittest.main()

"""Fairness audits (airs/audit.h) through Result.audit."""
import csv
import io
import json
import math
import unittest

import airs

from . import _util


def company(n_per_group=(8, 6), selected=(6, 2)):
    """Two gender groups of employees; `selected` of each group get an
    external outcome of 1."""
    wf = airs.Workforce()
    wf.add_unit("U", "Unit", target_level=3)
    wf.add_role("R", "Role")
    outcome = {}
    k = 0
    for g, (n, s) in zip(("f", "m"), zip(n_per_group, selected)):
        for i in range(n):
            k += 1
            eid = "E%02d" % k
            wf.add_employee(eid, "U", "R", attributes={"gender": g,
                                                       "band": "a" if i % 2 else "b"})
            outcome[eid] = 1.0 if i < s else 0.0
    return wf, outcome


class TestAudit(unittest.TestCase):
    def test_external_binary_outcome(self):
        wf, outcome = company()
        r = wf.score(_util.AS_OF)
        with r.audit("gender", outcome="external_binary", external=outcome,
                     min_share=0.0) as a:
            self.assertEqual((a.outcome, a.adverse, a.population, a.employees),
                             ("external_binary", "low", 14, 14))
            self.assertEqual(len(a.tables), 1)
            t = a.tables[0]
            self.assertEqual((t.kind, t.attribute, t.missing), ("first", "gender", 0))
            rows = {row.value: row for row in t.rows}
            self.assertEqual(rows["f"].count, 8)
            self.assertAlmostEqual(rows["f"].rate, 0.75)
            self.assertAlmostEqual(rows["m"].rate, 2 / 6)
            self.assertAlmostEqual(rows["m"].impact_ratio, (2 / 6) / 0.75)
            self.assertTrue(rows["m"].adverse)          # below four fifths
            self.assertTrue(rows["f"].reference)
            self.assertIs(t.reference, rows["f"])
            # Fisher's exact test of m (2 of 6) against f (6 of 8) and
            # the Katz interval of the ratio (tests/check-audit-stats.py
            # checks them against SciPy)
            self.assertAlmostEqual(rows["m"].p_value, 0.2773892773892774, places=9)
            self.assertFalse(rows["m"].significant)
            self.assertLess(rows["m"].ratio_low, rows["m"].adverse_ratio)
            self.assertGreater(rows["m"].ratio_high, 1)
            self.assertTrue(math.isnan(rows["f"].p_value))
            self.assertTrue(rows["f"].favourable and a.informative and t.informative)
            self.assertIsNone(t.other)
            doc = json.loads(a.to_json())
            self.assertEqual(doc["schema"], "airs-audit/2")
            lines = list(csv.DictReader(io.StringIO(a.to_csv())))
            self.assertEqual([l["value"] for l in lines if l["kind"] == "category"], ["f", "m"])
        with self.assertRaises(airs.Error):
            a.to_json()
        # the same outcome given as a sequence in result order
        seq = [outcome[i] for i in r.ids]
        with r.audit("gender", outcome="external_binary", external=seq) as b:
            # (repr: NaN, as in a p-value not computed, equals itself there)
            self.assertEqual(repr(b.tables), repr(a.tables))

    def test_save_writes_what_write_returns(self):
        wf, outcome = company()
        r = wf.score(_util.AS_OF)
        with r.audit("gender", outcome="external_binary", external=outcome) as a:
            for fmt in ("json", "csv"):
                buf = io.BytesIO()
                a.save(buf, fmt)
                self.assertEqual(buf.getvalue(), a.write(fmt))
            with self.assertRaises(airs.ParameterError):
                a.save(io.BytesIO(), "xml")

    def test_two_attributes_and_intersection(self):
        wf, outcome = company((10, 10), (5, 5))
        r = wf.score(_util.AS_OF)
        a = r.audit("gender", "band", intersection=True, outcome="external_value",
                    external=outcome, keep_small=True)
        self.assertEqual([t.kind for t in a.tables], ["first", "second", "intersection"])
        self.assertEqual(a.tables[2].attribute2, "band")
        self.assertTrue(all(row.value2 for row in a.tables[2].rows))
        a.close()

    def test_flag_outcome_on_the_sample(self):
        wf = airs.Workforce.load(_util.SAMPLE)
        r = wf.score(_util.AS_OF)
        a = r.audit("gender", outcome="left_behind")
        self.assertEqual((a.outcome, a.flag, a.adverse), ("flag", "left_behind", "high"))
        m = r.audit("age_band")
        self.assertEqual(m.outcome, "above_median")
        self.assertAlmostEqual(m.median, r.org.readiness_median, delta=1e-9)
        for row in m.tables[0].rows:
            if row.suppressed:
                self.assertIsNone(row.count)
                self.assertTrue(math.isnan(row.rate))

    def test_sample_gender_compares_women_and_men(self):
        # one non-binary person beside 127 women and 122 men: folded into
        # the other line, which has fewer than five and shows no count.
        # The outcome reads the level: the 25 without enough evidence for
        # one (methodology 1.1) are outside its population, leaving 114
        # women and 110 men
        wf = airs.Workforce.load(_util.SAMPLE)
        r = wf.score(_util.AS_OF)
        with r.audit("gender") as a:
            t = a.tables[0]
            rows = {row.value: row for row in t.rows if not row.other}
            self.assertEqual(sorted(rows), ["female", "male"])
            self.assertEqual((rows["female"].count, rows["male"].count), (114, 110))
            self.assertFalse(math.isnan(rows["male"].impact_ratio))
            self.assertFalse(math.isnan(rows["male"].p_value))
            self.assertTrue(t.other.other and t.other.suppressed)
            self.assertIsNone(t.other.count)
            self.assertEqual(t.other.value, "")

    def test_errors(self):
        wf, outcome = company()
        r = wf.score(_util.AS_OF)
        with self.assertRaises(airs.NotFound) as cm:
            r.audit("religion")
        self.assertIn("religion", cm.exception.message)
        with self.assertRaises(airs.ParameterError):
            r.audit("gender", outcome="happiness")
        with self.assertRaises(airs.ParameterError):
            r.audit("gender", outcome="external_binary", external=[1.0, 0.0])
        with self.assertRaises(airs.ParameterError):
            r.audit("gender", min_share=2)
        with self.assertRaises(airs.ParameterError):
            r.audit("gender", adverse="sideways")

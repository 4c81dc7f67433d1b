"""Learning plans (airs/plan.h) through Result.plan and Result.plan_org."""
import math
import unittest

import airs

from . import _util


class TestPlans(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.wf = airs.Workforce.load(_util.SAMPLE)
        cls.r = cls.wf.score(_util.AS_OF)
        gaps = cls.r.column("gap_points")
        ids = cls.r.ids
        # the employee furthest below target
        cls.emp = max(range(len(ids)), key=lambda i: -1e9 if math.isnan(gaps[i]) else gaps[i])
        cls.emp = ids[cls.emp]

    def test_personal_plan(self):
        p = self.r.plan(self.emp, budget_hours=40)
        self.assertIsInstance(p, airs.Plan)
        self.assertEqual(p.employee_id, self.emp)
        self.assertEqual(p.budget_hours, 40)
        self.assertLessEqual(p.hours, 40 + 1e-9)
        self.assertAlmostEqual(p.hours, sum(s.hours for s in p.steps), delta=1e-9)
        self.assertTrue(p.steps)
        self.assertGreaterEqual(p.projected, p.readiness - 1e-9)
        e = self.r.employee(self.emp)
        self.assertAlmostEqual(p.readiness, e.readiness, delta=1e-9)
        self.assertEqual((p.level, p.target), (e.level, e.target))
        self.assertIn(p.barrier, airs.BARRIERS)
        for s in p.steps:
            self.assertIn(s.kind, ("course", "intervention"))
            self.assertTrue(s.reason)
            self.assertIn(s.adkar, airs.ADKAR)
            if s.kind == "course":
                self.assertTrue(s.course_id and s.skill_id)
                self.assertIsNone(s.intervention)
            else:
                self.assertIsNone(s.course_id)
                self.assertTrue(s.intervention)
        if p.reachable:
            self.assertFalse(math.isinf(p.target_hours))
        self.assertIsInstance(p.missing_skills, tuple)

    def test_everyone_below_target_gets_a_course_or_a_reason(self):
        # issue 16: a self-paced gain-1 course used to stop every course
        # behind "AI fundamentals at 1.0"; practice now carries it there
        lv, tg = self.r.column("level"), self.r.column("target")
        below = practised = 0
        for i, e in enumerate(self.r.ids):
            if not (lv[i] and tg[i] and lv[i] < tg[i]):
                continue
            below += 1
            p = self.r.plan(e, 40)
            courses = [s for s in p.steps if s.kind == "course"]
            self.assertTrue(courses or p.why, e)
            practised += any(s.practice_hours > 0 for s in courses)
            for s in courses:
                self.assertGreaterEqual(s.practice_hours, 0)
                self.assertLessEqual(s.practice_hours, s.hours)
        # 103 known below target (116 before methodology 1.1 withheld
        # a level from 25 people with too little evidence)
        self.assertEqual(below, 103)
        self.assertGreater(practised, 0)

    def test_interventions_from_published_figures(self):
        # methodology 8.4: Customer Operations' total clarity is
        # suppressed, its staff's mean published
        p = self.r.plan("E000002", 40)
        s = p.steps[0]
        self.assertEqual((s.intervention, s.adkar_source, s.adkar_unit_id),
                         ("briefing", "staff", "U-CUSTOPS"))
        self.assertIn("(2.8 of 5, unit staff profile)", s.reason)
        self.assertIn('"adkar_source": "staff"', p.to_json())
        n = sum(st.intervention == "briefing"
                for e in self.r.ids for st in self.r.plan(e, 40).steps)
        self.assertEqual(n, 116)
        for st in p.steps:
            if st.kind == "course":
                self.assertEqual((st.adkar_source, st.adkar_unit_id),
                                 ("person", None))

    def test_deep_tree_and_long_utf8_names(self):
        # issue 16: group counts beyond 63 levels, reasons beyond 511
        # bytes and never cut inside a character
        wf = airs.Workforce()
        n = 2000
        for d in range(n):
            wf.add_unit("u%05d" % d, "Einheit Nr. %d ü" % d,
                        "u%05d" % (d - 1) if d else None, 0 if d else 3)
        wf.add_role("R")
        name = "Fähigkeit-" * 60 + "ß"
        wf.add_skill("s", name)
        wf.add_requirement("R", "s", 3, 1)
        for d in range(n):
            wf.add_employee("e%05d" % d, "u%05d" % d, "R")
            wf.add_assessment("e%05d" % d, "s", 1.0, "2026-06-30", "test")
        r = wf.score(_util.AS_OF)
        p = r.plan("e01999", 40)
        self.assertGreater(len(name.encode("utf-8")), 511)
        self.assertEqual(p.why, "no course teaches " + name)
        self.assertEqual(p.missing_skills, ("s",))
        with r.plan_org(100) as op:
            self.assertEqual(op.org.headcount, n)
            self.assertEqual(op.group("u00000").headcount, n)
            self.assertEqual(op.group("u00070").headcount, n - 70)
            self.assertEqual(op.group("u01999").headcount, 1)

    def test_cohorts_agree_with_what_can_be_scheduled(self):
        # issue 16: the report recommended C-VERIFY to 183 people whom an
        # unlimited organisation plan could schedule it for only 13 (its
        # prerequisite was out of reach); with practice it reaches all
        with self.r.plan_org(1e6) as op:
            co = {c.course_id: c for c in op.cohorts}
        self.assertEqual((co["C-VERIFY"].employees, co["C-VERIFY"].planned),
                         (183, 183))
        self.assertGreaterEqual(co["C-AIFUND"].planned, 183)

    def test_zero_budget(self):
        p = self.r.plan(self.emp, 0)
        self.assertEqual(p.hours, 0)
        self.assertTrue(all(s.hours == 0 for s in p.steps))

    def test_budget_required(self):
        # 1.1 planned a budget of 0 h when none was given, silently
        with self.assertRaises(TypeError) as cm:
            self.r.plan(self.emp)
        self.assertEqual(str(cm.exception),
                         "plan() needs budget_hours, the learning hours to "
                         "plan within (the CLI's --budget HOURS), e.g. "
                         "result.plan(%r, 40); 0 plans the change "
                         "interventions only" % self.emp)

    def test_deterministic(self):
        self.assertEqual(self.r.plan(self.emp, 25), self.r.plan(self.emp, 25))

    def test_errors(self):
        with self.assertRaises(airs.NotFound):
            self.r.plan("nobody", 10)
        with self.assertRaises(airs.ParameterError) as cm:
            self.r.plan(self.emp, -1)
        self.assertTrue(cm.exception.message)
        with self.assertRaises(airs.ParameterError):
            self.r.plan_org(100, "fastest")
        with self.assertRaises(airs.NotFound) as cm:
            self.r.plan_org(100, unit_budgets={"U-NOPE": 10})
        self.assertIn("U-NOPE", cm.exception.message)

    def test_org_plan(self):
        with self.r.plan_org(2000, "equity", max_hours_per_employee=16) as op:
            org = op.org
            self.assertIsNone(org.unit_id)
            self.assertEqual(org.headcount, 250)
            self.assertLessEqual(org.hours, 2000 + 1e-6)
            self.assertGreaterEqual(org.projected_mean, org.readiness_mean - 1e-9)
            allocs = op.allocations
            self.assertEqual([a.employee_id for a in allocs], self.r.ids)
            self.assertAlmostEqual(sum(a.hours for a in allocs), org.hours, delta=1e-6)
            self.assertTrue(all(a.hours <= 16 + 1e-9 for a in allocs))
            self.assertEqual(sum(1 for a in allocs if a.hours > 0 or a.courses), org.planned)
            groups = op.groups
            self.assertEqual([g.unit_id for g in groups], [u.id for u in self.r.units])
            self.assertEqual(op.group("U-TECH").headcount, self.r.unit("U-TECH").headcount)
            cohorts = op.cohorts
            self.assertTrue(cohorts)
            self.assertEqual(sorted(cohorts, key=lambda c: (-c.employees, c.course_id)), cohorts)
            per_unit = op.cohort_units(0)
            self.assertEqual(per_unit[None], (cohorts[0].employees, cohorts[0].planned))
            self.assertEqual(per_unit["U-CO"], per_unit[None])
            # save() writes what write() returns, into a file object
            import io
            buf = io.BytesIO()
            op.save(buf, "allocations", "csv")
            self.assertEqual(buf.getvalue(), op.write("allocations", "csv"))
            with self.assertRaises(airs.NotFound):
                op.save(buf, "nope")
        with self.assertRaises(airs.Error):
            op.org

    def test_strategies_and_unit_budgets(self):
        for s in airs.STRATEGIES:
            with self.r.plan_org(500, s) as op:
                self.assertLessEqual(op.org.hours, 500 + 1e-6)
        with self.r.plan_org(0, unit_budgets={"U-FIN": 100}) as op:
            self.assertLessEqual(op.org.hours, 100 + 1e-6)
            fin = op.group("U-FIN")
            self.assertAlmostEqual(fin.hours, op.org.hours, delta=1e-6)

    def test_plan_outlives_result_and_workforce(self):
        wf = airs.Workforce.load(_util.SAMPLE)
        r = wf.score(_util.AS_OF)
        op = r.plan_org(300)
        emp = r.ids[0]
        wf.close()
        r.close()
        self.assertEqual(op.org.headcount, 250)
        self.assertEqual(op.allocations[0].employee_id, emp)
        op.close()


class TestPlanExportsAndBiasCheck(unittest.TestCase):
    """Plans are exportable like results; an org plan's allocation can be
    audited for adverse impact (issue 6.3)."""

    @classmethod
    def setUpClass(cls):
        cls.wf = airs.Workforce.load(_util.SAMPLE)
        cls.r = cls.wf.score(_util.AS_OF)
        cls.org = cls.r.plan_org(budget_hours=2000, strategy="equity")

    @classmethod
    def tearDownClass(cls):
        cls.org.close()

    def test_personal_plan_exports(self):
        import csv
        import io
        import json
        p = self.r.plan(self.r.ids[0], budget_hours=30)
        doc = json.loads(p.to_json())
        self.assertEqual(doc["schema"], "airs-plan/1")
        self.assertEqual(doc["provenance"]["input_digest"], self.r.provenance.input_digest)
        rows = list(csv.DictReader(io.StringIO(p.to_csv())))
        self.assertEqual(len(rows), len(p.steps))

    def test_org_plan_exports(self):
        import csv
        import io
        import json
        doc = json.loads(self.org.to_json())
        self.assertIn("allocations", doc)
        rows = list(csv.DictReader(io.StringIO(self.org.to_csv("allocations"))))
        self.assertEqual(len(rows), len(self.r.ids))
        self.assertEqual(self.org.provenance, self.r.provenance)
        self.assertEqual(self.org.to_json(), self.org.to_json())  # deterministic
        with self.assertRaises(airs.NotFound):
            self.org.write("nope")
        with self.assertRaises(airs.Error):
            self.org.write("all", "csv")

    def test_outcome_vectors_match_allocations(self):
        sel = self.org.outcome("selected")
        hours = self.org.outcome("hours")
        self.assertEqual(len(sel), len(self.r.ids))
        by_id = {a.employee_id: a for a in self.org.allocations}
        for i, eid in enumerate(self.r.ids):
            self.assertAlmostEqual(hours[i], by_id[eid].hours, delta=1e-9)
            self.assertIn(sel[i], (0.0, 1.0))
        with self.assertRaises(ValueError):
            self.org.outcome("cost")

    def test_bias_check_of_the_allocation(self):
        a = self.r.audit("gender", outcome="plan_selected", plan=self.org)
        self.assertEqual(a.outcome, "plan_selected")
        self.assertTrue(a.tables[0].rows)
        h = self.r.audit("gender", outcome="plan_hours", plan=self.org)
        self.assertEqual(h.outcome, "plan_hours")
        with self.assertRaises(ValueError):
            self.r.audit("gender", outcome="plan_hours")

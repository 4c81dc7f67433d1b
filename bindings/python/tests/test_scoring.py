"""Workforce building, Params and Result, on the worked example of
docs/methodology.md section 7 and on the sample company."""
import datetime
import io
import math
import os
import tempfile
import unittest
from array import array

import airs

from . import _util

try:
    import pandas
except ImportError:  # pragma: no cover
    pandas = None

EPS = 1e-9


class TestWorkedExample(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.wf = _util.worked_example()
        cls.r = cls.wf.score(_util.AS_OF)

    def test_counts(self):
        c = self.wf.counts()
        self.assertEqual((c["unit"], c["role"], c["skill"], c["role_skill"], c["employee"]),
                         (3, 1, 3, 3, 3))
        self.assertEqual((c["assessment"], c["training"], c["survey_item"], c["response"],
                          c["usage"], c["attribute"]), (4, 2, 4, 8, 9, 3))
        self.assertEqual(len(self.wf), 3)
        self.assertEqual(self.wf.count("employee"), 3)
        self.assertTrue(self.wf.finished)
        self.assertRegex(self.wf.digest, "^[0-9a-f]{64}$")

    def test_readiness(self):
        r = self.r
        self.assertEqual(r.as_of, datetime.date(2026, 6, 30))
        self.assertEqual(len(r), 3)
        self.assertEqual(r.ids, ["E1", "E2", "E3"])
        e1, e2, e3 = r.employee("E1"), r.employee("E2"), r.employee("E3")
        self.assertAlmostEqual(e1.readiness, 91.25, delta=EPS)
        self.assertAlmostEqual(e2.readiness, 34825 / 888, delta=EPS)
        # E3: no skill assessment, too little evidence (methodology 1.1)
        self.assertTrue(math.isnan(e3.readiness))
        self.assertEqual(list(r.readiness)[:2], [e1.readiness, e2.readiness])
        self.assertTrue(math.isnan(list(r.readiness)[2]))

    def test_employee_records(self):
        e1, e2, e3 = self.r.employees
        self.assertEqual((e1.id, e1.unit_id, e1.role_id, e1.is_leader),
                         ("E1", "TEAM-A", "analyst", True))
        self.assertEqual((e1.level, e1.target), (5, 4))
        self.assertAlmostEqual(e1.gap_levels, -1, delta=EPS)
        self.assertAlmostEqual(e1.gap_points, -31.25, delta=EPS)
        self.assertAlmostEqual(e1.skill, 1, delta=EPS)
        self.assertAlmostEqual(e1.training, 0.5625, delta=EPS)
        self.assertAlmostEqual(e1.adoption, 1, delta=EPS)
        self.assertTrue(math.isnan(e1.sentiment))
        self.assertEqual(e1.withheld, ("sentiment",))
        self.assertEqual(e1.coverage, ("skill", "training", "adoption"))
        self.assertEqual(e1.flags, ("overconfidence",))
        self.assertEqual(e1.barrier, "none")
        self.assertAlmostEqual(e1.knowledge, 5, delta=EPS)
        self.assertEqual(e1.awareness, 0)
        self.assertEqual((e2.level, e2.flags, e2.barrier), (2, ("left_behind",), "ability"))
        self.assertAlmostEqual(e2.gap_points, 20.782657658, delta=EPS)
        self.assertAlmostEqual(e2.skill_coverage, 2 / 3, delta=EPS)
        self.assertAlmostEqual(e2.training, 0.09375, delta=EPS)
        self.assertAlmostEqual(e2.adoption, 0.25, delta=EPS)
        self.assertEqual((e3.level, e3.target, e3.flags, e3.barrier),
                         (0, 3, (), "ability"))
        self.assertTrue(math.isnan(e3.skill))
        # methodology 1.1, worked example: ranges and evidence
        self.assertEqual((e1.readiness_low, e1.readiness_high),
                         (e1.readiness, e1.readiness))
        self.assertAlmostEqual(e2.readiness_low, 6965 / 216, delta=EPS)
        self.assertAlmostEqual(e2.readiness_high, 10805 / 216, delta=EPS)
        self.assertEqual((e2.evidence, e2.skills_required, e2.skills_assessed),
                         ("sufficient", 2, 1))
        self.assertEqual((e3.readiness_low, e3.evidence), (0, "no_skill_assessment"))
        self.assertAlmostEqual(e3.readiness_high, 160 / 3, delta=EPS)
        self.assertEqual(e3.evidence_note,
                         "no skill assessment (0 of 2 required skills assessed)")
        with self.assertRaises(Exception):
            e1.readiness = 0  # frozen

    def test_explain(self):
        lines = self.r.explain("E1")
        # one line per required skill (ethics is listed at level 0: not
        # required), then the three other components
        self.assertEqual(sorted(c.skill_id for c in lines[:2]), ["data", "prompting"])
        self.assertEqual([c.component for c in lines],
                         ["skill", "skill", "training", "sentiment", "adoption"])
        pts = {(c.component, c.skill_id): c.points for c in lines}
        self.assertAlmostEqual(pts[("skill", "prompting")], 35.5556, delta=1e-4)
        self.assertAlmostEqual(pts[("skill", "data")], 17.7778, delta=1e-4)
        self.assertAlmostEqual(pts[("training", None)], 11.25, delta=EPS)
        self.assertAlmostEqual(pts[("adoption", None)], 26.6667, delta=1e-4)
        self.assertAlmostEqual(sum(c.points for c in lines), 91.25, delta=EPS)
        status = {(c.component, c.skill_id): c.status for c in lines}
        self.assertEqual(status[("sentiment", None)], "withheld")
        e2 = self.r.explain("E2")
        self.assertAlmostEqual(sum(c.points for c in e2), 34825 / 888, delta=EPS)
        data = [c for c in e2 if c.skill_id == "data"][0]
        self.assertEqual(data.status, "not_assessed")
        self.assertTrue(math.isnan(data.value))
        self.assertEqual(data.required, 2)

    def test_units(self):
        units = {u.id: u for u in self.r.units}
        self.assertEqual(list(units), ["ORG", "TEAM-A", "TEAM-B"])
        a = units["TEAM-A"]
        self.assertEqual((a.headcount, a.target, a.parent_id, a.depth), (2, 4, "ORG", 1))
        self.assertAlmostEqual(a.readiness_mean, 65.233671171, delta=EPS)
        self.assertAlmostEqual(a.readiness_median, 65.233671171, delta=EPS)
        self.assertEqual(a.levels, (0, 0, 1, 0, 0, 1))
        self.assertAlmostEqual(a.gap_mean, 0.5, delta=EPS)
        self.assertAlmostEqual(a.below_target_share, 0.5, delta=EPS)
        self.assertEqual(a.flag_count("overconfidence"), 1)
        # left_behind counts what individual results show (never
        # suppressed); fatigue and no_benefit are protected as answers of
        # the people whose flag turned on them - nobody's here (no recent
        # training, no benefit item answered), so their 0 is shown
        self.assertEqual(a.flag_count("left_behind"), 1)
        self.assertEqual(a.flag_count("fatigue"), 0)
        self.assertEqual(a.flag_count("no_benefit"), 0)
        # TEAM-B's only member has too little evidence: counted apart
        b = self.r.unit("TEAM-B")
        self.assertTrue(math.isnan(b.below_target_share))
        self.assertEqual((b.insufficient, b.levels[0], b.scored), (1, 1, 0))
        org = self.r.org
        self.assertIsNone(org.id)
        self.assertEqual((org.headcount, org.scored, org.insufficient), (3, 2, 1))
        self.assertAlmostEqual(org.readiness_mean, 65.233671171, delta=EPS)
        self.assertAlmostEqual(org.readiness_median, 65.233671171, delta=EPS)
        self.assertAlmostEqual(org.below_target_share, 1 / 2, delta=EPS)

    def test_skill_gaps(self):
        gaps = self.r.skill_gaps("TEAM-A")
        self.assertEqual(set(gaps), {"prompting", "data", "ethics"})
        gap, count = gaps["prompting"]
        self.assertEqual(count, 2)
        self.assertGreaterEqual(gap, 0)

    def test_opt_in_sentiment(self):
        r = self.wf.score({"as_of": "2026-06-30", "privacy.individual_sentiment": True})
        e1, e2 = r.employee("E1"), r.employee("E2")
        self.assertAlmostEqual(e1.readiness, 88.75, delta=EPS)
        self.assertAlmostEqual(e1.sentiment, 0.8125, delta=EPS)
        self.assertEqual((e1.awareness, e1.desire, e1.knowledge, e1.ability,
                          e1.reinforcement), (5, 4, 5, 5, 4))
        self.assertAlmostEqual(e2.readiness, 35.116185897, delta=EPS)
        self.assertEqual(e2.barrier, "awareness")
        s = r.sentiment("E1")
        self.assertAlmostEqual(s["security"], 0.75, delta=EPS)
        self.assertTrue(math.isnan(s["voice"]))

    def test_suppressed_survey_aggregates(self):
        c = self.r.construct("clarity")
        self.assertIsNone(c.respondents)
        self.assertTrue(math.isnan(c.mean))
        self.assertIsNone(self.r.construct("trust", "TEAM-A").respondents)

    def test_unit_adkar_profile(self):
        """Methodology 4.6 on the worked example (as tests/test-export.c's
        units table shows it): the survey elements hidden with their
        constructs, Knowledge and Ability from the members."""
        a = self.r.adkar("TEAM-A")
        self.assertEqual(a.suppressed, ("awareness", "desire", "reinforcement"))
        self.assertTrue(math.isnan(a.elements["awareness"]))
        self.assertIsNone(a.sources["awareness"])
        self.assertAlmostEqual(a.elements["knowledge"], 4.333333334, delta=EPS)
        self.assertAlmostEqual(a.elements["ability"], 3.5, delta=EPS)
        self.assertEqual(a.sources["knowledge"], "unit")
        self.assertEqual((a.knowledge_n, a.ability_n, a.barrier), (2, 2, "none"))
        self.assertEqual(a.barriers["ability"] + a.barriers["none"], 2)
        o = self.r.adkar()
        self.assertEqual((o.unit_id, o.barrier), (None, "ability"))
        self.assertEqual(sum(o.barriers.values()), 3)
        self.assertEqual(self.r.adkar("TEAM-B").suppressed, ())
        with self.assertRaises(airs.NotFound):
            self.r.adkar("nowhere")

    def test_columns(self):
        self.assertEqual(self.r.columns, airs.COLUMNS)
        for name in airs.COLUMNS:
            col = self.r.column(name)
            self.assertIsInstance(col, array)
            self.assertEqual(len(col), 3)
        self.assertEqual(list(self.r.level), [5, 2, 0])
        self.assertEqual(list(self.r.column("is_leader")), [1, 0, 0])
        self.assertEqual(list(self.r.gap_levels)[:2], [-1, 2])
        self.assertTrue(math.isnan(list(self.r.gap_levels)[2]))
        self.assertEqual(list(self.r.column("evidence")), [0, 0, 2])
        self.assertEqual(list(self.r.column("readiness_low"))[2], 0)

    def test_coverage_and_as_of(self):
        c = self.r.coverage()
        self.assertEqual((c.employees, c.scored, c.insufficient), (3, 2, 1))
        self.assertEqual(c.reasons["no_skill_assessment"], 1)
        self.assertEqual(c.inputs["assessments"], 2)
        self.assertIsNone(c.inputs["responses"])  # 2 answered: hidden
        self.assertEqual(self.r.coverage("TEAM-B").insufficient, 1)
        with self.assertRaises(airs.NotFound):
            self.r.coverage("nowhere")
        ai = self.r.as_of_info
        self.assertEqual((ai.rule, ai.as_of, ai.left_out),
                         ("given", datetime.date(2026, 6, 30), 0))
        self.assertEqual(self.r.provenance.as_of_rule, "given")
        auto = self.wf.score({"as_of": "auto"}).as_of_info
        self.assertEqual(auto.rule, "latest_evidence")
        self.assertEqual(auto.as_of, auto.latest)

    def test_to_records(self):
        recs = self.r.to_records()
        self.assertEqual([r["employee_id"] for r in recs], ["E1", "E2", "E3"])
        e1 = recs[0]
        self.assertEqual(set(e1), {"employee_id", *airs.COLUMNS})
        self.assertAlmostEqual(e1["readiness"], 91.25, delta=EPS)
        self.assertEqual((e1["level"], e1["barrier"], e1["is_leader"]), (5, "none", True))
        self.assertIsInstance(e1["level"], int)
        self.assertEqual(e1["flags"], 8)  # overconfidence bit
        self.assertTrue(math.isnan(e1["sentiment"]))

    @unittest.skipIf(pandas is None, "pandas not installed")
    def test_to_dataframe(self):
        # the columns and exact values: tests/test_analyst.py
        df = self.r.to_dataframe()
        self.assertEqual(list(df.index), ["E1", "E2", "E3"])
        self.assertEqual(df.index.name, "employee_id")
        self.assertAlmostEqual(df.loc["E1", "readiness"], 91.25, delta=EPS)
        self.assertEqual(df.loc["E2", "barrier"], "ability")
        self.assertEqual(str(df["level"].dtype), "Int64")
        self.assertEqual(str(df["is_leader"].dtype), "bool")
        recs = self.r.to_records()
        for rec in recs:
            row = df.loc[rec["employee_id"]]
            for k in ("readiness", "level", "barrier", "is_leader"):
                a, b = row[k], rec[k]
                if isinstance(b, float) and math.isnan(b) or k == "level" and b == 0:
                    self.assertTrue(pandas.isna(a))
                else:
                    self.assertEqual(a, b, k)

    def test_to_dataframe_without_pandas(self):
        import builtins
        real = builtins.__import__

        def no_pandas(name, *a, **k):
            if name in ("pandas", "numpy"):
                raise ImportError("No module named " + name)
            return real(name, *a, **k)

        builtins.__import__ = no_pandas
        try:
            with self.assertRaises(ImportError) as cm:
                self.r.to_dataframe()
        finally:
            builtins.__import__ = real
        self.assertIn("pandas", str(cm.exception))
        self.assertIn("to_records", str(cm.exception))

    def test_same_content_any_route(self):
        """The add API, add_tables and a folder give the same model."""
        digest = self.wf.digest
        wf2 = _util.worked_example()
        self.assertEqual(wf2.digest, digest)
        wf2.close()


class TestBuilding(unittest.TestCase):
    def test_every_add_method(self):
        wf = airs.Workforce()
        wf.add_unit("U", "Unit", target_level=3)
        wf.add_unit("U2", "Child", parent_id="U")
        wf.add_role("R", "Role")
        wf.add_skill("S1", "One", category="basics")
        wf.add_skill("S2", "Two", prerequisites={"S1": 2})
        wf.add_requirement("R", "S1", 2)
        wf.add_requirement("R", "S2", 3, weight=2)
        wf.add_employee("B", "U", "R", True)
        wf.add_employee("A", "U2", "R", manager_id="B", attributes={"age_band": "30-39"})
        wf.set_manager("A", None)
        wf.set_manager("A", "B")
        wf.set_attribute("A", "gender", "x")
        wf.set_attribute("A", "gender", None)
        wf.add_assessment("A", "S1", 2.5, datetime.date(2026, 5, 1), "certification")
        wf.add_course("C1", "Course", "S1", 8, level_gain=1.5, format="workshop", cost=100)
        wf.add_training("A", 8, "2026-05-01", course_id="C1", status="in_progress")
        wf.add_training("B", 2, "2026-05-02", skill_id="S2", status="planned")
        wf.add_survey_item("Q1", "usefulness", scale_min=1, scale_max=7, text="Useful?")
        wf.add_response("A", "Q1", 6, "2026-05-03")
        wf.add_usage("A", "chat", datetime.date(2026, 5, 1), 10)
        c = wf.counts()
        self.assertEqual((c["prerequisite"], c["course"], c["training"], c["attribute"]),
                         (1, 1, 2, 1))
        r = wf.score({"as_of": datetime.date(2026, 6, 30)})
        self.assertEqual(r.ids, ["A", "B"])
        self.assertEqual(r.employee("A").unit_id, "U2")
        self.assertEqual(r.employee("A").target, 3)
        self.assertIn("Workforce 2 employees", repr(wf))

    def test_add_tables_and_dataframe(self):
        tables = {}
        for name in airs.TABLES:
            path = os.path.join(_util.SAMPLE, name + ".csv")
            if os.path.exists(path):
                with open(path, encoding="utf-8") as f:
                    tables[name] = f.read()
        ref = airs.Workforce.load(_util.SAMPLE)
        wf = airs.Workforce()
        wf.add_tables(dict(reversed(list(tables.items()))))
        self.assertEqual(wf.digest, ref.digest)
        # one at a time, in dependency order, bytes and str
        wf2 = airs.Workforce()
        for name in airs.TABLES:
            if name in tables:
                wf2.add_table(name + ".csv", tables[name].encode())
        self.assertEqual(wf2.digest, ref.digest)
        if pandas is not None:
            wf3 = airs.Workforce()
            wf3.add_tables({n: pandas.read_csv(io.StringIO(t), dtype=str,
                                               keep_default_na=False)
                            for n, t in tables.items()})
            self.assertEqual(wf3.counts(), ref.counts())

    def test_waves(self):
        """Survey figures read the latest closed wave (methodology 4.1):
        five answers in W1, none in the open W2."""
        wf = airs.Workforce()
        wf.add_unit("U", "Unit")
        wf.add_role("R", "Role")
        wf.add_survey_item("Q", "clarity")
        wf.add_wave("W1", "2026-06-01", "2026-06-15")
        wf.add_wave("W2", "2026-06-16", "2026-07-15")
        for i in range(6):
            wf.add_employee("E%d" % i, "U", "R")
            wf.add_response("E%d" % i, "Q", 4, "2026-06-0%d" % (i + 1), wave_id="W1")
        wf.add_response("E0", "Q", 5, "2026-06-20")
        wf.add_response("E0", "Q", 5, "2026-07-20")   # data past W2's end
        with self.assertRaisesRegex(airs.Error, "outside wave"):
            wf.add_response("E1", "Q", 5, "2026-06-20", wave_id="W1")
        with self.assertRaisesRegex(airs.Error, "overlap wave"):
            wf.add_wave("W3", "2026-07-15", "2026-07-30")
        r = wf.score({"as_of": "2026-07-14", "anonymity.min_group": 5})
        self.assertEqual(r.construct("clarity").respondents, 6)
        r = wf.score({"as_of": "2026-07-15", "anonymity.min_group": 5})
        self.assertIsNone(r.construct("clarity").respondents)

    def test_add_table_after_add_api(self):
        wf = airs.Workforce()
        wf.add_unit("U1", "One")
        wf.add_role("R1", "Role")
        wf.add_table("employees", "employee_id,unit_id,role_id\nE1,U1,R1\n")
        self.assertEqual(len(wf), 1)


class TestParams(unittest.TestCase):
    def test_defaults_and_mapping(self):
        p = airs.Params()
        info = airs.describe_params()
        self.assertEqual([i.name for i in info], list(p))
        self.assertEqual(len(p), len(info))
        self.assertIn("weights.skill", p)
        self.assertNotIn("weights_skill", p)
        self.assertEqual(p["as_of"], "auto")
        for i in info:
            self.assertEqual(p.text(i.name), i.default, i.name)
            self.assertTrue(i.description, i.name)
        self.assertEqual(dict(p)["weights.skill"], p["weights.skill"])

    def test_set_and_digest(self):
        p = airs.Params()
        d0 = p.digest
        self.assertRegex(d0, "^[0-9a-f]{64}$")
        p["weights.skill"] = 0.5
        self.assertEqual(p["weights.skill"], 0.5)
        self.assertNotEqual(p.digest, d0)
        p["as_of"] = datetime.date(2026, 6, 30)
        self.assertEqual(p["as_of"], "2026-06-30")
        p["privacy.individual_sentiment"] = True
        self.assertEqual(p["privacy.individual_sentiment"], 1)
        p["as_of"] = None
        self.assertEqual(p["as_of"], "auto")
        q = airs.Params({"weights.skill": "0.5", "privacy.individual_sentiment": 1})
        self.assertEqual(q.digest, p.digest)
        p.reset()
        self.assertEqual(p.digest, d0)
        self.assertEqual(p.to_text()["weights.skill"], p.text("weights.skill"))

    def test_files_and_text(self):
        with tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False) as f:
            f.write("# test\nas_of = 2026-06-30\n[weights]\nskill = 0.5 ; inline\n")
        try:
            p = airs.Params.from_file(f.name)
        finally:
            os.unlink(f.name)
        self.assertEqual(p["as_of"], "2026-06-30")
        self.assertEqual(p["weights.skill"], 0.5)
        q = airs.Params()
        q.load_text("as_of = 2026-06-30\n[weights]\nskill = 0.5\n")
        self.assertEqual(q.digest, p.digest)

    def test_params_object_and_dict_score_the_same(self):
        wf = _util.worked_example()
        with airs.Params(_util.AS_OF) as p:
            a = wf.score(p).to_records()
        b = wf.score(_util.AS_OF).to_records()
        self.assertEqual(repr(a), repr(b))

    def test_result_keeps_its_own_params(self):
        wf = _util.worked_example()
        p = airs.Params(_util.AS_OF)
        r = wf.score(p)
        p.close()
        p.close()
        self.assertAlmostEqual(r.employee("E1").readiness, 91.25, delta=EPS)
        with self.assertRaises(airs.Error):
            p["weights.skill"]

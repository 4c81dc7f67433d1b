"""Python for analysts (issue 21, item 6): DataFrames with ids, names,
flag and coverage columns and honest unknowns; ids given as numbers;
valid values in error messages; ``python -m airs``.  Exact values on the
worked example of docs/methodology.md section 7 (tests/_util.py)."""
import math
import os
import subprocess
import sys
import tempfile
import unittest

import airs
from airs import __main__ as cli_main

from . import _util

try:
    import numpy
    import pandas
except ImportError:  # pragma: no cover
    pandas = None

EPS = 1e-9
FRAME_COLUMNS = [
    "unit_id", "unit_name", "role_id", "role_name", "is_leader", "readiness",
    "level", "target", "gap_levels", "gap_points", "skill", "training",
    "sentiment", "adoption", "skill_coverage", "awareness", "desire",
    "knowledge", "ability", "reinforcement", "barrier", "readiness_low",
    "readiness_high", "evidence", "skills_required", "skills_assessed",
    "flag_left_behind", "flag_fatigue", "flag_reversion",
    "flag_overconfidence", "flag_no_benefit", "flag_lapsed",
    "coverage_skill", "coverage_training", "coverage_sentiment",
    "coverage_adoption", "withheld_skill", "withheld_training",
    "withheld_sentiment", "withheld_adoption"]


def _na(v):
    return v is None or v is pandas.NA or (isinstance(v, float) and math.isnan(v))


@unittest.skipIf(pandas is None, "pandas not installed")
class TestEmployeesFrame(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.wf = _util.worked_example()
        cls.r = cls.wf.score(_util.AS_OF)
        cls.df = cls.r.to_dataframe()

    def test_columns(self):
        self.assertEqual(list(self.df.columns), FRAME_COLUMNS)
        self.assertEqual(list(self.df.index), ["E1", "E2", "E3"])
        # no column hides behind a DataFrame attribute (df.flags did)
        self.assertEqual([c for c in self.df.columns if hasattr(pandas.DataFrame, c)], [])
        for c in self.df.columns:
            self.assertTrue(getattr(self.df, c).equals(self.df[c]), c)

    def test_ids_and_names(self):
        df = self.df
        self.assertEqual(list(df.unit_id), ["TEAM-A", "TEAM-A", "TEAM-B"])
        self.assertEqual(list(df.unit_name), ["TEAM-A", "TEAM-A", "TEAM-B"])
        self.assertEqual(list(df.role_id), ["analyst"] * 3)
        self.assertEqual(list(df.role_name), ["Analyst"] * 3)
        self.assertEqual(list(df.is_leader), [True, False, False])

    def test_unknowns_are_na(self):
        df = self.df
        # E3 has no skill assessment: no readiness, no level
        self.assertEqual(str(df.level.dtype), "Int64")
        self.assertEqual(list(df.level[:2]), [5, 2])
        self.assertIs(df.level["E3"], pandas.NA)
        self.assertEqual(list(df.target), [4, 4, 3])
        self.assertTrue(math.isnan(df.readiness["E3"]))
        # ADKAR elements nobody measured were 0.0 in 1.1; now NaN
        self.assertTrue(df.awareness.isna().all())
        self.assertTrue(df.reinforcement.isna().all())
        self.assertEqual(df.knowledge["E1"], 5.0)
        self.assertAlmostEqual(df.knowledge["E2"], 11 / 3, delta=EPS)
        self.assertTrue(math.isnan(df.knowledge["E3"]))
        self.assertEqual(list(df.ability), [5.0, 2.0, 1.0])
        self.assertTrue(math.isnan(df.awareness.mean()))  # was 0.0
        self.assertEqual(list(df.barrier), ["none", "ability", "ability"])
        self.assertEqual(list(df.evidence),
                         ["sufficient", "sufficient", "no_skill_assessment"])
        self.assertEqual(list(df.skills_assessed), [2, 1, 0])

    def test_flags(self):
        df = self.df
        self.assertEqual(str(df.flag_left_behind.dtype), "boolean")
        # raised, not raised, and <NA> where the rule could not be evaluated
        want = {"left_behind": [False, True, None],
                "fatigue": [None, None, None],
                "reversion": [False, False, False],
                "overconfidence": [True, None, None],
                "no_benefit": [None, None, None],
                "lapsed": [False, False, False]}
        for flag, values in want.items():
            got = [None if v is pandas.NA else bool(v) for v in df["flag_" + flag]]
            self.assertEqual(got, values, flag)
        # the same as the records' raised and evaluated flags
        for e in self.r.employees:
            for flag in airs._names.EMPLOYEE_FLAGS:
                v = df.loc[e.id, "flag_" + flag]
                if flag in e.flags_evaluated:
                    self.assertEqual(bool(v), flag in e.flags, (e.id, flag))
                else:
                    self.assertIs(v, pandas.NA, (e.id, flag))

    def test_coverage(self):
        df = self.df
        self.assertEqual(list(df.coverage_skill), [True, True, False])
        self.assertEqual(list(df.coverage_training), [True, True, True])
        self.assertEqual(list(df.coverage_sentiment), [False, False, False])
        self.assertEqual(list(df.coverage_adoption), [True, True, True])
        self.assertEqual(list(df.withheld_sentiment), [True, True, True])
        self.assertEqual(list(df.withheld_skill), [False, False, False])
        self.assertEqual(str(df.coverage_skill.dtype), "bool")

    def test_empty_result(self):
        wf = airs.Workforce()
        df = wf.score(_util.AS_OF).to_dataframe()
        self.assertEqual((len(df), list(df.columns)), (0, FRAME_COLUMNS))
        self.assertEqual([str(df[c].dtype) for c in FRAME_COLUMNS[:5]],
                         ["object"] * 4 + ["bool"])
        wf.close()

    def test_sample_agrees_with_the_records(self):
        wf = airs.Workforce.load(_util.SAMPLE)
        r = wf.score(_util.AS_OF)
        df = r.to_dataframe()
        self.assertEqual(len(df), 250)
        units = {u.id: u.name for u in r.units}
        self.assertEqual(df.loc["E000002", "unit_name"], "Customer Operations")
        self.assertEqual(df.loc["E000002", "role_name"], "Executive")
        for e in r.employees:
            row = df.loc[e.id]
            self.assertEqual((row.unit_id, row.role_id, row.unit_name),
                             (e.unit_id, e.role_id, units[e.unit_id]))
            self.assertEqual(_na(row.level), e.level == 0)
            self.assertEqual(_na(row.awareness), e.awareness == 0)
            self.assertEqual(bool(row.coverage_training), "training" in e.coverage)
        # counts agree with the organisation's aggregates
        self.assertEqual(int(df.flag_left_behind.sum()), r.org.flags[0][1])
        self.assertEqual(int(df.level.isna().sum()), r.org.insufficient)
        wf.close()


@unittest.skipIf(pandas is None, "pandas not installed")
class TestUnitsFrame(unittest.TestCase):
    def test_worked_example(self):
        wf = _util.worked_example()
        r = wf.score(_util.AS_OF)
        u = r.units_dataframe()
        self.assertEqual(u.index.name, "unit_id")
        self.assertEqual(list(u.index), ["ORG", "TEAM-A", "TEAM-B"])
        self.assertEqual(list(u.parent_id), [None, "ORG", "ORG"])
        self.assertEqual(list(u.headcount), [3, 2, 1])
        self.assertEqual(list(u.scored), [2, 2, 0])
        self.assertEqual(list(u.level_none), [1, 0, 1])
        self.assertEqual([list(u["level_%d" % k]) for k in range(1, 6)],
                         [[0, 0, 0], [1, 1, 0], [0, 0, 0], [0, 0, 0], [1, 1, 0]])
        self.assertEqual(list(u.target), [3, 4, 3])
        mean = (91.25 + 34825 / 888) / 2
        self.assertAlmostEqual(u.readiness_mean["TEAM-A"], mean, delta=EPS)
        self.assertTrue(math.isnan(u.readiness_mean["TEAM-B"]))
        self.assertEqual(list(u.flag_left_behind), [1, 1, 0])
        self.assertEqual(list(u.flag_overconfidence), [1, 1, 0])
        # survey respondents hidden for anonymity are <NA>, not a number
        self.assertEqual(str(u.respondents.dtype), "Int64")
        self.assertIs(u.respondents["ORG"], pandas.NA)
        self.assertEqual(u.respondents["TEAM-B"], 0)
        self.assertEqual((u.readiness_ci_low["TEAM-A"], u.readiness_ci_high["TEAM-A"]),
                         (u.readiness_mean["TEAM-A"],) * 2)
        self.assertEqual([c for c in u.columns if hasattr(pandas.DataFrame, c)], [])
        wf.close()

    def test_sample_agrees_with_units(self):
        wf = airs.Workforce.load(_util.SAMPLE)
        r = wf.score(_util.AS_OF)
        u = r.units_dataframe()
        units = r.units
        self.assertEqual(list(u.index), [x.id for x in units])
        for x in units:
            row = u.loc[x.id]
            self.assertEqual(row["name"], x.name)
            self.assertEqual(int(row.headcount), x.headcount)
            self.assertEqual(row.readiness_mean, x.readiness_mean)
            for name, count in x.flags:
                self.assertEqual(_na(row["flag_" + name]), count is None)
                if count is not None:
                    self.assertEqual(row["flag_" + name], count)
            self.assertEqual(_na(row.respondents), x.respondents is None)
        wf.close()


class TestIds(unittest.TestCase):
    def test_int_ids_are_converted(self):
        wf = airs.Workforce()
        wf.add_unit(10, "Ten", target_level=3)
        wf.add_role(7, "Seven")
        wf.add_skill(3)
        wf.add_requirement(7, 3, 2)
        wf.add_employee(1001, 10, 7)
        wf.add_employee(1002, 10, 7, manager_id=1001)
        wf.add_assessment(1002, 3, 2.0, "2026-01-05")
        r = wf.score(_util.AS_OF)
        self.assertEqual(r.ids, ["1001", "1002"])
        self.assertEqual(r.employee(1002).unit_id, "10")
        self.assertEqual(r.unit(10).headcount, 2)
        self.assertEqual(r.employee(1002).level, r.employee("1002").level)
        wf.close()

    def test_what_cannot_be_converted(self):
        r = _util.worked_example().score(_util.AS_OF)
        with self.assertRaises(TypeError) as cm:
            r.employee(1001.0)
        self.assertEqual(str(cm.exception),
                         "employee_id 1001.0 is a float: ids are text and a "
                         "float may have lost leading zeros or digits; pass "
                         "it as a str (pandas: read the column with "
                         "dtype=str, or convert it with .astype('Int64'))")
        with self.assertRaises(TypeError) as cm:
            r.employee(None)
        self.assertEqual(str(cm.exception),
                         "employee_id must be an id (a str, or an int), not None")
        with self.assertRaises(TypeError) as cm:
            r.unit(True)
        self.assertEqual(str(cm.exception),
                         "unit_id must be an id (a str, or an int), not True")

    @unittest.skipIf(pandas is None, "pandas not installed")
    def test_dataframe_tables_with_numeric_ids(self):
        # pandas reads a numeric id column with blanks as floats
        wf = airs.Workforce()
        wf.add_tables({
            "units": pandas.DataFrame({"unit_id": [10, 11], "name": ["A", "B"],
                                       "parent_id": [numpy.nan, 10.0]}),
            "roles": pandas.DataFrame({"role_id": [7], "name": ["R"]}),
            "employees": pandas.DataFrame({
                "employee_id": [1001, 1002], "unit_id": [10, 11],
                "role_id": [7, 7], "is_leader": [1, 0],
                "manager_id": [numpy.nan, 1001.0]})})
        r = wf.score(_util.AS_OF)
        self.assertEqual(r.ids, ["1001", "1002"])
        self.assertEqual(r.unit("11").parent_id, "10")
        wf.close()
        wf = airs.Workforce()
        with self.assertRaises(ValueError) as cm:
            wf.add_tables({"units": pandas.DataFrame(
                {"unit_id": [10.0, 10.5], "name": ["A", "B"]})})
        self.assertEqual(str(cm.exception),
                         "table units, column unit_id: 10.5 (row 2) is not a "
                         "whole number; ids are text: read the column with "
                         "dtype=str")
        self.assertEqual(wf.count("unit"), 0)


class TestValidValuesListed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.wf = _util.worked_example()
        cls.r = cls.wf.score(_util.AS_OF)

    def check(self, exc, call, message):
        with self.assertRaises(exc) as cm:
            call()
        self.assertEqual(str(cm.exception), message)

    def test_messages(self):
        r = self.r
        self.check(airs.ParameterError, lambda: r.plan_org(10, "fastest"),
                   "unknown strategy 'fastest' (target_first, efficiency, "
                   "equity, blend)")  # as `airs plan --strategy` says
        self.check(airs.ParameterError, lambda: r.drivers("happiness"),
                   "unknown outcome 'happiness' (adoption, time_saved, "
                   "recommend, usefulness)")
        self.check(airs.NotFound, lambda: r.construct("mood"),
                   "unknown construct 'mood' (clarity, usefulness, trust, "
                   "security, support, voice, recommend, time_saved, "
                   "error_change)")
        self.check(airs.ParameterError, lambda: r.write("units", "xml"),
                   "unknown format 'xml' (json, csv)")
        self.check(airs.NotFound, lambda: self.wf.count("units"),
                   "unknown kind 'units' (unit, role, skill, prerequisite, "
                   "role_skill, employee, assessment, course, training, "
                   "survey_item, response, usage, attribute, tool)")
        wf = airs.Workforce()
        self.check(airs.DataError, lambda: wf.add_assessment(
            "E1", "S", 3, "2026-01-01", source="peer"),
            "unknown source 'peer' (self, manager, test, certification)")
        self.check(airs.DataError, lambda: wf.add_training(
            "E1", 2, "2026-01-01", status="done"),
            "unknown status 'done' (completed, in_progress, planned)")


class TestMain(unittest.TestCase):
    def run_main(self, *args, env=None):
        e = dict(os.environ)
        e.update(env or {})
        return subprocess.run([sys.executable, "-m", "airs", *args], env=e,
                              capture_output=True, timeout=300,
                              cwd=_util.PYROOT)

    def cli(self):
        return os.path.join(_util.build_dir(), "examples", "airs")

    def test_report_is_the_clis(self):
        if not os.path.exists(self.cli()):
            self.skipTest("the airs CLI is not built")
        got = self.run_main()
        want = subprocess.run([self.cli(), "report"], capture_output=True,
                              timeout=300)
        self.assertEqual(got.returncode, 0, got.stderr)
        self.assertEqual(got.stdout, want.stdout)
        self.assertIn(b"AI readiness report", got.stdout)
        # options go to the report; a command first runs that command
        got = self.run_main("--data", _util.SAMPLE, "--format", "json")
        want = subprocess.run([self.cli(), "report", "--data", _util.SAMPLE,
                               "--format", "json"], capture_output=True)
        self.assertEqual((got.returncode, got.stdout), (0, want.stdout))
        got = self.run_main("tools", "--data", _util.SAMPLE)
        want = subprocess.run([self.cli(), "tools", "--data", _util.SAMPLE],
                              capture_output=True)
        self.assertEqual((got.returncode, got.stdout), (0, want.stdout))
        # the CLI's exit status and message
        got = self.run_main("--unit", "U-NOPE")
        self.assertEqual((got.returncode, got.stderr),
                         (1, b"airs report: no unit 'U-NOPE' in the data\n"))

    def test_not_found(self):
        got = self.run_main(env={"AIRS_CLI": "/nonexistent/airs"})
        self.assertEqual(got.returncode, 127)
        self.assertIn(b"AIRS_CLI: /nonexistent/airs", got.stderr)
        self.assertIn(b"was not found", got.stderr)

    def test_where_it_looks(self):
        with tempfile.TemporaryDirectory() as tmp:
            lib = os.path.join(tmp, "usr", "lib", "x86_64-linux-gnu")
            os.makedirs(lib)
            os.makedirs(os.path.join(tmp, "usr", "bin"))
            self.assertIn(os.path.join(tmp, "usr", "bin", "airs"),
                          list(cli_main._beside_library(os.path.join(lib, "libairs.so.1"))))
            build = os.path.join(tmp, "build", "lib", "libairs.so")
            self.assertEqual(next(cli_main._beside_library(build)),
                             os.path.join(tmp, "build", "examples", "airs"))
        self.assertEqual(cli_main.arguments([]), ["report"])
        self.assertEqual(cli_main.arguments(["--unit", "U"]), ["report", "--unit", "U"])
        self.assertEqual(cli_main.arguments(["plan", "--org"]), ["plan", "--org"])
        self.assertEqual(cli_main.arguments(["--version"]), ["--version"])



class TestInstallList(unittest.TestCase):
    def test_meson_installs_every_module(self):
        # bindings/python/meson.build lists the files -Dpython=true and the
        # wheel install; 1.1's list lacked _drivers.py
        import re
        text = open(os.path.join(_util.PYROOT, "meson.build"), encoding="utf-8").read()
        listed = set(re.findall(r"'airs/([^']+)'", text))
        package = os.path.join(_util.PYROOT, "airs")
        want = {f for f in os.listdir(package) if f.endswith(".py") or f == "py.typed"}
        self.assertEqual(listed, want)


if __name__ == "__main__":
    unittest.main()

"""Strings with NUL bytes and integers out of range, at every public
entry point that passes them to the library (issue 24).

A C string ends at its first NUL byte and a ctypes integer keeps its low
bits: the old bindings stored "U1\\x00evil" as U1 and target_level
2**64 + 5 as 5.  Each is now a ValueError naming the argument, raised
before anything reaches the library."""
from __future__ import annotations

import ctypes
import unittest

import airs
from airs import _ffi

from . import _util

BAD = "X\x00evil"
INT = (-2 ** 31, 2 ** 31 - 1)                       # C int, int32_t
SIZE = (0, 2 ** (8 * ctypes.sizeof(ctypes.c_size_t)) - 1)


def nul(what: str, value: str = BAD) -> str:
    return "%s contains a NUL byte: %r" % (what, value)


def out_of_range(what: str, value: int, bounds=INT) -> str:
    return "%s must be in %d..%d, not %d" % (what, bounds[0], bounds[1], value)


def small_workforce() -> airs.Workforce:
    wf = airs.Workforce()
    wf.add_unit("U1", "One", target_level=3)
    wf.add_role("R1", "Role")
    wf.add_skill("S1")
    wf.add_employee("E1", "U1", "R1", attributes={"gender": "female"})
    wf.add_employee("E2", "U1", "R1")
    wf.add_course("C1", "Course", "S1", 4)
    wf.add_survey_item("Q1", "trust")
    return wf


class ArgumentCase(unittest.TestCase):
    def check(self, cases):
        """cases: (label, call, exact message); each call must raise
        ValueError with exactly that message."""
        for label, call, message in cases:
            with self.subTest(label):
                with self.assertRaises(ValueError) as cm:
                    call()
                self.assertEqual(str(cm.exception), message)
                self.assertNotIsInstance(cm.exception, airs.Error)


class TestWorkforceArguments(ArgumentCase):
    def setUp(self):
        self.wf = small_workforce()
        self.before = self.wf.counts()

    def tearDown(self):
        # nothing was added, not even the part before the NUL byte
        self.assertEqual(self.wf.counts(), self.before)
        self.wf.close()

    def test_the_issue_examples(self):
        with self.assertRaises(ValueError) as cm:
            self.wf.add_unit("U2\x00evil")
        self.assertEqual(str(cm.exception),
                         "unit id contains a NUL byte: 'U2\\x00evil'")
        with self.assertRaises(ValueError) as cm:
            self.wf.add_unit("U2", target_level=2 ** 64 + 5)
        self.assertEqual(str(cm.exception),
                         "target_level must be in -2147483648..2147483647, "
                         "not 18446744073709551621")

    def test_nul_bytes_in_records(self):
        wf = self.wf
        self.check([
            ("add_unit id", lambda: wf.add_unit(BAD), nul("unit id")),
            ("add_unit name", lambda: wf.add_unit("U2", BAD), nul("name")),
            ("add_unit parent_id", lambda: wf.add_unit("U2", "x", BAD), nul("parent_id")),
            ("add_role id", lambda: wf.add_role(BAD), nul("role id")),
            ("add_role name", lambda: wf.add_role("R2", BAD), nul("name")),
            ("add_skill id", lambda: wf.add_skill(BAD), nul("skill id")),
            ("add_skill name", lambda: wf.add_skill("S2", BAD), nul("name")),
            ("add_skill category", lambda: wf.add_skill("S2", category=BAD),
             nul("category")),
            ("add_skill prerequisites", lambda: wf.add_skill("S2", prerequisites={BAD: 1}),
             nul("prerequisite skill id")),
            ("add_prerequisite skill_id", lambda: wf.add_prerequisite(BAD, "S1"),
             nul("skill_id")),
            ("add_prerequisite requires_id", lambda: wf.add_prerequisite("S1", BAD),
             nul("requires_id")),
            ("add_requirement role_id", lambda: wf.add_requirement(BAD, "S1", 2),
             nul("role_id")),
            ("add_requirement skill_id", lambda: wf.add_requirement("R1", BAD, 2),
             nul("skill_id")),
            ("add_employee id", lambda: wf.add_employee(BAD, "U1", "R1"),
             nul("employee id")),
            ("add_employee unit_id", lambda: wf.add_employee("E3", BAD, "R1"),
             nul("unit_id")),
            ("add_employee role_id", lambda: wf.add_employee("E3", "U1", BAD),
             nul("role_id")),
            ("add_employee manager_id",
             lambda: wf.add_employee("E3", "U1", "R1", manager_id=BAD), nul("manager_id")),
            ("add_employee attribute name",
             lambda: wf.add_employee("E3", "U1", "R1", attributes={BAD: "x"}),
             nul("attribute name")),
            ("add_employee attribute value",
             lambda: wf.add_employee("E3", "U1", "R1", attributes={"gender": BAD}),
             nul("value of attribute gender")),
            ("add_assessment employee_id",
             lambda: wf.add_assessment(BAD, "S1", 2, "2026-01-01"), nul("employee_id")),
            ("add_assessment skill_id",
             lambda: wf.add_assessment("E1", BAD, 2, "2026-01-01"), nul("skill_id")),
            ("add_assessment date",
             lambda: wf.add_assessment("E1", "S1", 2, "2026-01-01\x00x"),
             nul("date", "2026-01-01\x00x")),
            ("add_assessment source",
             lambda: wf.add_assessment("E1", "S1", 2, "2026-01-01", "test\x00x"),
             nul("source", "test\x00x")),
            ("add_course id", lambda: wf.add_course(BAD, "n", "S1", 1), nul("course id")),
            ("add_course name", lambda: wf.add_course("C2", BAD, "S1", 1), nul("name")),
            ("add_course skill_id", lambda: wf.add_course("C2", "n", BAD, 1),
             nul("skill_id")),
            ("add_course format", lambda: wf.add_course("C2", "n", "S1", 1, format=BAD),
             nul("format")),
            ("add_training employee_id",
             lambda: wf.add_training(BAD, 1, "2026-01-01", skill_id="S1"),
             nul("employee_id")),
            ("add_training date",
             lambda: wf.add_training("E1", 1, "2026\x00", skill_id="S1"),
             nul("date", "2026\x00")),
            ("add_training course_id",
             lambda: wf.add_training("E1", 1, "2026-01-01", course_id=BAD),
             nul("course_id")),
            ("add_training skill_id",
             lambda: wf.add_training("E1", 1, "2026-01-01", skill_id=BAD),
             nul("skill_id")),
            ("add_training status",
             lambda: wf.add_training("E1", 1, "2026-01-01", skill_id="S1", status=BAD),
             nul("status")),
            ("add_survey_item id", lambda: wf.add_survey_item(BAD, "trust"),
             nul("survey item id")),
            ("add_survey_item construct", lambda: wf.add_survey_item("Q2", BAD),
             nul("construct")),
            ("add_survey_item text", lambda: wf.add_survey_item("Q2", "trust", text=BAD),
             nul("text")),
            ("add_response employee_id",
             lambda: wf.add_response(BAD, "Q1", 3, "2026-01-01"), nul("employee_id")),
            ("add_response item_id",
             lambda: wf.add_response("E1", BAD, 3, "2026-01-01"), nul("item_id")),
            ("add_response date",
             lambda: wf.add_response("E1", "Q1", 3, BAD), nul("date")),
            ("add_usage employee_id", lambda: wf.add_usage(BAD, "t", "2026-01", 3),
             nul("employee_id")),
            ("add_usage tool_id", lambda: wf.add_usage("E1", BAD, "2026-01", 3),
             nul("tool_id")),
            ("add_usage period", lambda: wf.add_usage("E1", "t", "2026-01\x00", 3),
             nul("period", "2026-01\x00")),
            ("set_manager employee_id", lambda: wf.set_manager(BAD, "E2"),
             nul("employee_id")),
            ("set_manager manager_id", lambda: wf.set_manager("E1", BAD),
             nul("manager_id")),
            ("set_attribute employee_id", lambda: wf.set_attribute(BAD, "gender", "x"),
             nul("employee_id")),
            ("set_attribute name", lambda: wf.set_attribute("E1", BAD, "x"),
             nul("attribute name")),
            ("set_attribute value", lambda: wf.set_attribute("E1", "gender", BAD),
             nul("value of attribute gender")),
            ("add_table name", lambda: wf.add_table("units\x00x", "unit_id,name\nU9,N\n"),
             nul("table name", "units\x00x")),
            ("add_tables name",
             lambda: wf.add_tables({"roles": "role_id,name\nR9,N\n", BAD: "a\n1\n"}),
             nul("table name")),
        ])

    def test_attributes_and_managers_were_not_cut(self):
        # set_manager("E1", "E2\0x") used to record E2 as E1's manager, and
        # set_attribute("E1", "gender\0x", ...) to overwrite "gender".
        with self.assertRaises(ValueError):
            self.wf.set_manager("E1", "E2\x00x")
        with self.assertRaises(ValueError):
            self.wf.set_attribute("E1", "gender\x00x", "male")
        lib, i = _ffi.lib, ctypes.c_size_t()
        with self.wf._handle as h:
            lib.airs_model_find(h, 5, b"E1", ctypes.byref(i))  # 5: employees
            self.assertIsNone(lib.airs_model_manager(h, i.value))
            self.assertEqual(lib.airs_model_attribute(h, i.value, b"gender"), b"female")

    def test_integers_out_of_range(self):
        wf = self.wf
        big = 2 ** 64 + 5
        self.check([
            ("add_unit target_level high", lambda: wf.add_unit("U2", target_level=big),
             out_of_range("target_level", big)),
            ("add_unit target_level low",
             lambda: wf.add_unit("U2", target_level=-2 ** 31 - 1),
             out_of_range("target_level", -2 ** 31 - 1)),
            ("add_unit target_level fraction", lambda: wf.add_unit("U2", target_level=2.5),
             "target_level must be a whole number, not 2.5"),
            ("add_usage active_days", lambda: wf.add_usage("E1", "t", "2026-01", 2 ** 32),
             out_of_range("active_days", 2 ** 32)),
            ("add_usage active_days fraction",
             lambda: wf.add_usage("E1", "t", "2026-01", 3.5),
             "active_days must be a whole number, not 3.5"),
            ("add_usage period year", lambda: wf.add_usage("E1", "t", (2 ** 40, 1), 3),
             out_of_range("period year", 2 ** 40)),
            ("add_usage period month", lambda: wf.add_usage("E1", "t", (2026, 13), 3),
             "period month must be in 1..12, not 13"),
            ("add_usage period months", lambda: wf.add_usage("E1", "t", (2 ** 31 - 1, 12), 3),
             out_of_range("period (months since January 1970)",
                          (2 ** 31 - 1 - 1970) * 12 + 11)),
            ("add_assessment source",
             lambda: wf.add_assessment("E1", "S1", 2, "2026-01-01", 2 ** 32),
             out_of_range("source", 2 ** 32)),
            ("add_course format",
             lambda: wf.add_course("C2", "n", "S1", 1, format=-2 ** 40),
             out_of_range("format", -2 ** 40)),
            ("add_training status",
             lambda: wf.add_training("E1", 1, "2026-01-01", skill_id="S1", status=2 ** 63),
             out_of_range("status", 2 ** 63)),
            ("add_table max_errors",
             lambda: wf.add_table("roles", "role_id,name\nR9,N\n", max_errors=2 ** 32),
             out_of_range("max_errors", 2 ** 32, (0, 2 ** 32 - 1))),
            ("add_tables max_errors",
             lambda: wf.add_tables({"roles": "role_id,name\nR9,N\n"}, max_errors=-1),
             out_of_range("max_errors", -1, (0, 2 ** 32 - 1))),
        ])

    def test_integers_in_range_still_work(self):
        # integral floats and numpy-style integers are accepted
        self.wf.add_unit("U2", "Two", "U1", target_level=4.0)
        self.wf.add_usage("E1", "t", (2026, 1), 12)
        self.before = self.wf.counts()
        with self.assertRaises(TypeError) as cm:
            self.wf.add_unit("U3", target_level="3")
        self.assertEqual(str(cm.exception), "target_level must be an integer, not str")


class TestLoadArguments(ArgumentCase):
    def test_load(self):
        self.check([
            ("load path", lambda: airs.Workforce.load(_util.SAMPLE + "\x00x"),
             nul("path", _util.SAMPLE + "\x00x")),
            ("load max_errors", lambda: airs.Workforce.load(_util.SAMPLE, max_errors=2 ** 32),
             out_of_range("max_errors", 2 ** 32, (0, 2 ** 32 - 1))),
            ("load threads", lambda: airs.Workforce.load(_util.SAMPLE, threads=-1),
             out_of_range("threads", -1, (0, 2 ** (8 * ctypes.sizeof(ctypes.c_size_t)) - 1))),
        ])

    def test_load_threads_change_nothing(self):
        out = []
        for t in (0, 1, 3):
            with airs.Workforce.load(_util.SAMPLE, threads=t) as wf, \
                    wf.score({"as_of": "2026-06-30"}) as r:
                out.append(r.partial(binary=True))
        self.assertEqual(out[0], out[1])
        self.assertEqual(out[0], out[2])


class TestParamsArguments(ArgumentCase):
    def test_names_values_and_paths(self):
        p = airs.Params()
        digest = p.digest
        self.check([
            ("set name", lambda: p.__setitem__("weights.skill\x00x", 0.5),
             nul("parameter name", "weights.skill\x00x")),
            ("set text value", lambda: p.__setitem__("as_of", "2026-06-30\x00x"),
             nul("value of as_of", "2026-06-30\x00x")),
            ("constructor", lambda: airs.Params({"weights.skill\x00x": 0.5}),
             nul("parameter name", "weights.skill\x00x")),
            ("update", lambda: p.update({"as_of\x00": "2026-06-30"}),
             nul("parameter name", "as_of\x00")),
            ("from_file", lambda: airs.Params.from_file("airs.ini\x00x"),
             nul("path", "airs.ini\x00x")),
            ("load_file", lambda: p.load_file("airs.ini\x00x"),
             nul("path", "airs.ini\x00x")),
            ("load_text name", lambda: p.load_text("[weights]\n", name=BAD), nul("name")),
        ])
        self.assertEqual(p.digest, digest)  # weights.skill was not set

    def test_reading_a_name_with_a_nul_byte_is_not_found(self):
        # Reading compares the name with the library's names first, so it
        # never reaches the library cut; it is unknown (a KeyError, as a
        # Mapping's lookups should be).
        p = airs.Params()
        with self.assertRaises(airs.NotFound):
            p["weights.skill\x00x"]
        with self.assertRaises(airs.NotFound):
            p.text("as_of\x00")
        self.assertIsNone(p.get("as_of\x00"))
        self.assertNotIn("as_of\x00", p)


class TestResultArguments(ArgumentCase):
    @classmethod
    def setUpClass(cls):
        cls.r = _util.worked_example().score(_util.AS_OF)
        cls.plan = cls.r.plan_org(10)

    def test_ids_and_names(self):
        r = self.r
        emp, unit = "E1\x00x", "TEAM-A\x00x"
        self.check([
            ("index", lambda: r.index(emp), nul("employee_id", emp)),
            ("employee", lambda: r.employee(emp), nul("employee_id", emp)),
            ("explain", lambda: r.explain(emp), nul("employee_id", emp)),
            ("sentiment", lambda: r.sentiment(emp), nul("employee_id", emp)),
            ("plan", lambda: r.plan(emp, 10), nul("employee_id", emp)),
            ("unit", lambda: r.unit(unit), nul("unit_id", unit)),
            ("construct", lambda: r.construct("trust", unit), nul("unit_id", unit)),
            ("skill_gaps", lambda: r.skill_gaps(unit), nul("unit_id", unit)),
            ("plan_org unit_budgets", lambda: r.plan_org(10, unit_budgets={unit: 5}),
             nul("unit id in unit_budgets", unit)),
            ("audit attribute", lambda: r.audit("gender\x00x"),
             nul("attribute", "gender\x00x")),
            ("audit attribute2", lambda: r.audit("gender", "gender\x00x"),
             nul("attribute2", "gender\x00x")),
        ])

    def test_org_plan_cohort_index(self):
        self.check([
            ("cohort_units negative", lambda: self.plan.cohort_units(-1),
             out_of_range("index", -1, SIZE)),
            ("cohort_units huge", lambda: self.plan.cohort_units(2 ** 64),
             out_of_range("index", 2 ** 64, SIZE)),
        ])


class TestDateArguments(ArgumentCase):
    def test_dates_and_months(self):
        self.check([
            ("to_day", lambda: airs.to_day("2026-06-30\x00x"),
             nul("date", "2026-06-30\x00x")),
            ("to_month text", lambda: airs.to_month("2026-06\x00x"),
             nul("period", "2026-06\x00x")),
            ("to_month month", lambda: airs.to_month((2026, 0)),
             "period month must be in 1..12, not 0"),
            ("to_month year", lambda: airs.to_month((-2 ** 40, 1)),
             out_of_range("period year", -2 ** 40)),
        ])
        self.assertEqual(airs.to_month((2026, 12)), (2026 - 1970) * 12 + 11)


if __name__ == "__main__":
    unittest.main()

"""Exports as their systems write them: a mapping given as a dict, as
text or as a file, and the library's messages about it."""
import os
import pathlib
import shutil
import tempfile
import unittest

import airs

from . import _util


def sample_tables():
    out = {}
    for name in os.listdir(_util.SAMPLE):
        if name.endswith(".csv"):
            with open(os.path.join(_util.SAMPLE, name), encoding="utf-8") as f:
                out[name] = f.read()
    return out


def digest(wf):
    return wf.digest


class TestMapping(unittest.TestCase):
    def setUp(self):
        self.tables = sample_tables()
        native = airs.Workforce()
        native.add_tables(self.tables)
        self.want = digest(native)
        native.close()

    def hris(self):
        t = dict(self.tables)
        t["employees.csv"] = t["employees.csv"].replace(
            "employee_id,unit_id,role_id,is_leader",
            "Worker ID,Cost Center,Job Profile,People Manager", 1)
        return t

    def test_dict_mapping_equals_native(self):
        wf = airs.Workforce()
        wf.add_tables(self.hris(), mapping={"employees": {
            "employee_id": "Worker ID", "unit_id": "Cost Center",
            "role_id": "Job Profile", "is_leader": "People Manager"}})
        self.assertEqual(digest(wf), self.want)
        wf.close()

    def test_file_mapping_and_folder(self):
        tmp = tempfile.mkdtemp()
        try:
            for name, text in self.hris().items():
                target = "Worker_Export.csv" if name == "employees.csv" else name
                with open(os.path.join(tmp, target), "w", encoding="utf-8") as f:
                    f.write(text)
            path = pathlib.Path(tmp) / "hris.map"
            path.write_text("[employees.csv]\nfile = Worker_Export.csv\n"
                            "employee_id = Worker ID\nunit_id = Cost Center\n"
                            "role_id = Job Profile\nis_leader = People Manager\n")
            wf = airs.Workforce.load(os.path.join(tmp), mapping=path)
            self.assertEqual(digest(wf), self.want)
            wf.close()
        finally:
            shutil.rmtree(tmp)

    def test_mistake_in_mapping_named(self):
        wf = airs.Workforce()
        with self.assertRaises(airs.DataError) as cm:
            wf.add_tables(self.hris(), mapping={"employees.csv": {
                "employe_id": "Worker ID"}})
        self.assertEqual(cm.exception.diagnostics[0].text,
                         '"employe_id" is not a column of employees.csv nor '
                         'a setting (did you mean "employee_id"?)')
        self.assertEqual(cm.exception.diagnostics[0].file, "mapping")
        self.assertEqual(cm.exception.diagnostics[0].line, 2)
        wf.close()

    def test_strict_refuses_typos(self):
        t = dict(self.tables)
        t["employees.csv"] = t["employees.csv"].replace("is_leader", "is_leadr", 1)
        tmp = tempfile.mkdtemp()
        try:
            for name, text in t.items():
                with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
                    f.write(text)
            with self.assertRaises(airs.DataError) as cm:
                airs.Workforce.load(tmp, strict=True)
            self.assertIn('(did you mean "is_leader"?)',
                          cm.exception.diagnostics[0].text)
        finally:
            shutil.rmtree(tmp)

    def test_bad_mapping_values(self):
        wf = airs.Workforce()
        with self.assertRaises(ValueError):
            wf.add_tables(self.tables, mapping={"employees": {"a": "b\nc"}})
        with self.assertRaises(TypeError):
            wf.add_tables(self.tables, mapping=42)
        wf.close()


SO_SURVEY = os.path.join(_util.REPO, "..", "shared", "data", "real",
                         "so2025_ai_subset.csv")

# The survey's answer labels as 1..5 (don't-know answers: not given).
SO_LABELS = {
    "Highly distrust": 1, "Somewhat distrust": 2,
    "Neither trust nor distrust": 3, "Somewhat trust": 4, "Highly trust": 5,
    "Very unfavorable": 1, "Unfavorable": 2, "Indifferent": 3,
    "Favorable": 4, "Very favorable": 5, "Unsure": "",
    "Very poor at handling complex tasks": 1,
    "Bad at handling complex tasks": 2,
    "Neither good or bad at handling complex tasks": 3,
    "Good, but not great at handling complex tasks": 4,
    "Very well at handling complex tasks": 5,
    "I don't use AI tools for complex tasks / I don't know": "",
}


class TestRealSurveyExport(unittest.TestCase):
    """The Stack Overflow 2025 survey's AI answers (a real export, wide,
    labelled, an unnamed index column, no dates) read through a mapping:
    every labelled answer becomes one response, checked against the csv
    module's count."""

    def test_stack_overflow_2025_as_wide_responses(self):
        if not os.path.exists(SO_SURVEY):
            self.skipTest("real data absent: %s" % SO_SURVEY)
        import csv
        with open(SO_SURVEY, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        head, rows = rows[0], rows[1:]
        items = ["AIAcc", "AISent", "AIComplex"]
        cols = [head.index(i) for i in items]
        want = sum(1 for r in rows for c in cols
                   if r[c] and SO_LABELS[r[c]] != "")
        employees = "employee_id,unit_id,role_id\n" + "".join(
            "%s,U1,R1\n" % r[0] for r in rows)
        with open(SO_SURVEY, "rb") as f:
            export = f.read()
        mapping = {"responses.csv": dict(
            [("layout", "wide"), ("employee_id", ""),
             ("constant.date", "2025-07-29")] +
            [("value." + k, v) for k, v in SO_LABELS.items()])}
        wf = airs.Workforce()
        wf.add_tables({
            "units": "unit_id,name\nU1,Developers\n",
            "roles": "role_id,name\nR1,Developer\n",
            "employees": employees,
            "survey_items": "item_id,construct\nAIAcc,trust\n"
                            "AISent,usefulness\nAIComplex,usefulness\n",
            "responses": export}, mapping=mapping)
        self.assertEqual(wf.counts()["response"], want)
        self.assertGreater(want, 80000)
        warned = sorted(d.text for d in wf.diagnostics)
        self.assertEqual(warned, ['unknown column "AISelect" is ignored',
                                  'unknown column "Age" is ignored',
                                  'unknown column "YrsOfExp" is ignored'])
        wf.close()

    def test_unmapped_label_named_with_its_position(self):
        if not os.path.exists(SO_SURVEY):
            self.skipTest("real data absent: %s" % SO_SURVEY)
        with open(SO_SURVEY, "rb") as f:
            export = f.read()
        wf = airs.Workforce()
        with self.assertRaises(airs.DataError) as cm:
            wf.add_tables({
                "units": "unit_id,name\nU1,Developers\n",
                "roles": "role_id,name\nR1,Developer\n",
                "employees": "employee_id,unit_id,role_id\n0,U1,R1\n",
                "survey_items": "item_id,construct\nAIAcc,trust\n",
                "responses": export},
                mapping={"responses.csv": {"employee_id": "",
                                           "constant.date": "2025-07-29"}})
        d = [e for e in cm.exception.diagnostics if e.severity == "error"][0]
        self.assertEqual((d.file, d.line, d.column, d.text),
                         ("responses.csv", 2, 6,
                          'value "Neither trust nor distrust" is not a number'))
        wf.close()


if __name__ == "__main__":
    unittest.main()

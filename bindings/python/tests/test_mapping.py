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


if __name__ == "__main__":
    unittest.main()

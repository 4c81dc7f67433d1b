"""Every exception path, with its attributes."""
import os
import shutil
import tempfile
import unittest

import airs
from airs import _errors, _ffi

from . import _util

UNITS = "unit_id,name,parent_id,target_level\nU1,Unit one,,3\n"
ROLES = "role_id,name\nR1,Role one\n"
EMPLOYEES = "employee_id,unit_id,role_id\nE1,U1,R1\nE2,U1,R1\n"


def write_dataset(folder, **tables):
    for name, text in tables.items():
        with open(os.path.join(folder, name + ".csv"), "w") as f:
            f.write(text)


class TestHierarchy(unittest.TestCase):
    def test_classes(self):
        self.assertTrue(issubclass(airs.DataError, airs.Error))
        self.assertTrue(issubclass(airs.DataError, ValueError))
        self.assertTrue(issubclass(airs.ParameterError, airs.Error))
        self.assertTrue(issubclass(airs.ParameterError, ValueError))
        self.assertTrue(issubclass(airs.PrivacyError, airs.Error))
        self.assertTrue(issubclass(airs.NotFound, airs.Error))
        self.assertTrue(issubclass(airs.NotFound, KeyError))
        self.assertTrue(issubclass(airs.MemoryError, airs.Error))
        self.assertTrue(issubclass(airs.MemoryError, MemoryError))

    def test_mapping_of_status_codes(self):
        mk = _ffi.make_error
        self.assertIsInstance(mk(_errors.ENOMEM, "data"), airs.MemoryError)
        self.assertIsInstance(mk(_errors.ENOMEM, "load"), airs.MemoryError)
        self.assertIsInstance(mk(_errors.EPRIVACY, ""), airs.PrivacyError)
        self.assertIsInstance(mk(_errors.ENOTFOUND, ""), airs.NotFound)
        self.assertIsInstance(mk(_errors.ENOTFOUND, "load"), airs.DataError)
        self.assertIsInstance(mk(_errors.ERANGE, "param"), airs.ParameterError)
        self.assertIsInstance(mk(_errors.EPARSE, "data"), airs.DataError)
        e = mk(_errors.ESTATE, "data", "finished")
        self.assertIs(type(e), airs.Error)
        self.assertEqual((e.status, e.message, str(e)), (-10, "finished", "finished"))
        self.assertEqual(mk(_errors.ENOMEM, "").message, "out of memory")

    def test_diag_message_and_position(self):
        d = _ffi.Diag()
        d.status, d.line, d.column = -7, 12, 3
        d.file, d.text = b"usage.csv", b'active_days "x" is not a number'
        e = _ffi.make_error(-7, "load", "", d)
        self.assertEqual((e.file, e.line, e.column), ("usage.csv", 12, 3))
        self.assertEqual(str(e), 'usage.csv:12:3: active_days "x" is not a number')

    def test_pickle(self):
        import pickle
        e = airs.DataError(-7, "m", "f.csv", 2, 3)
        e2 = pickle.loads(pickle.dumps(e))
        self.assertEqual((e2.status, e2.message, e2.file, e2.line, e2.column),
                         (-7, "m", "f.csv", 2, 3))


class TestLoadErrors(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_malformed_csv_gives_file_line_column(self):
        write_dataset(self.dir, units=UNITS, roles=ROLES, employees=EMPLOYEES,
                      skills="skill_id,name\nS1,Skill\n",
                      assessments="employee_id,skill_id,level,date\n"
                                  "E1,S1,2,2026-01-01\nE2,S1,7,2026-01-01\n")
        with self.assertRaises(airs.DataError) as cm:
            airs.Workforce.load(self.dir)
        e = cm.exception
        self.assertEqual(e.file, "assessments.csv")
        self.assertEqual(e.line, 3)
        self.assertEqual(e.column, 3)
        self.assertIn('"7"', e.message)
        self.assertTrue(str(e).startswith("assessments.csv:3:3:"), str(e))
        self.assertEqual(e.status, _errors.ERANGE)
        self.assertGreaterEqual(len(e.diagnostics), 1)
        self.assertEqual(e.diagnostics[0].line, 3)
        self.assertTrue(e.diagnostics[0].is_error)

    def test_every_error_is_collected(self):
        write_dataset(self.dir, units=UNITS, roles=ROLES,
                      employees="employee_id,unit_id,role_id,salary\n"
                                "E1,U1,R1,1\nE2,U9,R1,2\nE3,U1,R9,3\nE4,U1,R1,4\n")
        with self.assertRaises(airs.DataError) as cm:
            airs.Workforce.load(self.dir)
        e = cm.exception
        errors = [d for d in e.diagnostics if d.is_error]
        warnings = [d for d in e.diagnostics if not d.is_error]
        self.assertEqual([(d.line, d.column) for d in errors], [(3, 2), (4, 3)])
        self.assertEqual((e.file, e.line, e.column), ("employees.csv", 3, 2))
        self.assertEqual(e.status, _errors.ENOTFOUND)
        self.assertTrue(any("salary" in d.text for d in warnings))

    def test_stop_at_first_error(self):
        write_dataset(self.dir, units=UNITS, roles=ROLES,
                      employees="employee_id,unit_id,role_id\nE2,U9,R1\nE3,U1,R9\n")
        with self.assertRaises(airs.DataError) as cm:
            airs.Workforce.load(self.dir, max_errors=1)
        self.assertEqual(len([d for d in cm.exception.diagnostics if d.is_error]), 1)

    def test_warnings_of_a_successful_load(self):
        write_dataset(self.dir, units=UNITS, roles=ROLES,
                      employees="employee_id,unit_id,role_id,salary\nE1,U1,R1,5\n")
        wf = airs.Workforce.load(self.dir)
        self.assertEqual(len(wf), 1)
        self.assertEqual(len(wf.diagnostics), 1)
        d = wf.diagnostics[0]
        self.assertEqual((d.severity, d.file, d.line), ("warning", "employees.csv", 1))
        self.assertIn("salary", str(d))

    def test_limits_refuse_an_oversized_upload(self):
        write_dataset(self.dir, units=UNITS, roles=ROLES, employees=EMPLOYEES)
        with self.assertRaises(airs.DataError) as cm:
            airs.Workforce.load(self.dir, max_ids=1)
        e = cm.exception
        self.assertEqual((e.status, e.file, e.line), (_errors.ELIMIT, "employees.csv", 3))
        self.assertIn("more than 1 employees: the limit is the load option "
                      "max_ids", e.message)
        with self.assertRaises(airs.DataError) as cm:
            airs.Workforce.load(self.dir, max_rows=1)
        self.assertIn("max_rows", cm.exception.message)
        self.assertEqual(len(airs.Workforce.load(self.dir, max_rows=2)), 2)
        for bad in (-1, 2 ** 64):
            with self.assertRaises(ValueError) as cm:
                airs.Workforce.load(self.dir, max_rows=bad)
            self.assertIn("max_rows", str(cm.exception))

    def test_a_role_requiring_too_many_skills(self):
        write_dataset(self.dir, units=UNITS, roles=ROLES, employees=EMPLOYEES,
                      skills="skill_id,name\nS1,One\nS2,Two\n",
                      role_skills="role_id,skill_id,required_level\n"
                                  "R1,S1,2\nR1,S2,1\n")
        self.assertEqual(len(airs.Workforce.load(self.dir)), 2)
        with self.assertRaises(airs.DataError) as cm:
            airs.Workforce.load(self.dir, max_role_skills=1)
        e = cm.exception
        self.assertEqual((e.status, e.file, e.line),
                         (_errors.ELIMIT, "role_skills.csv", 3))
        self.assertIn('more than 1 skills required by role "R1": the limit is '
                      "the load option max_role_skills", e.message)
        with self.assertRaises(ValueError) as cm:
            airs.Workforce.load(self.dir, max_role_skills=2 ** 32)
        self.assertIn("max_role_skills", str(cm.exception))

    def test_only_regular_files_and_no_symlinks(self):
        write_dataset(self.dir, units=UNITS, employees=EMPLOYEES)
        secret = os.path.join(self.dir, "..", os.path.basename(self.dir) + "-secret.csv")
        with open(secret, "w") as f:
            f.write("role_id,name\nR1,db_password=hunter2\n")
        try:
            os.symlink(secret, os.path.join(self.dir, "roles.csv"))
            with self.assertRaises(airs.DataError) as cm:
                airs.Workforce.load(self.dir)
            self.assertEqual(cm.exception.file, "roles.csv")
            self.assertIn("symbolic link", cm.exception.message)
            self.assertNotIn("hunter2", str(cm.exception))
            self.assertEqual(len(airs.Workforce.load(self.dir, follow_symlinks=True)), 2)
            os.remove(os.path.join(self.dir, "roles.csv"))
            os.mkfifo(os.path.join(self.dir, "roles.csv"))
            with self.assertRaises(airs.DataError) as cm:  # never blocks
                airs.Workforce.load(self.dir, follow_symlinks=True)
            self.assertIn("not a regular file", cm.exception.message)
        finally:
            os.remove(secret)

    def test_missing_folder(self):
        with self.assertRaises(airs.DataError) as cm:
            airs.Workforce.load(os.path.join(self.dir, "nope"))
        self.assertEqual(cm.exception.status, _errors.EIO)

    def test_missing_employees(self):
        write_dataset(self.dir, units=UNITS)
        with self.assertRaises(airs.DataError) as cm:
            airs.Workforce.load(self.dir)
        self.assertEqual(cm.exception.file, "employees.csv")

    def test_add_table_errors(self):
        wf = airs.Workforce()
        with self.assertRaises(airs.DataError) as cm:
            wf.add_table("units", "unit_id,name,target_level\nU1,One,9\n")
        self.assertEqual((cm.exception.file, cm.exception.line, cm.exception.column),
                         ("units.csv", 2, 3))
        with self.assertRaises(airs.DataError) as cm:
            wf.add_table("salaries", "a,b\n1,2\n")
        self.assertEqual(cm.exception.status, _errors.EINVAL)
        self.assertEqual(cm.exception.message,
                         "unknown table 'salaries' (units, roles, skills, "
                         "role_skills, employees, courses, tools, survey_items, "
                         "survey_waves, assessments, training, responses, usage)")
        with self.assertRaises(TypeError):
            wf.add_table("units", 42)
        self.assertEqual(wf.count("unit"), 0)  # all or nothing


class TestModelErrors(unittest.TestCase):
    def setUp(self):
        self.wf = airs.Workforce()
        self.wf.add_unit("U1", "One")
        self.wf.add_role("R1", "Role")

    def test_unknown_reference_is_not_found(self):
        with self.assertRaises(airs.NotFound) as cm:
            self.wf.add_employee("E1", "U9", "R1")
        self.assertIn("U9", str(cm.exception))
        self.assertIsInstance(cm.exception, KeyError)
        self.assertEqual(cm.exception.status, _errors.ENOTFOUND)

    def test_duplicate_is_a_data_error(self):
        with self.assertRaises(airs.DataError) as cm:
            self.wf.add_unit("U1", "Again")
        self.assertEqual(cm.exception.status, _errors.EEXIST)
        self.assertIn("U1", cm.exception.message)
        self.assertIsNone(cm.exception.file)

    def test_range(self):
        self.wf.add_skill("S1")
        self.wf.add_employee("E1", "U1", "R1")
        with self.assertRaises(airs.DataError) as cm:
            self.wf.add_assessment("E1", "S1", 7, "2026-01-01")
        self.assertEqual(cm.exception.status, _errors.ERANGE)
        with self.assertRaises(airs.DataError):
            self.wf.add_assessment("E1", "S1", 2, "2026-01-01", source="rumour")
        with self.assertRaises(airs.DataError):
            self.wf.add_assessment("E1", "S1", 2, "01/01/2026")

    def test_cycle(self):
        self.wf.add_employee("E1", "U1", "R1")
        self.wf.add_employee("E2", "U1", "R1", manager_id="E1")
        with self.assertRaises(airs.DataError) as cm:
            self.wf.set_manager("E1", "E2")
        self.assertEqual(cm.exception.status, _errors.ECYCLE)

    def test_finished_model_is_a_state_error(self):
        self.wf.finish()
        with self.assertRaises(airs.Error) as cm:
            self.wf.add_role("R2", "Two")
        self.assertEqual(cm.exception.status, _errors.ESTATE)
        self.assertNotIsInstance(cm.exception, airs.DataError)

    def test_type_errors(self):
        # an int id is converted (test_analyst.py); a float is not
        with self.assertRaises(TypeError):
            self.wf.add_role(42.0, "x")
        with self.assertRaises(TypeError):
            self.wf.add_role(None, "x")


class TestParamErrors(unittest.TestCase):
    def test_unknown_name(self):
        p = airs.Params()
        with self.assertRaises(airs.ParameterError) as cm:
            p["weights.skil"] = 0.5
        self.assertEqual(cm.exception.status, _errors.EINVAL)
        self.assertIn("weights.skil", cm.exception.message)
        with self.assertRaises(airs.NotFound):
            p["nope"]

    def test_range_and_parse(self):
        p = airs.Params()
        with self.assertRaises(airs.ParameterError) as cm:
            p["weights.skill"] = -1
        self.assertEqual(cm.exception.status, _errors.ERANGE)
        with self.assertRaises(airs.ParameterError) as cm:
            p["as_of"] = "yesterday"
        self.assertEqual(cm.exception.status, _errors.EPARSE)
        with self.assertRaises(TypeError):
            p["weights.skill"] = [1]
        with self.assertRaises(TypeError):
            airs.Params(weights_skill=0.5)

    def test_config_file_errors(self):
        with tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False) as f:
            f.write("[weights]\nskill = 0.5\nbogus = 1\n")
        try:
            with self.assertRaises(airs.ParameterError) as cm:
                airs.Params.from_file(f.name)
            self.assertIn(":3", cm.exception.message)
        finally:
            os.unlink(f.name)
        with self.assertRaises(airs.Error) as cm:
            airs.Params.from_file("/nonexistent.ini")
        self.assertEqual(cm.exception.status, _errors.EIO)

    def test_inconsistent_params_at_score(self):
        wf = _util.worked_example()
        p = airs.Params({"weights.skill": 0, "weights.training": 0,
                         "weights.sentiment": 0, "weights.adoption": 0})
        with self.assertRaises(airs.ParameterError) as cm:
            wf.score(p)
        self.assertTrue(cm.exception.message)


class TestResultErrors(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.r = _util.worked_example().score(_util.AS_OF)

    def test_unknown_employee(self):
        for f in (self.r.explain, self.r.employee, self.r.sentiment, self.r.index):
            with self.assertRaises(airs.NotFound) as cm:
                f("E9")
            self.assertIn("E9", str(cm.exception))
        with self.assertRaises(KeyError):
            self.r.explain("E9")

    def test_unknown_unit_column_construct(self):
        with self.assertRaises(airs.NotFound):
            self.r.unit("U9")
        with self.assertRaises(airs.NotFound):
            self.r.column("salary")
        with self.assertRaises(airs.NotFound):
            self.r.construct("happiness")

    def test_privacy(self):
        with self.assertRaises(airs.PrivacyError) as cm:
            self.r.sentiment("E1")
        self.assertEqual(cm.exception.status, _errors.EPRIVACY)
        self.assertTrue(cm.exception.message)

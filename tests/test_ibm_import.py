#!/usr/bin/python3
"""Tests of examples/import/ibm_hr_to_airs.py against the real IBM file.

The IBM HR attrition file is not part of the repository: it is read from
../shared/data/real/ibm_hr_attrition.csv relative to the repository root
(env SOURCE_ROOT, else the parent of this file's folder).  Without it every
test is skipped (exit status 77 when run as a script, which meson reports
as SKIP).

Expected values are computed here from the IBM file with the csv module,
independently of the converter's code.  When env AIRS_INSPECT names the
airs inspector, the output is also loaded by the library itself.
"""

import csv
import datetime
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.environ.get("SOURCE_ROOT") or os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(ROOT, "examples", "import", "ibm_hr_to_airs.py")


def main_checkout(root):
    """The main checkout when root is a linked git worktree (its .git is a
    file pointing into the main repository's .git), else root."""
    try:
        with open(os.path.join(root, ".git"), encoding="utf-8") as f:
            gitdir = f.read().strip()
        if not gitdir.startswith("gitdir:"):
            return root
        gitdir = os.path.join(root, gitdir[len("gitdir:"):].strip())
        with open(os.path.join(gitdir, "commondir"), encoding="utf-8") as f:
            common = os.path.normpath(os.path.join(gitdir, f.read().strip()))
        return os.path.dirname(common)
    except OSError:
        return root


def find_data():
    """../shared/data/real/ibm_hr_attrition.csv beside the repository; a
    linked worktree looks beside its main checkout too."""
    candidates = []
    for root in (ROOT, main_checkout(ROOT)):
        path = os.path.normpath(os.path.join(root, "..", "shared", "data",
                                             "real", "ibm_hr_attrition.csv"))
        if path not in candidates:
            candidates.append(path)
    for path in candidates:
        if os.path.exists(path):
            return path
    return candidates[0]


DATA = find_data()
SKIP_MSG = "IBM HR file not found at %s; skipping the import tests" % DATA

AS_OF = datetime.date(2026, 6, 30)
SCALES = ("EnvironmentSatisfaction", "JobInvolvement", "JobSatisfaction",
          "RelationshipSatisfaction", "WorkLifeBalance")

HEADERS = {
    "units.csv": ["unit_id", "name", "parent_id", "target_level"],
    "roles.csv": ["role_id", "name"],
    "skills.csv": ["skill_id", "name", "category", "prerequisites"],
    "employees.csv": ["employee_id", "unit_id", "role_id", "is_leader",
                      "manager_id", "attr_gender", "attr_age_band",
                      "attr_marital_status"],
    "training.csv": ["employee_id", "course_id", "skill_id", "hours", "date",
                     "status"],
    "survey_items.csv": ["item_id", "construct", "scale_min", "scale_max",
                         "reverse", "text"],
    "responses.csv": ["employee_id", "item_id", "value", "date"],
}
SCORED = {"clarity", "usefulness", "trust", "security", "support", "voice",
          "recommend", "time_saved", "error_change"}


def run_converter(*args):
    return subprocess.run([sys.executable, SCRIPT] + list(args),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=60)


def read_table(outdir, name):
    """(header, rows as dicts) of one output file."""
    with open(os.path.join(outdir, name), encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        return reader.fieldnames, rows


def read_source():
    with open(DATA, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@unittest.skipUnless(os.path.exists(DATA), SKIP_MSG)
class ConvertTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="airs-ibm-")
        cls.out = os.path.join(cls.tmp, "out")
        r = run_converter(DATA, cls.out)
        if r.returncode != 0:
            raise AssertionError("converter failed (%d): %s"
                                 % (r.returncode, r.stderr))
        cls.src = read_source()
        cls.tables = {}
        for name in HEADERS:
            cls.tables[name] = read_table(cls.out, name)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def rows(self, name):
        return self.tables[name][1]

    def test_source_is_the_expected_file(self):
        self.assertEqual(len(self.src), 1470)
        self.assertEqual(len(self.src[0]), 35)

    def test_files_written(self):
        self.assertEqual(sorted(os.listdir(self.out)), sorted(HEADERS))
        # Absent inputs stay absent rather than becoming empty tables.
        for name in ("assessments.csv", "usage.csv", "courses.csv",
                     "role_skills.csv"):
            self.assertFalse(os.path.exists(os.path.join(self.out, name)))

    def test_headers(self):
        for name, header in HEADERS.items():
            self.assertEqual(self.tables[name][0], header, name)

    def test_counts(self):
        depts = {r["Department"] for r in self.src}
        roles = {r["JobRole"] for r in self.src}
        self.assertEqual(len(self.rows("employees.csv")), 1470)
        self.assertEqual(len(self.rows("units.csv")), 1 + len(depts))
        self.assertEqual(len(self.rows("roles.csv")), len(roles))
        self.assertEqual(len(self.rows("skills.csv")), 1)
        self.assertEqual(len(self.rows("training.csv")),
                         sum(int(r["TrainingTimesLastYear"]) for r in self.src))
        self.assertEqual(len(self.rows("survey_items.csv")), len(SCALES))
        self.assertEqual(len(self.rows("responses.csv")), 1470 * len(SCALES))

    def test_ids_unique(self):
        for name, key in (("units.csv", "unit_id"), ("roles.csv", "role_id"),
                          ("skills.csv", "skill_id"),
                          ("employees.csv", "employee_id"),
                          ("survey_items.csv", "item_id")):
            ids = [r[key] for r in self.rows(name)]
            self.assertEqual(len(ids), len(set(ids)), name)
            for i in ids:
                self.assertRegex(i, r"^[A-Za-z0-9_]+$", name)
        pairs = [(r["employee_id"], r["item_id"])
                 for r in self.rows("responses.csv")]
        self.assertEqual(len(pairs), len(set(pairs)))

    def test_references_resolve(self):
        units = {r["unit_id"] for r in self.rows("units.csv")}
        roles = {r["role_id"] for r in self.rows("roles.csv")}
        skills = {r["skill_id"] for r in self.rows("skills.csv")}
        emps = {r["employee_id"] for r in self.rows("employees.csv")}
        items = {r["item_id"] for r in self.rows("survey_items.csv")}
        roots = [r for r in self.rows("units.csv") if r["parent_id"] == ""]
        self.assertEqual(len(roots), 1)
        # Parents come before children, as the model requires.
        seen = set()
        for r in self.rows("units.csv"):
            if r["parent_id"]:
                self.assertIn(r["parent_id"], seen, r)
            seen.add(r["unit_id"])
        for r in self.rows("employees.csv"):
            self.assertIn(r["unit_id"], units)
            self.assertIn(r["role_id"], roles)
            self.assertNotEqual(r["unit_id"], roots[0]["unit_id"])
            if r["manager_id"]:
                self.assertIn(r["manager_id"], emps)
        for r in self.rows("training.csv"):
            self.assertIn(r["employee_id"], emps)
            self.assertEqual(r["course_id"], "")  # no courses.csv
            self.assertIn(r["skill_id"], skills)
        for r in self.rows("responses.csv"):
            self.assertIn(r["employee_id"], emps)
            self.assertIn(r["item_id"], items)
        for r in self.rows("skills.csv"):
            self.assertEqual(r["prerequisites"], "")

    def test_mapping_follows_source(self):
        by_id = {r["EmployeeNumber"]: r for r in self.src}
        units = {r["unit_id"]: r["name"] for r in self.rows("units.csv")}
        roles = {r["role_id"]: r["name"] for r in self.rows("roles.csv")}
        training = {}
        for r in self.rows("training.csv"):
            training[r["employee_id"]] = training.get(r["employee_id"], 0) + 1
        answers = {(r["employee_id"], r["item_id"]): r["value"]
                   for r in self.rows("responses.csv")}
        items = {r["item_id"]: r for r in self.rows("survey_items.csv")}
        column_of = {}
        for item_id, item in items.items():
            cols = [c for c in SCALES if c in item["text"]]
            self.assertEqual(len(cols), 1, item)
            column_of[item_id] = cols[0]
        self.assertEqual(sorted(column_of.values()), sorted(SCALES))
        for e in self.rows("employees.csv"):
            s = by_id[e["employee_id"]]
            self.assertEqual(units[e["unit_id"]], s["Department"])
            self.assertEqual(roles[e["role_id"]], s["JobRole"])
            self.assertEqual(e["is_leader"],
                             "1" if int(s["JobLevel"]) >= 4 else "0")
            self.assertEqual(e["attr_gender"], s["Gender"])
            self.assertEqual(e["attr_marital_status"], s["MaritalStatus"])
            age = int(s["Age"])
            band = ("18-29" if age < 30 else "30-39" if age < 40
                    else "40-49" if age < 50 else "50+")
            self.assertEqual(e["attr_age_band"], band)
            self.assertEqual(training.get(e["employee_id"], 0),
                             int(s["TrainingTimesLastYear"]))
            for item_id, col in column_of.items():
                self.assertEqual(answers[(e["employee_id"], item_id)], s[col])

    def test_dates_not_after_as_of(self):
        year_before = AS_OF.replace(year=AS_OF.year - 1)
        for name in ("training.csv", "responses.csv"):
            for r in self.rows(name):
                self.assertRegex(r["date"], r"^\d{4}-\d{2}-\d{2}$")
                d = datetime.date.fromisoformat(r["date"])
                self.assertLessEqual(d, AS_OF, (name, r))
                self.assertGreater(d, year_before, (name, r))
        for r in self.rows("responses.csv"):
            self.assertEqual(r["date"], AS_OF.isoformat())

    def test_values_in_range(self):
        for r in self.rows("units.csv"):
            if r["parent_id"] == "":
                self.assertEqual(r["target_level"], "3")
            else:
                self.assertEqual(r["target_level"], "")
        for r in self.rows("employees.csv"):
            self.assertIn(r["is_leader"], ("0", "1"))
            self.assertIn(r["attr_age_band"],
                          ("18-29", "30-39", "40-49", "50+"))
        for r in self.rows("training.csv"):
            self.assertEqual(r["hours"], "8")
            self.assertEqual(r["status"], "completed")
        self.assertEqual(self.rows("skills.csv")[0]["skill_id"], "job_training")
        self.assertEqual(self.rows("skills.csv")[0]["category"], "general")
        scale = {}
        for r in self.rows("survey_items.csv"):
            self.assertEqual((r["scale_min"], r["scale_max"], r["reverse"]),
                             ("1", "4", "0"))
            # Without --proxy-constructs nothing is scored.
            self.assertNotIn(r["construct"], SCORED)
            self.assertRegex(r["construct"], r"^[a-z_]+$")
            scale[r["item_id"]] = (float(r["scale_min"]), float(r["scale_max"]))
        for r in self.rows("responses.csv"):
            lo, hi = scale[r["item_id"]]
            self.assertTrue(lo <= float(r["value"]) <= hi, r)

    def test_file_format(self):
        for name in HEADERS:
            with open(os.path.join(self.out, name), "rb") as f:
                data = f.read()
            self.assertFalse(data.startswith(b"\xef\xbb\xbf"), name)
            self.assertNotIn(b"\r", data, name)
            self.assertTrue(data.endswith(b"\n"), name)
            data.decode("utf-8")

    def test_deterministic(self):
        other = os.path.join(self.tmp, "again")
        r = run_converter(DATA, other)
        self.assertEqual(r.returncode, 0, r.stderr)
        for name in HEADERS:
            with open(os.path.join(self.out, name), "rb") as a, \
                    open(os.path.join(other, name), "rb") as b:
                self.assertEqual(a.read(), b.read(), name)

    def test_options(self):
        out = os.path.join(self.tmp, "options")
        r = run_converter(DATA, out, "--as-of", "2024-02-29",
                          "--hours-per-training", "2.5", "--target-level", "5",
                          "--proxy-constructs")
        self.assertEqual(r.returncode, 0, r.stderr)
        as_of = datetime.date(2024, 2, 29)
        _, units = read_table(out, "units.csv")
        self.assertEqual([u["target_level"] for u in units if not u["parent_id"]],
                         ["5"])
        _, training = read_table(out, "training.csv")
        for t in training:
            self.assertEqual(t["hours"], "2.5")
            d = datetime.date.fromisoformat(t["date"])
            self.assertTrue(datetime.date(2023, 2, 28) < d <= as_of, t)
        _, items = read_table(out, "survey_items.csv")
        constructs = {i["text"].split()[2]: i["construct"] for i in items}
        self.assertEqual(constructs["EnvironmentSatisfaction"], "support")
        self.assertEqual(constructs["RelationshipSatisfaction"], "voice")
        self.assertEqual(
            sorted(c for c in constructs.values() if c in SCORED),
            ["support", "voice"])
        _, responses = read_table(out, "responses.csv")
        self.assertEqual({x["date"] for x in responses}, {"2024-02-29"})

    def test_bad_options(self):
        for args in (["--as-of", "2026-13-01"], ["--as-of", "30/06/2026"],
                     ["--hours-per-training", "0"],
                     ["--hours-per-training", "nan"],
                     ["--target-level", "6"]):
            out = os.path.join(self.tmp, "bad")
            r = run_converter(DATA, out, *args)
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertFalse(os.path.exists(out), args)

    def _write_variant(self, transform):
        """A copy of the IBM file, BOM kept, with rows changed by
        transform(header, rows); returns its path (same base name)."""
        with open(DATA, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        header, body = transform(rows[0], rows[1:])
        d = tempfile.mkdtemp(dir=self.tmp)
        path = os.path.join(d, "ibm_hr_attrition.csv")
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            f.write(buf.getvalue())
        return path

    def test_missing_column(self):
        def drop_jobrole(header, body):
            i = header.index("JobRole")
            return (header[:i] + header[i + 1:],
                    [r[:i] + r[i + 1:] for r in body])
        path = self._write_variant(drop_jobrole)
        out = os.path.join(self.tmp, "missing")
        r = run_converter(path, out)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.strip(),
                         'ibm_hr_attrition.csv: missing column "JobRole"')
        self.assertFalse(os.path.exists(out))

    def test_quoted_fields_and_bad_values(self):
        # Quoting (a comma inside a department name) survives the trip.
        def quote(header, body):
            d = header.index("Department")
            body = [list(r) for r in body]
            body[0][d] = 'Sales, "EMEA"'
            return header, body
        out = os.path.join(self.tmp, "quoted")
        r = run_converter(self._write_variant(quote), out)
        self.assertEqual(r.returncode, 0, r.stderr)
        _, units = read_table(out, "units.csv")
        self.assertIn(("sales_emea", 'Sales, "EMEA"'),
                      [(u["unit_id"], u["name"]) for u in units])

        # A value out of range names file, line, column and value.
        def bad_level(header, body):
            j = header.index("JobLevel")
            body = [list(r) for r in body]
            body[4][j] = "7"
            return header, body
        r = run_converter(self._write_variant(bad_level),
                          os.path.join(self.tmp, "bad_level"))
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.strip(),
                         'ibm_hr_attrition.csv:6: JobLevel "7" is outside 1..5')

        def dup_id(header, body):
            n = header.index("EmployeeNumber")
            body = [list(r) for r in body]
            body[2][n] = body[0][n]
            return header, body
        r = run_converter(self._write_variant(dup_id),
                          os.path.join(self.tmp, "dup"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("already used on line 2", r.stderr)

    def test_airs_inspect_loads_output(self):
        inspect = os.environ.get("AIRS_INSPECT")
        if not inspect:
            self.skipTest("AIRS_INSPECT is not set; not loading the output "
                          "with the airs inspector")
        r = subprocess.run([inspect, "--data", self.out],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"\b1470\b",
                         "employee count not printed:\n" + r.stdout)


if __name__ == "__main__":
    if not os.path.exists(DATA):
        print(SKIP_MSG)
        sys.exit(77)  # meson: skipped
    unittest.main(verbosity=2)

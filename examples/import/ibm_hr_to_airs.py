#!/usr/bin/python3
"""Convert the IBM HR Analytics attrition file into an airs dataset folder.

Usage:
    ibm_hr_to_airs.py INPUT.csv OUTDIR [--as-of 2026-06-30]
                      [--hours-per-training 8] [--target-level 3]
                      [--proxy-constructs]

INPUT.csv is IBM's "HR Analytics Employee Attrition & Performance" file
(fictional data made by IBM data scientists; 1470 rows, 35 columns, UTF-8
with a byte-order mark).  OUTDIR receives units.csv, roles.csv, skills.csv,
employees.csv, training.csv, survey_items.csv and responses.csv.  Standard
library only; runs with Debian's /usr/bin/python3.

The IBM file was made to study attrition, not AI readiness.  What it can
honestly feed is an org structure, a training *volume* and some climate
scales.  Each mapping below says what it assumes.

Units.  One root unit for the company (id "company") carrying
--target-level (default 3), because the file says nothing about
leadership's AI ambition: the target is the caller's assumption, not data.
Each Department becomes a child unit; its id is the department name in
lower case with runs of other characters turned into "_"
("Research & Development" -> "research_development"), its name the original
text.  Departments set no target of their own, so they inherit the root's.

Roles.  Each JobRole becomes a role, with ids made the same way.  No
role_skills.csv is written: the file does not say which skills a role
needs, and inventing requirements would invent the gap that airs scores.

Employees.  EmployeeNumber is the employee_id (it is unique in the file;
duplicates are an error).  is_leader is 1 when JobLevel >= 4.  The file
has no leadership flag and no manager links; JobLevel is IBM's 1-5 grade,
and levels 4-5 hold 90 of the 102 "Manager"s and 52 of the 80 "Research
Director"s, and only 33 people with other titles (senior Healthcare
Representatives, Manufacturing Directors and Sales Executives).  So the
grade is a better proxy than the title alone, but imperfect: 12 Managers
and 28 Research Directors at level 3 are not flagged, and some senior
individual contributors are.  manager_id is left empty (YearsWithCurrManager
says how long, not who).

Audit attributes (kept for fairness audits only; airs never scores them):
attr_gender (Gender as written), attr_age_band (Age as 18-29, 30-39,
40-49, 50+; an age below 18 is an error), attr_marital_status
(MaritalStatus as written).  No other column is carried over: Attrition,
pay, performance, travel and the like are not readiness inputs, and
copying pay into another tool is a privacy cost with no benefit.

Training.  TrainingTimesLastYear = n becomes n completed training records
of --hours-per-training hours (default 8) each on one generic skill,
"job_training" (category "general"), the only row of skills.csv: the file
records how often people trained, not on what, for how long or whether it
had anything to do with AI.  The hours are an assumption.  The dates are
invented but deterministic: the 12 months ending on the as-of date are cut
into n equal slices, and record k falls in slice k on a day chosen by a
CRC-32 of the employee id, so sessions are spread over the year and do
not all land on the same days.  No courses.csv is written.

Survey.  The five 1-4 scales become survey items on a 1-4 scale, one per
column, with constructs of their own - job_satisfaction,
environment_satisfaction, job_involvement, work_life_balance,
relationship_satisfaction - which airs keeps but does not score (its
loader warns about them).  With --proxy-constructs, EnvironmentSatisfaction
is mapped to airs' "support" construct and RelationshipSatisfaction to
"voice".  That is a stretch, so it is opt-in: satisfaction with the work
environment is not the same as feeling supported in adopting AI tools, and
satisfaction with working relationships is not the same as having a say in
how they are introduced.  Use it only to exercise the scoring path, never to
report a real readiness figure.  Every employee answers every item (an
empty cell is skipped); responses are dated at the as-of date, since the
file has no survey date.

Absent inputs.  The file has no skill assessments and no AI tool usage, so
no assessments.csv or usage.csv is written; airs should report those parts
of readiness as unknown rather than zero.  If OUTDIR already holds such a
file from another source it is left alone and a warning is printed, because
airs would load it together with this output.

Output is deterministic: rows are sorted (units root first, then by id;
employees by number; records by employee, then date or item), lines end in
LF, numbers are written without locale, and nothing depends on the clock.

Exit status: 0 on success, 1 on bad input (missing column, bad value), 2 on
bad command-line arguments.
"""

import argparse
import binascii
import csv
import datetime
import os
import re
import sys

# Columns this converter reads; any others in the file are ignored.
REQUIRED_COLUMNS = (
    "Age",
    "Department",
    "EmployeeNumber",
    "EnvironmentSatisfaction",
    "Gender",
    "JobInvolvement",
    "JobLevel",
    "JobRole",
    "JobSatisfaction",
    "MaritalStatus",
    "RelationshipSatisfaction",
    "TrainingTimesLastYear",
    "WorkLifeBalance",
)

ROOT_UNIT_ID = "company"
ROOT_UNIT_NAME = "Company"
TRAINING_SKILL_ID = "job_training"
LEADER_MIN_JOB_LEVEL = 4
# A person cannot sensibly train more often than once a day.
MAX_TRAININGS = 365

# (item_id, IBM column, own construct, proxy construct or None, labels)
SURVEY_ITEMS = (
    ("ibm_environment_satisfaction", "EnvironmentSatisfaction",
     "environment_satisfaction", "support",
     "1 Low, 2 Medium, 3 High, 4 Very High"),
    ("ibm_job_involvement", "JobInvolvement",
     "job_involvement", None,
     "1 Low, 2 Medium, 3 High, 4 Very High"),
    ("ibm_job_satisfaction", "JobSatisfaction",
     "job_satisfaction", None,
     "1 Low, 2 Medium, 3 High, 4 Very High"),
    ("ibm_relationship_satisfaction", "RelationshipSatisfaction",
     "relationship_satisfaction", "voice",
     "1 Low, 2 Medium, 3 High, 4 Very High"),
    ("ibm_work_life_balance", "WorkLifeBalance",
     "work_life_balance", None,
     "1 Bad, 2 Good, 3 Better, 4 Best"),
)
SCALE_MIN = 1
SCALE_MAX = 4

# Dataset files that this converter never writes; a stale copy in OUTDIR
# would be loaded alongside its output.
NOT_WRITTEN = ("assessments.csv", "courses.csv", "role_skills.csv",
               "usage.csv")


class InputError(Exception):
    """A problem with the input file; the message is shown as is."""


def slug(text):
    """An id made from a display name: lower case, [a-z0-9_] only."""
    s = re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")
    return s


def age_band(age):
    if age < 18:
        raise ValueError("below 18")
    if age < 30:
        return "18-29"
    if age < 40:
        return "30-39"
    if age < 50:
        return "40-49"
    return "50+"


def fmt_num(x):
    """A number as plain decimal text (no exponent, which the dataset
    format does not promise to read; integers without ".0"); at most six
    decimals, never locale-dependent."""
    return ("%.6f" % x).rstrip("0").rstrip(".")


def one_year_before(d):
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


def training_dates(employee_id, n, as_of):
    """n deterministic dates in the 12 months ending on as_of, one per
    equal slice of that window, in ascending order."""
    start = one_year_before(as_of) + datetime.timedelta(days=1)
    span = (as_of - start).days + 1
    phase = binascii.crc32(employee_id.encode("utf-8"))
    dates = []
    for k in range(n):
        lo = k * span // n
        hi = (k + 1) * span // n
        dates.append(start + datetime.timedelta(days=lo + phase % (hi - lo)))
    return dates


def parse_int(where, column, text, lo, hi):
    t = text.strip()
    if not re.fullmatch(r"[+-]?[0-9]+", t):
        raise InputError('%s: %s "%s" is not an integer' % (where, column, text))
    v = int(t)
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        bounds = "%s..%s" % ("" if lo is None else lo, "" if hi is None else hi)
        raise InputError('%s: %s "%s" is outside %s' % (where, column, text,
                                                         bounds))
    return v


def employee_sort_key(emp_id):
    """Numeric ids in numeric order, then any others as text."""
    return (0, int(emp_id), "") if emp_id.isdigit() else (1, 0, emp_id)


def read_ibm(path):
    """Read and validate the IBM file; return a list of employee dicts."""
    name = os.path.basename(path)
    try:
        f = open(path, encoding="utf-8-sig", newline="")
    except OSError as e:
        raise InputError("%s: cannot open: %s" % (name, e.strerror))
    with f:
        try:
            reader = csv.DictReader(f, strict=True)
            header = reader.fieldnames
            if header is None:
                raise InputError("%s: empty file, no header row" % name)
            header = [h.strip() for h in header]
            reader.fieldnames = header
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            if missing:
                raise InputError("\n".join('%s: missing column "%s"' % (name, c)
                                           for c in missing))
            rows = []
            for row in reader:
                rows.append((reader.line_num, row))
        except UnicodeDecodeError as e:
            raise InputError("%s: not UTF-8 text (byte %d)" % (name, e.start))
        except csv.Error as e:
            raise InputError("%s:%d: %s" % (name, reader.line_num, e))

    if not rows:
        raise InputError("%s: no employee rows after the header" % name)
    employees = []
    seen = {}
    for line, row in rows:
        where = "%s:%d" % (name, line)
        if None in row or any(v is None for v in row.values()):
            raise InputError("%s: expected %d fields" % (where, len(header)))
        emp_id = row["EmployeeNumber"].strip()
        if not emp_id:
            raise InputError("%s: EmployeeNumber is empty" % where)
        if emp_id in seen:
            raise InputError('%s: EmployeeNumber "%s" already used on line %d'
                             % (where, emp_id, seen[emp_id]))
        seen[emp_id] = line
        for col in ("Department", "JobRole"):
            if not slug(row[col]):
                raise InputError('%s: %s "%s" has no letters or digits'
                                 % (where, col, row[col]))
        age = parse_int(where, "Age", row["Age"], 0, 150)
        try:
            band = age_band(age)
        except ValueError:
            raise InputError('%s: Age "%s" is below 18' % (where, row["Age"]))
        answers = {}
        for item_id, column, _, _, _ in SURVEY_ITEMS:
            if row[column].strip():
                answers[item_id] = parse_int(where, column, row[column],
                                             SCALE_MIN, SCALE_MAX)
        employees.append({
            "id": emp_id,
            "department": row["Department"].strip(),
            "role": row["JobRole"].strip(),
            "job_level": parse_int(where, "JobLevel", row["JobLevel"], 1, 5),
            "trainings": parse_int(where, "TrainingTimesLastYear",
                                   row["TrainingTimesLastYear"], 0,
                                   MAX_TRAININGS),
            "gender": row["Gender"].strip(),
            "age_band": band,
            "marital_status": row["MaritalStatus"].strip(),
            "answers": answers,
        })
    return employees


def unique_ids(names, kind):
    """Map each display name to a slug id; two names sharing a slug is an
    error rather than a silent merge."""
    ids = {}
    for n in sorted(names):
        s = slug(n)
        if s == ROOT_UNIT_ID and kind == "Department":
            s = "dept_" + s
        if s in ids.values():
            other = [k for k, v in ids.items() if v == s][0]
            raise InputError('%s "%s" and "%s" would both get the id "%s"'
                             % (kind, other, n, s))
        ids[n] = s
    return ids


def write_csv(outdir, filename, header, rows):
    path = os.path.join(outdir, filename)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)


def convert(employees, outdir, as_of, hours, target_level, proxy):
    dept_ids = unique_ids({e["department"] for e in employees}, "Department")
    role_ids = unique_ids({e["role"] for e in employees}, "JobRole")
    employees = sorted(employees, key=lambda e: employee_sort_key(e["id"]))
    as_of_text = as_of.isoformat()

    units = [(ROOT_UNIT_ID, ROOT_UNIT_NAME, "", str(target_level))]
    units += sorted((i, n, ROOT_UNIT_ID, "") for n, i in dept_ids.items())
    roles = sorted((i, n) for n, i in role_ids.items())
    skills = [(TRAINING_SKILL_ID, "Job training (topic not recorded)",
               "general", "")]
    emp_rows = []
    training = []
    responses = []
    for e in employees:
        emp_rows.append((e["id"], dept_ids[e["department"]], role_ids[e["role"]],
                         "1" if e["job_level"] >= LEADER_MIN_JOB_LEVEL else "0",
                         "", e["gender"], e["age_band"], e["marital_status"]))
        for d in training_dates(e["id"], e["trainings"], as_of):
            training.append((e["id"], "", TRAINING_SKILL_ID, fmt_num(hours),
                             d.isoformat(), "completed"))
        for item_id, _, _, _, _ in SURVEY_ITEMS:
            if item_id in e["answers"]:
                responses.append((e["id"], item_id, str(e["answers"][item_id]),
                                  as_of_text))
    items = []
    for item_id, column, own, proxy_construct, labels in SURVEY_ITEMS:
        construct = proxy_construct if proxy and proxy_construct else own
        items.append((item_id, construct, str(SCALE_MIN), str(SCALE_MAX), "0",
                      "IBM HR %s (%s)" % (column, labels)))

    os.makedirs(outdir, exist_ok=True)
    write_csv(outdir, "units.csv",
              ("unit_id", "name", "parent_id", "target_level"), units)
    write_csv(outdir, "roles.csv", ("role_id", "name"), roles)
    write_csv(outdir, "skills.csv",
              ("skill_id", "name", "category", "prerequisites"), skills)
    write_csv(outdir, "employees.csv",
              ("employee_id", "unit_id", "role_id", "is_leader", "manager_id",
               "attr_gender", "attr_age_band", "attr_marital_status"),
              emp_rows)
    write_csv(outdir, "training.csv",
              ("employee_id", "course_id", "skill_id", "hours", "date",
               "status"), training)
    write_csv(outdir, "survey_items.csv",
              ("item_id", "construct", "scale_min", "scale_max", "reverse",
               "text"), items)
    write_csv(outdir, "responses.csv",
              ("employee_id", "item_id", "value", "date"), responses)
    for stale in NOT_WRITTEN:
        if os.path.exists(os.path.join(outdir, stale)):
            sys.stderr.write("warning: %s already holds %s, which this "
                             "converter did not write; airs will load it "
                             "too\n" % (outdir, stale))
    return {"employees": len(emp_rows), "units": len(units),
            "roles": len(roles), "training": len(training),
            "responses": len(responses)}


def iso_date(text):
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError('"%s" is not a YYYY-MM-DD date'
                                         % text)


def hours_value(text):
    try:
        v = float(text)
    except ValueError:
        v = float("nan")
    if not (0 < v <= 10000):
        raise argparse.ArgumentTypeError('"%s" is not a number of hours in '
                                         '(0, 10000]' % text)
    return v


def level_value(text):
    if text not in ("1", "2", "3", "4", "5"):
        raise argparse.ArgumentTypeError('"%s" is not a level 1-5' % text)
    return int(text)


def main(argv=None):
    p = argparse.ArgumentParser(
        description="Convert IBM's HR Analytics attrition CSV into an airs "
                    "dataset folder (see the module docstring for the "
                    "mapping and its caveats).")
    p.add_argument("input", metavar="INPUT.csv")
    p.add_argument("outdir", metavar="OUTDIR")
    p.add_argument("--as-of", type=iso_date, default=iso_date("2026-06-30"),
                   help="date of the snapshot: survey responses are dated "
                        "on it, training falls in the 12 months ending on "
                        "it (default 2026-06-30)")
    p.add_argument("--hours-per-training", type=hours_value, default=8.0,
                   help="hours assumed per training occasion (default 8)")
    p.add_argument("--target-level", type=level_value, default=3,
                   help="target AI maturity 1-5 of the root unit (default 3)")
    p.add_argument("--proxy-constructs", action="store_true",
                   help="score EnvironmentSatisfaction as 'support' and "
                        "RelationshipSatisfaction as 'voice' (a stretch; "
                        "see the caveats)")
    args = p.parse_args(argv)
    try:
        employees = read_ibm(args.input)
        counts = convert(employees, args.outdir, args.as_of,
                         args.hours_per_training, args.target_level,
                         args.proxy_constructs)
    except InputError as e:
        sys.stderr.write("%s\n" % e)
        return 1
    except OSError as e:
        sys.stderr.write("%s: %s\n" % (e.filename or args.outdir, e.strerror))
        return 1
    sys.stderr.write("wrote %(employees)d employees, %(units)d units, "
                     "%(roles)d roles, %(training)d training records, "
                     "%(responses)d responses\n" % counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())

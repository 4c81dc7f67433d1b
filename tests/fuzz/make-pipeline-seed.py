#!/usr/bin/env python3
"""Write the seed corpus of fuzz-pipeline (tests/fuzz/corpus/pipeline).

    tests/fuzz/make-pipeline-seed.py [OUT_DIR]

Each seed is a dataset folder in the framing fuzz-pipeline.c documents:
three option bytes, then per table a table byte (its index below) and
the CSV text, sections separated by 0x1e.  Seeds:

  sample              the bundled sample company, every table
  sample-30           its first 30 employees and their records (fast)
  worked-example      the methodology's worked example
                      (tests/bench/data/worked-example)
  worked-example-attr the worked example with two attr_ columns, individual
                      sentiment on, min_group 3: an audit with an
                      intersection, and a selection exported
  worked-example-*    the same with another audit outcome / strategy;
                      -plan and -approx add a course catalogue, -approx
                      makes personal plans approximate and sets every
                      limit of the org plan
  tools-example       methodology 9's example: tools.csv, items about one
                      tool, an unregistered tool, min_group 3, a
                      selection
  two-waves           the worked example's people answering in two
                      declared waves (survey_waves.csv), some only in
                      the first: scoring by wave and the comparison

The output is a pure function of the committed data, so the corpus can
be regenerated and diffed.
"""
import csv
import io
import os
import sys

TABLES = ["units", "roles", "skills", "role_skills", "employees", "courses",
          "survey_items", "assessments", "training", "responses", "usage",
          "tools", "survey_waves"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, "examples", "data", "sample")
WORKED = os.path.join(ROOT, "tests", "bench", "data", "worked-example")
TOOLS = os.path.join(ROOT, "tests", "bench", "data", "tools-example")


# A small catalogue for the worked example, which has none: every format,
# a course with a cost, two for one skill.
COURSES = b"""course_id,name,skill_id,hours,level_gain,format,cost
C1,Prompting basics,prompting,4,1,self_paced,0
C2,Prompting workshop,prompting,8,1.5,workshop,300
C3,Data for AI,data,6,1,mentoring,120
C4,Ethics briefing,ethics,1,0.5,briefing,0
C5,Data project,data,20,2,project,50
C6,Demo day,prompting,2,0.5,demo,10
"""


def read_folder(path):
    """Table name -> CSV text, for the tables present."""
    out = {}
    for name in TABLES:
        f = os.path.join(path, name + ".csv")
        if os.path.exists(f):
            with open(f, "rb") as fh:
                out[name] = fh.read()
    return out


def frame(tables, opts):
    parts = []
    for name in TABLES:
        if name in tables:
            parts.append(bytes([TABLES.index(name)]) + tables[name])
    return bytes(opts) + b"\x1e".join(parts)


def options(sentiment=False, min_group3=False, outcome=0, flag=0,
            strategy=0, budget=0, exact_states=0, cost_limit=False,
            per_person=False, unit_budget=False, selection=False,
            threads=False):
    """The three option bytes; exact_states 0..3 picks the default, 1, 8
    or 64."""
    opt0 = int(sentiment) | int(min_group3) << 1 | outcome << 2 | flag << 5
    opt1 = strategy | budget << 2
    opt2 = (exact_states | int(cost_limit) << 2 | int(per_person) << 3 |
            int(unit_budget) << 4 | int(selection) << 5 | int(threads) << 6)
    return opt0, opt1, opt2


def rows(text):
    return list(csv.reader(io.StringIO(text.decode("utf-8"))))


def unrows(rs):
    s = io.StringIO()
    csv.writer(s, lineterminator="\n").writerows(rs)
    return s.getvalue().encode("utf-8")


def first_employees(tables, n):
    """The tables cut to the first n employees: their records only, and
    managers outside the cut cleared."""
    out = dict(tables)
    emp = rows(tables["employees"])
    head, body = emp[0], emp[1: n + 1]
    keep = {r[0] for r in body}
    if "manager_id" in head:
        m = head.index("manager_id")
        for r in body:
            if r[m] not in keep:
                r[m] = ""
    out["employees"] = unrows([head] + body)
    for name in ("assessments", "training", "responses", "usage"):
        if name in tables:
            rs = rows(tables[name])
            e = rs[0].index("employee_id")
            out[name] = unrows([rs[0]] + [r for r in rs[1:] if r[e] in keep])
    return out


def with_attributes(tables):
    """The worked example's employees with attr_team and attr_band."""
    out = dict(tables)
    emp = rows(tables["employees"])
    emp[0] += ["attr_team", "attr_band"]
    for i, r in enumerate(emp[1:]):
        r += ["a" if i % 2 == 0 else "b", "x" if i < 2 else "y"]
    out["employees"] = unrows(emp)
    return out


def two_waves(tables):
    """The worked example with two declared waves: each answer in June
    (wave W1), and again in September (W2) for all but every third
    person, one point higher where it can be."""
    out = dict(tables)
    out["survey_waves"] = (b"wave_id,start,end\n"
                           b"W1,2026-06-01,2026-06-30\n"
                           b"W2,2026-09-01,2026-09-21\n")
    rs = rows(tables["responses"])
    head = rs[0]
    e, v, d = (head.index(c) for c in ("employee_id", "value", "date"))
    people = sorted({r[e] for r in rs[1:]})
    body = []
    for r in rs[1:]:
        first = list(r)
        first[d] = "2026-06-15"
        body.append(first)
        if people.index(r[e]) % 3:
            second = list(r)
            second[d] = "2026-09-10"
            second[v] = str(min(5, int(r[v]) + 1))
            body.append(second)
    out["responses"] = unrows([head] + body)
    return out


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        ROOT, "tests", "fuzz", "corpus", "pipeline")
    os.makedirs(out, exist_ok=True)
    sample = read_folder(SAMPLE)
    worked = read_folder(WORKED)
    attr = with_attributes(worked)
    courses = dict(attr, courses=COURSES)
    seeds = {
        "sample": frame(sample, options(budget=8, selection=True)),
        "sample-30": frame(first_employees(sample, 30), options(
            min_group3=True, outcome=1, budget=4, unit_budget=True,
            per_person=True, threads=True)),
        "worked-example": frame(worked, options(budget=10)),
        "worked-example-attr": frame(attr, options(
            sentiment=True, min_group3=True, outcome=0, budget=12,
            selection=True, threads=True)),
        "worked-example-flag": frame(attr, options(
            outcome=2, flag=0, strategy=1, budget=3)),
        "worked-example-external": frame(attr, options(
            outcome=3, strategy=2, budget=20)),
        "worked-example-plan": frame(courses, options(
            sentiment=True, outcome=6, strategy=2, budget=40)),
        "worked-example-approx": frame(courses, options(
            outcome=5, budget=30, exact_states=1, cost_limit=True,
            per_person=True, unit_budget=True)),
        "tools-example": frame(read_folder(TOOLS), options(
            min_group3=True, budget=5, selection=True)),
        "two-waves": frame(two_waves(worked), options(
            min_group3=True, budget=4, threads=True)),
    }
    for name, data in sorted(seeds.items()):
        with open(os.path.join(out, name), "wb") as fh:
            fh.write(data)
        print("%-26s %7d bytes" % (name, len(data)))


if __name__ == "__main__":
    main()

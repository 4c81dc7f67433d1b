#!/usr/bin/python3
"""Checks airs-gen: the committed sample is reproducible, output is
deterministic, and every generated dataset obeys the data format
(docs/data-format.md): headers, RFC 4180, referential integrity, no
cycles, value ranges, date bounds.  For the sample it also checks that
the story told in examples/data/sample/README.md is in the numbers.

usage: check-gen.py AIRS_GEN SAMPLE_DIR
Standard library only.  Exit status 0 on success, 1 on failure.
"""
import calendar
import csv
import datetime
import filecmp
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile

AS_OF = datetime.date(2026, 6, 30)

HEADERS = {
    "units.csv": ["unit_id", "name", "parent_id", "target_level"],
    "roles.csv": ["role_id", "name"],
    "skills.csv": ["skill_id", "name", "category", "prerequisites"],
    "role_skills.csv": ["role_id", "skill_id", "required_level", "weight"],
    "employees.csv": ["employee_id", "unit_id", "role_id", "is_leader", "manager_id",
                      "attr_gender", "attr_age_band", "attr_location"],
    "assessments.csv": ["employee_id", "skill_id", "level", "date", "source"],
    "courses.csv": ["course_id", "name", "skill_id", "hours", "level_gain", "format", "cost"],
    "training.csv": ["employee_id", "course_id", "skill_id", "hours", "date", "status"],
    "survey_items.csv": ["item_id", "construct", "scale_min", "scale_max", "reverse", "text"],
    "responses.csv": ["employee_id", "item_id", "value", "date"],
    "usage.csv": ["employee_id", "tool_id", "period", "active_days"],
    "tools.csv": ["tool_id", "name", "sanctioned", "category", "available_from"],
    "survey_waves.csv": ["wave_id", "start", "end"],
}
# Files and trailing columns only the sample has (its AI tools story, its
# two survey waves).
SAMPLE_ONLY = {"tools.csv", "survey_waves.csv"}
OPTIONAL_COLUMNS = {"survey_items.csv": ["tool_id"]}
CONSTRUCTS = {"clarity", "usefulness", "trust", "security", "support", "voice",
              "recommend", "time_saved", "error_change"}
SOURCES = {"self", "manager", "test", "certification"}
FORMATS = {"self_paced", "workshop", "demo", "mentoring", "project", "briefing"}
STATUSES = {"completed", "in_progress", "planned"}
ID_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,255}$")
DECIMAL_RE = re.compile(r"^[0-9]+(\.[0-9]+)?$")
ONE_DECIMAL_RE = re.compile(r"^[0-9](\.[0-9])?$")
INT_RE = re.compile(r"^-?[0-9]+$")

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


def run_gen(gen, out, *args):
    subprocess.run([gen, *args, "--out", out], check=True)


def read_table(d, name):
    """Rows of one file as dicts, after checking encoding, line ends,
    quoting and the exact header."""
    raw = open(os.path.join(d, name), "rb").read()
    text = raw.decode("utf-8")  # raises on invalid UTF-8
    where = f"{os.path.basename(d)}/{name}"
    check(b"\r" not in raw, f"{where}: CR in file (LF line ends expected)")
    check(text.endswith("\n"), f"{where}: last line not terminated")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = next(reader)
    check(header in (HEADERS[name], HEADERS[name] + OPTIONAL_COLUMNS.get(name, [])),
          f"{where}: header {header}")
    rows = []
    for lineno, rec in enumerate(reader, start=2):
        if not check(len(rec) == len(header), f"{where}:{lineno}: {len(rec)} fields"):
            continue
        rows.append(dict(zip(header, rec)))
    # Fields needing quotes are quoted, nothing else is: re-encoding
    # minimally quoted must give the same bytes.
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow([r[h] for h in header])
    check(buf.getvalue() == text, f"{where}: not minimal RFC 4180 quoting")
    return rows


def date_of(s, where):
    try:
        d = datetime.date.fromisoformat(s)
    except ValueError:
        fail(f"{where}: bad date {s!r}")
        return None
    check(len(s) == 10, f"{where}: date {s!r} not YYYY-MM-DD")
    check(d <= AS_OF, f"{where}: date {s} after as-of {AS_OF}")
    return d


def num(s, where, lo, hi, pattern=DECIMAL_RE):
    if not check(pattern.match(s) is not None, f"{where}: bad number {s!r}"):
        return None
    v = float(s)
    check(lo <= v <= hi, f"{where}: {s} outside {lo}..{hi}")
    return v


def unique_ids(rows, key, where):
    ids = [r[key] for r in rows]
    check(len(ids) == len(set(ids)), f"{where}: duplicate {key}")
    for i in ids:
        check(ID_RE.match(i) is not None, f"{where}: odd id {i!r}")
    return set(ids)


def acyclic(parent, where):
    """parent: id -> parent id or ''.  Fails on a cycle."""
    state = {}
    for start in parent:
        path = []
        node = start
        while node and node not in state:
            state[node] = "open"
            path.append(node)
            node = parent.get(node, "")
        if node and state.get(node) == "open":
            fail(f"{where}: cycle through {node}")
            return False
        for p in path:
            state[p] = "done"
    return True


def validate(d, expect_employees=None, sample=False):
    names = sorted(f for f in os.listdir(d) if f.endswith(".csv"))
    want = sorted(n for n in HEADERS if sample or n not in SAMPLE_ONLY)
    check(names == want, f"{d}: files {names}")
    t = {name: read_table(d, name) for name in want}
    t.setdefault("tools.csv", [])

    units = {u["unit_id"]: u for u in t["units.csv"]}
    unique_ids(t["units.csv"], "unit_id", "units.csv")
    roots = [u for u in units.values() if not u["parent_id"]]
    check(len(roots) == 1, f"units.csv: {len(roots)} roots")
    seen = set()
    for u in t["units.csv"]:
        w = f"units.csv {u['unit_id']}"
        check(u["name"] != "", f"{w}: empty name")
        if u["parent_id"]:
            check(u["parent_id"] in units, f"{w}: unknown parent")
            check(u["parent_id"] in seen, f"{w}: parent listed after child")
        if u["target_level"]:
            num(u["target_level"], w, 1, 5, INT_RE)
        seen.add(u["unit_id"])
    acyclic({k: v["parent_id"] for k, v in units.items()}, "units.csv")
    # every top-level unit (division) sets a target
    for u in units.values():
        if u["parent_id"] and not units[u["parent_id"]]["parent_id"]:
            check(u["target_level"] != "", f"units.csv {u['unit_id']}: division without target")

    roles = unique_ids(t["roles.csv"], "role_id", "roles.csv")
    check(len(roles) >= 8, f"roles.csv: only {len(roles)} roles")

    skills = unique_ids(t["skills.csv"], "skill_id", "skills.csv")
    check(len(skills) >= 18, f"skills.csv: only {len(skills)} skills")
    prereq = {}
    for s in t["skills.csv"]:
        w = f"skills.csv {s['skill_id']}"
        prereq[s["skill_id"]] = []
        if s["prerequisites"]:
            for pair in s["prerequisites"].split(";"):
                sk, _, lvl = pair.partition(":")
                check(sk in skills and sk != s["skill_id"], f"{w}: prerequisite {sk!r}")
                num(lvl, w, 0, 5)
                prereq[s["skill_id"]].append(sk)
    # prerequisites form a DAG
    color = {}

    def dfs(n):
        color[n] = 1
        for m in prereq.get(n, []):
            if color.get(m) == 1:
                fail(f"skills.csv: prerequisite cycle through {m}")
            elif m not in color:
                dfs(m)
        color[n] = 2
    for n in prereq:
        if n not in color:
            dfs(n)

    pairs = set()
    for r in t["role_skills.csv"]:
        w = f"role_skills.csv {r['role_id']}/{r['skill_id']}"
        check(r["role_id"] in roles and r["skill_id"] in skills, f"{w}: unknown id")
        check((r["role_id"], r["skill_id"]) not in pairs, f"{w}: duplicate")
        pairs.add((r["role_id"], r["skill_id"]))
        num(r["required_level"], w, 0, 5)
        v = num(r["weight"], w, 0, 1000)
        check(v is None or v > 0, f"{w}: weight must be > 0")
    check({r["role_id"] for r in t["role_skills.csv"]} == roles, "role_skills.csv: role without requirements")

    emps = {e["employee_id"]: e for e in t["employees.csv"]}
    unique_ids(t["employees.csv"], "employee_id", "employees.csv")
    if expect_employees is not None:
        check(len(emps) == expect_employees, f"employees.csv: {len(emps)} rows, want {expect_employees}")
    genders = {"female", "male", "nonbinary"}
    for e in t["employees.csv"]:
        w = f"employees.csv {e['employee_id']}"
        check(e["unit_id"] in units, f"{w}: unknown unit")
        check(e["role_id"] in roles, f"{w}: unknown role")
        check(e["is_leader"] in ("0", "1"), f"{w}: is_leader {e['is_leader']!r}")
        check(not e["manager_id"] or e["manager_id"] in emps, f"{w}: unknown manager")
        check(e["attr_gender"] in genders, f"{w}: gender {e['attr_gender']!r}")
        check(e["attr_age_band"] in {"18-29", "30-39", "40-49", "50+"}, f"{w}: age band")
        check(e["attr_location"] != "", f"{w}: no location")
    acyclic({k: v["manager_id"] for k, v in emps.items()}, "employees.csv managers")
    check(sum(1 for e in emps.values() if not e["manager_id"]) == 1, "employees.csv: not exactly one top manager")

    courses = {c["course_id"]: c for c in t["courses.csv"]}
    unique_ids(t["courses.csv"], "course_id", "courses.csv")
    for c in t["courses.csv"]:
        w = f"courses.csv {c['course_id']}"
        check(c["name"] != "" and c["skill_id"] in skills, f"{w}: name/skill")
        h = num(c["hours"], w, 0, 10000)
        check(h is None or h > 0, f"{w}: hours must be > 0")
        num(c["level_gain"], w, 0, 5)
        check(c["format"] in FORMATS, f"{w}: format {c['format']!r}")
        num(c["cost"], w, 0, 1e9)
    check(len({c["format"] for c in courses.values()}) >= 4, "courses.csv: too few formats")

    tools = unique_ids(t["tools.csv"], "tool_id", "tools.csv")
    for tl in t["tools.csv"]:
        w = f"tools.csv {tl['tool_id']}"
        check(tl["name"] != "" and tl["sanctioned"] in ("yes", "no"), f"{w}: name, sanctioned")
        check(tl["available_from"] == "" or
              re.match(r"^[0-9]{4}-(0[1-9]|1[0-2])$", tl["available_from"]),
              f"{w}: available_from {tl['available_from']!r}")
    items = {i["item_id"]: i for i in t["survey_items.csv"]}
    unique_ids(t["survey_items.csv"], "item_id", "survey_items.csv")
    general = [i for i in items.values() if not i.get("tool_id")]
    check(len(general) == 12, f"survey_items.csv: {len(general)} general items")
    check({i["construct"] for i in general} == CONSTRUCTS, "survey_items.csv: constructs")
    for i in items.values():
        if i.get("tool_id"):
            check(i["tool_id"] in tools, f"survey_items.csv {i['item_id']}: tool not in tools.csv")
    check(sum(i["reverse"] == "1" for i in items.values()) >= 2, "survey_items.csv: reverse items")
    for i in items.values():
        w = f"survey_items.csv {i['item_id']}"
        check(i["reverse"] in ("0", "1"), f"{w}: reverse")
        check(int(i["scale_min"]) < int(i["scale_max"]), f"{w}: scale")

    earliest = AS_OF - datetime.timedelta(days=548)
    per_emp = {}
    for a in t["assessments.csv"]:
        w = f"assessments.csv {a['employee_id']}/{a['skill_id']}"
        check(a["employee_id"] in emps and a["skill_id"] in skills, f"{w}: unknown id")
        num(a["level"], w, 0, 5, ONE_DECIMAL_RE)
        dt = date_of(a["date"], w)
        check(dt is None or dt >= earliest, f"{w}: date older than 18 months")
        check(a["source"] in SOURCES, f"{w}: source {a['source']!r}")
        per_emp[a["employee_id"]] = per_emp.get(a["employee_id"], 0) + 1
    check(set(per_emp) == set(emps), "assessments.csv: employee without assessments")
    check(all(5 <= n <= 15 for n in per_emp.values()), "assessments.csv: not 5..15 per employee")

    per_emp = {}
    for r in t["training.csv"]:
        w = f"training.csv {r['employee_id']}"
        check(r["employee_id"] in emps, f"{w}: unknown employee")
        check(r["course_id"] or r["skill_id"], f"{w}: neither course nor skill")
        check(not r["course_id"] or r["course_id"] in courses, f"{w}: unknown course")
        check(not r["skill_id"] or r["skill_id"] in skills, f"{w}: unknown skill")
        if r["course_id"] and r["skill_id"]:
            check(courses[r["course_id"]]["skill_id"] == r["skill_id"], f"{w}: course teaches another skill")
        num(r["hours"], w, 0, 10000)
        date_of(r["date"], w)
        check(r["status"] in STATUSES, f"{w}: status {r['status']!r}")
        per_emp[r["employee_id"]] = per_emp.get(r["employee_id"], 0) + 1
    check(all(n <= 4 for n in per_emp.values()), "training.csv: more than 4 records")

    answered = set()
    for r in t["responses.csv"]:
        w = f"responses.csv {r['employee_id']}/{r['item_id']}"
        check(r["employee_id"] in emps and r["item_id"] in items, f"{w}: unknown id")
        it = items.get(r["item_id"])
        if it:
            num(r["value"], w, int(it["scale_min"]), int(it["scale_max"]), INT_RE)
        date_of(r["date"], w)
        key = (r["employee_id"], r["item_id"], wave_of(t, r["date"]))
        check(key not in answered, f"{w}: answered twice in a wave")
        answered.add(key)
    share = len({e for e, _, wv in answered if wv == ""}) / len(emps)
    if len(emps) >= 200:
        check(0.55 <= share <= 0.85, f"responses.csv: {share:.2f} of employees answered")

    months = []
    y, m = AS_OF.year, AS_OF.month
    for _ in range(6):
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    keys = set()
    for r in t["usage.csv"]:
        w = f"usage.csv {r['employee_id']}/{r['tool_id']}/{r['period']}"
        check(r["employee_id"] in emps, f"{w}: unknown employee")
        check(ID_RE.match(r["tool_id"]) is not None, f"{w}: tool id")
        check(not tools or r["tool_id"] in tools, f"{w}: tool not in tools.csv")
        if check(r["period"] in months, f"{w}: period outside the 6 months to as-of"):
            py, pm = map(int, r["period"].split("-"))
            num(r["active_days"], w, 0, calendar.monthrange(py, pm)[1], INT_RE)
        check((r["employee_id"], r["tool_id"], r["period"]) not in keys, f"{w}: duplicate")
        keys.add((r["employee_id"], r["tool_id"], r["period"]))
    return t


def wave_of(t, date):
    """The id of the survey wave date is in ("" for the latest, or with
    no survey_waves.csv)."""
    waves = t.get("survey_waves.csv") or []
    for i, wv in enumerate(waves):
        if wv["start"] <= date <= wv["end"]:
            return "" if i == len(waves) - 1 else wv["wave_id"]
    check(not waves, f"responses.csv: date {date} in no wave")
    return ""


def mean(xs):
    xs = list(xs)
    return sum(xs) / len(xs) if xs else float("nan")


def check_story(t):
    """The sample's story (examples/data/sample/README.md) is visible."""
    units = {u["unit_id"]: u for u in t["units.csv"]}
    emps = {e["employee_id"]: e for e in t["employees.csv"]}
    items = {i["item_id"]: i for i in t["survey_items.csv"]}

    def dept(uid):
        while units[uid]["parent_id"] and units[units[uid]["parent_id"]]["parent_id"]:
            uid = units[uid]["parent_id"]
        return uid
    staff = {k for k, e in emps.items() if e["is_leader"] == "0"}
    leaders = set(emps) - staff

    def scored(r):
        it = items[r["item_id"]]
        v = int(r["value"])
        return int(it["scale_min"]) + int(it["scale_max"]) - v if it["reverse"] == "1" else v

    by_construct = {}  # the general items (an item about one tool is not)
    for r in t["responses.csv"]:  # of the latest wave, which reports read
        if not items[r["item_id"]].get("tool_id") and wave_of(t, r["date"]) == "":
            by_construct.setdefault(items[r["item_id"]]["construct"], []).append(r)
    useful = by_construct["usefulness"]
    lu = mean(scored(r) for r in useful if r["employee_id"] in leaders)
    su = mean(scored(r) for r in useful if r["employee_id"] in staff)
    check(lu - su >= 0.8, f"story: leaders' usefulness {lu:.2f} not far above staff {su:.2f}")
    ts = by_construct["time_saved"]
    staff_saving = mean(int(r["value"]) >= 1 for r in ts if r["employee_id"] in staff)
    leader_saving = mean(int(r["value"]) >= 1 for r in ts if r["employee_id"] in leaders)
    check(0.35 <= staff_saving <= 0.6, f"story: {staff_saving:.2f} of staff report time saved")
    check(leader_saving >= 0.85, f"story: {leader_saving:.2f} of leaders report time saved")

    trained = {r["employee_id"] for r in t["training.csv"]}
    using = {r["employee_id"] for r in t["usage.csv"]}
    share = {}
    for d in ("U-CUSTOPS", "U-FIN", "U-SALES", "U-TECH", "U-PEOPLE"):
        members = [e for e in emps if dept(emps[e]["unit_id"]) == d]
        share[d] = (mean(e in trained for e in members), mean(e in using for e in members))
    check(share["U-FIN"][0] >= 0.8 and share["U-FIN"][1] <= 0.25,
          f"story: Finance trained/using {share['U-FIN']}")
    check(share["U-SALES"][0] <= 0.2 and share["U-SALES"][1] >= 0.75,
          f"story: Sales trained/using {share['U-SALES']}")
    check_tool_story(t, dept)

    sec = {}
    for r in by_construct["security"]:
        sec.setdefault(dept(emps[r["employee_id"]]["unit_id"]), []).append(scored(r))
    worst = min((mean(v), k) for k, v in sec.items() if k != "U-CO")
    check(worst[1] == "U-CUSTOPS", f"story: lowest job security in {worst[1]}")
    others = [mean(v) for k, v in sec.items() if k not in ("U-CO", "U-CUSTOPS")]
    check(min(others) - worst[0] >= 0.5, "story: Customer Operations' fear not concentrated")

    gap = {}
    for a in t["assessments.csv"]:
        if a["source"] in ("self", "test"):
            g = gap.setdefault(dept(emps[a["employee_id"]]["unit_id"]), {"self": [], "test": []})
            g[a["source"]].append(float(a["level"]))
    gaps = {k: mean(v["self"]) - mean(v["test"]) for k, v in gap.items() if k != "U-CO"}
    check(max(gaps, key=gaps.get) == "U-SALES", f"story: self-test gap largest in {max(gaps, key=gaps.get)}")
    check(all(v > 0 for v in gaps.values()), "story: self-ratings not above tests")

    # Training raises assessed skill: tests after a completed course on
    # that skill score higher than tests of the same skill by others.
    done = {}
    for r in t["training.csv"]:
        if r["status"] == "completed" and r["skill_id"]:
            done.setdefault((r["employee_id"], r["skill_id"]), r["date"])
    after, never = [], []
    for a in t["assessments.csv"]:
        if a["source"] != "test":
            continue
        k = (a["employee_id"], a["skill_id"])
        if k in done and a["date"] >= done[k]:
            after.append(float(a["level"]))
        elif k not in done:
            never.append(float(a["level"]))
    check(mean(after) > mean(never) + 0.3, f"story: trained tests {mean(after):.2f} vs {mean(never):.2f}")

    # Audit attributes are unrelated to outcomes: usage share by gender
    # within a few points of the whole (nonbinary group too small to test).
    overall = mean(e in using for e in emps)
    for g in ("female", "male"):
        s = mean(e in using for e in emps if emps[e]["attr_gender"] == g)
        check(abs(s - overall) < 0.1, f"attributes: usage share of {g} {s:.2f} vs {overall:.2f}")


def check_tool_story(t, dept):
    """The sample's AI tools story (README.md, item 8), recomputed from
    the files by methodology section 9 with its default parameters:
    Customer Operations drops the knowledge search (lapsing), Sales &
    Marketing uses the writing assistant a lot and says it does not help
    (mismatch), Technology & Data works in an unsanctioned public chatbot
    (shadow AI) - and nowhere else."""
    emps = {e["employee_id"]: e for e in t["employees.csv"]}
    items = {i["item_id"]: i for i in t["survey_items.csv"]}
    sanctioned = {tl["tool_id"]: tl["sanctioned"] == "yes" for tl in t["tools.csv"]}
    early = {"2026-01", "2026-02", "2026-03", "2026-04"}
    late = {"2026-05", "2026-06"}
    days = {}  # (employee, tool) -> {period: active days}
    for r in t["usage.csv"]:
        if int(r["active_days"]) > 0:
            days.setdefault((r["employee_id"], r["tool_id"]), {})[r["period"]] = \
                int(r["active_days"])
    home = {e: dept(emps[e]["unit_id"]) for e in emps}

    def users(tool, d=None, inside=True):
        return [e for (e, tl) in days if tl == tool and
                (d is None or (home[e] == d) == inside)]

    def lapsed(e, tool):
        m = days[(e, tool)]
        return bool(early & set(m)) and not (late & set(m))

    # lapsing: most of Customer Operations' knowledge-search users stopped,
    # nobody elsewhere did
    u = users("knowledge_search", "U-CUSTOPS")
    share = mean(lapsed(e, "knowledge_search") for e in u)
    check(len(u) >= 10 and share >= 0.5, f"tool story: {share:.2f} of "
          f"{len(u)} Customer Operations knowledge-search users lapsed")
    others = sum(lapsed(e, tl) for (e, tl) in days if home[e] != "U-CUSTOPS")
    check(others == 0, f"tool story: {others} lapses outside Customer Operations")

    # mismatch: the writing assistant, used by 30%+ of Sales & Marketing,
    # scores 0.5 or less there, 0.15+ below what the same roles say of
    # Copilot Chat, and helps elsewhere
    def benefit(item, people):
        it = items[item]
        lo, hi = int(it["scale_min"]), int(it["scale_max"])
        vals = [(int(r["value"]) - lo) / (hi - lo) for r in t["responses.csv"]
                if r["item_id"] == item and r["employee_id"] in people]
        return mean(vals), len(vals)
    check(items["T02"]["tool_id"] == "writing_assistant" and
          items["T01"]["tool_id"] == "copilot_chat", "tool story: T01, T02")
    sales = [e for e in emps if home[e] == "U-SALES"]
    wa = set(users("writing_assistant", "U-SALES"))
    b, n = benefit("T02", wa)
    check(len(wa) / len(sales) >= 0.3 and n >= 5 and b <= 0.5,
          f"tool story: Sales writing assistant {len(wa)}/{len(sales)} users, "
          f"benefit {b:.2f} from {n}")
    sales_roles = {emps[e]["role_id"] for e in wa}
    base, bn = benefit("T01", {e for e in emps if emps[e]["role_id"] in sales_roles
                               and (e, "copilot_chat") in days})
    check(bn >= 5 and base - b >= 0.15,
          f"tool story: baseline {base:.2f} from {bn}, benefit {b:.2f}")
    elsewhere, n2 = benefit("T02", set(users("writing_assistant", "U-SALES", False)))
    check(n2 >= 5 and elsewhere >= 0.6,
          f"tool story: the writing assistant helps elsewhere ({elsewhere:.2f})")

    # shadow AI: 20%+ of Technology & Data's AI days (the busiest tool of
    # each person-month, as 3.5) go to unsanctioned tools; none elsewhere
    def busiest(people, only_unsanctioned):
        per = {}
        for (e, tl), m in days.items():
            if e in people and (not only_unsanctioned or not sanctioned.get(tl, False)):
                for p, dd in m.items():
                    per[(e, p)] = max(per.get((e, p), 0), dd)
        return sum(per.values())
    tech = {e for e in emps if home[e] == "U-TECH"}
    share = busiest(tech, True) / busiest(tech, False)
    check(share >= 0.2, f"tool story: Technology & Data shadow share {share:.2f}")
    outside = busiest(set(emps) - tech, True)
    check(outside == 0, f"tool story: {outside} unsanctioned days outside Technology & Data")


def same_tree(a, b):
    fa, fb = sorted(os.listdir(a)), sorted(os.listdir(b))
    if fa != fb:
        return False
    match, mismatch, errors = filecmp.cmpfiles(a, b, fa, shallow=False)
    return not mismatch and not errors


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    gen, sample = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix="airs-gen-test-")
    try:
        # 1. The committed sample is exactly what the generator makes.
        s = os.path.join(tmp, "sample")
        run_gen(gen, s, "--sample")
        committed = sorted(f for f in os.listdir(sample) if f.endswith(".csv"))
        check(committed == sorted(os.listdir(s)), f"sample: files {committed}")
        for f in committed:
            check(filecmp.cmp(os.path.join(s, f), os.path.join(sample, f), shallow=False),
                  f"sample: {f} differs from the committed file; rerun airs-gen --sample")
        t = validate(s, 250, sample=True)
        check(len(t["courses.csv"]) == 10, "sample: 10 courses")
        check(len(t["roles.csv"]) == 8, "sample: 8 roles")
        check_story(t)

        # 2. Determinism and validity of random companies.
        for n in (10, 1000):
            outs = []
            for seed in (1, 2):
                a = os.path.join(tmp, f"n{n}s{seed}a")
                b = os.path.join(tmp, f"n{n}s{seed}b")
                run_gen(gen, a, "--employees", str(n), "--seed", str(seed))
                run_gen(gen, b, "--employees", str(n), "--seed", str(seed))
                check(same_tree(a, b), f"N={n} seed={seed}: two runs differ")
                validate(a, n)
                outs.append(a)
            check(not filecmp.cmp(os.path.join(outs[0], "assessments.csv"),
                                  os.path.join(outs[1], "assessments.csv"), shallow=False),
                  f"N={n}: seeds 1 and 2 give the same assessments")

        # 3. The as-of date moves every date.
        a = os.path.join(tmp, "asof")
        run_gen(gen, a, "--employees", "300", "--seed", "5", "--as-of", "2024-02-29")
        global AS_OF
        saved, AS_OF = AS_OF, datetime.date(2024, 2, 29)
        validate(a, 300)
        AS_OF = saved

        # 4. Bad arguments are refused.
        for bad in (["--employees", "9", "--seed", "1"], ["--employees", "100"],
                    ["--employees", "100", "--seed", "x"],
                    ["--employees", "100", "--seed", "1", "--as-of", "2026-02-30"],
                    ["--sample", "--seed", "3"]):
            p = subprocess.run([gen, *bad, "--out", os.path.join(tmp, "bad")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            check(p.returncode != 0, f"accepted bad arguments {bad}")
    finally:
        shutil.rmtree(tmp)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""CLI tests for `airs`: golden outputs, error paths, JSON and HTML checks.

    tests/cli/run.py AIRS_BINARY SOURCE_ROOT [--update]

Every subcommand runs on the bundled sample company (examples/data/sample)
with the source root as working directory, so paths in the output are
relative and the same on every machine.  Outputs are compared byte for
byte with tests/cli/golden/.  `--update` rewrites the golden files from the
current binary instead of comparing; review the diff (`git diff
tests/cli/golden`) before committing it: a golden file is a promise about
what users see.

Output is TAP, for `meson test` (protocol: tap).  Standard library only.
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

if len(sys.argv) < 3:
    sys.exit(__doc__)
AIRS = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2])
UPDATE = "--update" in sys.argv[3:]
GOLDEN = os.path.join(ROOT, "tests", "cli", "golden")
SAMPLE = "examples/data/sample"

results = []


def ok(cond, name, detail=""):
    results.append((bool(cond), name, detail))


def run(*args, env=None, cwd=ROOT):
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    e["AIRS_SAMPLE_DIR"] = os.path.join(ROOT, SAMPLE)
    if env:
        e.update(env)
    p = subprocess.run([AIRS, *args], cwd=cwd, env=e, capture_output=True,
                       timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def golden(name, args, rc_expected=0):
    """Run, check the exit code, compare stdout with golden/NAME."""
    rc, out, err = run(*args)
    ok(rc == rc_expected, f"{name}: exit {rc_expected}", f"got {rc}: {err}")
    path = os.path.join(GOLDEN, name)
    if UPDATE:
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(out)
        ok(True, f"{name}: golden updated")
    else:
        try:
            with open(path, encoding="utf-8", newline="") as f:
                want = f.read()
        except OSError:
            want = None
        detail = ""
        if want != out and want is not None:
            wl, ol = want.splitlines(), out.splitlines()
            for i, (a, b) in enumerate(zip(wl, ol)):
                if a != b:
                    detail = f"line {i + 1}:\n  want {a!r}\n  got  {b!r}"
                    break
            else:
                detail = f"{len(wl)} lines wanted, {len(ol)} got"
        ok(want == out, f"{name}: matches golden/{name}",
           detail or ("missing golden file; run with --update" if want is None
                      else ""))
    return out


def error(name, args, rc_expected, pattern, env=None):
    """An error path: exit code, a message on stderr, nothing on stdout."""
    rc, out, err = run(*args, env=env)
    ok(rc == rc_expected, f"{name}: exit {rc_expected}", f"got {rc}")
    ok(re.search(pattern, err), f"{name}: stderr says /{pattern}/", err)
    return out, err


def another_organisation(tmp):
    """The sample with every unit id renamed (U- to Z-), in tmp/other:
    the same people, no unit in common with the sample."""
    other = os.path.join(tmp, "other")
    shutil.copytree(os.path.join(ROOT, SAMPLE), other)
    for name in ("units.csv", "employees.csv"):
        path = os.path.join(other, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace("U-", "Z-"))
    return other


def text_checks(name, out):
    lines = out.splitlines()
    wide = [l for l in lines if len(l) > 100]
    ok(not wide, f"{name}: fits 100 columns", "\n".join(wide[:3]))
    ok("\x1b" not in out, f"{name}: no colour when not a terminal")
    ok(all(l == l.rstrip() for l in lines), f"{name}: no trailing blanks")


# ---- text outputs -------------------------------------------------------
for name, args in [
    ("report.txt", ["report"]),
    ("report-data.txt", ["report", "--data", SAMPLE]),
    ("report-unit.txt", ["report", "--unit", "U-CUSTOPS", "--depth", "1"]),
    ("report-managers.txt", ["report", "--by", "manager"]),
    ("report-manager.txt", ["report", "--manager", "E000004"]),
    ("score.txt", ["score", "--data", SAMPLE]),
    ("score-unit.txt", ["score", "--data", SAMPLE, "--unit", "U-FIN"]),
    ("explain.txt", ["explain", "--data", SAMPLE, "--employee", "E000001"]),
    ("validate.txt", ["validate", "--data", SAMPLE]),
]:
    text_checks(name, golden(name, args))

# ---- CSV and JSON (the export module's formats) -------------------------
import csv
import io

out = golden("score.csv", ["score", "--data", SAMPLE, "--format", "csv"])
rows = list(csv.DictReader(io.StringIO(out, newline="")))
ok(len(rows) == 250, "score.csv: 250 employee rows", len(rows))
ok(rows and rows[0]["id"] == "E000001" and rows[0]["unit_id"] == "U-CO",
   "score.csv: first row is E000001 of U-CO")
ok(all(r["readiness"] == "" or 0 <= float(r["readiness"]) <= 100 for r in rows),
   "score.csv: readiness within 0..100")

out = golden("score.json", ["score", "--data", SAMPLE, "--format", "json"])
try:
    emps = json.loads(out)
except ValueError as e:
    emps = None
    ok(False, "score.json: parses", e)
ok(isinstance(emps, list) and len(emps) == 250, "score.json: 250 records")
if emps:
    e1 = emps[0]
    ok(e1["id"] == "E000001" and e1["level"] in (1, 2, 3, 4, 5) and
       "sentiment" in e1["withheld"], "score.json: fields of E000001", e1)
    # The table and the JSON agree.
    tbl = open(os.path.join(GOLDEN, "score.txt"), encoding="utf-8").read()
    line = next(l for l in tbl.splitlines() if l.startswith("E000001 "))
    ok(f"{e1['readiness']:.1f}" in line.split(), "score: table and JSON agree", line)

out = golden("report.json", ["report", "--format", "json"])
try:
    rep = json.loads(out)
except ValueError as e:
    rep = None
    ok(False, "report.json: parses", e)
if rep:
    ok(rep["schema"] == "airs-report/1", "report.json: schema")
    ok(re.fullmatch(r"[0-9a-f]{64}", rep["provenance"]["input_digest"]),
       "report.json: provenance input digest")
    org = [u for u in rep["units"] if u["scope"] == "organisation"]
    ok(len(org) == 1 and org[0]["headcount"] == 250, "report.json: organisation of 250")
    ok("employees" not in rep, "report.json: no employee records")
    cons = [r for r in rep["constructs"] if r["scope"] == "organisation"]
    ok(len(cons) == 9 and all(r["construct"] for r in cons), "report.json: 9 constructs")
    sup = [r for r in rep["constructs"] if r["respondents"] is None]
    ok(all(r["mean"] is None for r in sup), "report.json: suppressed groups show no mean")
    ok(rep["skill_gaps"] and "mean_gap" in rep["skill_gaps"][0], "report.json: skill gaps")
if shutil.which("jq"):
    p = subprocess.run(["jq", "."], input=out.encode(), capture_output=True)
    ok(p.returncode == 0, "report.json: jq . accepts it")
p = subprocess.run([sys.executable, "-m", "json.tool"], input=out.encode(),
                   capture_output=True)
ok(p.returncode == 0, "report.json: python3 -m json.tool accepts it")
# --unit/--employee keep the export's rows of the selection, bytes unchanged.
rc, sub, _ = run("score", "--data", SAMPLE, "--format", "json", "--unit", "U-FIN")
tbl = open(os.path.join(GOLDEN, "score-unit.txt"), encoding="utf-8").read()
want_ids = [l.split()[0] for l in tbl.splitlines()[1:]]
try:
    sel = json.loads(sub)
    ok(rc == 0 and [e["id"] for e in sel] == want_ids, "score json --unit: the unit's subtree")
    ok(sel == [e for e in emps if e["id"] in want_ids], "score json --unit: records unchanged")
except ValueError as e:
    ok(False, "score json --unit: parses", e)
rc, sub, _ = run("score", "--data", SAMPLE, "--format", "csv", "--employee", "E000002")
full = open(os.path.join(GOLDEN, "score.csv"), encoding="utf-8").read().splitlines()
ok(rc == 0 and sub.splitlines() == [full[0], full[2]], "score csv --employee: header and one row")
rc, sub, _ = run("score", "--data", SAMPLE, "--format", "json", "--employee", "E000250")
ok(rc == 0 and len(json.loads(sub)) == 1, "score json --employee: the last record alone")

# ---- report --by manager / --manager (issue 20) ------------------------------
out = golden("report-managers.csv", ["report", "--by", "manager", "--format", "csv"])
rows = list(csv.DictReader(io.StringIO(out, newline="")))
ok(len(rows) == 40 and rows[0]["scope"] == "direct_reports" and
   rows[1]["scope"] == "all_reports", "report managers csv: two rows per manager")
ok(all(r["respondents"] == "" or int(r["respondents"]) >= 5 for r in rows),
   "report managers csv: no shown group of fewer than 5 respondents")
rc, sub, _ = run("report", "--manager", "E000004", "--format", "json")
try:
    doc = json.loads(sub)
    ids = [m["manager_id"] for m in doc["managers"]]
    ok(rc == 0 and ids[:2] == ["E000004", "E000004"] and len(ids) == 8,
       "report json --manager: the manager and their line", ids)
    byid = {(r["scope"], r["manager_id"]): r for r in rows}
    ok(all(m["headcount"] == int(byid[(m["scope"], m["manager_id"])]["headcount"])
           for m in doc["managers"]), "report json --manager: the csv's figures")
except ValueError as e:
    ok(False, "report json --manager: parses", e)
rc, page, _ = run("report", "--by", "manager", "--format", "html")
ok(rc == 0 and page.startswith("<!DOCTYPE html>") and "E000157" in page and
   "style=" not in page, "report html --by manager: a page of its own, no style attributes")
error("report: not a manager", ["report", "--manager", "E000009"], 1,
      r"--manager 'E000009' is not a manager")
error("report: bad --by", ["report", "--by", "team"], 2, r"--by 'team': unit or manager")
error("report: csv of units", ["report", "--format", "csv"], 2, r"unknown format 'csv'")

# ---- plan ----------------------------------------------------------------
text_checks("plan-employee.txt", golden("plan-employee.txt", [
    "plan", "--data", SAMPLE, "--employee", "E000001", "--budget", "20"]))
text_checks("plan-org.txt", golden("plan-org.txt", [
    "plan", "--data", SAMPLE, "--org", "--budget", "2000", "--strategy", "equity",
    "--weekly-hours", "2"]))
rc, a, _ = run("plan", "--data", SAMPLE, "--org", "--budget", "2000")
rc2, b, _ = run("plan", "--data", SAMPLE, "--org", "--budget", "2000", "--strategy",
                "target_first")
rc3, e, _ = run("plan", "--data", SAMPLE, "--org", "--budget", "2000", "--strategy",
                "efficiency")
ok(rc == rc2 == rc3 == 0 and a == b and a != e,
   "plan: target_first is the default strategy, not efficiency")
error("plan: both --employee and --org", ["plan", "--data", SAMPLE, "--org",
      "--employee", "E000001", "--budget", "5"], 2, r"one of --employee ID or --org")
error("plan: bad budget", ["plan", "--data", SAMPLE, "--org", "--budget", "-3"], 2,
      r"--budget needs a number")
error("plan: bad strategy", ["plan", "--data", SAMPLE, "--org", "--budget", "5",
      "--strategy", "fair"], 2, r"unknown strategy 'fair'")
error("plan: bad weekly hours", ["plan", "--data", SAMPLE, "--org", "--budget", "5",
      "--weekly-hours", "500"], 2, r"--weekly-hours 500")
error("plan: unknown employee", ["plan", "--data", SAMPLE, "--employee", "E0",
      "--budget", "5"], 1, r"no employee 'E0'")
error("plan: bad format", ["plan", "--data", SAMPLE, "--org", "--budget", "5",
      "--format", "xml"], 2, r"unknown format 'xml' \(text, csv, json\)")
rc, out, _ = run("plan", "--data", SAMPLE, "--employee", "E000001", "--budget", "20",
                 "--format", "json")
doc = json.loads(out) if rc == 0 else {}
ok(rc == 0 and doc.get("schema") == "airs-plan/1" and
   doc["provenance"]["employee_id"] == "E000001",
   "plan --format json: a personal plan document with provenance")
rc, out, _ = run("plan", "--data", SAMPLE, "--org", "--budget", "2000", "--format", "csv")
rows = list(csv.DictReader(io.StringIO(out))) if rc == 0 else []
ok(rc == 0 and len(rows) == 250 and "hours" in rows[0] and
   sum(float(r["hours"]) for r in rows) <= 2000 + 1e-6,
   "plan --org --format csv: one allocation per employee within the budget")

# ---- audit ---------------------------------------------------------------
text_checks("audit.txt", golden("audit.txt", ["audit", "--data", SAMPLE,
                                              "--attribute", "age_band"]))
text_checks("audit-flag.txt", golden("audit-flag.txt", [
    "audit", "--data", SAMPLE, "--attribute", "gender", "--attribute2", "age_band",
    "--intersection", "--outcome", "reversion"]))
out = golden("audit.csv", ["audit", "--data", SAMPLE, "--attribute", "age_band",
                           "--format", "csv"])
ok(out.startswith("table,") and len(list(csv.reader(io.StringIO(out)))) >= 5,
   "audit.csv: header and rows")
out = golden("audit.json", ["audit", "--data", SAMPLE, "--attribute", "age_band",
                            "--format", "json"])
try:
    au = json.loads(out)
    ok(isinstance(au, dict), "audit.json: parses to an object")
    ok("50+" in out and au.get("schema") == "airs-audit/2" and
       re.fullmatch(r"[0-9a-f]{64}", au.get("provenance", {}).get("input_digest", "")),
       "audit.json: categories and provenance")
except ValueError as e:
    ok(False, "audit.json: parses", e)
error("audit: unknown attribute", ["audit", "--data", SAMPLE, "--attribute", "shoe"],
      1, r"shoe")
error("audit: unknown outcome", ["audit", "--data", SAMPLE, "--attribute", "gender",
                                 "--outcome", "at_targt"], 2, r"did you mean 'at_target'")
error("audit: --attribute required", ["audit", "--data", SAMPLE], 2, r"--attribute NAME")

# ---- drivers -------------------------------------------------------------
text_checks("drivers.txt", golden("drivers.txt", ["drivers", "--data", SAMPLE]))
text_checks("drivers-unit.txt", golden("drivers-unit.txt", [
    "drivers", "--data", SAMPLE, "--outcome", "recommend", "--unit", "U-CO"]))
out = golden("drivers.csv", ["drivers", "--data", SAMPLE, "--format", "csv"])
rows = list(csv.DictReader(io.StringIO(out, newline="")))
ok(len(rows) == 21 * 8 and rows[0]["unit_id"] == "" and
   rows[0]["status"] == "analysed" and rows[0]["n"] == "169",
   "drivers.csv: a row per group and driver, the organisation first")
ok(all(r["n"] == "" and r["raw"] == "" for r in rows
       if r["status"] != "analysed"),
   "drivers.csv: no figures for groups not analysed")
out = golden("drivers.json", ["drivers", "--data", SAMPLE, "--format", "json",
                              "--outcome", "usefulness", "--unit", "U-CO"])
try:
    dr = json.loads(out)
    g = dr["groups"]
    ok(dr.get("schema") == "airs-drivers/2" and len(g) == 1 and
       g[0]["unit_id"] == "U-CO" and "usefulness" not in dr["drivers"] and
       abs(sum(w["raw"] for w in g[0]["weights"]) - g[0]["r2"]) < 1e-8,
       "drivers.json: one unit, usefulness not its own driver, weights add to R2")
    rp = json.loads(run("report", "--data", SAMPLE, "--format", "json")[1])["provenance"]
    rp.pop("schema")
    ok(dr["provenance"] == rp,
       "drivers.json: the provenance of the result analysed, survey period and all",
       (dr["provenance"], rp))
except (ValueError, KeyError, IndexError) as e:
    ok(False, "drivers.json: parses", e)
error("drivers: unknown outcome", ["drivers", "--data", SAMPLE, "--outcome",
                                   "adopton"], 2, r"did you mean 'adoption'")
error("drivers: unknown unit", ["drivers", "--data", SAMPLE, "--unit", "U-X"],
      1, r"no unit 'U-X'")
# ---- tools (issue 18) ------------------------------------------------------
TOOLS = "tests/bench/data/tools-example"
TOOLS_ARGS = ["--data", TOOLS, "--as-of", "2026-06-30", "--set", "anonymity.min_group=3"]
text_checks("tools.txt", golden("tools.txt", ["tools", *TOOLS_ARGS]))
text_checks("tools-sample.txt", golden("tools-sample.txt", ["tools", "--data", SAMPLE]))
out = golden("tools.csv", ["tools", *TOOLS_ARGS, "--format", "csv"])
rows = list(csv.DictReader(io.StringIO(out)))
ok(len(rows) == 36 and rows[0]["scope"] == "unit" and
   {r["kind"] for r in rows} == {"all_tools", "unsanctioned_tools", "tool"},
   "tools.csv: 6 groups x 6 rows")
out = golden("tools.json", ["tools", *TOOLS_ARGS, "--format", "json"])
try:
    td = json.loads(out)
    chat = [r for r in td["rows"] if r["scope"] == "organisation" and r["tool_id"] == "chat"]
    ok(td.get("schema") == "airs-tools/1" and td["window"]["first"] == "2026-01" and
       chat and chat[0]["users"] == 7 and "mismatch" in chat[0]["signals"],
       "tools.json: window and the organisation's chat row")
except (ValueError, KeyError) as e:
    ok(False, "tools.json: parses", e)
rc, out, err = run("tools", *TOOLS_ARGS, "--unit", "TEAM-B", "--format", "csv")
rows = list(csv.DictReader(io.StringIO(out)))
ok(rc == 0 and rows and {r["unit_id"] for r in rows} == {"TEAM-B"},
   "tools --unit: that unit's rows only")
ok("tool_id \"plugin\" is not in tools.csv" in err, "tools: unregistered tool warned", err)
rc, out, _ = run("tools", *TOOLS_ARGS, "--unit", "TEAM-B")
ok(rc == 0 and "Team B" in out and "Team A" not in out, "tools --unit: text")
error("tools: unknown unit", ["tools", *TOOLS_ARGS, "--unit", "TEAM-C"], 1, r"TEAM-C")
rc, out, _ = run("report", *TOOLS_ARGS)
ok(rc == 0 and "AI tools: what to look at" in out and
   "Review the tool's fit for this work before more training." in out,
   "report: the tools findings blame the tool")
rc, out, _ = run("report", *TOOLS_ARGS, "--format", "html")
ok(rc == 0 and 'id="tools-table"' in out and "mismatch" in out and
   'id="tools"' in out, "report html: the AI tools section")
rc, out, _ = run("report", *TOOLS_ARGS, "--format", "json")
ok(rc == 0 and len(json.loads(out).get("tools", [])) == 36, "report json: the tools rows")
error("tools: html refused", ["tools", *TOOLS_ARGS, "--format", "html"], 2,
      r"unknown format 'html'")

rc, out, err = run("plan", "--help")
ok(rc == 0 and re.search(r"target_first .*\n.*\(default\)", out) and
   "for the hours (default)" not in out,
   "plan --help: target_first is the default strategy, as --strategy says", out)
# ---- compare -------------------------------------------------------------
CMP = ["compare", "--data", SAMPLE, "--base-as-of", "2026-03-31"]
text_checks("compare-unit.txt", golden("compare-unit.txt",
                                       [*CMP, "--unit", "U-CUSTOPS"]))
out = golden("compare.csv", [*CMP, "--format", "csv"])
rows = list(csv.DictReader(io.StringIO(out)))
CONSTRUCT_NAMES = ("clarity", "usefulness", "trust", "security", "support",
                   "voice", "recommend", "time_saved", "error_change")
ok(len(rows) % 35 == 0 and rows[0]["unit_id"] == "" and
   rows[0]["figure"] == "readiness" and rows[34]["figure"] == "flag_lapsed",
   "compare.csv: 35 figures per group, the organisation first")
ok(all((r["base_count"] == "") == (r["figure"] in ("readiness", "net_score",
                                                     "time_saved_hours") or
                                   r["figure"].endswith("_favourable") or
                                   r["figure"] in CONSTRUCT_NAMES or
                                   r["base_n"] == "")
       for r in rows) and
   sum(int(r["base_count"]) for r in rows[:35]
       if r["figure"].startswith("level_")) == int(rows[12]["base_n"]),
   "compare.csv: counts for shares of people only; the levels add up to "
   "the headcount")
ok(all(r["change"] == r["p"] == r["panel"] == "" for r in rows
       if r["reason"] != "shown"),
   "compare.csv: no change, p-value or panel where the change is hidden")
ok(any(r["reason"] == "shown" and r["test"] == "welch" for r in rows) and
   any(r["reason"] in ("base_hidden", "current_hidden") for r in rows),
   "compare.csv: changes shown and hidden")
rc, out, err = run(*CMP, "--format", "json")
try:
    cj = json.loads(out)
    g = cj["groups"]
    ok(rc == 0 and g[0]["unit_id"] is None and len(g) * 35 == len(rows) and
       cj["base"]["as_of"] == "2026-03-31" and
       all(f["change"] is None and f["panel"] is None
           for x in g for f in x["figures"].values() if f["reason"] != "shown"),
       "compare json: the groups of the CSV; hidden changes are null")
except (ValueError, KeyError, IndexError) as e:
    ok(False, "compare json: parses", e)

# The sample's two survey waves tell a story (examples/data/sample/README.md,
# 9): clarity rose in Data & Analytics after its briefings, trust and job
# security fell in Policy Servicing, fatigue appeared where training was
# heavy; and every change shown keeps methodology 4.1.
try:
    grp = {x["unit_id"]: x["figures"] for x in cj["groups"]}
    c = grp["U-TECH-2"]["clarity"]
    ok(c["reason"] == "shown" and c["test"] == "paired_t" and c["panel"] == 13 and
       c["change"] > 0.15 and c["change_low"] > 0 and c["p"] < 0.01,
       "compare: clarity rose in U-TECH-2 (paired, interval above 0)", c)
    for f in ("trust", "security"):
        c = grp["U-CUSTOPS-3"][f]
        ok(c["reason"] == "shown" and c["test"] == "paired_t" and
           c["change"] < -0.1 and c["change_high"] < 0 and c["p"] < 0.01,
           f"compare: {f} fell in U-CUSTOPS-3 (interval below 0)", c)
    c = grp[None]["clarity"]
    ok(c["reason"] == "shown" and c["p"] > 0.05,
       "compare: the organisation's clarity did not move significantly", c)
    # 4.1: a survey figure's change is shown only for groups both rollups
    # publish, of at least the minimum group on each side.
    pub = {}
    pub_constructs = {"clarity", "usefulness", "trust", "security", "support",
                      "voice", "recommend", "time_saved", "error_change"}
    for asof in ("2026-03-31", "2026-06-30"):
        rc, out, err = run("report", "--data", SAMPLE, "--as-of", asof,
                           "--format", "json")
        pub[asof] = {(r["unit_id"], r["construct"]) for r in json.loads(out)["constructs"]
                     if r["scope"] == "unit" and "mean" not in r["suppressed"]}
    # (construct means against the report's construct table; every other
    # survey figure - favourable shares, net score, hours, survey flags -
    # on its counts)
    survey = {f for f in grp[None] if f.endswith("_favourable") or
              f in ("net_score", "time_saved_hours", "flag_fatigue", "flag_no_benefit")}
    bad = [(u, f) for u, figs in grp.items() for f, c in figs.items()
           if (f in pub_constructs or f in survey) and
           c["reason"] == "shown" and not (
               c["base_n"] >= 5 and c["current_n"] >= 5 and
               (f in survey or ((u or "U-CO", f) in pub["2026-03-31"] and
                                (u or "U-CO", f) in pub["2026-06-30"])))]
    ok(not bad and sum(c["reason"] == "shown" for figs in grp.values()
                       for c in figs.values()) > 20,
       "compare: every survey change shown is of groups both reports publish", bad)
    ok(all(c["change"] is None for figs in grp.values() for c in figs.values()
           if c["reason"] != "shown" and
           (c["base_n"] or 5) < 5 or (c["current_n"] or 5) < 5),
       "compare: nothing shown of a side under the minimum group")
except (ValueError, KeyError, IndexError, TypeError) as e:
    ok(False, "compare json: the story", e)

# The summary's "readiness rests on one component alone" counts the people
# with a score only, as the sentence says: the sample with skills as the
# only evidence leaves 25 of its 250 people without a score (it said "250
# of the 225"), and --unit counts the unit's subtree alone.
with tempfile.TemporaryDirectory() as tmp:
    only = os.path.join(tmp, "skills-only")
    shutil.copytree(os.path.join(ROOT, SAMPLE), only)
    for name in ("training.csv", "responses.csv", "usage.csv", "tools.csv"):
        os.remove(os.path.join(only, name))
    for args, want in (((), "For 225 of the 225 people"),
                       (("--unit", "U-CUSTOPS"), "For 68 of the 68 people")):
        rc, out, err = run("report", "--data", only, *args)
        ok(rc == 0 and want + " with a score, readiness rests on skill fit "
           "alone." in " ".join(out.split()),
           f"report {' '.join(args)}: rests on one component, of those "
           "with a score", err or out)

# Archives (docs/output-format.md, "Archives"; methodology 4.8): the first
# wave archived, compared later without its data; the same figures as the
# comparison of the data where its test was independent, every test
# independent; refused with another key, and without a key.
with tempfile.TemporaryDirectory() as tmp:
    key, key2 = os.path.join(tmp, "key"), os.path.join(tmp, "key2")
    arc, arc2 = os.path.join(tmp, "q1.arc"), os.path.join(tmp, "q2.arc")
    with open(key, "wb") as f:
        f.write(b"a key of sixteen bytes or more\n")
    with open(key2, "wb") as f:
        f.write(b"another key, just as long\n")
    rc, out, err = run("score", "--data", SAMPLE, "--as-of", "2026-03-31",
                       "--archive", arc, "--archive-key", key)
    ok(rc == 0 and out == "" and os.path.getsize(arc) > 1000,
       "score --archive: writes the archive, no rows", err)
    rc, out, err = run("score", "--data", SAMPLE, "--as-of", "2026-06-30",
                       "--archive", arc2, "--archive-key", key)
    rc1, out1, err1 = run("compare", "--base-archive", arc, "--data", SAMPLE,
                          "--as-of", "2026-06-30", "--archive-key", key,
                          "--format", "json")
    rc2, out2, err2 = run("compare", "--base-archive", arc, "--archive", arc2,
                          "--archive-key", key, "--format", "json")
    try:
        aj, aj2 = json.loads(out1), json.loads(out2)
        ag = {x["unit_id"]: x["figures"] for x in aj["groups"]}
        same = [(u, f) for u, figs in grp.items() for f, c in figs.items()
                if c["test"] in ("welch", "two_proportion")]
        diff = [(u, f) for u, f in same
                if any((grp[u][f][k] is None) != (ag[u][f][k] is None) or
                       (grp[u][f][k] is not None and
                        abs(grp[u][f][k] - ag[u][f][k]) > 1e-8)
                       for k in ("base", "current", "change", "change_low",
                                 "change_high", "p"))]
        ok(rc1 == rc2 == 0 and aj["groups"] == aj2["groups"] and
           aj["base"]["source"] == "archive" and
           aj["base"]["as_of"] == "2026-03-31" and
           cj["base"]["source"] == "data" and len(same) > 40 and not diff and
           all(c["test"] in ("none", "welch", "two_proportion")
               for figs in ag.values() for c in figs.values()) and
           all(ag[u][f]["reason"] == c["reason"]
               for u, figs in grp.items() for f, c in figs.items()),
           "compare --base-archive: the data's figures where independent, "
           "every test independent, the same changes shown", (err1, diff))
    except (ValueError, KeyError, IndexError, TypeError) as e:
        ok(False, "compare --base-archive json", (e, err1, err2))
    rc, out, err = run("compare", "--base-archive", arc, "--archive", arc2,
                       "--archive-key", key2)
    ok(rc == 1 and "q1.arc: byte " in err and "another key" in err,
       "compare --base-archive: another key refused, by position", err)
    rc, out, err = run("compare", "--base-archive", arc, "--archive", arc2)
    ok(rc == 2 and "--archive-key FILE is required" in err,
       "compare --base-archive: no key, a usage error", err)
    rc, out, err = run("compare", "--base-archive", arc, "--base-as-of",
                       "2026-03-31", "--data", SAMPLE, "--archive-key", key)
    ok(rc == 2 and "takes no --base" in err,
       "compare --base-archive: not with --base-as-of", err)
    # The report's trend against an archive: airs compare's groups from
    # the archive and the data, said to be from the archive.
    rc3, out3, err3 = run("report", "--data", SAMPLE, "--base-archive", arc,
                          "--archive-key", key, "--format", "json")
    try:
        tr = json.loads(out3)["trend"]
        ok(rc3 == 0 and tr["groups"] == aj["groups"] and
           tr["base"]["survey_wave_id"] == "2026-Q1" and
           tr["current"]["survey_wave_id"] == "2026-Q2",
           "report --base-archive json: the trend is compare --base-archive's",
           err3)
    except (ValueError, KeyError, TypeError, NameError) as e:
        ok(False, "report --base-archive json", (e, err3))
    rc, out, err = run("report", "--data", SAMPLE, "--base-archive", arc,
                       "--archive-key", key)
    text_checks("report --base-archive", out)
    flat = " ".join(out.split())
    ok(rc == 0 and "from the archive " + arc in flat and
       "Every test independent" in flat and "Paired tests" not in flat,
       "report --base-archive: the text says the base is an archive", out[:400])
    rc, out, err = run("report", "--data", SAMPLE, "--base-archive", arc,
                       "--archive-key", key, "--format", "html")
    ok(rc == 0 and "from the archive " in out and "Every test independent" in out,
       "report --base-archive html: says so too")
    rc, out, err = run("report", "--data", SAMPLE, "--base-archive", arc)
    ok(rc == 2 and "--archive-key FILE is required" in err,
       "report --base-archive: no key, a usage error", err)
    rc, out, err = run("report", "--data", SAMPLE, "--base-archive", arc2,
                       "--archive-key", key)
    ok(rc == 0 and "Both read the same survey period" in out,
       "report --base-archive: an archive of the same wave is said to be one")
    rc, out, err = run("report", "--data", SAMPLE, "--base-archive", arc,
                       "--archive-key", key)
    ok("same survey period" not in out and "No unit is in both" not in out,
       "report --base-archive: no caveat for the earlier wave of the same units")
    other = another_organisation(tmp)
    rc, out, err = run("report", "--data", other, "--base-archive", arc,
                       "--archive-key", key, "--format", "html")
    ok(rc == 0 and "No unit is in both" in out,
       "report --base-archive html: another organisation's archive is said to be")
    rc, out, err = run("report", "--data", SAMPLE, "--base-archive", arc,
                       "--archive-key", key2)
    ok(rc == 1 and "q1.arc: byte " in err and "another key" in err,
       "report --base-archive: another key refused, by position", err)

fat = {}
for asof in ("2026-03-31", "2026-06-30"):
    rc, out, err = run("report", "--data", SAMPLE, "--as-of", asof, "--format", "json")
    fat[asof] = {u["id"]: u["flags"]["fatigue"] for u in json.loads(out)["units"]
                 if u["scope"] == "unit"}
ok(fat["2026-03-31"].get("U-CO") == 0 and fat["2026-06-30"].get("U-CO") == 11 and
   fat["2026-06-30"].get("U-CUSTOPS") == 5 and fat["2026-06-30"].get("U-SALES") == 0,
   "report: fatigue appears in the second wave, in Customer Operations, "
   "not in Sales & Marketing", fat)
# A full disk: every command that writes says so and exits 1 (one
# message for all, cli_written()).
if os.path.exists("/dev/full"):
    for args in (["score", "--format", "csv"], ["tools", "--format", "json"],
                 ["drivers", "--format", "json"],
                 ["plan", "--org", "--budget", "100", "--format", "csv"],
                 ["report", "--format", "json"], ["report", "--format", "html"],
                 ["audit", "--attribute", "gender", "--format", "csv"]):
        rc, out, err = run(*args, "--data", SAMPLE, "--output", "/dev/full")
        ok(rc == 1 and "cannot write" in err,
           "%s to a full disk: exit 1, says it cannot write" % " ".join(args[:3]),
           (rc, err))
# Two results with no unit in common: said in the text and, for CSV and
# JSON, on stderr; long unit lists wrap and stop at 20 names.
with tempfile.TemporaryDirectory() as tmp:
    other = another_organisation(tmp)
    rc, out, err = run("compare", "--base", SAMPLE, "--data", other)
    text_checks("compare of two organisations", out)
    ok(rc == 0 and "No unit is in both results" in out and
       "Units removed: U-CO U-CUSTOPS" in out and
       "and 0 more" not in out, "compare: two organisations are named as such", out[:800])
    rc, out, err = run("compare", "--base", SAMPLE, "--data", other, "--format", "csv")
    ok(rc == 0 and "airs: note: No unit is in both results" in err and
       "No unit" not in out, "compare csv: the note goes to stderr", err)
    rc, out, err = run("compare", "--data", SAMPLE, "--base-as-of", "2026-03-31")
    ok(rc == 0 and "No unit is in both" not in out + err,
       "compare: no note when the units match")
# airs report: change since the last wave, the comparison `airs compare`
# gives with the base at the earlier wave's last day; nothing without one.
rc, out, err = run("report", "--data", SAMPLE, "--format", "json")
rc2, out2, err2 = run("compare", "--data", SAMPLE, "--base-as-of", "2026-03-20",
                      "--format", "json")
try:
    tr, cj2 = json.loads(out)["trend"], json.loads(out2)
    ok(rc == rc2 == 0 and tr["base"]["survey_wave_id"] == "2026-Q1" and
       tr["base"]["as_of"] == "2026-03-20" and
       tr["current"]["survey_wave_id"] == "2026-Q2" and
       tr["groups"] == cj2["groups"],
       "report json: the trend is airs compare at the earlier wave's end")
    ok(all(f["change"] is None and f["p"] is None
           for g in tr["groups"] for f in g["figures"].values()
           if f["reason"] != "shown"),
       "report json: a hidden change has no change, no p-value")
except (ValueError, KeyError) as e:
    ok(False, "report json: the trend", e)
rc, out, err = run("report", "--data", SAMPLE, "--unit", "U-TECH-2", "--format", "json")
g = json.loads(out).get("trend", {}).get("groups", [])
ok(len(g) == 1 and g[0]["unit_id"] == "U-TECH-2" and
   g[0]["figures"]["clarity"]["reason"] == "shown",
   "report json --unit: the unit's trend only")
rc, out, err = run("report", "--data", SAMPLE, "--as-of", "2026-03-31", "--format", "json")
rc2, out2, err2 = run("report", "--data", SAMPLE, "--as-of", "2026-03-31")
ok(rc == rc2 == 0 and "trend" not in json.loads(out) and
   "Change since" not in out2, "report: no trend without an earlier wave")
rtxt = open(os.path.join(GOLDEN, "report.txt"), encoding="utf-8").read()
ok("Change since the last wave" in rtxt and "wave 2026-Q1, 2026-03-02 to" in rtxt,
   "report text: the trend section names both waves")
# Below the first group the text lists a unit's clear changes only: the
# figures `airs compare` shows with p < 0.05, in enum order, no others.
try:
    sec = rtxt[rtxt.index("Change since the last wave"):rtxt.index("Sentiment by unit")]
    blocks = [b for b in sec.split("\n\n")[1:] if b.strip()][1:]
    listed = [[ln.split()[0] for ln in b.splitlines()[2:]
               if not re.match(r"^(No clear|\d+ other)", ln)] for b in blocks]
    want = [[k for k, f in g["figures"].items()
             if f["reason"] == "shown" and f["p"] is not None and f["p"] < 0.05]
            for g in cj2["groups"][1:]]
    ok(len(blocks) == 20 and listed == want and any(want) and
       all(("No clear change" in b) == (not w) for b, w in zip(blocks, want)),
       "report text: units list exactly their clear changes (p < 0.05)",
       (listed, want))
except (ValueError, KeyError, NameError) as e:
    ok(False, "report text: the units' clear changes", e)
rc, out, err = run("compare", "--base", SAMPLE, "--data", SAMPLE, "--format", "csv")
r0 = next(csv.DictReader(io.StringIO(out)))
ok(rc == 0 and r0["test"] == "paired_t" and float(r0["change"]) == 0,
   "compare --base: a dataset against itself, paired, no change", err)
error("compare: no base", ["compare", "--data", SAMPLE], 2,
      r"give --base DIR .* or --base-as-of DATE")
# the base's date is named as the option it came from
error("compare: bad base date",
      ["compare", "--data", SAMPLE, "--base-as-of", "2026-13-01"], 2,
      r"^airs compare: --base-as-of 2026-13-01 is not a date "
      r"\(use YYYY-MM-DD\)")
error("compare: unknown unit", [*CMP, "--unit", "U-X"], 1,
      r"unit 'U-X' is not in both results")

# ---- formats: one vocabulary ---------------------------------------------
# Every command calls its human-readable output "text" (the default);
# "table", what score and audit first called it, still works everywhere.
# Formats are always listed in one order, in help and in messages.
FORMAT_ORDER = ["text", "csv", "json", "html"]
FORMAT_COMMANDS = [  # (name, arguments, the formats it takes)
    ("score", ["score", "--data", SAMPLE], ["text", "csv", "json"]),
    ("audit", ["audit", "--data", SAMPLE, "--attribute", "gender"],
     ["text", "csv", "json"]),
    ("report", ["report"], ["text", "json", "html"]),
    ("report --by manager", ["report", "--by", "manager"],
     ["text", "csv", "json", "html"]),
    ("drivers", ["drivers", "--data", SAMPLE], ["text", "csv", "json"]),
    ("compare", ["compare", "--data", SAMPLE, "--base-as-of", "2026-03-31"],
     ["text", "csv", "json"]),
    ("plan", ["plan", "--data", SAMPLE, "--employee", "E000001", "--budget", "20"],
     ["text", "csv", "json"]),
    ("plan --org", ["plan", "--data", SAMPLE, "--org", "--budget", "2000"],
     ["text", "csv", "json"]),
]
for name, args, formats in FORMAT_COMMANDS:
    rc, default, _ = run(*args)
    rc_text, text, _ = run(*args, "--format", "text")
    rc_table, table, err = run(*args, "--format", "table")
    ok(rc == rc_text == rc_table == 0 and default,
       f"{name} --format text and table: exit 0", err)
    ok(text == default, f"{name}: --format text is the default")
    ok(table == text, f"{name}: --format table gives the bytes of --format text")
    want = f"airs {args[0]}: unknown format 'xml' ({', '.join(formats)})\n"
    rc, out, err = run(*args, "--format", "xml")
    ok(rc == 2 and out == "" and err == want,
       f"{name}: an unknown format lists the valid ones", f"exit {rc}: {err!r}")
    ok(formats == sorted(formats, key=FORMAT_ORDER.index),
       f"{name}: formats in the one order", formats)
    if name in ("plan --org", "report --by manager"):
        continue
    rc, out, _ = run(args[0], "--help")
    block = (out.split("\nformats:\n", 1) + [""])[1].split("\n\n", 1)[0].splitlines()
    listed = [l.split()[0] for l in block if l.startswith("  ") and l[2] != " "]
    ok(listed == formats, f"airs {args[0]} --help lists the formats it takes",
       f"{listed} != {formats}")
    aliased = args[0] in ("score", "audit")
    ok(len(re.findall(r"\btable\b", out)) == out.count("(alias: table)") ==
       (1 if aliased else 0),
       f"airs {args[0]} --help: 'table' only as " +
       ("'(alias: table)' on the text line" if aliased else "nowhere"), out)
    ok(not aliased or block and "(alias: table)" in block[0],
       f"airs {args[0]} --help: the alias is on the text line", block[:1])

# --as-of and --set change the result; --config reads a file.
rc, a, _ = run("score", "--data", SAMPLE)
rc2, b, _ = run("score", "--data", SAMPLE, "--as-of", "2026-01-31")
ok(rc == rc2 == 0 and a != b, "--as-of changes the scores")
rc, c, _ = run("score", "--data", SAMPLE, "--set", "weights.skill=0.9")
ok(rc == 0 and c != a, "--set changes the scores")
with tempfile.TemporaryDirectory() as tmp:
    cfg = os.path.join(tmp, "airs.conf")
    with open(cfg, "w") as f:
        f.write("[weights]\nskill = 0.9\n")
    rc, d, _ = run("score", "--data", SAMPLE, "--config", cfg)
    ok(rc == 0 and d == c, "--config equals the same --set")
    out_path = os.path.join(tmp, "out.txt")
    rc, e, _ = run("score", "--data", SAMPLE, "--output", out_path)
    ok(rc == 0 and e == "" and open(out_path, encoding="utf-8").read() == a,
       "--output writes the file and nothing to stdout")
    with open(cfg, "w") as f:
        f.write("[weights]\nskil = 0.9\n")
    error("bad config", ["score", "--data", SAMPLE, "--config", cfg], 1,
          r"airs\.conf:2")

# NO_COLOR is honoured even where colour would be allowed; the test cannot
# give airs a terminal, so check that it never colours a pipe.
rc, out, _ = run("report", env={"NO_COLOR": "1"})
ok(rc == 0 and "\x1b" not in out, "NO_COLOR: no escape sequences")

# Colour on a terminal, and not with NO_COLOR (a pty from the stdlib).
def on_tty(*args, env=None):
    import pty
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    e.update(env or {})
    master, slave = pty.openpty()
    p = subprocess.Popen([AIRS, *args], cwd=ROOT, env=e, stdout=slave,
                         stderr=subprocess.DEVNULL)
    os.close(slave)
    data = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    os.close(master)
    p.wait(timeout=120)
    return p.returncode, data.decode("utf-8")


rc, out = on_tty("score", "--data", SAMPLE)
ok(rc == 0 and "\x1b[1m" in out, "terminal: headers in bold")
rc, out = on_tty("score", "--data", SAMPLE, env={"NO_COLOR": "1"})
ok(rc == 0 and "\x1b" not in out, "terminal with NO_COLOR: no escape sequences")

# ---- help and version ---------------------------------------------------
rc, out, _ = run("--version")
ok(rc == 0 and re.match(r"airs \d+\.\d+\.\d+ \(library \d+\.\d+\.\d+, "
                        r"methodology \d+\.\d+\)\n$", out), "--version", out)
rc, out, _ = run("help")
ok(rc == 0 and "report" in out and "validate" in out, "airs help")
for cmd in ["validate", "score", "report", "explain", "plan", "audit", "tools",
            "drivers", "compare"]:
    rc, out, _ = run(cmd, "--help")
    ok(rc == 0 and out.startswith(f"usage: airs {cmd}"), f"airs {cmd} --help")
    ok(all(len(l) <= 80 for l in out.splitlines()), f"airs {cmd} --help fits 80 columns")
    rc2, out2, _ = run("help", cmd)
    ok(rc2 == 0 and out2 == out, f"airs help {cmd} equals --help")

# ---- error paths --------------------------------------------------------
rc, out, err = run()
ok(rc == 2 and "usage:" in err, "no command: usage on stderr, exit 2")
error("unknown command", ["scroe"], 2, r"unknown command 'scroe'; did you mean 'score'")
error("unknown command, no suggestion", ["frobnicate"], 2, r"unknown command 'frobnicate'")
error("unknown option", ["score", "--data", SAMPLE, "--frobnicate"], 2,
      r"unknown option '--frobnicate'")
error("misspelt option", ["score", "--dta", SAMPLE], 2, r"did you mean '--data'")
error("option of another command", ["validate", "--data", SAMPLE, "--employee", "x"],
      2, r"unknown option '--employee'")
error("top-level typo", ["--verison"], 2, r"did you mean '--version'")
error("unwritable output", ["report", "--output", "/nonexistent/dir/r.txt"], 1,
      r"cannot write '/nonexistent/dir/r.txt'")
error("missing value", ["score", "--data"], 2, r"needs a value")
error("missing --data", ["score"], 2, r"--data DIR is required")
error("explain without --employee", ["explain", "--data", SAMPLE], 2, r"required")
error("bad format", ["score", "--data", SAMPLE, "--format", "xml"], 2,
      r"unknown format 'xml'")
error("bad --set", ["score", "--data", SAMPLE, "--set", "nonsense"], 2, r"NAME=VALUE")
error("unknown parameter", ["score", "--data", SAMPLE, "--set", "weights.skil=1"],
      2, r"weights\.skil")
error("bad --as-of", ["score", "--data", SAMPLE, "--as-of", "2026-02-30"], 2,
      r"--as-of 2026-02-30")
error("unknown employee", ["explain", "--data", SAMPLE, "--employee", "E999"], 1,
      r"no employee 'E999'")
error("unknown unit", ["score", "--data", SAMPLE, "--unit", "U-NOPE"], 1,
      r"no unit 'U-NOPE'")
for cmd in ["score", "report", "explain"]:
    out, _ = error(f"{cmd}: missing folder",
                   [cmd, "--data", "no/such/dir", "--employee", "E000001"]
                   if cmd == "explain" else [cmd, "--data", "no/such/dir"], 1,
                   r"^airs: no/such/dir: .*does not exist")
    ok(out == "", f"{cmd}: missing folder writes no data")
# validate reports problems as its output, on stdout.
rc, out, err = run("validate", "--data", "no/such/dir")
ok(rc == 1 and out.startswith("no/such/dir: ") and
   out.endswith("1 error, 0 warnings in no/such/dir\n"), "validate: missing folder", out)

# The loader's limits are parameters: --set, in validate too.
rc, out, err = run("validate", "--data", SAMPLE, "--set", "limits.max_ids=50")
ok(rc == 1 and out == "employees.csv:52: more than 50 employees: the limit is the "
   "load option max_ids (CLI: --set limits.max_ids=N)\n1 error, 0 warnings in "
   + SAMPLE + "\n", "validate: a limit names itself", out)
error("score: a limit", ["score", "--data", SAMPLE, "--set", "limits.max_depth=1"],
      1, r"units\.csv:8:3: unit_id \"U-CUSTOPS-1\" is 2 levels below the top")

def as_unprivileged():
    """The command prefix that runs airs without root's right to read
    any file: none when not root; as `nobody` through setpriv when root
    (CI runs as root).  None when neither can run airs here."""
    if os.geteuid() != 0:
        return []
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    try:
        p = subprocess.run(prefix + [AIRS, "--version"], capture_output=True,
                           timeout=60)
    except OSError:
        return None
    return prefix if p.returncode == 0 else None


def check_unreadable(tmp, folder, name):
    """A table the user may not read is named with the reason and the
    fix, not reported as missing."""
    prefix = as_unprivileged()
    if prefix is None:
        print(f"skip: unreadable {name}: cannot run airs as another user "
              "here (setpriv, or the build folder not readable by nobody)")
        return
    os.chmod(tmp, 0o755)
    os.chmod(folder, 0o755)
    os.chmod(os.path.join(folder, name), 0)
    p = subprocess.run(prefix + [AIRS, "validate", "--data", folder],
                       capture_output=True, timeout=120)
    out = p.stdout.decode("utf-8")
    ok(p.returncode == 1 and out.startswith(
        f"{name}: the file cannot be opened: permission denied (make it "
        "readable by the user running airs)"),
       "validate: an unreadable table says permission denied", out)


with tempfile.TemporaryDirectory() as tmp:
    # Only regular files; symbolic links only when asked.
    linked = os.path.join(tmp, "linked")
    shutil.copytree(os.path.join(ROOT, SAMPLE), linked)
    os.rename(os.path.join(linked, "roles.csv"), os.path.join(tmp, "roles.csv"))
    os.symlink(os.path.join(tmp, "roles.csv"), os.path.join(linked, "roles.csv"))
    rc, out, err = run("validate", "--data", linked)
    ok(rc == 1 and out.startswith("roles.csv: the file is a symbolic link"),
       "validate: a symbolic link is refused", out)
    rc, out, err = run("validate", "--data", linked, "--follow-symlinks")
    ok(rc == 0, "validate --follow-symlinks reads it", out)
    os.remove(os.path.join(linked, "roles.csv"))
    shutil.copy(os.path.join(tmp, "roles.csv"), os.path.join(linked, "roles.csv"))
    check_unreadable(tmp, linked, "roles.csv")
    os.remove(os.path.join(linked, "roles.csv"))
    os.mkfifo(os.path.join(linked, "roles.csv"))
    rc, out, err = run("report", "--data", linked, "--follow-symlinks")
    ok(rc == 1 and "roles.csv: the file is not a regular file" in err,
       "report: a FIFO is refused, never read", err)

with tempfile.TemporaryDirectory() as tmp:
    # An HRIS export under --map: its own file and column names, a
    # semicolon Excel file, day-first dates; the same report as native.
    hris = os.path.join(tmp, "hris")
    shutil.copytree(os.path.join(ROOT, SAMPLE), hris)
    emp = open(os.path.join(hris, "employees.csv"), encoding="utf-8").read()
    emp = emp.replace("employee_id,unit_id,role_id,is_leader",
                      "Worker ID,Cost Center,Job Profile,is_leadr", 1)
    os.remove(os.path.join(hris, "employees.csv"))
    with open(os.path.join(hris, "Worker_Export.csv"), "w", encoding="utf-8") as f:
        f.write(emp.replace(",", ";"))
    asm = open(os.path.join(hris, "assessments.csv"), encoding="utf-8").read()
    asm = re.sub(r"(\d{4})-(\d\d)-(\d\d)", r"\3/\2/\1", asm)
    open(os.path.join(hris, "assessments.csv"), "w", encoding="utf-8").write(asm)
    rc, out, err = run("validate", "--data", hris)
    ok(rc == 1 and out.startswith("employees.csv: the file is missing"),
       "validate: a renamed employees file is missing without a map", out)
    mapping = os.path.join(tmp, "hris.map")
    with open(mapping, "w", encoding="utf-8") as f:
        f.write("[employees.csv]\nfile = Worker_Export.csv\n"
                "employee_id = Worker ID\nunit_id = Cost Center\n"
                "role_id = Job Profile\nis_leader = is_leader\n"
                "[assessments.csv]\ndate_format = DD/MM/YYYY\n")
    rc, out, err = run("validate", "--data", hris, "--map", mapping)
    ok(rc == 1 and "Worker_Export.csv:1: column \"is_leader\" is missing: "
       "the mapping (" + mapping + " line 6) names the source column "
       "\"is_leader\", which the header does not have (did you mean the "
       "column \"is_leadr\"?)" in out, "validate --map: a mapped column "
       "missing is an error with a suggestion", out)
    with open(mapping, "w", encoding="utf-8") as f:
        f.write("[employees.csv]\nfile = Worker_Export.csv\n"
                "employee_id = Worker ID\nunit_id = Cost Center\n"
                "role_id = Job Profile\nis_leader = is_leadr\n"
                "[assessments.csv]\ndate_format = DD/MM/YYYY\n")
    rc, out, err = run("validate", "--data", hris, "--map", mapping, "--strict")
    ok(rc == 0, "validate --map --strict: the export is clean", out + err)
    rc, native, err = run("score", "--data", SAMPLE, "--format", "csv")
    rc2, mapped, err = run("score", "--data", hris, "--map", mapping,
                           "--format", "csv")
    ok(rc == 0 and rc2 == 0 and native == mapped,
       "score --map: the mapped export scores as the native dataset", err)
    error("score --map: a mistake in the mapping", ["score", "--data", hris,
          "--map", os.devnull + "x"], 2, r"cannot open the mapping")
    with open(mapping, "w", encoding="utf-8") as f:
        f.write("[employes.csv]\n")
    error("score --map: a wrong section", ["score", "--data", hris, "--map",
          mapping], 1, r"hris\.map:1:2: \[employes\.csv\] is not an airs "
          r"file \(did you mean \[employees\.csv\]\?\)")

with tempfile.TemporaryDirectory() as tmp:
    bad = os.path.join(tmp, "bad")
    shutil.copytree(os.path.join(ROOT, SAMPLE), bad)
    # Two errors in different files and an unknown column (a warning).
    with open(os.path.join(bad, "assessments.csv"), "a") as f:
        f.write("E000001,prompt_writing,7,2026-01-01,self\n")
    with open(os.path.join(bad, "employees.csv"), "a") as f:
        f.write("E999999,U-NOWHERE,executive,0,,,,\n")
    rc, out, err = run("validate", "--data", bad)
    ok(rc == 1, "validate malformed: exit 1", f"got {rc}")
    probs = [l for l in out.splitlines() if re.match(r"[\w.]+\.csv:\d+:\d+: ", l)]
    ok(len(probs) >= 2, "validate malformed: file:line:column: message per problem", out)
    ok(any(l.startswith("assessments.csv:") for l in probs) and
       any(l.startswith("employees.csv:") for l in probs),
       "validate malformed: goes on after the first error", out)
    ok(re.search(r"^\d+ errors?, \d+ warnings? in .*bad$", out, re.M),
       "validate malformed: summary line", out)
    error("score malformed", ["score", "--data", bad], 1, r"\.csv:\d+:\d+: ")

    # Data strings are escaped in HTML; text output keeps them verbatim.
    evil = os.path.join(tmp, "evil")
    shutil.copytree(os.path.join(ROOT, SAMPLE), evil)
    p = os.path.join(evil, "units.csv")
    s = open(p, encoding="utf-8").read()
    s = s.replace("Customer Operations", '"<script>alert(\'x\')</script> & ""Ops"""', 1)
    open(p, "w", encoding="utf-8").write(s)
    rc, out, err = run("report", "--data", evil, "--format", "html")
    ok(rc == 0, "html with markup in the data: exit 0", err)
    ok("<script" not in out.lower(), "html: data markup is escaped")
    ok("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Ops&quot;" in out,
       "html: & < > \" ' escaped")

# ---- HTML ---------------------------------------------------------------
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Balance(html.parser.HTMLParser):
    """Tags balance, ids are unique; collects what the checks below need."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.ids, self.svgs = [], [], set(), []
        self.headings, self.tables, self.styles = [], [], 0
        self.findings, self._li = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            if a["id"] in self.ids:
                self.errors.append(f"duplicate id {a['id']}")
            self.ids.add(a["id"])
        self.styles += "style" in a
        if tag == "svg":
            self.svgs.append({"attrs": a, "title": False})
        if tag == "title" and "svg" in self.stack:
            self.svgs[-1]["title"] = True
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables.append({"caption": False, "th": False})
        if tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
        if tag == "th" and self.tables:
            self.tables[-1]["th"] = True
        if tag == "ol" and a.get("class") == "findings":
            self._li = []
        if tag == "li" and self._li is not None:
            self._li.append("")
        if tag == "a" and self._li:
            self._li.append(None)  # the link to the section is not the finding
        if tag not in VOID:
            self.stack.append(tag)

    def handle_data(self, data):
        if self._li and self._li[-1] is not None:
            self._li[-1] += data

    def handle_startendtag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])

    def handle_endtag(self, tag):
        if tag == "ol" and self._li is not None:
            # the summary's list; the tools section's comes later
            if not self.findings:
                self.findings = [t.strip() for t in self._li if t is not None]
            self._li = None
        if tag == "a" and self._li and self._li[-1] is None:
            self._li.pop()
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>"
                               f" at {self.getpos()}")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
        else:
            self.stack.pop()


def parse_html(page):
    b = Balance()
    b.feed(page)
    b.close()
    return b


SECTIONS = ["summary", "maturity", "trend", "sentiment", "responses", "perception",
            "adkar", "skills", "flags", "cohorts", "about"]
rc, page, err = run("report", "--format", "html")
ok(rc == 0, "html: exit 0", err)
b = parse_html(page)
ok(not b.errors and not b.stack, "html: tags balance",
   "; ".join(b.errors[:5]) + f" open: {b.stack}")
ok(page.startswith("<!DOCTYPE html>"), "html: doctype")
ok("<script" not in page.lower(), "html: no <script")
ok(not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", page), "html: no external assets")
ok(b.styles == 0, "html: no style attributes (a strict CSP allows the one <style>)",
   b.styles)
for sec in SECTIONS:
    ok(sec in b.ids and f'href="#{sec}"' in page, f"html: section #{sec}, linked")
ok(page.index('id="summary"') < page.index('id="maturity"'), "html: the summary first")
ok("trend-0" in b.ids and "Survey figures of wave 2026-Q2" in page and
   "hidden before" in page and "paired t, p 0.0002, panel 13" in page,
   "html: the trend section, its tables, a hidden change and a shown one")
rc, p2, err = run("report", "--data", SAMPLE, "--as-of", "2026-03-31", "--format", "html")
ok(rc == 0 and 'id="trend"' not in p2 and 'href="#trend"' not in p2,
   "html: no trend section without an earlier wave")
for table in ["sentiment-units", "responses-units", "perception-table", "adkar-units",
              "skills-top", "skills-heat-1", "flags-table", "cohorts-table"]:
    ok(table in b.ids, f"html: table #{table}")
ok(b.svgs and all(s["title"] and s["attrs"].get("aria-hidden") == "true"
                  for s in b.svgs),
   "html: every svg has a <title> and is aria-hidden beside its numbers", len(b.svgs))
ok(b.tables and all(t["caption"] and t["th"] for t in b.tables),
   "html: every table has a caption and header cells", len(b.tables))
h = b.headings
ok(h[:1] == [1] and h.count(1) == 1 and all(y <= x + 1 for x, y in zip(h, h[1:])),
   "html: one h1, headings go down one level at a time", h)
ok(re.search(r'class="[^"]*\bhid\b[^"]*"[^>]*>hidden<', page) and
   "staff 45" in page and "fav.</small>" in page,
   "html: sentiment cells say hidden, staff-only and % favourable in words")
for flag in ["left_behind", "no_benefit", "data_literacy", "time_saved"]:
    ok(not re.search(r">[^<]*\b%s\b" % flag, page), f"html: no raw id {flag} in text")
# Three sentiment states the sample holds: total, staff only, hidden.
ok(page.count('class="s') > 20 and page.count(' part"') > 100,
   "html: the heatmap shows totals and, where they are hidden, staff")

# The summary: the exact sentences on the sample, the same in text and HTML.
SUMMARY = [
    # methodology 1.1: the 25 with too little evidence are in no share
    "61 of 250 people (24%) are left behind: readiness below 40 with little "
    "training or support. The most are in Customer Operations (24 of 71), "
    "People, Legal & Compliance (12 of 31) and Finance & Controlling (12 of 43).",
    "46% of people are below their unit's target level (103 of 225). Furthest "
    "behind: Data & Analytics (91% of 11), Controlling & Reporting (85% of 13) "
    "and Platform Engineering (67% of 18).",
    "Leaders rate AI higher than staff on 8 of 8 survey measures; the widest gap "
    "is voice in decisions: leaders 88, staff 49 of 100 (39 points).",
    "Ability is the most common ADKAR barrier point, holding back 139 of 250 "
    "people (56%); what helps: a guided practice project or mentoring after the "
    "courses.",
    "The widest skill gap is Data Literacy: 1.4 levels below what roles require, "
    "on average over 45 people assessed, most in Technology & Data (1.8). The "
    "course \u201cData Literacy Mentoring Circle\u201d teaches it and would serve "
    "47 people with this gap across the organisation.",
    # issue 18: the sample's planted mismatch, blaming the tool
    "People in Sales & Marketing use Writing Assistant a lot (49% of 55 "
    "people) and report little benefit from it: 0.12 of 1 from 13 users' "
    "answers, below what the same roles say of their other tools. Review the "
    "tool's fit for this work before more training. The AI tools section "
    "lists 2 more tool findings.",
    "Gaps in the data: 25 people have too little evidence for a score.",
]
ok(b.findings == SUMMARY, "html summary: the seven findings, word for word",
   "\n".join(b.findings))
text = open(os.path.join(GOLDEN, "report.txt"), encoding="utf-8").read()
block = text.split("\nSummary\n", 1)[-1].split("\n\n", 1)[0]
items = [re.sub(r"\s+", " ", t).strip()
         for t in re.split(r"(?m)^\d+\. ", block) if t.strip()]
ok(items == SUMMARY, "text summary: the same seven findings", "\n".join(items))


def derive_summary(rep, emps, k=5):
    """The rules of docs/cli.md, recomputed from the JSON exports."""
    units = rep["units"]
    org = [u for u in units if u["scope"] == "organisation"][0]
    byid = {u["id"]: u for u in units if u["id"]}

    def ancestors(uid):
        while uid:
            yield uid
            uid = byid[uid]["parent_id"]

    def pick(cands):
        chosen = []
        for c in cands:
            if not any(c["id"] in ancestors(o["id"]) or o["id"] in ancestors(c["id"])
                       for o in chosen):
                chosen.append(c)
            if len(chosen) == 3:
                break
        return chosen

    parts = [u for u in units if u["id"] and u["headcount"] < org["headcount"]]
    lb = sorted((u for u in parts if u["flags"]["left_behind"]),
                key=lambda u: (-u["flags"]["left_behind"],
                               -u["flags"]["left_behind"] / u["headcount"]))
    far = sorted((u for u in parts if u["with_target"] >= k and u["below_target_share"]),
                 key=lambda u: (-u["below_target_share"], -u["with_target"]))
    cons = [c for c in rep["constructs"] if c["scope"] == "organisation" and
            c["construct"] != "time_saved" and c["perception_gap"] is not None]
    widest = max(cons, key=lambda c: abs(c["perception_gap"]))
    barriers = {}
    for e in emps:
        barriers[e["barrier"]] = barriers.get(e["barrier"], 0) + 1
    known = {b: n for b, n in barriers.items() if b not in ("none", "unknown")}
    gaps = [g for g in rep["skill_gaps"] if g["scope"] == "organisation" and
            g["count"] >= k]
    return {
        "left_behind": [(u["name"], u["flags"]["left_behind"], u["headcount"])
                        for u in pick(lb)],
        "furthest": [(u["name"], round(100 * u["below_target_share"]), u["with_target"])
                     for u in pick(far)],
        "gap": (widest["construct"], round(100 * widest["leaders_mean"]),
                round(100 * widest["staff_mean"])),
        "barrier": max(known.items(), key=lambda kv: kv[1]),
        "skill": max(gaps, key=lambda g: g["mean_gap"])["skill_id"],
        "tools": derive_tool_findings(rep["tools"], units),
    }


def derive_tool_findings(rows, units):
    """Rule 6's candidates: every tool signal, a unit's left out when an
    enclosing unit (or, for the organisation, a unit) has it for the same
    tool, ranked mismatch, shadow, lapsing, then larger groups first; as
    (signal, group, tool, headcount)."""
    parent = {u["id"]: u["parent_id"] for u in units if u["id"]}

    def above(a, b):  # b encloses a
        a = parent.get(a)
        while a:
            if a == b:
                return True
            a = parent.get(a)
        return False
    rank = {"mismatch": 0, "shadow": 1, "lapsing": 2}
    out = []
    for r in rows:
        for sig in r["signals"]:
            same = [o for o in rows if sig in o["signals"] and o["scope"] == "unit"
                    and o["kind"] == r["kind"] and o["tool_id"] == r["tool_id"]]
            if r["scope"] == "organisation" and same:
                continue
            if r["scope"] == "unit" and any(above(r["unit_id"], o["unit_id"]) for o in same):
                continue
            group = r["unit_id"] or r["role_id"] or "organisation"
            out.append((sig, group, r["tool_id"] or r["kind"], r["headcount"]))
    out.sort(key=lambda f: (rank[f[0]], -f[3]))
    return out


if rep and emps:
    d = derive_summary(rep, emps)
    # methodology 1.1: people with too little evidence have no readiness,
    # so neither a level nor left_behind
    ok(d["left_behind"] == [("Customer Operations", 24, 71),
                            ("People, Legal & Compliance", 12, 31),
                            ("Finance & Controlling", 12, 43)],
       "summary rule 1 recomputed from the JSON: who has the most left behind",
       d["left_behind"])
    ok(d["furthest"] == [("Data & Analytics", 91, 11), ("Controlling & Reporting", 85, 13),
                         ("Platform Engineering", 67, 18)],
       "summary rule 2 recomputed: furthest from target", d["furthest"])
    ok(d["gap"] == ("voice", 88, 49), "summary rule 3 recomputed: the widest gap",
       d["gap"])
    ok(d["barrier"] == ("ability", 139), "summary rule 4 recomputed: the barrier point",
       d["barrier"])
    ok(d["skill"] == "data_literacy", "summary rule 5 recomputed: the widest skill gap",
       d["skill"])
    # the sample's tools story (airs-gen --sample): the mismatch first, the
    # shadow work and the lapse after it, each where it is published
    ok(d["tools"] == [("mismatch", "U-SALES", "writing_assistant", 55),
                      ("shadow", "U-TECH", "unsanctioned_tools", 49),
                      ("lapsing", "U-CUSTOPS-2", "knowledge_search", 25)],
       "summary rule 6 recomputed: the tool findings and their order", d["tools"])

# --unit and --depth: text, HTML and JSON.
unit_txt = open(os.path.join(GOLDEN, "report-unit.txt"), encoding="utf-8").read()
ok("Unit: Customer Operations (U-CUSTOPS)" in unit_txt and
   "Alder & Finch" not in unit_txt.split("Recommended course cohorts")[0],
   "report --unit: only that unit and the units below it")
ok("Leaders and staff cannot be compared here" in unit_txt,
   "report --unit: the summary says when a comparison is hidden", unit_txt[:800])
rc, out, _ = run("report", "--depth", "0")
ok(rc == 0 and "19 deeper units are left out" in out and "Claims Intake" not in out,
   "report --depth 0: the roots only, and says how many are left out")
rc, out, _ = run("report", "--format", "html", "--unit", "U-FIN", "--depth", "0")
ub = parse_html(out)
ok(rc == 0 and not ub.errors and "Accounting" not in out and "Finance &amp; Controlling"
   in out, "report --format html --unit --depth: the unit alone", ub.errors[:3])
rc, out, _ = run("report", "--format", "json", "--unit", "U-FIN")
try:
    sel = json.loads(out)
    ok(rc == 0 and [u["id"] for u in sel["units"]] == ["U-FIN", "U-FIN-1", "U-FIN-2",
                                                         "U-FIN-3"],
       "report --format json --unit: the unit's rows, no organisation")
except ValueError as e:
    ok(False, "report --format json --unit: parses", e)
error("report: bad --depth", ["report", "--depth", "-1"], 2,
      r"--depth needs a whole number")
error("report: --depth with json", ["report", "--format", "json", "--depth", "1"], 2,
      r"--depth is for text and html")
error("report: unknown unit", ["report", "--unit", "U-NOPE"], 1, r"no unit 'U-NOPE'")

# A dataset without survey, skills, usage or courses: every empty section
# says why instead of drawing empty charts.
with tempfile.TemporaryDirectory() as tmp:
    bare = os.path.join(tmp, "bare")
    os.makedirs(bare)
    for name in ["units.csv", "roles.csv", "employees.csv"]:
        shutil.copy(os.path.join(ROOT, SAMPLE, name), bare)
    rc, out, err = run("report", "--data", bare, "--format", "html")
    eb = parse_html(out)
    ok(rc == 0 and not eb.errors, "html without survey or skills: exit 0, well formed",
       err + "; ".join(eb.errors[:3]))
    for why in ["The data has no survey", "No role in the data lists the skills",
                "No barrier point is known", "The data has no course catalogue"]:
        ok(why in out, f"html without data: says '{why}'")
    rc, out, _ = run("report", "--data", bare)
    ok(rc == 0 and "Gaps in the data:" in out and "There is no AI tool usage data" in out,
       "text without data: the summary names what is missing")

# Methodology 1.1 (issue 15): a training-only dataset - what a first HRIS
# or LMS export often is - gives nobody a level, and the report opens
# with a coverage section that says why.
with tempfile.TemporaryDirectory() as tmp:
    tro = os.path.join(tmp, "training-only")
    os.makedirs(tro)
    for name in ["units.csv", "roles.csv", "employees.csv", "skills.csv",
                 "role_skills.csv", "courses.csv", "training.csv"]:
        shutil.copy(os.path.join(ROOT, SAMPLE, name), tro)
    rc, out, err = run("score", "--data", tro, "--format", "json")
    try:
        te = json.loads(out)
        ok(rc == 0 and len(te) == 250 and all(e["level"] is None for e in te),
           "training only: nobody has a level")
        ok(all(e["readiness"] is None and e["evidence"] == "no_skill_assessment"
               and e["readiness_low"] is not None for e in te),
           "training only: no readiness, the reason and a range for everyone")
    except ValueError as e:
        ok(False, "training only: score json parses", e)
    rc, out, _ = run("report", "--data", tro)
    cov = " ".join(out.split("Data coverage\n", 1)[-1].split("\n\n", 1)[0].split())
    ok(rc == 0 and out.index("Data coverage") < out.index("Summary"),
       "training only: the report opens with the data coverage")
    ok("Scored: 0 of 250 people" in cov and "250 with no skill assessment" in cov
       and "Not in the data: skill assessments" in cov,
       "training only: the coverage says who could not be scored and why", cov)
    rc, out, _ = run("report", "--data", tro, "--format", "json")
    try:
        c = json.loads(out)["coverage"]
        ok(c["scored"] == 0 and c["reasons"]["no_skill_assessment"] == 250
           and c["inputs"]["assessments"] is None and c["inputs"]["training"] > 0,
           "training only: report json coverage", c)
    except (ValueError, KeyError) as e:
        ok(False, "training only: report json coverage parses", e)

# Methodology 2 (issue 15): a planned training next month does not move
# the as-of date; an assessment dated 2062 is left out with a warning
# naming file:line in every command that scores, and in validate.
with tempfile.TemporaryDirectory() as tmp:
    fut = os.path.join(tmp, "future")
    shutil.copytree(os.path.join(ROOT, SAMPLE), fut)
    with open(os.path.join(fut, "training.csv"), "a", encoding="utf-8") as f:
        f.write("E000002,C-LEAD,change_leadership,2,2026-08-10,planned\n")
    rc, out, err = run("validate", "--data", fut)
    ok(rc == 0 and "as-of date: 2026-06-30 (the latest observed evidence)" in out
       and "1 planned training record after it" in out,
       "planned training: validate keeps the as-of date", out)
    rc, out, _ = run("report", "--data", fut)
    ok(rc == 0 and out.splitlines()[1].startswith("As of 2026-06-30;"),
       "planned training: the report keeps the as-of date")
    with open(os.path.join(fut, "assessments.csv"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    n = len(lines) + 1
    with open(os.path.join(fut, "assessments.csv"), "a", encoding="utf-8") as f:
        f.write("E000001,change_leadership,2,2062-03-27,self\n")
    where = "assessments.csv:%d:4: warning: date 2062-03-27" % n
    for cmd in (["validate"], ["score"], ["report"], ["explain", "--employee", "E000001"],
                ["audit", "--attribute", "gender"],
                ["plan", "--employee", "E000001", "--budget", "20"]):
        rc, out, err = run(*cmd, "--data", fut)
        text = out + err if cmd == ["validate"] else err
        ok(rc == 0 and where in text, "typo 2062: %s names file:line" % cmd[0],
           (rc, text[:300]))
    rc, out, _ = run("report", "--data", fut, "--format", "json")
    try:
        prov = json.loads(out)["provenance"]
        ok(prov["as_of"] == "2026-06-30" and prov["as_of_rule"] == "latest_evidence"
           and prov["as_of_left_out"] == "1", "typo 2062: the export says how", prov)
    except (ValueError, KeyError) as e:
        ok(False, "typo 2062: report json parses", e)

# ---- sharded scoring: score --partial, merge --------------------------
def load_splitter():
    """bindings/python/airs/_shard.py alone (standard library only)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "airs_shard", os.path.join(ROOT, "bindings", "python", "airs", "_shard.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


with tempfile.TemporaryDirectory() as tmp:
    dirs = load_splitter().split_dataset(os.path.join(ROOT, SAMPLE), 3, tmp)
    asof = ("--as-of", "2026-06-30")
    parts = [os.path.join(tmp, "p%d" % k) for k in range(3)]
    for d, p in zip(dirs, parts):
        rc, out, err = run("score", "--data", d, *asof, "--partial", p)
        ok(rc == 0 and out == "" and os.path.getsize(p) > 0,
           "score --partial writes the partial and no rows", (rc, out[:200], err))
    bins = [p + ".bin" for p in parts]
    for d, p in zip(dirs, bins):
        rc, out, err = run("score", "--data", d, *asof, "--partial", p,
                           "--partial-format", "binary")
        ok(rc == 0 and open(p, "rb").read(8) == b"\x89airsrb\n",
           "score --partial-format binary", (rc, err))
    rc1, m, _ = run("merge", *asof, "--format", "json", *parts)
    rc2, mb, _ = run("merge", *asof, "--format", "json", bins[2], parts[0],
                     bins[1])
    ok(rc1 == 0 and rc2 == 0 and m == mb and len(m) > 1000,
       "merge: binary, text and mixed partials in any order read the same")
    # alone, --partial scores for the partial only (airs_score_partial):
    # the bytes of the partial written beside the rows
    for form in ("text", "binary"):
        beside = parts[0] + ".beside." + form
        alone = parts[0] + ".alone." + form
        rc1, _, e1 = run("score", "--data", dirs[0], *asof, "--partial",
                         beside, "--partial-format", form, "--format", "csv")
        rc2, _, e2 = run("score", "--data", dirs[0], *asof, "--partial",
                         alone, "--partial-format", form)
        ok(rc1 == 0 and rc2 == 0 and
           open(beside, "rb").read() == open(alone, "rb").read(),
           "score --partial alone writes the partial written beside the "
           "rows (%s)" % form, (e1, e2))
    error("--partial into a folder that does not exist",
          ["score", "--data", SAMPLE, *asof, "--partial",
           os.path.join(tmp, "no", "such", "p")], 1,
          r"cannot create '.*p': No such file or directory")
    nodata = os.path.join(tmp, "never")
    error("--partial of a dataset that does not load",
          ["score", "--data", os.path.join(tmp, "missing"), *asof,
           "--partial", nodata], 1, r"does not exist")
    ok(not os.path.exists(nodata), "a shard that fails leaves no partial")
    if os.path.exists("/dev/full"):
        error("--partial that cannot be written",
              ["score", "--data", SAMPLE, *asof, "--partial", "/dev/full"], 1,
              r"cannot write '/dev/full'")
    error("--partial-format without --partial",
          ["score", "--data", SAMPLE, "--partial-format", "binary"], 2,
          r"--partial-format binary needs --partial FILE")
    error("an unknown partial format",
          ["score", "--data", SAMPLE, "--partial", os.path.join(tmp, "x"),
           "--partial-format", "bin"], 2, r"unknown partial format 'bin'")
    whole = os.path.join(tmp, "whole")
    rc, _, err = run("score", "--data", SAMPLE, *asof, "--partial", whole)
    ok(rc == 0, "score --partial of the whole", err)
    for fmt in ("text", "json", "csv", "html"):
        rc1, m, e1 = run("merge", *asof, "--format", fmt, *parts)
        rc2, w, e2 = run("merge", *asof, "--format", fmt, whole)
        # they say how many partials they merged
        w = re.sub(r"1 merged partials?|merged from 1 partials",
                   lambda x: x.group(0).replace("1", "3"), w)
        ok(rc1 == 0 and rc2 == 0 and m == w and len(m) > 1000,
           "merge --format %s: three shards read as the whole" % fmt,
           (rc1, rc2, e1, e2))
    # the merged figures are the report's, section by section
    rc, rep, _ = run("report", "--data", SAMPLE, *asof)
    rc2, m, _ = run("merge", *asof, *parts)
    for head in ("Maturity against leadership's target, by unit",
                 "Support needs"):
        a, b = rep.find(head), m.find(head)
        ok(a >= 0 and b >= 0 and rep[a:rep.find("\n\n", a)] ==
           m[b:m.find("\n\n", b)], "merge: %s as in airs report" % head,
           (rep[a:a + 300], m[b:b + 300]))
    rc, rj, _ = run("report", "--data", SAMPLE, *asof, "--format", "json")
    rc2, mj, _ = run("merge", *asof, "--format", "json", *parts)
    try:
        flat = [{k: v for k, v in u.items() if k not in ("constructs", "skill_gaps")}
                for u in json.loads(mj)["units"]]
        ok(json.loads(rj)["units"][:-1] == flat and len(flat) > 5,
           "merge json: the units of airs report --format json")
    except (ValueError, KeyError) as e:
        ok(False, "merge json parses", e)
    error("merge without the shards' parameters", ["merge", *parts], 1,
          r"p0:2: the partial was made with other parameters .*\n"
          r"airs: give 'airs merge' the --config, --set and --as-of")
    error("merge without files", ["merge", *asof], 2,
          r"give the partials to merge")
    error("merge --unit with json", ["merge", *asof, "--format", "json",
                                     "--unit", "U-CO", *parts], 2,
          r"--unit and --depth are for text and html")
    # a shard without usage was scored without adoption: refused by name
    with open(os.path.join(dirs[2], "usage.csv"), "r+", encoding="utf-8") as f:
        head = f.readline()
        f.seek(0)
        f.truncate()
        f.write(head)
    rc, _, err = run("score", "--data", dirs[2], *asof, "--partial", parts[2])
    error("merge of a shard without usage", ["merge", *asof, *parts], 1,
          r"p2: one shard has usage records and the other none")
    cut = os.path.join(tmp, "cut")
    with open(parts[1], encoding="utf-8") as f, open(cut, "w", encoding="utf-8") as g:
        g.write(f.read()[:-len("end\n")])
    nlines = sum(1 for _ in open(cut, encoding="utf-8"))
    error("merge of a truncated partial", ["merge", *asof, parts[0], cut], 1,
          r"cut:%d: unexpected end of input" % (nlines + 1))
    # The next file is read on a thread while this one merges: what goes
    # wrong is still said for the first bad file, in the order given.
    missing = os.path.join(tmp, "missing")
    for extra in ([], ["--set", "threads=1"]):
        error("merge names the first bad file of three %s" % extra,
              ["merge", *asof, *extra, parts[0], cut, missing], 1,
              r"^airs merge: [^\n]*cut:%d: unexpected end of input\n$" % (nlines + 1))
        error("merge names the first bad file, a missing one %s" % extra,
              ["merge", *asof, *extra, parts[0], missing, cut], 1,
              r"^airs merge: cannot open '[^']*missing': No such file")
    with open(bins[1], "rb") as f:
        b = bytearray(f.read())
    b[40] ^= 1
    with open(cut, "wb") as f:
        f.write(b)
    error("merge of a damaged binary partial", ["merge", *asof, cut], 1,
          r"cut: byte \d+: the checksum does not match: the partial was damaged")


# ---- report ------------------------------------------------------------
fails = 0
print(f"1..{len(results)}")
for i, (good, name, detail) in enumerate(results, 1):
    print(f"{'ok' if good else 'not ok'} {i} - {name}")
    if not good:
        fails += 1
        for line in str(detail).splitlines()[:12]:
            print(f"# {line}")
sys.exit(1 if fails else 0)

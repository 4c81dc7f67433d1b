#!/usr/bin/python3
"""The tools table of docs/methodology.md section 9 in pandas, checked
against `airs tools --format json`.

    python3 tools-reference.py --airs BUILD/examples/airs DIR
                               [--as-of YYYY-MM-DD] [--min-group K]
    python3 tools-reference.py --airs AIRS --gen BUILD/examples/airs-gen
                               --employees N --seed S

Written from the methodology text with read_csv, pivots and groupbys, as
reference.py is.  Every figure airs shows - users, habitual, lapsed and
new users, active days, the shares and their Wilson intervals (statsmodels),
the activity share, the medians, months to first use, the benefit and its
t interval (SciPy) - must equal the reference within 1e-9 (counts
exactly); a figure airs leaves null without listing it as suppressed must
be undefined here too.  Which figures are hidden is the anonymity rule's
business (the privacy attacker, tests/privacy/tools.py, checks it); here
a hidden figure is skipped.  Signals are recomputed (9.4) for the rows
whose figures are shown.  Exit 0 when all agree, 1 otherwise, 77 without
pandas.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

try:
    import numpy as np
    import pandas as pd
    from scipy import stats
    from statsmodels.stats.proportion import proportion_confint
except ImportError:
    print("pandas, SciPy or statsmodels is not importable; skipping")
    sys.exit(77)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference  # noqa: E402

W, FULL, HABIT, RECENT = 6, 12, 3, 2
MIS_ADOPT, MIS_BENEFIT, MIS_MARGIN = 0.3, 0.5, 0.15
LAPSE_SHARE, SHADOW_SHARE = 0.3, 0.2
ALL, UNS = "*all", "*unsanctioned"
Q = 10**9


def month(text):
    y, m = text[:7].split("-")
    return int(y) * 12 + int(m) - 1


def load(folder):
    d = reference.load(folder)
    d["folder"] = folder
    d["tools"] = reference.read(folder, "tools.csv",
                                ["tool_id", "name", "sanctioned", "available_from"])
    return d


def person_tool(d, T):
    """One row per (employee, x) used in the window: x a tool or a set."""
    hi = month(T)
    lo = hi - W + 1
    u = d["usage"][d["usage"]["month"] <= hi]
    reg = d["tools"]
    has_reg = len(reg) > 0
    sanctioned = dict(zip(reg["tool_id"], ~reg["sanctioned"].str.lower()
                          .isin(["no", "0", "false"])))
    first = (u[u["active_days"] > 0].groupby(["employee_id", "tool_id"])["month"]
             .min())
    w = u[u["month"] >= lo].copy()
    w["k"] = w["month"] - lo
    grid = w.pivot_table(index=["employee_id", "tool_id"], columns="k",
                         values="active_days", aggfunc="sum", fill_value=0)
    grid = grid.reindex(columns=range(W), fill_value=0)
    frames = [grid]
    firsts = [first]
    sets = [(ALL, lambda t: True)]
    if has_reg:
        sets.append((UNS, lambda t: not sanctioned.get(t, False)))
    for name, keep in sets:
        sel = grid[[keep(t) for t in grid.index.get_level_values(1)]]
        g = sel.groupby(level=0).max()
        g.index = pd.MultiIndex.from_arrays([g.index, [name] * len(g)],
                                            names=["employee_id", "tool_id"])
        frames.append(g)
        fs = first[[keep(t) for t in first.index.get_level_values(1)]]
        f2 = fs.groupby(level=0).min()
        f2.index = pd.MultiIndex.from_arrays([f2.index, [name] * len(f2)],
                                             names=["employee_id", "tool_id"])
        firsts.append(f2)
    g = pd.concat(frames)
    g = g[g.sum(axis=1) > 0]
    first = pd.concat(firsts)
    p = pd.DataFrame(index=g.index)
    p["days"] = g.sum(axis=1)
    p["per_month"] = p["days"] / W
    p["habitual"] = (g >= FULL).sum(axis=1) >= HABIT
    p["lapsed"] = (g.iloc[:, :W - RECENT] > 0).any(axis=1) & \
        ~(g.iloc[:, W - RECENT:] > 0).any(axis=1)
    p["new"] = first.reindex(p.index) > hi - RECENT
    avail = {t: month(a) for t, a in zip(reg["tool_id"], reg["available_from"]) if a}
    tools = p.index.get_level_values(1)
    p["wait"] = [max(0, f - avail[t]) if t in avail else np.nan
                 for f, t in zip(first.reindex(p.index), tools)]
    p["benefit"] = benefit(d, T).reindex(p.index)
    p["is_set"] = tools.isin([ALL, UNS])
    return p.reset_index(), has_reg, u["month"].max() >= hi if len(u) else False


def benefit(d, T):
    """9.1: per (employee, tool), the mean over usefulness and time_saved
    of the mean over the tool's items of the latest day's answers in the
    survey period read (4.1), 0..1."""
    it = d["items"]  # reference.load() reads tool_id too
    it = it[(it["tool_id"] != "") & it["construct"].isin(["usefulness", "time_saved"])]
    r = d["responses"].merge(it, on="item_id")
    start, end = reference.survey_period(d, reference.days(pd.Series([T]))[0])
    r = r[(r["day"] >= start) & (r["day"] <= end)]
    v = r["value"].where(~r["reverse"], r["scale_min"] + r["scale_max"] - r["value"])
    r = r.assign(x=(v - r["scale_min"]) / (r["scale_max"] - r["scale_min"]))
    last = r.groupby(["employee_id", "item_id"])["day"].transform("max")
    r = r[r["day"] == last]
    per_item = r.groupby(["employee_id", "tool_id", "construct", "item_id"])["x"].mean()
    per_c = per_item.groupby(level=[0, 1, 2]).mean()
    return per_c.groupby(level=[0, 1]).mean()


def groups(d):
    """(group key, employee ids): units over subtrees, the organisation,
    roles."""
    units = d["units"]
    kids = {}
    for uid, par in zip(units["unit_id"], units["parent_id"]):
        kids.setdefault(par, []).append(uid)

    def sub(u):
        out = [u]
        for c in kids.get(u, []):
            out += sub(c)
        return out
    e = d["employees"]
    out = []
    for uid in units["unit_id"]:
        out.append((("unit", uid), set(e[e["unit_id"].isin(sub(uid))]["employee_id"])))
    out.append((("organisation", None), set(e["employee_id"])))
    roles = set(reference.read(d["folder"], "roles.csv", ["role_id"])["role_id"])
    for rid in sorted(roles | set(e["role_id"]), key=lambda r: r.encode()):
        out.append((("role", rid), set(e[e["role_id"] == rid]["employee_id"])))
    return out


def wilson(x, n):
    if not n:
        return (math.nan, math.nan)
    lo, hi = proportion_confint(int(x), int(n), method="wilson")
    return (0.0 if x == 0 else lo, 1.0 if x == n else hi)


def figures(p, members, n, x):
    q = p[(p["tool_id"] == x) & p["employee_id"].isin(members)]
    u = len(q)
    b = q["benefit"].dropna()
    nan = math.nan
    out = {"users": u, "active_share": u / n if n else nan,
           "active_share_ci": wilson(u, n),
           "habitual": int(q["habitual"].sum()),
           "habitual_share": q["habitual"].sum() / u if u else nan,
           "habitual_share_ci": wilson(q["habitual"].sum(), u),
           "lapsed": int(q["lapsed"].sum()),
           "lapsed_share": q["lapsed"].sum() / u if u else nan,
           "lapsed_share_ci": wilson(q["lapsed"].sum(), u),
           "new_users": int(q["new"].sum()), "active_days": int(q["days"].sum()),
           "active_days_median": float(q["per_month"].median()) if u else nan,
           "first_use_months_median": float(q["wait"].dropna().median())
           if q["wait"].notna().any() else nan}
    if x not in (ALL, UNS):
        out["benefit_respondents"] = len(b)
        out["benefit"] = float(b.mean()) if len(b) else nan
        out["benefit_ci"] = reference.t_interval(b.to_numpy(), u, 0, 1) \
            if len(b) else (nan, nan)
    return out


def baseline(p, d, members, x, k):
    """9.4: the mean over the row's respondents of their role's other
    tools' mean benefit, roles with k or more people answering about
    another tool only; NaN when none counts."""
    e = d["employees"].set_index("employee_id")["role_id"]
    bt = p[~p["is_set"] & p["benefit"].notna()].copy()
    bt["role"] = bt["employee_id"].map(e)
    vals = []
    for _, r in bt[(bt["tool_id"] == x) & bt["employee_id"].isin(members)].iterrows():
        other = bt[(bt["role"] == r["role"]) & (bt["tool_id"] != x)]
        if other["employee_id"].nunique() < k:
            continue
        vals.append(other["benefit"].mean())
    return float(np.mean(vals)) if vals else math.nan


def ge(a, b):
    return round(a * Q) >= round(b * Q)


def check(doc, d, T, k):
    p, has_reg, lapse_known = person_tool(d, T)
    gs = dict(groups(d))
    bad = []
    alld = {}
    for rec in doc["rows"]:
        key = (rec["scope"], rec["unit_id"] or rec["role_id"])
        x = rec["tool_id"] or (ALL if rec["kind"] == "all_tools" else UNS)
        mem = gs[key]
        ref = figures(p, mem, len(mem), x)
        if x == ALL:
            alld[key] = rec["active_days"]
        if alld.get(key) is not None and ref["active_days"] is not None:
            ref["activity_share"] = ref["active_days"] / alld[key] \
                if alld[key] else math.nan
        if not lapse_known:
            for f in ("lapsed", "lapsed_share", "lapsed_share_ci", "new_users"):
                ref.pop(f)
        where = "%s %s %s" % (key[0], key[1] or "", x)
        if rec["headcount"] != len(mem):
            bad.append("%s: headcount %s, reference %d" % (where, rec["headcount"], len(mem)))
        for f, want in ref.items():
            got = rec.get(f)
            if f in rec["suppressed"]:
                continue
            if isinstance(want, tuple):
                got = got or [None, None]
                pairs = zip(got, want)
            else:
                pairs = [(got, want)]
            for g, w in pairs:
                wn = w is None or (isinstance(w, float) and math.isnan(w))
                if (g is None) != wn or (g is not None and abs(g - w) > 1e-9):
                    if not (g is None and f.endswith("_ci") and rec.get(f[:-3]) is None):
                        bad.append("%s: %s = %s, reference %s" % (where, f, g, w))
        sig = set()
        if rec["kind"] == "tool" and rec["benefit"] is not None and rec["users"]:
            base = baseline(p, d, mem, x, k)
            if not math.isnan(base) and ge(rec["active_share"], MIS_ADOPT) and \
                    ge(MIS_BENEFIT, rec["benefit"]) and \
                    round(base * Q) - round(rec["benefit"] * Q) >= round(MIS_MARGIN * Q):
                sig.add("mismatch")
        if rec.get("lapsed_share") is not None and ge(rec["lapsed_share"], LAPSE_SHARE):
            sig.add("lapsing")
        if rec["kind"] == "unsanctioned_tools" and rec["activity_share"] is not None \
                and ge(rec["activity_share"], SHADOW_SHARE):
            sig.add("shadow")
        if sig != set(rec["signals"]):
            bad.append("%s: signals %s, reference %s" % (where, rec["signals"], sorted(sig)))
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--airs", required=True)
    ap.add_argument("--gen")
    ap.add_argument("--employees", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--as-of")
    ap.add_argument("--min-group", type=int, default=5)
    ap.add_argument("dir", nargs="?")
    o = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = o.dir
        if o.gen:
            folder = os.path.join(tmp, "gen")
            subprocess.run([o.gen, "--employees", str(o.employees), "--seed",
                            str(o.seed), "--out", folder], check=True,
                           stdout=subprocess.DEVNULL)
        args = [o.airs, "tools", "--data", folder, "--format", "json",
                "--set", "anonymity.min_group=%d" % o.min_group]
        if o.as_of:
            args += ["--as-of", o.as_of]
        doc = json.loads(subprocess.run(args, check=True, capture_output=True,
                                        text=True).stdout)
        d = load(folder)
        bad = check(doc, d, doc["provenance"]["as_of"], o.min_group)
    shown = sum(1 for r in doc["rows"] if r["users"] is not None)
    print("%s: %d rows (%d shown), %d disagreements" % (
        folder if not o.gen else "airs-gen %d/%d" % (o.employees, o.seed),
        len(doc["rows"]), shown, len(bad)))
    for b in bad[:20]:
        print("  " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Reference implementation of docs/methodology.md (sections 1.1-4) in pandas.

Written the way an HR analytics team would write it - read_csv, merges,
groupbys - from the methodology text alone, without reading lib/*.c, so
that it can serve as an independent oracle for the C library
(tests/bench/compare.py) and as the "pandas" baseline of the benchmark
(tests/bench/run.py).

    python3 reference.py DIR EMPLOYEES.csv UNITS.csv [--as-of YYYY-MM-DD]
                         [--individual-sentiment 0|1]

Covers the as-of date (section 2, with its outlier rule), per-employee
readiness, its range and the minimum evidence (section 1.1), level,
target, gaps, components, skill coverage and flags, and the unit rollups of section 4 that do not involve
survey anonymity (headcount, scored, mean and median readiness, level
distribution, target, mean gap, share below target).  Output columns
match tests/bench/airs-score-dump.c; NaN is an empty field.
"""
import argparse
import math
import os
import sys

import numpy as np
import pandas as pd

try:  # section 4.3's intervals are checked only where SciPy is installed
    from scipy import stats
    from statsmodels.stats.proportion import proportion_confint
except ImportError:
    stats = None

# Section 5 defaults.
W = {"skill": 0.40, "training": 0.15, "sentiment": 0.25, "adoption": 0.20}
SOURCE = {"self": 0.4, "manager": 0.7, "test": 1.0, "certification": 1.0}
HALF_LIFE = 300.0
HOURS_PER_LEVEL = 8.0
WINDOW_MONTHS = 6
FULL_DAYS = 12.0
THRESHOLDS = [20, 40, 60, 80]
FLOOR_OF = {1: 0, 2: 20, 3: 40, 4: 60, 5: 80}
ATTITUDE = ["clarity", "usefulness", "trust", "security", "support", "voice"]
SCORED = ATTITUDE + ["recommend", "time_saved", "error_change"]
LB_READINESS, LB_TRAINING, LB_SUPPORT = 40, 0.25, 0.5
FATIGUE_DAYS, FATIGUE_HOURS, FATIGUE_DROP = 90, 20, 0.10
REV_TRAINING, REV_ADOPTION = 0.5, 0.2
OVERCONFIDENCE = 1.5
NB_ADOPTION, NB_BENEFIT = 0.5, 0.25
MIN_SKILL_SHARE = 0.5                      # evidence.min_skill_share
OUTLIER_DAYS, OUTLIER_SHARE = 180, 0.01    # as_of.outlier_days, _share
EVIDENCE = {"sufficient": 0, "no_requirements": 1, "no_skill_assessment": 2,
            "few_skills_assessed": 3, "no_component": 4}
Q = 10**9  # section 4.2: aggregates sum integers of 1e-9

FLAG_BITS = {"left_behind": 1, "fatigue": 2, "reversion": 4,
             "overconfidence": 8, "no_benefit": 16, "lapsed": 32}
COMPONENTS = ["skill", "training", "sentiment", "adoption"]

EPOCH = pd.Timestamp("1970-01-01")


def read(folder, name, columns):
    """A dataset table as strings (trimmed, header case-insensitive), or an
    empty frame with the given columns when the file is absent."""
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    df = pd.read_csv(path, dtype=str, keep_default_na=False,
                     encoding="utf-8-sig")
    df.columns = [c.strip(" \t").lower() for c in df.columns]
    for c in columns:
        if c not in df.columns:
            df[c] = ""
        else:
            df[c] = df[c].str.strip(" \t")
    return df[columns]


def days(s):
    """YYYY-MM-DD strings to day numbers since 1970-01-01."""
    return ((pd.to_datetime(s, format="%Y-%m-%d") - EPOCH).dt.days
            .astype("int64"))


def yes(s):
    return s.str.lower().isin(["1", "true", "yes"])


def num(s, default=np.nan):
    return pd.to_numeric(s.replace("", np.nan)).fillna(default).astype(float)


def load(folder):
    d = {}
    d["units"] = read(folder, "units.csv",
                      ["unit_id", "name", "parent_id", "target_level"])
    d["role_skills"] = read(folder, "role_skills.csv",
                            ["role_id", "skill_id", "required_level", "weight"])
    d["employees"] = read(folder, "employees.csv",
                          ["employee_id", "unit_id", "role_id", "is_leader",
                           "manager_id"])
    d["assessments"] = read(folder, "assessments.csv",
                            ["employee_id", "skill_id", "level", "date", "source"])
    d["courses"] = read(folder, "courses.csv", ["course_id", "skill_id"])
    d["training"] = read(folder, "training.csv",
                         ["employee_id", "course_id", "skill_id", "hours",
                          "date", "status"])
    d["items"] = read(folder, "survey_items.csv",
                      ["item_id", "construct", "scale_min", "scale_max",
                       "reverse", "tool_id"])
    d["responses"] = read(folder, "responses.csv",
                          ["employee_id", "item_id", "value", "date"])
    d["usage"] = read(folder, "usage.csv",
                      ["employee_id", "tool_id", "period", "active_days"])
    d["waves"] = read(folder, "survey_waves.csv", ["wave_id", "start", "end"])

    rs = d["role_skills"]
    rs["required_level"] = num(rs["required_level"])
    rs["weight"] = num(rs["weight"], 1.0)
    a = d["assessments"]
    a["level"] = num(a["level"])
    a["day"] = days(a["date"])
    a["source"] = a["source"].str.lower().replace("", "self")
    t = d["training"]
    t["hours"] = num(t["hours"])
    t["day"] = days(t["date"])
    t["status"] = t["status"].str.lower().replace("", "completed")
    it = d["items"]
    it["scale_min"] = num(it["scale_min"], 1.0)
    it["scale_max"] = num(it["scale_max"], 5.0)
    it["reverse"] = yes(it["reverse"])
    it["construct"] = it["construct"].str.lower()
    r = d["responses"]
    r["value"] = num(r["value"])
    r["day"] = days(r["date"])
    w = d["waves"]
    w["start_day"] = days(w["start"])
    w["end_day"] = days(w["end"])
    u = d["usage"]
    u["active_days"] = num(u["active_days"])
    p = pd.to_datetime(u["period"] + "-01", format="%Y-%m-%d")
    u["month"] = (p.dt.year * 12 + p.dt.month - 1).astype("int64")
    u["month_start"] = ((p - EPOCH).dt.days).astype("int64")
    e = d["employees"]
    e["is_leader"] = yes(e["is_leader"])
    return d


def latest_date(d):
    """Section 2: the latest date of observed evidence - assessments,
    training not planned, responses, usage months (their first day) -
    once the dates more than OUTLIER_DAYS after the bulk of the records
    are left out: the bulk ends at the latest date once the latest
    k = max(1, floor(OUTLIER_SHARE * n)) records are set aside."""
    t = d["training"]
    dates = pd.concat([d["assessments"]["day"],
                       t.loc[t["status"] != "planned", "day"],
                       d["responses"]["day"], d["usage"]["month_start"]])
    dates = np.sort(dates.to_numpy(dtype=np.int64))
    n = len(dates)
    if n == 0:
        return 0
    k = max(1, math.floor(OUTLIER_SHARE * n))
    if n <= k:
        return int(dates[-1])
    bulk = int(dates[n - k - 1])
    return int(dates[dates <= bulk + OUTLIER_DAYS].max())


def survey_period(d, T):
    """Section 4.1: the survey period a scoring as of T reads, (start,
    end) in days: the declared wave, or without waves the calendar month
    with answers, that ended last on or before T; start > end when none
    has."""
    w = d["waves"]
    if len(w):
        w = w[w["end_day"] <= T]
        if not len(w):
            return 1, 0
        x = w.loc[w["end_day"].idxmax()]
        return int(x["start_day"]), int(x["end_day"])
    r = d["responses"]
    if not len(r):
        return 1, 0
    dt = EPOCH + pd.to_timedelta(r["day"], unit="D")
    first = dt.dt.to_period("M").dt.start_time
    ends = ((first + pd.offsets.MonthEnd(0)) - EPOCH).dt.days
    ends = ends[ends <= T]
    if not len(ends):
        return 1, 0
    end = int(ends.max())
    start = int(((EPOCH + pd.Timedelta(days=end)).replace(day=1) - EPOCH).days)
    return start, end


def decay(age):
    return np.exp2(-age / HALF_LIFE)


def unit_targets(units):
    """Effective target per unit: its own, else the nearest ancestor's."""
    parent = dict(zip(units["unit_id"], units["parent_id"]))
    own = dict(zip(units["unit_id"], units["target_level"]))
    eff = {}
    for uid in units["unit_id"]:
        x = uid
        while x and own.get(x, "") == "":
            x = parent.get(x, "")
        eff[uid] = int(own[x]) if x else 0
    return eff


def score(d, T, optin):
    emp = d["employees"][["employee_id", "unit_id", "role_id",
                          "is_leader"]].copy()
    out = emp.set_index("employee_id")

    # 3.1 skill estimates: assessments on or before T, weighted mean.
    a = d["assessments"]
    a = a[a["day"] <= T].copy()
    a["w"] = a["source"].map(SOURCE) * decay(T - a["day"])
    a["wl"] = a["w"] * a["level"]
    est = a.groupby(["employee_id", "skill_id"], as_index=False)[["w", "wl"]].sum()
    est["L"] = est["wl"] / est["w"]

    # 3.2 skill fit over the role's requirements with q > 0.
    req = d["role_skills"]
    req = req[req["required_level"] > 0]
    role_v = (req.assign(qv=req["weight"] * req["required_level"])
              .groupby("role_id").agg(sum_v=("weight", "sum"),
                                      qv=("qv", "sum")))
    er = emp[["employee_id", "role_id"]].merge(req, on="role_id")
    er = er.merge(est[["employee_id", "skill_id", "L", "w"]],
                  on=["employee_id", "skill_id"], how="inner")
    er = er[er["w"] > 0]
    er["fit"] = np.minimum(1.0, er["L"] / er["required_level"])
    er["vfit"] = er["weight"] * er["fit"]
    sk = er.groupby("employee_id").agg(sum_a=("weight", "sum"),
                                       sum_afit=("vfit", "sum"))
    out = out.join(sk)
    out = out.join(role_v, on="role_id")
    out["skill"] = out["sum_afit"] / out["sum_a"]
    out["skill_coverage"] = (out["sum_a"].fillna(0) / out["sum_v"])
    out["pi_skill"] = out["sum_a"] / out["sum_v"]

    # 3.3 training.
    has_training = len(d["training"]) > 0
    t = d["training"]
    t = t[(t["day"] <= T) & (t["status"] != "planned")].copy()
    t["eff"] = t["hours"] * decay(T - t["day"])
    t["recent"] = np.where(T - t["day"] < FATIGUE_DAYS, t["hours"], 0.0)
    tr = t.groupby("employee_id")[["eff", "recent"]].sum()
    out = out.join(tr)
    out["h_eff"] = out["eff"].fillna(0.0)
    out["recent_hours"] = out["recent"].fillna(0.0)
    qbar = out["qv"] / out["sum_v"]
    out["need"] = HOURS_PER_LEVEL * np.maximum(1.0, qbar.fillna(1.0))
    out["training"] = (np.minimum(1.0, out["h_eff"] / out["need"])
                       if has_training else np.nan)

    # 3.4 sentiment: latest response per item (mean of that date) in the
    # survey period read (4.1), no carry-forward from before it.  An item
    # about one tool (tool_id, section 9) enters no construct.
    items = d["items"]
    items = items[items["construct"].isin(SCORED) & (items["tool_id"] == "")]
    start, end = survey_period(d, T)
    r = d["responses"].merge(items, on="item_id")
    r = r[r["day"] <= end].copy()
    r = r[r.groupby(["employee_id", "item_id"])["day"].transform("max") >= start]
    xr = np.where(r["reverse"], r["scale_min"] + r["scale_max"] - r["value"],
                  r["value"])
    r["raw"] = xr
    r["n"] = (xr - r["scale_min"]) / (r["scale_max"] - r["scale_min"])
    last = r.groupby(["employee_id", "item_id"])["day"].transform("max")
    latest = r[r["day"] == last]
    item_score = latest.groupby(["employee_id", "item_id", "construct"],
                                as_index=False)[["n", "raw"]].mean()
    cons = item_score.groupby(["employee_id", "construct"])["n"].mean().unstack()
    for c in SCORED:
        if c not in cons.columns:
            cons[c] = np.nan
    cons = cons[SCORED].add_prefix("C_")
    out = out.join(cons)
    out["sentiment_value"] = out[["C_" + c for c in ATTITUDE]].mean(axis=1)
    out["sentiment"] = out["sentiment_value"] if optin else np.nan

    # Fatigue: per item, latest score within the last 90 days against the
    # latest score before them.
    ws = T - FATIGUE_DAYS
    rec = r[r["day"] > ws]
    old = r[(r["day"] <= ws) & (r["day"] < start)]

    def latest_mean(x):
        lx = x.groupby(["employee_id", "item_id"])["day"].transform("max")
        return x[x["day"] == lx].groupby(["employee_id", "item_id"])["n"].mean()

    ch = (latest_mean(rec) - latest_mean(old)).dropna()
    fat = ch.groupby(level="employee_id").mean()
    out["fatigue_change"] = fat

    # 3.5 adoption: mean over the window months of min(1, max days / 12).
    has_usage = len(d["usage"]) > 0
    Tm = pd.Timestamp(EPOCH + pd.Timedelta(days=T))
    hi = Tm.year * 12 + Tm.month - 1
    lo = hi - (WINDOW_MONTHS - 1)
    u = d["usage"]
    u = u[(u["month"] >= lo) & (u["month"] <= hi)]
    m = u.groupby(["employee_id", "month"])["active_days"].max()
    am = np.minimum(1.0, m / FULL_DAYS)
    ad = am.groupby(level="employee_id").sum() / WINDOW_MONTHS
    out["adoption"] = ad.reindex(out.index).fillna(0.0) if has_usage else np.nan
    # 3.9 lapsed: active (busiest tool) in a month before the last two of
    # the window, in none of the last two; known when the log reaches hi.
    lapse_known = has_usage and d["usage"]["month"].max() >= hi
    before = m[m.index.get_level_values("month") < hi - 1]
    recent = m[m.index.get_level_values("month") >= hi - 1]
    act_before = (before > 0).groupby(level="employee_id").any()
    act_recent = (recent > 0).groupby(level="employee_id").any()
    out["lapsed"] = (act_before.reindex(out.index, fill_value=False) &
                     ~act_recent.reindex(out.index, fill_value=False)) \
        if lapse_known else False

    # 3.6 readiness.
    pis = pd.DataFrame({
        "skill": out["pi_skill"].where(out["sum_a"] > 0),
        "training": out["training"].notna().astype(float),
        "sentiment": out["sentiment"].notna().astype(float),
        "adoption": out["adoption"].notna().astype(float),
    }).fillna(0.0)
    D = sum(W[c] * pis[c] for c in COMPONENTS)
    num_ = sum(W[c] * pis[c] * out[c].fillna(0.0) for c in COMPONENTS)
    # 1.1 the minimum evidence: the role requires skills, and at least
    # MIN_SKILL_SHARE of them are assessed, by number and by weight
    # (compared at the 1e-9 quantum); then D > 0.
    n_req = req.groupby("role_id").size()
    out["n_req"] = out["role_id"].map(n_req).fillna(0).astype(int)
    out["n_assessed"] = er.groupby("employee_id").size().reindex(
        out.index).fillna(0).astype(int)
    share_n = out["n_assessed"] / out["n_req"].where(out["n_req"] > 0)
    few = ((pd.Series(quantise(share_n.fillna(0)), index=out.index)
            < round(MIN_SKILL_SHARE * Q)) |
           (pd.Series(quantise(out["skill_coverage"].fillna(0)), index=out.index)
            < round(MIN_SKILL_SHARE * Q)))
    ev = np.select([out["n_req"] == 0, out["n_assessed"] == 0, few, D <= 0],
                   [EVIDENCE["no_requirements"], EVIDENCE["no_skill_assessment"],
                    EVIDENCE["few_skills_assessed"], EVIDENCE["no_component"]],
                   EVIDENCE["sufficient"])
    out["evidence"] = ev
    out["readiness"] = (100 * num_ / D).where((D > 0) & (ev == 0))
    # 1.1 the range: what is known, K, of the full weight F; F - D unknown.
    full = [c for c in COMPONENTS if c != "sentiment" or optin]
    F = sum(W[c] for c in full)
    K = sum(W[c] * ((out["sum_afit"] / out["sum_v"]).fillna(0.0) if c == "skill"
                    else out[c].where(pis[c] > 0, 0.0).fillna(0.0))
            for c in full)
    lo_, hi_ = 100 * K / F, np.minimum(100.0, 100 * (K + F - D) / F)
    exact = (D == F) & out["readiness"].notna()
    out["readiness_low"] = lo_.where(~exact, out["readiness"])
    out["readiness_high"] = hi_.where(~exact, out["readiness"])
    out["coverage"] = sum((pis[c] > 0).astype(int) * (1 << k)
                          for k, c in enumerate(COMPONENTS))
    # Without consent sentiment is withheld from everyone of a dataset
    # with survey answers, answered or not: participation stays private.
    out["withheld"] = (0 if optin or len(d["responses"]) == 0 else 4)

    # 3.7 level, target, gap.
    # Thresholds are decided on the readiness quantised to 1e-9 (the
    # quantum of section 4.2), so that an exact tie such as 100 * 0.45 /
    # 0.75 = 60 is not lost to the last bit of floating-point rounding.
    rq = pd.Series(quantise(out["readiness"].fillna(0)), index=out.index)
    lvl = 1 + sum((rq >= t_ * Q).astype(int) for t_ in THRESHOLDS)
    out["level"] = lvl.where(out["readiness"].notna(), 0).astype(int)
    tgt = unit_targets(d["units"])
    out["target"] = out["unit_id"].map(tgt).astype(int)
    ok = (out["level"] > 0) & (out["target"] > 0)
    out["gap_levels"] = (out["target"] - out["level"]).astype(float).where(ok)
    out["gap_points"] = (out["target"].map(FLOOR_OF) - out["readiness"]).where(ok)

    # 3.9 flags.  Survey-based parts only with the opt-in.
    fl = pd.Series(0, index=out.index)
    trc = out["training"] if has_training else pd.Series(np.nan, index=out.index)
    sup = out["C_support"] if optin else pd.Series(np.nan, index=out.index)
    lb = out["readiness"].notna() & (rq < LB_READINESS * Q) & ((trc < LB_TRAINING) | (sup < LB_SUPPORT))
    fl |= lb.astype(int) * FLAG_BITS["left_behind"]
    if optin:
        fg = ((out["recent_hours"] >= FATIGUE_HOURS) &
              (out["fatigue_change"] <= -FATIGUE_DROP))
        fl |= fg.astype(int) * FLAG_BITS["fatigue"]
    if has_training and has_usage:
        rv = ((out["h_eff"] >= REV_TRAINING * out["need"]) &
              (out["adoption"] < REV_ADOPTION))
        fl |= rv.astype(int) * FLAG_BITS["reversion"]
    # Overconfidence: the latest self-assessment against the latest test
    # or certification, per skill (any skill, required or not).
    a_sorted = a.sort_values(["employee_id", "skill_id", "day"], kind="stable")
    selfs = a_sorted[a_sorted["source"] == "self"]
    ver = a_sorted[a_sorted["source"].isin(["test", "certification"])]

    def latest_level(x):
        lx = x.groupby(["employee_id", "skill_id"])["day"].transform("max")
        return x[x["day"] == lx].groupby(["employee_id", "skill_id"])["level"].max()

    oc = (latest_level(selfs) - latest_level(ver)).dropna()
    oc_emp = (oc >= OVERCONFIDENCE).groupby(level="employee_id").any()
    fl |= oc_emp.reindex(out.index, fill_value=False).astype(int) * FLAG_BITS["overconfidence"]
    if optin and has_usage:
        benefit = out[["C_time_saved", "C_usefulness"]].mean(axis=1)
        nb = (out["adoption"] >= NB_ADOPTION) & (benefit <= NB_BENEFIT)
        fl |= nb.astype(int) * FLAG_BITS["no_benefit"]
    fl |= out["lapsed"].astype(int) * FLAG_BITS["lapsed"]
    out["flags"] = fl
    return out


def quantise(x):
    """Section 4.2: integers of 1e-9, rounded half away from zero."""
    v = x.to_numpy(dtype=float) * Q
    return (np.sign(v) * np.floor(np.abs(v) + 0.5)).astype(np.int64)


def groups(out, link):
    """Section 4's aggregates of groups of employees: link has a row
    (employee_id, group) for every group an employee counts in."""
    e = out.reset_index()[["employee_id", "unit_id", "readiness", "level",
                           "target", "gap_levels"]]
    e["rq"] = quantise(e["readiness"].fillna(0))
    e["gq"] = quantise(e["gap_levels"].fillna(0))
    e["below"] = (e["level"] > 0) & (e["target"] > 0) & (e["level"] < e["target"])
    e["insufficient"] = out["evidence"].to_numpy() != 0
    x = e.merge(link, on="employee_id")
    x["scored"] = x["readiness"].notna()
    x["with_target"] = x["gap_levels"].notna()
    g = x.groupby("group")
    res = pd.DataFrame({
        "headcount": g.size(),
        "scored": g["scored"].sum(),
        "rsum": g["rq"].sum(),
        "gsum": x[x["with_target"]].groupby("group")["gq"].sum(),
        "with_target": g["with_target"].sum(),
        "below": g["below"].sum(),
        "insufficient": g["insufficient"].sum(),
    })
    res["readiness_mean"] = (res["rsum"] / res["scored"] / Q).where(res["scored"] > 0)
    scored = x[x["scored"]]
    res["readiness_median"] = scored.groupby("group")["rq"].median() / Q
    lv = x.groupby(["group", "level"]).size().unstack(fill_value=0)
    for k in range(6):
        res["levels_unknown" if k == 0 else "levels_%d" % k] = (
            lv[k] if k in lv.columns else 0)
    res["gap_mean"] = (res["gsum"] / res["with_target"] / Q).where(res["with_target"] > 0)
    res["below_target_share"] = (res["below"] / res["with_target"]).where(res["with_target"] > 0)
    if stats is not None:
        intervals(res, x)
    return res


GROUP_COLUMNS = ["headcount", "scored", "readiness_mean", "readiness_median",
                 "levels_unknown", "levels_1", "levels_2", "levels_3",
                 "levels_4", "levels_5", "target", "with_target", "gap_mean",
                 "below_target_share", "insufficient"]


def finish(res, index, targets):
    """Every group of index in order (empty ones too), counts as integers,
    each group's target."""
    res = res.reindex(index)
    for c in ["headcount", "scored", "with_target", "insufficient"] + [
            "levels_unknown"] + ["levels_%d" % k for k in range(1, 6)]:
        res[c] = res[c].fillna(0).astype(int)
    res["target"] = [targets.get(gid, 0) for gid in res.index]
    res.index.name = "unit_id"
    return res[GROUP_COLUMNS + [c for c in CI_COLUMNS if c in res.columns]]


def rollup(d, out):
    units = d["units"]
    parent = dict(zip(units["unit_id"], units["parent_id"]))
    # Each employee counts in its unit and every ancestor, and the org.
    anc = {}
    for uid in units["unit_id"]:
        chain, x = [], uid
        while x:
            chain.append(x)
            x = parent.get(x, "")
        anc[uid] = chain + [""]
    ulink = pd.DataFrame([(u, a_) for u, ch in anc.items() for a_ in ch],
                         columns=["unit_id", "group"])
    link = out.reset_index()[["employee_id", "unit_id"]].merge(ulink, on="unit_id")
    res = groups(out, link[["employee_id", "group"]])
    return finish(res, list(units["unit_id"]) + [""], unit_targets(units))


def managers(d, out):
    """Section 4.4: every manager's direct reports ("direct:ID") and whole
    line ("line:ID"), over the transitive closure of manager_id; no
    target."""
    emp = d["employees"]
    boss = dict(zip(emp["employee_id"], emp["manager_id"]))
    rows = []
    for e, m in boss.items():
        if m:
            rows.append((e, "direct:" + m))
        while m:
            rows.append((e, "line:" + m))
            m = boss.get(m, "")
    link = pd.DataFrame(rows, columns=["employee_id", "group"])
    ids = sorted({m for m in boss.values() if m})
    index = [k + m for m in ids for k in ("direct:", "line:")]
    return finish(groups(out, link), index, {})


CI_COLUMNS = ["readiness_ci_low", "readiness_ci_high", "gap_ci_low",
              "gap_ci_high", "below_target_ci_low", "below_target_ci_high"]


def t_interval(values, N, lo, hi):
    """Section 4.3: the 95% t interval of a mean with the finite-population
    correction, clipped to [lo, hi]; a census is exact, one value of many
    has none."""
    n = len(values)
    if n == 0 or (n == 1 and N > 1):
        return (np.nan, np.nan)
    m = float(np.mean(values))
    if n >= N:
        return (m, m)
    se = math.sqrt(float(np.var(values, ddof=1)) / n * (N - n) / (N - 1))
    h = float(stats.t.ppf(0.975, n - 1)) * se
    return (max(m - h, lo), min(m + h, hi))


def intervals(res, x):
    """Section 4.3's intervals of readiness, gap and below target, with
    SciPy's t quantile and statsmodels' Wilson interval."""
    rd = {g: v["rq"].to_numpy() / Q for g, v in x[x["scored"]].groupby("group")}
    gp = {g: v["gq"].to_numpy() / Q
          for g, v in x[x["with_target"]].groupby("group")}
    for name, vals, lo, hi in (("readiness", rd, 0, 100), ("gap", gp, -4, 4)):
        ci = [t_interval(vals.get(g, []), res.at[g, "headcount"], lo, hi)
              for g in res.index]
        res[name + "_ci_low"] = [a for a, _ in ci]
        res[name + "_ci_high"] = [b for _, b in ci]
    ci = [proportion_confint(int(b), int(n), method="wilson") if n else
          (np.nan, np.nan)
          for b, n in zip(res["below"], res["with_target"])]
    res["below_target_ci_low"] = [0.0 if b == 0 and n else a for (a, _), b, n
                                  in zip(ci, res["below"], res["with_target"])]
    res["below_target_ci_high"] = [1.0 if b == n and n else h for (_, h), b, n
                                   in zip(ci, res["below"], res["with_target"])]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("employees_out")
    ap.add_argument("units_out")
    ap.add_argument("--as-of")
    ap.add_argument("--individual-sentiment", type=int, default=0)
    ap.add_argument("--managers", help="write the manager groups here")
    o = ap.parse_args(argv)
    d = load(o.dir)
    T = (int((pd.Timestamp(o.as_of) - EPOCH).days) if o.as_of
         else latest_date(d))
    out = score(d, T, bool(o.individual_sentiment))
    cols = ["unit_id", "readiness", "level", "target", "gap_levels",
            "gap_points"] + COMPONENTS + ["skill_coverage", "coverage",
                                          "withheld", "flags",
                                          "readiness_low", "readiness_high",
                                          "evidence"]
    if o.employees_out != "-":
        out.sort_index()[cols].to_csv(o.employees_out, float_format="%.17g")
    if o.units_out != "-":
        rollup(d, out).to_csv(o.units_out, float_format="%.17g")
    if o.managers:
        managers(d, out).to_csv(o.managers, float_format="%.17g")
    return 0


if __name__ == "__main__":
    sys.exit(main())

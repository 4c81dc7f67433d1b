#!/usr/bin/env python3
"""airs_compare() per unit against SciPy and statsmodels.

    check-compare.py COMPARE_DUMP AIRS_GEN SAMPLE_DIR

compare-dump prints each side's people (the per-person value of every
figure, as the rollup adds them, and the units above them) and every
group's change of every figure.  From the people alone this script
rebuilds each group's sides, pairs people by id, chooses the design
(paired when the group's people with the figure are the same on both
sides and, for a survey figure, so are its respondents), linearises the
ratio figures (favourable shares, the net score: methodology 4.7),
checks rule 4 of methodology 4.1 (a survey change shown only when its
respondent sets are equal or differ by at least 5) and recomputes the
change with scipy.stats.ttest_rel / ttest_ind(
equal_var=False), statsmodels' CompareMeans.tconfint_diff, mcnemar(
exact=True), proportions_ztest and confint_proportions_2indep(
method="wald").  Cases: the sample at two as-of dates, and two
generated datasets (people and units partly shared); and the sample's
two waves and the generated pair again from the results' archives
(airs_compare_archives(), methodology 4.8), where every test is
independent and the panel comes from the keyed hashes.  Exits 77 with a
message when SciPy or statsmodels is missing.
"""
import math
import os
import subprocess
import sys
import tempfile

try:
    import numpy as np
    from scipy import special, stats
    from statsmodels.stats.contingency_tables import mcnemar
    from statsmodels.stats.proportion import (confint_proportions_2indep,
                                              proportions_ztest)
    from statsmodels.stats.weightstats import CompareMeans, DescrStatsW
except ImportError as e:
    print("skipped: SciPy and statsmodels are needed (%s)" % e)
    sys.exit(77)

TOL = 1e-9
failures = []
checked = {"paired_t": 0, "mcnemar": 0, "welch": 0, "two_proportion": 0}


def close(a, b, what):
    if math.isnan(a) or math.isnan(b):
        ok = math.isnan(a) and math.isnan(b)
    elif math.isinf(a) or math.isinf(b):
        ok = a == b
    else:
        ok = abs(a - b) <= TOL * max(1.0, abs(b))
    if not ok:
        failures.append("%s: airs %r, reference %r" % (what, a, b))


def accurate(lo, hi, df):
    """SciPy's interval with its t quantile replaced by an accurate one:
    stats.t.ppf(0.975, 39) is 4e-9 relative off (mpmath, and airs, give
    2.0226909200367607; SciPy 1.10 2.022690911734728), the inverse
    incomplete beta is not."""
    x = special.betaincinv(df / 2, 0.5, 0.05)
    q = math.sqrt(df * (1 - x) / x)
    mid, h = (lo + hi) / 2, (hi - lo) / 2
    h *= q / stats.t.ppf(0.975, df)
    return mid - h, mid + h


CONSTRUCTS = ("clarity", "usefulness", "trust", "security", "support",
              "voice", "recommend", "time_saved", "error_change")
FLAGS = ("left_behind", "fatigue", "reversion", "overconfidence",
         "no_benefit", "lapsed")
SURVEY_FLAGS = {"flag_fatigue": 2, "flag_no_benefit": 16}
K = 5  # anonymity.min_group, the default compare-dump scores with


def kind(fig):
    if fig.endswith("_favourable") or fig == "net_score":
        return "ratio"
    if fig in ("below_target", "response_rate") or fig.startswith(("level_", "flag_")):
        return "share"
    return "mean"


def survey(fig):
    return (fig == "response_rate" or fig in CONSTRUCTS or kind(fig) == "ratio"
            or fig == "time_saved_hours" or fig in SURVEY_FLAGS)


def person(f):
    """A P line's fields as a dict of figure -> value (None: no value;
    a ratio figure's value is (numerator, denominator)), the family
    bits and the unit path."""
    v = {"readiness": float(f[4]), "below_target": float(f[5]),
         "response_rate": float(f[6])}
    level, flags = int(f[7]), int(f[8])
    for i, c in enumerate(CONSTRUCTS):
        v[c] = float(f[10 + i])
        a, m = f[19 + i].split("/")
        v[c + "_favourable"] = (int(a), int(m)) if int(m) else None
    a, m = f[28].split("/")
    v["net_score"] = (int(a), int(m)) if int(m) else None
    v["time_saved_hours"] = float(f[29])
    for lv in range(6):
        v["level_%d" % lv] = float(level == lv)
    for b, name in enumerate(FLAGS):
        v["flag_" + name] = float(flags >> b & 1)
    v = {k: (None if isinstance(x, float) and math.isnan(x) else x)
         for k, x in v.items()}
    return v, int(f[9]), f[3].split("/")


def respondents(fig, side, fam):
    """The respondent set rule 4 counts (methodology 4.1): who answered
    (response rate), a survey flag's family, or who has the figure."""
    if fig == "response_rate":
        return {i for i, x in side.items() if x}
    if fig in SURVEY_FLAGS:
        return {i for i in side if fam[i] & SURVEY_FLAGS[fig]}
    return set(side)


def linearised(side):
    """A ratio's per-person values r + (x - r m) / m-bar (methodology
    4.7), whose mean is r = sum x / sum m."""
    sx = sum(a for a, _ in side.values())
    sm = sum(m for _, m in side.values())
    r, mbar = sx / sm, sm / len(side)
    return r, {i: r + (a - r * m) / mbar for i, (a, m) in side.items()}


def mean_test(base, cur, paired, diff=None):
    """(test, change, low, high, p) of a mean from per-person values."""
    panel = sorted(set(base) & set(cur))
    if paired:
        d = [cur[i] - base[i] for i in panel]
        md = float(np.mean(d)) if diff is None else diff
        if len(d) < 2:
            return "paired_t", md, math.nan, math.nan, math.nan
        with np.errstate(all="ignore"):
            r = stats.ttest_rel([cur[i] for i in panel], [base[i] for i in panel])
        ci = r.confidence_interval()
        lo, hi = accurate(ci.low, ci.high, len(d) - 1)
        shift = md - float(np.mean(d))
        return "paired_t", md, lo + shift, hi + shift, r.pvalue
    b, c = list(base.values()), list(cur.values())
    md = float(np.mean(c) - np.mean(b)) if diff is None else diff
    if len(b) < 2 or len(c) < 2:
        return "welch", md, math.nan, math.nan, math.nan
    with np.errstate(all="ignore"):
        r = stats.ttest_ind(c, b, equal_var=False)
    v1, v2 = np.var(b, ddof=1) / len(b), np.var(c, ddof=1) / len(c)
    if v1 + v2 == 0:
        # no spread on either side: statsmodels' degrees of freedom are
        # 0/0; airs gives the change itself (change-stats.c)
        return "welch", md, md, md, r.pvalue
    with np.errstate(all="ignore"):
        lo, hi = CompareMeans(DescrStatsW(c), DescrStatsW(b)).tconfint_diff(usevar="unequal")
    if v1 + v2 > 0:
        df = (v1 + v2) ** 2 / (v1 ** 2 / (len(b) - 1) + v2 ** 2 / (len(c) - 1))
        lo, hi = accurate(lo, hi, df)
    shift = md - float(np.mean(c) - np.mean(b))
    return "welch", md, lo + shift, hi + shift, r.pvalue


def share_test(base, cur, paired):
    panel = sorted(set(base) & set(cur))
    if paired:
        n = len(panel)
        yy = sum(base[i] and cur[i] for i in panel)
        yn = sum(base[i] and not cur[i] for i in panel)
        ny = sum(not base[i] and cur[i] for i in panel)
        p = mcnemar([[yy, yn], [ny, n - yy - yn - ny]], exact=True).pvalue
        d = (ny - yn) / n
        h = 1.959963984540054 * math.sqrt(yn + ny - (ny - yn) ** 2 / n) / n
        return "mcnemar", d, d - h, d + h, p
    x1, n1 = sum(base.values()), len(base)
    x2, n2 = sum(cur.values()), len(cur)
    if 0 < x1 + x2 < n1 + n2:
        _, p = proportions_ztest([x2, x1], [n2, n1])
    else:
        p = math.nan
    lo, hi = confint_proportions_2indep(x2, n2, x1, n1, method="wald", compare="diff")
    return "two_proportion", x2 / n2 - x1 / n1, lo, hi, p


def reference(fig, base, cur, fam, archives=False):
    """(test, base, current, change, low, high, p, panel, counts) from
    the two sides' values; from archives, every test independent
    (methodology 4.8)."""
    rb, rc = respondents(fig, base, fam[0]), respondents(fig, cur, fam[1])
    changed = len(rb ^ rc)
    paired = (set(base) == set(cur) and (not survey(fig) or changed == 0)
              and not archives)
    panel = len(set(base) & set(cur)) if paired or not survey(fig) else -1
    k = kind(fig)
    if k == "share":
        xb, xc = sum(base.values()), sum(cur.values())
        return (share_test(base, cur, paired), xb / len(base), xc / len(cur),
                panel, (int(xb), int(xc)))
    if k == "ratio":
        r1, yb = linearised(base)
        r2, yc = linearised(cur)
        return mean_test(yb, yc, paired, r2 - r1), r1, r2, panel, (-1, -1)
    mb, mc = float(np.mean(list(base.values()))), float(np.mean(list(cur.values())))
    return mean_test(base, cur, paired), mb, mc, panel, (-1, -1)


def rule_four(fig, c, base, cur, fam, what):
    """A survey change is shown only when its respondent sets are equal
    or differ by at least K; few_changed exactly when they differ by
    fewer (methodology 4.1, rule 4)."""
    if not survey(fig) or c[3] in ("base_hidden", "current_hidden", "no_values"):
        return
    changed = len(respondents(fig, base, fam[0]) ^ respondents(fig, cur, fam[1]))
    few = 0 < changed < K
    if few != (c[3] == "few_changed"):
        failures.append("%s: %d respondents changed, reason %s" % (what, changed, c[3]))


def check(dump, bdir, bdate, cdir, cdate, name, archives=False):
    out = subprocess.run([dump, bdir, bdate, cdir, cdate] +
                         (["archive"] if archives else []), check=True,
                         capture_output=True, text=True).stdout
    name += " (archives)" if archives else ""
    people, fam = ({}, {}), ({}, {})
    changes = []
    for line in out.splitlines():
        f = line.split(" ")
        if f[0] == "P":
            v, bits, path = person(f)
            people[int(f[1])][f[2]] = (v, path)
            fam[int(f[1])][f[2]] = bits
        else:
            changes.append(f[1:])
    for c in changes:
        unit, fig, test = c[0], c[1], c[2]
        sides = []
        for s in (0, 1):
            sides.append({i: v[fig] for i, (v, path) in people[s].items()
                          if v[fig] is not None and (unit == "*" or unit in path)})
        what = "%s: %s %s" % (name, unit, fig)
        rule_four(fig, c, sides[0], sides[1], fam, what)
        if test == "none":
            if c[3] == "shown":
                failures.append("%s: shown without a test" % what)
            continue
        if not sides[0] or not sides[1]:
            failures.append("%s: a side has nobody, yet test %s" % (what, test))
            continue
        (t, d, lo, hi, p), vb, vc, panel, counts = reference(
            fig, sides[0], sides[1], fam, archives)
        if test != t:
            failures.append("%s: airs test %s, reference %s" % (what, test, t))
            continue
        checked[t] += 1
        checked[kind(fig)] = checked.get(kind(fig), 0) + 1
        close(float(c[4]), vb, what + " base")
        close(float(c[5]), vc, what + " current")
        close(float(c[6]), d, what + " change")
        close(float(c[7]), lo, what + " low")
        close(float(c[8]), hi, what + " high")
        close(float(c[9]), p, what + " p")
        want = (len(sides[0]), len(sides[1]), panel) + counts
        got = tuple(int(x) for x in c[10:15])
        if kind(fig) != "share":
            got = got[:3] + (-1, -1)
        if got != want:
            failures.append("%s: airs counts %s, reference %s" % (what, got, want))


def main():
    dump, gen, sample = sys.argv[1:4]
    check(dump, sample, "2026-06-30", sample, "2026-07-31", "sample June/July")
    check(dump, sample, "2026-01-31", sample, "2026-06-30", "sample January/June")
    # the same from the results' archives: every test independent
    check(dump, sample, "2026-03-31", sample, "2026-06-30", "sample Q1/Q2", True)
    with tempfile.TemporaryDirectory() as tmp:
        dirs = []
        for seed, n in ((11, 300), (12, 340)):
            d = os.path.join(tmp, str(seed))
            subprocess.run([gen, "--employees", str(n), "--seed", str(seed),
                            "--out", d], check=True, capture_output=True)
            dirs.append(d)
        check(dump, dirs[0], "2026-06-30", dirs[1], "2026-06-30", "generated 11/12")
        check(dump, dirs[0], "2026-06-30", dirs[1], "2026-06-30", "generated 11/12",
              True)
    for f in failures[:20]:
        print(f)
    print("changes checked: %s" % ", ".join("%s %d" % kv for kv in checked.items()))
    if failures:
        print("%d failures" % len(failures))
        return 1
    if min(checked.values()) == 0 or not all(
            checked.get(k) for k in ("share", "ratio", "mean")):
        print("a test or a kind of figure was never checked")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""airs_compare() per unit against SciPy and statsmodels.

    check-compare.py COMPARE_DUMP AIRS_GEN SAMPLE_DIR

compare-dump prints each side's people (readiness, below target, the
units above them) and every group's change of the readiness mean and
the share below target.  From the people alone this script rebuilds
each group's sides, pairs people by id, chooses the design (paired when
the group's people with the figure are the same on both sides) and
recomputes the change with scipy.stats.ttest_rel / ttest_ind(
equal_var=False), statsmodels' CompareMeans.tconfint_diff, mcnemar(
exact=True), proportions_ztest and confint_proportions_2indep(
method="wald").  Cases: the sample at two as-of dates, and two
generated datasets (people and units partly shared).  Exits 77 with a
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


def reference(fig, base, cur):
    """(test, change, low, high, p, panel) from the two sides' values."""
    panel = sorted(set(base) & set(cur))
    paired = set(base) == set(cur)
    if fig == "readiness":
        if paired:
            d = [cur[i] - base[i] for i in panel]
            if len(d) < 2:
                return "paired_t", np.mean(d), math.nan, math.nan, math.nan, len(d)
            r = stats.ttest_rel([cur[i] for i in panel], [base[i] for i in panel])
            ci = r.confidence_interval()
            lo, hi = accurate(ci.low, ci.high, len(d) - 1)
            return "paired_t", float(np.mean(d)), lo, hi, r.pvalue, len(d)
        b, c = list(base.values()), list(cur.values())
        if len(b) < 2 or len(c) < 2:
            return "welch", np.mean(c) - np.mean(b), math.nan, math.nan, math.nan, len(panel)
        r = stats.ttest_ind(c, b, equal_var=False)
        lo, hi = CompareMeans(DescrStatsW(c), DescrStatsW(b)).tconfint_diff(usevar="unequal")
        v1, v2 = np.var(b, ddof=1) / len(b), np.var(c, ddof=1) / len(c)
        if v1 + v2 > 0:
            df = (v1 + v2) ** 2 / (v1 ** 2 / (len(b) - 1) + v2 ** 2 / (len(c) - 1))
            lo, hi = accurate(lo, hi, df)
        return "welch", float(np.mean(c) - np.mean(b)), lo, hi, r.pvalue, len(panel)
    if paired:
        n = len(panel)
        yy = sum(base[i] and cur[i] for i in panel)
        yn = sum(base[i] and not cur[i] for i in panel)
        ny = sum(not base[i] and cur[i] for i in panel)
        p = mcnemar([[yy, yn], [ny, n - yy - yn - ny]], exact=True).pvalue
        d = (ny - yn) / n
        h = 1.959963984540054 * math.sqrt(yn + ny - (ny - yn) ** 2 / n) / n
        return "mcnemar", d, d - h, d + h, p, n
    x1, n1 = sum(base.values()), len(base)
    x2, n2 = sum(cur.values()), len(cur)
    _, p = proportions_ztest([x2, x1], [n2, n1])
    lo, hi = confint_proportions_2indep(x2, n2, x1, n1, method="wald", compare="diff")
    return "two_proportion", x2 / n2 - x1 / n1, lo, hi, p, len(panel)


def check(dump, bdir, bdate, cdir, cdate, name):
    out = subprocess.run([dump, bdir, bdate, cdir, cdate], check=True,
                         capture_output=True, text=True).stdout
    people = ({}, {})
    changes = []
    for line in out.splitlines():
        f = line.split(" ")
        if f[0] == "P":
            people[int(f[1])][f[2]] = (float(f[3]), float(f[4]), f[5].split("/"))
        else:
            changes.append(f[1:])
    for c in changes:
        unit, fig, test = c[0], c[1], c[2]
        k = 0 if fig == "readiness" else 1
        sides = []
        for s in (0, 1):
            sides.append({i: v[k] for i, v in people[s].items()
                          if not math.isnan(v[k]) and (unit == "*" or unit in v[2])})
        what = "%s: %s %s" % (name, unit, fig)
        if not sides[0] or not sides[1]:
            if test != "none":
                failures.append("%s: a side has nobody, yet test %s" % (what, test))
            continue
        t, d, lo, hi, p, panel = reference(fig, sides[0], sides[1])
        if test != t:
            failures.append("%s: airs test %s, reference %s" % (what, test, t))
            continue
        checked[t] += 1
        close(float(c[3]), float(np.mean(list(sides[0].values()))), what + " base")
        close(float(c[4]), float(np.mean(list(sides[1].values()))), what + " current")
        close(float(c[5]), d, what + " change")
        close(float(c[6]), lo, what + " low")
        close(float(c[7]), hi, what + " high")
        close(float(c[8]), p, what + " p")
        if (int(c[9]), int(c[10]), int(c[11])) != (len(sides[0]), len(sides[1]), panel):
            failures.append("%s: airs counts %s, reference %s" % (
                what, c[9:12], (len(sides[0]), len(sides[1]), panel)))


def main():
    dump, gen, sample = sys.argv[1:4]
    check(dump, sample, "2026-06-30", sample, "2026-07-31", "sample June/July")
    check(dump, sample, "2026-01-31", sample, "2026-06-30", "sample January/June")
    with tempfile.TemporaryDirectory() as tmp:
        dirs = []
        for seed, n in ((11, 300), (12, 340)):
            d = os.path.join(tmp, str(seed))
            subprocess.run([gen, "--employees", str(n), "--seed", str(seed),
                            "--out", d], check=True, capture_output=True)
            dirs.append(d)
        check(dump, dirs[0], "2026-06-30", dirs[1], "2026-06-30", "generated 11/12")
    for f in failures[:20]:
        print(f)
    print("changes checked: %s" % ", ".join("%s %d" % kv for kv in checked.items()))
    if failures:
        print("%d failures" % len(failures))
        return 1
    if min(checked.values()) == 0:
        print("a test was never checked")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

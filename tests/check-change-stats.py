#!/usr/bin/env python3
"""The tests of a change between two results (lib/change-stats.c)
against SciPy and statsmodels.

    check-change-stats.py CHANGE_STATS_DUMP

Random and edge cases (seeded): Welch's t test against
scipy.stats.ttest_ind(equal_var=False) and statsmodels'
CompareMeans.tconfint_diff(usevar="unequal"); the paired t test against
scipy.stats.ttest_rel and its confidence_interval(); McNemar's exact test
against statsmodels' mcnemar(exact=True), its Wald interval against the
formula; the two-proportion z test against statsmodels'
proportions_ztest and confint_proportions_2indep(method="wald").  The
raw values are drawn here; the library gets only what a rollup keeps
(means, variances, counts).  Exits 77 with a message when SciPy or
statsmodels is missing (Debian: python3-scipy, python3-statsmodels).
"""
import math
import random
import subprocess
import sys

try:
    import numpy as np
    from scipy import stats
    from statsmodels.stats.contingency_tables import mcnemar
    from statsmodels.stats.proportion import (confint_proportions_2indep,
                                              proportions_ztest)
    from statsmodels.stats.weightstats import CompareMeans, DescrStatsW
except ImportError as e:
    print("skipped: SciPy and statsmodels are needed (%s)" % e)
    sys.exit(77)

TOL = 1e-9
failures = []


def close(a, b, what, tol=TOL):
    if (isinstance(a, float) and math.isnan(a)) or (isinstance(b, float) and math.isnan(b)):
        ok = (isinstance(a, float) and math.isnan(a)) and math.isnan(b)
    elif math.isinf(a) or math.isinf(b):
        ok = a == b
    else:
        ok = abs(a - b) <= tol * max(1.0, abs(b))
    if not ok:
        failures.append("%s: airs %r, reference %r" % (what, a, b))


def run(dump, lines):
    p = subprocess.run([dump], input="".join(l + "\n" for l in lines),
                       capture_output=True, text=True, check=True)
    return [[float(x) for x in row.split()] for row in p.stdout.splitlines()]


def mean_var(x):
    x = np.asarray(x, dtype=float)
    return float(x.mean()), float(x.var(ddof=1))


def main():
    dump = sys.argv[1]
    rng = random.Random(17)
    reqs, refs = [], []

    # Welch: random groups, and one without spread
    for i in range(200):
        n1, n2 = rng.randint(2, 60), rng.randint(2, 60)
        a = [rng.gauss(0.5, rng.uniform(0.01, 0.3)) for _ in range(n1)]
        b = [rng.gauss(0.5 + rng.uniform(-0.2, 0.2), rng.uniform(0.01, 0.3))
             for _ in range(n2)]
        if i == 0:
            a, b = [0.25] * 5, [0.5, 0.75, 0.5, 0.25, 1.0]
        (m1, v1), (m2, v2) = mean_var(a), mean_var(b)
        reqs.append("welch %r %r %d %r %r %d" % (m1, v1, n1 if i else 5, m2, v2,
                                                  n2 if i else 5))
        with np.errstate(all="ignore"):
            t = stats.ttest_ind(b, a, equal_var=False)
        lo, hi = CompareMeans(DescrStatsW(b), DescrStatsW(a)).tconfint_diff(
            usevar="unequal")
        refs.append(("welch %d" % i, m2 - m1, lo, hi, t.statistic, None, t.pvalue))

    # paired t: panels
    for i in range(200):
        n = rng.randint(2, 80)
        base = [rng.uniform(0, 1) for _ in range(n)]
        cur = [x + rng.gauss(rng.uniform(-0.1, 0.1), rng.uniform(0.01, 0.3))
               for x in base]
        d = [c - b for b, c in zip(base, cur)]
        md, vd = mean_var(d)
        reqs.append("paired %r %r %d" % (md, vd, n))
        t = stats.ttest_rel(cur, base)
        ci = t.confidence_interval(0.95)
        refs.append(("paired %d" % i, md, ci.low, ci.high, t.statistic, n - 1, t.pvalue))

    # McNemar: yes/no panels, small and large discordant counts, none
    for i in range(200):
        n = rng.randint(1, 300)
        b = rng.randint(0, n // 2) if i else 0
        c = rng.randint(0, n - b) if i else 0
        reqs.append("mcnemar %d %d %d" % (b, c, n))
        r = mcnemar([[n - b - c, b], [c, 0]], exact=True)
        d = (c - b) / n
        se = math.sqrt(b + c - (c - b) ** 2 / n) / n
        refs.append(("mcnemar %d" % i, d, d - 1.959963984540054 * se,
                     d + 1.959963984540054 * se, r.statistic, None, r.pvalue))

    # two proportions: independent groups
    for i in range(200):
        n1, n2 = rng.randint(1, 400), rng.randint(1, 400)
        x1, x2 = rng.randint(0, n1), rng.randint(0, n2)
        if i == 0:
            x1, x2 = 0, 0
        reqs.append("twoprop %d %d %d %d" % (x1, n1, x2, n2))
        if 0 < x1 + x2 < n1 + n2:
            z, p = proportions_ztest([x2, x1], [n2, n1])
        else:
            z = p = float("nan")
        lo, hi = confint_proportions_2indep(x2, n2, x1, n1, method="wald")
        refs.append(("twoprop %d" % i, x2 / n2 - x1 / n1, lo, hi, z, None, p))

    got = run(dump, reqs)
    assert len(got) == len(refs)
    for g, (what, d, lo, hi, stat, df, p) in zip(got, refs):
        close(g[0], d, what + " diff")
        # the ends to 1e-8 of the width: at a fractional df near 1 the
        # t quantiles of SciPy and airs agree to some 1e-9
        close(g[1], lo, what + " lo", tol=1e-8)
        close(g[2], hi, what + " hi", tol=1e-8)
        close(g[3], float(stat), what + " statistic")
        if df is not None:
            close(g[4], float(df), what + " df")
        close(g[5], float(p), what + " p", tol=1e-8)
    if failures:
        print("%d of %d figures differ:" % (len(failures), 6 * len(refs)))
        for f in failures[:20]:
            print("  " + f)
        return 1
    import scipy
    import statsmodels
    print("%d tests (Welch, paired t, McNemar, two proportions) agree with "
          "SciPy %s and statsmodels %s" % (len(refs), scipy.__version__,
                                           statsmodels.__version__))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The interval estimates of lib/stats.c against SciPy and statsmodels.

    check-stats.py STATS_DUMP

Wilson score intervals against statsmodels'
proportion_confint(method="wilson"), Newcombe's interval of a difference
against confint_proportions_2indep(method="newcomb"), Student t quantiles against
scipy.stats.t.ppf, and t intervals with the finite-population correction
against the same formula evaluated with SciPy's quantile, Welch intervals
of a difference against statsmodels' CompareMeans.tconfint_diff (and,
corrected, against the formula with an exact quantile), on fixed and
random cases (seeded); and the variances made from the rollups' exact
sums of squares against exact rational arithmetic.  Exits 77 with a message when SciPy or statsmodels
is missing (Debian: python3-scipy, python3-statsmodels; CI installs them).
"""
import math
from fractions import Fraction
import random
import subprocess
import sys

try:
    from scipy import special, stats
    from statsmodels.stats.proportion import (confint_proportions_2indep,
                                              proportion_confint)
    from statsmodels.stats.weightstats import CompareMeans, DescrStatsW
except ImportError as e:
    print("skipped: SciPy and statsmodels are needed (%s)" % e)
    sys.exit(77)


try:
    import mpmath
    mpmath.mp.dps = 40
    T_TOL = 1e-11
except ImportError:
    mpmath = None
    T_TOL = 1e-9


def t_quantile(p, df):
    """The p-quantile of Student's t: exact with mpmath, else SciPy's
    inverse incomplete beta (t = sqrt(df (1 - x) / x))."""
    if p == 0.5:
        return 0.0
    if mpmath:
        q0 = abs(stats.t.ppf(p, df))
        tail = mpmath.mpf(min(p, 1 - p))
        f = lambda t: mpmath.betainc(df / 2, 0.5, 0, df / (df + t * t),
                                     regularized=True) / 2 - tail
        q = mpmath.findroot(f, (q0 * 0.99, q0 * 1.01), solver="illinois",
                            tol=1e-35)
        return math.copysign(float(q), p - 0.5)
    x = special.betaincinv(df / 2, 0.5, 2 * min(p, 1 - p))
    return math.copysign(math.sqrt(df * (1 - x) / x), p - 0.5)


def close(a, b, rel, absol=0.0):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= max(rel * max(abs(a), abs(b)), absol)


def main():
    rng = random.Random(20261206)
    reqs, want = [], []
    # Wilson: edges (0, n; n, n; 1, 1) and random
    cases = [(0, 1), (1, 1), (0, 50), (50, 50), (3, 7), (1, 1000000),
             (499999, 1000000)]
    cases += [(rng.randint(0, n), n) for n in
              (rng.randint(1, 10 ** rng.randint(1, 6)) for _ in range(300))]
    for x, n in cases:
        reqs.append("wilson %d %d" % (x, n))
        lo, hi = proportion_confint(x, n, alpha=0.05, method="wilson")
        want.append(("wilson %d/%d" % (x, n), (lo, hi), 1e-12, 1e-15))
    # Newcombe's interval of a difference of shares (the focus areas'
    # standing, methodology 10.7): edges and random, fractional x too
    ncases = [(0, 5, 5, 5), (5, 5, 0, 5), (3, 7, 3, 7), (5, 12, 30, 40),
              (2.5, 12, 30.3, 40)]
    for _ in range(300):
        n1, n2 = rng.randint(1, 2000), rng.randint(1, 20000)
        ncases.append((rng.uniform(0, n1) if rng.random() < 0.5 else rng.randint(0, n1),
                       n1, rng.randint(0, n2), n2))
    for x1, n1, x2, n2 in ncases:
        reqs.append("newcombe %r %r %r %r" % (float(x1), float(n1), float(x2), float(n2)))
        lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb",
                                            compare="diff", alpha=0.05)
        want.append(("newcombe %g/%d-%g/%d" % (x1, n1, x2, n2), (lo, hi), 1e-10, 1e-13))
    # t quantiles: scipy.stats.t.ppf is good to about 1e-9 relative and
    # SciPy's inverse incomplete beta to 1e-10 at 1e5 degrees of freedom;
    # mpmath at 40 digits gives the quantile exactly, where installed
    for df in [1, 2, 3, 4, 5, 7, 10, 29, 30, 100, 1000, 100000]:
        for p in (0.975, 0.5, 0.9, 0.025, 0.999):
            reqs.append("t %r %r" % (p, float(df)))
            q = t_quantile(p, df)
            assert close(q, stats.t.ppf(p, df), 1e-8, 1e-15)
            want.append(("t %g %g" % (p, df), (q,), T_TOL, 1e-14))
    # means with the finite-population correction
    for _ in range(300):
        n = rng.randint(2, 500)
        pop = n + rng.choice([0, 0, 1, rng.randint(1, 5000)])
        mean = rng.uniform(-100, 100)
        var = rng.uniform(0, 400)
        reqs.append("mean %r %r %d %d" % (mean, var, n, pop))
        fpc = math.sqrt((pop - n) / (pop - 1)) if pop > n else 0.0
        x = special.betaincinv((n - 1) / 2, 0.5, 0.05)
        half = math.sqrt((n - 1) * (1 - x) / x) * math.sqrt(var / n) * fpc
        want.append(("mean n=%d N=%d" % (n, pop), (mean - half, mean + half),
                     1e-10, 1e-12))
    reqs.append("mean 5 1 1 10")
    want.append(("mean of one value", (math.nan, math.nan), 0, 0))
    reqs.append("mean 5 0 1 1")
    want.append(("mean census of one", (5.0, 5.0), 0, 0))
    # Welch's interval of a difference: on samples drawn here, against
    # statsmodels' CompareMeans (no correction: a population of 10^18),
    # and with the correction against the formula evaluated with SciPy
    for _ in range(200):
        n1, n2 = rng.randint(2, 60), rng.randint(2, 60)
        x1 = [rng.uniform(0, 1) for _ in range(n1)]
        x2 = [rng.gauss(0.5, rng.uniform(0.01, 0.5)) for _ in range(n2)]
        d1, d2 = DescrStatsW(x1), DescrStatsW(x2)
        m1, v1, m2, v2 = d1.mean, d1.var * n1 / (n1 - 1), d2.mean, \
            d2.var * n2 / (n2 - 1)
        big = 10 ** 18
        reqs.append("welch %r %r %d %d %r %r %d %d" %
                    (m1, v1, n1, big, m2, v2, n2, big))
        lo, hi = CompareMeans(d1, d2).tconfint_diff(alpha=0.05,
                                                    usevar="unequal")
        # statsmodels' quantile (scipy.stats.t.ppf) is good to ~1e-9
        want.append(("welch n=%d,%d" % (n1, n2), (lo, hi), 0,
                     1e-8 * (hi - lo)))
        p1, p2 = n1 + rng.randint(0, 40), n2 + rng.randint(0, 40)
        reqs.append("welch %r %r %d %d %r %r %d %d" %
                    (m1, v1, n1, p1, m2, v2, n2, p2))
        s1 = v1 / n1 * (p1 - n1) / (p1 - 1)
        s2 = v2 / n2 * (p2 - n2) / (p2 - 1)
        if s1 + s2 == 0:
            half = 0.0
        else:
            df = (s1 + s2) ** 2 / ((s1 * s1 / (n1 - 1) if s1 else 0) +
                                   (s2 * s2 / (n2 - 1) if s2 else 0))
            half = t_quantile(0.975, df) * math.sqrt(s1 + s2)
        want.append(("welch-fpc n=%d/%d,%d/%d" % (n1, p1, n2, p2),
                     (m1 - m2 - half, m1 - m2 + half), 0,
                     max(T_TOL * half, 1e-15)))
    # variances from exact sums of squares, against exact rationals of
    # the same quantised values (readiness, constructs, time saved)
    for _ in range(100):
        hi = rng.choice([1.0, 100.0, 1000.0])
        n = rng.choice([1, 2, 3, rng.randint(2, 3000)])
        xs = [round(rng.uniform(-hi if hi == 1000.0 else 0, hi), 9)
              for _ in range(n)]
        if rng.random() < 0.2:
            xs = [hi] * n  # the largest squares, variance 0
        reqs.append("var " + " ".join(repr(x) for x in xs))
        qs = [Fraction(round(x * 10 ** 9)) for x in xs]
        if n < 2:
            v = math.nan
        else:
            m = sum(qs) / n
            v = float(sum((q - m) ** 2 for q in qs) / (n - 1) / 10 ** 18)
        want.append(("var n=%d" % n, (v,), 1e-15, 1e-300))
    out = subprocess.run([sys.argv[1]], input="\n".join(reqs) + "\n",
                         capture_output=True, text=True, check=True).stdout
    got = [tuple(float(v) for v in l.split()) for l in out.splitlines()]
    bad = 0
    worst = {}
    for (label, w, rel, absol), g in zip(want, got):
        kind = label.split()[0]
        for a, b in zip(g, w):
            if not close(a, b, rel, absol):
                bad += 1
                if bad <= 10:
                    print("MISMATCH %s: airs %r, reference %r" % (label, g, w))
            elif not math.isnan(a) and abs(b) > 1e-12:
                worst[kind] = max(worst.get(kind, 0), abs(a - b) / abs(b))
    print("%d cases; largest relative differences: %s" %
          (len(want), ", ".join("%s %.1e" % kv for kv in sorted(worst.items()))))
    return 1 if bad or len(got) != len(want) else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The interval estimates of lib/stats.c against SciPy and statsmodels.

    check-stats.py STATS_DUMP

Wilson score intervals against statsmodels'
proportion_confint(method="wilson"), Student t quantiles against
scipy.stats.t.ppf, and t intervals with the finite-population correction
against the same formula evaluated with SciPy's quantile, on fixed and
random cases (seeded).  Exits 77 with a message when SciPy or statsmodels
is missing (Debian: python3-scipy, python3-statsmodels; CI installs them).
"""
import math
import random
import subprocess
import sys

try:
    from scipy import special, stats
    from statsmodels.stats.proportion import proportion_confint
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

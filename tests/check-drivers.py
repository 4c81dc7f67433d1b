#!/usr/bin/env python3
"""The driver analysis of lib/drivers.c against NumPy.

    check-drivers.py DRIVERS_DUMP

An independent implementation from the data, not the correlations:
R^2 of every subset of drivers by numpy.linalg.lstsq with an intercept,
the Shapley (LMG) shares from those, Johnson's relative weights from
numpy.linalg.eigh of numpy.corrcoef, the standardised coefficients by
lstsq on z-scores, and the bootstrap replayed with the generator that
lib/rng.h documents and numpy.percentile.  Cases: random drivers,
correlated ones, highly correlated ones (pairwise correlation about
0.9999, condition number about 1e5), an exact duplicate driver, and the
limit of 12 drivers.  Prints the largest differences.  Exits 77 with a
message when NumPy is missing (Debian: python3-numpy).
"""
import itertools
import math
import subprocess
import sys

try:
    import numpy as np
except ImportError as e:
    print("skipped: NumPy is needed (%s)" % e)
    sys.exit(77)

M64 = (1 << 64) - 1


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


class Stream:
    """lib/rng.h: SplitMix64, stream r of seed s from mix(s + mix(r + 1))."""

    def __init__(self, seed, r):
        self.state = mix((seed + mix(r + 1)) & M64)

    def below(self, n):
        skip = (1 << 64) % n
        while True:
            self.state = (self.state + 0x9E3779B97F4A7C15) & M64
            x = mix(self.state)
            if x <= M64 - skip:
                return x % n


def r2(X, y):
    A = np.column_stack([np.ones(len(y)), X])
    coef = np.linalg.lstsq(A, y, rcond=None)[0]
    res = y - A @ coef
    yc = y - y.mean()
    return 1 - (res @ res) / (yc @ yc)


def lmg(X, y):
    k = X.shape[1]
    r2s = {(): 0.0}
    for size in range(1, k + 1):
        for s in itertools.combinations(range(k), size):
            r2s[s] = r2(X[:, s], y)
    out = np.zeros(k)
    for j in range(k):
        others = [i for i in range(k) if i != j]
        for size in range(k):
            w = math.factorial(size) * math.factorial(k - 1 - size) / math.factorial(k)
            for s in itertools.combinations(others, size):
                out[j] += w * (r2s[tuple(sorted(s + (j,)))] - r2s[s])
    return r2s[tuple(range(k))], out


def johnson(X, y):
    k = X.shape[1]
    R = np.corrcoef(np.column_stack([X, y]), rowvar=False)
    rxx, rxy = R[:k, :k], R[:k, k]
    lam, V = np.linalg.eigh(rxx)
    keep = lam > 1e-10 * lam.max()
    lam_s = np.where(keep, np.sqrt(np.where(keep, lam, 1)), 0)
    Lam = V @ np.diag(lam_s) @ V.T
    bstar = V @ np.diag(np.where(keep, 1 / np.where(keep, lam_s, 1), 0)) @ V.T @ rxy
    return (Lam ** 2) @ (bstar ** 2)


def betas(X, y):
    Z = (X - X.mean(0)) / X.std(0)
    zy = (y - y.mean()) / y.std()
    return np.linalg.lstsq(Z, zy, rcond=None)[0]


def stats(X, y):
    total, shares = lmg(X, y)
    return np.concatenate([[total], johnson(X, y), shares])


def boot(X, y, reps, seed):
    n = len(y)
    vals = []
    for r in range(reps):
        s = Stream(seed, r)
        idx = [s.below(n) for _ in range(n)]
        vals.append(stats(X[idx], y[idx]))
    vals = np.array(vals)
    return np.percentile(vals, [2.5, 97.5], axis=0).T.ravel()


def cases():
    g = np.random.default_rng(20261206)
    X = g.normal(size=(100, 4))
    yield "random", X, X @ [0.5, -0.3, 0.2, 0] + g.normal(size=100), 120, 1
    f = g.normal(size=(80, 1))
    X = f + 0.15 * g.normal(size=(80, 5))
    yield "correlated", X, X @ [1, 0, -1, 0.5, 0] + g.normal(size=80), 120, 3
    f = g.normal(size=(150, 1))
    X = f + 0.01 * g.normal(size=(150, 6))
    yield "ill-conditioned", X, X @ [1, 2, 0, -1, 0, 0.5] + 0.05 * g.normal(size=150), 0, 0
    X = g.normal(size=(60, 3))
    X = np.column_stack([X, X[:, 1]])
    yield "duplicate", X, X[:, 0] - X[:, 1] + g.normal(size=60), 0, 0
    X = g.normal(size=(300, 12)) + 0.5 * g.normal(size=(300, 1))
    yield "twelve", X, X @ np.linspace(-1, 1, 12) + 3 * g.normal(size=300), 0, 0


def run(dump, name, X, y, reps, seed):
    n, k = X.shape
    lines = ["%d %d %d %d 2" % (n, k, reps, seed)]
    lines += [" ".join(repr(float(v)) for v in list(X[i]) + [y[i]]) for i in range(n)]
    out = subprocess.run([dump], input="\n".join(lines) + "\n", text=True,
                         capture_output=True, check=True).stdout.split()
    got = np.array([float(v) for v in out])
    want = stats(X, y)
    err = {"r2": abs(got[0] - want[0]),
           "raw": np.abs(got[1:1 + k] - want[1:1 + k]).max(),
           "lmg": np.abs(got[1 + k:1 + 2 * k] - want[1 + k:]).max(),
           "sum": abs(got[1:1 + k].sum() - got[0]) + abs(got[1 + k:1 + 2 * k].sum() - got[0])}
    b = got[1 + 2 * k:1 + 3 * k]
    bw = betas(X, y)
    if name != "duplicate":  # the split of a duplicate's coefficient is arbitrary
        err["beta"] = np.abs(b - bw).max() / max(1, np.abs(bw).max())
    ci = got[1 + 3 * k:]
    if reps:
        err["ci"] = np.abs(ci - boot(X, y, reps, seed)).max()
    elif not np.all(np.isnan(ci)):
        err["ci"] = math.inf
    print("%-16s n=%d k=%-2d " % (name, n, k) +
          " ".join("%s %.2e" % kv for kv in err.items()))
    return max(err.values())


def main():
    worst = 0
    for case in cases():
        worst = max(worst, run(sys.argv[1], *case))
    print("largest difference %.3g (tolerance 1e-8)" % worst)
    return 0 if worst < 1e-8 else 1


if __name__ == "__main__":
    sys.exit(main())

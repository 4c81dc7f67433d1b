#!/usr/bin/python3
"""The audit's statistics against SciPy (issue 15, item 4).

    check-audit-stats.py DUMP [AIRS DATA]

DUMP is tests/audit-stats-dump: for random and edge-case 2x2 tables it
prints the audit's two-sided Fisher p-value (lib/audit-stats.c) and the
Katz ratio and 95% interval, which must equal
scipy.stats.fisher_exact(..., alternative='two-sided') and
scipy.stats.contingency.relative_risk(...).confidence_interval(0.95)
within a relative 1e-9 (the p-values are sums of up to thousands of
probabilities walked in log space; both sides round).  With AIRS and DATA
it also recomputes, from the counts `airs audit --format json` prints,
the p-value and interval of every compared row of a few audits of the
sample.  Prints the largest differences.  Exits 77 (skipped) when SciPy
is not installed: Debian's python3-scipy, which .ci/deps installs.
"""
import json
import math
import random
import subprocess
import sys

try:
    from scipy.stats import fisher_exact
    from scipy.stats.contingency import relative_risk
except ImportError:
    print("SKIP: SciPy is not installed (Debian package python3-scipy)")
    sys.exit(77)

REL = 1e-9


def scipy_stats(a, n1, c, n2):
    p = fisher_exact([[a, n1 - a], [c, n2 - c]], alternative="two-sided")[1]
    rr = relative_risk(a, n1, c, n2)
    ci = rr.confidence_interval(0.95)
    return [float(p), float(rr.relative_risk), float(ci.low), float(ci.high)]


def differ(x, y):
    """Relative difference, 0 when both are NaN or the same infinity."""
    if math.isnan(x) or math.isnan(y):
        return 0.0 if math.isnan(x) and math.isnan(y) else math.inf
    if math.isinf(x) or math.isinf(y):
        return 0.0 if x == y else math.inf
    if x == y:
        return 0.0
    # p-values below 1e-290 are 0 to the audit: any tiny value agrees
    if max(abs(x), abs(y)) < 1e-290:
        return 0.0
    return abs(x - y) / max(abs(x), abs(y))


def tables(rng):
    out = [(8, 9, 2, 7), (0, 5, 0, 5), (5, 5, 5, 5), (0, 5, 5, 5), (5, 5, 0, 5),
           (3, 10, 0, 10), (0, 10, 3, 10), (10, 10, 3, 10), (1, 1, 0, 1),
           (66, 127, 49, 122), (25, 56, 13, 45), (5, 10, 5, 10), (7, 20, 13, 20)]
    for _ in range(400):                      # small: exact ties are common
        n1, n2 = rng.randint(1, 30), rng.randint(1, 30)
        out.append((rng.randint(0, n1), n1, rng.randint(0, n2), n2))
    for _ in range(200):                      # equal groups: mirror ties
        n = rng.randint(1, 60)
        out.append((rng.randint(0, n), n, rng.randint(0, n), n))
    for _ in range(200):                      # medium
        n1, n2 = rng.randint(5, 2000), rng.randint(5, 2000)
        p = rng.random()
        out.append((round(n1 * p) if rng.random() < .5 else rng.randint(0, n1), n1,
                    min(n2, max(0, round(n2 * (p + rng.uniform(-.1, .1))))), n2))
    for _ in range(60):                       # hundreds of thousands
        n1, n2 = rng.randint(10000, 400000), rng.randint(10000, 400000)
        p = rng.uniform(0.001, 0.999)
        q = min(1.0, max(0.0, p * rng.uniform(0.97, 1.03)))
        out.append((round(n1 * p), n1, round(n2 * q), n2))
    return out


def check_dump(dump):
    rng = random.Random(15)
    ts = tables(rng)
    text = "".join("%d %d %d %d\n" % t for t in ts)
    got = subprocess.run([dump], input=text, capture_output=True, text=True,
                         check=True).stdout.split("\n")
    worst = [0.0] * 4
    where = [None] * 4
    bad = []
    for t, line in zip(ts, got):
        mine = [float(x) for x in line.split()]
        ref = scipy_stats(*t)
        for i in range(4):
            d = differ(mine[i], ref[i])
            if d > worst[i]:
                worst[i], where[i] = d, t
            if d > REL:
                bad.append("%s: %s audit %r, SciPy %r" % (t, ("p", "ratio", "low",
                                                              "high")[i], mine[i],
                                                         ref[i]))
    names = ("Fisher p", "Katz ratio", "Katz low", "Katz high")
    print("%d tables (counts up to %d)" % (len(ts), max(max(t) for t in ts)))
    for i in range(4):
        print("  largest relative difference, %-10s %.3g  at %s" % (names[i], worst[i],
                                                                  where[i]))
    return bad


def check_cli(airs, data):
    """Every compared row of the sample's audits, from the printed counts."""
    bad, rows, worst = [], 0, 0.0
    for args in (["--attribute", "gender"],
                 ["--attribute", "age_band"],
                 ["--attribute", "age_band", "--outcome", "left_behind"],
                 ["--attribute", "location", "--outcome", "at_target"],
                 ["--attribute", "gender", "--attribute2", "location",
                  "--intersection"]):
        doc = json.loads(subprocess.run([airs, "audit", "--data", data, "--format",
                                         "json"] + args, capture_output=True,
                                        text=True, check=True).stdout)
        high = doc["adverse"] == "high"
        for tb in doc["tables"]:
            rows_ = tb["rows"]
            fav = [r for r in rows_ if r["favourable"]]
            for r in rows_:
                if r["p_value"] is None:
                    continue
                f = fav[0]
                a, n1 = r["selected"], r["count"]
                c, n2 = f["selected"], f["count"]
                p = fisher_exact([[a, n1 - a], [c, n2 - c]])[1]
                # the interval goes with the adverse ratio: the category
                # against the favourable one, or the reverse when a high
                # rate is adverse
                rr = (relative_risk(c, n2, a, n1) if high
                      else relative_risk(a, n1, c, n2)).confidence_interval(0.95)
                for mine, ref, what in ((r["p_value"], p, "p"),
                                        (r["ratio_low"], rr.low, "low"),
                                        (r["ratio_high"], rr.high, "high")):
                    ref = float(ref)
                    if mine is None:
                        ok = math.isnan(ref) or math.isinf(ref)
                        d = 0.0 if ok else math.inf
                    else:
                        d = abs(mine - ref)   # printed at 9 decimals
                        ok = d <= 6e-10
                    worst = max(worst, d)
                    if not ok:
                        bad.append("%s %s %s: audit %s, SciPy %r"
                                   % (" ".join(args), r["category"], what, mine, ref))
                rows += 1
    print("%d compared rows of the sample's audits; largest absolute difference "
          "of the printed p-values and intervals %.3g" % (rows, worst))
    if rows == 0:
        bad.append("no compared row with a p-value in the sample's audits")
    return bad


def main():
    bad = check_dump(sys.argv[1])
    if len(sys.argv) > 3:
        bad += check_cli(sys.argv[2], sys.argv[3])
    for b in bad[:20]:
        print("FAIL: " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

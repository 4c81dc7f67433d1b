"""Cross-check of exact.py against brute force (run by the privacy test
before the attack): random small systems, every set of classes of weight
below k tested directly with rank(B) > rank(B without S) in Fractions.
Standard library only."""
import random
from itertools import combinations

from exact import System


def _rank(rows, ncols):
    """Dense integer elimination (independent of exact.py's sparse one)."""
    m = [list(r) for r in rows if any(r)]
    rk = 0
    for col in range(ncols):
        piv = next((i for i in range(rk, len(m)) if m[i][col]), None)
        if piv is None:
            continue
        m[rk], m[piv] = m[piv], m[rk]
        p = m[rk]
        for i in range(len(m)):
            if i != rk and m[i][col]:
                f = m[i][col]
                m[i] = [p[col] * a - f * b for a, b in zip(m[i], p)]
        rk += 1
    return rk


def brute(system):
    """The minimal leaking sets of classes, by definition."""
    n = len(system.cls)
    rows = [[1 if c in system.row_classes[j] else 0 for c in range(n)]
            for j in range(system.nrows)]
    full = _rank(rows, n)
    small = [c for c in range(n) if system.cw[c] < system.k]
    leaks = []
    for size in range(1, system.k):
        for S in combinations(small, size):
            if sum(system.cw[c] for c in S) >= system.k:
                continue
            if any(set(m) <= set(S) for m in leaks):
                continue
            keep = [c for c in range(n) if c not in S]
            cut = [[r[c] for c in keep] for r in rows]
            if _rank(cut, len(keep)) < full:
                leaks.append(S)
    return sorted(tuple(sorted(s)) for s in leaks)


def run(n_cases=300, seed=1):
    rng = random.Random(seed)
    for case in range(n_cases):
        k = rng.choice([3, 4, 5])
        npeople = rng.randint(1, 14)
        people = ["p%d" % i for i in range(npeople)]
        rows = []
        for _ in range(rng.randint(1, 9)):
            rows.append({p for p in people if rng.random() < rng.choice([0.2, 0.5, 0.8])})
        # nested groups as in a unit tree, sometimes
        if rng.random() < 0.5:
            rows.append(set(people))
        s = System(rows, k)
        got = sorted(tuple(sorted(l.classes)) for l in s.leaks())
        want = brute(s)
        if got != want:
            raise AssertionError("exact.py disagrees with brute force on case %d: "
                                 "%r vs %r (rows %r, k %d)" % (case, got, want, rows, k))
        for l in s.leaks():
            y = s.witness(l)
            # the witness combination equals the certificate exactly
            acc = {}
            for j, x in y:
                for c in s.row_classes[j]:
                    acc[c] = acc.get(c, 0) + x
            acc = {c: x for c, x in acc.items() if x}
            assert acc == l.v, (acc, l.v)
            assert 0 < l.weight < k
    return n_cases


if __name__ == "__main__":
    print("exact.py agrees with brute force on %d random systems" % run())

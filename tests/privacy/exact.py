"""Exact leak search over one variable (tests/privacy/README.md, "The
exact test").

A *system* is one per-person (or per-cell) variable x and the published
figures that are sums of it: row j publishes sum(x_i for i in rows[j]).
Items are people (or audit cells) with a weight: how many people they
stand for.  Everything here is exact: integers and fractions.Fraction,
no floating point.

A combination y of the figures reveals yB.x; it *isolates* the items in
the support of yB.  A leak is a nonzero vector of the row space whose
support weighs more than 0 and less than k.

Method.  Items with the same column (the same figures) form a class; a
vector of the row space is constant on each class, so supports are unions
of classes and B can be merged to one column per class.  For a set S of
classes,

    rowspace(B) has a nonzero vector supported in S
        <=>  rank(B without the columns S) < rank(B)

(yB vanishes outside S iff y annihilates those columns).  The minimal such
S are the cocircuits of the column matroid of B.  With B in reduced row
echelon form R (pivot classes P, free classes F), the kernel of B has the
basis e_f - sum_i R[i][f] e_{p_i}, so in the dual representation a free
class is a unit vector and a pivot class p_i is the row -R_i restricted
to F.  Hence

    S is dependent in the dual  <=>  the rows {R_i : p_i in S}, restricted
                                     to the free classes not in S, are
                                     linearly dependent,

and every cocircuit holds at least one pivot class.  The search enumerates
the sets S_piv of *small* pivot classes (weight < k) of total weight < k,
and for each the sets S_free of small free classes among the columns
those rows touch, within what weight is left; a class of weight >= k is
never deleted, so S_piv is dropped at once when its rows restricted to
the large free classes are independent.  Columns are ordered large
classes first, so that pivots are large where possible and few small
classes are pivots.  All ranks are of integer matrices by fraction-free
elimination.

Cost: one elimination of B (rows x classes, sparse integer rows), then a
number of small rank tests bounded by the number of weight-limited
subsets of the small classes touched by the same rows: with k <= 5 at
most four classes per set.
"""
from fractions import Fraction
from math import gcd


# ---------------------------------------------------------------------------
# Sparse integer elimination
# ---------------------------------------------------------------------------

def _primitive(row):
    """Divide a sparse integer row by the gcd of its entries."""
    g = 0
    for v in row.values():
        g = gcd(g, v)
        if g == 1:
            return row
    if g > 1:
        for c in row:
            row[c] //= g
    return row


def _axpy(a, row, b, other):
    """a*row - b*other, sparse, zeros dropped."""
    out = {c: a * v for c, v in row.items()}
    for c, v in other.items():
        w = out.get(c, 0) - b * v
        if w:
            out[c] = w
        else:
            out.pop(c, None)
    return out


def echelon(rows, order):
    """Reduced row echelon form of sparse integer rows over columns ranked
    by order (a dict column -> rank; the pivot of a row is its nonzero
    column of lowest rank).  Returns {pivot column: primitive row} with
    every row zero at the other pivots."""
    basis = {}
    for r in rows:
        r = dict(r)
        # the basis is reduced, so each subtraction clears one pivot and
        # brings in no other
        for c in [c for c in r if c in basis]:
            b = basis[c]
            g = gcd(b[c], r[c])
            r = _axpy(b[c] // g, r, r[c] // g, b)
        if not r:
            continue
        p = min(r, key=order.__getitem__)
        r = _primitive(r)
        if r[p] < 0:
            r = {c: -v for c, v in r.items()}
        for q, b in list(basis.items()):
            if p in b:
                g = gcd(r[p], b[p])
                nb = _primitive(_axpy(r[p] // g, b, b[p] // g, r))
                if nb[q] < 0:
                    nb = {c: -v for c, v in nb.items()}
                basis[q] = nb
        basis[p] = r
    return basis


def _dependent(vecs, cols):
    """Are the integer vectors (dicts) restricted to the columns cols
    linearly dependent?  None when independent, else a nonzero integer
    combination b (one per vector) with sum b_i vecs_i = 0 on cols."""
    m = len(vecs)
    basis = {}          # pivot -> (row, combination)
    for i, v in enumerate(vecs):
        r = {c: x for c, x in v.items() if c in cols}
        comb = {i: 1}
        while True:
            hit = [c for c in r if c in basis]
            if not hit:
                break
            c = min(hit, key=repr)
            br, bc = basis[c]
            g = gcd(br[c], r[c])
            a, b = br[c] // g, r[c] // g
            r = _axpy(a, r, b, br)
            comb = _axpy(a, comb, b, bc)
        if not r:
            return [comb.get(j, 0) for j in range(m)]
        basis[min(r, key=repr)] = (r, comb)
    return None


# ---------------------------------------------------------------------------
# Systems
# ---------------------------------------------------------------------------

class Leak:
    """A minimal set of classes some combination of figures isolates.
    v: class index -> Fraction, the row-space vector (exact); items: the
    items (people or cells) it covers; weight: how many people."""

    def __init__(self, system, classes, v):
        self.system = system
        self.classes = classes
        self.v = v
        self.items = [i for c in classes for i in system.cls[c]]
        self.weight = sum(system.cw[c] for c in classes)
        self.witness = None      # [(row index, Fraction)] filled by witness()


class System:
    """rows: list of iterables of items (each a 0/1 figure); weight: item
    -> int (default 1); k: the minimum group."""

    def __init__(self, rows, k, weight=None):
        self.k = k
        weight = weight or {}
        sig = {}
        for j, r in enumerate(rows):
            for it in r:
                sig.setdefault(it, []).append(j)
        by = {}
        for it, s in sig.items():
            by.setdefault(tuple(s), []).append(it)
        cls = []
        for s, its in by.items():
            its.sort(key=repr)
            w = sum(weight.get(i, 1) for i in its)
            if w > 0:
                cls.append((s, its, w))
        # large classes first, so that pivots are large where possible
        cls.sort(key=lambda t: (t[2] < k, repr(t[1][0])))
        self.cls = [t[1] for t in cls]
        self.cw = [t[2] for t in cls]
        self.nrows = len(rows)
        self.row_classes = [set() for _ in rows]
        for c, (s, _, _) in enumerate(cls):
            for j in s:
                self.row_classes[j].add(c)
        self.order = {c: c for c in range(len(cls))}
        self.small = [c for c in range(len(cls)) if self.cw[c] < k]

    def _rows(self, which=None):
        idx = range(self.nrows) if which is None else which
        seen, out = set(), []
        for j in idx:
            key = frozenset(self.row_classes[j])
            if key and key not in seen:
                seen.add(key)
                out.append({c: 1 for c in key})
        return out

    def rank_without(self, which, drop):
        """rank of the rows `which` (None: all) with the classes drop
        deleted, and without."""
        rows = self._rows(which)
        full = len(echelon(rows, self.order))
        cut = [{c: v for c, v in r.items() if c not in drop} for r in rows]
        return full, len(echelon([r for r in cut if r], self.order))

    def leaks(self):
        """Every minimal leak."""
        k = self.k
        basis = echelon(self._rows(), self.order)
        self.rank = len(basis)
        piv = set(basis)
        free_small = {c for c in self.small if c not in piv}
        fpart = {p: {c: v for c, v in r.items() if c != p} for p, r in basis.items()}
        found = []
        # A pivot whose row has no free part is determined by itself (a
        # coloop of B, a zero column of the dual): a leak on its own when
        # small, and in no larger minimal set.
        small_piv = []
        for c in sorted(c for c in self.small if c in piv):
            if fpart[c]:
                small_piv.append(c)
            else:
                found.append((frozenset([c]), [c], [1]))

        def record(S_piv, S_free, b):
            S = frozenset(S_piv) | frozenset(S_free)
            found.append((S, list(S_piv), b))

        def search_free(S_piv):
            vecs = [fpart[p] for p in S_piv]
            touched = set()
            for v in vecs:
                touched |= set(v)
            fixed = {c for c in touched if c not in free_small}
            # the large free classes are never deleted: the rows must be
            # dependent on them alone
            if _dependent(vecs, fixed) is None:
                return
            budget = k - 1 - sum(self.cw[p] for p in S_piv)
            cand = sorted(touched - fixed)

            def dfs(start, chosen, w):
                b = _dependent(vecs, touched - set(chosen))
                if b is not None:
                    if all(x != 0 for x in b):      # minimal in S_piv
                        record(S_piv, chosen, b)
                    return
                for i in range(start, len(cand)):
                    c = cand[i]
                    if w + self.cw[c] <= budget:
                        chosen.append(c)
                        dfs(i + 1, chosen, w + self.cw[c])
                        chosen.pop()

            dfs(0, [], 0)

        def dfs_piv(start, chosen, w):
            if chosen:
                search_free(chosen)
            if len(chosen) >= k - 1:
                return
            for i in range(start, len(small_piv)):
                p = small_piv[i]
                if w + self.cw[p] <= k - 1:
                    chosen.append(p)
                    dfs_piv(i + 1, chosen, w + self.cw[p])
                    chosen.pop()

        dfs_piv(0, [], 0)
        # keep the minimal sets
        found.sort(key=lambda t: (len(t[0]), sorted(t[0])))
        minimal, out = [], []
        for S, S_piv, b in found:
            if any(m <= S for m in minimal):
                continue
            minimal.append(S)
            v = {}
            for p, bi in zip(S_piv, b):
                rp = basis[p]
                for c, x in rp.items():
                    v[c] = v.get(c, 0) + Fraction(bi * x)
            v = {c: x for c, x in v.items() if x}
            assert v and set(v) <= S, "the certificate must be supported in S"
            out.append(Leak(self, sorted(S), v))
        return out

    # -----------------------------------------------------------------------
    # Witnesses: which figures, with which coefficients
    # -----------------------------------------------------------------------

    def solve(self, v, which):
        """y with sum_j y_j row_j = v using only rows `which` (original
        indices), or None.  Exact (Fractions)."""
        basis = {}          # pivot -> (row dict Fraction, combo dict)
        for j in which:
            r = {c: Fraction(1) for c in self.row_classes[j]}
            if not r:
                continue
            combo = {j: Fraction(1)}
            for p in sorted(basis, key=self.order.__getitem__):
                if p in r:
                    br, bc = basis[p]
                    f = r[p] / br[p]
                    for c, x in br.items():
                        w = r.get(c, 0) - f * x
                        if w:
                            r[c] = w
                        else:
                            r.pop(c, None)
                    for c, x in bc.items():
                        w = combo.get(c, 0) - f * x
                        if w:
                            combo[c] = w
                        else:
                            combo.pop(c, None)
            if r:
                p = min(r, key=self.order.__getitem__)
                basis[p] = (r, combo)
        r = dict(v)
        y = {}
        for p in sorted(basis, key=self.order.__getitem__):
            if p in r:
                br, bc = basis[p]
                f = r[p] / br[p]
                for c, x in br.items():
                    w = r.get(c, 0) - f * x
                    if w:
                        r[c] = w
                    else:
                        r.pop(c, None)
                for c, x in bc.items():
                    y[c] = y.get(c, 0) + f * x
        if r:
            return None
        return {j: x for j, x in y.items() if x}

    def witness(self, leak, prefer=None):
        """A small set of figures and exact coefficients revealing the
        leak's vector: rows touching the leak first, more as needed, then
        every row that is not needed dropped."""
        S = set(leak.classes)
        key = prefer or (lambda j: 0)
        order = sorted(range(self.nrows),
                       key=lambda j: (not (self.row_classes[j] & S), key(j),
                                      len(self.row_classes[j]), -j))
        order = [j for j in order if self.row_classes[j]]
        # grow until solvable
        lo = 1
        y = None
        while lo <= len(order):
            y = self.solve(leak.v, order[:lo])
            if y is not None:
                break
            lo = lo * 2 if lo < 8 else lo + 8
        if y is None:
            y = self.solve(leak.v, order)
        assert y is not None, "the certificate lies in the row space"
        used = sorted(y, key=lambda j: -len(self.row_classes[j]))
        for j in list(used):
            rest = [i for i in used if i != j]
            if self.solve(leak.v, rest) is not None:
                used = rest
        y = self.solve(leak.v, sorted(used))
        leak.witness = sorted(y.items())
        return leak.witness

"""What airs publishes, as linear figures over per-person variables
(tests/privacy/README.md, "What is modelled").

facts(org) computes, from the generated organisation, what the attacker
knows (the unit tree, leaders, who answered which item when) and what it
wants (the answer-derived values, exactly, as Fractions).

survey_figures(org, facts, doc, k) turns a report-like document (the
`units` and `constructs` tables of `airs report --format json`, or the
same tables printed from a merged rollup) into one exact.System per
variable.  Each figure carries the set of people it sums over, its
published value (an exact rational from the printed decimals) and a
tolerance from the printed precision; the figures are cross-checked
against the true values before they are attacked.

audit_figures(...) does the same for the audit tables, over cells of
people with the same attribute values and population memberships.
"""
import datetime
from fractions import Fraction

from exact import System
from gen import CONSTRUCTS

Q = Fraction(1, 10 ** 9)      # the printed precision and the quantum (methodology 4.2)
ORG = None                    # the organisation's key in group tables


def _d(s):
    return datetime.date.fromisoformat(s)


def num(x):
    """A printed JSON number as an exact rational (None for null)."""
    if x is None:
        return None
    if isinstance(x, bool):
        raise TypeError(x)
    return Fraction(repr(x)) if isinstance(x, float) else Fraction(x)


class ModelError(Exception):
    """The model disagrees with what airs published, or meets a figure it
    does not model: the attacker's knowledge would be wrong, so its
    verdicts would be meaningless."""


def count(x):
    """A published count, or None when it is not a plain number (null, or
    a "<k" string)."""
    return Fraction(x) if isinstance(x, int) and not isinstance(x, bool) else None


class Facts:
    pass


def _month_end(d):
    nxt = datetime.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)


# Model airs 1.1's rule instead - each person's latest answer on or
# before the as-of date - to see overtime.py find the leak it allowed.
CARRY_FORWARD = False


def survey_period(org, T):
    """The survey period a scoring as of T reads (methodology 4.1,
    lib/wave.c): the declared wave that ended last by T, or without
    waves the latest calendar month with answers that ended by T; as
    (start, end), or None when no period is closed by T."""
    if CARRY_FORWARD:
        return datetime.date.min, T
    waves = getattr(org, "waves", None)
    if waves:
        closed = [(_d(b), _d(a)) for _, a, b in waves if _d(b) <= T]
        if not closed:
            return None
        end, start = max(closed)
        return start, end
    ends = {_month_end(_d(d)) for p in org.people for rs in p.answers.values()
            for d, _ in rs}
    ends = [e for e in ends if e <= T]
    if not ends:
        return None
    end = max(ends)
    return end.replace(day=1), end


def facts(org, adoption=None, oracle=None):
    """Per person: construct scores and counts (exact), hours, net-score
    counts, fatigue/no_benefit eligibility; and the unit tree.
    adoption: person id -> Ad (from the employee export), used for the
    no_benefit eligibility; oracle: person id -> record of the employee
    export scored with individual sentiment (flags and construct scores),
    the truth of the flags."""
    f = Facts()
    T = _d(org.as_of)
    win = T - datetime.timedelta(days=90)          # fatigue window start
    period = survey_period(org, T)
    f.parent = {u: p for u, p in org.units}
    f.children = {u: [] for u, _ in org.units}
    for u, p in org.units:
        if p:
            f.children[p].append(u)
    f.subtree = {}

    def sub(u):
        s = {u}
        for c in f.children[u]:
            s |= sub(c)
        f.subtree[u] = s
        return s

    for u, p in org.units:
        if not p:
            sub(u)
    f.unit_of = {p.id: p.unit for p in org.people}
    # the management line (manager groups, methodology 4.5): each
    # manager's direct reports and whole line, the manager in neither
    boss = {p.id: getattr(p, "manager", None) for p in org.people}
    f.direct, f.line = {}, {}
    for pid, m in boss.items():
        if m:
            f.direct.setdefault(m, set()).add(pid)
        while m:
            f.line.setdefault(m, set()).add(pid)
            m = boss.get(m)
    f.leader = {p.id: p.leader for p in org.people}
    f.people = [p.id for p in org.people]
    # items about one tool count only towards that tool's benefit in the
    # tools table (methodology 9.1; tools.py), never here
    items = {it.id: it for it in org.items if not getattr(it, "tool", None)}
    f.items = items
    scales = {(it.lo, it.hi) for it in items.values() if it.construct == "time_saved"}
    # hours are min + (max - min) x the normalised score when every
    # time_saved item has one scale: then the two are one variable
    f.ts_scale = scales.pop() if len(scales) == 1 else None
    f.answered = {c: set() for c in CONSTRUCTS}
    f.score, f.nresp, f.fav, f.unf = {}, {}, {}, {}
    f.hours, f.R, f.net = {}, {}, {}
    f.used = {}
    f.fatigue_eligible, f.no_benefit_eligible = set(), set()
    has_usage = any(p.usage for p in org.people)
    for p in org.people:
        per_c = {}
        fat_n = 0
        for iid, rs in p.answers.items():
            if iid not in items:
                continue
            it = items[iid]
            # the period's answers, no carry-forward from earlier ones
            if period is None:
                continue
            rs = sorted((d, v) for d, v in rs if _d(d) <= period[1])
            if not rs or _d(rs[-1][0]) < period[0]:
                continue
            last = rs[-1][0]
            vals = [v for d, v in rs if d == last]
            coded = [it.lo + it.hi - v if it.reverse else v for v in vals]
            per_c.setdefault(it.construct, []).append((it, coded))
            # which answers this value is made of (overtime.py)
            f.used.setdefault((p.id, it.construct), set()).update(
                (iid, d, v) for d, v in rs if d == last)
            if _d(last) > win and any(_d(d) <= win and _d(d) < period[0]
                                      for d, _ in rs):
                fat_n += 1
        for c, lst in per_c.items():
            f.answered[c].add(p.id)
            sc = sum(Fraction(sum(x - it.lo for x in xs), len(xs) * (it.hi - it.lo))
                     for it, xs in lst) / len(lst)
            f.score[(p.id, c)] = sc
            f.nresp[(p.id, c)] = sum(len(xs) for _, xs in lst)
            f.fav[(p.id, c)] = sum(1 for it, xs in lst for x in xs if x >= it.hi - 1)
            f.unf[(p.id, c)] = sum(1 for it, xs in lst for x in xs if x <= it.lo + 1)
            if c == "time_saved":
                f.hours[p.id] = sum(Fraction(sum(xs), len(xs)) for _, xs in lst) / len(lst)
            if c == "recommend":
                pro = det = 0
                for it, xs in lst:
                    for x in xs:
                        nv = (x - it.lo) / (it.hi - it.lo)      # as airs computes it
                        if 10 * nv >= 9:
                            pro += 1
                        elif 10 * nv <= 6:
                            det += 1
                f.R[p.id] = sum(len(xs) for _, xs in lst)
                f.net[p.id] = pro - det
        recent = sum(h for _, h, d, st in p.training
                     if st != "planned" and _d(d) <= T and (T - _d(d)).days < 90)
        if fat_n and recent >= 20:
            f.fatigue_eligible.add(p.id)
        benefit = "time_saved" in per_c or "usefulness" in per_c
        ad = adoption.get(p.id) if adoption else None
        if has_usage and benefit and (ad is None or ad >= Fraction(1, 2)):
            f.no_benefit_eligible.add(p.id)
    f.flag = {}
    if oracle:
        for pid, rec in oracle.items():
            for fl in ("fatigue", "no_benefit"):
                f.flag[(pid, fl)] = 1 if fl in rec["flags"] else 0
    return f


def members(f, unit, kind=None):
    """People of a unit's subtree (ORG: everyone); kind 'L' leaders, 'N'
    non-leaders."""
    if unit is ORG:
        ppl = f.people
    else:
        units = f.subtree[unit]
        ppl = [p for p in f.people if f.unit_of[p] in units]
    if kind == "L":
        ppl = [p for p in ppl if f.leader[p]]
    elif kind == "N":
        ppl = [p for p in ppl if not f.leader[p]]
    return ppl


class Figure:
    """One published number as a sum over people: var (the variable),
    family (what suppresses it together), label (where it is), people,
    value (exact rational, None when only its structure matters), tol
    (how far value may be from the true sum: the printed precision), expr
    (how value was read), slack (how far the test's own truth may be off:
    only for a readiness tied with the audit's median at the printed
    digits)."""

    def __init__(self, var, family, label, people, value, tol, expr):
        self.var, self.family, self.label = var, family, label
        self.people = frozenset(people)
        self.value, self.tol, self.expr = value, tol, expr
        self.slack = 0           # how uncertain the test's own truth is


def _fmt(x):
    """A printed number back as text (for witnesses)."""
    s = "%.9f" % float(x) if not isinstance(x, int) else str(x)
    return s.rstrip("0").rstrip(".") if "." in s else s


# The unit ADKAR profile's survey elements (methodology 4.6) and the
# constructs each averages.
ADKAR_SURVEY = {"awareness": ("clarity",),
                "desire": ("usefulness", "trust", "security"),
                "reinforcement": ("support", "voice")}
ADKAR_FIGURE = {"unit": ("respondents", "mean", "mean_ci"),
                "staff": ("staff", "staff_mean", "staff_mean_ci"),
                "leaders": ("leaders", "leaders_mean", "leaders_mean_ci")}
ADKAR_ORDER = ("awareness", "desire", "knowledge", "ability", "reinforcement")


def check_adkar(units, cons):
    """The unit ADKAR profile adds no survey figure of its own: each
    survey element shown (and its interval) is 1 + 4 x the mean of the
    figures its source names in the same unit's constructs table - the
    first source that shows one, exactly as methodology 4.6 says - and the
    barrier point follows from the elements shown.  So the exact search
    over the constructs' figures decides the profile too.  Raises
    ModelError when a published element is not so derived (a field the
    model would otherwise take on trust)."""
    by = {}
    for rec in cons:
        key = None if rec["scope"] == "organisation" else rec["unit_id"]
        by[(key, rec["construct"])] = rec
    tol = Fraction(1, 10 ** 8)
    for rec in units:
        u = None if rec["scope"] == "organisation" else rec["id"]
        ad = rec["adkar"]
        for el, cs in ADKAR_SURVEY.items():
            want, src = None, None
            for s_name, (cnt, mean, ci) in ADKAR_FIGURE.items():
                got = [by[(u, c)] for c in cs
                       if count(by[(u, c)][cnt]) and by[(u, c)][mean] is not None]
                if got:
                    m = sum(num(g[mean]) for g in got) / len(got)
                    lo = [g[ci][0] for g in got]
                    hi = [g[ci][1] for g in got]
                    want = (1 + 4 * m,
                            None if None in lo else 1 + 4 * sum(num(x) for x in lo) / len(got),
                            None if None in hi else 1 + 4 * sum(num(x) for x in hi) / len(got))
                    src = s_name
                    break
            shown = (ad[el], ad[el + "_ci"][0], ad[el + "_ci"][1])
            if (ad[el + "_source"] != src or
                    any((a is None) != (b is None) or
                        (a is not None and abs(num(a) - b) > tol)
                        for a, b in zip(shown, want or (None, None, None)))):
                raise ModelError("units[%s].adkar.%s = %s (%s) is not 1 + 4 x the "
                                 "published figures of its source (%s, %s): model.py "
                                 "does not model it" % (u, el, shown, ad[el + "_source"],
                                                        want, src))
        vals = [num(ad[e]) if ad[e] is not None else None for e in ADKAR_ORDER]
        if any(v is not None and abs(v - 3) <= tol for v in vals):
            continue  # a tie at the threshold is decided at the quantum
        want = next((e for e, v in zip(ADKAR_ORDER, vals) if v is not None and v <= 3),
                    "none" if any(v is not None for v in vals) else "unknown")
        if ad["barrier"] != want:
            raise ModelError("units[%s].adkar.barrier %s is not the first shown "
                             "element at 3 or below (%s)" % (u, ad["barrier"], want))


def survey_figures(f, doc, derived=True):
    """Figures of the units and constructs tables of doc (a report or a
    merged rollup's print).  Returns a list of Figure.  derived=False
    skips check_adkar(), for a document the attacker forged by showing
    hidden constructs (whose profiles it did not recompute)."""
    figs = []
    units = doc["units"]
    cons = doc["constructs"]
    if derived:
        check_adkar(units, cons)

    def ukey(rec, idfield):
        return ORG if rec["scope"] == "organisation" else rec[idfield]

    def uname(u):
        return "organisation" if u is ORG else u

    # A mean is a sum whether or not its count is shown: the attacker
    # knows who answered, so the count of people behind every published
    # mean is known to it (n below is the size of the set, which the
    # model checks against every count that is published).
    for rec in cons:
        u, c = ukey(rec, "unit_id"), rec["construct"]
        resp = [p for p in members(f, u) if p in f.answered[c]]
        for kind, cnt, mean in (("T", "respondents", "mean"),
                                ("L", "leaders", "leaders_mean"),
                                ("N", "staff", "staff_mean")):
            ppl = [p for p in members(f, u, None if kind == "T" else kind)
                   if p in f.answered[c]]
            n = len(ppl)
            shown = count(rec[cnt])
            if shown is not None:
                lab = "constructs[%s,%s].%s" % (uname(u), c, cnt)
                figs.append(Figure(("count", c), "constructs", lab, ppl, shown, 0,
                                   "%s(%d)" % (lab, shown)))
            m = num(rec[mean])
            if m is None or not n:
                continue
            lab = "constructs[%s,%s].%s" % (uname(u), c, mean)
            if c == "time_saved" and f.ts_scale:
                lo, hi = f.ts_scale
                figs.append(Figure(("hours", c), "constructs", lab, ppl,
                                   n * lo + (hi - lo) * n * m, (hi - lo) * n * Q,
                                   "%s%d × %d × %s(%s)" % ("%d × %d + " % (n, lo) if lo else "",
                                                           n, hi - lo, lab, _fmt(m))))
            else:
                figs.append(Figure(("score", c), "constructs", lab, ppl, n * m, n * Q,
                                   "%d × %s(%s)" % (n, lab, _fmt(m))))
        if resp:
            items = sum(f.nresp[(p, c)] for p in resp)
            for fld in ("favourable", "unfavourable"):
                sh = num(rec[fld])
                if sh is None:
                    continue
                lab = "constructs[%s,%s].%s" % (uname(u), c, fld)
                figs.append(Figure(("fav" if fld == "favourable" else "unf", c),
                                   "constructs", lab, resp, items * sh, items * Q / 2,
                                   "%d × %s(%s)" % (items, lab, _fmt(sh))))
        if rec.get("perception_gap") is not None and (rec["leaders_mean"] is None or
                                                      rec["staff_mean"] is None):
            raise ModelError("constructs[%s,%s].perception_gap is published without both "
                             "means: model.py does not model it" % (uname(u), c))
    for rec in units:
        u = ukey(rec, "id")
        _group_fields(f, figs, rec, members(f, u), "units[%s]" % uname(u),
                      "units")
    for rec in doc.get("managers", []):
        ppl = (f.direct if rec["scope"] == "direct_reports" else f.line)[rec["manager_id"]]
        everyone = [p for p in f.people if p in ppl]
        lab = "managers[%s,%s]" % (rec["manager_id"], rec["scope"])
        _group_fields(f, figs, rec, everyone, lab, "managers")
        _manager_constructs(f, figs, rec, everyone, lab)
    return figs


def _group_fields(f, figs, rec, everyone, lab, fam):
    """The survey figures of a units-table record (a unit's, or a manager
    group's) over the people `everyone`; families named fam.*."""
    ppl = [p for p in everyone if p in f.answered["recommend"]]
    shown = count(rec["net_respondents"])
    if shown is not None:
        figs.append(Figure(("count", "recommend"), fam + ".net_respondents",
                           lab + ".net_respondents", ppl, shown, 0,
                           "%s.net_respondents(%d)" % (lab, shown)))
    if rec["net_score"] is not None and ppl:
        R = sum(f.R[p] for p in ppl)
        ns = num(rec["net_score"])
        figs.append(Figure(("net", "recommend"), fam + ".net_score",
                           lab + ".net_score", ppl, ns * R / 100, R * Q / 200,
                           "%d/100 × %s.net_score(%s)" % (R, lab, _fmt(ns))))
    ppl = [p for p in everyone if p in f.answered["time_saved"]]
    shown = count(rec["time_saved_respondents"])
    if shown is not None:
        figs.append(Figure(("count", "time_saved"), fam + ".time_saved_respondents",
                           lab + ".time_saved_respondents", ppl, shown, 0,
                           "%s.time_saved_respondents(%d)" % (lab, shown)))
    if rec["time_saved"] is not None and ppl:
        n = len(ppl)
        h = num(rec["time_saved"])
        var = ("hours", "time_saved") if f.ts_scale else ("raw_hours", "time_saved")
        figs.append(Figure(var, fam + ".time_saved", lab + ".time_saved", ppl,
                           n * h, n * Q, "%d × %s.time_saved(%s)" % (n, lab, _fmt(h))))
    # survey respondents: anyone who answered a scored item, a
    # variable of its own (the unit's response-rate numerator)
    ppl = [p for p in everyone
           if any(p in f.answered[c] for c in f.answered)]
    shown = count(rec.get("respondents"))
    if shown is not None:
        figs.append(Figure(("count", "any"), fam + ".respondents",
                           lab + ".respondents", ppl, shown, 0,
                           "%s.respondents(%d)" % (lab, shown)))
    for fl, elig in (("fatigue", f.fatigue_eligible),
                     ("no_benefit", f.no_benefit_eligible)):
        v = count(rec["flags"][fl])
        if v is None:
            continue
        ppl = [p for p in everyone if p in elig]
        figs.append(Figure(("flag", fl), fam + ".flags." + fl,
                           "%s.flags.%s" % (lab, fl), ppl, Fraction(v), 0,
                           "%s.flags.%s(%d)" % (lab, fl, v)))


def _manager_constructs(f, figs, rec, everyone, lab):
    """A manager group's constructs (nested in its JSON record): totals
    only - no leader/staff split is published for manager groups."""
    for c, cr in rec.get("constructs", {}).items():
        ppl = [p for p in everyone if p in f.answered[c]]
        for cnt in ("leaders", "staff", "leaders_mean", "staff_mean",
                    "perception_gap"):
            if cr.get(cnt) is not None:
                raise ModelError("%s.constructs.%s.%s is published: model.py "
                                 "does not model a manager group's split"
                                 % (lab, c, cnt))
        n = len(ppl)
        clab = "%s.constructs[%s]" % (lab, c)
        shown = count(cr["respondents"])
        if shown is not None:
            figs.append(Figure(("count", c), "managers.constructs",
                               clab + ".respondents", ppl, shown, 0,
                               "%s.respondents(%d)" % (clab, shown)))
        m = num(cr["mean"])
        if m is not None and n:
            if c == "time_saved" and f.ts_scale:
                lo, hi = f.ts_scale
                figs.append(Figure(("hours", c), "managers.constructs",
                                   clab + ".mean", ppl,
                                   n * lo + (hi - lo) * n * m, (hi - lo) * n * Q,
                                   "%d × %d + %d × %d × %s.mean(%s)"
                                   % (n, lo, n, hi - lo, clab, _fmt(m))))
            else:
                figs.append(Figure(("score", c), "managers.constructs",
                                   clab + ".mean", ppl, n * m, n * Q,
                                   "%d × %s.mean(%s)" % (n, clab, _fmt(m))))
        if ppl:
            items = sum(f.nresp[(p, c)] for p in ppl)
            for fld in ("favourable", "unfavourable"):
                sh = num(cr[fld])
                if sh is None:
                    continue
                figs.append(Figure(("fav" if fld == "favourable" else "unf", c),
                                   "managers.constructs", "%s.%s" % (clab, fld),
                                   ppl, items * sh, items * Q / 2,
                                   "%d × %s.%s(%s)" % (items, clab, fld, _fmt(sh))))


def truth(f, var, pid):
    """The true value of variable var for person pid (exact)."""
    kind, c = var
    if kind == "count":
        return Fraction(1)
    if kind == "score":
        return f.score[(pid, c)]
    if kind == "hours":
        lo, hi = f.ts_scale
        return lo + (hi - lo) * f.score[(pid, c)]
    if kind == "raw_hours":
        return f.hours[pid]
    if kind == "fav":
        return Fraction(f.fav[(pid, c)])
    if kind == "unf":
        return Fraction(f.unf[(pid, c)])
    if kind == "net":
        return Fraction(f.net[pid])
    if kind == "flag":
        return Fraction(f.flag.get((pid, c), 0))
    raise KeyError(var)


def check_figures(figs, value_of):
    """Every figure's published value must equal the true sum over its
    people within its tolerance: the model is right about who is summed.
    value_of(fig, person) -> Fraction.  Returns a list of complaints."""
    bad = []
    for g in figs:
        if g.value is None:
            continue
        t = sum((value_of(g, p) for p in g.people), Fraction(0))
        if abs(t - g.value) > g.tol + g.slack:
            bad.append("%s: published %s, true sum over %d people %s"
                       % (g.label, float(g.value), len(g.people), float(t)))
    return bad


def systems(figs, k, weight=None):
    """One exact.System per variable."""
    by = {}
    for g in figs:
        by.setdefault(g.var, []).append(g)
    out = {}
    for var, gs in sorted(by.items(), key=lambda t: repr(t[0])):
        s = System([g.people for g in gs], k, weight)
        s.figs = gs
        s.var = var
        out[var] = s
    return out


# ---------------------------------------------------------------------------
# Audit
# ---------------------------------------------------------------------------

OUTCOME_POP = {
    # population of each audited outcome, from the employee export
    "above_median": lambda e: e["readiness"] is not None,
    "at_target": lambda e: e["level"] is not None and e["target"] is not None,
    "left_behind": lambda e: "left_behind" in e["flags_evaluated"],
}


def audit_figures(org, export, audits, attrs):
    """Figures of the audit documents `audits` (outcome -> JSON) over the
    attributes attrs (one or two names).  Items are cells: people with the
    same attribute values and the same memberships of the audited
    populations (the attacker knows who is in each population, not their
    attributes).  Returns (figures, weight, cells, others): others holds,
    per audit, the cells of its other line (the population less the
    people compared)."""
    outcomes = sorted(audits)
    others = set()              # each audit's other line: its cells
    pops = {o: {e["id"] for e in export if OUTCOME_POP[o](e)} for o in outcomes}
    cell_of, weight = {}, {}
    for p in org.people:
        pi = tuple(p.id in pops[o] for o in outcomes)
        cell = tuple(p.attrs.get(a) for a in attrs) + (pi,)
        cell_of[p.id] = cell
        weight[cell] = weight.get(cell, 0) + 1
    cells = sorted(weight, key=repr)
    figs = []
    # what the attacker knows without the audit: how many people are in
    # each combination of populations
    for pi in sorted({c[-1] for c in cells}):
        ppl = [c for c in cells if c[-1] == pi]
        n = sum(weight[c] for c in ppl)
        where = ",".join(o for o, inside in zip(outcomes, pi) if inside) or "none"
        figs.append(Figure(("audit-count", "+".join(attrs)), "known",
                           "people in the populations of %s" % where, ppl, Fraction(n), 0,
                           "%d (known: people in the populations of %s)" % (n, where)))
    for oi, o in enumerate(outcomes):
        doc = audits[o]
        inpop = [c for c in cells if c[-1][oi]]
        if count(doc["population"]) is not None:
            figs.append(Figure(("audit-count", "+".join(attrs)), "known",
                               "audit[%s].population" % o, inpop, count(doc["population"]),
                               0, "audit[%s].population(%d)" % (o, doc["population"])))
        # the people compared: a shown (or withheld) category of every
        # audited attribute - the same in every table (airs/audit.h);
        # the rest of the population is each table's other line
        named = [{tuple(r["category"])[0] for r in tb["rows"] if not r["other"]}
                 for tb in doc["tables"][:len(attrs)]]
        comp = [c for c in inpop if all(c[i] in named[i] for i in range(len(attrs)))]
        others.add(frozenset(c for c in inpop if c not in set(comp)))
        for tb in doc["tables"]:
            kind = tb["kind"]
            idx = [attrs.index(a) for a in tb["attributes"]]
            tl = "audit[%s].%s" % (o, kind)
            if "missing" in tb and count(tb["missing"]) is not None:
                miss = [c for c in inpop if any(c[i] is None for i in idx)]
                figs.append(Figure(("audit-count", "+".join(attrs)), "missing",
                                   tl + ".missing", miss, count(tb["missing"]), 0,
                                   "%s.missing(%d)" % (tl, tb["missing"])))
            exc, shown = [], []
            for row in tb["rows"]:
                if row["other"]:
                    rc = [c for c in inpop if c not in set(comp) or
                          (kind == "intersection" and c not in set(shown))]
                    rl = "%s[other]" % tl
                else:
                    cat = tuple(row["category"])
                    rc = [c for c in comp if tuple(c[i] for i in idx) == cat]
                    rl = "%s[%s]" % (tl, ",".join(cat))
                    shown += rc
                if row["excluded"]:
                    exc += rc
                if count(row["count"]) is not None:
                    figs.append(Figure(("audit-count", "+".join(attrs)), "rows:" + kind,
                                       rl + ".count", rc, count(row["count"]), 0,
                                       "%s.count(%d)" % (rl, row["count"])))
                if row["selected"] is not None:
                    figs.append(Figure(("audit-selected", o), "rows:" + kind,
                                       rl + ".selected", rc, num(row["selected"]), 0,
                                       "%s.selected(%s)" % (rl, _fmt(num(row["selected"])))))
            if count(tb["excluded"]) is not None:
                figs.append(Figure(("audit-count", "+".join(attrs)), "excluded",
                                   tl + ".excluded", exc, count(tb["excluded"]), 0,
                                   "%s.excluded(%d)" % (tl, tb["excluded"])))
    return figs, weight, cell_of, others

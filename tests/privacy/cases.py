"""The regression cases of issue 14: one minimal organisation per kind of
leak, each expected to show no leak once the fixes land.  attack.py runs
every check on each; KNOWN_LEAKS there names, for every kind still
listed, the case that must keep reproducing it.

Each case is built by hand (no randomness) so that it stays fixed.
"""
from gen import AS_OF, EARLY, LATE, Item, Org, Person


def _org(name, units, k=5):
    o = Org(name)
    o.units = units
    o.k = k
    o.attributes = []
    o.audits = []
    return o


def _people(org, unit, n, leader=False, first=None):
    out = []
    for _ in range(n):
        pid = "E%03d" % (len(org.people) + 1)
        p = Person(pid, unit, leader)
        p.training.append(("data", 1, AS_OF, "completed"))
        org.people.append(p)
        out.append(p)
    return out


def _assess(org, p):
    """A test result that spreads readiness (for the audit's outcomes)."""
    i = len(org.people) + int(p.id[1:])
    p.assessments.append(("prompting", (i * 7 % 11) / 4, AS_OF, "test"))
    p.assessments.append(("data", (i * 5 % 7) / 4, AS_OF, "test"))


def time_saved_chain():
    """Issue 14, "time saved, two families, one set of people": U01 -> U02
    -> U03, 11 respondents to one time_saved item 0..8: in U01 a leader
    and four staff, in U03 a leader (7 hours) and five staff (3 hours
    each).  The units table shows U03's total (6 respondents, mean
    3.666666667), the constructs table U03's staff (5, normalised mean
    0.375), and 6 x 3.666666667 - 5 x 8 x 0.375 = 7 is the U03 leader's
    answer.  The respondent counts leak the same way (6 - 5 = 1)."""
    o = _org("time_saved_chain", [("U01", None), ("U02", "U01"), ("U03", "U02")])
    o.items = [Item("Q01", "time_saved", 0, 8)]
    for p, v in zip(_people(o, "U01", 1, leader=True) + _people(o, "U01", 4),
                    (2, 4, 1, 5, 3)):
        p.answers["Q01"] = [(LATE, v)]
    (lead,) = _people(o, "U03", 1, leader=True)
    lead.answers["Q01"] = [(LATE, 7)]
    for p in _people(o, "U03", 5):
        p.answers["Q01"] = [(LATE, 3)]
    return o


def net_respondents_chain():
    """Issue 14, "Counts": the same organisation with one recommend item
    0..10 instead.
    net_respondents counts U03's six recommend respondents while the
    recommend construct shows U03's five staff: the difference is the
    one leader who answered."""
    o = _org("net_respondents_chain", [("U01", None), ("U02", "U01"), ("U03", "U02")])
    o.items = [Item("Q01", "recommend", 0, 10)]
    for p, v in zip(_people(o, "U01", 1, leader=True) + _people(o, "U01", 4),
                    (9, 3, 7, 10, 6)):
        p.answers["Q01"] = [(LATE, v)]
    (lead,) = _people(o, "U03", 1, leader=True)
    lead.answers["Q01"] = [(LATE, 2)]
    for p, v in zip(_people(o, "U03", 5), (8, 9, 4, 6, 10)):
        p.answers["Q01"] = [(LATE, v)]
    return o


def participation():
    """Issue 14, "Participation": one unit of six, three of whom answered a
    clarity item.  With default privacy the export, the text score line
    and the explanation of a respondent differ from a non-respondent's
    (`withheld`, `w`, "private")."""
    o = _org("participation", [("U01", None)])
    o.items = [Item("Q01", "clarity", 1, 5)]
    for p, v in zip(_people(o, "U01", 6), (4, 2, 5, 0, 0, 0)):
        if v:
            p.answers["Q01"] = [(LATE, v)]
    return o


def audit_excluded():
    """Issue 14, "Audit totals": categories f 30, m 30, x 1, y 2.  x (1 of
    63, under 2%) is excluded and suppressed, yet the table's `excluded`
    total is 1: exactly one person is x."""
    o = _org("audit_excluded", [("U01", None)])
    o.attributes = ["gender"]
    o.audits = [(("gender",), ["above_median"])]
    for g, n in (("f", 30), ("m", 30), ("x", 1), ("y", 2)):
        for p in _people(o, "U01", n):
            p.attrs["gender"] = g
            _assess(o, p)
    return o


def audit_cross_tables():
    """Issue 14, "Audit totals": a category that each table hides well
    enough on its own, recovered by combining the three tables.  Gender f
    27 (A1 9, A2 9, A3 9), m 20 (A1 10, A2 10), x 3 (A1 1, A2 2): 50
    people, so that no category is under 2% and excluded.  The
    first table hides x and, with it, m; the intersection hides (x, A1)
    and (x, A2) and, with them, (f, A1) and (f, A2).  Then
    A1 - (m, A1) + A2 - (m, A2) - (f - (f, A3)) = x: 3 people, their count
    and their outcome."""
    o = _org("audit_cross_tables", [("U01", None)])
    o.attributes = ["gender", "age_band"]
    o.audits = [(("gender", "age_band"), ["above_median"])]
    for g, a, n in (("f", "A1", 9), ("f", "A2", 9), ("f", "A3", 9), ("m", "A1", 10),
                    ("m", "A2", 10), ("x", "A1", 1), ("x", "A2", 2)):
        for p in _people(o, "U01", n):
            p.attrs["gender"], p.attrs["age_band"] = g, a
            _assess(o, p)
    return o


def audit_missing():
    """Issue 14, "Audit totals": the `missing` total is published whatever
    its size - one person without a gender - and the second table minus
    the intersection is that person's outcome."""
    o = _org("audit_missing", [("U01", None)])
    o.attributes = ["gender", "age_band"]
    o.audits = [(("gender", "age_band"), ["above_median"])]
    for g, n in (("f", 10), ("m", 10), (None, 1)):
        for p in _people(o, "U01", n):
            if g:
                p.attrs["gender"] = g
            p.attrs["age_band"] = "A1"
            _assess(o, p)
    return o


def audit_other_size():
    """Issue 15, item 4: f 30, m 30 and one x, as the sample's one
    non-binary person beside 127 women and 122 men.  Women and men are
    compared with their counts, so 61 - 30 - 30 = 1 says one person is in
    the other line (ACCEPTED in attack.py): neither who nor which category
    nor that person's outcome, which no figure gives."""
    o = _org("audit_other_size", [("U01", None)])
    o.attributes = ["gender"]
    o.audits = [(("gender",), ["above_median"])]
    for g, n in (("f", 30), ("m", 30), ("x", 1)):
        for p in _people(o, "U01", n):
            p.attrs["gender"] = g
            _assess(o, p)
    return o


def partial_min_group():
    """Issue 14, "Partials choose their own k": one unit, one leader and
    five staff answering a clarity item.  The report hides the leader;
    the same data merged from two shard partials whose `min_group` line
    was edited to 1 shows the leader's group of one."""
    o = _org("partial_min_group", [("U01", None)])
    o.items = [Item("Q01", "clarity", 1, 5)]
    (lead,) = _people(o, "U01", 1, leader=True)
    lead.answers["Q01"] = [(LATE, 5)]
    for p, v in zip(_people(o, "U01", 5), (1, 2, 2, 3, 4)):
        p.answers["Q01"] = [(LATE, v)]
    return o


def flag_counts():
    """Issue 14, "What to build" 1 (flag counts that read answers): a unit
    of six survey respondents, so its fatigue and no_benefit counts are
    shown - but only one of them can have each flag.  E001 trained 24
    hours in the last 90 days and answered an item before and inside the
    window (fatigue); E002 uses the tools every working day and answered
    usefulness (no_benefit).  Their counts are their own answers."""
    o = _org("flag_counts", [("U01", None)])
    o.items = [Item("Q01", "usefulness", 1, 5), Item("Q02", "clarity", 1, 5)]
    ppl = _people(o, "U01", 6)
    ppl[0].answers["Q02"] = [(EARLY, 5), (LATE, 1)]
    ppl[0].training.append(("prompting", 24, "2026-06-01", "completed"))
    ppl[1].answers["Q01"] = [(LATE, 1)]
    for m in range(1, 7):
        ppl[1].usage.append(("chat", "2026-%02d" % m, 15))
    for p in ppl[2:]:
        p.answers["Q02"] = [(LATE, 3)]
        p.usage.append(("chat", "2026-06", 1))
    return o


CASES = [time_saved_chain, net_respondents_chain, participation, audit_excluded,
         audit_other_size,
         audit_cross_tables, audit_missing, partial_min_group, flag_counts]


def all_cases():
    return [(f.__name__, f()) for f in CASES]

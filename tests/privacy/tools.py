"""The tools table (issue 18; methodology section 9) for the privacy
attacker: what `airs tools` publishes, as sums of per-person variables
over known sets of people, and the checks that it hides what it must.

Threat model (README.md, "The tools table"): as for the survey, the
attacker knows the HR data and, at its strongest, *who* uses which tool
and who answered the items about a tool; it must not learn any figure of
fewer than k of them - a user count, how many are habitual, lapsed or
new, their active days, or what they said of the tool.  Every count and
sum of a row is modelled exactly (a System per variable and tool, as
model.py does for the survey); shares and intervals are functions of
those sums and the headcount, and are checked to be shown only with
them.  Three fields are not linear and are not modelled, each with its
reason (NOT_LINEAR); any other field is refused ("unmodelled: tools.X").

The truth is computed here from the organisation (gen.py), independently
of the library: check_figures() then holds the library's published
numbers to it, so a wrong definition in either fails the run.
"""
import datetime
from fractions import Fraction

from model import Figure, Q, count, num, survey_period

ALL, UNS = "*all", "*unsanctioned"
W, FULL, HABIT, RECENT = 6, 12, 3, 2       # the parameters' defaults

IDENT = {"scope", "unit_id", "role_id", "kind", "tool_id", "tool_name",
         "category", "registered", "sanctioned", "headcount", "suppressed"}
# figure -> variable; people: the row's users, or (b) its respondents
FIGS = {"users": "tool_users", "habitual": "tool_habitual",
        "lapsed": "tool_lapsed", "new_users": "tool_new",
        "active_days": "tool_days", "benefit_respondents": "tool_bcount",
        "benefit": "tool_benefit"}
# a share or interval -> the figures it is a function of (with headcount)
DERIVED = {"active_share": ("users",), "active_share_ci": ("users",),
           "habitual_share": ("habitual", "users"),
           "habitual_share_ci": ("habitual", "users"),
           "lapsed_share": ("lapsed", "users"),
           "lapsed_share_ci": ("lapsed", "users"),
           "activity_share": ("active_days",),
           "benefit_ci": ("benefit", "benefit_respondents", "users")}
NOT_LINEAR = {
    "active_days_median": "a median of the active days of a shown row's "
                          "users (u = 0 or u >= k): an order statistic, not "
                          "a sum the exact search could combine",
    "first_use_months_median": "likewise, of months to first use",
    "signals": "one yes/no per shown row, from its shown figures and a "
               "baseline of roles where k or more people answered",
}


def _month(text):
    y, m = text.split("-")[:2]
    return int(y) * 12 + int(m) - 1


class ToolFacts:
    pass


def _benefit(org, p, tool, period):
    """Methodology 9.1: the benefit person p reports of tool, exact, from
    the survey period read (4.1; model.survey_period)."""
    by_c = {}
    if period is None:
        return None
    for it in org.items:
        if getattr(it, "tool", None) != tool or it.id not in p.answers or \
                it.construct not in ("usefulness", "time_saved"):
            continue
        rs = sorted((d, v) for d, v in p.answers[it.id]
                    if period[0] <= datetime.date.fromisoformat(d) <= period[1])
        if not rs:
            continue
        vals = [v for d, v in rs if d == rs[-1][0]]
        coded = [it.lo + it.hi - v if it.reverse else v for v in vals]
        score = Fraction(sum(x - it.lo for x in coded), len(coded) * (it.hi - it.lo))
        by_c.setdefault(it.construct, []).append(score)
    if not by_c:
        return None
    return sum(sum(v) / len(v) for v in by_c.values()) / len(by_c)


def tool_facts(org):
    """Per person and tool (and set): user, habitual, lapsed, new, days,
    benefit; the truth of every figure."""
    tf = ToolFacts()
    T = datetime.date.fromisoformat(org.as_of)
    waved = survey_period(org, T)
    hi = T.year * 12 + T.month - 1
    lo = hi - (W - 1)
    reg = dict(org.tools) if org.tools is not None else None
    tf.registry = reg is not None
    tf.user, tf.var = {}, {}
    for p in org.people:
        days, first = {}, {}
        for tool, period, d in p.usage:
            m = _month(period)
            if m > hi:
                continue
            row = days.setdefault(tool, [0] * W)
            if m >= lo:
                row[m - lo] = d
            if d > 0:
                first[tool] = min(first.get(tool, m), m)
        sets = {ALL: list(days)}
        if reg is not None:
            sets[UNS] = [t for t in days if not reg.get(t, False)]
        rows = dict(days)
        for name, tools in sets.items():
            rows[name] = [max([days[t][k] for t in tools] or [0]) for k in range(W)]
            firsts = [first[t] for t in tools if t in first]
            if firsts:
                first[name] = min(firsts)
        for x, md in rows.items():
            if sum(md) <= 0:
                continue
            tf.user[(x, p.id)] = True
            v = tf.var
            v[("tool_users", x, p.id)] = Fraction(1)
            v[("tool_habitual", x, p.id)] = Fraction(sum(d >= FULL for d in md) >= HABIT)
            before = any(d > 0 for d in md[:W - RECENT])
            v[("tool_lapsed", x, p.id)] = Fraction(before and not any(md[W - RECENT:]))
            v[("tool_new", x, p.id)] = Fraction(first[x] > hi - RECENT)
            v[("tool_days", x, p.id)] = Fraction(sum(md))
            if x in days:
                b = _benefit(org, p, x, waved)
                if b is not None:
                    v[("tool_bcount", x, p.id)] = Fraction(1)
                    v[("tool_benefit", x, p.id)] = b
    return tf


def _group(f, rec):
    if rec["scope"] == "unit":
        from model import members
        return rec["unit_id"], members(f, rec["unit_id"])
    if rec["scope"] == "organisation":
        return "organisation", list(f.people)
    lead = rec["role_id"] == "lead"
    return "role " + rec["role_id"], [p for p in f.people if f.leader[p] == lead]


def _kind(rec):
    return {"tool": rec["tool_id"], "all_tools": ALL,
            "unsanctioned_tools": UNS}[rec["kind"]]


def tool_figures(f, tf, doc):
    """The figures of `airs tools --format json`, and the problems of
    fields outside the model (list of strings)."""
    figs, problems = [], []
    alldays = {}
    for rec in doc["rows"]:
        if rec["kind"] == "all_tools":
            alldays[(rec["scope"], rec["unit_id"], rec["role_id"])] = rec["active_days"]
    for rec in doc["rows"]:
        where, ppl = _group(f, rec)
        x = _kind(rec)
        lab = "tools[%s,%s]" % (where, x)
        users = [p for p in ppl if (x, p) in tf.user]
        resp = [p for p in users if ("tool_bcount", x, p) in tf.var]
        for key in rec:
            if key not in IDENT and key not in FIGS and key not in DERIVED \
                    and key not in NOT_LINEAR:
                problems.append("unmodelled: tools.%s" % key)
        for key, var in FIGS.items():
            v = rec.get(key)
            if v is None:
                continue
            who = resp if key.startswith("benefit") else users
            if key == "benefit":
                n = len(resp)
                figs.append(Figure((var, x), "tools.benefit", lab + ".benefit", who,
                                   n * num(v), n * Q, "%d × %s.benefit(%s)" % (n, lab, v)))
            else:
                figs.append(Figure((var, x), "tools." + key, "%s.%s" % (lab, key), who,
                                   Fraction(count(v)), 0, "%s.%s(%s)" % (lab, key, v)))
        for key, bases in DERIVED.items():
            v = rec.get(key)
            shown = v is not None and not (isinstance(v, list) and all(
                y is None for y in v))
            if shown and any(rec.get(b) is None for b in bases):
                problems.append("tools.%s shown where %s is hidden" % (key, bases))
        if rec.get("activity_share") is not None and \
                alldays.get((rec["scope"], rec["unit_id"], rec["role_id"])) is None:
            problems.append("tools.activity_share shown beside a hidden all-tools row")
    return figs, problems


def truth(tf, var, pid):
    kind, x = var
    return tf.var.get((kind, x, pid), Fraction(0))

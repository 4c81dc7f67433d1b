"""The comparison's outputs as the exact attacker sees them (issue 17,
items 2-4; methodology 4.1 rule 4 and 4.7).  Standard library only.

`airs compare --format json` publishes, per group and figure, both
sides' values and counts, the change, its 95% interval, a p-value, the
test and the panel size.  For a survey figure this module turns them
into figures over per-person unknowns (model.Figure) for overtime.py's
exact search, next to the reports' own:

- each side's value (x its count: a sum) is the sum the report of that
  dataset and date publishes, over the same people and the same
  answer-named unknowns (checked against the truth, model.truth);
- an interval's half-width (with the p-value) reveals the spread of
  what it tests.  Welch's: each side's sum of squares - another
  per-person variable (`sq`) summed over that side's respondents; a
  paired t test's: the sum over the panel of the squared difference of
  each person's two values, i.e. sums of squares of both sides and the
  cross products of a person's two waves (`cross`, one unknown per
  person and pair of answer sets).  A ratio (favourable share, net
  score) is tested on linearised values (4.7), whose squares expand
  into the same per-person products with known item counts: the same
  rows, so the same variables stand for them (the search is linear and
  an over-approximation of what is revealed can only find more);
- a two-proportion test reads only the counts; McNemar's test of the
  response rate runs only with equal respondent sets, so without a
  discordant pair (checked); of a survey flag (fatigue, no_benefit)
  only when its family - the people whose answers can turn it - is the
  same on both sides (checked), and its discordant pairs are then a
  cross-wave sum over that family (`cross`);
- counts: both sides' counts must be the respondents the reports count
  (checked), and a survey figure's panel is published only with a
  paired test, where it equals both (checked: otherwise it would tell
  how many answered both times).

Rule 4 is checked on every shown change (respondent sets equal or
differing by at least k).  A field this module does not know is
refused as unmodelled: ModelError.  The survey flags' counts are the
reports', which attack.py attacks per report (overtime.py leaves
flags out: they read training and tool use besides answers).
"""
from fractions import Fraction

import model
from model import ORG, Figure, ModelError, count, num

FIELDS = {"base", "current", "change", "change_low", "change_high", "p",
          "base_n", "current_n", "panel", "test", "reason", "base_count",
          "current_count"}
NOT_SURVEY = ("readiness", "below_target", "level_", "flag_left_behind",
              "flag_reversion", "flag_overconfidence", "flag_lapsed")
SURVEY_FLAGS = ("flag_fatigue", "flag_no_benefit")


def _var(f, fig):
    """(variable of the first moments, construct whose answers make it,
    how a side's value times its count is a sum) for a survey figure."""
    if fig == "response_rate":
        return ("count", "any"), None, "count"
    if fig.endswith("_favourable"):
        c = fig[:-len("_favourable")]
        return ("fav", c), c, "items"
    if fig == "net_score":
        return ("net", "recommend"), "recommend", "net"
    if fig == "time_saved_hours":
        return ((("hours", "time_saved") if f.ts_scale else
                 ("raw_hours", "time_saved")), "time_saved", "mean")
    if fig == "time_saved" and f.ts_scale:
        return ("hours", "time_saved"), "time_saved", "hours"
    return ("score", fig), fig, "mean"


def _side(f, u, c):
    """The people a side's figure sums: respondents of construct c (or of
    any scored item) in group u."""
    if c is None:
        return [p for p in model.members(f, u)
                if any(p in f.answered[x] for x in f.answered)]
    return [p for p in model.members(f, u) if p in f.answered[c]]


def _sum(f, how, ppl, v, c):
    """A side's published value v as the sum over ppl it stands for,
    and the tolerance of the printed digits (%.10g)."""
    n = len(ppl)
    tol = n * (abs(v) + 1) * Fraction(1, 10 ** 9)
    if how == "count":
        return v, 0
    if how == "items":
        m = sum(f.nresp[(p, c)] for p in ppl)
        return m * v, m * (abs(v) + 1) * Fraction(1, 10 ** 9)
    if how == "net":
        m = sum(f.R[p] for p in ppl)
        return m * v / 100, m * (abs(v) + 1) * Fraction(1, 10 ** 9)
    if how == "hours":
        lo, hi = f.ts_scale
        return n * lo + (hi - lo) * n * v, (hi - lo) * tol
    return n * v, tol


def _first(f, var, how, ppl, v, c, lab, name_of):
    """The figure a side's value is, checked against the truth."""
    val, tol = _sum(f, how, ppl, v, c)
    g = Figure(var, "compare", lab, ppl, val, tol, "%s(%s)" % (lab, float(v)))
    bad = model.check_figures([g], lambda g, p: model.truth(f, g.var, p))
    if bad:
        raise ModelError("compare: " + bad[0])
    return Figure(var, "compare", lab, [name_of(f, p, var) for p in ppl],
                  val, tol, g.expr)


def _checks(fig, ch, sb, sc, k, lab, panel):
    """Counts, panel and rule 4 of a survey change; panel: the people a
    paired test pairs (the respondents, or for the response rate the
    headcount)."""
    for side, ppl, key in ((0, sb, "base_n"), (1, sc, "current_n")):
        n = count(ch[key])
        want = len(ppl) if fig not in ("response_rate",) + SURVEY_FLAGS else None
        if n is not None and want is not None and n != want:
            raise ModelError("%s.%s = %s, but %d people answered" % (lab, key, n, want))
    if ch["reason"] != "shown":
        if ch["panel"] is not None or ch["change"] is not None:
            raise ModelError("%s: a hidden change publishes its panel or value" % lab)
        return
    diff = len(set(sb) ^ set(sc))
    if 0 < diff < k:
        raise ModelError("%s: shown, yet its respondents differ by %d < k = %d "
                         "(methodology 4.1, rule 4)" % (lab, diff, k))
    paired = ch["test"] in ("paired_t", "mcnemar")
    if paired and set(sb) != set(sc):
        raise ModelError("%s: a paired test over respondent sets that differ" % lab)
    if ch["panel"] is not None and not (paired and count(ch["panel"]) == panel):
        raise ModelError("%s: panel %s published with test %s: it tells how many "
                         "answered both times" % (lab, ch["panel"], ch["test"]))
    if ch["test"] == "mcnemar" and fig == "response_rate" and (num(ch["change"]) != 0 or
                                    num(ch["change_low"]) != 0 or
                                    num(ch["change_high"]) != 0):
        raise ModelError("%s: McNemar with discordant pairs on a survey share" % lab)


def _family(f, u, fig):
    """A survey flag's family in group u: the people whose answers can
    turn it (methodology 3.9, 4.1), as model.facts() finds them from
    training, tool use (the employee export's adoption) and answers."""
    elig = f.fatigue_eligible if fig == "flag_fatigue" else f.no_benefit_eligible
    return [p for p in model.members(f, u) if p in elig]


def _flag_figures(fb, fc, u, fig, ch, k, lab, name_of, hb):
    """A survey flag's change: its counts are the reports' (attack.py
    attacks them per report; overtime.py does not model flags, which
    read training and tool use besides answers); McNemar's discordant
    pairs, over a family that is the same on both sides, are a
    cross-wave sum over it: one unknown per person and pair of answer
    sets, as for a paired mean."""
    sb, sc = _family(fb, u, fig), _family(fc, u, fig)
    _checks(fig, ch, sb, sc, k, lab, len(hb))
    if ch["reason"] != "shown" or ch["test"] != "mcnemar":
        return []
    var = ("count", "any")
    items = []
    for p in sb:
        a, b = name_of(fb, p, var), name_of(fc, p, var)
        if fig == "flag_fatigue":
            # the flag reads answers in a window that moves with the
            # as-of date: a value of the answers and the date
            a, b = a + "@" + fb.as_of, b + "@" + fc.as_of
        if a != b:        # else flagged alike both times: a known 0
            items.append("%s|%s" % (a, b))
    return [Figure(("cross", fig), "compare", lab + ".pairs", items,
                   None, 0, "%s: flagged one time only, over the family "
                   "(from the interval)" % lab)]


def group_figures(fb, fc, u, fig, ch, k, lab, name_of):
    """Figures of one survey change (see the module's docstring); [] for
    a figure that is not a survey answer (published per person)."""
    extra = set(ch) - FIELDS
    if extra:
        raise ModelError("%s: unmodelled: %s" % (lab, ", ".join(sorted(extra))))
    if fig.startswith(NOT_SURVEY):
        return []
    hb, hc = model.members(fb, u), model.members(fc, u)
    if ch["test"] == "mcnemar" and set(hb) != set(hc):
        raise ModelError("%s: McNemar over different people" % lab)
    if fig in SURVEY_FLAGS:
        return _flag_figures(fb, fc, u, fig, ch, k, lab, name_of, hb)
    var, c, how = _var(fb, fig)
    sb, sc = _side(fb, u, c), _side(fc, u, c)
    _checks(fig, ch, sb, sc, k, lab, len(hb) if fig == "response_rate" else len(sb))
    figs = []
    for f, ppl, key, cnt in ((fb, sb, "base", "base_count"),
                             (fc, sc, "current", "current_count")):
        v = num(ch[key]) if how != "count" else count(ch[cnt])
        if v is not None and ppl:
            figs.append(_first(f, var, how, ppl, v, c, "%s.%s" % (lab, key), name_of))
    if ch["reason"] != "shown" or ch["test"] in ("two_proportion", "mcnemar", "none"):
        return figs
    if ch["test"] in ("welch", "paired_t"):
        for f, ppl, side in ((fb, sb, "base"), (fc, sc, "current")):
            figs.append(Figure(("sq", fig), "compare", "%s.%s²" % (lab, side),
                               [name_of(f, p, var) for p in ppl], None, 0,
                               "%s: Σx² of the %s side (from the interval)" % (lab, side)))
    if ch["test"] == "paired_t":
        # a person whose answers are the same on both sides has the same
        # value of a mean: their difference is a known 0, in no unknown
        # (not so a ratio's linearised value, which moves with the
        # group's ratio)
        pairs = [(name_of(fb, p, var), name_of(fc, p, var)) for p in sb]
        figs.append(Figure(("cross", fig), "compare", lab + ".pairs",
                           ["%s|%s" % ab for ab in pairs
                            if ab[0] != ab[1] or how in ("items", "net")], None, 0,
                           "%s: Σ x_base·x_current over the panel (from the "
                           "interval)" % lab))
    return figs


def figures(doc, fb, fc, k, name, name_of):
    """Every figure of an `airs compare` JSON document doc, whose base is
    described by facts fb and current by fc.  name_of(facts, person,
    var) names a person's unknown by the answers it is made of."""
    figs = []
    for grp in doc["groups"]:
        u = ORG if grp["unit_id"] is None else grp["unit_id"]
        for fig, ch in grp["figures"].items():
            lab = "%s[%s].%s" % (name, "organisation" if u is ORG else u, fig)
            figs += group_figures(fb, fc, u, fig, ch, k, lab, name_of)
    return figs

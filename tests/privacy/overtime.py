#!/usr/bin/python3
"""The privacy attacker across time (issue 17; methodology 4.1,
"Anonymity across time").

    overtime.py --airs AIRS [--sample DIR] [--seeds N] [--first-seed S]
                [--carry-forward]

Reports of one organisation at different as-of dates, from an export
taken during its second survey wave and one taken after it (some
people answered one wave only), are attacked together: every survey figure of every report is a sum
over people of a value made of *particular answers* (model.Facts.used),
so the same answer read by two reports is one unknown and different
answers are different unknowns.  A combination of figures of any of the
reports that isolates fewer than anonymity.min_group people is a leak
(exact.py, exact rational arithmetic).  The comparisons between
them - `airs compare` of each export at consecutive as-of dates and at
its first and last, and of the first export against the second - are
attacked with them (changes.py: their sides, the sums of squares and
cross-wave products their intervals reveal, panel sizes, rule 4), and
so is each comparison made again from the base's archive (`airs score
--archive`, `airs compare --base-archive`; methodology 4.8): what it
publishes is read the same way, its rule 4 from the archive's keyed
hashes.
With airs 1.1's rule (each
person's latest answer on or before the as-of date) two reports of the
sample a day apart isolate E000034; with closed waves no pair does.

--carry-forward models the old rule, to run against an airs 1.1 binary
and see the attacker find that leak (the check must be able to fail).
Standard library only (/usr/bin/python3); exit status 0 on success.
"""
import argparse
import csv
import datetime
import hashlib
import os
import random
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gen                        # noqa: E402
import changes                    # noqa: E402
import model                      # noqa: E402
from model import ModelError      # noqa: E402
from attack import Airs           # noqa: E402

# the sample's June, day by day, and a month on
SAMPLE_DATES = ["2026-06-%02d" % d for d in range(1, 31)] + ["2026-07-15"]


def _rows(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def sample_org(folder):
    """The survey part of a dataset folder as a gen.Org (units, people,
    items, answers); what the survey figures depend on."""
    org = gen.Org("sample")
    org.units = [(u["unit_id"], u.get("parent_id") or None)
                 for u in _rows(folder, "units.csv")]
    for it in _rows(folder, "survey_items.csv"):
        org.items.append(gen.Item(it["item_id"], it["construct"],
                                  int(it.get("scale_min") or 1),
                                  int(it.get("scale_max") or 5),
                                  (it.get("reverse") or "0").lower() in
                                  ("1", "true", "yes", "y"),
                                  it.get("tool_id") or None))
    people = {}
    for e in _rows(folder, "employees.csv"):
        lead = (e.get("is_leader") or "0").lower() in ("1", "true", "yes", "y")
        people[e["employee_id"]] = gen.Person(e["employee_id"], e["unit_id"], lead)
    for r in _rows(folder, "responses.csv"):
        people[r["employee_id"]].answers.setdefault(r["item_id"], []).append(
            (r["date"], int(r["value"])))
    org.people = list(people.values())
    waves = _rows(folder, "survey_waves.csv")
    if waves:
        org.waves = [(w["wave_id"], w["start"], w["end"]) for w in waves]
    return org


def _day(d):
    return datetime.date.fromisoformat(d)


def _iso(d):
    return d.isoformat()


def two_wave_exports(seed):
    """A random organisation (gen.random_org) surveyed twice, answers
    spread over each wave's days; some people answer the first wave only
    (they left), some the second only (they joined).  Two exports of it:
    one taken during the second wave, holding every record up to that
    day, and one after it.  Returns (k, [(org, [as-of dates])])."""
    rng = random.Random(seed * 104729 + 17)
    org = gen.random_org(seed)
    org.tools = None
    org.items = [it for it in org.items if not it.tool]
    w1 = (_day("2026-03-02"), _day("2026-03-20"))
    w2 = (_day("2026-06-01"), _day("2026-06-25"))
    for p in org.people:
        r = rng.random()
        only = 2 if r < 0.15 else 1 if r < 0.3 else 0
        d1 = w1[0] + datetime.timedelta(days=rng.randint(0, (w1[1] - w1[0]).days))
        d2 = w2[0] + datetime.timedelta(days=rng.randint(0, (w2[1] - w2[0]).days))
        answers = {}
        for iid, rs in p.answers.items():
            if not any(it.id == iid for it in org.items):
                continue
            v = [v for _, v in rs]
            got = []
            if only != 2 and rng.random() < 0.8:
                got.append((_iso(d1), v[0]))
            if only != 1 and (not got or rng.random() < 0.85):
                got.append((_iso(d2), v[-1]))
            if got:
                answers[iid] = got
        p.answers = answers
    if rng.random() < 0.5:
        org.waves = [("W1", _iso(w1[0]), _iso(w1[1])),
                     ("W2", _iso(w2[0]), _iso(w2[1]))]
    taken = w2[0] + datetime.timedelta(days=rng.randint(3, 20))
    a = org.copy_without_answers(set(), org.name + "-export1")
    a.waves = getattr(org, "waves", None)
    a.people = []
    for p in org.people:
        q = gen.Person(p.id, p.unit, p.leader)
        q.attrs = p.attrs
        q.answers = {i: [x for x in rs if _day(x[0]) <= taken]
                     for i, rs in p.answers.items()}
        q.training = [t for t in p.training if _day(t[2]) <= taken]
        q.assessments = [x for x in p.assessments if _day(x[2]) <= taken]
        q.usage = [u for u in p.usage if _day(u[1] + "-01") <= taken]
        a.people.append(q)
    # the first export scored at its own date or before (methodology
    # 4.1: an export taken during a wave and scored with a later as-of
    # date would publish the part of the wave it holds)
    dates_a = sorted({w1[0] + datetime.timedelta(days=rng.randint(0, 40))
                      for _ in range(3)} | {w1[1], _day("2026-03-31"), taken})
    dates_b = sorted({w2[1], _day("2026-06-30"), _day("2026-07-20"), taken,
                      w2[0] + datetime.timedelta(days=rng.randint(0, 24))})
    return org.k, [(a, [_iso(d) for d in dates_a]), (org, [_iso(d) for d in dates_b])]


def write(org, folder):
    org.write(folder)
    if getattr(org, "waves", None):
        with open(os.path.join(folder, "survey_waves.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["wave_id", "start", "end"])
            w.writerows(org.waves)


def _item(f, pid, var):
    """Person pid's unknown behind variable var: named by the answers it
    is made of, so that two reports reading the same answers share it."""
    kind, c = var
    cons = [c] if c in gen.CONSTRUCTS else list(gen.CONSTRUCTS) if c == "any" else []
    used = set()
    for x in cons:
        used |= f.used.get((pid, x), set())
    sig = "|".join(sorted("%s@%s=%s" % u for u in used))
    return "%s#%s" % (pid, hashlib.sha1(sig.encode()).hexdigest()[:12])


def figures(run, org, folder, date, k):
    """The survey figures of one report of org's dataset as of date, over
    answer-named unknowns."""
    doc = run.json("report", "--data", folder, "--as-of", date,
                   "--set", "anonymity.min_group=%d" % k, "--format", "json")
    org.as_of = date
    f = model.facts(org)
    # flag counts read training and tool use as well as answers: not
    # sums of answer-made values (attack.py covers them per report)
    figs = [g for g in model.survey_figures(f, doc) if g.var[0] != "flag"]
    bad = model.check_figures(figs, lambda g, p: model.truth(f, g.var, p))
    if bad:
        raise ModelError("%s as of %s: %s" % (org.name, date, "; ".join(bad[:3])))
    out = []
    for g in figs:
        h = model.Figure(g.var, g.family, "%s@%s" % (g.label, date),
                         [_item(f, p, g.var) for p in g.people], g.value, g.tol,
                         "%s@%s" % (g.expr, date))
        out.append(h)
    return out


# the comparisons' figures by kind of variable, for the summary
COMPARE_ROWS = {}


def compare_pairs(exports):
    """The comparisons attacked: each export at consecutive as-of dates
    and at its first and last; the first export at its last date against
    the second at each of its dates (two datasets)."""
    pairs = []
    for i, (_, dates) in enumerate(exports):
        ds = sorted(set(dates))
        pairs += [((i, a), (i, b)) for a, b in zip(ds, ds[1:])]
        if len(ds) > 2:
            pairs.append(((i, ds[0]), (i, ds[-1])))
    if len(exports) > 1:
        last = max(exports[0][1])
        pairs += [((0, last), (1, d)) for d in sorted(set(exports[1][1]))]
    return pairs


def compare_args(run, folders, pair, k, archive):
    """`airs compare` from pair[0] to pair[1]: of the data, or with the
    base from its archive."""
    (ib, db), (ic, dc) = pair
    kset = "anonymity.min_group=%d" % k
    args = ["compare", "--data", folders[ic], "--as-of", dc, "--set", kset,
            "--format", "json"]
    if archive:
        key, arc = os.path.join(run.tmp, "key"), os.path.join(run.tmp, "base.arc")
        with open(key, "wb") as f:
            f.write(b"the privacy attacker's archive key")
        run.run("score", "--data", folders[ib], "--as-of", db, "--set", kset,
                "--archive", arc, "--archive-key", key)
        return args + ["--base-archive", arc, "--archive-key", key]
    args += ["--base-as-of", db]
    if ib != ic:
        args += ["--base", folders[ib]]
    return args


def compare_figures(run, exports, folders, pair, k, name, archive=False):
    """The figures of `airs compare` from pair[0] (export, date) to
    pair[1] (changes.py); with archive, the base read from its archive."""
    (ib, db), (ic, dc) = pair
    doc = run.json(*compare_args(run, folders, pair, k, archive))
    if archive and any(c["test"] in ("paired_t", "mcnemar")
                       for g in doc["groups"] for c in g["figures"].values()):
        raise ModelError("%s: a paired test from an archive" % name)
    side = []
    for i, d in ((ib, db), (ic, dc)):
        org = exports[i][0]
        org.as_of = d
        # the employee export's adoption: who can have no_benefit
        export = run.json("score", "--data", folders[i], "--as-of", d,
                          "--format", "json")
        adoption = {e["id"]: model.num(e["components"]["adoption"]) for e in export
                    if e["components"]["adoption"] is not None}
        side.append(model.facts(org, adoption))
        side[-1].as_of = d
    return changes.figures(doc, side[0], side[1], k,
                           "%s:compare%s(%d@%s→%d@%s)" % (
                               name, "-archive" if archive else "", ib, db, ic,
                               dc), _item)


def attack(run, exports, k, tmp, name):
    """Leaks among the figures of every report of every export and of
    the comparisons between them (compare_pairs)."""
    figs, seen = [], set()
    nreports = 0
    folders = []

    def add(gs):
        for g in gs:
            key = (g.var, g.people, g.value)
            if key not in seen:      # a report repeats another's figure
                seen.add(key)
                figs.append(g)

    for i, (org, dates) in enumerate(exports):
        folder = os.path.join(tmp, "%s-%d" % (name, i))
        shutil.rmtree(folder, ignore_errors=True)
        write(org, folder)
        folders.append(folder)
        for d in dates:
            nreports += 1
            add(figures(run, org, folder, d, k))
    for pair in compare_pairs(exports):
        for archive in (False, True):
            nreports += 1
            gs = compare_figures(run, exports, folders, pair, k, name, archive)
            for g in gs:
                COMPARE_ROWS[g.var[0]] = COMPARE_ROWS.get(g.var[0], 0) + 1
            add(gs)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    found = []
    for var, s in model.systems(figs, k).items():
        for leak in s.leaks():
            who = sorted({p.split("#")[0] for p in leak.items})
            w = s.witness(leak)
            found.append("%s %s[%s]: isolates %s, e.g. %s" % (
                name, var[0], var[1], ", ".join(who),
                " + ".join("%s × %s" % (c, s.figs[j].expr) for j, c in w[:4])))
    return nreports, len(figs), found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--airs", required=True)
    ap.add_argument("--sample", help="the sample dataset folder")
    ap.add_argument("--seeds", type=int, default=40)
    ap.add_argument("--first-seed", type=int, default=1)
    ap.add_argument("--carry-forward", action="store_true",
                    help="model airs 1.1's rule (run against a 1.1 binary)")
    ap.add_argument("--dates", help="the sample's as-of dates, comma-separated "
                    "(default: every day of June 2026 and 2026-07-15)")
    args = ap.parse_args()
    model.CARRY_FORWARD = args.carry_forward
    tmp = tempfile.mkdtemp(prefix="airs-overtime-")
    run = Airs(os.path.abspath(args.airs), None, tmp)
    leaks, reports, nfigs = [], 0, 0
    try:
        if args.sample:
            if not os.path.isdir(args.sample):
                print("# no sample at %s" % args.sample)
            else:
                dates = args.dates.split(",") if args.dates else SAMPLE_DATES
                n, m, found = attack(run, [(sample_org(args.sample), dates)],
                                     5, tmp, "sample")
                reports, nfigs = reports + n, nfigs + m
                print("sample, %d as-of dates: %s" % (n, "; ".join(found[:3]) or "no leak"))
                leaks += found
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            k, exports = two_wave_exports(seed)
            n, m, found = attack(run, exports, k, tmp, "seed%d" % seed)
            reports, nfigs = reports + n, nfigs + m
            print("seed %d: %d + %d people, k %d, %d reports: %s" % (
                seed, len(exports[0][0].people), len(exports[1][0].people), k, n,
                "; ".join(found[:2]) or "no leak"))
            leaks += found
    except ModelError as e:
        print("FAIL: the model disagrees with airs: %s" % e)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("# %d reports and comparisons, %d distinct figures, %d leaks across time" %
          (reports, nfigs, len(leaks)))
    print("# comparisons' figures: %s" % ", ".join(
        "%s %d" % kv for kv in sorted(COMPARE_ROWS.items())))
    if not COMPARE_ROWS.get("cross") or not COMPARE_ROWS.get("sq"):
        print("FAIL: no comparison's interval was modelled")
        return 1
    if leaks:
        print("FAIL: a combination of reports at different dates isolates "
              "fewer than anonymity.min_group people")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

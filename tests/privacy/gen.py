"""Random organisations for the privacy attacker (tests/privacy/README.md).

An organisation is held in memory (Org) and written as a dataset folder in
the documented CSV format (docs/data-format.md).  Everything the attacker
and the checks need about it - the unit tree, who is a leader, the
attributes, every survey answer with its date - is read from the Org, not
from the files, so the files are only what airs sees.

random_org(seed) is a pure function of the seed (random.Random, whose
methods used here draw the same numbers in every Python 3 since 3.2;
standard library only).  The hand-made regression cases of issue 14 are in
cases.py.
"""
import csv
import datetime
import os
import random

AS_OF = "2026-06-30"
EARLY = "2026-02-10"       # a survey wave before the 90-day fatigue window
LATE = "2026-06-15"        # the wave inside it
ATTITUDE = ["clarity", "usefulness", "trust", "security", "support", "voice"]
CONSTRUCTS = ATTITUDE + ["recommend", "time_saved", "error_change"]


class Item:
    def __init__(self, iid, construct, lo, hi, reverse=False, tool=None):
        self.id, self.construct = iid, construct
        self.lo, self.hi, self.reverse = lo, hi, reverse
        self.tool = tool         # an item about one AI tool (tools table)


class Person:
    def __init__(self, pid, unit, leader):
        self.id, self.unit, self.leader = pid, unit, leader
        self.manager = None      # manager's id (manager groups, issue 20)
        self.attrs = {}          # name -> value (absent: not set)
        self.answers = {}        # item id -> [(date, value)]
        self.training = []       # (skill, hours, date, status)
        self.usage = []          # (tool, period, days)
        self.assessments = []    # (skill, level, date, source)


class Org:
    """units: list of (id, parent id or None) in creation order."""

    def __init__(self, name):
        self.name = name
        self.units = []
        self.people = []
        self.items = []
        self.k = 5
        self.as_of = AS_OF
        self.attributes = []     # attribute names written to employees.csv
        # the tool registry, tools.csv: [(id, sanctioned)]; None: no file
        self.tools = None
        # audits to run: [(attribute names, outcomes)]; None: the default
        # plan of attack.py
        self.audits = None

    def item(self, iid):
        for it in self.items:
            if it.id == iid:
                return it
        raise KeyError(iid)

    def copy_without_answers(self, ids, name=None):
        """The same organisation with every answer of the people `ids`
        removed (for the participation check)."""
        o = Org(name or self.name + "-without")
        o.units, o.items, o.k, o.as_of = self.units, self.items, self.k, self.as_of
        o.attributes, o.audits, o.tools = self.attributes, self.audits, self.tools
        for p in self.people:
            q = Person(p.id, p.unit, p.leader)
            q.attrs, q.training, q.usage = p.attrs, p.training, p.usage
            q.assessments, q.manager = p.assessments, p.manager
            q.answers = {} if p.id in ids else p.answers
            o.people.append(q)
        return o

    def copy_redrawn(self, seed):
        """The same organisation, the same participation (who answered
        which item when), answer values drawn again: what may change
        between the two is exactly what depends on answer values."""
        rng = random.Random(seed)
        o = Org(self.name + "-redrawn")
        o.units, o.items, o.k, o.as_of = self.units, self.items, self.k, self.as_of
        o.attributes, o.audits, o.tools = self.attributes, self.audits, self.tools
        for p in self.people:
            q = Person(p.id, p.unit, p.leader)
            q.attrs, q.training, q.usage = p.attrs, p.training, p.usage
            q.assessments, q.manager = p.assessments, p.manager
            for iid, rs in p.answers.items():
                it = self.item(iid)
                q.answers[iid] = [(d, rng.randint(it.lo, it.hi)) for d, _ in rs]
            o.people.append(q)
        return o

    def shards(self, seed):
        """Two organisations with the same units and items and the people
        split between them (for sharded scoring and merged partials)."""
        rng = random.Random(seed)
        a, b = Org(self.name + "-a"), Org(self.name + "-b")
        for o in (a, b):
            o.units, o.items, o.k, o.as_of = self.units, self.items, self.k, self.as_of
            o.attributes, o.audits, o.tools = self.attributes, self.audits, self.tools
        for p in self.people:
            (a if rng.random() < 0.5 else b).people.append(p)
        # each shard holds some usage and training data, as the whole
        # does: otherwise adoption or training would be absent in one
        # shard and present in the whole, and the merge would differ
        for x, y in ((a, b), (b, a)):
            for need in ("usage", "training"):
                if not any(getattr(q, need) for q in x.people):
                    give = [q for q in y.people if getattr(q, need)]
                    if give and len(y.people) > 1:
                        y.people.remove(give[0])
                        x.people.append(give[0])
            if not x.people:
                x.people.append(y.people.pop())
        return a, b

    def write(self, folder):
        write_dataset(self, folder)


def _w(folder, name, header, rows):
    with open(os.path.join(folder, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def write_dataset(org, folder):
    os.makedirs(folder, exist_ok=True)
    _w(folder, "units.csv", ["unit_id", "name", "parent_id", "target_level"],
       [(u, "Unit " + u, p or "", "" if p else 3) for u, p in org.units])
    _w(folder, "roles.csv", ["role_id", "name"],
       [("staff", "Staff"), ("lead", "Team lead")])
    _w(folder, "skills.csv", ["skill_id", "name"],
       [("prompting", "Prompting"), ("data", "Data")])
    _w(folder, "role_skills.csv", ["role_id", "skill_id", "required_level"],
       [("staff", "prompting", 3), ("staff", "data", 2),
        ("lead", "prompting", 2), ("lead", "data", 3)])
    attrs = org.attributes
    here = {p.id for p in org.people}   # a shard holds some managers only
    _w(folder, "employees.csv",
       ["employee_id", "unit_id", "role_id", "is_leader", "manager_id"] +
       ["attr_" + a for a in attrs],
       [[p.id, p.unit, "lead" if p.leader else "staff", int(p.leader),
         p.manager if p.manager in here else ""] +
        [p.attrs.get(a, "") for a in attrs] for p in org.people])
    _w(folder, "survey_items.csv",
       ["item_id", "construct", "scale_min", "scale_max", "reverse", "text", "tool_id"],
       [(it.id, it.construct, it.lo, it.hi, int(it.reverse), "Item " + it.id,
         it.tool or "") for it in org.items])
    if org.tools is not None:
        _w(folder, "tools.csv", ["tool_id", "name", "sanctioned"],
           [(t, "Tool " + t, "yes" if ok else "no") for t, ok in org.tools])
    _w(folder, "responses.csv", ["employee_id", "item_id", "value", "date"],
       [(p.id, iid, v, d) for p in org.people
        for iid, rs in sorted(p.answers.items()) for d, v in rs])
    _w(folder, "training.csv", ["employee_id", "skill_id", "hours", "date", "status"],
       [(p.id,) + t for p in org.people for t in p.training])
    _w(folder, "usage.csv", ["employee_id", "tool_id", "period", "active_days"],
       [(p.id,) + u for p in org.people for u in p.usage])
    _w(folder, "assessments.csv", ["employee_id", "skill_id", "level", "date", "source"],
       [(p.id,) + a for p in org.people for a in p.assessments])


def _date(rng, first, last):
    a = datetime.date.fromisoformat(first)
    b = datetime.date.fromisoformat(last)
    return (a + datetime.timedelta(days=rng.randint(0, (b - a).days))).isoformat()


def _pick(rng, weighted):
    x = rng.random() * sum(w for _, w in weighted)
    for v, w in weighted:
        x -= w
        if x < 0:
            return v
    return weighted[-1][0]


def random_items(rng):
    """2 to 9 constructs, 1 to 3 items each, with various scales."""
    cons = rng.sample(CONSTRUCTS, rng.randint(2, 9))
    items, n = [], 0
    for c in CONSTRUCTS:
        if c not in cons:
            continue
        for _ in range(rng.choice([1, 1, 2, 3] if c in ATTITUDE else [1, 1, 2])):
            n += 1
            iid = "Q%02d" % n
            if c == "time_saved":
                items.append(Item(iid, c, 0, 8))       # hours a week
            elif c == "recommend":
                items.append(Item(iid, c, 0, 10))
            else:
                lo, hi = rng.choice([(1, 5), (1, 5), (1, 7), (0, 4)])
                items.append(Item(iid, c, lo, hi, rng.random() < 0.25))
    return items


def add_tools(org, rng):
    """Issue 18: more AI tools than chat, with their own random stream
    (so the rest of the organisation is drawn as before): sometimes a
    registry (sheets sanctioned, homebot not; plugin used but not listed),
    use that starts late, stops early or lasts, and items about one tool
    answered by some of its users."""
    if rng.random() < 0.25:
        return
    if rng.random() < 0.7:
        org.tools = [("chat", True), ("sheets", True), ("homebot", False)]
    n = len(org.items)
    org.items = org.items + [
        Item("T%02d" % (n + 1), "usefulness", 1, 5, tool="chat"),
        Item("T%02d" % (n + 2), "time_saved", 0, 8, tool="sheets"),
        Item("T%02d" % (n + 3), "usefulness", 1, 5, rng.random() < 0.3, tool="homebot")]
    tool_items = org.items[n:]
    share = {"sheets": rng.uniform(0.1, 0.6), "homebot": rng.uniform(0.0, 0.3),
             "plugin": rng.uniform(0.0, 0.2)}
    answer = rng.uniform(0.3, 0.9)
    for p in org.people:
        used = {t for t, _, d in p.usage if d > 0}
        for tool, sh in sorted(share.items()):
            if rng.random() >= sh:
                continue
            first = rng.choice([1, 1, 1, 2, 3, 5, 6])
            last = rng.choice([6, 6, 6, 4, 3])
            if last < first:
                first, last = last, first
            heavy = rng.random() < 0.4
            for m in range(first, last + 1):
                p.usage.append((tool, "2026-%02d" % m,
                                rng.randint(8, 20) if heavy else rng.randint(0, 9)))
            used.add(tool)
        for it in tool_items:
            if it.tool in used and rng.random() < answer:
                p.answers[it.id] = [(LATE, rng.randint(it.lo, it.hi))]


def add_managers(org, rng):
    """A management line (issue 20): each person reports, now and then,
    to someone added before them (so no cycle) - mostly a leader of their
    own unit or its parent, sometimes anyone, so that teams straddle
    units, units have several managers and a unit can be one manager and
    their team."""
    parent = dict(org.units)
    for i, p in enumerate(org.people):
        if not i or rng.random() < 0.15:
            continue
        before = org.people[:i]
        near = [q for q in before if q.leader and
                q.unit in (p.unit, parent.get(p.unit))]
        pool = near if near and rng.random() < 0.7 else before
        p.manager = rng.choice(pool).id


def random_org(seed):
    rng = random.Random(seed)
    org = Org("seed%d" % seed)
    org.k = _pick(rng, [(5, 6), (4, 2), (3, 2)])
    nu = rng.randint(3, 30)
    for i in range(nu):
        uid = "U%02d" % (i + 1)
        parent = None
        if i and not (i < 3 and rng.random() < 0.15):   # now and then a second root
            parent = "U%02d" % rng.randint(max(1, i - rng.choice([1, 2, 4, 30])), i)
        org.units.append((uid, parent))
    org.items = random_items(rng)
    lead_share = rng.uniform(0.10, 0.50)
    silent = rng.uniform(0.05, 0.4)         # share who answer nothing
    answer = rng.uniform(0.5, 0.95)         # chance to answer an item
    early = rng.uniform(0.0, 0.6)           # share who also answered the early wave
    org.attributes = ["gender", "age_band", "site"]
    gender = [("f", 45), ("m", 45), ("x", rng.choice([0, 2, 4])),
              ("y", rng.choice([0, 1, 3])), (None, rng.choice([0, 1, 3]))]
    age = [("18-29", 20), ("30-39", 30), ("40-49", 25), ("50-64", 20),
           ("65+", rng.choice([0, 1, 3])), (None, rng.choice([0, 2]))]
    site = [("HQ", 50), ("North", 30), ("South", rng.choice([2, 15])),
            ("Remote", rng.choice([1, 5])), (None, 1)]
    n = 0
    for uid, _ in org.units:
        for _ in range(rng.choice([0, rng.randint(1, 12), rng.randint(1, 12)])):
            n += 1
            p = Person("E%04d" % n, uid, rng.random() < lead_share)
            for name, dist in (("gender", gender), ("age_band", age), ("site", site)):
                v = _pick(rng, dist)
                if v is not None:
                    p.attrs[name] = v
            if rng.random() >= silent:
                both = rng.random() < early
                for it in org.items:
                    if rng.random() >= answer:
                        continue
                    rs = []
                    if both and rng.random() < 0.8:
                        rs.append((EARLY, rng.randint(it.lo, it.hi)))
                    if not rs or rng.random() < 0.9:
                        rs.append((LATE, rng.randint(it.lo, it.hi)))
                    p.answers[it.id] = rs
            for _ in range(rng.choice([0, 1, 1, 2, 3])):
                recent = rng.random() < 0.4
                p.training.append((rng.choice(["prompting", "data"]),
                                   rng.randint(2, 25),
                                   _date(rng, "2026-04-15", AS_OF) if recent
                                   else _date(rng, "2025-06-01", "2026-03-31"),
                                   "completed"))
            if rng.random() < 0.7:
                heavy = rng.random() < 0.5
                for m in range(1, 7):
                    d = rng.randint(6, 20) if heavy else rng.randint(0, 8)
                    p.usage.append(("chat", "2026-%02d" % m, d))
            for s in ("prompting", "data"):
                if rng.random() < 0.7:
                    p.assessments.append((s, rng.randint(0, 5),
                                          _date(rng, "2025-06-01", AS_OF),
                                          rng.choice(["self", "test", "manager"])))
            org.people.append(p)
    add_tools(org, random.Random(seed * 7919 + 18))
    add_managers(org, random.Random(seed * 7919 + 20))
    if len(org.people) < 2:                 # an empty organisation tests nothing
        other = random_org(seed + 1000003)
        other.name = org.name
        return other
    # something dated on the as-of date, so that the default as-of date is
    # the same for every variant of this organisation
    if org.people:
        org.people[0].training.append(("data", 1, AS_OF, "completed"))
    return org

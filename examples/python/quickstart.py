#!/usr/bin/env python3
"""Quick start: load the bundled sample company, print the organisation
summary, explain one employee's readiness and plan their learning.

    PYTHONPATH=bindings/python python3 examples/python/quickstart.py [DIR]

The library is found through AIRS_LIBRARY, the build tree or the system
path (see docs/python.md).
"""
import math
import os
import sys

import airs

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "data", "sample")


def fmt(x: float) -> str:
    return "-" if math.isnan(x) else "%.1f" % x


def main() -> None:
    folder = sys.argv[1] if len(sys.argv) > 1 else SAMPLE
    with airs.Workforce.load(folder) as wf:
        result = wf.score({"as_of": "2026-06-30"})

    org = result.org
    print("airs %s - %d employees, as of %s" % (airs.library_version, org.headcount,
                                                result.as_of))
    print("readiness: mean %s, median %s" % (fmt(org.readiness_mean),
                                             fmt(org.readiness_median)))
    print("maturity levels 1-5:", " ".join(str(n) for n in org.levels[1:]))
    print("below their unit's target: %.0f%%" % (100 * org.below_target_share))
    print("flags:", ", ".join("%s %s" % (f, "suppressed" if n is None else n)
                              for f, n in org.flags))
    print()
    print("%-12s %5s %9s %6s" % ("unit", "staff", "readiness", "target"))
    for u in result.units:
        if u.depth <= 1:
            print("%-12s %5d %9s %6s" % ("  " * u.depth + u.id, u.headcount,
                                         fmt(u.readiness_mean), u.target or "-"))

    # The employee furthest below target, and why.
    gaps = result.column("gap_points")
    worst = max(range(len(result)), key=lambda i: -1 if math.isnan(gaps[i]) else gaps[i])
    e = result.employee(result.ids[worst])
    print()
    print("%s (%s, %s): readiness %s, level %d of target %d, barrier %s, flags %s"
          % (e.id, e.role_id, e.unit_id, fmt(e.readiness), e.level, e.target,
             e.barrier, ", ".join(e.flags) or "none"))
    for line in result.explain(e.id):
        what = line.skill_id or line.component
        print("  %-22s %-12s %6.2f points" % (what, line.status, line.points))

    # A 40-hour learning plan for the same person.
    plan = result.plan(e.id, budget_hours=40)
    print()
    print("plan, 40 h: %.1f h used, readiness %s -> %s (level %d -> %d)"
          % (plan.hours, fmt(plan.readiness), fmt(plan.projected), plan.level,
             plan.projected_level))
    for step in plan.steps:
        print("  %5.1f h  %s" % (step.hours, step.reason))
    if plan.reachable:
        print("  target reachable in about %.0f weeks of learning" % plan.target_weeks)


if __name__ == "__main__":
    main()

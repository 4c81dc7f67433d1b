#!/usr/bin/python3
"""Check the C library against the pandas reference on one dataset.

    python3 compare.py --dump BUILD/tests/bench/airs-score-dump DIR
                       [--as-of YYYY-MM-DD] [--tolerance 1e-9] [--max-report 20]

Runs airs-score-dump and reference.py on DIR with
privacy.individual_sentiment = 0 and = 1 and compares, per employee,
readiness, its range and evidence, level, target, gaps, components,
skill coverage, coverage bits and flags, and per unit and per manager
group (direct reports, whole line) every rollup field (with the as-of
date each chose) (the 95% intervals of
methodology 4.3 where SciPy and statsmodels are installed).  Numbers must agree within the
tolerance (absolute); NaN must match NaN.  Exits 0 when everything agrees,
1 on any mismatch (listing the first few), 77 when pandas is missing.
"""
import argparse
import math
import os
import subprocess
import sys
import tempfile

try:
    import pandas as pd
except ImportError:  # the meson test is skipped, not failed
    print("pandas is not importable; skipping")
    sys.exit(77)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference  # noqa: E402

EMP_NUM = ["readiness", "gap_levels", "gap_points", "skill", "training",
           "sentiment", "adoption", "skill_coverage", "readiness_low",
           "readiness_high"]
EMP_INT = ["level", "target", "coverage", "withheld", "flags", "evidence"]
UNIT_NUM = ["readiness_mean", "readiness_median", "gap_mean",
            "below_target_share"]
UNIT_INT = ["headcount", "scored", "levels_unknown", "levels_1", "levels_2",
            "levels_3", "levels_4", "levels_5", "target", "with_target",
            "insufficient", "as_of"]


def differ(a, b, tol):
    na, nb = isinstance(a, float) and math.isnan(a), isinstance(b, float) and math.isnan(b)
    if na or nb:
        return na != nb
    return abs(float(a) - float(b)) > tol


def compare(c, r, key, nums, ints, tol, label):
    """Rows of c (C) and r (reference) joined on key; returns mismatches."""
    bad = []
    c = c.set_index(key)
    r = r.set_index(key)
    for k in sorted(set(c.index) ^ set(r.index)):
        bad.append((label, k, "<row>", k in c.index, k in r.index))
    both = c.index.intersection(r.index)
    c, r = c.loc[both], r.loc[both]
    for col in nums + ints:
        cv, rv = c[col].astype(float), r[col].astype(float)
        for k, x, y in zip(both, cv, rv):
            if differ(x, y, tol if col in nums else 0):
                bad.append((label, k, col, x, y))
    return bad


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--dump", required=True, help="airs-score-dump program")
    ap.add_argument("--as-of")
    ap.add_argument("--tolerance", type=float, default=1e-9)
    ap.add_argument("--max-report", type=int, default=20)
    o = ap.parse_args(argv)

    env = dict(os.environ, LC_ALL="C")
    data = reference.load(o.dir)
    T = (int((pd.Timestamp(o.as_of) - reference.EPOCH).days) if o.as_of
         else reference.latest_date(data))
    bad = []
    with tempfile.TemporaryDirectory() as tmp:
        for optin in (0, 1):
            ce, cu = (os.path.join(tmp, "c-%s-%d.csv" % (x, optin)) for x in "eu")
            cm = os.path.join(tmp, "c-m-%d.csv" % optin)
            args = [o.dump, o.dir, ce, cu, "--individual-sentiment", str(optin),
                    "--managers", cm]
            if o.as_of:
                args += ["--as-of", o.as_of]
            subprocess.run(args, check=True, env=env)
            out = reference.score(data, T, bool(optin))
            re_ = out.reset_index()
            ru = reference.rollup(data, out).reset_index()
            ru["as_of"] = T  # section 2: the date both chose
            c_e = pd.read_csv(ce, dtype={"employee_id": str, "unit_id": str})
            c_u = pd.read_csv(cu, dtype={"unit_id": str}, keep_default_na=False,
                              na_values=[""])
            c_u["unit_id"] = c_u["unit_id"].fillna("")
            ru["unit_id"] = ru["unit_id"].fillna("")
            # Flags the C result could not evaluate are 0 on both sides.
            tag = "individual_sentiment=%d" % optin
            bad += compare(c_e, re_, "employee_id", EMP_NUM, EMP_INT,
                           o.tolerance, "employee " + tag)
            bad += compare(c_u, ru, "unit_id", UNIT_NUM, UNIT_INT,
                           o.tolerance, "unit " + tag)
            # SciPy's t quantile is good to about 1e-9 relative, so the
            # intervals agree to 1e-9 of the scale (readiness 0..100)
            ci = [c for c in reference.CI_COLUMNS if c in ru.columns]
            if not ci and optin == 0:
                print("SciPy or statsmodels is missing: intervals not "
                      "compared")
            bad += compare(c_u, ru, "unit_id", ci, [], 1e-7,
                           "unit interval " + tag)
            # manager groups (methodology 4.4) over the transitive closure
            # of manager_id: the same fields but the target (none)
            rm = reference.managers(data, out).reset_index()
            rm["as_of"] = T
            c_m = pd.read_csv(cm, dtype={"unit_id": str}, keep_default_na=False,
                              na_values=[""])
            bad += compare(c_m, rm, "unit_id", UNIT_NUM, UNIT_INT,
                           o.tolerance, "manager group " + tag)
            bad += compare(c_m, rm, "unit_id", ci, [], 1e-7,
                           "manager group interval " + tag)
            print("%s: %d employees, %d units, %d manager groups compared" %
                  (tag, len(c_e), len(c_u), len(c_m)))
    if not bad:
        print("OK: C and the pandas reference agree within %g" % o.tolerance)
        return 0
    by_field = {}
    for b in bad:
        by_field.setdefault((b[0], b[2]), []).append(b)
    print("%d MISMATCHES (label, id, field, C, reference):" % len(bad))
    for (label, field), rows in sorted(by_field.items()):
        print("  %s %s: %d rows" % (label, field, len(rows)))
        for b in rows[:o.max_report]:
            print("    %s %s: C=%r ref=%r" % (b[1] or "<org>", field, b[3], b[4]))
    return 1


if __name__ == "__main__":
    sys.exit(main())

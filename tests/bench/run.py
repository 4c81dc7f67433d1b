#!/usr/bin/python3
"""Benchmark airs against the pandas reference and against `wc -l`.

    python3 tests/bench/run.py [--sizes 10000,100000,1000000] [--runs 3]
                               [--quick] [--build-dir build]

Generates one company per size with airs-gen (seed 1), cached under
tests/bench/cache/ (git-ignored), then runs each measurement --runs times
and reports the median:

  airs load / score / rollup / write   phases inside airs-score-dump
                                       (load includes airs_model_finish)
  airs end to end                      wall time of airs-score-dump: load,
                                       score, read every unit, write CSVs
  airs peak RSS                        of that process (GNU time %M, else wait4)
  wc -l                                `wc -l` over the same CSV files
  pandas end to end, peak RSS          tests/bench/reference.py, same outputs

and prints a Markdown table with the ratios (pandas / airs, airs / wc -l)
and the growth of the airs end-to-end time from size to size.  There is no
export module on this branch, so export is reported as n/a.

--quick: one run on 1,000 employees, only to check that everything runs
(the meson test `bench-smoke`); its numbers mean nothing.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
SEED = 1


def run(cmd, **kw):
    """Run cmd; return (wall seconds, peak RSS in bytes, stderr text)."""
    # GNU time measures the program alone; a forked child's own rusage
    # would include the pre-exec pages of this Python process.
    rss_file = None
    if os.access("/usr/bin/time", os.X_OK):
        fd, rss_file = tempfile.mkstemp(prefix="airs-bench-rss-")
        os.close(fd)
        cmd = ["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         env=dict(os.environ, LC_ALL="C"), **kw)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode:
        sys.exit("%s failed (%d):\n%s" % (" ".join(cmd), p.returncode,
                                          err.decode(errors="replace")))
    rss = ru.ru_maxrss * 1024
    if rss_file:
        with open(rss_file) as f:
            rss = int(f.read().split()[-1]) * 1024
        os.unlink(rss_file)
    return wall, rss, err.decode()


def dataset(gen, n):
    d = os.path.join(HERE, "cache", "gen-%d-s%d" % (n, SEED))
    if not os.path.exists(os.path.join(d, "usage.csv")):
        os.makedirs(d, exist_ok=True)
        print("generating %d employees into %s" % (n, d), file=sys.stderr)
        subprocess.run([gen, "--employees", str(n), "--seed", str(SEED),
                        "--out", d], check=True, stdout=subprocess.DEVNULL)
    files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".csv"))
    return d, files, sum(os.path.getsize(f) for f in files)


def median_of(samples):
    return {k: statistics.median(s[k] for s in samples) for k in samples[0]}


def measure(dump, d, files, runs, pandas):
    tmp = tempfile.mkdtemp(prefix="airs-bench-")
    e, u = os.path.join(tmp, "e.csv"), os.path.join(tmp, "u.csv")
    samples = []
    for _ in range(runs):
        s = {}
        wall, rss, err = run([dump, d, e, u, "--times"])
        for line in err.splitlines():
            k, v = line.split()
            s[k] = float(v)
        s["airs"], s["airs_rss"] = wall, rss
        s["wc"], _, _ = run(["wc", "-l"] + files)
        if pandas:
            s["pandas"], s["pandas_rss"], _ = run(
                [PYTHON, os.path.join(HERE, "reference.py"), d, e, u])
        samples.append(s)
    for f in (e, u):
        os.unlink(f)
    os.rmdir(tmp)
    return median_of(samples)


def fmt_s(x):
    return "n/a" if x is None else ("%.3f s" % x if x < 10 else "%.1f s" % x)


def fmt_mb(x):
    return "n/a" if x is None else "%.0f MB" % (x / 1e6)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    ap.add_argument("--no-pandas-above", type=int, default=None,
                    help="skip the pandas reference for larger sizes")
    o = ap.parse_args(argv)
    if o.quick:
        o.sizes, o.runs = "1000", 1
    sizes = [int(x) for x in o.sizes.split(",")]
    dump = os.path.join(o.build_dir, "tests", "bench", "airs-score-dump")
    gen = os.path.join(o.build_dir, "examples", "airs-gen")
    for p in (dump, gen):
        if not os.access(p, os.X_OK):
            sys.exit("%s is missing: build first (ninja -C %s)" % (p, o.build_dir))
    # Not imported here: a forked child's peak RSS would include ours.
    have_pandas = subprocess.run([PYTHON, "-c", "import pandas"],
                                 stderr=subprocess.DEVNULL).returncode == 0

    rows = []
    for n in sizes:
        d, files, size = dataset(gen, n)
        pandas_here = have_pandas and (o.no_pandas_above is None or n <= o.no_pandas_above)
        m = measure(dump, d, files, o.runs, pandas_here)
        m["n"], m["size"] = n, size
        rows.append(m)
        print("measured %d employees" % n, file=sys.stderr)

    print("%d run(s) each, median; %d CPU(s); airs-score-dump from %s\n" %
          (o.runs, os.cpu_count(), o.build_dir))
    print("| employees | input | airs load | score | rollup | write | export "
          "| airs end to end | airs peak RSS | wc -l | pandas end to end "
          "| pandas peak RSS | pandas / airs | airs / wc -l |")
    print("|" + "---|" * 14)
    for m in rows:
        p = m.get("pandas")
        print("| %s | %s | %s | %s | %s | %s | n/a | %s | %s | %s | %s | %s | %s | %s |" % (
            format(m["n"], ","), fmt_mb(m["size"]), fmt_s(m["load"]),
            fmt_s(m["score"]), fmt_s(m["rollup"]), fmt_s(m["write"]),
            fmt_s(m["airs"]), fmt_mb(m["airs_rss"]), fmt_s(m["wc"]),
            fmt_s(p), fmt_mb(m.get("pandas_rss")),
            "%.1f×" % (p / m["airs"]) if p else "n/a",
            "%.1f×" % (m["airs"] / m["wc"])))
    if len(rows) > 1:
        print()
        for a, b in zip(rows, rows[1:]):
            print("growth %s → %s employees: airs end to end %.1f×, pandas %s" % (
                format(a["n"], ","), format(b["n"], ","), b["airs"] / a["airs"],
                "%.1f×" % (b["pandas"] / a["pandas"])
                if a.get("pandas") and b.get("pandas") else "n/a"))
    by = {m["n"]: m for m in rows}
    if 100000 in by:
        m = by[100000]
        print()
        if m.get("pandas"):
            print("target: 100k end to end ≥ 20× faster than pandas: %.1f× — %s" % (
                m["pandas"] / m["airs"], "met" if m["pandas"] / m["airs"] >= 20 else "NOT met"))
        r = m["airs"] / m["wc"]
        print("target: 100k within 5× of wc -l: %.1f× — %s" % (r, "met" if r <= 5 else "NOT met"))
        if 1000000 in by:
            b = by[1000000]
            g = b["airs"] / m["airs"]
            print("target: 1M end to end ≤ 11× the 100k time: %.1f× — %s" % (
                g, "met" if g <= 11 else "NOT met"))
            print("target: 1M peak RSS below the input size: %s vs %s — %s" % (
                fmt_mb(b["airs_rss"]), fmt_mb(b["size"]),
                "met" if b["airs_rss"] < b["size"] else "NOT met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

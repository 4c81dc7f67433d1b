#!/usr/bin/python3
"""Benchmark airs against the pandas reference and against `wc -l`.

    python3 tests/bench/run.py [--sizes 10000,100000,1000000] [--runs 3]
                               [--quick] [--build-dir build]

Generates one company per size with airs-gen (seed 1), cached under
tests/bench/cache/ (git-ignored), then runs each measurement --runs times
and reports the median:

  airs load / score / rollup / write   phases inside airs-score-dump
                                       (load includes airs_model_finish;
                                       write is the library's CSV export
                                       of the employees and units tables)
  airs end to end                      wall time of airs-score-dump
                                       --library-csv: load, score, read
                                       every unit, write both CSVs - the
                                       job reference.py does
  airs peak RSS                        of that process (GNU time %M, else wait4)
  export                               the library's JSON export of the
                                       whole result with provenance and
                                       input digest, timed in its own run
  org plan                             airs_plan_org, 4 hours a head,
                                       target_first (the CLI's default)
  Python / CLI end to end              python-e2e.py and `airs score
                                       --format json`: the same bytes
  wc -l                                `wc -l` over the same CSV files
  pandas end to end, peak RSS          tests/bench/reference.py, same outputs

and prints a Markdown table with the ratios (pandas / airs, airs / wc -l)
and the growth of the airs end-to-end time from size to size.

--quick: one run on 1,000 employees, only to check that everything runs
(the meson test `bench-smoke`); its numbers mean nothing.
"""
import argparse
import json
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


class Timeout(Exception):
    pass


def run(cmd, timeout=None, env=None):
    """Run cmd; return (wall seconds, peak RSS in bytes, stderr text).
    Raises Timeout (after killing it) when it runs longer than timeout."""
    # GNU time measures the program alone; a forked child's own rusage
    # would include the pre-exec pages of this Python process.
    rss_file = None
    if os.access("/usr/bin/time", os.X_OK):
        fd, rss_file = tempfile.mkstemp(prefix="airs-bench-rss-")
        os.close(fd)
        cmd = ["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd
    t0 = time.perf_counter()
    errf = tempfile.TemporaryFile()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errf,
                         env=dict(env or os.environ, LC_ALL="C"),
                         start_new_session=True)
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if timeout and time.perf_counter() - t0 > timeout:
            os.killpg(p.pid, 9)
            os.wait4(p.pid, 0)
            if rss_file:
                os.unlink(rss_file)
            raise Timeout()
        time.sleep(0.005)
    errf.seek(0)
    err = errf.read()
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
    out = {}
    for k in samples[0]:
        v = [s[k] for s in samples if s.get(k) is not None]
        out[k] = statistics.median(v) if v else None
    return out


def python_env(lib):
    """The environment of python-e2e.py: AIRS_LIBRARY, and the bindings'
    bytecode compiled beside them (git-ignored __pycache__), as an
    installed package has it (pip compiles on install).  Without it a
    PYTHONDONTWRITEBYTECODE in the environment made every run compile
    the bindings from source: 120-130 million instructions (callgrind,
    of 7,200 million at 100k), 0.1-0.15 s of CPU that the CLI has no
    counterpart for.  Best effort: a read-only tree compiles per run."""
    env = dict(os.environ, AIRS_LIBRARY=lib)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([PYTHON, "-m", "compileall", "-q",
                    os.path.join(ROOT, "bindings", "python", "airs")],
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return env


def measure(dump, d, files, runs, pandas, timeout, n=0, cli=None, lib=None):
    tmp = tempfile.mkdtemp(prefix="airs-bench-")
    e, u = os.path.join(tmp, "e.csv"), os.path.join(tmp, "u.csv")
    x = os.path.join(tmp, "x.json")
    samples = []
    timed_out = False
    for _ in range(runs):
        s = {}
        if not timed_out:
            try:
                # end to end: load, score, the library's CSV exports
                wall, rss, err = run([dump, d, e, u, "--times",
                                      "--library-csv"], timeout)
                s["airs"], s["airs_rss"] = wall, rss
                # the JSON export of everything (with the input digest)
                _, _, xerr = run([dump, d, "-", "-", "--times", "--export",
                                  x], timeout)
                s["export"] = float([ln.split()[1] for ln in xerr.splitlines()
                                     if ln.startswith("export ")][0])
                # the organisation plan, 4 hours a head, timed on its own
                _, _, perr = run([dump, d, "-", "-", "--times",
                                  "--plan-hours", str(4 * n)], timeout)
                s["plan"] = float([ln.split()[1] for ln in perr.splitlines()
                                   if ln.startswith("plan ")][0])
                # the same job from Python and from the CLI
                if cli and lib:
                    env_py = python_env(lib)
                    s["python_e2e"], _, _ = run(
                        [PYTHON, os.path.join(HERE, "python-e2e.py"), d, x],
                        timeout, env=env_py)
                    s["cli_e2e"], _, _ = run(
                        [cli, "score", "--data", d, "--format", "json",
                         "--output", x], timeout)
            except Timeout:
                timed_out = True
        if timed_out:
            # Scoring does not finish in time: time the load alone, and
            # the memory of the loaded model.
            wall, rss, err = run([dump, d, "-", "-", "--times", "--load-only"])
            s["airs"] = s["score"] = s["rollup"] = s["write"] = None
            s["airs_rss"], s["load_rss"] = None, rss
        for line in err.splitlines():
            k, v = line.split()
            s[k] = float(v)
        s["wc"], _, _ = run(["wc", "-l"] + files)
        if pandas:
            s["pandas"], s["pandas_rss"], _ = run(
                [PYTHON, os.path.join(HERE, "reference.py"), d, e, u])
        samples.append(s)
    for f in (e, u, x):
        if os.path.exists(f):
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
    ap.add_argument("--timeout", type=float, default=900,
                    help="seconds after which an airs run is stopped; the "
                         "size is then reported as not finished and only "
                         "loading is timed (default 900)")
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

    load0 = "%.1f" % os.getloadavg()[0]  # other work skews the timings
    rows = []
    for n in sizes:
        d, files, size = dataset(gen, n)
        pandas_here = have_pandas and (o.no_pandas_above is None or n <= o.no_pandas_above)
        cli = os.path.join(o.build_dir, "examples", "airs")
        lib = os.path.join(o.build_dir, "lib", "libairs.so")
        m = measure(dump, d, files, o.runs, pandas_here, o.timeout, n,
                    cli if os.access(cli, os.X_OK) else None,
                    lib if os.path.exists(lib) else None)
        m["timeout"] = o.timeout
        m["n"], m["size"] = n, size
        rows.append(m)
        # Raw medians as they come, so a long run leaves partial results.
        print("measured %d employees: %s" % (n, json.dumps(m)), file=sys.stderr)

    print("%d run(s) each, median; %d CPU(s); load average %s at the start, "
          "%s at the end; airs-score-dump from %s\n" %
          (o.runs, os.cpu_count(), load0, "%.1f" % os.getloadavg()[0], o.build_dir))
    print("| employees | input | airs load | score | rollup | write | export "
          "| airs end to end | airs peak RSS | wc -l | pandas end to end "
          "| pandas peak RSS | pandas / airs | airs / wc -l |")
    print("|" + "---|" * 14)
    table2 = []
    for m in rows:
        p = m.get("pandas")
        # An unfinished run counts as the timeout: ratios become bounds.
        done = m["airs"] is not None
        t = m["airs"] if done else m["timeout"]
        bound_lo, bound_hi = ("", "") if done else ("< ", "> ")
        m["t"], m["done"] = t, done
        table2.append("| %s | %s | %s | %s | %s |" % (
            format(m["n"], ","), fmt_s(m.get("plan")), fmt_s(m.get("python_e2e")),
            fmt_s(m.get("cli_e2e")),
            "%.2f×" % (m["python_e2e"] / m["cli_e2e"])
            if m.get("python_e2e") and m.get("cli_e2e") else "n/a"))
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            format(m["n"], ","), fmt_mb(m["size"]), fmt_s(m["load"]),
            fmt_s(m["score"]) if done else "not finished",
            fmt_s(m["rollup"]), fmt_s(m["write"]), fmt_s(m.get("export")),
            fmt_s(t) if done else "> %s (stopped)" % fmt_s(t),
            fmt_mb(m["airs_rss"]) if done else
            "%s after load" % fmt_mb(m.get("load_rss")),
            fmt_s(m["wc"]), fmt_s(p), fmt_mb(m.get("pandas_rss")),
            bound_lo + "%.1f×" % (p / t) if p else "n/a",
            bound_hi + "%.1f×" % (t / m["wc"])))
    print()
    print("| employees | org plan (4 h a head) | Python bindings end to end "
          "| CLI end to end | Python / CLI |")
    print("|---|---|---|---|---|")
    for line in table2:
        print(line)
    if len(rows) > 1:
        print()
        for a, b in zip(rows, rows[1:]):
            g = b["t"] / a["t"]
            print("growth %s → %s employees: airs end to end %s, pandas %s" % (
                format(a["n"], ","), format(b["n"], ","),
                ("%.1f×" if a["done"] and b["done"] else
                 "> %.1f×" if a["done"] else "n/a (%.1f×)") % g,
                "%.1f×" % (b["pandas"] / a["pandas"])
                if a.get("pandas") and b.get("pandas") else "n/a"))
    by = {m["n"]: m for m in rows}
    if 100000 in by:
        m = by[100000]
        print()
        pre = "" if m["done"] else "< "
        if m.get("pandas"):
            x = m["pandas"] / m["t"]
            print("target: 100k end to end ≥ 20× faster than pandas: %s%.1f× — %s" % (
                pre, x, "met" if x >= 20 and m["done"] else "NOT met"))
        r = m["t"] / m["wc"]
        print("target: 100k within 5× of wc -l: %s%.1f× — %s" % (
            "" if m["done"] else "> ", r, "met" if r <= 5 and m["done"] else "NOT met"))
        if 1000000 in by:
            b = by[1000000]
            if b["done"] and m["done"]:
                g = b["t"] / m["t"]
                print("target: 1M end to end ≤ 11× the 100k time: %.1f× — %s" % (
                    g, "met" if g <= 11 else "NOT met"))
                print("target: 1M peak RSS below the input size: %s vs %s — %s" % (
                    fmt_mb(b["airs_rss"]), fmt_mb(b["size"]),
                    "met" if b["airs_rss"] < b["size"] else "NOT met"))
            else:
                print("target: 1M end to end ≤ 11× the 100k time: NOT measured "
                      "(a run did not finish within %s)" % fmt_s(b["timeout"]))
                print("target: 1M peak RSS below the input size: NOT measured "
                      "end to end; after loading %s vs input %s" % (
                          fmt_mb(b.get("load_rss") or b.get("airs_rss")),
                          fmt_mb(b["size"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())

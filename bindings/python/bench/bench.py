"""Time Workforce.load + score + to_dataframe from Python against the same
work in C (bench_c.c), for docs/python.md.  Both sides measure process CPU
time (all threads), which stays comparable on a busy machine.

    build/examples/airs-gen --employees 100000 --seed 1 --out /tmp/x
    python3 bindings/python/bench/bench.py /tmp/x [--as-of 2026-06-30] [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import airs  # noqa: E402


def python_run(folder: str, as_of: str) -> dict:
    t0 = time.process_time()
    wf = airs.Workforce.load(folder)
    wf.finish()
    t1 = time.process_time()
    r = wf.score({"as_of": as_of})
    t2 = time.process_time()
    df = r.to_dataframe()
    t3 = time.process_time()
    assert len(df) == len(wf)
    return {"load": t1 - t0, "score": t2 - t1, "columns": t3 - t2, "total": t3 - t0}


def c_run(exe: str, folder: str, as_of: str) -> dict:
    out = subprocess.run([exe, folder, as_of], capture_output=True, text=True,
                         check=True, env=dict(os.environ, LD_LIBRARY_PATH=os.path.dirname(
                             airs.library_path))).stdout.split()
    return {out[i]: float(out[i + 1]) for i in range(0, 8, 2)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--as-of", default="2026-06-30")
    ap.add_argument("--runs", type=int, default=1)
    a = ap.parse_args()
    libdir = os.path.dirname(airs.library_path)
    root = os.path.dirname(os.path.dirname(libdir))
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "bench_c")
        subprocess.run(["cc", "-O2", "-std=c11", "-D_POSIX_C_SOURCE=200809L",
                        "-I", os.path.join(root, "include"),
                        "-I", os.path.join(os.path.dirname(libdir), "include"),
                        os.path.join(HERE, "bench_c.c"), "-o", exe,
                        "-L", libdir, "-lairs"], check=True)
        import pandas  # noqa: F401  (import cost is not part of the timing)
        for name, fn in (("C", lambda: c_run(exe, a.folder, a.as_of)),
                         ("Python", lambda: python_run(a.folder, a.as_of))):
            runs = [fn() for _ in range(a.runs)]
            best = {k: min(r[k] for r in runs) for k in runs[0]}
            print("%-7s CPU seconds: load %.3f  score %.3f  columns/to_dataframe %.3f  total %.3f"
                  % (name, best["load"], best["score"], best["columns"], best["total"]))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Every failure an example program handles prints a message.

    check-examples.py FAILMALLOC_SO SAMPLE_DIR PROGRAM [ARG...]

The examples are what users copy, so their error handling must follow the
library's one rule for messages (include/airs/common.h): each failure they
handle must reach the user as "airs: <message>", never an empty one.  The
program runs with every Nth heap allocation failing (tests/failmalloc.c)
for N from 1 to the number it makes (all of them up to 3000, then a
spread), and, when its argument is a dataset folder, on a missing folder
and on a folder with a bad row.  Each run must succeed, or exit 1 with a
non-empty message; a crash or an empty message fails the test.
"""
import os
import shutil
import subprocess
import sys
import tempfile


def run(cmd, env):
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    return p.returncode, p.stderr


def check(cmd, env, what, failures):
    rc, err = run(cmd, env)
    if rc == 0:
        return
    lines = [l for l in err.splitlines() if l.startswith("airs:")]
    if rc != 1 or not lines or not lines[-1][5:].strip():
        failures.append("%s: exit %d, stderr %r" % (what, rc, err[-300:]))


def main():
    shim, sample, prog = sys.argv[1:4]
    args = sys.argv[4:]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        count = os.path.join(tmp, "count")
        env = dict(os.environ, LD_PRELOAD=shim, AIRS_FAILMALLOC_AT="0",
                   AIRS_FAILMALLOC_COUNT=count)
        rc, err = run([prog] + args, env)
        if rc != 0:
            print("the program fails without any failure injected: %s" % err)
            return 1
        total = int(open(count).read())
        ns = list(range(1, min(total, 3000) + 1))
        ns += list(range(3001, total + 1, max(1, (total - 3000) // 500)))
        env.pop("AIRS_FAILMALLOC_COUNT")
        for n in ns:
            env["AIRS_FAILMALLOC_AT"] = str(n)
            check([prog] + args, env, "allocation %d of %d failing" % (n, total),
                  failures)
        if args:
            env = dict(os.environ)
            check([prog, os.path.join(tmp, "missing")], env, "missing folder",
                  failures)
            bad = os.path.join(tmp, "bad")
            shutil.copytree(sample, bad)
            with open(os.path.join(bad, "assessments.csv"), "a") as f:
                f.write("E000001,prompt_writing,7,2026-01-05,test\n")
            check([prog, bad], env, "bad row", failures)
            rc, err = run([prog, bad], env)
            if "assessments.csv:" not in err:
                failures.append("bad row: no file:line:column in %r" % err)
    for f in failures[:20]:
        print(f)
    print("%d runs checked (%d allocations), %d failures" %
          (len(ns) + (2 if args else 0), total, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

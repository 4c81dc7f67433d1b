#!/usr/bin/env python3
"""The airs CLI under failing allocations: complete output or an error.

A report or a score printed with a cell, a row or a section missing, and
exit status 0, is worse than no report: nothing tells the reader it is
incomplete.  The command runs with its Nth heap allocation failing
(tests/failmalloc.c), for N over every allocation it makes (all of the
first 600, then a spread of 300 more); each run must either exit 0 with
exactly the bytes of the run without failures, or exit 1 with a
non-empty message ("airs COMMAND: message") that names the cause: out of
memory, the only failure injected (a message blaming the files, such as
"the file cannot be opened", sends the user looking in the wrong place).
A crash, a silent difference, an empty or misleading message fails the
test.  AIRS_CHECK_ALL=1 in the environment checks
every allocation (minutes, not seconds).

    check-cli-failures.py SHIM AIRS SAMPLE_DIR
"""
import os
import re
import subprocess
import sys
import tempfile

MESSAGE = re.compile(r"airs( [a-z]+)?: \S")
COMMANDS = [
    ["report"],
    ["report", "--format", "html"],
    # on one thread the allocations come in one order, so each is failed
    # on its own, the input digest's among them (made on first use there)
    ["report", "--set", "threads=1"],
    ["score"],
]


def run(cmd, env):
    p = subprocess.run(cmd, env=env, capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def points(total):
    if os.environ.get("AIRS_CHECK_ALL"):
        return list(range(1, total + 1))
    ns = list(range(1, min(total, 600) + 1))
    ns += list(range(601, total + 1, max(1, (total - 600) // 300)))
    return ns


def check_command(shim, airs, sample, args, tmp):
    cmd = [airs] + args + ["--data", sample]
    count = os.path.join(tmp, "count")
    env = dict(os.environ, LD_PRELOAD=shim, AIRS_FAILMALLOC_AT="0",
               AIRS_FAILMALLOC_COUNT=count)
    rc, want, err = run(cmd, env)
    if rc != 0:
        return ["%s: fails without any failure injected: %s" % (args, err)], 0
    total = int(open(count).read())
    env.pop("AIRS_FAILMALLOC_COUNT")
    failures = []
    for n in points(total):
        env["AIRS_FAILMALLOC_AT"] = str(n)
        rc, out, err = run(cmd, env)
        what = "%s, allocation %d of %d failing" % (" ".join(args), n, total)
        if rc == 0:
            if out != want:
                failures.append("%s: exit 0 with different output "
                                "(%d bytes, want %d)" % (what, len(out), len(want)))
            continue
        lines = [l for l in err.splitlines() if MESSAGE.match(l)]
        if rc != 1 or not lines:
            failures.append("%s: exit %d, stderr %r" % (what, rc, err[-300:]))
        elif not any("out of memory" in l for l in lines):
            failures.append("%s: the message does not say out of memory: %r"
                            % (what, err[-300:]))
    return failures, len(points(total))


def main():
    shim, airs, sample = sys.argv[1:4]
    failures, runs = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for args in COMMANDS:
            f, n = check_command(shim, airs, sample, args, tmp)
            failures += f
            runs += n
    for f in failures[:20]:
        print(f)
    print("%d runs checked, %d failures" % (runs, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Byte-identity of every library output, section by section.

    check-regress.py REGRESS_DUMP AIRS_GEN SOURCE_ROOT [--update]

Runs tests/regress-dump.c on the bundled sample, the methodology's worked
example and two companies made by airs-gen (the benchmark's generator,
fixed seeds), and compares the SHA-256 of every "### " section with
tests/regress/digests.txt.  The digests were taken from the library
before a change that must not alter any output (a refactor, a split);
when an output changes on purpose, --update rewrites them and the commit
says why.  Which sections changed is printed, so a failure points at the
output that moved.  The numbers themselves are checked elsewhere (the
pandas reference, the worked examples): this test only holds them still.
"""
import hashlib
import os
import subprocess
import sys
import tempfile


def sections(text):
    out, name, lines = {}, None, []
    for line in text.splitlines(keepends=True):
        if line.startswith("### "):
            if name is not None:
                out[name] = "".join(lines)
            name, lines = line[4:].strip(), []
        else:
            lines.append(line)
    if name is not None:
        out[name] = "".join(lines)
    return out


def main():
    args = [a for a in sys.argv[1:] if a != "--update"]
    update = "--update" in sys.argv
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    dump, gen, root = args
    golden = os.path.join(root, "tests", "regress", "digests.txt")
    with tempfile.TemporaryDirectory() as tmp:
        sets = [("sample", os.path.join(root, "examples", "data", "sample")),
                ("worked", os.path.join(root, "tests", "bench", "data",
                                        "worked-example"))]
        for n, seed in ((1500, 7), (4000, 1)):
            d = os.path.join(tmp, "gen-%d-%d" % (n, seed))
            subprocess.run([gen, "--employees", str(n), "--seed", str(seed),
                            "--out", d], check=True, stdout=subprocess.DEVNULL)
            sets.append(("gen-%d-%d" % (n, seed), d))
        got = {}
        for label, d in sets:
            p = subprocess.run([dump, d], check=True, capture_output=True,
                               text=True)
            for name, body in sections(p.stdout).items():
                key = "%s: %s" % (label, name)
                got[key] = hashlib.sha256(body.encode()).hexdigest()
    if update:
        with open(golden, "w") as f:
            for k in sorted(got):
                f.write("%s  %s\n" % (got[k], k))
        print("wrote %d digests to %s" % (len(got), golden))
        return 0
    want = {}
    with open(golden) as f:
        for line in f:
            h, k = line.rstrip("\n").split("  ", 1)
            want[k] = h
    bad = 0
    for k in sorted(set(want) | set(got)):
        if want.get(k) != got.get(k):
            bad += 1
            state = ("missing" if k not in got else
                     "new" if k not in want else "changed")
            print("%s: %s" % (state, k))
    print("%d sections, %d differ" % (len(got), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

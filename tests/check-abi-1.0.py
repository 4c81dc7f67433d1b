#!/usr/bin/env python3
"""The 1.0 program (tests/test-abi-1.0.c) calls every function 1.0 published.

    check-abi-1.0.py MAP PROGRAM

Lists the symbols of node AIRS_1.0 in the symbol map and the airs_
symbols PROGRAM imports (nm -u), and fails naming any 1.0 function the
program does not call - so the promise that a 1.0 program runs unchanged
is tested over the whole 1.0 surface, not a part of it.
"""
import re
import subprocess
import sys

mapfile, prog = sys.argv[1:3]
text = open(mapfile).read()
node = re.search(r"AIRS_1\.0\s*\{(.*?)\}", text, re.S).group(1)
published = set(re.findall(r"\b(airs_\w+);", node))
out = subprocess.run(["nm", "-u", prog], capture_output=True, text=True,
                     check=True).stdout
called = {l.split()[-1].split("@")[0] for l in out.splitlines()
          if l.split() and l.split()[-1].startswith("airs_")}
missing = sorted(published - called)
for name in missing:
    print("not called by the 1.0 program: %s" % name)
print("%d functions published in 1.0, %d called" %
      (len(published), len(published & called)))
sys.exit(1 if missing else 0)

#!/usr/bin/env python3
"""A program written against a release calls every function it published.

    check-abi.py NODE MAP PROGRAM

Lists the symbols of node NODE (AIRS_1.0, AIRS_1.1, ...) in the symbol
map and the airs_ symbols PROGRAM imports (nm -u), and fails naming any
function of that node the program does not call - so the promise that a
program built against that release runs unchanged is tested over the
release's whole surface (tests/test-abi-1.0.c, tests/test-abi-1.1.c), not
a part of it.
"""
import re
import subprocess
import sys

node_name, mapfile, prog = sys.argv[1:4]
text = open(mapfile).read()
node = re.search(re.escape(node_name) + r"\s*\{(.*?)\}", text, re.S)
if not node:
    sys.exit("%s: no node %s" % (mapfile, node_name))
published = set(re.findall(r"\b(airs_\w+);", node.group(1)))
out = subprocess.run(["nm", "-u", prog], capture_output=True, text=True,
                     check=True).stdout
called = {l.split()[-1].split("@")[0] for l in out.splitlines()
          if l.split() and l.split()[-1].startswith("airs_")}
missing = sorted(published - called)
for name in missing:
    print("not called by the %s program: %s" % (node_name, name))
print("%d functions published in %s, %d called" %
      (len(published), node_name, len(published & called)))
sys.exit(1 if missing else 0)

#!/usr/bin/env python3
"""The README's C example is examples/readme.c, verbatim."""
import re
import sys

root = sys.argv[1]
readme = open(f"{root}/README.md", encoding="utf-8").read()
code = open(f"{root}/examples/readme.c", encoding="utf-8").read()
blocks = re.findall(r"```c\n(.*?)```", readme, re.S)
if code not in blocks:
    print("README.md's C example differs from examples/readme.c")
    sys.exit(1)
print("README C example == examples/readme.c")

#!/usr/bin/python3
"""Python-bindings end to end, for run.py: load a dataset folder, score it
and write the employees as JSON - what `airs score --format json` does."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "bindings", "python"))
import airs  # noqa: E402

with airs.Workforce.load(sys.argv[1]) as wf:
    data = wf.score().write("employees", "json")
with open(sys.argv[2], "wb") as f:
    f.write(data)

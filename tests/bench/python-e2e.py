#!/usr/bin/python3
"""Python-bindings end to end, for run.py: load a dataset folder, score it
and write the employees as JSON to a file - what `airs score --format json`
does, the way a Python program writes a file (Result.save streams the
export into it, as the CLI does)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "bindings", "python"))
import airs  # noqa: E402

with airs.Workforce.load(sys.argv[1]) as wf:
    wf.score().save(sys.argv[2], "employees", "json")

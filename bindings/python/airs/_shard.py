"""Splitting a dataset folder into shards of employees, and scoring shards
into rollup partials that merge into the rollup of the whole.

A shard is a dataset folder of its own (docs/data-format.md) with every
file that does not name an employee copied whole (units, roles, skills,
role skills, courses, tools, survey items: so every shard's rollup has
the same units and skills) and the rows of ``employees.csv`` and of the
per-employee files (assessments, training, responses, usage) of its
employees only.  Employee ``i`` (0-based, in ``employees.csv`` order)
goes to shard ``i % n``.  A manager in another shard is left out of the
``manager_id`` column: managers never enter a score or a rollup, and a
shard must not name an employee it does not hold.

Only canonical datasets are split (a dataset read through a mapping file
is converted first: ``airs`` reads it, but the splitter does not).
"""
from __future__ import annotations

import csv
import os
import shutil

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Dict, List, Optional, Sequence

__all__ = ["split_dataset", "PER_EMPLOYEE_FILES"]

#: The files whose rows belong to one employee (column ``employee_id``).
PER_EMPLOYEE_FILES = ("assessments.csv", "training.csv", "responses.csv",
                      "usage.csv")


def _shard_dirs(out: str, n: int) -> List[str]:
    width = len(str(n - 1))
    return [os.path.join(out, "shard-%0*d" % (width, k)) for k in range(n)]


def _split_employees(src: str, dirs: Sequence[str]) -> Dict[str, int]:
    """employees.csv round robin; the shard of every employee id."""
    n = len(dirs)
    shard_of: Dict[str, int] = {}
    with open(os.path.join(src, "employees.csv"), newline="",
              encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        rows_list = list(rows)
    col = header.index("employee_id")
    mgr = header.index("manager_id") if "manager_id" in header else -1
    for i, row in enumerate(rows_list):
        if col < len(row):
            shard_of[row[col]] = i % n
    outs = [open(os.path.join(d, "employees.csv"), "w", newline="",
                 encoding="utf-8") for d in dirs]
    try:
        writers = [csv.writer(o, lineterminator="\n") for o in outs]
        for w in writers:
            w.writerow(header)
        for i, row in enumerate(rows_list):
            k = i % n
            if 0 <= mgr < len(row) and row[mgr] and \
                    shard_of.get(row[mgr], k) != k:
                row = list(row)
                row[mgr] = ""
            writers[k].writerow(row)
    finally:
        for o in outs:
            o.close()
    return shard_of


def _split_rows(path: str, name: str, dirs: Sequence[str],
                shard_of: Dict[str, int]) -> None:
    """One per-employee file: each row to its employee's shard (a row of
    an unknown employee to shard 0, where loading reports it)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows, None)
        outs = [open(os.path.join(d, name), "w", newline="",
                     encoding="utf-8") for d in dirs]
        try:
            writers = [csv.writer(o, lineterminator="\n") for o in outs]
            if header is None:
                return
            for w in writers:
                w.writerow(header)
            col = header.index("employee_id") if "employee_id" in header else -1
            for row in rows:
                k = shard_of.get(row[col], 0) if 0 <= col < len(row) else 0
                writers[k].writerow(row)
        finally:
            for o in outs:
                o.close()


def split_dataset(src: str, n: int, out: str,
                  dirs: Optional[Sequence[str]] = None) -> List[str]:
    """Split the dataset folder ``src`` into ``n`` shard folders under
    ``out`` (``shard-0`` ... made when missing; or the folders ``dirs``)
    and return their paths.  See the module's documentation for what goes
    where."""
    if n < 1:
        raise ValueError("n must be at least 1, not %r" % (n,))
    dirs = list(dirs) if dirs is not None else _shard_dirs(out, n)
    if len(dirs) != n:
        raise ValueError("%d folders for %d shards" % (len(dirs), n))
    for d in dirs:
        os.makedirs(d, exist_ok=True)
    shard_of = _split_employees(src, dirs)
    for name in sorted(os.listdir(src)):
        path = os.path.join(src, name)
        if not name.endswith(".csv") or not os.path.isfile(path) or \
                name == "employees.csv":
            continue
        if name in PER_EMPLOYEE_FILES:
            _split_rows(path, name, dirs, shard_of)
        else:
            for d in dirs:
                shutil.copyfile(path, os.path.join(d, name))
    return dirs

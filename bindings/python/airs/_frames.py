"""Results as pandas DataFrames for analysts: one row per employee
(:func:`employees`) or per unit (:func:`units`).

The frames say "unknown" the way pandas does: NaN in float columns,
``<NA>`` in the nullable integer (``Int64``) and boolean (``boolean``)
columns, so ``isna()`` finds every value the data cannot give, and a
level or ADKAR score of 0 (the library's "unknown") never enters a mean.
No column is named like a DataFrame attribute (``df.flags`` is pandas'
own), so every column is reachable as ``df.name``.

Imported on first use: pandas is optional for the rest of the package.
"""
from __future__ import annotations

import dataclasses

from . import _ffi
from ._ffi import lib as _lib
from ._names import (ADKAR, BARRIERS, COLUMNS, COMPONENTS, EMPLOYEE_FLAGS,
                     EVIDENCE)

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from typing import Any, Dict, List, Optional, Tuple

__all__ = ["pandas", "employees", "units", "table_csv"]

def pandas(what: str) -> Tuple[Any, Any]:
    """(numpy, pandas), or ImportError saying what needs them."""
    try:
        import numpy as np
        import pandas as pd
    except ImportError as e:
        raise ImportError("airs.Result.%s() needs pandas (apt install "
                          "python3-pandas or pip install pandas); "
                          "to_records() works without it" % what) from e
    return np, pd


def _unknown_zero(np: Any, pd: Any, a: Any, dtype: str) -> Any:
    """A column where the library's 0 means unknown, with 0 as <NA>/NaN."""
    if dtype == "Int64":
        return pd.array(np.where(a == 0, None, a.astype(np.int64)).tolist(),
                        dtype="Int64")
    return np.where(a == 0, np.nan, a)


def _bits_columns(np: Any, pd: Any, data: Dict[str, Any], col: Any) -> None:
    """flag_<name> (boolean, <NA> where the flag's rule could not be
    evaluated), coverage_<component> and withheld_<component> (bool)."""
    raised = col("flags").astype(np.int64)
    known = col("flags_evaluated").astype(np.int64)
    for i, name in enumerate(EMPLOYEE_FLAGS):
        bit = 1 << i
        c = pd.array((raised & bit) != 0, dtype="boolean")
        c[(known & bit) == 0] = pd.NA
        data["flag_" + name] = c
    cov = col("coverage").astype(np.int64)
    held = col("withheld").astype(np.int64)
    for i, name in enumerate(COMPONENTS):
        data["coverage_" + name] = (cov & (1 << i)) != 0
    for i, name in enumerate(COMPONENTS):
        data["withheld_" + name] = (held & (1 << i)) != 0


def _by_index(np: Any, names: Dict[str, str], index: Any) -> Tuple[Any, Any]:
    """The ids and names of a model's units or roles (a dict in the
    model's index order) picked by an index column."""
    ids = np.array(list(names), dtype=object)
    text = np.array(list(names.values()), dtype=object)
    at = index.astype(np.int64)
    return ids[at], text[at]


# Columns read into other columns above, not copied as they are.
_AS_BITS = ("flags", "flags_evaluated", "coverage", "withheld", "is_leader",
            "unit", "role")


def employees(result: Any) -> Any:
    """Result.to_dataframe(): one row per employee, indexed by
    ``employee_id`` (docs/python.md lists the columns).  One bulk copy
    per column (airs_result_column()), none per employee."""
    np, pd = pandas("to_dataframe")
    col = lambda n: np.frombuffer(result.column(n), dtype=np.float64)
    unit_id, unit_name = _by_index(np, result._unit_names or {}, col("unit"))
    role_id, role_name = _by_index(np, result._role_names or {}, col("role"))
    data: Dict[str, Any] = {
        "unit_id": unit_id, "unit_name": unit_name,
        "role_id": role_id, "role_name": role_name,
        "is_leader": col("is_leader") != 0,
    }
    for n in COLUMNS:  # the library's order; flags and coverage as bits below
        if n in ("level", "target"):
            data[n] = _unknown_zero(np, pd, col(n), "Int64")
        elif n in ADKAR:
            data[n] = _unknown_zero(np, pd, col(n), "float")
        elif n in ("barrier", "evidence"):
            names = BARRIERS if n == "barrier" else EVIDENCE
            data[n] = pd.Categorical.from_codes(col(n).astype(np.int64),
                                                categories=list(names))
        elif n in ("skills_required", "skills_assessed"):
            data[n] = col(n).astype(np.int64)
        elif n not in _AS_BITS:
            data[n] = col(n)
    _bits_columns(np, pd, data, col)
    return pd.DataFrame(data, index=pd.Index(result.ids, name="employee_id"))


def _unit_row(u: Any) -> Dict[str, Any]:
    """A UnitScore as flat columns: pairs become <prefix>_<name>,
    intervals <name>_ci_low/_ci_high, levels level_none and level_1..5.  Fields
    added to UnitScore later appear under their own names."""
    row: Dict[str, Any] = {}
    for f in dataclasses.fields(u):
        v = getattr(u, f.name)
        if f.name == "id":
            continue
        if f.name == "levels":
            row["level_none"] = v[0]
            row.update(("level_%d" % k, v[k]) for k in range(1, len(v)))
        elif f.name == "target":
            row["target"] = v or None
        elif f.name == "flags":
            row.update(("flag_" + n, c) for n, c in v)
        elif f.name == "flag_rate_ci":
            for n, (lo, hi) in v:
                row["flag_%s_rate_ci_low" % n] = lo
                row["flag_%s_rate_ci_high" % n] = hi
        elif f.name.endswith("_ci"):
            row[f.name + "_low"], row[f.name + "_high"] = v
        elif v is None or isinstance(v, (str, int, float)):
            row[f.name] = v
    return row


def units(result: Any) -> Any:
    """Result.units_dataframe(): one row per unit in tree order, indexed
    by ``unit_id``; counts hidden for anonymity are <NA> (Int64), hidden
    figures NaN."""
    np, pd = pandas("units_dataframe")
    us = result.units
    rows = [_unit_row(u) for u in us]
    data: Dict[str, Any] = {}
    for k in (rows[0] if rows else {}):
        vals = [r[k] for r in rows]
        ints = all(v is None or (isinstance(v, int) and not isinstance(v, bool))
                   for v in vals)
        if k in ("name", "parent_id") or not ints:
            data[k] = vals
        else:
            data[k] = pd.array(vals, dtype="Int64")
    return pd.DataFrame(data, index=pd.Index([u.id for u in us], name="unit_id"))


def _id_column(name: str) -> bool:
    return name == "id" or name.endswith("_id")


def table_csv(table: str, df: Any) -> str:
    """A DataFrame handed to Workforce.add_tables as the CSV the loader
    reads.  Id columns (``id``, ``*_id``) that pandas made floats - a
    numeric id column with blanks, such as ``manager_id`` - are written
    as the integers they hold (1042, not 1042.0), blanks empty; a float
    id that is not whole is refused, naming the table, column and row."""
    columns = getattr(df, "columns", ())
    floats = [c for c in columns if isinstance(c, str) and _id_column(c)
              and getattr(df[c], "dtype", None) is not None
              and df[c].dtype.kind == "f"]
    if floats:
        df = df.copy()
        for c in floats:
            v = df[c]
            bad = v.notna() & (v != v.round())
            if bad.any():
                row = bad.values.nonzero()[0][0]
                raise ValueError(
                    "table %s, column %s: %r (row %d) is not a whole number; "
                    "ids are text: read the column with dtype=str"
                    % (table, c, float(v.iloc[row]), row + 1))
            df[c] = v.astype("Int64")
    return df.to_csv(index=False)

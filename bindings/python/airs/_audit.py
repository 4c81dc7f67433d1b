"""Fairness audits (airs/audit.h): outcome rates, impact ratios and
adverse ratios per category of an employee attribute."""
from __future__ import annotations

import math
from array import array
from collections.abc import Mapping
from ctypes import byref, c_double, c_void_p
from dataclasses import dataclass
from typing import Any, Optional, Sequence, Tuple, Union

from . import _args as A
from . import _errors as E
from . import _ffi
from ._ffi import lib as _lib
from ._io import collect, save
from ._names import FLAGS as _FLAGS
from ._owner import NO_HANDLE, Owner

__all__ = ["Audit", "AuditTable", "AuditRow", "OUTCOMES"]

#: Outcome names of enum airs_audit_outcome; a flag name also selects
#: the "flag" outcome for that flag.
OUTCOMES = ("above_median", "at_target", "flag", "external_binary", "external_value",
            "plan_selected", "plan_hours")
_ADVERSE = ("default", "low", "high")
_KINDS = ("first", "second", "intersection")
_NONE = 2 ** (8 * _ffi.ctypes.sizeof(_ffi.c_size_t)) - 1
_SUPPRESSED = 2 ** 64 - 1


def _s(b: Optional[bytes]) -> Optional[str]:
    return b.decode("utf-8") if b is not None else None


@dataclass(frozen=True)
class AuditRow:
    """One category of an audit table, or its "other / not shown" line
    (``other``: categories under the minimum group and people without a
    value; ``value`` is "" there).  ``count`` is None and the rates NaN when
    withheld for anonymity (``suppressed``).  ``p_value`` is the two-sided
    Fisher exact p against the most favourable category, ``ratio_low`` ..
    ``ratio_high`` the 95% interval of ``adverse_ratio`` (Katz); NaN when
    not compared or for per-head values."""

    value: str
    value2: Optional[str]
    count: Optional[int]
    selected: float
    rate: float
    impact_ratio: float
    adverse_ratio: float
    adverse: bool
    excluded: bool
    suppressed: bool
    reference: bool
    p_value: float = math.nan
    ratio_low: float = math.nan
    ratio_high: float = math.nan
    significant: bool = False
    other: bool = False
    favourable: bool = False


@dataclass(frozen=True)
class AuditTable:
    """One table of an audit: an attribute, the second attribute, or
    their intersection (``kind``)."""

    kind: str
    attribute: str
    attribute2: Optional[str]
    missing: int
    excluded: int
    excluded_categories: int
    suppressed_categories: int
    reference: Optional[AuditRow]
    favourable: Optional[AuditRow]
    rows: Tuple[AuditRow, ...]
    adverse: str = "low"
    informative: bool = True
    other: Optional[AuditRow] = None


class Audit(Owner):
    """The tables of a fairness audit (docs/responsible-use.md).  Owns a
    library handle: ``close()`` it or use a ``with`` block."""

    outcome: str
    flag: Optional[str]
    adverse: str
    median: float
    min_share: float
    min_group: int
    employees: int
    population: int
    informative: bool
    tables: Tuple[AuditTable, ...]

    _what = "audit"

    def __init__(self, handle: int) -> None:
        self._own(handle, _lib.airs_audit_free)
        try:
            with self._handle as h:  # the rows' strings belong to the audit
                self._read(h)
        except BaseException:
            self.close()
            raise

    def _read(self, handle: int) -> None:
        info = _ffi.AuditInfo()
        _lib.airs_audit_info_get(handle, info)
        self.outcome = OUTCOMES[info.outcome]
        self.flag = _flag_name(info.flag) if info.flag else None
        self.adverse = _ADVERSE[info.adverse]
        self.median = info.median
        self.min_share = info.min_share
        self.min_group = info.min_group
        self.employees = int(info.employees)
        self.population = int(info.population)
        self.informative = bool(info.informative)
        rows = []
        for i in range(info.row_count):
            r = _ffi.AuditRow()
            _lib.airs_audit_row_get(handle, i, r)
            rows.append(AuditRow(
                value=_s(r.value) or "", value2=_s(r.value2),
                count=None if r.count == _SUPPRESSED else int(r.count),
                selected=r.selected, rate=r.rate, impact_ratio=r.impact_ratio,
                adverse_ratio=r.adverse_ratio, adverse=bool(r.adverse),
                excluded=bool(r.excluded), suppressed=bool(r.suppressed),
                reference=bool(r.reference), p_value=r.p_value,
                ratio_low=r.ratio_low, ratio_high=r.ratio_high,
                significant=bool(r.significant), other=bool(r.other),
                favourable=bool(r.favourable)))
        tables = []
        for i in range(info.table_count):
            t = _ffi.AuditTable()
            _lib.airs_audit_table_get(handle, i, t)
            tables.append(AuditTable(
                kind=_KINDS[t.kind], attribute=_s(t.attribute) or "",
                attribute2=_s(t.attribute2), missing=int(t.missing),
                excluded=int(t.excluded),
                excluded_categories=int(t.excluded_categories),
                suppressed_categories=int(t.suppressed_categories),
                reference=None if t.reference == _NONE else rows[t.reference],
                favourable=None if t.favourable == _NONE else rows[t.favourable],
                rows=tuple(rows[t.first_row:t.first_row + t.row_count]),
                adverse=_ADVERSE[t.adverse], informative=bool(t.informative),
                other=None if t.other == _NONE else rows[t.other]))
        self.tables = tuple(tables)

    def write(self, format: str = "json") -> bytes:
        """The audit as the library writes it: "json" (with provenance)
        or "csv" (docs/output-format.md, "Audit tables")."""
        f = self._format(format)
        with self._handle as h:
            return collect(lambda fn, d: _lib.airs_audit_write(h, f, fn, None, d))

    def save(self, dest: Any, format: str = "json") -> None:
        """Write the audit as :meth:`write` makes it, straight into
        `dest`: a path (replaced only once the whole export is written) or
        a binary file object."""
        f = self._format(format)
        with self._handle as h:  # held across callbacks into dest
            save(lambda fn, d: _lib.airs_audit_write(h, f, fn, None, d), dest)

    @staticmethod
    def _format(format: str) -> int:
        return A.output(format)

    def to_json(self) -> str:
        """The audit as JSON text."""
        return self.write("json").decode("utf-8")

    def to_csv(self) -> str:
        """The audit as CSV text, one line per row."""
        return self.write("csv").decode("utf-8")


def audit(result: Any, attribute: str, attribute2: Optional[str] = None, *,
          intersection: bool = False, outcome: str = "above_median",
          external: Union[Sequence[float], Mapping[str, float], None] = None,
          min_share: float = 0.0, keep_small: bool = False,
          adverse: Optional[str] = None, plan: Any = None) -> Audit:
    o = _ffi.AuditOptions()
    o.attribute = A.text(attribute, "attribute")
    o.attribute2 = A.text(attribute2, "attribute2") if attribute2 else None
    o.include_intersection = 1 if intersection else 0
    if outcome in OUTCOMES:
        o.outcome = OUTCOMES.index(outcome)
    elif outcome in _FLAGS:
        o.outcome = OUTCOMES.index("flag")
        o.flag = 1 << _FLAGS.index(outcome)
    else:
        raise E.ParameterError(E.EINVAL, E.unknown(
            "outcome", outcome, [o for o in OUTCOMES if o != "flag"]
            + ["or a flag: " + ", ".join(_FLAGS)]))
    buf = None
    if external is not None:
        if isinstance(external, Mapping):
            vals = array("d", [float(external.get(i, math.nan)) for i in result.ids])
        else:
            vals = array("d", external)
        n = len(vals)
        buf = (c_double * max(n, 1)).from_buffer(vals) if n else (c_double * 1)()
        o.external = buf
        o.external_len = n
    if outcome.startswith("plan_") and plan is None:
        raise E.ParameterError(E.EINVAL, "outcome %r needs plan=, an OrgPlan "
                               "made from this result" % outcome)
    o.min_share = float(min_share)
    o.keep_small = 1 if keep_small else 0
    if adverse is not None:
        if adverse not in _ADVERSE:
            raise E.ParameterError(E.EINVAL, "adverse must be 'low' or 'high'")
        o.adverse = _ADVERSE.index(adverse)
    h = c_void_p()
    with result._handle as rh, (plan._handle if outcome.startswith("plan_")
                                else NO_HANDLE) as ph:
        o.plan = ph
        _lib.airs_audit(rh, o, byref(h), _ffi.Diag())
    # the audit copies what it needs: the plan may be closed afterwards
    return Audit(h.value)


def _flag_name(bit: int) -> str:
    for i, n in enumerate(_FLAGS):
        if bit == 1 << i:
            return n
    return str(bit)

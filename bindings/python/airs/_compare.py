"""The change between two results (airs/compare.h; docs/methodology.md,
4.7): for the organisation and every unit in both, readiness mean, share
below target, response rate, each construct's mean and favourable share,
the net score, hours saved, the share at each level and with each flag -
base, current, change, 95% interval, p-value, test and panel - with
changes of survey figures hidden where methodology 4.1's rule 4 says
so."""
from __future__ import annotations

from ctypes import byref, c_void_p
from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

from . import _ffi
from ._ffi import lib as _lib

__all__ = ["Comparison", "Change", "CHANGE_FIGURES"]

#: enum airs_change_figure, enum airs_change_test, enum airs_change_reason
_CONSTRUCTS = ("clarity", "usefulness", "trust", "security", "support",
               "voice", "recommend", "time_saved", "error_change")
_FLAGS = ("left_behind", "fatigue", "reversion", "overconfidence",
          "no_benefit", "lapsed")
CHANGE_FIGURES = (("readiness", "below_target", "response_rate")
                  + _CONSTRUCTS
                  + tuple("level_%d" % lv for lv in range(6))
                  + tuple(c + "_favourable" for c in _CONSTRUCTS)
                  + ("net_score", "time_saved_hours")
                  + tuple("flag_" + f for f in _FLAGS))
#: the shares of people, which carry counts
_COUNTED = frozenset(("below_target", "response_rate")
                     + tuple("level_%d" % lv for lv in range(6))
                     + tuple("flag_" + f for f in _FLAGS))
_TESTS = ("none", "paired_t", "mcnemar", "welch", "two_proportion")
_REASONS = ("shown", "no_values", "base_hidden", "current_hidden",
            "few_changed")


@dataclass(frozen=True)
class Change:
    """One figure of one group.  ``reason`` is "shown" or why the change
    is not ("no_values", "base_hidden", "current_hidden", "few_changed");
    then ``change``, ``ci`` and ``p`` are NaN and ``panel`` None.  A side
    its result hides is NaN with its count None.  ``test``: "paired_t",
    "mcnemar", "welch", "two_proportion" or "none".  ``base_count`` and
    ``current_count``: a share's numerator (the people at the level, with
    the flag, ...; None when that side is hidden), None for a mean or a
    favourable share (a share of item responses)."""

    figure: str
    reason: str
    test: str
    base: float
    current: float
    change: float
    ci: Tuple[float, float]
    p: float
    base_n: Optional[int]
    current_n: Optional[int]
    panel: Optional[int]
    base_count: Optional[int] = None
    current_count: Optional[int] = None

    @property
    def shown(self) -> bool:
        """Whether the change is published."""
        return self.reason == "shown"


def _count(v: int) -> Optional[int]:
    return None if v == _ffi.SUPPRESSED else int(v)


@dataclass(frozen=True)
class Comparison:
    """Every change, read from the library at once.  ``org`` and each of
    ``units`` (by id, in the current result's tree order) map a figure
    name to its :class:`Change`; ``added`` and ``removed`` are the unit
    ids in one result only; ``digests`` the two parameters digests
    (base, current); ``params_changed`` whether the parameters differ in
    more than the as-of date."""

    org: Dict[str, Change]
    units: Dict[str, Dict[str, Change]]
    added: Tuple[str, ...]
    removed: Tuple[str, ...]
    digests: Tuple[str, str]
    params_changed: bool

    def unit(self, unit_id: str) -> Dict[str, Change]:
        """A unit's changes by figure; KeyError if the unit is not in
        both results."""
        return self.units[unit_id]


def _group(h: int, unit: int) -> Dict[str, Change]:
    out = {}
    for f, name in enumerate(CHANGE_FIGURES):
        c = _ffi.Change()
        _lib.airs_comparison_change(h, unit, f, c)
        out[name] = Change(
            figure=name, reason=_REASONS[c.reason], test=_TESTS[c.test],
            base=c.base, current=c.current, change=c.change,
            ci=(c.ci.low, c.ci.high), p=c.p, base_n=_count(c.base_n),
            current_n=_count(c.current_n), panel=_count(c.panel),
            base_count=_count(c.base_count) if name in _COUNTED else None,
            current_count=(_count(c.current_count) if name in _COUNTED
                           else None))
    return out


def _ids(h: int, count: Any, get: Any) -> Tuple[str, ...]:
    return tuple(get(h, i).decode("utf-8") for i in range(count(h)))


def _read(h: int) -> Comparison:
    units = {}
    for u in range(_lib.airs_comparison_unit_count(h)):
        uid = _lib.airs_comparison_unit_id(h, u).decode("utf-8")
        units[uid] = _group(h, u)
    return Comparison(
        org=_group(h, _ffi.ROLLUP_ORG), units=units,
        added=_ids(h, _lib.airs_comparison_added_count,
                   _lib.airs_comparison_added),
        removed=_ids(h, _lib.airs_comparison_removed_count,
                     _lib.airs_comparison_removed),
        digests=(_lib.airs_comparison_digest(h, 0).decode("ascii"),
                 _lib.airs_comparison_digest(h, 1).decode("ascii")),
        params_changed=bool(_lib.airs_comparison_params_changed(h)))


def compare(current: Any, base: Any, allow_params_change: bool,
            call: Any = None) -> Comparison:
    o = _ffi.CompareOptions()
    o.allow_params_change = 1 if allow_params_change else 0
    h = c_void_p()
    with current._handle as ch, base._handle as bh:
        (call or _lib.airs_compare)(bh, ch, o, byref(h), _ffi.Diag())
    try:
        return _read(h.value)
    finally:
        _lib.airs_comparison_free(h.value)


def compare_archives(current: Any, base: Any,
                     allow_params_change: bool) -> Comparison:
    return compare(current, base, allow_params_change,
                   _lib.airs_compare_archives)

"""Key-driver analysis (airs/drivers.h; docs/methodology.md, section 10):
which attitudes and skills go with an outcome, per unit and for the
organisation, with bootstrap intervals.  Association, not cause."""
from __future__ import annotations

from ctypes import byref, c_int, c_size_t, c_uint32, c_uint64, c_void_p
from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

from . import _args as A
from . import _errors as E
from . import _ffi
from ._ffi import lib as _lib
from ._io import collect, save
from ._owner import Owner

__all__ = ["Drivers", "DriversGroup", "DriverWeight", "FocusArea",
           "DRIVER_OUTCOMES", "DRIVERS"]

#: enum airs_outcome, enum airs_driver, enum airs_drivers_status
DRIVER_OUTCOMES = ("adoption", "time_saved", "recommend", "usefulness")
DRIVERS = ("clarity", "usefulness", "trust", "security", "support", "voice",
           "skill", "training")
_STATUS = ("analysed", "hidden", "too_few")
#: enum airs_focus_kind, enum airs_focus_status (1.2)
_FOCUS_KINDS = ("opportunity", "strength")
_FOCUS_STATUS = ("listed", "no_analysis", "no_rest", "hidden")
#: enum airs_intervention
_INTERVENTIONS = ("none", "briefing", "demonstration", "security_talk",
                  "practice", "check_in", "recognition", "career_link")
_ALL = 2 ** (8 * _ffi.ctypes.sizeof(_ffi.c_size_t)) - 2


@dataclass(frozen=True)
class DriverWeight:
    """One driver of an analysed group: Johnson's raw relative weight
    (``raw``; the weights add up to R^2) and its share of R^2
    (``rescaled``), the Shapley/LMG share (``lmg``), their 95% bootstrap
    intervals, the sign of the standardised coefficient (-1, 0, 1) and the
    rank by raw weight (1 = largest)."""

    driver: str
    raw: float
    raw_ci: Tuple[float, float]
    rescaled: float
    lmg: float
    lmg_ci: Tuple[float, float]
    sign: int
    rank: int


@dataclass(frozen=True)
class FocusArea:
    """A focus area of a unit (methodology 10.7; since 1.2): an attitude
    driver on which the unit's favourable share differs from the rest of
    the organisation's (``difference``, with Newcombe's 95% interval;
    ``clear`` when it excludes 0), weighed by its share of R^2
    (``importance``) in the analysed group ``importance_unit_id`` (None:
    the organisation).  ``kind`` is "opportunity" (below the rest) or
    "strength"; ``intervention`` the change intervention for it."""

    kind: str
    rank: int
    driver: str
    importance_unit_id: Optional[str]
    importance: float
    favourable: float
    rest_favourable: float
    difference: float
    difference_ci: Tuple[float, float]
    priority: float
    clear: bool
    intervention: str
    respondents: int
    rest_respondents: int


@dataclass(frozen=True)
class DriversGroup:
    """A unit's subtree (``unit_id``) or the organisation (``unit_id``
    None).  ``status`` is "analysed", "hidden" (anonymity) or "too_few";
    only an analysed group has ``n``, ``r2`` and ``weights`` (in driver
    order; ``ranked()`` sorts them).  Since 1.2, ``focus``: the unit's
    focus areas, opportunities first, and ``focus_status`` why there are
    those ("listed", "no_analysis", "no_rest", "hidden")."""

    unit_id: Optional[str]
    status: str
    n: Optional[int]
    r2: float
    r2_ci: Tuple[float, float]
    weights: Tuple[DriverWeight, ...]
    focus_status: str = "listed"
    focus: Tuple[FocusArea, ...] = ()

    def ranked(self) -> Tuple[DriverWeight, ...]:
        """The weights, largest first."""
        return tuple(sorted(self.weights, key=lambda w: w.rank))


class Drivers(Owner):
    """A driver analysis of a result.  Owns a library handle (for
    ``write``): ``close()`` it or use a ``with`` block; the groups read
    at creation stay usable."""

    outcome: str
    drivers: Tuple[str, ...]
    min_n: int
    reps: int
    seed: int
    org: DriversGroup
    units: Dict[str, DriversGroup]

    _what = "driver analysis"

    def __init__(self, handle: int, unit_count: int) -> None:
        self._own(handle, _lib.airs_drivers_free)
        try:
            with self._handle as h:
                self._read(h, unit_count)
        except BaseException:
            self.close()
            raise

    def _group(self, h: int, unit: int, k: int) -> DriversGroup:
        g = _ffi.DriversGroup()
        _lib.airs_drivers_unit(h, unit, g)
        weights = []
        for j in range(k if g.status == 0 else 0):
            w = _ffi.DriverWeight()
            _lib.airs_drivers_weight(h, unit, j, w)
            weights.append(DriverWeight(
                driver=DRIVERS[w.driver], raw=w.raw,
                raw_ci=(w.raw_ci.low, w.raw_ci.high), rescaled=w.rescaled,
                lmg=w.lmg, lmg_ci=(w.lmg_ci.low, w.lmg_ci.high),
                sign=w.sign, rank=w.rank))
        self.min_n, self.reps, self.seed = int(g.min_n), int(g.reps), int(g.seed)
        status, focus = self._focus(h, unit)
        return DriversGroup(
            unit_id=g.unit_id.decode("utf-8") if g.unit_id else None,
            status=_STATUS[g.status],
            n=None if g.n == _ffi.SUPPRESSED else int(g.n), r2=g.r2,
            r2_ci=(g.r2_ci.low, g.r2_ci.high), weights=tuple(weights),
            focus_status=status, focus=focus)

    @staticmethod
    def _focus(h: int, unit: int) -> Tuple[str, Tuple[FocusArea, ...]]:
        n, st = c_size_t(), c_int()
        _lib.airs_drivers_focus_count(h, unit, byref(n), byref(st))
        out = []
        for i in range(n.value):
            f = _ffi.FocusArea()
            _lib.airs_drivers_focus(h, unit, i, f)
            out.append(FocusArea(
                kind=_FOCUS_KINDS[f.kind], rank=f.rank, driver=DRIVERS[f.driver],
                importance_unit_id=(f.importance_unit_id.decode("utf-8")
                                    if f.importance_unit_id else None),
                importance=f.importance, favourable=f.favourable,
                rest_favourable=f.rest_favourable, difference=f.difference,
                difference_ci=(f.difference_ci.low, f.difference_ci.high),
                priority=f.priority, clear=bool(f.clear),
                intervention=_INTERVENTIONS[f.intervention],
                respondents=int(f.respondents),
                rest_respondents=int(f.rest_respondents)))
        return _FOCUS_STATUS[st.value], tuple(out)

    def _read(self, h: int, unit_count: int) -> None:
        k = _lib.airs_drivers_count(h)
        self.outcome = DRIVER_OUTCOMES[_lib.airs_drivers_outcome(h)]
        self.org = self._group(h, _ffi.ROLLUP_ORG, k)
        self.units = {}
        for u in range(unit_count):
            g = self._group(h, u, k)
            self.units[g.unit_id or ""] = g
        names = []
        for j in range(k):
            w = _ffi.DriverWeight()
            _lib.airs_drivers_weight(h, _ffi.ROLLUP_ORG, j, w)
            names.append(DRIVERS[w.driver])
        self.drivers = tuple(names)

    def unit(self, unit_id: str) -> DriversGroup:
        """The group of a unit (its subtree), by id; KeyError if none."""
        return self.units[unit_id]

    def write(self, format: str = "json", unit: Optional[str] = None) -> bytes:
        """The analysis as the library writes it: "json" (with provenance)
        or "csv" (docs/output-format.md, "Driver analysis"); every group,
        or one unit's."""
        f = self._format(format)
        u = self._unit_index(unit)
        with self._handle as h:
            return collect(lambda fn, d: _lib.airs_drivers_write(h, u, f, fn, None, d))

    def save(self, dest: Any, format: str = "json", unit: Optional[str] = None) -> None:
        """Write the analysis as :meth:`write` makes it into `dest`: a path
        (replaced only once written whole) or a binary file object."""
        f = self._format(format)
        u = self._unit_index(unit)
        with self._handle as h:
            save(lambda fn, d: _lib.airs_drivers_write(h, u, f, fn, None, d), dest)

    def _unit_index(self, unit: Optional[str]) -> int:
        if unit is None:
            return _ALL
        ids = list(self.units)
        if unit not in ids:
            raise E.NotFound(E.ENOTFOUND, "no unit %r" % unit)
        return ids.index(unit)

    @staticmethod
    def _format(format: str) -> int:
        return A.output(format)

    def to_json(self) -> str:
        """Every group as JSON text, with provenance."""
        return self.write("json").decode("utf-8")

    def to_csv(self) -> str:
        """Every group as CSV text, one line per group and driver."""
        return self.write("csv").decode("utf-8")


def drivers(result: Any, outcome: str, reps: Optional[int], seed: int,
            min_n: Optional[int], threads: int) -> Drivers:
    o = _ffi.DriversOptions()
    if outcome not in DRIVER_OUTCOMES:
        raise E.ParameterError(E.EINVAL, E.unknown("outcome", outcome,
                                                   DRIVER_OUTCOMES))
    o.outcome = DRIVER_OUTCOMES.index(outcome)
    o.reps = A.integer(reps, c_uint32, "reps") if reps else 0
    o.seed = A.integer(seed, c_uint64, "seed")
    o.min_n = A.integer(min_n, c_uint64, "min_n") if min_n else 0
    o.threads = A.integer(threads, c_int, "threads")
    h = c_void_p()
    with result._handle as rh:
        _lib.airs_drivers_new(rh, o, byref(h), _ffi.Diag())
        n = _lib.airs_rollup_unit_count(_lib.airs_result_rollup(rh))
    return Drivers(h.value, n)

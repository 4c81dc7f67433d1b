"""Learning plans (airs/plan.h): personal plans and the organisation's
budgeted plan."""
from __future__ import annotations

from array import array
from ctypes import byref, c_char_p, c_double, c_size_t, c_uint64, c_void_p
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple

from . import _args as A
from . import _errors as E
from . import _ffi
from ._ffi import lib as _lib
from ._io import collect, save
from ._names import ADKAR as _ADKAR, BARRIERS as _BARRIERS, listed
from ._owner import Owner
from ._provenance import provenance_of

__all__ = ["Plan", "PlanStep", "OrgPlan", "PlanGroup", "PlanAllocation",
           "PlanCohort", "STRATEGIES"]


def _names(name: str) -> Tuple[str, ...]:
    return listed(getattr(_lib, name)) if _ffi.has(name) else ()


STRATEGIES = _names("airs_strategy_name")
_STEP_KINDS = _names("airs_step_kind_name")
_INTERVENTIONS = _names("airs_intervention_name")
_ADKAR_SOURCES = _names("airs_adkar_source_name")  # _names.ADKAR_SOURCES


def _s(b: Optional[bytes]) -> Optional[str]:
    return b.decode("utf-8") if b is not None else None


def _name(names: Tuple[str, ...], i: int) -> str:
    return names[i] if 0 <= i < len(names) else str(i)


@dataclass(frozen=True)
class PlanStep:
    """One step of a personal plan, in the order to take them: a course
    (``kind`` "course", with skill and course ids and expected levels) or
    a change intervention for the ADKAR barrier point."""

    kind: str
    intervention: Optional[str]
    adkar: str
    skill_id: Optional[str]
    course_id: Optional[str]
    hours: float
    cost: float
    level_before: float
    level_after: float
    uplift: float
    reason: str
    #: hours of practice after the course to reach a level another skill
    #: needs (methodology 8.1), included in ``hours`` (since 1.1)
    practice_hours: float = 0.0
    #: interventions: where the barrier point's score was read - "person",
    #: or a unit's published "unit" (total), "staff" or "leaders" mean -
    #: and that unit (theirs or an ancestor); methodology 8.4 (since 1.1)
    adkar_source: str = "person"
    adkar_unit_id: Optional[str] = None


@dataclass(frozen=True)
class Plan:
    """A personal learning plan within a budget (methodology section 8).
    ``target_hours``/``target_weeks`` are ``inf`` when the target cannot
    be reached with the catalogue (or there is none)."""

    employee_id: str
    budget_hours: float
    budget_cost: float
    hours: float
    cost: float
    readiness: float
    projected: float
    level: int
    projected_level: int
    target: int
    barrier: str
    exact: bool
    bound: float
    reachable: bool
    target_hours: float
    target_weeks: float
    steps: Tuple[PlanStep, ...]
    missing_skills: Tuple[str, ...]
    #: why the plan cannot do more, naming the skills (None: nothing
    #: stands in the way); True when a cap left part of the problem out
    why: Optional[str] = None
    reduced: bool = False
    json_text: str = field(default="", repr=False, compare=False)
    csv_text: str = field(default="", repr=False, compare=False)

    def to_json(self) -> str:
        """The plan as the library writes it: one JSON document with its
        provenance, summary and steps (docs/output-format.md, "Plans")."""
        return self.json_text

    def to_csv(self) -> str:
        """The plan's steps as the library's CSV text."""
        return self.csv_text


def _options(budget_hours: float, budget_cost: float = 0.0,
             strategy: str = "target_first", max_hours_per_employee: float = 0.0,
             unit_budgets: Optional[Mapping[str, float]] = None) -> Tuple[Any, List[Any]]:
    o = _ffi.PlanOptions()
    o.budget_hours = float(budget_hours)
    o.budget_cost = float(budget_cost)
    if strategy not in STRATEGIES:
        raise E.ParameterError(E.EINVAL, E.unknown(
            "strategy", strategy, ["target_first"] + [
                s for s in STRATEGIES if s != "target_first"]))
    o.strategy = STRATEGIES.index(strategy)
    o.max_hours_per_employee = float(max_hours_per_employee)
    keep: List[Any] = []
    if unit_budgets:
        n = len(unit_budgets)
        ids = (c_char_p * n)(*[A.ident(k, "unit id in unit_budgets")
                               for k in unit_budgets])
        hours = (c_double * n)(*[float(v) for v in unit_budgets.values()])
        o.unit_budget_count = n
        o.unit_ids = ids
        o.unit_hours = hours
        keep += [ids, hours]
    return o, keep


def plan_employee(result: Any, employee_id: str, budget_hours: float = 0.0,
                  budget_cost: float = 0.0) -> Plan:
    i = result.index(employee_id)
    opts, keep = _options(budget_hours, budget_cost)
    h = c_void_p()
    diag = _ffi.Diag()
    with result._handle as rh:
        _lib.airs_plan_employee(rh, i, opts, byref(h), diag)
    try:  # the plan is the library's copy: the result is no longer needed
        info = _ffi.PlanInfo()
        _lib.airs_plan_info_get(h.value, info)
        steps = []
        for k in range(_lib.airs_plan_step_count(h.value)):
            st = _ffi.PlanStep()
            _lib.airs_plan_get_step(h.value, k, st)
            steps.append(PlanStep(
                kind=_name(_STEP_KINDS, st.kind),
                intervention=None if st.intervention == 0 else
                _name(_INTERVENTIONS, st.intervention),
                adkar=_name(_ADKAR, st.adkar), skill_id=_s(st.skill_id),
                course_id=_s(st.course_id), hours=st.hours, cost=st.cost,
                level_before=st.level_before, level_after=st.level_after,
                uplift=st.uplift, reason=_s(st.reason) or "",
                practice_hours=st.practice_hours,
                adkar_source=_name(_ADKAR_SOURCES, st.adkar_source),
                adkar_unit_id=_s(st.adkar_unit_id)))
        missing = []
        for k in range(info.missing_skill_count):
            m = _lib.airs_plan_missing_skill(h.value, k)
            if m is None:
                break
            missing.append(m.decode("utf-8"))
        text = [collect(lambda fn, d, o=o: _lib.airs_plan_write(h.value, o, fn, None, d))
                .decode("utf-8") for o in (0, 1)]
        return Plan(
            json_text=text[0], csv_text=text[1],
            employee_id=_s(info.employee_id) or employee_id,
            budget_hours=info.budget_hours, budget_cost=info.budget_cost,
            hours=info.hours, cost=info.cost, readiness=info.readiness,
            projected=info.projected, level=info.level,
            projected_level=info.projected_level, target=info.target,
            barrier=_name(_BARRIERS, info.barrier), exact=bool(info.exact),
            bound=info.bound, reachable=bool(info.reachable),
            target_hours=info.target_hours, target_weeks=info.target_weeks,
            steps=tuple(steps), missing_skills=tuple(missing),
            why=_s(info.why), reduced=bool(info.reduced))
    finally:
        _lib.airs_plan_free(h.value)


@dataclass(frozen=True)
class PlanGroup:
    """The outcome of an organisation plan for a unit's subtree (or the
    organisation, unit_id None): before and projected after."""

    unit_id: Optional[str]
    headcount: int
    scored: int
    planned: int
    hours: float
    cost: float
    readiness_mean: float
    projected_mean: float
    levels: Tuple[int, ...]
    projected_levels: Tuple[int, ...]
    with_target: int
    gap_mean: float
    below_target_share: float
    projected_below_target_share: float
    weeks_max: float
    weeks_median: float
    unreachable: int
    #: members whose planning problem a cap left part of (since 1.1)
    reduced: int = 0


@dataclass(frozen=True)
class PlanAllocation:
    """One employee's share of an organisation plan."""

    employee_id: str
    hours: float
    cost: float
    courses: int
    readiness: float
    projected: float
    reachable: bool
    target_weeks: float


@dataclass(frozen=True)
class PlanCohort:
    """A course and how many employees' gaps it serves / the plan gives
    it to; ``units`` maps unit id to (employees, planned)."""

    course_id: str
    skill_id: str
    employees: int
    planned: int


def _group(g: Any) -> PlanGroup:
    return PlanGroup(
        unit_id=_s(g.unit_id), headcount=int(g.headcount), scored=int(g.scored),
        planned=int(g.planned), hours=g.hours, cost=g.cost,
        readiness_mean=g.readiness_mean, projected_mean=g.projected_mean,
        levels=tuple(int(x) for x in g.levels),
        projected_levels=tuple(int(x) for x in g.projected_levels),
        with_target=int(g.with_target), gap_mean=g.gap_mean,
        below_target_share=g.below_target_share,
        projected_below_target_share=g.projected_below_target_share,
        weeks_max=g.weeks_max, weeks_median=g.weeks_median,
        unreachable=int(g.unreachable), reduced=int(g.reduced))


class OrgPlan(Owner):
    """The organisation's budgeted plan.  Owns a library handle (it keeps
    the model alive): use ``close()`` or a ``with`` block."""

    _what = "plan"

    def __init__(self, handle: int, unit_ids: List[str]) -> None:
        self._own(handle, _lib.airs_org_plan_free)
        self._unit_ids = unit_ids

    # Strings read from the plan (unit, employee, course and skill ids)
    # belong to it: each is copied while the handle is held.
    @property
    def org(self) -> PlanGroup:
        """The whole organisation."""
        g = _ffi.PlanGroup()
        with self._handle as h:
            _lib.airs_org_plan_group(h, _ffi.ROLLUP_ORG, g)
            return _group(g)

    @property
    def groups(self) -> List[PlanGroup]:
        """Every unit's subtree, in the rollup's tree order."""
        out = []
        with self._handle as h:
            for i in range(_lib.airs_org_plan_unit_count(h)):
                g = _ffi.PlanGroup()
                _lib.airs_org_plan_group(h, i, g)
                out.append(_group(g))
        return out

    def group(self, unit_id: str) -> PlanGroup:
        """One unit's subtree by id."""
        for g in self.groups:
            if g.unit_id == unit_id:
                return g
        raise E.NotFound(E.ENOTFOUND, "no unit %r" % unit_id)

    @property
    def allocations(self) -> List[PlanAllocation]:
        """Every employee's share, in result order (one call each)."""
        out = []
        with self._handle as h:
            for i in range(_lib.airs_org_plan_employee_count(h)):
                a = _ffi.PlanAllocation()
                _lib.airs_org_plan_employee(h, i, a)
                out.append(PlanAllocation(
                    employee_id=_s(a.employee_id) or "", hours=a.hours, cost=a.cost,
                    courses=int(a.courses), readiness=a.readiness,
                    projected=a.projected, reachable=bool(a.reachable),
                    target_weeks=a.target_weeks))
        return out

    @property
    def cohorts(self) -> List[PlanCohort]:
        """Courses by the number of employees whose gap they serve."""
        out = []
        with self._handle as h:
            for i in range(_lib.airs_org_plan_cohort_count(h)):
                c = _ffi.PlanCohort()
                _lib.airs_org_plan_cohort(h, i, c)
                out.append(PlanCohort(course_id=_s(c.course_id) or "",
                                      skill_id=_s(c.skill_id) or "",
                                      employees=int(c.employees), planned=int(c.planned)))
        return out

    def cohort_units(self, index: int) -> Dict[Optional[str], Tuple[int, int]]:
        """Head counts (employees, planned) of cohort `index` per unit
        subtree, and for the organisation under the key None."""
        index = A.integer(index, c_size_t, "index")
        out: Dict[Optional[str], Tuple[int, int]] = {}
        with self._handle as h:
            for u, uid in list(enumerate(self._unit_ids)) + [(_ffi.ROLLUP_ORG, None)]:
                e, p = c_uint64(), c_uint64()
                _lib.airs_org_plan_cohort_unit(h, index, u, byref(e), byref(p))
                out[uid] = (int(e.value), int(p.value))
        return out


    # -- exports and the bias check ------------------------------------
    def write(self, table: str = "all", format: str = "json") -> bytes:
        """One table of the plan ("groups", "allocations", "steps",
        "cohorts", "provenance", or "all" for JSON) as the library writes
        it (docs/output-format.md, "Plans")."""
        t, f = self._table_format(table, format)
        with self._handle as h:
            return collect(lambda fn, d: _lib.airs_org_plan_write(h, t, f, fn, None, d))

    def save(self, dest: Any, table: str = "all", format: str = "json") -> None:
        """Write a table as :meth:`write` makes it, straight into `dest`:
        a path (replaced only once the whole export is written) or a
        binary file object."""
        t, f = self._table_format(table, format)
        with self._handle as h:  # held across callbacks into dest
            save(lambda fn, d: _lib.airs_org_plan_write(h, t, f, fn, None, d), dest)

    @staticmethod
    def _table_format(table: str, format: str) -> Tuple[int, int]:
        """The enum values of a table and a format, checked."""
        if table not in PLAN_TABLES:
            raise E.NotFound(E.ENOTFOUND, E.unknown("table", table, PLAN_TABLES))
        return PLAN_TABLES.index(table), A.output(format)

    def to_json(self, table: str = "all") -> str:
        """The plan (or one table of it) as JSON text."""
        return self.write(table, "json").decode("utf-8")

    def to_csv(self, table: str = "allocations") -> str:
        """One table of the plan as CSV text."""
        return self.write(table, "csv").decode("utf-8")

    def outcome(self, kind: str = "selected") -> "array[float]":
        """Per employee in result order: "selected" (1.0 when given at
        least one course) or "hours" allocated - the vectors the fairness
        audit reads (Result.audit(..., outcome="plan_selected", plan=...))."""
        kinds = {"selected": 1, "hours": 2}
        if kind not in kinds:
            raise E.ParameterError(E.EINVAL, "kind must be 'selected' or 'hours'")
        with self._handle as h:
            n = _lib.airs_org_plan_employee_count(h)
            out = array("d", bytes(8 * n))
            buf = (c_double * max(n, 1)).from_buffer(out) if n else (c_double * 1)()
            _lib.airs_org_plan_outcome(h, kinds[kind], buf, n)
            del buf
        return out

    @property
    def provenance(self) -> Any:
        """The provenance of the result the plan was made from."""
        p = _ffi.Provenance()
        with self._handle as h:
            _lib.airs_org_plan_provenance(h, p)
            return provenance_of(p)


#: Table names of enum airs_plan_table.
PLAN_TABLES = ("groups", "allocations", "steps", "cohorts", "provenance", "all")


def plan_org(result: Any, budget_hours: float, strategy: str = "target_first",
             budget_cost: float = 0.0, max_hours_per_employee: float = 0.0,
             unit_budgets: Optional[Mapping[str, float]] = None) -> OrgPlan:
    opts, keep = _options(budget_hours, budget_cost, strategy,
                          max_hours_per_employee, unit_budgets)
    h = c_void_p()
    diag = _ffi.Diag()
    with result._handle as rh:
        unit_ids = [u.id for u in result.units]  # before: nothing to leak
        _lib.airs_plan_org(rh, opts, byref(h), diag)
    del keep
    return OrgPlan(h.value, unit_ids)


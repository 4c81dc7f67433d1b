"""The frozen dataclasses the bindings return: a load's diagnostics, a
parameter's description and the records of a result.

Imported on first use (airs/__init__.py, _core and _errors reach these
names through module ``__getattr__``, _provenance when it makes a
Provenance; this module imports nothing of the package, so any of them
may): a program that loads, scores and
exports never builds one, and ``dataclasses`` with what it imports
(inspect, ast, re...) is a third of the import time of the bindings.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from typing import Dict, Optional, Tuple

__all__ = ["Diagnostic", "ParamInfo", "EmployeeScore", "Contribution",
           "UnitScore", "Provenance", "ConstructScore", "UnitAdkar", "ToolRow", "Tools"]


@dataclass(frozen=True)
class Diagnostic:
    """One error or warning found while loading data.

    ``file`` is the table name ("" when none), ``line`` the 1-based
    physical line where the record starts and ``column`` the 1-based field
    number (both ``None`` when not tied to one).
    """

    status: int
    severity: str  # "error" or "warning"
    file: str
    line: Optional[int]
    column: Optional[int]
    text: str

    @property
    def is_error(self) -> bool:
        """True for an error, False for a warning."""
        return self.severity == "error"

    def __str__(self) -> str:
        where = self.file
        if where and self.line:
            where += ":%d" % self.line
            if self.column:
                where += ":%d" % self.column
        return "%s: %s" % (where, self.text) if where else self.text


@dataclass(frozen=True)
class ParamInfo:
    """A parameter of the methodology: its name, default (text) and a
    one-line description."""

    name: str
    default: str
    description: str


@dataclass(frozen=True)
class EmployeeScore:
    """One employee's scores.  Missing numbers are NaN; levels and ADKAR
    scores use 0 for unknown; ``barrier`` is an ADKAR element name,
    "none" or "unknown"."""

    id: str
    unit_id: str
    role_id: str
    is_leader: bool
    readiness: float
    level: int
    target: int
    gap_levels: float
    gap_points: float
    skill_coverage: float
    skill: float
    training: float
    sentiment: float
    adoption: float
    awareness: float
    desire: float
    knowledge: float
    ability: float
    reinforcement: float
    barrier: str
    flags: Tuple[str, ...]
    flags_evaluated: Tuple[str, ...]
    coverage: Tuple[str, ...]
    withheld: Tuple[str, ...]
    # methodology 1.1: the lowest and highest readiness the data allow;
    # whether the evidence supports a readiness ("sufficient") or why
    # not ("no_skill_assessment", ...), and the same in words
    readiness_low: float
    readiness_high: float
    evidence: str
    evidence_note: str
    skills_required: int
    skills_assessed: int


@dataclass(frozen=True)
class Contribution:
    """One line of an explanation: a component, or a required skill within
    the skill component.  ``points`` of all lines add up to the readiness.
    ``status`` is "counted", "absent", "withheld", "not_assessed" or
    "unscored" (known, but there is no readiness: methodology 1.1)."""

    component: str
    skill_id: Optional[str]
    value: float
    weight: float
    points: float
    level: float
    required: float
    confidence: float
    status: str


@dataclass(frozen=True)
class UnitScore:
    """Aggregates of a unit's subtree (or of the organisation, id None).

    Counts withheld for anonymity are None, suppressed means NaN."""

    id: Optional[str]
    name: str
    parent_id: Optional[str]
    depth: int
    headcount: int
    scored: int
    readiness_mean: float
    readiness_median: float
    levels: Tuple[int, ...]
    target: int
    with_target: int
    gap_mean: float
    below_target_share: float
    flags: Tuple[Tuple[str, Optional[int]], ...]
    net_score: float
    net_respondents: Optional[int]
    time_saved: float
    time_saved_respondents: Optional[int]
    respondents: Optional[int]   # survey respondents (None: suppressed)
    leaders: int                 # members who lead
    # 95% intervals (low, high), NaN both where the figure is suppressed
    # or cannot be known (docs/methodology.md, section 4.3)
    readiness_ci: Tuple[float, float]
    gap_ci: Tuple[float, float]
    below_target_ci: Tuple[float, float]
    time_saved_ci: Tuple[float, float]
    response_rate_ci: Tuple[float, float]
    flag_rate_ci: Tuple[Tuple[str, Tuple[float, float]], ...]
    # members with too little evidence for a readiness (methodology 1.1):
    # in levels[0] and in no mean, median or share
    insufficient: int

    @property
    def response_rate(self) -> Optional[float]:
        """Survey respondents over headcount (None when suppressed or
        there is nobody)."""
        if self.respondents is None or not self.headcount:
            return None
        return self.respondents / self.headcount

    def flag_count(self, flag: str) -> Optional[int]:
        """How many employees raise `flag` (None when suppressed)."""
        return dict(self.flags)[flag]


@dataclass(frozen=True)
class ManagerScore:
    """A manager's groups (since 1.2; docs/methodology.md, 4.4): their
    direct reports and their whole line, the manager in neither.  Each
    is a UnitScore whose id and name are the manager's id, with no unit
    target and survey figures suppressed jointly with the units'."""

    id: str                    # the manager's employee id
    manager_id: Optional[str]  # their own manager
    unit_id: str               # the unit the manager belongs to
    depth: int                 # 0 for managers without a manager
    direct: UnitScore
    line: UnitScore
    line_end: int              # managers after this one, before line_end,
                               # are in its line (Result.managers() order)


@dataclass(frozen=True)
class Provenance:
    """Where a result comes from: the library and methodology versions,
    the as-of date, and the SHA-256 digests of the parameters and of the
    canonical input (docs/output-format.md)."""

    library_version: str
    methodology_version: str
    as_of: _dt.date
    params_digest: str
    input_digest: str
    as_of_rule: str = "given"  # "given", "latest_evidence", "no_evidence"
    as_of_left_out: int = 0    # records dated far beyond the rest, left out
    # the survey period the survey figures read (methodology 4.1): None
    # when no period has closed by as_of; the wave's id, or None for a
    # calendar month; answers in it, and answers on or before as_of
    # outside it (not read)
    survey_start: Optional[_dt.date] = None
    survey_end: Optional[_dt.date] = None
    survey_wave_id: Optional[str] = None
    survey_answers: int = 0
    survey_answers_outside: int = 0


@dataclass(frozen=True)
class ConstructScore:
    """Survey aggregates of one construct in a unit; respondents None and
    NaN values when suppressed for anonymity."""

    construct: str
    unit_id: Optional[str]
    respondents: Optional[int]
    mean: float
    favourable: float
    unfavourable: float
    leaders: Optional[int]
    staff: Optional[int]
    leaders_mean: float
    staff_mean: float
    perception_gap: float
    # 95% intervals (low, high), NaN both where suppressed (methodology
    # 4.3); the gap's is Welch's
    mean_ci: Tuple[float, float]
    favourable_ci: Tuple[float, float]
    unfavourable_ci: Tuple[float, float]
    leaders_mean_ci: Tuple[float, float]
    staff_mean_ci: Tuple[float, float]
    perception_gap_ci: Tuple[float, float]


@dataclass(frozen=True)
class UnitAdkar:
    """A unit's ADKAR profile (methodology 4.6; since 1.2): each element
    1..5 (NaN when unknown or, listed in ``suppressed``, hidden for
    anonymity), its 95% interval and where it was read ("unit": the
    unit's total or members, "staff", "leaders"; None when NaN); the
    members the Knowledge and Ability means rest on; the unit's barrier
    point; and the members by the barrier point of their own result."""

    unit_id: Optional[str]
    elements: Dict[str, float]
    intervals: Dict[str, Tuple[float, float]]
    sources: Dict[str, Optional[str]]
    suppressed: Tuple[str, ...]
    knowledge_n: int
    ability_n: int
    barrier: str
    barriers: Dict[str, int]


@dataclass(frozen=True)
class AsOfInfo:
    """How a result's as-of date was chosen (methodology 2): ``rule`` is
    "given", "latest_evidence" or "no_evidence"; ``latest`` the latest
    observed evidence, ``bulk`` where the bulk of the records ends (None
    when not applied); ``left_out`` records dated more than
    as_of.outlier_days after it; ``planned_after`` planned training after
    the date."""

    as_of: _dt.date
    rule: str
    latest: Optional[_dt.date]
    bulk: Optional[_dt.date]
    evidence: int
    left_out: int
    planned_after: int


@dataclass(frozen=True)
class Coverage:
    """What the data cover in the organisation or a unit's subtree
    (methodology 1.1): who could be scored, who not and why (``reasons``:
    evidence name -> count), and per input present how many people have
    it (``inputs``: input name -> count, None for survey respondents
    hidden for anonymity; inputs absent from the data are left out)."""

    employees: int
    scored: int
    insufficient: int
    reasons: Dict[str, int]
    inputs: Dict[str, Optional[int]]


@dataclass(frozen=True)
class ToolRow:
    """One row of the tools table (docs/methodology.md, section 9): a
    group (scope "unit", "organisation" or "role") and a tool (kind
    "tool", or the sets "all_tools" and "unsanctioned_tools").  Counts
    hidden for anonymity are None, hidden numbers and intervals NaN."""

    scope: str
    unit_id: Optional[str]
    role_id: Optional[str]
    kind: str
    tool_id: Optional[str]
    registered: bool
    sanctioned: Optional[bool]     # None: not known (no registry; sets)
    headcount: int
    users: Optional[int]
    active_share: float
    active_share_ci: Tuple[float, float]
    habitual: Optional[int]
    habitual_share: float
    habitual_share_ci: Tuple[float, float]
    lapsed: Optional[int]
    lapsed_share: float
    lapsed_share_ci: Tuple[float, float]
    new_users: Optional[int]
    active_days: Optional[int]
    activity_share: float
    active_days_median: float
    first_use_months_median: float
    benefit_respondents: Optional[int]
    benefit: float
    benefit_ci: Tuple[float, float]
    signals: Tuple[str, ...]       # "mismatch", "lapsing", "shadow"


@dataclass(frozen=True)
class Tools:
    """The tools table of a result: its adoption window ("YYYY-MM"), the
    recent months that decide who lapsed, whether the model has a tool
    registry and whether lapse is known, and the rows."""

    window_first: str
    window_last: str
    recent_months: int
    registry: bool
    lapse_known: bool
    rows: Tuple[ToolRow, ...]

    def row(self, tool: Optional[str] = None, *, unit_id: Optional[str] = None,
            role_id: Optional[str] = None, kind: str = "tool") -> ToolRow:
        """The row of a tool (or, with kind "all_tools" or
        "unsanctioned_tools", of a set) in a unit, a role, or with
        neither the organisation.  KeyError when there is none."""
        scope = "unit" if unit_id else "role" if role_id else "organisation"
        for r in self.rows:
            if (r.scope == scope and r.unit_id == unit_id
                    and r.role_id == role_id and r.kind == kind
                    and (kind != "tool" or r.tool_id == tool)):
                return r
        raise KeyError((tool, unit_id, role_id, kind))

"""airs - score how ready a workforce is to adopt AI tools.

Python bindings (ctypes, standard library only) for the airs C library::

    import airs
    wf = airs.Workforce.load("examples/data/sample")
    result = wf.score({"as_of": "2026-06-30"})
    print(result.org.readiness_mean)
    df = result.to_dataframe()          # needs pandas

The C library is found through the ``AIRS_LIBRARY`` environment variable,
then the build tree of a source checkout, then the system library path.
"""
from ._errors import (DataError, Diagnostic, Error, MemoryError, NotFound,
                      ParameterError, PrivacyError)
from ._ffi import lib as _lib
from ._core import (ADKAR, BARRIERS, COLUMNS, COMPONENTS, CONSTRUCTS, FLAGS,
                    TABLES, ConstructScore, Contribution, EmployeeScore,
                    ParamInfo, Params, Provenance, Result, UnitScore, Workforce,
                    describe_params, from_day, to_day, to_month)
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - imported on first use, see __getattr__
    from ._plan import (STRATEGIES, OrgPlan, Plan, PlanAllocation, PlanCohort,
                        PlanGroup, PlanStep)
    from ._audit import OUTCOMES, Audit, AuditRow, AuditTable

#: Names of the plan and audit submodules, which load on first use: most
#: programs score and export and never need them, and importing them costs
#: a start-up (their dataclasses) every run would pay.
_LAZY = {
    "STRATEGIES": "_plan", "OrgPlan": "_plan", "Plan": "_plan",
    "PlanAllocation": "_plan", "PlanCohort": "_plan", "PlanGroup": "_plan",
    "PlanStep": "_plan",
    "OUTCOMES": "_audit", "Audit": "_audit", "AuditRow": "_audit",
    "AuditTable": "_audit",
}


def __getattr__(name: str) -> Any:
    """Import a plan or audit name on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError("module 'airs' has no attribute %r" % name)
    import importlib
    value = getattr(importlib.import_module("." + module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> "list[str]":
    return sorted(set(globals()) | set(_LAZY))


__version__ = "1.0.0"

#: Version of the loaded C library, "MAJOR.MINOR.PATCH".
library_version: str = _lib.airs_version().decode()
#: Path of the loaded C library.
library_path: str = _lib._name

__all__ = [
    "Error", "DataError", "ParameterError", "PrivacyError", "MemoryError",
    "NotFound", "Diagnostic", "Workforce", "Params", "Result",
    "EmployeeScore", "UnitScore", "Contribution", "ConstructScore",
    "ParamInfo", "Provenance", "describe_params", "to_day", "from_day", "to_month",
    "COLUMNS", "COMPONENTS", "ADKAR", "BARRIERS", "FLAGS", "CONSTRUCTS",
    "TABLES", "library_version", "library_path", "Plan", "PlanStep", "OrgPlan",
    "PlanGroup", "PlanAllocation", "PlanCohort", "STRATEGIES", "Audit",
    "AuditTable", "AuditRow", "OUTCOMES",
]

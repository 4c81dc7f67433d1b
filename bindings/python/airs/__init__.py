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
from __future__ import annotations

from ._errors import (DataError, Error, MemoryError, NotFound,
                      ParameterError, PrivacyError)
from ._ffi import lib as _lib
from ._names import ADKAR, BARRIERS, COLUMNS, COMPONENTS, CONSTRUCTS, FLAGS
from ._dates import from_day, to_day, to_month
from ._core import TABLES, Params, Result, Workforce, describe_params

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - imported on first use, see __getattr__
    from typing import Any, List

    from ._records import (AsOfInfo, ConstructScore, Contribution, Coverage,
                           Diagnostic, EmployeeScore, ParamInfo, Provenance,
                           ManagerScore, ToolRow, Tools, UnitAdkar, UnitScore)
    from ._plan import (STRATEGIES, OrgPlan, Plan, PlanAllocation, PlanCohort,
                        PlanGroup, PlanStep)
    from ._audit import OUTCOMES, Audit, AuditRow, AuditTable
    from ._drivers import (DRIVER_OUTCOMES, DRIVERS, Drivers, DriversGroup,
                           DriverWeight, FocusArea)
    from ._rollup import Rollup, score_sharded
    from ._shard import split_dataset
    from ._compare import CHANGE_FIGURES, Change, Comparison
    from ._archive import Archive

#: Names whose modules load on first use: the record dataclasses, the plan
#: and the audit.  Most programs load, score and export and never need
#: them, and importing them (dataclasses, typing and what those import)
#: would cost every run a good part of its start-up.
_LAZY = {
    "Diagnostic": "_records", "EmployeeScore": "_records",
    "UnitScore": "_records", "Contribution": "_records",
    "ConstructScore": "_records", "ParamInfo": "_records",
    "Provenance": "_records", "AsOfInfo": "_records", "Coverage": "_records",
    "ToolRow": "_records", "Tools": "_records", "ManagerScore": "_records",
    "UnitAdkar": "_records",
    "STRATEGIES": "_plan", "OrgPlan": "_plan", "Plan": "_plan",
    "PlanAllocation": "_plan", "PlanCohort": "_plan", "PlanGroup": "_plan",
    "PlanStep": "_plan",
    "OUTCOMES": "_audit", "Audit": "_audit", "AuditRow": "_audit",
    "AuditTable": "_audit",
    "DRIVER_OUTCOMES": "_drivers", "DRIVERS": "_drivers", "Drivers": "_drivers",
    "DriversGroup": "_drivers", "DriverWeight": "_drivers",
    "FocusArea": "_drivers",
    "Rollup": "_rollup", "score_sharded": "_rollup", "split_dataset": "_shard",
    "Comparison": "_compare", "Change": "_compare",
    "CHANGE_FIGURES": "_compare", "Archive": "_archive",
}


def __getattr__(name: str) -> Any:
    """Import a record, plan or audit name on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError("module 'airs' has no attribute %r" % name)
    import importlib
    value = getattr(importlib.import_module("." + module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(_LAZY))


__version__ = "1.1.0"

#: Version of the loaded C library, "MAJOR.MINOR.PATCH".
library_version: str = _lib.airs_version().decode()
#: Path of the loaded C library.
library_path: str = _lib._name

__all__ = [
    "Error", "DataError", "ParameterError", "PrivacyError", "MemoryError",
    "NotFound", "Diagnostic", "Workforce", "Params", "Result", "Rollup",
    "score_sharded", "split_dataset",
    "EmployeeScore", "UnitScore", "Contribution", "ConstructScore",
    "ParamInfo", "Provenance", "AsOfInfo", "Coverage", "UnitAdkar",
    "describe_params", "to_day", "from_day", "to_month",
    "COLUMNS", "COMPONENTS", "ADKAR", "BARRIERS", "FLAGS", "CONSTRUCTS",
    "TABLES", "library_version", "library_path", "Plan", "PlanStep", "OrgPlan",
    "PlanGroup", "PlanAllocation", "PlanCohort", "STRATEGIES", "Audit",
    "AuditTable", "AuditRow", "OUTCOMES", "Drivers", "DriversGroup",
    "DriverWeight", "FocusArea", "DRIVER_OUTCOMES", "DRIVERS",
    "Comparison", "Change", "CHANGE_FIGURES", "Archive",
    "AuditTable", "AuditRow", "OUTCOMES", "Tools", "ToolRow", "ManagerScore",
]

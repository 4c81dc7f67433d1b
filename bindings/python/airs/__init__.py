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
from ._plan import (STRATEGIES, OrgPlan, Plan, PlanAllocation, PlanCohort,
                    PlanGroup, PlanStep)
from ._audit import OUTCOMES, Audit, AuditRow, AuditTable

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

"""The library's vocabularies: the names of score components, ADKAR
elements, barrier points, flags, survey constructs and result columns.

They are read from the library once, at import, so the bindings never
spell them out and cannot disagree with the library they loaded.  Every
module that turns the library's enum values into names takes them from
here.
"""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from typing import Any, Tuple

from . import _ffi
from ._ffi import lib as _lib

__all__ = ["COMPONENTS", "ADKAR", "BARRIERS", "FLAGS", "EMPLOYEE_FLAGS",
           "CONSTRUCTS", "COLUMNS", "TOOL_SCOPES", "TOOL_KINDS",
           "TOOL_SIGNALS", "EVIDENCE", "INPUTS", "AS_OF_RULES", "ADKAR_SOURCES",
           "counted",
           "listed"]


def counted(fn: Any, count: int) -> Tuple[str, ...]:
    """The names fn(0) .. fn(count - 1)."""
    return tuple(fn(i).decode() for i in range(count))


def listed(fn: Any) -> Tuple[str, ...]:
    """The names fn(0), fn(1), ... up to the first NULL."""
    out = []
    while True:
        n = fn(len(out))
        if n is None:
            return tuple(out)
        out.append(n.decode())


COMPONENTS = counted(_lib.airs_component_name, _ffi.COMPONENT_COUNT)
ADKAR = counted(_lib.airs_adkar_name, _ffi.ADKAR_COUNT)
BARRIERS = counted(_lib.airs_barrier_name, _ffi.ADKAR_COUNT + 2)
#: where an ADKAR element was read: "person", "unit", "staff", "leaders"
ADKAR_SOURCES = listed(_lib.airs_adkar_source_name)
FLAGS = counted(lambda i: _lib.airs_flag_name(1 << i), _ffi.FLAG_COUNT)
#: An employee's flags: FLAGS, then those of later versions ("lapsed",
#: 1.1) that the unit aggregates have no room for.
EMPLOYEE_FLAGS = listed(lambda i: _lib.airs_flag_name(1 << i)
                        if i < _ffi.FLAG_BITS else None)
CONSTRUCTS = counted(_lib.airs_construct_name, _ffi.CONSTRUCT_COUNT)
COLUMNS = listed(_lib.airs_column_name)

def _tool_names(fn: str, count: int, bits: bool = False) -> Tuple[str, ...]:
    if not _ffi.has(fn):  # a 1.0 library
        return ()
    f = getattr(_lib, fn)
    return counted(lambda i: f(1 << i if bits else i), count)


#: The tools table's vocabularies (airs/tools.h, 1.1).
TOOL_SCOPES = _tool_names("airs_tool_scope_name", 3)
TOOL_KINDS = _tool_names("airs_tool_kind_name", 3)
TOOL_SIGNALS = _tool_names("airs_tool_signal_name", 3, bits=True)


def _listed_1_1(fn: str) -> Tuple[str, ...]:
    return listed(getattr(_lib, fn)) if _ffi.has(fn) else ()  # a 1.0 library


#: Methodology 1.1 and 2 (1.1).
EVIDENCE = _listed_1_1("airs_evidence_name")
INPUTS = _listed_1_1("airs_input_name")
AS_OF_RULES = _listed_1_1("airs_as_of_rule_name")

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

__all__ = ["COMPONENTS", "ADKAR", "BARRIERS", "FLAGS", "CONSTRUCTS",
           "COLUMNS", "EVIDENCE", "INPUTS", "AS_OF_RULES", "counted",
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
FLAGS = counted(lambda i: _lib.airs_flag_name(1 << i), _ffi.FLAG_COUNT)
CONSTRUCTS = counted(_lib.airs_construct_name, _ffi.CONSTRUCT_COUNT)
COLUMNS = listed(_lib.airs_column_name)
EVIDENCE = listed(_lib.airs_evidence_name)       # methodology 1.1
INPUTS = listed(_lib.airs_input_name)
AS_OF_RULES = listed(_lib.airs_as_of_rule_name)  # methodology 2

"""The exception hierarchy of the airs bindings.

Every failing call of the C library raises a subclass of :class:`Error`
carrying the status code and the library's own message.
"""
from __future__ import annotations

import builtins

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from typing import Any, List, Optional

    from ._records import Diagnostic

__all__ = [
    "Diagnostic", "unknown", "Error", "DataError", "ParameterError", "PrivacyError",
    "MemoryError", "NotFound",
    "OK", "ENOMEM", "EINVAL", "ERANGE", "ENOTFOUND", "EEXIST", "ECYCLE",
    "EPARSE", "EIO", "ELIMIT", "ESTATE", "EMISMATCH", "EPRIVACY", "ECANCELED",
]

# Status codes of enum airs_status (airs/common.h); never renumbered.
OK = 0
ENOMEM = -1
EINVAL = -2
ERANGE = -3
ENOTFOUND = -4
EEXIST = -5
ECYCLE = -6
EPARSE = -7
EIO = -8
ELIMIT = -9
ESTATE = -10
EMISMATCH = -11
EPRIVACY = -12
ECANCELED = -13

_NAMES = {
    OK: "success", ENOMEM: "out of memory", EINVAL: "invalid argument",
    ERANGE: "value out of range", ENOTFOUND: "not found",
    EEXIST: "already exists", ECYCLE: "cycle", EPARSE: "parse error",
    EIO: "input/output error", ELIMIT: "limit exceeded",
    ESTATE: "wrong state", EMISMATCH: "mismatch",
    EPRIVACY: "would disclose protected data", ECANCELED: "cancelled",
}


def __getattr__(name: str) -> Any:
    """:class:`Diagnostic` lives in airs._records, imported on first use."""
    if name == "Diagnostic":
        from ._records import Diagnostic
        globals()[name] = Diagnostic
        return Diagnostic
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


def unknown(what: str, value: Any, valid: Any) -> str:
    """The message for a value that is not one of `valid`, in the CLI's
    words: "unknown strategy 'fastest' (target_first, efficiency, ...)"."""
    return "unknown %s %r (%s)" % (what, value, ", ".join(valid))


class Error(Exception):
    """Base class of every error the airs library reports.

    ``status`` is the negative AIRS_E* code and ``message`` the library's
    message (falling back to the name of the code).
    """

    status: int
    message: str

    def __init__(self, status: int, message: str = "") -> None:
        self.status = int(status)
        self.message = message or _NAMES.get(self.status, "unknown error")
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return "%s(%d, %r)" % (type(self).__name__, self.status, self.message)

    def __reduce__(self):  # type: ignore[override]
        return (type(self), (self.status, self.message))


class DataError(Error, ValueError):
    """Input data was rejected: malformed CSV, a value out of range, a
    duplicate id, a cycle.

    ``file``, ``line`` and ``column`` locate the (first) problem when the
    data came from tables; ``diagnostics`` lists every error and warning
    collected by the load that failed.
    """

    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    diagnostics: List[Diagnostic]

    def __init__(self, status: int, message: str = "", file: Optional[str] = None,
                 line: Optional[int] = None, column: Optional[int] = None,
                 diagnostics: Optional[List[Diagnostic]] = None) -> None:
        super().__init__(status, message)
        self.file = file or None
        self.line = line or None
        self.column = column or None
        self.diagnostics = list(diagnostics or [])

    def __reduce__(self):  # type: ignore[override]
        return (type(self), (self.status, self.message, self.file, self.line,
                             self.column, self.diagnostics))


class ParameterError(Error, ValueError):
    """A scoring parameter is unknown, malformed or out of range, or the
    parameters are inconsistent."""


class PrivacyError(Error):
    """The request would disclose protected data (for instance individual
    survey answers without ``privacy.individual_sentiment = 1``)."""


class MemoryError(Error, builtins.MemoryError):  # noqa: A001 - deliberate
    """The library ran out of memory (AIRS_ENOMEM); nothing was changed."""


class NotFound(Error, KeyError):
    """A referenced id does not exist (AIRS_ENOTFOUND)."""

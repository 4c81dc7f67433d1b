"""Python arguments as C arguments, checked in one place.

A C string ends at its first NUL byte, so ``"U1\\x00evil"`` would reach
the library as ``U1``; a ctypes integer field keeps the low bits, so
``2**64 + 5`` would arrive as 5.  Every string and every integer the
bindings pass to the library goes through :func:`text`, :func:`path` or
:func:`integer`, which refuse both with a ``ValueError`` naming the
argument.  Finite floats are the library's own check (it reports which
value is wrong); strings handed over with their length (CSV and config
contents) are data for the library's parsers, not checked here.
"""
from __future__ import annotations

import operator
import os
from ctypes import c_int, c_int32, c_size_t, c_uint32, c_uint64, sizeof

from . import _errors as E

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from typing import Any, Optional

__all__ = ["text", "opt_text", "ident", "opt_ident", "path", "integer",
           "output"]

#: The writers' output syntaxes, in the order of enum airs_output.
OUTPUTS = ("json", "csv")


def output(format: Any) -> int:
    """The enum airs_output of "json" or "csv"; a ParameterError naming
    the valid ones otherwise."""
    if format not in OUTPUTS:
        raise E.ParameterError(E.EINVAL, E.unknown("format", format, OUTPUTS))
    return OUTPUTS.index(format)


def _nul(what: str, value: Any) -> ValueError:
    return ValueError("%s contains a NUL byte: %r" % (what, value))


def text(value: Any, what: str) -> bytes:
    """A str as UTF-8 for a ``const char *``.  TypeError if it is not a
    str, ValueError if it holds a NUL byte (`what` names the argument in
    both messages)."""
    if not isinstance(value, str):
        raise TypeError("%s must be a str, not %s" % (what, type(value).__name__))
    if "\0" in value:
        raise _nul(what, value)
    return value.encode("utf-8")


def opt_text(value: Any, what: str) -> Optional[bytes]:
    """:func:`text`, or None (a NULL pointer) for None."""
    return None if value is None else text(value, what)


def ident(value: Any, what: str) -> bytes:
    """An id (of an employee, unit, role, skill...) as UTF-8.  Ids are
    text, but HR systems and pandas often hand them over as numbers, so
    an int (numpy's too) is accepted and converted with str(): 1042
    becomes "1042".  A float is refused, though it may look whole: it is
    what pandas makes of a numeric id column with blanks, and it may
    have lost leading zeros or digits on the way.  TypeError naming the
    argument and the fix otherwise."""
    if isinstance(value, str):
        return text(value, what)
    if value is None or isinstance(value, bool):
        raise TypeError("%s must be an id (a str, or an int), not %r"
                        % (what, value))
    if isinstance(value, float):
        raise TypeError(
            "%s %r is a float: ids are text and a float may have lost "
            "leading zeros or digits; pass it as a str (pandas: read the "
            "column with dtype=str, or convert it with .astype('Int64'))"
            % (what, value))
    try:
        return str(operator.index(value)).encode("ascii")
    except TypeError:
        raise TypeError("%s must be an id (a str, or an int), not %s"
                        % (what, type(value).__name__)) from None


def opt_ident(value: Any, what: str) -> Optional[bytes]:
    """:func:`ident`, or None (a NULL pointer) for None."""
    return None if value is None else ident(value, what)


def path(value: Any, what: str = "path") -> bytes:
    """A file system path (str, bytes or os.PathLike) as bytes for the
    library; ValueError if it holds a NUL byte."""
    raw = os.fsencode(value)
    if b"\0" in raw:
        raise _nul(what, os.fspath(value))
    return raw


def _bounds(ctype: Any) -> tuple:
    bits = 8 * sizeof(ctype)
    if ctype in (c_int, c_int32):
        return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return 0, (1 << bits) - 1


_BOUNDS = {t: _bounds(t) for t in (c_int, c_int32, c_uint32, c_size_t, c_uint64)}


def integer(value: Any, ctype: Any, what: str) -> int:
    """An integer that fits the C type `ctype` (c_int, c_int32, c_uint32,
    c_size_t or c_uint64).  Accepts ints (and anything with
    ``__index__``, such as numpy integers) and floats with an integral
    value; ValueError naming `what` and the type's range otherwise."""
    try:
        n = operator.index(value)
    except TypeError:
        if not isinstance(value, float):
            raise TypeError("%s must be an integer, not %s"
                            % (what, type(value).__name__)) from None
        if not value.is_integer():
            raise ValueError("%s must be a whole number, not %r" % (what, value)) from None
        n = int(value)
    lo, hi = _BOUNDS[ctype]
    if not lo <= n <= hi:
        raise ValueError("%s must be in %d..%d, not %d" % (what, lo, hi, n))
    return n

"""Streaming the library's exports.

Every ``airs_*_write`` function hands its output, piece by piece, to an
``airs_write_fn``.  :func:`collect` gathers the pieces in memory;
:func:`save` writes them straight into a file or a path.  Result,
OrgPlan and Audit all export through these two.
"""
from __future__ import annotations

import io
import os
from ctypes import string_at as ctypes_string_at

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from typing import Any, List

from . import _errors as E
from . import _ffi

__all__ = ["collect", "save"]


def collect(call: Any) -> bytes:
    """Run call(writer, diag), a library function that writes through an
    airs_write_fn, and return everything it wrote.

    The pieces (at most 4 KiB each, export.h) are appended to one
    growing buffer whose contents ``getvalue()`` hands over without a
    copy: a list of pieces joined at the end held the output twice and
    copied it once more, which at a million employees (660 MB of JSON)
    cost seconds in page faults and frees."""
    out = io.BytesIO()
    put = out.write
    string_at = ctypes_string_at

    def write(data: Any, n: int, user: Any) -> int:
        try:
            put(string_at(data, n))
            return 0
        except BaseException:  # pragma: no cover - never unwind through C
            return 1

    fn = _ffi.WriteFn(write)
    call(fn, _ffi.Diag())
    return out.getvalue()


def save(call: Any, dest: Any) -> None:
    """Run call(writer, diag) writing straight into dest, piece by piece:
    a binary file object (anything with ``write``), or a path, which is
    written to a temporary file beside it and renamed over it only when
    the whole output is there - a failed export leaves an existing file
    as it was.  An exception raised while writing is re-raised."""
    if hasattr(dest, "write"):
        _save_into(call, dest.write)
        return
    path = os.fspath(dest)
    tmp = "%s.%d.tmp" % (path if isinstance(path, str) else path.decode(),
                         os.getpid())
    try:
        try:
            f = open(tmp, "wb")
        except OSError as e:  # name the user's path, not the temporary
            raise OSError(e.errno, e.strerror, path) from None
        with f:
            _save_into(call, f.write)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _save_into(call: Any, put: Any) -> None:
    string_at = ctypes_string_at
    failed: List[BaseException] = []

    def write(data: Any, n: int, user: Any) -> int:
        try:
            put(string_at(data, n))
            return 0
        except BaseException as e:  # never unwind through C: report after
            failed.append(e)
            return 1

    fn = _ffi.WriteFn(write)
    try:
        call(fn, _ffi.Diag())
    except E.Error:
        if failed:
            raise failed[0] from None
        raise

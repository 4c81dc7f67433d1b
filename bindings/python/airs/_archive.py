"""Archives: a result kept without its raw data, compared later
(airs/archive.h; docs/output-format.md "Archives", docs/methodology.md
4.8).

:meth:`airs.Result.archive` writes a result's archive - a binary rollup
partial with each unit's exact sums of the compared figures and its
people as keyed hashes (HMAC-SHA-256 of the employee id under `key`),
no answers, no scores, no ids.  :meth:`Archive.read` reads one back with
the same key, and :meth:`Archive.compare` compares two as
:meth:`airs.Result.compare` compares two results, with every test
independent (an archive keeps no per-person pairs).  An archive is as
confidential as the raw data; the key more so.
"""
from __future__ import annotations

import builtins
import os
from ctypes import byref, c_void_p

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any, Union

from . import _errors as E
from . import _ffi
from ._args import path as path_arg
from ._ffi import lib as _lib
from ._owner import Owner

__all__ = ["Archive", "KEY_MIN"]

#: The shortest key an archive takes, in bytes.
KEY_MIN = 16


def key_bytes(key: Any) -> bytes:
    """The key as bytes (str: its UTF-8); TypeError for anything else."""
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, (bytes, bytearray, memoryview)):
        raise TypeError("key must be bytes or str, not %s"
                        % type(key).__name__)
    if len(key) < KEY_MIN:  # a caller's mistake, not a damaged archive
        raise E.ParameterError(E.EINVAL, "the archive key has %d bytes; "
                               "archives are made with keys of at least %d"
                               % (len(key), KEY_MIN))
    return bytes(key)


class Archive(Owner):
    """An archive read back: its provenance, and comparisons with other
    archives made with the same key.  Read-only; may be shared between
    threads."""

    _what = "archive"

    def __init__(self, handle: int) -> None:
        self._own(handle, _lib.airs_archive_free)

    @classmethod
    def read(cls, data: Union[bytes, str, "os.PathLike[str]"],
             key: Union[bytes, str]) -> "Archive":
        """Read an archive - bytes, or a path to a file holding one -
        made with `key` (at least 16 bytes).  Refused (:class:`airs.Error`)
        when damaged or cut ("byte N: ..."), made with another key
        (EMISMATCH), or a partial that is not an archive."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            with builtins.open(os.fsdecode(path_arg(data)), "rb") as f:
                data = f.read()
        data, k = bytes(data), key_bytes(key)
        out = c_void_p()
        _lib.airs_archive_read(byref(out), data, len(data), k, len(k), None,
                               _ffi.Diag())
        return cls(out.value)

    @property
    def provenance(self) -> Any:
        """Where the archived result came from
        (:class:`airs.Provenance`): versions, as-of date, survey period,
        the digests of the parameters and of the input."""
        from ._provenance import provenance_of
        p = _ffi.Provenance()
        with self._handle as h:
            _lib.airs_archive_provenance(h, p)
            return provenance_of(p)

    def compare(self, base: "Archive", *,
                allow_params_change: bool = False) -> Any:
        """The change from the archive `base` to this one, as
        :meth:`airs.Result.compare` gives it (a :class:`airs.Comparison`)
        but with the independent design throughout (Welch's t, the
        two-proportion test; methodology 4.8).  Archives of other
        parameters are refused unless `allow_params_change`; of another
        methodology version always."""
        from ._compare import compare_archives
        if not isinstance(base, Archive):
            raise TypeError("base must be an Archive, not %s"
                            % type(base).__name__)
        return compare_archives(self, base, allow_params_change)

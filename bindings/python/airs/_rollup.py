"""Rollups on their own: partials read back, merged, reported; and sharded
scoring (airs/rollup.h, docs/output-format.md "Rollup partials").

A workforce split by employees into shards (:func:`airs.split_dataset`)
is scored shard by shard; each shard's :meth:`airs.Result.partial` is
read back with :meth:`Rollup.read` and merged with :meth:`Rollup.merge`
into exactly the rollup of the whole: the same units, figures and
anonymity decisions, byte for byte in every export.  :func:`score_sharded`
does all of it for a list of shard folders.
"""
from __future__ import annotations

import builtins
import datetime as _dt
import os
from ctypes import byref, c_double, c_size_t, c_uint64, c_void_p

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from . import _args as A
from . import _errors as E
from . import _ffi
from ._args import path as path_arg
from ._core import (Params, Workforce, _construct, _construct_index, _records,
                    _s, _TABLES_OUT, _unit)
from ._dates import from_day
from ._ffi import lib as _lib
from ._io import collect, save
from ._owner import Owner

__all__ = ["Rollup", "score_sharded", "partial_of"]

#: The tables a rollup alone has (the others need the employees).
ROLLUP_TABLES = ("units", "constructs", "skill_gaps", "provenance", "all")


def _params(params: Any) -> Tuple[Any, Optional[Params]]:
    """(a Params, the one made here to close) from Params, a dict or None."""
    if isinstance(params, Params):
        return params, None
    own = Params(params or {})
    return own, own


def partial_of(result: Any) -> bytes:
    """The rollup partial of a :class:`airs.Result`: the bytes
    ``airs score --partial`` writes."""
    return result.partial()


class Rollup(Owner):
    """A rollup read from a partial, merged with others: units and the
    organisation, their constructs and skill gaps, with the anonymity
    rules applied to the merged whole.  Read-only once made, except for
    :meth:`merge`, which must not run while another thread reads it."""

    _what = "rollup"

    def __init__(self, handle: int) -> None:
        self._own(handle, _lib.airs_rollup_free)

    @classmethod
    def read(cls, data: Union[bytes, str, "os.PathLike[str]"],
             params: Union[Params, Mapping[str, Any], None] = None, *,
             open: bool = False) -> "Rollup":
        """Read a partial, text or binary - bytes, or a path to a file
        holding one - made with exactly `params` (those the shard was
        scored with: a dict, a :class:`airs.Params`, or None for the
        defaults).  A partial made with other parameters is refused
        (:class:`airs.Error`, "made with other parameters"), as is a
        damaged one, with its line or byte.  With `open`, the rollup is
        left open: merge others into it and :meth:`finish` it once (the
        anonymity rules are applied once, after the last merge)."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            with builtins.open(os.fsdecode(path_arg(data)), "rb") as f:
                data = f.read()
        data = bytes(data)
        p, own = _params(params)
        try:
            out = c_void_p()
            diag = _ffi.Diag()
            with p._handle as ph:
                _lib.airs_rollup_read_v3(byref(out), data, len(data), ph,
                                         int(bool(open)), None, diag)
            return cls(out.value)
        finally:
            if own is not None:
                own.close()

    def merge(self, *others: "Rollup") -> "Rollup":
        """Add the employees of each of `others` (rollups of other shards
        of the same organisation, scored with the same parameters as of
        the same date) into this one, which is returned.  On an error this
        rollup is as it was before that partial."""
        for o in others:
            diag = _ffi.Diag()
            with self._handle as h, o._handle as oh:
                _lib.airs_rollup_merge(h, oh, diag)
        return self

    # -- what it says -------------------------------------------------
    @property
    def as_of(self) -> _dt.date:
        """The as-of date its employees were scored at."""
        with self._handle as h:
            return from_day(_lib.airs_rollup_as_of(h))

    @property
    def params_digest(self) -> str:
        """SHA-256 (hex) of the parameters it was made with."""
        with self._handle as h:
            return _s(_lib.airs_rollup_params_digest(h)) or ""

    def __len__(self) -> int:
        """The number of units."""
        with self._handle as h:
            return _lib.airs_rollup_unit_count(h)

    def __repr__(self) -> str:
        try:
            return "<airs.Rollup %d units, as of %s>" % (len(self), self.as_of)
        except E.Error:
            return "<airs.Rollup closed>"

    @property
    def units(self) -> List[Any]:
        """Every unit's aggregates in tree order."""
        out = []
        with self._handle as h:
            for i in range(_lib.airs_rollup_unit_count(h)):
                u = _ffi.UnitScore()
                _lib.airs_rollup_unit(h, i, u)
                out.append(_unit(u))
        return out

    @property
    def org(self) -> Any:
        """The aggregates of the whole organisation."""
        u = _ffi.UnitScore()
        with self._handle as h:
            _lib.airs_rollup_org(h, u)
            return _unit(u)

    def _index(self, h: int, unit_id: Optional[str]) -> int:
        if unit_id is None:
            return _ffi.ROLLUP_ORG
        i = c_size_t()
        try:
            _lib.airs_rollup_find_unit(h, A.text(unit_id, "unit_id"), byref(i))
        except E.NotFound:
            raise E.NotFound(E.ENOTFOUND, "no unit %r" % unit_id) from None
        return i.value

    def unit(self, unit_id: str) -> Any:
        """One unit's aggregates by id."""
        u = _ffi.UnitScore()
        with self._handle as h:
            _lib.airs_rollup_unit(h, self._index(h, unit_id), u)
            return _unit(u)

    def construct(self, construct: str, unit_id: Optional[str] = None) -> Any:
        """Survey aggregates of a construct in a unit (None: the org)."""
        k = _construct_index(construct)
        c = _ffi.ConstructScore()
        with self._handle as h:
            _lib.airs_rollup_construct(h, self._index(h, unit_id), k, c)
        return _construct(c, construct, unit_id)

    def skill_gaps(self, unit_id: Optional[str] = None) -> Dict[str, Tuple[float, int]]:
        """Skill heatmap of a unit (None: the organisation): skill id ->
        (mean gap, people counted)."""
        out = {}
        with self._handle as h:
            u = self._index(h, unit_id)
            for k in range(_lib.airs_rollup_skill_count(h)):
                gap, cnt = c_double(), c_uint64()
                _lib.airs_rollup_skill(h, u, k, byref(gap), byref(cnt))
                out[_s(_lib.airs_rollup_skill_id(h, k)) or ""] = (gap.value,
                                                                  int(cnt.value))
        return out

    # -- writing ------------------------------------------------------
    def partial(self, binary: bool = False) -> bytes:
        """The rollup as a partial again (to merge further), text or
        binary; an open rollup too."""
        with self._handle as h:
            return collect(lambda fn, diag: _lib.airs_rollup_write_v2(
                h, int(bool(binary)), fn, None))

    def finish(self) -> "Rollup":
        """Finish a rollup read with ``open=True`` after its last merge
        (the figures can be read from then on); returned."""
        with self._handle as h:
            _lib.airs_rollup_finish(h, 0, _ffi.Diag())
        return self

    @staticmethod
    def _table_format(table: str, format: str) -> Tuple[int, int]:
        if table not in ROLLUP_TABLES:
            raise E.NotFound(E.ENOTFOUND, "a rollup has the tables %s, not %r"
                             % (", ".join(ROLLUP_TABLES), table))
        return _TABLES_OUT.index(table), A.output(format)

    def write(self, table: str = "all", format: str = "json") -> bytes:
        """A table ("units", "constructs", "skill_gaps", "provenance", or
        "all" for JSON) as the library writes it: the units, constructs
        and skill gaps are byte for byte those of the whole's result."""
        t, f = self._table_format(table, format)
        with self._handle as h:
            return collect(lambda fn, diag: _lib.airs_rollup_export(
                h, t, f, fn, None, diag))

    def save(self, dest: Any, table: str = "all", format: str = "json") -> None:
        """:meth:`write` straight into a path or a binary file object."""
        t, f = self._table_format(table, format)
        with self._handle as h:
            save(lambda fn, diag: _lib.airs_rollup_export(
                h, t, f, fn, None, diag), dest)

    def to_json(self, table: str = "all") -> str:
        """The rollup (or one table of it) as the library's JSON text."""
        return self.write(table, "json").decode("utf-8")


def score_sharded(shards: Iterable[Any],
                  params: Union[Params, Mapping[str, Any], None] = None, *,
                  max_errors: int = 100) -> Rollup:
    """Score each shard - a dataset folder, or a :class:`airs.Workforce` -
    with `params` and merge their rollups: the rollup of the whole
    workforce, as scoring it in one piece gives.  Each shard is scored
    for its binary partial only (:meth:`Workforce.score_partial`); the
    partials are merged open and finished once.  `params` must
    fix ``as_of`` to a date: with "auto" each shard would find its own."""
    p, own = _params(params)
    try:
        if p.text("as_of") == "auto":
            raise E.ParameterError(E.EINVAL, "sharded scoring needs an "
                                   "explicit as_of date: with \"auto\" "
                                   "each shard finds its own latest evidence")
        merged: Optional[Rollup] = None
        for s in shards:
            wf = s if isinstance(s, Workforce) else \
                Workforce.load(s, max_errors=max_errors)
            try:
                part = Rollup.read(wf.score_partial(p), p, open=True)
            finally:
                if wf is not s:
                    wf.close()
            if merged is None:
                merged = part
            else:
                with part:
                    merged.merge(part)
        if merged is None:
            raise E.ParameterError(E.EINVAL, "no shards to score")
        return merged.finish()
    finally:
        if own is not None:
            own.close()

"""Dates and months as the library counts them: days since 1970-01-01
and months since January 1970."""
from __future__ import annotations

import datetime as _dt
from ctypes import byref, c_int32

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from typing import Tuple, Union

    DateLike = Union[_dt.date, str]
    MonthLike = Union[_dt.date, str, Tuple[int, int]]

from . import _errors as E
from ._args import integer, text
from ._ffi import lib as _lib

__all__ = ["to_day", "from_day", "to_month"]

_EPOCH = _dt.date(1970, 1, 1)


def to_day(value: DateLike, what: str = "date") -> int:
    """A date as the library's day count (days since 1970-01-01).

    Accepts a :class:`datetime.date` or "YYYY-MM-DD"; `what` names the
    argument in messages."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return (value - _EPOCH).days
    if isinstance(value, str):
        raw = text(value, what)
        out = c_int32()
        try:
            _lib.airs_date_parse(raw, len(raw), byref(out))
        except E.Error as e:
            raise E.DataError(e.status, 'date "%s" is not a valid date '
                              "(YYYY-MM-DD)" % value) from None
        return out.value
    raise TypeError("%s must be a datetime.date or 'YYYY-MM-DD', not %s"
                    % (what, type(value).__name__))


def from_day(day: int) -> _dt.date:
    """The :class:`datetime.date` of a library day count."""
    return _EPOCH + _dt.timedelta(days=day)


def to_month(value: MonthLike, what: str = "period") -> int:
    """A month as the library's month count (months since January 1970).

    Accepts "YYYY-MM", a :class:`datetime.date` or a (year, month) tuple
    (month 1..12); `what` names the argument in messages."""
    if isinstance(value, _dt.date):
        return (value.year - 1970) * 12 + value.month - 1
    if isinstance(value, tuple) and len(value) == 2:
        year = integer(value[0], c_int32, what + " year")
        month = integer(value[1], c_int32, what + " month")
        if not 1 <= month <= 12:
            raise ValueError("%s month must be in 1..12, not %d" % (what, month))
        return integer((year - 1970) * 12 + month - 1, c_int32,
                       what + " (months since January 1970)")
    if isinstance(value, str):
        raw = text(value, what)
        out = c_int32()
        try:
            _lib.airs_month_parse(raw, len(raw), byref(out))
        except E.Error as e:
            raise E.DataError(e.status, 'period "%s" is not a valid month '
                              "(YYYY-MM)" % value) from None
        return out.value
    raise TypeError("%s must be 'YYYY-MM', a date or (year, month), not %s"
                    % (what, type(value).__name__))

"""The life cycle every object that owns a library handle shares.

The library reference-counts models but not results, plans or audits,
and ``ctypes`` releases the GIL for every call: without care, one
thread's ``close()`` frees a handle while another thread is inside a C
call with it.  So every handle lives in a :class:`Handle` that counts the
calls in flight under a lock, and every call into the library enters it::

    with self._handle as h:
        _lib.airs_result_write(h, ...)

``close()`` marks the handle closed at once (new calls raise the
closed-handle error) and the library's free runs when the last call in
flight leaves, never while one is inside C.  The lock is never held
during a C call, so a callback of a running call (a file's ``write``
during ``save``) may call ``close()`` on the same object: the free waits
for the running call to return.
"""
from __future__ import annotations

import threading

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from typing import Any, Optional

from . import _errors as E

__all__ = ["Handle", "Owner", "NO_HANDLE"]


class Handle:
    """One library handle and the number of calls using it.

    ``with handle as h`` enters a call: it raises :class:`airs.Error`
    (``AIRS_ESTATE``, "the <what> is closed") once the handle is closed,
    else gives the raw handle, valid until the ``with`` block ends.
    Blocks nest, in one thread or several."""

    __slots__ = ("_lock", "_h", "_free", "_busy", "_closed", "_what")

    def __init__(self, h: Optional[int], free: Any, what: str) -> None:
        self._lock = threading.Lock()
        self._h = h
        self._free = free
        self._busy = 0
        self._closed = not h
        self._what = what

    def __enter__(self) -> int:
        with self._lock:
            if self._closed:
                raise E.Error(E.ESTATE, "the %s is closed" % self._what)
            self._busy += 1
            return self._h  # type: ignore[return-value]

    def __exit__(self, *exc: Any) -> None:
        with self._lock:
            self._busy -= 1
            if self._busy or not self._closed:
                return
            h, self._h = self._h, None
        if h:  # closed while in use: the last call out frees it
            self._free(h)

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def busy(self) -> int:
        """The number of calls in flight (for tests)."""
        return self._busy

    def close(self) -> None:
        """Refuse new calls; free the handle now, or when the last call
        in flight leaves.  Idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._busy:
                return
            h, self._h = self._h, None
        if h and self._free is not None:
            self._free(h)


class _NoHandle:
    """Stands for an absent optional handle argument: gives None."""

    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: Any) -> None:
        return None


#: ``with (obj._handle if obj is not None else NO_HANDLE) as h``: h is None.
NO_HANDLE = _NoHandle()


class Owner:
    """Owns one library handle: :meth:`close` frees it exactly once, after
    the calls in flight; the object works as a context manager, and
    ``__del__`` is safe at interpreter shutdown.  Subclasses call
    :meth:`_own` with the handle and the library's free function, set
    ``_what`` (for messages), and pass the handle to the library only
    inside ``with self._handle as h:``."""

    _what = "object"
    #: Until _own() runs (or if the constructor failed before): closed.
    _handle: Handle = Handle(None, None, "object")

    def _own(self, h: int, free: Any) -> None:
        self._handle = Handle(h, free, self._what)

    @property
    def closed(self) -> bool:
        """True from the moment :meth:`close` is called."""
        return self._handle.closed

    def close(self) -> None:
        """Free the library handle (idempotent).  Calls already inside the
        library finish first: the free happens when the last one returns,
        and calls made after ``close()`` raise :class:`airs.Error`.
        Objects read from it stay valid; the library keeps what they need
        alive."""
        self._handle.close()

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # module globals may already be gone
            pass

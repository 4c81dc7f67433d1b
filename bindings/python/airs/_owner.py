"""The life cycle every object that owns a library handle shares."""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from typing import Any, Optional

from . import _errors as E


class Owner:
    """Owns one library handle: :meth:`close` frees it exactly once, the
    object works as a context manager, and ``__del__`` is safe at
    interpreter shutdown.  Subclasses set ``_h`` (the handle), ``_free``
    (the library's free function) and ``_what`` (for messages)."""

    _what = "object"
    _h: Optional[int] = None
    _free: Any = None

    @property
    def _handle(self) -> int:
        h = self._h
        if not h:
            raise E.Error(E.ESTATE, "the %s is closed" % self._what)
        return h

    @property
    def closed(self) -> bool:
        """True after :meth:`close`."""
        return not self._h

    def close(self) -> None:
        """Free the library handle (idempotent).  Objects read from it
        already stay valid; the library keeps what they need alive."""
        h, self._h = self._h, None
        if h and self._free is not None:
            self._free(h)

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # module globals may already be gone
            pass

"""Streaming the library's exports.

Every ``airs_*_write`` function hands its output, piece by piece, to an
``airs_write_fn``.  :func:`collect` gathers the pieces in memory;
:func:`save` writes them straight into a file or a path.  Result,
OrgPlan and Audit all export through these two.
"""
from __future__ import annotations

import errno
import io
import os
import stat
from ctypes import string_at as ctypes_string_at

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from typing import Any, List, Optional, Tuple

from . import _errors as E
from . import _ffi
from ._args import path as path_arg

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
    a binary file object (anything with ``write``), or a path.

    A path is written through a new temporary file in the same folder,
    created exclusively under a random name (``.NAME.XXXXXXXXXXXXXXXX.tmp``;
    a file or symbolic link already there is never opened, written
    through or followed), given the permissions of the file it replaces
    (of a new file: 0666 less the umask), flushed to disk with fsync and
    renamed over the path only when the whole output is there.  So a
    failed export leaves an existing file as it was, and saves to one
    path from several threads or processes each leave a complete file
    (the last rename wins).  On any error the temporary is removed and
    the error re-raised; an OSError names the user's path.  An exception
    raised by a file object while writing is re-raised as it was."""
    if hasattr(dest, "write"):
        _save_into(call, dest.write)
        return
    shown = os.fspath(dest)  # errors name the path as the caller gave it
    target = os.fsdecode(path_arg(shown))
    folder, name = os.path.split(target)
    folder = folder or os.curdir
    fd, tmp = _create_temp(folder, name, shown)
    try:
        with open(fd, "wb", buffering=_BUFFER) as f:
            _chmod(fd, _mode_for(target))
            _save_into(call, f.write)
            f.flush()
            os.fsync(fd)
        os.replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError) and e.errno and e.filename in (None, tmp):
            raise OSError(e.errno, e.strerror, shown) from None
        raise
    _sync_folder(folder)


#: The file's buffer when saving to a path.  The library hands over
#: pieces of at most 4 KiB; with io's default buffer (8 KiB) every second
#: piece was a write(2): 20,000 system calls for the 83 MB employees JSON
#: at 100,000 employees, about 0.05 s of system time the CLI pays too
#: (stdio's buffer is 4 KiB).  64 KiB makes them 1,300 and keeps the
#: buffer in the caches; larger buffers measured no better.
_BUFFER = 1 << 16

#: Tries at a fresh random name before giving up: a collision of 64
#: random bits means someone is planting names in the folder.
_TEMP_TRIES = 100
_TEMP_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def _temp_name(folder: str, name: str) -> str:
    """A random temporary name beside `name` (64 bits from os.urandom),
    starting with at most 100 bytes of it so that a name near the
    system's limit still has room for the rest."""
    stem = os.fsdecode(os.fsencode(name)[:100])
    return os.path.join(folder, ".%s.%s.tmp" % (stem, os.urandom(8).hex()))


def _create_temp(folder: str, name: str, shown: Any) -> Tuple[int, str]:
    """Create a new file exclusively (O_EXCL: whatever is already at the
    name, a symbolic link included, makes it fail) under a random name;
    mode 0600 until the data is written.  Errors name `shown`, the
    user's path."""
    for _ in range(_TEMP_TRIES):
        tmp = _temp_name(folder, name)
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o600), tmp
        except FileExistsError:
            continue
        except OSError as e:  # name the user's path, not the temporary
            raise OSError(e.errno, e.strerror, shown) from None
    raise FileExistsError(errno.EEXIST, "no unused temporary name beside it "
                          "after %d tries" % _TEMP_TRIES, shown)


def _mode_for(target: str) -> Optional[int]:
    """The permission bits to give the new file: those of the regular
    file at `target` (set-id bits dropped), else 0666 less the umask as
    open() would give; None when the umask cannot be read (then the
    file stays 0600)."""
    try:
        st = os.stat(target)
    except OSError:
        st = None
    if st is not None and stat.S_ISREG(st.st_mode):
        return stat.S_IMODE(st.st_mode) & ~(stat.S_ISUID | stat.S_ISGID)
    umask = _umask()
    return None if umask is None else 0o666 & ~umask


def _chmod(fd: int, mode: Optional[int]) -> None:
    """Best effort: a file system that has no permissions to set (or
    refuses) leaves the temporary's 0600, which fails safe."""
    if mode is None or not hasattr(os, "fchmod"):
        return
    try:
        os.fchmod(fd, mode)
    except OSError:
        pass


def _umask() -> Optional[int]:
    """The process umask, read without changing it (os.umask() sets it,
    which races with other threads creating files): Linux reports it in
    /proc/self/status."""
    try:
        with open("/proc/self/status", "rb") as f:
            for line in f:
                if line.startswith(b"Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return None


def _sync_folder(folder: str) -> None:
    """Flush the rename to disk (best effort: not every system can open
    or fsync a directory)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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

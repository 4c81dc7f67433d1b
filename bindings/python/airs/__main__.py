"""``python -m airs``: the airs command-line program, its report first.

    python -m airs [OPTIONS]          runs  airs report [OPTIONS]
    python -m airs COMMAND [OPTIONS]  runs  airs COMMAND [OPTIONS]

The report is the CLI's own (examples/cli), so the output, the options
and the exit status are those of ``airs report``, byte for byte: this
module finds the program and replaces the interpreter with it.  It
looks, in this order, at the path in ``AIRS_CLI`` (if set, nothing else
is tried), beside the library the package loaded (a build tree's
``examples/airs``, an installation's ``bin/airs``), then ``PATH``.  A
pip-built package holds the library only: install the CLI with meson
(README.md) or set ``AIRS_CLI``.
"""
from __future__ import annotations

import os
import shutil
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from typing import Iterator, List, Optional, Tuple

ENV_VAR = "AIRS_CLI"
#: Exit status when the program cannot be found (the shell's "not found").
NOT_FOUND = 127


def _beside_library(library: str) -> Iterator[str]:
    """Where the CLI is, given where the library is: a build tree's
    build/lib/libairs.so -> build/examples/airs; an installation's
    PREFIX/lib[/multiarch]/libairs.so -> PREFIX/bin/airs."""
    libdir = os.path.dirname(os.path.realpath(library))
    yield os.path.join(os.path.dirname(libdir), "examples", "airs")
    up = libdir
    for _ in range(3):
        up = os.path.dirname(up)
        yield os.path.join(up, "bin", "airs")


def _candidates() -> Iterator[Tuple[str, Optional[str]]]:
    env = os.environ.get(ENV_VAR)
    if env:
        yield ENV_VAR, env
        return
    try:
        from . import library_path
    except ImportError:  # no library: the CLI may still be installed
        library_path = None
    if library_path:
        for p in _beside_library(library_path):
            yield "beside " + library_path, p
    yield "PATH", shutil.which("airs")


def find_cli() -> Tuple[Optional[str], List[str]]:
    """(the program's path or None, the places looked at)."""
    tried = []
    for where, p in _candidates():
        if p and os.path.isfile(p) and os.access(p, os.X_OK):
            return p, tried
        tried.append("%s: %s" % (where, p or "no airs on PATH"))
    return None, tried


def arguments(argv: List[str]) -> List[str]:
    """The CLI's arguments: ``report`` unless a command (or --help,
    --version) comes first."""
    if argv and (not argv[0].startswith("-")
                 or argv[0] in ("--help", "-h", "--version")):
        return list(argv)
    return ["report"] + list(argv)


def main(argv: Optional[List[str]] = None) -> int:
    args = arguments(sys.argv[1:] if argv is None else argv)
    cli, tried = find_cli()
    if cli is None:
        sys.stderr.write(
            "python -m airs: the airs command-line program was not found; "
            "looked at:\n  " + "\n  ".join(tried) + "\n"
            "It is built with the C library (meson setup build && ninja -C "
            "build makes build/examples/airs) and installed by meson "
            "install; a pip-installed package holds the library only. Set "
            "%s to the program's path.\n" % ENV_VAR)
        return NOT_FOUND
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(cli, ["airs"] + args)
    return 0  # pragma: no cover - execv does not return


if __name__ == "__main__":
    sys.exit(main())

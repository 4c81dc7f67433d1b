"""Scoring on a Dask cluster: a workforce split by employees, or many
workforces (one per employer), scored on the workers, merged on the
cluster, with the same bytes as one process.

Optional: needs ``dask`` (and ``distributed`` for a cluster; Debian's
``python3-dask`` and ``python3-distributed``).  Importing this module
without them raises :class:`ImportError` naming them; ``import airs``
never needs them.

Each shard is a dataset folder (:func:`airs.split_dataset` makes them
from one) that every worker can read - a shared file system, or a path
your workers mount from object storage.  A task per shard loads and
scores it (on one thread: Dask runs a task per worker thread) and returns
its binary rollup partial - about 7% of the shard's CSV (6 MB for 100,000
employees, 68 MB for 1,000,000 in 146,000 units); the employees never
leave the worker.  Partials are merged open on the workers, up to
``fan_in`` in one task, until at most ``fan_in`` are left; the client
merges those and finishes once, so the anonymity rules run once, on the
whole, and no merged partial is written only to be read again.
Merging is associative and commutative and exact, so the result is the
rollup of the whole workforce, byte for byte, whatever the number of
shards, workers or the order tasks finish in.
"""
from __future__ import annotations

import os

try:
    import dask
    from dask import delayed
except ImportError as e:  # pragma: no cover - depends on the system
    raise ImportError("airs.dask needs Dask: pip install 'dask[distributed]', "
                      "or on Debian apt-get install python3-dask "
                      "python3-distributed") from e

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import (Any, Dict, Iterable, List, Mapping, Optional,
                        Sequence, Set, Union)

from ._core import Params
from ._rollup import Rollup

__all__ = ["score_sharded", "score_many", "shard_partial", "merge_partials",
           "finish_partials"]


def _param_dict(params: Any) -> Dict[str, str]:
    """Parameters as a plain dict of text, which pickles to any worker."""
    if params is None:
        return {}
    if isinstance(params, Params):
        return params.to_text()
    return {k: str(v) for k, v in dict(params).items()}


def _threads(params: Mapping[str, str]) -> int:
    """The threads a task loads and scores on: the ``threads`` parameter
    when given, else 1 - Dask runs as many tasks at once as a worker has
    threads, so each task keeps to one (results never depend on it)."""
    t = params.get("threads", "")
    return int(t) if t.strip() else 1


def shard_partial(folder: str, params: Mapping[str, str]) -> bytes:
    """Load and score one shard folder; its binary rollup partial.  Runs
    on a worker, on one thread unless `params` sets ``threads``."""
    from ._core import Workforce
    t = _threads(params)
    p = dict(params, threads=str(t))
    with Workforce.load(folder, threads=t) as wf:
        return wf.score_partial(p)


def _merged(parts: Iterable[bytes], params: Mapping[str, str],
            threads: int = 1) -> Rollup:
    """Partials read open and merged, in the order they come, into the
    first (left open); each freed once merged.  With `threads` > 1 the
    next partials are read on other threads (the library releases the
    GIL) while this one merges: reading is most of a merge."""
    p = dict(params)
    into: Optional[Rollup] = None

    def read(b: bytes) -> Rollup:
        return Rollup.read(b, p, open=True)

    def add(r: Rollup) -> None:
        nonlocal into
        if into is None:
            into = r
            return
        with r:
            into.merge(r)

    try:
        if threads <= 1:
            for b in parts:
                add(read(b))
        else:
            _pipelined(parts, read, add, threads)
    except BaseException:
        if into is not None:
            into.close()
        raise
    if into is None:
        raise ValueError("no partials to merge")
    return into


def _pipelined(parts: Iterable[bytes], read: Any, add: Any,
               threads: int) -> None:
    """add(read(b)) for every b of parts: reads on up to `threads`
    threads, adds on this one in the order the reads end.  Reads not
    added when one fails are closed."""
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
    pending: Set[Any] = set()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        try:
            for b in parts:
                pending.add(pool.submit(read, b))
                while len(pending) >= threads:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for f in done:
                        add(f.result())
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    add(f.result())
        except BaseException:
            for f in pending:
                if not f.cancel() and f.exception() is None:
                    f.result().close()
            raise


def merge_partials(parts: Sequence[bytes],
                   params: Mapping[str, str]) -> bytes:
    """Partials merged open, in one pass: the binary partial of all of
    them.  Runs on a worker (on one thread, as a task should)."""
    with _merged(parts, params) as r:
        return r.partial(binary=True)


def finish_partials(parts: Iterable[bytes], params: Mapping[str, str],
                    threads: int = 0) -> Rollup:
    """The last partials - bytes, or an iterable that yields them as they
    arrive - merged and finished where the result is wanted (the
    client): the anonymity rules run once, on the whole.  Partials are
    read on up to `threads` threads (0: one per CPU) while the ones read
    merge."""
    if not threads:
        threads = os.cpu_count() or 1
    return _merged(parts, params, threads).finish()


def _reduce(parts: List[Any], params: Dict[str, str], fan_in: int) -> List[Any]:
    """Merges on the cluster, each of up to `fan_in` partials, until at
    most `fan_in` are left: those the client merges and finishes (a
    merge on a worker writes a partial the client would read again)."""
    if fan_in < 2:
        raise ValueError("fan_in must be at least 2, not %r" % (fan_in,))
    merge = delayed(merge_partials, pure=True)
    while len(parts) > fan_in:
        parts = [merge(parts[i:i + fan_in], params) if i + 1 < len(parts)
                 else parts[i] for i in range(0, len(parts), fan_in)]
    return parts


def _check(params: Dict[str, str]) -> None:
    if params.get("as_of", "auto") == "auto":
        raise ValueError("sharded scoring needs an explicit as_of date: "
                         "with \"auto\" each shard finds its own latest "
                         "evidence")


def _streams(roots: Sequence[List[Any]], client: Any) -> List[Iterable[bytes]]:
    """Start every root's partials on the cluster; per root, an iterable
    of their bytes in the order they are done (each future released once
    its bytes are here), so the client reads the first while the others
    are still computed."""
    flat = [d for r in roots for d in r]
    if client is None:
        done = list(dask.compute(*flat))
        out, i = [], 0
        for r in roots:
            out.append(done[i:i + len(r)])
            i += len(r)
        return out
    from distributed import as_completed
    futures = client.compute(flat)

    def stream(fs: List[Any]) -> Iterable[bytes]:
        for f in as_completed(fs):
            b = f.result()
            f.release()
            yield b

    out, i = [], 0
    for r in roots:
        out.append(stream(futures[i:i + len(r)]))
        i += len(r)
    return out


def score_sharded(shards: Sequence[str],
                  params: Union[Params, Mapping[str, Any], None] = None, *,
                  client: Any = None, fan_in: int = 8) -> Rollup:
    """Score the shard folders of one workforce on the cluster of
    `client` (a ``distributed.Client``; None: Dask's current scheduler)
    and merge them: the finished :class:`airs.Rollup` of the whole, as
    one process gives.  `params` must fix ``as_of``.  Shards are scored
    one task each, on one thread unless `params` sets ``threads``;
    partials are merged on the workers, up to `fan_in` at a time, until
    at most `fan_in` are left, which the client merges and finishes."""
    p = _param_dict(params)
    _check(p)
    if not shards:
        raise ValueError("no shards to score")
    parts = [delayed(shard_partial, pure=True)(s, p) for s in shards]
    (last,) = _streams([_reduce(parts, p, fan_in)], client)
    return finish_partials(last, p)


def score_many(datasets: Sequence[Union[str, Sequence[str]]],
               params: Union[Params, Mapping[str, Any], None] = None, *,
               client: Any = None, fan_in: int = 8) -> List[Rollup]:
    """A night of many employers: each entry of `datasets` is a dataset
    folder, or the shard folders of one employer's workforce; all are
    scored on the cluster at once (as :func:`score_sharded` does each).
    Returns their finished rollups, in order."""
    p = _param_dict(params)
    _check(p)
    roots = []
    for d in datasets:
        folders = [d] if isinstance(d, str) else list(d)
        if not folders:
            raise ValueError("an employer without shards")
        roots.append(_reduce([delayed(shard_partial, pure=True)(s, p)
                              for s in folders], p, fan_in))
    out: List[Rollup] = []
    try:
        for last in _streams(roots, client):
            out.append(finish_partials(last, p))
    except BaseException:
        for r in out:
            r.close()
        raise
    return out

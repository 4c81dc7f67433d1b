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

try:
    import dask
    from dask import delayed
except ImportError as e:  # pragma: no cover - depends on the system
    raise ImportError("airs.dask needs Dask: pip install 'dask[distributed]', "
                      "or on Debian apt-get install python3-dask "
                      "python3-distributed") from e

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

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
    with Workforce.load(folder, threads=t) as wf, wf.score(p) as r:
        return r.partial(binary=True)


def _merged(parts: Sequence[bytes], params: Mapping[str, str]) -> Rollup:
    """Partials read open and merged into the first (open still), each
    freed once merged."""
    p = dict(params)
    into = Rollup.read(parts[0], p, open=True)
    try:
        for b in parts[1:]:
            with Rollup.read(b, p, open=True) as part:
                into.merge(part)
    except BaseException:
        into.close()
        raise
    return into


def merge_partials(parts: Sequence[bytes],
                   params: Mapping[str, str]) -> bytes:
    """Partials merged open, in one pass: the binary partial of all of
    them.  Runs on a worker."""
    with _merged(parts, params) as r:
        return r.partial(binary=True)


def finish_partials(parts: Sequence[bytes],
                    params: Mapping[str, str]) -> Rollup:
    """The last partials merged and finished where the result is wanted
    (the client): the anonymity rules run once, on the whole."""
    return _merged(parts, params).finish()


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


def _compute(roots: Sequence[List[Any]], client: Any) -> List[List[bytes]]:
    """Every root's partials, computed on the cluster, as bytes."""
    flat = [d for r in roots for d in r]
    if client is not None:
        done = client.gather(client.compute(flat))
    else:
        done = list(dask.compute(*flat))
    out, i = [], 0
    for r in roots:
        out.append(done[i:i + len(r)])
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
    (last,) = _compute([_reduce(parts, p, fan_in)], client)
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
    return [finish_partials(last, p) for last in _compute(roots, client)]

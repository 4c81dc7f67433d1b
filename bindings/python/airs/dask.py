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
scores it and returns its binary rollup partial (a few MB, whatever the
shard's size: the employees never leave the worker); partials are
merged pairwise on the workers, open, in a tree; the client reads the
last one and finishes it, so the anonymity rules run once, on the whole.
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

__all__ = ["score_sharded", "score_many", "shard_partial", "merge_partials"]


def _param_dict(params: Any) -> Dict[str, str]:
    """Parameters as a plain dict of text, which pickles to any worker."""
    if params is None:
        return {}
    if isinstance(params, Params):
        return params.to_text()
    return {k: str(v) for k, v in dict(params).items()}


def shard_partial(folder: str, params: Mapping[str, str]) -> bytes:
    """Load and score one shard folder; its binary rollup partial.  Runs
    on a worker."""
    from ._core import Workforce
    with Workforce.load(folder) as wf, wf.score(dict(params)) as r:
        return r.partial(binary=True)


def merge_partials(a: bytes, b: bytes, params: Mapping[str, str]) -> bytes:
    """Two partials merged open: the binary partial of both.  Runs on a
    worker."""
    with Rollup.read(a, dict(params), open=True) as x, \
            Rollup.read(b, dict(params), open=True) as y:
        return x.merge(y).partial(binary=True)


def _tree(parts: List[Any], params: Dict[str, str]) -> Any:
    """Pairwise merges of delayed partials, as a balanced tree."""
    merge = delayed(merge_partials, pure=True)
    while len(parts) > 1:
        nxt = [merge(parts[i], parts[i + 1], params)
               for i in range(0, len(parts) - 1, 2)]
        if len(parts) % 2:
            nxt.append(parts[-1])
        parts = nxt
    return parts[0]


def _check(params: Dict[str, str]) -> None:
    if params.get("as_of", "auto") == "auto":
        raise ValueError("sharded scoring needs an explicit as_of date: "
                         "with \"auto\" each shard finds its own latest "
                         "evidence")


def _compute(values: Sequence[Any], client: Any) -> List[Any]:
    if client is not None:
        return client.gather(client.compute(list(values)))
    return list(dask.compute(*values))


def score_sharded(shards: Sequence[str],
                  params: Union[Params, Mapping[str, Any], None] = None, *,
                  client: Any = None) -> Rollup:
    """Score the shard folders of one workforce on the cluster of
    `client` (a ``distributed.Client``; None: Dask's current scheduler)
    and merge them there: the finished :class:`airs.Rollup` of the whole,
    as one process gives.  `params` must fix ``as_of``."""
    p = _param_dict(params)
    _check(p)
    if not shards:
        raise ValueError("no shards to score")
    parts = [delayed(shard_partial, pure=True)(s, p) for s in shards]
    (merged,) = _compute([_tree(parts, p)], client)
    return Rollup.read(merged, p)


def score_many(datasets: Sequence[Union[str, Sequence[str]]],
               params: Union[Params, Mapping[str, Any], None] = None, *,
               client: Any = None) -> List[Rollup]:
    """A night of many employers: each entry of `datasets` is a dataset
    folder, or the shard folders of one employer's workforce; all are
    scored on the cluster at once.  Returns their finished rollups, in
    order."""
    p = _param_dict(params)
    _check(p)
    roots = []
    for d in datasets:
        folders = [d] if isinstance(d, str) else list(d)
        if not folders:
            raise ValueError("an employer without shards")
        roots.append(_tree([delayed(shard_partial, pure=True)(s, p)
                            for s in folders], p))
    return [Rollup.read(b, p) for b in _compute(roots, client)]

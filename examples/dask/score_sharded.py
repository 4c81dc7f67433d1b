#!/usr/bin/python3
"""Score a workforce in shards on a Dask cluster and write what one
process would write.

    examples/dask/score_sharded.py DIR OUT [--workers N] [--shards K]
                                   [--as-of DATE] [--scheduler ADDRESS]
                                   [--fan-in F]

Splits the dataset folder DIR into K shards of employees (OUT/shards/),
starts a LocalCluster of N single-thread worker processes (or connects
to a running scheduler with --scheduler tcp://host:8786), scores every
shard on the workers (a task each, on one thread), merges their rollup
partials on the cluster up to F at a time until at most F are left, and
merges and finishes those here; then writes:

  OUT/rollup.json      the merged rollup (units, constructs, skill gaps,
                       provenance), as `airs merge --format json`
  OUT/merged.partial   the merged binary partial, for later merges

On a real cluster the shard folders must be readable by every worker:
put OUT on a shared file system, or split once and give the workers
paths they mount (object storage through a FUSE mount such as s3fs or
gcsfuse, or download each shard inside the task).  Needs Debian's
python3-dask and python3-distributed (or pip install "dask[distributed]").
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bindings", "python"))

import airs  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("out")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--shards", type=int, default=0,
                    help="shards to split into (default: 2 per worker)")
    ap.add_argument("--as-of", default="2026-06-30")
    ap.add_argument("--scheduler", help="address of a running scheduler")
    ap.add_argument("--fan-in", type=int, default=8,
                    help="partials merged in one task, and left for this "
                         "process to merge (default 8)")
    a = ap.parse_args(argv)

    import airs.dask as ad
    from distributed import Client, LocalCluster

    shards = airs.split_dataset(a.dir, a.shards or 2 * a.workers,
                                os.path.join(a.out, "shards"))
    params = {"as_of": a.as_of}
    if a.scheduler:
        cluster, client = None, Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        with ad.score_sharded(shards, params, client=client,
                              fan_in=a.fan_in) as rollup:
            rollup.save(os.path.join(a.out, "rollup.json"))
            with open(os.path.join(a.out, "merged.partial"), "wb") as f:
                f.write(rollup.partial(binary=True))
            org = rollup.org
            print("%d employees in %d units, mean readiness %.1f, as of %s"
                  % (org.headcount, len(rollup), org.readiness_mean,
                     rollup.as_of))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":
    main()

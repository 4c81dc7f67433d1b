#!/usr/bin/python3
"""Sharded scoring on a LocalCluster against one process (issue 23,
docs/performance.md "Sharded scoring").

    AIRS_LIBRARY=build-rel/lib/libairs.so /usr/bin/python3 \\
        tests/bench/dask-time.py DIR SHARD_DIR... [--rounds R] [--as-of DATE]

The shards are folders airs.split_dataset made from DIR (split them
beforehand: splitting is not timed).  Starts a LocalCluster of one
single-thread worker process per shard (and imports airs on each, as a
long-lived worker has), then per round, interleaved: airs.dask.
score_sharded of the shards; the same steps timed inside the tasks (wall
and thread CPU seconds: load, score, partial; on the client: the shards
gathered, each partial read, merged, finished); one process loading
DIR, scoring and writing the binary partial on 1 thread and on every
CPU.  Checks every way gives the same partial.  Prints the load average
with every round, and the CPU seconds (user + system) each way took:
score_sharded's on the client (with the LocalCluster's scheduler, which
runs in this process) and on each worker (the task and the worker's own
event loop), and one process's - on 2 cores the sharded way can only
be faster while its CPU is below about twice one process's wall.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "bindings", "python"))
import airs  # noqa: E402
import airs.dask as ad  # noqa: E402


def clk():
    return time.perf_counter(), time.thread_time()


def steps(marks):
    return " ".join("%s %.3f/%.3f" % (n1, b[0] - a[0], b[1] - a[1])
                    for (_, a), (n1, b) in zip(marks, marks[1:]))


def scored(folder, params, threads, shard=False):
    """Load, score, write the partial: (partial, marks).  A shard as
    airs.dask scores it (Workforce.score_partial), or as one process
    scores a workforce (a result, then its partial)."""
    m = [("", clk())]
    wf = airs.Workforce.load(folder, threads=threads)
    m.append(("load", clk()))
    p = dict(params, threads=str(threads))
    if shard:
        b = wf.score_partial(p)
        m.append(("score_partial", clk()))
    else:
        r = wf.score(p)
        m.append(("score", clk()))
        b = r.partial(binary=True)
        m.append(("partial", clk()))
        r.close()
    wf.close()
    m.append(("free", clk()))
    return b, m


def cpu(client):
    """CPU seconds so far: this process's, and each worker process's."""
    return time.process_time(), client.run(time.process_time)


def cpu_since(before, client):
    """What cpu(client) has grown by since `before`, as text."""
    me, workers = cpu(client)
    w = [workers[k] - before[1][k] for k in sorted(workers)]
    return "client %.3f + workers %s = %.3f s" % (
        me - before[0], " + ".join("%.3f" % x for x in w),
        me - before[0] + sum(w))


def by_steps(shards, params, client):
    """score_sharded's steps, timed: (rollup, lines)."""
    from dask import delayed
    t0 = clk()
    res = client.gather(client.compute(
        [delayed(scored, pure=False)(s, params, 1, True) for s in shards]))
    m = [("", t0), ("gathered", clk())]
    rs = []
    for k, (b, _) in enumerate(res):
        rs.append(airs.Rollup.read(b, params, open=True))
        m.append(("read%d" % k, clk()))
    for r in rs[1:]:
        rs[0].merge(r)
        r.close()
    m.append(("merge", clk()))
    rs[0].finish()
    m.append(("finish", clk()))
    lines = ["  shard %d: start +%.3f %s, done +%.3f"
             % (k, sm[0][1][0] - t0[0], steps(sm), sm[-1][1][0] - t0[0])
             for k, (_, sm) in enumerate(res)]
    lines.append("  client: %s, total %.3f" % (steps(m), m[-1][1][0] - t0[0]))
    return rs[0], lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("shards", nargs="+")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--as-of", default="2026-06-30")
    a = ap.parse_args()
    from distributed import Client, LocalCluster
    params = {"as_of": a.as_of}
    with LocalCluster(n_workers=len(a.shards), threads_per_worker=1,
                      processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.run(lambda: __import__("airs.dask"))
        for rnd in range(a.rounds):
            la = os.getloadavg()
            c0 = cpu(client)
            t = time.perf_counter()
            with ad.score_sharded(a.shards, params, client=client) as r:
                t_dask = time.perf_counter() - t
                c_dask = cpu_since(c0, client)
                want = r.partial(binary=True)
            r, lines = by_steps(a.shards, params, client)
            same = r.partial(binary=True) == want
            r.close()
            one = []
            for threads in (1, 0):
                c0 = time.process_time()
                t = time.perf_counter()
                b, m = scored(a.dir, params, threads)
                one.append((time.perf_counter() - t, steps(m),
                            time.process_time() - c0))
                same = same and b == want
            print("round %d, load %.2f %.2f %.2f: score_sharded %.3f s; one "
                  "process 1 thread %.3f s, every CPU %.3f s; same bytes: %s"
                  % (rnd, la[0], la[1], la[2], t_dask, one[0][0], one[1][0],
                     same))
            print("  CPU: score_sharded %s; one process 1 thread %.3f s, "
                  "every CPU %.3f s" % (c_dask, one[0][2], one[1][2]))
            print("\n".join(lines))
            print("  one process, 1 thread: %s" % one[0][1], flush=True)
            if not same:
                sys.exit("the partials differ")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""airs.dask on a LocalCluster gives the bytes of one process (issue 23).

    tests/dask/check-dask.py AIRS_GEN SOURCE_ROOT

Skipped (exit 77, with a message) when Dask or distributed is absent:
apt-get install python3-dask python3-distributed.  Runs
examples/dask/score_sharded.py on the bundled sample and on a generated
company of 3,000 employees, and checks that its rollup.json and merged
partial are byte for byte those of scoring the whole in one process;
then scores two employers in one night with score_many.  Output is TAP.
"""
import os
import subprocess
import sys
import tempfile

if len(sys.argv) < 3:
    sys.exit(__doc__)
GEN, ROOT = sys.argv[1], sys.argv[2]
try:
    import dask  # noqa: F401
    import distributed  # noqa: F401
except ImportError as e:
    print("1..0 # SKIP Dask is not installed (%s): apt-get install "
          "python3-dask python3-distributed" % e)
    sys.exit(77)

sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
import airs  # noqa: E402
import airs.dask as ad  # noqa: E402

PARAMS = {"as_of": "2026-06-30"}
results = []


def ok(cond, name, detail=""):
    results.append((bool(cond), name, detail))


def whole(folder):
    """The rollup of the whole in one process: its JSON and partial."""
    with airs.Workforce.load(folder) as wf, wf.score(PARAMS) as r:
        part = r.partial(binary=True)
    with airs.Rollup.read(part, PARAMS) as ru:
        return ru.write("all"), part


def main():
    with tempfile.TemporaryDirectory() as tmp:
        gen = os.path.join(tmp, "gen")
        subprocess.run([GEN, "--employees", "3000", "--seed", "11", "--out", gen],
                       check=True, stdout=subprocess.DEVNULL)
        # the generated company's 5 shards with fan-in 2: pairs merged on
        # the workers, two of those merged again there, the last two on
        # the client
        for name, folder, shards, fan_in in (
                ("sample", os.path.join(ROOT, "examples", "data", "sample"),
                 3, 8),
                ("generated", gen, 5, 2)):
            out = os.path.join(tmp, "out-" + name)
            run = subprocess.run(
                [sys.executable, os.path.join(ROOT, "examples", "dask",
                                              "score_sharded.py"),
                 folder, out, "--workers", "2", "--shards", str(shards),
                 "--fan-in", str(fan_in)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                env=dict(os.environ))
            ok(run.returncode == 0, "%s: score_sharded.py runs" % name,
               run.stderr[-2000:])
            want_json, want_part = whole(folder)
            try:
                with open(os.path.join(out, "rollup.json"), "rb") as f:
                    got_json = f.read()
                with open(os.path.join(out, "merged.partial"), "rb") as f:
                    got_part = f.read()
            except OSError as e:
                got_json = got_part = b""
                ok(False, "%s: outputs written" % name, e)
            ok(got_json == want_json and len(want_json) > 1000,
               "%s: %d shards on 2 workers, fan-in %d: rollup.json is the "
               "one process's" % (name, shards, fan_in))
            ok(got_part == want_part, "%s: the merged partial is the whole's" % name)

        # a night of many employers: each scored (one of them in shards) at once
        from distributed import Client, LocalCluster
        shards = airs.split_dataset(gen, 4, os.path.join(tmp, "night"))
        with LocalCluster(n_workers=2, threads_per_worker=1,
                          dashboard_address=None) as cluster, \
                    Client(cluster, timeout="60s") as client:
            rs = ad.score_many([os.path.join(ROOT, "examples", "data", "sample"),
                                shards], PARAMS, client=client)
            # merges on the workers: with fan_in 2 two pairs, merged
            # again by the client; with 3 three shards, and one alone
            trees = [ad.score_sharded(shards, PARAMS, client=client,
                                      fan_in=k).write("all") for k in (2, 3)]
        ok(trees[0] == whole(gen)[0], "4 shards merged in pairs on the "
           "workers (fan_in 2): the one process's rollup")
        ok(trees[1] == whole(gen)[0], "4 shards, 3 merged on a worker and "
           "1 on the client (fan_in 3): the one process's rollup")
        ok(len(rs) == 2 and
           rs[0].write("all") == whole(os.path.join(ROOT, "examples", "data",
                                                    "sample"))[0] and
           rs[1].write("all") == whole(gen)[0],
           "score_many: two employers, each as one process scores it")
        # the client's merge: partials read on threads as they come
        parts = [ad.shard_partial(s, PARAMS) for s in shards]
        got = []
        for t in (1, 2, 5):
            with ad.finish_partials(iter(parts[::-1]), PARAMS, threads=t) as r:
                got.append(r.write("all"))
        ok(got == [whole(gen)[0]] * 3, "finish_partials on 1, 2 and 5 "
           "threads: the one process's rollup")
        bad = parts[2][:100] + bytes([parts[2][100] ^ 1]) + parts[2][101:]
        try:
            ad.finish_partials(parts[:2] + [bad] + parts[3:], PARAMS, threads=2)
            ok(False, "a damaged partial is refused")
        except airs.Error as e:
            ok("checksum" in str(e), "a damaged partial is refused", e)
        try:
            ad.score_sharded(shards, {})
            ok(False, "as_of auto is refused")
        except ValueError as e:
            ok("explicit as_of" in str(e), "as_of auto is refused", e)

    print("1..%d" % len(results))
    fails = 0
    for i, (good, name, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if good else "not ok", i, name))
        if not good:
            fails += 1
            for line in str(detail).splitlines()[:20]:
                print("# " + line)
    sys.exit(1 if fails else 0)


# the workers are started by spawning this module again: only main() runs
if __name__ == "__main__":
    main()

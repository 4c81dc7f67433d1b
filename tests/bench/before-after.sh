#!/bin/bash
# Before and after, in the same minutes (docs/performance.md, "Idle, ..."
# sections): two checkouts' release builds run interleaved on the bench
# companies, for the ratios of the Targets table.  Not a test.
#
#   tests/bench/before-after.sh BASE_TREE NEW_TREE [DASK_DIR]
#
# Each tree has a release build in build-rel (meson setup build-rel
# --buildtype=release -Dtests=true); NEW_TREE's tests/bench/cache holds
# gen-100000-s1 and gen-1000000-s1 (run.py makes them).  DASK_DIR, a
# folder and its two shards in DASK_DIR-shards/shard-0 and shard-1
# (airs.split_dataset), adds the Dask rounds.  Needs bc, GNU time and
# Debian's python3 with pandas (and dask for DASK_DIR).
set -u
[ $# -ge 2 ] || { sed -n '6p' "$0" >&2; exit 2; }
B=$(cd "$1" && pwd); M=$(cd "$2" && pwd); DASK=${3:-}
C=$M/tests/bench/cache
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
D100=$C/gen-100000-s1; D1M=$C/gen-1000000-s1
T="/usr/bin/time -f %e_s_%M_KB"
echo "== start $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== run.py 100k x3 (new, with pandas)"
(cd $M && /usr/bin/python3 tests/bench/run.py --sizes 100000 --runs 3 --build-dir build-rel 2>&1 | tail -25)
echo "== e2e 100k x3 interleaved (base, new)"
for i in 1 2 3; do for b in $B $M; do echo -n "$b "; $T $b/build-rel/tests/bench/airs-score-dump $D100 $TMP/e.csv $TMP/u.csv --library-csv 2>&1 >/dev/null | tail -1; done; done
echo "== e2e 1M x3 interleaved (base, new)"
for i in 1 2 3; do for b in $B $M; do echo -n "$b "; $T $b/build-rel/tests/bench/airs-score-dump $D1M $TMP/e.csv $TMP/u.csv --library-csv 2>&1 >/dev/null | tail -1; done; done
echo "== e2e 100k x3 more (new)"
for i in 1 2 3; do echo -n "new "; $T $M/build-rel/tests/bench/airs-score-dump $D100 $TMP/e.csv $TMP/u.csv --library-csv 2>&1 >/dev/null | tail -1; done
echo "== rescore 2 threads / 1 thread (base, new)"
for b in $B $M; do for t in 2 1; do echo "-- $b threads $t"; $b/build-rel/tests/airs-time $D100 $t 7 2>&1 | tail -6; done; done
echo "== report vs load+score x10 (new)"
for i in $(seq 10); do
  s=$(date +%s.%N); $M/build-rel/examples/airs report --data $D100 > $TMP/rep.txt; e=$(date +%s.%N)
  ls=$($M/build-rel/tests/bench/airs-score-dump $D100 - - --times 2>&1 | grep -E '^(load|score) ' | awk '{s+=$2} END {print s}')
  echo "report $(echo "$e - $s" | bc) loadscore $ls"
done
echo "== python vs cli x5 (new)"
/usr/bin/python3 -m compileall -q $M/bindings/python/airs >/dev/null
for i in 1 2 3 4 5; do
  s=$(date +%s.%N); env -u PYTHONDONTWRITEBYTECODE PYTHONPATH=$M/bindings/python AIRS_LIBRARY=$M/build-rel/lib/libairs.so /usr/bin/python3 $M/tests/bench/python-e2e.py $D100 $TMP/py.json; e=$(date +%s.%N)
  $M/build-rel/examples/airs score --data $D100 --format json --output $TMP/cli.json; f=$(date +%s.%N)
  echo "python $(echo "$e - $s" | bc) cli $(echo "$f - $e" | bc)"
done
cmp $TMP/py.json $TMP/cli.json && echo same-bytes
echo "== org plan 1M (new)"
$M/build-rel/tests/bench/airs-score-dump $D1M - - --times --plan-hours 4000000 2>&1 | tail -12
if [ -n "$DASK" ]; then
  echo "== dask (new)"
  (cd $M && AIRS_LIBRARY=build-rel/lib/libairs.so /usr/bin/python3 tests/bench/dask-time.py "$DASK" "$DASK-shards/shard-0" "$DASK-shards/shard-1" --rounds 4 2>&1 | tail -30)
fi
echo "== end $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"

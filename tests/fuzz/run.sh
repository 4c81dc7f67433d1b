#!/bin/sh
# Build the libFuzzer targets with ASan and UBSan and run each one for
# SECONDS seconds from its seed corpus.  Fails if any target crashes;
# the crashing input is left in build-fuzz/fuzz-artifacts/.
#
#   tests/fuzz/run.sh 180
set -eu

secs=${1:?usage: tests/fuzz/run.sh SECONDS}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

if [ ! -f build-fuzz/build.ninja ]; then
	CC=clang meson setup build-fuzz -Dfuzz=true \
		-Db_sanitize=address,undefined -Db_lundef=false
fi
meson compile -C build-fuzz
# The unit suites under the same sanitizers first: fuzz regressions live
# there, and a sanitizer report in them is a failure too.  AIRS_FUZZ_ONLY=1
# skips them (.ci/run has just run them under ASan and UBSan).
if [ -z "${AIRS_FUZZ_ONLY:-}" ]; then
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C build-fuzz --suite unit --print-errorlogs
fi

status=0
mkdir -p build-fuzz/fuzz-artifacts
for target in build-fuzz/tests/fuzz/fuzz-*; do
	[ -f "$target" ] && [ -x "$target" ] || continue
	name=${target##*/fuzz-}
	# New inputs go to a work corpus, so the checked-in seeds stay small.
	work=build-fuzz/fuzz-corpus/$name
	mkdir -p "$work"
	dict=
	[ -f "tests/fuzz/$name.dict" ] && dict=-dict=tests/fuzz/$name.dict
	echo "== fuzz-$name for ${secs}s"
	if ! "$target" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="build-fuzz/fuzz-artifacts/$name-" $dict \
		"$work" "tests/fuzz/corpus/$name"; then
		echo "fuzz-$name FAILED: see build-fuzz/fuzz-artifacts/" >&2
		status=1
	fi
done
exit $status

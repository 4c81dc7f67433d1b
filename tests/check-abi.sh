#!/bin/sh
# The library's ABI against a published baseline abi/X.Y/libairs.so.1.abi
# (docs/abi-policy.md).  Removing or incompatibly changing anything that
# was published fails; additions are reported and pass.  At a release,
# add its baseline beside the earlier ones (and to tests/meson.build):
#   abidw --no-corpus-path --headers-dir include/airs \
#         --headers-dir BUILD/include/airs \
#         --out-file abi/X.Y/libairs.so.1.abi BUILD/lib/libairs.so
set -u
baseline=$1 lib=$2 headers=$3 gen_headers=$4

abidiff --headers-dir2 "$headers" --headers-dir2 "$gen_headers" \
	"$baseline" "$lib" > abidiff.out 2>&1
rc=$?
cat abidiff.out
rm -f abidiff.out
# libabigail's exit status: 1 error, 2 usage error, 4 ABI change,
# 8 incompatible ABI change (a removed or changed published symbol).
if [ $((rc & 3)) -ne 0 ]; then
	echo "abidiff failed to run (status $rc)"
	exit 1
fi
if [ $((rc & 8)) -ne 0 ]; then
	echo "incompatible ABI change against $baseline"
	exit 1
fi
if [ $((rc & 4)) -ne 0 ]; then
	echo "ABI changed compatibly (additions); see the report above"
else
	echo "ABI identical to $baseline"
fi
exit 0

#!/bin/sh
# The shared library exports exactly the symbols of the map file, every one
# named airs_*, and links nothing beyond the C runtime.
set -eu
lib=$1
map=$2

exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' \
           | sed 's/@.*//' | grep -v '^AIRS_' | sort -u)
mapped=$(sed -n 's/^[[:space:]]*\(airs_[A-Za-z0-9_]*\);.*/\1/p' "$map" | sort -u)

status=0
if [ "$exported" != "$mapped" ]; then
	echo "exported symbols differ from $map:"
	printf '%s\n' "$exported" > exported.$$
	printf '%s\n' "$mapped" > mapped.$$
	diff mapped.$$ exported.$$ || true
	rm -f exported.$$ mapped.$$
	status=1
fi
bad=$(printf '%s\n' "$exported" | grep -v '^airs_' || true)
if [ -n "$bad" ]; then
	echo "symbols without the airs_ prefix: $bad"
	status=1
fi
# Every exported symbol is versioned in a node of the map.
unversioned=$(nm -D --defined-only "$lib" | awk '$3 ~ /^airs_/ && $3 !~ /@/ {print $3}')
if [ -n "$unversioned" ]; then
	echo "symbols without a version node: $unversioned"
	status=1
fi
needed=$(objdump -p "$lib" | awk '$1 == "NEEDED" {print $2}' \
         | grep -v -E '^(libc|libm|libpthread|ld-linux[^ ]*)\.so' || true)
if [ -n "$needed" ]; then
	echo "library links more than the C runtime: $needed"
	status=1
fi
[ $status -eq 0 ] && echo "symbols: $(printf '%s\n' "$exported" | wc -l) exported, all in $map"
exit $status

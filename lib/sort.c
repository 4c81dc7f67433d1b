/*
 * sort.c - a stable merge sort of record numbers by a caller's order,
 * and the selection of a k-th smallest value (medians of the rollup and
 * of the organisation plan's groups).
 */
#include "sort.h"

#include <stdlib.h>
#include <string.h>

/* Runs this short are sorted by insertion: fewer moves than merging. */
#define RUN 16

static void insertion(uint32_t *a, size_t n, airs__before_fn before,
                      const void *ctx)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		uint32_t v = a[i];
		for (j = i; j > 0 && before(ctx, v, a[j - 1]); j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

void airs__sort(uint32_t *a, uint32_t *tmp, size_t n, airs__before_fn before,
                const void *ctx)
{
	size_t h, i, j, k;

	if (n <= RUN) {
		insertion(a, n, before, ctx);
		return;
	}
	h = n / 2;
	airs__sort(a, tmp, h, before, ctx);
	airs__sort(a + h, tmp, n - h, before, ctx);
	if (!before(ctx, a[h], a[h - 1]))
		return;               /* already in order: common for exports */
	/* b before a only when strictly before: equal records keep their
	 * order */
	for (i = 0, j = h, k = 0; i < h || j < n;)
		tmp[k++] = j >= n || (i < h && !before(ctx, a[j], a[i])) ? a[i++]
		                                                         : a[j++];
	memcpy(a, tmp, n * sizeof *a);
}

static int cmp_kth(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* v[lo .. hi) reordered with the values below p first (or, with
 * `upto`, those at or below it); where they end.  Lomuto's partition
 * without a branch on the values: every value is swapped and the end
 * moves by the comparison.  A median's comparisons are coin tosses, which
 * Hoare's scan mispredicted about half the time: the rollup's medians
 * were a quarter of a weight re-score's CPU. */
static size_t part(int64_t *v, size_t lo, size_t hi, int64_t p, int upto)
{
	size_t i, j = lo;

	for (i = lo; i < hi; i++) {
		int64_t t = v[i];
		v[i] = v[j];
		v[j] = t;
		j += upto ? t <= p : t < p;
	}
	return j;
}

/* Put the k-th smallest of v[0..n-1] at v[k], with nothing larger before
 * it (quickselect, median-of-three pivots; a run that does not converge
 * is sorted instead).  Linear on average where sorting every subtree's
 * values cost n log n per unit and level. */
void airs__select_kth(int64_t *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n, j;
	int budget = 64;

	while (hi - lo > 1) {
		int64_t a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi - 1], p;
		if (!budget--) {
			qsort(v + lo, hi - lo, sizeof *v, cmp_kth);
			return;
		}
		p = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
		/* [lo, j) below p, [j, hi) at or above it, p among them */
		j = part(v, lo, hi, p, 0);
		if (k < j) {
			hi = j;
			continue;
		}
		if (j == lo) {
			/* p is the least: the values equal to it come next, and
			 * one of them is the k-th when k falls among them */
			j = part(v, lo, hi, p, 1);
			if (k < j)
				return;
		}
		lo = j;
	}
}

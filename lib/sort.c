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

/* Put the k-th smallest of v[0..n-1] at v[k], with nothing larger before
 * it (Hoare's selection, median-of-three pivots; a run that does not
 * converge is sorted instead).  Linear on average where sorting every
 * subtree's values cost n log n per unit and level. */
void airs__select_kth(int64_t *v, size_t n, size_t k)
{
	int64_t lo = 0, hi = (int64_t)n - 1, kk = (int64_t)k;
	int budget = 64;

	while (lo < hi) {
		int64_t i = lo, j = hi, a, b, c, p, t;
		if (!budget--) {
			qsort(v + lo, (size_t)(hi - lo + 1), sizeof *v, cmp_kth);
			return;
		}
		a = v[lo];
		b = v[lo + (hi - lo) / 2];
		c = v[hi];
		p = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
		while (i <= j) {
			while (v[i] < p)
				i++;
			while (v[j] > p)
				j--;
			if (i <= j) {
				t = v[i];
				v[i++] = v[j];
				v[j--] = t;
			}
		}
		/* now v[lo..j] <= p, v[i..hi] >= p, and between them p */
		if (kk <= j)
			hi = j;
		else if (kk >= i)
			lo = i;
		else
			return;
	}
}

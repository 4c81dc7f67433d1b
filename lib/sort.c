/*
 * sort.c - a stable merge sort of record numbers by a caller's order,
 * and the selection of a k-th smallest value (medians of the rollup and
 * of the organisation plan's groups).
 */
#include "sort.h"

#include <math.h>
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

#define SWAP64(a, b)            \
	do {                    \
		int64_t t_ = (a); \
		(a) = (b);        \
		(b) = t_;         \
	} while (0)

/* Floyd and Rivest's SELECT (CACM 18(3), 1975, Algorithm 489; the
 * partition as Kiwiel, 2005, gives it) on v[lo..hi]: a range longer than
 * 600 first selects the k-th within a sample range around where it
 * falls, so that the partition about it leaves little beyond k - about
 * 1.5 n comparisons for a median where Hoare's selection makes about
 * 3.4 n.  The sample bounds only steer the work: any bounds give the
 * same values.  A range that does not converge within *budget
 * partitions is sorted instead. */
static void fr_select(int64_t *v, int64_t lo, int64_t hi, int64_t k,
                      int *budget)
{
	while (hi > lo) {
		int64_t i, j, t;
		if (*budget <= 0) {
			qsort(v + lo, (size_t)(hi - lo + 1), sizeof *v, cmp_kth);
			return;
		}
		--*budget;
		if (hi - lo > 600) {
			double n = (double)(hi - lo + 1), m = (double)(k - lo + 1);
			double z = log(n), s = 0.5 * exp(2 * z / 3);
			double sd = 0.5 * sqrt(z * s * (n - s) / n) *
			            (m < n / 2 ? -1 : 1);
			double a = floor((double)k - m * s / n + sd),
			       b = floor((double)k + (n - m) * s / n + sd);
			fr_select(v, a > (double)lo ? (int64_t)a : lo,
			          b < (double)hi ? (int64_t)b : hi, k, budget);
		}
		/* partition v[lo..hi] about t = v[k]: v[lo] and v[hi] hold
		 * the sentinels that stop the scans */
		t = v[k];
		i = lo;
		j = hi;
		SWAP64(v[lo], v[k]);
		if (v[hi] > t)
			SWAP64(v[hi], v[lo]);
		while (i < j) {
			SWAP64(v[i], v[j]);
			i++;
			j--;
			while (v[i] < t)
				i++;
			while (v[j] > t)
				j--;
		}
		if (v[lo] == t) {
			SWAP64(v[lo], v[j]);
		} else {
			j++;
			SWAP64(v[j], v[hi]);
		}
		/* now v[lo..j - 1] <= t = v[j] <= v[j + 1..hi] */
		if (j <= k)
			lo = j + 1;
		if (k <= j)
			hi = j - 1;
	}
}

/* Put the k-th smallest of v[0..n-1] at v[k], with nothing larger before
 * it and nothing smaller after it (fr_select()).  Linear on average
 * where sorting every subtree's values cost n log n per unit and
 * level. */
void airs__select_kth(int64_t *v, size_t n, size_t k)
{
	int budget = 128;

	if (n > 1 && k < n)
		fr_select(v, 0, (int64_t)n - 1, (int64_t)k, &budget);
}

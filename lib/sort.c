/*
 * sort.c - a stable merge sort of record numbers by a caller's order.
 */
#include "sort.h"

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

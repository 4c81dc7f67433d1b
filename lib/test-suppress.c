/*
 * test-suppress.c - test hooks of the rollup, linked into the test
 * executables only (the airs-testhooks library in lib/meson.build),
 * never into the shipped library, as SQLite keeps its src/test*.c.
 *
 * The quadratic reference for suppress.c's neighbour search compares
 * every too-small class with every class by its signature, and its post
 * pass tests every cell against every hidden group: slow, and plain
 * enough to check by reading.  tests/test-rollup.c finalises the same
 * rollups both ways and asserts that every group's visibility agrees.
 * It plugs in through the rollup's search field (rollup-impl.h), the one
 * hook the library keeps.
 */
#include "test-suppress.h"

#include <stdint.h>
#include <string.h>

#include "rollup-impl.h"

/* Does cell x lie in group g? */
static int cell_in(const airs_rollup *r, const supp_ws *w, size_t x, uint32_t g)
{
	uint32_t gu = g / 3, kind = g % 3, u = w->cu[x];

	if (kind == G_L && !w->cl[x])
		return 0;
	if (kind == G_N && w->cl[x])
		return 0;
	return gu == r->nu || (u >= gu && u < r->end[gu]);
}

/* The size of the symmetric difference of two sorted signatures, or
 * cap + 1 as soon as it exceeds cap; with best, also choose the smallest
 * group in it (then the lowest id) into *best. */
static size_t symdiff(const supp_ws *w, uint32_t a, uint32_t b, size_t cap,
                      uint32_t *best, int *have)
{
	const uint32_t *sa = w->sig + (size_t)a * w->maxsig;
	const uint32_t *sb = w->sig + (size_t)b * w->maxsig;
	uint32_t i = 0, j = 0, la = w->siglen[a], lb = w->siglen[b];
	size_t d = 0;

	while (i < la || j < lb) {
		uint32_t g;
		if (j >= lb || (i < la && sa[i] < sb[j]))
			g = sa[i++];
		else if (i >= la || sb[j] < sa[i])
			g = sb[j++];
		else {
			i++;
			j++;
			continue;
		}
		if (++d > cap)
			return d;
		if (best && (!*have || w->gsize[g] < w->gsize[*best] ||
		             (w->gsize[g] == w->gsize[*best] && g < *best))) {
			*best = g;
			*have = 1;
		}
	}
	return d;
}

/* The reference neighbour search: every too-small class against every
 * class, quadratic in the number of classes. */
static size_t pick_reference(const airs_rollup *r, supp_ws *w, size_t ncls,
                             uint64_t k, int split, unsigned char *vis)
{
	size_t nhide = 0, sm, c;

	(void)r;
	(void)split; /* the signatures tell */

	for (sm = 0; sm < ncls; sm++) {
		size_t dmin = SIZE_MAX;
		uint32_t best = 0;
		int have = 0;
		if (w->csize[sm] >= k)
			continue;
		/* classes next in sort order are usually near: start with
		 * them so most comparisons stop early */
		if (sm > 0)
			dmin = symdiff(w, w->cfirst[sm], w->cfirst[sm - 1],
			               SIZE_MAX, NULL, NULL);
		if (sm + 1 < ncls) {
			size_t d = symdiff(w, w->cfirst[sm], w->cfirst[sm + 1],
			                   dmin, NULL, NULL);
			if (d < dmin)
				dmin = d;
		}
		for (c = 0; c < ncls; c++) {
			size_t d;
			if (c == sm)
				continue;
			d = symdiff(w, w->cfirst[sm], w->cfirst[c], dmin, NULL,
			            NULL);
			if (d < dmin)
				dmin = d;
		}
		for (c = 0; c < ncls; c++)
			if (c != sm &&
			    symdiff(w, w->cfirst[sm], w->cfirst[c], dmin, NULL,
			            NULL) == dmin)
				symdiff(w, w->cfirst[sm], w->cfirst[c], dmin, &best,
				        &have);
		if (vis[best]) {
			vis[best] = 0;
			nhide++;
		}
	}
	return nhide;
}

/* The reference post pass: every cell against every hidden group. */
static void reshow_reference(const airs_rollup *r, supp_ws *w, size_t ncls,
                             uint64_t k, int split, unsigned char *vis)
{
	size_t ng = 3 * (r->nu + 1), g, x, c;

	memset(w->ccells, 0, ncls * sizeof *w->ccells);
	for (x = 0; x < w->ncell; x++)
		w->ccells[w->cls[x]]++;
	for (g = 0; g < ng; g++) {
		int constant = 1;
		if (vis[g] || !w->gsize[g] || (!split && g % 3 != G_T))
			continue;
		memset(w->cin, 0, ncls * sizeof *w->cin);
		for (x = 0; x < w->ncell; x++)
			if (cell_in(r, w, x, (uint32_t)g))
				w->cin[w->cls[x]]++;
		/* a class too small can remain only when nothing separates
		 * it any more (all its cells are in g); a group made of it
		 * must stay hidden */
		for (c = 0; c < ncls && constant; c++)
			constant = !w->cin[c] || (w->cin[c] == w->ccells[c] &&
			                          w->csize[c] >= k);
		if (constant)
			vis[g] = 1;
	}
}


static const supp_search reference = { pick_reference, reshow_reference };

void airs__rollup_set_reference(airs_rollup *r, int on)
{
	r->search = on ? &reference : NULL;
}

const unsigned char *airs__rollup_visibility(const airs_rollup *r, size_t *n)
{
	*n = r->finalised ? (size_t)FAM_COUNT * 3 * (r->nu + 1) : 0;
	return r->finalised ? r->vis : NULL;
}

/*
 * test-suppress.c - test hooks of the rollup, linked into the test
 * executables only (the airs-testhooks library in lib/meson.build),
 * never into the shipped library, as SQLite keeps its src/test*.c.
 *
 * The brute-force reference for suppress.c: the same rule (methodology
 * 4.1), written the plain way - every cell's signature as an explicit
 * sorted list of the visible groups containing it, classes by comparing
 * those lists, each too-small class's nearest class by comparing it with
 * every other class (the fewest differing groups, then the smallest
 * differing group among all classes at that distance), and the post pass
 * by testing every cell against every hidden group.  Slow, and plain
 * enough to check by reading.  tests/test-rollup.c finalises
 * the same rollups both ways and asserts that every group's visibility
 * agrees.  It plugs in through the rollup's suppress field
 * (rollup-impl.h), the one hook the library keeps.
 */
#include "test-suppress.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rollup-impl.h"

struct ref {
	const airs_rollup *r;
	size_t ncell, ng;
	uint64_t *cr, *gr;           /* cells and groups: respondents */
	uint32_t *sig, *len;         /* ncell signatures of up to ng groups */
	uint32_t *cls;               /* class of each cell: its first cell */
};

/* Is cell x (unit x / 2, leader x % 2) in group g? */
static int in_group(const struct ref *f, size_t x, size_t g)
{
	size_t gu = g / 3, kind = g % 3, u = x / 2;

	if ((kind == G_L && !(x & 1)) || (kind == G_N && (x & 1)))
		return 0;
	return gu == f->r->nu || (u >= gu && u < f->r->end[gu]);
}

static int ref_safe(uint64_t n, uint64_t k)
{
	return !n || n >= k;
}

static void ref_count(struct ref *f, int fam)
{
	const airs_rollup *r = f->r;
	size_t x, g;

	for (x = 0; x < f->ncell; x++) {
		acc buf;
		const acc *a = airs__rollup_own(r, x / 2, &buf);
		int l = x & 1;
		if (fam < NC)
			f->cr[x] = l ? a->c[fam].n1 : a->c[fam].n0;
		else        /* unit totals only: every respondent in one cell */
			f->cr[x] = l ? 0 : fam == FAM_FATIGUE ? a->fat_read
			               : fam == FAM_NO_BENEFIT ? a->nb_read
			               : a->resp;
	}
	for (g = 0; g < f->ng; g++) {
		f->gr[g] = 0;
		for (x = 0; x < f->ncell; x++)
			if (in_group(f, x, g))
				f->gr[g] += f->cr[x];
	}
}

/* Signatures and classes; every cell's class is its first equal cell. */
static void ref_classify(struct ref *f, const unsigned char *vis)
{
	size_t x, y, g;

	for (x = 0; x < f->ncell; x++) {
		f->len[x] = 0;
		for (g = 0; g < f->ng; g++)
			if (vis[g] && in_group(f, x, g))
				f->sig[x * f->ng + f->len[x]++] = (uint32_t)g;
	}
	for (x = 0; x < f->ncell; x++) {
		f->cls[x] = (uint32_t)x;
		for (y = 0; y < x; y++)
			if (f->cr[y] && f->len[x] == f->len[y] &&
			    !memcmp(f->sig + x * f->ng, f->sig + y * f->ng,
			            f->len[x] * sizeof *f->sig)) {
				f->cls[x] = (uint32_t)y;
				break;
			}
	}
}

static uint64_t class_size(const struct ref *f, uint32_t c)
{
	uint64_t n = 0;
	size_t x;

	for (x = 0; x < f->ncell; x++)
		if (f->cr[x] && f->cls[x] == c)
			n += f->cr[x];
	return n;
}

/* Is group a better to hide than b: fewer respondents, then lower id. */
static int ref_better(const struct ref *f, uint32_t a, uint32_t b)
{
	if (b == AIRS__NONE)
		return 1;
	return f->gr[a] < f->gr[b] || (f->gr[a] == f->gr[b] && a < b);
}

/* The groups in one signature and not the other: their number, and the
 * best of them into *best. */
static size_t ref_diff(const struct ref *f, size_t x, size_t y, uint32_t *best)
{
	const uint32_t *a = f->sig + x * f->ng, *b = f->sig + y * f->ng;
	uint32_t i = 0, j = 0, la = f->len[x], lb = f->len[y];
	size_t d = 0;

	while (i < la || j < lb) {
		uint32_t g;
		if (j >= lb || (i < la && a[i] < b[j]))
			g = a[i++];
		else if (i >= la || b[j] < a[i])
			g = b[j++];
		else {
			i++;
			j++;
			continue;
		}
		d++;
		if (ref_better(f, g, *best))
			*best = g;
	}
	return d;
}

/* The group a too-small class x hides: separating it from its nearest
 * class; with no other class, the smallest group containing it. */
static uint32_t ref_pick(const struct ref *f, size_t x)
{
	size_t y, dmin = SIZE_MAX;
	uint32_t best = AIRS__NONE, i;

	for (y = 0; y < f->ncell; y++) {
		uint32_t g = AIRS__NONE;
		size_t d;
		if (!f->cr[y] || f->cls[y] != y || y == x)
			continue;
		d = ref_diff(f, x, y, &g);
		if (d < dmin) {
			dmin = d;
			best = g;
		} else if (d == dmin && ref_better(f, g, best)) {
			best = g;
		}
	}
	if (best == AIRS__NONE)
		for (i = 0; i < f->len[x]; i++)
			if (ref_better(f, f->sig[x * f->ng + i], best))
				best = f->sig[x * f->ng + i];
	return best;
}

static size_t ref_round(const struct ref *f, uint64_t k, unsigned char *vis)
{
	unsigned char *hide = calloc(f->ng, 1);
	size_t x, i, nhide = 0;

	for (x = 0; x < f->ncell; x++) {
		uint32_t g;
		if (!f->cr[x] || f->cls[x] != x || !f->len[x])
			continue;
		if (ref_safe(class_size(f, (uint32_t)x), k))
			continue;
		if ((g = ref_pick(f, x)) != AIRS__NONE)
			hide[g] = 1;
	}
	for (i = 0; i < f->ng; i++)
		if (hide[i] && vis[i]) {
			vis[i] = 0;
			nhide++;
		}
	free(hide);
	return nhide;
}

/* A hidden group with respondents that is a union of safe classes is
 * shown. */
static void ref_reshow(const struct ref *f, uint64_t k, int split,
                       unsigned char *vis)
{
	size_t g, x, y;

	for (g = 0; g < f->ng; g++) {
		int ok = 1;
		if (vis[g] || !f->gr[g] || (!split && g % 3 != G_T))
			continue;
		for (x = 0; x < f->ncell && ok; x++) {
			if (!f->cr[x] || !in_group(f, x, g))
				continue;
			ok = ref_safe(class_size(f, f->cls[x]), k);
			for (y = 0; y < f->ncell && ok; y++)
				if (f->cr[y] && f->cls[y] == f->cls[x] &&
				    !in_group(f, y, g))
					ok = 0;
		}
		if (ok)
			vis[g] = 1;
	}
}

static void ref_suppress(const airs_rollup *r, int fam, unsigned char *vis)
{
	struct ref f;
	uint64_t k = (uint64_t)r->min_group;
	size_t g;
	int split = fam < NC;

	f.r = r;
	f.ncell = 2 * r->nu;
	f.ng = 3 * (r->nu + 1);
	f.cr = calloc(f.ncell + 1, sizeof *f.cr);
	f.gr = calloc(f.ng, sizeof *f.gr);
	f.sig = calloc((f.ncell + 1) * f.ng, sizeof *f.sig);
	f.len = calloc(f.ncell + 1, sizeof *f.len);
	f.cls = calloc(f.ncell + 1, sizeof *f.cls);
	if (!f.cr || !f.gr || !f.sig || !f.len || !f.cls)
		abort();
	ref_count(&f, fam);
	for (g = 0; g < f.ng; g++)
		vis[g] = (split || g % 3 == G_T) && ref_safe(f.gr[g], k);
	do
		ref_classify(&f, vis);
	while (ref_round(&f, k, vis));
	ref_reshow(&f, k, split, vis);
	free(f.cr);
	free(f.gr);
	free(f.sig);
	free(f.len);
	free(f.cls);
}

void airs__rollup_set_reference(airs_rollup *r, int on)
{
	r->suppress = on ? ref_suppress : NULL;
}

const unsigned char *airs__rollup_visibility(const airs_rollup *r, size_t *n)
{
	*n = r->finalised ? (size_t)FAM_COUNT * 3 * (r->nu + 1) : 0;
	return r->finalised ? r->vis : NULL;
}

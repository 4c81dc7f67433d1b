/*
 * suppress-joint-old.c - the manager groups' joint suppression of
 * lib/suppress-joint.c as it was before rounds became incremental (two
 * counting sorts of every cell a round), kept as a test oracle:
 * tests/test-managers.c decides random organisations with both and
 * asserts that every manager group's visibility agrees.  Linked into the
 * tests only.  Its text is the old file's, renamed; do not improve it.
 */
#include "suppress-old.h"

#include <stdlib.h>
#include <string.h>

#include "rollup-impl.h"

typedef struct old_jws {
	size_t ncell;       /* people of equal unit cell and manager */
	uint32_t *cell;     /* ne: a cell's unit cell (unit * 2 + leader) */
	uint32_t *cdnode;   /* ne: its direct-reports node, or AIRS__NONE */
	uint32_t *cn;       /* ne * FAM_COUNT: respondents per cell, family */
	uint32_t *ord, *tmp;        /* ne each: cells in class order */
	uint32_t *ku, *km;          /* ne each: a cell's unit, manager class */
	uint32_t *hist;             /* counting sort: max(keys) + 2 */
	uint32_t *usig;             /* 2 * (nu + 1): unit cell classes */
	uint32_t *mname, *mnode;    /* nodes + 1: class name per node, node
	                               per name */
	uint64_t *gr;               /* nodes: respondents per group */
} old_jws;

#define ROUND_MAX 64

static int safe(uint64_t n, uint64_t k)
{
	return !n || n >= k;
}

/* The respondents of family fam in accumulator a, as suppress.c counts
 * them for a unit total. */
static uint64_t respondents(const acc *a, int fam)
{
	if (fam < NC)
		return a->c[fam].n0 + a->c[fam].n1;
	return fam == FAM_FATIGUE ? a->fat_read
	       : fam == FAM_NO_BENEFIT ? a->nb_read : a->resp;
}

/* Sort the n items of in into out stably by key[item] + add (modulo
 * 2^32, so that AIRS__NONE + 1 is 0), each below nk; hist holds nk + 1. */
static void csort(const uint32_t *in, uint32_t *out, size_t n,
                  const uint32_t *key, uint32_t add, size_t nk, uint32_t *hist)
{
	size_t i;

	memset(hist, 0, (nk + 1) * sizeof *hist);
	for (i = 0; i < n; i++)
		hist[(uint32_t)(key[in[i]] + add) + 1]++;
	for (i = 0; i < nk; i++)
		hist[i + 1] += hist[i];
	for (i = 0; i < n; i++)
		out[hist[(uint32_t)(key[in[i]] + add)]++] = in[i];
}

/* The cells: people of equal unit cell and direct-reports node, with
 * their respondents per family. */
static void build_cells(const airs_rollup *r, const airs_rollup *g,
                        old_jws *w)
{
	size_t e, i, ne = g->ne, c = 0;
	size_t nk = (size_t)g->nu + 1 > 2 * r->nu ? (size_t)g->nu + 1 : 2 * r->nu;

	for (e = 0; e < ne; e++)
		w->tmp[e] = (uint32_t)e;
	csort(w->tmp, w->ord, ne, g->map, 1, nk, w->hist);
	csort(w->ord, w->tmp, ne, g->ecell, 0, nk, w->hist);
	memset(w->cn, 0, ne * FAM_COUNT * sizeof *w->cn);
	for (i = 0; i < ne; i++) {
		uint32_t p = w->tmp[i], f;
		if (!i || g->ecell[p] != w->cell[c - 1] ||
		    g->map[p] != w->cdnode[c - 1]) {
			w->cell[c] = g->ecell[p];
			w->cdnode[c] = g->map[p];
			c++;
		}
		for (f = 0; f < FAM_COUNT; f++)
			w->cn[(c - 1) * FAM_COUNT + f] += (g->efam[p] >> f) & 1u;
	}
	w->ncell = c;
}

/* Name every node's manager class top-down (parents come first in tree
 * order): a node with a visible group starts a name, mnode[name] = it.
 * Returns the number of names. */
static uint32_t name_nodes(const airs_rollup *g, old_jws *w,
                           const unsigned char *mv)
{
	uint32_t next = 1;
	size_t v;

	for (v = 0; v < g->nu; v++) {
		if (mv[3 * v + G_T]) {
			w->mnode[next] = (uint32_t)v;
			w->mname[v] = next++;
		} else {
			w->mname[v] = g->parent[v] == AIRS__NONE
			                      ? 0 : w->mname[g->parent[v]];
		}
	}
	return next;
}

/* Is node a a better group to hide than b: fewer respondents, then
 * first in tree order (AIRS__NONE: never better)? */
static int gless(const old_jws *w, uint32_t a, uint32_t b)
{
	if (a == AIRS__NONE)
		return 0;
	if (b == AIRS__NONE)
		return 1;
	return w->gr[a] < w->gr[b] || (w->gr[a] == w->gr[b] && a < b);
}

/* The cells [a, b) of ord sharing one manager class: its respondents. */
static uint64_t part(const old_jws *w, size_t a, size_t *b, size_t n,
                     int fam)
{
	uint64_t size = 0;
	uint32_t ms = w->km[w->ord[a]];

	for (*b = a; *b < n && w->km[w->ord[*b]] == ms; (*b)++)
		size += w->cn[(size_t)w->ord[*b] * FAM_COUNT + (size_t)fam];
	return size;
}

/* One round over the classes in ord (sorted by unit class, then manager
 * class): every too-small class in a visible group hides one group.
 * Returns how many were hidden. */
static size_t pick(old_jws *w, size_t n, int fam, uint64_t k,
                   unsigned char *mv)
{
	size_t i = 0, j, a, b, nhide = 0;

	while (i < n) {
		uint32_t us = w->ku[w->ord[i]], other = AIRS__NONE;
		for (j = i; j < n && w->ku[w->ord[j]] == us; j++)
			;
		for (a = i; a < j; a = b) {
			uint32_t ms = w->km[w->ord[a]];
			part(w, a, &b, j, fam);
			if (ms && gless(w, w->mnode[ms], other))
				other = w->mnode[ms];
		}
		for (a = i; a < j; a = b) {
			uint32_t ms = w->km[w->ord[a]], g;
			uint64_t size = part(w, a, &b, j, fam);
			if (safe(size, k) || (!us && !ms))
				continue;
			g = ms ? w->mnode[ms] : other;
			if (g != AIRS__NONE && mv[3 * g + G_T]) {
				mv[3 * g + G_T] = 0;
				nhide++;
			}
		}
		i = j;
	}
	return nhide;
}

/* Decide one family's manager groups into mv (3 * (nodes + 1) flags). */
static void family(const airs_rollup *r, const airs_rollup *g, old_jws *w,
                   int fam, unsigned char *mv)
{
	const unsigned char *uv = r->vis + (size_t)fam * 3 * (r->nu + 1);
	uint64_t k = (uint64_t)r->min_group;
	size_t v, c, n = 0, round;
	uint32_t nu_names, nm_names;

	nu_names = airs__old_classes(r, uv, w->usig);
	memset(mv, 0, 3 * ((size_t)g->nu + 1));
	for (v = 0; v < g->nu; v++) {
		w->gr[v] = respondents(&g->tot[v], fam);
		mv[3 * v + G_T] = (unsigned char)safe(w->gr[v], k);
	}
	for (c = 0; c < w->ncell; c++)
		if (w->cn[c * FAM_COUNT + (size_t)fam]) {
			w->tmp[n++] = (uint32_t)c;
			w->ku[c] = w->usig[w->cell[c]];
		}
	for (round = 0;; round++) {
		nm_names = name_nodes(g, w, mv);
		for (c = 0; c < n; c++) {
			uint32_t d = w->cdnode[w->tmp[c]];
			w->km[w->tmp[c]] = d == AIRS__NONE ? 0 : w->mname[d];
		}
		csort(w->tmp, w->ord, n, w->km, 0, nm_names, w->hist);
		csort(w->ord, w->tmp, n, w->ku, 0, nu_names, w->hist);
		memcpy(w->ord, w->tmp, n * sizeof *w->ord);
		if (!pick(w, n, fam, k, mv))
			break;
		if (round + 1 == ROUND_MAX) {
			for (v = 0; v < g->nu; v++)
				if (w->gr[v])
					mv[3 * v + G_T] = 0;
			break;
		}
	}
}

static void old_joint_run(const airs_rollup *r, const airs_rollup *g,
                          old_jws *w, unsigned char *mvis)
{
	size_t n3 = 3 * ((size_t)g->nu + 1);
	int fam;

	build_cells(r, g, w);
	for (fam = 0; fam < FAM_COUNT; fam++)
		if (fam != FAM_NET && fam != FAM_TIME)
			family(r, g, w, fam, mvis + (size_t)fam * n3);
	/* as for units (rollup-finalise.c): the net score and time saved
	 * are published with their constructs' decisions */
	memcpy(mvis + (size_t)FAM_NET * n3,
	       mvis + (size_t)AIRS_CONSTRUCT_RECOMMEND * n3, n3);
	memcpy(mvis + (size_t)FAM_TIME * n3,
	       mvis + (size_t)AIRS_CONSTRUCT_TIME_SAVED * n3, n3);
}

/* ------------------------------------------------------------------------
 * The workspace
 * ---------------------------------------------------------------------- */

static void old_jfree(const airs__mem *mem, old_jws *w)
{
	airs__free(mem, w->cell);
	airs__free(mem, w->cdnode);
	airs__free(mem, w->cn);
	airs__free(mem, w->ord);
	airs__free(mem, w->tmp);
	airs__free(mem, w->ku);
	airs__free(mem, w->km);
	airs__free(mem, w->hist);
	airs__free(mem, w->usig);
	airs__free(mem, w->mname);
	airs__free(mem, w->mnode);
	airs__free(mem, w->gr);
	memset(w, 0, sizeof *w);
}

static int old_jalloc(const airs_rollup *r, old_jws *w)
{
	const airs__mem *m = &r->mem;
	const airs_rollup *g = r->mgr;
	size_t ne = g->ne + 1, nn = (size_t)g->nu + 2;
	size_t nh = (nn > 2 * (r->nu + 1) ? nn : 2 * (r->nu + 1)) + 2;

	memset(w, 0, sizeof *w);
	w->cell = airs__calloc(m, ne, sizeof *w->cell);
	w->cdnode = airs__calloc(m, ne, sizeof *w->cdnode);
	w->cn = airs__calloc(m, ne * FAM_COUNT, sizeof *w->cn);
	w->ord = airs__calloc(m, ne, sizeof *w->ord);
	w->tmp = airs__calloc(m, ne, sizeof *w->tmp);
	w->ku = airs__calloc(m, ne, sizeof *w->ku);
	w->km = airs__calloc(m, ne, sizeof *w->km);
	w->hist = airs__calloc(m, nh, sizeof *w->hist);
	w->usig = airs__calloc(m, 2 * (r->nu + 1), sizeof *w->usig);
	w->mname = airs__calloc(m, nn, sizeof *w->mname);
	w->mnode = airs__calloc(m, nn, sizeof *w->mnode);
	w->gr = airs__calloc(m, nn, sizeof *w->gr);
	if (!w->cell || !w->cdnode || !w->cn || !w->ord || !w->tmp || !w->ku ||
	    !w->km || !w->hist || !w->usig || !w->mname || !w->mnode || !w->gr) {
		old_jfree(m, w);
		return AIRS_ENOMEM;
	}
	return AIRS_OK;
}

void airs__old_joint_suppress(const airs_rollup *r, unsigned char *mvis)
{
	old_jws w;

	if (old_jalloc(r, &w))
		abort();
	old_joint_run(r, r->mgr, &w, mvis);
	old_jfree(&r->mem, &w);
}

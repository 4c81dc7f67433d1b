/*
 * suppress-joint.c - the suppression of manager groups, decided jointly
 * with the unit groups (methodology 4.1 and 4.4).
 *
 * What is protected is what suppress.c protects, over the union of both
 * hierarchies: any linear combination of published figures - a unit's,
 * a manager's direct reports', a manager's line - gives every member the
 * same weight as every other member of the same class, the people who
 * belong to exactly the same visible groups of either hierarchy.  A
 * family is safe when every class of respondents that lies in a visible
 * group has no respondents or at least k.  A team that straddles two
 * units, or a unit with two managers, makes classes that neither
 * hierarchy has on its own.
 *
 * The unit groups are decided first (suppress.c) and never change here;
 * manager groups give way.  That keeps every unit figure what it was
 * before manager groups existed, and it always ends: with every manager
 * group hidden the classes are the unit classes, which are safe.
 *
 * People are grouped into cells of equal unit cell (unit, leader) and
 * manager: every group of either hierarchy is a union of cells.  A
 * cell's class is the pair (its unit class, its manager class): the unit
 * class is suppress.c's name for its unit cell; the manager class is
 * named by the nearest visible manager group at or above the cell's
 * direct-reports node (anc, carried top-down over the line), since a
 * person's manager groups are their manager's direct reports and the
 * lines of every manager above, nested.  The name is thus the lowest
 * visible group of the class - its smallest, the groups being nested.
 *
 * The algorithm, per family (airs__joint_suppress()):
 *  1. Primary suppression of the manager groups: a group is shown only
 *     when it has no respondents or at least k.  Only totals (kind T) are
 *     published for manager groups.
 *  2. Rounds: classify the cells (each unit class's cells gathered by
 *     their manager class), and every
 *     class that lies in a visible group and is too small hides one
 *     manager group: its own lowest visible manager group; or, when it
 *     has none (it is what remains of a unit class that manager groups
 *     split), the smallest lowest group of the other parts of its unit
 *     class.  All classes pick against the same classification.  Stop
 *     after a round that hides nothing: every class is then safe, since
 *     a too-small class always finds a group to hide (a unit class that
 *     no manager group splits is one suppress.c made safe).
 *  3. After ROUND_MAX rounds (a long chain of straddling lines, never
 *     seen in practice) every manager group with respondents is hidden:
 *     as safe, and it bounds the cost.
 *
 * Hidden manager groups are not shown again (suppress.c's reshow()):
 * more conservative, and still consistent, since nothing hidden here can
 * be derived from what is shown - a hidden group is a union of whole
 * classes only by chance, and then showing it would add nothing new.
 *
 * Cost.  The first round is O(E + U + M) for E people, U units and M
 * managers: the cells with respondents sorted once by unit class (a
 * counting sort), and each unit class's parts gathered by their nearest
 * visible manager group.  A later round looks only at what the groups
 * hidden in the round before changed: the nodes whose nearest visible
 * group was one of them (a walk down from it, stopping at visible
 * groups) take their parent's, and only the unit classes of the cells
 * there gather their parts again - a unit class none of whose cells
 * changed picks what it picked before, all of it hidden already.  At most
 * ROUND_MAX rounds per family; the workspace is O(E + U + M).
 * tests/suppress-joint-old.c is the code before rounds were incremental
 * (two counting sorts of every cell a round), and tests/test-managers.c
 * checks that both decide the same.
 */
#include "rollup-impl.h"

#include <stdlib.h>
#include <string.h>

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
 * their respondents per family; and the cells of each node. */
static void build_cells(const airs_rollup *r, const airs_rollup *g,
                        joint_ws *w)
{
	size_t e, i, ne = g->ne, c = 0;
	size_t nk = (size_t)g->nu + 1 > 2 * r->nu ? (size_t)g->nu + 1 : 2 * r->nu;

	for (e = 0; e < ne; e++)
		w->tmp[e] = (uint32_t)e;
	csort(w->tmp, w->ord, ne, g->map, 1, nk, w->hist);
	csort(w->ord, w->tmp, ne, g->ecell, 0, nk, w->hist);
	/* a cell's counts are cleared when it begins: of cn (FAM_COUNT *
	 * ne) only the cells' part is ever touched (alloc.h) */
	for (i = 0; i < ne; i++) {
		uint32_t p = w->tmp[i], f;
		if (!i || g->ecell[p] != w->cell[c - 1] ||
		    g->map[p] != w->cdnode[c - 1]) {
			w->cell[c] = g->ecell[p];
			w->cdnode[c] = g->map[p];
			for (f = 0; f < FAM_COUNT; f++)
				w->cn[f * ne + c] = 0;
			c++;
		}
		for (f = 0; f < FAM_COUNT; f++)
			w->cn[f * ne + c - 1] += (g->efam[p] >> f) & 1u;
	}
	w->ncell = c;
	/* by node, the cells of no manager first (AIRS__NONE + 1 is 0) */
	for (i = 0; i < c; i++)
		w->tmp[i] = (uint32_t)i;
	csort(w->tmp, w->byn, c, w->cdnode, 1, (size_t)g->nu + 1, w->hist);
	/* the sort leaves hist[j] where key j + 1 begins: node v's cells
	 * are nstart[v + 1] .. nstart[v + 2] */
	w->nstart[0] = 0;
	memcpy(w->nstart + 1, w->hist, ((size_t)g->nu + 1) * sizeof *w->nstart);
}

/* Is node a a better group to hide than b: fewer respondents, then
 * first in tree order (AIRS__NONE: never better)? */
static int gless(const joint_ws *w, uint32_t a, uint32_t b)
{
	if (a == AIRS__NONE)
		return 0;
	if (b == AIRS__NONE)
		return 1;
	return w->gr[a] < w->gr[b] || (w->gr[a] == w->gr[b] && a < b);
}

/* The parts of unit class us: its cells by their nearest visible
 * manager group (slot nodes: none), with their respondents, listed in
 * touched.  Returns how many. */
static size_t parts(const airs_rollup *g, joint_ws *w, uint32_t us, int fam)
{
	uint32_t i, none = (uint32_t)g->nu;
	size_t nt = 0;

	w->epoch++;
	for (i = w->ustart[us]; i < w->ustart[us + 1]; i++) {
		uint32_t c = w->ord[i], d = w->cdnode[c];
		uint32_t slot = d == AIRS__NONE || w->anc[d] == AIRS__NONE
		                        ? none : w->anc[d];
		if (w->pst[slot] != w->epoch) {
			w->pst[slot] = w->epoch;
			w->psize[slot] = 0;
			w->touched[nt++] = slot;
		}
		w->psize[slot] += w->cn[(size_t)fam * g->ne + c];
	}
	return nt;
}

/* One round over the unit classes in dirty: every too-small class (a
 * part of one) in a visible group hides one group, listed in hid.
 * Returns how many were hidden. */
static size_t pick(const airs_rollup *g, joint_ws *w, size_t nd, int fam,
                   uint64_t k, unsigned char *mv, size_t *nh)
{
	uint32_t none = (uint32_t)g->nu;
	size_t i, t, nt;

	*nh = 0;
	for (i = 0; i < nd; i++) {
		uint32_t us = w->dirty[i], other = AIRS__NONE;
		nt = parts(g, w, us, fam);
		for (t = 0; t < nt; t++)
			if (w->touched[t] != none && gless(w, w->touched[t], other))
				other = w->touched[t];
		for (t = 0; t < nt; t++) {
			uint32_t slot = w->touched[t], h;
			if (safe(w->psize[slot], k) || (!us && slot == none))
				continue;
			h = slot != none ? slot : other;
			if (h != AIRS__NONE && mv[3 * h + G_T]) {
				mv[3 * h + G_T] = 0;
				w->hid[(*nh)++] = h;
			}
		}
	}
	return *nh;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* After a round hid the nh nodes in hid: the nodes whose nearest visible
 * group was one of them take their parent's, and the unit classes of the
 * cells there are the next round's (dirty).  Returns how many. */
static size_t update(const airs_rollup *g, joint_ws *w, size_t nh, int fam,
                     const unsigned char *mv)
{
	size_t i, nd = 0;

	qsort(w->hid, nh, sizeof *w->hid, cmp_u32); /* parents first */
	w->epoch++;
	for (i = 0; i < nh; i++) {
		uint32_t h = w->hid[i], v = h, p = g->parent[h];
		uint32_t to = p == AIRS__NONE ? AIRS__NONE : w->anc[p], j;
		if (w->nst[h] == w->epoch)
			continue;       /* below a node done this round */
		while (v < g->end[h]) {
			if (mv[3 * v + G_T]) {
				v = g->end[v]; /* visible: keeps its own */
				continue;
			}
			w->nst[v] = w->epoch;
			w->anc[v] = to;
			for (j = w->nstart[v + 1]; j < w->nstart[v + 2]; j++) {
				uint32_t c = w->byn[j], us = w->ku[c];
				if (w->cn[(size_t)fam * g->ne + c] &&
				    w->ust[us] != w->epoch) {
					w->ust[us] = w->epoch;
					w->dirty[nd++] = us;
				}
			}
			v++;
		}
	}
	return nd;
}

/* A family's cells with respondents by unit class (ord, ustart), and
 * every unit class with some listed in dirty.  Returns how many. */
static size_t by_class(const airs_rollup *g, joint_ws *w, int fam,
                       uint32_t nu_names)
{
	size_t c, n = 0;
	uint32_t us;

	memset(w->ustart, 0, ((size_t)nu_names + 1) * sizeof *w->ustart);
	for (c = 0; c < w->ncell; c++)
		if (w->cn[(size_t)fam * g->ne + c]) {
			w->tmp[n++] = (uint32_t)c;
			w->ku[c] = w->usig[w->cell[c]];
			w->ustart[w->ku[c] + 1]++;
		}
	for (us = 0; us < nu_names; us++)
		w->ustart[us + 1] += w->ustart[us];
	memcpy(w->hist, w->ustart, (size_t)nu_names * sizeof *w->hist);
	for (c = 0; c < n; c++)
		w->ord[w->hist[w->ku[w->tmp[c]]]++] = w->tmp[c];
	n = 0;
	for (us = 0; us < nu_names; us++)
		if (w->ustart[us] < w->ustart[us + 1])
			w->dirty[n++] = us;
	return n;
}

/* Decide one family's manager groups into mv (3 * (nodes + 1) flags). */
static void family(const airs_rollup *r, const airs_rollup *g, joint_ws *w,
                   int fam, unsigned char *mv)
{
	const unsigned char *uv = r->vis + (size_t)fam * 3 * (r->nu + 1);
	uint64_t k = (uint64_t)r->min_group;
	size_t v, nd, nh, round;

	memset(mv, 0, 3 * ((size_t)g->nu + 1));
	for (v = 0; v < g->nu; v++) {
		w->gr[v] = respondents(&g->tot[v], fam);
		mv[3 * v + G_T] = (unsigned char)safe(w->gr[v], k);
		/* parents come first in tree order */
		w->anc[v] = mv[3 * v + G_T] ? (uint32_t)v
		            : g->parent[v] == AIRS__NONE ? AIRS__NONE
		            : w->anc[g->parent[v]];
	}
	nd = by_class(g, w, fam, airs__supp_classes(r, uv, w->usig));
	for (round = 0;; round++) {
		if (!pick(g, w, nd, fam, k, mv, &nh))
			break;
		if (round + 1 == ROUND_MAX) {
			for (v = 0; v < g->nu; v++)
				if (w->gr[v])
					mv[3 * v + G_T] = 0;
			break;
		}
		nd = update(g, w, nh, fam, mv);
	}
}

void airs__joint_suppress(const airs_rollup *r, const airs_rollup *g,
                          joint_ws *w, unsigned char *mvis)
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

void airs__joint_free(const airs__mem *mem, joint_ws *w)
{
	airs__free(mem, w->cell);
	airs__free(mem, w->cdnode);
	airs__free(mem, w->cn);
	airs__free(mem, w->byn);
	airs__free(mem, w->nstart);
	airs__free(mem, w->ord);
	airs__free(mem, w->tmp);
	airs__free(mem, w->ku);
	airs__free(mem, w->hist);
	airs__free(mem, w->usig);
	airs__free(mem, w->ustart);
	airs__free(mem, w->dirty);
	airs__free(mem, w->ust);
	airs__free(mem, w->anc);
	airs__free(mem, w->hid);
	airs__free(mem, w->nst);
	airs__free(mem, w->pst);
	airs__free(mem, w->touched);
	airs__free(mem, w->psize);
	airs__free(mem, w->gr);
	memset(w, 0, sizeof *w);
}

int airs__joint_alloc(const airs_rollup *r, joint_ws *w)
{
	const airs__mem *m = &r->mem;
	const airs_rollup *g = r->mgr;
	size_t ne = g->ne + 1, nn = (size_t)g->nu + 2;
	size_t nh = (nn > 2 * (r->nu + 1) ? nn : 2 * (r->nu + 1)) + 2;
	size_t nus = 2 * (r->nu + 1) + 2; /* unit class names, and one */

	memset(w, 0, sizeof *w);
	w->cell = airs__calloc(m, ne, sizeof *w->cell);
	w->cdnode = airs__calloc(m, ne, sizeof *w->cdnode);
	w->cn = airs__calloc(m, ne * FAM_COUNT, sizeof *w->cn);
	w->byn = airs__calloc(m, ne, sizeof *w->byn);
	w->nstart = airs__calloc(m, nn + 1, sizeof *w->nstart);
	w->ord = airs__calloc(m, ne, sizeof *w->ord);
	w->tmp = airs__calloc(m, ne, sizeof *w->tmp);
	w->ku = airs__calloc(m, ne, sizeof *w->ku);
	w->hist = airs__calloc(m, nh, sizeof *w->hist);
	w->usig = airs__calloc(m, 2 * (r->nu + 1), sizeof *w->usig);
	w->ustart = airs__calloc(m, nus, sizeof *w->ustart);
	w->dirty = airs__calloc(m, nus, sizeof *w->dirty);
	w->ust = airs__calloc(m, nus, sizeof *w->ust);
	w->anc = airs__calloc(m, nn, sizeof *w->anc);
	w->hid = airs__calloc(m, nn, sizeof *w->hid);
	w->nst = airs__calloc(m, nn, sizeof *w->nst);
	w->pst = airs__calloc(m, nn, sizeof *w->pst);
	w->touched = airs__calloc(m, nn, sizeof *w->touched);
	w->psize = airs__calloc(m, nn, sizeof *w->psize);
	w->gr = airs__calloc(m, nn, sizeof *w->gr);
	if (!w->cell || !w->cdnode || !w->cn || !w->byn || !w->nstart ||
	    !w->ord || !w->tmp || !w->ku || !w->hist || !w->usig ||
	    !w->ustart || !w->dirty || !w->ust || !w->anc || !w->hid ||
	    !w->nst || !w->pst || !w->touched || !w->psize || !w->gr) {
		airs__joint_free(m, w);
		return AIRS_ENOMEM;
	}
	return AIRS_OK;
}

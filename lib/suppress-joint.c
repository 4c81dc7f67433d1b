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
 * The algorithm, per family (airs__joint_family(); the families are
 * independent, so finalising decides them on lanes, rollup-finalise.c):
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
 * ROUND_MAX rounds per family; the workspace is O(E + U + M), as much
 * again for each lane beyond the first.
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
void airs__joint_cells(const airs_rollup *r, const airs_rollup *g,
                       joint_ws *w)
{
	joint_lane *l = &w->l[0]; /* its scratch, before the lanes start */
	size_t e, i, ne = g->ne, c = 0;
	size_t nk = (size_t)g->nu + 1 > 2 * r->nu ? (size_t)g->nu + 1 : 2 * r->nu;

	for (e = 0; e < ne; e++)
		l->tmp[e] = (uint32_t)e;
	csort(l->tmp, l->ord, ne, g->map, 1, nk, l->hist);
	csort(l->ord, l->tmp, ne, g->ecell, 0, nk, l->hist);
	/* a cell's counts are cleared when it begins: of cn (FAM_COUNT *
	 * ne) only the cells' part is ever touched (alloc.h) */
	for (i = 0; i < ne; i++) {
		uint32_t p = l->tmp[i], f;
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
		l->tmp[i] = (uint32_t)i;
	csort(l->tmp, w->byn, c, w->cdnode, 1, (size_t)g->nu + 1, l->hist);
	/* the sort leaves hist[j] where key j + 1 begins: node v's cells
	 * are nstart[v + 1] .. nstart[v + 2] */
	w->nstart[0] = 0;
	memcpy(w->nstart + 1, l->hist, ((size_t)g->nu + 1) * sizeof *w->nstart);
}

/* Is node a a better group to hide than b: fewer respondents, then
 * first in tree order (AIRS__NONE: never better)? */
static int gless(const joint_lane *l, uint32_t a, uint32_t b)
{
	if (a == AIRS__NONE)
		return 0;
	if (b == AIRS__NONE)
		return 1;
	return l->gr[a] < l->gr[b] || (l->gr[a] == l->gr[b] && a < b);
}

/* The parts of unit class us: its cells by their nearest visible
 * manager group (slot nodes: none), with their respondents, listed in
 * touched.  Returns how many. */
static size_t parts(const airs_rollup *g, const joint_ws *w, joint_lane *l,
                    uint32_t us, int fam)
{
	uint32_t i, none = (uint32_t)g->nu;
	size_t nt = 0;

	l->epoch++;
	for (i = l->ustart[us]; i < l->ustart[us + 1]; i++) {
		uint32_t c = l->ord[i], d = w->cdnode[c];
		uint32_t slot = d == AIRS__NONE || l->anc[d] == AIRS__NONE
		                        ? none : l->anc[d];
		if (l->pst[slot] != l->epoch) {
			l->pst[slot] = l->epoch;
			l->psize[slot] = 0;
			l->touched[nt++] = slot;
		}
		l->psize[slot] += w->cn[(size_t)fam * g->ne + c];
	}
	return nt;
}

/* One round over the unit classes in dirty: every too-small class (a
 * part of one) in a visible group hides one group, listed in hid.
 * Returns how many were hidden. */
static size_t pick(const airs_rollup *g, const joint_ws *w, joint_lane *l,
                   size_t nd, int fam, uint64_t k, unsigned char *mv,
                   size_t *nh)
{
	uint32_t none = (uint32_t)g->nu;
	size_t i, t, nt;

	*nh = 0;
	for (i = 0; i < nd; i++) {
		uint32_t us = l->dirty[i], other = AIRS__NONE;
		nt = parts(g, w, l, us, fam);
		for (t = 0; t < nt; t++)
			if (l->touched[t] != none && gless(l, l->touched[t], other))
				other = l->touched[t];
		for (t = 0; t < nt; t++) {
			uint32_t slot = l->touched[t], h;
			if (safe(l->psize[slot], k) || (!us && slot == none))
				continue;
			h = slot != none ? slot : other;
			if (h != AIRS__NONE && mv[3 * h + G_T]) {
				mv[3 * h + G_T] = 0;
				l->hid[(*nh)++] = h;
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
static size_t update(const airs_rollup *g, const joint_ws *w, joint_lane *l,
                     size_t nh, int fam, const unsigned char *mv)
{
	size_t i, nd = 0;

	qsort(l->hid, nh, sizeof *l->hid, cmp_u32); /* parents first */
	l->epoch++;
	for (i = 0; i < nh; i++) {
		uint32_t h = l->hid[i], v = h, p = g->parent[h];
		uint32_t to = p == AIRS__NONE ? AIRS__NONE : l->anc[p], j;
		if (l->nst[h] == l->epoch)
			continue;       /* below a node done this round */
		while (v < g->end[h]) {
			if (mv[3 * v + G_T]) {
				v = g->end[v]; /* visible: keeps its own */
				continue;
			}
			l->nst[v] = l->epoch;
			l->anc[v] = to;
			for (j = w->nstart[v + 1]; j < w->nstart[v + 2]; j++) {
				uint32_t c = w->byn[j], us = l->ku[c];
				if (w->cn[(size_t)fam * g->ne + c] &&
				    l->ust[us] != l->epoch) {
					l->ust[us] = l->epoch;
					l->dirty[nd++] = us;
				}
			}
			v++;
		}
	}
	return nd;
}

/* A family's cells with respondents by unit class (ord, ustart), and
 * every unit class with some listed in dirty.  Returns how many. */
static size_t by_class(const airs_rollup *g, const joint_ws *w,
                       joint_lane *l, int fam, uint32_t nu_names)
{
	size_t c, n = 0;
	uint32_t us;

	memset(l->ustart, 0, ((size_t)nu_names + 1) * sizeof *l->ustart);
	for (c = 0; c < w->ncell; c++)
		if (w->cn[(size_t)fam * g->ne + c]) {
			l->tmp[n++] = (uint32_t)c;
			l->ku[c] = l->usig[w->cell[c]];
			l->ustart[l->ku[c] + 1]++;
		}
	for (us = 0; us < nu_names; us++)
		l->ustart[us + 1] += l->ustart[us];
	memcpy(l->hist, l->ustart, (size_t)nu_names * sizeof *l->hist);
	for (c = 0; c < n; c++)
		l->ord[l->hist[l->ku[l->tmp[c]]]++] = l->tmp[c];
	n = 0;
	for (us = 0; us < nu_names; us++)
		if (l->ustart[us] < l->ustart[us + 1])
			l->dirty[n++] = us;
	return n;
}

void airs__joint_family(const airs_rollup *r, const airs_rollup *g,
                        joint_ws *w, size_t lane, int fam,
                        unsigned char *mv)
{
	joint_lane *l = &w->l[lane];
	const unsigned char *uv = r->vis + (size_t)fam * 3 * (r->nu + 1);
	uint64_t k = (uint64_t)r->min_group;
	size_t v, nd, nh, round;

	memset(mv, 0, 3 * ((size_t)g->nu + 1));
	for (v = 0; v < g->nu; v++) {
		l->gr[v] = respondents(&g->tot[v], fam);
		mv[3 * v + G_T] = (unsigned char)safe(l->gr[v], k);
		/* parents come first in tree order */
		l->anc[v] = mv[3 * v + G_T] ? (uint32_t)v
		            : g->parent[v] == AIRS__NONE ? AIRS__NONE
		            : l->anc[g->parent[v]];
	}
	nd = by_class(g, w, l, fam, airs__supp_classes(r, uv, l->usig));
	for (round = 0;; round++) {
		if (!pick(g, w, l, nd, fam, k, mv, &nh))
			break;
		if (round + 1 == ROUND_MAX) {
			for (v = 0; v < g->nu; v++)
				if (l->gr[v])
					mv[3 * v + G_T] = 0;
			break;
		}
		nd = update(g, w, l, nh, fam, mv);
	}
}

/* ------------------------------------------------------------------------
 * The workspace
 * ---------------------------------------------------------------------- */

static void lane_free(const airs__mem *mem, joint_lane *l)
{
	airs__free(mem, l->ord);
	airs__free(mem, l->tmp);
	airs__free(mem, l->ku);
	airs__free(mem, l->hist);
	airs__free(mem, l->usig);
	airs__free(mem, l->ustart);
	airs__free(mem, l->dirty);
	airs__free(mem, l->ust);
	airs__free(mem, l->anc);
	airs__free(mem, l->hid);
	airs__free(mem, l->nst);
	airs__free(mem, l->pst);
	airs__free(mem, l->touched);
	airs__free(mem, l->psize);
	airs__free(mem, l->gr);
}

void airs__joint_free(const airs__mem *mem, joint_ws *w)
{
	size_t i;

	airs__free(mem, w->cell);
	airs__free(mem, w->cdnode);
	airs__free(mem, w->cn);
	airs__free(mem, w->byn);
	airs__free(mem, w->nstart);
	for (i = 0; i < FIN_LANES; i++)
		lane_free(mem, &w->l[i]);
	memset(w, 0, sizeof *w);
}

/* A lane's scratch (calloc: of the arrays by person only the cells'
 * part is touched).  Nonzero when out of memory. */
static int lane_alloc(const airs_rollup *r, joint_lane *l)
{
	const airs__mem *m = &r->mem;
	const airs_rollup *g = r->mgr;
	size_t ne = g->ne + 1, nn = (size_t)g->nu + 2;
	size_t nh = (nn > 2 * (r->nu + 1) ? nn : 2 * (r->nu + 1)) + 2;
	size_t nus = 2 * (r->nu + 1) + 2; /* unit class names, and one */

	l->ord = airs__calloc(m, ne, sizeof *l->ord);
	l->tmp = airs__calloc(m, ne, sizeof *l->tmp);
	l->ku = airs__calloc(m, ne, sizeof *l->ku);
	l->hist = airs__calloc(m, nh, sizeof *l->hist);
	l->usig = airs__calloc(m, 2 * (r->nu + 1), sizeof *l->usig);
	l->ustart = airs__calloc(m, nus, sizeof *l->ustart);
	l->dirty = airs__calloc(m, nus, sizeof *l->dirty);
	l->ust = airs__calloc(m, nus, sizeof *l->ust);
	l->anc = airs__calloc(m, nn, sizeof *l->anc);
	l->hid = airs__calloc(m, nn, sizeof *l->hid);
	l->nst = airs__calloc(m, nn, sizeof *l->nst);
	l->pst = airs__calloc(m, nn, sizeof *l->pst);
	l->touched = airs__calloc(m, nn, sizeof *l->touched);
	l->psize = airs__calloc(m, nn, sizeof *l->psize);
	l->gr = airs__calloc(m, nn, sizeof *l->gr);
	return !l->ord || !l->tmp || !l->ku || !l->hist || !l->usig ||
	       !l->ustart || !l->dirty || !l->ust || !l->anc || !l->hid ||
	       !l->nst || !l->pst || !l->touched || !l->psize || !l->gr;
}

int airs__joint_alloc(const airs_rollup *r, joint_ws *w, size_t lanes)
{
	const airs__mem *m = &r->mem;
	const airs_rollup *g = r->mgr;
	size_t ne = g->ne + 1, nn = (size_t)g->nu + 2, i;

	memset(w, 0, sizeof *w);
	w->lanes = lanes < 1 ? 1 : lanes > FIN_LANES ? FIN_LANES : lanes;
	w->cell = airs__calloc(m, ne, sizeof *w->cell);
	w->cdnode = airs__calloc(m, ne, sizeof *w->cdnode);
	w->cn = airs__calloc(m, ne * FAM_COUNT, sizeof *w->cn);
	w->byn = airs__calloc(m, ne, sizeof *w->byn);
	w->nstart = airs__calloc(m, nn + 1, sizeof *w->nstart);
	if (!w->cell || !w->cdnode || !w->cn || !w->byn || !w->nstart) {
		airs__joint_free(m, w);
		return AIRS_ENOMEM;
	}
	for (i = 0; i < w->lanes; i++)
		if (lane_alloc(r, &w->l[i])) {
			airs__joint_free(m, w);
			return AIRS_ENOMEM;
		}
	return AIRS_OK;
}

/*
 * suppress.c - complementary suppression of one survey family
 * (methodology 4.1).
 *
 * For one family (a construct, or the net score, time saved or survey
 * respondents), the published groups are every unit subtree T, its
 * leaders L and non-leaders N (constructs only), and the same for the
 * organisation.  Respondents are grouped into cells (unit, leader); a
 * cell's signature is the sorted list of visible groups containing it,
 * and cells with equal signatures form a class.  Every published number
 * is a sum over visible groups, so any linear combination of published
 * numbers is constant on classes: keeping every class empty or at least
 * k large means no combination isolates fewer than k people.
 *
 * The algorithm (airs__suppress()):
 *  1. Primary suppression: hide every group of fewer than k respondents.
 *  2. Rounds: classify the cells by signature (classify()).  Every class
 *     of fewer than k respondents hides the smallest visible group that
 *     separates it from its nearest class, the one whose signature
 *     differs in the fewest groups (pick(), nearest()), all against the
 *     same classification.  Stop after a round that hides nothing.  Each
 *     other round hides at least one group, so there are at most
 *     3 * (units + 1) rounds; real trees take 6 to 8
 *     (docs/performance.md).
 *  3. Show again every hidden group that is a union of classes of at
 *     least k (reshow()).
 *
 * Cost, per family: it grows with the units and the depth of the tree,
 * not with the respondents.  Making the cells visits every unit, and
 * prepare() visits every node in every round, whether or not the unit
 * has respondents in the family.  classify() walks each cell's path to the
 * organisation, depth + 1 nodes, and insertion-sorts the signature it
 * collects; collected leaf-up it is in nearly reverse order, so that sort
 * is quadratic in the path.  A round is therefore
 * O(units + cells * depth^2), cells being at most 2 * units; reshow() is
 * O(units + cells * depth).  In all O(rounds * units * depth), with one
 * more factor of depth for the signature sort, and the workspace holds
 * 2 * units signatures of up to 2 * (depth + 2) groups per lane.  Work
 * that grows only with the cells that have respondents, and rounds that
 * reclassify only what changed, are the next step (docs/performance.md,
 * "What would close the gaps"); this file is the algorithm as it is.
 */
#include "suppress.h"

#include <stdint.h>
#include <string.h>

#include "rollup-impl.h"

/* A candidate neighbour seen from a node's parent: d visible groups on the
 * path down to it, g the smallest of them (AIRS__NONE: none, or no
 * candidate when d is UINT32_MAX). */
struct nkey {
	uint32_t d, g;
};

/* The two smallest keys among a node's children, with the child each came
 * from, so that the search can skip the child it came up through. */
struct ntop {
	struct nkey k[2];
	uint32_t c[2];
};

static uint64_t cell_count(const acc *a, int fam, int l)
{
	if (fam < NC)
		return l ? a->c[fam].n1 : a->c[fam].n0;
	if (l)
		return 0; /* unit totals only: everyone sits in the staff cell */
	return fam == FAM_NET ? a->net_n : fam == FAM_TIME ? a->ts_n : a->resp;
}

static int sig_cmp(const void *ctx, uint32_t a, uint32_t b)
{
	const supp_ws *w = ctx;
	const uint32_t *sa = w->sig + (size_t)a * w->maxsig;
	const uint32_t *sb = w->sig + (size_t)b * w->maxsig;
	uint32_t i, la = w->siglen[a], lb = w->siglen[b];

	for (i = 0; i < la && i < lb; i++)
		if (sa[i] != sb[i])
			return sa[i] < sb[i] ? -1 : 1;
	return (la > lb) - (la < lb);
}

/* Signatures, then classes; returns the number of classes. */
static size_t classify(const airs_rollup *r, supp_ws *w, const unsigned char *vis)
{
	size_t x, ncls = 0;

	for (x = 0; x < w->ncell; x++) {
		uint32_t *s = w->sig + x * w->maxsig, n = 0, u = w->cu[x], t, i;
		uint32_t kind = w->cl[x] ? G_L : G_N;
		for (;;) {
			uint32_t gu = u == AIRS__NONE ? (uint32_t)r->nu : u;
			if (vis[gu * 3 + G_T])
				s[n++] = gu * 3 + G_T;
			if (vis[gu * 3 + kind])
				s[n++] = gu * 3 + kind;
			if (u == AIRS__NONE)
				break;
			u = r->parent[u];
		}
		/* collected from the leaf up: reverse into ascending unit order
		 * is not enough (ids of a unit's kinds interleave), so sort */
		for (i = 1; i < n; i++)
			for (t = i; t > 0 && s[t - 1] > s[t]; t--) {
				uint32_t v = s[t];
				s[t] = s[t - 1];
				s[t - 1] = v;
			}
		w->siglen[x] = n;
	}
	/* Classes by signature hash, linear in the cells where sorting the
	 * signatures took n log n comparisons a round.  Classes are numbered
	 * by their first cell; no decision depends on their order. */
	memset(w->htab, 0xff, w->hcap * sizeof *w->htab);
	for (x = 0; x < w->ncell; x++) {
		const uint32_t *s = w->sig + x * w->maxsig;
		uint64_t h = 0x9e3779b97f4a7c15u;
		size_t i, mask = w->hcap - 1;
		uint32_t c;
		for (i = 0; i < w->siglen[x]; i++) {
			h = (h ^ s[i]) * 0xff51afd7ed558ccdu;
			h ^= h >> 32;
		}
		for (i = (size_t)(h ^ (h >> 29)) & mask;; i = (i + 1) & mask) {
			c = w->htab[i];
			if (c == AIRS__NONE) {
				c = (uint32_t)ncls++;
				w->htab[i] = c;
				w->chash[c] = h;
				w->cfirst[c] = (uint32_t)x;
				w->csize[c] = 0;
				break;
			}
			if (w->chash[c] == h && !sig_cmp(w, w->cfirst[c], (uint32_t)x))
				break;
		}
		w->cls[x] = c;
		w->csize[c] += w->cn[x];
	}
	return ncls;
}

/* Is group a a better one to hide than b: smaller, then first in tree
 * order (AIRS__NONE: no group, never better). */
static int gless(const supp_ws *w, uint32_t a, uint32_t b)
{
	if (a == AIRS__NONE)
		return 0;
	if (b == AIRS__NONE)
		return 1;
	return w->gsize[a] < w->gsize[b] ||
	       (w->gsize[a] == w->gsize[b] && a < b);
}

static uint32_t gbest(const supp_ws *w, uint32_t a, uint32_t b)
{
	return gless(w, b, a) ? b : a;
}

static int kless(const supp_ws *w, struct nkey a, struct nkey b)
{
	return a.d != b.d ? a.d < b.d : gless(w, a.g, b.g);
}

static void top_push(const supp_ws *w, struct ntop *t, struct nkey key,
                     uint32_t child)
{
	if (kless(w, key, t->k[0])) {
		t->k[1] = t->k[0];
		t->c[1] = t->c[0];
		t->k[0] = key;
		t->c[0] = child;
	} else if (kless(w, key, t->k[1])) {
		t->k[1] = key;
		t->c[1] = child;
	}
}

static const struct nkey NO_KEY = { UINT32_MAX, AIRS__NONE };

/*
 * The nearest classes without comparing classes.  A cell's signature is
 * read off its path to the organisation: the visible T groups and the
 * visible groups of its own kind (L or N) at every node on it.  Two cells
 * (u, l) and (v, m) whose paths meet at node w differ in the visible T
 * and own-kind groups below w on each side and, when l != m, in the L and
 * N groups at w and above.  So for every node the search keeps, per
 * kind m, the best cell of m below it (key S: fewest visible groups on
 * the path down, then the best group among them) and the best cell with
 * at least one visible group on that path (key P, for when nothing else
 * tells the cells apart), and the best two children of each.  A cell then
 * walks up its path (depth + 1 nodes) and meets every other cell exactly
 * at their common node, through a child other than the one it came from.
 * The result equals the reference (lib/test-suppress.c): the fewest
 * differing groups, and among all classes at that distance the smallest
 * differing group.
 */
static void prepare(const airs_rollup *r, supp_ws *w, const unsigned char *vis)
{
	size_t nu = r->nu, i, v, p;
	uint32_t m;

	for (v = 0; v <= nu; v++) {
		for (m = 0; m < 2; m++) {
			uint32_t gt = (uint32_t)(v * 3 + G_T);
			uint32_t gk = (uint32_t)(v * 3 + (m ? G_L : G_N));
			uint32_t c = 0, g = AIRS__NONE, j;
			if (vis[gt]) {
				c++;
				g = gt;
			}
			if (vis[gk]) {
				c++;
				g = gbest(w, g, gk);
			}
			w->cnt[2 * v + m] = c;
			w->gmin[2 * v + m] = g;
			for (j = 0; j < 2; j++) {
				struct ntop *t = &w->top[4 * v + 2 * m + j];
				t->k[0] = t->k[1] = NO_KEY;
				t->c[0] = t->c[1] = AIRS__NONE;
			}
		}
	}
	/* L and N groups at a node and above, parents first */
	for (i = 0; i <= nu; i++) {
		uint32_t c = 0, g = AIRS__NONE, kind;
		v = i == 0 ? nu : i - 1; /* the organisation first */
		p = v == nu ? nu : r->parent[v] == AIRS__NONE ? nu : r->parent[v];
		if (v != nu) {
			c = w->kc[p];
			g = w->kmin[p];
		}
		for (kind = G_L; kind <= G_N; kind++)
			if (vis[v * 3 + kind]) {
				c++;
				g = gbest(w, g, (uint32_t)(v * 3 + kind));
			}
		w->kc[v] = c;
		w->kmin[v] = g;
	}
	/* S and P from the leaves up: children follow their parent in tree
	 * order, and the organisation comes last */
	for (i = 0; i <= nu; i++) {
		v = i < nu ? nu - 1 - i : nu;
		p = v == nu ? nu : r->parent[v] == AIRS__NONE ? nu : r->parent[v];
		for (m = 0; m < 2; m++) {
			uint32_t c = w->cnt[2 * v + m], g = w->gmin[2 * v + m];
			const struct ntop *t = &w->top[4 * v + 2 * m];
			struct nkey s = NO_KEY, pk;
			if (v < nu && w->cellof[2 * v + m] != AIRS__NONE) {
				s.d = c;
				s.g = g;
			}
			if (t[0].k[0].d != UINT32_MAX) {
				struct nkey b;
				b.d = c + t[0].k[0].d;
				b.g = gbest(w, g, t[0].k[0].g);
				if (kless(w, b, s))
					s = b;
			}
			pk = c ? s : t[1].k[0];
			if (v < nu) {
				top_push(w, &w->top[4 * p + 2 * m], s, (uint32_t)v);
				top_push(w, &w->top[4 * p + 2 * m + 1], pk,
				         (uint32_t)v);
			}
		}
	}
}

/* The group to hide for cell x: see prepare(). */
static uint32_t nearest(const airs_rollup *r, const supp_ws *w, size_t x,
                        int split)
{
	struct nkey best = NO_KEY;
	uint32_t nu = (uint32_t)r->nu, l = w->cl[x], m;

	for (m = 0; m < (split ? 2u : 1u); m++) {
		uint32_t v = w->cu[x], from = AIRS__NONE, a = 0;
		uint32_t amin = AIRS__NONE;
		for (;;) {
			uint32_t kd = m != l ? w->kc[v] : 0;
			uint32_t kg = m != l ? w->kmin[v] : AIRS__NONE;
			/* with nothing on this side, only a visible group
			 * below v on the other side tells a cell apart */
			int pos = a + kd == 0;
			const struct ntop *t = &w->top[4 * v + 2 * m + pos];
			struct nkey y = t->c[0] != from ? t->k[0] : t->k[1];
			if (!pos && v < nu && w->cellof[2 * v + m] != AIRS__NONE) {
				struct nkey here = { 0, AIRS__NONE };
				if (kless(w, here, y))
					y = here;
			}
			if (y.d != UINT32_MAX) {
				struct nkey c;
				c.d = a + kd + y.d;
				c.g = gbest(w, gbest(w, amin, kg), y.g);
				if (kless(w, c, best))
					best = c;
			}
			if (v == nu)
				break;
			a += w->cnt[2 * v + l];
			amin = gbest(w, amin, w->gmin[2 * v + l]);
			from = v;
			v = r->parent[v] == AIRS__NONE ? nu : r->parent[v];
		}
	}
	return best.g;
}

static size_t pick(const airs_rollup *r, supp_ws *w, size_t ncls, uint64_t k,
                   int split, unsigned char *vis)
{
	size_t nhide = 0, sm;

	prepare(r, w, vis);
	for (sm = 0; sm < ncls; sm++) {
		uint32_t g;
		if (w->csize[sm] >= k)
			continue;
		g = nearest(r, w, w->cfirst[sm], split);
		if (g != AIRS__NONE && vis[g]) {
			vis[g] = 0;
			nhide++;
		}
	}
	return nhide;
}

/* The post pass of suppress() in time linear in the cells of each hidden
 * group: a group's cells are a contiguous run (cells are in tree order). */
static void reshow(const airs_rollup *r, supp_ws *w, size_t ncls, uint64_t k,
                   int split, unsigned char *vis)
{
	size_t ng = 3 * (r->nu + 1), g, x, i;

	memset(w->ccells, 0, ncls * sizeof *w->ccells);
	memset(w->cin, 0, ncls * sizeof *w->cin);
	for (x = 0; x < w->ncell; x++)
		w->ccells[w->cls[x]]++;
	for (g = 0; g < ng; g++) {
		size_t gu = g / 3, kind = g % 3, lo, hi, nt = 0;
		int constant = 1;
		if (vis[g] || !w->gsize[g] || (!split && kind != G_T))
			continue;
		lo = gu == r->nu ? 0 : w->cstart[gu];
		hi = gu == r->nu ? w->ncell : w->cstart[r->end[gu]];
		for (x = lo; x < hi; x++) {
			uint32_t c;
			if ((kind == G_L && !w->cl[x]) || (kind == G_N && w->cl[x]))
				continue;
			c = w->cls[x];
			if (!w->cin[c]++)
				w->touched[nt++] = c;
		}
		/* a class too small can remain only when nothing separates
		 * it any more; a group made of it must stay hidden */
		for (i = 0; i < nt; i++) {
			uint32_t c = w->touched[i];
			if (w->cin[c] != w->ccells[c] || w->csize[c] < k)
				constant = 0;
			w->cin[c] = 0;
		}
		if (constant)
			vis[g] = 1;
	}
}

void airs__suppress(const airs_rollup *r, supp_ws *w, int fam,
                    unsigned char *vis)
{
	size_t ng = 3 * (r->nu + 1), g, x, ncls;
	uint64_t k = (uint64_t)r->min_group;
	int split = fam < NC;

	/* Cells and group sizes. */
	w->ncell = 0;
	for (x = 0; x < r->nu; x++) {
		int l;
		w->cstart[x] = (uint32_t)w->ncell;
		for (l = 0; l < 2; l++) {
			uint64_t n = cell_count(&r->direct[x], fam, l);
			w->cellof[2 * x + (size_t)l] = n ? (uint32_t)w->ncell
			                                 : AIRS__NONE;
			if (!n)
				continue;
			w->cu[w->ncell] = (uint32_t)x;
			w->cl[w->ncell] = (unsigned char)l;
			w->cn[w->ncell++] = n;
		}
	}
	w->cstart[r->nu] = (uint32_t)w->ncell;
	for (g = 0; g <= r->nu; g++) {
		const acc *t = &r->tot[g];
		w->gsize[g * 3 + G_T] = cell_count(t, fam, 0) + cell_count(t, fam, 1);
		w->gsize[g * 3 + G_L] = split ? cell_count(t, fam, 1) : 0;
		w->gsize[g * 3 + G_N] = split ? cell_count(t, fam, 0) : 0;
	}
	/* Primary suppression; groups without respondents are not published
	 * as groups (nothing to hide, nothing to separate). */
	for (g = 0; g < ng; g++)
		vis[g] = w->gsize[g] >= k && (split || g % 3 == G_T);
	/* Complementary suppression: while a class is too small, hide the
	 * smallest visible group separating it from its nearest class (the
	 * one whose signature differs in the fewest groups).  Each round hides
	 * at least one more group, so this ends.  Each too-small class picks
	 * its group against the same classification; hiding them together
	 * takes far fewer rounds than one at a time on large trees, and stays
	 * independent of input order. */
	for (;;) {
		size_t nhide;

		ncls = classify(r, w, vis);
		if (ncls < 2)
			break;
		nhide = r->search ? r->search->pick(r, w, ncls, k, split, vis)
		                  : pick(r, w, ncls, k, split, vis);
		if (!nhide)
			break;
	}
	/* A hidden group that is a union of classes of at least k can be
	 * shown again: it splits no class, so the guarantee holds, and it
	 * might otherwise be hidden in name only while derivable from visible
	 * groups.  What stays hidden is then never a union of classes, and
	 * every combination of visible groups is one, so no hidden group is
	 * derivable.  The loop ends right after a classification that no
	 * group was hidden since (picking changes only vis), so its classes
	 * are those of the groups as they are. */
	if (r->search)
		r->search->reshow(r, w, ncls, k, split, vis);
	else
		reshow(r, w, ncls, k, split, vis);
}

/* ------------------------------------------------------------------------
 * The workspace
 * ---------------------------------------------------------------------- */

void airs__supp_free(const airs__mem *mem, supp_ws *s)
{
	airs__free(mem, s->cu);
	airs__free(mem, s->cl);
	airs__free(mem, s->cn);
	airs__free(mem, s->sig);
	airs__free(mem, s->siglen);
	airs__free(mem, s->htab);
	airs__free(mem, s->chash);
	airs__free(mem, s->cls);
	airs__free(mem, s->cfirst);
	airs__free(mem, s->csize);
	airs__free(mem, s->cin);
	airs__free(mem, s->gsize);
	airs__free(mem, s->cellof);
	airs__free(mem, s->cstart);
	airs__free(mem, s->ccells);
	airs__free(mem, s->touched);
	airs__free(mem, s->cnt);
	airs__free(mem, s->gmin);
	airs__free(mem, s->kc);
	airs__free(mem, s->kmin);
	airs__free(mem, s->top);
}

int airs__supp_alloc(const airs_rollup *r, supp_ws *s)
{
	const airs__mem *m = &r->mem;
	size_t n1 = r->nu + 1, cells = 2 * r->nu, maxd = 0, i;

	memset(s, 0, sizeof *s);
	/* a cell's T and own-kind groups at every node on its path */
	for (i = 0; i < r->nu; i++)
		if (r->depth[i] > maxd)
			maxd = r->depth[i];
	s->maxsig = 2 * (maxd + 2);
	s->cu = airs__calloc(m, cells, sizeof *s->cu);
	s->cl = airs__calloc(m, cells, 1);
	s->cn = airs__calloc(m, cells, sizeof *s->cn);
	s->sig = airs__calloc(m, cells * s->maxsig, sizeof *s->sig);
	s->siglen = airs__calloc(m, cells, sizeof *s->siglen);
	for (s->hcap = 16; s->hcap < 2 * cells + 2; s->hcap *= 2)
		;
	s->htab = airs__calloc(m, s->hcap, sizeof *s->htab);
	s->chash = airs__calloc(m, cells, sizeof *s->chash);
	s->cls = airs__calloc(m, cells, sizeof *s->cls);
	s->cfirst = airs__calloc(m, cells, sizeof *s->cfirst);
	s->csize = airs__calloc(m, cells, sizeof *s->csize);
	s->cin = airs__calloc(m, cells, sizeof *s->cin);
	s->gsize = airs__calloc(m, 3 * n1, sizeof *s->gsize);
	s->cellof = airs__calloc(m, cells, sizeof *s->cellof);
	s->cstart = airs__calloc(m, n1, sizeof *s->cstart);
	s->ccells = airs__calloc(m, cells, sizeof *s->ccells);
	s->touched = airs__calloc(m, cells, sizeof *s->touched);
	s->cnt = airs__calloc(m, 2 * n1, sizeof *s->cnt);
	s->gmin = airs__calloc(m, 2 * n1, sizeof *s->gmin);
	s->kc = airs__calloc(m, n1, sizeof *s->kc);
	s->kmin = airs__calloc(m, n1, sizeof *s->kmin);
	s->top = airs__calloc(m, 4 * n1, sizeof *s->top);
	if (!s->cu || !s->cl || !s->cn || !s->sig || !s->siglen || !s->htab ||
	    !s->chash || !s->cls || !s->cfirst || !s->csize || !s->cin ||
	    !s->gsize || !s->cellof || !s->cstart || !s->ccells ||
	    !s->touched || !s->cnt || !s->gmin || !s->kc || !s->kmin ||
	    !s->top) {
		airs__supp_free(m, s);
		memset(s, 0, sizeof *s);
		return AIRS_ENOMEM;
	}
	return AIRS_OK;
}

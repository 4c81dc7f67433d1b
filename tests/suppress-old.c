/*
 * suppress-old.c - the unit suppression of lib/suppress.c as it was
 * before rounds became incremental (a full classification and tree
 * search every round, O(units * WALK_MAX) a round), kept as a test
 * oracle: tests/test-rollup.c finalises random trees with both and
 * asserts that every group's visibility agrees.  Linked into the tests
 * only.  Its text is the old file's, renamed; do not improve it.
 */
#include "suppress-old.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rollup-impl.h"

typedef struct old_ws old_ws;

/* What the classes under a node span (suppress.c, reshow()). */
struct old_span {
	uint32_t lo, hi;
	int ok;
};

/* A candidate neighbour seen from a node's parent: d visible groups on
 * the path down to it, g the smallest of them (AIRS__NONE: none, or no
 * candidate when d is UINT32_MAX); and the two best among a node's
 * children (suppress.c, prepare()). */
struct old_nkey {
	uint32_t d, g;
};

struct old_ntop {
	struct old_nkey k[2];
	uint32_t c[2];
};

/* The workspace: O(units), whatever the depth of the tree.  Cells are
 * numbered unit * 2 + leader, groups node * 3 + kind (the organisation is
 * node nu), class names 1 .. (0: no visible group). */
struct old_ws {
	uint64_t *cr;       /* cell respondents: 2 * (nu + 1) */
	uint64_t *gr;       /* group respondents: 3 * (nu + 1) */
	uint32_t *sig;      /* class name of cell (v, l); of node nu too */
	uint32_t *best;     /* smallest visible group containing (v, l) */
	uint64_t *ksize_r;           /* per class name: respondents */
	uint32_t *krep, *klo, *khi;  /* a cell of it, its lowest and highest */
	unsigned char *kkinds;       /* bit l: it has cells of kind l */
	struct old_span *span;      /* 3 * (nu + 1) */
	/* the neighbour search, per node v and kind m at [2 * v + m] */
	uint32_t *cnt;      /* visible groups of kind m at v */
	uint32_t *gmin;     /* the smallest of them, or AIRS__NONE */
	uint32_t *kc, *kmin; /* visible L and N groups at v and above */
	struct old_ntop *top;   /* [4 * v + 2 * m + pos]: the best two children's
	                       keys S (pos 0) and P (pos 1) */
};


/* Groups are numbered node * 3 + kind, the organisation being node nu;
 * cells unit * 2 + leader. */
#define GROUP(v, kind) ((uint32_t)(v) * 3 + (uint32_t)(kind))
#define KIND(l) ((l) ? G_L : G_N)

/* The farthest a too-small class looks up its path for a neighbour. */
#define WALK_MAX 128

/* The node above v (the organisation, nu, for roots). */
static size_t up(const airs_rollup *r, size_t v)
{
	return v == r->nu || r->parent[v] == AIRS__NONE ? r->nu : r->parent[v];
}

/* The respondents a unit-total family sums over. */
static uint64_t total_of(const acc *a, int fam)
{
	return fam == FAM_FATIGUE ? a->fat_read
	       : fam == FAM_NO_BENEFIT ? a->nb_read : a->resp;
}

/* Respondents of every cell and every group. */
static void count(const airs_rollup *r, old_ws *w, int fam)
{
	size_t v, n1 = r->nu + 1;
	int split = fam < NC;

	for (v = 0; v < n1; v++) {
		acc buf;
		const acc *t = &r->tot[v], *a = airs__rollup_own(r, v, &buf);
		uint64_t rl = split ? t->c[fam].n1 : 0;
		uint64_t rt = split ? t->c[fam].n0 + rl : total_of(t, fam);
		w->gr[GROUP(v, G_T)] = rt;
		w->gr[GROUP(v, G_L)] = rl;
		w->gr[GROUP(v, G_N)] = rt - rl;
		if (v == r->nu) {
			w->cr[2 * v] = w->cr[2 * v + 1] = 0;
		} else if (split) {
			w->cr[2 * v + 1] = a->c[fam].n1;
			w->cr[2 * v] = a->c[fam].n0;
		} else {
			w->cr[2 * v] = total_of(a, fam);
			w->cr[2 * v + 1] = 0;
		}
	}
}

/* A class (or group) of n respondents is safe to publish. */
static int safe(uint64_t n, uint64_t k)
{
	return !n || n >= k;
}

/* Name every cell's class, sig[x] for cell x; sig[2 * nu + l] names the
 * organisation's signature for kind l (no cell, a name to inherit).
 * Name 0 is the empty signature.  Returns the number of names. */
static uint32_t classify(const airs_rollup *r, old_ws *w,
                         const unsigned char *vis)
{
	uint32_t next = 1, *sig = w->sig;
	size_t i, nu = r->nu;

	for (i = 0; i <= nu; i++) {
		size_t v = i == 0 ? nu : i - 1;   /* the organisation first */
		size_t p = up(r, v);
		uint32_t ps[2], l;
		int t = vis[GROUP(v, G_T)];

		ps[0] = v == nu ? 0 : sig[2 * p];
		ps[1] = v == nu ? 0 : sig[2 * p + 1];
		if (t && !vis[GROUP(v, G_L)] && !vis[GROUP(v, G_N)] &&
		    ps[0] == ps[1]) {
			sig[2 * v] = sig[2 * v + 1] = next++;
			continue;
		}
		for (l = 0; l < 2; l++)
			sig[2 * v + l] = t || vis[GROUP(v, KIND(l))] ? next++ : ps[l];
	}
	return next;
}

/* Respondents and a representative cell of every class, the lowest and
 * highest cell in it, and the kinds of cell in it (bit l). */
static void class_sizes(const airs_rollup *r, old_ws *w, uint32_t ncls)
{
	size_t x, ncell = 2 * r->nu;

	memset(w->ksize_r, 0, ncls * sizeof *w->ksize_r);
	memset(w->kkinds, 0, ncls);
	for (x = 0; x < ncell; x++) {
		uint32_t c = w->sig[x];
		if (!w->cr[x])
			continue;
		if (!w->kkinds[c]) {
			w->krep[c] = (uint32_t)x;
			w->klo[c] = (uint32_t)x;
		}
		w->khi[c] = (uint32_t)x;
		w->kkinds[c] |= (unsigned char)(1u << (x & 1));
		w->ksize_r[c] += w->cr[x];
	}
}

/* Is group a a better one to hide than b: fewer respondents, then first
 * in tree order (AIRS__NONE: none, never better)? */
static int gless(const old_ws *w, uint32_t a, uint32_t b)
{
	if (a == AIRS__NONE)
		return 0;
	if (b == AIRS__NONE)
		return 1;
	return w->gr[a] < w->gr[b] || (w->gr[a] == w->gr[b] && a < b);
}

static uint32_t gbest(const old_ws *w, uint32_t a, uint32_t b)
{
	return gless(w, b, a) ? b : a;
}

/* The smallest visible group containing the cell (v, l), for every node
 * and kind: carried down the tree, the organisation first. */
static void smallest(const airs_rollup *r, old_ws *w, const unsigned char *vis)
{
	size_t i, nu = r->nu;
	uint32_t l;

	for (i = 0; i <= nu; i++) {
		size_t v = i == 0 ? nu : i - 1, p = up(r, v);
		for (l = 0; l < 2; l++) {
			uint32_t b = v == nu ? AIRS__NONE : w->best[2 * p + l];
			uint32_t gt = GROUP(v, G_T), gk = GROUP(v, KIND(l));
			if (vis[gt])
				b = gbest(w, b, gt);
			if (vis[gk])
				b = gbest(w, b, gk);
			w->best[2 * v + l] = b;
		}
	}
}

static const struct old_nkey NO_KEY = { UINT32_MAX, AIRS__NONE };

static int kless(const old_ws *w, struct old_nkey a, struct old_nkey b)
{
	return a.d != b.d ? a.d < b.d : gless(w, a.g, b.g);
}

static void top_push(const old_ws *w, struct old_ntop *t, struct old_nkey key,
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

/* Visible groups of kind l at v (cnt) and the smallest (gmin); visible L
 * and N groups at v and above (kc, kmin). */
static void prepare_counts(const airs_rollup *r, old_ws *w,
                           const unsigned char *vis)
{
	size_t nu = r->nu, i, v;
	uint32_t m, kind;

	for (v = 0; v <= nu; v++)
		for (m = 0; m < 2; m++) {
			uint32_t gt = GROUP(v, G_T), gk = GROUP(v, KIND(m));
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
				struct old_ntop *t = &w->top[4 * v + 2 * m + j];
				t->k[0] = t->k[1] = NO_KEY;
				t->c[0] = t->c[1] = AIRS__NONE;
			}
		}
	for (i = 0; i <= nu; i++) {
		uint32_t c = 0, g = AIRS__NONE;
		size_t p;
		v = i == 0 ? nu : i - 1;
		p = up(r, v);
		if (v != nu) {
			c = w->kc[p];
			g = w->kmin[p];
		}
		for (kind = G_L; kind <= G_N; kind++)
			if (vis[GROUP(v, kind)]) {
				c++;
				g = gbest(w, g, GROUP(v, kind));
			}
		w->kc[v] = c;
		w->kmin[v] = g;
	}
}

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
 * walks up its path and meets every other cell exactly at their common
 * node, through a child other than the one it came from.
 */
static void prepare(const airs_rollup *r, old_ws *w, const unsigned char *vis)
{
	size_t nu = r->nu, i, v, p;
	uint32_t m;

	prepare_counts(r, w, vis);
	/* S and P from the leaves up: children follow their parent in tree
	 * order, and the organisation comes last */
	for (i = 0; i <= nu; i++) {
		v = i < nu ? nu - 1 - i : nu;
		p = up(r, v);
		for (m = 0; m < 2; m++) {
			uint32_t c = w->cnt[2 * v + m], g = w->gmin[2 * v + m];
			const struct old_ntop *t = &w->top[4 * v + 2 * m];
			struct old_nkey s = NO_KEY, pk;
			if (v < nu && w->cr[2 * v + m]) {
				s.d = c;
				s.g = g;
			}
			if (t[0].k[0].d != UINT32_MAX) {
				struct old_nkey b;
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

/* The group that separates cell x from its nearest class (see prepare()),
 * looking at most WALK_MAX nodes up; NO_KEY's group when it meets none. */
static uint32_t nearest(const airs_rollup *r, const old_ws *w, size_t x,
                        int split)
{
	struct old_nkey best = NO_KEY;
	uint32_t nu = (uint32_t)r->nu, l = (uint32_t)(x & 1), m, steps;

	for (m = 0; m < (split ? 2u : 1u); m++) {
		uint32_t v = (uint32_t)(x / 2), from = AIRS__NONE, a = 0;
		uint32_t amin = AIRS__NONE;
		for (steps = 0; steps < WALK_MAX; steps++) {
			uint32_t kd = m != l ? w->kc[v] : 0;
			uint32_t kg = m != l ? w->kmin[v] : AIRS__NONE;
			/* with nothing on this side, only a visible group
			 * below v on the other side tells a cell apart */
			int pos = a + kd == 0;
			const struct old_ntop *t = &w->top[4 * v + 2 * m + pos];
			struct old_nkey y = t->c[0] != from ? t->k[0] : t->k[1];
			if (!pos && v < nu && w->cr[2 * v + m]) {
				struct old_nkey here = { 0, AIRS__NONE };
				if (kless(w, here, y))
					y = here;
			}
			if (y.d != UINT32_MAX) {
				struct old_nkey c;
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
			v = (uint32_t)up(r, v);
		}
	}
	return best.g;
}

/* One round: every class that lies in a visible group and is too small
 * hides one group.  Returns how many groups were hidden. */
static size_t pick(const airs_rollup *r, old_ws *w, uint32_t ncls,
                   uint64_t k, int split, unsigned char *vis)
{
	size_t nhide = 0;
	uint32_t c;

	prepare(r, w, vis);
	smallest(r, w, vis);
	for (c = 1; c < ncls; c++) {   /* name 0 lies in no visible group */
		uint32_t g;
		if (!w->kkinds[c] || safe(w->ksize_r[c], k))
			continue;
		g = nearest(r, w, w->krep[c], split);
		if (g == AIRS__NONE)
			g = w->best[w->krep[c]];
		if (g != AIRS__NONE && vis[g]) {
			vis[g] = 0;
			nhide++;
		}
	}
	return nhide;
}

/* Widen span s by class c (cells klo .. khi); ok stays 1 while every
 * class added passes. */
static void span_add(struct old_span *s, const old_ws *w, uint32_t c, int ok)
{
	if (w->klo[c] < s->lo)
		s->lo = w->klo[c];
	if (w->khi[c] > s->hi)
		s->hi = w->khi[c];
	s->ok &= ok;
}

static void span_fold(struct old_span *into, const struct old_span *s)
{
	if (s->lo < into->lo)
		into->lo = s->lo;
	if (s->hi > into->hi)
		into->hi = s->hi;
	into->ok &= s->ok;
}

/* What the classes of the cells under each node span, per kind of cell
 * (l = 0, 1) and for both (l = 2): the lowest and highest cell of any of
 * those classes, and whether all are safe - and, per kind, hold cells of
 * that kind only.  Carried up the tree: children come after their parent
 * in tree order, so going backwards meets them first. */
static void spans(const airs_rollup *r, old_ws *w, uint64_t k)
{
	size_t i, nu = r->nu, v, l;

	for (v = 0; v <= nu; v++)
		for (l = 0; l < 3; l++) {
			w->span[3 * v + l].lo = UINT32_MAX;
			w->span[3 * v + l].hi = 0;
			w->span[3 * v + l].ok = 1;
		}
	for (i = nu; i-- > 0;) {
		for (l = 0; l < 2; l++) {
			uint32_t c = w->sig[2 * i + l];
			int ok;
			if (!w->cr[2 * i + l])
				continue;
			ok = safe(w->ksize_r[c], k);
			span_add(&w->span[3 * i + l], w, c,
			         ok && w->kkinds[c] == 1u << l);
			span_add(&w->span[3 * i + 2], w, c, ok);
		}
		for (l = 0; l < 3; l++)
			span_fold(&w->span[3 * up(r, i) + l], &w->span[3 * i + l]);
	}
}

/* Show again every hidden group with respondents that is a union of safe
 * classes: all the classes of its cells lie in it, and are safe. */
static void reshow(const airs_rollup *r, old_ws *w, uint64_t k, int split,
                   unsigned char *vis)
{
	size_t v, nu = r->nu;
	int kind;

	spans(r, w, k);
	for (v = 0; v <= nu; v++) {
		uint32_t lo = v == nu ? 0 : (uint32_t)(2 * v);
		uint32_t hi = v == nu ? (uint32_t)(2 * nu) : 2 * r->end[v];
		for (kind = G_T; kind <= (split ? G_N : G_T); kind++) {
			uint32_t g = GROUP(v, kind);
			const struct old_span *s =
			        &w->span[3 * v + (kind == G_T ? 2 : kind == G_L)];
			if (!vis[g] && w->gr[g] && s->ok && s->lo >= lo &&
			    s->hi < hi)
				vis[g] = 1;
		}
	}
}

static void old_run(const airs_rollup *r, old_ws *w, int fam,
                    unsigned char *vis)
{
	size_t ng = 3 * (r->nu + 1), g;
	uint64_t k = (uint64_t)r->min_group;
	uint32_t ncls;
	int split = fam < NC;

	count(r, w, fam);
	/* Primary suppression; a group with no respondents has no one to
	 * protect and lies on no respondent's path: its 0 is shown. */
	for (g = 0; g < ng; g++)
		vis[g] = (split || g % 3 == G_T) && safe(w->gr[g], k);
	/* Complementary suppression, round by round; every too-small class
	 * picks its group against the same classification, so the decisions
	 * do not depend on the order classes are named in. */
	for (;;) {
		ncls = classify(r, w, vis);
		class_sizes(r, w, ncls);
		if (!pick(r, w, ncls, k, split, vis))
			break;
	}
	/* The loop ended right after a classification nothing was hidden
	 * since, so its classes are those of the groups as they are. */
	reshow(r, w, k, split, vis);
}

uint32_t airs__old_classes(const airs_rollup *r, const unsigned char *vis,
                            uint32_t *sig)
{
	old_ws w;

	memset(&w, 0, sizeof w);
	w.sig = sig;
	return classify(r, &w, vis);
}

/* ------------------------------------------------------------------------
 * The workspace
 * ---------------------------------------------------------------------- */

static void old_free(const airs__mem *mem, old_ws *s)
{
	airs__free(mem, s->cr);
	airs__free(mem, s->gr);
	airs__free(mem, s->sig);
	airs__free(mem, s->best);
	airs__free(mem, s->ksize_r);
	airs__free(mem, s->krep);
	airs__free(mem, s->klo);
	airs__free(mem, s->khi);
	airs__free(mem, s->kkinds);
	airs__free(mem, s->span);
	airs__free(mem, s->cnt);
	airs__free(mem, s->gmin);
	airs__free(mem, s->kc);
	airs__free(mem, s->kmin);
	airs__free(mem, s->top);
	memset(s, 0, sizeof *s);
}

static int old_alloc(const airs_rollup *r, old_ws *s)
{
	const airs__mem *m = &r->mem;
	size_t n1 = r->nu + 1, names = 2 * n1 + 1;

	memset(s, 0, sizeof *s);
	s->cr = airs__calloc(m, 2 * n1, sizeof *s->cr);
	s->gr = airs__calloc(m, 3 * n1, sizeof *s->gr);
	s->sig = airs__calloc(m, 2 * n1, sizeof *s->sig);
	s->best = airs__calloc(m, 2 * n1, sizeof *s->best);
	s->ksize_r = airs__calloc(m, names, sizeof *s->ksize_r);
	s->krep = airs__calloc(m, names, sizeof *s->krep);
	s->klo = airs__calloc(m, names, sizeof *s->klo);
	s->khi = airs__calloc(m, names, sizeof *s->khi);
	s->kkinds = airs__calloc(m, names, 1);
	s->span = airs__calloc(m, 3 * n1, sizeof *s->span);
	s->cnt = airs__calloc(m, 2 * n1, sizeof *s->cnt);
	s->gmin = airs__calloc(m, 2 * n1, sizeof *s->gmin);
	s->kc = airs__calloc(m, n1, sizeof *s->kc);
	s->kmin = airs__calloc(m, n1, sizeof *s->kmin);
	s->top = airs__calloc(m, 4 * n1, sizeof *s->top);
	if (!s->cr || !s->gr || !s->sig || !s->best ||
	    !s->ksize_r || !s->krep || !s->klo || !s->khi ||
	    !s->kkinds || !s->span || !s->cnt || !s->gmin || !s->kc ||
	    !s->kmin || !s->top) {
		old_free(m, s);
		return AIRS_ENOMEM;
	}
	return AIRS_OK;
}

void airs__old_suppress(const airs_rollup *r, int fam, unsigned char *vis)
{
	old_ws w;

	if (old_alloc(r, &w))
		abort();
	old_run(r, &w, fam, vis);
	old_free(&r->mem, &w);
}

void airs__rollup_set_old(airs_rollup *r)
{
	r->suppress = airs__old_suppress;
}

/*
 * suppress.c - complementary suppression of one survey family
 * (methodology 4.1).
 *
 * What is protected.  Every figure a family publishes for a group - a
 * unit's subtree T, its leaders L, its other members N, and the same for
 * the organisation - is a sum over the group's members of something each
 * member contributes: 1 if they answered, their construct score, their
 * favourable answers, their hours saved, nothing if they did not answer.
 * So any linear combination of published figures gives every member the
 * same weight as every other member of the same *class*: the people who
 * belong to exactly the same visible groups.  The family is safe when no
 * class of respondents in a visible group is small: each such class has
 * no respondents or at least k.  (People who did not answer contribute
 * nothing; that nobody in a group answered is not hidden - see
 * docs/responsible-use.md.)
 *
 * Respondents are grouped into cells (unit, leader or not: numbered
 * unit * 2 + leader); every group is a union of cells, so a class is a
 * union of cells with equal signatures (the sets of visible groups
 * containing them).  Families published for unit totals only (survey
 * respondents) keep every respondent in the unit's first cell: nothing
 * tells leaders apart there.
 *
 * The algorithm (airs__suppress()):
 *  1. Primary suppression: show a group only if it has no respondents
 *     or at least k.
 *  2. Rounds: classify the cells (classify()).  Every class that lies in
 *     a visible group and is too small hides the smallest visible group
 *     that separates it from its nearest class, the one whose signature
 *     differs in the fewest groups (pick(), nearest()); all classes pick
 *     against the same classification.  Stop after a round that hides
 *     nothing; each other round hides at least one group.  Groups
 *     compare by respondents, then tree order (T, L, N of a unit, the
 *     organisation last).
 *  3. Show again every hidden group that is a union of safe classes
 *     (reshow()): it splits no class, and it could otherwise be derived
 *     from visible groups while claiming to be hidden.
 *
 * Cost.  Classification is exact and O(units): a cell's class is named by
 * the nearest node on its path that has a visible group of its kind
 * (nodes with none add nothing to a signature), named top-down in tree
 * order; a node whose T alone is visible gives its leader and non-leader
 * cells one name when their signatures above are equal.  The nearest
 * class is found by a search over the tree (prepare(), O(units)) and a
 * walk up each too-small class's path, cut at WALK_MAX nodes: deeper than
 * that, a class that meets no neighbour on the way hides the smallest
 * visible group containing it instead (best), which is as safe and
 * bounds a walk on any tree.
 *
 * Only the first round is O(units).  The later ones redo only what the
 * groups just hidden change (update()): what a node inherits - its
 * classes, the groups above it - changes only below them, so only their
 * subtrees are named again; what a node gathers from below - the search's
 * keys - only on their paths up, each node from its children's keys.
 * Classes only merge as groups are hidden, so a round looks only at the
 * classes that changed and those still too small: a class that did not
 * change and was safe stays safe.  A round thus costs the cells below
 * the groups it hid, their paths up (times the children of each node on
 * them) and WALK_MAX steps per class it looks at - no longer the whole
 * tree, which made the rounds (6 to 8 on generated companies, growing
 * with the tree) most of the suppression's cost.  The post pass is
 * O(units) (spans carried up the tree).  The workspace is O(units) per
 * lane.  lib/test-suppress.c decides by brute force over explicit
 * signatures and tests/suppress-old.c is the code before rounds were
 * incremental; tests/test-rollup.c checks that all three agree.
 */
#include "suppress.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rollup-impl.h"

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

/* Respondents of every cell and every group.  A unit's cells (its own
 * staff and leaders; unit-total families have every respondent in the
 * first) are its groups less its children's: the rollup keeps totals
 * only (rollup-impl.h). */
static void count(const airs_rollup *r, supp_ws *w, int fam)
{
	size_t v, n1 = r->nu + 1;
	int split = fam < NC;

	for (v = 0; v < n1; v++) {
		const acc *t = &r->tot[v];
		uint64_t rl = split ? t->c[fam].n1 : 0;
		uint64_t rt = split ? t->c[fam].n0 + rl : total_of(t, fam);
		w->gr[GROUP(v, G_T)] = rt;
		w->gr[GROUP(v, G_L)] = rl;
		w->gr[GROUP(v, G_N)] = rt - rl;
		w->cr[2 * v] = v == r->nu ? 0 : rt - rl;
		w->cr[2 * v + 1] = v == r->nu ? 0 : rl;
	}
	for (v = 0; v < r->nu; v++)
		if (r->parent[v] != AIRS__NONE) {
			w->cr[2 * r->parent[v]] -= w->gr[GROUP(v, G_N)];
			w->cr[2 * r->parent[v] + 1] -= w->gr[GROUP(v, G_L)];
		}
}

/* A class (or group) of n respondents is safe to publish. */
static int safe(uint64_t n, uint64_t k)
{
	return !n || n >= k;
}

/* A class name not in use, its figures reset. */
static uint32_t new_name(supp_ws *w)
{
	uint32_t c = w->nfree ? w->freel[--w->nfree] : w->next++;

	if (w->kkinds) { /* none in airs__supp_classes() */
		w->ksize_r[c] = 0;
		w->kkinds[c] = 0;
	}
	return c;
}

/* Name the classes of node v's cells from its parent's (already named):
 * a node with a visible group of a cell's kind, or its T, starts a name;
 * a node whose T alone is visible gives its leader and non-leader cells
 * one name when their signatures above are equal; the others inherit. */
static void name_node(const airs_rollup *r, supp_ws *w,
                      const unsigned char *vis, size_t v)
{
	uint32_t *sig = w->sig, ps[2], l;
	size_t p = up(r, v);
	int t = vis[GROUP(v, G_T)];

	ps[0] = v == r->nu ? 0 : sig[2 * p];
	ps[1] = v == r->nu ? 0 : sig[2 * p + 1];
	if (t && !vis[GROUP(v, G_L)] && !vis[GROUP(v, G_N)] && ps[0] == ps[1]) {
		sig[2 * v] = sig[2 * v + 1] = new_name(w);
		return;
	}
	for (l = 0; l < 2; l++)
		sig[2 * v + l] = t || vis[GROUP(v, KIND(l))] ? new_name(w) : ps[l];
}

/* Name every cell's class, sig[x] for cell x; sig[2 * nu + l] names the
 * organisation's signature for kind l (no cell, a name to inherit).
 * Name 0 is the empty signature.  Returns the number of names. */
static uint32_t classify(const airs_rollup *r, supp_ws *w,
                         const unsigned char *vis)
{
	size_t i, nu = r->nu;

	w->next = 1;
	w->nfree = w->npend = 0;
	for (i = 0; i <= nu; i++)
		name_node(r, w, vis, i == 0 ? nu : i - 1); /* the organisation first */
	return w->next;
}

/* Add cell x to class c: its respondents, its lowest (the class's
 * representative) and highest cell, its kind. */
static void class_add(supp_ws *w, uint32_t c, uint32_t x)
{
	if (!w->kkinds[c] || x < w->klo[c])
		w->krep[c] = w->klo[c] = x;
	if (!w->kkinds[c] || x > w->khi[c])
		w->khi[c] = x;
	w->kkinds[c] |= (unsigned char)(1u << (x & 1));
	w->ksize_r[c] += w->cr[x];
}

/* Respondents and a representative cell of every class, the lowest and
 * highest cell in it, and the kinds of cell in it (bit l). */
static void class_sizes(const airs_rollup *r, supp_ws *w, uint32_t ncls)
{
	size_t x, ncell = 2 * r->nu;

	memset(w->ksize_r, 0, ncls * sizeof *w->ksize_r);
	memset(w->kkinds, 0, ncls);
	for (x = 0; x < ncell; x++)
		if (w->cr[x])
			class_add(w, w->sig[x], (uint32_t)x);
}

/* Is group a a better one to hide than b: fewer respondents, then first
 * in tree order (AIRS__NONE: none, never better)? */
static int gless(const supp_ws *w, uint32_t a, uint32_t b)
{
	if (a == AIRS__NONE)
		return 0;
	if (b == AIRS__NONE)
		return 1;
	return w->gr[a] < w->gr[b] || (w->gr[a] == w->gr[b] && a < b);
}

static uint32_t gbest(const supp_ws *w, uint32_t a, uint32_t b)
{
	return gless(w, b, a) ? b : a;
}

static const struct nkey NO_KEY = { UINT32_MAX, AIRS__NONE };

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

/* Visible groups of kind m at v (cnt) and the smallest (gmin); no
 * children's keys yet (top). */
static void count_node(supp_ws *w, const unsigned char *vis, size_t v)
{
	uint32_t m, j;

	for (m = 0; m < 2; m++) {
		uint32_t gt = GROUP(v, G_T), gk = GROUP(v, KIND(m));
		uint32_t c = 0, g = AIRS__NONE;
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

/* What v inherits from the path above it, from its parent's: the
 * visible L and N groups at v and above (kc, kmin), and the smallest
 * visible group containing each of its cells (best). */
static void prefix_node(const airs_rollup *r, supp_ws *w,
                        const unsigned char *vis, size_t v)
{
	size_t nu = r->nu, p = up(r, v);
	uint32_t c = v == nu ? 0 : w->kc[p], kind, l;
	uint32_t g = v == nu ? AIRS__NONE : w->kmin[p];

	for (kind = G_L; kind <= G_N; kind++)
		if (vis[GROUP(v, kind)]) {
			c++;
			g = gbest(w, g, GROUP(v, kind));
		}
	w->kc[v] = c;
	w->kmin[v] = g;
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

/* v's keys S and P per kind (see prepare()) from its counts and its
 * children's keys in top. */
static void keys_node(const airs_rollup *r, supp_ws *w, size_t v)
{
	uint32_t m;

	for (m = 0; m < 2; m++) {
		uint32_t c = w->cnt[2 * v + m], g = w->gmin[2 * v + m];
		const struct ntop *t = &w->top[4 * v + 2 * m];
		struct nkey s = NO_KEY;
		if (v < r->nu && w->cr[2 * v + m]) {
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
		w->skey[2 * v + m] = s;
		w->pkey[2 * v + m] = c ? s : t[1].k[0];
	}
}

/* Child v's keys into its parent's best two. */
static void push_up(const airs_rollup *r, supp_ws *w, size_t v)
{
	size_t p = up(r, v);
	uint32_t m;

	for (m = 0; m < 2; m++) {
		top_push(w, &w->top[4 * p + 2 * m], w->skey[2 * v + m], (uint32_t)v);
		top_push(w, &w->top[4 * p + 2 * m + 1], w->pkey[2 * v + m],
		         (uint32_t)v);
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
 * node, through a child other than the one it came from.  Also the
 * smallest visible group containing each cell (best).
 */
static void prepare(const airs_rollup *r, supp_ws *w, const unsigned char *vis)
{
	size_t nu = r->nu, i, v;

	for (v = 0; v <= nu; v++)
		count_node(w, vis, v);
	for (i = 0; i <= nu; i++)
		prefix_node(r, w, vis, i == 0 ? nu : i - 1);
	/* S and P from the leaves up: children follow their parent in tree
	 * order, and the organisation comes last */
	for (i = 0; i <= nu; i++) {
		v = i < nu ? nu - 1 - i : nu;
		keys_node(r, w, v);
		if (v < nu)
			push_up(r, w, v);
	}
}

/* The group that separates cell x from its nearest class (see prepare()),
 * looking at most WALK_MAX nodes up; NO_KEY's group when it meets none. */
static uint32_t nearest(const airs_rollup *r, const supp_ws *w, size_t x,
                        int split)
{
	struct nkey best = NO_KEY;
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
			const struct ntop *t = &w->top[4 * v + 2 * m + pos];
			struct nkey y = t->c[0] != from ? t->k[0] : t->k[1];
			if (!pos && v < nu && w->cr[2 * v + m]) {
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
			v = (uint32_t)up(r, v);
		}
	}
	return best.g;
}

/* Put class c on the list of classes the next round looks at. */
static void cand_add(supp_ws *w, uint32_t c)
{
	if (w->cst[c] != w->epoch) {
		w->cst[c] = w->epoch;
		w->cand[w->ncand++] = c;
	}
}

/* One round: every class on the list that lies in a visible group and
 * is too small hides one group; the list keeps those classes, and the
 * nodes of the groups hidden are listed in dn.  Returns how many groups
 * were hidden. */
static size_t pick(const airs_rollup *r, supp_ws *w, uint64_t k, int split,
                   unsigned char *vis)
{
	size_t nhide = 0;
	uint32_t i, n = w->ncand;

	w->epoch++;
	w->ncand = w->ndn = 0;
	for (i = 0; i < n; i++) {
		uint32_t c = w->cand[i], g, v;
		/* name 0 lies in no visible group */
		if (!c || !w->kkinds[c] || safe(w->ksize_r[c], k))
			continue;
		cand_add(w, c);
		g = nearest(r, w, w->krep[c], split);
		if (g == AIRS__NONE)
			g = w->best[w->krep[c]];
		if (g == AIRS__NONE || !vis[g])
			continue;
		vis[g] = 0;
		nhide++;
		if (w->nst[v = g / 3] != w->epoch) {
			w->nst[v] = w->epoch;
			w->dn[w->ndn++] = v;
		}
	}
	return nhide;
}

/*
 * What hiding groups changes, redone only there.  A node's classes,
 * inherited groups (kc, kmin, best) are made from its parent's, so they
 * change only in the subtrees of the nodes whose groups were hidden; its
 * keys S and P from its children's, so they change only on the paths
 * from those nodes up.  Classes only merge when groups are hidden: a
 * class named below a changed node is given up and its cells renamed; a
 * class named above it only gains cells.  The classes that changed, and
 * those still too small, are what the next round looks at.
 */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* The nodes of the subtree of a: how many, and the i-th in tree order
 * (the organisation first when a is it). */
static size_t reg_size(const airs_rollup *r, size_t a)
{
	return a == r->nu ? r->nu + 1 : r->end[a] - a;
}

static size_t reg_node(const airs_rollup *r, size_t a, size_t i)
{
	return a != r->nu ? a + i : i ? i - 1 : r->nu;
}

/* Give up the class names started in the subtree of a (a name differs
 * from its parent's only where it starts, for both kinds of cell when
 * they share it); they are reused once the round is over. */
static void release(const airs_rollup *r, supp_ws *w, size_t a)
{
	size_t i, n = reg_size(r, a), l;

	for (i = 0; i < n; i++) {
		size_t v = reg_node(r, a, i);
		for (l = 0; l < 2; l++) {
			uint32_t c = w->sig[2 * v + l];
			uint32_t pc = v == r->nu ? 0 : w->sig[2 * up(r, v) + l];
			if (c == pc || (l && c == w->sig[2 * v]))
				continue;
			w->ksize_r[c] = 0;
			w->kkinds[c] = 0;
			w->pend[w->npend++] = c;
		}
	}
}

/* Name the subtree of a again, top-down, and redo what its nodes
 * inherit; a cell whose class changed joins its new class, which the
 * next round looks at. */
static void rename_region(const airs_rollup *r, supp_ws *w,
                          const unsigned char *vis, size_t a)
{
	size_t i, n = reg_size(r, a);
	uint32_t l;

	for (i = 0; i < n; i++) {
		size_t v = reg_node(r, a, i);
		uint32_t was[2];
		was[0] = w->sig[2 * v];
		was[1] = w->sig[2 * v + 1];
		name_node(r, w, vis, v);
		prefix_node(r, w, vis, v);
		if (v == r->nu)
			continue;
		for (l = 0; l < 2; l++) {
			uint32_t x = (uint32_t)(2 * v + l), c = w->sig[x];
			if (!w->cr[x] || c == was[l])
				continue;
			class_add(w, c, x);
			cand_add(w, c);
		}
	}
}

/* The counts and keys of node v again, from its children's keys. */
static void rekey(const airs_rollup *r, supp_ws *w, const unsigned char *vis,
                  size_t v)
{
	size_t c = v == r->nu ? 0 : v + 1, end = v == r->nu ? r->nu : r->end[v];

	count_node(w, vis, v);
	for (; c < end; c = r->end[c])
		push_up(r, w, c);
	keys_node(r, w, v);
}

/* After a round hid the groups of the nodes in dn: every subtree below
 * them named again once (the topmost nodes' only), the counts and keys
 * of every node on their paths up, deepest first. */
static void update(const airs_rollup *r, supp_ws *w, const unsigned char *vis)
{
	size_t i, nd = 0, nu = r->nu, reach = 0;

	qsort(w->dn, w->ndn, sizeof *w->dn, cmp_u32);
	if (w->ndn && w->dn[w->ndn - 1] == nu) {  /* the organisation: all */
		release(r, w, nu);
		rename_region(r, w, vis, nu);
	} else {
		for (i = 0; i < w->ndn; i++) {
			size_t a = w->dn[i];
			if (a < reach)
				continue;         /* inside one renamed already */
			release(r, w, a);
			rename_region(r, w, vis, a);
			reach = r->end[a];
		}
	}
	/* nodes are marked with the round's stamp: dn's already */
	for (i = 0; i < w->ndn; i++) {
		size_t v = w->dn[i];
		for (;;) {
			w->dirty[nd++] = (uint32_t)v;
			if (v == nu || w->nst[v = up(r, v)] == w->epoch)
				break;
			w->nst[v] = w->epoch;
		}
	}
	/* children come after their parent in tree order; the organisation
	 * (numbered last, and on every path) is done last */
	qsort(w->dirty, nd, sizeof *w->dirty, cmp_u32);
	for (i = nd - 1; i-- > 0;)
		rekey(r, w, vis, w->dirty[i]);
	rekey(r, w, vis, nu);
	while (w->npend)
		w->freel[w->nfree++] = w->pend[--w->npend];
}

/* Widen span s by class c (cells klo .. khi); ok stays 1 while every
 * class added passes. */
static void span_add(struct supp_span *s, const supp_ws *w, uint32_t c, int ok)
{
	if (w->klo[c] < s->lo)
		s->lo = w->klo[c];
	if (w->khi[c] > s->hi)
		s->hi = w->khi[c];
	s->ok &= ok;
}

static void span_fold(struct supp_span *into, const struct supp_span *s)
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
static void spans(const airs_rollup *r, supp_ws *w, uint64_t k)
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
static void reshow(const airs_rollup *r, supp_ws *w, uint64_t k, int split,
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
			const struct supp_span *s =
			        &w->span[3 * v + (kind == G_T ? 2 : kind == G_L)];
			if (!vis[g] && w->gr[g] && s->ok && s->lo >= lo &&
			    s->hi < hi)
				vis[g] = 1;
		}
	}
}


void airs__suppress(const airs_rollup *r, supp_ws *w, int fam,
                    unsigned char *vis)
{
	size_t ng = 3 * (r->nu + 1), g;
	uint64_t k = (uint64_t)r->min_group;
	uint32_t ncls, c;
	int split = fam < NC;

	count(r, w, fam);
	/* Primary suppression; a group with no respondents has no one to
	 * protect and lies on no respondent's path: its 0 is shown. */
	for (g = 0; g < ng; g++)
		vis[g] = (split || g % 3 == G_T) && safe(w->gr[g], k);
	/* Complementary suppression, round by round; every too-small class
	 * picks its group against the same classification, so the decisions
	 * do not depend on the order classes are looked at.  The first
	 * round looks at every class, the others at those that changed or
	 * are still too small, with what hiding changed redone only where
	 * it changed (update()). */
	ncls = classify(r, w, vis);
	class_sizes(r, w, ncls);
	prepare(r, w, vis);
	w->ncand = 0;
	for (c = 1; c < ncls; c++)
		w->cand[w->ncand++] = c;
	while (pick(r, w, k, split, vis))
		update(r, w, vis);
	/* The loop ended right after a round that hid nothing, so the
	 * classes are those of the groups as they are. */
	reshow(r, w, k, split, vis);
}

uint32_t airs__supp_classes(const airs_rollup *r, const unsigned char *vis,
                            uint32_t *sig)
{
	supp_ws w;

	memset(&w, 0, sizeof w);
	w.sig = sig;
	return classify(r, &w, vis);
}

/* ------------------------------------------------------------------------
 * The workspace
 * ---------------------------------------------------------------------- */

void airs__supp_free(const airs__mem *mem, supp_ws *s)
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
	airs__free(mem, s->skey);
	airs__free(mem, s->pkey);
	airs__free(mem, s->freel);
	airs__free(mem, s->pend);
	airs__free(mem, s->cand);
	airs__free(mem, s->cst);
	airs__free(mem, s->dn);
	airs__free(mem, s->dirty);
	airs__free(mem, s->nst);
	memset(s, 0, sizeof *s);
}

int airs__supp_alloc(const airs_rollup *r, supp_ws *s)
{
	const airs__mem *m = &r->mem;
	/* names in use, given up this round or free: live ones are at most
	 * two per node, and those given up were live when the round began */
	size_t n1 = r->nu + 1, names = 2 * (2 * n1 + 1);

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
	s->skey = airs__calloc(m, 2 * n1, sizeof *s->skey);
	s->pkey = airs__calloc(m, 2 * n1, sizeof *s->pkey);
	s->freel = airs__calloc(m, names, sizeof *s->freel);
	s->pend = airs__calloc(m, names, sizeof *s->pend);
	s->cand = airs__calloc(m, names, sizeof *s->cand);
	s->cst = airs__calloc(m, names, sizeof *s->cst);
	s->dn = airs__calloc(m, n1, sizeof *s->dn);
	s->dirty = airs__calloc(m, n1, sizeof *s->dirty);
	s->nst = airs__calloc(m, n1, sizeof *s->nst);
	if (!s->cr || !s->gr || !s->sig || !s->best ||
	    !s->ksize_r || !s->krep || !s->klo || !s->khi ||
	    !s->kkinds || !s->span || !s->cnt || !s->gmin || !s->kc ||
	    !s->kmin || !s->top || !s->skey || !s->pkey || !s->freel ||
	    !s->pend || !s->cand || !s->cst || !s->dn || !s->dirty || !s->nst) {
		airs__supp_free(m, s);
		return AIRS_ENOMEM;
	}
	return AIRS_OK;
}

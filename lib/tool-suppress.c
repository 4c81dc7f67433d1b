/*
 * tool-suppress.c - methodology 9.4: which groups of one family of the
 * tools table are shown (tool-impl.h).
 *
 * A family is one kind of row's usage figures (its people: the users) or
 * one tool's benefit (its people: the users who answered).  Every figure
 * of a family is a sum over a group's people of something each
 * contributes, so, as in 4.1, any combination of published figures
 * weighs alike the people of one *class*: those in exactly the same
 * shown groups.  The rule is 4.1's, over the groups of this table - unit
 * subtrees, the organisation, roles - whose people fall into cells (unit,
 * role):
 *
 *  1. a group is shown when it has no people or at least k;
 *  2. in rounds, every class that lies in a shown group and has fewer
 *     than k people hides one group, all classes picking against the
 *     same classification, until a round hides nothing: its role's
 *     group when that is shown (roles go first: the unit rows are the
 *     table's main view, and a role spread thinly over the units would
 *     otherwise hide them); else the smallest shown role of the other
 *     classes under the same units, which joins the class to them;
 *     else, as 4.1 picks the group that separates a class from its
 *     nearest class, the smallest of its own nearest
 *     shown unit and the shown units with people right below that one
 *     (with no shown unit above it: the shown units with none above
 *     them, and the organisation) - by people, ties to the first in row
 *     order;
 *  3. a hidden group with people that is a union of classes of at least
 *     k people each is shown again: it splits no class and says nothing
 *     the shown groups do not.
 *
 * A cell's class is named without listing its groups: on its unit's path
 * the shown unit groups are those of the nearest shown ancestor's path,
 * so the position of that ancestor (+1; 0 for none) names them; the role
 * group adds the role when it is shown; the organisation is in every
 * signature alike.  A round is O(units + cells log cells); each round
 * but the last hides a group.  The pandas reference (tests/bench/
 * tools-reference.py) decides by explicit signatures and must agree.
 */
#include "tool-impl.h"

#include <string.h>

#include "sort.h"

struct airs__tool_supp {
	uint32_t *name;      /* per position: its class name on the unit path */
	uint32_t *kid;       /* per position: smallest shown unit right below */
	uint32_t *order, *scratch; /* cells by class */
	uint32_t *cls;       /* per cell: its class */
	struct klass {
		uint64_t n;
		uint32_t minpos, maxpos, minrole, maxrole, cell;
	} *k;
	unsigned char *hide; /* per group */
	struct span {
		uint32_t lo, hi;
		int ok;
	} *span;             /* per position, then per role */
};

struct key_ctx {
	const airs__tool_cell *c;
	const uint32_t *name;
	const unsigned char *vis;
	size_t nu;
};

static uint32_t role_key(const struct key_ctx *k, uint32_t i)
{
	uint32_t r = k->c[i].role;
	return k->vis[k->nu + 1 + r] ? r : AIRS__NONE;
}

static int by_class(const void *ctx, uint32_t a, uint32_t b)
{
	const struct key_ctx *k = ctx;
	uint32_t na = k->name[k->c[a].pos], nb = k->name[k->c[b].pos];

	return na != nb ? na < nb : role_key(k, a) < role_key(k, b);
}

airs__tool_supp *airs__tool_supp_new(const airs__tool_tree *t, size_t ncells,
                                     const airs__mem *mem)
{
	airs__tool_supp *w = airs__calloc(mem, 1, sizeof *w);
	size_t nu = t->nu + 1, nc = ncells + 1;

	if (!w)
		return NULL;
	w->name = airs__malloc(mem, nu * sizeof *w->name);
	w->kid = airs__malloc(mem, (nu + 1) * sizeof *w->kid);
	w->order = airs__malloc(mem, nc * sizeof *w->order);
	w->scratch = airs__malloc(mem, nc * sizeof *w->scratch);
	w->cls = airs__malloc(mem, nc * sizeof *w->cls);
	w->k = airs__malloc(mem, nc * sizeof *w->k);
	w->hide = airs__malloc(mem, nu + t->nr);
	w->span = airs__malloc(mem, (nu + t->nr) * sizeof *w->span);
	if (!w->name || !w->kid || !w->order || !w->scratch || !w->cls ||
	    !w->k || !w->hide || !w->span) {
		airs__tool_supp_free(w, mem);
		return NULL;
	}
	return w;
}

void airs__tool_supp_free(airs__tool_supp *w, const airs__mem *mem)
{
	if (!w)
		return;
	airs__free(mem, w->name);
	airs__free(mem, w->kid);
	airs__free(mem, w->order);
	airs__free(mem, w->scratch);
	airs__free(mem, w->cls);
	airs__free(mem, w->k);
	airs__free(mem, w->hide);
	airs__free(mem, w->span);
	airs__free(mem, w);
}

/* Group a rather than b to hide: fewer people, then first in row order
 * (AIRS__NONE: no group). */
static uint32_t smaller(const uint64_t *people, uint32_t a, uint32_t b)
{
	if (a == AIRS__NONE)
		return b;
	if (b == AIRS__NONE)
		return a;
	return people[b] < people[a] || (people[b] == people[a] && b < a) ? b : a;
}

/* Name the classes: w->cls per cell, w->k per class; the number of
 * classes. */
static size_t classify(const airs__tool_tree *t, airs__tool_supp *w,
                       const airs__tool_cell *c, size_t nc,
                       const unsigned char *vis)
{
	struct key_ctx kc = { c, w->name, vis, t->nu };
	size_t u, i, ncls = 0;

	for (u = 0; u < t->nu; u++) {
		uint32_t p = t->parent[u];
		w->name[u] = vis[u] ? (uint32_t)u + 1 : p == AIRS__NONE ? 0 : w->name[p];
	}
	for (i = 0; i < nc; i++)
		w->order[i] = (uint32_t)i;
	airs__sort(w->order, w->scratch, nc, by_class, &kc);
	for (i = 0; i < nc; i++) {
		uint32_t x = w->order[i];
		struct klass *k;
		if (!i || by_class(&kc, w->order[i - 1], x)) {
			k = &w->k[ncls++];
			memset(k, 0, sizeof *k);
			k->minpos = k->minrole = UINT32_MAX;
			k->cell = x;
		}
		k = &w->k[ncls - 1];
		w->cls[x] = (uint32_t)(ncls - 1);
		k->n += c[x].n;
		k->minpos = c[x].pos < k->minpos ? c[x].pos : k->minpos;
		k->maxpos = c[x].pos > k->maxpos ? c[x].pos : k->maxpos;
		k->minrole = c[x].role < k->minrole ? c[x].role : k->minrole;
		k->maxrole = c[x].role > k->maxrole ? c[x].role : k->maxrole;
	}
	return ncls;
}

/* The smallest shown unit group with people right below each shown
 * unit, w->kid[u] (w->kid[nu] below none: the shown units with no shown
 * unit above them): hiding it joins its people to the unit's. */
static void kids(const airs__tool_tree *t, airs__tool_supp *w,
                 const uint64_t *people, const unsigned char *vis)
{
	size_t u, nu = t->nu;

	for (u = 0; u <= nu; u++)
		w->kid[u] = AIRS__NONE;
	for (u = 0; u < nu; u++) {
		uint32_t p = t->parent[u], above;
		if (!vis[u] || !people[u])
			continue;
		above = p == AIRS__NONE || !w->name[p] ? (uint32_t)nu : w->name[p] - 1;
		w->kid[above] = smaller(people, w->kid[above], (uint32_t)u);
	}
}

/* One round of step 2; the number of groups hidden. */
static size_t pick(const airs__tool_tree *t, airs__tool_supp *w,
                   const airs__tool_cell *c, size_t ncls,
                   const uint64_t *people, uint64_t k, unsigned char *vis)
{
	size_t i, g, nu = t->nu, ng = nu + 1 + t->nr, hidden = 0;
	uint32_t role = AIRS__NONE;

	kids(t, w, people, vis);
	memset(w->hide, 0, ng);
	for (i = 0; i < ncls; i++) {
		const airs__tool_cell *x = &c[w->k[i].cell];
		uint32_t r = (uint32_t)(nu + 1 + x->role), n = w->name[x->pos];
		uint32_t best;
		/* classes come by unit name, then shown role, the class of
		 * the roles not shown last: the smallest shown role of the
		 * name's classes so far */
		if (!i || w->name[c[w->k[i - 1].cell].pos] != n)
			role = AIRS__NONE;
		if (vis[r])
			role = smaller(people, role, r);
		if (w->k[i].n >= k)
			continue;
		if (vis[r]) {
			best = r;  /* roles first: the unit rows are the main view */
		} else if (role != AIRS__NONE) {
			best = role;  /* joins this class to that role's */
		} else {
			/* the nearest classes: a shown unit right below (its
			 * people join), or the class's own unit (it joins the
			 * people above); with no shown unit, the organisation */
			best = w->kid[n ? n - 1 : nu];
			if (n)
				best = smaller(people, best, n - 1);
			else if (vis[nu])
				best = smaller(people, best, (uint32_t)nu);
		}
		if (best != AIRS__NONE)   /* NONE: in no shown group */
			w->hide[best] = 1;
	}
	for (g = 0; g < ng; g++)
		if (w->hide[g] && vis[g]) {
			vis[g] = 0;
			hidden++;
		}
	return hidden;
}

/* Step 3: show again the hidden groups that are unions of safe classes. */
static void reshow(const airs__tool_tree *t, airs__tool_supp *w,
                   const airs__tool_cell *c, size_t nc, const uint64_t *people,
                   uint64_t k, unsigned char *vis)
{
	size_t nu = t->nu, i, g;
	struct span *s = w->span;
	int all = 1;

	for (g = 0; g < nu + t->nr; g++) {
		s[g].lo = UINT32_MAX;
		s[g].hi = 0;
		s[g].ok = 1;
	}
	for (i = 0; i < nc; i++) {
		const struct klass *x = &w->k[w->cls[i]];
		struct span *u = &s[c[i].pos], *r = &s[nu + c[i].role];
		int ok = x->n >= k;
		all &= ok;
		u->ok &= ok;
		u->lo = x->minpos < u->lo ? x->minpos : u->lo;
		u->hi = x->maxpos > u->hi ? x->maxpos : u->hi;
		r->ok &= ok && x->minrole == c[i].role && x->maxrole == c[i].role;
	}
	for (g = nu; g-- > 0;) {
		uint32_t p = t->parent[g];
		if (p == AIRS__NONE)
			continue;
		s[p].ok &= s[g].ok;
		s[p].lo = s[g].lo < s[p].lo ? s[g].lo : s[p].lo;
		s[p].hi = s[g].hi > s[p].hi ? s[g].hi : s[p].hi;
	}
	for (g = 0; g < nu; g++)
		if (!vis[g] && people[g] && s[g].ok && s[g].lo >= g &&
		    s[g].hi < t->end[g])
			vis[g] = 1;
	if (!vis[nu] && people[nu] && all)
		vis[nu] = 1;
	for (g = 0; g < t->nr; g++)
		if (!vis[nu + 1 + g] && people[nu + 1 + g] && s[nu + g].ok)
			vis[nu + 1 + g] = 1;
}

void airs__tool_suppress(const airs__tool_tree *t, airs__tool_supp *w,
                         const airs__tool_cell *c, size_t nc,
                         const uint64_t *people, uint64_t k,
                         unsigned char *vis)
{
	size_t g, ng = t->nu + 1 + t->nr, ncls;

	for (g = 0; g < ng; g++)
		vis[g] = !people[g] || people[g] >= k;
	for (;;) {
		ncls = classify(t, w, c, nc, vis);
		if (!pick(t, w, c, ncls, people, k, vis))
			break;
	}
	reshow(t, w, c, nc, people, k, vis);
}

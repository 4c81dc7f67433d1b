/*
 * audit-suppress.c - complementary suppression across the tables of a
 * two-attribute audit (audit-impl.h; docs/responsible-use.md, "Anonymity
 * in the audit").
 *
 * The compared people C all have a shown category of both attributes, so
 * C is split into cells (a, b) by their two categories.  Each single
 * table publishes, per category, a sum over its row (or column) of
 * cells; the intersection publishes some cells on their own; and C's
 * total is taken as known (it is the population less the other line).
 * For the people-counts and for the outcome sums alike, a combination of
 * those figures is
 *
 *     sum_a alpha_a row_a + sum_b beta_b col_b + sum gamma_ab cell_ab + tau C
 *
 * and it weighs cell (a, b) by alpha_a + beta_b + tau, or anything at all
 * when the cell is published.  Give node a the potential alpha_a + tau and
 * node b the potential -beta_b: a cell that is not published is in the
 * combination exactly when its two nodes differ in potential.  So the
 * sets of people a combination can isolate are the cuts of the graph
 * whose nodes are the categories and whose edges are the cells not
 * published, weighted by their people - with the categories whose row a
 * table withholds glued together (their alpha is 0: all of the first
 * attribute's share the potential tau, all of the second's 0).  Nothing
 * of fewer than k people can be isolated exactly when every cut of every
 * connected part of that graph weighs at least k, i.e. when its minimum
 * cut does (Stoer-Wagner).
 *
 * While some minimum cut is lighter than k this hides more: first the
 * smallest published cell across the cut (each weighs k or more), else
 * the smallest categories that glue the cut's two sides together (two of
 * one attribute, or one beside those already withheld).  Each step hides
 * something, so it ends; withholding every category leaves one edge of
 * all of C.  Cost: a minimum cut is O(V^3) in the V categories, once per
 * step.
 */
#include "audit-impl.h"

#include <string.h>

struct cut {
	size_t nv;              /* merged nodes */
	size_t *id;             /* node -> merged node */
	uint64_t *w;            /* nv x nv weights of the hidden cells */
	size_t *comp, *list;    /* connected parts; nodes of one */
	unsigned char *side;    /* merged nodes on one side of the cut */
	uint64_t *sum;          /* Stoer-Wagner scratch */
	size_t *lab;
	unsigned char *used;
};

/* Stoer-Wagner over the merged nodes list[0 .. nn-1] (a connected part):
 * the weight of a minimum cut, its side marked in c->side.  Works on a
 * copy of the weights inside the scratch matrix m (nv x nv). */
static uint64_t min_cut(struct cut *c, uint64_t *m, size_t nn)
{
	size_t nv = c->nv, phase, i, j, prev = 0, last = 0, left = nn;
	uint64_t best = UINT64_MAX;

	for (i = 0; i < nn; i++)
		for (j = 0; j < nn; j++)
			m[i * nv + j] = c->w[c->list[i] * nv + c->list[j]];
	for (i = 0; i < nn; i++)
		c->lab[i] = i;  /* list position -> super node */
	for (phase = 0; phase + 1 < nn; phase++, left--) {
		size_t it;

		memset(c->used, 0, nn);
		memset(c->sum, 0, nn * sizeof *c->sum);
		for (i = 0; i < nn; i++)  /* super nodes gone are "used" */
			if (c->lab[i] != i)
				c->used[i] = 1;
		for (it = 0; it < left; it++) {
			size_t pick = nn;

			for (i = 0; i < nn; i++)
				if (!c->used[i] && (pick == nn || c->sum[i] > c->sum[pick]))
					pick = i;
			c->used[pick] = 1;
			prev = last;
			last = pick;
			for (i = 0; i < nn; i++)
				if (!c->used[i])
					c->sum[i] += m[pick * nv + i];
		}
		if (c->sum[last] < best) {
			best = c->sum[last];
			for (i = 0; i < nn; i++)
				c->side[c->list[i]] = c->lab[i] == last;
		}
		for (i = 0; i < nn; i++) {  /* merge last into prev */
			m[prev * nv + i] += m[last * nv + i];
			m[i * nv + prev] = m[prev * nv + i];
			if (c->lab[i] == last)
				c->lab[i] = prev;
		}
		m[prev * nv + prev] = 0;
	}
	return best;
}

static size_t find(size_t *p, size_t x)
{
	while (p[x] != x)
		x = p[x] = p[p[x]];
	return x;
}

/* Merge withheld nodes (one merged node per attribute) and sum the hidden
 * cells into c->w. */
static void graph(struct cut *c, size_t n1, size_t n2,
                  const unsigned char *withheld,
                  const struct airs__audit_cell *cell, size_t ncell)
{
	size_t i, g[2] = { (size_t)-1, (size_t)-1 }, nv = 0;

	for (i = 0; i < n1 + n2; i++) {
		size_t t = i >= n1;

		if (!withheld[i])
			c->id[i] = nv++;
		else if (g[t] == (size_t)-1)
			c->id[i] = g[t] = nv++;
		else
			c->id[i] = g[t];
	}
	c->nv = nv;
	memset(c->w, 0, nv * nv * sizeof *c->w);
	for (i = 0; i < ncell; i++) {
		size_t x = c->id[cell[i].a], y = c->id[n1 + cell[i].b];

		if (cell[i].shown)
			continue;
		c->w[x * nv + y] += cell[i].w;
		c->w[y * nv + x] += cell[i].w;
	}
}

/* A connected part of the graph whose minimum cut is lighter than k: 1
 * with that cut's side in c->side, or 0 when there is none. */
static int light_cut(struct cut *c, uint64_t *m, uint64_t k)
{
	size_t nv = c->nv, i, j, r, nn;

	for (i = 0; i < nv; i++)
		c->comp[i] = i;
	for (i = 0; i < nv; i++)
		for (j = i + 1; j < nv; j++)
			if (c->w[i * nv + j])
				c->comp[find(c->comp, i)] = find(c->comp, j);
	for (r = 0; r < nv; r++) {
		if (find(c->comp, r) != r)
			continue;
		for (i = 0, nn = 0; i < nv; i++)
			if (find(c->comp, i) == r)
				c->list[nn++] = i;
		memset(c->side, 0, nv);
		if (nn >= 2 && min_cut(c, m, nn) < k)
			return 1;
	}
	return 0;
}

/* Hide what the light cut in c->side needs: a published cell across it,
 * else categories that glue its sides.  0 when nothing is left to hide. */
static int repair(struct cut *c, size_t n1, size_t n2, const uint64_t *count,
                  struct airs__audit_cell *cell, size_t ncell,
                  unsigned char *withheld)
{
	size_t i, best = (size_t)-1, pick[2][2];
	uint64_t cost[2];
	int t, s;

	for (i = 0; i < ncell; i++)
		if (cell[i].shown && c->side[c->id[cell[i].a]] !=
		                     c->side[c->id[n1 + cell[i].b]] &&
		    (best == (size_t)-1 || cell[i].w < cell[best].w))
			best = i;
	if (best != (size_t)-1) {
		cell[best].shown = 0;
		return 1;
	}
	/* Per attribute, the smallest free category on each side; glued
	 * (withheld) ones count as free of cost on their side. */
	for (t = 0; t < 2; t++) {
		size_t lo = t ? n1 : 0, hi = t ? n1 + n2 : n1;
		int glued[2] = { 0, 0 };

		pick[t][0] = pick[t][1] = (size_t)-1;
		for (i = lo; i < hi; i++) {
			s = c->side[c->id[i]];
			if (withheld[i])
				glued[s] = 1;
			else if (pick[t][s] == (size_t)-1 || count[i] < count[pick[t][s]])
				pick[t][s] = i;
		}
		for (s = 0; s < 2; s++)
			if (glued[s])
				pick[t][s] = (size_t)-2;
		cost[t] = UINT64_MAX;
		if (pick[t][0] != (size_t)-1 && pick[t][1] != (size_t)-1 &&
		    !(glued[0] && glued[1]))
			cost[t] = (glued[0] ? 0 : count[pick[t][0]]) +
			          (glued[1] ? 0 : count[pick[t][1]]);
	}
	t = cost[1] < cost[0];
	if (cost[t] == UINT64_MAX)
		return 0;
	for (s = 0; s < 2; s++)
		if (pick[t][s] < (size_t)-2)
			withheld[pick[t][s]] = 1;
	return 1;
}

int airs__audit_complement(const airs__mem *mem, size_t n1, size_t n2,
                           const uint64_t *count,
                           struct airs__audit_cell *cell, size_t ncell,
                           unsigned char *withheld, uint64_t k)
{
	struct cut c;
	size_t v = n1 + n2 ? n1 + n2 : 1;
	uint64_t *m;
	int rc = AIRS_OK;

	memset(&c, 0, sizeof c);
	c.id = airs__calloc(mem, v, sizeof *c.id);
	c.w = airs__calloc(mem, v * v, sizeof *c.w);
	m = airs__calloc(mem, v * v, sizeof *m);
	c.comp = airs__calloc(mem, v, sizeof *c.comp);
	c.list = airs__calloc(mem, v, sizeof *c.list);
	c.lab = airs__calloc(mem, v, sizeof *c.lab);
	c.sum = airs__calloc(mem, v, sizeof *c.sum);
	c.side = airs__calloc(mem, v, 1);
	c.used = airs__calloc(mem, v, 1);
	if (!c.id || !c.w || !m || !c.comp || !c.list || !c.lab || !c.sum ||
	    !c.side || !c.used)
		rc = AIRS_ENOMEM;
	while (!rc) {
		graph(&c, n1, n2, withheld, cell, ncell);
		if (!light_cut(&c, m, k) ||
		    !repair(&c, n1, n2, count, cell, ncell, withheld))
			break;
	}
	airs__free(mem, c.id);
	airs__free(mem, c.w);
	airs__free(mem, m);
	airs__free(mem, c.comp);
	airs__free(mem, c.list);
	airs__free(mem, c.lab);
	airs__free(mem, c.sum);
	airs__free(mem, c.side);
	airs__free(mem, c.used);
	return rc;
}

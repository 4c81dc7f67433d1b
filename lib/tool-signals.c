/*
 * tool-signals.c - methodology 9.5: what a row of the tools table asks a
 * leader to look at - a tool used a lot and said to help less than the
 * other tools the same roles use (mismatch), a tool many stopped using
 * (lapsing), work going to unsanctioned tools (shadow).
 *
 * A signal is raised only on a row whose figures it reads are shown.
 * The mismatch compares the row's benefit with a baseline that is not
 * published: for each of the row's respondents, the mean benefit the
 * people of their role report of the *other* tools across the
 * organisation, counted only for a role where at least
 * anonymity.min_group people answered about other tools - so the yes or
 * no reads aggregates of k or more people, never one person's answer.
 * Thresholds are compared at the 1e-9 quantum (methodology 3.7), so ties
 * fall the same way in any implementation.
 */
#include "tool-impl.h"

#include <math.h>
#include <string.h>

#include "quantum.h"

static int at_least(double v, double threshold)
{
	return airs__quantise(v) >= airs__quantise(threshold);
}

/* The other tools' benefit per role, and the baseline's sums. */
struct base {
	int64_t *s;        /* per role: benefit sum of every (person, tool) */
	uint64_t *n;       /* and the number of those pairs */
	uint32_t *people;  /* per role: people who answered about a tool */
	uint32_t *only;    /* [role * ntools + t]: of them, about t alone */
	uint32_t *seen;    /* per employee: tools answered about, ... */
	uint32_t *last;    /* ... and the last of them */
	double *num, *den; /* per group: the baseline's sum and weight */
};

/* Per role: the pairs' sums, the people who answered, and per tool the
 * people who answered about that tool alone. */
static void role_totals(const airs_tools *t, struct base *b,
                        const airs__tool_entry *e, size_t n)
{
	const airs_model *m = t->m;
	size_t i, r;

	for (r = 0; r < t->tree.nr; r++) {
		uint32_t x;
		for (x = 0; x < t->ntools; x++) {
			const airs__tool_fig *f = TOOL_FIG(t, t->tree.nu + 1 + r, x);
			b->s[r] += f->bsum;
			b->n[r] += f->bn;
		}
	}
	for (i = 0; i < n; i++)
		if (e[i].x < t->ntools && e[i].has_benefit) {
			b->seen[e[i].emp]++;
			b->last[e[i].emp] = e[i].x;
		}
	for (i = 0; i < m->emps.n; i++) {
		if (!b->seen[i])
			continue;
		r = t->tree.role_of[m->emps.v[i].role];
		b->people[r]++;
		if (b->seen[i] == 1)
			b->only[r * t->ntools + b->last[i]]++;
	}
}

/* Methodology 9.5: each respondent of tool x adds their role's other
 * tools' mean benefit to the groups they are in (units over their
 * subtrees). */
static void baselines(const airs_tools *t, struct base *b, uint32_t x,
                      const airs__tool_entry *e, const uint32_t *pos,
                      const uint32_t *role, size_t n)
{
	size_t nu = t->tree.nu, i, g;

	memset(b->num, 0, t->ng * sizeof *b->num);
	memset(b->den, 0, t->ng * sizeof *b->den);
	for (i = 0; i < n; i++) {
		uint32_t r = role[i];
		const airs__tool_fig *f = TOOL_FIG(t, nu + 1 + r, x);
		double v;
		if (!e[i].has_benefit ||
		    b->people[r] - b->only[r * t->ntools + x] <
		            (uint32_t)t->pv.min_group)
			continue;
		v = (double)(b->s[r] - f->bsum) / (double)(b->n[r] - f->bn) /
		    AIRS__Q;
		b->num[pos[i]] += v;
		b->den[pos[i]] += 1;
		b->num[nu + 1 + r] += v;
		b->den[nu + 1 + r] += 1;
		b->num[nu] += v;
		b->den[nu] += 1;
	}
	for (g = nu; g-- > 0;)
		if (t->tree.parent[g] != AIRS__NONE) {
			b->num[t->tree.parent[g]] += b->num[g];
			b->den[t->tree.parent[g]] += b->den[g];
		}
}

static int mismatch(const airs_tools *t, const airs_tool_row *o,
                    const struct base *b, size_t g)
{
	const airs__pv *pv = &t->pv;

	if (o->kind != AIRS_TOOL_KIND_TOOL || isnan(o->benefit) ||
	    !(b->den[g] > 0))
		return 0;
	return at_least(o->active_share, pv->tool_mismatch_adoption) &&
	       at_least(pv->tool_mismatch_benefit, o->benefit) &&
	       airs__quantise(b->num[g] / b->den[g]) - airs__quantise(o->benefit) >=
	               airs__quantise(pv->tool_mismatch_margin);
}

/* The signals of every row of kind x. */
static void kind_signals(airs_tools *t, const struct base *b, uint32_t x)
{
	const airs__pv *pv = &t->pv;
	size_t g;

	for (g = 0; g < t->ng; g++) {
		airs_tool_row o = AIRS_TOOL_ROW_INIT;
		unsigned s = 0;
		airs__tools_publish(t, g, x, &o);
		if (mismatch(t, &o, b, g))
			s |= AIRS_TOOL_SIGNAL_MISMATCH;
		if (!isnan(o.lapsed_share) && at_least(o.lapsed_share,
		                                       pv->tool_lapse_share))
			s |= AIRS_TOOL_SIGNAL_LAPSING;
		if (o.kind == AIRS_TOOL_KIND_UNSANCTIONED &&
		    !isnan(o.activity_share) &&
		    at_least(o.activity_share, pv->tool_shadow_share))
			s |= AIRS_TOOL_SIGNAL_SHADOW;
		t->signals[g * t->nx + x] = (unsigned char)s;
	}
}

static void base_free(const airs_tools *t, struct base *b)
{
	airs__free(&t->mem, b->s);
	airs__free(&t->mem, b->n);
	airs__free(&t->mem, b->people);
	airs__free(&t->mem, b->only);
	airs__free(&t->mem, b->seen);
	airs__free(&t->mem, b->last);
	airs__free(&t->mem, b->num);
	airs__free(&t->mem, b->den);
}

int airs__tool_signals(airs_tools *t, const airs__tool_entry *e,
                       const uint32_t *pos, const uint32_t *role,
                       const size_t *xstart)
{
	struct base b;
	size_t nr = t->tree.nr + 1, ne = t->m->emps.n + 1;
	uint32_t x;

	b.s = airs__calloc(&t->mem, nr, sizeof *b.s);
	b.n = airs__calloc(&t->mem, nr, sizeof *b.n);
	b.people = airs__calloc(&t->mem, nr, sizeof *b.people);
	b.only = airs__calloc(&t->mem, nr * (t->ntools + 1), sizeof *b.only);
	b.seen = airs__calloc(&t->mem, ne, sizeof *b.seen);
	b.last = airs__calloc(&t->mem, ne, sizeof *b.last);
	b.num = airs__calloc(&t->mem, t->ng, sizeof *b.num);
	b.den = airs__calloc(&t->mem, t->ng, sizeof *b.den);
	if (!b.s || !b.n || !b.people || !b.only || !b.seen || !b.last ||
	    !b.num || !b.den) {
		base_free(t, &b);
		return AIRS_ENOMEM;
	}
	role_totals(t, &b, e, xstart[t->nx]);
	for (x = 0; x < t->nx; x++) {
		size_t lo = xstart[x], hi = xstart[x + 1];
		if (t->xrow[x] == AIRS__NONE)
			continue;
		if (x < t->ntools)
			baselines(t, &b, x, e + lo, pos + lo, role + lo, hi - lo);
		else
			memset(b.den, 0, t->ng * sizeof *b.den);
		kind_signals(t, &b, x);
	}
	base_free(t, &b);
	return AIRS_OK;
}

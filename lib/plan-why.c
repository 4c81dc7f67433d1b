/*
 * plan-why.c - why a personal plan cannot do more (methodology 8.3):
 * the required skills below their level that no course teaches, those
 * whose prerequisite no course reaches (by name, down the chain to the
 * cause), and, when the plan has no course at all, why the budget allows
 * none.  Every clause is a fact the caller can check against the
 * catalogue; the text is as long as the names make it.
 */
#include "plan-problem.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

/* A growing text; a failed allocation sticks (oom). */
struct text {
	const airs__mem *mem;
	char *s;
	size_t n, cap;
	int oom;
};

static void addf(struct text *t, const char *fmt, ...) AIRS__PRINTF(2, 3);
static void addf(struct text *t, const char *fmt, ...)
{
	va_list ap, aq;
	int n;

	if (t->oom)
		return;
	va_start(ap, fmt);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || airs__grow(t->mem, &t->s, &t->cap, t->n + (size_t)n + 1, 1))
		t->oom = 1;
	else
		vsnprintf(t->s + t->n, (size_t)n + 1, fmt, aq);
	if (!t->oom)
		t->n += (size_t)n;
	va_end(aq);
}

/* Start a clause: "; " between clauses. */
static void clause(struct text *t)
{
	if (t->n)
		addf(t, "; ");
}

static const char *name_of(const struct plan_ctx *c, const struct plan_node *n)
{
	return c->m->skills.v[n->skill].name;
}

/* For each node, group by group in prerequisite order: whether a course
 * of it can be taken (every prerequisite reachable), and the highest
 * level it can reach (its estimate when it cannot be taught). */
static void reach(const struct plan_prob *p, unsigned char *can, double *best)
{
	size_t g, e;
	int j;

	for (g = 0; g < p->ng; g++)
		for (j = 0; j < p->groups[g].nn; j++) {
			int k = p->gorder[p->groups[g].n0 + j];
			const struct plan_node *n = &p->nodes[k];
			can[k] = n->nc > 0;
			for (e = 0; e < p->ne && can[k]; e++)
				if (p->edges[e].x == k && p->edges[e].y >= 0 &&
				    best[p->edges[e].y] < p->edges[e].min - 1e-9)
					can[k] = 0;
			best[k] = n->L0;
			for (e = n->mo; can[k] && e < n->mo + n->mk; e++)
				if (p->ml[e] > best[k])
					best[k] = p->ml[e];
		}
}

/* Why node k cannot be learnt: its first prerequisite that cannot be
 * met, and why, down the chain. */
static void blocked(const struct plan_ctx *c, const struct plan_prob *p,
                    const unsigned char *can, const double *best, size_t k,
                    struct text *t)
{
	size_t e;

	for (e = 0; e < p->ne; e++) {
		const struct plan_edge *ed = &p->edges[e];
		const struct plan_node *y;
		if (ed->x != (int)k || ed->y < 0 ||
		    best[ed->y] >= ed->min - 1e-9)
			continue;
		y = &p->nodes[ed->y];
		addf(t, "%s needs %s at %.1f first", name_of(c, &p->nodes[k]),
		     name_of(c, y), ed->min);
		if (!y->nc)
			addf(t, " and no course teaches it");
		else if (can[ed->y])
			addf(t, " and no course reaches it");
		else {
			addf(t, ", and ");
			blocked(c, p, can, best, (size_t)ed->y, t);
		}
		return;
	}
}

/* The required skills with a gap that no course teaches. */
static void untaught(const struct plan_ctx *c, const struct plan_prob *p,
                     struct text *t)
{
	size_t k;

	for (k = 0; k < p->nmiss; k++)
		addf(t, "%s%s", k ? ", " : "no course teaches ",
		     c->m->skills.v[p->missing[k]].name);
}

/* No course fits: the fewest hours an option takes over `left` (of the
 * budget H), or the least cost of those within `left` over the limit C.
 * p holds the options within the budgets; the cheapest overall are made
 * when none is within them. */
static int budget(const struct plan_ctx *c, struct plan_prob *p, double H,
                  double left, double C, struct text *t)
{
	double mh = INFINITY, mc = INFINITY;
	size_t k;
	int rc;

	for (k = 0; k < p->no; k++)
		if (p->opts[k].hours <= left + 1e-9 && p->opts[k].cost < mc)
			mc = p->opts[k].cost;
	if (isinf(mc)) {
		p->mode = PLAN_CHEAPEST;
		if ((rc = airs__plan_options(c, p)))
			return rc;
		for (k = 0; k < p->no; k++)
			if (p->opts[k].hours < mh)
				mh = p->opts[k].hours;
	}
	if (isinf(mh) && isinf(mc))
		return AIRS_OK;
	clause(t);
	if (!isinf(mc))
		addf(t, "the cheapest first step that fits the hours costs "
		     "%.2f, over the cost limit of %.2f", mc, C);
	else if (left < H - 1e-9)
		addf(t, "the cheapest first step takes %.1f h, over the %.1f h "
		     "left after the change interventions", mh, left);
	else
		addf(t, "the cheapest first step takes %.1f h, over the %.1f h "
		     "budget", mh, H);
	return AIRS_OK;
}

int airs__plan_why_not(const struct plan_ctx *c, struct plan_prob *p,
                       int any_course, double H, double left, double C,
                       char **out)
{
	struct text t;
	unsigned char *can;
	double *best;
	size_t k;
	int rc = AIRS_OK;

	*out = NULL;
	memset(&t, 0, sizeof t);
	t.mem = &c->mem;
	can = airs__calloc(&c->mem, p->nn + 1, 1);
	best = airs__calloc(&c->mem, p->nn + 1, sizeof *best);
	if (!can || !best) {
		airs__free(&c->mem, can);
		airs__free(&c->mem, best);
		return AIRS_ENOMEM;
	}
	reach(p, can, best);
	untaught(c, p, &t);
	for (k = 0; k < p->nn; k++)
		if (p->nodes[k].q > 0 && p->nodes[k].L0 < p->nodes[k].q &&
		    p->nodes[k].nc && !can[k]) {
			clause(&t);
			blocked(c, p, can, best, k, &t);
		}
	if (!any_course)
		rc = budget(c, p, H, left, C, &t);
	airs__free(&c->mem, can);
	airs__free(&c->mem, best);
	if (rc || t.oom) {
		airs__free(&c->mem, t.s);
		return rc ? rc : AIRS_ENOMEM;
	}
	*out = t.s;
	return AIRS_OK;
}

/*
 * plan-org.c - the organisation's plan (methodology 8.5, 8.6): every
 * employee's problem (plan-problem.c) built once, on the scoring threads;
 * their hull increments handed out from a priority queue within the
 * budgets; what each person gets, the tallies per unit and for the
 * organisation, and the cohorts.  Every employee's problem is solved
 * once, so nothing is quadratic in the number of employees.
 *
 * airs_plan_org() runs in phases over one struct org_state:
 *
 *   org_begin     the planning context and the plan
 *   org_alloc     the plan's arrays and the phases' maps
 *   org_units     units in tree order, the model's units mapped to them
 *   org_budgets   per-unit budgets (the options' unit_ids, unit_hours)
 *   org_build     every employee's problem, on the scoring threads
 *                 (plan-org-parts.c)
 *   org_join      the threads' parts in employee order; cohort members
 *   org_allocate  the queue hands out the increments
 *   org_assign    what each person gets; the cohorts' planned counts
 *   org_tally     the groups: every unit's subtree and the organisation
 *                 (plan-org-tally.c)
 *   org_end       the phases' scratch freed
 *
 * The plan's readers are in plan-org-read.c; what the files share in
 * plan-org-impl.h.
 */
#include "plan-org-impl.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"
#include "rollup.h"

/* ------------------------------------------------------------------------
 * The queue: whose increment is offered next (section 8.5)
 * ---------------------------------------------------------------------- */

/* target_first's tier: 0 while a is projected below their target, 1 at
 * or above it or with no known level and target (methodology 8.5). */
static int qtier(const struct queue *q, const struct airs__alloc *a)
{
	return !(a->target && airs__level_of(q->pv, a->R) < a->target);
}

/* Employee i's entry: the strategy's order as keys.  equity orders by R
 * ascending, then left_behind first: -R descending is the same order
 * (negation is exact, and keeps != and NaN's answers). */
static struct qent qentry(const struct queue *q, uint32_t i)
{
	const struct airs__alloc *a = &q->a[i];
	double s = q->inc[a->next].slope;
	struct qent e;

	e.i = i;
	e.tier = 0;
	e.lb = 0;
	e.key = s;
	if (q->strategy == AIRS_STRATEGY_TARGET_FIRST) {
		e.tier = (unsigned char)qtier(q, a);
	} else if (q->strategy == AIRS_STRATEGY_EQUITY) {
		e.key = -a->R;
		e.lb = (unsigned char)(a->left_behind != 0);
	} else if (q->strategy == AIRS_STRATEGY_BLEND) {
		double w = (100 - a->R) / 100;
		e.key = s * (w > 0 ? pow(w, q->beta) : 0);
	}
	return e;
}

/* 1 when x goes before y. */
static int qbefore(const struct qent *x, const struct qent *y)
{
	if (x->tier != y->tier)
		return x->tier < y->tier;
	if (x->key != y->key)
		return x->key > y->key;
	if (x->lb != y->lb)
		return x->lb > y->lb;
	return x->i < y->i;
}

static void qpush(struct queue *q, uint32_t i)
{
	struct qent e = qentry(q, i);
	size_t k = q->n++;

	while (k > 0 && qbefore(&e, &q->h[(k - 1) / 2])) {
		q->h[k] = q->h[(k - 1) / 2];
		k = (k - 1) / 2;
	}
	q->h[k] = e;
}

static uint32_t qpop(struct queue *q)
{
	uint32_t top = q->h[0].i;
	struct qent x = q->h[--q->n];
	const struct qent *bv;
	size_t k = 0;

	for (;;) {
		size_t l = 2 * k + 1, best = k;
		bv = &x;
		if (l < q->n && qbefore(&q->h[l], bv)) {
			best = l;
			bv = &q->h[l];
		}
		if (l + 1 < q->n && qbefore(&q->h[l + 1], bv))
			best = l + 1;
		if (best == k)
			break;
		q->h[k] = q->h[best];
		k = best;
	}
	if (q->n)
		q->h[k] = x;
	return top;
}

/* Skip increments of closed groups. */
static void advance(struct airs__alloc *a, const struct oinc *inc,
                    const unsigned char *closed)
{
	while (a->next < a->i1 && closed[a->g0 + inc[a->next].group])
		a->next++;
}

/* ------------------------------------------------------------------------
 * The phases of airs_plan_org()
 * ---------------------------------------------------------------------- */

/* The planning context and the plan with the options' values; on failure
 * nothing is held. */
static int org_begin(struct org_state *st, const airs_result *r,
                     const airs_plan_options *opts)
{
	airs_org_plan *o;
	int rc, strategy = 0;

	memset(st, 0, sizeof *st);
	st->r = r;
	st->m = r->model;
	st->opts = opts;
	if (opts) {   /* always: read by airs__plan_begin() */
		st->H = opts->budget_hours;
		st->C = opts->budget_cost;
		st->cap = opts->max_hours_per_employee;
		strategy = opts->strategy;
		st->nb = opts->unit_budget_count;
	}
	if ((rc = airs__plan_ctx_init(&st->c, r)))
		return rc;
	st->c.cost_limited = st->C > 0;
	o = airs__calloc(&st->c.mem, 1, sizeof *o);
	if (!o) {
		airs__plan_ctx_free(&st->c);
		return AIRS_ENOMEM;
	}
	o->mem = st->c.mem;
	airs__model_retain(st->m);
	o->model = st->m;
	o->src.as_of = r->as_of_info;
	memcpy(o->src.params_digest, r->params_digest, sizeof o->src.params_digest);
	o->strategy = strategy;
	o->budget_hours = st->H;
	o->budget_cost = st->C;
	o->max_hours = st->cap;
	o->n = r->n;
	o->nu = airs_rollup_unit_count(r->rollup);
	o->nco = st->m->courses.n;
	st->o = o;
	return AIRS_OK;
}

/* The plan's arrays and the maps the phases use; one cohort per course,
 * in course order until org_run() sorts them. */
static int org_alloc(struct org_state *st)
{
	const airs__mem *mem = &st->c.mem;
	const airs_model *m = st->m;
	airs_org_plan *o = st->o;
	size_t i;

	o->emp = airs__malloc(mem, (o->n + 1) * sizeof *o->emp);
	o->a = airs__calloc(mem, o->n + 1, sizeof *o->a);
	o->unit = airs__malloc(mem, (o->nu + 1) * sizeof *o->unit);
	o->groups = airs__calloc(mem, o->nu + 1, sizeof *o->groups);
	o->co = airs__calloc(mem, o->nco + 1, sizeof *o->co);
	o->co_unit = airs__calloc(mem, (o->nco + 1) * (o->nu + 1) * 2,
	                          sizeof *o->co_unit);
	o->unit_budget = airs__malloc(mem, (o->nu + 1) * sizeof *o->unit_budget);
	o->cstart = airs__calloc(mem, o->n + 1, sizeof *o->cstart);
	st->ru = airs__malloc(mem, (m->units.n + 1) * sizeof *st->ru);
	st->ugroup = airs__malloc(mem, (m->units.n + 1) * sizeof *st->ugroup);
	st->gup = airs__malloc(mem, (o->nu + 1) * sizeof *st->gup);
	st->bucket_of = airs__malloc(mem, (m->units.n + 1) *
	                                          sizeof *st->bucket_of);
	st->bucket_left = airs__malloc(mem, (st->nb + 1) *
	                                            sizeof *st->bucket_left);
	if (!o->emp || !o->a || !o->unit || !o->groups || !o->co ||
	    !o->co_unit || !o->unit_budget || !o->cstart || !st->ru ||
	    !st->ugroup || !st->gup || !st->bucket_of || !st->bucket_left)
		return AIRS_ENOMEM;
	for (i = 0; i < o->nco; i++) {
		o->co[i].course = (uint32_t)i;
		o->co[i].rank = m->sorted[AIRS__S_COURSE].rank[i];
	}
	return AIRS_OK;
}

/* out[u] for every model unit u: own[v] of the nearest v at or above u
 * with own[v] != AIRS__NONE, else none.  out doubles as the walk's
 * marks (`unresolved`: not yet), so each unit is resolved once: linear in
 * the units however deep the tree.  own[] and none are unit or group
 * numbers, below `unresolved`. */
static void inherit_down(const airs_model *m, uint32_t *out,
                         const uint32_t *own, uint32_t none)
{
	const uint32_t unresolved = AIRS__NONE - 1;
	size_t i;

	assert(none != unresolved);
	for (i = 0; i < m->units.n; i++)
		out[i] = unresolved;
	for (i = 0; i < m->units.n; i++) {
		uint32_t u = (uint32_t)i, v, x;
		while (u != AIRS__NONE && out[u] == unresolved &&
		       own[u] == AIRS__NONE)
			u = m->units.v[u].parent;
		x = u == AIRS__NONE ? none
		  : out[u] != unresolved ? out[u] : own[u];
		for (v = (uint32_t)i; v != u; v = m->units.v[v].parent)
			out[v] = x;
		if (u != AIRS__NONE)
			out[u] = x;
	}
}

/* Units in tree order, and the model's units mapped to them. */
static void org_units(struct org_state *st)
{
	const airs_model *m = st->m;
	airs_org_plan *o = st->o;
	size_t i;

	for (i = 0; i < m->units.n; i++)
		st->ru[i] = AIRS__NONE;
	for (i = 0; i < o->nu; i++) {
		airs_unit_score us = AIRS_UNIT_SCORE_INIT;
		uint32_t u;
		airs_rollup_unit(st->r->rollup, i, &us);
		u = airs__names_find(&m->unit_ids, us.id, strlen(us.id));
		o->unit[i] = u;
		if (u != AIRS__NONE)
			st->ru[u] = (uint32_t)i;
		o->unit_budget[i] = NAN;
	}
	inherit_down(m, st->ugroup, st->ru, (uint32_t)o->nu);
	for (i = 0; i < o->nu; i++) {
		uint32_t u = o->unit[i];
		st->gup[i] = u == AIRS__NONE || m->units.v[u].parent == AIRS__NONE
		           ? (uint32_t)o->nu : st->ugroup[m->units.v[u].parent];
	}
}

/* Every unit's budget: its own, else the nearest above's. */
static int inherit_budgets(struct org_state *st)
{
	const airs_model *m = st->m;
	size_t n = m->units.n, i;
	uint32_t *own = airs__malloc(&st->c.mem, (n + 1) * sizeof *own),
	         *out = airs__malloc(&st->c.mem, (n + 1) * sizeof *out);

	if (!own || !out) {
		airs__free(&st->c.mem, own);
		airs__free(&st->c.mem, out);
		return AIRS_ENOMEM;
	}
	for (i = 0; i < n; i++)
		own[i] = st->bucket_of[i] < 0 ? AIRS__NONE
		                              : (uint32_t)st->bucket_of[i];
	inherit_down(m, out, own, AIRS__NONE);
	for (i = 0; i < n; i++)
		st->bucket_of[i] = out[i] == AIRS__NONE ? -1 : (int)out[i];
	airs__free(&st->c.mem, own);
	airs__free(&st->c.mem, out);
	return AIRS_OK;
}

/* Per-unit budgets: an employee draws on the nearest unit above (or at)
 * theirs that has one.  An unknown unit or a bad number of hours is
 * reported here, in diag. */
static int org_budgets(struct org_state *st, airs_diag *diag)
{
	const airs_model *m = st->m;
	size_t i, k;
	uint32_t u;

	for (i = 0; i < m->units.n; i++)
		st->bucket_of[i] = -1;
	for (k = 0; k < st->nb; k++) {
		const char *id = st->opts->unit_ids[k];
		double h = st->opts->unit_hours[k];
		if (!id || (u = airs__names_find(&m->unit_ids, id,
		                                 strlen(id))) == AIRS__NONE) {
			char qid[200];
			airs__quote(qid, sizeof qid, id ? id : "",
			            id ? strlen(id) : 0);
			return airs__diag_fail(diag, AIRS_ENOTFOUND,
			                       "unit_ids[%zu]: unknown unit \"%s\"",
			                       k, qid);
		}
		if (!isfinite(h) || h < 0)
			return airs__diag_fail(diag, AIRS_ERANGE,
			                       "unit_hours[%zu]: %g is not a number "
			                       "of hours >= 0", k, h);
		st->bucket_of[u] = (int)k;
		st->bucket_left[k] = h;
		if (st->ru[u] != AIRS__NONE)
			st->o->unit_budget[st->ru[u]] = h;
	}
	if (inherit_budgets(st))
		return airs__diag_fail(diag, AIRS_ENOMEM, "%s",
		                       airs__plan_why(AIRS_ENOMEM));
	return AIRS_OK;
}

/* Every employee's problem, once, on the scoring threads. */
static int org_build(struct org_state *st)
{
	st->np = airs__thread_count(st->r->pv.threads, st->o->n);
	st->parts = airs__calloc(&st->c.mem, st->np, sizeof *st->parts);
	if (!st->parts)
		return AIRS_ENOMEM;
	return airs__org_parts_build(&st->c, st->o, st->bucket_of, st->parts, st->np);
}

/* Count a member (which: 0 with a gap, 1 planned) of course ci's cohort
 * in the group of `unit`; cohorts_up() adds the groups up the tree. */
static void cohort_count(struct org_state *st, uint32_t ci, uint32_t unit,
                         int which)
{
	airs_org_plan *o = st->o;

	o->co_unit[(ci * (o->nu + 1) + st->ugroup[unit]) * 2 + which]++;
}

/* Every group's cohort counts into its parent's, deepest first: each
 * unit's then counts its subtree (O(courses x units), any depth). */
static void cohorts_up(struct org_state *st)
{
	airs_org_plan *o = st->o;
	size_t g, ci;

	for (g = o->nu; g-- > 0;)
		for (ci = 0; ci < o->nco; ci++) {
			uint64_t *x = &o->co_unit[(ci * (o->nu + 1) + g) * 2],
			         *y = &o->co_unit[(ci * (o->nu + 1) + st->gup[g]) * 2];
			y[0] += x[0];
			y[1] += x[1];
		}
}

/* An employee of `unit` with a gap in skill sk: a member of the cohort of
 * every course of sk. */
static void cohort_members(struct org_state *st, uint32_t sk, uint32_t unit)
{
	uint32_t y;

	for (y = st->c.cstart[sk]; y < st->c.cstart[sk + 1]; y++) {
		uint32_t ci = st->c.corder[y];
		st->o->co[ci].employees++;
		cohort_count(st, ci, unit, 0);
	}
}

/* The first part's increments and courses become the plan's, as they
 * are (nothing before them to move them past): at 1M employees that is
 * half of some 340 MB not copied, and the arrays then grow in place. */
static void adopt_part(struct org_state *st, struct part *pt)
{
	st->inc = pt->inc;
	st->inccap = pt->inccap;
	st->courses = pt->courses;
	st->courcap = pt->courcap;
	pt->inc = NULL;
	pt->courses = NULL;
}

/* Append part pt: its increments and courses after everyone's so far
 * (or adopted, for the first), its employees' indices moved to match,
 * their cohorts counted. */
static int join_part(struct org_state *st, struct part *pt)
{
	const airs_model *m = st->m;
	airs_org_plan *o = st->o;
	size_t g = 0, i, j;
	int first = !st->inc && !st->courses;

	if (first)
		adopt_part(st, pt);
	if (airs__grow(&st->c.mem, &st->inc, &st->inccap,
	               st->ninc + pt->ninc + 1, sizeof *st->inc) ||
	    airs__grow(&st->c.mem, &st->courses, &st->courcap,
	               st->ncour + pt->ncour + 1, sizeof *st->courses))
		return AIRS_ENOMEM;
	if (!first) {
		for (j = 0; j < pt->ninc; j++) {
			st->inc[st->ninc + j] = pt->inc[j];
			st->inc[st->ninc + j].c0 += (uint32_t)st->ncour;
		}
		if (pt->ncour)
			memcpy(st->courses + st->ncour, pt->courses,
			       pt->ncour * sizeof *st->courses);
	}
	for (i = pt->lo; i < pt->hi; i++) {
		struct airs__alloc *a = &o->a[i];
		uint32_t x, unit = m->emps.v[o->emp[i]].unit;
		a->i0 += (uint32_t)st->ninc;
		a->i1 += (uint32_t)st->ninc;
		a->next = a->i0;
		a->g0 = (uint32_t)st->ngroups;
		st->ngroups += a->ng;
		for (x = 0; x < pt->gaps_of[i - pt->lo]; x++, g++)
			cohort_members(st, pt->gap[g], unit);
	}
	st->ninc += pt->ninc;
	st->ncour += pt->ncour;
	return AIRS_OK;
}

/* The parts joined in employee order: the plan is the same for any
 * number of threads. */
static int org_join(struct org_state *st)
{
	size_t k;
	int rc;

	for (k = 0; k < st->np; k++) {
		if ((rc = join_part(st, &st->parts[k])))
			return rc;
		airs__org_part_free(&st->parts[k]);
	}
	return AIRS_OK;
}

/* Employee a's next increment, if the total budget, the cap per person
 * and their unit's budget allow it; else its group closes for them.  A
 * person's interventions are charged with their first increment. */
static void offer(struct org_state *st, struct airs__alloc *a)
{
	struct oinc *t = &st->inc[a->next];
	double dh = t->dh + (a->started ? 0 : a->ih);
	int fits = st->used_h + dh <= st->H + 1e-9 &&
	           (st->C <= 0 || st->used_c + t->dc <= st->C + 1e-9) &&
	           (st->cap <= 0 || a->hours + dh <= st->cap + 1e-9) &&
	           (a->bucket < 0 || dh <= st->bucket_left[a->bucket] + 1e-9);

	if (!fits) {
		st->closed[a->g0 + t->group] = 1;
		return;
	}
	st->used_h += dh;
	st->used_c += t->dc;
	a->hours += dh;
	a->cost += t->dc;
	a->R += t->dv;
	if (a->bucket >= 0)
		st->bucket_left[a->bucket] -= dh;
	a->started = 1;
	t->applied = 1;
}

/* Hand out the increments: the queue's first employee (by the strategy)
 * is offered their next increment, then queued again while they have
 * one left. */
static int org_allocate(struct org_state *st)
{
	airs_org_plan *o = st->o;
	struct queue *q = &st->q;
	size_t i;

	st->closed = airs__calloc(&st->c.mem, st->ngroups + 1, 1);
	q->h = airs__malloc(&st->c.mem, (o->n + 1) * sizeof *q->h);
	if (!st->closed || !q->h)
		return AIRS_ENOMEM;
	q->a = o->a;
	q->inc = st->inc;
	q->strategy = o->strategy;
	q->beta = st->c.pv->plan_blend;
	q->pv = st->c.pv;
	for (i = 0; i < o->n; i++)
		if (o->a[i].next < o->a[i].i1)
			qpush(q, (uint32_t)i);
	while (q->n) {
		uint32_t e = qpop(q);
		struct airs__alloc *a = &o->a[e];
		offer(st, a);
		a->next++;
		advance(a, st->inc, st->closed);
		if (a->next < a->i1)
			qpush(q, e);
	}
	return AIRS_OK;
}

/* Employee i's group g: the courses of its last increment applied, if
 * any, are theirs. */
static int assign_group(struct org_state *st, size_t i, uint32_t g)
{
	airs_org_plan *o = st->o;
	struct airs__alloc *a = &o->a[i];
	const struct oinc *last = NULL;
	uint32_t j, unit = st->m->emps.v[o->emp[i]].unit;
	size_t k;

	for (j = a->i0; j < a->i1; j++)
		if (st->inc[j].group == g && st->inc[j].applied)
			last = &st->inc[j];
	if (!last)
		return AIRS_OK;
	a->courses += last->nc;
	if (airs__grow(&st->c.mem, &o->cours, &st->courscap,
	               st->ncours + last->nc, sizeof *o->cours))
		return AIRS_ENOMEM;
	memcpy(o->cours + st->ncours, st->courses + last->c0,
	       last->nc * sizeof *o->cours);
	st->ncours += last->nc;
	for (k = last->c0; k < last->c0 + last->nc; k++) {
		uint32_t ci = st->courses[k].course;
		o->co[ci].planned++;
		cohort_count(st, ci, unit, 1);
	}
	return AIRS_OK;
}

/* What each person gets: their projected readiness and, group by group,
 * their courses. */
static int org_assign(struct org_state *st)
{
	airs_org_plan *o = st->o;
	size_t i;
	int rc;

	for (i = 0; i < o->n; i++) {
		struct airs__alloc *a = &o->a[i];
		double base = isnan(a->readiness) ? 0 : a->readiness,
		       up = a->R - base;
		uint32_t g;
		o->cstart[i] = (uint32_t)st->ncours;
		a->projected = isnan(a->readiness) && !(up > 0) ? NAN
		             : base + up > 100 ? 100 : base + up;
		for (g = 0; g < a->ng; g++)
			if ((rc = assign_group(st, i, g)))
				return rc;
	}
	o->cstart[o->n] = (uint32_t)st->ncours;
	return AIRS_OK;
}

/* Cohorts by head count, most first, then by course id. */
static int cmp_cohort(const void *a, const void *b)
{
	const struct airs__cohort *x = a, *y = b;

	if (x->employees != y->employees)
		return x->employees > y->employees ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* The phases after org_begin(), in order; the first that fails stops
 * them, its message written. */
static int org_run(struct org_state *st, airs_diag *diag)
{
	int rc;

	if ((rc = org_alloc(st)))
		return airs__diag_fail(diag, rc, "%s", airs__plan_why(rc));
	org_units(st);
	if ((rc = org_budgets(st, diag)))
		return rc;
	if ((rc = org_build(st)) || (rc = org_join(st)) ||
	    (rc = org_allocate(st)) || (rc = org_assign(st)))
		return airs__diag_fail(diag, rc, "%s", airs__plan_why(rc));
	cohorts_up(st);
	qsort(st->o->co, st->o->nco, sizeof *st->o->co, cmp_cohort);
	if ((rc = airs__org_tally(st)))
		return airs__diag_fail(diag, rc, "%s", airs__plan_why(rc));
	return AIRS_OK;
}

/* Free the phases' scratch and the context (not the plan). */
static void org_end(struct org_state *st)
{
	const airs__mem *mem = &st->c.mem;
	size_t k;

	for (k = 0; st->parts && k < st->np; k++)
		if (st->parts[k].c)
			airs__org_part_free(&st->parts[k]);
	airs__free(mem, st->parts);
	airs__free(mem, st->inc);
	airs__free(mem, st->courses);
	airs__free(mem, st->closed);
	airs__free(mem, st->q.h);
	airs__free(mem, st->ru);
	airs__free(mem, st->ugroup);
	airs__free(mem, st->gup);
	airs__free(mem, st->bucket_of);
	airs__free(mem, st->bucket_left);
	airs__plan_ctx_free(&st->c);
}

int airs_plan_org(const airs_result *r, const airs_plan_options *opts,
                  airs_org_plan **out, airs_diag *diag)
{
	struct org_state st;
	airs_plan_options o;
	int rc;

	if (out)
		*out = NULL;
	if ((rc = airs__plan_begin(r, out != NULL, opts, &o, diag, 1)))
		return rc;
	if ((rc = org_begin(&st, r, &o)))
		return airs__diag_fail(diag, rc, "%s", airs__plan_why(rc));
	rc = org_run(&st, diag);
	org_end(&st);
	if (rc) {
		airs_org_plan_free(st.o);
		return rc;
	}
	*out = st.o;
	return AIRS_OK;
}

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
 *   org_join      the threads' parts in employee order; cohort members
 *   org_allocate  the queue hands out the increments
 *   org_assign    what each person gets; the cohorts' planned counts
 *   org_tally     the groups: every unit's subtree and the organisation
 *   org_end       the phases' scratch freed
 */
#include "plan-problem.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "airs/rollup.h"
#include "model.h"
#include "parallel.h"
#include "rollup.h"
#include "score.h"
#include "sort.h"

/* An increment of one employee's problem, as the queue hands it out. */
struct oinc {
	double dh, dv, dc, slope;
	uint32_t group, c0, nc; /* the option's courses: courses[c0 .. c0+nc) */
	unsigned char applied;
};

/* ------------------------------------------------------------------------
 * The queue: whose increment is offered next (section 8.5)
 * ---------------------------------------------------------------------- */

/* A binary heap of employees (result indices) with an increment left,
 * ordered by the strategy; ties by employee.  Each entry carries its
 * order's key, computed once when it is queued: an employee's key
 * changes only while they are out of the heap (offer() and advance()
 * touch the popped employee alone), so comparing the stored keys gives
 * the same answers as computing them afresh at every comparison, and
 * touches only the heap's own memory. */
struct qent {
	double key;           /* larger first: the uplift per hour (blend:
	                         weighted), or equity's -R */
	uint32_t i;           /* the employee; smaller first */
	unsigned char tier;   /* smaller first: target_first's tier, else 0 */
	unsigned char lb;     /* larger first: equity's left_behind, else 0 */
};

struct queue {
	struct qent *h;
	size_t n;
	const struct airs__alloc *a;
	const struct oinc *inc;
	int strategy;
	double beta;
	const airs__pv *pv;
};

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
 * Every employee's problem, on the scoring threads
 *
 * Building the problems is most of an organisation plan and each
 * employee's is independent, so runs of employees are built on the
 * scoring threads (parameter `threads`) into parts of their own and the
 * parts are then joined in employee order: the plan is the same for any
 * number of threads.
 * ---------------------------------------------------------------------- */

/* What a run of employees [lo, hi) contributes. */
struct part {
	const struct plan_ctx *c;
	airs_org_plan *o;          /* sets a[i] and emp[i] of its own i only */
	const int *bucket_of;
	size_t lo, hi;
	struct oinc *inc;          /* increments; a[i].i0/i1 and their c0 */
	size_t ninc, inccap;       /* count from 0 until the join */
	struct airs__ocourse *courses; /* the increments' courses */
	size_t ncour, courcap;
	uint32_t *gap;             /* skills whose gaps make the employee a */
	size_t ngap, gapcap;       /* cohort member, employee after employee */
	uint32_t *gaps_of;         /* hi - lo: how many gap entries each */
	struct plan_prob p;
	struct plan_inc *tmp;
	size_t tmpcap;
	int rc;
};

/* Append to pt's courses those of option op of group g, counting them in
 * increment t. */
static int option_courses(struct part *pt, struct oinc *t,
                          const struct plan_option *op,
                          const struct plan_group *g)
{
	const struct plan_ctx *c = pt->c;
	const struct plan_prob *p = &pt->p;
	int j;

	for (j = 0; j < g->nn; j++) {
		const struct plan_node *n = &p->nodes[p->gorder[g->n0 + j]];
		size_t at = n->mo + p->picks[op->m0 + (size_t)j];
		uint32_t mask = p->mm[at], b;
		for (b = 0; b < n->nc; b++) {
			struct airs__ocourse *oc;
			if (!(mask >> b & 1))
				continue;
			if (airs__grow(&c->mem, &pt->courses, &pt->courcap,
			               pt->ncour + 1, sizeof *pt->courses))
				return AIRS_ENOMEM;
			oc = &pt->courses[pt->ncour++];
			oc->course = c->corder[n->c0 + b];
			/* the practice follows the last course */
			oc->practice = mask >> (b + 1) ? 0 : p->mp[at];
			t->nc++;
		}
	}
	return AIRS_OK;
}

/* Employee i's increments: the hull increments pt->tmp[0 .. ntmp) of
 * their problem, each with the courses of the option it leads to. */
static int part_increments(struct part *pt, size_t ntmp)
{
	const struct plan_prob *p = &pt->p;
	size_t k;
	int rc;

	if (airs__grow(&pt->c->mem, &pt->inc, &pt->inccap, pt->ninc + ntmp,
	               sizeof *pt->inc))
		return AIRS_ENOMEM;
	for (k = 0; k < ntmp; k++) {
		struct oinc *t = &pt->inc[pt->ninc++];
		const struct plan_inc *x = &pt->tmp[k];
		t->dh = x->dh;
		t->dv = x->dv;
		t->dc = x->dc;
		t->slope = x->slope;
		t->group = x->group;
		t->applied = 0;
		t->c0 = (uint32_t)pt->ncour;
		t->nc = 0;
		if ((rc = option_courses(pt, t, &p->opts[x->opt],
		                         &p->groups[x->group])))
			return rc;
	}
	return AIRS_OK;
}

/* Cohorts: the required skills whose gap makes employee i a member of
 * their courses' cohorts (counted at the join). */
static int part_gaps(struct part *pt, size_t i)
{
	const struct plan_prob *p = &pt->p;
	size_t k;

	pt->gaps_of[i - pt->lo] = 0;
	for (k = 0; k < p->nn; k++) {
		const struct plan_node *n = &p->nodes[k];
		if (!(n->q > 0 && n->L0 < n->q))
			continue;
		if (airs__grow(&pt->c->mem, &pt->gap, &pt->gapcap, pt->ngap + 1,
		               sizeof *pt->gap))
			return AIRS_ENOMEM;
		pt->gap[pt->ngap++] = n->skill;
		pt->gaps_of[i - pt->lo]++;
	}
	return AIRS_OK;
}

/* Employee i's problem, what it gives them before any budget, their
 * increments and their gaps. */
static int part_employee(struct part *pt, size_t i)
{
	const struct plan_ctx *c = pt->c;
	const airs_model *m = c->m;
	const airs__score *s = &c->r->s[i];
	const airs__employee *emp = &m->emps.v[s->emp];
	struct airs__alloc *a = &pt->o->a[i];
	struct plan_prob *p = &pt->p;
	size_t ntmp = 0;
	int iv[3], rc;
	struct airs__adkar_src src;
	double score;

	pt->o->emp[i] = s->emp;
	if ((rc = airs__plan_problem_build(c, p, i)) ||
	    (rc = airs__plan_hull(c, p, 0, 0, &pt->tmp, &ntmp, &pt->tmpcap)))
		return rc;
	airs__plan_time_to_target(c, p, pt->tmp, ntmp, &a->reachable,
	                          &a->weeks);
	a->weeks /= c->pv->plan_weekly_hours;
	a->readiness = s->readiness;
	a->R = p->base;
	a->left_behind = (s->flags & AIRS_FLAG_LEFT_BEHIND) != 0;
	a->target = s->level ? s->target : 0;
	a->reduced = p->reduced;
	a->ih = c->pv->plan_intervention_hours *
	        (double)airs__plan_interventions(
	                airs__plan_barrier(c, i, &score, &src), iv);
	a->bucket = pt->bucket_of[emp->unit];
	a->ng = (uint32_t)p->ng;
	a->i0 = (uint32_t)pt->ninc;
	if ((rc = part_increments(pt, ntmp)))
		return rc;
	a->i1 = (uint32_t)pt->ninc;
	return part_gaps(pt, i);
}

static void part_run(void *parts, size_t k)
{
	struct part *pt = (struct part *)parts + k;
	size_t i;

	for (i = pt->lo; i < pt->hi && !pt->rc; i++)
		pt->rc = part_employee(pt, i);
}

static void part_free(struct part *pt)
{
	const airs__mem *mem = &pt->c->mem;

	airs__free(mem, pt->inc);
	airs__free(mem, pt->courses);
	airs__free(mem, pt->gap);
	airs__free(mem, pt->gaps_of);
	airs__free(mem, pt->tmp);
	airs__plan_problem_free(&pt->p, mem);
	memset(pt, 0, sizeof *pt);
}

/* Build every employee's problem into parts[0 .. np), run by run. */
static int parts_build(const struct plan_ctx *c, airs_org_plan *o,
                       const int *bucket_of, struct part *parts, size_t np)
{
	size_t k;
	int rc = AIRS_OK;

	for (k = 0; k < np; k++) {
		struct part *pt = &parts[k];
		memset(pt, 0, sizeof *pt);
		pt->c = c;
		pt->o = o;
		pt->bucket_of = bucket_of;
		pt->lo = o->n * k / np;
		pt->hi = o->n * (k + 1) / np;
		pt->gaps_of = airs__malloc(&c->mem, (pt->hi - pt->lo + 1) *
		                                            sizeof *pt->gaps_of);
		if (!pt->gaps_of)
			rc = AIRS_ENOMEM;
	}
	if (rc)
		return rc;
	/* a part whose thread cannot start is built here: the same plan */
	airs__parallel_for(np, np, part_run, parts);
	for (k = 0; k < np && !rc; k++)
		rc = parts[k].rc;
	return rc;
}

/* ------------------------------------------------------------------------
 * The phases of airs_plan_org()
 * ---------------------------------------------------------------------- */

/* What the phases share.  The plan (o) is the output; the rest is scratch
 * that org_end() frees. */
struct org_state {
	const airs_result *r;
	const airs_model *m;
	const airs_plan_options *opts; /* NULL: the defaults */
	struct plan_ctx c;
	airs_org_plan *o;
	double H, C, cap;         /* total hours and cost; hours per person */
	size_t nb;                /* per-unit budgets */
	uint32_t *ru;             /* per model unit: its tree index or NONE */
	uint32_t *ugroup;         /* per model unit: its group (the nearest
	                             unit of the tree at or above it, else
	                             the organisation's, o->nu) */
	uint32_t *gup;            /* per group but the organisation: its
	                             parent group */
	int *bucket_of;           /* per model unit: the budget it draws on
	                             (its own or the nearest above), -1 none */
	double *bucket_left;      /* per budget: hours left */
	struct part *parts;       /* runs of employees, one per thread */
	size_t np;
	struct oinc *inc;         /* everyone's increments, employee order */
	size_t ninc, inccap;
	struct airs__ocourse *courses; /* their courses */
	size_t ncour, courcap;
	size_t ngroups;           /* everyone's groups of skills ... */
	unsigned char *closed;    /* ... closed to more increments */
	struct queue q;
	double used_h, used_c;    /* of the total budget */
	size_t ncours, courscap;  /* o->cours */
};

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
	return parts_build(&st->c, st->o, st->bucket_of, st->parts, st->np);
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

/* Append part pt: its increments and courses after everyone's so far,
 * its employees' indices moved to match, their cohorts counted. */
static int join_part(struct org_state *st, const struct part *pt)
{
	const airs_model *m = st->m;
	airs_org_plan *o = st->o;
	size_t g = 0, i, j;

	if (airs__grow(&st->c.mem, &st->inc, &st->inccap,
	               st->ninc + pt->ninc + 1, sizeof *st->inc) ||
	    airs__grow(&st->c.mem, &st->courses, &st->courcap,
	               st->ncour + pt->ncour + 1, sizeof *st->courses))
		return AIRS_ENOMEM;
	for (j = 0; j < pt->ninc; j++) {
		st->inc[st->ninc + j] = pt->inc[j];
		st->inc[st->ninc + j].c0 += (uint32_t)st->ncour;
	}
	if (pt->ncour)
		memcpy(st->courses + st->ncour, pt->courses,
		       pt->ncour * sizeof *st->courses);
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
		part_free(&st->parts[k]);
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

/* The sums behind the groups' means and shares, and the weeks to target
 * of the members below it.  Each employee is tallied in their own group
 * (the nearest unit of the tree above or at theirs, else the
 * organisation) and the groups are then added up the tree, deepest
 * first: linear in the employees and units however deep the tree.  The
 * weeks lie by own group in tree order (the organisation's own last), so
 * a unit's subtree's are the slice weeks[off[g] .. off[end[g]]). */
struct tally {
	size_t *cnt, *off, *fill;  /* ng + 1 */
	uint32_t *up, *end;        /* ng: parent group; subtree end */
	double *sumR, *sumP, *gap;
	uint64_t *below, *pbelow;
	int64_t *weeks;            /* non-negative doubles as their bits,
	                              which order as the numbers do */
};

static int tally_new(struct org_state *st, struct tally *t, size_t ng)
{
	const airs__mem *mem = &st->c.mem;

	memset(t, 0, sizeof *t);
	t->cnt = airs__calloc(mem, ng + 1, sizeof *t->cnt);
	t->off = airs__calloc(mem, ng + 1, sizeof *t->off);
	t->fill = airs__calloc(mem, ng + 1, sizeof *t->fill);
	t->up = airs__calloc(mem, ng, sizeof *t->up);
	t->end = airs__calloc(mem, ng, sizeof *t->end);
	t->sumR = airs__calloc(mem, ng, sizeof *t->sumR);
	t->sumP = airs__calloc(mem, ng, sizeof *t->sumP);
	t->gap = airs__calloc(mem, ng, sizeof *t->gap);
	t->below = airs__calloc(mem, ng, sizeof *t->below);
	t->pbelow = airs__calloc(mem, ng, sizeof *t->pbelow);
	return !t->cnt || !t->off || !t->fill || !t->up || !t->end ||
	       !t->sumR || !t->sumP || !t->gap || !t->below || !t->pbelow
	       ? AIRS_ENOMEM : AIRS_OK;
}

static void tally_free(struct org_state *st, struct tally *t)
{
	const airs__mem *mem = &st->c.mem;

	airs__free(mem, t->cnt);
	airs__free(mem, t->off);
	airs__free(mem, t->fill);
	airs__free(mem, t->up);
	airs__free(mem, t->end);
	airs__free(mem, t->sumR);
	airs__free(mem, t->sumP);
	airs__free(mem, t->gap);
	airs__free(mem, t->below);
	airs__free(mem, t->pbelow);
	airs__free(mem, t->weeks);
}

/* Each group's parent group and the end of its subtree in tree order. */
static void tally_shape(struct org_state *st, struct tally *t)
{
	size_t nu = st->o->nu, g;

	for (g = 0; g < nu; g++) {
		t->up[g] = st->gup[g];
		t->end[g] = (uint32_t)g + 1;
	}
	for (g = nu; g-- > 0;)
		if (t->up[g] < nu && t->end[t->up[g]] < t->end[g])
			t->end[t->up[g]] = t->end[g];
}

/* Employee i, projected at level plvl, as a member of group gi. */
static void tally_member(struct org_state *st, struct tally *t, size_t gi,
                         size_t i, int plvl, int below_t)
{
	const struct airs__alloc *a = &st->o->a[i];
	const airs__score *s = &st->r->s[i];
	airs_plan_group *G = &st->o->groups[gi];

	G->headcount++;
	if (a->courses)
		G->planned++;
	G->hours += a->hours;
	G->cost += a->cost;
	G->levels[s->level]++;
	G->projected_levels[plvl]++;
	G->reduced += a->reduced != 0;
	if (!isnan(a->readiness) && !isnan(a->projected)) {
		G->scored++;
		t->sumR[gi] += a->readiness;
		t->sumP[gi] += a->projected;
	}
	if (s->level && s->target) {
		G->with_target++;
		t->gap[gi] += s->target - plvl;
		if (s->level < s->target)
			t->below[gi]++;
		if (plvl < s->target)
			t->pbelow[gi]++;
	}
	if (below_t) {
		double w = a->reachable ? a->weeks : INFINITY;
		memcpy(&t->weeks[t->off[gi] + t->fill[gi]++], &w, sizeof w);
		if (!a->reachable)
			G->unreachable++;
	}
}

/* Employee i in their own group: pass 0 counts the members below
 * target, pass 1 adds them up. */
static void tally_employee(struct org_state *st, struct tally *t, size_t i,
                           int pass)
{
	const airs__score *s = &st->r->s[i];
	/* no level without evidence (methodology 1.1) */
	int plvl = s->level ? airs__level_of(st->c.pv, st->o->a[i].projected)
	                    : 0;
	int below_t = s->level && s->target && s->level < s->target;
	uint32_t g = st->ugroup[st->m->emps.v[s->emp].unit];

	if (pass == 1)
		tally_member(st, t, g, i, plvl, below_t);
	else if (below_t)
		t->cnt[g]++;
}

/* Room for the weeks of the members below target, by own group. */
static int tally_weeks(struct org_state *st, struct tally *t, size_t ng)
{
	size_t tot = 0, i;

	for (i = 0; i < ng; i++) {
		t->off[i] = tot;
		tot += t->cnt[i];
	}
	t->off[ng] = tot;
	t->weeks = airs__malloc(&st->c.mem, (tot + 1) * sizeof *t->weeks);
	return t->weeks ? AIRS_OK : AIRS_ENOMEM;
}

/* Group g's counts and sums into its parent group's. */
static void tally_up(struct org_state *st, struct tally *t, size_t g)
{
	const airs_plan_group *G = &st->o->groups[g];
	airs_plan_group *P = &st->o->groups[t->up[g]];
	size_t p = t->up[g], l;

	P->headcount += G->headcount;
	P->planned += G->planned;
	P->hours += G->hours;
	P->cost += G->cost;
	P->scored += G->scored;
	P->with_target += G->with_target;
	P->unreachable += G->unreachable;
	P->reduced += G->reduced;
	for (l = 0; l < 6; l++) {
		P->levels[l] += G->levels[l];
		P->projected_levels[l] += G->projected_levels[l];
	}
	t->sumR[p] += t->sumR[g];
	t->sumP[p] += t->sumP[g];
	t->gap[p] += t->gap[g];
	t->below[p] += t->below[g];
	t->pbelow[p] += t->pbelow[g];
}

static double week_at(const int64_t *v, size_t k)
{
	double w;

	memcpy(&w, &v[k], sizeof w);
	return w;
}

/* The longest and the median of the weeks w[0 .. n), selected in place. */
static void weeks_stats(int64_t *w, size_t n, double *max, double *median)
{
	size_t k;
	int64_t lo, hi;

	*max = *median = NAN;
	if (!n)
		return;
	airs__select_kth(w, n, n / 2);
	for (hi = w[n / 2], k = n / 2 + 1; k < n; k++)
		hi = w[k] > hi ? w[k] : hi;
	*max = week_at(&hi, 0);
	if (n % 2) {
		*median = week_at(w, n / 2);
		return;
	}
	for (lo = w[0], k = 1; k < n / 2; k++)
		lo = w[k] > lo ? w[k] : lo;
	*median = (week_at(&lo, 0) + week_at(w, n / 2)) / 2;
}

/* Group i's means, shares and weeks to target from its sums; a unit's
 * weeks are its subtree's slice. */
static void group_finish(struct org_state *st, const struct tally *t,
                         size_t i)
{
	const airs_org_plan *o = st->o;
	airs_plan_group *G = &st->o->groups[i];
	size_t lo = i < o->nu ? t->off[i] : 0,
	       hi = i < o->nu ? t->off[t->end[i]] : t->off[o->nu + 1];

	G->size = sizeof *G;
	G->unit_id = i < o->nu && o->unit[i] != AIRS__NONE
	                     ? st->m->unit_ids.str[o->unit[i]] : NULL;
	G->readiness_mean = G->scored ? t->sumR[i] / (double)G->scored : NAN;
	G->projected_mean = G->scored ? t->sumP[i] / (double)G->scored : NAN;
	G->gap_mean = G->with_target ? t->gap[i] / (double)G->with_target
	                             : NAN;
	G->below_target_share = G->with_target
	        ? (double)t->below[i] / (double)G->with_target : NAN;
	G->projected_below_target_share = G->with_target
	        ? (double)t->pbelow[i] / (double)G->with_target : NAN;
	weeks_stats(t->weeks + lo, hi - lo, &G->weeks_max, &G->weeks_median);
}

/* Groups: every unit's subtree and the organisation.  Selections run
 * deepest first and the organisation last: one permutes only its
 * subtree's slice, whose descendants are done. */
static int org_tally(struct org_state *st)
{
	size_t nu = st->o->nu, ng = nu + 1, i;
	struct tally t;
	int rc = tally_new(st, &t, ng), pass;

	if (!rc)
		tally_shape(st, &t);
	for (pass = 0; !rc && pass < 2; pass++) {
		for (i = 0; i < st->o->n; i++)
			tally_employee(st, &t, i, pass);
		if (pass == 0)
			rc = tally_weeks(st, &t, ng);
	}
	for (i = nu; !rc && i-- > 0;)
		tally_up(st, &t, i);
	for (i = nu; !rc && i-- > 0;)
		group_finish(st, &t, i);
	if (!rc)
		group_finish(st, &t, nu);
	tally_free(st, &t);
	return rc;
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
	if ((rc = org_tally(st)))
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
			part_free(&st->parts[k]);
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

/* ------------------------------------------------------------------------
 * The plan, as its readers see it
 * ---------------------------------------------------------------------- */

void airs_org_plan_free(airs_org_plan *o)
{
	airs__mem mem;

	if (!o)
		return;
	mem = o->mem;
	airs__free(&mem, o->emp);
	airs__free(&mem, o->a);
	airs__free(&mem, o->unit);
	airs__free(&mem, o->groups);
	airs__free(&mem, o->co);
	airs__free(&mem, o->co_unit);
	airs__free(&mem, o->unit_budget);
	airs__free(&mem, o->cstart);
	airs__free(&mem, o->cours);
	if (o->model)
		airs__model_release((airs_model *)(uintptr_t)o->model);
	airs__free(&mem, o);
}

size_t airs_org_plan_unit_count(const airs_org_plan *o)
{
	return o ? o->nu : 0;
}

int airs_org_plan_group(const airs_org_plan *o, size_t unit,
                        airs_plan_group *out)
{
	if (!o || AIRS__OUT_CHECK(PLAN_GROUP, out))
		return AIRS_EINVAL;
	if (unit == AIRS_ROLLUP_ORG)
		unit = o->nu;
	else if (unit >= o->nu)
		return AIRS_ERANGE;
	AIRS__OUT(out, &o->groups[unit]);
	return AIRS_OK;
}

size_t airs_org_plan_employee_count(const airs_org_plan *o)
{
	return o ? o->n : 0;
}

int airs_org_plan_employee(const airs_org_plan *o, size_t i,
                           airs_plan_allocation *out)
{
	airs_plan_allocation v = AIRS_PLAN_ALLOCATION_INIT;
	const struct airs__alloc *a;

	if (!o || AIRS__OUT_CHECK(PLAN_ALLOCATION, out))
		return AIRS_EINVAL;
	if (i >= o->n)
		return AIRS_ERANGE;
	a = &o->a[i];
	v.employee_id = o->model->emp_ids.str[o->emp[i]];
	v.hours = a->hours;
	v.cost = a->cost;
	v.courses = a->courses;
	v.readiness = a->readiness;
	v.projected = a->projected;
	v.reachable = a->reachable;
	v.target_weeks = a->weeks;
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

size_t airs_org_plan_cohort_count(const airs_org_plan *o)
{
	size_t n = 0;

	if (!o)
		return 0;
	while (n < o->nco && o->co[n].employees)
		n++;
	return n;
}

int airs_org_plan_cohort(const airs_org_plan *o, size_t i,
                         airs_plan_cohort *out)
{
	airs_plan_cohort v = AIRS_PLAN_COHORT_INIT;
	const airs__course *co;

	if (!o || AIRS__OUT_CHECK(PLAN_COHORT, out))
		return AIRS_EINVAL;
	if (i >= airs_org_plan_cohort_count(o))
		return AIRS_ERANGE;
	co = &o->model->courses.v[o->co[i].course];
	v.course_id = o->model->course_ids.str[o->co[i].course];
	v.skill_id = o->model->skill_ids.str[co->skill];
	v.employees = o->co[i].employees;
	v.planned = o->co[i].planned;
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

size_t airs_result_cohort_count(const airs_result *r)
{
	return r ? r->ncohort : 0;
}

int airs_result_cohort(const airs_result *r, size_t i, airs_plan_cohort *out)
{
	airs_plan_cohort v = AIRS_PLAN_COHORT_INIT;
	uint32_t c;

	if (!r || AIRS__OUT_CHECK(PLAN_COHORT, out))
		return AIRS_EINVAL;
	if (i >= r->ncohort)
		return AIRS_ERANGE;
	c = r->cohort[i];
	v.course_id = r->model->course_ids.str[c];
	v.skill_id = r->model->skill_ids.str[r->model->courses.v[c].skill];
	v.employees = r->short_n[r->model->courses.v[c].skill];
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

int airs_org_plan_cohort_unit(const airs_org_plan *o, size_t i, size_t unit,
                              uint64_t *employees, uint64_t *planned)
{
	const uint64_t *x;

	if (!o || !employees || !planned)
		return AIRS_EINVAL;
	if (i >= airs_org_plan_cohort_count(o) ||
	    (unit >= o->nu && unit != AIRS_ROLLUP_ORG))
		return AIRS_ERANGE;
	if (unit == AIRS_ROLLUP_ORG)
		unit = o->nu;
	x = &o->co_unit[(o->co[i].course * (o->nu + 1) + unit) * 2];
	*employees = x[0];
	*planned = x[1];
	return AIRS_OK;
}

int airs_org_plan_outcome(const airs_org_plan *o, int kind, double *out,
                          size_t n)
{
	size_t i;

	if (!o || (!out && n) || n != o->n ||
	    (kind != AIRS_PLAN_OUTCOME_SELECTED && kind != AIRS_PLAN_OUTCOME_HOURS))
		return AIRS_EINVAL;
	for (i = 0; i < n; i++)
		out[i] = kind == AIRS_PLAN_OUTCOME_HOURS ? o->a[i].hours
		       : o->a[i].courses > 0;
	return AIRS_OK;
}

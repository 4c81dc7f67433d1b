/*
 * plan-org.c - the organisation's plan (methodology 8.5, 8.6): every
 * employee's problem (plan-problem.c) built on the scoring threads, their
 * hull increments handed out from a priority queue within the budgets,
 * the tallies per unit and for the organisation, the cohorts, and the
 * plan's accessors.  Every employee's problem is solved once, so nothing
 * is quadratic in the number of employees.
 */
#include "plan-problem.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "airs/rollup.h"
#include "model.h"
#include "rollup.h"
#include "score.h"

/* ------------------------------------------------------------------------
 * The organisation's plan (section 8.5)
 * ---------------------------------------------------------------------- */

struct oinc {
	double dh, dv, dc, slope;
	uint32_t group, c0, nc; /* the option's courses: courses[c0 .. c0+nc) */
	unsigned char applied;
};

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

struct queue {
	uint32_t *h;
	size_t n;
	const struct airs__alloc *a;
	const struct oinc *inc;
	int strategy;
	double beta;
};

static double qkey(const struct queue *q, uint32_t i)
{
	const struct airs__alloc *a = &q->a[i];
	double s = q->inc[a->next].slope;

	if (q->strategy == AIRS_STRATEGY_BLEND) {
		double w = (100 - a->R) / 100;
		return s * (w > 0 ? pow(w, q->beta) : 0);
	}
	return s;
}

/* 1 when i goes before j. */
static int qbefore(const struct queue *q, uint32_t i, uint32_t j)
{
	if (q->strategy == AIRS_STRATEGY_EQUITY) {
		const struct airs__alloc *x = &q->a[i], *y = &q->a[j];
		if (x->R != y->R)
			return x->R < y->R;
		if (x->left_behind != y->left_behind)
			return x->left_behind > y->left_behind;
	} else {
		double kx = qkey(q, i), ky = qkey(q, j);
		if (kx != ky)
			return kx > ky;
	}
	return i < j;
}

static void qpush(struct queue *q, uint32_t i)
{
	size_t k = q->n++;

	while (k > 0 && qbefore(q, i, q->h[(k - 1) / 2])) {
		q->h[k] = q->h[(k - 1) / 2];
		k = (k - 1) / 2;
	}
	q->h[k] = i;
}

static uint32_t qpop(struct queue *q)
{
	uint32_t top = q->h[0], x = q->h[--q->n];
	size_t k = 0;

	for (;;) {
		size_t l = 2 * k + 1, best = k;
		uint32_t bv = x;
		if (l < q->n && qbefore(q, q->h[l], bv)) {
			best = l;
			bv = q->h[l];
		}
		if (l + 1 < q->n && qbefore(q, q->h[l + 1], bv))
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

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int cmp_cohort(const void *a, const void *b)
{
	const struct airs__cohort *x = a, *y = b;

	if (x->employees != y->employees)
		return x->employees > y->employees ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
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
	uint32_t *courses;         /* the increments' courses */
	size_t ncour, courcap;
	uint32_t *gap;             /* skills whose gaps make the employee a */
	size_t ngap, gapcap;       /* cohort member, employee after employee */
	uint32_t *gaps_of;         /* hi - lo: how many gap entries each */
	struct plan_prob p;
	struct plan_inc *tmp;
	size_t tmpcap;
	int rc;
	pthread_t tid;
	int started;
};

static int part_employee(struct part *pt, size_t i)
{
	const struct plan_ctx *c = pt->c;
	const airs_model *m = c->m;
	const airs__score *s = &c->r->s[i];
	const airs__employee *emp = &m->emps.v[s->emp];
	struct airs__alloc *a = &pt->o->a[i];
	struct plan_prob *p = &pt->p;
	size_t ntmp = 0, k;
	int iv[3], unit, rc;
	double score;
	uint32_t u;

	pt->o->emp[i] = s->emp;
	if ((rc = airs__plan_problem_build(c, p, i)) ||
	    (rc = airs__plan_hull(c, p, 0, 0, &pt->tmp, &ntmp, &pt->tmpcap)))
		return rc;
	airs__plan_time_to_target(c, p, pt->tmp, ntmp, &a->reachable, &a->weeks);
	a->weeks /= c->pv->plan_weekly_hours;
	a->readiness = s->readiness;
	a->R = p->base;
	a->left_behind = (s->flags & AIRS_FLAG_LEFT_BEHIND) != 0;
	a->ih = c->pv->plan_intervention_hours *
	        (double)airs__plan_interventions(airs__plan_barrier(c, i, &score, &unit), iv);
	a->bucket = -1;
	for (u = emp->unit; u != AIRS__NONE && a->bucket < 0;
	     u = m->units.v[u].parent)
		a->bucket = pt->bucket_of[u];
	a->ng = (uint32_t)p->ng;
	a->i0 = (uint32_t)pt->ninc;
	if (airs__grow(&c->mem, &pt->inc, &pt->inccap, pt->ninc + ntmp,
	               sizeof *pt->inc))
		return AIRS_ENOMEM;
	for (k = 0; k < ntmp; k++) {
		struct oinc *t = &pt->inc[pt->ninc++];
		const struct plan_option *op = &p->opts[pt->tmp[k].opt];
		const struct plan_group *g = &p->groups[pt->tmp[k].group];
		int j;
		t->dh = pt->tmp[k].dh;
		t->dv = pt->tmp[k].dv;
		t->dc = pt->tmp[k].dc;
		t->slope = pt->tmp[k].slope;
		t->group = pt->tmp[k].group;
		t->applied = 0;
		t->c0 = (uint32_t)pt->ncour;
		t->nc = 0;
		for (j = 0; j < g->nn; j++) {
			const struct plan_node *n = &p->nodes[p->gorder[g->n0 + j]];
			uint32_t mask = p->masks[op->m0 + (size_t)j], b;
			for (b = 0; b < n->nc; b++) {
				if (!(mask >> b & 1))
					continue;
				if (airs__grow(&c->mem, &pt->courses, &pt->courcap,
				               pt->ncour + 1, sizeof *pt->courses))
					return AIRS_ENOMEM;
				pt->courses[pt->ncour++] = c->corder[n->c0 + b];
				t->nc++;
			}
		}
	}
	a->i1 = (uint32_t)pt->ninc;
	/* Cohorts: courses that serve a required skill's gap (counted at
	 * the join). */
	pt->gaps_of[i - pt->lo] = 0;
	for (k = 0; k < p->nn; k++) {
		const struct plan_node *n = &p->nodes[k];
		if (!(n->q > 0 && n->L0 < n->q))
			continue;
		if (airs__grow(&c->mem, &pt->gap, &pt->gapcap, pt->ngap + 1,
		               sizeof *pt->gap))
			return AIRS_ENOMEM;
		pt->gap[pt->ngap++] = n->skill;
		pt->gaps_of[i - pt->lo]++;
	}
	return AIRS_OK;
}

static void *part_run(void *arg)
{
	struct part *pt = arg;
	size_t i;

	for (i = pt->lo; i < pt->hi && !pt->rc; i++)
		pt->rc = part_employee(pt, i);
	return NULL;
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
	for (k = 1; k < np; k++)
		parts[k].started = !pthread_create(&parts[k].tid, NULL, part_run,
		                                   &parts[k]);
	part_run(&parts[0]);
	for (k = 1; k < np; k++) {
		if (parts[k].started)
			pthread_join(parts[k].tid, NULL);
		else
			part_run(&parts[k]);
	}
	for (k = 0; k < np && !rc; k++)
		rc = parts[k].rc;
	return rc;
}

int airs_plan_org(const airs_result *r, const airs_plan_options *opts,
                  airs_org_plan **out, airs_diag *diag)
{
	struct plan_ctx c;
	struct part *parts = NULL;
	airs_org_plan *o = NULL;
	const airs_model *m;
	size_t ninc = 0, inccap = 0, ncour = 0, courcap = 0, ncours = 0,
	       courscap = 0, np = 0;
	struct oinc *inc = NULL;
	uint32_t *courses = NULL, *ru = NULL;
	unsigned char *closed = NULL;
	int *bucket_of = NULL;
	double *bucket_left = NULL, H = 0, C = 0, cap = 0, used_h = 0, used_c = 0;
	size_t i, k, nb = 0, ngroups = 0;
	struct queue q;
	int rc, strategy = 0;
	uint32_t u;

	memset(&q, 0, sizeof q);
	if (out)
		*out = NULL;
	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!r || !out)
		return airs__plan_fail(diag, AIRS_EINVAL, "result and out must not be NULL");
	if ((rc = airs__plan_check_opts(opts, diag, 1)))
		return rc;
	if (opts) {
		H = opts->budget_hours;
		C = opts->budget_cost;
		cap = opts->max_hours_per_employee;
		strategy = opts->strategy;
		nb = opts->unit_budget_count;
	}
	m = r->model;
	if ((rc = airs__plan_ctx_init(&c, r)))
		return airs__plan_fail(diag, rc, "out of memory");
	c.cost_limited = C > 0;
	o = airs__calloc(&c.mem, 1, sizeof *o);
	if (!o) {
		airs__plan_ctx_free(&c);
		return airs__plan_fail(diag, AIRS_ENOMEM, "out of memory");
	}
	o->mem = c.mem;
	airs__model_retain(m);
	o->model = m;
	o->src.as_of = r->as_of;
	memcpy(o->src.params_digest, r->params_digest, sizeof o->src.params_digest);
	o->strategy = strategy;
	o->budget_hours = H;
	o->budget_cost = C;
	o->max_hours = cap;
	o->n = r->n;
	o->nu = airs_rollup_unit_count(r->rollup);
	o->nco = m->courses.n;
	o->emp = airs__malloc(&c.mem, (o->n + 1) * sizeof *o->emp);
	o->a = airs__calloc(&c.mem, o->n + 1, sizeof *o->a);
	o->unit = airs__malloc(&c.mem, (o->nu + 1) * sizeof *o->unit);
	o->groups = airs__calloc(&c.mem, o->nu + 1, sizeof *o->groups);
	o->co = airs__calloc(&c.mem, o->nco + 1, sizeof *o->co);
	o->co_unit = airs__calloc(&c.mem, (o->nco + 1) * (o->nu + 1) * 2,
	                          sizeof *o->co_unit);
	o->unit_budget = airs__malloc(&c.mem, (o->nu + 1) * sizeof *o->unit_budget);
	o->cstart = airs__calloc(&c.mem, o->n + 1, sizeof *o->cstart);
	ru = airs__malloc(&c.mem, (m->units.n + 1) * sizeof *ru);
	bucket_of = airs__malloc(&c.mem, (m->units.n + 1) * sizeof *bucket_of);
	bucket_left = airs__malloc(&c.mem, (nb + 1) * sizeof *bucket_left);
	if (!o->emp || !o->a || !o->unit || !o->groups || !o->co || !o->co_unit ||
	    !o->unit_budget || !o->cstart || !ru || !bucket_of || !bucket_left) {
		rc = AIRS_ENOMEM;
		goto done;
	}
	/* Units in tree order, and the model's units mapped to them. */
	for (i = 0; i < m->units.n; i++)
		ru[i] = AIRS__NONE;
	for (i = 0; i < o->nu; i++) {
		airs_unit_score us = AIRS_UNIT_SCORE_INIT;
		airs_rollup_unit(r->rollup, i, &us);
		u = airs__names_find(&m->unit_ids, us.id, strlen(us.id));
		o->unit[i] = u;
		if (u != AIRS__NONE)
			ru[u] = (uint32_t)i;
		o->unit_budget[i] = NAN;
	}
	/* Per-unit budgets: an employee draws on the nearest unit above
	 * (or at) theirs that has one. */
	for (i = 0; i < m->units.n; i++)
		bucket_of[i] = -1;
	for (k = 0; k < nb; k++) {
		const char *id = opts->unit_ids[k];
		double h = opts->unit_hours[k];
		if (!id || (u = airs__names_find(&m->unit_ids, id, strlen(id))) ==
		                   AIRS__NONE) {
			char qid[200];
			airs__quote(qid, sizeof qid, id ? id : "", id ? strlen(id) : 0);
			rc = airs__plan_fail(diag, AIRS_ENOTFOUND, "unit_ids[%zu]: unknown unit "
			          "\"%s\"", k, qid);
			goto fail_msg;
		}
		if (!isfinite(h) || h < 0) {
			rc = airs__plan_fail(diag, AIRS_ERANGE, "unit_hours[%zu]: %g is not a "
			          "number of hours >= 0", k, h);
			goto fail_msg;
		}
		bucket_of[u] = (int)k;
		bucket_left[k] = h;
		if (ru[u] != AIRS__NONE)
			o->unit_budget[ru[u]] = h;
	}
	for (i = 0; i < o->nco; i++) {
		o->co[i].course = (uint32_t)i;
		o->co[i].rank = m->sorted[AIRS__S_COURSE].rank[i];
	}

	/* Every employee's problem, once, on the scoring threads; the parts
	 * joined in employee order. */
	np = airs__thread_count(r->pv.threads, o->n);
	parts = airs__calloc(&c.mem, np, sizeof *parts);
	if (!parts) {
		rc = AIRS_ENOMEM;
		goto done;
	}
	if ((rc = parts_build(&c, o, bucket_of, parts, np)))
		goto done;
	for (k = 0; k < np; k++) {
		struct part *pt = &parts[k];
		size_t g = 0, j;
		if (airs__grow(&c.mem, &inc, &inccap, ninc + pt->ninc + 1,
		               sizeof *inc) ||
		    airs__grow(&c.mem, &courses, &courcap, ncour + pt->ncour + 1,
		               sizeof *courses)) {
			rc = AIRS_ENOMEM;
			goto done;
		}
		for (j = 0; j < pt->ninc; j++) {
			inc[ninc + j] = pt->inc[j];
			inc[ninc + j].c0 += (uint32_t)ncour;
		}
		if (pt->ncour)
			memcpy(courses + ncour, pt->courses,
			       pt->ncour * sizeof *courses);
		for (i = pt->lo; i < pt->hi; i++) {
			struct airs__alloc *a = &o->a[i];
			const airs__employee *emp = &m->emps.v[o->emp[i]];
			uint32_t x;
			a->i0 += (uint32_t)ninc;
			a->i1 += (uint32_t)ninc;
			a->next = a->i0;
			a->g0 = (uint32_t)ngroups;
			ngroups += a->ng;
			/* Cohorts: courses that serve a required skill's gap. */
			for (x = 0; x < pt->gaps_of[i - pt->lo]; x++, g++) {
				uint32_t sk = pt->gap[g], y;
				for (y = c.cstart[sk]; y < c.cstart[sk + 1]; y++) {
					uint32_t ci = c.corder[y];
					o->co[ci].employees++;
					for (u = emp->unit; u != AIRS__NONE;
					     u = m->units.v[u].parent)
						if (ru[u] != AIRS__NONE)
							o->co_unit[(ci * (o->nu + 1) +
							            ru[u]) * 2]++;
					o->co_unit[(ci * (o->nu + 1) + o->nu) * 2]++;
				}
			}
		}
		ninc += pt->ninc;
		ncour += pt->ncour;
		part_free(pt);
	}
	closed = airs__calloc(&c.mem, ngroups + 1, 1);
	q.h = airs__malloc(&c.mem, (o->n + 1) * sizeof *q.h);
	if (!closed || !q.h) {
		rc = AIRS_ENOMEM;
		goto done;
	}

	/* Hand out the increments. */
	q.a = o->a;
	q.inc = inc;
	q.strategy = strategy;
	q.beta = c.pv->plan_blend;
	for (i = 0; i < o->n; i++)
		if (o->a[i].next < o->a[i].i1)
			qpush(&q, (uint32_t)i);
	while (q.n) {
		uint32_t e = qpop(&q);
		struct airs__alloc *a = &o->a[e];
		struct oinc *t = &inc[a->next];
		double dh = t->dh + (a->started ? 0 : a->ih);
		int fits = used_h + dh <= H + 1e-9 &&
		           (C <= 0 || used_c + t->dc <= C + 1e-9) &&
		           (cap <= 0 || a->hours + dh <= cap + 1e-9) &&
		           (a->bucket < 0 || dh <= bucket_left[a->bucket] + 1e-9);
		if (fits) {
			used_h += dh;
			used_c += t->dc;
			a->hours += dh;
			a->cost += t->dc;
			a->R += t->dv;
			if (a->bucket >= 0)
				bucket_left[a->bucket] -= dh;
			a->started = 1;
			t->applied = 1;
		} else {
			closed[a->g0 + t->group] = 1;
		}
		a->next++;
		advance(a, inc, closed);
		if (a->next < a->i1)
			qpush(&q, e);
	}

	/* What each person gets: per group, the last increment applied. */
	for (i = 0; i < o->n; i++) {
		o->cstart[i] = (uint32_t)ncours;
		struct airs__alloc *a = &o->a[i];
		const airs__employee *emp = &m->emps.v[o->emp[i]];
		uint32_t j, g;
		double base = isnan(a->readiness) ? 0 : a->readiness,
		       up = a->R - base;
		a->projected = isnan(a->readiness) && !(up > 0) ? NAN
		             : base + up > 100 ? 100 : base + up;
		for (g = 0; g < a->ng; g++) {
			const struct oinc *last = NULL;
			for (j = a->i0; j < a->i1; j++)
				if (inc[j].group == g && inc[j].applied)
					last = &inc[j];
			if (!last)
				continue;
			a->courses += last->nc;
			if (airs__grow(&c.mem, &o->cours, &courscap, ncours + last->nc,
			               sizeof *o->cours)) {
				rc = AIRS_ENOMEM;
				goto done;
			}
			memcpy(o->cours + ncours, courses + last->c0,
			       last->nc * sizeof *o->cours);
			ncours += last->nc;
			for (k = last->c0; k < last->c0 + last->nc; k++) {
				uint32_t ci = courses[k];
				o->co[ci].planned++;
				for (u = emp->unit; u != AIRS__NONE; u = m->units.v[u].parent)
					if (ru[u] != AIRS__NONE)
						o->co_unit[(ci * (o->nu + 1) + ru[u]) * 2 + 1]++;
				o->co_unit[(ci * (o->nu + 1) + o->nu) * 2 + 1]++;
			}
		}
	}
	o->cstart[o->n] = (uint32_t)ncours;
	qsort(o->co, o->nco, sizeof *o->co, cmp_cohort);

	/* Groups: every unit's subtree and the organisation. */
	{
		size_t ng = o->nu + 1, *cnt, *off, *fill;
		double *sumR, *sumP, *gap, *weeks;
		uint64_t *below, *pbelow;
		cnt = airs__calloc(&c.mem, ng + 1, sizeof *cnt);
		off = airs__calloc(&c.mem, ng + 1, sizeof *off);
		fill = airs__calloc(&c.mem, ng + 1, sizeof *fill);
		sumR = airs__calloc(&c.mem, ng, sizeof *sumR);
		sumP = airs__calloc(&c.mem, ng, sizeof *sumP);
		gap = airs__calloc(&c.mem, ng, sizeof *gap);
		below = airs__calloc(&c.mem, ng, sizeof *below);
		pbelow = airs__calloc(&c.mem, ng, sizeof *pbelow);
		weeks = NULL;
		rc = !cnt || !off || !fill || !sumR || !sumP || !gap || !below ||
		     !pbelow ? AIRS_ENOMEM : AIRS_OK;
		for (k = 0; !rc && k < 2; k++) {
			/* pass 0 counts the members below target, pass 1 fills */
			for (i = 0; i < o->n; i++) {
				const struct airs__alloc *a = &o->a[i];
				const airs__score *s = &r->s[i];
				int lvl = s->level, plvl = airs__level_of(c.pv, a->projected);
				int below_t = s->level && s->target && s->level < s->target;
				size_t chain[64], nch = 0, x;
				for (u = m->emps.v[s->emp].unit; u != AIRS__NONE && nch < 63;
				     u = m->units.v[u].parent)
					if (ru[u] != AIRS__NONE)
						chain[nch++] = ru[u];
				chain[nch++] = o->nu;
				for (x = 0; x < nch; x++) {
					size_t gi = chain[x];
					airs_plan_group *G = &o->groups[gi];
					if (k == 0) {
						if (below_t)
							cnt[gi]++;
						continue;
					}
					G->headcount++;
					if (a->courses)
						G->planned++;
					G->hours += a->hours;
					G->cost += a->cost;
					G->levels[lvl]++;
					G->projected_levels[plvl]++;
					if (!isnan(a->readiness) && !isnan(a->projected)) {
						G->scored++;
						sumR[gi] += a->readiness;
						sumP[gi] += a->projected;
					}
					if (s->level && s->target) {
						G->with_target++;
						gap[gi] += s->target - plvl;
						if (s->level < s->target)
							below[gi]++;
						if (plvl < s->target)
							pbelow[gi]++;
					}
					if (below_t) {
						weeks[off[gi] + fill[gi]++] =
							a->reachable ? a->weeks : INFINITY;
						if (!a->reachable)
							G->unreachable++;
					}
				}
			}
			if (k == 0) {
				size_t tot = 0;
				for (i = 0; i < ng; i++) {
					off[i] = tot;
					tot += cnt[i];
				}
				weeks = airs__malloc(&c.mem, (tot + 1) * sizeof *weeks);
				if (!weeks)
					rc = AIRS_ENOMEM;
			}
		}
		for (i = 0; !rc && i < ng; i++) {
			airs_plan_group *G = &o->groups[i];
			double *w = weeks + off[i];
			G->size = sizeof *G;
			G->unit_id = i < o->nu && o->unit[i] != AIRS__NONE
			                     ? m->unit_ids.str[o->unit[i]] : NULL;
			G->readiness_mean = G->scored ? sumR[i] / (double)G->scored : NAN;
			G->projected_mean = G->scored ? sumP[i] / (double)G->scored : NAN;
			G->gap_mean = G->with_target ? gap[i] / (double)G->with_target
			                             : NAN;
			G->below_target_share = G->with_target
			        ? (double)below[i] / (double)G->with_target : NAN;
			G->projected_below_target_share = G->with_target
			        ? (double)pbelow[i] / (double)G->with_target : NAN;
			qsort(w, cnt[i], sizeof *w, cmp_double);
			G->weeks_max = cnt[i] ? w[cnt[i] - 1] : NAN;
			G->weeks_median = !cnt[i] ? NAN
			                : cnt[i] % 2 ? w[cnt[i] / 2]
			                : (w[cnt[i] / 2 - 1] + w[cnt[i] / 2]) / 2;
		}
		airs__free(&c.mem, cnt);
		airs__free(&c.mem, off);
		airs__free(&c.mem, fill);
		airs__free(&c.mem, sumR);
		airs__free(&c.mem, sumP);
		airs__free(&c.mem, gap);
		airs__free(&c.mem, below);
		airs__free(&c.mem, pbelow);
		airs__free(&c.mem, weeks);
	}
done:
	if (rc)
		airs__plan_fail(diag, rc, "out of memory");
fail_msg:
	for (k = 0; parts && k < np; k++)
		if (parts[k].c)
			part_free(&parts[k]);
	airs__free(&c.mem, parts);
	airs__free(&c.mem, inc);
	airs__free(&c.mem, courses);
	airs__free(&c.mem, closed);
	airs__free(&c.mem, q.h);
	airs__free(&c.mem, ru);
	airs__free(&c.mem, bucket_of);
	airs__free(&c.mem, bucket_left);
	airs__plan_ctx_free(&c);
	if (rc) {
		airs_org_plan_free(o);
		return rc;
	}
	*out = o;
	return AIRS_OK;
}

size_t airs_org_plan_unit_count(const airs_org_plan *o)
{
	return o ? o->nu : 0;
}

int airs_org_plan_group(const airs_org_plan *o, size_t unit,
                        airs_plan_group *out)
{
	size_t size;

	if (!o || !out || out->size < sizeof *out)
		return AIRS_EINVAL;
	if (unit == AIRS_ROLLUP_ORG)
		unit = o->nu;
	else if (unit >= o->nu)
		return AIRS_ERANGE;
	size = out->size;
	*out = o->groups[unit];
	out->size = size;
	return AIRS_OK;
}

size_t airs_org_plan_employee_count(const airs_org_plan *o)
{
	return o ? o->n : 0;
}

int airs_org_plan_employee(const airs_org_plan *o, size_t i,
                           airs_plan_allocation *out)
{
	const struct airs__alloc *a;

	if (!o || !out || out->size < sizeof *out)
		return AIRS_EINVAL;
	if (i >= o->n)
		return AIRS_ERANGE;
	a = &o->a[i];
	out->employee_id = o->model->emp_ids.str[o->emp[i]];
	out->hours = a->hours;
	out->cost = a->cost;
	out->courses = a->courses;
	out->readiness = a->readiness;
	out->projected = a->projected;
	out->reachable = a->reachable;
	out->target_weeks = a->weeks;
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
	const airs__course *co;

	if (!o || !out || out->size < sizeof *out)
		return AIRS_EINVAL;
	if (i >= airs_org_plan_cohort_count(o))
		return AIRS_ERANGE;
	co = &o->model->courses.v[o->co[i].course];
	out->course_id = o->model->course_ids.str[o->co[i].course];
	out->skill_id = o->model->skill_ids.str[co->skill];
	out->employees = o->co[i].employees;
	out->planned = o->co[i].planned;
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
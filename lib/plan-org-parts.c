/*
 * plan-org-parts.c - every employee's problem of the organisation plan,
 * built on the scoring threads (methodology 8.5).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include "plan-org-impl.h"

#include <string.h>

#include "parallel.h"

/* ------------------------------------------------------------------------
 * Every employee's problem, on the scoring threads
 *
 * Building the problems is most of an organisation plan and each
 * employee's is independent, so runs of employees are built on the
 * scoring threads (parameter `threads`) into parts of their own and the
 * parts are then joined in employee order: the plan is the same for any
 * number of threads.
 * ---------------------------------------------------------------------- */

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

void airs__org_part_free(struct part *pt)
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
int airs__org_parts_build(const struct plan_ctx *c, airs_org_plan *o,
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

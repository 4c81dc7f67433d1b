/*
 * plan-org-read.c - the organisation plan as its readers see it
 * (airs/plan.h).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include "plan-org-impl.h"

#include "abi.h"

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

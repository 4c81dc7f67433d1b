/*
 * planwrite.c - personal and organisation plans as JSON or CSV
 * (docs/output-format.md, "Plans").
 *
 * Plans are results like any other: written with the same record writer
 * as export.c (record.h: numbers, nulls, booleans, CSV headers), with the
 * same provenance block, and in orders that do not depend on the order
 * rows were added in: a personal plan's steps in the order to take them,
 * employees in result order (by id), units in tree order, cohorts as
 * airs_org_plan_cohort() sorts them.
 *
 * This file sits above planning: it reads the plan structs (plan.h);
 * planning knows nothing of it.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "export.h"
#include "num.h"
#include "plan.h"
#include "record.h"

#define PLAN_SCHEMA "airs-plan/1"
#define ORG_SCHEMA "airs-org-plan/1"


int airs_plan_provenance(const airs_plan *plan, airs_provenance *out)
{
	if (!plan)
		return AIRS_EINVAL;
	return airs__provenance(plan->model, &plan->src.as_of,
	                        plan->src.params_digest, out);
}

int airs_org_plan_provenance(const airs_org_plan *plan, airs_provenance *out)
{
	if (!plan)
		return AIRS_EINVAL;
	return airs__provenance(plan->model, &plan->src.as_of,
	                        plan->src.params_digest, out);
}

struct pw {
	const airs_plan *pl;
	const airs_org_plan *op;
	airs__rec w;
};

/* ------------------------------------------------------------------------
 * Provenance: the result's, then the options planned with
 * ---------------------------------------------------------------------- */

#define NKEYS (6 + AIRS__PROVENANCE_KEYS)

static int write_provenance(struct pw *x)
{
	airs_provenance p = AIRS_PROVENANCE_INIT;
	struct airs__prov_text t;
	char num[4][AIRS__NUM_MAX];
	const char *keys[NKEYS], *values[NKEYS];
	size_t n = 0;
	int rc;

	rc = x->pl ? airs_plan_provenance(x->pl, &p)
	           : airs_org_plan_provenance(x->op, &p);
	if (rc)
		return rc;
	keys[n] = "schema", values[n++] = x->pl ? PLAN_SCHEMA : ORG_SCHEMA;
	n += airs__provenance_keys(&p, &t, keys + n, values + n);
	if (x->pl) {
		airs__format_double(num[0], x->pl->budget_hours);
		airs__format_double(num[1], x->pl->budget_cost);
		keys[n] = "employee_id", values[n++] = x->pl->employee_id;
		keys[n] = "budget_hours", values[n++] = num[0];
		keys[n] = "budget_cost", values[n++] = num[1];
	} else {
		airs__format_double(num[0], x->op->budget_hours);
		airs__format_double(num[1], x->op->budget_cost);
		airs__format_double(num[2], x->op->max_hours);
		keys[n] = "strategy", values[n++] = airs_strategy_name(x->op->strategy);
		keys[n] = "budget_hours", values[n++] = num[0];
		keys[n] = "budget_cost", values[n++] = num[1];
		keys[n] = "max_hours_per_employee", values[n++] = num[2];
	}
	airs__rec_key_values(&x->w, keys, values, n);
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Personal plans
 * ---------------------------------------------------------------------- */

static void step_record(struct pw *x, size_t i, const airs_plan_step *s)
{
	airs__record_begin(&x->w);
	if (x->w.csv)
		airs__f_str(&x->w, "employee_id", x->pl->employee_id);
	airs__f_uint(&x->w, "step", (uint64_t)i + 1);
	airs__f_str(&x->w, "kind", airs_step_kind_name(s->kind));
	airs__f_str(&x->w, "intervention", s->kind == AIRS_STEP_INTERVENTION
	                                        ? airs_intervention_name(s->intervention)
	                                        : NULL);
	airs__f_str(&x->w, "adkar", airs_adkar_name(s->adkar));
	airs__f_str(&x->w, "skill_id", s->skill_id);
	airs__f_str(&x->w, "course_id", s->course_id);
	airs__f_num(&x->w, "hours", s->hours);
	airs__f_num(&x->w, "cost", s->cost);
	airs__f_num(&x->w, "level_before", s->kind == AIRS_STEP_COURSE
	                                        ? s->level_before : NAN);
	airs__f_num(&x->w, "level_after", s->kind == AIRS_STEP_COURSE
	                                       ? s->level_after : NAN);
	airs__f_num(&x->w, "uplift", s->uplift);
	airs__f_str(&x->w, "reason", s->reason);
	airs__f_num(&x->w, "practice_hours", s->practice_hours);
	airs__f_str(&x->w, "adkar_source",
	            s->kind == AIRS_STEP_INTERVENTION
	                    ? airs_adkar_source_name(s->adkar_source) : NULL);
	airs__f_str(&x->w, "adkar_unit_id", s->adkar_unit_id);
	airs__record_end(&x->w, 0);
}

static int write_steps(struct pw *x)
{
	size_t i, n = airs_plan_step_count(x->pl);
	int rc;

	if (airs__header_pass(&x->w)) {
		airs_plan_step s = AIRS_PLAN_STEP_INIT;
		step_record(x, 0, &s);
	}
	airs__rows_begin(&x->w);
	for (i = 0; i < n && x->w.sink.status == AIRS_OK; i++) {
		airs_plan_step s = AIRS_PLAN_STEP_INIT;
		if ((rc = airs_plan_get_step(x->pl, i, &s)) != 0)
			return rc;
		step_record(x, i, &s);
	}
	airs__array_end(&x->w);
	return AIRS_OK;
}

static void plan_record(struct pw *x)
{
	airs_plan_info in = AIRS_PLAN_INFO_INIT;
	size_t k;

	airs_plan_info_get(x->pl, &in);
	airs__record_begin(&x->w);
	airs__f_str(&x->w, "employee_id", in.employee_id);
	airs__f_num(&x->w, "budget_hours", in.budget_hours);
	airs__f_num(&x->w, "budget_cost", in.budget_cost);
	airs__f_num(&x->w, "hours", in.hours);
	airs__f_num(&x->w, "cost", in.cost);
	airs__f_num(&x->w, "readiness", in.readiness);
	airs__f_num(&x->w, "projected", in.projected);
	airs__f_level(&x->w, "level", in.level);
	airs__f_level(&x->w, "projected_level", in.projected_level);
	airs__f_level(&x->w, "target", in.target);
	airs__f_str(&x->w, "barrier", airs_barrier_name(in.barrier));
	airs__f_bool(&x->w, "exact", in.exact);
	airs__f_num(&x->w, "bound", in.bound);
	airs__f_bool(&x->w, "reachable", in.reachable);
	airs__f_num(&x->w, "target_hours", in.target_hours);
	airs__f_num(&x->w, "target_weeks", in.target_weeks);
	airs__f_bool(&x->w, "reduced", in.reduced);
	airs__f_str(&x->w, "why", in.why);
	/* JSON only (the plan record is not a CSV table): as many ids as
	 * there are, of any length */
	airs__json_key(&x->w.j, "missing_skills");
	airs__json_begin_array(&x->w.j, 1);
	for (k = 0; k < in.missing_skill_count; k++)
		airs__json_string(&x->w.j, airs_plan_missing_skill(x->pl, k));
	airs__json_end_array(&x->w.j);
	airs__record_end(&x->w, 0);
}

/* A whole plan's JSON document up to its provenance: its schema and the
 * provenance object. */
static int document_begin(struct pw *x, const char *schema)
{
	airs__json_begin_object(&x->w.j, 0);
	airs__json_key(&x->w.j, "schema");
	airs__json_string(&x->w.j, schema);
	airs__json_key(&x->w.j, "provenance");
	return write_provenance(x);
}

static int write_plan(struct pw *x)
{
	int rc;

	if (x->w.csv)
		return write_steps(x);
	if ((rc = document_begin(x, PLAN_SCHEMA)) != 0)
		return rc;
	airs__json_key(&x->w.j, "plan");
	plan_record(x);
	airs__json_key(&x->w.j, "steps");
	if ((rc = write_steps(x)) != 0)
		return rc;
	airs__json_end_object(&x->w.j);
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * The organisation's plan
 * ---------------------------------------------------------------------- */

/* Group i in tree order; i == unit count: the organisation. */
static void group_record(struct pw *x, size_t i)
{
	static const char *const level_keys[] = { "unknown", "1", "2", "3", "4", "5" };
	const airs_org_plan *o = x->op;
	const airs_model *m = o->model;
	airs_plan_group g = AIRS_PLAN_GROUP_INIT;
	const char *parent = NULL;
	long long depth = 0;
	int k;

	if (!x->w.header) {
		airs_org_plan_group(o, i < o->nu ? i : AIRS_ROLLUP_ORG, &g);
		if (i < o->nu && o->unit[i] != AIRS__NONE) {
			uint32_t u = m->units.v[o->unit[i]].parent;
			if (u != AIRS__NONE)
				parent = m->unit_ids.str[u];
			for (; u != AIRS__NONE; u = m->units.v[u].parent)
				depth++;
		}
	}
	airs__record_begin(&x->w);
	airs__f_str(&x->w, "scope", i < o->nu ? "unit" : "organisation");
	airs__f_str(&x->w, "unit_id", g.unit_id);
	airs__f_str(&x->w, "parent_id", parent);
	if (i < o->nu)
		airs__f_int(&x->w, "depth", depth);
	else
		airs__f_null(&x->w, "depth");
	airs__f_num(&x->w, "budget_hours", x->w.header ? 0
	                                   : i < o->nu ? o->unit_budget[i]
	                                               : o->budget_hours);
	airs__f_uint(&x->w, "headcount", g.headcount);
	airs__f_uint(&x->w, "scored", g.scored);
	airs__f_uint(&x->w, "planned", g.planned);
	airs__f_num(&x->w, "hours", g.hours);
	airs__f_num(&x->w, "cost", g.cost);
	airs__f_num(&x->w, "readiness_mean", g.readiness_mean);
	airs__f_num(&x->w, "projected_mean", g.projected_mean);
	airs__group_begin(&x->w, "levels", "level_");
	for (k = 0; k < 6; k++)
		airs__f_uint(&x->w, level_keys[k], g.levels[k]);
	airs__group_end(&x->w);
	airs__group_begin(&x->w, "projected_levels", "projected_level_");
	for (k = 0; k < 6; k++)
		airs__f_uint(&x->w, level_keys[k], g.projected_levels[k]);
	airs__group_end(&x->w);
	airs__f_uint(&x->w, "with_target", g.with_target);
	airs__f_num(&x->w, "gap_mean", g.gap_mean);
	airs__f_num(&x->w, "below_target_share", g.below_target_share);
	airs__f_num(&x->w, "projected_below_target_share",
	            g.projected_below_target_share);
	airs__f_num(&x->w, "weeks_max", g.weeks_max);
	airs__f_num(&x->w, "weeks_median", g.weeks_median);
	airs__f_uint(&x->w, "unreachable", g.unreachable);
	airs__f_uint(&x->w, "reduced", g.reduced);
	airs__record_end(&x->w, 0);
}

/* Units in tree order; the organisation last unless `org` is 0. */
static void write_groups(struct pw *x, int org)
{
	size_t i;

	if (airs__header_pass(&x->w))
		group_record(x, 0);
	airs__rows_begin(&x->w);
	for (i = 0; i < x->op->nu + (org != 0) && x->w.sink.status == AIRS_OK; i++)
		group_record(x, i);
	airs__array_end(&x->w);
}

/* Course k (1-based) given to employee e: a row of the steps table, or
 * an element of an allocation's steps in JSON. */
static void course_record(struct pw *x, size_t e, size_t k, int with_employee)
{
	const airs_org_plan *o = x->op;
	const airs__course *c = NULL;
	uint32_t ci = 0;
	double practice = 0;

	if (!x->w.header) {
		ci = o->cours[o->cstart[e] + k - 1].course;
		practice = o->cours[o->cstart[e] + k - 1].practice;
		c = &o->model->courses.v[ci];
	}
	airs__record_begin(&x->w);
	if (with_employee)
		airs__f_str(&x->w, "employee_id",
		            c ? o->model->emp_ids.str[o->emp[e]] : NULL);
	airs__f_uint(&x->w, "step", k);
	airs__f_str(&x->w, "course_id", c ? o->model->course_ids.str[ci] : NULL);
	airs__f_str(&x->w, "skill_id", c ? o->model->skill_ids.str[c->skill] : NULL);
	airs__f_num(&x->w, "hours", c ? c->hours + practice : 0);
	airs__f_num(&x->w, "practice_hours", practice);
	airs__f_num(&x->w, "cost", c ? c->cost : 0);
	airs__record_end(&x->w, 0);
}

static void allocation_record(struct pw *x, size_t e, int nested)
{
	const airs_org_plan *o = x->op;
	const airs_model *m = o->model;
	airs_plan_allocation a = AIRS_PLAN_ALLOCATION_INIT;
	const char *unit = NULL;
	double ih = 0;
	size_t k;

	if (!x->w.header) {
		airs_org_plan_employee(o, e, &a);
		unit = m->unit_ids.str[m->emps.v[o->emp[e]].unit];
		ih = o->a[e].started ? o->a[e].ih : 0;
	}
	airs__record_begin(&x->w);
	airs__f_str(&x->w, "employee_id", a.employee_id);
	airs__f_str(&x->w, "unit_id", unit);
	airs__f_num(&x->w, "hours", a.hours);
	airs__f_num(&x->w, "intervention_hours", ih);
	airs__f_num(&x->w, "cost", a.cost);
	airs__f_uint(&x->w, "courses", a.courses);
	airs__f_num(&x->w, "readiness", a.readiness);
	airs__f_num(&x->w, "projected", a.projected);
	airs__f_bool(&x->w, "reachable", a.reachable);
	airs__f_num(&x->w, "target_weeks", a.target_weeks);
	if (nested) {
		airs__json_key(&x->w.j, "steps");
		airs__json_begin_array(&x->w.j, 1);
		for (k = 1; k <= o->cstart[e + 1] - o->cstart[e]; k++)
			course_record(x, e, k, 0);
		airs__json_end_array(&x->w.j);
	}
	airs__record_end(&x->w, 0);
}

static void write_allocations(struct pw *x, int nested)
{
	size_t i;

	if (airs__header_pass(&x->w))
		allocation_record(x, 0, 0);
	airs__rows_begin(&x->w);
	for (i = 0; i < x->op->n && x->w.sink.status == AIRS_OK; i++)
		allocation_record(x, i, nested);
	airs__array_end(&x->w);
}

static void write_org_steps(struct pw *x)
{
	const airs_org_plan *o = x->op;
	size_t e, k;

	if (airs__header_pass(&x->w))
		course_record(x, 0, 0, 1);
	airs__rows_begin(&x->w);
	for (e = 0; e < o->n && x->w.sink.status == AIRS_OK; e++)
		for (k = 1; k <= o->cstart[e + 1] - o->cstart[e]; k++)
			course_record(x, e, k, 1);
	airs__array_end(&x->w);
}

static void cohort_record(struct pw *x, size_t i, size_t u)
{
	const airs_org_plan *o = x->op;
	airs_plan_cohort c = AIRS_PLAN_COHORT_INIT;
	uint64_t employees = 0, planned = 0;

	if (!x->w.header) {
		airs_org_plan_cohort(o, i, &c);
		airs_org_plan_cohort_unit(o, i, u < o->nu ? u : AIRS_ROLLUP_ORG,
		                          &employees, &planned);
	}
	airs__record_begin(&x->w);
	airs__f_str(&x->w, "scope", u < o->nu ? "unit" : "organisation");
	airs__f_str(&x->w, "unit_id", !x->w.header && u < o->nu
	                                      ? o->groups[u].unit_id : NULL);
	airs__f_str(&x->w, "course_id", c.course_id);
	airs__f_str(&x->w, "skill_id", c.skill_id);
	airs__f_uint(&x->w, "employees", employees);
	airs__f_uint(&x->w, "planned", planned);
	airs__record_end(&x->w, 0);
}

/* Each unit in tree order, then the organisation; per scope the cohorts
 * in their order. */
static void write_cohorts(struct pw *x)
{
	const airs_org_plan *o = x->op;
	size_t i, u, n = airs_org_plan_cohort_count(o);

	if (airs__header_pass(&x->w))
		cohort_record(x, 0, 0);
	airs__rows_begin(&x->w);
	for (u = 0; u <= o->nu && x->w.sink.status == AIRS_OK; u++)
		for (i = 0; i < n; i++)
			cohort_record(x, i, u);
	airs__array_end(&x->w);
}

static int write_org_all(struct pw *x)
{
	int rc;

	if ((rc = document_begin(x, ORG_SCHEMA)) != 0)
		return rc;
	airs__json_key(&x->w.j, "organisation");
	group_record(x, x->op->nu);
	airs__json_key(&x->w.j, "units");
	write_groups(x, 0);
	airs__json_key(&x->w.j, "allocations");
	write_allocations(x, 1);
	airs__json_key(&x->w.j, "cohorts");
	write_cohorts(x);
	airs__json_end_object(&x->w.j);
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Entry points
 * ---------------------------------------------------------------------- */

static int finish(struct pw *x, const airs__mem *mem, int rc, airs_diag *diag)
{
	if (!rc && !x->w.csv)
		airs__json_finish(&x->w.j);
	if (!rc || x->w.sink.status)
		rc = airs__sink_finish(&x->w.sink) ? AIRS_EIO : rc;
	airs__free(mem, x);
	if (rc == AIRS_EIO)
		return airs__diag_fail(diag, rc, "the writer failed");
	if (rc == AIRS_ENOMEM)
		return airs__diag_fail(diag, rc, "out of memory");
	if (rc)
		return airs__diag_fail(diag, rc, "could not read the plan");
	return AIRS_OK;
}

static struct pw *start(const airs__mem *mem, int output, airs_write_fn write,
                        void *user)
{
	/* about 5 KB, mostly the output buffer: kept off the caller's stack */
	struct pw *x = airs__malloc(mem, sizeof *x);

	if (!x)
		return NULL;
	x->pl = NULL;
	x->op = NULL;
	airs__rec_init(&x->w, output == AIRS_OUTPUT_CSV, write, user);
	return x;
}

int airs_plan_write(const airs_plan *plan, int output, airs_write_fn write,
                    void *user, airs_diag *diag)
{
	struct pw *x;

	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!plan || !write)
		return airs__diag_fail(diag, AIRS_EINVAL, "plan and writer must not be NULL");
	if (output != AIRS_OUTPUT_JSON && output != AIRS_OUTPUT_CSV)
		return airs__diag_fail(diag, AIRS_EINVAL, "unknown output syntax");
	if (!(x = start(&plan->mem, output, write, user)))
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	x->pl = plan;
	return finish(x, &plan->mem, write_plan(x), diag);
}

int airs_org_plan_write(const airs_org_plan *plan, int table, int output,
                        airs_write_fn write, void *user, airs_diag *diag)
{
	struct pw *x;
	int rc = AIRS_OK;

	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!plan || !write)
		return airs__diag_fail(diag, AIRS_EINVAL, "plan and writer must not be NULL");
	if (output != AIRS_OUTPUT_JSON && output != AIRS_OUTPUT_CSV)
		return airs__diag_fail(diag, AIRS_EINVAL, "unknown output syntax");
	if (table < 0 || table > AIRS_PLAN_TABLE_ALL)
		return airs__diag_fail(diag, AIRS_EINVAL, "unknown table");
	if (table == AIRS_PLAN_TABLE_ALL && output == AIRS_OUTPUT_CSV)
		return airs__diag_fail(diag, AIRS_EINVAL,
		            "the whole plan is a JSON document: write its tables "
		            "as CSV one at a time");
	if (!(x = start(&plan->mem, output, write, user)))
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	x->op = plan;
	switch (table) {
	case AIRS_PLAN_TABLE_GROUPS: write_groups(x, 1); break;
	case AIRS_PLAN_TABLE_ALLOCATIONS: write_allocations(x, 0); break;
	case AIRS_PLAN_TABLE_STEPS: write_org_steps(x); break;
	case AIRS_PLAN_TABLE_COHORTS: write_cohorts(x); break;
	case AIRS_PLAN_TABLE_PROVENANCE: rc = write_provenance(x); break;
	default: rc = write_org_all(x); break;
	}
	return finish(x, &plan->mem, rc, diag);
}

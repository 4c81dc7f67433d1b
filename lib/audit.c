/*
 * audit.c - the fairness audit's entry point (airs/audit.h,
 * docs/responsible-use.md): the options, the outcome of every employee,
 * and the readers.  The tables are built by audit-build.c, written by
 * audit-write.c (audit-impl.h lists the family).
 *
 * This family is the only code above the model that reads attributes.  It
 * reads a finished result, never changes it, and keeps a reference to the
 * model so that category strings (which live in the model's arena) stay
 * valid.
 */
#include "audit-impl.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "error.h"
#include "score.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void airs_audit_free(airs_audit_report *a)
{
	airs__mem mem;

	if (!a)
		return;
	mem = a->mem;
	airs__free(&mem, a->rows);
	airs__model_release((airs_model *)(uintptr_t)a->model);
	airs__free(&mem, a);
}

/* The outcome of every result position into y[] (NaN: outside the
 * population), and the median for ABOVE_MEDIAN. */
static int outcomes(airs_audit_report *a, const airs_result *r,
                    const airs_audit_options *o, double *y, airs_diag *diag)
{
	size_t n = r->n, i, ns = 0;
	char what[64];

	a->info.median = NAN;
	switch (o->outcome) {
	case AIRS_AUDIT_ABOVE_MEDIAN: {
		double *v = airs__calloc(&a->mem, n ? n : 1, sizeof *v);

		if (!v)
			return AIRS_ENOMEM;
		for (i = 0; i < n; i++)
			if (!isnan(r->s[i].readiness))
				v[ns++] = r->s[i].readiness;
		if (ns) {
			qsort(v, ns, sizeof *v, cmp_double);
			a->info.median = ns % 2 ? v[ns / 2]
			                        : (v[ns / 2 - 1] + v[ns / 2]) / 2;
		}
		airs__free(&a->mem, v);
		for (i = 0; i < n; i++)
			y[i] = isnan(r->s[i].readiness) ? NAN :
			       r->s[i].readiness > a->info.median ? 1 : 0;
		return AIRS_OK;
	}
	case AIRS_AUDIT_AT_TARGET:
		for (i = 0; i < n; i++)
			y[i] = !r->s[i].level || !r->s[i].target ? NAN :
			       r->s[i].level >= r->s[i].target ? 1 : 0;
		return AIRS_OK;
	case AIRS_AUDIT_FLAG:
		for (i = 0; i < n; i++)
			y[i] = !(r->s[i].flags_evaluated & o->flag) ? NAN :
			       (r->s[i].flags & o->flag) ? 1 : 0;
		return AIRS_OK;
	case AIRS_AUDIT_PLAN_SELECTED:
	case AIRS_AUDIT_PLAN_HOURS:
		return airs_org_plan_outcome(o->plan, o->outcome ==
		                             AIRS_AUDIT_PLAN_SELECTED
		                             ? AIRS_PLAN_OUTCOME_SELECTED
		                             : AIRS_PLAN_OUTCOME_HOURS, y, n);
	default:
		for (i = 0; i < n; i++) {
			double x = o->external[i];

			if (!isnan(x) &&
			    (o->outcome == AIRS_AUDIT_EXTERNAL_BINARY ?
			     x != 0 && x != 1 : !isfinite(x) || x < 0)) {
				snprintf(what, sizeof what, "%zu", i);
				return airs__diag_fail(diag, AIRS_EINVAL,
				            o->outcome == AIRS_AUDIT_EXTERNAL_BINARY ?
				            "external outcome %s is neither 0, 1 nor NaN" :
				            "external outcome %s is negative or infinite",
				            what);
			}
			y[i] = x;
		}
		return AIRS_OK;
	}
}

/* Check the options and find the attribute columns. */
static int check(const airs_result *r, const airs_audit_options *o,
                 uint32_t *k1, uint32_t *k2, airs_diag *diag)
{
	const airs_model *m = r->model;
	char b[80];

	if (o->outcome < AIRS_AUDIT_ABOVE_MEDIAN ||
	    o->outcome > AIRS_AUDIT_PLAN_HOURS)
		return airs__diag_fail(diag, AIRS_EINVAL, "unknown audit outcome");
	if (o->outcome == AIRS_AUDIT_FLAG &&
	    (o->flag <= 0 || o->flag >= 1 << AIRS_FLAG_COUNT_ ||
	     (o->flag & (o->flag - 1))))
		return airs__diag_fail(diag, AIRS_EINVAL, "a flag audit needs exactly one flag bit in `flag`");
	if (o->outcome == AIRS_AUDIT_PLAN_SELECTED ||
	    o->outcome == AIRS_AUDIT_PLAN_HOURS) {
		size_t i;
		if (!o->plan)
			return airs__diag_fail(diag, AIRS_EINVAL, "a plan outcome needs `plan`");
		/* the plan must be of this result's employees, in its order */
		if (airs_org_plan_employee_count(o->plan) != r->n)
			return airs__diag_fail(diag, AIRS_EINVAL, "%s", "the plan was not made "
			            "from this result (other employees)");
		for (i = 0; i < r->n; i++) {
			airs_plan_allocation al = AIRS_PLAN_ALLOCATION_INIT;
			if (airs_org_plan_employee(o->plan, i, &al) != AIRS_OK ||
			    strcmp(al.employee_id, m->emp_ids.str[r->s[i].emp]))
				return airs__diag_fail(diag, AIRS_EINVAL, "%s", "the plan was not "
				            "made from this result (other employees)");
		}
	}
	if (o->outcome == AIRS_AUDIT_EXTERNAL_BINARY ||
	    o->outcome == AIRS_AUDIT_EXTERNAL_VALUE) {
		if (!o->external)
			return airs__diag_fail(diag, AIRS_EINVAL, "an external outcome needs `external`");
		if (o->external_len != r->n) {
			snprintf(b, sizeof b, "%zu values for %zu employees",
			         o->external_len, r->n);
			return airs__diag_fail(diag, AIRS_EINVAL, "external outcome has %s "
			            "(one per employee, in result order)", b);
		}
	}
	if (!(o->min_share >= 0 && o->min_share <= 1))
		return airs__diag_fail(diag, AIRS_EINVAL, "min_share is outside 0..1");
	if (o->adverse < AIRS_AUDIT_ADVERSE_DEFAULT ||
	    o->adverse > AIRS_AUDIT_ADVERSE_HIGH)
		return airs__diag_fail(diag, AIRS_EINVAL, "unknown adverse direction");
	if (!o->attribute)
		return airs__diag_fail(diag, AIRS_EINVAL, "an audit needs an attribute");
	*k1 = airs__names_find(&m->attr_names, o->attribute, strlen(o->attribute));
	*k2 = AIRS__NONE;
	if (*k1 == AIRS__NONE) {
		airs__quote(b, sizeof b, o->attribute, strlen(o->attribute));
		return airs__diag_fail(diag, AIRS_ENOTFOUND,
		            "no employee has the attribute \"%s\"", b);
	}
	if (o->attribute2) {
		*k2 = airs__names_find(&m->attr_names, o->attribute2,
		                       strlen(o->attribute2));
		if (*k2 == AIRS__NONE) {
			airs__quote(b, sizeof b, o->attribute2, strlen(o->attribute2));
			return airs__diag_fail(diag, AIRS_ENOTFOUND,
			            "no employee has the attribute \"%s\"", b);
		}
	}
	return AIRS_OK;
}

/* A new audit of result r with the options o (checked), its provenance
 * and the fields of its info that do not depend on the tables. */
static airs_audit_report *report_new(const airs_result *r,
                                     const airs_audit_options *o, uint32_t k2)
{
	airs_audit_report *a = airs__calloc(&r->mem, 1, sizeof *a);

	if (!a)
		return NULL;
	a->mem = r->mem;
	a->model = r->model;
	airs__model_retain(r->model);
	a->as_of = r->as_of_info;
	memcpy(a->params_digest, r->params_digest, sizeof a->params_digest);
	a->binary = o->outcome != AIRS_AUDIT_EXTERNAL_VALUE &&
	            o->outcome != AIRS_AUDIT_PLAN_HOURS;
	a->info.size = sizeof a->info;
	a->info.outcome = o->outcome;
	a->info.flag = o->outcome == AIRS_AUDIT_FLAG ? o->flag : 0;
	a->info.adverse = o->adverse ? o->adverse :
	                  o->outcome == AIRS_AUDIT_FLAG ? AIRS_AUDIT_ADVERSE_HIGH
	                                                : AIRS_AUDIT_ADVERSE_LOW;
	a->info.min_share = o->keep_small ? 0 :
	                    o->min_share > 0 ? o->min_share : AIRS_AUDIT_MIN_SHARE;
	a->info.min_group = r->pv.min_group;
	a->info.employees = r->n;
	a->info.table_count = k2 == AIRS__NONE ? 1 :
	                      o->include_intersection ? 3 : 2;
	return a;
}

int airs_audit(const airs_result *r, const airs_audit_options *o,
               airs_audit_report **out, airs_diag *diag)
{
	airs_audit_options opt = AIRS_AUDIT_OPTIONS_INIT;
	airs_audit_report *a;
	uint32_t k1 = AIRS__NONE, k2 = AIRS__NONE, *emp = NULL;
	double *y = NULL;
	size_t i, n;
	int rc;

	if (out)
		*out = NULL;
	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!r || !o || !out)
		return airs__diag_fail(diag, AIRS_EINVAL, "result, options and out must not be NULL");
	if (AIRS__IN(AUDIT_OPTIONS, &opt, o))
		return airs__diag_fail(diag, AIRS_EINVAL, "options %s",
		                       airs__struct_why(o, sizeof opt,
		                                        AIRS__FIRST(AUDIT_OPTIONS)));
	o = &opt;
	if ((rc = check(r, o, &k1, &k2, diag)))
		return rc;
	n = r->n;
	if (!(a = report_new(r, o, k2)))
		goto oom;
	if ((rc = airs_model_digest(r->model, a->input_digest)))
		goto fail;
	/* A table has a row per shown category and one other line; the
	 * intersection's cells are groups of people. */
	a->row_cap = 3 * n + 3;
	if (!(y = airs__calloc(&a->mem, n ? n : 1, sizeof *y)) ||
	    !(emp = airs__calloc(&a->mem, n ? n : 1, sizeof *emp)) ||
	    !(a->rows = airs__calloc(&a->mem, a->row_cap, sizeof *a->rows)))
		goto oom;
	if ((rc = outcomes(a, r, o, y, diag)))
		goto fail;
	for (i = 0; i < n; i++) {
		emp[i] = r->s[i].emp;
		if (!isnan(y[i]))
			a->info.population++;
	}
	if (airs__audit_build(a, y, emp, n, k1, k2,
	                      o->include_intersection && k2 != AIRS__NONE))
		goto oom;
	airs__free(&a->mem, y);
	airs__free(&a->mem, emp);
	*out = a;
	return AIRS_OK;
oom:
	rc = airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
fail:
	if (a) {
		airs__free(&a->mem, y);
		airs__free(&a->mem, emp);
	}
	airs_audit_free(a);
	return rc;
}

int airs_audit_info_get(const airs_audit_report *a, airs_audit_info *out)
{
	if (!a || AIRS__OUT_CHECK(AUDIT_INFO, out))
		return AIRS_EINVAL;
	AIRS__OUT(out, &a->info);
	return AIRS_OK;
}

int airs_audit_table_get(const airs_audit_report *a, size_t index,
                         airs_audit_table *out)
{
	if (!a || AIRS__OUT_CHECK(AUDIT_TABLE, out))
		return AIRS_EINVAL;
	if (index >= a->info.table_count)
		return AIRS_ERANGE;
	AIRS__OUT(out, &a->table[index]);
	return AIRS_OK;
}

int airs_audit_row_get(const airs_audit_report *a, size_t index, airs_audit_row *out)
{
	if (!a || AIRS__OUT_CHECK(AUDIT_ROW, out))
		return AIRS_EINVAL;
	if (index >= a->info.row_count)
		return AIRS_ERANGE;
	AIRS__OUT(out, &a->rows[index]);
	return AIRS_OK;
}

int airs_audit_write(const airs_audit_report *a, int format, airs_write_fn write,
                     void *user, airs_diag *diag)
{
	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!a || !write)
		return airs__diag_fail(diag, AIRS_EINVAL, "audit and writer must not be NULL");
	if (format != AIRS_AUDIT_JSON && format != AIRS_AUDIT_CSV)
		return airs__diag_fail(diag, AIRS_EINVAL, "unknown audit output format");
	switch (airs__audit_write(a, format == AIRS_AUDIT_CSV, write, user)) {
	case AIRS_OK:
		return AIRS_OK;
	case AIRS_ENOMEM:
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	default:
		return airs__diag_fail(diag, AIRS_EIO, "the writer stopped the output");
	}
}

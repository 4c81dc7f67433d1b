/*
 * drivers-write.c - the driver analysis as JSON or CSV
 * (docs/output-format.md, "Driver analysis"), through the record writer
 * the other exports use (record.h): one function per record writes both
 * syntaxes.
 */
#include "drivers-impl.h"

#include <math.h>

#include "airs/plan.h"
#include "error.h"
#include "export.h"
#include "record.h"

#define SCHEMA "airs-drivers/2"

static const char *const sign_names[] = { "negative", "none", "positive" };

/* A driver's figures; in CSV beside its group's. */
static void weight_fields(airs__rec *x, const airs_driver_weight *w)
{
	airs__f_str(x, "driver", w ? airs_driver_name(w->driver) : NULL);
	airs__f_num(x, "raw", w ? w->raw : 0);
	airs__f_interval(x, "raw_ci", w ? w->raw_ci : (airs_interval){ 0, 0 });
	airs__f_num(x, "rescaled", w ? w->rescaled : 0);
	airs__f_num(x, "lmg", w ? w->lmg : 0);
	airs__f_interval(x, "lmg_ci", w ? w->lmg_ci : (airs_interval){ 0, 0 });
	if (w && w->rank)
		airs__f_str(x, "sign", sign_names[w->sign + 1]);
	else
		airs__f_null(x, "sign");
	if (w && w->rank)
		airs__f_int(x, "rank", w->rank);
	else
		airs__f_null(x, "rank");
}

static void group_fields(airs__rec *x, const airs_drivers_group *g)
{
	airs__f_str(x, "unit_id", g ? g->unit_id : NULL);
	airs__f_str(x, "status", g ? airs_drivers_status_name(g->status) : NULL);
	airs__f_count(x, "n", g ? g->n : 0);
	airs__f_num(x, "r2", g ? g->r2 : 0);
	airs__f_interval(x, "r2_ci", g ? g->r2_ci : (airs_interval){ 0, 0 });
}

/* A focus area's figures (methodology 10.7); in CSV on its driver's
 * row, empty on the others (a NULL). */
static void focus_fields(airs__rec *x, const airs_focus_area *f)
{
	airs__f_str(x, "focus", f ? airs_focus_kind_name(f->kind) : NULL);
	if (f)
		airs__f_int(x, "focus_rank", f->rank);
	else
		airs__f_null(x, "focus_rank");
	airs__f_str(x, "importance_unit_id", f ? f->importance_unit_id : NULL);
	airs__f_num(x, "importance", f ? f->importance : NAN);
	airs__f_num(x, "favourable", f ? f->favourable : NAN);
	airs__f_num(x, "rest_favourable", f ? f->rest_favourable : NAN);
	airs__f_num(x, "difference", f ? f->difference : NAN);
	airs__f_interval(x, "difference_ci",
	                 f ? f->difference_ci : (airs_interval){ NAN, NAN });
	airs__f_num(x, "priority", f ? f->priority : NAN);
	airs__f_bool(x, "clear", f ? f->clear : -1);
	airs__f_str(x, "intervention",
	            f ? airs_intervention_name(f->intervention) : NULL);
}

/* Group g's focus area of driver, or NULL. */
static const airs_focus_area *focus_of(const airs_drivers *d, size_t g,
                                       int driver)
{
	const airs__dfocus *f = &d->focus[g];

	for (unsigned i = 0; i < f->n; i++)
		if (f->a[i].driver == driver)
			return &f->a[i];
	return NULL;
}

/* CSV: a row per group and driver (header pass: g NULL), with the
 * group's focus status and the driver's focus area where it is one. */
static void csv_row(airs__rec *x, const airs_drivers *d, size_t gi,
                    const airs_drivers_group *g, const airs_driver_weight *w)
{
	airs__record_begin(x);
	group_fields(x, g);
	weight_fields(x, w);
	airs__f_str(x, "focus_status",
	            g ? airs_focus_status_name(d->focus[gi].status) : NULL);
	focus_fields(x, g ? focus_of(d, gi, w->driver) : NULL);
	airs__record_end(x, 0);
}

static void json_group(airs__rec *x, const airs_drivers *d, size_t gi)
{
	airs_drivers_group g;

	airs__drivers_group(d, gi, &g);
	airs__record_begin(x);
	group_fields(x, &g);
	airs__json_key(&x->j, "weights");
	airs__array_begin(x);
	for (size_t j = 0; g.status == AIRS_DRIVERS_ANALYSED && j < d->k; j++) {
		airs_driver_weight w;
		airs__drivers_weight(d, gi, j, &w);
		airs__record_begin(x);
		weight_fields(x, &w);
		airs__record_end(x, 0);
	}
	airs__array_end(x);
	airs__f_str(x, "focus_status", airs_focus_status_name(d->focus[gi].status));
	airs__json_key(&x->j, "focus");
	airs__array_begin(x);
	for (unsigned i = 0; i < d->focus[gi].n; i++) {
		const airs_focus_area *f = &d->focus[gi].a[i];
		airs__record_begin(x);
		airs__f_str(x, "driver", airs_driver_name(f->driver));
		focus_fields(x, f);
		airs__f_uint(x, "respondents", f->respondents);
		airs__f_uint(x, "rest_respondents", f->rest_respondents);
		airs__record_end(x, 0);
	}
	airs__array_end(x);
	airs__record_end(x, 0);
}

static void json_head(airs__rec *x, const airs_drivers *d)
{
	const char *names[AIRS_DRIVER_COUNT_];

	airs__f_str(x, "schema", SCHEMA);
	airs__f_provenance(x, &d->prov);
	airs__f_str(x, "outcome", airs_outcome_name(d->outcome));
	for (size_t j = 0; j < d->k; j++)
		names[j] = airs_driver_name(d->driver[j]);
	airs__f_names(x, "drivers", names, d->k);
	airs__f_uint(x, "min_n", d->min_n);
	airs__f_int(x, "min_group", d->min_group);
	airs__f_uint(x, "reps", d->reps);
	airs__f_uint(x, "seed", d->seed);
	airs__f_str(x, "note", "association, not cause");
}

/* The groups to write: [lo, hi) of the order org, units 0 .. nu - 1. */
static size_t group_at(const airs_drivers *d, size_t i)
{
	return i == 0 ? d->nu : i - 1;
}

static void write_all(airs__rec *x, const airs_drivers *d, size_t lo,
                      size_t hi)
{
	if (x->csv) {
		x->header = 1;
		csv_row(x, d, 0, NULL, NULL);
		x->header = 0;
		for (size_t i = lo; i < hi; i++) {
			airs_drivers_group g;
			airs__drivers_group(d, group_at(d, i), &g);
			for (size_t j = 0; j < d->k; j++) {
				airs_driver_weight w;
				airs__drivers_weight(d, group_at(d, i), j, &w);
				csv_row(x, d, group_at(d, i), &g, &w);
			}
		}
		return;
	}
	airs__json_begin_object(&x->j, 0);
	json_head(x, d);
	airs__json_key(&x->j, "groups");
	airs__array_begin(x);
	for (size_t i = lo; i < hi; i++)
		json_group(x, d, group_at(d, i));
	airs__array_end(x);
	airs__json_end_object(&x->j);
	airs__json_finish(&x->j);
}

int airs_drivers_write(const airs_drivers *d, size_t unit, int output,
                       airs_write_fn write, void *user, airs_diag *diag)
{
	airs__rec x;
	size_t lo = 0, hi;

	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!d || !write)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "drivers and write must not be NULL");
	if (output != AIRS_OUTPUT_JSON && output != AIRS_OUTPUT_CSV)
		return airs__diag_fail(diag, AIRS_EINVAL, "unknown output %d",
		                       output);
	hi = d->nu + 1;
	if (unit == AIRS_ROLLUP_ORG)
		hi = 1;
	else if (unit != AIRS_DRIVERS_ALL && unit >= d->nu)
		return airs__diag_fail(diag, AIRS_ERANGE, "unit %zu is not one "
		                       "of the %zu units", unit, d->nu);
	else if (unit != AIRS_DRIVERS_ALL)
		lo = unit + 1, hi = unit + 2;
	airs__rec_init(&x, output == AIRS_OUTPUT_CSV, write, user);
	write_all(&x, d, lo, hi);
	if (airs__sink_finish(&x.sink))
		return airs__diag_fail(diag, AIRS_EIO, "the writer failed");
	return AIRS_OK;
}

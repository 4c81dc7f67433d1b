/*
 * tool-write.c - the tools table as JSON or CSV (docs/output-format.md,
 * "Tools"), through the record writer of the other exports (record.h):
 * one function writes a row in both syntaxes and the CSV header.
 */
#include "tool-impl.h"

#include <math.h>
#include <string.h>

#include "export.h"
#include "record.h"

#define SCHEMA "airs-tools/1"

static const char *signal_by_bit(int k)
{
	return airs_tool_signal_name(1 << k);
}

/* A count or share the table cannot know (lapsed and new users when the
 * usage log stops before the as-of month): null, and not suppressed. */
static void lapse_fields(airs__rec *x, const airs_tools *t,
                         const airs_tool_row *o)
{
	if (!t->lapse_known) {
		airs__f_null(x, "lapsed");
		airs__f_null(x, "lapsed_share");
		airs__f_interval(x, "lapsed_share_ci", o->lapsed_share_ci);
		airs__f_null(x, "new_users");
		return;
	}
	airs__f_count(x, "lapsed", o->lapsed);
	airs__f_survey(x, "lapsed_share", o->lapsed_share, o->users);
	airs__f_interval(x, "lapsed_share_ci", o->lapsed_share_ci);
	airs__f_count(x, "new_users", o->new_users);
}

/* The tool's registry entry, for its name, category and month. */
static const airs__tool *registered(const airs_tools *t, const airs_tool_row *o)
{
	uint32_t k;

	if (!o->tool_id)
		return NULL;
	k = airs__names_find(&t->m->usages.tool_ids, o->tool_id,
	                     strlen(o->tool_id));
	return k == AIRS__NONE ? NULL : airs__tool_at(t->m, k);
}

static void benefit_fields(airs__rec *x, const airs_tool_row *o)
{
	if (o->kind != AIRS_TOOL_KIND_TOOL) {   /* a set has no benefit */
		airs__f_null(x, "benefit_respondents");
		airs__f_null(x, "benefit");
		airs__f_interval(x, "benefit_ci", o->benefit_ci);
		return;
	}
	airs__f_count(x, "benefit_respondents", o->benefit_respondents);
	airs__f_survey(x, "benefit", o->benefit, o->benefit_respondents);
	airs__f_interval(x, "benefit_ci", o->benefit_ci);
}

/* One row (o NULL: the CSV header). */
static void row_record(airs__rec *x, const airs_tools *t, const airs_tool_row *o)
{
	static const airs_tool_row none = AIRS_TOOL_ROW_INIT;
	const airs__tool *reg;

	if (!o)
		o = &none;
	reg = registered(t, o);
	airs__record_begin(x);
	airs__f_str(x, "scope", airs_tool_scope_name(o->scope));
	airs__f_str(x, "unit_id", o->unit_id);
	airs__f_str(x, "role_id", o->role_id);
	airs__f_str(x, "kind", airs_tool_kind_name(o->kind));
	airs__f_str(x, "tool_id", o->tool_id);
	airs__f_str(x, "tool_name", reg ? reg->name : NULL);
	airs__f_str(x, "category", reg && *reg->category ? reg->category : NULL);
	airs__f_bool(x, "registered", o->kind == AIRS_TOOL_KIND_TOOL ? o->registered : -1);
	airs__f_bool(x, "sanctioned", o->sanctioned);
	airs__f_uint(x, "headcount", o->headcount);
	airs__f_count(x, "users", o->users);
	airs__f_survey(x, "active_share", o->active_share, o->users);
	airs__f_interval(x, "active_share_ci", o->active_share_ci);
	airs__f_count(x, "habitual", o->habitual);
	airs__f_survey(x, "habitual_share", o->habitual_share, o->users);
	airs__f_interval(x, "habitual_share_ci", o->habitual_share_ci);
	lapse_fields(x, t, o);
	airs__f_count(x, "active_days", o->active_days);
	airs__f_survey(x, "activity_share", o->activity_share, o->active_days);
	airs__f_survey(x, "active_days_median", o->active_days_median, o->users);
	airs__f_survey(x, "first_use_months_median", o->first_use_months_median,
	               reg && reg->available && o->users == AIRS_SUPPRESSED
	                       ? AIRS_SUPPRESSED : 0);
	benefit_fields(x, o);
	airs__f_bits(x, "signals", o->signals, AIRS_TOOL_SIGNAL_BITS_,
	             signal_by_bit);
	airs__record_end(x, 1);
}

int airs__tools_rows(airs__rec *x, const airs_tools *t, size_t u0, size_t u1,
                     int org)
{
	size_t g, k, nu = t->tree.nu;

	if (airs__header_pass(x))
		row_record(x, t, NULL);
	airs__rows_begin(x);
	for (g = 0; g < t->ng && x->sink.status == AIRS_OK; g++) {
		if (g < nu ? g < u0 || g >= u1 : !org)
			continue;
		for (k = 0; k < t->kinds; k++) {
			airs_tool_row o = AIRS_TOOL_ROW_INIT;
			airs__tools_publish(t, g, t->rowx[k], &o);
			row_record(x, t, &o);
		}
	}
	airs__array_end(x);
	return AIRS_OK;
}

static int write_json(airs__rec *x, const airs_tools *t)
{
	airs_provenance p = AIRS_PROVENANCE_INIT;
	char lo[8], hi[8];
	int rc;

	if ((rc = airs__provenance(t->m, &t->as_of, t->params_digest, &p)))
		return rc;
	airs_month_format(t->lo, lo);
	airs_month_format(t->hi, hi);
	airs__json_begin_object(&x->j, 0);
	airs__f_str(x, "schema", SCHEMA);
	airs__f_provenance(x, &p);
	airs__json_key(&x->j, "window");
	airs__record_begin(x);
	airs__f_str(x, "first", lo);
	airs__f_str(x, "last", hi);
	airs__f_int(x, "recent_months", t->pv.tool_recent_months);
	airs__f_bool(x, "lapse_known", t->lapse_known);
	airs__record_end(x, 0);
	airs__f_bool(x, "registry", t->registry);
	airs__f_int(x, "min_group", t->pv.min_group);
	airs__json_key(&x->j, "rows");
	airs__tools_rows(x, t, 0, t->tree.nu, 1);
	airs__json_end_object(&x->j);
	airs__json_finish(&x->j);
	return AIRS_OK;
}

int airs_tools_write(const airs_tools *t, int output, airs_write_fn write,
                     void *user, airs_diag *diag)
{
	airs__rec *x;
	int rc = AIRS_OK;

	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!t || !write)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "tools and writer must not be NULL");
	if (output != AIRS_OUTPUT_JSON && output != AIRS_OUTPUT_CSV)
		return airs__diag_fail(diag, AIRS_EINVAL, "unknown output syntax");
	x = airs__malloc(&t->mem, sizeof *x);  /* mostly the output buffer */
	if (!x)
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	airs__rec_init(x, output == AIRS_OUTPUT_CSV, write, user);
	if (x->csv)
		airs__tools_rows(x, t, 0, t->tree.nu, 1);
	else
		rc = write_json(x, t);
	if (!rc || x->sink.status)
		rc = airs__sink_finish(&x->sink) ? AIRS_EIO : rc;
	airs__free(&t->mem, x);
	if (rc == AIRS_EIO)
		return airs__diag_fail(diag, rc, "the writer failed");
	if (rc)
		return airs__diag_fail(diag, rc, "out of memory");
	return AIRS_OK;
}

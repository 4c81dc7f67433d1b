/*
 * audit-write.c - the audit as JSON or CSV (docs/output-format.md, "Audit
 * tables"), through the record writer the result and plan exports use
 * (record.h): one function per record writes both syntaxes.
 */
#include "audit-impl.h"

#include <stdio.h>

#include "export.h"
#include "num.h"
#include "record.h"

#define SCHEMA "airs-audit/2"

static const char *const outcome_names[] = {
	"above_median", "at_target", "flag", "external_binary", "external_value",
	"plan_selected", "plan_hours"
};
static const char *const kind_names[] = { "first", "second", "intersection" };

static const char *direction(int adverse)
{
	return adverse == AIRS_AUDIT_ADVERSE_HIGH ? "high" : "low";
}

/* The category of a row as names: one or two values, none for the other
 * line. */
static size_t category(const airs_audit_row *w, const char *names[2])
{
	if (w->other)
		return 0;
	names[0] = w->value;
	names[1] = w->value2;
	return w->value2 ? 2 : 1;
}

/* One row.  CSV: the table's index and attributes beside it, the
 * category as two columns; JSON: the category as an array (null for the
 * other line). */
static void row_record(airs__rec *x, const airs_audit_report *a, size_t t,
                       const airs_audit_row *w)
{
	const airs_audit_table *tb = &a->table[t];
	const char *names[2];
	char lt[24];
	size_t nc = w ? category(w, names) : 0;

	snprintf(lt, sizeof lt, "<%d", a->info.min_group);
	airs__record_begin(x);
	if (x->csv) {
		airs__f_uint(x, "table", t);
		airs__f_str(x, "kind", w && w->other ? "other" : "category");
		airs__f_str(x, "attribute", tb->attribute);
		airs__f_str(x, "value", nc > 0 ? names[0] : NULL);
		airs__f_str(x, "attribute2", tb->attribute2);
		airs__f_str(x, "value2", nc > 1 ? names[1] : NULL);
	} else if (nc) {
		airs__f_names(x, "category", names, nc);
	} else {
		airs__f_null(x, "category");
	}
	airs__f_bool(x, "other", w && w->other);
	if (w && w->count == AIRS_AUDIT_SUPPRESSED && w->other)
		airs__f_str(x, "count", lt);    /* fewer than k, not shown */
	else if (w && w->count == AIRS_AUDIT_SUPPRESSED)
		airs__f_null(x, "count");       /* withheld: k or more */
	else
		airs__f_uint(x, "count", w ? w->count : 0);
	airs__f_num(x, "selected", w ? w->selected : 0);
	airs__f_num(x, "rate", w ? w->rate : 0);
	airs__f_num(x, "impact_ratio", w ? w->impact_ratio : 0);
	airs__f_num(x, "adverse_ratio", w ? w->adverse_ratio : 0);
	airs__f_num(x, "ratio_low", w ? w->ratio_low : 0);
	airs__f_num(x, "ratio_high", w ? w->ratio_high : 0);
	airs__f_num(x, "p_value", w ? w->p_value : 0);
	airs__f_bool(x, "adverse", w && w->adverse);
	airs__f_bool(x, "significant", w && w->significant);
	airs__f_bool(x, "excluded", w && w->excluded);
	airs__f_bool(x, "withheld", w && w->suppressed);
	airs__f_bool(x, "reference", w && w->reference);
	airs__f_bool(x, "favourable", w && w->favourable);
	airs__record_end(x, 0);
}

/* A row's category as a JSON value, for a table's reference. */
static void category_value(airs__rec *x, const char *key,
                           const airs_audit_report *a, size_t row)
{
	const char *names[2];

	if (row == AIRS_AUDIT_NONE)
		airs__f_null(x, key);
	else
		airs__f_names(x, key, names, category(&a->rows[row], names));
}

static void table_json(airs__rec *x, const airs_audit_report *a, size_t t)
{
	const airs_audit_table *tb = &a->table[t];
	const char *attrs[2] = { tb->attribute, tb->attribute2 };
	size_t i;

	airs__json_begin_object(&x->j, 0);
	airs__f_str(x, "kind", kind_names[tb->kind]);
	airs__f_names(x, "attributes", attrs, tb->attribute2 ? 2 : 1);
	airs__f_str(x, "adverse", direction(tb->adverse));
	airs__f_bool(x, "informative", tb->informative);
	airs__f_uint(x, "excluded", tb->excluded);
	airs__f_uint(x, "excluded_categories", tb->excluded_categories);
	airs__f_uint(x, "withheld_categories", tb->suppressed_categories);
	category_value(x, "reference", a, tb->reference);
	category_value(x, "favourable", a, tb->favourable);
	airs__json_key(&x->j, "rows");
	airs__array_begin(x);
	for (i = tb->first_row; i < tb->first_row + tb->row_count; i++)
		row_record(x, a, t, &a->rows[i]);
	airs__array_end(x);
	airs__json_end_object(&x->j);
}

static int write_json(airs__rec *x, const airs_audit_report *a)
{
	const airs_audit_info *in = &a->info;
	airs_provenance p = AIRS_PROVENANCE_INIT;
	size_t t;
	int rc;

	if ((rc = airs__provenance(a->model, &a->as_of, a->params_digest, &p)))
		return rc;
	airs__json_begin_object(&x->j, 0);
	airs__f_str(x, "schema", SCHEMA);
	airs__f_provenance(x, &p);
	airs__f_str(x, "outcome", outcome_names[in->outcome]);
	airs__f_str(x, "flag", in->flag ? airs_flag_name(in->flag) : NULL);
	airs__f_str(x, "adverse", direction(in->adverse));
	airs__f_num(x, "median", in->median);
	airs__f_num(x, "threshold", AIRS_AUDIT_THRESHOLD);
	airs__f_num(x, "alpha", AIRS_AUDIT_ALPHA);
	airs__f_num(x, "min_share", in->min_share);
	airs__f_int(x, "min_group", in->min_group);
	airs__f_uint(x, "employees", in->employees);
	airs__f_uint(x, "population", in->population);
	airs__f_bool(x, "informative", in->informative);
	airs__json_key(&x->j, "tables");
	airs__json_begin_array(&x->j, 0);
	for (t = 0; t < in->table_count; t++)
		table_json(x, a, t);
	airs__json_end_array(&x->j);
	airs__json_end_object(&x->j);
	airs__json_finish(&x->j);
	return AIRS_OK;
}

static void write_csv(airs__rec *x, const airs_audit_report *a)
{
	size_t t, i;

	x->header = 1;
	row_record(x, a, 0, NULL);
	x->header = 0;
	for (t = 0; t < a->info.table_count; t++)
		for (i = a->table[t].first_row;
		     i < a->table[t].first_row + a->table[t].row_count; i++)
			row_record(x, a, t, &a->rows[i]);
}

int airs__audit_write(const airs_audit_report *a, int csv,
                      airs_write_fn write, void *user)
{
	airs__rec x;
	int rc = AIRS_OK;

	airs__rec_init(&x, csv, write, user);
	if (csv)
		write_csv(&x, a);
	else
		rc = write_json(&x, a);
	if (airs__sink_finish(&x.sink))
		return AIRS_EIO;
	return rc;
}

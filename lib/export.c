/*
 * export.c - the tables of a result as JSON or CSV (docs/output-format.md).
 *
 * Each kind of record is written by one function that names its fields in
 * their documented order; the same function writes a JSON object, a CSV
 * row, or (in a header pass) the CSV header, so the two syntaxes cannot
 * drift apart.  Nested JSON groups ("components", "flags", ...) become
 * flat CSV columns, prefixed where a bare name would be ambiguous.
 *
 * Everything is read from the result and its rollup in orders that do not
 * depend on the order rows were added in: employees by id, units in tree
 * order, constructs in enum order, skills by id.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/export.h"
#include "csvout.h"
#include "error.h"
#include "json.h"
#include "num.h"
#include "score.h"

#define SCHEMA "airs-result/1"

static const char *const table_names[] = { "employees", "units", "constructs",
                                           "skill_gaps", "provenance", "all" };
static const char *const level_names[] = { "awareness", "active", "operational",
                                           "systemic", "transformational" };

const char *airs_table_name(int table)
{
	return table >= 0 && table <= AIRS_TABLE_ALL ? table_names[table] : NULL;
}

int airs_result_provenance(const airs_result *r, airs_provenance *out)
{
	char digest[65];
	int rc;

	if (!r || !out || out->size < sizeof *out)
		return AIRS_EINVAL;
	rc = airs_model_digest(r->model, digest);
	if (rc)
		return rc;
	out->library_version = airs_version();
	out->methodology_version = AIRS_METHODOLOGY_VERSION;
	out->as_of = r->as_of;
	memcpy(out->params_digest, r->params_digest, sizeof out->params_digest);
	memcpy(out->input_digest, digest, sizeof out->input_digest);
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Fields, in either syntax
 * ---------------------------------------------------------------------- */

struct ex {
	const airs_result *r;
	const airs_rollup *ru;
	int csv;
	int header;           /* CSV: write column names instead of values */
	const char *group;    /* JSON key of the open group, or NULL */
	const char *prefix;   /* CSV column prefix of the open group */
	char supp[512];       /* suppressed fields of the record, space-separated */
	size_t nsupp;
	uint32_t *skills;     /* rollup skill indexes, by id */
	size_t ns;
	airs__sink sink;
	airs__json j;
	airs__csvout c;
};

/* Start a field: its key in JSON, its column name in a CSV header pass.
 * Returns 1 when its value is to be written. */
static int field(struct ex *x, const char *name)
{
	char col[96];

	if (!x->csv) {
		airs__json_key(&x->j, name);
		return 1;
	}
	if (!x->header)
		return 1;
	snprintf(col, sizeof col, "%s%s", x->prefix, name);
	airs__csvout_string(&x->c, col);
	return 0;
}

static void f_str(struct ex *x, const char *name, const char *s)
{
	if (field(x, name)) {
		if (x->csv)
			airs__csvout_string(&x->c, s);
		else
			airs__json_string(&x->j, s);
	}
}

static void f_num(struct ex *x, const char *name, double v)
{
	if (field(x, name)) {
		if (x->csv)
			airs__csvout_number(&x->c, v);
		else
			airs__json_number(&x->j, v);
	}
}

static void f_uint(struct ex *x, const char *name, uint64_t v)
{
	if (field(x, name)) {
		if (x->csv)
			airs__csvout_uint(&x->c, v);
		else
			airs__json_uint(&x->j, v);
	}
}

static void f_int(struct ex *x, const char *name, long long v)
{
	if (field(x, name)) {
		if (x->csv)
			airs__csvout_int(&x->c, v);
		else
			airs__json_int(&x->j, v);
	}
}

static void f_null(struct ex *x, const char *name)
{
	if (field(x, name)) {
		if (x->csv)
			airs__csvout_empty(&x->c);
		else
			airs__json_null(&x->j);
	}
}

/* A level or target: 0 (unknown, none) is null. */
static void f_level(struct ex *x, const char *name, int v)
{
	if (v)
		f_int(x, name, v);
	else
		f_null(x, name);
}

/* Booleans are true/false in JSON and 1/0 in CSV; v < 0 is null. */
static void f_bool(struct ex *x, const char *name, int v)
{
	if (v < 0)
		f_null(x, name);
	else if (field(x, name)) {
		if (x->csv)
			airs__csvout_int(&x->c, v != 0);
		else
			airs__json_bool(&x->j, v);
	}
}

/* A set of names: a JSON array of strings, a CSV field of names separated
 * by single spaces ("" when empty). */
static void f_names(struct ex *x, const char *name, const char *const *names,
                    size_t n)
{
	size_t i, len = 0;
	char buf[512];

	if (!field(x, name))
		return;
	if (!x->csv) {
		airs__json_begin_array(&x->j, 1);
		for (i = 0; i < n; i++)
			airs__json_string(&x->j, names[i]);
		airs__json_end_array(&x->j);
		return;
	}
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		size_t k = strlen(names[i]);
		if (len + k + 2 > sizeof buf)
			break; /* cannot happen with the library's names */
		if (len)
			buf[len++] = ' ';
		memcpy(buf + len, names[i], k + 1);
		len += k;
	}
	airs__csvout_string(&x->c, buf);
}

/* The names of the bits set in `bits`, named by fn(bit index). */
static void f_bits(struct ex *x, const char *name, unsigned bits, int count,
                   const char *(*fn)(int k))
{
	const char *names[32];
	size_t n = 0;
	int k;

	for (k = 0; k < count && k < 32; k++)
		if (bits & (1u << k))
			names[n++] = fn(k);
	f_names(x, name, names, n);
}

static const char *flag_by_bit(int k) { return airs_flag_name(1 << k); }

static void group_begin(struct ex *x, const char *name, const char *prefix)
{
	x->group = name;
	if (x->csv) {
		x->prefix = prefix;
		return;
	}
	airs__json_key(&x->j, name);
	airs__json_begin_object(&x->j, 1);
}

static void group_end(struct ex *x)
{
	x->group = NULL;
	x->prefix = "";
	if (!x->csv)
		airs__json_end_object(&x->j);
}

/* Note a suppressed field of the current record as "group.name". */
static void note_suppressed(struct ex *x, const char *name)
{
	char path[96];
	size_t k;

	k = (size_t)snprintf(path, sizeof path, "%s%s%s", x->group ? x->group : "",
	                     x->group ? "." : "", name);
	if (k >= sizeof path || x->nsupp + k + 2 > sizeof x->supp)
		return; /* cannot happen with the library's names */
	if (x->nsupp)
		x->supp[x->nsupp++] = ' ';
	memcpy(x->supp + x->nsupp, path, k + 1);
	x->nsupp += k;
}

/* A respondent count that may be withheld for anonymity. */
static void f_count(struct ex *x, const char *name, uint64_t v)
{
	if (v == AIRS_SUPPRESSED) {
		note_suppressed(x, name);
		f_null(x, name);
	} else {
		f_uint(x, name, v);
	}
}

/* A survey value over `count` respondents: NaN is suppressed when the
 * count is suppressed or positive, and simply absent when it is 0. */
static void f_survey(struct ex *x, const char *name, double v, uint64_t count)
{
	if (isnan(v) && count != 0)
		note_suppressed(x, name);
	f_num(x, name, v);
}

static void record_begin(struct ex *x)
{
	x->nsupp = 0;
	x->supp[0] = '\0';
	if (!x->csv)
		airs__json_begin_object(&x->j, 1);
}

/* Close a record, with its list of suppressed fields when it has one. */
static void record_end(struct ex *x, int has_suppressed)
{
	if (has_suppressed) {
		const char *names[32];
		size_t n = 0;
		char *p = x->supp;

		/* split the space-separated list in place for f_names */
		while (*p && n < 32) {
			names[n++] = p;
			p += strcspn(p, " ");
			if (*p)
				*p++ = '\0';
		}
		f_names(x, "suppressed", names, n);
	}
	if (x->csv)
		airs__csvout_end_row(&x->c);
	else
		airs__json_end_object(&x->j);
}

/* ------------------------------------------------------------------------
 * Records
 * ---------------------------------------------------------------------- */

static void employee_record(struct ex *x, const airs_employee_score *e,
                            const double *constructs)
{
	int k, below = e->level && e->target ? e->level < e->target : -1;

	record_begin(x);
	f_str(x, "id", e->id);
	f_str(x, "unit_id", e->unit_id);
	f_str(x, "role_id", e->role_id);
	f_bool(x, "is_leader", e->is_leader);
	f_num(x, "readiness", e->readiness);
	f_level(x, "level", e->level);
	f_str(x, "level_name", e->level >= 1 && e->level <= 5 ? level_names[e->level - 1]
	                                                      : NULL);
	f_level(x, "target", e->target);
	f_num(x, "gap_levels", e->gap_levels);
	f_num(x, "gap_points", e->gap_points);
	f_bool(x, "below_target", below);
	f_bits(x, "coverage", e->coverage, AIRS_COMPONENT_COUNT_, airs_component_name);
	f_bits(x, "withheld", e->withheld, AIRS_COMPONENT_COUNT_, airs_component_name);
	f_num(x, "skill_coverage", e->skill_coverage);
	group_begin(x, "components", "");
	for (k = 0; k < AIRS_COMPONENT_COUNT_; k++)
		f_num(x, airs_component_name(k), e->component[k]);
	group_end(x);
	group_begin(x, "adkar", "");
	for (k = 0; k < AIRS_ADKAR_COUNT_; k++)
		f_num(x, airs_adkar_name(k), e->adkar[k] ? e->adkar[k] : NAN);
	group_end(x);
	f_str(x, "barrier", airs_barrier_name(e->barrier));
	f_bits(x, "flags", e->flags, AIRS_FLAG_COUNT_, flag_by_bit);
	f_bits(x, "flags_evaluated", e->flags_evaluated, AIRS_FLAG_COUNT_, flag_by_bit);
	if (constructs) {
		group_begin(x, "constructs", "construct_");
		for (k = 0; k < AIRS_CONSTRUCT_COUNT_; k++)
			f_num(x, airs_construct_name(k), constructs[k]);
		group_end(x);
	}
	record_end(x, 0);
}

/* The fields of a construct aggregate, after the record's keys. */
static void construct_fields(struct ex *x, const airs_construct_score *c)
{
	uint64_t both = c->leaders == AIRS_SUPPRESSED || c->staff == AIRS_SUPPRESSED
	                        ? AIRS_SUPPRESSED
	                        : (c->leaders < c->staff ? c->leaders : c->staff);

	f_count(x, "respondents", c->respondents);
	f_survey(x, "mean", c->mean, c->respondents);
	f_survey(x, "favourable", c->favourable, c->respondents);
	f_survey(x, "unfavourable", c->unfavourable, c->respondents);
	f_count(x, "leaders", c->leaders);
	f_count(x, "staff", c->staff);
	f_survey(x, "leaders_mean", c->leaders_mean, c->leaders);
	f_survey(x, "staff_mean", c->staff_mean, c->staff);
	f_survey(x, "perception_gap", c->perception_gap, both);
}

static size_t unit_key(size_t i, size_t nu)
{
	return i < nu ? i : AIRS_ROLLUP_ORG;
}

/* Unit i (i == unit count: the organisation).  `nested`: the JSON
 * document, where a unit also carries its constructs and skill gaps. */
static int unit_record(struct ex *x, size_t i, int nested)
{
	static const char *const level_keys[] = { "unknown", "1", "2", "3", "4", "5" };
	airs_unit_score u = AIRS_UNIT_SCORE_INIT;
	size_t nu = airs_rollup_unit_count(x->ru), s;
	int k, rc;

	if (!x->header && (rc = airs_rollup_unit(x->ru, unit_key(i, nu), &u)) != 0)
		return rc;
	record_begin(x);
	f_str(x, "scope", i < nu ? "unit" : "organisation");
	f_str(x, "id", u.id);
	f_str(x, "name", u.name);
	f_str(x, "parent_id", u.parent_id);
	f_int(x, "depth", u.depth);
	f_uint(x, "headcount", u.headcount);
	f_uint(x, "scored", u.scored);
	f_num(x, "readiness_mean", u.readiness_mean);
	f_num(x, "readiness_median", u.readiness_median);
	group_begin(x, "levels", "level_");
	for (k = 0; k < 6; k++)
		f_uint(x, level_keys[k], u.levels[k]);
	group_end(x);
	f_level(x, "target", u.target);
	f_uint(x, "with_target", u.with_target);
	f_num(x, "gap_mean", u.gap_mean);
	f_num(x, "below_target_share", u.below_target_share);
	group_begin(x, "flags", "flag_");
	for (k = 0; k < AIRS_FLAG_COUNT_; k++)
		f_count(x, airs_flag_name(1 << k), u.flags[k]);
	group_end(x);
	f_survey(x, "net_score", u.net_score, u.net_respondents);
	f_count(x, "net_respondents", u.net_respondents);
	f_survey(x, "time_saved", u.time_saved, u.time_saved_respondents);
	f_count(x, "time_saved_respondents", u.time_saved_respondents);
	if (nested) {
		/* each construct and skill is a record of its own, with its own
		 * suppressed list; keep the unit's list aside meanwhile */
		char supp[sizeof x->supp];
		size_t nsupp = x->nsupp;

		memcpy(supp, x->supp, sizeof supp);
		airs__json_key(&x->j, "constructs");
		airs__json_begin_object(&x->j, 1);
		for (k = 0; k < AIRS_CONSTRUCT_COUNT_; k++) {
			airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
			rc = airs_rollup_construct(x->ru, unit_key(i, nu), k, &c);
			if (rc)
				return rc;
			airs__json_key(&x->j, airs_construct_name(k));
			record_begin(x);
			construct_fields(x, &c);
			record_end(x, 1);
		}
		airs__json_end_object(&x->j);
		airs__json_key(&x->j, "skill_gaps");
		airs__json_begin_object(&x->j, 1);
		for (s = 0; s < x->ns; s++) {
			double gap;
			uint64_t n;
			rc = airs_rollup_skill(x->ru, unit_key(i, nu), x->skills[s], &gap, &n);
			if (rc)
				return rc;
			airs__json_key(&x->j, airs_rollup_skill_id(x->ru, x->skills[s]));
			record_begin(x);
			f_uint(x, "count", n);
			f_num(x, "mean_gap", gap);
			record_end(x, 0);
		}
		airs__json_end_object(&x->j);
		memcpy(x->supp, supp, sizeof supp);
		x->nsupp = nsupp;
	}
	record_end(x, 1);
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Tables
 * ---------------------------------------------------------------------- */

static void array_begin(struct ex *x)
{
	if (!x->csv)
		airs__json_begin_array(&x->j, 0);
}

static void array_end(struct ex *x)
{
	if (!x->csv)
		airs__json_end_array(&x->j);
}

static int write_employees(struct ex *x)
{
	const airs_result *r = x->r;
	double cs[AIRS_CONSTRUCT_COUNT_];
	int optin = r->construct != NULL;
	size_t i;
	int rc;

	if (x->csv) {
		airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
		x->header = 1;
		employee_record(x, &e, optin ? cs : NULL);
		x->header = 0;
	}
	array_begin(x);
	for (i = 0; i < r->n && x->sink.status == AIRS_OK; i++) {
		airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
		if ((rc = airs_result_employee(r, i, &e)) != 0 ||
		    (optin && (rc = airs_result_sentiment(r, i, cs)) != 0))
			return rc;
		employee_record(x, &e, optin ? cs : NULL);
	}
	array_end(x);
	return AIRS_OK;
}

/* Units in tree order; the organisation last unless `org` is 0. */
static int write_units(struct ex *x, int nested, int org)
{
	size_t i, nu = airs_rollup_unit_count(x->ru);
	int rc;

	if (x->csv) {
		x->header = 1;
		unit_record(x, 0, 0);
		x->header = 0;
	}
	array_begin(x);
	for (i = 0; i < nu + (org != 0) && x->sink.status == AIRS_OK; i++)
		if ((rc = unit_record(x, i, nested)) != 0)
			return rc;
	array_end(x);
	return AIRS_OK;
}

static int write_constructs(struct ex *x)
{
	size_t i, nu = airs_rollup_unit_count(x->ru);
	int k, rc;

	if (x->csv) {
		airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
		x->header = 1;
		record_begin(x);
		f_str(x, "scope", NULL);
		f_str(x, "unit_id", NULL);
		f_str(x, "construct", NULL);
		construct_fields(x, &c);
		record_end(x, 1);
		x->header = 0;
	}
	array_begin(x);
	for (i = 0; i <= nu && x->sink.status == AIRS_OK; i++)
		for (k = 0; k < AIRS_CONSTRUCT_COUNT_; k++) {
			airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
			airs_unit_score u = AIRS_UNIT_SCORE_INIT;
			if ((rc = airs_rollup_unit(x->ru, unit_key(i, nu), &u)) != 0 ||
			    (rc = airs_rollup_construct(x->ru, unit_key(i, nu), k, &c)) != 0)
				return rc;
			record_begin(x);
			f_str(x, "scope", i < nu ? "unit" : "organisation");
			f_str(x, "unit_id", u.id);
			f_str(x, "construct", airs_construct_name(k));
			construct_fields(x, &c);
			record_end(x, 1);
		}
	array_end(x);
	return AIRS_OK;
}

static int write_skill_gaps(struct ex *x)
{
	size_t i, s, nu = airs_rollup_unit_count(x->ru);
	int rc;

	if (x->csv) {
		x->header = 1;
		record_begin(x);
		f_str(x, "scope", NULL);
		f_str(x, "unit_id", NULL);
		f_str(x, "skill_id", NULL);
		f_uint(x, "count", 0);
		f_num(x, "mean_gap", 0);
		record_end(x, 0);
		x->header = 0;
	}
	array_begin(x);
	for (i = 0; i <= nu && x->sink.status == AIRS_OK; i++)
		for (s = 0; s < x->ns; s++) {
			airs_unit_score u = AIRS_UNIT_SCORE_INIT;
			double gap;
			uint64_t n;
			if ((rc = airs_rollup_unit(x->ru, unit_key(i, nu), &u)) != 0 ||
			    (rc = airs_rollup_skill(x->ru, unit_key(i, nu), x->skills[s],
			                            &gap, &n)) != 0)
				return rc;
			record_begin(x);
			f_str(x, "scope", i < nu ? "unit" : "organisation");
			f_str(x, "unit_id", u.id);
			f_str(x, "skill_id", airs_rollup_skill_id(x->ru, x->skills[s]));
			f_uint(x, "count", n);
			f_num(x, "mean_gap", gap);
			record_end(x, 0);
		}
	array_end(x);
	return AIRS_OK;
}

static int write_provenance(struct ex *x)
{
	airs_provenance p = AIRS_PROVENANCE_INIT;
	char as_of[11];
	const char *keys[6], *values[6];
	size_t i;
	int rc;

	if ((rc = airs_result_provenance(x->r, &p)) != 0)
		return rc;
	airs_date_format(p.as_of, as_of);
	keys[0] = "schema", values[0] = SCHEMA;
	keys[1] = "library_version", values[1] = p.library_version;
	keys[2] = "methodology_version", values[2] = p.methodology_version;
	keys[3] = "as_of", values[3] = as_of;
	keys[4] = "params_digest", values[4] = p.params_digest;
	keys[5] = "input_digest", values[5] = p.input_digest;
	if (x->csv) {
		airs__csvout_string(&x->c, "key");
		airs__csvout_string(&x->c, "value");
		airs__csvout_end_row(&x->c);
		for (i = 0; i < 6; i++) {
			airs__csvout_string(&x->c, keys[i]);
			airs__csvout_string(&x->c, values[i]);
			airs__csvout_end_row(&x->c);
		}
		return AIRS_OK;
	}
	airs__json_begin_object(&x->j, 0);
	for (i = 0; i < 6; i++) {
		airs__json_key(&x->j, keys[i]);
		airs__json_string(&x->j, values[i]);
	}
	airs__json_end_object(&x->j);
	return AIRS_OK;
}

static void write_parameters(struct ex *x)
{
	char text[AIRS__NUM_MAX];
	const char *name;
	size_t i;

	airs__json_begin_object(&x->j, 0);
	for (i = 0; (name = airs_params_describe(i, NULL, NULL)) != NULL; i++) {
		airs__params_text(&x->r->pv, i, text);
		airs__json_key(&x->j, name);
		airs__json_string(&x->j, text);
	}
	airs__json_end_object(&x->j);
}

static int write_all(struct ex *x)
{
	size_t nu = airs_rollup_unit_count(x->ru);
	int rc;

	airs__json_begin_object(&x->j, 0);
	airs__json_key(&x->j, "schema");
	airs__json_string(&x->j, SCHEMA);
	airs__json_key(&x->j, "provenance");
	if ((rc = write_provenance(x)) != 0)
		return rc;
	airs__json_key(&x->j, "parameters");
	write_parameters(x);
	airs__json_key(&x->j, "organisation");
	if ((rc = unit_record(x, nu, 1)) != 0)
		return rc;
	airs__json_key(&x->j, "units");
	if ((rc = write_units(x, 1, 0)) != 0)
		return rc;
	airs__json_key(&x->j, "employees");
	if ((rc = write_employees(x)) != 0)
		return rc;
	airs__json_end_object(&x->j);
	return AIRS_OK;
}

/* Rollup skill indexes in id order: the model's skill order is the order
 * of addition, which must not show in the output. */
static int sort_skills(struct ex *x)
{
	size_t i;

	x->ns = airs_rollup_skill_count(x->ru);
	x->skills = airs__malloc(&x->r->mem, (x->ns ? x->ns : 1) * sizeof *x->skills);
	if (!x->skills)
		return AIRS_ENOMEM;
	for (i = 0; i < x->ns; i++)
		x->skills[i] = (uint32_t)i;
	/* insertion sort by id: no shared comparator state between threads */
	for (i = 1; i < x->ns; i++) {
		uint32_t v = x->skills[i];
		size_t j = i;
		while (j > 0 && strcmp(airs_rollup_skill_id(x->ru, x->skills[j - 1]),
		                       airs_rollup_skill_id(x->ru, v)) > 0) {
			x->skills[j] = x->skills[j - 1];
			j--;
		}
		x->skills[j] = v;
	}
	return AIRS_OK;
}

static int fail(airs_diag *diag, int status, const char *msg)
{
	airs__diag_set(diag, status, AIRS_SEVERITY_ERROR, NULL, 0, 0, "%s", msg);
	return status;
}

int airs_result_write(const airs_result *r, int table, int output,
                      airs_write_fn write, void *user, airs_diag *diag)
{
	struct ex *x;
	int rc;

	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!r || !write)
		return fail(diag, AIRS_EINVAL, "result and writer must not be NULL");
	if (output != AIRS_OUTPUT_JSON && output != AIRS_OUTPUT_CSV)
		return fail(diag, AIRS_EINVAL, "unknown output syntax");
	if (table < 0 || table > AIRS_TABLE_ALL)
		return fail(diag, AIRS_EINVAL, "unknown table");
	if (table == AIRS_TABLE_ALL && output == AIRS_OUTPUT_CSV)
		return fail(diag, AIRS_EINVAL,
		            "the whole result is a JSON document: write its tables "
		            "as CSV one at a time");
	/* about 5 KB, mostly the output buffer: kept off the caller's stack */
	x = airs__malloc(&r->mem, sizeof *x);
	if (!x)
		return fail(diag, AIRS_ENOMEM, "out of memory");
	memset(x, 0, offsetof(struct ex, sink));
	x->r = r;
	x->ru = r->rollup;
	x->csv = output == AIRS_OUTPUT_CSV;
	x->prefix = "";
	airs__sink_init(&x->sink, write, user);
	airs__json_init(&x->j, &x->sink);
	airs__csvout_init(&x->c, &x->sink);
	rc = sort_skills(x);
	if (!rc) {
		switch (table) {
		case AIRS_TABLE_EMPLOYEES: rc = write_employees(x); break;
		case AIRS_TABLE_UNITS: rc = write_units(x, 0, 1); break;
		case AIRS_TABLE_CONSTRUCTS: rc = write_constructs(x); break;
		case AIRS_TABLE_SKILL_GAPS: rc = write_skill_gaps(x); break;
		case AIRS_TABLE_PROVENANCE: rc = write_provenance(x); break;
		default: rc = write_all(x); break;
		}
	}
	if (!rc && !x->csv)
		airs__json_finish(&x->j);
	if (!rc || x->sink.status)
		rc = airs__sink_finish(&x->sink) ? AIRS_EIO : rc;
	airs__free(&r->mem, x->skills);
	airs__free(&r->mem, x);
	if (rc == AIRS_EIO)
		return fail(diag, rc, "the writer failed");
	if (rc == AIRS_ENOMEM)
		return fail(diag, rc, "out of memory");
	if (rc)
		return fail(diag, rc, "could not read the result");
	return AIRS_OK;
}

/*
 * audit.c - fairness audit over a result and its model's attributes
 * (airs/audit.h, docs/responsible-use.md).
 *
 * This is the only file above the model that reads attributes.  It reads
 * a finished result, never changes it, and keeps a reference to the model
 * so that category strings (which live in the model's arena) stay valid.
 *
 * Rows are built by sorting (category rank, outcome) entries: value
 * numbers are ranked bytewise once, so the sort needs no context and the
 * row order is independent of the order attributes were set in.
 */
#include "airs/audit.h"

#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "error.h"
#include "model.h"
#include "num.h"
#include "score.h"

#define NT 3

struct airs_audit_report {
	airs__mem mem;
	const airs_model *model;   /* one reference held */
	airs_audit_info info;
	airs_audit_table table[NT];
	airs_audit_row *rows;
	airs_date as_of;
	char input_digest[65], params_digest[65];
};

/* One population member of one table. */
struct entry {
	uint32_t r1, r2; /* ranks of the category values; r2 0 if single */
	uint32_t v1, v2; /* value numbers */
	double y;        /* outcome: 0/1 or a value */
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->r1 != y->r1)
		return x->r1 < y->r1 ? -1 : 1;
	if (x->r2 != y->r2)
		return x->r2 < y->r2 ? -1 : 1;
	return 0;
}

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

/* The value number + 1 of attribute column key for model employee emp,
 * or 0 when unset. */
static uint32_t cell(const airs_model *m, uint32_t key, uint32_t emp)
{
	return emp < m->attr_col_len[key] ? m->attr_cols[key][emp] : 0;
}

/* Hide the smallest visible row (by count, then order) of rows idx[0..n-1]
 * if the suppressed ones among them could be recovered by differencing:
 * fewer than two of them, or fewer than k members together.  Returns 1 if
 * it hid one. */
static int complement(airs_audit_row *rows, const uint64_t *count,
                      const size_t *idx, size_t n, uint64_t k)
{
	size_t i, sc = 0, best = (size_t)-1;
	uint64_t ss = 0;

	for (i = 0; i < n; i++) {
		if (rows[idx[i]].suppressed) {
			sc++;
			ss += count[idx[i]];
		} else if (best == (size_t)-1 || count[idx[i]] < count[best]) {
			best = idx[i];
		}
	}
	if (sc == 0 || (sc >= 2 && ss >= k) || best == (size_t)-1)
		return 0;
	rows[best].suppressed = 1;
	return 1;
}

/* Apply the anonymity rules to rows first..first+n-1 of a table whose
 * true counts are count[]: every row under k members is suppressed, then
 * complementary suppression runs over the whole table and, for an
 * intersection, over every slice sharing one value, until stable. */
static int suppress(airs_audit_report *a, airs_audit_row *rows, uint64_t *count,
                    size_t n, int intersection, uint64_t k)
{
	size_t *idx, i, j, m;
	int changed;

	for (i = 0; i < n; i++)
		if (count[i] < k)
			rows[i].suppressed = 1;
	if (!(idx = airs__calloc(&a->mem, n ? n : 1, sizeof *idx)))
		return AIRS_ENOMEM;
	do {
		changed = 0;
		for (i = 0; i < n; i++)
			idx[i] = i;
		changed |= complement(rows, count, idx, n, k);
		if (!intersection)
			continue;
		for (i = 0; i < n; i++) {
			for (j = 0, m = 0; j < n; j++)
				if (rows[j].value == rows[i].value)
					idx[m++] = j;
			changed |= complement(rows, count, idx, m, k);
			for (j = 0, m = 0; j < n; j++)
				if (rows[j].value2 == rows[i].value2)
					idx[m++] = j;
			changed |= complement(rows, count, idx, m, k);
		}
	} while (changed);
	airs__free(&a->mem, idx);
	return AIRS_OK;
}

/* Over a table's rows rows[0 .. nr), numbered from first: blank the
 * suppressed ones, find the reference and the favourable row, and set
 * every compared row's ratios. */
static void rate_ratios(airs_audit_table *tb, airs_audit_row *rows, size_t nr,
                        size_t first, int low)
{
	size_t i;

	/* Reference: the highest rate of the compared rows (the first in row
	 * order on a tie); favourable: the lowest when a high rate is
	 * adverse. */
	for (i = 0; i < nr; i++) {
		if (rows[i].suppressed) {
			tb->suppressed_categories++;
			rows[i].count = AIRS_AUDIT_SUPPRESSED;
			rows[i].selected = rows[i].rate = NAN;
			continue;
		}
		if (rows[i].excluded)
			continue;
		if (tb->reference == AIRS_AUDIT_NONE ||
		    rows[i].rate > rows[tb->reference - first].rate)
			tb->reference = first + i;
		if (tb->favourable == AIRS_AUDIT_NONE ||
		    (low ? rows[i].rate > rows[tb->favourable - first].rate
		         : rows[i].rate < rows[tb->favourable - first].rate))
			tb->favourable = first + i;
	}
	if (tb->reference != AIRS_AUDIT_NONE) {
		double top = rows[tb->reference - first].rate;
		double best = rows[tb->favourable - first].rate;

		rows[tb->reference - first].reference = 1;
		for (i = 0; i < nr; i++) {
			airs_audit_row *w = &rows[i];

			if (w->suppressed || w->excluded)
				continue;
			/* Equal rates are a ratio of 1 even when both are 0. */
			w->impact_ratio = w->rate == top ? 1 : w->rate / top;
			if (low)
				w->adverse_ratio = w->impact_ratio;
			else
				w->adverse_ratio = w->rate == best ? 1 : best / w->rate;
			w->adverse = w->adverse_ratio < AIRS_AUDIT_THRESHOLD;
		}
	}
}

/* Build table t over the attribute columns k1 (and k2 for SECOND and
 * INTERSECTION) from the outcomes y[] of result positions (NaN: not in
 * the population); emp[] maps a result position to its model employee.
 * Rows go to a->rows from *nrows on, room for them already allocated. */
static int build_table(airs_audit_report *a, size_t t, int kind, uint32_t k1,
                       uint32_t k2, const double *y, const uint32_t *emp,
                       const uint32_t *rank, size_t *nrows)
{
	const airs_model *m = a->model;
	airs_audit_table *tb = &a->table[t];
	airs_audit_row *rows = a->rows + *nrows;
	struct entry *e;
	uint64_t *count;
	size_t n = (size_t)a->info.employees, ne = 0, nr = 0, i, j;
	uint64_t k = (uint64_t)a->info.min_group;
	int low = a->info.adverse == AIRS_AUDIT_ADVERSE_LOW, rc;

	tb->size = sizeof *tb;
	tb->kind = kind;
	tb->attribute = m->attr_names.str[kind == AIRS_AUDIT_TABLE_SECOND ? k2 : k1];
	tb->attribute2 = kind == AIRS_AUDIT_TABLE_INTERSECTION ?
	                 m->attr_names.str[k2] : NULL;
	tb->first_row = *nrows;
	tb->reference = tb->favourable = AIRS_AUDIT_NONE;

	if (!(e = airs__calloc(&a->mem, n ? n : 1, sizeof *e)))
		return AIRS_ENOMEM;
	for (i = 0; i < n; i++) {
		uint32_t c1, c2 = 1;

		if (isnan(y[i]))
			continue;
		c1 = cell(m, kind == AIRS_AUDIT_TABLE_SECOND ? k2 : k1, emp[i]);
		if (kind == AIRS_AUDIT_TABLE_INTERSECTION)
			c2 = cell(m, k2, emp[i]);
		if (!c1 || !c2) {
			tb->missing++;
			continue;
		}
		e[ne].v1 = c1 - 1;
		e[ne].r1 = rank[c1 - 1];
		if (kind == AIRS_AUDIT_TABLE_INTERSECTION) {
			e[ne].v2 = c2 - 1;
			e[ne].r2 = rank[c2 - 1];
		}
		e[ne++].y = y[i];
	}
	qsort(e, ne, sizeof *e, cmp_entry);

	/* One row per run of equal categories; true counts kept aside. */
	if (!(count = airs__calloc(&a->mem, ne ? ne : 1, sizeof *count))) {
		airs__free(&a->mem, e);
		return AIRS_ENOMEM;
	}
	for (i = 0; i < ne; i = j) {
		airs_audit_row *w = &rows[nr];
		double sum = 0;

		for (j = i; j < ne && !cmp_entry(&e[i], &e[j]); j++)
			sum += e[j].y;
		memset(w, 0, sizeof *w);
		w->size = sizeof *w;
		w->table = t;
		w->value = m->attr_values.str[e[i].v1];
		w->value2 = kind == AIRS_AUDIT_TABLE_INTERSECTION ?
		            m->attr_values.str[e[i].v2] : NULL;
		w->count = count[nr] = j - i;
		w->selected = sum;
		w->rate = sum / (double)(j - i);
		w->impact_ratio = w->adverse_ratio = NAN;
		if (a->info.min_share > 0 &&
		    (double)(j - i) / (double)a->info.population < a->info.min_share) {
			w->excluded = 1;
			tb->excluded += j - i;
			tb->excluded_categories++;
		}
		nr++;
	}
	airs__free(&a->mem, e);
	tb->row_count = nr;

	rc = suppress(a, rows, count, nr, kind == AIRS_AUDIT_TABLE_INTERSECTION, k);
	airs__free(&a->mem, count);
	if (rc)
		return rc;

	rate_ratios(tb, rows, nr, *nrows, low);
	*nrows += nr;
	return AIRS_OK;
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

int airs_audit(const airs_result *r, const airs_audit_options *o,
               airs_audit_report **out, airs_diag *diag)
{
	airs_audit_options opt = AIRS_AUDIT_OPTIONS_INIT;
	airs_audit_report *a;
	const airs_model *m;
	uint32_t k1 = AIRS__NONE, k2 = AIRS__NONE, *emp = NULL, *rank = NULL, *order = NULL;
	double *y = NULL;
	size_t i, n, nrows = 0, cap;
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
	m = r->model;
	n = r->n;

	if (!(a = airs__calloc(&r->mem, 1, sizeof *a)))
		goto oom;
	a->mem = r->mem;
	a->model = m;
	airs__model_retain(m);
	a->as_of = r->as_of;
	memcpy(a->params_digest, r->params_digest, sizeof a->params_digest);
	if ((rc = airs_model_digest(m, a->input_digest)))
		goto fail;
	a->info.size = sizeof a->info;
	a->info.outcome = o->outcome;
	a->info.flag = o->outcome == AIRS_AUDIT_FLAG ? o->flag : 0;
	a->info.adverse = o->adverse ? o->adverse :
	                  o->outcome == AIRS_AUDIT_FLAG ? AIRS_AUDIT_ADVERSE_HIGH
	                                                : AIRS_AUDIT_ADVERSE_LOW;
	a->info.min_share = o->keep_small ? 0 :
	                    o->min_share > 0 ? o->min_share : AIRS_AUDIT_MIN_SHARE;
	a->info.min_group = r->pv.min_group;
	a->info.employees = n;
	a->info.table_count = k2 == AIRS__NONE ? 1 :
	                      o->include_intersection ? 3 : 2;

	/* Every population member is in at most one row of each table. */
	cap = n * a->info.table_count;
	if (!(y = airs__calloc(&a->mem, n ? n : 1, sizeof *y)) ||
	    !(emp = airs__calloc(&a->mem, n ? n : 1, sizeof *emp)) ||
	    !(a->rows = airs__calloc(&a->mem, cap ? cap : 1, sizeof *a->rows)) ||
	    airs__names_order(&m->attr_values, &a->mem, &order, &rank))
		goto oom;
	if ((rc = outcomes(a, r, o, y, diag)))
		goto fail;
	for (i = 0; i < n; i++) {
		emp[i] = r->s[i].emp;
		if (!isnan(y[i]))
			a->info.population++;
	}
	rc = build_table(a, 0, AIRS_AUDIT_TABLE_FIRST, k1, k2, y, emp, rank,
	                 &nrows);
	if (!rc && k2 != AIRS__NONE)
		rc = build_table(a, 1, AIRS_AUDIT_TABLE_SECOND, k1, k2, y, emp,
		                 rank, &nrows);
	if (!rc && a->info.table_count == 3)
		rc = build_table(a, 2, AIRS_AUDIT_TABLE_INTERSECTION, k1, k2, y,
		                 emp, rank, &nrows);
	if (rc == AIRS_ENOMEM)
		goto oom;
	if (rc)
		goto fail;
	a->info.row_count = nrows;
	airs__free(&a->mem, y);
	airs__free(&a->mem, emp);
	airs__free(&a->mem, order);
	airs__free(&a->mem, rank);
	*out = a;
	return AIRS_OK;
oom:
	rc = airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
fail:
	if (a) {
		airs__free(&a->mem, y);
		airs__free(&a->mem, emp);
		airs__free(&a->mem, order);
		airs__free(&a->mem, rank);
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

/* ------------------------------------------------------------------------
 * Writing (docs/output-format.md, "Audit tables")
 * ---------------------------------------------------------------------- */

struct out {
	airs_write_fn write;
	void *user;
	int failed;
	size_t len;
	char buf[4096];
};

static void flush(struct out *w)
{
	if (!w->failed && w->len && w->write(w->buf, w->len, w->user))
		w->failed = 1;
	w->len = 0;
}

static void put(struct out *w, const char *s, size_t n)
{
	while (n) {
		size_t k = sizeof w->buf - w->len;

		if (k > n)
			k = n;
		memcpy(w->buf + w->len, s, k);
		w->len += k;
		s += k;
		n -= k;
		if (w->len == sizeof w->buf)
			flush(w);
	}
}

static void puts_(struct out *w, const char *s)
{
	put(w, s, strlen(s));
}

static void put_u64(struct out *w, uint64_t v)
{
	char b[24];

	snprintf(b, sizeof b, "%llu", (unsigned long long)v);
	puts_(w, b);
}

/* A number, or `none` for NaN (JSON null, CSV empty). */
static void put_num(struct out *w, double v, const char *none)
{
	char b[AIRS__NUM_MAX];

	if (isnan(v))
		puts_(w, none);
	else
		put(w, b, airs__format_double(b, v));
}

/* A JSON string: quotes, backslash and control characters escaped. */
static void put_json(struct out *w, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	put(w, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char e[6] = { '\\', 'u', '0', '0', 0, 0 };

		if (c == '"' || c == '\\') {
			e[1] = (char)c;
			put(w, e, 2);
		} else if (c == '\n') {
			put(w, "\\n", 2);
		} else if (c == '\r') {
			put(w, "\\r", 2);
		} else if (c == '\t') {
			put(w, "\\t", 2);
		} else if (c < 0x20 || c == 0x7f) {
			e[4] = hex[c >> 4];
			e[5] = hex[c & 15];
			put(w, e, 6);
		} else {
			put(w, s, 1);
		}
	}
	put(w, "\"", 1);
}

/* An RFC 4180 field: quoted when it holds a comma, quote, CR or LF (and
 * when it starts with a space, so that no reader trims it). */
static void put_csv(struct out *w, const char *s)
{
	if (!s[strcspn(s, ",\"\r\n")] && s[0] != ' ') {
		puts_(w, s);
		return;
	}
	put(w, "\"", 1);
	for (; *s; s++) {
		if (*s == '"')
			put(w, "\"\"", 2);
		else
			put(w, s, 1);
	}
	put(w, "\"", 1);
}

static const char *const outcome_names[] = {
	"above_median", "at_target", "flag", "external_binary", "external_value",
	"plan_selected", "plan_hours"
};
static const char *const table_names[] = { "first", "second", "intersection" };

static void put_bool(struct out *w, int v, int json)
{
	puts_(w, json ? (v ? "true" : "false") : (v ? "1" : "0"));
}

static void put_count(struct out *w, const airs_audit_report *a, uint64_t c, int json)
{
	char b[32];

	if (c != AIRS_AUDIT_SUPPRESSED) {
		put_u64(w, c);
		return;
	}
	snprintf(b, sizeof b, "<%d", a->info.min_group);
	if (json)
		put_json(w, b);
	else
		puts_(w, b);
}

/* ["value"] or ["value","value2"] of a row. */
static void put_category(struct out *w, const airs_audit_row *row)
{
	put(w, "[", 1);
	put_json(w, row->value);
	if (row->value2) {
		put(w, ",", 1);
		put_json(w, row->value2);
	}
	put(w, "]", 1);
}

static void write_json(const airs_audit_report *a, struct out *w)
{
	const airs_audit_info *in = &a->info;
	char b[16];
	size_t t, i;

	puts_(w, "{\"format\":\"airs-audit\",\"version\":1,\"library\":");
	put_json(w, airs_version());
	puts_(w, ",\"methodology\":\"" AIRS_METHODOLOGY_VERSION "\",\"as_of\":");
	if (!airs_date_format(a->as_of, b))
		b[0] = 0;
	put_json(w, b);
	puts_(w, ",\"input_digest\":");
	put_json(w, a->input_digest);
	puts_(w, ",\"params_digest\":");
	put_json(w, a->params_digest);
	puts_(w, ",\n\"outcome\":");
	put_json(w, outcome_names[in->outcome]);
	puts_(w, ",\"flag\":");
	if (in->flag)
		put_json(w, airs_flag_name(in->flag));
	else
		puts_(w, "null");
	puts_(w, ",\"adverse\":");
	puts_(w, in->adverse == AIRS_AUDIT_ADVERSE_HIGH ? "\"high\"" : "\"low\"");
	puts_(w, ",\"median\":");
	put_num(w, in->median, "null");
	puts_(w, ",\"threshold\":");
	put_num(w, AIRS_AUDIT_THRESHOLD, "null");
	puts_(w, ",\"min_share\":");
	put_num(w, in->min_share, "null");
	puts_(w, ",\"min_group\":");
	put_u64(w, (uint64_t)in->min_group);
	puts_(w, ",\"employees\":");
	put_u64(w, in->employees);
	puts_(w, ",\"population\":");
	put_u64(w, in->population);
	puts_(w, ",\"tables\":[");
	for (t = 0; t < in->table_count; t++) {
		const airs_audit_table *tb = &a->table[t];

		puts_(w, t ? ",\n{" : "\n{");
		puts_(w, "\"kind\":");
		put_json(w, table_names[tb->kind]);
		puts_(w, ",\"attributes\":[");
		put_json(w, tb->attribute);
		if (tb->attribute2) {
			put(w, ",", 1);
			put_json(w, tb->attribute2);
		}
		puts_(w, "],\"missing\":");
		put_u64(w, tb->missing);
		puts_(w, ",\"excluded\":");
		put_u64(w, tb->excluded);
		puts_(w, ",\"excluded_categories\":");
		put_u64(w, tb->excluded_categories);
		puts_(w, ",\"suppressed_categories\":");
		put_u64(w, tb->suppressed_categories);
		puts_(w, ",\"reference\":");
		if (tb->reference == AIRS_AUDIT_NONE)
			puts_(w, "null");
		else
			put_category(w, &a->rows[tb->reference]);
		puts_(w, ",\"favourable\":");
		if (tb->favourable == AIRS_AUDIT_NONE)
			puts_(w, "null");
		else
			put_category(w, &a->rows[tb->favourable]);
		puts_(w, ",\"rows\":[");
		for (i = tb->first_row; i < tb->first_row + tb->row_count; i++) {
			const airs_audit_row *row = &a->rows[i];

			puts_(w, i > tb->first_row ? ",\n{\"category\":"
			                           : "\n{\"category\":");
			put_category(w, row);
			puts_(w, ",\"count\":");
			put_count(w, a, row->count, 1);
			puts_(w, ",\"selected\":");
			put_num(w, row->selected, "null");
			puts_(w, ",\"rate\":");
			put_num(w, row->rate, "null");
			puts_(w, ",\"impact_ratio\":");
			put_num(w, row->impact_ratio, "null");
			puts_(w, ",\"adverse_ratio\":");
			put_num(w, row->adverse_ratio, "null");
			puts_(w, ",\"adverse\":");
			put_bool(w, row->adverse, 1);
			puts_(w, ",\"excluded\":");
			put_bool(w, row->excluded, 1);
			puts_(w, ",\"suppressed\":");
			put_bool(w, row->suppressed, 1);
			puts_(w, ",\"reference\":");
			put_bool(w, row->reference, 1);
			puts_(w, "}");
		}
		puts_(w, "]}");
	}
	puts_(w, "]}\n");
}

static void write_csv(const airs_audit_report *a, struct out *w)
{
	size_t t, i;

	puts_(w, "table,kind,attribute,value,attribute2,value2,count,selected,"
	         "rate,impact_ratio,adverse_ratio,adverse,excluded,suppressed,"
	         "reference\r\n");
	for (t = 0; t < a->info.table_count; t++) {
		const airs_audit_table *tb = &a->table[t];

		for (i = tb->first_row; i <= tb->first_row + tb->row_count; i++) {
			const airs_audit_row *row = &a->rows[i];
			int missing = i == tb->first_row + tb->row_count;

			put_u64(w, t);
			puts_(w, missing ? ",missing," : ",category,");
			put_csv(w, tb->attribute);
			put(w, ",", 1);
			if (!missing)
				put_csv(w, row->value);
			put(w, ",", 1);
			if (tb->attribute2)
				put_csv(w, tb->attribute2);
			put(w, ",", 1);
			if (!missing && row->value2)
				put_csv(w, row->value2);
			put(w, ",", 1);
			if (missing) {
				/* Count only: what the audit could not see. */
				put_u64(w, tb->missing);
				puts_(w, ",,,,,,,,\r\n");
				continue;
			}
			put_count(w, a, row->count, 0);
			put(w, ",", 1);
			put_num(w, row->selected, "");
			put(w, ",", 1);
			put_num(w, row->rate, "");
			put(w, ",", 1);
			put_num(w, row->impact_ratio, "");
			put(w, ",", 1);
			put_num(w, row->adverse_ratio, "");
			put(w, ",", 1);
			put_bool(w, row->adverse, 0);
			put(w, ",", 1);
			put_bool(w, row->excluded, 0);
			put(w, ",", 1);
			put_bool(w, row->suppressed, 0);
			put(w, ",", 1);
			put_bool(w, row->reference, 0);
			puts_(w, "\r\n");
		}
	}
}

int airs_audit_write(const airs_audit_report *a, int format, airs_write_fn write,
                     void *user, airs_diag *diag)
{
	struct out w;

	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!a || !write)
		return airs__diag_fail(diag, AIRS_EINVAL, "audit and writer must not be NULL");
	if (format != AIRS_AUDIT_JSON && format != AIRS_AUDIT_CSV)
		return airs__diag_fail(diag, AIRS_EINVAL, "unknown audit output format");
	w.write = write;
	w.user = user;
	w.failed = 0;
	w.len = 0;
	if (format == AIRS_AUDIT_JSON)
		write_json(a, &w);
	else
		write_csv(a, &w);
	flush(&w);
	if (w.failed)
		return airs__diag_fail(diag, AIRS_EIO, "the writer stopped the output");
	return AIRS_OK;
}

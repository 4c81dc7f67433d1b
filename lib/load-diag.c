/*
 * load-diag.c - diagnostics, failed ids and the load's limits.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "text.h"
#include "load-impl.h"

/* The name of the file being read: the mapping's, else the table's. */
static const char *table_file(const struct loader *L)
{
	return L->mt && L->mt->file ? L->mt->file : L->t->file;
}

void airs__load_emit(struct loader *L, int status, int severity,
                     const char *file, uint64_t line, uint32_t column,
                     const char *text)
{
	airs_diag d = AIRS_DIAG_INIT;

	/* Past the limit nothing more is said, even where one row yields
	 * several problems (two bad attribute values). */
	if (L->stop)
		return;
	airs__diag_set(&d, status, severity, file, line, column, "%s", text);
	if (L->lane) {
		if (airs__load_hold(L, &d))
			return;
	} else if (L->on_diag) {
		L->on_diag(&d, L->user);
	}
	if (severity != AIRS_SEVERITY_ERROR)
		return;
	if (L->nerr++ == 0)
		L->first = d;
	if (L->nerr >= L->limit || status == AIRS_ENOMEM)
		L->stop = 1;
}

void airs__load_report(struct loader *L, int status, int severity,
                       uint64_t line, uint32_t column, const char *fmt,
                       ...)
{
	char text[AIRS_DIAG_TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	airs__load_emit(L, status, severity, L->t ? table_file(L) : NULL, line, column,
	     text);
}

/* Quote s for a message, as the model does: escaped and cut. */
const char *airs__load_quote(char *buf, size_t n, const char *s)
{
	airs__quote(buf, n, s, strlen(s));
	return buf;
}

void airs__load_oom(struct loader *L)
{
	airs__load_report(L, AIRS_ENOMEM, AIRS_SEVERITY_ERROR, L->line, 0,
	                  "out of memory");
}

/* ------------------------------------------------------------------------
 * Failed ids
 * ---------------------------------------------------------------------- */

void airs__load_remember_failed(struct loader *L, enum kind k, const char *id)
{
	const char *copy;
	size_t len = strlen(id);

	if (k == K_NONE || !len ||
	    airs__names_find(&L->failed[k], id, len) != AIRS__NONE)
		return;
	/* Only a quieter report is lost when this fails. */
	if (airs__names_reserve(&L->failed[k], &L->mem, 1) ||
	    !(copy = airs__arena_strdup(&L->arena, id, len)))
		return;
	airs__names_push(&L->failed[k], copy, len);
}

int airs__load_is_failed(const struct loader *L, enum kind k, const char *id)
{
	return k != K_NONE &&
	       (L->broken[k] ||
	        airs__names_find(&L->failed[k], id, strlen(id)) != AIRS__NONE);
}

/* The id space a reference column names. */
static enum kind kind_of(const char *field)
{
	static const struct { const char *name; enum kind k; } map[] = {
		{ "unit_id", K_UNIT }, { "parent_id", K_UNIT },
		{ "role_id", K_ROLE }, { "skill_id", K_SKILL },
		{ "prerequisites", K_SKILL }, { "employee_id", K_EMP },
		{ "manager_id", K_EMP }, { "course_id", K_COURSE },
		{ "item_id", K_ITEM }, { "wave", K_WAVE } };
	size_t i;

	for (i = 0; i < NCOLS(map); i++)
		if (strcmp(field, map[i].name) == 0)
			return map[i].k;
	return K_NONE;
}
/* ------------------------------------------------------------------------
 * Values.  Each returns 1 when the field holds a value, 0 when it is
 * empty (not given), or -1 after reporting why its text is not a value.
 * ---------------------------------------------------------------------- */

static int bad_as(struct loader *L, int status, size_t j, const char *fmt,
                  va_list ap) AIRS__PRINTF(4, 0);

static int bad_as(struct loader *L, int status, size_t j, const char *fmt,
                  va_list ap)
{
	struct col_errs *ce = &L->errs[j];
	char q[64], rule[200];

	/* A value of the wrong form is reported the first time in its
	 * column; the others are counted into one report at the end of the
	 * file (airs__load_errs_summary()): an export that writes a column its own way
	 * gets one message, not one per row. */
	if (status == AIRS_EPARSE && ce->n++) {
		ce->last = L->line;
		return -1;
	}
	ce->line = L->line;
	vsnprintf(rule, sizeof rule, fmt, ap);
	airs__load_report(L, status, AIRS_SEVERITY_ERROR, L->line,
	                  airs__load_colno(L, j), "%s \"%s\" %s",
	                  L->t->cols[j].name,
	                  airs__load_quote(q, sizeof q, airs__load_val(L, j)),
	       rule);
	return -1;
}

/* The text of column j is not a value of its type: AIRS_EPARSE. */
/* A value the loader refuses by range before the model sees it, where the
 * record would read it as "not given" (a 0 weight): AIRS_ERANGE. */
int airs__load_out_of_range(struct loader *L, size_t j, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = bad_as(L, AIRS_ERANGE, j, fmt, ap);
	va_end(ap);
	return rc;
}

int airs__load_bad(struct loader *L, size_t j, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = bad_as(L, AIRS_EPARSE, j, fmt, ap);
	va_end(ap);
	return rc;
}
/* At the end of a file: one report per column for its values of the
 * wrong form after the first, with what bad dates show together. */
void airs__load_errs_summary(struct loader *L)
{
	size_t j;

	for (j = 0; j < L->t->ncols && !L->stop; j++) {
		const struct col_errs *dc = &L->errs[j];
		char why[160];

		if (dc->n < 2)
			continue;
		why[0] = '\0';
		if (dc->dmy && dc->mdy)
			snprintf(why, sizeof why, "; %llu of them read only day "
			         "first and %llu only month first: the column mixes "
			         "orders, fix it at the source",
			         (unsigned long long)dc->dmy,
			         (unsigned long long)dc->mdy);
		else if (dc->dmy || dc->mdy)
			snprintf(why, sizeof why, "; %llu of them read only %s "
			         "first", (unsigned long long)(dc->dmy + dc->mdy),
			         dc->dmy ? "day" : "month");
		airs__load_report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, dc->line,
		       L->wide && j == RESP_VALUE ? 0 : airs__load_colno(L, j),
		       "%s: and %llu more like it in %s (up to line %llu)%s",
		       L->t->cols[j].name,
		       (unsigned long long)(dc->n - 1),
		       L->wide && j == RESP_VALUE ? "the item columns"
		                                  : "this column",
		       (unsigned long long)dc->last, why);
	}
}
/* ------------------------------------------------------------------------
 * Failed adds
 * ---------------------------------------------------------------------- */

/* Report why the model refused the current row (status rc), pointing at
 * the column the model names, unless the refusal only echoes an earlier
 * error: a reference to an id whose own row failed.  raw, if not NULL,
 * is the text to quote instead of the named column's field.  Remembers
 * the row's own id (of kind k) as failed. */
void airs__load_refused(struct loader *L, int rc, enum kind k, const char *id,
                    const char *raw, uint64_t line, uint32_t column)
{
	const char *field = L->failure->field ? L->failure->field : "";
	const char *rule = L->failure->rule;
	char q[64];

	if (id)
		airs__load_remember_failed(L, k, id);
	if (rc == AIRS_ENOMEM) {
		airs__load_report(L, rc, AIRS_SEVERITY_ERROR, line, 0, "out of memory");
		return;
	}
	if (!column)
		column = airs__load_column_named(L, field);
	if (!raw)
		raw = column ? L->cell[column - 1] : "";
	if (rc == AIRS_ENOTFOUND && airs__load_is_failed(L, kind_of(field), raw))
		return;
	/* The model's EINVAL means "this record is malformed"; in a data
	 * file that is a parse error, and EINVAL stays for bad arguments. */
	if (rc == AIRS_EINVAL)
		rc = AIRS_EPARSE;
	if (*raw)
		airs__load_report(L, rc, AIRS_SEVERITY_ERROR, line, column, "%s \"%s\" %s",
		       field, airs__load_quote(q, sizeof q, raw), rule);
	else
		airs__load_report(L, rc, AIRS_SEVERITY_ERROR, line, column, "%s %s", field,
		       rule);
}

/* A row whose values could not be read: its id counts as failed. */
int airs__load_skip_row(struct loader *L)
{
	if (L->t->defines != K_NONE)
		airs__load_remember_failed(L, L->t->defines, airs__load_val(L, L->t->id));
	return AIRS_OK;
}
/* The limit a host sets on the size of a dataset (load options): past
 * it, the load stops with AIRS_ELIMIT at the row that passed it. */
int airs__load_over_limit(struct loader *L, uint64_t line, const char *what,
                      uint64_t limit, const char *option)
{
	airs__load_report(L, AIRS_ELIMIT, AIRS_SEVERITY_ERROR, line, 0,
	       "more than %llu %s: the limit is the load option %s (CLI: --set "
	       "limits.%s=N)",
	       (unsigned long long)limit, what, option, option);
	L->stop = 1;
	return 1;
}

/* Row `rows` of the table passes max_rows, or max_ids where each row
 * defines an id. */
int airs__load_over_rows(struct loader *L, uint64_t rows)
{
	static const char *const kinds[K_COUNT] = {
		[K_UNIT] = "units", [K_ROLE] = "roles", [K_SKILL] = "skills",
		[K_EMP] = "employees", [K_COURSE] = "courses",
		[K_ITEM] = "survey items", [K_TOOL] = "tools",
		[K_WAVE] = "survey waves",
	};
	int k = L->t->defines;

	if (rows > L->max_rows)
		return airs__load_over_limit(L, L->line, "records in one file", L->max_rows,
		                  "max_rows");
	if (k != K_NONE && kinds[k] && rows > L->max_ids)
		return airs__load_over_limit(L, L->line, kinds[k], L->max_ids, "max_ids");
	return 0;
}

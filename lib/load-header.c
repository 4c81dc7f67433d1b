/*
 * load-header.c - the header row: columns, attributes, wide surveys.
 */
#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "text.h"
#include "load-impl.h"

/* ------------------------------------------------------------------------
 * Reading a table
 * ---------------------------------------------------------------------- */

static int grow_fields(struct loader *L, size_t nf)
{
	if (airs__grow(&L->mem, &L->cell, &L->cell_cap, nf, sizeof *L->cell) ||
	    airs__grow(&L->mem, &L->head, &L->head_cap, nf, sizeof *L->head))
		return AIRS_ENOMEM;
	return AIRS_OK;
}

static int is_attr(const char *h)
{
	return strlen(h) > 5 && airs__ieq(h, 5, "attr_");
}

/* The header that holds table column j: the mapping's or its own name. */
static const char *col_head(const struct loader *L, size_t j)
{
	return L->mt && L->mt->head[j] ? L->mt->head[j] : L->t->cols[j].name;
}

/* In wide responses: the item whose answers the header h holds (the
 * mapping's item.ID, else an item id written as it is), or NULL. */
static const char *wide_item(const struct loader *L, const char *h)
{
	const airs__names *ids = L->rec.response.b.item_ids;
	size_t k, hl = strlen(h);
	uint32_t g;

	for (k = 0; L->mt && k < L->mt->nitems; k++)
		if (airs__ieq(h, hl, L->mt->items[k].head))
			return L->mt->items[k].item;
	g = ids ? airs__names_find(ids, h, hl) : AIRS__NONE;
	return g == AIRS__NONE ? NULL : ids->str[g];
}

/* Is responses.csv wide: declared so, or (not declared long) without
 * item_id and value columns but with a column named for an item? */
static int is_wide(const struct loader *L)
{
	size_t i;
	int item = 0;

	if (L->mt && L->mt->layout != AIRS__LAYOUT_AUTO)
		return L->mt->layout == AIRS__LAYOUT_WIDE;
	for (i = 0; i < L->nf; i++) {
		const char *h = L->cell[i];
		if (airs__ieq(h, strlen(h), col_head(L, RESP_ITEM)) ||
		    airs__ieq(h, strlen(h), col_head(L, RESP_VALUE)))
			return 0;
		item |= wide_item(L, h) != NULL;
	}
	return item;
}

/* The column the user most likely meant by header h, or NULL. */
static const char *suggest_column(const struct loader *L, const char *h)
{
	const char *best = NULL;
	size_t j, d, best_d = 3, hl = strlen(h);

	for (j = 0; j < L->t->ncols; j++)
		if ((d = airs__distance(h, hl, col_head(L, j))) < best_d) {
			best_d = d;
			best = col_head(L, j);
		}
	return best;
}

/* A header that names no column: an attribute, a wide item, or unknown
 * (a warning with a suggestion; an error under AIRS_LOAD_STRICT).
 * AIRS_OK, AIRS_EPARSE or AIRS_ENOMEM. */
static int other_column(struct loader *L, size_t i, const char *h)
{
	const char *item = L->wide ? wide_item(L, h) : NULL;
	const char *near;
	int strict = (L->flags & AIRS_LOAD_STRICT) != 0;
	size_t hl = strlen(h);
	struct attr_col *a;
	char q[64];

	if (item || (L->t == &airs__load_tables[T_EMPLOYEES] && is_attr(h))) {
		const char *why = item ? NULL : airs__id_problem(h + 5, hl - 5);
		if (why) {
			/* Every row would fail on the name, not the value:
			 * say so once, here. */
			airs__load_report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line,
			       (uint32_t)i + 1, "column \"%s\": the attribute name %s",
			       airs__load_quote(q, sizeof q, h), why);
			return AIRS_EPARSE;
		}
		if (airs__grow(&L->mem, &L->attrs, &L->attrs_cap, L->nattrs + 1,
		               sizeof *L->attrs))
			return AIRS_ENOMEM;
		a = &L->attrs[L->nattrs++];
		a->field = i;
		a->head = L->head[i];
		a->name = item ? item : L->head[i] + 5;
		return AIRS_OK;
	}
	near = suggest_column(L, h);
	airs__load_report(L, strict ? AIRS_EPARSE : AIRS_OK,
	       strict ? AIRS_SEVERITY_ERROR : AIRS_SEVERITY_WARNING, L->line,
	       (uint32_t)i + 1, "unknown column \"%s\" is %s%s%s%s",
	       airs__load_quote(q, sizeof q, h),
	       strict ? "refused (strict)" : "ignored",
	       near ? " (did you mean \"" : "", near ? near : "",
	       near ? "\"?)" : "");
	return strict ? AIRS_EPARSE : AIRS_OK;
}

/* The header closest to the name column j wants, among those that name
 * no column, or NULL. */
static const char *suggest_header(const struct loader *L, size_t j)
{
	const char *want = col_head(L, j), *best = NULL;
	size_t i, k, d, best_d = 3;

	for (i = 0; i < L->nf; i++) {
		for (k = 0; k < L->t->ncols && L->at[k] != (long)i; k++)
			;
		if (k == L->t->ncols &&
		    (d = airs__distance(L->head[i], strlen(L->head[i]), want)) <
		            best_d) {
			best_d = d;
			best = L->head[i];
		}
	}
	return best;
}

/* Column j is not in the header: an error when it is required or the
 * mapping names it (a mapped column that is not there would silently
 * change results). */
static int missing_column(struct loader *L, size_t j)
{
	const char *mapped = L->mt ? L->mt->head[j] : NULL;
	const char *near = suggest_header(L, j);
	char q[64], hint[160];

	if (L->mt && L->mt->constant[j])
		return 0;
	if (!(L->t->cols[j].flags & REQ) && !mapped)
		return 0;
	if (L->wide && (j == RESP_ITEM || j == RESP_VALUE))
		return 0;
	hint[0] = '\0';
	if (mapped && airs__load_column_named(L, L->t->cols[j].name))
		snprintf(hint, sizeof hint, "; the header has a column \"%s\": "
		         "if that is the one, remove the mapping's line",
		         L->t->cols[j].name);
	else if (near)
		snprintf(hint, sizeof hint, " (did you mean the column \"%s\"?)",
		         airs__load_quote(q, sizeof q, near));
	if (mapped)
		airs__load_report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line, 0,
		       "%scolumn \"%s\" is missing: the mapping (%s line %llu) "
		       "names the source column \"%s\", which the header does not "
		       "have%s", L->t->cols[j].flags & REQ ? "required " : "",
		       L->t->cols[j].name, L->map.name,
		       (unsigned long long)L->mt->head_line[j],
		       airs__load_quote(q, sizeof q, mapped), hint);
	else
		airs__load_report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line, 0,
		       "required column \"%s\" is missing%s", L->t->cols[j].name,
		       hint);
	return 1;
}

/* After the header: every column the table needs is there, or given by
 * the mapping; 0 after reporting what is not. */
static int check_columns(struct loader *L)
{
	const struct table *t = L->t;
	size_t j;
	int ok = 1;

	for (j = 0; j < t->ncols && !L->stop; j++)
		if (L->at[j] < 0 && missing_column(L, j)) {
			ok = 0;
		} else if (L->at[j] >= 0 && L->mt && L->mt->constant[j]) {
			airs__load_report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line,
			       airs__load_colno(L, j), "column \"%s\" is in the header, and the "
			       "mapping (%s line %llu) gives it a constant: keep "
			       "one", t->cols[j].name, L->map.name,
			       (unsigned long long)L->mt->constant_line[j]);
			ok = 0;
		}
	if (t->row == airs__load_row_training && !*airs__load_val(L, TRN_COURSE) &&
	    L->at[TRN_COURSE] < 0 && !*airs__load_val(L, TRN_SKILL) &&
	    L->at[TRN_SKILL] < 0 && !L->stop) {
		airs__load_report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line, 0,
		       "required column \"course_id\" or \"skill_id\" is "
		       "missing; give at least one");
		ok = 0;
	}
	if (L->wide && !L->nattrs && !L->stop) {
		airs__load_report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line, 0,
		       "the mapping declares responses.csv wide, but no column "
		       "is a survey item id of survey_items.csv (or an item.ID "
		       "of the mapping)");
		ok = 0;
	}
	return ok;
}

/* Map the header row to the table's columns.  Returns AIRS_OK, or
 * AIRS_EPARSE after reporting a problem that makes the file unreadable,
 * or AIRS_ENOMEM. */
/* The columns whose fields every row must fill, in column order (the
 * first empty one is reported): the required ones, but for the item
 * and value of a wide survey, which its item columns stand for.  Made
 * once per table, not per row. */
static void list_required(struct loader *L)
{
	size_t j;

	L->nreq = 0;
	L->nreqf = 0;
	L->req_lack = 0;
	for (j = 0; j < L->t->ncols; j++)
		if ((L->t->cols[j].flags & REQ) &&
		    !(L->wide && (j == RESP_ITEM || j == RESP_VALUE))) {
			L->req[L->nreq++] = (unsigned char)j;
			if (L->at[j] >= 0)
				L->reqf[L->nreqf++] = (size_t)L->at[j];
			else if (!*airs__load_val(L, j))
				L->req_lack = 1;
		}
}

int airs__load_read_header(struct loader *L)
{
	const struct table *t = L->t;
	size_t i, j, k;
	char q[64];
	int ok = 1, rc;

	L->nf = airs__csv_nfields(L->csv);
	L->nattrs = 0;
	if (L->mt && L->mt->decimal == ',' && airs__csv_delim(L->csv) == ',') {
		airs__load_report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line, 0,
		       "the mapping declares decimal = , but the fields are "
		       "separated by commas; save the file with \";\" or tabs "
		       "between fields");
		return AIRS_EPARSE;
	}
	if (grow_fields(L, L->nf))
		return AIRS_ENOMEM;
	airs__load_take_row(L);
	for (j = 0; j < t->ncols; j++)
		L->at[j] = -1;
	L->wide = t->row == airs__load_row_response && is_wide(L);
	for (i = 0; i < L->nf; i++) {
		const char *h = L->cell[i];
		size_t hl = strlen(h);

		if (!(L->head[i] = airs__load_keep(L, h)))
			return AIRS_ENOMEM;
		for (k = 0; k < i; k++)
			if (airs__ieq(h, hl, L->head[k]))
				break;
		for (j = 0; j < t->ncols && !airs__ieq(h, hl, col_head(L, j)); j++)
			;
		if (k < i && (j < t->ncols || L->wide ||
		              (t == &airs__load_tables[T_EMPLOYEES] && is_attr(h)))) {
			airs__load_report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line,
			       (uint32_t)i + 1,
			       "column \"%s\" appears twice (also column %lu)",
			       airs__load_quote(q, sizeof q, h), (unsigned long)k + 1);
			ok = 0;
		} else if (j < t->ncols) {
			L->at[j] = (long)i;
		} else if ((rc = other_column(L, i, L->head[i])) == AIRS_ENOMEM) {
			return rc;
		} else if (rc) {
			ok = 0;
		}
		if (L->stop)
			return AIRS_EPARSE;
	}
	if (!check_columns(L))
		ok = 0;
	list_required(L);
	return ok ? AIRS_OK : AIRS_EPARSE;
}

/* Required fields must not be empty; report the first that is (in
 * column order: the mapping's constants are among them) and 0, else 1. */
int airs__load_required_check(struct loader *L)
{
	size_t k, j;

	for (k = 0; k < L->nreq; k++)
		if (!*airs__load_val(L, j = L->req[k])) {
			airs__load_report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line,
			       airs__load_colno(L, j), "%s is missing", L->t->cols[j].name);
			airs__load_skip_row(L);
			return 0;
		}
	return 1;
}

/*
 * load-fields.c - the current row's fields as values.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "date.h"
#include "names.h"
#include "num.h"
#include "text.h"
#include "load-impl.h"

/* ------------------------------------------------------------------------
 * Fields of the current row
 * ---------------------------------------------------------------------- */


/* The field whose header is `name`, as a 1-based column, or 0. */
uint32_t airs__load_column_named(const struct loader *L, const char *name)
{
	size_t i;

	for (i = 0; i < L->nf; i++)
		if (airs__ieq(L->head[i], strlen(L->head[i]), name))
			return (uint32_t)i + 1;
	return 0;
}

int airs__load_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Point the cells at the current record's fields, which the reader has
 * trimmed of spaces and tabs. */
void airs__load_take_row(struct loader *L)
{
	airs__csv_fields(L->csv, L->cell, L->nf);
}

/* The reader's next record as the current row: its line and fields.
 * As airs__csv_next() returns. */
int airs__load_csv_row(struct loader *L)
{
	int rc = airs__csv_next(L->csv);

	if (rc == 1) {
		L->line = airs__csv_line(L->csv);
		airs__load_take_row(L);
	}
	return rc;
}

/* Read field f as column j's source value the mapping names, if any. */
static void map_value(struct loader *L, size_t f, uint32_t j)
{
	const airs__map_table *mt = L->mt;
	const char *c = L->cell[f];
	size_t k, len = strlen(c);

	for (k = 0; k < mt->nvalues; k++)
		if (mt->values[k].col == j && airs__ieq(c, len, mt->values[k].from)) {
			L->cell[f] = mt->values[k].to;
			return;
		}
}

/* The mapping's values, each field mapped once (no chains). */
void airs__load_map_values(struct loader *L)
{
	size_t j, i;

	if (!L->mt || !L->mt->nvalues)
		return;
	for (j = 0; j < L->t->ncols; j++)
		if (L->at[j] >= 0)
			map_value(L, (size_t)L->at[j], (uint32_t)j);
	if (L->wide)
		for (i = 0; i < L->nattrs; i++)
			map_value(L, L->attrs[i].field, RESP_VALUE);
}
/* "2,5" looks like a number written with a decimal comma. */
static int decimal_comma(const char *s)
{
	const char *c = strchr(s, ',');
	double d;

	if (!c || strchr(c + 1, ','))
		return 0;
	{
		char tmp[AIRS__NUM_MAX * 2];
		size_t n = strlen(s);
		if (n >= sizeof tmp)
			return 0;
		memcpy(tmp, s, n + 1);
		tmp[c - s] = '.';
		return airs__parse_double(tmp, n, &d) != AIRS_EPARSE;
	}
}

/* A number written with the decimal comma the mapping declares: the
 * comma read as a point.  A point as well is refused: it would be a
 * thousands separator, which airs does not read. */
static int comma_num(struct loader *L, size_t j, const char *s, double *out)
{
	char tmp[AIRS__NUM_MAX * 2], *c;
	size_t n = strlen(s);
	int rc;

	if (strchr(s, '.'))
		return airs__load_bad(L, j, "has a point, but the mapping declares decimal "
		                 "= , (write numbers without thousands "
		                 "separators)");
	if (n >= sizeof tmp)
		return airs__load_bad(L, j, "is not a number");
	memcpy(tmp, s, n + 1);
	if ((c = strchr(tmp, ',')) != NULL)
		*c = '.';
	rc = airs__parse_double(tmp, n, out);
	if (rc == AIRS_OK)
		return 1;
	if (rc == AIRS_ENOMEM) {
		airs__load_oom(L);
		return -1;
	}
	return airs__load_bad(L, j, rc == AIRS_ERANGE ? "is too large to be a number"
	                                   : "is not a number");
}

/* Nonzero, with the value in *out, when s is one to nine decimal digits
 * and nothing else: what airs__parse_double() reads them as (exact: at
 * most 999,999,999), for a fraction of its cost.  Most numbers in the
 * record files are such. */
static int small_whole(const char *s, double *out)
{
	uint32_t v = 0;
	size_t k;

	for (k = 0; k < 9 && s[k] >= '0' && s[k] <= '9'; k++)
		v = v * 10 + (uint32_t)(s[k] - '0');
	if (!k || s[k])
		return 0;
	*out = (double)v;
	return 1;
}

int airs__load_get_num(struct loader *L, size_t j, double *out)
{
	const char *s = airs__load_val(L, j);
	int rc;

	if (!*s)
		return 0;
	if (L->mt && L->mt->decimal == ',')
		return comma_num(L, j, s, out);
	if (small_whole(s, out)) /* a level, an answer, hours */
		return 1;
	rc = airs__parse_double(s, strlen(s), out);
	if (rc == AIRS_OK)
		return 1;
	if (rc == AIRS_ENOMEM) {
		airs__load_oom(L);
		return -1;
	}
	if (rc == AIRS_ERANGE)
		return airs__load_bad(L, j, "is too large to be a number");
	if (decimal_comma(s))
		return airs__load_bad(L, j, "is not a number (use a point as decimal "
		                 "separator, or declare decimal = , in a mapping)");
	return airs__load_bad(L, j, "is not a number");
}

/* A whole number, clamped to int range (the model then says which range
 * it breaks). */
int airs__load_get_int(struct loader *L, size_t j, int *out)
{
	const char *s = airs__load_val(L, j);
	double d;
	long v;

	if (!*s)
		return 0;
	if (airs__parse_long(s, strlen(s), &v) == AIRS_OK) {
		*out = v > 1000000 ? 1000000 : v < -1000000 ? -1000000 : (int)v;
		return 1;
	}
	if (airs__parse_double(s, strlen(s), &d) == AIRS_OK)
		return airs__load_bad(L, j, "is not a whole number");
	if (airs__load_get_num(L, j, &d) < 0)
		return -1;
	return airs__load_bad(L, j, "is not a number");
}

int airs__load_get_bool(struct loader *L, size_t j, int *out)
{
	const char *s = airs__load_val(L, j);

	if (!*s)
		return 0;
	if (airs__parse_bool(s, strlen(s), out) == AIRS_OK)
		return 1;
	if (airs__ieq(s, strlen(s), "y") || airs__ieq(s, strlen(s), "n")) {
		*out = airs__ieq(s, 1, "y");
		return 1;
	}
	return airs__load_bad(L, j, "is not a yes/no value (use 0, 1, true, "
	                 "false, yes, "
	                 "no, Y or N, or map the export's values in a "
	                 "mapping)");
}

/* Why the date text s of column j is not read, with what it looks like;
 * never a guess at what it means. */
static int bad_date(struct loader *L, size_t j, const char *s)
{
	const char *fmt = L->mt ? L->mt->date : NULL;
	char sep = '/';
	int shape = airs__date_shape(s, strlen(s), &sep);

	if (fmt && (shape == AIRS__DATE_DMY || shape == AIRS__DATE_MDY))
		return airs__load_bad(L, j, "does not match the date_format %s of the "
		           "mapping (line %llu); it reads only as %s%c%s%cYYYY: is "
		           "the column in that order?", fmt,
		           (unsigned long long)L->mt->date_line,
		           shape == AIRS__DATE_DMY ? "DD" : "MM", sep,
		           shape == AIRS__DATE_DMY ? "MM" : "DD", sep);
	if (fmt)
		return airs__load_bad(L, j, "does not match the date_format %s of the "
		           "mapping (line %llu)", fmt,
		           (unsigned long long)L->mt->date_line);
	switch (shape) {
	case AIRS__DATE_DMY:
	case AIRS__DATE_MDY:
		return airs__load_bad(L, j, "is not a date in YYYY-MM-DD; it reads only as "
		           "%s%c%s%cYYYY: declare date_format = %s%c%s%cYYYY in a "
		           "mapping",
		           shape == AIRS__DATE_DMY ? "DD" : "MM", sep,
		           shape == AIRS__DATE_DMY ? "MM" : "DD", sep,
		           shape == AIRS__DATE_DMY ? "DD" : "MM", sep,
		           shape == AIRS__DATE_DMY ? "MM" : "DD", sep);
	case AIRS__DATE_EITHER:
		return airs__load_bad(L, j, "is not a date in YYYY-MM-DD; it reads as "
		           "DD%cMM%cYYYY and as MM%cDD%cYYYY, and airs does not "
		           "guess: declare date_format in a mapping", sep, sep,
		           sep, sep);
	case AIRS__DATE_TIMED:
		return airs__load_bad(L, j, "has a time; airs reads dates (YYYY-MM-DD): "
		           "drop the time, or declare date_format = YYYY-MM-DD "
		           "hh:mm:ss in a mapping");
	}
	return airs__load_bad(L, j, "is not a valid date (YYYY-MM-DD)");
}

int airs__load_get_date(struct loader *L, size_t j, airs_date *out)
{
	const char *s = airs__load_val(L, j);
	struct col_errs *ce = &L->errs[j];
	char sep;
	int rc;

	if (!*s)
		return 0;
	if (L->mt && L->mt->date) {
		rc = airs__date_parse_as(L->mt->date, s, strlen(s), out);
	} else {
		/* the column's last valid date again (an employee's answers
		 * share one): no calendar arithmetic */
		struct date_memo *dm = &L->dmemo[j];
		size_t n = strlen(s);
		if (n == sizeof dm->text && !memcmp(dm->text, s, n)) {
			*out = dm->d;
			return 1;
		}
		rc = airs_date_parse(s, n, out);
		if (rc == AIRS_OK && n == sizeof dm->text) {
			memcpy(dm->text, s, n);
			dm->d = *out;
		}
	}
	if (rc == AIRS_OK)
		return 1;
	/* what the column's other bad dates show, for airs__load_errs_summary() */
	if (ce->n) {
		rc = airs__date_shape(s, strlen(s), &sep);
		ce->dmy += rc == AIRS__DATE_DMY;
		ce->mdy += rc == AIRS__DATE_MDY;
	}
	return bad_date(L, j, s);
}
int airs__load_get_month(struct loader *L, size_t j, airs_month *out)
{
	const char *s = airs__load_val(L, j);

	if (!*s)
		return 0;
	if (airs_month_parse(s, strlen(s), out) == AIRS_OK)
		return 1;
	return airs__load_bad(L, j, "is not a valid month (YYYY-MM)");
}

/* A name from an enum's vocabulary, e.g. a source or a course format. */
/* Is s one of column j's last valid names (a source, a status: every
 * row names one of a few)?  Its value in *out then, without parsing
 * again. */
static int enum_seen(const struct loader *L, size_t j, const char *s,
                     int *out)
{
	const struct enum_memo *em = &L->emmemo[j];
	size_t n = strlen(s), k;

	if (n >= sizeof em->text[0])
		return 0;
	for (k = 0; k < ENUM_MEMO; k++)
		if (airs__id_same(em->text[k], s, n + 1)) { /* and the NUL */
			*out = em->v[k];
			return 1;
		}
	return 0;
}

/* Keep s, valid with value v, among column j's last names; 1. */
static int enum_keep(struct loader *L, size_t j, const char *s, int v)
{
	struct enum_memo *em = &L->emmemo[j];
	size_t n = strlen(s), k = em->next++ % ENUM_MEMO;

	if (n < sizeof em->text[0]) {
		memcpy(em->text[k], s, n + 1);
		em->v[k] = v;
	}
	return 1;
}

int airs__load_get_enum(struct loader *L, size_t j,
                    int (*parse)(const char *, size_t, int *),
                    const char *(*name)(int), int *out)
{
	const char *s = airs__load_val(L, j);
	char list[160];
	size_t n = 0;
	int i;

	if (!*s)
		return 0;
	if (enum_seen(L, j, s, out))
		return 1;
	if (parse(s, strlen(s), out) == AIRS_OK)
		return enum_keep(L, j, s, *out);
	{
		/* "Self-paced", "self paced": the name's words with other
		 * joins, which cannot mean another name. */
		char w[64];
		size_t k, len = strlen(s);
		if (len < sizeof w) {
			for (k = 0; k <= len; k++)
				w[k] = s[k] == '-' || s[k] == ' ' ? '_' : s[k];
			if (parse(w, len, out) == AIRS_OK)
				return enum_keep(L, j, s, *out);
		}
	}
	list[0] = '\0';
	for (i = 0; name(i) && n < sizeof list; i++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
		                      i ? ", " : "", name(i));
	return airs__load_bad(L, j, "is not one of %s (map other values in a mapping)",
	           list);
}

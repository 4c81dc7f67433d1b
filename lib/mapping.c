/*
 * mapping.c - the mapping file, read and checked against the loader's
 * tables.
 *
 *     # comments take whole lines (a header may hold "#" or ";")
 *     date_format = DD/MM/YYYY     # before any section: every file
 *     [employees.csv]
 *     file = Worker_Export.csv     # the file's name in the folder
 *     employee_id = Worker ID      # airs column = source column
 *     is_leader.Y = yes            # column.source value = airs value
 *     constant.manager_id = E1     # a column the export lacks
 *     delimiter = ;
 *     decimal = ,
 *     [responses.csv]
 *     layout = wide                # one column per survey item
 *     item.AI01 = Q1               # item id's source column
 *
 * Lines as ini.h reads them, without inline comments: values run to the
 * end of the line, trimmed; quotes keep spaces, and
 * "" names an empty header or maps a value to "not given".  The
 * keys of a section apply to its file; the top-level delimiter, decimal
 * and date_format to every file that sets none of its own.
 */
#include "mapping.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "error.h"
#include "ini.h"
#include "text.h"

struct parser {
	airs__map *m;
	const airs__map_schema *schema;
	airs_diag *err;
	const char *text;   /* the whole text, for columns */
	const char *line;   /* start of the current line */
	uint64_t lineno;
	long sec;           /* current table, or -1 before any section */
	airs__map_table top; /* the top-level settings */
	uint64_t seen[3];   /* top-level delimiter, decimal, date_format */
};

static int fail_at(struct parser *p, const char *at, const char *fmt, ...)
	AIRS__PRINTF(3, 4);

static int fail_at(struct parser *p, const char *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	airs__diag_vset(p->err, AIRS_EPARSE, AIRS_SEVERITY_ERROR, p->m->name,
	                p->lineno, (uint32_t)(at - p->line) + 1, fmt, ap);
	va_end(ap);
	return AIRS_EPARSE;
}

/* The nearest of n words to s (within two edits), or NULL. */
static const char *nearest(const char *s, size_t len,
                           const char *const *words, size_t n)
{
	const char *best = NULL;
	size_t d, best_d = 3, i;

	for (i = 0; i < n; i++)
		if ((d = airs__distance(s, len, words[i])) < best_d) {
			best_d = d;
			best = words[i];
		}
	return best;
}

static const char *keep(struct parser *p, const char *s, size_t n)
{
	return airs__arena_strdup(&p->m->arena, s, n);
}

/* [file.csv] */
static int section(struct parser *p, const airs__ini_line *l)
{
	const char *files[32], *near;
	size_t i, n = (size_t)(l->name_end - l->name);
	char q[80];

	for (i = 0; i < p->m->nt; i++) {
		if (airs__ieq(l->name, n, p->schema[i].file)) {
			p->sec = (long)i;
			return AIRS_OK;
		}
		if (i < 32)
			files[i] = p->schema[i].file;
	}
	airs__quote(q, sizeof q, l->name, n);
	near = nearest(l->name, n, files, p->m->nt < 32 ? p->m->nt : 32);
	return fail_at(p, l->name, "[%s] is not an airs file%s%s%s; sections "
	               "name the airs file a source file stands for", q,
	               near ? " (did you mean [" : "", near ? near : "",
	               near ? "]?)" : "");
}

/* The column of table t named by key[0..n), or -1. */
static long column(const airs__map_schema *t, const char *key, size_t n)
{
	size_t j;

	for (j = 0; j < t->ncols; j++)
		if (airs__ieq(key, n, t->cols[j]))
			return (long)j;
	return -1;
}

static int set_delim(struct parser *p, airs__map_table *t, const char *v,
                     size_t n, const char *at)
{
	char q[40];

	if (n == 1 && (*v == ',' || *v == ';' || *v == '\t'))
		t->delim = *v;
	else if (airs__ieq(v, n, "tab") || airs__ieq(v, n, "\\t"))
		t->delim = '\t';
	else
		return fail_at(p, at, "delimiter \"%s\" is not one airs reads: "
		               "write , or \";\" or tab",
		               (airs__quote(q, sizeof q, v, n), q));
	return AIRS_OK;
}

/* delimiter, decimal or date_format, into t (a section or the top). */
static int set_format(struct parser *p, airs__map_table *t, int which,
                      const char *v, size_t n, const char *at)
{
	const char *why;
	char q[80];

	if (which == 0)
		return set_delim(p, t, v, n, at);
	if (which == 1) {
		if (n != 1 || (*v != '.' && *v != ','))
			return fail_at(p, at, "decimal \"%s\" is not a decimal "
			               "separator: write decimal = , or decimal = .",
			               (airs__quote(q, sizeof q, v, n), q));
		t->decimal = *v;
		return AIRS_OK;
	}
	if (!(t->date = keep(p, v, n)))
		return AIRS_ENOMEM;
	t->date_line = p->lineno;
	if ((why = airs__date_format_problem(t->date)))
		return fail_at(p, at, "date_format \"%s\" %s (e.g. DD/MM/YYYY, "
		               "MM/DD/YYYY, DD.MM.YYYY, YYYY-MM-DD hh:mm:ss)",
		               (airs__quote(q, sizeof q, v, n), q), why);
	return AIRS_OK;
}

static int format_key(const char *k, size_t n)
{
	return airs__ieq(k, n, "delimiter") ? 0 : airs__ieq(k, n, "decimal") ? 1
	       : airs__ieq(k, n, "date_format") ? 2 : -1;
}

/* column.Source value = airs value */
static int value_key(struct parser *p, airs__map_table *t, long col,
                     const char *from, size_t fn, const char *v, size_t n)
{
	airs__map_value *x;
	size_t i;
	char q[80];

	for (i = 0; i < t->nvalues; i++)
		if (t->values[i].col == (uint32_t)col &&
		    airs__ieq(from, fn, t->values[i].from))
			return fail_at(p, from, "the value \"%s\" of %s is mapped "
			               "twice; keep one line",
			               (airs__quote(q, sizeof q, from, fn), q),
			               p->schema[p->sec].cols[col]);
	if (airs__grow(&p->m->mem, &t->values, &t->values_cap, t->nvalues + 1,
	               sizeof *t->values))
		return AIRS_ENOMEM;
	x = &t->values[t->nvalues];
	x->col = (uint32_t)col;
	if (!(x->from = keep(p, from, fn)) || !(x->to = keep(p, v, n)))
		return AIRS_ENOMEM;
	t->nvalues++;
	return AIRS_OK;
}

static int item_key(struct parser *p, airs__map_table *t, const char *id,
                    size_t idn, const char *v, size_t n)
{
	airs__map_item *x;
	const char *why = airs__id_problem(id, idn);

	if (why)
		return fail_at(p, id, "the item id after \"item.\" %s", why);
	if (airs__grow(&p->m->mem, &t->items, &t->items_cap, t->nitems + 1,
	               sizeof *t->items))
		return AIRS_ENOMEM;
	x = &t->items[t->nitems];
	if (!(x->item = keep(p, id, idn)) || !(x->head = keep(p, v, n)))
		return AIRS_ENOMEM;
	t->nitems++;
	return AIRS_OK;
}

static int twice(const airs__map_table *t, int which)
{
	return which == 0 ? t->delim != 0 : which == 1 ? t->decimal != 0
	                                               : t->date != NULL;
}

/* A column's source header: once per column, one column per header. */
static int head_key(struct parser *p, airs__map_table *t, long j,
                    const char *k, const char *v, size_t n)
{
	const airs__map_schema *s = &p->schema[p->sec];
	size_t i;
	char q[80];

	if (t->head[j])
		return fail_at(p, k, "%s is already mapped on line %llu; map each "
		               "column once", s->cols[j],
		               (unsigned long long)t->head_line[j]);
	for (i = 0; i < s->ncols; i++)
		if (t->head[i] && airs__ieq(v, n, t->head[i]))
			return fail_at(p, k, "%s and %s both name the source "
			               "column \"%s\"; a source column holds one airs "
			               "column", s->cols[i], s->cols[j],
			               (airs__quote(q, sizeof q, v, n), q));
	if (!(t->head[j] = keep(p, v, n)))
		return AIRS_ENOMEM;
	t->head_line[j] = p->lineno;
	return AIRS_OK;
}

/* constant.COLUMN = VALUE: once per column. */
static int constant_key(struct parser *p, airs__map_table *t, const char *k,
                        const char *col, size_t n, const char *v, size_t vn)
{
	const airs__map_schema *s = &p->schema[p->sec];
	long j = column(s, col, n);

	if (j < 0)
		return fail_at(p, col, "\"%.*s\" is not a column of %s", (int)n,
		               col, s->file);
	if (t->constant[j])
		return fail_at(p, k, "constant.%s is already set on line %llu",
		               s->cols[j], (unsigned long long)t->constant_line[j]);
	if (!(t->constant[j] = keep(p, v, vn)))
		return AIRS_ENOMEM;
	t->constant_line[j] = p->lineno;
	return AIRS_OK;
}

static int unknown_key(struct parser *p, const char *k, size_t n)
{
	static const char *const words[] = { "file", "delimiter", "decimal",
	                                     "date_format", "layout", "item",
	                                     "constant" };
	const airs__map_schema *s = &p->schema[p->sec];
	const char *near = nearest(k, n, s->cols, s->ncols);
	char q[80];

	if (!near)
		near = nearest(k, n, words, sizeof words / sizeof *words);
	airs__quote(q, sizeof q, k, n);
	if (near)
		return fail_at(p, k, "\"%s\" is not a column of %s nor a setting "
		               "(did you mean \"%s\"?)", q, s->file, near);
	return fail_at(p, k, "\"%s\" is not a column of %s nor a setting; "
	               "write column = source column, column.source value = "
	               "airs value, or a setting (docs/data-format.md)", q,
	               s->file);
}

static int section_key(struct parser *p, const char *k, size_t kn,
                       const char *v, size_t vn, const char *vat)
{
	airs__map_table *t = &p->m->t[p->sec];
	const airs__map_schema *s = &p->schema[p->sec];
	const char *dot = memchr(k, '.', kn);
	int which = format_key(k, kn);
	long j;

	if (which >= 0) {
		if (twice(t, which))
			return fail_at(p, k, "%.*s is set twice in [%s]", (int)kn,
			               k, s->file);
		return set_format(p, t, which, v, vn, vat);
	}
	if (airs__ieq(k, kn, "file")) {
		if (memchr(v, '/', vn) || memchr(v, '\\', vn) || t->file)
			return fail_at(p, vat, "file names one file of the dataset "
			               "folder, once per section, without a folder");
		return (t->file = keep(p, v, vn)) ? AIRS_OK : AIRS_ENOMEM;
	}
	if (airs__ieq(k, kn, "layout") && s->wide) {
		if (!airs__ieq(v, vn, "long") && !airs__ieq(v, vn, "wide"))
			return fail_at(p, vat, "layout is long (one row per "
			               "answer) or wide (one column per item)");
		t->layout = airs__ieq(v, vn, "wide") ? AIRS__LAYOUT_WIDE
		                                     : AIRS__LAYOUT_LONG;
		return AIRS_OK;
	}
	if (dot && s->wide && airs__ieq(k, (size_t)(dot - k), "item"))
		return item_key(p, t, dot + 1, kn - (size_t)(dot + 1 - k), v, vn);
	if (dot && airs__ieq(k, (size_t)(dot - k), "constant"))
		return constant_key(p, t, k, dot + 1, kn - (size_t)(dot + 1 - k),
		                    v, vn);
	if ((j = column(s, k, kn)) >= 0)
		return head_key(p, t, j, k, v, vn);
	if (dot && (j = column(s, k, (size_t)(dot - k))) >= 0) {
		if (dot + 1 == k + kn)
			return fail_at(p, k, "no source value after \"%.*s.\"",
			               (int)(dot - k), k);
		return value_key(p, t, j, dot + 1, kn - (size_t)(dot + 1 - k),
		                 v, vn);
	}
	return unknown_key(p, k, kn);
}

/* Does the key s..e name a column or a column's value (which "" may
 * map: an empty header, "not given")? */
static int is_column_key(const struct parser *p, const char *s, const char *e)
{
	const char *dot = memchr(s, '.', (size_t)(e - s));
	const airs__map_schema *t = &p->schema[p->sec];

	if (dot && (airs__ieq(s, (size_t)(dot - s), "item") ||
	            airs__ieq(s, (size_t)(dot - s), "constant")))
		return 0;
	return column(t, s, (size_t)((dot ? dot : e) - s)) >= 0;
}

/* key = value */
static int pair(struct parser *p, const airs__ini_line *l)
{
	const char *s = l->name, *ke = l->name_end;
	const char *v = l->value, *ve = l->value_end;
	int which;

	/* "" names an empty header or a value that means "not given" */
	if (ve == v && !(l->quoted && p->sec >= 0 && is_column_key(p, s, ke)))
		return fail_at(p, l->eq + 1, "%.*s has no value after \"=\" "
		               "(write \"\" for an empty header or for \"not "
		               "given\")", (int)(ke - s), s);
	if (p->sec >= 0)
		return section_key(p, s, (size_t)(ke - s), v, (size_t)(ve - v), v);
	if ((which = format_key(s, (size_t)(ke - s))) < 0)
		return fail_at(p, s, "before the first [file.csv] section only "
		               "delimiter, decimal and date_format may be set; "
		               "put \"%.*s\" under the section of its file",
		               (int)(ke - s), s);
	if (p->seen[which])
		return fail_at(p, s, "%.*s is already set on line %llu",
		               (int)(ke - s), s,
		               (unsigned long long)p->seen[which]);
	p->seen[which] = p->lineno;
	return set_format(p, &p->top, which, v, (size_t)(ve - v), v);
}

/* One section header or pair of the mapping. */
static int mapping_line(const airs__ini_line *l, void *user)
{
	struct parser *p = user;

	p->line = l->line;
	p->lineno = l->lineno;
	return l->kind == AIRS__INI_SECTION ? section(p, l) : pair(p, l);
}

static int parse_lines(struct parser *p, const char *s, size_t len)
{
	airs__ini_error e = { 0, 0, NULL };
	int rc = airs__ini_walk(s, len, 0, mapping_line, p, &e);

	if (rc == AIRS_EPARSE && e.why)
		airs__diag_set(p->err, AIRS_EPARSE, AIRS_SEVERITY_ERROR,
		               p->m->name, e.lineno, e.column, "%s", e.why);
	return rc;
}

/* The top-level settings fill what a section left unset. */
static void merge_top(airs__map *m, const airs__map_table *top)
{
	size_t i;

	for (i = 0; i < m->nt; i++) {
		airs__map_table *t = &m->t[i];
		if (!t->delim)
			t->delim = top->delim;
		if (!t->decimal)
			t->decimal = top->decimal;
		if (!t->date) {
			t->date = top->date;
			t->date_line = top->date_line;
		}
	}
}

/* A table that declares decimal commas must not be split at commas. */
static int check_tables(struct parser *p)
{
	size_t i;

	for (i = 0; i < p->m->nt; i++) {
		airs__map_table *t = &p->m->t[i];
		if (t->decimal == ',' && t->delim == ',') {
			p->lineno = 0;
			p->line = p->text;
			return fail_at(p, p->text, "[%s] declares decimal = , and "
			               "delimiter = , : a decimal comma needs fields "
			               "separated by \";\" or tabs",
			               p->schema[i].file);
		}
		if (!t->decimal)
			t->decimal = '.';
	}
	return AIRS_OK;
}

int airs__map_parse(airs__map *m, const airs__mem *mem,
                    const airs__map_schema *schema, size_t nt,
                    const char *name, const char *text, size_t len,
                    airs_diag *err)
{
	struct parser p;
	int rc;

	memset(m, 0, sizeof *m);
	m->mem = *mem;
	m->name = name ? name : "mapping";
	airs__arena_init(&m->arena, &m->mem);
	if (!text)
		return AIRS_OK; /* no tables: every one as it is */
	if (!(m->t = airs__calloc(&m->mem, nt ? nt : 1, sizeof *m->t))) {
		airs__diag_set(err, AIRS_ENOMEM, AIRS_SEVERITY_ERROR, m->name, 0,
		               0, "out of memory reading the mapping");
		return AIRS_ENOMEM;
	}
	m->nt = nt;
	memset(&p, 0, sizeof p);
	p.m = m;
	p.schema = schema;
	p.err = err;
	p.text = p.line = text;
	p.sec = -1;
	rc = parse_lines(&p, text, len);
	if (!rc) {
		merge_top(m, &p.top);
		rc = check_tables(&p);
	}
	if (rc == AIRS_ENOMEM)
		airs__diag_set(err, AIRS_ENOMEM, AIRS_SEVERITY_ERROR, m->name, 0, 0,
		               "out of memory reading the mapping");
	if (rc) {
		airs__map_free(m);
		m->name = name ? name : "mapping";
	}
	return rc;
}

void airs__map_free(airs__map *m)
{
	size_t i;

	if (!m->t)
		return;
	for (i = 0; i < m->nt; i++) {
		airs__free(&m->mem, m->t[i].values);
		airs__free(&m->mem, m->t[i].items);
	}
	airs__free(&m->mem, m->t);
	airs__arena_free(&m->arena);
	m->t = NULL;
	m->nt = 0;
}

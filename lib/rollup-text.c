/*
 * rollup-text.c - the text form of rollup partials (docs/output-format.md,
 * "Rollup partials"): airs_rollup_write() and airs_rollup_read().
 *
 * A partial is a rollup's accumulators, line by line: the parameters
 * digest, min_group, the shape, the units in tree order and the skills,
 * then a block of lines per unit.  Reading checks every count against
 * the others and the units' tree order, so a parsed partial can be merged
 * and finalised like one made by scoring.
 */
#include "rollup-impl.h"

#include <limits.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "params.h"
#include "sink.h"

#define FORMAT_VERSION 3

/* Readiness 100 in quanta. */
#define READINESS_MAX_Q ((int64_t)100 * 1000000000)

static void wu64(airs__sink *w, uint64_t v)
{
	char t[24];
	int n = snprintf(t, sizeof t, " %llu", (unsigned long long)v);

	airs__sink_put(w, t, (size_t)n);
}

static void wi64(airs__sink *w, int64_t v)
{
	char t[24];
	int n = snprintf(t, sizeof t, " %lld", (long long)v);

	airs__sink_put(w, t, (size_t)n);
}

/* The n accumulator fields at f, signed where is_signed says. */
static void wfields(airs__sink *w, const uint64_t *f, size_t n,
                    int (*is_signed)(size_t))
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (is_signed(i))
			wi64(w, (int64_t)f[i]);
		else
			wu64(w, f[i]);
	}
}

/* A text token: bytes that would break the line structure, and '%', as
 * %XX; the empty string as a lone "%". */
static void wenc(airs__sink *w, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	airs__sink_put(w, " ", 1);
	if (!*s)
		airs__sink_put(w, "%", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= 0x20 || c >= 0x7f || c == '%') {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			airs__sink_put(w, e, 3);
		} else {
			airs__sink_put(w, s, 1);
		}
	}
}

/* The evidence kinds of the context line, in bit order. */
static const char *const evidence_words[] = { "training", "usage", "survey",
                                              "usage_current" };
#define N_EVIDENCE (sizeof evidence_words / sizeof evidence_words[0])

/* "2026-06-30 training usage survey": the as-of date and the evidence
 * kinds present, "-" for none. */
static void write_context(airs__sink *w, const airs_rollup *r)
{
	char date[11];
	size_t i;

	airs_date_format(r->as_of, date);
	airs__sink_puts(w, date);
	if (!r->evidence)
		airs__sink_puts(w, " -");
	for (i = 0; i < N_EVIDENCE; i++)
		if (r->evidence >> i & 1u) {
			airs__sink_puts(w, " ");
			airs__sink_puts(w, evidence_words[i]);
		}
}

int airs_rollup_write_v2(const airs_rollup *r, int form, airs_write_fn write,
                         void *user)
{
	if (!r || !write || (form != AIRS_PARTIAL_TEXT &&
	                     form != AIRS_PARTIAL_BINARY))
		return AIRS_EINVAL;
	if (!r->sorted)
		return AIRS_ESTATE;
	return form == AIRS_PARTIAL_TEXT ? airs_rollup_write(r, write, user)
	                                 : airs__rollup_write_binary(r, write,
	                                                             user);
}

int airs_rollup_write(const airs_rollup *r, airs_write_fn write, void *user)
{
	airs__sink *w;
	uint32_t *cells;
	size_t u, i, c, k = 0;
	int rc;

	if (!r || !write)
		return AIRS_EINVAL;
	if (!r->sorted)
		return AIRS_ESTATE; /* finished or read back: values sorted */
	if (!(cells = airs__skills_by_unit(r)))
		return AIRS_ENOMEM;
	w = airs__malloc(&r->mem, sizeof *w);
	if (!w) {
		airs__free(&r->mem, cells);
		return AIRS_ENOMEM;
	}
	airs__sink_init(w, write, user);
	airs__sink_puts(w, "airs-rollup");
	wu64(w, FORMAT_VERSION);
	airs__sink_puts(w, "\ndigest ");
	airs__sink_puts(w, r->digest);
	airs__sink_puts(w, "\nmin_group");
	wu64(w, (uint64_t)r->min_group);
	airs__sink_puts(w, "\nadkar_barrier");
	wi64(w, r->barrier_q);
	airs__sink_puts(w, "\ncontext ");
	write_context(w, r);
	airs__sink_puts(w, "\nshape");
	wu64(w, r->nu);
	wu64(w, r->ns);
	airs__sink_puts(w, "\n");
	for (u = 0; u < r->nu; u++) {
		airs__sink_puts(w, "unit");
		wenc(w, r->uid[u]);
		if (r->parent[u] == AIRS__NONE)
			airs__sink_puts(w, " -");
		else
			wu64(w, r->parent[u]);
		wu64(w, (uint64_t)r->target[u]);
		wenc(w, r->uname[u]);
		airs__sink_puts(w, "\n");
	}
	for (i = 0; i < r->ns; i++) {
		airs__sink_puts(w, "skill");
		wenc(w, r->sid[i]);
		airs__sink_puts(w, "\n");
	}
	for (u = 0; u < r->nu; u++) {
		acc buf;
		const acc *a = airs__rollup_own(r, u, &buf);
		const uint64_t *f = (const uint64_t *)(const void *)a;
		airs__sink_puts(w, "a");
		wu64(w, u);
		wfields(w, f, ACC_SCALARS, airs__acc_signed);
		airs__sink_puts(w, "\n");
		for (c = 0; c < NC; c++) {
			const uint64_t *cf = (const uint64_t *)(const void *)&a->c[c];
			int any = 0;
			for (i = 0; i < CONS_FIELDS; i++)
				any |= cf[i] != 0;
			if (!any)
				continue;
			airs__sink_puts(w, "c");
			wu64(w, u);
			wu64(w, c);
			wfields(w, cf, CONS_FIELDS, airs__cons_signed);
			airs__sink_puts(w, "\n");
		}
		if (r->vals[u].n) {
			airs__sink_puts(w, "r");
			wu64(w, u);
			for (i = 0; i < r->vals[u].n; i++)
				wi64(w, r->vals[u].v[i]);
			airs__sink_puts(w, "\n");
		}
		for (; k < r->sk.n && r->sk.v[cells[k]].unit == u; k++) {
			const skcell *x = &r->sk.v[cells[k]];
			airs__sink_puts(w, "s");
			wu64(w, u);
			wu64(w, x->skill);
			wu64(w, x->n);
			wi64(w, x->sum);
			airs__sink_puts(w, "\n");
		}
	}
	airs__sink_puts(w, "end\n");
	rc = airs__sink_finish(w);
	airs__free(&r->mem, w);
	airs__free(&r->mem, cells);
	return rc;
}

/* The reader: one line at a time, tokens separated by single spaces. */
typedef struct rdr {
	const char *p, *end;  /* rest of the input */
	const char *lp, *le;  /* rest of the current line */
	uint64_t line;
	airs_diag *diag;
} rdr;

static int perr(rdr *d, const char *fmt, ...) AIRS__PRINTF(2, 3);

static int perr(rdr *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	airs__diag_vset(d->diag, AIRS_EPARSE, AIRS_SEVERITY_ERROR, NULL, d->line,
	                0, fmt, ap);
	va_end(ap);
	return AIRS_EPARSE;
}

static int next_line(rdr *d)
{
	const char *nl, *q;

	d->line++;
	if (d->p >= d->end)
		return perr(d, "unexpected end of input");
	nl = memchr(d->p, '\n', (size_t)(d->end - d->p));
	if (!nl)
		return perr(d, "line does not end with a newline");
	d->lp = d->p;
	d->le = nl;
	d->p = nl + 1;
	/* printable ASCII and spaces only: every other byte of an id or a
	 * name is written %XX, so no other byte belongs in a partial */
	for (q = d->lp; q < d->le; q++)
		if ((unsigned char)*q < 0x20 || (unsigned char)*q > 0x7e)
			return perr(d, "byte 0x%02x at column %zu is not allowed in "
			            "a partial", (unsigned)(unsigned char)*q,
			            (size_t)(q - d->lp) + 1);
	return AIRS_OK;
}

/* The next token of the line into *s, *n; error when there is none. */
static int tok(rdr *d, const char **s, size_t *n, const char *what)
{
	const char *t = d->lp;

	*s = t; /* set on every path: callers' failures are perr()'s */
	*n = 0;
	if (t >= d->le)
		return perr(d, "missing %s", what);
	while (t < d->le && *t != ' ')
		t++;
	*s = d->lp;
	*n = (size_t)(t - d->lp);
	if (!*n)
		return perr(d, "empty field before %s", what);
	d->lp = t < d->le ? t + 1 : t;
	if (t < d->le && d->lp == d->le)
		return perr(d, "trailing space");
	return AIRS_OK;
}

static int line_done(rdr *d)
{
	return d->lp < d->le ? perr(d, "unexpected text after the last field")
	                     : AIRS_OK;
}

static int keyword(rdr *d, const char *kw)
{
	const char *s;
	size_t n;
	int rc = tok(d, &s, &n, kw);

	if (rc)
		return rc;
	if (n != strlen(kw) || memcmp(s, kw, n))
		return perr(d, "expected \"%s\"", kw);
	return AIRS_OK;
}

static int get_u64(rdr *d, uint64_t *v, const char *what)
{
	const char *s;
	size_t n, i;
	uint64_t x = 0;
	int rc = tok(d, &s, &n, what);

	if (rc)
		return rc;
	if (n > 1 && s[0] == '0')
		return perr(d, "%s has a leading zero", what);
	for (i = 0; i < n; i++) {
		unsigned dg = (unsigned)(s[i] - '0');
		if (dg > 9)
			return perr(d, "%s is not a non-negative integer", what);
		if (x > (UINT64_MAX - dg) / 10)
			return perr(d, "%s is too large", what);
		x = x * 10 + dg;
	}
	*v = x;
	return AIRS_OK;
}

static int get_i64(rdr *d, int64_t *v, const char *what)
{
	const char *s;
	size_t n, i;
	uint64_t x = 0, lim;
	int rc = tok(d, &s, &n, what), neg;

	if (rc)
		return rc;
	neg = s[0] == '-';
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	if (n == (size_t)neg || (n > (size_t)neg + 1 && s[neg] == '0') ||
	    (neg && n == 2 && s[1] == '0'))
		return perr(d, "%s is not a canonical integer", what);
	for (i = (size_t)neg; i < n; i++) {
		unsigned dg = (unsigned)(s[i] - '0');
		if (dg > 9)
			return perr(d, "%s is not an integer", what);
		if (x > (lim - dg) / 10)
			return perr(d, "%s is out of range", what);
		x = x * 10 + dg;
	}
	*v = neg ? (x == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)x)
	         : (int64_t)x;
	return AIRS_OK;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int get_text(rdr *d, const airs__mem *mem, char **out, const char *what)
{
	const char *s;
	size_t n, i, o = 0;
	char *t;
	int rc = tok(d, &s, &n, what);

	if (rc)
		return rc;
	t = airs__malloc(mem, n + 1);
	if (!t)
		return AIRS_ENOMEM;
	if (!(n == 1 && s[0] == '%')) {
		for (i = 0; i < n; i++) {
			if (s[i] == '%') {
				int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
				int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
				if (hi < 0 || lo < 0 || !(hi << 4 | lo)) {
					airs__free(mem, t);
					return perr(d, "%s has a bad %% escape", what);
				}
				t[o++] = (char)(hi << 4 | lo);
				i += 2;
			} else {
				t[o++] = s[i];
			}
		}
	}
	t[o] = '\0';
	*out = t;
	return AIRS_OK;
}

static int check_ids(const airs_rollup *r, rdr *d, size_t units_line)
{
	size_t at;
	int dup = 0;

	if (airs__rollup_check_shape(r, &at, &dup))
		return AIRS_ENOMEM;
	if (at == SIZE_MAX)
		return AIRS_OK;
	d->line = units_line + at + 1;
	return perr(d, dup ? "duplicate unit id"
	                   : "units are not in tree order (each unit followed "
	                     "by its subtree, siblings by id)");
}

static int parse_units(airs_rollup *r, rdr *d)
{
	size_t u, units_line = d->line;
	uint64_t v;
	int rc;

	for (u = 0; u < r->nu; u++) {
		const char *s;
		size_t n;
		if ((rc = next_line(d)) || (rc = keyword(d, "unit")) ||
		    (rc = get_text(d, &r->mem, &r->uid[u], "unit id")))
			return rc;
		if ((rc = tok(d, &s, &n, "parent")))
			return rc;
		if (n == 1 && s[0] == '-') {
			r->parent[u] = AIRS__NONE;
		} else {
			d->lp = s; /* parse the same token as a number */
			if ((rc = get_u64(d, &v, "parent")))
				return rc;
			if (v >= u)
				return perr(d, "parent %llu does not come before "
				               "the unit",
				            (unsigned long long)v);
			r->parent[u] = (uint32_t)v;
		}
		if ((rc = get_u64(d, &v, "target")))
			return rc;
		if (v > 5)
			return perr(d, "target %llu is outside 0..5",
			            (unsigned long long)v);
		r->target[u] = (int32_t)v;
		if ((rc = get_text(d, &r->mem, &r->uname[u], "unit name")) ||
		    (rc = line_done(d)))
			return rc;
	}
	airs__rollup_derive_shape(r);
	if ((rc = check_ids(r, d, units_line)))
		return rc;
	for (u = 0; u < r->ns; u++)
		if ((rc = next_line(d)) || (rc = keyword(d, "skill")) ||
		    (rc = get_text(d, &r->mem, &r->sid[u], "skill id")) ||
		    (rc = line_done(d)))
			return rc;
	return AIRS_OK;
}

/* The line's keyword and unit number, for the unit blocks. */
static int block_head(rdr *d, char *kw, uint64_t *unit)
{
	const char *s;
	size_t n;
	int rc;

	if ((rc = next_line(d)) || (rc = tok(d, &s, &n, "keyword")))
		return rc;
	if (n == 3 && !memcmp(s, "end", 3)) {
		*kw = 'e';
		return line_done(d);
	}
	if (n != 1 || (s[0] != 'a' && s[0] != 'c' && s[0] != 'r' && s[0] != 's'))
		return perr(d, "expected \"a\", \"c\", \"r\", \"s\" or \"end\"");
	*kw = s[0];
	return get_u64(d, unit, "unit");
}

static int check_acc(rdr *d, const acc *a)
{
	const char *why = airs__rollup_check_acc(a);

	return why ? perr(d, "%s", why) : AIRS_OK;
}

/* The n accumulator fields of a line into f, signed where is_signed
 * says. */
static int get_fields(rdr *d, uint64_t *f, size_t n, int (*is_signed)(size_t))
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		if (is_signed(i)) {
			int64_t sv;
			if ((rc = get_i64(d, &sv, "accumulator")))
				return rc;
			f[i] = (uint64_t)sv;
		} else if ((rc = get_u64(d, &f[i], "accumulator")))
			return rc;
	}
	return AIRS_OK;
}

/* Where the unit blocks are: u units have had their "a" line, and the
 * last line of unit u - 1 was of stage (1 "a", 2 "c", 3 "r", 4 "s";
 * 0 before the first block) and named construct or skill last. */
typedef struct blocks {
	size_t u;
	int stage, last;
} blocks;

/* The "a" line of unit b->u, which opens its block. */
static int parse_a(airs_rollup *r, rdr *d, blocks *b, uint64_t unit)
{
	acc *a;
	int rc;

	if (unit != b->u || b->u >= r->nu)
		return perr(d, "expected the \"a\" line of unit %zu", b->u);
	a = &r->direct[b->u];
	if ((rc = get_fields(d, (uint64_t *)(void *)a, ACC_SCALARS,
	                     airs__acc_signed)) ||
	    (rc = line_done(d)) || (rc = check_acc(d, a)))
		return rc;
	if (a->scored > (uint64_t)(d->end - d->p) / 2)
		return perr(d, "more scored employees than the text "
		               "holds values for");
	if (a->scored && airs__rollup_reserve(&r->mem, &r->vals[b->u],
	                                      a->scored))
		return AIRS_ENOMEM;
	b->u++;
	b->stage = 1;
	b->last = -1;
	return AIRS_OK;
}

/* A "c" line: one construct of the block's unit, constructs ascending. */
static int parse_c(airs_rollup *r, rdr *d, blocks *b)
{
	acc *a = &r->direct[b->u - 1];
	const char *why;
	uint64_t v;
	int rc;

	if ((rc = get_u64(d, &v, "construct")))
		return rc;
	if (b->stage > 2 || v >= NC || (b->stage == 2 && (int)v <= b->last))
		return perr(d, "construct %llu out of order or range",
		            (unsigned long long)v);
	if ((rc = get_fields(d, (uint64_t *)(void *)&a->c[v], CONS_FIELDS,
	                     airs__cons_signed)) ||
	    (rc = line_done(d)))
		return rc;
	if ((why = airs__rollup_check_cons(a, (size_t)v)))
		return perr(d, "%s", why);
	b->stage = 2;
	b->last = (int)v;
	return AIRS_OK;
}

/* The "r" line: the unit's readiness values, sorted, matching the "a"
 * line's count and sum. */
static int parse_r(airs_rollup *r, rdr *d, blocks *b)
{
	i64vec *vv = &r->vals[b->u - 1];
	const acc *a = &r->direct[b->u - 1];
	int64_t sum = 0, x;
	uint64_t sq[AIRS__SQ_LIMBS] = { 0 };
	int rc;

	if (b->stage > 2)
		return perr(d, "\"r\" line out of order");
	while (d->lp < d->le) {
		if (vv->n == a->scored)
			return perr(d, "more readiness values than "
			               "scored employees");
		if ((rc = get_i64(d, &x, "readiness value")))
			return rc;
		if (x < 0 || x > READINESS_MAX_Q)
			return perr(d, "readiness value %lld is not in 0..100",
			            (long long)x);
		if (vv->n && x < vv->v[vv->n - 1])
			return perr(d, "readiness values are not sorted");
		if (sum > INT64_MAX - x)
			return perr(d, "readiness values do not match the "
			               "count or sum");
		vv->v[vv->n++] = x;
		sum += x;
		airs__sq_add(sq, x);
	}
	if (vv->n != a->scored || sum != a->ready_sum ||
	    memcmp(sq, a->ready_sq, sizeof sq))
		return perr(d, "readiness values do not match the "
		               "count, sum or sum of squares");
	b->stage = 3;
	return AIRS_OK;
}

/* An "s" line: one heatmap cell of the unit, skills ascending. */
static int parse_s(airs_rollup *r, rdr *d, blocks *b)
{
	const char *why;
	uint64_t v, n;
	int64_t sum;
	int rc;

	if ((rc = get_u64(d, &v, "skill")))
		return rc;
	if (v >= r->ns || (b->stage == 4 && (int)v <= b->last))
		return perr(d, "skill %llu out of order or range",
		            (unsigned long long)v);
	if ((rc = get_u64(d, &n, "count")) ||
	    (rc = get_i64(d, &sum, "sum")) || (rc = line_done(d)))
		return rc;
	if ((why = airs__rollup_check_cell(n, sum,
	                                   r->direct[b->u - 1].headcount)))
		return perr(d, "%s", why);
	if (airs__skcells_reserve(&r->sk, &r->mem, 1))
		return AIRS_ENOMEM;
	airs__skcells_add(&r->sk, (uint32_t)(b->u - 1), (uint32_t)v, n, sum);
	b->stage = 4;
	b->last = (int)v;
	return AIRS_OK;
}

/* The unit blocks up to "end": per unit an "a" line, then "c", "r" and
 * "s" lines in that order, as far as they are not empty. */
/* The net score and time saved sum the answers of the recommend and
 * time_saved constructs' respondents, and are suppressed with them:
 * a partial where they differ did not come from scoring. */
static int check_families(const airs_rollup *r, rdr *d)
{
	size_t u = airs__rollup_check_families(r);

	return u == SIZE_MAX ? AIRS_OK
	                     : perr(d, "unit %s: the net score or time saved "
	                               "respondents differ from their "
	                               "construct's", r->uid[u]);
}

static int parse_blocks(airs_rollup *r, rdr *d)
{
	blocks b = { 0, 0, -1 };
	char kw = 0;
	uint64_t unit = 0;
	int rc;

	for (;;) {
		if ((rc = block_head(d, &kw, &unit)))
			return rc;
		if ((kw == 'a' || kw == 'e') && b.u &&
		    r->vals[b.u - 1].n != r->direct[b.u - 1].scored)
			return perr(d, "unit %zu has no \"r\" line for its %llu "
			               "scored employees",
			            b.u - 1,
			            (unsigned long long)r->direct[b.u - 1].scored);
		if (kw == 'e') {
			if (b.u != r->nu)
				return perr(d, "%zu of %zu units have no \"a\" "
				               "line",
				            r->nu - b.u, r->nu);
			return d->p == d->end ? AIRS_OK
			                      : (d->line++,
			                         perr(d, "text after \"end\""));
		}
		if (kw == 'a')
			rc = parse_a(r, d, &b, unit);
		else if (!b.stage || unit != b.u - 1)
			return perr(d, "line for unit %llu outside its block",
			            (unsigned long long)unit);
		else
			rc = kw == 'c'   ? parse_c(r, d, &b)
			     : kw == 'r' ? parse_r(r, d, &b)
			                 : parse_s(r, d, &b);
		if (rc)
			return rc;
	}
}

/* The context line's date and evidence kinds (in bit order, each once,
 * or "-"). */
static int read_context(rdr *d, airs_date *as_of, unsigned *evidence)
{
	const char *s;
	size_t n, i, next = 0;
	int rc;

	if ((rc = next_line(d)) || (rc = keyword(d, "context")) ||
	    (rc = tok(d, &s, &n, "as-of date")))
		return rc;
	if (airs_date_parse(s, n, as_of) != AIRS_OK)
		return perr(d, "the as-of date is not a date YYYY-MM-DD");
	*evidence = 0;
	if ((rc = tok(d, &s, &n, "evidence")))
		return rc;
	if (n == 1 && s[0] == '-')
		return line_done(d);
	for (;;) {
		for (i = next; i < N_EVIDENCE; i++)
			if (strlen(evidence_words[i]) == n &&
			    !memcmp(s, evidence_words[i], n))
				break;
		if (i == N_EVIDENCE)
			return perr(d, "evidence kinds are training, usage, survey "
			               "and usage_current, in that order, or -");
		*evidence |= 1u << i;
		next = i + 1;
		if (d->lp >= d->le)
			return AIRS_OK;
		if ((rc = tok(d, &s, &n, "evidence")))
			return rc;
	}
}

/* The head of a partial: version, digest, min_group, adkar_barrier,
 * context and shape. */
static int read_head(rdr *d, char digest[65], uint64_t *k, int64_t *bq,
                     airs_date *as_of, unsigned *evidence, uint64_t *nu,
                     uint64_t *ns)
{
	const char *s;
	size_t n, i;
	uint64_t v;
	int rc;

	if ((rc = next_line(d)) || (rc = keyword(d, "airs-rollup")) ||
	    (rc = get_u64(d, &v, "format version")) || (rc = line_done(d)))
		return rc;
	if (v != FORMAT_VERSION) {
		airs__diag_set(d->diag, AIRS_EMISMATCH, AIRS_SEVERITY_ERROR, NULL,
		               1, 0, "rollup format version %llu is not supported "
		               "(this library reads version %d)",
		               (unsigned long long)v, FORMAT_VERSION);
		return AIRS_EMISMATCH;
	}
	if ((rc = next_line(d)) || (rc = keyword(d, "digest")) ||
	    (rc = tok(d, &s, &n, "digest")) || (rc = line_done(d)))
		return rc;
	for (i = 0; i < n && ((s[i] >= '0' && s[i] <= '9') ||
	                      (s[i] >= 'a' && s[i] <= 'f')); i++)
		;
	if (n != 64 || i != n)
		return perr(d, "the digest is not 64 lowercase hex digits");
	memcpy(digest, s, 64);
	digest[64] = '\0';
	if ((rc = next_line(d)) || (rc = keyword(d, "min_group")) ||
	    (rc = get_u64(d, k, "min_group")) || (rc = line_done(d)))
		return rc;
	if (*k > INT_MAX)
		return perr(d, "min_group is out of range");
	if (*k < AIRS__MIN_GROUP_FLOOR) {
		airs__diag_set(d->diag, AIRS_EPRIVACY, AIRS_SEVERITY_ERROR, NULL,
		               d->line, 0, "min_group %llu is below the "
		               "methodology's minimum of %d: it would publish "
		               "groups of fewer people",
		               (unsigned long long)*k, AIRS__MIN_GROUP_FLOOR);
		return AIRS_EPRIVACY;
	}
	if ((rc = next_line(d)) || (rc = keyword(d, "adkar_barrier")) ||
	    (rc = get_i64(d, bq, "adkar_barrier")) || (rc = line_done(d)))
		return rc;
	if (*bq < AIRS__Q || *bq > 5 * AIRS__Q)
		return perr(d, "adkar_barrier %lld is not a threshold in 1..5 "
		               "(in quanta of 1e-9)", (long long)*bq);
	if ((rc = read_context(d, as_of, evidence)))
		return rc;
	if ((rc = next_line(d)) || (rc = keyword(d, "shape")) ||
	    (rc = get_u64(d, nu, "unit count")) ||
	    (rc = get_u64(d, ns, "skill count")) || (rc = line_done(d)))
		return rc;
	/* Every unit and skill takes a line of at least 8 bytes. */
	if (*nu > (uint64_t)(d->end - d->p) / 8 + 1 ||
	    *ns > (uint64_t)(d->end - d->p) / 8 + 1 || *nu >= UINT32_MAX)
		return perr(d, "more units or skills than the text holds");
	return AIRS_OK;
}

int airs__rollup_parse_text(airs_rollup **out, const char *data, size_t len,
                            const airs__pv *pv, const airs__mem *mem,
                            airs_diag *diag)
{
	airs_rollup *r = NULL;
	rdr d;
	uint64_t nu, ns, k;
	int64_t bq;
	airs_date as_of = 0;
	unsigned evidence = 0;
	char digest[65];
	int rc;

	*out = NULL;
	memset(&d, 0, sizeof d);
	d.p = data;
	d.end = data + len;
	d.diag = diag;
	if ((rc = read_head(&d, digest, &k, &bq, &as_of, &evidence, &nu, &ns)) ||
	    (pv && (rc = airs__rollup_check_params(pv, digest, k, bq, diag, 2, 3,
	                                           4))))
		return rc;
	r = airs__rollup_alloc(mem, (size_t)nu, (size_t)ns, 0);
	if (!r)
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	r->min_group = (int)k;
	r->barrier_q = bq;
	airs__rollup_set_context(r, as_of, evidence);
	memcpy(r->digest, digest, sizeof digest);
	if ((rc = parse_units(r, &d)) || (rc = parse_blocks(r, &d)) ||
	    (rc = check_families(r, &d))) {
		if (rc == AIRS_ENOMEM)
			airs__diag_set(diag, rc, AIRS_SEVERITY_ERROR, NULL, 0, 0,
			               "out of memory");
		airs_rollup_free(r);
		return rc;
	}
	r->sorted = 1;
	*out = r;
	return AIRS_OK;
}

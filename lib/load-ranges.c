/*
 * load-ranges.c - a large table read in byte ranges on several threads.
 *
 * The tables that define ids (employees.csv above all) must be added
 * row by row in file order on one thread: ids are numbered in order of
 * addition, duplicates are the later row, and the first error is the
 * first in the file.  What need not be is the CSV scan.  So a large
 * table in memory is cut, after its header, into ranges of about
 * RANGE_BYTES that end just after a line feed preceded by an even
 * number of quotes - outside quotes, in a well-formed file.  The calling
 * thread adds the rows of range 0, 1, 2, ... in order, while the other
 * threads parse the ranges ahead of it into buffers of trimmed fields
 * and line numbers counted from the range's start; the adding thread
 * turns those into the file's lines by adding the lines of the ranges
 * before.  What the adds see - fields, lines, order - is therefore what
 * one reader gives.
 *
 * A range is trusted only as far as its parse was clean.  Ranges after
 * a clean one start on a record boundary (the clean parse ended at the
 * end of the range, outside quotes, so one reader would be there too);
 * when a range's parse fails - a malformed record, a guess that cut a
 * quoted field of a malformed file, no memory - the rows before the
 * failure are added and the rest of the file is read by one reader from
 * there, on the adding thread, with the file's line numbers.  So a
 * diagnostic of the reader, with its line and column, is always one
 * reader's, whatever the threads; the ranges parsed beyond it are
 * dropped.  UTF-16 files, files that cannot be read into memory and
 * small files are read by one reader as before.
 *
 * No adding thread ever waits for a range nobody parses: it parses the
 * next unclaimed range itself, so a thread that cannot be started costs
 * time only.  Parsers stay at most `ahead` ranges ahead of the adds, so
 * the parsed buffers stay a few ranges in size.
 *
 * The environment variable AIRS_TEST_LOAD_RANGE, for tests only, sets
 * the range size in bytes and splits every table that defines ids,
 * whatever its size and the threads (one thread parses its ranges
 * itself): so tiny ranges put a boundary at every line of a test file.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "parallel.h"
#include "load-impl.h"

/* Bytes of a range before its end is moved to a record boundary. */
#define RANGE_BYTES ((size_t)1 << 20)

struct range {
	size_t begin, end;    /* bytes of the file */
	char *text;           /* the records' fields, each NUL-ended */
	size_t tlen, tcap;
	size_t *off, ocap;    /* record r's field i starts at off[r * nf + i] */
	uint64_t *line;       /* each record's line, 1 at `begin` */
	size_t lcap, nrec;
	size_t clean;         /* bytes [begin, clean) are whole records */
	uint64_t clean_line;  /* the line at clean, 1 at `begin` */
	uint64_t lines;       /* the line after the range, when it is clean */
	int status;           /* why the parse stopped short, or 0 */
	int state;            /* 0 unclaimed, 1 being parsed, 2 parsed */
};

struct ranges {
	const char *data;     /* the file */
	size_t len;
	char *own;            /* data, when read here from a file */
	struct range *r;
	size_t n;
	airs__mem mem;
	uint32_t max_field;
	char delim;
	size_t nf;            /* fields of a record (the header's) */

	/* Under mu: */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t claim;         /* the first range nobody has claimed */
	size_t at;            /* the range the rows come from */
	size_t ahead;         /* ranges parsed at most beyond `at` */
	int quit;             /* the adds are over: parse nothing more */

	/* The adding thread's: */
	size_t rec;           /* next record of range `at` */
	int ready;            /* range `at` is parsed */
	uint64_t base;        /* the file's line at range `at`'s begin */
	int serial;           /* the rest is read by L->csv from serial_off */
	size_t serial_off;
};

/* The test knob, or 0. */
static size_t test_range_bytes(void)
{
	const char *s = getenv("AIRS_TEST_LOAD_RANGE");
	size_t n = 0;

	for (; s && *s >= '0' && *s <= '9' && n < RANGE_BYTES; s++)
		n = n * 10 + (size_t)(*s - '0');
	return n;
}

/* Quotes in [p, e). */
static size_t quotes(const char *p, const char *e)
{
	size_t n = 0;

	while (p < e && (p = memchr(p, '"', (size_t)(e - p)))) {
		n++;
		p++;
	}
	return n;
}

/* The end of a range that starts at `start` of d[0 .. len) and should
 * be about `size` long: just after the first line feed from there with
 * an even number of quotes since `start` (which is on a boundary); len
 * when there is none. */
static size_t range_end(const char *d, size_t len, size_t start, size_t size)
{
	size_t pos = size < len - start ? start + size : len;
	size_t parity = quotes(d + start, d + pos) & 1;
	const char *nl;

	while (pos < len && (nl = memchr(d + pos, '\n', len - pos))) {
		parity ^= quotes(d + pos, nl) & 1;
		pos = (size_t)(nl - d) + 1;
		if (!parity)
			return pos;
	}
	return len;
}

/* Cut [from, R->len) into ranges of about `size` bytes. */
static int cut(struct ranges *R, size_t from, size_t size)
{
	size_t most = (R->len - from) / size + 1, start = from;

	if (!(R->r = airs__calloc(&R->mem, most, sizeof *R->r)))
		return AIRS_ENOMEM;
	do {
		struct range *g = &R->r[R->n++];
		g->begin = start;
		g->end = start = range_end(R->data, R->len, start, size);
	} while (start < R->len);
	return AIRS_OK;
}

/* Keep the reader's current record in range g. */
static int keep_record(struct ranges *R, struct range *g, const airs__csv *c)
{
	size_t i, len, need = 0, nf = R->nf;

	for (i = 0; i < nf; i++) {
		airs__csv_field(c, i, &len);
		need += len + 1;
	}
	if (airs__grow(&R->mem, &g->text, &g->tcap, g->tlen + need, 1) ||
	    airs__grow(&R->mem, &g->off, &g->ocap, (g->nrec + 1) * nf,
	               sizeof *g->off) ||
	    airs__grow(&R->mem, &g->line, &g->lcap, g->nrec + 1,
	               sizeof *g->line))
		return AIRS_ENOMEM;
	for (i = 0; i < nf; i++) {
		const char *f = airs__csv_field(c, i, &len);
		g->off[g->nrec * nf + i] = g->tlen;
		memcpy(g->text + g->tlen, f, len + 1);
		g->tlen += len + 1;
	}
	g->line[g->nrec++] = airs__csv_line(c);
	return AIRS_OK;
}

/* Parse range g into its buffers, as far as it is clean. */
static void parse_range(struct ranges *R, struct range *g)
{
	airs__csv *c;
	int rc = airs__csv_new_part(&c, &R->mem, R->data + g->begin,
	                            g->end - g->begin, R->max_field, R->delim,
	                            1, R->nf, 1);

	g->clean = g->begin;
	g->clean_line = 1;
	if (rc) {
		g->status = rc;
		return;
	}
	while ((rc = airs__csv_next(c)) == 1) {
		if (keep_record(R, g, c)) {
			rc = AIRS_ENOMEM;
			break;
		}
		g->clean = g->begin + (size_t)airs__csv_offset(c);
		g->clean_line = airs__csv_next_line(c);
	}
	g->status = rc;
	g->lines = airs__csv_next_line(c);
	airs__csv_free(c);
}

/* With R->mu held: claim the next range and parse it, unlocked. */
static void claim_and_parse(struct ranges *R)
{
	struct range *g = &R->r[R->claim++];

	g->state = 1;
	pthread_mutex_unlock(&R->mu);
	parse_range(R, g);
	pthread_mutex_lock(&R->mu);
	g->state = 2;
	pthread_cond_broadcast(&R->cv);
}

/* A parsing thread: ranges in order, never more than `ahead` beyond the
 * adds, until there are none or the adds are over. */
static void parse_ahead(struct ranges *R)
{
	pthread_mutex_lock(&R->mu);
	while (!R->quit && R->claim < R->n) {
		if (R->claim >= R->at + R->ahead)
			pthread_cond_wait(&R->cv, &R->mu);
		else
			claim_and_parse(R);
	}
	pthread_mutex_unlock(&R->mu);
}

/* The adding thread: until range k is parsed, parse the next unclaimed
 * range (k itself when nobody has claimed it) or wait for the parser
 * of k. */
static void wait_parsed(struct ranges *R, size_t k)
{
	pthread_mutex_lock(&R->mu);
	while (R->r[k].state != 2) {
		if (R->claim < R->n && R->claim < R->at + R->ahead)
			claim_and_parse(R);
		else
			pthread_cond_wait(&R->cv, &R->mu);
	}
	pthread_mutex_unlock(&R->mu);
}

static void free_range(const airs__mem *mem, struct range *g)
{
	airs__free(mem, g->text);
	airs__free(mem, g->off);
	airs__free(mem, g->line);
	g->text = NULL;
	g->off = NULL;
	g->line = NULL;
}

/* The adds are over, or read the rest serially: parse nothing more. */
static void stop_parsers(struct ranges *R)
{
	pthread_mutex_lock(&R->mu);
	R->quit = 1;
	pthread_cond_broadcast(&R->cv);
	pthread_mutex_unlock(&R->mu);
}

/* Range g stopped short: the rest of the file from its last whole
 * record goes to one reader, L->csv. */
static int go_serial(struct loader *L, struct ranges *R, const struct range *g)
{
	airs__csv *c;

	stop_parsers(R);
	if (airs__csv_new_part(&c, &R->mem, R->data + g->clean,
	                       R->len - g->clean, R->max_field, R->delim, 1,
	                       R->nf, R->base + g->clean_line - 1))
		return AIRS_ENOMEM;
	airs__csv_free(L->csv);
	L->csv = c;
	R->serial = 1;
	R->serial_off = g->clean;
	return airs__load_csv_row(L);
}

int airs__load_ranges_next(struct loader *L)
{
	struct ranges *R = L->ranges;
	struct range *g;

	if (R->serial)
		return airs__load_csv_row(L);
	for (;;) {
		g = &R->r[R->at];
		if (!R->ready) {
			wait_parsed(R, R->at);
			R->ready = 1;
		}
		if (R->rec < g->nrec) {
			const size_t *off = g->off + R->rec * R->nf;
			size_t i;
			for (i = 0; i < R->nf; i++)
				L->cell[i] = g->text + off[i];
			L->line = R->base + g->line[R->rec++] - 1;
			return 1;
		}
		if (g->status)
			return go_serial(L, R, g);
		R->base += g->lines - 1;
		free_range(&R->mem, g);
		R->rec = 0;
		R->ready = 0;
		pthread_mutex_lock(&R->mu);
		R->at++;
		pthread_cond_broadcast(&R->cv);
		pthread_mutex_unlock(&R->mu);
		if (R->at == R->n)
			return 0;
	}
}

uint64_t airs__load_ranges_offset(const struct loader *L)
{
	const struct ranges *R = L->ranges;

	if (R->serial)
		return R->serial_off + airs__csv_offset(L->csv);
	return R->at < R->n ? R->r[R->at].begin : R->len;
}

/* The file of src in R: a buffer as it is, a file read whole.  Nonzero
 * when it cannot be (no memory, a read error): the file is then at its
 * start again, for one reader. */
static int read_whole(struct ranges *R, const struct source *src)
{
	size_t cap = 0, n = 0, got;

	if (!src->file) {
		R->data = src->data ? src->data : "";
		R->len = src->len;
		return AIRS_OK;
	}
	do {
		/* the size first; a file that grew meanwhile, in steps */
		if (airs__grow(&R->mem, &R->own, &cap, n ? cap + cap / 2 : src->size + 1, 1))
			break;
		got = fread(R->own + n, 1, cap - n, src->file);
		n += got;
	} while (n == cap && !ferror(src->file));
	if (n < cap && !ferror(src->file)) {
		R->data = R->own;
		R->len = n;
		return AIRS_OK;
	}
	airs__free(&R->mem, R->own);
	R->own = NULL;
	return fseek(src->file, 0, SEEK_SET) ? AIRS_EIO : AIRS_ENOMEM;
}

int airs__load_ranges_open(struct loader *L, const struct source *src)
{
	struct ranges *R;
	int rc;

	if (L->lane || (!test_range_bytes() &&
	                (src->size < 2 * RANGE_BYTES ||
	                 airs__threads_for(L->threads, 2, 1) < 2)))
		return 1;
	if (!(R = airs__calloc(&L->mem, 1, sizeof *R)))
		return 1;
	R->mem = L->mem;
	R->max_field = L->max_field;
	if (pthread_mutex_init(&R->mu, NULL)) {
		airs__free(&L->mem, R);
		return 1;
	}
	if (pthread_cond_init(&R->cv, NULL)) {
		pthread_mutex_destroy(&R->mu);
		airs__free(&L->mem, R);
		return 1;
	}
	L->ranges = R;
	if ((rc = read_whole(R, src)) != AIRS_OK) {
		airs__load_ranges_close(L);
		return rc == AIRS_EIO ? -1 : 1;
	}
	rc = airs__csv_new_buffer(&L->csv, &L->mem, R->data, R->len,
	                          L->max_field);
	if (rc)
		airs__load_ranges_close(L);
	return rc ? -1 : 0;
}

void airs__load_ranges_close(struct loader *L)
{
	struct ranges *R = L->ranges;
	size_t i;

	if (!R)
		return;
	for (i = 0; i < R->n; i++)
		free_range(&R->mem, &R->r[i]);
	airs__free(&R->mem, R->r);
	airs__free(&R->mem, R->own);
	pthread_cond_destroy(&R->cv);
	pthread_mutex_destroy(&R->mu);
	airs__free(&L->mem, R);
	L->ranges = NULL;
}

struct fan {
	struct loader *L;
	int (*rows)(struct loader *);
	int rc;
};

/* Item 0, on the calling thread, adds the rows; the others parse. */
static void fan_item(void *ctx, size_t i)
{
	struct fan *x = ctx;

	if (i)
		parse_ahead(x->L->ranges);
	else {
		x->rc = x->rows(x->L);
		stop_parsers(x->L->ranges);
	}
}

int airs__load_ranges_rows(struct loader *L, int (*rows)(struct loader *))
{
	struct ranges *R = L->ranges;
	size_t size = test_range_bytes(), t, off;
	struct fan x = { L, rows, 0 };

	if (!R)
		return rows(L);
	off = (size_t)airs__csv_offset(L->csv);
	R->nf = L->nf;
	R->delim = airs__csv_delim(L->csv);
	R->base = airs__csv_next_line(L->csv);
	if (off >= R->len || cut(R, off, size ? size : RANGE_BYTES) ||
	    (!size && R->n < 2)) {
		/* the header's reader reads the rest */
		R->serial = 1;
		return rows(L);
	}
	t = airs__threads_for(L->threads, R->n, 1);
	R->ahead = 2 * t;
	if (t < 2)
		return rows(L);
	airs__parallel_for(t, t, fan_item, &x);
	return x.rc;
}

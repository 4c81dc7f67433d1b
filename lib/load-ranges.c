/*
 * load-ranges.c - a large table read in byte ranges on several threads.
 *
 * The tables that define ids (employees.csv above all) must be added
 * row by row in file order on one thread: ids are numbered in order of
 * addition, duplicates are the later row, and the first error is the
 * first in the file.  What need not be is the CSV scan.  So a large
 * table is cut, after its header, into ranges of about RANGE_BYTES
 * that end just after a line feed preceded by an even number of quotes
 * since the range began - outside quotes, in a well-formed file.  A
 * file is read a range at a time (whoever claims the next range reads
 * it, under the lock), so memory stays a few ranges whatever the file's
 * size; a buffer's ranges are the buffer's bytes.  The calling
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
 * dropped.  UTF-16 files, small files and the record tables of lanes
 * are read by one reader as before.
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
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "parallel.h"
#include "load-impl.h"

/* Bytes of a range before its end is moved to a record boundary.  The
 * first RAMP ranges are smaller (1/16, 1/8, ... of it), so that the
 * adding thread, which parses the first range itself, soon finds the
 * next one parsed. */
#define RANGE_BYTES ((size_t)1 << 20)
#define RAMP 4

struct range {
	/* Buffers, kept for the next range of the slot (fewer first-touch
	 * page faults): */
	char *text;           /* the records' fields, each NUL-ended */
	size_t tcap;
	size_t *off, ocap;    /* record r's field i starts at off[r * nf + i] */
	uint64_t *line;       /* each record's line, 1 at `begin` */
	size_t lcap;
	/* The range, from `begin` on zeroed for each: */
	size_t begin;         /* the file's offset of its first byte */
	const char *raw;      /* its bytes */
	size_t len;
	char *own;            /* raw, when read from a file */
	size_t owncap;
	size_t tlen, nrec;
	size_t clean;         /* bytes [0, clean) of raw are whole records */
	uint64_t clean_line;  /* the line at clean, 1 at `begin` */
	uint64_t lines;       /* the line after the range, when it is clean */
	int status;           /* why the parse stopped short, or 0 */
	int state;            /* 0 unclaimed, 1 being parsed, 2 parsed */
};

struct ranges {
	const char *data;     /* a buffer source, or NULL */
	size_t len;
	FILE *file;           /* a file source, or NULL */
	char *carry;          /* read from the file, not yet in a range */
	size_t clen, ccap;
	char *spare;          /* a consumed range's bytes, for the next carry */
	size_t spare_cap;
	int eof;
	size_t size;          /* bytes a range should have */
	int ramp;             /* the first ranges smaller */
	size_t bytes;         /* the source's size */
	struct range *r;      /* a ring: range k in slot k % slots */
	size_t slots;
	airs__mem mem;
	uint32_t max_field;
	char delim;
	size_t nf;            /* fields of a record (the header's) */

	/* Under mu: */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t claim;         /* ranges made (claimed) so far */
	size_t fed;           /* the file's offset after them */
	int cut_all;          /* the last range is made */
	size_t at;            /* the range the rows come from */
	size_t ahead;         /* ranges made at most beyond `at` */
	int quit;             /* the adds are over: make nothing more */

	/* The adding thread's: */
	size_t rec;           /* next record of range `at` */
	int ready;            /* range `at` is parsed */
	uint64_t base;        /* the file's line at range `at`'s begin */
	int serial;           /* the rest is read by L->csv from serial_off */
	size_t serial_off;
	char *tail;           /* for L->csv: the bytes read, then the file */
	size_t tlen, tpos;
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

#define SLOT(R, k) (&(R)->r[(k) % (R)->slots])

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

/* The end of a range that starts at `start` of d[0 .. len), on a record
 * boundary, and should be about `size` long: just after the first line
 * feed from there with an even number of quotes since `start`; len when
 * there is none. */
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

/* Range g's bytes from the file: read until the carry holds a boundary
 * or the rest of the file; the bytes after the boundary stay in a new
 * carry.  With R->mu held. */
static int feed(struct ranges *R, struct range *g, size_t size)
{
	size_t end, cap = R->spare_cap;
	char *next = R->spare;

	for (;;) {
		end = range_end(R->carry ? R->carry : "", R->clen, 0, size);
		if (end < R->clen || R->eof)
			break;
		if (airs__grow(&R->mem, &R->carry, &R->ccap,
		               R->clen + R->size + 1, 1))
			return AIRS_ENOMEM;
		end = fread(R->carry + R->clen, 1, R->ccap - R->clen, R->file);
		R->clen += end;
		if (ferror(R->file))
			g->status = AIRS_EIO; /* one reader meets it again */
		if (!end)
			R->eof = 1;
	}
	if (airs__grow(&R->mem, &next, &cap, R->size + R->clen - end + 1, 1))
		return AIRS_ENOMEM;
	memcpy(next, R->carry + end, R->clen - end);
	R->spare = NULL;
	R->spare_cap = 0;
	g->raw = g->own = R->carry;
	g->owncap = R->ccap;
	g->len = end;
	R->carry = next;
	R->ccap = cap;
	R->clen -= end;
	return AIRS_OK;
}

/* Make range g, the k-th of the file.  With R->mu held. */
static void make_range(struct ranges *R, struct range *g, size_t k)
{
	size_t size = R->ramp && k < RAMP ? R->size >> (RAMP - k) : R->size;

	g->begin = R->fed;
	if (R->data) {
		g->raw = R->data + R->fed;
		g->len = range_end(R->data, R->len, R->fed, size) - R->fed;
	} else if (feed(R, g, size)) {
		g->status = AIRS_ENOMEM;
		R->cut_all = 1;
		return;
	}
	R->fed += g->len;
	R->cut_all = R->data ? R->fed == R->len : R->eof && !R->clen;
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
	int rc = airs__csv_new_part(&c, &R->mem, g->raw, g->len, R->max_field,
	                            R->delim, 1, R->nf, 1);

	if (rc) {
		g->status = rc;
		return;
	}
	while ((rc = airs__csv_next(c)) == 1) {
		if (keep_record(R, g, c)) {
			rc = AIRS_ENOMEM;
			break;
		}
		g->clean = (size_t)airs__csv_offset(c);
		g->clean_line = airs__csv_next_line(c);
	}
	g->status = rc;
	g->lines = airs__csv_next_line(c);
	airs__csv_free(c);
}

/* With R->mu held: make the next range and parse it, unlocked. */
static void claim_and_parse(struct ranges *R)
{
	struct range *g = SLOT(R, R->claim);

	R->claim++;
	memset(&g->begin, 0, sizeof *g - offsetof(struct range, begin));
	g->clean_line = 1;
	g->state = 1;
	make_range(R, g, R->claim - 1);
	if (!g->status) {
		pthread_mutex_unlock(&R->mu);
		parse_range(R, g);
		pthread_mutex_lock(&R->mu);
	}
	g->state = 2;
	pthread_cond_broadcast(&R->cv);
}

/* A parsing thread: ranges in order, never more than `ahead` beyond the
 * adds, until there are none or the adds are over. */
static void parse_ahead(struct ranges *R)
{
	pthread_mutex_lock(&R->mu);
	while (!R->quit && !R->cut_all) {
		if (R->claim >= R->at + R->ahead)
			pthread_cond_wait(&R->cv, &R->mu);
		else
			claim_and_parse(R);
	}
	pthread_mutex_unlock(&R->mu);
}

/* The adding thread: until range `at` is parsed, parse the next range
 * itself (`at` when nobody has claimed it) or wait for the parser of
 * `at`.  0 when the file has no range `at`. */
static int wait_parsed(struct ranges *R)
{
	int have = 1;

	pthread_mutex_lock(&R->mu);
	for (;;) {
		if (R->claim == R->at && R->cut_all) {
			have = 0;
			break;
		}
		if (R->claim > R->at && SLOT(R, R->at)->state == 2)
			break;
		if (!R->cut_all && R->claim < R->at + R->ahead)
			claim_and_parse(R);
		else
			pthread_cond_wait(&R->cv, &R->mu);
	}
	pthread_mutex_unlock(&R->mu);
	return have;
}

static void free_range(const airs__mem *mem, struct range *g)
{
	airs__free(mem, g->text);
	airs__free(mem, g->off);
	airs__free(mem, g->line);
	airs__free(mem, g->own);
	memset(g, 0, sizeof *g);
}

/* Range g is added: its bytes become the spare carry, its buffers stay
 * for the slot's next range.  With R->mu held. */
static void recycle(struct ranges *R, struct range *g)
{
	if (!R->spare) {
		R->spare = g->own;
		R->spare_cap = g->owncap;
	} else {
		airs__free(&R->mem, g->own);
	}
	memset(&g->begin, 0, sizeof *g - offsetof(struct range, begin));
}

/* The adds are over, or the rest is read by one reader: make nothing
 * more. */
static void stop_parsers(struct ranges *R)
{
	pthread_mutex_lock(&R->mu);
	R->quit = 1;
	pthread_cond_broadcast(&R->cv);
	pthread_mutex_unlock(&R->mu);
}

/* The serial reader's input: the bytes the ranges read, then the file. */
static int tail_read(void *ctx, char *buf, size_t cap, size_t *got)
{
	struct ranges *R = ctx;
	size_t n = R->tlen - R->tpos;

	if (n) {
		*got = n < cap ? n : cap;
		memcpy(buf, R->tail + R->tpos, *got);
		R->tpos += *got;
		return AIRS_OK;
	}
	*got = fread(buf, 1, cap, R->file);
	return *got < cap && ferror(R->file) ? AIRS_EIO : AIRS_OK;
}

/* What was read from the file from range g's clean end on: g's rest,
 * the ranges made after it and the carry, into R->tail. */
static int gather_tail(struct ranges *R, const struct range *g)
{
	size_t k, n = g->len - g->clean + R->clen, cap = 0;

	for (k = R->at + 1; k < R->claim; k++)
		n += SLOT(R, k)->len;
	if (airs__grow(&R->mem, &R->tail, &cap, n + 1, 1))
		return AIRS_ENOMEM;
	memcpy(R->tail, g->raw + g->clean, g->len - g->clean);
	R->tlen = g->len - g->clean;
	for (k = R->at + 1; k < R->claim; k++) {
		memcpy(R->tail + R->tlen, SLOT(R, k)->raw, SLOT(R, k)->len);
		R->tlen += SLOT(R, k)->len;
	}
	if (R->clen)
		memcpy(R->tail + R->tlen, R->carry, R->clen);
	R->tlen += R->clen;
	return AIRS_OK;
}

/* Range g stopped short: the rest of the file from its last whole
 * record goes to one reader, L->csv. */
static int go_serial(struct loader *L, struct ranges *R, const struct range *g)
{
	uint64_t line = R->base + g->clean_line - 1;
	airs__csv *c = NULL;
	int rc;

	stop_parsers(R); /* nothing more is made: R->claim stays */
	pthread_mutex_lock(&R->mu);
	rc = R->data ? airs__csv_new_part(&c, &R->mem, g->raw + g->clean,
	                                  R->len - g->begin - g->clean,
	                                  R->max_field, R->delim, 1, R->nf,
	                                  line)
	             : gather_tail(R, g);
	pthread_mutex_unlock(&R->mu);
	if (!rc && !R->data &&
	    !(rc = airs__csv_new(&c, &R->mem, tail_read, R, R->max_field)))
		airs__csv_continue(c, R->delim, 1, R->nf, line);
	if (rc)
		return AIRS_ENOMEM;
	airs__csv_free(L->csv);
	L->csv = c;
	R->serial = 1;
	R->serial_off = g->begin + g->clean;
	return airs__load_csv_row(L);
}

int airs__load_ranges_next(struct loader *L)
{
	struct ranges *R = L->ranges;
	struct range *g;

	if (R->serial)
		return airs__load_csv_row(L);
	for (;;) {
		if (!R->ready && !wait_parsed(R))
			return 0;
		R->ready = 1;
		g = SLOT(R, R->at);
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
		R->rec = 0;
		R->ready = 0;
		pthread_mutex_lock(&R->mu);
		recycle(R, g);
		R->at++;
		pthread_cond_broadcast(&R->cv);
		pthread_mutex_unlock(&R->mu);
	}
}

uint64_t airs__load_ranges_offset(struct loader *L)
{
	struct ranges *R = L->ranges;
	uint64_t at;

	if (R->serial)
		return R->serial_off + airs__csv_offset(L->csv);
	pthread_mutex_lock(&R->mu);
	at = R->at < R->claim ? SLOT(R, R->at)->begin : R->fed;
	pthread_mutex_unlock(&R->mu);
	return at;
}

int airs__load_ranges_open(struct loader *L, const struct source *src)
{
	struct ranges *R;
	size_t test = test_range_bytes();

	if (L->lane || (!test && (src->size < 2 * RANGE_BYTES ||
	                          airs__threads_for(L->threads, 2, 1) < 2)))
		return AIRS_OK;
	if (!(R = airs__calloc(&L->mem, 1, sizeof *R)))
		return AIRS_ENOMEM;
	if (pthread_mutex_init(&R->mu, NULL)) {
		airs__free(&L->mem, R);
		return AIRS_OK; /* then one reader */
	}
	if (pthread_cond_init(&R->cv, NULL)) {
		pthread_mutex_destroy(&R->mu);
		airs__free(&L->mem, R);
		return AIRS_OK;
	}
	R->mem = L->mem;
	R->max_field = L->max_field;
	R->size = test ? test : RANGE_BYTES;
	R->ramp = !test;
	R->bytes = src->size;
	R->file = src->file;
	R->data = src->file ? NULL : src->data ? src->data : "";
	R->len = src->len;
	R->serial = 1; /* until airs__load_ranges_rows() cuts */
	L->ranges = R;
	return AIRS_OK;
}

void airs__load_ranges_close(struct loader *L)
{
	struct ranges *R = L->ranges;
	size_t i;

	if (!R)
		return;
	for (i = 0; i < R->slots; i++)
		free_range(&R->mem, &R->r[i]);
	airs__free(&R->mem, R->r);
	airs__free(&R->mem, R->carry);
	airs__free(&R->mem, R->spare);
	airs__free(&R->mem, R->tail);
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

/* After the header: the ranges start where the header's reader stands,
 * with what it has read ahead. */
static int start(struct loader *L, struct ranges *R)
{
	size_t n;
	const char *p = airs__csv_unread(L->csv, &n);

	R->fed = (size_t)airs__csv_offset(L->csv);
	R->base = airs__csv_next_line(L->csv);
	R->nf = L->nf;
	R->delim = airs__csv_delim(L->csv);
	if (!R->data && n) {
		if (airs__grow(&R->mem, &R->carry, &R->ccap, n + R->size + 1, 1))
			return AIRS_ENOMEM;
		memcpy(R->carry, p, n);
		R->clen = n;
	}
	if (!(R->r = airs__calloc(&R->mem, R->ahead + 1, sizeof *R->r)))
		return AIRS_ENOMEM;
	R->slots = R->ahead + 1;
	R->serial = 0;
	return AIRS_OK;
}

int airs__load_ranges_rows(struct loader *L, int (*rows)(struct loader *))
{
	struct ranges *R = L->ranges;
	struct fan x = { L, rows, 0 };
	size_t t;

	if (!R)
		return rows(L);
	t = airs__threads_for(L->threads, R->bytes / R->size + 1, 1);
	R->ahead = 2 * t;
	if (start(L, R))
		return rows(L); /* the header's reader reads on, as R->serial */
	if (t < 2)
		return rows(L);
	airs__parallel_for(t, t, fan_item, &x);
	return x.rc;
}

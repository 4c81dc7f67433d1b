/*
 * export-rows.c - rows formatted on several threads, written in order
 * (export-rows.h).
 */
#include "export-rows.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"

/* Chunks per thread in a batch: with chunks of a few hundred KB (the
 * caller's per_chunk), a batch holds a few MB whatever the table's size.
 * The test knob's largest chunk. */
#define CHUNKS_PER_THREAD 2
#define KNOB_MAX 100000

/* The test knob AIRS_TEST_EXPORT_CHUNK (tests only): rows per chunk,
 * and chunks whatever the rows and threads (one thread formats its
 * chunks itself), so tiny tables cut at every row; 0 when unset. */
static size_t test_chunk_rows(void)
{
	const char *s = getenv("AIRS_TEST_EXPORT_CHUNK");
	size_t n = 0;

	for (; s && *s >= '0' && *s <= '9' && n < KNOB_MAX; s++)
		n = n * 10 + (size_t)(*s - '0');
	return n;
}

struct chunk {
	size_t lo, hi;  /* rows lo .. hi - 1 */
	const airs__mem *mem;
	char *buf;      /* what they wrote */
	size_t len, cap;
	int enomem;     /* buf could not grow: write the chunk again */
	int rc;         /* the first row's error, or AIRS_OK */
	void *ctx;      /* the rows' context (a fork, or the table's) */
	airs__rec w;
};

/* One step of the pipeline: the chunks c[0 .. nc - 1] of a batch are
 * claimed and formatted by every thread while the calling thread first
 * puts the previous batch's chunks into the table's writer out. */
struct batch {
	int csv;            /* the table's syntax */
	airs__json j0;      /* its JSON state before the rows (a copy: out's
	                       changes while chunks are formatted) */
	const airs__rows *rows;
	struct chunk *c;
	size_t nc;
	atomic_size_t next; /* the next chunk to claim */
	airs__rec *out;
	struct chunk *prev; /* the previous batch's chunks, to put */
	size_t nprev;
	int rc;             /* what putting them returned */
};

/* The chunk's sink: append to its buffer, doubling it as needed. */
static int to_buffer(const void *data, size_t len, void *user)
{
	struct chunk *c = user;

	if (len > c->cap - c->len) {
		size_t cap = c->cap ? c->cap : 64 * 1024;
		char *p;
		while (len > cap - c->len)
			cap *= 2;
		if (!(p = airs__realloc(c->mem, c->buf, cap))) {
			c->enomem = 1;
			return 1;
		}
		c->buf = p;
		c->cap = cap;
	}
	memcpy(c->buf + c->len, data, len);
	c->len += len;
	return 0;
}

/* Chunk i of the batch, on whichever thread: its rows through a writer
 * of its own that continues the table's row state. */
static void format_chunk(struct batch *b, size_t i)
{
	struct chunk *c = &b->c[i];
	size_t r;

	c->len = 0;
	c->enomem = !c->ctx; /* its fork failed */
	c->rc = AIRS_OK;
	if (c->enomem)
		return;
	airs__rec_init(&c->w, b->csv, to_buffer, c);
	airs__json_fork(&c->w.j, &b->j0);
	for (r = c->lo; r < c->hi && c->w.sink.status == AIRS_OK; r++)
		if ((c->rc = b->rows->row(c->ctx, &c->w, r)) != AIRS_OK)
			break;
	airs__sink_finish(&c->w.sink);
}

/* Rows lo .. hi - 1 straight through x, one after another. */
static int rows_here(airs__rec *x, size_t lo, size_t hi,
                     const airs__rows *rows)
{
	size_t r;
	int rc;

	for (r = lo; r < hi && x->sink.status == AIRS_OK; r++)
		if ((rc = rows->row(rows->ctx, x, r)) != AIRS_OK)
			return rc;
	return AIRS_OK;
}

/* The batch's nc chunks into x in row order. */
static int put_chunks(airs__rec *x, struct chunk *c, size_t nc,
                      const airs__rows *rows)
{
	size_t i;
	int rc;

	for (i = 0; i < nc && x->sink.status == AIRS_OK; i++) {
		if (c[i].enomem) {
			if ((rc = rows_here(x, c[i].lo, c[i].hi, rows)))
				return rc;
			continue;
		}
		if (c[i].len) {
			airs__json_join(&x->j);
			airs__sink_put(&x->sink, c[i].buf, c[i].len);
		}
		if (c[i].rc)
			return c[i].rc;
	}
	return AIRS_OK;
}

/* nc chunks, each with its context; NULL when out of memory. */
static struct chunk *chunks_new(const airs__mem *mem, size_t nc,
                                const airs__rows *rows)
{
	struct chunk *c = airs__calloc(mem, nc, sizeof *c);
	size_t i;

	for (i = 0; c && i < nc; i++) {
		c[i].mem = mem;
		c[i].ctx = rows->fork ? rows->fork(rows->ctx, &c[i].w) : rows->ctx;
	}
	return c;
}

static void chunks_free(const airs__mem *mem, struct chunk *c, size_t nc,
                        const airs__rows *rows)
{
	size_t i;

	for (i = 0; i < nc; i++) {
		if (rows->fork && c[i].ctx)
			rows->drop(c[i].ctx);
		airs__free(mem, c[i].buf);
	}
	airs__free(mem, c);
}

/* A thread's part of a batch: chunks claimed one at a time, so a thread
 * that was busy elsewhere (the calling thread, putting) takes fewer. */
static void claim(void *ctx, size_t t)
{
	struct batch *b = ctx;
	size_t i;

	(void)t;
	while ((i = atomic_fetch_add(&b->next, 1)) < b->nc)
		format_chunk(b, i);
}

/* The calling thread's work before it claims chunks. */
static void put_prev(void *ctx)
{
	struct batch *b = ctx;

	b->rc = put_chunks(b->out, b->prev, b->nprev, b->rows);
}

/* The next batch's rows from *lo on into up to nc chunks of per rows:
 * how many chunks. */
static size_t cut(struct chunk *c, size_t nc, size_t *lo, size_t n,
                  size_t per)
{
	size_t i;

	for (i = 0; i < nc && *lo < n; i++) {
		c[i].lo = *lo;
		*lo += n - *lo < per ? n - *lo : per;
		c[i].hi = *lo;
	}
	return i;
}

int airs__rows_write(airs__rec *x, size_t n, size_t threads,
                     const airs__mem *mem, const airs__rows *rows)
{
	size_t per = test_chunk_rows(), nc, lo = 0, cur = 0;
	struct chunk *set[2];
	struct batch b;
	int rc = AIRS_OK;

	if (threads < 1)
		threads = 1;
	nc = threads * CHUNKS_PER_THREAD;
	if (!per && (threads < 2 || n < 2 * rows->per_chunk))
		return rows_here(x, 0, n, rows);
	if (!per)
		per = rows->per_chunk ? rows->per_chunk : 1;
	set[0] = chunks_new(mem, nc, rows);
	set[1] = set[0] ? chunks_new(mem, nc, rows) : NULL;
	if (!set[1]) {
		if (set[0])
			chunks_free(mem, set[0], nc, rows);
		return rows_here(x, 0, n, rows);
	}
	b.csv = x->csv;
	b.j0 = x->j;
	b.rows = rows;
	b.out = x;
	b.nprev = 0;
	/* batch k is formatted while batch k - 1 is put, then they swap */
	do {
		b.c = set[cur];
		b.nc = cut(b.c, nc, &lo, n, per);
		b.prev = set[!cur];
		atomic_store(&b.next, 0);
		airs__parallel_for_first(threads, threads, claim, &b, put_prev, &b);
		if ((rc = b.rc) != AIRS_OK || x->sink.status != AIRS_OK)
			break;
		b.nprev = b.nc;
		cur = !cur;
	} while (b.nprev);
	chunks_free(mem, set[0], nc, rows);
	chunks_free(mem, set[1], nc, rows);
	return rc;
}

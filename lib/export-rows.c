/*
 * export-rows.c - rows formatted on several threads, written in order
 * (export-rows.h).
 */
#include "export-rows.h"

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

struct batch {
	const airs__rec *x; /* the table's writer: syntax and row state */
	const airs__rows *rows;
	struct chunk *c;
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
static void format_chunk(void *ctx, size_t i)
{
	const struct batch *b = ctx;
	struct chunk *c = &b->c[i];
	size_t r;

	c->len = 0;
	c->enomem = !c->ctx; /* its fork failed */
	c->rc = AIRS_OK;
	if (c->enomem)
		return;
	airs__rec_init(&c->w, b->x->csv, to_buffer, c);
	airs__json_fork(&c->w.j, &b->x->j);
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

int airs__rows_write(airs__rec *x, size_t n, size_t threads,
                     const airs__mem *mem, const airs__rows *rows)
{
	size_t per = test_chunk_rows(), nc, lo, i, k;
	struct batch b;
	int rc = AIRS_OK;

	if (threads < 1)
		threads = 1;
	nc = threads * CHUNKS_PER_THREAD;
	if (!per && (threads < 2 || n < 2 * rows->per_chunk))
		return rows_here(x, 0, n, rows);
	if (!per)
		per = rows->per_chunk ? rows->per_chunk : 1;
	if (!(b.c = chunks_new(mem, nc, rows)))
		return rows_here(x, 0, n, rows);
	b.x = x;
	b.rows = rows;
	for (lo = 0; lo < n && !rc && x->sink.status == AIRS_OK; lo += k) {
		for (i = 0, k = 0; i < nc && lo + k < n; i++) {
			b.c[i].lo = lo + k;
			k += n - (lo + k) < per ? n - (lo + k) : per;
			b.c[i].hi = lo + k;
		}
		airs__parallel_for(i, threads, format_chunk, &b);
		rc = put_chunks(x, b.c, i, rows);
	}
	chunks_free(mem, b.c, nc, rows);
	return rc;
}

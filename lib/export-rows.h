/*
 * export-rows.h - the rows of a table formatted on several threads and
 * handed to the writer in order.
 *
 * A table's rows are cut into chunks of consecutive rows; the chunks of
 * a batch are formatted at once on the result's threads (parallel.h),
 * each through its own record writer into a memory buffer, and then the
 * calling thread puts the buffers into the table's own sink in row
 * order.  The sink hands the writer the same bytes in the same pieces
 * (whole buffers of AIRS__SINK_BUF bytes, then the rest) as writing the
 * rows one after another would, and the writer is called from the
 * calling thread only.  Memory stays a batch: a few chunks per thread.
 *
 * Rows must depend only on their index and on what fn reads (which the
 * threads share read-only); fn must not touch ctx's other state.  A
 * chunk whose buffer cannot grow (out of memory) is formatted again on
 * the calling thread straight into the sink, so running out of memory
 * here is never an error: the output is the same.
 */
#ifndef AIRS_EXPORT_ROWS_H
#define AIRS_EXPORT_ROWS_H

#include <stddef.h>

#include "alloc.h"
#include "record.h"

/* Write row i through w (a record writer in the table's syntax and row
 * state); AIRS_OK or the error that ends the table. */
typedef int airs__row_fn(void *ctx, airs__rec *w, size_t i);

/* How a table's rows are written.  Rows that need scratch space of
 * their own on each thread have fork(ctx, w): a context for one chunk's
 * rows that writes through w (made on the calling thread, NULL when out
 * of memory: those rows are then written on the calling thread with
 * ctx), undone by drop(). */
typedef struct airs__rows {
	airs__row_fn *row;
	void *(*fork)(void *ctx, airs__rec *w); /* NULL: chunks share ctx */
	void (*drop)(void *fork);
	void *ctx;
	size_t per_chunk; /* rows in a chunk: about 300 KB of output */
} airs__rows;

/* Rows 0 .. n - 1 through x, on up to `threads` threads (1: the calling
 * thread alone, row by row).  Stops at the first row that returns an
 * error (returned, after the rows before it are in the sink) or when the
 * sink has failed (AIRS_OK: the sink's status tells). */
int airs__rows_write(airs__rec *x, size_t n, size_t threads,
                     const airs__mem *mem, const airs__rows *rows);

#endif

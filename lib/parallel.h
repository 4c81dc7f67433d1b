/*
 * parallel.h - how many threads, and work fanned out over them.
 *
 * The thread policy of the library:
 *
 * - Work is split only where the result cannot depend on the split: each
 *   item of work writes only its own outputs, and the caller combines
 *   them in item order (or with exact integer sums), so any number of
 *   threads gives bit-for-bit the same result, diagnostics and errors.
 * - The caller's setting decides how many (the `threads` parameter,
 *   airs_load_options.threads); 0 means one per online CPU, at most
 *   AIRS__AUTO_THREADS.  Never more threads than items worth one (16
 *   employees, one record file), never more than AIRS__THREADS_MAX.
 * - The calling thread takes part: T threads means T - 1 started.
 * - Threads live for one call: started by it and joined before it
 *   returns.  No pool, no global state; the host's allocator is called
 *   from the worker threads.
 * - A thread that cannot be started is not an error: its work is done on
 *   the calling thread, slower and with the same result.
 */
#ifndef AIRS_PARALLEL_H
#define AIRS_PARALLEL_H

#include <stddef.h>

/* The most threads the automatic setting (0) starts. */
#define AIRS__AUTO_THREADS 8

/* The most threads one fan-out uses (the `threads` parameter's maximum). */
#define AIRS__THREADS_MAX 256

/* Threads for n items of work that are worth a thread only at min_each
 * items or more: want (0: one per online CPU, at most AIRS__AUTO_THREADS),
 * no more than n / min_each, at least one. */
size_t airs__threads_for(size_t want, size_t n, size_t min_each);

/* Threads for work over n employees: want (the `threads` parameter; 0 or
 * less: automatic), no more than leave 16 employees each, at least one. */
size_t airs__thread_count(int want, size_t n);

/* Run fn(ctx, i) for every i in 0 .. n - 1 on up to `threads` threads
 * (0 is taken as 1; never more than n or AIRS__THREADS_MAX; the count
 * comes from the policy above), the calling thread one of them, and
 * return when every call has returned.  The items are cut into
 * contiguous runs in order, one per thread, the calling thread taking
 * the first.  A run whose thread cannot be started is done on the
 * calling thread after the runs before it (their threads joined).  fn
 * must not depend on which thread runs it.  Never fails. */
typedef void airs__parallel_fn(void *ctx, size_t i);
void airs__parallel_for(size_t n, size_t threads, airs__parallel_fn *fn,
                        void *ctx);

/* The same, with first(first_ctx) called on the calling thread once the
 * other threads are started and before it takes its run: work that must
 * stay on the calling thread (a caller's writer, export-rows.c)
 * overlapping the fan-out. */
void airs__parallel_for_first(size_t n, size_t threads, airs__parallel_fn *fn,
                              void *ctx, void (*first)(void *), void *first_ctx);

#endif

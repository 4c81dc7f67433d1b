/*
 * progress.h - reporting how far a long call has got, and cancelling it
 * (airs_progress_fn, airs/common.h).
 *
 * Work is counted in units the caller of airs__progress_init() chooses
 * (employees, bytes); any thread adds the units it finished.  The host's
 * function is called about every 1% of the total, from whichever thread
 * crosses the mark, never from two threads at once and never while a
 * call of it is running (a thread that finds it busy does not wait); its
 * `done` only grows.  Once it returns nonzero every thread sees the call
 * as cancelled at its next check and stops.
 */
#ifndef AIRS_PROGRESS_H
#define AIRS_PROGRESS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "airs/common.h"

typedef struct airs__progress {
	airs_progress_fn fn;  /* NULL: nothing to report, never cancelled */
	void *user;
	uint64_t total, step;
	atomic_uint_least64_t done;
	atomic_int cancelled;
	atomic_flag busy;     /* a call of fn is running */
	uint64_t reported;    /* `done` of the last call (while busy) */
} airs__progress;

void airs__progress_init(airs__progress *p, airs_progress_fn fn, void *user,
                         uint64_t total);

/* Count n more units done; report when a mark is crossed.  Returns
 * AIRS_ECANCELED once the host asked to stop, else AIRS_OK. */
int airs__progress_add(airs__progress *p, uint64_t n);

/* AIRS_ECANCELED when the host asked to stop. */
static inline int airs__progress_check(airs__progress *p)
{
	return p->fn && atomic_load_explicit(&p->cancelled, memory_order_relaxed)
	               ? AIRS_ECANCELED
	               : AIRS_OK;
}

/* The last report, done == total, from the calling thread once the
 * workers have ended.  Returns AIRS_ECANCELED when the host asks to stop
 * even now. */
int airs__progress_finish(airs__progress *p);

#endif

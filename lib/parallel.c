/*
 * parallel.c - the thread policy and the one place threads are started.
 */
#include "parallel.h"

#include <pthread.h>
#include <unistd.h>

/* Fewest employees worth a thread of their own. */
#define MIN_EMPLOYEES 16

size_t airs__threads_for(size_t want, size_t n, size_t min_each)
{
	size_t t = want;

	if (!want) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		t = cpus < 1                    ? 1
		    : cpus > AIRS__AUTO_THREADS ? AIRS__AUTO_THREADS
		                                : (size_t)cpus;
	}
	if (t > n / min_each)
		t = n / min_each;
	return t ? t : 1;
}

size_t airs__thread_count(int want, size_t n)
{
	return airs__threads_for(want > 0 ? (size_t)want : 0, n, MIN_EMPLOYEES);
}

/* One fan-out; run t covers items lo(t) .. lo(t + 1) - 1. */
struct fan {
	airs__parallel_fn *fn;
	void *ctx;
	size_t n, runs;
};

struct worker {
	const struct fan *f;
	size_t run;
	pthread_t tid;
	int started;
};

/* The first item of run t: n / runs items each, the first n % runs runs
 * one more (no product that could overflow). */
static size_t run_start(const struct fan *f, size_t t)
{
	size_t rem = f->n % f->runs;

	return t * (f->n / f->runs) + (t < rem ? t : rem);
}

static void do_run(const struct fan *f, size_t t)
{
	size_t i, hi = run_start(f, t + 1);

	for (i = run_start(f, t); i < hi; i++)
		f->fn(f->ctx, i);
}

static void *worker_main(void *arg)
{
	const struct worker *w = arg;

	do_run(w->f, w->run);
	return NULL;
}

void airs__parallel_for(size_t n, size_t threads, airs__parallel_fn *fn,
                        void *ctx)
{
	airs__parallel_for_first(n, threads, fn, ctx, NULL, NULL);
}

void airs__parallel_for_first(size_t n, size_t threads, airs__parallel_fn *fn,
                              void *ctx, void (*first)(void *), void *first_ctx)
{
	struct worker w[AIRS__THREADS_MAX];
	struct fan f;
	size_t t;

	f.fn = fn;
	f.ctx = ctx;
	f.n = n;
	f.runs = threads < 1                   ? 1
	         : threads > AIRS__THREADS_MAX ? AIRS__THREADS_MAX
	                                       : threads;
	if (f.runs > n)
		f.runs = n ? n : 1;
	for (t = 1; t < f.runs; t++) {
		w[t].f = &f;
		w[t].run = t;
		w[t].started = !pthread_create(&w[t].tid, NULL, worker_main,
		                               &w[t]);
	}
	if (first)
		first(first_ctx);
	do_run(&f, 0);
	for (t = 1; t < f.runs; t++) {
		if (w[t].started)
			pthread_join(w[t].tid, NULL);
		else
			do_run(&f, t);
	}
}

/*
 * progress.c - reporting how far a long call has got, and cancelling it.
 */
#include "progress.h"

void airs__progress_init(airs__progress *p, airs_progress_fn fn, void *user,
                         uint64_t total)
{
	p->fn = fn;
	p->user = user;
	p->total = total;
	p->step = total / 100 ? total / 100 : 1;
	atomic_init(&p->done, 0);
	atomic_init(&p->cancelled, 0);
	atomic_flag_clear(&p->busy);
	p->reported = 0;
}

/* Call the host's function with `done`, unless a call is running. */
static void report(airs__progress *p, uint64_t done)
{
	if (atomic_flag_test_and_set_explicit(&p->busy, memory_order_acquire))
		return;
	if (done > p->reported) {
		p->reported = done;
		if (p->fn(done, p->total, p->user) != 0)
			atomic_store(&p->cancelled, 1);
	}
	atomic_flag_clear_explicit(&p->busy, memory_order_release);
}

int airs__progress_add(airs__progress *p, uint64_t n)
{
	uint64_t before, after;

	if (!p->fn)
		return AIRS_OK;
	before = atomic_fetch_add_explicit(&p->done, n, memory_order_relaxed);
	after = before + n;
	if (after / p->step != before / p->step && after < p->total)
		report(p, after);
	return airs__progress_check(p);
}

int airs__progress_finish(airs__progress *p)
{
	if (!p->fn)
		return AIRS_OK;
	if (!atomic_load(&p->cancelled) && p->fn(p->total, p->total, p->user))
		atomic_store(&p->cancelled, 1);
	return airs__progress_check(p);
}

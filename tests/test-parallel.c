/* The thread policy and the fan-out: every item runs once, in contiguous
 * runs, the first on the calling thread; a thread that cannot be started
 * has its run done on the calling thread after the runs before it.
 *
 * The failures are made by linking with -Wl,--wrap=pthread_create (see
 * tests/meson.build), so the library keeps no test hook; without that
 * linker option the failure tests are left out. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "parallel.h"

#include "harness.h"

#define MAX_ITEMS 1000

/* What the items saw: how often each ran, on which thread, and for those
 * run on the calling thread, in which order. */
struct seen {
	pthread_t caller;
	atomic_int count[MAX_ITEMS];
	pthread_t thread[MAX_ITEMS];
	int on_caller[MAX_ITEMS];
	size_t caller_order[MAX_ITEMS], ncaller; /* written by the caller only */
};

static struct seen seen;

static void record(void *ctx, size_t i)
{
	struct seen *s = ctx;

	atomic_fetch_add(&s->count[i], 1);
	s->thread[i] = pthread_self();
	s->on_caller[i] = pthread_equal(s->thread[i], s->caller) != 0;
	if (s->on_caller[i])
		s->caller_order[s->ncaller++] = i;
}

static void run(size_t n, size_t threads)
{
	size_t i;

	memset(&seen, 0, sizeof seen);
	seen.caller = pthread_self();
	airs__parallel_for(n, threads, record, &seen);
	for (i = 0; i < n; i++)
		ck_assert_msg(atomic_load(&seen.count[i]) == 1,
		              "n %zu threads %zu: item %zu ran %d times", n,
		              threads, i, atomic_load(&seen.count[i]));
}

/* Runs told apart: one more than the changes of thread from item to
 * item.  Contiguous runs give at most one per thread (fewer when
 * neighbouring runs fell to the calling thread); interleaved ones more. */
static size_t runs_seen(size_t n)
{
	size_t i, runs = n ? 1 : 0;

	for (i = 1; i < n; i++)
		if (!pthread_equal(seen.thread[i], seen.thread[i - 1]))
			runs++;
	return runs;
}

START_TEST(every_item_once)
{
	static const size_t ns[] = { 0, 1, 2, 5, 17, 256, MAX_ITEMS };
	static const size_t ts[] = { 0, 1, 2, 3, 8 };
	size_t a, b;

	for (a = 0; a < sizeof ns / sizeof *ns; a++)
		for (b = 0; b < sizeof ts / sizeof *ts; b++) {
			size_t n = ns[a], t = ts[b] ? ts[b] : 1;
			run(n, ts[b]);
			if (n)
				ck_assert(seen.on_caller[0]);
			ck_assert_uint_le(runs_seen(n), t < n ? t : n);
		}
	/* more threads than a fan-out uses: capped */
	run(MAX_ITEMS, AIRS__THREADS_MAX + 44);
	ck_assert(seen.on_caller[0]);
	ck_assert_uint_le(runs_seen(MAX_ITEMS), AIRS__THREADS_MAX);
}
END_TEST

/* airs__parallel_for_first(): first() once, on the calling thread,
 * before the caller's own items; every item once as without it. */
static int first_calls, first_on_caller;
static size_t first_before; /* caller's items run before first() */

static void first_fn(void *ctx)
{
	struct seen *s = ctx;

	first_calls++;
	first_on_caller = pthread_equal(pthread_self(), s->caller) != 0;
	first_before = s->ncaller;
}

START_TEST(first_runs_on_the_caller_first)
{
	static const size_t ts[] = { 1, 2, 3 };
	size_t b, i;

	for (b = 0; b < 3; b++) {
		memset(&seen, 0, sizeof seen);
		seen.caller = pthread_self();
		first_calls = first_on_caller = 0;
		first_before = 99;
		airs__parallel_for_first(17, ts[b], record, &seen, first_fn,
		                         &seen);
		ck_assert_int_eq(first_calls, 1);
		ck_assert(first_on_caller);
		ck_assert_uint_eq(first_before, 0);
		for (i = 0; i < 17; i++)
			ck_assert_int_eq(atomic_load(&seen.count[i]), 1);
	}
}
END_TEST

/* One thread: everything on the caller, in item order. */
START_TEST(one_thread_is_the_caller)
{
	size_t i;

	run(40, 1);
	ck_assert_uint_eq(seen.ncaller, 40);
	for (i = 0; i < 40; i++)
		ck_assert_uint_eq(seen.caller_order[i], i);
}
END_TEST

START_TEST(thread_policy)
{
	size_t autot = airs__threads_for(0, 1000000, 1);

	ck_assert(autot >= 1 && autot <= AIRS__AUTO_THREADS);
	ck_assert_uint_eq(airs__threads_for(3, 10, 1), 3);
	ck_assert_uint_eq(airs__threads_for(30, 10, 1), 10);
	ck_assert_uint_eq(airs__threads_for(4, 0, 1), 1);
	ck_assert_uint_eq(airs__threads_for(0, 1, 1), 1);
	/* employees: at least 16 a thread */
	ck_assert_uint_eq(airs__thread_count(4, 64), 4);
	ck_assert_uint_eq(airs__thread_count(4, 63), 3);
	ck_assert_uint_eq(airs__thread_count(4, 15), 1);
	ck_assert_uint_eq(airs__thread_count(256, 1000000), 256);
	ck_assert_uint_eq(airs__thread_count(-1, 1000000), autot);
	ck_assert_uint_eq(airs__thread_count(0, 1000000), autot);
}
END_TEST

#ifdef WRAP_PTHREAD_CREATE
/* pthread_create, failing on the calls whose bit is set in fail_mask
 * (bit k: the k-th call since the mask was set). */
int __real_pthread_create(pthread_t *, const pthread_attr_t *,
                          void *(*)(void *), void *);
int __wrap_pthread_create(pthread_t *, const pthread_attr_t *,
                          void *(*)(void *), void *);

static unsigned long fail_mask;
static unsigned calls;

int __wrap_pthread_create(pthread_t *tid, const pthread_attr_t *attr,
                          void *(*start)(void *), void *arg)
{
	if (calls < 8 * sizeof fail_mask && (fail_mask >> calls++ & 1))
		return EAGAIN;
	return __real_pthread_create(tid, attr, start, arg);
}

static void fail_starts(unsigned long mask)
{
	fail_mask = mask;
	calls = 0;
}

/* Runs of 10 items on 5 threads: threads 2 and 4 (calls 1 and 3) do not
 * start, so runs 0, 2 and 4 are done here, in that order. */
START_TEST(failed_start_runs_on_caller)
{
	size_t i, k = 0;

	fail_starts(0xa);
	run(50, 5);
	fail_starts(0);
	for (i = 0; i < 50; i++) {
		int run_no = (int)(i / 10);
		ck_assert_int_eq(seen.on_caller[i], run_no % 2 == 0);
	}
	ck_assert_uint_eq(seen.ncaller, 30);
	for (i = 0; i < 50; i++)
		if ((i / 10) % 2 == 0)
			ck_assert_uint_eq(seen.caller_order[k++], i);
}
END_TEST

/* No thread starts: the whole fan-out is one run here, in item order. */
START_TEST(no_thread_starts)
{
	size_t i;

	fail_starts(~0ul);
	run(37, 8);
	fail_starts(0);
	ck_assert_uint_eq(seen.ncaller, 37);
	for (i = 0; i < 37; i++)
		ck_assert_uint_eq(seen.caller_order[i], i);
}
END_TEST
#endif

Suite *make_suite(void)
{
	Suite *s = suite_create("parallel");
	TCase *tc = tcase_create("parallel");

	tcase_add_test(tc, every_item_once);
	tcase_add_test(tc, one_thread_is_the_caller);
	tcase_add_test(tc, first_runs_on_the_caller_first);
	tcase_add_test(tc, thread_policy);
#ifdef WRAP_PTHREAD_CREATE
	tcase_add_test(tc, failed_start_runs_on_caller);
	tcase_add_test(tc, no_thread_starts);
#endif
	suite_add_tcase(s, tc);
	return s;
}

/*
 * airs-time: time each phase of a run on a dataset folder and print the
 * peak resident set size, for the performance work of issue 9.
 *
 *   airs-time DIR [THREADS]
 *
 * Phases: load (airs_load_dir), finish, score (airs_score, including its
 * rollup), and finalise (airs__rollup_finalise run again on the result's
 * rollup: it recomputes everything from the accumulators, so this times
 * the same work score did).  Not a test: CI never runs timed assertions.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <airs/airs.h>

#include "rollup.h"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU seconds of the process (all threads): the machine may be shared. */
static double cpu(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long peak_kib(void)
{
	struct rusage u;

	getrusage(RUSAGE_SELF, &u);
	return u.ru_maxrss;
}

int main(int argc, char **argv)
{
	airs_model *m = NULL;
	airs_params *p = NULL;
	airs_result *r = NULL;
	airs_diag diag = AIRS_DIAG_INIT;
	double t0, t1, t2, t3, t4, c0, c1, c2, c3, c4;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: airs-time DIR [THREADS]\n");
		return 2;
	}
	if (airs_model_new(&m, NULL) || airs_params_new(&p, NULL))
		return 1;
	if (argc > 2 && airs_params_set(p, "threads", argv[2])) {
		fprintf(stderr, "threads: bad value\n");
		return 1;
	}
	t0 = now();
	c0 = cpu();
	rc = airs_load_dir(m, argv[1], NULL, &diag);
	if (rc) {
		fprintf(stderr, "load: %s\n", diag.text);
		return 1;
	}
	t1 = now();
	c1 = cpu();
	printf("load %.3f s, cpu %.3f s (peak RSS %ld MiB)\n", t1 - t0, c1 - c0,
	       peak_kib() / 1024);
	fflush(stdout);
	if (airs_model_finish(m))
		return 1;
	t2 = now();
	c2 = cpu();
	printf("finish %.3f s, cpu %.3f s (peak RSS %ld MiB)\n", t2 - t1,
	       c2 - c1, peak_kib() / 1024);
	fflush(stdout);
	if (airs_score(m, p, &r, &diag)) {
		fprintf(stderr, "score: %s\n", diag.text);
		return 1;
	}
	t3 = now();
	c3 = cpu();
	printf("score %.3f s, cpu %.3f s, incl. finalise (peak RSS %ld MiB)\n",
	       t3 - t2, c3 - c2, peak_kib() / 1024);
	fflush(stdout);
	/* again, alone, on as many threads as scoring used by default */
	if (airs__rollup_finalise((airs_rollup *)(void *)(uintptr_t)
	                                  airs_result_rollup(r),
	                          (size_t)sysconf(_SC_NPROCESSORS_ONLN)))
		return 1;
	t4 = now();
	c4 = cpu();
	printf("employees %zu units %zu\n", airs_result_employee_count(r),
	       airs_rollup_unit_count(airs_result_rollup(r)));
	printf("finalise again %.3f s, cpu %.3f s\n", t4 - t3, c4 - c3);
	airs_result_free(r);
	airs_params_free(p);
	airs_model_free(m);
	return 0;
}

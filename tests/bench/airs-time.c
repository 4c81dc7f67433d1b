/*
 * airs-time: time each phase of a run on a dataset folder and print the
 * peak resident set size, for the performance work of issue 9.
 *
 *   airs-time DIR [THREADS [REPEAT]]
 *
 * Phases: load (airs_load_dir), finish, score (airs_score, including its
 * rollup), and finalise (airs__rollup_finalise run again on the result's
 * rollup: it recomputes everything from the accumulators, so this times
 * the same work score did).  With REPEAT, then REPEAT rounds of: a
 * first score, a re-score (airs_rescore()) of it after a weight change
 * (weights.skill), and one after a per-person change (source.self),
 * with the medians of their wall and CPU seconds (issue 23).  Not a
 * test: CI never runs timed assertions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <airs/airs.h>

#include "rollup.h"
#include "score.h" /* struct airs_result */

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

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* What the rounds measure: 0 first score, 1 weight re-score, 2
 * per-person re-score; wall and CPU seconds of each round. */
#define ROUNDS_MAX 101
struct times {
	double wall[3][ROUNDS_MAX], cpu[3][ROUNDS_MAX];
};

/* One round: score with p, re-score it with weights.skill and with
 * source.self changed (a new value each round, so none is a no-op). */
static int one_round(const airs_model *m, airs_params *p, size_t k,
                     struct times *t)
{
	airs_result *r[3] = { NULL, NULL, NULL };
	char v[32];
	double w, c;
	int i, rc = 0;

	for (i = 0; i < 3 && !rc; i++) {
		w = now();
		c = cpu();
		if (i == 0) {
			rc = airs_score(m, p, &r[0], NULL);
		} else {
			snprintf(v, sizeof v, "%.2f", 0.3 + 0.01 * (double)(k % 20));
			airs_params_set(p, i == 1 ? "weights.skill" : "source.self", v);
			rc = airs_rescore(r[0], p, NULL, &r[i], NULL);
		}
		t->wall[i][k] = now() - w;
		t->cpu[i][k] = cpu() - c;
	}
	airs_params_reset(p);
	for (i = 0; i < 3; i++)
		airs_result_free(r[i]);
	return rc;
}

static int time_rescore(const airs_model *m, const char *threads, size_t n)
{
	static struct times t;
	static const char *const what[3] = {
		"first score", "re-score, weights.skill changed",
		"re-score, source.self changed"
	};
	airs_params *p;
	size_t k;
	int i;

	if (n > ROUNDS_MAX)
		n = ROUNDS_MAX;
	if (airs_params_new(&p, NULL))
		return 1;
	for (k = 0; k < n; k++) {
		if (threads)
			airs_params_set(p, "threads", threads);
		if (one_round(m, p, k, &t))
			return 1;
	}
	for (i = 0; i < 3; i++) {
		double wm = median(t.wall[i], n), cm = median(t.cpu[i], n);
		printf("%s: median of %zu: %.4f s, cpu %.4f s", what[i], n, wm, cm);
		if (i)
			printf(" (%.1f%% of the first score's wall, %.1f%% of its "
			       "cpu)", 100 * wm / median(t.wall[0], n),
			       100 * cm / median(t.cpu[0], n));
		printf("\n");
	}
	airs_params_free(p);
	return 0;
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
		fprintf(stderr, "usage: airs-time DIR [THREADS [REPEAT]]\n");
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
	/* again, alone, on as many threads as scoring used by default: the
	 * result's own rollup (the public airs_result_rollup() hands it out
	 * read only), which nothing shares yet - no re-score was made */
	if (airs__rollup_finalise(r->rollup,
	                          (size_t)sysconf(_SC_NPROCESSORS_ONLN)))
		return 1;
	t4 = now();
	c4 = cpu();
	printf("employees %zu units %zu\n", airs_result_employee_count(r),
	       airs_rollup_unit_count(airs_result_rollup(r)));
	printf("finalise again %.3f s, cpu %.3f s\n", t4 - t3, c4 - c3);
	airs_result_free(r);
	if (argc > 3 && time_rescore(m, argv[2], strtoul(argv[3], NULL, 10)))
		return 1;
	airs_params_free(p);
	airs_model_free(m);
	return 0;
}

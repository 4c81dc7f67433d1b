/* The C side of the Python-vs-C timing in docs/python.md: load a dataset
 * folder, score it and copy every column out, as Result.to_dataframe()
 * does.  Build: cc -O2 -I include -I build/include bench_c.c -L build/lib
 * -lairs (bindings/python/bench/bench.py does it). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "airs/airs.h"

/* Process CPU time: the machine may be shared, and CPU seconds compare
 * fairly where wall-clock seconds do not. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	airs_model *m;
	airs_params *p;
	airs_result *r;
	airs_diag d = AIRS_DIAG_INIT;
	double t0, t1, t2, t3, *col, sum = 0;
	const char **ids;
	size_t n, i;
	int c;

	if (argc != 3) {
		fprintf(stderr, "usage: bench_c DIR AS_OF\n");
		return 2;
	}
	t0 = now();
	if (airs_model_new(&m, NULL) || airs_load_dir(m, argv[1], NULL, &d) ||
	    airs_model_finish(m)) {
		fprintf(stderr, "%s:%llu: %s\n", d.file, (unsigned long long)d.line, d.text);
		return 1;
	}
	t1 = now();
	if (airs_params_new(&p, NULL) || airs_params_set(p, "as_of", argv[2]) ||
	    airs_score(m, p, &r, &d)) {
		fprintf(stderr, "score: %s\n", d.text);
		return 1;
	}
	t2 = now();
	n = airs_result_employee_count(r);
	col = malloc(n * sizeof *col);
	ids = malloc(n * sizeof *ids);
	if (!col || !ids)
		return 1;
	airs_result_ids(r, ids, n);
	for (c = 0; c < AIRS_COLUMN_COUNT_; c++) {
		airs_result_column(r, c, col, n);
		for (i = 0; i < n; i++)
			sum += col[i] == col[i] ? col[i] : 0;
	}
	t3 = now();
	printf("load %.3f score %.3f columns %.3f total %.3f (n=%zu, checksum %.6g)\n",
	       t1 - t0, t2 - t1, t3 - t2, t3 - t0, n, sum);
	free(col);
	free(ids);
	airs_result_free(r);
	airs_params_free(p);
	airs_model_free(m);
	return 0;
}

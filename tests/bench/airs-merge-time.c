/*
 * airs-merge-time.c - how long merging rollup partials takes, the 1.1 way
 * and the 1.2 way (issue 23).  Public API only.
 *
 *   airs-merge-time AS_OF MODE FILE...
 *
 * MODE "finished": each partial read finished (airs_rollup_read_v2) and
 * merged into the first, which is finished again after every merge (as
 * 1.1 did).  MODE "open": each read open (airs_rollup_read_v3 with
 * AIRS_ROLLUP_OPEN), merged, and the result finished once.  The files are
 * read into memory first (not timed).  Prints one line of seconds:
 * "read merge finish total", and checks the merged organisation's
 * headcount against the sum of the partials'.
 */
#include <airs/airs.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) || !(p = malloc((size_t)n + 1)) ||
	    fread(p, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "airs-merge-time: cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	*len = (size_t)n;
	return p;
}

static void check(int rc, const airs_diag *d, const char *what)
{
	if (rc) {
		fprintf(stderr, "airs-merge-time: %s: %s\n", what, d->text);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	airs_params *p;
	airs_rollup *into = NULL, *r;
	airs_diag d = AIRS_DIAG_INIT;
	airs_unit_score org = AIRS_UNIT_SCORE_INIT;
	double t0, t_read = 0, t_merge = 0, t_fin = 0;
	unsigned flags;
	int i;

	if (argc < 4 || (strcmp(argv[2], "open") && strcmp(argv[2], "finished"))) {
		fprintf(stderr, "usage: airs-merge-time AS_OF open|finished FILE...\n");
		return 2;
	}
	flags = strcmp(argv[2], "open") ? 0 : AIRS_ROLLUP_OPEN;
	check(airs_params_new(&p, NULL), &d, "params");
	check(airs_params_set(p, "as_of", argv[1]), &d, "as_of");
	for (i = 3; i < argc; i++) {
		size_t len;
		char *data = slurp(argv[i], &len);
		t0 = now();
		check(airs_rollup_read_v3(&r, data, len, p, flags, NULL, &d), &d,
		      argv[i]);
		t_read += now() - t0;
		free(data);
		if (!into) {
			into = r;
			continue;
		}
		t0 = now();
		check(airs_rollup_merge(into, r, &d), &d, "merge");
		t_merge += now() - t0;
		airs_rollup_free(r);
	}
	t0 = now();
	check(airs_rollup_finish(into, 0, &d), &d, "finish");
	t_fin = now() - t0;
	airs_rollup_org(into, &org);
	printf("%.3f %.3f %.3f %.3f %llu\n", t_read, t_merge, t_fin,
	       t_read + t_merge + t_fin, (unsigned long long)org.headcount);
	airs_rollup_free(into);
	airs_params_free(p);
	return 0;
}

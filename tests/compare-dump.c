/*
 * compare-dump.c - for tests/check-compare.py: compare two datasets
 * (or one at two dates) and print each side's per-person values of
 * every figure with the path of units above them, and every group's
 * change of every figure, so that SciPy and statsmodels can recompute
 * the changes from the people.
 *
 *     compare-dump BASE_DIR BASE_AS_OF CURRENT_DIR CURRENT_AS_OF [archive]
 *
 * With "archive", the changes are those of the two results' archives
 * (airs_compare_archives(), methodology 4.8), the people the same.
 *
 * Lines: "P side id unit/parent/... readiness below respondent level
 * flags families c0..c8 fav0/items0 .. fav8/items8 net/responses hours"
 * (nan where a person has no value; flags and families as bit masks;
 * the survey parts as the rollup adds them, from the library's
 * internal scoring: a test program, never shipped), then "C unit
 * figure test reason base current change low high p nb nc panel
 * count_b count_c" (unit "*" for the organisation; hidden counts as
 * -1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/airs.h"
#include "rollup.h"
#include "score-employee.h"
#include "score.h"

static airs_result *score(const char *dir, const char *as_of)
{
	airs_model *m;
	airs_params *p;
	airs_result *r;
	airs_diag d = AIRS_DIAG_INIT;

	if (airs_model_new(&m, NULL) || airs_load_dir(m, dir, NULL, &d) ||
	    airs_model_finish(m) || airs_params_new(&p, NULL) ||
	    airs_params_set(p, "as_of", as_of) || airs_score(m, p, &r, &d)) {
		fprintf(stderr, "compare-dump: %s: %s\n", dir, d.text);
		exit(1);
	}
	airs_params_free(p);
	airs_model_free(m);
	return r;
}

static void path(const airs_rollup *ru, const char *u)
{
	while (u) {
		airs_unit_score us = AIRS_UNIT_SCORE_INIT;
		size_t k;
		airs_rollup_find_unit(ru, u, &k);
		airs_rollup_unit(ru, k, &us);
		printf("%s%s", u, us.parent_id ? "/" : "");
		u = us.parent_id;
	}
}

static void person(const airs__score_ctx *ctx, const airs_result *r,
                   size_t i, int side)
{
	airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
	airs__emp_detail d;
	double cs[AIRS_CONSTRUCT_COUNT_];

	airs_result_employee(r, i, &e);
	if (airs__score_detail(ctx, &r->mem, r->s[i].emp, &d, cs)) {
		fprintf(stderr, "compare-dump: out of memory\n");
		exit(1);
	}
	printf("P %d %s ", side, e.id);
	path(airs_result_rollup(r), e.unit_id);
	printf(" %.17g %s %d %d %u %u", e.readiness,
	       !e.level || !e.target ? "nan" : e.level < e.target ? "1" : "0",
	       d.respondent != 0, e.level, d.flags, d.flags_read);
	for (int k = 0; k < AIRS_CONSTRUCT_COUNT_; k++)
		printf(" %.17g", cs[k]);
	for (int k = 0; k < AIRS_CONSTRUCT_COUNT_; k++)
		printf(" %u/%u", d.favourable[k], d.items[k]);
	printf(" %d/%u", 100 * ((int)d.promoters - (int)d.detractors),
	       d.net_responses);
	if (d.has_time_saved)
		printf(" %.17g\n", (double)d.time_saved_q / AIRS__Q);
	else
		printf(" nan\n");
}

static void people(const airs_result *r, int side)
{
	airs__score_ctx ctx;

	if (airs__score_ctx_init(&ctx, r->model, &r->pv, r->as_of, &r->mem)) {
		fprintf(stderr, "compare-dump: out of memory\n");
		exit(1);
	}
	for (size_t i = 0; i < airs_result_employee_count(r); i++)
		person(&ctx, r, i, side);
	airs__score_ctx_free(&ctx, &r->mem);
}

static long long count(uint64_t n)
{
	return n == AIRS_SUPPRESSED ? -1 : (long long)n;
}

static void changes(const airs_comparison *k)
{
	size_t nu = airs_comparison_unit_count(k);

	for (size_t u = 0; u <= nu; u++) {
		size_t g = u == nu ? AIRS_ROLLUP_ORG : u;
		for (int f = 0; f < AIRS_CHANGE_FIGURE_COUNT_; f++) {
			airs_change ch = AIRS_CHANGE_INIT;
			airs_comparison_change(k, g, f, &ch);
			printf("C %s %s %s %s %.17g %.17g %.17g %.17g %.17g "
			       "%.17g %lld %lld %lld %lld %lld\n",
			       g == AIRS_ROLLUP_ORG ? "*"
			                            : airs_comparison_unit_id(k, u),
			       airs_change_figure_name(f),
			       airs_change_test_name(ch.test),
			       airs_change_reason_name(ch.reason), ch.base,
			       ch.current, ch.change, ch.ci.low, ch.ci.high, ch.p,
			       count(ch.base_n), count(ch.current_n),
			       count(ch.panel), count(ch.base_count),
			       count(ch.current_count));
		}
	}
}

struct buf {
	char *p;
	size_t n;
};

static int collect(const void *data, size_t len, void *user)
{
	struct buf *b = user;
	char *p = realloc(b->p, b->n + len);

	if (!p)
		return 1;
	memcpy(p + b->n, data, len);
	b->p = p;
	b->n += len;
	return 0;
}

static airs_archive *archive(const airs_result *r)
{
	static const char key[] = "compare-dump's archive key";
	struct buf b = { NULL, 0 };
	airs_archive *a = NULL;
	airs_diag d = AIRS_DIAG_INIT;

	if (airs_result_write_archive(r, key, sizeof key - 1, collect, &b, &d) ||
	    airs_archive_read(&a, b.p, b.n, key, sizeof key - 1, NULL, &d)) {
		fprintf(stderr, "compare-dump: archive: %s\n", d.text);
		exit(1);
	}
	free(b.p);
	return a;
}

static int compare(const airs_result *b, const airs_result *c,
                   int archives, airs_comparison **k)
{
	airs_compare_options o = AIRS_COMPARE_OPTIONS_INIT;
	airs_archive *ab, *ac;
	int rc;

	o.allow_params_change = 1;
	if (!archives)
		return airs_compare(b, c, &o, k, NULL);
	ab = archive(b);
	ac = archive(c);
	rc = airs_compare_archives(ab, ac, &o, k, NULL);
	airs_archive_free(ab);
	airs_archive_free(ac);
	return rc;
}

int main(int argc, char **argv)
{
	airs_result *b, *c;
	airs_comparison *k;

	if (argc != 5 && (argc != 6 || strcmp(argv[5], "archive"))) {
		fprintf(stderr, "usage: compare-dump BASE_DIR BASE_AS_OF "
		                "CURRENT_DIR CURRENT_AS_OF [archive]\n");
		return 2;
	}
	b = score(argv[1], argv[2]);
	c = score(argv[3], argv[4]);
	if (compare(b, c, argc == 6, &k))
		return 1;
	people(b, 0);
	people(c, 1);
	changes(k);
	airs_comparison_free(k);
	airs_result_free(b);
	airs_result_free(c);
	return 0;
}

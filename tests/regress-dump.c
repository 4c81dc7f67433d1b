/*
 * regress-dump - every output of the library for one dataset folder, in
 * one stream, for the byte-identity regression test (tests/check-regress.py).
 *
 *     regress-dump DIR
 *
 * Writes, each under a "### name" line: every result table as JSON and
 * CSV, the rollup partial, every employee's explanation, personal plans of
 * every employee at three budgets, organisation plans of every strategy
 * at two budgets, and audits of every attribute of the data against the
 * built-in outcomes.  The library version is replaced by "VERSION" so
 * that a release does not change the stream; anything else that changes
 * it changed what users get.  Uses only the public API.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <airs/airs.h>

struct buf {
	char *p;
	size_t n, cap;
};

static int put(const void *data, size_t len, void *user)
{
	struct buf *b = user;

	if (b->n + len + 1 > b->cap) {
		b->cap = (b->n + len + 1) * 2;
		if (!(b->p = realloc(b->p, b->cap))) {
			fputs("regress-dump: out of memory\n", stderr);
			exit(1);
		}
	}
	memcpy(b->p + b->n, data, len);
	b->n += len;
	b->p[b->n] = '\0';
	return 0;
}

/* Print what was collected with the library version masked, and empty it. */
static void flush(struct buf *b)
{
	const char *v = airs_version(), *s = b->p ? b->p : "", *hit;
	size_t vl = strlen(v);

	while ((hit = strstr(s, v)) != NULL) {
		fwrite(s, 1, (size_t)(hit - s), stdout);
		fputs("VERSION", stdout);
		s = hit + vl;
	}
	fputs(s, stdout);
	b->n = 0;
	if (b->p)
		b->p[0] = '\0';
}

static void check(int rc, const char *what)
{
	if (rc != AIRS_OK) {
		fprintf(stderr, "regress-dump: %s: %s\n", what, airs_strerror(rc));
		exit(1);
	}
}

static void num(struct buf *b, double v)
{
	char t[64];

	snprintf(t, sizeof t, isnan(v) ? "nan" : "%.17g", v);
	put(t, strlen(t), b);
}

static void result_tables(const airs_result *r, struct buf *b)
{
	int t, o;

	for (t = AIRS_TABLE_EMPLOYEES; t <= AIRS_TABLE_ALL; t++)
		for (o = AIRS_OUTPUT_JSON; o <= AIRS_OUTPUT_CSV; o++) {
			if (t == AIRS_TABLE_ALL && o == AIRS_OUTPUT_CSV)
				continue;
			printf("### result %s %s\n", airs_table_name(t),
			       o == AIRS_OUTPUT_JSON ? "json" : "csv");
			check(airs_result_write(r, t, o, put, b, NULL), "write");
			flush(b);
		}
	printf("### rollup partial\n");
	check(airs_rollup_write(airs_result_rollup(r), put, b), "rollup");
	flush(b);
}

static void explanations(const airs_result *r, struct buf *b)
{
	size_t i, k, n = airs_result_employee_count(r), count;
	airs_contribution line[64];

	printf("### explanations\n");
	for (i = 0; i < n; i++) {
		for (k = 0; k < 64; k++) {
			airs_contribution z = AIRS_CONTRIBUTION_INIT;
			line[k] = z;
		}
		check(airs_result_explain(r, i, line, 64, &count), "explain");
		for (k = 0; k < count && k < 64; k++) {
			char head[320];
			snprintf(head, sizeof head, "%zu %d %s %d ", i,
			         line[k].component,
			         line[k].skill_id ? line[k].skill_id : "-",
			         line[k].status);
			put(head, strlen(head), b);
			num(b, line[k].value);
			put(" ", 1, b);
			num(b, line[k].weight);
			put(" ", 1, b);
			num(b, line[k].points);
			put(" ", 1, b);
			num(b, line[k].level);
			put("\n", 1, b);
		}
	}
	flush(b);
}

static void personal_plans(const airs_result *r, struct buf *b)
{
	static const double budget[] = { 0, 8, 40 };
	size_t i, j, n = airs_result_employee_count(r);

	for (j = 0; j < sizeof budget / sizeof *budget; j++) {
		printf("### personal plans %g h\n", budget[j]);
		for (i = 0; i < n; i++) {
			airs_plan_options o = AIRS_PLAN_OPTIONS_INIT;
			airs_plan *p = NULL;

			o.budget_hours = budget[j];
			check(airs_plan_employee(r, i, &o, &p, NULL), "plan");
			check(airs_plan_write(p, AIRS_OUTPUT_JSON, put, b, NULL),
			      "plan write");
			airs_plan_free(p);
		}
		flush(b);
	}
}

static void org_plans(const airs_result *r, struct buf *b)
{
	static const double budget[] = { 500, 20000 };
	size_t j;
	int s;

	for (j = 0; j < sizeof budget / sizeof *budget; j++)
		for (s = AIRS_STRATEGY_EFFICIENCY; s <= AIRS_STRATEGY_TARGET_FIRST; s++) {
			airs_plan_options o = AIRS_PLAN_OPTIONS_INIT;
			airs_org_plan *p = NULL;

			o.budget_hours = budget[j];
			o.strategy = s;
			check(airs_plan_org(r, &o, &p, NULL), "org plan");
			printf("### org plan %g h %s\n", budget[j],
			       airs_strategy_name(s));
			check(airs_org_plan_write(p, AIRS_PLAN_TABLE_ALL,
			                          AIRS_OUTPUT_JSON, put, b, NULL),
			      "org plan write");
			check(airs_org_plan_write(p, AIRS_PLAN_TABLE_ALLOCATIONS,
			                          AIRS_OUTPUT_CSV, put, b, NULL),
			      "org plan write");
			flush(b);
			airs_org_plan_free(p);
		}
}

static void audits(const airs_result *r, struct buf *b)
{
	static const char *const attr[] = { "gender", "age_band", "location" };
	static const int outcome[] = { AIRS_AUDIT_ABOVE_MEDIAN,
	                               AIRS_AUDIT_AT_TARGET, AIRS_AUDIT_FLAG };
	size_t a, k;

	for (a = 0; a < 3; a++)
		for (k = 0; k < 3; k++) {
			airs_audit_options o = AIRS_AUDIT_OPTIONS_INIT;
			airs_audit_report *au = NULL;
			int rc;

			o.attribute = attr[a];
			o.attribute2 = attr[(a + 1) % 3];
			o.include_intersection = 1;
			o.outcome = outcome[k];
			o.flag = outcome[k] == AIRS_AUDIT_FLAG ?
			         AIRS_FLAG_LEFT_BEHIND : 0;
			rc = airs_audit(r, &o, &au, NULL);
			printf("### audit %s %d: %d\n", attr[a], outcome[k], rc);
			if (rc != AIRS_OK)
				continue;
			check(airs_audit_write(au, AIRS_AUDIT_JSON, put, b, NULL),
			      "audit write");
			check(airs_audit_write(au, AIRS_AUDIT_CSV, put, b, NULL),
			      "audit write");
			flush(b);
			airs_audit_free(au);
		}
}

int main(int argc, char **argv)
{
	airs_model *m = NULL;
	airs_result *r = NULL;
	airs_diag d = AIRS_DIAG_INIT;
	struct buf b = { 0 };

	if (argc != 2) {
		fputs("usage: regress-dump DIR\n", stderr);
		return 2;
	}
	check(airs_model_new(&m, NULL), "model");
	if (airs_load_dir(m, argv[1], NULL, &d) != AIRS_OK) {
		char t[512];
		airs_diag_format(&d, t, sizeof t);
		fprintf(stderr, "regress-dump: %s\n", t);
		return 1;
	}
	check(airs_model_finish(m), "finish");
	check(airs_score(m, NULL, &r, NULL), "score");
	result_tables(r, &b);
	explanations(r, &b);
	personal_plans(r, &b);
	org_plans(r, &b);
	audits(r, &b);
	airs_result_free(r);
	airs_model_free(m);
	free(b.p);
	return fflush(stdout) == 0 ? 0 : 1;
}

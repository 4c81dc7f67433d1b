/*
 * test-tools.c - the tools table (airs/tools.h, methodology section 9):
 * the worked example of 9.6 number by number, its anonymity, its
 * signals, and the invariants of issue 18 (any tool >= the most-used
 * tool; a tool nobody uses changes nothing else; row order and thread
 * count change nothing).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/airs.h"

#include "harness.h"

#define EXAMPLE SOURCE_ROOT "/tests/bench/data/tools-example"

#define OK(call) ck_assert_int_eq((call), AIRS_OK)


/* The example scored as of 2026-06-30 with min_group k and threads. */
static airs_result *score(airs_model *m, int k, int threads)
{
	airs_params *p = NULL;
	airs_result *r = NULL;
	char b[16];

	OK(airs_params_new(&p, NULL));
	OK(airs_params_set(p, "as_of", "2026-06-30"));
	snprintf(b, sizeof b, "%d", k);
	OK(airs_params_set(p, "anonymity.min_group", b));
	snprintf(b, sizeof b, "%d", threads);
	OK(airs_params_set(p, "threads", b));
	OK(airs_score(m, p, &r, NULL));
	airs_params_free(p);
	return r;
}

static airs_model *example(void)
{
	airs_model *m = NULL;

	OK(airs_model_new(&m, NULL));
	OK(airs_load_dir(m, EXAMPLE, NULL, NULL));
	OK(airs_model_finish(m));
	return m;
}

static airs_tools *table(const airs_result *r)
{
	airs_tools *t = NULL;

	OK(airs_result_tools(r, &t, NULL));
	return t;
}

/* The row of (scope, id, kind, tool). */
static airs_tool_row row(const airs_tools *t, int scope, const char *id,
                         int kind, const char *tool)
{
	airs_tools_info in = AIRS_TOOLS_INFO_INIT;
	size_t i;

	OK(airs_tools_info_get(t, &in));
	for (i = 0; i < in.rows; i++) {
		airs_tool_row o = AIRS_TOOL_ROW_INIT;
		const char *gid;
		OK(airs_tools_row(t, i, &o));
		gid = scope == AIRS_TOOL_SCOPE_UNIT ? o.unit_id : o.role_id;
		if (o.scope == scope && o.kind == kind &&
		    (scope == AIRS_TOOL_SCOPE_ORGANISATION || !strcmp(gid, id)) &&
		    (kind != AIRS_TOOL_KIND_TOOL || !strcmp(o.tool_id, tool)))
			return o;
	}
	ck_abort_msg("no row %d %s %d %s", scope, id ? id : "-", kind,
	             tool ? tool : "-");
	return (airs_tool_row)AIRS_TOOL_ROW_INIT;
}

#define ORG AIRS_TOOL_SCOPE_ORGANISATION, NULL
#define UNIT(id) AIRS_TOOL_SCOPE_UNIT, id
#define ROLE(id) AIRS_TOOL_SCOPE_ROLE, id
#define TOOL(id) AIRS_TOOL_KIND_TOOL, id
#define ALL AIRS_TOOL_KIND_ALL, NULL
#define UNS AIRS_TOOL_KIND_UNSANCTIONED, NULL

static void near(double got, double want)
{
	ck_assert_msg(fabs(got - want) < 5e-10, "%.12g, want %.12g", got, want);
}

/* Methodology 9.6, chat in the organisation. */
START_TEST(worked_example_chat)
{
	airs_model *m = example();
	airs_result *r = score(m, 3, 1);
	airs_tools *t = table(r);
	airs_tools_info in = AIRS_TOOLS_INFO_INIT;
	airs_tool_row o = row(t, ORG, TOOL("chat"));
	char b[8];

	OK(airs_tools_info_get(t, &in));
	ck_assert_uint_eq(in.tools, 4);        /* chat sheets homebot plugin */
	ck_assert_uint_eq(in.kinds, 6);
	ck_assert_uint_eq(in.groups, 3 + 1 + 2);
	ck_assert_int_eq(in.registry, 1);
	ck_assert_int_eq(in.lapse_known, 1);
	airs_month_format(in.window_first, b);
	ck_assert_str_eq(b, "2026-01");
	ck_assert_uint_eq(o.headcount, 8);
	ck_assert_uint_eq(o.users, 7);
	near(o.active_share, 0.875);
	near(o.active_share_ci.low, 0.529111818);   /* statsmodels, Wilson */
	near(o.active_share_ci.high, 0.977582509);
	ck_assert_uint_eq(o.habitual, 3);
	near(o.habitual_share, 3.0 / 7);
	near(o.habitual_share_ci.low, 0.158219855);
	near(o.habitual_share_ci.high, 0.749541635);
	ck_assert_uint_eq(o.lapsed, 2);
	near(o.lapsed_share_ci.low, 0.082218924);
	near(o.lapsed_share_ci.high, 0.641065548);
	ck_assert_uint_eq(o.new_users, 1);
	ck_assert_uint_eq(o.active_days, 306);
	near(o.activity_share, 306.0 / 372);
	near(o.active_days_median, 32.0 / 6);
	near(o.first_use_months_median, 2);
	ck_assert_uint_eq(o.benefit_respondents, 7);
	near(o.benefit, 2.95 / 7);
	near(o.benefit_ci.low, 2.95 / 7);   /* every user answered */
	near(o.benefit_ci.high, 2.95 / 7);
	ck_assert_uint_eq(o.signals, AIRS_TOOL_SIGNAL_MISMATCH);
	ck_assert_int_eq(o.sanctioned, 1);
	ck_assert_int_eq(o.registered, 1);
	airs_tools_free(t);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

/* 9.6: teams, sets and signals. */
START_TEST(worked_example_groups)
{
	airs_model *m = example();
	airs_result *r = score(m, 3, 1);
	airs_tools *t = table(r);
	airs_tool_row o;

	o = row(t, UNIT("TEAM-A"), TOOL("chat"));
	ck_assert_uint_eq(o.users, 4);
	near(o.benefit, 0.19375);
	ck_assert_uint_eq(o.signals, AIRS_TOOL_SIGNAL_MISMATCH);
	o = row(t, UNIT("TEAM-B"), TOOL("chat"));
	ck_assert_uint_eq(o.users, 3);
	ck_assert_uint_eq(o.lapsed, 1);
	near(o.benefit, 0.725);
	ck_assert_uint_eq(o.signals, AIRS_TOOL_SIGNAL_LAPSING);
	o = row(t, ROLE("analyst"), TOOL("chat"));
	ck_assert_uint_eq(o.signals, AIRS_TOOL_SIGNAL_MISMATCH);
	o = row(t, ORG, TOOL("sheets"));
	ck_assert_uint_eq(o.users, 4);
	ck_assert_uint_eq(o.habitual, 1);
	ck_assert_uint_eq(o.lapsed, 1);
	near(o.active_days_median, 4);
	near(o.benefit, 0.875);
	ck_assert_uint_eq(o.signals, 0);
	o = row(t, ORG, ALL);
	ck_assert_uint_eq(o.users, 8);
	ck_assert_uint_eq(o.habitual, 3);
	ck_assert_uint_eq(o.lapsed, 1);
	ck_assert_uint_eq(o.new_users, 2);
	ck_assert_uint_eq(o.active_days, 372);
	near(o.active_days_median, 7);
	ck_assert_int_eq(o.sanctioned, -1);
	o = row(t, ORG, UNS);
	ck_assert_uint_eq(o.users, 3);
	ck_assert_uint_eq(o.habitual, 0);
	ck_assert_uint_eq(o.new_users, 1);
	ck_assert_uint_eq(o.active_days, 80);
	near(o.activity_share, 80.0 / 372);
	ck_assert_uint_eq(o.signals, AIRS_TOOL_SIGNAL_SHADOW);
	ck_assert_int_eq(o.sanctioned, 0);
	o = row(t, ORG, TOOL("plugin"));
	ck_assert_int_eq(o.registered, 0);
	ck_assert_int_eq(o.sanctioned, 0);
	airs_tools_free(t);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

/* 9.6, anonymity with k = 3: small groups hidden, zero shown, and the
 * roles' all-tools rows hidden because TEAM-B less its engineers is one
 * person. */
START_TEST(worked_example_anonymity)
{
	airs_model *m = example();
	airs_result *r = score(m, 3, 1);
	airs_tools *t = table(r);
	airs_tool_row o;

	o = row(t, UNIT("TEAM-A"), TOOL("sheets"));
	ck_assert_uint_eq(o.users, AIRS_SUPPRESSED);
	ck_assert(isnan(o.active_share) && isnan(o.active_share_ci.low));
	ck_assert(isnan(o.benefit));
	ck_assert_uint_eq(o.benefit_respondents, AIRS_SUPPRESSED);
	o = row(t, UNIT("TEAM-B"), TOOL("sheets"));
	ck_assert_uint_eq(o.users, AIRS_SUPPRESSED);
	o = row(t, ORG, TOOL("homebot"));
	ck_assert_uint_eq(o.users, AIRS_SUPPRESSED);
	o = row(t, UNIT("TEAM-B"), TOOL("homebot"));
	ck_assert_uint_eq(o.users, 0);
	o = row(t, UNIT("TEAM-A"), UNS);
	ck_assert_uint_eq(o.users, AIRS_SUPPRESSED);
	o = row(t, UNIT("TEAM-B"), UNS);
	ck_assert_uint_eq(o.users, AIRS_SUPPRESSED);
	o = row(t, UNIT("TEAM-B"), ALL);
	ck_assert_uint_eq(o.users, 4);
	o = row(t, ROLE("engineer"), ALL);
	ck_assert_uint_eq(o.users, AIRS_SUPPRESSED);
	o = row(t, ROLE("analyst"), ALL);
	ck_assert_uint_eq(o.users, AIRS_SUPPRESSED);
	airs_tools_free(t);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

/* Every row: users of any tool >= users of each tool; shares in 0..1
 * and inside their intervals. */
static void invariants(const airs_tools *t)
{
	airs_tools_info in = AIRS_TOOLS_INFO_INIT;
	size_t g, k;

	OK(airs_tools_info_get(t, &in));
	for (g = 0; g < in.groups; g++) {
		airs_tool_row all = AIRS_TOOL_ROW_INIT;
		OK(airs_tools_row(t, g * in.kinds, &all));
		ck_assert_int_eq(all.kind, AIRS_TOOL_KIND_ALL);
		for (k = 1; k < in.kinds; k++) {
			airs_tool_row o = AIRS_TOOL_ROW_INIT;
			OK(airs_tools_row(t, g * in.kinds + k, &o));
			if (all.users != AIRS_SUPPRESSED && o.users != AIRS_SUPPRESSED)
				ck_assert_uint_ge(all.users, o.users);
			if (!isnan(o.active_share))
				ck_assert(o.active_share_ci.low <= o.active_share &&
				          o.active_share <= o.active_share_ci.high);
			if (!isnan(o.benefit))
				ck_assert(o.benefit >= 0 && o.benefit <= 1);
		}
	}
}

static int to_file(const void *d, size_t n, void *f)
{
	return fwrite(d, 1, n, f) == n ? 0 : -1;
}

static char *json(const airs_tools *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	OK(airs_tools_write(t, AIRS_OUTPUT_JSON, to_file, f, NULL));
	fclose(f);
	ck_assert(len > 2 && buf[0] == '{' && buf[len - 1] == '\n');
	return buf;
}

static char *csv(const airs_result *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	airs_tools *t = table(r);

	ck_assert_ptr_nonnull(f);
	OK(airs_tools_write(t, AIRS_OUTPUT_CSV, to_file, f, NULL));
	fclose(f);
	airs_tools_free(t);
	return buf;
}

START_TEST(invariants_hold)
{
	airs_model *m = example();
	int k;

	for (k = 3; k <= 5; k++) {
		airs_result *r = score(m, k, 1);
		airs_tools *t = table(r);
		invariants(t);
		free(json(t));
		airs_tools_free(t);
		airs_result_free(r);
	}
	airs_model_free(m);
}
END_TEST

/* The rows of the example's CSV files, reversed: the same table. */
static airs_model *reversed(void)
{
	static const char *const names[] = { "units", "roles", "employees",
		"tools", "survey_items", "responses", "usage" };
	airs_table_buffer b[7];
	char *text[7], *name[7], path[512];
	size_t i;
	airs_model *m = NULL;

	for (i = 0; i < 7; i++) {
		FILE *f;
		char *lines[256], line[512];
		size_t n = 0, len = 0, j;
		snprintf(path, sizeof path, EXAMPLE "/%s.csv", names[i]);
		f = fopen(path, "r");
		ck_assert_ptr_nonnull(f);
		while (n < 256 && fgets(line, sizeof line, f))
			lines[n++] = strdup(line);
		fclose(f);
		text[i] = calloc(1, 65536);
		strcat(text[i], lines[0]);
		/* the parents of units must come first: keep units as they are */
		for (j = n; j-- > 1;)
			strcat(text[i], lines[i == 0 ? n - j : j]);
		for (j = 0; j < n; j++)
			free(lines[j]);
		len = strlen(text[i]);
		snprintf(path, sizeof path, "%s.csv", names[i]);
		b[i].name = name[i] = strdup(path);
		b[i].data = text[i];
		b[i].len = len;
	}
	OK(airs_model_new(&m, NULL));
	OK(airs_load_buffers(m, b, 7, NULL, NULL));
	OK(airs_model_finish(m));
	for (i = 0; i < 7; i++) {
		free(text[i]);
		free(name[i]);
	}
	return m;
}

START_TEST(row_order_and_threads_change_nothing)
{
	airs_model *m = example(), *rev = reversed();
	airs_result *r1 = score(m, 3, 1), *r4 = score(m, 3, 4);
	airs_result *rr = score(rev, 3, 2);
	char *a = csv(r1), *b = csv(r4), *c = csv(rr);

	ck_assert_str_eq(a, b);
	ck_assert_str_eq(a, c);
	free(a);
	free(b);
	free(c);
	airs_result_free(r1);
	airs_result_free(r4);
	airs_result_free(rr);
	airs_model_free(m);
	airs_model_free(rev);
}
END_TEST

/* The sample company (250 people) scored on `threads` threads. */
static airs_result *sample_scored(const airs_model *m, int threads)
{
	airs_params *p = NULL;
	airs_result *r = NULL;
	char b[16];

	OK(airs_params_new(&p, NULL));
	snprintf(b, sizeof b, "%d", threads);
	OK(airs_params_set(p, "threads", b));
	OK(airs_score(m, p, &r, NULL));
	airs_params_free(p);
	return r;
}

/* The employees' entries are made in runs, one per thread, and appended
 * in employee order: the table of 2, 3 or 7 runs is that of one, to the
 * byte (the example above has too few people for a second run). */
START_TEST(employees_in_runs_change_nothing)
{
	static const int threads[] = { 2, 3, 7 };
	airs_model *m = NULL;
	airs_result *r;
	char *one, *many;
	size_t i;

	OK(airs_model_new(&m, NULL));
	OK(airs_load_dir(m, SOURCE_ROOT "/examples/data/sample", NULL, NULL));
	OK(airs_model_finish(m));
	r = sample_scored(m, 1);
	one = csv(r);
	airs_result_free(r);
	ck_assert_ptr_nonnull(strstr(one, "\nunit,"));  /* rows of units */
	for (i = 0; i < sizeof threads / sizeof threads[0]; i++) {
		r = sample_scored(m, threads[i]);
		many = csv(r);
		ck_assert_str_eq(many, one);
		free(many);
		airs_result_free(r);
	}
	free(one);
	airs_model_free(m);
}
END_TEST

/* A registered tool nobody uses adds its rows (0 users) and changes no
 * other row. */
START_TEST(unused_tool_changes_nothing)
{
	airs_model *m = example(), *m2 = NULL;
	airs_tool_rec tr = AIRS_TOOL_REC_INIT;
	airs_result *r1, *r2;
	airs_tools *t1, *t2;
	airs_tools_info i1 = AIRS_TOOLS_INFO_INIT, i2 = AIRS_TOOLS_INFO_INIT;
	size_t g, k;

	OK(airs_model_new(&m2, NULL));
	tr.id = "aaa-unused";   /* first by id, and first in the registry */
	tr.name = "Nobody's tool";
	OK(airs_model_add_tool(m2, &tr));
	OK(airs_load_dir(m2, EXAMPLE, NULL, NULL));
	OK(airs_model_finish(m2));
	r1 = score(m, 3, 1);
	r2 = score(m2, 3, 1);
	t1 = table(r1);
	t2 = table(r2);
	OK(airs_tools_info_get(t1, &i1));
	OK(airs_tools_info_get(t2, &i2));
	ck_assert_uint_eq(i2.kinds, i1.kinds + 1);
	for (g = 0; g < i1.groups; g++)
		for (k = 0; k < i2.kinds; k++) {
			airs_tool_row a = AIRS_TOOL_ROW_INIT, b = AIRS_TOOL_ROW_INIT;
			OK(airs_tools_row(t2, g * i2.kinds + k, &b));
			if (b.kind == AIRS_TOOL_KIND_TOOL &&
			    !strcmp(b.tool_id, "aaa-unused")) {
				ck_assert_uint_eq(b.users, 0);
				continue;
			}
			/* the same row in t1: the tool rows follow the model's
			 * order, the unused tool is first of them */
			OK(airs_tools_row(t1, g * i1.kinds + (k < 2 ? k : k - 1), &a));
			ck_assert_int_eq(a.kind, b.kind);
			ck_assert_uint_eq(a.users, b.users);
			ck_assert_uint_eq(a.habitual, b.habitual);
			ck_assert_uint_eq(a.lapsed, b.lapsed);
			ck_assert_uint_eq(a.active_days, b.active_days);
			ck_assert_uint_eq(a.signals, b.signals);
			ck_assert(memcmp(&a.benefit, &b.benefit, sizeof a.benefit) == 0);
		}
	airs_tools_free(t1);
	airs_tools_free(t2);
	airs_result_free(r1);
	airs_result_free(r2);
	airs_model_free(m);
	airs_model_free(m2);
}
END_TEST

/* 9.4: a role counts in the mismatch baseline only when k of its people
 * answered about another tool: engineers (only B1) do not, so TEAM-B's
 * chat has no baseline even when its benefit is under the threshold. */
START_TEST(baseline_needs_k_people)
{
	airs_model *m = example();
	airs_params *p = NULL;
	airs_result *r = NULL;
	airs_tools *t;

	OK(airs_params_new(&p, NULL));
	OK(airs_params_set(p, "as_of", "2026-06-30"));
	OK(airs_params_set(p, "anonymity.min_group", "3"));
	OK(airs_params_set(p, "tools.mismatch_benefit", "0.8"));
	OK(airs_score(m, p, &r, NULL));
	t = table(r);
	ck_assert_uint_eq(row(t, UNIT("TEAM-B"), TOOL("chat")).signals,
	                  AIRS_TOOL_SIGNAL_LAPSING);
	ck_assert_uint_eq(row(t, UNIT("TEAM-A"), TOOL("chat")).signals,
	                  AIRS_TOOL_SIGNAL_MISMATCH);
	airs_tools_free(t);
	airs_result_free(r);
	airs_params_free(p);
	airs_model_free(m);
}
END_TEST

START_TEST(bad_arguments)
{
	airs_model *m = example();
	airs_result *r = score(m, 3, 1);
	airs_tools *t = NULL;
	airs_tool_row o = AIRS_TOOL_ROW_INIT;
	airs_tools_info in = AIRS_TOOLS_INFO_INIT;
	int v;

	ck_assert_int_eq(airs_result_tools(NULL, &t, NULL), AIRS_EINVAL);
	ck_assert_int_eq(airs_result_tools(r, NULL, NULL), AIRS_EINVAL);
	t = table(r);
	OK(airs_tools_info_get(t, &in));
	ck_assert_int_eq(airs_tools_row(t, in.rows, &o), AIRS_ERANGE);
	ck_assert_int_eq(airs_tools_row(NULL, 0, &o), AIRS_EINVAL);
	ck_assert_int_eq(airs_tools_write(t, 9, to_file, stdout, NULL),
	                 AIRS_EINVAL);
	ck_assert_str_eq(airs_tool_signal_name(AIRS_TOOL_SIGNAL_SHADOW), "shadow");
	OK(airs_tool_kind_parse("ALL_TOOLS", 9, &v));
	ck_assert_int_eq(v, AIRS_TOOL_KIND_ALL);
	ck_assert_int_eq(airs_tool_scope_parse("team", 4, &v), AIRS_EPARSE);
	airs_tools_free(t);
	airs_tools_free(NULL);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("tools");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, worked_example_chat);
	tcase_add_test(tc, worked_example_groups);
	tcase_add_test(tc, worked_example_anonymity);
	tcase_add_test(tc, invariants_hold);
	tcase_add_test(tc, row_order_and_threads_change_nothing);
	tcase_add_test(tc, employees_in_runs_change_nothing);
	tcase_add_test(tc, unused_tool_changes_nothing);
	tcase_add_test(tc, baseline_needs_k_people);
	tcase_add_test(tc, bad_arguments);
	suite_add_tcase(s, tc);
	return s;
}

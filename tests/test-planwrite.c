/*
 * Plan exports: the worked plans of docs/methodology.md section 8 as exact
 * CSV, JSON that parses, provenance, byte-identical output whatever the
 * row order, and writer failures.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/airs.h"

#include "harness.h"
#include "json-check.h"
#include "plan-example.h"

struct buf {
	char *p;
	size_t n, cap;
	int calls;
	int fail_at;     /* fail the fail_at-th call (1-based); 0 never */
};

static int collect(const void *data, size_t len, void *user)
{
	struct buf *b = user;

	b->calls++;
	if (b->fail_at && b->calls == b->fail_at)
		return 1;
	ck_assert_uint_le(len, 4096);
	if (b->n + len + 1 > b->cap) {
		b->cap = (b->n + len + 1) * 2;
		b->p = realloc(b->p, b->cap);
		ck_assert_ptr_nonnull(b->p);
	}
	memcpy(b->p + b->n, data, len);
	b->n += len;
	b->p[b->n] = '\0';
	return 0;
}

static char *done(struct buf *b)
{
	if (!b->p)
		b->p = calloc(1, 1);
	return b->p;
}

/* A personal plan written whole (caller frees). */
static char *plan_text(const airs_plan *pl, int output)
{
	struct buf b = { 0 };
	airs_diag d = AIRS_DIAG_INIT;

	ck_assert_msg(airs_plan_write(pl, output, collect, &b, &d) == AIRS_OK,
	              "%s", d.text);
	return done(&b);
}

static char *org_text(const airs_org_plan *op, int table, int output)
{
	struct buf b = { 0 };
	airs_diag d = AIRS_DIAG_INIT;

	ck_assert_msg(airs_org_plan_write(op, table, output, collect, &b, &d) ==
	              AIRS_OK, "%s", d.text);
	return done(&b);
}

static airs_plan *plan_of(const airs_result *r, const char *id, double hours)
{
	airs_plan_options o = AIRS_PLAN_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_plan *pl;
	size_t i;

	ck_assert_int_eq(airs_result_find_employee(r, id, &i), AIRS_OK);
	o.budget_hours = hours;
	ck_assert_msg(airs_plan_employee(r, i, &o, &pl, &d) == AIRS_OK, "%s", d.text);
	return pl;
}

static airs_org_plan *org_of(const airs_result *r, double hours)
{
	airs_plan_options o = AIRS_PLAN_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_org_plan *op;

	o.budget_hours = hours;
	ck_assert_msg(airs_plan_org(r, &o, &op, &d) == AIRS_OK, "%s", d.text);
	return op;
}

/* ------------------------------------------------------------------------
 * The worked plans of section 8, exactly
 * ---------------------------------------------------------------------- */

#define STEP_HEADER "employee_id,step,kind,intervention,adkar,skill_id," \
	"course_id,hours,cost,level_before,level_after,uplift,reason," \
	"practice_hours,adkar_source,adkar_unit_id\n"

static const char e2_csv[] =
	STEP_HEADER
	"E2,1,course,,knowledge,data,C-DATA,6,100,0,1.896361676,16.856548235,"
	"closes 1.9 of the 2.0-level gap in data required for Analyst,0,,\n"
	"E2,2,course,,knowledge,prompting,C-PROMPT,8,100,2,3.070242805,"
	"11.851851852,closes 1.0 of the 1.0-level gap in prompting required "
	"for Analyst,0,,\n"
	"E2,3,intervention,practice,ability,,,1,0,,,0,\"ability is the barrier "
	"point (2.0 of 5): a guided practice project or mentoring, to put the "
	"skills to use\",0,person,\n";

static const char e3_csv[] =
	STEP_HEADER
	"E3,1,course,,knowledge,data,C-DATA,6,100,0,1.896361676,16.856548235,"
	"closes 1.9 of the 2.0-level gap in data required for Analyst,0,,\n"
	"E3,2,course,,knowledge,prompting,C-PROMPT,8,100,0,1.070242805,"
	"12.684359167,closes 1.1 of the 3.0-level gap in prompting required "
	"for Analyst,0,,\n"
	"E3,3,intervention,practice,ability,,,1,0,,,0,\"ability is the barrier "
	"point (1.0 of 5): a guided practice project or mentoring, to put the "
	"skills to use\",0,person,\n";

START_TEST(worked_personal_plans_csv)
{
	airs_model *m = build(0);
	airs_result *r = score(m, 0);
	const char *ids[] = { "E1", "E2", "E3" };
	const char *want[] = { STEP_HEADER, e2_csv, e3_csv };
	int k;

	for (k = 0; k < 3; k++) {
		airs_plan *pl = plan_of(r, ids[k], 16);
		char *csv = plan_text(pl, AIRS_OUTPUT_CSV);
		ck_assert_str_eq(csv, want[k]);
		free(csv);
		airs_plan_free(pl);
	}
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(worked_personal_plan_json)
{
	airs_model *m = build(0);
	airs_result *r = score(m, 0);
	airs_plan *pl = plan_of(r, "E3", 16);
	airs_provenance p = AIRS_PROVENANCE_INIT, q = AIRS_PROVENANCE_INIT;
	char *json = plan_text(pl, AIRS_OUTPUT_JSON), line[200];

	ck_assert(json_valid(json));
	ck_assert_ptr_nonnull(strstr(json, "\"schema\": \"airs-plan/1\""));
	ck_assert_ptr_nonnull(strstr(json, "\"plan\": {\"employee_id\": \"E3\", "
	                                   "\"budget_hours\": 16, \"budget_cost\": 0, "
	                                   "\"hours\": 15, \"cost\": 200, "
	                                   "\"readiness\": null, \"projected\": 29.540907402, "
	                                   "\"level\": null, \"projected_level\": null, "
	                                   "\"target\": 3, \"barrier\": \"ability\", "
	                                   "\"exact\": true, \"bound\": 1, "
	                                   "\"reachable\": false, \"target_hours\": null, "
	                                   "\"target_weeks\": null, "
	                                   "\"reduced\": false, \"why\": null, "
	                                   "\"missing_skills\": []}"));
	/* the same provenance as the result it was made from */
	ck_assert_int_eq(airs_plan_provenance(pl, &p), AIRS_OK);
	ck_assert_int_eq(airs_result_provenance(r, &q), AIRS_OK);
	ck_assert_str_eq(p.params_digest, q.params_digest);
	ck_assert_str_eq(p.input_digest, q.input_digest);
	ck_assert_int_eq(p.as_of, q.as_of);
	snprintf(line, sizeof line, "\"input_digest\": \"%s\"", q.input_digest);
	ck_assert_ptr_nonnull(strstr(json, line));
	ck_assert_ptr_nonnull(strstr(json, "\"as_of\": \"2026-06-30\""));
	ck_assert_ptr_nonnull(strstr(json, "\"methodology_version\": \"" AIRS_METHODOLOGY_VERSION "\""));
	free(json);
	airs_plan_free(pl);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

/* Section 8.7: 20 hours for the three analysts, efficiency. */
static const char groups_csv[] =
	"scope,unit_id,parent_id,depth,budget_hours,headcount,scored,planned,"
	"hours,cost,readiness_mean,projected_mean,level_unknown,level_1,level_2,"
	"level_3,level_4,level_5,projected_level_unknown,projected_level_1,"
	"projected_level_2,projected_level_3,projected_level_4,projected_level_5,"
	"with_target,gap_mean,below_target_share,projected_below_target_share,"
	"weeks_max,weeks_median,unreachable,reduced\n"
	/* E3 has no readiness or level, before or after (methodology 1.1) */
	"unit,ORG,,0,,3,2,2,14,200,65.233671171,73.661945289,1,0,1,0,0,1,1,0,0,"
	"1,0,1,2,0,0.5,0.5,3.5,3.5,0,0\n"
	"unit,TEAM-A,ORG,1,,2,2,1,7,100,65.233671171,73.661945289,0,0,1,0,0,1,"
	"0,0,0,1,0,1,2,0,0.5,0.5,3.5,3.5,0,0\n"
	"unit,TEAM-B,ORG,1,,1,0,1,7,100,,,1,0,0,0,0,0,1,0,0,0,0,0,0,,,,,,0,0\n"
	"organisation,,,,20,3,2,2,14,200,65.233671171,73.661945289,1,0,1,0,0,1,"
	"1,0,0,1,0,1,2,0,0.5,0.5,3.5,3.5,0,0\n";

static const char allocations_csv[] =
	"employee_id,unit_id,hours,intervention_hours,cost,courses,readiness,"
	"projected,reachable,target_weeks\n"
	"E1,TEAM-A,0,0,0,0,91.25,91.25,1,0\n"
	"E2,TEAM-A,7,1,100,1,39.217342342,56.073890578,1,3.5\n"
	"E3,TEAM-B,7,1,100,1,,16.856548235,0,\n";

static const char steps_csv[] =
	"employee_id,step,course_id,skill_id,hours,practice_hours,cost\n"
	"E2,1,C-DATA,data,6,0,100\n"
	"E3,1,C-DATA,data,6,0,100\n";

static const char cohorts_csv[] =
	"scope,unit_id,course_id,skill_id,employees,planned\n"
	"unit,ORG,C-DATA,data,2,2\n"
	"unit,ORG,C-PROMPT,prompting,2,0\n"
	"unit,TEAM-A,C-DATA,data,1,1\n"
	"unit,TEAM-A,C-PROMPT,prompting,1,0\n"
	"unit,TEAM-B,C-DATA,data,1,1\n"
	"unit,TEAM-B,C-PROMPT,prompting,1,0\n"
	"organisation,,C-DATA,data,2,2\n"
	"organisation,,C-PROMPT,prompting,2,0\n";

START_TEST(worked_org_plan_csv)
{
	airs_model *m = build(0);
	airs_result *r = score(m, 0);
	airs_org_plan *op = org_of(r, 20);
	const char *want[] = { groups_csv, allocations_csv, steps_csv, cohorts_csv };
	airs_provenance q = AIRS_PROVENANCE_INIT;
	char *text, prov[1024];
	int t;

	for (t = AIRS_PLAN_TABLE_GROUPS; t <= AIRS_PLAN_TABLE_COHORTS; t++) {
		text = org_text(op, t, AIRS_OUTPUT_CSV);
		ck_assert_msg(!strcmp(text, want[t]), "table %s:\n%s",
		              airs_plan_table_name(t), text);
		free(text);
	}
	ck_assert_int_eq(airs_result_provenance(r, &q), AIRS_OK);
	snprintf(prov, sizeof prov,
	         "key,value\nschema,airs-org-plan/1\nlibrary_version,%s\n"
	         "methodology_version,%s\nas_of,2026-06-30\nas_of_rule,given\n"
	         "as_of_left_out,0\nsurvey_start,2026-06-01\n"
	         "survey_end,2026-06-30\nsurvey_wave_id,\nsurvey_answers,8\n"
	         "survey_answers_outside,0\nparams_digest,%s\n"
	         "input_digest,%s\nstrategy,efficiency\nbudget_hours,20\n"
	         "budget_cost,0\nmax_hours_per_employee,0\n",
	         airs_version(), AIRS_METHODOLOGY_VERSION, q.params_digest,
	         q.input_digest);
	text = org_text(op, AIRS_PLAN_TABLE_PROVENANCE, AIRS_OUTPUT_CSV);
	ck_assert_str_eq(text, prov);
	free(text);

	for (t = 0; t <= AIRS_PLAN_TABLE_ALL; t++) {
		text = org_text(op, t, AIRS_OUTPUT_JSON);
		ck_assert_msg(json_valid(text), "table %s", airs_plan_table_name(t));
		free(text);
	}
	text = org_text(op, AIRS_PLAN_TABLE_ALL, AIRS_OUTPUT_JSON);
	ck_assert_ptr_nonnull(strstr(text, "{\"employee_id\": \"E2\", \"unit_id\": "
	                                   "\"TEAM-A\", \"hours\": 7, "
	                                   "\"intervention_hours\": 1, \"cost\": 100, "
	                                   "\"courses\": 1, \"readiness\": 39.217342342, "
	                                   "\"projected\": 56.073890578, "
	                                   "\"reachable\": true, \"target_weeks\": 3.5, "
	                                   "\"steps\": [{\"step\": 1, \"course_id\": "
	                                   "\"C-DATA\", \"skill_id\": \"data\", "
	                                   "\"hours\": 6, \"practice_hours\": 0, \"cost\": 100}]}"));
	free(text);
	airs_org_plan_free(op);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

/* ------------------------------------------------------------------------
 * Determinism and failures
 * ---------------------------------------------------------------------- */

START_TEST(identical_bytes_whatever_the_row_order)
{
	airs_model *m0 = build(0);
	airs_result *r0 = score(m0, 1);
	airs_org_plan *op0 = org_of(r0, 20);
	unsigned seed;

	for (seed = 1; seed < 7; seed++) {
		airs_model *m = build(seed);
		airs_result *r = score(m, 1);
		airs_org_plan *op = org_of(r, 20);
		const char *ids[] = { "E1", "E2", "E3" };
		int t, o, k;
		for (t = 0; t <= AIRS_PLAN_TABLE_ALL; t++)
			for (o = 0; o <= (t == AIRS_PLAN_TABLE_ALL ? 0 : 1); o++) {
				char *a = org_text(op0, t, o), *b = org_text(op, t, o);
				ck_assert_msg(!strcmp(a, b), "seed %u table %s output %d differs",
				              seed, airs_plan_table_name(t), o);
				free(a);
				free(b);
			}
		for (k = 0; k < 3; k++)
			for (o = 0; o <= 1; o++) {
				airs_plan *p0 = plan_of(r0, ids[k], 16), *p = plan_of(r, ids[k], 16);
				char *a = plan_text(p0, o), *b = plan_text(p, o);
				ck_assert_msg(!strcmp(a, b), "seed %u plan %s output %d differs",
				              seed, ids[k], o);
				if (o == AIRS_OUTPUT_JSON)
					ck_assert(json_valid(b));
				free(a);
				free(b);
				airs_plan_free(p0);
				airs_plan_free(p);
			}
		airs_org_plan_free(op);
		airs_result_free(r);
		airs_model_free(m);
	}
	airs_org_plan_free(op0);
	airs_result_free(r0);
	airs_model_free(m0);
}
END_TEST

START_TEST(writer_failure_and_bad_arguments)
{
	airs_model *m = build(0);
	airs_result *r = score(m, 0);
	airs_org_plan *op = org_of(r, 20);
	airs_plan *pl = plan_of(r, "E2", 16);
	airs_diag d = AIRS_DIAG_INIT;
	struct buf b = { 0 };
	int calls, k;

	ck_assert_int_eq(airs_org_plan_write(op, AIRS_PLAN_TABLE_ALL,
	                                     AIRS_OUTPUT_JSON, collect, &b, NULL),
	                 AIRS_OK);
	calls = b.calls;
	ck_assert_int_gt(calls, 1);
	for (k = 1; k <= calls; k++) {
		free(b.p);
		memset(&b, 0, sizeof b);
		b.fail_at = k;
		ck_assert_int_eq(airs_org_plan_write(op, AIRS_PLAN_TABLE_ALL,
		                                     AIRS_OUTPUT_JSON, collect, &b, &d),
		                 AIRS_EIO);
		ck_assert_int_eq(b.calls, k); /* nothing more after the failure */
		ck_assert_int_eq(d.status, AIRS_EIO);
		ck_assert_str_eq(d.text, "the writer failed");
	}
	free(b.p);
	memset(&b, 0, sizeof b);
	b.fail_at = 1;
	ck_assert_int_eq(airs_plan_write(pl, AIRS_OUTPUT_CSV, collect, &b, &d),
	                 AIRS_EIO);
	ck_assert_int_eq(b.calls, 1);
	ck_assert_int_eq(airs_plan_write(pl, AIRS_OUTPUT_JSON, collect, &b, &d),
	                 AIRS_OK); /* calls 2, 3, ... succeed */
	b.calls = 0;

	ck_assert_int_eq(airs_plan_write(NULL, 0, collect, &b, &d), AIRS_EINVAL);
	ck_assert_int_eq(airs_plan_write(pl, 0, NULL, &b, &d), AIRS_EINVAL);
	ck_assert_int_eq(airs_plan_write(pl, 2, collect, &b, &d), AIRS_EINVAL);
	ck_assert_int_eq(airs_org_plan_write(NULL, 0, 0, collect, &b, &d), AIRS_EINVAL);
	ck_assert_int_eq(airs_org_plan_write(op, -1, 0, collect, &b, &d), AIRS_EINVAL);
	ck_assert_int_eq(airs_org_plan_write(op, 6, 0, collect, &b, &d), AIRS_EINVAL);
	ck_assert_int_eq(airs_org_plan_write(op, 0, 2, collect, &b, &d), AIRS_EINVAL);
	ck_assert_int_eq(airs_org_plan_write(op, AIRS_PLAN_TABLE_ALL, AIRS_OUTPUT_CSV,
	                                     collect, &b, &d), AIRS_EINVAL);
	ck_assert_ptr_nonnull(strstr(d.text, "JSON document"));
	d.size = 1;
	ck_assert_int_eq(airs_plan_write(pl, 0, collect, &b, &d), AIRS_EINVAL);
	ck_assert_int_eq(b.calls, 0); /* no call was made by the refusals */
	ck_assert_int_eq(airs_plan_provenance(NULL, NULL), AIRS_EINVAL);
	ck_assert_int_eq(airs_org_plan_provenance(op, NULL), AIRS_EINVAL);

	ck_assert_str_eq(airs_plan_table_name(AIRS_PLAN_TABLE_GROUPS), "groups");
	ck_assert_str_eq(airs_plan_table_name(AIRS_PLAN_TABLE_STEPS), "steps");
	ck_assert_str_eq(airs_plan_table_name(AIRS_PLAN_TABLE_ALL), "all");
	ck_assert_ptr_null(airs_plan_table_name(6));
	ck_assert_ptr_null(airs_plan_table_name(-1));
	free(b.p);
	airs_plan_free(pl);
	airs_org_plan_free(op);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

/* The bias-audit vector of an org plan (issue 6): selected and hours in
 * result order. */
START_TEST(outcome_vectors)
{
	airs_model *m = build(0);
	airs_result *r = score(m, 0);
	airs_org_plan *op = org_of(r, 20);
	double v[3];

	ck_assert_int_eq(airs_org_plan_outcome(op, AIRS_PLAN_OUTCOME_SELECTED, v, 3),
	                 AIRS_OK);
	ck_assert_double_eq(v[0], 0);
	ck_assert_double_eq(v[1], 1);
	ck_assert_double_eq(v[2], 1);
	ck_assert_int_eq(airs_org_plan_outcome(op, AIRS_PLAN_OUTCOME_HOURS, v, 3),
	                 AIRS_OK);
	ck_assert_double_eq(v[0], 0);
	ck_assert_double_eq(v[1], 7);
	ck_assert_double_eq(v[2], 7);
	ck_assert_int_eq(airs_org_plan_outcome(op, 0, v, 3), AIRS_EINVAL);
	ck_assert_int_eq(airs_org_plan_outcome(op, AIRS_PLAN_OUTCOME_HOURS, v, 2),
	                 AIRS_EINVAL);
	ck_assert_int_eq(airs_org_plan_outcome(op, AIRS_PLAN_OUTCOME_HOURS, NULL, 3),
	                 AIRS_EINVAL);
	ck_assert_int_eq(airs_org_plan_outcome(NULL, AIRS_PLAN_OUTCOME_HOURS, v, 3),
	                 AIRS_EINVAL);
	airs_org_plan_free(op);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("planwrite");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, worked_personal_plans_csv);
	tcase_add_test(tc, worked_personal_plan_json);
	tcase_add_test(tc, worked_org_plan_csv);
	tcase_add_test(tc, identical_bytes_whatever_the_row_order);
	tcase_add_test(tc, writer_failure_and_bad_arguments);
	tcase_add_test(tc, outcome_vectors);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * A program written against airs 1.1.0: compiled against the published
 * 1.1 headers (abi/1.1/include, never include/) and run against the
 * library just built, it calls every function of the AIRS_1.1 symbol node
 * (tests/check-abi.py checks that none is missing) with 1.1's structs and
 * checks what 1.1 documented.  With test-abi-1.0.c, the promise of
 * docs/abi-policy.md made executable: a 1.1 program runs unchanged
 * against every later 1.x.
 *
 * Its checks are relations 1.1 documents (a total is the sum of its
 * parts, a name parses back to its value), not figures of the sample,
 * so that the sample can grow without this program changing.
 *
 *     test-abi-1.1 SAMPLE_DIR
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <airs/airs.h>

#if AIRS_VERSION_NUMBER != 10100
#error "this test must be compiled against the 1.1 headers"
#endif

static int failures;

#define CHECK(cond)                                                     \
	do {                                                            \
		if (!(cond)) {                                          \
			fprintf(stderr, "%s:%d: %s\n", __FILE__,        \
			        __LINE__, #cond);                       \
			failures++;                                     \
		}                                                       \
	} while (0)
#define OK(call) CHECK((call) == AIRS_OK)

/* name(i) parses back to i, for the first n values. */
#define ROUND_TRIP(name, parse, n)                                      \
	do {                                                            \
		int i_, v_;                                             \
		for (i_ = 0; i_ < (n); i_++) {                          \
			const char *s_ = name(i_);                      \
			CHECK(s_ != NULL);                              \
			if (!s_)                                        \
				continue;                               \
			v_ = -1;                                        \
			OK(parse(s_, strlen(s_), &v_));                 \
			CHECK(v_ == i_);                                \
		}                                                       \
		CHECK(parse("no such name", 12, &v_) == AIRS_EPARSE);   \
	} while (0)

static int count_bytes(const void *data, size_t len, void *user)
{
	(void)data;
	*(size_t *)user += len;
	return 0;
}

struct text {
	char *p;
	size_t n, cap;
};

static int collect(const void *data, size_t len, void *user)
{
	struct text *t = user;
	char *p;

	if (t->n + len + 1 > t->cap) {
		t->cap = (t->n + len + 1) * 2;
		if (!(p = realloc(t->p, t->cap)))
			return 1;
		t->p = p;
	}
	memcpy(t->p + t->n, data, len);
	t->n += len;
	t->p[t->n] = '\0';
	return 0;
}

/* Every name table 1.1 added, and the parsers of 1.0's names. */
static void names(void)
{
	int v;

	ROUND_TRIP(airs_adkar_name, airs_adkar_parse, AIRS_ADKAR_COUNT_);
	ROUND_TRIP(airs_adkar_source_name, airs_adkar_source_parse,
	           AIRS_ADKAR_SOURCE_COUNT_);
	ROUND_TRIP(airs_as_of_rule_name, airs_as_of_rule_parse, 3);
	ROUND_TRIP(airs_barrier_name, airs_barrier_parse, 2);
	ROUND_TRIP(airs_column_name, airs_column_parse, AIRS_COLUMN_COUNT_);
	ROUND_TRIP(airs_component_name, airs_component_parse,
	           AIRS_COMPONENT_COUNT_);
	ROUND_TRIP(airs_construct_name, airs_construct_parse,
	           AIRS_CONSTRUCT_COUNT_);
	ROUND_TRIP(airs_driver_name, airs_driver_parse, AIRS_DRIVER_COUNT_);
	ROUND_TRIP(airs_drivers_status_name, airs_drivers_status_parse, 3);
	ROUND_TRIP(airs_entity_name, airs_entity_parse, AIRS_ENTITY_COUNT_);
	ROUND_TRIP(airs_evidence_name, airs_evidence_parse,
	           AIRS_EVIDENCE_COUNT_);
	for (v = 1; v < 1 << AIRS_FLAG_BITS_; v <<= 1) {  /* a flag is a bit */
		int f = 0;

		OK(airs_flag_parse(airs_flag_name(v), strlen(airs_flag_name(v)),
		                   &f));
		CHECK(f == v);
	}
	ROUND_TRIP(airs_input_name, airs_input_parse, AIRS_INPUT_COUNT_);
	ROUND_TRIP(airs_intervention_name, airs_intervention_parse,
	           AIRS_INTERVENTION_COUNT_);
	ROUND_TRIP(airs_outcome_name, airs_outcome_parse, AIRS_OUTCOME_COUNT_);
	ROUND_TRIP(airs_plan_table_name, airs_plan_table_parse, 2);
	ROUND_TRIP(airs_step_kind_name, airs_step_kind_parse, 2);
	ROUND_TRIP(airs_strategy_name, airs_strategy_parse, 3);
	ROUND_TRIP(airs_table_name, airs_table_parse, 2);
	ROUND_TRIP(airs_tool_kind_name, airs_tool_kind_parse, 3);
	ROUND_TRIP(airs_tool_scope_name, airs_tool_scope_parse, 3);
	/* a signal is a bit */
	CHECK(airs_tool_signal_name(AIRS_TOOL_SIGNAL_SHADOW) != NULL);
	OK(airs_tool_signal_parse("lapsing", 7, &v));
	CHECK(v == AIRS_TOOL_SIGNAL_LAPSING);
	CHECK(!strcmp(airs_tool_signal_name(v), "lapsing"));
}

/* Tools as records, and how the as-of date would be chosen. */
static void model_api(void)
{
	airs_model *m = NULL;
	airs_unit_rec u = AIRS_UNIT_REC_INIT;
	airs_employee_rec e = AIRS_EMPLOYEE_REC_INIT;
	airs_role_rec ro = AIRS_ROLE_REC_INIT;
	airs_tool_rec t = AIRS_TOOL_REC_INIT, got = AIRS_TOOL_REC_INIT;
	airs_usage_rec us = AIRS_USAGE_REC_INIT;
	airs_as_of_info ai = AIRS_AS_OF_INFO_INIT;


	OK(airs_model_new(&m, NULL));
	u.id = "U"; u.name = "Unit";
	OK(airs_model_add_unit(m, &u));
	ro.id = "R"; ro.name = "Role";
	OK(airs_model_add_role(m, &ro));
	e.id = "E1"; e.unit_id = "U"; e.role_id = "R";
	OK(airs_model_add_employee(m, &e));
	t.id = "chat"; t.name = "Chat assistant"; t.category = "assistant";
	OK(airs_month_parse("2026-01", 7, &t.available_from));
	OK(airs_model_add_tool(m, &t));
	t.id = "shadow"; t.name = "Unapproved"; t.unsanctioned = 1;
	t.available_from = 0;
	OK(airs_model_add_tool(m, &t));
	CHECK(airs_model_add_tool(m, &t) == AIRS_EEXIST);
	us.employee_id = "E1"; us.tool_id = "chat"; us.active_days = 4;
	OK(airs_month_parse("2026-04", 7, &us.period));
	OK(airs_model_add_usage(m, &us));
	OK(airs_model_finish(m));
	OK(airs_model_get_tool(m, 0, &got));
	CHECK(!strcmp(got.id, "chat") && !strcmp(got.name, "Chat assistant"));
	CHECK(got.available_from == t.available_from || got.available_from > 0);
	OK(airs_model_get_tool(m, 1, &got));
	CHECK(!strcmp(got.id, "shadow") && got.unsanctioned == 1);
	CHECK(airs_model_get_tool(m, 2, &got) == AIRS_ERANGE);
	OK(airs_model_as_of(m, NULL, &ai, NULL, NULL));
	CHECK(ai.rule == AIRS_AS_OF_EVIDENCE && ai.as_of >= ai.latest);
	CHECK(ai.evidence >= 1 && ai.left_out == 0);
	airs_model_free(m);
}

static void tools_api(const airs_result *r)
{
	airs_tools *t = NULL;
	airs_tools_info ti = AIRS_TOOLS_INFO_INIT;
	airs_tool_row row = AIRS_TOOL_ROW_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	size_t i, bytes = 0, org_all = 0;

	OK(airs_result_tools(r, &t, &d));
	OK(airs_tools_info_get(t, &ti));
	CHECK(ti.rows == ti.groups * ti.kinds && ti.kinds >= ti.tools + 1);
	for (i = 0; i < ti.rows; i++) {
		OK(airs_tools_row(t, i, &row));
		CHECK(row.users == AIRS_SUPPRESSED ||
		      row.users <= row.headcount);
		if (row.scope == AIRS_TOOL_SCOPE_ORGANISATION &&
		    row.kind == AIRS_TOOL_KIND_ALL)
			org_all++;
	}
	CHECK(org_all == 1);
	CHECK(airs_tools_row(t, ti.rows, &row) == AIRS_ERANGE);
	OK(airs_tools_write(t, AIRS_OUTPUT_CSV, count_bytes, &bytes, &d));
	CHECK(bytes > 100);
	airs_tools_free(t);
}

static void drivers_api(const airs_result *r)
{
	airs_drivers *dr = NULL;
	airs_drivers_options o = AIRS_DRIVERS_OPTIONS_INIT;
	airs_drivers_group g = AIRS_DRIVERS_GROUP_INIT;
	airs_driver_weight w = AIRS_DRIVER_WEIGHT_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	size_t j, bytes = 0;
	double sum = 0;

	o.outcome = AIRS_OUTCOME_ADOPTION;
	o.reps = 50;
	o.seed = 7;
	o.threads = 1;
	OK(airs_drivers_new(r, &o, &dr, &d));
	CHECK(airs_drivers_outcome(dr) == AIRS_OUTCOME_ADOPTION);
	CHECK(airs_drivers_count(dr) >= 1);
	OK(airs_drivers_unit(dr, AIRS_ROLLUP_ORG, &g));
	CHECK(g.unit_id == NULL && g.status == AIRS_DRIVERS_ANALYSED);
	CHECK(g.n >= g.min_n && g.r2 >= 0 && g.r2 <= 1 && g.reps == 50);
	for (j = 0; j < AIRS_DRIVER_COUNT_; j++) {
		OK(airs_drivers_weight(dr, AIRS_ROLLUP_ORG, j, &w));
		CHECK(w.driver == (int)j && w.raw >= 0);
		sum += w.raw;
	}
	/* Johnson's raw weights add up to R^2 */
	CHECK(fabs(sum - g.r2) < 1e-9);
	CHECK(airs_drivers_weight(dr, AIRS_ROLLUP_ORG, AIRS_DRIVER_COUNT_, &w)
	      == AIRS_ERANGE);
	OK(airs_drivers_write(dr, AIRS_ROLLUP_ORG, AIRS_OUTPUT_JSON,
	                      count_bytes, &bytes, &d));
	CHECK(bytes > 100);
	airs_drivers_free(dr);
}

static void rollup_api(const airs_result *r)
{
	struct text t = { 0, 0, 0 };
	airs_rollup *a = NULL;
	airs_unit_score org = AIRS_UNIT_SCORE_INIT, back = AIRS_UNIT_SCORE_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_params *p = NULL;

	OK(airs_params_new(&p, NULL));
	OK(airs_rollup_write(airs_result_rollup(r), collect, &t));
	OK(airs_rollup_read_v2(&a, t.p, t.n, p, NULL, &d));
	OK(airs_rollup_org(airs_result_rollup(r), &org));
	OK(airs_rollup_org(a, &back));
	CHECK(org.headcount == back.headcount);
	CHECK(org.readiness_mean == back.readiness_mean);
	airs_rollup_free(a);
	/* other parameters than the partial's are refused */
	OK(airs_params_set(p, "anonymity.min_group", "9"));
	a = NULL;
	CHECK(airs_rollup_read_v2(&a, t.p, t.n, p, NULL, &d) ==
	      AIRS_EMISMATCH);
	CHECK(a == NULL);
	airs_params_free(p);
	free(t.p);
}

static void result_api(const airs_model *m, const airs_result *r)
{
	airs_as_of_info ai = AIRS_AS_OF_INFO_INIT;
	airs_coverage c = AIRS_COVERAGE_INIT, cu = AIRS_COVERAGE_INIT;
	airs_export_options eo = AIRS_EXPORT_OPTIONS_INIT;
	airs_unit_score u0 = AIRS_UNIT_SCORE_INIT;
	airs_plan_cohort co = AIRS_PLAN_COHORT_INIT, prev = AIRS_PLAN_COHORT_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	double sent[16];
	size_t n = airs_result_employee_count(r), i, count = 0, all = 0,
	       part = 0;
	char why[512];

	OK(airs_result_as_of_info(r, &ai));
	CHECK(ai.as_of == airs_result_as_of(r));
	OK(airs_result_coverage(r, NULL, &c));
	CHECK(c.employees == n);
	CHECK(c.insufficient == c.no_requirements + c.no_skill_assessment +
	                        c.few_skills_assessed + c.no_component);
	CHECK(c.inputs >> AIRS_INPUT_RESPONSES & 1);
	/* the last unit in tree order is a leaf: a part of the whole */
	OK(airs_rollup_unit(airs_result_rollup(r),
	                    airs_rollup_unit_count(airs_result_rollup(r)) - 1,
	                    &u0));
	OK(airs_result_coverage(r, u0.id, &cu));
	CHECK(cu.employees == u0.headcount && cu.employees <= c.employees);
	CHECK(airs_result_coverage(r, "no such unit", &cu) != AIRS_OK);
	CHECK(airs_result_evidence_text(r, 0, why, sizeof why) > 0);
	CHECK(strlen(why) > 0);
	CHECK(airs_result_evidence_text(r, n, why, sizeof why) == 0);
	/* individual answers stay private by default */
	CHECK(airs_result_sentiment_v2(r, 0, sent, 16, &count) ==
	      AIRS_EPRIVACY);
	/* cohorts: most employees first */
	for (i = 0; i < airs_result_cohort_count(r); i++) {
		OK(airs_result_cohort(r, i, &co));
		CHECK(co.planned == 0 && co.course_id != NULL);
		CHECK(i == 0 || co.employees <= prev.employees);
		prev = co;
	}
	CHECK(airs_result_cohort(r, i, &co) == AIRS_ERANGE);
	OK(airs_result_write_v2(r, AIRS_TABLE_EMPLOYEES, AIRS_OUTPUT_CSV, NULL,
	                        count_bytes, &all, &d));
	eo.unit_id = u0.id;
	OK(airs_result_write_v2(r, AIRS_TABLE_EMPLOYEES, AIRS_OUTPUT_CSV, &eo,
	                        count_bytes, &part, &d));
	CHECK(part > 0 && part < all);
	(void)m;
}

static void score_api(const airs_model *m)
{
	airs_score_options so = AIRS_SCORE_OPTIONS_INIT;
	airs_result *r = NULL, *r1 = NULL;
	airs_diag d = AIRS_DIAG_INIT;
	size_t a = 0, b = 0;

	so.threads = 1;
	OK(airs_score_v2(m, NULL, &so, &r1, &d));
	OK(airs_score_v2(m, NULL, NULL, &r, &d));
	/* the thread count changes nothing */
	OK(airs_result_write_v2(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON, NULL,
	                        count_bytes, &a, &d));
	OK(airs_result_write_v2(r1, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON, NULL,
	                        count_bytes, &b, &d));
	CHECK(a == b && a > 10000);
	result_api(m, r);
	rollup_api(r);
	tools_api(r);
	drivers_api(r);
	airs_result_free(r1);
	airs_result_free(r);
}

int main(int argc, char **argv)
{
	airs_model *m = NULL;
	airs_load_options lo = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;

	if (argc != 2) {
		fputs("usage: test-abi-1.1 SAMPLE_DIR\n", stderr);
		return 2;
	}
	names();
	model_api();
	OK(airs_model_new(&m, NULL));
	lo.threads = 1;
	OK(airs_load_dir(m, argv[1], &lo, &d));
	OK(airs_model_finish(m));
	score_api(m);
	airs_model_free(m);
	if (failures)
		fprintf(stderr, "%d checks failed\n", failures);
	return failures ? 1 : 0;
}

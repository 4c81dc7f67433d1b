/*
 * A program written against airs 1.0.0: compiled against the published
 * 1.0 headers (abi/1.0/include, never include/) and run against the
 * library just built, it calls every function of the AIRS_1.0 symbol node
 * (tests/check-abi-1.0.py checks that none is missing) with 1.0's structs
 * and checks what 1.0 documented.  It is the promise of docs/abi-policy.md
 * made executable: a 1.0 program runs unchanged against every 1.x.
 *
 *     test-abi-1.0 SAMPLE_DIR
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <airs/airs.h>

#if AIRS_VERSION_NUMBER != 10000
#error "this test must be compiled against the 1.0 headers"
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

static size_t diags;
static void on_diag(const airs_diag *d, void *user)
{
	(void)d;
	(void)user;
	diags++;
}

static int count_bytes(const void *data, size_t len, void *user)
{
	(void)data;
	*(size_t *)user += len;
	return 0;
}

static void dates_and_names(void)
{
	airs_date d;
	airs_month mo;
	char b[11], mb[8];
	int y, m, day, v;

	OK(airs_date_parse("2026-06-30", 10, &d));
	OK(airs_date_from_ymd(2026, 6, 30, &v));
	CHECK(v == d);
	airs_date_to_ymd(d, &y, &m, &day);
	CHECK(y == 2026 && m == 6 && day == 30);
	CHECK(airs_date_format(d, b) == 10 && !strcmp(b, "2026-06-30"));
	OK(airs_month_parse("2026-06", 7, &mo));
	CHECK(airs_month_format(mo, mb) == 7 && !strcmp(mb, "2026-06"));
	CHECK(!strcmp(airs_strerror(AIRS_EPRIVACY), "would disclose protected data"));
	CHECK(airs_version_number() >= 10000 && airs_version() != NULL);
	CHECK(!strcmp(airs_entity_name(AIRS_ENTITY_USAGE), "usage"));
	CHECK(!strcmp(airs_source_name(AIRS_SOURCE_TEST), "test"));
	OK(airs_source_parse("Manager", 7, &v));
	CHECK(v == AIRS_SOURCE_MANAGER);
	CHECK(!strcmp(airs_format_name(AIRS_FORMAT_DEMO), "demo"));
	OK(airs_format_parse("workshop", 8, &v));
	CHECK(v == AIRS_FORMAT_WORKSHOP);
	CHECK(!strcmp(airs_training_status_name(AIRS_TRAINING_PLANNED), "planned"));
	OK(airs_training_status_parse("in_progress", 11, &v));
	CHECK(v == AIRS_TRAINING_IN_PROGRESS);
	CHECK(!strcmp(airs_component_name(AIRS_COMPONENT_ADOPTION), "adoption"));
	CHECK(!strcmp(airs_adkar_name(AIRS_ADKAR_DESIRE), "desire"));
	CHECK(!strcmp(airs_barrier_name(AIRS_BARRIER_NONE), "none"));
	CHECK(!strcmp(airs_flag_name(AIRS_FLAG_FATIGUE), "fatigue"));
	CHECK(!strcmp(airs_construct_name(AIRS_CONSTRUCT_VOICE), "voice"));
	CHECK(!strcmp(airs_column_name(AIRS_COLUMN_GAP_LEVELS), "gap_levels"));
	CHECK(!strcmp(airs_strategy_name(AIRS_STRATEGY_BLEND), "blend"));
	CHECK(!strcmp(airs_step_kind_name(AIRS_STEP_COURSE), "course"));
	CHECK(!strcmp(airs_intervention_name(AIRS_INTERVENTION_BRIEFING), "briefing"));
	CHECK(!strcmp(airs_table_name(AIRS_TABLE_UNITS), "units"));
	CHECK(!strcmp(airs_plan_table_name(AIRS_PLAN_TABLE_COHORTS), "cohorts"));
}

static void params(void)
{
	airs_params *p = NULL;
	airs_diag d = AIRS_DIAG_INIT;
	const char *def = NULL, *desc = NULL;
	char b[128], digest[65], path[] = "/tmp/airs-abi-1.0-XXXXXX";
	double v = 0;
	FILE *f;
	int fd;

	OK(airs_params_new(&p, NULL));
	OK(airs_params_set(p, "weights.skill", "0.5"));
	OK(airs_params_set_double(p, "anonymity.min_group", 5));
	OK(airs_params_get_double(p, "weights.skill", &v));
	CHECK(v == 0.5);
	CHECK(airs_params_get(p, "anonymity.min_group", b, sizeof b) > 0);
	CHECK(airs_params_set(p, "weights.skil", "1") == AIRS_EINVAL);
	CHECK(strstr(airs_params_errmsg(p), "weights.skill") != NULL);
	airs_params_reset(p);
	OK(airs_params_load_buffer(p, "cfg", "[weights]\nskill = 0.4\n", 21, &d));
	CHECK(airs_params_load_buffer(p, "cfg", "[weights]\nskill = x\n", 19, &d)
	      == AIRS_EPARSE && d.line == 2);
	fd = mkstemp(path);
	CHECK(fd >= 0);
	f = fdopen(fd, "w");
	fputs("as_of = 2026-06-30\n", f);
	fclose(f);
	OK(airs_params_load_file(p, path, &d));
	remove(path);
	CHECK(airs_params_describe(0, &def, &desc) != NULL && desc != NULL);
	OK(airs_params_digest(p, digest));
	CHECK(strlen(digest) == 64);
	airs_params_free(p);
}

/* Every add and getter with 1.0's records, and the buffers loader. */
static void model_api(void)
{
	airs_model *m = NULL;
	airs_unit_rec u = AIRS_UNIT_REC_INIT;
	airs_role_rec ro = AIRS_ROLE_REC_INIT;
	airs_skill_rec sk = AIRS_SKILL_REC_INIT;
	airs_prerequisite_rec pr = AIRS_PREREQUISITE_REC_INIT;
	airs_role_skill_rec rs = AIRS_ROLE_SKILL_REC_INIT;
	airs_employee_rec e = AIRS_EMPLOYEE_REC_INIT;
	airs_assessment_rec as = AIRS_ASSESSMENT_REC_INIT;
	airs_course_rec c = AIRS_COURSE_REC_INIT;
	airs_training_rec t = AIRS_TRAINING_REC_INIT;
	airs_survey_item_rec it = AIRS_SURVEY_ITEM_REC_INIT;
	airs_response_rec r = AIRS_RESPONSE_REC_INIT;
	airs_usage_rec us = AIRS_USAGE_REC_INIT;
	airs_table_buffer tb[1];
	char digest[65];
	size_t i;

	OK(airs_model_new(&m, NULL));
	u.id = "U"; u.name = "Unit"; u.target_level = 3;
	OK(airs_model_add_unit(m, &u));
	ro.id = "R"; ro.name = "Role";
	OK(airs_model_add_role(m, &ro));
	sk.id = "S"; sk.name = "Skill";
	OK(airs_model_add_skill(m, &sk));
	sk.id = "T"; sk.name = "Other";
	OK(airs_model_add_skill(m, &sk));
	pr.skill_id = "T"; pr.requires_id = "S"; pr.min_level = 1;
	OK(airs_model_add_prerequisite(m, &pr));
	rs.role_id = "R"; rs.skill_id = "S"; rs.required_level = 3;
	OK(airs_model_add_role_skill(m, &rs));
	e.id = "E1"; e.unit_id = "U"; e.role_id = "R";
	OK(airs_model_add_employee(m, &e));
	e.id = "E2"; e.is_leader = 1;
	OK(airs_model_add_employee(m, &e));
	OK(airs_model_set_manager(m, "E1", "E2"));
	OK(airs_model_set_attribute(m, "E1", "gender", "f"));
	as.employee_id = "E1"; as.skill_id = "S"; as.level = 2;
	OK(airs_date_parse("2026-05-01", 10, &as.date));
	OK(airs_model_add_assessment(m, &as));
	c.id = "C"; c.name = "Course"; c.skill_id = "S"; c.hours = 6;
	OK(airs_model_add_course(m, &c));
	t.employee_id = "E1"; t.course_id = "C"; t.hours = 6; t.date = as.date;
	OK(airs_model_add_training(m, &t));
	it.id = "I"; it.construct = "clarity";
	OK(airs_model_add_survey_item(m, &it));
	r.employee_id = "E1"; r.item_id = "I"; r.value = 4; r.date = as.date;
	OK(airs_model_add_response(m, &r));
	us.employee_id = "E1"; us.tool_id = "chat"; us.active_days = 4;
	OK(airs_month_parse("2026-04", 7, &us.period));
	OK(airs_model_add_usage(m, &us));
	tb[0].name = "units.csv";
	tb[0].data = "unit_id,name,parent_id\nU2,Two,U\n";
	tb[0].len = strlen(tb[0].data);
	OK(airs_load_buffers(m, tb, 1, NULL, NULL));
	CHECK(airs_model_add_unit(m, &u) == AIRS_EEXIST);
	CHECK(strstr(airs_model_errmsg(m), "U") != NULL);
	OK(airs_model_finish(m));
	CHECK(airs_model_is_finished(m));
	OK(airs_model_digest(m, digest));
	CHECK(airs_model_count(m, AIRS_ENTITY_UNIT) == 2);
	OK(airs_model_find(m, AIRS_ENTITY_EMPLOYEE, "E2", &i));
	CHECK(i == 1);
	{
		airs_unit_rec gu = AIRS_UNIT_REC_INIT;
		airs_role_rec gr = AIRS_ROLE_REC_INIT;
		airs_skill_rec gs = AIRS_SKILL_REC_INIT;
		airs_employee_rec ge = AIRS_EMPLOYEE_REC_INIT;
		airs_course_rec gc = AIRS_COURSE_REC_INIT;
		airs_survey_item_rec gi = AIRS_SURVEY_ITEM_REC_INIT;

		OK(airs_model_get_unit(m, 1, &gu));
		CHECK(!strcmp(gu.id, "U2") && !strcmp(gu.parent_id, "U"));
		OK(airs_model_get_role(m, 0, &gr));
		CHECK(!strcmp(gr.name, "Role"));
		OK(airs_model_get_skill(m, 1, &gs));
		CHECK(!strcmp(gs.id, "T"));
		OK(airs_model_get_employee(m, 1, &ge));
		CHECK(ge.is_leader == 1);
		OK(airs_model_get_course(m, 0, &gc));
		CHECK(gc.hours == 6);
		OK(airs_model_get_survey_item(m, 0, &gi));
		CHECK(gi.scale_min == 1 && gi.scale_max == 5);
	}
	CHECK(!strcmp(airs_model_manager(m, 0), "E2"));
	CHECK(!strcmp(airs_model_attribute(m, 0, "gender"), "f"));
	airs_model_free(m);
}

static void rollup_api(const airs_rollup *ru);
static void audit_api(const airs_result *r, const airs_org_plan *o);

static void result_api(const airs_result *r)
{
	const airs_rollup *ru = airs_result_rollup(r);
	airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
	airs_contribution lines[32];
	airs_unit_score org = AIRS_UNIT_SCORE_INIT, u0 = AIRS_UNIT_SCORE_INIT;
	airs_construct_score cs = AIRS_CONSTRUCT_SCORE_INIT;
	airs_provenance pv = AIRS_PROVENANCE_INIT;
	double col[250], sent[AIRS_CONSTRUCT_COUNT_], gap;
	const char *ids[250];
	uint64_t cnt;
	size_t n = airs_result_employee_count(r), i, k, count, bytes = 0;
	double sum = 0;

	CHECK(n == 250);
	OK(airs_result_find_employee(r, "E000001", &i));
	CHECK(i == 0);
	CHECK(airs_result_as_of(r) > 0);
	OK(airs_result_employee(r, 0, &e));
	CHECK(!strcmp(e.id, "E000001") && e.readiness >= 0 && e.readiness <= 100);
	for (k = 0; k < 32; k++) {
		airs_contribution z = AIRS_CONTRIBUTION_INIT;
		lines[k] = z;
	}
	OK(airs_result_explain(r, 0, lines, 32, &count));
	for (k = 0; k < count && k < 32; k++)
		sum += lines[k].points;
	CHECK(fabs(sum - e.readiness) < 1e-9);
	OK(airs_result_column(r, AIRS_COLUMN_READINESS, col, 250));
	CHECK(col[0] == e.readiness);
	OK(airs_result_ids(r, ids, 250));
	CHECK(!strcmp(ids[249], "E000250"));
	CHECK(airs_result_sentiment(r, 0, sent) == AIRS_EPRIVACY);
	OK(airs_rollup_org(ru, &org));
	CHECK(org.headcount == 250);
	CHECK(fabs(org.readiness_mean - 46.29) < 0.005);
	CHECK(airs_rollup_unit_count(ru) == 20);
	OK(airs_rollup_unit(ru, 0, &u0));
	OK(airs_rollup_find_unit(ru, u0.id, &i));
	CHECK(i == 0);
	OK(airs_rollup_construct(ru, AIRS_ROLLUP_ORG, AIRS_CONSTRUCT_CLARITY, &cs));
	CHECK(cs.respondents > 0 && cs.respondents != AIRS_SUPPRESSED);
	CHECK(airs_rollup_skill_count(ru) > 0 && airs_rollup_skill_id(ru, 0));
	OK(airs_rollup_skill(ru, AIRS_ROLLUP_ORG, 0, &gap, &cnt));
	OK(airs_result_provenance(r, &pv));
	/* the methodology the library implements, which may be newer than
	 * the headers the program was built with (1.1: evidence rule) */
	CHECK(!strncmp(pv.methodology_version, "1.", 2) &&
	      strcmp(pv.methodology_version, AIRS_METHODOLOGY_VERSION) >= 0);
	OK(airs_result_write(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON, count_bytes,
	                     &bytes, NULL));
	CHECK(bytes > 10000);
	rollup_api(ru);
}

struct text {
	char *p;
	size_t n, cap;
};

static int collect(const void *data, size_t len, void *user)
{
	struct text *t = user;

	if (t->n + len > t->cap) {
		t->cap = (t->n + len) * 2;
		if (!(t->p = realloc(t->p, t->cap)))
			return 1;
	}
	memcpy(t->p + t->n, data, len);
	t->n += len;
	return 0;
}

static void rollup_api(const airs_rollup *ru)
{
	struct text t = { 0, 0, 0 };
	airs_rollup *a = NULL, *b = NULL;
	airs_unit_score org = AIRS_UNIT_SCORE_INIT;
	airs_diag d = AIRS_DIAG_INIT;

	OK(airs_rollup_write(ru, collect, &t));
	OK(airs_rollup_read(&a, t.p, t.n, NULL, &d));
	OK(airs_rollup_read(&b, t.p, t.n, NULL, &d));
	OK(airs_rollup_merge(a, b, &d));
	OK(airs_rollup_org(a, &org));
	CHECK(org.headcount == 500);
	/* b is merged: free it before a failed read sets it to NULL */
	airs_rollup_free(b);
	b = NULL;
	CHECK(airs_rollup_read(&b, "x", 1, NULL, &d) == AIRS_EPARSE ||
	      airs_rollup_read(&b, "x", 1, NULL, &d) == AIRS_EMISMATCH);
	airs_rollup_free(a);
	airs_rollup_free(b);
	free(t.p);
}

static void plan_api(const airs_result *r)
{
	airs_plan_options po = AIRS_PLAN_OPTIONS_INIT;
	airs_plan *p = NULL;
	airs_org_plan *o = NULL;
	airs_plan_info info = AIRS_PLAN_INFO_INIT;
	airs_plan_step st = AIRS_PLAN_STEP_INIT;
	airs_plan_group g = AIRS_PLAN_GROUP_INIT;
	airs_plan_allocation al = AIRS_PLAN_ALLOCATION_INIT;
	airs_plan_cohort co = AIRS_PLAN_COHORT_INIT;
	airs_provenance pv = AIRS_PROVENANCE_INIT;
	double out[250];
	uint64_t emp, planned;
	size_t i, bytes = 0, n = airs_result_employee_count(r);

	po.budget_hours = 40;
	for (i = 0; i < n; i++) {
		OK(airs_plan_employee(r, i, &po, &p, NULL));
		if (airs_plan_step_count(p) > 0)
			break;
		airs_plan_free(p);
		p = NULL;
	}
	CHECK(p != NULL);
	OK(airs_plan_info_get(p, &info));
	CHECK(info.budget_hours == 40 && info.hours <= 40);
	OK(airs_plan_get_step(p, 0, &st));
	CHECK(st.reason != NULL);
	(void)airs_plan_missing_skill(p, 0);
	OK(airs_plan_provenance(p, &pv));
	OK(airs_plan_write(p, AIRS_OUTPUT_JSON, count_bytes, &bytes, NULL));
	CHECK(bytes > 0);
	airs_plan_free(p);

	po.budget_hours = 500;
	OK(airs_plan_org(r, &po, &o, NULL));
	CHECK(airs_org_plan_unit_count(o) == 20);
	OK(airs_org_plan_group(o, AIRS_ROLLUP_ORG, &g));
	CHECK(g.headcount == 250 && g.hours <= 500);
	CHECK(airs_org_plan_employee_count(o) == 250);
	OK(airs_org_plan_employee(o, 0, &al));
	CHECK(airs_org_plan_cohort_count(o) > 0);
	OK(airs_org_plan_cohort(o, 0, &co));
	OK(airs_org_plan_cohort_unit(o, 0, AIRS_ROLLUP_ORG, &emp, &planned));
	CHECK(emp == co.employees);
	OK(airs_org_plan_outcome(o, AIRS_PLAN_OUTCOME_HOURS, out, 250));
	OK(airs_org_plan_provenance(o, &pv));
	OK(airs_org_plan_write(o, AIRS_PLAN_TABLE_ALL, AIRS_OUTPUT_JSON,
	                       count_bytes, &bytes, NULL));
	audit_api(r, o);
	airs_org_plan_free(o);
}

static void audit_api(const airs_result *r, const airs_org_plan *o)
{
	airs_audit_options ao = AIRS_AUDIT_OPTIONS_INIT;
	airs_audit_report *a = NULL;
	airs_audit_info info = AIRS_AUDIT_INFO_INIT;
	airs_audit_table t = AIRS_AUDIT_TABLE_INIT;
	airs_audit_row row = AIRS_AUDIT_ROW_INIT;
	size_t bytes = 0;

	ao.attribute = "age_band";
	ao.outcome = AIRS_AUDIT_PLAN_SELECTED;
	ao.plan = o;
	OK(airs_audit(r, &ao, &a, NULL));
	OK(airs_audit_info_get(a, &info));
	CHECK(info.table_count == 1 && info.employees == 250);
	OK(airs_audit_table_get(a, 0, &t));
	CHECK(!strcmp(t.attribute, "age_band"));
	OK(airs_audit_row_get(a, t.first_row, &row));
	OK(airs_audit_write(a, AIRS_AUDIT_CSV, count_bytes, &bytes, NULL));
	CHECK(bytes > 0);
	airs_audit_free(a);
}

int main(int argc, char **argv)
{
	airs_model *m = NULL;
	airs_result *r = NULL;
	airs_load_options lo = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	char text[512];

	if (argc != 2) {
		fputs("usage: test-abi-1.0 SAMPLE_DIR\n", stderr);
		return 2;
	}
	dates_and_names();
	params();
	model_api();

	OK(airs_model_new(&m, NULL));
	lo.max_errors = 5;
	lo.on_diag = on_diag;
	OK(airs_load_dir(m, argv[1], &lo, &d));
	OK(airs_model_finish(m));
	OK(airs_score(m, NULL, &r, &d));
	result_api(r);
	plan_api(r);
	airs_diag_format(&d, text, sizeof text);
	CHECK(text[0] == '\0');
	airs_result_free(r);
	airs_model_free(m);
	if (failures)
		fprintf(stderr, "%d checks failed\n", failures);
	return failures ? 1 : 0;
}

/*
 * The size protocol (lib/abi.h, docs/abi-policy.md) at every entry point
 * that reads or fills a size-first struct.
 *
 * Each struct is passed as callers of other header versions pass it, in a
 * heap block of exactly the bytes its size claims, so that AddressSanitizer
 * and valgrind (both run over this suite in CI) catch any byte read or
 * written beyond it:
 *  - at its first published size (1.0's sizeof, from the 1.0 headers);
 *  - larger than this library knows, the unknown tail zero: accepted,
 *    and an output's unknown tail left as it was;
 *  - larger with a nonzero byte in the unknown tail: an input is refused;
 *  - one byte short of the first size, 0, or absurdly large: refused
 *    without touching the struct.
 * Fields added since 1.0 must begin at or past the 1.0 sizeof, or a 1.0
 * caller could not be told from a newer one: checked here too.
 */
#include <check.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/airs.h"
#include "abi.h"

#include "harness.h"

#define SAMPLE SOURCE_ROOT "/examples/data/sample"
/* What a newer header might add. */
#define ROOM 48

static airs_model *M;
static airs_result *R;
static airs_plan *P;
static airs_org_plan *O;
static airs_audit_report *A;
static airs_drivers *D;
static airs_archive *AR;

struct abuf {
	char *p;
	size_t n;
};

static int collect(const void *data, size_t len, void *user)
{
	struct abuf *b = user;

	b->p = realloc(b->p, b->n + len);
	ck_assert_ptr_nonnull(b->p);
	memcpy(b->p + b->n, data, len);
	b->n += len;
	return 0;
}

static void make_archive(void)
{
	static const char key[] = "a key of 16 byte";
	struct abuf b = { NULL, 0 };

	ck_assert_int_eq(airs_result_write_archive(R, key, 16, collect, &b,
	                                           NULL), AIRS_OK);
	ck_assert_int_eq(airs_archive_read(&AR, b.p, b.n, key, 16, NULL, NULL),
	                 AIRS_OK);
	free(b.p);
}

static void setup(void)
{
	airs_plan_options po = AIRS_PLAN_OPTIONS_INIT;
	airs_audit_options ao = AIRS_AUDIT_OPTIONS_INIT;
	size_t i, n;

	ck_assert_int_eq(airs_model_new(&M, NULL), AIRS_OK);
	ck_assert_int_eq(airs_load_dir(M, SAMPLE, NULL, NULL), AIRS_OK);
	ck_assert_int_eq(airs_model_finish(M), AIRS_OK);
	ck_assert_int_eq(airs_score(M, NULL, &R, NULL), AIRS_OK);
	po.budget_hours = 40;
	/* a person whose plan has steps */
	n = airs_result_employee_count(R);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(airs_plan_employee(R, i, &po, &P, NULL), AIRS_OK);
		if (airs_plan_step_count(P) > 0)
			break;
		airs_plan_free(P);
		P = NULL;
	}
	ck_assert_ptr_nonnull(P);
	po.budget_hours = 500;
	ck_assert_int_eq(airs_plan_org(R, &po, &O, NULL), AIRS_OK);
	ck_assert_uint_gt(airs_org_plan_cohort_count(O), 0);
	ao.attribute = "gender";
	ck_assert_int_eq(airs_audit(R, &ao, &A, NULL), AIRS_OK);
	ck_assert_int_eq(airs_drivers_new(R, &(airs_drivers_options){
		sizeof(airs_drivers_options), 0, 10, 0, 0, 0 }, &D, NULL), AIRS_OK);
	make_archive();
}

static void teardown(void)
{
	airs_archive_free(AR);
	airs_drivers_free(D);
	airs_audit_free(A);
	airs_org_plan_free(O);
	airs_plan_free(P);
	airs_result_free(R);
	airs_model_free(M);
}

/* ------------------------------------------------------------------------
 * Input structs: a valid value of the current layout, and a call
 * ---------------------------------------------------------------------- */

/* A model holding one of everything records refer to. */
static airs_model *base_model(void)
{
	airs_model *m;
	airs_unit_rec u = AIRS_UNIT_REC_INIT;
	airs_role_rec ro = AIRS_ROLE_REC_INIT;
	airs_skill_rec sk = AIRS_SKILL_REC_INIT;
	airs_employee_rec e = AIRS_EMPLOYEE_REC_INIT;
	airs_course_rec c = AIRS_COURSE_REC_INIT;
	airs_survey_item_rec it = AIRS_SURVEY_ITEM_REC_INIT;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	u.id = u.name = "U";
	ro.id = ro.name = "R";
	ck_assert_int_eq(airs_model_add_unit(m, &u), AIRS_OK);
	ck_assert_int_eq(airs_model_add_role(m, &ro), AIRS_OK);
	sk.id = sk.name = "S";
	ck_assert_int_eq(airs_model_add_skill(m, &sk), AIRS_OK);
	sk.id = sk.name = "T";
	ck_assert_int_eq(airs_model_add_skill(m, &sk), AIRS_OK);
	e.id = "E";
	e.unit_id = "U";
	e.role_id = "R";
	ck_assert_int_eq(airs_model_add_employee(m, &e), AIRS_OK);
	c.id = c.name = "C";
	c.skill_id = "S";
	c.hours = 4;
	ck_assert_int_eq(airs_model_add_course(m, &c), AIRS_OK);
	it.id = "I";
	it.construct = "clarity";
	ck_assert_int_eq(airs_model_add_survey_item(m, &it), AIRS_OK);
	return m;
}

/* Add the record at s to a fresh base model with add(); the status. */
#define ADD_CALL(kind)                                                  \
	static int call_##kind(void *s)                                 \
	{                                                               \
		airs_model *m = base_model();                           \
		int rc = airs_model_add_##kind(m, s);                   \
		airs_model_free(m);                                     \
		return rc;                                              \
	}

static void init_unit(void *s)
{
	airs_unit_rec v = AIRS_UNIT_REC_INIT;
	v.id = "U2";
	v.name = "Unit two";
	v.parent_id = "U";
	v.target_level = 3;
	memcpy(s, &v, sizeof v);
}
ADD_CALL(unit)

static void init_role(void *s)
{
	airs_role_rec v = AIRS_ROLE_REC_INIT;
	v.id = "R2";
	v.name = "Role two";
	memcpy(s, &v, sizeof v);
}
ADD_CALL(role)

static void init_skill(void *s)
{
	airs_skill_rec v = AIRS_SKILL_REC_INIT;
	v.id = "S2";
	v.name = "Skill two";
	v.category = "c";
	memcpy(s, &v, sizeof v);
}
ADD_CALL(skill)

static void init_prerequisite(void *s)
{
	airs_prerequisite_rec v = AIRS_PREREQUISITE_REC_INIT;
	v.skill_id = "T";
	v.requires_id = "S";
	v.min_level = 1;
	memcpy(s, &v, sizeof v);
}
ADD_CALL(prerequisite)

static void init_role_skill(void *s)
{
	airs_role_skill_rec v = AIRS_ROLE_SKILL_REC_INIT;
	v.role_id = "R";
	v.skill_id = "S";
	v.required_level = 2;
	memcpy(s, &v, sizeof v);
}
ADD_CALL(role_skill)

static void init_employee(void *s)
{
	airs_employee_rec v = AIRS_EMPLOYEE_REC_INIT;
	v.id = "E2";
	v.unit_id = "U";
	v.role_id = "R";
	v.is_leader = 1;
	memcpy(s, &v, sizeof v);
}
ADD_CALL(employee)

static void init_assessment(void *s)
{
	airs_assessment_rec v = AIRS_ASSESSMENT_REC_INIT;
	v.employee_id = "E";
	v.skill_id = "S";
	v.level = 2.5;
	v.source = AIRS_SOURCE_TEST;
	v.date = 20000;
	memcpy(s, &v, sizeof v);
}
ADD_CALL(assessment)

static void init_course(void *s)
{
	airs_course_rec v = AIRS_COURSE_REC_INIT;
	v.id = "C2";
	v.name = "Course two";
	v.skill_id = "T";
	v.hours = 8;
	memcpy(s, &v, sizeof v);
}
ADD_CALL(course)

static void init_training(void *s)
{
	airs_training_rec v = AIRS_TRAINING_REC_INIT;
	v.employee_id = "E";
	v.course_id = "C";
	v.hours = 4;
	v.date = 20000;
	memcpy(s, &v, sizeof v);
}
ADD_CALL(training)

static void init_survey_item(void *s)
{
	airs_survey_item_rec v = AIRS_SURVEY_ITEM_REC_INIT;
	v.id = "I2";
	v.construct = "trust";
	v.scale_min = 1;
	v.scale_max = 7;
	memcpy(s, &v, sizeof v);
}
ADD_CALL(survey_item)

static void init_response(void *s)
{
	airs_response_rec v = AIRS_RESPONSE_REC_INIT;
	v.employee_id = "E";
	v.item_id = "I";
	v.value = 4;
	v.date = 20000;
	memcpy(s, &v, sizeof v);
}
ADD_CALL(response)

static void init_usage(void *s)
{
	airs_usage_rec v = AIRS_USAGE_REC_INIT;
	v.employee_id = "E";
	v.tool_id = "chat";
	v.period = 650;
	v.active_days = 3;
	memcpy(s, &v, sizeof v);
}
ADD_CALL(usage)

static void init_tool(void *s)
{
	airs_tool_rec v = AIRS_TOOL_REC_INIT;
	v.id = "new-tool";
	v.name = "New tool";
	v.unsanctioned = 1;
	v.available_from = 650;
	memcpy(s, &v, sizeof v);
}
ADD_CALL(tool)

static void init_wave(void *s)
{
	airs_wave_rec v = AIRS_WAVE_REC_INIT;
	v.id = "W1";
	v.start = 20000;
	v.end = 20029;
	memcpy(s, &v, sizeof v);
}
ADD_CALL(wave)

static void *a_malloc(size_t n, void *u) { (void)u; return malloc(n); }
static void *a_realloc(void *p, size_t n, void *u) { (void)u; return realloc(p, n); }
static void a_free(void *p, void *u) { (void)u; free(p); }

static void init_allocator(void *s)
{
	airs_allocator v = AIRS_ALLOCATOR_INIT;
	v.malloc = a_malloc;
	v.realloc = a_realloc;
	v.free = a_free;
	memcpy(s, &v, sizeof v);
}

static int call_allocator(void *s)
{
	airs_model *m = NULL;
	airs_params *p = NULL;
	int rc = airs_model_new(&m, s), rc2 = airs_params_new(&p, s);

	airs_model_free(m);
	airs_params_free(p);
	return rc ? rc : rc2;
}

static void init_load_options(void *s)
{
	airs_load_options v = AIRS_LOAD_OPTIONS_INIT;
	v.max_errors = 10;
	v.threads = 2;
	memcpy(s, &v, sizeof v);
}

static int call_load_options(void *s)
{
	airs_model *m = NULL;
	int rc;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	rc = airs_load_dir(m, SAMPLE, s, NULL);
	if (rc == AIRS_OK)
		ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_EMPLOYEE), 250);
	else
		ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_EMPLOYEE), 0);
	airs_model_free(m);
	return rc;
}

static void init_plan_options(void *s)
{
	airs_plan_options v = AIRS_PLAN_OPTIONS_INIT;
	v.budget_hours = 40;
	memcpy(s, &v, sizeof v);
}

static int call_plan_options(void *s)
{
	airs_plan *p = NULL;
	airs_org_plan *o = NULL;
	int rc = airs_plan_employee(R, 0, s, &p, NULL);
	int rc2 = airs_plan_org(R, s, &o, NULL);

	airs_plan_free(p);
	airs_org_plan_free(o);
	return rc ? rc : rc2;
}

static void init_audit_options(void *s)
{
	airs_audit_options v = AIRS_AUDIT_OPTIONS_INIT;
	v.attribute = "gender";
	v.outcome = AIRS_AUDIT_AT_TARGET;
	memcpy(s, &v, sizeof v);
}

static int call_audit_options(void *s)
{
	airs_audit_report *a = NULL;
	int rc = airs_audit(R, s, &a, NULL);

	airs_audit_free(a);
	return rc;
}

static void init_score_options(void *s)
{
	airs_score_options v = AIRS_SCORE_OPTIONS_INIT;
	v.threads = 1;
	memcpy(s, &v, sizeof v);
}

static int call_score_options(void *s)
{
	airs_result *r = NULL;
	int rc = airs_score_v2(M, NULL, s, &r, NULL);

	airs_result_free(r);
	return rc;
}

#define init_rescore_options init_score_options

/* airs_rescore() (1.2) reads the same options. */
static int call_rescore_options(void *s)
{
	airs_result *r = NULL;
	int rc = airs_rescore(R, NULL, s, &r, NULL);

	airs_result_free(r);
	return rc;
}

static int discard(const void *data, size_t len, void *user)
{
	(void)data, (void)len, (void)user;
	return 0;
}

#define init_score_partial_options init_score_options

/* airs_score_partial() (1.2) reads the same options. */
static int call_score_partial_options(void *s)
{
	return airs_score_partial(M, NULL, s, AIRS_PARTIAL_BINARY, discard,
	                          NULL, NULL);
}

static void init_export_options(void *s)
{
	airs_export_options v = AIRS_EXPORT_OPTIONS_INIT;
	v.unit_id = "U-CUSTOPS";
	memcpy(s, &v, sizeof v);
}

static int call_export_options(void *s)
{
	return airs_result_write_v2(R, AIRS_TABLE_UNITS, AIRS_OUTPUT_CSV, s,
	                            discard, NULL, NULL);
}

/* ------------------------------------------------------------------------
 * Output structs: a call that fills s
 * ---------------------------------------------------------------------- */

/* A diag is filled by a failing call: a missing folder is AIRS_EIO. */
static int call_diag(void *s)
{
	airs_model *m = NULL;
	int rc;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	rc = airs_load_dir(m, SOURCE_ROOT "/no such folder", NULL, s);
	airs_model_free(m);
	if (rc == AIRS_EIO)
		ck_assert_int_eq(((airs_diag *)s)->status, AIRS_EIO);
	return rc == AIRS_EIO ? AIRS_OK : rc;
}

#define GET_CALL(kind)                                                  \
	static int call_get_##kind(void *s)                             \
	{                                                               \
		return airs_model_get_##kind(M, 0, s);                  \
	}
GET_CALL(unit)
GET_CALL(role)
GET_CALL(skill)
GET_CALL(employee)
GET_CALL(course)
GET_CALL(survey_item)
GET_CALL(tool)

static int call_tools_info(void *s)
{
	airs_tools *t = NULL;
	int rc = airs_result_tools(R, &t, NULL);

	if (!rc)
		rc = airs_tools_info_get(t, s);
	airs_tools_free(t);
	return rc;
}

static int call_tool_row(void *s)
{
	airs_tools *t = NULL;
	int rc = airs_result_tools(R, &t, NULL);

	if (!rc)
		rc = airs_tools_row(t, 0, s);
	airs_tools_free(t);
	return rc;
}

static int call_employee_score(void *s)
{
	return airs_result_employee(R, 0, s);
}

static int call_contribution(void *s)
{
	size_t n;
	return airs_result_explain(R, 0, s, 1, &n);
}

static int call_unit_score(void *s)
{
	int rc = airs_rollup_unit(airs_result_rollup(R), 0, s);
	if (!rc)
		rc = airs_rollup_manager_group(airs_result_rollup(R), 0,
		                               AIRS_REPORTS_ALL, s);
	return rc ? rc : airs_rollup_org(airs_result_rollup(R), s);
}

static int call_construct_score(void *s)
{
	int rc = airs_rollup_manager_construct(airs_result_rollup(R), 0,
	                                       AIRS_REPORTS_DIRECT,
	                                       AIRS_CONSTRUCT_CLARITY, s);
	return rc ? rc : airs_rollup_construct(airs_result_rollup(R),
	                                       AIRS_ROLLUP_ORG,
	                                       AIRS_CONSTRUCT_CLARITY, s);
}


static int call_provenance(void *s)
{
	int rc = airs_result_provenance(R, s);
	if (!rc)
		rc = airs_archive_provenance(AR, s);
	if (!rc)
		rc = airs_plan_provenance(P, s);
	return rc ? rc : airs_org_plan_provenance(O, s);
}

static int call_plan_info(void *s) { return airs_plan_info_get(P, s); }
static int call_plan_step(void *s) { return airs_plan_get_step(P, 0, s); }
static int call_plan_group(void *s)
{
	int rc = airs_org_plan_group(O, 0, s);
	return rc ? rc : airs_org_plan_group(O, AIRS_ROLLUP_ORG, s);
}
static int call_plan_allocation(void *s) { return airs_org_plan_employee(O, 0, s); }
static int call_plan_cohort(void *s)
{
	int rc = airs_org_plan_cohort(O, 0, s);
	return rc ? rc : airs_result_cohort(R, 0, s);
}
static int call_audit_info(void *s) { return airs_audit_info_get(A, s); }
static int call_coverage(void *s) { return airs_result_coverage(R, NULL, s); }
static int call_focus_area(void *s)
{
	size_t u;
	int rc = airs_rollup_find_unit(airs_result_rollup(R), "U-SALES-3", &u);

	return rc ? rc : airs_drivers_focus(D, u, 0, s);
}
static int call_unit_adkar(void *s)
{
	int rc = airs_rollup_adkar(airs_result_rollup(R), 0, s);
	return rc ? rc : airs_rollup_adkar(airs_result_rollup(R), AIRS_ROLLUP_ORG, s);
}
static int call_as_of_info(void *s)
{
	int rc = airs_model_as_of(M, NULL, s, NULL, NULL);
	return rc ? rc : airs_result_as_of_info(R, s);
}
static int call_audit_table(void *s) { return airs_audit_table_get(A, 0, s); }
static int call_audit_row(void *s) { return airs_audit_row_get(A, 0, s); }

static void init_drivers_options(void *s)
{
	airs_drivers_options v = AIRS_DRIVERS_OPTIONS_INIT;
	v.reps = 10;
	memcpy(s, &v, sizeof v);
}

static int call_drivers_options(void *s)
{
	airs_drivers *d = NULL;
	int rc = airs_drivers_new(R, s, &d, NULL);

	airs_drivers_free(d);
	return rc;
}

static int call_drivers_group(void *s)
{
	return airs_drivers_unit(D, AIRS_ROLLUP_ORG, s);
}

static int call_driver_weight(void *s)
{
	return airs_drivers_weight(D, AIRS_ROLLUP_ORG, 0, s);
}

static void init_compare_options(void *s)
{
	airs_compare_options v = AIRS_COMPARE_OPTIONS_INIT;
	memcpy(s, &v, sizeof v);
}

static int call_compare_options(void *s)
{
	airs_comparison *k = NULL;
	int rc = airs_compare(R, R, s, &k, NULL);

	airs_comparison_free(k);
	k = NULL;
	if (!rc)
		rc = airs_compare_archives(AR, AR, s, &k, NULL);
	airs_comparison_free(k);
	return rc;
}

static int call_change(void *s)
{
	airs_comparison *k = NULL;
	int rc = airs_compare(R, R, NULL, &k, NULL);

	if (!rc)
		rc = airs_comparison_change(k, AIRS_ROLLUP_ORG, 0, s);
	airs_comparison_free(k);
	return rc;
}

/* ------------------------------------------------------------------------
 * The table of entry points
 * ---------------------------------------------------------------------- */

struct entry {
	const char *name;
	int kind;                 /* AIRS__ABI_*, or -1: a struct new since
	                             the last release (its first size is
	                             its size now, until 1.2 is published) */
	size_t size;              /* sizeof in the current headers */
	void (*init)(void *s);    /* inputs: a valid struct; NULL: output */
	int (*call)(void *s);
};

#define IN(T, K, f) { #T, AIRS__ABI_##K, sizeof(T), init_##f, call_##f }
#define OUT(T, K, f) { #T, AIRS__ABI_##K, sizeof(T), NULL, call_##f }
#define IN_NEW(T, f) { #T, -1, sizeof(T), init_##f, call_##f }
#define OUT_NEW(T, f) { #T, -1, sizeof(T), NULL, call_##f }

static const struct entry entries[] = {
	IN(airs_allocator, ALLOCATOR, allocator),
	OUT(airs_diag, DIAG, diag),
	IN(airs_load_options, LOAD_OPTIONS, load_options),
	IN(airs_unit_rec, UNIT_REC, unit),
	IN(airs_role_rec, ROLE_REC, role),
	IN(airs_skill_rec, SKILL_REC, skill),
	IN(airs_prerequisite_rec, PREREQUISITE_REC, prerequisite),
	IN(airs_role_skill_rec, ROLE_SKILL_REC, role_skill),
	IN(airs_employee_rec, EMPLOYEE_REC, employee),
	IN(airs_assessment_rec, ASSESSMENT_REC, assessment),
	IN(airs_course_rec, COURSE_REC, course),
	IN(airs_training_rec, TRAINING_REC, training),
	IN(airs_survey_item_rec, SURVEY_ITEM_REC, survey_item),
	IN(airs_response_rec, RESPONSE_REC, response),
	IN(airs_usage_rec, USAGE_REC, usage),
	OUT(airs_unit_rec, UNIT_REC, get_unit),
	OUT(airs_role_rec, ROLE_REC, get_role),
	OUT(airs_skill_rec, SKILL_REC, get_skill),
	OUT(airs_employee_rec, EMPLOYEE_REC, get_employee),
	OUT(airs_course_rec, COURSE_REC, get_course),
	OUT(airs_survey_item_rec, SURVEY_ITEM_REC, get_survey_item),
	OUT(airs_employee_score, EMPLOYEE_SCORE, employee_score),
	OUT(airs_contribution, CONTRIBUTION, contribution),
	OUT(airs_unit_score, UNIT_SCORE, unit_score),
	OUT(airs_construct_score, CONSTRUCT_SCORE, construct_score),
	OUT(airs_provenance, PROVENANCE, provenance),
	IN(airs_plan_options, PLAN_OPTIONS, plan_options),
	OUT(airs_plan_info, PLAN_INFO, plan_info),
	OUT(airs_plan_step, PLAN_STEP, plan_step),
	OUT(airs_plan_group, PLAN_GROUP, plan_group),
	OUT(airs_plan_allocation, PLAN_ALLOCATION, plan_allocation),
	OUT(airs_plan_cohort, PLAN_COHORT, plan_cohort),
	IN(airs_audit_options, AUDIT_OPTIONS, audit_options),
	OUT(airs_audit_info, AUDIT_INFO, audit_info),
	OUT(airs_audit_table, AUDIT_TABLE, audit_table),
	OUT(airs_audit_row, AUDIT_ROW, audit_row),
	IN(airs_score_options, SCORE_OPTIONS, score_options),
	IN(airs_score_options, SCORE_OPTIONS, rescore_options),
	IN(airs_score_options, SCORE_OPTIONS, score_partial_options),
	IN(airs_export_options, EXPORT_OPTIONS, export_options),
	OUT(airs_coverage, COVERAGE, coverage),
	OUT(airs_as_of_info, AS_OF_INFO, as_of_info),
	IN(airs_drivers_options, DRIVERS_OPTIONS, drivers_options),
	OUT(airs_drivers_group, DRIVERS_GROUP, drivers_group),
	OUT(airs_driver_weight, DRIVER_WEIGHT, driver_weight),
	IN(airs_tool_rec, TOOL_REC, tool),
	OUT(airs_tool_rec, TOOL_REC, get_tool),
	OUT(airs_tools_info, TOOLS_INFO, tools_info),
	OUT(airs_tool_row, TOOL_ROW, tool_row),
	IN_NEW(airs_wave_rec, wave),
	OUT_NEW(airs_unit_adkar, unit_adkar),
	OUT_NEW(airs_focus_area, focus_area),
	IN_NEW(airs_compare_options, compare_options),
	OUT_NEW(airs_change, change),
};
#define NENTRIES (sizeof entries / sizeof *entries)

static size_t first_of(const struct entry *e)
{
	return e->kind < 0 ? e->size : airs__abi_first(e->kind);
}

/* A block of exactly `bytes`, holding the struct of entry e claiming
 * `size`: for inputs a valid value cut (or zero-extended) to bytes, for
 * outputs the byte 0xa5 everywhere but the size. */
static unsigned char *make(const struct entry *e, size_t bytes, size_t size)
{
	unsigned char *b = malloc(bytes ? bytes : 1), *full;

	ck_assert_ptr_nonnull(b);
	/* a block too short for the struct only has to carry its size: a
	 * pattern, not a record copied with its padding (which memcheck
	 * rightly calls uninitialised when the block is compared) */
	if (e->init && bytes >= first_of(e)) {
		full = calloc(1, e->size > bytes ? e->size : bytes);
		ck_assert_ptr_nonnull(full);
		e->init(full);
		memcpy(b, full, bytes);
		free(full);
	} else {
		memset(b, 0xa5, bytes);
	}
	if (bytes >= sizeof size)
		memcpy(b, &size, sizeof size);
	return b;
}

/* Every struct at its first published size works, in a block of exactly
 * that size. */
START_TEST(first_published_size)
{
	const struct entry *e = &entries[_i];
	size_t first = first_of(e);
	unsigned char *b = make(e, first, first);

	ck_assert_msg(e->call(b) == AIRS_OK, "%s at its first size %zu", e->name,
	              first);
	free(b);
}
END_TEST

/* A larger struct than the library knows, its unknown tail zero, works;
 * an output's unknown tail is not written. */
START_TEST(larger_with_zero_tail)
{
	const struct entry *e = &entries[_i];
	size_t big = e->size + ROOM, k;
	unsigned char *b = make(e, big, big);

	if (e->init)
		memset(b + e->size, 0, ROOM);
	ck_assert_msg(e->call(b) == AIRS_OK, "%s at size %zu", e->name, big);
	if (!e->init)
		for (k = e->size; k < big; k++)
			ck_assert_msg(b[k] == 0xa5, "%s: byte %zu of the caller's "
			              "tail was written", e->name, k);
	free(b);
}
END_TEST

/* An input that sets a field this library does not know is refused. */
START_TEST(larger_with_unknown_field_set)
{
	const struct entry *e = &entries[_i];
	size_t big = e->size + ROOM;
	unsigned char *b;

	if (!e->init)
		return;
	b = make(e, big, big);
	memset(b + e->size, 0, ROOM);
	b[big - 1] = 1;
	ck_assert_msg(e->call(b) == AIRS_EINVAL, "%s with an unknown field set",
	              e->name);
	free(b);
}
END_TEST

/* Sizes no header gives are refused, and the struct is left alone. */
START_TEST(bad_sizes_refused_untouched)
{
	const struct entry *e = &entries[_i];
	size_t first = first_of(e);
	size_t sizes[] = { first - 1, 0, e->size + AIRS__ABI_SLACK + 1 };
	size_t j;

	for (j = 0; j < 3; j++) {
		/* room for the size only: nothing past it may be read */
		size_t bytes = j == 1 ? sizeof(size_t) : first - 1;
		unsigned char *b = make(e, bytes, sizes[j]);
		unsigned char *copy = malloc(bytes);

		memcpy(copy, b, bytes);
		ck_assert_msg(e->call(b) == AIRS_EINVAL, "%s at size %zu", e->name,
		              sizes[j]);
		ck_assert_msg(memcmp(copy, b, bytes) == 0, "%s at size %zu was "
		              "written", e->name, sizes[j]);
		free(copy);
		free(b);
	}
}
END_TEST

/* Every struct kind has a first size, is driven by an entry above, and
 * only grew: its 1.0 size (if 1.0 had it) <= its 1.1 size <= its size
 * now. */
START_TEST(size_tables_consistent)
{
	unsigned char seen[AIRS__ABI_COUNT] = {0};
	size_t i, k;

	for (i = 0; i < NENTRIES; i++) {
		if (entries[i].kind < 0)
			continue; /* new since 1.1: no table yet */
		k = (size_t)entries[i].kind;
		seen[k] = 1;
		ck_assert_msg(airs__abi_size_1_1[k] != 0, "%s has no 1.1 size",
		              entries[i].name);
		ck_assert_uint_le(airs__abi_size_1_0[k], airs__abi_size_1_1[k]);
		ck_assert_uint_le(airs__abi_size_1_1[k], entries[i].size);
	}
	for (k = 0; k < AIRS__ABI_COUNT; k++)
		ck_assert_msg(seen[k], "struct kind %zu is driven by no entry", k);
}
END_TEST

/* A field added since 1.0 must begin past the 1.0 sizeof (not in its
 * tail padding), or a 1.0 caller's size would claim it; one added since
 * 1.1 past the 1.1 sizeof (AIRS__FIRST of a struct 1.1 published, or
 * airs__abi_size_1_1[] of an older one). */
START_TEST(added_fields_start_past_the_1_0_size)
{
	/* since 1.2 (issue 20): past the 1.1 size */
	ck_assert_uint_ge(offsetof(airs_export_options, manager_id),
	                  AIRS__FIRST(EXPORT_OPTIONS));
	ck_assert_uint_ge(offsetof(airs_load_options, threads),
	                  AIRS__FIRST(LOAD_OPTIONS));
	ck_assert_uint_ge(offsetof(airs_load_options, progress),
	                  AIRS__FIRST(LOAD_OPTIONS));
	ck_assert_uint_ge(offsetof(airs_load_options, max_role_skills),
	                  AIRS__FIRST(LOAD_OPTIONS));
	/* the mapping (1.1), after the limits: no padding for a caller
	 * built before it to leave set */
	ck_assert_uint_ge(offsetof(airs_load_options, map),
	                  offsetof(airs_load_options, max_role_skills) +
	                          sizeof(uint32_t));
	ck_assert_uint_ge(offsetof(airs_unit_score, respondents),
	                  AIRS__FIRST(UNIT_SCORE));
	ck_assert_uint_ge(offsetof(airs_unit_score, readiness_ci),
	                  AIRS__FIRST(UNIT_SCORE));
	ck_assert_uint_ge(offsetof(airs_construct_score, mean_ci),
	                  AIRS__FIRST(CONSTRUCT_SCORE));
	/* the evidence of methodology 1.1 and how as_of was chosen */
	ck_assert_uint_ge(offsetof(airs_employee_score, readiness_low),
	                  AIRS__FIRST(EMPLOYEE_SCORE));
	ck_assert_uint_ge(offsetof(airs_employee_score, evidence),
	                  AIRS__FIRST(EMPLOYEE_SCORE));
	ck_assert_uint_ge(offsetof(airs_unit_score, insufficient),
	                  AIRS__FIRST(UNIT_SCORE));
	ck_assert_uint_ge(offsetof(airs_provenance, as_of_rule),
	                  AIRS__FIRST(PROVENANCE));
	ck_assert_uint_ge(offsetof(airs_provenance, as_of_left_out),
	                  AIRS__FIRST(PROVENANCE));
	/* the audit's statistics, other line and informativeness (1.1) */
	ck_assert_uint_ge(offsetof(airs_audit_info, informative),
	                  AIRS__FIRST(AUDIT_INFO));
	ck_assert_uint_ge(offsetof(airs_audit_table, adverse),
	                  AIRS__FIRST(AUDIT_TABLE));
	ck_assert_uint_ge(offsetof(airs_audit_table, informative),
	                  AIRS__FIRST(AUDIT_TABLE));
	ck_assert_uint_ge(offsetof(airs_audit_table, other),
	                  AIRS__FIRST(AUDIT_TABLE));
	ck_assert_uint_ge(offsetof(airs_audit_row, p_value),
	                  AIRS__FIRST(AUDIT_ROW));
	ck_assert_uint_ge(offsetof(airs_audit_row, ratio_low),
	                  AIRS__FIRST(AUDIT_ROW));
	ck_assert_uint_ge(offsetof(airs_audit_row, ratio_high),
	                  AIRS__FIRST(AUDIT_ROW));
	ck_assert_uint_ge(offsetof(airs_audit_row, significant),
	                  AIRS__FIRST(AUDIT_ROW));
	ck_assert_uint_ge(offsetof(airs_audit_row, other),
	                  AIRS__FIRST(AUDIT_ROW));
	ck_assert_uint_ge(offsetof(airs_audit_row, favourable),
	                  AIRS__FIRST(AUDIT_ROW));
	/* plans: why, what was left out, practice (issue 16) */
	ck_assert_uint_ge(offsetof(airs_plan_info, why),
	                  AIRS__FIRST(PLAN_INFO));
	ck_assert_uint_ge(offsetof(airs_plan_info, reduced),
	                  AIRS__FIRST(PLAN_INFO));
	ck_assert_uint_ge(offsetof(airs_plan_step, practice_hours),
	                  AIRS__FIRST(PLAN_STEP));
	ck_assert_uint_ge(offsetof(airs_plan_group, reduced),
	                  AIRS__FIRST(PLAN_GROUP));
	ck_assert_uint_ge(offsetof(airs_plan_step, adkar_source),
	                  AIRS__FIRST(PLAN_STEP));
	ck_assert_uint_ge(offsetof(airs_plan_step, adkar_unit_id),
	                  AIRS__FIRST(PLAN_STEP));
	/* the survey period read (1.2) */
	ck_assert_uint_ge(offsetof(airs_provenance, survey_start),
	                  airs__abi_size_1_1[AIRS__ABI_PROVENANCE]);
	/* an item about one AI tool (1.1) */
	ck_assert_uint_ge(offsetof(airs_survey_item_rec, tool_id),
	                  AIRS__FIRST(SURVEY_ITEM_REC));
	/* the wave an answer was given in (1.2) */
	ck_assert_uint_ge(offsetof(airs_response_rec, wave_id),
	                  airs__abi_size_1_1[AIRS__ABI_RESPONSE_REC]);
}
END_TEST

/* The explanation array is indexed by the caller's element size. */
START_TEST(contribution_array_stride)
{
	size_t stride = sizeof(airs_contribution) + ROOM, n = 3, k, count;
	unsigned char *b = malloc(stride * n);
	airs_contribution ref[3];

	for (k = 0; k < 3; k++) {
		airs_contribution z = AIRS_CONTRIBUTION_INIT;
		ref[k] = z;
	}
	ck_assert_int_eq(airs_result_explain(R, 0, ref, 3, &count), AIRS_OK);
	ck_assert_uint_ge(count, 3);
	memset(b, 0xa5, stride * n);
	for (k = 0; k < n; k++)
		memcpy(b + k * stride, &stride, sizeof stride);
	ck_assert_int_eq(airs_result_explain(R, 0, (airs_contribution *)b, n,
	                                     &count), AIRS_OK);
	for (k = 0; k < n; k++) {
		airs_contribution *c = (airs_contribution *)(b + k * stride);
		size_t t;
		ck_assert_int_eq(c->component, ref[k].component);
		ck_assert_double_eq(c->points, ref[k].points);
		for (t = sizeof *c; t < stride; t++)
			ck_assert_uint_eq(b[k * stride + t], 0xa5);
	}
	/* elements of different sizes are refused */
	memcpy(b + stride, &(size_t){ sizeof(airs_contribution) }, sizeof(size_t));
	ck_assert_int_eq(airs_result_explain(R, 0, (airs_contribution *)b, n,
	                                     &count), AIRS_EINVAL);
	free(b);
}
END_TEST

/* Messages say what to do. */
START_TEST(messages)
{
	airs_model *m = base_model();
	unsigned char b[sizeof(airs_unit_rec) + ROOM];
	airs_diag d = AIRS_DIAG_INIT;
	airs_audit_report *a = NULL;
	airs_audit_options ao = AIRS_AUDIT_OPTIONS_INIT;

	memset(b, 0, sizeof b);
	init_unit(b);
	*(size_t *)(void *)b = sizeof b;
	b[sizeof b - 1] = 7;
	ck_assert_int_eq(airs_model_add_unit(m, (airs_unit_rec *)(void *)b),
	                 AIRS_EINVAL);
	ck_assert_str_eq(airs_model_errmsg(m), "record sets fields this version "
	                 "of airs does not know: the program was built against "
	                 "newer airs headers than the library it runs with");
	ao.size = 3;
	ck_assert_int_eq(airs_audit(R, &ao, &a, &d), AIRS_EINVAL);
	ck_assert_str_eq(d.text, "options size is not set: initialise it with "
	                 "its *_INIT macro");
	airs_model_free(m);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("abi");
	TCase *tc = tcase_create("size protocol");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, first_published_size, 0, NENTRIES);
	tcase_add_loop_test(tc, larger_with_zero_tail, 0, NENTRIES);
	tcase_add_loop_test(tc, larger_with_unknown_field_set, 0, NENTRIES);
	tcase_add_loop_test(tc, bad_sizes_refused_untouched, 0, NENTRIES);
	tcase_add_test(tc, size_tables_consistent);
	tcase_add_test(tc, added_fields_start_past_the_1_0_size);
	tcase_add_test(tc, contribution_array_stride);
	tcase_add_test(tc, messages);
	suite_add_tcase(s, tc);
	return s;
}

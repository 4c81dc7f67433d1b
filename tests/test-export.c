/*
 * Exports: the worked example of docs/methodology.md section 7 as exact
 * CSV, JSON that parses, byte-identical output whatever the row order,
 * provenance that identifies parameters and input, individual survey
 * answers only on opt-in, writer failures, escaping of awkward text, and
 * the input digest of a model of unusual values, pinned and computed once
 * per model even when threads ask at once.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/airs.h"
#include "json.h"
#include "csvout.h"
#include "sha256.h"

#include "harness.h"
#include "json-check.h"
#include "worked-example.h"

/* ------------------------------------------------------------------------
 * Collecting output
 * ---------------------------------------------------------------------- */

struct buf {
	char *p;
	size_t n, cap;
	int calls;
	int fail_at;     /* fail the fail_at-th call (1-based); 0 never */
	size_t max_piece;
	int short_pieces; /* calls with fewer than 4096 bytes */
};

static int collect(const void *data, size_t len, void *user)
{
	struct buf *b = user;

	b->calls++;
	if (len > b->max_piece)
		b->max_piece = len;
	b->short_pieces += len < 4096;
	if (b->fail_at && b->calls == b->fail_at)
		return 1;
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

/* The whole output of one table as a NUL-terminated string (caller frees). */
static char *export(const airs_result *r, int table, int output)
{
	struct buf b = { 0 };
	airs_diag d = AIRS_DIAG_INIT;

	ck_assert_msg(airs_result_write(r, table, output, collect, &b, &d) == AIRS_OK,
	              "%s", d.text);
	ck_assert_uint_le(b.max_piece, 4096);
	if (!b.p)
		b.p = calloc(1, 1);
	return b.p;
}

static airs_result *score_with(airs_model *m, int optin)
{
	airs_params *p;
	airs_result *r;
	airs_diag d = AIRS_DIAG_INIT;

	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "as_of", "2026-06-30"), AIRS_OK);
	if (optin)
		ck_assert_int_eq(airs_params_set(p, "privacy.individual_sentiment", "1"),
		                 AIRS_OK);
	ck_assert_msg(airs_score(m, p, &r, &d) == AIRS_OK, "%s", d.text);
	airs_params_free(p);
	return r;
}

/* ------------------------------------------------------------------------
 * The worked example, exactly
 * ---------------------------------------------------------------------- */

/* methodology 7, default parameters: sentiment withheld from individuals -
 * from E3 too, who answered nothing (who took part is not shown).  E3 has
 * no skill assessment: no readiness or level, the range of methodology
 * 1.1 beside it, and left_behind not evaluated. */
static const char employees_csv[] =
	"id,unit_id,role_id,is_leader,readiness,readiness_low,readiness_high,"
	"evidence,evidence_note,level,level_name,target,"
	"gap_levels,gap_points,below_target,coverage,withheld,skill_coverage,"
	"skill,training,sentiment,adoption,awareness,desire,knowledge,ability,"
	"reinforcement,barrier,flags,flags_evaluated\n"
	"E1,TEAM-A,analyst,1,91.25,91.25,91.25,sufficient,"
	"all 2 required skills assessed,5,transformational,4,-1,-31.25,0,"
	"skill training adoption,sentiment,1,1,0.5625,,1,,,5,5,,none,"
	"overconfidence,left_behind reversion overconfidence lapsed\n"
	"E2,TEAM-A,analyst,0,39.217342342,32.24537037,50.023148148,sufficient,"
	"1 of 2 required skills assessed (66% of their weight),2,active,4,2,"
	"20.782657658,1,"
	"skill training adoption,sentiment,0.666666667,0.666666667,0.09375,,0.25,"
	",,3.666666667,2,,ability,left_behind,left_behind reversion lapsed\n"
	"E3,TEAM-B,analyst,0,,0,53.333333333,no_skill_assessment,"
	"no skill assessment (0 of 2 required skills assessed),,,3,,,,"
	"training adoption,sentiment,0,,0,,0,"
	",,,1,,ability,,reversion lapsed\n";

/* Units in tree order, then the organisation (which has no target).  E3,
 * TEAM-B's one member, has too little evidence (methodology 1.1): counted
 * as insufficient and at level unknown, in no mean or share.  The flag
 * counts that read survey answers are 0 and shown: nobody's fatigue or
 * no_benefit turned on their answers (no recent training, no benefit item
 * answered); nobody answered recommend or time_saved, so those are absent
 * (0 respondents), not suppressed.  Intervals (methodology 4.3): TEAM-A
 * is a census of readiness and gap (width 0); ORG's two scored of three
 * give t intervals wider than the values can be, clipped to 0..100 and
 * -4..4; the Wilson intervals of 1 of 2, 1 of 3, 0 of 3, 0 of 2 and 0 of
 * 1 are statsmodels' proportion_confint(method="wilson") to 9 decimals;
 * the response rate is hidden with ORG's and TEAM-A's respondents, and
 * TEAM-B's is 0 of 1 (nobody answered). */
static const char units_csv[] =
	"scope,id,name,parent_id,depth,headcount,scored,insufficient,"
	"readiness_mean,readiness_median,level_unknown,level_1,level_2,"
	"level_3,level_4,level_5,target,with_target,gap_mean,"
	"below_target_share,flag_left_behind,flag_fatigue,flag_reversion,"
	"flag_overconfidence,flag_no_benefit,net_score,net_respondents,"
	"time_saved,time_saved_respondents,respondents,leaders,"
	"readiness_ci_low,readiness_ci_high,gap_ci_low,gap_ci_high,"
	"below_target_ci_low,below_target_ci_high,time_saved_ci_low,"
	"time_saved_ci_high,response_rate_ci_low,response_rate_ci_high,"
	"flag_rate_ci_left_behind_low,flag_rate_ci_left_behind_high,"
	"flag_rate_ci_fatigue_low,flag_rate_ci_fatigue_high,"
	"flag_rate_ci_reversion_low,flag_rate_ci_reversion_high,"
	"flag_rate_ci_overconfidence_low,flag_rate_ci_overconfidence_high,"
	"flag_rate_ci_no_benefit_low,flag_rate_ci_no_benefit_high,"
	"adkar_awareness,adkar_desire,adkar_knowledge,adkar_ability,"
	"adkar_reinforcement,adkar_awareness_ci_low,"
	"adkar_awareness_ci_high,adkar_desire_ci_low,adkar_desire_ci_high,"
	"adkar_knowledge_ci_low,adkar_knowledge_ci_high,"
	"adkar_ability_ci_low,adkar_ability_ci_high,"
	"adkar_reinforcement_ci_low,adkar_reinforcement_ci_high,"
	"adkar_awareness_source,adkar_desire_source,adkar_knowledge_source,"
	"adkar_ability_source,adkar_reinforcement_source,adkar_knowledge_n,"
	"adkar_ability_n,adkar_barrier,barrier_awareness,barrier_desire,"
	"barrier_knowledge,barrier_ability,barrier_reinforcement,"
	"barrier_none,barrier_unknown,suppressed\n"
	"unit,ORG,ORG,,0,3,2,1,65.233671171,65.233671171,1,0,1,0,0,1,3,2,"
	"0.5,0.5,1,0,0,1,0,,0,,0,,1,0,100,-4,4,0.094531206,0.905468794,,,,,"
	"0.061491945,0.792340399,0,0.561497032,0,0.561497032,0.061491945,"
	"0.792340399,0,0.561497032,,,4.333333334,2.666666667,,,,,,1,5,"
	"2.666666667,2.666666667,,,,,unit,unit,,2,3,ability,0,0,0,2,0,1,0,"
	"respondents adkar.awareness adkar.desire adkar.reinforcement\n"
	"unit,TEAM-A,TEAM-A,ORG,1,2,2,0,65.233671171,65.233671171,0,0,1,0,"
	"0,1,4,2,0.5,0.5,1,0,0,1,0,,0,,0,,1,65.233671171,65.233671171,0.5,"
	"0.5,0.094531206,0.905468794,,,,,0.094531206,0.905468794,0,"
	"0.657619772,0,0.657619772,0.094531206,0.905468794,0,0.657619772,,,"
	"4.333333334,3.5,,,,,,4.333333334,4.333333334,3.5,3.5,,,,,unit,"
	"unit,,2,2,none,0,0,0,1,0,1,0,"
	"respondents adkar.awareness adkar.desire adkar.reinforcement\n"
	"unit,TEAM-B,TEAM-B,ORG,1,1,0,1,,,1,0,0,0,0,0,3,0,,,0,0,0,0,0,,0,,"
	"0,0,0,,,,,,,,,0,0.793450686,0,0.793450686,0,0.793450686,0,"
	"0.793450686,0,0.793450686,0,0.793450686,,,,1,,,,,,,,1,1,,,,,,unit,"
	",0,1,ability,0,0,0,1,0,0,0,\n"
	"organisation,,Organisation,,0,3,2,1,65.233671171,65.233671171,1,0,"
	"1,0,0,1,,2,0.5,0.5,1,0,0,1,0,,0,,0,,1,0,100,-4,4,0.094531206,"
	"0.905468794,,,,,0.061491945,0.792340399,0,0.561497032,0,"
	"0.561497032,0.061491945,0.792340399,0,0.561497032,,,4.333333334,"
	"2.666666667,,,,,,1,5,2.666666667,2.666666667,,,,,unit,unit,,2,3,"
	"ability,0,0,0,2,0,1,0,"
	"respondents adkar.awareness adkar.desire adkar.reinforcement\n";

START_TEST(worked_example_employees_csv)
{
	airs_model *m = build(0);
	airs_result *r = score_with(m, 0);
	char *out = export(r, AIRS_TABLE_EMPLOYEES, AIRS_OUTPUT_CSV);

	ck_assert_str_eq(out, employees_csv);
	free(out);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(worked_example_units_csv)
{
	airs_model *m = build(0);
	airs_result *r = score_with(m, 0);
	char *out = export(r, AIRS_TABLE_UNITS, AIRS_OUTPUT_CSV);

	ck_assert_str_eq(out, units_csv);
	free(out);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(worked_example_json)
{
	airs_model *m = build(0);
	airs_result *r = score_with(m, 0);
	char *emps = export(r, AIRS_TABLE_EMPLOYEES, AIRS_OUTPUT_JSON);
	char *all = export(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON);
	char *gaps = export(r, AIRS_TABLE_SKILL_GAPS, AIRS_OUTPUT_CSV);
	char *cons = export(r, AIRS_TABLE_CONSTRUCTS, AIRS_OUTPUT_CSV);

	/* one record per line, in the documented key order */
	ck_assert_ptr_nonnull(strstr(emps,
		"[\n  {\"id\": \"E1\", \"unit_id\": \"TEAM-A\", \"role_id\": \"analyst\", "
		"\"is_leader\": true, \"readiness\": 91.25, \"readiness_low\": 91.25, "
		"\"readiness_high\": 91.25, \"evidence\": \"sufficient\", "
		"\"evidence_note\": \"all 2 required skills assessed\", \"level\": 5, "
		"\"level_name\": \"transformational\", \"target\": 4, "
		"\"gap_levels\": -1, \"gap_points\": -31.25, \"below_target\": false, "
		"\"coverage\": [\"skill\", \"training\", \"adoption\"], "
		"\"withheld\": [\"sentiment\"], \"skill_coverage\": 1, "
		"\"components\": {\"skill\": 1, \"training\": 0.5625, "
		"\"sentiment\": null, \"adoption\": 1}, "
		"\"adkar\": {\"awareness\": null, \"desire\": null, \"knowledge\": 5, "
		"\"ability\": 5, \"reinforcement\": null}, \"barrier\": \"none\", "
		"\"flags\": [\"overconfidence\"], "
		"\"flags_evaluated\": [\"left_behind\", \"reversion\", "
		"\"overconfidence\", \"lapsed\"]},\n"));
	ck_assert_str_eq(emps + strlen(emps) - 4, "}\n]\n");
	ck_assert(json_valid(emps));
	ck_assert(json_valid(all));
	ck_assert(!strncmp(all, "{\n  \"schema\": \"airs-result/1\",\n  \"provenance\": {\n"
	                        "    \"schema\": \"airs-result/1\",\n", 72));
	ck_assert_ptr_nonnull(strstr(all, "\n  \"parameters\": {\n"
	                                  "    \"adkar.barrier_threshold\": \"3\",\n"));
	ck_assert_ptr_nonnull(strstr(all, "    \"as_of\": \"2026-06-30\",\n"));
	ck_assert_ptr_nonnull(strstr(all, "\n  \"organisation\": {\"scope\": "
	                                  "\"organisation\", \"id\": null, "
	                                  "\"name\": \"Organisation\""));
	/* ethics is required of nobody: no cell, so not listed */
	ck_assert_ptr_nonnull(strstr(all, "\"skill_gaps\": {\"data\": {\"count\": 1, "
	                                  "\"mean_gap\": 0}, \"prompting\": "
	                                  "{\"count\": 2, \"mean_gap\": 0.5}}"));
	ck_assert_ptr_null(strstr(all, "\"ethics\": {\"count\""));
	ck_assert_ptr_nonnull(strstr(all, "\"constructs\": {\"clarity\": "
	                                  "{\"respondents\": null, \"mean\": null"));
	/* skills by id, E1's data gap 0 and the prompting gaps 0 (E1) and 1 (E2) */
	ck_assert_ptr_nonnull(strstr(gaps, "scope,unit_id,skill_id,count,mean_gap\n"
	                                   "unit,ORG,data,1,0\n"
	                                   "unit,ORG,prompting,2,0.5\n"));
	ck_assert_ptr_null(strstr(gaps, "ethics"));
	ck_assert_ptr_nonnull(strstr(cons,
		"\norganisation,,clarity,,,,,,,,,,,,,,,,,,,,,,respondents mean "
		"favourable unfavourable leaders staff leaders_mean staff_mean "
		"perception_gap\n"
		"organisation,,usefulness,0,,,,0,0,,,,,,,,,,,,,,,,\n"));
	free(emps);
	free(all);
	free(gaps);
	free(cons);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

/* ------------------------------------------------------------------------
 * Determinism and provenance
 * ---------------------------------------------------------------------- */

START_TEST(identical_bytes_whatever_the_row_order)
{
	airs_model *m0 = build(0);
	airs_result *r0 = score_with(m0, 1);
	unsigned seed;

	for (seed = 0; seed < 6; seed++) {
		airs_model *m = build(seed);
		airs_result *r = score_with(m, 1);
		int t, o;
		for (t = 0; t <= AIRS_TABLE_ALL; t++)
			for (o = 0; o <= (t == AIRS_TABLE_ALL ? 0 : 1); o++) {
				char *a = export(r0, t, o), *b = export(r, t, o);
				ck_assert_msg(!strcmp(a, b), "seed %u table %s output %d differs",
				              seed, airs_table_name(t), o);
				if (o == AIRS_OUTPUT_JSON)
					ck_assert_msg(json_valid(b), "table %s", airs_table_name(t));
				free(a);
				free(b);
			}
		airs_result_free(r);
		airs_model_free(m);
	}
	airs_result_free(r0);
	airs_model_free(m0);
}
END_TEST

/* A one-person model whose single usage record has `days` active days. */
static airs_model *tiny(int days)
{
	airs_model *m;
	airs_unit_rec u = AIRS_UNIT_REC_INIT;
	airs_role_rec ro = AIRS_ROLE_REC_INIT;
	airs_employee_rec e = AIRS_EMPLOYEE_REC_INIT;
	airs_usage_rec g = AIRS_USAGE_REC_INIT;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	u.id = u.name = "U";
	ro.id = ro.name = "R";
	e.id = "E";
	e.unit_id = "U";
	e.role_id = "R";
	g.employee_id = "E";
	g.tool_id = "T";
	ck_assert_int_eq(airs_month_parse("2026-06", 7, &g.period), AIRS_OK);
	g.active_days = days;
	OK(airs_model_add_unit(m, &u));
	OK(airs_model_add_role(m, &ro));
	OK(airs_model_add_employee(m, &e));
	OK(airs_model_add_usage(m, &g));
	OK(airs_model_finish(m));
	return m;
}

START_TEST(provenance_identifies_parameters_and_input)
{
	airs_model *m = build(0), *m2 = build(3), *a = tiny(5), *b = tiny(6);
	airs_params *p;
	airs_result *r, *r2, *ra, *rb;
	airs_provenance v = AIRS_PROVENANCE_INIT, v2 = AIRS_PROVENANCE_INIT;
	airs_provenance va = AIRS_PROVENANCE_INIT, vb = AIRS_PROVENANCE_INIT;
	char digest[65], model_digest[65], *csv, expect[512];

	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "as_of", "2026-06-30"), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "weights.skill", "0.5"), AIRS_OK);
	ck_assert_int_eq(airs_score(m, p, &r, NULL), AIRS_OK);
	ck_assert_int_eq(airs_score(m2, p, &r2, NULL), AIRS_OK);
	ck_assert_int_eq(airs_score(a, NULL, &ra, NULL), AIRS_OK);
	ck_assert_int_eq(airs_score(b, NULL, &rb, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_digest(p, digest), AIRS_OK);
	ck_assert_int_eq(airs_model_digest(m, model_digest), AIRS_OK);

	ck_assert_int_eq(airs_result_provenance(r, &v), AIRS_OK);
	ck_assert_str_eq(v.library_version, airs_version());
	ck_assert_str_eq(v.methodology_version, AIRS_METHODOLOGY_VERSION);
	ck_assert_int_eq(v.as_of, day("2026-06-30"));
	ck_assert_int_eq(v.as_of_rule, AIRS_AS_OF_GIVEN);
	ck_assert_uint_eq(v.as_of_left_out, 0);
	/* the worked example's 8 answers, all in June */
	ck_assert_int_eq(v.survey_start, day("2026-06-01"));
	ck_assert_int_eq(v.survey_end, day("2026-06-30"));
	ck_assert_ptr_null(v.survey_wave_id);
	ck_assert_uint_eq(v.survey_answers, 8);
	ck_assert_uint_eq(v.survey_answers_outside, 0);
	ck_assert_str_eq(v.params_digest, digest);
	ck_assert_str_eq(v.input_digest, model_digest);
	ck_assert_uint_eq(strlen(v.input_digest), 64);
	/* the same content in another row order: the same input */
	ck_assert_int_eq(airs_result_provenance(r2, &v2), AIRS_OK);
	ck_assert_str_eq(v2.input_digest, v.input_digest);
	ck_assert_str_eq(v2.params_digest, v.params_digest);
	/* one value changed: another input, same parameters */
	ck_assert_int_eq(airs_result_provenance(ra, &va), AIRS_OK);
	ck_assert_int_eq(airs_result_provenance(rb, &vb), AIRS_OK);
	ck_assert_str_ne(va.input_digest, vb.input_digest);
	ck_assert_str_eq(va.params_digest, vb.params_digest);
	ck_assert_str_ne(va.params_digest, v.params_digest);

	/* the provenance table carries the same values */
	csv = export(r, AIRS_TABLE_PROVENANCE, AIRS_OUTPUT_CSV);
	snprintf(expect, sizeof expect,
	         "key,value\nschema,airs-result/1\nlibrary_version,%s\n"
	         "methodology_version,%s\nas_of,2026-06-30\nas_of_rule,given\n"
	         "as_of_left_out,0\nsurvey_start,2026-06-01\n"
	         "survey_end,2026-06-30\nsurvey_wave_id,\nsurvey_answers,8\n"
	         "survey_answers_outside,0\nparams_digest,%s\ninput_digest,%s\n",
	         airs_version(), AIRS_METHODOLOGY_VERSION, digest, model_digest);
	ck_assert_str_eq(csv, expect);
	free(csv);
	csv = export(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON);
	snprintf(expect, sizeof expect, "\"params_digest\": \"%s\",\n    "
	                                "\"input_digest\": \"%s\"\n  },\n",
	         digest, model_digest);
	ck_assert_ptr_nonnull(strstr(csv, expect));
	ck_assert_ptr_nonnull(strstr(csv, "\"weights.skill\": \"0.5\""));
	free(csv);

	/* a struct smaller than 1.0's is refused (1.0 ended before
	 * as_of_rule) */
	v.size = offsetof(airs_provenance, as_of_rule) - 1;
	ck_assert_int_eq(airs_result_provenance(r, &v), AIRS_EINVAL);
	ck_assert_int_eq(airs_result_provenance(NULL, &v2), AIRS_EINVAL);

	airs_result_free(r);
	airs_result_free(r2);
	airs_result_free(ra);
	airs_result_free(rb);
	airs_params_free(p);
	airs_model_free(m);
	airs_model_free(m2);
	airs_model_free(a);
	airs_model_free(b);
}
END_TEST

/* A model with the values the canonical text formats in unusual ways:
 * dates and months before 1970 (negative counts) and up to 9999, -0,
 * subnormal and long-fraction numbers, texts of the longest allowed
 * length with multibyte UTF-8, ids of 255 bytes, attributes, a manager,
 * training without a course, and one employee with a long history. */
static uint32_t odd_rng;

static uint32_t odd_next(void)
{
	odd_rng ^= odd_rng << 13;
	odd_rng ^= odd_rng >> 17;
	odd_rng ^= odd_rng << 5;
	return odd_rng;
}

static airs_model *odd_model(void)
{
	static char long_text[AIRS_TEXT_MAX + 1], long_id[AIRS_ID_MAX + 1];
	static const double levels[] = { 0.0, -0.0, 5.0, 0.1, 4.999999999999999,
	                                 2.5e-310, 1.0 / 3.0, 3.25 };
	airs_model *m;
	char id[32], id2[32];
	size_t i;
	int e, k;

	odd_rng = 12345u; /* the same model every call, forked or not */
	for (i = 0; i + 2 <= AIRS_TEXT_MAX; i += 2)
		memcpy(long_text + i, "\xc3\xa9", 2); /* U+00E9, 2048 times */
	memset(long_id, 'x', AIRS_ID_MAX);
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	{
		airs_unit_rec u = AIRS_UNIT_REC_INIT;
		u.id = "root";
		u.name = long_text;
		u.target_level = 4;
		OK(airs_model_add_unit(m, &u));
		u.id = long_id;
		u.name = "Ünit";
		u.parent_id = "root";
		u.target_level = 0;
		OK(airs_model_add_unit(m, &u));
	}
	{
		airs_role_rec ro = AIRS_ROLE_REC_INIT;
		ro.id = "r1";
		ro.name = "Role one";
		OK(airs_model_add_role(m, &ro));
		ro.id = "r0";
		ro.name = "Role zero, \"quoted\"";
		OK(airs_model_add_role(m, &ro));
	}
	for (k = 0; k < 5; k++) {
		airs_skill_rec s = AIRS_SKILL_REC_INIT;
		snprintf(id, sizeof id, "s%d", 4 - k);
		s.id = id;
		s.name = k ? "Skill" : long_text;
		s.category = k % 2 ? "cat" : NULL;
		OK(airs_model_add_skill(m, &s));
	}
	{
		airs_prerequisite_rec p = AIRS_PREREQUISITE_REC_INIT;
		airs_role_skill_rec rs = AIRS_ROLE_SKILL_REC_INIT;
		p.skill_id = "s3";
		p.requires_id = "s1";
		p.min_level = 2.5;
		OK(airs_model_add_prerequisite(m, &p));
		p.skill_id = "s3";
		p.requires_id = "s0";
		p.min_level = 0;
		OK(airs_model_add_prerequisite(m, &p));
		for (k = 0; k < 5; k++) {
			snprintf(id, sizeof id, "s%d", k);
			rs.role_id = k % 2 ? "r1" : "r0";
			rs.skill_id = id;
			rs.required_level = levels[k];
			rs.weight = k ? 0.7 * k : 0;
			OK(airs_model_add_role_skill(m, &rs));
		}
	}
	{
		airs_course_rec c = AIRS_COURSE_REC_INIT;
		c.id = "c1";
		c.name = "Course";
		c.skill_id = "s2";
		c.hours = 10000;
		c.level_gain = 0.5;
		c.format = 2;
		c.cost = 1e9 + 0.01;
		OK(airs_model_add_course(m, &c));
		c.id = "c0";
		c.skill_id = "s0";
		c.hours = 1e-3;
		c.level_gain = 0;
		c.format = 0;
		c.cost = 0;
		OK(airs_model_add_course(m, &c));
	}
	{
		airs_survey_item_rec it = AIRS_SURVEY_ITEM_REC_INIT;
		it.id = "q2";
		it.construct = "trust";
		it.text = long_text;
		it.reverse = 1;
		OK(airs_model_add_survey_item(m, &it));
		it.id = "q1";
		it.construct = "unscored thing";
		it.scale_min = -1000;
		it.scale_max = 1000;
		it.reverse = 0;
		it.text = NULL;
		OK(airs_model_add_survey_item(m, &it));
	}
	for (e = 0; e < 60; e++) {
		airs_employee_rec em = AIRS_EMPLOYEE_REC_INIT;
		int nrec = e == 7 ? 300 : (int)(odd_next() % 6);
		snprintf(id, sizeof id, "e%03d", (e * 37) % 60);
		em.id = id;
		em.unit_id = e % 3 ? "root" : long_id;
		em.role_id = e % 2 ? "r1" : "r0";
		em.is_leader = e % 5 == 0;
		OK(airs_model_add_employee(m, &em));
		if (e % 4 == 1)
			OK(airs_model_set_attribute(m, id, "gender", e % 8 == 1 ? "f" : "m"));
		if (e % 6 == 2)
			OK(airs_model_set_attribute(m, id, "age band", long_text));
		for (k = 0; k < nrec; k++) {
			airs_assessment_rec a = AIRS_ASSESSMENT_REC_INIT;
			airs_training_rec t = AIRS_TRAINING_REC_INIT;
			airs_response_rec r = AIRS_RESPONSE_REC_INIT;
			airs_usage_rec g = AIRS_USAGE_REC_INIT;
			snprintf(id2, sizeof id2, "s%u", odd_next() % 5);
			a.employee_id = id;
			a.skill_id = id2;
			a.level = levels[odd_next() % 8];
			a.source = (int)(odd_next() % 3);
			/* 1900-01-01 .. 9999-12-31: -25567 .. 2932896 */
			a.date = (airs_date)((int)(odd_next() % 2958464u) - 25567);
			OK(airs_model_add_assessment(m, &a));
			t.employee_id = id;
			t.course_id = k % 3 ? "c1" : NULL;
			t.skill_id = k % 3 ? NULL : "s4";
			t.hours = levels[odd_next() % 8] * 7;
			t.date = (airs_date)((int)(odd_next() % 40000u) - 25567);
			t.status = (int)(odd_next() % 3);
			OK(airs_model_add_training(m, &t));
			r.employee_id = id;
			r.item_id = k % 2 ? "q1" : "q2";
			r.value = k % 2 ? -999.5 + k : 1 + k % 5;
			r.date = (airs_date)((int)(odd_next() % 40000u) - 25567);
			OK(airs_model_add_response(m, &r));
			g.employee_id = id;
			snprintf(id2, sizeof id2, "tool%d", k % 4);
			g.tool_id = k % 7 ? id2 : long_id;
			g.period = (airs_month)(k * 40 - 840); /* from 1900-01 on */
			g.active_days = k % 29;
			OK(airs_model_add_usage(m, &g));
		}
	}
	OK(airs_model_set_manager(m, "e001", "e000"));
	OK(airs_model_set_manager(m, "e002", "e001"));
	OK(airs_model_finish(m));
	return m;
}

/* The canonical input form is a promise (docs/output-format.md): a model
 * full of values that format unusually hashes to the digest the first,
 * snprintf-based writer gave it. */
START_TEST(input_digest_is_pinned)
{
	airs_model *m = odd_model();
	char hex[65];

	OK(airs_model_digest(m, hex));
	ck_assert_str_eq(hex, "e955fe199bc6b6cc3462e59243c2d33835827e89001367e59c8cce59386cfe90");
	airs_model_free(m);
}
END_TEST

/* An allocator that counts allocations (atomically: threads share it). */
static atomic_long allocations;

static void *counting_malloc(size_t n, void *user)
{
	(void)user;
	atomic_fetch_add(&allocations, 1);
	return malloc(n);
}

static void *counting_realloc(void *p, size_t n, void *user)
{
	(void)user;
	atomic_fetch_add(&allocations, 1);
	return realloc(p, n);
}

static void counting_free(void *p, void *user)
{
	(void)user;
	free(p);
}

struct digester {
	airs_model *m;
	const airs_result *r;
	char hex[65], prov[65];
	int rc;
};

static void *digest_thread(void *arg)
{
	struct digester *d = arg;
	airs_provenance p = AIRS_PROVENANCE_INIT;

	d->rc = airs_model_digest(d->m, d->hex);
	if (!d->rc)
		d->rc = airs_result_provenance(d->r, &p);
	memcpy(d->prov, p.input_digest, sizeof d->prov);
	return NULL;
}

/* The digest is computed once per model and kept: threads that ask for it
 * at the same time on a fresh shared model all get the pinned value, and
 * afterwards asking again - directly or through a result's provenance -
 * allocates nothing (computing allocates its sort buffers). */
START_TEST(input_digest_is_kept)
{
	static const char pinned[] =
		"e955fe199bc6b6cc3462e59243c2d33835827e89001367e59c8cce59386cfe90";
	airs_allocator a = AIRS_ALLOCATOR_INIT;
	struct digester d[8];
	pthread_t tid[8];
	airs_model *m = odd_model();
	airs_result *r;
	airs_provenance p = AIRS_PROVENANCE_INIT;
	char hex[65];
	long before, after;
	size_t i;

	r = score_with(m, 0);
	for (i = 0; i < 8; i++) {
		d[i].m = m;
		d[i].r = r;
		ck_assert_int_eq(pthread_create(&tid[i], NULL, digest_thread, &d[i]), 0);
	}
	for (i = 0; i < 8; i++) /* all of them before any check can jump out */
		ck_assert_int_eq(pthread_join(tid[i], NULL), 0);
	for (i = 0; i < 8; i++) {
		ck_assert_int_eq(d[i].rc, AIRS_OK);
		ck_assert_str_eq(d[i].hex, pinned);
		ck_assert_str_eq(d[i].prov, pinned);
	}
	airs_result_free(r);
	airs_model_free(m);

	/* a model of the counting allocator: the first digest allocates, the
	 * next ones do not */
	a.malloc = counting_malloc;
	a.realloc = counting_realloc;
	a.free = counting_free;
	ck_assert_int_eq(airs_model_new(&m, &a), AIRS_OK);
	{
		airs_unit_rec u = AIRS_UNIT_REC_INIT;
		airs_role_rec ro = AIRS_ROLE_REC_INIT;
		airs_employee_rec e = AIRS_EMPLOYEE_REC_INIT;
		u.id = u.name = "U";
		ro.id = ro.name = "R";
		e.id = "E";
		e.unit_id = "U";
		e.role_id = "R";
		OK(airs_model_add_unit(m, &u));
		OK(airs_model_add_role(m, &ro));
		OK(airs_model_add_employee(m, &e));
		ck_assert_int_eq(airs_model_digest(m, hex), AIRS_ESTATE);
		OK(airs_model_finish(m));
	}
	r = score_with(m, 0);
	before = atomic_load(&allocations);
	ck_assert_int_eq(airs_model_digest(m, hex), AIRS_OK);
	after = atomic_load(&allocations);
	ck_assert_int_gt(after, before);
	before = after;
	ck_assert_int_eq(airs_model_digest(m, hex), AIRS_OK);
	ck_assert_int_eq(airs_result_provenance(r, &p), AIRS_OK);
	after = atomic_load(&allocations);
	ck_assert_int_eq(after, before);
	ck_assert_str_eq(p.input_digest, hex);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

/* ------------------------------------------------------------------------
 * Privacy, errors, escaping
 * ---------------------------------------------------------------------- */

START_TEST(construct_scores_only_on_opt_in)
{
	airs_model *m = build(0);
	airs_result *r0 = score_with(m, 0), *r1 = score_with(m, 1);
	char *csv0 = export(r0, AIRS_TABLE_EMPLOYEES, AIRS_OUTPUT_CSV);
	char *json0 = export(r0, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON);
	char *csv1 = export(r1, AIRS_TABLE_EMPLOYEES, AIRS_OUTPUT_CSV);
	char *json1 = export(r1, AIRS_TABLE_EMPLOYEES, AIRS_OUTPUT_JSON);

	ck_assert_ptr_null(strstr(csv0, "construct_"));
	/* units carry construct aggregates; employees never their own */
	ck_assert_ptr_nonnull(strstr(json0, "\"employees\": [\n"));
	ck_assert_ptr_null(strstr(strstr(json0, "\"employees\": [\n"), "\"constructs\""));
	ck_assert_ptr_nonnull(strstr(csv1, ",flags_evaluated,construct_clarity,"
	                                   "construct_usefulness,construct_trust,"
	                                   "construct_security,construct_support,"
	                                   "construct_voice,construct_recommend,"
	                                   "construct_time_saved,"
	                                   "construct_error_change\n"));
	/* E1: clarity 5 -> 1, trust 4 -> 0.75, security reversed 2 -> 0.75,
	 * support 4 -> 0.75; readiness 88.75 with sentiment 0.8125 */
	ck_assert_ptr_nonnull(strstr(csv1, "\nE1,TEAM-A,analyst,1,88.75,"));
	ck_assert_ptr_nonnull(strstr(csv1, ",1,,0.75,0.75,0.75,,,,\n"));
	ck_assert_ptr_nonnull(strstr(json1, "\"constructs\": {\"clarity\": 1, "
	                                    "\"usefulness\": null, \"trust\": 0.75, "
	                                    "\"security\": 0.75, \"support\": 0.75, "));
	free(csv0);
	free(json0);
	free(csv1);
	free(json1);
	airs_result_free(r0);
	airs_result_free(r1);
	airs_model_free(m);
}
END_TEST

START_TEST(writer_failure_and_bad_arguments)
{
	airs_model *m = build(0);
	airs_result *r = score_with(m, 0);
	airs_diag d = AIRS_DIAG_INIT;
	struct buf b = { 0 };
	int calls, k;

	/* how many pieces the whole document takes */
	ck_assert_int_eq(airs_result_write(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON,
	                                   collect, &b, NULL), AIRS_OK);
	calls = b.calls;
	ck_assert_int_gt(calls, 1);
	for (k = 1; k <= calls; k++) {
		free(b.p);
		memset(&b, 0, sizeof b);
		b.fail_at = k;
		ck_assert_int_eq(airs_result_write(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON,
		                                   collect, &b, &d), AIRS_EIO);
		ck_assert_int_eq(b.calls, k); /* nothing more after the failure */
		ck_assert_int_eq(d.status, AIRS_EIO);
		ck_assert_str_eq(d.text, "the writer failed");
	}
	free(b.p);
	memset(&b, 0, sizeof b);
	b.fail_at = 1;
	ck_assert_int_eq(airs_result_write(r, AIRS_TABLE_PROVENANCE, AIRS_OUTPUT_CSV,
	                                   collect, &b, NULL), AIRS_EIO);

	ck_assert_int_eq(airs_result_write(NULL, 0, 0, collect, &b, &d), AIRS_EINVAL);
	ck_assert_int_eq(airs_result_write(r, 0, 0, NULL, &b, &d), AIRS_EINVAL);
	ck_assert_int_eq(airs_result_write(r, -1, 0, collect, &b, &d), AIRS_EINVAL);
	ck_assert_int_eq(airs_result_write(r, AIRS_TABLE_MANAGERS + 1, 0, collect, &b, &d), AIRS_EINVAL);
	ck_assert_int_eq(airs_result_write(r, 0, 2, collect, &b, &d), AIRS_EINVAL);
	ck_assert_int_eq(airs_result_write(r, AIRS_TABLE_ALL, AIRS_OUTPUT_CSV,
	                                   collect, &b, &d), AIRS_EINVAL);
	ck_assert_ptr_nonnull(strstr(d.text, "JSON document"));
	d.size = 1;
	ck_assert_int_eq(airs_result_write(r, 0, 0, collect, &b, &d), AIRS_EINVAL);
	ck_assert_int_eq(b.calls, 1); /* no call was made by the refusals */

	ck_assert_str_eq(airs_table_name(AIRS_TABLE_EMPLOYEES), "employees");
	ck_assert_str_eq(airs_table_name(AIRS_TABLE_SKILL_GAPS), "skill_gaps");
	ck_assert_str_eq(airs_table_name(AIRS_TABLE_ALL), "all");
	ck_assert_str_eq(airs_table_name(6), "tools");
	ck_assert_str_eq(airs_table_name(AIRS_TABLE_COVERAGE), "coverage");
	ck_assert_ptr_null(airs_table_name(AIRS_TABLE_MANAGERS + 1));
	ck_assert_ptr_null(airs_table_name(-1));
	free(b.p);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(awkward_text_is_escaped)
{
	airs_model *m;
	airs_result *r;
	airs_unit_rec u = AIRS_UNIT_REC_INIT;
	airs_role_rec ro = AIRS_ROLE_REC_INIT;
	airs_employee_rec e = AIRS_EMPLOYEE_REC_INIT;
	char *csv, *json;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	u.id = "Sales, \"EMEA\"";
	u.name = "Ventes \xc3\xa9t\xc3\xa9\r\nline\t2 \\ \"q\"";
	ro.id = "r,1";
	ro.name = "Role";
	e.id = "emp \"1\"";
	e.unit_id = u.id;
	e.role_id = ro.id;
	OK(airs_model_add_unit(m, &u));
	OK(airs_model_add_role(m, &ro));
	OK(airs_model_add_employee(m, &e));
	OK(airs_model_finish(m));
	ck_assert_int_eq(airs_score(m, NULL, &r, NULL), AIRS_OK);

	csv = export(r, AIRS_TABLE_EMPLOYEES, AIRS_OUTPUT_CSV);
	ck_assert_ptr_nonnull(strstr(csv, "\n\"emp \"\"1\"\"\",\"Sales, \"\"EMEA\"\"\",\"r,1\",0,"));
	free(csv);
	csv = export(r, AIRS_TABLE_UNITS, AIRS_OUTPUT_CSV);
	ck_assert_ptr_nonnull(strstr(csv, "\nunit,\"Sales, \"\"EMEA\"\"\",\"Ventes "
	                                  "\xc3\xa9t\xc3\xa9\r\nline\t2 \\ \"\"q\"\"\",,0,1,"));
	free(csv);
	json = export(r, AIRS_TABLE_UNITS, AIRS_OUTPUT_JSON);
	ck_assert(json_valid(json));
	ck_assert_ptr_nonnull(strstr(json, "\"id\": \"Sales, \\\"EMEA\\\"\", \"name\": "
	                                   "\"Ventes \xc3\xa9t\xc3\xa9\\u000d\\u000aline"
	                                   "\\u00092 \\\\ \\\"q\\\"\""));
	free(json);
	json = export(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON);
	ck_assert(json_valid(json));
	ck_assert_ptr_nonnull(strstr(json, "{\"id\": \"emp \\\"1\\\"\""));
	free(json);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

/* Text the model never accepts still cannot break the writers: every
 * control character is \u-escaped and invalid UTF-8 becomes U+FFFD. */
START_TEST(writers_on_any_bytes)
{
	struct buf b = { 0 };
	airs__sink s;
	airs__json j;
	airs__csvout c;

	airs__sink_init(&s, collect, &b);
	airs__json_init(&j, &s);
	airs__json_begin_array(&j, 1);
	airs__json_string(&j, "\x01\x1f\x7f \xff \xc3 \xe2\x82\xac \xed\xa0\x80 \xf0\x9f\x98\x80");
	airs__json_number(&j, NAN);
	airs__json_number(&j, INFINITY);
	airs__json_number(&j, -0.0);
	airs__json_number(&j, 1.0 / 3);
	airs__json_uint(&j, UINT64_MAX);
	airs__json_string(&j, NULL);
	airs__json_begin_object(&j, 0);
	airs__json_end_object(&j);
	airs__json_end_array(&j);
	airs__json_finish(&j);
	ck_assert_int_eq(airs__sink_finish(&s), AIRS_OK);
	ck_assert_str_eq(b.p, "[\"\\u0001\\u001f\x7f \\ufffd \\ufffd \xe2\x82\xac "
	                      "\\ufffd\\ufffd\\ufffd \xf0\x9f\x98\x80\", null, null, 0, "
	                      "0.333333333, 18446744073709551615, null, {}]\n");
	ck_assert(json_valid(b.p));
	free(b.p);

	memset(&b, 0, sizeof b);
	airs__sink_init(&s, collect, &b);
	airs__csvout_init(&c, &s);
	airs__csvout_string(&c, "plain");
	airs__csvout_string(&c, "a,b");
	airs__csvout_string(&c, "say \"hi\"");
	airs__csvout_string(&c, "cr\r");
	airs__csvout_number(&c, NAN);
	airs__csvout_number(&c, 2.5);
	airs__csvout_string(&c, NULL);
	airs__csvout_end_row(&c);
	airs__csvout_int(&c, -3);
	airs__csvout_end_row(&c);
	ck_assert_int_eq(airs__sink_finish(&s), AIRS_OK);
	ck_assert_str_eq(b.p, "plain,\"a,b\",\"say \"\"hi\"\"\",\"cr\r\",,2.5,\n-3\n");
	free(b.p);
}
END_TEST

/* Reference escaping, byte by byte, for the test below. */
static size_t ref_utf8(const unsigned char *s)
{
	unsigned c = s[0];
	uint32_t cp;
	size_t n, i;

	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0)
		n = 2, cp = c & 0x1f;
	else if ((c & 0xf0) == 0xe0)
		n = 3, cp = c & 0x0f;
	else if ((c & 0xf8) == 0xf0)
		n = 4, cp = c & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0; /* also stops at the NUL */
		cp = cp << 6 | (s[i] & 0x3fu);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
	    (n == 4 && cp < 0x10000) || (cp >= 0xd800 && cp <= 0xdfff) ||
	    cp > 0x10ffff)
		return 0;
	return n;
}

static size_t ref_json(const char *str, char *out)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t o = 0, k;

	out[o++] = '"';
	while (*s) {
		if (*s == '"' || *s == '\\') {
			out[o++] = '\\';
			out[o++] = (char)*s++;
		} else if (*s < 0x20) {
			o += (size_t)sprintf(out + o, "\\u%04x", *s++);
		} else if ((k = ref_utf8(s)) != 0) {
			memcpy(out + o, s, k);
			o += k;
			s += k;
		} else {
			memcpy(out + o, "\\ufffd", 6);
			o += 6;
			s++;
		}
	}
	out[o++] = '"';
	return o;
}

static size_t ref_csv(const char *s, char *out)
{
	size_t o = 0;

	if (!strpbrk(s, ",\"\r\n")) {
		strcpy(out, s);
		return strlen(s);
	}
	out[o++] = '"';
	for (; *s; s++) {
		if (*s == '"')
			out[o++] = '"';
		out[o++] = *s;
	}
	out[o++] = '"';
	return o;
}

/* The writers against the references on random text rich in what they
 * treat specially, through one sink each: the same bytes, handed over in
 * whole 4096-byte pieces and then the rest. */
START_TEST(writers_match_a_reference)
{
	static const char *const parts[] = {
		"\"", "\\", ",", "\r", "\n", "\t", "\x01", "\x1f", "\x7f", " ", "a",
		"plain text ", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
		"\xc3", "\xe2\x82", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf",
		"\xe0\x80\xaf", "\xf0\x80\x80\xaf", "\xff", "\x80", "\xf5\x80\x80\x80",
	};
	struct buf bj = { 0 }, bc = { 0 };
	char *want_j = malloc(1 << 22), *want_c = malloc(1 << 22), str[400];
	size_t nj = 0, nc = 0, len;
	airs__sink sj, sc;
	airs__csvout c;
	uint32_t rng = 7;
	int round;

	ck_assert_ptr_nonnull(want_j);
	ck_assert_ptr_nonnull(want_c);
	airs__sink_init(&sj, collect, &bj);
	airs__sink_init(&sc, collect, &bc);
	airs__csvout_init(&c, &sc);
	for (round = 0; round < 5000; round++) {
		size_t target;
		len = 0;
		rng = rng * 1103515245u + 12345u;
		target = (rng >> 16) % 300;
		while (len < target) {
			const char *p;
			rng = rng * 1103515245u + 12345u;
			p = parts[(rng >> 16) % (sizeof parts / sizeof parts[0])];
			if (len + strlen(p) >= sizeof str)
				break;
			memcpy(str + len, p, strlen(p));
			len += strlen(p);
		}
		str[len] = '\0';
		airs__json_quote(&sj, str);
		nj += ref_json(str, want_j + nj);
		airs__csvout_string(&c, str);
		airs__csvout_end_row(&c);
		nc += ref_csv(str, want_c + nc);
		want_c[nc++] = '\n';
	}
	ck_assert_int_eq(airs__sink_finish(&sj), AIRS_OK);
	ck_assert_int_eq(airs__sink_finish(&sc), AIRS_OK);
	ck_assert_uint_eq(bj.n, nj);
	ck_assert(memcmp(bj.p, want_j, nj) == 0);
	ck_assert_uint_eq(bc.n, nc);
	ck_assert(memcmp(bc.p, want_c, nc) == 0);
	ck_assert_uint_eq(bj.max_piece, 4096);
	ck_assert_int_eq(bj.calls, (int)((nj + 4095) / 4096));
	ck_assert_int_eq(bc.calls, (int)((nc + 4095) / 4096));
	free(bj.p);
	free(bc.p);
	free(want_j);
	free(want_c);
}
END_TEST


/* ------------------------------------------------------------------------
 * Row selection (airs_result_write_v2)
 * ---------------------------------------------------------------------- */

static char *export_sel(const airs_result *r, int table, int output,
                        const airs_export_options *o)
{
	struct buf b = { 0 };
	airs_diag d = AIRS_DIAG_INIT;

	ck_assert_msg(airs_result_write_v2(r, table, output, o, collect, &b, &d)
	              == AIRS_OK, "%s", d.text);
	if (!b.p)
		b.p = calloc(1, 1);
	return b.p;
}

/* One export through collect into *b (reset first): its status. */
static int export_into(const airs_result *r, int table, int output,
                       const airs_export_options *o, struct buf *b,
                       int fail_at)
{
	free(b->p);
	memset(b, 0, sizeof *b);
	b->fail_at = fail_at;
	return airs_result_write_v2(r, table, output, o, collect, b, NULL);
}

/* export-rows.c: rows cut into chunks of 1, 2, 5 and 1,000 rows
 * (AIRS_TEST_EXPORT_CHUNK) and formatted on 1 or 3 threads give the
 * bytes, the pieces (every call's size) and the writer failures of rows
 * written one after another: CSV and JSON, the whole document, with a
 * unit selection (chunks with no row) and with opted-in sentiment. */
START_TEST(rows_in_chunks_are_the_same_output)
{
	static const char *const knob[] = { "1", "2", "5", "1000" };
	static const int table[][2] = {
		{ AIRS_TABLE_EMPLOYEES, AIRS_OUTPUT_CSV },
		{ AIRS_TABLE_EMPLOYEES, AIRS_OUTPUT_JSON },
		{ AIRS_TABLE_ALL, AIRS_OUTPUT_JSON },
	};
	airs_export_options o = AIRS_EXPORT_OPTIONS_INIT;
	struct buf want = { 0 }, got = { 0 };
	airs_model *m;
	airs_result *r[4];
	airs_params *p;
	size_t t, k, j, s;
	int calls, f;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(airs_load_dir(m, SOURCE_ROOT "/examples/data/sample",
	                               NULL, NULL), AIRS_OK);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	for (j = 0; j < 4; j++) { /* threads 1 and 3, opt-in 0 and 1 */
		ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
		ck_assert_int_eq(airs_params_set(p, "threads", j & 1 ? "3" : "1"),
		                 AIRS_OK);
		ck_assert_int_eq(airs_params_set(p, "privacy.individual_sentiment",
		                                 j & 2 ? "1" : "0"), AIRS_OK);
		ck_assert_int_eq(airs_score(m, p, &r[j], NULL), AIRS_OK);
		airs_params_free(p);
	}
	for (s = 0; s < 2; s++) /* all rows; a unit's */
	for (t = 0; t < 3; t++)
	for (j = 0; j < 4; j++) {
		o.unit_id = s ? "U-CUSTOPS" : NULL;
		unsetenv("AIRS_TEST_EXPORT_CHUNK");
		ck_assert_int_eq(export_into(r[j], table[t][0], table[t][1], &o,
		                             &want, 0), AIRS_OK);
		ck_assert_uint_gt(want.n, 10000);
		calls = want.calls;
		for (k = 0; k < 4; k++) {
			setenv("AIRS_TEST_EXPORT_CHUNK", knob[k], 1);
			ck_assert_int_eq(export_into(r[j], table[t][0], table[t][1],
			                             &o, &got, 0), AIRS_OK);
			ck_assert_uint_eq(got.n, want.n);
			ck_assert(memcmp(got.p, want.p, want.n) == 0);
			ck_assert_int_eq(got.calls, calls);
			ck_assert_uint_le(got.max_piece, 4096);
			/* pieces: whole buffers, then the rest */
			ck_assert_int_eq(got.short_pieces, 1);
			for (f = 1; f <= calls; f += calls / 3 + 1) {
				ck_assert_int_eq(export_into(r[j], table[t][0],
				                             table[t][1], &o, &got, f),
				                 AIRS_EIO);
				ck_assert_int_eq(got.calls, f);
				ck_assert_uint_eq(got.n, (size_t)(f - 1) * 4096);
				ck_assert(memcmp(got.p ? got.p : "", want.p, got.n) == 0);
			}
		}
	}
	unsetenv("AIRS_TEST_EXPORT_CHUNK");
	free(want.p);
	free(got.p);
	for (j = 0; j < 4; j++)
		airs_result_free(r[j]);
	airs_model_free(m);
}
END_TEST

/* Is unit `id` of model m in the subtree of `top` (by the parent chain)? */
static int under(const airs_model *m, const char *id, const char *top)
{
	while (id) {
		airs_unit_rec u = AIRS_UNIT_REC_INIT;
		size_t i;
		if (!strcmp(id, top))
			return 1;
		ck_assert_int_eq(airs_model_find(m, AIRS_ENTITY_UNIT, id, &i), AIRS_OK);
		ck_assert_int_eq(airs_model_get_unit(m, i, &u), AIRS_OK);
		id = u.parent_id;
	}
	return 0;
}

/* The lines of `full` whose first CSV field (or, for employees, the
 * unit in the second) passes keep(), in order: what a selection must give. */
static char *filter_lines(const char *full, int employees, const airs_model *m,
                          const char *top, const char *only)
{
	char *out = calloc(1, strlen(full) + 1), *o = out;
	const char *line = full;
	int first = 1;

	while (*line) {
		const char *end = strchr(line, '\n') + 1, *f = line;
		char field[300];
		size_t n;
		int c, keep = first;

		for (c = 0; c < 1; c++)         /* unit_id is column 1 */
			f = strchr(f, ',') + 1;
		n = strcspn(f, ",\n");
		memcpy(field, f, n);
		field[n] = '\0';
		if (!first) {
			if (!employees) {
				keep = *field && under(m, field, top);
			} else {               /* the employee's id is column 0 */
				char id[300];
				size_t k = strcspn(line, ",");
				memcpy(id, line, k);
				id[k] = '\0';
				keep = (!top || under(m, field, top)) &&
				       (!only || !strcmp(id, only));
			}
		}
		if (keep) {
			memcpy(o, line, (size_t)(end - line));
			o += end - line;
		}
		first = 0;
		line = end;
	}
	return out;
}

START_TEST(selected_rows_are_the_full_export_s_rows)
{
	airs_model *m;
	airs_result *r;
	airs_export_options o = AIRS_EXPORT_OPTIONS_INIT;
	const char *one[] = { "E000123" };
	char *full, *got, *want;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(airs_load_dir(m, SOURCE_ROOT "/examples/data/sample",
	                               NULL, NULL), AIRS_OK);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	r = score_with(m, 0);

	/* a subtree: employees of it, its units, no organisation */
	o.unit_id = "U-CUSTOPS";
	full = export(r, AIRS_TABLE_EMPLOYEES, AIRS_OUTPUT_CSV);
	got = export_sel(r, AIRS_TABLE_EMPLOYEES, AIRS_OUTPUT_CSV, &o);
	want = filter_lines(full, 1, m, "U-CUSTOPS", NULL);
	ck_assert_uint_gt(strlen(want), 1000);
	ck_assert_str_eq(got, want);
	free(got), free(want), free(full);
	full = export(r, AIRS_TABLE_CONSTRUCTS, AIRS_OUTPUT_CSV);
	got = export_sel(r, AIRS_TABLE_CONSTRUCTS, AIRS_OUTPUT_CSV, &o);
	want = filter_lines(full, 0, m, "U-CUSTOPS", NULL);
	ck_assert_str_eq(got, want);
	ck_assert_ptr_null(strstr(got, "organisation"));
	free(got), free(want), free(full);

	/* one employee: only that row; unit tables untouched */
	o.unit_id = NULL;
	o.employee_ids = one;
	o.employee_count = 1;
	full = export(r, AIRS_TABLE_EMPLOYEES, AIRS_OUTPUT_CSV);
	got = export_sel(r, AIRS_TABLE_EMPLOYEES, AIRS_OUTPUT_CSV, &o);
	want = filter_lines(full, 1, m, NULL, "E000123");
	ck_assert_str_eq(got, want);
	ck_assert_uint_eq(strchr(strchr(got, '\n') + 1, '\n') -
	                  strchr(got, '\n'), strlen(strchr(got, '\n') + 1));
	free(got), free(want), free(full);
	full = export(r, AIRS_TABLE_UNITS, AIRS_OUTPUT_JSON);
	got = export_sel(r, AIRS_TABLE_UNITS, AIRS_OUTPUT_JSON, &o);
	ck_assert_str_eq(got, full);
	free(got), free(full);

	/* the whole document says what was selected */
	o.unit_id = "U-CUSTOPS";
	got = export_sel(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON, &o);
	ck_assert(json_valid(got));
	ck_assert_ptr_nonnull(strstr(got, "  \"selection\": {\n"
	                             "    \"unit_id\": \"U-CUSTOPS\",\n"
	                             "    \"employee_ids\": [\"E000123\"]\n"
	                             "  },\n  \"coverage\": {\"scope\": \"unit\", "
	                             "\"unit_id\": \"U-CUSTOPS\""));
	ck_assert_ptr_nonnull(strstr(got, "\n  \"organisation\": null,\n"));
	free(got);
	/* a manager (since 1.2): that manager's line only in the managers
	 * table, rows as in the full table; other tables untouched */
	{
		airs_export_options mo = AIRS_EXPORT_OPTIONS_INIT;
		const char *line;
		size_t n = 0;
		mo.manager_id = "E000002";
		full = export(r, AIRS_TABLE_MANAGERS, AIRS_OUTPUT_CSV);
		got = export_sel(r, AIRS_TABLE_MANAGERS, AIRS_OUTPUT_CSV, &mo);
		for (line = got; (line = strchr(line, '\n')) && line[1]; line++) {
			const char *end = strchr(line + 1, '\n');
			char row[4096];
			ck_assert_uint_lt((size_t)(end - line), sizeof row);
			memcpy(row, line + 1, (size_t)(end - line));
			row[end - line] = '\0';
			ck_assert_ptr_nonnull(strstr(full, row));
			n++;
		}
		ck_assert_uint_ge(n, 2);
		ck_assert(strstr(got, "direct_reports,E000002,E000001,") != NULL);
		ck_assert_ptr_null(strstr(got, ",E000001,,")); /* not the CEO */
		ck_assert_uint_lt(strlen(got), strlen(full));
		free(got), free(full);
		full = export(r, AIRS_TABLE_UNITS, AIRS_OUTPUT_CSV);
		got = export_sel(r, AIRS_TABLE_UNITS, AIRS_OUTPUT_CSV, &mo);
		ck_assert_str_eq(got, full);
		free(got), free(full);
		got = export_sel(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON, &mo);
		ck_assert(json_valid(got));
		ck_assert_ptr_nonnull(strstr(got, "\"manager_id\": \"E000002\""));
		free(got);
	}
	/* zero options are the plain export, byte for byte */
	{
		airs_export_options z = AIRS_EXPORT_OPTIONS_INIT;
		full = export(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON);
		got = export_sel(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON, &z);
		ck_assert_str_eq(got, full);
		free(got), free(full);
	}
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(selection_errors_name_the_id)
{
	airs_model *m = tiny(5);
	airs_result *r = score_with(m, 0);
	airs_export_options o = AIRS_EXPORT_OPTIONS_INIT;
	const char *ids[] = { "E", "NOBODY" };
	struct buf b = { 0 };
	airs_diag d = AIRS_DIAG_INIT;

	o.unit_id = "U-NOWHERE";
	ck_assert_int_eq(airs_result_write_v2(r, AIRS_TABLE_UNITS, AIRS_OUTPUT_CSV,
	                                      &o, collect, &b, &d), AIRS_ENOTFOUND);
	ck_assert_str_eq(d.text, "unit_id: \"U-NOWHERE\" is not a unit of the "
	                 "result");
	o.unit_id = NULL;
	o.employee_ids = ids;
	o.employee_count = 2;
	ck_assert_int_eq(airs_result_write_v2(r, AIRS_TABLE_EMPLOYEES,
	                                      AIRS_OUTPUT_CSV, &o, collect, &b, &d),
	                 AIRS_ENOTFOUND);
	ck_assert_str_eq(d.text, "employee_ids[1]: \"NOBODY\" is not an employee "
	                 "of the result");
	o.employee_ids = NULL;
	ck_assert_int_eq(airs_result_write_v2(r, AIRS_TABLE_EMPLOYEES,
	                                      AIRS_OUTPUT_CSV, &o, collect, &b, &d),
	                 AIRS_EINVAL);
	o.employee_count = 0;
	o.manager_id = "E";
	ck_assert_int_eq(airs_result_write_v2(r, AIRS_TABLE_MANAGERS,
	                                      AIRS_OUTPUT_CSV, &o, collect, &b, &d),
	                 AIRS_ENOTFOUND);
	ck_assert_str_eq(d.text, "manager_id: \"E\" is not a manager of the "
	                 "result (nobody reports to them)");
	ck_assert_uint_eq(b.n, 0);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

/* Fuzz finding F11 (tests/fuzz/findings/README.md): the whole-result
 * document's "parameters" listed `threads`, so the same result scored on
 * another number of threads exported other bytes, and the block was not
 * "the text the parameters digest is computed over" (docs/output-format.md,
 * docs/configuration.md).  The block is exactly that text: its lines, as
 * name=value lines, hash to the provenance's params_digest. */
START_TEST(parameters_block_is_the_digested_text)
{
	airs_model *m = build(0);
	char *doc[2], digest[65], line[160];
	const char *threads[2] = { "1", "3" }, *at, *end;
	unsigned char h[AIRS__SHA256_LEN];
	airs_provenance v = AIRS_PROVENANCE_INIT;
	airs__sha256 c;
	int k;

	for (k = 0; k < 2; k++) {
		airs_params *p;
		airs_result *r;
		ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
		ck_assert_int_eq(airs_params_set(p, "weights.skill", "0.5"), AIRS_OK);
		ck_assert_int_eq(airs_params_set(p, "threads", threads[k]), AIRS_OK);
		ck_assert_int_eq(airs_score(m, p, &r, NULL), AIRS_OK);
		doc[k] = export(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON);
		ck_assert_int_eq(airs_result_provenance(r, &v), AIRS_OK);
		airs_result_free(r);
		airs_params_free(p);
	}
	ck_assert_ptr_null(strstr(doc[0], "\"threads\""));
	ck_assert_msg(!strcmp(doc[0], doc[1]),
	              "the document depends on the number of threads");

	/* "name": "value" lines between "parameters": { and } */
	at = strstr(doc[0], "\n  \"parameters\": {\n");
	ck_assert_ptr_nonnull(at);
	at = strchr(at + 1, '\n') + 1;
	end = strstr(at, "\n  }");
	ck_assert_ptr_nonnull(end);
	airs__sha256_init(&c);
	while (at < end) {
		const char *nl = strchr(at, '\n');
		char name[80], value[64];
		ck_assert_int_eq(sscanf(at, " \"%79[^\"]\": \"%63[^\"]\"", name,
		                        value), 2);
		snprintf(line, sizeof line, "%s=%s\n", name, value);
		airs__sha256_update(&c, line, strlen(line));
		at = nl + 1;
	}
	airs__sha256_final(&c, h);
	airs__sha256_hex(h, digest);
	ck_assert_str_eq(digest, v.params_digest);
	free(doc[0]);
	free(doc[1]);
	airs_model_free(m);
}
END_TEST

/* A rollup alone (since 1.2): the units, constructs and skill gaps of
 * airs_rollup_export() are the result's own tables, byte for byte, in
 * JSON and CSV; the document carries the rollup's provenance. */
static char *export_rollup(const airs_rollup *ru, int table, int output)
{
	struct buf b = { 0 };
	airs_diag d = AIRS_DIAG_INIT;

	ck_assert_msg(airs_rollup_export(ru, table, output, collect, &b, &d) ==
	              AIRS_OK, "%s", d.text);
	if (!b.p)
		b.p = calloc(1, 1);
	return b.p;
}

START_TEST(rollup_tables_are_the_result_s)
{
	static const int tables[] = { AIRS_TABLE_UNITS, AIRS_TABLE_CONSTRUCTS,
	                              AIRS_TABLE_SKILL_GAPS };
	airs_model *m = odd_model();
	airs_result *r = score_with(m, 0);
	const airs_rollup *ru = airs_result_rollup(r);
	struct buf b = { 0 };
	airs_diag d = AIRS_DIAG_INIT;
	char *a, *c, date[11], want[160];
	size_t i;
	int o;

	for (i = 0; i < 3; i++)
		for (o = 0; o < 2; o++) {
			int out = o ? AIRS_OUTPUT_CSV : AIRS_OUTPUT_JSON;
			a = export(r, tables[i], out);
			c = export_rollup(ru, tables[i], out);
			ck_assert_msg(!strcmp(a, c), "table %d differs", tables[i]);
			ck_assert_uint_gt(strlen(a), 10);
			free(a);
			free(c);
		}
	c = export_rollup(ru, AIRS_TABLE_PROVENANCE, AIRS_OUTPUT_CSV);
	airs_date_format(airs_result_as_of(r), date);
	snprintf(want, sizeof want, "\nas_of,%s\nparams_digest,%s\n", date,
	         airs_rollup_params_digest(ru));
	ck_assert_ptr_nonnull(strstr(c, want));
	ck_assert_ptr_null(strstr(c, "input_digest"));
	free(c);
	c = export_rollup(ru, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON);
	ck_assert_ptr_nonnull(strstr(c, "\"schema\": \"airs-rollup-report/1\""));
	ck_assert_ptr_nonnull(strstr(c, "\"organisation\": {"));
	free(c);
	ck_assert_int_eq(airs_rollup_export(ru, AIRS_TABLE_EMPLOYEES,
	                 AIRS_OUTPUT_CSV, collect, &b, &d), AIRS_EINVAL);
	ck_assert_ptr_nonnull(strstr(d.text, "need the result"));
	ck_assert_int_eq(airs_rollup_export(ru, AIRS_TABLE_ALL, AIRS_OUTPUT_CSV,
	                                    collect, &b, &d), AIRS_EINVAL);
	ck_assert_int_eq(airs_rollup_export(NULL, AIRS_TABLE_UNITS,
	                 AIRS_OUTPUT_CSV, collect, &b, &d), AIRS_EINVAL);
	ck_assert_ptr_null(b.p);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("export");
	TCase *tc = tcase_create("export");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, worked_example_employees_csv);
	tcase_add_test(tc, rollup_tables_are_the_result_s);
	tcase_add_test(tc, worked_example_units_csv);
	tcase_add_test(tc, worked_example_json);
	tcase_add_test(tc, identical_bytes_whatever_the_row_order);
	tcase_add_test(tc, provenance_identifies_parameters_and_input);
	tcase_add_test(tc, input_digest_is_pinned);
	tcase_add_test(tc, input_digest_is_kept);
	tcase_add_test(tc, construct_scores_only_on_opt_in);
	tcase_add_test(tc, writer_failure_and_bad_arguments);
	tcase_add_test(tc, awkward_text_is_escaped);
	tcase_add_test(tc, writers_on_any_bytes);
	tcase_add_test(tc, writers_match_a_reference);
	tcase_add_test(tc, selected_rows_are_the_full_export_s_rows);
	tcase_add_test(tc, selection_errors_name_the_id);
	tcase_add_test(tc, parameters_block_is_the_digested_text);
	tcase_add_test(tc, rows_in_chunks_are_the_same_output);
	suite_add_tcase(s, tc);
	return s;
}

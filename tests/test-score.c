/*
 * Scoring: the worked example of docs/methodology.md section 7 to the last
 * digit, and the properties users rely on - explanations add up, row order
 * and attributes never matter, more skill or training never lowers a
 * score, and individual survey answers stay out of individual results
 * unless the caller opts in.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/airs.h"
#include "model.h"
#include "quantum.h"
#include "score.h"

#include "harness.h"

#define EPS 1e-9

#include "worked-example.h"

static airs_result *score(airs_model *m, int optin)
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

static airs_employee_score emp(const airs_result *r, const char *id)
{
	airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
	size_t i;

	ck_assert_int_eq(airs_result_find_employee(r, id, &i), AIRS_OK);
	ck_assert_int_eq(airs_result_employee(r, i, &e), AIRS_OK);
	return e;
}

START_TEST(worked_example_default)
{
	airs_model *m = build(0);
	airs_result *r = score(m, 0);
	airs_employee_score e1 = emp(r, "E1"), e2 = emp(r, "E2"), e3 = emp(r, "E3");

	ck_assert_int_eq(airs_result_as_of(r), day("2026-06-30"));
	/* E1 */
	ck_assert_double_eq_tol(e1.readiness, 91.25, EPS);
	ck_assert_int_eq(e1.level, 5);
	ck_assert_int_eq(e1.target, 4);
	ck_assert_double_eq_tol(e1.gap_levels, -1, EPS);
	ck_assert_double_eq_tol(e1.gap_points, -31.25, EPS);
	ck_assert_double_eq_tol(e1.component[AIRS_COMPONENT_SKILL], 1, EPS);
	ck_assert_double_eq_tol(e1.component[AIRS_COMPONENT_TRAINING], 0.5625, EPS);
	ck_assert_double_eq_tol(e1.component[AIRS_COMPONENT_ADOPTION], 1, EPS);
	ck_assert(isnan(e1.component[AIRS_COMPONENT_SENTIMENT]));
	ck_assert_uint_eq(e1.withheld, 1u << AIRS_COMPONENT_SENTIMENT);
	ck_assert_uint_eq(e1.coverage, (1u << AIRS_COMPONENT_SKILL) |
	                  (1u << AIRS_COMPONENT_TRAINING) | (1u << AIRS_COMPONENT_ADOPTION));
	ck_assert_double_eq_tol(e1.skill_coverage, 1, EPS);
	ck_assert_uint_eq(e1.flags, AIRS_FLAG_OVERCONFIDENCE);
	ck_assert_int_eq(e1.barrier, AIRS_BARRIER_NONE);
	ck_assert(e1.adkar[AIRS_ADKAR_AWARENESS] == 0); /* survey-based: unknown */
	ck_assert_double_eq_tol(e1.adkar[AIRS_ADKAR_KNOWLEDGE], 5, EPS);
	/* methodology 1.1: nothing unknown, so the range is the readiness */
	ck_assert_int_eq(e1.evidence, AIRS_EVIDENCE_SUFFICIENT);
	ck_assert_double_eq(e1.readiness_low, e1.readiness);
	ck_assert_double_eq(e1.readiness_high, e1.readiness);
	ck_assert_uint_eq(e1.skills_required, 2);
	ck_assert_uint_eq(e1.skills_assessed, 2);
	/* E2 */
	ck_assert_double_eq_tol(e2.readiness, 34825.0 / 888.0, EPS);
	ck_assert_double_eq_tol(e2.readiness, 39.217342342, 1e-9);
	ck_assert_int_eq(e2.level, 2);
	ck_assert_double_eq_tol(e2.gap_levels, 2, EPS);
	ck_assert_double_eq_tol(e2.gap_points, 20.782657658, 1e-9);
	ck_assert_double_eq_tol(e2.skill_coverage, 2.0 / 3, EPS);
	ck_assert_double_eq_tol(e2.component[AIRS_COMPONENT_SKILL], 2.0 / 3, EPS);
	ck_assert_double_eq_tol(e2.component[AIRS_COMPONENT_TRAINING], 0.09375, EPS);
	ck_assert_double_eq_tol(e2.component[AIRS_COMPONENT_ADOPTION], 0.25, EPS);
	ck_assert_uint_eq(e2.flags, AIRS_FLAG_LEFT_BEHIND);
	ck_assert_int_eq(e2.barrier, AIRS_ADKAR_ABILITY);
	ck_assert_double_eq_tol(e2.adkar[AIRS_ADKAR_KNOWLEDGE], 1 + 4 * 2.0 / 3, EPS);
	ck_assert_double_eq_tol(e2.adkar[AIRS_ADKAR_ABILITY], 2, EPS);
	/* 1 of 2 required skills (2/3 of the weight): exactly the minimum
	 * by number.  Range: data at 0 and at its level 2. */
	ck_assert_int_eq(e2.evidence, AIRS_EVIDENCE_SUFFICIENT);
	ck_assert_uint_eq(e2.skills_assessed, 1);
	ck_assert_double_eq_tol(e2.readiness_low, 6965.0 / 216, EPS);
	ck_assert_double_eq_tol(e2.readiness_low, 32.245370370, 1e-9);
	ck_assert_double_eq_tol(e2.readiness_high, 10805.0 / 216, EPS);
	ck_assert_double_eq_tol(e2.readiness_high, 50.023148148, 1e-9);
	/* E3: no skill assessment - no readiness, no level (methodology
	 * 1.1); what is known bounds it: 0 .. 100 * 0.40 / 0.75. */
	ck_assert(isnan(e3.readiness));
	ck_assert_int_eq(e3.evidence, AIRS_EVIDENCE_NO_SKILL_ASSESSMENT);
	ck_assert_double_eq(e3.readiness_low, 0);
	ck_assert_double_eq_tol(e3.readiness_high, 160.0 / 3, EPS);
	ck_assert_int_eq(e3.level, 0);
	ck_assert_int_eq(e3.target, 3);
	ck_assert(isnan(e3.gap_levels));
	ck_assert(isnan(e3.gap_points));
	ck_assert(isnan(e3.component[AIRS_COMPONENT_SKILL]));
	ck_assert_double_eq(e3.component[AIRS_COMPONENT_TRAINING], 0);
	ck_assert_double_eq(e3.component[AIRS_COMPONENT_ADOPTION], 0);
	/* left_behind reads the readiness: not evaluated without one */
	ck_assert_uint_eq(e3.flags, 0);
	ck_assert_uint_eq(e3.flags_evaluated & AIRS_FLAG_LEFT_BEHIND, 0);
	ck_assert_int_eq(e3.barrier, AIRS_ADKAR_ABILITY);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(worked_example_opt_in)
{
	airs_model *m = build(0);
	airs_result *r = score(m, 1);
	airs_employee_score e1 = emp(r, "E1"), e2 = emp(r, "E2");
	double cs[AIRS_CONSTRUCT_COUNT_];

	ck_assert_double_eq_tol(e1.readiness, 88.75, EPS);
	ck_assert_double_eq_tol(e1.component[AIRS_COMPONENT_SENTIMENT], 0.8125, EPS);
	ck_assert_uint_eq(e1.withheld, 0);
	ck_assert_double_eq_tol(e1.adkar[0], 5, EPS);
	ck_assert_double_eq_tol(e1.adkar[1], 4, EPS);
	ck_assert_double_eq_tol(e1.adkar[2], 5, EPS);
	ck_assert_double_eq_tol(e1.adkar[3], 5, EPS);
	ck_assert_double_eq_tol(e1.adkar[4], 4, EPS);
	ck_assert_int_eq(e1.barrier, AIRS_BARRIER_NONE);
	ck_assert_double_eq_tol(e2.readiness, 35.116185897, 1e-9);
	ck_assert_int_eq(e2.barrier, AIRS_ADKAR_AWARENESS);
	/* With sentiment in the full weight (1): E1 nothing unknown, E2
	 * data unknown, E3 skills and sentiment unknown. */
	ck_assert_double_eq(e1.readiness_low, 88.75);
	ck_assert_double_eq(e1.readiness_high, 88.75);
	ck_assert_double_eq_tol(e2.readiness_low, 1753.0 / 57.6, EPS);
	ck_assert_double_eq_tol(e2.readiness_high, 1753.0 / 57.6 + 40.0 / 3, EPS);
	{
		airs_employee_score e3 = emp(r, "E3");
		ck_assert(isnan(e3.readiness));
		ck_assert_double_eq(e3.readiness_low, 0);
		ck_assert_double_eq_tol(e3.readiness_high, 65, EPS);
	}
	ck_assert_int_eq(airs_result_sentiment(r, 0, cs), AIRS_OK);
	ck_assert_double_eq_tol(cs[AIRS_CONSTRUCT_SECURITY], 0.75, EPS);
	ck_assert(isnan(cs[AIRS_CONSTRUCT_VOICE]));
	{
		/* the successor writes no more than it is given room for */
		double four[5] = { -7, -7, -7, -7, -7 };
		size_t n = 0;
		ck_assert_int_eq(airs_result_sentiment_v2(r, 0, four, 4, &n), AIRS_OK);
		ck_assert_uint_eq(n, AIRS_CONSTRUCT_COUNT_);
		ck_assert_double_eq_tol(four[AIRS_CONSTRUCT_SECURITY], 0.75, EPS);
		ck_assert_double_eq(four[4], -7);
		ck_assert_int_eq(airs_result_sentiment_v2(r, 0, NULL, 0, &n), AIRS_OK);
		ck_assert_int_eq(airs_result_sentiment_v2(r, 0, NULL, 1, &n),
		                 AIRS_EINVAL);
		ck_assert_int_eq(airs_result_sentiment_v2(r, 9, four, 4, &n),
		                 AIRS_ERANGE);
	}
	airs_result_free(r);
	r = score(m, 0);
	ck_assert_int_eq(airs_result_sentiment(r, 0, cs), AIRS_EPRIVACY);
	ck_assert_int_eq(airs_result_sentiment_v2(r, 0, cs, 9, NULL), AIRS_EPRIVACY);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(worked_example_units)
{
	airs_model *m = build(0);
	airs_result *r = score(m, 0);
	const airs_rollup *ru = airs_result_rollup(r);
	airs_unit_score u = AIRS_UNIT_SCORE_INIT;
	airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
	size_t i;

	ck_assert_uint_eq(airs_rollup_unit_count(ru), 3);
	ck_assert_int_eq(airs_rollup_find_unit(ru, "TEAM-A", &i), AIRS_OK);
	ck_assert_int_eq(airs_rollup_unit(ru, i, &u), AIRS_OK);
	ck_assert_uint_eq(u.headcount, 2);
	ck_assert_double_eq_tol(u.readiness_mean, 65.233671171, 1e-9);
	ck_assert_double_eq_tol(u.readiness_median, 65.233671171, 1e-9);
	ck_assert_uint_eq(u.levels[2], 1);
	ck_assert_uint_eq(u.levels[5], 1);
	ck_assert_int_eq(u.target, 4);
	ck_assert_double_eq_tol(u.gap_mean, 0.5, EPS);
	ck_assert_double_eq_tol(u.below_target_share, 0.5, EPS);
	ck_assert_uint_eq(u.flags[3], 1); /* overconfidence: E1 */
	ck_assert_uint_eq(u.flags[0], 1); /* left_behind: E2 */
	ck_assert_uint_eq(u.insufficient, 0);
	/* TEAM-B: E3 alone, counted apart (methodology 1.1) */
	ck_assert_int_eq(airs_rollup_find_unit(ru, "TEAM-B", &i), AIRS_OK);
	ck_assert_int_eq(airs_rollup_unit(ru, i, &u), AIRS_OK);
	ck_assert_uint_eq(u.headcount, 1);
	ck_assert_uint_eq(u.scored, 0);
	ck_assert_uint_eq(u.insufficient, 1);
	ck_assert_uint_eq(u.levels[0], 1);
	ck_assert_uint_eq(u.with_target, 0);
	ck_assert(isnan(u.readiness_mean));
	ck_assert(isnan(u.readiness_median));
	ck_assert(isnan(u.below_target_share));
	ck_assert(isnan(u.readiness_ci.low));
	ck_assert_uint_eq(u.flags[0], 0);
	ck_assert_int_eq(airs_rollup_org(ru, &u), AIRS_OK);
	ck_assert_uint_eq(u.headcount, 3);
	ck_assert_uint_eq(u.scored, 2);
	ck_assert_uint_eq(u.insufficient, 1);
	ck_assert_uint_eq(u.levels[0], 1);
	ck_assert_double_eq_tol(u.readiness_mean, 65.233671171, 1e-9);
	ck_assert_double_eq_tol(u.readiness_median, 65.233671171, 1e-9);
	ck_assert_double_eq_tol(u.below_target_share, 0.5, EPS);
	ck_assert_double_eq_tol(u.gap_mean, 0.5, EPS);
	/* No group reaches 5 respondents: every survey aggregate hidden. */
	ck_assert_int_eq(airs_rollup_construct(ru, AIRS_ROLLUP_ORG,
	                                       AIRS_CONSTRUCT_CLARITY, &c), AIRS_OK);
	ck_assert_msg(c.respondents == AIRS_SUPPRESSED, "respondents %llu mean %g",
	              (unsigned long long)c.respondents, c.mean);
	ck_assert(isnan(c.mean));
	ck_assert(isnan(c.perception_gap));
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(explanation_adds_up)
{
	airs_model *m = build(0);
	airs_result *r = score(m, 0);
	airs_contribution c[8];
	size_t n, i, k;
	double sum;

	for (k = 0; k < 8; k++) {
		c[k].size = sizeof c[k];
	}
	/* E1: prompting, data (skill id order: data < prompting), then the
	 * three other components. */
	ck_assert_int_eq(airs_result_find_employee(r, "E1", &i), AIRS_OK);
	ck_assert_int_eq(airs_result_explain(r, i, c, 8, &n), AIRS_OK);
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(c[0].skill_id, "data");
	ck_assert_double_eq_tol(c[0].points, 17.777777778, 1e-9);
	ck_assert_double_eq_tol(c[0].level, 2, EPS);
	ck_assert_double_eq_tol(c[0].confidence, 0.35, EPS);
	ck_assert_str_eq(c[1].skill_id, "prompting");
	ck_assert_double_eq_tol(c[1].points, 35.555555556, 1e-9);
	ck_assert_double_eq_tol(c[1].level, 4.8 / 1.4, EPS);
	ck_assert_int_eq(c[2].component, AIRS_COMPONENT_TRAINING);
	ck_assert_double_eq_tol(c[2].points, 11.25, EPS);
	ck_assert_int_eq(c[3].status, AIRS_CONTRIBUTION_WITHHELD);
	ck_assert_double_eq_tol(c[4].points, 26.666666667, 1e-9);
	for (i = 0; i < airs_result_employee_count(r); i++) {
		airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
		ck_assert_int_eq(airs_result_explain(r, i, c, 8, &n), AIRS_OK);
		ck_assert_int_eq(airs_result_employee(r, i, &e), AIRS_OK);
		for (sum = 0, k = 0; k < n; k++)
			sum += c[k].points;
		/* no readiness: every line's points are 0 */
		ck_assert(fabs(sum - (isnan(e.readiness) ? 0 : e.readiness)) < 1e-9);
	}
	/* E3's known components are shown, not counted (methodology 1.1) */
	ck_assert_int_eq(airs_result_find_employee(r, "E3", &i), AIRS_OK);
	ck_assert_int_eq(airs_result_explain(r, i, c, 8, &n), AIRS_OK);
	ck_assert_int_eq(c[2].component, AIRS_COMPONENT_TRAINING);
	ck_assert_int_eq(c[2].status, AIRS_CONTRIBUTION_UNSCORED);
	ck_assert_double_eq(c[2].value, 0);
	ck_assert_double_eq(c[2].points, 0);
	ck_assert_double_eq(c[2].weight, 0);
	ck_assert_int_eq(c[0].status, AIRS_CONTRIBUTION_NOT_ASSESSED);
	/* E2's data requirement is listed but not assessed. */
	ck_assert_int_eq(airs_result_find_employee(r, "E2", &i), AIRS_OK);
	ck_assert_int_eq(airs_result_explain(r, i, c, 8, &n), AIRS_OK);
	ck_assert_int_eq(c[0].status, AIRS_CONTRIBUTION_NOT_ASSESSED);
	ck_assert(isnan(c[0].value));
	/* Counting only. */
	ck_assert_int_eq(airs_result_explain(r, i, NULL, 0, &n), AIRS_OK);
	ck_assert_uint_eq(n, 5);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

/* Methodology 1.1: the reasons in words, the threshold's both sides, and
 * what the data cover. */
START_TEST(evidence_in_words_and_coverage)
{
	airs_model *m = build(0);
	airs_result *r = score(m, 0);
	airs_params *p;
	airs_coverage c = AIRS_COVERAGE_INIT;
	airs_employee_score e;
	char t[160];
	size_t i;

	ck_assert_int_eq(airs_result_find_employee(r, "E1", &i), AIRS_OK);
	ck_assert_uint_eq(airs_result_evidence_text(r, i, t, sizeof t), 30);
	ck_assert_str_eq(t, "all 2 required skills assessed");
	ck_assert_int_eq(airs_result_find_employee(r, "E2", &i), AIRS_OK);
	airs_result_evidence_text(r, i, t, sizeof t);
	ck_assert_str_eq(t, "1 of 2 required skills assessed (66% of their weight)");
	ck_assert_int_eq(airs_result_find_employee(r, "E3", &i), AIRS_OK);
	airs_result_evidence_text(r, i, t, sizeof t);
	ck_assert_str_eq(t, "no skill assessment (0 of 2 required skills assessed)");
	/* cut like snprintf; nothing for a bad index */
	ck_assert_uint_eq(airs_result_evidence_text(r, i, t, 3), 53);
	ck_assert_str_eq(t, "no");
	ck_assert_uint_eq(airs_result_evidence_text(r, 3, t, sizeof t), 0);
	ck_assert_uint_eq(airs_result_evidence_text(NULL, 0, t, sizeof t), 0);

	ck_assert_int_eq(airs_result_coverage(r, NULL, &c), AIRS_OK);
	ck_assert_uint_eq(c.employees, 3);
	ck_assert_uint_eq(c.scored, 2);
	ck_assert_uint_eq(c.insufficient, 1);
	ck_assert_uint_eq(c.no_skill_assessment, 1);
	ck_assert_uint_eq(c.no_requirements + c.few_skills_assessed +
	                  c.no_component, 0);
	ck_assert_uint_eq(c.inputs, (1u << AIRS_INPUT_COUNT_) - 1);
	ck_assert_uint_eq(c.with_requirements, 3);
	ck_assert_uint_eq(c.with_assessments, 2);
	ck_assert_uint_eq(c.with_training, 2);
	ck_assert_uint_eq(c.with_usage, 2);
	/* two respondents: the rollup hides the count, and so does this */
	ck_assert(c.respondents == AIRS_SUPPRESSED);
	ck_assert_int_eq(airs_result_coverage(r, "TEAM-B", &c), AIRS_OK);
	ck_assert_uint_eq(c.employees, 1);
	ck_assert_uint_eq(c.scored, 0);
	ck_assert_uint_eq(c.with_training, 0);
	ck_assert_int_eq(airs_result_coverage(r, "ORG", &c), AIRS_OK);
	ck_assert_uint_eq(c.employees, 3);
	ck_assert_int_eq(airs_result_coverage(r, "TEAM-C", &c), AIRS_ENOTFOUND);
	ck_assert_int_eq(airs_result_coverage(NULL, NULL, &c), AIRS_EINVAL);
	airs_result_free(r);

	/* 0.6: E2's 1 of 2 by number is too few (0.5 was exactly enough) */
	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "evidence.min_skill_share", "0.6"),
	                 AIRS_OK);
	ck_assert_int_eq(airs_score(m, p, &r, NULL), AIRS_OK);
	e = emp(r, "E2");
	ck_assert_int_eq(e.evidence, AIRS_EVIDENCE_FEW_SKILLS);
	ck_assert(isnan(e.readiness));
	ck_assert_int_eq(e.level, 0);
	ck_assert_double_eq_tol(e.readiness_low, 32.245370370, 1e-9);
	ck_assert_int_eq(airs_result_find_employee(r, "E2", &i), AIRS_OK);
	airs_result_evidence_text(r, i, t, sizeof t);
	ck_assert_str_eq(t, "1 of 2 required skills assessed (66% of their "
	                 "weight); at least 60% of both is needed");
	airs_result_free(r);
	airs_params_free(p);
	airs_model_free(m);
}
END_TEST

/* A role without requirements, and nothing weighed: the other reasons.
 * Training alone never gives a level, however much of it. */
START_TEST(no_requirements_and_no_component)
{
	airs_model *m;
	airs_params *p;
	airs_result *r;
	airs_unit_rec u = AIRS_UNIT_REC_INIT;
	airs_role_rec ro = AIRS_ROLE_REC_INIT;
	airs_skill_rec sk = AIRS_SKILL_REC_INIT;
	airs_role_skill_rec rs = AIRS_ROLE_SKILL_REC_INIT;
	airs_employee_rec e = AIRS_EMPLOYEE_REC_INIT;
	airs_training_rec tr = AIRS_TRAINING_REC_INIT;
	airs_assessment_rec a = AIRS_ASSESSMENT_REC_INIT;
	airs_employee_score s;
	airs_unit_score us = AIRS_UNIT_SCORE_INIT;
	char t[160];

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	u.id = "U", u.name = "U", u.target_level = 3;
	OK(airs_model_add_unit(m, &u));
	ro.id = "clerk", ro.name = "Clerk";
	OK(airs_model_add_role(m, &ro));
	ro.id = "analyst", ro.name = "Analyst";
	OK(airs_model_add_role(m, &ro));
	sk.id = "S", sk.name = "S";
	OK(airs_model_add_skill(m, &sk));
	rs.role_id = "analyst", rs.skill_id = "S", rs.required_level = 2;
	rs.weight = 1;
	OK(airs_model_add_role_skill(m, &rs));
	e.unit_id = "U";
	e.id = "A", e.role_id = "clerk";
	OK(airs_model_add_employee(m, &e));
	e.id = "B", e.role_id = "analyst";
	OK(airs_model_add_employee(m, &e));
	tr.employee_id = "A", tr.skill_id = "S", tr.hours = 100;
	tr.date = day("2026-06-30");
	OK(airs_model_add_training(m, &tr));
	a.employee_id = "B", a.skill_id = "S", a.level = 2;
	a.date = day("2026-06-30");
	OK(airs_model_add_assessment(m, &a));
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "weights.skill", "0"), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "weights.training", "0"), AIRS_OK);
	ck_assert_int_eq(airs_score(m, p, &r, NULL), AIRS_OK);
	/* A: trained to saturation, no requirement: no level; the range
	 * says nothing (training weighs 0 here: 0 .. 100) */
	s = emp(r, "A");
	ck_assert_int_eq(s.evidence, AIRS_EVIDENCE_NO_REQUIREMENTS);
	ck_assert(isnan(s.readiness));
	ck_assert_int_eq(s.level, 0);
	ck_assert_uint_eq(s.skills_required, 0);
	ck_assert_int_eq(airs_result_evidence_text(r, 0, t, sizeof t) > 0, 1);
	ck_assert_str_eq(t, "the role lists no required skills");
	/* B: fully assessed, but skill weighs nothing and nothing else has
	 * data */
	s = emp(r, "B");
	ck_assert_int_eq(s.evidence, AIRS_EVIDENCE_NO_COMPONENT);
	ck_assert(isnan(s.readiness));
	airs_result_evidence_text(r, 1, t, sizeof t);
	ck_assert_str_eq(t, "no weighted component has data");
	ck_assert_int_eq(airs_rollup_org(airs_result_rollup(r), &us), AIRS_OK);
	ck_assert_uint_eq(us.insufficient, 2);
	ck_assert_uint_eq(us.levels[0], 2);
	airs_result_free(r);
	/* default weights: A's 100 hours are Tr = 1 and still no level */
	ck_assert_int_eq(airs_score(m, NULL, &r, NULL), AIRS_OK);
	s = emp(r, "A");
	ck_assert_int_eq(s.level, 0);
	ck_assert_double_eq_tol(s.component[AIRS_COMPONENT_TRAINING], 1, EPS);
	ck_assert_double_eq_tol(s.readiness_low, 20, EPS);   /* 0.15 / 0.75 */
	ck_assert_double_eq_tol(s.readiness_high, 100, EPS);
	/* B: all assessed, fit 1, no training (Tr = 0), no usage data */
	s = emp(r, "B");
	ck_assert_int_eq(s.evidence, AIRS_EVIDENCE_SUFFICIENT);
	ck_assert_double_eq_tol(s.readiness, 40 / 0.55, EPS);
	ck_assert_int_eq(s.level, 4);
	ck_assert_double_eq_tol(s.readiness_low, 40 / 0.75, EPS);
	ck_assert_double_eq_tol(s.readiness_high, 60 / 0.75, EPS);
	airs_result_free(r);
	airs_params_free(p);
	airs_model_free(m);
}
END_TEST

/* An id as a number that two different ids of the fixture never share
 * (32-bit FNV-1a). */
static double id_hash(const char *id)
{
	uint32_t h = 2166136261u;

	while (*id)
		h = (h ^ (unsigned char)*id++) * 16777619u;
	return h;
}

/* The unit and role columns are indexes into the model, which follow
 * the order of addition: compare the ids they name instead. */
static void ids_for_indexes(const airs_model *m, double unit[3],
                            double role[3])
{
	airs_unit_rec u = AIRS_UNIT_REC_INIT;
	airs_role_rec r = AIRS_ROLE_REC_INIT;

	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(airs_model_get_unit(m, (size_t)unit[i], &u),
		                 AIRS_OK);
		ck_assert_int_eq(airs_model_get_role(m, (size_t)role[i], &r),
		                 AIRS_OK);
		unit[i] = id_hash(u.id);
		role[i] = id_hash(r.id);
	}
}

START_TEST(row_order_never_matters)
{
	airs_model *m0 = build(0);
	airs_result *r0 = score(m0, 1);
	double a[AIRS_COLUMN_COUNT_][3], b[AIRS_COLUMN_COUNT_][3];
	unsigned seed;
	int col;

	for (col = 0; col < AIRS_COLUMN_COUNT_; col++)
		ck_assert_int_eq(airs_result_column(r0, col, a[col], 3), AIRS_OK);
	ids_for_indexes(m0, a[AIRS_COLUMN_UNIT], a[AIRS_COLUMN_ROLE]);
	for (seed = 1; seed <= 40; seed++) {
		airs_model *m = build(seed);
		airs_result *r = score(m, 1);
		for (col = 0; col < AIRS_COLUMN_COUNT_; col++)
			ck_assert_int_eq(airs_result_column(r, col, b[col], 3), AIRS_OK);
		ids_for_indexes(m, b[AIRS_COLUMN_UNIT], b[AIRS_COLUMN_ROLE]);
		for (col = 0; col < AIRS_COLUMN_COUNT_; col++) {
			/* bit-for-bit, NaN included */
			ck_assert_msg(memcmp(a[col], b[col], sizeof a[col]) == 0,
			              "seed %u column %s differs", seed,
			              airs_column_name(col));
		}
		airs_result_free(r);
		airs_model_free(m);
	}
	airs_result_free(r0);
	airs_model_free(m0);
}
END_TEST

/* The columns of 1.2 are the records' fields, employee by employee; the
 * unit and role columns name the records' unit and role through the
 * model's indexes. */
START_TEST(columns_are_the_records)
{
	airs_model *m = build(0);
	airs_result *r = score(m, 1);
	size_t n = airs_result_employee_count(r);
	double c[6][8];
	static const int cols[6] = { AIRS_COLUMN_FLAGS_EVALUATED,
	                             AIRS_COLUMN_WITHHELD,
	                             AIRS_COLUMN_SKILLS_REQUIRED,
	                             AIRS_COLUMN_SKILLS_ASSESSED,
	                             AIRS_COLUMN_UNIT, AIRS_COLUMN_ROLE };

	ck_assert_uint_le(n, 8);
	for (int k = 0; k < 6; k++)
		ck_assert_int_eq(airs_result_column(r, cols[k], c[k], n), AIRS_OK);
	for (size_t i = 0; i < n; i++) {
		airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
		airs_unit_rec u = AIRS_UNIT_REC_INIT;
		airs_role_rec ro = AIRS_ROLE_REC_INIT;
		ck_assert_int_eq(airs_result_employee(r, i, &e), AIRS_OK);
		ck_assert_uint_eq(c[0][i], e.flags_evaluated);
		ck_assert_uint_eq(c[1][i], e.withheld);
		ck_assert_uint_eq(c[2][i], e.skills_required);
		ck_assert_uint_eq(c[3][i], e.skills_assessed);
		ck_assert_int_eq(airs_model_get_unit(m, (size_t)c[4][i], &u), AIRS_OK);
		ck_assert_int_eq(airs_model_get_role(m, (size_t)c[5][i], &ro), AIRS_OK);
		ck_assert_str_eq(u.id, e.unit_id);
		ck_assert_str_eq(ro.id, e.role_id);
	}
	ck_assert_str_eq(airs_column_name(AIRS_COLUMN_ROLE), "role");
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(results_outlive_model_and_errors)
{
	airs_model *m;
	airs_result *r;
	airs_diag d = AIRS_DIAG_INIT;
	airs_params *p;
	airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(airs_score(m, NULL, &r, &d), AIRS_ESTATE);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(d.text, "the model is not finished: call airs_model_finish() first");
	airs_model_free(m);
	m = build(0);
	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set_double(p, "levels.t3", 10), AIRS_OK);
	ck_assert_int_eq(airs_score(m, p, &r, &d), AIRS_EINVAL);
	airs_params_free(p);
	ck_assert_int_eq(airs_score(m, NULL, &r, &d), AIRS_OK);
	/* as_of defaults to the latest date in the data */
	ck_assert_int_eq(airs_result_as_of(r), day("2026-06-30"));
	airs_model_free(m); /* the result keeps it alive */
	ck_assert_int_eq(airs_result_employee(r, 0, &e), AIRS_OK);
	ck_assert_str_eq(e.id, "E1");
	ck_assert_int_eq(airs_result_employee(r, 3, &e), AIRS_ERANGE);
	e.size = 0;
	ck_assert_int_eq(airs_result_employee(r, 0, &e), AIRS_EINVAL);
	ck_assert_int_eq(airs_result_find_employee(r, "E9", NULL), AIRS_ENOTFOUND);
	ck_assert_int_eq(airs_result_column(r, AIRS_COLUMN_COUNT_, NULL, 0), AIRS_EINVAL);
	airs_result_free(r);
	airs_result_free(NULL);
}
END_TEST

/* Level thresholds are compared at the 1e-9 quantum (methodology 3.7):
 * a readiness one ulp below 60 - what 100 * 0.45 / 0.75 can round to - is
 * level 4, a readiness 1e-7 below it is not. */
START_TEST(thresholds_at_the_quantum)
{
	airs__pv pv;

	airs__params_defaults(&pv);
	ck_assert_int_eq(airs__level_of(&pv, 60.0), 4);
	ck_assert_int_eq(airs__level_of(&pv, nextafter(60.0, 0.0)), 4);
	ck_assert_int_eq(airs__level_of(&pv, 59.9999999), 3);
	ck_assert_int_eq(airs__level_of(&pv, 19.9999999996), 2);
	ck_assert_int_eq(airs__level_of(&pv, 0), 1);
	ck_assert_int_eq(airs__level_of(&pv, 100), 5);
	ck_assert_int_eq(airs__level_of(&pv, NAN), 0);
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(airs_component_name(AIRS_COMPONENT_ADOPTION), "adoption");
	ck_assert_str_eq(airs_adkar_name(AIRS_ADKAR_REINFORCEMENT), "reinforcement");
	ck_assert_ptr_null(airs_adkar_name(AIRS_BARRIER_NONE));
	ck_assert_str_eq(airs_barrier_name(AIRS_BARRIER_NONE), "none");
	ck_assert_str_eq(airs_barrier_name(AIRS_BARRIER_UNKNOWN), "unknown");
	ck_assert_str_eq(airs_flag_name(AIRS_FLAG_NO_BENEFIT), "no_benefit");
	ck_assert_ptr_null(airs_flag_name(3));
	ck_assert_str_eq(airs_construct_name(AIRS_CONSTRUCT_TIME_SAVED), "time_saved");
	ck_assert_str_eq(airs_column_name(AIRS_COLUMN_IS_LEADER), "is_leader");
}
END_TEST

/* ------------------------------------------------------------------------
 * Properties on generated organisations
 * ---------------------------------------------------------------------- */

static unsigned long long rng;
static int gen_employees = 40; /* employees generate() makes */

static unsigned next(unsigned n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng >> 33) % n);
}

/* A random organisation; `bump` raises one assessment (employee `who`) by
 * 0.5 and `extra` adds one completed training record to `who`. */
/* Sharding: when nshards > 1, generate() draws every employee as usual
 * (the random stream is the same) but adds only those with
 * e % nshards == shard - the share of the workforce one shard holds. */
static int shard, nshards = 1;
#define IN(e) (nshards == 1 || (e) % nshards == shard)

static airs_model *generate(unsigned seed, int who, int bump, int extra,
                            unsigned attr_seed, int resp_shift)
{
	airs_model *m;
	char id[32], id2[32];
	int e, k, ne = gen_employees;

	rng = seed;
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	for (k = 0; k < 4; k++) {
		airs_unit_rec u = AIRS_UNIT_REC_INIT;
		snprintf(id, sizeof id, "U%d", k);
		u.id = id;
		u.name = id;
		u.parent_id = k ? "U0" : NULL;
		u.target_level = (int)next(6);
		OK(airs_model_add_unit(m, &u));
	}
	for (k = 0; k < 6; k++) {
		airs_skill_rec s = AIRS_SKILL_REC_INIT;
		snprintf(id, sizeof id, "s%d", k);
		s.id = id;
		s.name = id;
		OK(airs_model_add_skill(m, &s));
	}
	for (k = 0; k < 2; k++) {
		airs_role_rec r = AIRS_ROLE_REC_INIT;
		snprintf(id, sizeof id, "r%d", k);
		r.id = id;
		r.name = id;
		OK(airs_model_add_role(m, &r));
		for (int j = 0; j < 4; j++) {
			airs_role_skill_rec q = AIRS_ROLE_SKILL_REC_INIT;
			snprintf(id2, sizeof id2, "s%d", (k * 2 + j) % 6);
			q.role_id = id;
			q.skill_id = id2;
			q.required_level = 1 + next(4);
			q.weight = 1 + next(3);
			OK(airs_model_add_role_skill(m, &q));
		}
	}
	for (k = 0; k < 7; k++) {
		static const char *cons[] = { "clarity", "usefulness", "trust",
		                              "security", "support", "voice",
		                              "time_saved" };
		airs_survey_item_rec it = AIRS_SURVEY_ITEM_REC_INIT;
		snprintf(id, sizeof id, "q%d", k);
		it.id = id;
		it.construct = cons[k];
		it.reverse = k == 3;
		OK(airs_model_add_survey_item(m, &it));
	}
	for (e = 0; e < ne; e++) {
		airs_employee_rec r = AIRS_EMPLOYEE_REC_INIT;
		snprintf(id, sizeof id, "E%02d", e);
		snprintf(id2, sizeof id2, "U%u", next(4));
		r.id = id;
		r.unit_id = id2;
		r.role_id = next(2) ? "r1" : "r0";
		r.is_leader = next(5) == 0;
		if (IN(e))
			OK(airs_model_add_employee(m, &r));
	}
	for (e = 0; e < ne; e++) {
		int na = (int)next(6), nt = (int)next(3);
		snprintf(id, sizeof id, "E%02d", e);
		for (k = 0; k < na; k++) {
			airs_assessment_rec a = AIRS_ASSESSMENT_REC_INIT;
			snprintf(id2, sizeof id2, "s%u", next(6));
			a.employee_id = id;
			a.skill_id = id2;
			a.level = next(11) / 2.0;
			if (e == who && k == 0 && bump && a.level <= 4.5)
				a.level += 0.5;
			a.source = (int)next(4);
			a.date = day("2025-01-01") + (airs_date)next(540);
			if (IN(e))
				OK(airs_model_add_assessment(m, &a));
		}
		if (e == who && extra) {
			/* fixed values: the shared random stream must not move */
			airs_training_rec t = AIRS_TRAINING_REC_INIT;
			t.employee_id = id;
			t.skill_id = "s0";
			t.hours = 5;
			t.date = day("2026-06-01");
			if (IN(e))
				OK(airs_model_add_training(m, &t));
		}
		for (k = 0; k < nt; k++) {
			airs_training_rec t = AIRS_TRAINING_REC_INIT;
			snprintf(id2, sizeof id2, "s%u", next(6));
			t.employee_id = id;
			t.skill_id = id2;
			t.hours = 1 + next(20);
			t.date = day("2025-06-01") + (airs_date)next(390);
			t.status = (int)next(3);
			if (IN(e))
				OK(airs_model_add_training(m, &t));
		}
		for (k = 0; k < 7; k++) {
			airs_response_rec r = AIRS_RESPONSE_REC_INIT;
			unsigned v = next(5);
			if (next(3) == 0)
				continue;
			snprintf(id2, sizeof id2, "q%d", k);
			r.employee_id = id;
			r.item_id = id2;
			r.value = 1 + (v + (unsigned)resp_shift * (e == who)) % 5;
			r.date = day("2026-05-01") + (airs_date)next(50);
			if (IN(e))
				OK(airs_model_add_response(m, &r));
		}
		for (k = 0; k < 6; k++) {
			airs_usage_rec u = AIRS_USAGE_REC_INIT;
			if (next(2))
				continue;
			u.employee_id = id;
			u.tool_id = "copilot";
			u.period = (2026 - 1970) * 12 + k;
			u.active_days = (int)next(20);
			if (IN(e))
				OK(airs_model_add_usage(m, &u));
		}
	}
	/* Attributes drawn from their own stream, so permuting them leaves
	 * everything else alone. */
	rng = attr_seed;
	for (e = 0; e < ne; e++) {
		snprintf(id, sizeof id, "E%02d", e);
		const char *g = next(2) ? "f" : "m", *b = next(2) ? "<40" : "40+";
		if (!IN(e))
			continue;
		OK(airs_model_set_attribute(m, id, "gender", g));
		OK(airs_model_set_attribute(m, id, "age_band", b));
	}
	OK(airs_model_finish(m));
	return m;
}

static void columns(airs_result *r, double out[AIRS_COLUMN_COUNT_][40])
{
	for (int col = 0; col < AIRS_COLUMN_COUNT_; col++)
		ck_assert_int_eq(airs_result_column(r, col, out[col], 40), AIRS_OK);
}

START_TEST(more_skill_or_training_never_lowers_readiness)
{
	static double base[AIRS_COLUMN_COUNT_][40], more[AIRS_COLUMN_COUNT_][40];
	unsigned seed;
	int who;

	for (seed = 1; seed <= 25; seed++)
		for (who = 0; who < 40; who += 7) {
			airs_model *m0 = generate(seed, who, 0, 0, 7, 0);
			airs_model *m1 = generate(seed, who, 1, 0, 7, 0);
			airs_model *m2 = generate(seed, who, 0, 1, 7, 0);
			airs_result *r0 = score(m0, seed & 1), *r1 = score(m1, seed & 1),
			            *r2 = score(m2, seed & 1);
			columns(r0, base);
			columns(r1, more);
			if (!isnan(base[0][who]))
				ck_assert_msg(more[0][who] >= base[0][who] - 1e-12,
				              "seed %u: raising a level lowered %g to %g",
				              seed, base[0][who], more[0][who]);
			columns(r2, more);
			if (!isnan(base[0][who]))
				ck_assert_msg(more[0][who] >= base[0][who] - 1e-12,
				              "seed %u: training lowered %g to %g", seed,
				              base[0][who], more[0][who]);
			airs_result_free(r0);
			airs_result_free(r1);
			airs_result_free(r2);
			airs_model_free(m0);
			airs_model_free(m1);
			airs_model_free(m2);
		}
}
END_TEST

START_TEST(attributes_never_change_a_score)
{
	static double a[AIRS_COLUMN_COUNT_][40], b[AIRS_COLUMN_COUNT_][40];
	unsigned seed;

	for (seed = 1; seed <= 10; seed++) {
		airs_model *m0 = generate(seed, -1, 0, 0, 1, 0);
		airs_model *m1 = generate(seed, -1, 0, 0, 99, 0);
		for (int optin = 0; optin < 2; optin++) {
			airs_result *r0 = score(m0, optin), *r1 = score(m1, optin);
			columns(r0, a);
			columns(r1, b);
			ck_assert(memcmp(a, b, sizeof a) == 0);
			airs_result_free(r0);
			airs_result_free(r1);
		}
		airs_model_free(m0);
		airs_model_free(m1);
	}
}
END_TEST

START_TEST(own_answers_stay_out_of_individual_results)
{
	static double a[AIRS_COLUMN_COUNT_][40], b[AIRS_COLUMN_COUNT_][40];
	unsigned seed;

	/* Without the opt-in, changing one person's survey answers changes
	 * nothing in anyone's individual result. */
	for (seed = 1; seed <= 10; seed++) {
		airs_model *m0 = generate(seed, 5, 0, 0, 1, 0);
		airs_model *m1 = generate(seed, 5, 0, 0, 1, 2);
		airs_result *r0 = score(m0, 0), *r1 = score(m1, 0);
		columns(r0, a);
		columns(r1, b);
		ck_assert(memcmp(a, b, sizeof a) == 0);
		airs_result_free(r0);
		airs_result_free(r1);
		/* ... while with it, they may. */
		airs_model_free(m0);
		airs_model_free(m1);
	}
}
END_TEST

static int append(const void *data, size_t len, void *user)
{
	struct text { char *p; size_t n; } *t = user;
	char *q = realloc(t->p, t->n + len + 1);

	if (!q)
		return 1;
	memcpy(q + t->n, data, len);
	t->n += len;
	q[t->n] = '\0';
	t->p = q;
	return 0;
}

/* Score shards of a workforce separately, pass their rollups through the
 * text form, merge: exactly the rollup of the whole, every field. */
START_TEST(shards_merge_to_the_whole)
{
	unsigned seed;

	for (seed = 1; seed <= 12; seed++) {
		int k = 2 + (int)(seed % 3), i;
		airs_model *whole;
		airs_result *rw;
		airs_rollup *merged = NULL;
		const airs_rollup *w;
		airs_diag d = AIRS_DIAG_INIT;
		size_t u, n;

		nshards = 1;
		whole = generate(seed, -1, 0, 0, 3, 0);
		rw = score(whole, 0);
		w = airs_result_rollup(rw);
		for (i = 0; i < k; i++) {
			struct text { char *p; size_t n; } t = { NULL, 0 };
			airs_model *part;
			airs_result *rp;
			airs_rollup *back;
			shard = i;
			nshards = k;
			part = generate(seed, -1, 0, 0, 3, 0);
			rp = score(part, 0);
			ck_assert_int_eq(airs_rollup_write(airs_result_rollup(rp), append, &t),
			                 AIRS_OK);
			ck_assert_msg(airs_rollup_read(&back, t.p, t.n, NULL, &d) == AIRS_OK,
			              "%s", d.text);
			if (!merged)
				merged = back;
			else {
				ck_assert_int_eq(airs_rollup_merge(merged, back, &d), AIRS_OK);
				airs_rollup_free(back);
			}
			free(t.p);
			airs_result_free(rp);
			airs_model_free(part);
		}
		nshards = 1;
		n = airs_rollup_unit_count(w);
		ck_assert_uint_eq(airs_rollup_unit_count(merged), n);
		for (u = 0; u <= n; u++) {
			size_t at = u == n ? AIRS_ROLLUP_ORG : u;
			airs_unit_score a = AIRS_UNIT_SCORE_INIT, b = AIRS_UNIT_SCORE_INIT;
			int c;
			ck_assert_int_eq(airs_rollup_unit(w, at, &a), AIRS_OK);
			ck_assert_int_eq(airs_rollup_unit(merged, at, &b), AIRS_OK);
			ck_assert_uint_eq(a.headcount, b.headcount);
			ck_assert_mem_eq(&a.readiness_mean, &b.readiness_mean, sizeof(double));
			ck_assert_mem_eq(&a.readiness_median, &b.readiness_median, sizeof(double));
			ck_assert_mem_eq(a.levels, b.levels, sizeof a.levels);
			ck_assert_mem_eq(&a.gap_mean, &b.gap_mean, sizeof(double));
			ck_assert_mem_eq(a.flags, b.flags, sizeof a.flags);
			ck_assert_mem_eq(&a.time_saved, &b.time_saved, sizeof(double));
			for (c = 0; c < AIRS_CONSTRUCT_COUNT_; c++) {
				airs_construct_score x = AIRS_CONSTRUCT_SCORE_INIT;
				airs_construct_score y = AIRS_CONSTRUCT_SCORE_INIT;
				ck_assert_int_eq(airs_rollup_construct(w, at, c, &x), AIRS_OK);
				ck_assert_int_eq(airs_rollup_construct(merged, at, c, &y), AIRS_OK);
				ck_assert_uint_eq(x.respondents, y.respondents);
				ck_assert_mem_eq(&x.mean, &y.mean, sizeof(double));
				ck_assert_mem_eq(&x.perception_gap, &y.perception_gap,
				                 sizeof(double));
			}
		}
		airs_rollup_free(merged);
		airs_result_free(rw);
		airs_model_free(whole);
	}
}
END_TEST

/* The rollup's canonical text, for bit-for-bit comparison. */
struct text {
	char *p;
	size_t n;
};

static int append_text(const void *data, size_t len, void *user)
{
	struct text *t = user;

	t->p = realloc(t->p, t->n + len + 1);
	ck_assert_ptr_nonnull(t->p);
	memcpy(t->p + t->n, data, len);
	t->n += len;
	t->p[t->n] = '\0';
	return 0;
}


static int refuse(const void *data, size_t len, void *user)
{
	(void)data, (void)len, (void)user;
	return 1;
}

/* airs_score_partial() (1.2): a shard's partial without finishing its
 * result - the bytes of the finished result's partial, both forms, on
 * any number of threads, in the individual-sentiment opt-in too; and
 * its refusals. */
START_TEST(score_partial_is_the_results_partial)
{
	airs_score_options o = AIRS_SCORE_OPTIONS_INIT;
	airs_params *p;
	airs_diag d = AIRS_DIAG_INIT;
	unsigned seed;
	int form, optin;

	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "as_of", "2026-06-30"), AIRS_OK);
	for (seed = 1; seed <= 6; seed++) {
		airs_model *m;
		shard = (int)seed % 3;
		nshards = 3;
		m = generate(seed, -1, 0, 0, 3, 0);
		nshards = 1;
		for (optin = 0; optin < 2; optin++) {
			airs_result *r = score(m, optin);
			ck_assert_int_eq(airs_params_set(p, "privacy.individual_sentiment",
			                                 optin ? "1" : "0"), AIRS_OK);
			for (form = 0; form < 2; form++) {
				struct text want = { NULL, 0 }, got = { NULL, 0 };
				ck_assert_int_eq(airs_rollup_write_v2(airs_result_rollup(r),
				                                      form, append_text, &want),
				                 AIRS_OK);
				o.threads = 1 + seed % 4;
				ck_assert_msg(airs_score_partial(m, p, &o, form, append_text,
				                                 &got, &d) == AIRS_OK,
				              "%s", d.text);
				ck_assert_uint_eq(got.n, want.n);
				ck_assert_mem_eq(got.p, want.p, want.n);
				free(want.p);
				free(got.p);
			}
			airs_result_free(r);
		}
		if (seed == 1) {
			struct text t = { NULL, 0 };
			ck_assert_int_eq(airs_score_partial(m, p, NULL, 2, append_text,
			                                    &t, &d), AIRS_EINVAL);
			ck_assert_ptr_nonnull(strstr(d.text, "unknown partial form 2"));
			ck_assert_int_eq(airs_score_partial(m, p, NULL, 1, NULL, NULL,
			                                    &d), AIRS_EINVAL);
			ck_assert_int_eq(airs_score_partial(NULL, p, NULL, 1,
			                                    append_text, &t, &d),
			                 AIRS_EINVAL);
			ck_assert_int_eq(airs_score_partial(m, p, NULL, 1, refuse, NULL,
			                                    &d), AIRS_EIO);
			ck_assert_ptr_null(t.p);
		}
		airs_model_free(m);
	}
	airs_params_free(p);
}
END_TEST

/* Short scales (methodology 4): on a yes/no item every answer is
 * favourable or unfavourable, never both; on a three-point item the
 * middle is neither.  Two boxes at each end met or overlapped there: a
 * yes/no item read 100% favourable and 100% unfavourable, and the
 * partial of such a rollup did not read back ("inconsistent counts"). */
START_TEST(short_scales_count_each_answer_once)
{
	static const char *const csv[][2] = {
		{ "units.csv", "unit_id,name\nU,U\n" },
		{ "roles.csv", "role_id,name\nR,R\n" },
		{ "employees.csv", "employee_id,unit_id,role_id\nE1,U,R\nE2,U,R\n"
		                   "E3,U,R\nE4,U,R\nE5,U,R\n" },
		{ "survey_items.csv", "item_id,construct,scale_min,scale_max\n"
		                      "YES,clarity,0,1\nTHREE,trust,1,3\n" },
		{ "responses.csv", "employee_id,item_id,value,date\n"
		                   "E1,YES,1,2026-06-30\nE2,YES,1,2026-06-30\n"
		                   "E3,YES,1,2026-06-30\nE4,YES,0,2026-06-30\n"
		                   "E5,YES,0,2026-06-30\nE1,THREE,1,2026-06-30\n"
		                   "E2,THREE,2,2026-06-30\nE3,THREE,3,2026-06-30\n"
		                   "E4,THREE,3,2026-06-30\nE5,THREE,2,2026-06-30\n" },
	};
	airs_table_buffer tb[5];
	airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
	airs_rollup *back = NULL;
	airs_diag d = AIRS_DIAG_INIT;
	struct text t = { NULL, 0 };
	airs_model *m;
	airs_result *r;
	size_t i;

	for (i = 0; i < 5; i++) {
		tb[i].name = csv[i][0];
		tb[i].data = csv[i][1];
		tb[i].len = strlen(csv[i][1]);
	}
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(airs_load_buffers(m, tb, 5, NULL, &d), AIRS_OK);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	r = score(m, 0);
	ck_assert_int_eq(airs_rollup_construct(airs_result_rollup(r), AIRS_ROLLUP_ORG,
	                                       AIRS_CONSTRUCT_CLARITY, &c), AIRS_OK);
	ck_assert_uint_eq(c.respondents, 5);
	ck_assert(c.favourable == 0.6 && c.unfavourable == 0.4);
	ck_assert_int_eq(airs_rollup_construct(airs_result_rollup(r), AIRS_ROLLUP_ORG,
	                                       AIRS_CONSTRUCT_TRUST, &c), AIRS_OK);
	ck_assert(c.favourable == 0.4 && c.unfavourable == 0.2);
	ck_assert_int_eq(airs_rollup_write(airs_result_rollup(r), append_text, &t),
	                 AIRS_OK);
	ck_assert_msg(airs_rollup_read(&back, t.p, t.n, NULL, &d) == AIRS_OK,
	              "%s", d.text);
	airs_rollup_free(back);
	free(t.p);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

/* Scores, construct scores and every rollup number are bit-for-bit the
 * same for any number of threads (methodology 1.5). */
START_TEST(threads_never_matter)
{
	enum { NE = 500 };
	static const char *const threads[] = { "1", "2", "3", "7" };
	static double want[AIRS_COLUMN_COUNT_][NE], got[AIRS_COLUMN_COUNT_][NE];
	struct text want_rollup = { NULL, 0 };
	double want_c[NE][AIRS_CONSTRUCT_COUNT_], got_c[AIRS_CONSTRUCT_COUNT_];
	airs_model *m;
	int optin, t, col;
	size_t e;

	gen_employees = NE;
	m = generate(11, -1, 0, 0, 1, 0);
	gen_employees = 40;
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_EMPLOYEE), NE);
	for (optin = 0; optin < 2; optin++)
		for (t = 0; t < 4; t++) {
			airs_params *p;
			airs_result *r;
			airs_diag d = AIRS_DIAG_INIT;
			struct text rt = { NULL, 0 };
			ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
			OK(airs_params_set(p, "as_of", "2026-06-30"));
			OK(airs_params_set(p, "privacy.individual_sentiment",
			                   optin ? "1" : "0"));
			OK(airs_params_set(p, "threads", threads[t]));
			ck_assert_msg(airs_score(m, p, &r, &d) == AIRS_OK, "%s",
			              d.text);
			for (col = 0; col < AIRS_COLUMN_COUNT_; col++)
				OK(airs_result_column(r, col, t ? got[col] : want[col],
				                      NE));
			OK(airs_rollup_write(airs_result_rollup(r), append_text, &rt));
			for (e = 0; optin && e < NE; e++)
				OK(airs_result_sentiment(r, e, t ? got_c : want_c[e]));
			if (!t) {
				free(want_rollup.p);
				want_rollup = rt;
			} else {
				for (col = 0; col < AIRS_COLUMN_COUNT_; col++)
					ck_assert_msg(memcmp(want[col], got[col],
					                     sizeof want[col]) == 0,
					              "threads %s: column %s differs",
					              threads[t], airs_column_name(col));
				ck_assert_str_eq(rt.p, want_rollup.p);
				free(rt.p);
			}
			if (optin && t)
				for (e = 0; e < NE; e++) {
					OK(airs_result_sentiment(r, e, got_c));
					ck_assert(memcmp(got_c, want_c[e],
					                 sizeof got_c) == 0);
				}
			airs_result_free(r);
			airs_params_free(p);
		}
	free(want_rollup.p);
	airs_model_free(m);
}
END_TEST


/* airs_score_v2: threads from the options change nothing; progress
 * grows to the total, at every mark on one thread; a callback that says stop cancels at once, with
 * nothing leaked and nothing returned. */
struct prog {
	uint64_t last, total, calls, stop_at;
	int finished;
};

static int on_progress(uint64_t done, uint64_t total, void *user)
{
	struct prog *p = user;

	ck_assert_uint_ge(done, p->last);
	ck_assert_uint_le(done, total);
	p->last = done;
	p->total = total;
	p->calls++;
	p->finished |= done == total;
	return p->stop_at && done >= p->stop_at;
}

START_TEST(score_options_threads_progress_cancel)
{
	enum { NE = 3000 };
	airs_model *m;
	airs_result *r = NULL, *r1 = NULL;
	airs_score_options o = AIRS_SCORE_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	struct text a = { NULL, 0 }, b = { NULL, 0 };
	struct prog p;
	size_t t;

	gen_employees = NE;
	m = generate(5, -1, 0, 0, 1, 0);
	gen_employees = 40;
	o.threads = 1;
	OK(airs_score_v2(m, NULL, &o, &r1, &d));
	OK(airs_rollup_write(airs_result_rollup(r1), append_text, &a));
	for (t = 1; t <= 4; t++) {
		memset(&p, 0, sizeof p);
		o.threads = t;
		o.progress = on_progress;
		o.user = &p;
		OK(airs_score_v2(m, NULL, &o, &r, &d));
		ck_assert(p.finished);
		ck_assert_uint_eq(p.total, NE);
		/* One thread reports every 1% mark it crosses; on more, a
		 * thread that finds a report running skips its mark (under
		 * valgrind's serialised threads, most marks), so only the
		 * final call is certain. */
		ck_assert_uint_ge(p.calls, t == 1 ? 10 : 1);
		ck_assert_uint_le(p.calls, 102);
		b.n = 0;
		OK(airs_rollup_write(airs_result_rollup(r), append_text, &b));
		ck_assert_str_eq(a.p, b.p);
		airs_result_free(r);
	}
	/* stop part way, and at the very end */
	{
		uint64_t stops[] = { 1, NE / 2, NE };
		for (t = 0; t < 3; t++) {
			memset(&p, 0, sizeof p);
			p.stop_at = stops[t];
			o.threads = 2;
			r = (airs_result *)&p;
			ck_assert_int_eq(airs_score_v2(m, NULL, &o, &r, &d),
			                 AIRS_ECANCELED);
			ck_assert_ptr_null(r);
			ck_assert_str_eq(d.text, "scoring was cancelled by the "
			                 "progress callback");
		}
	}
	/* the options are read by the size protocol */
	o.size = 4;
	ck_assert_int_eq(airs_score_v2(m, NULL, &o, &r, &d), AIRS_EINVAL);
	airs_result_free(r1);
	free(a.p);
	free(b.p);
	airs_model_free(m);
}
END_TEST

/* Fuzz finding F10 (tests/fuzz/findings/README.md; input
 * tests/fuzz/corpus/pipeline/finding-10-readiness-above-100): one of
 * seven equally weighted required skills, assessed at its level, scores
 * 100.00000000000001 - points 100 * w * v / (sum_v * D) with D = w * (v /
 * sum_v) round above 100, outside the documented 0..100.  Fixed: the sum
 * is held to 0..100. */
START_TEST(finding_10_readiness_within_0_100)
{
	static const char *const skills[] = { "S1", "S2", "S3", "S4", "S5",
	                                      "S6", "S7" };
	airs_unit_rec u = AIRS_UNIT_REC_INIT;
	airs_role_rec ro = AIRS_ROLE_REC_INIT;
	airs_employee_rec e = AIRS_EMPLOYEE_REC_INIT;
	airs_assessment_rec a = AIRS_ASSESSMENT_REC_INIT;
	airs_params *p;
	airs_model *m;
	airs_result *r;
	size_t i;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	u.id = u.name = "U";
	ck_assert_int_eq(airs_model_add_unit(m, &u), AIRS_OK);
	ro.id = ro.name = "R";
	ck_assert_int_eq(airs_model_add_role(m, &ro), AIRS_OK);
	for (i = 0; i < 7; i++) {
		airs_skill_rec sk = AIRS_SKILL_REC_INIT;
		airs_role_skill_rec q = AIRS_ROLE_SKILL_REC_INIT;
		sk.id = sk.name = skills[i];
		ck_assert_int_eq(airs_model_add_skill(m, &sk), AIRS_OK);
		q.role_id = "R";
		q.skill_id = skills[i];
		q.required_level = 1;
		ck_assert_int_eq(airs_model_add_role_skill(m, &q), AIRS_OK);
	}
	e.id = "E";
	e.unit_id = "U";
	e.role_id = "R";
	ck_assert_int_eq(airs_model_add_employee(m, &e), AIRS_OK);
	a.employee_id = "E";
	a.skill_id = "S1";
	a.level = 1;
	a.date = day("2026-06-30");
	ck_assert_int_eq(airs_model_add_assessment(m, &a), AIRS_OK);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	/* 1 of 7 required skills is too little evidence for a readiness
	 * (methodology 1.1); the range, which is computed, stays within */
	r = score(m, 0);
	ck_assert(isnan(emp(r, "E").readiness));
	ck_assert_msg(emp(r, "E").readiness_high <= 100, "high %.17g",
	              emp(r, "E").readiness_high);
	airs_result_free(r);
	/* without the minimum, the finding's readiness itself */
	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "as_of", "2026-06-30"), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "evidence.min_skill_share", "0"),
	                 AIRS_OK);
	ck_assert_int_eq(airs_score(m, p, &r, NULL), AIRS_OK);
	ck_assert_msg(emp(r, "E").readiness <= 100, "readiness %.17g",
	              emp(r, "E").readiness);
	ck_assert_msg(emp(r, "E").readiness_high <= 100, "high %.17g",
	              emp(r, "E").readiness_high);
	airs_result_free(r);
	airs_params_free(p);
	airs_model_free(m);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("score");
	TCase *tc = tcase_create("score");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, worked_example_default);
	tcase_add_test(tc, worked_example_opt_in);
	tcase_add_test(tc, worked_example_units);
	tcase_add_test(tc, explanation_adds_up);
	tcase_add_test(tc, evidence_in_words_and_coverage);
	tcase_add_test(tc, no_requirements_and_no_component);
	tcase_add_test(tc, row_order_never_matters);
	tcase_add_test(tc, columns_are_the_records);
	tcase_add_test(tc, results_outlive_model_and_errors);
	tcase_add_test(tc, names);
	tcase_add_test(tc, thresholds_at_the_quantum);
	tcase_add_test(tc, more_skill_or_training_never_lowers_readiness);
	tcase_add_test(tc, attributes_never_change_a_score);
	tcase_add_test(tc, own_answers_stay_out_of_individual_results);
	tcase_add_test(tc, shards_merge_to_the_whole);
	tcase_add_test(tc, score_partial_is_the_results_partial);
	tcase_add_test(tc, threads_never_matter);
	tcase_add_test(tc, short_scales_count_each_answer_once);
	tcase_add_test(tc, score_options_threads_progress_cancel);
	tcase_add_test(tc, finding_10_readiness_within_0_100);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * worked-example.h - the worked example of docs/methodology.md section 7
 * as a model, shared by the suites that assert its numbers (score,
 * export).
 *
 * build(seed) adds the example's rows in an order chosen by seed (0: the
 * order below) and finishes the model; any seed gives the same content.
 * Defined WORKED_EXAMPLE_CATALOGUE adds the course catalogue of section
 * 8.7 (plan-example.h), build_alloc chooses the model's allocator.
 * Include after <check.h> (harness.h): failures are Check assertions.
 */
#ifndef AIRS_TEST_WORKED_EXAMPLE_H
#define AIRS_TEST_WORKED_EXAMPLE_H

#include <stdlib.h>
#include <string.h>

#include "airs/airs.h"

static airs_date day(const char *s)
{
	airs_date d;

	ck_assert_int_eq(airs_date_parse(s, strlen(s), &d), AIRS_OK);
	return d;
}

#define OK(call) ck_assert_msg((call) == AIRS_OK, "%s: %s", #call, airs_model_errmsg(m))

/* ------------------------------------------------------------------------
 * The worked example, added in an order chosen by `perm` so the same
 * content can arrive in different row orders.
 * ---------------------------------------------------------------------- */

struct step {
	int kind;
	const char *a, *b, *c;
	double x, y;
	const char *date;
};

enum { UNIT, ROLE, SKILL, REQ, PREREQ, COURSE, EMP, ASSESS, TRAIN, ITEM, RESP, USE, ATTR };

static const struct step example[] = {
	{ UNIT, "ORG", NULL, NULL, 3, 0, NULL },
	{ UNIT, "TEAM-A", "ORG", NULL, 4, 0, NULL },
	{ UNIT, "TEAM-B", "ORG", NULL, 0, 0, NULL },
	{ ROLE, "analyst", NULL, NULL, 0, 0, NULL },
	{ SKILL, "prompting", NULL, NULL, 0, 0, NULL },
	{ SKILL, "data", NULL, NULL, 0, 0, NULL },
	{ SKILL, "ethics", NULL, NULL, 0, 0, NULL },
	{ REQ, "analyst", "prompting", NULL, 3, 2, NULL },
	{ REQ, "analyst", "data", NULL, 2, 1, NULL },
	{ REQ, "analyst", "ethics", NULL, 0, 1, NULL },
	{ EMP, "E1", "TEAM-A", "analyst", 1, 0, NULL },
	{ EMP, "E2", "TEAM-A", "analyst", 0, 0, NULL },
	{ EMP, "E3", "TEAM-B", "analyst", 0, 0, NULL },
	{ ASSESS, "E1", "prompting", "test", 3.0, 0, "2026-06-30" },
	{ ASSESS, "E1", "prompting", "self", 4.5, 0, "2026-06-30" },
	{ ASSESS, "E1", "data", "manager", 2.0, 0, "2025-09-03" },
	{ ASSESS, "E2", "prompting", "self", 2.0, 0, "2025-09-03" },
	{ TRAIN, "E1", "prompting", NULL, 12, 0, "2026-06-30" },
	{ TRAIN, "E2", "prompting", NULL, 4, 0, "2025-09-03" },
	{ ITEM, "q_clarity", "clarity", NULL, 0, 0, NULL },
	{ ITEM, "q_trust", "trust", NULL, 0, 0, NULL },
	{ ITEM, "q_security", "security", NULL, 1, 0, NULL }, /* reverse */
	{ ITEM, "q_support", "support", NULL, 0, 0, NULL },
	{ RESP, "E1", "q_clarity", NULL, 5, 0, "2026-06-01" },
	{ RESP, "E1", "q_trust", NULL, 4, 0, "2026-06-01" },
	{ RESP, "E1", "q_security", NULL, 2, 0, "2026-06-01" },
	{ RESP, "E1", "q_support", NULL, 4, 0, "2026-06-01" },
	{ RESP, "E2", "q_clarity", NULL, 2, 0, "2026-06-01" },
	{ RESP, "E2", "q_trust", NULL, 2, 0, "2026-06-01" },
	{ RESP, "E2", "q_security", NULL, 4, 0, "2026-06-01" },
	{ RESP, "E2", "q_support", NULL, 2, 0, "2026-06-01" },
	{ USE, "E1", "copilot", "2026-01", 12, 0, NULL },
	{ USE, "E1", "copilot", "2026-02", 12, 0, NULL },
	{ USE, "E1", "copilot", "2026-03", 12, 0, NULL },
	{ USE, "E1", "copilot", "2026-04", 12, 0, NULL },
	{ USE, "E1", "copilot", "2026-05", 12, 0, NULL },
	{ USE, "E1", "copilot", "2026-06", 12, 0, NULL },
	{ USE, "E2", "copilot", "2026-04", 6, 0, NULL },
	{ USE, "E2", "copilot", "2026-05", 6, 0, NULL },
	{ USE, "E2", "copilot", "2026-06", 6, 0, NULL },
	{ ATTR, "E1", "gender", "female", 0, 0, NULL },
	{ ATTR, "E2", "gender", "male", 0, 0, NULL },
	{ ATTR, "E3", "gender", "female", 0, 0, NULL },
#ifdef WORKED_EXAMPLE_CATALOGUE
	/* the catalogue of methodology section 8.7 */
	{ COURSE, "C-DATA", "data", "self_paced", 6, 2, NULL },
	{ COURSE, "C-PROMPT", "prompting", "workshop", 8, 1, NULL },
	{ PREREQ, "prompting", "data", NULL, 0.8, 0, NULL },
#endif
};
#define NSTEPS (sizeof example / sizeof example[0])

static int add(airs_model *m, const struct step *st)
{
	int src;

	switch (st->kind) {
	case UNIT: {
		airs_unit_rec r = AIRS_UNIT_REC_INIT;
		r.id = st->a;
		r.name = st->a;
		r.parent_id = st->b;
		r.target_level = (int)st->x;
		return airs_model_add_unit(m, &r);
	}
	case ROLE: {
		airs_role_rec r = AIRS_ROLE_REC_INIT;
		r.id = st->a;
		r.name = "Analyst";
		return airs_model_add_role(m, &r);
	}
	case SKILL: {
		airs_skill_rec r = AIRS_SKILL_REC_INIT;
		r.id = st->a;
		r.name = st->a;
		return airs_model_add_skill(m, &r);
	}
	case REQ: {
		airs_role_skill_rec r = AIRS_ROLE_SKILL_REC_INIT;
		r.role_id = st->a;
		r.skill_id = st->b;
		r.required_level = st->x;
		r.weight = st->y;
		return airs_model_add_role_skill(m, &r);
	}
	case EMP: {
		airs_employee_rec r = AIRS_EMPLOYEE_REC_INIT;
		r.id = st->a;
		r.unit_id = st->b;
		r.role_id = st->c;
		r.is_leader = (int)st->x;
		return airs_model_add_employee(m, &r);
	}
	case ASSESS: {
		airs_assessment_rec r = AIRS_ASSESSMENT_REC_INIT;
		ck_assert_int_eq(airs_source_parse(st->c, strlen(st->c), &src), AIRS_OK);
		r.employee_id = st->a;
		r.skill_id = st->b;
		r.level = st->x;
		r.source = src;
		r.date = day(st->date);
		return airs_model_add_assessment(m, &r);
	}
	case TRAIN: {
		airs_training_rec r = AIRS_TRAINING_REC_INIT;
		r.employee_id = st->a;
		r.skill_id = st->b;
		r.hours = st->x;
		r.date = day(st->date);
		return airs_model_add_training(m, &r);
	}
	case ITEM: {
		airs_survey_item_rec r = AIRS_SURVEY_ITEM_REC_INIT;
		r.id = st->a;
		r.construct = st->b;
		r.reverse = (int)st->x;
		return airs_model_add_survey_item(m, &r);
	}
	case RESP: {
		airs_response_rec r = AIRS_RESPONSE_REC_INIT;
		r.employee_id = st->a;
		r.item_id = st->b;
		r.value = st->x;
		r.date = day(st->date);
		return airs_model_add_response(m, &r);
	}
	case USE: {
		airs_usage_rec r = AIRS_USAGE_REC_INIT;
		r.employee_id = st->a;
		r.tool_id = st->b;
		ck_assert_int_eq(airs_month_parse(st->c, 7, &r.period), AIRS_OK);
		r.active_days = (int)st->x;
		return airs_model_add_usage(m, &r);
	}
	case COURSE: {
		airs_course_rec r = AIRS_COURSE_REC_INIT;
		int fmt;
		ck_assert_int_eq(airs_format_parse(st->c, strlen(st->c), &fmt), AIRS_OK);
		r.id = st->a;
		r.name = st->a;
		r.skill_id = st->b;
		r.hours = st->x;
		r.level_gain = st->y;
		r.format = fmt;
		r.cost = 100;
		return airs_model_add_course(m, &r);
	}
	case PREREQ: {
		airs_prerequisite_rec r = AIRS_PREREQUISITE_REC_INIT;
		r.skill_id = st->a;
		r.requires_id = st->b;
		r.min_level = st->x;
		return airs_model_add_prerequisite(m, &r);
	}
	default:
		return airs_model_set_attribute(m, st->a, st->b, st->c);
	}
}

/* Steps of one kind keep their relative freedom: a permutation may
 * reorder rows within a kind (as a shuffled CSV would) but kinds are added
 * in dependency order. */
static const airs_allocator *build_alloc; /* NULL: libc */

static airs_model *build(unsigned seed)
{
	size_t idx[NSTEPS], i, j;
	airs_model *m;

	for (i = 0; i < NSTEPS; i++)
		idx[i] = i;
	srand(seed);
	if (seed)
		for (i = NSTEPS - 1; i > 0; i--) {
			size_t t;
			j = (size_t)rand() % (i + 1);
			t = idx[i];
			idx[i] = idx[j];
			idx[j] = t;
		}
	ck_assert_int_eq(airs_model_new(&m, build_alloc), AIRS_OK);
	/* Add kind by kind; units parents-first needs ORG before its teams. */
	for (int kind = UNIT; kind <= ATTR; kind++) {
		if (kind == UNIT) {
			OK(add(m, &example[0]));
			for (i = 0; i < NSTEPS; i++)
				if (example[idx[i]].kind == UNIT && idx[i] != 0)
					OK(add(m, &example[idx[i]]));
			continue;
		}
		for (i = 0; i < NSTEPS; i++)
			if (example[idx[i]].kind == kind)
				OK(add(m, &example[idx[i]]));
	}
	OK(airs_model_finish(m));
	return m;
}

#endif

/*
 * export-demo - score a small synthetic company built through the public
 * API and write one export table to stdout:
 *
 *     export-demo TABLE OUTPUT [OPTIN]
 *
 * TABLE and OUTPUT are the enum values (airs/export.h); OPTIN 1 scores
 * with privacy.individual_sentiment = 1.  tests/check-export.py runs it
 * for every table and checks that the JSON parses (python3 -m json.tool)
 * and the CSV is rectangular.  Linked against the shared library, as an
 * HRIS would link it.  The company is large enough that some survey
 * aggregates are published and some suppressed, and its names contain
 * quotes, commas, tabs, newlines and non-ASCII text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/airs.h"

static airs_model *m;

static void check(int rc, const char *what)
{
	if (rc) {
		fprintf(stderr, "export-demo: %s: %s (%s)\n", what, airs_strerror(rc),
		        airs_model_errmsg(m));
		exit(1);
	}
}

static int to_stdout(const void *data, size_t len, void *user)
{
	(void)user;
	return fwrite(data, 1, len, stdout) != len;
}

/* A small deterministic generator, so the company is the same everywhere. */
static unsigned long state = 12345;
static int rnd(int n)
{
	state = state * 1103515245ul + 12345ul;
	return (int)((state >> 16) % (unsigned long)n);
}

int main(int argc, char **argv)
{
	static const char *const units[][3] = {
		{ "HQ", "Head office, \"Zürich\"", "" },
		{ "SALES", "Sales\tEMEA", "HQ" },
		{ "ENG", "Engineering\nand data", "HQ" },
		{ "ENG-ML", "Machine learning", "ENG" },
	};
	static const char *const items[][2] = {
		{ "q1", "clarity" }, { "q2", "usefulness" }, { "q3", "trust" },
		{ "q4", "security" }, { "q5", "support" }, { "q6", "voice" },
		{ "q7", "recommend" }, { "q8", "time_saved" },
	};
	static const char *const skills[] = { "data", "prompting", "review" };
	airs_params *p;
	airs_result *r;
	airs_diag d = AIRS_DIAG_INIT;
	int table, output, e, k, rc;
	char id[32];

	if (argc < 3) {
		fprintf(stderr, "usage: export-demo TABLE OUTPUT [OPTIN]\n");
		return 2;
	}
	table = atoi(argv[1]);
	output = atoi(argv[2]);
	check(airs_model_new(&m, NULL), "new");
	for (k = 0; k < 4; k++) {
		airs_unit_rec u = AIRS_UNIT_REC_INIT;
		u.id = units[k][0];
		u.name = units[k][1];
		u.parent_id = units[k][2];
		u.target_level = k == 0 ? 3 : k == 3 ? 4 : 0;
		check(airs_model_add_unit(m, &u), "unit");
	}
	{
		airs_role_rec ro = AIRS_ROLE_REC_INIT;
		ro.id = "analyst";
		ro.name = "Analyst, senior";
		check(airs_model_add_role(m, &ro), "role");
	}
	for (k = 0; k < 3; k++) {
		airs_skill_rec s = AIRS_SKILL_REC_INIT;
		airs_role_skill_rec q = AIRS_ROLE_SKILL_REC_INIT;
		s.id = s.name = skills[k];
		check(airs_model_add_skill(m, &s), "skill");
		q.role_id = "analyst";
		q.skill_id = skills[k];
		q.required_level = 2 + k;
		check(airs_model_add_role_skill(m, &q), "role skill");
	}
	for (k = 0; k < 8; k++) {
		airs_survey_item_rec it = AIRS_SURVEY_ITEM_REC_INIT;
		it.id = items[k][0];
		it.construct = items[k][1];
		if (k == 6) {
			it.scale_min = 0;
			it.scale_max = 10;
		} else if (k == 7) {
			it.scale_min = 0;
			it.scale_max = 20;
		}
		check(airs_model_add_survey_item(m, &it), "item");
	}
	for (e = 0; e < 48; e++) {
		airs_employee_rec er = AIRS_EMPLOYEE_REC_INIT;
		snprintf(id, sizeof id, "E%03d", e);
		er.id = id;
		er.unit_id = units[e % 4][0];
		er.role_id = "analyst";
		er.is_leader = e % 7 == 0;
		check(airs_model_add_employee(m, &er), "employee");
		for (k = 0; k < 3; k++) {
			airs_assessment_rec a = AIRS_ASSESSMENT_REC_INIT;
			if (rnd(4) == 0)
				continue;
			a.employee_id = id;
			a.skill_id = skills[k];
			a.level = rnd(11) / 2.0;
			a.source = rnd(4);
			check(airs_date_from_ymd(2026, 1 + rnd(6), 1 + rnd(28), &a.date), "date");
			check(airs_model_add_assessment(m, &a), "assessment");
		}
		if (rnd(3)) {
			airs_training_rec t = AIRS_TRAINING_REC_INIT;
			t.employee_id = id;
			t.skill_id = skills[rnd(3)];
			t.hours = rnd(40);
			check(airs_date_from_ymd(2026, 1 + rnd(6), 1 + rnd(28), &t.date), "date");
			check(airs_model_add_training(m, &t), "training");
		}
		for (k = 0; k < 6; k++) {
			airs_usage_rec g = AIRS_USAGE_REC_INIT;
			g.employee_id = id;
			g.tool_id = "copilot";
			g.period = (2026 - 1970) * 12 + k;
			g.active_days = rnd(20);
			check(airs_model_add_usage(m, &g), "usage");
		}
		if (e % 5 == 4)
			continue; /* not everybody answers the survey */
		for (k = 0; k < 8; k++) {
			airs_response_rec rr = AIRS_RESPONSE_REC_INIT;
			rr.employee_id = id;
			rr.item_id = items[k][0];
			rr.value = k == 6 ? rnd(11) : k == 7 ? rnd(21) : 1 + rnd(5);
			/* answers in June up to its last day: June is a
			 * closed survey month (methodology 4.1) */
			check(airs_date_from_ymd(2026, 6, 2 + rnd(29), &rr.date), "date");
			check(airs_model_add_response(m, &rr), "response");
		}
	}
	check(airs_model_finish(m), "finish");
	check(airs_params_new(&p, NULL), "params");
	check(airs_params_set(p, "as_of", "2026-06-30"), "as_of");
	if (argc > 3 && atoi(argv[3]))
		check(airs_params_set(p, "privacy.individual_sentiment", "1"), "optin");
	check(airs_score(m, p, &r, &d), "score");
	rc = airs_result_write(r, table, output, to_stdout, NULL, &d);
	if (rc) {
		fprintf(stderr, "export-demo: %s\n", d.text);
		return 1;
	}
	airs_result_free(r);
	airs_params_free(p);
	airs_model_free(m);
	return fflush(stdout) ? 1 : 0;
}

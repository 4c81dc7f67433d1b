/*
 * minimal.c - embed airs: build a tiny workforce model through the C API,
 * score it and print each employee's readiness.
 *
 * This is the program the README shows; `meson test` runs it so it never
 * goes stale.  Build against an installed airs with:
 *     cc minimal.c $(pkg-config --cflags --libs airs)
 */
#include <stdio.h>

#include <airs/airs.h>

#define CHECK(call) \
	do { if ((rc = (call)) != AIRS_OK) goto fail; } while (0)

/* Where a failed call's message is (airs/common.h): in the diag it was
 * given, on the model for calls that change it, else its status says. */
static void report(int rc, const airs_model *m, const airs_diag *d)
{
	char text[AIRS_DIAG_FILE_MAX + AIRS_DIAG_TEXT_MAX + 32];

	if (d->status != AIRS_OK)
		airs_diag_format(d, text, sizeof text);
	else if (m && *airs_model_errmsg(m))
		snprintf(text, sizeof text, "%s", airs_model_errmsg(m));
	else
		snprintf(text, sizeof text, "%s", airs_strerror(rc));
	fprintf(stderr, "airs: %s\n", text);
}

int main(void)
{
	airs_model *m = NULL;
	airs_result *r = NULL;
	airs_diag d = AIRS_DIAG_INIT;
	int rc;
	airs_unit_rec unit = AIRS_UNIT_REC_INIT;
	airs_role_rec role = AIRS_ROLE_REC_INIT;
	airs_skill_rec skill = AIRS_SKILL_REC_INIT;
	airs_role_skill_rec need = AIRS_ROLE_SKILL_REC_INIT;
	airs_employee_rec emp = AIRS_EMPLOYEE_REC_INIT;
	airs_assessment_rec a = AIRS_ASSESSMENT_REC_INIT;

	CHECK(airs_model_new(&m, NULL));
	unit.id = "ops"; unit.name = "Operations"; unit.target_level = 3;
	CHECK(airs_model_add_unit(m, &unit));
	role.id = "analyst"; role.name = "Analyst";
	CHECK(airs_model_add_role(m, &role));
	skill.id = "prompting"; skill.name = "Prompt writing";
	CHECK(airs_model_add_skill(m, &skill));
	need.role_id = "analyst"; need.skill_id = "prompting"; need.required_level = 3;
	CHECK(airs_model_add_role_skill(m, &need));
	emp.id = "E1"; emp.unit_id = "ops"; emp.role_id = "analyst";
	CHECK(airs_model_add_employee(m, &emp));
	a.employee_id = "E1"; a.skill_id = "prompting"; a.level = 2.5;
	a.source = AIRS_SOURCE_TEST;
	CHECK(airs_date_parse("2026-05-04", 10, &a.date));
	CHECK(airs_model_add_assessment(m, &a));
	CHECK(airs_model_finish(m));

	/* Score with the default parameters (NULL); print each employee. */
	CHECK(airs_score(m, NULL, &r, &d));
	for (size_t i = 0; i < airs_result_employee_count(r); i++) {
		airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;

		CHECK(airs_result_employee(r, i, &e));
		printf("%s  readiness %.1f  level %d of target %d\n", e.id,
		       e.readiness, e.level, e.target);
	}
	airs_result_free(r);
	airs_model_free(m);
	return 0;
fail:
	report(rc, m, &d);
	airs_result_free(r);
	airs_model_free(m);
	return 1;
}

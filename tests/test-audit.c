/*
 * Fairness audit: impact ratios against hand-computed examples (the EEOC
 * four-fifths example among them), the 2% exclusion, intersections,
 * missing attributes, anonymity suppression, attribute isolation, the
 * exact JSON and CSV forms, and the error paths.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/airs.h"

#include "harness.h"

#define EPS 1e-12
#define OK(call) ck_assert_int_eq((call), AIRS_OK)

/* A model of n employees E0000.. in one unit; attribute "g" from g[i],
 * "b" from b[i] (NULL entries and arrays: not set), and usage of days[i]
 * active days in 2026-06 (NULL: no usage, so no readiness).  With usage,
 * role r requires skill s at level 2 and everyone is assessed at it:
 * the evidence a readiness needs (methodology 1.1), the same for all. */
static airs_model *model_of(size_t n, const char *const *g,
                            const char *const *b, const int *days)
{
	airs_model *m;
	airs_unit_rec u = AIRS_UNIT_REC_INIT;
	airs_role_rec ro = AIRS_ROLE_REC_INIT;
	char id[16];
	size_t i;

	OK(airs_model_new(&m, NULL));
	u.id = "U";
	u.name = "Unit";
	u.target_level = 2;
	OK(airs_model_add_unit(m, &u));
	ro.id = "r";
	ro.name = "Role";
	OK(airs_model_add_role(m, &ro));
	if (days) {
		airs_skill_rec sk = AIRS_SKILL_REC_INIT;
		airs_role_skill_rec rs = AIRS_ROLE_SKILL_REC_INIT;
		sk.id = sk.name = "s";
		OK(airs_model_add_skill(m, &sk));
		rs.role_id = "r";
		rs.skill_id = "s";
		rs.required_level = 2;
		rs.weight = 1;
		OK(airs_model_add_role_skill(m, &rs));
	}
	for (i = 0; i < n; i++) {
		airs_employee_rec e = AIRS_EMPLOYEE_REC_INIT;

		snprintf(id, sizeof id, "E%04zu", i);
		e.id = id;
		e.unit_id = "U";
		e.role_id = "r";
		OK(airs_model_add_employee(m, &e));
		if (g && g[i])
			OK(airs_model_set_attribute(m, id, "g", g[i]));
		if (b && b[i])
			OK(airs_model_set_attribute(m, id, "b", b[i]));
		if (days) {
			airs_usage_rec us = AIRS_USAGE_REC_INIT;
			airs_assessment_rec a = AIRS_ASSESSMENT_REC_INIT;
			a.employee_id = id;
			a.skill_id = "s";
			a.level = 2;
			OK(airs_date_parse("2026-06-30", 10, &a.date));
			OK(airs_model_add_assessment(m, &a));
			us.employee_id = id;
			us.tool_id = "copilot";
			OK(airs_month_parse("2026-06", 7, &us.period));
			us.active_days = days[i];
			OK(airs_model_add_usage(m, &us));
		}
	}
	OK(airs_model_finish(m));
	return m;
}

static airs_result *score_k(const airs_model *m, int min_group)
{
	airs_params *p;
	airs_result *r;

	OK(airs_params_new(&p, NULL));
	OK(airs_params_set_double(p, "anonymity.min_group", min_group));
	OK(airs_score(m, p, &r, NULL));
	airs_params_free(p);
	return r;
}

static airs_audit_row row(const airs_audit_report *a, size_t i)
{
	airs_audit_row w = AIRS_AUDIT_ROW_INIT;

	OK(airs_audit_row_get(a, i, &w));
	return w;
}

static airs_audit_table table(const airs_audit_report *a, size_t i)
{
	airs_audit_table t = AIRS_AUDIT_TABLE_INIT;

	OK(airs_audit_table_get(a, i, &t));
	return t;
}

/* Audit attribute "g" (and "b") against an external 0/1 outcome. */
static airs_audit_report *audit_ext(const airs_result *r, const double *y,
                                    size_t n, int kind, const char *attr2,
                                    int inter)
{
	airs_audit_options o = AIRS_AUDIT_OPTIONS_INIT;
	airs_audit_report *a;
	airs_diag d = AIRS_DIAG_INIT;

	o.attribute = "g";
	o.attribute2 = attr2;
	o.include_intersection = inter;
	o.outcome = kind;
	o.external = y;
	o.external_len = n;
	ck_assert_msg(airs_audit(r, &o, &a, &d) == AIRS_OK, "%s", d.text);
	return a;
}

START_TEST(eeoc_four_fifths_example)
{
	/* 20 in "a" of whom 9 selected (45%), 20 in "b" with 12 (60%):
	 * impact ratio 0.45 / 0.60 = 0.75 < 0.8, flagged. */
	const char *g[40];
	double y[40];
	airs_model *m;
	airs_result *r;
	airs_audit_report *a;
	airs_audit_row ra, rb;
	airs_audit_table t;
	airs_audit_info in = AIRS_AUDIT_INFO_INIT;
	size_t i;

	for (i = 0; i < 40; i++) {
		g[i] = i < 20 ? "a" : "b";
		y[i] = i < 20 ? (i < 9) : (i < 32);
	}
	m = model_of(40, g, NULL, NULL);
	r = score_k(m, 5);
	a = audit_ext(r, y, 40, AIRS_AUDIT_EXTERNAL_BINARY, NULL, 0);
	OK(airs_audit_info_get(a, &in));
	ck_assert_uint_eq(in.table_count, 1);
	ck_assert_uint_eq(in.row_count, 2);
	ck_assert_uint_eq(in.population, 40);
	ck_assert_int_eq(in.adverse, AIRS_AUDIT_ADVERSE_LOW);
	ra = row(a, 0);
	rb = row(a, 1);
	ck_assert_str_eq(ra.value, "a");
	ck_assert_str_eq(rb.value, "b");
	ck_assert_uint_eq(ra.count, 20);
	ck_assert(fabs(ra.rate - 0.45) < EPS && fabs(rb.rate - 0.60) < EPS);
	ck_assert(fabs(ra.impact_ratio - 0.75) < EPS);
	ck_assert(ra.adverse && !ra.reference);
	ck_assert(rb.impact_ratio == 1 && !rb.adverse && rb.reference);
	/* 9 of 20 against 12 of 20 could well be chance (SciPy:
	 * fisher_exact 0.527253984167463, relative_risk(9, 20, 12, 20)
	 * interval 0.41064976730065383 .. 1.3697803938804383). */
	ck_assert(fabs(ra.p_value - 0.527253984167463) < 1e-9);
	ck_assert(fabs(ra.ratio_low - 0.41064976730065383) < 1e-12);
	ck_assert(fabs(ra.ratio_high - 1.3697803938804383) < 1e-12);
	ck_assert(!ra.significant && isnan(rb.p_value) && rb.favourable);
	t = table(a, 0);
	ck_assert_uint_eq(t.reference, 1);
	ck_assert_uint_eq(t.favourable, 1);
	ck_assert_uint_eq(t.missing, 0);
	airs_audit_free(a);

	/* When a higher rate is the adverse one (as for flags), the most
	 * favourable category is the lowest: 0.45 / 0.60 = 0.75 for "b". */
	{
		airs_audit_options o = AIRS_AUDIT_OPTIONS_INIT;
		o.attribute = "g";
		o.outcome = AIRS_AUDIT_EXTERNAL_BINARY;
		o.external = y;
		o.external_len = 40;
		o.adverse = AIRS_AUDIT_ADVERSE_HIGH;
		OK(airs_audit(r, &o, &a, NULL));
		ra = row(a, 0);
		rb = row(a, 1);
		ck_assert(rb.reference && fabs(rb.adverse_ratio - 0.75) < EPS);
		/* the reference is the adverse one, and marked so */
		ck_assert(rb.adverse && !ra.adverse && ra.adverse_ratio == 1);
		ck_assert(ra.favourable && !rb.favourable);
		ck_assert(fabs(rb.p_value - 0.527253984167463) < 1e-9);
		ck_assert(fabs(rb.ratio_low - 0.41064976730065383) < 1e-12);
		ck_assert_int_eq(table(a, 0).adverse, AIRS_AUDIT_ADVERSE_HIGH);
		ck_assert(fabs(ra.impact_ratio - 0.75) < EPS);
		ck_assert_uint_eq(table(a, 0).favourable, 0);
		airs_audit_free(a);
	}
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(two_percent_rule)
{
	static const char *g[1000];
	static double y[1000];
	size_t small;

	/* 19 of 1000 (1.9%) is excluded and counted; 20 (2.0%) is kept. */
	for (small = 19; small <= 20; small++) {
		airs_model *m;
		airs_result *r;
		airs_audit_report *a;
		airs_audit_row rx, ry;
		airs_audit_table t;
		size_t i;

		for (i = 0; i < 1000; i++) {
			g[i] = i < small ? "x" : "y";
			y[i] = i % 2;
		}
		m = model_of(1000, g, NULL, NULL);
		r = score_k(m, 5);
		a = audit_ext(r, y, 1000, AIRS_AUDIT_EXTERNAL_BINARY, NULL, 0);
		rx = row(a, 0);
		ry = row(a, 1);
		t = table(a, 0);
		ck_assert_uint_eq(rx.count, small);
		if (small == 19) {
			ck_assert(rx.excluded && isnan(rx.impact_ratio));
			ck_assert(!rx.reference && !rx.adverse);
			ck_assert_uint_eq(t.excluded, 19);
			ck_assert_uint_eq(t.excluded_categories, 1);
			ck_assert_uint_eq(t.reference, 1);
			ck_assert(!isnan(rx.rate)); /* still reported */
		} else {
			ck_assert(!rx.excluded && !isnan(rx.impact_ratio));
			ck_assert_uint_eq(t.excluded, 0);
		}
		ck_assert(!ry.excluded);
		airs_audit_free(a);
		airs_result_free(r);
		airs_model_free(m);
	}
}
END_TEST

START_TEST(intersections_and_missing)
{
	/* g: f f f f f f m m m m m m, b: A A A B B B A A A B B B;
	 * selected: f/A 3 of 3, f/B 1 of 3, m/A 2 of 3, m/B 0 of 3.  E0012
	 * has no g and E0013 no b: with two attributes every table compares
	 * the 12 with both, and the two others are each table's other line
	 * (2 < k = 3: no count). */
	static const char *g[14] = { "f", "f", "f", "f", "f", "f",
	                             "m", "m", "m", "m", "m", "m", NULL, "f" };
	static const char *b[14] = { "A", "A", "A", "B", "B", "B",
	                             "A", "A", "A", "B", "B", "B", "A", NULL };
	static const double y[14] = { 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1 };
	airs_model *m = model_of(14, g, b, NULL);
	airs_result *r = score_k(m, 3);
	airs_audit_report *a = audit_ext(r, y, 14, AIRS_AUDIT_EXTERNAL_BINARY,
	                                 "b", 1);
	airs_audit_info in = AIRS_AUDIT_INFO_INIT;
	airs_audit_table t0, t1, t2;
	airs_audit_row w;
	size_t i;

	OK(airs_audit_info_get(a, &in));
	ck_assert_uint_eq(in.table_count, 3);
	ck_assert_uint_eq(in.row_count, 3 + 3 + 5);
	t0 = table(a, 0);
	t1 = table(a, 1);
	t2 = table(a, 2);
	ck_assert_str_eq(t0.attribute, "g");
	ck_assert_str_eq(t1.attribute, "b");
	ck_assert_str_eq(t2.attribute, "g");
	ck_assert_str_eq(t2.attribute2, "b");
	ck_assert_uint_eq(t0.missing, 0);  /* in the other line */
	ck_assert_uint_eq(t0.other, 2);
	ck_assert_uint_eq(t1.other, 5);
	ck_assert_uint_eq(t2.other, 10);
	for (i = 0; i < 3; i++) {
		w = row(a, table(a, i).other);
		ck_assert(w.other && w.suppressed && !w.reference);
		ck_assert(w.count == AIRS_AUDIT_SUPPRESSED && isnan(w.rate));
		ck_assert_str_eq(w.value, "");
	}
	ck_assert(row(a, 10).value2 && !row(a, 2).value2);
	/* g: f 4 of 6, m 2 of 6. */
	w = row(a, 0);
	ck_assert_str_eq(w.value, "f");
	ck_assert_uint_eq(w.count, 6);
	ck_assert(fabs(w.rate - 4.0 / 6) < EPS && w.reference);
	w = row(a, 1);
	ck_assert(fabs(w.impact_ratio - 0.5) < EPS && w.adverse);
	/* Intersection rows in order f/A, f/B, m/A, m/B. */
	ck_assert_uint_eq(t2.first_row, 6);
	w = row(a, 6);
	ck_assert_str_eq(w.value, "f");
	ck_assert_str_eq(w.value2, "A");
	ck_assert(w.rate == 1 && w.reference);
	w = row(a, 7);
	ck_assert_str_eq(w.value2, "B");
	ck_assert(fabs(w.impact_ratio - 1.0 / 3) < EPS && w.adverse);
	w = row(a, 8);
	ck_assert_str_eq(w.value, "m");
	ck_assert(fabs(w.impact_ratio - 2.0 / 3) < EPS && w.adverse);
	w = row(a, 9);
	ck_assert(w.rate == 0 && w.impact_ratio == 0 && w.adverse);
	ck_assert((w.p_value < AIRS_AUDIT_ALPHA) == w.significant);
	airs_audit_free(a);

	/* Without the flag: the two single tables only. */
	a = audit_ext(r, y, 14, AIRS_AUDIT_EXTERNAL_BINARY, "b", 0);
	OK(airs_audit_info_get(a, &in));
	ck_assert_uint_eq(in.table_count, 2);
	airs_audit_free(a);

	/* Employees outside the population (NaN) are in no line. */
	{
		double y2[14];
		memcpy(y2, y, sizeof y2);
		y2[12] = NAN;
		y2[0] = NAN;
		a = audit_ext(r, y2, 14, AIRS_AUDIT_EXTERNAL_BINARY, NULL, 0);
		OK(airs_audit_info_get(a, &in));
		ck_assert_uint_eq(in.population, 12);
		ck_assert_uint_eq(table(a, 0).other, AIRS_AUDIT_NONE);
		ck_assert_uint_eq(row(a, 0).count, 6);
		airs_audit_free(a);
	}
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(small_categories_are_folded)
{
	/* a: 10 (5 selected), b: 12 (3), c: 2 (2, the highest rate).  With
	 * min_group 5, c goes to the other line (2 people: no count, no
	 * rate) and is never the reference; a and b are compared (issue 15:
	 * a small category must not hide large ones). */
	const char *g[24];
	double y[24];
	airs_model *m;
	airs_result *r;
	airs_audit_report *a;
	airs_audit_row w;
	size_t i;

	for (i = 0; i < 24; i++) {
		g[i] = i < 10 ? "a" : i < 22 ? "b" : "c";
		y[i] = i < 5 || (i >= 10 && i < 13) || i >= 22;
	}
	m = model_of(24, g, NULL, NULL);
	r = score_k(m, 5);
	a = audit_ext(r, y, 24, AIRS_AUDIT_EXTERNAL_BINARY, NULL, 0);
	ck_assert_uint_eq(table(a, 0).row_count, 3);
	w = row(a, 2);
	ck_assert(w.other && w.suppressed && !w.reference);
	ck_assert(w.count == AIRS_AUDIT_SUPPRESSED && isnan(w.rate));
	ck_assert(isnan(w.impact_ratio) && !w.adverse);
	w = row(a, 0);
	ck_assert_str_eq(w.value, "a");
	ck_assert(!w.suppressed && w.reference && w.count == 10);
	w = row(a, 1);
	ck_assert(!w.suppressed && w.count == 12 && fabs(w.impact_ratio - 0.5) < EPS);
	ck_assert_uint_eq(table(a, 0).suppressed_categories, 0);
	ck_assert_uint_eq(table(a, 0).reference, 0);
	airs_audit_free(a);
	airs_result_free(r);
	airs_model_free(m);

	/* Two small categories of 3: an other line of 6 shows its count and
	 * rate, and is not compared. */
	for (i = 0; i < 24; i++) {
		g[i] = i < 18 ? "a" : i < 21 ? "b" : "c";
		y[i] = i % 2;
	}
	m = model_of(24, g, NULL, NULL);
	r = score_k(m, 5);
	a = audit_ext(r, y, 24, AIRS_AUDIT_EXTERNAL_BINARY, NULL, 0);
	ck_assert_uint_eq(table(a, 0).row_count, 2);
	ck_assert(!row(a, 0).suppressed && row(a, 0).reference);
	w = row(a, 1);
	ck_assert(w.other && !w.suppressed && w.count == 6 && w.selected == 3);
	ck_assert(isnan(w.impact_ratio) && !w.reference && isnan(w.p_value));
	airs_audit_free(a);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(tables_together_isolate_no_one)
{
	/* 14 people, k = 5: g f 7, m 7; b A 7, B 7; cells f/A 5, f/B 2,
	 * m/A 2, m/B 5.  Every category has 7, yet f - A = f/B - m/A sums
	 * over 4 people: the tables together would isolate them.  The
	 * smallest categories that close that gap, f and m, are withheld
	 * (docs/responsible-use.md, the second worked example). */
	static const char *g[14] = { "f", "f", "f", "f", "f", "f", "f",
	                             "m", "m", "m", "m", "m", "m", "m" };
	static const char *b[14] = { "A", "A", "A", "A", "A", "B", "B",
	                             "A", "A", "B", "B", "B", "B", "B" };
	static const double y[14] = { 1, 1, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 0, 0 };
	airs_model *m = model_of(14, g, b, NULL);
	airs_result *r = score_k(m, 5);
	airs_audit_report *a = audit_ext(r, y, 14, AIRS_AUDIT_EXTERNAL_BINARY,
	                                 "b", 0);

	ck_assert(row(a, 0).suppressed && row(a, 1).suppressed);
	ck_assert(row(a, 0).count == AIRS_AUDIT_SUPPRESSED);
	ck_assert_uint_eq(table(a, 0).suppressed_categories, 2);
	ck_assert_uint_eq(table(a, 0).reference, AIRS_AUDIT_NONE);
	ck_assert(!row(a, 2).suppressed && row(a, 2).count == 7);
	ck_assert(!row(a, 3).suppressed && row(a, 3).count == 7);
	ck_assert_uint_eq(table(a, 1).row_count, 2);  /* no other line */
	airs_audit_free(a);

	/* With the intersection, whose cells of 2 are never shown: the same. */
	a = audit_ext(r, y, 14, AIRS_AUDIT_EXTERNAL_BINARY, "b", 1);
	ck_assert(row(a, 0).suppressed && row(a, 1).suppressed);
	ck_assert(!row(a, 2).suppressed && !row(a, 3).suppressed);
	airs_audit_free(a);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(worked_example)
{
	/* docs/responsible-use.md, "Anonymity in the audit" and "Reading an
	 * audit": 42 people, k = 5.  a: 20 (9 selected), b: 20 (12), c: 1
	 * (selected), one without a value (not selected). */
	const char *g[42];
	double y[42];
	airs_model *m;
	airs_result *r;
	airs_audit_report *a;
	airs_audit_row ra, rb, ro;
	airs_audit_table t;
	size_t i;

	for (i = 0; i < 42; i++) {
		g[i] = i < 20 ? "a" : i < 40 ? "b" : i == 40 ? "c" : NULL;
		y[i] = i < 9 || (i >= 20 && i < 32) || i == 40;
	}
	m = model_of(42, g, NULL, NULL);
	r = score_k(m, 5);
	a = audit_ext(r, y, 42, AIRS_AUDIT_EXTERNAL_BINARY, NULL, 0);
	t = table(a, 0);
	ck_assert_uint_eq(t.row_count, 3);
	ra = row(a, 0);
	rb = row(a, 1);
	ro = row(a, 2);
	ck_assert_uint_eq(t.other, 2);
	ck_assert(ro.other && ro.suppressed && ro.count == AIRS_AUDIT_SUPPRESSED);
	ck_assert(isnan(ro.selected) && isnan(ro.rate));
	ck_assert(rb.reference && rb.favourable && rb.impact_ratio == 1);
	ck_assert(fabs(ra.rate - 0.45) < EPS && fabs(rb.rate - 0.6) < EPS);
	ck_assert(fabs(ra.impact_ratio - 0.75) < EPS && ra.adverse);
	ck_assert(fabs(ra.p_value - 0.527253984167463) < 1e-9 && !ra.significant);
	ck_assert(fabs(ra.ratio_low - 0.410649767) < 5e-10);
	ck_assert(fabs(ra.ratio_high - 1.369780394) < 5e-10);
	ck_assert(t.informative);
	airs_audit_free(a);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(constant_outcomes_are_not_informative)
{
	/* Nobody, then everybody, selected: no ratio, nothing adverse,
	 * never "parity". */
	const char *g[20];
	double y[20];
	airs_model *m;
	airs_result *r;
	airs_audit_report *a;
	airs_audit_info in = AIRS_AUDIT_INFO_INIT;
	size_t i;
	int all;

	for (i = 0; i < 20; i++)
		g[i] = i < 10 ? "a" : "b";
	m = model_of(20, g, NULL, NULL);
	r = score_k(m, 5);
	for (all = 0; all <= 1; all++) {
		for (i = 0; i < 20; i++)
			y[i] = all;
		a = audit_ext(r, y, 20, AIRS_AUDIT_EXTERNAL_BINARY, NULL, 0);
		OK(airs_audit_info_get(a, &in));
		ck_assert(!in.informative && !table(a, 0).informative);
		ck_assert_uint_eq(table(a, 0).reference, AIRS_AUDIT_NONE);
		for (i = 0; i < 2; i++) {
			airs_audit_row w = row(a, i);
			ck_assert(isnan(w.impact_ratio) && isnan(w.p_value));
			ck_assert(!w.adverse && !w.reference && w.rate == all);
		}
		airs_audit_free(a);
	}
	/* Only the other line has the outcome: the compared are all 0. */
	{
		static const char *g3[12] = { "a", "a", "a", "a", "a", "b", "b",
		                              "b", "b", "b", "c", NULL };
		static const double y3[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 };
		airs_model *m3 = model_of(12, g3, NULL, NULL);
		airs_result *r3 = score_k(m3, 5);
		a = audit_ext(r3, y3, 12, AIRS_AUDIT_EXTERNAL_BINARY, NULL, 0);
		OK(airs_audit_info_get(a, &in));
		ck_assert(in.informative && !table(a, 0).informative);
		ck_assert(isnan(row(a, 0).impact_ratio));
		airs_audit_free(a);
		airs_result_free(r3);
		airs_model_free(m3);
	}
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(sample_gender_compares_women_and_men)
{
	/* One non-binary employee beside 127 women and 122 men (issue 15):
	 * folded into the other line, which shows no count; women and men
	 * are compared.  The population is everyone with a readiness:
	 * 114 women and 110 men (methodology 1.1). */
	airs_model *m;
	airs_result *r;
	airs_audit_report *a;
	airs_audit_options o = AIRS_AUDIT_OPTIONS_INIT;
	airs_audit_row f, mm, ot;

	OK(airs_model_new(&m, NULL));
	OK(airs_load_dir(m, SOURCE_ROOT "/examples/data/sample", NULL, NULL));
	OK(airs_model_finish(m));
	OK(airs_score(m, NULL, &r, NULL));
	o.attribute = "gender";
	OK(airs_audit(r, &o, &a, NULL));
	f = row(a, 0);
	mm = row(a, 1);
	ot = row(a, 2);
	ck_assert_str_eq(f.value, "female");
	ck_assert_str_eq(mm.value, "male");
	ck_assert_uint_eq(f.count, 114);
	ck_assert_uint_eq(mm.count, 110);
	ck_assert(!isnan(mm.impact_ratio) && !isnan(mm.p_value));
	ck_assert(f.reference);
	ck_assert(ot.other && ot.suppressed);
	airs_audit_free(a);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(attributes_change_only_the_audit)
{
	/* Readiness from usage; the same people with their attributes
	 * rotated: every score equal, the audit different. */
	enum { N = 30 };
	const char *g0[N], *g1[N];
	int days[N];
	double c0[N], c1[N];
	airs_model *m0, *m1;
	airs_result *r0, *r1;
	airs_audit_report *a0, *a1;
	airs_audit_options o = AIRS_AUDIT_OPTIONS_INIT;
	size_t i;
	int col;

	for (i = 0; i < N; i++) {
		days[i] = (int)(i % 13);
		g0[i] = i < 15 ? "p" : "q";
		g1[(i + 7) % N] = g0[i];
	}
	m0 = model_of(N, g0, NULL, days);
	m1 = model_of(N, g1, NULL, days);
	r0 = score_k(m0, 5);
	r1 = score_k(m1, 5);
	for (col = 0; col < AIRS_COLUMN_COUNT_; col++) {
		OK(airs_result_column(r0, col, c0, N));
		OK(airs_result_column(r1, col, c1, N));
		ck_assert(memcmp(c0, c1, sizeof c0) == 0);
	}
	o.attribute = "g";
	o.outcome = AIRS_AUDIT_ABOVE_MEDIAN;
	OK(airs_audit(r0, &o, &a0, NULL));
	OK(airs_audit(r1, &o, &a1, NULL));
	ck_assert(row(a0, 0).rate != row(a1, 0).rate);
	{
		airs_audit_info i0 = AIRS_AUDIT_INFO_INIT, i1 = AIRS_AUDIT_INFO_INIT;
		OK(airs_audit_info_get(a0, &i0));
		OK(airs_audit_info_get(a1, &i1));
		ck_assert(i0.median == i1.median && !isnan(i0.median));
		ck_assert_uint_eq(i0.population, N);
	}
	airs_audit_free(a0);
	airs_audit_free(a1);
	airs_result_free(r0);
	airs_result_free(r1);
	airs_model_free(m0);
	airs_model_free(m1);
}
END_TEST

/* ------------------------------------------------------------------------
 * The training allocation of an org plan (issue 6)
 * ---------------------------------------------------------------------- */

/* 40 employees E00..E39 in unit U, role r requiring skill s at level 2;
 * course C-S (6 hours, gain 2) teaches it.  Attribute "g" is g[i].  The
 * employees in `gap` have no assessment (a gap of 2 levels the course
 * serves); the others are assessed at level 2 (nothing to learn). */
enum { PN = 40 };

static airs_model *plan_model(const char *const *g, const int *gap)
{
	airs_model *m;
	airs_unit_rec u = AIRS_UNIT_REC_INIT;
	airs_role_rec ro = AIRS_ROLE_REC_INIT;
	airs_skill_rec sk = AIRS_SKILL_REC_INIT;
	airs_role_skill_rec rs = AIRS_ROLE_SKILL_REC_INIT;
	airs_course_rec c = AIRS_COURSE_REC_INIT;
	char id[16];
	size_t i;

	OK(airs_model_new(&m, NULL));
	u.id = "U";
	u.name = "Unit";
	u.target_level = 2;
	OK(airs_model_add_unit(m, &u));
	ro.id = "r";
	ro.name = "Role";
	OK(airs_model_add_role(m, &ro));
	sk.id = "s";
	sk.name = "Skill";
	OK(airs_model_add_skill(m, &sk));
	rs.role_id = "r";
	rs.skill_id = "s";
	rs.required_level = 2;
	rs.weight = 1;
	OK(airs_model_add_role_skill(m, &rs));
	c.id = "C-S";
	c.name = "Course";
	c.skill_id = "s";
	c.hours = 6;
	c.level_gain = 2;
	OK(airs_model_add_course(m, &c));
	for (i = 0; i < PN; i++) {
		airs_employee_rec e = AIRS_EMPLOYEE_REC_INIT;
		snprintf(id, sizeof id, "E%02zu", i);
		e.id = id;
		e.unit_id = "U";
		e.role_id = "r";
		OK(airs_model_add_employee(m, &e));
		OK(airs_model_set_attribute(m, id, "g", g[i]));
		if (!gap[i]) {
			airs_assessment_rec as = AIRS_ASSESSMENT_REC_INIT;
			as.employee_id = id;
			as.skill_id = "s";
			as.level = 2;
			as.source = AIRS_SOURCE_TEST;
			OK(airs_date_parse("2026-06-01", 10, &as.date));
			OK(airs_model_add_assessment(m, &as));
		}
	}
	OK(airs_model_finish(m));
	return m;
}

static airs_audit_report *audit_plan(const airs_result *r,
                                     const airs_org_plan *op, int outcome)
{
	airs_audit_options o = AIRS_AUDIT_OPTIONS_INIT;
	airs_audit_report *a;
	airs_diag d = AIRS_DIAG_INIT;

	o.attribute = "g";
	o.outcome = outcome;
	o.plan = op;
	ck_assert_msg(airs_audit(r, &o, &a, &d) == AIRS_OK, "%s", d.text);
	return a;
}

static int file_writer(const void *data, size_t len, void *user)
{
	return fwrite(data, 1, len, user) != len;
}

static char *org_csv(const airs_org_plan *op, int table)
{
	struct { char *p; size_t n; } b = { NULL, 0 };
	FILE *f = open_memstream(&b.p, &b.n);

	ck_assert_ptr_nonnull(f);
	OK(airs_org_plan_write(op, table, AIRS_OUTPUT_CSV, file_writer, f, NULL));
	fclose(f);
	return b.p;
}

START_TEST(plan_allocation_audit)
{
	/* f: E00..E19, 9 of them with a gap; m: E20..E39, 12 with a gap.
	 * With room for everyone, exactly those with a gap are selected:
	 * f 9/20 = 0.45, m 12/20 = 0.60, impact ratio 0.45 / 0.60 = 0.75 <
	 * 0.8, flagged.  Each selected person gets the same hours h, so the
	 * hours per head are 9h/20 and 12h/20: again a ratio of 0.75. */
	const char *g[PN];
	int gap[PN];
	airs_model *m;
	airs_result *r;
	airs_org_plan *op;
	airs_plan_options po = AIRS_PLAN_OPTIONS_INIT;
	airs_audit_report *a;
	airs_audit_row f, mm;
	airs_audit_info in = AIRS_AUDIT_INFO_INIT;
	double y[PN], h = 0;
	size_t i;

	for (i = 0; i < PN; i++) {
		g[i] = i < 20 ? "f" : "m";
		gap[i] = i < 9 || (i >= 20 && i < 32);
	}
	m = plan_model(g, gap);
	r = score_k(m, 5);
	po.budget_hours = 10000;
	OK(airs_plan_org(r, &po, &op, NULL));
	OK(airs_org_plan_outcome(op, AIRS_PLAN_OUTCOME_HOURS, y, PN));
	for (i = 0; i < PN; i++) {
		if (gap[i] && h == 0)
			h = y[i];
		ck_assert_double_eq(y[i], gap[i] ? h : 0);
	}
	ck_assert_double_ge(h, 6);

	a = audit_plan(r, op, AIRS_AUDIT_PLAN_SELECTED);
	OK(airs_audit_info_get(a, &in));
	ck_assert_int_eq(in.outcome, AIRS_AUDIT_PLAN_SELECTED);
	ck_assert_int_eq(in.adverse, AIRS_AUDIT_ADVERSE_LOW);
	ck_assert_uint_eq(in.population, PN);
	f = row(a, 0);
	mm = row(a, 1);
	ck_assert_str_eq(f.value, "f");
	ck_assert_uint_eq(f.count, 20);
	ck_assert_double_eq(f.selected, 9);
	ck_assert_double_eq_tol(f.rate, 0.45, EPS);
	ck_assert_double_eq_tol(mm.rate, 0.60, EPS);
	ck_assert_double_eq_tol(f.impact_ratio, 0.75, EPS);
	ck_assert_int_eq(f.adverse, 1);
	ck_assert_int_eq(mm.reference, 1);
	ck_assert_int_eq(mm.adverse, 0);
	airs_audit_free(a);

	/* The same through the external vector. */
	OK(airs_org_plan_outcome(op, AIRS_PLAN_OUTCOME_SELECTED, y, PN));
	a = audit_ext(r, y, PN, AIRS_AUDIT_EXTERNAL_BINARY, NULL, 0);
	ck_assert_double_eq_tol(row(a, 0).impact_ratio, 0.75, EPS);
	airs_audit_free(a);

	/* Hours per head: a ratio of means. */
	a = audit_plan(r, op, AIRS_AUDIT_PLAN_HOURS);
	f = row(a, 0);
	mm = row(a, 1);
	ck_assert_double_eq_tol(f.selected, 9 * h, 1e-9);
	ck_assert_double_eq_tol(f.rate, 9 * h / 20, 1e-9);
	ck_assert_double_eq_tol(mm.rate, 12 * h / 20, 1e-9);
	ck_assert_double_eq_tol(f.impact_ratio, 0.75, 1e-12);
	ck_assert_int_eq(f.adverse, 1);
	airs_audit_free(a);

	airs_org_plan_free(op);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(plan_audit_attributes_change_only_the_audit)
{
	/* The same people, needs and budget, the attribute rotated: the plan
	 * is the same to the byte, its audit is not. */
	const char *g0[PN], *g1[PN];
	int gap[PN], t;
	airs_model *m0, *m1;
	airs_result *r0, *r1;
	airs_org_plan *p0, *p1;
	airs_plan_options po = AIRS_PLAN_OPTIONS_INIT;
	airs_audit_report *a0, *a1;
	size_t i;

	for (i = 0; i < PN; i++) {
		g0[i] = i < 20 ? "f" : "m";
		g1[(i + 13) % PN] = g0[i];
		gap[i] = i < 9 || (i >= 20 && i < 32);
	}
	m0 = plan_model(g0, gap);
	m1 = plan_model(g1, gap);
	r0 = score_k(m0, 5);
	r1 = score_k(m1, 5);
	po.budget_hours = 10000;
	OK(airs_plan_org(r0, &po, &p0, NULL));
	OK(airs_plan_org(r1, &po, &p1, NULL));
	for (t = AIRS_PLAN_TABLE_GROUPS; t <= AIRS_PLAN_TABLE_COHORTS; t++) {
		char *x0 = org_csv(p0, t), *x1 = org_csv(p1, t);
		ck_assert_str_eq(x0, x1);
		free(x0);
		free(x1);
	}
	a0 = audit_plan(r0, p0, AIRS_AUDIT_PLAN_SELECTED);
	a1 = audit_plan(r1, p1, AIRS_AUDIT_PLAN_SELECTED);
	/* rotated by 13: f is E13..E32, of whom E13..E19 (0) and E20..E31
	 * (12) have a gap: 12/20; m: 9/20 */
	ck_assert_double_eq_tol(row(a1, 0).rate, 0.60, EPS);
	ck_assert_double_eq_tol(row(a1, 1).rate, 0.45, EPS);
	ck_assert(row(a0, 0).rate != row(a1, 0).rate);
	airs_audit_free(a0);
	airs_audit_free(a1);

	/* A plan of other employees is refused. */
	{
		airs_audit_options o = AIRS_AUDIT_OPTIONS_INIT;
		airs_diag d = AIRS_DIAG_INIT;
		airs_model *ms = model_of(3, (const char *const[]){ "f", "m", "f" },
		                          NULL, NULL);
		airs_result *rs = score_k(ms, 5);
		o.attribute = "g";
		o.outcome = AIRS_AUDIT_PLAN_HOURS;
		ck_assert_int_eq(airs_audit(r0, &o, &a0, &d), AIRS_EINVAL);
		ck_assert_str_eq(d.text, "a plan outcome needs `plan`");
		o.plan = p0;
		ck_assert_int_eq(airs_audit(rs, &o, &a0, &d), AIRS_EINVAL);
		ck_assert_ptr_nonnull(strstr(d.text, "not made from this result"));
		/* 1.0 published the options with `plan`: a shorter size
		 * is not one of its layouts (the size protocol is tested
		 * for every struct in test-abi.c) */
		o.outcome = AIRS_AUDIT_AT_TARGET;
		o.size = offsetof(airs_audit_options, plan);
		ck_assert_int_eq(airs_audit(r0, &o, &a0, &d), AIRS_EINVAL);
		ck_assert_str_eq(d.text, "options size is not set: initialise "
		                 "it with its *_INIT macro");
		airs_result_free(rs);
		airs_model_free(ms);
	}
	airs_org_plan_free(p0);
	airs_org_plan_free(p1);
	airs_result_free(r0);
	airs_result_free(r1);
	airs_model_free(m0);
	airs_model_free(m1);
}
END_TEST

struct buf {
	char s[8192];
	size_t n;
};

static int collect(const void *data, size_t len, void *user)
{
	struct buf *b = user;

	ck_assert(b->n + len < sizeof b->s);
	memcpy(b->s + b->n, data, len);
	b->n += len;
	b->s[b->n] = 0;
	return 0;
}

START_TEST(exact_json_and_csv)
{
	static const char *g[8] = { "x,1", "x,1", "x,1", "x,1",
	                            "y\"", "y\"", "y\"", NULL };
	static const double y[8] = { 1, 1, 1, 0, 1, 0, 0, 1 };
	airs_model *m = model_of(8, g, NULL, NULL);
	airs_result *r = score_k(m, 3);
	airs_audit_report *a;
	airs_audit_options o = AIRS_AUDIT_OPTIONS_INIT;
	char in_digest[65], p_digest[65], as_of[11], want[4096];
	airs_params *p;
	struct buf b;

	o.attribute = "g";
	o.outcome = AIRS_AUDIT_EXTERNAL_BINARY;
	o.external = y;
	o.external_len = 8;
	OK(airs_audit(r, &o, &a, NULL));
	OK(airs_model_digest(m, in_digest));
	OK(airs_params_new(&p, NULL));
	OK(airs_params_set_double(p, "anonymity.min_group", 3));
	OK(airs_params_digest(p, p_digest));
	airs_params_free(p);
	airs_date_format(airs_result_as_of(r), as_of);

	b.n = 0;
	OK(airs_audit_write(a, AIRS_AUDIT_JSON, collect, &b, NULL));
	snprintf(want, sizeof want,
	  "{\n"
	  "  \"schema\": \"airs-audit/2\",\n"
	  "  \"provenance\": {\"library_version\": \"%s\", \"methodology_version\": "
	  "\"" AIRS_METHODOLOGY_VERSION "\", \"as_of\": \"%s\", "
	  "\"as_of_rule\": \"no_evidence\", "
	  "\"as_of_left_out\": \"0\", \"survey_start\": null, "
	  "\"survey_end\": null, \"survey_wave_id\": null, "
	  "\"survey_answers\": \"0\", \"survey_answers_outside\": \"0\", "
	  "\"params_digest\": \"%s\", "
	  "\"input_digest\": \"%s\"},\n"
	  "  \"outcome\": \"external_binary\",\n"
	  "  \"flag\": null,\n"
	  "  \"adverse\": \"low\",\n"
	  "  \"median\": null,\n"
	  "  \"threshold\": 0.8,\n"
	  "  \"alpha\": 0.05,\n"
	  "  \"min_share\": 0.02,\n"
	  "  \"min_group\": 3,\n"
	  "  \"employees\": 8,\n"
	  "  \"population\": 8,\n"
	  "  \"informative\": true,\n"
	  "  \"tables\": [\n"
	  "    {\n"
	  "      \"kind\": \"first\",\n"
	  "      \"attributes\": [\"g\"],\n"
	  "      \"adverse\": \"low\",\n"
	  "      \"informative\": true,\n"
	  "      \"excluded\": 0,\n"
	  "      \"excluded_categories\": 0,\n"
	  "      \"withheld_categories\": 0,\n"
	  "      \"reference\": [\"x,1\"],\n"
	  "      \"favourable\": [\"x,1\"],\n"
	  "      \"rows\": [\n"
	  "        {\"category\": [\"x,1\"], \"other\": false, \"count\": 4, "
	  "\"selected\": 3, \"rate\": 0.75, \"impact_ratio\": 1, "
	  "\"adverse_ratio\": 1, \"ratio_low\": null, \"ratio_high\": null, "
	  "\"p_value\": null, \"adverse\": false, \"significant\": false, "
	  "\"excluded\": false, \"withheld\": false, \"reference\": true, "
	  "\"favourable\": true},\n"
	  "        {\"category\": [\"y\\\"\"], \"other\": false, \"count\": 3, "
	  "\"selected\": 1, \"rate\": 0.333333333, \"impact_ratio\": 0.444444444, "
	  "\"adverse_ratio\": 0.444444444, \"ratio_low\": 0.081405795, "
	  "\"ratio_high\": 2.426496348, \"p_value\": 0.485714286, "
	  "\"adverse\": true, \"significant\": false, \"excluded\": false, "
	  "\"withheld\": false, \"reference\": false, \"favourable\": false},\n"
	  "        {\"category\": null, \"other\": true, \"count\": \"<3\", "
	  "\"selected\": null, \"rate\": null, \"impact_ratio\": null, "
	  "\"adverse_ratio\": null, \"ratio_low\": null, \"ratio_high\": null, "
	  "\"p_value\": null, \"adverse\": false, \"significant\": false, "
	  "\"excluded\": false, \"withheld\": true, \"reference\": false, "
	  "\"favourable\": false}\n"
	  "      ]\n"
	  "    }\n"
	  "  ]\n"
	  "}\n",
	  airs_version(), as_of, p_digest, in_digest);
	ck_assert_str_eq(b.s, want);

	b.n = 0;
	OK(airs_audit_write(a, AIRS_AUDIT_CSV, collect, &b, NULL));
	ck_assert_str_eq(b.s,
	  "table,kind,attribute,value,attribute2,value2,other,count,selected,"
	  "rate,impact_ratio,adverse_ratio,ratio_low,ratio_high,p_value,adverse,"
	  "significant,excluded,withheld,reference,favourable\n"
	  "0,category,g,\"x,1\",,,0,4,3,0.75,1,1,,,,0,0,0,0,1,1\n"
	  "0,category,g,\"y\"\"\",,,0,3,1,0.333333333,0.444444444,0.444444444,"
	  "0.081405795,2.426496348,0.485714286,1,0,0,0,0,0\n"
	  "0,other,g,,,,1,<3,,,,,,,,0,0,0,1,0,0\n");
	airs_audit_free(a);

	/* With k = 4 the 3 of y" are folded too; with the one without a
	 * value the other line has 4 and shows its count and rate, and x,1
	 * alone is compared (with itself). */
	{
		airs_result *r4 = score_k(m, 4);
		OK(airs_audit(r4, &o, &a, NULL));
		b.n = 0;
		OK(airs_audit_write(a, AIRS_AUDIT_CSV, collect, &b, NULL));
		ck_assert_msg(strstr(b.s, "0,other,g,,,,1,4,2,0.5,,,,,,0,0,0,0,0,0\n"),
		              "%s", b.s);
		airs_audit_free(a);
		airs_result_free(r4);
	}
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

static int stop(const void *data, size_t len, void *user)
{
	(void)data;
	(void)len;
	(void)user;
	return 1;
}

START_TEST(errors)
{
	static const char *g[6] = { "a", "a", "a", "b", "b", "b" };
	static const double y[6] = { 1, 0, 0, 1, 0, 0 };
	airs_model *m = model_of(6, g, NULL, NULL);
	airs_result *r = score_k(m, 3);
	airs_audit_options o = AIRS_AUDIT_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_audit_report *a = (airs_audit_report *)1;

	o.attribute = "gender";
	o.outcome = AIRS_AUDIT_EXTERNAL_BINARY;
	o.external = y;
	o.external_len = 6;
	ck_assert_int_eq(airs_audit(r, &o, &a, &d), AIRS_ENOTFOUND);
	ck_assert(a == NULL);
	ck_assert_int_eq(d.status, AIRS_ENOTFOUND);
	ck_assert_msg(strstr(d.text, "\"gender\""), "%s", d.text);

	o.attribute = "g";
	o.attribute2 = "band";
	ck_assert_int_eq(airs_audit(r, &o, &a, &d), AIRS_ENOTFOUND);
	ck_assert_msg(strstr(d.text, "\"band\""), "%s", d.text);
	o.attribute2 = NULL;

	o.external_len = 5;
	ck_assert_int_eq(airs_audit(r, &o, &a, &d), AIRS_EINVAL);
	ck_assert_msg(strstr(d.text, "5 values for 6 employees"), "%s", d.text);
	o.external_len = 6;
	o.external = NULL;
	ck_assert_int_eq(airs_audit(r, &o, &a, NULL), AIRS_EINVAL);
	{
		static const double bad[6] = { 1, 0, 0, 0.5, 0, 0 };
		o.external = bad;
		ck_assert_int_eq(airs_audit(r, &o, &a, NULL), AIRS_EINVAL);
		o.outcome = AIRS_AUDIT_EXTERNAL_VALUE; /* 0.5 hours is fine */
		OK(airs_audit(r, &o, &a, NULL));
		ck_assert(fabs(row(a, 1).rate - 0.5 / 3) < EPS);
		ck_assert(fabs(row(a, 1).impact_ratio - 0.5) < EPS);
		airs_audit_free(a);
		o.outcome = AIRS_AUDIT_EXTERNAL_BINARY;
		o.external = y;
	}
	o.outcome = AIRS_AUDIT_FLAG;
	o.flag = AIRS_FLAG_FATIGUE | AIRS_FLAG_REVERSION;
	ck_assert_int_eq(airs_audit(r, &o, &a, NULL), AIRS_EINVAL);
	o.flag = AIRS_FLAG_REVERSION;
	OK(airs_audit(r, &o, &a, NULL));
	{
		airs_audit_info in = AIRS_AUDIT_INFO_INIT;
		OK(airs_audit_info_get(a, &in));
		ck_assert_int_eq(in.adverse, AIRS_AUDIT_ADVERSE_HIGH);
		ck_assert_uint_eq(in.population, 0); /* no training or usage */
	}
	ck_assert_int_eq(airs_audit_write(a, AIRS_AUDIT_CSV, stop, NULL, &d),
	                 AIRS_EIO);
	ck_assert_int_eq(airs_audit_write(a, 7, stop, NULL, NULL), AIRS_EINVAL);
	{
		airs_audit_row w = AIRS_AUDIT_ROW_INIT;
		ck_assert_int_eq(airs_audit_row_get(a, 0, &w), AIRS_ERANGE);
	}
	airs_audit_free(a);
	o.outcome = 99;
	ck_assert_int_eq(airs_audit(r, &o, &a, NULL), AIRS_EINVAL);
	ck_assert_int_eq(airs_audit(NULL, &o, &a, NULL), AIRS_EINVAL);
	airs_audit_free(NULL);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("audit");
	TCase *tc = tcase_create("audit");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, eeoc_four_fifths_example);
	tcase_add_test(tc, two_percent_rule);
	tcase_add_test(tc, intersections_and_missing);
	tcase_add_test(tc, small_categories_are_folded);
	tcase_add_test(tc, tables_together_isolate_no_one);
	tcase_add_test(tc, worked_example);
	tcase_add_test(tc, constant_outcomes_are_not_informative);
	tcase_add_test(tc, sample_gender_compares_women_and_men);
	tcase_add_test(tc, attributes_change_only_the_audit);
	tcase_add_test(tc, exact_json_and_csv);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, plan_allocation_audit);
	tcase_add_test(tc, plan_audit_attributes_change_only_the_audit);
	suite_add_tcase(s, tc);
	return s;
}

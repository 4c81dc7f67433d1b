/*
 * The as-of date (methodology 2): the latest date of observed evidence,
 * planned training never counting, and the outlier rule that leaves a
 * record dated far beyond the rest out - both sides of its line, the
 * warning that names the record's file, line and column, and the same
 * date in scoring, its provenance and airs_model_as_of().
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/airs.h"

#include "harness.h"

/* ------------------------------------------------------------------------
 * A dataset in memory: one unit, one role, one skill, n employees with
 * an assessment each on consecutive days ending 2026-06-30, and whatever
 * extra assessment and training rows a test adds.
 * ---------------------------------------------------------------------- */

struct text {
	char *p;
	size_t n, cap;
};

static void put(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!t->p) {
		t->cap = 256;
		t->p = malloc(t->cap);
		ck_assert_ptr_nonnull(t->p);
	}
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->p + t->n, t->cap - t->n, fmt, ap);
		va_end(ap);
		ck_assert_int_ge(n, 0);
		if ((size_t)n < t->cap - t->n)
			break;
		t->cap = 2 * t->cap + (size_t)n + 64;
		t->p = realloc(t->p, t->cap);
		ck_assert_ptr_nonnull(t->p);
	}
	t->n += (size_t)n;
}

static airs_date day(const char *s)
{
	airs_date d;

	ck_assert_int_eq(airs_date_parse(s, strlen(s), &d), AIRS_OK);
	return d;
}

static const char *date_of(airs_date d, char buf[11])
{
	ck_assert_uint_eq(airs_date_format(d, buf), 10);
	return buf;
}

/* Employees E0 .. E(n-1), E(i) assessed on 2026-06-30 minus (n-1-i)
 * days; then the extra assessment rows `more` (CSV lines) and training
 * rows `training` (NULL: no training file). */
static airs_model *dataset(int n, const char *more, const char *training)
{
	struct text emp = { 0 }, asm_ = { 0 };
	airs_table_buffer tb[6];
	airs_model *m;
	airs_diag d = AIRS_DIAG_INIT;
	char b[11];
	size_t nt = 0;
	int i;

	put(&emp, "employee_id,unit_id,role_id\n");
	/* the date column is the fourth: the warning must point at it */
	put(&asm_, "employee_id,skill_id,level,date,source\n");
	for (i = 0; i < n; i++) {
		put(&emp, "E%d,U,R\n", i);
		put(&asm_, "E%d,S,3,%s,test\n", i,
		    date_of(day("2026-06-30") - (n - 1 - i), b));
	}
	put(&asm_, "%s", more ? more : "");
	tb[nt++] = (airs_table_buffer){ "units.csv", "unit_id,name\nU,Unit\n", 20 };
	tb[nt++] = (airs_table_buffer){ "roles.csv", "role_id,name\nR,Role\n", 20 };
	tb[nt++] = (airs_table_buffer){ "skills.csv", "skill_id,name\nS,Skill\n", 22 };
	tb[nt++] = (airs_table_buffer){ "employees.csv", emp.p, emp.n };
	tb[nt++] = (airs_table_buffer){ "assessments.csv", asm_.p, asm_.n };
	if (training)
		tb[nt++] = (airs_table_buffer){ "training.csv", training,
		                                strlen(training) };
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_msg(airs_load_buffers(m, tb, nt, NULL, &d) == AIRS_OK, "%s",
	              d.text);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	free(emp.p);
	free(asm_.p);
	return m;
}

/* The warnings airs_model_as_of() reports. */
struct seen {
	airs_diag d[32];
	size_t n;
};

static void collect(const airs_diag *d, void *user)
{
	struct seen *s = user;

	ck_assert_uint_lt(s->n, 32);
	s->d[s->n++] = *d;
}

static airs_as_of_info as_of(const airs_model *m, const airs_params *p,
                             struct seen *s)
{
	airs_as_of_info in = AIRS_AS_OF_INFO_INIT;

	ck_assert_int_eq(airs_model_as_of(m, p, &in, s ? collect : NULL, s),
	                 AIRS_OK);
	return in;
}

/* ------------------------------------------------------------------------
 * Tests
 * ---------------------------------------------------------------------- */

/* The typo: one assessment dated 2062-03-29 among 200 records
 * up to 2026-06-30 is left out, named by file, line and column, and the
 * as-of date stays; a planned training next month never moves it. */
START_TEST(typo_left_out_with_its_position)
{
	airs_model *m = dataset(200, "E7,S,4,2062-03-29,self\n",
	                        "employee_id,skill_id,hours,date,status\n"
	                        "E1,S,8,2026-06-01,completed\n"
	                        "E2,S,8,2026-08-15,planned\n");
	struct seen s = { .n = 0 };
	airs_as_of_info in = as_of(m, NULL, &s);
	airs_result *r;
	airs_as_of_info ri = AIRS_AS_OF_INFO_INIT;
	airs_provenance pv = AIRS_PROVENANCE_INIT;
	char text[400];

	ck_assert_int_eq(in.rule, AIRS_AS_OF_EVIDENCE);
	ck_assert_int_eq(in.as_of, day("2026-06-30"));
	ck_assert_int_eq(in.latest, day("2062-03-29"));
	/* 202 dated records: the latest 2 set aside (2062-03-29 and
	 * 2026-06-30), the bulk ends with the 200th earliest */
	ck_assert_uint_eq(in.evidence, 202);
	ck_assert_int_eq(in.bulk, day("2026-06-29"));
	ck_assert_uint_eq(in.left_out, 1);
	ck_assert_uint_eq(in.planned_after, 1);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_str_eq(s.d[0].file, "assessments.csv");
	ck_assert_uint_eq(s.d[0].line, 202); /* header, 200 rows, then it */
	ck_assert_uint_eq(s.d[0].column, 4);
	ck_assert_int_eq(s.d[0].severity, AIRS_SEVERITY_WARNING);
	airs_diag_format(&s.d[0], text, sizeof text);
	ck_assert_str_eq(text, "assessments.csv:202:4: date 2062-03-29 is "
	                 "13057 days after 2026-06-29, where the bulk of the "
	                 "dated records ends, more than as_of.outlier_days "
	                 "(180): left out of the as-of date and of every "
	                 "score; correct it, or set as_of to include it");
	/* scoring uses the same date and says how it was chosen */
	ck_assert_int_eq(airs_score(m, NULL, &r, NULL), AIRS_OK);
	ck_assert_int_eq(airs_result_as_of(r), day("2026-06-30"));
	ck_assert_int_eq(airs_result_as_of_info(r, &ri), AIRS_OK);
	ck_assert_mem_eq(&ri, &in, sizeof in);
	ck_assert_int_eq(airs_result_provenance(r, &pv), AIRS_OK);
	ck_assert_int_eq(pv.as_of_rule, AIRS_AS_OF_EVIDENCE);
	ck_assert_uint_eq(pv.as_of_left_out, 1);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

/* Both sides of the line: a record outlier_days after the bulk is real
 * recent data and sets the date; one day later it is left out. */
START_TEST(both_sides_of_the_line)
{
	static const char *const row[2] = { "E3,S,4,2026-12-27,self\n",
	                                    "E3,S,4,2026-12-28,self\n" };
	int k;

	/* 2026-06-30 + 180 days = 2026-12-27 */
	for (k = 0; k < 2; k++) {
		airs_model *m = dataset(150, row[k], NULL);
		struct seen s = { .n = 0 };
		airs_as_of_info in = as_of(m, NULL, &s);
		ck_assert_int_eq(in.bulk, day("2026-06-30"));
		ck_assert_int_eq(in.as_of, k ? day("2026-06-30") : day("2026-12-27"));
		ck_assert_uint_eq(in.left_out, (uint64_t)k);
		ck_assert_uint_eq(s.n, (size_t)k);
		airs_model_free(m);
	}
}
END_TEST

/* A new batch of real data - more than as_of.outlier_share of the
 * records - moves the bulk with it: nothing is left out, even years
 * later. */
START_TEST(a_batch_is_data_not_a_typo)
{
	struct text more = { 0 };
	airs_model *m;
	airs_as_of_info in;
	struct seen s = { .n = 0 };
	int i;

	/* 100 records, then 2 (2% > 1%) a year later */
	for (i = 0; i < 2; i++)
		put(&more, "E%d,S,4,2027-07-01,test\n", i);
	m = dataset(100, more.p, NULL);
	in = as_of(m, NULL, &s);
	ck_assert_uint_eq(in.evidence, 102);
	ck_assert_int_eq(in.as_of, day("2027-07-01"));
	ck_assert_uint_eq(in.left_out, 0);
	ck_assert_uint_eq(s.n, 0);
	airs_model_free(m);
	/* the same two among 300 records (0.66%): left out */
	m = dataset(300, more.p, NULL);
	in = as_of(m, NULL, &s);
	ck_assert_int_eq(in.as_of, day("2026-06-30"));
	ck_assert_uint_eq(in.left_out, 2);
	ck_assert_uint_eq(s.n, 2);
	ck_assert_uint_eq(s.d[0].line, 302);
	ck_assert_uint_eq(s.d[1].line, 303);
	free(more.p);
	airs_model_free(m);
}
END_TEST

/* A given as_of is the date: nothing is left out or reported. */
START_TEST(given_date_is_the_date)
{
	airs_model *m = dataset(50, "E7,S,4,2062-03-29,self\n", NULL);
	airs_params *p;
	struct seen s = { .n = 0 };
	airs_as_of_info in;

	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "as_of", "2026-05-31"), AIRS_OK);
	in = as_of(m, p, &s);
	ck_assert_int_eq(in.rule, AIRS_AS_OF_GIVEN);
	ck_assert_int_eq(in.as_of, day("2026-05-31"));
	ck_assert_int_eq(in.latest, day("2062-03-29"));
	ck_assert_uint_eq(in.left_out, 0);
	ck_assert_int_eq(in.bulk, 0);
	ck_assert_uint_eq(s.n, 0);
	airs_params_free(p);
	airs_model_free(m);
}
END_TEST

/* Only planned training: no evidence, no date to take (1970-01-01);
 * one record: nothing to set aside, the rule does not apply. */
START_TEST(planned_training_is_no_evidence)
{
	airs_table_buffer tb[5] = {
		{ "units.csv", "unit_id,name\nU,Unit\n", 20 },
		{ "roles.csv", "role_id,name\nR,Role\n", 20 },
		{ "skills.csv", "skill_id,name\nS,Skill\n", 22 },
		{ "employees.csv", "employee_id,unit_id,role_id\nE0,U,R\n", 35 },
		{ "training.csv", "employee_id,skill_id,hours,date,status\n"
		                  "E0,S,8,2026-08-15,planned\n", 65 },
	};
	airs_model *m;
	airs_as_of_info in;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(airs_load_buffers(m, tb, 5, NULL, NULL), AIRS_OK);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	in = as_of(m, NULL, NULL);
	ck_assert_int_eq(in.rule, AIRS_AS_OF_NO_EVIDENCE);
	ck_assert_int_eq(in.as_of, 0);
	ck_assert_uint_eq(in.evidence, 0);
	ck_assert_uint_eq(in.planned_after, 1);
	airs_model_free(m);
	m = dataset(1, NULL, NULL);
	in = as_of(m, NULL, NULL);
	ck_assert_int_eq(in.rule, AIRS_AS_OF_EVIDENCE);
	ck_assert_int_eq(in.as_of, day("2026-06-30"));
	ck_assert_uint_eq(in.evidence, 1);
	ck_assert_int_eq(in.bulk, 0);
	airs_model_free(m);
}
END_TEST

/* Twenty are named, the rest counted; records added through the API
 * are described, having no position. */
START_TEST(many_left_out_and_api_records)
{
	struct text more = { 0 };
	airs_model *m;
	airs_params *p;
	airs_assessment_rec a = AIRS_ASSESSMENT_REC_INIT;
	struct seen s = { .n = 0 };
	airs_as_of_info in;
	int i;

	for (i = 0; i < 25; i++)
		put(&more, "E%d,S,4,2030-01-%02d,self\n", i, i + 1);
	m = dataset(100, more.p, NULL);
	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "as_of.outlier_share", "0.3"),
	                 AIRS_OK);
	in = as_of(m, p, &s);
	ck_assert_uint_eq(in.left_out, 25);
	ck_assert_uint_eq(s.n, 21);
	ck_assert_uint_eq(s.d[19].line, 121);
	ck_assert_str_eq(s.d[20].file, "");
	/* 125 records, 37 set aside: the bulk ends with the 88th */
	ck_assert_int_eq(in.bulk, day("2026-06-18"));
	ck_assert_str_eq(s.d[20].text, "5 more records dated more than "
	                 "as_of.outlier_days (180) after 2026-06-18 are left "
	                 "out");
	airs_model_free(m);
	free(more.p);

	/* through the API, before finishing */
	m = NULL;
	{
		airs_table_buffer tb[4] = {
			{ "units.csv", "unit_id,name\nU,Unit\n", 20 },
			{ "roles.csv", "role_id,name\nR,Role\n", 20 },
			{ "skills.csv", "skill_id,name\nS,Skill\n", 22 },
			{ "employees.csv", "employee_id,unit_id,role_id\nE0,U,R\n", 35 },
		};
		ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
		ck_assert_int_eq(airs_load_buffers(m, tb, 4, NULL, NULL), AIRS_OK);
	}
	a.employee_id = "E0";
	a.skill_id = "S";
	a.level = 2;
	for (i = 0; i < 3; i++) {
		a.date = day(i < 2 ? "2026-06-30" : "2062-03-29");
		ck_assert_int_eq(airs_model_add_assessment(m, &a), AIRS_OK);
	}
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	s.n = 0;
	ck_assert_int_eq(airs_params_set(p, "as_of.outlier_share", "0.01"),
	                 AIRS_OK);
	in = as_of(m, p, &s);
	ck_assert_uint_eq(in.left_out, 1);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_str_eq(s.d[0].file, "");
	ck_assert_uint_eq(s.d[0].line, 0);
	ck_assert_str_eq(s.d[0].text, "an assessment dated 2062-03-29 is 13056 "
	                 "days after 2026-06-30, where the bulk of the dated "
	                 "records ends, more than as_of.outlier_days (180): "
	                 "left out of the as-of date and of every score; "
	                 "correct it, or set as_of to include it");
	airs_params_free(p);
	airs_model_free(m);
}
END_TEST

START_TEST(errors)
{
	airs_model *m;
	airs_as_of_info in = AIRS_AS_OF_INFO_INIT;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(airs_model_as_of(m, NULL, &in, NULL, NULL), AIRS_ESTATE);
	ck_assert_int_eq(airs_model_as_of(NULL, NULL, &in, NULL, NULL),
	                 AIRS_EINVAL);
	ck_assert_int_eq(airs_model_as_of(m, NULL, NULL, NULL, NULL), AIRS_EINVAL);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	ck_assert_int_eq(airs_model_as_of(m, NULL, &in, NULL, NULL), AIRS_OK);
	ck_assert_int_eq(in.rule, AIRS_AS_OF_NO_EVIDENCE);
	ck_assert_int_eq(airs_result_as_of_info(NULL, &in), AIRS_EINVAL);
	ck_assert_str_eq(airs_as_of_rule_name(AIRS_AS_OF_EVIDENCE),
	                 "latest_evidence");
	airs_model_free(m);
}
END_TEST

/* Usage months count as their first day.  2021-04 and 2026-08 are 64
 * months apart (asof.c remembers a month's first day in a slot by month
 * modulo 64): rows alternating between them must each count as their
 * own month. */
START_TEST(usage_months_count_as_their_first_day)
{
	static const char emp[] = "employee_id,unit_id,role_id\nE0,U,R\n"
	                          "E1,U,R\nE2,U,R\n";
	static const char asm_[] = "employee_id,skill_id,level,date,source\n"
	                           "E0,S,3,2026-06-28,test\n"
	                           "E1,S,3,2026-06-29,test\n"
	                           "E2,S,3,2026-06-30,test\n";
	static const char tools[] = "tool_id,name\nT,Tool\n";
	static const char use[] = "employee_id,tool_id,period,active_days\n"
	                          "E0,T,2021-04,3\nE0,T,2026-08,3\n"
	                          "E1,T,2021-04,3\nE1,T,2026-08,3\n";
	airs_table_buffer tb[] = {
		{ "units.csv", "unit_id,name\nU,Unit\n", 20 },
		{ "roles.csv", "role_id,name\nR,Role\n", 20 },
		{ "skills.csv", "skill_id,name\nS,Skill\n", 22 },
		{ "employees.csv", emp, sizeof emp - 1 },
		{ "assessments.csv", asm_, sizeof asm_ - 1 },
		{ "tools.csv", tools, sizeof tools - 1 },
		{ "usage.csv", use, sizeof use - 1 },
	};
	airs_diag d = AIRS_DIAG_INIT;
	airs_as_of_info in;
	airs_model *m;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_msg(airs_load_buffers(m, tb, sizeof tb / sizeof *tb, NULL,
	                                &d) == AIRS_OK, "%s", d.text);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	in = as_of(m, NULL, NULL);
	/* 7 dated records, the latest set aside: the 6th is 2026-08-01 */
	ck_assert_uint_eq(in.evidence, 7);
	ck_assert_int_eq(in.latest, day("2026-08-01"));
	ck_assert_int_eq(in.bulk, day("2026-08-01"));
	ck_assert_int_eq(in.as_of, day("2026-08-01"));
	ck_assert_uint_eq(in.left_out, 0);
	airs_model_free(m);
}
END_TEST

/* The passes run on lanes, each over a run of the records that may cut
 * through a kind (assessments, then training with its planned rows left
 * out): every thread count finds the same date.  8,200 employees
 * assessed on consecutive days to 2026-06-30, every other one also
 * trained that day (the others' training planned for 2026-07-15), and
 * 40 assessments dated 2062: 12,340 dated records of 16,440, the latest
 * 123 set aside - the 40, then 83 of the days before at three records
 * every two days - so the bulk ends 55 days before 2026-06-30. */
START_TEST(lanes_find_the_same_date)
{
	struct text more = { 0 }, tr = { 0 };
	airs_params *p;
	airs_model *m;
	char b[11], t[4];
	int i, threads;

	for (i = 0; i < 40; i++)
		put(&more, "E%d,S,4,2062-03-29,self\n", i);
	put(&tr, "employee_id,skill_id,hours,date,status\n");
	for (i = 0; i < 8200; i++)
		put(&tr, "E%d,S,8,%s,%s\n", i, i % 2 ? "2026-07-15"
		    : date_of(day("2026-06-30") - (8199 - i), b),
		    i % 2 ? "planned" : "completed");
	m = dataset(8200, more.p, tr.p);
	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	for (threads = 1; threads <= 4; threads++) {
		airs_as_of_info in;
		snprintf(t, sizeof t, "%d", threads);
		ck_assert_int_eq(airs_params_set(p, "threads", t), AIRS_OK);
		ck_assert_int_eq(airs_params_set(p, "as_of", "auto"), AIRS_OK);
		in = as_of(m, p, NULL);
		ck_assert_int_eq(in.rule, AIRS_AS_OF_EVIDENCE);
		ck_assert_uint_eq(in.evidence, 12340);
		ck_assert_int_eq(in.latest, day("2062-03-29"));
		ck_assert_int_eq(in.bulk, day("2026-05-06"));
		ck_assert_uint_eq(in.left_out, 40);
		ck_assert_int_eq(in.as_of, day("2026-06-30"));
		ck_assert_uint_eq(in.planned_after, 4100);
		/* the first pass alone when the date is given */
		ck_assert_int_eq(airs_params_set(p, "as_of", "2026-05-31"),
		                 AIRS_OK);
		in = as_of(m, p, NULL);
		ck_assert_uint_eq(in.evidence, 12340);
		ck_assert_int_eq(in.latest, day("2062-03-29"));
		ck_assert_uint_eq(in.planned_after, 4100);
	}
	airs_params_free(p);
	airs_model_free(m);
	free(more.p);
	free(tr.p);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("asof");
	TCase *tc = tcase_create("asof");

	tcase_add_test(tc, typo_left_out_with_its_position);
	tcase_add_test(tc, both_sides_of_the_line);
	tcase_add_test(tc, a_batch_is_data_not_a_typo);
	tcase_add_test(tc, given_date_is_the_date);
	tcase_add_test(tc, planned_training_is_no_evidence);
	tcase_add_test(tc, many_left_out_and_api_records);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, usage_months_count_as_their_first_day);
	tcase_add_test(tc, lanes_find_the_same_date);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * test-wave.c - methodology 4.1, anonymity across time: survey figures
 * read one closed survey period (a declared wave, or a calendar month
 * without waves), and the loader's and the model's refusals of waves.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "airs/airs.h"
#include "harness.h"
#include "model.h"

/* Six staff in one unit; E6's answer is dated by the caller. */
static const char units[] = "unit_id,name\nU,Unit\n";
static const char roles[] = "role_id,name\nR,Role\n";
static const char emps[] =
	"employee_id,unit_id,role_id\n"
	"E1,U,R\nE2,U,R\nE3,U,R\nE4,U,R\nE5,U,R\nE6,U,R\n";
static const char items[] = "item_id,construct\nQ,clarity\n";

static int load(airs_model *m, const char *responses, const char *waves,
                airs_diag *d)
{
	airs_table_buffer tb[6] = {
		{ "units.csv", units, sizeof units - 1 },
		{ "roles.csv", roles, sizeof roles - 1 },
		{ "employees.csv", emps, sizeof emps - 1 },
		{ "survey_items.csv", items, sizeof items - 1 },
		{ "responses.csv", responses, strlen(responses) },
		{ "survey_waves.csv", waves, waves ? strlen(waves) : 0 },
	};
	int rc = airs_load_buffers(m, tb, waves ? 6 : 5, NULL, d);
	return rc ? rc : airs_model_finish(m);
}

/* The organisation's clarity respondents and mean scored as of date. */
static void org_clarity(const airs_model *m, const char *date,
                        uint64_t *respondents, double *mean)
{
	airs_construct_score cs = AIRS_CONSTRUCT_SCORE_INIT;
	airs_params *p;
	airs_result *r;

	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "as_of", date), AIRS_OK);
	ck_assert_int_eq(airs_score(m, p, &r, NULL), AIRS_OK);
	ck_assert_int_eq(airs_rollup_construct(airs_result_rollup(r),
	                                       AIRS_ROLLUP_ORG,
	                                       AIRS_CONSTRUCT_CLARITY, &cs),
	                 AIRS_OK);
	*respondents = cs.respondents;
	*mean = cs.mean;
	airs_result_free(r);
	airs_params_free(p);
}

/* E1..E5 answer 4 in June, E6 answers 2 on 2026-06-05 and 5 in July;
 * E1 answers again on 1 August (the data reach past July). */
static const char monthly[] =
	"employee_id,item_id,value,date\n"
	"E1,Q,4,2026-06-02\nE2,Q,4,2026-06-03\nE3,Q,4,2026-06-03\n"
	"E4,Q,4,2026-06-04\nE5,Q,4,2026-06-04\nE6,Q,2,2026-06-05\n"
	"E6,Q,5,2026-07-02\nE1,Q,3,2026-08-01\n";

/* The attack: scoring a day apart used to move the respondents
 * from 5 to 6, and 6*m - 5*m' gave E6's answer.  Now June counts only
 * once it has ended, whole; July only once it has ended. */
START_TEST(months_without_waves)
{
	airs_model *m;
	uint64_t n;
	double mean;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(load(m, monthly, NULL, NULL), AIRS_OK);
	org_clarity(m, "2026-06-04", &n, &mean);
	ck_assert_uint_eq(n, 0);
	org_clarity(m, "2026-06-05", &n, &mean);
	ck_assert_uint_eq(n, 0);
	org_clarity(m, "2026-06-29", &n, &mean);
	ck_assert_uint_eq(n, 0);
	/* June closed: all six, E6's June answer (2 -> 0.25) */
	org_clarity(m, "2026-06-30", &n, &mean);
	ck_assert_uint_eq(n, 6);
	ck_assert_double_eq_tol(mean, (5 * 0.75 + 0.25) / 6, 1e-9);
	org_clarity(m, "2026-07-30", &n, &mean);
	ck_assert_uint_eq(n, 6);
	/* July closed: only E6 answered in July, no carry-forward of the
	 * others' June answers: one respondent, suppressed */
	org_clarity(m, "2026-07-31", &n, &mean);
	ck_assert_uint_eq(n, AIRS_SUPPRESSED);
	airs_model_free(m);
}
END_TEST

static const char two_waves[] =
	"wave_id,start,end\n"
	"W2,2026-06-16,2026-07-10\n"
	"W1,2026-06-01,2026-06-15\n";

/* Declared waves: the latest that ended by the as-of date; answers
 * outside every wave count nowhere. */
START_TEST(declared_waves)
{
	static const char resp[] =
		"employee_id,item_id,value,date,wave\n"
		"E1,Q,4,2026-06-02,W1\nE2,Q,4,2026-06-03,W1\n"
		"E3,Q,4,2026-06-03,W1\nE4,Q,4,2026-06-04,W1\n"
		"E5,Q,4,2026-06-04,\nE6,Q,2,2026-06-05,W1\n"
		"E1,Q,5,2026-06-20,W2\nE2,Q,5,2026-06-21,W2\n"
		"E3,Q,5,2026-06-22,W2\nE4,Q,5,2026-06-23,W2\n"
		"E5,Q,5,2026-07-10,W2\nE6,Q,1,2026-07-11,\n";
	airs_model *m;
	uint64_t n;
	double mean;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(load(m, resp, two_waves, NULL), AIRS_OK);
	org_clarity(m, "2026-06-14", &n, &mean);
	ck_assert_uint_eq(n, 0);
	org_clarity(m, "2026-06-15", &n, &mean);
	ck_assert_uint_eq(n, 6);
	ck_assert_double_eq_tol(mean, (5 * 0.75 + 0.25) / 6, 1e-9);
	org_clarity(m, "2026-07-09", &n, &mean);
	ck_assert_uint_eq(n, 6); /* W2 still open: W1's figures */
	org_clarity(m, "2026-07-10", &n, &mean);
	ck_assert_uint_eq(n, 5); /* E6 did not answer in W2 */
	ck_assert_double_eq_tol(mean, 1.0, 1e-9);
	org_clarity(m, "2027-01-01", &n, &mean);
	ck_assert_uint_eq(n, 5); /* E6's answer of 07-11 is in no wave */
	airs_model_free(m);
}
END_TEST

/* The provenance of a scoring as of date: the period read, in dates
 * "YYYY-MM-DD" ("" for none), its wave and the answers in and out. */
static void period_of(const airs_model *m, const char *date, char start[11],
                      char end[11], const char **wave, uint64_t *in,
                      uint64_t *out)
{
	airs_provenance pv = AIRS_PROVENANCE_INIT;
	airs_params *p;
	airs_result *r;

	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "as_of", date), AIRS_OK);
	ck_assert_int_eq(airs_score(m, p, &r, NULL), AIRS_OK);
	ck_assert_int_eq(airs_result_provenance(r, &pv), AIRS_OK);
	start[0] = end[0] = '\0';
	if (pv.survey_start)
		airs_date_format(pv.survey_start, start);
	if (pv.survey_end)
		airs_date_format(pv.survey_end, end);
	*wave = pv.survey_wave_id;
	*in = pv.survey_answers;
	*out = pv.survey_answers_outside;
	airs_result_free(r);
	airs_params_free(p);
}

/* The provenance says which period the survey figures read and how many
 * answers on or before the as-of date they leave out (1.2). */
START_TEST(provenance_names_the_period)
{
	static const char resp[] =
		"employee_id,item_id,value,date,wave\n"
		"E1,Q,4,2026-06-02,W1\nE2,Q,4,2026-06-20,W2\n"
		"E3,Q,4,2026-07-11,\n";
	char a[11], b[11];
	const char *w;
	uint64_t in, out;
	airs_model *m;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(load(m, monthly, NULL, NULL), AIRS_OK);
	/* June open: its 6 answers on or before 06-29 wait */
	period_of(m, "2026-06-29", a, b, &w, &in, &out);
	ck_assert_str_eq(a, "");
	ck_assert_ptr_null(w);
	ck_assert_uint_eq(in, 0);
	ck_assert_uint_eq(out, 6);
	/* July 30: June read (6), July's answer (07-02) waits */
	period_of(m, "2026-07-30", a, b, &w, &in, &out);
	ck_assert_str_eq(a, "2026-06-01");
	ck_assert_str_eq(b, "2026-06-30");
	ck_assert_ptr_null(w);
	ck_assert_uint_eq(in, 6);
	ck_assert_uint_eq(out, 1);
	airs_model_free(m);

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(load(m, resp, two_waves, NULL), AIRS_OK);
	/* W2 read; W1's answer and the one in no wave are not */
	period_of(m, "2026-12-31", a, b, &w, &in, &out);
	ck_assert_str_eq(a, "2026-06-16");
	ck_assert_str_eq(b, "2026-07-10");
	ck_assert_str_eq(w, "W2");
	ck_assert_uint_eq(in, 1);
	ck_assert_uint_eq(out, 2);
	airs_model_free(m);
}
END_TEST

/* The months with answers are listed once at finish (a month is found
 * by bisection): a month with more than 255 answers is one month, and
 * months centuries apart are found (a regression: counting answers per
 * month in a byte listed a crowded month twice). */
START_TEST(crowded_and_distant_months)
{
	char emp[512], resp[16384];
	size_t ne = 0, nr = 0;
	airs_table_buffer tb[5] = {
		{ "units.csv", units, sizeof units - 1 },
		{ "roles.csv", roles, sizeof roles - 1 },
		{ "employees.csv", emp, 0 },
		{ "survey_items.csv", items, sizeof items - 1 },
		{ "responses.csv", resp, 0 },
	};
	const char *w;
	char a[11], b[11];
	uint64_t in, out;
	airs_model *m;

	ne += (size_t)sprintf(emp, "employee_id,unit_id,role_id\n");
	nr += (size_t)sprintf(resp, "employee_id,item_id,value,date\n");
	for (int e = 0; e < 10; e++) {
		ne += (size_t)sprintf(emp + ne, "E%d,U,R\n", e);
		for (int d = 1; d <= 30; d++)  /* 300 answers in June */
			nr += (size_t)sprintf(resp + nr, "E%d,Q,4,2026-06-%02d\n",
			                      e, d);
	}
	nr += (size_t)sprintf(resp + nr, "E1,Q,3,1900-01-05\n"
	                                 "E2,Q,3,9999-12-05\n");
	tb[2].len = ne;
	tb[4].len = nr;
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(airs_load_buffers(m, tb, 5, NULL, NULL), AIRS_OK);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	ck_assert_uint_eq(m->n_answer_months, 3);
	period_of(m, "2026-07-15", a, b, &w, &in, &out);
	ck_assert_str_eq(a, "2026-06-01");
	ck_assert_str_eq(b, "2026-06-30");
	ck_assert_uint_eq(in, 300);
	ck_assert_uint_eq(out, 1);
	/* June still open: the latest month before it with answers */
	period_of(m, "2026-06-29", a, b, &w, &in, &out);
	ck_assert_str_eq(a, "1900-01-01");
	ck_assert_str_eq(b, "1900-01-31");
	period_of(m, "1900-01-30", a, b, &w, &in, &out);
	ck_assert_str_eq(a, "");
	period_of(m, "9999-12-31", a, b, &w, &in, &out);
	ck_assert_str_eq(a, "9999-12-01");
	ck_assert_uint_eq(in, 1);
	ck_assert_uint_eq(out, 301);
	airs_model_free(m);
}
END_TEST

/* Answers to an item no figure scores are not counted as read (the IBM
 * import's satisfaction items said "read the 7350 answers" while no
 * figure read one). */
START_TEST(provenance_counts_scored_items_only)
{
	static const char its[] = "item_id,construct\nQ,clarity\n"
	                          "X,job_satisfaction\n";
	static const char resp[] = "employee_id,item_id,value,date\n"
	                           "E1,Q,4,2026-06-02\nE1,X,4,2026-06-02\n"
	                           "E2,X,3,2026-06-03\n";
	airs_table_buffer tb[5] = {
		{ "units.csv", units, sizeof units - 1 },
		{ "roles.csv", roles, sizeof roles - 1 },
		{ "employees.csv", emps, sizeof emps - 1 },
		{ "survey_items.csv", its, sizeof its - 1 },
		{ "responses.csv", resp, sizeof resp - 1 },
	};
	char a[11], b[11];
	const char *w;
	uint64_t in, out;
	airs_model *m;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(airs_load_buffers(m, tb, 5, NULL, NULL), AIRS_OK);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	period_of(m, "2026-06-30", a, b, &w, &in, &out);
	ck_assert_str_eq(a, "2026-06-01");
	ck_assert_uint_eq(in, 1);
	ck_assert_uint_eq(out, 0);
	airs_model_free(m);
}
END_TEST

static void first_warning(const airs_diag *d, void *user)
{
	char *first = user;

	if (d->severity == AIRS_SEVERITY_WARNING && !*first)
		snprintf(first, 700, "%s:%lu:%lu: %s", d->file,
		         (unsigned long)d->line, (unsigned long)d->column, d->text);
}

/* Answers dated in no declared wave load, and the first is said. */
START_TEST(answers_outside_every_wave)
{
	static const char resp[] =
		"employee_id,item_id,value,date\n"
		"E1,Q,4,2026-06-02\nE2,Q,4,2026-07-11\nE3,Q,4,2026-07-12\n";
	airs_table_buffer tb[6] = {
		{ "units.csv", units, sizeof units - 1 },
		{ "roles.csv", roles, sizeof roles - 1 },
		{ "employees.csv", emps, sizeof emps - 1 },
		{ "survey_items.csv", items, sizeof items - 1 },
		{ "responses.csv", resp, sizeof resp - 1 },
		{ "survey_waves.csv", two_waves, sizeof two_waves - 1 },
	};
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	char first[700] = "";
	airs_model *m;

	o.on_diag = first_warning;
	o.user = first;
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(airs_load_buffers(m, tb, 6, &o, NULL), AIRS_OK);
	ck_assert_str_eq(first, "responses.csv:3:4: date 2026-07-11 is in no "
	                        "wave of survey_waves.csv: the answer counts in "
	                        "no survey figure (declare its wave or correct "
	                        "the date; later answers outside every wave are "
	                        "not listed)");
	airs_model_free(m);
}
END_TEST

static void refused(const char *resp, const char *waves, int code,
                    const char *want)
{
	airs_diag d = AIRS_DIAG_INIT;
	char got[600];
	airs_model *m;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(load(m, resp, waves, &d), code);
	snprintf(got, sizeof got, "%s:%lu:%lu: %s", d.file,
	         (unsigned long)d.line, (unsigned long)d.column, d.text);
	ck_assert_str_eq(got, want);
	airs_model_free(m);
}

START_TEST(loader_refusals)
{
	static const char ok_resp[] = "employee_id,item_id,value,date\n";

	refused(ok_resp,
	        "wave_id,start,end\nW1,2026-06-01,2026-06-30\n"
	        "W2,2026-06-20,2026-07-10\n",
	        AIRS_ERANGE,
	        "survey_waves.csv:3:2: start \"2026-06-20\" makes "
	        "2026-06-20..2026-07-10 overlap wave \"W1\" "
	        "(2026-06-01..2026-06-30): waves are separate survey periods; "
	        "correct the dates");
	refused(ok_resp, "wave_id,start,end\nW1,2026-06-30,2026-06-01\n",
	        AIRS_ERANGE,
	        "survey_waves.csv:2:3: end \"2026-06-01\" is before start "
	        "2026-06-30: a wave is its first to its last day; swap or "
	        "correct the dates");
	refused(ok_resp, "wave_id,start,end\nW1,2026-06-01,2026-06-31\n",
	        AIRS_EPARSE,
	        "survey_waves.csv:2:3: end \"2026-06-31\" is not a valid date "
	        "(YYYY-MM-DD)");
	refused("employee_id,item_id,value,date,wave\nE1,Q,4,2026-06-02,W9\n",
	        two_waves, AIRS_ENOTFOUND,
	        "responses.csv:2:5: wave \"W9\" is not a known survey wave");
	refused("employee_id,item_id,value,date,wave\nE1,Q,4,2026-06-20,W1\n",
	        two_waves, AIRS_ERANGE,
	        "responses.csv:2:4: date \"2026-06-20\" is outside wave \"W1\" "
	        "(2026-06-01..2026-06-15): correct the date, or the wave's "
	        "start or end");
}
END_TEST

/* The add API: a failed add leaves the model as it was. */
START_TEST(add_wave_api)
{
	airs_wave_rec w = AIRS_WAVE_REC_INIT;
	airs_model *m;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	w.id = "W1";
	w.start = 20600;
	w.end = 20610;
	ck_assert_int_eq(airs_model_add_wave(m, &w), AIRS_OK);
	ck_assert_int_eq(airs_model_add_wave(m, &w), AIRS_EEXIST);
	w.id = "W2";
	w.start = 20610;
	w.end = 20620;
	ck_assert_int_eq(airs_model_add_wave(m, &w), AIRS_ERANGE);
	ck_assert_ptr_nonnull(strstr(airs_model_errmsg(m), "overlap wave"));
	w.start = 20611;
	ck_assert_int_eq(airs_model_add_wave(m, &w), AIRS_OK);
	w.id = NULL;
	ck_assert_int_eq(airs_model_add_wave(m, &w), AIRS_EINVAL);
	ck_assert_int_eq(airs_model_add_wave(m, NULL), AIRS_EINVAL);
	airs_model_free(m);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("wave");
	TCase *tc = tcase_create("wave");

	tcase_add_test(tc, months_without_waves);
	tcase_add_test(tc, declared_waves);
	tcase_add_test(tc, provenance_names_the_period);
	tcase_add_test(tc, provenance_counts_scored_items_only);
	tcase_add_test(tc, loader_refusals);
	tcase_add_test(tc, answers_outside_every_wave);
	tcase_add_test(tc, add_wave_api);
	tcase_add_test(tc, crowded_and_distant_months);
	suite_add_tcase(s, tc);
	return s;
}

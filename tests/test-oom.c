/*
 * The out-of-memory test: an allocator that fails the Nth allocation, for
 * every N over a realistic model build.
 *
 * Persistent mode fails every allocation from the Nth on: each call must
 * return AIRS_OK or AIRS_ENOMEM, never crash, and freeing the model must
 * give back every byte.  Transient mode fails only the Nth: a call that
 * returned AIRS_ENOMEM must have left the model unchanged, so retrying it
 * succeeds and the finished model equals one built without failures.
 *
 * Scoring allocates from worker threads, so the allocator counts under a
 * lock; which thread meets the failing allocation may vary, what the
 * caller sees (AIRS_ENOMEM, nothing leaked) may not.
 */
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <airs/airs.h>

#include "harness.h"

struct failing {
	long n;        /* allocations so far */
	long fail_at;  /* fail this one (1-based); 0: never */
	int persistent;
	long live;     /* bytes outstanding */
	long failures; /* allocations refused */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Called under the lock. */
static int should_fail(struct failing *f)
{
	f->n++;
	if (f->fail_at && (f->n == f->fail_at ||
	                   (f->persistent && f->n > f->fail_at))) {
		f->failures++;
		return 1;
	}
	return 0;
}

/* A header that keeps what follows aligned for any object, as the
 * allocator contract asks (airs/common.h). */
typedef union hdr {
	size_t n;
	max_align_t align;
} hdr;

static void *fmalloc(size_t n, void *u)
{
	struct failing *f = u;
	hdr *p = NULL;

	pthread_mutex_lock(&lock);
	if (!should_fail(f) && (p = malloc(n + sizeof *p))) {
		p->n = n;
		f->live += (long)n;
	}
	pthread_mutex_unlock(&lock);
	return p ? p + 1 : NULL;
}

static void *frealloc(void *q, size_t n, void *u)
{
	struct failing *f = u;
	hdr *p = (hdr *)q - 1;
	size_t old = p->n;

	pthread_mutex_lock(&lock);
	if (should_fail(f) || !(p = realloc(p, n + sizeof *p))) {
		pthread_mutex_unlock(&lock);
		return NULL;
	}
	p->n = n;
	f->live += (long)n - (long)old;
	pthread_mutex_unlock(&lock);
	return p + 1;
}

static void ffree(void *q, void *u)
{
	struct failing *f = u;
	hdr *p = (hdr *)q - 1;

	pthread_mutex_lock(&lock);
	f->live -= (long)p->n;
	free(p);
	pthread_mutex_unlock(&lock);
}

/* The allocator that fails as f says. */
static airs_allocator failing_allocator(struct failing *f)
{
	airs_allocator a = AIRS_ALLOCATOR_INIT;

	a.malloc = fmalloc;
	a.realloc = frealloc;
	a.free = ffree;
	a.user = f;
	return a;
}

/* The steps of a realistic build, each addressable by number so a failed
 * one can be retried. */
#define EMPLOYEES 60
#define SKILLS 12

static int add_step(airs_model *m, int i)
{
	char id[32], id2[32];
	airs_date d = 20500 + i % 300;

	if (i < 4) {
		airs_unit_rec r = AIRS_UNIT_REC_INIT;
		static const char *ids[] = { "co", "ops", "ops-a", "ops-b" };
		static const char *par[] = { NULL, "co", "ops", "ops" };
		r.id = ids[i];
		r.name = ids[i];
		r.parent_id = par[i];
		r.target_level = i == 0 ? 3 : 0;
		return airs_model_add_unit(m, &r);
	}
	i -= 4;
	if (i < 3) {
		airs_role_rec r = AIRS_ROLE_REC_INIT;
		snprintf(id, sizeof id, "role%d", i);
		r.id = id;
		r.name = "Role";
		return airs_model_add_role(m, &r);
	}
	i -= 3;
	if (i < SKILLS) {
		airs_skill_rec r = AIRS_SKILL_REC_INIT;
		snprintf(id, sizeof id, "skill%d", i);
		r.id = id;
		r.name = "Skill with a longer descriptive name";
		r.category = "ai";
		return airs_model_add_skill(m, &r);
	}
	i -= SKILLS;
	if (i < SKILLS - 1) {
		airs_prerequisite_rec r = AIRS_PREREQUISITE_REC_INIT;
		snprintf(id, sizeof id, "skill%d", i + 1);
		snprintf(id2, sizeof id2, "skill%d", i / 2);
		r.skill_id = id;
		r.requires_id = id2;
		r.min_level = 2;
		return airs_model_add_prerequisite(m, &r);
	}
	i -= SKILLS - 1;
	if (i < 3 * 4) {
		airs_role_skill_rec r = AIRS_ROLE_SKILL_REC_INIT;
		snprintf(id, sizeof id, "role%d", i / 4);
		snprintf(id2, sizeof id2, "skill%d", i % 4 + i / 4);
		r.role_id = id;
		r.skill_id = id2;
		r.required_level = 3;
		r.weight = 1 + i % 3;
		return airs_model_add_role_skill(m, &r);
	}
	i -= 12;
	if (i < EMPLOYEES) {
		airs_employee_rec r = AIRS_EMPLOYEE_REC_INIT;
		static const char *units[] = { "ops", "ops-a", "ops-b" };
		snprintf(id, sizeof id, "E%03d", i);
		snprintf(id2, sizeof id2, "role%d", i % 3);
		r.id = id;
		r.unit_id = units[i % 3];
		r.role_id = id2;
		r.is_leader = i % 10 == 0;
		return airs_model_add_employee(m, &r);
	}
	i -= EMPLOYEES;
	if (i < EMPLOYEES) {
		snprintf(id, sizeof id, "E%03d", i);
		snprintf(id2, sizeof id2, "E%03d", i - i % 10);
		if (i % 10 == 0)
			return airs_model_set_attribute(m, id, "gender",
			                                i % 20 ? "female" : "male");
		return airs_model_set_manager(m, id, id2);
	}
	i -= EMPLOYEES;
	if (i < EMPLOYEES * 3) {
		airs_assessment_rec r = AIRS_ASSESSMENT_REC_INIT;
		snprintf(id, sizeof id, "E%03d", i / 3);
		snprintf(id2, sizeof id2, "skill%d", i % SKILLS);
		r.employee_id = id;
		r.skill_id = id2;
		r.level = (i % 11) / 2.0;
		r.source = i % 4;
		r.date = d;
		return airs_model_add_assessment(m, &r);
	}
	i -= EMPLOYEES * 3;
	if (i < 3) {
		airs_course_rec r = AIRS_COURSE_REC_INIT;
		snprintf(id, sizeof id, "course%d", i);
		snprintf(id2, sizeof id2, "skill%d", i);
		r.id = id;
		r.name = "Course";
		r.skill_id = id2;
		r.hours = 4 + i;
		r.format = i;
		return airs_model_add_course(m, &r);
	}
	i -= 3;
	if (i < EMPLOYEES) {
		airs_training_rec r = AIRS_TRAINING_REC_INIT;
		snprintf(id, sizeof id, "E%03d", i);
		snprintf(id2, sizeof id2, "course%d", i % 3);
		r.employee_id = id;
		r.course_id = id2;
		r.hours = 2;
		r.date = d;
		return airs_model_add_training(m, &r);
	}
	i -= EMPLOYEES;
	if (i < 4) {
		airs_survey_item_rec r = AIRS_SURVEY_ITEM_REC_INIT;
		static const char *cons[] = { "clarity", "trust", "security", "morale" };
		snprintf(id, sizeof id, "q%d", i);
		r.id = id;
		r.construct = cons[i];
		r.reverse = i == 2;
		r.text = "An item";
		return airs_model_add_survey_item(m, &r);
	}
	i -= 4;
	if (i < EMPLOYEES * 4) {
		airs_response_rec r = AIRS_RESPONSE_REC_INIT;
		snprintf(id, sizeof id, "E%03d", i / 4);
		snprintf(id2, sizeof id2, "q%d", i % 4);
		r.employee_id = id;
		r.item_id = id2;
		r.value = 1 + i % 5;
		r.date = d;
		return airs_model_add_response(m, &r);
	}
	i -= EMPLOYEES * 4;
	if (i < EMPLOYEES * 2) {
		airs_usage_rec r = AIRS_USAGE_REC_INIT;
		snprintf(id, sizeof id, "E%03d", i / 2);
		r.employee_id = id;
		r.tool_id = i % 2 ? "copilot" : "chat";
		r.period = 675;
		r.active_days = i % 20;
		return airs_model_add_usage(m, &r);
	}
	i -= EMPLOYEES * 2;
	if (i == 0)
		return airs_model_finish(m);
	return -100; /* past the last step */
}

/* Build the model under an allocator failing at fail_at; returns the
 * number of allocations made, and whether the build completed. */
static long build(long fail_at, int persistent, int *completed,
                  size_t counts[AIRS_ENTITY_COUNT_])
{
	struct failing f = { 0, fail_at, persistent, 0, 0 };
	airs_allocator a = failing_allocator(&f);
	airs_model *m = NULL;
	int i, rc = AIRS_OK, k;

	*completed = 0;
	rc = airs_model_new(&m, &a);
	if (rc) {
		ck_assert_int_eq(rc, AIRS_ENOMEM);
		ck_assert_ptr_null(m);
		ck_assert_int_eq(f.live, 0);
		if (persistent)
			return f.n;
		ck_assert_int_eq(airs_model_new(&m, &a), AIRS_OK);
	}
	for (i = 0;; i++) {
		size_t before[AIRS_ENTITY_COUNT_];
		for (k = 0; k < AIRS_ENTITY_COUNT_; k++)
			before[k] = airs_model_count(m, k);
		rc = add_step(m, i);
		if (rc == -100) {
			rc = AIRS_OK;
			break;
		}
		if (rc == AIRS_OK)
			continue;
		ck_assert_msg(rc == AIRS_ENOMEM, "step %d: status %d: %s", i, rc,
		              airs_model_errmsg(m));
		/* A failed call changed nothing... */
		for (k = 0; k < AIRS_ENTITY_COUNT_; k++)
			ck_assert_uint_eq(airs_model_count(m, k), before[k]);
		ck_assert_int_eq(airs_model_is_finished(m), 0);
		if (persistent)
			break;
		/* ...so retrying it succeeds. */
		rc = add_step(m, i);
		ck_assert_msg(rc == AIRS_OK, "step %d retry: %s", i,
		              airs_model_errmsg(m));
	}
	if (rc != AIRS_ENOMEM) {
		*completed = airs_model_is_finished(m);
		for (k = 0; k < AIRS_ENTITY_COUNT_; k++)
			counts[k] = airs_model_count(m, k);
	}
	airs_model_free(m);
	ck_assert_msg(f.live == 0, "fail_at %ld: %ld bytes leaked", fail_at, f.live);
	return f.n;
}

START_TEST(every_allocation_can_fail)
{
	size_t want[AIRS_ENTITY_COUNT_], got[AIRS_ENTITY_COUNT_];
	long total, n;
	int completed, k, persistent = _i;

	total = build(0, 0, &completed, want);
	ck_assert(completed);
	ck_assert_uint_eq(want[AIRS_ENTITY_EMPLOYEE], EMPLOYEES);
	ck_assert(total > 50);
	for (n = 1; n <= total + 1; n++) {
		memset(got, 0, sizeof got);
		build(n, persistent, &completed, got);
		if (!persistent || n > total) {
			/* Transient failures are retried: the result must be
			 * exactly the model built without failures. */
			ck_assert_msg(completed, "fail_at %ld did not complete", n);
			for (k = 0; k < AIRS_ENTITY_COUNT_; k++)
				ck_assert_uint_eq(got[k], want[k]);
		}
	}
	printf("# %s: %ld allocation points exercised\n",
	       persistent ? "persistent" : "transient", total);
}
END_TEST

/* Scoring a finished model under failing allocations: AIRS_ENOMEM or a
 * complete result, never a crash or a leak; the model stays usable.  With
 * threads = 1, 3 and automatic: a worker thread's failure too. */
START_TEST(scoring_can_fail_anywhere)
{
	static const char *const threads[] = { "1", "3", "0" };
	airs_params *params;
	struct failing f = { 0, 0, 0, 0, 0 };
	airs_allocator a = failing_allocator(&f);
	airs_model *m = NULL;
	airs_result *r;
	airs_diag d = AIRS_DIAG_INIT;
	airs_contribution c[16];
	double want = 0, got;
	long total = 0, n, before;
	int i, rc;
	size_t cnt, k;

	ck_assert_int_eq(airs_model_new(&m, &a), AIRS_OK);
	for (i = 0; add_step(m, i) != -100; i++)
		;
	ck_assert_int_eq(airs_model_is_finished(m), 1);
	ck_assert_int_eq(airs_params_new(&params, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(params, "threads", threads[_i]), AIRS_OK);
	for (k = 0; k < 16; k++)
		c[k].size = sizeof c[k];
	for (n = 0;; n++) {
		before = f.live;
		f.n = 0;
		f.fail_at = n;
		f.persistent = 1;
		rc = airs_score(m, params, &r, &d);
		if (rc == AIRS_OK) {
			airs_result_column(r, AIRS_COLUMN_READINESS, &got, 1);
			rc = airs_result_explain(r, 0, c, 16, &cnt);
			ck_assert(rc == AIRS_OK || rc == AIRS_ENOMEM);
			if (n == 0) {
				total = f.n;
				want = got;
			}
			ck_assert(got == want || (isnan(got) && isnan(want)));
			airs_result_free(r);
			ck_assert_int_eq(f.live, before);
			if (n > total)
				break;
			continue;
		}
		ck_assert_int_eq(rc, AIRS_ENOMEM);
		ck_assert_ptr_null(r);
		ck_assert_int_eq(f.live, before);
	}
	f.fail_at = 0;
	airs_model_free(m);
	airs_params_free(params);
	ck_assert_int_eq(f.live, 0);
	printf("# scoring with threads = %s: %ld allocation points exercised\n",
	       threads[_i], total);
}
END_TEST

/* Loading a dataset folder (the worked example of the methodology) under
 * failing allocations: all or nothing - AIRS_ENOMEM leaves the model
 * empty and usable, success loads everything - and no leak.  The third
 * run reads it through a mapping (columns, values, a date format). */
START_TEST(loading_can_fail_anywhere)
{
	const char *dir = SOURCE_ROOT "/tests/bench/data/worked-example";
	struct failing f = { 0, 0, 1, 0, 0 };
	airs_allocator a = failing_allocator(&f);
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	size_t want = 0;
	long n, total = 0;
	int k;

	for (n = 0;; n++) {
		airs_model *m = NULL;
		airs_diag d = AIRS_DIAG_INIT;
		int rc;

		f.n = 0;
		f.fail_at = 0;
		ck_assert_int_eq(airs_model_new(&m, &a), AIRS_OK);
		f.n = 0;
		f.fail_at = n;
		/* one thread, and the record files on four; from _i 3 on the
		 * tables that define ids in ranges of 16 bytes (load-ranges.c),
		 * parsed on the adding thread or on three */
		o.threads = _i == 1 ? 4 : _i == 4 ? 3 : 1;
		if (_i >= 3)
			setenv("AIRS_TEST_LOAD_RANGE", "16", 1);
		if (_i == 2) {
			static const char map[] =
				"date_format = YYYY-MM-DD\n"
				"[employees.csv]\nemployee_id = employee_id\n"
				"is_leader.Y = 1\nis_leader.N = 0\n"
				"[assessments.csv]\nsource.Self = self\n"
				"[responses.csv]\nlayout = long\n";
			o.map = map;
			o.map_len = sizeof map - 1;
		}
		rc = airs_load_dir(m, dir, &o, &d);
		f.fail_at = 0;
		if (rc == AIRS_OK) {
			if (n == 0) {
				total = f.n;
				want = airs_model_count(m, AIRS_ENTITY_RESPONSE);
				ck_assert_uint_gt(want, 0);
			}
			ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_RESPONSE), want);
		} else {
			ck_assert_msg(rc == AIRS_ENOMEM, "fail_at %ld: %s", n,
			              airs_model_errmsg(m));
			for (k = 0; k < AIRS_ENTITY_COUNT_; k++)
				ck_assert_uint_eq(airs_model_count(m, k), 0);
		}
		/* either way the model is usable afterwards */
		ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
		airs_model_free(m);
		ck_assert_int_eq(f.live, 0);
		if (n > total && n > 0)
			break;
	}
	unsetenv("AIRS_TEST_LOAD_RANGE");
	printf("# loading on %d thread(s)%s: %ld allocation points exercised\n",
	       _i == 1 ? 4 : _i == 4 ? 3 : 1,
	       _i == 2 ? " with a mapping" : _i >= 3 ? " in ranges of 16 bytes" : "",
	       total);
}
END_TEST

/* Output of the whole result. */
struct text {
	char *p;
	size_t n;
};

static int keep(const void *data, size_t len, void *user)
{
	struct text *t = user;
	char *q = realloc(t->p, t->n + len + 1);

	ck_assert_ptr_nonnull(q);
	memcpy(q + t->n, data, len);
	t->p = q;
	t->n += len;
	t->p[t->n] = '\0';
	return 0;
}

/* airs_score_partial() (1.2) under failing allocations: AIRS_ENOMEM and
 * nothing left allocated, or the partial - the same bytes every time. */
START_TEST(score_partial_can_fail_anywhere)
{
	airs_params *params;
	struct failing f = { 0, 0, 0, 0, 0 };
	airs_allocator a = failing_allocator(&f);
	airs_model *m = NULL;
	airs_diag d = AIRS_DIAG_INIT;
	struct text want = { NULL, 0 };
	long total = 0, n, before;
	int i, rc;

	ck_assert_int_eq(airs_model_new(&m, &a), AIRS_OK);
	for (i = 0; add_step(m, i) != -100; i++)
		;
	ck_assert_int_eq(airs_params_new(&params, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(params, "threads", "1"), AIRS_OK);
	for (n = 0;; n++) {
		struct text got = { NULL, 0 };
		before = f.live;
		f.n = 0;
		f.fail_at = n;
		f.persistent = 1;
		rc = airs_score_partial(m, params, NULL, _i, keep, &got, &d);
		ck_assert_int_eq(f.live, before);
		if (rc == AIRS_OK) {
			if (n == 0) {
				total = f.n;
				want = got;
				got.p = NULL;
			}
			ck_assert_uint_eq(got.n, n ? want.n : got.n);
			ck_assert(!n || !memcmp(got.p, want.p, want.n));
			free(got.p);
			if (n > total)
				break;
			continue;
		}
		ck_assert_int_eq(rc, AIRS_ENOMEM);
		free(got.p);
	}
	ck_assert_uint_gt(want.n, 100);
	free(want.p);
	f.fail_at = 0;
	airs_model_free(m);
	airs_params_free(params);
	ck_assert_int_eq(f.live, 0);
	printf("# score_partial (%s): %ld allocation points exercised\n",
	       _i ? "binary" : "text", total);
}
END_TEST


/* Exporting a result, and the input digest it computes on a fresh model,
 * under failing allocations: AIRS_OK or AIRS_ENOMEM, no leak, and a
 * failure stores nothing wrong - the next export without failures gives
 * the same bytes as one that never failed.  _i 1: the employees' rows in
 * chunks of 2 on three threads (export-rows.c), whose buffers failing
 * are formatted again on the calling thread. */
START_TEST(exporting_can_fail_anywhere)
{
	airs_params *p = NULL;
	struct failing f = { 0, 0, 1, 0, 0 };
	airs_allocator a = failing_allocator(&f);
	struct text want = { NULL, 0 };
	long n, total = 0;
	int i, rc;

	if (_i) {
		ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
		ck_assert_int_eq(airs_params_set(p, "threads", "3"), AIRS_OK);
		setenv("AIRS_TEST_EXPORT_CHUNK", "2", 1);
	}
	for (n = 0;; n++) {
		struct text got = { NULL, 0 };
		airs_model *m = NULL;
		airs_result *r = NULL;
		airs_diag d = AIRS_DIAG_INIT;
		char hex[65];

		f.fail_at = 0;
		ck_assert_int_eq(airs_model_new(&m, &a), AIRS_OK);
		for (i = 0; add_step(m, i) != -100; i++)
			;
		ck_assert_int_eq(airs_score(m, p, &r, &d), AIRS_OK);
		f.n = 0;
		f.fail_at = n;
		rc = airs_result_write(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON, keep, &got, &d);
		f.fail_at = 0;
		if (n == 0) {
			ck_assert_int_eq(rc, AIRS_OK);
			total = f.n;
			want = got;
		} else {
			ck_assert_msg(rc == AIRS_OK || rc == AIRS_ENOMEM, "fail_at %ld: %d", n, rc);
			/* a chunk that could not be formatted apart was
			 * formatted again: the same bytes */
			ck_assert(rc != AIRS_OK ||
			          (got.n == want.n && !memcmp(got.p, want.p, want.n)));
			free(got.p);
			got.p = NULL;
			got.n = 0;
			rc = airs_result_write(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON, keep, &got, &d);
			ck_assert_int_eq(rc, AIRS_OK);
			ck_assert_uint_eq(got.n, want.n);
			ck_assert(memcmp(got.p, want.p, want.n) == 0);
			free(got.p);
		}
		ck_assert_int_eq(airs_model_digest(m, hex), AIRS_OK);
		ck_assert_ptr_nonnull(strstr(want.p, hex));
		airs_result_free(r);
		airs_model_free(m);
		ck_assert_int_eq(f.live, 0);
		if (n > total)
			break;
	}
	free(want.p);
	airs_params_free(p);
	unsetenv("AIRS_TEST_EXPORT_CHUNK");
	printf("# exporting%s: %ld allocation points exercised\n",
	       _i ? " in chunks on 3 threads" : "", total);
}
END_TEST

/* The tools table (methodology 9) of its worked example under failing
 * allocations, persistent from the n-th: AIRS_ENOMEM with no table and no
 * leak, or the same table as without failures. */
START_TEST(tools_can_fail_anywhere)
{
	struct failing f = { 0, 0, 1, 0, 0 };
	airs_allocator a = failing_allocator(&f);
	airs_model *m = NULL;
	airs_params *p = NULL;
	airs_result *r = NULL;
	struct text want = { NULL, 0 };
	long n, total = 0, before;
	int rc;

	ck_assert_int_eq(airs_model_new(&m, &a), AIRS_OK);
	ck_assert_int_eq(airs_load_dir(m, SOURCE_ROOT "/tests/bench/data/tools-example",
	                               NULL, NULL), AIRS_OK);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "anonymity.min_group", "3"), AIRS_OK);
	ck_assert_int_eq(airs_score(m, p, &r, NULL), AIRS_OK);
	for (n = 0;; n++) {
		airs_tools *t = NULL;
		before = f.live;
		f.n = 0;
		f.fail_at = n;
		rc = airs_result_tools(r, &t, NULL);
		f.fail_at = 0;
		if (rc == AIRS_OK) {
			struct text got = { NULL, 0 };
			if (n == 0)
				total = f.n;
			ck_assert_int_eq(airs_tools_write(t, AIRS_OUTPUT_CSV, keep, &got,
			                                  NULL), AIRS_OK);
			if (n == 0)
				want = got;
			else {
				ck_assert_uint_eq(got.n, want.n);
				ck_assert(memcmp(got.p, want.p, want.n) == 0);
				free(got.p);
			}
			airs_tools_free(t);
			ck_assert_int_eq(f.live, before);
			if (n > total)
				break;
			continue;
		}
		ck_assert_int_eq(rc, AIRS_ENOMEM);
		ck_assert_ptr_null(t);
		ck_assert_int_eq(f.live, before);
	}
	free(want.p);
	airs_result_free(r);
	airs_params_free(p);
	airs_model_free(m);
	ck_assert_int_eq(f.live, 0);
	printf("# tools table: %ld allocation points exercised\n", total);
}
END_TEST

/* The driver analysis of the sample (whose organisation is analysed,
 * with its bootstrap) under failing allocations: AIRS_ENOMEM and
 * nothing allocated, or the same analysis; no leak. */
START_TEST(drivers_can_fail_anywhere)
{
	struct failing f = { 0, 0, 1, 0, 0 };
	airs_allocator a = failing_allocator(&f);
	airs_drivers_options o = AIRS_DRIVERS_OPTIONS_INIT;
	airs_drivers_group want = AIRS_DRIVERS_GROUP_INIT;
	airs_model *m = NULL;
	airs_result *r = NULL;
	long n, total = 0, before;

	ck_assert_int_eq(airs_model_new(&m, &a), AIRS_OK);
	ck_assert_int_eq(airs_load_dir(m, SOURCE_ROOT "/examples/data/sample",
	                               NULL, NULL), AIRS_OK);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	ck_assert_int_eq(airs_score(m, NULL, &r, NULL), AIRS_OK);
	o.reps = 4, o.threads = 2;
	for (n = 0;; n++) {
		airs_drivers *d = NULL;
		airs_drivers_group g = AIRS_DRIVERS_GROUP_INIT;
		int rc;
		before = f.live;
		f.n = 0;
		f.fail_at = n;
		rc = airs_drivers_new(r, &o, &d, NULL);
		f.fail_at = 0;
		if (rc) {
			ck_assert_int_eq(rc, AIRS_ENOMEM);
			ck_assert_ptr_null(d);
			ck_assert_int_eq(f.live, before);
			continue;
		}
		ck_assert_int_eq(airs_drivers_unit(d, AIRS_ROLLUP_ORG, &g), AIRS_OK);
		ck_assert_ptr_null(g.unit_id);
		if (n == 0) {
			total = f.n;
			want = g;
			ck_assert_int_eq(g.status, AIRS_DRIVERS_ANALYSED);
		}
		ck_assert_mem_eq(&g, &want, sizeof g);
		airs_drivers_free(d);
		ck_assert_int_eq(f.live, before);
		if (n > total)
			break;
	}
	airs_result_free(r);
	airs_model_free(m);
	ck_assert_int_eq(f.live, 0);
	printf("# drivers: %ld allocation points exercised\n", total);
}
END_TEST

/* Two survey waves (survey_waves.csv) for 12 people in a unit and its
 * child, W1 in June and W2 in September; some people answer once.  The
 * loader's waves table, scoring by wave and airs_compare() run under
 * failing allocations below. */
static airs_model *two_waves(const airs_allocator *a, struct failing *f)
{
	static const char units[] = "unit_id,name,parent_id\nU,U,\nV,V,U\n";
	static const char roles[] = "role_id,name\nR,Role\n";
	static const char items[] = "item_id,construct\nQ1,clarity\n"
	                            "Q2,usefulness\n";
	static const char waves[] = "wave_id,start,end\n"
	                            "W1,2026-06-01,2026-06-30\n"
	                            "W2,2026-09-01,2026-09-21\n";
	char emps[400], resp[2000];
	size_t e = 0, r = 0;
	airs_model *m = NULL;
	int rc;

	e += (size_t)snprintf(emps, sizeof emps, "employee_id,unit_id,role_id\n");
	r += (size_t)snprintf(resp, sizeof resp, "employee_id,item_id,value,date\n");
	for (int i = 0; i < 12; i++) {
		e += (size_t)snprintf(emps + e, sizeof emps - e, "E%02d,%s,R\n",
		                      i, i < 6 ? "U" : "V");
		for (int w = 0; w < 2; w++)
			if (w == 0 || i % 5)
				r += (size_t)snprintf(resp + r, sizeof resp - r,
				                      "E%02d,Q%d,%d,2026-0%d-1%d\n", i,
				                      1 + (i + w) % 2, 1 + (i * 3 + w) % 5,
				                      w ? 9 : 6, i % 10);
	}
	airs_table_buffer tb[6] = {
		{ "units.csv", units, sizeof units - 1 },
		{ "roles.csv", roles, sizeof roles - 1 },
		{ "employees.csv", emps, e },
		{ "survey_items.csv", items, sizeof items - 1 },
		{ "survey_waves.csv", waves, sizeof waves - 1 },
		{ "responses.csv", resp, r },
	};
	f->n = 0;
	if (airs_model_new(&m, a) != AIRS_OK)
		return NULL;
	rc = airs_load_buffers(m, tb, 6, NULL, NULL);
	if (rc != AIRS_OK) /* all or nothing */
		ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_RESPONSE), 0);
	else
		rc = airs_model_finish(m);
	if (rc != AIRS_OK) {
		ck_assert_int_eq(rc, AIRS_ENOMEM);
		airs_model_free(m);
		return NULL;
	}
	return m;
}

static airs_result *score_at(const airs_model *m, const char *as_of)
{
	airs_params *p = NULL;
	airs_result *r = NULL;
	int rc;

	if (airs_params_new(&p, NULL) != AIRS_OK)
		return NULL;
	ck_assert_int_eq(airs_params_set(p, "as_of", as_of), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "anonymity.min_group", "3"), AIRS_OK);
	rc = airs_score(m, p, &r, NULL);
	airs_params_free(p);
	ck_assert(rc == AIRS_OK || rc == AIRS_ENOMEM);
	return r;
}

/* Loading two waves, scoring at each and comparing them under failing
 * allocations, persistent from the n-th: AIRS_ENOMEM with nothing
 * allocated, or the same changes, figure by figure; no leak. */
START_TEST(waves_and_compare_can_fail_anywhere)
{
	struct failing f = { 0, 0, 1, 0, 0 };
	airs_allocator a = failing_allocator(&f);
	airs_change want[2][AIRS_CHANGE_FIGURE_COUNT_];
	long n, total = 0;

	for (n = 0;; n++) {
		airs_model *m;
		airs_result *b = NULL, *c = NULL;
		airs_comparison *k = NULL;
		int rc = AIRS_ENOMEM;

		f.fail_at = n;
		m = two_waves(&a, &f);
		if (m && (b = score_at(m, "2026-07-15")) &&
		    (c = score_at(m, "2026-12-31")))
			rc = airs_compare(b, c, NULL, &k, NULL);
		f.fail_at = 0;
		if (rc == AIRS_OK) {
			ck_assert_uint_eq(airs_comparison_unit_count(k), 2);
			for (size_t u = 0; u < 2; u++)
				for (int g = 0; g < AIRS_CHANGE_FIGURE_COUNT_; g++) {
					airs_change ch = AIRS_CHANGE_INIT;
					size_t unit = u ? 1 : AIRS_ROLLUP_ORG;
					ck_assert_int_eq(airs_comparison_change(k, unit, g,
					                                        &ch), AIRS_OK);
					if (n == 0)
						want[u][g] = ch;
					ck_assert_mem_eq(&ch, &want[u][g], sizeof ch);
				}
			if (n == 0)
				total = f.n;
		} else {
			ck_assert_int_eq(rc, AIRS_ENOMEM);
			ck_assert_ptr_null(k);
		}
		airs_comparison_free(k);
		airs_result_free(c);
		airs_result_free(b);
		airs_model_free(m);
		ck_assert_int_eq(f.live, 0);
		if (n > total && n > 0)
			break;
	}
	ck_assert_int_eq(want[0][AIRS_CHANGE_RESPONSE_RATE].reason,
	                 AIRS_CHANGE_SHOWN);
	printf("# two waves, scored and compared: %ld allocation points "
	       "exercised\n", total);
}
END_TEST

/* The JSON export of everything in r, read with allocations working. */
static struct text export_all(const airs_result *r, struct failing *f)
{
	struct text t = { NULL, 0 };
	long saved = f->fail_at;

	f->fail_at = 0;
	ck_assert_int_eq(airs_result_write(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON,
	                                   keep, &t, NULL), AIRS_OK);
	f->fail_at = saved;
	return t;
}

/* Re-scoring under failing allocations, persistent from the n-th, for a
 * change of each class (params.h: readiness, every person, everything),
 * on one thread and three: AIRS_ENOMEM with *out NULL, nothing leaked
 * and prev as it was, or the result scoring gives. */
START_TEST(rescoring_can_fail_anywhere)
{
	static const char *const change[][2] = {
		{ "weights.skill", "0.7" },
		{ "source.self", "0.2" },
		{ "anonymity.min_group", "4" },
	};
	struct failing f = { 0, 0, 1, 0, 0 };
	airs_allocator a = failing_allocator(&f);
	airs_model *m = NULL;
	airs_params *p, *q;
	airs_result *prev, *r, *want;
	struct text before, w, got;
	long n, total = 0, live, used;
	size_t c;
	int i, rc;

	ck_assert_int_eq(airs_model_new(&m, &a), AIRS_OK);
	for (i = 0; add_step(m, i) != -100; i++)
		;
	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "threads", _i ? "3" : "1"), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "privacy.individual_sentiment", "1"),
	                 AIRS_OK);
	ck_assert_int_eq(airs_score(m, p, &prev, NULL), AIRS_OK);
	before = export_all(prev, &f);
	for (c = 0; c < sizeof change / sizeof change[0]; c++) {
		ck_assert_int_eq(airs_params_new(&q, NULL), AIRS_OK);
		ck_assert_int_eq(airs_params_set(q, "threads", _i ? "3" : "1"),
		                 AIRS_OK);
		ck_assert_int_eq(airs_params_set(q, "privacy.individual_sentiment",
		                                 "1"), AIRS_OK);
		ck_assert_int_eq(airs_params_set(q, change[c][0], change[c][1]),
		                 AIRS_OK);
		ck_assert_int_eq(airs_score(m, q, &want, NULL), AIRS_OK);
		w = export_all(want, &f);
		airs_result_free(want);
		for (n = 1;; n++) {
			live = f.live;
			f.n = 0;
			f.fail_at = n;
			rc = airs_rescore(prev, q, NULL, &r, NULL);
			used = f.n;
			if (rc == AIRS_OK) {
				got = export_all(r, &f);
				ck_assert_str_eq(got.p, w.p);
				free(got.p);
				airs_result_free(r);
				ck_assert_int_eq(f.live, live);
				if (used < n) {
					total += used;
					break;
				}
				continue;
			}
			ck_assert_int_eq(rc, AIRS_ENOMEM);
			ck_assert_ptr_null(r);
			ck_assert_int_eq(f.live, live);
		}
		f.fail_at = 0;
		got = export_all(prev, &f);
		ck_assert_str_eq(got.p, before.p);
		free(got.p);
		free(w.p);
		airs_params_free(q);
	}
	free(before.p);
	airs_result_free(prev);
	airs_params_free(p);
	airs_model_free(m);
	ck_assert_int_eq(f.live, 0);
	printf("# re-scoring with %s: %ld allocation points exercised\n",
	       _i ? "3 threads" : "1 thread", total);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("oom");
	TCase *tc = tcase_create("oom");

	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, every_allocation_can_fail, 0, 2);
	tcase_add_loop_test(tc, scoring_can_fail_anywhere, 0, 3);
	tcase_add_loop_test(tc, score_partial_can_fail_anywhere, 0, 2);
	tcase_add_loop_test(tc, rescoring_can_fail_anywhere, 0, 2);
	tcase_add_loop_test(tc, loading_can_fail_anywhere, 0, 5);
	tcase_add_loop_test(tc, exporting_can_fail_anywhere, 0, 2);
	tcase_add_test(tc, drivers_can_fail_anywhere);
	tcase_add_test(tc, tools_can_fail_anywhere);
	tcase_add_test(tc, waves_and_compare_can_fail_anywhere);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * test-rescore.c - airs_rescore() gives, for a change of any parameter,
 * the bytes a score from scratch gives: the full JSON export (rollups and
 * suppression included), the rollup partial, the per-employee records
 * and what a later re-score reads - on the sample and a generated company,
 * on one thread and several, with individual sentiment off and on.
 */
#include <check.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "airs/airs.h"
#include "params.h"
#include "rollup-impl.h"
#include "score.h"

#include "harness.h"

struct buf {
	char *p;
	size_t n;
};

static int collect(const void *data, size_t len, void *user)
{
	struct buf *b = user;
	char *q = realloc(b->p, b->n + len + 1);

	ck_assert_ptr_nonnull(q);
	b->p = q;
	memcpy(b->p + b->n, data, len);
	b->n += len;
	b->p[b->n] = '\0';
	return 0;
}

static char *export_all(const airs_result *r)
{
	struct buf b = { NULL, 0 };
	airs_diag d = AIRS_DIAG_INIT;

	ck_assert_msg(airs_result_write(r, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON,
	                                collect, &b, &d) == AIRS_OK, "%s", d.text);
	return b.p;
}

static char *partial(const airs_result *r)
{
	struct buf b = { NULL, 0 };

	ck_assert_int_eq(airs_rollup_write(airs_result_rollup(r), collect, &b),
	                 AIRS_OK);
	return b.p;
}

/* The binary partials of a and b (docs/output-format.md) are the same
 * bytes. */
static void same_binary(const airs_result *a, const airs_result *b,
                        const char *what)
{
	struct buf x = { NULL, 0 }, y = { NULL, 0 };

	ck_assert_int_eq(airs_rollup_write_v2(airs_result_rollup(a),
	                                      AIRS_PARTIAL_BINARY, collect, &x),
	                 AIRS_OK);
	ck_assert_int_eq(airs_rollup_write_v2(airs_result_rollup(b),
	                                      AIRS_PARTIAL_BINARY, collect, &y),
	                 AIRS_OK);
	ck_assert_msg(x.n == y.n && !memcmp(x.p, y.p, x.n),
	              "%s: the binary partial differs", what);
	free(x.p);
	free(y.p);
}

/* Every accumulator of rollups a and b, own and subtree totals, every
 * member, published or not (a manager group's barrier counts are not):
 * a re-score's are assembled from what it shares and its own readiness
 * members (rollup-impl.h). */
static void same_accs(const airs_rollup *a, const airs_rollup *b,
                      const char *what, const char *which)
{
	acc ba, bb;
	size_t u;

	ck_assert_uint_eq(a->nu, b->nu);
	for (u = 0; u <= a->nu; u++) {
		ck_assert_msg(!memcmp(airs__rollup_tot(a, u, &ba),
		                      airs__rollup_tot(b, u, &bb), sizeof(acc)),
		              "%s: the %s totals of %zu differ", what, which, u);
		ck_assert_msg(!memcmp(airs__rollup_own(a, u, &ba),
		                      airs__rollup_own(b, u, &bb), sizeof(acc)),
		              "%s: the %s own members of %zu differ", what,
		              which, u);
	}
}

static void same_totals(const airs_result *a, const airs_result *b,
                        const char *what)
{
	const airs_rollup *ra = airs_result_rollup(a), *rb = airs_result_rollup(b);

	same_accs(ra, rb, what, "unit");
	ck_assert_msg(!ra->mgr == !rb->mgr, "%s", what);
	if (ra->mgr)
		same_accs(ra->mgr, rb->mgr, what, "manager group");
}

/* a and b hold the same bytes, and so does what a re-score reads. */
static void same(const airs_result *a, const airs_result *b, const char *what)
{
	char *ja = export_all(a), *jb = export_all(b);
	char *pa = partial(a), *pb = partial(b);
	size_t n = a->n;

	ck_assert_msg(!strcmp(ja, jb), "%s: the JSON export differs", what);
	ck_assert_msg(!strcmp(pa, pb), "%s: the rollup partial differs", what);
	same_binary(a, b, what);
	same_totals(a, b, what);
	ck_assert_uint_eq(n, b->n);
	ck_assert_msg(!memcmp(a->s, b->s, n * sizeof *a->s),
	              "%s: the employee records differ", what);
	ck_assert_msg(!a->construct == !b->construct, "%s", what);
	if (a->construct)
		ck_assert_msg(!memcmp(a->construct, b->construct,
		                      n * AIRS_CONSTRUCT_COUNT_ * sizeof(double)),
		              "%s: construct scores differ", what);
	ck_assert_msg(!memcmp(a->keep_sums, b->keep_sums, 2 * n * sizeof(double)),
	              "%s: kept sums differ", what);
	ck_assert_uint_eq(a->keep_fit_at[n], b->keep_fit_at[n]);
	ck_assert_msg(!memcmp(a->keep_fit, b->keep_fit,
	                      a->keep_fit_at[n] * sizeof(double)),
	              "%s: kept fits differ", what);
	ck_assert_uint_eq(a->ncohort, b->ncohort);
	ck_assert(!memcmp(a->cohort, b->cohort, a->ncohort * sizeof *a->cohort));
	free(ja);
	free(jb);
	free(pa);
	free(pb);
}

/* A value of parameter name other than its value in p that p accepts and
 * scoring accepts, as text into out. */
static void other_value(const airs_params *p, const char *name, char *out,
                        size_t n)
{
	char now[64];
	double x, cand[6];
	size_t k;

	airs_params_get(p, name, now, sizeof now);
	if (!strcmp(name, "as_of")) {
		snprintf(out, n, "2026-05-31");
		return;
	}
	ck_assert_int_eq(airs_params_get_double(p, name, &x), AIRS_OK);
	cand[0] = x * 1.5;
	cand[1] = x * 0.5;
	cand[2] = x + 1;
	cand[3] = x - 1;
	cand[4] = 1 - x;
	cand[5] = x + 0.05;
	for (k = 0; k < 6; k++) {
		airs_params *q;
		char t[64];
		int ok;
		snprintf(out, n, "%.6g", cand[k]);
		ck_assert_int_eq(airs_params_new(&q, NULL), AIRS_OK);
		ok = airs_params_set(q, name, out) == AIRS_OK;
		if (ok) {
			char msg[AIRS__MSG_MAX];
			airs_params_get(q, name, t, sizeof t);
			ok = strcmp(t, now) && !airs__params_check(&q->v, msg);
		}
		airs_params_free(q);
		if (ok)
			return;
	}
	ck_abort_msg("no other value for %s", name);
}

static airs_params *params_with(const char *optin)
{
	airs_params *p;

	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "privacy.individual_sentiment",
	                                 optin), AIRS_OK);
	return p;
}

static airs_result *score(const airs_model *m, const airs_params *p,
                          size_t threads)
{
	airs_score_options o = AIRS_SCORE_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_result *r;

	o.threads = threads;
	ck_assert_msg(airs_score_v2(m, p, &o, &r, &d) == AIRS_OK, "%s", d.text);
	return r;
}

static airs_result *rescore(const airs_result *prev, const airs_params *p,
                            size_t threads)
{
	airs_score_options o = AIRS_SCORE_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_result *r;

	o.threads = threads;
	ck_assert_msg(airs_rescore(prev, p, &o, &r, &d) == AIRS_OK, "%s",
	              d.text);
	return r;
}

/* Under valgrind and the CI's sanitizer runs (AIRS_TEST_QUICK): one
 * configuration per dataset, one parameter of each class, and a smaller
 * company. */
static int quick(void)
{
	return getenv("AIRS_TEST_QUICK") != NULL;
}

/* For every parameter: re-scoring prev (made with base) after changing
 * it equals scoring with the change, and re-scoring that back to base
 * equals prev. */
static void every_parameter(const airs_model *m, const char *optin,
                            size_t threads)
{
	airs_params *base = params_with(optin);
	airs_result *prev = score(m, base, threads);
	const char *name;
	size_t i;
	airs_result *again = rescore(prev, base, threads);

	same(prev, again, "unchanged");
	airs_result_free(again);
	unsigned seen = 0;

	for (i = 0; (name = airs_params_describe(i, NULL, NULL)); i++) {
		airs_params *p;
		airs_result *want, *got, *back;
		char v[64], what[200];
		/* under valgrind, the first parameter of each class */
		if (quick() && (seen >> airs__params_rescore_of(i) & 1))
			continue;
		seen |= 1u << airs__params_rescore_of(i);
		p = params_with(optin);
		other_value(p, name, v, sizeof v);
		ck_assert_int_eq(airs_params_set(p, name, v), AIRS_OK);
		snprintf(what, sizeof what, "%s = %s (sentiment %s, %zu threads)",
		         name, v, optin, threads);
		want = score(m, p, threads);
		got = rescore(prev, p, threads);
		same(want, got, what);
		back = rescore(got, base, threads);
		same(prev, back, what);
		airs_result_free(want);
		airs_result_free(got);
		airs_result_free(back);
		airs_params_free(p);
	}
	airs_result_free(prev);
	airs_params_free(base);
}

static airs_model *load(const char *dir)
{
	airs_model *m;
	airs_diag d = AIRS_DIAG_INIT;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_msg(airs_load_dir(m, dir, NULL, &d) == AIRS_OK, "%s", d.text);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	return m;
}

START_TEST(sample_every_parameter)
{
	airs_model *m = load(SOURCE_ROOT "/examples/data/sample");

	every_parameter(m, "0", 1);
	if (!quick())
		every_parameter(m, "1", 3);
	airs_model_free(m);
}
END_TEST

/* A company of n employees made by airs-gen with seed into dir (a
 * mkdtemp() template), loaded; gone_generated() removes it. */
static airs_model *generated(char *dir, int n, int seed)
{
	char cmd[512];

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof cmd, "'%s' --employees %d --seed %d --out '%s/c' "
	         ">/dev/null", AIRS_GEN, n, seed, dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "%s/c", dir);
	return load(cmd);
}

static void gone_generated(const char *dir)
{
	char cmd[512];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(generated_every_parameter)
{
	char dir[] = "/tmp/airs-rescore-XXXXXX";
	airs_model *m = generated(dir, quick() ? 300 : 1000, 23);

	if (!quick())
		every_parameter(m, "0", 4);
	every_parameter(m, "1", 3);
	airs_model_free(m);
	gone_generated(dir);
}
END_TEST

/* A readiness re-score fills the units' and the manager groups' rollups
 * side by side from every employee's record (rollup-rescore.c,
 * airs__rollup_refill()): on 1 to 4 threads it gives the bytes of a
 * score from scratch on one, from a result scored on another count,
 * whether the barrier points are kept (weights.skill) or decided again
 * (adkar.barrier_threshold), and re-scored from a re-score (whose
 * readiness members are its own, not the first score's). */
static void threads_independent(const airs_model *m, const char *optin)
{
	static const char *const change[][2] = {
		{ "weights.skill", "0.7" },
		{ "adkar.barrier_threshold", "2.5" },
		{ "levels.t3", "45" },
	};
	airs_params *p = params_with(optin);
	airs_result *prev = score(m, p, 2), *want, *got, *again;
	size_t c, t;
	char what[160];

	for (c = 0; c < sizeof change / sizeof change[0]; c++) {
		ck_assert_int_eq(airs_params_set(p, change[c][0], change[c][1]),
		                 AIRS_OK);
		want = score(m, p, 1);
		for (t = 1; t <= 4; t++) {
			snprintf(what, sizeof what, "%s (sentiment %s) on %zu threads",
			         change[c][0], optin, t);
			got = rescore(prev, p, t);
			same(want, got, what);
			/* and from that re-score back to the first score */
			airs_params_reset(p);
			ck_assert_int_eq(airs_params_set(p,
			                 "privacy.individual_sentiment", optin),
			                 AIRS_OK);
			again = rescore(got, p, 5 - t);
			same(prev, again, what);
			airs_result_free(again);
			airs_result_free(got);
			ck_assert_int_eq(airs_params_set(p, change[c][0],
			                                 change[c][1]), AIRS_OK);
		}
		airs_result_free(want);
		airs_params_reset(p);
		ck_assert_int_eq(airs_params_set(p, "privacy.individual_sentiment",
		                                 optin), AIRS_OK);
	}
	airs_result_free(prev);
	airs_params_free(p);
}

START_TEST(threads_sample)
{
	airs_model *m = load(SOURCE_ROOT "/examples/data/sample");

	threads_independent(m, "0");
	threads_independent(m, "1");
	airs_model_free(m);
}
END_TEST

START_TEST(threads_generated)
{
	char dir[] = "/tmp/airs-rescore-XXXXXX";
	airs_model *m = generated(dir, quick() ? 300 : 2000, 26);

	threads_independent(m, "0");
	airs_model_free(m);
	gone_generated(dir);
}
END_TEST

/* Several parameters of different classes at once, and a chain of
 * re-scores, each from the last. */
START_TEST(chains_and_mixes)
{
	static const char *const steps[][2] = {
		{ "weights.skill", "0.7" },
		{ "levels.t3", "45" },
		{ "source.self", "0.2" },
		{ "plan.headroom", "2" },
		{ "anonymity.min_group", "7" },
		{ "adkar.barrier_threshold", "2.5" },
		{ "weights.adoption", "0" },
	};
	airs_model *m = load(SOURCE_ROOT "/examples/data/sample");
	airs_params *p = params_with("1");
	airs_result *r = score(m, p, 2);
	size_t i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		airs_result *want, *got;
		ck_assert_int_eq(airs_params_set(p, steps[i][0], steps[i][1]),
		                 AIRS_OK);
		want = score(m, p, 1);
		got = rescore(r, p, 2);
		same(want, got, steps[i][0]);
		airs_result_free(want);
		airs_result_free(r);
		r = got;
	}
	airs_result_free(r);
	airs_params_free(p);
	airs_model_free(m);
}
END_TEST

/* prev outlives nothing: the re-score keeps the model, and prev may go
 * first; bad arguments are refused with *out NULL. */
START_TEST(ownership_and_errors)
{
	airs_model *m = load(SOURCE_ROOT "/examples/data/sample");
	airs_params *p = params_with("0");
	airs_result *prev = score(m, p, 1), *r = (airs_result *)1, *want;
	airs_score_options o = AIRS_SCORE_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	char *a, *b;

	ck_assert_int_eq(airs_rescore(NULL, p, NULL, &r, &d), AIRS_EINVAL);
	ck_assert_ptr_null(r);
	ck_assert_ptr_nonnull(strstr(d.text, "must not be NULL"));
	ck_assert_int_eq(airs_rescore(prev, p, NULL, NULL, NULL), AIRS_EINVAL);
	o.size = 3;
	ck_assert_int_eq(airs_rescore(prev, p, &o, &r, NULL), AIRS_EINVAL);
	ck_assert_int_eq(airs_params_set(p, "weights.skill", "0.9"), AIRS_OK);
	want = score(m, p, 1);
	airs_model_free(m);
	ck_assert_int_eq(airs_rescore(prev, p, NULL, &r, &d), AIRS_OK);
	airs_result_free(prev);
	a = export_all(want);
	b = export_all(r);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	airs_result_free(r);
	airs_result_free(want);
	airs_params_free(p);
}
END_TEST

/* Several threads re-score one result at once (it is only read), each
 * from its own parameters: each gets what scoring gives. */
struct racer {
	const airs_result *prev;
	airs_params *p;
	airs_result *got;
};

static void *race(void *arg)
{
	struct racer *x = arg;

	x->got = NULL;
	if (airs_rescore(x->prev, x->p, NULL, &x->got, NULL))
		x->got = NULL;
	return NULL;
}

START_TEST(threads_share_prev)
{
	static const char *const w[4] = { "0.1", "0.5", "0.9", "0.5" };
	airs_model *m = load(SOURCE_ROOT "/examples/data/sample");
	airs_params *base = params_with("1");
	airs_result *prev = score(m, base, 2);
	struct racer x[4];
	pthread_t t[4];
	char *before = export_all(prev);
	int i;

	for (i = 0; i < 4; i++) {
		x[i].prev = prev;
		x[i].p = params_with("1");
		ck_assert_int_eq(airs_params_set(x[i].p, "weights.skill", w[i]),
		                 AIRS_OK);
		ck_assert_int_eq(pthread_create(&t[i], NULL, race, &x[i]), 0);
	}
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_join(t[i], NULL), 0);
	for (i = 0; i < 4; i++) {
		airs_result *want = score(m, x[i].p, 1);
		ck_assert_ptr_nonnull(x[i].got);
		same(want, x[i].got, w[i]);
		airs_result_free(want);
		airs_result_free(x[i].got);
		airs_params_free(x[i].p);
	}
	{
		char *after = export_all(prev);
		ck_assert_str_eq(after, before);
		free(after);
	}
	free(before);
	airs_result_free(prev);
	airs_params_free(base);
	airs_model_free(m);
}
END_TEST

/* What re-scores share with the result they came from (its kept arrays,
 * the rollups' names, tree and maps) goes with the last holder: threads
 * re-score one result, and re-score that again, and free both while the
 * others do the same, the first result freed already; each second
 * re-score exports what a score from scratch does (TSan watches the
 * reference counts; valgrind and ASan that nothing is lost or freed
 * twice). */
struct sharer {
	const airs_result *prev;
	pthread_barrier_t *made, *freed;
	const char *w;
	const char *want; /* a score from scratch's export, for w */
	int ok;
};

static void *share(void *arg)
{
	struct sharer *x = arg;
	airs_params *p = params_with("1");
	airs_result *a = NULL, *b = NULL;
	char *ea, *eb;

	x->ok = !airs_params_set(p, "weights.skill", x->w) &&
	        !airs_rescore(x->prev, p, NULL, &a, NULL) &&
	        !airs_params_set(p, "weights.training", "0.3") &&
	        !airs_rescore(a, p, NULL, &b, NULL);
	pthread_barrier_wait(x->made);  /* then prev is freed */
	pthread_barrier_wait(x->freed);
	if (x->ok) {
		ea = export_all(a);
		airs_result_free(a);     /* b outlives a, and prev */
		eb = export_all(b);
		x->ok = strlen(ea) > 0 && !strcmp(eb, x->want);
		free(ea);
		free(eb);
	} else {
		airs_result_free(a);
	}
	airs_result_free(b);
	airs_params_free(p);
	return NULL;
}

START_TEST(shared_parts_outlive_their_result)
{
	static const char *const w[4] = { "0.1", "0.5", "0.9", "0.5" };
	airs_model *m = load(SOURCE_ROOT "/examples/data/sample");
	airs_params *base = params_with("1");
	airs_result *prev = score(m, base, 2);
	pthread_barrier_t made, freed;
	struct sharer x[4];
	pthread_t t[4];
	char *want[4];
	int i;

	/* what each thread's second re-score must export, bit for bit */
	for (i = 0; i < 4; i++) {
		airs_params *q = params_with("1");
		airs_result *fresh;

		ck_assert_int_eq(airs_params_set(q, "weights.skill", w[i]),
		                 AIRS_OK);
		ck_assert_int_eq(airs_params_set(q, "weights.training", "0.3"),
		                 AIRS_OK);
		fresh = score(m, q, 1);
		want[i] = export_all(fresh);
		airs_result_free(fresh);
		airs_params_free(q);
	}
	pthread_barrier_init(&made, NULL, 5);
	pthread_barrier_init(&freed, NULL, 5);
	airs_model_free(m); /* the results hold it */
	for (i = 0; i < 4; i++) {
		x[i].prev = prev;
		x[i].made = &made;
		x[i].freed = &freed;
		x[i].w = w[i];
		x[i].want = want[i];
		ck_assert_int_eq(pthread_create(&t[i], NULL, share, &x[i]), 0);
	}
	pthread_barrier_wait(&made);
	airs_result_free(prev);
	pthread_barrier_wait(&freed);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(pthread_join(t[i], NULL), 0);
		ck_assert_msg(x[i].ok, "thread %d", i);
		free(want[i]);
	}
	pthread_barrier_destroy(&made);
	pthread_barrier_destroy(&freed);
	airs_params_free(base);
}
END_TEST

/* A re-score's rollup merged into a rollup read back gives what a score
 * from scratch merged gives (the merge reads its shared accumulators
 * and own readiness members together). */
static void same_merged(const airs_result *a, const airs_result *b)
{
	char *pb = partial(b);
	struct buf x = { NULL, 0 }, y = { NULL, 0 };
	airs_rollup *ra, *rb;

	ck_assert_int_eq(airs_rollup_read(&ra, pb, strlen(pb), NULL, NULL),
	                 AIRS_OK);
	ck_assert_int_eq(airs_rollup_read(&rb, pb, strlen(pb), NULL, NULL),
	                 AIRS_OK);
	ck_assert_int_eq(airs_rollup_merge(ra, airs_result_rollup(a), NULL),
	                 AIRS_OK);
	ck_assert_int_eq(airs_rollup_merge(rb, airs_result_rollup(b), NULL),
	                 AIRS_OK);
	ck_assert_int_eq(airs_rollup_write(ra, collect, &x), AIRS_OK);
	ck_assert_int_eq(airs_rollup_write(rb, collect, &y), AIRS_OK);
	ck_assert_msg(!strcmp(x.p, y.p), "a re-score merged differs");
	free(x.p);
	free(y.p);
	free(pb);
	airs_rollup_free(ra);
	airs_rollup_free(rb);
}

/* A result's rollup finalised again (tests/bench/airs-time does) while
 * re-scores share its parts keeps them theirs: the re-scores still
 * equal scores from scratch, before and after the result is freed; and
 * a result's rollup, shared, is refused as a merge target. */
START_TEST(finalised_again_while_shared)
{
	airs_model *m = load(SOURCE_ROOT "/examples/data/sample");
	airs_params *base = params_with("1"), *q = params_with("1");
	airs_result *prev = score(m, base, 1), *r, *r2, *fresh;
	airs_rollup *pr = (airs_rollup *)(uintptr_t)airs_result_rollup(prev);
	airs_diag d = AIRS_DIAG_INIT;

	ck_assert_int_eq(airs_params_set(q, "weights.skill", "0.7"), AIRS_OK);
	r = rescore(prev, q, 1);
	ck_assert_int_eq(airs__rollup_finalise(pr, 2), AIRS_OK);
	ck_assert_int_eq(airs__rollup_finalise(pr, 1), AIRS_OK);
	r2 = rescore(prev, q, 2);
	fresh = score(m, q, 1);
	same(r, fresh, "re-score of a rollup finalised again");
	same(r2, fresh, "re-score after it was finalised again");
	ck_assert_int_eq(airs_rollup_merge(pr, airs_result_rollup(fresh), &d),
	                 AIRS_EINVAL);
	same_merged(r, fresh);
	airs_result_free(prev);
	same(r, fresh, "its source freed");
	same(r2, fresh, "its source freed");
	airs_result_free(r);
	airs_result_free(r2);
	airs_result_free(fresh);
	airs_params_free(base);
	airs_params_free(q);
	airs_model_free(m);
}
END_TEST

/* Every parameter has a class, and those the header lists as reusing the
 * suppression decisions never include one that changes who answered. */
START_TEST(classes)
{
	static const char *const all[] = {
		"as_of", "as_of.outlier_days", "as_of.outlier_share",
		"anonymity.min_group", "adoption.window_months",
		"adoption.full_days", "flags.fatigue_hours",
		"flags.fatigue_window_days", "flags.no_benefit_adoption",
	};
	size_t i, k, n = 0;
	const char *name;

	for (i = 0; (name = airs_params_describe(i, NULL, NULL)); i++) {
		int c = airs__params_rescore_of(i), full = 0;
		ck_assert_int_ge(c, AIRS__RESCORE_SAME);
		ck_assert_int_le(c, AIRS__RESCORE_ALL);
		for (k = 0; k < sizeof all / sizeof all[0]; k++)
			full |= !strcmp(all[k], name);
		ck_assert_msg(full == (c == AIRS__RESCORE_ALL), "%s", name);
		n += full;
	}
	ck_assert_uint_eq(n, sizeof all / sizeof all[0]);
	ck_assert_int_eq(airs__params_rescore_of(i), AIRS__RESCORE_ALL);
}
END_TEST

/* docs/methodology.md section 5.1 lists every parameter in the row of
 * its class, and nowhere else in that table. */
START_TEST(classes_documented)
{
	static const char *const row[] = { "| same |", "| readiness |",
	                                   "| employees |", "| all |" };
	char line[8192], *rows[4] = { NULL, NULL, NULL, NULL };
	FILE *f = fopen(SOURCE_ROOT "/docs/methodology.md", "r");
	const char *name;
	size_t i;
	int k, in = 0;

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof line, f)) {
		in = in ? strncmp(line, "## ", 3) != 0
		        : !strncmp(line, "### 5.1 ", 8);
		for (k = 0; in && k < 4; k++)
			if (!strncmp(line, row[k], strlen(row[k])))
				rows[k] = strdup(line);
	}
	fclose(f);
	for (k = 0; k < 4; k++)
		ck_assert_msg(rows[k] != NULL, "no row %s", row[k]);
	for (i = 0; (name = airs_params_describe(i, NULL, NULL)); i++) {
		char q[80];
		snprintf(q, sizeof q, "`%s`", name);
		for (k = 0; k < 4; k++)
			ck_assert_msg(!strstr(rows[k], q) ==
			              (k != airs__params_rescore_of(i)),
			              "%s: methodology 5.1 puts it in the wrong row",
			              name);
	}
	for (k = 0; k < 4; k++)
		free(rows[k]);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rescore");
	TCase *tc = tcase_create("rescore");

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, classes);
	tcase_add_test(tc, classes_documented);
	tcase_add_test(tc, ownership_and_errors);
	tcase_add_test(tc, chains_and_mixes);
	tcase_add_test(tc, threads_share_prev);
	tcase_add_test(tc, shared_parts_outlive_their_result);
	tcase_add_test(tc, finalised_again_while_shared);
	tcase_add_test(tc, sample_every_parameter);
	tcase_add_test(tc, generated_every_parameter);
	tcase_add_test(tc, threads_sample);
	tcase_add_test(tc, threads_generated);
	suite_add_tcase(s, tc);
	return s;
}


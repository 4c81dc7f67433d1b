/*
 * test-drivers.c - the driver analysis's numerics (lib/drivers.c,
 * lib/linalg.c, lib/rng.c): the rwa package's mtcars example, the
 * invariants of methodology 10 (weights sum to R^2, permutation and
 * affine invariance, rank deficiency) and a bootstrap that gives the
 * same bits on any number of threads.  tests/check-drivers.py compares
 * random and ill-conditioned cases with NumPy.
 */
#include <check.h>
#include <math.h>
#include <string.h>

#include "airs/common.h"
#include "airs/airs.h"
#include "alloc.h"
#include "drivers-impl.h"
#include "drivers.h"
#include "linalg.h"
#include "rng.h"

#include "harness.h"


/* mtcars (R's datasets): cyl, disp, hp, gear; and mpg. */
static const double MT[32][5] = {
	{ 6, 160, 110, 4, 21 },     { 6, 160, 110, 4, 21 },
	{ 4, 108, 93, 4, 22.8 },    { 6, 258, 110, 3, 21.4 },
	{ 8, 360, 175, 3, 18.7 },   { 6, 225, 105, 3, 18.1 },
	{ 8, 360, 245, 3, 14.3 },   { 4, 146.7, 62, 4, 24.4 },
	{ 4, 140.8, 95, 4, 22.8 },  { 6, 167.6, 123, 4, 19.2 },
	{ 6, 167.6, 123, 4, 17.8 }, { 8, 275.8, 180, 3, 16.4 },
	{ 8, 275.8, 180, 3, 17.3 }, { 8, 275.8, 180, 3, 15.2 },
	{ 8, 472, 205, 3, 10.4 },   { 8, 460, 215, 3, 10.4 },
	{ 8, 440, 230, 3, 14.7 },   { 4, 78.7, 66, 4, 32.4 },
	{ 4, 75.7, 52, 4, 30.4 },   { 4, 71.1, 65, 4, 33.9 },
	{ 4, 120.1, 97, 3, 21.5 },  { 8, 318, 150, 3, 15.5 },
	{ 8, 304, 150, 3, 15.2 },   { 8, 350, 245, 3, 13.3 },
	{ 8, 400, 175, 3, 19.2 },   { 4, 79, 66, 4, 27.3 },
	{ 4, 120.3, 91, 5, 26 },    { 4, 95.1, 113, 5, 30.4 },
	{ 8, 351, 264, 5, 15.8 },   { 6, 145, 175, 5, 19.7 },
	{ 8, 301, 335, 5, 15 },     { 4, 121, 109, 4, 21.4 },
};

static void mtcars(double *x, double *y)
{
	for (size_t i = 0; i < 32; i++) {
		for (size_t j = 0; j < 4; j++)
			x[i * 4 + j] = MT[i][j];
		y[i] = MT[i][4];
	}
}

/* rwa::rwa(mtcars, "mpg", c("cyl", "disp", "hp", "gear")): R^2 and raw
 * weights as the package prints them (7 digits). */
START_TEST(rwa_mtcars_example)
{
	static const double raw[4] = { 0.2284797, 0.2221469, 0.2321744,
	                               0.0963886 };
	double x[128], y[32], sum = 0, lsum = 0;
	airs__drivers_fit f;

	mtcars(x, y);
	airs__drivers_fit_sample(32, 4, x, y, NULL, NULL, &f);
	ck_assert_double_eq_tol(f.r2, 0.7791896, 5e-8);
	for (size_t j = 0; j < 4; j++) {
		ck_assert_double_eq_tol(f.raw[j], raw[j], 5e-8);
		sum += f.raw[j], lsum += f.lmg[j];
	}
	ck_assert_double_eq_tol(sum, f.r2, 1e-14);
	ck_assert_double_eq_tol(lsum, f.r2, 1e-14);
	/* Full-model signs as lm(mpg ~ cyl + disp + hp + gear) gives them. */
	ck_assert(f.beta[0] < 0 && f.beta[1] < 0 && f.beta[2] < 0 &&
	          f.beta[3] > 0);
}
END_TEST

/* A fixed pseudo-random sample: k drivers sharing a common factor (so
 * they correlate), the outcome a mix of them plus noise. */
static void sample(size_t n, size_t k, uint64_t seed, double *x, double *y)
{
	uint64_t s = airs__rng_stream(seed, 0);

	for (size_t i = 0; i < n; i++) {
		double common = (double)airs__rng_below(&s, 1000) / 100;
		y[i] = (double)airs__rng_below(&s, 1000) / 200;
		for (size_t j = 0; j < k; j++) {
			double v = common + (double)airs__rng_below(&s, 1000) / 250;
			x[i * k + j] = v;
			y[i] += (double)(j % 3) * 0.3 * v;
		}
	}
}

START_TEST(permutation_and_affine_invariance)
{
	enum { N = 200, KD = 6 };
	static double x[N * KD], x2[N * KD], y[N];
	static const size_t perm[KD] = { 3, 0, 5, 1, 4, 2 };
	airs__drivers_fit a, b;

	sample(N, KD, 7, x, y);
	airs__drivers_fit_sample(N, KD, x, y, NULL, NULL, &a);
	for (size_t i = 0; i < N; i++)
		for (size_t j = 0; j < KD; j++)
			/* driver perm[j] moved to column j, rescaled and shifted
			 * (a negative scale flips the coefficient's sign only) */
			x2[i * KD + j] = (j % 2 ? -3.5 : 0.01) * x[i * KD + perm[j]] +
			                 1000 * (double)j;
	airs__drivers_fit_sample(N, KD, x2, y, NULL, NULL, &b);
	ck_assert_double_eq_tol(a.r2, b.r2, 1e-12);
	for (size_t j = 0; j < KD; j++) {
		ck_assert_double_eq_tol(a.raw[perm[j]], b.raw[j], 1e-12);
		ck_assert_double_eq_tol(a.lmg[perm[j]], b.lmg[j], 1e-12);
		ck_assert_double_eq_tol(a.beta[perm[j]] * (j % 2 ? -1 : 1),
		                        b.beta[j], 1e-10);
	}
}
END_TEST

/* A driver that is an exact combination of others explains nothing of
 * its own: R^2 is that of the others; a constant driver gets 0. */
START_TEST(dependent_and_constant_drivers)
{
	enum { N = 120, KD = 3 };
	static double x[N * KD], y[N], x4[N * 5];
	airs__drivers_fit a, b;
	double sum = 0, lsum = 0;

	sample(N, KD, 11, x, y);
	airs__drivers_fit_sample(N, KD, x, y, NULL, NULL, &a);
	for (size_t i = 0; i < N; i++) {
		memcpy(x4 + i * 5, x + i * KD, KD * sizeof *x);
		x4[i * 5 + 3] = 2 * x[i * KD] - x[i * KD + 1];
		x4[i * 5 + 4] = 42;
	}
	airs__drivers_fit_sample(N, 5, x4, y, NULL, NULL, &b);
	ck_assert_double_eq_tol(a.r2, b.r2, 1e-9);
	ck_assert(b.raw[4] == 0 && b.lmg[4] == 0 && b.beta[4] == 0);
	for (size_t j = 0; j < 5; j++)
		sum += b.raw[j], lsum += b.lmg[j];
	ck_assert_double_eq_tol(sum, b.r2, 1e-9);
	ck_assert_double_eq_tol(lsum, b.r2, 1e-12);
}
END_TEST

/* Jacobi on a matrix with known eigenvalues 1, 2, 4 (3x3, eigenvectors
 * of a rotation), and the Cholesky rows against a hand-made factor. */
START_TEST(jacobi_and_cholesky)
{
	double a[9] = { 25.0 / 9, -10.0 / 9, 2.0 / 9, -10.0 / 9, 22.0 / 9,
	                -8.0 / 9, 2.0 / 9, -8.0 / 9, 16.0 / 9 };
	double w[3], v[9], l[9] = { 0 }, c[2];

	ck_assert_int_ge(airs__jacobi_eigen(3, a, w, v), 1);
	ck_assert_double_eq_tol(w[0], 1, 1e-14);
	ck_assert_double_eq_tol(w[1], 2, 1e-14);
	ck_assert_double_eq_tol(w[2], 4, 1e-14);
	/* the eigenvector of 1 is (1, 2, 2) / 3, up to its sign */
	ck_assert_double_eq_tol(fabs(v[0]), 1.0 / 3, 1e-14);
	ck_assert_double_eq_tol(v[3] / v[0], 2, 1e-13);
	ck_assert_double_eq_tol(v[6] / v[0], 2, 1e-13);
	/* [[4, 2], [2, 5]] = L L^T with L = [[2, 0], [1, 2]]. */
	ck_assert_int_eq(airs__chol_append(0, 3, l, c, 4), 1);
	c[0] = 2;
	ck_assert_int_eq(airs__chol_append(1, 3, l, c, 5), 1);
	ck_assert(l[0] == 2 && l[3] == 1 && l[4] == 2);
	/* a third variable equal to the first: dependent */
	c[0] = 4, c[1] = 2;
	ck_assert_int_eq(airs__chol_append(2, 3, l, c, 4), 0);
	ck_assert(l[8] == 0);
}
END_TEST

/* SplitMix64's published first outputs for seed 0 (state advanced
 * before mixing), and the bounded draw's range. */
START_TEST(generator)
{
	uint64_t s = 0, t = airs__rng_stream(1, 2);

	ck_assert_uint_eq(airs__rng_next(&s), 0xE220A8397B1DCDAFu);
	ck_assert_uint_eq(airs__rng_next(&s), 0x6E789E6AA1B965F4u);
	for (int i = 0; i < 1000; i++)
		ck_assert_uint_lt(airs__rng_below(&t, 7), 7);
	ck_assert_uint_eq(airs__rng_below(&t, 1), 0);
}
END_TEST

START_TEST(bootstrap_is_thread_independent)
{
	enum { N = 60, KD = 4, NS = AIRS__DRIVERS_STATS(4) };
	static double x[N * KD], y[N];
	double one[2 * NS], many[2 * NS];
	airs__drivers_fit f;
	airs__mem mem;

	ck_assert_int_eq(airs__mem_init(&mem, NULL), AIRS_OK);
	sample(N, KD, 3, x, y);
	airs__drivers_fit_sample(N, KD, x, y, NULL, NULL, &f);
	ck_assert_int_eq(airs__drivers_boot(&mem, N, KD, x, y, 200, 9, 1, one),
	                 AIRS_OK);
	ck_assert_int_eq(airs__drivers_boot(&mem, N, KD, x, y, 200, 9, 5, many),
	                 AIRS_OK);
	ck_assert_mem_eq(one, many, sizeof one);
	ck_assert(one[0] < f.r2 && f.r2 < one[1]);
	for (size_t s = 0; s < NS; s++)
		ck_assert(one[2 * s] <= one[2 * s + 1]);
	ck_assert_int_eq(airs__drivers_boot(&mem, N, KD, x, y, 200, 10, 1, many),
	                 AIRS_OK);
	ck_assert(memcmp(one, many, sizeof one) != 0);
}
END_TEST

/* Methodology 10.5's rule on small trees: a shown group whose class (its
 * people less those of the shown groups right below it) has 1 .. 4
 * people hides the smallest of itself and those groups. */
START_TEST(complementary_rule)
{
	/* org (100) -> A (60) -> A1 (57); org -> B (40): A's class is 3 */
	const uint32_t parent[] = { 3, 0, 3 };
	const uint64_t n[] = { 60, 57, 40, 100 };
	unsigned char vis[4] = { 1, 1, 1, 1 };
	uint32_t up[4], pick[4];
	uint64_t cls[4];
	/* org (50) -> C (48): the organisation's class is 2; C is hidden,
	 * being smaller; with C at 50 nothing is, the class being empty */
	const uint32_t parent2[] = { 1 };
	uint64_t n2[] = { 48, 50 };
	unsigned char vis2[2] = { 1, 1 };

	airs__drivers_hide(3, parent, n, 5, vis, up, pick, cls);
	ck_assert(vis[0] == 1 && vis[1] == 0 && vis[2] == 1 && vis[3] == 1);
	airs__drivers_hide(1, parent2, n2, 5, vis2, up, pick, cls);
	ck_assert(vis2[0] == 0 && vis2[1] == 1);
	n2[0] = 50, vis2[0] = 1;
	airs__drivers_hide(1, parent2, n2, 5, vis2, up, pick, cls);
	ck_assert(vis2[0] == 1 && vis2[1] == 1);
	/* A not analysable: its 3 people fall to the organisation's class
	 * (100 - 57 - 40), so the smallest of org, A1, B goes: B */
	memset(vis, 1, sizeof vis);
	vis[0] = 0;
	airs__drivers_hide(3, parent, n, 5, vis, up, pick, cls);
	ck_assert(vis[0] == 0 && vis[1] == 1 && vis[2] == 0 && vis[3] == 1);
}
END_TEST

static airs_model *sample_model(void)
{
	airs_model *m = NULL;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(airs_load_dir(m, SOURCE_ROOT "/examples/data/sample",
	                               NULL, NULL), AIRS_OK);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	return m;
}

/* Methodology 10.6's worked example: the sample, outcome adoption. */
START_TEST(sample_worked_example)
{
	static const double raw[8] = { 0.0328, 0.3034, 0.1043, 0.0407,
	                               0.0243, 0.0140, 0.0399, 0.0170 };
	static const int sign[8] = { 1, 1, 1, 1, -1, -1, 1, 1 };
	airs_model *m = sample_model();
	airs_result *r = NULL;
	airs_drivers *d = NULL;
	airs_drivers_group g = AIRS_DRIVERS_GROUP_INIT;
	double sum = 0, lsum = 0;
	size_t u;

	ck_assert_int_eq(airs_score(m, NULL, &r, NULL), AIRS_OK);
	ck_assert_int_eq(airs_drivers_new(r, NULL, &d, NULL), AIRS_OK);
	ck_assert_int_eq(airs_drivers_outcome(d), AIRS_OUTCOME_ADOPTION);
	ck_assert_uint_eq(airs_drivers_count(d), 8);
	ck_assert_int_eq(airs_drivers_unit(d, AIRS_ROLLUP_ORG, &g), AIRS_OK);
	ck_assert_int_eq(g.status, AIRS_DRIVERS_ANALYSED);
	ck_assert_uint_eq(g.n, 169);
	ck_assert_uint_eq(g.min_n, 45);
	ck_assert_double_eq_tol(g.r2, 0.5763, 5e-5);
	ck_assert_double_eq_tol(g.r2_ci.low, 0.5040, 5e-5);
	ck_assert_double_eq_tol(g.r2_ci.high, 0.6687, 5e-5);
	for (size_t j = 0; j < 8; j++) {
		airs_driver_weight w = AIRS_DRIVER_WEIGHT_INIT;
		ck_assert_int_eq(airs_drivers_weight(d, AIRS_ROLLUP_ORG, j, &w),
		                 AIRS_OK);
		ck_assert_int_eq(w.driver, (int)j);
		ck_assert_double_eq_tol(w.raw, raw[j], 5e-5);
		ck_assert_int_eq(w.sign, sign[j]);
		ck_assert(w.raw_ci.low <= w.raw && w.raw <= w.raw_ci.high);
		sum += w.raw, lsum += w.lmg;
		/* usefulness, the generator's planted driver of adoption */
		if (j == AIRS_DRIVER_USEFULNESS)
			ck_assert_int_eq(w.rank, 1);
	}
	ck_assert_double_eq_tol(sum, g.r2, 1e-12);
	ck_assert_double_eq_tol(lsum, g.r2, 1e-12);
	/* U-CUSTOPS-3: its constructs shown, 13 people, too few; U-FIN:
	 * a construct it reads is hidden */
	ck_assert_int_eq(airs_rollup_find_unit(airs_result_rollup(r),
	                                       "U-CUSTOPS-3", &u), AIRS_OK);
	ck_assert_int_eq(airs_drivers_unit(d, u, &g), AIRS_OK);
	ck_assert_int_eq(g.status, AIRS_DRIVERS_TOO_FEW);
	ck_assert_uint_eq(g.n, AIRS_SUPPRESSED);
	ck_assert(isnan(g.r2));
	ck_assert_int_eq(airs_rollup_find_unit(airs_result_rollup(r), "U-FIN",
	                                       &u), AIRS_OK);
	ck_assert_int_eq(airs_drivers_unit(d, u, &g), AIRS_OK);
	ck_assert_int_eq(g.status, AIRS_DRIVERS_HIDDEN);
	airs_drivers_free(d);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

/* Methodology 10.7's worked example: U-SALES-3's focus areas, weighed
 * by U-CO's analysis (its nearest analysed group; the same 169 people as
 * the organisation).  The Newcombe intervals are statsmodels'
 * confint_proportions_2indep(method="newcomb"). */
START_TEST(focus_areas_worked_example)
{
	static const struct {
		int kind, rank, driver, clear, intervention;
		double fav, rest, lo, hi;
		uint64_t n, rest_n;
	} want[5] = {
		{ AIRS_FOCUS_OPPORTUNITY, 1, AIRS_DRIVER_SUPPORT, 1,
		  AIRS_INTERVENTION_CHECK_IN, 0, 49.0 / 110,
		  -0.5203336459253921, -0.19235966141988925, 12, 171 },
		{ AIRS_FOCUS_OPPORTUNITY, 2, AIRS_DRIVER_SECURITY, 0,
		  AIRS_INTERVENTION_SECURITY_TALK, 1.0 / 3, 121.0 / 322,
		  -0.2514143375165675, 0.24212165179737222, 12, 171 },
		{ AIRS_FOCUS_STRENGTH, 1, AIRS_DRIVER_USEFULNESS, 1,
		  AIRS_INTERVENTION_DEMONSTRATION, 17.0 / 22, 65.0 / 167,
		  0.09090036751818553, 0.5495815752286228, 12, 170 },
		{ AIRS_FOCUS_STRENGTH, 2, AIRS_DRIVER_TRUST, 1,
		  AIRS_INTERVENTION_DEMONSTRATION, 5.0 / 6, 17.0 / 55,
		  0.23326305345986276, 0.6606910565719402, 12, 165 },
		{ AIRS_FOCUS_STRENGTH, 3, AIRS_DRIVER_CLARITY, 0,
		  AIRS_INTERVENTION_BRIEFING, 2.0 / 3, 69.0 / 169,
		  -0.02775918669910077, 0.4661975794428391, 12, 169 },
	};
	airs_model *m = sample_model();
	airs_result *r = NULL;
	airs_drivers *d = NULL;
	size_t u, co, n = 0;
	int status = -1;

	ck_assert_int_eq(airs_score(m, NULL, &r, NULL), AIRS_OK);
	ck_assert_int_eq(airs_drivers_new(r, NULL, &d, NULL), AIRS_OK);
	ck_assert_int_eq(airs_rollup_find_unit(airs_result_rollup(r),
	                                       "U-SALES-3", &u), AIRS_OK);
	ck_assert_int_eq(airs_rollup_find_unit(airs_result_rollup(r), "U-CO",
	                                       &co), AIRS_OK);
	ck_assert_int_eq(airs_drivers_focus_count(d, u, &n, &status), AIRS_OK);
	ck_assert_int_eq(status, AIRS_FOCUS_LISTED);
	ck_assert_uint_eq(n, 5);
	for (size_t i = 0; i < n; i++) {
		airs_focus_area f = AIRS_FOCUS_AREA_INIT;
		airs_driver_weight w = AIRS_DRIVER_WEIGHT_INIT;
		ck_assert_int_eq(airs_drivers_focus(d, u, i, &f), AIRS_OK);
		ck_assert_int_eq(f.kind, want[i].kind);
		ck_assert_int_eq(f.rank, want[i].rank);
		ck_assert_int_eq(f.driver, want[i].driver);
		ck_assert_str_eq(f.importance_unit_id, "U-CO");
		ck_assert_int_eq(airs_drivers_weight(d, co, (size_t)f.driver, &w),
		                 AIRS_OK);
		ck_assert(f.importance == w.rescaled);
		ck_assert_double_eq_tol(f.favourable, want[i].fav, 1e-15);
		ck_assert_double_eq_tol(f.rest_favourable, want[i].rest, 1e-15);
		ck_assert(f.difference == f.favourable - f.rest_favourable);
		ck_assert_double_eq_tol(f.difference_ci.low, want[i].lo, 1e-12);
		ck_assert_double_eq_tol(f.difference_ci.high, want[i].hi, 1e-12);
		ck_assert(f.priority == f.importance * f.difference);
		ck_assert_int_eq(f.clear, want[i].clear);
		ck_assert_int_eq(f.intervention, want[i].intervention);
		ck_assert_uint_eq(f.respondents, want[i].n);
		ck_assert_uint_eq(f.rest_respondents, want[i].rest_n);
	}
	/* U-CO is the whole organisation: nothing to compare with; U-FIN's
	 * totals are hidden; the organisation has no rest */
	ck_assert_int_eq(airs_drivers_focus_count(d, co, &n, &status), AIRS_OK);
	ck_assert(n == 0 && status == AIRS_FOCUS_NO_REST);
	ck_assert_int_eq(airs_rollup_find_unit(airs_result_rollup(r), "U-FIN",
	                                       &u), AIRS_OK);
	ck_assert_int_eq(airs_drivers_focus_count(d, u, &n, &status), AIRS_OK);
	ck_assert(n == 0 && status == AIRS_FOCUS_HIDDEN);
	ck_assert_int_eq(airs_drivers_focus_count(d, AIRS_ROLLUP_ORG, &n,
	                                          &status), AIRS_OK);
	ck_assert(n == 0 && status == AIRS_FOCUS_NO_REST);
	/* errors */
	ck_assert_int_eq(airs_drivers_focus(d, co, 0, &(airs_focus_area)
	                                    AIRS_FOCUS_AREA_INIT), AIRS_ERANGE);
	ck_assert_int_eq(airs_drivers_focus_count(d, 99, &n, NULL), AIRS_ERANGE);
	ck_assert_int_eq(airs_drivers_focus_count(NULL, 0, &n, NULL), AIRS_EINVAL);
	ck_assert_int_eq(airs_drivers_focus(d, co, 0, NULL), AIRS_EINVAL);
	airs_drivers_free(d);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

/* The focus areas of unit u are the same bits in both analyses. */
static void check_focus_same(const airs_drivers *a, const airs_drivers *b,
                             size_t u)
{
	size_t na, nb;
	int sa, sb;

	ck_assert_int_eq(airs_drivers_focus_count(a, u, &na, &sa), AIRS_OK);
	ck_assert_int_eq(airs_drivers_focus_count(b, u, &nb, &sb), AIRS_OK);
	ck_assert(na == nb && sa == sb);
	for (size_t i = 0; i < na; i++) {
		airs_focus_area fa = AIRS_FOCUS_AREA_INIT, fb = fa;
		airs_drivers_focus(a, u, i, &fa);
		airs_drivers_focus(b, u, i, &fb);
		ck_assert_str_eq(fa.importance_unit_id ? fa.importance_unit_id : "",
		                 fb.importance_unit_id ? fb.importance_unit_id : "");
		fa.importance_unit_id = fb.importance_unit_id = NULL;
		ck_assert_mem_eq(&fa, &fb, sizeof fa);
	}
}

/* No group whose construct totals the rollup hides gets an analysis,
 * on any outcome; and the analysis is the same bits on 1 and 3 threads. */
static void check_outcome(const airs_result *r, int outcome)
{
	const airs_rollup *ru = airs_result_rollup(r);
	airs_drivers_options o = AIRS_DRIVERS_OPTIONS_INIT;
	airs_drivers *d1 = NULL, *d3 = NULL;

	o.outcome = outcome, o.reps = 200, o.threads = 1;
	ck_assert_int_eq(airs_drivers_new(r, &o, &d1, NULL), AIRS_OK);
	o.threads = 3;
	ck_assert_int_eq(airs_drivers_new(r, &o, &d3, NULL), AIRS_OK);
	for (size_t u = 0; u < airs_rollup_unit_count(ru); u++) {
		airs_drivers_group g1 = AIRS_DRIVERS_GROUP_INIT, g3 = g1;
		int hidden = 0;
		airs_drivers_unit(d1, u, &g1), airs_drivers_unit(d3, u, &g3);
		ck_assert_str_eq(g1.unit_id, g3.unit_id);
		g1.unit_id = g3.unit_id = NULL; /* each analysis owns its copy */
		ck_assert_mem_eq(&g1, &g3, sizeof g1);
		for (int c = 0; c < AIRS_CONSTRUCT_COUNT_; c++) {
			airs_construct_score cs = AIRS_CONSTRUCT_SCORE_INIT;
			int reads = c < 6 || (outcome == AIRS_OUTCOME_TIME_SAVED &&
			                      c == AIRS_CONSTRUCT_TIME_SAVED) ||
			            (outcome == AIRS_OUTCOME_RECOMMEND &&
			             c == AIRS_CONSTRUCT_RECOMMEND);
			airs_rollup_construct(ru, u, c, &cs);
			hidden |= reads && cs.respondents == AIRS_SUPPRESSED;
		}
		if (hidden)
			ck_assert_int_eq(g1.status, AIRS_DRIVERS_HIDDEN);
		for (size_t j = 0; j < airs_drivers_count(d1); j++) {
			airs_driver_weight w1 = AIRS_DRIVER_WEIGHT_INIT, w3 = w1;
			airs_drivers_weight(d1, u, j, &w1);
			airs_drivers_weight(d3, u, j, &w3);
			ck_assert_mem_eq(&w1, &w3, sizeof w1);
		}
		check_focus_same(d1, d3, u);
	}
	airs_drivers_free(d1);
	airs_drivers_free(d3);
}

START_TEST(anonymity_and_threads)
{
	airs_model *m = sample_model();
	airs_result *r = NULL;

	ck_assert_int_eq(airs_score(m, NULL, &r, NULL), AIRS_OK);
	for (int outcome = 0; outcome < AIRS_OUTCOME_COUNT_; outcome++)
		check_outcome(r, outcome);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

START_TEST(options_are_checked)
{
	airs_model *m = sample_model();
	airs_result *r = NULL;
	airs_drivers *d = NULL;
	airs_drivers_options o = AIRS_DRIVERS_OPTIONS_INIT;
	airs_diag diag = AIRS_DIAG_INIT;

	ck_assert_int_eq(airs_score(m, NULL, &r, NULL), AIRS_OK);
	o.outcome = AIRS_OUTCOME_COUNT_;
	ck_assert_int_eq(airs_drivers_new(r, &o, &d, &diag), AIRS_EINVAL);
	ck_assert_ptr_null(d);
	ck_assert_str_eq(diag.text,
	                 "outcome 4 is not one of 0 (adoption) .. 3 (usefulness)");
	o.outcome = 0, o.reps = 100001;
	ck_assert_int_eq(airs_drivers_new(r, &o, &d, &diag), AIRS_EINVAL);
	o.reps = 0, o.size = 8;
	ck_assert_int_eq(airs_drivers_new(r, &o, &d, &diag), AIRS_EINVAL);
	ck_assert_int_eq(airs_drivers_new(NULL, NULL, &d, NULL), AIRS_EINVAL);
	/* usefulness explained: usefulness is not its own driver */
	o = (airs_drivers_options)AIRS_DRIVERS_OPTIONS_INIT;
	o.outcome = AIRS_OUTCOME_USEFULNESS, o.reps = 10;
	ck_assert_int_eq(airs_drivers_new(r, &o, &d, NULL), AIRS_OK);
	ck_assert_uint_eq(airs_drivers_count(d), 7);
	for (size_t j = 0; j < 7; j++) {
		airs_driver_weight w = AIRS_DRIVER_WEIGHT_INIT;
		airs_drivers_weight(d, AIRS_ROLLUP_ORG, j, &w);
		ck_assert_int_ne(w.driver, AIRS_DRIVER_USEFULNESS);
	}
	ck_assert_int_eq(airs_drivers_weight(d, AIRS_ROLLUP_ORG, 7,
	                 &(airs_driver_weight)AIRS_DRIVER_WEIGHT_INIT),
	                 AIRS_ERANGE);
	airs_drivers_free(d);
	airs_drivers_free(NULL);
	airs_result_free(r);
	airs_model_free(m);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("drivers");
	TCase *tc = tcase_create("drivers");

	tcase_add_test(tc, rwa_mtcars_example);
	tcase_add_test(tc, permutation_and_affine_invariance);
	tcase_add_test(tc, dependent_and_constant_drivers);
	tcase_add_test(tc, jacobi_and_cholesky);
	tcase_add_test(tc, generator);
	tcase_add_test(tc, bootstrap_is_thread_independent);
	tcase_add_test(tc, complementary_rule);
	tcase_add_test(tc, sample_worked_example);
	tcase_add_test(tc, focus_areas_worked_example);
	tcase_add_test(tc, anonymity_and_threads);
	tcase_add_test(tc, options_are_checked);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}


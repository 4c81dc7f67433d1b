/*
 * stats.c - the interval estimates of methodology 4.3.
 */
#include "stats.h"

#include <math.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void airs__wilson(double x, double n, double z, double *lo, double *hi)
{
	double nn = n, p, z2 = z * z, den, mid, half;

	if (!(n > 0) || !(x >= 0 && x <= n)) {
		*lo = *hi = NAN;
		return;
	}
	p = x / nn;
	den = 1 + z2 / nn;
	mid = (p + z2 / (2 * nn)) / den;
	half = z * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / den;
	/* exactly 0 and 1 at the edges, where rounding leaves a trace */
	*lo = x == 0 || mid - half < 0 ? 0 : mid - half;
	*hi = x == n || mid + half > 1 ? 1 : mid + half;
}

void airs__newcombe(double x1, double n1, double x2, double n2, double z,
                    double *lo, double *hi)
{
	double l1, u1, l2, u2, p1, p2;

	airs__wilson(x1, n1, z, &l1, &u1);
	airs__wilson(x2, n2, z, &l2, &u2);
	if (isnan(l1) || isnan(l2)) {
		*lo = *hi = NAN;
		return;
	}
	p1 = x1 / n1;
	p2 = x2 / n2;
	*lo = p1 - p2 - sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
	*hi = p1 - p2 + sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
}

/* The continued fraction of the incomplete beta (modified Lentz), good
 * for x < (a + 1) / (a + b + 2). */
static double betacf(double a, double b, double x)
{
	const double tiny = 1e-300, eps = 1e-16;
	double c = 1, d = 1 - (a + b) * x / (a + 1), h;
	int m;

	if (fabs(d) < tiny)
		d = tiny;
	d = 1 / d;
	h = d;
	for (m = 1; m <= 1000; m++) {
		double m2 = 2.0 * m, aa, del;
		aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
		d = 1 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1 / d;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
		d = 1 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < eps)
			break;
	}
	return h;
}

/* ln Gamma(x) for x > 0.  The C library's lgamma() sets the global
 * signgam, a data race when threads read rollups at once; this is the
 * Stirling series after shifting x past 10 (error below 1e-15). */
static double lgam(double x)
{
	double shift = 0, x2;

	while (x < 10) {
		shift += log(x);
		x += 1;
	}
	x2 = x * x;
	return (x - 0.5) * log(x) - x + 0.91893853320467274178 /* ln sqrt(2 pi) */ +
	       (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - 1.0 / (1188 * x2)) / x2) / x2) / x2) / x -
	       shift;
}

#define LN_SQRT_PI 0.57236494292470008707 /* ln Gamma(1/2) */

/* ln Gamma(a + b) - ln Gamma(a) - ln Gamma(b).  For the t distribution
 * one of a, b is 1/2 and the other grows with the degrees of freedom;
 * there the difference of two large ln Gamma values loses digits, so
 * ln Gamma(c + 1/2) - ln Gamma(c) comes from its asymptotic series
 * (error below 1e-14 past c = 200, checked against mpmath). */
static double lbeta_neg(double a, double b)
{
	double c = a == 0.5 ? b : a, c2;

	if ((a == 0.5 || b == 0.5) && c > 200) {
		c2 = c * c;
		return 0.5 * log(c) - 1 / (8 * c) + 1 / (192 * c * c2) +
		       1 / (640 * c * c2 * c2) -
		       17 / (14336 * c * c2 * c2 * c2) - LN_SQRT_PI;
	}
	return lgam(a + b) - lgam(a) - lgam(b);
}

double airs__betai(double a, double b, double x)
{
	double lb;

	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	lb = lbeta_neg(a, b) + a * log(x) + b * log1p(-x);
	if (x < (a + 1) / (a + b + 2))
		return exp(lb) * betacf(a, b, x) / a;
	return 1 - exp(lb) * betacf(b, a, 1 - x) / b;
}

/* P(T > t) for t >= 0, Student's t with df degrees of freedom. */
static double t_tail(double t, double df)
{
	return 0.5 * airs__betai(df / 2, 0.5, df / (df + t * t));
}

/* The density of Student's t at t. */
static double t_pdf(double t, double df)
{
	return exp(lbeta_neg(df / 2, 0.5) + LN_SQRT_PI -
	           0.5 * log(df * 3.14159265358979323846) -
	           (df + 1) / 2 * log1p(t * t / df));
}

/* The z > 0 with P(Z > z) = q < 1/2 for the standard normal: Newton's
 * method from 0 on the convex, decreasing tail converges from below. */
static double z_upper(double q)
{
	double z = 0, step;
	int i;

	for (i = 0; i < 100; i++) {
		step = (0.5 * erfc(z / 1.41421356237309504880) - q) /
		       (0.39894228040143267794 * exp(-z * z / 2));
		z += step;
		if (step <= 1e-16 * z)
			break;
	}
	return z;
}

/* The t > 0 with P(T > t) = q < 1/2.  The tail is convex and decreasing
 * on t > 0, so Newton's method converges monotonically from any start
 * below the root: the Cornish-Fisher expansion (Abramowitz and Stegun
 * 26.7.5) when it falls below, else the normal quantile, which always
 * does (t's tails are heavier). */
static double t_upper(double q, double df)
{
	double z = z_upper(q), z2 = z * z, t, g, step;
	int i;

	t = z + z * (z2 + 1) / (4 * df) +
	    z * ((5 * z2 + 16) * z2 + 3) / (96 * df * df) +
	    z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / (384 * df * df * df);
	g = t_tail(t, df) - q;
	if (g < 0) {
		t = z;
		g = t_tail(t, df) - q;
	}
	for (i = 0; i < 200 && g > 0; i++) {
		step = g / t_pdf(t, df);
		t += step;
		if (step <= 1e-15 * t)
			break;
		g = t_tail(t, df) - q;
	}
	return t;
}

double airs__t_quantile(double p, double df)
{
	if (!(p > 0 && p < 1) || !(df > 0))
		return NAN;
	if (p == 0.5)
		return 0;
	if (df == 1) /* Cauchy */
		return tan(3.14159265358979323846 * (p - 0.5));
	return p > 0.5 ? t_upper(1 - p, df) : -t_upper(p, df);
}

/* t(0.975, df) for the intervals.  Whole degrees of freedom below
 * T975_KEPT are computed once per process and kept: each value is pure,
 * so two threads that compute it at once store the same bits. */
#define T975_KEPT 1024
static _Atomic double t975_kept[T975_KEPT];

/* Other degrees of freedom (Welch's, which are not whole; samples of
 * T975_KEPT or more): the values each thread computed last, found by
 * the exact bits of df, so a hit returns the bits a computation would.
 * A unit's figures ask for the same df again and again (every construct
 * of its respondents, a figure published again for each table that
 * shows it), and one value costs some 15,000 instructions. */
#define T975_MEMO 64
static _Thread_local struct t975_memo {
	uint64_t bits; /* 0: empty (df = +0 is never kept) */
	double v;
} t975_memo[T975_MEMO];

static double t975_other(double df)
{
	struct t975_memo *m;
	uint64_t bits;
	double v;

	if (!(df > 0 && df < INFINITY))
		return airs__t_quantile(0.975, df);
	memcpy(&bits, &df, sizeof bits);
	m = &t975_memo[(bits * UINT64_C(0x9e3779b97f4a7c15)) >> 58];
	if (m->bits == bits)
		return m->v;
	v = airs__t_quantile(0.975, df);
	m->bits = bits;
	m->v = v;
	return v;
}

static double t975(double df)
{
	double v;
	size_t i;

	if (!(df >= 1 && df < T975_KEPT && df == floor(df)))
		return t975_other(df);
	i = (size_t)df;
	v = atomic_load_explicit(&t975_kept[i], memory_order_relaxed);
	if (v == 0) {
		v = airs__t_quantile(0.975, df);
		atomic_store_explicit(&t975_kept[i], v, memory_order_relaxed);
	}
	return v;
}

/* The squared standard error of a mean of n values out of N with sample
 * variance var, finite-population corrected; 0 for a census, NaN when
 * it cannot be known (no values, or one value out of more). */
static double se2(double var, uint64_t n, uint64_t N)
{
	if (n >= N && n)
		return 0;
	if (n < 2 || !(var >= 0))
		return NAN;
	return var / (double)n * ((double)(N - n) / (double)(N - 1));
}

void airs__mean_interval(double mean, double var, uint64_t n, uint64_t N,
                         double *lo, double *hi)
{
	double s2 = se2(var, n, N), h;

	if (isnan(mean) || isnan(s2)) {
		*lo = *hi = NAN;
		return;
	}
	h = s2 > 0 ? t975((double)(n - 1)) * sqrt(s2) : 0;
	*lo = mean - h;
	*hi = mean + h;
}

void airs__welch_interval(const airs__sample *a, const airs__sample *b,
                          double *lo, double *hi)
{
	double s1 = se2(a->var, a->n, a->N), s2 = se2(b->var, b->n, b->N);
	double d = a->mean - b->mean, s = s1 + s2, df, h = 0;

	if (isnan(d) || isnan(s)) {
		*lo = *hi = NAN;
		return;
	}
	if (s > 0) {
		/* Welch-Satterthwaite; a census contributes no term */
		df = s * s / ((s1 > 0 ? s1 * s1 / (double)(a->n - 1) : 0) +
		              (s2 > 0 ? s2 * s2 / (double)(b->n - 1) : 0));
		h = t975(df) * sqrt(s);
	}
	*lo = d - h;
	*hi = d + h;
}

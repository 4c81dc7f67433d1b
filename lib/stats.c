/*
 * stats.c - the interval estimates of methodology 4.3.
 */
#include "stats.h"

#include <math.h>

void airs__wilson(uint64_t x, uint64_t n, double z, double *lo, double *hi)
{
	double nn = (double)n, p, z2 = z * z, den, mid, half;

	if (!n) {
		*lo = *hi = NAN;
		return;
	}
	p = (double)x / nn;
	den = 1 + z2 / nn;
	mid = (p + z2 / (2 * nn)) / den;
	half = z * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / den;
	*lo = mid - half < 0 ? 0 : mid - half;
	*hi = mid + half > 1 ? 1 : mid + half;
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

/* ln Gamma(a + b) - ln Gamma(a) - ln Gamma(b).  For the t distribution
 * one of a, b is 1/2 and the other grows with the degrees of freedom;
 * there the difference of two large lgamma values loses digits, so
 * ln Gamma(c + 1/2) - ln Gamma(c) comes from its asymptotic series
 * (error below 1e-14 past c = 200, checked against mpmath). */
static double lbeta_neg(double a, double b)
{
	double c = a == 0.5 ? b : a, c2;

	if ((a == 0.5 || b == 0.5) && c > 200) {
		c2 = c * c;
		return 0.5 * log(c) - 1 / (8 * c) + 1 / (192 * c * c2) +
		       1 / (640 * c * c2 * c2) -
		       17 / (14336 * c * c2 * c2 * c2) - lgamma(0.5);
	}
	return lgamma(a + b) - lgamma(a) - lgamma(b);
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

/* P(T <= t) for Student's t with df degrees of freedom. */
static double t_cdf(double t, double df)
{
	double tail = 0.5 * airs__betai(df / 2, 0.5, df / (df + t * t));

	return t > 0 ? 1 - tail : tail;
}

double airs__t_quantile(double p, double df)
{
	double lo = -1, hi = 1;
	int i;

	if (!(p > 0 && p < 1) || !(df > 0))
		return NAN;
	if (p == 0.5)
		return 0;
	while (t_cdf(lo, df) > p)
		lo *= 2;
	while (t_cdf(hi, df) < p)
		hi *= 2;
	/* bisection to the last bits: t_cdf is monotone */
	for (i = 0; i < 200 && hi - lo > 1e-15 * (fabs(lo) + fabs(hi)); i++) {
		double mid = 0.5 * (lo + hi);
		if (t_cdf(mid, df) < p)
			lo = mid;
		else
			hi = mid;
	}
	return 0.5 * (lo + hi);
}

void airs__mean_interval(double mean, double var, uint64_t n, uint64_t N,
                         double *lo, double *hi)
{
	double se, fpc;

	if (n < 2 || isnan(mean) || !(var >= 0)) {
		*lo = *hi = NAN;
		return;
	}
	fpc = N > n ? sqrt((double)(N - n) / (double)(N - 1)) : 0;
	se = sqrt(var / (double)n) * fpc;
	se *= airs__t_quantile(0.975, (double)(n - 1));
	*lo = mean - se;
	*hi = mean + se;
}

/*
 * stats.h - the interval estimates of methodology 4.3: Wilson score
 * intervals for shares and Newcombe's for their differences, Student t
 * intervals with the finite-population
 * correction for means; libm only, checked against SciPy/statsmodels
 * (tests/check-stats.py).
 *
 * Thread safety: pure functions.
 */
#ifndef AIRS_STATS_H
#define AIRS_STATS_H

#include <stdint.h>

/* The two-sided 95% quantile of the standard normal, as statsmodels'
 * proportion_confint uses (norm.ppf(0.975)). */
#define AIRS__Z95 1.959963984540054

/* Wilson score interval of x successes in n trials at normal quantile z
 * (no continuity correction, as statsmodels' method="wilson").  x and n
 * need not be whole: a share of items read with the respondents as n is
 * p * n successes.  NaN both when n is 0 or x is not in 0..n. */
void airs__wilson(double x, double n, double z, double *lo, double *hi);

/* Newcombe's hybrid score interval (1998, method 10) of the difference
 * of two independent shares x1/n1 - x2/n2, from their Wilson intervals
 * at z (statsmodels' confint_proportions_2indep(method="newcomb")).  NaN
 * both when either Wilson interval is. */
void airs__newcombe(double x1, double n1, double x2, double n2, double z,
                    double *lo, double *hi);

/* The p-quantile (0 < p < 1) of Student's t with df > 0 degrees of
 * freedom, to about 1e-12 relative. */
double airs__t_quantile(double p, double df);

/* Regularised incomplete beta I_x(a, b), for the t distribution. */
double airs__betai(double a, double b, double x);

/* A mean of n values out of a population of N (N >= n), with sample
 * variance var (n - 1 in the denominator). */
typedef struct airs__sample {
	double mean, var;
	uint64_t n, N;
} airs__sample;

/* 95% interval of a mean: mean -/+ t(0.975, n - 1) * sqrt(var / n) *
 * sqrt((N - n) / (N - 1)).  A census (n == N >= 1) has width 0; one
 * value out of more, no values, or a NaN mean give NaN both. */
void airs__mean_interval(double mean, double var, uint64_t n, uint64_t N,
                         double *lo, double *hi);

/* 95% interval of a->mean - b->mean (Welch): each mean's standard error
 * finite-population corrected as above, degrees of freedom by
 * Welch-Satterthwaite over the groups that are not a census.  NaN both
 * when either mean's error cannot be known. */
void airs__welch_interval(const airs__sample *a, const airs__sample *b,
                          double *lo, double *hi);

#endif

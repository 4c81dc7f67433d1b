/*
 * stats.h - the interval estimates of methodology 4.3: Wilson score
 * intervals for shares, Student t intervals with the finite-population
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
 * (no continuity correction, as statsmodels' method="wilson"); NaN both
 * when n is 0. */
void airs__wilson(uint64_t x, uint64_t n, double z, double *lo, double *hi);

/* The p-quantile (0 < p < 1) of Student's t with df > 0 degrees of
 * freedom, to about 1e-12 relative. */
double airs__t_quantile(double p, double df);

/* Regularised incomplete beta I_x(a, b), for the t distribution. */
double airs__betai(double a, double b, double x);

/* 95% interval of a mean of n values out of a population of N (N >= n)
 * with sample variance var (n - 1 in the denominator): mean -/+
 * t(0.975, n - 1) * sqrt(var / n) * sqrt((N - n) / (N - 1)).  A census
 * (n == N) has width 0; fewer than 2 values give NaN both. */
void airs__mean_interval(double mean, double var, uint64_t n, uint64_t N,
                         double *lo, double *hi);

#endif

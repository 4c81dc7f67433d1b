/*
 * drivers.h - relative importance of drivers of an outcome (methodology
 * 9): Johnson's relative weights, the exact Shapley (LMG) decomposition
 * of R^2 over all subsets of drivers, the standardised coefficients of
 * the full model, and percentile bootstrap intervals of them.
 *
 * Everything is computed from the correlation matrix of the drivers and
 * the outcome, as Johnson (2000) and Gromping's relaimpo do; a sample is
 * rows of k driver values (x, row-major) and an outcome (y); the
 * functions read n of them, rows idx[0 .. n) ascending, row idx[r]
 * counted wt[r] times (idx and wt NULL: rows 0 .. n - 1, once each),
 * which is how a bootstrap resample is given.  A driver that does not vary counts as uncorrelated with
 * everything (it explains nothing); an outcome that does not vary gives
 * R^2 = 0 and every weight 0.
 *
 * Thread safety: pure functions; the bootstrap runs on the fan-out of
 * parallel.h and gives the same bits for any thread count.
 */
#ifndef AIRS_DRIVERS_NUMERICS_H
#define AIRS_DRIVERS_NUMERICS_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"

/* The most drivers: the Shapley decomposition visits all 2^k subsets. */
#define AIRS__DRIVERS_MAX 12

typedef struct airs__drivers_fit {
	double r2;                        /* R^2 of the full model */
	double raw[AIRS__DRIVERS_MAX];    /* Johnson's raw relative weights */
	double lmg[AIRS__DRIVERS_MAX];    /* Shapley / LMG shares of R^2 */
	double beta[AIRS__DRIVERS_MAX];   /* standardised coefficients */
} airs__drivers_fit;

/* The correlations of the k drivers (rxx, k x k) and of each driver with
 * the outcome (rxy), of the sample described above. */
void airs__drivers_corr(size_t n, size_t k, const double *x, const double *y,
                        const uint32_t *idx, const uint32_t *wt, double *rxx,
                        double *rxy);

/* Fit from correlations (k <= AIRS__DRIVERS_MAX). */
void airs__drivers_from_corr(size_t k, const double *rxx, const double *rxy,
                             airs__drivers_fit *fit);

/* Correlations and fit of a sample in one call. */
void airs__drivers_fit_sample(size_t n, size_t k, const double *x,
                              const double *y, const uint32_t *idx,
                              const uint32_t *wt, airs__drivers_fit *fit);

/* The statistics the bootstrap gives intervals for, in this order:
 * R^2, raw[0..k-1], lmg[0..k-1]. */
#define AIRS__DRIVERS_STATS(k) (1 + 2 * (k))

/* Percentile bootstrap 95% intervals: `reps` resamples of n rows drawn
 * with replacement, resample r from stream r of `seed` (rng.h) drawing
 * the n row numbers in turn; each statistic's interval is the 2.5% and
 * 97.5% quantiles of its reps values, interpolated linearly between
 * order statistics (numpy.percentile's default).  ci receives
 * AIRS__DRIVERS_STATS(k) pairs lo, hi.  reps 0 gives NaN.  Resamples
 * are cut into runs, one per thread (`threads` as parallel.h), each
 * independent of the others.  AIRS_ENOMEM or AIRS_OK. */
int airs__drivers_boot(const airs__mem *mem, size_t n, size_t k,
                       const double *x, const double *y, size_t reps,
                       uint64_t seed, size_t threads, double *ci);

#endif

/*
 * quantum.h - the 1e-9 quantum of the methodology (section 4.2).
 *
 * Aggregates sum real values as integers of 1e-9, so that sums are exact
 * and the same in any order, on any number of threads or shards.  The
 * thresholds of sections 3.7 to 3.9 are decided on values rounded to the
 * same quantum, so an exact tie such as 100 * 0.45 / 0.75 = 60 is never
 * lost to the last bit of floating-point rounding, and every
 * implementation of the methodology draws the same line.
 *
 * Thread safety: pure functions.
 */
#ifndef AIRS_QUANTUM_H
#define AIRS_QUANTUM_H

#include <stdint.h>

/* Real values are summed as integers of 1e-9 (methodology 4.2). */
#define AIRS__Q 1000000000.0

/* Quantise a value to an integer number of 1e-9 (round half away from 0);
 * NaN is 0, values beyond int64_t saturate. */
int64_t airs__quantise(double v);

/* An exact sum of quantised values divided by a count, as a real; NaN
 * when n is 0. */
double airs__qmean(int64_t sum, uint64_t n);

struct airs__pv;

/* The maturity level 1..5 of a readiness (0 when NaN), thresholds
 * levels.t2 .. t5 compared at the quantum (methodology 3.7). */
int airs__level_of(const struct airs__pv *pv, double readiness);
/* The same in two steps, for a loop over many people: the thresholds
 * quantised once, then each readiness against them. */
void airs__level_thresholds(const struct airs__pv *pv, int64_t t[4]);
int airs__level_of_q(const int64_t t[4], double readiness);
/* The level of a readiness quantised already (not NaN). */
int airs__level_of_rq(const int64_t t[4], int64_t readiness_q);

#endif

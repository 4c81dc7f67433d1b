/*
 * sumsq.h - exact sums of squares, for the variances behind the
 * intervals of methodology 4.3.
 *
 * The rollups sum values as integers of the 1e-9 quantum (quantum.h), and
 * every value they sum is below 2^48 quanta in magnitude: readiness is at
 * most 100, a construct score at most 1, time saved within the item
 * scales' +-1000 (the model's range).  A square is then below 2^96 and is
 * kept as three 32-bit limbs, each in a 64-bit member.  Fewer than 2^32
 * values cannot overflow a limb's sum, so a sum of squares adds member by
 * member like every other accumulator and is exact in any order, on any
 * number of threads or shards.  The variance is made from the exact
 * integers n * S - T^2; only its last division rounds.
 *
 * Thread safety: pure functions.
 */
#ifndef AIRS_SUMSQ_H
#define AIRS_SUMSQ_H

#include <stdint.h>

#define AIRS__SQ_LIMBS 3

/* The largest magnitude a summed value may have, in quanta. */
#define AIRS__SQ_MAX ((int64_t)1 << 48)

/* The most values one sum of squares may hold. */
#define AIRS__SQ_MAX_COUNT ((uint64_t)0xffffffffu)

/* Add q^2 (|q| < AIRS__SQ_MAX) to the limbs of sq. */
void airs__sq_add(uint64_t sq[AIRS__SQ_LIMBS], int64_t q);

/* Whether n values could have sum `sum` and sum of squares sq: each limb
 * within what n squares give, and n * S >= sum^2 (Cauchy-Schwarz).  The
 * partial reader refuses accumulators that are not. */
int airs__sq_consistent(const uint64_t sq[AIRS__SQ_LIMBS], int64_t sum,
                        uint64_t n);

/* The sample variance (n - 1 in the denominator) of n values with sum
 * `sum` and sum of squares sq, in squared units of the summed integers:
 * (n * S - sum^2) / (n * (n - 1)).  NaN when n < 2 or the sums are not
 * consistent. */
double airs__sq_variance(const uint64_t sq[AIRS__SQ_LIMBS], int64_t sum,
                         uint64_t n);

#endif

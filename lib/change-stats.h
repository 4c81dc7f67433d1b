/*
 * change-stats.h - the tests of a change between two results
 * (issue 17, item 3; methodology 4.5): a difference, its 95% interval
 * and a two-sided p-value, for the two designs a comparison meets.
 *
 * Paired: the same people in both results (a panel) - the paired t test
 * of the mean of their differences, and McNemar's exact test for a
 * yes/no outcome.  Independent: different or partly different people -
 * Welch's t test of two means, and the two-proportion z test.  No
 * finite-population correction: a change between waves asks whether
 * the process moved, not whether this year's staff differ from last
 * year's (the group at each wave is a sample of its possible answers).
 *
 * Each matches the SciPy/statsmodels function named at it; tests/
 * check-change-stats.py checks them.  NaN where a figure cannot be
 * known (too few values, no variance where one is needed).
 */
#ifndef AIRS_CHANGE_STATS_H
#define AIRS_CHANGE_STATS_H

#include <stdint.h>

#include "stats.h"

typedef struct airs__change {
	double diff;      /* current - base */
	double lo, hi;    /* its 95% interval */
	double stat;      /* t or z; McNemar: the smaller discordant count */
	double df;        /* degrees of freedom of t; NaN for z and McNemar */
	double p;         /* two-sided p-value */
} airs__change;

/* Welch's t test of cur.mean - base.mean from the groups' means, sample
 * variances and counts (the N of each is not read): scipy.stats.
 * ttest_ind(equal_var=False); the interval is statsmodels'
 * CompareMeans.tconfint_diff(usevar="unequal"). */
void airs__change_welch(const airs__sample *base, const airs__sample *cur,
                        airs__change *out);

/* The paired t test over n pairs whose differences (current - base)
 * have mean md and sample variance vd: scipy.stats.ttest_rel and its
 * confidence_interval(). */
void airs__change_paired(double md, double vd, uint64_t n, airs__change *out);

/* McNemar's exact test over n pairs of yes/no outcomes, b of them yes
 * at base and no now, c no at base and yes now: statsmodels'
 * mcnemar(exact=True).  diff = (c - b) / n, with the Wald interval of a
 * difference of paired proportions (Agresti, Categorical Data Analysis,
 * 10.1.1). */
void airs__change_mcnemar(uint64_t b, uint64_t c, uint64_t n,
                          airs__change *out);

/* The two-proportion z test of x2/n2 - x1/n1 (base x1 of n1, current x2
 * of n2), pooled: statsmodels' proportions_ztest; the interval is the
 * unpooled Wald one, statsmodels' confint_proportions_2indep(
 * method="wald"). */
void airs__change_two_prop(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2,
                           airs__change *out);

#endif

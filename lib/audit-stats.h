/*
 * audit-stats.h - the statistics of the fairness audit: Fisher's exact
 * test and the Katz interval of a ratio of two rates
 * (docs/responsible-use.md, "Reading an audit").
 *
 * Both compare two groups as a 2x2 table: a of n1 in the first group
 * have the outcome, c of n2 in the second.  Counts are doubles holding
 * whole numbers (exact up to 2^53); libm only.
 */
#ifndef AIRS_AUDIT_STATS_H
#define AIRS_AUDIT_STATS_H

/* Two tables are "as likely" as the observed one when their probability
 * is at most the observed one times this (R's fisher.test uses the same
 * relative tolerance; SciPy 1.10 uses 1 + 1e-14): it absorbs rounding
 * between tables that are equally likely in exact arithmetic. */
#define AIRS__FISHER_TOL (1 + 1e-7)

/* The two-sided p-value of Fisher's exact test of the table
 *     a      n1 - a
 *     c      n2 - c
 * the sum of the hypergeometric probabilities (margins fixed) of every
 * table at most as likely as this one.  1 when a row or column is empty.
 * Probabilities are walked from the mode in log space by the ratio of
 * neighbours, so the cost is the width of the distribution's bulk (about
 * 80 standard deviations), not the counts, and nothing overflows. */
double airs__fisher_two_sided(double a, double n1, double c, double n2);

/* The ratio (a / n1) / (c / n2) and its 95% interval by the Katz log
 * method: exp(log ratio +- z sqrt(1/a - 1/n1 + 1/c - 1/n2)).  As SciPy's
 * relative_risk() (which follows R's epitools): a = c = 0 gives NaN for
 * all three; a = 0 a ratio of 0 and the interval [0, NaN]; c = 0 an
 * infinite ratio and the interval [NaN, inf]. */
void airs__katz(double a, double n1, double c, double n2, double *ratio,
                double *low, double *high);

#endif

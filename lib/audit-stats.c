/*
 * audit-stats.c - Fisher's exact test and the Katz interval of a ratio of
 * rates, for the fairness audit (audit-stats.h).
 */
#include "audit-stats.h"

#include <math.h>

#include "stats.h"

/* A term this far (in log) below the mode's is below any double sum the
 * mode's term of 1 is part of, and so is every term beyond it. */
#define LOG_NEGLIGIBLE (-760.0)

/* log(P(x + 1) / P(x)) for the hypergeometric distribution of the count x
 * of the first row among D draws (the first column) from n1 + n2 (rows):
 * (n1 - x)(D - x) / ((x + 1)(n2 - D + x + 1)), each product exact. */
static double lratio(double x, double n1, double n2, double d)
{
	return log(((n1 - x) * (d - x)) / ((x + 1) * (n2 - d + x + 1)));
}

double airs__fisher_two_sided(double a, double n1, double c, double n2)
{
	double n = n1 + n2, d = a + c, lo, hi, mode, lobs = 0, thr, x, l;
	double total = 0, tail = 0, e;

	if (n1 <= 0 || n2 <= 0 || d <= 0 || d >= n)
		return 1;
	lo = d - n2 > 0 ? d - n2 : 0;
	hi = n1 < d ? n1 : d;
	mode = floor((d + 1) * (n1 + 1) / (n + 2));
	mode = mode < lo ? lo : mode > hi ? hi : mode;

	/* The observed table's probability relative to the mode's. */
	for (x = mode; x < a && lobs > 2 * LOG_NEGLIGIBLE; x++)
		lobs += lratio(x, n1, n2, d);
	for (x = mode; x > a && lobs > 2 * LOG_NEGLIGIBLE; x--)
		lobs -= lratio(x - 1, n1, n2, d);
	if (lobs >= -log(AIRS__FISHER_TOL))
		return 1; /* as likely as the mode: every table counts */
	if (lobs < LOG_NEGLIGIBLE + 60)
		return 0; /* below 1e-300: no double tells it from 0 */
	thr = lobs + log(AIRS__FISHER_TOL);

	/* Every term from the mode outwards, up to negligible ones; the
	 * distribution is unimodal, so those at most as likely as the
	 * observed one are its two tails. */
	for (x = mode, l = 0;;) {
		e = exp(l);
		total += e;
		if (l <= thr)
			tail += e;
		if (x >= hi || l < LOG_NEGLIGIBLE)
			break;
		l += lratio(x, n1, n2, d);
		x++;
	}
	for (x = mode, l = 0; x > lo && l >= LOG_NEGLIGIBLE;) {
		l -= lratio(x - 1, n1, n2, d);
		x--;
		e = exp(l);
		total += e;
		if (l <= thr)
			tail += e;
	}
	return tail >= total ? 1 : tail / total;
}

void airs__katz(double a, double n1, double c, double n2, double *ratio,
                double *low, double *high)
{
	double rr, se;

	if (a == 0 && c == 0) {
		*ratio = *low = *high = NAN;
		return;
	}
	if (a == 0) {
		*ratio = *low = 0;
		*high = NAN;
		return;
	}
	if (c == 0) {
		*ratio = *high = INFINITY;
		*low = NAN;
		return;
	}
	rr = (a / n1) / (c / n2);
	se = sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
	*ratio = rr;
	*low = rr * exp(-AIRS__Z95 * se);
	*high = rr * exp(AIRS__Z95 * se);
}

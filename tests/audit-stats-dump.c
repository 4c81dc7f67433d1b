/*
 * audit-stats-dump: reads 2x2 tables "a n1 c n2" (a of n1 in the first
 * group have the outcome, c of n2 in the second), one a line, and prints
 * for each the audit's Fisher two-sided p-value and the Katz ratio and
 * interval, "%.17g" each (nan, inf as printf spells them), for
 * tests/check-audit-stats.py to compare with SciPy.
 */
#include <stdio.h>

#include "audit-stats.h"

int main(void)
{
	double a, n1, c, n2, rr, lo, hi;

	while (scanf("%lf %lf %lf %lf", &a, &n1, &c, &n2) == 4) {
		airs__katz(a, n1, c, n2, &rr, &lo, &hi);
		printf("%.17g %.17g %.17g %.17g\n",
		       airs__fisher_two_sided(a, n1, c, n2), rr, lo, hi);
	}
	return 0;
}

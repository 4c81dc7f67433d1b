/*
 * stats-dump - the interval functions of lib/stats.c on requests read
 * from standard input, one per line, for tests/check-stats.py to compare
 * with SciPy and statsmodels:
 *
 *     wilson X N         ->  lo hi
 *     t P DF             ->  quantile
 *     mean M VAR N POP   ->  lo hi
 *
 * Numbers are printed with %.17g (NaN as "nan").
 */
#include <stdio.h>
#include <string.h>

#include "stats.h"

int main(void)
{
	char line[256], kind[16];

	while (fgets(line, sizeof line, stdin)) {
		double a, b, lo, hi;
		unsigned long long x, n, pop;

		if (sscanf(line, "%15s", kind) != 1)
			continue;
		if (!strcmp(kind, "wilson") &&
		    sscanf(line, "%*s %llu %llu", &x, &n) == 2) {
			airs__wilson(x, n, AIRS__Z95, &lo, &hi);
			printf("%.17g %.17g\n", lo, hi);
		} else if (!strcmp(kind, "t") &&
		           sscanf(line, "%*s %lf %lf", &a, &b) == 2) {
			printf("%.17g\n", airs__t_quantile(a, b));
		} else if (!strcmp(kind, "mean") &&
		           sscanf(line, "%*s %lf %lf %llu %llu", &a, &b, &n,
		                  &pop) == 4) {
			airs__mean_interval(a, b, n, pop, &lo, &hi);
			printf("%.17g %.17g\n", lo, hi);
		} else {
			fprintf(stderr, "stats-dump: cannot read: %s", line);
			return 2;
		}
	}
	return 0;
}

/*
 * stats-dump - the interval functions of lib/stats.c on requests read
 * from standard input, one per line, for tests/check-stats.py to compare
 * with SciPy and statsmodels:
 *
 *     wilson X N         ->  lo hi
 *     newcombe X1 N1 X2 N2 ->  lo hi (x may be fractional)
 *     t P DF             ->  quantile
 *     mean M VAR N POP   ->  lo hi
 *     welch M1 VAR1 N1 POP1 M2 VAR2 N2 POP2  ->  lo hi
 *     var X1 X2 ...      ->  sample variance, the values quantised and
 *                            summed as the rollups do (sumsq.h)
 *
 * Numbers are printed with %.17g (NaN as "nan").
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quantum.h"
#include "stats.h"
#include "sumsq.h"

int main(void)
{
	static char line[1 << 20];
	char kind[16];

	while (fgets(line, sizeof line, stdin)) {
		double a, b, lo, hi;
		unsigned long long x, n, pop;

		if (sscanf(line, "%15s", kind) != 1)
			continue;
		if (!strcmp(kind, "wilson") &&
		    sscanf(line, "%*s %llu %llu", &x, &n) == 2) {
			airs__wilson((double)x, (double)n, AIRS__Z95, &lo, &hi);
			printf("%.17g %.17g\n", lo, hi);
		} else if (!strcmp(kind, "newcombe")) {
			double x1, n1, x2, n2;
			if (sscanf(line, "%*s %lf %lf %lf %lf", &x1, &n1, &x2,
			           &n2) != 4)
				goto bad;
			airs__newcombe(x1, n1, x2, n2, AIRS__Z95, &lo, &hi);
			printf("%.17g %.17g\n", lo, hi);
		} else if (!strcmp(kind, "t") &&
		           sscanf(line, "%*s %lf %lf", &a, &b) == 2) {
			printf("%.17g\n", airs__t_quantile(a, b));
		} else if (!strcmp(kind, "mean") &&
		           sscanf(line, "%*s %lf %lf %llu %llu", &a, &b, &n,
		                  &pop) == 4) {
			airs__mean_interval(a, b, n, pop, &lo, &hi);
			printf("%.17g %.17g\n", lo, hi);
		} else if (!strcmp(kind, "welch")) {
			airs__sample s1, s2;
			unsigned long long n1, p1, n2, p2;
			if (sscanf(line, "%*s %lf %lf %llu %llu %lf %lf %llu %llu",
			           &s1.mean, &s1.var, &n1, &p1, &s2.mean, &s2.var,
			           &n2, &p2) != 8)
				goto bad;
			s1.n = n1, s1.N = p1, s2.n = n2, s2.N = p2;
			airs__welch_interval(&s1, &s2, &lo, &hi);
			printf("%.17g %.17g\n", lo, hi);
		} else if (!strcmp(kind, "var")) {
			uint64_t sq[AIRS__SQ_LIMBS] = { 0 }, k = 0;
			int64_t sum = 0;
			char *p = line + 3, *end;
			double v;
			while ((v = strtod(p, &end)), end != p) {
				int64_t q = airs__quantise(v);
				airs__sq_add(sq, q);
				sum += q;
				k++;
				p = end;
			}
			if (!airs__sq_consistent(sq, sum, k))
				goto bad;
			printf("%.17g\n", airs__sq_variance(sq, sum, k) /
			                          (AIRS__Q * AIRS__Q));
		} else {
		bad:
			fprintf(stderr, "stats-dump: cannot read: %s", line);
			return 2;
		}
	}
	return 0;
}

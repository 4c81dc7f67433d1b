/*
 * change-stats-dump - the tests of lib/change-stats.c on requests read
 * from standard input, one per line, for tests/check-change-stats.py to
 * compare with SciPy and statsmodels:
 *
 *     welch M1 VAR1 N1 M2 VAR2 N2  ->  diff lo hi stat df p
 *     paired MD VD N               ->  the same
 *     mcnemar B C N                ->  the same
 *     twoprop X1 N1 X2 N2          ->  the same
 *
 * Numbers are printed with %.17g (NaN as "nan", infinities as "inf").
 */
#include <stdio.h>
#include <string.h>

#include "change-stats.h"

static void put(const airs__change *c)
{
	printf("%.17g %.17g %.17g %.17g %.17g %.17g\n", c->diff, c->lo, c->hi,
	       c->stat, c->df, c->p);
}

int main(void)
{
	static char line[4096];
	char kind[16];

	while (fgets(line, sizeof line, stdin)) {
		airs__change c;
		airs__sample a = { 0 }, b = { 0 };
		unsigned long long x1, n1, x2, n2;
		double md, vd;

		if (sscanf(line, "%15s", kind) != 1)
			continue;
		if (!strcmp(kind, "welch") &&
		    sscanf(line, "%*s %lf %lf %llu %lf %lf %llu", &a.mean, &a.var,
		           &n1, &b.mean, &b.var, &n2) == 6) {
			a.n = n1, b.n = n2;
			airs__change_welch(&a, &b, &c);
		} else if (!strcmp(kind, "paired") &&
		           sscanf(line, "%*s %lf %lf %llu", &md, &vd, &n1) == 3) {
			airs__change_paired(md, vd, n1, &c);
		} else if (!strcmp(kind, "mcnemar") &&
		           sscanf(line, "%*s %llu %llu %llu", &x1, &x2, &n1) == 3) {
			airs__change_mcnemar(x1, x2, n1, &c);
		} else if (!strcmp(kind, "twoprop") &&
		           sscanf(line, "%*s %llu %llu %llu %llu", &x1, &n1, &x2,
		                  &n2) == 4) {
			airs__change_two_prop(x1, n1, x2, n2, &c);
		} else {
			fprintf(stderr, "change-stats-dump: bad request: %s", line);
			return 2;
		}
		put(&c);
	}
	return 0;
}

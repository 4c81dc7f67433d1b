/*
 * drivers-dump - the driver analysis of lib/drivers.c on samples read
 * from standard input, for tests/check-drivers.py to compare with NumPy.
 * Each case is a line "n k reps seed threads" followed by n lines of k
 * driver values and the outcome; the answer is one line of R^2, the k
 * raw weights, the k LMG shares, the k standardised coefficients and
 * the 2 * (1 + 2k) interval ends, with %.17g.
 */
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "drivers.h"

static int one_case(const airs__mem *mem, size_t n, size_t k, size_t reps,
                    unsigned long long seed, size_t threads)
{
	double *x = malloc(n * k * sizeof *x + 1), *y = malloc(n * sizeof *y + 1);
	double ci[2 * AIRS__DRIVERS_STATS(AIRS__DRIVERS_MAX)];
	airs__drivers_fit f;

	if (!x || !y)
		return free(x), free(y), 1;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < k; j++)
			if (scanf("%lf", &x[i * k + j]) != 1)
				return free(x), free(y), 1;
		if (scanf("%lf", &y[i]) != 1)
			return free(x), free(y), 1;
	}
	airs__drivers_fit_sample(n, k, x, y, NULL, NULL, &f);
	if (airs__drivers_boot(mem, n, k, x, y, reps, seed, threads, ci))
		return free(x), free(y), 1;
	printf("%.17g", f.r2);
	for (size_t j = 0; j < k; j++)
		printf(" %.17g", f.raw[j]);
	for (size_t j = 0; j < k; j++)
		printf(" %.17g", f.lmg[j]);
	for (size_t j = 0; j < k; j++)
		printf(" %.17g", f.beta[j]);
	for (size_t s = 0; s < 2 * AIRS__DRIVERS_STATS(k); s++)
		printf(" %.17g", ci[s]);
	printf("\n");
	free(x), free(y);
	return 0;
}

int main(void)
{
	size_t n, k, reps, threads;
	unsigned long long seed;
	airs__mem mem;

	if (airs__mem_init(&mem, NULL))
		return 1;
	while (scanf("%zu %zu %zu %llu %zu", &n, &k, &reps, &seed, &threads) == 5) {
		if (k == 0 || k > AIRS__DRIVERS_MAX || n == 0 ||
		    one_case(&mem, n, k, reps, seed, threads))
			return fprintf(stderr, "drivers-dump: bad case\n"), 1;
	}
	return 0;
}

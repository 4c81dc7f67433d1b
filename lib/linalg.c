/*
 * linalg.c - cyclic Jacobi eigen-decomposition and the growing Cholesky
 * factor of linalg.h.
 */
#include "linalg.h"

#include <math.h>

/* One rotation zeroing a[p][q] (p < q), applied to a and to v. */
static void rotate(size_t k, double *a, double *v, size_t p, size_t q)
{
	double apq = a[p * k + q], app = a[p * k + p], aqq = a[q * k + q];
	double theta = (aqq - app) / (2 * apq);
	double t = (theta >= 0 ? 1 : -1) /
	           (fabs(theta) + sqrt(theta * theta + 1));
	double c = 1 / sqrt(t * t + 1), s = t * c;

	for (size_t i = 0; i < k; i++) {
		double aip = a[i * k + p], aiq = a[i * k + q];
		a[i * k + p] = c * aip - s * aiq;
		a[i * k + q] = s * aip + c * aiq;
	}
	for (size_t j = 0; j < k; j++) {
		double apj = a[p * k + j], aqj = a[q * k + j];
		a[p * k + j] = c * apj - s * aqj;
		a[q * k + j] = s * apj + c * aqj;
	}
	a[p * k + q] = a[q * k + p] = 0;
	for (size_t i = 0; i < k; i++) {
		double vip = v[i * k + p], viq = v[i * k + q];
		v[i * k + p] = c * vip - s * viq;
		v[i * k + q] = s * vip + c * viq;
	}
}

/* Sort the eigenpairs ascending (insertion sort: k is small). */
static void sort_pairs(size_t k, double *w, double *v)
{
	for (size_t j = 1; j < k; j++)
		for (size_t m = j; m > 0 && w[m - 1] > w[m]; m--) {
			double t = w[m - 1];
			w[m - 1] = w[m], w[m] = t;
			for (size_t i = 0; i < k; i++) {
				t = v[i * k + m - 1];
				v[i * k + m - 1] = v[i * k + m];
				v[i * k + m] = t;
			}
		}
}

int airs__jacobi_eigen(size_t k, double *a, double *w, double *v)
{
	int sweeps = 0, done = 0;

	for (size_t i = 0; i < k * k; i++)
		v[i] = i % (k + 1) == 0;
	while (!done && sweeps < 60) {
		done = 1;
		sweeps++;
		for (size_t p = 0; p + 1 < k; p++)
			for (size_t q = p + 1; q < k; q++) {
				double apq = a[p * k + q];
				double scale = sqrt(fabs(a[p * k + p] * a[q * k + q]));
				/* Negligible against its diagonal pair (relative,
				 * as high relative accuracy needs), or exactly 0. */
				if (apq == 0 || fabs(apq) <= 1e-15 * scale)
					continue;
				done = 0;
				rotate(k, a, v, p, q);
			}
	}
	for (size_t i = 0; i < k; i++)
		w[i] = a[i * k + i];
	sort_pairs(k, w, v);
	return done ? sweeps : -1;
}

int airs__chol_append(size_t d, size_t ld, double *l, const double *c,
                      double cjj)
{
	double *row = l + d * ld, rest = cjj;

	for (size_t i = 0; i < d; i++) {
		const double *li = l + i * ld;
		double x = c[i];
		if (li[i] == 0) {
			row[i] = 0;
			continue;
		}
		for (size_t m = 0; m < i; m++)
			x -= row[m] * li[m];
		row[i] = x / li[i];
		rest -= row[i] * row[i];
	}
	if (!(rest > AIRS__PIVOT_TOL * cjj)) {
		row[d] = 0;
		return 0;
	}
	row[d] = sqrt(rest);
	return 1;
}

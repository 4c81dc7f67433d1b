/*
 * quantum.c - rounding to the 1e-9 quantum and the decisions taken on it.
 */
#include "quantum.h"

#include <math.h>

#include "params.h"

int64_t airs__quantise(double v)
{
	double x;

	if (isnan(v))
		return 0;
	x = round(v * AIRS__Q); /* round() is half away from zero */
	if (x >= 9223372036854775807.0)
		return INT64_MAX;
	if (x <= -9223372036854775808.0)
		return INT64_MIN;
	return (int64_t)x;
}

double airs__qmean(int64_t sum, uint64_t n)
{
	int64_t q, rem;

	if (!n)
		return NAN;
	q = sum / (int64_t)n;
	rem = sum % (int64_t)n;
	return ((double)q + (double)rem / (double)n) / AIRS__Q;
}

void airs__level_thresholds(const airs__pv *pv, int64_t t[4])
{
	int k;

	for (k = 0; k < 4; k++)
		t[k] = airs__quantise(pv->level_t[k]);
}

int airs__level_of_rq(const int64_t t[4], int64_t q)
{
	int l = 1, k;

	for (k = 0; k < 4; k++)
		if (q >= t[k])
			l++;
	return l;
}

int airs__level_of_q(const int64_t t[4], double R)
{
	return isnan(R) ? 0 : airs__level_of_rq(t, airs__quantise(R));
}

int airs__level_of(const airs__pv *pv, double R)
{
	int64_t t[4];

	airs__level_thresholds(pv, t);
	return airs__level_of_q(t, R);
}

/*
 * sumsq.c - exact sums of squares and the variance made from them.
 *
 * n * S reaches 2^32 * 2^129, so the variance's numerator is computed in a
 * small fixed-width integer of 32-bit digits.
 */
#include "sumsq.h"

#include <assert.h>
#include <math.h>
#include <stddef.h>

#define DIGITS 6 /* 192 bits: n < 2^32 times S < 2^129 */
#define LOW32 0xffffffffu

typedef struct wide {
	uint32_t d[DIGITS]; /* least significant first */
} wide;

/* w += v * 2^(32 i); the caller keeps w below 2^192. */
static void add_at(wide *w, size_t i, uint64_t v)
{
	while (v && i < DIGITS) {
		uint64_t s = (uint64_t)w->d[i] + (v & LOW32);
		w->d[i++] = (uint32_t)s;
		v = (v >> 32) + (s >> 32);
	}
}

static uint64_t magnitude(int64_t q)
{
	return q < 0 ? (uint64_t)0 - (uint64_t)q : (uint64_t)q;
}

/* The square of m as a wide. */
static wide square(uint64_t m)
{
	wide w = { { 0 } };
	uint64_t lo = m & LOW32, hi = m >> 32;

	add_at(&w, 0, lo * lo);
	add_at(&w, 1, lo * hi);
	add_at(&w, 1, lo * hi);
	add_at(&w, 2, hi * hi);
	return w;
}

/* n * S, S from the limbs of sq. */
static wide times_n(const uint64_t sq[AIRS__SQ_LIMBS], uint64_t n)
{
	wide w = { { 0 } };
	size_t i;

	for (i = 0; i < AIRS__SQ_LIMBS; i++) {
		add_at(&w, i, (sq[i] & LOW32) * (n & LOW32));
		add_at(&w, i + 1, (sq[i] >> 32) * (n & LOW32));
		add_at(&w, i + 1, (sq[i] & LOW32) * (n >> 32));
		add_at(&w, i + 2, (sq[i] >> 32) * (n >> 32));
	}
	return w;
}

/* a -= b; 0 if that would go below 0 (a is left as it was). */
static int subtract(wide *a, const wide *b)
{
	wide r;
	uint64_t borrow = 0;
	size_t i;

	for (i = 0; i < DIGITS; i++) {
		uint64_t s = (uint64_t)a->d[i] - b->d[i] - borrow;
		r.d[i] = (uint32_t)s;
		borrow = (s >> 32) & 1;
	}
	if (borrow)
		return 0;
	*a = r;
	return 1;
}

static double to_double(const wide *w)
{
	double x = 0;
	size_t i = DIGITS;

	while (i--)
		x = x * 4294967296.0 + w->d[i];
	return x;
}

/* The three limbs of m^2 straight from its 32-bit halves, without
 * square()'s carry loops: m < 2^48, so hi < 2^16, 2 lo hi < 2^49 and
 * no sum below can overflow.  Every readiness value of a re-score goes
 * through here twice (unit and manager group). */
void airs__sq_add(uint64_t sq[AIRS__SQ_LIMBS], int64_t q)
{
	uint64_t m = magnitude(q), lo = m & LOW32, hi = m >> 32;
	uint64_t a = lo * lo, b = 2 * lo * hi;
	uint64_t t1 = (a >> 32) + (b & LOW32);
	uint64_t t2 = (t1 >> 32) + (b >> 32) + hi * hi;

	assert(q > -AIRS__SQ_MAX && q < AIRS__SQ_MAX);
	sq[0] += a & LOW32;
	sq[1] += t1 & LOW32;
	sq[2] += t2 & LOW32;
}

int airs__sq_consistent(const uint64_t sq[AIRS__SQ_LIMBS], int64_t sum,
                        uint64_t n)
{
	wide ns, t2;
	size_t i;

	for (i = 0; i < AIRS__SQ_LIMBS; i++)
		if (n && sq[i] / n > LOW32)
			return 0;
	if (n > AIRS__SQ_MAX_COUNT ||
	    (!n && (sq[0] | sq[1] | sq[2] | (uint64_t)sum)))
		return 0;
	ns = times_n(sq, n);
	t2 = square(magnitude(sum));
	return subtract(&ns, &t2);
}

double airs__sq_variance(const uint64_t sq[AIRS__SQ_LIMBS], int64_t sum,
                         uint64_t n)
{
	wide ns, t2;

	if (n < 2)
		return NAN;
	ns = times_n(sq, n);
	t2 = square(magnitude(sum));
	if (!subtract(&ns, &t2))
		return NAN;
	return to_double(&ns) / ((double)n * (double)(n - 1));
}

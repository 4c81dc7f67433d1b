/*
 * rollup-medians.c - every unit's readiness median at once (methodology
 * 4.3), and each unit's own values sorted on the way, as the text
 * partials write them.
 *
 * The values are sorted once, all together: a radix sort of keys that
 * hold a value's offset from the least above its unit's tree position.
 * Read in ascending order, each value is counted in its unit and every
 * ancestor's, and a unit's middle values are those at which its count
 * reaches the middle ranks.  Linear in the values times the tree's depth,
 * like selecting over every subtree with children was, but without a
 * comparison a branch can mispredict: the selections' were coin tosses,
 * and the largest part of a weight re-score's CPU.
 */
#include "rollup-impl.h"

#include <math.h>
#include <string.h>

#include "quantum.h"

/* Bits per radix pass: a 16 KiB histogram */
#define DIGIT 11

/* The bits that hold x. */
static unsigned bits(uint64_t x)
{
	unsigned b = 0;

	for (; x; x >>= 1)
		b++;
	return b;
}

/* Keys in src sorted by their bits lo .. hi - 1, stably, through tmp;
 * where the sorted keys are (src or tmp). */
static uint64_t *radix(uint64_t *src, uint64_t *tmp, size_t n, unsigned lo,
                       unsigned hi)
{
	size_t count[1u << DIGIT], i, d, at;
	unsigned sh;

	for (sh = lo; sh < hi; sh += DIGIT) {
		uint64_t *t;
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[src[i] >> sh & ((1u << DIGIT) - 1)]++;
		for (d = 0, at = 0; d < 1u << DIGIT; d++) {
			size_t c = count[d];
			count[d] = at;
			at += c;
		}
		for (i = 0; i < n; i++)
			tmp[count[src[i] >> sh & ((1u << DIGIT) - 1)]++] = src[i];
		t = src;
		src = tmp;
		tmp = t;
	}
	return src;
}

/* One more value v of a subtree, in ascending order: its middle values
 * are the ((n + 1) / 2)-th and the (n / 2 + 1)-th, one value when n is
 * odd. */
static void count_value(fin_mid *s, int64_t v)
{
	s->seen++;
	if (s->seen == (s->n + 1) / 2)
		s->lo = v;
	if (s->seen == s->n / 2 + 1)
		s->hi = v;
}

/* The values, sorted by the radix of their keys; their range and the
 * tree positions must fit in 63 bits (any rollup of fewer than 2^26
 * units: the readiness is 0 .. 100 at the 1e-9 quantum, 37 bits).
 * AIRS_EINVAL when they do not, and nothing changed. */
int airs__rollup_medians(airs_rollup *r, fin_ws *f)
{
	size_t nu = r->nu, n = 0, u, i;
	int64_t least = INT64_MAX, most = INT64_MIN;
	uint64_t *key = (uint64_t *)(void *)f->all, *sorted;
	unsigned pb = bits(nu), vb = 0;

	for (u = 0; u < nu; u++)
		for (i = 0; i < r->vals[u].n; i++) {
			int64_t v = r->vals[u].v[i];
			least = v < least ? v : least;
			most = v > most ? v : most;
		}
	if (most >= least)
		vb = bits((uint64_t)most - (uint64_t)least);
	if (pb + vb > 63)
		return AIRS_EINVAL;
	for (u = 0; u < nu; u++) {
		f->off[u] = n;
		for (i = 0; i < r->vals[u].n; i++)
			key[n++] = ((uint64_t)r->vals[u].v[i] - (uint64_t)least)
			                   << pb | u;
		r->vals[u].n = 0; /* filled again in order below */
	}
	f->off[nu] = n;
	for (u = 0; u <= nu; u++) {
		f->mid[u].n = u < nu ? f->off[r->end[u]] - f->off[u] : n;
		f->mid[u].seen = 0;
	}
	sorted = radix(key, f->key, n, pb, pb + vb);
	for (i = 0; i < n; i++) {
		int64_t v = (int64_t)((sorted[i] >> pb) + (uint64_t)least);
		uint32_t x = (uint32_t)(sorted[i] & (((uint64_t)1 << pb) - 1));
		r->vals[x].v[r->vals[x].n++] = v;
		for (; x != AIRS__NONE; x = r->parent[x])
			count_value(&f->mid[x], v);
		count_value(&f->mid[nu], v);
	}
	r->sorted = 1;
	for (u = 0; u <= nu; u++) {
		const fin_mid *s = &f->mid[u];
		f->median[u] = !s->n ? NAN
		             : s->n % 2 ? (double)s->lo / AIRS__Q
		             : ((double)s->lo + (double)s->hi) / 2.0 / AIRS__Q;
	}
	return AIRS_OK;
}

/*
 * rng.c - SplitMix64 streams and unbiased bounded draws (rng.h).
 */
#include "rng.h"

static uint64_t mix(uint64_t z)
{
	z = (z ^ z >> 30) * 0xBF58476D1CE4E5B9u;
	z = (z ^ z >> 27) * 0x94D049BB133111EBu;
	return z ^ z >> 31;
}

uint64_t airs__rng_stream(uint64_t seed, uint64_t r)
{
	return mix(seed + mix(r + 1));
}

uint64_t airs__rng_next(uint64_t *state)
{
	*state += 0x9E3779B97F4A7C15u;
	return mix(*state);
}

uint64_t airs__rng_below(uint64_t *state, uint64_t n)
{
	/* 2^64 mod n, computed without 2^64. */
	uint64_t skip = (0 - n) % n, x;

	do
		x = airs__rng_next(state);
	while (x > UINT64_MAX - skip);
	return x % n;
}

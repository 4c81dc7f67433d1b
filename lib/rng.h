/*
 * rng.h - the library's one pseudo-random generator, for the bootstrap
 * of the driver analysis (methodology 10.4): SplitMix64 (Steele, Lea and
 * Flood 2014; the seeding generator of the xoshiro family), a 64-bit
 * state advanced by 0x9E3779B97F4A7C15 and mixed by
 *
 *     z = (z ^ z >> 30) * 0xBF58476D1CE4E5B9
 *     z = (z ^ z >> 27) * 0x94D049BB133111EB
 *     z =  z ^ z >> 31
 *
 * Stream r of seed s starts from state mix(s + mix(r + 1)) (mix being
 * the three lines above), so replicate r draws the same numbers on any
 * thread and in any order.  A number below n is the draw x taken as
 * x mod n, redrawn while x lies in the incomplete last block of n
 * (x >= 2^64 - 2^64 mod n): uniform, without the bias of a bare modulus.
 *
 * Not for secrets.  Thread safety: the state is the caller's.
 */
#ifndef AIRS_RNG_H
#define AIRS_RNG_H

#include <stdint.h>

/* The first state of stream r of seed. */
uint64_t airs__rng_stream(uint64_t seed, uint64_t r);

/* The next 64 random bits. */
uint64_t airs__rng_next(uint64_t *state);

/* A uniform number in 0 .. n - 1 (n >= 1). */
uint64_t airs__rng_below(uint64_t *state, uint64_t n);

#endif

/*
 * hashidx.h - an open-addressing hash index over records kept elsewhere.
 *
 * The index stores only (hash, record number) pairs; the records stay in
 * the caller's arrays, and the caller compares them.  It serves id lookup
 * (names.c) and duplicate detection of pairs and triples (model.c).
 * Growing is the only operation that allocates, so a caller can reserve
 * first and then insert without any failure path.
 */
#ifndef AIRS_HASHIDX_H
#define AIRS_HASHIDX_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"

#define AIRS__NONE UINT32_MAX

/* The secret key of a hash function: ids come from uploads, and without a
 * key an uploader can choose ids that all share one hash, making every
 * lookup a scan of all of them (quadratic loading).  Each model draws
 * its own key from the system's entropy source (airs__hashkey_new());
 * nothing in any output depends on it, only where records sit in a
 * table. */
typedef struct airs__hashkey {
	uint64_t k0, k1;
} airs__hashkey;

/* A fresh key: getentropy() or /dev/urandom, or - where neither gives
 * one - the addresses the system's randomisation gave this process,
 * which are weaker.  Never fails. */
void airs__hashkey_new(airs__hashkey *key);

/* SipHash-1-3 of n bytes under key (the keyed pseudorandom function of
 * Aumasson and Bernstein, with one compression and three finalisation
 * rounds as Rust's and Python's tables use), folded to 32 bits. */
uint32_t airs__hash_bytes(const airs__hashkey *key, const void *p, size_t n);
/* The same for a 64-bit integer key (pairs and triples of numbers). */
uint32_t airs__hash_u64(const airs__hashkey *key, uint64_t v);
/* SipHash-c-d itself, for the published test vectors. */
uint64_t airs__siphash(const airs__hashkey *key, const void *p, size_t n,
                       int c, int d);

typedef struct airs__hashidx {
	uint64_t *slot; /* hash << 32 | (record + 1); 0 = empty */
	size_t mask;    /* capacity - 1; capacity is a power of two */
	size_t count;
} airs__hashidx;

/* Is record `index` the one looked for? */
typedef int (*airs__hashidx_eq)(const void *ctx, uint32_t index);
/* The hash of record `index` (for rebuilding). */
typedef uint32_t (*airs__hashidx_hash)(const void *ctx, uint32_t index);

void airs__hashidx_free(airs__hashidx *h, const airs__mem *mem);

/* The record with this hash for which eq() is true, or AIRS__NONE.
 * Inline, so that a caller's eq() is inlined into the probe loop: id
 * lookups are most of what loading does. */
static inline uint32_t airs__hashidx_find(const airs__hashidx *h,
                                          uint32_t hash, airs__hashidx_eq eq,
                                          const void *ctx)
{
	size_t i;

	if (!h->slot)
		return AIRS__NONE;
	for (i = hash & h->mask; h->slot[i]; i = (i + 1) & h->mask) {
		uint64_t s = h->slot[i];
		if ((uint32_t)(s >> 32) == hash &&
		    eq(ctx, (uint32_t)(s & 0xffffffffu) - 1))
			return (uint32_t)(s & 0xffffffffu) - 1;
	}
	return AIRS__NONE;
}

/* Make room for `total` records in all.  AIRS_ENOMEM leaves h unchanged. */
int airs__hashidx_reserve(airs__hashidx *h, const airs__mem *mem, size_t total);

/* Insert a record; room must have been reserved. */
void airs__hashidx_insert(airs__hashidx *h, uint32_t hash, uint32_t index);

/* Keep only records below n, re-inserting them with their hashes.  Never
 * allocates: used to roll back a failed load. */
void airs__hashidx_truncate(airs__hashidx *h, uint32_t n,
                            airs__hashidx_hash hash, const void *ctx);

#endif

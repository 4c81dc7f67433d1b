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

typedef struct airs__hashidx {
	uint64_t *slot; /* hash << 32 | (record + 1); 0 = empty */
	size_t mask;    /* capacity - 1; capacity is a power of two */
	size_t count;
} airs__hashidx;

/* Is record `index` the one looked for? */
typedef int (*airs__hashidx_eq)(const void *ctx, uint32_t index);
/* The hash of record `index` (for rebuilding). */
typedef uint32_t (*airs__hashidx_hash)(const void *ctx, uint32_t index);

uint32_t airs__hash_bytes(const void *p, size_t n);
uint32_t airs__hash_u64(uint64_t v);

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

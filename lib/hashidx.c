/*
 * hashidx.c - an open-addressing hash index over records kept elsewhere.
 *
 * Linear probing at a load factor of at most 1/2; the stored 32-bit hash
 * lets a probe skip most records without calling eq().
 */
#include "hashidx.h"

#include <string.h>

uint32_t airs__hash_u64(uint64_t v)
{
	/* splitmix64 finaliser: every input bit affects every output bit */
	v ^= v >> 30;
	v *= 0xbf58476d1ce4e5b9ULL;
	v ^= v >> 27;
	v *= 0x94d049bb133111ebULL;
	v ^= v >> 31;
	return (uint32_t)(v ^ (v >> 32));
}

uint32_t airs__hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
	uint64_t w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	if (i < n) {
		/* The tail as the last eight bytes (overlapping what came
		 * before) or, for a short key, byte by byte: fixed-size loads
		 * the compiler inlines; a memcpy of n - i bytes was a call. */
		if (n >= 8) {
			memcpy(&w, s + n - 8, 8);
		} else {
			for (w = 0; i < n; i++)
				w = w << 8 | s[i];
		}
		h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	}
	return airs__hash_u64(h);
}

void airs__hashidx_free(airs__hashidx *h, const airs__mem *mem)
{
	airs__free(mem, h->slot);
	h->slot = NULL;
	h->mask = 0;
	h->count = 0;
}

static void place(uint64_t *slot, size_t mask, uint64_t s)
{
	size_t i = (uint32_t)(s >> 32) & mask;

	while (slot[i])
		i = (i + 1) & mask;
	slot[i] = s;
}

int airs__hashidx_reserve(airs__hashidx *h, const airs__mem *mem, size_t total)
{
	size_t cap = h->slot ? h->mask + 1 : 0, ncap, i;
	uint64_t *ns;

	if (total <= cap / 2)
		return AIRS_OK;
	ncap = cap ? cap : 16;
	while (ncap / 2 < total) {
		if (ncap > SIZE_MAX / 4 / sizeof *ns)
			return AIRS_ENOMEM;
		ncap *= 2;
	}
	ns = airs__calloc(mem, ncap, sizeof *ns);
	if (!ns)
		return AIRS_ENOMEM;
	for (i = 0; i < cap; i++)
		if (h->slot[i])
			place(ns, ncap - 1, h->slot[i]);
	airs__free(mem, h->slot);
	h->slot = ns;
	h->mask = ncap - 1;
	return AIRS_OK;
}

void airs__hashidx_insert(airs__hashidx *h, uint32_t hash, uint32_t index)
{
	place(h->slot, h->mask, (uint64_t)hash << 32 | ((uint64_t)index + 1));
	h->count++;
}

void airs__hashidx_truncate(airs__hashidx *h, uint32_t n,
                            airs__hashidx_hash hash, const void *ctx)
{
	uint32_t i;

	if (!h->slot || h->count <= n)
		return;
	memset(h->slot, 0, (h->mask + 1) * sizeof *h->slot);
	h->count = 0;
	for (i = 0; i < n; i++)
		airs__hashidx_insert(h, hash(ctx, i), i);
}

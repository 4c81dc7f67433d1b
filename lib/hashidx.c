/*
 * hashidx.c - an open-addressing hash index over records kept elsewhere.
 *
 * Linear probing at a load factor of at most 1/2; the stored 32-bit hash
 * lets a probe skip most records without calling eq().  Hashes are keyed
 * (hashidx.h): with a key the uploader cannot know, probe sequences stay
 * short whatever ids a file holds.
 */
#include "hashidx.h"

#include <stdio.h>
#include <string.h>
#if defined(AIRS_HAVE_GETENTROPY)
#include <sys/random.h>
#endif

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

struct sip {
	uint64_t v0, v1, v2, v3;
};

static void sipround(struct sip *s)
{
	s->v0 += s->v1; s->v1 = ROTL(s->v1, 13); s->v1 ^= s->v0;
	s->v0 = ROTL(s->v0, 32);
	s->v2 += s->v3; s->v3 = ROTL(s->v3, 16); s->v3 ^= s->v2;
	s->v0 += s->v3; s->v3 = ROTL(s->v3, 21); s->v3 ^= s->v0;
	s->v2 += s->v1; s->v1 = ROTL(s->v1, 17); s->v1 ^= s->v2;
	s->v2 = ROTL(s->v2, 32);
}

/* A little-endian 64-bit word, whatever the host's byte order. */
static uint64_t le64(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
#else
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	       (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
#endif
}

static void sip_word(struct sip *s, uint64_t m, int c)
{
	int r;

	s->v3 ^= m;
	for (r = 0; r < c; r++)
		sipround(s);
	s->v0 ^= m;
}

uint64_t airs__siphash(const airs__hashkey *key, const void *p, size_t n,
                       int c, int d)
{
	const unsigned char *in = p;
	struct sip s;
	uint64_t last = (uint64_t)n << 56;
	size_t i;
	int r;

	s.v0 = key->k0 ^ 0x736f6d6570736575ULL;
	s.v1 = key->k1 ^ 0x646f72616e646f6dULL;
	s.v2 = key->k0 ^ 0x6c7967656e657261ULL;
	s.v3 = key->k1 ^ 0x7465646279746573ULL;
	for (i = 0; i + 8 <= n; i += 8)
		sip_word(&s, le64(in + i), c);
	for (r = 0; i < n; i++, r += 8)
		last |= (uint64_t)in[i] << r;
	sip_word(&s, last, c);
	s.v2 ^= 0xff;
	for (r = 0; r < d; r++)
		sipround(&s);
	return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

uint32_t airs__hash_bytes(const airs__hashkey *key, const void *p, size_t n)
{
	uint64_t h = airs__siphash(key, p, n, 1, 3);

	return (uint32_t)(h ^ (h >> 32));
}

uint32_t airs__hash_u64(const airs__hashkey *key, uint64_t v)
{
	unsigned char b[8];
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	return airs__hash_bytes(key, b, 8);
}

void airs__hashkey_new(airs__hashkey *key)
{
	unsigned char b[16];
	int got = 0;
#if defined(AIRS_HAVE_GETENTROPY)
	got = getentropy(b, sizeof b) == 0;
#endif
	if (!got) {
		FILE *f = fopen("/dev/urandom", "rb");
		if (f) {
			got = fread(b, 1, sizeof b, f) == sizeof b;
			fclose(f);
		}
	}
	if (!got) {
		/* Address-space randomisation is all there is: the key's and
		 * a function's addresses, mixed. */
		uintptr_t a = (uintptr_t)key, f = (uintptr_t)&airs__hashkey_new;
		airs__hashkey z = { 0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL };
		key->k0 = airs__siphash(&z, &a, sizeof a, 2, 4);
		key->k1 = airs__siphash(&z, &f, sizeof f, 2, 4) ^ key->k0;
		return;
	}
	key->k0 = le64(b);
	key->k1 = le64(b + 8);
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

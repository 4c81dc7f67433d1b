/*
 * names.c - an id space: interned id strings numbered in order of addition.
 */
#include "names.h"

#include <string.h>

struct probe {
	const airs__names *n;
	const char *s;
	size_t len;
};

static int same(const void *ctx, uint32_t i)
{
	const struct probe *p = ctx;

	return p->n->len[i] == p->len && airs__id_same(p->n->str[i], p->s, p->len);
}

static uint32_t hash_of(const void *ctx, uint32_t i)
{
	const airs__names *n = ctx;

	return airs__hash_bytes(&n->key, n->str[i], n->len[i]);
}

void airs__names_init(airs__names *n, const airs__hashkey *key)
{
	memset(n, 0, sizeof *n);
	n->key = *key;
}

uint32_t airs__names_find(const airs__names *n, const char *s, size_t len)
{
	struct probe p;

	p.n = n;
	p.s = s;
	p.len = len;
	return airs__hashidx_find(&n->idx, airs__hash_bytes(&n->key, s, len),
	                         same, &p);
}

/* The set of cache slots of an id: its first and last eight bytes
 * (four, or each byte, when it is shorter) and its length, mixed; the
 * top bits pick the set.  A guess only (a slot is confirmed), so ids
 * that share their ends merely share a set. */
static size_t cache_set(const char *s, size_t len)
{
	uint64_t w = len, a, b;
	uint32_t x, y;
	size_t k;

	if (len >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + len - 8, 8);
		w ^= a ^ (b << 29 | b >> 35);
	} else if (len >= 4) {
		memcpy(&x, s, 4);
		memcpy(&y, s + len - 4, 4);
		w ^= (uint64_t)x << 32 ^ y;
	} else {
		for (k = 0; k < len; k++)
			w ^= (uint64_t)(unsigned char)s[k] << (8 * k + 8);
	}
	w *= 0xbf58476d1ce4e5b9u;
	w ^= w >> 32;
	w *= 0x94d049bb133111ebu;
	return (size_t)(w >> (64 - AIRS__IDCACHE_BITS + 1));
}

uint32_t airs__names_find_cached(const airs__names *n, airs__idcache *c,
                                 const char *s)
{
	size_t len = strlen(s);
	uint32_t i, *set = &c->slot[2 * cache_set(s, len)];

	if (airs__names_is(n, set[0], s, len))
		return set[0];
	if (airs__names_is(n, set[1], s, len))
		return set[1];
	i = airs__names_find(n, s, len);
	if (i != AIRS__NONE) {
		set[1] = set[0]; /* the older guess stays, second */
		set[0] = i;
	}
	return i;
}

int airs__names_reserve(airs__names *n, const airs__mem *mem, size_t extra)
{
	size_t need = n->count + extra, cap = n->cap;
	const char **str;
	uint32_t *len;

	if (need >= AIRS__NONE)
		return AIRS_ENOMEM;
	if (airs__hashidx_reserve(&n->idx, mem, need))
		return AIRS_ENOMEM;
	if (need <= n->cap)
		return AIRS_OK;
	/* Grow both arrays to the same capacity; str first, and only commit
	 * the new capacity when both succeeded. */
	str = n->str;
	if (airs__grow(mem, &str, &cap, need, sizeof *str))
		return AIRS_ENOMEM;
	n->str = str;
	len = airs__realloc(mem, n->len, cap * sizeof *len);
	if (!len)
		return AIRS_ENOMEM;
	n->len = len;
	n->cap = cap;
	return AIRS_OK;
}

uint32_t airs__names_push(airs__names *n, const char *s, size_t len)
{
	uint32_t i = (uint32_t)n->count++;

	n->str[i] = s;
	n->len[i] = (uint32_t)len;
	airs__hashidx_insert(&n->idx, airs__hash_bytes(&n->key, s, len), i);
	return i;
}

void airs__names_truncate(airs__names *n, size_t count)
{
	if (count >= n->count)
		return;
	n->count = count;
	airs__hashidx_truncate(&n->idx, (uint32_t)count, hash_of, n);
}

void airs__names_free(airs__names *n, const airs__mem *mem)
{
	airs__free(mem, n->str);
	airs__free(mem, n->len);
	airs__hashidx_free(&n->idx, mem);
	memset(n, 0, sizeof *n);
}

size_t airs__names_search(size_t n, const char *id,
                          const char *(*id_at)(const void *ctx, size_t k),
                          const void *ctx)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id_at(ctx, mid), id);
		if (!c)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

int airs__names_order(const airs__names *n, const airs__mem *mem,
                      uint32_t **order, uint32_t **rank)
{
	size_t count = n->count, width, i;
	uint32_t *a, *b, *t, *r = NULL;

	*order = NULL;
	if (rank)
		*rank = NULL;
	a = airs__malloc(mem, (count ? count : 1) * sizeof *a);
	b = airs__malloc(mem, (count ? count : 1) * sizeof *b);
	if (rank)
		r = airs__malloc(mem, (count ? count : 1) * sizeof *r);
	if (!a || !b || (rank && !r)) {
		airs__free(mem, a);
		airs__free(mem, b);
		airs__free(mem, r);
		return AIRS_ENOMEM;
	}
	for (i = 0; i < count; i++)
		a[i] = (uint32_t)i;
	/* Bottom-up merge sort: runs of `width` merged pairwise from a to b. */
	for (width = 1; width < count; width *= 2) {
		for (i = 0; i < count; i += 2 * width) {
			size_t lo = i, mid = i + width < count ? i + width : count;
			size_t hi = i + 2 * width < count ? i + 2 * width : count;
			size_t x = lo, y = mid, k = lo;
			while (x < mid && y < hi)
				b[k++] = strcmp(n->str[a[y]], n->str[a[x]]) < 0 ? a[y++]
				                                                : a[x++];
			while (x < mid)
				b[k++] = a[x++];
			while (y < hi)
				b[k++] = a[y++];
		}
		t = a;
		a = b;
		b = t;
	}
	airs__free(mem, b);
	if (r)
		for (i = 0; i < count; i++)
			r[a[i]] = (uint32_t)i;
	*order = a;
	if (rank)
		*rank = r;
	return AIRS_OK;
}

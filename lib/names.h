/*
 * names.h - an id space: interned id strings numbered in order of addition.
 *
 * Each kind of entity (units, roles, skills, employees, ...) has its own
 * id space, so that "u1" can name both a unit and a role.  The strings
 * themselves live in the model's arena; an id space maps them to their
 * numbers and back.
 */
#ifndef AIRS_NAMES_H
#define AIRS_NAMES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hashidx.h"

typedef struct airs__names {
	const char **str; /* number -> id, NUL-terminated, in the arena */
	uint32_t *len;    /* number -> length in bytes */
	size_t count, cap;
	airs__hashidx idx;
	airs__hashkey key; /* set before the first push (airs__names_init) */
} airs__names;

static inline uint64_t airs__id_word8(const char *s)
{
	uint64_t w;

	memcpy(&w, s, sizeof w);
	return w;
}

static inline uint32_t airs__id_word4(const char *s)
{
	uint32_t w;

	memcpy(&w, s, sizeof w);
	return w;
}

/* memcmp(a, b, len) == 0 for ids, most of which are 4 to 24 bytes: in
 * eight-byte loads (four-byte below 8), the last one ending at len and
 * overlapping the one before, so no byte beyond either id is read.  A
 * call of memcmp for so few bytes cost more than the compare (issue
 * 23, load26). */
static inline int airs__id_same(const char *a, const char *b, size_t len)
{
	size_t k;

	if (len < 4) {
		for (k = 0; k < len; k++)
			if (a[k] != b[k])
				return 0;
		return 1;
	}
	if (len < 8)
		return airs__id_word4(a) == airs__id_word4(b) &&
		       airs__id_word4(a + len - 4) == airs__id_word4(b + len - 4);
	for (k = 0; k + 8 < len; k += 8)
		if (airs__id_word8(a + k) != airs__id_word8(b + k))
			return 0;
	return airs__id_word8(a + len - 8) == airs__id_word8(b + len - 8);
}

/* Is id number i of n the id s of len bytes?  (A stale or unknown
 * number is not.)  Inline: the id caches and the employee hint confirm
 * every record's ids with it. */
static inline int airs__names_is(const airs__names *n, uint32_t i,
                                 const char *s, size_t len)
{
	return i < n->count && n->len[i] == len &&
	       airs__id_same(n->str[i], s, len);
}

/* An empty id space hashing with key. */
void airs__names_init(airs__names *n, const airs__hashkey *key);

/* The number of id s (len bytes), or AIRS__NONE. */
uint32_t airs__names_find(const airs__names *n, const char *s, size_t len);

/* A small cache in front of airs__names_find() for the id spaces that
 * every record row names and that hold few ids (skills, items, courses,
 * roles, tools, attribute names and values): 128 sets of two slots of
 * numbers, the set picked by an unkeyed hash of the id's ends and each
 * slot confirmed against the stored id, so a hit costs one short hash
 * and a compare or two instead of the keyed SipHash and a probe (two
 * ways, so that two of a few dozen ids that share a set both stay).  A
 * slot only ever holds a guess: a stale or colliding one is refused by
 * the compare (a rollback may truncate n), so the cache needs no
 * invalidation and a zeroed one is empty.  Unkeyed hashing here is
 * safe: a crafted file can only make every lookup miss, which costs what
 * the cache saves, never more.  One cache per thread (it is written). */
#define AIRS__IDCACHE_BITS 8
#define AIRS__IDCACHE_SLOTS (1 << AIRS__IDCACHE_BITS)
typedef struct airs__idcache {
	uint32_t slot[AIRS__IDCACHE_SLOTS];
} airs__idcache;

/* airs__names_find() of the NUL-terminated s through cache c. */
uint32_t airs__names_find_cached(const airs__names *n, airs__idcache *c,
                                 const char *s);

/* Make room for `extra` more ids.  AIRS_ENOMEM leaves n unchanged. */
int airs__names_reserve(airs__names *n, const airs__mem *mem, size_t extra);

/* Append an id whose bytes stay valid (arena copy); room must have been
 * reserved.  Returns its number. */
uint32_t airs__names_push(airs__names *n, const char *s, size_t len);

/* Forget ids numbered count and above.  Never allocates. */
void airs__names_truncate(airs__names *n, size_t count);

void airs__names_free(airs__names *n, const airs__mem *mem);

/* The numbers 0..count-1 ordered by id (bytewise, as strcmp), in *order
 * (allocated; the caller frees it), and each number's position in that
 * order in *rank (allocated) when rank is not NULL.  A stable merge sort:
 * thread-safe, O(n log n).  AIRS_ENOMEM leaves nothing allocated. */
int airs__names_order(const airs__names *n, const airs__mem *mem,
                      uint32_t **order, uint32_t **rank);

/* Where id stands in a list of n ids in id order (bytewise ascending,
 * distinct), the k-th of which is id_at(ctx, k): a binary search.  Its
 * position, or SIZE_MAX when it is not there. */
size_t airs__names_search(size_t n, const char *id,
                          const char *(*id_at)(const void *ctx, size_t k),
                          const void *ctx);

#endif

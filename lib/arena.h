/*
 * arena.h - a chunked bump allocator for strings that never move.
 *
 * Ids and names live here for the life of a model: pointers stay valid as
 * the model grows, and a loader that fails can give back everything it
 * added by releasing to a mark.
 */
#ifndef AIRS_ARENA_H
#define AIRS_ARENA_H

#include <stddef.h>

#include "alloc.h"

struct airs__chunk;

typedef struct airs__arena {
	const airs__mem *mem;
	struct airs__chunk *head; /* newest chunk first */
	size_t used;              /* bytes used in head */
} airs__arena;

typedef struct airs__arena_mark {
	struct airs__chunk *head;
	size_t used;
} airs__arena_mark;

void airs__arena_init(airs__arena *a, const airs__mem *mem);
void airs__arena_free(airs__arena *a);

/* A NUL-terminated copy of len bytes at s, or NULL when out of memory. */
const char *airs__arena_strdup(airs__arena *a, const char *s, size_t len);

airs__arena_mark airs__arena_mark_get(const airs__arena *a);
/* Give back everything allocated since the mark.  Never allocates. */
void airs__arena_release(airs__arena *a, airs__arena_mark mark);

#endif

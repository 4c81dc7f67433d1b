/*
 * alloc.h - the allocator every handle carries, and overflow-checked growth.
 *
 * Every allocation the library makes goes through an airs__mem copied from
 * the caller's airs_allocator (or libc's when none was given), so that the
 * out-of-memory test can fail any allocation.
 */
#ifndef AIRS_ALLOC_H
#define AIRS_ALLOC_H

#include <stddef.h>

#include "airs/common.h"

typedef struct airs__mem {
	void *(*malloc)(size_t n, void *user);
	void *(*realloc)(void *p, size_t n, void *user);
	void (*free)(void *p, void *user);
	/* libc's calloc when the caller gave no allocator, else NULL
	 * (airs__calloc() then clears what malloc gives): a large block
	 * from calloc is fresh zero pages, so the parts never written - a
	 * scoring thread's shard covers every unit, its people few - cost
	 * no memory and no clearing */
	void *(*calloc)(size_t count, size_t size);
	void *user;
} airs__mem;

/* Fill mem from a caller's allocator (NULL: libc).  AIRS_EINVAL if the
 * allocator's size is too small or a function is missing. */
int airs__mem_init(airs__mem *mem, const airs_allocator *alloc);

/* n == 0 is treated as 1.  NULL on failure. */
void *airs__malloc(const airs__mem *mem, size_t n);
/* count * size bytes, zeroed; NULL on overflow or failure. */
void *airs__calloc(const airs__mem *mem, size_t count, size_t size);
/* p may be NULL (acts as malloc).  On failure p stays valid and NULL is
 * returned. */
void *airs__realloc(const airs__mem *mem, void *p, size_t n);
/* p may be NULL. */
void airs__free(const airs__mem *mem, void *p);
/* A NUL-terminated copy of the n bytes at s. */
char *airs__strndup(const airs__mem *mem, const char *s, size_t n);

/* Make *arr (of elements of elem bytes, capacity *cap) hold at least
 * `need` elements, growing geometrically.  On failure nothing changes and
 * AIRS_ENOMEM is returned. */
int airs__grow(const airs__mem *mem, void *arr, size_t *cap, size_t need,
               size_t elem);

#endif

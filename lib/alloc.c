/*
 * alloc.c - the allocator hook and overflow-checked growth.
 */
#include "alloc.h"

#include "abi.h"

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *libc_malloc(size_t n, void *user)
{
	(void)user;
	return malloc(n);
}

static void *libc_realloc(void *p, size_t n, void *user)
{
	(void)user;
	return realloc(p, n);
}

static void libc_free(void *p, void *user)
{
	(void)user;
	free(p);
}

int airs__mem_init(airs__mem *mem, const airs_allocator *alloc)
{
	airs_allocator a;

	if (!alloc) {
		mem->malloc = libc_malloc;
		mem->realloc = libc_realloc;
		mem->free = libc_free;
		mem->calloc = calloc;
		mem->user = NULL;
		return AIRS_OK;
	}
	if (AIRS__IN(ALLOCATOR, &a, alloc) || !a.malloc || !a.realloc ||
	    !a.free)
		return AIRS_EINVAL;
	mem->malloc = a.malloc;
	mem->realloc = a.realloc;
	mem->free = a.free;
	mem->calloc = NULL;
	mem->user = a.user;
	return AIRS_OK;
}

/* The host's allocator must align like malloc (airs/common.h): the
 * library stores doubles and 64-bit counts in what it returns. */
static void *aligned(void *p)
{
	assert(((uintptr_t)p % _Alignof(max_align_t)) == 0 &&
	       "airs_allocator: memory must be aligned for any object");
	return p;
}

void *airs__malloc(const airs__mem *mem, size_t n)
{
	return aligned(mem->malloc(n ? n : 1, mem->user));
}

void *airs__calloc(const airs__mem *mem, size_t count, size_t size)
{
	void *p;

	if (size && count > SIZE_MAX / size)
		return NULL;
	if (mem->calloc) /* n == 0 as 1, like airs__malloc() */
		return aligned(mem->calloc(count && size ? count : 1,
		                           count && size ? size : 1));
	p = airs__malloc(mem, count * size);
	if (p && count && size)
		memset(p, 0, count * size);
	return p;
}

void *airs__realloc(const airs__mem *mem, void *p, size_t n)
{
	if (!p)
		return airs__malloc(mem, n);
	return aligned(mem->realloc(p, n ? n : 1, mem->user));
}

void airs__free(const airs__mem *mem, void *p)
{
	if (p)
		mem->free(p, mem->user);
}

char *airs__strndup(const airs__mem *mem, const char *s, size_t n)
{
	char *d;

	if (n == SIZE_MAX)
		return NULL;
	d = airs__malloc(mem, n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

int airs__grow(const airs__mem *mem, void *arr, size_t *cap, size_t need,
               size_t elem)
{
	void **parr = arr;
	size_t ncap;
	void *p;

	if (need <= *cap)
		return AIRS_OK;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return AIRS_ENOMEM;
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / elem)
		return AIRS_ENOMEM;
	p = airs__realloc(mem, *parr, ncap * elem);
	if (!p)
		return AIRS_ENOMEM;
	*parr = p;
	*cap = ncap;
	return AIRS_OK;
}

/*
 * arena.c - a chunked bump allocator for strings that never move.
 */
#include "arena.h"

#include <string.h>

#define CHUNK_MIN 65536

struct airs__chunk {
	struct airs__chunk *next;
	size_t cap;
	char data[];
};

void airs__arena_init(airs__arena *a, const airs__mem *mem)
{
	a->mem = mem;
	a->head = NULL;
	a->used = 0;
}

void airs__arena_free(airs__arena *a)
{
	struct airs__chunk *c = a->head, *next;

	for (; c; c = next) {
		next = c->next;
		airs__free(a->mem, c);
	}
	a->head = NULL;
	a->used = 0;
}

const char *airs__arena_strdup(airs__arena *a, const char *s, size_t len)
{
	struct airs__chunk *c = a->head;
	char *d;

	if (len >= CHUNK_MIN / 4 || !c || c->cap - a->used < len + 1) {
		size_t cap = len + 1 > CHUNK_MIN ? len + 1 : CHUNK_MIN;
		c = airs__malloc(a->mem, sizeof *c + cap);
		if (!c)
			return NULL;
		c->cap = cap;
		if (len >= CHUNK_MIN / 4 && a->head) {
			/* A big string gets a chunk of its own behind the
			 * current one, so the current one keeps filling. */
			c->next = a->head->next;
			a->head->next = c;
			memcpy(c->data, s, len);
			c->data[len] = '\0';
			return c->data;
		}
		c->next = a->head;
		a->head = c;
		a->used = 0;
	}
	d = c->data + a->used;
	memcpy(d, s, len);
	d[len] = '\0';
	a->used += len + 1;
	return d;
}

airs__arena_mark airs__arena_mark_get(const airs__arena *a)
{
	airs__arena_mark m;

	m.head = a->head;
	m.used = a->used;
	return m;
}

void airs__arena_release(airs__arena *a, airs__arena_mark mark)
{
	struct airs__chunk *c = a->head, *next;

	/* Free chunks added since the mark, including big-string chunks
	 * linked behind the marked head after the mark was taken. */
	while (c && c != mark.head) {
		next = c->next;
		airs__free(a->mem, c);
		c = next;
	}
	a->head = c;
	a->used = mark.used;
}

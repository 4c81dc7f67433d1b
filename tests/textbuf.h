/*
 * textbuf.h - a growing, NUL-terminated buffer that tests collect a
 * writer's output into (airs_write_fn pieces, in order).
 */
#ifndef AIRS_TEST_TEXTBUF_H
#define AIRS_TEST_TEXTBUF_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

struct textbuf {
	char *p;          /* NUL-terminated once anything was added */
	size_t n, cap;
};

static inline void textbuf_add(struct textbuf *b, const void *data, size_t len)
{
	if (b->n + len + 1 > b->cap) {
		b->cap = (b->n + len + 1) * 2;
		b->p = realloc(b->p, b->cap);
		ck_assert_ptr_nonnull(b->p);
	}
	memcpy(b->p + b->n, data, len);
	b->n += len;
	b->p[b->n] = '\0';
}

/* An airs_write_fn appending to the textbuf at user. */
static inline int textbuf_write(const void *data, size_t len, void *user)
{
	textbuf_add(user, data, len);
	return 0;
}

#endif

/*
 * sink.h - buffered output through a caller's airs_write_fn.
 *
 * Writers (json.c, csvout.c) put bytes into a fixed buffer that is handed
 * to the caller's function whenever it fills, so nothing is allocated per
 * value.  The first failure sticks: once the writer has returned nonzero,
 * nothing more is written and airs__sink_finish() reports AIRS_EIO.
 */
#ifndef AIRS_SINK_H
#define AIRS_SINK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "airs/common.h"
#include "num.h"

/* Bytes handed to the writer at a time (at most). */
#define AIRS__SINK_BUF 4096

typedef struct airs__sink {
	airs_write_fn write;
	void *user;
	int status;   /* AIRS_OK, or AIRS_EIO once the writer failed */
	size_t n;     /* bytes in buf */
	char buf[AIRS__SINK_BUF];
} airs__sink;

void airs__sink_init(airs__sink *s, airs_write_fn write, void *user);
/* What put() does when the bytes do not fit in what is left of buf. */
void airs__sink_put_more(airs__sink *s, const void *data, size_t len);

/* The writer always gets whole buffers of AIRS__SINK_BUF bytes and then
 * the rest, whatever the calls that made them.  Bytes put after a failure
 * are dropped when the buffer would be handed over. */
static inline void airs__sink_put(airs__sink *s, const void *data, size_t len)
{
	if (len < sizeof s->buf - s->n) {
		memcpy(s->buf + s->n, data, len);
		s->n += len;
	} else {
		airs__sink_put_more(s, data, len);
	}
}

static inline void airs__sink_puts(airs__sink *s, const char *str)
{
	airs__sink_put(s, str, strlen(str));
}

static inline void airs__sink_putc(airs__sink *s, char c)
{
	if (s->n + 1 < sizeof s->buf)
		s->buf[s->n++] = c;
	else
		airs__sink_put_more(s, &c, 1);
}

/* Numbers as num.h writes them: v locale-free (nothing when it is not
 * finite), integers in decimal.  Inline, as put() is: exports write
 * millions of them.  When the longest text fits in what is left of the
 * buffer (and a byte more, as put() keeps), the number is written in
 * place; else through a copy, which puts the same bytes. */
static inline void airs__sink_number(airs__sink *s, double v)
{
	char b[AIRS__NUM_MAX];

	if (sizeof s->buf - s->n > AIRS__NUM_MAX) {
		s->n += airs__format_double(s->buf + s->n, v);
		return;
	}
	airs__sink_put(s, b, airs__format_double(b, v));
}

static inline void airs__sink_int(airs__sink *s, long long v)
{
	char b[AIRS__INT_MAX];

	if (sizeof s->buf - s->n > AIRS__INT_MAX) {
		s->n += airs__format_int(s->buf + s->n, v);
		return;
	}
	airs__sink_put(s, b, airs__format_int(b, v));
}

static inline void airs__sink_uint(airs__sink *s, uint64_t v)
{
	char b[AIRS__INT_MAX];

	if (sizeof s->buf - s->n > AIRS__INT_MAX) {
		s->n += airs__format_uint(s->buf + s->n, v);
		return;
	}
	airs__sink_put(s, b, airs__format_uint(b, v));
}

/* Hand what is buffered to the writer; returns the sink's status. */
int airs__sink_finish(airs__sink *s);

#endif

/*
 * sink.c - buffered output through a caller's airs_write_fn.
 */
#include "sink.h"

#include <string.h>

void airs__sink_init(airs__sink *s, airs_write_fn write, void *user)
{
	s->write = write;
	s->user = user;
	s->status = AIRS_OK;
	s->n = 0;
}

static void flush(airs__sink *s)
{
	if (s->n && s->status == AIRS_OK && s->write(s->buf, s->n, s->user))
		s->status = AIRS_EIO;
	s->n = 0;
}

void airs__sink_put_more(airs__sink *s, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		size_t k = sizeof s->buf - s->n;
		if (!s->n && len >= sizeof s->buf) {
			/* a whole piece straight from data: the bytes the
			 * buffer would have held, without the copy (a chunk
			 * of rows formatted apart, export-rows.c) */
			if (s->status == AIRS_OK &&
			    s->write(p, sizeof s->buf, s->user))
				s->status = AIRS_EIO;
			p += sizeof s->buf;
			len -= sizeof s->buf;
			continue;
		}
		if (k > len)
			k = len;
		memcpy(s->buf + s->n, p, k);
		s->n += k;
		p += k;
		len -= k;
		if (s->n == sizeof s->buf)
			flush(s);
	}
}

int airs__sink_finish(airs__sink *s)
{
	flush(s);
	return s->status;
}

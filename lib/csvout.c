/*
 * csvout.c - an RFC 4180 CSV writer (quoting and line ends: csvout.h).
 */
#include "csvout.h"

#include <math.h>
#include <string.h>

void airs__csvout_init(airs__csvout *c, airs__sink *out)
{
	c->out = out;
	c->fields = 0;
}

static void sep(airs__csvout *c)
{
	if (c->fields++)
		airs__sink_putc(c->out, ',');
}

void airs__csvout_string(airs__csvout *c, const char *s)
{
	const char *q;
	size_t n;

	sep(c);
	if (!s)
		return;
	/* one pass: the length of a field that needs no quotes */
	n = strcspn(s, ",\"\r\n");
	if (!s[n]) {
		airs__sink_put(c->out, s, n);
		return;
	}
	airs__sink_putc(c->out, '"');
	while ((q = strchr(s, '"')) != NULL) {
		airs__sink_put(c->out, s, (size_t)(q - s) + 1);
		airs__sink_putc(c->out, '"');
		s = q + 1;
	}
	airs__sink_puts(c->out, s);
	airs__sink_putc(c->out, '"');
}

void airs__csvout_number(airs__csvout *c, double v)
{
	sep(c);
	if (isfinite(v)) /* else an empty field */
		airs__sink_number(c->out, v);
}

void airs__csvout_int(airs__csvout *c, long long v)
{
	sep(c);
	airs__sink_int(c->out, v);
}

void airs__csvout_uint(airs__csvout *c, uint64_t v)
{
	sep(c);
	airs__sink_uint(c->out, v);
}

void airs__csvout_empty(airs__csvout *c)
{
	sep(c);
}

void airs__csvout_end_row(airs__csvout *c)
{
	airs__sink_putc(c->out, '\n');
	c->fields = 0;
}

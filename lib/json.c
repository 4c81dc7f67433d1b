/*
 * json.c - a small streaming JSON writer (layout and escaping: json.h).
 */
#include "json.h"

#include <math.h>
#include <string.h>

void airs__json_init(airs__json *j, airs__sink *out)
{
	memset(j, 0, sizeof *j);
	j->out = out;
}

static void indent(airs__json *j, int depth)
{
	static const char spaces[] = "                                ";
	int k;

	airs__sink_putc(j->out, '\n');
	for (k = 0; k < depth; k++)
		airs__sink_put(j->out, spaces, 2);
}

/* What comes before any value or key: the separator from the previous
 * member and the line break of a non-flat container. */
static void before(airs__json *j)
{
	int d = j->depth;

	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (d == 0)
		return;
	if (!j->empty[d - 1])
		airs__sink_put(j->out, j->flat[d - 1] ? ", " : ",", j->flat[d - 1] ? 2 : 1);
	if (!j->flat[d - 1])
		indent(j, d);
	j->empty[d - 1] = 0;
}

static void open_container(airs__json *j, char c, int flat)
{
	before(j);
	airs__sink_putc(j->out, c);
	if (j->depth < AIRS__JSON_DEPTH) {
		j->flat[j->depth] = (unsigned char)(flat || (j->depth && j->flat[j->depth - 1]));
		j->empty[j->depth] = 1;
	}
	j->depth++;
}

static void close_container(airs__json *j, char c)
{
	j->depth--;
	if (j->depth < AIRS__JSON_DEPTH && !j->flat[j->depth] && !j->empty[j->depth])
		indent(j, j->depth);
	airs__sink_putc(j->out, c);
}

void airs__json_fork(airs__json *child, const airs__json *parent)
{
	int d = parent->depth;

	child->depth = d;
	child->after_key = 0;
	memcpy(child->empty, parent->empty, sizeof child->empty);
	memcpy(child->flat, parent->flat, sizeof child->flat);
	if (d > 0 && d <= AIRS__JSON_DEPTH)
		child->empty[d - 1] = 1;
}

void airs__json_join(airs__json *j)
{
	int d = j->depth;

	if (d <= 0 || d > AIRS__JSON_DEPTH)
		return;
	if (!j->empty[d - 1])
		airs__sink_put(j->out, j->flat[d - 1] ? ", " : ",",
		               j->flat[d - 1] ? 2 : 1);
	j->empty[d - 1] = 0;
}

void airs__json_begin_object(airs__json *j, int flat) { open_container(j, '{', flat); }
void airs__json_end_object(airs__json *j) { close_container(j, '}'); }
void airs__json_begin_array(airs__json *j, int flat) { open_container(j, '[', flat); }
void airs__json_end_array(airs__json *j) { close_container(j, ']'); }

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when s does not
 * start one (RFC 3629: no overlongs, no surrogates, at most U+10FFFF). */
static size_t utf8_len(const unsigned char *s)
{
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		unsigned lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
		return s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		unsigned lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
		return s[1] >= lo && s[1] <= hi && (s[2] & 0xc0) == 0x80 &&
		               (s[3] & 0xc0) == 0x80
		           ? 4
		           : 0;
	}
	return 0;
}

/* Bytes that stand for themselves in a JSON string: printable ASCII
 * except '"' and '\\'.  Others are escaped, or checked as UTF-8. */
static const unsigned char plain[256] = {
	[0x20] = 1, 1, 0 /* '"' */, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x30] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x40] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x50] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0 /* '\\' */, 1, 1, 1,
	[0x60] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x70] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

void airs__json_quote(airs__sink *out, const char *str)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)str, *run = s;
	size_t k;

	airs__sink_putc(out, '"');
	for (;;) {
		/* the longest stretch that needs no escaping goes in one piece */
		while (plain[*s])
			s++;
		if (*s >= 0x80 && (k = utf8_len(s)) != 0) {
			s += k;
			continue;
		}
		airs__sink_put(out, run, (size_t)(s - run));
		if (!*s)
			break;
		if (*s == '"' || *s == '\\') {
			char e[2] = { '\\', (char)*s };
			airs__sink_put(out, e, 2);
		} else if (*s < 0x20) {
			char e[6] = { '\\', 'u', '0', '0', hex[*s >> 4], hex[*s & 15] };
			airs__sink_put(out, e, 6);
		} else {
			airs__sink_put(out, "\\ufffd", 6); /* a byte of invalid UTF-8 */
		}
		run = ++s;
	}
	airs__sink_putc(out, '"');
}

void airs__json_key(airs__json *j, const char *key)
{
	before(j);
	airs__json_quote(j->out, key);
	airs__sink_put(j->out, ": ", 2);
	j->after_key = 1;
}

void airs__json_string(airs__json *j, const char *s)
{
	if (!s) {
		airs__json_null(j);
		return;
	}
	before(j);
	airs__json_quote(j->out, s);
}

void airs__json_number(airs__json *j, double v)
{
	if (!isfinite(v)) {
		airs__json_null(j);
		return;
	}
	before(j);
	airs__sink_number(j->out, v);
}

void airs__json_int(airs__json *j, long long v)
{
	before(j);
	airs__sink_int(j->out, v);
}

void airs__json_uint(airs__json *j, uint64_t v)
{
	before(j);
	airs__sink_uint(j->out, v);
}

void airs__json_bool(airs__json *j, int v)
{
	before(j);
	airs__sink_puts(j->out, v ? "true" : "false");
}

void airs__json_null(airs__json *j)
{
	before(j);
	airs__sink_put(j->out, "null", 4);
}

void airs__json_finish(airs__json *j)
{
	airs__sink_putc(j->out, '\n');
}

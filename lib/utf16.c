/*
 * utf16.c - UTF-16 with a BOM, converted to UTF-8 as it streams.
 *
 * Raw bytes are read AIRS__UTF16_RAW at a time and converted whole into
 * out[]; a unit or a surrogate pair cut by the refill boundary waits in
 * raw[] for the next refill.  Every two raw bytes give at most three
 * UTF-8 bytes (a pair, four raw bytes, gives four), so out[] holds any
 * refill's conversion.
 */
#include "utf16.h"

#include <string.h>

#include "airs/common.h"

int airs__utf16_bom(const char *p, size_t n)
{
	const unsigned char *b = (const unsigned char *)p;

	if (n < 2)
		return 0;
	return b[0] == 0xFF && b[1] == 0xFE ? 1 : b[0] == 0xFE && b[1] == 0xFF ? 2 : 0;
}

void airs__utf16_init(airs__utf16 *u, int order, airs__read_fn read, void *ctx)
{
	memset(u, 0, offsetof(airs__utf16, raw));
	u->read = read;
	u->ctx = ctx;
	u->big = order == 2;
	u->nraw = u->pos = u->len = 0;
	u->msg[0] = '\0';
}

static unsigned unit_at(const airs__utf16 *u, size_t i)
{
	const unsigned char *b = u->raw + i;

	return u->big ? (unsigned)b[0] << 8 | b[1] : (unsigned)b[1] << 8 | b[0];
}

static size_t put(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Convert raw[0..nraw) into out[]; keep a cut unit or pair in raw[]. */
static void convert(airs__utf16 *u)
{
	size_t i = 0, n = u->nraw;

	u->pos = u->len = 0;
	if (!u->started && n >= 2) {
		i = 2; /* the BOM */
		u->started = 1;
	}
	while (n - i >= 2) {
		unsigned w = unit_at(u, i), cp = w;

		if (w >= 0xD800 && w < 0xDC00) {
			unsigned lo;
			if (n - i < 4)
				break; /* the pair's second half comes next */
			lo = unit_at(u, i + 2);
			if (lo < 0xDC00 || lo > 0xDFFF)
				goto lone;
			cp = 0x10000 + ((w - 0xD800) << 10) + (lo - 0xDC00);
			i += 2;
		} else if (w >= 0xDC00 && w <= 0xDFFF) {
			goto lone;
		}
		u->len += put(u->out + u->len, cp);
		i += 2;
	}
	memmove(u->raw, u->raw + i, n - i);
	u->nraw = n - i;
	if (u->eof && u->nraw)
		(void)airs__fail(u->msg, AIRS_EPARSE,
		                  u->nraw == 1 ? "the UTF-16 file ends in the "
		                                 "middle of a character"
		                               : "the UTF-16 file ends with half "
		                                 "of a surrogate pair");
	return;
lone:
	/* What came before is handed on first, so that the reader's line
	 * is the damaged one's. */
	(void)airs__fail(u->msg, AIRS_EPARSE, "invalid UTF-16: a lone surrogate "
	           "(0x%04X) without its other half; the file is damaged: "
	           "export it again, or save it as UTF-8", unit_at(u, i));
	u->nraw = 0;
	return;
}

int airs__utf16_read(void *ctx, char *buf, size_t cap, size_t *got)
{
	airs__utf16 *u = ctx;
	size_t n;
	int rc;

	*got = 0;
	while (u->pos == u->len) {
		if (u->msg[0])
			return AIRS_EPARSE;
		if (u->eof)
			break;
		n = 0;
		rc = u->read(u->ctx, (char *)u->raw + u->nraw,
		             AIRS__UTF16_RAW - u->nraw, &n);
		if (rc || n > AIRS__UTF16_RAW - u->nraw)
			return AIRS_EIO;
		u->eof = n == 0;
		u->nraw += n;
		convert(u);
	}
	n = u->len - u->pos < cap ? u->len - u->pos : cap;
	memcpy(buf, u->out + u->pos, n);
	u->pos += n;
	*got = n;
	return AIRS_OK;
}

int airs__mem_read(void *ctx, char *buf, size_t cap, size_t *got)
{
	airs__mem_input *m = ctx;
	size_t n = m->left < cap ? m->left : cap;

	if (n)
		memcpy(buf, m->p, n);
	m->p += n;
	m->left -= n;
	*got = n;
	return AIRS_OK;
}

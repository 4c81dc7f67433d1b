/*
 * csv.c - streaming RFC 4180 reader.
 *
 * A record is parsed in one call of airs__csv_next(), so the parser state
 * lives in the call stack, not in a resumable state machine: when the
 * input runs dry in mid-record, fill() fetches the next chunk and parsing
 * carries on where it was.  Field bytes are copied into one record buffer,
 * NUL-terminated one after another; off[] holds where each field starts.
 *
 * The common case - an unquoted run of ordinary bytes - is found with a
 * table-driven scan (or memchr inside quotes) and copied with memcpy.
 * Structural bytes are all ASCII and UTF-8 continuation bytes never are,
 * so UTF-8 is validated per finished field, after unquoting, with an
 * 8-bytes-at-a-time ASCII fast path; the position rules stay exact
 * because a field's bytes are exactly the input bytes between its
 * delimiters, less the quoting.
 */
#include "csv.h"

#include <string.h>

#include "airs/common.h"
#include "error.h"

struct airs__csv {
	airs__mem mem;
	airs__read_fn read; /* NULL for a buffer reader */
	void *ctx;
	const char *p, *end; /* unread input */
	char *ibuf;          /* read buffer of a callback reader */

	char *rec;           /* fields of the current record, each NUL-ended */
	size_t rlen, rcap;
	size_t *off;         /* off[i]: start of field i in rec; nf+1 used */
	size_t ocap;
	size_t nf;           /* fields of the current record */
	size_t header;       /* fields of the header record; 0 before it */
	uint32_t max_field;

	uint64_t line;       /* physical line of the byte at p */
	uint64_t rec_line;   /* line where the current record starts */
	uint32_t col;        /* field being read, 1-based; 0 between records */
	int status;          /* first error, kept: errors are sticky */
	unsigned eof : 1;    /* the input is exhausted */
	unsigned done : 1;   /* airs__csv_next() returned 0 */
	unsigned started : 1;/* the BOM check has run */

	uint64_t err_line;
	uint32_t err_col;
	char msg[AIRS__MSG_MAX];
};

/* How a field ended. */
enum { END_COMMA = 1, END_LINE, END_INPUT };

/* Bytes that end a run of plain data in an unquoted field. */
static const unsigned char stop_plain[256] = {
	['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1,
};

static int fail(airs__csv *c, int status, uint64_t line, uint32_t col,
                const char *fmt, ...) AIRS__PRINTF(5, 6);

static int fail(airs__csv *c, int status, uint64_t line, uint32_t col,
                const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	airs__vfail(c->msg, status, fmt, ap);
	va_end(ap);
	c->status = status;
	c->err_line = line;
	c->err_col = col;
	c->nf = 0;
	return status;
}

/* An error inside the current record, at the field being read. */
#define FAIL(c, status, ...) fail((c), (status), (c)->rec_line, (c)->col, __VA_ARGS__)

static int alloc_reader(airs__csv **out, const airs__mem *mem, uint32_t max_field)
{
	airs__csv *c;

	c = airs__calloc(mem, 1, sizeof *c);
	if (!c)
		return AIRS_ENOMEM;
	c->mem = *mem;
	c->max_field = max_field ? max_field : AIRS__CSV_MAX_FIELD_DEFAULT;
	c->line = 1;
	c->msg[0] = '\0';
	*out = c;
	return AIRS_OK;
}

int airs__csv_new(airs__csv **out, const airs__mem *mem, airs__read_fn read,
                  void *ctx, uint32_t max_field)
{
	airs__csv *c;
	int rc;

	if (!out)
		return AIRS_EINVAL;
	*out = NULL;
	if (!mem || !read)
		return AIRS_EINVAL;
	rc = alloc_reader(&c, mem, max_field);
	if (rc)
		return rc;
	c->ibuf = airs__malloc(mem, AIRS__CSV_CHUNK);
	if (!c->ibuf) {
		airs__free(mem, c);
		return AIRS_ENOMEM;
	}
	c->read = read;
	c->ctx = ctx;
	c->p = c->end = c->ibuf;
	*out = c;
	return AIRS_OK;
}

int airs__csv_new_buffer(airs__csv **out, const airs__mem *mem,
                         const char *data, size_t len, uint32_t max_field)
{
	airs__csv *c;
	int rc;

	if (!out)
		return AIRS_EINVAL;
	*out = NULL;
	if (!mem || (!data && len))
		return AIRS_EINVAL;
	rc = alloc_reader(&c, mem, max_field);
	if (rc)
		return rc;
	if (!data)
		data = "";
	c->p = data;
	c->end = data + len;
	c->eof = 1; /* all of the input is already in view */
	*out = c;
	return AIRS_OK;
}

void airs__csv_free(airs__csv *c)
{
	if (!c)
		return;
	airs__free(&c->mem, c->rec);
	airs__free(&c->mem, c->off);
	airs__free(&c->mem, c->ibuf);
	airs__free(&c->mem, c);
}

/* Read `at` onwards of the read buffer.  Returns 1 if bytes arrived, 0 at
 * the end of the input, or an error.  The callback is not called again
 * once it has reported the end. */
static int read_more(airs__csv *c, size_t at)
{
	size_t got = 0;
	int rc;

	if (c->eof)
		return 0;
	rc = c->read(c->ctx, c->ibuf + at, AIRS__CSV_CHUNK - at, &got);
	if (rc || got > AIRS__CSV_CHUNK - at)
		return fail(c, AIRS_EIO, c->col ? c->rec_line : c->line, c->col,
		            "the input could not be read");
	if (!got) {
		c->eof = 1;
		return 0;
	}
	c->p = c->ibuf;
	c->end = c->ibuf + at + got;
	return 1;
}

/* Called when p == end: refill the input.  1, 0 (end) or an error. */
static int fill(airs__csv *c)
{
	return read_more(c, 0);
}

/* Drop a UTF-8 byte order mark at the very start.  A callback may hand
 * the three bytes over one at a time, so gather them first. */
static int skip_bom(airs__csv *c)
{
	int rc;

	c->started = 1;
	if (c->read) {
		while ((size_t)(c->end - c->p) < 3) {
			rc = read_more(c, (size_t)(c->end - c->ibuf));
			if (rc < 0)
				return rc;
			if (rc == 0)
				break;
		}
	}
	if (c->end - c->p >= 3 && memcmp(c->p, "\xEF\xBB\xBF", 3) == 0)
		c->p += 3;
	return AIRS_OK;
}

/* First position in [p, e) holding a byte marked in stop, or e. */
static const char *scan(const char *p, const char *e, const unsigned char *stop)
{
	while (e - p >= 4) {
		if (stop[(unsigned char)p[0]])
			return p;
		if (stop[(unsigned char)p[1]])
			return p + 1;
		if (stop[(unsigned char)p[2]])
			return p + 2;
		if (stop[(unsigned char)p[3]])
			return p + 3;
		p += 4;
	}
	while (p < e && !stop[(unsigned char)*p])
		p++;
	return p;
}

static uint64_t count_lf(const char *p, const char *e)
{
	uint64_t n = 0;

	while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Add n bytes at s to the field that starts at fstart in rec. */
static int append(airs__csv *c, const char *s, size_t n, size_t fstart,
                  int quoted)
{
	if (n > c->max_field - (c->rlen - fstart))
		return FAIL(c, AIRS_ELIMIT, "field is longer than %lu bytes%s",
		            (unsigned long)c->max_field,
		            quoted ? " (is a closing quote missing?)" : "");
	if (c->rcap - c->rlen < n + 1 &&
	    airs__grow(&c->mem, &c->rec, &c->rcap, c->rlen + n + 1, 1))
		return FAIL(c, AIRS_ENOMEM, "out of memory reading a record of "
		            "%lu bytes", (unsigned long)(c->rlen + n));
	memcpy(c->rec + c->rlen, s, n);
	c->rlen += n;
	return AIRS_OK;
}

/* Offset of the first byte in s[0..n) that starts an ill-formed UTF-8
 * sequence or is NUL; n if there is none.  Follows Table 3-7 of the
 * Unicode Standard, so overlong forms, surrogates and code points above
 * U+10FFFF are ill-formed. */
static size_t utf8_check(const unsigned char *s, size_t n)
{
	const uint64_t hi = 0x8080808080808080u, lo = 0x0101010101010101u;
	size_t i = 0;

	while (i < n) {
		unsigned char b = s[i];
		unsigned char lo2 = 0x80, hi2 = 0xBF;
		size_t len, k;

		if (n - i >= 8) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			/* no high bit and no zero byte: eight ASCII characters */
			if (!(w & hi) && !((w - lo) & ~w & hi)) {
				i += 8;
				continue;
			}
		}
		if (b < 0x80) {
			if (!b)
				return i;
			i++;
			continue;
		}
		if (b >= 0xC2 && b <= 0xDF)
			len = 2;
		else if (b >= 0xE0 && b <= 0xEF)
			len = 3;
		else if (b >= 0xF0 && b <= 0xF4)
			len = 4;
		else
			return i;
		if (b == 0xE0)
			lo2 = 0xA0;
		else if (b == 0xED)
			hi2 = 0x9F;
		else if (b == 0xF0)
			lo2 = 0x90;
		else if (b == 0xF4)
			hi2 = 0x8F;
		if (n - i < len || s[i + 1] < lo2 || s[i + 1] > hi2)
			return i;
		for (k = 2; k < len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return i;
		i += len;
	}
	return n;
}

/* Check the bytes of the field so far; AIRS_OK or an error naming the
 * first bad byte. */
static int check_field(airs__csv *c, size_t fstart)
{
	const unsigned char *s;
	size_t n = c->rlen - fstart, i;

	if (!n) /* rec may still be NULL: no arithmetic on it */
		return AIRS_OK;
	s = (const unsigned char *)c->rec + fstart;
	i = utf8_check(s, n);
	if (i == n)
		return AIRS_OK;
	if (!s[i])
		return FAIL(c, AIRS_EPARSE, "NUL byte (0x00) at byte %lu of the "
		            "field; the file may be UTF-16 or binary: save it as "
		            "UTF-8 text", (unsigned long)i + 1);
	return FAIL(c, AIRS_EPARSE, "invalid UTF-8 byte 0x%02x at byte %lu of "
	            "the field; save the file as UTF-8 (it may be in Latin-1 or "
	            "Windows-1252)", s[i], (unsigned long)i + 1);
}

/* The field so far, quoted for a message.  Checks it first, so that a
 * message never quotes invalid UTF-8: that error, earlier in the text,
 * is the one reported. */
static int field_text(airs__csv *c, size_t fstart, char *buf, size_t n)
{
	int rc = check_field(c, fstart);

	if (rc)
		return rc;
	if (c->rlen == fstart)
		buf[0] = '\0';
	else
		airs__quote(buf, n, c->rec + fstart, c->rlen - fstart);
	return AIRS_OK;
}

/* At a CR outside quotes: it must begin a CRLF line end. */
static int eat_crlf(airs__csv *c)
{
	int rc;

	c->p++;
	if (c->p == c->end) {
		rc = fill(c);
		if (rc < 0)
			return rc;
		if (rc == 0)
			goto lone;
	}
	if (*c->p != '\n')
		goto lone;
	c->p++;
	c->line++;
	return END_LINE;
lone:
	return FAIL(c, AIRS_EPARSE, "carriage return (CR) without a line feed "
	            "(LF) outside quotes; save the file with LF or CRLF line "
	            "ends");
}

static int plain_field(airs__csv *c, size_t fstart)
{
	char val[64];
	int rc;

	for (;;) {
		const char *q = scan(c->p, c->end, stop_plain);

		if (q > c->p) {
			rc = append(c, c->p, (size_t)(q - c->p), fstart, 0);
			if (rc)
				return rc;
			c->p = q;
		}
		if (q == c->end) {
			rc = fill(c);
			if (rc <= 0)
				return rc < 0 ? rc : END_INPUT;
			continue;
		}
		switch (*q) {
		case ',':
			c->p++;
			return END_COMMA;
		case '\n':
			c->p++;
			c->line++;
			return END_LINE;
		case '\r':
			return eat_crlf(c);
		default: /* '"' */
			rc = field_text(c, fstart, val, sizeof val);
			if (rc)
				return rc;
			return FAIL(c, AIRS_EPARSE, "quote (\") after \"%s\" in an "
			            "unquoted field; a field that contains quotes "
			            "must be quoted, with each quote inside doubled "
			            "(\"\")", val);
		}
	}
}

static int quoted_field(airs__csv *c, size_t fstart)
{
	uint64_t qline = c->line;
	char val[64];
	int rc;

	c->p++; /* the opening quote */
	for (;;) {
		const char *q;

		if (c->p == c->end) {
			rc = fill(c);
			if (rc < 0)
				return rc;
			if (rc == 0)
				return FAIL(c, AIRS_EPARSE, "the quoted field opened "
				            "on line %llu has no closing quote",
				            (unsigned long long)qline);
		}
		q = memchr(c->p, '"', (size_t)(c->end - c->p));
		if (!q)
			q = c->end;
		if (q > c->p) {
			rc = append(c, c->p, (size_t)(q - c->p), fstart, 1);
			if (rc)
				return rc;
			c->line += count_lf(c->p, q);
			c->p = q;
		}
		if (q == c->end)
			continue;
		/* a quote: either doubled (data) or closing */
		c->p++;
		if (c->p == c->end) {
			rc = fill(c);
			if (rc <= 0)
				return rc < 0 ? rc : END_INPUT;
		}
		switch (*c->p) {
		case '"':
			rc = append(c, c->p, 1, fstart, 1);
			if (rc)
				return rc;
			c->p++;
			continue;
		case ',':
			c->p++;
			return END_COMMA;
		case '\n':
			c->p++;
			c->line++;
			return END_LINE;
		case '\r':
			return eat_crlf(c);
		default:
			rc = field_text(c, fstart, val, sizeof val);
			if (rc)
				return rc;
			return FAIL(c, AIRS_EPARSE, "text after the closing quote "
			            "of \"%s\"; a quote inside a quoted field must be "
			            "doubled (\"\")", val);
		}
	}
}

/* Skip empty lines.  1 at the first byte of a record, 0 at the end. */
static int skip_blank(airs__csv *c)
{
	int rc;

	for (;;) {
		if (c->p == c->end) {
			rc = fill(c);
			if (rc <= 0)
				return rc;
		}
		if (*c->p == '\n') {
			c->p++;
			c->line++;
		} else if (*c->p == '\r') {
			c->rec_line = c->line;
			c->col = 1;
			rc = eat_crlf(c);
			c->col = 0;
			if (rc < 0)
				return rc;
		} else {
			return 1;
		}
	}
}

int airs__csv_next(airs__csv *c)
{
	int rc, end;

	if (!c)
		return AIRS_EINVAL;
	if (c->status)
		return c->status;
	c->nf = 0;
	c->rlen = 0;
	if (c->done)
		return 0;
	if (!c->started && (rc = skip_bom(c)) < 0)
		return rc;
	rc = skip_blank(c);
	if (rc <= 0) {
		c->done = rc == 0;
		return rc;
	}
	c->rec_line = c->line;
	do {
		size_t fstart = c->rlen;

		if (c->nf == AIRS__CSV_MAX_FIELDS) {
			c->col = (uint32_t)c->nf + 1;
			return FAIL(c, AIRS_ELIMIT, "record has more than %u fields",
			            AIRS__CSV_MAX_FIELDS);
		}
		c->col = (uint32_t)c->nf + 1;
		/* room for this field's offset and the end offset after it */
		if (c->ocap < c->nf + 2 &&
		    airs__grow(&c->mem, &c->off, &c->ocap, c->nf + 2,
		               sizeof *c->off))
			return FAIL(c, AIRS_ENOMEM, "out of memory reading a "
			            "record of %lu fields", (unsigned long)c->nf + 1);
		c->off[c->nf] = fstart;
		if (c->p == c->end) {
			/* input ends right after a comma: an empty last field */
			rc = fill(c);
			if (rc < 0)
				return rc;
		}
		if (c->p < c->end && *c->p == '"')
			end = quoted_field(c, fstart);
		else if (c->p < c->end)
			end = plain_field(c, fstart);
		else
			end = END_INPUT;
		if (end < 0)
			return end;
		if ((rc = check_field(c, fstart)) != 0 ||
		    (rc = append(c, "", 0, fstart, 0)) != 0)
			return rc;
		c->rec[c->rlen++] = '\0'; /* append() left room for it */
		c->off[++c->nf] = c->rlen;
	} while (end == END_COMMA);
	c->col = 0;

	if (!c->header) {
		c->header = c->nf;
	} else if (c->nf != c->header) {
		size_t n = c->nf;
		return fail(c, AIRS_EPARSE, c->rec_line,
		            (uint32_t)(n < c->header ? n : c->header) + 1,
		            "record has %lu field%s but the header has %lu",
		            (unsigned long)n, n == 1 ? "" : "s",
		            (unsigned long)c->header);
	}
	return 1;
}

size_t airs__csv_nfields(const airs__csv *c)
{
	return c ? c->nf : 0;
}

const char *airs__csv_field(const airs__csv *c, size_t i, size_t *len)
{
	if (!c || i >= c->nf)
		return NULL;
	if (len)
		*len = c->off[i + 1] - c->off[i] - 1;
	return c->rec + c->off[i];
}

uint64_t airs__csv_line(const airs__csv *c)
{
	return c ? c->rec_line : 0;
}

uint64_t airs__csv_error_line(const airs__csv *c)
{
	return c && c->status ? c->err_line : 0;
}

uint32_t airs__csv_error_column(const airs__csv *c)
{
	return c && c->status ? c->err_col : 0;
}

const char *airs__csv_errmsg(const airs__csv *c)
{
	return c && c->status ? c->msg : "";
}

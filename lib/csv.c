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

#include <stdint.h>
#include <string.h>

#include "airs/common.h"
#include "error.h"
#include "text.h"

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

	uint64_t delivered;  /* bytes of input received so far */
	uint64_t line;       /* physical line of the byte at p */
	uint64_t rec_line;   /* line where the current record starts */
	uint32_t col;        /* field being read, 1-based; 0 between records */
	int status;          /* first error, kept: errors are sticky */
	unsigned eof : 1;    /* the input is exhausted */
	unsigned done : 1;   /* airs__csv_next() returned 0 */
	unsigned started : 1;/* the BOM check has run */
	unsigned trim : 1;   /* drop spaces and tabs around each field */
	char delim;          /* the field separator; 0: detect from the header */
	char declared;       /* what set_delim() was given */
	unsigned char stop_plain[256]; /* bytes ending plain data */
	unsigned char fast_class[256]; /* the fast path's byte classes */
	unsigned char blank[256];      /* bytes trimmed around a field */

	uint64_t err_line;
	uint32_t err_col;
	char msg[AIRS__MSG_MAX];
};

/* How a field ended. */
enum { END_COMMA = 1, END_LINE, END_INPUT };

/* Bytes that end a run of plain data in an unquoted field, besides the
 * delimiter (set per reader: set_tables()). */
static const unsigned char stop_plain[256] = {
	['\n'] = 1, ['\r'] = 1, ['"'] = 1,
};

/* The fast path's byte classes: 0 plain ASCII, 1 the delimiter (set per
 * reader), 2 anything it leaves to the general parser (quotes, CR, LF,
 * NUL, bytes of multi-byte UTF-8 sequences, which need validating). */
#define X2 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2
static const unsigned char fast_class[256] = {
	[0] = 2, ['\n'] = 2, ['\r'] = 2, ['"'] = 2,
	[0x80] = X2, X2, X2, X2, X2, X2, X2, X2 /* 0x80..0xff */
};
#undef X2

/* The reader's byte tables for delimiter d: a tab that separates fields
 * is not trimmed as blank. */
static void set_tables(airs__csv *c, char d)
{
	c->delim = d;
	memcpy(c->stop_plain, stop_plain, sizeof stop_plain);
	memcpy(c->fast_class, fast_class, sizeof fast_class);
	memset(c->blank, 0, sizeof c->blank);
	c->blank[' '] = 1;
	c->blank['\t'] = d != '\t';
	c->stop_plain[(unsigned char)d] = 1;
	c->fast_class[(unsigned char)d] = 1;
}

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
	c->declared = ',';
	set_tables(c, ',');
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
	c->delivered = len;
	c->eof = 1; /* all of the input is already in view */
	*out = c;
	return AIRS_OK;
}

void airs__csv_continue(airs__csv *c, char delim, int trim, size_t header,
                        uint64_t line)
{
	c->started = 1;
	c->declared = delim;
	set_tables(c, delim);
	c->trim = trim != 0;
	c->header = header;
	c->line = line;
}

int airs__csv_new_part(airs__csv **out, const airs__mem *mem,
                       const char *data, size_t len, uint32_t max_field,
                       char delim, int trim, size_t header, uint64_t line)
{
	int rc = airs__csv_new_buffer(out, mem, data, len, max_field);

	if (!rc)
		airs__csv_continue(*out, delim, trim, header, line);
	return rc;
}

const char *airs__csv_unread(const airs__csv *c, size_t *len)
{
	*len = (size_t)(c->end - c->p);
	return c->p;
}

uint64_t airs__csv_next_line(const airs__csv *c)
{
	return c->line;
}

uint64_t airs__csv_offset(const airs__csv *c)
{
	return c->delivered - (uint64_t)(c->end - c->p);
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
	c->delivered += got;
	return 1;
}

/* Called when p == end: refill the input.  1, 0 (end) or an error. */
static int fill(airs__csv *c)
{
	return read_more(c, 0);
}

/* The end of the first line in view, outside quotes, or NULL. */
static const char *first_line_end(const char *p, const char *e)
{
	int inq = 0;

	for (; p < e; p++)
		if (*p == '"')
			inq = !inq;
		else if (*p == '\n' && !inq)
			return p;
	return NULL;
}

/* The delimiter of the header line in [p, e): the one of comma,
 * semicolon and tab found there outside quotes, or a comma when none is;
 * commas beside semicolons leave it ambiguous (0).  A tab beside either
 * of the others is blank around a field, as in any file. */
static char detect(const char *p, const char *e)
{
	size_t comma = 0, semi = 0, tab = 0;
	int inq = 0;

	for (; p < e && (*p != '\n' || inq); p++) {
		if (*p == '"')
			inq = !inq;
		else if (!inq) {
			comma += *p == ',';
			semi += *p == ';';
			tab += *p == '\t';
		}
	}
	if (comma && semi)
		return 0;
	return comma ? ',' : semi ? ';' : tab ? '\t' : ',';
}

/* Before the first record: bring the header line into view (a callback
 * may hand it over a byte at a time), drop a UTF-8 byte order mark and,
 * unless the delimiter was declared, find it from the header. */
static int start(airs__csv *c)
{
	const char *lim;
	int rc;

	c->started = 1;
	if (c->read) {
		while (!first_line_end(c->p, c->end) &&
		       (size_t)(c->end - c->ibuf) < AIRS__CSV_CHUNK) {
			rc = read_more(c, (size_t)(c->end - c->ibuf));
			if (rc < 0)
				return rc;
			if (rc == 0)
				break;
		}
	}
	/* Both kinds of reader look at the same bytes: at most a chunk. */
	lim = (size_t)(c->end - c->p) > AIRS__CSV_CHUNK ? c->p + AIRS__CSV_CHUNK
	                                                : c->end;
	if (c->end - c->p >= 3 && memcmp(c->p, "\xEF\xBB\xBF", 3) == 0)
		c->p += 3;
	if (c->declared)
		return AIRS_OK;
	set_tables(c, detect(c->p, lim));
	if (c->delim)
		return AIRS_OK;
	return fail(c, AIRS_EPARSE, c->line, 0,
	            "the header holds both commas and semicolons outside "
	            "quotes, so which one separates the fields is ambiguous: "
	            "declare it in the mapping (delimiter = , or delimiter = ;)");
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


/* Check the bytes of the field so far; AIRS_OK or an error naming the
 * first bad byte. */
static int check_field(airs__csv *c, size_t fstart)
{
	const unsigned char *s;
	size_t n = c->rlen - fstart, i;

	if (!n) /* rec may still be NULL: no arithmetic on it */
		return AIRS_OK;
	s = (const unsigned char *)c->rec + fstart;
	i = airs__utf8_check((const char *)s, n);
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

/* The end of a field at c->p - a comma, LF or CR LF - taken: END_COMMA,
 * END_LINE or a failure; 0 when c->p is not at one. */
static int end_of_field(airs__csv *c)
{
	if (*c->p == c->delim) {
		c->p++;
		return END_COMMA;
	}
	switch (*c->p) {
	case '\n':
		c->p++;
		c->line++;
		return END_LINE;
	case '\r':
		return eat_crlf(c);
	default:
		return 0;
	}
}

static int plain_field(airs__csv *c, size_t fstart)
{
	char val[64];
	int rc;

	for (;;) {
		const char *q = scan(c->p, c->end, c->stop_plain);

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
		if ((rc = end_of_field(c)))
			return rc;
		/* a quote */
		rc = field_text(c, fstart, val, sizeof val);
		if (rc)
			return rc;
		return FAIL(c, AIRS_EPARSE, "quote (\") after \"%s\" in an "
		            "unquoted field; a field that contains quotes must be "
		            "quoted, with each quote inside doubled (\"\")", val);
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
		if (*c->p == '"') {
			rc = append(c, c->p, 1, fstart, 1);
			if (rc)
				return rc;
			c->p++;
			continue;
		}
		if ((rc = end_of_field(c)))
			return rc;
		rc = field_text(c, fstart, val, sizeof val);
		if (rc)
			return rc;
		return FAIL(c, AIRS_EPARSE, "text after the closing quote of "
		            "\"%s\"; a quote inside a quoted field must be "
		            "doubled (\"\")", val);
	}
}

static int is_blank(const airs__csv *c, char ch)
{
	return c->blank[(unsigned char)ch];
}

/* Drop the spaces and tabs around the field that starts at fstart and
 * runs to the end of rec. */
static void trim_field(airs__csv *c, size_t fstart)
{
	size_t lead = 0;

	while (c->rlen > fstart && is_blank(c, c->rec[c->rlen - 1]))
		c->rlen--;
	while (fstart + lead < c->rlen && is_blank(c, c->rec[fstart + lead]))
		lead++;
	if (lead) {
		memmove(c->rec + fstart, c->rec + fstart + lead,
		        c->rlen - fstart - lead);
		c->rlen -= lead;
	}
}

/* The fast path scans a line a block at a time: with SSE2 (every x86-64)
 * sixteen bytes by three compares, else eight by the word arithmetic
 * below (fast_words()).  Define AIRS_NO_SSE2 to build the portable scan
 * on x86 too: both give the same masks, so the same records. */
#if !defined(AIRS_NO_SSE2) && defined(__SSE2__)
#include <emmintrin.h>
#define WORDS 1
#define BLOCK 16
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && \
        __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORDS 1
#define BLOCK 8
#else
#define WORDS 0
#define BLOCK 8 /* the padding fast_record() leaves after a line */
#endif

#if WORDS
/* What the scan sees in a block of a line, one bit a byte (bit k:
 * byte k): the delimiters, the bytes the fast path leaves to the
 * general parser (fast_class 2: quote, CR, NUL, non-ASCII) or to
 * fast_bytes() (another control byte than the delimiter, such as a tab
 * in a field), and spaces (which trimming may drop). */
struct block {
	unsigned d, special, space;
};

#if BLOCK == 16
static struct block block_at(const char *s, char delim)
{
	__m128i w = _mm_loadu_si128((const __m128i *)(const void *)s);
	struct block b;

	b.d = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, _mm_set1_epi8(delim)));
	/* signed: the control bytes and the bytes from 0x80 on are below ' ' */
	b.special = ((unsigned)_mm_movemask_epi8(
	                     _mm_cmplt_epi8(w, _mm_set1_epi8(' '))) & ~b.d) |
	            (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, _mm_set1_epi8('"')));
	b.space = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(w, _mm_set1_epi8(' ')));
	return b;
}
#else
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* 0x80 in each byte of w that is zero and nowhere else (no carry
 * crosses a byte: (b & 0x7f) + 0x7f is at most 0xfe). */
static uint64_t zero_bytes(uint64_t w)
{
	return ~(((w & ~HIGHS) + ~HIGHS) | w | ~HIGHS);
}

/* 0x80 in each byte of w equal to ch. */
static uint64_t eq_bytes(uint64_t w, unsigned char ch)
{
	return zero_bytes(w ^ (ONES * ch));
}

/* The high bits of the eight bytes of m (each 0x80 or 0) as bits 0..7:
 * the multiply moves byte k's bit to bit 56 + k, without carries. */
static unsigned gather(uint64_t m)
{
	return (unsigned)(((m >> 7) * UINT64_C(0x0102040810204080)) >> 56);
}

/* Control bytes are found exactly ((b & 0x7f) + 0x60 carries into the
 * high bit when b & 0x7f is 0x20 or more), so a tab delimiter is not
 * one; the quote test need not be exact ((x - ONES) & ~x has the high
 * bit of the lowest zero byte of x set, and of none when x has none):
 * a quote in the line flags the line. */
static struct block block_at(const char *s, char delim)
{
	uint64_t w, q, d, ctl;
	struct block b;

	memcpy(&w, s, sizeof w);
	d = eq_bytes(w, (unsigned char)delim);
	q = w ^ (ONES * '"');
	ctl = ~(((w & ~HIGHS) + ONES * 0x60) | w) & HIGHS;
	b.d = gather(d);
	b.special = gather((ctl & ~d) | (((q - ONES) & ~q) & HIGHS) |
	                   (w & HIGHS));
	b.space = gather(eq_bytes(w, ' '));
	return b;
}
#endif

/* Is field [s, s + n) of a trimming reader blank at either end? */
static int blank_edge(const airs__csv *c, const char *s, size_t n)
{
	return n && (c->blank[(unsigned char)s[0]] ||
	             c->blank[(unsigned char)s[n - 1]]);
}

/* After fast_words() split a line that held a space or was longer than
 * max_field: is each field within max_field (else -1) and, trimming,
 * without blanks at its ends (else 0)?  1 when so.  Only the blank
 * bytes a word block finds (spaces: a tab not the delimiter is special)
 * can be trimmed, so a line without spaces needs no look. */
static int fast_fields_ok(const airs__csv *c, int spaces)
{
	size_t k, n;

	for (k = 0; k < c->nf; k++) {
		n = c->off[k + 1] - c->off[k] - 1;
		if (n > c->max_field)
			return -1;
		if (spaces && c->trim && blank_edge(c, c->rec + c->off[k], n))
			return 0;
	}
	return 1;
}

/* fast_record() for the line of len bytes already copied to c->rec
 * (with BLOCK bytes of room after it): find the delimiters a block at
 * a time and end each field in place.  Fields average about eight
 * bytes, so a per-field start (as a word-at-a-time scan of each field
 * had) costs as much as it saves; here only the delimiters cost a step
 * each, and the checks of field lengths and blanks run only for a line
 * that may fail them.  1: done; 0: a control or non-ASCII byte, a quote
 * or blanks to trim, which fast_bytes() takes (or leaves to the general
 * parser); -1: a field too long or the wrong number of fields, which
 * only the general parser reports. */
static int fast_words(airs__csv *c, size_t len)
{
	char *rec = c->rec;
	size_t *off = c->off, nf = 0, fs = 0, i;
	const size_t header = c->header;
	unsigned spaces = 0;

	memset(rec + len, 0, BLOCK);
	for (i = 0; i < len; i += BLOCK) {
		struct block b = block_at(rec + i, c->delim);
		if (len - i < BLOCK) { /* the bytes after the line are not its */
			unsigned keep = (1u << (len - i)) - 1;
			b.d &= keep;
			b.special &= keep;
		}
		if (b.special)
			return 0;
		spaces |= b.space;
		for (; b.d; b.d &= b.d - 1) {
			size_t at = i + (size_t)__builtin_ctz(b.d);
			if (nf + 1 >= header)
				return -1;
			rec[at] = '\0';
			off[nf++] = fs;
			fs = at + 1;
		}
	}
	if (nf + 1 != header)
		return -1;
	rec[len] = '\0';
	off[nf++] = fs;
	off[nf] = len + 1;
	c->nf = nf;
	c->rlen = len + 1;
	if (spaces || len > c->max_field) {
		int rc = fast_fields_ok(c, spaces != 0);
		if (rc <= 0) {
			c->nf = 0;
			c->rlen = 0;
			return rc;
		}
	}
	return 1;
}
#endif

static int fast_bytes(airs__csv *c, const char *p, const char *e);

/* The common record, whole in view: a line of unquoted ASCII fields, as
 * many as the header's, none longer than max_field.  Parse it in one pass
 * and return 1; return 0, having changed nothing the general parser
 * reads, for anything else (which the general parser then handles and,
 * if it is wrong, reports).  The result is the same either way: the
 * tests parse every input both whole and one byte at a time. */
static int fast_record(airs__csv *c)
{
	const char *p = c->p, *nl, *e;
	size_t need;
	int rc = 0;

	if (!c->header || !(nl = memchr(p, '\n', (size_t)(c->end - p))))
		return 0;
	e = nl > p && nl[-1] == '\r' ? nl - 1 : nl;
	need = (size_t)(e - p) + 1;
	if (need / c->header > (size_t)c->max_field + 1)
		return 0; /* some field is too long: not grown for */
	if ((c->rcap < need + BLOCK &&
	     airs__grow(&c->mem, &c->rec, &c->rcap, need + BLOCK, 1)) ||
	    (c->ocap < c->header + 1 &&
	     airs__grow(&c->mem, &c->off, &c->ocap, c->header + 1,
	                sizeof *c->off)))
		return 0; /* the general parser reports the shortage */
#if WORDS
	memcpy(c->rec, p, need - 1);
	rc = fast_words(c, need - 1);
#endif
	if (rc == 0)
		rc = fast_bytes(c, p, e);
	if (rc <= 0)
		return 0;
	c->p = nl + 1;
	c->line++;
	return 1;
}

/* fast_record() a byte at a time, trimming: 1 done, 0 not for it. */
static int fast_bytes(airs__csv *c, const char *p, const char *e)
{
	const char *q;
	const size_t header = c->header, max_field = c->max_field;
	const int trim = c->trim;
	size_t rl = 0, nf = 0, *off;
	char *rec;

	/* Scan and copy in one pass.  No bound check inside the line: it
	 * ends in CR or LF, which stop the scan at e.  (Locals, because a
	 * store through char * could change c->rec for all the compiler
	 * knows.) */
	rec = c->rec;
	off = c->off;
	for (;;) {
		size_t fs = rl;
		unsigned char ch;

		q = p;
		if (trim)
			while (is_blank(c, *q))
				q++;
		while (!c->fast_class[ch = (unsigned char)*q]) {
			rec[rl++] = (char)ch;
			q++;
		}
		if ((q != e && ch != (unsigned char)c->delim) || nf == header ||
		    (size_t)(q - p) > max_field)
			return 0;
		if (trim)
			while (rl > fs && is_blank(c, rec[rl - 1]))
				rl--;
		rec[rl++] = '\0';
		off[nf++] = fs;
		if (q == e)
			break;
		p = q + 1;
	}
	if (nf != c->header)
		return 0;
	c->off[nf] = rl;
	c->nf = nf;
	c->rlen = rl;
	return 1;
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
	if (!c->started && (rc = start(c)) < 0)
		return rc;
	rc = skip_blank(c);
	if (rc <= 0) {
		c->done = rc == 0;
		return rc;
	}
	c->rec_line = c->line;
	if (fast_record(c))
		return 1;
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
		if ((rc = check_field(c, fstart)) != 0)
			return rc;
		if (c->trim)
			trim_field(c, fstart);
		if ((rc = append(c, "", 0, fstart, 0)) != 0)
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

void airs__csv_set_delim(airs__csv *c, char delim)
{
	if (!c || c->started)
		return;
	c->declared = delim;
	set_tables(c, delim ? delim : ',');
}

char airs__csv_delim(const airs__csv *c)
{
	return c ? c->delim : ',';
}

void airs__csv_set_trim(airs__csv *c, int on)
{
	if (c)
		c->trim = on != 0;
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

void airs__csv_fields(const airs__csv *c, const char **out, size_t n)
{
	const char *rec = c->rec;
	const size_t *off = c->off;
	size_t i, nf = c->nf < n ? c->nf : n;

	for (i = 0; i < nf; i++)
		out[i] = rec + off[i];
	for (; i < n; i++)
		out[i] = NULL;
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

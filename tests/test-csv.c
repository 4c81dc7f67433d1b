/* CSV reader: RFC 4180 records, exact positions and messages for every
 * error, streaming equivalence and bounded memory. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/common.h"
#include "alloc.h"
#include "csv.h"

#include "harness.h"

static airs__mem libc_mem;

/* The delimiter the readers below are given (airs__csv_set_delim). */
static char delim;

static void setup(void)
{
	ck_assert_int_eq(airs__mem_init(&libc_mem, NULL), AIRS_OK);
	delim = ',';
}

/* ---- a growing string for building expectations and inputs ---------- */

typedef struct {
	char *s;
	size_t len, cap;
} str;

static void str_add(str *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		ck_assert_ptr_nonnull(b->s);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void str_addz(str *b, const char *s)
{
	str_add(b, s, strlen(s));
}

static void str_addf(str *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void str_addf(str *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	ck_assert(n >= 0 && (size_t)n < sizeof tmp);
	str_add(b, tmp, (size_t)n);
}

/* ---- readers ---------------------------------------------------------- */

/* Hands out the input `step` bytes at a time (step 0: random 1..97),
 * and fails with AIRS_EIO at byte fail_at if that is set. */
typedef struct {
	const char *data;
	size_t len, pos, step;
	size_t fail_at; /* 0: never */
	uint64_t rng;
	int calls_after_end;
	int ended;
} feeder;

static uint64_t rnd(uint64_t *s)
{
	/* xorshift64*: small, fixed-seed, good enough for test inputs */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717u;
}

static int feed(void *ctx, char *buf, size_t cap, size_t *got)
{
	feeder *f = ctx;
	size_t n = f->step ? f->step : 1 + rnd(&f->rng) % 97;

	if (f->ended)
		f->calls_after_end++;
	if (f->fail_at && f->pos >= f->fail_at)
		return AIRS_EIO;
	if (n > cap)
		n = cap;
	if (n > f->len - f->pos)
		n = f->len - f->pos;
	memcpy(buf, f->data + f->pos, n);
	f->pos += n;
	*got = n;
	if (!n)
		f->ended = 1;
	return AIRS_OK;
}

/* Everything a reader returns, as text: one line per record,
 * "LINE:[field][field]", then "END" or "ERR status line:column msg". */
static char *dump_reader(airs__csv *c)
{
	str b = { 0 };
	int rc;

	while ((rc = airs__csv_next(c)) == 1) {
		size_t i, len;

		str_addf(&b, "%llu:", (unsigned long long)airs__csv_line(c));
		for (i = 0; i < airs__csv_nfields(c); i++) {
			const char *f = airs__csv_field(c, i, &len);
			ck_assert_uint_eq(strlen(f), len);
			str_add(&b, "[", 1);
			str_add(&b, f, len);
			str_add(&b, "]", 1);
		}
		str_add(&b, "\n", 1);
	}
	if (rc == 0)
		str_addz(&b, "END");
	else
		str_addf(&b, "ERR %d %llu:%lu %s", rc,
		         (unsigned long long)airs__csv_error_line(c),
		         (unsigned long)airs__csv_error_column(c),
		         airs__csv_errmsg(c));
	/* errors and the end are sticky */
	ck_assert_int_eq(airs__csv_next(c), rc);
	ck_assert_uint_eq(airs__csv_nfields(c), 0);
	return b.s;
}

/* Whether the readers below trim fields (airs__csv_set_trim). */
static int trim;

static char *dump_buf(const char *data, size_t len, uint32_t max_field)
{
	airs__csv *c;
	char *s;

	ck_assert_int_eq(airs__csv_new_buffer(&c, &libc_mem, data, len,
	                                      max_field), AIRS_OK);
	airs__csv_set_trim(c, trim);
	airs__csv_set_delim(c, delim);
	s = dump_reader(c);
	airs__csv_free(c);
	return s;
}

static char *dump_cb(const char *data, size_t len, uint32_t max_field,
                     size_t step, uint64_t seed)
{
	feeder f = { data, len, 0, step, 0, seed | 1, 0, 0 };
	airs__csv *c;
	char *s;

	ck_assert_int_eq(airs__csv_new(&c, &libc_mem, feed, &f, max_field),
	                 AIRS_OK);
	airs__csv_set_trim(c, trim);
	airs__csv_set_delim(c, delim);
	s = dump_reader(c);
	airs__csv_free(c);
	ck_assert_int_eq(f.calls_after_end, 0);
	return s;
}

/* Parse `in` with the buffer reader, the 1-byte reader and a random-chunk
 * reader; all three must give `want`. */
static void expect_n(const char *in, size_t len, uint32_t max_field,
                     const char *want)
{
	char *a = dump_buf(in, len, max_field);
	char *b = dump_cb(in, len, max_field, 1, 0);
	char *r = dump_cb(in, len, max_field, 0, 42);

	ck_assert_str_eq(a, want);
	ck_assert_str_eq(b, want);
	ck_assert_str_eq(r, want);
	free(a);
	free(b);
	free(r);
}

static void expect(const char *in, const char *want)
{
	expect_n(in, strlen(in), 0, want);
}

/* ---- records ----------------------------------------------------------- */

START_TEST(plain_records)
{
	expect("", "END");
	expect("a,b\n1,2\n", "1:[a][b]\n2:[1][2]\nEND");
	expect("a,b\n1,2", "1:[a][b]\n2:[1][2]\nEND");
	expect("a,b\n1,\n,\n", "1:[a][b]\n2:[1][]\n3:[][]\nEND");
	expect("a,b\n1,", "1:[a][b]\n2:[1][]\nEND");
	expect("one\n x \n", "1:[one]\n2:[ x ]\nEND");
	expect("a,,b\n", "1:[a][][b]\nEND");
}
END_TEST

/* Trimming drops spaces and tabs around every field, quoted or not,
 * after unquoting, and nothing else; the field limit counts the bytes
 * before trimming. */
START_TEST(trimmed_fields)
{
	trim = 1;
	expect(" a ,\tb\t\n 1 , 2\n", "1:[a][b]\n2:[1][2]\nEND");
	expect("a,b\n\" x \", \t\n", "1:[a][b]\n2:[x][]\nEND");
	expect("a,b\n  ,x y\r\n", "1:[a][b]\n2:[][x y]\nEND");
	expect("a,b\n \xC3\xA9 ,\xE2\x82\xAC\t\n",
	       "1:[a][b]\n2:[\xC3\xA9][\xE2\x82\xAC]\nEND");
	expect("a\n\" \"\"q\"\" \"\n", "1:[a]\n2:[\"q\"]\nEND");
	expect_n("a\n  xy  \n", 9, 5,
	         "1:[a]\nERR -9 2:1 field is longer than 5 bytes");
	expect_n("a\n xy \n", 7, 4, "1:[a]\n2:[xy]\nEND");
	expect("a,b\n1,2,3\n",
	       "1:[a][b]\nERR -7 2:3 record has 3 fields but the header has 2");
	trim = 0;
	expect(" a ,\tb\t\n", "1:[ a ][\tb\t]\nEND");
}
END_TEST

START_TEST(quoted_fields)
{
	expect("\"a,b\",\"c\"\"d\",\"\"\n", "1:[a,b][c\"d][]\nEND");
	expect("\"\"\"\"\n", "1:[\"]\nEND");
	expect("\"x\"", "1:[x]\nEND");
	expect("\"x\",\"y\"\r\n", "1:[x][y]\nEND");
	/* LF, CRLF and a lone CR inside quotes are data, kept as they are */
	expect("h1,h2,h3\n\"a\nb\",\"c\r\nd\",\"e\rf\"\n",
	       "1:[h1][h2][h3]\n2:[a\nb][c\r\nd][e\rf]\nEND");
}
END_TEST

START_TEST(line_ends_and_blank_lines)
{
	static const char lf[] = "id,name\n1,\"Ann\"\n\n2,Bob\n\n\n3,\"C,D\"\n";
	static const char crlf[] =
		"id,name\r\n1,\"Ann\"\r\n\r\n2,Bob\r\n\r\n\r\n3,\"C,D\"\r\n";
	const char *want = "1:[id][name]\n2:[1][Ann]\n4:[2][Bob]\n7:[3][C,D]\nEND";

	expect(lf, want);
	expect(crlf, want);
	expect("\n\n\r\na\n\n", "4:[a]\nEND");
	expect("\n\r\n\n", "END");
}
END_TEST

START_TEST(quoted_newline_moves_line_numbers)
{
	/* the record on line 2 spans lines 2-4, so the next starts on 5 */
	expect("name,note\n\"Ann\",\"first\nsecond\r\nthird\"\nBob,x\n\nCy,y\n",
	       "1:[name][note]\n2:[Ann][first\nsecond\r\nthird]\n5:[Bob][x]\n"
	       "7:[Cy][y]\nEND");
}
END_TEST

START_TEST(bom)
{
	expect("\xEF\xBB\xBFid,x\n1,2\n", "1:[id][x]\n2:[1][2]\nEND");
	expect("\xEF\xBB\xBF", "END");
	expect("\xEF\xBB\xBF\"q\"\n", "1:[q]\nEND");
	/* only at the very start; elsewhere U+FEFF is just a character */
	expect("a\n\xEF\xBB\xBF" "b\n", "1:[a]\n2:[\xEF\xBB\xBF" "b]\nEND");
	/* a cut BOM is no BOM, and not UTF-8 either */
	expect("\xEF\xBB", "ERR -7 1:1 invalid UTF-8 byte 0xef at byte 1 of "
	       "the field; save the file as UTF-8 (it may be in Latin-1 or "
	       "Windows-1252)");
}
END_TEST

START_TEST(delimiters)
{
	/* declared */
	delim = ';';
	expect("a;b\n1,5;\"x;y\"\n", "1:[a][b]\n2:[1,5][x;y]\nEND");
	delim = '\t';
	trim = 1;
	expect("a\tb\n 1 \t \n", "1:[a][b]\n2:[1][]\nEND");
	trim = 0;
	/* found from the header, outside quotes */
	delim = 0;
	expect("a;b\n1,5;2\n", "1:[a][b]\n2:[1,5][2]\nEND");
	expect("\"a,b\";c\n1;2\n", "1:[a,b][c]\n2:[1][2]\nEND");
	expect("a\tb\n1\t2\n", "1:[a][b]\n2:[1][2]\nEND");
	expect("a,b\t\n1,2\t\n", "1:[a][b\t]\n2:[1][2\t]\nEND");
	expect("a;b\t\n1;2\n", "1:[a][b\t]\n2:[1][2]\nEND");
	expect("one\n1\n", "1:[one]\n2:[1]\nEND");
	expect("\xEF\xBB\xBF" "a;b\n", "1:[a][b]\nEND");
	expect("", "END");
	/* both commas and semicolons: refused, not guessed */
	expect("a,b;c\n1,2\n", "ERR -7 1:0 the header holds both commas and "
	       "semicolons outside quotes, so which one separates the fields is "
	       "ambiguous: declare it in the mapping (delimiter = , or "
	       "delimiter = ;)");
}
END_TEST

START_TEST(valid_utf8)
{
	expect("\xC3\xA9,\xE2\x82\xAC,\xF0\x9F\x98\x80,\xF4\x8F\xBF\xBF,"
	       "\xED\x9F\xBF,\xEE\x80\x80,\xC2\x80,\xEF\xBF\xBF\n",
	       "1:[\xC3\xA9][\xE2\x82\xAC][\xF0\x9F\x98\x80][\xF4\x8F\xBF\xBF]"
	       "[\xED\x9F\xBF][\xEE\x80\x80][\xC2\x80][\xEF\xBF\xBF]\nEND");
	/* long ASCII runs go through the 8-byte path; end on a multibyte */
	expect("abcdefghijklmnopqrstuvw\xC3\xA9\n",
	       "1:[abcdefghijklmnopqrstuvw\xC3\xA9]\nEND");
}
END_TEST

/* ---- errors ------------------------------------------------------------ */

#define UTF8_HINT "; save the file as UTF-8 (it may be in Latin-1 or " \
                  "Windows-1252)"

START_TEST(invalid_utf8)
{
	static const struct {
		const char *in, *want;
	} t[] = {
		{ "a,b\nx,M\xFCller\n",
		  "1:[a][b]\nERR -7 2:2 invalid UTF-8 byte 0xfc at byte 2 of the "
		  "field" UTF8_HINT },
		{ "\xFF", "ERR -7 1:1 invalid UTF-8 byte 0xff at byte 1 of the "
		  "field" UTF8_HINT },
		{ "ab\x80", "ERR -7 1:1 invalid UTF-8 byte 0x80 at byte 3 of the "
		  "field" UTF8_HINT },
		/* overlong encodings of "/" */
		{ "\xC0\xAF", "ERR -7 1:1 invalid UTF-8 byte 0xc0 at byte 1 of "
		  "the field" UTF8_HINT },
		{ "\xE0\x80\xAF", "ERR -7 1:1 invalid UTF-8 byte 0xe0 at byte 1 "
		  "of the field" UTF8_HINT },
		{ "\xF0\x80\x80\xAF", "ERR -7 1:1 invalid UTF-8 byte 0xf0 at byte "
		  "1 of the field" UTF8_HINT },
		/* surrogate U+D800 */
		{ "x,\"\xED\xA0\x80\"", "ERR -7 1:2 invalid UTF-8 byte 0xed at "
		  "byte 1 of the field" UTF8_HINT },
		/* U+110000 and a lead byte beyond any code point */
		{ "\xF4\x90\x80\x80", "ERR -7 1:1 invalid UTF-8 byte 0xf4 at byte "
		  "1 of the field" UTF8_HINT },
		{ "\xF5\x80\x80\x80", "ERR -7 1:1 invalid UTF-8 byte 0xf5 at byte "
		  "1 of the field" UTF8_HINT },
		/* truncated: by the end of the field, of the input, by ASCII */
		{ "\xC3,x", "ERR -7 1:1 invalid UTF-8 byte 0xc3 at byte 1 of the "
		  "field" UTF8_HINT },
		{ "x,\xE2\x82", "ERR -7 1:2 invalid UTF-8 byte 0xe2 at byte 1 of "
		  "the field" UTF8_HINT },
		{ "\xC3" "A", "ERR -7 1:1 invalid UTF-8 byte 0xc3 at byte 1 of "
		  "the field" UTF8_HINT },
		{ "\"\xF0\x9F\x98\"", "ERR -7 1:1 invalid UTF-8 byte 0xf0 at byte "
		  "1 of the field" UTF8_HINT },
		/* found after the 8-byte fast path */
		{ "0123456789abcdef\xFE", "ERR -7 1:1 invalid UTF-8 byte 0xfe at "
		  "byte 17 of the field" UTF8_HINT },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		expect(t[i].in, t[i].want);
}
END_TEST

START_TEST(nul_byte)
{
	static const char in[] = "a,b\n1,x\0y\n";
	static const char in2[] = "a,b\n1,\"\0\"\n";

	expect_n(in, sizeof in - 1, 0, "1:[a][b]\nERR -7 2:2 NUL byte (0x00) "
	         "at byte 2 of the field; the file may be UTF-16 or binary: save "
	         "it as UTF-8 text");
	expect_n(in2, sizeof in2 - 1, 0, "1:[a][b]\nERR -7 2:2 NUL byte (0x00) "
	         "at byte 1 of the field; the file may be UTF-16 or binary: save "
	         "it as UTF-8 text");
	/* UTF-16LE text: the NUL after the first character is caught */
	expect_n("a\0,\0b\0", 6, 0, "ERR -7 1:1 NUL byte (0x00) at byte 2 of "
	         "the field; the file may be UTF-16 or binary: save it as UTF-8 "
	         "text");
}
END_TEST

START_TEST(unterminated_quote)
{
	/* the record starts on line 2, the quote opens in field 2 on line 3 */
	expect("a,b\n\"x\ny\",\"open\nmore\n",
	       "1:[a][b]\nERR -7 2:2 the quoted field opened on line 3 has no "
	       "closing quote");
	expect("\"", "ERR -7 1:1 the quoted field opened on line 1 has no "
	       "closing quote");
	expect("a,b\nc,\"d\"\"", "1:[a][b]\nERR -7 2:2 the quoted field opened "
	       "on line 2 has no closing quote");
}
END_TEST

START_TEST(stray_quotes)
{
	expect("a,b\nx,ab\"c\"\n",
	       "1:[a][b]\nERR -7 2:2 quote (\") after \"ab\" in an unquoted "
	       "field; a field that contains quotes must be quoted, with each "
	       "quote inside doubled (\"\")");
	expect("a,b\n\"ab\"c,d\n",
	       "1:[a][b]\nERR -7 2:1 text after the closing quote of \"ab\"; a "
	       "quote inside a quoted field must be doubled (\"\")");
	expect("\"a\" ,b", "ERR -7 1:1 text after the closing quote of \"a\"; "
	       "a quote inside a quoted field must be doubled (\"\")");
	/* a bad byte earlier in the field is the error reported */
	expect("\xFF\"", "ERR -7 1:1 invalid UTF-8 byte 0xff at byte 1 of the "
	       "field" UTF8_HINT);
	/* control characters are escaped in the quoted value */
	expect("a\tb\"", "ERR -7 1:1 quote (\") after \"a\\x09b\" in an "
	       "unquoted field; a field that contains quotes must be quoted, "
	       "with each quote inside doubled (\"\")");
}
END_TEST

START_TEST(lone_cr)
{
	const char *msg = "carriage return (CR) without a line feed (LF) "
	                  "outside quotes; save the file with LF or CRLF line "
	                  "ends";
	char want[256];

	snprintf(want, sizeof want, "1:[a][b]\nERR -7 2:2 %s", msg);
	expect("a,b\rc,d\r", "ERR -7 1:2 carriage return (CR) without a line "
	       "feed (LF) outside quotes; save the file with LF or CRLF line "
	       "ends");
	expect("a,b\n1,2\r", want);
	expect("a,b\n1,\"2\"\rx", want);
	snprintf(want, sizeof want, "1:[a][b]\nERR -7 3:1 %s", msg);
	expect("a,b\n\n\r\r\n", want);
}
END_TEST

START_TEST(ragged_rows)
{
	expect("a,b,c,d,e\n1,2,3,4\n",
	       "1:[a][b][c][d][e]\nERR -7 2:5 record has 4 fields but the header "
	       "has 5");
	expect("a,b,c\n1,2,3\n\n\"x\ny\",2,3,4,5\n",
	       "1:[a][b][c]\n2:[1][2][3]\nERR -7 4:4 record has 5 fields but the "
	       "header has 3");
	expect("a,b\nx\n", "1:[a][b]\nERR -7 2:2 record has 1 field but the "
	       "header has 2");
}
END_TEST

START_TEST(field_limit)
{
	str in = { 0 }, want = { 0 };
	char *big;
	char *got;

	expect_n("12345678,\"abcdefgh\"", 19, 8, "1:[12345678][abcdefgh]\nEND");
	/* a doubled quote counts once */
	expect_n("\"abc\"\"efgh\"", 11, 8, "1:[abc\"efgh]\nEND");
	expect_n("h\n123456789\n", 12, 8, "1:[h]\nERR -9 2:1 field is longer "
	         "than 8 bytes");
	expect_n("a,\"123456789\"", 13, 8, "ERR -9 1:2 field is longer than 8 "
	         "bytes (is a closing quote missing?)");
	expect_n("a,\"12345678\"\"\"", 14, 8, "ERR -9 1:2 field is longer than "
	         "8 bytes (is a closing quote missing?)");

	/* the default is 65536 */
	big = malloc(65537);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', 65537);
	str_add(&in, big, 65536);
	str_addz(&want, "1:[");
	str_add(&want, big, 65536);
	str_addz(&want, "]\nEND");
	got = dump_buf(in.s, in.len, 0);
	ck_assert_str_eq(got, want.s);
	free(got);
	got = dump_cb(in.s, in.len, 0, 0, 7);
	ck_assert_str_eq(got, want.s);
	free(got);
	str_add(&in, "x", 1);
	expect_n(in.s, in.len, 0, "ERR -9 1:1 field is longer than 65536 bytes");
	free(big);
	free(in.s);
	free(want.s);
}
END_TEST

START_TEST(too_many_fields)
{
	size_t n = AIRS__CSV_MAX_FIELDS;
	char *in = malloc(n + 1);
	char *got;

	ck_assert_ptr_nonnull(in);
	memset(in, ',', n + 1);
	/* n commas: n + 1 fields */
	got = dump_buf(in, n, 0);
	ck_assert_str_eq(got, "ERR -9 1:65537 record has more than 65536 "
	                 "fields");
	free(got);
	got = dump_buf(in, n - 1, 0);
	ck_assert_uint_eq(strlen(got), 2 + 2 * n + 4);
	free(got);
	free(in);
}
END_TEST

START_TEST(read_error)
{
	static const char in[] = "a,b\n1,\"22\n2\"\n3,4\n";
	feeder f = { in, sizeof in - 1, 0, 1, 9, 1, 0, 0 };
	airs__csv *c;
	char *got;

	ck_assert_int_eq(airs__csv_new(&c, &libc_mem, feed, &f, 0), AIRS_OK);
	got = dump_reader(c);
	ck_assert_str_eq(got, "1:[a][b]\nERR -8 2:2 the input could not be read");
	free(got);
	airs__csv_free(c);

	/* between records: no field */
	f.pos = 0;
	f.fail_at = 4;
	ck_assert_int_eq(airs__csv_new(&c, &libc_mem, feed, &f, 0), AIRS_OK);
	got = dump_reader(c);
	ck_assert_str_eq(got, "1:[a][b]\nERR -8 2:0 the input could not be read");
	free(got);
	airs__csv_free(c);
}
END_TEST

START_TEST(api_edges)
{
	airs__csv *c = (airs__csv *)&libc_mem;
	size_t len = 99;

	ck_assert_int_eq(airs__csv_new_buffer(&c, &libc_mem, NULL, 1, 0),
	                 AIRS_EINVAL);
	ck_assert_ptr_null(c);
	ck_assert_int_eq(airs__csv_new(&c, &libc_mem, NULL, NULL, 0),
	                 AIRS_EINVAL);
	ck_assert_int_eq(airs__csv_new_buffer(NULL, &libc_mem, "", 0, 0),
	                 AIRS_EINVAL);
	airs__csv_free(NULL);
	ck_assert_int_eq(airs__csv_next(NULL), AIRS_EINVAL);

	ck_assert_int_eq(airs__csv_new_buffer(&c, &libc_mem, NULL, 0, 0),
	                 AIRS_OK);
	ck_assert_str_eq(airs__csv_errmsg(c), "");
	ck_assert_int_eq(airs__csv_next(c), 0);
	airs__csv_free(c);

	ck_assert_int_eq(airs__csv_new_buffer(&c, &libc_mem, "a,b", 3, 0),
	                 AIRS_OK);
	ck_assert_ptr_null(airs__csv_field(c, 0, &len));
	ck_assert_int_eq(airs__csv_next(c), 1);
	ck_assert_str_eq(airs__csv_field(c, 1, &len), "b");
	ck_assert_uint_eq(len, 1);
	ck_assert_str_eq(airs__csv_field(c, 0, NULL), "a");
	ck_assert_ptr_null(airs__csv_field(c, 2, &len));
	ck_assert_uint_eq(airs__csv_error_line(c), 0);
	ck_assert_uint_eq(airs__csv_error_column(c), 0);
	ck_assert_int_eq(airs__csv_next(c), 0);
	ck_assert_uint_eq(airs__csv_nfields(c), 0);
	airs__csv_free(c);
}
END_TEST

/* ---- streaming properties ------------------------------------------------ */

/* Random inputs over an alphabet rich in CSV structure and UTF-8 edge
 * bytes, valid or not: every reader must tell the same story. */
START_TEST(readers_agree_on_random_input)
{
	static const char *const atoms[] = {
		"a", "b", "1", " ", ",", ",", "\"", "\"", "\"\"", "\n", "\n",
		"\r\n", "\r", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
		"\xC3", "\xFF", "\xED\xA0\x80", "\xEF\xBB\xBF", "xyz,", "\"q\",",
		"\t", " x ,", "\x00",
	};
	uint64_t rng = 20260101;
	char in[200];
	int iter;

	for (iter = 0; iter < 20000; iter++) {
		size_t len = 0, natoms = rnd(&rng) % 40;
		uint32_t max_field = (uint32_t)(rnd(&rng) % 12);
		char *a, *b, *r;

		while (natoms--) {
			const char *t = atoms[rnd(&rng) % (sizeof atoms /
			                                   sizeof atoms[0])];
			size_t n = strlen(t);
			if (len + n > sizeof in)
				break;
			memcpy(in + len, t, n);
			len += n;
		}
		trim = iter & 1;
		/* a tab delimiter too: the fast path tests control bytes */
		delim = iter % 3 == 2 ? '\t' : ',';
		a = dump_buf(in, len, max_field);
		b = dump_cb(in, len, max_field, 1, 0);
		r = dump_cb(in, len, max_field, 0, rng);
		ck_assert_str_eq(a, b);
		ck_assert_str_eq(a, r);
		free(a);
		free(b);
		free(r);
	}
	trim = 0;
	delim = ',';
}
END_TEST

/* Lines of 1 to 34 bytes with two delimiters (or one, meeting in the
 * middle), and a byte the fast path must leave or check (a blank, a
 * tab, a quote, a third delimiter), at every place, in particular
 * around the scan's 8- and 16-byte block edges: the buffer reader
 * (which takes the fast path) says what the one-byte reader (which
 * never can) says, trimming with a field limit the line may break, and
 * neither. */
START_TEST(fast_path_block_edges)
{
	static const char odd[] = { ' ', '\t', '"', ',' };
	/* past both block sizes; under valgrind (AIRS_TEST_QUICK) just past
	 * the larger, a sixth of the work */
	const size_t longest = getenv("AIRS_TEST_QUICK") ? 18 : 34;
	char in[64];
	size_t n, p, r, k, h = strlen("h1,h2,h3\n");

	memcpy(in, "h1,h2,h3\n", h);
	for (n = 1; n <= longest; n++)
		for (p = 0; p <= n / 2; p++)
			for (r = 0; r <= n; r++)
				for (k = 0; k < 2 * sizeof odd; k++) {
					uint32_t max_field = k >= sizeof odd ? 6 : 0;
					char *a, *b;
					memset(in + h, 'x', n);
					in[h + p] = ',';
					in[h + n - 1 - p] = ',';
					if (r < n)
						in[h + r] = odd[k % sizeof odd];
					in[h + n] = '\n';
					trim = k >= sizeof odd;
					a = dump_buf(in, h + n + 1, max_field);
					b = dump_cb(in, h + n + 1, max_field, 1, 0);
					ck_assert_str_eq(a, b);
					free(a);
					free(b);
				}
	trim = 0;
}
END_TEST

/* Random tables written out as CSV in any legal way - quoting, LF or
 * CRLF, blank lines, a BOM - read back as exactly the same fields and
 * the same line numbers. */
START_TEST(random_tables_round_trip)
{
	static const char *const vals[] = {
		"", "a", "Ann Lee", "x,y", "say \"hi\"", "two\nlines",
		"crlf\r\nline", "cr\rdata", "\xC3\xA9t\xC3\xA9", " padded ",
		"\"", ",", "\xF0\x9F\x98\x80",
	};
	const size_t nv = sizeof vals / sizeof vals[0];
	uint64_t rng = 7;
	int iter;

	for (iter = 0; iter < 3000; iter++) {
		size_t ncol = 1 + rnd(&rng) % 5, nrow = 1 + rnd(&rng) % 6;
		int crlf = rnd(&rng) & 1;
		const char *eol = crlf ? "\r\n" : "\n";
		unsigned long long line = 1;
		str in = { 0 }, want = { 0 };
		size_t r, k;
		char *got;

		if (rnd(&rng) % 4 == 0)
			str_addz(&in, "\xEF\xBB\xBF");
		for (r = 0; r < nrow; r++) {
			while (rnd(&rng) % 4 == 0) {
				str_addz(&in, eol);
				line++;
			}
			str_addf(&want, "%llu:", line);
			for (k = 0; k < ncol; k++) {
				const char *v = vals[rnd(&rng) % nv];
				int must = strpbrk(v, ",\"\r\n") != NULL ||
				           (ncol == 1 && !*v);
				const char *q;

				str_addf(&want, "[%s]", v);
				if (k)
					str_add(&in, ",", 1);
				if (!must && rnd(&rng) % 3) {
					str_addz(&in, v);
					continue;
				}
				str_add(&in, "\"", 1);
				for (q = v; *q; q++) {
					if (*q == '"')
						str_add(&in, "\"", 1);
					if (*q == '\n')
						line++;
					str_add(&in, q, 1);
				}
				str_add(&in, "\"", 1);
			}
			str_addz(&want, "\n");
			if (r + 1 < nrow || rnd(&rng) % 2) {
				str_addz(&in, eol);
				line++;
			}
		}
		str_addz(&want, "END");
		got = dump_buf(in.s, in.len, 0);
		ck_assert_str_eq(got, want.s);
		free(got);
		got = dump_cb(in.s, in.len, 0, 1, 0);
		ck_assert_str_eq(got, want.s);
		free(got);
		free(in.s);
		free(want.s);
	}
}
END_TEST

/* ---- bounded memory on a large stream ---------------------------------- */

typedef struct {
	size_t cur, peak, count;
	size_t fail_at; /* fail the Nth allocation (1-based); 0: never */
} counter;

static void *count_malloc(size_t n, void *user)
{
	counter *k = user;
	size_t *p;

	if (k->fail_at && ++k->count == k->fail_at)
		return NULL;
	p = malloc(n + sizeof(max_align_t));
	if (!p)
		return NULL;
	*p = n;
	k->cur += n;
	if (k->cur > k->peak)
		k->peak = k->cur;
	return (char *)p + sizeof(max_align_t);
}

static void count_free(void *q, void *user)
{
	counter *k = user;
	size_t *p = (size_t *)(void *)((char *)q - sizeof(max_align_t));

	k->cur -= *p;
	free(p);
}

static void *count_realloc(void *q, size_t n, void *user)
{
	counter *k = user;
	size_t *p = (size_t *)(void *)((char *)q - sizeof(max_align_t));
	size_t old = *p;
	size_t *np;

	if (k->fail_at && ++k->count == k->fail_at)
		return NULL;
	np = realloc(p, n + sizeof(max_align_t));
	if (!np)
		return NULL;
	*np = n;
	k->cur = k->cur - old + n;
	if (k->cur > k->peak)
		k->peak = k->cur;
	return (char *)np + sizeof(max_align_t);
}

static void counting_mem(airs__mem *mem, counter *k)
{
	airs_allocator a = AIRS_ALLOCATOR_INIT;

	a.malloc = count_malloc;
	a.realloc = count_realloc;
	a.free = count_free;
	a.user = k;
	ck_assert_int_eq(airs__mem_init(mem, &a), AIRS_OK);
}

/* Generates rows of an employee-like table on the fly, up to `total`
 * bytes, without holding the stream anywhere. */
typedef struct {
	uint64_t row, total, sent;
	char line[256];
	size_t len, pos;
} generator;

static int generate(void *ctx, char *buf, size_t cap, size_t *got)
{
	generator *g = ctx;
	size_t n = 0;

	while (n < cap && g->sent < g->total) {
		size_t k;

		if (g->pos == g->len) {
			int w = snprintf(g->line, sizeof g->line,
			                 "E%07llu,\"Lee, Ann %llu\",Engineering,"
			                 "2021-03-01,%llu.5,\"says \"\"hi\"\"\"\r\n",
			                 (unsigned long long)g->row,
			                 (unsigned long long)g->row,
			                 (unsigned long long)(g->row % 97));
			g->len = (size_t)w;
			g->pos = 0;
			g->row++;
		}
		k = g->len - g->pos;
		if (k > cap - n)
			k = cap - n;
		if (k > g->total - g->sent)
			k = (size_t)(g->total - g->sent);
		memcpy(buf + n, g->line + g->pos, k);
		g->pos += k;
		n += k;
		g->sent += k;
	}
	*got = n;
	return AIRS_OK;
}

START_TEST(hundred_megabytes_in_bounded_memory)
{
	counter k = { 0, 0, 0, 0 };
	generator g;
	airs__mem mem;
	airs__csv *c;
	uint64_t records = 0, last_line = 0;
	int rc;

	memset(&g, 0, sizeof g);
	/* 100 MB; 10 MB under valgrind (the test setup sets AIRS_TEST_QUICK) */
	g.total = getenv("AIRS_TEST_QUICK") ? 10u * 1000 * 1000
	                                    : 100u * 1000 * 1000;
	/* stop on a row boundary: rows are exactly the same length */
	counting_mem(&mem, &k);
	ck_assert_int_eq(airs__csv_new(&c, &mem, generate, &g, 0), AIRS_OK);
	while ((rc = airs__csv_next(c)) == 1) {
		size_t len;
		const char *f;

		ck_assert_uint_eq(airs__csv_nfields(c), 6);
		if (records % 65536 == 0) {
			f = airs__csv_field(c, 5, &len);
			ck_assert_str_eq(f, "says \"hi\"");
		}
		last_line = airs__csv_line(c);
		records++;
	}
	/* the cut at 100 MB may fall anywhere in a row: then it is ragged or
	 * ends inside quotes; the rows before it all streamed */
	ck_assert(rc == 0 || rc == AIRS_EPARSE);
	ck_assert_uint_gt(records, g.total / 100);
	ck_assert_uint_eq(last_line, records);
	ck_assert_uint_eq(g.sent, g.total);
	/* the read buffer plus one small record, whatever the input size */
	ck_assert_msg(k.peak < AIRS__CSV_CHUNK + 4096, "peak %zu", k.peak);
	airs__csv_free(c);
	ck_assert_uint_eq(k.cur, 0);
}
END_TEST

/* Failing each allocation in turn fails cleanly, leaks nothing, and the
 * error is sticky. */
START_TEST(out_of_memory)
{
	static const char in[] = "id,name\n1,\"Ann\"\n2,Bob\n";
	size_t n;

	for (n = 1; n < 20; n++) {
		counter k = { 0, 0, 0, n };
		airs__mem mem;
		airs__csv *c = NULL;
		int rc, i;

		counting_mem(&mem, &k);
		rc = n % 2 ? airs__csv_new_buffer(&c, &mem, in, sizeof in - 1, 0)
		           : airs__csv_new(&c, &mem, feed, &(feeder){ in,
		                     sizeof in - 1, 0, 3, 0, 1, 0, 0 }, 0);
		if (rc == AIRS_OK) {
			for (i = 0; (rc = airs__csv_next(c)) == 1; i++)
				;
			ck_assert(rc == 0 || rc == AIRS_ENOMEM);
			if (rc == AIRS_ENOMEM) {
				ck_assert_int_eq(airs__csv_next(c), AIRS_ENOMEM);
				ck_assert_uint_eq(airs__csv_error_line(c),
				                  (uint64_t)i + 1);
			} else {
				ck_assert_int_eq(i, 3);
			}
		} else {
			ck_assert_int_eq(rc, AIRS_ENOMEM);
			ck_assert_ptr_null(c);
		}
		airs__csv_free(c);
		ck_assert_uint_eq(k.cur, 0);
	}
}
END_TEST

/* ---- regressions found by fuzzing --------------------------------------- */

/* Empty fields before anything was stored: the record buffer was still
 * NULL and got offset arithmetic (UBSan: zero offset to null pointer). */
START_TEST(fuzz_empty_fields_first)
{
	expect_n(",,,\n\"\",\"\",,\"\"\n\r\n,,,\n", 20, 15,
	         "1:[][][][]\n2:[][][][]\n4:[][][][]\nEND");
	expect("\"\"x", "ERR -7 1:1 text after the closing quote of \"\"; a "
	       "quote inside a quoted field must be doubled (\"\")");
	expect(",\"\"x", "ERR -7 1:2 text after the closing quote of \"\"; a "
	       "quote inside a quoted field must be doubled (\"\")");
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("csv");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, plain_records);
	tcase_add_test(tc, trimmed_fields);
	tcase_add_test(tc, quoted_fields);
	tcase_add_test(tc, line_ends_and_blank_lines);
	tcase_add_test(tc, quoted_newline_moves_line_numbers);
	tcase_add_test(tc, bom);
	tcase_add_test(tc, delimiters);
	tcase_add_test(tc, valid_utf8);
	tcase_add_test(tc, invalid_utf8);
	tcase_add_test(tc, nul_byte);
	tcase_add_test(tc, unterminated_quote);
	tcase_add_test(tc, stray_quotes);
	tcase_add_test(tc, lone_cr);
	tcase_add_test(tc, ragged_rows);
	tcase_add_test(tc, field_limit);
	tcase_add_test(tc, too_many_fields);
	tcase_add_test(tc, read_error);
	tcase_add_test(tc, api_edges);
	tcase_add_test(tc, readers_agree_on_random_input);
	tcase_add_test(tc, fast_path_block_edges);
	tcase_add_test(tc, random_tables_round_trip);
	tcase_add_test(tc, hundred_megabytes_in_bounded_memory);
	tcase_add_test(tc, out_of_memory);
	tcase_add_test(tc, fuzz_empty_fields_first);
	suite_add_tcase(s, tc);
	return s;
}

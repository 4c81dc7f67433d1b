/*
 * fuzz-csv.c - libFuzzer target for the CSV reader.
 *
 * The first input byte picks max_field (bits 0-3: 1..15, or 0 for the
 * default) so that the field limit is hit often, the delimiter (bits 4-5:
 * a comma, found from the header, a semicolon or a tab) and, with bit 6,
 * that the text is UTF-16 (its BOM, if any, picks the byte order) read
 * through the converter (utf16.h); the rest is the text.  The text is
 * read twice, from a buffer (or the converter over all of it) and through
 * a callback that hands out one byte per call, and the two readers must
 * report exactly the same records, positions and errors.  Every field returned must keep the
 * reader's promises: valid UTF-8, no NUL, at most max_field bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/common.h"
#include "alloc.h"
#include "csv.h"
#include "utf16.h"
#include "fuzz-common.h"

typedef struct {
	const char *data;
	size_t len, pos;
} one_byte;

static int read_one(void *ctx, char *buf, size_t cap, size_t *got)
{
	one_byte *o = ctx;

	*got = o->pos < o->len && cap ? 1 : 0;
	if (*got)
		buf[0] = o->data[o->pos++];
	return AIRS_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[4] = { ',', 0, ';', '\t' };
	static airs__utf16 ua, ub; /* large: not on the stack */
	airs__mem_input whole;
	airs__mem mem;
	airs__csv *a, *b;
	one_byte src;
	uint32_t max_field;
	size_t header = 0;
	int ra, rb, wide;

	if (size < 1)
		return 0;
	max_field = data[0] & 15;
	wide = (data[0] >> 6) & 1;
	src.data = (const char *)data + 1;
	src.len = size - 1;
	src.pos = 0;
	CHECK(airs__mem_init(&mem, NULL) == AIRS_OK);
	if (wide) {
		int order = airs__utf16_bom(src.data, src.len);
		whole.p = src.data;
		whole.left = src.len;
		/* without a BOM: little-endian, its first two bytes dropped */
		airs__utf16_init(&ua, order ? order : 1, airs__mem_read, &whole);
		airs__utf16_init(&ub, order ? order : 1, read_one, &src);
		CHECK(airs__csv_new(&a, &mem, airs__utf16_read, &ua, max_field) ==
		      AIRS_OK);
		CHECK(airs__csv_new(&b, &mem, airs__utf16_read, &ub, max_field) ==
		      AIRS_OK);
	} else {
		CHECK(airs__csv_new_buffer(&a, &mem, src.data, src.len,
		                           max_field) == AIRS_OK);
		CHECK(airs__csv_new(&b, &mem, read_one, &src, max_field) ==
		      AIRS_OK);
	}
	airs__csv_set_delim(a, delims[(data[0] >> 4) & 3]);
	airs__csv_set_delim(b, delims[(data[0] >> 4) & 3]);
	do {
		size_t i, n;

		ra = airs__csv_next(a);
		rb = airs__csv_next(b);
		CHECK(ra == rb);
		n = airs__csv_nfields(a);
		CHECK(n == airs__csv_nfields(b));
		if (ra != 1) {
			CHECK(n == 0);
			break;
		}
		CHECK(n >= 1);
		if (!header)
			header = n;
		CHECK(n == header);
		CHECK(airs__csv_line(a) == airs__csv_line(b));
		for (i = 0; i < n; i++) {
			size_t la, lb;
			const char *fa = airs__csv_field(a, i, &la);
			const char *fb = airs__csv_field(b, i, &lb);

			CHECK(fa && fb && la == lb && memcmp(fa, fb, la) == 0);
			CHECK(fa[la] == '\0' && strlen(fa) == la);
			CHECK(la <= (max_field ? max_field : 65536));
			CHECK(valid_utf8((const unsigned char *)fa, la));
		}
		CHECK(airs__csv_field(a, n, NULL) == NULL);
		CHECK(airs__csv_delim(a) == airs__csv_delim(b));
		CHECK(!delims[(data[0] >> 4) & 3] ||
		      airs__csv_delim(a) == delims[(data[0] >> 4) & 3]);
	} while (1);
	CHECK(airs__csv_error_line(a) == airs__csv_error_line(b));
	CHECK(airs__csv_error_column(a) == airs__csv_error_column(b));
	CHECK(strcmp(airs__csv_errmsg(a), airs__csv_errmsg(b)) == 0);
	/* the whole-buffer converter may have looked ahead at damage the
	 * reader never reached; when the reader failed on it, both agree */
	CHECK(ra != AIRS_EIO || strcmp(ua.msg, ub.msg) == 0);
	if (ra < 0) {
		/* the converter's refusal is a read error to the reader */
		CHECK(ra == AIRS_EPARSE || ra == AIRS_ELIMIT ||
		      (wide && ra == AIRS_EIO && ua.msg[0]));
		CHECK(airs__csv_error_line(a) >= 1);
		CHECK(airs__csv_errmsg(a)[0] != '\0');
		CHECK(airs__csv_next(a) == ra);
	} else {
		CHECK(ra == 0 && src.pos == src.len);
		CHECK(airs__csv_next(a) == 0);
	}
	airs__csv_free(a);
	airs__csv_free(b);
	return 0;
}

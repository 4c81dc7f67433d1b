/*
 * utf16.h - UTF-16 text with a byte order mark, read as UTF-8.
 *
 * Excel's "Unicode text" export (and some HRIS "Unicode CSV" exports)
 * are UTF-16 with a BOM.  The BOM says the encoding for certain, and
 * every UTF-16 text has exactly one UTF-8 form, so such a file is
 * transcoded as it streams rather than refused: nothing is guessed and
 * nothing is lost.  Line numbers stay those of the file (a line feed is
 * one unit in either form).  UTF-16 without a BOM is not guessed at:
 * its NUL bytes fail the CSV reader with a message saying to save the
 * file as UTF-8.
 *
 * The converter sits between a raw read callback and the CSV reader,
 * as another read callback (csv.h's airs__read_fn).
 *
 * Thread safety: a converter is used by one thread at a time.
 */
#ifndef AIRS_UTF16_H
#define AIRS_UTF16_H

#include <stddef.h>
#include <stdint.h>

#include "csv.h"
#include "error.h"

/* Raw bytes converted per refill. */
#define AIRS__UTF16_RAW 16384u

typedef struct airs__utf16 {
	airs__read_fn read;  /* the raw input */
	void *ctx;
	int big;             /* big-endian (BOM FE FF) */
	int started;         /* the BOM has been dropped */
	int eof;
	unsigned char raw[AIRS__UTF16_RAW + 2];
	size_t nraw;         /* raw bytes kept from the last refill */
	char out[AIRS__UTF16_RAW * 2 + 8]; /* converted, not yet handed on */
	size_t pos, len;
	char msg[AIRS__MSG_MAX]; /* why the input is not UTF-16, or "" */
} airs__utf16;

/* The byte order the first n bytes at p announce: 1 for UTF-16 LE
 * (FF FE), 2 for UTF-16 BE (FE FF), 0 for neither. */
int airs__utf16_bom(const char *p, size_t n);

/* Set up u to convert what read(ctx, ...) returns, which begins with the
 * BOM airs__utf16_bom() recognised (order: its result). */
void airs__utf16_init(airs__utf16 *u, int order, airs__read_fn read,
                      void *ctx);

/* An airs__read_fn (ctx: an airs__utf16) handing on UTF-8.  It fails
 * with AIRS_EIO when the raw input fails, and with AIRS_EPARSE, the
 * reason in u->msg, at a lone surrogate or an odd last byte, once the
 * text before it has been handed on. */
int airs__utf16_read(void *ctx, char *buf, size_t cap, size_t *got);

/* A raw read callback over bytes in memory, for tables given as
 * buffers. */
typedef struct airs__mem_input {
	const char *p;
	size_t left;
} airs__mem_input;
int airs__mem_read(void *ctx, char *buf, size_t cap, size_t *got);

#endif

/*
 * json.h - a small streaming JSON writer.
 *
 * Values are written straight into a sink (sink.h) as they are given: no
 * tree, no allocation.  The layout is fixed so that equal input gives
 * byte-identical text: a container opened with flat = 0 puts each member
 * on its own line, indented by two spaces per level; a container opened
 * with flat = 1 (and everything inside it) stays on one line, members
 * separated by ", " and keys by ": ".  Exports use flat containers for
 * records, so an array of records has one record per line.
 *
 * Strings: '"' and '\' are escaped, control characters (below 0x20) are
 * written as \u00XX, valid UTF-8 passes through unchanged and each byte of
 * an invalid UTF-8 sequence becomes \ufffd, so the output is always valid
 * JSON.  Numbers go through airs__format_double() (num.h: locale-free,
 * rounded to 9 decimals); NaN and infinities are written as null.
 *
 * The caller is trusted to nest correctly (a key before every member of
 * an object, none in an array); nesting deeper than AIRS__JSON_DEPTH is a
 * programming error.
 */
#ifndef AIRS_JSON_H
#define AIRS_JSON_H

#include <stdint.h>

#include "sink.h"

#define AIRS__JSON_DEPTH 16

typedef struct airs__json {
	airs__sink *out;
	int depth;                              /* open containers */
	int after_key;                          /* a key waits for its value */
	unsigned char empty[AIRS__JSON_DEPTH];  /* no member yet */
	unsigned char flat[AIRS__JSON_DEPTH];   /* written on one line */
} airs__json;

void airs__json_init(airs__json *j, airs__sink *out);
void airs__json_begin_object(airs__json *j, int flat);
void airs__json_end_object(airs__json *j);
void airs__json_begin_array(airs__json *j, int flat);
void airs__json_end_array(airs__json *j);
void airs__json_key(airs__json *j, const char *key);
void airs__json_string(airs__json *j, const char *s); /* NULL: null */
void airs__json_number(airs__json *j, double v);
void airs__json_int(airs__json *j, long long v);
void airs__json_uint(airs__json *j, uint64_t v);
void airs__json_bool(airs__json *j, int v);
void airs__json_null(airs__json *j);
/* Members written by another writer (export-rows.h): child continues
 * parent's open container as if it had no member yet, so its first
 * member has no separator; join() puts that separator into the parent
 * when the container already has members, and counts the container as
 * having some.  Nothing at depth 0 (CSV). */
void airs__json_fork(airs__json *child, const airs__json *parent);
void airs__json_join(airs__json *j);
/* End the document with a newline (after the top-level value). */
void airs__json_finish(airs__json *j);

/* Write s as a JSON string literal, quotes included. */
void airs__json_quote(airs__sink *out, const char *s);

#endif

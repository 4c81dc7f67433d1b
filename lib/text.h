/*
 * text.h - checks on text the library keeps: UTF-8 validity and ids.
 */
#ifndef AIRS_TEXT_H
#define AIRS_TEXT_H

#include <stddef.h>

/* Offset of the first byte that is not part of valid UTF-8 or is NUL
 * (overlong forms, surrogates and code points above U+10FFFF are invalid),
 * or len when all of s is valid.  Eight ASCII bytes at a time. */
size_t airs__utf8_check(const char *s, size_t len);

/* NULL if s (len bytes) is a valid id: 1..AIRS_ID_MAX bytes of UTF-8
 * without control characters.  Otherwise a short reason ("is empty",
 * "is longer than 255 bytes", "contains a control character",
 * "is not valid UTF-8"). */
const char *airs__id_problem(const char *s, size_t len);

/* Like airs__id_problem() for free text: at most AIRS_TEXT_MAX bytes of
 * UTF-8 without NUL; control characters other than tab, CR and LF are
 * refused. */
const char *airs__text_problem(const char *s, size_t len);

/* Case-insensitive ASCII comparison of len bytes at a with NUL-terminated b. */
int airs__ieq(const char *a, size_t len, const char *b);

/* Levenshtein distance between a (la bytes) and the string b, for "did
 * you mean" suggestions; strings longer than 63 bytes are "far"
 * ((size_t)-1). */
size_t airs__distance(const char *a, size_t la, const char *b);

#endif

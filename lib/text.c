/*
 * text.c - checks on text the library keeps: UTF-8 validity and ids.
 */
#include "text.h"

#include <stdint.h>
#include <string.h>

#include "airs/model.h"

/* Offset of the first byte in s[0..n) that starts an ill-formed UTF-8
 * sequence or is NUL; n if there is none.  Follows Table 3-7 of the
 * Unicode Standard, so overlong forms, surrogates and code points above
 * U+10FFFF are ill-formed. */
static size_t utf8_scan(const unsigned char *s, size_t n)
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

size_t airs__utf8_check(const char *s, size_t len)
{
	return utf8_scan((const unsigned char *)s, len);
}

static int has_control(const char *s, size_t len, int allow_space_controls)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0x7f || (c < 0x20 && !(allow_space_controls &&
		                  (c == '\t' || c == '\n' || c == '\r'))))
			return 1;
	}
	return 0;
}

const char *airs__id_problem(const char *s, size_t len)
{
	if (!s || !len)
		return "is empty";
	if (len > AIRS_ID_MAX)
		return "is longer than 255 bytes";
	if (has_control(s, len, 0))
		return "contains a control character";
	if (airs__utf8_check(s, len) != len)
		return "is not valid UTF-8";
	return NULL;
}

const char *airs__text_problem(const char *s, size_t len)
{
	if (len > AIRS_TEXT_MAX)
		return "is longer than 4096 bytes";
	if (has_control(s, len, 1))
		return "contains a control character";
	if (airs__utf8_check(s, len) != len)
		return "is not valid UTF-8";
	return NULL;
}

int airs__ieq(const char *a, size_t len, const char *b)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (!y)
			return 0;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y + 32);
		if (x != y)
			return 0;
	}
	return b[len] == '\0';
}

/* Levenshtein distance, capped: strings longer than 63 bytes are "far". */
size_t airs__distance(const char *a, size_t la, const char *b)
{
	size_t lb = strlen(b), row[64], i, j;

	if (la > 63 || lb > 63)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

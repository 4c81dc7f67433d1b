/*
 * text.c - checks on text the library keeps: UTF-8 validity and ids.
 */
#include "text.h"

#include <string.h>

#include "airs/model.h"

size_t airs__utf8_check(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		uint32_t cp, min;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1; cp = c & 0x1f; min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2; cp = c & 0x0f; min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3; cp = c & 0x07; min = 0x10000;
		} else {
			return i;
		}
		if (len - i <= n)
			return i;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
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

/*
 * json-check.h - a minimal JSON syntax checker (RFC 8259), enough to prove
 * that every output parses: json_valid(text) is 1 when text is exactly one
 * JSON value (with surrounding white space).  Shared by the suites that
 * write JSON.
 */
#ifndef AIRS_TEST_JSON_CHECK_H
#define AIRS_TEST_JSON_CHECK_H

#include <string.h>

static const char *ws(const char *s)
{
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	return s;
}

static const char *jvalue(const char *s, int depth);

static const char *jstring(const char *s)
{
	if (*s++ != '"')
		return NULL;
	while (*s != '"') {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20)
			return NULL;
		if (c == '\\') {
			s++;
			if (*s == 'u') {
				for (int k = 1; k <= 4; k++)
					if (!strchr("0123456789abcdefABCDEF", s[k]) || !s[k])
						return NULL;
				s += 4;
			} else if (!*s || !strchr("\"\\/bfnrt", *s)) {
				return NULL;
			}
		}
		s++;
	}
	return s + 1;
}

static const char *jnumber(const char *s)
{
	const char *start;

	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return NULL;
	if (*s == '.') {
		start = ++s;
		while (*s >= '0' && *s <= '9')
			s++;
		if (s == start)
			return NULL;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		start = s;
		while (*s >= '0' && *s <= '9')
			s++;
		if (s == start)
			return NULL;
	}
	return s;
}

static const char *jvalue(const char *s, int depth)
{
	char close;

	s = ws(s);
	if (depth > 64)
		return NULL;
	if (*s == '"')
		return jstring(s);
	if (!strncmp(s, "true", 4))
		return s + 4;
	if (!strncmp(s, "false", 5))
		return s + 5;
	if (!strncmp(s, "null", 4))
		return s + 4;
	if (*s != '{' && *s != '[')
		return jnumber(s);
	close = *s == '{' ? '}' : ']';
	s = ws(s + 1);
	if (*s == close)
		return s + 1;
	for (;;) {
		if (close == '}') {
			s = jstring(ws(s));
			if (!s || *(s = ws(s)) != ':')
				return NULL;
			s++;
		}
		s = jvalue(s, depth + 1);
		if (!s)
			return NULL;
		s = ws(s);
		if (*s == close)
			return s + 1;
		if (*s++ != ',')
			return NULL;
	}
}

static inline int json_valid(const char *text)
{
	const char *end = jvalue(text, 0);

	return end && *ws(end) == '\0';
}

#endif

/*
 * ini.c - the lines of an INI text (ini.h).
 */
#include "ini.h"

#include <string.h>

#include "airs/common.h"
#include "text.h"

struct walk {
	airs__ini_line l;
	unsigned flags;
	airs__ini_error *err;
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_comment(char c)
{
	return c == '#' || c == ';';
}

static const char *skip(const char *s, const char *e)
{
	while (s < e && is_blank(*s))
		s++;
	return s;
}

static const char *trim(const char *s, const char *e)
{
	while (e > s && is_blank(e[-1]))
		e--;
	return e;
}

static int refuse(struct walk *w, const char *at, const char *why)
{
	w->err->lineno = w->l.lineno;
	w->err->column = (uint32_t)(at - w->l.line) + 1;
	w->err->why = why;
	return AIRS_EPARSE;
}

/* Is s..e blank, or (with inline comments) a comment? */
static int nothing_after(const struct walk *w, const char *s, const char *e)
{
	s = skip(s, e);
	return s == e ||
	       (w->flags & AIRS__INI_INLINE_COMMENTS && is_comment(*s));
}

/* [name] (s at the '[', e at the end of the line). */
static int section(struct walk *w, const char *s, const char *e)
{
	const char *close = memchr(s, ']', (size_t)(e - s));

	if (!close)
		return refuse(w, s, "unterminated section header: write the "
		              "name in brackets, as [name]");
	if (!nothing_after(w, close + 1, e))
		return refuse(w, skip(close + 1, e), "unexpected text after the "
		              "section header: a section header is alone on "
		              "its line");
	w->l.kind = AIRS__INI_SECTION;
	w->l.name = skip(s + 1, close);
	w->l.name_end = trim(w->l.name, close);
	if (w->l.name == w->l.name_end)
		return refuse(w, s, "empty section name");
	return AIRS_OK;
}

/* The value after '=' (v..e): quoted, or up to a comment. */
static int value(struct walk *w, const char *v, const char *e)
{
	const char *c, *close;

	v = skip(v, e);
	w->l.quoted = v < e && *v == '"';
	if (w->l.quoted) {
		if (!(close = memchr(v + 1, '"', (size_t)(e - v - 1))))
			return refuse(w, v, "unterminated quoted value");
		if (!nothing_after(w, close + 1, e))
			return refuse(w, skip(close + 1, e), "unexpected text "
			              "after the quoted value");
		w->l.value = v + 1;
		w->l.value_end = close;
		return AIRS_OK;
	}
	for (c = v; c < e; c++)
		if (w->flags & AIRS__INI_INLINE_COMMENTS && is_comment(*c) &&
		    (c == v || is_blank(c[-1])))
			break;
	w->l.value = v;
	w->l.value_end = trim(v, c);
	if ((c = memchr(v, '"', (size_t)(w->l.value_end - v))))
		return refuse(w, c, "a quote inside a value: quote the whole "
		              "value or nothing");
	return AIRS_OK;
}

/* key = value (s at the key, e at the end of the line). */
static int pair(struct walk *w, const char *s, const char *e)
{
	const char *eq = memchr(s, '=', (size_t)(e - s));

	if (!eq || trim(s, eq) == s)
		return refuse(w, s, "expected \"key = value\"");
	w->l.kind = AIRS__INI_PAIR;
	w->l.name = s;
	w->l.name_end = trim(s, eq);
	w->l.eq = eq;
	return value(w, eq + 1, e);
}

/* One line (s..e, without its end of line). */
static int line(struct walk *w, const char *s, const char *e,
                airs__ini_fn fn, void *user)
{
	size_t n;
	int rc;

	if (e <= s)
		return AIRS_OK; /* a blank line (and e < s never: said for GCC,
		                   whose -Wstringop-overread cannot tell) */
	n = (size_t)(e - s);
	w->l.line = s;
	if (memchr(s, '\0', n))
		return refuse(w, (const char *)memchr(s, '\0', n),
		              "the line contains a NUL byte: save the file "
		              "as UTF-8 text");
	if (airs__utf8_check(s, n) < n)
		return refuse(w, s + airs__utf8_check(s, n), "the line is not "
		              "valid UTF-8: save the file as UTF-8 text");
	s = skip(s, e);
	if (s == e || is_comment(*s))
		return AIRS_OK;
	rc = *s == '[' ? section(w, s, e) : pair(w, s, e);
	return rc ? rc : fn(&w->l, user);
}

int airs__ini_walk(const char *text, size_t len, unsigned flags,
                   airs__ini_fn fn, void *user, airs__ini_error *err)
{
	struct walk w;
	const char *s = text, *end = text + len, *nl, *le;
	int rc;

	memset(&w, 0, sizeof w);
	w.flags = flags;
	w.err = err;
	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		s += 3;
	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		le = nl ? nl : end;
		if (le > s && le[-1] == '\r')
			le--;
		w.l.lineno++;
		if ((rc = line(&w, s, le, fn, user)))
			return rc;
		s = nl ? nl + 1 : end;
	}
	return AIRS_OK;
}

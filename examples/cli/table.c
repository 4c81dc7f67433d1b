/*
 * table.c - text tables for terminals and pipes.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * Columns are sized to their widest cell; when the table is wider than
 * the width asked for, the columns marked `shrink` are cut, widest first,
 * and their cut cells end in "…".  Widths count code points, which is
 * right for the Latin, Greek and Cyrillic text HR data mostly holds.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct column {
	const char *header;
	int align, shrink;
	size_t width;
};

struct table {
	size_t ncols, nrows, cap;
	struct column *cols;
	char **cells;  /* nrows * ncols, NULL for empty */
};

size_t text_width_n(const char *s, size_t n)
{
	size_t w = 0, i;

	for (i = 0; i < n && s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w++;
	return w;
}

size_t text_width(const char *s)
{
	return text_width_n(s, (size_t)-1);
}

struct table *table_new(size_t ncols)
{
	struct table *t = calloc(1, sizeof *t);

	if (!t) {
		cli_lost();
		return NULL;
	}
	t->cols = calloc(ncols, sizeof *t->cols);
	if (!t->cols) {
		free(t);
		cli_lost();
		return NULL;
	}
	t->ncols = ncols;
	return t;
}

void table_column(struct table *t, size_t col, const char *header, int align,
                  int shrink)
{
	if (!t || col >= t->ncols)
		return;
	t->cols[col].header = header;
	t->cols[col].align = align;
	t->cols[col].shrink = shrink;
}

int table_row(struct table *t)
{
	size_t i;

	if (!t)
		return -1;
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16;
		char **cells = realloc(t->cells, cap * t->ncols * sizeof *cells);

		if (!cells) {
			cli_lost();
			return -1;
		}
		t->cells = cells;
		t->cap = cap;
	}
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = NULL;
	t->nrows++;
	return 0;
}

void table_cell(struct table *t, size_t col, const char *text)
{
	char **cell;
	size_t len;

	if (!t || !t->nrows || col >= t->ncols || !text)
		return;
	cell = &t->cells[(t->nrows - 1) * t->ncols + col];
	free(*cell);
	len = strlen(text);
	*cell = malloc(len + 1);
	if (*cell)
		memcpy(*cell, text, len + 1);
	else
		cli_lost();
}

void table_cellf(struct table *t, size_t col, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	table_cell(t, col, buf);
}

/* Print text in exactly `width` display columns, cutting it with "…". */
static void put_cell(FILE *out, const char *s, size_t width, int align,
                     int last)
{
	size_t w = text_width(s), i;

	if (width == 0)
		return;
	if (w > width) {
		/* Copy width-1 code points, then the ellipsis. */
		size_t cps = 0;
		const char *p = s;

		while (*p && cps < width - 1) {
			p++;
			while (((unsigned char)*p & 0xC0) == 0x80)
				p++;
			cps++;
		}
		fwrite(s, 1, (size_t)(p - s), out);
		fputs("\xe2\x80\xa6", out);
		return;
	}
	if (align == TABLE_RIGHT)
		for (i = w; i < width; i++)
			fputc(' ', out);
	fputs(s, out);
	if (align == TABLE_LEFT && !last)
		for (i = w; i < width; i++)
			fputc(' ', out);
}

void table_print(struct table *t, FILE *out, int color, size_t width)
{
	size_t r, c, total;

	if (!t)
		return;
	for (c = 0; c < t->ncols; c++) {
		t->cols[c].width = t->cols[c].header ? text_width(t->cols[c].header) : 0;
		for (r = 0; r < t->nrows; r++) {
			const char *s = t->cells[r * t->ncols + c];
			size_t w = s ? text_width(s) : 0;

			if (w > t->cols[c].width)
				t->cols[c].width = w;
		}
	}
	/* Shrink the widest shrinkable column one step at a time. */
	for (;;) {
		size_t widest = (size_t)-1;

		total = 0;
		for (c = 0; c < t->ncols; c++)
			total += t->cols[c].width + (c ? 2 : 0);
		if (total <= width)
			break;
		for (c = 0; c < t->ncols; c++)
			if (t->cols[c].shrink && t->cols[c].width > 6 &&
			    (widest == (size_t)-1 ||
			     t->cols[c].width > t->cols[widest].width))
				widest = c;
		if (widest == (size_t)-1)
			break;
		t->cols[widest].width--;
	}
	if (color)
		fputs("\033[1m", out);
	for (c = 0; c < t->ncols; c++) {
		if (c)
			fputs("  ", out);
		put_cell(out, t->cols[c].header ? t->cols[c].header : "",
		         t->cols[c].width, t->cols[c].align, c + 1 == t->ncols);
	}
	if (color)
		fputs("\033[0m", out);
	fputc('\n', out);
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];

			/* An empty last cell gets no separator: no trailing blanks. */
			if (c + 1 == t->ncols && (!s || !*s))
				break;
			if (c)
				fputs("  ", out);
			put_cell(out, s ? s : "", t->cols[c].width, t->cols[c].align,
			         c + 1 == t->ncols);
		}
		fputc('\n', out);
	}
}

void table_free(struct table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->cols);
	free(t);
}

/* Print one paragraph wrapped to the CLI width, continuation lines
 * indented under the text (explanations are prose, not tables). */
void cli_say(FILE *out, const char *fmt, ...)
{
	char buf[1024];
	const char *p = buf, *end;
	size_t indent = 0, col, width = CLI_WIDTH;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	buf[strcspn(buf, "\n")] = '\0';
	while (buf[indent] == ' ')
		indent++;
	indent += 2;
	col = 0;
	for (;;) {
		/* Take words while they fit. */
		const char *line = p, *cut = NULL, *q = p;
		size_t w = col;

		while (*q) {
			end = q + strcspn(q, " ");
			w += text_width_n(q, (size_t)(end - q));
			if (w > width && cut)
				break;
			cut = end;
			if (!*end)
				break;
			w += 1;
			q = end + 1;
		}
		/* no blank at a line's end or start (a sentence's two) */
		for (end = cut; end > line && end[-1] == ' '; end--)
			;
		fwrite(line, 1, (size_t)(end - line), out);
		fputc('\n', out);
		if (!*cut)
			return;
		for (p = cut + 1; *p == ' '; p++)
			;
		if (!*p)
			return;
		fprintf(out, "%*s", (int)indent, "");
		col = indent;
	}
}


void cli_wrap(FILE *out, const char *first, const char *text)
{
	size_t indent = text_width(first), col = indent;
	const char *p = text;

	fputs(first, out);
	while (*p) {
		/* Take words while they fit; a word longer than the line goes
		 * on a line of its own. */
		const char *q = p, *cut = NULL;
		size_t w = col;

		while (*q) {
			const char *end = q + strcspn(q, " ");

			w += text_width_n(q, (size_t)(end - q));
			if (w > CLI_WIDTH && cut)
				break;
			cut = end;
			if (!*end)
				break;
			w++;
			q = end + 1;
		}
		fwrite(p, 1, (size_t)(cut - p), out);
		fputc('\n', out);
		p = cut;
		while (*p == ' ')
			p++;
		if (*p) {
			fprintf(out, "%*s", (int)indent, "");
			col = indent;
		}
	}
	if (!*text)
		fputc('\n', out);
}

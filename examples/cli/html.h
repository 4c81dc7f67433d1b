/*
 * html.h - the HTML page of `airs report` (html*.c): its sections and the
 * pieces they share.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * The page is one file: inline CSS, inline SVG, no script, no external
 * asset, no style attribute (so a strict content security policy that
 * allows the one <style> element by hash passes it).  Charts are tables
 * whose cells hold the numbers and a small SVG drawing of them: the
 * table is the chart's text equivalent, the drawing is aria-hidden and
 * carries a <title> that doubles as its tooltip.  Every string from the
 * data is escaped.
 */
#ifndef AIRS_CLI_HTML_H
#define AIRS_CLI_HTML_H

#include "report.h"

/* A section of the page: its id (the anchor), heading, and the function
 * that writes what follows the heading - or says why it is empty. */
struct html_section {
	const char *id;
	const char *title;
	void (*write)(struct report *r, FILE *f);
};
const char *html_section_title(const char *id);

/* The sections, one function each (html-*.c). */
void html_summary(struct report *r, FILE *f);
void html_coverage(struct report *r, FILE *f);
void html_maturity(struct report *r, FILE *f);
void html_sentiment(struct report *r, FILE *f);
void html_responses(struct report *r, FILE *f);
void html_perception(struct report *r, FILE *f);
void html_adkar(struct report *r, FILE *f);
void html_focus(struct report *r, FILE *f);     /* html-focus.c */
/* The driver analysis html_focus() reads, of result: airs_drivers_new()'s
 * status (out NULL on failure). */
int html_focus_analysis(const airs_result *result, airs_drivers **out);
void html_skills(struct report *r, FILE *f);
void html_flags(struct report *r, FILE *f);
void html_cohorts(struct report *r, FILE *f);
void html_tools(struct report *r, FILE *f);     /* html-tools.c */
void html_trend(struct report *r, FILE *f);     /* html-trend.c */
void html_about(struct report *r, FILE *f);
/* A 95% interval under a figure, scaled by scale, with decimals and a
 * unit after each bound; nothing when it is unknown (suppressed or too
 * few people). */
void html_ci(FILE *f, airs_interval ci, double scale, int decimals,
             const char *unit);

/* The page's one <style> element (html.c), for pages of their own
 * (report-managers.c). */
void html_style(FILE *f);

/* HTML-escape & < > " ' so text can go into content and attributes. */
void html_esc(FILE *f, const char *s);
/* printf, then escape the result. */
void html_escf(FILE *f, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* A paragraph saying why a section or table is empty. */
void html_empty(FILE *f, const char *why);

/* A wide table's frame: a box that scrolls sideways on a narrow screen
 * (a labelled, focusable region, so keyboards can scroll it too), the
 * table with `cls` and its caption.  Close with html_table_close(). */
void html_table_open(FILE *f, const char *id, const char *cls,
                     const char *caption);
void html_table_close(FILE *f);

/* A row header for a unit, indented by its level. */
void html_unit_th(FILE *f, const struct report *r, const airs_unit_score *u);

/* A horizontal bar of share 0..1 on a track, with an optional mark at
 * 0..1 (NaN: none) and a tooltip title (plain text, escaped here). */
void html_bar(FILE *f, double share, const char *fill, double mark,
              const char *title);
/* A bar of stacked parts: counts and their fills, in order. */
void html_stack(FILE *f, const uint64_t *counts, const char *const *fills,
                size_t n, const char *title);

/* The level colours, 1..5, for the stacks and their legend. */
extern const char *const html_level_fill[6];

#endif /* AIRS_CLI_HTML_H */

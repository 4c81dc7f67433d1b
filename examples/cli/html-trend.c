/*
 * html-trend.c - the report page's "change since the last wave": per
 * group (the organisation, then the units shown) every figure of
 * airs/compare.h with the earlier and current values, the change, its
 * 95% interval, p-value, panel and test, or why the change is hidden
 * (report-trend.c computes the comparison; methodology 4.1 and 4.7).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * The page leaves the section out when there is no earlier wave.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "change.h"
#include "html.h"

#define NFIG CHANGE_NFIG

/* An id in words: "below_target" -> "Below target" (any figure the
 * library adds reads this way without a change here); the tests by
 * their names in statistics. */
static void words(FILE *f, const char *id, int cap)
{
	static const char *const test[][2] = {
		{ "paired_t", "paired t" }, { "mcnemar", "McNemar" },
		{ "welch", "Welch" }, { "two_proportion", "two-proportion z" },
	};
	char b[64];
	size_t i;

	for (i = 0; i < sizeof test / sizeof test[0]; i++)
		if (!strcmp(id, test[i][0])) {
			html_esc(f, test[i][1]);
			return;
		}
	snprintf(b, sizeof b, "%s", id);
	for (i = 0; b[i]; i++)
		if (b[i] == '_')
			b[i] = ' ';
	if (cap && b[0] >= 'a' && b[0] <= 'z')
		b[0] = (char)(b[0] - 'a' + 'A');
	html_esc(f, b);
}

static void value_td(FILE *f, double v, int figure)
{
	char b[64];

	fputs("<td class=\"n\">", f);
	html_esc(f, cli_num(b, sizeof b, change_scale(figure) * v,
	                    change_decimals(figure)));
	fputs("</td>", f);
}

static void figure_row(FILE *f, const airs_change *ch, int figure)
{
	double s = change_scale(figure);
	int d = change_decimals(figure);
	char b[64];

	fputs("<tr><th scope=\"row\">", f);
	words(f, airs_change_figure_name(figure), 1);
	fputs("</th>", f);
	value_td(f, ch->base, figure);
	value_td(f, ch->current, figure);
	if (ch->reason != AIRS_CHANGE_SHOWN) {
		fputs("<td class=\"n wrap hid-why\">", f);
		html_esc(f, change_reason(ch->reason, 1));
		fputs("</td></tr>\n", f);
		return;
	}
	fprintf(f, "<td class=\"n wrap\">%+.*f", d, s * ch->change);
	if (!isnan(ch->ci.low))
		fprintf(f, "<small>%.*f \xe2\x80\xa6 %.*f</small>", d,
		        s * ch->ci.low, d, s * ch->ci.high);
	fputs("<small>", f);
	words(f, airs_change_test_name(ch->test), 0);
	fputs(", p ", f);
	html_esc(f, cli_num(b, sizeof b, ch->p, 4));
	fputs(", panel ", f);
	html_esc(f, cli_count(b, sizeof b, ch->panel));
	fputs("</small></td></tr>\n", f);
}

/* One group's table, in a <details> for a unit (open for the first). */
static void group(struct report *r, FILE *f, size_t u, const char *name,
                  int first, size_t idx)
{
	const airs_comparison *k = r->trend.k;
	char id[32];
	int shown = 0;

	for (int fi = 0; fi < NFIG; fi++) {
		airs_change ch = AIRS_CHANGE_INIT;
		if (!airs_comparison_change(k, u, fi, &ch))
			shown += ch.reason == AIRS_CHANGE_SHOWN;
	}
	fprintf(f, "<details%s><summary><b>", first ? " open" : "");
	html_esc(f, name);
	fprintf(f, "</b> (%d of %d changes shown)</summary>\n",
	        shown, NFIG);
	snprintf(id, sizeof id, "trend-%zu", idx);
	html_table_open(f, id, "trend", "Before, now and the change");
	fputs("<thead><tr><th scope=\"col\">figure</th>"
	      "<th scope=\"col\" class=\"n\">before</th>"
	      "<th scope=\"col\" class=\"n\">now</th>"
	      "<th scope=\"col\" class=\"n wrap\">change, 95% interval; "
	      "test, p-value, panel</th></tr></thead>\n<tbody>\n", f);
	for (int fi = 0; fi < NFIG; fi++) {
		airs_change ch = AIRS_CHANGE_INIT;
		if (airs_comparison_change(k, u, fi, &ch) == AIRS_OK &&
		    ch.reason != AIRS_CHANGE_NO_VALUES)
			figure_row(f, &ch, fi);
	}
	html_table_close(f);
	fputs("</details>\n", f);
}

void html_trend(struct report *r, FILE *f)
{
	const struct report_trend *t = &r->trend;
	char b0[160], b1[160], d0[11];
	size_t n = 0;

	report_trend_period(&t->base_p, b0, sizeof b0);
	report_trend_period(&t->cur, b1, sizeof b1);
	airs_date_format(t->base_p.as_of, d0);
	fputs("<p>Survey figures of ", f);
	html_esc(f, b1);
	fputs(" against ", f);
	html_esc(f, b0);
	fprintf(f, "; readiness and levels as of %s against now", d0);
	if (t->archive) {
		fputs(", from the archive ", f);
		html_esc(f, r->c->a.base_archive);
	}
	fprintf(f, ".</p>\n"
	        "<p class=\"note\">Readiness in points, shares in %%, construct "
	        "means 0..1. %s. A survey figure's change is "
	        "shown only when both waves show the figure and its "
	        "respondents are the same or differ by at least %d people "
	        "(methodology 4.1 and %s).</p>\n",
	        t->archive ? "Every test independent: an archive keeps group "
	                     "sums, not each person's answers"
	                   : "Paired tests where a group's people are the same "
	                     "in both, independent otherwise", r->k,
	        t->archive ? "4.8" : "4.7");
	if (report_trend_caveat(t)) {
		fputs("<p class=\"note\">", f);
		html_esc(f, report_trend_caveat(t));
		fputs("</p>\n", f);
	}
	for (size_t i = 0; i < report_nrows(r); i++) {
		airs_unit_score us = AIRS_UNIT_SCORE_INIT;
		size_t u;
		if (!report_trend_row(r, i, &u, &us))
			continue;
		group(r, f, u, us.name ? us.name : us.id, n == 0, n);
		n++;
	}
}

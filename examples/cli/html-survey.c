/*
 * html-survey.c - the report page's survey sections: sentiment by unit,
 * response rates, and leaders against staff.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * Only what the rollup publishes is shown.  A unit's total can be hidden
 * while its staff figure is published (complementary suppression hides
 * the total where the unit's leaders are too few to show apart); then the
 * staff figure is shown, marked as such.  "Hidden to protect anonymity"
 * and "nobody answered" look different and say so in words.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

/* Why a report has no survey figures at all, or NULL when it has some. */
static const char *no_survey(const struct report *r, char *buf, size_t n)
{
	size_t items, scored;

	if (r->scope.respondents != 0)
		return NULL;
	report_survey_items(r, &items, &scored);
	if (items == 0)
		snprintf(buf, n, "The data has no survey, so there is no sentiment "
		         "to show.");
	else if (scored == 0)
		snprintf(buf, n, "The survey in the data asks about other things: "
		         "none of its %zu items is on a measure airs scores (clarity "
		         "of purpose, usefulness, trust, job security, support, voice, "
		         "recommendation, time saved, errors), so there is no sentiment "
		         "to show.", items);
	else
		snprintf(buf, n, "Nobody here answered the survey, so there is no "
		         "sentiment to show.");
	return buf;
}

static int bin(double mean)
{
	double v = 100 * mean;

	return v < 20 ? 0 : v < 40 ? 1 : v < 60 ? 2 : v < 80 ? 3 : 4;
}

static void heat_legend(FILE *f, int k)
{
	static const char *ranges[5] = { "below 20", "20 to 39", "40 to 59",
		"60 to 79", "80 and above" };
	int b;

	fputs("<ul class=\"legend\" aria-label=\"How to read the cells\">", f);
	for (b = 0; b < 5; b++)
		fprintf(f, "<li><span class=\"sw s%d\"></span>%s</li>", b, ranges[b]);
	fputs("<li><span><i>staff 45</i>: the unit's total is hidden, its "
	      "staff's figure shown</span></li>", f);
	fprintf(f, "<li><span class=\"sw hid\"></span>hidden: to protect "
	           "anonymity (fewer than %d, or a smaller group could be worked "
	           "out)</li>", k);
	fprintf(f, "<li><span class=\"sw nil\"></span>%s nobody answered</li>", CLI_NONE);
	fputs("</ul>\n", f);
}

static void heat_cell(FILE *f, const airs_unit_score *u, int construct,
                      const airs_construct_score *s)
{
	const char *name = cli_name(CLI_CONSTRUCT, construct);

	switch (report_survey_state(s)) {
	case SURVEY_TOTAL:
		fprintf(f, "<td class=\"s%d\" title=\"", bin(s->mean));
		html_escf(f, "%s, %s: mean %.0f of 100, %.0f%% favourable, %llu "
		          "answered", name, u->name, 100 * s->mean, 100 * s->favourable,
		          (unsigned long long)s->respondents);
		fprintf(f, "\">%.0f<small>%.0f%% fav.</small></td>", 100 * s->mean,
		        100 * s->favourable);
		break;
	case SURVEY_PARTIAL: {
		int staff = s->staff != AIRS_SUPPRESSED && s->staff > 0 &&
		            !isnan(s->staff_mean);
		int leaders = s->leaders != AIRS_SUPPRESSED && s->leaders > 0 &&
		              !isnan(s->leaders_mean);

		fprintf(f, "<td class=\"s%d part\" title=\"", bin(staff ? s->staff_mean
		                                                 : s->leaders_mean));
		html_escf(f, "%s, %s: the total is hidden to protect anonymity", name,
		          u->name);
		if (staff)
			html_escf(f, "; staff mean %.0f of 100 (%llu answered)",
			          100 * s->staff_mean, (unsigned long long)s->staff);
		if (leaders)
			html_escf(f, "; leaders mean %.0f of 100 (%llu answered)",
			          100 * s->leaders_mean, (unsigned long long)s->leaders);
		fputs("\">", f);
		if (staff)
			fprintf(f, "staff %.0f", 100 * s->staff_mean);
		if (leaders)
			fprintf(f, "%sleaders %.0f%s", staff ? "<small>" : "",
			        100 * s->leaders_mean, staff ? "</small>" : "");
		fputs("</td>", f);
		break;
	}
	case SURVEY_HIDDEN:
		fputs("<td class=\"hid\" title=\"", f);
		html_escf(f, "%s, %s: hidden to protect anonymity", name, u->name);
		fputs("\">hidden</td>", f);
		break;
	default:
		fputs("<td class=\"nil\" title=\"", f);
		html_escf(f, "%s, %s: nobody answered", name, u->name);
		fprintf(f, "\">%s</td>", CLI_NONE);
	}
}

/* How many units of the view have a hidden total on some construct. */
static size_t hidden_totals(const struct report *r)
{
	size_t i, j, n = 0;

	for (i = 0; i < r->nshown; i++) {
		int hid = 0;

		for (j = 0; j < report_heat_nconstructs; j++) {
			airs_construct_score s = AIRS_CONSTRUCT_SCORE_INIT;

			airs_rollup_construct(r->ru, r->shown[i], report_heat_constructs[j], &s);
			hid |= s.respondents == AIRS_SUPPRESSED;
		}
		n += hid;
	}
	return n;
}

void html_sentiment(struct report *r, FILE *f)
{
	char why[512];
	size_t i, j, hid;

	if (no_survey(r, why, sizeof why)) {
		html_empty(f, why);
		return;
	}
	fputs("<p>The mean answer on each survey measure, from 0 (least "
	      "favourable) to 100, and the share of favourable answers (the top "
	      "two boxes of the scale), for everyone in the unit and the units "
	      "below it who answered.</p>\n", f);
	if ((hid = hidden_totals(r)) > 0) {
		fputs("<p>", f);
		html_escf(f, "In %zu of the %zu units listed some totals are hidden to "
		          "protect anonymity: a unit's leaders are often too few to "
		          "show apart, and its total would give them away. Where the "
		          "staff figure can still be published it is shown instead, "
		          "marked \xe2\x80\x9cstaff\xe2\x80\x9d.", hid, r->nshown);
		fputs("</p>\n", f);
	}
	heat_legend(f, r->k);
	html_table_open(f, "sentiment-units", "heat",
	                "Survey measures by unit: mean 0 to 100, and % favourable");
	fputs("<thead><tr><th scope=\"col\">Unit</th>", f);
	for (j = 0; j < report_heat_nconstructs; j++)
		fprintf(f, "<th scope=\"col\">%s</th>",
		        cli_name(CLI_CONSTRUCT, report_heat_constructs[j]));
	fputs("</tr></thead>\n<tbody>\n", f);
	for (i = 0; i < report_nrows(r); i++) {
		size_t u = report_row(r, i);
		airs_unit_score us;

		report_unit(r, u, &us);
		fprintf(f, "<tr%s>", i == 0 ? " class=\"top\"" : "");
		html_unit_th(f, r, &us);
		for (j = 0; j < report_heat_nconstructs; j++) {
			airs_construct_score s = AIRS_CONSTRUCT_SCORE_INIT;

			airs_rollup_construct(r->ru, u, report_heat_constructs[j], &s);
			heat_cell(f, &us, report_heat_constructs[j], &s);
		}
		fputs("</tr>\n", f);
	}
	html_table_close(f);
}

void html_responses(struct report *r, FILE *f)
{
	char why[512];
	size_t i;

	if (no_survey(r, why, sizeof why)) {
		fputs("<p class=\"empty\">No survey figures to show: <a href=\""
		      "#sentiment\">Sentiment by unit</a> says why.</p>\n", f);
		return;
	}
	fputs("<p>How many people in each unit answered the survey, and the two "
	      "outcomes it asks about: the AI net score (would they recommend the "
	      "tools: promoters minus detractors, from -100 to 100) and the hours "
	      "a week the tools save them.</p>\n", f);
	html_table_open(f, "responses-units", "",
	                "Response rate, AI net score and time saved, by unit");
	fputs("<thead><tr><th scope=\"col\">Unit</th>"
	      "<th scope=\"col\" class=\"n\">People</th>"
	      "<th scope=\"col\" class=\"n\">Answered</th>"
	      "<th scope=\"col\" class=\"n\">Response rate</th>"
	      "<th scope=\"col\" class=\"n\">AI net score</th>"
	      "<th scope=\"col\" class=\"n\">Hours saved a week</th></tr></thead>\n"
	      "<tbody>\n", f);
	for (i = 0; i < report_nrows(r); i++) {
		airs_unit_score u;
		char t[128];

		report_unit(r, report_row(r, i), &u);
		fprintf(f, "<tr%s>", i == 0 ? " class=\"top\"" : "");
		html_unit_th(f, r, &u);
		fprintf(f, "<td class=\"n\">%llu</td>", (unsigned long long)u.headcount);
		if (u.respondents == AIRS_SUPPRESSED) {
			fputs("<td class=\"n hid\">hidden</td><td class=\"n hid\">hidden</td>", f);
		} else {
			double rate = u.headcount ? (double)u.respondents /
			              (double)u.headcount : 0;

			snprintf(t, sizeof t, "%llu of %llu answered",
			         (unsigned long long)u.respondents,
			         (unsigned long long)u.headcount);
			fprintf(f, "<td class=\"n\">%llu</td><td class=\"n chart\">%.0f%%",
			        (unsigned long long)u.respondents, 100 * rate);
			html_bar(f, rate, "#2d7d46", NAN, t);
			fputs("</td>", f);
		}
		if (!isnan(u.net_score))
			fprintf(f, "<td class=\"n\">%+.0f</td>", u.net_score);
		else
			fprintf(f, "<td class=\"n%s\">%s</td>", u.net_respondents ? " hid" : "",
			        u.net_respondents ? "hidden" : CLI_NONE);
		if (!isnan(u.time_saved))
			fprintf(f, "<td class=\"n\">%.1f</td>", u.time_saved);
		else
			fprintf(f, "<td class=\"n%s\">%s</td>",
			        u.time_saved_respondents ? " hid" : "",
			        u.time_saved_respondents ? "hidden" : CLI_NONE);
		fputs("</tr>\n", f);
	}
	html_table_close(f);
	fprintf(f, "<p class=\"note\">hidden: fewer than %d answered, or hidden so "
	           "that a smaller group cannot be worked out by subtraction; %s: "
	           "nobody answered.</p>\n", r->k, CLI_NONE);
}

/* Leaders (filled) and staff (open) on one 0..100 line. */
static void dumbbell(FILE *f, const airs_construct_score *s, const char *title)
{
	int lv = s->leaders != AIRS_SUPPRESSED && !isnan(s->leaders_mean);
	int sv = s->staff != AIRS_SUPPRESSED && !isnan(s->staff_mean);
	double l = 3 + 94 * s->leaders_mean, st = 3 + 94 * s->staff_mean;

	fputs("<svg class=\"bar dumb\" aria-hidden=\"true\" focusable=\"false\">"
	      "<title>", f);
	html_esc(f, title);
	fputs("</title><rect y=\"45%\" width=\"100%\" height=\"10%\" "
	      "fill=\"#d0d7de\"/>", f);
	if (lv && sv)
		fprintf(f, "<rect x=\"%.1f%%\" y=\"35%%\" width=\"%.1f%%\" "
		           "height=\"30%%\" fill=\"#8c959f\"/>", l < st ? l : st, fabs(l - st));
	if (sv)
		fprintf(f, "<circle cx=\"%.1f%%\" cy=\"50%%\" r=\"5\" fill=\"#fff\" "
		           "stroke=\"#1b1f24\" stroke-width=\"2\"/>", st);
	if (lv)
		fprintf(f, "<circle cx=\"%.1f%%\" cy=\"50%%\" r=\"6\" fill=\"#4b2aa0\"/>", l);
	fputs("</svg>", f);
}

/* A group's mean as the tooltip says it. */
static const char *group_value(char *buf, size_t n, const airs_construct_score *s,
                               int leaders)
{
	uint64_t count = leaders ? s->leaders : s->staff;
	double mean = leaders ? s->leaders_mean : s->staff_mean;

	if (count == AIRS_SUPPRESSED)
		snprintf(buf, n, "hidden");
	else if (count == 0 || isnan(mean))
		snprintf(buf, n, "no answers");
	else
		snprintf(buf, n, "%.0f", 100 * mean);
	return buf;
}

static void group_cell(FILE *f, const struct report *r, uint64_t n, double mean)
{
	if (n == AIRS_SUPPRESSED)
		fprintf(f, "<td class=\"n hid\">hidden <small>fewer than %d</small></td>",
		        r->k);
	else if (n == 0 || isnan(mean))
		fprintf(f, "<td class=\"n\">%s</td>", CLI_NONE);
	else
		fprintf(f, "<td class=\"n\">%.0f <small>%llu answered</small></td>",
		        100 * mean, (unsigned long long)n);
}

void html_perception(struct report *r, FILE *f)
{
	char why[512];
	int k;

	if (no_survey(r, why, sizeof why)) {
		fputs("<p class=\"empty\">No survey figures to show: <a href=\""
		      "#sentiment\">Sentiment by unit</a> says why.</p>\n", f);
		return;
	}
	fputs("<p>Mean answer from 0 to 100 of leaders and of everyone else. A "
	      "large positive gap means leaders expect more of AI than their staff "
	      "experience.</p>\n<ul class=\"legend\" aria-label=\"Markers\">"
	      "<li><svg class=\"sw\" aria-hidden=\"true\" focusable=\"false\">"
	      "<title>leaders</title><circle cx=\"50%\" cy=\"50%\" r=\"6\" "
	      "fill=\"#4b2aa0\"/></svg>leaders (filled)</li><li><svg class=\"sw\" "
	      "aria-hidden=\"true\" focusable=\"false\"><title>staff</title>"
	      "<circle cx=\"50%\" cy=\"50%\" r=\"5\" fill=\"#fff\" stroke=\"#1b1f24\" "
	      "stroke-width=\"2\"/></svg>staff (open)</li></ul>\n", f);
	html_table_open(f, "perception-table", "",
	                "Leaders and staff per survey measure, 0 to 100");
	fputs("<thead><tr><th scope=\"col\">Survey measure</th>"
	      "<th scope=\"col\" class=\"n\">Leaders</th>"
	      "<th scope=\"col\" class=\"n\">Staff</th>"
	      "<th scope=\"col\" class=\"n\">Gap</th>"
	      "<th scope=\"col\" class=\"n\">Favourable, all</th>"
	      "<th scope=\"col\">0 to 100</th></tr></thead>\n<tbody>\n", f);
	for (k = 0; k < AIRS_CONSTRUCT_COUNT_; k++) {
		airs_construct_score s = AIRS_CONSTRUCT_SCORE_INIT;
		char t[256], lv[32], sv[32];

		if (airs_rollup_construct(r->ru, r->top, k, &s) != AIRS_OK)
			continue;
		fprintf(f, "<tr><th scope=\"row\">%s%s</th>", cli_name(CLI_CONSTRUCT, k),
		        k == AIRS_CONSTRUCT_TIME_SAVED ? "*" : "");
		group_cell(f, r, s.leaders, s.leaders_mean);
		group_cell(f, r, s.staff, s.staff_mean);
		if (isnan(s.perception_gap))
			fprintf(f, "<td class=\"n\">%s</td>", CLI_NONE);
		else
			fprintf(f, "<td class=\"n\">%+.0f</td>", 100 * s.perception_gap);
		if (report_survey_state(&s) == SURVEY_TOTAL)
			fprintf(f, "<td class=\"n\">%.0f%%</td>", 100 * s.favourable);
		else
			fprintf(f, "<td class=\"n\">%s</td>", s.respondents == AIRS_SUPPRESSED
			        ? "hidden" : CLI_NONE);
		snprintf(t, sizeof t, "%s: leaders %s, staff %s",
		         cli_name(CLI_CONSTRUCT, k), group_value(lv, sizeof lv, &s, 1),
		         group_value(sv, sizeof sv, &s, 0));
		fputs("<td class=\"chart\">", f);
		dumbbell(f, &s, t);
		fputs("</td></tr>\n", f);
	}
	html_table_close(f);
	fputs("<p class=\"note\">* Time saved on the item's own scale, as a share "
	      "from 0 to 100 (Response rates gives it in hours). Favourable: the "
	      "share of everyone's answers in the top two boxes.</p>\n", f);
}

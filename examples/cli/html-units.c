/*
 * html-units.c - the report page's sections about people and units: the
 * summary, maturity against target, ADKAR barrier points and flags.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

/* Unit tables of more rows than this start with their subtrees closed. */
#define OPEN_ROWS 40

static double share(uint64_t part, uint64_t whole)
{
	return whole ? (double)part / (double)whole : NAN;
}

static void kpi(FILE *f, const char *label, const char *value, const char *sub)
{
	fprintf(f, "<div class=\"kpi\"><dt>%s</dt><dd>", label);
	html_esc(f, value);
	fputs("<span>", f);
	html_esc(f, sub);
	fputs("</span></dd></div>\n", f);
}

/* The survey's state in the scope, for the figures that depend on it. */
static const char *survey_why(const struct report *r, uint64_t respondents,
                              char *buf, size_t n)
{
	if (respondents == AIRS_SUPPRESSED)
		snprintf(buf, n, "hidden: fewer than %d answered", r->k);
	else
		snprintf(buf, n, "nobody answered");
	return buf;
}

static void kpis(struct report *r, FILE *f)
{
	const airs_unit_score *s = &r->scope;
	char v[64], sub[128];

	fputs("<dl class=\"kpis\">\n", f);
	snprintf(v, sizeof v, "%llu", (unsigned long long)s->headcount);
	snprintf(sub, sizeof sub, "%llu with a readiness score; %llu with too "
	         "little evidence", (unsigned long long)s->scored,
	         (unsigned long long)s->insufficient);
	kpi(f, "People", v, sub);
	cli_num(v, sizeof v, s->readiness_mean, 1);
	if (isnan(s->readiness_ci.low))
		snprintf(sub, sizeof sub, "of 100; median %.1f", s->readiness_median);
	else if (s->readiness_ci.low == s->readiness_ci.high)
		snprintf(sub, sizeof sub, "of 100 (exact: everyone has a score); "
		         "median %.1f", s->readiness_median);
	else
		snprintf(sub, sizeof sub, "of 100 (95%% interval %.1f\xe2\x80\x93"
		         "%.1f); median %.1f", s->readiness_ci.low,
		         s->readiness_ci.high, s->readiness_median);
	kpi(f, "Mean readiness", v, isnan(s->readiness_mean) ? "nobody scored" : sub);
	if (s->with_target) {
		snprintf(v, sizeof v, "%.0f%%", 100 * s->below_target_share);
		snprintf(sub, sizeof sub, "%.0f of %llu people",
		         s->below_target_share * (double)s->with_target,
		         (unsigned long long)s->with_target);
	} else {
		snprintf(v, sizeof v, CLI_NONE);
		snprintf(sub, sizeof sub, "no target levels set");
	}
	kpi(f, "Below target", v, sub);
	if (s->flags[0] != AIRS_SUPPRESSED) {
		snprintf(v, sizeof v, "%llu", (unsigned long long)s->flags[0]);
		snprintf(sub, sizeof sub, "%.0f%% of people",
		         100 * share(s->flags[0], s->headcount));
		kpi(f, "Left behind", v, sub);
	}
	if (s->respondents != AIRS_SUPPRESSED && s->respondents > 0) {
		snprintf(v, sizeof v, "%.0f%%", 100 * share(s->respondents, s->headcount));
		snprintf(sub, sizeof sub, "%llu of %llu people",
		         (unsigned long long)s->respondents,
		         (unsigned long long)s->headcount);
	} else {
		snprintf(v, sizeof v, s->respondents ? "hidden" : CLI_NONE);
		survey_why(r, s->respondents, sub, sizeof sub);
	}
	kpi(f, "Answered the survey", v, sub);
	if (!isnan(s->net_score)) {
		snprintf(v, sizeof v, "%+.0f", s->net_score);
		snprintf(sub, sizeof sub, "from -100 to 100; %llu answered",
		         (unsigned long long)s->net_respondents);
	} else {
		snprintf(v, sizeof v, s->net_respondents ? "hidden" : CLI_NONE);
		survey_why(r, s->net_respondents, sub, sizeof sub);
	}
	kpi(f, "AI net score", v, sub);
	if (!isnan(s->time_saved)) {
		snprintf(v, sizeof v, "%.1f h", s->time_saved);
		snprintf(sub, sizeof sub, "a week on average; %llu answered",
		         (unsigned long long)s->time_saved_respondents);
	} else {
		snprintf(v, sizeof v, s->time_saved_respondents ? "hidden" : CLI_NONE);
		survey_why(r, s->time_saved_respondents, sub, sizeof sub);
	}
	kpi(f, "Time saved", v, sub);
	fputs("</dl>\n", f);
}

void html_summary(struct report *r, FILE *f)
{
	struct finding fi[REPORT_MAX_FINDINGS];
	size_t n = report_summary(r, fi, REPORT_MAX_FINDINGS), i;

	kpis(r, f);
	fputs("<h3 id=\"findings\">What stands out</h3>\n<ol class=\"findings\">\n", f);
	for (i = 0; i < n; i++) {
		fputs("<li>", f);
		html_esc(f, fi[i].text);
		fprintf(f, " <a href=\"#%s\"><span aria-hidden=\"true\">\xe2\x86\x92 "
		           "</span>%s</a></li>\n", fi[i].section,
		        html_section_title(fi[i].section));
	}
	fputs("</ol>\n", f);
}

/* ---- maturity ---------------------------------------------------------- */

static void level_legend(FILE *f)
{
	static const char *names[6] = { "unknown", "1 Awareness", "2 Active",
		"3 Operational", "4 Systemic", "5 Transformational" };
	int l;

	fputs("<ul class=\"legend\" aria-label=\"Maturity levels\">", f);
	for (l = 1; l <= 5; l++)
		fprintf(f, "<li><svg class=\"sw\" aria-hidden=\"true\" focusable=\"false\">"
		           "<title>%s</title><rect width=\"100%%\" height=\"100%%\" "
		           "fill=\"%s\"/></svg>%s</li>", names[l], html_level_fill[l],
		        names[l]);
	fputs("</ul>\n", f);
}

static void maturity_row(struct report *r, FILE *f, size_t unit, int top)
{
	airs_unit_score u;
	char t[256];
	double floor;

	if (report_unit(r, unit, &u) != AIRS_OK)
		return;
	fprintf(f, "<tr%s>", top ? " class=\"top\"" : "");
	html_unit_th(f, r, &u);
	fprintf(f, "<td class=\"n\">%llu</td>", (unsigned long long)u.headcount);
	if (u.with_target) {
		snprintf(t, sizeof t, "%.0f of %llu people below target level %d",
		         u.below_target_share * (double)u.with_target,
		         (unsigned long long)u.with_target, u.target);
		fprintf(f, "<td class=\"n chart\">%.0f%%", 100 * u.below_target_share);
		html_bar(f, u.below_target_share, "#b34a00", NAN, t);
		html_ci(f, u.below_target_ci, 100, 0, "%");
		fputs("</td>", f);
	} else {
		fprintf(f, "<td class=\"n\">%s</td>", CLI_NONE);
	}
	floor = report_target_floor(r, u.target);
	if (!isnan(u.readiness_mean)) {
		if (isnan(floor))
			snprintf(t, sizeof t, "mean readiness %.1f of 100",
			         u.readiness_mean);
		else
			snprintf(t, sizeof t, "mean readiness %.1f of 100; target level %d "
			         "starts at %.0f", u.readiness_mean, u.target, floor);
		fprintf(f, "<td class=\"n chart\">%.1f", u.readiness_mean);
		html_bar(f, u.readiness_mean / 100, "#1f6fb2", floor / 100, t);
		html_ci(f, u.readiness_ci, 1, 1, "");
		fputs("</td>", f);
	} else {
		fprintf(f, "<td class=\"n\">%s</td>", CLI_NONE);
	}
	if (u.target)
		fprintf(f, "<td class=\"n\">%d</td>", u.target);
	else
		fprintf(f, "<td class=\"n\">%s</td>", CLI_NONE);
	snprintf(t, sizeof t, "level 1: %llu, 2: %llu, 3: %llu, 4: %llu, 5: %llu, "
	         "unknown: %llu", (unsigned long long)u.levels[1],
	         (unsigned long long)u.levels[2], (unsigned long long)u.levels[3],
	         (unsigned long long)u.levels[4], (unsigned long long)u.levels[5],
	         (unsigned long long)u.levels[0]);
	fputs("<td class=\"n chart wrap\">", f);
	/* Thin spaces around the dots: big counts may wrap there. */
	fprintf(f, "%llu\xe2\x80\x89\xc2\xb7\xe2\x80\x89%llu\xe2\x80\x89\xc2\xb7"
	        "\xe2\x80\x89%llu\xe2\x80\x89\xc2\xb7\xe2\x80\x89%llu\xe2\x80\x89"
	        "\xc2\xb7\xe2\x80\x89%llu",
	        (unsigned long long)u.levels[1], (unsigned long long)u.levels[2],
	        (unsigned long long)u.levels[3], (unsigned long long)u.levels[4],
	        (unsigned long long)u.levels[5]);
	{
		uint64_t c[6];
		const char *fills[6];
		int l;

		for (l = 1; l <= 5; l++) {
			c[l - 1] = u.levels[l];
			fills[l - 1] = html_level_fill[l];
		}
		c[5] = u.levels[0];
		fills[5] = html_level_fill[0];
		html_stack(f, c, fills, 6, t);
	}
	fputs("</td>", f);
	if (u.flags[0] == AIRS_SUPPRESSED)
		fprintf(f, "<td class=\"n\">hidden</td>");
	else
		fprintf(f, "<td class=\"n\">%llu</td>", (unsigned long long)u.flags[0]);
	fputs("</tr>\n", f);
}

static void maturity_table(FILE *f, const char *id, const char *caption)
{
	html_table_open(f, id, "units", caption);
	fputs("<colgroup><col class=\"unit\"><col><col><col><col>"
	      "<col class=\"lv\"><col></colgroup>\n<thead><tr><th scope=\"col\">Unit</th>"
	      "<th scope=\"col\" class=\"n\">People</th>"
	      "<th scope=\"col\" class=\"n\">Below target</th>"
	      "<th scope=\"col\" class=\"n\">Mean readiness</th>"
	      "<th scope=\"col\" class=\"n\">Target level</th>"
	      "<th scope=\"col\" class=\"n\">Levels 1\xe2\x80\x93" "5</th>"
	      "<th scope=\"col\" class=\"n\">Left behind</th></tr></thead>\n<tbody>\n",
	      f);
}

/* A mean can pass the target while many people are below it: name the
 * unit where that is most true, as the reader was misled by it. */
static void mean_hides(struct report *r, FILE *f)
{
	airs_unit_score best = AIRS_UNIT_SCORE_INIT;
	size_t i;
	int found = 0;

	for (i = 0; i < r->nshown; i++) {
		airs_unit_score u;
		double floor;

		if (report_unit(r, r->shown[i], &u) != AIRS_OK ||
		    !report_names_a_part(r, &u) || u.with_target < (uint64_t)r->k)
			continue;
		floor = report_target_floor(r, u.target);
		if (isnan(floor) || isnan(u.readiness_mean) ||
		    u.readiness_mean < floor || u.below_target_share < 0.25)
			continue;
		if (!found || u.below_target_share > best.below_target_share)
			best = u;
		found = 1;
	}
	if (!found)
		return;
	fputs("<p>", f);
	html_escf(f, "For example, %s's mean readiness, %.1f, passes the %.0f its "
	          "target level needs, yet %.0f%% of its people are below target.",
	          best.name, best.readiness_mean,
	          report_target_floor(r, best.target), 100 * best.below_target_share);
	fputs("</p>\n", f);
}

void html_maturity(struct report *r, FILE *f)
{
	size_t i, j, rows = report_nrows(r);
	int open = rows <= OPEN_ROWS, grouped = 0;

	/* Subtrees get a box of their own when some have units below them. */
	for (i = 0; i < r->nshown; i++) {
		airs_unit_score us;

		report_unit(r, r->shown[i], &us);
		grouped |= report_level(r, &us) >= 2;
	}

	fputs("<p>The share of people below their unit's target level is what to "
	      "act on: a unit's mean readiness can pass the target while many of "
	      "its people are below it.</p>\n", f);
	mean_hides(r, f);
	fputs("<p class=\"note\">Bars: the share below target (orange); mean "
	      "readiness (blue) with a black mark where the target level starts; "
	      "people per maturity level, from level 1 (lightest) to 5 "
	      "(darkest). Under a share or a mean, its 95% interval: where the "
	      "true figure lies, given how few people a unit has. People with "
	      "too little evidence for a score count in no share, mean or "
	      "level.</p>\n", f);
	level_legend(f);
	maturity_table(f, "maturity-top", grouped ? (r->top == AIRS_ROLLUP_ORG ?
	               "The organisation" : "The unit") : "Maturity by unit");
	for (i = 0; i < rows; i++) {
		size_t u = report_row(r, i);
		airs_unit_score us;

		report_unit(r, u, &us);
		if (!grouped || report_level(r, &us) <= 0)
			maturity_row(r, f, u, report_level(r, &us) <= 0);
	}
	html_table_close(f);
	/* Every unit one level below the top, with its subtree, collapsible. */
	for (i = 0; grouped && i < r->nshown; i++) {
		airs_unit_score g;
		char id[32], cap[400];

		report_unit(r, r->shown[i], &g);
		if (report_level(r, &g) != 1)
			continue;
		fprintf(f, "<details%s><summary><b>", open ? " open" : "");
		html_esc(f, g.name);
		fputs("</b>: ", f);
		html_escf(f, "%llu people", (unsigned long long)g.headcount);
		if (g.with_target)
			fprintf(f, ", %.0f%% below target", 100 * g.below_target_share);
		if (!isnan(g.readiness_mean))
			fprintf(f, ", mean readiness %.1f", g.readiness_mean);
		fputs("</summary>\n", f);
		snprintf(id, sizeof id, "maturity-%zu", r->shown[i]);
		snprintf(cap, sizeof cap, "%s and the units in it", g.name);
		maturity_table(f, id, cap);
		for (j = i; j < r->nshown && report_within(r, r->shown[j], r->shown[i]);
		     j++)
			maturity_row(r, f, r->shown[j], j == i);
		html_table_close(f);
		fputs("</details>\n", f);
	}
	if (r->deeper)
		fprintf(f, "<p class=\"note\">%zu deeper unit%s not listed: run "
		           "<code>airs report</code> with <code>--depth</code> or "
		           "<code>--unit</code> to see them.</p>\n", r->deeper,
		        r->deeper == 1 ? " is" : "s are");
}

/* ---- ADKAR --------------------------------------------------------------- */

static const char *const barrier_fill[REPORT_BARRIERS] = {
	"#b392d6", "#d77fb3", "#f0b35e", "#d9664a", "#7b9e3c", "#a8d5ae", "#d0d7de",
};

/* One element of a unit's ADKAR profile: its score, where a survey
 * element was read when not the unit's total, its interval. */
static void profile_cell(FILE *f, const airs_unit_adkar *a, int e)
{
	char v[32];

	fputs("<td class=\"n\">", f);
	if (isnan(a->element[e])) {
		fputs((a->hidden >> e) & 1u ? "<small>hidden</small>" : CLI_NONE, f);
		fputs("</td>", f);
		return;
	}
	fprintf(f, "%s%s", a->barrier == e ? "<b>" : "",
	        cli_num(v, sizeof v, a->element[e], 1));
	if (a->barrier == e)
		fputs("</b>", f);
	if (a->source[e] == AIRS_ADKAR_SOURCE_STAFF ||
	    a->source[e] == AIRS_ADKAR_SOURCE_LEADERS)
		fprintf(f, " <small>(%s)</small>",
		        airs_adkar_source_name(a->source[e]));
	if (a->element_ci[e].low < a->element_ci[e].high) { /* not a census */
		fputs("<br>", f);
		html_ci(f, a->element_ci[e], 1, 1, "");
	}
	fputs("</td>", f);
}

/* Each unit's ADKAR profile (methodology 4.6): the five elements from
 * what the rollup publishes, and the unit's barrier point. */
static void profile_table(struct report *r, FILE *f)
{
	size_t i;
	int e;

	fputs("<p>The units' own profiles: awareness, desire and reinforcement "
	      "from the anonymous survey figures the report publishes (the "
	      "unit's, else its staff's or leaders', as marked), knowledge and "
	      "ability from the members' skill fit and tool use; 1 to 5, with "
	      "95% intervals where not everyone is counted. The unit's barrier "
	      "point, in <b>bold</b>, is its first element at the threshold or "
	      "below.</p>\n", f);
	/* open on small reports; closed when it would lengthen a long page */
	fprintf(f, "<details%s><summary>ADKAR profile of each unit (%zu rows)"
	           "</summary>\n", report_nrows(r) <= 12 ? " open" : "",
	        report_nrows(r));
	html_table_open(f, "adkar-profiles", "", "ADKAR profile by unit");
	fputs("<thead><tr><th scope=\"col\">Unit</th>", f);
	for (e = 0; e < AIRS_ADKAR_COUNT_; e++)
		fprintf(f, "<th scope=\"col\" class=\"n\">%s</th>",
		        cli_name(CLI_BARRIER, e));
	fputs("<th scope=\"col\">Barrier point</th></tr></thead>\n<tbody>\n", f);
	for (i = 0; i < report_nrows(r); i++) {
		size_t u = report_row(r, i);
		airs_unit_adkar a = AIRS_UNIT_ADKAR_INIT;
		airs_unit_score us;

		report_unit(r, u, &us);
		if (airs_rollup_adkar(r->ru, u, &a) != AIRS_OK)
			continue;
		fprintf(f, "<tr%s>", i == 0 ? " class=\"top\"" : "");
		html_unit_th(f, r, &us);
		for (e = 0; e < AIRS_ADKAR_COUNT_; e++)
			profile_cell(f, &a, e);
		fprintf(f, "<td>%s</td></tr>\n", cli_name(CLI_BARRIER, a.barrier));
	}
	html_table_close(f);
	fputs("</details>\n", f);
}

void html_adkar(struct report *r, FILE *f)
{
	int cols[REPORT_BARRIERS], b;
	size_t nc = 0, i, j;

	for (b = 0; b < REPORT_BARRIERS; b++)
		if (r->scope_barriers[b])
			cols[nc++] = b;
	fputs("<p>Each person is counted at the first element of change, in "
	      "Prosci's ADKAR order (awareness, desire, knowledge, ability, "
	      "reinforcement), that scores 3 of 5 or below: the barrier point to "
	      "work on first. Counts come from people's own scores. Awareness, "
	      "desire and reinforcement come from survey answers, which stay "
	      "anonymous: for a person they are unknown unless individual "
	      "sentiment is enabled with consent, so these counts show where "
	      "knowledge and ability stop people.</p>\n", f);
	if (nc == 0 || (nc == 1 && cols[0] == AIRS_BARRIER_UNKNOWN)) {
		html_empty(f, "No barrier point is known for anyone here: it needs "
		           "skill assessments against role requirements, or AI tool "
		           "usage data, and neither is in the data.");
		return;
	}
	fputs("<ul class=\"legend\" aria-label=\"Barrier points\">", f);
	for (j = 0; j < nc; j++)
		fprintf(f, "<li><svg class=\"sw\" aria-hidden=\"true\" focusable=\"false\">"
		           "<title>%s</title><rect width=\"100%%\" height=\"100%%\" "
		           "fill=\"%s\"/></svg>%s</li>", cli_name(CLI_BARRIER, cols[j]),
		        barrier_fill[cols[j]], cli_name(CLI_BARRIER, cols[j]));
	fputs("</ul>\n", f);
	html_table_open(f, "adkar-units", "", "People by barrier point, by unit");
	fputs("<thead><tr><th scope=\"col\">Unit</th>"
	      "<th scope=\"col\" class=\"n\">People</th>", f);
	for (j = 0; j < nc; j++)
		fprintf(f, "<th scope=\"col\" class=\"n\">%s</th>",
		        cli_name(CLI_BARRIER, cols[j]));
	fputs("<th scope=\"col\">Distribution</th></tr></thead>\n<tbody>\n", f);
	for (i = 0; i < report_nrows(r); i++) {
		size_t u = report_row(r, i);
		const uint64_t *c = u == AIRS_ROLLUP_ORG ? r->scope_barriers
		                                         : r->barriers[u];
		uint64_t parts[REPORT_BARRIERS];
		const char *fills[REPORT_BARRIERS];
		airs_unit_score us;
		char t[400];
		size_t len = 0;

		report_unit(r, u, &us);
		fprintf(f, "<tr%s>", i == 0 ? " class=\"top\"" : "");
		html_unit_th(f, r, &us);
		fprintf(f, "<td class=\"n\">%llu</td>", (unsigned long long)us.headcount);
		t[0] = '\0';
		for (j = 0; j < nc; j++) {
			fprintf(f, "<td class=\"n\">%llu <small>%.0f%%</small></td>",
			        (unsigned long long)c[cols[j]],
			        100 * share(c[cols[j]], us.headcount));
			parts[j] = c[cols[j]];
			fills[j] = barrier_fill[cols[j]];
			len += (size_t)snprintf(t + len, len < sizeof t ? sizeof t - len : 0,
			                        "%s%s: %llu", j ? ", " : "",
			                        cli_name(CLI_BARRIER, cols[j]),
			                        (unsigned long long)c[cols[j]]);
		}
		fputs("<td class=\"chart\">", f);
		html_stack(f, parts, fills, nc, t);
		fputs("</td></tr>\n", f);
	}
	html_table_close(f);
	profile_table(r, f);
	fputs("<h3 id=\"adkar-help\">What helps at each barrier point</h3>\n<ul>\n", f);
	for (j = 0; j < nc; j++) {
		if (cols[j] >= AIRS_ADKAR_COUNT_)
			continue;
		fprintf(f, "<li><b>%s</b> (%llu people): ", cli_name(CLI_BARRIER, cols[j]),
		        (unsigned long long)r->scope_barriers[cols[j]]);
		html_esc(f, cli_meaning(CLI_BARRIER, cols[j]));
		fputs(".</li>\n", f);
	}
	fputs("</ul>\n<p class=\"note\">A personal plan puts these steps around the "
	      "courses: <code>airs plan --employee ID</code>.</p>\n", f);
}

/* ---- flags ----------------------------------------------------------------- */

/* The part of the scope with the most people flagged (not hidden). */
static size_t most_flagged(const struct report *r, int k, uint64_t *count)
{
	size_t i, best = REPORT_NONE;

	*count = 0;
	for (i = 0; i < r->nshown; i++) {
		airs_unit_score u;

		if (report_unit(r, r->shown[i], &u) != AIRS_OK ||
		    !report_names_a_part(r, &u) || u.flags[k] == AIRS_SUPPRESSED)
			continue;
		if (u.flags[k] > *count) {
			*count = u.flags[k];
			best = r->shown[i];
		}
	}
	return best;
}

void html_flags(struct report *r, FILE *f)
{
	int k;

	fputs("<p>Flags describe support needs, never verdicts on people: each is "
	      "a prompt for a conversation about training, time or tools.</p>\n", f);
	html_table_open(f, "flags-table", "", "People with each flag");
	fputs("<thead><tr><th scope=\"col\">Flag</th>"
	      "<th scope=\"col\" class=\"n\">People</th>"
	      "<th scope=\"col\" class=\"n\">Share of people</th>"
	      "<th scope=\"col\">What it means</th>"
	      "<th scope=\"col\">Most in</th></tr></thead>\n<tbody>\n", f);
	for (k = 0; k < AIRS_FLAG_COUNT_; k++) {
		uint64_t n = r->scope.flags[k], most;
		size_t where = most_flagged(r, k, &most);
		char t[128];

		fprintf(f, "<tr><th scope=\"row\">%s</th>", cli_name(CLI_FLAG, k));
		if (n == AIRS_SUPPRESSED) {
			fprintf(f, "<td class=\"n\">hidden</td><td class=\"n\">fewer than "
			           "%d answered</td>", r->k);
		} else {
			snprintf(t, sizeof t, "%llu of %llu people", (unsigned long long)n,
			         (unsigned long long)r->scope.headcount);
			fprintf(f, "<td class=\"n\">%llu</td><td class=\"n chart\">%.0f%%",
			        (unsigned long long)n, 100 * share(n, r->scope.headcount));
			html_bar(f, share(n, r->scope.headcount), "#8a6d00", NAN, t);
			fputs("</td>", f);
		}
		fprintf(f, "<td>%s</td><td>", cli_meaning(CLI_FLAG, k));
		if (where != REPORT_NONE) {
			airs_unit_score u;

			report_unit(r, where, &u);
			html_escf(f, "%s (%llu)", u.name, (unsigned long long)most);
		} else {
			fputs(CLI_NONE, f);
		}
		fputs("</td></tr>\n", f);
	}
	html_table_close(f);
	fputs("<p class=\"note\">Training fatigue and no benefit felt are counted "
	      "from anonymous survey answers, so they are hidden where too few "
	      "answered. A flag whose data is missing is not raised: its absence "
	      "proves nothing.</p>\n", f);
}

/* ---- data coverage ------------------------------------------------------- */

void html_coverage(struct report *r, FILE *f)
{
	struct report_coverage cv;
	size_t i;

	if (report_coverage(r, &cv)) {
		html_empty(f, "the coverage could not be computed");
		return;
	}
	fputs("<ul class=\"coverage\">\n", f);
	for (i = 0; i < cv.n; i++) {
		fputs("<li>", f);
		html_esc(f, cv.line[i]);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
}

/*
 * html.c - `airs report --format html`: one self-contained page.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * Inline CSS and SVG only - no script, no external asset - so the file
 * works offline, passes strict content security policies, and prints.
 * Every chart is an <svg role="img"> with a <title> and an aria-label,
 * followed by a <table> holding the same numbers for screen readers and
 * for copying.  Every string that comes from the data is escaped.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* HTML-escape & < > " ' so data can go into text and attribute values. */
static void esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
	}
}

static const char style[] =
	"body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;"
	"color:#1b1f24;max-width:60rem;margin:2rem auto;padding:0 1rem}"
	"h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;"
	"margin-top:2.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}"
	"p.meta{color:#57606a;margin-top:0}"
	"table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:13px}"
	"th,td{border:1px solid #d0d7de;padding:.2rem .5rem;text-align:left}"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}"
	"th{background:#f6f8fa}caption{text-align:left;color:#57606a;"
	"padding-bottom:.2rem}svg{max-width:100%;height:auto;display:block}"
	"svg text{font:12px system-ui,sans-serif;fill:#1b1f24}"
	"figure{margin:0}.note{color:#57606a;font-size:12px}"
	"section{break-inside:avoid-page}"
	"@media print{body{margin:0;max-width:none}h2{break-after:avoid}"
	"table{break-inside:avoid}}";

/* A colour for a heatmap gap of `g` levels: white at 0, deep red at 2+. */
static void heat(char out[8], double g)
{
	double t = g <= 0 ? 0 : g >= 2 ? 1 : g / 2;
	int r = 255 - (int)(t * (255 - 178)), gg = 255 - (int)(t * (255 - 24)),
	    b = 255 - (int)(t * (255 - 43));

	snprintf(out, 8, "#%02x%02x%02x", r, gg, b);
}

static void units_chart(struct cli *c, FILE *f)
{
	const airs_rollup *ru = airs_result_rollup(c->result);
	size_t n = airs_rollup_unit_count(ru), i;
	const int row = 22, left = 230, width = 420;
	char buf[32];

	fprintf(f, "<section id=\"maturity\">\n<h2>Maturity against leadership's "
	           "target, by unit</h2>\n<figure>\n");
	fprintf(f, "<svg id=\"chart-maturity\" role=\"img\" aria-labelledby="
	           "\"chart-maturity-title\" aria-label=\"Mean readiness per unit "
	           "with the target level's threshold\" viewBox=\"0 0 %d %zu\" "
	           "width=\"%d\" height=\"%zu\">\n<title id=\"chart-maturity-title\">"
	           "Mean readiness (bar, 0-100) and target threshold (mark) per "
	           "unit</title>\n", left + width + 60, (n + 1) * row + 30,
	           left + width + 60, (n + 1) * row + 30);
	for (i = 0; i < n; i++) {
		airs_unit_score u = AIRS_UNIT_SCORE_INIT;
		double y = 10 + (double)i * row, mark;

		if (airs_rollup_unit(ru, i, &u) != AIRS_OK)
			continue;
		fprintf(f, "<text x=\"%d\" y=\"%.0f\">", 4 + 12 * u.depth, y + 14);
		esc(f, u.name);
		fprintf(f, "</text>\n");
		fprintf(f, "<rect x=\"%d\" y=\"%.0f\" width=\"%d\" height=\"16\" "
		           "fill=\"#eaeef2\"/>\n", left, y + 2, width);
		/* The readiness a unit needs to reach its target level: the
		 * threshold levels.tN of the parameters scored with. */
		mark = 0;
		if (u.target >= 2) {
			char name[32];
			double t = NAN;

			snprintf(name, sizeof name, "levels.t%d", u.target);
			if (airs_params_get_double(c->params, name, &t) == AIRS_OK)
				mark = left + width * t / 100;
		}
		if (!isnan(u.readiness_mean)) {
			double end = left + width * u.readiness_mean / 100;

			fprintf(f, "<rect x=\"%d\" y=\"%.0f\" width=\"%.1f\" height=\"16\" "
			           "fill=\"#0969da\"/>\n<text x=\"%.1f\" y=\"%.0f\">%s</text>\n",
			        left, y + 2, end - left,
			        (end > mark ? end : mark) + 5, y + 14,
			        cli_num(buf, sizeof buf, u.readiness_mean, 0));
		}
		if (mark > 0)
			fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.0f\" y2=\"%.0f\" "
			           "stroke=\"#cf222e\" stroke-width=\"3\"/>\n",
			        mark, mark, y, y + 20);
	}
	fprintf(f, "<text x=\"%d\" y=\"%zu\" class=\"note\">blue: mean readiness; "
	           "red mark: readiness needed for the target level</text>\n",
	        left, (n + 1) * row + 20);
	fprintf(f, "</svg>\n</figure>\n");

	fprintf(f, "<table><caption>Maturity by unit</caption>\n<tr><th>unit</th>"
	           "<th>people</th><th>mean readiness</th><th>target level</th>"
	           "<th>mean gap (levels)</th><th>below target</th></tr>\n");
	for (i = 0; i <= n; i++) {
		airs_unit_score u = AIRS_UNIT_SCORE_INIT;
		int rc = i == n ? airs_rollup_org(ru, &u) : airs_rollup_unit(ru, i, &u);

		if (rc != AIRS_OK)
			continue;
		fprintf(f, "<tr><td>%s", i == n ? "<strong>" : "");
		esc(f, u.name);
		fprintf(f, "%s</td><td class=\"n\">%llu</td><td class=\"n\">%s</td>",
		        i == n ? "</strong>" : "", (unsigned long long)u.headcount,
		        cli_num(buf, sizeof buf, u.readiness_mean, 1));
		if (u.target)
			fprintf(f, "<td class=\"n\">%d</td>", u.target);
		else
			fprintf(f, "<td class=\"n\">%s</td>", CLI_NONE);
		if (u.with_target)
			fprintf(f, "<td class=\"n\">%.1f</td><td class=\"n\">%.0f%%</td>"
			           "</tr>\n", u.gap_mean, 100 * u.below_target_share);
		else
			fprintf(f, "<td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n",
			        CLI_NONE, CLI_NONE);
	}
	fprintf(f, "</table>\n</section>\n");
}

static void perception_chart(struct cli *c, FILE *f)
{
	const airs_rollup *ru = airs_result_rollup(c->result);
	const int row = 24, left = 170, width = 400;
	int k, kk = cli_anonymity_k(c);

	fprintf(f, "<section id=\"perception\">\n<h2>Leaders and staff see AI "
	           "differently</h2>\n<figure>\n");
	fprintf(f, "<svg id=\"chart-perception\" role=\"img\" aria-labelledby="
	           "\"chart-perception-title\" aria-label=\"Survey score per "
	           "construct, leaders against staff\" viewBox=\"0 0 %d %d\" "
	           "width=\"%d\" height=\"%d\">\n<title id=\"chart-perception-title\">"
	           "Mean survey score 0-100 per construct: leaders (dark) and staff "
	           "(light)</title>\n", left + width + 60,
	           AIRS_CONSTRUCT_COUNT_ * row + 40, left + width + 60,
	           AIRS_CONSTRUCT_COUNT_ * row + 40);
	for (k = 0; k < AIRS_CONSTRUCT_COUNT_; k++) {
		airs_construct_score s = AIRS_CONSTRUCT_SCORE_INIT;
		int y = 10 + k * row;

		if (airs_rollup_construct(ru, AIRS_ROLLUP_ORG, k, &s) != AIRS_OK)
			continue;
		fprintf(f, "<text x=\"4\" y=\"%d\">%s</text>\n", y + 14,
		        report_construct_label(k));
		if (s.leaders != AIRS_SUPPRESSED && !isnan(s.leaders_mean))
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"9\" "
			           "fill=\"#8250df\"/>\n<text x=\"%.1f\" y=\"%d\" "
			           "font-size=\"9\">%.0f</text>\n", left, y + 2,
			        width * s.leaders_mean, left + width * s.leaders_mean + 4,
			        y + 10, 100 * s.leaders_mean);
		if (s.staff != AIRS_SUPPRESSED && !isnan(s.staff_mean))
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"9\" "
			           "fill=\"#c297ff\"/>\n<text x=\"%.1f\" y=\"%d\" "
			           "font-size=\"9\">%.0f</text>\n", left, y + 11,
			        width * s.staff_mean, left + width * s.staff_mean + 4,
			        y + 19, 100 * s.staff_mean);
	}
	fprintf(f, "<text x=\"%d\" y=\"%d\">dark: leaders; light: staff</text>\n",
	        left, AIRS_CONSTRUCT_COUNT_ * row + 30);
	fprintf(f, "</svg>\n</figure>\n");
	fprintf(f, "<table><caption>Perception gap per construct (0-100; groups "
	           "smaller than %d are not shown)</caption>\n<tr><th>construct</th>"
	           "<th>leaders</th><th>leaders (n)</th><th>staff</th>"
	           "<th>staff (n)</th><th>gap</th></tr>\n", kk);
	for (k = 0; k < AIRS_CONSTRUCT_COUNT_; k++) {
		airs_construct_score s = AIRS_CONSTRUCT_SCORE_INIT;
		char a[32], b[32], na[32], nb[32];

		if (airs_rollup_construct(ru, AIRS_ROLLUP_ORG, k, &s) != AIRS_OK)
			continue;
		fprintf(f, "<tr><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s"
		           "</td><td class=\"n\">%s</td><td class=\"n\">%s</td>",
		        report_construct_label(k),
		        cli_num(a, sizeof a, s.leaders == AIRS_SUPPRESSED ? NAN :
		                100 * s.leaders_mean, 0),
		        cli_count(na, sizeof na, s.leaders),
		        cli_num(b, sizeof b, s.staff == AIRS_SUPPRESSED ? NAN :
		                100 * s.staff_mean, 0),
		        cli_count(nb, sizeof nb, s.staff));
		if (isnan(s.perception_gap))
			fprintf(f, "<td class=\"n\">%s</td></tr>\n", CLI_NONE);
		else
			fprintf(f, "<td class=\"n\">%+.0f</td></tr>\n",
			        100 * s.perception_gap);
	}
	fprintf(f, "</table>\n</section>\n");
}

static void heatmap(struct cli *c, FILE *f)
{
	const airs_rollup *ru = airs_result_rollup(c->result);
	size_t nu = airs_rollup_unit_count(ru), i, j, m;
	struct skill_gap *g;
	const int cell = 26, left = 210, top = 210;
	char col[8], buf[32];

	m = report_skill_gaps(ru, &g);
	fprintf(f, "<section id=\"skills\">\n<h2>Skill gaps by unit</h2>\n"
	           "<figure>\n<svg id=\"chart-heatmap\" role=\"img\" "
	           "aria-labelledby=\"chart-heatmap-title\" aria-label=\"Mean skill "
	           "gap per unit and skill\" viewBox=\"0 0 %zu %zu\" width=\"%zu\" "
	           "height=\"%zu\">\n<title id=\"chart-heatmap-title\">Mean gap in "
	           "levels below the required level, unit by skill (darker: "
	           "wider gap)</title>\n",
	        left + m * cell + 130, top + nu * cell + 40, left + m * cell + 130,
	        top + nu * cell + 40);
	for (j = 0; j < m; j++) {
		const char *id = airs_rollup_skill_id(ru, g[j].skill);

		fprintf(f, "<text transform=\"translate(%zu,%d) rotate(-60)\">",
		        left + j * cell + cell / 2, top - 6);
		esc(f, cli_skill_name(c->model, id));
		fprintf(f, "</text>\n");
	}
	for (i = 0; i < nu; i++) {
		airs_unit_score u = AIRS_UNIT_SCORE_INIT;

		if (airs_rollup_unit(ru, i, &u) != AIRS_OK)
			continue;
		fprintf(f, "<text x=\"%d\" y=\"%zu\">", 4 + 10 * u.depth,
		        top + i * cell + 17);
		esc(f, u.name);
		fprintf(f, "</text>\n");
		for (j = 0; j < m; j++) {
			double gap;
			uint64_t count;

			if (airs_rollup_skill(ru, i, g[j].skill, &gap, &count) != AIRS_OK)
				continue;
			if (count == 0) {
				fprintf(f, "<rect x=\"%zu\" y=\"%zu\" width=\"%d\" height=\"%d\" "
				           "fill=\"#f6f8fa\" stroke=\"#fff\"/>\n",
				        left + j * cell, top + i * cell, cell, cell);
				continue;
			}
			heat(col, gap);
			fprintf(f, "<rect x=\"%zu\" y=\"%zu\" width=\"%d\" height=\"%d\" "
			           "fill=\"%s\" stroke=\"#fff\"/>\n",
			        left + j * cell, top + i * cell, cell, cell, col);
		}
	}
	/* Legend: the colour scale, and what a grey cell means. */
	for (j = 0; j <= 4; j++) {
		heat(col, 0.5 * (double)j);
		fprintf(f, "<rect x=\"%zu\" y=\"%zu\" width=\"14\" height=\"14\" "
		           "fill=\"%s\" stroke=\"#d0d7de\"/>\n", left + j * 16,
		        top + nu * cell + 14, col);
	}
	fprintf(f, "<text x=\"%zu\" y=\"%zu\">gap 0 to 2+ levels; grey: nobody "
	           "assessed whose role needs the skill</text>\n", (size_t)left + 5 * 16 + 6,
	        top + nu * cell + 26);
	fprintf(f, "</svg>\n</figure>\n");

	fprintf(f, "<table><caption>Mean skill gap in levels (people assessed), "
	           "organisation</caption>\n<tr><th>skill</th><th>people "
	           "assessed</th><th>mean gap</th></tr>\n");
	for (j = 0; j < m; j++) {
		fprintf(f, "<tr><td>");
		esc(f, cli_skill_name(c->model, airs_rollup_skill_id(ru, g[j].skill)));
		fprintf(f, "</td><td class=\"n\">%llu</td><td class=\"n\">%.2f</td>"
		           "</tr>\n", (unsigned long long)g[j].count, g[j].gap);
	}
	fprintf(f, "</table>\n");
	/* The full grid as a table too: units down, skills across. */
	fprintf(f, "<table><caption>Mean skill gap by unit and skill</caption>\n"
	           "<tr><th>unit</th>");
	for (j = 0; j < m; j++) {
		fprintf(f, "<th>");
		esc(f, airs_rollup_skill_id(ru, g[j].skill));
		fprintf(f, "</th>");
	}
	fprintf(f, "</tr>\n");
	for (i = 0; i < nu; i++) {
		airs_unit_score u = AIRS_UNIT_SCORE_INIT;

		if (airs_rollup_unit(ru, i, &u) != AIRS_OK)
			continue;
		fprintf(f, "<tr><td>");
		esc(f, u.name);
		fprintf(f, "</td>");
		for (j = 0; j < m; j++) {
			double gap = NAN;
			uint64_t count = 0;

			airs_rollup_skill(ru, i, g[j].skill, &gap, &count);
			fprintf(f, "<td class=\"n\">%s</td>",
			        cli_num(buf, sizeof buf, count ? gap : NAN, 2));
		}
		fprintf(f, "</tr>\n");
	}
	fprintf(f, "</table>\n</section>\n");
	free(g);
}

static void levels_chart(struct cli *c, FILE *f)
{
	static const char *names[6] = { "unknown", "1 Awareness", "2 Active",
		"3 Operational", "4 Systemic", "5 Transformational" };
	airs_unit_score org = AIRS_UNIT_SCORE_INIT;
	uint64_t max = 1;
	int l;
	const int left = 150, width = 400, row = 24;

	airs_rollup_org(airs_result_rollup(c->result), &org);
	for (l = 0; l <= 5; l++)
		if (org.levels[l] > max)
			max = org.levels[l];
	fprintf(f, "<section id=\"levels\">\n<h2>Maturity levels</h2>\n<figure>\n"
	           "<svg id=\"chart-levels\" role=\"img\" aria-labelledby="
	           "\"chart-levels-title\" aria-label=\"Employees per maturity "
	           "level\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">\n"
	           "<title id=\"chart-levels-title\">Number of employees at each "
	           "maturity level</title>\n", left + width + 60, 6 * row + 10,
	           left + width + 60, 6 * row + 10);
	for (l = 1; l <= 5; l++) {
		int y = 6 + (l - 1) * row;

		fprintf(f, "<text x=\"4\" y=\"%d\">%s</text>\n<rect x=\"%d\" y=\"%d\" "
		           "width=\"%.1f\" height=\"16\" fill=\"#1a7f37\"/>\n<text x=\"%.1f\" "
		           "y=\"%d\">%llu</text>\n", y + 14, names[l], left, y + 2,
		        width * (double)org.levels[l] / (double)max,
		        left + width * (double)org.levels[l] / (double)max + 4, y + 14,
		        (unsigned long long)org.levels[l]);
	}
	fprintf(f, "</svg>\n</figure>\n<table><caption>Employees per maturity "
	           "level</caption>\n<tr><th>level</th><th>employees</th></tr>\n");
	for (l = 1; l <= 5; l++)
		fprintf(f, "<tr><td>%s</td><td class=\"n\">%llu</td></tr>\n", names[l],
		        (unsigned long long)org.levels[l]);
	fprintf(f, "<tr><td>%s</td><td class=\"n\">%llu</td></tr>\n</table>\n"
	           "</section>\n", names[0], (unsigned long long)org.levels[0]);
}

static void flags_chart(struct cli *c, FILE *f)
{
	airs_unit_score org = AIRS_UNIT_SCORE_INIT;
	uint64_t max = 1;
	int k, kk = cli_anonymity_k(c);
	const int left = 150, width = 400, row = 24;

	airs_rollup_org(airs_result_rollup(c->result), &org);
	for (k = 0; k < AIRS_FLAG_COUNT_; k++)
		if (org.flags[k] != AIRS_SUPPRESSED && org.flags[k] > max)
			max = org.flags[k];
	fprintf(f, "<section id=\"flags\">\n<h2>Support needs (flags)</h2>\n"
	           "<figure>\n<svg id=\"chart-flags\" role=\"img\" aria-labelledby="
	           "\"chart-flags-title\" aria-label=\"Employees per flag\" "
	           "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">\n<title "
	           "id=\"chart-flags-title\">Number of employees with each support "
	           "flag</title>\n", left + width + 120, AIRS_FLAG_COUNT_ * row + 10,
	           left + width + 120, AIRS_FLAG_COUNT_ * row + 10);
	for (k = 0; k < AIRS_FLAG_COUNT_; k++) {
		int y = 6 + k * row;

		fprintf(f, "<text x=\"4\" y=\"%d\">%s</text>\n", y + 14,
		        airs_flag_name(1 << k));
		if (org.flags[k] == AIRS_SUPPRESSED) {
			fprintf(f, "<text x=\"%d\" y=\"%d\">(fewer than %d)</text>\n", left,
			        y + 14, kk);
			continue;
		}
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" "
		           "fill=\"#bf8700\"/>\n<text x=\"%.1f\" y=\"%d\">%llu</text>\n",
		        left, y + 2, width * (double)org.flags[k] / (double)max,
		        left + width * (double)org.flags[k] / (double)max + 4, y + 14,
		        (unsigned long long)org.flags[k]);
	}
	fprintf(f, "</svg>\n</figure>\n<table><caption>Employees per flag; flags "
	           "describe support needs, never verdicts on people</caption>\n"
	           "<tr><th>flag</th><th>employees</th><th>meaning</th></tr>\n");
	for (k = 0; k < AIRS_FLAG_COUNT_; k++) {
		char buf[32];

		fprintf(f, "<tr><td>%s</td><td class=\"n\">", airs_flag_name(1 << k));
		if (org.flags[k] == AIRS_SUPPRESSED)
			fprintf(f, "(fewer than %d)", kk);
		else
			fputs(cli_count(buf, sizeof buf, org.flags[k]), f);
		fprintf(f, "</td><td>%s</td></tr>\n", report_flag_label(k));
	}
	fprintf(f, "</table>\n</section>\n");
}

static void cohorts_table(struct cli *c, FILE *f)
{
	airs_plan_cohort top[8];
	size_t n = report_cohorts(c, top, 8), i;

	if (!n)
		return;
	fprintf(f, "<section id=\"cohorts\">\n<h2>Recommended course cohorts</h2>\n"
	           "<table><caption>Courses by the number of people whose role "
	           "needs the skill above their level</caption>\n<tr><th>course</th>"
	           "<th>skill</th><th>people it would help</th></tr>\n");
	for (i = 0; i < n; i++) {
		fprintf(f, "<tr><td>");
		esc(f, report_course_name(c->model, top[i].course_id));
		fprintf(f, "</td><td>");
		esc(f, cli_skill_name(c->model, top[i].skill_id));
		fprintf(f, "</td><td class=\"n\">%llu</td></tr>\n",
		        (unsigned long long)top[i].employees);
	}
	fprintf(f, "</table>\n</section>\n");
}

int report_html(struct cli *c, const char *dir)
{
	FILE *f = c->out;
	airs_unit_score org = AIRS_UNIT_SCORE_INIT;
	const airs_rollup *ru = airs_result_rollup(c->result);
	char date[11], r[32];
	const char *title;

	airs_rollup_org(ru, &org);
	airs_date_format(airs_result_as_of(c->result), date);
	/* The top unit's name is the organisation's name when there is one. */
	{
		airs_unit_score top = AIRS_UNIT_SCORE_INIT;

		title = airs_rollup_unit_count(ru) > 0 &&
		        airs_rollup_unit(ru, 0, &top) == AIRS_OK ? top.name : "Organisation";
	}
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset="
	           "\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, "
	           "initial-scale=1\">\n<title>AI readiness: ");
	esc(f, title);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n"
	           "<h1>AI readiness: ", style);
	esc(f, title);
	fprintf(f, "</h1>\n<p class=\"meta\">As of %s; %llu employees, %llu with "
	           "a score; mean readiness %s of 100; data: ", date,
	        (unsigned long long)org.headcount, (unsigned long long)org.scored,
	        cli_num(r, sizeof r, org.readiness_mean, 1));
	esc(f, dir);
	fprintf(f, "; airs %s, methodology %s.</p>\n</header>\n<main>\n",
	        airs_version(), AIRS_METHODOLOGY_VERSION);
	units_chart(c, f);
	perception_chart(c, f);
	heatmap(c, f);
	levels_chart(c, f);
	flags_chart(c, f);
	cohorts_table(c, f);
	fprintf(f, "</main>\n<footer><p class=\"note\">Survey values of groups "
	           "smaller than %d people are never shown.  Flags describe "
	           "support needs, never verdicts on people.</p></footer>\n"
	           "</body>\n</html>\n", cli_anonymity_k(c));
	return EXIT_OK;
}

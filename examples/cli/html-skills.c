/*
 * html-skills.c - the report page's skill sections: the widest gaps with
 * the courses that close them, the unit by skill heatmap, and the course
 * cohorts.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * The heatmap is a table of numbers coloured by band, cut into panels of
 * at most PANEL skills so that each fits a laptop screen and a printed
 * page without being cut; on a phone a panel scrolls sideways in its own
 * box.  A cell nobody was assessed for is white with a dashed border and
 * a dash, distinct from every band.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

#define PANEL 8
#define TOP_SKILLS 10
#define TOP_COHORTS 8
#define OPEN_ROWS 40

static int band(double gap)
{
	return gap < 0.005 ? 0 : gap < 0.5 ? 1 : gap < 1 ? 2 : gap < 1.5 ? 3 :
	       gap < 2 ? 4 : 5;
}

static const char *no_skills(const struct report *r)
{
	const airs_model *m = r->c->model;

	if (airs_model_count(m, AIRS_ENTITY_ROLE_SKILL) == 0)
		return "No role in the data lists the skills it requires, so there "
		       "are no skill gaps to show.";
	if (airs_model_count(m, AIRS_ENTITY_ASSESSMENT) == 0)
		return "Nobody's skills were assessed in the data, so there are no "
		       "skill gaps to show.";
	return "Nobody here was assessed on a skill their role requires, so "
	       "there are no skill gaps to show.";
}

static void top_gaps(struct report *r, FILE *f, const struct skill_gap *g,
                     size_t m)
{
	size_t i, shown = 0;

	html_table_open(f, "skills-top", "", "The widest skill gaps, in levels "
	                "below what roles require");
	fputs("<thead><tr><th scope=\"col\">Skill</th>"
	      "<th scope=\"col\" class=\"n\">People assessed</th>"
	      "<th scope=\"col\" class=\"n\">Mean gap</th>"
	      "<th scope=\"col\">Widest in</th>"
	      "<th scope=\"col\">Course that teaches it</th>"
	      "<th scope=\"col\" class=\"n\">People it would serve</th></tr></thead>\n"
	      "<tbody>\n", f);
	for (i = 0; i < m && shown < TOP_SKILLS; i++) {
		const char *id = airs_rollup_skill_id(r->ru, g[i].skill);
		const char *name;
		airs_plan_cohort co;
		double wg;
		size_t w = report_widest(r, g[i].skill, &wg);
		char t[400];

		/* A mean over fewer than k people is too thin to rank by. */
		if (g[i].count < (uint64_t)r->k)
			continue;
		shown++;
		name = cli_skill_name(r->c->model, id);
		fputs("<tr><th scope=\"row\">", f);
		html_esc(f, name);
		fprintf(f, "</th><td class=\"n\">%llu</td><td class=\"n chart\">%.2f",
		        (unsigned long long)g[i].count, g[i].gap);
		snprintf(t, sizeof t, "%s: %.2f levels below what roles require, on a "
		         "scale to 5", name, g[i].gap);
		html_bar(f, g[i].gap / 5, "#b3402e", NAN, t);
		fputs("</td><td>", f);
		if (w != REPORT_NONE) {
			airs_unit_score u;

			report_unit(r, w, &u);
			html_escf(f, "%s (%.2f)", u.name, wg);
		} else {
			fputs(CLI_NONE, f);
		}
		fputs("</td>", f);
		if (report_course_for(r->c, id, &co)) {
			fputs("<td>", f);
			html_esc(f, report_course_name(r->c->model, co.course_id));
			fprintf(f, "</td><td class=\"n\">%llu</td>",
			        (unsigned long long)co.employees);
		} else {
			fprintf(f, "<td>no course teaches it</td><td class=\"n\">%s</td>",
			        CLI_NONE);
		}
		fputs("</tr>\n", f);
	}
	html_table_close(f);
	fprintf(f, "<p class=\"note\">Up to %d skills with at least %d people "
	           "assessed. Widest in: among the units listed with at least %d "
	           "people assessed. People it would serve: in the whole "
	           "organisation, everyone whose role needs the skill above their "
	           "level.</p>\n", TOP_SKILLS, r->k, r->k);
}

static void gap_legend(FILE *f)
{
	static const char *bands[6] = { "no gap", "under 0.5", "0.5 to 1",
		"1 to 1.5", "1.5 to 2", "2 levels or more" };
	int b;

	fputs("<ul class=\"legend\" aria-label=\"How to read the cells\">", f);
	for (b = 0; b < 6; b++)
		fprintf(f, "<li><span class=\"sw g%d\"></span>%s</li>", b, bands[b]);
	fprintf(f, "<li><span class=\"sw nil\"></span>%s nobody assessed whose "
	           "role needs it</li></ul>\n", CLI_NONE);
}

static void panel(struct report *r, FILE *f, const struct skill_gap *g,
                  size_t from, size_t to, size_t m, size_t number)
{
	char id[48], cap[200];
	size_t i, j;

	snprintf(id, sizeof id, "skills-heat-%zu", number);
	if (from == 0 && to == m)
		snprintf(cap, sizeof cap, "Mean gap in levels by unit and skill, "
		         "widest gap first");
	else
		snprintf(cap, sizeof cap, "Mean gap in levels by unit and skill: "
		         "skills %zu to %zu of %zu, widest gap first", from + 1, to, m);
	html_table_open(f, id, "heat", cap);
	fputs("<thead><tr><th scope=\"col\">Unit</th>", f);
	for (j = from; j < to; j++) {
		fputs("<th scope=\"col\">", f);
		html_esc(f, cli_skill_name(r->c->model, airs_rollup_skill_id(r->ru,
		                                                             g[j].skill)));
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (i = 0; i < report_nrows(r); i++) {
		size_t u = report_row(r, i);
		airs_unit_score us;

		report_unit(r, u, &us);
		fprintf(f, "<tr%s>", i == 0 ? " class=\"top\"" : "");
		html_unit_th(f, r, &us);
		for (j = from; j < to; j++) {
			const char *skill = cli_skill_name(r->c->model,
			                                   airs_rollup_skill_id(r->ru, g[j].skill));
			double gap = NAN;
			uint64_t count = 0;

			airs_rollup_skill(r->ru, u, g[j].skill, &gap, &count);
			if (count == 0) {
				fputs("<td class=\"nil\" title=\"", f);
				html_escf(f, "%s, %s: nobody assessed whose role needs it",
				          skill, us.name);
				fprintf(f, "\">%s</td>", CLI_NONE);
				continue;
			}
			fprintf(f, "<td class=\"g%d\" title=\"", band(gap));
			html_escf(f, "%s, %s: mean gap %.2f levels, %llu people assessed",
			          skill, us.name, gap, (unsigned long long)count);
			fprintf(f, "\">%.2f</td>", gap);
		}
		fputs("</tr>\n", f);
	}
	html_table_close(f);
}

void html_skills(struct report *r, FILE *f)
{
	struct skill_gap *g;
	size_t m = report_skill_gaps(r, &g), panels, per, from;

	if (m == 0) {
		html_empty(f, no_skills(r));
		free(g);
		return;
	}
	fputs("<p>How far people's assessed skill falls short of what their role "
	      "requires, in levels from 0 to 5, averaged over the people whose "
	      "role requires the skill and who were assessed on it.</p>\n", f);
	top_gaps(r, f, g, m);
	fputs("<h3 id=\"skills-by-unit\">By unit and skill</h3>\n", f);
	panels = (m + PANEL - 1) / PANEL;
	per = (m + panels - 1) / panels;
	fprintf(f, "<details%s><summary>", report_nrows(r) <= OPEN_ROWS ? " open" : "");
	html_escf(f, "%zu unit%s by %zu skill%s", report_nrows(r),
	          report_nrows(r) == 1 ? "" : "s", m, m == 1 ? "" : "s");
	if (panels > 1)
		html_escf(f, ", in %zu tables of up to %zu skills", panels, per);
	fputs("</summary>\n", f);
	gap_legend(f);
	for (from = 0; from < m; from += per)
		panel(r, f, g, from, from + per < m ? from + per : m, m, from / per + 1);
	fputs("</details>\n", f);
	free(g);
}

void html_cohorts(struct report *r, FILE *f)
{
	size_t n = airs_result_cohort_count(r->c->result), i;

	if (n == 0) {
		html_empty(f, airs_model_count(r->c->model, AIRS_ENTITY_COURSE) == 0 ?
		           "The data has no course catalogue, so no course can be "
		           "recommended." :
		           "No course in the catalogue teaches a skill that anyone "
		           "lacks.");
		return;
	}
	fputs("<p>Courses by the number of people in the whole organisation whose "
	      "role needs the skill they teach above their current level: where "
	      "to schedule workshops first. <code>airs plan --org --budget "
	      "HOURS</code> splits a training budget across everyone.</p>\n", f);
	html_table_open(f, "cohorts-table", "", "Courses by the people they would "
	                "help");
	fputs("<thead><tr><th scope=\"col\">Course</th><th scope=\"col\">Skill</th>"
	      "<th scope=\"col\" class=\"n\">People it would help</th></tr></thead>\n"
	      "<tbody>\n", f);
	for (i = 0; i < n && i < TOP_COHORTS; i++) {
		airs_plan_cohort co = AIRS_PLAN_COHORT_INIT;

		if (airs_result_cohort(r->c->result, i, &co) != AIRS_OK)
			break;
		fputs("<tr><th scope=\"row\">", f);
		html_esc(f, report_course_name(r->c->model, co.course_id));
		fputs("</th><td>", f);
		html_esc(f, cli_skill_name(r->c->model, co.skill_id));
		fprintf(f, "</td><td class=\"n\">%llu</td></tr>\n",
		        (unsigned long long)co.employees);
	}
	html_table_close(f);
}

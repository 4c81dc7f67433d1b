/*
 * html-focus.c - the report page's focus areas (methodology 10.7): per
 * unit shown, the attitude drivers on which it stands apart from the
 * rest of the organisation, weighed by how much each goes with
 * adoption, and the change intervention for each.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>

#include "html.h"

/* The change step for an area, in words (methodology 8.4). */
static const char *step_words(int intervention)
{
	switch (intervention) {
	case AIRS_INTERVENTION_BRIEFING:
		return "briefing: what is in it for them";
	case AIRS_INTERVENTION_DEMONSTRATION:
		return "hands-on demonstration";
	case AIRS_INTERVENTION_SECURITY_TALK:
		return "open talk on job security";
	default:
		return "manager check-ins";
	}
}

/* One focus area inside a cell: driver, difference and interval, the
 * step (attitude drivers are constructs). */
static void area_item(FILE *f, const airs_focus_area *a)
{
	fputs("<li>", f);
	html_esc(f, cli_name(CLI_CONSTRUCT, a->driver));
	fprintf(f, " %s%+.0f%s <small>(%+.0f to %+.0f; weight %.0f%%)</small> "
	           "\xe2\x86\x92 ", a->clear ? "<b>" : "", 100 * a->difference,
	        a->clear ? "</b>" : "", 100 * a->difference_ci.low,
	        100 * a->difference_ci.high, 100 * a->importance);
	html_esc(f, step_words(a->intervention));
	fputs("</li>", f);
}

/* The areas of one kind of unit u as a list cell. */
static void kind_cell(FILE *f, const airs_drivers *d, size_t u, size_t n,
                      int kind)
{
	int any = 0;

	fputs("<td><ul class=\"plain\">", f);
	for (size_t i = 0; i < n; i++) {
		airs_focus_area a = AIRS_FOCUS_AREA_INIT;
		if (airs_drivers_focus(d, u, i, &a) == AIRS_OK && a.kind == kind) {
			area_item(f, &a);
			any = 1;
		}
	}
	fprintf(f, "</ul>%s</td>", any ? "" : CLI_NONE);
}

/* Unit u's row, when it has areas. */
static void unit_row(struct report *r, FILE *f, const airs_drivers *d,
                    size_t u)
{
	airs_unit_score us;
	size_t n = 0;

	if (airs_drivers_focus_count(d, u, &n, NULL) || !n)
		return;
	report_unit(r, u, &us);
	fputs("<tr>", f);
	html_unit_th(f, r, &us);
	kind_cell(f, d, u, n, AIRS_FOCUS_OPPORTUNITY);
	kind_cell(f, d, u, n, AIRS_FOCUS_STRENGTH);
	fputs("</tr>\n", f);
}

int html_focus_analysis(const airs_result *result, airs_drivers **out)
{
	/* The page shows the weights' point values only (as importance),
	 * never their intervals: one resample, the fewest the analysis
	 * takes, keeps the report as fast as it was.  `airs drivers` shows
	 * the intervals. */
	airs_drivers_options o = AIRS_DRIVERS_OPTIONS_INIT;

	o.reps = 1;
	return airs_drivers_new(result, &o, out, NULL);
}

void html_focus(struct report *r, FILE *f)
{
	airs_drivers *d = r->focus;
	size_t i, shown = 0;
	int rc;

	fputs("<p>For each unit, the attitudes on which its people answer "
	      "more or less favourably than the rest of the organisation, "
	      "weighed by how much each goes with adoption in the driver "
	      "analysis (weight: its share of the explained variance, in "
	      "the unit or the nearest group above it that can be analysed). "
	      "Opportunities first, with the change step that addresses each; "
	      "a difference in <b>bold</b> is clear of chance. Association, "
	      "not cause. Units whose survey figures are hidden for anonymity "
	      "have none.</p>\n", f);
	r->focus = NULL; /* d is freed here */
	if (!d && (rc = html_focus_analysis(r->c->result, &d)) != AIRS_OK) {
		if (rc == AIRS_ENOMEM)
			cli_lost();
		html_empty(f, "The driver analysis could not be made.");
		return;
	}
	for (i = 0; i < report_nrows(r); i++) {
		size_t u = report_row(r, i), n = 0;
		if (u != AIRS_ROLLUP_ORG &&
		    airs_drivers_focus_count(d, u, &n, NULL) == AIRS_OK && n)
			shown++;
	}
	if (!shown) {
		html_empty(f, "No unit shown here has focus areas: each needs its "
		           "survey figures shown, a group above it that the driver "
		           "analysis can analyse, and enough answers outside it to "
		           "compare with.");
		airs_drivers_free(d);
		return;
	}
	fprintf(f, "<details%s><summary>Focus areas of %zu unit%s</summary>\n",
	        shown <= 8 ? " open" : "", shown, shown == 1 ? "" : "s");
	html_table_open(f, "focus-units", "", "Focus areas by unit: difference "
	                "from the rest of the organisation in points of "
	                "favourable answers (95% interval)");
	fputs("<thead><tr><th scope=\"col\">Unit</th><th scope=\"col\">"
	      "Opportunities</th><th scope=\"col\">Strengths</th></tr></thead>"
	      "\n<tbody>\n", f);
	for (i = 0; i < report_nrows(r); i++) {
		size_t u = report_row(r, i);
		if (u != AIRS_ROLLUP_ORG)
			unit_row(r, f, d, u);
	}
	html_table_close(f);
	fputs("</details>\n", f);
	fputs("<p class=\"note\">Per unit, with intervals of the weights: "
		      "<code>airs drivers --unit ID</code>.</p>\n", f);
	airs_drivers_free(d);
}

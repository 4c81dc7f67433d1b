/*
 * html-tools.c - the "AI tools" section of `airs report --format html`:
 * what to look at (findings that name the tool when the tool is the
 * problem), then a unit x tool table of active shares and signals
 * (methodology section 9).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * Every figure is the library's tools table, which applies the anonymity
 * rules: a hidden cell says "hidden", never a number.
 */
#include <math.h>
#include <string.h>

#include "html.h"
#include "toolview.h"

#define MAX_FINDINGS 8

static void findings(struct report *r, const struct toolview *v, FILE *f)
{
	struct tool_finding out[MAX_FINDINGS];
	size_t g0, g1, n, i;

	toolview_subtree(v, r->top, &g0, &g1);
	n = toolview_findings(v, g0, g1, r->top == AIRS_ROLLUP_ORG, out,
	                      MAX_FINDINGS);
	if (!n) {
		html_empty(f, "No tool stands out: none is used much with little "
		           "reported benefit, none is being abandoned, and "
		           "unsanctioned tools take little of the work.");
		return;
	}
	fputs("<ol class=\"findings\">\n", f);
	for (i = 0; i < n; i++) {
		fputs("<li>", f);
		html_esc(f, out[i].text);
		fputs("</li>\n", f);
	}
	fputs("</ol>\n", f);
}

/* One cell: the active share, with the row's signals in words. */
static void cell(FILE *f, const airs_tool_row *o)
{
	char b[32];
	int k;

	fputs("<td class=\"n\">", f);
	if (o->users == AIRS_SUPPRESSED) {
		fputs("hidden", f);
	} else {
		html_esc(f, toolview_share(b, sizeof b, o->active_share, o->users));
		for (k = 0; k < AIRS_TOOL_SIGNAL_BITS_; k++)
			if (o->signals & (1u << k))
				fprintf(f, " &middot; %s", airs_tool_signal_name(1 << k));
	}
	fputs("</td>", f);
}

static void table(struct report *r, const struct toolview *v, FILE *f)
{
	char name[128];
	size_t i, k;

	html_table_open(f, "tools-table", "tools", "Share of each unit using each "
	                "AI tool, with what to look at");
	fputs("<thead><tr><th scope=\"col\">Unit</th>", f);
	for (k = 0; k < v->info.kinds; k++) {
		airs_tool_row o = AIRS_TOOL_ROW_INIT;
		if (toolview_row(v, 0, k, &o) != AIRS_OK)
			continue;
		fputs("<th scope=\"col\" class=\"n\">", f);
		html_esc(f, toolview_tool(v, &o, name, sizeof name));
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (i = 0; i < r->nshown; i++) {
		airs_unit_score u;
		if (report_unit(r, r->shown[i], &u) != AIRS_OK)
			continue;
		fputs("<tr>", f);
		html_unit_th(f, r, &u);
		for (k = 0; k < v->info.kinds; k++) {
			airs_tool_row o = AIRS_TOOL_ROW_INIT;
			if (toolview_row(v, r->shown[i], k, &o) == AIRS_OK)
				cell(f, &o);
		}
		fputs("</tr>\n", f);
	}
	html_table_close(f);
}

void html_tools(struct report *r, FILE *f)
{
	struct toolview v;

	if (airs_model_count(r->c->model, AIRS_ENTITY_TOOL) == 0) {
		html_empty(f, "The data has no AI tool usage (usage.csv).");
		return;
	}
	if (toolview_open(&v, r->c) != EXIT_OK)
		return;
	fputs("<p>Log-ins are not success: per AI tool, who uses it, who made "
	      "it a habit, who stopped, and what its users say it is worth "
	      "(<code>airs tools</code> has every figure). Shares of fewer than "
	      "the minimum group are hidden.</p>\n", f);
	findings(r, &v, f);
	table(r, &v, f);
	toolview_close(&v);
}

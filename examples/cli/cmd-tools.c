/*
 * cmd-tools.c - `airs tools`: adoption and value per AI tool, per unit,
 * for the organisation and per role (airs/tools.h), and what to look at.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * CSV and JSON are the library's export of the table; text shows the
 * rows of the tools people used (hidden rows as hidden) and then the
 * findings of toolview.c, which blame the tool when the tool is the
 * problem.
 */
#include <stdlib.h>
#include <string.h>

#include "toolview.h"

#define MAX_FINDINGS 12

/* The unit groups [g0, g1) to show: --unit's subtree, else every unit. */
static int selection(struct cli *c, const struct toolview *v, size_t *g0,
                     size_t *g1)
{
	size_t u = AIRS_ROLLUP_ORG;

	if (c->a.unit &&
	    airs_rollup_find_unit(airs_result_rollup(c->result), c->a.unit, &u) !=
	            AIRS_OK) {
		cli_error(c, "no unit '%s' in the data", c->a.unit);
		return EXIT_DATA;
	}
	toolview_subtree(v, u, g0, g1);
	return EXIT_OK;
}

static void columns(struct table *t)
{
	static const char *const head[] = { "group", "tool", "users", "active",
		"habitual", "lapsed", "new", "days/mo", "benefit", "signals" };
	size_t k;

	for (k = 0; k < sizeof head / sizeof *head; k++)
		table_column(t, k, head[k], k < 2 || k == 9 ? TABLE_LEFT : TABLE_RIGHT,
		             k == 0);
}

static void signals_text(unsigned bits, char *buf, size_t n)
{
	size_t used = 0;
	int b;

	buf[0] = '\0';
	for (b = 0; b < AIRS_TOOL_SIGNAL_BITS_; b++)
		if (bits & (1u << b))
			used += (size_t)snprintf(buf + used, used < n ? n - used : 0,
			                         "%s%s", used ? " " : "",
			                         airs_tool_signal_name(1 << b));
	if (!used)
		snprintf(buf, n, "%s", CLI_NONE);
}

static void row_cells(struct table *t, const struct toolview *v,
                      const airs_tool_row *r, int first)
{
	char b[64];

	table_cell(t, 0, first ? toolview_group(v, r) : "");
	table_cell(t, 1, toolview_tool(v, r, b, sizeof b));
	table_cell(t, 2, r->users == AIRS_SUPPRESSED ? "hidden"
	                 : cli_count(b, sizeof b, r->users));
	table_cell(t, 3, toolview_share(b, sizeof b, r->active_share, r->users));
	table_cell(t, 4, toolview_share(b, sizeof b, r->habitual_share, r->users));
	table_cell(t, 5, v->info.lapse_known
	                 ? toolview_share(b, sizeof b, r->lapsed_share, r->users)
	                 : CLI_NONE);
	table_cell(t, 6, v->info.lapse_known && r->new_users != AIRS_SUPPRESSED
	                 ? cli_count(b, sizeof b, r->new_users) : CLI_NONE);
	table_cell(t, 7, cli_num(b, sizeof b, r->active_days_median, 1));
	if (r->kind == AIRS_TOOL_KIND_TOOL && r->benefit_respondents ==
	    AIRS_SUPPRESSED)
		table_cell(t, 8, "hidden");
	else
		table_cell(t, 8, cli_num(b, sizeof b, r->benefit, 2));
	signals_text(r->signals, b, sizeof b);
	table_cell(t, 9, b);
}

/* The rows of group g whose tool someone used (or whose use is hidden). */
static void group_rows(struct table *t, const struct toolview *v, size_t g)
{
	size_t k;
	int first = 1;

	for (k = 0; k < v->info.kinds; k++) {
		airs_tool_row r = AIRS_TOOL_ROW_INIT;
		if (toolview_row(v, g, k, &r) != AIRS_OK || r.users == 0)
			continue;
		if (table_row(t) != 0)
			return;
		row_cells(t, v, &r, first);
		first = 0;
	}
}

/* One unit holds everyone: the organisation's rows repeat its rows. */
static int one_root(const struct cli *c, const struct toolview *v)
{
	const airs_rollup *ru = airs_result_rollup(c->result);
	size_t i, roots = 0;

	for (i = 0; i < v->units; i++) {
		airs_unit_score s = AIRS_UNIT_SCORE_INIT;
		if (airs_rollup_unit(ru, i, &s) == AIRS_OK && s.depth == 0)
			roots++;
	}
	return roots == 1;
}

static int text(struct cli *c, const struct toolview *v, size_t g0, size_t g1)
{
	struct tool_finding f[MAX_FINDINGS];
	struct table *t = table_new(10);
	char lo[8], hi[8];
	size_t g, n, i;
	int org = !c->a.unit;

	if (!t) {
		cli_error(c, "out of memory");
		return EXIT_DATA;
	}
	airs_month_format(v->info.window_first, lo);
	airs_month_format(v->info.window_last, hi);
	fprintf(c->out, "AI tools, %s to %s: %zu tool%s%s\n", lo, hi,
	        v->info.tools, v->info.tools == 1 ? "" : "s",
	        v->info.registry ? "" : " (no tools.csv: sanction not known)");
	columns(t);
	for (g = g0; g < g1; g++)
		group_rows(t, v, g);
	for (g = v->units; org && g < v->info.groups; g++)
		if (g != v->units || !one_root(c, v))
			group_rows(t, v, g);
	table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
	n = toolview_findings(v, g0, g1, org, f, MAX_FINDINGS);
	cli_heading(c, "What to look at");
	if (!n)
		cli_wrap(c->out, "  ", "Nothing stands out: no tool is used much "
		         "with little benefit, none is being abandoned, and "
		         "unsanctioned tools take little of the work.");
	for (i = 0; i < n; i++) {
		char num[32];
		snprintf(num, sizeof num, "  %zu. ", i + 1);
		cli_wrap(c->out, num, f[i].text);
	}
	return EXIT_OK;
}

/* CSV or JSON: the library's export (of --unit's subtree). */
static int export_table(struct cli *c, const struct toolview *v, int output)
{
	airs_export_options o = AIRS_EXPORT_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	int rc;

	if (c->a.unit) {
		o.unit_id = c->a.unit;
		rc = airs_result_write_v2(c->result, AIRS_TABLE_TOOLS, output, &o,
		                          cli_write_file, c->out, &d);
	} else {
		rc = airs_tools_write(v->t, output, cli_write_file, c->out, &d);
	}
	return cli_written(c, rc, &d);
}

static int run(struct cli *c)
{
	int format = cli_format(c, CLI_TEXT | CLI_CSV | CLI_JSON);
	struct toolview v;
	size_t g0, g1;
	int rc;

	if (!format)
		return EXIT_USAGE;
	if (!c->a.data) {
		cli_error(c, "--data DIR is required");
		return EXIT_USAGE;
	}
	if ((rc = cli_score(c)) != EXIT_OK)
		return rc;
	if ((rc = toolview_open(&v, c)) != EXIT_OK)
		return rc;
	if ((rc = selection(c, &v, &g0, &g1)) == EXIT_OK &&
	    (rc = cli_open_output(c)) == EXIT_OK)
		rc = format == CLI_TEXT ? text(c, &v, g0, g1)
		     : export_table(c, &v, format == CLI_CSV ? AIRS_OUTPUT_CSV
		                                             : AIRS_OUTPUT_JSON);
	toolview_close(&v);
	return rc;
}

const struct cli_command cmd_tools = {
	"tools",
	"adoption and value per AI tool: habit, lapse, benefit, shadow AI",
	"--data DIR [options]",
	"data follow-symlinks config set as-of format output unit help",
	"\nformats:\n"
	"  text    the rows of the tools people used, then what to look at\n"
	"  csv     RFC 4180, one row per group and tool (docs/output-format.md)\n"
	"  json    the tools document (docs/output-format.md, \"Tools\")\n"
	"\nGroups: each unit (over its subtree), the organisation, each role.\n"
	"Per group, all tools, the unsanctioned ones (with tools.csv), then\n"
	"each tool.  users: active on it in the adoption window; active,\n"
	"share of headcount; habitual, share of users active in at least\n"
	"tools.habit_months months; lapsed, share of users not active in the\n"
	"last tools.recent_months months; new: first use in them; days/mo:\n"
	"median active days a month; benefit 0..1 from its users' answers to\n"
	"items about the tool.  Figures of fewer than anonymity.min_group\n"
	"people are hidden (docs/methodology.md, section 9).  --unit shows\n"
	"that unit's subtree only.\n",
	run,
};

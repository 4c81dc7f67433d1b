/*
 * report-managers.c - `airs report --by manager` and `--manager ID`: the
 * manager groups of the rollup (airs/rollup.h) as text, CSV, JSON or one
 * HTML page.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * For every manager two groups: the direct reports and the whole line
 * below the manager (the manager is in neither).  Every figure comes
 * from the library, which has already suppressed, jointly with the
 * units, what could single out fewer than anonymity.min_group people's
 * answers; CSV and JSON are the library's managers table
 * (AIRS_TABLE_MANAGERS), selected with airs_export_options.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "report.h"

/* What a managers report shows: managers m0 .. m1 - 1 of the rollup,
 * those whose own unit is in units u0 .. u1 - 1 (--unit). */
struct mview {
	struct cli *c;
	const airs_rollup *ru;
	size_t m0, m1, u0, u1;
	int k;
	const char *dir;
};

/* The units of --unit's subtree (all without it). */
static void unit_span(struct mview *v)
{
	const airs_rollup *ru = v->ru;
	airs_unit_score u = AIRS_UNIT_SCORE_INIT, w = AIRS_UNIT_SCORE_INIT;

	v->u0 = 0;
	v->u1 = airs_rollup_unit_count(ru);
	if (!v->c->a.unit || airs_rollup_find_unit(ru, v->c->a.unit, &v->u0))
		return;
	airs_rollup_unit(ru, v->u0, &u);
	for (v->u1 = v->u0 + 1; v->u1 < airs_rollup_unit_count(ru); v->u1++)
		if (airs_rollup_unit(ru, v->u1, &w) || w.depth <= u.depth)
			break;
}

static int shown(const struct mview *v, size_t i, airs_manager_info *mi)
{
	size_t u;

	return i >= v->m0 && i < v->m1 && !airs_rollup_manager(v->ru, i, mi) &&
	       !airs_rollup_find_unit(v->ru, mi->unit_id, &u) && u >= v->u0 &&
	       u < v->u1;
}

/* Indentation of a manager by depth, capped so that a management chain
 * thousands deep costs a line of output per manager, not a square. */
#define MAX_INDENT 8
static int indent(int depth)
{
	return 2 * (depth < MAX_INDENT ? depth : MAX_INDENT);
}

/* A survey figure: its value, "hidden" when suppressed, "–" for none. */
static const char *survey(char *buf, size_t n, double x, uint64_t resp,
                          int decimals)
{
	if (isnan(x) && resp == AIRS_SUPPRESSED)
		snprintf(buf, n, "hidden");
	else
		cli_num(buf, n, x, decimals);
	return buf;
}

static const char *answered(char *buf, size_t n, uint64_t resp)
{
	return resp == AIRS_SUPPRESSED ? snprintf(buf, n, "hidden"), buf
	                               : cli_count(buf, n, resp);
}

/* ---- text --------------------------------------------------------------- */

static void group_cells(struct table *t, size_t col, const airs_unit_score *s)
{
	char b[32];

	table_cellf(t, col, "%llu", (unsigned long long)s->headcount);
	table_cell(t, col + 1, answered(b, sizeof b, s->respondents));
	table_cell(t, col + 2, cli_num(b, sizeof b, s->readiness_mean, 1));
	table_cell(t, col + 3, survey(b, sizeof b, s->net_score,
	                              s->net_respondents, 0));
}

static void text_list(const struct mview *v)
{
	struct table *t = table_new(10);
	size_t i, n = airs_rollup_manager_count(v->ru);
	static const char *const head[] = { "direct", "answered", "readiness",
	                                     "net", "line", "answered",
	                                     "readiness", "net" };

	if (!t)
		return;
	table_column(t, 0, "manager", TABLE_LEFT, 1);
	table_column(t, 1, "unit", TABLE_LEFT, 1);
	for (i = 0; i < 8; i++)
		table_column(t, 2 + i, head[i], TABLE_RIGHT, 0);
	for (i = 0; i < n; i++) {
		airs_manager_info mi = AIRS_MANAGER_INFO_INIT;
		airs_unit_score d = AIRS_UNIT_SCORE_INIT, a = AIRS_UNIT_SCORE_INIT;
		if (!shown(v, i, &mi) ||
		    airs_rollup_manager_group(v->ru, i, AIRS_REPORTS_DIRECT, &d) ||
		    airs_rollup_manager_group(v->ru, i, AIRS_REPORTS_ALL, &a) ||
		    table_row(t))
			continue;
		table_cellf(t, 0, "%*s%s", indent(mi.depth), "", mi.id);
		table_cell(t, 1, mi.unit_id);
		group_cells(t, 2, &d);
		group_cells(t, 6, &a);
	}
	table_print(t, v->c->out, v->c->color, CLI_WIDTH);
	table_free(t);
	cli_wrap(v->c->out, "", "direct: the people who report to the manager; "
	         "line: everyone below the manager (neither includes the "
	         "manager). answered: survey respondents; readiness: mean 0-100; "
	         "net: AI net score -100..100. Survey figures that could single "
	         "out someone's answers, alone or against the unit figures, are "
	         "hidden.");
}

/* One manager's two groups side by side, then their constructs. */
static void text_focus(const struct mview *v, size_t i)
{
	static const char *const rows[] = { "people", "with a score",
	        "readiness mean", "below target", "survey answered",
	        "AI net score", "time saved (h/week)" };
	struct table *t = table_new(3);
	airs_unit_score s[2];
	size_t r, k;
	char b[32];

	if (!t)
		return;
	for (k = 0; k < 2; k++) {
		airs_unit_score z = AIRS_UNIT_SCORE_INIT;
		s[k] = z;
		airs_rollup_manager_group(v->ru, i, (int)k, &s[k]);
	}
	table_column(t, 0, "", TABLE_LEFT, 1);
	table_column(t, 1, "direct reports", TABLE_RIGHT, 0);
	table_column(t, 2, "whole line", TABLE_RIGHT, 0);
	for (r = 0; r < sizeof rows / sizeof rows[0] && !table_row(t); r++) {
		table_cell(t, 0, rows[r]);
		for (k = 0; k < 2; k++) {
			const airs_unit_score *u = &s[k];
			switch (r) {
			case 0: table_cellf(t, 1 + k, "%llu", (unsigned long long)u->headcount); break;
			case 1: table_cellf(t, 1 + k, "%llu", (unsigned long long)u->scored); break;
			case 2: table_cell(t, 1 + k, cli_num(b, sizeof b, u->readiness_mean, 1)); break;
			case 3: table_cell(t, 1 + k, u->with_target ? (snprintf(b, sizeof b, "%.0f%%", 100 * u->below_target_share), b) : CLI_NONE); break;
			case 4: table_cell(t, 1 + k, answered(b, sizeof b, u->respondents)); break;
			case 5: table_cell(t, 1 + k, survey(b, sizeof b, u->net_score, u->net_respondents, 0)); break;
			default: table_cell(t, 1 + k, survey(b, sizeof b, u->time_saved, u->time_saved_respondents, 1)); break;
			}
		}
	}
	for (r = 0; r < AIRS_CONSTRUCT_COUNT_ && !table_row(t); r++) {
		table_cellf(t, 0, "%s (0-100)", airs_construct_name((int)r));
		for (k = 0; k < 2; k++) {
			airs_construct_score c = AIRS_CONSTRUCT_SCORE_INIT;
			airs_rollup_manager_construct(v->ru, i, (int)k, (int)r, &c);
			table_cell(t, 1 + k, survey(b, sizeof b, 100 * c.mean,
			                            c.respondents, 0));
		}
	}
	table_print(t, v->c->out, v->c->color, CLI_WIDTH);
	table_free(t);
}

static void text_report(const struct mview *v, const airs_manager_info *focus)
{
	FILE *out = v->c->out;
	char date[11];

	airs_date_format(airs_result_as_of(v->c->result), date);
	fprintf(out, "AI readiness by manager %s %s\n", "\xe2\x80\x94", v->dir);
	fprintf(out, "As of %s; %zu managers; survey figures of fewer than %d "
	        "people are never shown.\n", date,
	        airs_rollup_manager_count(v->ru), v->k);
	if (focus) {
		fprintf(out, "Manager %s, unit %s%s%s.\n", focus->id,
		        focus->unit_id, focus->manager_id ? "; reports to " : "",
		        focus->manager_id ? focus->manager_id : "");
		cli_heading(v->c, "Their team and their line");
		text_focus(v, v->m0);
		if (v->m1 > v->m0 + 1)
			cli_heading(v->c, "Managers in their line");
		else
			return;
	} else {
		cli_heading(v->c, "Manager groups");
	}
	text_list(v);
}

/* ---- HTML --------------------------------------------------------------- */

static void html_group_cells(FILE *f, const airs_unit_score *s)
{
	char b[32];

	fprintf(f, "<td>%llu</td><td>%s</td>", (unsigned long long)s->headcount,
	        answered(b, sizeof b, s->respondents));
	fprintf(f, "<td>%s</td>", cli_num(b, sizeof b, s->readiness_mean, 1));
	fprintf(f, "<td>%s</td>", survey(b, sizeof b, s->net_score,
	                                  s->net_respondents, 0));
}

static void html_report(const struct mview *v, const airs_manager_info *focus)
{
	FILE *f = v->c->out;
	size_t i, n = airs_rollup_manager_count(v->ru);

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
	      "\n<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\">\n<title>AI readiness by manager</title>\n", f);
	html_style(f);
	fputs("</head>\n<body>\n<header>\n<h1>AI readiness by manager", f);
	if (focus)
		html_escf(f, ": %s", focus->id);
	fputs("</h1>\n<p class=\"meta\">Data: ", f);
	html_esc(f, v->dir);
	fprintf(f, ". Direct reports and the whole line below each manager (the "
	           "manager is in neither). Survey figures of fewer than %d people, "
	           "or that could single out someone's answers against the unit "
	           "figures, are hidden.</p>\n</header>\n<main>\n", v->k);
	html_table_open(f, "managers", "grid", "Manager groups");
	fputs("<thead><tr><th scope=\"col\">manager</th><th scope=\"col\">unit</th>"
	      "<th scope=\"col\">direct</th><th scope=\"col\">answered</th>"
	      "<th scope=\"col\">readiness</th><th scope=\"col\">net</th>"
	      "<th scope=\"col\">line</th><th scope=\"col\">answered</th>"
	      "<th scope=\"col\">readiness</th><th scope=\"col\">net</th></tr>"
	      "</thead>\n<tbody>\n", f);
	for (i = 0; i < n; i++) {
		airs_manager_info mi = AIRS_MANAGER_INFO_INIT;
		airs_unit_score d = AIRS_UNIT_SCORE_INIT, a = AIRS_UNIT_SCORE_INIT;
		if (!shown(v, i, &mi) ||
		    airs_rollup_manager_group(v->ru, i, AIRS_REPORTS_DIRECT, &d) ||
		    airs_rollup_manager_group(v->ru, i, AIRS_REPORTS_ALL, &a))
			continue;
		fputs("<tr><th scope=\"row\">", f);
		html_escf(f, "%*s%s", indent(mi.depth), "", mi.id);
		fputs("</th><td>", f);
		html_esc(f, mi.unit_id);
		fputs("</td>", f);
		html_group_cells(f, &d);
		html_group_cells(f, &a);
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n", f);
	html_table_close(f);
	fputs("</main>\n</body>\n</html>\n", f);
}

/* ---- JSON and CSV: the library's table ------------------------------------ */

static int library_table(const struct mview *v, int format)
{
	airs_export_options o = AIRS_EXPORT_OPTIONS_INIT;
	struct cli *c = v->c;
	airs_diag d = AIRS_DIAG_INIT;
	int rc = AIRS_OK;

	o.unit_id = c->a.unit;
	o.manager_id = c->a.manager;
	if (format == CLI_JSON) {
		fputs("{\n\"schema\": \"airs-report/1\",\n\"provenance\": ", c->out);
		rc = airs_result_write_v2(c->result, AIRS_TABLE_PROVENANCE,
		                          AIRS_OUTPUT_JSON, &o, cli_write_file,
		                          c->out, &d);
		if (!rc)
			fputs(",\n\"managers\": ", c->out);
	}
	if (!rc)
		rc = airs_result_write_v2(c->result, AIRS_TABLE_MANAGERS,
		                          format == CLI_JSON ? AIRS_OUTPUT_JSON
		                                             : AIRS_OUTPUT_CSV,
		                          &o, cli_write_file, c->out, &d);
	if (rc)
		return cli_written(c, rc, &d);
	if (format == CLI_JSON)
		fputs("}\n", c->out);
	return EXIT_OK;
}

int report_managers(struct cli *c, int format, const char *dir)
{
	struct mview v;
	airs_manager_info focus = AIRS_MANAGER_INFO_INIT;
	int rc;

	memset(&v, 0, sizeof v);
	v.c = c;
	v.ru = airs_result_rollup(c->result);
	v.k = cli_anonymity_k(c);
	v.dir = dir;
	v.m1 = airs_rollup_manager_count(v.ru);
	if (c->a.manager &&
	    (airs_rollup_find_manager(v.ru, c->a.manager, &v.m0) ||
	     airs_rollup_manager(v.ru, v.m0, &focus))) {
		cli_error(c, "--manager '%s' is not a manager: nobody in the data "
		          "reports to them (employees.csv, manager_id)", c->a.manager);
		return EXIT_DATA;
	}
	if (c->a.manager)
		v.m1 = focus.line_end;
	unit_span(&v);
	if ((rc = cli_open_output(c)) != EXIT_OK)
		return rc;
	if (format == CLI_JSON || format == CLI_CSV)
		return library_table(&v, format);
	if (format == CLI_HTML)
		html_report(&v, c->a.manager ? &focus : NULL);
	else
		text_report(&v, c->a.manager ? &focus : NULL);
	return EXIT_OK;
}

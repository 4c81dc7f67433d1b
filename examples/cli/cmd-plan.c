/*
 * cmd-plan.c - `airs plan`: a personal learning plan, or the
 * organisation's budget split.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define TOP_COHORTS 10

static const char *weeks_text(char *buf, size_t n, double weeks, int reachable)
{
	if (!reachable || isinf(weeks))
		snprintf(buf, n, "not with this catalogue");
	else if (isnan(weeks))
		snprintf(buf, n, "%s", CLI_NONE);
	else if (weeks == 0)
		snprintf(buf, n, "reached");
	else
		snprintf(buf, n, "%.1f weeks", weeks);
	return buf;
}

/* --format csv|json: the library's plan exports (docs/output-format.md,
 * "Plans"); personal plans as one JSON document or CSV steps, the
 * organisation's as the whole JSON document or its allocations CSV. */
static int write_plan(struct cli *c, const airs_plan *p, const airs_org_plan *op,
                      int output)
{
	airs_diag d = AIRS_DIAG_INIT;
	int rc = p ? airs_plan_write(p, output, cli_write_file, c->out, &d)
	           : airs_org_plan_write(op, output == AIRS_OUTPUT_JSON
	                                         ? AIRS_PLAN_TABLE_ALL
	                                         : AIRS_PLAN_TABLE_ALLOCATIONS,
	                                 output, cli_write_file, c->out, &d);

	return cli_written(c, rc, &d);
}

/* output: an AIRS_OUTPUT_* export, or -1 for text (also below) */
static int personal(struct cli *c, const airs_plan_options *o, int output)
{
	airs_plan_info info = AIRS_PLAN_INFO_INIT;
	airs_plan *plan = NULL;
	airs_diag d = AIRS_DIAG_INIT;
	struct table *t;
	size_t idx, i, n;
	char a[32], b[32], w[64];

	airs_result_find_employee(c->result, c->a.employee, &idx);
	if (airs_plan_employee(c->result, idx, o, &plan, &d) != AIRS_OK) {
		cli_error(c, "%s", d.text[0] ? d.text : "planning failed");
		return EXIT_DATA;
	}
	if (output >= 0) {
		int rc = write_plan(c, plan, NULL, output);
		airs_plan_free(plan);
		return rc;
	}
	airs_plan_info_get(plan, &info);
	fprintf(c->out, "Learning plan for %s: %.1f of %.1f hours", info.employee_id,
	        info.hours, info.budget_hours);
	if (info.cost > 0)
		fprintf(c->out, ", cost %.2f", info.cost);
	fprintf(c->out, "%s.\n", info.exact ? "" : " (near-optimal)");
	fprintf(c->out, "Readiness %s \xe2\x86\x92 %s expected; level %d \xe2\x86\x92 %d",
	        cli_num(a, sizeof a, info.readiness, 1),
	        cli_num(b, sizeof b, info.projected, 1), info.level,
	        info.projected_level);
	if (info.target)
		fprintf(c->out, " (target %d; time to target: %s)", info.target,
		        weeks_text(w, sizeof w, info.target_weeks, info.reachable));
	fprintf(c->out, ".\n");

	n = airs_plan_step_count(plan);
	cli_heading(c, "Steps, in order");
	t = table_new(5);
	if (!t) {
		airs_plan_free(plan);
		return EXIT_DATA;
	}
	table_column(t, 0, "#", TABLE_RIGHT, 0);
	table_column(t, 1, "step", TABLE_LEFT, 1);
	table_column(t, 2, "hours", TABLE_RIGHT, 0);
	table_column(t, 3, "level", TABLE_LEFT, 0);
	table_column(t, 4, "uplift", TABLE_RIGHT, 0);
	for (i = 0; i < n; i++) {
		airs_plan_step s = AIRS_PLAN_STEP_INIT;

		if (airs_plan_get_step(plan, i, &s) != AIRS_OK || table_row(t) != 0)
			continue;
		table_cellf(t, 0, "%zu", i + 1);
		if (s.kind == AIRS_STEP_COURSE) {
			table_cell(t, 1, report_course_name(c->model, s.course_id));
			table_cellf(t, 3, "%.1f \xe2\x86\x92 %.1f", s.level_before,
			            s.level_after);
		} else {
			table_cell(t, 1, airs_intervention_name(s.intervention));
			table_cell(t, 3, "");
		}
		table_cellf(t, 2, "%.1f", s.hours);
		table_cell(t, 4, cli_num(a, sizeof a, s.uplift, 1));
	}
	if (n)
		table_print(t, c->out, c->color, CLI_WIDTH);
	else
		fprintf(c->out, "No step.\n");
	table_free(t);
	if (n)
		cli_heading(c, "Why");
	for (i = 0; i < n; i++) {
		airs_plan_step s = AIRS_PLAN_STEP_INIT;

		if (airs_plan_get_step(plan, i, &s) == AIRS_OK && s.reason)
			cli_say(c->out, "%2zu. %s", i + 1, s.reason);
	}
	/* what stands in the way of more, by name (methodology 8.3): the
	 * skills no course teaches, a prerequisite no course reaches, a
	 * first step over the budget */
	if (info.why) {
		fputc('\n', c->out);
		cli_say(c->out, "In the way of more: %s.", info.why);
	}
	airs_plan_free(plan);
	return EXIT_OK;
}

/* One group's row of the effect table: the organisation, or a unit
 * indented by its depth. */
static void effect_row(struct cli *c, struct table *t, size_t unit,
                       const airs_plan_group *g)
{
	airs_unit_score u = AIRS_UNIT_SCORE_INIT;
	char a[32], b[32], name[320];

	if (unit == AIRS_ROLLUP_ORG)
		snprintf(name, sizeof name, "Organisation");
	else if (airs_rollup_unit(airs_result_rollup(c->result), unit, &u) == AIRS_OK)
		snprintf(name, sizeof name, "%*s%s", 2 * (u.depth + 1), "", u.name);
	else
		snprintf(name, sizeof name, "%s", g->unit_id);
	table_cell(t, 0, name);
	table_cellf(t, 1, "%llu", (unsigned long long)g->headcount);
	table_cellf(t, 2, "%llu", (unsigned long long)g->planned);
	table_cellf(t, 3, "%.0f", g->hours);
	table_cellf(t, 4, "%s\xe2\x86\x92%s", cli_num(a, sizeof a, g->readiness_mean, 1),
	            cli_num(b, sizeof b, g->projected_mean, 1));
	if (g->with_target)
		table_cellf(t, 5, "%.0f%%\xe2\x86\x92%.0f%%", 100 * g->below_target_share,
		            100 * g->projected_below_target_share);
	else
		table_cell(t, 5, CLI_NONE);
	if (isinf(g->weeks_median))
		table_cell(t, 6, "never");
	else
		table_cell(t, 6, cli_num(a, sizeof a, g->weeks_median, 1));
	table_cellf(t, 7, "%llu", (unsigned long long)g->unreachable);
}

/* The expected effect per unit, and what a cap left out. */
static int effect_table(struct cli *c, const airs_org_plan *plan)
{
	static const char *const head[] = { "unit", "people", "planned", "hours",
	                                    "readiness", "below", "weeks",
	                                    "no path" };
	airs_plan_group g = AIRS_PLAN_GROUP_INIT;
	size_t n = airs_org_plan_unit_count(plan);
	struct table *t = table_new(8);

	if (!t)
		return EXIT_DATA;
	for (size_t i = 0; i < 8; i++)
		table_column(t, i, head[i], i ? TABLE_RIGHT : TABLE_LEFT, i == 0);
	for (size_t i = 0; i <= n; i++) {
		size_t unit = i == 0 ? AIRS_ROLLUP_ORG : i - 1;
		airs_plan_group gi = AIRS_PLAN_GROUP_INIT;
		if (airs_org_plan_group(plan, unit, &gi) == AIRS_OK && !table_row(t))
			effect_row(c, t, unit, &gi);
	}
	table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
	fprintf(c->out, "readiness and below (share below target): before \xe2\x86\x92 "
	        "after; weeks: median time to target\nat plan.weekly_hours of those "
	        "below it; no path: people whose target no course reaches.\n");
	if (airs_org_plan_group(plan, AIRS_ROLLUP_ORG, &g) == AIRS_OK && g.reduced)
		cli_say(c->out, "Reduced: for %llu people a cap left part of "
		        "the catalogue out (a skill with more than 8 courses, "
		        "or too many ways to combine linked skills); their "
		        "share may be short of the best.",
		        (unsigned long long)g.reduced);
	return EXIT_OK;
}

/* The courses most people short of a skill would take together. */
static void cohort_table(struct cli *c, const airs_org_plan *plan)
{
	size_t n = airs_org_plan_cohort_count(plan);
	struct table *t = table_new(4);

	if (!t)
		return;
	table_column(t, 0, "course", TABLE_LEFT, 1);
	table_column(t, 1, "skill", TABLE_LEFT, 1);
	table_column(t, 2, "gap served", TABLE_RIGHT, 0);
	table_column(t, 3, "planned", TABLE_RIGHT, 0);
	for (size_t i = 0; i < n && i < TOP_COHORTS; i++) {
		airs_plan_cohort ch = AIRS_PLAN_COHORT_INIT;

		if (airs_org_plan_cohort(plan, i, &ch) != AIRS_OK || table_row(t) != 0)
			continue;
		table_cell(t, 0, report_course_name(c->model, ch.course_id));
		table_cell(t, 1, cli_skill_name(c->model, ch.skill_id));
		table_cellf(t, 2, "%llu", (unsigned long long)ch.employees);
		table_cellf(t, 3, "%llu", (unsigned long long)ch.planned);
	}
	table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
}

static int organisation(struct cli *c, const airs_plan_options *o, int output)
{
	airs_org_plan *plan = NULL;
	airs_diag d = AIRS_DIAG_INIT;
	int rc;

	if (airs_plan_org(c->result, o, &plan, &d) != AIRS_OK) {
		cli_error(c, "%s", d.text[0] ? d.text : "planning failed");
		return EXIT_DATA;
	}
	if (output >= 0) {
		rc = write_plan(c, NULL, plan, output);
		airs_org_plan_free(plan);
		return rc;
	}
	fprintf(c->out, "Organisation plan: %s, %.0f hours.\n",
	        airs_strategy_name(o->strategy), o->budget_hours);
	cli_heading(c, "Expected effect, by unit");
	if ((rc = effect_table(c, plan)) == EXIT_OK) {
		cli_heading(c, "Course cohorts");
		cohort_table(c, plan);
	}
	airs_org_plan_free(plan);
	return rc;
}

/* A number of hours: finite and >= 0. */
static int parse_hours(const char *text, double *out)
{
	char *end;
	double v = strtod(text, &end);

	if (end == text || *end || !isfinite(v) || v < 0)
		return -1;
	*out = v;
	return 0;
}

static int run(struct cli *c)
{
	airs_plan_options o = AIRS_PLAN_OPTIONS_INIT;
	int rc, format, output;
	size_t idx;

	if (!c->a.data || !c->a.budget || (!c->a.employee == !c->a.org)) {
		cli_error(c, "--data DIR, --budget HOURS and one of --employee ID or "
		          "--org are required");
		return EXIT_USAGE;
	}
	/* The budget is read here in C locale-independent form: strtod in the
	 * "C" locale, which this program never changes. */
	if (parse_hours(c->a.budget, &o.budget_hours) != 0) {
		cli_error(c, "--budget needs a number of hours >= 0, not '%s'",
		          c->a.budget);
		return EXIT_USAGE;
	}
	o.strategy = AIRS_STRATEGY_TARGET_FIRST;
	if (c->a.strategy && airs_strategy_parse(c->a.strategy,
	                                         strlen(c->a.strategy),
	                                         &o.strategy) != AIRS_OK) {
		cli_error(c, "unknown strategy '%s' (target_first, efficiency, "
		          "equity, blend)",
		          c->a.strategy);
		return EXIT_USAGE;
	}
	if (!(format = cli_format(c, CLI_TEXT | CLI_CSV | CLI_JSON)))
		return EXIT_USAGE;
	output = format == CLI_CSV ? AIRS_OUTPUT_CSV :
	         format == CLI_JSON ? AIRS_OUTPUT_JSON : -1;
	if ((rc = cli_params(c)) != EXIT_OK)
		return rc;
	if (c->a.weekly_hours &&
	    airs_params_set(c->params, "plan.weekly_hours", c->a.weekly_hours) != AIRS_OK) {
		cli_error(c, "--weekly-hours %s: %s", c->a.weekly_hours,
		          airs_params_errmsg(c->params));
		return EXIT_USAGE;
	}
	if ((rc = cli_score(c)) != EXIT_OK)
		return rc;
	if (c->a.employee &&
	    airs_result_find_employee(c->result, c->a.employee, &idx) != AIRS_OK) {
		cli_error(c, "no employee '%s' in the data", c->a.employee);
		return EXIT_DATA;
	}
	if ((rc = cli_open_output(c)) != EXIT_OK)
		return rc;
	return c->a.org ? organisation(c, &o, output) : personal(c, &o, output);
}

const struct cli_command cmd_plan = {
	"plan",
	"learning plan for one employee, or the organisation's budget split",
	"--data DIR (--employee ID | --org) --budget HOURS [options]",
	"data follow-symlinks map strict employee org budget strategy weekly-hours format config set as-of output help",
	"\nstrategies (--org):\n"
	"  efficiency  the most expected readiness for the hours (default)\n"
	"  equity      lift those furthest behind first\n"
	"  blend       uplift weighted by how far behind (plan.blend_priority)\n"
	"\nformats:\n"
	"  text    plain text, the default\n"
	"  csv     a personal plan's steps, or the organisation's allocations\n"
	"  json    the whole plan, with provenance\n"
	"\nA personal plan starts with change interventions for the ADKAR\n"
	"barrier point, then the courses with the most expected uplift,\n"
	"prerequisites first (docs/methodology.md, section 8).\n",
	run,
};

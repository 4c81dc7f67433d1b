/*
 * cmd-drivers.c - `airs drivers`: which attitudes and skills go with an
 * outcome, for the organisation and per unit (methodology section 10).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * Association, not cause; and only for groups the anonymity rules allow:
 * the library decides, and this command prints what it publishes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *status_words(int status)
{
	return status == AIRS_DRIVERS_TOO_FEW
	       ? "not analysed: too few people with complete data"
	       : "not analysed: hidden for anonymity (a survey construct it "
	         "reads is hidden for the unit, or its size would reveal "
	         "another group's)";
}

/* The drivers of an analysed group, largest weight first. */
static void print_weights(struct cli *c, const airs_drivers *d, size_t unit)
{
	static const char *const head[] = { "rank", "driver", "weight",
	                                    "95% interval", "share of R\xc2\xb2",
	                                    "Shapley", "sign" };
	size_t k = airs_drivers_count(d);
	struct table *t = table_new(7);

	if (!t)
		return;
	for (size_t i = 0; i < 7; i++)
		table_column(t, i, head[i], i == 1 ? TABLE_LEFT : TABLE_RIGHT, 0);
	for (int rank = 1; rank <= (int)k; rank++)
		for (size_t j = 0; j < k; j++) {
			airs_driver_weight w = AIRS_DRIVER_WEIGHT_INIT;
			if (airs_drivers_weight(d, unit, j, &w) || w.rank != rank ||
			    table_row(t))
				continue;
			table_cellf(t, 0, "%d", w.rank);
			table_cell(t, 1, airs_driver_name(w.driver));
			table_cellf(t, 2, "%.3f", w.raw);
			table_cellf(t, 3, "%.3f\xe2\x80\x93%.3f", w.raw_ci.low,
			            w.raw_ci.high);
			if (isnan(w.rescaled))
				table_cell(t, 4, CLI_NONE);
			else
				table_cellf(t, 4, "%.1f%%", 100 * w.rescaled);
			table_cellf(t, 5, "%.3f", w.lmg);
			table_cell(t, 6, w.sign > 0 ? "+" : w.sign < 0 ? "\xe2\x88\x92"
			                                                : "0");
		}
	table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
}

static const char *focus_status_words(int status)
{
	switch (status) {
	case AIRS_FOCUS_NO_ANALYSIS:
		return "no focus areas: no analysed group contains the unit, so "
		       "there is no importance to weigh by";
	case AIRS_FOCUS_NO_REST:
		return "no focus areas: too few respondents outside the unit to "
		       "compare with";
	case AIRS_FOCUS_HIDDEN:
		return "no focus areas: the unit's survey figures are hidden for "
		       "anonymity";
	default:
		return "no focus areas: no driver differs from the rest of the "
		       "organisation";
	}
}

/* A unit's focus areas (methodology 10.7): opportunities, then
 * strengths, each with the intervention that addresses it. */
static void print_focus(struct cli *c, const airs_drivers *d, size_t unit)
{
	static const char *const head[] = { "focus", "driver", "unit", "rest",
	                                    "difference (95%)", "importance",
	                                    "intervention" };
	airs_focus_area first = AIRS_FOCUS_AREA_INIT;
	struct table *t;
	size_t n = 0;
	int status = 0;

	if (airs_drivers_focus_count(d, unit, &n, &status))
		return;
	if (!n || airs_drivers_focus(d, unit, 0, &first)) {
		fprintf(c->out, "%s.\n", focus_status_words(status));
		return;
	}
	cli_say(c->out, "Focus areas: favourable answers in the unit against the "
	        "rest of the organisation, in points, weighed by the driver's "
	        "share of R\xc2\xb2 in %s%s; '?' where the interval includes 0 "
	        "(docs/methodology.md, section 10.7).\n",
	        first.importance_unit_id ? "unit " : "the organisation",
	        first.importance_unit_id ? first.importance_unit_id : "");
	if (!(t = table_new(7)))
		return;
	for (size_t i = 0; i < 7; i++)
		table_column(t, i, head[i], i >= 2 && i <= 5 ? TABLE_RIGHT
		                                             : TABLE_LEFT, 0);
	for (size_t i = 0; i < n; i++) {
		airs_focus_area f = AIRS_FOCUS_AREA_INIT;
		if (airs_drivers_focus(d, unit, i, &f) || table_row(t))
			continue;
		table_cellf(t, 0, "%s %d", airs_focus_kind_name(f.kind), f.rank);
		table_cell(t, 1, airs_driver_name(f.driver));
		table_cellf(t, 2, "%.0f%%", 100 * f.favourable);
		table_cellf(t, 3, "%.0f%%", 100 * f.rest_favourable);
		table_cellf(t, 4, "%+.0f (%+.0f\xe2\x80\x93%+.0f)%s",
		            100 * f.difference, 100 * f.difference_ci.low,
		            100 * f.difference_ci.high, f.clear ? "" : " ?");
		table_cellf(t, 5, "%.1f%%", 100 * f.importance);
		table_cell(t, 6, airs_intervention_name(f.intervention));
	}
	table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
}

static void print_group(struct cli *c, const airs_drivers *d, size_t unit,
                        const char *title)
{
	airs_drivers_group g = AIRS_DRIVERS_GROUP_INIT;

	airs_drivers_unit(d, unit, &g);
	cli_heading(c, title);
	if (g.status != AIRS_DRIVERS_ANALYSED) {
		fprintf(c->out, "%s.\n", status_words(g.status));
	} else {
		fprintf(c->out, "%llu people with complete data; R\xc2\xb2 %.3f "
		        "(95%% interval %.3f\xe2\x80\x93%.3f).\n",
		        (unsigned long long)g.n, g.r2, g.r2_ci.low, g.r2_ci.high);
		print_weights(c, d, unit);
	}
	if (unit != AIRS_ROLLUP_ORG)
		print_focus(c, d, unit);
}

/* A unit's first opportunity (methodology 10.7) and its intervention,
 * into column 5 of the current row. */
static void first_opportunity(struct table *t, const airs_drivers *d,
                              size_t u)
{
	airs_focus_area f = AIRS_FOCUS_AREA_INIT;
	size_t n = 0;

	if (airs_drivers_focus_count(d, u, &n, NULL) || !n ||
	    airs_drivers_focus(d, u, 0, &f) || f.kind != AIRS_FOCUS_OPPORTUNITY) {
		table_cell(t, 5, CLI_NONE);
		return;
	}
	table_cellf(t, 5, "%s (%+.0f; %s)", airs_driver_name(f.driver),
	            100 * f.difference, airs_intervention_name(f.intervention));
}

/* One line per unit: its status, people, R^2, leading driver and first
 * opportunity. */
static void print_units(struct cli *c, const airs_drivers *d)
{
	static const char *const head[] = { "unit", "status", "people", "R\xc2\xb2",
	                                    "leading driver", "first opportunity" };
	const airs_rollup *ru = airs_result_rollup(c->result);
	struct table *t = table_new(6);

	if (!t)
		return;
	cli_heading(c, "Units");
	for (size_t i = 0; i < 6; i++)
		table_column(t, i, head[i], i == 2 || i == 3 ? TABLE_RIGHT
		                                            : TABLE_LEFT, i == 0);
	for (size_t u = 0; u < airs_rollup_unit_count(ru); u++) {
		airs_drivers_group g = AIRS_DRIVERS_GROUP_INIT;
		char buf[32];
		if (airs_drivers_unit(d, u, &g) || table_row(t))
			continue;
		table_cell(t, 0, g.unit_id);
		table_cell(t, 1, airs_drivers_status_name(g.status));
		table_cell(t, 2, cli_count(buf, sizeof buf, g.n));
		table_cell(t, 3, cli_num(buf, sizeof buf, g.r2, 3));
		for (size_t j = 0; j < airs_drivers_count(d); j++) {
			airs_driver_weight w = AIRS_DRIVER_WEIGHT_INIT;
			airs_drivers_weight(d, u, j, &w);
			if (w.rank == 1)
				table_cell(t, 4, airs_driver_name(w.driver));
		}
		first_opportunity(t, d, u);
	}
	table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
}

static void print_text(struct cli *c, const airs_drivers *d, size_t unit)
{
	airs_drivers_group g = AIRS_DRIVERS_GROUP_INIT;
	char title[300];

	airs_drivers_unit(d, AIRS_ROLLUP_ORG, &g);
	fprintf(c->out, "Driver analysis: what goes with %s.\n",
	        airs_outcome_name(airs_drivers_outcome(d)));
	cli_say(c->out, "Association, not cause.  Weight: Johnson's relative "
	        "weight, the share of the outcome's variance the driver "
	        "accounts for (the weights add up to R\xc2\xb2); Shapley: the "
	        "same split by averaging over every order of entry; sign: of "
	        "the driver's coefficient with the others held fixed.  "
	        "Intervals: %u bootstrap resamples, seed %llu.  Groups need "
	        "%llu people with complete data and every survey construct "
	        "shown (docs/methodology.md, section 10).\n", g.reps,
	        (unsigned long long)g.seed, (unsigned long long)g.min_n);
	if (unit != AIRS_DRIVERS_ALL) {
		snprintf(title, sizeof title, "Unit %s", c->a.unit);
		print_group(c, d, unit, title);
		return;
	}
	print_group(c, d, AIRS_ROLLUP_ORG, "Organisation");
	print_units(c, d);
}

static int parse_outcome(struct cli *c, airs_drivers_options *o)
{
	const char *name = c->a.outcome;
	char buf[32];
	const char *s;

	if (!name)
		return 0;
	if (airs_outcome_parse(name, strlen(name), &o->outcome) == AIRS_OK)
		return 0;
	s = cli_suggest(name, "adoption time_saved recommend usefulness", buf,
	                sizeof buf);
	cli_error(c, "unknown outcome '%s'%s%s%s", name,
	          s ? "; did you mean '" : " (adoption, time_saved, recommend, "
	          "usefulness)", s ? s : "", s ? "'?" : "");
	return -1;
}

static int run(struct cli *c)
{
	int format = cli_format(c, CLI_TEXT | CLI_CSV | CLI_JSON);
	airs_drivers_options o = AIRS_DRIVERS_OPTIONS_INIT;
	airs_drivers *d = NULL;
	airs_diag diag = AIRS_DIAG_INIT;
	size_t unit = AIRS_DRIVERS_ALL;
	int rc;

	if (!format)
		return EXIT_USAGE;
	if (!c->a.data) {
		cli_error(c, "--data DIR is required");
		return EXIT_USAGE;
	}
	if (parse_outcome(c, &o))
		return EXIT_USAGE;
	if ((rc = cli_score(c)) != EXIT_OK || (rc = cli_check_selection(c)) != EXIT_OK)
		return rc;
	if (c->a.unit)
		airs_rollup_find_unit(airs_result_rollup(c->result), c->a.unit, &unit);
	if (airs_drivers_new(c->result, &o, &d, &diag) != AIRS_OK) {
		cli_error(c, "%s", diag.text[0] ? diag.text : "driver analysis failed");
		return EXIT_DATA;
	}
	if ((rc = cli_open_output(c)) == EXIT_OK) {
		if (format == CLI_TEXT)
			print_text(c, d, unit);
		else
			rc = cli_written(c, airs_drivers_write(d, unit,
			                 format == CLI_CSV ? AIRS_OUTPUT_CSV
			                                   : AIRS_OUTPUT_JSON,
			                 cli_write_file, c->out, &diag), &diag);
	}
	airs_drivers_free(d);
	return rc;
}

const struct cli_command cmd_drivers = {
	"drivers",
	"key-driver analysis: what goes with adoption and benefit, per unit",
	"--data DIR [--outcome NAME] [--unit ID] [options]",
	"data follow-symlinks outcome unit config set as-of format output help",
	"\noutcomes:\n"
	"  adoption     sustained use of the AI tools (default)\n"
	"  time_saved   hours saved a week, as answered\n"
	"  recommend    would recommend the tools\n"
	"  usefulness   finds the tools useful (then not a driver itself)\n"
	"\nformats:\n"
	"  text    the organisation's drivers and a line per unit, the default\n"
	"  csv     one line per group and driver (docs/output-format.md)\n"
	"  json    every group with provenance\n"
	"\nDrivers: the six attitude constructs, skill fit and training.  A group\n"
	"is analysed only with at least max(30, 5 (k + 1)) people with complete\n"
	"data and every survey construct it reads shown for it; its size is\n"
	"suppressed like a respondent count (docs/methodology.md, 10.5).  The\n"
	"weights are association, not cause.\n",
	run,
};

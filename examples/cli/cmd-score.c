/*
 * cmd-score.c - `airs score`: one line per employee.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Is unit `id` the unit `top` or below it?  Walks the parent links the
 * model keeps (unit trees are shallow). */
static int within(const airs_model *m, const char *id, const char *top)
{
	size_t i;
	int depth = 0;

	while (id && *id && depth++ < 1000) {
		airs_unit_rec u = AIRS_UNIT_REC_INIT;

		if (!strcmp(id, top))
			return 1;
		if (airs_model_find(m, AIRS_ENTITY_UNIT, id, &i) != AIRS_OK ||
		    airs_model_get_unit(m, i, &u) != AIRS_OK)
			return 0;
		id = u.parent_id;
	}
	return 0;
}

/* "ST-A": one letter per readiness component present, "-" when absent,
 * "w" when withheld for privacy. */
static void coverage_text(const airs_employee_score *e, char out[8])
{
	static const char letters[] = "STsA";
	int k;

	for (k = 0; k < AIRS_COMPONENT_COUNT_; k++)
		out[k] = (e->coverage & (1u << k)) ? letters[k] :
		         (e->withheld & (1u << k)) ? 'w' : '-';
	out[k] = '\0';
}

/* "L--O-": one letter per flag raised (left_behind, fatigue, reversion,
 * overconfidence, no_benefit), "-" when not raised, "?" when its rule
 * could not be evaluated; short enough that ids are never cut. */
static void flags_text(const airs_employee_score *e, char out[8])
{
	static const char letters[] = "LFRON";
	int k;

	for (k = 0; k < AIRS_FLAG_COUNT_; k++)
		out[k] = (e->flags & (1u << k)) ? letters[k] :
		         (e->flags_evaluated & (1u << k)) ? '-' : '?';
	out[k] = '\0';
}

/* --unit and --employee must name something that exists: a typo should
 * not look like an empty unit. */
int cli_check_selection(struct cli *c)
{
	size_t i;

	if (c->a.unit &&
	    airs_model_find(c->model, AIRS_ENTITY_UNIT, c->a.unit, &i) != AIRS_OK) {
		cli_error(c, "no unit '%s' in the data", c->a.unit);
		return EXIT_DATA;
	}
	if (c->a.employee &&
	    airs_result_find_employee(c->result, c->a.employee, &i) != AIRS_OK) {
		cli_error(c, "no employee '%s' in the data", c->a.employee);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

static int selected(const struct cli *c, const airs_employee_score *e)
{
	return (!c->a.employee || !strcmp(e->id, c->a.employee)) &&
	       (!c->a.unit || within(c->model, e->unit_id, c->a.unit));
}

/* --unit/--employee with CSV or JSON: the library's export of the
 * selected rows (airs_result_write_v2()). */
static int export_some(struct cli *c, int output)
{
	airs_export_options o = AIRS_EXPORT_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	const char *one[1];
	int rc;

	o.unit_id = c->a.unit;
	if (c->a.employee) {
		one[0] = c->a.employee;
		o.employee_ids = one;
		o.employee_count = 1;
	}
	rc = airs_result_write_v2(c->result, AIRS_TABLE_EMPLOYEES, output, &o,
	                          cli_write_file, c->out, &d);
	return cli_written(c, rc, &d);
}

static int run(struct cli *c)
{
	int format = cli_format(c, CLI_TEXT | CLI_CSV | CLI_JSON);
	struct table *t;
	size_t i, n;
	int rc, output = format == CLI_CSV ? AIRS_OUTPUT_CSV :
	                 format == CLI_JSON ? AIRS_OUTPUT_JSON : -1;

	if (!format)
		return EXIT_USAGE;

	if (!c->a.data) {
		cli_error(c, "--data DIR is required");
		return EXIT_USAGE;
	}
	if (c->a.partial_format && (!c->a.partial ||
	    (strcmp(c->a.partial_format, "text") &&
	     strcmp(c->a.partial_format, "binary")))) {
		cli_error(c, c->a.partial ? "unknown partial format '%s' (text, "
		          "binary)" : "--partial-format %s needs --partial FILE",
		          c->a.partial_format);
		return EXIT_USAGE;
	}
	if (c->a.archive_key && !c->a.archive) {
		cli_error(c, "--archive-key needs --archive FILE");
		return EXIT_USAGE;
	}
	/* a shard's partial alone: scored for it only, no result kept */
	if (c->a.partial && !c->a.archive && !c->a.format && !c->a.output &&
	    !c->a.unit && !c->a.employee)
		return cli_score_partial(c);
	if ((rc = cli_score(c)) != EXIT_OK || (rc = cli_check_selection(c)) != EXIT_OK)
		return rc;
	/* a shard's partial, for airs merge, and the result's archive: the
	 * rows only when asked for */
	if (c->a.partial && (rc = cli_write_partial(c)) != EXIT_OK)
		return rc;
	if (c->a.archive && (rc = cli_write_archive(c)) != EXIT_OK)
		return rc;
	if ((c->a.partial || c->a.archive) && !c->a.format && !c->a.output)
		return EXIT_OK;
	if ((rc = cli_open_output(c)) != EXIT_OK)
		return rc;
	if (output >= 0 && !c->a.unit && !c->a.employee)
		return cli_export(c, AIRS_TABLE_EMPLOYEES, output);
	if (output >= 0)
		return export_some(c, output);

	t = table_new(10);
	if (!t) {
		cli_error(c, "out of memory");
		return EXIT_DATA;
	}
	table_column(t, 0, "employee", TABLE_LEFT, 1);
	table_column(t, 1, "unit", TABLE_LEFT, 0);
	table_column(t, 2, "role", TABLE_LEFT, 1);
	table_column(t, 3, "readiness", TABLE_RIGHT, 0);
	table_column(t, 4, "level", TABLE_RIGHT, 0);
	table_column(t, 5, "target", TABLE_RIGHT, 0);
	table_column(t, 6, "gap", TABLE_RIGHT, 0);
	table_column(t, 7, "barrier", TABLE_LEFT, 0);
	table_column(t, 8, "cover", TABLE_LEFT, 0);
	table_column(t, 9, "flags", TABLE_LEFT, 0);
	n = airs_result_employee_count(c->result);
	for (i = 0; i < n; i++) {
		airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
		char buf[32], cov[8], flags[8];

		if (airs_result_employee(c->result, i, &e) != AIRS_OK)
			continue;
		if (!selected(c, &e))
			continue;
		if (table_row(t) != 0)
			break;
		table_cell(t, 0, e.id);
		table_cell(t, 1, e.unit_id);
		table_cell(t, 2, e.role_id);
		table_cell(t, 3, cli_num(buf, sizeof buf, e.readiness, 1));
		table_cell(t, 4, e.level ? cli_num(buf, sizeof buf, e.level, 0) : CLI_NONE);
		table_cell(t, 5, e.target ? cli_num(buf, sizeof buf, e.target, 0) : CLI_NONE);
		table_cell(t, 6, cli_num(buf, sizeof buf, e.gap_levels, 0));
		table_cell(t, 7, airs_barrier_name(e.barrier));
		coverage_text(&e, cov);
		table_cell(t, 8, cov);
		flags_text(&e, flags);
		table_cell(t, 9, flags);
	}
	table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
	return EXIT_OK;
}

const struct cli_command cmd_score = {
	"score",
	"per-employee readiness, level, target, gap, barrier and flags",
	"--data DIR [options]",
	"data follow-symlinks map strict config set as-of format output unit employee "
	"partial partial-format archive archive-key help",
	"\nformats:\n"
	"  text    aligned text, the default (alias: table)\n"
	"  csv     RFC 4180, one row per employee (docs/output-format.md)\n"
	"  json    an array of employee records (docs/output-format.md)\n"
	"\ncolumns: readiness 0..100; level and target 1..5 (the unit's\n"
	"target); gap = target - level; barrier = the first ADKAR element at or\n"
	"below the threshold; cover = components present: S skill, T training,\n"
	"s sentiment, A adoption (- absent, w withheld for privacy); flags:\n"
	"L left_behind, F fatigue, R reversion, O overconfidence, N no_benefit\n"
	"(- not raised, ? not evaluated).  Flags are support needs, never\n"
	"verdicts.  '" CLI_NONE "' means no value.\n"
	"\n--partial FILE writes the shard's rollup partial for 'airs merge'\n"
	"(docs/output-format.md); the rows are then written only with --format\n"
	"or --output.  Score every shard with the same explicit --as-of.\n"
	"--partial-format binary writes the binary form (docs/output-format.md,\n"
	"\"Binary partials\"): smaller, checksummed, faster to merge.\n"
	"\n--archive FILE --archive-key KEYFILE writes the result's archive: its\n"
	"figures and, as hashes under the key, its people, without their\n"
	"answers, for 'airs compare --base-archive' later (docs/output-format.md,\n"
	"\"Archives\"); the rows are then written only with --format or --output.\n"
	"An archive is as confidential as the data: keep it, and the key, so.\n",
	run,
};

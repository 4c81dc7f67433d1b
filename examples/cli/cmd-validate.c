/*
 * cmd-validate.c - `airs validate`: every problem in a dataset.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * The loader goes on after an error when asked (max_errors) and reports
 * every error and warning through on_diag; the load still fails and the
 * model stays empty, which is all validation needs.
 */
#include <string.h>

#include "cli.h"

/* Enough to see every problem of a badly exported file without flooding
 * a terminal; the summary says when the list was cut. */
#define MAX_ERRORS 1000

struct tally {
	const struct cli *c;
	unsigned long errors, warnings;
};

static void on_diag(const airs_diag *d, void *user)
{
	struct tally *t = user;
	int warning = d->severity == AIRS_SEVERITY_WARNING;

	cli_print_diag(t->c->out, d);
	if (warning)
		t->warnings++;
	else
		t->errors++;
}

static int run(struct cli *c)
{
	airs_load_options opts = AIRS_LOAD_OPTIONS_INIT;
	struct tally t = { c, 0, 0 };
	const char *dir;
	int rc;

	if (!c->a.data) {
		cli_error(c, "--data DIR is required");
		return EXIT_USAGE;
	}
	dir = c->a.data;
	/* --config and --set bring the loader's limits (limits.*) */
	if ((rc = cli_params(c)) != EXIT_OK)
		return rc;
	/* Problems are the data this command produces: stdout, like grep. */
	if ((rc = cli_open_output(c)) != EXIT_OK)
		return rc;
	opts.max_errors = MAX_ERRORS;
	opts.on_diag = on_diag;
	opts.user = &t;
	rc = cli_load(c, &opts);
	if (rc != EXIT_OK && t.errors == 0) {
		/* Not a data problem the loader could place (missing folder). */
		cli_error(c, "%s", airs_model_errmsg(c->model));
		t.errors = 1;
	}
	fprintf(c->out, "%lu error%s, %lu warning%s in %s%s\n", t.errors,
	        t.errors == 1 ? "" : "s", t.warnings, t.warnings == 1 ? "" : "s",
	        dir, t.errors >= MAX_ERRORS ? " (stopped at the error limit)" : "");
	return t.errors ? EXIT_DATA : EXIT_OK;
}

const struct cli_command cmd_validate = {
	"validate",
	"check a dataset folder and list every problem",
	"--data DIR [--map FILE] [--strict]",
	"data config set follow-symlinks map strict help",
	"\nEvery error and warning is printed as file:line:column: message,\n"
	"then a summary line.  Exit status 1 when there is any error.  A\n"
	"column of values of the wrong form gets one message and a count.\n"
	"--map FILE reads an export as its systems wrote it (its columns,\n"
	"values, delimiter, decimal comma, date format, survey layout and\n"
	"file names; docs/data-format.md, \"Exports as they come\").\n",
	run,
};

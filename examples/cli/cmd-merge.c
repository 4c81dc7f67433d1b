/*
 * cmd-merge.c - `airs merge`: the rollup partials of shards, merged and
 * reported like `airs report`; and writing a shard's partial for
 * `airs score --partial`.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * A nightly pipeline scores each shard of a workforce (split by
 * employees, every shard with the same units, skills and survey items)
 * with `airs score --data SHARD --as-of DATE --partial SHARD.partial`,
 * then merges them with `airs merge --as-of DATE *.partial`.  The
 * partials are read with the parameters given here (--config, --set,
 * --as-of: those the shards were scored with), so a partial made with
 * other parameters, at another as-of date or from a shard whose data
 * lacks what the others have is refused by name; the anonymity rules are
 * applied once, to the merged rollup.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

int cli_write_partial(struct cli *c)
{
	int binary = c->a.partial_format && !strcmp(c->a.partial_format, "binary");
	FILE *f;
	int rc;

	if (!(f = fopen(c->a.partial, "wb"))) {
		cli_error(c, "cannot create '%s': %s", c->a.partial, strerror(errno));
		return EXIT_DATA;
	}
	rc = airs_rollup_write_v2(airs_result_rollup(c->result),
	                          binary ? AIRS_PARTIAL_BINARY : AIRS_PARTIAL_TEXT,
	                          cli_write_file, f);
	if (fclose(f) != 0 || rc != AIRS_OK) {
		cli_error(c, "cannot write '%s'%s%s", c->a.partial,
		          rc == AIRS_EIO || rc == AIRS_OK ? "" : ": ",
		          rc == AIRS_EIO || rc == AIRS_OK ? "" : airs_strerror(rc));
		return EXIT_DATA;
	}
	return EXIT_OK;
}

/* --partial FILE, created at the first byte: a shard that fails to
 * score leaves no file behind. */
struct lazy_file {
	const char *path;
	FILE *f;
	int open_errno;
};

static int lazy_write(const void *data, size_t len, void *user)
{
	struct lazy_file *l = user;

	if (!l->f && !(l->f = fopen(l->path, "wb"))) {
		l->open_errno = errno ? errno : EIO;
		return -1;
	}
	return cli_write_file(data, len, l->f);
}

int cli_score_partial(struct cli *c)
{
	int binary = c->a.partial_format && !strcmp(c->a.partial_format, "binary");
	struct lazy_file l = { c->a.partial, NULL, 0 };
	int rc = cli_score_to(c, binary ? AIRS_PARTIAL_BINARY : AIRS_PARTIAL_TEXT,
	                      lazy_write, &l);

	if (l.f && fclose(l.f) != 0 && rc == EXIT_OK)
		rc = -1;
	if (rc != -1)
		return rc;
	if (l.open_errno)
		cli_error(c, "cannot create '%s': %s", c->a.partial,
		          strerror(l.open_errno));
	else
		cli_error(c, "cannot write '%s'", c->a.partial);
	return EXIT_DATA;
}

/* A partial that is not ours to merge: what to do about it. */
static void refused(struct cli *c, const char *path, int rc,
                    const airs_diag *d)
{
	if (d->line)
		cli_error(c, "%s:%llu: %s", path, (unsigned long long)d->line,
		          d->text);
	else
		cli_error(c, "%s: %s", path, d->text[0] ? d->text : airs_strerror(rc));
	if (rc == AIRS_EMISMATCH)
		fprintf(stderr, "%s: give 'airs merge' the --config, --set and "
		        "--as-of the shards were scored with; partials are merged "
		        "by the airs version that wrote them\n", c->prog);
}

/* Read every FILE open and merge them into c->rollup, then finish it
 * once: the anonymity rules are applied a single time, to the whole. */
static int merge_files(struct cli *c)
{
	size_t i;

	for (i = 0; i < c->a.nfiles; i++) {
		const char *path = c->a.files[i];
		airs_diag d = AIRS_DIAG_INIT;
		airs_rollup *r = NULL;
		char *text;
		size_t len;
		int rc;

		if ((rc = cli_slurp(c, path, "", EXIT_DATA, &text, &len)) != EXIT_OK)
			return rc;
		rc = airs_rollup_read_v3(&r, text, len, c->params,
		                         AIRS_ROLLUP_OPEN, NULL, &d);
		free(text);
		if (rc != AIRS_OK) {
			refused(c, path, rc, &d);
			return EXIT_DATA;
		}
		if (!c->rollup) {
			c->rollup = r;
			continue;
		}
		rc = airs_rollup_merge(c->rollup, r, &d);
		airs_rollup_free(r);
		if (rc != AIRS_OK) {
			refused(c, path, rc, &d);
			return EXIT_DATA;
		}
	}
	if (airs_rollup_finish(c->rollup, 0, NULL) != AIRS_OK) {
		cli_error(c, "out of memory");
		return EXIT_DATA;
	}
	return EXIT_OK;
}

static int export(struct cli *c, int table, int output)
{
	airs_diag d = AIRS_DIAG_INIT;
	int rc = airs_rollup_export(c->rollup, table, output, cli_write_file,
	                            c->out, &d);

	return cli_written(c, rc, &d);
}

static int run(struct cli *c)
{
	int format = cli_format(c, CLI_TEXT | CLI_CSV | CLI_JSON | CLI_HTML);
	struct report r;
	int rc;

	if (!format)
		return EXIT_USAGE;
	if (!c->a.nfiles) {
		cli_error(c, "give the partials to merge: airs merge FILE... "
		          "(written by 'airs score --partial FILE')");
		return EXIT_USAGE;
	}
	if (format & (CLI_CSV | CLI_JSON) && (c->a.unit || c->a.depth)) {
		cli_error(c, "--unit and --depth are for text and html; csv and "
		          "json hold every unit");
		return EXIT_USAGE;
	}
	if ((rc = cli_params(c)) != EXIT_OK || (rc = merge_files(c)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_output(c)) != EXIT_OK)
		return rc;
	if (format == CLI_JSON)
		return export(c, AIRS_TABLE_ALL, AIRS_OUTPUT_JSON);
	if (format == CLI_CSV)
		return export(c, AIRS_TABLE_UNITS, AIRS_OUTPUT_CSV);
	if ((rc = report_open(&r, c, "merged partials")) != EXIT_OK) {
		report_close(&r);
		return rc;
	}
	return report_print(&r, format);
}

const struct cli_command cmd_merge = {
	"merge",
	"merge the rollup partials of shards and report like 'airs report'",
	"FILE... [options]",
	"config set as-of unit depth format output help",
	"\nformats:\n"
	"  text    the report of 'airs report' from the merged rollup (the\n"
	"          sections that count employees - coverage, barrier points,\n"
	"          cohorts, tools - need the data and are left out)\n"
	"  csv     the units table (docs/output-format.md)\n"
	"  json    provenance, the organisation and every unit with its\n"
	"          constructs and skill gaps (schema airs-rollup-report/1)\n"
	"  html    the report as one self-contained page\n"
	"\nEach FILE is a partial (text or binary) written by 'airs score\n"
	"--partial FILE' for a\n"
	"shard of the workforce (the same units, skills and survey items, a\n"
	"share of the employees).  Give the --config, --set and --as-of the\n"
	"shards were scored with: a partial made with other parameters, as of\n"
	"another date, or from a shard whose data lacks what the others have\n"
	"(any training, usage or survey records) is refused by name.  The\n"
	"merged figures are those of scoring every shard at once; survey\n"
	"values of groups smaller than anonymity.min_group are never shown.\n",
	run,
};

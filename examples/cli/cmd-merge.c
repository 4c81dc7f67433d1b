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
#include "task.h"

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

/* One partial read open: the file's bytes and the rollup, or what went
 * wrong, kept to be said on the calling thread in file order. */
struct partial_read {
	const char *path;
	const airs_params *params;
	airs_rollup *r;
	int err;        /* cli_read_file()'s */
	int rc;         /* airs_rollup_read_v3()'s */
	airs_diag d;
};

static void read_partial(void *arg)
{
	struct partial_read *p = arg;
	char *text;
	size_t len;

	p->r = NULL;
	p->rc = AIRS_OK;
	p->d = (airs_diag)AIRS_DIAG_INIT;
	if ((p->err = cli_read_file(p->path, &text, &len)))
		return;
	p->rc = airs_rollup_read_v3(&p->r, text, len, p->params,
	                            AIRS_ROLLUP_OPEN, NULL, &p->d);
	free(text);
}

/* Partial p into c->rollup (the first becomes it), or say why not. */
static int take_partial(struct cli *c, struct partial_read *p)
{
	int rc;

	if (p->err)
		return cli_read_failed(c, p->path, "", EXIT_DATA, p->err);
	if (p->rc != AIRS_OK) {
		refused(c, p->path, p->rc, &p->d);
		return EXIT_DATA;
	}
	if (!c->rollup) {
		c->rollup = p->r;
		p->r = NULL;
		return EXIT_OK;
	}
	rc = airs_rollup_merge(c->rollup, p->r, &p->d);
	airs_rollup_free(p->r);
	p->r = NULL;
	if (rc != AIRS_OK) {
		refused(c, p->path, rc, &p->d);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

/* Read every FILE open and merge them into c->rollup, then finish it
 * once: the anonymity rules are applied a single time, to the whole.
 * The next file is read on a thread of its own while this one is read
 * or merged (at 2 x 1M employees reading is half the merge); what went
 * wrong is said in file order, as when reading one after another. */
static int merge_files(struct cli *c)
{
	struct partial_read p[2];
	struct task t = { 0 };
	size_t i;
	int rc = EXIT_OK;

	for (i = 0; i < c->a.nfiles && rc == EXIT_OK; i++) {
		struct partial_read *now = &p[i & 1], *next = &p[(i + 1) & 1];

		if (i == 0) {
			now->path = c->a.files[0];
			now->params = c->params;
		}
		if (i + 1 < c->a.nfiles) {
			next->path = c->a.files[i + 1];
			next->params = c->params;
			if (cli_background(c))
				task_start(&t, read_partial, next);
		}
		if (i == 0)
			read_partial(now);
		rc = take_partial(c, now);
		if (i + 1 < c->a.nfiles) {
			if (t.state)
				task_join(&t);
			else if (rc == EXIT_OK)
				read_partial(next);
			else
				next->r = NULL;
			if (rc != EXIT_OK)
				airs_rollup_free(next->r);
		}
	}
	if (rc == EXIT_OK && airs_rollup_finish(c->rollup, 0, NULL) != AIRS_OK) {
		cli_error(c, "out of memory");
		return EXIT_DATA;
	}
	return rc;
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

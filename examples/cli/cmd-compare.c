/*
 * cmd-compare.c - `airs compare`: the change between two results, for
 * the organisation and every unit in both (airs/compare.h;
 * docs/methodology.md, 4.7).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * Two datasets (--base DIR --data DIR) or one at two dates (--data DIR
 * --base-as-of DATE [--as-of DATE]).  The library decides which changes
 * may be shown (methodology 4.1, rule 4); this command prints only what
 * it publishes and, for the rest, why not.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"

#define NFIG CHANGE_NFIG

/* What the two sides are: their as-of dates, and whether they were read
 * from archives (then every test is independent). */
struct sides {
	airs_date as_of[2];
	int archives;
};

static void group_table(struct cli *c, const airs_comparison *k, size_t unit)
{
	struct table *t = change_table("base", "current");

	if (!t)
		return;
	for (int f = 0; f < NFIG; f++) {
		airs_change ch = AIRS_CHANGE_INIT;
		if (airs_comparison_change(k, unit, f, &ch) ||
		    ch.reason == AIRS_CHANGE_NO_VALUES || table_row(t))
			continue;
		change_row(t, &ch, f, 1, 0);
	}
	table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
}

/* "Units added: A B C ... and 12 more", wrapped; the JSON lists all. */
static void list_units(struct cli *c, const char *what, size_t n,
                       const char *(*get)(const airs_comparison *, size_t),
                       const airs_comparison *k)
{
	enum { SHOWN = 20 };
	size_t cap = 64, len = 0;
	char *text;

	if (!n)
		return;
	for (size_t i = 0; i < n && i < SHOWN; i++)
		cap += strlen(get(k, i)) + 1;
	if (!(text = malloc(cap)))
		return;
	for (size_t i = 0; i < n && i < SHOWN; i++)
		len += (size_t)sprintf(text + len, "%s%s", i ? " " : "",
		                       get(k, i));
	if (n > SHOWN)
		sprintf(text + len, " and %zu more (--format json lists all)",
		        n - SHOWN);
	cli_wrap(c->out, what, text);
	free(text);
}

/* Two results with no unit in common are likely two organisations:
 * their people are matched by id all the same. */
static void warn_unrelated(const airs_comparison *k, FILE *out)
{
	if (airs_comparison_unit_count(k) || !airs_comparison_added_count(k) ||
	    !airs_comparison_removed_count(k))
		return;
	cli_say(out, "%sNo unit is in both results: they look like two "
	        "different organisations.  Only the organisation's figures "
	        "are compared, and employees with the same id on both sides "
	        "are still taken to be the same person.\n",
	        out == stderr ? "airs: note: " : "");
}

static void print_text(struct cli *c, const airs_comparison *k,
                       const struct sides *sd, size_t unit)
{
	char d0[11], d1[11], title[300];

	airs_date_format(sd->as_of[0], d0);
	airs_date_format(sd->as_of[1], d1);
	fprintf(c->out, "Change from %s to %s.\n", d0, d1);
	if (sd->archives)
		cli_say(c->out, "From archives, which keep group sums, not each person's answers: "
		        "every test is independent (Welch, two-proportion), "
		        "the people on both sides matched by their keyed hashes "
		        "(docs/methodology.md, 4.8).\n");
	cli_say(c->out, "Readiness in points, shares in %% (with their "
	        "counts), construct means 0..1, favourable shares in %% of "
	        "item responses, the net score -100..100, time saved in hours "
	        "a week.  Paired tests where a group's people are the same on "
	        "both sides, independent otherwise; a survey figure's change "
	        "is shown only when both sides are and its respondents are "
	        "the same or differ by at least the minimum group "
	        "(docs/methodology.md, 4.7).\n");
	if (airs_comparison_params_changed(k))
		fprintf(c->out, "Parameters differ: base %s, current %s.\n",
		        airs_comparison_digest(k, 0), airs_comparison_digest(k, 1));
	list_units(c, "Units added: ", airs_comparison_added_count(k),
	           airs_comparison_added, k);
	list_units(c, "Units removed: ", airs_comparison_removed_count(k),
	           airs_comparison_removed, k);
	warn_unrelated(k, c->out);
	if (unit != AIRS_ROLLUP_ORG) {
		snprintf(title, sizeof title, "Unit %s", c->a.unit);
		cli_heading(c, title);
		group_table(c, k, unit);
		return;
	}
	cli_heading(c, "Organisation");
	group_table(c, k, AIRS_ROLLUP_ORG);
	for (size_t u = 0; u < airs_comparison_unit_count(k); u++) {
		snprintf(title, sizeof title, "Unit %s",
		         airs_comparison_unit_id(k, u));
		cli_heading(c, title);
		group_table(c, k, u);
	}
}

static void print_csv(struct cli *c, const airs_comparison *k, size_t only)
{
	size_t nu = airs_comparison_unit_count(k);

	fputs("unit_id,figure,base,current,change,change_low,change_high,p,"
	      "base_n,current_n,panel,test,reason,base_count,current_count\n",
	      c->out);
	for (size_t g = 0; g <= nu; g++) {
		size_t u = g == 0 ? AIRS_ROLLUP_ORG : g - 1;
		if (only != AIRS_ROLLUP_ORG && u != only)
			continue;
		for (int f = 0; f < NFIG; f++) {
			airs_change ch = AIRS_CHANGE_INIT;
			airs_comparison_change(k, u, f, &ch);
			if (g)
				change_csv_str(c->out, airs_comparison_unit_id(k, u));
			fprintf(c->out, ",%s,", airs_change_figure_name(f));
			change_fields(c->out, &ch, f, 0);
			fputc('\n', c->out);
		}
	}
}

static void json_ids(FILE *f, const char *name, size_t n,
                     const char *(*get)(const airs_comparison *, size_t),
                     const airs_comparison *k)
{
	fprintf(f, "  \"%s\": [", name);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", " : "", f);
		change_json_str(f, get(k, i));
	}
	fputs("],\n", f);
}

static void json_side(FILE *f, const char *name, const struct sides *sd,
                      const airs_comparison *k, int which)
{
	char d[11];

	airs_date_format(sd->as_of[which], d);
	fprintf(f, "  \"%s\": {\"as_of\": \"%s\", \"params_digest\": \"%s\", "
	        "\"source\": \"%s\"},\n", name, d,
	        airs_comparison_digest(k, which),
	        sd->archives ? "archive" : "data");
}

static void print_json(struct cli *c, const airs_comparison *k,
                       const struct sides *sd, size_t only)
{
	size_t nu = airs_comparison_unit_count(k);
	int first = 1;

	fprintf(c->out, "{\n  \"methodology_version\": \"%s\",\n",
	        AIRS_METHODOLOGY_VERSION);
	json_side(c->out, "base", sd, k, 0);
	json_side(c->out, "current", sd, k, 1);
	json_ids(c->out, "units_added", airs_comparison_added_count(k),
	         airs_comparison_added, k);
	json_ids(c->out, "units_removed", airs_comparison_removed_count(k),
	         airs_comparison_removed, k);
	fputs("  \"groups\": [", c->out);
	for (size_t g = 0; g <= nu; g++) {
		size_t u = g == 0 ? AIRS_ROLLUP_ORG : g - 1;
		if (only != AIRS_ROLLUP_ORG && u != only)
			continue;
		fprintf(c->out, "%s\n    {\"unit_id\": ", first ? "" : ",");
		first = 0;
		if (g)
			change_json_str(c->out, airs_comparison_unit_id(k, u));
		else
			fputs("null", c->out);
		fputs(", \"figures\": {", c->out);
		for (int f = 0; f < NFIG; f++) {
			airs_change ch = AIRS_CHANGE_INIT;
			airs_comparison_change(k, u, f, &ch);
			fprintf(c->out, "%s\n      \"%s\": {", f ? "," : "",
			        airs_change_figure_name(f));
			change_fields(c->out, &ch, f, 1);
			fputc('}', c->out);
		}
		fputs("}}", c->out);
	}
	fputs("\n  ]\n}\n", c->out);
}

/* Score the base: --base DIR (as of --base-as-of, or its own latest
 * evidence), or --data at --base-as-of; same --config and --set. */
static int score_base(struct cli *c, struct cli *b)
{
	memset(b, 0, sizeof *b);
	b->prog = c->prog;
	b->cmd = c->cmd;
	b->a = c->a;
	b->out = c->out;
	b->a.data = c->a.base ? c->a.base : c->a.data;
	b->a.as_of = c->a.base_as_of;
	return cli_score(b);
}

static void free_base(struct cli *b)
{
	airs_result_free(b->result);
	airs_params_free(b->params);
	airs_model_free(b->model);
}

static int check_args(struct cli *c)
{
	airs_date day;

	if (c->a.base_archive) {
		if (c->a.base || c->a.base_as_of || (!c->a.data == !c->a.archive)) {
			cli_error(c, "--base-archive FILE compares with --archive "
			          "FILE or with --data DIR, and takes no --base or "
			          "--base-as-of");
			return EXIT_USAGE;
		}
		return EXIT_OK;
	}
	if (c->a.archive) {
		cli_error(c, "--archive FILE is the current side of a comparison "
		          "with --base-archive FILE");
		return EXIT_USAGE;
	}
	if (!c->a.data) {
		cli_error(c, "--data DIR is required");
		return EXIT_USAGE;
	}
	if (!c->a.base && !c->a.base_as_of) {
		cli_error(c, "nothing to compare with: give --base DIR (another "
		          "dataset) or --base-as-of DATE (this one at an earlier "
		          "date)");
		return EXIT_USAGE;
	}
	if (c->a.base_as_of && strcmp(c->a.base_as_of, "auto") &&
	    airs_date_parse(c->a.base_as_of, strlen(c->a.base_as_of), &day)) {
		cli_error(c, "--base-as-of %s is not a date (use YYYY-MM-DD)",
		          c->a.base_as_of);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int compare(struct cli *c, struct cli *b, airs_comparison **k)
{
	airs_compare_options o = AIRS_COMPARE_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;

	/* both sides are scored with the same --config and --set: their
	 * parameters can differ only in the as-of date */
	if (airs_compare(b->result, c->result, &o, k, &d) == AIRS_OK)
		return EXIT_OK;
	cli_error(c, "%s", d.text[0] ? d.text : "comparison failed");
	return EXIT_DATA;
}

static size_t find_unit(const airs_comparison *k, const char *id)
{
	for (size_t u = 0; u < airs_comparison_unit_count(k); u++)
		if (!strcmp(airs_comparison_unit_id(k, u), id))
			return u;
	return AIRS_ROLLUP_ORG;
}

/* The results' comparison: both scored here. */
static int from_data(struct cli *c, airs_comparison **k, struct sides *sd)
{
	struct cli b;
	int rc;

	if ((rc = score_base(c, &b)) == EXIT_OK &&
	    (rc = cli_score(c)) == EXIT_OK &&
	    (rc = compare(c, &b, k)) == EXIT_OK) {
		sd->as_of[0] = airs_result_as_of(b.result);
		sd->as_of[1] = airs_result_as_of(c->result);
	}
	free_base(&b);
	return rc;
}

/* The current side's archive: --archive FILE, or --data scored. */
static int current_archive(struct cli *c, const char *key, size_t len,
                           airs_archive **out)
{
	int rc;

	if (c->a.archive)
		return cli_read_archive(c, c->a.archive, key, len, out);
	if ((rc = cli_score(c)) != EXIT_OK)
		return rc;
	return cli_archive_result(c, key, len, out);
}

/* The archives' comparison (methodology 4.8). */
static int from_archives(struct cli *c, airs_comparison **k,
                         struct sides *sd)
{
	airs_archive *a[2] = { NULL, NULL };
	airs_provenance p = AIRS_PROVENANCE_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	char *key = NULL;
	size_t len;
	int rc;

	if ((rc = cli_archive_key(c, &key, &len)) == EXIT_OK &&
	    (rc = cli_read_archive(c, c->a.base_archive, key, len, &a[0])) ==
	            EXIT_OK &&
	    (rc = current_archive(c, key, len, &a[1])) == EXIT_OK &&
	    airs_compare_archives(a[0], a[1], NULL, k, &d) != AIRS_OK) {
		cli_error(c, "%s", d.text[0] ? d.text : "comparison failed");
		rc = EXIT_DATA;
	}
	for (int i = 0; i < 2 && rc == EXIT_OK; i++) {
		airs_archive_provenance(a[i], &p);
		sd->as_of[i] = p.as_of;
	}
	sd->archives = 1;
	airs_archive_free(a[0]);
	airs_archive_free(a[1]);
	free(key);
	return rc;
}

static int run(struct cli *c)
{
	int format = cli_format(c, CLI_TEXT | CLI_CSV | CLI_JSON);
	airs_comparison *k = NULL;
	size_t unit = AIRS_ROLLUP_ORG;
	struct sides sd = { { 0, 0 }, 0 };
	int rc;

	if (!format)
		return EXIT_USAGE;
	if ((rc = check_args(c)) != EXIT_OK)
		return rc;
	rc = c->a.base_archive ? from_archives(c, &k, &sd)
	                       : from_data(c, &k, &sd);
	if (rc == EXIT_OK && c->a.unit &&
	    (unit = find_unit(k, c->a.unit)) == AIRS_ROLLUP_ORG) {
		cli_error(c, "unit '%s' is not in both results", c->a.unit);
		rc = EXIT_DATA;
	}
	if (rc == EXIT_OK && (rc = cli_open_output(c)) == EXIT_OK) {
		if (format != CLI_TEXT)
			warn_unrelated(k, stderr);
		if (format == CLI_TEXT)
			print_text(c, k, &sd, unit);
		else if (format == CLI_CSV)
			print_csv(c, k, unit);
		else
			print_json(c, k, &sd, unit);
	}
	airs_comparison_free(k);
	return rc;
}

const struct cli_command cmd_compare = {
	"compare",
	"the change between two results: since the last wave, per unit",
	"--data DIR (--base DIR | --base-as-of DATE) [options]\n"
	"       airs compare --base-archive FILE (--archive FILE | --data DIR)\n"
	"                    --archive-key KEYFILE",
	"data base base-as-of base-archive archive archive-key unit "
	"follow-symlinks config set as-of format output help",
	"\nThe base is --base DIR scored as of --base-as-of (default: its latest\n"
	"evidence), or --data scored as of --base-as-of; the current is --data\n"
	"as of --as-of.  Both are scored with the same --config and --set.\n"
	"\nformats:\n"
	"  text    the organisation's and each unit's changes, the default\n"
	"  csv     one line per group and figure (docs/output-format.md)\n"
	"  json    every group, with both as-of dates and parameters digests\n"
	"\nFigures: readiness, below target, response rate, each construct's\n"
	"mean and favourable share, the net score, hours saved, the share at\n"
	"each level (level_0: unknown) and with each flag.\n"
	"\nA change is paired (paired t, McNemar) when a group's people are the\n"
	"same on both sides, independent (Welch, two-proportion) otherwise.  A\n"
	"survey figure's change is shown only when both sides are and its\n"
	"respondents are the same or differ by at least the minimum group\n"
	"(docs/methodology.md, 4.1 and 4.7).\n"
	"\nWith --base-archive FILE the base is an archive ('airs score --archive'),\n"
	"the current --archive FILE or --data scored now, all made with the key\n"
	"in --archive-key.  Archives keep group sums, not each person's\n"
	"answers, so every test is independent; panels and the rule above come\n"
	"from the keyed hashes\n"
	"(docs/methodology.md, 4.8).\n",
	run,
};

/*
 * cmd-audit.c - `airs audit`: outcome rates and impact ratios across the
 * categories of an employee attribute.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * A screening tool, not a verdict (docs/responsible-use.md): an adverse
 * ratio below 0.8 says "look closer here", Fisher's p whether the gap could
 * be chance.  Small categories come back from the library folded into
 * each table's "other / not shown" line.
 */
#include <math.h>
#include <string.h>

#include "cli.h"

static int parse_outcome(const char *name, airs_audit_options *o)
{
	if (!name || !strcmp(name, "above_median")) {
		o->outcome = AIRS_AUDIT_ABOVE_MEDIAN;
		return 0;
	}
	if (!strcmp(name, "at_target")) {
		o->outcome = AIRS_AUDIT_AT_TARGET;
		return 0;
	}
	if (airs_flag_parse(name, strlen(name), &o->flag) == AIRS_OK) {
		o->outcome = AIRS_AUDIT_FLAG;
		return 0;
	}
	return -1;
}

static const char *outcome_words(const airs_audit_info *info)
{
	switch (info->outcome) {
	case AIRS_AUDIT_ABOVE_MEDIAN: return "readiness above the median";
	case AIRS_AUDIT_AT_TARGET: return "at or above the unit's target level";
	case AIRS_AUDIT_FLAG: return "flag raised";
	default: return "outcome";
	}
}

/* The note of a compared row: the screening signal and the test. */
static void verdict(char *buf, size_t n, const airs_audit_row *row)
{
	char p[32];

	buf[0] = '\0';
	if (!row->adverse) {
		snprintf(buf, n, "%s", row->favourable ? "most favourable" : "");
		return;
	}
	if (isnan(row->p_value)) {
		snprintf(buf, n, "ADVERSE");
		return;
	}
	if (row->p_value < 0.001)
		snprintf(p, sizeof p, "p < 0.001");
	else
		snprintf(p, sizeof p, "p = %.*f", row->p_value < 0.01 ? 3 : 2,
		         row->p_value);
	snprintf(buf, n, "ADVERSE, %s (%s)",
	         row->significant ? "significant" : "not significant", p);
}

static void print_row(struct table *t, const airs_audit_row *row, int k)
{
	char buf[160];

	if (row->other)
		table_cell(t, 0, "other / not shown");
	else if (row->value2)
		table_cellf(t, 0, "%s \xc3\x97 %s", row->value, row->value2);
	else
		table_cell(t, 0, row->value);
	if (row->suppressed) {
		if (row->other)
			table_cellf(t, 1, "<%d", k);
		else
			table_cell(t, 1, CLI_NONE);
		table_cell(t, 5, row->other ? "not compared (small categories, "
		           "no value)" : "withheld: would reveal a smaller group");
		return;
	}
	table_cell(t, 1, cli_count(buf, sizeof buf, row->count));
	if (!isnan(row->rate))
		table_cellf(t, 2, "%.1f%%", 100 * row->rate);
	table_cell(t, 3, cli_num(buf, sizeof buf, row->adverse_ratio, 2));
	if (!isnan(row->ratio_low))
		table_cellf(t, 4, "%.2f\xe2\x80\x93%s", row->ratio_low,
		            isinf(row->ratio_high) ? "\xe2\x88\x9e" :
		            cli_num(buf, sizeof buf, row->ratio_high, 2));
	if (row->other)
		table_cell(t, 5, "not compared (small categories, no value)");
	else if (row->excluded)
		table_cell(t, 5, "excluded (small share)");
	else {
		verdict(buf, sizeof buf, row);
		table_cell(t, 5, buf);
	}
}

static void print_table(struct cli *c, const airs_audit_report *au, size_t ti,
                        int k)
{
	airs_audit_table tb = AIRS_AUDIT_TABLE_INIT;
	struct table *t;
	size_t r, i;
	char title[600];
	static const char *const head[] = { "category", "people", "rate",
	                                    "ratio", "interval", "note" };

	if (airs_audit_table_get(au, ti, &tb) != AIRS_OK || !(t = table_new(6)))
		return;
	if (tb.attribute2)
		snprintf(title, sizeof title, "%s \xc3\x97 %s", tb.attribute,
		         tb.attribute2);
	else
		snprintf(title, sizeof title, "%s", tb.attribute);
	cli_heading(c, title);
	fprintf(c->out, "A %s rate is adverse.%s\n",
	        tb.adverse == AIRS_AUDIT_ADVERSE_HIGH ? "higher" : "lower",
	        tb.informative ? "" : "  Not informative: every compared person "
	        "has the same outcome, so nothing is compared.");
	for (i = 0; i < 6; i++)
		table_column(t, i, head[i], i == 0 || i == 5 ? TABLE_LEFT
		                                             : TABLE_RIGHT, i == 5);
	for (r = tb.first_row; r < tb.first_row + tb.row_count; r++) {
		airs_audit_row row = AIRS_AUDIT_ROW_INIT;

		if (airs_audit_row_get(au, r, &row) != AIRS_OK || table_row(t) != 0)
			continue;
		print_row(t, &row, k);
	}
	table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
}

static int run(struct cli *c)
{
	int format = cli_format(c, CLI_TEXT | CLI_CSV | CLI_JSON);
	airs_audit_options o = AIRS_AUDIT_OPTIONS_INIT;
	airs_audit_info info = AIRS_AUDIT_INFO_INIT;
	airs_audit_report *au = NULL;
	airs_diag d = AIRS_DIAG_INIT;
	int rc, output = format == CLI_CSV ? AIRS_AUDIT_CSV :
	                 format == CLI_JSON ? AIRS_AUDIT_JSON : -1;
	size_t i;

	if (!format)
		return EXIT_USAGE;
	if (!c->a.data || !c->a.attribute) {
		cli_error(c, "--data DIR and --attribute NAME are required");
		return EXIT_USAGE;
	}
	if (parse_outcome(c->a.outcome, &o) != 0) {
		char buf[32];
		const char *s = cli_suggest(c->a.outcome, "above_median at_target "
		                            "left_behind fatigue reversion "
		                            "overconfidence no_benefit", buf, sizeof buf);

		cli_error(c, "unknown outcome '%s'%s%s%s", c->a.outcome,
		          s ? "; did you mean '" : " (see 'airs audit --help')",
		          s ? s : "", s ? "'?" : "");
		return EXIT_USAGE;
	}
	if (c->a.intersection && !c->a.attribute2) {
		cli_error(c, "--intersection needs --attribute2");
		return EXIT_USAGE;
	}
	o.attribute = c->a.attribute;
	o.attribute2 = c->a.attribute2;
	o.include_intersection = c->a.intersection;
	if ((rc = cli_score(c)) != EXIT_OK)
		return rc;
	if (airs_audit(c->result, &o, &au, &d) != AIRS_OK) {
		cli_error(c, "%s", d.text[0] ? d.text : "audit failed");
		return EXIT_DATA;
	}
	if ((rc = cli_open_output(c)) != EXIT_OK) {
		airs_audit_free(au);
		return rc;
	}
	if (output >= 0) {
		rc = cli_written(c, airs_audit_write(au, output, cli_write_file,
		                                     c->out, &d), &d);
		airs_audit_free(au);
		return rc;
	}
	airs_audit_info_get(au, &info);
	fprintf(c->out, "Fairness audit: %s", outcome_words(&info));
	if (info.outcome == AIRS_AUDIT_FLAG)
		fprintf(c->out, " (%s)", airs_flag_name(info.flag));
	if (!isnan(info.median))
		fprintf(c->out, ", median %.1f", info.median);
	fprintf(c->out, "; %llu of %llu employees in the population.\n",
	        (unsigned long long)info.population,
	        (unsigned long long)info.employees);
	cli_say(c->out, "The ratio is a category's rate against the most "
	        "favourable category's, with its 95%% interval; below %.1f (the "
	        "four-fifths rule) it is marked ADVERSE, a screening signal, not "
	        "a finding.  p is Fisher's exact test of the same two "
	        "categories: significant below %.2f.\n", AIRS_AUDIT_THRESHOLD,
	        AIRS_AUDIT_ALPHA);
	if (!info.informative)
		fprintf(c->out, "Not informative: everyone in the population has the "
		        "same outcome.\n");
	for (i = 0; i < info.table_count; i++)
		print_table(c, au, i, info.min_group);
	airs_audit_free(au);
	return EXIT_OK;
}

const struct cli_command cmd_audit = {
	"audit",
	"fairness audit: outcome rates and impact ratios by attribute",
	"--data DIR --attribute NAME [options]",
	"data follow-symlinks map strict attribute attribute2 intersection outcome config set as-of format "
	"output help",
	"\noutcomes:\n"
	"  above_median    readiness above the median (default)\n"
	"  at_target       maturity level at or above the unit's target\n"
	"  left_behind, fatigue, reversion, overconfidence, no_benefit\n"
	"                  the flag is raised (here a higher rate is adverse)\n"
	"\nformats:\n"
	"  text    aligned text, the default (alias: table)\n"
	"  csv     one line per category (docs/output-format.md, Audit tables)\n"
	"  json    the audit with provenance\n"
	"\nCategories smaller than anonymity.min_group are folded, with the people\n"
	"without a value, into one \"other / not shown\" line; those under 2% of\n"
	"the population are excluded from the comparison.  An adverse ratio\n"
	"below 0.8 (the four-fifths rule) calls for a closer look, and Fisher's\n"
	"p says whether the gap could be chance: see docs/responsible-use.md.\n",
	run,
};

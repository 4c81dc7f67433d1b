/*
 * report-trend.c - the report's "change since the last wave": the same
 * model scored at the end of the survey wave before the one the report
 * reads, compared with the report's result (airs/compare.h;
 * docs/methodology.md, 4.7).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * The earlier wave is found by scoring as of the day before the current
 * survey period starts: its provenance names the latest period closed
 * by then.  Data none of whose answers lie outside the current period
 * have none, and are not scored again.  The base is scored as of that period's last day, with the
 * report's parameters otherwise (so the two digests differ only in the
 * as-of date, which airs_compare() allows).  Without a survey period, or
 * without an earlier one, there is no trend and the report says nothing.
 * The library decides what may be shown (methodology 4.1, rule 4); this
 * file prints what it publishes and, for the rest, why not.  Figures are
 * every enum airs_change_figure, named by airs_change_figure_name().
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "report.h"

#define NFIG CHANGE_NFIG

/* Score c->model as of day into *out with c->params (as_of restored). */
static int score_at(struct cli *c, airs_date day, airs_result **out)
{
	char saved[64], d[11];
	airs_score_options so = AIRS_SCORE_OPTIONS_INIT;
	int rc;

	if (airs_params_get(c->params, "as_of", saved, sizeof saved) >=
	    sizeof saved)
		return AIRS_EINVAL;
	airs_date_format(day, d);
	if ((rc = airs_params_set(c->params, "as_of", d)) != AIRS_OK)
		return rc;
	rc = airs_score_v2(c->model, c->params, &so, out, NULL);
	airs_params_set(c->params, "as_of", saved[0] ? saved : "auto");
	return rc;
}

/* The trend against --base-archive FILE (methodology 4.8): the report's
 * result archived in memory with the same key and the two archives
 * compared, every test independent. */
static int open_archive(struct report_trend *t, struct cli *c)
{
	airs_diag d = AIRS_DIAG_INIT;
	airs_archive *cur = NULL;
	char *key;
	size_t len;
	int rc;

	if ((rc = cli_archive_key(c, &key, &len)) != EXIT_OK)
		return rc;
	if ((rc = cli_read_archive(c, c->a.base_archive, key, len,
	                           &t->archive)) == EXIT_OK &&
	    (rc = cli_archive_result(c, key, len, &cur)) == EXIT_OK &&
	    (airs_archive_provenance(t->archive, &t->base_p) != AIRS_OK ||
	     airs_compare_archives(t->archive, cur, NULL, &t->k, &d) !=
	     AIRS_OK)) {
		cli_error(c, "%s: %s", c->a.base_archive,
		          d.text[0] ? d.text : "comparison failed");
		rc = EXIT_DATA;
	}
	airs_archive_free(cur);
	free(key);
	if (rc != EXIT_OK)
		report_trend_close(t);
	return rc;
}

int report_trend_open(struct report_trend *t, struct cli *c)
{
	airs_provenance bp = AIRS_PROVENANCE_INIT;
	airs_result *probe = NULL;
	int rc;

	memset(t, 0, sizeof *t);
	t->cur.size = sizeof t->cur;
	t->base_p.size = sizeof t->base_p;
	if (c->result && c->a.base_archive)
		return cli_provenance(c, &t->cur) == AIRS_OK
		       ? open_archive(t, c) : EXIT_DATA;
	if (!c->result || !c->model || !c->params)
		return EXIT_OK;
	/* cli_provenance() waits for the digest scoring started rather than
	 * compute it again beside it. */
	if ((rc = cli_provenance(c, &t->cur)) != AIRS_OK) {
		cli_error(c, "cannot read the result's provenance: %s",
		          airs_strerror(rc));
		return EXIT_DATA;
	}
	if (!t->cur.survey_start || !t->cur.survey_answers_outside)
		return EXIT_OK; /* no answer of any other period: no earlier one */
	if ((rc = score_at(c, t->cur.survey_start - 1, &probe)) != AIRS_OK ||
	    (rc = airs_result_provenance(probe, &bp)) != AIRS_OK) {
		airs_result_free(probe);
		cli_error(c, "cannot score the earlier survey wave: %s",
		          airs_strerror(rc));
		return EXIT_DATA;
	}
	if (!bp.survey_end) { /* no earlier wave: no trend */
		airs_result_free(probe);
		return EXIT_OK;
	}
	if (bp.survey_end == airs_result_as_of(probe))
		t->base = probe;
	else {
		airs_result_free(probe);
		if ((rc = score_at(c, bp.survey_end, &t->base)) != AIRS_OK) {
			cli_error(c, "cannot score the earlier survey wave: %s",
			          airs_strerror(rc));
			return EXIT_DATA;
		}
	}
	rc = airs_result_provenance(t->base, &t->base_p);
	if (rc == AIRS_OK) {
		airs_compare_options o = AIRS_COMPARE_OPTIONS_INIT;
		airs_diag d = AIRS_DIAG_INIT;
		rc = airs_compare(t->base, c->result, &o, &t->k, &d);
		if (rc != AIRS_OK)
			cli_error(c, "%s", d.text[0] ? d.text : "comparison failed");
	}
	if (rc != AIRS_OK) {
		report_trend_close(t);
		return EXIT_DATA;
	}
	return EXIT_OK;
}

void report_trend_close(struct report_trend *t)
{
	airs_comparison_free(t->k);
	airs_result_free(t->base);
	airs_archive_free(t->archive);
	t->k = NULL;
	t->base = NULL;
	t->archive = NULL;
}

/* Unit id's index in the comparison into *u; 0 when it has no such unit. */
static int find(const airs_comparison *k, const char *id, size_t *u)
{
	for (*u = 0; *u < airs_comparison_unit_count(k); ++*u)
		if (!strcmp(airs_comparison_unit_id(k, *u), id))
			return 1;
	return 0;
}

int report_trend_row(const struct report *r, size_t i, size_t *u,
                     airs_unit_score *us)
{
	size_t row = report_row(r, i);

	if (report_unit(r, row, us) != AIRS_OK)
		return 0;
	if (row == AIRS_ROLLUP_ORG) {
		us->name = "Organisation";
		*u = AIRS_ROLLUP_ORG;
		return 1;
	}
	return find(r->trend.k, us->id, u); /* 0: not in the earlier wave */
}

/* "wave 2026-Q1, 2026-03-02 to 2026-03-20" (or "the survey period ..."). */
void report_trend_period(const airs_provenance *p, char *buf, size_t n)
{
	char s[11], e[11];

	airs_date_format(p->survey_start, s);
	airs_date_format(p->survey_end, e);
	if (p->survey_wave_id)
		snprintf(buf, n, "wave %s, %s to %s", p->survey_wave_id, s, e);
	else
		snprintf(buf, n, "the survey period %s to %s", s, e);
}

/* The end of the run of figures from f on whose change is hidden for
 * the same reason as f's (f + 1 when it is shown or alone). */
static int hidden_run(const airs_comparison *k, size_t unit, int f)
{
	airs_change a = AIRS_CHANGE_INIT, ch = AIRS_CHANGE_INIT;
	int e = f + 1;

	if (airs_comparison_change(k, unit, f, &a) ||
	    a.reason == AIRS_CHANGE_SHOWN)
		return e;
	while (e < NFIG && !airs_comparison_change(k, unit, e, &ch) &&
	       ch.reason == a.reason)
		e++;
	return e;
}

/* A clear change: shown, with a p-value under 0.05. */
static int clear(const airs_change *ch)
{
	return ch->reason == AIRS_CHANGE_SHOWN && ch->p < 0.05;
}

/* A group's figures; a run of three or more hidden for one reason is
 * one line, "clarity +8": the first and how many after it. */
static void group_table(struct cli *c, const airs_comparison *k, size_t unit)
{
	struct table *t = change_table("before", "now");

	if (!t)
		return;
	for (int f = 0, e; f < NFIG; f = e) {
		airs_change ch = AIRS_CHANGE_INIT;
		e = hidden_run(k, unit, f);
		if (airs_comparison_change(k, unit, f, &ch) ||
		    ch.reason == AIRS_CHANGE_NO_VALUES || table_row(t))
			continue;
		if (e - f < 3) {
			e = f + 1;
			change_row(t, &ch, f, 0, 1);
			continue;
		}
		table_cellf(t, 0, "%s +%d", airs_change_figure_name(f),
		            e - f - 1);
		table_cell(t, 3, CLI_NONE);
		table_cell(t, 7, change_reason(ch.reason, 1));
	}
	table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
}

/* A unit below the first group: its clear changes only, and a line
 * counting the rest, so that the section fits a screen per unit. */
static void group_clear(struct cli *c, const airs_comparison *k, size_t unit)
{
	struct table *t = change_table("before", "now");
	int n = 0, other = 0, hidden = 0;

	if (!t)
		return;
	for (int f = 0; f < NFIG; f++) {
		airs_change ch = AIRS_CHANGE_INIT;
		if (airs_comparison_change(k, unit, f, &ch) ||
		    ch.reason == AIRS_CHANGE_NO_VALUES)
			continue;
		if (!clear(&ch)) {
			other += ch.reason == AIRS_CHANGE_SHOWN;
			hidden += ch.reason != AIRS_CHANGE_SHOWN;
		} else if (!table_row(t)) {
			change_row(t, &ch, f, 0, 1);
			n++;
		}
	}
	if (n)
		table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
	fprintf(c->out, "%s%d other figure%s shown without a clear change, "
	        "%d hidden.\n", n ? "" : "No clear change; ", other,
	        other == 1 ? "" : "s", hidden);
}

const char *report_trend_caveat(const struct report_trend *t)
{
	const airs_comparison *k = t->k;

	if (!airs_comparison_unit_count(k) && airs_comparison_added_count(k) &&
	    airs_comparison_removed_count(k))
		return "No unit is in both: the base looks like another "
		       "organisation's, and its people are still matched by "
		       "employee id.";
	if (t->base_p.survey_start == t->cur.survey_start &&
	    t->base_p.survey_end == t->cur.survey_end)
		return "Both read the same survey period: the survey figures "
		       "have not changed since, whatever the base's date.";
	return NULL;
}

/* The text section: the organisation (or the scope) and the units shown. */
void report_trend_text(const struct report_trend *t, struct report *r)
{
	struct cli *c = r->c;
	char b0[160], b1[160], d0[11];

	if (!t->k)
		return;
	report_trend_period(&t->base_p, b0, sizeof b0);
	report_trend_period(&t->cur, b1, sizeof b1);
	airs_date_format(t->base_p.as_of, d0);
	cli_heading(c, "Change since the last wave");
	cli_say(c->out, "Survey figures of %s against %s; readiness and "
	        "levels as of %s against now%s%s.  Readiness in points, "
	        "shares in %%, construct means 0..1 (as airs compare).  %s; "
	        "a survey figure's change is shown only when both waves show "
	        "the figure and its respondents are the same or differ by at "
	        "least %d people (docs/methodology.md, 4.1 and %s); "
	        "\"clarity +8\": clarity and the 8 figures after it, hidden "
	        "alike.  Below the first group, only clear changes "
	        "(p < 0.05); 'airs compare %s%s' lists every figure.\n",
	        b1, b0, d0, t->archive ? ", from the archive " : "",
	        t->archive ? c->a.base_archive : "",
	        t->archive ? "Every test independent: an archive keeps group "
	                     "sums, not each person's answers"
	                   : "Paired tests where a group's people are the same "
	                     "in both, independent otherwise",
	        r->k, t->archive ? "4.8" : "4.7",
	        t->archive ? "--base-archive " : "--base-as-of ",
	        t->archive ? c->a.base_archive : d0);
	if (report_trend_caveat(t))
		cli_say(c->out, "%s\n", report_trend_caveat(t));
	for (size_t i = 0, first = 1; i < report_nrows(r); i++) {
		airs_unit_score us = AIRS_UNIT_SCORE_INIT;
		size_t u;
		if (!report_trend_row(r, i, &u, &us))
			continue;
		fprintf(c->out, "\n%s\n", us.name ? us.name : us.id);
		if (first)
			group_table(c, t->k, u);
		else
			group_clear(c, t->k, u);
		first = 0;
	}
}

static void json_side(FILE *f, const char *name, const airs_provenance *p)
{
	char a[11], s[11], e[11];

	airs_date_format(p->as_of, a);
	airs_date_format(p->survey_start, s);
	airs_date_format(p->survey_end, e);
	fprintf(f, "\"%s\": {\"as_of\": \"%s\", \"survey_wave_id\": ", name, a);
	if (p->survey_wave_id)
		change_json_str(f, p->survey_wave_id);
	else
		fputs("null", f);
	fprintf(f, ", \"survey_start\": \"%s\", \"survey_end\": \"%s\"}", s, e);
}

static void json_group(FILE *f, const airs_comparison *k, size_t u)
{
	fputs("{\"unit_id\": ", f);
	if (u == AIRS_ROLLUP_ORG)
		fputs("null", f);
	else
		change_json_str(f, airs_comparison_unit_id(k, u));
	fputs(", \"figures\": {", f);
	for (int fi = 0; fi < NFIG; fi++) {
		airs_change ch = AIRS_CHANGE_INIT;
		airs_comparison_change(k, u, fi, &ch);
		fprintf(f, "%s\n  \"%s\": {", fi ? "," : "",
		        airs_change_figure_name(fi));
		change_fields(f, &ch, fi, 1);
		fputc('}', f);
	}
	fputs("}}", f);
}

/* The JSON member "trend": {...}, preceded by ",\n"; nothing without an
 * earlier wave.  only: a unit id (--unit) or NULL for every group. */
void report_trend_json(const struct report_trend *t, FILE *f, const char *only)
{
	size_t nu, want = AIRS_ROLLUP_ORG;
	int first = 1, have = 1;

	if (!t->k)
		return;
	nu = airs_comparison_unit_count(t->k);
	if (only)
		have = find(t->k, only, &want); /* 0: the earlier wave lacks it */
	fputs(",\n\"trend\": {", f);
	json_side(f, "base", &t->base_p);
	fputs(", ", f);
	json_side(f, "current", &t->cur);
	fputs(", \"groups\": [", f);
	for (size_t g = 0; g <= nu; g++) {
		size_t u = g == 0 ? AIRS_ROLLUP_ORG : g - 1;
		if (only && (!have || u != want))
			continue;
		fputs(first ? "\n" : ",\n", f);
		first = 0;
		json_group(f, t->k, u);
	}
	fputs("]}", f);
}

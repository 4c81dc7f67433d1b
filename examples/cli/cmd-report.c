/*
 * cmd-report.c - `airs report`: the organisation summary.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * Everything here comes from the rollup (airs/rollup.h), which already
 * applies the anonymity rules: a suppressed count is AIRS_SUPPRESSED and
 * a suppressed mean NaN, shown as "(fewer than k)" or "–".  The report
 * never looks at individual survey answers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define TOP_SKILLS 10

static const char *construct_words[AIRS_CONSTRUCT_COUNT_] = {
	"Clarity of purpose", "Usefulness", "Trust in outputs", "Job security",
	"Support", "Voice in decisions", "Would recommend", "Time saved",
	"Fewer errors",
};

const char *report_construct_label(int k)
{
	return k >= 0 && k < AIRS_CONSTRUCT_COUNT_ ? construct_words[k] : "";
}

static const char *few(const struct cli *c, char *buf, size_t n)
{
	snprintf(buf, n, "(fewer than %d)", cli_anonymity_k(c));
	return buf;
}

static void header(struct cli *c, const char *dir)
{
	airs_unit_score org = AIRS_UNIT_SCORE_INIT;
	char date[11], r[32], net[32], ts[32];

	airs_rollup_org(airs_result_rollup(c->result), &org);
	airs_date_format(airs_result_as_of(c->result), date);
	fprintf(c->out, "AI readiness report %s %s\n", "\xe2\x80\x94", dir);
	fprintf(c->out, "As of %s; %llu employees, %llu with a score; "
	        "methodology %s.\n", date, (unsigned long long)org.headcount,
	        (unsigned long long)org.scored, AIRS_METHODOLOGY_VERSION);
	fprintf(c->out, "Mean readiness %s of 100 (median %s); AI net score %s "
	        "(-100..100);\ntime saved %s hours a week on average.\n",
	        cli_num(r, sizeof r, org.readiness_mean, 1),
	        cli_num(ts, sizeof ts, org.readiness_median, 1),
	        cli_num(net, sizeof net, org.net_score, 0),
	        cli_num(date, sizeof date, org.time_saved, 1));
}

static void units(struct cli *c)
{
	const airs_rollup *ru = airs_result_rollup(c->result);
	size_t i, n = airs_rollup_unit_count(ru);
	struct table *t = table_new(8);

	if (!t)
		return;
	cli_heading(c, "Maturity against leadership's target, by unit");
	table_column(t, 0, "unit", TABLE_LEFT, 1);
	table_column(t, 1, "people", TABLE_RIGHT, 0);
	table_column(t, 2, "readiness", TABLE_RIGHT, 0);
	table_column(t, 3, "target", TABLE_RIGHT, 0);
	table_column(t, 4, "gap", TABLE_RIGHT, 0);
	table_column(t, 5, "below", TABLE_RIGHT, 0);
	table_column(t, 6, "levels 1-5", TABLE_LEFT, 0);
	table_column(t, 7, "id", TABLE_LEFT, 1);
	for (i = 0; i <= n; i++) {
		airs_unit_score u = AIRS_UNIT_SCORE_INIT;
		char buf[32], name[320];
		int rc = i == 0 ? airs_rollup_org(ru, &u) : airs_rollup_unit(ru, i - 1, &u);

		if (rc != AIRS_OK || table_row(t) != 0)
			continue;
		snprintf(name, sizeof name, "%*s%s", i ? 2 * (u.depth + 1) : 0, "",
		         u.name);
		table_cell(t, 0, name);
		table_cellf(t, 1, "%llu", (unsigned long long)u.headcount);
		table_cell(t, 2, cli_num(buf, sizeof buf, u.readiness_mean, 1));
		table_cell(t, 3, u.target ? cli_num(buf, sizeof buf, u.target, 0) : CLI_NONE);
		table_cell(t, 4, u.with_target ? cli_num(buf, sizeof buf, u.gap_mean, 1)
		                               : CLI_NONE);
		if (u.with_target)
			table_cellf(t, 5, "%.0f%%", 100 * u.below_target_share);
		else
			table_cell(t, 5, CLI_NONE);
		table_cellf(t, 6, "%llu/%llu/%llu/%llu/%llu",
		            (unsigned long long)u.levels[1], (unsigned long long)u.levels[2],
		            (unsigned long long)u.levels[3], (unsigned long long)u.levels[4],
		            (unsigned long long)u.levels[5]);
		table_cell(t, 7, u.id ? u.id : "");
	}
	table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
	fprintf(c->out, "readiness: mean 0-100; gap: mean target - level; "
	        "below: share below target;\nlevels: people at levels 1/2/3/4/5.\n");
}

static const char *pct_or_few(const struct cli *c, char *buf, size_t n,
                              uint64_t respondents, double mean)
{
	if (respondents == AIRS_SUPPRESSED || isnan(mean))
		return few(c, buf, n);
	snprintf(buf, n, "%.0f (%llu)", 100 * mean, (unsigned long long)respondents);
	return buf;
}

static void perception(struct cli *c)
{
	const airs_rollup *ru = airs_result_rollup(c->result);
	struct table *t = table_new(4);
	int k;

	if (!t)
		return;
	cli_heading(c, "Leaders and staff see AI differently (survey, 0-100)");
	table_column(t, 0, "construct", TABLE_LEFT, 1);
	table_column(t, 1, "leaders (n)", TABLE_RIGHT, 0);
	table_column(t, 2, "staff (n)", TABLE_RIGHT, 0);
	table_column(t, 3, "gap", TABLE_RIGHT, 0);
	for (k = 0; k < AIRS_CONSTRUCT_COUNT_; k++) {
		airs_construct_score s = AIRS_CONSTRUCT_SCORE_INIT;
		char buf[64];

		if (airs_rollup_construct(ru, AIRS_ROLLUP_ORG, k, &s) != AIRS_OK ||
		    table_row(t) != 0)
			continue;
		table_cell(t, 0, construct_words[k]);
		table_cell(t, 1, pct_or_few(c, buf, sizeof buf, s.leaders, s.leaders_mean));
		table_cell(t, 2, pct_or_few(c, buf, sizeof buf, s.staff, s.staff_mean));
		if (isnan(s.perception_gap))
			table_cell(t, 3, CLI_NONE);
		else
			table_cellf(t, 3, "%+.0f", 100 * s.perception_gap);
	}
	table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
	fprintf(c->out, "gap: leaders minus staff; a large positive gap means "
	        "leaders expect more than staff experience.\n");
}

static int by_gap(const void *pa, const void *pb)
{
	const struct skill_gap *a = pa, *b = pb;

	if (a->gap != b->gap)
		return a->gap < b->gap ? 1 : -1;
	return a->skill < b->skill ? -1 : a->skill > b->skill;
}

size_t report_skill_gaps(const airs_rollup *ru, struct skill_gap **out)
{
	size_t ns = airs_rollup_skill_count(ru), i, m = 0;
	struct skill_gap *g = calloc(ns ? ns : 1, sizeof *g);

	*out = g;
	if (!g)
		return 0;
	for (i = 0; i < ns; i++) {
		double gap;
		uint64_t count;

		if (airs_rollup_skill(ru, AIRS_ROLLUP_ORG, i, &gap, &count) == AIRS_OK &&
		    count > 0) {
			g[m].skill = i;
			g[m].gap = gap;
			g[m].count = count;
			m++;
		}
	}
	qsort(g, m, sizeof *g, by_gap);
	return m;
}

static void skills(struct cli *c)
{
	const airs_rollup *ru = airs_result_rollup(c->result);
	struct skill_gap *g;
	size_t m = report_skill_gaps(ru, &g), i, u, nu = airs_rollup_unit_count(ru);
	int k = cli_anonymity_k(c);
	struct table *t = table_new(4);

	if (!t) {
		free(g);
		return;
	}
	cli_heading(c, "Biggest skill gaps (levels below what roles require)");
	table_column(t, 0, "skill", TABLE_LEFT, 1);
	table_column(t, 1, "assessed", TABLE_RIGHT, 0);
	table_column(t, 2, "mean gap", TABLE_RIGHT, 0);
	table_column(t, 3, "widest in", TABLE_LEFT, 1);
	for (i = 0; i < m && i < TOP_SKILLS; i++) {
		const char *id = airs_rollup_skill_id(ru, g[i].skill);
		const char *worst = NULL;
		double worst_gap = -1;

		/* The unit where the gap is widest, among units big enough to
		 * name without pointing at a person. */
		for (u = 0; u < nu; u++) {
			airs_unit_score us = AIRS_UNIT_SCORE_INIT;
			double gap;
			uint64_t count;

			if (airs_rollup_skill(ru, u, g[i].skill, &gap, &count) != AIRS_OK ||
			    count < (uint64_t)k || airs_rollup_unit(ru, u, &us) != AIRS_OK ||
			    us.depth == 0)
				continue;
			if (gap > worst_gap) {
				worst_gap = gap;
				worst = us.name;
			}
		}
		if (table_row(t) != 0)
			break;
		table_cell(t, 0, cli_skill_name(c->model, id));
		table_cellf(t, 1, "%llu", (unsigned long long)g[i].count);
		table_cellf(t, 2, "%.2f", g[i].gap);
		if (worst)
			table_cellf(t, 3, "%s (%.2f)", worst, worst_gap);
		else
			table_cell(t, 3, CLI_NONE);
	}
	table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
	free(g);
}

static const char *flag_label[AIRS_FLAG_COUNT_] = {
	"low readiness with little training or support",
	"much recent training while sentiment falls",
	"trained, but hardly using the tools",
	"self-assessment well above test results",
	"using the tools, reporting no benefit",
};

const char *report_flag_label(int bit)
{
	return bit >= 0 && bit < AIRS_FLAG_COUNT_ ? flag_label[bit] : "";
}

static void flags(struct cli *c)
{
	airs_unit_score org = AIRS_UNIT_SCORE_INIT;
	struct table *t = table_new(3);
	int k;

	if (!t)
		return;
	airs_rollup_org(airs_result_rollup(c->result), &org);
	cli_heading(c, "Support needs (flags)");
	table_column(t, 0, "flag", TABLE_LEFT, 0);
	table_column(t, 1, "people", TABLE_RIGHT, 0);
	table_column(t, 2, "meaning", TABLE_LEFT, 1);
	for (k = 0; k < AIRS_FLAG_COUNT_; k++) {
		char buf[64];

		if (table_row(t) != 0)
			break;
		table_cell(t, 0, airs_flag_name(1 << k));
		table_cell(t, 1, org.flags[k] == AIRS_SUPPRESSED ? few(c, buf, sizeof buf)
		                 : cli_count(buf, sizeof buf, org.flags[k]));
		table_cell(t, 2, flag_label[k]);
	}
	table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
	fprintf(c->out, "Flags describe support needs, never verdicts on people.\n");
}

/* The organisation summary as one JSON document assembled from the
 * export tables: every value is the library's own JSON (no employee
 * records - a report is about groups). */
static int report_json(struct cli *c)
{
	static const struct { const char *key; int table; } parts[] = {
		{ "provenance", AIRS_TABLE_PROVENANCE },
		{ "units", AIRS_TABLE_UNITS },
		{ "constructs", AIRS_TABLE_CONSTRUCTS },
		{ "skill_gaps", AIRS_TABLE_SKILL_GAPS },
	};
	size_t i;
	int rc;

	fputs("{\n\"schema\": \"airs-report/1\",\n", c->out);
	for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		fprintf(c->out, "\"%s\": ", parts[i].key);
		if ((rc = cli_export(c, parts[i].table, AIRS_OUTPUT_JSON)) != EXIT_OK)
			return rc;
		if (i + 1 < sizeof parts / sizeof parts[0])
			fputs(",\n", c->out);
	}
	fputs("}\n", c->out);
	return EXIT_OK;
}

#define TOP_COHORTS 5

const char *report_course_name(const airs_model *m, const char *id)
{
	airs_course_rec r = AIRS_COURSE_REC_INIT;
	size_t i;

	if (id && airs_model_find(m, AIRS_ENTITY_COURSE, id, &i) == AIRS_OK &&
	    airs_model_get_course(m, i, &r) == AIRS_OK)
		return r.name;
	return id ? id : "";
}

size_t report_cohorts(struct cli *c, airs_plan_cohort *out, size_t cap)
{
	size_t i, n = airs_result_cohort_count(c->result);

	/* Cohorts count whose gap a course serves, whatever the budget: the
	 * result knows them without planning. */
	for (i = 0; i < n && i < cap; i++) {
		airs_plan_cohort init = AIRS_PLAN_COHORT_INIT;

		out[i] = init;
		airs_result_cohort(c->result, i, &out[i]);
	}
	return i;
}

static void cohorts(struct cli *c)
{
	airs_plan_cohort top[TOP_COHORTS];
	size_t n = report_cohorts(c, top, TOP_COHORTS), i;
	struct table *t;

	if (!n || !(t = table_new(3)))
		return;
	cli_heading(c, "Recommended course cohorts");
	table_column(t, 0, "course", TABLE_LEFT, 1);
	table_column(t, 1, "skill", TABLE_LEFT, 1);
	table_column(t, 2, "people it would help", TABLE_RIGHT, 0);
	for (i = 0; i < n; i++) {
		if (table_row(t) != 0)
			break;
		table_cell(t, 0, report_course_name(c->model, top[i].course_id));
		table_cell(t, 1, cli_skill_name(c->model, top[i].skill_id));
		table_cellf(t, 2, "%llu", (unsigned long long)top[i].employees);
	}
	table_print(t, c->out, c->color, CLI_WIDTH);
	table_free(t);
	fprintf(c->out, "people whose role needs the skill above their level; "
	        "'airs plan --org' splits a budget.\n");
}

/* Where the numbers come from, short enough for one line. */
static void provenance(struct cli *c)
{
	airs_provenance p = AIRS_PROVENANCE_INIT;

	if (airs_result_provenance(c->result, &p) != AIRS_OK)
		return;
	fprintf(c->out, "\nairs %s, methodology %s; parameters sha256:%.12s, "
	        "input sha256:%.12s\n", p.library_version, p.methodology_version,
	        p.params_digest, p.input_digest);
}

static int run(struct cli *c)
{
	int format = cli_format(c, CLI_TEXT | CLI_JSON | CLI_HTML);
	/* Name the sample rather than its path: the path differs per install. */
	const char *dir = c->a.data ? c->a.data : "the bundled sample company";
	int rc;

	if (!format)
		return EXIT_USAGE;
	if ((rc = cli_score(c)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_output(c)) != EXIT_OK)
		return rc;
	if (format == CLI_HTML)
		return report_html(c, dir);
	if (format == CLI_JSON)
		return report_json(c);
	header(c, dir);
	units(c);
	perception(c);
	skills(c);
	flags(c);
	cohorts(c);
	provenance(c);
	return EXIT_OK;
}

const struct cli_command cmd_report = {
	"report",
	"organisation summary: maturity, perception gap, skills, flags",
	"[--data DIR] [options]",
	"data config set as-of format output help",
	"\nformats:\n"
	"  text    plain text tables, the default\n"
	"  json    provenance, units, constructs and skill gaps in one document\n"
	"  html    one self-contained page with charts (no scripts)\n"
	"\nWithout --data the report runs on the bundled sample company\n"
	"($AIRS_SAMPLE_DIR overrides where it is looked for).  Survey values of\n"
	"groups smaller than anonymity.min_group are never shown.\n",
	run,
};

/*
 * cmd-report.c - `airs report`: the organisation summary, as text (here),
 * JSON (the library's export tables) or one HTML page (html.c).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * Everything here comes from the rollup (airs/rollup.h), which already
 * applies the anonymity rules: a suppressed count is AIRS_SUPPRESSED and
 * a suppressed mean NaN, shown as "hidden" or "(fewer than k)" - never as
 * 0 - and "–" is a figure nobody's data gives.  The report never looks at
 * individual survey answers.  The text sections are in the list at the
 * end of the file, in the order they print; report.c chooses the scope
 * and the units, report-summary.c the findings.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "report.h"
#include "task.h"
#include "toolview.h"

#define TOP_TOOL_FINDINGS REPORT_TOOL_FINDINGS

#define TOP_SKILLS 10
#define TOP_COHORTS 5

static const char *few(const struct report *r, char *buf, size_t n)
{
	snprintf(buf, n, "(fewer than %d)", r->k);
	return buf;
}

/* A survey outcome: its value, "hidden" when suppressed, "–" when
 * nobody answered. */
static const char *outcome(char *buf, size_t n, double v, uint64_t respondents,
                           int decimals)
{
	if (isnan(v) && respondents == AIRS_SUPPRESSED)
		snprintf(buf, n, "hidden");
	else
		cli_num(buf, n, v, decimals);
	return buf;
}

/* A unit's name indented by its level under the top of the report. */
static const char *row_name(const struct report *r, const airs_unit_score *u,
                            char *buf, size_t n)
{
	int level = report_level(r, u) + (r->top == AIRS_ROLLUP_ORG);

	snprintf(buf, n, "%*s%s", 2 * (level < 0 ? 0 : level), "", u->name);
	return buf;
}

static void deeper_note(const struct report *r)
{
	if (r->deeper)
		fprintf(r->c->out, "%zu deeper unit%s left out: --depth N shows N "
		        "levels below the top, --unit ID one unit's subtree.\n",
		        r->deeper, r->deeper == 1 ? " is" : "s are");
}

/* Whether answers exist that no survey period closed by the as-of date
 * holds (methodology 4.1). */
static int unread_answers(struct cli *c)
{
	airs_provenance p = AIRS_PROVENANCE_INIT;

	return cli_provenance(c, &p) == AIRS_OK &&
	       !p.survey_start && p.survey_answers_outside;
}

static void header(struct report *r)
{
	const airs_unit_score *s = &r->scope;
	struct cli *c = r->c;
	char date[11], a[32], b[32];

	airs_date_format(airs_rollup_as_of(r->ru), date);
	fprintf(c->out, "AI readiness report %s %s\n", "\xe2\x80\x94", r->dir);
	if (r->top != AIRS_ROLLUP_ORG)
		fprintf(c->out, "Unit: %s (%s) and the units below it.\n", s->name,
		        s->id);
	fprintf(c->out, "As of %s; %llu employees, %llu with a score; "
	        "methodology %s.\n", date, (unsigned long long)s->headcount,
	        (unsigned long long)s->scored, AIRS_METHODOLOGY_VERSION);
	fprintf(c->out, "Mean readiness %s of 100",
	        cli_num(a, sizeof a, s->readiness_mean, 1));
	if (s->readiness_ci.low == s->readiness_ci.high)
		fputs(" (exact: everyone has a score)", c->out);
	else if (!isnan(s->readiness_ci.low))
		fprintf(c->out, " (95%% interval %.1f-%.1f)", s->readiness_ci.low,
		        s->readiness_ci.high);
	fprintf(c->out, ", median %s", cli_num(b, sizeof b, s->readiness_median, 1));
	if (s->with_target)
		fprintf(c->out, ";\n%.0f%% below their unit's target level",
		        100 * s->below_target_share);
	if (!isnan(s->below_target_ci.low))
		fprintf(c->out, " (95%% interval %.0f-%.0f%%)",
		        100 * s->below_target_ci.low, 100 * s->below_target_ci.high);
	fputs(".\n", c->out);
	if (s->respondents == AIRS_SUPPRESSED)
		fprintf(c->out, "Survey: answered by %s; ", few(r, a, sizeof a));
	else if (s->respondents == 0 && unread_answers(c))
		fputs("Survey: no answer read (no survey period closed by the "
		      "as-of date); ", c->out);
	else if (s->respondents == 0)
		fputs("Survey: no answers; ", c->out);
	else if (s->headcount)
		fprintf(c->out, "Survey: answered by %llu of %llu (%.0f%%); ",
		        (unsigned long long)s->respondents,
		        (unsigned long long)s->headcount,
		        100.0 * (double)s->respondents / (double)s->headcount);
	fprintf(c->out, "AI net score %s", outcome(a, sizeof a, s->net_score,
	                                            s->net_respondents, 0));
	if (!isnan(s->net_score))
		fputs(" (-100..100)", c->out);
	fprintf(c->out, "; time saved %s", outcome(b, sizeof b, s->time_saved,
	                                           s->time_saved_respondents, 1));
	fputs(isnan(s->time_saved) ? ".\n" : " hours a week.\n", c->out);
}

static void summary(struct report *r)
{
	struct finding f[REPORT_MAX_FINDINGS];
	size_t n = report_summary(r, f, REPORT_MAX_FINDINGS), i;

	cli_heading(r->c, "Summary");
	for (i = 0; i < n; i++) {
		char num[24];

		snprintf(num, sizeof num, "%zu. ", i + 1);
		cli_wrap(r->c->out, num, f[i].text);
	}
}

static void units(struct report *r)
{
	struct table *t = table_new(8);
	size_t i;

	if (!t)
		return;
	cli_heading(r->c, "Maturity against leadership's target, by unit");
	table_column(t, 0, "unit", TABLE_LEFT, 1);
	table_column(t, 1, "people", TABLE_RIGHT, 0);
	table_column(t, 2, "below", TABLE_RIGHT, 0);
	table_column(t, 3, "mean", TABLE_RIGHT, 0);
	table_column(t, 4, "target", TABLE_RIGHT, 0);
	table_column(t, 5, "levels 1-5", TABLE_LEFT, 0);
	table_column(t, 6, "left behind", TABLE_RIGHT, 0);
	table_column(t, 7, "id", TABLE_LEFT, 1);
	for (i = 0; i < report_nrows(r); i++) {
		airs_unit_score u;
		char buf[32], name[AIRS_TEXT_MAX + 64];

		if (report_unit(r, report_row(r, i), &u) != AIRS_OK || table_row(t))
			continue;
		table_cell(t, 0, row_name(r, &u, name, sizeof name));
		table_cellf(t, 1, "%llu", (unsigned long long)u.headcount);
		if (u.with_target)
			table_cellf(t, 2, "%.0f%%", 100 * u.below_target_share);
		else
			table_cell(t, 2, CLI_NONE);
		/* the t interval is symmetric: mean +- half its width; of
		 * width 0 when everyone has a score (no sampling error) */
		if (isnan(u.readiness_ci.low))
			table_cell(t, 3, cli_num(buf, sizeof buf, u.readiness_mean, 1));
		else if (u.readiness_ci.low == u.readiness_ci.high)
			table_cellf(t, 3, "%.1f exact", u.readiness_mean);
		else
			table_cellf(t, 3, "%.1f \xc2\xb1%.1f", u.readiness_mean,
			            (u.readiness_ci.high - u.readiness_ci.low) / 2);
		table_cell(t, 4, u.target ? cli_num(buf, sizeof buf, u.target, 0) : CLI_NONE);
		table_cellf(t, 5, "%llu/%llu/%llu/%llu/%llu",
		            (unsigned long long)u.levels[1], (unsigned long long)u.levels[2],
		            (unsigned long long)u.levels[3], (unsigned long long)u.levels[4],
		            (unsigned long long)u.levels[5]);
		table_cell(t, 6, cli_count(buf, sizeof buf, u.flags[0]));
		table_cell(t, 7, u.id ? u.id : "");
	}
	table_print(t, r->c->out, r->c->color, CLI_WIDTH);
	table_free(t);
	cli_wrap(r->c->out, "", "below: share below their unit's target level; "
	         "mean: mean readiness 0-100, \xc2\xb1 half its 95% interval "
	         "(wider for fewer people; exact: everyone has a score); "
	         "levels: people at levels 1/2/3/4/5, those with too little "
	         "evidence for a level in no column, mean or share; left "
	         "behind: readiness below 40 with little training or support.");
	deeper_note(r);
}

/* A heatmap cell: the total's mean, else the staff's marked "s", else
 * why there is nothing. */
static const char *survey_cell(char *buf, size_t n, const airs_construct_score *s)
{
	switch (report_survey_state(s)) {
	case SURVEY_TOTAL:
		snprintf(buf, n, "%.0f", 100 * s->mean);
		break;
	case SURVEY_PARTIAL:
		if (s->staff != AIRS_SUPPRESSED && !isnan(s->staff_mean))
			snprintf(buf, n, "s%.0f", 100 * s->staff_mean);
		else
			snprintf(buf, n, "l%.0f", 100 * s->leaders_mean);
		break;
	case SURVEY_HIDDEN:
		snprintf(buf, n, "hidden");
		break;
	default:
		snprintf(buf, n, "%s", CLI_NONE);
	}
	return buf;
}

static int any_responses(const struct report *r)
{
	return r->scope.respondents != 0;
}

static void sentiment(struct report *r)
{
	static const char *heads[] = { "clarity", "useful", "trust", "security",
		"support", "voice", "recommend", "errors" };
	struct table *t;
	size_t i, j;

	cli_heading(r->c, "Sentiment by unit (survey, mean 0-100)");
	if (!any_responses(r)) {
		fprintf(r->c->out, "Nobody here answered the survey items airs scores.\n");
		return;
	}
	if (!(t = table_new(1 + report_heat_nconstructs)))
		return;
	table_column(t, 0, "unit", TABLE_LEFT, 1);
	for (j = 0; j < report_heat_nconstructs; j++)
		table_column(t, 1 + j, heads[j], TABLE_RIGHT, 0);
	for (i = 0; i < report_nrows(r); i++) {
		size_t u = report_row(r, i);
		airs_unit_score us;
		char name[AIRS_TEXT_MAX + 64], buf[32];

		if (report_unit(r, u, &us) != AIRS_OK || table_row(t))
			continue;
		table_cell(t, 0, row_name(r, &us, name, sizeof name));
		for (j = 0; j < report_heat_nconstructs; j++) {
			airs_construct_score s = AIRS_CONSTRUCT_SCORE_INIT;

			airs_rollup_construct(r->ru, u, report_heat_constructs[j], &s);
			table_cell(t, 1 + j, survey_cell(buf, sizeof buf, &s));
		}
	}
	table_print(t, r->c->out, r->c->color, CLI_WIDTH);
	table_free(t);
	{
		char note[400];

		snprintf(note, sizeof note, "s: staff only - the unit's total is "
		         "hidden to protect anonymity (its leaders are too few to show "
		         "apart); hidden: fewer than %d answered, or hidden so that a "
		         "smaller group cannot be worked out; %s: nobody answered.",
		         r->k, CLI_NONE);
		cli_wrap(r->c->out, "", note);
	}
}

static void responses(struct report *r)
{
	struct table *t;
	size_t i;

	cli_heading(r->c, "Response rate, AI net score and time saved, by unit");
	if (!any_responses(r)) {
		fprintf(r->c->out, "Nobody here answered the survey items airs scores.\n");
		return;
	}
	if (!(t = table_new(6)))
		return;
	table_column(t, 0, "unit", TABLE_LEFT, 1);
	table_column(t, 1, "people", TABLE_RIGHT, 0);
	table_column(t, 2, "answered", TABLE_RIGHT, 0);
	table_column(t, 3, "rate", TABLE_RIGHT, 0);
	table_column(t, 4, "net score", TABLE_RIGHT, 0);
	table_column(t, 5, "hours saved", TABLE_RIGHT, 0);
	for (i = 0; i < report_nrows(r); i++) {
		airs_unit_score u;
		char name[AIRS_TEXT_MAX + 64], buf[32];

		if (report_unit(r, report_row(r, i), &u) != AIRS_OK || table_row(t))
			continue;
		table_cell(t, 0, row_name(r, &u, name, sizeof name));
		table_cellf(t, 1, "%llu", (unsigned long long)u.headcount);
		if (u.respondents == AIRS_SUPPRESSED) {
			table_cell(t, 2, "hidden");
			table_cell(t, 3, "hidden");
		} else {
			table_cellf(t, 2, "%llu", (unsigned long long)u.respondents);
			table_cellf(t, 3, "%.0f%%", u.headcount ? 100.0 *
			            (double)u.respondents / (double)u.headcount : 0.0);
		}
		table_cell(t, 4, outcome(buf, sizeof buf, u.net_score,
		                         u.net_respondents, 0));
		table_cell(t, 5, outcome(buf, sizeof buf, u.time_saved,
		                         u.time_saved_respondents, 1));
	}
	table_print(t, r->c->out, r->c->color, CLI_WIDTH);
	table_free(t);
	{
		char note[300];

		snprintf(note, sizeof note, "rate: share of the people who answered; "
		         "net score: -100..100; hours saved: mean a week; hidden: fewer "
		         "than %d answered, or hidden so that a smaller group cannot be "
		         "worked out; %s: nobody answered.", r->k, CLI_NONE);
		cli_wrap(r->c->out, "", note);
	}
}

static const char *mean_n(const struct report *r, char *buf, size_t n,
                          uint64_t count, double mean)
{
	if (count == AIRS_SUPPRESSED)
		return few(r, buf, n);
	if (count == 0 || isnan(mean))
		snprintf(buf, n, "%s", CLI_NONE);
	else
		snprintf(buf, n, "%.0f (%llu)", 100 * mean, (unsigned long long)count);
	return buf;
}

static void perception(struct report *r)
{
	struct table *t;
	int k;

	cli_heading(r->c, "Leaders and staff see AI differently (survey, 0-100)");
	if (!any_responses(r)) {
		fprintf(r->c->out, "Nobody here answered the survey items airs scores.\n");
		return;
	}
	if (!(t = table_new(5)))
		return;
	table_column(t, 0, "construct", TABLE_LEFT, 1);
	table_column(t, 1, "leaders (n)", TABLE_RIGHT, 0);
	table_column(t, 2, "staff (n)", TABLE_RIGHT, 0);
	table_column(t, 3, "gap", TABLE_RIGHT, 0);
	table_column(t, 4, "favourable", TABLE_RIGHT, 0);
	for (k = 0; k < AIRS_CONSTRUCT_COUNT_; k++) {
		airs_construct_score s = AIRS_CONSTRUCT_SCORE_INIT;
		char buf[64];

		if (airs_rollup_construct(r->ru, r->top, k, &s) != AIRS_OK || table_row(t))
			continue;
		table_cell(t, 0, cli_name(CLI_CONSTRUCT, k));
		table_cell(t, 1, mean_n(r, buf, sizeof buf, s.leaders, s.leaders_mean));
		table_cell(t, 2, mean_n(r, buf, sizeof buf, s.staff, s.staff_mean));
		if (isnan(s.perception_gap))
			table_cell(t, 3, CLI_NONE);
		else
			table_cellf(t, 3, "%+.0f", 100 * s.perception_gap);
		if (report_survey_state(&s) == SURVEY_TOTAL)
			table_cellf(t, 4, isnan(s.favourable_ci.low) ? "%.0f%%"
			            : "%.0f%% (%.0f-%.0f)", 100 * s.favourable,
			            100 * s.favourable_ci.low, 100 * s.favourable_ci.high);
		else
			table_cell(t, 4, s.respondents == AIRS_SUPPRESSED ? "hidden" : CLI_NONE);
	}
	table_print(t, r->c->out, r->c->color, CLI_WIDTH);
	table_free(t);
	fprintf(r->c->out, "gap: leaders minus staff; a large positive gap means "
	        "leaders expect more than staff experience.\nfavourable: share of "
	        "answers in the top two boxes of the scale, everyone.\n");
}

/* The barrier points worth a column: those anyone in scope has. */
static size_t barrier_columns(const struct report *r, int *cols)
{
	size_t n = 0;
	int b;

	for (b = 0; b < REPORT_BARRIERS; b++)
		if (r->scope_barriers[b] > 0)
			cols[n++] = b;
	return n;
}

static void adkar(struct report *r)
{
	int cols[REPORT_BARRIERS];
	size_t nc = barrier_columns(r, cols), i, j;
	struct table *t;

	if (!r->c->result) /* counted from employees, which partials lack */
		return;
	cli_heading(r->c, "Where people get stuck: ADKAR barrier point, by unit");
	if (!(t = table_new(2 + nc)))
		return;
	table_column(t, 0, "unit", TABLE_LEFT, 1);
	table_column(t, 1, "people", TABLE_RIGHT, 0);
	for (j = 0; j < nc; j++)
		table_column(t, 2 + j, cli_phrase(CLI_BARRIER, cols[j]), TABLE_RIGHT, 0);
	for (i = 0; i < report_nrows(r); i++) {
		size_t u = report_row(r, i);
		const uint64_t *b = u == AIRS_ROLLUP_ORG ? r->scope_barriers : r->barriers[u];
		airs_unit_score us;
		char name[AIRS_TEXT_MAX + 64];

		if (report_unit(r, u, &us) != AIRS_OK || table_row(t))
			continue;
		table_cell(t, 0, row_name(r, &us, name, sizeof name));
		table_cellf(t, 1, "%llu", (unsigned long long)us.headcount);
		for (j = 0; j < nc; j++)
			table_cellf(t, 2 + j, "%llu", (unsigned long long)b[cols[j]]);
	}
	table_print(t, r->c->out, r->c->color, CLI_WIDTH);
	table_free(t);
	cli_wrap(r->c->out, "", "People counted at the first element of change "
	         "(awareness, desire, knowledge, ability, reinforcement) that holds "
	         "them back, from their own scores. Awareness, desire and "
	         "reinforcement come from survey answers, which stay anonymous: "
	         "for a person they are unknown unless individual sentiment is "
	         "enabled, so these counts show where knowledge and ability stop "
	         "people.");
}

static void skills(struct report *r)
{
	struct skill_gap *g;
	size_t m = report_skill_gaps(r, &g), i, shown = 0;
	struct table *t = table_new(4);

	cli_heading(r->c, "Biggest skill gaps (levels below what roles require)");
	if (!t || m == 0) {
		if (t)
			fprintf(r->c->out, "Nobody here was assessed on a skill their "
			        "role requires.\n");
		table_free(t);
		free(g);
		return;
	}
	table_column(t, 0, "skill", TABLE_LEFT, 1);
	table_column(t, 1, "assessed", TABLE_RIGHT, 0);
	table_column(t, 2, "mean gap", TABLE_RIGHT, 0);
	table_column(t, 3, "widest in", TABLE_LEFT, 1);
	for (i = 0; i < m && shown < TOP_SKILLS; i++) {
		const char *id = airs_rollup_skill_id(r->ru, g[i].skill);
		double wg;
		size_t w;

		/* A mean over fewer than k people is too thin to rank by. */
		if (g[i].count < (uint64_t)r->k)
			continue;
		if (table_row(t) != 0)
			break;
		shown++;
		w = report_widest(r, g[i].skill, &wg);
		table_cell(t, 0, cli_skill_name(r->c->model, id));
		table_cellf(t, 1, "%llu", (unsigned long long)g[i].count);
		table_cellf(t, 2, "%.2f", g[i].gap);
		if (w != REPORT_NONE) {
			airs_unit_score u;

			report_unit(r, w, &u);
			table_cellf(t, 3, "%s (%.2f)", u.name, wg);
		} else {
			table_cell(t, 3, CLI_NONE);
		}
	}
	table_print(t, r->c->out, r->c->color, CLI_WIDTH);
	table_free(t);
	free(g);
	fprintf(r->c->out, "skills with at least %d people assessed; the courses "
	        "for them are in the cohorts below.\n", r->k);
}

static void flags(struct report *r)
{
	struct table *t = table_new(3);
	int k;

	if (!t)
		return;
	cli_heading(r->c, "Support needs (flags)");
	table_column(t, 0, "flag", TABLE_LEFT, 0);
	table_column(t, 1, "people", TABLE_RIGHT, 0);
	table_column(t, 2, "meaning", TABLE_LEFT, 1);
	for (k = 0; k < AIRS_FLAG_COUNT_; k++) {
		char buf[64];

		if (table_row(t) != 0)
			break;
		table_cell(t, 0, cli_name(CLI_FLAG, k));
		table_cell(t, 1, r->scope.flags[k] == AIRS_SUPPRESSED ?
		           few(r, buf, sizeof buf) :
		           cli_count(buf, sizeof buf, r->scope.flags[k]));
		table_cell(t, 2, cli_meaning(CLI_FLAG, k));
	}
	table_print(t, r->c->out, r->c->color, CLI_WIDTH);
	table_free(t);
	fprintf(r->c->out, "Flags describe support needs, never verdicts on people.\n");
}

const char *report_course_name(const airs_model *m, const char *id)
{
	airs_course_rec rec = AIRS_COURSE_REC_INIT;
	size_t i;

	if (id && airs_model_find(m, AIRS_ENTITY_COURSE, id, &i) == AIRS_OK &&
	    airs_model_get_course(m, i, &rec) == AIRS_OK)
		return rec.name;
	return id ? id : "";
}

static void cohorts(struct report *r)
{
	size_t n = airs_result_cohort_count(r->c->result), i;
	struct table *t;

	if (!n || !(t = table_new(3)))
		return;
	cli_heading(r->c, "Recommended course cohorts");
	table_column(t, 0, "course", TABLE_LEFT, 1);
	table_column(t, 1, "skill", TABLE_LEFT, 1);
	table_column(t, 2, "people it would help", TABLE_RIGHT, 0);
	for (i = 0; i < n && i < TOP_COHORTS; i++) {
		airs_plan_cohort co = AIRS_PLAN_COHORT_INIT;

		if (airs_result_cohort(r->c->result, i, &co) != AIRS_OK || table_row(t))
			break;
		table_cell(t, 0, report_course_name(r->c->model, co.course_id));
		table_cell(t, 1, cli_skill_name(r->c->model, co.skill_id));
		table_cellf(t, 2, "%llu", (unsigned long long)co.employees);
	}
	table_print(t, r->c->out, r->c->color, CLI_WIDTH);
	table_free(t);
	fprintf(r->c->out, "people in the whole organisation whose role needs the "
	        "skill above their level;\n'airs plan --org' splits a budget.\n");
}

/* What the data cover (methodology 1.1 and 2): first, so that every
 * figure after it is read with it. */
static void coverage(struct report *r)
{
	struct report_coverage cv;
	size_t i;

	if (!r->c->result) /* merged partials: no employees to count */
		return;
	cli_heading(r->c, "Data coverage");
	if (report_coverage(r, &cv))
		return;
	for (i = 0; i < cv.n; i++)
		cli_wrap(r->c->out, "", cv.line[i]);
}

/* Methodology 9: what to look at per AI tool, only when something
 * stands out (airs tools has the whole table). */
static void tools(struct report *r)
{
	struct tool_finding f[TOP_TOOL_FINDINGS];
	struct toolview v;
	size_t g0, g1, n, i;

	if (airs_model_count(r->c->model, AIRS_ENTITY_TOOL) == 0 ||
	    toolview_open(&v, r->c) != EXIT_OK)
		return;
	toolview_subtree(&v, r->top, &g0, &g1);
	n = toolview_findings(&v, g0, g1, r->top == AIRS_ROLLUP_ORG, f,
	                      TOP_TOOL_FINDINGS);
	if (n)
		cli_heading(r->c, "AI tools: what to look at");
	for (i = 0; i < n; i++) {
		char num[32];
		snprintf(num, sizeof num, "  %zu. ", i + 1);
		cli_wrap(r->c->out, num, f[i].text);
	}
	if (n)
		fprintf(r->c->out, "'airs tools' shows every tool by unit and role.\n");
	toolview_close(&v);
}

/* Where the numbers come from, short enough for one line. */
static void trend(struct report *r)
{
	report_trend_text(&r->trend, r);
}

static void provenance(struct report *r)
{
	airs_provenance p = AIRS_PROVENANCE_INIT;

	if (!r->c->result) {
		fprintf(r->c->out, "\nairs %s, methodology %s; parameters "
		        "sha256:%.12s; merged from %zu partials\n", airs_version(),
		        AIRS_METHODOLOGY_VERSION,
		        airs_rollup_params_digest(r->ru), r->c->a.nfiles);
		return;
	}
	if (cli_provenance(r->c, &p) != AIRS_OK)
		return;
	fprintf(r->c->out, "\nairs %s, methodology %s; parameters sha256:%.12s, "
	        "input sha256:%.12s\n", p.library_version, p.methodology_version,
	        p.params_digest, p.input_digest);
}

/* The text report, section by section. */
static void (*const text_sections[])(struct report *) = {
	header, coverage, summary, units, trend, sentiment, responses,
	perception, adkar, skills, flags, tools, cohorts, provenance,
};

void report_text(struct report *r)
{
	size_t i;

	for (i = 0; i < sizeof text_sections / sizeof text_sections[0]; i++)
		text_sections[i](r);
}

/* The organisation summary as one JSON document assembled from the
 * export tables: every value is the library's own JSON (no employee
 * records - a report is about groups).  --unit selects that unit's rows,
 * as airs_result_write_v2() does. */
static int report_json(struct cli *c)
{
	static const struct { const char *key; int table; } parts[] = {
		{ "provenance", AIRS_TABLE_PROVENANCE },
		{ "coverage", AIRS_TABLE_COVERAGE },
		{ "units", AIRS_TABLE_UNITS },
		{ "constructs", AIRS_TABLE_CONSTRUCTS },
		{ "skill_gaps", AIRS_TABLE_SKILL_GAPS },
		{ "tools", AIRS_TABLE_TOOLS },
	};
	airs_export_options o = AIRS_EXPORT_OPTIONS_INIT;
	struct report_trend t;
	size_t i;
	int rc;

	if ((rc = report_trend_open(&t, c)) != EXIT_OK)
		return rc;
	o.unit_id = c->a.unit;
	fputs("{\n\"schema\": \"airs-report/1\",\n", c->out);
	for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		airs_diag d = AIRS_DIAG_INIT;

		fprintf(c->out, "\"%s\": ", parts[i].key);
		rc = airs_result_write_v2(c->result, parts[i].table, AIRS_OUTPUT_JSON,
		                          &o, cli_write_file, c->out, &d);
		if (rc != AIRS_OK) {
			report_trend_close(&t);
			return cli_written(c, rc, &d);
		}
		if (i + 1 < sizeof parts / sizeof parts[0])
			fputs(",\n", c->out);
	}
	report_trend_json(&t, c->out, c->a.unit);
	fputs("}\n", c->out);
	report_trend_close(&t);
	return EXIT_OK;
}

/* --by and --manager: 1 for a report on manager groups, 0 for units, -1
 * for a usage error (printed). */
static int by_manager(struct cli *c)
{
	if (c->a.by && strcmp(c->a.by, "unit") && strcmp(c->a.by, "manager")) {
		cli_error(c, "--by '%s': unit or manager", c->a.by);
		return -1;
	}
	if (c->a.manager && c->a.by && !strcmp(c->a.by, "unit")) {
		cli_error(c, "--manager ID reports on manager groups: leave out "
		          "--by unit");
		return -1;
	}
	if ((c->a.manager || (c->a.by && !strcmp(c->a.by, "manager"))) &&
	    c->a.depth) {
		cli_error(c, "--depth is for units; --manager ID shows one "
		          "manager's line");
		return -1;
	}
	return c->a.manager || (c->a.by && !strcmp(c->a.by, "manager"));
}

/* The tools table, made on a thread of its own while the report is laid
 * out (report_open() reads the result too; both only read it).  On
 * failure nothing is kept: toolview_open() tries again and says why. */
struct tools_task {
	const airs_result *result;
	airs_tools *tools;
};

static void make_tools(void *arg)
{
	struct tools_task *x = arg;
	airs_diag d = AIRS_DIAG_INIT;
	airs_tools *t = NULL;

	if (airs_result_tools(x->result, &t, &d) == AIRS_OK)
		x->tools = t;
}

/* The page's focus areas' driver analysis, made on a thread of its own
 * while the page is laid out, as the tools table is.  On failure nothing
 * is kept: html_focus() tries again and says why. */
struct focus_task {
	const airs_result *result;
	airs_drivers *d;
};

static void make_focus(void *arg)
{
	struct focus_task *x = arg;

	if (html_focus_analysis(x->result, &x->d) != AIRS_OK)
		x->d = NULL;
}

/* The text or html report: laid out while the tools table (and for a
 * page the focus areas' analysis) is made and the input digest that
 * scoring started (cli_score()) is finished; all are joined before the
 * first line is printed. */
static int report_page(struct cli *c, int format, const char *dir)
{
	struct tools_task x = { c->result, NULL };
	struct focus_task fx = { c->result, NULL };
	struct task t = { 0 }, ft = { 0 };
	struct report r;
	int rc;

	if (format == CLI_HTML && cli_background(c))
		task_start(&ft, make_focus, &fx);
	if (!c->tools && cli_background(c))
		task_start(&t, make_tools, &x);
	rc = report_open(&r, c, dir);
	if (rc == EXIT_OK)
		rc = cli_open_output(c);
	task_join(&t);
	task_join(&ft);
	cli_digest_join(c);
	if (x.tools)
		c->tools = x.tools;
	if (rc != EXIT_OK) {
		airs_drivers_free(fx.d);
		report_close(&r);
		return rc;
	}
	r.focus = fx.d;
	return report_print(&r, format);
}

static int run(struct cli *c)
{
	int managers = by_manager(c);
	int format = managers < 0 ? 0
	             : cli_format(c, CLI_TEXT | CLI_JSON | CLI_HTML |
	                                     (managers ? CLI_CSV : 0));
	/* Name the sample rather than its path: the path differs per install. */
	const char *dir = c->a.data ? c->a.data : "the bundled sample company";
	int rc;

	if (!format)
		return EXIT_USAGE;
	if (format == CLI_JSON && c->a.depth) {
		cli_error(c, "--depth is for text and html; json holds every unit");
		return EXIT_USAGE;
	}
	/* every report prints the provenance but a manager report's text
	 * and csv */
	c->digest_early = !managers || format == CLI_JSON;
	if ((rc = cli_score(c)) != EXIT_OK)
		return rc;
	if ((rc = cli_check_selection(c)) != EXIT_OK)
		return rc;
	if (managers || format == CLI_JSON)
		cli_digest_join(c); /* they print the provenance first */
	if (managers)
		return report_managers(c, format, dir);
	if (format == CLI_JSON)
		return (rc = cli_open_output(c)) != EXIT_OK ? rc : report_json(c);
	return report_page(c, format, dir);
}

const struct cli_command cmd_report = {
	"report",
	"organisation summary: findings, maturity, sentiment, skills, flags",
	"[--data DIR] [--unit ID] [--depth N] [--by GROUPS] [options]",
	"data follow-symlinks map strict config set as-of unit depth by manager base-archive archive-key format output help",
	"\nformats:\n"
	"  text    plain text tables, the default\n"
	"  json    provenance, coverage, units, constructs and skill gaps in one\n"
	"          document (with --by manager or --manager: the managers)\n"
	"  html    one self-contained page with charts (no scripts)\n"
	"\nWithout --data the report runs on the bundled sample company\n"
	"($AIRS_SAMPLE_DIR overrides where it is looked for).  --unit ID reports\n"
	"on that unit and the units below it; --depth N (text and html) shows\n"
	"units down to N levels below the top (default 2).  Survey values of\n"
	"groups smaller than anonymity.min_group are never shown.\n"
	"--by manager reports on every manager's direct reports and whole line\n"
	"(the manager is in neither); --manager ID on one manager's team and the\n"
	"managers in their line; both also take --format csv, one row per\n"
	"manager group.  Their survey values are suppressed jointly with the\n"
	"units', so that neither hierarchy can be used against the other.\n",
	run,
};

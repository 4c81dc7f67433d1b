/*
 * report.c - the scope and the units of `airs report`, and the figures
 * its text, HTML and summary share.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

const int report_heat_constructs[] = {
	AIRS_CONSTRUCT_CLARITY, AIRS_CONSTRUCT_USEFULNESS, AIRS_CONSTRUCT_TRUST,
	AIRS_CONSTRUCT_SECURITY, AIRS_CONSTRUCT_SUPPORT, AIRS_CONSTRUCT_VOICE,
	AIRS_CONSTRUCT_RECOMMEND, AIRS_CONSTRUCT_ERROR_CHANGE,
};
const size_t report_heat_nconstructs =
	sizeof report_heat_constructs / sizeof report_heat_constructs[0];

int report_unit(const struct report *r, size_t i, airs_unit_score *out)
{
	airs_unit_score init = AIRS_UNIT_SCORE_INIT;

	*out = init;
	return i == AIRS_ROLLUP_ORG ? airs_rollup_org(r->ru, out)
	                            : airs_rollup_unit(r->ru, i, out);
}

size_t report_nrows(const struct report *r)
{
	return r->nshown + (r->top == AIRS_ROLLUP_ORG);
}

size_t report_row(const struct report *r, size_t i)
{
	if (r->top == AIRS_ROLLUP_ORG)
		return i == 0 ? AIRS_ROLLUP_ORG : r->shown[i - 1];
	return r->shown[i];
}

int report_level(const struct report *r, const airs_unit_score *u)
{
	if (!u->id)
		return -1;
	return r->top == AIRS_ROLLUP_ORG ? u->depth : u->depth - r->scope.depth;
}

int report_within(const struct report *r, size_t a, size_t b)
{
	while (a != REPORT_NONE && a != b)
		a = r->parent[a];
	return a == b;
}

int report_names_a_part(const struct report *r, const airs_unit_score *u)
{
	return u->id && u->headcount < r->scope.headcount;
}

int report_survey_state(const airs_construct_score *s)
{
	if (s->respondents != AIRS_SUPPRESSED)
		return s->respondents > 0 && !isnan(s->mean) ? SURVEY_TOTAL : SURVEY_NONE;
	if ((s->staff != AIRS_SUPPRESSED && s->staff > 0 && !isnan(s->staff_mean)) ||
	    (s->leaders != AIRS_SUPPRESSED && s->leaders > 0 &&
	     !isnan(s->leaders_mean)))
		return SURVEY_PARTIAL;
	return SURVEY_HIDDEN;
}

void report_survey_items(const struct report *r, size_t *items, size_t *scored)
{
	const airs_model *m = r->c->model;
	size_t i, n = airs_model_count(m, AIRS_ENTITY_SURVEY_ITEM);

	*items = n;
	*scored = 0;
	for (i = 0; i < n; i++) {
		airs_survey_item_rec it = AIRS_SURVEY_ITEM_REC_INIT;

		if (airs_model_get_survey_item(m, i, &it) == AIRS_OK && it.construct &&
		    airs_construct_parse(it.construct, strlen(it.construct), NULL) ==
		    AIRS_OK)
			(*scored)++;
	}
}

double report_target_floor(const struct report *r, int target)
{
	char name[32];
	double t = NAN;

	if (target == 1)
		return 0;
	if (target < 2 || target > 5)
		return NAN;
	snprintf(name, sizeof name, "levels.t%d", target);
	if (airs_params_get_double(r->c->params, name, &t) != AIRS_OK)
		return NAN;
	return t;
}

static int by_gap(const void *pa, const void *pb)
{
	const struct skill_gap *a = pa, *b = pb;

	if (a->gap != b->gap)
		return a->gap < b->gap ? 1 : -1;
	return a->skill < b->skill ? -1 : a->skill > b->skill;
}

size_t report_skill_gaps(const struct report *r, struct skill_gap **out)
{
	size_t ns = airs_rollup_skill_count(r->ru), i, m = 0;
	struct skill_gap *g = calloc(ns ? ns : 1, sizeof *g);

	*out = g;
	if (!g) {
		cli_lost();
		return 0;
	}
	for (i = 0; i < ns; i++) {
		double gap;
		uint64_t count;

		if (airs_rollup_skill(r->ru, r->top, i, &gap, &count) == AIRS_OK &&
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

size_t report_widest(const struct report *r, size_t skill, double *gap)
{
	size_t i, best = REPORT_NONE;

	*gap = -1;
	/* Among units big enough to name without pointing at a person. */
	for (i = 0; i < r->nshown; i++) {
		airs_unit_score u;
		double g;
		uint64_t count;

		if (airs_rollup_skill(r->ru, r->shown[i], skill, &g, &count) != AIRS_OK ||
		    count < (uint64_t)r->k ||
		    report_unit(r, r->shown[i], &u) != AIRS_OK ||
		    !report_names_a_part(r, &u))
			continue;
		if (g > *gap) {
			*gap = g;
			best = r->shown[i];
		}
	}
	return best;
}

const airs_plan_cohort *report_course_for(struct cli *c, const char *skill_id,
                                          airs_plan_cohort *out)
{
	size_t i, n = airs_result_cohort_count(c->result);

	/* Cohorts come most people first. */
	for (i = 0; i < n; i++) {
		airs_plan_cohort init = AIRS_PLAN_COHORT_INIT;

		*out = init;
		if (airs_result_cohort(c->result, i, out) == AIRS_OK &&
		    out->skill_id && !strcmp(out->skill_id, skill_id) &&
		    out->employees > 0)
			return out;
	}
	return NULL;
}

/* Parents from tree order: a unit's parent is the last unit before it
 * one level up. */
static int find_parents(struct report *r)
{
	size_t *stack, i;

	r->parent = malloc((r->nunits ? r->nunits : 1) * sizeof *r->parent);
	r->udepth = malloc((r->nunits ? r->nunits : 1) * sizeof *r->udepth);
	stack = malloc((r->nunits ? r->nunits : 1) * sizeof *stack);
	if (!r->parent || !r->udepth || !stack) {
		free(stack);
		return -1;
	}
	for (i = 0; i < r->nunits; i++) {
		airs_unit_score u;
		int d;

		report_unit(r, i, &u);
		r->udepth[i] = u.depth;
		d = u.depth < 0 ? 0 : u.depth;
		r->parent[i] = d > 0 && (size_t)d <= i ? stack[d - 1] : REPORT_NONE;
		stack[d] = i;
	}
	free(stack);
	return 0;
}

/* Per unit of the model: 1 when it is in the scope (--unit). */
static unsigned char *units_in_scope(const struct report *r)
{
	const airs_model *m = r->c->model;
	size_t n = airs_model_count(m, AIRS_ENTITY_UNIT), i, u;
	unsigned char *in = calloc(n ? n : 1, 1);

	for (i = 0; in && i < n; i++) {
		airs_unit_rec rec = AIRS_UNIT_REC_INIT;
		in[i] = airs_model_get_unit(m, i, &rec) == AIRS_OK &&
		        airs_rollup_find_unit(r->ru, rec.id, &u) == AIRS_OK &&
		        report_within(r, u, r->top);
	}
	return in;
}

/* Of the people in scope with a score (the summary's "of the N people
 * with a score"), whose readiness rests on one component: read as
 * columns, not person by person (the scope is usually everyone). */
static int count_single(struct report *r)
{
	const airs_result *res = r->c->result;
	size_t n = res ? airs_result_employee_count(res) : 0, i;
	double *cov, *score, *unit = NULL;
	unsigned char *in = NULL;
	int k, rc;

	if (!n) /* merged partials have no employees */
		return 0;
	cov = malloc(n * sizeof *cov);
	score = malloc(n * sizeof *score);
	rc = !cov || !score ||
	     airs_result_column(res, AIRS_COLUMN_COVERAGE, cov, n) ||
	     airs_result_column(res, AIRS_COLUMN_READINESS, score, n);
	if (!rc && r->top != AIRS_ROLLUP_ORG)
		rc = !(unit = malloc(n * sizeof *unit)) || !(in = units_in_scope(r)) ||
		     airs_result_column(res, AIRS_COLUMN_UNIT, unit, n);
	for (i = 0; !rc && i < n; i++) {
		if (isnan(score[i]) || (unit && !in[(size_t)unit[i]]))
			continue;
		for (k = 0; k < AIRS_COMPONENT_COUNT_; k++)
			if ((unsigned)cov[i] == 1u << k)
				r->single[k]++;
	}
	free(cov);
	free(score);
	free(unit);
	free(in);
	return rc ? -1 : 0;
}

/* The members by their own barrier point, per unit and in the scope,
 * as the rollup's unit ADKAR profiles count them (methodology 4.6); for
 * the scope also whose readiness rests on one component. */
static int count_barriers(struct report *r)
{
	airs_unit_adkar a = AIRS_UNIT_ADKAR_INIT;
	size_t i;

	r->barriers = calloc(r->nunits ? r->nunits : 1, sizeof *r->barriers);
	if (!r->barriers)
		return -1;
	for (i = 0; i < r->nshown; i++) { /* the sections show no others */
		if (airs_rollup_adkar(r->ru, r->shown[i], &a) != AIRS_OK)
			return -1;
		memcpy(r->barriers[r->shown[i]], a.barriers, sizeof r->barriers[0]);
	}
	if (airs_rollup_adkar(r->ru, r->top, &a) != AIRS_OK)
		return -1;
	memcpy(r->scope_barriers, a.barriers, sizeof r->scope_barriers);
	return count_single(r);
}

static int select_units(struct report *r)
{
	size_t i, first = 0, end = r->nunits;

	r->shown = malloc((r->nunits ? r->nunits : 1) * sizeof *r->shown);
	if (!r->shown)
		return -1;
	if (r->top != AIRS_ROLLUP_ORG) {
		first = r->top;
		for (end = first + 1; end < r->nunits && report_within(r, end, first);
		     end++)
			;
	}
	for (i = first; i < end; i++) {
		/* report_level() of unit i, from the depth find_parents() kept */
		int level = r->top == AIRS_ROLLUP_ORG ? r->udepth[i]
		                                      : r->udepth[i] - r->scope.depth;

		if (level <= r->depth)
			r->shown[r->nshown++] = i;
		else
			r->deeper++;
	}
	return 0;
}

static int parse_depth(struct report *r)
{
	const char *s = r->c->a.depth;
	char *end;
	long v;

	r->depth = REPORT_DEFAULT_DEPTH;
	if (!s)
		return EXIT_OK;
	v = strtol(s, &end, 10);
	if (!*s || *end || v < 0 || v > 1000) {
		cli_error(r->c, "--depth needs a whole number from 0 to 1000, not '%s'",
		          s);
		return EXIT_USAGE;
	}
	r->depth = (int)v;
	return EXIT_OK;
}

int report_open(struct report *r, struct cli *c, const char *dir)
{
	size_t i, roots = 0;
	int rc;

	memset(r, 0, sizeof *r);
	r->c = c;
	r->dir = dir;
	/* airs merge reports a rollup alone: no employees, no model */
	r->ru = c->result ? airs_result_rollup(c->result) : c->rollup;
	r->k = cli_anonymity_k(c);
	r->nunits = airs_rollup_unit_count(r->ru);
	r->top = AIRS_ROLLUP_ORG;
	if ((rc = parse_depth(r)) != EXIT_OK)
		return rc;
	if (c->a.unit && airs_rollup_find_unit(r->ru, c->a.unit, &r->top) != AIRS_OK) {
		cli_error(c, "no unit '%s' in the data", c->a.unit);
		return EXIT_DATA;
	}
	report_unit(r, r->top, &r->scope);
	if (find_parents(r) || select_units(r) || count_barriers(r)) {
		cli_error(c, "out of memory");
		return EXIT_DATA;
	}
	/* The organisation is called by its one root unit's name, if it has
	 * exactly one; a unit by its own. */
	r->title = r->top == AIRS_ROLLUP_ORG ? "Organisation" : r->scope.name;
	for (i = 0; i < r->nunits; i++)
		roots += r->parent[i] == REPORT_NONE;
	if (r->top == AIRS_ROLLUP_ORG && roots == 1) {
		airs_unit_score u;

		report_unit(r, 0, &u);
		r->title = u.name;
	}
	return report_trend_open(&r->trend, c);
}

int report_print(struct report *r, int format)
{
	int rc = EXIT_OK;

	if (format == CLI_HTML)
		rc = report_html(r);
	else
		report_text(r);
	report_close(r);
	return rc;
}

void report_close(struct report *r)
{
	report_trend_close(&r->trend);
	airs_drivers_free(r->focus);
	free(r->parent);
	free(r->udepth);
	free(r->shown);
	free(r->barriers);
	memset(r, 0, sizeof *r);
}

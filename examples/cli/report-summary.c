/*
 * report-summary.c - the executive summary of `airs report`: a few
 * findings, each chosen by a fixed rule from published figures and told
 * in plain sentences with its numbers (the rules are in docs/cli.md,
 * "The summary").
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * Rules read only what the rollup publishes: a suppressed figure is
 * never a candidate, never recomputed, and a finding that would need
 * one is left out or says it is hidden.  A unit is named only when it
 * holds part of the scope (report_names_a_part) and, for a share, at
 * least anonymity.min_group people; when units are nested, the first
 * named one keeps its subtree and ancestors out of the same list.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "toolview.h"

#define MAX_NAMED 3

/* Append to a finding's text. */
static void add(struct finding *f, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
static void add(struct finding *f, const char *fmt, ...)
{
	size_t len = strlen(f->text);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->text + len, sizeof f->text - len, fmt, ap);
	va_end(ap);
	/* A sentence cut by a very long name must not end inside a UTF-8
	 * character. */
	len = strlen(f->text);
	if (len + 1 == sizeof f->text) {
		while (len > 0 && ((unsigned char)f->text[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0 && ((unsigned char)f->text[len - 1] & 0xC0) == 0xC0)
			len--;
		f->text[len] = '\0';
	}
}

static double pct(uint64_t part, uint64_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0;
}

/* A candidate unit for "where" and its figures. */
struct named {
	size_t unit;
	double key;        /* what it is ranked by, larger first */
	double tie;        /* then this, larger first */
	uint64_t n, of;    /* the "n of m" it is reported with */
};

/* Keep the best MAX_NAMED candidates, none inside or above another:
 * rank by key then tie (tree order last), skip nested units. */
static size_t pick(const struct report *r, struct named *cand, size_t ncand,
                   struct named *out)
{
	size_t chosen = 0, i, j;

	while (chosen < MAX_NAMED) {
		size_t best = REPORT_NONE;

		for (i = 0; i < ncand; i++) {
			int nested = 0;

			if (cand[i].unit == REPORT_NONE)
				continue;
			for (j = 0; j < chosen; j++)
				nested |= report_within(r, cand[i].unit, out[j].unit) ||
				          report_within(r, out[j].unit, cand[i].unit);
			if (nested)
				continue;
			if (best == REPORT_NONE || cand[i].key > cand[best].key ||
			    (cand[i].key == cand[best].key && cand[i].tie > cand[best].tie))
				best = i;
		}
		if (best == REPORT_NONE)
			break;
		out[chosen++] = cand[best];
		cand[best].unit = REPORT_NONE;
	}
	return chosen;
}

/* "A (x), B (y) and C (z)" with the format given for one item. */
static void add_list(const struct report *r, struct finding *f,
                     const struct named *list, size_t n, int share)
{
	size_t i;

	for (i = 0; i < n; i++) {
		airs_unit_score u;

		report_unit(r, list[i].unit, &u);
		add(f, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", u.name);
		if (share)
			add(f, " (%.0f%% of %llu)", pct(list[i].n, list[i].of),
			    (unsigned long long)list[i].of);
		else
			add(f, " (%llu of %llu)", (unsigned long long)list[i].n,
			    (unsigned long long)list[i].of);
	}
}

/* Rule 1: people left behind, and the units with the most of them. */
static int left_behind(const struct report *r, struct finding *f)
{
	uint64_t lb = r->scope.flags[0];
	struct named *all, top[MAX_NAMED];
	size_t i, n = 0, m;
	double bar = 40;

	if (lb == AIRS_SUPPRESSED || r->scope.scored == 0)
		return 0;   /* nobody has a readiness to be flagged on: rule 7 */
	airs_params_get_double(r->c->params, "flags.left_behind_readiness", &bar);
	f->section = "flags";
	if (lb == 0) {
		add(f, "Nobody is flagged as left behind (readiness below %.0f with "
		    "little training or support).", bar);
		return 1;
	}
	add(f, "%llu of %llu people (%.0f%%) are left behind: readiness below "
	    "%.0f with little training or support.", (unsigned long long)lb,
	    (unsigned long long)r->scope.headcount, pct(lb, r->scope.headcount),
	    bar);
	if (!(all = malloc((r->nshown ? r->nshown : 1) * sizeof *all))) {
		cli_lost();
		return 1;
	}
	for (i = 0; i < r->nshown; i++) {
		airs_unit_score u;

		if (report_unit(r, r->shown[i], &u) != AIRS_OK ||
		    !report_names_a_part(r, &u) || u.flags[0] == AIRS_SUPPRESSED ||
		    u.flags[0] == 0)
			continue;
		all[n].unit = r->shown[i];
		all[n].key = (double)u.flags[0];
		all[n].tie = pct(u.flags[0], u.headcount);
		all[n].n = u.flags[0];
		all[n].of = u.headcount;
		n++;
	}
	if ((m = pick(r, all, n, top)) > 0) {
		add(f, " The most are in ");
		add_list(r, f, top, m, 0);
		add(f, ".");
	}
	free(all);
	return 1;
}

/* Rule 2: the share below target, and the units furthest from it. */
static int below_target(const struct report *r, struct finding *f)
{
	struct named *all, top[MAX_NAMED];
	size_t i, n = 0, m;
	const airs_unit_score *s = &r->scope;

	if (s->scored == 0)
		return 0;   /* rule 7 says why */
	f->section = "maturity";
	if (s->with_target == 0) {
		add(f, "No unit here has a target level, so nobody can be measured "
		    "against one: set target levels in the units' data.");
		return 1;
	}
	add(f, "%.0f%% of people are below their unit's target level "
	    "(%.0f of %llu).", 100 * s->below_target_share,
	    s->below_target_share * (double)s->with_target,
	    (unsigned long long)s->with_target);
	if (!(all = malloc((r->nshown ? r->nshown : 1) * sizeof *all))) {
		cli_lost();
		return 1;
	}
	for (i = 0; i < r->nshown; i++) {
		airs_unit_score u;

		if (report_unit(r, r->shown[i], &u) != AIRS_OK ||
		    !report_names_a_part(r, &u) || u.with_target < (uint64_t)r->k ||
		    !(u.below_target_share > 0))
			continue;
		all[n].unit = r->shown[i];
		all[n].key = u.below_target_share;
		all[n].tie = (double)u.with_target;
		all[n].n = (uint64_t)llround(u.below_target_share * (double)u.with_target);
		all[n].of = u.with_target;
		n++;
	}
	if ((m = pick(r, all, n, top)) > 0) {
		add(f, " Furthest behind: ");
		add_list(r, f, top, m, 1);
		add(f, ".");
	}
	free(all);
	return 1;
}

/* Rule 3: the widest leader-staff gap among the constructs scored 0..100
 * (time saved, in hours, is reported on its own). */
static int perception(const struct report *r, struct finding *f)
{
	airs_construct_score best = AIRS_CONSTRUCT_SCORE_INIT;
	int k, bestk = -1, published = 0, higher = 0, lower = 0;

	if (r->scope.respondents == 0 || r->scope.respondents == AIRS_SUPPRESSED)
		return 0;   /* rule 7 says why */
	f->section = "perception";
	for (k = 0; k < AIRS_CONSTRUCT_COUNT_; k++) {
		airs_construct_score s = AIRS_CONSTRUCT_SCORE_INIT;

		if (k == AIRS_CONSTRUCT_TIME_SAVED ||
		    airs_rollup_construct(r->ru, r->top, k, &s) != AIRS_OK ||
		    isnan(s.perception_gap))
			continue;
		published++;
		higher += s.perception_gap > 0;
		lower += s.perception_gap < 0;
		if (bestk < 0 || fabs(s.perception_gap) > fabs(best.perception_gap)) {
			best = s;
			bestk = k;
		}
	}
	if (bestk < 0) {
		add(f, "Leaders and staff cannot be compared here: on every survey "
		    "measure fewer than %d leaders or staff answered, or their figures "
		    "are hidden to protect anonymity.", r->k);
		return 1;
	}
	if (best.perception_gap >= 0)
		add(f, "Leaders rate AI higher than staff on %d of %d survey measures; "
		    "the widest gap is %s: leaders %.0f, staff %.0f of 100 "
		    "(%.0f points).", higher, published,
		    cli_phrase(CLI_CONSTRUCT, bestk), 100 * best.leaders_mean,
		    100 * best.staff_mean, 100 * best.perception_gap);
	else
		add(f, "Staff rate AI higher than leaders on %d of %d survey measures; "
		    "the widest gap is %s: staff %.0f, leaders %.0f of 100 "
		    "(%.0f points).", lower, published,
		    cli_phrase(CLI_CONSTRUCT, bestk), 100 * best.staff_mean,
		    100 * best.leaders_mean, -100 * best.perception_gap);
	return 1;
}

/* Rule 4: the most common ADKAR barrier point and what helps there. */
static int barrier(const struct report *r, struct finding *f)
{
	const uint64_t *b = r->scope_barriers;
	int e, best = -1;

	if (!r->c->result) /* merged partials: no one's barrier point */
		return 0;
	f->section = "adkar";
	for (e = 0; e < AIRS_ADKAR_COUNT_; e++) {
		if (b[e] > 0 && (best < 0 || b[e] > b[best]))
			best = e;
	}
	if (best < 0 && b[AIRS_BARRIER_NONE] > 0)
		add(f, "Nobody has an ADKAR barrier point: every element of change "
		    "that could be scored is above the threshold.");
	else if (best < 0)
		add(f, "No ADKAR barrier point is known for anyone: it needs skill "
		    "assessments against role requirements or tool-usage data.");
	else
		add(f, "%s is the most common ADKAR barrier point, holding back "
		    "%llu of %llu people (%.0f%%); what helps: %s.",
		    cli_name(CLI_BARRIER, best), (unsigned long long)b[best],
		    (unsigned long long)r->scope.headcount,
		    pct(b[best], r->scope.headcount), cli_meaning(CLI_BARRIER, best));
	return 1;
}

/* Rule 5: the widest skill gap over at least k people, and its course. */
static int skill_gap(const struct report *r, struct finding *f)
{
	struct skill_gap *g;
	size_t n = report_skill_gaps(r, &g), i, where;
	airs_plan_cohort co;
	const char *id;
	double wg;

	for (i = 0; i < n && g[i].count < (uint64_t)r->k; i++)
		;
	if (i == n) {
		free(g);
		return 0;   /* rule 7 says why when there is nothing at all */
	}
	f->section = "skills";
	id = airs_rollup_skill_id(r->ru, g[i].skill);
	add(f, "The widest skill gap is %s: %.1f levels below what roles require, "
	    "on average over %llu people assessed", cli_skill_name(r->c->model, id),
	    g[i].gap, (unsigned long long)g[i].count);
	if ((where = report_widest(r, g[i].skill, &wg)) != REPORT_NONE) {
		airs_unit_score u;

		report_unit(r, where, &u);
		add(f, ", most in %s (%.1f)", u.name, wg);
	}
	if (report_course_for(r->c, id, &co))
		add(f, ". The course \xe2\x80\x9c%s\xe2\x80\x9d teaches it and would "
		    "serve %llu people with this gap across the organisation.",
		    report_course_name(r->c->model, co.course_id),
		    (unsigned long long)co.employees);
	else if (r->c->result)
		add(f, ". No course in the catalogue teaches it.");
	else /* merged partials carry no catalogue */
		add(f, ".");
	free(g);
	return 1;
}

/* Rule 6: the most pressing AI tool signal of the scope (methodology
 * 9.4: a mismatch, then shadow work, then lapsing; larger groups
 * first), told as the tools section tells it - the tool, not the
 * people, when the tool is the problem - and how many more it lists. */
static int tool_signal(const struct report *r, struct finding *f)
{
	struct tool_finding tf[REPORT_TOOL_FINDINGS];
	struct toolview v;
	size_t g0, g1, n;

	if (airs_model_count(r->c->model, AIRS_ENTITY_TOOL) == 0 ||
	    toolview_open(&v, r->c) != EXIT_OK)
		return 0;
	toolview_subtree(&v, r->top, &g0, &g1);
	n = toolview_findings(&v, g0, g1, r->top == AIRS_ROLLUP_ORG, tf,
	                      REPORT_TOOL_FINDINGS);
	toolview_close(&v);
	if (n == 0)
		return 0;
	f->section = "tools";
	add(f, "%s", tf[0].text);
	if (n > 1)
		add(f, " The AI tools section lists %zu more tool finding%s.", n - 1,
		    n == 2 ? "" : "s");
	return 1;
}

/* Rule 7: what the data lacks, so the reader knows what the numbers
 * cannot say. */
static int coverage(const struct report *r, struct finding *out)
{
	struct finding gaps, *f = &gaps;
	const airs_model *m = r->c->model;
	static const char *const component_words[AIRS_COMPONENT_COUNT_] = {
		"skill fit", "training records", "survey answers", "tool usage",
	};
	const airs_unit_score *s = &r->scope;
	size_t items, scored;
	int k;

	if (!r->c->result) /* merged partials: the model's files are not there */
		return 0;
	memset(&gaps, 0, sizeof gaps);
	out->section = "about";
	report_survey_items(r, &items, &scored);
	if (items == 0)
		add(f, " The data has no survey, so sentiment, the AI net score and "
		    "time saved cannot be shown.");
	else if (scored == 0)
		add(f, " The survey in the data asks about other things (%zu item%s, "
		    "none on what airs scores), so sentiment, the AI net score and "
		    "time saved cannot be shown.", items, items == 1 ? "" : "s");
	else if (s->respondents == 0)
		add(f, " Nobody answered the survey here.");
	else if (s->respondents == AIRS_SUPPRESSED)
		add(f, " Fewer than %d people answered the survey here, so its "
		    "figures are hidden.", r->k);
	else if (pct(s->respondents, s->headcount) < 60)
		add(f, " Only %.0f%% answered the survey (%llu of %llu), so its "
		    "figures may not speak for everyone.",
		    pct(s->respondents, s->headcount),
		    (unsigned long long)s->respondents,
		    (unsigned long long)s->headcount);
	if (s->insufficient)
		add(f, " %llu people have too little evidence for a score.",
		    (unsigned long long)s->insufficient);
	for (k = 0; k < AIRS_COMPONENT_COUNT_; k++)
		if (r->single[k] > 0 && pct(r->single[k], s->scored) >= 50)
			add(f, " For %llu of the %llu people with a score, readiness rests "
			    "on %s alone.", (unsigned long long)r->single[k],
			    (unsigned long long)s->scored, component_words[k]);
	if (airs_model_count(m, AIRS_ENTITY_ROLE_SKILL) == 0)
		add(f, " No role lists the skills it requires, so skill gaps cannot "
		    "be measured.");
	else if (airs_model_count(m, AIRS_ENTITY_ASSESSMENT) == 0)
		add(f, " Nobody's skills were assessed, so skill gaps cannot be "
		    "measured.");
	if (airs_model_count(m, AIRS_ENTITY_USAGE) == 0)
		add(f, " There is no AI tool usage data, so actual use cannot be "
		    "measured.");
	if (!gaps.text[0])
		return 0;
	memcpy(out->text, "Gaps in the data:", 17);
	memcpy(out->text + 17, gaps.text, sizeof out->text - 18);
	out->text[sizeof out->text - 1] = '\0';
	return 1;
}

size_t report_summary(const struct report *r, struct finding *out, size_t cap)
{
	static int (*const rules[])(const struct report *, struct finding *) = {
		left_behind, below_target, perception, barrier, skill_gap,
		tool_signal, coverage,
	};
	size_t i, n = 0;

	for (i = 0; i < sizeof rules / sizeof rules[0] && n < cap; i++) {
		memset(&out[n], 0, sizeof out[n]);
		if (rules[i](r, &out[n]))
			n++;
	}
	return n;
}

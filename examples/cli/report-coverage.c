/*
 * report-coverage.c - what the data behind a report cover (methodology
 * 1.1 and 2), the section that opens the text and HTML reports: which
 * inputs there are and how many people have each, who could not be
 * scored and why, how the as-of date was chosen, and what readiness and
 * the AI net score are made of.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * The counts come from airs_result_coverage(); the number of people who
 * answered the survey is the rollup's, hidden where the rollup hides it.
 */
#include <stdarg.h>
#include <string.h>

#include "report.h"

static void put(struct report_coverage *cv, const char *fmt, ...)
{
	char *line;
	size_t used;
	va_list ap;

	if (cv->n >= REPORT_COVERAGE_LINES)
		return;
	line = cv->line[cv->n++];
	used = strlen(line);
	va_start(ap, fmt);
	vsnprintf(line + used, sizeof cv->line[0] - used, fmt, ap);
	va_end(ap);
}

/* Append to the line being written (the last one). */
static void more(struct report_coverage *cv, const char *fmt, ...)
{
	char *line = cv->line[cv->n - 1];
	size_t used = strlen(line);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line + used, sizeof cv->line[0] - used, fmt, ap);
	va_end(ap);
}

/* Inputs: "skill assessments for 240 people", ... and the missing. */
static void inputs(const struct report *r, const airs_coverage *c,
                   struct report_coverage *cv)
{
	static const char *const what[AIRS_INPUT_COUNT_] = {
		"required skills for", "skill assessments for", "training for",
		"answers to scored survey items from", "AI tool usage for",
	};
	static const char *const missing[AIRS_INPUT_COUNT_] = {
		"required skills of roles", "skill assessments", "training",
		"a survey", "AI tool usage",
	};
	const uint64_t with[AIRS_INPUT_COUNT_] = {
		c->with_requirements, c->with_assessments, c->with_training,
		c->respondents, c->with_usage,
	};
	int k, first = 1;

	put(cv, "Inputs:");
	for (k = 0; k < AIRS_INPUT_COUNT_; k++) {
		if (!(c->inputs >> k & 1))
			continue;
		if (with[k] == AIRS_SUPPRESSED)
			more(cv, "%s %s fewer than %d people", first ? "" : ";", what[k],
			     r->k);
		else
			more(cv, "%s %s %llu of %llu people", first ? "" : ";", what[k],
			     (unsigned long long)with[k],
			     (unsigned long long)c->employees);
		first = 0;
	}
	if (first)
		more(cv, " none");
	for (k = 0, first = 1; k < AIRS_INPUT_COUNT_; k++)
		if (!(c->inputs >> k & 1)) {
			more(cv, "%s%s", first ? ". Not in the data: " : ", ", missing[k]);
			first = 0;
		}
	more(cv, ".");
}

/* Who has a score, and why the others have none. */
static void scored(const airs_coverage *c, struct report_coverage *cv)
{
	const uint64_t by[] = { c->no_skill_assessment, c->few_skills_assessed,
	                        c->no_requirements, c->no_component };
	static const char *const why[] = {
		"no skill assessment",
		"fewer than the required share of their role's skills assessed",
		"a role that lists no required skills",
		"no weighted data at all",
	};
	size_t k;
	int first = 1;

	put(cv, "Scored: %llu of %llu people have a readiness score and a "
	    "level.", (unsigned long long)c->scored,
	    (unsigned long long)c->employees);
	if (!c->insufficient)
		return;
	more(cv, " %llu cannot be scored, the evidence being too thin:",
	     (unsigned long long)c->insufficient);
	for (k = 0; k < sizeof by / sizeof by[0]; k++)
		if (by[k]) {
			more(cv, "%s %llu with %s", first ? "" : ";",
			     (unsigned long long)by[k], why[k]);
			first = 0;
		}
	more(cv, ". They count in no mean, level or share; training or tool "
	     "use alone never gives a level.");
}

static void as_of(const struct report *r, struct report_coverage *cv)
{
	airs_as_of_info ai = AIRS_AS_OF_INFO_INIT;
	char date[11], bulk[11];

	if (airs_result_as_of_info(r->c->result, &ai) != AIRS_OK)
		return;
	airs_date_format(ai.as_of, date);
	if (ai.rule == AIRS_AS_OF_GIVEN) {
		put(cv, "As of %s, the date the as-of parameter sets.", date);
		return;
	}
	if (ai.rule == AIRS_AS_OF_NO_EVIDENCE) {
		put(cv, "As of %s: the data hold no dated evidence.", date);
		return;
	}
	put(cv, "As of %s, the latest observed evidence (planned training "
	    "does not count)", date);
	if (ai.left_out) {
		airs_date_format(ai.bulk, bulk);
		more(cv, "; %llu record%s dated far after %s, where the rest of "
		     "the data ends, left out as likely typos", (unsigned long long)
		     ai.left_out, ai.left_out == 1 ? "" : "s", bulk);
	}
	more(cv, ".");
}

/* Which survey period the survey figures read (methodology 4.1). */
static void survey_period(const struct report *r, struct report_coverage *cv)
{
	airs_provenance p = AIRS_PROVENANCE_INIT;
	char a[11], b[11];

	if (cli_provenance(r->c, &p) != AIRS_OK ||
	    (!p.survey_answers && !p.survey_answers_outside))
		return; /* no answer to a scored item: nothing to say */
	if (!p.survey_start) {
		if (p.survey_answers_outside)
			put(cv, "Survey figures read no answer: no survey period "
			    "has closed by the as-of date, and the %llu answers "
			    "dated on or before it count once theirs has "
			    "(figures read closed periods only, so that reports "
			    "at two dates never differ by one person's answers).",
			    (unsigned long long)p.survey_answers_outside);
		return;
	}
	airs_date_format(p.survey_start, a);
	airs_date_format(p.survey_end, b);
	put(cv, "Survey figures read the %llu answers to scored items of the "
	    "survey period "
	    "%s to %s", (unsigned long long)p.survey_answers, a, b);
	if (p.survey_wave_id)
		more(cv, " (wave %s), the latest closed by the as-of date",
		     p.survey_wave_id);
	else
		more(cv, ", the latest calendar month with answers closed by the "
		     "as-of date (the data declare no survey waves)");
	if (p.survey_answers_outside)
		more(cv, "; %llu answers of other periods are not read",
		     (unsigned long long)p.survey_answers_outside);
	more(cv, ".");
}

int report_coverage(const struct report *r, struct report_coverage *cv)
{
	airs_coverage c = AIRS_COVERAGE_INIT;
	char v[8];
	int rc;

	memset(cv, 0, sizeof *cv);
	if ((rc = airs_result_coverage(r->c->result, r->top == AIRS_ROLLUP_ORG
	                               ? NULL : r->scope.id, &c)) != AIRS_OK) {
		if (rc == AIRS_ENOMEM)
			cli_lost();
		return -1;
	}
	inputs(r, &c, cv);
	scored(&c, cv);
	as_of(r, cv);
	survey_period(r, cv);
	airs_params_get(r->c->params, "privacy.individual_sentiment", v, sizeof v);
	if (strcmp(v, "1") == 0)
		put(cv, "Readiness includes each person's own survey sentiment "
		    "(individual sentiment is switched on).");
	else
		put(cv, "Readiness leaves the survey out, as by default: survey "
		    "answers count only in group figures.");
	if (!(c.inputs >> AIRS_INPUT_RESPONSES & 1))
		return 0;
	put(cv, "The AI net score: of the answers to the survey's \"would "
	    "recommend\" item on a 0-10 scale, the share of 9-10 minus the share "
	    "of 0-6, from -100 to 100. \"No answers\" means nobody answered; "
	    "\"fewer than %d\" means answers exist but are hidden to keep people "
	    "anonymous.", r->k);
	return 0;
}

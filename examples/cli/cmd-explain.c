/*
 * cmd-explain.c - `airs explain`: one employee's score in plain words.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * Written for the employee, not the analyst: what each part of the
 * score is, where they stand against what their role needs, and how many
 * of their points it gives.  airs_result_explain() returns lines whose
 * points add up to the readiness, so the text can say "x of your y
 * points" and be exact.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *component_words(int component)
{
	switch (component) {
	case AIRS_COMPONENT_TRAINING: return "Training";
	case AIRS_COMPONENT_SENTIMENT: return "How you feel about AI at work";
	case AIRS_COMPONENT_ADOPTION: return "Using AI tools";
	default: return "Skills";
	}
}

static const char *adkar_words(int barrier)
{
	switch (barrier) {
	case AIRS_ADKAR_AWARENESS:
		return "knowing why AI tools matter for your work (awareness)";
	case AIRS_ADKAR_DESIRE:
		return "wanting to use them (desire)";
	case AIRS_ADKAR_KNOWLEDGE:
		return "knowing how to use them (knowledge)";
	case AIRS_ADKAR_ABILITY:
		return "using them in your daily work (ability)";
	case AIRS_ADKAR_REINFORCEMENT:
		return "support that keeps the new habits going (reinforcement)";
	case AIRS_BARRIER_NONE:
		return NULL;
	default:
		return NULL;
	}
}

static const char *flag_words(int flag)
{
	switch (flag) {
	case AIRS_FLAG_LEFT_BEHIND:
		return "you may be missing out on training or support that others get";
	case AIRS_FLAG_FATIGUE:
		return "a lot of recent training and falling enthusiasm: time to pause";
	case AIRS_FLAG_REVERSION:
		return "you have been trained but rarely use the tools yet";
	case AIRS_FLAG_OVERCONFIDENCE:
		return "your self-assessment is well above your test results in a skill";
	case AIRS_FLAG_NO_BENEFIT:
		return "you use the tools but report little benefit from them";
	default:
		return NULL;
	}
}

/* 2.5 -> "2.5", 3 -> "3". */
static const char *level_text(char *buf, size_t n, double v)
{
	if (fabs(v - floor(v + 0.5)) < 1e-9)
		snprintf(buf, n, "%.0f", v);
	else
		snprintf(buf, n, "%.1f", v);
	return buf;
}

static int run(struct cli *c)
{
	airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
	airs_contribution *lines = NULL;
	size_t idx, count = 0, i;
	char total[32] = CLI_NONE, a[32], b[32], p[32];
	FILE *out;
	int rc, any;

	if (!c->a.data || !c->a.employee) {
		cli_error(c, "--data DIR and --employee ID are required");
		return EXIT_USAGE;
	}
	if ((rc = cli_score(c)) != EXIT_OK || (rc = cli_check_selection(c)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_output(c)) != EXIT_OK)
		return rc;
	out = c->out;
	airs_result_find_employee(c->result, c->a.employee, &idx);
	airs_result_employee(c->result, idx, &e);
	if (airs_result_explain(c->result, idx, NULL, 0, &count) != AIRS_OK ||
	    !(lines = calloc(count ? count : 1, sizeof *lines))) {
		cli_error(c, "out of memory");
		return EXIT_DATA;
	}
	for (i = 0; i < count; i++) {
		airs_contribution init = AIRS_CONTRIBUTION_INIT;
		lines[i] = init;
	}
	if (airs_result_explain(c->result, idx, lines, count, &count) != AIRS_OK) {
		free(lines);
		cli_error(c, "cannot explain employee '%s'", e.id);
		return EXIT_DATA;
	}

	fprintf(out, "Employee %s, %s in %s\n", e.id, cli_role_name(c->model, e.role_id),
	        cli_unit_name(c->model, e.unit_id));
	if (isnan(e.readiness)) {
		fprintf(out, "There is not enough data yet to give you a readiness "
		             "score.\n");
	} else {
		cli_num(total, sizeof total, e.readiness, 1);
		fprintf(out, "Your AI readiness is %s of 100", total);
		if (e.level)
			fprintf(out, ", maturity level %d of 5", e.level);
		if (e.target)
			fprintf(out, "; your unit aims for level %d", e.target);
		fprintf(out, ".\n");
	}
	cli_heading(c, "Where your points come from");
	for (i = 0; i < count; i++) {
		const airs_contribution *l = &lines[i];
		double room = 100 * l->weight;

		cli_num(p, sizeof p, l->points, 1);
		cli_num(b, sizeof b, room, 1);
		if (l->skill_id) {
			const char *name = cli_skill_name(c->model, l->skill_id);

			level_text(b, sizeof b, l->required);
			if (l->status == AIRS_CONTRIBUTION_NOT_ASSESSED || isnan(l->level)) {
				cli_say(out, "  %s: not assessed yet; your role needs "
				        "level %s.\n", name, b);
				continue;
			}
			cli_say(out, "  %s: you are at level %.1f of the %s your role "
			        "needs %s %s of your %s points.\n", name, l->level, b,
			        "\xe2\x80\x94", p, total);
			continue;
		}
		switch (l->status) {
		case AIRS_CONTRIBUTION_ABSENT:
			cli_say(out, "  %s: no data yet, so it does not count.\n",
			        component_words(l->component));
			break;
		case AIRS_CONTRIBUTION_WITHHELD:
			cli_say(out, "  %s: private (survey answers count only "
			        "for groups).\n",
			        component_words(l->component));
			break;
		default:
			cli_num(a, sizeof a, 100 * l->value, 0);
			cli_say(out, "  %s: %s%% %s %s of your %s points (at most %s).\n",
			        component_words(l->component), a, "\xe2\x80\x94", p, total,
			        b);
		}
	}
	free(lines);

	cli_heading(c, "What would help most");
	any = 0;
	if (adkar_words(e.barrier)) {
		cli_say(out, "  Your next step is %s.\n", adkar_words(e.barrier));
		any = 1;
	}
	for (i = 0; i < AIRS_FLAG_COUNT_; i++)
		if (e.flags & (1u << i)) {
			cli_say(out, "  Note: %s.\n", flag_words(1 << i));
			any = 1;
		}
	if (!any)
		fprintf(out, "  Nothing stands out: keep going.\n");
	fprintf(out, "\nThese notes describe support you may need, never a "
	             "judgement of you.\n");
	return EXIT_OK;
}

const struct cli_command cmd_explain = {
	"explain",
	"explain one employee's score in plain words",
	"--data DIR --employee ID [options]",
	"data follow-symlinks map strict employee config set as-of output help",
	"\nShows each part of the readiness score: every skill the role needs\n"
	"(the level reached against the level required) and training,\n"
	"sentiment and tool use, with the points each contributes.\n",
	run,
};

/*
 * names.c - what people read instead of the library's ids: one table of
 * the names and meanings of survey constructs, flags and ADKAR barrier
 * points, for every output of the program.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * The library names these with ids ("left_behind", "time_saved") that
 * exports and config files use; a report for people uses the words
 * below.  Meanings follow docs/methodology.md (sections 3.4, 3.8, 3.9
 * and 8.4) and docs/responsible-use.md.
 */
#include <stddef.h>

#include "cli.h"

struct name_row {
	int kind;             /* enum cli_name_kind */
	int value;            /* construct, flag bit number, or barrier */
	const char *title;    /* "Voice in decisions": a heading or a cell */
	const char *phrase;   /* "voice in decisions": inside a sentence */
	const char *meaning;  /* one line: what it is, or what helps */
};

static const struct name_row rows[] = {
	{ CLI_CONSTRUCT, AIRS_CONSTRUCT_CLARITY, "Clarity of purpose",
	  "clarity of purpose", "knowing why AI tools are introduced and what "
	  "is in it for them" },
	{ CLI_CONSTRUCT, AIRS_CONSTRUCT_USEFULNESS, "Usefulness", "usefulness",
	  "AI tools help them do their work" },
	{ CLI_CONSTRUCT, AIRS_CONSTRUCT_TRUST, "Trust in outputs",
	  "trust in outputs", "trusting AI output enough to use it" },
	{ CLI_CONSTRUCT, AIRS_CONSTRUCT_SECURITY, "Job security", "job security",
	  "feeling secure about their job as AI is adopted" },
	{ CLI_CONSTRUCT, AIRS_CONSTRUCT_SUPPORT, "Support", "support",
	  "getting the training, time and help to use AI well" },
	{ CLI_CONSTRUCT, AIRS_CONSTRUCT_VOICE, "Voice in decisions",
	  "voice in decisions", "their concerns are heard and acted on" },
	{ CLI_CONSTRUCT, AIRS_CONSTRUCT_RECOMMEND, "Would recommend",
	  "would recommend", "would recommend the AI tools to a colleague" },
	{ CLI_CONSTRUCT, AIRS_CONSTRUCT_TIME_SAVED, "Time saved", "time saved",
	  "hours a week the tools save them" },
	{ CLI_CONSTRUCT, AIRS_CONSTRUCT_ERROR_CHANGE, "Fewer errors",
	  "fewer errors", "their work has fewer errors since using AI" },

	{ CLI_FLAG, 0, "Left behind", "left behind",
	  "low readiness with little training or support" },
	{ CLI_FLAG, 1, "Training fatigue", "training fatigue",
	  "much recent training while sentiment falls" },
	{ CLI_FLAG, 2, "Reverted to old ways", "reverted to old ways",
	  "trained, but hardly using the tools" },
	{ CLI_FLAG, 3, "Overconfident self-rating", "overconfident self-rating",
	  "self-assessment well above test results" },
	{ CLI_FLAG, 4, "No benefit felt", "no benefit felt",
	  "using the tools, reporting no benefit" },

	{ CLI_BARRIER, AIRS_ADKAR_AWARENESS, "Awareness", "awareness",
	  "a role-specific briefing on what is in it for them, before any course" },
	{ CLI_BARRIER, AIRS_ADKAR_DESIRE, "Desire", "desire",
	  "a hands-on demonstration with a peer champion, and job-security "
	  "fears addressed openly" },
	{ CLI_BARRIER, AIRS_ADKAR_KNOWLEDGE, "Knowledge", "knowledge",
	  "the courses for the skills their role needs" },
	{ CLI_BARRIER, AIRS_ADKAR_ABILITY, "Ability", "ability",
	  "a guided practice project or mentoring after the courses" },
	{ CLI_BARRIER, AIRS_ADKAR_REINFORCEMENT, "Reinforcement", "reinforcement",
	  "check-ins with their manager, recognition, and AI skills in career "
	  "development" },
	{ CLI_BARRIER, AIRS_BARRIER_NONE, "None", "none",
	  "every element that could be scored is above the threshold" },
	{ CLI_BARRIER, AIRS_BARRIER_UNKNOWN, "Unknown", "unknown",
	  "no element could be scored from their data" },
};

static const struct name_row *find(int kind, int value)
{
	size_t i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (rows[i].kind == kind && rows[i].value == value)
			return &rows[i];
	return NULL;
}

const char *cli_name(int kind, int value)
{
	const struct name_row *r = find(kind, value);

	return r ? r->title : "";
}

const char *cli_phrase(int kind, int value)
{
	const struct name_row *r = find(kind, value);

	return r ? r->phrase : "";
}

const char *cli_meaning(int kind, int value)
{
	const struct name_row *r = find(kind, value);

	return r ? r->meaning : "";
}

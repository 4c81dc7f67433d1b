/*
 * airs/tools.h - adoption and value per AI tool: who uses which tool, who
 * made it a habit, who stopped, what they say it is worth, and how much
 * of the work goes to tools the organisation has not sanctioned.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * airs_result_tools() reads a result's model - its usage rows, its tool
 * registry (airs_model_add_tool(), tools.csv) and the answers to survey
 * items about one tool (airs_survey_item_rec.tool_id) - over the adoption
 * window of the result's parameters, and makes the tools table
 * (docs/methodology.md, section 9): one row per group and tool.
 *
 * Rows.  Groups are the units in tree order (each over its subtree, as
 * the rollup's), then the organisation, then the roles by id (each over
 * the whole organisation).  Within a group the rows are the set of all
 * tools (AIRS_TOOL_KIND_ALL: anyone who used any tool), the set of
 * unsanctioned tools (AIRS_TOOL_KIND_UNSANCTIONED, only when the model
 * has a registry: its unsanctioned tools and every tool it lacks), then
 * every tool the model knows by id.  So row i is group i / k, kind
 * i % k, with k = airs_tools_info.kinds.
 *
 * Anonymity (docs/responsible-use.md): usage is behaviour, not an
 * answer, but which tools a person uses is their business, so every row's
 * usage figures are published only for a group of no users or at least
 * anonymity.min_group of them, and the benefit (from survey answers) only
 * for a group of no respondents or at least that many - both with the
 * complementary suppression of methodology 4.1 across units, roles and
 * the organisation, so that no small group is recovered by difference.
 * A hidden count is AIRS_SUPPRESSED (airs/rollup.h), a hidden number NaN.
 *
 * Ownership: the table keeps the result's model alive (either may be
 * freed first); strings it returns live as long as the table.
 *
 * Thread safety: airs_result_tools() only reads the result and its
 * model; several threads may make tables of one result at once.  It
 * makes the table on up to the result's `threads` parameter's threads
 * (since 1.2; the same table for any number).  A table is read-only once
 * made.  Since 1.1.
 */
#ifndef AIRS_TOOLS_H
#define AIRS_TOOLS_H

#include "airs/rollup.h"
#include "airs/score.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct airs_tools airs_tools;

/* Which people a row describes. */
enum airs_tool_scope {
	AIRS_TOOL_SCOPE_UNIT = 0,         /* a unit's subtree */
	AIRS_TOOL_SCOPE_ORGANISATION = 1, /* everyone */
	AIRS_TOOL_SCOPE_ROLE = 2          /* a role, across the organisation */
};

/* Which tools a row counts. */
enum airs_tool_kind {
	AIRS_TOOL_KIND_TOOL = 0,          /* one tool */
	AIRS_TOOL_KIND_ALL = 1,           /* any tool */
	AIRS_TOOL_KIND_UNSANCTIONED = 2   /* any unsanctioned or unregistered
	                                     tool (shadow AI) */
};

/* What a row asks a leader to look at (methodology 9.5); bits. */
enum airs_tool_signal {
	AIRS_TOOL_SIGNAL_MISMATCH = 1 << 0, /* used a lot, said to help less
	                                       than the other tools the same
	                                       roles use: review the tool's
	                                       fit before more training */
	AIRS_TOOL_SIGNAL_LAPSING = 1 << 1,  /* many of its users stopped */
	AIRS_TOOL_SIGNAL_SHADOW = 1 << 2,   /* much of the work goes to
	                                       unsanctioned tools */
	AIRS_TOOL_SIGNAL_BITS_ = 3          /* bits this version knows */
};

/* Names as exports spell them ("unit", "organisation", "role"; "tool",
 * "all_tools", "unsanctioned_tools"; "mismatch", "lapsing", "shadow"),
 * NULL out of range; airs_tool_signal_name() takes one bit.  And back:
 * exactly len bytes, case-insensitively, AIRS_EPARSE otherwise (a
 * signal's bit). */
AIRS_API const char *airs_tool_scope_name(int scope);
AIRS_API int airs_tool_scope_parse(const char *text, size_t len, int *out);
AIRS_API const char *airs_tool_kind_name(int kind);
AIRS_API int airs_tool_kind_parse(const char *text, size_t len, int *out);
AIRS_API const char *airs_tool_signal_name(int signal);
AIRS_API int airs_tool_signal_parse(const char *text, size_t len, int *out);

/* Make the tools table of a result.  diag (may be NULL) receives the
 * message of a failure.  Errors: AIRS_EINVAL (NULL result or out, bad
 * diag size), AIRS_ENOMEM.  *out is NULL on failure.  A model without
 * usage rows gives a table whose usage figures are all 0. */
AIRS_API int airs_result_tools(const airs_result *result, airs_tools **out,
                               airs_diag *diag);

/* Free a table; NULL is a no-op. */
AIRS_API void airs_tools_free(airs_tools *tools);

/* What the whole table is about. */
typedef struct airs_tools_info {
	size_t size;            /* AIRS_TOOLS_INFO_INIT */
	size_t tools;           /* tools the model knows (registered or
	                           named), airs_model_get_tool() order */
	size_t kinds;           /* rows per group: tools + 1, + 1 more with
	                           a registry */
	size_t groups;          /* units + 1 + roles */
	size_t rows;            /* groups * kinds */
	int registry;           /* 1: the model has a tool registry */
	int lapse_known;        /* 1: the usage log reaches the as-of month,
	                           so lapsed and new users are known; 0:
	                           they are not (counts 0, shares NaN) */
	airs_month window_first, window_last; /* the adoption window */
	int recent_months;      /* tools.recent_months */
} airs_tools_info;
#define AIRS_TOOLS_INFO_INIT { sizeof(airs_tools_info), 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/* Errors: AIRS_EINVAL (NULL, size too small). */
AIRS_API int airs_tools_info_get(const airs_tools *tools,
                                  airs_tools_info *out);

/* One row: a group and a tool (or set of tools).  Counts of people are
 * over the group's employees; shares and their 95% intervals as in
 * methodology 4.3 (Wilson; the benefit's t interval takes the row's
 * users as its population).  Hidden for anonymity: counts
 * AIRS_SUPPRESSED, numbers and intervals NaN. */
typedef struct airs_tool_row {
	size_t size;            /* AIRS_TOOL_ROW_INIT */
	int scope;              /* enum airs_tool_scope */
	const char *unit_id;    /* unit rows; else NULL */
	const char *role_id;    /* role rows; else NULL */
	int kind;               /* enum airs_tool_kind */
	const char *tool_id;    /* tool rows; else NULL */
	int registered;         /* tool rows: 1 when in the registry */
	int sanctioned;         /* 1 sanctioned, 0 not (the unsanctioned
	                           set; a tool marked so, or, with a registry,
	                           one it lacks), -1 not known (no registry,
	                           and the all-tools rows) */
	uint64_t headcount;     /* employees of the group (never hidden) */
	uint64_t users;         /* active on the tool in the window */
	double active_share;    /* users / headcount */
	airs_interval active_share_ci;
	uint64_t habitual;      /* full use in tools.habit_months months */
	double habitual_share;  /* habitual / users */
	airs_interval habitual_share_ci;
	uint64_t lapsed;        /* active earlier, not in the recent months */
	double lapsed_share;    /* lapsed / users */
	airs_interval lapsed_share_ci;
	uint64_t new_users;     /* first use ever in the recent months */
	uint64_t active_days;   /* active days in the window, summed over
	                           users (a set's month counts the days of
	                           its busiest tool) */
	double activity_share;  /* active_days / the all-tools row's: for the
	                           unsanctioned set, the share of the days AI
	                           was used that went to unsanctioned tools */
	double active_days_median; /* over users: active days a month */
	double first_use_months_median; /* over users of a tool with
	                           available_from: months from it to their
	                           first use; NaN otherwise */
	uint64_t benefit_respondents; /* users who answered the tool's
	                           usefulness or time_saved items; 0 on the
	                           rows of sets */
	double benefit;         /* their mean benefit 0..1 */
	airs_interval benefit_ci;
	unsigned signals;       /* enum airs_tool_signal bits */
} airs_tool_row;
#define AIRS_TOOL_ROW_INIT                                               \
	{ sizeof(airs_tool_row), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, {0, 0}, 0, 0, \
	  {0, 0}, 0, 0, {0, 0}, 0, 0, 0, 0, 0, 0, 0, {0, 0}, 0 }

/* Row i (0 .. info.rows - 1).  Errors: AIRS_EINVAL (NULL, size too
 * small), AIRS_ERANGE. */
AIRS_API int airs_tools_row(const airs_tools *tools, size_t i,
                            airs_tool_row *out);

/* Write the table (docs/output-format.md, "Tools") as JSON - one document
 * with provenance, window and rows - or CSV, one line per row, through
 * the writer (airs/common.h).  Errors: AIRS_EINVAL (NULL, unknown
 * output, bad diag size), AIRS_EIO (the writer returned nonzero),
 * AIRS_ENOMEM. */
AIRS_API int airs_tools_write(const airs_tools *tools, int output,
                              airs_write_fn write, void *user,
                              airs_diag *diag);

#ifdef __cplusplus
}
#endif
#endif /* AIRS_TOOLS_H */

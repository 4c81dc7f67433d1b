/*
 * airs/compare.h - the change between two results (since 1.2).
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * airs_compare() compares a base result with a current one - two
 * datasets, or one dataset scored at two as-of dates in different survey
 * waves - for the organisation and every unit the two share by id
 * (units only in one are listed as added or removed).  For each figure
 * (enum airs_change_figure) it gives the base and current values, the
 * change current - base, its 95% interval and a two-sided p-value from a
 * test suited to the design (docs/methodology.md, 4.5 and 4.7):
 * paired when the group's people with the figure are the same in both
 * (matched by employee id: the paired t test of a mean, McNemar's exact
 * test of a yes/no share), else independent (Welch's t test, the
 * two-proportion z test).
 *
 * Anonymity (methodology 4.1, rule 4): a change of a survey figure is
 * published only when both sides are published by their rollups and the
 * group's respondent sets are the same or differ by at least
 * anonymity.min_group people (the larger of the two results'); else the
 * change, its interval, its p-value and the panel size are hidden (NaN,
 * AIRS_SUPPRESSED) with the reason in airs_change.reason.  Per-person
 * values never leave the library: only the group aggregates below.
 *
 * Ownership: a comparison owns its strings and keeps neither result;
 * both may be freed once airs_compare() returns.
 * Thread safety: airs_compare() only reads the results; a comparison is
 * read-only once returned and may be read from any number of threads.
 * It runs on the calling thread and its output does not depend on the
 * order of either dataset's rows.
 */
#ifndef AIRS_COMPARE_H
#define AIRS_COMPARE_H

#include "airs/rollup.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct airs_comparison airs_comparison;

/* How airs_compare() runs.  Since 1.2. */
typedef struct airs_compare_options {
	size_t size;             /* AIRS_COMPARE_OPTIONS_INIT */
	int allow_params_change; /* nonzero: compare results scored with
	                            different parameters (both digests are
	                            recorded: airs_comparison_digest()); 0:
	                            refuse them.  The as-of date is not a
	                            difference: comparing dates is the point */
} airs_compare_options;
#define AIRS_COMPARE_OPTIONS_INIT { sizeof(airs_compare_options), 0 }

/* The figures compared (methodology 4.7), each as the rollup publishes
 * it.  AIRS_CHANGE_CONSTRUCT + c is construct c's mean (enum
 * airs_construct); the figures from AIRS_CHANGE_LEVEL on were appended
 * in 1.2 and later ones will be appended after them: loop up to
 * AIRS_CHANGE_FIGURE_COUNT_ with airs_change_figure_name(). */
enum airs_change_figure {
	AIRS_CHANGE_READINESS = 0,     /* readiness mean of the scored */
	AIRS_CHANGE_BELOW_TARGET = 1,  /* share below target (of those with
	                                  a level and a target) */
	AIRS_CHANGE_RESPONSE_RATE = 2, /* survey respondents / headcount */
	AIRS_CHANGE_CONSTRUCT = 3,
	/* + l: the share of the headcount at maturity level l (0 unknown,
	 * 1..5), airs_unit_score.levels[l] / headcount */
	AIRS_CHANGE_LEVEL = 3 + AIRS_CONSTRUCT_COUNT_,
	/* + c: construct c's share of favourable item responses
	 * (airs_construct_score.favourable) */
	AIRS_CHANGE_FAVOURABLE = AIRS_CHANGE_LEVEL + 6,
	/* the AI net score, -100..100 (airs_unit_score.net_score) */
	AIRS_CHANGE_NET_SCORE = AIRS_CHANGE_FAVOURABLE + AIRS_CONSTRUCT_COUNT_,
	/* hours saved a week (airs_unit_score.time_saved) */
	AIRS_CHANGE_TIME_SAVED = AIRS_CHANGE_NET_SCORE + 1,
	/* + b: the share of the headcount with flag bit b (1 << b of enum
	 * airs_flag: left_behind .. lapsed) */
	AIRS_CHANGE_FLAG = AIRS_CHANGE_TIME_SAVED + 1,
	AIRS_CHANGE_FIGURE_COUNT_ = AIRS_CHANGE_FLAG + 6
};

/* The test a change was given. */
enum airs_change_test {
	AIRS_TEST_NONE = 0,       /* hidden, or no values on a side */
	AIRS_TEST_PAIRED_T = 1,   /* paired: same people, a mean */
	AIRS_TEST_MCNEMAR = 2,    /* paired: same people, a share */
	AIRS_TEST_WELCH = 3,      /* independent: a mean */
	AIRS_TEST_TWO_PROPORTION = 4 /* independent: a share */
};

/* Why a change is not published. */
enum airs_change_reason {
	AIRS_CHANGE_SHOWN = 0,
	AIRS_CHANGE_NO_VALUES = 1,      /* a side has nobody with the figure */
	AIRS_CHANGE_BASE_HIDDEN = 2,    /* the base rollup suppresses it */
	AIRS_CHANGE_CURRENT_HIDDEN = 3, /* the current rollup suppresses it */
	AIRS_CHANGE_FEW_CHANGED = 4     /* the respondent sets differ by 1 ..
	                                   min_group - 1 people */
};

/* "readiness", "below_target", "response_rate", "clarity", ...,
 * "level_0" .. "level_5", "clarity_favourable", ..., "net_score",
 * "time_saved_hours", "flag_left_behind", ..., "flag_lapsed"; test:
 * "none", "paired_t", "mcnemar", "welch", "two_proportion"; reason:
 * "shown", "no_values", "base_hidden", "current_hidden", "few_changed".
 * NULL out of range.  And back, as airs_component_parse(). */
AIRS_API const char *airs_change_figure_name(int figure);
AIRS_API const char *airs_change_test_name(int test);
AIRS_API const char *airs_change_reason_name(int reason);
AIRS_API int airs_change_figure_parse(const char *text, size_t len, int *out);
AIRS_API int airs_change_test_parse(const char *text, size_t len, int *out);
AIRS_API int airs_change_reason_parse(const char *text, size_t len, int *out);

/* One figure of one group.  Values that are hidden or unknown are NaN;
 * counts AIRS_SUPPRESSED when hidden.  base and current are shown when
 * their rollups publish them, even when the change is hidden. */
typedef struct airs_change {
	size_t size;            /* AIRS_CHANGE_INIT */
	int reason;             /* enum airs_change_reason */
	int test;               /* enum airs_change_test */
	double base, current;   /* the figure in each result */
	double change;          /* current - base */
	airs_interval ci;       /* 95% interval of the change */
	double p;               /* two-sided p-value */
	uint64_t base_n;        /* people the base value covers */
	uint64_t current_n;     /* people the current value covers */
	uint64_t panel;         /* of them in both (the pairs of a paired
	                           test); AIRS_SUPPRESSED for a survey
	                           figure's independent test, where it
	                           would tell how many answered both times */
	/* Since 1.2: a share's numerator - the people at the level, with
	 * the flag, below target, responding - on each side
	 * (AIRS_SUPPRESSED when that side is hidden); 0 for a mean. */
	uint64_t base_count;
	uint64_t current_count;
} airs_change;
#define AIRS_CHANGE_INIT \
	{ sizeof(airs_change), 0, 0, 0, 0, 0, {0, 0}, 0, 0, 0, 0, 0, 0 }

/* Compare current with base.  opts may be NULL for the defaults.  diag
 * (may be NULL) receives the message of a failure.  Errors: AIRS_EINVAL
 * (NULL result or out, bad options or diag size), AIRS_EMISMATCH
 * (parameters digests that differ in more than the as-of date, without
 * allow_params_change - the message names both digests), AIRS_ENOMEM.
 * Both results come from this library, so their methodology versions are
 * equal; archives (airs/archive.h, airs_compare_archives()) of another
 * version are refused as AIRS_EMISMATCH whatever the options say.  *out
 * is NULL on failure. */
AIRS_API int airs_compare(const airs_result *base, const airs_result *current,
                          const airs_compare_options *opts,
                          airs_comparison **out, airs_diag *diag);

AIRS_API void airs_comparison_free(airs_comparison *c);

/* The parameters digests of base (which 0) and current (which 1), as
 * their provenance gives them; NULL for another which.  They differ
 * whenever the as-of dates do. */
AIRS_API const char *airs_comparison_digest(const airs_comparison *c,
                                            int which);
/* 1 when the results' parameters differ in more than the as-of date
 * (possible only with allow_params_change), else 0. */
AIRS_API int airs_comparison_params_changed(const airs_comparison *c);

/* Units in both results, in the current result's tree order; their ids.
 * The organisation is AIRS_ROLLUP_ORG. */
AIRS_API size_t airs_comparison_unit_count(const airs_comparison *c);
AIRS_API const char *airs_comparison_unit_id(const airs_comparison *c,
                                             size_t unit);
/* Units only in the current result (added) or only in the base
 * (removed), each in its result's tree order. */
AIRS_API size_t airs_comparison_added_count(const airs_comparison *c);
AIRS_API const char *airs_comparison_added(const airs_comparison *c,
                                           size_t i);
AIRS_API size_t airs_comparison_removed_count(const airs_comparison *c);
AIRS_API const char *airs_comparison_removed(const airs_comparison *c,
                                             size_t i);

/* The change of figure in unit (or AIRS_ROLLUP_ORG).  Errors: AIRS_EINVAL
 * (NULL, size), AIRS_ERANGE (unit or figure out of range). */
AIRS_API int airs_comparison_change(const airs_comparison *c, size_t unit,
                                    int figure, airs_change *out);

#ifdef __cplusplus
}
#endif
#endif /* AIRS_COMPARE_H */

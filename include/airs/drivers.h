/*
 * airs/drivers.h - key-driver analysis: which attitudes and skills go
 * with adoption and benefit, per unit and for the organisation, with
 * intervals (since 1.1; docs/methodology.md, section 10).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * For an outcome (adoption, time saved, would-recommend, usefulness),
 * over the people of a group with every driver and the outcome present,
 * the analysis decomposes the R^2 of the outcome on the drivers (the six
 * attitude constructs, skill fit, training) into Johnson's relative
 * weights and the exact Shapley (LMG) shares, with the sign of each
 * driver's full-model coefficient and percentile bootstrap intervals from
 * a seeded generator.  It is association, not cause.
 *
 * It reads individual survey answers, so it publishes only aggregates of
 * groups the anonymity rules allow (methodology 10.5): the unit's totals
 * of every construct it reads are shown by the rollup, at least `min_n`
 * people with complete data, and the analysed groups' sizes are
 * themselves suppressed complementarily.  Any other group reads
 * AIRS_DRIVERS_HIDDEN or AIRS_DRIVERS_TOO_FEW with no figures.
 *
 * Thread safety: an analysis is immutable once made; several threads may
 * read one.  It copies what it publishes and may outlive the result.
 */
#ifndef AIRS_DRIVERS_H
#define AIRS_DRIVERS_H

#include "airs/export.h"
#include "airs/rollup.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct airs_drivers airs_drivers;

/* The outcomes a driver analysis explains. */
enum airs_outcome {
	AIRS_OUTCOME_ADOPTION = 0,   /* the adoption component (3.5) */
	AIRS_OUTCOME_TIME_SAVED = 1, /* the time_saved construct's score */
	AIRS_OUTCOME_RECOMMEND = 2,  /* the recommend construct's score */
	AIRS_OUTCOME_USEFULNESS = 3, /* the usefulness construct's score */
	AIRS_OUTCOME_COUNT_ = 4
};

/* The drivers: the six attitude constructs (as enum airs_construct),
 * then skill fit and training (components 3.2, 3.3).  An outcome is
 * never its own driver (usefulness), and a driver nobody in the
 * organisation has is left out. */
enum airs_driver {
	AIRS_DRIVER_CLARITY = 0,
	AIRS_DRIVER_USEFULNESS = 1,
	AIRS_DRIVER_TRUST = 2,
	AIRS_DRIVER_SECURITY = 3,
	AIRS_DRIVER_SUPPORT = 4,
	AIRS_DRIVER_VOICE = 5,
	AIRS_DRIVER_SKILL = 6,
	AIRS_DRIVER_TRAINING = 7,
	AIRS_DRIVER_COUNT_ = 8
};

/* Why a group has, or has not, an analysis. */
enum airs_drivers_status {
	AIRS_DRIVERS_ANALYSED = 0,
	AIRS_DRIVERS_HIDDEN = 1,  /* a construct it reads is hidden for the
	                             unit, or its size would let another
	                             group's be differenced (10.5) */
	AIRS_DRIVERS_TOO_FEW = 2  /* fewer people with complete data than
	                             the minimum */
};

AIRS_API const char *airs_outcome_name(int outcome);
AIRS_API int airs_outcome_parse(const char *text, size_t len, int *out);
AIRS_API const char *airs_driver_name(int driver);
AIRS_API int airs_driver_parse(const char *text, size_t len, int *out);
AIRS_API const char *airs_drivers_status_name(int status);
AIRS_API int airs_drivers_status_parse(const char *text, size_t len,
                                       int *out);

typedef struct airs_drivers_options {
	size_t size;        /* AIRS_DRIVERS_OPTIONS_INIT */
	int outcome;        /* enum airs_outcome (default adoption) */
	unsigned reps;      /* bootstrap resamples; 0: 1,000 */
	uint64_t seed;      /* of the resamples (rng.h); 0 is a seed too */
	uint64_t min_n;     /* fewest people with complete data; 0: 30.  At
	                       least 5 per estimated parameter (5 (k + 1)) is
	                       enforced whatever is asked. */
	int threads;        /* 0: automatic, as the `threads` parameter */
} airs_drivers_options;
#define AIRS_DRIVERS_OPTIONS_INIT \
	{ sizeof(airs_drivers_options), 0, 0, 0, 0, 0 }

/* Analyse result's units and organisation.  The options' NULL means
 * every default.  Errors, each with its message in diag: AIRS_EINVAL
 * (NULL result or out, bad struct sizes, an outcome or option out of
 * range), AIRS_ENOMEM; *out is then NULL. */
AIRS_API int airs_drivers_new(const airs_result *result,
                              const airs_drivers_options *options,
                              airs_drivers **out, airs_diag *diag);

/* NULL is a no-op. */
AIRS_API void airs_drivers_free(airs_drivers *drivers);

/* The outcome analysed, and the number of drivers k of every group's
 * model (the same for all groups). */
AIRS_API int airs_drivers_outcome(const airs_drivers *drivers);
AIRS_API size_t airs_drivers_count(const airs_drivers *drivers);

typedef struct airs_drivers_group {
	size_t size;          /* AIRS_DRIVERS_GROUP_INIT */
	const char *unit_id;  /* NULL for the organisation; owned by the
	                         analysis */
	int status;           /* enum airs_drivers_status */
	uint64_t n;           /* people analysed; AIRS_SUPPRESSED otherwise */
	double r2;            /* R^2 of the full model; NaN unless analysed */
	airs_interval r2_ci;  /* 95% percentile bootstrap interval */
	uint64_t min_n;       /* the minimum that applied */
	unsigned reps;        /* bootstrap resamples */
	uint64_t seed;
} airs_drivers_group;
#define AIRS_DRIVERS_GROUP_INIT \
	{ sizeof(airs_drivers_group), 0, 0, 0, 0, {0, 0}, 0, 0, 0 }

/* The group of unit (a rollup index) or AIRS_ROLLUP_ORG.  Errors:
 * AIRS_EINVAL (NULL, size), AIRS_ERANGE. */
AIRS_API int airs_drivers_unit(const airs_drivers *drivers, size_t unit,
                                    airs_drivers_group *out);

typedef struct airs_driver_weight {
	size_t size;            /* AIRS_DRIVER_WEIGHT_INIT */
	int driver;             /* enum airs_driver */
	double raw;             /* Johnson's raw relative weight; sum = R^2 */
	airs_interval raw_ci;
	double rescaled;        /* raw / R^2 (NaN when R^2 is 0) */
	double lmg;             /* Shapley / LMG share of R^2; sum = R^2 */
	airs_interval lmg_ci;
	int sign;               /* of the standardised coefficient: -1, 0, 1 */
	int rank;               /* 1 for the largest raw weight (ties: driver
	                           order) */
} airs_driver_weight;
#define AIRS_DRIVER_WEIGHT_INIT \
	{ sizeof(airs_driver_weight), 0, 0, {0, 0}, 0, 0, {0, 0}, 0, 0 }

/* Driver j (0 .. airs_drivers_count() - 1, in enum order) of a group;
 * every figure NaN (sign and rank 0) unless the group is analysed.
 * Errors: AIRS_EINVAL (NULL, size), AIRS_ERANGE. */
AIRS_API int airs_drivers_weight(const airs_drivers *drivers, size_t unit,
                                 size_t j, airs_driver_weight *out);

/* ---- Focus areas (since 1.2; methodology 10.7) ------------------------
 *
 * Per unit, the attitude drivers on which the unit stands apart from
 * the rest of the organisation, weighed by how much each goes with the
 * outcome: importance (the driver's rescaled weight in the nearest
 * analysed group containing the unit: itself, else an ancestor, else
 * the organisation) x the difference between the unit's favourable
 * share and the rest of the organisation's, with Newcombe's 95%
 * interval.  Drivers below the rest are opportunities, above it
 * strengths; the AIRS_FOCUS_TOP of each by |importance x difference|,
 * each with the change intervention that addresses it (clarity:
 * briefing; usefulness, trust: demonstration; security: security talk;
 * support, voice: check-in).  Skill fit and training are not focus
 * areas: a learning plan addresses them.  Only figures the rollup shows
 * are compared (the unit's and the organisation's construct totals),
 * and only with at least anonymity.min_group respondents in the rest. */
enum airs_focus_kind {
	AIRS_FOCUS_OPPORTUNITY = 0, /* the unit is below the rest */
	AIRS_FOCUS_STRENGTH = 1     /* the unit is above the rest */
};

/* Why a unit has the focus areas it has. */
enum airs_focus_status {
	AIRS_FOCUS_LISTED = 0,      /* compared: the areas listed (maybe none:
	                               no driver differs from the rest) */
	AIRS_FOCUS_NO_ANALYSIS = 1, /* no analysed group contains the unit:
	                               no importance to weigh by */
	AIRS_FOCUS_NO_REST = 2,     /* the organisation, or a unit with fewer
	                               than anonymity.min_group respondents
	                               outside it: nothing to compare with */
	AIRS_FOCUS_HIDDEN = 3       /* no attitude driver's figure is shown
	                               for the unit (4.1) */
};

#define AIRS_FOCUS_TOP 3

AIRS_API const char *airs_focus_kind_name(int kind);
AIRS_API int airs_focus_kind_parse(const char *text, size_t len, int *out);
AIRS_API const char *airs_focus_status_name(int status);
AIRS_API int airs_focus_status_parse(const char *text, size_t len, int *out);

typedef struct airs_focus_area {
	size_t size;            /* AIRS_FOCUS_AREA_INIT */
	int kind;               /* enum airs_focus_kind */
	int rank;               /* 1 .. AIRS_FOCUS_TOP within its kind */
	int driver;             /* enum airs_driver: an attitude construct */
	const char *importance_unit_id; /* the analysed group weighed by;
	                           NULL: the organisation; owned by the
	                           analysis */
	double importance;      /* the driver's rescaled weight there */
	double favourable;      /* the unit's favourable share (4) */
	double rest_favourable; /* the rest of the organisation's */
	double difference;      /* favourable - rest_favourable */
	airs_interval difference_ci; /* Newcombe's 95% interval, counting
	                           respondents as 4.3 does */
	double priority;        /* importance x difference */
	int clear;              /* 1 when the interval excludes 0 */
	int intervention;       /* enum airs_intervention (airs/plan.h) */
	uint64_t respondents;   /* the unit's, of the construct */
	uint64_t rest_respondents;
} airs_focus_area;
#define AIRS_FOCUS_AREA_INIT                                             \
	{ sizeof(airs_focus_area), 0, 0, 0, 0, 0, 0, 0, 0, {0, 0}, 0, 0, 0, \
	  0, 0 }

/* The focus areas of unit (a rollup index, or AIRS_ROLLUP_ORG): how
 * many (opportunities first, then strengths, each by rank) and why
 * (enum airs_focus_status); either pointer may be NULL.  Errors:
 * AIRS_EINVAL (NULL drivers), AIRS_ERANGE. */
AIRS_API int airs_drivers_focus_count(const airs_drivers *drivers,
                                      size_t unit, size_t *count,
                                      int *status);

/* Focus area i of unit.  Errors: AIRS_EINVAL (NULL, size),
 * AIRS_ERANGE (unit, or i not below the count). */
AIRS_API int airs_drivers_focus(const airs_drivers *drivers, size_t unit,
                                size_t i, airs_focus_area *out);

/* Write the analysis as JSON or CSV (enum airs_output;
 * docs/output-format.md, "Driver analysis") through write(data, len,
 * user): every group, the organisation first then units in tree order,
 * or with unit (a rollup index, or AIRS_ROLLUP_ORG) not AIRS_DRIVERS_ALL
 * that group alone.  Groups not analysed are listed with their status
 * and no figures.  Errors, each with its message in diag: AIRS_EINVAL
 * (NULL, unknown output), AIRS_ERANGE (unit), AIRS_EIO (the writer
 * returned nonzero). */
#define AIRS_DRIVERS_ALL ((size_t)-2)
AIRS_API int airs_drivers_write(const airs_drivers *drivers, size_t unit,
                                int output, airs_write_fn write, void *user,
                                airs_diag *diag);

#ifdef __cplusplus
}
#endif
#endif /* AIRS_DRIVERS_H */

/*
 * airs/score.h - per-employee readiness, maturity gap, ADKAR, flags and
 * explanations.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * airs_score() applies the methodology (docs/methodology.md) to a finished
 * model and returns a result: one score per employee, and the unit
 * aggregates (airs/rollup.h).  Results are deterministic: the same model
 * content and parameters give the same result whatever the order rows were
 * added in and whatever the number of threads.  Employees in a result are
 * ordered by id (bytewise).
 *
 * Ownership: a result keeps its model alive (the model may be freed first)
 * and owns copies of its parameters.  Strings it returns live as long as
 * the result.
 *
 * Thread safety: airs_score() only reads the model and the parameters, so
 * several threads may score the same model at once.  A result is
 * read-only once returned and may be read from any number of threads.
 * airs_score() itself starts worker threads (parameter "threads", or
 * airs_score_options.threads; 0, the default, means one per online CPU,
 * at most 8) and joins them before it returns; the model's allocator is
 * then called from those threads (airs/common.h, "Threads of its own").
 */
#ifndef AIRS_SCORE_H
#define AIRS_SCORE_H

#include "airs/model.h"
#include "airs/params.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct airs_result airs_result;

/* The version of the methodology this library implements. */
#define AIRS_METHODOLOGY_VERSION "1.2"

/* The components of readiness. */
enum airs_component {
	AIRS_COMPONENT_SKILL = 0,
	AIRS_COMPONENT_TRAINING = 1,
	AIRS_COMPONENT_SENTIMENT = 2,
	AIRS_COMPONENT_ADOPTION = 3,
	AIRS_COMPONENT_COUNT_ = 4
};

/* The ADKAR elements, and the barrier point values. */
enum airs_adkar {
	AIRS_ADKAR_AWARENESS = 0,
	AIRS_ADKAR_DESIRE = 1,
	AIRS_ADKAR_KNOWLEDGE = 2,
	AIRS_ADKAR_ABILITY = 3,
	AIRS_ADKAR_REINFORCEMENT = 4,
	AIRS_ADKAR_COUNT_ = 5,
	AIRS_BARRIER_NONE = 5,    /* every known element is above the threshold */
	AIRS_BARRIER_UNKNOWN = 6  /* no element could be scored */
};

/* Since 1.1 (in airs/plan.h until 1.2): where an ADKAR element was read -
 * behind a change intervention (methodology 8.4), in a unit's ADKAR
 * profile (4.6).  With individual answers withheld, Awareness,
 * Desire and Reinforcement come from the first published figure: the
 * unit's total mean, else its staff mean, else its leaders' mean, else
 * the same of the nearest ancestor unit that has one. */
enum airs_adkar_source {
	AIRS_ADKAR_SOURCE_PERSON = 0,  /* the person's own scores or answers */
	AIRS_ADKAR_SOURCE_UNIT = 1,    /* a unit's total construct means */
	AIRS_ADKAR_SOURCE_STAFF = 2,   /* a unit's staff (non-leaders) means */
	AIRS_ADKAR_SOURCE_LEADERS = 3, /* a unit's leaders' means */
	AIRS_ADKAR_SOURCE_COUNT_ = 4
};

/* Flags: support needs, never verdicts (docs/responsible-use.md). */
enum airs_flag {
	AIRS_FLAG_LEFT_BEHIND = 1 << 0,
	AIRS_FLAG_FATIGUE = 1 << 1,
	AIRS_FLAG_REVERSION = 1 << 2,
	AIRS_FLAG_OVERCONFIDENCE = 1 << 3,
	AIRS_FLAG_NO_BENEFIT = 1 << 4,
	AIRS_FLAG_COUNT_ = 5,     /* sizes 1.0's arrays: stays 5 */
	/* Since 1.1, past the count above: active on some AI tool earlier in
	 * the adoption window, on none in its last tools.recent_months
	 * (methodology 3.9).  airs_unit_score.flags has no room for it; the
	 * all-tools rows of the tools table count it (airs/tools.h). */
	AIRS_FLAG_LAPSED = 1 << 5,
	AIRS_FLAG_BITS_ = 6       /* flag bits this version knows (grows) */
};

/* Survey constructs (docs/data-format.md).  The first six are the
 * attitude constructs that make up the sentiment component. */
enum airs_construct {
	AIRS_CONSTRUCT_CLARITY = 0,
	AIRS_CONSTRUCT_USEFULNESS = 1,
	AIRS_CONSTRUCT_TRUST = 2,
	AIRS_CONSTRUCT_SECURITY = 3,
	AIRS_CONSTRUCT_SUPPORT = 4,
	AIRS_CONSTRUCT_VOICE = 5,
	AIRS_CONSTRUCT_RECOMMEND = 6,
	AIRS_CONSTRUCT_TIME_SAVED = 7,
	AIRS_CONSTRUCT_ERROR_CHANGE = 8,
	AIRS_CONSTRUCT_COUNT_ = 9
};

/* Names as used in exports: "skill", "awareness", "left_behind",
 * "clarity", ...; NULL when out of range.  airs_flag_name() takes a single
 * flag bit; airs_barrier_name() also names AIRS_BARRIER_NONE ("none") and
 * AIRS_BARRIER_UNKNOWN ("unknown"). */
AIRS_API const char *airs_component_name(int component);
AIRS_API const char *airs_adkar_name(int element);
AIRS_API const char *airs_barrier_name(int barrier);
AIRS_API const char *airs_flag_name(int flag);
AIRS_API const char *airs_construct_name(int construct);

/* And back (since 1.1): exactly len bytes, case-insensitively, into *out
 * (out may be NULL); AIRS_EPARSE for any other text.  airs_flag_parse()
 * gives the flag's bit; airs_adkar_parse() the five elements only,
 * airs_barrier_parse() also "none" and "unknown". */
AIRS_API int airs_component_parse(const char *text, size_t len, int *out);
AIRS_API int airs_adkar_parse(const char *text, size_t len, int *out);
AIRS_API int airs_barrier_parse(const char *text, size_t len, int *out);
AIRS_API int airs_flag_parse(const char *text, size_t len, int *out);
AIRS_API int airs_construct_parse(const char *text, size_t len, int *out);

/* Score every employee of a finished model.  params may be NULL for the
 * defaults.  diag (may be NULL) receives the message of a failure.
 * Errors: AIRS_EINVAL (NULL model or out, bad diag size, inconsistent
 * parameters), AIRS_ESTATE (model not finished), AIRS_ENOMEM.  *out is
 * NULL on failure. */
AIRS_API int airs_score(const airs_model *model, const airs_params *params,
                        airs_result **out, airs_diag *diag);

/* How airs_score_v2() runs: execution, not methodology - nothing here
 * changes a result or enters the parameters digest.  Since 1.1. */
typedef struct airs_score_options {
	size_t size;          /* sizeof(airs_score_options): AIRS_SCORE_OPTIONS_INIT */
	size_t threads;       /* 0: the parameters' "threads" (by default one
	                         per online CPU, at most 8); 1: the calling
	                         thread only; N: at most N */
	airs_progress_fn progress; /* NULL, or told how far scoring has got
	                         and asked whether to go on (airs/common.h) */
	void *user;           /* passed to progress */
} airs_score_options;
#define AIRS_SCORE_OPTIONS_INIT { sizeof(airs_score_options), 0, 0, 0 }

/* airs_score() with options (NULL: as airs_score()).  Errors as
 * airs_score(), and AIRS_ECANCELED when progress asked to stop (*out is
 * then NULL), AIRS_EINVAL for a bad options size.  Since 1.1. */
AIRS_API int airs_score_v2(const airs_model *model, const airs_params *params,
                           const airs_score_options *opts, airs_result **out,
                           airs_diag *diag);

/* Score a shard and write only its rollup partial, in `form`
 * (AIRS_PARTIAL_TEXT or AIRS_PARTIAL_BINARY, airs/rollup.h), through
 * write: the bytes airs_rollup_write_v2() writes of the rollup of
 * airs_score_v2(model, params, opts), without what only a finished
 * result needs (the subtree totals, medians and anonymity decisions of
 * the shard, which merging derives again for the whole; the course
 * cohorts).  For sharded scoring, where every shard's result would be
 * thrown away after writing its partial.  Errors as airs_score_v2(),
 * and AIRS_EINVAL (write NULL, an unknown form), AIRS_EIO (write
 * failed: what it was given is all there is), AIRS_ENOMEM.  Since 1.2. */
AIRS_API int airs_score_partial(const airs_model *model,
                                const airs_params *params,
                                const airs_score_options *opts, int form,
                                airs_write_fn write, void *user,
                                airs_diag *diag);

/* Score the model of prev again with params (NULL: the defaults),
 * reusing what the parameters that changed cannot affect: the result is
 * the one airs_score_v2(model of prev, params, opts) gives, bit for bit
 * (every record, the rollup, the suppression decisions, every export).
 * What is reused depends on the largest change (the classes are listed
 * per parameter in docs/methodology.md, section 5.1):
 *   - only parameters scoring does not read (plan.*, tools.* but
 *     tools.recent_months, threads, limits.*), or those that change only
 *     what follows from the components - weights.*, levels.*,
 *     evidence.min_skill_share, flags.left_behind_*,
 *     adkar.barrier_threshold: each person's readiness, range, evidence,
 *     level, gap, left_behind flag and barrier point again from the
 *     components and skill fits prev kept, the rollup's readiness sums
 *     refilled; the suppression decisions, survey and skill sums and the
 *     course cohorts reused.  Linear in employees, their required
 *     skills and the units and managers (the rollup's sums are
 *     copied): at 100,000 employees about a tenth of the first
 *     score's CPU time (docs/performance.md).
 *   - source.*, decay.half_life_days, training.hours_per_level,
 *     flags.fatigue_drop, flags.no_benefit_benefit,
 *     flags.overconfidence_gap, flags.reversion_*, tools.recent_months,
 *     privacy.individual_sentiment: every person scored again, the
 *     suppression decisions reused (they read only who answered).
 *   - as_of, as_of.*, anonymity.min_group, adoption.*,
 *     flags.fatigue_hours, flags.fatigue_window_days,
 *     flags.no_benefit_adoption: a score from scratch, as airs_score_v2().
 * Every result keeps what this reads: per employee 24 bytes and 8 per
 * skill their role requires, besides its records (so a re-scored result
 * can be re-scored in turn).  opts as airs_score_v2() (threads,
 * progress; NULL: the defaults).
 *
 * Ownership: *out is a new result, independent of prev (prev may be
 * freed first, in any thread); both keep the model alive.  Internally
 * they may share what neither changes (read only, reference-counted);
 * that changes nothing a caller sees.  prev is only read and is
 * left as it was whatever happens.
 * Errors: AIRS_EINVAL (NULL prev or out, bad diag or options size,
 * inconsistent parameters), AIRS_ENOMEM, AIRS_ECANCELED (progress asked
 * to stop); *out is NULL on failure.
 * Thread safety: several threads may re-score the same prev at once
 * (and read it meanwhile); as airs_score_v2() it starts and joins
 * threads of its own.  Since 1.2. */
AIRS_API int airs_rescore(const airs_result *prev, const airs_params *params,
                          const airs_score_options *opts, airs_result **out,
                          airs_diag *diag);

/* Free a result (and drop its reference to the model).  NULL is a no-op. */
AIRS_API void airs_result_free(airs_result *result);

/* The as-of date the result was computed for. */
AIRS_API airs_date airs_result_as_of(const airs_result *result);

/* How the as-of date was chosen (methodology 2; since 1.1). */
enum airs_as_of_rule {
	AIRS_AS_OF_GIVEN = 0,     /* the parameter as_of names it */
	AIRS_AS_OF_EVIDENCE = 1,  /* the latest date of observed evidence,
	                             records dated far beyond the rest left
	                             out */
	AIRS_AS_OF_NO_EVIDENCE = 2 /* no dated evidence at all: 1970-01-01 */
};
/* "given", "latest_evidence", "no_evidence"; NULL out of range.  And
 * back, as airs_component_parse().  Since 1.1. */
AIRS_API const char *airs_as_of_rule_name(int rule);
AIRS_API int airs_as_of_rule_parse(const char *text, size_t len, int *out);

/* The as-of date a scoring run uses and how it was found (methodology 2).
 * Observed evidence is every assessment, completed or in-progress
 * training, survey response and usage month (as its first day); planned
 * training never counts.  Since 1.1. */
typedef struct airs_as_of_info {
	size_t size;            /* AIRS_AS_OF_INFO_INIT */
	airs_date as_of;        /* the date the scores describe */
	int rule;               /* enum airs_as_of_rule */
	airs_date latest;       /* latest observed evidence, left-out records
	                           included; 0 when there is none */
	airs_date bulk;         /* the date the outlier rule measures from:
	                           the latest once the latest
	                           as_of.outlier_share of the records are set
	                           aside; 0 when not applied */
	uint64_t evidence;      /* dated records of observed evidence */
	uint64_t left_out;      /* of them, dated more than
	                           as_of.outlier_days after `bulk`: not used */
	uint64_t planned_after; /* planned training dated after as_of */
} airs_as_of_info;
#define AIRS_AS_OF_INFO_INIT \
	{ sizeof(airs_as_of_info), 0, 0, 0, 0, 0, 0, 0 }

/* The as-of date scoring model with params (NULL: the defaults) would
 * use, into out.  When on_diag is not NULL, each record left out by the
 * outlier rule is reported to it as a warning naming its file, line and
 * date column when the loader read it (records added through the API
 * have no position): at most 20 of them, then one warning that counts
 * the rest.  With a given as_of nothing is left out: records after it
 * are ignored as always.  Errors: AIRS_EINVAL (NULL model or out, size
 * too small, inconsistent parameters), AIRS_ESTATE (model not finished),
 * AIRS_ENOMEM.  Reads the model only; thread safety as airs_score().
 * Since 1.1. */
AIRS_API int airs_model_as_of(const airs_model *model,
                              const airs_params *params,
                              airs_as_of_info *out, airs_diag_fn on_diag,
                              void *user);

/* How the result's as-of date was chosen, as airs_model_as_of() said
 * when it was scored.  Errors: AIRS_EINVAL (NULL, size too small).
 * Since 1.1. */
AIRS_API int airs_result_as_of_info(const airs_result *result,
                                    airs_as_of_info *out);

/* Whether a person's data support a readiness and a level (methodology
 * 1.1; since 1.1).  Below the minimum evidence the readiness is NaN
 * ("insufficient"), the level 0 (unknown) and the gap NaN; the readiness
 * range still says what the data allow. */
enum airs_evidence {
	AIRS_EVIDENCE_SUFFICIENT = 0,
	AIRS_EVIDENCE_NO_REQUIREMENTS = 1,    /* the role requires no skill:
	                                         ability cannot be measured */
	AIRS_EVIDENCE_NO_SKILL_ASSESSMENT = 2, /* no required skill assessed */
	AIRS_EVIDENCE_FEW_SKILLS = 3,         /* fewer than
	                                         evidence.min_skill_share of
	                                         the required skills, by
	                                         number or by weight,
	                                         assessed */
	AIRS_EVIDENCE_NO_COMPONENT = 4,       /* no weighted component has
	                                         data */
	AIRS_EVIDENCE_COUNT_ = 5
};
/* "sufficient", "no_requirements", "no_skill_assessment",
 * "few_skills_assessed", "no_component"; NULL out of range.  And back.
 * Since 1.1. */
AIRS_API const char *airs_evidence_name(int evidence);
AIRS_API int airs_evidence_parse(const char *text, size_t len, int *out);

/* Number of employees in the result (all employees of the model). */
AIRS_API size_t airs_result_employee_count(const airs_result *result);

/* Position of an employee in the result.  Errors: AIRS_EINVAL,
 * AIRS_ENOTFOUND. */
AIRS_API int airs_result_find_employee(const airs_result *result,
                                       const char *employee_id, size_t *index);

/* One employee's scores.  Values that do not exist are NaN (numbers) or 0
 * (levels, ADKAR scores).  Components withheld for privacy are NaN and
 * marked in `withheld`. */
typedef struct airs_employee_score {
	size_t size;           /* sizeof(airs_employee_score): AIRS_EMPLOYEE_SCORE_INIT */
	const char *id;
	const char *unit_id;
	const char *role_id;
	int is_leader;
	double readiness;      /* 0..100, NaN when no component is present */
	int level;             /* maturity 1..5; 0 unknown */
	int target;            /* the unit's target 1..5; 0 none */
	double gap_levels;     /* target - level; NaN without level or target */
	double gap_points;     /* floor of the target level - readiness; NaN likewise */
	unsigned coverage;     /* bit (1 << component) per component present */
	unsigned withheld;     /* bit per component withheld for privacy */
	double skill_coverage; /* share of required skill weight assessed, 0..1 */
	double component[AIRS_COMPONENT_COUNT_]; /* values 0..1; NaN absent */
	double adkar[AIRS_ADKAR_COUNT_];        /* 1..5; 0 unknown */
	int barrier;           /* enum airs_adkar element, or AIRS_BARRIER_* */
	unsigned flags;        /* enum airs_flag bits that are raised */
	unsigned flags_evaluated; /* bits whose rule could be evaluated */
	/* ---- 1.0 ends here; every field below is zero for a 1.0 caller. */
	/* Since 1.1 (methodology 1.1): the lowest and highest readiness
	 * consistent with the data - every unassessed required skill at 0
	 * and at its required level, every absent component at 0 and at 1
	 * (sentiment counts only with privacy.individual_sentiment = 1).
	 * Equal to the readiness when nothing is missing; given also when
	 * the evidence is insufficient.  NaN when no weight could count. */
	double readiness_low;
	double readiness_high;
	int evidence;          /* enum airs_evidence */
	uint32_t skills_required; /* the role's required skills (level > 0) */
	uint32_t skills_assessed; /* of them assessed on or before the as-of
	                             date */
} airs_employee_score;
#define AIRS_EMPLOYEE_SCORE_INIT \
	{ sizeof(airs_employee_score), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, \
	  { 0 }, { 0 }, 0, 0, 0, 0, 0, 0, 0, 0 }

/* Fill out with the employee at index.  Errors: AIRS_EINVAL (NULL, size
 * too small), AIRS_ERANGE (index out of range). */
AIRS_API int airs_result_employee(const airs_result *result, size_t index,
                                  airs_employee_score *out);

/* Why the employee at index has, or has not, a readiness and a level,
 * in words: "no skill assessment (0 of 7 required skills assessed)",
 * "3 of 7 required skills assessed (53% of their weight); at least 50%
 * of both is needed", "all 7 required skills assessed", ...  Written
 * into buf, NUL-terminated and cut to n bytes; returns the length the
 * whole text needs, like snprintf (0 for a NULL result or an index out
 * of range).  Since 1.1. */
AIRS_API size_t airs_result_evidence_text(const airs_result *result,
                                          size_t index, char *buf, size_t n);

/* Inputs a dataset may hold, for data coverage (since 1.1). */
enum airs_input {
	AIRS_INPUT_REQUIREMENTS = 0, /* skills roles require (level > 0) */
	AIRS_INPUT_ASSESSMENTS = 1,
	AIRS_INPUT_TRAINING = 2,
	AIRS_INPUT_RESPONSES = 3,    /* survey responses, scored or not */
	AIRS_INPUT_USAGE = 4,
	AIRS_INPUT_COUNT_ = 5
};
/* "requirements", "assessments", "training", "responses", "usage";
 * NULL out of range.  And back.  Since 1.1. */
AIRS_API const char *airs_input_name(int input);
AIRS_API int airs_input_parse(const char *text, size_t len, int *out);

/* What the data cover, for the organisation or a unit's subtree: who
 * could be scored, who could not and why, and which inputs there are
 * and how many people have each (methodology 1.1).  Since 1.1. */
typedef struct airs_coverage {
	size_t size;             /* AIRS_COVERAGE_INIT */
	uint64_t employees;
	uint64_t scored;         /* with a readiness and a level */
	uint64_t insufficient;   /* the others: employees - scored, by
	                            reason (enum airs_evidence) below */
	uint64_t no_requirements;
	uint64_t no_skill_assessment;
	uint64_t few_skills_assessed;
	uint64_t no_component;
	unsigned inputs;         /* bit (1 << enum airs_input) per input the
	                            model holds */
	uint64_t with_requirements; /* people whose role requires skills */
	uint64_t with_assessments;  /* with an assessment on or before the
	                               as-of date */
	uint64_t with_training;  /* with completed or in-progress training
	                            on or before it */
	uint64_t with_usage;     /* with a usage row in the adoption window */
	uint64_t respondents;    /* answered a scored survey item: the
	                            rollup's figure, AIRS_SUPPRESSED where it
	                            hides it */
} airs_coverage;
#define AIRS_COVERAGE_INIT \
	{ sizeof(airs_coverage), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/* The coverage of the organisation (unit_id NULL or "") or of a unit
 * and everything below it, into out.  Linear in the employees.  Errors:
 * AIRS_EINVAL (NULL result or out, size too small), AIRS_ENOTFOUND (no
 * such unit).  Since 1.1. */
AIRS_API int airs_result_coverage(const airs_result *result,
                                  const char *unit_id, airs_coverage *out);

/* Columns for batch transfer (bindings, data frames): one value per
 * employee, in result order. */
enum airs_column {
	AIRS_COLUMN_READINESS = 0,
	AIRS_COLUMN_LEVEL = 1,
	AIRS_COLUMN_TARGET = 2,
	AIRS_COLUMN_GAP_LEVELS = 3,
	AIRS_COLUMN_GAP_POINTS = 4,
	AIRS_COLUMN_SKILL = 5,
	AIRS_COLUMN_TRAINING = 6,
	AIRS_COLUMN_SENTIMENT = 7,
	AIRS_COLUMN_ADOPTION = 8,
	AIRS_COLUMN_SKILL_COVERAGE = 9,
	AIRS_COLUMN_AWARENESS = 10,
	AIRS_COLUMN_DESIRE = 11,
	AIRS_COLUMN_KNOWLEDGE = 12,
	AIRS_COLUMN_ABILITY = 13,
	AIRS_COLUMN_REINFORCEMENT = 14,
	AIRS_COLUMN_BARRIER = 15,
	AIRS_COLUMN_FLAGS = 16,
	AIRS_COLUMN_COVERAGE = 17,
	AIRS_COLUMN_IS_LEADER = 18,
	AIRS_COLUMN_READINESS_LOW = 19,  /* since 1.1 */
	AIRS_COLUMN_READINESS_HIGH = 20, /* since 1.1 */
	AIRS_COLUMN_EVIDENCE = 21,       /* since 1.1: enum airs_evidence */
	/* Since 1.2: the rest of airs_employee_score, so that a data frame
	 * needs no call per employee. */
	AIRS_COLUMN_FLAGS_EVALUATED = 22, /* bit mask, as flags */
	AIRS_COLUMN_WITHHELD = 23,        /* bit mask, as coverage */
	AIRS_COLUMN_SKILLS_REQUIRED = 24,
	AIRS_COLUMN_SKILLS_ASSESSED = 25,
	AIRS_COLUMN_UNIT = 26, /* the employee's unit: its index in the model
	                          (airs_model_get_unit()) */
	AIRS_COLUMN_ROLE = 27, /* the employee's role: its index in the
	                          model (airs_model_get_role()) */
	AIRS_COLUMN_COUNT_ = 28
};

/* Name of a column ("readiness", "gap_levels", ...), or NULL; and back
 * (since 1.1, as airs_component_parse()). */
AIRS_API const char *airs_column_name(int column);
AIRS_API int airs_column_parse(const char *text, size_t len, int *out);

/* Copy a whole column into out[0 .. n-1] (n = airs_result_employee_count();
 * a smaller n copies the first n).  Integer columns are exact in a double.
 * Errors: AIRS_EINVAL (NULL, unknown column). */
AIRS_API int airs_result_column(const airs_result *result, int column,
                                double *out, size_t n);

/* Copy the employee ids (pointers owned by the result) into out[0..n-1]. */
AIRS_API int airs_result_ids(const airs_result *result, const char **out,
                             size_t n);

/* One line of an explanation: a component, or one required skill within
 * the skill component.  The points of all lines of an employee add up to
 * the readiness (within 1e-9).  When the evidence is too little for a
 * readiness (methodology 1.1) every line's weight and points are 0, and
 * a line with data has status AIRS_CONTRIBUTION_UNSCORED: its value,
 * level and confidence still say what is known. */
typedef struct airs_contribution {
	size_t size;          /* sizeof(airs_contribution): AIRS_CONTRIBUTION_INIT */
	int component;        /* enum airs_component */
	const char *skill_id; /* the skill for skill lines; NULL otherwise */
	double value;         /* component value, or the skill's fit, 0..1; NaN
	                         for a required skill without assessment */
	double weight;        /* share of the readiness this line can reach:
	                         points = 100 * weight * value */
	double points;        /* contribution to the readiness */
	double level;         /* skill lines: estimated level (NaN if none) */
	double required;      /* skill lines: required level */
	double confidence;    /* skill lines: evidence weight sum */
	int status;           /* 0 counted, 1 absent, 2 withheld for privacy,
	                         3 required but not assessed, 4 known but
	                         not counted: there is no readiness (since
	                         1.1; enum airs_contribution_status) */
} airs_contribution;
#define AIRS_CONTRIBUTION_INIT { sizeof(airs_contribution), 0, 0, 0, 0, 0, 0, 0, 0, 0 }

enum airs_contribution_status {
	AIRS_CONTRIBUTION_COUNTED = 0,
	AIRS_CONTRIBUTION_ABSENT = 1,
	AIRS_CONTRIBUTION_WITHHELD = 2,
	AIRS_CONTRIBUTION_NOT_ASSESSED = 3,
	AIRS_CONTRIBUTION_UNSCORED = 4  /* since 1.1: too little evidence
	                                   for a readiness (methodology 1.1) */
};

/* Explain the readiness of the employee at index: write up to cap lines
 * into out (each must have its size set; out may be NULL when cap is 0)
 * and the number of lines there are into *count.  Lines: one per required
 * skill (assessed or not), then one per non-skill component (present,
 * absent or withheld).  Errors: AIRS_EINVAL, AIRS_ERANGE, AIRS_ENOMEM. */
AIRS_API int airs_result_explain(const airs_result *result, size_t index,
                                 airs_contribution *out, size_t cap,
                                 size_t *count);

/* One employee's construct scores (0..1, NaN when unanswered).  These are
 * individual survey answers: only available when the result was computed
 * with privacy.individual_sentiment = 1; otherwise AIRS_EPRIVACY.
 * out must hold AIRS_CONSTRUCT_COUNT_ values: the count as 1.0 froze it,
 * 9; airs_result_sentiment_v2() takes a length. */
AIRS_API int airs_result_sentiment(const airs_result *result, size_t index,
                                   double *out);

/* airs_result_sentiment() that takes the length of out (since 1.1): up
 * to cap construct scores in enum airs_construct order, and in *count
 * (may be NULL) the number there are, which a later version may make
 * larger than AIRS_CONSTRUCT_COUNT_.  Errors as airs_result_sentiment();
 * AIRS_EINVAL also for out NULL with cap > 0. */
AIRS_API int airs_result_sentiment_v2(const airs_result *result, size_t index,
                                      double *out, size_t cap, size_t *count);

#ifdef __cplusplus
}
#endif
#endif /* AIRS_SCORE_H */

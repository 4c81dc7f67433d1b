/*
 * airs/rollup.h - unit and organisation aggregates: exact, mergeable and
 * anonymous.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * A rollup holds, for every unit of the tree, exact integer accumulators
 * of its own employees' scores (docs/methodology.md, section 4).  Reading
 * a unit sums its whole subtree and derives means, medians, shares, the
 * AI net score and the leader-staff perception gap, applying the anonymity
 * rules: every survey-derived value of a group with fewer than
 * anonymity.min_group respondents is suppressed (NaN, and counts
 * AIRS_SUPPRESSED), with complementary suppression so that no suppressed
 * group can be recovered by differencing visible ones.
 *
 * Rollups are mergeable: score shards of a workforce separately (each
 * shard's model holding the same units, skills and survey items and a
 * share of the employees), serialise each shard's rollup, parse and merge
 * them, and the merged rollup reads exactly like the rollup of the whole.
 *
 * Thread safety: reading a rollup (airs_rollup_unit() and friends) does not
 * modify it; several threads may read one.  Merging modifies its target.
 */
#ifndef AIRS_ROLLUP_H
#define AIRS_ROLLUP_H

#include "airs/score.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct airs_rollup airs_rollup;

/* A count that is withheld for anonymity. */
#define AIRS_SUPPRESSED ((uint64_t)-1)

/* The rollup of a result, owned by the result. */
AIRS_API const airs_rollup *airs_result_rollup(const airs_result *result);

/* Number of units; unit i (0-based) is in tree order: each unit is
 * followed by its subtree, siblings in id order. */
AIRS_API size_t airs_rollup_unit_count(const airs_rollup *rollup);

/* Position of a unit by id.  Errors: AIRS_EINVAL, AIRS_ENOTFOUND. */
AIRS_API int airs_rollup_find_unit(const airs_rollup *rollup, const char *id,
                                   size_t *index);

typedef struct airs_unit_score {
	size_t size;             /* AIRS_UNIT_SCORE_INIT */
	const char *id;          /* NULL for the organisation */
	const char *name;        /* "Organisation" for the organisation */
	const char *parent_id;   /* NULL for roots and the organisation */
	int depth;               /* 0 for roots (and the organisation) */
	uint64_t headcount;      /* employees in the subtree */
	uint64_t scored;         /* of them with a defined readiness */
	double readiness_mean;   /* NaN when none scored */
	double readiness_median;
	uint64_t levels[6];      /* [0] unknown, [1..5] per maturity level */
	int target;              /* the unit's effective target; 0 none */
	uint64_t with_target;    /* employees with a level and a target */
	double gap_mean;         /* mean gap in levels over with_target */
	double below_target_share; /* share of with_target below target */
	uint64_t flags[AIRS_FLAG_COUNT_]; /* per flag bit; AIRS_SUPPRESSED for
	                           sentiment-based counts of too few respondents */
	double net_score;        /* AI net score -100..100; NaN suppressed/none */
	uint64_t net_respondents;
	double time_saved;       /* mean hours saved per week; NaN suppressed/none */
	uint64_t time_saved_respondents;
	/* ---- 1.0 ends here; every field below is zero for a 1.0 caller. */
	/* Since 1.1: survey respondents (answered any scored item), for
	 * response rates over headcount; AIRS_SUPPRESSED when hidden for
	 * anonymity.  And the members who lead (the leaders group's
	 * headcount: org-chart data, never suppressed). */
	uint64_t respondents;
	uint64_t leaders;
	/* Since 1.1: 95% intervals (airs/common.h; methodology 4.3).  Means
	 * of the people they cover out of the headcount: readiness over
	 * `scored`, the gap over `with_target`, time saved over its
	 * respondents.  Shares: below target of `with_target`, the response
	 * rate (respondents / headcount), and each flag's share of the
	 * headcount.  NaN where the figure is suppressed. */
	airs_interval readiness_ci;
	airs_interval gap_ci;
	airs_interval below_target_ci;
	airs_interval time_saved_ci;
	airs_interval response_rate_ci;
	airs_interval flag_rate_ci[AIRS_FLAG_COUNT_];
	/* Since 1.1 (methodology 1.1): members whose data are too thin for
	 * a readiness and a level (headcount - scored).  They count in
	 * levels[0] (unknown) and nowhere else: not in the means, the
	 * median, the gap or the share below target. */
	uint64_t insufficient;
} airs_unit_score;
#define AIRS_UNIT_SCORE_INIT                                              \
	{ sizeof(airs_unit_score), 0, 0, 0, 0, 0, 0, 0, 0, {0}, 0, 0, 0, 0, {0}, \
	  0, 0, 0, 0, 0, 0, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {{0, 0}}, 0 }

/* Unit i, or the organisation with airs_rollup_org().
 * Errors: AIRS_EINVAL (NULL, size), AIRS_ERANGE. */
AIRS_API int airs_rollup_unit(const airs_rollup *rollup, size_t index,
                              airs_unit_score *out);
AIRS_API int airs_rollup_org(const airs_rollup *rollup, airs_unit_score *out);

/* Survey aggregates of one construct in a unit (index) or, with index
 * AIRS_ROLLUP_ORG, the organisation. */
#define AIRS_ROLLUP_ORG ((size_t)-1)

typedef struct airs_construct_score {
	size_t size;             /* AIRS_CONSTRUCT_SCORE_INIT */
	uint64_t respondents;    /* AIRS_SUPPRESSED when suppressed */
	double mean;             /* mean construct score 0..1 */
	double favourable;       /* share of top-two-box responses */
	double unfavourable;     /* share of bottom-two-box responses */
	uint64_t leaders, staff; /* respondents per group, or AIRS_SUPPRESSED */
	double leaders_mean, staff_mean;
	double perception_gap;   /* leaders_mean - staff_mean */
	/* ---- 1.0 ends here; every field below is zero for a 1.0 caller. */
	/* Since 1.1: 95% intervals (airs/common.h; methodology 4.3).  The
	 * means' t intervals take the group's headcount as the population
	 * (the unit, its leaders, its other members); the shares' Wilson
	 * intervals count respondents, not items, since one person's
	 * answers to a construct's items are not independent.  The
	 * perception gap's is Welch's, each group with its own correction.
	 * NaN where the figure is suppressed. */
	airs_interval mean_ci;
	airs_interval favourable_ci;
	airs_interval unfavourable_ci;
	airs_interval leaders_mean_ci;
	airs_interval staff_mean_ci;
	airs_interval perception_gap_ci;
} airs_construct_score;
#define AIRS_CONSTRUCT_SCORE_INIT                                        \
	{ sizeof(airs_construct_score), 0, 0, 0, 0, 0, 0, 0, 0, 0,       \
	  {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0} }

AIRS_API int airs_rollup_construct(const airs_rollup *rollup, size_t unit,
                                   int construct, airs_construct_score *out);

/* Since 1.2: a unit's ADKAR profile (methodology 4.6), or with index
 * AIRS_ROLLUP_ORG the organisation's.  Knowledge and Ability are the
 * members' mean skill fit and adoption (1 + 4 x mean), which individual
 * results show, so they are never hidden.  Awareness, Desire and
 * Reinforcement are made only from figures airs_rollup_construct()
 * publishes for the same unit: the total construct means, else the
 * staff's, else the leaders' (the first source that publishes one of
 * the element's constructs; an element of several constructs averages
 * those published); NaN when none is, with the element's bit in
 * `hidden` when one of its constructs' totals is suppressed.  The
 * barrier point follows methodology 3.8 over the elements shown, and
 * `barriers` counts the members by the barrier point their own result
 * shows (with individual sentiment withheld, from Knowledge and Ability
 * alone). */
typedef struct airs_unit_adkar {
	size_t size;               /* AIRS_UNIT_ADKAR_INIT */
	double element[AIRS_ADKAR_COUNT_]; /* 1..5 by enum airs_adkar; NaN:
	                              no data, or hidden */
	airs_interval element_ci[AIRS_ADKAR_COUNT_]; /* 95%: Knowledge and
	                              Ability's t intervals (methodology
	                              4.3); a survey element's, 1 + 4 x the
	                              mean of its figures' interval ends */
	int source[AIRS_ADKAR_COUNT_]; /* enum airs_adkar_source (airs/plan.h):
	                              AIRS_ADKAR_SOURCE_UNIT (the unit's
	                              total, or for Knowledge and Ability its
	                              members), _STAFF or _LEADERS; -1 for
	                              NaN */
	unsigned hidden;           /* bit e: element e is NaN because the
	                              anonymity rules hide its figures */
	uint64_t knowledge_n;      /* members with a skill fit */
	uint64_t ability_n;        /* members with an adoption score */
	int barrier;               /* enum airs_adkar or AIRS_BARRIER_* */
	uint64_t barriers[AIRS_BARRIER_UNKNOWN + 1]; /* members by their own
	                              barrier point: the five elements,
	                              AIRS_BARRIER_NONE, AIRS_BARRIER_UNKNOWN */
} airs_unit_adkar;
#define AIRS_UNIT_ADKAR_INIT                                             \
	{ sizeof(airs_unit_adkar), {0}, {{0, 0}}, {0}, 0, 0, 0, 0, {0} }

/* Since 1.2.  Errors: AIRS_EINVAL (NULL, size), AIRS_ESTATE (a rollup
 * not finalised), AIRS_ERANGE (index). */
AIRS_API int airs_rollup_adkar(const airs_rollup *rollup, size_t index,
                               airs_unit_adkar *out);

/* Skill heatmap cell: mean gap max(0, required - estimated level) over the
 * unit's employees whose role requires the skill and who were assessed
 * on it.  skill is the model's skill index.  *mean_gap is NaN when *count
 * is 0.  Errors: AIRS_EINVAL, AIRS_ERANGE. */
AIRS_API size_t airs_rollup_skill_count(const airs_rollup *rollup);
AIRS_API const char *airs_rollup_skill_id(const airs_rollup *rollup, size_t skill);
AIRS_API int airs_rollup_skill(const airs_rollup *rollup, size_t unit,
                               size_t skill, double *mean_gap, uint64_t *count);

/* Manager groups (since 1.2; methodology 4.5).  For every manager -
 * an employee someone reports to through manager_id - two groups: the
 * direct reports, and all reports (the whole line below the manager).
 * A manager is in neither of their own groups.  They publish the same
 * figures as units, from the same exact accumulators, with two
 * differences: no unit target (airs_unit_score.target is 0 and name is
 * the manager's id) and no leader/staff split (a construct's leaders,
 * staff and perception gap read as suppressed: a line rarely holds
 * enough leaders, and each split would widen what differencing can
 * reach).  Their survey figures are suppressed jointly with the units'
 * (methodology 4.1): no combination of figures published for units and
 * managers isolates fewer than anonymity.min_group respondents; the
 * units' decisions come first and never change because of managers.
 *
 * Managers are numbered 0 .. airs_rollup_manager_count() - 1 in tree
 * order of the management line: each manager is followed by the
 * managers in their line (airs_manager_info.line_end), those under one
 * manager by id.  A rollup read from partials (airs_rollup_read*) or
 * merged has no manager groups: the partial format carries units only;
 * the count is 0 and the readers return AIRS_ENOTFOUND.
 *
 * Thread safety as the other readers: a finished rollup may be read
 * from several threads. */
enum airs_reports {
	AIRS_REPORTS_DIRECT = 0, /* the people who report to the manager */
	AIRS_REPORTS_ALL = 1     /* everyone in the manager's line */
};

typedef struct airs_manager_info {
	size_t size;              /* AIRS_MANAGER_INFO_INIT */
	const char *id;           /* the manager's employee id */
	const char *manager_id;   /* their own manager, NULL for none */
	const char *unit_id;      /* the unit the manager belongs to; their
	                             reports may belong to others */
	int depth;                /* 0 for managers who have no manager */
	uint64_t direct_reports;  /* headcount of the direct reports */
	uint64_t all_reports;     /* headcount of the whole line */
	size_t line_end;          /* managers index + 1 .. line_end - 1 are
	                             the managers in this one's line */
} airs_manager_info;
#define AIRS_MANAGER_INFO_INIT { sizeof(airs_manager_info), 0, 0, 0, 0, 0, 0, 0 }

/* Number of managers; 0 for a rollup without manager groups. */
AIRS_API size_t airs_rollup_manager_count(const airs_rollup *rollup);

/* Index of a manager by employee id.  Errors: AIRS_EINVAL (NULL),
 * AIRS_ESTATE (not finished), AIRS_ENOTFOUND (not a manager, or no
 * manager groups). */
AIRS_API int airs_rollup_find_manager(const airs_rollup *rollup,
                                      const char *id, size_t *index);

/* Who manager `index` is.  Strings are owned by the rollup.  Errors:
 * AIRS_EINVAL (NULL, size), AIRS_ESTATE, AIRS_ENOTFOUND (no manager
 * groups), AIRS_ERANGE. */
AIRS_API int airs_rollup_manager(const airs_rollup *rollup, size_t index,
                                 airs_manager_info *out);

/* The figures of one manager group: scope is an enum airs_reports.
 * Errors as airs_rollup_manager(), and AIRS_ERANGE for a bad scope or
 * construct or skill. */
AIRS_API int airs_rollup_manager_group(const airs_rollup *rollup,
                                       size_t index, int scope,
                                       airs_unit_score *out);
AIRS_API int airs_rollup_manager_construct(const airs_rollup *rollup,
                                           size_t index, int scope,
                                           int construct,
                                           airs_construct_score *out);
/* Skill heatmap cell of a manager group (as airs_rollup_skill()). */
AIRS_API int airs_rollup_manager_skill(const airs_rollup *rollup,
                                       size_t index, int scope, size_t skill,
                                       double *mean_gap, uint64_t *count);

/* Serialisation for sharded scoring, through an airs_write_fn
 * (airs/common.h). */

/* Write the rollup's accumulators (a compact, versioned text format
 * documented in docs/output-format.md).  Errors (by status alone, as
 * airs/common.h's rule 3 says): AIRS_EINVAL (NULL rollup or writer),
 * AIRS_EIO (the writer returned nonzero), AIRS_ENOMEM. */
AIRS_API int airs_rollup_write(const airs_rollup *rollup, airs_write_fn write,
                               void *user);

/* Parse a serialised rollup into a new handle.  It publishes with the
 * anonymity threshold the partial carries; prefer airs_rollup_read_v2(),
 * which takes the threshold from the caller's parameters.  Errors:
 * AIRS_EPARSE (diag has the line), AIRS_EMISMATCH (other format
 * version), AIRS_EPRIVACY (a threshold below the methodology's minimum of
 * 3), AIRS_ENOMEM, AIRS_EINVAL. */
AIRS_API int airs_rollup_read(airs_rollup **out, const char *data, size_t len,
                              const airs_allocator *alloc, airs_diag *diag);

/* Parse a serialised rollup to publish with the caller's parameters
 * (since 1.1): the partial must have been made with exactly these
 * parameters - its parameters digest equal to airs_params_digest() of
 * params, and its min_group line equal to theirs - and its anonymity
 * threshold is theirs, so a shard operator who edits a partial cannot
 * choose how small a group the merged rollup publishes.  Errors as
 * airs_rollup_read(), and AIRS_EMISMATCH (other parameters; a threshold
 * that is not theirs), AIRS_EINVAL (params NULL). */
AIRS_API int airs_rollup_read_v2(airs_rollup **out, const char *data,
                                 size_t len, const airs_params *params,
                                 const airs_allocator *alloc, airs_diag *diag);

/* Since 1.2: partials built to merge.  A nightly merge of many shards
 * reads each partial open (AIRS_ROLLUP_OPEN: checked, not finished),
 * merges them into the first - each merge adds accumulators, merges the
 * units' sorted readiness values run by run, and derives nothing - and
 * finishes once after the last with airs_rollup_finish(), which derives
 * the subtree totals, medians and the anonymity decisions a single time.
 * The result is byte for byte the rollup of the whole, in any order and
 * grouping of merges. */

/* Partial forms for airs_rollup_write_v2(): the readable text form
 * ("airs-rollup 3"), or the binary one (docs/output-format.md, "Binary
 * partials": versioned, checksummed, only the units with employees, the
 * readiness values as runs), smaller and faster to read. */
#define AIRS_PARTIAL_TEXT 0
#define AIRS_PARTIAL_BINARY 1

/* Write the rollup - finished, or read open and merged - in the given
 * form.  Errors: AIRS_EINVAL (NULL, unknown form), AIRS_ESTATE (a rollup
 * still being built), AIRS_EIO, AIRS_ENOMEM. */
AIRS_API int airs_rollup_write_v2(const airs_rollup *rollup, int form,
                                  airs_write_fn write, void *user);

/* airs_rollup_read_v3() flag: leave the rollup open - merge into it,
 * write it, then airs_rollup_finish() it before reading figures (the
 * readers say AIRS_ESTATE until then). */
#define AIRS_ROLLUP_OPEN 1u

/* airs_rollup_read_v2() for either form (told apart by the binary
 * form's first bytes), with flags (0 or AIRS_ROLLUP_OPEN).  A binary
 * partial that fails its checksum, is cut short or names an
 * accumulator layout of another version is refused (AIRS_EPARSE with
 * "byte N: ..." in diag, or AIRS_EMISMATCH); a partial that would expand
 * to more than 1,024 readiness values a byte is refused too.  Errors as
 * airs_rollup_read_v2(). */
AIRS_API int airs_rollup_read_v3(airs_rollup **out, const void *data,
                                 size_t len, const airs_params *params,
                                 unsigned flags, const airs_allocator *alloc,
                                 airs_diag *diag);

/* Finish an open rollup: subtree totals, medians and the suppression of
 * the survey families (on up to `threads` threads; 0: up to 4), once.
 * A finished rollup is left as it is.  Errors: AIRS_EINVAL, AIRS_ENOMEM
 * (the rollup stays open and unchanged). */
AIRS_API int airs_rollup_finish(airs_rollup *rollup, size_t threads,
                                airs_diag *diag);

/* Add `from` into `into`.  Since 1.2 either may be open (read with
 * AIRS_ROLLUP_OPEN): an open `into` stays open, a finished one is
 * finished again.  Both must describe the same units, skills and
 * parameters, and (since 1.2) have been scored as of the same date from
 * datasets alike in what scoring reads from the whole dataset (whether
 * there are any training, usage and survey records at all, and usage up
 * to the as-of month; methodology 3): shards that differ there were scored
 * by other rules, and their sum would not be the rollup of the whole.
 * Errors, each with its message in diag: AIRS_EINVAL (NULL rollup, bad
 * diag size, `into` a result's rollup, which airs_result_rollup() hands
 * out read only and its re-scores share), AIRS_EMISMATCH (what differs),
 * AIRS_ENOMEM; on error `into` is unchanged. */
AIRS_API int airs_rollup_merge(airs_rollup *into, const airs_rollup *from,
                               airs_diag *diag);

/* Since 1.2: the as-of date the rollup's employees were scored at (its
 * result's, or the one its partial carries); 0 for NULL.  Rollups scored
 * at other dates do not merge. */
AIRS_API airs_date airs_rollup_as_of(const airs_rollup *rollup);

/* Since 1.2: the SHA-256 of the parameters the rollup was made with (64
 * lowercase hex digits, owned by the rollup); NULL for NULL. */
AIRS_API const char *airs_rollup_params_digest(const airs_rollup *rollup);

/* Free a rollup from airs_rollup_read().  Rollups owned by a result are
 * freed with it.  NULL is a no-op. */
AIRS_API void airs_rollup_free(airs_rollup *rollup);

#ifdef __cplusplus
}
#endif
#endif /* AIRS_ROLLUP_H */

/*
 * airs/plan.h - upskilling recommendations and budgeted planning: personal
 * learning plans, change interventions by ADKAR barrier point, the
 * organisation's budget split, time to target and course cohorts.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * A plan is computed from a result (airs/score.h) with the learning-curve
 * model and the rules of docs/methodology.md, section 8.  Plans are
 * deterministic: the same result and options give the same plan.
 *
 * Ownership: a plan holds what it needs and keeps the result's model alive
 * (like a result does), so the result and the model may be freed before
 * the plan.  Strings a plan returns (ids, reasons) live as long as it.
 *
 * Thread safety: planning only reads the result; several threads may plan
 * from one result at once.  A plan is read-only once returned.
 */
#ifndef AIRS_PLAN_H
#define AIRS_PLAN_H

#include "airs/score.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct airs_plan airs_plan;
typedef struct airs_org_plan airs_org_plan;

/* How airs_plan_org() splits the budget. */
enum airs_strategy {
	AIRS_STRATEGY_EFFICIENCY = 0, /* maximise the total expected uplift */
	AIRS_STRATEGY_EQUITY = 1,     /* lift the lowest first (max-min) */
	AIRS_STRATEGY_BLEND = 2,      /* uplift weighted by how far behind
	                                 (plan.blend_priority) */
	/* Since 1.1: those below their unit's target first - no hour goes
	 * to someone at or above it (or of unknown level) while someone
	 * below it has a step that fits - and by uplift per hour within
	 * each tier.  What the CLI, the report and Python use unless told
	 * otherwise; 0 stays `efficiency` for 1.0 callers. */
	AIRS_STRATEGY_TARGET_FIRST = 3
};

/* What a step of a plan is. */
enum airs_step_kind {
	AIRS_STEP_COURSE = 0,
	AIRS_STEP_INTERVENTION = 1
};

/* Change interventions, by the ADKAR barrier point they address. */
enum airs_intervention {
	AIRS_INTERVENTION_NONE = 0,          /* a course step */
	AIRS_INTERVENTION_BRIEFING = 1,      /* awareness: role-specific
	                                        "what's in it for me" briefing */
	AIRS_INTERVENTION_DEMONSTRATION = 2, /* desire: hands-on demonstration
	                                        with a peer champion */
	AIRS_INTERVENTION_SECURITY_TALK = 3, /* desire: job-security fears
	                                        addressed openly */
	AIRS_INTERVENTION_PRACTICE = 4,      /* ability: guided practice
	                                        project or mentoring */
	AIRS_INTERVENTION_CHECK_IN = 5,      /* reinforcement: manager check-in */
	AIRS_INTERVENTION_RECOGNITION = 6,   /* reinforcement: recognition */
	AIRS_INTERVENTION_CAREER_LINK = 7,   /* reinforcement: AI fluency in
	                                        career development */
	AIRS_INTERVENTION_COUNT_ = 8
};

/* enum airs_adkar_source (since 1.1) is in airs/score.h since 1.2: the
 * unit ADKAR profile of airs/rollup.h names its sources too. */

/* Names as used in exports ("efficiency", "course", "briefing", ...);
 * NULL when out of range. */
AIRS_API const char *airs_strategy_name(int strategy);
AIRS_API const char *airs_step_kind_name(int kind);
AIRS_API const char *airs_intervention_name(int intervention);
/* Since 1.1: "person", "unit", "staff", "leaders"; and back. */
AIRS_API const char *airs_adkar_source_name(int source);
AIRS_API int airs_adkar_source_parse(const char *text, size_t len, int *out);
/* And back (since 1.1): exactly len bytes, case-insensitively, into *out
 * (may be NULL); AIRS_EPARSE for any other text. */
AIRS_API int airs_strategy_parse(const char *text, size_t len, int *out);
AIRS_API int airs_step_kind_parse(const char *text, size_t len, int *out);
AIRS_API int airs_intervention_parse(const char *text, size_t len, int *out);

/* Options of both planners.  A zero field takes its default. */
typedef struct airs_plan_options {
	size_t size;           /* sizeof(airs_plan_options): AIRS_PLAN_OPTIONS_INIT */
	double budget_hours;   /* airs_plan_employee(): the person's hours;
	                          airs_plan_org(): the total.  >= 0 */
	double budget_cost;    /* cost limit in the same sense; 0: no limit */
	int strategy;          /* enum airs_strategy (org plan) */
	double max_hours_per_employee; /* org plan: cap per person; 0: none */
	size_t unit_budget_count;      /* org plan: per-unit hour budgets ... */
	const char *const *unit_ids;   /* ... for these units' subtrees ... */
	const double *unit_hours;      /* ... of these many hours (>= 0) */
} airs_plan_options;
#define AIRS_PLAN_OPTIONS_INIT \
	{ sizeof(airs_plan_options), 0, 0, 0, 0, 0, 0, 0 }

/* ------------------------------------------------------------------------
 * Personal plans
 * ---------------------------------------------------------------------- */

/* Plan learning for the employee at result index employee_index within
 * opts->budget_hours (and opts->budget_cost when > 0): change
 * interventions for the barrier point, then the courses that maximise the
 * expected readiness uplift, prerequisites first.  opts may be NULL (a
 * budget of 0 hours: a plan with interventions only if they are free, and
 * time to target).  Errors: AIRS_EINVAL (NULL result or out, bad size of
 * opts or diag, unknown strategy), AIRS_ENOTFOUND (no such employee),
 * AIRS_ERANGE (negative or non-finite budget), AIRS_ENOMEM.  The message
 * is written into diag (may be NULL).  *out is NULL on failure. */
AIRS_API int airs_plan_employee(const airs_result *result, size_t employee_index,
                                const airs_plan_options *opts, airs_plan **out,
                                airs_diag *diag);

/* Free a plan.  NULL is a no-op. */
AIRS_API void airs_plan_free(airs_plan *plan);

/* The whole of a personal plan. */
typedef struct airs_plan_info {
	size_t size;              /* sizeof(airs_plan_info): AIRS_PLAN_INFO_INIT */
	const char *employee_id;
	double budget_hours, budget_cost;
	double hours, cost;       /* used by the steps */
	double readiness;         /* scored readiness (NaN when undefined) */
	double projected;         /* expected readiness after the plan */
	int level, projected_level;  /* maturity 1..5; 0 unknown */
	int target;               /* the unit's target; 0 none */
	int barrier;              /* barrier point used for interventions */
	int exact;                /* 1: the optimum; 0: approximation ... */
	double bound;             /* ... guaranteed within this factor of it */
	int reachable;            /* target reachable with the catalogue */
	double target_hours;      /* learning hours to the target (0 reached;
	                             INFINITY when not reachable or no target) */
	double target_weeks;      /* target_hours / plan.weekly_hours */
	size_t missing_skill_count; /* required skills no course teaches */
	/* ---- 1.0 ends here; every field below is zero for a 1.0 caller. */
	/* Since 1.1: what stands in the way of more, in one line a person
	 * can read, or NULL when nothing does: the required skills below
	 * their level that no course teaches ("no course teaches X"), those
	 * whose prerequisite no course reaches ("X needs Y at 1.0 first and
	 * no course reaches it", down the chain to the cause) and, when the
	 * plan has no course at all, the budget the cheapest option exceeds
	 * ("the cheapest first step takes 12.0 h, over the 8.0 h budget").
	 * As long as the names make it; lives as long as the plan. */
	const char *why;
	/* Since 1.1: 1 when a cap left part of the problem out - a skill
	 * with more than 8 courses (the gentlest 8 are planned), or a group
	 * of linked skills with more than 4096 undominated partial choices
	 * at some skill (an even spread is kept) - so the plan may be short
	 * of the best; `bound` is then 0. */
	int reduced;
} airs_plan_info;
#define AIRS_PLAN_INFO_INIT \
	{ sizeof(airs_plan_info), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, \
	  0, 0, 0, 0 }

AIRS_API int airs_plan_info_get(const airs_plan *plan, airs_plan_info *out);

/* One step of a plan, in the order to take them. */
typedef struct airs_plan_step {
	size_t size;          /* sizeof(airs_plan_step): AIRS_PLAN_STEP_INIT */
	int kind;             /* enum airs_step_kind */
	int intervention;     /* enum airs_intervention (NONE for courses) */
	int adkar;            /* the ADKAR element the step addresses */
	const char *skill_id; /* courses: the skill taught; else NULL */
	const char *course_id;/* courses: the course; else NULL */
	double hours, cost;
	double level_before, level_after; /* courses: expected levels */
	double uplift;        /* expected readiness uplift, points */
	const char *reason;   /* one line a person can read */
	/* ---- 1.0 ends here; every field below is zero for a 1.0 caller. */
	/* Since 1.1: courses: the hours of practice after the course that
	 * carry it on to a level another skill of the plan needs
	 * (methodology 8.1), included in `hours`; 0 for none. */
	double practice_hours;
	/* Since 1.1: interventions: where the barrier point's score was
	 * read (enum airs_adkar_source) and, unless it is the person's own,
	 * the unit whose published figure it is (theirs or an ancestor);
	 * courses: AIRS_ADKAR_SOURCE_PERSON and NULL. */
	int adkar_source;
	const char *adkar_unit_id;
} airs_plan_step;
#define AIRS_PLAN_STEP_INIT \
	{ sizeof(airs_plan_step), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/* Number of steps, and step i.  Errors: AIRS_EINVAL (NULL, size),
 * AIRS_ERANGE (i out of range). */
AIRS_API size_t airs_plan_step_count(const airs_plan *plan);
AIRS_API int airs_plan_get_step(const airs_plan *plan, size_t i,
                                airs_plan_step *out);

/* Required skill i (in skill id order) with a gap that no course of the
 * catalogue teaches, or NULL when out of range. */
AIRS_API const char *airs_plan_missing_skill(const airs_plan *plan, size_t i);

/* ------------------------------------------------------------------------
 * The organisation's plan
 * ---------------------------------------------------------------------- */

/* Split opts->budget_hours (and per-unit budgets) across every employee
 * of the result with opts->strategy.  Errors as airs_plan_employee(), and
 * AIRS_ENOTFOUND for an unknown unit in opts->unit_ids (the message names
 * it). */
AIRS_API int airs_plan_org(const airs_result *result,
                           const airs_plan_options *opts, airs_org_plan **out,
                           airs_diag *diag);

AIRS_API void airs_org_plan_free(airs_org_plan *plan);

/* One group's outcome: a unit's subtree, or the organisation. */
typedef struct airs_plan_group {
	size_t size;              /* sizeof(airs_plan_group): AIRS_PLAN_GROUP_INIT */
	const char *unit_id;      /* NULL for the organisation */
	uint64_t headcount, scored;
	uint64_t planned;         /* people who get at least one step */
	double hours, cost;       /* used */
	double readiness_mean;    /* before, over scored employees */
	double projected_mean;    /* after the plan, over the same */
	uint64_t levels[6];       /* before: [0] unknown, [1..5] */
	uint64_t projected_levels[6];
	uint64_t with_target;
	double gap_mean;          /* mean gap in levels after the plan */
	double below_target_share;          /* before */
	double projected_below_target_share; /* after */
	double weeks_max;         /* time to target over members below it:  */
	double weeks_median;      /* INFINITY counts as longest; NaN if none */
	uint64_t unreachable;     /* members whose target is not reachable */
	/* ---- 1.0 ends here; every field below is zero for a 1.0 caller. */
	/* Since 1.1: members whose planning problem a cap left part of
	 * (airs_plan_info.reduced: a skill with more than 8 courses, or a
	 * group of linked skills with more undominated partial choices
	 * than are kept), so their share may be short of the best. */
	uint64_t reduced;
} airs_plan_group;
#define AIRS_PLAN_GROUP_INIT \
	{ sizeof(airs_plan_group), 0, 0, 0, 0, 0, 0, 0, 0, { 0 }, { 0 }, 0, 0, \
	  0, 0, 0, 0, 0, 0 }

/* Units in the rollup's tree order (airs_rollup_unit()); index
 * AIRS_ROLLUP_ORG (airs/rollup.h) reads the organisation.
 * Errors: AIRS_EINVAL, AIRS_ERANGE. */
AIRS_API size_t airs_org_plan_unit_count(const airs_org_plan *plan);
AIRS_API int airs_org_plan_group(const airs_org_plan *plan, size_t unit,
                                 airs_plan_group *out);

/* One employee's share, in result order (employees by id). */
typedef struct airs_plan_allocation {
	size_t size;          /* sizeof(airs_plan_allocation): AIRS_PLAN_ALLOCATION_INIT */
	const char *employee_id;
	double hours, cost;   /* given */
	size_t courses;       /* course steps given */
	double readiness, projected; /* before and after (NaN when undefined) */
	int reachable;        /* target reachable with the catalogue */
	double target_weeks;  /* at plan.weekly_hours; 0 reached, INFINITY not
	                         reachable or no target */
} airs_plan_allocation;
#define AIRS_PLAN_ALLOCATION_INIT \
	{ sizeof(airs_plan_allocation), 0, 0, 0, 0, 0, 0, 0, 0 }

AIRS_API size_t airs_org_plan_employee_count(const airs_org_plan *plan);
AIRS_API int airs_org_plan_employee(const airs_org_plan *plan, size_t i,
                                    airs_plan_allocation *out);

/* Cohorts: courses by the number of employees whose gap they serve (a
 * required skill below its level that the course teaches), most first,
 * ties by course id. */
typedef struct airs_plan_cohort {
	size_t size;           /* sizeof(airs_plan_cohort): AIRS_PLAN_COHORT_INIT */
	const char *course_id;
	const char *skill_id;
	uint64_t employees;    /* whose gap it serves */
	uint64_t planned;      /* employees this plan gives it to (also as a
	                          prerequisite of another skill) */
} airs_plan_cohort;
#define AIRS_PLAN_COHORT_INIT { sizeof(airs_plan_cohort), 0, 0, 0, 0 }

AIRS_API size_t airs_org_plan_cohort_count(const airs_org_plan *plan);
AIRS_API int airs_org_plan_cohort(const airs_org_plan *plan, size_t i,
                                  airs_plan_cohort *out);
/* Head counts of cohort i in unit (tree order; subtree) or
 * AIRS_ROLLUP_ORG.  Errors: AIRS_EINVAL, AIRS_ERANGE. */
AIRS_API int airs_org_plan_cohort_unit(const airs_org_plan *plan, size_t i,
                                       size_t unit, uint64_t *employees,
                                       uint64_t *planned);

/* The same cohorts without a plan (since 1.1): courses by the employees
 * of the whole result whose gap they serve, most first, ties by course
 * id - what airs_org_plan_cohort() lists, computed while scoring.  `planned`
 * is 0 (there is no plan).  Errors: AIRS_EINVAL (NULL, size too small),
 * AIRS_ERANGE. */
AIRS_API size_t airs_result_cohort_count(const airs_result *result);
AIRS_API int airs_result_cohort(const airs_result *result, size_t i,
                                airs_plan_cohort *out);

/* Per-employee outcomes of an org plan, for a bias audit of the
 * training allocation (airs/audit.h: AIRS_AUDIT_EXTERNAL_BINARY with
 * SELECTED, AIRS_AUDIT_EXTERNAL_VALUE with HOURS; or the outcomes
 * AIRS_AUDIT_PLAN_SELECTED and AIRS_AUDIT_PLAN_HOURS, which call this). */
enum airs_plan_outcome {
	AIRS_PLAN_OUTCOME_SELECTED = 1, /* 1: given at least one course, else 0
	                                   (as airs_plan_group.planned counts) */
	AIRS_PLAN_OUTCOME_HOURS = 2     /* hours allocated (courses and
	                                   interventions), >= 0 */
};

/* Fill out[0 .. n) with one outcome per employee in result order
 * (airs_org_plan_employee()); n must equal airs_org_plan_employee_count().
 * Every value is defined (an employee with nothing is 0).  Errors:
 * AIRS_EINVAL (NULL plan, NULL out with n > 0, n not the employee count,
 * unknown kind). */
AIRS_API int airs_org_plan_outcome(const airs_org_plan *plan, int kind,
                                   double *out, size_t n);

#ifdef __cplusplus
}
#endif
#endif /* AIRS_PLAN_H */

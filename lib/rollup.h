/*
 * rollup.h - what the scoring pass hands to the unit aggregates.
 *
 * score.c computes each employee once and passes an airs__emp_detail to
 * airs__rollup_add(); the rollup keeps only exact integer accumulators per
 * unit (its own employees), so scoring threads can each fill a rollup and
 * merge them, and shards can be merged the same way.  Subtree totals,
 * means, medians and suppression are derived in airs__rollup_finalise().
 */
#ifndef AIRS_ROLLUP_INTERNAL_H
#define AIRS_ROLLUP_INTERNAL_H

#include <stdint.h>

#include "airs/rollup.h"
#include "alloc.h"
#include "model.h"
#include "quantum.h" /* AIRS__Q, airs__quantise(): the sums' quantum */

/* Everything the aggregates need from one employee.  Survey-derived parts
 * are always filled (they feed anonymised aggregates) even when the
 * individual result withholds them. */
typedef struct airs__emp_detail {
	uint32_t unit;            /* model unit index */
	uint32_t employee;        /* model employee index (manager groups) */
	int leader;               /* 0/1 */
	int has_readiness;
	int64_t readiness_q;      /* readiness, quantised */
	int insufficient;         /* too little evidence for a readiness
	                             (methodology 1.1) */
	int level;                /* 0 unknown, 1..5 */
	int has_gap;              /* level and target known */
	int gap_levels;           /* target - level */
	int below_target;         /* level < target */
	uint32_t flags;           /* enum airs_flag bits, including the
	                             sentiment-based ones */
	uint32_t flags_read;      /* fatigue, no_benefit: whether the flag
	                             turned on the person's answers (the
	                             other conditions held), so that its count
	                             is suppressed by those people */
	int respondent;           /* answered at least one scored item */

	/* per construct (enum airs_construct) */
	uint32_t construct_present;      /* bit per construct with a score */
	int64_t construct_q[AIRS_CONSTRUCT_COUNT_]; /* construct score, quantised */
	uint32_t items[AIRS_CONSTRUCT_COUNT_];      /* item responses counted */
	uint32_t favourable[AIRS_CONSTRUCT_COUNT_]; /* top-two-box among them */
	uint32_t unfavourable[AIRS_CONSTRUCT_COUNT_];

	/* AI net score over recommend responses rescaled to 0..10 */
	uint32_t net_responses, promoters, detractors;
	/* time saved: the person's mean answer on the items' own scales */
	int has_time_saved;
	int64_t time_saved_q;

	/* skill heatmap: for each required skill the person was assessed on,
	 * the model skill index and the gap max(0, required - level) */
	uint32_t nskills;
	const uint32_t *skill;
	const int64_t *skill_gap_q;

	/* the unit ADKAR profile (methodology 4.6): skill fit S and
	 * adoption Ad, quantised, when present; and the barrier point the
	 * individual result shows (enum airs_adkar, or AIRS_BARRIER_*) */
	int has_fit, has_adoption;
	int64_t fit_q, adoption_q;
	int barrier;

	/* course cohorts (not part of the rollup): the required skills the
	 * person is short of - assessed below the level, or not assessed */
	uint32_t nshort;
	const uint32_t *short_skill;
} airs__emp_detail;

/* A rollup for the model's units and skills, with empty accumulators;
 * barrier_q is adkar.barrier_threshold quantised, for the units' ADKAR
 * profiles. */
int airs__rollup_new(airs_rollup **out, const airs__mem *mem,
                     const airs_model *model, int min_group,
                     const char params_digest[65], int64_t barrier_q);

/* The favourable item responses, item responses and respondents of
 * construct c in unit's subtree (AIRS_ROLLUP_ORG: the organisation) of
 * a finalised rollup, when it shows that total (methodology 4.1): 1, or
 * 0 with nothing set when it hides it or the arguments are out of
 * range.  The focus areas (methodology 10.7) compare a unit with the
 * rest of the organisation from these. */
int airs__rollup_favourable(const airs_rollup *r, size_t unit, int c,
                            uint64_t *fav, uint64_t *items, uint64_t *resp);

/* What a scoring run reads from the whole dataset rather than from
 * each employee (score-employee.c's context): the as-of date, and
 * whether the dataset holds any training, usage and survey records and
 * usage reaching the as-of month.  Two shards that differ in any of these
 * scored their people by different rules, so their rollups do not merge
 * into the rollup of the whole; the partials carry them. */
#define AIRS__EV_TRAINING 1u
#define AIRS__EV_USAGE 2u
#define AIRS__EV_SURVEY 4u
#define AIRS__EV_USAGE_CURRENT 8u
#define AIRS__EV_ALL 15u
void airs__rollup_set_context(airs_rollup *r, airs_date as_of,
                              unsigned evidence);

/* Add one employee to its unit's accumulators.  AIRS_ENOMEM possible (the
 * readiness values kept for medians grow). */
int airs__rollup_add(airs_rollup *r, const airs__emp_detail *d);

/* An empty rollup for the same units and skills as like (made by
 * airs__rollup_new), for one scoring thread: it has only accumulators and
 * borrows like's unit map, so it must be freed before like.  It can be
 * added to and absorbed, never finalised or read.  AIRS_ENOMEM possible. */
int airs__rollup_new_shard(airs_rollup **out, const airs_rollup *like);

/* Before scoring adds anything: part[0] is a rollup made by
 * airs__rollup_new() and part[1 .. nt - 1] shards of it; part[t] is to
 * add the employees order[n * t / nt .. n * (t + 1) / nt - 1] of model
 * m.  Each shard is given the units and manager nodes only its
 * employees reach, to add in part[0]'s accumulators and values in place
 * (rollup-claim.c), so that absorbing it holds none of them twice; the
 * rollup comes out the same.  AIRS_ENOMEM leaves every shard adding
 * into its own. */
int airs__rollup_claim(airs_rollup *const *part, size_t nt,
                       const airs_model *m, const uint32_t *order, size_t n);

/* Add from's accumulators to into's, without finalising: exact integer
 * sums, so absorbing shards in any grouping gives the same rollup.
 * from is a shard (airs__rollup_new_shard()): its accumulators, values,
 * cells and manager groups are freed as they are added, and it is left
 * to be freed.  On AIRS_ENOMEM into and from are unchanged. */
int airs__rollup_absorb(airs_rollup *into, airs_rollup *from);
/* The same, the units' and the manager groups' added on up to `threads`
 * threads (two at most: they share nothing). */
int airs__rollup_absorb_on(airs_rollup *into, airs_rollup *from,
                           size_t threads);

/* Each unit's own readiness values ascending: all of finishing that
 * writing a partial needs (airs_score_partial()).  Cannot fail. */
void airs__rollup_sort_values(airs_rollup *r);

/* Derive subtree totals and apply suppression; call once after the last
 * add or merge, before reading.  The suppression of the survey families
 * runs on up to `threads` threads (0 or 1: this one); the result is the
 * same for any number.  AIRS_ENOMEM possible. */
int airs__rollup_finalise(airs_rollup *r, size_t threads);

/* Move the names, tree and maps of r, made by scoring and finalised,
 * and of its manager rollup, with their accumulators, skill cells and
 * what finalising derived that no weight changes, into shared blocks
 * (rshape, rollup-impl.h), for re-scores to take rather than copy
 * (airs__rollup_rescore_new()); r is read only from then on.
 * AIRS_ENOMEM leaves r as it was. */
int airs__rollup_share_shape(airs_rollup *r);

/* A re-score's rollup (rollup-rescore.c): prev's, a finalised rollup
 * made by scoring (or a re-score of one), shared but for the
 * accumulator members airs__score_again() can change, which it holds
 * with room for every member's readiness, to be given the employees
 * again with airs__rollup_refill() - it and its manager rollup each -
 * and finalised with airs__rollup_finalise_reusing(r, prev).
 * AIRS_ENOMEM. */
int airs__rollup_rescore_new(airs_rollup **out, const airs_rollup *prev,
                             const char digest[65], int64_t barrier_q);

/* The readiness part of one employee's detail (airs__score_again()),
 * kept between a re-score's two passes (rescore.c): every employee
 * scored on every thread first, then the units' and the manager
 * groups' rollups each filled from them on a thread of its own, with no
 * shard to make and absorb. */
typedef struct airs__readd {
	int64_t readiness_q;
	uint32_t unit, employee;
	int16_t gap_levels;
	int8_t level, barrier; /* barrier -1: the earlier counts stand */
	/* named as in the detail, for ADD_READINESS_OF() (rollup-impl.h) */
	unsigned has_readiness : 1, insufficient : 1, has_gap : 1,
	        below_target : 1, left_behind : 1;
} airs__readd;

void airs__rollup_readd_pack(airs__readd *out, const airs__emp_detail *d);

/* r, airs__rollup_rescore_new()'s rollup of prev, and its manager
 * rollup, with the readiness members of prev's emptied (but for the
 * barrier counts when their threshold is unchanged) and the n
 * employees' of v added to them: the two filled on up to `threads`
 * threads (two at most: they share nothing they write).  The same
 * rollup for any order of v and any number of threads.  AIRS_EINVAL
 * when r is not prev's re-score or v has more values than members. */
int airs__rollup_refill(airs_rollup *r, const airs_rollup *prev,
                        const airs__readd *v, size_t n, size_t threads);

/* airs__rollup_finalise() that takes the suppression decisions and the
 * units' id order of prev, a finalised rollup of the same units,
 * managers and respondents (params.h: every class but
 * AIRS__RESCORE_ALL), instead of making them again; with same_cells
 * also the skill heatmap's reading index and the subtree totals of
 * every accumulator member but the readiness ones, when r is
 * airs__rollup_rescore_new()'s copy of prev given the readiness again.
 * AIRS_ENOMEM possible. */
int airs__rollup_finalise_reusing(airs_rollup *r, const airs_rollup *prev,
                                  int same_cells);
/* The same, the unit and manager rollups finalised on up to `threads`
 * threads (they are apart: the same result). */
int airs__rollup_finalise_rescore(airs_rollup *r, const airs_rollup *prev,
                                  int same_cells, size_t threads);

/* Whether r can be read (finalised), and its allocator, for the
 * writers above the rollup family. */
int airs__rollup_ready(const airs_rollup *r);
const airs__mem *airs__rollup_mem(const airs_rollup *r);

/* The skills with data in units' subtrees, for writers that list only
 * those (export.c): the cells are ordered by unit once (n log n), then a
 * subtree's distinct skills cost its cells - never units x skills.  The
 * rollup must be finalised and outlive the list. */
typedef struct airs__skill_list {
	const airs_rollup *r;
	uint32_t *order;   /* cell numbers by unit, then skill */
	uint32_t *seen;    /* per skill: the tick it was last listed at */
	uint32_t tick;
	int shared;        /* order is another list's (skill_list_share) */
} airs__skill_list;

/* The manager groups of r as a rollup of their own (rollup-impl.h): for
 * listing a manager group's skills with airs__skill_list_init(); node
 * 2 * manager is the line, 2 * manager + 1 the direct reports.  NULL
 * when r has none. */
const airs_rollup *airs__rollup_managers(const airs_rollup *r);

/* AIRS_ENOMEM (and l empty) on failure. */
int airs__skill_list_init(airs__skill_list *l, const airs_rollup *r);
/* The distinct skills with data in the subtree of unit (AIRS_ROLLUP_ORG:
 * the organisation) into out, which has room for every skill of the
 * rollup, in no particular order; returns how many. */
size_t airs__skill_list_of(airs__skill_list *l, size_t unit, uint32_t *out);
/* A lister with marks of its own and from's order, read only (from
 * keeps it, and must outlive l): one for each thread that lists.  An
 * empty from (never initialised) gives an empty l.  AIRS_ENOMEM (and l
 * empty) on failure. */
int airs__skill_list_share(airs__skill_list *l, const airs__skill_list *from);
void airs__skill_list_free(airs__skill_list *l);

#endif

/*
 * score-employee.h - one employee scored by methodology section 3.
 *
 * score.c runs these for runs of employees on its threads and once more
 * for an explanation; the result it keeps is score.h's.
 */
#ifndef AIRS_SCORE_EMPLOYEE_H
#define AIRS_SCORE_EMPLOYEE_H

#include <stddef.h>
#include <stdint.h>

#include "rollup.h"
#include "score.h"
#include "progress.h"
#include "wave.h"

/* What is shared by all employees of one scoring run; read-only once
 * made, so every thread may use one. */
typedef struct airs__score_ctx {
	const airs_model *m;
	const airs__pv *pv;
	airs_date T;
	int has_training, has_usage, has_survey, optin;
	int lapse_known;            /* the usage log reaches the as-of month */
	airs_month win_lo, win_hi;  /* the adoption window, inclusive */
	const uint32_t *req_start;  /* the model's requirements per role ... */
	const airs__req *req;       /* ... (level > 0, skill id order) */
	const double *sum_v;        /* per role: sum of their weights */
	double *need;               /* per role: training need */
	const uint32_t *item_rank;  /* per item: position in id order */
	airs__wave_pick wave;       /* the survey period read (4.1) */
	int64_t level_q[4];         /* levels.t2 .. t5, quantised (3.7) */
	int64_t lb_q;               /* left_behind.readiness, quantised (3.9) */
	int64_t min_share_q;        /* evidence.min_skill_share, quantised
	                               (1.1) */
	int again_evidence;         /* airs__score_again() tests the skill
	                               shares for the evidence (1, the
	                               default); 0: their threshold is
	                               unchanged and the earlier evidence
	                               stands but for D > 0 */
	int again_barrier;          /* airs__score_again() decides the
	                               barrier point (1, the default); 0:
	                               the threshold is unchanged and the
	                               caller keeps the earlier points,
	                               d->barrier is then -1 */
} airs__score_ctx;

/* Make the context for scoring model m with pv as of T (the adoption
 * window, each role's training need).  AIRS_ENOMEM. */
int airs__score_ctx_init(airs__score_ctx *c, const airs_model *m,
                         const airs__pv *pv, airs_date T,
                         const airs__mem *mem);
/* The same without the survey period (wave, a pass over the answers):
 * enough for airs__score_again(), which reads no answer. */
int airs__score_ctx_init_again(airs__score_ctx *c, const airs_model *m,
                               const airs__pv *pv, airs_date T,
                               const airs__mem *mem);
void airs__score_ctx_free(airs__score_ctx *c, const airs__mem *mem);

/* What a result keeps for re-scoring (rescore.c), at result positions
 * i: sums[2 i], sums[2 i + 1] the weight of the person's assessed
 * required skills and their weighted fit (methodology 3.2), and from
 * fit[fit_at[i]] the fit of each requirement of the person's role in
 * requirement order, NaN when not assessed. */
typedef struct airs__score_keep {
	double *sums;
	double *fit;
	const size_t *fit_at;
} airs__score_keep;

/* Score the employees order[lo .. hi) into out[lo .. hi) and, when
 * constructs is not NULL, their construct scores into constructs[lo * NC
 * ..) (NC = AIRS_CONSTRUCT_COUNT_ each), adding each to rollup and
 * counting them in progress (units: employees) and, per model skill, in
 * short_n the employees short of it (detail.short_skill), and when keep
 * is not NULL what a re-score reads into it.  Stops at the first
 * failure: AIRS_ENOMEM, or AIRS_ECANCELED when the host asked to stop. */
int airs__score_run(const airs__score_ctx *c, const airs__mem *mem,
                    const uint32_t *order, size_t lo, size_t hi,
                    airs__score *out, double *constructs, airs_rollup *rollup,
                    airs__progress *progress, uint64_t *short_n,
                    const airs__score_keep *keep);

/* Score one person again from what an earlier result of the same model
 * kept of them - prev, their kept sums and fits (airs__score_keep), their
 * construct scores when the result has them - for parameters that
 * differ only in what readiness reads (params.h,
 * AIRS__RESCORE_READINESS): the readiness, range, evidence, level, gap,
 * the left_behind flag into *out, the same bits airs__score_run() would
 * give; into *d those, the left_behind bit as d->flags and the barrier
 * point (-1 unless c->again_barrier), every time the same members (its
 * unit, employee, leader and what a re-score adds, rollup-rescore.c):
 * the caller zeroes d once for a run of them.  Cannot fail. */
int airs__score_again(const airs__score_ctx *c, const airs__score *prev,
                      const double sums[2], const double *fit,
                      const double *constructs, airs__score *out,
                      airs__emp_detail *d);

/* Score employee e again for its explanation: the contributions into
 * out[0 .. cap), their number (which may exceed cap) in *count.
 * AIRS_ENOMEM. */
int airs__score_explain(const airs__score_ctx *c, const airs__mem *mem,
                        uint32_t e, void *out, size_t stride, size_t cap,
                        size_t *count);

/* Score employee e again for the construct scores alone (NC values, NaN
 * unanswered), as the driver analysis reads them whatever
 * privacy.individual_sentiment says; they never leave the library but
 * as aggregates of groups the anonymity rules allow (methodology 10.5).
 * AIRS_ENOMEM. */
int airs__score_constructs(const airs__score_ctx *c, const airs__mem *mem,
                           uint32_t e, double *constructs);

/* Score employee e again for what the rollup adds of them: *d (its
 * skill and short-skill lists left empty) and the construct scores (NC
 * values, NaN unanswered), for a comparison's group sums
 * (methodology 4.7); like the construct scores they never leave the
 * library but as the aggregates the anonymity rules allow.
 * AIRS_ENOMEM. */
struct airs__emp_detail;
int airs__score_detail(const airs__score_ctx *c, const airs__mem *mem,
                       uint32_t e, struct airs__emp_detail *d,
                       double *constructs);

/* The ADKAR profile (1..5, 0 unknown) and barrier point of a scored
 * employee (methodology 3.8); constructs: the construct scores, NULL
 * when individual sentiment is off. */
void airs__score_adkar(const airs__score *s, const double *constructs,
                       const airs__pv *pv, double a[5], int *barrier);

/* The barrier point of an ADKAR profile a (1..5, 0 unknown), methodology
 * 3.8: the first known element, in A-D-K-A-R order, at or below
 * adkar.barrier_threshold at the quantum; AIRS_BARRIER_NONE when every
 * known element is above it, AIRS_BARRIER_UNKNOWN when none is known.
 * Planning searches the profile it completes from the unit's the same
 * way (methodology 8.4). */
int airs__adkar_barrier(const double a[5], const airs__pv *pv);
/* The same with the threshold given quantised (a unit profile's, from
 * the rollup, methodology 4.6). */
int airs__adkar_barrier_q(const double a[5], int64_t threshold_q);

#endif

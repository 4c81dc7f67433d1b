/*
 * score.h - the result of scoring, as the layers above it read it.
 *
 * Per employee the result keeps only what cannot be derived cheaply; the
 * ADKAR profile, gaps and explanations are derived on access from these
 * fields (and, for explanations, by scoring the one employee again with
 * the same code, so the numbers are identical).
 */
#ifndef AIRS_SCORE_INTERNAL_H
#define AIRS_SCORE_INTERNAL_H

#include <stdatomic.h>
#include <stdint.h>

#include "airs/rollup.h"
#include "airs/score.h"
#include "model.h"
#include "params.h"
#include "progress.h"

typedef struct airs__score_ctx airs__score_ctx;

/* Inputs a person has (coverage, methodology 1.1): bit (1 << enum
 * airs_input).  The survey bit is never kept: who answered is the
 * rollup's to count, under its anonymity rules. */
typedef struct airs__score {
	uint32_t emp;             /* model employee index */
	uint8_t level, target, coverage, withheld;
	uint8_t flags, flags_evaluated;
	uint8_t evidence;         /* enum airs_evidence */
	uint8_t inputs;           /* bits (1 << enum airs_input) */
	uint32_t skills_assessed; /* required skills with an assessment */
	double readiness;         /* NaN when undefined or insufficient */
	double range[2];          /* the readiness range (methodology 1.1) */
	double skill_coverage;
	double component[AIRS_COMPONENT_COUNT_]; /* NaN when absent/withheld */
} airs__score;

/* What a result shares with its re-scores (airs__result_share()): the
 * arrays a readiness re-score would copy unchanged - the construct
 * scores, the course cohorts and what a later re-score reads.  Never
 * written once shared; freed with the last result that holds them. */
typedef struct airs__kept {
	atomic_uint refs;
	double *construct;
	uint64_t *short_n;
	uint32_t *cohort;
	double *keep_sums, *keep_fit;
	size_t *keep_fit_at;
} airs__kept;

struct airs_result {
	airs__mem mem;
	const airs_model *model;  /* one reference held */
	airs__pv pv;
	char params_digest[65];
	airs_date as_of;
	airs_as_of_info as_of_info; /* how as_of was chosen */
	size_t n;
	airs__score *s;           /* in result order: employees by id */
	double *construct;        /* n * AIRS_CONSTRUCT_COUNT_, only with
	                             privacy.individual_sentiment = 1 */
	airs_rollup *rollup;
	/* Course cohorts (methodology 8.6): per model skill the employees
	 * short of it, and the courses that teach a skill someone is short
	 * of, most employees first, ties by course id. */
	uint64_t *short_n;
	uint32_t *cohort;
	size_t ncohort;
	/* What a re-score reuses (airs_rescore(), rescore.c): per employee
	 * the sums and per requirement of their role the skill fits
	 * (score-employee.h, airs__score_keep), fit_at with n + 1 offsets
	 * into fit.  24 bytes an employee and 8 a required skill. */
	double *keep_sums;        /* 2 n */
	double *keep_fit;
	size_t *keep_fit_at;      /* n + 1 */
	/* NULL, or the owner of construct, short_n, cohort and the keep
	 * arrays above, which then point into it (shared with re-scores:
	 * read only) */
	airs__kept *kept;
	/* Scored for its rollup partial only (airs_score_partial()): the
	 * rollup's values sorted, nothing finished, no cohorts; never
	 * handed to a caller. */
	int partial_only;
	size_t threads;           /* scored on (0: unknown): exports format
	                             their rows on as many (export-rows.h) */
};

/* Move r's construct scores, cohorts and keep arrays into a shared
 * airs__kept (r still points at them).  AIRS_ENOMEM leaves r as it
 * was. */
int airs__result_share(airs_result *r);

/* Make r point at prev's shared arrays (airs__result_share()), holding
 * a reference.  Thread safety: prev is only read; any number of threads
 * may take references to it at once. */
void airs__result_share_from(airs_result *r, const airs_result *prev);

/* Score into r, made and set up as airs_score_v2() does, on nt
 * threads and finalise it - with the suppression decisions of reuse
 * when it is not NULL (rescore.c) - and report progress.  AIRS_ENOMEM,
 * AIRS_ECANCELED; r is freed by the caller on failure. */
int airs__score_into(airs_result *r, const airs__score_ctx *c, size_t nt,
                     airs__progress *progress, const airs_rollup *reuse);

/* Make r's keep arrays for its n employees (fit_at from their roles'
 * requirements).  AIRS_ENOMEM. */
int airs__result_keep_alloc(airs_result *r);

#endif

/*
 * plan-org-impl.h - what the organisation plan's files share (plan-org*.c):
 * the increments, the queue, a thread's part and the phases' state.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#ifndef AIRS_PLAN_ORG_IMPL_H
#define AIRS_PLAN_ORG_IMPL_H

#include "plan-problem.h"

/* An increment of one employee's problem, as the queue hands it out. */
struct oinc {
	double dh, dv, dc, slope;
	uint32_t group, c0, nc; /* the option's courses: courses[c0 .. c0+nc) */
	unsigned char applied;
};

/* A binary heap of employees (result indices) with an increment left,
 * ordered by the strategy; ties by employee.  Each entry carries its
 * order's key, computed once when it is queued: an employee's key
 * changes only while they are out of the heap (offer() and advance()
 * touch the popped employee alone), so comparing the stored keys gives
 * the same answers as computing them afresh at every comparison, and
 * touches only the heap's own memory. */
struct qent {
	double key;           /* larger first: the uplift per hour (blend:
	                         weighted), or equity's -R */
	uint32_t i;           /* the employee; smaller first */
	unsigned char tier;   /* smaller first: target_first's tier, else 0 */
	unsigned char lb;     /* larger first: equity's left_behind, else 0 */
};

struct queue {
	struct qent *h;
	size_t n;
	const struct airs__alloc *a;
	const struct oinc *inc;
	int strategy;
	double beta;
	const airs__pv *pv;
};

/* What a run of employees [lo, hi) contributes. */
struct part {
	const struct plan_ctx *c;
	airs_org_plan *o;          /* sets a[i] and emp[i] of its own i only */
	const int *bucket_of;
	size_t lo, hi;
	struct oinc *inc;          /* increments; a[i].i0/i1 and their c0 */
	size_t ninc, inccap;       /* count from 0 until the join */
	struct airs__ocourse *courses; /* the increments' courses */
	size_t ncour, courcap;
	uint32_t *gap;             /* skills whose gaps make the employee a */
	size_t ngap, gapcap;       /* cohort member, employee after employee */
	uint32_t *gaps_of;         /* hi - lo: how many gap entries each */
	struct plan_prob p;
	struct plan_inc *tmp;
	size_t tmpcap;
	int rc;
};

/* What the phases share.  The plan (o) is the output; the rest is scratch
 * that org_end() frees. */
struct org_state {
	const airs_result *r;
	const airs_model *m;
	const airs_plan_options *opts; /* NULL: the defaults */
	struct plan_ctx c;
	airs_org_plan *o;
	double H, C, cap;         /* total hours and cost; hours per person */
	size_t nb;                /* per-unit budgets */
	uint32_t *ru;             /* per model unit: its tree index or NONE */
	uint32_t *ugroup;         /* per model unit: its group (the nearest
	                             unit of the tree at or above it, else
	                             the organisation's, o->nu) */
	uint32_t *gup;            /* per group but the organisation: its
	                             parent group */
	int *bucket_of;           /* per model unit: the budget it draws on
	                             (its own or the nearest above), -1 none */
	double *bucket_left;      /* per budget: hours left */
	struct part *parts;       /* runs of employees, one per thread */
	size_t np;
	struct oinc *inc;         /* everyone's increments, employee order */
	size_t ninc, inccap;
	struct airs__ocourse *courses; /* their courses */
	size_t ncour, courcap;
	size_t ngroups;           /* everyone's groups of skills ... */
	unsigned char *closed;    /* ... closed to more increments */
	struct queue q;
	double used_h, used_c;    /* of the total budget */
	size_t ncours, courscap;  /* o->cours */
};

/* plan-org-parts.c: every employee's problem built on the scoring
 * threads into np parts (employees split in runs); AIRS_ENOMEM.  A
 * part made (its c set) is freed with airs__org_part_free(). */
int airs__org_parts_build(const struct plan_ctx *c, airs_org_plan *o,
                          const int *bucket_of, struct part *parts,
                          size_t np);
void airs__org_part_free(struct part *pt);

/* plan-org-tally.c: the groups' sums, shares and weeks to target
 * (o->g) from what each person got; AIRS_ENOMEM. */
int airs__org_tally(struct org_state *st);

#endif

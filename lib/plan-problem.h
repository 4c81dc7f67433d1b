/*
 * plan-problem.h - one employee's planning problem (methodology 8.2-8.4,
 * 8.6), as the two planners read it: the personal plan (plan.c) and the
 * organisation's plan (plan-org.c).  Only the plan family includes this.
 *
 * A planning context (plan_ctx) holds what every employee's problem
 * shares: the catalogue by skill, the prerequisites, the units' survey
 * profiles.  A problem (plan_prob) is one employee's skills to learn
 * (nodes), the prerequisites between them (edges), their groups and each
 * group's options; it is built once and read by both planners, so both
 * follow one set of rules.  Its hull increments (plan_inc) are the steps
 * of the greedy and of the organisation's queue.
 *
 * A context is read-only once made, so threads may build problems from
 * one context at once, each into a plan_prob of its own.
 */
#ifndef AIRS_PLAN_PROBLEM_H
#define AIRS_PLAN_PROBLEM_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "plan.h"
#include "score.h"

/* Uplifts and slopes within this are equal. */
#define PLAN_EPS 1e-12

/* ------------------------------------------------------------------------
 * What every employee's problem shares
 * ---------------------------------------------------------------------- */

struct plan_ctx {
	const airs_result *r;
	const airs_model *m;
	const airs__pv *pv;
	airs__mem mem;
	uint32_t *cstart, *corder; /* courses by skill, canonical order */
	uint32_t *pstart, *porder; /* prerequisites by the skill needing them */
	const uint32_t *rstart;    /* the model's requirements by role ... */
	const airs__req *req;      /* ... (level > 0, skill id order) */
	const double *sum_v;       /* per role: sum of their weights */
	double *unit_adkar;        /* per model unit: A, D, R (0 unknown) */
	int cost_limited;          /* a cost budget applies */
};

/* Make the context of result r.  AIRS_OK or AIRS_ENOMEM (then nothing is
 * held).  The caller sets cost_limited. */
int airs__plan_ctx_init(struct plan_ctx *c, const airs_result *r);
void airs__plan_ctx_free(struct plan_ctx *c);

/* ------------------------------------------------------------------------
 * One employee's problem
 * ---------------------------------------------------------------------- */

/* A skill to learn: a required skill below its level that a course
 * teaches, or a prerequisite skill below the level a course needs. */
struct plan_node {
	uint32_t skill;
	double q, v;        /* requirement; 0, 0 for a prerequisite only */
	double L0;          /* estimated level, 0 when not assessed */
	uint32_t c0, nc;    /* courses corder[c0 .. c0+nc) (at most
	                       MASK_COURSES considered) */
	int group, topo;
	double lp;          /* projected level (enumeration scratch) */
	size_t mo, mk;      /* its undominated subsets in prob.ml/mh/mc/mm */
	uint32_t mask;      /* chosen courses (enumeration scratch; the
	                       personal plan's choice in plan.c) */
};

/* Node x needs node y at level min. */
struct plan_edge {
	int x, y;           /* node needing, node needed (-1: met already) */
	double min;
};

/* Skills linked by prerequisites (methodology 8.3; not a unit's group of
 * an organisation plan). */
struct plan_group {
	int n0, nn;         /* nodes gorder[n0 .. n0+nn), prerequisites first */
	size_t o0, no;      /* options */
};

/* A feasible set of a group's courses with a positive uplift. */
struct plan_option {
	double hours, cost, value;
	size_t m0;          /* masks[m0 .. m0 + group's nn) */
};

/* Scratch of the problem build: a node's course subset. */
struct plan_sub { double h, l, c; uint32_t mask; };

struct plan_prob {
	uint32_t emp;
	size_t ri;          /* result index */
	double readiness;   /* scored, NaN when undefined */
	double base;        /* readiness, 0 when undefined */
	double scale;       /* points per unit of v * fit */
	int reduced;        /* some group's catalogue was cut to OPT_MAX */
	struct plan_node *nodes; size_t nn, ncap;
	struct plan_edge *edges; size_t ne, ecap;
	int *gorder; size_t gocap;
	struct plan_group *groups; size_t ng, gcap;
	struct plan_option *opts; size_t no, ocap;
	uint32_t *masks; size_t nm, mcap;
	uint32_t *missing; size_t nmiss, misscap;
	int *uf; size_t ufcap;
	/* per node and course subset: level, hours and cost after it */
	double *ml, *mh, *mc; size_t nml, mlcap, mhcap, mccap;
	uint32_t *mm; size_t mmcap; /* the subsets' course masks */
	struct plan_sub *sub; size_t subcap;
	/* the employee's assessments in content order, for the estimates */
	struct airs__arec *a;
	size_t na, acap;
};

/* Build employee (result index) ri's problem into p, whose arrays are
 * reused from its last build (a zeroed plan_prob to begin with).
 * AIRS_OK, AIRS_ENOMEM, or AIRS_EINVAL for a prerequisite cycle (which
 * the model rejects); p is freed with airs__plan_problem_free() in any
 * case. */
int airs__plan_problem_build(const struct plan_ctx *c, struct plan_prob *p,
                             size_t ri);
void airs__plan_problem_free(struct plan_prob *p, const airs__mem *mem);

/* The level node n reaches with the courses of mask (bit j: its course
 * corder[c0 + j]), taken in order from its estimate; their hours and
 * cost in *hours and *cost. */
double airs__plan_level_after(const struct plan_ctx *c,
                              const struct plan_node *n, uint32_t mask,
                              double *hours, double *cost);

/* The fit of level L to requirement q: min(1, L/q), 1 when q <= 0. */
static inline double airs__plan_fit(double L, double q)
{
	return q <= 0 ? 1 : L / q > 1 ? 1 : L / q;
}

/* ------------------------------------------------------------------------
 * Hull increments and time to target
 * ---------------------------------------------------------------------- */

/* A step from one option of a group to a better one on the group's upper
 * convex hull of (hours, uplift). */
struct plan_inc {
	double dh, dv, dc;  /* hours, uplift, cost added */
	double slope;
	size_t opt;         /* the group's option after this increment */
	uint32_t group;
};

/* Append the hull increments of every group of p, limited to options
 * within max_hours / max_cost (0 or less: no limit), to (*out)[*n ..]
 * (*cap allocated), sorted by uplift per hour, then group, then option.
 * AIRS_OK or AIRS_ENOMEM. */
int airs__plan_hull(const struct plan_ctx *c, const struct plan_prob *p,
                    double max_hours, double max_cost, struct plan_inc **out,
                    size_t *n, size_t *cap);

/* Time to target (section 8.6): whether p's employee reaches the target's
 * floor with inc[0 .. n) (their hull increments, in order) and the hours
 * it takes (0 reached; INFINITY not reachable or no target). */
void airs__plan_time_to_target(const struct plan_ctx *c,
                               const struct plan_prob *p,
                               const struct plan_inc *inc, size_t n,
                               int *reachable, double *hours);

/* ------------------------------------------------------------------------
 * Change interventions (section 8.4)
 * ---------------------------------------------------------------------- */

/* The barrier point of employee ri used for interventions (an ADKAR
 * element, AIRS_BARRIER_NONE or AIRS_BARRIER_UNKNOWN), its score in
 * *score (NaN when none), and in *unit whether that score is the unit's
 * anonymised profile. */
int airs__plan_barrier(const struct plan_ctx *c, size_t ri, double *score,
                       int *unit);

/* The interventions of a barrier point into out[], in order; their
 * number. */
size_t airs__plan_interventions(int barrier, int out[3]);

/* ------------------------------------------------------------------------
 * What both entry points share
 * ---------------------------------------------------------------------- */

/* The message of a failure of planning itself (after the options were
 * read): out of memory, or what no model can cause. */
const char *airs__plan_why(int status);

/* The arguments of airs_plan_employee() (org 0) or airs_plan_org() (org
 * 1): diag's size, the result r and whether there is an out pointer, and
 * the caller's options `in` (NULL: the defaults), read into o by the size
 * protocol and checked; the message goes into diag. */
int airs__plan_begin(const airs_result *r, int have_out,
                     const airs_plan_options *in, airs_plan_options *o,
                     airs_diag *diag, int org);

#endif

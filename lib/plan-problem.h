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

/* Courses of one skill a plan may combine (the gentlest, in the
 * catalogue's canonical order); beyond, the plan is marked reduced. */
#define MASK_COURSES 8

/* Partial choices a group's options keep per skill (plan-options.c);
 * beyond, an even spread of them, and the plan is marked reduced. */
#define GROUP_STATES 4096

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
	double *unit_adkar;        /* per model unit: A, D, R (0 unknown), */
	unsigned char *unit_src;   /* their enum airs_adkar_source (0: none) */
	uint32_t *unit_from;       /* and the model unit they were read in */
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
	int pos;            /* position in its group's order */
	int last;           /* last position of a node needing it; -1 none */
	size_t t0, nt;      /* the levels nodes need it at: thr[t0 ..
	                       t0+nt), ascending */
	size_t mo, mk;      /* its choices (undominated course subsets, some
	                       with practice) in prob.ml/mh/mc/mm/mp */
	uint32_t pick;      /* the choice made (the personal plan's, in
	                       plan.c) ... */
	uint32_t mask;      /* ... its courses (bit j: corder[c0 + j]) */
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

/* A feasible choice for every node of a group with a positive uplift,
 * undominated by another on hours, cost and uplift. */
struct plan_option {
	double hours, cost, value;
	size_t m0;          /* picks[m0 .. m0 + group's nn): each node's
	                       choice, in group order */
};

/* Which of a group's options a problem keeps (plan-options.c). */
enum plan_mode {
	PLAN_HULL = 0,      /* the vertices of the upper convex hull of
	                       (hours, uplift): what the greedy, the queue and
	                       time to target read */
	PLAN_PARETO = 1,    /* every option within cap_h hours (and cap_c
	                       cost) that no other beats on hours, cost and
	                       uplift: what the exact optimum reads */
	PLAN_CHEAPEST = 2   /* the option of fewest hours (then cost) */
};

/* Scratch of the problem build: a node's choice (course subset). */
struct plan_sub { double h, l, c, p; uint32_t mask; };

/* Scratch of a group's options: a partial choice over the group's first
 * nodes (plan-options.c). */
struct plan_gstate { double h, c, v; uint32_t gen; };

struct plan_prob {
	int mode;           /* enum plan_mode: set by the caller ... */
	double cap_h, cap_c;/* ... and, for PLAN_PARETO, the budgets */
	uint32_t emp;
	size_t ri;          /* result index */
	double readiness;   /* scored, NaN when undefined */
	double base;        /* readiness, 0 when undefined */
	double scale;       /* points per unit of v * fit */
	int reduced;        /* a cap cut the catalogue or the options */
	struct plan_node *nodes; size_t nn, ncap;
	struct plan_edge *edges; size_t ne, ecap;
	int *gorder; size_t gocap;
	struct plan_group *groups; size_t ng, gcap;
	struct plan_option *opts; size_t no, ocap;
	uint32_t *picks; size_t nm, mcap;
	uint32_t *missing; size_t nmiss, misscap;
	int *uf; size_t ufcap;
	int *nodeof;        /* per model skill: its node, -1 none */
	double *thr; size_t nthr, thrcap;
	/* per node and choice: level, hours, cost and practice hours after
	 * it, and its courses */
	double *ml, *mh, *mc, *mp; size_t nml, mlcap, mhcap, mccap, mpcap;
	uint32_t *mm; size_t mmcap;
	struct plan_sub *sub; size_t subcap;
	/* a group's options (plan-options.c): two layers of partial
	 * choices, their keys, and every layer's way back */
	struct plan_gstate *gs[2]; size_t gscap[2];
	uint16_t *gk[2]; size_t gkcap[2];
	uint32_t *gback; size_t gbackcap;  /* per state: previous, choice */
	uint32_t *gord, *gtmp; size_t gordcap, gtmpcap;
	int *gslot; size_t gslotcap;
	/* the employee's assessments in content order, for the estimates */
	struct airs__arec *a;
	size_t na, acap;
};

/* Build employee (result index) ri's problem into p, whose arrays are
 * reused from its last build (a zeroed plan_prob to begin with), with
 * the options p->mode says.
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

/* plan-options.c: node n's choices - its undominated course subsets and,
 * for a skill others need, the practice that takes a subset on to a
 * level they need (methodology 8.1, 8.3) - into p->ml/mh/mc/mp/mm from
 * n->mo (n->mk of them, the first taking no course).  AIRS_OK or
 * AIRS_ENOMEM. */
int airs__plan_node_choices(const struct plan_ctx *c, struct plan_prob *p,
                            struct plan_node *n);

/* plan-options.c: every group's options, as p->mode says, by dynamic
 * programming over its nodes in prerequisite order (replacing those of
 * another mode).  AIRS_OK or AIRS_ENOMEM. */
int airs__plan_options(const struct plan_ctx *c, struct plan_prob *p);

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

/* Where a barrier point's score was read: the person's own profile
 * (AIRS_ADKAR_SOURCE_PERSON, unit AIRS__NONE), or a published figure of
 * model unit `unit` (theirs or an ancestor). */
struct airs__adkar_src {
	int source;
	uint32_t unit;
};

/* plan-adkar.c: every unit's Awareness, Desire and Reinforcement from
 * what the rollup publishes (methodology 8.4).  AIRS_ENOMEM possible. */
int airs__plan_unit_profiles(struct plan_ctx *c);

/* The barrier point of employee ri used for interventions (an ADKAR
 * element, AIRS_BARRIER_NONE or AIRS_BARRIER_UNKNOWN), its score in
 * *score (NaN when none), and in *src where that score was read. */
int airs__plan_barrier(const struct plan_ctx *c, size_t ri, double *score,
                       struct airs__adkar_src *src);

/* The interventions of a barrier point into out[], in order; their
 * number. */
size_t airs__plan_interventions(int barrier, int out[3]);

/* plan-why.c: why the personal plan of p cannot do more, into *out (NULL
 * when nothing stands in the way; the caller frees it): required skills
 * no course teaches, those whose prerequisite no course reaches and, when
 * the plan has no course (any_course 0), the budget that the cheapest
 * option exceeds - `left` of H hours after the interventions, or the
 * cost limit C.  p holds the options within the budgets (PLAN_PARETO);
 * it may be left with those of another mode.  AIRS_OK or AIRS_ENOMEM. */
int airs__plan_why_not(const struct plan_ctx *c, struct plan_prob *p,
                       int any_course, double H, double left, double C,
                       char **out);

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

/*
 * plan.h - the learning-curve model (methodology section 8.1, defined in
 * plan-problem.c), shared by the planners and their white-box tests, and
 * what a plan keeps, as the layers above planning (planwrite.c, audit.c)
 * read it.  What the planners share beyond this is in plan-problem.h.
 */
#ifndef AIRS_PLAN_INTERNAL_H
#define AIRS_PLAN_INTERNAL_H

#include "airs/plan.h"
#include "model.h"
#include "params.h"

/* The level ceiling of a course taken from level L0:
 * min(5, L0 + plan.headroom * gain). */
double airs__plan_ceiling(const airs__pv *pv, double gain, double L0);

/* Expected level after h hours of a course (nominal length `hours`,
 * nominal gain `gain`, enum airs_format `format`) started at level L0:
 * Lmax - (Lmax - L0) * exp(-h / tau), tau = hours * plan.tau_<format>. */
double airs__plan_level(const airs__pv *pv, int format, double hours,
                        double gain, double L0, double h);

/* Hours of that course to reach level target from L0: 0 when L0 is
 * already there, INFINITY when target >= the ceiling. */
double airs__plan_hours_to(const airs__pv *pv, int format, double hours,
                           double gain, double L0, double target);

/* A step of a personal plan. */
struct airs__step {
	int kind, intervention, adkar;
	uint32_t skill, course; /* AIRS__NONE for interventions */
	double hours, cost, before, after, uplift;
	double practice;        /* hours of practice after the course, in
	                           hours (methodology 8.1) */
	int source;             /* interventions: enum airs_adkar_source ... */
	uint32_t source_unit;   /* ... read in this model unit (or NONE) */
	char *reason;
};

/* What a plan was made from, kept for provenance: the result's as-of date
 * and parameter digest (the model is held, so its digest can be computed
 * when it is asked for). */
struct airs__plan_source {
	airs_date as_of;
	char params_digest[65];
};

struct airs_plan {
	airs__mem mem;
	const airs_model *model; /* one reference held */
	struct airs__plan_source src;
	const char *employee_id;
	double budget_hours, budget_cost, hours, cost, readiness, projected;
	int level, projected_level, target, barrier, exact, reachable;
	double bound, target_hours, target_weeks;
	struct airs__step *steps;
	size_t nsteps;
	uint32_t *missing;
	size_t nmissing;
	char *why;               /* what stands in the way; NULL nothing */
	int reduced;             /* a cap cut the catalogue or the options */
};

/* One employee's share of an organisation's plan. */
struct airs__alloc {
	double hours, cost, readiness, projected, weeks, R; /* R: for ordering */
	size_t courses;
	int reachable, left_behind;
	int reduced;          /* a cap left part of the problem out */
	int target;           /* the unit's target when the level is known;
	                         0 otherwise (target_first's tiers) */
	uint32_t i0, i1;      /* increments */
	uint32_t g0, ng;      /* groups, in closed[] */
	uint32_t next;        /* next increment to consider */
	double ih;            /* intervention hours, charged with the first */
	int started;          /* 1 once given anything: ih is then spent */
	int bucket;           /* per-unit budget, -1 none */
};

/* A course an organisation plan gives, with the practice after it. */
struct airs__ocourse {
	uint32_t course;
	double practice;      /* hours, methodology 8.1 */
};

struct airs__cohort {
	uint32_t course, rank; /* rank: position in course id order */
	uint64_t employees, planned;
};

struct airs_org_plan {
	airs__mem mem;
	const airs_model *model;  /* one reference held */
	struct airs__plan_source src;
	int strategy;             /* the options planned with */
	double budget_hours, budget_cost, max_hours;
	double *unit_budget;      /* per tree index: hours, NaN when none */
	size_t n, nu, nco;
	uint32_t *emp;            /* model employee per result index */
	struct airs__alloc *a;
	uint32_t *cstart;         /* n + 1: employee i's courses are ... */
	struct airs__ocourse *cours; /* ... cours[cstart[i] .. cstart[i + 1]) */
	uint32_t *unit;           /* model unit per tree index */
	airs_plan_group *groups;  /* nu + 1: the organisation last */
	struct airs__cohort *co;  /* sorted */
	uint64_t *co_unit;        /* nco * (nu + 1) * 2: employees, planned */
};

#endif

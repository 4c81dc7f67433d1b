/*
 * params.h - the parameter values scoring reads, as plain fields.
 *
 * The public handle (airs/params.h) addresses parameters by name; scoring
 * reads this struct directly.  A result copies it, so the handle can be
 * changed or freed while results live.
 */
#ifndef AIRS_PARAMS_INTERNAL_H
#define AIRS_PARAMS_INTERNAL_H

#include "airs/params.h"
#include "airs/score.h"
#include "alloc.h"
#include "error.h"

typedef struct airs__pv {
	int as_of_auto;           /* 1: the latest date of observed evidence */
	airs_date as_of;
	int outlier_days;         /* as_of.outlier_days */
	double outlier_share;     /* as_of.outlier_share */
	double min_skill_share;   /* evidence.min_skill_share */
	double weight[AIRS_COMPONENT_COUNT_];  /* weights.skill ... */
	double source[4];         /* source.self, .manager, .test, .certification */
	double half_life;         /* decay.half_life_days */
	double hours_per_level;   /* training.hours_per_level */
	int window_months;        /* adoption.window_months */
	double full_days;         /* adoption.full_days */
	double level_t[4];        /* levels.t2 .. levels.t5 */
	double barrier;           /* adkar.barrier_threshold */
	double lb_readiness, lb_training, lb_support;   /* flags.left_behind_* */
	double fatigue_window, fatigue_hours, fatigue_drop; /* flags.fatigue_* */
	double rev_training, rev_adoption;              /* flags.reversion_* */
	double overconfidence;                          /* flags.overconfidence_gap */
	double nb_adoption, nb_benefit;                 /* flags.no_benefit_* */
	int min_group;            /* anonymity.min_group */
	int individual_sentiment; /* privacy.individual_sentiment */
	/* Learning and planning (methodology section 8) */
	double plan_headroom;     /* plan.headroom: k in Lmax = L0 + k * gain */
	double plan_tau[6];       /* plan.tau_<format>, by enum airs_format */
	double plan_weekly_hours; /* plan.weekly_hours */
	double plan_intervention_hours; /* plan.intervention_hours */
	double plan_blend;        /* plan.blend_priority */
	int plan_exact_states;    /* plan.exact_states */
	/* AI tools (methodology section 9) */
	int tool_habit_months;    /* tools.habit_months */
	int tool_recent_months;   /* tools.recent_months */
	double tool_lapse_share;  /* tools.lapse_share */
	double tool_mismatch_adoption, tool_mismatch_benefit,
	       tool_mismatch_margin; /* tools.mismatch_* */
	double tool_shadow_share; /* tools.shadow_share */
	int threads;              /* threads: how, not what (not digested) */
	double limit_rows, limit_ids; /* limits.max_rows, limits.max_ids */
	int limit_depth;          /* limits.max_depth (loading; not digested) */
	int limit_role_skills;    /* limits.max_role_skills (the same) */
} airs__pv;

/* The smallest anonymity.min_group the methodology allows (section 4.1):
 * also the least a rollup partial may carry. */
#define AIRS__MIN_GROUP_FLOOR 3

struct airs_params {
	airs__mem mem;
	char msg[AIRS__MSG_MAX];
	airs__pv v;
};

/* The documented defaults (docs/methodology.md, section 5). */
void airs__params_defaults(airs__pv *v);

/* Checks that involve several parameters; on failure writes a message
 * into msg (AIRS__MSG_MAX bytes) and returns AIRS_EINVAL. */
int airs__params_check(const airs__pv *v, char *msg);

/* SHA-256 of the canonical text of v, as 64 hex digits and a NUL. */
void airs__params_digest(const airs__pv *v, char out[65]);

/* The canonical text of the i-th parameter (airs_params_describe() order)
 * in v, written into buf (AIRS__NUM_MAX bytes, num.h) with a NUL; returns
 * its length, or 0 past the last parameter.  Exports list a result's
 * parameters with it. */
size_t airs__params_text(const airs__pv *v, size_t i, char *buf);

/* 1 if the i-th parameter enters the digest - every one but `threads`
 * and the load limits, which decide how a result is computed or whether
 * a load goes ahead, never what it finds - else 0.  Exports
 * list exactly these, so that their parameters block is the digested
 * text and does not depend on the number of threads. */
int airs__params_digested(size_t i);

/* What a change of a parameter makes a re-score (airs_rescore(),
 * rescore.c) redo, derived from what reads it (docs/methodology.md,
 * section 5.1, lists every parameter's); ordered, each redoing more. */
enum airs__rescore {
	AIRS__RESCORE_SAME = 0,      /* nothing scoring reads: it is read
	                                from the result on demand (plans,
	                                the tools analysis) or not at all */
	AIRS__RESCORE_READINESS = 1, /* each person's readiness from the
	                                kept components and skill fits, and
	                                what follows from it: range,
	                                evidence, level, gap, the
	                                left_behind flag, the ADKAR barrier;
	                                the rollup's readiness sums */
	AIRS__RESCORE_EMPLOYEES = 2, /* every person scored again; the
	                                anonymity suppression kept: it reads
	                                only who answered, which this cannot
	                                change */
	AIRS__RESCORE_ALL = 3        /* a score from scratch: the as-of
	                                date, who answered or what counts as
	                                answered, or the threshold changes */
};

/* The class of the i-th parameter (airs_params_describe() order);
 * AIRS__RESCORE_ALL past the last. */
int airs__params_rescore_of(size_t i);

/* The most a re-score from a result made with a must redo to give the
 * result of b: the largest class among the parameters that differ. */
int airs__params_rescore(const airs__pv *a, const airs__pv *b);

#endif

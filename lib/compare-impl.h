/*
 * compare-impl.h - what the comparison of two results (compare.c) and
 * of two archives (compare-archive.c) share: a group side's sums, the
 * sides' unit trees matched by id, and the core that turns the sums of
 * every group into the published changes (methodology 4.7 and 4.1's
 * rule 4) - one copy of the statistics for both.
 */
#ifndef AIRS_COMPARE_IMPL_H
#define AIRS_COMPARE_IMPL_H

#include <stdint.h>

#include "airs/compare.h"
#include "alloc.h"
#include "change-person.h"
#include "score-employee.h"

#define NF AIRS_CHANGE_FIGURE_COUNT_
#define NR AIRS__CHANGE_NR

struct airs_comparison {
	airs__mem mem;
	char digest[2][65];
	int params_changed;       /* beyond the as-of date */
	size_t nu, nadd, nrem;
	char **uid, **add, **rem; /* nu, nadd, nrem copies */
	airs_change *ch;          /* (nu + 1) * NF; the organisation last */
};

/* A running mean and sum of squared deviations (Welford). */
typedef struct wf {
	uint64_t n;
	double mean, m2;
} wf;

/* One figure of one group: each side's values, and what is known of the
 * people on both sides. */
typedef struct acc {
	wf b, c, d;            /* base, current, pair differences (d.n: the
	                          people with the figure on both sides) */
	uint64_t xb, xc;       /* yes at base, now (shares) */
	uint64_t yes_no, no_yes, yes_yes; /* pairs */
	uint64_t rb, rc, rboth; /* a survey flag's family (the people whose
	                          answers can move it): base, now, both */
	int64_t num[2];        /* a ratio's numerator and denominator sums */
	uint64_t den[2], cnt[2]; /* and its people, per side */
	int no_pairs;          /* the pairs' values are not known (archives):
	                          the independent design */
} acc;

/* One side: its rollup, per rollup unit its parent and its group; for a
 * result, what its people's walk needs. */
typedef struct side {
	const airs__mem *mem;
	const airs_rollup *ru;
	size_t nu;
	size_t *parent;  /* nu; (size_t)-1 for roots */
	size_t *group;   /* nu; (size_t)-1 when the other side lacks it */
	size_t *unit_of; /* per group: this side's unit */
	const airs_result *r; /* NULL for an archive */
	int32_t (*num)[NR]; /* per employee: the ratio parts, kept for */
	uint32_t (*den)[NR]; /* the second pass */
	airs__score_ctx ctx;
	int ctx_made;
} side;

/* The unit tree of s (its rollup ru).  AIRS_ENOMEM. */
int airs__compare_side(side *s, const airs_rollup *ru, const airs__mem *mem);
void airs__compare_side_free(side *s);

/* Refuse parameters that differ beyond the as-of date (mb, mc: the
 * digests without it; pb, pc: as the provenance gives them) unless
 * allowed; the options into o.  AIRS_EINVAL, AIRS_EMISMATCH. */
int airs__compare_check(const char *mb, const char *mc, const char *pb,
                        const char *pc, const airs_compare_options *in,
                        airs_compare_options *o, int *changed,
                        airs_diag *diag);

/* A new comparison in mem with the digests pb, pc.  NULL: no memory. */
airs_comparison *airs__comparison_new(const airs__mem *mem, const char *pb,
                                      const char *pc, int changed);

/* Match the sides' units, sum every group with fill(user, A, ng) (A:
 * ng * NF accumulators, zeroed; group ng - 1 the organisation) and
 * derive each change into k with the minimum group mg. */
typedef int (*airs__compare_fill)(void *user, acc *A, size_t ng);
int airs__compare_run(airs_comparison *k, side *b, side *c, int mg,
                      airs__compare_fill fill, void *user);

/* The end of a comparison: the sides freed; k into *out, or (rc, a
 * status) freed and reported in diag.  Returns rc. */
int airs__compare_done(airs_comparison *k, side *b, side *c, int rc,
                       airs_comparison **out, airs_diag *diag);

/* Add x to a running mean. */
void airs__wf_add(wf *w, double x);

#endif

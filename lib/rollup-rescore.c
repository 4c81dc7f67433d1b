/*
 * rollup-rescore.c - the rollup of a re-score (airs_rescore(), rescore.c)
 * whose parameters change only what readiness reads (params.h,
 * AIRS__RESCORE_READINESS): an earlier rollup's accumulators with their
 * readiness part emptied, filled again employee by employee.  Everything
 * else - survey sums, respondents, the skill heatmap, the ADKAR
 * Knowledge and Ability sums, who answered for the manager groups - is
 * what scoring the same people would add again, so it is copied.  The
 * suppression decisions are finalising's to reuse
 * (airs__rollup_finalise_reusing()).
 */
#include "rollup-impl.h"

#include <string.h>

/* The members airs__score_again() can change: the readiness, its level,
 * gap and evidence, the left_behind flag (bit 0) and the barrier point. */
static void clear_readiness(acc *a)
{
	a->scored = 0;
	a->ready_sum = 0;
	memset(a->ready_sq, 0, sizeof a->ready_sq);
	memset(a->levels, 0, sizeof a->levels);
	a->insufficient = 0;
	a->with_target = 0;
	a->gap_sum = 0;
	a->gap_sq = 0;
	a->below = 0;
	a->flags[0] = 0;
	memset(a->barrier, 0, sizeof a->barrier);
}

/* prev's accumulators and skill cells into r (same shape, empty), the
 * readiness part cleared, and room for every member's readiness. */
static int copy_accumulators(airs_rollup *r, const airs_rollup *prev)
{
	size_t u, i;

	if (airs__skcells_reserve(&r->sk, &r->mem, prev->sk.n))
		return AIRS_ENOMEM;
	for (u = 0; u < r->nu; u++)
		if (airs__rollup_reserve(&r->mem, &r->vals[u],
		                         prev->direct[u].headcount))
			return AIRS_ENOMEM;
	for (i = 0; i < prev->sk.n; i++) {
		const skcell *c = &prev->sk.v[i];
		airs__skcells_add(&r->sk, c->unit, c->skill, c->n, c->sum);
	}
	for (u = 0; u < r->nu; u++) {
		r->direct[u] = prev->direct[u];
		clear_readiness(&r->direct[u]);
	}
	return AIRS_OK;
}

int airs__rollup_rescore_new(airs_rollup **out, const airs_rollup *prev,
                             const airs_model *m, const char digest[65],
                             int64_t barrier_q)
{
	airs_rollup *r;
	int rc;

	*out = NULL;
	if ((rc = airs__rollup_new(&r, &prev->mem, m, prev->min_group, digest,
	                           barrier_q)))
		return rc;
	airs__rollup_set_context(r, prev->as_of, prev->evidence);
	if (r->nu != prev->nu || !r->mgr != !prev->mgr ||
	    (r->mgr && (r->mgr->nu != prev->mgr->nu ||
	                r->mgr->ne != prev->mgr->ne))) {
		airs_rollup_free(r);
		return AIRS_EINVAL;
	}
	if (copy_accumulators(r, prev) ||
	    (r->mgr && copy_accumulators(r->mgr, prev->mgr))) {
		airs_rollup_free(r);
		return AIRS_ENOMEM;
	}
	if (r->mgr)
		memcpy(r->mgr->efam, prev->mgr->efam,
		       r->mgr->ne * sizeof *r->mgr->efam);
	*out = r;
	return AIRS_OK;
}

/* The readiness part of d into node u of r; room for the value is
 * reserved.  Mirrors rollup.c's add_commit(). */
static void readd_commit(airs_rollup *r, uint32_t u, const airs__emp_detail *d)
{
	acc *a = &r->direct[u];

	r->finalised = 0;
	r->sorted = 0;
	if (d->has_readiness) {
		a->scored++;
		a->ready_sum += d->readiness_q;
		airs__sq_add(a->ready_sq, d->readiness_q);
		r->vals[u].v[r->vals[u].n++] = d->readiness_q;
	}
	a->levels[d->level]++;
	a->insufficient += d->insufficient != 0;
	if (d->has_gap) {
		a->with_target++;
		a->gap_sum += d->gap_levels;
		a->gap_sq += (uint64_t)((int64_t)d->gap_levels * d->gap_levels);
		a->below += d->below_target != 0;
	}
	a->flags[0] += d->flags & AIRS_FLAG_LEFT_BEHIND;
	a->barrier[d->barrier]++;
}

int airs__rollup_readd(airs_rollup *r, const airs__emp_detail *d)
{
	airs_rollup *g = r->mgr;
	uint32_t u = r->map[d->unit], node = AIRS__NONE;

	if (g && d->employee < g->ne)
		node = g->map[d->employee];
	if (d->has_readiness &&
	    (airs__rollup_reserve(&r->mem, &r->vals[u], 1) ||
	     (node != AIRS__NONE &&
	      airs__rollup_reserve(&g->mem, &g->vals[node], 1))))
		return AIRS_ENOMEM;
	readd_commit(r, u, d);
	if (node != AIRS__NONE)
		readd_commit(g, node, d);
	return AIRS_OK;
}

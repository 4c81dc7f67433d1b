/*
 * rollup-rescore.c - the rollup of a re-score (airs_rescore(), rescore.c)
 * whose parameters change only what readiness reads (params.h,
 * AIRS__RESCORE_READINESS): an earlier rollup's accumulators with their
 * readiness part emptied, filled again employee by employee.  Everything
 * else - survey sums, respondents, the skill heatmap, the ADKAR
 * Knowledge and Ability sums, who answered for the manager groups - is
 * what scoring the same people would add again, so it is copied; the
 * names, tree and maps are shared with the earlier rollup by reference
 * (rshape, rollup-impl.h).  The
 * suppression decisions are finalising's to reuse
 * (airs__rollup_finalise_reusing()).
 */
#include "rollup-impl.h"

#include <string.h>

/* A copy of n items of size each (NULL for NULL); *fail set when out
 * of memory. */
static void *dup_n(const airs__mem *mem, const void *from, size_t n,
                   size_t size, int *fail)
{
	void *to;

	if (!from)
		return NULL;
	if (!(to = airs__malloc(mem, (n ? n : 1) * size))) {
		*fail = 1;
		return NULL;
	}
	if (n)
		memcpy(to, from, n * size);
	return to;
}

/* prev's skill cells and their index, as they are. */
static int copy_cells(skcells *to, const skcells *from, const airs__mem *mem)
{
	int fail = 0;

	to->v = dup_n(mem, from->v, from->n, sizeof *from->v, &fail);
	to->n = to->cap = from->v ? from->n : 0;
	to->idx = from->idx;
	to->idx.slot = dup_n(mem, from->idx.slot,
	                     from->idx.slot ? from->idx.mask + 1 : 0,
	                     sizeof *from->idx.slot, &fail);
	to->key = from->key;
	if (fail) {
		airs__skcells_free(to, mem);
		return AIRS_ENOMEM;
	}
	return AIRS_OK;
}

/* The accumulators of p's units into r but for the readiness part (with
 * the barrier counts unless r keeps them), and room for each unit's
 * values.  A nested rollup takes p's totals (its line nodes' are in
 * direct, rollup-impl.h): finalising sums again only the readiness
 * (airs__rollup_finalise_reusing()). */
static int copy_accs(airs_rollup *r, const airs_rollup *p)
{
	int barrier = !r->keep_barrier;
	size_t u;

	if (p->nested)
		memcpy(r->direct, p->direct, (p->nu + 1) * sizeof *r->direct);
	for (u = 0; u < p->nu; u++) {
		const acc *own = airs__rollup_own(p, u); /* not a total */
		if (airs__rollup_reserve(&r->mem, &r->vals[u], own->headcount))
			return AIRS_ENOMEM;
		if (!p->nested)
			r->direct[u] = *own;
		acc_clear_readiness(&r->direct[u], barrier);
	}
	acc_clear_readiness(&r->direct[p->nu], barrier);
	return AIRS_OK;
}

/* A rollup of p's shape - units, skills, tree, maps, manager cells and
 * families, shared (airs__rollup_take_shape()) - with p's accumulators
 * and cells but for the readiness part (copy_accs()), and room for every
 * member's readiness; NULL when out of memory.  What
 * airs__rollup_new() and scoring would make again, without their sorts
 * and hashing. */
static airs_rollup *clone(const airs_rollup *p, int keep_barrier)
{
	const airs__mem *m = &p->mem;
	airs_rollup *r = airs__rollup_alloc(m, p->nu, p->ns,
	                                     AIRS__RA_DIRECT_UNSET);

	if (!r)
		return NULL;
	airs__rollup_take_shape(r, p);
	r->keep_barrier = keep_barrier;
	r->min_group = p->min_group;
	r->as_of = p->as_of;
	r->evidence = p->evidence;
	r->nested = p->nested;
	r->ne = p->ne;
	if (copy_accs(r, p) || copy_cells(&r->sk, &p->sk, m) ||
	    (p->mgr && !(r->mgr = clone(p->mgr, keep_barrier)))) {
		airs_rollup_free(r);
		return NULL;
	}
	return r;
}

int airs__rollup_rescore_new(airs_rollup **out, const airs_rollup *prev,
                             const char digest[65], int64_t barrier_q)
{
	airs_rollup *r;

	*out = NULL;
	if (!prev->map || !prev->finalised || !prev->shape ||
	    (prev->mgr && !prev->mgr->shape))
		return AIRS_EINVAL;
	if (!(r = clone(prev, barrier_q == prev->barrier_q)))
		return AIRS_ENOMEM;
	memcpy(r->digest, digest, 64);
	r->digest[64] = '\0';
	r->barrier_q = barrier_q;
	if (r->mgr) {
		memcpy(r->mgr->digest, r->digest, sizeof r->digest);
		r->mgr->barrier_q = barrier_q;
	}
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
	acc_add_readiness_of(a, &r->vals[u], d);
	a->flags[0] += d->flags & AIRS_FLAG_LEFT_BEHIND;
	if (d->barrier >= 0)
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

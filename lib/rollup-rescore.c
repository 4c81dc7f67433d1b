/*
 * rollup-rescore.c - the rollup of a re-score (airs_rescore(), rescore.c)
 * whose parameters change only what readiness reads (params.h,
 * AIRS__RESCORE_READINESS): an earlier rollup's accumulators with their
 * readiness part emptied, filled again employee by employee.  Everything
 * else - survey sums, respondents, the skill heatmap, the ADKAR
 * Knowledge and Ability sums, who answered for the manager groups, and
 * the suppression decisions made from them - is what scoring the same
 * people would make again, so it is shared with the earlier rollup by
 * reference with the names, tree and maps (rshape, rollup-impl.h): the
 * re-score's own accumulators hold the readiness members only (racc),
 * whose totals and medians finalising makes again
 * (airs__rollup_finalise_reusing()).
 */
#include "rollup-impl.h"

#include <string.h>

#include "parallel.h"

/* r's readiness members from p's but emptied (but for the barrier
 * counts when r keeps them) - at each node's own place, which in a
 * nested rollup holds its totals (rollup-impl.h): finalising sums again
 * only the readiness up the line (airs__rollup_finalise_reusing()).
 * Run by airs__rollup_refill(), on the thread that fills r: the unit
 * and manager rollups' are apart, and p's accumulators are large. */
static void empty_accs(airs_rollup *r, const airs_rollup *p)
{
	size_t u;

	for (u = 0; u <= p->nu; u++)
		racc_empty(&r->rd[u], !r->keep_barrier ? NULL
		                      : p->rd ? p->rd[u].barrier
		                              : p->direct[u].barrier);
	/* a unit's own from the totals there (rollup-impl.h): in tree
	 * order each still holds its total when taken from its parent's */
	if (!p->rd && !p->nested)
		for (u = 0; u < p->nu; u++)
			racc_sub(&r->rd[p->parent[u] == AIRS__NONE ? p->nu
			                                           : p->parent[u]],
			         &r->rd[u]);
}

/* Room for each unit's values in one block - a unit's capacity is its
 * headcount - and for the readiness totals. */
static int split_accs(airs_rollup *r, const airs_rollup *p)
{
	size_t u, n = 0;

	for (u = 0; u < p->nu; u++)
		n += airs__rollup_own_headcount(p, u);
	if (n >= SIZE_MAX / sizeof *r->vslab ||
	    !(r->vslab = airs__malloc(&r->mem, (n ? n : 1) * sizeof *r->vslab)))
		return AIRS_ENOMEM;
	for (u = 0, n = 0; u < p->nu; u++) {
		size_t h = airs__rollup_own_headcount(p, u);
		r->vals[u].v = r->vslab + n;
		r->vals[u].cap = h;
		n += h;
	}
	if (p->nested) {
		r->rt = r->rd;
	} else if (!(r->rt = airs__malloc(&r->mem, (p->nu + 1) * sizeof *r->rt))) {
		return AIRS_ENOMEM;
	}
	return AIRS_OK;
}

/* A rollup of p's shape - units, skills, tree, maps, manager cells and
 * families - accumulators, skill cells, suppression decisions and id
 * order, shared (airs__rollup_take_shape()): its own are the readiness
 * members alone (split_accs()), with room for every member's readiness;
 * NULL when out of memory.  What airs__rollup_new() and scoring would make again,
 * without their sorts and hashing. */
static airs_rollup *clone(const airs_rollup *p, int keep_barrier)
{
	const airs__mem *m = &p->mem;
	airs_rollup *r = airs__rollup_alloc(m, p->nu, p->ns, AIRS__RA_SPLIT);

	if (!r)
		return NULL;
	airs__rollup_take_shape(r, p);
	/* the shape's: p's own if p was finalised again since */
	r->direct = p->shape->direct;
	r->tot = p->shape->tot;
	r->sk = p->shape->sk;
	r->skr = p->shape->skr;
	r->vis = p->shape->vis;
	r->by_id = p->shape->by_id;
	r->keep_barrier = keep_barrier;
	r->min_group = p->min_group;
	r->as_of = p->as_of;
	r->evidence = p->evidence;
	r->nested = p->nested;
	r->ne = p->ne;
	if (split_accs(r, p) ||
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

/* The readiness part of v into node u of r; room for the value is
 * reserved.  Mirrors rollup.c's add_commit(). */
static void readd_commit(airs_rollup *r, uint32_t u, const airs__readd *v)
{
	racc *a = &r->rd[u];

	ADD_READINESS_OF(a, &r->vals[u], v);
	a->left_behind += v->left_behind;
	if (v->barrier >= 0)
		a->barrier[v->barrier]++;
}

void airs__rollup_readd_pack(airs__readd *out, const airs__emp_detail *d)
{
	out->readiness_q = d->readiness_q;
	out->unit = d->unit;
	out->employee = d->employee;
	out->gap_levels = (int16_t)d->gap_levels;
	out->level = (int8_t)d->level;
	out->barrier = (int8_t)d->barrier;
	out->has_readiness = d->has_readiness != 0;
	out->insufficient = d->insufficient != 0;
	out->has_gap = d->has_gap != 0;
	out->below_target = d->below_target != 0;
	out->left_behind = (d->flags & AIRS_FLAG_LEFT_BEHIND) != 0;
}

/* One rollup of a refill, the units' or the manager groups'. */
static int refill_one(airs_rollup *r, const airs_rollup *prev,
                      const airs__readd *v, size_t n)
{
	/* a manager rollup's node is the person's manager's direct reports,
	 * if any (rollup-managers.c) */
	size_t lim = r->nested ? r->ne : SIZE_MAX, i;

	if (!r->rd || r->nu != prev->nu || r->nested != prev->nested)
		return AIRS_EINVAL;
	empty_accs(r, prev);
	r->finalised = 0;
	r->sorted = 0;
	for (i = 0; i < n; i++) {
		uint32_t x = r->nested ? v[i].employee : v[i].unit;
		uint32_t u = x < lim ? r->map[x] : AIRS__NONE;
		if (u == AIRS__NONE)
			continue;
		/* room for every member's value (split_accs()) */
		if (v[i].has_readiness && r->vals[u].n == r->vals[u].cap)
			return AIRS_EINVAL;
		readd_commit(r, u, &v[i]);
	}
	return AIRS_OK;
}

struct refill_job {
	airs_rollup *r;
	const airs_rollup *prev;
	const airs__readd *v;
	size_t n;
	int rc;
};

static void refill_run(void *ctx, size_t i)
{
	struct refill_job *j = (struct refill_job *)ctx + i;

	j->rc = refill_one(j->r, j->prev, j->v, j->n);
}

int airs__rollup_refill(airs_rollup *r, const airs_rollup *prev,
                        const airs__readd *v, size_t n, size_t threads)
{
	struct refill_job jobs[2] = { { r, prev, v, n, AIRS_OK },
	                              { r->mgr, prev->mgr, v, n, AIRS_OK } };

	if (!r->mgr != !prev->mgr)
		return AIRS_EINVAL;
	airs__parallel_for(r->mgr ? 2 : 1, threads, refill_run, jobs);
	return jobs[0].rc ? jobs[0].rc : jobs[1].rc;
}

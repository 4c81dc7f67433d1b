/*
 * rollup.c - unit and organisation aggregates (methodology section 4):
 * what a rollup is, how it grows, and what readers see.
 *
 * A rollup keeps, per unit, exact integer accumulators of that unit's own
 * employees.  Everything published is derived from them when finalising
 * (rollup-finalise.c): subtree totals, medians and the anonymity rules
 * (suppress.c); the readers here publish unit and construct scores from
 * those on every read.  Because the accumulators are integers and the
 * readiness values are kept as a multiset, adding employees in any order,
 * from any number of threads or shards, gives bit-identical output, and
 * merging is exact (the partials' text form is rollup-text.c).
 *
 * Units are kept in tree order (each unit followed by its subtree, roots
 * and siblings by id), not in the model's order of addition, so that two
 * shards whose models added the same units in different orders still
 * describe the same rollup.
 */
#include "rollup-impl.h"

#include <math.h>
#include <string.h>

#include "abi.h"
#include "error.h"
#include "parallel.h"

/* ------------------------------------------------------------------------
 * Small helpers
 * ---------------------------------------------------------------------- */

/* A stable merge sort of unit indices by id, with tmp for n of them
 * (C11 has no qsort_r, and a global would make concurrent finalising
 * unsafe). */
void airs__rollup_sort_ids(uint32_t *a, uint32_t *tmp, size_t n,
                           const char *const *ids)
{
	size_t h, i, j, k;

	if (n < 2)
		return;
	h = n / 2;
	airs__rollup_sort_ids(a, tmp, h, ids);
	airs__rollup_sort_ids(a + h, tmp, n - h, ids);
	for (i = 0, j = h, k = 0; i < h || j < n;)
		tmp[k++] = j >= n || (i < h && strcmp(ids[a[i]], ids[a[j]]) <= 0)
		                   ? a[i++]
		                   : a[j++];
	memcpy(a, tmp, n * sizeof *a);
}

int airs__rollup_tree_order(const airs__mem *mem, size_t n,
                            const char *const *ids, const uint32_t *parent,
                            uint32_t *order)
{
	uint32_t *w = airs__calloc(mem, 5 * n + 2, sizeof *w);
	uint32_t *sorted, *tmp, *start, *kids, *stack;
	size_t i, k, sp = 0, out = 0;

	if (!w)
		return AIRS_ENOMEM;
	sorted = w;
	tmp = w + n;
	start = w + 2 * n;  /* n + 2 */
	kids = w + 3 * n + 2;
	stack = w + 4 * n + 2;
	for (i = 0; i < n; i++)
		sorted[i] = (uint32_t)i;
	airs__rollup_sort_ids(sorted, tmp, n, ids);
	/* Children of each unit (roots: slot n) in id order, as a CSR. */
	for (i = 0; i < n; i++)
		start[(parent[i] == AIRS__NONE ? n : parent[i]) + 1]++;
	for (i = 0; i < n + 1; i++)
		start[i + 1] += start[i];
	memcpy(tmp, start, n * sizeof *tmp); /* cursors; tmp has n slots */
	k = start[n];
	for (i = 0; i < n; i++) {
		uint32_t u = sorted[i];
		if (parent[u] == AIRS__NONE)
			kids[k++] = u;
		else
			kids[tmp[parent[u]]++] = u;
	}
	/* Depth first, children pushed in reverse so the first pops first. */
	for (k = start[n + 1]; k > start[n]; k--)
		stack[sp++] = kids[k - 1];
	while (sp) {
		uint32_t u = stack[--sp];
		order[out++] = u;
		for (k = start[u + 1]; k > start[u]; k--)
			stack[sp++] = kids[k - 1];
	}
	airs__free(mem, w);
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Construction and destruction
 * ---------------------------------------------------------------------- */

/* r's names, tree and maps as a shape (those a shard borrows left
 * out). */
static rshape shape_of(const airs_rollup *r)
{
	rshape s;

	memset(&s, 0, sizeof s);
	s.nu = r->nu;
	s.ns = r->ns;
	s.uid = r->uid;
	s.uname = r->uname;
	s.sid = r->sid;
	s.parent = r->parent;
	s.target = r->target;
	s.depth = r->depth;
	s.end = r->end;
	s.munit = r->munit;
	if (!r->shard) {
		s.map = r->map;
		s.ecell = r->ecell;
		s.efam = r->efam;
	}
	return s;
}

static void free_shape(const airs__mem *mem, const rshape *s)
{
	size_t i;

	for (i = 0; i < s->nu; i++) {
		if (s->uid)
			airs__free(mem, s->uid[i]);
		if (s->uname)
			airs__free(mem, s->uname[i]);
	}
	for (i = 0; i < s->ns && s->sid; i++)
		airs__free(mem, s->sid[i]);
	airs__free(mem, s->uid);
	airs__free(mem, s->uname);
	airs__free(mem, s->sid);
	airs__free(mem, s->parent);
	airs__free(mem, s->target);
	airs__free(mem, s->depth);
	airs__free(mem, s->end);
	airs__free(mem, s->map);
	airs__free(mem, s->ecell);
	airs__free(mem, s->efam);
	airs__free(mem, s->munit);
	if (s->tot != s->direct)
		airs__free(mem, s->tot);
	airs__free(mem, s->direct);
	airs__skcells_free((skcells *)(uintptr_t)&s->sk, mem);
	airs__skread_free(mem, &s->skr);
	airs__free(mem, s->vis);
	airs__free(mem, s->by_id);
}

/* What finalising derived, and the skill cells, into s to share. */
static void share_derived(rshape *s, const airs_rollup *r)
{
	s->direct = r->direct;
	s->tot = r->tot;
	s->sk = r->sk;
	s->skr = r->skr;
	s->vis = r->vis;
	s->by_id = r->by_id;
}

/* r's names, tree and maps: its own, or its reference to shared ones. */
static void release_shape(airs_rollup *r)
{
	rshape own;

	if (!r->shape) {
		own = shape_of(r);
		free_shape(&r->mem, &own);
	} else if (atomic_fetch_sub_explicit(&r->shape->refs, 1,
	                                     memory_order_acq_rel) == 1) {
		free_shape(&r->mem, r->shape);
		airs__free(&r->mem, r->shape);
	}
}

int airs__rollup_share_shape(airs_rollup *r)
{
	rshape *s, *sm = NULL;

	if (r->shard || r->shape)
		return AIRS_EINVAL;
	s = airs__malloc(&r->mem, sizeof *s);
	if (r->mgr && s)
		sm = airs__malloc(&r->mem, sizeof *sm);
	if (!s || (r->mgr && !sm)) {
		airs__free(&r->mem, s);
		return AIRS_ENOMEM;
	}
	*s = shape_of(r);
	share_derived(s, r);
	atomic_init(&s->refs, 1);
	r->shape = s;
	if (sm) {
		*sm = shape_of(r->mgr);
		share_derived(sm, r->mgr);
		atomic_init(&sm->refs, 1);
		r->mgr->shape = sm;
	}
	return AIRS_OK;
}

void airs__rollup_take_shape(airs_rollup *r, const airs_rollup *p)
{
	rshape *s = p->shape;

	release_shape(r);
	/* relaxed: the shape reached this thread with p */
	atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
	r->shape = s;
	r->uid = s->uid;
	r->uname = s->uname;
	r->sid = s->sid;
	r->parent = s->parent;
	r->target = s->target;
	r->depth = s->depth;
	r->end = s->end;
	r->map = s->map;
	r->ecell = s->ecell;
	r->efam = s->efam;
	r->munit = s->munit;
}

void airs_rollup_free(airs_rollup *r)
{
	const rshape *s = r ? r->shape : NULL;
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nu && r->vals && !r->vslab; i++)
		airs__free(&r->mem, r->vals[i].v);
	airs__free(&r->mem, r->vslab);
	/* accumulators not the shape's are r's own (a shared rollup
	 * finalised again has new ones, rollup-finalise.c) */
	if (r->tot != r->direct && (!s || r->tot != s->tot))
		airs__free(&r->mem, r->tot); /* a nested rollup totals in place */
	if (!s || r->direct != s->direct)
		airs__free(&r->mem, r->direct);
	if (r->rt != r->rd)
		airs__free(&r->mem, r->rt);
	airs__free(&r->mem, r->rd);
	airs__free(&r->mem, r->vals);
	airs__free(&r->mem, r->reached);
	airs__free(&r->mem, r->alone);
	if (!s || r->sk.v != s->sk.v || r->sk.idx.slot != s->sk.idx.slot)
		airs__skcells_free(&r->sk, &r->mem);
	if (!s || r->skr.start != s->skr.start)
		airs__skread_free(&r->mem, &r->skr);
	if (!s || r->vis != s->vis)
		airs__free(&r->mem, r->vis);
	if (!s || r->by_id != s->by_id)
		airs__free(&r->mem, r->by_id);
	release_shape(r);
	airs__free(&r->mem, r->median);
	airs_rollup_free(r->mgr);
	r->mem.free(r, r->mem.user);
}

airs_rollup *airs__rollup_alloc(const airs__mem *mem, size_t nu, size_t ns,
                               unsigned flags)
{
	airs_rollup *r = airs__calloc(mem, 1, sizeof *r);

	if (!r)
		return NULL;
	r->mem = *mem;
	r->nu = nu;
	r->ns = ns;
	if (flags & AIRS__RA_SPLIT) {
		r->vals = airs__calloc(mem, nu, sizeof *r->vals);
		r->rd = nu < SIZE_MAX / sizeof *r->rd - 1
		                ? airs__malloc(mem, (nu + 1) * sizeof *r->rd)
		                : NULL;
		if (!r->vals || !r->rd) {
			airs_rollup_free(r);
			return NULL;
		}
		return r;
	}
	r->uid = airs__calloc(mem, nu, sizeof *r->uid);
	r->uname = airs__calloc(mem, nu, sizeof *r->uname);
	r->sid = airs__calloc(mem, ns, sizeof *r->sid);
	r->parent = airs__calloc(mem, nu, sizeof *r->parent);
	r->target = airs__calloc(mem, nu, sizeof *r->target);
	r->depth = airs__calloc(mem, nu, sizeof *r->depth);
	r->end = airs__calloc(mem, nu, sizeof *r->end);
	r->map = flags & AIRS__RA_MAP ? airs__calloc(mem, nu, sizeof *r->map)
	                              : NULL;
	/* nu + 1: a nested rollup's organisation total is direct[nu]
	 * (rollup-impl.h), zero until it is finalised */
	r->direct = airs__calloc(mem, nu + 1, sizeof *r->direct);
	r->vals = airs__calloc(mem, nu, sizeof *r->vals);
	if (!r->uid || !r->uname || !r->sid || !r->parent || !r->target ||
	    !r->depth || !r->end || ((flags & AIRS__RA_MAP) && !r->map) ||
	    !r->direct || !r->vals) {
		airs_rollup_free(r);
		return NULL;
	}
	return r;
}

void airs__rollup_derive_shape(airs_rollup *r)
{
	size_t i;

	for (i = 0; i < r->nu; i++) {
		r->depth[i] = r->parent[i] == AIRS__NONE ? 0
		                                         : r->depth[r->parent[i]] + 1;
		r->end[i] = (uint32_t)i + 1;
	}
	for (i = r->nu; i-- > 0;)
		if (r->parent[i] != AIRS__NONE && r->end[r->parent[i]] < r->end[i])
			r->end[r->parent[i]] = r->end[i];
}

int airs__rollup_new(airs_rollup **out, const airs__mem *mem,
                     const airs_model *model, int min_group,
                     const char params_digest[65], int64_t barrier_q)
{
	airs_rollup *r;
	uint32_t *order = NULL, *mparent = NULL;
	size_t nu, ns, i;

	if (!out)
		return AIRS_EINVAL;
	*out = NULL;
	if (!mem || !model || !model->finished || !params_digest ||
	    min_group < 1)
		return AIRS_EINVAL;
	nu = model->units.n;
	ns = model->skills.n;
	r = airs__rollup_alloc(mem, nu, ns, AIRS__RA_MAP);
	if (!r)
		return AIRS_ENOMEM;
	order = airs__calloc(mem, nu, sizeof *order);
	mparent = airs__calloc(mem, nu, sizeof *mparent);
	if (!order || !mparent)
		goto oom;
	for (i = 0; i < nu; i++)
		mparent[i] = model->units.v[i].parent;
	if (airs__rollup_tree_order(mem, nu, model->unit_ids.str, mparent,
	                            order))
		goto oom;
	for (i = 0; i < nu; i++)
		r->map[order[i]] = (uint32_t)i;
	for (i = 0; i < nu; i++) {
		uint32_t u = order[i], p = mparent[u];
		const char *name = model->units.v[u].name;
		r->uid[i] = airs__strndup(mem, model->unit_ids.str[u],
		                          model->unit_ids.len[u]);
		r->uname[i] = airs__strndup(mem, name, strlen(name));
		if (!r->uid[i] || !r->uname[i])
			goto oom;
		r->parent[i] = p == AIRS__NONE ? AIRS__NONE : r->map[p];
		r->target[i] = model->unit_target[u];
	}
	for (i = 0; i < ns; i++) {
		r->sid[i] = airs__strndup(mem, model->skill_ids.str[i],
		                          model->skill_ids.len[i]);
		if (!r->sid[i])
			goto oom;
	}
	airs__rollup_derive_shape(r);
	r->min_group = min_group;
	r->barrier_q = barrier_q;
	memcpy(r->digest, params_digest, 64);
	r->digest[64] = '\0';
	if (airs__mgr_new(r, model))
		goto oom;
	if (r->mgr)
		r->mgr->barrier_q = barrier_q;
	airs__free(mem, order);
	airs__free(mem, mparent);
	*out = r;
	return AIRS_OK;
oom:
	airs__free(mem, order);
	airs__free(mem, mparent);
	airs_rollup_free(r);
	return AIRS_ENOMEM;
}

void airs__rollup_set_context(airs_rollup *r, airs_date as_of,
                              unsigned evidence)
{
	r->as_of = as_of;
	r->evidence = evidence & AIRS__EV_ALL;
}

/* ------------------------------------------------------------------------
 * Adding employees
 * ---------------------------------------------------------------------- */

int airs__rollup_reserve(const airs__mem *mem, i64vec *v, size_t extra)
{
	if (v->n + extra < v->n)
		return AIRS_ENOMEM;
	return airs__grow(mem, &v->v, &v->cap, v->n + extra, sizeof *v->v);
}

int airs__rollup_new_shard(airs_rollup **out, const airs_rollup *like)
{
	airs_rollup *r;

	*out = NULL;
	/* a readiness re-score's rollups are filled whole, on one thread
	 * each (airs__rollup_refill()) */
	if (!like->map || like->rd)
		return AIRS_EINVAL;
	r = airs__calloc(&like->mem, 1, sizeof *r);
	if (!r)
		return AIRS_ENOMEM;
	r->mem = like->mem;
	r->shard = 1;
	r->map = like->map;
	r->nu = like->nu;
	r->ns = like->ns;
	r->min_group = like->min_group;
	r->barrier_q = like->barrier_q;
	r->as_of = like->as_of;
	r->evidence = like->evidence;
	memcpy(r->digest, like->digest, sizeof r->digest);
	r->nested = like->nested;
	r->ne = like->ne;
	r->ecell = like->ecell;
	r->efam = like->efam;
	r->direct = airs__calloc(&r->mem, r->nu, sizeof *r->direct);
	r->vals = airs__calloc(&r->mem, r->nu, sizeof *r->vals);
	r->reached = airs__calloc(&r->mem, r->nu / 64 + 1, sizeof *r->reached);
	if (!r->direct || !r->vals || !r->reached ||
	    (like->mgr && airs__rollup_new_shard(&r->mgr, like->mgr))) {
		airs_rollup_free(r);
		return AIRS_ENOMEM;
	}
	*out = r;
	return AIRS_OK;
}

/* The first unit at or after u that from's employees reached (from's
 * unit count when none); u itself when from has no marks (not a shard
 * of scoring: a rollup read or merged). */
static size_t next_reached(const airs_rollup *from, size_t u)
{
	uint64_t w;

	if (!from->reached || u >= from->nu)
		return u;
	w = from->reached[u / 64] & (~(uint64_t)0 << (u % 64));
	while (!w) {
		u = (u / 64 + 1) * 64;
		if (u >= from->nu)
			return from->nu;
		w = from->reached[u / 64];
	}
	return u / 64 * 64 + (size_t)__builtin_ctzll(w);
}

#define FOR_REACHED(u, from) \
	for (u = next_reached(from, 0); u < (from)->nu; \
	     u = next_reached(from, u + 1))

/* Room in into for the readiness values and skill cells of from (of
 * the same shape).  Growing capacity changes nothing a reader sees; on
 * AIRS_ENOMEM into holds what it held.  When both rollups' cells are in
 * (unit, skill) order (partials read back, merges of them), *cells is
 * an array for the cells of both, merged in one pass by add_from();
 * else NULL, and room is made in into's hashed cells. */
static int reserve_from(airs_rollup *into, const airs_rollup *from,
                        skcell **cells)
{
	size_t u, n = into->sk.n + from->sk.n;

	*cells = NULL;
	FOR_REACHED(u, from)
		if (airs__rollup_reserve(&into->mem, &into->vals[u],
		                         from->vals[u].n))
			return AIRS_ENOMEM;
	if (!airs__skcells_mergeable(&into->sk, &from->sk))
		return airs__skcells_reserve(&into->sk, &into->mem, from->sk.n);
	if (n < into->sk.n || n > SIZE_MAX / sizeof **cells ||
	    !(*cells = airs__malloc(&into->mem, (n ? n : 1) * sizeof **cells)))
		return AIRS_ENOMEM;
	return AIRS_OK;
}

/* The n sorted values at b merged into the m sorted values at a, which
 * has room for both: from the back, so nothing is overwritten before it
 * is read.  b may be a (self merge). */
static void merge_sorted(int64_t *a, size_t m, const int64_t *b, size_t n)
{
	size_t i = m, j = n, k = m + n;

	if (b == a) {
		for (; i > 0; i--)
			a[2 * i - 1] = a[2 * i - 2] = a[i - 1];
		return;
	}
	while (j > 0)
		a[--k] = i > 0 && a[i - 1] > b[j - 1] ? a[--i] : b[--j];
}

/* Add from's accumulators and values to into's, which has room for them
 * (reserve_from(), which gave cells); cannot fail.  from may be into.
 * Sorted values stay sorted: merged run by run, in linear time. */
static void add_from(airs_rollup *into, const airs_rollup *from,
                     skcell *cells)
{
	int sorted = into->sorted && from->sorted;
	size_t u, i, k;

	FOR_REACHED(u, from) {
		size_t n = from->vals[u].n; /* before: from may be into */
		i64vec *v = &into->vals[u];
		acc buf;
		acc_add(&into->direct[u], airs__rollup_own(from, u, &buf));
		if (n && sorted)
			merge_sorted(v->v, v->n, from->vals[u].v, n);
		else if (n)
			memcpy(v->v + v->n, from->vals[u].v, n * sizeof *v->v);
		v->n += n;
	}
	into->sorted = sorted;
	if (cells) {
		airs__skcells_merge(&into->sk, &from->sk, cells, &into->mem);
		return;
	}
	for (i = 0, k = from->sk.n; i < k; i++) { /* k before: from may be into */
		skcell c = from->sk.v[i];
		airs__skcells_add(&into->sk, c.unit, c.skill, c.n, c.sum);
	}
}

/* A shard's accumulators, values and cells, which absorbing has added
 * elsewhere: freed (NULL) before the shard is. */
static void free_parts(airs_rollup *r)
{
	size_t u;

	for (u = 0; u < r->nu && !r->vslab; u++)
		airs__free(&r->mem, r->vals[u].v);
	airs__free(&r->mem, r->vslab);
	airs__free(&r->mem, r->vals);
	airs__free(&r->mem, r->direct);
	airs__free(&r->mem, r->rd);
	airs__skcells_free(&r->sk, &r->mem);
	r->vslab = NULL;
	r->vals = NULL;
	r->direct = NULL;
	r->rd = NULL;
}

/* add_from() of one rollup, the units' or the manager groups', then the
 * shard's part of it freed: its pages go as soon as they are added (at
 * 1M employees the peak of scoring 1304 -> 1245 MB when the two run one
 * after the other). */
struct absorb_job {
	airs_rollup *into;
	airs_rollup *from;
	skcell *cells;
};

static void absorb_run(void *ctx, size_t i)
{
	const struct absorb_job *j = (const struct absorb_job *)ctx + i;

	add_from(j->into, j->from, j->cells);
	j->into->finalised = 0;
	if (i == 0)
		free_parts(j->from);
	else
		airs_rollup_free(j->from); /* the shard's manager groups */
}

int airs__rollup_absorb_on(airs_rollup *into, airs_rollup *from,
                           size_t threads)
{
	int mgr = into->mgr && from->mgr;
	struct absorb_job jobs[2] = { { into, from, NULL },
	                              { into->mgr, from->mgr, NULL } };

	if (into->nu != from->nu || into->ns != from->ns ||
	    (mgr && into->mgr->nu != from->mgr->nu) ||
	    into->shape != NULL) /* one sharing its shape is read only */
		return AIRS_EINVAL;
	if (reserve_from(into, from, &jobs[0].cells) ||
	    (mgr && reserve_from(into->mgr, from->mgr, &jobs[1].cells))) {
		airs__free(&into->mem, jobs[0].cells);
		return AIRS_ENOMEM;
	}
	/* the two rollups share nothing they write or free */
	airs__parallel_for(mgr ? 2 : 1, threads, absorb_run, jobs);
	if (mgr)
		from->mgr = NULL;
	return AIRS_OK;
}

int airs__rollup_absorb(airs_rollup *into, airs_rollup *from)
{
	return airs__rollup_absorb_on(into, from, 1);
}

void airs__rollup_untotal(airs_rollup *r)
{
	size_t u;

	if (!airs__rollup_totalled(r))
		return;
	/* in tree order a unit still holds its total when it is taken from
	 * its parent's: its children come after it */
	for (u = 0; u < r->nu; u++)
		acc_sub(&r->direct[r->parent[u] == AIRS__NONE ? r->nu
		                                             : r->parent[u]],
		        &r->direct[u]);
	r->tot = NULL;
	r->finalised = 0;
}

uint64_t airs__rollup_headcount(const airs_rollup *r)
{
	uint64_t n = 0;
	size_t u;

	if (r->finalised || airs__rollup_totalled(r))
		return r->tot[r->nu].headcount;
	for (u = 0; u < r->nu; u++)
		n += r->direct[u].headcount;
	return n;
}

size_t airs__rollup_total_values(const airs_rollup *r)
{
	size_t u, n = 0;

	for (u = 0; u < r->nu; u++)
		n += r->vals[u].n;
	return n;
}

/* The rollup whose accumulators and values of unit (or node) u r adds
 * to: its host's for a unit only r reaches (rollup-claim.c), else its
 * own. */
static airs_rollup *writer(airs_rollup *r, uint32_t u)
{
	return r->alone && (r->alone[u / 64] >> (u % 64) & 1) ? r->host : r;
}

/* Room in unit (or node) u of r for one employee's values and cells. */
static int add_reserve(airs_rollup *r, uint32_t u, const airs__emp_detail *d)
{
	airs_rollup *w = writer(r, u);

	if ((d->has_readiness && airs__rollup_reserve(&w->mem, &w->vals[u], 1)) ||
	    airs__skcells_reserve(&r->sk, &r->mem, d->nskills))
		return AIRS_ENOMEM;
	return AIRS_OK;
}

/* The unit ADKAR profile's part of one employee (methodology 4.6). */
static void add_adkar(acc *a, const airs__emp_detail *d)
{
	if (d->has_fit) {
		a->fit_n++;
		a->fit_sum += d->fit_q;
		airs__sq_add(a->fit_sq, d->fit_q);
	}
	if (d->has_adoption) {
		a->ad_n++;
		a->ad_sum += d->adoption_q;
		airs__sq_add(a->ad_sq, d->adoption_q);
	}
	a->barrier[d->barrier]++;
}

/* Add the employee to u's accumulators (room reserved); cannot fail.
 * Only r's own flags change: a host's are its thread's to write. */
static void add_commit(airs_rollup *r, uint32_t u, const airs__emp_detail *d)
{
	airs_rollup *w = writer(r, u);
	acc *a;
	uint32_t i;
	int c, l;

	r->finalised = 0;
	r->sorted = 0;
	if (r->reached && w == r)
		r->reached[u / 64] |= (uint64_t)1 << (u % 64);
	a = &w->direct[u];
	a->headcount++;
	a->leaders += d->leader != 0;
	a->fat_read += (d->flags_read & AIRS_FLAG_FATIGUE) != 0;
	a->nb_read += (d->flags_read & AIRS_FLAG_NO_BENEFIT) != 0;
	ADD_READINESS_OF(a, &w->vals[u], d);
	for (i = 0; i < NF; i++)
		a->flags[i] += (d->flags >> i) & 1u;
	a->resp += d->respondent != 0;
	l = d->leader != 0;
	for (c = 0; c < NC; c++) {
		cons_acc *ca = &a->c[c];
		if (!((d->construct_present >> c) & 1u))
			continue;
		if (l) {
			ca->n1++;
			ca->s1 += d->construct_q[c];
			airs__sq_add(ca->sq1, d->construct_q[c]);
		} else {
			ca->n0++;
			ca->s0 += d->construct_q[c];
			airs__sq_add(ca->sq0, d->construct_q[c]);
		}
		ca->items += d->items[c];
		ca->fav += d->favourable[c];
		ca->unf += d->unfavourable[c];
	}
	if (d->net_responses) {
		a->net_n++;
		a->net_resp += d->net_responses;
		a->net_pro += d->promoters;
		a->net_det += d->detractors;
	}
	if (d->has_time_saved) {
		a->ts_n++;
		a->ts_sum += d->time_saved_q;
		airs__sq_add(a->ts_sq, d->time_saved_q);
	}
	for (i = 0; i < d->nskills; i++)
		airs__skcells_add(&r->sk, u, d->skill[i], 1, d->skill_gap_q[i]);
	add_adkar(a, d);
}

int airs__rollup_add(airs_rollup *r, const airs__emp_detail *d)
{
	airs_rollup *g;
	uint32_t u, i, node = AIRS__NONE;

	if (!r || !d || !r->map || d->unit >= r->nu || d->level < 0 ||
	    d->level > 5 || (d->nskills && (!d->skill || !d->skill_gap_q)) ||
	    d->barrier < 0 || d->barrier > AIRS_BARRIER_UNKNOWN)
		return AIRS_EINVAL;
	for (i = 0; i < d->nskills; i++)
		if (d->skill[i] >= r->ns)
			return AIRS_EINVAL;
	u = r->map[d->unit];
	g = r->mgr;
	if (g && d->employee < g->ne)
		node = g->map[d->employee];
	if (add_reserve(r, u, d) || (node != AIRS__NONE && add_reserve(g, node, d)))
		return AIRS_ENOMEM;
	add_commit(r, u, d);
	if (g && d->employee < g->ne)
		g->efam[d->employee] = airs__mgr_families(d);
	if (node != AIRS__NONE)
		add_commit(g, node, d);
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Reading
 * ---------------------------------------------------------------------- */

size_t airs_rollup_unit_count(const airs_rollup *r)
{
	return r ? r->nu : 0;
}

/* The id of the k-th unit in id order. */
static const char *unit_by_id(const void *ctx, size_t k)
{
	const airs_rollup *r = ctx;

	return r->uid[r->by_id[k]];
}

int airs__rollup_ready(const airs_rollup *r)
{
	return r->finalised;
}

const airs__mem *airs__rollup_mem(const airs_rollup *r)
{
	return &r->mem;
}

airs_date airs_rollup_as_of(const airs_rollup *r)
{
	return r ? r->as_of : 0;
}

const char *airs_rollup_params_digest(const airs_rollup *r)
{
	return r ? r->digest : NULL;
}

int airs_rollup_find_unit(const airs_rollup *r, const char *id, size_t *index)
{
	size_t i;

	if (!r || !id || !index)
		return AIRS_EINVAL;
	if (r->by_id) {
		i = airs__names_search(r->nu, id, unit_by_id, r);
		if (i == SIZE_MAX)
			return AIRS_ENOTFOUND;
		*index = r->by_id[i];
		return AIRS_OK;
	}
	for (i = 0; i < r->nu; i++)
		if (!strcmp(r->uid[i], id)) {
			*index = i;
			return AIRS_OK;
		}
	return AIRS_ENOTFOUND;
}

int airs_rollup_unit(const airs_rollup *r, size_t index, airs_unit_score *out)
{
	airs_unit_score v;

	if (!r || AIRS__OUT_CHECK(UNIT_SCORE, out))
		return AIRS_EINVAL;
	if (!r->finalised)
		return AIRS_ESTATE;
	if (index >= r->nu && index != AIRS_ROLLUP_ORG)
		return AIRS_ERANGE;
	airs__rollup_publish_unit(r, index == AIRS_ROLLUP_ORG ? r->nu : index, &v);
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

int airs_rollup_org(const airs_rollup *r, airs_unit_score *out)
{
	return airs_rollup_unit(r, AIRS_ROLLUP_ORG, out);
}

int airs_rollup_construct(const airs_rollup *r, size_t unit, int construct,
                          airs_construct_score *out)
{
	airs_construct_score v;

	if (!r || AIRS__OUT_CHECK(CONSTRUCT_SCORE, out))
		return AIRS_EINVAL;
	if (!r->finalised)
		return AIRS_ESTATE;
	if ((unit >= r->nu && unit != AIRS_ROLLUP_ORG) || construct < 0 ||
	    construct >= NC)
		return AIRS_ERANGE;
	airs__rollup_publish_construct(r, unit == AIRS_ROLLUP_ORG ? r->nu : unit,
	                  (size_t)construct, &v);
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

int airs_rollup_adkar(const airs_rollup *r, size_t unit, airs_unit_adkar *out)
{
	airs_unit_adkar v;

	if (!r || airs__struct_out_check(out, sizeof v, sizeof v))
		return AIRS_EINVAL;
	if (!r->finalised)
		return AIRS_ESTATE;
	if (unit >= r->nu && unit != AIRS_ROLLUP_ORG)
		return AIRS_ERANGE;
	airs__rollup_publish_adkar(r, unit == AIRS_ROLLUP_ORG ? r->nu : unit,
	                           &v);
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

size_t airs_rollup_skill_count(const airs_rollup *r)
{
	return r ? r->ns : 0;
}

const char *airs_rollup_skill_id(const airs_rollup *r, size_t skill)
{
	return r && skill < r->ns ? r->sid[skill] : NULL;
}

int airs_rollup_skill(const airs_rollup *r, size_t unit, size_t skill,
                      double *mean_gap, uint64_t *count)
{
	int64_t sum;

	if (!r || !mean_gap || !count)
		return AIRS_EINVAL;
	if (!r->finalised)
		return AIRS_ESTATE;
	if ((unit >= r->nu && unit != AIRS_ROLLUP_ORG) || skill >= r->ns)
		return AIRS_ERANGE;
	airs__skills_read(r, unit == AIRS_ROLLUP_ORG ? r->nu : unit, skill,
	                  count, &sum);
	*mean_gap = airs__qmean(sum, *count);
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Merging
 * ---------------------------------------------------------------------- */

static int mismatch(airs_diag *diag, const char *fmt, ...) AIRS__PRINTF(2, 3);

static int mismatch(airs_diag *diag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	airs__diag_vset(diag, AIRS_EMISMATCH, AIRS_SEVERITY_ERROR, NULL, 0, 0,
	                fmt, ap);
	va_end(ap);
	return AIRS_EMISMATCH;
}

/* The first evidence kind one of the two has and the other lacks. */
static const char *evidence_differs(unsigned a, unsigned b)
{
	unsigned d = a ^ b;

	return d & AIRS__EV_TRAINING ? "training records"
	       : d & AIRS__EV_USAGE  ? "usage records"
	       : d & AIRS__EV_SURVEY ? "survey responses"
	                             : "usage reaching the as-of month";
}

/* Shards scored at other dates, or whose datasets differ in what scoring
 * reads from the whole dataset (rollup.h), were scored by other rules:
 * their sum is not the rollup of the whole. */
static int same_context(const airs_rollup *a, const airs_rollup *b,
                        airs_diag *diag)
{
	char da[11], db[11];

	if (a->as_of != b->as_of) {
		airs_date_format(a->as_of, da);
		airs_date_format(b->as_of, db);
		return mismatch(diag, "as-of dates differ: %s vs %s; score every "
		                "shard with the same as_of (an explicit date: "
		                "\"auto\" finds each shard's own latest evidence)",
		                da, db);
	}
	if (a->evidence != b->evidence)
		return mismatch(diag, "one shard has %s and the other none, so "
		                "they were scored by different rules (methodology "
		                "3); give every shard some, or score the whole",
		                evidence_differs(a->evidence, b->evidence));
	return AIRS_OK;
}

static int compatible(const airs_rollup *a, const airs_rollup *b,
                      airs_diag *diag)
{
	size_t i;
	int rc;

	if (strcmp(a->digest, b->digest))
		return mismatch(diag, "parameter digests differ: %.12s... vs "
		                      "%.12s...",
		                a->digest, b->digest);
	if (a->min_group != b->min_group)
		return mismatch(diag, "min_group differs: %d vs %d", a->min_group,
		                b->min_group);
	if (a->barrier_q != b->barrier_q)
		return mismatch(diag, "adkar.barrier_threshold differs: %lld vs "
		                "%lld quanta", (long long)a->barrier_q,
		                (long long)b->barrier_q);
	if ((rc = same_context(a, b, diag)))
		return rc;
	if (a->nu != b->nu)
		return mismatch(diag, "unit count differs: %zu vs %zu", a->nu,
		                b->nu);
	for (i = 0; i < a->nu; i++) {
		if (strcmp(a->uid[i], b->uid[i]))
			return mismatch(diag, "unit %zu differs: \"%s\" vs \"%s\"",
			                i, a->uid[i], b->uid[i]);
		if (a->parent[i] != b->parent[i])
			return mismatch(
			        diag, "unit \"%s\" has parent \"%s\" vs \"%s\"",
			        a->uid[i],
			        a->parent[i] == AIRS__NONE ? "" : a->uid[a->parent[i]],
			        b->parent[i] == AIRS__NONE ? "" : b->uid[b->parent[i]]);
		if (a->target[i] != b->target[i])
			return mismatch(diag, "unit \"%s\" has target %d vs %d",
			                a->uid[i], (int)a->target[i],
			                (int)b->target[i]);
	}
	if (a->ns != b->ns)
		return mismatch(diag, "skill count differs: %zu vs %zu", a->ns,
		                b->ns);
	for (i = 0; i < a->ns; i++)
		if (strcmp(a->sid[i], b->sid[i]))
			return mismatch(diag, "skill %zu differs: \"%s\" vs \"%s\"",
			                i, a->sid[i], b->sid[i]);
	return AIRS_OK;
}

/* What merging from into into may not exceed: sums of squares are
 * exact below 2^32 people (sumsq.h), skill gap sums below INT64_MAX
 * (fuzz finding F2). */
static int within_limits(const airs_rollup *into, const airs_rollup *from,
                         airs_diag *diag)
{
	int fit;

	if (airs__rollup_headcount(into) + airs__rollup_headcount(from) >
	    AIRS__SQ_MAX_COUNT)
		return airs__diag_fail(diag, AIRS_ERANGE, "the merged rollup "
		                       "would hold more than %llu employees",
		                       (unsigned long long)AIRS__SQ_MAX_COUNT);
	if ((fit = airs__skills_fit(into, from)) == AIRS_ENOMEM)
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	if (!fit)
		return airs__diag_fail(diag, AIRS_ERANGE, "the merged rollup "
		                       "would hold more than %llu people assessed "
		                       "on one skill",
		                       (unsigned long long)AIRS__SK_MAX_COUNT);
	return AIRS_OK;
}

int airs_rollup_merge(airs_rollup *into, const airs_rollup *from,
                      airs_diag *diag)
{
	fin_ws f;
	skcell *cells = NULL;
	size_t more, total;
	int rc, finalised;

	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!into || !from)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "into and from must not be NULL");
	if (into->shape)
		return airs__diag_fail(diag, AIRS_EINVAL, "into is a result's "
		                       "rollup, which is read only: merge into "
		                       "one read from a partial");
	if ((!into->finalised && !into->open) ||
	    (!from->finalised && !from->open))
		return airs__diag_fail(diag, AIRS_ESTATE, "only finished rollups "
		                       "merge (a result's, or one read back)");
	if ((rc = compatible(into, from, diag)) ||
	    (rc = within_limits(into, from, diag)))
		return rc;
	/* Allocate everything first: growing capacity changes nothing a
	 * reader sees, and after this point nothing can fail.  An open
	 * rollup only adds: it is finished once, after the last merge. */
	total = airs__rollup_total_values(into);
	more = airs__rollup_total_values(from);
	if (total + more < total || reserve_from(into, from, &cells) ||
	    (into->finalised &&
	     airs__rollup_fin_alloc(into, &f, total + more,
	                            into->sk.n + from->sk.n, 1))) {
		airs__free(&into->mem, cells);
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	}
	finalised = into->finalised;
	airs__rollup_untotal(into); /* (from too, when it is into) */
	add_from(into, from, cells);
	/* partials carry units only: a merged rollup has no manager groups
	 * (airs/rollup.h) */
	airs_rollup_free(into->mgr);
	into->mgr = NULL;
	if (finalised)
		airs__rollup_finalise_with(into, &f);
	return AIRS_OK;
}

int airs_rollup_finish(airs_rollup *r, size_t threads, airs_diag *diag)
{
	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!r)
		return airs__diag_fail(diag, AIRS_EINVAL, "rollup must not be NULL");
	if (r->finalised)
		return AIRS_OK;
	if (airs__rollup_finalise(r, threads ? threads : FIN_LANES))
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	r->open = 0;
	return AIRS_OK;
}

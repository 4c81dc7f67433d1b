/*
 * rollup.c - unit and organisation aggregates (methodology section 4).
 *
 * A rollup keeps, per unit, exact integer accumulators of that unit's own
 * employees.  Everything published is derived from them in
 * airs__rollup_finalise(): subtree totals, means, medians and the
 * anonymity rules.  Because the accumulators are integers and the
 * readiness values are kept as a multiset, adding employees in any order,
 * from any number of threads or shards, gives bit-identical output.
 *
 * Units are kept in tree order (each unit followed by its subtree, roots
 * and siblings by id), not in the model's order of addition, so that two
 * shards whose models added the same units in different orders still
 * describe the same rollup.
 */
#include "rollup.h"

#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

#define NC AIRS_CONSTRUCT_COUNT_
#define NF AIRS_FLAG_COUNT_

/* Suppression families: one per construct, then the three survey values
 * published for unit totals only (no leader/staff split). */
enum { FAM_NET = NC, FAM_TIME = NC + 1, FAM_RESP = NC + 2, FAM_COUNT = NC + 3 };

/* Group kinds within a family; group id = unit * 3 + kind, the
 * organisation being unit nu. */
enum { G_T = 0, G_L = 1, G_N = 2 };

typedef struct cons_acc {
	uint64_t n0;       /* staff respondents */
	int64_t s0;        /* staff sum of construct_q */
	uint64_t n1;       /* leader respondents */
	int64_t s1;
	uint64_t items, fav, unf;
} cons_acc;

/* Every member is 64 bits wide, so accumulators add as flat arrays and
 * serialise in member order (docs/output-format.md). */
typedef struct acc {
	uint64_t headcount, scored;
	int64_t ready_sum;
	uint64_t with_target;
	int64_t gap_sum;
	uint64_t below, resp;
	uint64_t levels[6];
	uint64_t flags[NF];
	uint64_t net_n, net_resp, net_pro, net_det, ts_n;
	int64_t ts_sum;
	cons_acc c[NC];
} acc;

#define ACC_SCALARS 24
#define CONS_FIELDS 7
_Static_assert(sizeof(cons_acc) == CONS_FIELDS * 8, "cons_acc packs");
_Static_assert(sizeof(acc) == (ACC_SCALARS + NC * CONS_FIELDS) * 8, "acc packs");

typedef struct i64vec {
	int64_t *v;
	size_t n, cap;
} i64vec;

struct airs_rollup {
	airs__mem mem;
	int min_group;
	char digest[65];
	int finalised;
	int reference;     /* test only: the quadratic reference suppression */
	int shard;         /* map is borrowed from the rollup it was made for */

	size_t nu, ns;
	char **uid, **uname, **sid;
	uint32_t *parent;  /* tree index, AIRS__NONE for roots */
	int32_t *target;   /* effective target */
	uint32_t *depth;
	uint32_t *end;     /* subtree of u is [u, end[u]) in tree order */
	uint32_t *map;     /* model unit index -> tree index; NULL if read */

	acc *direct;       /* nu */
	i64vec *vals;      /* nu: readiness_q of scored employees */
	uint64_t *sk_n;    /* nu * ns, direct */
	int64_t *sk_sum;

	/* Derived by finalise.  The published unit and construct scores
	 * are made from these on every read (publish_unit(),
	 * publish_construct()): storing them took 70 MB at 73,000 units. */
	acc *tot;          /* nu + 1: subtree totals, the organisation last */
	uint64_t *skt_n;   /* (nu + 1) * ns */
	int64_t *skt_sum;
	double *median;    /* nu + 1: readiness median */
	unsigned char *vis;        /* FAM_COUNT * 3 * (nu + 1) */
	uint32_t *by_id;   /* nu: units in id order, for airs_rollup_find_unit() */
};

/* ------------------------------------------------------------------------
 * Small helpers
 * ---------------------------------------------------------------------- */

static void acc_add(acc *a, const acc *b)
{
	uint64_t *pa = (uint64_t *)(void *)a;
	const uint64_t *pb = (const uint64_t *)(const void *)b;
	size_t i;

	for (i = 0; i < sizeof(acc) / 8; i++)
		pa[i] += pb[i];
}

/* An exact sum of quantised values divided by a count, as a real. */
static double qmean(int64_t sum, uint64_t n)
{
	int64_t q, rem;

	if (!n)
		return NAN;
	q = sum / (int64_t)n;
	rem = sum % (int64_t)n;
	return ((double)q + (double)rem / (double)n) / AIRS__Q;
}

static double share(uint64_t a, uint64_t n)
{
	return n ? (double)a / (double)n : NAN;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* A stable merge sort of indices with a context (C11 has no qsort_r, and
 * a global would make concurrent finalising unsafe). */
typedef int (*idx_cmp)(const void *ctx, uint32_t a, uint32_t b);

static void msort(uint32_t *a, uint32_t *tmp, size_t n, idx_cmp cmp,
                  const void *ctx)
{
	size_t h, i, j, k;

	if (n < 2)
		return;
	h = n / 2;
	msort(a, tmp, h, cmp, ctx);
	msort(a + h, tmp, n - h, cmp, ctx);
	for (i = 0, j = h, k = 0; i < h || j < n;)
		tmp[k++] = j >= n || (i < h && cmp(ctx, a[i], a[j]) <= 0) ? a[i++]
		                                                           : a[j++];
	memcpy(a, tmp, n * sizeof *a);
}

static int cmp_ids(const void *ctx, uint32_t a, uint32_t b)
{
	const char *const *ids = ctx;

	return strcmp(ids[a], ids[b]);
}

/* Tree order of n units given by ids and parents: order[i] is the unit
 * at position i.  AIRS_ENOMEM possible. */
static int tree_order(const airs__mem *mem, size_t n, const char *const *ids,
                      const uint32_t *parent, uint32_t *order)
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
	msort(sorted, tmp, n, cmp_ids, ids);
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

void airs_rollup_free(airs_rollup *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nu; i++) {
		if (r->uid)
			airs__free(&r->mem, r->uid[i]);
		if (r->uname)
			airs__free(&r->mem, r->uname[i]);
		if (r->vals)
			airs__free(&r->mem, r->vals[i].v);
	}
	for (i = 0; i < r->ns && r->sid; i++)
		airs__free(&r->mem, r->sid[i]);
	airs__free(&r->mem, r->uid);
	airs__free(&r->mem, r->uname);
	airs__free(&r->mem, r->sid);
	airs__free(&r->mem, r->parent);
	airs__free(&r->mem, r->target);
	airs__free(&r->mem, r->depth);
	airs__free(&r->mem, r->end);
	if (!r->shard)
		airs__free(&r->mem, r->map);
	airs__free(&r->mem, r->direct);
	airs__free(&r->mem, r->vals);
	airs__free(&r->mem, r->sk_n);
	airs__free(&r->mem, r->sk_sum);
	airs__free(&r->mem, r->tot);
	airs__free(&r->mem, r->skt_n);
	airs__free(&r->mem, r->skt_sum);
	airs__free(&r->mem, r->median);
	airs__free(&r->mem, r->vis);
	airs__free(&r->mem, r->by_id);
	r->mem.free(r, r->mem.user);
}

/* Allocate a rollup of nu units and ns skills with empty accumulators and
 * empty string tables (filled by the caller). */
static airs_rollup *alloc_rollup(const airs__mem *mem, size_t nu, size_t ns,
                                 int with_map)
{
	airs_rollup *r = airs__calloc(mem, 1, sizeof *r);
	size_t cells = nu * ns;

	if (!r)
		return NULL;
	r->mem = *mem;
	if (ns && cells / ns != nu) {
		r->mem.free(r, r->mem.user);
		return NULL;
	}
	r->uid = airs__calloc(mem, nu, sizeof *r->uid);
	r->uname = airs__calloc(mem, nu, sizeof *r->uname);
	r->sid = airs__calloc(mem, ns, sizeof *r->sid);
	r->nu = nu;
	r->ns = ns;
	r->parent = airs__calloc(mem, nu, sizeof *r->parent);
	r->target = airs__calloc(mem, nu, sizeof *r->target);
	r->depth = airs__calloc(mem, nu, sizeof *r->depth);
	r->end = airs__calloc(mem, nu, sizeof *r->end);
	r->map = with_map ? airs__calloc(mem, nu, sizeof *r->map) : NULL;
	r->direct = airs__calloc(mem, nu, sizeof *r->direct);
	r->vals = airs__calloc(mem, nu, sizeof *r->vals);
	r->sk_n = airs__calloc(mem, cells, sizeof *r->sk_n);
	r->sk_sum = airs__calloc(mem, cells, sizeof *r->sk_sum);
	if (!r->uid || !r->uname || !r->sid || !r->parent || !r->target ||
	    !r->depth || !r->end || (with_map && !r->map) || !r->direct ||
	    !r->vals || !r->sk_n || !r->sk_sum) {
		airs_rollup_free(r);
		return NULL;
	}
	return r;
}

/* Depths and subtree ends from the parents of a tree-ordered rollup. */
static void derive_shape(airs_rollup *r)
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
                     const char params_digest[65])
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
	r = alloc_rollup(mem, nu, ns, 1);
	if (!r)
		return AIRS_ENOMEM;
	order = airs__calloc(mem, nu, sizeof *order);
	mparent = airs__calloc(mem, nu, sizeof *mparent);
	if (!order || !mparent)
		goto oom;
	for (i = 0; i < nu; i++)
		mparent[i] = model->units.v[i].parent;
	if (tree_order(mem, nu, model->unit_ids.str, mparent, order))
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
	derive_shape(r);
	r->min_group = min_group;
	memcpy(r->digest, params_digest, 64);
	r->digest[64] = '\0';
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

/* ------------------------------------------------------------------------
 * Adding employees
 * ---------------------------------------------------------------------- */

static int reserve(const airs__mem *mem, i64vec *v, size_t extra)
{
	if (v->n + extra < v->n)
		return AIRS_ENOMEM;
	return airs__grow(mem, &v->v, &v->cap, v->n + extra, sizeof *v->v);
}

int airs__rollup_new_shard(airs_rollup **out, const airs_rollup *like)
{
	airs_rollup *r;
	size_t cells = like->nu * like->ns; /* checked when like was made */

	*out = NULL;
	if (!like->map)
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
	memcpy(r->digest, like->digest, sizeof r->digest);
	r->direct = airs__calloc(&r->mem, r->nu, sizeof *r->direct);
	r->vals = airs__calloc(&r->mem, r->nu, sizeof *r->vals);
	r->sk_n = airs__calloc(&r->mem, cells, sizeof *r->sk_n);
	r->sk_sum = airs__calloc(&r->mem, cells, sizeof *r->sk_sum);
	if (!r->direct || !r->vals || !r->sk_n || !r->sk_sum) {
		airs_rollup_free(r);
		return AIRS_ENOMEM;
	}
	*out = r;
	return AIRS_OK;
}

int airs__rollup_absorb(airs_rollup *into, const airs_rollup *from)
{
	size_t u, i;

	if (into->nu != from->nu || into->ns != from->ns)
		return AIRS_EINVAL;
	for (u = 0; u < into->nu; u++)
		if (reserve(&into->mem, &into->vals[u], from->vals[u].n))
			return AIRS_ENOMEM;
	for (u = 0; u < into->nu; u++) {
		size_t n = from->vals[u].n;
		acc_add(&into->direct[u], &from->direct[u]);
		if (n)
			memcpy(into->vals[u].v + into->vals[u].n, from->vals[u].v,
			       n * sizeof *into->vals[u].v);
		into->vals[u].n += n;
	}
	for (i = 0; i < into->nu * into->ns; i++) {
		into->sk_n[i] += from->sk_n[i];
		into->sk_sum[i] += from->sk_sum[i];
	}
	into->finalised = 0;
	return AIRS_OK;
}

int airs__rollup_add(airs_rollup *r, const airs__emp_detail *d)
{
	acc *a;
	uint32_t u, i;
	int c, l;

	if (!r || !d || !r->map || d->unit >= r->nu || d->level < 0 ||
	    d->level > 5 || (d->nskills && (!d->skill || !d->skill_gap_q)))
		return AIRS_EINVAL;
	for (i = 0; i < d->nskills; i++)
		if (d->skill[i] >= r->ns)
			return AIRS_EINVAL;
	u = r->map[d->unit];
	if (d->has_readiness && reserve(&r->mem, &r->vals[u], 1))
		return AIRS_ENOMEM;
	r->finalised = 0;
	a = &r->direct[u];
	a->headcount++;
	if (d->has_readiness) {
		a->scored++;
		a->ready_sum += d->readiness_q;
		r->vals[u].v[r->vals[u].n++] = d->readiness_q;
	}
	a->levels[d->level]++;
	if (d->has_gap) {
		a->with_target++;
		a->gap_sum += d->gap_levels;
		a->below += d->below_target != 0;
	}
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
		} else {
			ca->n0++;
			ca->s0 += d->construct_q[c];
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
	}
	for (i = 0; i < d->nskills; i++) {
		size_t cell = (size_t)u * r->ns + d->skill[i];
		r->sk_n[cell]++;
		r->sk_sum[cell] += d->skill_gap_q[i];
	}
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Anonymity (methodology 4.1)
 *
 * For one family (a construct, or the net score, time saved or survey
 * respondents), the published groups are every unit subtree T, its
 * leaders L and non-leaders N (constructs only), and the same for the
 * organisation.  Respondents are grouped into cells (unit, leader); a
 * cell's signature is the sorted list of visible groups containing it,
 * and cells with equal signatures form a class.  Every published number
 * is a sum over visible groups, so any linear combination of published
 * numbers is constant on classes: keeping every class empty or at least
 * k large means no combination isolates fewer than k people.
 * ---------------------------------------------------------------------- */

typedef struct supp_ws {
	size_t ncell, maxsig;
	uint32_t *cu;       /* cell unit */
	unsigned char *cl;  /* cell leader flag */
	uint64_t *cn;       /* cell respondents */
	uint32_t *sig;      /* ncell * maxsig */
	uint32_t *siglen;
	uint32_t *htab;     /* hcap slots: class by signature hash */
	size_t hcap;        /* a power of two, at least twice the cells */
	uint64_t *chash;    /* signature hash of each class */
	uint32_t *cls;      /* class of cell */
	uint32_t *cfirst;   /* first cell (in ord) of class */
	uint64_t *csize;
	uint32_t *cin, *cout; /* post pass: cells of a class in/out of a group */
	uint64_t *gsize;    /* group sizes, 3 * (nu + 1) */

	/* The near-linear neighbour search (nearest()): per node (units,
	 * then the organisation at nu) and leader flag m, written [2 * v + m]. */
	uint32_t *cellof;   /* cell of (unit, m), or AIRS__NONE */
	uint32_t *cstart;   /* nu + 1: first cell of each unit */
	uint32_t *ccells;   /* cells per class */
	uint32_t *touched;  /* classes met by a group in the post pass */
	uint32_t *cnt;      /* visible groups at the node a cell of m is in */
	uint32_t *gmin;     /* the smallest of them (best()), or AIRS__NONE */
	uint32_t *kc, *kmin; /* visible L and N groups at the node and above */
	struct ntop *top;   /* [4 * v + 2 * m + pos]: the best two children's
	                       keys S (pos 0) and P (pos 1) */
} supp_ws;

/* A candidate neighbour seen from a node's parent: d visible groups on the
 * path down to it, g the smallest of them (AIRS__NONE: none, or no
 * candidate when d is UINT32_MAX). */
struct nkey {
	uint32_t d, g;
};

/* The two smallest keys among a node's children, with the child each came
 * from, so that the search can skip the child it came up through. */
struct ntop {
	struct nkey k[2];
	uint32_t c[2];
};

static uint64_t cell_count(const acc *a, int fam, int l)
{
	if (fam < NC)
		return l ? a->c[fam].n1 : a->c[fam].n0;
	if (l)
		return 0; /* unit totals only: everyone sits in the staff cell */
	return fam == FAM_NET ? a->net_n : fam == FAM_TIME ? a->ts_n : a->resp;
}

static int sig_cmp(const void *ctx, uint32_t a, uint32_t b)
{
	const supp_ws *w = ctx;
	const uint32_t *sa = w->sig + (size_t)a * w->maxsig;
	const uint32_t *sb = w->sig + (size_t)b * w->maxsig;
	uint32_t i, la = w->siglen[a], lb = w->siglen[b];

	for (i = 0; i < la && i < lb; i++)
		if (sa[i] != sb[i])
			return sa[i] < sb[i] ? -1 : 1;
	return (la > lb) - (la < lb);
}

/* Does cell x lie in group g? */
static int cell_in(const airs_rollup *r, const supp_ws *w, size_t x, uint32_t g)
{
	uint32_t gu = g / 3, kind = g % 3, u = w->cu[x];

	if (kind == G_L && !w->cl[x])
		return 0;
	if (kind == G_N && w->cl[x])
		return 0;
	return gu == r->nu || (u >= gu && u < r->end[gu]);
}

/* Signatures, then classes; returns the number of classes. */
static size_t classify(const airs_rollup *r, supp_ws *w, const unsigned char *vis)
{
	size_t x, ncls = 0;

	for (x = 0; x < w->ncell; x++) {
		uint32_t *s = w->sig + x * w->maxsig, n = 0, u = w->cu[x], t, i;
		uint32_t kind = w->cl[x] ? G_L : G_N;
		for (;;) {
			uint32_t gu = u == AIRS__NONE ? (uint32_t)r->nu : u;
			if (vis[gu * 3 + G_T])
				s[n++] = gu * 3 + G_T;
			if (vis[gu * 3 + kind])
				s[n++] = gu * 3 + kind;
			if (u == AIRS__NONE)
				break;
			u = r->parent[u];
		}
		/* collected from the leaf up: reverse into ascending unit order
		 * is not enough (ids of a unit's kinds interleave), so sort */
		for (i = 1; i < n; i++)
			for (t = i; t > 0 && s[t - 1] > s[t]; t--) {
				uint32_t v = s[t];
				s[t] = s[t - 1];
				s[t - 1] = v;
			}
		w->siglen[x] = n;
	}
	/* Classes by signature hash, linear in the cells where sorting the
	 * signatures took n log n comparisons a round.  Classes are numbered
	 * by their first cell; no decision depends on their order. */
	memset(w->htab, 0xff, w->hcap * sizeof *w->htab);
	for (x = 0; x < w->ncell; x++) {
		const uint32_t *s = w->sig + x * w->maxsig;
		uint64_t h = 0x9e3779b97f4a7c15u;
		size_t i, mask = w->hcap - 1;
		uint32_t c;
		for (i = 0; i < w->siglen[x]; i++) {
			h = (h ^ s[i]) * 0xff51afd7ed558ccdu;
			h ^= h >> 32;
		}
		for (i = (size_t)(h ^ (h >> 29)) & mask;; i = (i + 1) & mask) {
			c = w->htab[i];
			if (c == AIRS__NONE) {
				c = (uint32_t)ncls++;
				w->htab[i] = c;
				w->chash[c] = h;
				w->cfirst[c] = (uint32_t)x;
				w->csize[c] = 0;
				break;
			}
			if (w->chash[c] == h && !sig_cmp(w, w->cfirst[c], (uint32_t)x))
				break;
		}
		w->cls[x] = c;
		w->csize[c] += w->cn[x];
	}
	return ncls;
}

/* The size of the symmetric difference of two sorted signatures, or
 * cap + 1 as soon as it exceeds cap; with best, also choose the smallest
 * group in it (then the lowest id) into *best. */
static size_t symdiff(const supp_ws *w, uint32_t a, uint32_t b, size_t cap,
                      uint32_t *best, int *have)
{
	const uint32_t *sa = w->sig + (size_t)a * w->maxsig;
	const uint32_t *sb = w->sig + (size_t)b * w->maxsig;
	uint32_t i = 0, j = 0, la = w->siglen[a], lb = w->siglen[b];
	size_t d = 0;

	while (i < la || j < lb) {
		uint32_t g;
		if (j >= lb || (i < la && sa[i] < sb[j]))
			g = sa[i++];
		else if (i >= la || sb[j] < sa[i])
			g = sb[j++];
		else {
			i++;
			j++;
			continue;
		}
		if (++d > cap)
			return d;
		if (best && (!*have || w->gsize[g] < w->gsize[*best] ||
		             (w->gsize[g] == w->gsize[*best] && g < *best))) {
			*best = g;
			*have = 1;
		}
	}
	return d;
}

/* The reference neighbour search, kept for the tests to compare against
 * (airs__rollup_set_reference()): every too-small class against every
 * class, quadratic in the number of classes. */
static size_t pick_reference(supp_ws *w, size_t ncls, uint64_t k,
                             unsigned char *vis)
{
	size_t nhide = 0, sm, c;

	for (sm = 0; sm < ncls; sm++) {
		size_t dmin = SIZE_MAX;
		uint32_t best = 0;
		int have = 0;
		if (w->csize[sm] >= k)
			continue;
		/* classes next in sort order are usually near: start with
		 * them so most comparisons stop early */
		if (sm > 0)
			dmin = symdiff(w, w->cfirst[sm], w->cfirst[sm - 1],
			               SIZE_MAX, NULL, NULL);
		if (sm + 1 < ncls) {
			size_t d = symdiff(w, w->cfirst[sm], w->cfirst[sm + 1],
			                   dmin, NULL, NULL);
			if (d < dmin)
				dmin = d;
		}
		for (c = 0; c < ncls; c++) {
			size_t d;
			if (c == sm)
				continue;
			d = symdiff(w, w->cfirst[sm], w->cfirst[c], dmin, NULL,
			            NULL);
			if (d < dmin)
				dmin = d;
		}
		for (c = 0; c < ncls; c++)
			if (c != sm &&
			    symdiff(w, w->cfirst[sm], w->cfirst[c], dmin, NULL,
			            NULL) == dmin)
				symdiff(w, w->cfirst[sm], w->cfirst[c], dmin, &best,
				        &have);
		if (vis[best]) {
			vis[best] = 0;
			nhide++;
		}
	}
	return nhide;
}

static void reshow_reference(const airs_rollup *r, supp_ws *w, size_t ncls,
                             uint64_t k, int split, unsigned char *vis)
{
	size_t ng = 3 * (r->nu + 1), g, x, c;

	for (g = 0; g < ng; g++) {
		int constant = 1;
		if (vis[g] || !w->gsize[g] || (!split && g % 3 != G_T))
			continue;
		memset(w->cin, 0, ncls * sizeof *w->cin);
		memset(w->cout, 0, ncls * sizeof *w->cout);
		for (x = 0; x < w->ncell; x++) {
			if (cell_in(r, w, x, (uint32_t)g))
				w->cin[w->cls[x]]++;
			else
				w->cout[w->cls[x]]++;
		}
		/* a class too small can remain only when nothing separates
		 * it any more; a group made of it must stay hidden */
		for (c = 0; c < ncls && constant; c++)
			constant = !w->cin[c] || (!w->cout[c] && w->csize[c] >= k);
		if (constant)
			vis[g] = 1;
	}
}

/* Is group a a better one to hide than b: smaller, then first in tree
 * order (AIRS__NONE: no group, never better). */
static int gless(const supp_ws *w, uint32_t a, uint32_t b)
{
	if (a == AIRS__NONE)
		return 0;
	if (b == AIRS__NONE)
		return 1;
	return w->gsize[a] < w->gsize[b] ||
	       (w->gsize[a] == w->gsize[b] && a < b);
}

static uint32_t gbest(const supp_ws *w, uint32_t a, uint32_t b)
{
	return gless(w, b, a) ? b : a;
}

static int kless(const supp_ws *w, struct nkey a, struct nkey b)
{
	return a.d != b.d ? a.d < b.d : gless(w, a.g, b.g);
}

static void top_push(const supp_ws *w, struct ntop *t, struct nkey key,
                     uint32_t child)
{
	if (kless(w, key, t->k[0])) {
		t->k[1] = t->k[0];
		t->c[1] = t->c[0];
		t->k[0] = key;
		t->c[0] = child;
	} else if (kless(w, key, t->k[1])) {
		t->k[1] = key;
		t->c[1] = child;
	}
}

static const struct nkey NO_KEY = { UINT32_MAX, AIRS__NONE };

/*
 * The nearest classes without comparing classes.  A cell's signature is
 * read off its path to the organisation: the visible T groups and the
 * visible groups of its own kind (L or N) at every node on it.  Two cells
 * (u, l) and (v, m) whose paths meet at node w differ in the visible T
 * and own-kind groups below w on each side and, when l != m, in the L and
 * N groups at w and above.  So for every node the search keeps, per
 * kind m, the best cell of m below it (key S: fewest visible groups on
 * the path down, then the best group among them) and the best cell with
 * at least one visible group on that path (key P, for when nothing else
 * tells the cells apart), and the best two children of each.  A cell then
 * walks up its path (depth + 1 nodes) and meets every other cell exactly
 * at their common node, through a child other than the one it came from.
 * The result equals the reference: the fewest differing groups, and among
 * all classes at that distance the smallest differing group.
 */
static void prepare(const airs_rollup *r, supp_ws *w, const unsigned char *vis)
{
	size_t nu = r->nu, i, v, p;
	uint32_t m;

	for (v = 0; v <= nu; v++) {
		for (m = 0; m < 2; m++) {
			uint32_t gt = (uint32_t)(v * 3 + G_T);
			uint32_t gk = (uint32_t)(v * 3 + (m ? G_L : G_N));
			uint32_t c = 0, g = AIRS__NONE, j;
			if (vis[gt]) {
				c++;
				g = gt;
			}
			if (vis[gk]) {
				c++;
				g = gbest(w, g, gk);
			}
			w->cnt[2 * v + m] = c;
			w->gmin[2 * v + m] = g;
			for (j = 0; j < 2; j++) {
				struct ntop *t = &w->top[4 * v + 2 * m + j];
				t->k[0] = t->k[1] = NO_KEY;
				t->c[0] = t->c[1] = AIRS__NONE;
			}
		}
	}
	/* L and N groups at a node and above, parents first */
	for (i = 0; i <= nu; i++) {
		uint32_t c = 0, g = AIRS__NONE, kind;
		v = i == 0 ? nu : i - 1; /* the organisation first */
		p = v == nu ? nu : r->parent[v] == AIRS__NONE ? nu : r->parent[v];
		if (v != nu) {
			c = w->kc[p];
			g = w->kmin[p];
		}
		for (kind = G_L; kind <= G_N; kind++)
			if (vis[v * 3 + kind]) {
				c++;
				g = gbest(w, g, (uint32_t)(v * 3 + kind));
			}
		w->kc[v] = c;
		w->kmin[v] = g;
	}
	/* S and P from the leaves up: children follow their parent in tree
	 * order, and the organisation comes last */
	for (i = 0; i <= nu; i++) {
		v = i < nu ? nu - 1 - i : nu;
		p = v == nu ? nu : r->parent[v] == AIRS__NONE ? nu : r->parent[v];
		for (m = 0; m < 2; m++) {
			uint32_t c = w->cnt[2 * v + m], g = w->gmin[2 * v + m];
			const struct ntop *t = &w->top[4 * v + 2 * m];
			struct nkey s = NO_KEY, pk;
			if (v < nu && w->cellof[2 * v + m] != AIRS__NONE) {
				s.d = c;
				s.g = g;
			}
			if (t[0].k[0].d != UINT32_MAX) {
				struct nkey b;
				b.d = c + t[0].k[0].d;
				b.g = gbest(w, g, t[0].k[0].g);
				if (kless(w, b, s))
					s = b;
			}
			pk = c ? s : t[1].k[0];
			if (v < nu) {
				top_push(w, &w->top[4 * p + 2 * m], s, (uint32_t)v);
				top_push(w, &w->top[4 * p + 2 * m + 1], pk,
				         (uint32_t)v);
			}
		}
	}
}

/* The group to hide for cell x: see prepare(). */
static uint32_t nearest(const airs_rollup *r, const supp_ws *w, size_t x,
                        int split)
{
	struct nkey best = NO_KEY;
	uint32_t nu = (uint32_t)r->nu, l = w->cl[x], m;

	for (m = 0; m < (split ? 2u : 1u); m++) {
		uint32_t v = w->cu[x], from = AIRS__NONE, a = 0;
		uint32_t amin = AIRS__NONE;
		for (;;) {
			uint32_t kd = m != l ? w->kc[v] : 0;
			uint32_t kg = m != l ? w->kmin[v] : AIRS__NONE;
			/* with nothing on this side, only a visible group
			 * below v on the other side tells a cell apart */
			int pos = a + kd == 0;
			const struct ntop *t = &w->top[4 * v + 2 * m + pos];
			struct nkey y = t->c[0] != from ? t->k[0] : t->k[1];
			if (!pos && v < nu && w->cellof[2 * v + m] != AIRS__NONE) {
				struct nkey here = { 0, AIRS__NONE };
				if (kless(w, here, y))
					y = here;
			}
			if (y.d != UINT32_MAX) {
				struct nkey c;
				c.d = a + kd + y.d;
				c.g = gbest(w, gbest(w, amin, kg), y.g);
				if (kless(w, c, best))
					best = c;
			}
			if (v == nu)
				break;
			a += w->cnt[2 * v + l];
			amin = gbest(w, amin, w->gmin[2 * v + l]);
			from = v;
			v = r->parent[v] == AIRS__NONE ? nu : r->parent[v];
		}
	}
	return best.g;
}

static size_t pick(const airs_rollup *r, supp_ws *w, size_t ncls, uint64_t k,
                   int split, unsigned char *vis)
{
	size_t nhide = 0, sm;

	prepare(r, w, vis);
	for (sm = 0; sm < ncls; sm++) {
		uint32_t g;
		if (w->csize[sm] >= k)
			continue;
		g = nearest(r, w, w->cfirst[sm], split);
		if (g != AIRS__NONE && vis[g]) {
			vis[g] = 0;
			nhide++;
		}
	}
	return nhide;
}

/* The post pass of suppress() in time linear in the cells of each hidden
 * group: a group's cells are a contiguous run (cells are in tree order). */
static void reshow(const airs_rollup *r, supp_ws *w, size_t ncls, uint64_t k,
                   int split, unsigned char *vis)
{
	size_t ng = 3 * (r->nu + 1), g, x, i;

	memset(w->ccells, 0, ncls * sizeof *w->ccells);
	memset(w->cin, 0, ncls * sizeof *w->cin);
	for (x = 0; x < w->ncell; x++)
		w->ccells[w->cls[x]]++;
	for (g = 0; g < ng; g++) {
		size_t gu = g / 3, kind = g % 3, lo, hi, nt = 0;
		int constant = 1;
		if (vis[g] || !w->gsize[g] || (!split && kind != G_T))
			continue;
		lo = gu == r->nu ? 0 : w->cstart[gu];
		hi = gu == r->nu ? w->ncell : w->cstart[r->end[gu]];
		for (x = lo; x < hi; x++) {
			uint32_t c;
			if ((kind == G_L && !w->cl[x]) || (kind == G_N && w->cl[x]))
				continue;
			c = w->cls[x];
			if (!w->cin[c]++)
				w->touched[nt++] = c;
		}
		/* a class too small can remain only when nothing separates
		 * it any more; a group made of it must stay hidden */
		for (i = 0; i < nt; i++) {
			uint32_t c = w->touched[i];
			if (w->cin[c] != w->ccells[c] || w->csize[c] < k)
				constant = 0;
			w->cin[c] = 0;
		}
		if (constant)
			vis[g] = 1;
	}
}

static void suppress(const airs_rollup *r, supp_ws *w, int fam,
                     unsigned char *vis)
{
	size_t ng = 3 * (r->nu + 1), g, x, ncls;
	uint64_t k = (uint64_t)r->min_group;
	int split = fam < NC;

	/* Cells and group sizes. */
	w->ncell = 0;
	for (x = 0; x < r->nu; x++) {
		int l;
		w->cstart[x] = (uint32_t)w->ncell;
		for (l = 0; l < 2; l++) {
			uint64_t n = cell_count(&r->direct[x], fam, l);
			w->cellof[2 * x + (size_t)l] = n ? (uint32_t)w->ncell
			                                 : AIRS__NONE;
			if (!n)
				continue;
			w->cu[w->ncell] = (uint32_t)x;
			w->cl[w->ncell] = (unsigned char)l;
			w->cn[w->ncell++] = n;
		}
	}
	w->cstart[r->nu] = (uint32_t)w->ncell;
	for (g = 0; g <= r->nu; g++) {
		const acc *t = &r->tot[g];
		w->gsize[g * 3 + G_T] = cell_count(t, fam, 0) + cell_count(t, fam, 1);
		w->gsize[g * 3 + G_L] = split ? cell_count(t, fam, 1) : 0;
		w->gsize[g * 3 + G_N] = split ? cell_count(t, fam, 0) : 0;
	}
	/* Primary suppression; groups without respondents are not published
	 * as groups (nothing to hide, nothing to separate). */
	for (g = 0; g < ng; g++)
		vis[g] = w->gsize[g] >= k && (split || g % 3 == G_T);
	/* Complementary suppression: while a class is too small, hide the
	 * smallest visible group separating it from its nearest class (the
	 * one whose signature differs in the fewest groups).  Each round hides
	 * at least one more group, so this ends.  Each too-small class picks
	 * its group against the same classification; hiding them together
	 * takes far fewer rounds than one at a time on large trees, and stays
	 * independent of input order. */
	for (;;) {
		size_t nhide;

		ncls = classify(r, w, vis);
		if (ncls < 2)
			break;
		nhide = r->reference ? pick_reference(w, ncls, k, vis)
		                     : pick(r, w, ncls, k, split, vis);
		if (!nhide)
			break;
	}
	/* A hidden group that is a union of classes of at least k can be
	 * shown again: it splits no class, so the guarantee holds, and it
	 * might otherwise be hidden in name only while derivable from visible
	 * groups.  What stays hidden is then never a union of classes, and
	 * every combination of visible groups is one, so no hidden group is
	 * derivable.  The loop ends right after a classification that no
	 * group was hidden since (picking changes only vis), so its classes
	 * are those of the groups as they are. */
	if (r->reference)
		reshow_reference(r, w, ncls, k, split, vis);
	else
		reshow(r, w, ncls, k, split, vis);
}

/* ------------------------------------------------------------------------
 * Finalising
 * ---------------------------------------------------------------------- */

/* Most threads the suppression of the FAM_COUNT families runs on. */
#define FIN_LANES 4

/* Everything finalise allocates, so that merge can allocate it before it
 * changes anything. */
typedef struct fin_ws {
	acc *tot;
	uint64_t *skt_n;
	int64_t *skt_sum;
	double *median;
	unsigned char *vis;
	int64_t *all;          /* readiness values in tree order */
	size_t *off;           /* nu + 1 offsets into all */
	uint32_t *by_id, *tmp; /* nu + 1 each: units in id order, scratch */
	size_t lanes;          /* suppression workspaces: families run on
	                          that many threads */
	supp_ws s[FIN_LANES];
} fin_ws;

static void supp_free(const airs__mem *mem, supp_ws *s)
{
	airs__free(mem, s->cu);
	airs__free(mem, s->cl);
	airs__free(mem, s->cn);
	airs__free(mem, s->sig);
	airs__free(mem, s->siglen);
	airs__free(mem, s->htab);
	airs__free(mem, s->chash);
	airs__free(mem, s->cls);
	airs__free(mem, s->cfirst);
	airs__free(mem, s->csize);
	airs__free(mem, s->cin);
	airs__free(mem, s->cout);
	airs__free(mem, s->gsize);
	airs__free(mem, s->cellof);
	airs__free(mem, s->cstart);
	airs__free(mem, s->ccells);
	airs__free(mem, s->touched);
	airs__free(mem, s->cnt);
	airs__free(mem, s->gmin);
	airs__free(mem, s->kc);
	airs__free(mem, s->kmin);
	airs__free(mem, s->top);
}

/* A suppression workspace for r; AIRS_ENOMEM leaves nothing allocated. */
static int supp_alloc(const airs_rollup *r, supp_ws *s, size_t maxsig)
{
	const airs__mem *m = &r->mem;
	size_t n1 = r->nu + 1, cells = 2 * r->nu;

	memset(s, 0, sizeof *s);
	s->maxsig = maxsig;
	s->cu = airs__calloc(m, cells, sizeof *s->cu);
	s->cl = airs__calloc(m, cells, 1);
	s->cn = airs__calloc(m, cells, sizeof *s->cn);
	s->sig = airs__calloc(m, cells * s->maxsig, sizeof *s->sig);
	s->siglen = airs__calloc(m, cells, sizeof *s->siglen);
	for (s->hcap = 16; s->hcap < 2 * cells + 2; s->hcap *= 2)
		;
	s->htab = airs__calloc(m, s->hcap, sizeof *s->htab);
	s->chash = airs__calloc(m, cells, sizeof *s->chash);
	s->cls = airs__calloc(m, cells, sizeof *s->cls);
	s->cfirst = airs__calloc(m, cells, sizeof *s->cfirst);
	s->csize = airs__calloc(m, cells, sizeof *s->csize);
	s->cin = airs__calloc(m, cells, sizeof *s->cin);
	s->cout = airs__calloc(m, cells, sizeof *s->cout);
	s->gsize = airs__calloc(m, 3 * n1, sizeof *s->gsize);
	s->cellof = airs__calloc(m, cells, sizeof *s->cellof);
	s->cstart = airs__calloc(m, n1, sizeof *s->cstart);
	s->ccells = airs__calloc(m, cells, sizeof *s->ccells);
	s->touched = airs__calloc(m, cells, sizeof *s->touched);
	s->cnt = airs__calloc(m, 2 * n1, sizeof *s->cnt);
	s->gmin = airs__calloc(m, 2 * n1, sizeof *s->gmin);
	s->kc = airs__calloc(m, n1, sizeof *s->kc);
	s->kmin = airs__calloc(m, n1, sizeof *s->kmin);
	s->top = airs__calloc(m, 4 * n1, sizeof *s->top);
	if (!s->cu || !s->cl || !s->cn || !s->sig || !s->siglen || !s->htab ||
	    !s->chash || !s->cls || !s->cfirst || !s->csize || !s->cin ||
	    !s->cout || !s->gsize || !s->cellof || !s->cstart || !s->ccells ||
	    !s->touched || !s->cnt || !s->gmin || !s->kc || !s->kmin ||
	    !s->top) {
		supp_free(m, s);
		memset(s, 0, sizeof *s);
		return AIRS_ENOMEM;
	}
	return AIRS_OK;
}

static void fin_free(const airs__mem *mem, fin_ws *f)
{
	size_t i;

	airs__free(mem, f->tot);
	airs__free(mem, f->skt_n);
	airs__free(mem, f->skt_sum);
	airs__free(mem, f->median);
	airs__free(mem, f->vis);
	airs__free(mem, f->all);
	airs__free(mem, f->off);
	airs__free(mem, f->by_id);
	airs__free(mem, f->tmp);
	for (i = 0; i < FIN_LANES; i++)
		supp_free(mem, &f->s[i]);
	memset(f, 0, sizeof *f);
}

/* lanes: suppression workspaces, 1..FIN_LANES. */
static int fin_alloc(const airs_rollup *r, fin_ws *f, size_t nvals,
                     size_t lanes)
{
	const airs__mem *m = &r->mem;
	size_t nu = r->nu, n1 = nu + 1, maxd = 0, i;

	memset(f, 0, sizeof *f);
	for (i = 0; i < nu; i++)
		if (r->depth[i] > maxd)
			maxd = r->depth[i];
	f->tot = airs__calloc(m, n1, sizeof *f->tot);
	f->skt_n = airs__calloc(m, n1 * r->ns, sizeof *f->skt_n);
	f->skt_sum = airs__calloc(m, n1 * r->ns, sizeof *f->skt_sum);
	f->median = airs__calloc(m, n1, sizeof *f->median);
	f->vis = airs__calloc(m, FAM_COUNT * 3 * n1, 1);
	f->all = airs__calloc(m, nvals, sizeof *f->all);
	f->off = airs__calloc(m, n1, sizeof *f->off);
	f->by_id = airs__calloc(m, n1, sizeof *f->by_id);
	f->tmp = airs__calloc(m, n1, sizeof *f->tmp);
	if (!f->tot || !f->skt_n || !f->skt_sum || !f->median ||
	    !f->vis || !f->all || !f->off || !f->by_id || !f->tmp) {
		fin_free(m, f);
		return AIRS_ENOMEM;
	}
	f->lanes = lanes < 1 ? 1 : lanes > FIN_LANES ? FIN_LANES : lanes;
	for (i = 0; i < f->lanes; i++)
		if (supp_alloc(r, &f->s[i], 2 * (maxd + 2))) {
			fin_free(m, f);
			return AIRS_ENOMEM;
		}
	return AIRS_OK;
}

/* Put the k-th smallest of v[0..n-1] at v[k], with nothing larger before
 * it (Hoare's selection, median-of-three pivots; a run that does not
 * converge is sorted instead).  Linear on average where sorting every
 * subtree's values cost n log n per unit and level. */
static void select_kth(int64_t *v, size_t n, size_t k)
{
	int64_t lo = 0, hi = (int64_t)n - 1, kk = (int64_t)k;
	int budget = 64;

	while (lo < hi) {
		int64_t i = lo, j = hi, a, b, c, p, t;
		if (!budget--) {
			qsort(v + lo, (size_t)(hi - lo + 1), sizeof *v, cmp_i64);
			return;
		}
		a = v[lo];
		b = v[lo + (hi - lo) / 2];
		c = v[hi];
		p = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
		while (i <= j) {
			while (v[i] < p)
				i++;
			while (v[j] > p)
				j--;
			if (i <= j) {
				t = v[i];
				v[i++] = v[j];
				v[j--] = t;
			}
		}
		/* now v[lo..j] <= p, v[i..hi] >= p, and between them p */
		if (kk <= j)
			hi = j;
		else if (kk >= i)
			lo = i;
		else
			return;
	}
}

static double median(int64_t *v, size_t n)
{
	int64_t below;
	size_t i;

	if (!n)
		return NAN;
	select_kth(v, n, n / 2);
	if (n % 2)
		return (double)v[n / 2] / AIRS__Q;
	/* the largest value before the upper middle is the lower middle */
	below = v[0];
	for (i = 1; i < n / 2; i++)
		if (v[i] > below)
			below = v[i];
	/* the mean of the two middle values, exactly halved before scaling */
	return ((double)below + (double)v[n / 2]) / 2.0 / AIRS__Q;
}

/* Is group g (unit or nu for the organisation; kind G_*) of family fam
 * visible?  Callers also publish empty groups: there is no one to
 * protect and nothing to derive. */
static int shown(const airs_rollup *r, const unsigned char *vis, int fam,
                 size_t g, int kind)
{
	return vis[(size_t)fam * 3 * (r->nu + 1) + g * 3 + (size_t)kind];
}

/* The published scores of unit g (the organisation when g == nu) of a
 * finalised rollup, from its totals and the suppression decisions. */
static void publish_unit(const airs_rollup *r, size_t g, airs_unit_score *p)
{
	const acc *t = &r->tot[g];
	size_t b;
	int org = g == r->nu;

	p->size = sizeof *p;
	p->id = org ? NULL : r->uid[g];
	p->name = org ? "Organisation" : r->uname[g];
	p->parent_id = org || r->parent[g] == AIRS__NONE ? NULL
	                                                  : r->uid[r->parent[g]];
	p->depth = org ? 0 : (int)r->depth[g];
	p->headcount = t->headcount;
	p->scored = t->scored;
	p->readiness_mean = qmean(t->ready_sum, t->scored);
	p->readiness_median = r->median[g];
	memcpy(p->levels, t->levels, sizeof p->levels);
	p->target = org ? 0 : r->target[g];
	p->with_target = t->with_target;
	p->gap_mean = t->with_target
	                      ? (double)t->gap_sum / (double)t->with_target
	                      : NAN;
	p->below_target_share = share(t->below, t->with_target);
	for (b = 0; b < NF; b++)
		p->flags[b] = t->flags[b];
	/* fatigue and no_benefit are counted for everyone from the
	 * anonymous answers (methodology 3.9), so their counts follow the
	 * anonymity of the survey respondents.  left_behind counts what the
	 * individual results show: its support clause applies only when
	 * individual sentiment is opted in, and then nothing is hidden. */
	if (t->resp && !shown(r, r->vis, FAM_RESP, g, G_T)) {
		p->flags[1] = AIRS_SUPPRESSED; /* fatigue */
		p->flags[4] = AIRS_SUPPRESSED; /* no_benefit */
	}
	if (!t->net_n || shown(r, r->vis, FAM_NET, g, G_T)) {
		p->net_respondents = t->net_n;
		p->net_score = t->net_resp
		                       ? 100.0 *
		                                 ((double)t->net_pro -
		                                  (double)t->net_det) /
		                                 (double)t->net_resp
		                       : NAN;
	} else {
		p->net_respondents = AIRS_SUPPRESSED;
		p->net_score = NAN;
	}
	if (!t->ts_n || shown(r, r->vis, FAM_TIME, g, G_T)) {
		p->time_saved_respondents = t->ts_n;
		p->time_saved = qmean(t->ts_sum, t->ts_n);
	} else {
		p->time_saved_respondents = AIRS_SUPPRESSED;
		p->time_saved = NAN;
	}
}

/* The published scores of construct c in unit g, likewise. */
static void publish_construct(const airs_rollup *r, size_t g, size_t c,
                              airs_construct_score *q)
{
	const cons_acc *a = &r->tot[g].c[c];
	uint64_t n = a->n0 + a->n1;
	int st = !n || shown(r, r->vis, (int)c, g, G_T);
	int sl = !a->n1 || shown(r, r->vis, (int)c, g, G_L);
	int sn = !a->n0 || shown(r, r->vis, (int)c, g, G_N);

	q->size = sizeof *q;
	q->respondents = st ? n : AIRS_SUPPRESSED;
	q->mean = st ? qmean(a->s0 + a->s1, n) : NAN;
	q->favourable = st ? share(a->fav, a->items) : NAN;
	q->unfavourable = st ? share(a->unf, a->items) : NAN;
	q->leaders = sl ? a->n1 : AIRS_SUPPRESSED;
	q->leaders_mean = sl ? qmean(a->s1, a->n1) : NAN;
	q->staff = sn ? a->n0 : AIRS_SUPPRESSED;
	q->staff_mean = sn ? qmean(a->s0, a->n0) : NAN;
	q->perception_gap = q->leaders_mean - q->staff_mean;
}

/* The families are independent - each writes its own part of vis from
 * the same totals - so lanes take them in turn from a shared counter;
 * which lane does which changes nothing. */
struct fam_job {
	const airs_rollup *r;
	fin_ws *f;
	supp_ws *s;
	atomic_size_t *next;
	pthread_t tid;
	int started;
};

static void *fam_run(void *arg)
{
	struct fam_job *j = arg;
	size_t fam, n1 = j->r->nu + 1;

	while ((fam = atomic_fetch_add(j->next, 1)) < FAM_COUNT)
		suppress(j->r, j->s, (int)fam, j->f->vis + fam * 3 * n1);
	return NULL;
}

static void suppress_all(const airs_rollup *r, fin_ws *f)
{
	struct fam_job job[FIN_LANES];
	atomic_size_t next;
	size_t k;

	atomic_init(&next, 0);
	for (k = 0; k < f->lanes; k++) {
		job[k].r = r;
		job[k].f = f;
		job[k].s = &f->s[k];
		job[k].next = &next;
		job[k].started = k > 0 && !pthread_create(&job[k].tid, NULL,
		                                           fam_run, &job[k]);
	}
	/* a lane whose thread could not start leaves its families to the
	 * others: the same result */
	fam_run(&job[0]);
	for (k = 1; k < f->lanes; k++)
		if (job[k].started)
			pthread_join(job[k].tid, NULL);
}

/* Finalise into a preallocated workspace; cannot fail. */
static void finalise_with(airs_rollup *r, fin_ws *f)
{
	size_t nu = r->nu, ns = r->ns, u, s, pos = 0;

	/* Subtree totals: children come after their parent in tree order,
	 * so one backward pass adds each unit into its parent. */
	memcpy(f->tot, r->direct, nu * sizeof *f->tot);
	if (nu && ns) {
		memcpy(f->skt_n, r->sk_n, nu * ns * sizeof *f->skt_n);
		memcpy(f->skt_sum, r->sk_sum, nu * ns * sizeof *f->skt_sum);
	}
	for (u = nu; u-- > 0;) {
		size_t to = r->parent[u] == AIRS__NONE ? nu : r->parent[u];
		acc_add(&f->tot[to], &f->tot[u]);
		for (s = 0; s < ns; s++) {
			f->skt_n[to * ns + s] += f->skt_n[u * ns + s];
			f->skt_sum[to * ns + s] += f->skt_sum[u * ns + s];
		}
	}
	/* Readiness values in tree order: a subtree is a contiguous slice. */
	for (u = 0; u < nu; u++) {
		f->off[u] = pos;
		if (r->vals[u].n)
			memcpy(f->all + pos, r->vals[u].v,
			       r->vals[u].n * sizeof *f->all);
		pos += r->vals[u].n;
	}
	f->off[nu] = pos;
	/* Suppression needs the totals; tot is read through r during it. */
	{
		acc *saved = r->tot;
		r->tot = f->tot;
		suppress_all(r, f);
		r->tot = saved;
	}
	/* Medians selected in place, deepest units first and the
	 * organisation last: a selection permutes only its unit's subtree
	 * slice, whose descendants are done and within which every
	 * ancestor's multiset stays the same. */
	for (s = 0; s <= nu; s++) {
		size_t lo, hi;
		u = s < nu ? nu - 1 - s : nu;
		lo = u == nu ? 0 : f->off[u];
		hi = u == nu ? pos : f->off[r->end[u]];
		f->median[u] = median(f->all + lo, hi - lo);
	}
	/* Units by id, for finding them without a scan. */
	for (u = 0; u < nu; u++)
		f->by_id[u] = (uint32_t)u;
	msort(f->by_id, f->tmp, nu, cmp_ids, r->uid);
	/* Keep each unit's own values sorted: the text form is canonical. */
	for (u = 0; u < nu; u++)
		if (r->vals[u].n)
			qsort(r->vals[u].v, r->vals[u].n, sizeof *r->vals[u].v,
			      cmp_i64);
	/* Install the results; the old ones go with the workspace. */
#define SWAP(field)                          \
	do {                                 \
		void *t_ = (void *)r->field; \
		r->field = f->field;         \
		f->field = t_;               \
	} while (0)
	SWAP(tot);
	SWAP(skt_n);
	SWAP(skt_sum);
	SWAP(median);
	SWAP(vis);
	SWAP(by_id);
#undef SWAP
	fin_free(&r->mem, f);
	r->finalised = 1;
}

static size_t total_values(const airs_rollup *r)
{
	size_t u, n = 0;

	for (u = 0; u < r->nu; u++)
		n += r->vals[u].n;
	return n;
}

int airs__rollup_finalise(airs_rollup *r, size_t threads)
{
	fin_ws f;

	if (!r)
		return AIRS_EINVAL;
	if (fin_alloc(r, &f, total_values(r), threads))
		return AIRS_ENOMEM;
	finalise_with(r, &f);
	return AIRS_OK;
}

void airs__rollup_set_reference(airs_rollup *r, int on)
{
	r->reference = on != 0;
}

const unsigned char *airs__rollup_visibility(const airs_rollup *r, size_t *n)
{
	*n = r->finalised ? (size_t)FAM_COUNT * 3 * (r->nu + 1) : 0;
	return r->finalised ? r->vis : NULL;
}

/* ------------------------------------------------------------------------
 * Reading
 * ---------------------------------------------------------------------- */

size_t airs_rollup_unit_count(const airs_rollup *r)
{
	return r ? r->nu : 0;
}

int airs_rollup_find_unit(const airs_rollup *r, const char *id, size_t *index)
{
	size_t i;

	if (!r || !id || !index)
		return AIRS_EINVAL;
	if (r->by_id) {
		size_t lo = 0, hi = r->nu;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcmp(r->uid[r->by_id[mid]], id);
			if (!c) {
				*index = r->by_id[mid];
				return AIRS_OK;
			}
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return AIRS_ENOTFOUND;
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
	if (!r || !out || out->size < sizeof *out)
		return AIRS_EINVAL;
	if (!r->finalised)
		return AIRS_ESTATE;
	if (index >= r->nu && index != AIRS_ROLLUP_ORG)
		return AIRS_ERANGE;
	publish_unit(r, index == AIRS_ROLLUP_ORG ? r->nu : index, out);
	return AIRS_OK;
}

int airs_rollup_org(const airs_rollup *r, airs_unit_score *out)
{
	return airs_rollup_unit(r, AIRS_ROLLUP_ORG, out);
}

int airs_rollup_construct(const airs_rollup *r, size_t unit, int construct,
                          airs_construct_score *out)
{
	if (!r || !out || out->size < sizeof *out)
		return AIRS_EINVAL;
	if (!r->finalised)
		return AIRS_ESTATE;
	if ((unit >= r->nu && unit != AIRS_ROLLUP_ORG) || construct < 0 ||
	    construct >= NC)
		return AIRS_ERANGE;
	publish_construct(r, unit == AIRS_ROLLUP_ORG ? r->nu : unit,
	                  (size_t)construct, out);
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
	size_t cell;

	if (!r || !mean_gap || !count)
		return AIRS_EINVAL;
	if (!r->finalised)
		return AIRS_ESTATE;
	if ((unit >= r->nu && unit != AIRS_ROLLUP_ORG) || skill >= r->ns)
		return AIRS_ERANGE;
	cell = (unit == AIRS_ROLLUP_ORG ? r->nu : unit) * r->ns + skill;
	*count = r->skt_n[cell];
	*mean_gap = qmean(r->skt_sum[cell], r->skt_n[cell]);
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Text form (docs/output-format.md, "Rollup partials")
 * ---------------------------------------------------------------------- */

#define FORMAT_VERSION 1

/* Positions of the signed integers on "a" and "c" lines. */
static int a_signed(size_t i)
{
	return i == 2 || i == 4 || i == ACC_SCALARS - 1;
}

static int c_signed(size_t i)
{
	return i == 1 || i == 3;
}

typedef struct wbuf {
	airs_write_fn fn;
	void *user;
	int failed;
	size_t n;
	char b[4096];
} wbuf;

static void wflush(wbuf *w)
{
	if (w->n && !w->failed && w->fn(w->b, w->n, w->user))
		w->failed = 1;
	w->n = 0;
}

static void wput(wbuf *w, const char *s, size_t n)
{
	while (n) {
		size_t k = sizeof w->b - w->n;
		if (!k) {
			wflush(w);
			continue;
		}
		if (k > n)
			k = n;
		memcpy(w->b + w->n, s, k);
		w->n += k;
		s += k;
		n -= k;
	}
}

static void wstr(wbuf *w, const char *s)
{
	wput(w, s, strlen(s));
}

static void wu64(wbuf *w, uint64_t v)
{
	char t[24];

	wput(w, t, (size_t)snprintf(t, sizeof t, " %llu", (unsigned long long)v));
}

static void wi64(wbuf *w, int64_t v)
{
	char t[24];

	wput(w, t, (size_t)snprintf(t, sizeof t, " %lld", (long long)v));
}

/* A text token: bytes that would break the line structure, and '%', as
 * %XX; the empty string as a lone "%". */
static void wenc(wbuf *w, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	wput(w, " ", 1);
	if (!*s)
		wput(w, "%", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= 0x20 || c == 0x7f || c == '%') {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			wput(w, e, 3);
		} else {
			wput(w, s, 1);
		}
	}
}

int airs_rollup_write(const airs_rollup *r, airs_write_fn write, void *user)
{
	wbuf *w;
	size_t u, i, c;
	int rc;

	if (!r || !write)
		return AIRS_EINVAL;
	if (!r->finalised)
		return AIRS_ESTATE; /* finalised rollups keep their values sorted */
	w = airs__malloc(&r->mem, sizeof *w);
	if (!w)
		return AIRS_ENOMEM;
	w->fn = write;
	w->user = user;
	w->failed = 0;
	w->n = 0;
	wstr(w, "airs-rollup 1\ndigest ");
	wstr(w, r->digest);
	wstr(w, "\nmin_group");
	wu64(w, (uint64_t)r->min_group);
	wstr(w, "\nshape");
	wu64(w, r->nu);
	wu64(w, r->ns);
	wstr(w, "\n");
	for (u = 0; u < r->nu; u++) {
		wstr(w, "unit");
		wenc(w, r->uid[u]);
		if (r->parent[u] == AIRS__NONE)
			wstr(w, " -");
		else
			wu64(w, r->parent[u]);
		wu64(w, (uint64_t)r->target[u]);
		wenc(w, r->uname[u]);
		wstr(w, "\n");
	}
	for (i = 0; i < r->ns; i++) {
		wstr(w, "skill");
		wenc(w, r->sid[i]);
		wstr(w, "\n");
	}
	for (u = 0; u < r->nu; u++) {
		const acc *a = &r->direct[u];
		const uint64_t *f = (const uint64_t *)(const void *)a;
		wstr(w, "a");
		wu64(w, u);
		for (i = 0; i < ACC_SCALARS; i++) {
			if (a_signed(i))
				wi64(w, (int64_t)f[i]);
			else
				wu64(w, f[i]);
		}
		wstr(w, "\n");
		for (c = 0; c < NC; c++) {
			const uint64_t *cf = (const uint64_t *)(const void *)&a->c[c];
			int any = 0;
			for (i = 0; i < CONS_FIELDS; i++)
				any |= cf[i] != 0;
			if (!any)
				continue;
			wstr(w, "c");
			wu64(w, u);
			wu64(w, c);
			for (i = 0; i < CONS_FIELDS; i++) {
				if (c_signed(i))
					wi64(w, (int64_t)cf[i]);
				else
					wu64(w, cf[i]);
			}
			wstr(w, "\n");
		}
		if (r->vals[u].n) {
			wstr(w, "r");
			wu64(w, u);
			for (i = 0; i < r->vals[u].n; i++)
				wi64(w, r->vals[u].v[i]);
			wstr(w, "\n");
		}
		for (i = 0; i < r->ns; i++) {
			size_t cell = u * r->ns + i;
			if (!r->sk_n[cell])
				continue;
			wstr(w, "s");
			wu64(w, u);
			wu64(w, i);
			wu64(w, r->sk_n[cell]);
			wi64(w, r->sk_sum[cell]);
			wstr(w, "\n");
		}
	}
	wstr(w, "end\n");
	wflush(w);
	rc = w->failed ? AIRS_EIO : AIRS_OK;
	airs__free(&r->mem, w);
	return rc;
}

/* The reader: one line at a time, tokens separated by single spaces. */
typedef struct rdr {
	const char *p, *end;  /* rest of the input */
	const char *lp, *le;  /* rest of the current line */
	uint64_t line;
	airs_diag *diag;
} rdr;

static int perr(rdr *d, const char *fmt, ...) AIRS__PRINTF(2, 3);

static int perr(rdr *d, const char *fmt, ...)
{
	char text[AIRS_DIAG_TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	airs__diag_set(d->diag, AIRS_EPARSE, AIRS_SEVERITY_ERROR, NULL, d->line,
	               0, "%s", text);
	return AIRS_EPARSE;
}

static int next_line(rdr *d)
{
	const char *nl;

	d->line++;
	if (d->p >= d->end)
		return perr(d, "unexpected end of input");
	nl = memchr(d->p, '\n', (size_t)(d->end - d->p));
	if (!nl)
		return perr(d, "line does not end with a newline");
	d->lp = d->p;
	d->le = nl;
	d->p = nl + 1;
	return AIRS_OK;
}

/* The next token of the line into *s, *n; error when there is none. */
static int tok(rdr *d, const char **s, size_t *n, const char *what)
{
	const char *t = d->lp;

	*s = t; /* set on every path: callers' failures are perr()'s */
	*n = 0;
	if (t >= d->le)
		return perr(d, "missing %s", what);
	while (t < d->le && *t != ' ')
		t++;
	*s = d->lp;
	*n = (size_t)(t - d->lp);
	if (!*n)
		return perr(d, "empty field before %s", what);
	d->lp = t < d->le ? t + 1 : t;
	if (t < d->le && d->lp == d->le)
		return perr(d, "trailing space");
	return AIRS_OK;
}

static int line_done(rdr *d)
{
	return d->lp < d->le ? perr(d, "unexpected text after the last field")
	                     : AIRS_OK;
}

static int keyword(rdr *d, const char *kw)
{
	const char *s;
	size_t n;
	int rc = tok(d, &s, &n, kw);

	if (rc)
		return rc;
	if (n != strlen(kw) || memcmp(s, kw, n))
		return perr(d, "expected \"%s\"", kw);
	return AIRS_OK;
}

static int get_u64(rdr *d, uint64_t *v, const char *what)
{
	const char *s;
	size_t n, i;
	uint64_t x = 0;
	int rc = tok(d, &s, &n, what);

	if (rc)
		return rc;
	if (n > 1 && s[0] == '0')
		return perr(d, "%s has a leading zero", what);
	for (i = 0; i < n; i++) {
		unsigned dg = (unsigned)(s[i] - '0');
		if (dg > 9)
			return perr(d, "%s is not a non-negative integer", what);
		if (x > (UINT64_MAX - dg) / 10)
			return perr(d, "%s is too large", what);
		x = x * 10 + dg;
	}
	*v = x;
	return AIRS_OK;
}

static int get_i64(rdr *d, int64_t *v, const char *what)
{
	const char *s;
	size_t n, i;
	uint64_t x = 0, lim;
	int rc = tok(d, &s, &n, what), neg;

	if (rc)
		return rc;
	neg = s[0] == '-';
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	if (n == (size_t)neg || (n > (size_t)neg + 1 && s[neg] == '0') ||
	    (neg && n == 2 && s[1] == '0'))
		return perr(d, "%s is not a canonical integer", what);
	for (i = (size_t)neg; i < n; i++) {
		unsigned dg = (unsigned)(s[i] - '0');
		if (dg > 9)
			return perr(d, "%s is not an integer", what);
		if (x > (lim - dg) / 10)
			return perr(d, "%s is out of range", what);
		x = x * 10 + dg;
	}
	*v = neg ? (x == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)x)
	         : (int64_t)x;
	return AIRS_OK;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int get_text(rdr *d, const airs__mem *mem, char **out, const char *what)
{
	const char *s;
	size_t n, i, o = 0;
	char *t;
	int rc = tok(d, &s, &n, what);

	if (rc)
		return rc;
	t = airs__malloc(mem, n + 1);
	if (!t)
		return AIRS_ENOMEM;
	if (!(n == 1 && s[0] == '%')) {
		for (i = 0; i < n; i++) {
			if (s[i] == '%') {
				int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
				int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
				if (hi < 0 || lo < 0 || !(hi << 4 | lo)) {
					airs__free(mem, t);
					return perr(d, "%s has a bad %% escape", what);
				}
				t[o++] = (char)(hi << 4 | lo);
				i += 2;
			} else {
				t[o++] = s[i];
			}
		}
	}
	t[o] = '\0';
	*out = t;
	return AIRS_OK;
}

static int check_ids(const airs_rollup *r, rdr *d, size_t units_line)
{
	uint32_t *w = airs__calloc(&r->mem, 2 * r->nu + 1, sizeof *w);
	size_t i;

	if (!w)
		return AIRS_ENOMEM;
	for (i = 0; i < r->nu; i++)
		w[i] = (uint32_t)i;
	msort(w, w + r->nu, r->nu, cmp_ids, r->uid);
	for (i = 1; i < r->nu; i++)
		if (!strcmp(r->uid[w[i - 1]], r->uid[w[i]])) {
			d->line = units_line + (w[i - 1] > w[i] ? w[i - 1] : w[i]) + 1;
			airs__free(&r->mem, w);
			return perr(d, "duplicate unit id");
		}
	if (tree_order(&r->mem, r->nu, (const char *const *)r->uid, r->parent, w)) {
		airs__free(&r->mem, w);
		return AIRS_ENOMEM;
	}
	for (i = 0; i < r->nu; i++)
		if (w[i] != i) {
			d->line = units_line + i + 1;
			airs__free(&r->mem, w);
			return perr(d, "units are not in tree order (each unit "
			               "followed by its subtree, siblings by id)");
		}
	airs__free(&r->mem, w);
	return AIRS_OK;
}

static int parse_units(airs_rollup *r, rdr *d)
{
	size_t u, units_line = d->line;
	uint64_t v;
	int rc;

	for (u = 0; u < r->nu; u++) {
		const char *s;
		size_t n;
		if ((rc = next_line(d)) || (rc = keyword(d, "unit")) ||
		    (rc = get_text(d, &r->mem, &r->uid[u], "unit id")))
			return rc;
		if ((rc = tok(d, &s, &n, "parent")))
			return rc;
		if (n == 1 && s[0] == '-') {
			r->parent[u] = AIRS__NONE;
		} else {
			d->lp = s; /* parse the same token as a number */
			if ((rc = get_u64(d, &v, "parent")))
				return rc;
			if (v >= u)
				return perr(d, "parent %llu does not come before "
				               "the unit",
				            (unsigned long long)v);
			r->parent[u] = (uint32_t)v;
		}
		if ((rc = get_u64(d, &v, "target")))
			return rc;
		if (v > 5)
			return perr(d, "target %llu is outside 0..5",
			            (unsigned long long)v);
		r->target[u] = (int32_t)v;
		if ((rc = get_text(d, &r->mem, &r->uname[u], "unit name")) ||
		    (rc = line_done(d)))
			return rc;
	}
	derive_shape(r);
	if ((rc = check_ids(r, d, units_line)))
		return rc;
	for (u = 0; u < r->ns; u++)
		if ((rc = next_line(d)) || (rc = keyword(d, "skill")) ||
		    (rc = get_text(d, &r->mem, &r->sid[u], "skill id")) ||
		    (rc = line_done(d)))
			return rc;
	return AIRS_OK;
}

/* The line's keyword and unit number, for the unit blocks. */
static int block_head(rdr *d, char *kw, uint64_t *unit)
{
	const char *s;
	size_t n;
	int rc;

	if ((rc = next_line(d)) || (rc = tok(d, &s, &n, "keyword")))
		return rc;
	if (n == 3 && !memcmp(s, "end", 3)) {
		*kw = 'e';
		return line_done(d);
	}
	if (n != 1 || !strchr("acrs", s[0]))
		return perr(d, "expected \"a\", \"c\", \"r\", \"s\" or \"end\"");
	*kw = s[0];
	return get_u64(d, unit, "unit");
}

static int check_acc(rdr *d, const acc *a)
{
	uint64_t lv = 0;
	size_t i;

	for (i = 0; i < 6; i++)
		lv += a->levels[i];
	if (lv != a->headcount)
		return perr(d, "levels do not add up to the headcount");
	if (a->scored > a->headcount || a->with_target > a->headcount ||
	    a->below > a->with_target || a->resp > a->headcount ||
	    a->net_n > a->headcount || a->ts_n > a->headcount ||
	    a->net_pro + a->net_det > a->net_resp ||
	    (a->net_n == 0) != (a->net_resp == 0))
		return perr(d, "inconsistent counts");
	for (i = 0; i < NF; i++)
		if (a->flags[i] > a->headcount)
			return perr(d, "a flag count exceeds the headcount");
	return AIRS_OK;
}

static int parse_blocks(airs_rollup *r, rdr *d)
{
	size_t u = 0;
	int rc, stage = 0, last = -1; /* stage: 1 after a, 2 c, 3 r, 4 s */
	char kw = 0;
	uint64_t unit = 0, v;

	for (;;) {
		if ((rc = block_head(d, &kw, &unit)))
			return rc;
		if ((kw == 'a' || kw == 'e') && u &&
		    r->vals[u - 1].n != r->direct[u - 1].scored)
			return perr(d, "unit %zu has no \"r\" line for its %llu "
			               "scored employees",
			            u - 1,
			            (unsigned long long)r->direct[u - 1].scored);
		if (kw == 'e') {
			if (u != r->nu)
				return perr(d, "%zu of %zu units have no \"a\" "
				               "line",
				            r->nu - u, r->nu);
			return d->p == d->end ? AIRS_OK
			                      : (d->line++,
			                         perr(d, "text after \"end\""));
		}
		if (kw == 'a') {
			acc *a;
			uint64_t *f;
			size_t i;
			if (unit != u || u >= r->nu)
				return perr(d, "expected the \"a\" line of unit %zu",
				            u);
			a = &r->direct[u];
			f = (uint64_t *)(void *)a;
			for (i = 0; i < ACC_SCALARS; i++) {
				if (a_signed(i)) {
					int64_t sv;
					if ((rc = get_i64(d, &sv, "accumulator")))
						return rc;
					f[i] = (uint64_t)sv;
				} else if ((rc = get_u64(d, &f[i], "accumulator")))
					return rc;
			}
			if ((rc = line_done(d)) || (rc = check_acc(d, a)))
				return rc;
			if (a->scored > (uint64_t)(d->end - d->p) / 2)
				return perr(d, "more scored employees than the text "
				               "holds values for");
			if (a->scored && reserve(&r->mem, &r->vals[u], a->scored))
				return AIRS_ENOMEM;
			u++;
			stage = 1;
			last = -1;
			continue;
		}
		if (!stage || unit != u - 1)
			return perr(d, "line for unit %llu outside its block",
			            (unsigned long long)unit);
		if (kw == 'c') {
			uint64_t *f;
			size_t i;
			acc *a = &r->direct[u - 1];
			if ((rc = get_u64(d, &v, "construct")))
				return rc;
			if (stage > 2 || v >= NC || (stage == 2 && (int)v <= last))
				return perr(d, "construct %llu out of order or range",
				            (unsigned long long)v);
			f = (uint64_t *)(void *)&a->c[v];
			for (i = 0; i < CONS_FIELDS; i++) {
				if (c_signed(i)) {
					int64_t sv;
					if ((rc = get_i64(d, &sv, "accumulator")))
						return rc;
					f[i] = (uint64_t)sv;
				} else if ((rc = get_u64(d, &f[i], "accumulator")))
					return rc;
			}
			if ((rc = line_done(d)))
				return rc;
			if (a->c[v].n0 + a->c[v].n1 > a->headcount ||
			    a->c[v].fav + a->c[v].unf > a->c[v].items)
				return perr(d, "inconsistent counts");
			stage = 2;
			last = (int)v;
		} else if (kw == 'r') {
			i64vec *vv = &r->vals[u - 1];
			int64_t sum = 0, x;
			if (stage > 2)
				return perr(d, "\"r\" line out of order");
			while (d->lp < d->le) {
				if (vv->n == r->direct[u - 1].scored)
					return perr(d, "more readiness values than "
					               "scored employees");
				if ((rc = get_i64(d, &x, "readiness value")))
					return rc;
				if (vv->n && x < vv->v[vv->n - 1])
					return perr(d, "readiness values are not "
					               "sorted");
				vv->v[vv->n++] = x;
				sum += x;
			}
			if (vv->n != r->direct[u - 1].scored ||
			    sum != r->direct[u - 1].ready_sum)
				return perr(d, "readiness values do not match the "
				               "count or sum");
			stage = 3;
		} else {
			uint64_t n;
			int64_t sum;
			size_t cell;
			if ((rc = get_u64(d, &v, "skill")))
				return rc;
			if (v >= r->ns || (stage == 4 && (int)v <= last))
				return perr(d, "skill %llu out of order or range",
				            (unsigned long long)v);
			cell = (u - 1) * r->ns + v;
			if ((rc = get_u64(d, &n, "count")) ||
			    (rc = get_i64(d, &sum, "sum")) || (rc = line_done(d)))
				return rc;
			if (n > r->direct[u - 1].headcount)
				return perr(d, "inconsistent counts");
			r->sk_n[cell] = n;
			r->sk_sum[cell] = sum;
			stage = 4;
			last = (int)v;
		}
	}
}

int airs_rollup_read(airs_rollup **out, const char *data, size_t len,
                     const airs_allocator *alloc, airs_diag *diag)
{
	airs__mem mem;
	airs_rollup *r = NULL;
	rdr d;
	const char *s;
	size_t n, i;
	uint64_t v, nu, ns, k;
	char digest[65];
	int rc;

	if (out)
		*out = NULL;
	if (!out || (!data && len) || airs__diag_check(diag) ||
	    airs__mem_init(&mem, alloc))
		return AIRS_EINVAL;
	memset(&d, 0, sizeof d);
	d.p = data;
	d.end = data + len;
	d.diag = diag;
	if ((rc = next_line(&d)) || (rc = keyword(&d, "airs-rollup")) ||
	    (rc = get_u64(&d, &v, "format version")) || (rc = line_done(&d)))
		return rc;
	if (v != FORMAT_VERSION) {
		airs__diag_set(diag, AIRS_EMISMATCH, AIRS_SEVERITY_ERROR, NULL, 1,
		               0, "rollup format version %llu is not supported "
		               "(this library reads version %d)",
		               (unsigned long long)v, FORMAT_VERSION);
		return AIRS_EMISMATCH;
	}
	if ((rc = next_line(&d)) || (rc = keyword(&d, "digest")) ||
	    (rc = tok(&d, &s, &n, "digest")) || (rc = line_done(&d)))
		return rc;
	for (i = 0; i < n; i++)
		if (!strchr("0123456789abcdef", s[i]))
			break;
	if (n != 64 || i != n)
		return perr(&d, "the digest is not 64 lowercase hex digits");
	memcpy(digest, s, 64);
	digest[64] = '\0';
	if ((rc = next_line(&d)) || (rc = keyword(&d, "min_group")) ||
	    (rc = get_u64(&d, &k, "min_group")) || (rc = line_done(&d)))
		return rc;
	if (k < 1 || k > INT_MAX)
		return perr(&d, "min_group is out of range");
	if ((rc = next_line(&d)) || (rc = keyword(&d, "shape")) ||
	    (rc = get_u64(&d, &nu, "unit count")) ||
	    (rc = get_u64(&d, &ns, "skill count")) || (rc = line_done(&d)))
		return rc;
	/* Every unit and skill takes a line of at least 8 bytes. */
	if (nu > len / 8 || ns > len / 8 || nu >= UINT32_MAX)
		return perr(&d, "more units or skills than the text holds");
	r = alloc_rollup(&mem, (size_t)nu, (size_t)ns, 0);
	if (!r)
		return AIRS_ENOMEM;
	r->min_group = (int)k;
	memcpy(r->digest, digest, sizeof digest);
	if ((rc = parse_units(r, &d)) || (rc = parse_blocks(r, &d)) ||
	    (rc = airs__rollup_finalise(r, 1))) {
		if (rc == AIRS_ENOMEM)
			airs__diag_set(diag, rc, AIRS_SEVERITY_ERROR, NULL, 0, 0,
			               "out of memory");
		airs_rollup_free(r);
		return rc;
	}
	*out = r;
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Merging
 * ---------------------------------------------------------------------- */

static int mismatch(airs_diag *diag, const char *fmt, ...) AIRS__PRINTF(2, 3);

static int mismatch(airs_diag *diag, const char *fmt, ...)
{
	char text[AIRS_DIAG_TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	airs__diag_set(diag, AIRS_EMISMATCH, AIRS_SEVERITY_ERROR, NULL, 0, 0,
	               "%s", text);
	return AIRS_EMISMATCH;
}

static int compatible(const airs_rollup *a, const airs_rollup *b,
                      airs_diag *diag)
{
	size_t i;

	if (strcmp(a->digest, b->digest))
		return mismatch(diag, "parameter digests differ: %.12s... vs "
		                      "%.12s...",
		                a->digest, b->digest);
	if (a->min_group != b->min_group)
		return mismatch(diag, "min_group differs: %d vs %d", a->min_group,
		                b->min_group);
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

int airs_rollup_merge(airs_rollup *into, const airs_rollup *from,
                      airs_diag *diag)
{
	fin_ws f;
	size_t u, i, more, total;
	int rc;

	if (!into || !from || airs__diag_check(diag))
		return AIRS_EINVAL;
	if ((rc = compatible(into, from, diag)))
		return rc;
	/* Allocate everything first: growing capacity changes nothing a
	 * reader sees, and after this point nothing can fail. */
	total = total_values(into);
	more = total_values(from);
	if (total + more < total)
		return AIRS_ENOMEM;
	for (u = 0; u < into->nu; u++)
		if (reserve(&into->mem, &into->vals[u], from->vals[u].n))
			goto oom;
	if (fin_alloc(into, &f, total + more, 1))
		goto oom;
	for (u = 0; u < into->nu; u++) {
		size_t n = from->vals[u].n; /* before: from may be into */
		acc_add(&into->direct[u], &from->direct[u]);
		if (n)
			memcpy(into->vals[u].v + into->vals[u].n, from->vals[u].v,
			       n * sizeof *into->vals[u].v);
		into->vals[u].n += n;
	}
	for (i = 0; i < into->nu * into->ns; i++) {
		into->sk_n[i] += from->sk_n[i];
		into->sk_sum[i] += from->sk_sum[i];
	}
	finalise_with(into, &f);
	return AIRS_OK;
oom:
	airs__diag_set(diag, AIRS_ENOMEM, AIRS_SEVERITY_ERROR, NULL, 0, 0,
	               "out of memory");
	return AIRS_ENOMEM;
}

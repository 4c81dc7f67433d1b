/*
 * rollup-finalise.c - what finalising derives from a rollup's
 * accumulators: subtree totals, readiness medians, the suppression
 * decisions of the survey families (suppress.c decides each, on up to
 * FIN_LANES threads) and the units in id order.  The readers in rollup.c
 * publish from these.
 *
 * Everything finalising needs is allocated first, in a workspace
 * (fin_ws), so that merging can allocate it before it changes anything,
 * and the rest cannot fail.  The results are the same for any number of
 * threads: each family writes only its own visibility flags.
 */
#include "rollup-impl.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"
#include "sort.h"

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static void fin_free(const airs__mem *mem, fin_ws *f)
{
	size_t i;

	airs__skread_free(mem, &f->skr);
	airs__free(mem, f->skorder);
	airs__free(mem, f->sktmp);
	airs__free(mem, f->skcount);
	airs__free(mem, f->median);
	airs__free(mem, f->vis);
	airs__free(mem, f->all);
	airs__free(mem, f->off);
	airs__free(mem, f->key);
	airs__free(mem, f->mid);
	airs__free(mem, f->by_id);
	airs__free(mem, f->tmp);
	for (i = 0; i < FIN_LANES; i++)
		airs__supp_free(mem, &f->s[i]);
	memset(f, 0, sizeof *f);
}

/* What finalising a readiness re-score (split) allocates: the values
 * gathered and the medians; the rest is its source's. */
static int split_alloc(const airs_rollup *r, fin_ws *f, size_t nvals)
{
	size_t n1 = r->nu + 1;

	f->median = airs__malloc(&r->mem, n1 * sizeof *f->median);
	f->off = airs__malloc(&r->mem, n1 * sizeof *f->off);
	f->all = nvals < SIZE_MAX / sizeof *f->all
	                 ? airs__malloc(&r->mem, (nvals + 1) * sizeof *f->all)
	                 : NULL;
	f->key = f->all ? airs__malloc(&r->mem, (nvals + 1) * sizeof *f->key)
	                : NULL;
	f->mid = airs__malloc(&r->mem, n1 * sizeof *f->mid);
	if (!f->median || !f->off || !f->all || !f->key || !f->mid) {
		fin_free(&r->mem, f);
		return AIRS_ENOMEM;
	}
	return AIRS_OK;
}

/* airs__rollup_fin_alloc(), without suppression workspaces when the
 * decisions are reused. */
static int fin_alloc(const airs_rollup *r, fin_ws *f, size_t nvals,
                     size_t ncells, size_t lanes, int reuse)
{
	const airs__mem *m = &r->mem;
	size_t nu = r->nu, n1 = nu + 1, nc = ncells + 1, i;

	memset(f, 0, sizeof *f);
	if (r->rd) /* a readiness re-score: its totals and medians only */
		return split_alloc(r, f, nvals);
	/* the totals need no room: they are made in place
	 * (rollup-impl.h) */
	f->skr.start = airs__calloc(m, r->ns + 1, sizeof *f->skr.start);
	f->skr.unit = airs__calloc(m, nc, sizeof *f->skr.unit);
	f->skr.pre_n = airs__calloc(m, nc, sizeof *f->skr.pre_n);
	f->skr.pre_sum = airs__calloc(m, nc, sizeof *f->skr.pre_sum);
	f->skorder = airs__calloc(m, nc, sizeof *f->skorder);
	f->sktmp = airs__calloc(m, nc, sizeof *f->sktmp);
	f->skcount = airs__calloc(m, (nu > r->ns ? nu : r->ns) + 1,
	                          sizeof *f->skcount);
	f->median = airs__calloc(m, n1, sizeof *f->median);
	f->vis = airs__calloc(m, FAM_COUNT * 3 * n1, 1);
	f->all = nvals < SIZE_MAX / sizeof *f->all
	                 ? airs__malloc(m, (nvals + 1) * sizeof *f->all) : NULL;
	f->off = airs__calloc(m, n1, sizeof *f->off);
	f->key = f->all ? airs__malloc(m, (nvals + 1) * sizeof *f->key) : NULL;
	f->mid = airs__malloc(m, n1 * sizeof *f->mid);
	f->by_id = airs__calloc(m, n1, sizeof *f->by_id);
	f->tmp = airs__calloc(m, n1, sizeof *f->tmp);
	if (!f->skr.start || !f->skr.unit || !f->skr.pre_n ||
	    !f->skr.pre_sum || !f->skorder || !f->sktmp || !f->skcount ||
	    !f->median ||
	    !f->vis || !f->all || !f->off || !f->key || !f->mid || !f->by_id ||
	    !f->tmp) {
		fin_free(m, f);
		return AIRS_ENOMEM;
	}
	f->lanes = lanes < 1 ? 1 : lanes > FIN_LANES ? FIN_LANES : lanes;
	if (r->nested || reuse) /* its decisions are the joint
	                           suppression's, or reused */
		f->lanes = 0;
	for (i = 0; i < f->lanes; i++)
		if (airs__supp_alloc(r, &f->s[i])) {
			fin_free(m, f);
			return AIRS_ENOMEM;
		}
	return AIRS_OK;
}

int airs__rollup_fin_alloc(const airs_rollup *r, fin_ws *f, size_t nvals,
                           size_t ncells, size_t lanes)
{
	return fin_alloc(r, f, nvals, ncells, lanes, 0);
}

/* v ascending: insertion for the few values most units and manager
 * groups have of their own, qsort() beyond. */
static void sort_i64(int64_t *v, size_t n)
{
	size_t i, j;

	if (n > 24) {
		qsort(v, n, sizeof *v, cmp_i64);
		return;
	}
	for (i = 1; i < n; i++) {
		int64_t x = v[i];
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

void airs__rollup_sort_values(airs_rollup *r)
{
	size_t u;

	for (u = 0; u < r->nu && !r->sorted; u++)
		sort_i64(r->vals[u].v, r->vals[u].n);
	r->sorted = 1;
}

/* The median of v, sorted already with `sorted`. */
static double median(int64_t *v, size_t n, int sorted)
{
	int64_t below;
	size_t i;

	if (!n)
		return NAN;
	if (sorted)
		return n % 2 ? (double)v[n / 2] / AIRS__Q
		             : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2.0 /
		                       AIRS__Q;
	airs__select_kth(v, n, n / 2);
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

/* The families are independent - each writes its own part of vis from
 * the same totals - so lanes take them in turn from a shared counter;
 * which lane does which changes nothing.  So are a manager rollup's
 * (f->joint), decided against the units' final decisions. */
struct fam_job {
	const airs_rollup *r;
	airs_rollup *w; /* r, for derive_rest(), which sorts its values */
	fin_ws *f;
	atomic_size_t *next;
};

/* The families suppressed on their own: the constructs and the survey
 * respondents.  The net score sums the recommend construct's answers
 * and time saved the time_saved construct's, over the same respondents,
 * so they are published with those constructs' decisions: two families
 * deciding apart could each hide what the other shows. */
static int own_family(size_t fam)
{
	return fam != FAM_NET && fam != FAM_TIME;
}

static void fam_run(void *ctx, size_t lane)
{
	const struct fam_job *j = ctx;
	size_t fam, n1 = j->r->nu + 1;

	while ((fam = atomic_fetch_add(j->next, 1)) < FAM_COUNT) {
		unsigned char *vis = j->f->vis + fam * 3 * n1;
		if (!own_family(fam))
			continue;
		if (j->f->joint)
			airs__joint_family(j->f->units, j->r, j->f->joint, lane,
			                   (int)fam, vis);
		else if (j->r->suppress)
			j->r->suppress(j->r, (int)fam, vis);
		else
			airs__suppress(j->r, &j->f->s[lane], (int)fam, vis);
	}
}

static void derive_rest(void *ctx);

/* The families' decisions on f->lanes lanes (a manager rollup's: the
 * joint suppression's lanes, after its cells), the calling thread
 * deriving `rest` (derive_rest()) first. */
static void suppress_all(const airs_rollup *r, fin_ws *f,
                         struct fam_job *rest)
{
	struct fam_job job;
	atomic_size_t next;
	size_t n3 = 3 * (r->nu + 1);
	size_t lanes = f->joint ? f->joint->lanes : f->lanes;

	atomic_init(&next, 0);
	job.r = r;
	job.w = NULL;
	job.f = f;
	job.next = &next;
	/* a lane whose thread could not start finds the families taken by
	 * the others: the same result */
	if (f->joint)
		airs__joint_cells(f->units, r, f->joint);
	airs__parallel_for_first(lanes, lanes, fam_run, &job, derive_rest,
	                         rest);
	memcpy(f->vis + (size_t)FAM_NET * n3,
	       f->vis + (size_t)AIRS_CONSTRUCT_RECOMMEND * n3, n3);
	memcpy(f->vis + (size_t)FAM_TIME * n3,
	       f->vis + (size_t)AIRS_CONSTRUCT_TIME_SAVED * n3, n3);
}

/* Subtree totals into tot, which holds each unit's own members (the
 * organisation, tot[nu], none): children come after their parent in
 * tree order, so one backward pass adds each unit into its parent. */
static void subtree_totals(const airs_rollup *r, acc *tot)
{
	size_t nu = r->nu, u;

	for (u = nu; u-- > 0;) {
		size_t to = r->parent[u] == AIRS__NONE ? nu : r->parent[u];
		acc_add(&tot[to], &tot[u]);
	}
}

/* The readiness members' subtree totals of a readiness re-score r of
 * the finalised `from` (split: its other members' totals are from's),
 * into r->rt: from's own there, each unit's again, summed up the tree.
 * A nested rollup sums in place (rt == rd): its rd holds from's totals
 * with the readiness emptied and the direct-reports nodes' (leaves)
 * added again (rollup-rescore.c).  A seventh of the work of every
 * member. */
static void readiness_totals(const airs_rollup *r, const airs_rollup *from)
{
	size_t nu = r->nu, u;
	int barrier = !r->keep_barrier;
	racc *rt = r->rt;

	if (!r->nested) {
		for (u = 0; u <= nu; u++) {
			racc_empty(&rt[u], barrier ? NULL
			                   : from->rt ? from->rt[u].barrier
			                              : from->tot[u].barrier);
			if (u < nu)
				racc_add(&rt[u], &r->rd[u], barrier);
		}
	}
	for (u = nu; u-- > 0;) {
		size_t to = r->parent[u] == AIRS__NONE ? nu : r->parent[u];
		racc_add(&rt[to], &rt[u], barrier);
	}
}

/* r's subtree totals in its direct array (rollup-impl.h), an earlier
 * finalisation's taken back to the own members first. */
static void totals_in_place(airs_rollup *r)
{
	airs__rollup_untotal(r);
	subtree_totals(r, r->direct);
	r->tot = r->direct;
}

/* Each unit's own values sorted and every subtree's median into
 * f->median: by one radix sort of them all (rollup-medians.c), or, for a
 * rollup too large for its keys, gathered in tree order into f->all (a
 * subtree is a contiguous slice) and selected. */
static void medians(airs_rollup *r, fin_ws *f)
{
	size_t nu = r->nu, u, s, pos = 0;

	if (!airs__rollup_medians(r, f))
		return;
	/* Keep each unit's own values sorted: the text form is canonical,
	 * and sorted values merge in linear time.  Sorted before they are
	 * gathered, a unit without children has its median in place. */
	airs__rollup_sort_values(r);
	for (u = 0; u < nu; u++) {
		f->off[u] = pos;
		if (r->vals[u].n)
			memcpy(f->all + pos, r->vals[u].v,
			       r->vals[u].n * sizeof *f->all);
		pos += r->vals[u].n;
	}
	f->off[nu] = pos;
	/* Medians selected in place, deepest units first and the
	 * organisation last: a selection permutes only its unit's subtree
	 * slice, whose descendants are done and within which every
	 * ancestor's multiset stays the same. */
	for (s = 0; s <= nu; s++) {
		size_t lo, hi;
		u = s < nu ? nu - 1 - s : nu;
		lo = u == nu ? 0 : f->off[u];
		hi = u == nu ? pos : f->off[r->end[u]];
		f->median[u] = median(f->all + lo, hi - lo,
		                      u < nu && r->end[u] == u + 1);
	}
}

/* What finalising derives beside the suppression, which reads none of
 * it (and it none of the suppression's): the skill cells' reading
 * index, the values sorted and gathered, the medians, the units by id.
 * Run on the calling thread while the lanes suppress (suppress_all()). */
static void derive_rest(void *ctx)
{
	const struct fam_job *j = ctx;
	airs_rollup *r = j->w;
	fin_ws *f = j->f;
	size_t nu = r->nu, u;

	/* The skill heatmap is read by subtree from its cells. */
	airs__skills_index(r, &f->skr, f->skorder, f->sktmp,
	                   f->skcount);
	medians(r, f);
	/* Units by id, for finding them without a scan. */
	for (u = 0; u < nu; u++)
		f->by_id[u] = f->reuse ? f->reuse->by_id[u] : (uint32_t)u;
	if (!f->reuse)
		airs__rollup_sort_ids(f->by_id, f->tmp, nu,
		                      (const char *const *)r->uid);
}

#define SWAP(field)                          \
	do {                                 \
		void *t_ = (void *)r->field; \
		r->field = f->field;         \
		f->field = t_;               \
	} while (0)

void airs__rollup_finalise_with(airs_rollup *r, fin_ws *f)
{
	struct fam_job rest = { r, r, f, NULL };
	size_t nu = r->nu;

	if (r->rd) {
		/* a readiness re-score: the rest is its source's (shared) */
		readiness_totals(r, f->reuse);
		medians(r, f);
		SWAP(median);
		fin_free(&r->mem, f);
		r->finalised = 1;
		r->keep_barrier = 0;
		return;
	}
	totals_in_place(r);
	/* Suppression needs the totals; the rest is derived beside it. */
	if (f->reuse) {
		memcpy(f->vis, f->reuse->vis, FAM_COUNT * 3 * (nu + 1));
		derive_rest(&rest);
	} else if (!r->nested || f->joint) {
		/* units, or manager groups suppressed jointly on lanes */
		suppress_all(r, f, &rest);
	} else {
		derive_rest(&rest);
	}
	/* Install the results; the old ones go with the workspace. */
	SWAP(skr.start);
	SWAP(skr.unit);
	SWAP(skr.pre_n);
	SWAP(skr.pre_sum);
	SWAP(median);
	SWAP(vis);
	SWAP(by_id);
	fin_free(&r->mem, f);
	r->finalised = 1;
	r->keep_barrier = 0;
}
#undef SWAP

/* What a shared rollup holds of its shape's (rshape) left there before
 * finalising changes it - a result's rollup finalised again, as
 * tests/bench/airs-time does: the totals, reading index, decisions and
 * id order are made anew (the shape keeps the old ones for the
 * re-scores that read them), and the accumulators, totalled in place,
 * are copied first.  AIRS_ENOMEM leaves r as it was. */
static int unshare(airs_rollup *r)
{
	const rshape *s = r->shape;
	acc *copy;

	if (!s)
		return AIRS_OK;
	if (r->direct == s->direct) {
		copy = airs__malloc(&r->mem, (r->nu + 1) * sizeof *copy);
		if (!copy)
			return AIRS_ENOMEM;
		memcpy(copy, r->direct, (r->nu + 1) * sizeof *copy);
		r->direct = r->tot = copy;
	}
	if (r->skr.start == s->skr.start)
		memset(&r->skr, 0, sizeof r->skr);
	if (r->vis == s->vis)
		r->vis = NULL;
	if (r->by_id == s->by_id)
		r->by_id = NULL;
	return AIRS_OK;
}

/* The skill cells' hash index serves adding only, and finalising reads
 * the cells in order: at 1M employees its 17 MB for the units and 17 MB
 * for the manager nodes go before the workspaces come, at the peak of
 * scoring.  An add after this indexes the cells again
 * (airs__skcells_reserve()).  A shared shape's (r NULL: nothing) are
 * left alone: they are read only. */
static void drop_cell_index(airs_rollup *r)
{
	if (r && !r->shape)
		airs__hashidx_free(&r->sk.idx, &r->mem);
}

int airs__rollup_finalise(airs_rollup *r, size_t threads)
{
	fin_ws f, fm;
	joint_ws j;
	airs_rollup *g;

	if (!r || r->rd || (r->mgr && r->mgr->rd))
		return AIRS_EINVAL; /* a re-score's: finalise_reusing() */
	g = r->mgr;
	drop_cell_index(r);
	drop_cell_index(g);
	if (airs__rollup_fin_alloc(r, &f, airs__rollup_total_values(r), r->sk.n,
	                           threads))
		return AIRS_ENOMEM;
	if (unshare(r)) {
		fin_free(&r->mem, &f);
		return AIRS_ENOMEM;
	}
	airs__rollup_finalise_with(r, &f);
	if (!g)
		return AIRS_OK;
	/* The manager groups' workspaces only now, with the units' freed:
	 * the peak of a scoring run.  Out of memory here leaves r to be
	 * finalised again (only scoring's rollups have manager groups, and
	 * scoring frees a rollup that failed). */
	if (airs__rollup_fin_alloc(g, &fm, airs__rollup_total_values(g),
	                           g->sk.n, 1)) {
		r->finalised = 0;
		return AIRS_ENOMEM;
	}
	if (airs__joint_alloc(r, &j, threads)) {
		fin_free(&r->mem, &fm);
		r->finalised = 0;
		return AIRS_ENOMEM;
	}
	if (unshare(g)) {
		airs__joint_free(&r->mem, &j);
		fin_free(&r->mem, &fm);
		r->finalised = 0;
		return AIRS_ENOMEM;
	}
	/* the manager groups' decisions are made against the units' final
	 * ones, on lanes beside the rest of g's finalising */
	fm.joint = &j;
	fm.units = r;
	airs__rollup_finalise_with(g, &fm);
	airs__joint_free(&r->mem, &j);
	return AIRS_OK;
}

/* The unit and manager rollups of a re-score finalise apart: each
 * reads its own source and writes its own. */
struct fin_job {
	airs_rollup *r;
	fin_ws *f;
};

static void fin_run(void *ctx, size_t i)
{
	struct fin_job *j = (struct fin_job *)ctx + i;

	airs__rollup_finalise_with(j->r, j->f);
}

int airs__rollup_finalise_rescore(airs_rollup *r, const airs_rollup *prev,
                                  int same_cells, size_t threads)
{
	fin_ws f, fm;
	airs_rollup *g = r->mgr;
	struct fin_job jobs[2];

	if (r->nu != prev->nu || !prev->finalised || !g != !prev->mgr ||
	    (r->rd && (!same_cells || r->shape != prev->shape)) ||
	    r->sk.n != prev->sk.n ||
	    (g && (g->nu != prev->mgr->nu || g->sk.n != prev->mgr->sk.n)))
		return AIRS_EINVAL;
	if (fin_alloc(r, &f, airs__rollup_total_values(r), r->sk.n, 0, 1))
		return AIRS_ENOMEM;
	if (g && fin_alloc(g, &fm, airs__rollup_total_values(g),
	                     g->sk.n, 0, 1)) {
		fin_free(&r->mem, &f);
		return AIRS_ENOMEM;
	}
	f.reuse = prev;
	jobs[0].r = r;
	jobs[0].f = &f;
	if (g) {
		fm.reuse = prev->mgr;
		jobs[1].r = g;
		jobs[1].f = &fm;
	}
	airs__parallel_for(g ? 2 : 1, threads, fin_run, jobs);
	return AIRS_OK;
}

int airs__rollup_finalise_reusing(airs_rollup *r, const airs_rollup *prev,
                                  int same_cells)
{
	return airs__rollup_finalise_rescore(r, prev, same_cells, 1);
}

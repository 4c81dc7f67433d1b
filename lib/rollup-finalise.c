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

	airs__free(mem, f->tot);
	airs__free(mem, f->skr.start);
	airs__free(mem, f->skr.unit);
	airs__free(mem, f->skr.pre_n);
	airs__free(mem, f->skr.pre_sum);
	airs__free(mem, f->skorder);
	airs__free(mem, f->sktmp);
	airs__free(mem, f->median);
	airs__free(mem, f->vis);
	airs__free(mem, f->all);
	airs__free(mem, f->off);
	airs__free(mem, f->by_id);
	airs__free(mem, f->tmp);
	for (i = 0; i < FIN_LANES; i++)
		airs__supp_free(mem, &f->s[i]);
	memset(f, 0, sizeof *f);
}

/* airs__rollup_fin_alloc(), without suppression workspaces when the
 * decisions are reused. */
static int fin_alloc(const airs_rollup *r, fin_ws *f, size_t nvals,
                     size_t ncells, size_t lanes, int reuse)
{
	const airs__mem *m = &r->mem;
	size_t nu = r->nu, n1 = nu + 1, nc = ncells + 1, i;

	memset(f, 0, sizeof *f);
	/* tot is written whole before it is read; a nested rollup totals
	 * in place (rollup-impl.h) */
	f->tot = r->nested ? NULL
	         : n1 <= SIZE_MAX / sizeof *f->tot
	                 ? airs__malloc(m, n1 * sizeof *f->tot) : NULL;
	f->skr.start = airs__calloc(m, r->ns + 1, sizeof *f->skr.start);
	f->skr.unit = airs__calloc(m, nc, sizeof *f->skr.unit);
	f->skr.pre_n = airs__calloc(m, nc, sizeof *f->skr.pre_n);
	f->skr.pre_sum = airs__calloc(m, nc, sizeof *f->skr.pre_sum);
	f->skorder = airs__calloc(m, nc, sizeof *f->skorder);
	f->sktmp = airs__calloc(m, nc, sizeof *f->sktmp);
	f->median = airs__calloc(m, n1, sizeof *f->median);
	f->vis = airs__calloc(m, FAM_COUNT * 3 * n1, 1);
	f->all = nvals < SIZE_MAX / sizeof *f->all
	                 ? airs__malloc(m, (nvals + 1) * sizeof *f->all) : NULL;
	f->off = airs__calloc(m, n1, sizeof *f->off);
	f->by_id = airs__calloc(m, n1, sizeof *f->by_id);
	f->tmp = airs__calloc(m, n1, sizeof *f->tmp);
	if ((!f->tot && !r->nested) || !f->skr.start || !f->skr.unit || !f->skr.pre_n ||
	    !f->skr.pre_sum || !f->skorder || !f->sktmp || !f->median ||
	    !f->vis || !f->all || !f->off || !f->by_id || !f->tmp) {
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
 * which lane does which changes nothing. */
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
		if (j->r->suppress)
			j->r->suppress(j->r, (int)fam, vis);
		else
			airs__suppress(j->r, &j->f->s[lane], (int)fam, vis);
	}
}

static void derive_rest(void *ctx);

/* The families' decisions on f->lanes lanes, the calling thread
 * deriving `rest` (derive_rest()) first. */
static void suppress_all(const airs_rollup *r, fin_ws *f,
                         struct fam_job *rest)
{
	struct fam_job job;
	atomic_size_t next;
	size_t n3 = 3 * (r->nu + 1);

	atomic_init(&next, 0);
	job.r = r;
	job.w = NULL;
	job.f = f;
	job.next = &next;
	/* a lane whose thread could not start finds the families taken by
	 * the others: the same result */
	airs__parallel_for_first(f->lanes, f->lanes, fam_run, &job,
	                         derive_rest, rest);
	memcpy(f->vis + (size_t)FAM_NET * n3,
	       f->vis + (size_t)AIRS_CONSTRUCT_RECOMMEND * n3, n3);
	memcpy(f->vis + (size_t)FAM_TIME * n3,
	       f->vis + (size_t)AIRS_CONSTRUCT_TIME_SAVED * n3, n3);
}

/* The reading index of f->reuse's skill cells, which r's are. */
static void reuse_skills(const airs_rollup *r, fin_ws *f)
{
	const skread *from = &f->reuse->skr;
	size_t n = r->sk.n;

	memcpy(f->skr.start, from->start, (r->ns + 1) * sizeof *from->start);
	memcpy(f->skr.unit, from->unit, n * sizeof *from->unit);
	memcpy(f->skr.pre_n, from->pre_n, (n + 1) * sizeof *from->pre_n);
	memcpy(f->skr.pre_sum, from->pre_sum, (n + 1) * sizeof *from->pre_sum);
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

/* The same, when r's accumulators are those of the finalised `from` but
 * for the readiness members (a readiness re-score): from's totals, with
 * only those members summed again - a seventh of the work. */
static void readiness_totals(const airs_rollup *r, const airs_rollup *from,
                             acc *tot)
{
	size_t nu = r->nu, u;
	int barrier = !r->keep_barrier;

	memcpy(tot, from->tot, (nu + 1) * sizeof *tot);
	acc_clear_readiness(&tot[nu], barrier);
	for (u = 0; u < nu; u++) {
		acc_clear_readiness(&tot[u], barrier);
		acc_add_readiness(&tot[u], &r->direct[u], barrier);
	}
	for (u = nu; u-- > 0;) {
		size_t to = r->parent[u] == AIRS__NONE ? nu : r->parent[u];
		acc_add_readiness(&tot[to], &tot[u], barrier);
	}
}

/* A nested re-score's totals in place: its direct holds the earlier
 * totals with the readiness members emptied and its direct-reports
 * nodes' (leaves) added again (rollup-rescore.c), so only those members
 * are summed up the line. */
static void nested_readiness_totals(airs_rollup *r)
{
	size_t nu = r->nu, u;
	int barrier = !r->keep_barrier;

	for (u = nu; u-- > 0;) {
		size_t to = r->parent[u] == AIRS__NONE ? nu : r->parent[u];
		acc_add_readiness(&r->direct[to], &r->direct[u], barrier);
	}
	r->tot = r->direct;
}

/* A nested rollup's totals, in its direct array (rollup-impl.h): a
 * line node's total, if an earlier finalisation left one, goes back to
 * its own members (none) first. */
static void nested_totals(airs_rollup *r)
{
	size_t u;

	if (r->tot == r->direct)
		for (u = 0; u <= r->nu; u++)
			if (u == r->nu || !(u & 1))
				memset(&r->direct[u], 0, sizeof r->direct[u]);
	subtree_totals(r, r->direct);
	r->tot = r->direct;
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
	size_t nu = r->nu, u, s, pos = 0;

	/* The skill heatmap is read by subtree from its cells (a re-score's
	 * are its source's). */
	if (f->reuse_cells)
		reuse_skills(r, f);
	else
		airs__skills_index(r, &f->skr, f->skorder, f->sktmp);
	/* Keep each unit's own values sorted: the text form is canonical,
	 * and sorted values merge in linear time.  Sorted before they are
	 * gathered, a unit without children has its median in place. */
	airs__rollup_sort_values(r);
	/* Readiness values in tree order: a subtree is a contiguous slice. */
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
	/* Units by id, for finding them without a scan. */
	for (u = 0; u < nu; u++)
		f->by_id[u] = f->reuse ? f->reuse->by_id[u] : (uint32_t)u;
	if (!f->reuse)
		airs__rollup_sort_ids(f->by_id, f->tmp, nu,
		                      (const char *const *)r->uid);
}

void airs__rollup_finalise_with(airs_rollup *r, fin_ws *f)
{
	struct fam_job rest = { r, r, f, NULL };
	size_t nu = r->nu;

	if (r->nested && f->reuse_cells) {
		nested_readiness_totals(r);
	} else if (r->nested) {
		nested_totals(r);
	} else if (f->reuse_cells) {
		readiness_totals(r, f->reuse, f->tot);
	} else {
		memcpy(f->tot, r->direct, nu * sizeof *f->tot);
		memset(&f->tot[nu], 0, sizeof *f->tot);
		subtree_totals(r, f->tot);
	}
	/* Suppression needs the totals; tot is read through r during it,
	 * and the rest is derived beside it. */
	if (f->reuse) {
		memcpy(f->vis, f->reuse->vis, FAM_COUNT * 3 * (nu + 1));
		derive_rest(&rest);
	} else if (!r->nested) {
		acc *saved = r->tot;
		r->tot = f->tot;
		suppress_all(r, f, &rest);
		r->tot = saved;
	} else {
		derive_rest(&rest);
	}
	/* Install the results; the old ones go with the workspace. */
#define SWAP(field)                          \
	do {                                 \
		void *t_ = (void *)r->field; \
		r->field = f->field;         \
		f->field = t_;               \
	} while (0)
	if (!r->nested)
		SWAP(tot);
	SWAP(skr.start);
	SWAP(skr.unit);
	SWAP(skr.pre_n);
	SWAP(skr.pre_sum);
	SWAP(median);
	SWAP(vis);
	SWAP(by_id);
#undef SWAP
	fin_free(&r->mem, f);
	r->finalised = 1;
	r->keep_barrier = 0;
}

int airs__rollup_finalise(airs_rollup *r, size_t threads)
{
	fin_ws f, fm;
	joint_ws j;
	airs_rollup *g;

	if (!r)
		return AIRS_EINVAL;
	g = r->mgr;
	if (airs__rollup_fin_alloc(r, &f, airs__rollup_total_values(r), r->sk.n,
	                           threads))
		return AIRS_ENOMEM;
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
	if (airs__joint_alloc(r, &j)) {
		fin_free(&r->mem, &fm);
		r->finalised = 0;
		return AIRS_ENOMEM;
	}
	/* the manager groups' decisions are made against the units' final
	 * ones */
	airs__rollup_finalise_with(g, &fm);
	airs__joint_suppress(r, g, &j, g->vis);
	airs__joint_free(&r->mem, &j);
	return AIRS_OK;
}

int airs__rollup_finalise_reusing(airs_rollup *r, const airs_rollup *prev,
                                  int same_cells)
{
	fin_ws f, fm;
	airs_rollup *g = r->mgr;

	if (r->nu != prev->nu || !prev->finalised || !g != !prev->mgr ||
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
	f.reuse_cells = same_cells;
	airs__rollup_finalise_with(r, &f);
	if (g) {
		fm.reuse = prev->mgr;
		fm.reuse_cells = same_cells;
		airs__rollup_finalise_with(g, &fm);
	}
	return AIRS_OK;
}

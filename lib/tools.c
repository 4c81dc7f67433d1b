/*
 * tools.c - the tools table of a result (airs/tools.h; methodology 9):
 * made in one pass over the employees, summed and decided per kind of
 * row, then its signals; and its readers.
 *
 * Order independence: employees are read by id, each one's rows and
 * answers in content order (tool-use.c); entries are sorted by kind,
 * unit position and role, and every sum is of whole numbers, so a
 * permuted input gives the same table bit for bit.  The kinds of row
 * are summed and decided on the `threads` parameter's threads, each kind
 * by one of them into its own rows, so any number gives the same table.
 */
#include "tool-impl.h"

#include <math.h>
#include <string.h>

#include "abi.h"
#include "error.h"
#include "parallel.h"
#include "quantum.h"
#include "score.h"
#include "stats.h"
#include "sumsq.h"

/* What making the table needs beyond the table. */
struct build {
	airs__tool_ctx c;
	airs__tool_entries e;    /* sorted by kind, position, role */
	uint32_t *pos, *role;    /* per entry */
	size_t *xstart;          /* kind x's entries: xstart[x] .. [x + 1] */
	uint32_t *tmp;           /* 3 * entries, for their order */
};

/* What summing and deciding one kind of row needs, one per thread, sized
 * for the kind with the most entries (nmax). */
struct kind_ws {
	uint32_t *tmp;           /* 3 * nmax */
	int64_t *vals;           /* nmax */
	airs__tool_cell *cu, *cr;
	airs__tool_fig *fig;     /* one kind's, per group */
	uint64_t *people;        /* per group */
	unsigned char *vis;      /* per group */
	airs__tool_supp *supp;
};

void airs_tools_free(airs_tools *t)
{
	airs__mem mem;

	if (!t)
		return;
	mem = t->mem;
	airs__tool_tree_free(&t->tree, &mem);
	airs__free(&mem, t->xrow);
	airs__free(&mem, t->rowx);
	airs__free(&mem, t->headcount);
	airs__free(&mem, t->fig);
	airs__free(&mem, t->vis);
	airs__free(&mem, t->signals);
	airs__model_release((airs_model *)(uintptr_t)t->m);
	airs__free(&mem, t);
}

static void build_free(struct build *b, const airs__mem *mem)
{
	airs__tool_ctx_free(&b->c, mem);
	airs__free(mem, b->e.v);
	airs__free(mem, b->pos);
	airs__free(mem, b->role);
	airs__free(mem, b->xstart);
	airs__free(mem, b->tmp);
}

/* Rows per group: all tools, the unsanctioned set with a registry, then
 * the tools by id. */
static int layout(airs_tools *t)
{
	const uint32_t *order = t->m->sorted[AIRS__S_TOOL].order;
	size_t i, nt = t->ntools;

	t->xrow = airs__malloc(&t->mem, t->nx * sizeof *t->xrow);
	t->rowx = airs__malloc(&t->mem, t->nx * sizeof *t->rowx);
	t->headcount = airs__calloc(&t->mem, t->ng, sizeof *t->headcount);
	t->fig = airs__calloc(&t->mem, t->ng * t->nx, sizeof *t->fig);
	t->vis = airs__calloc(&t->mem, t->ng * t->nx * 2, 1);
	t->signals = airs__calloc(&t->mem, t->ng * t->nx, 1);
	if (!t->xrow || !t->rowx || !t->headcount || !t->fig || !t->vis ||
	    !t->signals)
		return AIRS_ENOMEM;
	for (i = 0; i < t->nx; i++)
		t->xrow[i] = AIRS__NONE;
	t->kinds = 0;
	t->rowx[t->kinds++] = AIRS__TOOL_X_ALL(nt);
	if (t->registry)
		t->rowx[t->kinds++] = AIRS__TOOL_X_UNS(nt);
	for (i = 0; i < nt; i++)
		t->rowx[t->kinds++] = order[i];
	for (i = 0; i < t->kinds; i++)
		t->xrow[t->rowx[i]] = (uint32_t)i;
	return AIRS_OK;
}

/* Employees per group. */
static void headcounts(airs_tools *t)
{
	const airs_model *m = t->m;
	const airs__tool_tree *tr = &t->tree;
	size_t e, u;

	for (e = 0; e < m->emps.n; e++) {
		t->headcount[tr->pos_of[m->emps.v[e].unit]]++;
		t->headcount[tr->nu + 1 + tr->role_of[m->emps.v[e].role]]++;
	}
	t->headcount[tr->nu] = m->emps.n;
	for (u = tr->nu; u-- > 0;)
		if (tr->parent[u] != AIRS__NONE)
			t->headcount[tr->parent[u]] += t->headcount[u];
}

/* Stable counting sort of the n entry numbers in src by key[] (each
 * below nk) into dst; count holds nk + 1 numbers. */
static void by_key(const uint32_t *src, uint32_t *dst, size_t n,
                   const uint32_t *key, size_t nk, size_t *count)
{
	size_t i;

	memset(count, 0, (nk + 1) * sizeof *count);
	for (i = 0; i < n; i++)
		count[key[src[i]] + 1]++;
	for (i = 0; i < nk; i++)
		count[i + 1] += count[i];
	for (i = 0; i < n; i++)
		dst[count[key[src[i]]]++] = src[i];
}

/* The entries' order by kind, then position, then role, ties in the
 * order they were made (by employee id): stable sorts by role, by
 * position, then by kind, each a counting sort of small numbers.  idx,
 * scr and kx are n numbers each of tmp; the order ends in scr. */
static int order_entries(airs_tools *t, struct build *b, size_t n)
{
	const airs_model *m = t->m;
	const airs__tool_tree *tr = &t->tree;
	uint32_t *idx = b->tmp, *scr = b->tmp + n, *kx = b->tmp + 2 * n;
	size_t k, nk = t->nx, *count;

	if (tr->nu > nk)
		nk = tr->nu;
	if (tr->nr > nk)
		nk = tr->nr;
	if (!(count = airs__malloc(&t->mem, (nk + 1) * sizeof *count)))
		return AIRS_ENOMEM;
	for (k = 0; k < n; k++) {
		const airs__employee *em = &m->emps.v[b->e.v[k].emp];
		idx[k] = (uint32_t)k;
		kx[k] = b->e.v[k].x;
		b->pos[k] = tr->pos_of[em->unit];
		b->role[k] = tr->role_of[em->role];
	}
	by_key(idx, scr, n, b->role, tr->nr, count);
	by_key(scr, idx, n, b->pos, tr->nu, count);
	by_key(idx, scr, n, kx, t->nx, count);
	airs__free(&t->mem, count);
	return AIRS_OK;
}

/* The employees by id in contiguous runs, one per thread, each run's
 * entries into a list of its own. */
struct people_job {
	airs_tools *t;
	const struct build *b;
	airs__tool_entries *run;
	int *rc;
	size_t nrun;
};

static void people_run(void *ctx, size_t i)
{
	const struct people_job *j = ctx;
	const airs_model *m = j->t->m;
	size_t k = m->emps.n * i / j->nrun, end = m->emps.n * (i + 1) / j->nrun;
	airs__tool_scratch *s = airs__tool_scratch_new(&j->b->c, &j->t->mem);
	int rc = s ? AIRS_OK : AIRS_ENOMEM;

	for (; !rc && k < end; k++)
		rc = airs__tool_person(&j->b->c, s, &j->t->mem,
		                       m->sorted[AIRS__S_EMP].order[k], &j->run[i]);
	airs__tool_scratch_free(s, &j->t->mem);
	j->rc[i] = rc;
}

/* Every employee's entries into b->e, by id: the runs' lists appended in
 * order are the list of one pass by id, for any number of threads. */
static int people(airs_tools *t, struct build *b)
{
	size_t nrun = airs__thread_count(t->pv.threads, t->m->emps.n), i, n;
	airs__tool_entries *run = airs__calloc(&t->mem, nrun, sizeof *run);
	int *rcs = airs__calloc(&t->mem, nrun, sizeof *rcs);
	struct people_job j = { t, b, run, rcs, nrun };
	int rc = run && rcs ? AIRS_OK : AIRS_ENOMEM;

	if (!rc)
		airs__parallel_for(nrun, nrun, people_run, &j);
	for (i = 0, n = 0; !rc && i < nrun; i++) {
		rc = rcs[i];
		n += run[i].n;
	}
	if (!rc) { /* run 0's list becomes b->e, the others follow it */
		b->e = run[0];
		run[0].v = NULL;
		rc = airs__grow(&t->mem, &b->e.v, &b->e.cap, n, sizeof *b->e.v);
	}
	for (i = 1; !rc && i < nrun; i++) {
		if (run[i].n)
			memcpy(b->e.v + b->e.n, run[i].v, run[i].n * sizeof *run[i].v);
		b->e.n += run[i].n;
	}
	for (i = 0; run && i < nrun; i++)
		airs__free(&t->mem, run[i].v);
	airs__free(&t->mem, run);
	airs__free(&t->mem, rcs);
	return rc;
}

/* Every employee's entries (by id), sorted by kind, position, role. */
static int entries(airs_tools *t, struct build *b)
{
	const airs_model *m = t->m;
	const airs__tool_tree *tr = &t->tree;
	airs__tool_entry *sorted;
	uint32_t *idx;
	size_t k, n;
	int rc = people(t, b);

	if (rc)
		return rc;
	n = b->e.n;
	sorted = airs__malloc(&t->mem, (n + 1) * sizeof *sorted);
	b->tmp = airs__malloc(&t->mem, (3 * n + 1) * sizeof *b->tmp);
	b->pos = airs__malloc(&t->mem, (n + 1) * sizeof *b->pos);
	b->role = airs__malloc(&t->mem, (n + 1) * sizeof *b->role);
	b->xstart = airs__calloc(&t->mem, t->nx + 1, sizeof *b->xstart);
	if (!sorted || !b->tmp || !b->pos || !b->role ||
	    !b->xstart) {
		airs__free(&t->mem, sorted);
		return AIRS_ENOMEM;
	}
	if (order_entries(t, b, n)) {
		airs__free(&t->mem, sorted);
		return AIRS_ENOMEM;
	}
	idx = b->tmp + n;
	for (k = 0; k < n; k++) {
		const airs__employee *em;
		sorted[k] = b->e.v[idx[k]];
		em = &m->emps.v[sorted[k].emp];
		b->pos[k] = tr->pos_of[em->unit];
		b->role[k] = tr->role_of[em->role];
		b->xstart[sorted[k].x + 1]++;
	}
	for (k = 0; k < t->nx; k++)
		b->xstart[k + 1] += b->xstart[k];
	airs__free(&t->mem, b->e.v);
	b->e.v = sorted;
	b->e.cap = n + 1;
	airs__free(&t->mem, b->tmp); /* the kinds have workspaces of their own */
	b->tmp = NULL;
	return AIRS_OK;
}

/* One family's decision into the table's flags f of kind x. */
static void decide(airs_tools *t, struct kind_ws *w, uint32_t x, int f,
                   const airs__tool_cell *c, size_t nc)
{
	size_t g;

	for (g = 0; g < t->ng; g++)
		w->people[g] = f ? w->fig[g].bn : w->fig[g].users;
	airs__tool_suppress(&t->tree, w->supp, c, nc, w->people,
	                    (uint64_t)t->pv.min_group, w->vis);
	for (g = 0; g < t->ng; g++)
		TOOL_VIS(t, g, x, f) = w->vis[g];
}

/* Sum and decide kind x into its rows. */
static void one_kind(airs_tools *t, const struct build *b, struct kind_ws *w,
                     size_t x)
{
	size_t lo = b->xstart[x], hi = b->xstart[x + 1], ncu, ncr, g;

	airs__tool_sum(&t->tree, b->e.v + lo, b->pos + lo, b->role + lo,
	               hi - lo, t->pv.window_months, w->fig, w->cu, &ncu,
	               w->cr, &ncr, w->tmp, w->vals);
	for (g = 0; g < t->ng; g++)
		*TOOL_FIG(t, g, x) = w->fig[g];
	decide(t, w, (uint32_t)x, 0, w->cu, ncu);
	decide(t, w, (uint32_t)x, 1, w->cr, ncr);
}

static void ws_free(struct kind_ws *w, const airs__mem *mem)
{
	airs__free(mem, w->tmp);
	airs__free(mem, w->vals);
	airs__free(mem, w->cu);
	airs__free(mem, w->cr);
	airs__free(mem, w->fig);
	airs__free(mem, w->people);
	airs__free(mem, w->vis);
	airs__tool_supp_free(w->supp, mem);
}

static int ws_new(struct kind_ws *w, const airs_tools *t, size_t nmax)
{
	w->tmp = airs__malloc(&t->mem, (3 * nmax + 1) * sizeof *w->tmp);
	w->vals = airs__malloc(&t->mem, (nmax + 1) * sizeof *w->vals);
	w->cu = airs__malloc(&t->mem, (nmax + 1) * sizeof *w->cu);
	w->cr = airs__malloc(&t->mem, (nmax + 1) * sizeof *w->cr);
	w->fig = airs__malloc(&t->mem, t->ng * sizeof *w->fig);
	w->people = airs__malloc(&t->mem, t->ng * sizeof *w->people);
	w->vis = airs__malloc(&t->mem, t->ng);
	w->supp = airs__tool_supp_new(&t->tree, nmax, &t->mem);
	return w->tmp && w->vals && w->cu && w->cr && w->fig && w->people &&
	       w->vis && w->supp ? AIRS_OK : AIRS_ENOMEM;
}

/* The kinds of row shared out over the threads: thread i sums and
 * decides the kinds x with bin[x] == i, in its own workspace. */
struct kinds_job {
	airs_tools *t;
	const struct build *b;
	struct kind_ws *ws;
	const uint32_t *bin;
};

static void kinds_run(void *ctx, size_t i)
{
	const struct kinds_job *j = ctx;
	size_t x;

	for (x = 0; x < j->t->nx; x++)
		if (j->bin[x] == i)
			one_kind(j->t, j->b, &j->ws[i], x);
}

/* Kinds to nb threads by entries, largest first, each to the least loaded
 * (which thread sums a kind never changes what it sums); the most
 * entries of a kind. */
static size_t share_kinds(const airs_tools *t, const struct build *b,
                          uint32_t *bin, size_t nb)
{
	size_t load[AIRS__THREADS_MAX] = { 0 }, x, i, nmax = 0;

	for (x = 0; x < t->nx; x++)
		bin[x] = AIRS__NONE;
	for (;;) { /* the largest kind not yet given, first by number */
		size_t best = t->nx, n, least = 0;
		for (x = 0; x < t->nx; x++)
			if (t->xrow[x] != AIRS__NONE && bin[x] == AIRS__NONE &&
			    (best == t->nx || b->xstart[x + 1] - b->xstart[x] >
			                    b->xstart[best + 1] - b->xstart[best]))
				best = x;
		if (best == t->nx)
			return nmax;
		n = b->xstart[best + 1] - b->xstart[best];
		for (i = 1; i < nb; i++)
			if (load[i] < load[least])
				least = i;
		bin[best] = (uint32_t)least;
		load[least] += n + 1;
		nmax = n > nmax ? n : nmax;
	}
}

/* Sum and decide every kind of row. */
static int kinds(airs_tools *t, struct build *b)
{
	size_t nb = airs__threads_for(t->pv.threads > 0 ? (size_t)t->pv.threads
	                                                : 0, t->kinds, 1);
	struct kind_ws *ws = airs__calloc(&t->mem, nb, sizeof *ws);
	uint32_t *bin = airs__malloc(&t->mem, t->nx * sizeof *bin);
	struct kinds_job j = { t, b, ws, bin };
	size_t i, nmax;
	int rc = ws && bin ? AIRS_OK : AIRS_ENOMEM;

	if (!rc) {
		nmax = share_kinds(t, b, bin, nb);
		for (i = 0; !rc && i < nb; i++)
			rc = ws_new(&ws[i], t, nmax);
	}
	if (!rc)
		airs__parallel_for(nb, nb, kinds_run, &j);
	for (i = 0; ws && i < nb; i++)
		ws_free(&ws[i], &t->mem);
	airs__free(&t->mem, ws);
	airs__free(&t->mem, bin);
	return rc;
}

static int make(airs_tools *t, const airs_result *r)
{
	struct build b;
	int rc;

	memset(&b, 0, sizeof b);
	rc = airs__tool_ctx_init(&b.c, t->m, &t->pv, r->as_of, &t->mem);
	if (!rc)
		rc = airs__tool_tree_init(&t->tree, t->m, &t->mem);
	if (!rc) {
		t->registry = b.c.registry;
		t->lapse_known = b.c.lapse_known;
		t->lo = b.c.lo;
		t->hi = b.c.hi;
		t->ntools = b.c.ntools;
		t->nx = t->ntools + 2;
		t->ng = t->tree.nu + 1 + t->tree.nr;
		rc = layout(t);
	}
	if (!rc) {
		headcounts(t);
		rc = entries(t, &b);
	}
	if (!rc)
		rc = kinds(t, &b);
	if (!rc)
		rc = airs__tool_signals(t, b.e.v, b.pos, b.role, b.xstart);
	build_free(&b, &t->mem);
	return rc;
}

int airs_result_tools(const airs_result *r, airs_tools **out, airs_diag *diag)
{
	airs_tools *t;
	int rc;

	if (out)
		*out = NULL;
	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!r || !out)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "result and out must not be NULL");
	t = airs__calloc(&r->mem, 1, sizeof *t);
	if (!t)
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	t->mem = r->mem;
	t->pv = r->pv;
	t->as_of = r->as_of_info;
	memcpy(t->params_digest, r->params_digest, sizeof t->params_digest);
	airs__model_retain(r->model);
	t->m = r->model;
	rc = make(t, r);
	if (rc) {
		airs_tools_free(t);
		return airs__diag_fail(diag, rc, "out of memory");
	}
	*out = t;
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Readers
 * ---------------------------------------------------------------------- */

int airs_tools_info_get(const airs_tools *t, airs_tools_info *out)
{
	airs_tools_info v = AIRS_TOOLS_INFO_INIT;

	if (!t || airs__struct_out_check(out, sizeof v, AIRS__FIRST(TOOLS_INFO)))
		return AIRS_EINVAL;
	v.tools = t->ntools;
	v.kinds = t->kinds;
	v.groups = t->ng;
	v.rows = t->ng * t->kinds;
	v.registry = t->registry;
	v.lapse_known = t->lapse_known;
	v.window_first = t->lo;
	v.window_last = t->hi;
	v.recent_months = t->pv.tool_recent_months;
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

int airs_tools_row(const airs_tools *t, size_t i, airs_tool_row *out)
{
	airs_tool_row v = AIRS_TOOL_ROW_INIT;

	if (!t || airs__struct_out_check(out, sizeof v, AIRS__FIRST(TOOL_ROW)))
		return AIRS_EINVAL;
	if (i >= t->ng * t->kinds)
		return AIRS_ERANGE;
	airs__tools_publish(t, i / t->kinds, t->rowx[i % t->kinds], &v);
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

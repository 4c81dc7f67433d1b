/*
 * tool-groups.c - methodology 9.2: one kind of row summed over the
 * groups - every unit's subtree, the organisation, every role - and its
 * medians; and the cells the anonymity rule decides over (tool-impl.h).
 *
 * Counts and quantised benefits are integers, so the sums are exact and
 * the same in any order.  Medians are of whole numbers (days, months),
 * taken over the sorted values of each group: a unit's subtree is a run
 * of the entries sorted by position, a role's a run of them sorted by
 * role.
 */
#include "tool-impl.h"

#include <math.h>
#include <string.h>

#include "sort.h"
#include "sumsq.h"

static int by_role(const void *ctx, uint32_t a, uint32_t b)
{
	const uint32_t *role = ctx;
	return role[a] < role[b];
}

/* The median of the entries src[0 .. m) (src NULL: first .. first + m)
 * that have the value; NaN when none has.  Active days are a month's:
 * divided by the window's W months.  v holds m values.  A selection, not
 * a sort: the two middle values are all a median reads. */
static double median_of(const airs__tool_entry *e, const uint32_t *src,
                        size_t first, size_t m, int wait, int W, int64_t *v)
{
	size_t i, k = 0;
	double a, b;

	for (i = 0; i < m; i++) {
		const airs__tool_entry *x = &e[src ? src[i] : first + i];
		if (!wait)
			v[k++] = (uint32_t)x->days;
		else if (x->wait >= 0)
			v[k++] = (uint32_t)x->wait;
	}
	if (!k)
		return NAN;
	airs__select_kth(v, k, k / 2);
	b = (double)v[k / 2];
	a = b;
	if (k % 2 == 0) /* the lower middle: the largest before the upper */
		for (a = (double)v[0], i = 1; i < k / 2; i++)
			if ((double)v[i] > a)
				a = (double)v[i];
	return (a + b) / 2 / (wait ? 1 : W);
}

static void add_entry(airs__tool_fig *f, const airs__tool_entry *e)
{
	f->users++;
	f->habitual += e->habitual;
	f->lapsed += e->lapsed;
	f->fresh += e->fresh;
	f->days += e->days;
	if (e->has_benefit) {
		f->bn++;
		f->bsum += e->benefit_q;
		airs__sq_add(f->bsq, e->benefit_q);
	}
}

static void add_fig(airs__tool_fig *into, const airs__tool_fig *f)
{
	int k;

	into->users += f->users;
	into->habitual += f->habitual;
	into->lapsed += f->lapsed;
	into->fresh += f->fresh;
	into->days += f->days;
	into->bn += f->bn;
	into->bsum += f->bsum;
	for (k = 0; k < 3; k++)
		into->bsq[k] += f->bsq[k];
}

/* The first of the n entries (sorted by position) at position p or
 * later. */
static size_t lower(const uint32_t *pos, size_t n, uint32_t p)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pos[mid] < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The cells: runs of entries in one (position, role). */
static void cells(const airs__tool_entry *e, const uint32_t *pos,
                  const uint32_t *role, size_t n, airs__tool_cell *users,
                  size_t *nu_cells, airs__tool_cell *resp, size_t *nr_cells)
{
	size_t i = 0, j;

	*nu_cells = *nr_cells = 0;
	while (i < n) {
		uint64_t b = 0;
		for (j = i; j < n && pos[j] == pos[i] && role[j] == role[i]; j++)
			b += e[j].has_benefit;
		users[*nu_cells].pos = resp[*nr_cells].pos = pos[i];
		users[*nu_cells].role = resp[*nr_cells].role = role[i];
		users[(*nu_cells)++].n = j - i;
		if (b)
			resp[(*nr_cells)++].n = b;
		i = j;
	}
}

/* Medians of every group: units over their runs by position, the
 * organisation over all, roles over runs by role. */
static void medians(const airs__tool_tree *t, const airs__tool_entry *e,
                    const uint32_t *pos, const uint32_t *role, size_t n,
                    int W, airs__tool_fig *fig, uint32_t *tmp, int64_t *v)
{
	uint32_t *scratch = tmp + n, *byrole = tmp + 2 * n;
	size_t g, i, j, nu = t->nu;

	for (g = 0; g <= nu; g++) {
		size_t lo = g < nu ? lower(pos, n, (uint32_t)g) : 0;
		size_t hi = g < nu ? lower(pos, n, t->end[g]) : n;
		fig[g].days_median = median_of(e, NULL, lo, hi - lo, 0, W, v);
		fig[g].wait_median = median_of(e, NULL, lo, hi - lo, 1, W, v);
	}
	for (i = 0; i < n; i++)
		byrole[i] = (uint32_t)i;
	airs__sort(byrole, scratch, n, by_role, role);
	for (i = 0; i < n; i = j) {
		airs__tool_fig *f = &fig[nu + 1 + role[byrole[i]]];
		for (j = i; j < n && role[byrole[j]] == role[byrole[i]]; j++)
			;
		f->days_median = median_of(e, byrole + i, 0, j - i, 0, W, v);
		f->wait_median = median_of(e, byrole + i, 0, j - i, 1, W, v);
	}
}

void airs__tool_sum(const airs__tool_tree *t, const airs__tool_entry *e,
                    const uint32_t *pos, const uint32_t *role, size_t n,
                    int W, airs__tool_fig *fig, airs__tool_cell *users,
                    size_t *nu_cells, airs__tool_cell *resp,
                    size_t *nr_cells, uint32_t *tmp, int64_t *v)
{
	size_t nu = t->nu, ng = nu + 1 + t->nr, g, i;

	memset(fig, 0, ng * sizeof *fig);
	for (g = 0; g < ng; g++)
		fig[g].days_median = fig[g].wait_median = NAN;
	for (i = 0; i < n; i++) {
		add_entry(&fig[pos[i]], &e[i]);
		add_entry(&fig[nu + 1 + role[i]], &e[i]);
		add_entry(&fig[nu], &e[i]);
	}
	/* children follow their parent in tree order: backwards, each
	 * subtree is complete before it is added to its parent */
	for (g = nu; g-- > 0;)
		if (t->parent[g] != AIRS__NONE)
			add_fig(&fig[t->parent[g]], &fig[g]);
	cells(e, pos, role, n, users, nu_cells, resp, nr_cells);
	medians(t, e, pos, role, n, W, fig, tmp, v);
}

/* ------------------------------------------------------------------------
 * The groups: the unit tree in the rollup's order, the roles by id
 * ---------------------------------------------------------------------- */

void airs__tool_tree_free(airs__tool_tree *t, const airs__mem *mem)
{
	airs__free(mem, t->unit_at);
	airs__free(mem, t->pos_of);
	airs__free(mem, t->parent);
	airs__free(mem, t->end);
	airs__free(mem, t->role_at);
	airs__free(mem, t->role_of);
	memset(t, 0, sizeof *t);
}

static int by_rank(const void *ctx, uint32_t a, uint32_t b)
{
	const uint32_t *rank = ctx;
	return rank[a] < rank[b];
}

/* Push onto stack[*top ..] the units list[0 .. n), last in id order
 * first, so that they pop in id order. */
static void push_sorted(uint32_t *stack, size_t *top, uint32_t *list,
                        uint32_t *scratch, size_t n, const uint32_t *rank)
{
	size_t i;

	airs__sort(list, scratch, n, by_rank, rank);
	for (i = n; i-- > 0;)
		stack[(*top)++] = list[i];
}

/* Positions in tree order: each unit followed by its subtree, roots and
 * siblings in id order (the rollup's order, airs/rollup.h). */
static void tree_order(airs__tool_tree *t, const airs_model *m, uint32_t *stack,
                       uint32_t *list, uint32_t *scratch)
{
	const uint32_t *rank = m->sorted[AIRS__S_UNIT].rank;
	const airs__csr *ch = &m->unit_children;
	size_t top = 0, n = 0, u, i, pos = 0;

	for (u = 0; u < t->nu; u++)
		if (m->units.v[u].parent == AIRS__NONE)
			list[n++] = (uint32_t)u;
	push_sorted(stack, &top, list, scratch, n, rank);
	while (top) {
		uint32_t x = stack[--top];
		t->unit_at[pos] = x;
		t->pos_of[x] = (uint32_t)pos++;
		for (n = 0, i = ch->start[x]; i < ch->start[x + 1]; i++)
			list[n++] = airs__csr_at(ch, i);
		push_sorted(stack, &top, list, scratch, n, rank);
	}
	for (u = 0; u < t->nu; u++) {
		uint32_t p = m->units.v[t->unit_at[u]].parent;
		t->parent[u] = p == AIRS__NONE ? AIRS__NONE : t->pos_of[p];
		t->end[u] = (uint32_t)u + 1;
	}
	for (u = t->nu; u-- > 0;)   /* children follow their parent */
		if (t->parent[u] != AIRS__NONE && t->end[u] > t->end[t->parent[u]])
			t->end[t->parent[u]] = t->end[u];
}

int airs__tool_tree_init(airs__tool_tree *t, const airs_model *m,
                         const airs__mem *mem)
{
	size_t nu = m->units.n, nr = m->roles.n, r;
	uint32_t *stack, *list, *scratch;

	memset(t, 0, sizeof *t);
	t->nu = nu;
	t->nr = nr;
	t->unit_at = airs__malloc(mem, (nu + 1) * sizeof *t->unit_at);
	t->pos_of = airs__malloc(mem, (nu + 1) * sizeof *t->pos_of);
	t->parent = airs__malloc(mem, (nu + 1) * sizeof *t->parent);
	t->end = airs__malloc(mem, (nu + 1) * sizeof *t->end);
	t->role_at = airs__malloc(mem, (nr + 1) * sizeof *t->role_at);
	t->role_of = airs__malloc(mem, (nr + 1) * sizeof *t->role_of);
	stack = airs__malloc(mem, 3 * (nu + 1) * sizeof *stack);
	if (!t->unit_at || !t->pos_of || !t->parent || !t->end ||
	    !t->role_at || !t->role_of || !stack) {
		airs__free(mem, stack);
		airs__tool_tree_free(t, mem);
		return AIRS_ENOMEM;
	}
	list = stack + nu + 1;
	scratch = list + nu + 1;
	tree_order(t, m, stack, list, scratch);
	airs__free(mem, stack);
	for (r = 0; r < nr; r++) {
		t->role_at[r] = m->sorted[AIRS__S_ROLE].order[r];
		t->role_of[t->role_at[r]] = (uint32_t)r;
	}
	return AIRS_OK;
}

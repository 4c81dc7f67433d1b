/*
 * audit-build.c - the tables of a fairness audit (audit-impl.h):
 * who is compared, the rows, the ratios and their statistics.
 *
 * The rule (docs/responsible-use.md, "Anonymity in the audit"):
 *
 *  1. Fold.  A category with fewer than k members among the compared
 *     people is not shown; the compared people C are those whose every
 *     audited attribute has a shown category, found by folding until no
 *     shown category is smaller than k (folding a category of one
 *     attribute can shrink a category of the other).  Everyone else in
 *     the population - small categories, no value - is the other line R,
 *     the same people in every table of the audit, so that no difference
 *     between two tables' totals falls on anyone.
 *  2. Suppress.  With two attributes, cells and whole categories are
 *     hidden until no combination of the tables isolates fewer than k of
 *     C (audit-suppress.c).  An intersection cell under k is never shown.
 *  3. The other line shows its count and outcome only when R has at
 *     least k people (the intersection's, R with its hidden cells, then
 *     too).  Its size is the population less the shown categories
 *     whatever is printed: that is the one number about fewer than k
 *     people a reader can always work out, and it says how many, never
 *     who, which category or what outcome.
 *
 * Rows are ordered by category value bytewise (value numbers are ranked
 * once, so the order does not depend on the order attributes were set
 * in), the other line last.
 */
#include "audit-impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audit-stats.h"

#define NONE UINT32_MAX

/* One shown category (a node) of one attribute, or one cell of two. */
struct group {
	uint32_t v1, v2;      /* value numbers */
	uint32_t a, b;        /* cells: the nodes of v1 and v2 */
	uint64_t count;
	double sum;
};

struct build {
	airs_audit_report *a;
	const airs_model *m;
	const double *y;
	size_t n;
	uint64_t k;
	uint32_t *v[2];       /* value number per result position; NONE */
	unsigned char *in;    /* position is in C */
	uint32_t *rank;       /* value number -> bytewise rank */
	uint32_t *node[2];    /* value number -> node of its attribute */
	struct group *g[2];   /* nodes per attribute, by rank */
	size_t ng[2];
	struct group *cell;   /* cells of C, by (rank, rank) */
	size_t ncell;
	unsigned char *withheld;
	struct airs__audit_cell *link;
	uint64_t rn;          /* |R| and the outcome summed over R */
	double rsum;
};

static const airs_audit_row *row_at(const struct build *b, size_t i)
{
	return &b->a->rows[i];
}

static airs_audit_row *new_row(struct build *b, size_t t, const char *value,
                               const char *value2, uint64_t count, double sum,
                               int hidden)
{
	airs_audit_report *a = b->a;
	airs_audit_row *w = &a->rows[a->info.row_count++];

	memset(w, 0, sizeof *w);
	w->size = sizeof *w;
	w->table = t;
	w->value = value;
	w->value2 = value2;
	w->count = hidden ? AIRS_AUDIT_SUPPRESSED : count;
	w->selected = hidden ? NAN : sum;
	w->rate = hidden ? NAN : sum / (double)count;
	w->impact_ratio = w->adverse_ratio = NAN;
	w->p_value = w->ratio_low = w->ratio_high = NAN;
	w->suppressed = hidden;
	return w;
}

/* Step 1: C, by folding until every category left has k members. */
static void fold(struct build *b, uint64_t *cnt, int two)
{
	size_t i, nv = b->m->attr_values.count;
	int changed;

	for (i = 0; i < b->n; i++)
		b->in[i] = !isnan(b->y[i]) && b->v[0][i] != NONE &&
		           (!two || b->v[1][i] != NONE);
	do {
		memset(cnt, 0, 2 * nv * sizeof *cnt);
		for (i = 0; i < b->n; i++)
			if (b->in[i]) {
				cnt[b->v[0][i]]++;
				if (two)
					cnt[nv + b->v[1][i]]++;
			}
		changed = 0;
		for (i = 0; i < b->n; i++)
			if (b->in[i] && (cnt[b->v[0][i]] < b->k ||
			                 (two && cnt[nv + b->v[1][i]] < b->k))) {
				b->in[i] = 0;
				changed = 1;
			}
	} while (changed);
}

static int cmp_group(const void *x, const void *y)
{
	const struct group *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

/* The nodes of attribute t (categories of C, by rank) and, with two
 * attributes, the non-empty cells; R's size and outcome sum. */
static int groups(struct build *b, int two)
{
	const airs__mem *mem = &b->a->mem;
	size_t nv = b->m->attr_values.count, i, t, j;

	for (t = 0; t < (size_t)(two ? 2 : 1); t++) {
		if (!(b->g[t] = airs__calloc(mem, nv ? nv : 1, sizeof *b->g[t])))
			return AIRS_ENOMEM;
		for (i = 0; i < b->n; i++) {
			uint32_t v = b->v[t][i];

			if (!b->in[i])
				continue;
			if (b->node[t][v] == NONE) {
				b->node[t][v] = (uint32_t)b->ng[t]++;
				b->g[t][b->node[t][v]].v1 = v;
				b->g[t][b->node[t][v]].a = b->rank[v];
			}
			b->g[t][b->node[t][v]].count++;
			b->g[t][b->node[t][v]].sum += b->y[i];
		}
		qsort(b->g[t], b->ng[t], sizeof *b->g[t], cmp_group);
		for (j = 0; j < b->ng[t]; j++)
			b->node[t][b->g[t][j].v1] = (uint32_t)j;
	}
	for (i = 0; i < b->n; i++)
		if (!isnan(b->y[i]) && !b->in[i]) {
			b->rn++;
			b->rsum += b->y[i];
		}
	if (!two)
		return AIRS_OK;
	if (!(b->cell = airs__calloc(mem, b->n ? b->n : 1, sizeof *b->cell)))
		return AIRS_ENOMEM;
	for (i = 0, j = 0; i < b->n; i++)
		if (b->in[i]) {
			b->cell[j].v1 = b->v[0][i];
			b->cell[j].v2 = b->v[1][i];
			b->cell[j].a = b->node[0][b->v[0][i]];
			b->cell[j].b = b->node[1][b->v[1][i]];
			b->cell[j].count = 1;
			b->cell[j++].sum = b->y[i];
		}
	qsort(b->cell, j, sizeof *b->cell, cmp_group);
	for (i = 0; i < j; i++) {  /* runs of equal cells into one */
		struct group *w = &b->cell[b->ncell];

		if (b->ncell && w[-1].a == b->cell[i].a && w[-1].b == b->cell[i].b) {
			w[-1].count++;
			w[-1].sum += b->cell[i].sum;
		} else {
			*w = b->cell[i];
			b->ncell++;
		}
	}
	return AIRS_OK;
}

/* Step 2, over the cells (shown when the intersection publishes them). */
static int complement(struct build *b, int intersection)
{
	const airs__mem *mem = &b->a->mem;
	size_t n1 = b->ng[0], n2 = b->ng[1], i;
	uint64_t *count;
	int rc;

	if (!(b->link = airs__calloc(mem, b->ncell ? b->ncell : 1, sizeof *b->link)) ||
	    !(count = airs__calloc(mem, n1 + n2 ? n1 + n2 : 1, sizeof *count)))
		return AIRS_ENOMEM;
	for (i = 0; i < b->ncell; i++) {
		b->link[i].a = b->cell[i].a;
		b->link[i].b = b->cell[i].b;
		b->link[i].w = b->cell[i].count;
		b->link[i].shown = intersection && b->cell[i].count >= b->k;
	}
	for (i = 0; i < n1 + n2; i++)
		count[i] = i < n1 ? b->g[0][i].count : b->g[1][i - n1].count;
	rc = airs__audit_complement(mem, n1, n2, count, b->link, b->ncell,
	                            b->withheld, b->k);
	airs__free(mem, count);
	return rc;
}

/* The other line of table t over R and, for the intersection, the hidden
 * cells: shown when R is empty or has k people. */
static void other_row(struct build *b, size_t t, int cells)
{
	uint64_t n = b->rn;
	double sum = b->rsum;
	size_t i;
	airs_audit_row *w;

	if (cells)
		for (i = 0; i < b->ncell; i++)
			if (!b->link[i].shown) {
				n += b->cell[i].count;
				sum += b->cell[i].sum;
			}
	if (!n)
		return;
	w = new_row(b, t, "", cells ? "" : NULL, n, sum,
	            b->rn > 0 && b->rn < b->k);
	w->other = 1;
	b->a->table[t].other = b->a->info.row_count - 1;
}

/* The statistics of compared row w against the favourable row f. */
static void stats(const struct build *b, airs_audit_row *w,
                  const airs_audit_row *f, int low)
{
	double r;

	if (!b->a->binary || w == f)
		return;
	w->p_value = airs__fisher_two_sided(w->selected, (double)w->count,
	                                    f->selected, (double)f->count);
	if (low)
		airs__katz(w->selected, (double)w->count, f->selected,
		           (double)f->count, &r, &w->ratio_low, &w->ratio_high);
	else
		airs__katz(f->selected, (double)f->count, w->selected,
		           (double)w->count, &r, &w->ratio_low, &w->ratio_high);
	w->significant = w->p_value < AIRS_AUDIT_ALPHA;
}

static int compared(const airs_audit_row *w)
{
	return !w->suppressed && !w->excluded && !w->other;
}

/* Exclusions, the reference, the ratios and their statistics. */
static void compare(struct build *b, size_t t)
{
	airs_audit_report *a = b->a;
	airs_audit_table *tb = &a->table[t];
	int low = a->info.adverse == AIRS_AUDIT_ADVERSE_LOW;
	size_t i, end = tb->first_row + tb->row_count, ref = AIRS_AUDIT_NONE,
	       fav = AIRS_AUDIT_NONE;
	double sel = 0, cnt = 0, top, best;

	for (i = tb->first_row; i < end; i++) {
		airs_audit_row *w = &a->rows[i];

		if (w->suppressed || w->other)
			continue;
		if (a->info.min_share > 0 && (double)w->count <
		    a->info.min_share * (double)a->info.population) {
			w->excluded = 1;
			tb->excluded += w->count;
			tb->excluded_categories++;
			continue;
		}
		sel += w->selected;
		cnt += (double)w->count;
		if (ref == AIRS_AUDIT_NONE || w->rate > row_at(b, ref)->rate)
			ref = i;
		if (fav == AIRS_AUDIT_NONE || (low ? w->rate > row_at(b, fav)->rate
		                                   : w->rate < row_at(b, fav)->rate))
			fav = i;
	}
	/* Nothing to compare when every compared member has the same
	 * outcome: all 0 (or, for 0/1 outcomes, all 1). */
	tb->informative = a->info.informative && ref != AIRS_AUDIT_NONE &&
	                  sel > 0 && !(a->binary && sel == cnt);
	if (!tb->informative)
		return;
	tb->reference = ref;
	tb->favourable = fav;
	a->rows[ref].reference = 1;
	a->rows[fav].favourable = 1;
	top = a->rows[ref].rate;
	best = a->rows[fav].rate;
	for (i = tb->first_row; i < end; i++) {
		airs_audit_row *w = &a->rows[i];

		if (!compared(w))
			continue;
		/* Equal rates are a ratio of 1 even when both are 0. */
		w->impact_ratio = w->rate == top ? 1 : w->rate / top;
		w->adverse_ratio = low ? w->impact_ratio :
		                   w->rate == best ? 1 : best / w->rate;
		w->adverse = w->adverse_ratio < AIRS_AUDIT_THRESHOLD;
		stats(b, w, &a->rows[fav], low);
	}
}

static void begin_table(struct build *b, size_t t, int kind, uint32_t k1,
                        uint32_t k2)
{
	airs_audit_table *tb = &b->a->table[t];
	const airs__names *an = &b->m->attr_names;

	memset(tb, 0, sizeof *tb);
	tb->size = sizeof *tb;
	tb->kind = kind;
	tb->attribute = an->str[kind == AIRS_AUDIT_TABLE_SECOND ? k2 : k1];
	tb->attribute2 = kind == AIRS_AUDIT_TABLE_INTERSECTION ? an->str[k2] : NULL;
	tb->first_row = b->a->info.row_count;
	tb->reference = tb->favourable = tb->other = AIRS_AUDIT_NONE;
	tb->adverse = b->a->info.adverse;
}

static void end_table(struct build *b, size_t t)
{
	airs_audit_table *tb = &b->a->table[t];

	tb->row_count = b->a->info.row_count - tb->first_row;
	compare(b, t);
}

/* Steps 3 and the rows of every table. */
static void emit(struct build *b, uint32_t k1, uint32_t k2, int intersection)
{
	const char *const *str = b->m->attr_values.str;
	size_t t, i, n1 = b->ng[0];

	for (t = 0; t < (size_t)(k2 == NONE ? 1 : 2); t++) {
		begin_table(b, t, t ? AIRS_AUDIT_TABLE_SECOND : AIRS_AUDIT_TABLE_FIRST,
		            k1, k2);
		for (i = 0; i < b->ng[t]; i++) {
			int hide = b->withheld[t ? n1 + i : i];

			new_row(b, t, str[b->g[t][i].v1], NULL, b->g[t][i].count,
			        b->g[t][i].sum, hide);
			b->a->table[t].suppressed_categories += hide;
		}
		other_row(b, t, 0);
		end_table(b, t);
	}
	if (!intersection)
		return;
	begin_table(b, 2, AIRS_AUDIT_TABLE_INTERSECTION, k1, k2);
	for (i = 0; i < b->ncell; i++)
		if (b->link[i].shown)
			new_row(b, 2, str[b->cell[i].v1], str[b->cell[i].v2],
			        b->cell[i].count, b->cell[i].sum, 0);
	other_row(b, 2, 1);
	end_table(b, 2);
}

/* Everyone in the population with the same outcome: nothing to compare. */
static int informative(const struct build *b)
{
	size_t i, n = 0;
	double first = NAN, sum = 0;
	int differ = 0;

	for (i = 0; i < b->n; i++) {
		if (isnan(b->y[i]))
			continue;
		if (!n++)
			first = b->y[i];
		differ |= b->y[i] != first;
		sum += b->y[i];
	}
	return differ && sum > 0;
}

static void release(struct build *b)
{
	const airs__mem *mem = &b->a->mem;

	airs__free(mem, b->v[0]);
	airs__free(mem, b->v[1]);
	airs__free(mem, b->in);
	airs__free(mem, b->rank);
	airs__free(mem, b->node[0]);
	airs__free(mem, b->node[1]);
	airs__free(mem, b->g[0]);
	airs__free(mem, b->g[1]);
	airs__free(mem, b->cell);
	airs__free(mem, b->withheld);
	airs__free(mem, b->link);
}

int airs__audit_build(airs_audit_report *a, const double *y,
                      const uint32_t *emp, size_t n, uint32_t k1,
                      uint32_t k2, int intersection)
{
	const airs_model *m = a->model;
	const airs__mem *mem = &a->mem;
	size_t nv = m->attr_values.count, i, t;
	uint32_t *order = NULL, key[2] = { k1, k2 };
	uint64_t *cnt = NULL;
	struct build b;
	int rc = AIRS_ENOMEM, two = k2 != NONE;

	memset(&b, 0, sizeof b);
	b.a = a;
	b.m = m;
	b.y = y;
	b.n = n;
	b.k = a->info.min_group > 0 ? (uint64_t)a->info.min_group : 1;
	a->info.informative = informative(&b);
	for (t = 0; t < 2; t++)
		if (!(b.v[t] = airs__calloc(mem, n ? n : 1, sizeof *b.v[t])) ||
		    !(b.node[t] = airs__calloc(mem, nv ? nv : 1, sizeof *b.node[t])))
			goto out;
	if (!(b.in = airs__calloc(mem, n ? n : 1, 1)) ||
	    !(cnt = airs__calloc(mem, 2 * nv + 1, sizeof *cnt)) ||
	    airs__names_order(&m->attr_values, mem, &order, &b.rank))
		goto out;
	airs__free(mem, order);
	for (t = 0; t < 2; t++)
		for (i = 0; i < n; i++) {
			uint32_t key_t = key[t], e = emp[i];
			uint32_t c = key_t != NONE && e < m->attr_col_len[key_t]
			             ? m->attr_cols[key_t][e] : 0;
			b.v[t][i] = c ? c - 1 : NONE;
		}
	for (i = 0; i < nv; i++)
		b.node[0][i] = b.node[1][i] = NONE;
	fold(&b, cnt, two);
	if ((rc = groups(&b, two)))
		goto out;
	rc = AIRS_ENOMEM;
	if (!(b.withheld = airs__calloc(mem, b.ng[0] + b.ng[1] + 1, 1)))
		goto out;
	if (two && (rc = complement(&b, intersection)))
		goto out;
	emit(&b, k1, k2, intersection);
	rc = AIRS_OK;
out:
	airs__free(mem, cnt);
	release(&b);
	return rc;
}

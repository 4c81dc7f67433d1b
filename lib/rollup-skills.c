/*
 * rollup-skills.c - the skill heatmap of a rollup (methodology 4): one
 * cell per unit and skill that has data, never a units x skills matrix.
 *
 * While employees are added, a unit's cell is found through a hash of
 * (unit, skill): memory grows with the cells that have data (at most one
 * per assessed requirement of an employee), not with units x skills
 * (6,000 units and 6,000 skills took 1.14 GB as a matrix, per thread).
 *
 * Finalising orders the cells by skill, then by the unit's position in
 * tree order, and keeps running sums: a subtree is a contiguous range of
 * positions, so its total for a skill is the difference of two running
 * sums found by binary search.  No subtree total is stored - a chain of
 * units deep would otherwise multiply the cells by its depth - and a
 * read costs O(log cells).
 */
#include "rollup-impl.h"

#include <string.h>


void airs__skcells_free(skcells *s, const airs__mem *mem)
{
	airs__free(mem, s->v);
	airs__hashidx_free(&s->idx, mem);
	memset(s, 0, sizeof *s);
}

static uint32_t cell_hash(const skcells *s, uint32_t unit, uint32_t skill)
{
	return airs__hash_u64(&s->key, (uint64_t)unit << 32 | skill);
}

struct probe {
	const skcells *s;
	uint32_t unit, skill;
};

static int cell_eq(const void *ctx, uint32_t i)
{
	const struct probe *p = ctx;

	return p->s->v[i].unit == p->unit && p->s->v[i].skill == p->skill;
}

/* An index of s's cells with room for `total`, in *out.  AIRS_ENOMEM
 * leaves *out empty. */
static int index_all(const skcells *s, const airs__mem *mem, size_t total,
                     airs__hashidx *out)
{
	size_t i;

	memset(out, 0, sizeof *out);
	if (airs__hashidx_reserve(out, mem, total))
		return AIRS_ENOMEM;
	for (i = 0; i < s->n; i++)
		airs__hashidx_insert(out, cell_hash(s, s->v[i].unit,
		                                    s->v[i].skill), (uint32_t)i);
	return AIRS_OK;
}

int airs__skcells_reserve(skcells *s, const airs__mem *mem, size_t more)
{
	size_t need = s->n + more;
	airs__hashidx idx;

	if (need < s->n || need > AIRS__NONE - 1)
		return AIRS_ENOMEM;
	if (!s->key.k0 && !s->key.k1)
		airs__hashkey_new(&s->key);
	if (airs__grow(mem, &s->v, &s->cap, need, sizeof *s->v))
		return AIRS_ENOMEM;
	if (s->idx.count == s->n)
		return airs__hashidx_reserve(&s->idx, mem, need);
	/* cells appended unindexed: index them all now */
	if (index_all(s, mem, need, &idx))
		return AIRS_ENOMEM;
	airs__hashidx_free(&s->idx, mem);
	s->idx = idx;
	return AIRS_OK;
}

int airs__skcells_reserve_append(skcells *s, const airs__mem *mem,
                                 size_t more)
{
	size_t need = s->n + more;

	if (need < s->n || need > AIRS__NONE - 1)
		return AIRS_ENOMEM;
	return airs__grow(mem, &s->v, &s->cap, need, sizeof *s->v);
}

/* (unit, skill) of a before b's. */
static int cell_before(const skcell *a, const skcell *b)
{
	return a->unit != b->unit ? a->unit < b->unit : a->skill < b->skill;
}

void airs__skcells_append(skcells *s, uint32_t unit, uint32_t skill,
                          uint64_t n, int64_t sum)
{
	skcell *c = &s->v[s->n];

	c->unit = unit;
	c->skill = skill;
	c->n = n;
	c->sum = sum;
	if (s->n && !cell_before(c - 1, c))
		s->ordered = 0;
	s->n++;
}

int airs__skcells_mergeable(const skcells *into, const skcells *from)
{
	return (into->ordered || !into->n) && (from->ordered || !from->n);
}

void airs__skcells_merge(skcells *into, const skcells *from, skcell *buf,
                         const airs__mem *mem)
{
	const skcell *a = into->v, *b = from->v;
	size_t i = 0, j = 0, k = 0, na = into->n, nb = from->n;

	while (i < na || j < nb) {
		if (j == nb || (i < na && cell_before(&a[i], &b[j]))) {
			buf[k++] = a[i++];
		} else if (i == na || cell_before(&b[j], &a[i])) {
			buf[k++] = b[j++];
		} else { /* the same cell: people and gap sums add */
			buf[k] = a[i++];
			buf[k].n += b[j].n;
			buf[k++].sum += b[j++].sum;
		}
	}
	airs__free(mem, into->v);
	airs__hashidx_free(&into->idx, mem);
	into->v = buf;
	into->n = k;
	into->cap = na + nb;
	into->ordered = 1;
}

/* The cell (unit, skill), made if new (room reserved): the cell last
 * found for the skill first, then the hash. */
static uint32_t cell_of(skcells *s, uint32_t unit, uint32_t skill)
{
	struct probe p = { s, unit, skill };
	uint32_t *hint = &s->recent[skill % SK_RECENT], h, i = *hint;

	if (i < s->n && s->v[i].unit == unit && s->v[i].skill == skill)
		return i;
	h = cell_hash(s, unit, skill);
	i = airs__hashidx_find(&s->idx, h, cell_eq, &p);
	if (i == AIRS__NONE) {
		i = (uint32_t)s->n;
		airs__skcells_append(s, unit, skill, 0, 0);
		airs__hashidx_insert(&s->idx, h, i);
	}
	*hint = i;
	return i;
}

void airs__skcells_add(skcells *s, uint32_t unit, uint32_t skill, uint64_t n,
                       int64_t sum)
{
	uint32_t i = cell_of(s, unit, skill);

	s->v[i].n += n;
	/* quantised gaps of fewer than 2^32 people: no overflow (4.2) */
	s->v[i].sum += sum;
}

/* The cells of s, ordered by unit, stably by skill into order: a
 * counting sort with count[0 .. ns] as scratch (the cells by unit need
 * no first pass, nor a copy to read from). */
static void by_skill(const skcells *s, uint32_t *order, uint32_t *count,
                     size_t ns)
{
	size_t i;

	memset(count, 0, (ns + 1) * sizeof *count);
	for (i = 0; i < s->n; i++)
		count[s->v[i].skill + 1]++;
	for (i = 0; i < ns; i++)
		count[i + 1] += count[i];
	for (i = 0; i < s->n; i++)
		order[count[s->v[i].skill]++] = (uint32_t)i;
}

static void count_pass(const skcells *s, const uint32_t *in, uint32_t *out,
                       size_t n, int by_unit, uint32_t *count, size_t k);

/* Cells in reading order, by skill, then by the unit's tree position
 * (the pairs are unique): unordered cells by a counting pass by unit,
 * then a stable one by skill, linear where a comparison sort was a
 * fifth of finalising. */
void airs__skread_free(const airs__mem *mem, const skread *x)
{
	airs__free(mem, x->start);
	airs__free(mem, x->unit);
	airs__free(mem, x->pre_n);
	airs__free(mem, x->pre_sum);
}

void airs__skills_index(const airs_rollup *r, skread *out, uint32_t *order,
                        uint32_t *tmp, uint32_t *count)
{
	const skcells *s = &r->sk;
	uint64_t n = 0, sum = 0;
	size_t i, k = 0;

	if (s->ordered) { /* by unit already: a stable pass by skill */
		by_skill(s, order, out->start, r->ns);
	} else {
		for (i = 0; i < s->n; i++)
			order[i] = (uint32_t)i;
		count_pass(s, order, tmp, s->n, 1, count, r->nu);
		count_pass(s, tmp, order, s->n, 0, count, r->ns);
	}
	for (i = 0; i <= r->ns; i++) {
		out->start[i] = (uint32_t)k;
		for (; k < s->n && s->v[order[k]].skill == i; k++) {
			const skcell *c = &s->v[order[k]];
			out->unit[k] = c->unit;
			out->pre_n[k] = n;
			out->pre_sum[k] = sum;
			n += c->n;
			sum += (uint64_t)c->sum; /* modulo 2^64: differences are exact */
		}
	}
	out->pre_n[k] = n;
	out->pre_sum[k] = sum;
}

/* The first position in [lo, hi) whose unit is not below u. */
static size_t lower(const uint32_t *unit, size_t lo, size_t hi, uint32_t u)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (unit[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void airs__skills_read(const airs_rollup *r, size_t g, size_t skill,
                       uint64_t *n, int64_t *sum)
{
	const skread *x = &r->skr;
	size_t lo = x->start[skill], hi = x->start[skill + 1];

	if (g < r->nu) {
		size_t a = lower(x->unit, lo, hi, (uint32_t)g);
		hi = lower(x->unit, a, hi, r->end[g]);
		lo = a;
	}
	*n = x->pre_n[hi] - x->pre_n[lo];
	*sum = (int64_t)(x->pre_sum[hi] - x->pre_sum[lo]);
}

/* in[0 .. n) stably by the cells' unit (by_unit) or skill, below k,
 * into out: a counting sort, with count[0 .. k] as scratch. */
static void count_pass(const skcells *s, const uint32_t *in, uint32_t *out,
                       size_t n, int by_unit, uint32_t *count, size_t k)
{
	size_t i;

	memset(count, 0, (k + 1) * sizeof *count);
	for (i = 0; i < n; i++)
		count[(by_unit ? s->v[in[i]].unit : s->v[in[i]].skill) + 1]++;
	for (i = 0; i < k; i++)
		count[i + 1] += count[i];
	for (i = 0; i < n; i++)
		out[count[by_unit ? s->v[in[i]].unit : s->v[in[i]].skill]++] = in[i];
}

/* Cells in the text form's order, by unit, then skill (the pairs are
 * unique): a pass by skill, then a stable one by unit, linear where a
 * comparison sort took a tenth of writing a result's tables. */
uint32_t *airs__skills_by_unit(const airs_rollup *r)
{
	const skcells *s = &r->sk;
	size_t i, k = 1;
	uint32_t *order, *tmp, *count;

	for (i = 0; i < s->n; i++) {
		k = s->v[i].unit >= k ? (size_t)s->v[i].unit + 1 : k;
		k = s->v[i].skill >= k ? (size_t)s->v[i].skill + 1 : k;
	}
	order = airs__malloc(&r->mem, (s->n + 1) * sizeof *order);
	tmp = airs__malloc(&r->mem, (s->n + 1) * sizeof *tmp);
	count = airs__malloc(&r->mem, (k + 1) * sizeof *count);
	if (order && tmp && count) {
		for (i = 0; i < s->n; i++)
			order[i] = (uint32_t)i;
		count_pass(s, order, tmp, s->n, 0, count, k);
		count_pass(s, tmp, order, s->n, 1, count, k);
	} else {
		airs__free(&r->mem, order);
		order = NULL;
	}
	airs__free(&r->mem, tmp);
	airs__free(&r->mem, count);
	return order;
}

int airs__skill_list_init(airs__skill_list *l, const airs_rollup *r)
{
	l->r = r;
	l->tick = 0;
	l->order = airs__skills_by_unit(r);
	l->seen = airs__calloc(&r->mem, r->ns + 1, sizeof *l->seen);
	if (!l->order || !l->seen) {
		airs__skill_list_free(l);
		return AIRS_ENOMEM;
	}
	return AIRS_OK;
}

int airs__skill_list_share(airs__skill_list *l, const airs__skill_list *from)
{
	memset(l, 0, sizeof *l);
	if (!from->r)
		return AIRS_OK;
	l->seen = airs__calloc(&from->r->mem, from->r->ns + 1, sizeof *l->seen);
	if (!l->seen)
		return AIRS_ENOMEM;
	l->r = from->r;
	l->order = from->order;
	l->shared = 1;
	return AIRS_OK;
}

/* The first of the n cells (in unit order) whose unit is not below u. */
static size_t first_cell(const airs__skill_list *l, size_t n, uint32_t u)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->r->sk.v[l->order[mid]].unit < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t airs__skill_list_of(airs__skill_list *l, size_t unit, uint32_t *out)
{
	const airs_rollup *r = l->r;
	size_t n = r->sk.n, lo = 0, hi = n, k = 0;

	if (unit < r->nu) {
		lo = first_cell(l, n, (uint32_t)unit);
		hi = first_cell(l, n, r->end[unit]);
	}
	if (++l->tick == 0) {   /* wrapped: forget every earlier listing */
		memset(l->seen, 0, r->ns * sizeof *l->seen);
		l->tick = 1;
	}
	for (; lo < hi; lo++) {
		uint32_t s = r->sk.v[l->order[lo]].skill;
		if (l->seen[s] != l->tick) {
			l->seen[s] = l->tick;
			out[k++] = s;
		}
	}
	return k;
}

void airs__skill_list_free(airs__skill_list *l)
{
	if (l->r) {
		if (!l->shared)
			airs__free(&l->r->mem, l->order);
		airs__free(&l->r->mem, l->seen);
	}
	memset(l, 0, sizeof *l);
}

/* Per skill, the people of r's cells added to n. */
static void cell_counts(const airs_rollup *r, uint64_t *n)
{
	size_t i;

	for (i = 0; i < r->sk.n; i++) {
		uint64_t *x = &n[r->sk.v[i].skill];
		*x = *x > UINT64_MAX - r->sk.v[i].n ? UINT64_MAX
		                                     : *x + r->sk.v[i].n;
	}
}

int airs__skills_fit(const airs_rollup *a, const airs_rollup *b)
{
	uint64_t *n;
	size_t s;
	int fit = 1;

	if (a->finalised && (!b || b->finalised)) {
		for (s = 0; s < a->ns; s++) {
			uint64_t na, nb = 0;
			int64_t sum;
			airs__skills_read(a, a->nu, s, &na, &sum);
			if (b)
				airs__skills_read(b, b->nu, s, &nb, &sum);
			if (na > AIRS__SK_MAX_COUNT || nb > AIRS__SK_MAX_COUNT - na)
				return 0;
		}
		return 1;
	}
	if (!(n = airs__calloc(&a->mem, a->ns + 1, sizeof *n)))
		return AIRS_ENOMEM;
	cell_counts(a, n);
	if (b)
		cell_counts(b, n);
	for (s = 0; s < a->ns; s++)
		fit &= n[s] <= AIRS__SK_MAX_COUNT;
	airs__free(&a->mem, n);
	return fit;
}

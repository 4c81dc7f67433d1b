/*
 * model-finish.c - finishing the model: freeze it and build the
 * indexes scoring reads (records per employee, ordered by date).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include "model-impl.h"

#include <string.h>

#include "date.h"
#include "parallel.h"
#include "sort.h"

/* Group records by an owner number: start[o]..start[o+1] in order[] are
 * the records of owner o, in order of addition (a stable counting sort).
 * Records already in owner order need no order[] (see airs__csr). */
static int build_csr(airs_model *m, airs__csr *c, size_t owners,
                     size_t records, const void *base, size_t stride,
                     size_t offset)
{
	const unsigned char *p = base;
	uint32_t *start, *order, *fill;
	size_t i;

	uint32_t prev = 0;
	int identity = 1; /* every record has an owner, in owner order */

	start = airs__calloc(&m->mem, owners + 1, sizeof *start);
	if (!start)
		return AIRS_ENOMEM;
	for (i = 0; i < records; i++) {
		uint32_t o;
		memcpy(&o, p + i * stride + offset, sizeof o);
		if (o != AIRS__NONE)
			start[o + 1]++;
		if (o == AIRS__NONE || o < prev)
			identity = 0;
		prev = o;
	}
	for (i = 0; i < owners; i++)
		start[i + 1] += start[i];
	if (identity) {
		c->start = start;
		c->order = NULL; /* airs__csr_at(): record i is entry i */
		return AIRS_OK;
	}
	order = airs__malloc(&m->mem, (records ? records : 1) * sizeof *order);
	fill = airs__malloc(&m->mem, (owners + 1) * sizeof *fill);
	if (!order || !fill) {
		airs__free(&m->mem, start);
		airs__free(&m->mem, order);
		airs__free(&m->mem, fill);
		return AIRS_ENOMEM;
	}
	memcpy(fill, start, (owners + 1) * sizeof *fill);
	for (i = 0; i < records; i++) {
		uint32_t o;
		memcpy(&o, p + i * stride + offset, sizeof o);
		if (o != AIRS__NONE)
			order[fill[o]++] = (uint32_t)i;
	}
	airs__free(&m->mem, fill);
	c->start = start;
	c->order = order;
	return AIRS_OK;
}

#define CSR(m, c, owners, vec, type, field)                                 \
	build_csr((m), (c), (owners), (m)->vec.n, (m)->vec.v, sizeof(type), \
	          offsetof(type, field))
#define FREE_EMP(m, vec)                         \
	do {                                     \
		airs__free(&(m)->mem, (m)->vec.emp); \
		(m)->vec.emp = NULL;                 \
		(m)->vec.ecap = 0;                   \
	} while (0)

/* The index by employee of an employees' record array. */
#define CSR_EMP(m, c, vec) \
	build_csr((m), (c), (m)->emps.n, (m)->vec.n, (m)->vec.emp, \
	          sizeof *(m)->vec.emp, 0)

/* The content orders of an employee's records (model.h): what scoring
 * and planning read them in, so that sums are the same bit for bit
 * whatever the order of the input. */
static int assessment_before(const void *ctx, uint32_t a, uint32_t b)
{
	const airs__assessment
	        *x = &((const airs_model *)ctx)->assessments.v[a],
	        *y = &((const airs_model *)ctx)->assessments.v[b];

	if (x->skill != y->skill)
		return x->skill < y->skill;
	if (x->date != y->date)
		return x->date < y->date;
	if (x->source != y->source)
		return x->source < y->source;
	return x->level < y->level;
}

static int training_before(const void *ctx, uint32_t a, uint32_t b)
{
	const airs__training *x = &((const airs_model *)ctx)->trainings.v[a],
	                     *y = &((const airs_model *)ctx)->trainings.v[b];

	if (x->date != y->date)
		return x->date < y->date;
	if (x->status != y->status)
		return x->status < y->status;
	return x->hours < y->hours;
}

static int response_before(const void *ctx, uint32_t a, uint32_t b)
{
	const airs_model *m = ctx;
	const airs__response *x = &m->responses.v[a], *y = &m->responses.v[b];
	uint32_t rx = m->sorted[AIRS__S_ITEM].rank[x->item],
	         ry = m->sorted[AIRS__S_ITEM].rank[y->item];

	if (rx != ry)
		return rx < ry;
	if (x->date != y->date)
		return x->date < y->date;
	return x->value < y->value;
}

/* Employees per thread worth starting one for to order their records. */
#define ORDER_EACH 4096

struct order_job {
	airs_model *m;
	airs__csr *c;
	airs__before_fn before;
	uint32_t *tmp; /* `longest` numbers per block */
	size_t longest, blocks;
};

/* Order the runs of block b of the employees (contiguous, in order):
 * each writes only its own employees' part of order[]. */
static void order_block(void *ctx, size_t b)
{
	const struct order_job *j = ctx;
	uint64_t n = j->m->emps.n;
	size_t o = (size_t)(n * b / j->blocks);
	size_t end = (size_t)(n * (b + 1) / j->blocks);
	const airs__csr *c = j->c;

	for (; o < end; o++)
		airs__sort(c->order + c->start[o], j->tmp + j->longest * b,
		           c->start[o + 1] - c->start[o], j->before, j->m);
}

/* Put each employee's records of index c in content order: a merge sort
 * of each run, O(n log n) however an uploader orders the file, the
 * employees shared among threads (each run is sorted alone, so the
 * order is the same for any number).  Runs already in order (the usual
 * export) cost one comparison a record and, when all are, no order[]
 * at all. */
static int order_runs(airs_model *m, airs__csr *c, airs__before_fn before)
{
	size_t o, i, longest = 0, n = m->emps.n, total = c->start[n];
	struct order_job j;
	int sorted = 1;

	for (o = 0; o < n; o++) {
		size_t len = c->start[o + 1] - c->start[o];
		for (i = c->start[o] + 1; sorted && i < c->start[o + 1]; i++)
			sorted = !before(m, airs__csr_at(c, i),
			                 airs__csr_at(c, i - 1));
		longest = len > longest ? len : longest;
	}
	if (sorted)
		return AIRS_OK;
	if (!c->order) {
		if (!(c->order = airs__malloc(&m->mem,
		                              total * sizeof *c->order)))
			return AIRS_ENOMEM;
		for (i = 0; i < total; i++)
			c->order[i] = (uint32_t)i;
	}
	j.m = m;
	j.c = c;
	j.before = before;
	j.longest = longest;
	j.blocks = airs__threads_for(m->threads, n, ORDER_EACH);
	if (!(j.tmp = airs__malloc(&m->mem, j.blocks * longest * sizeof *j.tmp)))
		return AIRS_ENOMEM;
	airs__parallel_for(j.blocks, j.blocks, order_block, &j);
	airs__free(&m->mem, j.tmp);
	return AIRS_OK;
}

/* Keep an employee index's order[] as each entry's shift from its record
 * (airs__csr) when every shift fits a byte.  Memory only: without room
 * for the bytes, order[] stays as it is. */
static void narrow_order(airs_model *m, airs__csr *c)
{
	size_t i, total = c->start[m->emps.n];
	int8_t *shift;

	if (!c->order)
		return;
	for (i = 0; i < total; i++)
		if ((int64_t)c->order[i] - (int64_t)i < INT8_MIN ||
		    (int64_t)c->order[i] - (int64_t)i > INT8_MAX)
			return;
	if (!(shift = airs__malloc(&m->mem, total ? total : 1)))
		return;
	for (i = 0; i < total; i++)
		shift[i] = (int8_t)((int64_t)c->order[i] - (int64_t)i);
	airs__free(&m->mem, c->order);
	c->order = NULL;
	c->shift = shift;
}

/* Each role's requirements with level > 0, in skill id order (needs the
 * role index and the skill ranks built before it). */
static int build_requirements(airs_model *m)
{
	const uint32_t *rank = m->sorted[AIRS__S_SKILL].rank;
	const airs__csr *rs = &m->by_role_skill;
	size_t nr = m->roles.n, r, i, j, n = 0;

	m->req_start = airs__calloc(&m->mem, nr + 1, sizeof *m->req_start);
	m->req = airs__malloc(&m->mem, (m->role_skills.n + 1) * sizeof *m->req);
	m->req_weight = airs__calloc(&m->mem, nr + 1, sizeof *m->req_weight);
	if (!m->req_start || !m->req || !m->req_weight)
		return AIRS_ENOMEM;
	for (r = 0; r < nr; r++) {
		size_t first = n;
		m->req_start[r] = (uint32_t)n;
		for (i = rs->start[r]; i < rs->start[r + 1]; i++) {
			const airs__role_skill *x =
			        &m->role_skills.v[airs__csr_at(rs, i)];
			airs__req t;
			if (x->level <= 0)
				continue;
			t.skill = x->skill;
			t.q = x->level;
			t.v = x->weight;
			for (j = n; j > first &&
			            rank[m->req[j - 1].skill] > rank[t.skill];
			     j--)
				m->req[j] = m->req[j - 1];
			m->req[j] = t;
			n++;
		}
		for (i = first; i < n; i++)
			m->req_weight[r] += m->req[i].v;
	}
	m->req_start[nr] = (uint32_t)n;
	return AIRS_OK;
}

static const airs__names *space_at(const airs_model *m, int s)
{
	switch (s) {
	case AIRS__S_UNIT: return &m->unit_ids;
	case AIRS__S_ROLE: return &m->role_ids;
	case AIRS__S_SKILL: return &m->skill_ids;
	case AIRS__S_EMP: return &m->emp_ids;
	case AIRS__S_COURSE: return &m->course_ids;
	case AIRS__S_ITEM: return &m->item_ids;
	case AIRS__S_TOOL: return &m->usages.tool_ids;
	default: return &m->attr_names;
	}
}

/* The months that have answers, ascending, into m->answer_months:
 * marked in a table over the answers' range of months, then listed.  A
 * date's month costs a calendar conversion; an employee's answers
 * mostly share a date, so it is converted only when it changes. */
static int build_answer_months(airs_model *m)
{
	const airs__responses *r = &m->responses;
	airs_date dlo = INT32_MAX, dhi = INT32_MIN, last;
	airs_month lo, hi, mo;
	unsigned char *seen;
	size_t i, n = 0;

	if (!r->n)
		return AIRS_OK;
	for (i = 0; i < r->n; i++) {
		dlo = r->v[i].date < dlo ? r->v[i].date : dlo;
		dhi = r->v[i].date > dhi ? r->v[i].date : dhi;
	}
	lo = airs__date_month(dlo); /* a later date is never an earlier month */
	hi = airs__date_month(dhi);
	seen = airs__calloc(&m->mem, (size_t)(hi - lo) + 1, 1);
	if (!seen)
		return AIRS_ENOMEM;
	last = dlo;
	mo = lo;
	for (i = 0; i < r->n; i++) {
		if (r->v[i].date != last) {
			last = r->v[i].date;
			mo = airs__date_month(last);
		}
		n += !seen[mo - lo];
		seen[mo - lo] = 1;
	}
	m->answer_months = airs__malloc(&m->mem, n * sizeof *m->answer_months);
	if (m->answer_months) {
		m->n_answer_months = n;
		for (n = 0, i = 0; i <= (size_t)(hi - lo); i++)
			if (seen[i])
				m->answer_months[n++] = lo + (airs_month)i;
	}
	airs__free(&m->mem, seen);
	return m->answer_months ? AIRS_OK : AIRS_ENOMEM;
}

static void free_sorted(airs_model *m)
{
	int i;

	for (i = 0; i < AIRS__SPACES; i++) {
		airs__free(&m->mem, m->sorted[i].order);
		airs__free(&m->mem, m->sorted[i].rank);
		m->sorted[i].order = m->sorted[i].rank = NULL;
	}
}

int airs_model_finish(airs_model *m)
{
	size_t u;
	int sp;
	int32_t *target = NULL;
	uint32_t *depth = NULL;

	if (!m)
		return AIRS_EINVAL;
	m->failure.msg[0] = '\0';
	if (m->finished)
		return AIRS_OK;
	for (sp = 0; sp < AIRS__SPACES; sp++)
		if (airs__names_order(space_at(m, sp), &m->mem,
		                      &m->sorted[sp].order,
		                      &m->sorted[sp].rank)) {
			free_sorted(m);
			return airs__model_oom(&m->failure);
		}
	target = airs__malloc(&m->mem, (m->units.n + 1) * sizeof *target);
	depth = airs__malloc(&m->mem, (m->units.n + 1) * sizeof *depth);
	if (!target || !depth ||
	    CSR_EMP(m, &m->by_emp_assessment, assessments) ||
	    CSR_EMP(m, &m->by_emp_training, trainings) ||
	    CSR_EMP(m, &m->by_emp_response, responses) ||
	    order_runs(m, &m->by_emp_assessment, assessment_before) ||
	    order_runs(m, &m->by_emp_training, training_before) ||
	    order_runs(m, &m->by_emp_response, response_before) ||
	    CSR_EMP(m, &m->by_emp_usage, usages) ||
	    CSR(m, &m->by_role_skill, m->roles.n, role_skills, airs__role_skill,
	        role) ||
	    CSR(m, &m->unit_children, m->units.n, units, airs__unit, parent) ||
	    build_requirements(m) || build_answer_months(m)) {
		airs__free(&m->mem, target);
		airs__free(&m->mem, depth);
		airs__free(&m->mem, m->req_start);
		airs__free(&m->mem, m->req);
		airs__free(&m->mem, m->req_weight);
		m->req_start = NULL;
		m->req = NULL;
		m->req_weight = NULL;
		airs__free(&m->mem, m->answer_months);
		m->answer_months = NULL;
		m->n_answer_months = 0;
		airs__model_free_csr(m, &m->by_emp_assessment);
		airs__model_free_csr(m, &m->by_emp_training);
		airs__model_free_csr(m, &m->by_emp_response);
		airs__model_free_csr(m, &m->by_emp_usage);
		airs__model_free_csr(m, &m->by_role_skill);
		airs__model_free_csr(m, &m->unit_children);
		free_sorted(m);
		return airs__model_oom(&m->failure);
	}
	/* Parents are always added before their children, so one pass in
	 * order of addition resolves inherited targets and depths. */
	for (u = 0; u < m->units.n; u++) {
		uint32_t p = m->units.v[u].parent;
		target[u] = m->units.v[u].target
		                    ? m->units.v[u].target
		                    : (p == AIRS__NONE ? 0 : target[p]);
		depth[u] = p == AIRS__NONE ? 0 : depth[p] + 1;
	}
	narrow_order(m, &m->by_emp_assessment);
	narrow_order(m, &m->by_emp_training);
	narrow_order(m, &m->by_emp_response);
	narrow_order(m, &m->by_emp_usage);
	m->unit_target = target;
	m->unit_depth = depth;
	m->usage_last = INT32_MIN;
	for (u = 0; u < m->usages.n; u++)
		if (m->usages.v[u].period > m->usage_last)
			m->usage_last = m->usages.v[u].period;
	/* Duplicate detection only serves adds, and a finished model takes
	 * none: give the memory back (128 MB at a million employees). */
	airs__hashidx_free(&m->role_skill_idx, &m->mem);
	airs__hashidx_free(&m->prereq_idx, &m->mem);
	airs__hashidx_free(&m->usages.idx, &m->mem);
	airs__free(&m->mem, m->usages.seen);
	m->usages.seen = NULL;
	m->usages.seen_words = 0;
	/* The employee columns are in the indexes now. */
	FREE_EMP(m, assessments);
	FREE_EMP(m, trainings);
	FREE_EMP(m, responses);
	FREE_EMP(m, usages);
	m->finished = 1;
	return AIRS_OK;
}

/*
 * model.c - the workforce model: its life cycle.
 *
 * Every add (model-add.c, model-records.c, model-usage.c,
 * model-people.c) follows the same three steps so that a failure leaves
 * the model as it was: (1) validate the whole record and resolve
 * references, (2) reserve room in every array and index it will touch
 * and copy its strings into the arena (either may fail; neither is
 * visible), (3) commit, which cannot fail.  Reading back is in
 * model-read.c, the loader's transactions in model-txn.c, finishing in
 * model-finish.c.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include "model-impl.h"

int airs_model_new(airs_model **out, const airs_allocator *alloc)
{
	airs__mem mem;
	airs_model *m;

	if (!out)
		return AIRS_EINVAL;
	*out = NULL;
	if (airs__mem_init(&mem, alloc))
		return AIRS_EINVAL;
	m = airs__calloc(&mem, 1, sizeof *m);
	if (!m)
		return AIRS_ENOMEM;
	m->mem = mem;
	atomic_init(&m->refs, 1);
	atomic_init(&m->digest_state, 0);
	airs__arena_init(&m->arena, &m->mem);
	airs__hashkey_new(&m->key);
	airs__names_init(&m->unit_ids, &m->key);
	airs__names_init(&m->role_ids, &m->key);
	airs__names_init(&m->skill_ids, &m->key);
	airs__names_init(&m->emp_ids, &m->key);
	airs__names_init(&m->course_ids, &m->key);
	airs__names_init(&m->item_ids, &m->key);
	airs__names_init(&m->wave_ids, &m->key);
	airs__names_init(&m->usages.tool_ids, &m->key);
	m->usages.key = m->key;
	airs__names_init(&m->attr_names, &m->key);
	airs__names_init(&m->attr_values, &m->key);
	*out = m;
	return AIRS_OK;
}

void airs__model_free_csr(airs_model *m, airs__csr *c)
{
	airs__free(&m->mem, c->start);
	airs__free(&m->mem, c->order);
	airs__free(&m->mem, c->shift);
	c->start = c->order = NULL;
	c->shift = NULL;
}

static void destroy(airs_model *m)
{
	const airs__mem mem = m->mem;
	size_t i;

	airs__names_free(&m->unit_ids, &mem);
	airs__names_free(&m->role_ids, &mem);
	airs__names_free(&m->skill_ids, &mem);
	airs__names_free(&m->emp_ids, &mem);
	airs__names_free(&m->course_ids, &mem);
	airs__names_free(&m->item_ids, &mem);
	airs__names_free(&m->wave_ids, &mem);
	airs__names_free(&m->usages.tool_ids, &mem);
	airs__names_free(&m->attr_names, &mem);
	airs__names_free(&m->attr_values, &mem);
	airs__free(&mem, m->units.v);
	airs__free(&mem, m->roles.v);
	airs__free(&mem, m->skills.v);
	airs__free(&mem, m->prereqs.v);
	airs__free(&mem, m->role_skills.v);
	airs__free(&mem, m->emps.v);
	airs__free(&mem, m->assessments.v);
	airs__free(&mem, m->assessments.emp);
	airs__free(&mem, m->trainings.emp);
	airs__free(&mem, m->responses.emp);
	airs__free(&mem, m->usages.emp);
	airs__free(&mem, m->courses.v);
	airs__free(&mem, m->trainings.v);
	airs__free(&mem, m->items.v);
	airs__free(&mem, m->tools.v);
	airs__free(&mem, m->waves.v);
	airs__free(&mem, m->responses.v);
	airs__free(&mem, m->usages.v);
	airs__src_free(&m->assessments.src, &mem);
	airs__src_free(&m->trainings.src, &mem);
	airs__src_free(&m->responses.src, &mem);
	airs__src_free(&m->usages.src, &mem);
	airs__hashidx_free(&m->role_skill_idx, &mem);
	airs__hashidx_free(&m->prereq_idx, &mem);
	airs__hashidx_free(&m->usages.idx, &mem);
	airs__free(&mem, m->usages.seen);
	for (i = 0; i < m->attr_cap; i++)
		airs__free(&mem, m->attr_cols[i]);
	airs__free(&mem, m->attr_cols);
	airs__free(&mem, m->attr_col_len);
	airs__model_free_csr(m, &m->by_emp_assessment);
	airs__model_free_csr(m, &m->by_emp_training);
	airs__model_free_csr(m, &m->by_emp_response);
	airs__model_free_csr(m, &m->by_emp_usage);
	airs__model_free_csr(m, &m->by_role_skill);
	airs__model_free_csr(m, &m->unit_children);
	airs__free(&mem, m->unit_target);
	airs__free(&mem, m->unit_depth);
	airs__free(&mem, m->answer_months);
	airs__free(&mem, m->req_start);
	airs__free(&mem, m->req);
	airs__free(&mem, m->req_weight);
	for (i = 0; i < AIRS__SPACES; i++) {
		airs__free(&mem, m->sorted[i].order);
		airs__free(&mem, m->sorted[i].rank);
	}
	airs__arena_free(&m->arena);
	airs__free(&mem, m);
}

void airs__model_retain(const airs_model *m)
{
	/* The reference count is the one part of a finished model that
	 * changes; it is atomic so results may be made from any thread. */
	atomic_fetch_add(&((airs_model *)(uintptr_t)m)->refs, 1);
}

void airs__model_release(airs_model *m)
{
	if (m && atomic_fetch_sub(&m->refs, 1) == 1)
		destroy(m);
}

void airs_model_free(airs_model *m)
{
	airs__model_release(m);
}

const char *airs_model_errmsg(const airs_model *m)
{
	return m ? m->failure.msg : "no model (NULL)";
}

int airs_model_is_finished(const airs_model *m)
{
	return m && m->finished;
}

/*
 * model-txn.c - the loader's transactions: a mark to roll back to,
 * record views for adds on parallel lanes, and joining them.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include "model-impl.h"

void airs__model_mark_get(const airs_model *m, airs__model_mark *k)
{
	k->units = m->units.n;
	k->roles = m->roles.n;
	k->skills = m->skills.n;
	k->prereqs = m->prereqs.n;
	k->role_skills = m->role_skills.n;
	k->emps = m->emps.n;
	k->assessments = m->assessments.n;
	k->courses = m->courses.n;
	k->trainings = m->trainings.n;
	k->items = m->items.n;
	k->responses = m->responses.n;
	k->usages = m->usages.n;
	k->tools = m->tools.n;
	k->waves = m->waves.n;
	k->tool_ids = m->usages.tool_ids.count;
	k->attr_names = m->attr_names.count;
	k->attr_values = m->attr_values.count;
	k->attr_set = m->attr_set;
	k->arena = airs__arena_mark_get(&m->arena);
}

/* Each kind's view, with base b, onto the parts in the given places. */
static void views(airs__rec_views *v, const airs__rec_base *b,
                  airs__assessments *a, airs__trainings *t,
                  airs__responses *r, airs__usages *u, airs__arena *arena)
{
	v->assessment.b = v->training.b = v->response.b = v->usage.b = *b;
	v->assessment.assessments = a;
	v->training.trainings = t;
	v->response.responses = r;
	v->usage.usages = u;
	v->usage.arena = arena;
}

void airs__model_views(airs__rec_views *v, airs_model *m)
{
	airs__rec_base b;

	airs__model_rec_base(&b, m, &m->failure, &m->emp_hint, &m->ids);
	views(v, &b, &m->assessments, &m->trainings, &m->responses,
	      &m->usages, &m->arena);
}

void airs__model_views_apart(airs__rec_views *v, const airs_model *m,
                             airs__rec_parts *p)
{
	airs__rec_base b;

	p->failure.msg[0] = '\0';
	p->failure.field = "";
	p->failure.rule[0] = '\0';
	p->emp_hint = m->emp_hint;
	p->assessments = m->assessments;
	p->trainings = m->trainings;
	p->responses = m->responses;
	p->usages = m->usages;
	p->arena = m->arena;
	p->ids = m->ids;
	airs__model_rec_base(&b, m, &p->failure, &p->emp_hint, &p->ids);
	views(v, &b, &p->assessments, &p->trainings, &p->responses,
	      &p->usages, &p->arena);
}

void airs__model_join(airs_model *m, const airs__rec_parts *p, int kind)
{
	switch (kind) {
	case AIRS_ENTITY_ASSESSMENT:
		m->assessments = p->assessments;
		break;
	case AIRS_ENTITY_TRAINING:
		m->trainings = p->trainings;
		break;
	case AIRS_ENTITY_RESPONSE:
		m->responses = p->responses;
		break;
	case AIRS_ENTITY_USAGE:
		m->usages = p->usages;
		m->arena = p->arena;
		break;
	default:
		break;
	}
}

void airs__model_rollback(airs_model *m, const airs__model_mark *k)
{
	size_t c, e;

	m->units.n = k->units;
	m->roles.n = k->roles;
	m->skills.n = k->skills;
	m->prereqs.n = k->prereqs;
	m->role_skills.n = k->role_skills;
	m->emps.n = k->emps;
	m->assessments.n = k->assessments;
	m->courses.n = k->courses;
	m->trainings.n = k->trainings;
	m->items.n = k->items;
	m->tools.n = k->tools;
	m->waves.n = k->waves;
	m->responses.n = k->responses;
	airs__model_usage_rollback(&m->usages, k->usages);
	m->usages.n = k->usages;
	airs__src_truncate(&m->assessments.src, k->assessments);
	airs__src_truncate(&m->trainings.src, k->trainings);
	airs__src_truncate(&m->responses.src, k->responses);
	airs__src_truncate(&m->usages.src, k->usages);
	airs__names_truncate(&m->unit_ids, k->units);
	airs__names_truncate(&m->role_ids, k->roles);
	airs__names_truncate(&m->skill_ids, k->skills);
	airs__names_truncate(&m->emp_ids, k->emps);
	airs__names_truncate(&m->course_ids, k->courses);
	airs__names_truncate(&m->item_ids, k->items);
	airs__names_truncate(&m->wave_ids, k->waves);
	airs__names_truncate(&m->usages.tool_ids, k->tool_ids);
	airs__names_truncate(&m->attr_names, k->attr_names);
	airs__names_truncate(&m->attr_values, k->attr_values);
	airs__hashidx_truncate(&m->prereq_idx, (uint32_t)k->prereqs,
	                       airs__model_prereq_hash, m);
	airs__hashidx_truncate(&m->role_skill_idx, (uint32_t)k->role_skills,
	                       airs__model_role_skill_hash, m);
	/* Attribute cells of removed employees, and columns of removed
	 * names, must read as unset when their numbers are reused. */
	for (c = 0; c < m->attr_cap; c++) {
		if (!m->attr_cols[c])
			continue;
		for (e = c < k->attr_names ? k->emps : 0;
		     e < m->attr_col_len[c]; e++)
			m->attr_cols[c][e] = 0;
	}
	m->attr_set = k->attr_set;
	airs__arena_release(&m->arena, k->arena);
}

/*
 * model-read.c - reading the model back: counts, ids, records.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include "model-impl.h"

#include <string.h>

#include "abi.h"

size_t airs_model_count(const airs_model *m, int entity)
{
	if (!m)
		return 0;
	switch (entity) {
	case AIRS_ENTITY_UNIT: return m->units.n;
	case AIRS_ENTITY_ROLE: return m->roles.n;
	case AIRS_ENTITY_SKILL: return m->skills.n;
	case AIRS_ENTITY_PREREQUISITE: return m->prereqs.n;
	case AIRS_ENTITY_ROLE_SKILL: return m->role_skills.n;
	case AIRS_ENTITY_EMPLOYEE: return m->emps.n;
	case AIRS_ENTITY_ASSESSMENT: return m->assessments.n;
	case AIRS_ENTITY_COURSE: return m->courses.n;
	case AIRS_ENTITY_TRAINING: return m->trainings.n;
	case AIRS_ENTITY_SURVEY_ITEM: return m->items.n;
	case AIRS_ENTITY_RESPONSE: return m->responses.n;
	case AIRS_ENTITY_USAGE: return m->usages.n;
	case AIRS_ENTITY_ATTRIBUTE: return m->attr_set;
	case AIRS_ENTITY_TOOL: return m->usages.tool_ids.count;
	default: return 0;
	}
}

static const airs__names *space_of(const airs_model *m, int entity)
{
	switch (entity) {
	case AIRS_ENTITY_UNIT: return &m->unit_ids;
	case AIRS_ENTITY_ROLE: return &m->role_ids;
	case AIRS_ENTITY_SKILL: return &m->skill_ids;
	case AIRS_ENTITY_EMPLOYEE: return &m->emp_ids;
	case AIRS_ENTITY_COURSE: return &m->course_ids;
	case AIRS_ENTITY_SURVEY_ITEM: return &m->item_ids;
	case AIRS_ENTITY_TOOL: return &m->usages.tool_ids;
	default: return NULL;
	}
}

int airs_model_find(const airs_model *m, int entity, const char *id,
                    size_t *index)
{
	const airs__names *n;
	uint32_t i;

	if (!m || !id || !(n = space_of(m, entity)))
		return AIRS_EINVAL;
	i = airs__names_find(n, id, strlen(id));
	if (i == AIRS__NONE)
		return AIRS_ENOTFOUND;
	if (index)
		*index = i;
	return AIRS_OK;
}

/* Getters fill a record of the library's layout and copy into the
 * caller's only as much as its size holds (abi.h). */
#define GET_BEGIN(m, out, index, vec, name)                         \
	do {                                                        \
		if (!(m) || AIRS__OUT_CHECK(name, out))             \
			return AIRS_EINVAL;                         \
		if ((index) >= (m)->vec.n)                          \
			return AIRS_ERANGE;                         \
	} while (0)

int airs_model_get_unit(const airs_model *m, size_t i, airs_unit_rec *out)
{
	airs_unit_rec v = AIRS_UNIT_REC_INIT;

	GET_BEGIN(m, out, i, units, UNIT_REC);
	v.id = m->unit_ids.str[i];
	v.name = m->units.v[i].name;
	v.parent_id = m->units.v[i].parent == AIRS__NONE
	            ? NULL
	            : m->unit_ids.str[m->units.v[i].parent];
	v.target_level = m->units.v[i].target;
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

int airs_model_get_role(const airs_model *m, size_t i, airs_role_rec *out)
{
	airs_role_rec v = AIRS_ROLE_REC_INIT;

	GET_BEGIN(m, out, i, roles, ROLE_REC);
	v.id = m->role_ids.str[i];
	v.name = m->roles.v[i].name;
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

int airs_model_get_skill(const airs_model *m, size_t i, airs_skill_rec *out)
{
	airs_skill_rec v = AIRS_SKILL_REC_INIT;

	GET_BEGIN(m, out, i, skills, SKILL_REC);
	v.id = m->skill_ids.str[i];
	v.name = m->skills.v[i].name;
	v.category = m->skills.v[i].category;
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

int airs_model_get_employee(const airs_model *m, size_t i,
                            airs_employee_rec *out)
{
	airs_employee_rec v = AIRS_EMPLOYEE_REC_INIT;

	GET_BEGIN(m, out, i, emps, EMPLOYEE_REC);
	v.id = m->emp_ids.str[i];
	v.unit_id = m->unit_ids.str[m->emps.v[i].unit];
	v.role_id = m->role_ids.str[m->emps.v[i].role];
	v.is_leader = m->emps.v[i].leader;
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

int airs_model_get_course(const airs_model *m, size_t i, airs_course_rec *out)
{
	airs_course_rec v = AIRS_COURSE_REC_INIT;

	GET_BEGIN(m, out, i, courses, COURSE_REC);
	v.id = m->course_ids.str[i];
	v.name = m->courses.v[i].name;
	v.skill_id = m->skill_ids.str[m->courses.v[i].skill];
	v.hours = m->courses.v[i].hours;
	v.level_gain = m->courses.v[i].gain;
	v.format = m->courses.v[i].format;
	v.cost = m->courses.v[i].cost;
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

int airs_model_get_survey_item(const airs_model *m, size_t i,
                               airs_survey_item_rec *out)
{
	airs_survey_item_rec v = AIRS_SURVEY_ITEM_REC_INIT;

	GET_BEGIN(m, out, i, items, SURVEY_ITEM_REC);
	v.id = m->item_ids.str[i];
	v.construct = m->items.v[i].construct_name;
	v.scale_min = m->items.v[i].min;
	v.scale_max = m->items.v[i].max;
	v.reverse = m->items.v[i].reverse;
	v.text = m->items.v[i].text;
	v.tool_id = m->items.v[i].tool == AIRS__NONE
	          ? NULL
	          : m->usages.tool_ids.str[m->items.v[i].tool];
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

int airs_model_get_tool(const airs_model *m, size_t i, airs_tool_rec *out)
{
	airs_tool_rec v = AIRS_TOOL_REC_INIT;
	const airs__tool *t;

	if (!m || airs__struct_out_check(out, sizeof v, AIRS__FIRST(TOOL_REC)))
		return AIRS_EINVAL;
	if (i >= m->usages.tool_ids.count)
		return AIRS_ERANGE;
	v.id = m->usages.tool_ids.str[i];
	if ((t = airs__tool_at(m, (uint32_t)i))) {
		v.name = t->name;
		v.category = t->category;
		v.unsanctioned = t->unsanctioned;
		v.available_from = t->available;
	}
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

const char *airs_model_manager(const airs_model *m, size_t index)
{
	if (!m || index >= m->emps.n || m->emps.v[index].manager == AIRS__NONE)
		return NULL;
	return m->emp_ids.str[m->emps.v[index].manager];
}

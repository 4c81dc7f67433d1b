/*
 * load-rows.c - the rows of the tables that define ids.
 */
#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "text.h"
#include "load-impl.h"

/* ------------------------------------------------------------------------
 * Rows
 * ---------------------------------------------------------------------- */

const char *airs__load_keep(struct loader *L, const char *s)
{
	return airs__arena_strdup(&L->arena, s, strlen(s));
}

int airs__load_row_unit(struct loader *L)
{
	struct unit_row *u;
	int target = 0, g;

	ROW_READS(UNIT_COUNT, 4);
	if ((g = airs__load_get_int(L, UNIT_TARGET, &target)) < 0)
		return airs__load_skip_row(L);
	if (g && (target < 1 || target > 5)) {
		airs__load_out_of_range(L, UNIT_TARGET, "is outside 1..5");
		return airs__load_skip_row(L);
	}
	if (airs__grow(&L->mem, &L->units.v, &L->units.cap, L->units.n + 1,
	               sizeof *L->units.v))
		return AIRS_ENOMEM;
	u = &L->units.v[L->units.n];
	if (!(u->id = airs__load_keep(L, airs__load_val(L, UNIT_ID))) ||
	    !(u->name = airs__load_keep(L, airs__load_val(L, UNIT_NAME))) ||
	    !(u->parent = airs__load_keep(L, airs__load_val(L, UNIT_PARENT))))
		return AIRS_ENOMEM;
	u->target = target;
	u->line = L->line;
	u->state = 0;
	L->units.n++;
	return AIRS_OK;
}

int airs__load_row_role(struct loader *L)
{
	airs_role_rec r = AIRS_ROLE_REC_INIT;

	ROW_READS(ROLE_COUNT, 2);
	r.id = airs__load_val(L, ROLE_ID);
	r.name = airs__load_val(L, ROLE_NAME);
	ADD(L, airs_model_add_role(L->m, &r), K_ROLE, r.id);
	return AIRS_OK;
}

/* Keep field j to apply after the file, for the row's id in column
 * owner: prerequisites or a manager. */
static int defer(struct loader *L, size_t owner, size_t j)
{
	struct later *p;

	if (airs__grow(&L->mem, &L->later.v, &L->later.cap, L->later.n + 1,
	               sizeof *L->later.v))
		return AIRS_ENOMEM;
	p = &L->later.v[L->later.n];
	if (!(p->id = airs__load_keep(L, airs__load_val(L, owner))) ||
	    !(p->text = airs__load_keep(L, airs__load_val(L, j))))
		return AIRS_ENOMEM;
	p->line = L->line;
	p->column = airs__load_colno(L, j);
	L->later.n++;
	return AIRS_OK;
}

int airs__load_row_skill(struct loader *L)
{
	airs_skill_rec r = AIRS_SKILL_REC_INIT;
	size_t before = L->m->skills.n;

	ROW_READS(SKILL_COUNT, 4);
	r.id = airs__load_val(L, SKILL_ID);
	r.name = airs__load_val(L, SKILL_NAME);
	r.category = airs__load_val(L, SKILL_CATEGORY);
	ADD(L, airs_model_add_skill(L->m, &r), K_SKILL, r.id);
	if (L->m->skills.n > before && *airs__load_val(L, SKILL_PREREQUISITES))
		return defer(L, SKILL_ID, SKILL_PREREQUISITES);
	return AIRS_OK;
}

/* The requirement just added (if it was) passes max_role_skills: a
 * person's scoring costs their role's requirements. */
static int role_skills_limit(struct loader *L, size_t before,
                             const char *role)
{
	const airs__role_skill *q;
	char what[320];

	if (L->m->role_skills.n == before)
		return AIRS_OK;
	q = &L->m->role_skills.v[before];
	if (q->role >= L->role_skills_cap) {
		size_t old = L->role_skills_cap;
		if (airs__grow(&L->mem, &L->role_skills, &L->role_skills_cap,
		               (size_t)q->role + 1, sizeof *L->role_skills)) {
			airs__load_oom(L);
			L->stop = 1;
			return AIRS_OK;
		}
		memset(L->role_skills + old, 0,
		       (L->role_skills_cap - old) * sizeof *L->role_skills);
	}
	if (++L->role_skills[q->role] > L->max_role_skills) {
		snprintf(what, sizeof what, "skills required by role \"%s\"",
		         role);
		airs__load_over_limit(L, L->line, what, L->max_role_skills,
		                      "max_role_skills");
	}
	return AIRS_OK;
}

int airs__load_row_role_skill(struct loader *L)
{
	airs_role_skill_rec r = AIRS_ROLE_SKILL_REC_INIT;
	size_t before = L->m->role_skills.n;

	ROW_READS(RS_COUNT, 4);
	r.role_id = airs__load_val(L, RS_ROLE);
	r.skill_id = airs__load_val(L, RS_SKILL);
	if (airs__load_get_num(L, RS_LEVEL, &r.required_level) < 0)
		return AIRS_OK;
	switch (airs__load_get_num(L, RS_WEIGHT, &r.weight)) {
	case -1:
		return AIRS_OK;
	case 1:
		/* 0 in the record means "default"; in the file it is an
		 * error like any weight that is not above 0. */
		if (!(r.weight > 0)) {
			airs__load_out_of_range(L, RS_WEIGHT, "must be greater than 0 and at "
			                   "most 1000");
			return AIRS_OK;
		}
		break;
	}
	ADD(L, airs_model_add_role_skill(L->m, &r), K_NONE, NULL);
	return role_skills_limit(L, before, r.role_id);
}

/* The manager of the employee just added as number e.  Most exports list
 * managers before their people: such a link is made at once, and needs
 * no cycle check - nobody reports to a new employee yet (links to it
 * come later in the file and wait in L->later) - so a long chain costs
 * no walk up it.  Forward references wait, and
 * airs__load_set_managers() links them
 * all at once, so that memory does not grow with the file for the usual
 * order. */
static int link_manager(struct loader *L, size_t e)
{
	const char *mid = airs__load_val(L, EMP_MANAGER);
	uint32_t g;
	int rc;

	if (!*mid)
		return AIRS_OK;
	g = airs__names_find(&L->m->emp_ids, mid, strlen(mid));
	if (g == AIRS__NONE)
		return defer(L, EMP_ID, EMP_MANAGER);
	if (g == e) {
		rc = airs__model_manager_cycle(L->m, airs__load_val(L, EMP_ID), mid, 1);
		airs__load_refused(L, rc, K_NONE, NULL, NULL, L->line, 0);
		return AIRS_OK;
	}
	L->m->emps.v[e].manager = g;
	return AIRS_OK;
}

int airs__load_row_employee(struct loader *L)
{
	airs_employee_rec r = AIRS_EMPLOYEE_REC_INIT;
	size_t i, before = L->m->emps.n;
	int rc;

	ROW_READS(EMP_COUNT, 5);
	r.id = airs__load_val(L, EMP_ID);
	r.unit_id = airs__load_val(L, EMP_UNIT);
	r.role_id = airs__load_val(L, EMP_ROLE);
	if (airs__load_get_bool(L, EMP_LEADER, &r.is_leader) < 0)
		return airs__load_skip_row(L);
	ADD(L, airs_model_add_employee(L->m, &r), K_EMP, r.id);
	if (L->m->emps.n == before)
		return AIRS_OK;
	for (i = 0; i < L->nattrs; i++) {
		const char *v = L->cell[L->attrs[i].field];
		char q[64];

		if (!*v)
			continue;
		rc = airs_model_set_attribute(L->m, r.id, L->attrs[i].name, v);
		if (rc == AIRS_ENOMEM)
			return rc;
		if (rc)
			airs__load_report(L, rc == AIRS_EINVAL ? AIRS_EPARSE : rc,
			       AIRS_SEVERITY_ERROR, L->line,
			       (uint32_t)L->attrs[i].field + 1, "%s \"%s\" %s",
			       L->attrs[i].head, airs__load_quote(q, sizeof q, v),
			       L->failure->rule);
	}
	return link_manager(L, before);
}

int airs__load_row_course(struct loader *L)
{
	airs_course_rec r = AIRS_COURSE_REC_INIT;
	int g;

	ROW_READS(COURSE_COUNT, 7);
	r.id = airs__load_val(L, COURSE_ID);
	r.name = airs__load_val(L, COURSE_NAME);
	r.skill_id = airs__load_val(L, COURSE_SKILL);
	if (airs__load_get_num(L, COURSE_HOURS, &r.hours) < 0 ||
	    (g = airs__load_get_num(L, COURSE_GAIN, &r.level_gain)) < 0 ||
	    airs__load_get_enum(L, COURSE_FORMAT, airs_format_parse, airs_format_name,
	             &r.format) < 0 ||
	    airs__load_get_num(L, COURSE_COST, &r.cost) < 0)
		return airs__load_skip_row(L);
	if (g && r.level_gain == 0) {
		/* 0 means "default 1" in the record; in the file a course
		 * that teaches nothing is more likely a mistake. */
		airs__load_out_of_range(L, COURSE_GAIN,
		             "must be greater than 0 and at most 5");
		return airs__load_skip_row(L);
	}
	ADD(L, airs_model_add_course(L->m, &r), K_COURSE, r.id);
	return AIRS_OK;
}

static void item_tool_warnings(struct loader *L, const airs__item *it,
                               const char *tool_id);

int airs__load_row_item(struct loader *L)
{
	airs_survey_item_rec r = AIRS_SURVEY_ITEM_REC_INIT;
	size_t before = L->m->items.n;
	char q[64];

	ROW_READS(ITEM_COUNT, 7);
	r.id = airs__load_val(L, ITEM_ID);
	r.construct = airs__load_val(L, ITEM_CONSTRUCT);
	r.text = airs__load_val(L, ITEM_TEXT);
	r.tool_id = airs__load_val(L, ITEM_TOOL);
	r.scale_min = 1;
	r.scale_max = 5;
	if (airs__load_get_num(L, ITEM_MIN, &r.scale_min) < 0 ||
	    airs__load_get_num(L, ITEM_MAX, &r.scale_max) < 0 ||
	    airs__load_get_bool(L, ITEM_REVERSE, &r.reverse) < 0)
		return airs__load_skip_row(L);
	if (r.scale_min == 0 && r.scale_max == 0) {
		/* The record would read 0..0 as the default scale. */
		airs__load_out_of_range(L, ITEM_MAX, "is not above scale_min 0");
		return airs__load_skip_row(L);
	}
	ADD(L, airs_model_add_survey_item(L->m, &r), K_ITEM, r.id);
	if (L->m->items.n > before &&
	    airs__construct_parse(r.construct, strlen(r.construct)) ==
	            AIRS__C_UNSCORED)
		airs__load_report(L, AIRS_OK, AIRS_SEVERITY_WARNING, L->line,
		       airs__load_colno(L, ITEM_CONSTRUCT),
		       "construct \"%s\" is not one the methodology scores; the "
		       "item is kept but not scored",
		       airs__load_quote(q, sizeof q, r.construct));
	if (L->m->items.n > before && *r.tool_id)
		item_tool_warnings(L, &L->m->items.v[before], r.tool_id);
	return AIRS_OK;
}

/* A survey item about one tool: a tool the registry lacks, and a
 * construct that is not part of a tool's benefit, are kept but said. */
static void item_tool_warnings(struct loader *L, const airs__item *it,
                               const char *tool_id)
{
	char q[64];

	if (L->m->tools.n && !airs__tool_at(L->m, it->tool))
		airs__load_report(L, AIRS_OK, AIRS_SEVERITY_WARNING, L->line,
		       airs__load_colno(L, ITEM_TOOL),
		       "tool_id \"%s\" is not in tools.csv; the tool is kept as "
		       "unregistered and unsanctioned (add it to tools.csv to "
		       "name it)", airs__load_quote(q, sizeof q, tool_id));
	if (it->construct != AIRS__C_USEFULNESS &&
	    it->construct != AIRS__C_TIME_SAVED)
		airs__load_report(L, AIRS_OK, AIRS_SEVERITY_WARNING, L->line,
		       airs__load_colno(L, ITEM_CONSTRUCT),
		       "construct \"%s\" of an item about tool \"%s\" is not "
		       "scored: a tool's benefit reads its usefulness and "
		       "time_saved items only", it->construct_name,
		       airs__load_quote(q, sizeof q, tool_id));
}

int airs__load_row_wave(struct loader *L)
{
	airs_wave_rec r = AIRS_WAVE_REC_INIT;

	ROW_READS(WAVE_COUNT, 3);
	r.id = airs__load_val(L, WAVE_ID);
	if (airs__load_get_date(L, WAVE_START, &r.start) < 0 ||
	    airs__load_get_date(L, WAVE_END, &r.end) < 0)
		return airs__load_skip_row(L);
	ADD(L, airs_model_add_wave(L->m, &r), K_WAVE, r.id);
	return AIRS_OK;
}

int airs__load_row_tool(struct loader *L)
{
	airs_tool_rec r = AIRS_TOOL_REC_INIT;
	int sanctioned = 1;

	ROW_READS(TOOL_COUNT, 5);
	r.id = airs__load_val(L, TOOL_ID);
	r.name = airs__load_val(L, TOOL_NAME);
	r.category = airs__load_val(L, TOOL_CATEGORY);
	if (airs__load_get_bool(L, TOOL_SANCTIONED, &sanctioned) < 0 ||
	    airs__load_get_month(L, TOOL_AVAILABLE, &r.available_from) < 0)
		return airs__load_skip_row(L);
	r.unsanctioned = !sanctioned;
	ADD(L, airs_model_add_tool(L->m, &r), K_TOOL, r.id);
	return AIRS_OK;
}

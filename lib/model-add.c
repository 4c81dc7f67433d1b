/*
 * model-add.c - adding the organisation to the model: units, roles,
 * skills, prerequisites, role requirements and employees.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include "model-impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "abi.h"

int airs_model_add_unit(airs_model *m, const airs_unit_rec *rec)
{
	airs_unit_rec in;
	const airs_unit_rec *r = &in;
	uint32_t parent = AIRS__NONE;
	const char *id, *name;
	char b[80], ctx[200];
	int rc;

	if ((rc = airs__model_begin(m, &in, sizeof in, rec,
	                            AIRS__FIRST(UNIT_REC))))
		return rc;
	if ((rc = airs__model_new_id(&m->failure, "unit_id", &m->unit_ids,
	                             r->id)))
		return rc;
	snprintf(ctx, sizeof ctx, "unit %s",
	         airs__model_quote(b, sizeof b, r->id));
	if ((rc = airs__model_check_text(&m->failure, ctx, "name", r->name, 1)))
		return rc;
	if (!airs__model_is_empty(r->parent_id)) {
		if (strcmp(r->parent_id, r->id) == 0)
			return airs__model_fail(
			        &m->failure, AIRS_ECYCLE, ctx, "parent_id",
			        airs__model_quote(b, sizeof b, r->parent_id),
			        "is the unit itself");
		if ((rc = airs__model_lookup(&m->failure, ctx, "parent_id",
		                             &m->unit_ids, "unit", r->parent_id,
		                             &parent)))
			return rc;
	}
	if (r->target_level < 0 || r->target_level > 5) {
		snprintf(b, sizeof b, "%d", r->target_level);
		return airs__model_fail(&m->failure, AIRS_ERANGE, ctx,
		                        "target_level", b, "is outside 1..5");
	}
	if (RESERVE(m, units) ||
	    airs__model_reserve_id(&m->arena, &m->unit_ids, r->id, &id) ||
	    !(name = airs__model_keep(m, r->name)))
		return airs__model_oom(&m->failure);
	airs__names_push(&m->unit_ids, id, strlen(id));
	m->units.v[m->units.n].name = name;
	m->units.v[m->units.n].parent = parent;
	m->units.v[m->units.n].target = r->target_level;
	m->units.n++;
	return AIRS_OK;
}

int airs_model_add_role(airs_model *m, const airs_role_rec *rec)
{
	airs_role_rec in;
	const airs_role_rec *r = &in;
	const char *id, *name;
	char b[80], ctx[200];
	int rc;

	if ((rc = airs__model_begin(m, &in, sizeof in, rec,
	                            AIRS__FIRST(ROLE_REC))))
		return rc;
	if ((rc = airs__model_new_id(&m->failure, "role_id", &m->role_ids,
	                             r->id)))
		return rc;
	snprintf(ctx, sizeof ctx, "role %s",
	         airs__model_quote(b, sizeof b, r->id));
	if ((rc = airs__model_check_text(&m->failure, ctx, "name", r->name, 1)))
		return rc;
	if (RESERVE(m, roles) ||
	    airs__model_reserve_id(&m->arena, &m->role_ids, r->id, &id) ||
	    !(name = airs__model_keep(m, r->name)))
		return airs__model_oom(&m->failure);
	airs__names_push(&m->role_ids, id, strlen(id));
	m->roles.v[m->roles.n++].name = name;
	return AIRS_OK;
}

int airs_model_add_skill(airs_model *m, const airs_skill_rec *rec)
{
	airs_skill_rec in;
	const airs_skill_rec *r = &in;
	const char *id, *name, *category;
	char b[80], ctx[200];
	int rc;

	if ((rc = airs__model_begin(m, &in, sizeof in, rec,
	                            AIRS__FIRST(SKILL_REC))))
		return rc;
	if ((rc = airs__model_new_id(&m->failure, "skill_id", &m->skill_ids,
	                             r->id)))
		return rc;
	snprintf(ctx, sizeof ctx, "skill %s",
	         airs__model_quote(b, sizeof b, r->id));
	if ((rc = airs__model_check_text(&m->failure, ctx, "name", r->name,
	                                 1)) ||
	    (rc = airs__model_check_text(&m->failure, ctx, "category",
	                                 r->category, 0)))
		return rc;
	if (RESERVE(m, skills) ||
	    airs__model_reserve_id(&m->arena, &m->skill_ids, r->id, &id) ||
	    !(name = airs__model_keep(m, r->name)) ||
	    !(category = airs__model_keep(m, r->category)))
		return airs__model_oom(&m->failure);
	airs__names_push(&m->skill_ids, id, strlen(id));
	m->skills.v[m->skills.n].name = name;
	m->skills.v[m->skills.n].category = category;
	m->skills.n++;
	return AIRS_OK;
}

struct pair_probe {
	const airs_model *m;
	uint32_t a, b;
};

static int prereq_eq(const void *ctx, uint32_t i)
{
	const struct pair_probe *p = ctx;

	return p->m->prereqs.v[i].skill == p->a &&
	       p->m->prereqs.v[i].requires == p->b;
}

static uint32_t pair_hash(const airs_model *m, uint32_t a, uint32_t b)
{
	return airs__hash_u64(&m->key, (uint64_t)a << 32 | b);
}

uint32_t airs__model_prereq_hash(const void *ctx, uint32_t i)
{
	const airs_model *m = ctx;

	return pair_hash(m, m->prereqs.v[i].skill, m->prereqs.v[i].requires);
}

/* Does skill `from` (transitively) require skill `to`?  Depth-first over
 * the prerequisite list with an explicit stack of skill numbers. */
static int requires_transitively(airs_model *m, uint32_t from, uint32_t to,
                                 int *found)
{
	size_t ns = m->skills.n, top = 0, i;
	uint32_t *stack;
	unsigned char *seen;

	*found = 0;
	stack = airs__malloc(&m->mem, ns * sizeof *stack);
	seen = airs__calloc(&m->mem, ns, 1);
	if (!stack || !seen) {
		airs__free(&m->mem, stack);
		airs__free(&m->mem, seen);
		return AIRS_ENOMEM;
	}
	stack[top++] = from;
	seen[from] = 1;
	while (top && !*found) {
		uint32_t s = stack[--top];
		for (i = 0; i < m->prereqs.n; i++) {
			uint32_t r = m->prereqs.v[i].requires;
			if (m->prereqs.v[i].skill != s || seen[r])
				continue;
			if (r == to) {
				*found = 1;
				break;
			}
			seen[r] = 1;
			stack[top++] = r;
		}
	}
	airs__free(&m->mem, stack);
	airs__free(&m->mem, seen);
	return AIRS_OK;
}

int airs_model_add_prerequisite(airs_model *m, const airs_prerequisite_rec *rec)
{
	airs_prerequisite_rec in;
	const airs_prerequisite_rec *r = &in;
	struct pair_probe p;
	uint32_t skill, req;
	char b[80], b2[80], ctx[200];
	double level;
	int rc, cyc;

	if ((rc = airs__model_begin(m, &in, sizeof in, rec,
	                            AIRS__FIRST(PREREQUISITE_REC))))
		return rc;
	if ((rc = airs__model_lookup(&m->failure, "prerequisite", "skill_id",
	                             &m->skill_ids, "skill", r->skill_id,
	                             &skill)))
		return rc;
	snprintf(ctx, sizeof ctx, "prerequisite of skill %s",
	         airs__model_quote(b, sizeof b, r->skill_id));
	if ((rc = airs__model_lookup(&m->failure, ctx, "prerequisites",
	                             &m->skill_ids, "skill", r->requires_id,
	                             &req)))
		return rc;
	if (req == skill)
		return airs__model_fail(
		        &m->failure, AIRS_ECYCLE, ctx, "prerequisites",
		        airs__model_quote(b, sizeof b, r->requires_id),
		        "is the skill itself");
	level = r->min_level == 0 ? 1 : r->min_level;
	if ((rc = airs__model_check_range(&m->failure, ctx, "prerequisites",
	                                  level, 0, 5)))
		return rc;
	p.m = m;
	p.a = skill;
	p.b = req;
	if (airs__hashidx_find(&m->prereq_idx, pair_hash(m, skill, req),
	                       prereq_eq, &p) != AIRS__NONE)
		return airs__model_fail(
		        &m->failure, AIRS_EEXIST, ctx, "prerequisites",
		        airs__model_quote(b, sizeof b, r->requires_id),
		        "is given twice");
	if (requires_transitively(m, req, skill, &cyc))
		return airs__model_oom(&m->failure);
	if (cyc)
		return airs__model_fail(
		        &m->failure, AIRS_ECYCLE, ctx, "prerequisites",
		        airs__model_quote(b, sizeof b, r->requires_id),
		        "already requires %s, so this would make a cycle",
		        airs__model_quote(b2, sizeof b2, r->skill_id));
	if (RESERVE(m, prereqs) ||
	    airs__hashidx_reserve(&m->prereq_idx, &m->mem, m->prereqs.n + 1))
		return airs__model_oom(&m->failure);
	m->prereqs.v[m->prereqs.n].skill = skill;
	m->prereqs.v[m->prereqs.n].requires = req;
	m->prereqs.v[m->prereqs.n].min_level = level;
	airs__hashidx_insert(&m->prereq_idx, pair_hash(m, skill, req),
	                     (uint32_t)m->prereqs.n);
	m->prereqs.n++;
	return AIRS_OK;
}

static int role_skill_eq(const void *ctx, uint32_t i)
{
	const struct pair_probe *p = ctx;

	return p->m->role_skills.v[i].role == p->a &&
	       p->m->role_skills.v[i].skill == p->b;
}

uint32_t airs__model_role_skill_hash(const void *ctx, uint32_t i)
{
	const airs_model *m = ctx;

	return pair_hash(m, m->role_skills.v[i].role,
	                 m->role_skills.v[i].skill);
}

int airs_model_add_role_skill(airs_model *m, const airs_role_skill_rec *rec)
{
	airs_role_skill_rec in;
	const airs_role_skill_rec *r = &in;
	struct pair_probe p;
	uint32_t role, skill;
	char b[80], b2[80], ctx[200];
	double weight;
	int rc;

	if ((rc = airs__model_begin(m, &in, sizeof in, rec,
	                            AIRS__FIRST(ROLE_SKILL_REC))))
		return rc;
	if ((rc = airs__model_lookup(&m->failure, "role requirement", "role_id",
	                             &m->role_ids, "role", r->role_id, &role)))
		return rc;
	snprintf(ctx, sizeof ctx, "requirement of role %s",
	         airs__model_quote(b, sizeof b, r->role_id));
	if ((rc = airs__model_lookup(&m->failure, ctx, "skill_id",
	                             &m->skill_ids, "skill", r->skill_id,
	                             &skill)))
		return rc;
	snprintf(ctx, sizeof ctx, "requirement of role %s for skill %s",
	         airs__model_quote(b, sizeof b, r->role_id),
	         airs__model_quote(b2, sizeof b2, r->skill_id));
	if ((rc = airs__model_check_range(&m->failure, ctx, "required_level",
	                                  r->required_level, 0, 5)))
		return rc;
	weight = r->weight == 0 ? 1 : r->weight;
	if (!isfinite(weight) || weight <= 0 || weight > 1000)
		return airs__model_fail(
		        &m->failure, AIRS_ERANGE, ctx, "weight",
		        airs__model_num(b, sizeof b, weight),
		        "must be greater than 0 and at most 1000");
	p.m = m;
	p.a = role;
	p.b = skill;
	if (airs__hashidx_find(&m->role_skill_idx, pair_hash(m, role, skill),
	                       role_skill_eq, &p) != AIRS__NONE)
		return airs__model_fail(
		        &m->failure, AIRS_EEXIST, ctx, "skill_id",
		        airs__model_quote(b2, sizeof b2, r->skill_id),
		        "is already required by this role");
	if (RESERVE(m, role_skills) ||
	    airs__hashidx_reserve(&m->role_skill_idx, &m->mem,
	                          m->role_skills.n + 1))
		return airs__model_oom(&m->failure);
	m->role_skills.v[m->role_skills.n].role = role;
	m->role_skills.v[m->role_skills.n].skill = skill;
	m->role_skills.v[m->role_skills.n].level = r->required_level;
	m->role_skills.v[m->role_skills.n].weight = weight;
	airs__hashidx_insert(&m->role_skill_idx, pair_hash(m, role, skill),
	                     (uint32_t)m->role_skills.n);
	m->role_skills.n++;
	return AIRS_OK;
}

int airs_model_add_employee(airs_model *m, const airs_employee_rec *rec)
{
	airs_employee_rec in;
	const airs_employee_rec *r = &in;
	uint32_t unit, role;
	const char *id;
	char b[80], ctx[200];
	int rc;

	if ((rc = airs__model_begin(m, &in, sizeof in, rec,
	                            AIRS__FIRST(EMPLOYEE_REC))))
		return rc;
	if ((rc = airs__model_new_id(&m->failure, "employee_id", &m->emp_ids,
	                             r->id)))
		return rc;
	/* the context is formatted only for a message (see
	 * airs__model_id_known()) */
	if (!airs__model_id_known(&m->unit_ids, &m->ids.unit, r->unit_id,
	                          &unit) ||
	    !airs__model_id_known(&m->role_ids, &m->ids.role, r->role_id,
	                          &role) ||
	    (r->is_leader != 0 && r->is_leader != 1)) {
		snprintf(ctx, sizeof ctx, "employee %s",
		         airs__model_quote(b, sizeof b, r->id));
		if ((rc = airs__model_lookup(&m->failure, ctx, "unit_id",
		                             &m->unit_ids, "unit", r->unit_id,
		                             &unit)) ||
		    (rc = airs__model_lookup(&m->failure, ctx, "role_id",
		                             &m->role_ids, "role", r->role_id,
		                             &role)))
			return rc;
		snprintf(b, sizeof b, "%d", r->is_leader);
		return airs__model_fail(&m->failure, AIRS_ERANGE, ctx,
		                        "is_leader", b, "is not 0 or 1");
	}
	if (RESERVE(m, emps) ||
	    airs__model_reserve_id(&m->arena, &m->emp_ids, r->id, &id))
		return airs__model_oom(&m->failure);
	/* attributes and records of the new employee usually follow */
	m->emp_hint = airs__names_push(&m->emp_ids, id, strlen(id));
	m->emps.v[m->emps.n].unit = unit;
	m->emps.v[m->emps.n].role = role;
	m->emps.v[m->emps.n].manager = AIRS__NONE;
	m->emps.v[m->emps.n].leader = r->is_leader;
	m->emps.n++;
	return AIRS_OK;
}

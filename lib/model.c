/*
 * model.c - the workforce model: validated adds, read-back, finish.
 *
 * Every add follows the same three steps so that a failure leaves the
 * model as it was: (1) validate the whole record and resolve references,
 * (2) reserve room in every array and index it will touch and copy its
 * strings into the arena (either may fail; neither is visible), (3) commit,
 * which cannot fail.
 */
#include "model.h"

#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "date.h"
#include "sort.h"
#include "text.h"

/* ------------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------------- */

/* Record a failure: "[ctx: ]field value rule".  value may be NULL.  The
 * field is a data-format column name, so the loader can point at the
 * column; the rule is kept apart so it can quote the raw text instead. */
static int fail(airs__failure *f, int status, const char *ctx,
                const char *field, const char *value, const char *rule, ...)
	AIRS__PRINTF(6, 7);

static int fail(airs__failure *f, int status, const char *ctx,
                const char *field, const char *value, const char *rule, ...)
{
	va_list ap;

	va_start(ap, rule);
	vsnprintf(f->rule, sizeof f->rule, rule, ap);
	va_end(ap);
	f->field = field;
	snprintf(f->msg, sizeof f->msg, "%s%s%s%s%s %s", ctx ? ctx : "",
	         ctx ? ": " : "", field, value ? " " : "", value ? value : "",
	         f->rule);
	return status;
}

/* Quote s for a message: "s" with control characters escaped. */
static const char *q(char *buf, size_t n, const char *s)
{
	char tmp[64];

	airs__quote(tmp, sizeof tmp, s, strlen(s));
	snprintf(buf, n, "\"%s\"", tmp);
	return buf;
}

static const char *num(char *buf, size_t n, double v)
{
	snprintf(buf, n, "%g", v);
	return buf;
}

/* Start a call that changes the model: clear the message, refuse a
 * finished model. */
static int begin_change(airs_model *m)
{
	if (!m)
		return AIRS_EINVAL;
	m->failure.msg[0] = '\0';
	m->failure.field = "";
	m->failure.rule[0] = '\0';
	if (m->finished) {
		snprintf(m->failure.msg, sizeof m->failure.msg,
		         "the model is finished and can no longer change");
		return AIRS_ESTATE;
	}
	return AIRS_OK;
}

/* Start an add: as begin_change(), and read the caller's record into in
 * (`have` bytes) by the size protocol (abi.h). */
static int begin(airs_model *m, void *in, size_t have, const void *rec,
                 size_t first)
{
	int rc = begin_change(m);

	if (rc)
		return rc;
	if (!rec)
		return airs__fail(m->failure.msg, AIRS_EINVAL, "record is NULL");
	if (airs__struct_in(in, have, rec, first))
		return airs__fail(m->failure.msg, AIRS_EINVAL, "record %s",
		                  airs__struct_why(rec, have, first));
	return AIRS_OK;
}

static int is_empty(const char *s)
{
	return !s || !*s;
}

/* Check a required id field; on failure record why. */
static int check_id(airs__failure *f, const char *ctx, const char *field,
                    const char *s)
{
	char b[80];
	const char *why;

	if (is_empty(s))
		return fail(f, AIRS_EINVAL, ctx, field, NULL, "is missing");
	why = airs__id_problem(s, strlen(s));
	if (why)
		return fail(f, AIRS_EINVAL, ctx, field, q(b, sizeof b, s), "%s", why);
	return AIRS_OK;
}

static int check_text(airs__failure *f, const char *ctx, const char *field,
                      const char *s, int required)
{
	const char *why;

	if (is_empty(s))
		return required ? fail(f, AIRS_EINVAL, ctx, field, NULL, "is missing")
		                : AIRS_OK;
	why = airs__text_problem(s, strlen(s));
	return why ? fail(f, AIRS_EINVAL, ctx, field, NULL, "%s", why) : AIRS_OK;
}

static int check_range(airs__failure *f, const char *ctx, const char *field,
                       double v, double lo, double hi)
{
	char b[40];

	if (!isfinite(v))
		return fail(f, AIRS_ERANGE, ctx, field, NULL, "is not a finite number");
	if (v < lo || v > hi)
		return fail(f, AIRS_ERANGE, ctx, field, num(b, sizeof b, v),
		            "is outside %g..%g", lo, hi);
	return AIRS_OK;
}

/* Resolve a reference: the number of id s in space n, or fail. */
static int lookup(airs__failure *f, const char *ctx, const char *field,
                  const airs__names *n, const char *what, const char *s,
                  uint32_t *out)
{
	char b[80];
	int rc;

	/* a known id is well-formed: check the form only of the others */
	if (!is_empty(s) &&
	    (*out = airs__names_find(n, s, strlen(s))) != AIRS__NONE)
		return AIRS_OK;
	if ((rc = check_id(f, ctx, field, s)))
		return rc;
	return fail(f, AIRS_ENOTFOUND, ctx, field, q(b, sizeof b, s),
	            "is not a known %s", what);
}

/* The same tests as lookup(), check_range() and check_date() without a
 * message: the adders of the many-row records run them first and build
 * the message context ("assessment of employee ..., skill ...") only when
 * one fails, then the checks again in their order, for the message.
 * Formatting the contexts for every row took a third of a load. */
static int id_known(const airs__names *n, airs__idcache *c, const char *s,
                    uint32_t *out)
{
	if (is_empty(s))
		return 0;
	*out = airs__names_find_cached(n, c, s);
	return *out != AIRS__NONE; /* and so well-formed */
}

/* The employee a record (or an attribute, or a manager) belongs to.
 * Files list an employee's records together, after the employee, so the
 * previous one's employee is tried first, then the one after it in
 * employees.csv (record files usually follow its order: a hash lookup
 * per employee and file is a cache miss into a table of every employee,
 * a tenth of a load's CPU at 100k): an id equal to a known one is known
 * and well-formed. */
static int record_employee(const airs__rec_base *b, const char *what,
                           const char *s, uint32_t *out)
{
	uint32_t h = *b->emp_hint;
	const airs__names *ids = b->emp_ids;
	int rc;

	if (s && h < ids->count && strcmp(ids->str[h], s) == 0) {
		*out = h;
		return AIRS_OK;
	}
	if (s && (size_t)h + 1 < ids->count && strcmp(ids->str[h + 1], s) == 0) {
		*out = *b->emp_hint = h + 1;
		return AIRS_OK;
	}
	rc = lookup(b->failure, what, "employee_id", b->emp_ids, "employee", s,
	            out);
	if (rc == AIRS_OK)
		*b->emp_hint = *out;
	return rc;
}

/* A new id must be well-formed and unused. */
static int new_id(airs__failure *f, const char *field, const airs__names *n,
                  const char *s)
{
	char b[80];
	int rc = check_id(f, NULL, field, s);

	if (rc)
		return rc;
	if (airs__names_find(n, s, strlen(s)) != AIRS__NONE)
		return fail(f, AIRS_EEXIST, NULL, field, q(b, sizeof b, s),
		            "is already defined");
	return AIRS_OK;
}

static int oom(airs__failure *f)
{
	snprintf(f->msg, sizeof f->msg, "out of memory");
	f->field = "";
	snprintf(f->rule, sizeof f->rule, "out of memory");
	return AIRS_ENOMEM;
}

/* Room for one more element of the array *vec (an AIRS__VEC). */
#define GROW1(mem, vec) \
	airs__grow((mem), &(vec)->v, &(vec)->cap, (vec)->n + 1, sizeof *(vec)->v)
#define RESERVE(m, vec) GROW1(&(m)->mem, &(m)->vec)
/* The same for an employees' record array *recs and its employee column. */
#define RESERVE_REC(mem, recs) \
	(GROW1(mem, recs) || \
	 airs__grow((mem), &(recs)->emp, &(recs)->ecap, (recs)->n + 1, \
	            sizeof *(recs)->emp))

/* Copy an optional string into the arena ("" when NULL). */
static const char *keep(airs_model *m, const char *s)
{
	if (is_empty(s))
		return "";
	return airs__arena_strdup(&m->arena, s, strlen(s));
}

/* Reserve and copy into arena a a new id; *copy is its stable bytes. */
static int reserve_id(airs__arena *a, airs__names *n, const char *s,
                      const char **copy)
{
	if (airs__names_reserve(n, a->mem, 1))
		return AIRS_ENOMEM;
	*copy = airs__arena_strdup(a, s, strlen(s));
	return *copy ? AIRS_OK : AIRS_ENOMEM;
}

/* The base of a view of m whose adds say why they failed in *failure and
 * keep their guesses at the employee in *emp_hint and at ids in *ids. */
static void rec_base(airs__rec_base *b, const airs_model *m,
                     airs__failure *failure, uint32_t *emp_hint,
                     airs__idcaches *ids)
{
	b->mem = &m->mem;
	b->emp_ids = &m->emp_ids;
	b->skill_ids = &m->skill_ids;
	b->course_ids = &m->course_ids;
	b->item_ids = &m->item_ids;
	b->courses = &m->courses;
	b->items = &m->items;
	b->wave_ids = &m->wave_ids;
	b->waves = &m->waves;
	b->failure = failure;
	b->emp_hint = emp_hint;
	b->ids = ids;
}

/* ------------------------------------------------------------------------
 * Life cycle
 * ---------------------------------------------------------------------- */

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

static void free_csr(airs_model *m, airs__csr *c)
{
	airs__free(&m->mem, c->start);
	airs__free(&m->mem, c->order);
	c->start = c->order = NULL;
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
	free_csr(m, &m->by_emp_assessment);
	free_csr(m, &m->by_emp_training);
	free_csr(m, &m->by_emp_response);
	free_csr(m, &m->by_emp_usage);
	free_csr(m, &m->by_role_skill);
	free_csr(m, &m->unit_children);
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

/* ------------------------------------------------------------------------
 * Adding entities
 * ---------------------------------------------------------------------- */

int airs_model_add_unit(airs_model *m, const airs_unit_rec *rec)
{
	airs_unit_rec in;
	const airs_unit_rec *r = &in;
	uint32_t parent = AIRS__NONE;
	const char *id, *name;
	char b[80], ctx[200];
	int rc;

	if ((rc = begin(m, &in, sizeof in, rec, AIRS__FIRST(UNIT_REC))))
		return rc;
	if ((rc = new_id(&m->failure, "unit_id", &m->unit_ids, r->id)))
		return rc;
	snprintf(ctx, sizeof ctx, "unit %s", q(b, sizeof b, r->id));
	if ((rc = check_text(&m->failure, ctx, "name", r->name, 1)))
		return rc;
	if (!is_empty(r->parent_id)) {
		if (strcmp(r->parent_id, r->id) == 0)
			return fail(&m->failure, AIRS_ECYCLE, ctx, "parent_id",
			            q(b, sizeof b, r->parent_id),
			            "is the unit itself");
		if ((rc = lookup(&m->failure, ctx, "parent_id", &m->unit_ids, "unit",
		                 r->parent_id, &parent)))
			return rc;
	}
	if (r->target_level < 0 || r->target_level > 5) {
		snprintf(b, sizeof b, "%d", r->target_level);
		return fail(&m->failure, AIRS_ERANGE, ctx, "target_level", b,
		            "is outside 1..5");
	}
	if (RESERVE(m, units) || reserve_id(&m->arena, &m->unit_ids, r->id, &id) ||
	    !(name = keep(m, r->name)))
		return oom(&m->failure);
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

	if ((rc = begin(m, &in, sizeof in, rec, AIRS__FIRST(ROLE_REC))))
		return rc;
	if ((rc = new_id(&m->failure, "role_id", &m->role_ids, r->id)))
		return rc;
	snprintf(ctx, sizeof ctx, "role %s", q(b, sizeof b, r->id));
	if ((rc = check_text(&m->failure, ctx, "name", r->name, 1)))
		return rc;
	if (RESERVE(m, roles) || reserve_id(&m->arena, &m->role_ids, r->id, &id) ||
	    !(name = keep(m, r->name)))
		return oom(&m->failure);
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

	if ((rc = begin(m, &in, sizeof in, rec, AIRS__FIRST(SKILL_REC))))
		return rc;
	if ((rc = new_id(&m->failure, "skill_id", &m->skill_ids, r->id)))
		return rc;
	snprintf(ctx, sizeof ctx, "skill %s", q(b, sizeof b, r->id));
	if ((rc = check_text(&m->failure, ctx, "name", r->name, 1)) ||
	    (rc = check_text(&m->failure, ctx, "category", r->category, 0)))
		return rc;
	if (RESERVE(m, skills) || reserve_id(&m->arena, &m->skill_ids, r->id, &id) ||
	    !(name = keep(m, r->name)) || !(category = keep(m, r->category)))
		return oom(&m->failure);
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

static uint32_t prereq_hash(const void *ctx, uint32_t i)
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

	if ((rc = begin(m, &in, sizeof in, rec, AIRS__FIRST(PREREQUISITE_REC))))
		return rc;
	if ((rc = lookup(&m->failure, "prerequisite", "skill_id", &m->skill_ids, "skill",
	                 r->skill_id, &skill)))
		return rc;
	snprintf(ctx, sizeof ctx, "prerequisite of skill %s",
	         q(b, sizeof b, r->skill_id));
	if ((rc = lookup(&m->failure, ctx, "prerequisites", &m->skill_ids, "skill",
	                 r->requires_id, &req)))
		return rc;
	if (req == skill)
		return fail(&m->failure, AIRS_ECYCLE, ctx, "prerequisites",
		            q(b, sizeof b, r->requires_id), "is the skill itself");
	level = r->min_level == 0 ? 1 : r->min_level;
	if ((rc = check_range(&m->failure, ctx, "prerequisites", level, 0, 5)))
		return rc;
	p.m = m;
	p.a = skill;
	p.b = req;
	if (airs__hashidx_find(&m->prereq_idx, pair_hash(m, skill, req), prereq_eq,
	                       &p) != AIRS__NONE)
		return fail(&m->failure, AIRS_EEXIST, ctx, "prerequisites",
		            q(b, sizeof b, r->requires_id), "is given twice");
	if (requires_transitively(m, req, skill, &cyc))
		return oom(&m->failure);
	if (cyc)
		return fail(&m->failure, AIRS_ECYCLE, ctx, "prerequisites",
		            q(b, sizeof b, r->requires_id),
		            "already requires %s, so this would make a cycle",
		            q(b2, sizeof b2, r->skill_id));
	if (RESERVE(m, prereqs) ||
	    airs__hashidx_reserve(&m->prereq_idx, &m->mem, m->prereqs.n + 1))
		return oom(&m->failure);
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

static uint32_t role_skill_hash(const void *ctx, uint32_t i)
{
	const airs_model *m = ctx;

	return pair_hash(m, m->role_skills.v[i].role, m->role_skills.v[i].skill);
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

	if ((rc = begin(m, &in, sizeof in, rec, AIRS__FIRST(ROLE_SKILL_REC))))
		return rc;
	if ((rc = lookup(&m->failure, "role requirement", "role_id", &m->role_ids, "role",
	                 r->role_id, &role)))
		return rc;
	snprintf(ctx, sizeof ctx, "requirement of role %s",
	         q(b, sizeof b, r->role_id));
	if ((rc = lookup(&m->failure, ctx, "skill_id", &m->skill_ids, "skill", r->skill_id,
	                 &skill)))
		return rc;
	snprintf(ctx, sizeof ctx, "requirement of role %s for skill %s",
	         q(b, sizeof b, r->role_id), q(b2, sizeof b2, r->skill_id));
	if ((rc = check_range(&m->failure, ctx, "required_level", r->required_level, 0, 5)))
		return rc;
	weight = r->weight == 0 ? 1 : r->weight;
	if (!isfinite(weight) || weight <= 0 || weight > 1000)
		return fail(&m->failure, AIRS_ERANGE, ctx, "weight", num(b, sizeof b, weight),
		            "must be greater than 0 and at most 1000");
	p.m = m;
	p.a = role;
	p.b = skill;
	if (airs__hashidx_find(&m->role_skill_idx, pair_hash(m, role, skill),
	                       role_skill_eq, &p) != AIRS__NONE)
		return fail(&m->failure, AIRS_EEXIST, ctx, "skill_id",
		            q(b2, sizeof b2, r->skill_id),
		            "is already required by this role");
	if (RESERVE(m, role_skills) ||
	    airs__hashidx_reserve(&m->role_skill_idx, &m->mem,
	                          m->role_skills.n + 1))
		return oom(&m->failure);
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

	if ((rc = begin(m, &in, sizeof in, rec, AIRS__FIRST(EMPLOYEE_REC))))
		return rc;
	if ((rc = new_id(&m->failure, "employee_id", &m->emp_ids, r->id)))
		return rc;
	/* the context is formatted only for a message (see id_known()) */
	if (!id_known(&m->unit_ids, &m->ids.unit, r->unit_id, &unit) ||
	    !id_known(&m->role_ids, &m->ids.role, r->role_id, &role) ||
	    (r->is_leader != 0 && r->is_leader != 1)) {
		snprintf(ctx, sizeof ctx, "employee %s", q(b, sizeof b, r->id));
		if ((rc = lookup(&m->failure, ctx, "unit_id", &m->unit_ids, "unit",
		                 r->unit_id, &unit)) ||
		    (rc = lookup(&m->failure, ctx, "role_id", &m->role_ids, "role",
		                 r->role_id, &role)))
			return rc;
		snprintf(b, sizeof b, "%d", r->is_leader);
		return fail(&m->failure, AIRS_ERANGE, ctx, "is_leader", b, "is not 0 or 1");
	}
	if (RESERVE(m, emps) || reserve_id(&m->arena, &m->emp_ids, r->id, &id))
		return oom(&m->failure);
	/* attributes and records of the new employee usually follow */
	m->emp_hint = airs__names_push(&m->emp_ids, id, strlen(id));
	m->emps.v[m->emps.n].unit = unit;
	m->emps.v[m->emps.n].role = role;
	m->emps.v[m->emps.n].manager = AIRS__NONE;
	m->emps.v[m->emps.n].leader = r->is_leader;
	m->emps.n++;
	return AIRS_OK;
}

static int check_date(airs__failure *f, const char *ctx, const char *field,
                      airs_date d)
{
	char b[24];

	if (!airs__date_valid(d)) {
		snprintf(b, sizeof b, "%ld", (long)d);
		return fail(f, AIRS_ERANGE, ctx, field, b,
		            "is not a date in 1900-01-01..9999-12-31");
	}
	return AIRS_OK;
}

static int in_range(double v, double lo, double hi)
{
	return isfinite(v) && v >= lo && v <= hi;
}

int airs__add_assessment(const airs__assessment_view *v,
                         const airs_assessment_rec *r)
{
	const airs__rec_base *b = &v->b;
	airs__assessments *a = v->assessments;
	uint32_t emp, skill;
	char q1[80], q2[80], ctx[200];
	int rc;

	if ((rc = record_employee(b, "assessment", r->employee_id, &emp)))
		return rc;
	if (!id_known(b->skill_ids, &b->ids->skill, r->skill_id, &skill) ||
	    !in_range(r->level, 0, 5) || !airs__date_valid(r->date) ||
	    !airs_source_name(r->source)) {
		snprintf(ctx, sizeof ctx, "assessment of employee %s",
		         q(q1, sizeof q1, r->employee_id));
		if ((rc = lookup(b->failure, ctx, "skill_id", b->skill_ids,
		                 "skill", r->skill_id, &skill)))
			return rc;
		snprintf(ctx, sizeof ctx, "assessment of employee %s, skill %s",
		         q(q1, sizeof q1, r->employee_id),
		         q(q2, sizeof q2, r->skill_id));
		if ((rc = check_range(b->failure, ctx, "level", r->level, 0, 5)) ||
		    (rc = check_date(b->failure, ctx, "date", r->date)))
			return rc;
		if (!airs_source_name(r->source)) {
			snprintf(q1, sizeof q1, "%d", r->source);
			return fail(b->failure, AIRS_ERANGE, ctx, "source", q1,
			            "is not one of self, manager, test, "
			            "certification");
		}
	}
	if (RESERVE_REC(b->mem, a))
		return oom(b->failure);
	a->emp[a->n] = emp;
	a->v[a->n].skill = skill;
	a->v[a->n].level = r->level;
	a->v[a->n].date = r->date;
	a->v[a->n].source = r->source;
	a->n++;
	return AIRS_OK;
}

int airs_model_add_assessment(airs_model *m, const airs_assessment_rec *rec)
{
	airs_assessment_rec in;
	airs__assessment_view v;
	int rc;

	if ((rc = begin(m, &in, sizeof in, rec, AIRS__FIRST(ASSESSMENT_REC))))
		return rc;
	rec_base(&v.b, m, &m->failure, &m->emp_hint, &m->ids);
	v.assessments = &m->assessments;
	return airs__add_assessment(&v, &in);
}

int airs_model_add_course(airs_model *m, const airs_course_rec *rec)
{
	airs_course_rec in;
	const airs_course_rec *r = &in;
	uint32_t skill;
	const char *id, *name;
	char b[80], ctx[200];
	double gain;
	int rc;

	if ((rc = begin(m, &in, sizeof in, rec, AIRS__FIRST(COURSE_REC))))
		return rc;
	if ((rc = new_id(&m->failure, "course_id", &m->course_ids, r->id)))
		return rc;
	snprintf(ctx, sizeof ctx, "course %s", q(b, sizeof b, r->id));
	if ((rc = check_text(&m->failure, ctx, "name", r->name, 1)) ||
	    (rc = lookup(&m->failure, ctx, "skill_id", &m->skill_ids, "skill", r->skill_id,
	                 &skill)))
		return rc;
	if (!isfinite(r->hours) || r->hours <= 0 || r->hours > 10000)
		return fail(&m->failure, AIRS_ERANGE, ctx, "hours",
		            num(b, sizeof b, r->hours),
		            "must be greater than 0 and at most 10000");
	gain = r->level_gain == 0 ? 1 : r->level_gain;
	if ((rc = check_range(&m->failure, ctx, "level_gain", gain, 0, 5)) ||
	    (rc = check_range(&m->failure, ctx, "cost", r->cost, 0, 1e12)))
		return rc;
	if (!airs_format_name(r->format)) {
		snprintf(b, sizeof b, "%d", r->format);
		return fail(&m->failure, AIRS_ERANGE, ctx, "format", b,
		            "is not one of self_paced, workshop, demo, mentoring, "
		            "project, briefing");
	}
	if (RESERVE(m, courses) || reserve_id(&m->arena, &m->course_ids, r->id, &id) ||
	    !(name = keep(m, r->name)))
		return oom(&m->failure);
	airs__names_push(&m->course_ids, id, strlen(id));
	m->courses.v[m->courses.n].name = name;
	m->courses.v[m->courses.n].skill = skill;
	m->courses.v[m->courses.n].format = r->format;
	m->courses.v[m->courses.n].hours = r->hours;
	m->courses.v[m->courses.n].gain = gain;
	m->courses.v[m->courses.n].cost = r->cost;
	m->courses.n++;
	return AIRS_OK;
}

int airs__add_training(const airs__training_view *v,
                       const airs_training_rec *r)
{
	const airs__rec_base *b = &v->b;
	const airs__course *courses = b->courses->v;
	airs__trainings *t = v->trainings;
	uint32_t emp, course = AIRS__NONE, skill = AIRS__NONE;
	char q1[80], q2[80], ctx[200];
	int rc;

	if ((rc = record_employee(b, "training", r->employee_id, &emp)))
		return rc;
	/* The checks below in their order, for the message, run only when
	 * these quick ones find a problem (see id_known()). */
	if ((!is_empty(r->course_id) || !is_empty(r->skill_id)) &&
	    (is_empty(r->course_id) ||
	     id_known(b->course_ids, &b->ids->course, r->course_id,
	              &course)) &&
	    (is_empty(r->skill_id) ||
	     id_known(b->skill_ids, &b->ids->skill, r->skill_id, &skill)) &&
	    (course == AIRS__NONE || skill == AIRS__NONE ||
	     courses[course].skill == skill) &&
	    in_range(r->hours, 0, 10000) && airs__date_valid(r->date) &&
	    airs_training_status_name(r->status)) {
		if (skill == AIRS__NONE)
			skill = courses[course].skill;
		goto commit;
	}
	snprintf(ctx, sizeof ctx, "training of employee %s",
	         q(q1, sizeof q1, r->employee_id));
	if (is_empty(r->course_id) && is_empty(r->skill_id))
		return fail(b->failure, AIRS_EINVAL, ctx, "course_id", NULL,
		            "and skill_id are both missing; give at least one");
	if (!is_empty(r->course_id) &&
	    (rc = lookup(b->failure, ctx, "course_id", b->course_ids, "course",
	                 r->course_id, &course)))
		return rc;
	if (!is_empty(r->skill_id)) {
		if ((rc = lookup(b->failure, ctx, "skill_id", b->skill_ids,
		                 "skill", r->skill_id, &skill)))
			return rc;
		if (course != AIRS__NONE && courses[course].skill != skill)
			return fail(b->failure, AIRS_EINVAL, ctx, "skill_id",
			            q(q2, sizeof q2, r->skill_id),
			            "is not the skill course %s teaches (%s)",
			            q(q1, sizeof q1, r->course_id),
			            b->skill_ids->str[courses[course].skill]);
	} else {
		skill = courses[course].skill;
	}
	if ((rc = check_range(b->failure, ctx, "hours", r->hours, 0, 10000)) ||
	    (rc = check_date(b->failure, ctx, "date", r->date)))
		return rc;
	if (!airs_training_status_name(r->status)) {
		snprintf(q1, sizeof q1, "%d", r->status);
		return fail(b->failure, AIRS_ERANGE, ctx, "status", q1,
		            "is not one of completed, in_progress, planned");
	}
commit:
	if (RESERVE_REC(b->mem, t))
		return oom(b->failure);
	t->emp[t->n] = emp;
	t->v[t->n].course = course;
	t->v[t->n].skill = skill;
	t->v[t->n].status = r->status;
	t->v[t->n].hours = r->hours;
	t->v[t->n].date = r->date;
	t->n++;
	return AIRS_OK;
}

int airs_model_add_training(airs_model *m, const airs_training_rec *rec)
{
	airs_training_rec in;
	airs__training_view v;
	int rc;

	if ((rc = begin(m, &in, sizeof in, rec, AIRS__FIRST(TRAINING_REC))))
		return rc;
	rec_base(&v.b, m, &m->failure, &m->emp_hint, &m->ids);
	v.trainings = &m->trainings;
	return airs__add_training(&v, &in);
}

int airs_model_add_survey_item(airs_model *m, const airs_survey_item_rec *rec)
{
	airs_survey_item_rec in;
	const airs_survey_item_rec *r = &in;
	const char *id, *construct, *text, *tool_copy = NULL;
	char b[80], ctx[200];
	double lo, hi;
	uint32_t tool;
	int rc;

	if ((rc = begin(m, &in, sizeof in, rec, AIRS__FIRST(SURVEY_ITEM_REC))))
		return rc;
	lo = r->scale_min;
	hi = r->scale_max;
	if ((rc = new_id(&m->failure, "item_id", &m->item_ids, r->id)))
		return rc;
	snprintf(ctx, sizeof ctx, "survey item %s", q(b, sizeof b, r->id));
	if ((rc = check_id(&m->failure, ctx, "construct", r->construct)) ||
	    (rc = check_text(&m->failure, ctx, "text", r->text, 0)))
		return rc;
	if (lo == 0 && hi == 0) {
		lo = 1;
		hi = 5;
	}
	if ((rc = check_range(&m->failure, ctx, "scale_min", lo, -1000, 1000)) ||
	    (rc = check_range(&m->failure, ctx, "scale_max", hi, -1000, 1000)))
		return rc;
	if (lo >= hi)
		return fail(&m->failure, AIRS_ERANGE, ctx, "scale_max", num(b, sizeof b, hi),
		            "is not above scale_min %g", lo);
	if (r->reverse != 0 && r->reverse != 1) {
		snprintf(b, sizeof b, "%d", r->reverse);
		return fail(&m->failure, AIRS_ERANGE, ctx, "reverse", b, "is not 0 or 1");
	}
	tool = is_empty(r->tool_id)
	               ? AIRS__NONE
	               : airs__names_find(&m->usages.tool_ids, r->tool_id,
	                                  strlen(r->tool_id));
	if (tool == AIRS__NONE && !is_empty(r->tool_id) &&
	    (rc = check_id(&m->failure, ctx, "tool_id", r->tool_id)))
		return rc;
	if (RESERVE(m, items) || reserve_id(&m->arena, &m->item_ids, r->id, &id) ||
	    !(construct = keep(m, r->construct)) || !(text = keep(m, r->text)) ||
	    (tool == AIRS__NONE && !is_empty(r->tool_id) &&
	     reserve_id(&m->arena, &m->usages.tool_ids, r->tool_id, &tool_copy)))
		return oom(&m->failure);
	if (tool_copy)
		tool = airs__names_push(&m->usages.tool_ids, tool_copy,
		                        strlen(tool_copy));
	m->items.v[m->items.n].tool = tool;
	airs__names_push(&m->item_ids, id, strlen(id));
	m->items.v[m->items.n].construct_name = construct;
	m->items.v[m->items.n].text = text;
	m->items.v[m->items.n].construct =
		airs__construct_parse(construct, strlen(construct));
	m->items.v[m->items.n].reverse = r->reverse;
	m->items.v[m->items.n].min = lo;
	m->items.v[m->items.n].max = hi;
	m->items.n++;
	return AIRS_OK;
}

/* A response that names its wave: a known wave whose period holds the
 * answer's date (methodology 4.1). */
static int response_wave(const airs__rec_base *b, const airs_response_rec *r)
{
	const airs__wave *w;
	char q1[80], q2[80], ctx[200], d[3][12];
	uint32_t x;
	int rc;

	snprintf(ctx, sizeof ctx, "response of employee %s to item %s",
	         q(q1, sizeof q1, r->employee_id), q(q2, sizeof q2, r->item_id));
	if ((rc = lookup(b->failure, ctx, "wave", b->wave_ids, "survey wave",
	                 r->wave_id, &x)))
		return rc;
	w = &b->waves->v[x];
	if (r->date >= w->start && r->date <= w->end)
		return AIRS_OK;
	airs_date_format(r->date, d[0]);
	airs_date_format(w->start, d[1]);
	airs_date_format(w->end, d[2]);
	return fail(b->failure, AIRS_ERANGE, ctx, "date", d[0],
	            "is outside wave %s (%s..%s): correct the date, or the "
	            "wave's start or end", q(q1, sizeof q1, r->wave_id), d[1],
	            d[2]);
}

int airs__add_response(const airs__response_view *v,
                       const airs_response_rec *r)
{
	const airs__rec_base *b = &v->b;
	const airs__item *items = b->items->v;
	airs__responses *re = v->responses;
	uint32_t emp, item;
	char q1[80], q2[80], ctx[200];
	int rc;

	if ((rc = record_employee(b, "response", r->employee_id, &emp)))
		return rc;
	if (!id_known(b->item_ids, &b->ids->item, r->item_id, &item) ||
	    !in_range(r->value, items[item].min, items[item].max) ||
	    !airs__date_valid(r->date)) {
		snprintf(ctx, sizeof ctx, "response of employee %s",
		         q(q1, sizeof q1, r->employee_id));
		if ((rc = lookup(b->failure, ctx, "item_id", b->item_ids,
		                 "survey item", r->item_id, &item)))
			return rc;
		snprintf(ctx, sizeof ctx, "response of employee %s to item %s",
		         q(q1, sizeof q1, r->employee_id),
		         q(q2, sizeof q2, r->item_id));
		if ((rc = check_range(b->failure, ctx, "value", r->value,
		                      items[item].min, items[item].max)) ||
		    (rc = check_date(b->failure, ctx, "date", r->date)))
			return rc;
	}
	if (!is_empty(r->wave_id) && (rc = response_wave(b, r)))
		return rc;
	if (RESERVE_REC(b->mem, re))
		return oom(b->failure);
	re->emp[re->n] = emp;
	re->v[re->n].item = item;
	re->v[re->n].value = r->value;
	re->v[re->n].date = r->date;
	re->n++;
	return AIRS_OK;
}

int airs_model_add_response(airs_model *m, const airs_response_rec *rec)
{
	airs_response_rec in;
	airs__response_view v;
	int rc;

	if ((rc = begin(m, &in, sizeof in, rec, AIRS__FIRST(RESPONSE_REC))))
		return rc;
	rec_base(&v.b, m, &m->failure, &m->emp_hint, &m->ids);
	v.responses = &m->responses;
	return airs__add_response(&v, &in);
}

/* ------------------------------------------------------------------------
 * Survey waves (methodology 4.1)
 * ---------------------------------------------------------------------- */

int airs_model_add_wave(airs_model *m, const airs_wave_rec *rec)
{
	airs_wave_rec in;
	const airs_wave_rec *r = &in;
	const char *id;
	char b[80], ctx[200], d[4][12];
	size_t w;
	int rc;

	if ((rc = begin(m, &in, sizeof in, rec, sizeof in)))
		return rc;
	if ((rc = new_id(&m->failure, "wave_id", &m->wave_ids, r->id)))
		return rc;
	snprintf(ctx, sizeof ctx, "survey wave %s", q(b, sizeof b, r->id));
	if ((rc = check_date(&m->failure, ctx, "start", r->start)) ||
	    (rc = check_date(&m->failure, ctx, "end", r->end)))
		return rc;
	airs_date_format(r->start, d[0]);
	airs_date_format(r->end, d[1]);
	if (r->end < r->start)
		return fail(&m->failure, AIRS_ERANGE, ctx, "end", d[1],
		            "is before start %s: a wave is its first to its last "
		            "day; swap or correct the dates", d[0]);
	for (w = 0; w < m->waves.n; w++) {
		const airs__wave *x = &m->waves.v[w];
		if (x->start > r->end || x->end < r->start)
			continue;
		airs_date_format(x->start, d[2]);
		airs_date_format(x->end, d[3]);
		return fail(&m->failure, AIRS_ERANGE, ctx, "start", d[0],
		            "makes %s..%s overlap wave %s (%s..%s): waves are "
		            "separate survey periods; correct the dates",
		            d[0], d[1], q(b, sizeof b, m->wave_ids.str[w]), d[2], d[3]);
	}
	if (RESERVE(m, waves) || reserve_id(&m->arena, &m->wave_ids, r->id, &id))
		return oom(&m->failure);
	airs__names_push(&m->wave_ids, id, strlen(id));
	m->waves.v[m->waves.n].start = r->start;
	m->waves.v[m->waves.n].end = r->end;
	m->waves.n++;
	return AIRS_OK;
}

struct usage_probe {
	const airs__usages *u;
	uint32_t emp, tool;
	airs_month period;
};

static uint32_t usage_key(const airs__usages *u, uint32_t emp, uint32_t tool,
                          airs_month period)
{
	return airs__hash_u64(&u->key, ((uint64_t)emp << 32 | tool) ^
	                      ((uint64_t)(uint32_t)period * 0x9e3779b97f4a7c15ULL));
}

static int usage_eq(const void *ctx, uint32_t i)
{
	const struct usage_probe *p = ctx;
	const airs__usage *x = &p->u->v[i];

	return p->u->emp[i] == p->emp && x->tool == p->tool &&
	       x->period == p->period;
}

static uint32_t usage_hash(const void *ctx, uint32_t i)
{
	const airs__usages *u = ctx;

	return usage_key(u, u->emp[i], u->v[i].tool, u->v[i].period);
}

/* Longest run of one employee's usage records scanned for a duplicate;
 * past it the hash index takes over. */
#define USAGE_RUN_MAX 256

static int usage_seen(const airs__usages *u, uint32_t emp)
{
	return emp / 64 < u->seen_words && (u->seen[emp / 64] >> (emp % 64) & 1);
}

/* Switch duplicate detection of usage records to the hash index when a
 * record for emp cannot be checked by scanning the current run. */
static int usage_need_index(airs__usages *u, const airs__mem *mem,
                            uint32_t emp)
{
	size_t i;

	if (u->hashed || u->n == 0)
		return AIRS_OK;
	if (emp == u->run_emp ? u->n - u->run_start < USAGE_RUN_MAX
	                      : !usage_seen(u, emp))
		return AIRS_OK;
	if (airs__hashidx_reserve(&u->idx, mem, u->n + 1))
		return AIRS_ENOMEM;
	for (i = 0; i < u->n; i++)
		airs__hashidx_insert(&u->idx, usage_hash(u, (uint32_t)i),
		                     (uint32_t)i);
	u->hashed = 1;
	return AIRS_OK;
}

/* Is (emp, tool, period) given already?  usage_need_index() has run. */
static int usage_given(const airs__usages *u, uint32_t emp, uint32_t tool,
                       airs_month period)
{
	struct usage_probe p;
	size_t i;

	if (u->hashed) {
		p.u = u;
		p.emp = emp;
		p.tool = tool;
		p.period = period;
		return airs__hashidx_find(&u->idx,
		                          usage_key(u, emp, tool, period), usage_eq,
		                          &p) != AIRS__NONE;
	}
	if (u->n == 0 || emp != u->run_emp)
		return 0; /* emp has no usage records yet */
	for (i = u->run_start; i < u->n; i++)
		if (u->v[i].tool == tool && u->v[i].period == period)
			return 1;
	return 0;
}

/* Make room for emp's bit in u->seen. */
static int usage_reserve_seen(airs__usages *u, const airs__mem *mem,
                              uint32_t emp)
{
	size_t old = u->seen_words, cap = old;
	uint64_t *seen = u->seen;

	if (emp / 64 < old)
		return AIRS_OK;
	if (airs__grow(mem, &seen, &cap, emp / 64 + 1, sizeof *seen))
		return AIRS_ENOMEM;
	memset(seen + old, 0, (cap - old) * sizeof *seen);
	u->seen = seen;
	u->seen_words = cap;
	return AIRS_OK;
}

/* Undo u->seen and the current run for the records from n on, which a
 * rollback removes; in hash mode the index is truncated instead. */
static void usage_rollback(airs__usages *u, size_t n)
{
	uint32_t e;
	size_t i;

	if (u->hashed) {
		airs__hashidx_truncate(&u->idx, (uint32_t)n, usage_hash, u);
		return;
	}
	for (i = n; i < u->n; i++) {
		e = u->emp[i];
		u->seen[e / 64] &= ~((uint64_t)1 << (e % 64));
	}
	if (n == 0)
		return;
	/* Runs are consecutive and one per employee, so the employee of
	 * record n - 1 is the only one left with records among those
	 * removed; its run is the current one again. */
	e = u->emp[n - 1];
	u->seen[e / 64] |= (uint64_t)1 << (e % 64);
	for (i = n - 1; i > 0 && u->emp[i - 1] == e; i--)
		;
	u->run_emp = e;
	u->run_start = i;
}

static void usage_ctx(char *ctx, size_t n, const airs_usage_rec *r,
                      const char *mo)
{
	char b[80], b2[80];

	snprintf(ctx, n, "usage of employee %s, tool %s in %s",
	         q(b, sizeof b, r->employee_id), q(b2, sizeof b2, r->tool_id), mo);
}

int airs__add_usage(const airs__usage_view *v, const airs_usage_rec *r)
{
	const airs__rec_base *b = &v->b;
	airs__usages *u = v->usages;
	uint32_t emp, tool;
	const char *copy = NULL;
	char q1[80], ctx[200], mo[8];
	int rc, new_tool;

	if ((rc = record_employee(b, "usage", r->employee_id, &emp)))
		return rc;
	/* contexts are formatted only for a message (see id_known()); a
	 * known tool id is well-formed, a new one is checked */
	tool = is_empty(r->tool_id) ? AIRS__NONE
	                            : airs__names_find_cached(&u->tool_ids,
	                                                      &b->ids->tool,
	                                                      r->tool_id);
	if ((tool == AIRS__NONE &&
	     (is_empty(r->tool_id) ||
	      airs__id_problem(r->tool_id, strlen(r->tool_id)))) ||
	    !airs__month_valid(r->period)) {
		snprintf(ctx, sizeof ctx, "usage of employee %s",
		         q(q1, sizeof q1, r->employee_id));
		if ((rc = check_id(b->failure, ctx, "tool_id", r->tool_id)))
			return rc;
		snprintf(q1, sizeof q1, "%ld", (long)r->period);
		return fail(b->failure, AIRS_ERANGE, ctx, "period", q1,
		            "is not a month in 1900-01..9999-12");
	}
	if (r->active_days < 0 || r->active_days > airs__month_days(r->period)) {
		airs_month_format(r->period, mo);
		usage_ctx(ctx, sizeof ctx, r, mo);
		snprintf(q1, sizeof q1, "%d", r->active_days);
		return fail(b->failure, AIRS_ERANGE, ctx, "active_days", q1,
		            "is outside 0..%d, the days of %s",
		            airs__month_days(r->period), mo);
	}
	/* Switching to the index changes nothing a caller can see, so it
	 * may happen before the record is known to be accepted. */
	if (usage_need_index(u, b->mem, emp))
		return oom(b->failure);
	new_tool = tool == AIRS__NONE;
	if (!new_tool && usage_given(u, emp, tool, r->period)) {
		airs_month_format(r->period, mo);
		usage_ctx(ctx, sizeof ctx, r, mo);
		return fail(b->failure, AIRS_EEXIST, ctx, "period", mo,
		            "is given twice for this employee and tool");
	}
	if (RESERVE_REC(b->mem, u) || usage_reserve_seen(u, b->mem, emp) ||
	    (u->hashed && airs__hashidx_reserve(&u->idx, b->mem, u->n + 1)) ||
	    (new_tool && reserve_id(v->arena, &u->tool_ids, r->tool_id, &copy)))
		return oom(b->failure);
	if (new_tool)
		tool = airs__names_push(&u->tool_ids, copy, strlen(copy));
	u->emp[u->n] = emp;
	u->v[u->n].tool = tool;
	u->v[u->n].period = r->period;
	u->v[u->n].days = r->active_days;
	if (u->hashed)
		airs__hashidx_insert(&u->idx, usage_key(u, emp, tool, r->period),
		                     (uint32_t)u->n);
	u->seen[emp / 64] |= (uint64_t)1 << (emp % 64);
	if (u->n == 0 || emp != u->run_emp) {
		u->run_emp = emp;
		u->run_start = u->n;
	}
	u->n++;
	return AIRS_OK;
}

int airs_model_add_usage(airs_model *m, const airs_usage_rec *rec)
{
	airs_usage_rec in;
	airs__usage_view v;
	int rc;

	if ((rc = begin(m, &in, sizeof in, rec, AIRS__FIRST(USAGE_REC))))
		return rc;
	rec_base(&v.b, m, &m->failure, &m->emp_hint, &m->ids);
	v.usages = &m->usages;
	v.arena = &m->arena;
	return airs__add_usage(&v, &in);
}

/* ------------------------------------------------------------------------
 * The tool registry
 * ---------------------------------------------------------------------- */

/* A registered tool's fields: the sanction flag and the month. */
static int check_tool(airs__failure *f, const char *ctx,
                      const airs_tool_rec *r)
{
	char b[40];

	if (r->unsanctioned != 0 && r->unsanctioned != 1) {
		snprintf(b, sizeof b, "%d", r->unsanctioned);
		return fail(f, AIRS_ERANGE, ctx, "sanctioned", b,
		            "is not 0 or 1 (unsanctioned)");
	}
	if (r->available_from && !airs__month_valid(r->available_from)) {
		snprintf(b, sizeof b, "%ld", (long)r->available_from);
		return fail(f, AIRS_ERANGE, ctx, "available_from", b,
		            "is not a month in 1900-01..9999-12");
	}
	return AIRS_OK;
}

int airs_model_add_tool(airs_model *m, const airs_tool_rec *rec)
{
	airs_tool_rec in;
	const airs_tool_rec *r = &in;
	airs__names *ids;
	const char *id, *name, *category;
	char b[80], ctx[200];
	size_t t;
	int rc;

	if ((rc = begin(m, &in, sizeof in, rec, AIRS__FIRST(TOOL_REC))))
		return rc;
	ids = &m->usages.tool_ids;
	if ((rc = check_id(&m->failure, NULL, "tool_id", r->id)))
		return rc;
	t = airs__names_find(ids, r->id, strlen(r->id));
	if (t != AIRS__NONE)
		return fail(&m->failure, AIRS_EEXIST, NULL, "tool_id",
		            q(b, sizeof b, r->id), "%s",
		            airs__tool_at(m, (uint32_t)t)
		                    ? "is already defined"
		                    : "is already named by a usage record or "
		                      "survey item; add tools before the records "
		                      "that name them");
	snprintf(ctx, sizeof ctx, "tool %s", q(b, sizeof b, r->id));
	if ((rc = check_text(&m->failure, ctx, "name", r->name, 1)) ||
	    (rc = check_text(&m->failure, ctx, "category", r->category, 0)) ||
	    (rc = check_tool(&m->failure, ctx, r)))
		return rc;
	t = ids->count;   /* the new tool's number */
	if (airs__grow(&m->mem, &m->tools.v, &m->tools.cap, t + 1,
	               sizeof *m->tools.v) ||
	    reserve_id(&m->arena, ids, r->id, &id) ||
	    !(name = keep(m, r->name)) || !(category = keep(m, r->category)))
		return oom(&m->failure);
	airs__names_push(ids, id, strlen(id));
	/* tools named before by usage alone are not registered */
	for (; m->tools.n < t; m->tools.n++)
		memset(&m->tools.v[m->tools.n], 0, sizeof *m->tools.v);
	m->tools.v[t].name = name;
	m->tools.v[t].category = category;
	m->tools.v[t].unsanctioned = r->unsanctioned;
	m->tools.v[t].available = r->available_from;
	m->tools.n = t + 1;
	return AIRS_OK;
}

/* The refusal of a manager link that would close a cycle. */
int airs__model_manager_cycle(airs_model *m, const char *employee_id,
                              const char *manager_id, int self)
{
	char b[80], ctx[200];

	snprintf(ctx, sizeof ctx, "employee %s", q(b, sizeof b, employee_id));
	return fail(&m->failure, AIRS_ECYCLE, ctx, "manager_id",
	            q(b, sizeof b, manager_id),
	            self ? "is the employee itself"
	                 : "is managed by the employee, so this would make a "
	                   "cycle");
}

int airs_model_set_manager(airs_model *m, const char *employee_id,
                           const char *manager_id)
{
	airs__rec_base rb;
	uint32_t emp, mgr = AIRS__NONE, e;
	char b[80], ctx[200];
	size_t steps;
	int rc;

	if ((rc = begin_change(m)))
		return rc;
	rec_base(&rb, m, &m->failure, &m->emp_hint, &m->ids);
	if ((rc = record_employee(&rb, "manager", employee_id, &emp)))
		return rc;
	if (!is_empty(manager_id)) {
		/* the context is formatted only for a message */
		mgr = airs__names_find(&m->emp_ids, manager_id,
		                       strlen(manager_id));
		if (mgr == AIRS__NONE) {
			snprintf(ctx, sizeof ctx, "employee %s",
			         q(b, sizeof b, employee_id));
			if ((rc = lookup(&m->failure, ctx, "manager_id", &m->emp_ids,
			                 "employee", manager_id, &mgr)))
				return rc;
		}
		/* Walk up from the new manager; reaching the employee means a
		 * cycle.  The chain is acyclic, so it ends within n steps.
		 * (Loading links many at once in linear time:
		 * airs__model_link_managers().) */
		for (e = mgr, steps = 0; e != AIRS__NONE && steps <= m->emps.n;
		     e = m->emps.v[e].manager, steps++)
			if (e == emp)
				return airs__model_manager_cycle(m, employee_id,
				                                 manager_id, e == mgr);
	}
	m->emps.v[emp].manager = mgr;
	return AIRS_OK;
}

/* Mark the link that closes the cycle through e: of the links on it (link[]
 * numbers the link that set an employee's manager, AIRS__NONE for one set
 * before), the last; unset it in next[]. */
static void break_cycle(uint32_t *next, const uint32_t *link, uint32_t e,
                        unsigned char *cycle)
{
	uint32_t x = e, last = AIRS__NONE, from = AIRS__NONE;

	do {
		if (link[x] != AIRS__NONE && (last == AIRS__NONE || link[x] > last)) {
			last = link[x];
			from = x;
		}
		x = next[x];
	} while (x != e);
	cycle[last] = 1; /* a cycle has a new link: the old ones had none */
	next[from] = AIRS__NONE;
}

int airs__model_link_managers(airs_model *m, const uint32_t *emp,
                              const uint32_t *mgr, size_t n,
                              unsigned char *cycle)
{
	size_t ne = m->emps.n, i;
	uint32_t *next, *link, *path, e;
	unsigned char *state;

	next = airs__malloc(&m->mem, (ne + 1) * sizeof *next);
	link = airs__malloc(&m->mem, (ne + 1) * sizeof *link);
	path = airs__malloc(&m->mem, (ne + 1) * sizeof *path);
	state = airs__calloc(&m->mem, ne + 1, 1);
	if (!next || !link || !path || !state) {
		airs__free(&m->mem, next);
		airs__free(&m->mem, link);
		airs__free(&m->mem, path);
		airs__free(&m->mem, state);
		return oom(&m->failure);
	}
	for (e = 0; e < ne; e++) {
		next[e] = m->emps.v[e].manager;
		link[e] = AIRS__NONE;
	}
	for (i = 0; i < n; i++) {
		assert(m->emps.v[emp[i]].manager == AIRS__NONE);
		assert(link[emp[i]] == AIRS__NONE); /* distinct */
		next[emp[i]] = mgr[i];
		link[emp[i]] = (uint32_t)i;
		cycle[i] = 0;
	}
	/* Walk from each employee not yet done; each is walked once (state
	 * 1: on the current path, 2: done), so this is linear. */
	for (e = 0; e < ne; e++) {
		size_t np = 0;
		uint32_t x;
		for (x = e; x != AIRS__NONE && state[x] == 0; x = next[x]) {
			state[x] = 1;
			path[np++] = x;
		}
		if (x != AIRS__NONE && state[x] == 1)
			break_cycle(next, link, x, cycle);
		while (np)
			state[path[--np]] = 2;
	}
	for (i = 0; i < n; i++)
		if (!cycle[i])
			m->emps.v[emp[i]].manager = mgr[i];
	airs__free(&m->mem, next);
	airs__free(&m->mem, link);
	airs__free(&m->mem, path);
	airs__free(&m->mem, state);
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Attributes
 * ---------------------------------------------------------------------- */

int airs_model_set_attribute(airs_model *m, const char *employee_id,
                             const char *name, const char *value)
{
	airs__rec_base rb;
	uint32_t emp, key, val = AIRS__NONE;
	const char *kcopy = NULL, *vcopy = NULL, *why;
	char b[80], ctx[200];
	size_t len;
	int rc, clear;

	if ((rc = begin_change(m)))
		return rc;
	rec_base(&rb, m, &m->failure, &m->emp_hint, &m->ids);
	if ((rc = record_employee(&rb, "attribute", employee_id, &emp)))
		return rc;
	clear = is_empty(value);
	why = clear ? NULL : airs__text_problem(value, strlen(value));
	if (is_empty(name) || airs__id_problem(name, strlen(name)) || why) {
		snprintf(ctx, sizeof ctx, "attribute of employee %s",
		         q(b, sizeof b, employee_id));
		if ((rc = check_id(&m->failure, ctx, "name", name)))
			return rc;
		return fail(&m->failure, AIRS_EINVAL, ctx, name, NULL, "%s", why);
	}
	key = airs__names_find(&m->attr_names, name, strlen(name));
	if (clear) {
		if (key != AIRS__NONE && emp < m->attr_col_len[key] &&
		    m->attr_cols[key][emp]) {
			m->attr_cols[key][emp] = 0;
			m->attr_set--;
		}
		return AIRS_OK;
	}
	/* Reserve everything first: the name, the value, the column. */
	if (key == AIRS__NONE) {
		size_t ncap = m->attr_cap;
		if (airs__names_reserve(&m->attr_names, &m->mem, 1))
			return oom(&m->failure);
		if (m->attr_names.count + 1 > ncap) {
			uint32_t **cols;
			size_t *lens;
			ncap = ncap ? ncap * 2 : 8;
			cols = airs__realloc(&m->mem, m->attr_cols,
			                     ncap * sizeof *cols);
			if (!cols)
				return oom(&m->failure);
			m->attr_cols = cols;
			lens = airs__realloc(&m->mem, m->attr_col_len,
			                     ncap * sizeof *lens);
			if (!lens)
				return oom(&m->failure);
			m->attr_col_len = lens;
			memset(cols + m->attr_cap, 0,
			       (ncap - m->attr_cap) * sizeof *cols);
			memset(lens + m->attr_cap, 0,
			       (ncap - m->attr_cap) * sizeof *lens);
			m->attr_cap = ncap;
		}
		if (!(kcopy = airs__arena_strdup(&m->arena, name, strlen(name))))
			return oom(&m->failure);
	}
	len = strlen(value);
	val = airs__names_find(&m->attr_values, value, len);
	if (val == AIRS__NONE &&
	    (airs__names_reserve(&m->attr_values, &m->mem, 1) ||
	     !(vcopy = airs__arena_strdup(&m->arena, value, len))))
		return oom(&m->failure);
	{
		size_t col = key == AIRS__NONE ? m->attr_names.count : key;
		if (m->attr_col_len[col] < m->emps.n) {
			size_t n = m->emps.cap;
			uint32_t *c = airs__realloc(&m->mem, m->attr_cols[col],
			                            n * sizeof *c);
			if (!c)
				return oom(&m->failure);
			memset(c + m->attr_col_len[col], 0,
			       (n - m->attr_col_len[col]) * sizeof *c);
			m->attr_cols[col] = c;
			m->attr_col_len[col] = n;
		}
	}
	/* Commit. */
	if (key == AIRS__NONE)
		key = airs__names_push(&m->attr_names, kcopy, strlen(kcopy));
	if (val == AIRS__NONE)
		val = airs__names_push(&m->attr_values, vcopy, len);
	if (!m->attr_cols[key][emp])
		m->attr_set++;
	m->attr_cols[key][emp] = val + 1;
	return AIRS_OK;
}

const char *airs_model_attribute(const airs_model *m, size_t index,
                                 const char *name)
{
	uint32_t key, cell;

	if (!m || !name || index >= m->emps.n)
		return NULL;
	key = airs__names_find(&m->attr_names, name, strlen(name));
	if (key == AIRS__NONE || index >= m->attr_col_len[key])
		return NULL;
	cell = m->attr_cols[key][index];
	return cell ? m->attr_values.str[cell - 1] : NULL;
}

/* ------------------------------------------------------------------------
 * Reading back
 * ---------------------------------------------------------------------- */

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

/* ------------------------------------------------------------------------
 * Loader transactions
 * ---------------------------------------------------------------------- */

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

	rec_base(&b, m, &m->failure, &m->emp_hint, &m->ids);
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
	rec_base(&b, m, &p->failure, &p->emp_hint, &p->ids);
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
	usage_rollback(&m->usages, k->usages);
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
	                       prereq_hash, m);
	airs__hashidx_truncate(&m->role_skill_idx, (uint32_t)k->role_skills,
	                       role_skill_hash, m);
	/* Attribute cells of removed employees, and columns of removed
	 * names, must read as unset when their numbers are reused. */
	for (c = 0; c < m->attr_cap; c++) {
		if (!m->attr_cols[c])
			continue;
		for (e = c < k->attr_names ? k->emps : 0; e < m->attr_col_len[c];
		     e++)
			m->attr_cols[c][e] = 0;
	}
	m->attr_set = k->attr_set;
	airs__arena_release(&m->arena, k->arena);
}

/* ------------------------------------------------------------------------
 * Finish: freeze and index
 * ---------------------------------------------------------------------- */

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
	const airs__assessment *x = &((const airs_model *)ctx)->assessments.v[a],
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

/* Put each employee's records of index c in content order: a merge sort
 * of each run, O(n log n) however an uploader orders the file.  Runs
 * already in order (the usual export) cost one comparison a record and,
 * when all are, no order[] at all. */
static int order_runs(airs_model *m, airs__csr *c, airs__before_fn before)
{
	size_t o, i, longest = 0, n = m->emps.n, total = c->start[n];
	uint32_t *tmp;
	int sorted = 1;

	for (o = 0; o < n; o++) {
		size_t len = c->start[o + 1] - c->start[o];
		for (i = c->start[o] + 1; sorted && i < c->start[o + 1]; i++)
			sorted = !before(m, airs__csr_at(c, i), airs__csr_at(c, i - 1));
		longest = len > longest ? len : longest;
	}
	if (sorted)
		return AIRS_OK;
	if (!c->order) {
		if (!(c->order = airs__malloc(&m->mem, total * sizeof *c->order)))
			return AIRS_ENOMEM;
		for (i = 0; i < total; i++)
			c->order[i] = (uint32_t)i;
	}
	if (!(tmp = airs__malloc(&m->mem, longest * sizeof *tmp)))
		return AIRS_ENOMEM;
	for (o = 0; o < n; o++)
		airs__sort(c->order + c->start[o], tmp,
		           c->start[o + 1] - c->start[o], before, m);
	airs__free(&m->mem, tmp);
	return AIRS_OK;
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
			const airs__role_skill *x = &m->role_skills.v[airs__csr_at(rs, i)];
			airs__req t;
			if (x->level <= 0)
				continue;
			t.skill = x->skill;
			t.q = x->level;
			t.v = x->weight;
			for (j = n; j > first && rank[m->req[j - 1].skill] > rank[t.skill]; j--)
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
 * marked in a table over the answers' range of months, then listed. */
static int build_answer_months(airs_model *m)
{
	const airs__responses *r = &m->responses;
	airs_month lo = INT32_MAX, hi = INT32_MIN;
	unsigned char *seen;
	size_t i, n = 0;

	for (i = 0; i < r->n; i++) {
		airs_month mo = airs__date_month(r->v[i].date);
		lo = mo < lo ? mo : lo;
		hi = mo > hi ? mo : hi;
	}
	if (!r->n)
		return AIRS_OK;
	seen = airs__calloc(&m->mem, (size_t)(hi - lo) + 1, 1);
	if (!seen)
		return AIRS_ENOMEM;
	for (i = 0; i < r->n; i++) {
		unsigned char *k = &seen[airs__date_month(r->v[i].date) - lo];
		n += !*k;
		*k = 1;
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
		if (airs__names_order(space_at(m, sp), &m->mem, &m->sorted[sp].order,
		                      &m->sorted[sp].rank)) {
			free_sorted(m);
			return oom(&m->failure);
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
		free_csr(m, &m->by_emp_assessment);
		free_csr(m, &m->by_emp_training);
		free_csr(m, &m->by_emp_response);
		free_csr(m, &m->by_emp_usage);
		free_csr(m, &m->by_role_skill);
		free_csr(m, &m->unit_children);
		free_sorted(m);
		return oom(&m->failure);
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

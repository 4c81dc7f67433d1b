/*
 * digest.c - the SHA-256 of a model's canonical input, for provenance.
 *
 * The canonical form lists every entity and record in an order that does
 * not depend on the order they were added in: entities by id, pairs by
 * their ids, each employee's records sorted by content.  Strings are
 * written length-prefixed ("5:hello") so no byte needs escaping; numbers
 * as the 16 hex digits of their IEEE 754 bits (-0 as 0), so that two
 * inputs hash alike exactly when they hold the same values.  The format is
 * specified in docs/output-format.md.
 */
#include <string.h>

#include "model.h"
#include "num.h"
#include "sha256.h"

/* The canonical text is formatted into buf and hashed a buffer at a time
 * (64 blocks per call of the compression function). */
struct out {
	airs__sha256 h;
	size_t n;
	char buf[4096];
};

static void flush(struct out *o)
{
	airs__sha256_update(&o->h, o->buf, o->n);
	o->n = 0;
}

/* Where the next `need` bytes go (need <= sizeof buf); the caller adds
 * what it wrote to o->n. */
static char *room(struct out *o, size_t need)
{
	if (o->n + need > sizeof o->buf)
		flush(o);
	return o->buf + o->n;
}

/* put() when the bytes do not fit what is left of buf. */
static void put_flushing(struct out *o, const void *p, size_t len)
{
	flush(o);
	if (len > sizeof o->buf) {
		airs__sha256_update(&o->h, p, len);
		return;
	}
	memcpy(o->buf + o->n, p, len);
	o->n += len;
}

/* Inline: most calls copy a few bytes of a length the compiler knows. */
static inline void put(struct out *o, const void *p, size_t len)
{
	if (o->n + len > sizeof o->buf) {
		put_flushing(o, p, len);
		return;
	}
	memcpy(o->buf + o->n, p, len);
	o->n += len;
}

/* " LEN:" and the n bytes at s. */
static void put_bytes(struct out *o, const char *s, size_t n)
{
	char *p = room(o, AIRS__INT_MAX + 2);
	size_t k;

	p[0] = ' ';
	k = 1 + airs__format_uint(p + 1, n);
	p[k++] = ':';
	o->n += k;
	if (n)
		put(o, s, n);
}

/* A string (NULL is ""). */
static void put_str(struct out *o, const char *s)
{
	put_bytes(o, s, s ? strlen(s) : 0);
}

/* Id number i of an id space: its length is known. */
static void put_id(struct out *o, const airs__names *ids, uint32_t i)
{
	put_bytes(o, ids->str[i], ids->len[i]);
}

/* " " and the value in decimal. */
static void put_int(struct out *o, long long v)
{
	char *p = room(o, AIRS__INT_MAX + 1);

	p[0] = ' ';
	o->n += 1 + airs__format_int(p + 1, v);
}

/* " " and the 16 lowercase hex digits of the IEEE 754 bits. */
static void put_num(struct out *o, double v)
{
	static const char hex[] = "0123456789abcdef";
	char *p = room(o, 17);
	uint64_t bits;
	int i;

	if (v == 0)
		v = 0; /* -0 and 0 are the same value */
	memcpy(&bits, &v, sizeof bits);
	p[0] = ' ';
	for (i = 16; i >= 1; i--, bits >>= 4)
		p[i] = hex[bits & 15];
	o->n += 17;
}

/* A newline and a tag (a string literal), in one copy of known length. */
#define put_tag(o, tag) put((o), "\n" tag, sizeof "\n" tag - 1)

/* Records of one employee, copied and sorted by content; a field a kind
 * does not have is 0. */
struct rec {
	uint32_t k1, k2;  /* canonical ranks of the referenced ids */
	int64_t k3;       /* date or month */
	double v1, v2;
	int32_t i1;
};

static int cmp_rec(const struct rec *a, const struct rec *b)
{
	if (a->k1 != b->k1)
		return a->k1 < b->k1 ? -1 : 1;
	if (a->k2 != b->k2)
		return a->k2 < b->k2 ? -1 : 1;
	if (a->k3 != b->k3)
		return a->k3 < b->k3 ? -1 : 1;
	if (a->i1 != b->i1)
		return a->i1 < b->i1 ? -1 : 1;
	if (a->v1 != b->v1)
		return a->v1 < b->v1 ? -1 : 1;
	return (a->v2 > b->v2) - (a->v2 < b->v2);
}

static void sort_recs(struct rec *r, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct rec x = r[i];
		for (j = i; j > 0 && cmp_rec(&x, &r[j - 1]) < 0; j--)
			r[j] = r[j - 1];
		r[j] = x;
	}
}

/* Sort many records: insertion sort is quadratic, so merge in halves for
 * the rare employee with a long history. */
static void sort_any(struct rec *r, struct rec *tmp, size_t n)
{
	size_t mid, x, y, k;

	if (n <= 32) {
		sort_recs(r, n);
		return;
	}
	mid = n / 2;
	sort_any(r, tmp, mid);
	sort_any(r + mid, tmp, n - mid);
	for (x = 0, y = mid, k = 0; x < mid && y < n;)
		tmp[k++] = cmp_rec(&r[y], &r[x]) < 0 ? r[y++] : r[x++];
	while (x < mid)
		tmp[k++] = r[x++];
	while (y < n)
		tmp[k++] = r[y++];
	memcpy(r, tmp, n * sizeof *r);
}

/* The canonical text being written: the output, the model, and room for
 * the largest list of records to sort (r, with tmp for the merge). */
struct canon {
	struct out o;
	const airs_model *m;
	struct rec *r, *tmp;
};

/* Id number x's place in id space s, and back. */
static uint32_t rank_of(const airs_model *m, int s, uint32_t x)
{
	return m->sorted[s].rank[x];
}

static uint32_t nth(const airs_model *m, int s, uint32_t k)
{
	return m->sorted[s].order[k];
}

/* Records in the largest list the canonical text sorts: an employee's records
 * of one kind, the prerequisites or the role skills. */
static size_t most_records(const airs_model *m)
{
	const airs__csr *by[4];
	size_t cap = 0, e, k;

	by[0] = &m->by_emp_assessment;
	by[1] = &m->by_emp_training;
	by[2] = &m->by_emp_response;
	by[3] = &m->by_emp_usage;
	for (e = 0; e < m->emps.n; e++)
		for (k = 0; k < 4; k++)
			if (by[k]->start[e + 1] - by[k]->start[e] > cap)
				cap = by[k]->start[e + 1] - by[k]->start[e];
	if (m->prereqs.n > cap)
		cap = m->prereqs.n;
	if (m->waves.n > cap)
		cap = m->waves.n;
	if (m->role_skills.n > cap)
		cap = m->role_skills.n;
	return cap;
}

/* unit, role and skill: by id. */
static void put_units(struct canon *c)
{
	const airs_model *m = c->m;
	uint32_t k;

	for (k = 0; k < m->units.n; k++) {
		uint32_t u = nth(m, AIRS__S_UNIT, k);
		put_tag(&c->o, "unit");
		put_id(&c->o, &m->unit_ids, u);
		put_str(&c->o, m->units.v[u].name);
		put_str(&c->o, m->units.v[u].parent == AIRS__NONE
		                       ? ""
		                       : m->unit_ids.str[m->units.v[u].parent]);
		put_int(&c->o, m->units.v[u].target);
	}
}

static void put_roles(struct canon *c)
{
	const airs_model *m = c->m;
	uint32_t k;

	for (k = 0; k < m->roles.n; k++) {
		uint32_t x = nth(m, AIRS__S_ROLE, k);
		put_tag(&c->o, "role");
		put_id(&c->o, &m->role_ids, x);
		put_str(&c->o, m->roles.v[x].name);
	}
}

static void put_skills(struct canon *c)
{
	const airs_model *m = c->m;
	uint32_t k;

	for (k = 0; k < m->skills.n; k++) {
		uint32_t x = nth(m, AIRS__S_SKILL, k);
		put_tag(&c->o, "skill");
		put_id(&c->o, &m->skill_ids, x);
		put_str(&c->o, m->skills.v[x].name);
		put_str(&c->o, m->skills.v[x].category);
	}
}

/* prerequisite: by skill id, then required id, then level. */
static void put_prereqs(struct canon *c)
{
	const airs_model *m = c->m;
	struct rec *r = c->r;
	size_t i, n = m->prereqs.n;

	for (i = 0; i < n; i++) {
		const airs__prereq *p = &m->prereqs.v[i];
		r[i] = (struct rec){ .k1 = rank_of(m, AIRS__S_SKILL, p->skill),
		                     .k2 = rank_of(m, AIRS__S_SKILL, p->requires),
		                     .v1 = p->min_level };
	}
	sort_any(r, c->tmp, n);
	for (i = 0; i < n; i++) {
		put_tag(&c->o, "prerequisite");
		put_id(&c->o, &m->skill_ids, nth(m, AIRS__S_SKILL, r[i].k1));
		put_id(&c->o, &m->skill_ids, nth(m, AIRS__S_SKILL, r[i].k2));
		put_num(&c->o, r[i].v1);
	}
}

/* role_skill: by role id, then skill id. */
static void put_role_skills(struct canon *c)
{
	const airs_model *m = c->m;
	struct rec *r = c->r;
	size_t i, n = m->role_skills.n;

	for (i = 0; i < n; i++) {
		const airs__role_skill *q = &m->role_skills.v[i];
		r[i] = (struct rec){ .k1 = rank_of(m, AIRS__S_ROLE, q->role),
		                     .k2 = rank_of(m, AIRS__S_SKILL, q->skill),
		                     .v1 = q->level, .v2 = q->weight };
	}
	sort_any(r, c->tmp, n);
	for (i = 0; i < n; i++) {
		put_tag(&c->o, "role_skill");
		put_id(&c->o, &m->role_ids, nth(m, AIRS__S_ROLE, r[i].k1));
		put_id(&c->o, &m->skill_ids, nth(m, AIRS__S_SKILL, r[i].k2));
		put_num(&c->o, r[i].v1);
		put_num(&c->o, r[i].v2);
	}
}

/* course and survey_item: by id. */
static void put_courses(struct canon *c)
{
	const airs_model *m = c->m;
	uint32_t k;

	for (k = 0; k < m->courses.n; k++) {
		uint32_t x = nth(m, AIRS__S_COURSE, k);
		const airs__course *co = &m->courses.v[x];
		put_tag(&c->o, "course");
		put_id(&c->o, &m->course_ids, x);
		put_str(&c->o, co->name);
		put_id(&c->o, &m->skill_ids, co->skill);
		put_num(&c->o, co->hours);
		put_num(&c->o, co->gain);
		put_int(&c->o, co->format);
		put_num(&c->o, co->cost);
	}
}

static void put_items(struct canon *c)
{
	const airs_model *m = c->m;
	uint32_t k;

	for (k = 0; k < m->items.n; k++) {
		uint32_t x = nth(m, AIRS__S_ITEM, k);
		const airs__item *it = &m->items.v[x];
		put_tag(&c->o, "survey_item");
		put_id(&c->o, &m->item_ids, x);
		put_str(&c->o, it->construct_name);
		put_num(&c->o, it->min);
		put_num(&c->o, it->max);
		put_int(&c->o, it->reverse);
		put_str(&c->o, it->text);
		if (it->tool != AIRS__NONE) {   /* since 1.1; absent before */
			put_tag(&c->o, " tool");
			put_id(&c->o, &m->usages.tool_ids, it->tool);
		}
	}
}

/* tool: the registered tools, by id (tools only named by records are in
 * the records' lines). */
static void put_tools(struct canon *c)
{
	const airs_model *m = c->m;
	uint32_t k;

	for (k = 0; k < m->usages.tool_ids.count; k++) {
		uint32_t x = nth(m, AIRS__S_TOOL, k);
		const airs__tool *t = airs__tool_at(m, x);
		if (!t)
			continue;
		put_tag(&c->o, "tool");
		put_id(&c->o, &m->usages.tool_ids, x);
		put_str(&c->o, t->name);
		put_str(&c->o, t->category);
		put_int(&c->o, t->unsanctioned);
		put_int(&c->o, t->available);
	}
}

/* wave: the declared survey waves (since 1.2; absent before), by start
 * date - they do not overlap. */
static void put_waves(struct canon *c)
{
	const airs_model *m = c->m;
	size_t i;

	for (i = 0; i < m->waves.n; i++)
		c->r[i] = (struct rec){ .k3 = m->waves.v[i].start,
		                        .i1 = (int32_t)i };
	sort_any(c->r, c->tmp, m->waves.n);
	for (i = 0; i < m->waves.n; i++) {
		const airs__wave *w = &m->waves.v[c->r[i].i1];
		put_tag(&c->o, "wave");
		put_str(&c->o, m->wave_ids.str[c->r[i].i1]);
		put_int(&c->o, w->start);
		put_int(&c->o, w->end);
	}
}

/* employee x's line and its attributes, by name. */
static void put_employee(struct canon *c, uint32_t x)
{
	const airs_model *m = c->m;
	const airs__employee *em = &m->emps.v[x];
	uint32_t a;

	put_tag(&c->o, "employee");
	put_id(&c->o, &m->emp_ids, x);
	put_id(&c->o, &m->unit_ids, em->unit);
	put_id(&c->o, &m->role_ids, em->role);
	put_int(&c->o, em->leader);
	if (em->manager == AIRS__NONE)
		put_str(&c->o, "");
	else
		put_id(&c->o, &m->emp_ids, em->manager);
	for (a = 0; a < m->attr_names.count; a++) {
		uint32_t key = nth(m, AIRS__S_ATTR, a), cell;
		if (x >= m->attr_col_len[key] || !(cell = m->attr_cols[key][x]))
			continue;
		put_tag(&c->o, " attribute");
		put_str(&c->o, m->attr_names.str[key]);
		put_str(&c->o, m->attr_values.str[cell - 1]);
	}
}

/* Employee x's records listed by index ix, each made a sort key by
 * key(), sorted into c->r: their number. */
static size_t sorted_records(struct canon *c, const airs__csr *ix, uint32_t x,
                             void (*key)(const airs_model *, uint32_t,
                                         struct rec *))
{
	size_t n = 0, i;

	for (i = ix->start[x]; i < ix->start[x + 1]; i++)
		key(c->m, airs__csr_at(ix, i), &c->r[n++]);
	sort_any(c->r, c->tmp, n);
	return n;
}

/* assessment: by skill id, date, source, level. */
static void assessment_key(const airs_model *m, uint32_t i, struct rec *r)
{
	const airs__assessment *v = &m->assessments.v[i];

	*r = (struct rec){ .k1 = rank_of(m, AIRS__S_SKILL, v->skill),
	                   .k3 = v->date, .i1 = v->source, .v1 = v->level };
}

static void put_assessments(struct canon *c, uint32_t x)
{
	const airs_model *m = c->m;
	size_t i, n = sorted_records(c, &m->by_emp_assessment, x,
	                             assessment_key);

	for (i = 0; i < n; i++) {
		put_tag(&c->o, " assessment");
		put_id(&c->o, &m->skill_ids, nth(m, AIRS__S_SKILL, c->r[i].k1));
		put_num(&c->o, c->r[i].v1);
		put_int(&c->o, c->r[i].k3);
		put_int(&c->o, c->r[i].i1);
	}
}

/* training: by course id (none first), skill id, date, status, hours. */
static void training_key(const airs_model *m, uint32_t i, struct rec *r)
{
	const airs__training *v = &m->trainings.v[i];

	*r = (struct rec){ .k1 = v->course == AIRS__NONE
	                             ? 0
	                             : rank_of(m, AIRS__S_COURSE, v->course) + 1,
	                   .k2 = rank_of(m, AIRS__S_SKILL, v->skill),
	                   .k3 = v->date, .i1 = v->status, .v1 = v->hours };
}

static void put_trainings(struct canon *c, uint32_t x)
{
	const airs_model *m = c->m;
	size_t i, n = sorted_records(c, &m->by_emp_training, x, training_key);

	for (i = 0; i < n; i++) {
		put_tag(&c->o, " training");
		if (c->r[i].k1)
			put_id(&c->o, &m->course_ids,
			       nth(m, AIRS__S_COURSE, c->r[i].k1 - 1));
		else
			put_str(&c->o, "");
		put_id(&c->o, &m->skill_ids, nth(m, AIRS__S_SKILL, c->r[i].k2));
		put_num(&c->o, c->r[i].v1);
		put_int(&c->o, c->r[i].k3);
		put_int(&c->o, c->r[i].i1);
	}
}

/* response: by item id, date, value. */
static void response_key(const airs_model *m, uint32_t i, struct rec *r)
{
	const airs__response *v = &m->responses.v[i];

	*r = (struct rec){ .k1 = rank_of(m, AIRS__S_ITEM, v->item),
	                   .k3 = v->date, .v1 = v->value };
}

static void put_responses(struct canon *c, uint32_t x)
{
	const airs_model *m = c->m;
	size_t i, n = sorted_records(c, &m->by_emp_response, x, response_key);

	for (i = 0; i < n; i++) {
		put_tag(&c->o, " response");
		put_id(&c->o, &m->item_ids, nth(m, AIRS__S_ITEM, c->r[i].k1));
		put_num(&c->o, c->r[i].v1);
		put_int(&c->o, c->r[i].k3);
	}
}

/* usage: by tool id, month, days. */
static void usage_key(const airs_model *m, uint32_t i, struct rec *r)
{
	const airs__usage *v = &m->usages.v[i];

	*r = (struct rec){ .k1 = rank_of(m, AIRS__S_TOOL, v->tool),
	                   .k3 = v->period, .i1 = v->days };
}

static void put_usages(struct canon *c, uint32_t x)
{
	const airs_model *m = c->m;
	size_t i, n = sorted_records(c, &m->by_emp_usage, x, usage_key);

	for (i = 0; i < n; i++) {
		put_tag(&c->o, " usage");
		put_id(&c->o, &m->usages.tool_ids, nth(m, AIRS__S_TOOL, c->r[i].k1));
		put_int(&c->o, c->r[i].k3);
		put_int(&c->o, c->r[i].i1);
	}
}

/* The digest of a finished model, computed from scratch: the canonical
 * text of docs/output-format.md, a function per tag, in its order. */
static int compute(const airs_model *m, char hex[65])
{
	unsigned char d[AIRS__SHA256_LEN];
	size_t cap = most_records(m) + 1;
	struct canon c;
	uint32_t k;

	c.m = m;
	c.r = airs__malloc(&m->mem, cap * sizeof *c.r);
	c.tmp = airs__malloc(&m->mem, cap * sizeof *c.tmp);
	if (!c.r || !c.tmp) {
		airs__free(&m->mem, c.r);
		airs__free(&m->mem, c.tmp);
		return AIRS_ENOMEM;
	}
	airs__sha256_init(&c.o.h);
	c.o.n = 0;
	put(&c.o, "airs-input 1", 12);
	put_units(&c);
	put_roles(&c);
	put_skills(&c);
	put_prereqs(&c);
	put_role_skills(&c);
	put_courses(&c);
	put_tools(&c);
	put_items(&c);
	put_waves(&c);
	for (k = 0; k < m->emps.n; k++) {
		uint32_t x = nth(m, AIRS__S_EMP, k);
		put_employee(&c, x);
		put_assessments(&c, x);
		put_trainings(&c, x);
		put_responses(&c, x);
		put_usages(&c, x);
	}
	put(&c.o, "\n", 1);
	flush(&c.o);
	airs__sha256_final(&c.o.h, d);
	airs__sha256_hex(d, hex);
	airs__free(&m->mem, c.r);
	airs__free(&m->mem, c.tmp);
	return AIRS_OK;
}

/* A finished model never changes, so its digest is computed once, by the
 * first call that needs it (exports, plans and audits of the same model
 * all ask), and kept in the model.  Many threads may read a finished model
 * at once: a thread that finds no stored digest computes its own - in the
 * rare race of first calls, two threads both do the work - and the first
 * to finish claims the slot (0 -> 1), stores the text and publishes it
 * (-> 2, release); readers copy it only after seeing 2 (acquire).  A
 * failed computation (AIRS_ENOMEM) stores nothing, so a later call tries
 * again.  Only this slot changes in a finished model. */
int airs_model_digest(const airs_model *m, char hex[65])
{
	airs_model *w = (airs_model *)(uintptr_t)m; /* the digest slot only */
	int rc, free_slot = 0;

	if (!m || !hex)
		return AIRS_EINVAL;
	if (!m->finished)
		return AIRS_ESTATE;
	if (atomic_load_explicit(&w->digest_state, memory_order_acquire) == 2) {
		memcpy(hex, m->digest, sizeof m->digest);
		return AIRS_OK;
	}
	rc = compute(m, hex);
	if (rc)
		return rc;
	if (atomic_compare_exchange_strong_explicit(&w->digest_state, &free_slot, 1,
	                                            memory_order_relaxed,
	                                            memory_order_relaxed)) {
		memcpy(w->digest, hex, sizeof w->digest);
		atomic_store_explicit(&w->digest_state, 2, memory_order_release);
	}
	return AIRS_OK;
}

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

static void put(struct out *o, const void *p, size_t len)
{
	if (o->n + len > sizeof o->buf) {
		flush(o);
		if (len > sizeof o->buf) {
			airs__sha256_update(&o->h, p, len);
			return;
		}
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

static void put_tag(struct out *o, const char *tag)
{
	put(o, "\n", 1);
	put(o, tag, strlen(tag));
}

/* Records of one employee, copied and sorted by content. */
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

/* The digest of a finished model, computed from scratch. */
static int compute(const airs_model *m, char hex[65])
{
	const uint32_t *rank_skill, *rank_course, *rank_item, *rank_tool;
	unsigned char d[AIRS__SHA256_LEN];
	struct rec *r = NULL, *tmp = NULL;
	size_t cap = 0, i, k, e;
	struct out o;

	rank_skill = m->sorted[AIRS__S_SKILL].rank;
	rank_course = m->sorted[AIRS__S_COURSE].rank;
	rank_item = m->sorted[AIRS__S_ITEM].rank;
	rank_tool = m->sorted[AIRS__S_TOOL].rank;
	/* Room for the largest record list of any one employee. */
	for (e = 0; e < m->emps.n; e++) {
		size_t n = m->by_emp_assessment.start[e + 1] - m->by_emp_assessment.start[e];
		size_t t = m->by_emp_training.start[e + 1] - m->by_emp_training.start[e];
		size_t v = m->by_emp_response.start[e + 1] - m->by_emp_response.start[e];
		size_t g = m->by_emp_usage.start[e + 1] - m->by_emp_usage.start[e];
		if (t > n) n = t;
		if (v > n) n = v;
		if (g > n) n = g;
		if (n > cap) cap = n;
	}
	if (m->prereqs.n > cap)
		cap = m->prereqs.n;
	if (m->role_skills.n > cap)
		cap = m->role_skills.n;
	r = airs__malloc(&m->mem, (cap + 1) * sizeof *r);
	tmp = airs__malloc(&m->mem, (cap + 1) * sizeof *tmp);
	if (!r || !tmp) {
		airs__free(&m->mem, r);
		airs__free(&m->mem, tmp);
		return AIRS_ENOMEM;
	}

	airs__sha256_init(&o.h);
	o.n = 0;
	put(&o, "airs-input 1", 12);
	for (k = 0; k < m->units.n; k++) {
		uint32_t u = m->sorted[AIRS__S_UNIT].order[k];
		put_tag(&o, "unit");
		put_id(&o, &m->unit_ids, u);
		put_str(&o, m->units.v[u].name);
		put_str(&o, m->units.v[u].parent == AIRS__NONE
		                    ? ""
		                    : m->unit_ids.str[m->units.v[u].parent]);
		put_int(&o, m->units.v[u].target);
	}
	for (k = 0; k < m->roles.n; k++) {
		uint32_t x = m->sorted[AIRS__S_ROLE].order[k];
		put_tag(&o, "role");
		put_id(&o, &m->role_ids, x);
		put_str(&o, m->roles.v[x].name);
	}
	for (k = 0; k < m->skills.n; k++) {
		uint32_t x = m->sorted[AIRS__S_SKILL].order[k];
		put_tag(&o, "skill");
		put_id(&o, &m->skill_ids, x);
		put_str(&o, m->skills.v[x].name);
		put_str(&o, m->skills.v[x].category);
	}
	for (i = 0; i < m->prereqs.n; i++) {
		r[i].k1 = rank_skill[m->prereqs.v[i].skill];
		r[i].k2 = rank_skill[m->prereqs.v[i].requires];
		r[i].k3 = 0;
		r[i].i1 = 0;
		r[i].v1 = m->prereqs.v[i].min_level;
		r[i].v2 = 0;
	}
	sort_any(r, tmp, m->prereqs.n);
	for (i = 0; i < m->prereqs.n; i++) {
		put_tag(&o, "prerequisite");
		put_id(&o, &m->skill_ids, m->sorted[AIRS__S_SKILL].order[r[i].k1]);
		put_id(&o, &m->skill_ids, m->sorted[AIRS__S_SKILL].order[r[i].k2]);
		put_num(&o, r[i].v1);
	}
	for (i = 0; i < m->role_skills.n; i++) {
		r[i].k1 = m->sorted[AIRS__S_ROLE].rank[m->role_skills.v[i].role];
		r[i].k2 = rank_skill[m->role_skills.v[i].skill];
		r[i].k3 = 0;
		r[i].i1 = 0;
		r[i].v1 = m->role_skills.v[i].level;
		r[i].v2 = m->role_skills.v[i].weight;
	}
	sort_any(r, tmp, m->role_skills.n);
	for (i = 0; i < m->role_skills.n; i++) {
		put_tag(&o, "role_skill");
		put_id(&o, &m->role_ids, m->sorted[AIRS__S_ROLE].order[r[i].k1]);
		put_id(&o, &m->skill_ids, m->sorted[AIRS__S_SKILL].order[r[i].k2]);
		put_num(&o, r[i].v1);
		put_num(&o, r[i].v2);
	}
	for (k = 0; k < m->courses.n; k++) {
		uint32_t x = m->sorted[AIRS__S_COURSE].order[k];
		const airs__course *c = &m->courses.v[x];
		put_tag(&o, "course");
		put_id(&o, &m->course_ids, x);
		put_str(&o, c->name);
		put_id(&o, &m->skill_ids, c->skill);
		put_num(&o, c->hours);
		put_num(&o, c->gain);
		put_int(&o, c->format);
		put_num(&o, c->cost);
	}
	for (k = 0; k < m->items.n; k++) {
		uint32_t x = m->sorted[AIRS__S_ITEM].order[k];
		const airs__item *it = &m->items.v[x];
		put_tag(&o, "survey_item");
		put_id(&o, &m->item_ids, x);
		put_str(&o, it->construct_name);
		put_num(&o, it->min);
		put_num(&o, it->max);
		put_int(&o, it->reverse);
		put_str(&o, it->text);
	}
	for (k = 0; k < m->emps.n; k++) {
		uint32_t x = m->sorted[AIRS__S_EMP].order[k];
		const airs__employee *em = &m->emps.v[x];
		const airs__csr *c;
		size_t n;
		int a;

		put_tag(&o, "employee");
		put_id(&o, &m->emp_ids, x);
		put_id(&o, &m->unit_ids, em->unit);
		put_id(&o, &m->role_ids, em->role);
		put_int(&o, em->leader);
		if (em->manager == AIRS__NONE)
			put_str(&o, "");
		else
			put_id(&o, &m->emp_ids, em->manager);
		/* attributes, by name */
		for (a = 0; (size_t)a < m->attr_names.count; a++) {
			uint32_t key = m->sorted[AIRS__S_ATTR].order[a], cell;
			if (x >= m->attr_col_len[key] || !(cell = m->attr_cols[key][x]))
				continue;
			put_tag(&o, " attribute");
			put_str(&o, m->attr_names.str[key]);
			put_str(&o, m->attr_values.str[cell - 1]);
		}
		c = &m->by_emp_assessment;
		for (n = 0, i = c->start[x]; i < c->start[x + 1]; i++, n++) {
			const airs__assessment *v = &m->assessments.v[airs__csr_at(c, i)];
			r[n].k1 = rank_skill[v->skill];
			r[n].k2 = 0;
			r[n].k3 = v->date;
			r[n].i1 = v->source;
			r[n].v1 = v->level;
			r[n].v2 = 0;
		}
		sort_any(r, tmp, n);
		for (i = 0; i < n; i++) {
			put_tag(&o, " assessment");
			put_id(&o, &m->skill_ids, m->sorted[AIRS__S_SKILL].order[r[i].k1]);
			put_num(&o, r[i].v1);
			put_int(&o, r[i].k3);
			put_int(&o, r[i].i1);
		}
		c = &m->by_emp_training;
		for (n = 0, i = c->start[x]; i < c->start[x + 1]; i++, n++) {
			const airs__training *v = &m->trainings.v[airs__csr_at(c, i)];
			r[n].k1 = v->course == AIRS__NONE ? 0 : rank_course[v->course] + 1;
			r[n].k2 = rank_skill[v->skill];
			r[n].k3 = v->date;
			r[n].i1 = v->status;
			r[n].v1 = v->hours;
			r[n].v2 = 0;
		}
		sort_any(r, tmp, n);
		for (i = 0; i < n; i++) {
			put_tag(&o, " training");
			if (r[i].k1)
				put_id(&o, &m->course_ids,
				       m->sorted[AIRS__S_COURSE].order[r[i].k1 - 1]);
			else
				put_str(&o, "");
			put_id(&o, &m->skill_ids, m->sorted[AIRS__S_SKILL].order[r[i].k2]);
			put_num(&o, r[i].v1);
			put_int(&o, r[i].k3);
			put_int(&o, r[i].i1);
		}
		c = &m->by_emp_response;
		for (n = 0, i = c->start[x]; i < c->start[x + 1]; i++, n++) {
			const airs__response *v = &m->responses.v[airs__csr_at(c, i)];
			r[n].k1 = rank_item[v->item];
			r[n].k2 = 0;
			r[n].k3 = v->date;
			r[n].i1 = 0;
			r[n].v1 = v->value;
			r[n].v2 = 0;
		}
		sort_any(r, tmp, n);
		for (i = 0; i < n; i++) {
			put_tag(&o, " response");
			put_id(&o, &m->item_ids, m->sorted[AIRS__S_ITEM].order[r[i].k1]);
			put_num(&o, r[i].v1);
			put_int(&o, r[i].k3);
		}
		c = &m->by_emp_usage;
		for (n = 0, i = c->start[x]; i < c->start[x + 1]; i++, n++) {
			const airs__usage *v = &m->usages.v[airs__csr_at(c, i)];
			r[n].k1 = rank_tool[v->tool];
			r[n].k2 = 0;
			r[n].k3 = v->period;
			r[n].i1 = v->days;
			r[n].v1 = 0;
			r[n].v2 = 0;
		}
		sort_any(r, tmp, n);
		for (i = 0; i < n; i++) {
			put_tag(&o, " usage");
			put_id(&o, &m->tool_ids, m->sorted[AIRS__S_TOOL].order[r[i].k1]);
			put_int(&o, r[i].k3);
			put_int(&o, r[i].i1);
		}
	}
	put(&o, "\n", 1);
	flush(&o);
	airs__sha256_final(&o.h, d);
	airs__sha256_hex(d, hex);
	airs__free(&m->mem, r);
	airs__free(&m->mem, tmp);
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

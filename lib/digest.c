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
#include <stddef.h>
#include <string.h>

#include "model.h"
#include "num.h"
#include "sha256.h"

/* The canonical text is formatted into buf and hashed a buffer at a time
 * (256 blocks per call of the compression function). */
struct out {
	airs__sha256 h;
	size_t n;
	char buf[16384];
};

static void flush(struct out *o)
{
	airs__sha256_update(&o->h, o->buf, o->n);
	o->n = 0;
}

/* Where the next `need` bytes go (need <= sizeof buf); the caller adds
 * what it wrote to o->n. */
static inline char *room(struct out *o, size_t need)
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

/* " LEN:" into p: its length. */
static inline size_t len_prefix(char *p, size_t n)
{
	size_t k;

	p[0] = ' ';
	k = 1 + airs__format_uint(p + 1, n);
	p[k++] = ':';
	return k;
}

/* " LEN:" and the n bytes at s. */
static void put_bytes(struct out *o, const char *s, size_t n)
{
	o->n += len_prefix(room(o, AIRS__INT_MAX + 2), n);
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

/* v in decimal at p, written from its last digit back (no copy through
 * a scratch buffer): its length. */
static inline size_t format_uint(char *p, uint64_t v)
{
	size_t n = 1;
	uint64_t t;
	char *e;

	for (t = v; t >= 10; t /= 10)
		n++;
	e = p + n;
	while (v >= 100) {
		e -= 2;
		memcpy(e, airs__digits2 + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10)
		memcpy(e - 2, airs__digits2 + 2 * v, 2);
	else
		e[-1] = (char)('0' + v);
	return n;
}

/* " " and the value in decimal. */
static inline void put_int(struct out *o, long long v)
{
	char *p = room(o, AIRS__INT_MAX + 1);

	p[0] = ' ';
	if (v >= 0) {
		o->n += 1 + format_uint(p + 1, (uint64_t)v);
	} else {
		p[1] = '-';
		/* 0 - (uint64_t)v is |v|, LLONG_MIN included */
		o->n += 2 + format_uint(p + 2, 0 - (uint64_t)v);
	}
}

/* The 8 hex digits of x, most significant first, as 8 bytes of a word:
 * each nibble spread to a byte, then made '0'..'9' or 'a'..'f'. */
static inline uint64_t hex8(uint32_t x)
{
	uint64_t v = x;

	v = (v | v << 16) & 0x0000ffff0000ffffu;
	v = (v | v << 8) & 0x00ff00ff00ff00ffu;
	v = (v | v << 4) & 0x0f0f0f0f0f0f0f0fu;
	/* a nibble of 10 or more carries into bit 4 when 6 is added */
	return v + 0x3030303030303030u +
	       ((v + 0x0606060606060606u) >> 4 & 0x0101010101010101u) * 0x27;
}

/* The 8 bytes of hex8()'s word at p: its byte 7 (the first nibble) first. */
static inline void put_be8(char *p, uint64_t v)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap64(v);
	memcpy(p, &v, 8);
#else
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (char)(v >> (56 - 8 * i));
#endif
}

/* " " and the 16 lowercase hex digits of the IEEE 754 bits. */
static inline void put_num(struct out *o, double v)
{
	char *p = room(o, 17);
	uint64_t bits;

	if (v == 0)
		v = 0; /* -0 and 0 are the same value */
	memcpy(&bits, &v, sizeof bits);
	p[0] = ' ';
	put_be8(p + 1, hex8((uint32_t)(bits >> 32)));
	put_be8(p + 9, hex8((uint32_t)bits));
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

	for (i = 1; i < n && cmp_rec(&r[i - 1], &r[i]) <= 0; i++)
		; /* most lists come in order: nothing moves */
	for (; i < n; i++) {
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

/* An id space's ids as the canonical text writes them, " LEN:id", made
 * once: each in a slot of TOK bytes when it fits there (most ids are
 * short), so that writing one is a copy of a fixed size.  len[i] is 0 for
 * an id too long for its slot, which put_bytes() writes. */
#define TOK 32
struct toks {
	const airs__names *ids;
	char *slot;          /* ids->count * TOK bytes */
	unsigned char *len;  /* bytes of slot i in use, or 0 */
};

/* The id spaces most lines name, each with its written ids. */
enum { T_UNIT, T_ROLE, T_SKILL, T_COURSE, T_ITEM, T_TOOL, T_ATTR, T_VALUE,
       T_SPACES };

/* by_strlen: the ids' lengths are strlen()'s (put_str() writes them). */
static int toks_make(struct toks *t, const airs__names *ids, int by_strlen,
                     const airs__mem *mem)
{
	size_t i, k;

	t->ids = ids;
	t->slot = airs__malloc(mem, ids->count * TOK + 1);
	t->len = airs__malloc(mem, ids->count + 1);
	if (!t->slot || !t->len)
		return AIRS_ENOMEM;
	for (i = 0; i < ids->count; i++) {
		char *p = t->slot + i * TOK;
		size_t n = by_strlen ? strlen(ids->str[i]) : ids->len[i];
		t->len[i] = 0;
		if (n >= TOK) /* " LEN:" is at least 4 bytes more */
			continue;
		k = len_prefix(p, n);
		if (k + n > TOK)
			continue;
		memcpy(p + k, ids->str[i], n);
		t->len[i] = (unsigned char)(k + n);
	}
	return AIRS_OK;
}

/* Id number i of t's space. */
static inline void put_tok(struct out *o, const struct toks *t, uint32_t i)
{
	if (t->len[i]) {
		memcpy(room(o, TOK), t->slot + (size_t)i * TOK, TOK);
		o->n += t->len[i];
	} else {
		put_bytes(o, t->ids->str[i], t->ids->len[i]);
	}
}

/* The canonical text being written: the output, the model, the written
 * ids, and room for the largest list of records to sort (r, with tmp for
 * the merge). */
struct canon {
	struct out o;
	const airs_model *m;
	struct toks t[T_SPACES];
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
	put_tok(&c->o, &c->t[T_UNIT], em->unit);
	put_tok(&c->o, &c->t[T_ROLE], em->role);
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
		put_tok(&c->o, &c->t[T_ATTR], key);
		put_tok(&c->o, &c->t[T_VALUE], cell - 1);
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
		put_tok(&c->o, &c->t[T_SKILL], nth(m, AIRS__S_SKILL, c->r[i].k1));
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
			put_tok(&c->o, &c->t[T_COURSE],
			        nth(m, AIRS__S_COURSE, c->r[i].k1 - 1));
		else
			put_str(&c->o, "");
		put_tok(&c->o, &c->t[T_SKILL], nth(m, AIRS__S_SKILL, c->r[i].k2));
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
		put_tok(&c->o, &c->t[T_ITEM], nth(m, AIRS__S_ITEM, c->r[i].k1));
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
		put_tok(&c->o, &c->t[T_TOOL], nth(m, AIRS__S_TOOL, c->r[i].k1));
		put_int(&c->o, c->r[i].k3);
		put_int(&c->o, c->r[i].i1);
	}
}

static void canon_free(struct canon *c)
{
	const airs__mem *mem = &c->m->mem;
	int s;

	for (s = 0; s < T_SPACES; s++) {
		airs__free(mem, c->t[s].slot);
		airs__free(mem, c->t[s].len);
	}
	airs__free(mem, c->r);
	airs__free(mem, c->tmp);
}

/* The sort buffers and the written ids of c->m's small id spaces. */
static int canon_init(struct canon *c, const airs_model *m)
{
	static const struct { int t; size_t off; int by_strlen; } sp[] = {
		{ T_UNIT, offsetof(airs_model, unit_ids), 0 },
		{ T_ROLE, offsetof(airs_model, role_ids), 0 },
		{ T_SKILL, offsetof(airs_model, skill_ids), 0 },
		{ T_COURSE, offsetof(airs_model, course_ids), 0 },
		{ T_ITEM, offsetof(airs_model, item_ids), 0 },
		{ T_TOOL, offsetof(airs_model, usages.tool_ids), 0 },
		{ T_ATTR, offsetof(airs_model, attr_names), 1 },
		{ T_VALUE, offsetof(airs_model, attr_values), 1 },
	};
	size_t cap = most_records(m) + 1, i;
	int rc = AIRS_OK;

	memset(c->t, 0, sizeof c->t);
	c->m = m;
	c->r = airs__malloc(&m->mem, cap * sizeof *c->r);
	c->tmp = airs__malloc(&m->mem, cap * sizeof *c->tmp);
	if (!c->r || !c->tmp)
		rc = AIRS_ENOMEM;
	for (i = 0; !rc && i < sizeof sp / sizeof sp[0]; i++)
		rc = toks_make(&c->t[sp[i].t],
		               (const airs__names *)(const void *)
		                       ((const char *)m + sp[i].off),
		               sp[i].by_strlen, &m->mem);
	if (rc)
		canon_free(c);
	return rc;
}

/* The digest of a finished model, computed from scratch: the canonical
 * text of docs/output-format.md, a function per tag, in its order. */
static int compute(const airs_model *m, char hex[65])
{
	unsigned char d[AIRS__SHA256_LEN];
	struct canon c;
	uint32_t k;

	if (canon_init(&c, m))
		return AIRS_ENOMEM;
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
	canon_free(&c);
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

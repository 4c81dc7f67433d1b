/*
 * archive.c - snapshots kept without the raw data (airs/archive.h;
 * docs/output-format.md "Archives", methodology 4.8).
 *
 * An archive is a binary partial of a result's rollup (rollup-binary.c)
 * with an optional section (binform.h) that a partial reader skips: the
 * result's provenance, and per unit with people the moments of every
 * compared figure over the unit's own people (change-person.h: the
 * values compare.c sums, quantised so the sums are exact) and the
 * people as keyed hashes with the figures that cover each.  Writing
 * scores each person again for those values on the calling thread;
 * nothing per person but the hash and its bits is written.
 */
#include "archive.h"

#include <math.h>
#include <string.h>

#include "abi.h"
#include "binform.h"
#include "error.h"
#include "quantum.h"
#include "rollup.h"
#include "score.h"
#include "sha256.h"
#include "sort.h"

#define NF AIRS_CHANGE_FIGURE_COUNT_
#define SEC_ARCHIVE 0x80000005u
#define SECTION_VERSION 1u
#define BITS_END (AIRS__ARCH_FAM + AIRS_FLAG_BITS_)
/* HMAC messages begin with a byte that keeps their uses apart. */
#define KEY_LABEL "airs archive key check v1"

int airs__arch_kind(int f)
{
	if (airs__change_ratio_of(f) >= 0)
		return 2;
	return f == AIRS_CHANGE_READINESS || f == AIRS_CHANGE_TIME_SAVED ||
	               (f >= AIRS_CHANGE_CONSTRUCT && f < AIRS_CHANGE_LEVEL)
	           ? 0
	           : 1;
}

static void key_check(const void *key, size_t len,
                      unsigned char out[AIRS__ARCH_HASH])
{
	unsigned char h[AIRS__SHA256_LEN];

	airs__hmac_sha256(key, len, "\0", 1, KEY_LABEL, strlen(KEY_LABEL), h);
	memcpy(out, h, AIRS__ARCH_HASH);
}

static void emp_hash(const void *key, size_t len, const char *id,
                     unsigned char out[AIRS__ARCH_HASH])
{
	unsigned char h[AIRS__SHA256_LEN];

	airs__hmac_sha256(key, len, "\1", 1, id, strlen(id), h);
	memcpy(out, h, AIRS__ARCH_HASH);
}

/* Add a person's value of figure f to a unit's moments. */
static void mom_add(airs__mom *m, int f, const airs__change_person *p)
{
	int k = airs__change_ratio_of(f);

	if (k >= 0) {
		int64_t x = p->num[k], d = p->den[k];
		if (!d)
			return;
		m->n++;
		m->s += x;
		m->m += (uint64_t)d;
		m->xx += (uint64_t)(x * x);
		m->xm += x * d;
		m->mm += (uint64_t)(d * d);
	} else if (!isnan(p->v[f])) {
		m->n++;
		if (airs__arch_kind(f) == 1) {
			m->s += p->v[f] > 0;
		} else {
			int64_t q = airs__quantise(p->v[f]);
			m->s += q;
			airs__sq_add(m->sq, q);
		}
	}
}

static uint64_t person_bits(const airs__change_person *p)
{
	uint64_t b = (uint64_t)p->fam << AIRS__ARCH_FAM;

	for (int f = 0; f < NF; f++) {
		int k = airs__change_ratio_of(f);
		if (k >= 0 ? p->den[k] != 0 : !isnan(p->v[f]))
			b |= (uint64_t)1 << f;
	}
	if (p->v[AIRS_CHANGE_RESPONSE_RATE] > 0)
		b |= (uint64_t)1 << AIRS__ARCH_RESPONDENT;
	return b;
}

/* ------------------------------------------------------------------------
 * Writing
 * ---------------------------------------------------------------------- */

typedef struct wr {
	const airs_result *r;
	airs_provenance prov;
	char mdig[65];
	unsigned char check[AIRS__ARCH_HASH];
	size_t nu;
	airs__mom *mom;       /* nu * NF */
	uint32_t *unit;       /* per person */
	airs__arch_ent *ent;  /* per person */
	uint32_t *order;      /* people by (unit, hash) */
} wr;

static int by_unit_hash(const void *ctx, uint32_t a, uint32_t b)
{
	const wr *w = ctx;
	int c;

	if (w->unit[a] != w->unit[b])
		return w->unit[a] < w->unit[b];
	c = memcmp(w->ent[a].h, w->ent[b].h, AIRS__ARCH_HASH);
	return c < 0;
}

/* Every person's values into their unit's moments, hash and bits. */
static int gather(wr *w, const void *key, size_t key_len)
{
	const airs_result *r = w->r;
	const airs_model *m = r->model;
	airs__score_ctx ctx;
	uint32_t *tmp;
	int rc = AIRS_OK;

	if (airs__score_ctx_init(&ctx, m, &r->pv, r->as_of, &r->mem))
		return AIRS_ENOMEM;
	for (size_t i = 0; i < r->n && !rc; i++) {
		airs__change_person p;
		const char *uid = m->unit_ids.str[m->emps.v[r->s[i].emp].unit];
		size_t u = 0;
		if ((rc = airs__change_person_values(&ctx, &r->mem, &r->s[i], &p)))
			break;
		airs_rollup_find_unit(r->rollup, uid, &u);
		w->unit[i] = (uint32_t)u;
		w->order[i] = (uint32_t)i;
		emp_hash(key, key_len, m->emp_ids.str[r->s[i].emp], w->ent[i].h);
		w->ent[i].bits = person_bits(&p);
		for (int f = 0; f < NF; f++)
			mom_add(&w->mom[u * NF + f], f, &p);
	}
	airs__score_ctx_free(&ctx, &r->mem);
	if (rc)
		return rc;
	if (!(tmp = airs__calloc(&r->mem, r->n + 1, sizeof *tmp)))
		return AIRS_ENOMEM;
	airs__sort(w->order, tmp, r->n, by_unit_hash, w);
	airs__free(&r->mem, tmp);
	return AIRS_OK;
}

static void put_mom(airs__bbuf *b, const airs__mom *m, int kind)
{
	airs__bput_var(b, m->n);
	if (kind == 1) {
		airs__bput_var(b, (uint64_t)m->s);
		return;
	}
	airs__bput_zz(b, m->s);
	if (kind == 0) {
		for (int i = 0; i < AIRS__SQ_LIMBS; i++)
			airs__bput_var(b, m->sq[i]);
		return;
	}
	airs__bput_var(b, m->m);
	airs__bput_var(b, m->xx);
	airs__bput_zz(b, m->xm);
	airs__bput_var(b, m->mm);
}

static void put_context(airs__bbuf *b, const wr *w)
{
	const airs_provenance *p = &w->prov;

	airs__bput_var(b, SECTION_VERSION);
	airs__bput_str(b, p->methodology_version);
	airs__bput_str(b, p->library_version);
	airs__bput_le(b, (uint32_t)p->as_of, 4);
	airs__bput_var(b, (uint64_t)p->as_of_rule);
	airs__bput_var(b, p->as_of_left_out);
	airs__bput_str(b, p->params_digest);
	airs__bput_str(b, w->mdig);
	airs__bput_str(b, p->input_digest);
	airs__bput_le(b, (uint32_t)p->survey_start, 4);
	airs__bput_le(b, (uint32_t)p->survey_end, 4);
	airs__bput_str(b, p->survey_wave_id ? p->survey_wave_id : "");
	airs__bput_var(b, p->survey_answers);
	airs__bput_var(b, p->survey_answers_outside);
	airs__bput_var(b, (uint64_t)w->r->pv.min_group);
	airs__bput(b, w->check, AIRS__ARCH_HASH);
	airs__bput_var(b, AIRS__ARCH_HASH);
	airs__bput_var(b, NF);
}

/* The section: the context, then the units with people in tree order,
 * each as (gap from the previous one, people, moments). */
static int write_section(airs__bbuf *b, const void *user)
{
	const wr *w = user;
	size_t n = w->r->n, i = 0, units = 0, prev = 0;

	put_context(b, w);
	for (size_t k = 0; k < n; k++)
		units += !k || w->unit[w->order[k]] != w->unit[w->order[k - 1]];
	airs__bput_var(b, units);
	while (i < n) {
		size_t u = w->unit[w->order[i]], j = i;
		while (j < n && w->unit[w->order[j]] == u)
			j++;
		airs__bput_var(b, u - prev);
		prev = u + 1;
		airs__bput_var(b, j - i);
		for (; i < j; i++) {
			airs__bput(b, w->ent[w->order[i]].h, AIRS__ARCH_HASH);
			airs__bput_var(b, w->ent[w->order[i]].bits);
		}
		for (int f = 0; f < NF; f++)
			put_mom(b, &w->mom[u * NF + f], airs__arch_kind(f));
	}
	return AIRS_OK;
}

static void wr_free(wr *w)
{
	const airs__mem *mem = &w->r->mem;

	airs__free(mem, w->mom);
	airs__free(mem, w->unit);
	airs__free(mem, w->ent);
	airs__free(mem, w->order);
}

int airs_result_write_archive(const airs_result *r, const void *key,
                              size_t key_len, airs_write_fn write, void *user,
                              airs_diag *diag)
{
	static const airs__bsection sec = { SEC_ARCHIVE, write_section, NULL };
	wr w;
	airs__pv v;
	int rc;

	if (!r || !key || !write)
		return airs__diag_fail(diag, AIRS_EINVAL, "airs_result_write_"
		                       "archive needs a result, a key and a writer");
	if (key_len < AIRS_ARCHIVE_KEY_MIN)
		return airs__diag_fail(diag, AIRS_EINVAL, "the archive key has %zu "
		                       "bytes; it needs at least %d (128 bits) so "
		                       "that its hashes cannot be guessed from "
		                       "employee ids", key_len, AIRS_ARCHIVE_KEY_MIN);
	memset(&w, 0, sizeof w);
	w.r = r;
	w.prov.size = sizeof w.prov;
	v = r->pv;
	v.as_of_auto = 0;
	v.as_of = 0;
	airs__params_digest(&v, w.mdig);
	key_check(key, key_len, w.check);
	w.nu = airs_rollup_unit_count(r->rollup);
	w.mom = airs__calloc(&r->mem, w.nu * NF + 1, sizeof *w.mom);
	w.unit = airs__calloc(&r->mem, r->n + 1, sizeof *w.unit);
	w.ent = airs__calloc(&r->mem, r->n + 1, sizeof *w.ent);
	w.order = airs__calloc(&r->mem, r->n + 1, sizeof *w.order);
	rc = !w.mom || !w.unit || !w.ent || !w.order
	             ? AIRS_ENOMEM
	             : airs_result_provenance(r, &w.prov);
	if (!rc)
		rc = gather(&w, key, key_len);
	if (!rc)
		rc = airs__rollup_write_binary_x(r->rollup, &sec, &w, write, user);
	wr_free(&w);
	if (rc == AIRS_EIO)
		return airs__diag_fail(diag, rc, "the writer failed");
	return rc ? airs__diag_fail(diag, rc, "out of memory") : AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Reading
 * ---------------------------------------------------------------------- */

typedef struct rd {
	airs_archive *a;
	unsigned char check[AIRS__ARCH_HASH];
	int seen;             /* the section was read */
} rd;

static int mismatch(airs__brd *d, const char *what)
{
	airs__diag_set(airs__bget_diag(d), AIRS_EMISMATCH, AIRS_SEVERITY_ERROR,
	               NULL, 0, 0, "byte %zu: %s", airs__bget_offset(d), what);
	return AIRS_EMISMATCH;
}

/* A string that must be 64 lowercase hex digits, into out. */
static int get_digest(airs__brd *d, const airs__mem *mem, char out[65],
                      const char *what)
{
	size_t at = airs__bget_offset(d);
	char *s = NULL;
	int rc = airs__bget_str(d, mem, &s, what);

	if (rc)
		return rc;
	rc = strlen(s) != 64 || strspn(s, "0123456789abcdef") != 64;
	if (!rc)
		memcpy(out, s, 65);
	airs__free(mem, s);
	if (rc)
		airs__bget_seek(d, at);
	return rc ? airs__bget_fail(d, "%s is not a SHA-256 in hex", what) : 0;
}

static int get_date(airs__brd *d, airs_date *out, int zero_ok,
                    const char *what)
{
	char buf[11];
	uint64_t v;
	int rc = airs__bget_le(d, &v, 4, what);

	*out = (airs_date)(int32_t)(uint32_t)v;
	if (!rc && !(zero_ok && !*out) && !airs_date_format(*out, buf))
		return airs__bget_fail(d, "%s is no date", what);
	return rc;
}

static int read_strings(airs__brd *d, airs_archive *a)
{
	airs_provenance *p = &a->prov;
	uint64_t v = 0;
	int rc;

	if ((rc = airs__bget_str(d, &a->mem, &a->methodology,
	                         "the methodology version")) ||
	    (rc = airs__bget_str(d, &a->mem, &a->library,
	                         "the library version")) ||
	    (rc = get_date(d, &p->as_of, 0, "the as-of date")) ||
	    (rc = airs__bget_var(d, &v, "the as-of rule")))
		return rc;
	if (!airs_as_of_rule_name((int)(v & 0xff)) || v > 0xff)
		return airs__bget_fail(d, "as-of rule %llu is none of "
		                       "enum airs_as_of_rule", (unsigned long long)v);
	p->as_of_rule = (int)v;
	p->methodology_version = a->methodology;
	p->library_version = a->library;
	if ((rc = airs__bget_var(d, &p->as_of_left_out, "a count")) ||
	    (rc = get_digest(d, &a->mem, p->params_digest,
	                     "the parameters digest")) ||
	    (rc = get_digest(d, &a->mem, a->method_digest,
	                     "the digest without the as-of date")) ||
	    (rc = get_digest(d, &a->mem, p->input_digest, "the input digest")) ||
	    (rc = get_date(d, &p->survey_start, 1, "the survey start")) ||
	    (rc = get_date(d, &p->survey_end, 1, "the survey end")) ||
	    (rc = airs__bget_str(d, &a->mem, &a->wave_id, "the wave id")))
		return rc;
	p->survey_wave_id = *a->wave_id ? a->wave_id : NULL;
	if ((!p->survey_start) != (!p->survey_end) ||
	    p->survey_end < p->survey_start || p->survey_end > p->as_of)
		return airs__bget_fail(d, "a survey period that no scoring "
		                       "reads");
	return AIRS_OK;
}

static int read_context(airs__brd *d, rd *x)
{
	airs_archive *a = x->a;
	const unsigned char *check;
	uint64_t v = 0;
	int rc;

	if ((rc = airs__bget_var(d, &v, "the archive version")))
		return rc;
	if (v != SECTION_VERSION)
		return mismatch(d, "an archive section of another version of "
		                   "airs");
	if ((rc = read_strings(d, a)) ||
	    (rc = airs__bget_var(d, &a->prov.survey_answers, "a count")) ||
	    (rc = airs__bget_var(d, &a->prov.survey_answers_outside,
	                         "a count")) ||
	    (rc = airs__bget_var(d, &v, "the minimum group")))
		return rc;
	if (v < AIRS__MIN_GROUP_FLOOR || v > INT32_MAX)
		return airs__bget_fail(d, "minimum group %llu is out of range",
		                       (unsigned long long)v);
	a->min_group = (int)v;
	if (!(check = airs__bget_bytes(d, AIRS__ARCH_HASH, "the key check")))
		return AIRS_EPARSE;
	if (memcmp(check, x->check, AIRS__ARCH_HASH))
		return mismatch(d, "the archive was made with another key: its "
		                   "people cannot be matched with this key's; "
		                   "give the key it was made with");
	if ((rc = airs__bget_var(d, &v, "the hash length")))
		return rc;
	if (v != AIRS__ARCH_HASH)
		return mismatch(d, "keyed hashes of another length");
	if ((rc = airs__bget_var(d, &v, "the figure count")))
		return rc;
	return v != NF ? mismatch(d, "another number of compared figures: "
	                             "made by another version of airs")
	               : AIRS_OK;
}

static int get_mom(airs__brd *d, airs__mom *m, int kind)
{
	uint64_t s = 0;
	int rc;

	if ((rc = airs__bget_var(d, &m->n, "a count")))
		return rc;
	if (kind == 1) {
		rc = airs__bget_var(d, &s, "a share's count");
		m->s = (int64_t)s;
		return rc || s <= m->n ? rc
		                       : airs__bget_fail(d, "a share of more "
		                                         "people than it covers");
	}
	if ((rc = airs__bget_zz(d, &m->s, "a sum")))
		return rc;
	if (kind == 0) {
		for (int i = 0; i < AIRS__SQ_LIMBS && !rc; i++)
			rc = airs__bget_var(d, &m->sq[i], "a sum of squares");
		return rc || airs__sq_consistent(m->sq, m->s, m->n)
		               ? rc
		               : airs__bget_fail(d, "sums that no values have");
	}
	if ((rc = airs__bget_var(d, &m->m, "a sum")) ||
	    (rc = airs__bget_var(d, &m->xx, "a sum of squares")) ||
	    (rc = airs__bget_zz(d, &m->xm, "a sum of products")) ||
	    (rc = airs__bget_var(d, &m->mm, "a sum of squares")))
		return rc;
	return m->m < m->n || m->mm < m->m
	               ? airs__bget_fail(d, "a ratio's denominators that no "
	                                 "answers make")
	               : AIRS_OK;
}

/* Unit u's people: strictly by hash, known bits. */
static int get_people(airs__brd *d, airs_archive *a, size_t u, size_t *k,
                      uint64_t count)
{
	for (uint64_t i = 0; i < count; i++, (*k)++) {
		airs__arch_ent *e = &a->ent[*k];
		const unsigned char *h = airs__bget_bytes(d, AIRS__ARCH_HASH,
		                                          "a keyed hash");
		int rc;
		if (!h)
			return AIRS_EPARSE;
		if (i && memcmp(e[-1].h, h, AIRS__ARCH_HASH) >= 0)
			return airs__bget_fail(d, "keyed hashes out of order");
		memcpy(e->h, h, AIRS__ARCH_HASH);
		if ((rc = airs__bget_var(d, &e->bits, "a person's figures")))
			return rc;
		if (e->bits >> BITS_END ||
		    (e->bits >> AIRS__ARCH_FAM & ~(uint64_t)AIRS__SURVEY_FLAGS))
			return airs__bget_fail(d, "a person's figures name "
			                       "unknown ones");
		a->unit_of[*k] = (uint32_t)u;
	}
	return AIRS_OK;
}

/* The moments of unit u's people: each figure's count is its people's,
 * a response rate's share its respondents. */
static int get_moms(airs__brd *d, airs_archive *a, size_t u)
{
	airs__mom *m = &a->mom[a->slot[u] * NF];
	size_t lo = a->at[u], hi = a->at[u + 1];

	for (int f = 0; f < NF; f++) {
		size_t at = airs__bget_offset(d);
		uint64_t n = 0, yes = 0;
		int rc = get_mom(d, &m[f], airs__arch_kind(f));
		if (rc)
			return rc;
		for (size_t i = lo; i < hi; i++) {
			n += a->ent[i].bits >> f & 1u;
			yes += a->ent[i].bits >> AIRS__ARCH_RESPONDENT & 1u;
		}
		if (m[f].n != n || (f == AIRS_CHANGE_RESPONSE_RATE &&
		                    (uint64_t)m[f].s != yes)) {
			airs__bget_seek(d, at);
			return airs__bget_fail(d, "unit %zu, %s: %llu people where "
			                       "its people's figures say %llu", u,
			                       airs_change_figure_name(f),
			                       (unsigned long long)m[f].n,
			                       (unsigned long long)n);
		}
	}
	return AIRS_OK;
}

static int read_units(airs__brd *d, airs_archive *a)
{
	uint64_t units, gap, count, total = 0;
	size_t u = 0, k = 0, cap_ent = 0, cap_unit = 0, cap_mom = 0;
	int rc;

	if ((rc = airs__bget_var(d, &units, "the unit count")))
		return rc;
	if (units > a->nu)
		return airs__bget_fail(d, "more units than the partial has");
	for (uint64_t i = 0; i < units; i++, u++) {
		if ((rc = airs__bget_var(d, &gap, "a unit gap")) ||
		    (rc = airs__bget_var(d, &count, "a unit's people")))
			return rc;
		if (gap >= a->nu - u)
			return airs__bget_fail(d, "unit out of order or range");
		if (!count || count > airs__bget_left(d) / (AIRS__ARCH_HASH + 1))
			return airs__bget_fail(d, "%llu people that the section "
			                       "cannot hold",
			                       (unsigned long long)count);
		while (gap--)
			a->at[++u] = k;
		total += count;
		if (airs__grow(&a->mem, &a->ent, &cap_ent, (size_t)total,
		               sizeof *a->ent) ||
		    airs__grow(&a->mem, &a->unit_of, &cap_unit, (size_t)total,
		               sizeof *a->unit_of) ||
		    airs__grow(&a->mem, &a->mom, &cap_mom, (size_t)(i + 1) * NF,
		               sizeof *a->mom))
			return AIRS_ENOMEM;
		memset(a->mom + i * NF, 0, NF * sizeof *a->mom);
		a->slot[u] = (size_t)i;
		if ((rc = get_people(d, a, u, &k, count)))
			return rc;
		a->at[u + 1] = k;
		if ((rc = get_moms(d, a, u)))
			return rc;
	}
	while (u < a->nu)
		a->at[++u] = k;
	return AIRS_OK;
}

static int read_section(airs__brd *d, const airs_rollup *r, void *user)
{
	rd *x = user;
	airs_archive *a = x->a;
	int rc;

	if (x->seen++)
		return airs__bget_fail(d, "a second archive section");
	a->nu = airs_rollup_unit_count(r);
	a->at = airs__calloc(&a->mem, a->nu + 1, sizeof *a->at);
	a->slot = airs__calloc(&a->mem, a->nu + 1, sizeof *a->slot);
	if (!a->at || !a->slot)
		return AIRS_ENOMEM;
	if ((rc = read_context(d, x)))
		return rc;
	return read_units(d, a);
}

static int before_hash(const void *ctx, uint32_t x, uint32_t y)
{
	const airs__arch_ent *e = ctx;

	return memcmp(e[x].h, e[y].h, AIRS__ARCH_HASH) < 0;
}

/* What the section must agree with in the partial: every unit's
 * people are its headcount; and no hash twice. */
static int check_people(airs_archive *a, airs_diag *diag)
{
	size_t n = a->at[a->nu], *sub, u;
	uint32_t *tmp;
	int rc = AIRS_OK;

	sub = airs__calloc(&a->mem, a->nu + 1, sizeof *sub);
	a->by_hash = airs__calloc(&a->mem, n + 1, sizeof *a->by_hash);
	tmp = airs__calloc(&a->mem, n + 1, sizeof *tmp);
	if (!sub || !a->by_hash || !tmp)
		rc = airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	for (u = a->nu; !rc && u-- > 0;) {
		airs_unit_score us = AIRS_UNIT_SCORE_INIT;
		size_t p;
		airs_rollup_unit(a->rollup, u, &us);
		sub[u] += a->at[u + 1] - a->at[u];
		if (sub[u] != us.headcount)
			rc = airs__diag_fail(diag, AIRS_EPARSE, "unit %s: the archive "
			                     "lists %zu people where its partial "
			                     "counts %llu", us.id, sub[u],
			                     (unsigned long long)us.headcount);
		else if (us.parent_id &&
		         !airs_rollup_find_unit(a->rollup, us.parent_id, &p))
			sub[p] += sub[u];
	}
	for (size_t i = 0; !rc && i < n; i++)
		a->by_hash[i] = (uint32_t)i;
	if (!rc)
		airs__sort(a->by_hash, tmp, n, before_hash, a->ent);
	for (size_t i = 1; !rc && i < n; i++)
		if (!memcmp(a->ent[a->by_hash[i - 1]].h, a->ent[a->by_hash[i]].h,
		            AIRS__ARCH_HASH))
			rc = airs__diag_fail(diag, AIRS_EPARSE, "two people have the "
			                     "same keyed hash: the archive was "
			                     "damaged (a collision of 128-bit hashes "
			                     "is not to be expected)");
	airs__free(&a->mem, sub);
	airs__free(&a->mem, tmp);
	return rc;
}

void airs_archive_free(airs_archive *a)
{
	if (!a)
		return;
	airs_rollup_free(a->rollup);
	airs__free(&a->mem, a->library);
	airs__free(&a->mem, a->methodology);
	airs__free(&a->mem, a->wave_id);
	airs__free(&a->mem, a->mom);
	airs__free(&a->mem, a->slot);
	airs__free(&a->mem, a->at);
	airs__free(&a->mem, a->ent);
	airs__free(&a->mem, a->by_hash);
	airs__free(&a->mem, a->unit_of);
	airs__free(&a->mem, a);
}

int airs_archive_read(airs_archive **out, const void *data, size_t len,
                      const void *key, size_t key_len,
                      const airs_allocator *alloc, airs_diag *diag)
{
	static const airs__bsection sec = { SEC_ARCHIVE, NULL, read_section };
	airs__mem mem;
	airs_archive *a;
	rd x;
	int rc;

	if (out)
		*out = NULL;
	if (!out || !key || (!data && len) || airs__diag_check(diag) ||
	    airs__mem_init(&mem, alloc))
		return airs__diag_fail(diag, AIRS_EINVAL, "airs_archive_read "
		                       "needs out, data and a key");
	if (key_len < AIRS_ARCHIVE_KEY_MIN)
		return airs__diag_fail(diag, AIRS_EINVAL, "the archive key has %zu "
		                       "bytes; archives are made with keys of at "
		                       "least %d", key_len, AIRS_ARCHIVE_KEY_MIN);
	if (!(a = airs__calloc(&mem, 1, sizeof *a)))
		return airs__diag_fail(diag, AIRS_ENOMEM, "out of memory");
	a->mem = mem;
	a->prov.size = sizeof a->prov;
	memset(&x, 0, sizeof x);
	x.a = a;
	key_check(key, key_len, x.check);
	rc = airs__rollup_read_with(&a->rollup, data, len, &mem, &sec, &x, diag);
	if (!rc && !x.seen)
		rc = airs__diag_fail(diag, AIRS_EPARSE, "a partial without an "
		                     "archive section: write archives with "
		                     "airs_result_write_archive() (airs score "
		                     "--archive)");
	if (!rc)
		rc = check_people(a, diag);
	if (rc) {
		airs_archive_free(a);
		return rc;
	}
	*out = a;
	return AIRS_OK;
}

const airs_rollup *airs_archive_rollup(const airs_archive *a)
{
	return a ? a->rollup : NULL;
}

int airs_archive_provenance(const airs_archive *a, airs_provenance *out)
{
	if (!a || AIRS__OUT_CHECK(PROVENANCE, out))
		return AIRS_EINVAL;
	AIRS__OUT(out, &a->prov);
	return AIRS_OK;
}

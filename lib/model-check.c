/*
 * model-check.c - validating a record and saying why not: the failure
 * messages, the id, text and range checks, id lookups and reservations
 * every add of the model shares (model-impl.h).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include "model-impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "date.h"
#include "text.h"

/* Record a failure: "[ctx: ]field value rule".  value may be NULL.  The
 * field is a data-format column name, so the loader can point at the
 * column; the rule is kept apart so it can quote the raw text instead. */
int airs__model_fail(airs__failure *f, int status, const char *ctx,
                     const char *field, const char *value, const char *rule,
                     ...)
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
const char *airs__model_quote(char *buf, size_t n, const char *s)
{
	char tmp[64];

	airs__quote(tmp, sizeof tmp, s, strlen(s));
	snprintf(buf, n, "\"%s\"", tmp);
	return buf;
}

const char *airs__model_num(char *buf, size_t n, double v)
{
	snprintf(buf, n, "%g", v);
	return buf;
}

/* Start a call that changes the model: clear the message, refuse a
 * finished model. */
int airs__model_begin_change(airs_model *m)
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

/* Start an add: as airs__model_begin_change(), and read the caller's
 * record into in (`have` bytes) by the size protocol (abi.h). */
int airs__model_begin(airs_model *m, void *in, size_t have, const void *rec,
                      size_t first)
{
	int rc = airs__model_begin_change(m);

	if (rc)
		return rc;
	if (!rec)
		return airs__fail(m->failure.msg, AIRS_EINVAL,
		                  "record is NULL");
	if (airs__struct_in(in, have, rec, first))
		return airs__fail(m->failure.msg, AIRS_EINVAL, "record %s",
		                  airs__struct_why(rec, have, first));
	return AIRS_OK;
}

int airs__model_is_empty(const char *s)
{
	return !s || !*s;
}

/* Check a required id field; on failure record why. */
int airs__model_check_id(airs__failure *f, const char *ctx, const char *field,
                         const char *s)
{
	char b[80];
	const char *why;

	if (airs__model_is_empty(s))
		return airs__model_fail(f, AIRS_EINVAL, ctx, field, NULL,
		                        "is missing");
	why = airs__id_problem(s, strlen(s));
	if (why)
		return airs__model_fail(f, AIRS_EINVAL, ctx, field,
		                        airs__model_quote(b, sizeof b, s), "%s",
		                        why);
	return AIRS_OK;
}

int airs__model_check_text(airs__failure *f, const char *ctx, const char *field,
                           const char *s, int required)
{
	const char *why;

	if (airs__model_is_empty(s))
		return required ? airs__model_fail(f, AIRS_EINVAL, ctx, field,
		                                   NULL, "is missing")
		                : AIRS_OK;
	why = airs__text_problem(s, strlen(s));
	return why ? airs__model_fail(f, AIRS_EINVAL, ctx, field, NULL, "%s",
	                              why)
	           : AIRS_OK;
}

int airs__model_check_range(airs__failure *f, const char *ctx,
                            const char *field, double v, double lo, double hi)
{
	char b[40];

	if (!isfinite(v))
		return airs__model_fail(f, AIRS_ERANGE, ctx, field, NULL,
		                        "is not a finite number");
	if (v < lo || v > hi)
		return airs__model_fail(f, AIRS_ERANGE, ctx, field,
		                        airs__model_num(b, sizeof b, v),
		                        "is outside %g..%g", lo, hi);
	return AIRS_OK;
}

/* Resolve a reference: the number of id s in space n, or fail. */
int airs__model_lookup(airs__failure *f, const char *ctx, const char *field,
                       const airs__names *n, const char *what, const char *s,
                       uint32_t *out)
{
	char b[80];
	int rc;

	/* a known id is well-formed: check the form only of the others */
	if (!airs__model_is_empty(s) &&
	    (*out = airs__names_find(n, s, strlen(s))) != AIRS__NONE)
		return AIRS_OK;
	if ((rc = airs__model_check_id(f, ctx, field, s)))
		return rc;
	return airs__model_fail(f, AIRS_ENOTFOUND, ctx, field,
	                        airs__model_quote(b, sizeof b, s),
	                        "is not a known %s", what);
}

/* The same tests as airs__model_lookup(), airs__model_check_range() and
 * airs__model_check_date() without a message: the adders of the many-row
 * records run them first and build the message context ("assessment of
 * employee ..., skill ...") only when one fails, then the checks again in
 * their order, for the message.  Formatting the contexts for every row
 * took a third of a load. */
int airs__model_id_known(const airs__names *n, airs__idcache *c, const char *s,
                         uint32_t *out)
{
	if (airs__model_is_empty(s))
		return 0;
	*out = airs__names_find_cached(n, c, s);
	return *out != AIRS__NONE; /* and so well-formed */
}

/* How many employees after the previous record's a record's employee
 * is looked for in employees.csv order before the hash table: employees
 * without records of a kind (a tenth to a third of them in a survey or
 * usage file) are skipped by a compare each, where the table is a cache
 * miss. */
#define EMP_AHEAD 8

/* The employee a record (or an attribute, or a manager) belongs to.
 * Files list an employee's records together, after the employee, so the
 * previous one's employee is tried first, then the few after it in
 * employees.csv (record files usually follow its order: a hash lookup
 * per employee and file is a cache miss into a table of every employee,
 * a tenth of a load's CPU at 100k): an id equal to a known one is known
 * and well-formed. */
int airs__model_record_employee(const airs__rec_base *b, const char *what,
                                const char *s, uint32_t *out)
{
	uint32_t h = *b->emp_hint, k;
	const airs__names *ids = b->emp_ids;
	int rc;

	for (k = 0; s && k <= EMP_AHEAD && (size_t)h + k < ids->count; k++)
		if (strcmp(ids->str[h + k], s) == 0) {
			*out = *b->emp_hint = h + k;
			return AIRS_OK;
		}
	rc = airs__model_lookup(b->failure, what, "employee_id", b->emp_ids,
	                        "employee", s, out);
	if (rc == AIRS_OK)
		*b->emp_hint = *out;
	return rc;
}

/* A new id must be well-formed and unused. */
int airs__model_new_id(airs__failure *f, const char *field,
                       const airs__names *n, const char *s)
{
	char b[80];
	int rc = airs__model_check_id(f, NULL, field, s);

	if (rc)
		return rc;
	if (airs__names_find(n, s, strlen(s)) != AIRS__NONE)
		return airs__model_fail(f, AIRS_EEXIST, NULL, field,
		                        airs__model_quote(b, sizeof b, s),
		                        "is already defined");
	return AIRS_OK;
}

int airs__model_oom(airs__failure *f)
{
	snprintf(f->msg, sizeof f->msg, "out of memory");
	f->field = "";
	snprintf(f->rule, sizeof f->rule, "out of memory");
	return AIRS_ENOMEM;
}

/* Copy an optional string into the arena ("" when NULL). */
const char *airs__model_keep(airs_model *m, const char *s)
{
	if (airs__model_is_empty(s))
		return "";
	return airs__arena_strdup(&m->arena, s, strlen(s));
}

/* Reserve and copy into arena a a new id; *copy is its stable bytes. */
int airs__model_reserve_id(airs__arena *a, airs__names *n, const char *s,
                           const char **copy)
{
	if (airs__names_reserve(n, a->mem, 1))
		return AIRS_ENOMEM;
	*copy = airs__arena_strdup(a, s, strlen(s));
	return *copy ? AIRS_OK : AIRS_ENOMEM;
}

/* The base of a view of m whose adds say why they failed in *failure and
 * keep their guesses at the employee in *emp_hint and at ids in *ids. */
void airs__model_rec_base(airs__rec_base *b, const airs_model *m,
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

int airs__model_check_date(airs__failure *f, const char *ctx, const char *field,
                           airs_date d)
{
	char b[24];

	if (!airs__date_valid(d)) {
		snprintf(b, sizeof b, "%ld", (long)d);
		return airs__model_fail(
		        f, AIRS_ERANGE, ctx, field, b,
		        "is not a date in 1900-01-01..9999-12-31");
	}
	return AIRS_OK;
}

int airs__model_in_range(double v, double lo, double hi)
{
	return isfinite(v) && v >= lo && v <= hi;
}

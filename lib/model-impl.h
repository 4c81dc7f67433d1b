/*
 * model-impl.h - what the files of the model (model*.c) share: the
 * checks and failure messages of every add, the growth macros, and the
 * hash functions of the indexes the loader's rollback truncates.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#ifndef AIRS_MODEL_IMPL_H
#define AIRS_MODEL_IMPL_H

#include <stdarg.h>

#include "model.h"

/* Room for one more element of the array *vec (an AIRS__VEC).  The
 * capacity is tested here: a call per record for the records' arrays
 * was 2% of a load's instructions. */
#define GROW1(mem, vec) \
	((vec)->n < (vec)->cap ? AIRS_OK \
	                       : airs__grow((mem), &(vec)->v, &(vec)->cap, \
	                                    (vec)->n + 1, sizeof *(vec)->v))
#define RESERVE(m, vec) GROW1(&(m)->mem, &(m)->vec)
/* The same for an employees' record array *recs and its employee column. */
#define RESERVE_REC(mem, recs) \
	(GROW1(mem, recs) || \
	 ((recs)->n < (recs)->ecap \
	          ? AIRS_OK \
	          : airs__grow((mem), &(recs)->emp, &(recs)->ecap, \
	                       (recs)->n + 1, sizeof *(recs)->emp)))

/* Record a failure: "[ctx: ]field value rule".  value may be NULL.  The
 * field is a data-format column name, so the loader can point at the
 * column; the rule is kept apart so it can quote the raw text instead. */
int airs__model_fail(airs__failure *f, int status, const char *ctx,
                     const char *field, const char *value, const char *rule,
                     ...) AIRS__PRINTF(6, 7);

/* Quote s for a message: "s" with control characters escaped. */
const char *airs__model_quote(char *buf, size_t n, const char *s);

const char *airs__model_num(char *buf, size_t n, double v);

/* Start a call that changes the model: clear the message, refuse a
 * finished model. */
int airs__model_begin_change(airs_model *m);

/* Start an add: as begin_change(), and read the caller's record into in
 * (`have` bytes) by the size protocol (abi.h). */
int airs__model_begin(airs_model *m, void *in, size_t have, const void *rec,
                      size_t first);

int airs__model_is_empty(const char *s);

/* Check a required id field; on failure record why. */
int airs__model_check_id(airs__failure *f, const char *ctx, const char *field,
                         const char *s);

int airs__model_check_text(airs__failure *f, const char *ctx, const char *field,
                           const char *s, int required);

int airs__model_check_range(airs__failure *f, const char *ctx,
                            const char *field, double v, double lo, double hi);

/* Resolve a reference: the number of id s in space n, or fail. */
int airs__model_lookup(airs__failure *f, const char *ctx, const char *field,
                       const airs__names *n, const char *what, const char *s,
                       uint32_t *out);

/* The same tests as lookup(), check_range() and check_date() without a
 * message: the adders of the many-row records run them first and build
 * the message context ("assessment of employee ..., skill ...") only when
 * one fails, then the checks again in their order, for the message.
 * Formatting the contexts for every row took a third of a load. */
int airs__model_id_known(const airs__names *n, airs__idcache *c, const char *s,
                         uint32_t *out);

/* The employee a record (or an attribute, or a manager) belongs to.
 * Files list an employee's records together, after the employee, so the
 * previous one's employee is tried first, then the one after it in
 * employees.csv (record files usually follow its order: a hash lookup
 * per employee and file is a cache miss into a table of every employee,
 * a tenth of a load's CPU at 100k): an id equal to a known one is known
 * and well-formed. */
int airs__model_record_employee(const airs__rec_base *b, const char *what,
                                const char *s, uint32_t *out);

/* A new id must be well-formed and unused. */
int airs__model_new_id(airs__failure *f, const char *field,
                       const airs__names *n, const char *s);

int airs__model_oom(airs__failure *f);

/* Copy an optional string into the arena ("" when NULL). */
const char *airs__model_keep(airs_model *m, const char *s);

/* Reserve and copy into arena a a new id; *copy is its stable bytes. */
int airs__model_reserve_id(airs__arena *a, airs__names *n, const char *s,
                           const char **copy);

/* The base of a view of m whose adds say why they failed in *failure and
 * keep their guesses at the employee in *emp_hint and at ids in *ids. */
void airs__model_rec_base(airs__rec_base *b, const airs_model *m,
                          airs__failure *failure, uint32_t *emp_hint,
                          airs__idcaches *ids);

int airs__model_check_date(airs__failure *f, const char *ctx, const char *field,
                           airs_date d);

int airs__model_in_range(double v, double lo, double hi);

void airs__model_free_csr(airs_model *m, airs__csr *c);

uint32_t airs__model_prereq_hash(const void *ctx, uint32_t i);

uint32_t airs__model_role_skill_hash(const void *ctx, uint32_t i);

/* Undo u->seen and the current run for the records from n on, which a
 * rollback removes; in hash mode the index is truncated instead. */
void airs__model_usage_rollback(airs__usages *u, size_t n);

#endif

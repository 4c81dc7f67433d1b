/*
 * model-usage.c - adding AI-tool use (one record per employee, tool and
 * month) and the tool registry (methodology 9).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include "model-impl.h"

#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "date.h"
#include "text.h"

struct usage_probe {
	const airs__usages *u;
	uint32_t emp, tool;
	airs_month period;
};

static uint32_t usage_key(const airs__usages *u, uint32_t emp, uint32_t tool,
                          airs_month period)
{
	return airs__hash_u64(&u->key, ((uint64_t)emp << 32 | tool) ^
	                                       ((uint64_t)(uint32_t)period *
	                                        0x9e3779b97f4a7c15ULL));
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
	return emp / 64 < u->seen_words &&
	       (u->seen[emp / 64] >> (emp % 64) & 1);
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
		                          usage_key(u, emp, tool, period),
		                          usage_eq, &p) != AIRS__NONE;
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
void airs__model_usage_rollback(airs__usages *u, size_t n)
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
	         airs__model_quote(b, sizeof b, r->employee_id),
	         airs__model_quote(b2, sizeof b2, r->tool_id), mo);
}

int airs__add_usage(const airs__usage_view *v, const airs_usage_rec *r)
{
	const airs__rec_base *b = &v->b;
	airs__usages *u = v->usages;
	uint32_t emp, tool;
	const char *copy = NULL;
	char q1[80], ctx[200], mo[8];
	int rc, new_tool;

	if ((rc = airs__model_record_employee(b, "usage", r->employee_id,
	                                      &emp)))
		return rc;
	/* contexts are formatted only for a message (see
	 * airs__model_id_known()); a known tool id is well-formed, a new one
	 * is checked */
	tool = airs__model_is_empty(r->tool_id)
	               ? AIRS__NONE
	               : airs__names_find_cached(&u->tool_ids, &b->ids->tool,
	                                         r->tool_id);
	if ((tool == AIRS__NONE &&
	     (airs__model_is_empty(r->tool_id) ||
	      airs__id_problem(r->tool_id, strlen(r->tool_id)))) ||
	    !airs__month_valid(r->period)) {
		snprintf(ctx, sizeof ctx, "usage of employee %s",
		         airs__model_quote(q1, sizeof q1, r->employee_id));
		if ((rc = airs__model_check_id(b->failure, ctx, "tool_id",
		                               r->tool_id)))
			return rc;
		snprintf(q1, sizeof q1, "%ld", (long)r->period);
		return airs__model_fail(b->failure, AIRS_ERANGE, ctx, "period",
		                        q1,
		                        "is not a month in 1900-01..9999-12");
	}
	if (r->active_days < 0 ||
	    r->active_days > airs__month_days(r->period)) {
		airs_month_format(r->period, mo);
		usage_ctx(ctx, sizeof ctx, r, mo);
		snprintf(q1, sizeof q1, "%d", r->active_days);
		return airs__model_fail(b->failure, AIRS_ERANGE, ctx,
		                        "active_days", q1,
		                        "is outside 0..%d, the days of %s",
		                        airs__month_days(r->period), mo);
	}
	/* Switching to the index changes nothing a caller can see, so it
	 * may happen before the record is known to be accepted. */
	if (usage_need_index(u, b->mem, emp))
		return airs__model_oom(b->failure);
	new_tool = tool == AIRS__NONE;
	if (!new_tool && usage_given(u, emp, tool, r->period)) {
		airs_month_format(r->period, mo);
		usage_ctx(ctx, sizeof ctx, r, mo);
		return airs__model_fail(
		        b->failure, AIRS_EEXIST, ctx, "period", mo,
		        "is given twice for this employee and tool");
	}
	if (RESERVE_REC(b->mem, u) || usage_reserve_seen(u, b->mem, emp) ||
	    (u->hashed && airs__hashidx_reserve(&u->idx, b->mem, u->n + 1)) ||
	    (new_tool &&
	     airs__model_reserve_id(v->arena, &u->tool_ids, r->tool_id, &copy)))
		return airs__model_oom(b->failure);
	if (new_tool)
		tool = airs__names_push(&u->tool_ids, copy, strlen(copy));
	u->emp[u->n] = emp;
	u->v[u->n].tool = tool;
	u->v[u->n].period = r->period;
	u->v[u->n].days = r->active_days;
	if (u->hashed)
		airs__hashidx_insert(&u->idx,
		                     usage_key(u, emp, tool, r->period),
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

	if ((rc = airs__model_begin(m, &in, sizeof in, rec,
	                            AIRS__FIRST(USAGE_REC))))
		return rc;
	airs__model_rec_base(&v.b, m, &m->failure, &m->emp_hint, &m->ids);
	v.usages = &m->usages;
	v.arena = &m->arena;
	return airs__add_usage(&v, &in);
}

/* A registered tool's fields: the sanction flag and the month. */
static int check_tool(airs__failure *f, const char *ctx,
                      const airs_tool_rec *r)
{
	char b[40];

	if (r->unsanctioned != 0 && r->unsanctioned != 1) {
		snprintf(b, sizeof b, "%d", r->unsanctioned);
		return airs__model_fail(f, AIRS_ERANGE, ctx, "sanctioned", b,
		                        "is not 0 or 1 (unsanctioned)");
	}
	if (r->available_from && !airs__month_valid(r->available_from)) {
		snprintf(b, sizeof b, "%ld", (long)r->available_from);
		return airs__model_fail(f, AIRS_ERANGE, ctx, "available_from",
		                        b,
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

	if ((rc = airs__model_begin(m, &in, sizeof in, rec,
	                            AIRS__FIRST(TOOL_REC))))
		return rc;
	ids = &m->usages.tool_ids;
	if ((rc = airs__model_check_id(&m->failure, NULL, "tool_id", r->id)))
		return rc;
	t = airs__names_find(ids, r->id, strlen(r->id));
	if (t != AIRS__NONE)
		return airs__model_fail(
		        &m->failure, AIRS_EEXIST, NULL, "tool_id",
		        airs__model_quote(b, sizeof b, r->id), "%s",
		        airs__tool_at(m, (uint32_t)t)
		                ? "is already defined"
		                : "is already named by a usage record or "
		                  "survey item; add tools before the records "
		                  "that name them");
	snprintf(ctx, sizeof ctx, "tool %s",
	         airs__model_quote(b, sizeof b, r->id));
	if ((rc = airs__model_check_text(&m->failure, ctx, "name", r->name,
	                                 1)) ||
	    (rc = airs__model_check_text(&m->failure, ctx, "category",
	                                 r->category, 0)) ||
	    (rc = check_tool(&m->failure, ctx, r)))
		return rc;
	t = ids->count;   /* the new tool's number */
	if (airs__grow(&m->mem, &m->tools.v, &m->tools.cap, t + 1,
	               sizeof *m->tools.v) ||
	    airs__model_reserve_id(&m->arena, ids, r->id, &id) ||
	    !(name = airs__model_keep(m, r->name)) ||
	    !(category = airs__model_keep(m, r->category)))
		return airs__model_oom(&m->failure);
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

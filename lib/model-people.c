/*
 * model-people.c - the line of management (managers, with cycles
 * refused) and employees' attributes, which no score reads.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include "model-impl.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

/* The refusal of a manager link that would close a cycle. */
int airs__model_manager_cycle(airs_model *m, const char *employee_id,
                              const char *manager_id, int self)
{
	char b[80], ctx[200];

	snprintf(ctx, sizeof ctx, "employee %s",
	         airs__model_quote(b, sizeof b, employee_id));
	return airs__model_fail(
	        &m->failure, AIRS_ECYCLE, ctx, "manager_id",
	        airs__model_quote(b, sizeof b, manager_id),
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

	if ((rc = airs__model_begin_change(m)))
		return rc;
	airs__model_rec_base(&rb, m, &m->failure, &m->emp_hint, &m->ids);
	if ((rc = airs__model_record_employee(&rb, "manager", employee_id,
	                                      &emp)))
		return rc;
	if (!airs__model_is_empty(manager_id)) {
		/* the context is formatted only for a message */
		mgr = airs__names_find(&m->emp_ids, manager_id,
		                       strlen(manager_id));
		if (mgr == AIRS__NONE) {
			snprintf(ctx, sizeof ctx, "employee %s",
			         airs__model_quote(b, sizeof b, employee_id));
			if ((rc = airs__model_lookup(&m->failure, ctx,
			                             "manager_id", &m->emp_ids,
			                             "employee", manager_id,
			                             &mgr)))
				return rc;
		}
		/* Walk up from the new manager; reaching the employee means a
		 * cycle.  The chain is acyclic, so it ends within n steps.
		 * (Loading links many at once in linear time:
		 * airs__model_link_managers().) */
		for (e = mgr, steps = 0; e != AIRS__NONE && steps <= m->emps.n;
		     e = m->emps.v[e].manager, steps++)
			if (e == emp)
				return airs__model_manager_cycle(
				        m, employee_id, manager_id, e == mgr);
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
		if (link[x] != AIRS__NONE &&
		    (last == AIRS__NONE || link[x] > last)) {
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
		return airs__model_oom(&m->failure);
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

int airs_model_set_attribute(airs_model *m, const char *employee_id,
                             const char *name, const char *value)
{
	airs__rec_base rb;
	uint32_t emp, key, val = AIRS__NONE;
	const char *kcopy = NULL, *vcopy = NULL, *why;
	char b[80], ctx[200];
	size_t len;
	int rc, clear;

	if ((rc = airs__model_begin_change(m)))
		return rc;
	airs__model_rec_base(&rb, m, &m->failure, &m->emp_hint, &m->ids);
	if ((rc = airs__model_record_employee(&rb, "attribute", employee_id,
	                                      &emp)))
		return rc;
	clear = airs__model_is_empty(value);
	/* A stored name or value was checked when it was first set: only
	 * new ones are checked again (a loader sets the same few on every
	 * employee row). */
	key = airs__model_is_empty(name)
	              ? AIRS__NONE
	              : airs__names_find_cached(&m->attr_names,
	                                        &m->ids.attr_name, name);
	if (!clear)
		val = airs__names_find_cached(&m->attr_values,
		                              &m->ids.attr_value, value);
	why = clear || val != AIRS__NONE
	              ? NULL
	              : airs__text_problem(value, strlen(value));
	if (key == AIRS__NONE &&
	    (airs__model_is_empty(name) || airs__id_problem(name, strlen(name))))
		why = why ? why : "";
	if (why) {
		snprintf(ctx, sizeof ctx, "attribute of employee %s",
		         airs__model_quote(b, sizeof b, employee_id));
		if ((rc = airs__model_check_id(&m->failure, ctx, "name", name)))
			return rc;
		return airs__model_fail(&m->failure, AIRS_EINVAL, ctx, name,
		                        NULL, "%s", why);
	}
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
			return airs__model_oom(&m->failure);
		if (m->attr_names.count + 1 > ncap) {
			uint32_t **cols;
			size_t *lens;
			ncap = ncap ? ncap * 2 : 8;
			cols = airs__realloc(&m->mem, m->attr_cols,
			                     ncap * sizeof *cols);
			if (!cols)
				return airs__model_oom(&m->failure);
			m->attr_cols = cols;
			lens = airs__realloc(&m->mem, m->attr_col_len,
			                     ncap * sizeof *lens);
			if (!lens)
				return airs__model_oom(&m->failure);
			m->attr_col_len = lens;
			memset(cols + m->attr_cap, 0,
			       (ncap - m->attr_cap) * sizeof *cols);
			memset(lens + m->attr_cap, 0,
			       (ncap - m->attr_cap) * sizeof *lens);
			m->attr_cap = ncap;
		}
		if (!(kcopy = airs__arena_strdup(&m->arena, name,
		                                 strlen(name))))
			return airs__model_oom(&m->failure);
	}
	len = strlen(value);
	if (val == AIRS__NONE &&
	    (airs__names_reserve(&m->attr_values, &m->mem, 1) ||
	     !(vcopy = airs__arena_strdup(&m->arena, value, len))))
		return airs__model_oom(&m->failure);
	{
		size_t col = key == AIRS__NONE ? m->attr_names.count : key;
		if (m->attr_col_len[col] < m->emps.n) {
			size_t n = m->emps.cap;
			uint32_t *c = airs__realloc(&m->mem, m->attr_cols[col],
			                            n * sizeof *c);
			if (!c)
				return airs__model_oom(&m->failure);
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

/*
 * load-links.c - what a file names ahead: the unit tree, prerequisites,
 * managers.
 */
#include <stdio.h>
#include <string.h>

#include "abi.h"
#include "num.h"
#include "text.h"
#include "load-impl.h"

/* ------------------------------------------------------------------------
 * Work left after a file: unit tree, prerequisites, managers
 * ---------------------------------------------------------------------- */

static void add_unit(struct loader *L, const struct unit_row *u)
{
	airs_unit_rec r = AIRS_UNIT_REC_INIT;
	int rc;

	r.id = u->id;
	r.name = u->name;
	r.parent_id = u->parent;
	r.target_level = u->target;
	if ((rc = airs_model_add_unit(L->m, &r))) {
		/* The row's cells are gone; quote the kept field. */
		const char *f = L->failure->field ? L->failure->field : "";
		const char *raw = strcmp(f, "unit_id") == 0   ? u->id
		                  : strcmp(f, "parent_id") == 0 ? u->parent
		                  : strcmp(f, "name") == 0      ? u->name
		                                                : "";
		airs__load_refused(L, rc, K_UNIT, u->id, raw, u->line,
		                   airs__load_column_named(L, f));
	}
}

/* Report the cycle that path[from..n-1] forms, at the line of its first
 * unit in file order, as "U1 -> U3 -> U2 -> U1". */
static void unit_cycle(struct loader *L, const uint32_t *path, size_t from,
                       size_t n)
{
	char chain[AIRS_DIAG_TEXT_MAX - 80], q[64];
	size_t i, first = from, len = 0;
	const struct unit_row *u;

	for (i = from; i < n; i++)
		if (L->units.v[path[i]].line < L->units.v[path[first]].line)
			first = i;
	chain[0] = '\0';
	for (i = 0; i <= n - from && len < sizeof chain; i++) {
		u = &L->units.v[path[from + (first - from + i) % (n - from)]];
		len += (size_t)snprintf(chain + len, sizeof chain - len, "%s%s",
		                        i ? " -> " : "",
		                        airs__load_quote(q, sizeof q, u->id));
	}
	u = &L->units.v[path[first]];
	airs__load_report(L, AIRS_ECYCLE, AIRS_SEVERITY_ERROR, u->line,
	       airs__load_column_named(L, "parent_id"),
	       "parent_id \"%s\" makes a cycle of units: %s",
	       airs__load_quote(q, sizeof q, u->parent), chain);
	for (i = from; i < n; i++) {
		airs__load_remember_failed(L, K_UNIT, L->units.v[path[i]].id);
		L->units.v[path[i]].state = 2;
	}
}

/* Add the collected units parents first.  Walk up from each unit not yet
 * added until reaching a root, an added unit or a unit outside the file;
 * then add the walked path from the top down.  Meeting the path itself is
 * a cycle. */
int airs__load_add_units(struct loader *L)
{
	airs__names ids = { 0 };
	uint32_t *path = NULL, *row_of = NULL, j;
	size_t i, n, k, count = L->units.n;
	int rc = AIRS_OK;

	if (!count)
		return AIRS_OK;
	path = airs__malloc(&L->mem, count * sizeof *path);
	row_of = airs__malloc(&L->mem, count * sizeof *row_of);
	if (!path || !row_of || airs__names_reserve(&ids, &L->mem, count)) {
		rc = AIRS_ENOMEM;
		goto out;
	}
	for (i = 0; i < count; i++) {
		const char *id = L->units.v[i].id;
		if (airs__names_find(&ids, id, strlen(id)) != AIRS__NONE) {
			char q[64];
			airs__load_report(L, AIRS_EEXIST, AIRS_SEVERITY_ERROR,
			       L->units.v[i].line, airs__load_column_named(L, "unit_id"),
			       "unit_id \"%s\" is already defined",
			       airs__load_quote(q, sizeof q, id));
			L->units.v[i].state = 2;
			if (L->stop)
				goto out;
			continue;
		}
		row_of[airs__names_push(&ids, id, strlen(id))] = (uint32_t)i;
	}
	for (i = 0; i < count && !L->stop; i++) {
		n = 0;
		for (j = (uint32_t)i; j != AIRS__NONE && L->units.v[j].state == 0;) {
			const char *p = L->units.v[j].parent;
			uint32_t up = airs__names_find(&ids, p, strlen(p));
			L->units.v[j].state = 1;
			path[n++] = j;
			j = up == AIRS__NONE ? AIRS__NONE : row_of[up];
		}
		if (j != AIRS__NONE && L->units.v[j].state == 1) {
			for (k = 0; path[k] != j; k++)
				;
			unit_cycle(L, path, k, n);
			n = k;
		}
		while (n-- && !L->stop) {
			add_unit(L, &L->units.v[path[n]]);
			L->units.v[path[n]].state = 2;
		}
	}
out:
	airs__names_free(&ids, &L->mem);
	airs__free(&L->mem, path);
	airs__free(&L->mem, row_of);
	return rc;
}

/* Apply "skill:level;skill:level" lists. */
void airs__load_add_prerequisites(struct loader *L)
{
	size_t i;

	for (i = 0; i < L->later.n && !L->stop; i++) {
		const struct later *p = &L->later.v[i];
		const char *s = p->text;

		while (*s && !L->stop) {
			airs_prerequisite_rec r = AIRS_PREREQUISITE_REC_INIT;
			char pair[AIRS_ID_MAX + 64], q[64];
			const char *end = strchr(s, ';'), *colon;
			size_t len = end ? (size_t)(end - s) : strlen(s), idlen;
			int rc;

			while (len && airs__load_is_blank(*s))
				s++, len--;
			while (len && airs__load_is_blank(s[len - 1]))
				len--;
			if (len >= sizeof pair)
				len = sizeof pair - 1;
			memcpy(pair, s, len);
			pair[len] = '\0';
			s = end ? end + 1 : s + strlen(s);
			if (!len)
				continue; /* "a:1;;b:2" or a trailing ";" */
			colon = strrchr(pair, ':');
			idlen = colon ? (size_t)(colon - pair) : len;
			while (idlen && airs__load_is_blank(pair[idlen - 1]))
				idlen--;
			if (colon) {
				const char *lv = colon + 1;
				size_t lvlen = strlen(lv);
				while (lvlen && airs__load_is_blank(*lv))
					lv++, lvlen--;
				if (airs__parse_double(lv, lvlen, &r.min_level) ||
				    !(r.min_level > 0)) {
					airs__load_report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR,
					       p->line, p->column,
					       "prerequisites \"%s\" has no level "
					       "above 0 after the colon (write "
					       "skill:level)",
					       airs__load_quote(q, sizeof q, pair));
					continue;
				}
			}
			{
				char id[AIRS_ID_MAX + 64];
				memcpy(id, pair, idlen);
				id[idlen] = '\0';
				r.skill_id = p->id;
				r.requires_id = id;
				rc = airs_model_add_prerequisite(L->m, &r);
				if (rc && !(rc == AIRS_ENOTFOUND &&
				            airs__load_is_failed(L, K_SKILL, id)))
					airs__load_refused(L, rc, K_NONE, NULL, pair,
					        p->line, p->column);
			}
		}
	}
}

/* Apply the managers named in employees.csv, all at once in linear time
 * (airs__model_link_managers()); rows the model refuses are reported in
 * file order with airs_model_set_manager()'s messages. */
void airs__load_set_managers(struct loader *L)
{
	size_t n = L->later.n, i, k = 0;
	uint32_t *emp = airs__malloc(&L->mem, (n + 1) * sizeof *emp);
	uint32_t *mgr = airs__malloc(&L->mem, (n + 1) * sizeof *mgr);
	unsigned char *cyc = airs__malloc(&L->mem, n + 1);
	unsigned char *ok = airs__malloc(&L->mem, n + 1);

	if (!emp || !mgr || !cyc || !ok)
		goto oom;
	for (i = 0; i < n; i++) {
		const struct later *p = &L->later.v[i];
		size_t e, g = AIRS__NONE;
		ok[i] = airs_model_find(L->m, AIRS_ENTITY_EMPLOYEE, p->id, &e) ==
		                AIRS_OK &&
		        (!*p->text || airs_model_find(L->m, AIRS_ENTITY_EMPLOYEE,
		                                      p->text, &g) == AIRS_OK);
		if (ok[i]) {
			emp[k] = (uint32_t)e;
			mgr[k++] = (uint32_t)g;
		}
	}
	if (airs__model_link_managers(L->m, emp, mgr, k, cyc))
		goto oom;
	for (i = 0, k = 0; i < n && !L->stop; i++) {
		const struct later *p = &L->later.v[i];
		int rc = !ok[i] ? airs_model_set_manager(L->m, p->id, p->text)
		         : cyc[k++] ? airs__model_manager_cycle(
		                              L->m, p->id, p->text,
		                              !strcmp(p->id, p->text))
		                    : AIRS_OK;
		if (rc)
			airs__load_refused(L, rc, K_NONE, NULL, p->text, p->line, p->column);
	}
	goto out;
oom:
	airs__load_oom(L);
out:
	airs__free(&L->mem, emp);
	airs__free(&L->mem, mgr);
	airs__free(&L->mem, cyc);
	airs__free(&L->mem, ok);
}

/* Stop at the first unit of the file more than max_depth levels below
 * the top of its tree.  Parents come before their children in the model,
 * so one pass gives every depth. */
int airs__load_check_unit_depth(struct loader *L)
{
	const airs_model *m = L->m;
	size_t n = m->units.n, i;
	uint32_t *depth = airs__malloc(&L->mem, (n + 1) * sizeof *depth);
	char q[64];

	if (!depth)
		return AIRS_ENOMEM;
	for (i = 0; i < n; i++) {
		uint32_t p = m->units.v[i].parent;
		depth[i] = p == AIRS__NONE ? 0 : depth[p] + 1;
	}
	for (i = 0; i < L->units.n && !L->stop; i++) {
		const struct unit_row *u = &L->units.v[i];
		uint32_t k = airs__names_find(&m->unit_ids, u->id, strlen(u->id));
		if (k != AIRS__NONE && depth[k] > L->max_depth) {
			airs__load_report(L, AIRS_ELIMIT, AIRS_SEVERITY_ERROR, u->line,
			       airs__load_column_named(L, "parent_id"),
			       "unit_id \"%s\" is %u levels below the top of its "
			       "tree: the limit is the load option max_depth, %u "
			       "(CLI: --set limits.max_depth=N)",
			       airs__load_quote(q, sizeof q, u->id), (unsigned)depth[k],
			       (unsigned)L->max_depth);
			L->stop = 1;
		}
	}
	airs__free(&L->mem, depth);
	return AIRS_OK;
}

/* Stop at the first employee more than max_depth managers below the top
 * of its management chain: each chain is walked once (linear). */
int airs__load_check_chain_depth(struct loader *L)
{
	const airs_model *m = L->m;
	size_t n = m->emps.n, e, np;
	uint32_t *depth = airs__malloc(&L->mem, (n + 1) * sizeof *depth);
	uint32_t *path = airs__malloc(&L->mem, (n + 1) * sizeof *path);
	char q[64];

	if (!depth || !path) {
		airs__free(&L->mem, depth);
		airs__free(&L->mem, path);
		return AIRS_ENOMEM;
	}
	for (e = 0; e < n; e++)
		depth[e] = AIRS__NONE;
	for (e = 0; e < n && !L->stop; e++) {
		uint32_t x = (uint32_t)e, d;
		for (np = 0; x != AIRS__NONE && depth[x] == AIRS__NONE;
		     x = m->emps.v[x].manager)
			path[np++] = x;
		d = x == AIRS__NONE ? 0 : depth[x] + 1;
		while (np--)
			depth[path[np]] = d++;
		if (depth[e] > L->max_depth) {
			airs__load_report(L, AIRS_ELIMIT, AIRS_SEVERITY_ERROR, 0, 0,
			       "employee_id \"%s\" has %u managers above it: the "
			       "limit is the load option max_depth, %u (CLI: --set "
			       "limits.max_depth=N)",
			       airs__load_quote(q, sizeof q, m->emp_ids.str[e]),
			       (unsigned)depth[e], (unsigned)L->max_depth);
			L->stop = 1;
		}
	}
	airs__free(&L->mem, depth);
	airs__free(&L->mem, path);
	return AIRS_OK;
}

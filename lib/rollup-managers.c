/*
 * rollup-managers.c - manager groups (methodology 4.4): for every
 * manager, the direct reports and all reports (the whole line below),
 * with the same exact accumulators and the same figures as units.
 *
 * The management line is a forest over employees (the loader refuses
 * cycles and unknown managers).  A manager rollup is a rollup of its own
 * (rollup-impl.h, airs_rollup.mgr) whose "units" are two nodes per
 * manager: node 2i is manager i's line (all reports), and its first
 * child 2i + 1 the direct reports, a leaf that holds the accumulators of
 * the people who report to i.  The managers are in tree order of the
 * line (each followed by the managers under them, siblings by id), so
 * a manager's line is a contiguous range of nodes and the unit code -
 * adding, absorbing shards, subtree totals, medians, the skill heatmap,
 * publishing - serves both hierarchies unchanged.  Only the suppression
 * differs: a manager group's decisions are made jointly with the unit
 * groups' (suppress-joint.c).  A manager is not in their own groups.
 *
 * Partials (rollup-text.c) carry units only, so a rollup read back or
 * merged has no manager groups: airs_rollup_manager_count() is 0 and the
 * readers say AIRS_ENOTFOUND (docs/output-format.md).
 */
#include "rollup-impl.h"

#include <string.h>

#include "abi.h"

uint32_t airs__mgr_families(const airs__emp_detail *d)
{
	uint32_t f = d->construct_present & ((1u << NC) - 1u);

	f |= (uint32_t)(d->respondent != 0) << FAM_RESP;
	f |= (uint32_t)((d->flags_read & AIRS_FLAG_FATIGUE) != 0) << FAM_FATIGUE;
	f |= (uint32_t)((d->flags_read & AIRS_FLAG_NO_BENEFIT) != 0)
	     << FAM_NO_BENEFIT;
	return f;
}

/* The managers of the model (employees someone reports to) in tree
 * order of the line: pos[e] their position, AIRS__NONE for others.
 * Returns how many, or SIZE_MAX when out of memory. */
static size_t line_order(const airs__mem *mem, const airs_model *m,
                         uint32_t *pos)
{
	size_t ne = m->emps.n, e, nm = 0;
	uint32_t *idx = airs__calloc(mem, 3 * ne + 1, sizeof *idx);
	uint32_t *emp, *parent;
	const char **ids;

	if (!idx)
		return SIZE_MAX;
	emp = idx + ne;     /* manager number -> employee */
	parent = emp + ne;  /* manager number -> their manager's number */
	ids = airs__calloc(mem, ne + 1, sizeof *ids);
	if (!ids) {
		airs__free(mem, idx);
		return SIZE_MAX;
	}
	for (e = 0; e < ne; e++)
		idx[e] = AIRS__NONE;
	for (e = 0; e < ne; e++) {
		uint32_t b = m->emps.v[e].manager;
		if (b != AIRS__NONE && idx[b] == AIRS__NONE) {
			idx[b] = (uint32_t)nm;
			emp[nm++] = b;
		}
	}
	for (e = 0; e < nm; e++) {
		uint32_t b = m->emps.v[emp[e]].manager;
		parent[e] = b == AIRS__NONE ? AIRS__NONE : idx[b];
		ids[e] = m->emp_ids.str[emp[e]];
	}
	/* pos[] doubles as the order until it is inverted below */
	if (airs__rollup_tree_order(mem, nm, ids, parent, pos)) {
		nm = SIZE_MAX;
	} else {
		for (e = 0; e < nm; e++)
			idx[e] = pos[e];            /* order: position -> number */
		for (e = 0; e < ne; e++)
			pos[e] = AIRS__NONE;
		for (e = 0; e < nm; e++)
			pos[emp[idx[e]]] = (uint32_t)e;
	}
	airs__free(mem, ids);
	airs__free(mem, idx);
	return nm;
}

/* The nodes' ids, parents and units, and the employees' maps. */
static int fill(airs_rollup *g, const airs_rollup *r, const airs_model *m,
                const uint32_t *pos)
{
	size_t e;

	for (e = 0; e < m->emps.n; e++) {
		const airs__employee *x = &m->emps.v[e];
		uint32_t p = pos[e];
		g->ecell[e] = r->map[x->unit] * 2 + (x->leader != 0);
		g->map[e] = x->manager == AIRS__NONE ? AIRS__NONE
		                                     : 2 * pos[x->manager] + 1;
		if (p == AIRS__NONE)
			continue;
		g->uid[2 * p] = airs__strndup(&g->mem, m->emp_ids.str[e],
		                              m->emp_ids.len[e]);
		g->uid[2 * p + 1] = airs__strndup(&g->mem, m->emp_ids.str[e],
		                                  m->emp_ids.len[e]);
		g->uname[2 * p] = airs__strndup(&g->mem, "", 0);
		g->uname[2 * p + 1] = airs__strndup(&g->mem, "", 0);
		if (!g->uid[2 * p] || !g->uid[2 * p + 1] || !g->uname[2 * p] ||
		    !g->uname[2 * p + 1])
			return AIRS_ENOMEM;
		g->parent[2 * p] = x->manager == AIRS__NONE
		                           ? AIRS__NONE
		                           : 2 * pos[x->manager];
		g->parent[2 * p + 1] = 2 * p;
		g->munit[p] = r->map[x->unit];
	}
	return AIRS_OK;
}

int airs__mgr_new(airs_rollup *r, const airs_model *m)
{
	size_t ne = m->emps.n, nm;
	uint32_t *pos = airs__calloc(&r->mem, ne + 1, sizeof *pos);
	airs_rollup *g = NULL;

	if (!pos)
		return AIRS_ENOMEM;
	nm = line_order(&r->mem, m, pos);
	if (nm == SIZE_MAX || !nm) {
		airs__free(&r->mem, pos);
		return nm ? AIRS_ENOMEM : AIRS_OK;
	}
	g = airs__rollup_alloc(&r->mem, 2 * nm, r->ns, 0);
	if (g) {
		g->nested = 1;
		g->ne = ne;
		g->map = airs__calloc(&r->mem, ne + 1, sizeof *g->map);
		g->ecell = airs__calloc(&r->mem, ne + 1, sizeof *g->ecell);
		g->efam = airs__calloc(&r->mem, ne + 1, sizeof *g->efam);
		g->munit = airs__calloc(&r->mem, nm, sizeof *g->munit);
	}
	if (!g || !g->map || !g->ecell || !g->efam || !g->munit ||
	    fill(g, r, m, pos)) {
		airs__free(&r->mem, pos);
		airs_rollup_free(g);
		return AIRS_ENOMEM;
	}
	airs__free(&r->mem, pos);
	airs__rollup_derive_shape(g);
	g->min_group = r->min_group;
	memcpy(g->digest, r->digest, sizeof g->digest);
	r->mgr = g;
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Reading
 * ---------------------------------------------------------------------- */

const airs_rollup *airs__rollup_managers(const airs_rollup *r)
{
	return r ? r->mgr : NULL;
}

size_t airs_rollup_manager_count(const airs_rollup *r)
{
	return r && r->mgr ? r->mgr->nu / 2 : 0;
}

int airs_rollup_find_manager(const airs_rollup *r, const char *id,
                             size_t *index)
{
	size_t node;
	int rc;

	if (!r || !id || !index)
		return AIRS_EINVAL;
	if (!r->finalised)
		return AIRS_ESTATE;
	if (!r->mgr)
		return AIRS_ENOTFOUND;
	if ((rc = airs_rollup_find_unit(r->mgr, id, &node)))
		return rc;
	*index = node / 2;
	return AIRS_OK;
}

/* Check a reader's arguments: manager i of a finalised rollup with
 * manager groups, scope direct or all.  Sets the node. */
static int node_of(const airs_rollup *r, size_t i, int scope, size_t *node)
{
	if (!r->finalised)
		return AIRS_ESTATE;
	if (!r->mgr)
		return AIRS_ENOTFOUND;
	if (i >= r->mgr->nu / 2 ||
	    (scope != AIRS_REPORTS_DIRECT && scope != AIRS_REPORTS_ALL))
		return AIRS_ERANGE;
	*node = 2 * i + (scope == AIRS_REPORTS_DIRECT);
	return AIRS_OK;
}

int airs_rollup_manager(const airs_rollup *r, size_t i, airs_manager_info *out)
{
	airs_manager_info v;
	const airs_rollup *g;
	size_t node;
	int rc;

	if (!r || airs__struct_out_check(out, sizeof v, sizeof v))
		return AIRS_EINVAL;
	if ((rc = node_of(r, i, AIRS_REPORTS_ALL, &node)))
		return rc;
	g = r->mgr;
	memset(&v, 0, sizeof v);
	v.size = sizeof v;
	v.id = g->uid[node];
	v.manager_id = g->parent[node] == AIRS__NONE ? NULL
	                                             : g->uid[g->parent[node]];
	v.unit_id = r->uid[g->munit[i]];
	v.depth = (int)g->depth[node];
	v.direct_reports = g->tot[node + 1].headcount;
	v.all_reports = g->tot[node].headcount;
	v.line_end = g->end[node] / 2;
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

int airs_rollup_manager_group(const airs_rollup *r, size_t i, int scope,
                              airs_unit_score *out)
{
	airs_unit_score v;
	size_t node;
	int rc;

	if (!r || AIRS__OUT_CHECK(UNIT_SCORE, out))
		return AIRS_EINVAL;
	if ((rc = node_of(r, i, scope, &node)))
		return rc;
	airs__rollup_publish_unit(r->mgr, node, &v);
	/* as the manager's line reads it: no unit name or target */
	v.name = v.id;
	v.parent_id = r->mgr->parent[2 * i] == AIRS__NONE
	                      ? NULL
	                      : r->mgr->uid[r->mgr->parent[2 * i]];
	v.depth = (int)r->mgr->depth[2 * i];
	v.target = 0;
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

int airs_rollup_manager_construct(const airs_rollup *r, size_t i, int scope,
                                  int construct, airs_construct_score *out)
{
	airs_construct_score v;
	size_t node;
	int rc;

	if (!r || AIRS__OUT_CHECK(CONSTRUCT_SCORE, out))
		return AIRS_EINVAL;
	if ((rc = node_of(r, i, scope, &node)))
		return rc;
	if (construct < 0 || construct >= NC)
		return AIRS_ERANGE;
	airs__rollup_publish_construct(r->mgr, node, (size_t)construct, &v);
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

int airs_rollup_manager_skill(const airs_rollup *r, size_t i, int scope,
                              size_t skill, double *mean_gap, uint64_t *count)
{
	size_t node;
	int64_t sum;
	int rc;

	if (!r || !mean_gap || !count)
		return AIRS_EINVAL;
	if ((rc = node_of(r, i, scope, &node)))
		return rc;
	if (skill >= r->ns)
		return AIRS_ERANGE;
	airs__skills_read(r->mgr, node, skill, count, &sum);
	*mean_gap = airs__qmean(sum, *count);
	return AIRS_OK;
}

/*
 * plan-problem.c - one employee's planning problem (methodology 8.1-8.4,
 * 8.6): the learning curve, what every problem shares, the problem build,
 * hull increments, time to target and the interventions of a barrier
 * point (the barrier point itself: plan-adkar.c).  Both planners read what is built here (plan-problem.h).
 *
 * The skills to learn - required skills below their level that a course
 * teaches, and the prerequisite skills those courses need first - are
 * grouped into connected components of the prerequisite relation; a
 * group's options are the feasible sets of its courses (each skill's
 * courses taken in the catalogue's canonical order, a prerequisite
 * skill's courses before the courses that need it).  Options of different
 * groups add up: uplift is separable across skills (section 8.2).  The
 * upper convex hull of each group's options gives the increments that the
 * greedy and the organisation's queue hand out.
 */
#include "plan-problem.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "airs/rollup.h"
#include "model.h"
#include "rollup.h"
#include "score-employee.h"
#include "skill.h"
#include "sort.h"

/* ------------------------------------------------------------------------
 * The learning curve (section 8.1)
 * ---------------------------------------------------------------------- */

double airs__plan_ceiling(const airs__pv *pv, double gain, double L0)
{
	double lmax = L0 + pv->plan_headroom * gain;
	return lmax > 5 ? 5 : lmax;
}

static double tau_of(const airs__pv *pv, int format, double hours)
{
	if (format < 0 || format > AIRS_FORMAT_BRIEFING)
		format = AIRS_FORMAT_SELF_PACED;
	return hours * pv->plan_tau[format];
}

double airs__plan_level(const airs__pv *pv, int format, double hours,
                        double gain, double L0, double h)
{
	double lmax = airs__plan_ceiling(pv, gain, L0);

	if (lmax <= L0 || h <= 0)
		return L0;
	return lmax - (lmax - L0) * exp(-h / tau_of(pv, format, hours));
}

double airs__plan_hours_to(const airs__pv *pv, int format, double hours,
                           double gain, double L0, double target)
{
	double lmax = airs__plan_ceiling(pv, gain, L0);

	if (target <= L0)
		return 0;
	if (target >= lmax)
		return INFINITY;
	return -tau_of(pv, format, hours) * log((lmax - target) / (lmax - L0));
}

/* ------------------------------------------------------------------------
 * What every employee's problem shares
 * ---------------------------------------------------------------------- */

void airs__plan_ctx_free(struct plan_ctx *c)
{
	airs__free(&c->mem, c->cstart);
	airs__free(&c->mem, c->corder);
	airs__free(&c->mem, c->pstart);
	airs__free(&c->mem, c->porder);
	airs__free(&c->mem, c->unit_adkar);
	airs__free(&c->mem, c->unit_src);
	airs__free(&c->mem, c->unit_from);
}

/* Canonical course order within a skill: gentlest first (gain, then
 * length), then id - the order a person takes a skill's courses in. */
static int course_before(const void *ctx, uint32_t x, uint32_t y)
{
	const airs_model *m = ctx;
	const airs__course *a = &m->courses.v[x], *b = &m->courses.v[y];

	if (a->skill != b->skill)
		return a->skill < b->skill;
	if (a->gain != b->gain)
		return a->gain < b->gain;
	if (a->hours != b->hours)
		return a->hours < b->hours;
	return m->sorted[AIRS__S_COURSE].rank[x] < m->sorted[AIRS__S_COURSE].rank[y];
}

/* The courses in canonical order into c->corder; AIRS_ENOMEM possible. */
static int sort_courses(struct plan_ctx *c)
{
	size_t nc = c->m->courses.n, i;
	uint32_t *tmp = airs__malloc(&c->mem, (nc + 1) * sizeof *tmp);

	if (!tmp)
		return AIRS_ENOMEM;
	for (i = 0; i < nc; i++)
		c->corder[i] = (uint32_t)i;
	airs__sort(c->corder, tmp, nc, course_before, c->m);
	airs__free(&c->mem, tmp);
	return AIRS_OK;
}

/* Courses and prerequisites by skill: cstart and pstart, and the
 * prerequisites in porder. */
static int index_by_skill(struct plan_ctx *c)
{
	const airs_model *m = c->m;
	size_t ns = m->skills.n, nc = m->courses.n, np = m->prereqs.n, i;
	uint32_t *fill;

	for (i = 0; i < nc; i++)
		c->cstart[m->courses.v[i].skill + 1]++;
	for (i = 0; i < ns; i++)
		c->cstart[i + 1] += c->cstart[i];
	for (i = 0; i < np; i++)
		c->pstart[m->prereqs.v[i].skill + 1]++;
	for (i = 0; i < ns; i++)
		c->pstart[i + 1] += c->pstart[i];
	fill = airs__malloc(&c->mem, (ns + 1) * sizeof *fill);
	if (!fill)
		return AIRS_ENOMEM;
	memcpy(fill, c->pstart, ns * sizeof *fill);
	for (i = 0; i < np; i++)
		c->porder[fill[m->prereqs.v[i].skill]++] = (uint32_t)i;
	airs__free(&c->mem, fill);
	return AIRS_OK;
}

int airs__plan_ctx_init(struct plan_ctx *c, const airs_result *r)
{
	const airs_model *m = r->model;
	size_t ns = m->skills.n, nc = m->courses.n, np = m->prereqs.n,
	       nu = m->units.n;

	memset(c, 0, sizeof *c);
	c->r = r;
	c->m = m;
	c->pv = &r->pv;
	c->mem = r->mem;
	c->cstart = airs__calloc(&c->mem, ns + 1, sizeof *c->cstart);
	c->corder = airs__malloc(&c->mem, (nc + 1) * sizeof *c->corder);
	c->pstart = airs__calloc(&c->mem, ns + 1, sizeof *c->pstart);
	c->porder = airs__malloc(&c->mem, (np + 1) * sizeof *c->porder);
	c->rstart = m->req_start;
	c->req = m->req;
	c->sum_v = m->req_weight;
	c->unit_adkar = airs__calloc(&c->mem, 3 * nu + 1, sizeof *c->unit_adkar);
	c->unit_src = airs__calloc(&c->mem, 3 * nu + 1, 1);
	c->unit_from = airs__calloc(&c->mem, 3 * nu + 1, sizeof *c->unit_from);
	if (!c->cstart || !c->corder || !c->pstart || !c->porder ||
	    !c->unit_adkar || !c->unit_src || !c->unit_from) {
		airs__plan_ctx_free(c);
		return AIRS_ENOMEM;
	}
	if (sort_courses(c) || index_by_skill(c) ||
	    airs__plan_unit_profiles(c)) {
		airs__plan_ctx_free(c);
		return AIRS_ENOMEM;
	}
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * One employee's problem
 * ---------------------------------------------------------------------- */

void airs__plan_problem_free(struct plan_prob *p, const airs__mem *mem)
{
	airs__free(mem, p->nodes);
	airs__free(mem, p->edges);
	airs__free(mem, p->gorder);
	airs__free(mem, p->groups);
	airs__free(mem, p->opts);
	airs__free(mem, p->picks);
	airs__free(mem, p->missing);
	airs__free(mem, p->uf);
	airs__free(mem, p->nodeof);
	airs__free(mem, p->thr);
	airs__free(mem, p->ml);
	airs__free(mem, p->mh);
	airs__free(mem, p->mc);
	airs__free(mem, p->mp);
	airs__free(mem, p->mm);
	airs__free(mem, p->sub);
	airs__free(mem, p->gs[0]);
	airs__free(mem, p->gs[1]);
	airs__free(mem, p->gk[0]);
	airs__free(mem, p->gk[1]);
	airs__free(mem, p->gback);
	airs__free(mem, p->gord);
	airs__free(mem, p->gtmp);
	airs__free(mem, p->gslot);
	airs__free(mem, p->a);
	memset(p, 0, sizeof *p);
}

/* The employee's assessments on or before the as-of date, for the
 * estimates of its skills. */
static int take_assessments(const struct plan_ctx *c, struct plan_prob *p)
{
	const airs__csr *ca = &c->m->by_emp_assessment;

	if (airs__grow(&c->mem, &p->a, &p->acap,
	               ca->start[p->emp + 1] - ca->start[p->emp] + 1,
	               sizeof *p->a))
		return AIRS_ENOMEM;
	p->na = airs__skill_assessments(c->m, p->emp, c->r->as_of, p->a);
	return AIRS_OK;
}

/* The start level L0 of a skill: its estimate (methodology 3.1), the
 * one scoring reads, or 0 when it is not assessed (section 8.2). */
static double estimate(const struct plan_ctx *c, const struct plan_prob *p,
                       uint32_t skill)
{
	double wsum, wl;

	airs__skill_evidence(c->pv, c->r->as_of, p->a, p->na, skill, &wsum,
	                     &wl);
	return wsum > 0 ? wl / wsum : 0;
}

static int find_node(const struct plan_prob *p, uint32_t skill)
{
	return p->nodeof[skill];
}

static int add_node(const struct plan_ctx *c, struct plan_prob *p,
                    uint32_t skill, double q, double v, double L0)
{
	struct plan_node *n;
	uint32_t nc;

	if (airs__grow(&c->mem, &p->nodes, &p->ncap, p->nn + 1, sizeof *p->nodes))
		return -1;
	n = &p->nodes[p->nn];
	memset(n, 0, sizeof *n);
	n->skill = skill;
	n->q = q;
	n->v = v;
	n->L0 = L0;
	n->last = -1;
	n->c0 = c->cstart[skill];
	nc = c->cstart[skill + 1] - c->cstart[skill];
	n->nc = nc > MASK_COURSES ? MASK_COURSES : nc;
	if (nc > MASK_COURSES)
		p->reduced = 1; /* the rest of the skill's catalogue is left out */
	p->nodeof[skill] = (int)p->nn;
	return (int)p->nn++;
}

static int uf_find(int *uf, int x)
{
	while (uf[x] != x)
		x = uf[x] = uf[uf[x]];
	return x;
}


/* Start p afresh for employee (result index) ri, with its scale: the
 * points of readiness a unit of v * fit is worth (section 8.2). */
static int problem_reset(const struct plan_ctx *c, struct plan_prob *p,
                         size_t ri)
{
	const airs__score *s = &c->r->s[ri];
	const airs__employee *emp = &c->m->emps.v[s->emp];
	const airs__pv *pv = c->pv;
	uint32_t r0 = c->rstart[emp->role], r1 = c->rstart[emp->role + 1];
	double D = 0, sum_v = c->sum_v[emp->role];
	int comp;

	p->emp = s->emp;
	p->ri = ri;
	p->readiness = s->readiness;
	p->base = isnan(s->readiness) ? 0 : s->readiness;
	p->reduced = 0;
	if (!p->nodeof) {
		size_t k, ns = c->m->skills.n;
		p->nodeof = airs__malloc(&c->mem, (ns + 1) * sizeof *p->nodeof);
		if (!p->nodeof)
			return AIRS_ENOMEM;
		for (k = 0; k < ns; k++)
			p->nodeof[k] = -1;
	}
	while (p->nn)
		p->nodeof[p->nodes[--p->nn].skill] = -1;
	p->ne = p->ng = p->no = p->nm = p->nmiss = p->nml = p->nthr = 0;
	/* Every required skill counts in the planning view (section 8.2). */
	if (r1 > r0)
		D += pv->weight[AIRS_COMPONENT_SKILL];
	for (comp = 1; comp < AIRS_COMPONENT_COUNT_; comp++)
		if (s->coverage >> comp & 1)
			D += pv->weight[comp];
	p->scale = D > 0 && sum_v > 0
	                   ? 100 * pv->weight[AIRS_COMPONENT_SKILL] / (sum_v * D)
	                   : 0;
	return AIRS_OK;
}

/* The requirements req[r0 .. r1) the employee is below: a node each when
 * a course teaches the skill, else a missing skill. */
static int add_required(const struct plan_ctx *c, struct plan_prob *p,
                        uint32_t r0, uint32_t r1)
{
	uint32_t i;

	for (i = r0; i < r1; i++) {
		const airs__req *q = &c->req[i];
		double L = estimate(c, p, q->skill);
		if (L >= q->q)
			continue;
		if (c->cstart[q->skill + 1] == c->cstart[q->skill]) {
			if (airs__grow(&c->mem, &p->missing, &p->misscap,
			               p->nmiss + 1, sizeof *p->missing))
				return AIRS_ENOMEM;
			p->missing[p->nmiss++] = q->skill;
			continue;
		}
		if (add_node(c, p, q->skill, q->q, q->v, L) < 0)
			return AIRS_ENOMEM;
	}
	return AIRS_OK;
}

/* A node for prerequisite pr's skill, in *y, when the employee is below
 * its level (with the requirement, if the role has one); else *y stays
 * -1: met already. */
static int prereq_node(const struct plan_ctx *c, struct plan_prob *p,
                       const airs__prereq *pr, uint32_t r0, uint32_t r1,
                       int *y)
{
	double L = estimate(c, p, pr->requires), q = 0, v = 0;
	uint32_t i;

	if (L >= pr->min_level)
		return AIRS_OK;
	for (i = r0; i < r1; i++)
		if (c->req[i].skill == pr->requires) {
			q = c->req[i].q;
			v = c->req[i].v;
		}
	*y = add_node(c, p, pr->requires, q, v, L);
	return *y < 0 ? AIRS_ENOMEM : AIRS_OK;
}

/* The prerequisites of node x's skill: an edge each, to a node for the
 * skill needed unless it is met already. */
static int add_prereqs(const struct plan_ctx *c, struct plan_prob *p,
                       size_t x, uint32_t r0, uint32_t r1)
{
	uint32_t skill = p->nodes[x].skill, j;
	int rc;

	for (j = c->pstart[skill]; j < c->pstart[skill + 1]; j++) {
		const airs__prereq *pr = &c->m->prereqs.v[c->porder[j]];
		int y = find_node(p, pr->requires);
		struct plan_edge *ed;
		if (y < 0 && (rc = prereq_node(c, p, pr, r0, r1, &y)))
			return rc;
		if (airs__grow(&c->mem, &p->edges, &p->ecap, p->ne + 1,
		               sizeof *p->edges))
			return AIRS_ENOMEM;
		ed = &p->edges[p->ne++];
		ed->x = (int)x;
		ed->y = y;
		ed->min = pr->min_level;
	}
	return AIRS_OK;
}

/* Groups: components of the prerequisite edges among nodes, numbered in
 * order of their first node. */
static int make_groups(const struct plan_ctx *c, struct plan_prob *p)
{
	size_t k;

	if (airs__grow(&c->mem, &p->uf, &p->ufcap, p->nn + 1, sizeof *p->uf) ||
	    airs__grow(&c->mem, &p->gorder, &p->gocap, p->nn + 1,
	               sizeof *p->gorder))
		return AIRS_ENOMEM;
	for (k = 0; k < p->nn; k++)
		p->uf[k] = (int)k;
	for (k = 0; k < p->ne; k++)
		if (p->edges[k].y >= 0) {
			int a = uf_find(p->uf, p->edges[k].x),
			    b = uf_find(p->uf, p->edges[k].y);
			if (a != b)
				p->uf[a > b ? a : b] = a < b ? a : b;
		}
	for (k = 0; k < p->nn; k++) {
		int root = uf_find(p->uf, (int)k);
		if (root == (int)k) {
			if (airs__grow(&c->mem, &p->groups, &p->gcap, p->ng + 1,
			               sizeof *p->groups))
				return AIRS_ENOMEM;
			p->nodes[k].group = (int)p->ng;
			p->groups[p->ng].nn = 0;
			p->ng++;
		} else {
			p->nodes[k].group = p->nodes[root].group;
		}
		p->nodes[k].topo = -1;
	}
	return AIRS_OK;
}

/* Order each group's nodes prerequisites first, depth first: start from
 * the nodes needing nothing (lowest index first) and, after placing a
 * node, place next the nodes it was the last prerequisite of (lowest
 * index first) before going back - Kahn's algorithm with a stack,
 * O(nodes + edges).  Depth first keeps few placed skills still needed by
 * skills to come (a tree's path from its root), which is what the
 * options' states are keyed by (plan-options.c).  Scratch p->uf: per
 * node its unplaced prerequisites, the edges by the node needed, per
 * group the nodes placed, the stack. */
static int order_groups(const struct plan_ctx *c, struct plan_prob *p)
{
	size_t nn = p->nn, placed = 0, gi, k, head, sp = 0;
	int *indeg, *cnt, *start, *by, *stack, e;

	if (airs__grow(&c->mem, &p->uf, &p->ufcap, 4 * nn + p->ne + p->ng + 2,
	               sizeof *p->uf))
		return AIRS_ENOMEM;
	indeg = p->uf;
	start = indeg + nn;        /* nn + 1 */
	stack = start + nn + 1;    /* nn */
	cnt = stack + nn;          /* ng */
	by = cnt + p->ng;          /* ne */
	memset(indeg, 0, (3 * nn + 1) * sizeof *indeg);
	for (k = 0; k < p->ne; k++)
		if (p->edges[k].y >= 0) {
			indeg[p->edges[k].x]++;
			start[p->edges[k].y + 1]++;
		}
	for (k = 0; k < nn; k++)
		start[k + 1] += start[k];
	for (k = 0; k < p->ne; k++)  /* the stack as the fill cursors */
		if (p->edges[k].y >= 0)
			by[start[p->edges[k].y] + stack[p->edges[k].y]++] = (int)k;
	for (gi = 0; gi < p->ng; gi++)
		p->groups[gi].nn = 0;
	for (k = 0; k < nn; k++)
		p->groups[p->nodes[k].group].nn++;
	for (gi = 0, head = 0; gi < p->ng; gi++) {
		p->groups[gi].n0 = (int)head;
		head += (size_t)p->groups[gi].nn;
		cnt[gi] = 0;
	}
	for (k = nn; k-- > 0;)
		if (!indeg[k])
			stack[sp++] = (int)k;
	while (sp) {
		int x = stack[--sp], grp = p->nodes[x].group;
		p->nodes[x].topo = (int)placed++;
		p->nodes[x].pos = cnt[grp];
		p->gorder[p->groups[grp].n0 + cnt[grp]++] = x;
		/* edges are made in order of the node needing: pushing them
		 * backwards pops the lowest first */
		for (e = start[x + 1]; e-- > start[x];)
			if (--indeg[p->edges[by[e]].x] == 0)
				stack[sp++] = p->edges[by[e]].x;
	}
	/* a prerequisite cycle: the model rejects them, so never */
	return placed == nn ? AIRS_OK : AIRS_EINVAL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* For each node, the distinct levels other nodes need it at (thr[], in
 * ascending order) and the last position of a node needing it. */
static int needed_levels(const struct plan_ctx *c, struct plan_prob *p)
{
	size_t k, e, n, i;

	if (airs__grow(&c->mem, &p->thr, &p->thrcap, p->ne + 1, sizeof *p->thr))
		return AIRS_ENOMEM;
	for (k = 0; k < p->nn; k++) {
		struct plan_node *y = &p->nodes[k];
		y->t0 = p->nthr;
		for (e = 0; e < p->ne; e++) {
			const struct plan_edge *ed = &p->edges[e];
			if (ed->y != (int)k)
				continue;
			if (p->nodes[ed->x].pos > y->last)
				y->last = p->nodes[ed->x].pos;
			p->thr[p->nthr++] = ed->min;
		}
		n = p->nthr - y->t0;
		qsort(p->thr + y->t0, n, sizeof *p->thr, cmp_double);
		for (i = 0, y->nt = 0; i < n; i++)
			if (!y->nt || p->thr[y->t0 + i] != p->thr[y->t0 + y->nt - 1])
				p->thr[y->t0 + y->nt++] = p->thr[y->t0 + i];
		p->nthr = y->t0 + y->nt;
	}
	return AIRS_OK;
}

int airs__plan_problem_build(const struct plan_ctx *c, struct plan_prob *p,
                             size_t ri)
{
	const airs__employee *emp = &c->m->emps.v[c->r->s[ri].emp];
	uint32_t r0 = c->rstart[emp->role], r1 = c->rstart[emp->role + 1];
	size_t head, k;
	int rc;

	if ((rc = problem_reset(c, p, ri)) || (rc = take_assessments(c, p)) ||
	    (rc = add_required(c, p, r0, r1)))
		return rc;
	/* Close over prerequisites that are not met (the nodes added on the
	 * way are closed over in turn). */
	for (head = 0; head < p->nn; head++)
		if (p->nodes[head].nc && (rc = add_prereqs(c, p, head, r0, r1)))
			return rc;
	if ((rc = make_groups(c, p)) || (rc = order_groups(c, p)) ||
	    (rc = needed_levels(c, p)))
		return rc;
	for (k = 0; k < p->nn; k++)
		if ((rc = airs__plan_node_choices(c, p, &p->nodes[k])))
			return rc;
	return airs__plan_options(c, p);
}

/* ------------------------------------------------------------------------
 * Hull increments: each group's options on the upper convex hull of
 * (hours, uplift) from (0, 0); taking them in order of uplift per hour is
 * the greedy of the multiple-choice knapsack.
 * ---------------------------------------------------------------------- */

static int cmp_inc(const void *a, const void *b)
{
	const struct plan_inc *x = a, *y = b;

	if (x->slope != y->slope)
		return x->slope > y->slope ? -1 : 1;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return x->opt < y->opt ? -1 : x->opt > y->opt;
}

struct pt {
	double h, v;
	size_t i;
};

static int cmp_pt(const void *a, const void *b)
{
	const struct pt *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The options of group gr within max_hours / max_cost (0: none) into
 * idx[], by hours ascending, uplift descending, then option number; their
 * number.  pts: room for as many. */
static size_t hull_candidates(const struct plan_prob *p,
                              const struct plan_group *gr, double max_hours,
                              double max_cost, size_t *idx, struct pt *pts)
{
	size_t k, ni = 0;

	for (k = 0; k < gr->no; k++) {
		const struct plan_option *o = &p->opts[gr->o0 + k];
		if ((max_hours > 0 && o->hours > max_hours) ||
		    (max_cost > 0 && o->cost > max_cost))
			continue;
		idx[ni++] = gr->o0 + k;
	}
	for (k = 0; k < ni; k++) {
		pts[k].h = p->opts[idx[k]].hours;
		pts[k].v = p->opts[idx[k]].value;
		pts[k].i = idx[k];
	}
	qsort(pts, ni, sizeof *pts, cmp_pt);
	for (k = 0; k < ni; k++)
		idx[k] = pts[k].i;
	return ni;
}

/* Whether the point (ph, pv) that increment t reaches lies on or under
 * the segment from the point before it to option o. */
static int under(const struct plan_inc *t, const struct plan_option *o,
                 double ph, double pv)
{
	double bh = ph - t->dh, bv = pv - t->dv;

	return (o->value - bv) * t->dh >= t->dv * (o->hours - bh) - PLAN_EPS;
}

/* The upper hull from the origin of group g's candidates idx[0 .. ni),
 * appended to (*out)[*n ..] as increments: points with strictly
 * decreasing slopes. */
static int group_hull(const struct plan_ctx *c, const struct plan_prob *p,
                      uint32_t g, const size_t *idx, size_t ni,
                      struct plan_inc **out, size_t *n, size_t *cap)
{
	size_t k, h0 = *n;
	double ph = 0, pv = 0, pc = 0;

	for (k = 0; k < ni; k++) {
		const struct plan_option *o = &p->opts[idx[k]];
		struct plan_inc *t;
		if (o->value <= pv + PLAN_EPS)
			continue;
		while (*n > h0 && under(&(*out)[*n - 1], o, ph, pv)) {
			t = &(*out)[--*n];
			ph -= t->dh;
			pv -= t->dv;
			pc -= t->dc;
		}
		if (airs__grow(&c->mem, out, cap, *n + 1, sizeof **out))
			return AIRS_ENOMEM;
		t = &(*out)[(*n)++];
		t->dh = o->hours - ph;
		t->dv = o->value - pv;
		t->dc = o->cost - pc;
		t->slope = t->dh > 0 ? t->dv / t->dh : INFINITY;
		t->opt = idx[k];
		t->group = g;
		ph = o->hours;
		pv = o->value;
		pc = o->cost;
	}
	return AIRS_OK;
}

int airs__plan_hull(const struct plan_ctx *c, const struct plan_prob *p,
                    double max_hours, double max_cost, struct plan_inc **out,
                    size_t *n, size_t *cap)
{
	size_t g, start = *n, *idx = NULL, idxcap = 0, ptscap = 0, ni;
	struct pt *pts = NULL;
	int rc = AIRS_OK;

	for (g = 0; g < p->ng && !rc; g++) {
		const struct plan_group *gr = &p->groups[g];
		if (airs__grow(&c->mem, &idx, &idxcap, gr->no + 1,
		               sizeof *idx) ||
		    airs__grow(&c->mem, &pts, &ptscap, gr->no + 1,
		               sizeof *pts)) {
			rc = AIRS_ENOMEM;
			break;
		}
		ni = hull_candidates(p, gr, max_hours, max_cost, idx, pts);
		rc = group_hull(c, p, (uint32_t)g, idx, ni, out, n, cap);
	}
	airs__free(&c->mem, idx);
	airs__free(&c->mem, pts);
	if (!rc && *n > start)
		qsort(*out + start, *n - start, sizeof **out, cmp_inc);
	return rc;
}

/* Time to target (section 8.6): hull increments in order of uplift per
 * hour until the projected readiness reaches the target's floor. */
void airs__plan_time_to_target(const struct plan_ctx *c,
                               const struct plan_prob *p,
                               const struct plan_inc *inc, size_t n,
                               int *reachable, double *hours)
{
	const airs__score *s = &c->r->s[p->ri];
	double need, R = p->base, h = 0;
	size_t k;

	*reachable = 0;
	*hours = INFINITY;
	if (!s->target)
		return;
	need = s->target <= 1 ? 0 : c->pv->level_t[s->target - 2];
	if (R >= need - 1e-9) {
		*reachable = 1;
		*hours = 0;
		return;
	}
	for (k = 0; k < n; k++) {
		h += inc[k].dh;
		R += inc[k].dv;
		if (R >= need - 1e-9) {
			*reachable = 1;
			*hours = h;
			return;
		}
	}
}

/* ------------------------------------------------------------------------
 * Change interventions by barrier point (section 8.4)
 * ---------------------------------------------------------------------- */

/* The interventions of a barrier point, in the order given. */
size_t airs__plan_interventions(int barrier, int out[3])
{
	switch (barrier) {
	case AIRS_ADKAR_AWARENESS:
		out[0] = AIRS_INTERVENTION_BRIEFING;
		return 1;
	case AIRS_ADKAR_DESIRE:
		out[0] = AIRS_INTERVENTION_DEMONSTRATION;
		out[1] = AIRS_INTERVENTION_SECURITY_TALK;
		return 2;
	case AIRS_ADKAR_ABILITY:
		out[0] = AIRS_INTERVENTION_PRACTICE;
		return 1;
	case AIRS_ADKAR_REINFORCEMENT:
		out[0] = AIRS_INTERVENTION_CHECK_IN;
		out[1] = AIRS_INTERVENTION_RECOGNITION;
		out[2] = AIRS_INTERVENTION_CAREER_LINK;
		return 3;
	default:
		return 0; /* knowledge: the courses are the intervention */
	}
}

/* ------------------------------------------------------------------------
 * What both entry points share
 * ---------------------------------------------------------------------- */

const char *airs__plan_why(int status)
{
	return status == AIRS_ENOMEM ? "out of memory"
	       : "the catalogue's prerequisites form a cycle (the model "
	         "refuses cycles: report this as a bug)";
}

int airs__plan_begin(const airs_result *r, int have_out,
                     const airs_plan_options *in, airs_plan_options *o,
                     airs_diag *diag, int org)
{
	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!r || !have_out)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "result and out must not be NULL");
	if (AIRS__IN(PLAN_OPTIONS, o, in))
		return airs__diag_fail(diag, AIRS_EINVAL, "options %s",
		                       airs__struct_why(in, sizeof *o,
		                                        AIRS__FIRST(PLAN_OPTIONS)));
	if (!isfinite(o->budget_hours) || o->budget_hours < 0)
		return airs__diag_fail(diag, AIRS_ERANGE,
		                       "budget_hours: %g is not a number of "
		                       "hours >= 0", o->budget_hours);
	if (!isfinite(o->budget_cost) || o->budget_cost < 0)
		return airs__diag_fail(diag, AIRS_ERANGE,
		                       "budget_cost: %g is not a cost >= 0",
		                       o->budget_cost);
	if (o->strategy < 0 || o->strategy > AIRS_STRATEGY_TARGET_FIRST)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "strategy: %d is not a strategy "
		                       "(efficiency 0, equity 1, blend 2, "
		                       "target_first 3)",
		                       o->strategy);
	if (!org)
		return AIRS_OK;
	if (!isfinite(o->max_hours_per_employee) ||
	    o->max_hours_per_employee < 0)
		return airs__diag_fail(diag, AIRS_ERANGE,
		                       "max_hours_per_employee: %g is not a "
		                       "number of hours >= 0",
		                       o->max_hours_per_employee);
	if (o->unit_budget_count && (!o->unit_ids || !o->unit_hours))
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "unit_ids and unit_hours must be given "
		                       "with unit_budget_count");
	return AIRS_OK;
}

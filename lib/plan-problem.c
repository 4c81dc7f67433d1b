/*
 * plan-problem.c - one employee's planning problem (methodology 8.1-8.4,
 * 8.6): the learning curve, what every problem shares, the problem build,
 * hull increments, time to target and the interventions of a barrier
 * point.  Both planners read what is built here (plan-problem.h).
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

#define OPT_MAX 4096       /* options enumerated per group */
#define MASK_COURSES 8     /* courses per skill an option may combine */

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
}

/* Mean of the present construct means of a unit, NaN when none.  The
 * rollup suppresses small groups; the minimum is checked here as well, so
 * that a plan never rests on fewer than anonymity.min_group answers. */
static double construct_mean(const airs_rollup *ru, size_t unit, int lo,
                             int hi, int min_group)
{
	double sum = 0;
	int n = 0, k;

	for (k = lo; k <= hi; k++) {
		airs_construct_score cs = AIRS_CONSTRUCT_SCORE_INIT;
		if (airs_rollup_construct(ru, unit, k, &cs) == AIRS_OK &&
		    cs.respondents != AIRS_SUPPRESSED &&
		    cs.respondents >= (uint64_t)min_group &&
		    !isnan(cs.mean)) {
			sum += cs.mean;
			n++;
		}
	}
	return n ? sum / n : NAN;
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

/* The ADKAR elements that come from survey answers, per unit, from the
 * anonymised rollup: used when individual answers are withheld. */
static void unit_profiles(struct plan_ctx *c)
{
	const airs_result *r = c->r;
	const airs_model *m = c->m;
	size_t i;

	for (i = 0; i < m->units.n; i++) {
		size_t ui;
		double x;
		if (airs_rollup_find_unit(r->rollup, m->unit_ids.str[i], &ui))
			continue;
		x = construct_mean(r->rollup, ui, AIRS_CONSTRUCT_CLARITY,
		                   AIRS_CONSTRUCT_CLARITY, r->pv.min_group);
		c->unit_adkar[3 * i] = isnan(x) ? 0 : 1 + 4 * x;
		x = construct_mean(r->rollup, ui, AIRS_CONSTRUCT_USEFULNESS,
		                   AIRS_CONSTRUCT_SECURITY, r->pv.min_group);
		c->unit_adkar[3 * i + 1] = isnan(x) ? 0 : 1 + 4 * x;
		x = construct_mean(r->rollup, ui, AIRS_CONSTRUCT_SUPPORT,
		                   AIRS_CONSTRUCT_VOICE, r->pv.min_group);
		c->unit_adkar[3 * i + 2] = isnan(x) ? 0 : 1 + 4 * x;
	}
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
	if (!c->cstart || !c->corder || !c->pstart || !c->porder ||
	    !c->unit_adkar) {
		airs__plan_ctx_free(c);
		return AIRS_ENOMEM;
	}
	if (sort_courses(c) || index_by_skill(c)) {
		airs__plan_ctx_free(c);
		return AIRS_ENOMEM;
	}
	unit_profiles(c);
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
	airs__free(mem, p->masks);
	airs__free(mem, p->missing);
	airs__free(mem, p->uf);
	airs__free(mem, p->ml);
	airs__free(mem, p->mh);
	airs__free(mem, p->mc);
	airs__free(mem, p->mm);
	airs__free(mem, p->sub);
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

/* Subsets by hours, then level (highest first), cost, mask. */
static int cmp_sub(const void *a, const void *b)
{
	const struct plan_sub *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	if (x->l != y->l)
		return x->l > y->l ? -1 : 1;
	if (x->c != y->c)
		return x->c < y->c ? -1 : 1;
	return x->mask < y->mask ? -1 : x->mask > y->mask;
}

static int find_node(const struct plan_prob *p, uint32_t skill)
{
	size_t i;

	for (i = 0; i < p->nn; i++)
		if (p->nodes[i].skill == skill)
			return (int)i;
	return -1;
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
	n->c0 = c->cstart[skill];
	nc = c->cstart[skill + 1] - c->cstart[skill];
	n->nc = nc > MASK_COURSES ? MASK_COURSES : nc;
	if (nc > MASK_COURSES)
		p->reduced = 1; /* the rest of the skill's catalogue is left out */
	return (int)p->nn++;
}

static int uf_find(int *uf, int x)
{
	while (uf[x] != x)
		x = uf[x] = uf[uf[x]];
	return x;
}


double airs__plan_level_after(const struct plan_ctx *c,
                              const struct plan_node *n, uint32_t mask,
                              double *hours, double *cost)
{
	const airs_model *m = c->m;
	double L = n->L0;
	uint32_t j;

	*hours = *cost = 0;
	for (j = 0; j < n->nc; j++) {
		const airs__course *cr;
		if (!(mask >> j & 1))
			continue;
		cr = &m->courses.v[c->corder[n->c0 + j]];
		L = airs__plan_level(c->pv, cr->format, cr->hours, cr->gain, L,
		                     cr->hours);
		*hours += cr->hours;
		*cost += cr->cost;
	}
	return L;
}

/* Every subset of node n's first `width` courses, taken in order: the
 * level, hours and cost after it, from p->ml/mh/mc/mm[n->mo] on. */
static int subsets_list(const struct plan_ctx *c, struct plan_prob *p,
                        struct plan_node *n, uint32_t width)
{
	size_t need = p->nml + ((size_t)1 << width);
	uint32_t mask;

	if (airs__grow(&c->mem, &p->ml, &p->mlcap, need, sizeof *p->ml) ||
	    airs__grow(&c->mem, &p->mh, &p->mhcap, need, sizeof *p->mh) ||
	    airs__grow(&c->mem, &p->mc, &p->mccap, need, sizeof *p->mc) ||
	    airs__grow(&c->mem, &p->mm, &p->mmcap, need, sizeof *p->mm))
		return AIRS_ENOMEM;
	n->mo = p->nml;
	for (mask = 0; mask < (1u << width); mask++) {
		double h, co, L = airs__plan_level_after(c, n, mask, &h, &co);
		p->ml[p->nml] = L;
		p->mh[p->nml] = h;
		p->mc[p->nml] = co;
		p->mm[p->nml] = mask;
		p->nml++;
	}
	return AIRS_OK;
}

/* Without a cost limit cost only breaks ties, and one sort and sweep over
 * (hours, level) keeps node n's undominated subsets in O(k log k) rather
 * than O(k^2). */
static int prune_sorted(const struct plan_ctx *c, struct plan_prob *p,
                        struct plan_node *n, uint32_t width)
{
	size_t cnt = (size_t)1 << width, r, w = n->mo;
	double best = -1;

	if (airs__grow(&c->mem, &p->sub, &p->subcap, cnt, sizeof *p->sub))
		return AIRS_ENOMEM;
	for (r = 0; r < cnt; r++) {
		p->sub[r].h = p->mh[n->mo + r];
		p->sub[r].l = p->ml[n->mo + r];
		p->sub[r].c = p->mc[n->mo + r];
		p->sub[r].mask = p->mm[n->mo + r];
	}
	qsort(p->sub, cnt, sizeof *p->sub, cmp_sub);
	for (r = 0; r < cnt; r++) {
		if (!(p->sub[r].l > best))
			continue;
		best = p->sub[r].l;
		p->mh[w] = p->sub[r].h;
		p->ml[w] = p->sub[r].l;
		p->mc[w] = p->sub[r].c;
		p->mm[w] = p->sub[r].mask;
		w++;
	}
	n->mk = w - n->mo;
	p->nml = w;
	return AIRS_OK;
}

/* Whether subset x of [lo, hi) is beaten by another on hours, cost and
 * level alike (of equals, the first stays). */
static int dominated(const struct plan_prob *p, size_t lo, size_t hi,
                     size_t x)
{
	size_t y;
	int d = 0;

	for (y = lo; y < hi && !d; y++) {
		if (y == x || p->mh[y] > p->mh[x] || p->mc[y] > p->mc[x] ||
		    p->ml[y] < p->ml[x])
			continue;
		d = p->mh[y] < p->mh[x] || p->mc[y] < p->mc[x] ||
		    p->ml[y] > p->ml[x] || y < x;
	}
	return d;
}

/* With a cost limit, node n's undominated subsets by comparing every
 * pair. */
static void prune_pairwise(struct plan_prob *p, struct plan_node *n,
                           uint32_t width)
{
	size_t end = n->mo + (1u << width), w = n->mo, r;
	uint32_t mask;

	n->mk = 1;
	for (mask = 1; mask < (1u << width); mask++) {
		if (!dominated(p, n->mo, end, n->mo + mask))
			n->mk++;
		else
			p->mm[n->mo + mask] |= 0x80000000u;
	}
	/* compact the survivors */
	for (r = n->mo; r < end; r++)
		if (!(p->mm[r] & 0x80000000u)) {
			p->ml[w] = p->ml[r];
			p->mh[w] = p->mh[r];
			p->mc[w] = p->mc[r];
			p->mm[w] = p->mm[r];
			w++;
		}
	p->nml = w;
}

/* Node n's course subsets (of its first `width` courses), keeping those
 * that no other beats on hours, cost and level alike: a higher level
 * serves uplift and prerequisites alike, so this loses no optimum. */
static int node_subsets(const struct plan_ctx *c, struct plan_prob *p,
                        struct plan_node *n, uint32_t width)
{
	int rc;

	if ((rc = subsets_list(c, p, n, width)))
		return rc;
	if (!c->cost_limited)
		return prune_sorted(c, p, n, width);
	prune_pairwise(p, n, width);
	return AIRS_OK;
}

/* Whether the levels the nodes of group gid reach (lp) meet the
 * prerequisites of the nodes given courses (mask). */
static int prereqs_hold(const struct plan_prob *p, int gid)
{
	size_t ei;

	for (ei = 0; ei < p->ne; ei++) {
		const struct plan_edge *ed = &p->edges[ei];
		const struct plan_node *x = &p->nodes[ed->x];
		if (ed->y < 0 || x->group != gid || !x->mask)
			continue;
		if (p->nodes[ed->y].lp < ed->min - 1e-9)
			return 0;
	}
	return 1;
}

/* Add the option of group g whose first nn nodes take their masks. */
static int add_option(const struct plan_ctx *c, struct plan_prob *p,
                      struct plan_group *g, int nn, double hours,
                      double cost, double value)
{
	struct plan_option *o;
	int k;

	if (airs__grow(&c->mem, &p->opts, &p->ocap, p->no + 1,
	               sizeof *p->opts) ||
	    airs__grow(&c->mem, &p->masks, &p->mcap, p->nm + (size_t)g->nn,
	               sizeof *p->masks))
		return AIRS_ENOMEM;
	o = &p->opts[p->no++];
	o->hours = hours;
	o->cost = cost;
	o->value = value * p->scale;
	o->m0 = p->nm;
	for (k = 0; k < g->nn; k++)
		p->masks[p->nm++] =
			k < nn ? p->nodes[p->gorder[g->n0 + k]].mask : 0;
	g->no++;
	return AIRS_OK;
}

/* The options of group g: an odometer over its first nn nodes' subsets
 * (the last node turning fastest); a combination whose prerequisites
 * hold and that lifts readiness is an option, up to OPT_MAX. */
static int options_of(const struct plan_ctx *c, struct plan_prob *p,
                      struct plan_group *g, int nn)
{
	int gid = p->nodes[p->gorder[g->n0]].group, k, rc;
	uint32_t cur[64];

	memset(cur, 0, sizeof cur);
	for (;;) {
		double hours = 0, cost = 0, value = 0;
		int any = 0;
		for (k = 0; k < nn; k++) {
			struct plan_node *n = &p->nodes[p->gorder[g->n0 + k]];
			size_t at = n->mo + cur[k];
			n->mask = p->mm[at];
			n->lp = p->ml[at];
			hours += p->mh[at];
			cost += p->mc[at];
			any |= cur[k] != 0;
			if (n->v > 0)
				value += n->v * (airs__plan_fit(n->lp, n->q) -
				                 airs__plan_fit(n->L0, n->q));
		}
		if (any && prereqs_hold(p, gid) &&
		    value * p->scale > PLAN_EPS) {
			if (g->no >= OPT_MAX) {
				p->reduced = 1;
				break;
			}
			if ((rc = add_option(c, p, g, nn, hours, cost, value)))
				return rc;
		}
		for (k = nn - 1; k >= 0; k--) {
			const struct plan_node *n =
				&p->nodes[p->gorder[g->n0 + k]];
			if (++cur[k] < n->mk)
				break;
			cur[k] = 0;
		}
		if (k < 0)
			break;
	}
	return AIRS_OK;
}

/* Enumerate the options of group g: every combination of course subsets
 * of its nodes whose prerequisites hold, with a positive uplift.  `lim`
 * caps the courses per node; 1 when there would be more than OPT_MAX
 * options and lim can still be lowered. */
static int enumerate(const struct plan_ctx *c, struct plan_prob *p,
                     struct plan_group *g, uint32_t lim)
{
	int nn = g->nn > 64 ? 64 : g->nn, k, rc;
	double prod = 1;

	g->o0 = p->no;
	g->no = 0;
	p->nml = 0;
	for (k = 0; k < nn; k++) {
		struct plan_node *n = &p->nodes[p->gorder[g->n0 + k]];
		if ((rc = node_subsets(c, p, n, n->nc < lim ? n->nc : lim)))
			return rc;
		prod *= (double)n->mk;
	}
	if (prod > OPT_MAX && lim > 1)
		return 1; /* too many: the caller retries with fewer courses */
	return options_of(c, p, g, nn);
}

/* Start p afresh for employee (result index) ri, with its scale: the
 * points of readiness a unit of v * fit is worth (section 8.2). */
static void problem_reset(const struct plan_ctx *c, struct plan_prob *p,
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
	p->nn = p->ne = p->ng = p->no = p->nm = p->nmiss = 0;
	/* Every required skill counts in the planning view (section 8.2). */
	if (r1 > r0)
		D += pv->weight[AIRS_COMPONENT_SKILL];
	for (comp = 1; comp < AIRS_COMPONENT_COUNT_; comp++)
		if (s->coverage >> comp & 1)
			D += pv->weight[comp];
	p->scale = D > 0 && sum_v > 0
	                   ? 100 * pv->weight[AIRS_COMPONENT_SKILL] / (sum_v * D)
	                   : 0;
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

/* Whether every unmet prerequisite of node k is placed. */
static int prereqs_placed(const struct plan_prob *p, size_t k)
{
	size_t ei;

	for (ei = 0; ei < p->ne; ei++)
		if (p->edges[ei].x == (int)k && p->edges[ei].y >= 0 &&
		    p->nodes[p->edges[ei].y].topo < 0)
			return 0;
	return 1;
}

/* Order each group's nodes prerequisites first: repeatedly place the
 * first node all of whose unmet prerequisites are placed. */
static int order_groups(struct plan_prob *p)
{
	size_t placed = 0, gi, k, head;
	int *cnt = p->uf; /* reuse: nodes placed so far per group */

	for (gi = 0; gi < p->ng; gi++)
		p->groups[gi].nn = 0;
	for (k = 0; k < p->nn; k++)
		p->groups[p->nodes[k].group].nn++;
	for (gi = 0, head = 0; gi < p->ng; gi++) {
		p->groups[gi].n0 = (int)head;
		head += (size_t)p->groups[gi].nn;
		cnt[gi] = 0;
	}
	while (placed < p->nn) {
		size_t before = placed;
		for (k = 0; k < p->nn; k++) {
			int grp = p->nodes[k].group;
			if (p->nodes[k].topo >= 0 || !prereqs_placed(p, k))
				continue;
			p->nodes[k].topo = (int)placed++;
			p->gorder[p->groups[grp].n0 + cnt[grp]++] = (int)k;
			break;
		}
		if (placed == before)
			return AIRS_EINVAL; /* a prerequisite cycle: the model
			                       rejects them, so never */
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

	problem_reset(c, p, ri);
	if ((rc = take_assessments(c, p)) || (rc = add_required(c, p, r0, r1)))
		return rc;
	/* Close over prerequisites that are not met (the nodes added on the
	 * way are closed over in turn). */
	for (head = 0; head < p->nn; head++)
		if (p->nodes[head].nc && (rc = add_prereqs(c, p, head, r0, r1)))
			return rc;
	if ((rc = make_groups(c, p)) || (rc = order_groups(p)))
		return rc;
	/* Options, cutting the catalogue per skill when there are too many. */
	for (k = 0; k < p->ng; k++) {
		struct plan_group *g = &p->groups[k];
		uint32_t lim = MASK_COURSES;
		while ((rc = enumerate(c, p, g, lim)) == 1) {
			lim--;
			p->reduced = 1;
		}
		if (rc)
			return rc;
	}
	return AIRS_OK;
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

/* The barrier point used for interventions and its score: the person's
 * own profile, with Awareness, Desire and Reinforcement from the unit's
 * anonymised profile when individual answers are withheld. */
int airs__plan_barrier(const struct plan_ctx *c, size_t ri, double *score,
                       int *unit)
{
	airs_employee_score es = AIRS_EMPLOYEE_SCORE_INIT;
	const airs__employee *emp = &c->m->emps.v[c->r->s[ri].emp];
	double a[5];
	int k;

	airs_result_employee(c->r, ri, &es);
	memcpy(a, es.adkar, sizeof a);
	*unit = 0;
	if (!c->r->construct) {
		a[AIRS_ADKAR_AWARENESS] = c->unit_adkar[3 * emp->unit];
		a[AIRS_ADKAR_DESIRE] = c->unit_adkar[3 * emp->unit + 1];
		a[AIRS_ADKAR_REINFORCEMENT] = c->unit_adkar[3 * emp->unit + 2];
		*unit = 1;
	}
	k = airs__adkar_barrier(a, c->pv);
	if (k >= AIRS_ADKAR_COUNT_) {
		*score = NAN;
		return k;
	}
	*score = a[k];
	*unit = *unit && k != AIRS_ADKAR_KNOWLEDGE && k != AIRS_ADKAR_ABILITY;
	return k;
}

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
	if (o->strategy < 0 || o->strategy > AIRS_STRATEGY_BLEND)
		return airs__diag_fail(diag, AIRS_EINVAL,
		                       "strategy: %d is not a strategy "
		                       "(efficiency 0, equity 1, blend 2)",
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

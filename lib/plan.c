/*
 * plan.c - upskilling plans (methodology section 8): the learning curve,
 * each employee's planning problem, the exact personal optimiser and its
 * approximation, change interventions by barrier point, the organisation's
 * budget split, time to target and cohorts.
 *
 * Each employee's problem is built once (problem_build): the skills to
 * learn - required skills below their level that a course teaches, and
 * the prerequisite skills those courses need first - are grouped into
 * connected components of the prerequisite relation; a group's options
 * are the feasible sets of its courses (each skill's courses taken in the
 * catalogue's canonical order, a prerequisite skill's courses before the
 * courses that need it).  Options of different groups add up: uplift is
 * separable across skills (section 8.2).  A personal plan chooses at most
 * one option per group - a multiple-choice knapsack - exactly by dynamic
 * programming over Pareto-optimal (hours, cost) states, or by the greedy
 * over each group's upper convex hull when the instance is too large.  The
 * organisation's plan hands out the same hull increments from a priority
 * queue, so every employee's problem is solved once and nothing is
 * quadratic in the number of employees.
 */
#include "plan.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/rollup.h"
#include "model.h"
#include "rollup.h"
#include "score.h"

#define OPT_MAX 4096       /* options enumerated per group */
#define MASK_COURSES 8     /* courses per skill an option may combine */
#define EPS 1e-12

static const char *const strategy_names[] = { "efficiency", "equity", "blend" };
static const char *const kind_names[] = { "course", "intervention" };
static const char *const intervention_names[] = {
	"none", "briefing", "demonstration", "security_talk", "practice",
	"check_in", "recognition", "career_link"
};

const char *airs_strategy_name(int s)
{
	return s >= 0 && s <= AIRS_STRATEGY_BLEND ? strategy_names[s] : NULL;
}

const char *airs_step_kind_name(int k)
{
	return k >= 0 && k <= AIRS_STEP_INTERVENTION ? kind_names[k] : NULL;
}

const char *airs_intervention_name(int i)
{
	return i >= 0 && i < AIRS_INTERVENTION_COUNT_ ? intervention_names[i]
	                                                : NULL;
}

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

struct ctx {
	const airs_result *r;
	const airs_model *m;
	const airs__pv *pv;
	airs__mem mem;
	uint32_t *cstart, *corder; /* courses by skill, canonical order */
	uint32_t *pstart, *porder; /* prerequisites by the skill needing them */
	const uint32_t *rstart;    /* the model's requirements by role ... */
	const airs__req *req;      /* ... (level > 0, skill id order) */
	const double *sum_v;       /* per role: sum of their weights */
	double *unit_adkar;        /* per model unit: A, D, R (0 unknown) */
	int cost_limited;          /* a cost budget applies */
};

static void ctx_free(struct ctx *c)
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

static int ctx_init(struct ctx *c, const airs_result *r)
{
	const airs_model *m = r->model;
	size_t ns = m->skills.n, nc = m->courses.n, np = m->prereqs.n,
	       nu = m->units.n, i;

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
		ctx_free(c);
		return AIRS_ENOMEM;
	}
	for (i = 0; i < nc; i++)
		c->corder[i] = (uint32_t)i;
	/* Canonical course order within a skill: gentlest first (gain, then
	 * length), then id - the order a person takes a skill's courses in.
	 * An insertion sort: qsort has no context pointer in C11. */
	for (i = 1; i < nc; i++) {
		uint32_t x = c->corder[i];
		size_t j;
		for (j = i; j > 0; j--) {
			const airs__course *a = &m->courses.v[c->corder[j - 1]],
			                   *b = &m->courses.v[x];
			uint32_t ra = m->sorted[AIRS__S_COURSE].rank[c->corder[j - 1]],
			         rb = m->sorted[AIRS__S_COURSE].rank[x];
			int gt = a->skill != b->skill ? a->skill > b->skill
			       : a->gain != b->gain ? a->gain > b->gain
			       : a->hours != b->hours ? a->hours > b->hours
			       : ra > rb;
			if (!gt)
				break;
			c->corder[j] = c->corder[j - 1];
		}
		c->corder[j] = x;
	}
	for (i = 0; i < nc; i++)
		c->cstart[m->courses.v[i].skill + 1]++;
	for (i = 0; i < ns; i++)
		c->cstart[i + 1] += c->cstart[i];
	for (i = 0; i < np; i++)
		c->pstart[m->prereqs.v[i].skill + 1]++;
	for (i = 0; i < ns; i++)
		c->pstart[i + 1] += c->pstart[i];
	{
		uint32_t *fill = airs__malloc(&c->mem, (ns + 1) * sizeof *fill);
		if (!fill) {
			ctx_free(c);
			return AIRS_ENOMEM;
		}
		memcpy(fill, c->pstart, ns * sizeof *fill);
		for (i = 0; i < np; i++)
			c->porder[fill[m->prereqs.v[i].skill]++] = (uint32_t)i;
		airs__free(&c->mem, fill);
	}
	/* The ADKAR elements that come from survey answers, per unit, from
	 * the anonymised rollup: used when individual answers are withheld. */
	for (i = 0; i < nu; i++) {
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
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * One employee's problem
 * ---------------------------------------------------------------------- */

struct node {
	uint32_t skill;
	double q, v;        /* requirement; 0, 0 for a prerequisite only */
	double L0;          /* estimated level, 0 when not assessed */
	uint32_t c0, nc;    /* courses corder[c0 .. c0+nc) (at most
	                       MASK_COURSES considered) */
	int group, topo;
	double lp;          /* projected level (enumeration scratch) */
	size_t mo, mk;      /* its undominated subsets in prob.ml/mh/mc/mm */
	uint32_t mask;      /* chosen courses (enumeration scratch) */
};

struct edge {
	int x, y;           /* node needing, node needed (-1: met already) */
	double min;
};

struct group {
	int n0, nn;         /* nodes gorder[n0 .. n0+nn), prerequisites first */
	size_t o0, no;      /* options */
};

struct option {
	double hours, cost, value;
	size_t m0;          /* masks[m0 .. m0 + group's nn) */
};

struct prob {
	uint32_t emp;
	size_t ri;          /* result index */
	double readiness;   /* scored, NaN when undefined */
	double base;        /* readiness, 0 when undefined */
	double scale;       /* points per unit of v * fit */
	int reduced;        /* some group's catalogue was cut to OPT_MAX */
	struct node *nodes; size_t nn, ncap;
	struct edge *edges; size_t ne, ecap;
	int *gorder; size_t gocap;
	struct group *groups; size_t ng, gcap;
	struct option *opts; size_t no, ocap;
	uint32_t *masks; size_t nm, mcap;
	uint32_t *missing; size_t nmiss, misscap;
	int *uf; size_t ufcap;
	/* per node and course subset: level, hours and cost after it */
	double *ml, *mh, *mc; size_t nml, mlcap, mhcap, mccap;
	uint32_t *mm; size_t mmcap; /* the subsets' course masks */
	struct sub { double h, l, c; uint32_t mask; } *sub; size_t subcap;
	/* assessments of one skill, for the estimate */
	struct arec { airs_date date; int32_t source; double level; } *a;
	size_t acap;
};

static void prob_free(struct prob *p, const airs__mem *mem)
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

/* The estimated level of a skill (methodology 3.1), with the assessments
 * summed in the same order as scoring sums them; -1 when not assessed. */
static int estimate(const struct ctx *c, struct prob *p, uint32_t e,
                    uint32_t skill, double *out)
{
	const airs_model *m = c->m;
	const airs__csr *ca = &m->by_emp_assessment;
	airs_date T = c->r->as_of;
	size_t n = 0, i, j;
	double wsum = 0, wl = 0;

	for (i = ca->start[e]; i < ca->start[e + 1]; i++) {
		const airs__assessment *a = &m->assessments.v[airs__csr_at(ca, i)];
		if (a->skill != skill || a->date > T)
			continue;
		if (airs__grow(&c->mem, &p->a, &p->acap, n + 1, sizeof *p->a))
			return AIRS_ENOMEM;
		p->a[n].date = a->date;
		p->a[n].source = a->source;
		p->a[n].level = a->level;
		n++;
	}
	for (i = 1; i < n; i++) {
		struct arec x = p->a[i];
		for (j = i; j > 0; j--) {
			const struct arec *y = &p->a[j - 1];
			int gt = y->date != x.date ? y->date > x.date
			       : y->source != x.source ? y->source > x.source
			       : y->level > x.level;
			if (!gt)
				break;
			p->a[j] = p->a[j - 1];
		}
		p->a[j] = x;
	}
	for (i = 0; i < n; i++) {
		double w = c->pv->source[p->a[i].source] *
		           exp2(-(double)(T - p->a[i].date) / c->pv->half_life);
		wsum += w;
		wl += w * p->a[i].level;
	}
	*out = wsum > 0 ? wl / wsum : -1;
	return AIRS_OK;
}

/* Subsets by hours, then level (highest first), cost, mask. */
static int cmp_sub(const void *a, const void *b)
{
	const struct sub *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	if (x->l != y->l)
		return x->l > y->l ? -1 : 1;
	if (x->c != y->c)
		return x->c < y->c ? -1 : 1;
	return x->mask < y->mask ? -1 : x->mask > y->mask;
}

static int find_node(const struct prob *p, uint32_t skill)
{
	size_t i;

	for (i = 0; i < p->nn; i++)
		if (p->nodes[i].skill == skill)
			return (int)i;
	return -1;
}

static int add_node(const struct ctx *c, struct prob *p, uint32_t skill,
                    double q, double v, double L0)
{
	struct node *n;
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

static double fit_of(double L, double q)
{
	return q <= 0 ? 1 : L / q > 1 ? 1 : L / q;
}

static int is_barrier_before_knowledge(int b)
{
	return b == AIRS_ADKAR_AWARENESS || b == AIRS_ADKAR_DESIRE;
}

/* Enumerate the options of group g: every combination of course subsets
 * of its nodes whose prerequisites hold, with a positive uplift.  `lim`
 * caps the courses per node (to keep within OPT_MAX). */
static int enumerate(const struct ctx *c, struct prob *p, struct group *g,
                     uint32_t lim)
{
	const airs_model *m = c->m;
	int nn = g->nn, k0;
	uint32_t cur[64];
	double prod = 1;

	if (nn > 64)
		nn = 64;
	g->o0 = p->no;
	g->no = 0;
	memset(cur, 0, sizeof cur);
	/* Each node's course subsets once: level, hours and cost after it. */
	p->nml = 0;
	for (k0 = 0; k0 < nn; k0++) {
		struct node *n = &p->nodes[p->gorder[g->n0 + k0]];
		uint32_t width = n->nc < lim ? n->nc : lim, mask, j;
		size_t need = p->nml + ((size_t)1 << width);
		if (airs__grow(&c->mem, &p->ml, &p->mlcap, need, sizeof *p->ml) ||
		    airs__grow(&c->mem, &p->mh, &p->mhcap, need, sizeof *p->mh) ||
		    airs__grow(&c->mem, &p->mc, &p->mccap, need, sizeof *p->mc) ||
		    airs__grow(&c->mem, &p->mm, &p->mmcap, need, sizeof *p->mm))
			return AIRS_ENOMEM;
		n->mo = p->nml;
		for (mask = 0; mask < (1u << width); mask++) {
			double L = n->L0, h = 0, co = 0;
			for (j = 0; j < width; j++) {
				const airs__course *cr;
				if (!(mask >> j & 1))
					continue;
				cr = &m->courses.v[c->corder[n->c0 + j]];
				L = airs__plan_level(c->pv, cr->format, cr->hours,
				                     cr->gain, L, cr->hours);
				h += cr->hours;
				co += cr->cost;
			}
			p->ml[p->nml] = L;
			p->mh[p->nml] = h;
			p->mc[p->nml] = co;
			p->mm[p->nml] = mask;
			p->nml++;
		}
		/* Drop subsets that another beats on hours, cost and level
		 * alike: a higher level serves uplift and prerequisites alike,
		 * so this loses no optimum.  Without a cost limit cost only
		 * breaks ties, and one sort and sweep over (hours, level) does
		 * it in O(k log k) rather than O(k^2). */
		if (!c->cost_limited) {
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
			prod *= (double)n->mk;
			continue;
		}
		n->mk = 1;
		for (mask = 1; mask < (1u << width); mask++) {
			size_t x = n->mo + mask, y;
			int dominated = 0;
			for (y = n->mo; y < n->mo + (1u << width) && !dominated; y++) {
				if (y == x || p->mh[y] > p->mh[x] || p->mc[y] > p->mc[x] ||
				    p->ml[y] < p->ml[x])
					continue;
				dominated = p->mh[y] < p->mh[x] || p->mc[y] < p->mc[x] ||
				            p->ml[y] > p->ml[x] || y < x;
			}
			if (!dominated)
				n->mk++;
			else
				p->mm[x] |= 0x80000000u;
		}
		/* compact the survivors */
		{
			size_t w = n->mo, r;
			for (r = n->mo; r < n->mo + (1u << width); r++)
				if (!(p->mm[r] & 0x80000000u)) {
					p->ml[w] = p->ml[r];
					p->mh[w] = p->mh[r];
					p->mc[w] = p->mc[r];
					p->mm[w] = p->mm[r];
					w++;
				}
			p->nml = w;
		}
		prod *= (double)n->mk;
	}
	if (prod > OPT_MAX && lim > 1)
		return 1; /* too many: the caller retries with fewer courses */
	/* Odometer over the masks of the group's nodes. */
	for (;;) {
		double hours = 0, cost = 0, value = 0;
		int ok = 1, any = 0, k;
		size_t ei;

		for (k = 0; k < nn; k++) {
			struct node *n = &p->nodes[p->gorder[g->n0 + k]];
			size_t at = n->mo + cur[k];
			n->mask = p->mm[at];
			n->lp = p->ml[at];
			hours += p->mh[at];
			cost += p->mc[at];
			any |= cur[k] != 0;
			if (n->v > 0)
				value += n->v * (fit_of(n->lp, n->q) - fit_of(n->L0, n->q));
		}
		if (any) {
			int gid = p->nodes[p->gorder[g->n0]].group;
			for (ei = 0; ei < p->ne && ok; ei++) {
				const struct edge *ed = &p->edges[ei];
				const struct node *x = &p->nodes[ed->x];
				if (ed->y < 0 || x->group != gid || !x->mask)
					continue;
				if (p->nodes[ed->y].lp < ed->min - 1e-9)
					ok = 0;
			}
		}
		if (any && ok && value * p->scale > EPS) {
			struct option *o;
			if (g->no >= OPT_MAX) {
				p->reduced = 1;
				break;
			}
			if (airs__grow(&c->mem, &p->opts, &p->ocap, p->no + 1,
			               sizeof *p->opts) ||
			    airs__grow(&c->mem, &p->masks, &p->mcap,
			               p->nm + (size_t)g->nn, sizeof *p->masks))
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
		}
		/* next */
		for (k = nn - 1; k >= 0; k--) {
			const struct node *n = &p->nodes[p->gorder[g->n0 + k]];
			if (++cur[k] < n->mk)
				break;
			cur[k] = 0;
		}
		if (k < 0)
			break;
	}
	return AIRS_OK;
}

/* Build employee (result index) ri's problem. */
static int problem_build(const struct ctx *c, struct prob *p, size_t ri)
{
	const airs_model *m = c->m;
	const airs__score *s = &c->r->s[ri];
	const airs__employee *emp = &m->emps.v[s->emp];
	const airs__pv *pv = c->pv;
	uint32_t r0 = c->rstart[emp->role], r1 = c->rstart[emp->role + 1], i;
	double D = 0, sum_v = c->sum_v[emp->role];
	size_t k, head;
	int rc, comp;

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

	for (i = r0; i < r1; i++) {
		const airs__req *q = &c->req[i];
		double L;
		if ((rc = estimate(c, p, s->emp, q->skill, &L)))
			return rc;
		if (L < 0)
			L = 0;
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
	/* Close over prerequisites that are not met. */
	for (head = 0; head < p->nn; head++) {
		uint32_t x = p->nodes[head].skill, j;
		if (!p->nodes[head].nc)
			continue;
		for (j = c->pstart[x]; j < c->pstart[x + 1]; j++) {
			const airs__prereq *pr = &m->prereqs.v[c->porder[j]];
			int y = find_node(p, pr->requires);
			double L;
			struct edge *ed;
			if (y < 0) {
				if ((rc = estimate(c, p, s->emp, pr->requires, &L)))
					return rc;
				if (L < 0)
					L = 0;
				if (L < pr->min_level) {
					double q = 0, v = 0;
					for (i = r0; i < r1; i++)
						if (c->req[i].skill == pr->requires) {
							q = c->req[i].q;
							v = c->req[i].v;
						}
					y = add_node(c, p, pr->requires, q, v, L);
					if (y < 0)
						return AIRS_ENOMEM;
				}
			}
			if (airs__grow(&c->mem, &p->edges, &p->ecap, p->ne + 1,
			               sizeof *p->edges))
				return AIRS_ENOMEM;
			ed = &p->edges[p->ne++];
			ed->x = (int)head;
			ed->y = y;
			ed->min = pr->min_level;
		}
	}
	/* Groups: components of the prerequisite edges among nodes. */
	if (airs__grow(&c->mem, &p->uf, &p->ufcap, p->nn + 1, sizeof *p->uf) ||
	    airs__grow(&c->mem, &p->gorder, &p->gocap, p->nn + 1, sizeof *p->gorder))
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
	/* Order each group's nodes prerequisites first: repeatedly place the
	 * first node all of whose unmet prerequisites are placed. */
	{
		size_t placed = 0, gi;
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
				size_t ei;
				int ready = 1;
				struct group *g;
				if (p->nodes[k].topo >= 0)
					continue;
				for (ei = 0; ei < p->ne; ei++)
					if (p->edges[ei].x == (int)k && p->edges[ei].y >= 0 &&
					    p->nodes[p->edges[ei].y].topo < 0)
						ready = 0;
				if (!ready)
					continue;
				g = &p->groups[p->nodes[k].group];
				p->nodes[k].topo = (int)placed++;
				p->gorder[g->n0 + cnt[p->nodes[k].group]++] = (int)k;
				break;
			}
			if (placed == before)
				return AIRS_EINVAL; /* a prerequisite cycle: the
				                       model rejects them, so never */
		}
	}
	/* Options, cutting the catalogue per skill when there are too many. */
	for (k = 0; k < p->ng; k++) {
		struct group *g = &p->groups[k];
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

struct inc {
	double dh, dv, dc;  /* hours, uplift, cost added */
	double slope;
	size_t opt;         /* the group's option after this increment */
	uint32_t group;
};

static int cmp_inc(const void *a, const void *b)
{
	const struct inc *x = a, *y = b;

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

/* Append the hull increments of every group of p, limited to options
 * within max_hours / max_cost (0: none), to *out; sorted by slope. */
static int hull_increments(const struct ctx *c, const struct prob *p,
                           double max_hours, double max_cost, struct inc **out,
                           size_t *n, size_t *cap)
{
	size_t g, start = *n;
	size_t *idx = NULL, idxcap = 0, ptscap = 0;
	struct pt *pts = NULL;

	for (g = 0; g < p->ng; g++) {
		const struct group *gr = &p->groups[g];
		size_t k, ni = 0, h0;
		double ph = 0, pv = 0, pc = 0;
		if (airs__grow(&c->mem, &idx, &idxcap, gr->no + 1, sizeof *idx) ||
		    airs__grow(&c->mem, &pts, &ptscap, gr->no + 1, sizeof *pts)) {
			airs__free(&c->mem, idx);
			airs__free(&c->mem, pts);
			return AIRS_ENOMEM;
		}
		for (k = 0; k < gr->no; k++) {
			const struct option *o = &p->opts[gr->o0 + k];
			if ((max_hours > 0 && o->hours > max_hours) ||
			    (max_cost > 0 && o->cost > max_cost))
				continue;
			idx[ni++] = gr->o0 + k;
		}
		/* hours ascending, uplift descending, then option number */
		for (k = 0; k < ni; k++) {
			pts[k].h = p->opts[idx[k]].hours;
			pts[k].v = p->opts[idx[k]].value;
			pts[k].i = idx[k];
		}
		qsort(pts, ni, sizeof *pts, cmp_pt);
		for (k = 0; k < ni; k++)
			idx[k] = pts[k].i;
		/* Upper hull from the origin: keep points with strictly
		 * decreasing slopes. */
		h0 = *n;
		for (k = 0; k < ni; k++) {
			const struct option *o = &p->opts[idx[k]];
			struct inc *t;
			if (o->value <= pv + EPS)
				continue;
			for (;;) {
				double bh = 0, bv = 0, bc = 0;
				if (*n == h0)
					break;
				t = &(*out)[*n - 1];
				bh = ph - t->dh;
				bv = pv - t->dv;
				bc = pc - t->dc;
				/* drop the last point if it lies on or under the
				 * segment from the one before to o */
				if ((o->value - bv) * t->dh >= t->dv * (o->hours - bh) - EPS) {
					ph = bh;
					pv = bv;
					pc = bc;
					(*n)--;
				} else {
					break;
				}
			}
			if (airs__grow(&c->mem, out, cap, *n + 1, sizeof **out)) {
				airs__free(&c->mem, idx);
				airs__free(&c->mem, pts);
				return AIRS_ENOMEM;
			}
			t = &(*out)[(*n)++];
			t->dh = o->hours - ph;
			t->dv = o->value - pv;
			t->dc = o->cost - pc;
			t->slope = t->dh > 0 ? t->dv / t->dh : INFINITY;
			t->opt = idx[k];
			t->group = (uint32_t)g;
			ph = o->hours;
			pv = o->value;
			pc = o->cost;
		}
	}
	airs__free(&c->mem, idx);
	airs__free(&c->mem, pts);
	if (*n > start)
		qsort(*out + start, *n - start, sizeof **out, cmp_inc);
	return AIRS_OK;
}

/* Time to target (section 8.6): hull increments in order of uplift per
 * hour until the projected readiness reaches the target's floor. */
static void time_to_target(const struct ctx *c, const struct prob *p,
                           const struct inc *inc, size_t n, int *reachable,
                           double *hours)
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

static int level_of(const airs__pv *pv, double R)
{
	return airs__level_of(pv, R);
}

/* The barrier point used for interventions and its score: the person's
 * own profile, with Awareness, Desire and Reinforcement from the unit's
 * anonymised profile when individual answers are withheld. */
static int barrier_of(const struct ctx *c, size_t ri, double *score, int *unit)
{
	airs_employee_score es = AIRS_EMPLOYEE_SCORE_INIT;
	const airs__employee *emp = &c->m->emps.v[c->r->s[ri].emp];
	double a[5];
	int k, known = 0;

	airs_result_employee(c->r, ri, &es);
	memcpy(a, es.adkar, sizeof a);
	*unit = 0;
	if (!c->r->construct) {
		a[AIRS_ADKAR_AWARENESS] = c->unit_adkar[3 * emp->unit];
		a[AIRS_ADKAR_DESIRE] = c->unit_adkar[3 * emp->unit + 1];
		a[AIRS_ADKAR_REINFORCEMENT] = c->unit_adkar[3 * emp->unit + 2];
		*unit = 1;
	}
	for (k = 0; k < 5; k++) {
		if (a[k] == 0)
			continue;
		known = 1;
		if (airs__quantise(a[k]) <= airs__quantise(c->pv->barrier)) {
			*score = a[k];
			*unit = *unit && k != AIRS_ADKAR_KNOWLEDGE &&
			        k != AIRS_ADKAR_ABILITY;
			return k;
		}
	}
	*score = NAN;
	return known ? AIRS_BARRIER_NONE : AIRS_BARRIER_UNKNOWN;
}

/* The interventions of a barrier point, in the order given. */
static size_t interventions_of(int barrier, int out[3])
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
 * Personal plans
 * ---------------------------------------------------------------------- */

static int fail(airs_diag *diag, int status, const char *fmt, ...)
	AIRS__PRINTF(3, 4);
static int fail(airs_diag *diag, int status, const char *fmt, ...)
{
	char msg[AIRS__MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	airs__diag_set(diag, status, AIRS_SEVERITY_ERROR, NULL, 0, 0, "%s", msg);
	return status;
}

static int check_opts(const airs_plan_options *o, airs_diag *diag, int org)
{
	if (!o)
		return AIRS_OK;
	if (o->size < sizeof *o)
		return fail(diag, AIRS_EINVAL,
		            "options: size %zu is too small (set it with "
		            "AIRS_PLAN_OPTIONS_INIT)", o->size);
	if (!isfinite(o->budget_hours) || o->budget_hours < 0)
		return fail(diag, AIRS_ERANGE, "budget_hours: %g is not a number "
		            "of hours >= 0", o->budget_hours);
	if (!isfinite(o->budget_cost) || o->budget_cost < 0)
		return fail(diag, AIRS_ERANGE, "budget_cost: %g is not a cost >= 0",
		            o->budget_cost);
	if (o->strategy < 0 || o->strategy > AIRS_STRATEGY_BLEND)
		return fail(diag, AIRS_EINVAL, "strategy: %d is not a strategy "
		            "(efficiency 0, equity 1, blend 2)", o->strategy);
	if (!org)
		return AIRS_OK;
	if (!isfinite(o->max_hours_per_employee) || o->max_hours_per_employee < 0)
		return fail(diag, AIRS_ERANGE, "max_hours_per_employee: %g is not a "
		            "number of hours >= 0", o->max_hours_per_employee);
	if (o->unit_budget_count && (!o->unit_ids || !o->unit_hours))
		return fail(diag, AIRS_EINVAL, "unit_ids and unit_hours must be given "
		            "with unit_budget_count");
	return AIRS_OK;
}

void airs_plan_free(airs_plan *plan)
{
	airs__mem mem;
	size_t i;

	if (!plan)
		return;
	mem = plan->mem;
	for (i = 0; i < plan->nsteps; i++)
		airs__free(&mem, plan->steps[i].reason);
	airs__free(&mem, plan->steps);
	airs__free(&mem, plan->missing);
	if (plan->model)
		airs__model_release((airs_model *)(uintptr_t)plan->model);
	airs__free(&mem, plan);
}

/* A DP state: a partial plan over the groups so far. */
struct state {
	double hours, cost, value;
	size_t prev;   /* state in the previous layer */
	size_t opt;    /* option taken in this layer's group, or (size_t)-1 */
};

static int cmp_state_hv(const struct state *x, const struct state *y)
{
	if (x->hours != y->hours)
		return x->hours < y->hours ? -1 : 1;
	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	if (x->value != y->value)
		return x->value > y->value ? -1 : 1;
	if (x->prev != y->prev)
		return x->prev < y->prev ? -1 : 1;
	return x->opt < y->opt ? -1 : x->opt > y->opt;
}

static int cmp_state(const void *a, const void *b)
{
	return cmp_state_hv(a, b);
}

/* The exact optimum by dynamic programming over groups, keeping only
 * Pareto-optimal (hours, cost, uplift) states.  Writes the chosen option
 * per group into choice[] ((size_t)-1: none).  Returns 1 when solved, 0
 * when the states would exceed plan.exact_states, or AIRS_ENOMEM < 0. */
static int solve_exact(const struct ctx *c, const struct prob *p, double H,
                       double C, size_t *choice)
{
	struct state *all = NULL;
	size_t *layer = NULL; /* start of each layer in all[] */
	size_t n = 1, cap = 0, g, k, prev0 = 0, prevn = 1, limit;
	int rc = 1;

	limit = (size_t)c->pv->plan_exact_states;
	layer = airs__malloc(&c->mem, (p->ng + 2) * sizeof *layer);
	if (!layer || airs__grow(&c->mem, &all, &cap, 1, sizeof *all)) {
		airs__free(&c->mem, layer);
		return AIRS_ENOMEM;
	}
	all[0].hours = all[0].cost = all[0].value = 0;
	all[0].prev = 0;
	all[0].opt = (size_t)-1;
	layer[0] = 0;
	for (g = 0; g < p->ng && rc == 1; g++) {
		const struct group *gr = &p->groups[g];
		size_t start = n, i, kept, cand = prevn * (gr->no + 1);
		if (cand > limit) {
			rc = 0;
			break;
		}
		if (airs__grow(&c->mem, &all, &cap, n + cand, sizeof *all)) {
			rc = AIRS_ENOMEM;
			break;
		}
		for (i = prev0; i < prev0 + prevn; i++) {
			struct state base = all[i];
			all[n].hours = base.hours;
			all[n].cost = base.cost;
			all[n].value = base.value;
			all[n].prev = i;
			all[n].opt = (size_t)-1;
			n++;
			for (k = 0; k < gr->no; k++) {
				const struct option *o = &p->opts[gr->o0 + k];
				double h = base.hours + o->hours, co = base.cost + o->cost;
				if (h > H + 1e-9 || (C > 0 && co > C + 1e-9))
					continue;
				all[n].hours = h;
				all[n].cost = co;
				all[n].value = base.value + o->value;
				all[n].prev = i;
				all[n].opt = gr->o0 + k;
				n++;
			}
		}
		qsort(all + start, n - start, sizeof *all, cmp_state);
		/* Keep the Pareto front: without a cost limit, more hours must
		 * buy more uplift; with one, a state stays unless another has
		 * no more hours, no more cost and at least its uplift. */
		kept = 0;
		for (i = start; i < n; i++) {
			size_t j;
			int dominated = 0;
			if (C <= 0) {
				/* sorted by hours: the last kept has the most uplift */
				dominated = kept && all[start + kept - 1].value >= all[i].value;
			} else {
				for (j = start; j < start + kept && !dominated; j++)
					dominated = all[j].cost <= all[i].cost &&
					            all[j].value >= all[i].value;
			}
			if (!dominated)
				all[start + kept++] = all[i];
		}
		n = start + kept;
		prev0 = start;
		prevn = kept;
		layer[g + 1] = start;
	}
	if (rc == 1) {
		/* The best last state: most uplift, then fewest hours, then
		 * least cost (the sort order). */
		size_t best = prev0, i;
		for (i = prev0; i < prev0 + prevn; i++)
			if (all[i].value > all[best].value + EPS)
				best = i;
		for (g = p->ng; g-- > 0;) {
			choice[g] = all[best].opt;
			best = all[best].prev;
		}
	}
	airs__free(&c->mem, all);
	airs__free(&c->mem, layer);
	return rc;
}

/* The approximation (section 8.3): hull increments by uplift per hour
 * while they fit, or the best single option if that is worth more. */
static int solve_greedy(const struct ctx *c, const struct prob *p, double H,
                        double C, size_t *choice)
{
	struct inc *inc = NULL;
	size_t n = 0, cap = 0, k, g;
	double h = 0, co = 0, v = 0, best = -1;
	size_t best_opt = (size_t)-1;
	unsigned char *closed;
	int rc;

	closed = airs__calloc(&c->mem, p->ng + 1, 1);
	if (!closed)
		return AIRS_ENOMEM;
	rc = hull_increments(c, p, H > 0 ? H : -1, C, &inc, &n, &cap);
	if (rc) {
		airs__free(&c->mem, closed);
		return rc;
	}
	for (g = 0; g < p->ng; g++)
		choice[g] = (size_t)-1;
	for (k = 0; k < n; k++) {
		const struct inc *t = &inc[k];
		if (closed[t->group])
			continue;
		if (h + t->dh > H + 1e-9 || (C > 0 && co + t->dc > C + 1e-9)) {
			closed[t->group] = 1;
			continue;
		}
		h += t->dh;
		co += t->dc;
		v += t->dv;
		choice[t->group] = t->opt;
	}
	for (k = 0; k < p->no; k++) {
		const struct option *o = &p->opts[k];
		if (o->hours <= H + 1e-9 && (C <= 0 || o->cost <= C + 1e-9) &&
		    o->value > best + EPS) {
			best = o->value;
			best_opt = k;
		}
	}
	if (best > v + EPS) {
		for (g = 0; g < p->ng; g++)
			choice[g] = (size_t)-1;
		for (g = 0; g < p->ng; g++)
			if (best_opt >= p->groups[g].o0 &&
			    best_opt < p->groups[g].o0 + p->groups[g].no)
				choice[g] = best_opt;
	}
	airs__free(&c->mem, inc);
	airs__free(&c->mem, closed);
	return AIRS_OK;
}

static char *dupf(const airs__mem *mem, const char *fmt, ...) AIRS__PRINTF(2, 3);
static char *dupf(const airs__mem *mem, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return airs__strndup(mem, buf, strlen(buf));
}

static const char *const what[AIRS_INTERVENTION_COUNT_] = {
	"",
	"a role-specific \"what's in it for me\" briefing for ",
	"a hands-on demonstration with a peer champion, before any course",
	"an open conversation with the manager about job security",
	"a guided practice project or mentoring, to put the skills to use",
	"a manager check-in on how the new skills are used",
	"recognition of progress",
	"linking AI fluency to career development"
};

static int push_step(airs_plan *pl, size_t *cap, const struct airs__step *s)
{
	if (airs__grow(&pl->mem, &pl->steps, cap, pl->nsteps + 1, sizeof *pl->steps)) {
		airs__free(&pl->mem, s->reason);
		return AIRS_ENOMEM;
	}
	pl->steps[pl->nsteps++] = *s;
	return s->reason ? AIRS_OK : AIRS_ENOMEM;
}

static int add_interventions(const struct ctx *c, airs_plan *pl, size_t *cap,
                             const int *iv, size_t n, int barrier,
                             double score, int unit, const char *role,
                             double *left)
{
	size_t k;
	int rc;

	for (k = 0; k < n; k++) {
		struct airs__step s;
		char text[300];
		double h = c->pv->plan_intervention_hours;
		if (h > *left + 1e-9)
			break;
		*left -= h;
		memset(&s, 0, sizeof s);
		s.kind = AIRS_STEP_INTERVENTION;
		s.intervention = iv[k];
		s.adkar = barrier;
		s.skill = s.course = AIRS__NONE;
		s.hours = h;
		s.before = s.after = NAN;
		snprintf(text, sizeof text, "%s%s%s", what[iv[k]],
		         iv[k] == AIRS_INTERVENTION_BRIEFING ? role : "",
		         iv[k] == AIRS_INTERVENTION_BRIEFING ? ", before any course"
		                                             : "");
		s.reason = dupf(&pl->mem, "%s is the barrier point (%.1f of 5%s): %s",
		                airs_adkar_name(barrier), score,
		                unit ? ", unit profile" : "", text);
		pl->hours += h;
		if ((rc = push_step(pl, cap, &s)))
			return rc;
	}
	return AIRS_OK;
}

/* The course steps of the chosen options, prerequisites first and, among
 * the skills ready to be learnt, the largest uplift first. */
static int add_courses(const struct ctx *c, const struct prob *p,
                       const size_t *choice, airs_plan *pl, size_t *cap,
                       const char *role)
{
	const airs_model *m = c->m;
	unsigned char *done;
	double *gain;
	size_t k, left = 0;
	int rc = AIRS_OK;

	done = airs__calloc(&c->mem, p->nn + 1, 1);
	gain = airs__calloc(&c->mem, p->nn + 1, sizeof *gain);
	if (!done || !gain) {
		airs__free(&c->mem, done);
		airs__free(&c->mem, gain);
		return AIRS_ENOMEM;
	}
	/* Chosen mask per node, and its uplift. */
	for (k = 0; k < p->nn; k++)
		p->nodes[k].mask = 0;
	for (k = 0; k < p->ng; k++) {
		const struct group *g = &p->groups[k];
		int j;
		if (choice[k] == (size_t)-1)
			continue;
		for (j = 0; j < g->nn; j++)
			p->nodes[p->gorder[g->n0 + j]].mask =
				p->masks[p->opts[choice[k]].m0 + (size_t)j];
	}
	for (k = 0; k < p->nn; k++) {
		struct node *n = &p->nodes[k];
		uint32_t j;
		double L = n->L0;
		for (j = 0; j < n->nc; j++)
			if (n->mask >> j & 1) {
				const airs__course *co = &m->courses.v[c->corder[n->c0 + j]];
				L = airs__plan_level(c->pv, co->format, co->hours, co->gain,
				                     L, co->hours);
			}
		gain[k] = n->v * (fit_of(L, n->q) - fit_of(n->L0, n->q));
		if (n->mask)
			left++;
		else
			done[k] = 1;
	}
	while (left && !rc) {
		size_t best = p->nn, e;
		for (k = 0; k < p->nn; k++) {
			int ready = 1;
			if (done[k])
				continue;
			for (e = 0; e < p->ne; e++)
				if (p->edges[e].x == (int)k && p->edges[e].y >= 0 &&
				    !done[p->edges[e].y])
					ready = 0;
			if (!ready)
				continue;
			if (best == p->nn || gain[k] > gain[best] + EPS ||
			    (fabs(gain[k] - gain[best]) <= EPS &&
			     m->sorted[AIRS__S_SKILL].rank[p->nodes[k].skill] <
			             m->sorted[AIRS__S_SKILL].rank[p->nodes[best].skill]))
				best = k;
		}
		if (best == p->nn)
			break; /* cannot happen: prerequisites form no cycle */
		{
			const struct node *n = &p->nodes[best];
			const char *sname = m->skills.v[n->skill].name;
			uint32_t j;
			double L = n->L0;
			for (j = 0; j < n->nc && !rc; j++) {
				uint32_t ci = c->corder[n->c0 + j];
				const airs__course *co = &m->courses.v[ci];
				struct airs__step s;
				if (!(n->mask >> j & 1))
					continue;
				memset(&s, 0, sizeof s);
				s.kind = AIRS_STEP_COURSE;
				s.intervention = AIRS_INTERVENTION_NONE;
				s.adkar = AIRS_ADKAR_KNOWLEDGE;
				s.skill = n->skill;
				s.course = ci;
				s.hours = co->hours;
				s.cost = co->cost;
				s.before = L;
				s.after = airs__plan_level(c->pv, co->format, co->hours,
				                           co->gain, L, co->hours);
				s.uplift = p->scale * n->v *
				           (fit_of(s.after, n->q) - fit_of(L, n->q));
				if (n->q > 0 && L < n->q)
					s.reason = dupf(&pl->mem, "closes %.1f of the %.1f-level "
					                "gap in %s required for %s",
					                (s.after < n->q ? s.after : n->q) - L,
					                n->q - L, sname, role);
				else {
					double need = 0;
					size_t ei;
					const char *for_name = "";
					for (ei = 0; ei < p->ne; ei++)
						if (p->edges[ei].y == (int)best &&
						    p->edges[ei].min > need) {
							need = p->edges[ei].min;
							for_name = m->skills.v[p->nodes[p->edges[ei].x]
							                             .skill].name;
						}
					s.reason = dupf(&pl->mem, "raises %s from %.1f to %.1f; "
					                "%s needs %.1f first", sname, L, s.after,
					                for_name, need);
				}
				L = s.after;
				pl->hours += s.hours;
				pl->cost += s.cost;
				rc = push_step(pl, cap, &s);
			}
		}
		done[best] = 1;
		left--;
	}
	airs__free(&c->mem, done);
	airs__free(&c->mem, gain);
	return rc;
}

int airs_plan_employee(const airs_result *r, size_t ri,
                       const airs_plan_options *opts, airs_plan **out,
                       airs_diag *diag)
{
	struct ctx c;
	struct prob p;
	airs_plan *pl;
	size_t *choice = NULL, cap = 0, k;
	struct inc *inc = NULL;
	size_t ninc = 0, inccap = 0;
	double H = 0, C = 0, left, score, uplift = 0;
	int rc, unit, iv[3];
	size_t niv;
	const char *role;

	if (out)
		*out = NULL;
	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!r || !out)
		return fail(diag, AIRS_EINVAL, "result and out must not be NULL");
	if ((rc = check_opts(opts, diag, 0)))
		return rc;
	if (ri >= r->n)
		return fail(diag, AIRS_ENOTFOUND, "no employee at index %zu (the "
		            "result has %zu)", ri, r->n);
	if (opts) {
		H = opts->budget_hours;
		C = opts->budget_cost;
	}
	if ((rc = ctx_init(&c, r)))
		return fail(diag, rc, "out of memory");
	c.cost_limited = C > 0;
	memset(&p, 0, sizeof p);
	pl = airs__calloc(&c.mem, 1, sizeof *pl);
	if (!pl) {
		rc = AIRS_ENOMEM;
		goto done;
	}
	pl->mem = c.mem;
	airs__model_retain(r->model);
	pl->model = r->model;
	pl->src.as_of = r->as_of;
	memcpy(pl->src.params_digest, r->params_digest, sizeof pl->src.params_digest);
	pl->employee_id = r->model->emp_ids.str[r->s[ri].emp];
	pl->budget_hours = H;
	pl->budget_cost = C;
	role = r->model->roles.v[r->model->emps.v[r->s[ri].emp].role].name;

	if ((rc = problem_build(&c, &p, ri)))
		goto done;
	pl->nmissing = p.nmiss;
	pl->missing = airs__malloc(&c.mem, (p.nmiss + 1) * sizeof *pl->missing);
	choice = airs__malloc(&c.mem, (p.ng + 1) * sizeof *choice);
	if (!pl->missing || !choice) {
		rc = AIRS_ENOMEM;
		goto done;
	}
	/* Missing skills in skill id order. */
	for (k = 0; k < p.nmiss; k++) {
		size_t j;
		uint32_t x = p.missing[k];
		const uint32_t *rank = r->model->sorted[AIRS__S_SKILL].rank;
		for (j = k; j > 0 && rank[pl->missing[j - 1]] > rank[x]; j--)
			pl->missing[j] = pl->missing[j - 1];
		pl->missing[j] = x;
	}

	pl->barrier = barrier_of(&c, ri, &score, &unit);
	niv = interventions_of(pl->barrier, iv);
	left = H;
	/* Interventions for a barrier before knowledge come first and take
	 * their hours first; those after it follow the courses, but their
	 * hours are set aside now so that they always fit too. */
	if (is_barrier_before_knowledge(pl->barrier)) {
		if ((rc = add_interventions(&c, pl, &cap, iv, niv, pl->barrier, score,
		                            unit, role, &left)))
			goto done;
	} else {
		double h = c.pv->plan_intervention_hours * (double)niv;
		left = h <= left + 1e-9 ? left - h : left;
		if (left < 0)
			left = 0;
	}
	rc = solve_exact(&c, &p, left, C, choice);
	if (rc < 0)
		goto done;
	pl->exact = rc == 1 && !p.reduced;
	pl->bound = pl->exact ? 1 : p.reduced ? 0 : C > 0 ? 0 : 0.5;
	if (rc == 0 && (rc = solve_greedy(&c, &p, left, C, choice)))
		goto done;
	rc = add_courses(&c, &p, choice, pl, &cap, role);
	if (rc)
		goto done;
	if (!is_barrier_before_knowledge(pl->barrier)) {
		double room = H - pl->hours;
		if ((rc = add_interventions(&c, pl, &cap, iv, niv, pl->barrier, score,
		                            unit, role, &room)))
			goto done;
	}
	for (k = 0; k < pl->nsteps; k++)
		uplift += pl->steps[k].uplift;
	pl->readiness = p.readiness;
	pl->projected = isnan(p.readiness) && !(uplift > 0) ? NAN
	              : p.base + uplift > 100 ? 100 : p.base + uplift;
	pl->level = r->s[ri].level;
	pl->projected_level = level_of(c.pv, pl->projected);
	pl->target = r->s[ri].target;
	if ((rc = hull_increments(&c, &p, 0, 0, &inc, &ninc, &inccap)))
		goto done;
	time_to_target(&c, &p, inc, ninc, &pl->reachable, &pl->target_hours);
	pl->target_weeks = pl->target_hours / c.pv->plan_weekly_hours;
	rc = AIRS_OK;
done:
	airs__free(&c.mem, inc);
	airs__free(&c.mem, choice);
	prob_free(&p, &c.mem);
	ctx_free(&c);
	if (rc) {
		airs_plan_free(pl);
		return fail(diag, rc, "out of memory");
	}
	*out = pl;
	return AIRS_OK;
}

int airs_plan_info_get(const airs_plan *pl, airs_plan_info *o)
{
	if (!pl || !o || o->size < sizeof *o)
		return AIRS_EINVAL;
	o->employee_id = pl->employee_id;
	o->budget_hours = pl->budget_hours;
	o->budget_cost = pl->budget_cost;
	o->hours = pl->hours;
	o->cost = pl->cost;
	o->readiness = pl->readiness;
	o->projected = pl->projected;
	o->level = pl->level;
	o->projected_level = pl->projected_level;
	o->target = pl->target;
	o->barrier = pl->barrier;
	o->exact = pl->exact;
	o->bound = pl->bound;
	o->reachable = pl->reachable;
	o->target_hours = pl->target_hours;
	o->target_weeks = pl->target_weeks;
	o->missing_skill_count = pl->nmissing;
	return AIRS_OK;
}

size_t airs_plan_step_count(const airs_plan *pl)
{
	return pl ? pl->nsteps : 0;
}

int airs_plan_get_step(const airs_plan *pl, size_t i, airs_plan_step *o)
{
	const struct airs__step *s;

	if (!pl || !o || o->size < sizeof *o)
		return AIRS_EINVAL;
	if (i >= pl->nsteps)
		return AIRS_ERANGE;
	s = &pl->steps[i];
	o->kind = s->kind;
	o->intervention = s->intervention;
	o->adkar = s->adkar;
	o->skill_id = s->skill == AIRS__NONE ? NULL : pl->model->skill_ids.str[s->skill];
	o->course_id = s->course == AIRS__NONE ? NULL
	                                       : pl->model->course_ids.str[s->course];
	o->hours = s->hours;
	o->cost = s->cost;
	o->level_before = s->before;
	o->level_after = s->after;
	o->uplift = s->uplift;
	o->reason = s->reason;
	return AIRS_OK;
}

const char *airs_plan_missing_skill(const airs_plan *pl, size_t i)
{
	if (!pl || i >= pl->nmissing)
		return NULL;
	return pl->model->skill_ids.str[pl->missing[i]];
}

/* ------------------------------------------------------------------------
 * The organisation's plan (section 8.5)
 * ---------------------------------------------------------------------- */

struct oinc {
	double dh, dv, dc, slope;
	uint32_t group, c0, nc; /* the option's courses: courses[c0 .. c0+nc) */
	unsigned char applied;
};

void airs_org_plan_free(airs_org_plan *o)
{
	airs__mem mem;

	if (!o)
		return;
	mem = o->mem;
	airs__free(&mem, o->emp);
	airs__free(&mem, o->a);
	airs__free(&mem, o->unit);
	airs__free(&mem, o->groups);
	airs__free(&mem, o->co);
	airs__free(&mem, o->co_unit);
	airs__free(&mem, o->unit_budget);
	airs__free(&mem, o->cstart);
	airs__free(&mem, o->cours);
	if (o->model)
		airs__model_release((airs_model *)(uintptr_t)o->model);
	airs__free(&mem, o);
}

struct queue {
	uint32_t *h;
	size_t n;
	const struct airs__alloc *a;
	const struct oinc *inc;
	int strategy;
	double beta;
};

static double qkey(const struct queue *q, uint32_t i)
{
	const struct airs__alloc *a = &q->a[i];
	double s = q->inc[a->next].slope;

	if (q->strategy == AIRS_STRATEGY_BLEND) {
		double w = (100 - a->R) / 100;
		return s * (w > 0 ? pow(w, q->beta) : 0);
	}
	return s;
}

/* 1 when i goes before j. */
static int qbefore(const struct queue *q, uint32_t i, uint32_t j)
{
	if (q->strategy == AIRS_STRATEGY_EQUITY) {
		const struct airs__alloc *x = &q->a[i], *y = &q->a[j];
		if (x->R != y->R)
			return x->R < y->R;
		if (x->left_behind != y->left_behind)
			return x->left_behind > y->left_behind;
	} else {
		double kx = qkey(q, i), ky = qkey(q, j);
		if (kx != ky)
			return kx > ky;
	}
	return i < j;
}

static void qpush(struct queue *q, uint32_t i)
{
	size_t k = q->n++;

	while (k > 0 && qbefore(q, i, q->h[(k - 1) / 2])) {
		q->h[k] = q->h[(k - 1) / 2];
		k = (k - 1) / 2;
	}
	q->h[k] = i;
}

static uint32_t qpop(struct queue *q)
{
	uint32_t top = q->h[0], x = q->h[--q->n];
	size_t k = 0;

	for (;;) {
		size_t l = 2 * k + 1, best = k;
		uint32_t bv = x;
		if (l < q->n && qbefore(q, q->h[l], bv)) {
			best = l;
			bv = q->h[l];
		}
		if (l + 1 < q->n && qbefore(q, q->h[l + 1], bv))
			best = l + 1;
		if (best == k)
			break;
		q->h[k] = q->h[best];
		k = best;
	}
	if (q->n)
		q->h[k] = x;
	return top;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int cmp_cohort(const void *a, const void *b)
{
	const struct airs__cohort *x = a, *y = b;

	if (x->employees != y->employees)
		return x->employees > y->employees ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* Skip increments of closed groups. */
static void advance(struct airs__alloc *a, const struct oinc *inc,
                    const unsigned char *closed)
{
	while (a->next < a->i1 && closed[a->g0 + inc[a->next].group])
		a->next++;
}

/* ------------------------------------------------------------------------
 * Every employee's problem, on the scoring threads
 *
 * Building the problems is most of an organisation plan and each
 * employee's is independent, so runs of employees are built on the
 * scoring threads (parameter `threads`) into parts of their own and the
 * parts are then joined in employee order: the plan is the same for any
 * number of threads.
 * ---------------------------------------------------------------------- */

/* What a run of employees [lo, hi) contributes. */
struct part {
	const struct ctx *c;
	airs_org_plan *o;          /* sets a[i] and emp[i] of its own i only */
	const int *bucket_of;
	size_t lo, hi;
	struct oinc *inc;          /* increments; a[i].i0/i1 and their c0 */
	size_t ninc, inccap;       /* count from 0 until the join */
	uint32_t *courses;         /* the increments' courses */
	size_t ncour, courcap;
	uint32_t *gap;             /* skills whose gaps make the employee a */
	size_t ngap, gapcap;       /* cohort member, employee after employee */
	uint32_t *gaps_of;         /* hi - lo: how many gap entries each */
	struct prob p;
	struct inc *tmp;
	size_t tmpcap;
	int rc;
	pthread_t tid;
	int started;
};

static int part_employee(struct part *pt, size_t i)
{
	const struct ctx *c = pt->c;
	const airs_model *m = c->m;
	const airs__score *s = &c->r->s[i];
	const airs__employee *emp = &m->emps.v[s->emp];
	struct airs__alloc *a = &pt->o->a[i];
	struct prob *p = &pt->p;
	size_t ntmp = 0, k;
	int iv[3], unit, rc;
	double score;
	uint32_t u;

	pt->o->emp[i] = s->emp;
	if ((rc = problem_build(c, p, i)) ||
	    (rc = hull_increments(c, p, 0, 0, &pt->tmp, &ntmp, &pt->tmpcap)))
		return rc;
	time_to_target(c, p, pt->tmp, ntmp, &a->reachable, &a->weeks);
	a->weeks /= c->pv->plan_weekly_hours;
	a->readiness = s->readiness;
	a->R = p->base;
	a->left_behind = (s->flags & AIRS_FLAG_LEFT_BEHIND) != 0;
	a->ih = c->pv->plan_intervention_hours *
	        (double)interventions_of(barrier_of(c, i, &score, &unit), iv);
	a->bucket = -1;
	for (u = emp->unit; u != AIRS__NONE && a->bucket < 0;
	     u = m->units.v[u].parent)
		a->bucket = pt->bucket_of[u];
	a->ng = (uint32_t)p->ng;
	a->i0 = (uint32_t)pt->ninc;
	if (airs__grow(&c->mem, &pt->inc, &pt->inccap, pt->ninc + ntmp,
	               sizeof *pt->inc))
		return AIRS_ENOMEM;
	for (k = 0; k < ntmp; k++) {
		struct oinc *t = &pt->inc[pt->ninc++];
		const struct option *op = &p->opts[pt->tmp[k].opt];
		const struct group *g = &p->groups[pt->tmp[k].group];
		int j;
		t->dh = pt->tmp[k].dh;
		t->dv = pt->tmp[k].dv;
		t->dc = pt->tmp[k].dc;
		t->slope = pt->tmp[k].slope;
		t->group = pt->tmp[k].group;
		t->applied = 0;
		t->c0 = (uint32_t)pt->ncour;
		t->nc = 0;
		for (j = 0; j < g->nn; j++) {
			const struct node *n = &p->nodes[p->gorder[g->n0 + j]];
			uint32_t mask = p->masks[op->m0 + (size_t)j], b;
			for (b = 0; b < n->nc; b++) {
				if (!(mask >> b & 1))
					continue;
				if (airs__grow(&c->mem, &pt->courses, &pt->courcap,
				               pt->ncour + 1, sizeof *pt->courses))
					return AIRS_ENOMEM;
				pt->courses[pt->ncour++] = c->corder[n->c0 + b];
				t->nc++;
			}
		}
	}
	a->i1 = (uint32_t)pt->ninc;
	/* Cohorts: courses that serve a required skill's gap (counted at
	 * the join). */
	pt->gaps_of[i - pt->lo] = 0;
	for (k = 0; k < p->nn; k++) {
		const struct node *n = &p->nodes[k];
		if (!(n->q > 0 && n->L0 < n->q))
			continue;
		if (airs__grow(&c->mem, &pt->gap, &pt->gapcap, pt->ngap + 1,
		               sizeof *pt->gap))
			return AIRS_ENOMEM;
		pt->gap[pt->ngap++] = n->skill;
		pt->gaps_of[i - pt->lo]++;
	}
	return AIRS_OK;
}

static void *part_run(void *arg)
{
	struct part *pt = arg;
	size_t i;

	for (i = pt->lo; i < pt->hi && !pt->rc; i++)
		pt->rc = part_employee(pt, i);
	return NULL;
}

static void part_free(struct part *pt)
{
	const airs__mem *mem = &pt->c->mem;

	airs__free(mem, pt->inc);
	airs__free(mem, pt->courses);
	airs__free(mem, pt->gap);
	airs__free(mem, pt->gaps_of);
	airs__free(mem, pt->tmp);
	prob_free(&pt->p, mem);
	memset(pt, 0, sizeof *pt);
}

/* Build every employee's problem into parts[0 .. np), run by run. */
static int parts_build(const struct ctx *c, airs_org_plan *o,
                       const int *bucket_of, struct part *parts, size_t np)
{
	size_t k;
	int rc = AIRS_OK;

	for (k = 0; k < np; k++) {
		struct part *pt = &parts[k];
		memset(pt, 0, sizeof *pt);
		pt->c = c;
		pt->o = o;
		pt->bucket_of = bucket_of;
		pt->lo = o->n * k / np;
		pt->hi = o->n * (k + 1) / np;
		pt->gaps_of = airs__malloc(&c->mem, (pt->hi - pt->lo + 1) *
		                                            sizeof *pt->gaps_of);
		if (!pt->gaps_of)
			rc = AIRS_ENOMEM;
	}
	if (rc)
		return rc;
	/* a part whose thread cannot start is built here: the same plan */
	for (k = 1; k < np; k++)
		parts[k].started = !pthread_create(&parts[k].tid, NULL, part_run,
		                                   &parts[k]);
	part_run(&parts[0]);
	for (k = 1; k < np; k++) {
		if (parts[k].started)
			pthread_join(parts[k].tid, NULL);
		else
			part_run(&parts[k]);
	}
	for (k = 0; k < np && !rc; k++)
		rc = parts[k].rc;
	return rc;
}

int airs_plan_org(const airs_result *r, const airs_plan_options *opts,
                  airs_org_plan **out, airs_diag *diag)
{
	struct ctx c;
	struct part *parts = NULL;
	airs_org_plan *o = NULL;
	const airs_model *m;
	size_t ninc = 0, inccap = 0, ncour = 0, courcap = 0, ncours = 0,
	       courscap = 0, np = 0;
	struct oinc *inc = NULL;
	uint32_t *courses = NULL, *ru = NULL;
	unsigned char *closed = NULL;
	int *bucket_of = NULL;
	double *bucket_left = NULL, H = 0, C = 0, cap = 0, used_h = 0, used_c = 0;
	size_t i, k, nb = 0, ngroups = 0;
	struct queue q;
	int rc, strategy = 0;
	uint32_t u;

	memset(&q, 0, sizeof q);
	if (out)
		*out = NULL;
	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!r || !out)
		return fail(diag, AIRS_EINVAL, "result and out must not be NULL");
	if ((rc = check_opts(opts, diag, 1)))
		return rc;
	if (opts) {
		H = opts->budget_hours;
		C = opts->budget_cost;
		cap = opts->max_hours_per_employee;
		strategy = opts->strategy;
		nb = opts->unit_budget_count;
	}
	m = r->model;
	if ((rc = ctx_init(&c, r)))
		return fail(diag, rc, "out of memory");
	c.cost_limited = C > 0;
	o = airs__calloc(&c.mem, 1, sizeof *o);
	if (!o) {
		ctx_free(&c);
		return fail(diag, AIRS_ENOMEM, "out of memory");
	}
	o->mem = c.mem;
	airs__model_retain(m);
	o->model = m;
	o->src.as_of = r->as_of;
	memcpy(o->src.params_digest, r->params_digest, sizeof o->src.params_digest);
	o->strategy = strategy;
	o->budget_hours = H;
	o->budget_cost = C;
	o->max_hours = cap;
	o->n = r->n;
	o->nu = airs_rollup_unit_count(r->rollup);
	o->nco = m->courses.n;
	o->emp = airs__malloc(&c.mem, (o->n + 1) * sizeof *o->emp);
	o->a = airs__calloc(&c.mem, o->n + 1, sizeof *o->a);
	o->unit = airs__malloc(&c.mem, (o->nu + 1) * sizeof *o->unit);
	o->groups = airs__calloc(&c.mem, o->nu + 1, sizeof *o->groups);
	o->co = airs__calloc(&c.mem, o->nco + 1, sizeof *o->co);
	o->co_unit = airs__calloc(&c.mem, (o->nco + 1) * (o->nu + 1) * 2,
	                          sizeof *o->co_unit);
	o->unit_budget = airs__malloc(&c.mem, (o->nu + 1) * sizeof *o->unit_budget);
	o->cstart = airs__calloc(&c.mem, o->n + 1, sizeof *o->cstart);
	ru = airs__malloc(&c.mem, (m->units.n + 1) * sizeof *ru);
	bucket_of = airs__malloc(&c.mem, (m->units.n + 1) * sizeof *bucket_of);
	bucket_left = airs__malloc(&c.mem, (nb + 1) * sizeof *bucket_left);
	if (!o->emp || !o->a || !o->unit || !o->groups || !o->co || !o->co_unit ||
	    !o->unit_budget || !o->cstart || !ru || !bucket_of || !bucket_left) {
		rc = AIRS_ENOMEM;
		goto done;
	}
	/* Units in tree order, and the model's units mapped to them. */
	for (i = 0; i < m->units.n; i++)
		ru[i] = AIRS__NONE;
	for (i = 0; i < o->nu; i++) {
		airs_unit_score us = AIRS_UNIT_SCORE_INIT;
		airs_rollup_unit(r->rollup, i, &us);
		u = airs__names_find(&m->unit_ids, us.id, strlen(us.id));
		o->unit[i] = u;
		if (u != AIRS__NONE)
			ru[u] = (uint32_t)i;
		o->unit_budget[i] = NAN;
	}
	/* Per-unit budgets: an employee draws on the nearest unit above
	 * (or at) theirs that has one. */
	for (i = 0; i < m->units.n; i++)
		bucket_of[i] = -1;
	for (k = 0; k < nb; k++) {
		const char *id = opts->unit_ids[k];
		double h = opts->unit_hours[k];
		if (!id || (u = airs__names_find(&m->unit_ids, id, strlen(id))) ==
		                   AIRS__NONE) {
			char qid[200];
			airs__quote(qid, sizeof qid, id ? id : "", id ? strlen(id) : 0);
			rc = fail(diag, AIRS_ENOTFOUND, "unit_ids[%zu]: unknown unit "
			          "\"%s\"", k, qid);
			goto fail_msg;
		}
		if (!isfinite(h) || h < 0) {
			rc = fail(diag, AIRS_ERANGE, "unit_hours[%zu]: %g is not a "
			          "number of hours >= 0", k, h);
			goto fail_msg;
		}
		bucket_of[u] = (int)k;
		bucket_left[k] = h;
		if (ru[u] != AIRS__NONE)
			o->unit_budget[ru[u]] = h;
	}
	for (i = 0; i < o->nco; i++) {
		o->co[i].course = (uint32_t)i;
		o->co[i].rank = m->sorted[AIRS__S_COURSE].rank[i];
	}

	/* Every employee's problem, once, on the scoring threads; the parts
	 * joined in employee order. */
	np = airs__thread_count(r->pv.threads, o->n);
	parts = airs__calloc(&c.mem, np, sizeof *parts);
	if (!parts) {
		rc = AIRS_ENOMEM;
		goto done;
	}
	if ((rc = parts_build(&c, o, bucket_of, parts, np)))
		goto done;
	for (k = 0; k < np; k++) {
		struct part *pt = &parts[k];
		size_t g = 0, j;
		if (airs__grow(&c.mem, &inc, &inccap, ninc + pt->ninc + 1,
		               sizeof *inc) ||
		    airs__grow(&c.mem, &courses, &courcap, ncour + pt->ncour + 1,
		               sizeof *courses)) {
			rc = AIRS_ENOMEM;
			goto done;
		}
		for (j = 0; j < pt->ninc; j++) {
			inc[ninc + j] = pt->inc[j];
			inc[ninc + j].c0 += (uint32_t)ncour;
		}
		if (pt->ncour)
			memcpy(courses + ncour, pt->courses,
			       pt->ncour * sizeof *courses);
		for (i = pt->lo; i < pt->hi; i++) {
			struct airs__alloc *a = &o->a[i];
			const airs__employee *emp = &m->emps.v[o->emp[i]];
			uint32_t x;
			a->i0 += (uint32_t)ninc;
			a->i1 += (uint32_t)ninc;
			a->next = a->i0;
			a->g0 = (uint32_t)ngroups;
			ngroups += a->ng;
			/* Cohorts: courses that serve a required skill's gap. */
			for (x = 0; x < pt->gaps_of[i - pt->lo]; x++, g++) {
				uint32_t sk = pt->gap[g], y;
				for (y = c.cstart[sk]; y < c.cstart[sk + 1]; y++) {
					uint32_t ci = c.corder[y];
					o->co[ci].employees++;
					for (u = emp->unit; u != AIRS__NONE;
					     u = m->units.v[u].parent)
						if (ru[u] != AIRS__NONE)
							o->co_unit[(ci * (o->nu + 1) +
							            ru[u]) * 2]++;
					o->co_unit[(ci * (o->nu + 1) + o->nu) * 2]++;
				}
			}
		}
		ninc += pt->ninc;
		ncour += pt->ncour;
		part_free(pt);
	}
	closed = airs__calloc(&c.mem, ngroups + 1, 1);
	q.h = airs__malloc(&c.mem, (o->n + 1) * sizeof *q.h);
	if (!closed || !q.h) {
		rc = AIRS_ENOMEM;
		goto done;
	}

	/* Hand out the increments. */
	q.a = o->a;
	q.inc = inc;
	q.strategy = strategy;
	q.beta = c.pv->plan_blend;
	for (i = 0; i < o->n; i++)
		if (o->a[i].next < o->a[i].i1)
			qpush(&q, (uint32_t)i);
	while (q.n) {
		uint32_t e = qpop(&q);
		struct airs__alloc *a = &o->a[e];
		struct oinc *t = &inc[a->next];
		double dh = t->dh + (a->started ? 0 : a->ih);
		int fits = used_h + dh <= H + 1e-9 &&
		           (C <= 0 || used_c + t->dc <= C + 1e-9) &&
		           (cap <= 0 || a->hours + dh <= cap + 1e-9) &&
		           (a->bucket < 0 || dh <= bucket_left[a->bucket] + 1e-9);
		if (fits) {
			used_h += dh;
			used_c += t->dc;
			a->hours += dh;
			a->cost += t->dc;
			a->R += t->dv;
			if (a->bucket >= 0)
				bucket_left[a->bucket] -= dh;
			a->started = 1;
			t->applied = 1;
		} else {
			closed[a->g0 + t->group] = 1;
		}
		a->next++;
		advance(a, inc, closed);
		if (a->next < a->i1)
			qpush(&q, e);
	}

	/* What each person gets: per group, the last increment applied. */
	for (i = 0; i < o->n; i++) {
		o->cstart[i] = (uint32_t)ncours;
		struct airs__alloc *a = &o->a[i];
		const airs__employee *emp = &m->emps.v[o->emp[i]];
		uint32_t j, g;
		double base = isnan(a->readiness) ? 0 : a->readiness,
		       up = a->R - base;
		a->projected = isnan(a->readiness) && !(up > 0) ? NAN
		             : base + up > 100 ? 100 : base + up;
		for (g = 0; g < a->ng; g++) {
			const struct oinc *last = NULL;
			for (j = a->i0; j < a->i1; j++)
				if (inc[j].group == g && inc[j].applied)
					last = &inc[j];
			if (!last)
				continue;
			a->courses += last->nc;
			if (airs__grow(&c.mem, &o->cours, &courscap, ncours + last->nc,
			               sizeof *o->cours)) {
				rc = AIRS_ENOMEM;
				goto done;
			}
			memcpy(o->cours + ncours, courses + last->c0,
			       last->nc * sizeof *o->cours);
			ncours += last->nc;
			for (k = last->c0; k < last->c0 + last->nc; k++) {
				uint32_t ci = courses[k];
				o->co[ci].planned++;
				for (u = emp->unit; u != AIRS__NONE; u = m->units.v[u].parent)
					if (ru[u] != AIRS__NONE)
						o->co_unit[(ci * (o->nu + 1) + ru[u]) * 2 + 1]++;
				o->co_unit[(ci * (o->nu + 1) + o->nu) * 2 + 1]++;
			}
		}
	}
	o->cstart[o->n] = (uint32_t)ncours;
	qsort(o->co, o->nco, sizeof *o->co, cmp_cohort);

	/* Groups: every unit's subtree and the organisation. */
	{
		size_t ng = o->nu + 1, *cnt, *off, *fill;
		double *sumR, *sumP, *gap, *weeks;
		uint64_t *below, *pbelow;
		cnt = airs__calloc(&c.mem, ng + 1, sizeof *cnt);
		off = airs__calloc(&c.mem, ng + 1, sizeof *off);
		fill = airs__calloc(&c.mem, ng + 1, sizeof *fill);
		sumR = airs__calloc(&c.mem, ng, sizeof *sumR);
		sumP = airs__calloc(&c.mem, ng, sizeof *sumP);
		gap = airs__calloc(&c.mem, ng, sizeof *gap);
		below = airs__calloc(&c.mem, ng, sizeof *below);
		pbelow = airs__calloc(&c.mem, ng, sizeof *pbelow);
		weeks = NULL;
		rc = !cnt || !off || !fill || !sumR || !sumP || !gap || !below ||
		     !pbelow ? AIRS_ENOMEM : AIRS_OK;
		for (k = 0; !rc && k < 2; k++) {
			/* pass 0 counts the members below target, pass 1 fills */
			for (i = 0; i < o->n; i++) {
				const struct airs__alloc *a = &o->a[i];
				const airs__score *s = &r->s[i];
				int lvl = s->level, plvl = level_of(c.pv, a->projected);
				int below_t = s->level && s->target && s->level < s->target;
				size_t chain[64], nch = 0, x;
				for (u = m->emps.v[s->emp].unit; u != AIRS__NONE && nch < 63;
				     u = m->units.v[u].parent)
					if (ru[u] != AIRS__NONE)
						chain[nch++] = ru[u];
				chain[nch++] = o->nu;
				for (x = 0; x < nch; x++) {
					size_t gi = chain[x];
					airs_plan_group *G = &o->groups[gi];
					if (k == 0) {
						if (below_t)
							cnt[gi]++;
						continue;
					}
					G->headcount++;
					if (a->courses)
						G->planned++;
					G->hours += a->hours;
					G->cost += a->cost;
					G->levels[lvl]++;
					G->projected_levels[plvl]++;
					if (!isnan(a->readiness) && !isnan(a->projected)) {
						G->scored++;
						sumR[gi] += a->readiness;
						sumP[gi] += a->projected;
					}
					if (s->level && s->target) {
						G->with_target++;
						gap[gi] += s->target - plvl;
						if (s->level < s->target)
							below[gi]++;
						if (plvl < s->target)
							pbelow[gi]++;
					}
					if (below_t) {
						weeks[off[gi] + fill[gi]++] =
							a->reachable ? a->weeks : INFINITY;
						if (!a->reachable)
							G->unreachable++;
					}
				}
			}
			if (k == 0) {
				size_t tot = 0;
				for (i = 0; i < ng; i++) {
					off[i] = tot;
					tot += cnt[i];
				}
				weeks = airs__malloc(&c.mem, (tot + 1) * sizeof *weeks);
				if (!weeks)
					rc = AIRS_ENOMEM;
			}
		}
		for (i = 0; !rc && i < ng; i++) {
			airs_plan_group *G = &o->groups[i];
			double *w = weeks + off[i];
			G->size = sizeof *G;
			G->unit_id = i < o->nu && o->unit[i] != AIRS__NONE
			                     ? m->unit_ids.str[o->unit[i]] : NULL;
			G->readiness_mean = G->scored ? sumR[i] / (double)G->scored : NAN;
			G->projected_mean = G->scored ? sumP[i] / (double)G->scored : NAN;
			G->gap_mean = G->with_target ? gap[i] / (double)G->with_target
			                             : NAN;
			G->below_target_share = G->with_target
			        ? (double)below[i] / (double)G->with_target : NAN;
			G->projected_below_target_share = G->with_target
			        ? (double)pbelow[i] / (double)G->with_target : NAN;
			qsort(w, cnt[i], sizeof *w, cmp_double);
			G->weeks_max = cnt[i] ? w[cnt[i] - 1] : NAN;
			G->weeks_median = !cnt[i] ? NAN
			                : cnt[i] % 2 ? w[cnt[i] / 2]
			                : (w[cnt[i] / 2 - 1] + w[cnt[i] / 2]) / 2;
		}
		airs__free(&c.mem, cnt);
		airs__free(&c.mem, off);
		airs__free(&c.mem, fill);
		airs__free(&c.mem, sumR);
		airs__free(&c.mem, sumP);
		airs__free(&c.mem, gap);
		airs__free(&c.mem, below);
		airs__free(&c.mem, pbelow);
		airs__free(&c.mem, weeks);
	}
done:
	if (rc)
		fail(diag, rc, "out of memory");
fail_msg:
	for (k = 0; parts && k < np; k++)
		if (parts[k].c)
			part_free(&parts[k]);
	airs__free(&c.mem, parts);
	airs__free(&c.mem, inc);
	airs__free(&c.mem, courses);
	airs__free(&c.mem, closed);
	airs__free(&c.mem, q.h);
	airs__free(&c.mem, ru);
	airs__free(&c.mem, bucket_of);
	airs__free(&c.mem, bucket_left);
	ctx_free(&c);
	if (rc) {
		airs_org_plan_free(o);
		return rc;
	}
	*out = o;
	return AIRS_OK;
}

size_t airs_org_plan_unit_count(const airs_org_plan *o)
{
	return o ? o->nu : 0;
}

int airs_org_plan_group(const airs_org_plan *o, size_t unit,
                        airs_plan_group *out)
{
	size_t size;

	if (!o || !out || out->size < sizeof *out)
		return AIRS_EINVAL;
	if (unit == AIRS_ROLLUP_ORG)
		unit = o->nu;
	else if (unit >= o->nu)
		return AIRS_ERANGE;
	size = out->size;
	*out = o->groups[unit];
	out->size = size;
	return AIRS_OK;
}

size_t airs_org_plan_employee_count(const airs_org_plan *o)
{
	return o ? o->n : 0;
}

int airs_org_plan_employee(const airs_org_plan *o, size_t i,
                           airs_plan_allocation *out)
{
	const struct airs__alloc *a;

	if (!o || !out || out->size < sizeof *out)
		return AIRS_EINVAL;
	if (i >= o->n)
		return AIRS_ERANGE;
	a = &o->a[i];
	out->employee_id = o->model->emp_ids.str[o->emp[i]];
	out->hours = a->hours;
	out->cost = a->cost;
	out->courses = a->courses;
	out->readiness = a->readiness;
	out->projected = a->projected;
	out->reachable = a->reachable;
	out->target_weeks = a->weeks;
	return AIRS_OK;
}

size_t airs_org_plan_cohort_count(const airs_org_plan *o)
{
	size_t n = 0;

	if (!o)
		return 0;
	while (n < o->nco && o->co[n].employees)
		n++;
	return n;
}

int airs_org_plan_cohort(const airs_org_plan *o, size_t i,
                         airs_plan_cohort *out)
{
	const airs__course *co;

	if (!o || !out || out->size < sizeof *out)
		return AIRS_EINVAL;
	if (i >= airs_org_plan_cohort_count(o))
		return AIRS_ERANGE;
	co = &o->model->courses.v[o->co[i].course];
	out->course_id = o->model->course_ids.str[o->co[i].course];
	out->skill_id = o->model->skill_ids.str[co->skill];
	out->employees = o->co[i].employees;
	out->planned = o->co[i].planned;
	return AIRS_OK;
}

int airs_org_plan_cohort_unit(const airs_org_plan *o, size_t i, size_t unit,
                              uint64_t *employees, uint64_t *planned)
{
	const uint64_t *x;

	if (!o || !employees || !planned)
		return AIRS_EINVAL;
	if (i >= airs_org_plan_cohort_count(o) ||
	    (unit >= o->nu && unit != AIRS_ROLLUP_ORG))
		return AIRS_ERANGE;
	if (unit == AIRS_ROLLUP_ORG)
		unit = o->nu;
	x = &o->co_unit[(o->co[i].course * (o->nu + 1) + unit) * 2];
	*employees = x[0];
	*planned = x[1];
	return AIRS_OK;
}

int airs_org_plan_outcome(const airs_org_plan *o, int kind, double *out,
                          size_t n)
{
	size_t i;

	if (!o || (!out && n) || n != o->n ||
	    (kind != AIRS_PLAN_OUTCOME_SELECTED && kind != AIRS_PLAN_OUTCOME_HOURS))
		return AIRS_EINVAL;
	for (i = 0; i < n; i++)
		out[i] = kind == AIRS_PLAN_OUTCOME_HOURS ? o->a[i].hours
		       : o->a[i].courses > 0;
	return AIRS_OK;
}

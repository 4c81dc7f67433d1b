/*
 * plan-options.c - the choices of one employee's planning problem
 * (methodology 8.1, 8.3): each skill's course subsets, with the practice
 * that carries a subset on to a level another skill needs, and each
 * group's options - the undominated ways to choose for all its skills at
 * once - by dynamic programming over the group's skills in prerequisite
 * order.
 *
 * Cost.  A skill of k courses (k <= MASK_COURSES) has 2^k subsets, and
 * one practice variant per subset for each of the t levels other skills
 * need it at: O(2^k (t + 1)) choices, sorted and swept in
 * O(m log m + m c) (c: undominated choices kept).  A group of n skills
 * is decided skill by skill; a state is a partial choice over the skills
 * so far, keyed by which needed levels the skills still needed later
 * have reached, and only states no other state with the same key beats
 * on hours, cost and uplift are kept, at most GROUP_STATES per step
 * (beyond that an even spread of them is kept and the plan is marked
 * reduced).  A step costs O(s m (w + e) + s m log(s m)) for s states, m
 * choices of the skill, w skills still needed, e prerequisites of the
 * skill: polynomial in the chain's length and the catalogue's size
 * (a chain of n one-course skills needing each other: O(n^2) states in
 * all), where enumerating every combination of subsets took
 * O(2^n) and a 28-skill chain 21 seconds.
 */
#include "plan-problem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "sort.h"

/* ------------------------------------------------------------------------
 * A skill's choices
 * ---------------------------------------------------------------------- */

/* The level node n reaches with the courses of mask, from its estimate;
 * their hours and cost, and the ceiling and time constant of the last
 * course taken (for practice after it). */
static double level_after(const struct plan_ctx *c, const struct plan_node *n,
                          uint32_t mask, double *hours, double *cost,
                          double *lmax, double *tau)
{
	const airs_model *m = c->m;
	double L = n->L0;
	uint32_t j;

	*hours = *cost = 0;
	*lmax = *tau = 0;
	for (j = 0; j < n->nc; j++) {
		const airs__course *cr;
		if (!(mask >> j & 1))
			continue;
		cr = &m->courses.v[c->corder[n->c0 + j]];
		*lmax = airs__plan_ceiling(c->pv, cr->gain, L);
		*tau = cr->hours * c->pv->plan_tau[cr->format >= 0 &&
		                                   cr->format <= AIRS_FORMAT_BRIEFING
		                                           ? cr->format
		                                           : AIRS_FORMAT_SELF_PACED];
		L = airs__plan_level(c->pv, cr->format, cr->hours, cr->gain, L,
		                     cr->hours);
		*hours += cr->hours;
		*cost += cr->cost;
	}
	return L;
}

double airs__plan_level_after(const struct plan_ctx *c,
                              const struct plan_node *n, uint32_t mask,
                              double *hours, double *cost)
{
	double lmax, tau;

	return level_after(c, n, mask, hours, cost, &lmax, &tau);
}

static int sub_push(const struct plan_ctx *c, struct plan_prob *p, size_t *k,
                    double h, double l, double cost, double pr, uint32_t mask)
{
	if (airs__grow(&c->mem, &p->sub, &p->subcap, *k + 1, sizeof *p->sub))
		return AIRS_ENOMEM;
	p->sub[*k].h = h;
	p->sub[*k].l = l;
	p->sub[*k].c = cost;
	p->sub[*k].p = pr;
	p->sub[*k].mask = mask;
	(*k)++;
	return AIRS_OK;
}

/* Every subset of n's courses, taken in order, into p->sub; and, for
 * each level t others need n at that a subset falls short of but its
 * last course's curve could reach (t below its ceiling), the practice
 * hours that carry the subset on along that curve to exactly t (8.1:
 * L(h) beyond the course's nominal hours).  Their number in *k. */
static int list_subsets(const struct plan_ctx *c, struct plan_prob *p,
                        const struct plan_node *n, size_t *k)
{
	uint32_t mask;
	size_t t;
	int rc;

	*k = 0;
	for (mask = 0; mask < (1u << n->nc); mask++) {
		double h, co, lmax, tau,
		       L = level_after(c, n, mask, &h, &co, &lmax, &tau);
		if ((rc = sub_push(c, p, k, h, L, co, 0, mask)))
			return rc;
		for (t = n->t0; mask && t < n->t0 + n->nt; t++) {
			double need = p->thr[t], pr;
			if (L >= need - 1e-9 || need >= lmax - 1e-12)
				continue;
			pr = tau * log((lmax - L) / (lmax - need));
			if ((rc = sub_push(c, p, k, h + pr, need, co, pr, mask)))
				return rc;
		}
	}
	return AIRS_OK;
}

/* Choices by hours, then level (highest first), cost, practice, mask. */
static int cmp_sub(const void *a, const void *b)
{
	const struct plan_sub *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	if (x->l != y->l)
		return x->l > y->l ? -1 : 1;
	if (x->c != y->c)
		return x->c < y->c ? -1 : 1;
	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return x->mask < y->mask ? -1 : x->mask > y->mask;
}

int airs__plan_node_choices(const struct plan_ctx *c, struct plan_prob *p,
                            struct plan_node *n)
{
	size_t cnt, r, k, w;
	int rc;

	if ((rc = list_subsets(c, p, n, &cnt)))
		return rc;
	qsort(p->sub, cnt, sizeof *p->sub, cmp_sub);
	if (airs__grow(&c->mem, &p->ml, &p->mlcap, p->nml + cnt, sizeof *p->ml) ||
	    airs__grow(&c->mem, &p->mh, &p->mhcap, p->nml + cnt, sizeof *p->mh) ||
	    airs__grow(&c->mem, &p->mc, &p->mccap, p->nml + cnt, sizeof *p->mc) ||
	    airs__grow(&c->mem, &p->mp, &p->mpcap, p->nml + cnt, sizeof *p->mp) ||
	    airs__grow(&c->mem, &p->mm, &p->mmcap, p->nml + cnt, sizeof *p->mm))
		return AIRS_ENOMEM;
	/* Keep the choices no kept one beats on hours, cost and level (the
	 * sort puts the empty subset, the only one of 0 hours, first): a
	 * higher level serves uplift and prerequisites alike, and every
	 * non-empty choice of a skill needs the same prerequisites.  Without
	 * a cost limit cost only breaks ties. */
	n->mo = w = p->nml;
	for (r = 0; r < cnt; r++) {
		const struct plan_sub *s = &p->sub[r];
		int dom = 0;
		for (k = w; k-- > n->mo && !dom;) {
			dom = p->ml[k] >= s->l && (!c->cost_limited || p->mc[k] <= s->c);
			if (!c->cost_limited)
				break; /* the last kept has the highest level */
		}
		if (dom && r > 0)
			continue;
		p->ml[w] = s->l;
		p->mh[w] = s->h;
		p->mc[w] = s->c;
		p->mp[w] = s->p;
		p->mm[w] = s->mask;
		w++;
	}
	n->mk = w - n->mo;
	p->nml = w;
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * A group's options
 * ---------------------------------------------------------------------- */

/* How many of node y's needed levels (thr[t0 .. t0+nt)) level L reaches. */
static uint16_t status_of(const struct plan_prob *p, const struct plan_node *y,
                          double L)
{
	size_t t, s = 0;

	for (t = y->t0; t < y->t0 + y->nt; t++)
		if (L >= p->thr[t] - 1e-9)
			s++;
	return (uint16_t)(s > 0xffff ? 0xffff : s);
}

/* The step from position j - 1 to j of group g: which slot of the last
 * key each slot of the next one copies (-1: node j's own status), and,
 * for each prerequisite of node j, the slot of the skill it needs and how
 * many of that skill's needed levels must be reached. */
struct step {
	int x;             /* node at position j */
	size_t wp, wn;     /* key widths before and after */
	int *from;         /* wn */
	int *eslot;        /* ne of them */
	uint16_t *eneed;
	size_t ne;
};

/* Slot of each open position in the key after position j (in
 * p->gslot[0 .. nn)), -1 when closed; the width. */
static size_t open_slots(const struct plan_prob *p, const struct plan_group *g,
                         int j, int *slot)
{
	size_t w = 0;
	int i;

	for (i = 0; i < g->nn; i++) {
		const struct plan_node *n = &p->nodes[p->gorder[g->n0 + i]];
		slot[i] = i <= j && n->last > j ? (int)w++ : -1;
	}
	return w;
}

static int step_make(const struct plan_ctx *c, struct plan_prob *p,
                     const struct plan_group *g, int j, struct step *st)
{
	size_t need = 3 * (size_t)g->nn + 3 * p->ne + 4, e;
	int *prev, *next, i;
	uint16_t *eneed;

	if (airs__grow(&c->mem, &p->gslot, &p->gslotcap, need, sizeof *p->gslot))
		return AIRS_ENOMEM;
	prev = p->gslot;
	next = prev + g->nn;
	st->from = next + g->nn;
	st->eslot = st->from + g->nn;
	eneed = (uint16_t *)(void *)(st->eslot + p->ne + 1);
	st->eneed = eneed;
	st->x = p->gorder[g->n0 + j];
	st->wp = open_slots(p, g, j - 1, prev);
	st->wn = open_slots(p, g, j, next);
	for (i = 0; i < g->nn; i++)
		if (next[i] >= 0)
			st->from[next[i]] = i == j ? -1 : prev[i];
	st->ne = 0;
	for (e = 0; e < p->ne; e++) {
		const struct plan_edge *ed = &p->edges[e];
		const struct plan_node *y;
		if (ed->x != st->x || ed->y < 0)
			continue;
		y = &p->nodes[ed->y];
		st->eslot[st->ne] = prev[y->pos];
		st->eneed[st->ne] = status_of(p, y, ed->min);
		st->ne++;
	}
	return AIRS_OK;
}

/* The order of a step's candidate states: key, hours, cost, uplift
 * (highest first), then the order they were made in. */
struct cand_order {
	const struct plan_gstate *s;
	const uint16_t *k;
	size_t w;
};

/* Order of keys x and y of width w: slot by slot, each slot's low byte
 * before its high byte.  That is the order memcmp() gave on the
 * little-endian machines the plans were first made on, written out so
 * that it (and with it the states' order and every tie after it) is
 * the same on a big-endian machine; inline, since keys are a few slots
 * and a call costs more than the comparison. */
static int key_cmp(const uint16_t *x, const uint16_t *y, size_t w)
{
	size_t i;

	for (i = 0; i < w; i++)
		if (x[i] != y[i]) {
			unsigned a = (x[i] & 0xffu) << 8 | x[i] >> 8,
			         b = (y[i] & 0xffu) << 8 | y[i] >> 8;
			return a < b ? -1 : 1;
		}
	return 0;
}

static int cand_before(const void *ctx, uint32_t a, uint32_t b)
{
	const struct cand_order *o = ctx;
	const struct plan_gstate *x = &o->s[a], *y = &o->s[b];
	int d = key_cmp(o->k + a * o->w, o->k + b * o->w, o->w);

	if (d)
		return d < 0;
	if (x->h != y->h)
		return x->h < y->h;
	if (x->c != y->c)
		return x->c < y->c;
	if (x->v != y->v)
		return x->v > y->v;
	return x->gen < y->gen;
}

/* Room for n candidates of key width w. */
static int cand_room(const struct plan_ctx *c, struct plan_prob *p, size_t n,
                     size_t w)
{
	return airs__grow(&c->mem, &p->gs[1], &p->gscap[1], n + 1,
	                  sizeof *p->gs[1]) ||
	       airs__grow(&c->mem, &p->gk[1], &p->gkcap[1], n * w + 1,
	                  sizeof *p->gk[1]) ||
	       airs__grow(&c->mem, &p->gord, &p->gordcap, n + 1,
	                  sizeof *p->gord) ||
	       airs__grow(&c->mem, &p->gtmp, &p->gtmpcap, n + 1,
	                  sizeof *p->gtmp)
	               ? AIRS_ENOMEM
	               : AIRS_OK;
}

/* Every state of the last step (ns of them, in gs[0]/gk[0]) extended by
 * each choice of node st->x its prerequisites allow, into gs[1]/gk[1];
 * their number. */
static size_t expand(struct plan_prob *p, const struct step *st, size_t ns)
{
	const struct plan_node *x = &p->nodes[st->x];
	size_t s, ch, n = 0, i, e;

	for (s = 0; s < ns; s++) {
		const uint16_t *ko = p->gk[0] + s * st->wp;
		for (ch = 0; ch < x->mk; ch++) {
			size_t at = x->mo + ch;
			struct plan_gstate *t = &p->gs[1][n];
			uint16_t *kn = p->gk[1] + n * st->wn;
			int ok = 1;
			for (e = 0; p->mm[at] && e < st->ne && ok; e++)
				ok = ko[st->eslot[e]] >= st->eneed[e];
			if (!ok)
				continue;
			t->h = p->gs[0][s].h + p->mh[at];
			t->c = p->gs[0][s].c + p->mc[at];
			t->v = p->gs[0][s].v +
			       x->v * (airs__plan_fit(p->ml[at], x->q) -
			               airs__plan_fit(x->L0, x->q));
			t->gen = (uint32_t)(s * x->mk + ch);
			for (i = 0; i < st->wn; i++)
				kn[i] = st->from[i] < 0 ? status_of(p, x, p->ml[at])
				                        : ko[st->from[i]];
			n++;
		}
	}
	return n;
}

/* Whether candidate i is beaten by one kept before it with the same key
 * (kept[k0 .. nk)): no more cost and at least its uplift (the sort puts
 * fewer hours first); when cost only breaks ties, the last kept has the
 * most uplift. */
static int beaten(const struct plan_prob *p, const uint32_t *kept, size_t k0,
                  size_t nk, uint32_t i, int by_cost)
{
	const struct plan_gstate *s = p->gs[1];
	size_t k;

	if (nk == k0)
		return 0;
	if (!by_cost)
		return s[kept[nk - 1]].v >= s[i].v - PLAN_EPS;
	for (k = k0; k < nk; k++)
		if (s[kept[k]].c <= s[i].c && s[kept[k]].v >= s[i].v - PLAN_EPS)
			return 1;
	return 0;
}

/* Whether kept state b lies on or under the segment from kept state a to
 * candidate x (all with the same key, by hours): not a vertex of the
 * key's upper hull. */
static int under_hull(const struct plan_gstate *a, const struct plan_gstate *b,
                      const struct plan_gstate *x)
{
	return (b->v - a->v) * (x->h - a->h) <=
	       (x->v - a->v) * (b->h - a->h) + PLAN_EPS;
}

/* Whether candidate x goes into the states kept: by p->mode, against the
 * states kept[k0 .. *nk) of its key (which it may displace). */
static int admit(const struct plan_ctx *c, struct plan_prob *p,
                 uint32_t *kept, size_t k0, size_t *nk, uint32_t x)
{
	const struct plan_gstate *s = p->gs[1];
	size_t k;

	switch (p->mode) {
	case PLAN_CHEAPEST: /* the first of no uplift, the first of some */
		for (k = k0; k < *nk; k++)
			if ((s[kept[k]].v * p->scale > PLAN_EPS) ==
			    (s[x].v * p->scale > PLAN_EPS))
				return 0;
		return 1;
	case PLAN_HULL:
		if (beaten(p, kept, k0, *nk, x, 0))
			return 0;
		while (*nk - k0 >= 2 &&
		       under_hull(&s[kept[*nk - 2]], &s[kept[*nk - 1]], &s[x]))
			(*nk)--;
		return 1;
	default:
		return !(s[x].h > p->cap_h + 1e-9 ||
		         (p->cap_c > 0 && s[x].c > p->cap_c + 1e-9)) &&
		       !beaten(p, kept, k0, *nk, x, c->cost_limited);
	}
}

/* Sort the n candidates and keep those p->mode admits within each key,
 * at most GROUP_STATES (an even spread of them beyond that), in
 * p->gord[0 ..); their number. */
static size_t prune(const struct plan_ctx *c, struct plan_prob *p, size_t n,
                    size_t w)
{
	struct cand_order o;
	size_t r, nk = 0, k0 = 0, i;

	o.s = p->gs[1];
	o.k = p->gk[1];
	o.w = w;
	for (r = 0; r < n; r++)
		p->gord[r] = (uint32_t)r;
	airs__sort(p->gord, p->gtmp, n, cand_before, &o);
	for (r = 0; r < n; r++) {
		uint32_t x = p->gord[r];
		if (nk > k0 &&
		    key_cmp(o.k + (size_t)p->gord[nk - 1] * w, o.k + (size_t)x * w,
		            w))
			k0 = nk;
		if (admit(c, p, p->gord, k0, &nk, x))
			p->gord[nk++] = x;
	}
	if (nk > GROUP_STATES) {
		for (i = 0; i < GROUP_STATES; i++)
			p->gord[i] = p->gord[i * nk / GROUP_STATES];
		nk = GROUP_STATES;
		p->reduced = 1;
	}
	return nk;
}

/* Keep the candidates p->gord[0 .. nk) as the states of this step
 * (gs[0]/gk[0]), and their way back at back[0 .. nk). */
static int keep(const struct plan_ctx *c, struct plan_prob *p, size_t nk,
                size_t w, size_t mk, size_t back)
{
	size_t i;

	if (airs__grow(&c->mem, &p->gs[0], &p->gscap[0], nk + 1,
	               sizeof *p->gs[0]) ||
	    airs__grow(&c->mem, &p->gk[0], &p->gkcap[0], nk * w + 1,
	               sizeof *p->gk[0]) ||
	    airs__grow(&c->mem, &p->gback, &p->gbackcap, 2 * (back + nk) + 1,
	               sizeof *p->gback))
		return AIRS_ENOMEM;
	for (i = 0; i < nk; i++) {
		uint32_t x = p->gord[i];
		p->gs[0][i] = p->gs[1][x];
		memcpy(p->gk[0] + i * w, p->gk[1] + (size_t)x * w,
		       w * sizeof *p->gk[0]);
		p->gback[2 * (back + i)] = (uint32_t)(p->gs[1][x].gen / mk);
		p->gback[2 * (back + i) + 1] = (uint32_t)(p->gs[1][x].gen % mk);
		p->gs[0][i].gen = (uint32_t)i;
	}
	return AIRS_OK;
}

/* The option of final state s: its picks, traced back through the steps
 * whose ways back start at off[0 .. nn). */
static int add_option(const struct plan_ctx *c, struct plan_prob *p,
                      struct plan_group *g, size_t s, const size_t *off)
{
	struct plan_option *o;
	int j;

	if (airs__grow(&c->mem, &p->opts, &p->ocap, p->no + 1, sizeof *p->opts) ||
	    airs__grow(&c->mem, &p->picks, &p->mcap, p->nm + (size_t)g->nn,
	               sizeof *p->picks))
		return AIRS_ENOMEM;
	o = &p->opts[p->no++];
	o->hours = p->gs[0][s].h;
	o->cost = p->gs[0][s].c;
	o->value = p->gs[0][s].v * p->scale;
	o->m0 = p->nm;
	for (j = g->nn; j-- > 0;) {
		p->picks[o->m0 + (size_t)j] = p->gback[2 * (off[j] + s) + 1];
		s = p->gback[2 * (off[j] + s)];
	}
	p->nm += (size_t)g->nn;
	g->no++;
	return AIRS_OK;
}

/* Most candidates a step makes; beyond, the last step's states are
 * thinned first (an even spread kept) and the plan is marked reduced. */
#define CAND_MAX ((size_t)1 << 20)

/* One step: node at position j chosen after every state so far; the
 * states kept and their way back from *back on.  *ns: the states. */
static int group_step(const struct plan_ctx *c, struct plan_prob *p,
                      const struct plan_group *g, int j, size_t *ns,
                      size_t *back)
{
	struct step st;
	const struct plan_node *x;
	size_t n, nk, i;
	int rc;

	if ((rc = step_make(c, p, g, j, &st)))
		return rc;
	x = &p->nodes[st.x];
	if (*ns * x->mk > CAND_MAX) {
		size_t keepn = CAND_MAX / x->mk;
		for (i = 0; i < keepn; i++) {
			size_t from = i * *ns / keepn;
			p->gs[0][i] = p->gs[0][from];
			memmove(p->gk[0] + i * st.wp, p->gk[0] + from * st.wp,
			        st.wp * sizeof *p->gk[0]);
			p->gback[2 * (*back - *ns + i)] =
				p->gback[2 * (*back - *ns + from)];
			p->gback[2 * (*back - *ns + i) + 1] =
				p->gback[2 * (*back - *ns + from) + 1];
		}
		*back -= *ns - keepn;
		*ns = keepn;
		p->reduced = 1;
	}
	if ((rc = cand_room(c, p, *ns * x->mk, st.wn)))
		return rc;
	n = expand(p, &st, *ns);
	nk = prune(c, p, n, st.wn);
	if ((rc = keep(c, p, nk, st.wn, x->mk, *back)))
		return rc;
	*back += nk;
	*ns = nk;
	return AIRS_OK;
}

static int group_options(const struct plan_ctx *c, struct plan_prob *p,
                         struct plan_group *g)
{
	size_t ns = 1, back = 0, *off, s;
	int j, rc = AIRS_OK;

	g->o0 = p->no;
	g->no = 0;
	off = airs__malloc(&c->mem, ((size_t)g->nn + 1) * sizeof *off);
	/* the first state has no key, but the keys' array is never NULL:
	 * offsets from it (by 0) must be defined */
	if (!off || airs__grow(&c->mem, &p->gs[0], &p->gscap[0], 1,
	                       sizeof *p->gs[0]) ||
	    airs__grow(&c->mem, &p->gk[0], &p->gkcap[0], 1,
	               sizeof *p->gk[0])) {
		airs__free(&c->mem, off);
		return AIRS_ENOMEM;
	}
	memset(&p->gs[0][0], 0, sizeof p->gs[0][0]);
	for (j = 0; j < g->nn && !rc; j++) {
		rc = group_step(c, p, g, j, &ns, &back);
		off[j] = back - ns; /* after any thinning of the last step */
	}
	/* the last step leaves no skill open: its states are the group's
	 * undominated choices, by hours, cost, then uplift */
	for (s = 0; s < ns && !rc; s++)
		if (p->gs[0][s].v * p->scale > PLAN_EPS)
			rc = add_option(c, p, g, s, off);
	airs__free(&c->mem, off);
	return rc;
}

int airs__plan_options(const struct plan_ctx *c, struct plan_prob *p)
{
	size_t k;
	int rc = AIRS_OK;

	p->no = p->nm = 0;
	for (k = 0; k < p->ng && !rc; k++)
		rc = group_options(c, p, &p->groups[k]);
	return rc;
}

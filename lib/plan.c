/*
 * plan.c - personal plans (methodology 8.3, 8.4): the exact optimiser
 * and its approximation over one employee's problem (plan-problem.c),
 * the steps they give - change interventions and courses, each with its
 * reason - and the plan's accessors.
 *
 * A personal plan chooses at most one option per group - a multiple-
 * choice knapsack - exactly by dynamic programming over Pareto-optimal
 * (hours, cost) states, or by the greedy over each group's upper convex
 * hull when the instance is too large.
 */
#include "plan-problem.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "model.h"
#include "quantum.h"
#include "score.h"

/* ------------------------------------------------------------------------
 * The exact optimum (section 8.3)
 * ---------------------------------------------------------------------- */

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

/* Append to all[*n ..] every state of the last layer all[prev0 .. prev0 +
 * prevn) without, and then with each of, group gr's options that keep
 * within H hours and C cost (0: none).  all has room for them. */
static void expand_layer(const struct plan_prob *p,
                         const struct plan_group *gr, struct state *all,
                         size_t prev0, size_t prevn, double H, double C,
                         size_t *n)
{
	size_t i, k;

	for (i = prev0; i < prev0 + prevn; i++) {
		struct state base = all[i];
		all[*n].hours = base.hours;
		all[*n].cost = base.cost;
		all[*n].value = base.value;
		all[*n].prev = i;
		all[*n].opt = (size_t)-1;
		(*n)++;
		for (k = 0; k < gr->no; k++) {
			const struct plan_option *o = &p->opts[gr->o0 + k];
			double h = base.hours + o->hours, co = base.cost + o->cost;
			if (h > H + 1e-9 || (C > 0 && co > C + 1e-9))
				continue;
			all[*n].hours = h;
			all[*n].cost = co;
			all[*n].value = base.value + o->value;
			all[*n].prev = i;
			all[*n].opt = gr->o0 + k;
			(*n)++;
		}
	}
}

/* Keep the Pareto front of the sorted states all[start .. n), moved to
 * all[start ..]; how many.  Without a cost limit, more hours must buy more
 * uplift; with one, a state stays unless another has no more hours, no
 * more cost and at least its uplift. */
static size_t pareto_keep(struct state *all, size_t start, size_t n,
                          double C)
{
	size_t kept = 0, i, j;

	for (i = start; i < n; i++) {
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
	return kept;
}

/* The best of the last layer all[prev0 .. prev0 + prevn) - most uplift,
 * then fewest hours, then least cost (the sort order) - and the option
 * each group takes on the way to it, into choice[]. */
static void backtrack(const struct plan_prob *p, const struct state *all,
                      size_t prev0, size_t prevn, size_t *choice)
{
	size_t best = prev0, i, g;

	for (i = prev0; i < prev0 + prevn; i++)
		if (all[i].value > all[best].value + PLAN_EPS)
			best = i;
	for (g = p->ng; g-- > 0;) {
		choice[g] = all[best].opt;
		best = all[best].prev;
	}
}

/* The exact optimum by dynamic programming over groups, keeping only
 * Pareto-optimal (hours, cost, uplift) states.  Writes the chosen option
 * per group into choice[] ((size_t)-1: none).  Returns 1 when solved, 0
 * when the states would exceed plan.exact_states, or AIRS_ENOMEM < 0. */
static int solve_exact(const struct plan_ctx *c, const struct plan_prob *p,
                       double H, double C, size_t *choice)
{
	struct state *all = NULL;
	size_t *layer = NULL; /* start of each layer in all[] */
	size_t n = 1, cap = 0, g, prev0 = 0, prevn = 1, limit;
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
		const struct plan_group *gr = &p->groups[g];
		size_t start = n, cand = prevn * (gr->no + 1);
		if (cand > limit) {
			rc = 0;
			break;
		}
		if (airs__grow(&c->mem, &all, &cap, n + cand, sizeof *all)) {
			rc = AIRS_ENOMEM;
			break;
		}
		expand_layer(p, gr, all, prev0, prevn, H, C, &n);
		qsort(all + start, n - start, sizeof *all, cmp_state);
		prevn = pareto_keep(all, start, n, C);
		n = start + prevn;
		prev0 = start;
		layer[g + 1] = start;
	}
	if (rc == 1)
		backtrack(p, all, prev0, prevn, choice);
	airs__free(&c->mem, all);
	airs__free(&c->mem, layer);
	return rc;
}

/* ------------------------------------------------------------------------
 * The approximation (section 8.3)
 * ---------------------------------------------------------------------- */

/* Hull increments by uplift per hour while they fit, or the best single
 * option if that is worth more. */
static int solve_greedy(const struct plan_ctx *c, const struct plan_prob *p,
                        double H, double C, size_t *choice)
{
	struct plan_inc *inc = NULL;
	size_t n = 0, cap = 0, k, g;
	double h = 0, co = 0, v = 0, best = -1;
	size_t best_opt = (size_t)-1;
	unsigned char *closed;
	int rc;

	closed = airs__calloc(&c->mem, p->ng + 1, 1);
	if (!closed)
		return AIRS_ENOMEM;
	rc = airs__plan_hull(c, p, H > 0 ? H : -1, C, &inc, &n, &cap);
	if (rc) {
		airs__free(&c->mem, closed);
		return rc;
	}
	for (g = 0; g < p->ng; g++)
		choice[g] = (size_t)-1;
	for (k = 0; k < n; k++) {
		const struct plan_inc *t = &inc[k];
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
		const struct plan_option *o = &p->opts[k];
		if (o->hours <= H + 1e-9 && (C <= 0 || o->cost <= C + 1e-9) &&
		    o->value > best + PLAN_EPS) {
			best = o->value;
			best_opt = k;
		}
	}
	if (best > v + PLAN_EPS) {
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

/* ------------------------------------------------------------------------
 * Steps and their reasons (sections 8.3, 8.4)
 * ---------------------------------------------------------------------- */

/* A reason, as long as it is (names are never cut). */
static char *dupf(const airs__mem *mem, const char *fmt, ...) AIRS__PRINTF(2, 3);
static char *dupf(const airs__mem *mem, const char *fmt, ...)
{
	va_list ap, aq;
	char *out;
	int n;

	va_start(ap, fmt);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	out = n < 0 ? NULL : airs__malloc(mem, (size_t)n + 1);
	if (out)
		vsnprintf(out, (size_t)n + 1, fmt, aq);
	va_end(aq);
	return out;
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
	if (airs__grow(&pl->mem, &pl->steps, cap, pl->nsteps + 1,
	               sizeof *pl->steps)) {
		airs__free(&pl->mem, s->reason);
		return AIRS_ENOMEM;
	}
	pl->steps[pl->nsteps++] = *s;
	return s->reason ? AIRS_OK : AIRS_ENOMEM;
}

/* The person's barrier point and its interventions. */
struct barrier {
	int point;          /* an ADKAR element, or AIRS_BARRIER_* */
	double score;       /* its score (NaN when none) ... */
	struct airs__adkar_src src; /* ... and where it was read */
	uint32_t emp_unit;  /* the person's model unit */
	int iv[3];          /* its interventions, in order */
	size_t niv;
};

static int is_barrier_before_knowledge(int b)
{
	return b == AIRS_ADKAR_AWARENESS || b == AIRS_ADKAR_DESIRE;
}

/* Where b's score was read, for its reasons: "" for the person's own,
 * else ", unit profile", ", unit staff profile", ", leaders' profile of
 * Finance" and so on (methodology 8.4). */
static char *source_text(const struct plan_ctx *c, const airs__mem *mem,
                         const struct barrier *b, uint32_t unit)
{
	static const char *const who[AIRS_ADKAR_SOURCE_COUNT_] = {
		"", "", "staff ", "leaders' "
	};
	int s = b->src.source;

	if (s <= AIRS_ADKAR_SOURCE_PERSON || s >= AIRS_ADKAR_SOURCE_COUNT_)
		return dupf(mem, "%s", "");
	if (b->src.unit == unit)
		return dupf(mem, ", unit %sprofile", who[s]);
	return dupf(mem, ", %sprofile of %s", who[s],
	            c->m->units.v[b->src.unit].name);
}

/* The interventions of barrier b, in order, while their hours fit within
 * *left (which they take). */
static int add_interventions(const struct plan_ctx *c, airs_plan *pl,
                             size_t *cap, const struct barrier *b,
                             const char *role, double *left)
{
	size_t k;
	int rc = AIRS_OK;
	char *from = source_text(c, &pl->mem, b, b->emp_unit);

	if (!from)
		return AIRS_ENOMEM;
	for (k = 0; !rc && k < b->niv; k++) {
		struct airs__step s;
		double h = c->pv->plan_intervention_hours;
		int iv = b->iv[k];
		if (h > *left + 1e-9)
			break;
		*left -= h;
		memset(&s, 0, sizeof s);
		s.kind = AIRS_STEP_INTERVENTION;
		s.intervention = iv;
		s.adkar = b->point;
		s.skill = s.course = AIRS__NONE;
		s.hours = h;
		s.before = s.after = NAN;
		s.source = b->src.source;
		s.source_unit = b->src.unit;
		s.reason = dupf(&pl->mem, "%s is the barrier point (%.1f of 5%s): "
		                "%s%s%s", airs_adkar_name(b->point), b->score,
		                from, what[iv],
		                iv == AIRS_INTERVENTION_BRIEFING ? role : "",
		                iv == AIRS_INTERVENTION_BRIEFING
		                        ? ", before any course" : "");
		pl->hours += h;
		rc = push_step(pl, cap, &s);
	}
	airs__free(&pl->mem, from);
	return rc;
}

/* Each node's choice (pick) and its courses (mask) from the option
 * chosen per group; a node of a group without one takes nothing. */
static void chosen_masks(struct plan_prob *p, const size_t *choice)
{
	size_t k;
	int j;

	for (k = 0; k < p->nn; k++)
		p->nodes[k].pick = 0;
	for (k = 0; k < p->ng; k++) {
		const struct plan_group *g = &p->groups[k];
		if (choice[k] == (size_t)-1)
			continue;
		for (j = 0; j < g->nn; j++)
			p->nodes[p->gorder[g->n0 + j]].pick =
				p->picks[p->opts[choice[k]].m0 + (size_t)j];
	}
	for (k = 0; k < p->nn; k++)
		p->nodes[k].mask = p->mm[p->nodes[k].mo + p->nodes[k].pick];
}

/* The uplift (in v * fit) of each node's choice into gain[]; a node
 * without a course is done.  The number of nodes left. */
static size_t node_gains(const struct plan_prob *p, double *gain,
                         unsigned char *done)
{
	size_t k, left = 0;

	for (k = 0; k < p->nn; k++) {
		const struct plan_node *n = &p->nodes[k];
		double L = p->ml[n->mo + n->pick];
		gain[k] = n->v * (airs__plan_fit(L, n->q) -
		                  airs__plan_fit(n->L0, n->q));
		if (n->mask)
			left++;
		else
			done[k] = 1;
	}
	return left;
}

/* The next node to learn: of those whose prerequisites are done, the
 * largest gain, then the first skill id; p->nn when none is ready. */
static size_t next_node(const struct plan_ctx *c, const struct plan_prob *p,
                        const double *gain, const unsigned char *done)
{
	const uint32_t *rank = c->m->sorted[AIRS__S_SKILL].rank;
	size_t best = p->nn, k, e;

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
		if (best == p->nn || gain[k] > gain[best] + PLAN_EPS ||
		    (fabs(gain[k] - gain[best]) <= PLAN_EPS &&
		     rank[p->nodes[k].skill] < rank[p->nodes[best].skill]))
			best = k;
	}
	return best;
}

/* Practice hours as a person reads them: tenths, or hundredths below
 * a tenth. */
static const char *practice_text(char buf[48], double h)
{
	if (!(h > 0))
		buf[0] = 0;
	else
		snprintf(buf, 48, ", with %.*f h of practice after the course",
		         h < 0.1 ? 2 : 1, h);
	return buf;
}

/* Why a course of node k, a prerequisite only, raises it from L to
 * after: for the skill taking courses that needs the highest level of
 * it. */
static char *prereq_reason(const struct plan_ctx *c,
                           const struct plan_prob *p, size_t k, double L,
                           double after, double practice,
                           const airs__mem *mem)
{
	const airs_model *m = c->m;
	double need = 0;
	size_t ei;
	const char *for_name = "";
	char pt[48];

	for (ei = 0; ei < p->ne; ei++)
		if (p->edges[ei].y == (int)k && p->edges[ei].min > need &&
		    p->nodes[p->edges[ei].x].mask) {
			need = p->edges[ei].min;
			for_name =
				m->skills.v[p->nodes[p->edges[ei].x].skill].name;
		}
	return dupf(mem, "raises %s from %.1f to %.1f%s; %s needs %.1f first",
	            m->skills.v[p->nodes[k].skill].name, L, after,
	            practice_text(pt, practice), for_name, need);
}

/* Course j of node k as a step from level L: its last chosen course also
 * carries the choice's practice (methodology 8.1). */
static void course_step(const struct plan_ctx *c, const struct plan_prob *p,
                        const struct plan_node *n, uint32_t j, double L,
                        struct airs__step *s)
{
	uint32_t ci = c->corder[n->c0 + j];
	const airs__course *co = &c->m->courses.v[ci];
	size_t at = n->mo + n->pick;

	memset(s, 0, sizeof *s);
	s->kind = AIRS_STEP_COURSE;
	s->intervention = AIRS_INTERVENTION_NONE;
	s->adkar = AIRS_ADKAR_KNOWLEDGE;
	s->skill = n->skill;
	s->course = ci;
	s->hours = co->hours;
	s->cost = co->cost;
	s->before = L;
	s->after = airs__plan_level(c->pv, co->format, co->hours, co->gain, L,
	                            co->hours);
	if (!(n->mask >> (j + 1)) && p->mp[at] > 0) {
		s->practice = p->mp[at];
		s->hours += s->practice;
		s->after = p->ml[at];
	}
	s->uplift = p->scale * n->v * (airs__plan_fit(s->after, n->q) -
	                               airs__plan_fit(L, n->q));
}

/* The course steps of node k, its chosen courses in order. */
static int node_steps(const struct plan_ctx *c, const struct plan_prob *p,
                      size_t k, airs_plan *pl, size_t *cap, const char *role)
{
	const struct plan_node *n = &p->nodes[k];
	const char *sname = c->m->skills.v[n->skill].name;
	double L = n->L0;
	uint32_t j;
	int rc = AIRS_OK;
	char pt[48];

	for (j = 0; j < n->nc && !rc; j++) {
		struct airs__step s;
		if (!(n->mask >> j & 1))
			continue;
		course_step(c, p, n, j, L, &s);
		if (n->q > 0 && L < n->q)
			s.reason = dupf(&pl->mem, "closes %.1f of the %.1f-level "
			                "gap in %s required for %s%s",
			                (s.after < n->q ? s.after : n->q) - L,
			                n->q - L, sname, role,
			                practice_text(pt, s.practice));
		else
			s.reason = prereq_reason(c, p, k, L, s.after, s.practice,
			                         &pl->mem);
		L = s.after;
		pl->hours += s.hours;
		pl->cost += s.cost;
		rc = push_step(pl, cap, &s);
	}
	return rc;
}

/* The course steps of the chosen options, prerequisites first and, among
 * the skills ready to be learnt, the largest uplift first. */
static int add_courses(const struct plan_ctx *c, struct plan_prob *p,
                       const size_t *choice, airs_plan *pl, size_t *cap,
                       const char *role)
{
	unsigned char *done;
	double *gain;
	size_t left;
	int rc = AIRS_OK;

	done = airs__calloc(&c->mem, p->nn + 1, 1);
	gain = airs__calloc(&c->mem, p->nn + 1, sizeof *gain);
	if (!done || !gain) {
		airs__free(&c->mem, done);
		airs__free(&c->mem, gain);
		return AIRS_ENOMEM;
	}
	chosen_masks(p, choice);
	left = node_gains(p, gain, done);
	while (left && !rc) {
		size_t best = next_node(c, p, gain, done);
		if (best == p->nn)
			break; /* cannot happen: prerequisites form no cycle */
		rc = node_steps(c, p, best, pl, cap, role);
		done[best] = 1;
		left--;
	}
	airs__free(&c->mem, done);
	airs__free(&c->mem, gain);
	return rc;
}

/* ------------------------------------------------------------------------
 * airs_plan_employee()
 * ---------------------------------------------------------------------- */

/* What making one personal plan holds; the plan (pl) is the output. */
struct emp_state {
	struct plan_ctx c;
	struct plan_prob p;
	airs_plan *pl;
	double H, C;               /* the budgets */
	const char *role;          /* the person's role, for reasons */
	size_t *choice;            /* the option per group, (size_t)-1 none */
	size_t cap;                /* of pl->steps */
	struct plan_inc *inc;      /* the hull increments, for time to target */
	size_t ninc, inccap;
	double left;               /* hours left for courses */
};

/* The plan, with what it keeps of the result. */
static airs_plan *plan_new(struct emp_state *st, size_t ri)
{
	const airs_result *r = st->c.r;
	airs_plan *pl = airs__calloc(&st->c.mem, 1, sizeof *pl);

	if (!pl)
		return NULL;
	pl->mem = st->c.mem;
	airs__model_retain(r->model);
	pl->model = r->model;
	pl->src.as_of = r->as_of;
	memcpy(pl->src.params_digest, r->params_digest,
	       sizeof pl->src.params_digest);
	pl->employee_id = r->model->emp_ids.str[r->s[ri].emp];
	pl->budget_hours = st->H;
	pl->budget_cost = st->C;
	return pl;
}

/* The missing skills in skill id order, and room for the choice per
 * group. */
static int plan_missing(struct emp_state *st)
{
	const struct plan_prob *p = &st->p;
	const uint32_t *rank = st->c.m->sorted[AIRS__S_SKILL].rank;
	airs_plan *pl = st->pl;
	size_t k, j;

	pl->nmissing = p->nmiss;
	pl->missing = airs__malloc(&st->c.mem, (p->nmiss + 1) *
	                                               sizeof *pl->missing);
	st->choice = airs__malloc(&st->c.mem, (p->ng + 1) * sizeof *st->choice);
	if (!pl->missing || !st->choice)
		return AIRS_ENOMEM;
	for (k = 0; k < p->nmiss; k++) {
		uint32_t x = p->missing[k];
		for (j = k; j > 0 && rank[pl->missing[j - 1]] > rank[x]; j--)
			pl->missing[j] = pl->missing[j - 1];
		pl->missing[j] = x;
	}
	return AIRS_OK;
}

/* The option per group within `left` hours: exact while the states
 * allow, else the approximation; the plan says which, and its bound. */
static int choose(struct emp_state *st, double left)
{
	int rc = solve_exact(&st->c, &st->p, left, st->C, st->choice);

	if (rc < 0)
		return rc;
	st->pl->exact = rc == 1 && !st->p.reduced;
	st->pl->bound = st->pl->exact ? 1 : st->p.reduced ? 0
	              : st->C > 0 ? 0 : 0.5;
	if (rc == 0)
		return solve_greedy(&st->c, &st->p, left, st->C, st->choice);
	return AIRS_OK;
}

/* The steps.  Interventions for a barrier before knowledge come first and
 * take their hours first; those after it follow the courses, but their
 * hours are set aside now so that they always fit too. */
static int plan_steps(struct emp_state *st, size_t ri)
{
	airs_plan *pl = st->pl;
	struct barrier b;
	double left = st->H, room;
	int rc;

	b.point = pl->barrier = airs__plan_barrier(&st->c, ri, &b.score,
	                                           &b.src);
	b.emp_unit = st->c.m->emps.v[st->c.r->s[ri].emp].unit;
	b.niv = airs__plan_interventions(b.point, b.iv);
	if (is_barrier_before_knowledge(b.point)) {
		if ((rc = add_interventions(&st->c, pl, &st->cap, &b, st->role,
		                            &left)))
			return rc;
	} else {
		double h = st->c.pv->plan_intervention_hours * (double)b.niv;
		left = h <= left + 1e-9 ? left - h : left;
		if (left < 0)
			left = 0;
	}
	st->left = left;
	if ((rc = choose(st, left)) ||
	    (rc = add_courses(&st->c, &st->p, st->choice, pl, &st->cap,
	                      st->role)))
		return rc;
	if (is_barrier_before_knowledge(b.point))
		return AIRS_OK;
	room = st->H - pl->hours;
	return add_interventions(&st->c, pl, &st->cap, &b, st->role, &room);
}

/* Readiness and level after the plan, and time to target. */
static int plan_project(struct emp_state *st, size_t ri)
{
	const airs__score *s = &st->c.r->s[ri];
	const struct plan_prob *p = &st->p;
	airs_plan *pl = st->pl;
	double uplift = 0;
	size_t k;
	int rc;

	for (k = 0; k < pl->nsteps; k++)
		uplift += pl->steps[k].uplift;
	pl->readiness = p->readiness;
	pl->projected = isnan(p->readiness) && !(uplift > 0) ? NAN
	              : p->base + uplift > 100 ? 100 : p->base + uplift;
	pl->level = s->level;
	pl->projected_level = airs__level_of(st->c.pv, pl->projected);
	pl->target = s->target;
	/* time to target takes the hull of every option, whatever the
	 * budget */
	st->p.mode = PLAN_HULL;
	if ((rc = airs__plan_options(&st->c, &st->p)) ||
	    (rc = airs__plan_hull(&st->c, p, 0, 0, &st->inc, &st->ninc,
	                          &st->inccap)))
		return rc;
	airs__plan_time_to_target(&st->c, p, st->inc, st->ninc, &pl->reachable,
	                          &pl->target_hours);
	pl->target_weeks = pl->target_hours / st->c.pv->plan_weekly_hours;
	return AIRS_OK;
}

/* Why the plan cannot do more, and whether a cap cut it. */
static int plan_why(struct emp_state *st)
{
	airs_plan *pl = st->pl;
	size_t k;
	int any = 0;

	for (k = 0; k < pl->nsteps; k++)
		any |= pl->steps[k].kind == AIRS_STEP_COURSE;
	pl->reduced = st->p.reduced;
	return airs__plan_why_not(&st->c, &st->p, any, st->H, st->left, st->C,
	                          &pl->why);
}

/* Employee ri's plan into st->pl, step by step. */
static int plan_make(struct emp_state *st, size_t ri)
{
	const airs_model *m = st->c.m;
	int rc;

	if (!(st->pl = plan_new(st, ri)))
		return AIRS_ENOMEM;
	st->role = m->roles.v[m->emps.v[st->c.r->s[ri].emp].role].name;
	st->p.mode = PLAN_PARETO;
	st->p.cap_h = st->H;
	st->p.cap_c = st->C;
	if ((rc = airs__plan_problem_build(&st->c, &st->p, ri)) ||
	    (rc = plan_missing(st)) || (rc = plan_steps(st, ri)) ||
	    (rc = plan_why(st)))
		return rc;
	return plan_project(st, ri);
}

int airs_plan_employee(const airs_result *r, size_t ri,
                       const airs_plan_options *opts, airs_plan **out,
                       airs_diag *diag)
{
	struct emp_state st;
	airs_plan_options o;
	int rc;

	if (out)
		*out = NULL;
	if ((rc = airs__plan_begin(r, out != NULL, opts, &o, diag, 0)))
		return rc;
	if (ri >= r->n)
		return airs__diag_fail(diag, AIRS_ENOTFOUND,
		                       "no employee at index %zu (the result "
		                       "has %zu)", ri, r->n);
	memset(&st, 0, sizeof st);
	st.H = o.budget_hours;
	st.C = o.budget_cost;
	if ((rc = airs__plan_ctx_init(&st.c, r)))
		return airs__diag_fail(diag, rc, "%s", airs__plan_why(rc));
	st.c.cost_limited = st.C > 0;
	rc = plan_make(&st, ri);
	airs__free(&st.c.mem, st.inc);
	airs__free(&st.c.mem, st.choice);
	airs__plan_problem_free(&st.p, &st.c.mem);
	airs__plan_ctx_free(&st.c);
	if (rc) {
		airs_plan_free(st.pl);
		return airs__diag_fail(diag, rc, "%s", airs__plan_why(rc));
	}
	*out = st.pl;
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * The plan, as its readers see it
 * ---------------------------------------------------------------------- */


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
	airs__free(&mem, plan->why);
	if (plan->model)
		airs__model_release((airs_model *)(uintptr_t)plan->model);
	airs__free(&mem, plan);
}

int airs_plan_info_get(const airs_plan *pl, airs_plan_info *out)
{
	airs_plan_info v = AIRS_PLAN_INFO_INIT, *o = &v;
	if (!pl || AIRS__OUT_CHECK(PLAN_INFO, out))
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
	o->why = pl->why;
	o->reduced = pl->reduced;
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

size_t airs_plan_step_count(const airs_plan *pl)
{
	return pl ? pl->nsteps : 0;
}

int airs_plan_get_step(const airs_plan *pl, size_t i, airs_plan_step *out)
{
	airs_plan_step v = AIRS_PLAN_STEP_INIT, *o = &v;
	const struct airs__step *s;

	if (!pl || AIRS__OUT_CHECK(PLAN_STEP, out))
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
	o->practice_hours = s->practice;
	o->adkar_source = s->kind == AIRS_STEP_INTERVENTION ? s->source
	                                                    : AIRS_ADKAR_SOURCE_PERSON;
	o->adkar_unit_id = s->kind == AIRS_STEP_INTERVENTION &&
	                   s->source != AIRS_ADKAR_SOURCE_PERSON &&
	                   s->source_unit != AIRS__NONE
	                           ? pl->model->unit_ids.str[s->source_unit]
	                           : NULL;
	AIRS__OUT(out, &v);
	return AIRS_OK;
}

const char *airs_plan_missing_skill(const airs_plan *pl, size_t i)
{
	if (!pl || i >= pl->nmissing)
		return NULL;
	return pl->model->skill_ids.str[pl->missing[i]];
}

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

#include "model.h"
#include "score.h"

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

static int is_barrier_before_knowledge(int b)
{
	return b == AIRS_ADKAR_AWARENESS || b == AIRS_ADKAR_DESIRE;
}

/* ------------------------------------------------------------------------
 * Personal plans
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
static int solve_exact(const struct plan_ctx *c, const struct plan_prob *p, double H,
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
		const struct plan_group *gr = &p->groups[g];
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
				const struct plan_option *o = &p->opts[gr->o0 + k];
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
			if (all[i].value > all[best].value + PLAN_EPS)
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
static int solve_greedy(const struct plan_ctx *c, const struct plan_prob *p, double H,
                        double C, size_t *choice)
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

static int add_interventions(const struct plan_ctx *c, airs_plan *pl, size_t *cap,
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
static int add_courses(const struct plan_ctx *c, const struct plan_prob *p,
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
		const struct plan_group *g = &p->groups[k];
		int j;
		if (choice[k] == (size_t)-1)
			continue;
		for (j = 0; j < g->nn; j++)
			p->nodes[p->gorder[g->n0 + j]].mask =
				p->masks[p->opts[choice[k]].m0 + (size_t)j];
	}
	for (k = 0; k < p->nn; k++) {
		struct plan_node *n = &p->nodes[k];
		uint32_t j;
		double L = n->L0;
		for (j = 0; j < n->nc; j++)
			if (n->mask >> j & 1) {
				const airs__course *co = &m->courses.v[c->corder[n->c0 + j]];
				L = airs__plan_level(c->pv, co->format, co->hours, co->gain,
				                     L, co->hours);
			}
		gain[k] = n->v * (airs__plan_fit(L, n->q) - airs__plan_fit(n->L0, n->q));
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
			if (best == p->nn || gain[k] > gain[best] + PLAN_EPS ||
			    (fabs(gain[k] - gain[best]) <= PLAN_EPS &&
			     m->sorted[AIRS__S_SKILL].rank[p->nodes[k].skill] <
			             m->sorted[AIRS__S_SKILL].rank[p->nodes[best].skill]))
				best = k;
		}
		if (best == p->nn)
			break; /* cannot happen: prerequisites form no cycle */
		{
			const struct plan_node *n = &p->nodes[best];
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
				           (airs__plan_fit(s.after, n->q) - airs__plan_fit(L, n->q));
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
	struct plan_ctx c;
	struct plan_prob p;
	airs_plan *pl;
	size_t *choice = NULL, cap = 0, k;
	struct plan_inc *inc = NULL;
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
		return airs__plan_fail(diag, AIRS_EINVAL, "result and out must not be NULL");
	if ((rc = airs__plan_check_opts(opts, diag, 0)))
		return rc;
	if (ri >= r->n)
		return airs__plan_fail(diag, AIRS_ENOTFOUND, "no employee at index %zu (the "
		            "result has %zu)", ri, r->n);
	if (opts) {
		H = opts->budget_hours;
		C = opts->budget_cost;
	}
	if ((rc = airs__plan_ctx_init(&c, r)))
		return airs__plan_fail(diag, rc, "out of memory");
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

	if ((rc = airs__plan_problem_build(&c, &p, ri)))
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

	pl->barrier = airs__plan_barrier(&c, ri, &score, &unit);
	niv = airs__plan_interventions(pl->barrier, iv);
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
	pl->projected_level = airs__level_of(c.pv, pl->projected);
	pl->target = r->s[ri].target;
	if ((rc = airs__plan_hull(&c, &p, 0, 0, &inc, &ninc, &inccap)))
		goto done;
	airs__plan_time_to_target(&c, &p, inc, ninc, &pl->reachable, &pl->target_hours);
	pl->target_weeks = pl->target_hours / c.pv->plan_weekly_hours;
	rc = AIRS_OK;
done:
	airs__free(&c.mem, inc);
	airs__free(&c.mem, choice);
	airs__plan_problem_free(&p, &c.mem);
	airs__plan_ctx_free(&c);
	if (rc) {
		airs_plan_free(pl);
		return airs__plan_fail(diag, rc, "out of memory");
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

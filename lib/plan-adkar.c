/*
 * plan-adkar.c - the ADKAR elements a plan's change interventions rest on
 * (methodology 8.4), from what the rollup publishes.
 *
 * When individual answers are withheld, Awareness, Desire and
 * Reinforcement come from the person's unit.  Complementary suppression
 * hides a unit's total construct mean more often than its staff mean (on
 * the bundled sample, 16 of 20 units' totals), so each element is taken
 * from the unit ADKAR profile the rollup publishes (methodology 4.6:
 * the unit's total, else its staff mean, else its leaders' mean), else
 * from the nearest ancestor unit's.  Every figure read here is one the
 * rollup publishes; nothing is recomputed from answers.
 */
#include "plan-problem.h"

#include <math.h>
#include <string.h>

#include "airs/rollup.h"
#include "model.h"
#include "score-employee.h"

/* The survey-based elements: Awareness, Desire, Reinforcement
 * (section 3.8), as the plan context keeps them. */
static const int elem[3] = { AIRS_ADKAR_AWARENESS, AIRS_ADKAR_DESIRE,
                             AIRS_ADKAR_REINFORCEMENT };

/* Model unit i's own elements (not its ancestors'): the unit ADKAR
 * profile the rollup publishes (methodology 4.6), whose survey elements
 * come from the first source that publishes them. */
static void own_profile(struct plan_ctx *c, size_t i)
{
	const airs_result *r = c->r;
	airs_unit_adkar a = AIRS_UNIT_ADKAR_INIT;
	size_t ui, e;

	if (airs_rollup_find_unit(r->rollup, c->m->unit_ids.str[i], &ui) ||
	    airs_rollup_adkar(r->rollup, ui, &a))
		return;
	for (e = 0; e < 3; e++) {
		if (isnan(a.element[elem[e]]))
			continue;
		c->unit_adkar[3 * i + e] = a.element[elem[e]];
		c->unit_src[3 * i + e] = (unsigned char)a.source[elem[e]];
		c->unit_from[3 * i + e] = (uint32_t)i;
	}
}

/* Element e of every unit without its own from the nearest ancestor
 * with one: each unit is resolved once, by the walk that reaches it
 * (linear in the units, however deep the tree). */
static void inherit(struct plan_ctx *c, size_t e, unsigned char *done,
                    uint32_t *path)
{
	const airs_model *m = c->m;
	size_t i, n, k;

	memset(done, 0, m->units.n);
	for (i = 0; i < m->units.n; i++) {
		uint32_t u = (uint32_t)i;
		for (n = 0; u != AIRS__NONE && !done[u] &&
		            !c->unit_src[3 * u + e];
		     u = m->units.v[u].parent)
			path[n++] = u;
		for (k = 0; k < n; k++) {
			uint32_t v = path[k];
			done[v] = 1;
			if (u == AIRS__NONE || !c->unit_src[3 * u + e])
				continue;
			c->unit_adkar[3 * v + e] = c->unit_adkar[3 * u + e];
			c->unit_src[3 * v + e] = c->unit_src[3 * u + e];
			c->unit_from[3 * v + e] = c->unit_from[3 * u + e];
		}
		if (u != AIRS__NONE)
			done[u] = 1;
	}
}

int airs__plan_unit_profiles(struct plan_ctx *c)
{
	size_t nu = c->m->units.n, i, e;
	unsigned char *done = airs__malloc(&c->mem, nu + 1);
	uint32_t *path = airs__malloc(&c->mem, (nu + 1) * sizeof *path);

	if (!done || !path) {
		airs__free(&c->mem, done);
		airs__free(&c->mem, path);
		return AIRS_ENOMEM;
	}
	for (i = 0; i < nu; i++)
		own_profile(c, i);
	for (e = 0; e < 3; e++)
		inherit(c, e, done, path);
	airs__free(&c->mem, done);
	airs__free(&c->mem, path);
	return AIRS_OK;
}

/* The barrier point used for interventions and its score: the person's
 * own profile, with Awareness, Desire and Reinforcement from the unit's
 * published profile when individual answers are withheld. */
int airs__plan_barrier(const struct plan_ctx *c, size_t ri, double *score,
                       struct airs__adkar_src *src)
{
	airs_employee_score es = AIRS_EMPLOYEE_SCORE_INIT;
	uint32_t u = c->m->emps.v[c->r->s[ri].emp].unit;
	double a[5];
	int k, e;

	airs_result_employee(c->r, ri, &es);
	memcpy(a, es.adkar, sizeof a);
	src->source = AIRS_ADKAR_SOURCE_PERSON;
	src->unit = AIRS__NONE;
	if (!c->r->construct)
		for (e = 0; e < 3; e++)
			a[elem[e]] = c->unit_adkar[3 * u + e];
	k = airs__adkar_barrier(a, c->pv);
	if (k >= AIRS_ADKAR_COUNT_) {
		*score = NAN;
		return k;
	}
	*score = a[k];
	for (e = 0; e < 3 && !c->r->construct; e++)
		if (elem[e] == k) {
			src->source = c->unit_src[3 * u + e];
			src->unit = c->unit_from[3 * u + e];
		}
	return k;
}

/*
 * plan-adkar.c - the ADKAR elements a plan's change interventions rest on
 * (methodology 8.4), from what the rollup publishes.
 *
 * When individual answers are withheld, Awareness, Desire and
 * Reinforcement come from the person's unit.  Complementary suppression
 * hides a unit's total construct mean more often than its staff mean (on
 * the bundled sample, 16 of 20 units' totals), so each element is taken
 * from the first figure that is published with at least
 * anonymity.min_group answers: the unit's total, else its staff mean,
 * else its leaders' mean, else the same of the nearest ancestor unit that
 * has one.  Every figure read here is one the rollup publishes; nothing
 * is recomputed from answers.
 */
#include "plan-problem.h"

#include <math.h>
#include <string.h>

#include "airs/rollup.h"
#include "model.h"
#include "score-employee.h"

/* The figure of construct cs by source (AIRS_ADKAR_SOURCE_UNIT, _STAFF,
 * _LEADERS), NaN when it is suppressed or rests on fewer than min_group
 * answers (the rollup suppresses those; checked here as well, so that a
 * plan never rests on fewer). */
static double figure(const airs_construct_score *cs, int source,
                     int min_group)
{
	uint64_t n = source == AIRS_ADKAR_SOURCE_UNIT  ? cs->respondents
	           : source == AIRS_ADKAR_SOURCE_STAFF ? cs->staff
	                                               : cs->leaders;
	double x = source == AIRS_ADKAR_SOURCE_UNIT  ? cs->mean
	         : source == AIRS_ADKAR_SOURCE_STAFF ? cs->staff_mean
	                                             : cs->leaders_mean;

	return n == AIRS_SUPPRESSED || n < (uint64_t)min_group ? NAN : x;
}

/* Mean of constructs lo..hi's figures by source in rollup unit ui, over
 * those published; NaN when none is. */
static double construct_mean(const airs_rollup *ru, size_t ui, int lo,
                             int hi, int source, int min_group)
{
	double sum = 0;
	int n = 0, k;

	for (k = lo; k <= hi; k++) {
		airs_construct_score cs = AIRS_CONSTRUCT_SCORE_INIT;
		double x;
		if (airs_rollup_construct(ru, ui, k, &cs) != AIRS_OK)
			continue;
		x = figure(&cs, source, min_group);
		if (!isnan(x)) {
			sum += x;
			n++;
		}
	}
	return n ? sum / n : NAN;
}

/* The constructs of the survey-based elements: Awareness, Desire,
 * Reinforcement (section 3.8). */
static const int elem_lo[3] = { AIRS_CONSTRUCT_CLARITY,
                                AIRS_CONSTRUCT_USEFULNESS,
                                AIRS_CONSTRUCT_SUPPORT };
static const int elem_hi[3] = { AIRS_CONSTRUCT_CLARITY,
                                AIRS_CONSTRUCT_SECURITY,
                                AIRS_CONSTRUCT_VOICE };

/* Model unit i's own elements (not its ancestors'), by the first source
 * that publishes them. */
static void own_profile(struct plan_ctx *c, size_t i)
{
	const airs_result *r = c->r;
	size_t ui, e;
	int src;

	if (airs_rollup_find_unit(r->rollup, c->m->unit_ids.str[i], &ui))
		return;
	for (e = 0; e < 3; e++)
		for (src = AIRS_ADKAR_SOURCE_UNIT;
		     src <= AIRS_ADKAR_SOURCE_LEADERS; src++) {
			double x = construct_mean(r->rollup, ui, elem_lo[e],
			                          elem_hi[e], src,
			                          r->pv.min_group);
			if (isnan(x))
				continue;
			c->unit_adkar[3 * i + e] = 1 + 4 * x;
			c->unit_src[3 * i + e] = (unsigned char)src;
			c->unit_from[3 * i + e] = (uint32_t)i;
			break;
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
	static const int elem[3] = { AIRS_ADKAR_AWARENESS, AIRS_ADKAR_DESIRE,
	                             AIRS_ADKAR_REINFORCEMENT };
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

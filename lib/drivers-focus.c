/*
 * drivers-focus.c - focus areas per unit (methodology 10.7): the
 * attitude drivers on which a unit stands apart from the rest of the
 * organisation, weighed by their importance in the nearest analysed
 * group, classified into opportunities and strengths, each with the
 * change intervention that addresses it.
 *
 * Everything here is made from published figures: the driver weights of
 * analysed groups and the construct totals the rollup shows (the rest
 * of the organisation is the organisation's total less the unit's).
 * Pure arithmetic in a fixed order, so the areas are the same bits on
 * any number of threads.
 */
#include <math.h>
#include <string.h>

#include "airs/plan.h"
#include "drivers-impl.h"
#include "rollup.h"
#include "stats.h"

/* The change intervention for an attitude driver (methodology 8.4's
 * elements: clarity is Awareness, usefulness and trust Desire, security
 * the fears of Desire, support and voice Reinforcement). */
static int intervention_of(int driver)
{
	switch (driver) {
	case AIRS_DRIVER_CLARITY: return AIRS_INTERVENTION_BRIEFING;
	case AIRS_DRIVER_USEFULNESS:
	case AIRS_DRIVER_TRUST: return AIRS_INTERVENTION_DEMONSTRATION;
	case AIRS_DRIVER_SECURITY: return AIRS_INTERVENTION_SECURITY_TALK;
	default: return AIRS_INTERVENTION_CHECK_IN; /* support, voice */
	}
}

/* The nearest analysed group containing group g: itself, an ancestor,
 * or the organisation (nu); nu + 1 when there is none. */
static size_t importance_group(const airs_drivers *d, const uint32_t *parent,
                               size_t g)
{
	while (g < d->nu && d->g[g].status != AIRS_DRIVERS_ANALYSED)
		g = parent[g];
	return d->g[g].status == AIRS_DRIVERS_ANALYSED ? g : d->nu + 1;
}

/* Why no driver of unit g could be compared (4: it could). */
struct tally {
	int compared, hidden, small;
};

/* Driver j of unit g against the rest, weighed in group a; 0 when it
 * cannot be compared (tallied why). */
static int compare(const airs_drivers *d, const airs_rollup *ru, size_t g,
                   size_t a, size_t j, airs_focus_area *f, struct tally *t)
{
	uint64_t fu, iu, ru_n, fo, io, ro;
	int c = d->driver[j];
	double p1, p2, r2 = d->g[a].fit.r2;

	if (!airs__rollup_favourable(ru, g, c, &fu, &iu, &ru_n) ||
	    !airs__rollup_favourable(ru, AIRS_ROLLUP_ORG, c, &fo, &io, &ro)) {
		t->hidden++;
		return 0;
	}
	if (!ru_n || !iu || !(r2 > 0))
		return 0;
	if (ro - ru_n < (uint64_t)d->min_group || io == iu) {
		t->small++;
		return 0;
	}
	memset(f, 0, sizeof *f);
	f->size = sizeof *f;
	f->driver = c;
	f->importance_unit_id = a < d->nu ? d->uid[a] : NULL;
	f->importance = d->g[a].fit.raw[j] / r2;
	p1 = (double)fu / (double)iu;
	p2 = (double)(fo - fu) / (double)(io - iu);
	f->favourable = p1, f->rest_favourable = p2;
	f->difference = p1 - p2;
	f->respondents = ru_n, f->rest_respondents = ro - ru_n;
	/* respondents, not items, as 4.3 counts a share's people */
	airs__newcombe(p1 * (double)ru_n, (double)ru_n, p2 * (double)(ro - ru_n),
	               (double)(ro - ru_n), AIRS__Z95, &f->difference_ci.low,
	               &f->difference_ci.high);
	f->priority = f->importance * f->difference;
	f->clear = f->difference_ci.low > 0 || f->difference_ci.high < 0;
	f->intervention = intervention_of(c);
	f->kind = f->difference < 0 ? AIRS_FOCUS_OPPORTUNITY : AIRS_FOCUS_STRENGTH;
	t->compared++;
	return f->difference != 0;
}

/* Does x come before y among areas of one kind: larger |priority|
 * first, ties in driver order. */
static int before(const airs_focus_area *x, const airs_focus_area *y)
{
	double px = fabs(x->priority), py = fabs(y->priority);

	return px > py || (px == py && x->driver < y->driver);
}

/* The top AIRS_FOCUS_TOP of kind among the n candidates c, ranked, into
 * out; how many. */
static unsigned pick(const airs_focus_area *c, size_t n, int kind,
                     airs_focus_area *out)
{
	unsigned m = 0;
	unsigned char used[AIRS_DRIVER_COUNT_] = { 0 };

	while (m < AIRS_FOCUS_TOP) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (c[i].kind == kind && !used[i] &&
			    (best == n || before(&c[i], &c[best])))
				best = i;
		if (best == n)
			break;
		used[best] = 1;
		memcpy(&out[m], &c[best], sizeof out[m]); /* padding too */
		out[m].rank = (int)m + 1;
		m++;
	}
	return m;
}

/* The focus areas of group g (nu: the organisation). */
static void focus_of(airs_drivers *d, const airs_rollup *ru,
                     const uint32_t *parent, size_t g)
{
	airs__dfocus *fo = &d->focus[g];
	airs_focus_area cand[AIRS_DRIVER_COUNT_];
	struct tally t = { 0, 0, 0 };
	size_t a = importance_group(d, parent, g), n = 0;

	memset(fo, 0, sizeof *fo);
	if (a > d->nu) {
		fo->status = AIRS_FOCUS_NO_ANALYSIS;
		return;
	}
	if (g == d->nu) {
		fo->status = AIRS_FOCUS_NO_REST;
		return;
	}
	for (size_t j = 0; j < d->k; j++)
		if (d->driver[j] <= AIRS_DRIVER_VOICE &&
		    compare(d, ru, g, a, j, &cand[n], &t))
			n++;
	fo->status = t.compared ? AIRS_FOCUS_LISTED
	             : t.hidden ? AIRS_FOCUS_HIDDEN
	             : t.small  ? AIRS_FOCUS_NO_REST
	                        : AIRS_FOCUS_LISTED;
	fo->n = pick(cand, n, AIRS_FOCUS_OPPORTUNITY, fo->a);
	fo->n += pick(cand, n, AIRS_FOCUS_STRENGTH, fo->a + fo->n);
}

void airs__drivers_focus_all(airs_drivers *d, const airs_rollup *ru,
                             const uint32_t *parent)
{
	for (size_t g = 0; g <= d->nu; g++)
		focus_of(d, ru, parent, g);
}

/*
 * tool-publish.c - methodology 9.2-9.4: a row of the tools table as
 * readers see it, made from its group's sums and the anonymity decisions
 * on every read (tool-impl.h).
 *
 * Shown together: a row's usage figures are its usage family's
 * (users, shares, habitual, lapsed, new users, medians); its benefit is
 * its benefit family's and is shown only where its usage is too (the
 * benefit's interval is about the row's users).  The activity share
 * divides by the all-tools row's active days, so it needs that row
 * shown too.
 */
#include "tool-impl.h"

#include <math.h>

#include "quantum.h"
#include "stats.h"
#include "sumsq.h"

static const airs_interval NO_CI = { NAN, NAN };

static double ratio(uint64_t a, uint64_t n)
{
	return n ? (double)a / (double)n : NAN;
}

static airs_interval wilson(uint64_t x, uint64_t n)
{
	airs_interval v;

	airs__wilson((double)x, (double)n, AIRS__Z95, &v.low, &v.high);
	return v;
}

static void identify(const airs_tools *t, size_t g, uint32_t x,
                     airs_tool_row *o)
{
	const airs__tool_tree *tr = &t->tree;
	const airs__tool *reg = x < t->ntools ? airs__tool_at(t->m, x) : NULL;

	o->scope = g < tr->nu ? AIRS_TOOL_SCOPE_UNIT
	           : g == tr->nu ? AIRS_TOOL_SCOPE_ORGANISATION
	                         : AIRS_TOOL_SCOPE_ROLE;
	o->unit_id = g < tr->nu ? t->m->unit_ids.str[tr->unit_at[g]] : NULL;
	o->role_id = g > tr->nu ? t->m->role_ids.str[tr->role_at[g - tr->nu - 1]]
	                        : NULL;
	o->kind = x < t->ntools ? AIRS_TOOL_KIND_TOOL
	          : x == AIRS__TOOL_X_ALL(t->ntools) ? AIRS_TOOL_KIND_ALL
	                                             : AIRS_TOOL_KIND_UNSANCTIONED;
	o->tool_id = x < t->ntools ? t->m->usages.tool_ids.str[x] : NULL;
	o->registered = reg != NULL;
	if (o->kind == AIRS_TOOL_KIND_TOOL)
		o->sanctioned = reg ? !reg->unsanctioned : t->registry ? 0 : -1;
	else
		o->sanctioned = o->kind == AIRS_TOOL_KIND_ALL ? -1 : 0;
	o->headcount = t->headcount[g];
}

static void usage(const airs_tools *t, size_t g, const airs__tool_fig *f,
                  airs_tool_row *o)
{
	const airs__tool_fig *all = TOOL_FIG(t, g, AIRS__TOOL_X_ALL(t->ntools));

	o->users = f->users;
	o->active_share = ratio(f->users, o->headcount);
	o->active_share_ci = wilson(f->users, o->headcount);
	o->habitual = f->habitual;
	o->habitual_share = ratio(f->habitual, f->users);
	o->habitual_share_ci = wilson(f->habitual, f->users);
	if (t->lapse_known) {
		o->lapsed = f->lapsed;
		o->lapsed_share = ratio(f->lapsed, f->users);
		o->lapsed_share_ci = wilson(f->lapsed, f->users);
		o->new_users = f->fresh;
	}
	o->active_days = f->days;
	if (TOOL_VIS(t, g, AIRS__TOOL_X_ALL(t->ntools), 0))
		o->activity_share = ratio(f->days, all->days);
	o->active_days_median = f->days_median;
	o->first_use_months_median = f->wait_median;
}

static void benefit(const airs__tool_fig *f, airs_tool_row *o)
{
	double var, lo, hi;

	o->benefit_respondents = f->bn;
	if (!f->bn)
		return;
	o->benefit = airs__qmean(f->bsum, f->bn);
	var = airs__sq_variance(f->bsq, f->bsum, f->bn) / (AIRS__Q * AIRS__Q);
	airs__mean_interval(o->benefit, var, f->bn, f->users, &lo, &hi);
	o->benefit_ci.low = lo < 0 ? 0 : lo;   /* NaN stays NaN */
	o->benefit_ci.high = hi > 1 ? 1 : hi;
}

void airs__tools_publish(const airs_tools *t, size_t g, uint32_t x,
                         airs_tool_row *o)
{
	const airs__tool_fig *f = TOOL_FIG(t, g, x);
	int shown = TOOL_VIS(t, g, x, 0);

	identify(t, g, x, o);
	o->users = o->habitual = o->lapsed = o->new_users = o->active_days =
	        AIRS_SUPPRESSED;
	o->active_share = o->habitual_share = o->lapsed_share = NAN;
	o->activity_share = o->active_days_median = NAN;
	o->first_use_months_median = o->benefit = NAN;
	o->active_share_ci = o->habitual_share_ci = o->lapsed_share_ci = NO_CI;
	o->benefit_ci = NO_CI;
	o->benefit_respondents = x < t->ntools ? AIRS_SUPPRESSED : 0;
	if (!t->lapse_known)
		o->lapsed = o->new_users = 0;
	if (shown)
		usage(t, g, f, o);
	if (shown && x < t->ntools && TOOL_VIS(t, g, x, 1))
		benefit(f, o);
	o->signals = t->signals[g * t->nx + x];
}

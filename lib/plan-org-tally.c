/*
 * plan-org-tally.c - the organisation plan's expected effect per group
 * (methodology 8.5): sums, shares and weeks to target.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include "plan-org-impl.h"

#include <math.h>
#include <string.h>

#include "rollup.h"
#include "sort.h"

/* The sums behind the groups' means and shares, and the weeks to target
 * of the members below it.  Each employee is tallied in their own group
 * (the nearest unit of the tree above or at theirs, else the
 * organisation) and the groups are then added up the tree, deepest
 * first: linear in the employees and units however deep the tree.  The
 * weeks lie by own group in tree order (the organisation's own last), so
 * a unit's subtree's are the slice weeks[off[g] .. off[end[g]]). */
struct tally {
	size_t *cnt, *off, *fill;  /* ng + 1 */
	uint32_t *up, *end;        /* ng: parent group; subtree end */
	double *sumR, *sumP, *gap;
	uint64_t *below, *pbelow;
	int64_t *weeks;            /* non-negative doubles as their bits,
	                              which order as the numbers do */
};

static int tally_new(struct org_state *st, struct tally *t, size_t ng)
{
	const airs__mem *mem = &st->c.mem;

	memset(t, 0, sizeof *t);
	t->cnt = airs__calloc(mem, ng + 1, sizeof *t->cnt);
	t->off = airs__calloc(mem, ng + 1, sizeof *t->off);
	t->fill = airs__calloc(mem, ng + 1, sizeof *t->fill);
	t->up = airs__calloc(mem, ng, sizeof *t->up);
	t->end = airs__calloc(mem, ng, sizeof *t->end);
	t->sumR = airs__calloc(mem, ng, sizeof *t->sumR);
	t->sumP = airs__calloc(mem, ng, sizeof *t->sumP);
	t->gap = airs__calloc(mem, ng, sizeof *t->gap);
	t->below = airs__calloc(mem, ng, sizeof *t->below);
	t->pbelow = airs__calloc(mem, ng, sizeof *t->pbelow);
	return !t->cnt || !t->off || !t->fill || !t->up || !t->end ||
	       !t->sumR || !t->sumP || !t->gap || !t->below || !t->pbelow
	       ? AIRS_ENOMEM : AIRS_OK;
}

static void tally_free(struct org_state *st, struct tally *t)
{
	const airs__mem *mem = &st->c.mem;

	airs__free(mem, t->cnt);
	airs__free(mem, t->off);
	airs__free(mem, t->fill);
	airs__free(mem, t->up);
	airs__free(mem, t->end);
	airs__free(mem, t->sumR);
	airs__free(mem, t->sumP);
	airs__free(mem, t->gap);
	airs__free(mem, t->below);
	airs__free(mem, t->pbelow);
	airs__free(mem, t->weeks);
}

/* Each group's parent group and the end of its subtree in tree order. */
static void tally_shape(struct org_state *st, struct tally *t)
{
	size_t nu = st->o->nu, g;

	for (g = 0; g < nu; g++) {
		t->up[g] = st->gup[g];
		t->end[g] = (uint32_t)g + 1;
	}
	for (g = nu; g-- > 0;)
		if (t->up[g] < nu && t->end[t->up[g]] < t->end[g])
			t->end[t->up[g]] = t->end[g];
}

/* Employee i, projected at level plvl, as a member of group gi. */
static void tally_member(struct org_state *st, struct tally *t, size_t gi,
                         size_t i, int plvl, int below_t)
{
	const struct airs__alloc *a = &st->o->a[i];
	const airs__score *s = &st->r->s[i];
	airs_plan_group *G = &st->o->groups[gi];

	G->headcount++;
	if (a->courses)
		G->planned++;
	G->hours += a->hours;
	G->cost += a->cost;
	G->levels[s->level]++;
	G->projected_levels[plvl]++;
	G->reduced += a->reduced != 0;
	if (!isnan(a->readiness) && !isnan(a->projected)) {
		G->scored++;
		t->sumR[gi] += a->readiness;
		t->sumP[gi] += a->projected;
	}
	if (s->level && s->target) {
		G->with_target++;
		t->gap[gi] += s->target - plvl;
		if (s->level < s->target)
			t->below[gi]++;
		if (plvl < s->target)
			t->pbelow[gi]++;
	}
	if (below_t) {
		double w = a->reachable ? a->weeks : INFINITY;
		memcpy(&t->weeks[t->off[gi] + t->fill[gi]++], &w, sizeof w);
		if (!a->reachable)
			G->unreachable++;
	}
}

/* Employee i in their own group: pass 0 counts the members below
 * target, pass 1 adds them up. */
static void tally_employee(struct org_state *st, struct tally *t, size_t i,
                           int pass)
{
	const airs__score *s = &st->r->s[i];
	/* no level without evidence (methodology 1.1) */
	int plvl = s->level ? airs__level_of(st->c.pv, st->o->a[i].projected)
	                    : 0;
	int below_t = s->level && s->target && s->level < s->target;
	uint32_t g = st->ugroup[st->m->emps.v[s->emp].unit];

	if (pass == 1)
		tally_member(st, t, g, i, plvl, below_t);
	else if (below_t)
		t->cnt[g]++;
}

/* Room for the weeks of the members below target, by own group. */
static int tally_weeks(struct org_state *st, struct tally *t, size_t ng)
{
	size_t tot = 0, i;

	for (i = 0; i < ng; i++) {
		t->off[i] = tot;
		tot += t->cnt[i];
	}
	t->off[ng] = tot;
	t->weeks = airs__malloc(&st->c.mem, (tot + 1) * sizeof *t->weeks);
	return t->weeks ? AIRS_OK : AIRS_ENOMEM;
}

/* Group g's counts and sums into its parent group's. */
static void tally_up(struct org_state *st, struct tally *t, size_t g)
{
	const airs_plan_group *G = &st->o->groups[g];
	airs_plan_group *P = &st->o->groups[t->up[g]];
	size_t p = t->up[g], l;

	P->headcount += G->headcount;
	P->planned += G->planned;
	P->hours += G->hours;
	P->cost += G->cost;
	P->scored += G->scored;
	P->with_target += G->with_target;
	P->unreachable += G->unreachable;
	P->reduced += G->reduced;
	for (l = 0; l < 6; l++) {
		P->levels[l] += G->levels[l];
		P->projected_levels[l] += G->projected_levels[l];
	}
	t->sumR[p] += t->sumR[g];
	t->sumP[p] += t->sumP[g];
	t->gap[p] += t->gap[g];
	t->below[p] += t->below[g];
	t->pbelow[p] += t->pbelow[g];
}

static double week_at(const int64_t *v, size_t k)
{
	double w;

	memcpy(&w, &v[k], sizeof w);
	return w;
}

/* The longest and the median of the weeks w[0 .. n), selected in place. */
static void weeks_stats(int64_t *w, size_t n, double *max, double *median)
{
	size_t k;
	int64_t lo, hi;

	*max = *median = NAN;
	if (!n)
		return;
	airs__select_kth(w, n, n / 2);
	for (hi = w[n / 2], k = n / 2 + 1; k < n; k++)
		hi = w[k] > hi ? w[k] : hi;
	*max = week_at(&hi, 0);
	if (n % 2) {
		*median = week_at(w, n / 2);
		return;
	}
	for (lo = w[0], k = 1; k < n / 2; k++)
		lo = w[k] > lo ? w[k] : lo;
	*median = (week_at(&lo, 0) + week_at(w, n / 2)) / 2;
}

/* Group i's means, shares and weeks to target from its sums; a unit's
 * weeks are its subtree's slice. */
static void group_finish(struct org_state *st, const struct tally *t,
                         size_t i)
{
	const airs_org_plan *o = st->o;
	airs_plan_group *G = &st->o->groups[i];
	size_t lo = i < o->nu ? t->off[i] : 0,
	       hi = i < o->nu ? t->off[t->end[i]] : t->off[o->nu + 1];

	G->size = sizeof *G;
	G->unit_id = i < o->nu && o->unit[i] != AIRS__NONE
	                     ? st->m->unit_ids.str[o->unit[i]] : NULL;
	G->readiness_mean = G->scored ? t->sumR[i] / (double)G->scored : NAN;
	G->projected_mean = G->scored ? t->sumP[i] / (double)G->scored : NAN;
	G->gap_mean = G->with_target ? t->gap[i] / (double)G->with_target
	                             : NAN;
	G->below_target_share = G->with_target
	        ? (double)t->below[i] / (double)G->with_target : NAN;
	G->projected_below_target_share = G->with_target
	        ? (double)t->pbelow[i] / (double)G->with_target : NAN;
	weeks_stats(t->weeks + lo, hi - lo, &G->weeks_max, &G->weeks_median);
}

/* Groups: every unit's subtree and the organisation.  Selections run
 * deepest first and the organisation last: one permutes only its
 * subtree's slice, whose descendants are done. */
int airs__org_tally(struct org_state *st)
{
	size_t nu = st->o->nu, ng = nu + 1, i;
	struct tally t;
	int rc = tally_new(st, &t, ng), pass;

	if (!rc)
		tally_shape(st, &t);
	for (pass = 0; !rc && pass < 2; pass++) {
		for (i = 0; i < st->o->n; i++)
			tally_employee(st, &t, i, pass);
		if (pass == 0)
			rc = tally_weeks(st, &t, ng);
	}
	for (i = nu; !rc && i-- > 0;)
		tally_up(st, &t, i);
	for (i = nu; !rc && i-- > 0;)
		group_finish(st, &t, i);
	if (!rc)
		group_finish(st, &t, nu);
	tally_free(st, &t);
	return rc;
}

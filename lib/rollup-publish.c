/*
 * rollup-publish.c - what a unit or construct of a finalised rollup
 * publishes (methodology 4 and 4.3): means, shares and their 95%
 * intervals made from the subtree totals, and hidden where the
 * suppression decisions say.  Nothing is stored: the scores are made on
 * every read.
 */
#include "rollup-impl.h"

#include <math.h>
#include <string.h>

#include "score-employee.h"
#include "stats.h"

static double share(uint64_t a, uint64_t n)
{
	return n ? (double)a / (double)n : NAN;
}

static const airs_interval NO_CI = { NAN, NAN };

/* A mean of n quantised values of a population of N, from their exact
 * sum and sum of squares. */
static airs__sample qsample(int64_t sum, const uint64_t sq[AIRS__SQ_LIMBS],
                            uint64_t n, uint64_t N)
{
	airs__sample s;

	s.mean = airs__qmean(sum, n);
	s.var = airs__sq_variance(sq, sum, n) / (AIRS__Q * AIRS__Q);
	s.n = n;
	s.N = N;
	return s;
}

/* An interval kept within the values' range [min, max]: a t interval can
 * reach past what any value could be. */
static airs_interval clip(double lo, double hi, double min, double max)
{
	airs_interval v;

	v.low = lo < min ? min : lo; /* NaN stays NaN */
	v.high = hi > max ? max : hi;
	return v;
}

static airs_interval mean_ci(airs__sample s, double min, double max)
{
	double lo, hi;

	airs__mean_interval(s.mean, s.var, s.n, s.N, &lo, &hi);
	return clip(lo, hi, min, max);
}

static airs_interval share_ci(double x, uint64_t n)
{
	airs_interval v;

	airs__wilson(x, (double)n, AIRS__Z95, &v.low, &v.high);
	return v;
}

/* Is group g (unit or nu for the organisation; kind G_*) of family fam
 * visible?  A group with no respondents is visible only where publishing
 * its 0 is safe (suppress.c): whether people answered is protected as
 * well as what they answered. */
static int shown(const airs_rollup *r, const unsigned char *vis, int fam,
                 size_t g, int kind)
{
	return vis[(size_t)fam * 3 * (r->nu + 1) + g * 3 + (size_t)kind];
}

/* The intervals of p's figures from the totals t; NaN where p hides the
 * figure. */
static void unit_intervals(const acc *t, airs_unit_score *p)
{
	uint64_t gsq[AIRS__SQ_LIMBS] = { t->gap_sq, 0, 0 };
	airs__sample gap;
	size_t b;

	p->readiness_ci = mean_ci(qsample(t->ready_sum, t->ready_sq, t->scored,
	                                  t->headcount),
	                          0, 100);
	gap.mean = p->gap_mean;
	gap.var = airs__sq_variance(gsq, t->gap_sum, t->with_target);
	gap.n = t->with_target;
	gap.N = t->headcount;
	p->gap_ci = mean_ci(gap, -4, 4);
	p->below_target_ci = share_ci((double)t->below, t->with_target);
	p->time_saved_ci = isnan(p->time_saved)
	                           ? NO_CI
	                           : mean_ci(qsample(t->ts_sum, t->ts_sq,
	                                             t->ts_n, t->headcount),
	                                     -INFINITY, INFINITY);
	p->response_rate_ci = p->respondents == AIRS_SUPPRESSED
	                              ? NO_CI
	                              : share_ci((double)t->resp, t->headcount);
	for (b = 0; b < NF; b++)
		p->flag_rate_ci[b] = p->flags[b] == AIRS_SUPPRESSED
		                             ? NO_CI
		                             : share_ci((double)t->flags[b],
		                                        t->headcount);
}

/* The published scores of unit g (the organisation when g == nu) of a
 * finalised rollup, from its totals and the suppression decisions. */
void airs__rollup_publish_unit(const airs_rollup *r, size_t g,
                               airs_unit_score *p)
{
	acc buf;
	const acc *t = airs__rollup_tot(r, g, &buf);
	size_t b;
	int org = g == r->nu;

	p->size = sizeof *p;
	p->id = org ? NULL : r->uid[g];
	p->name = org ? "Organisation" : r->uname[g];
	p->parent_id = org || r->parent[g] == AIRS__NONE ? NULL
	                                                  : r->uid[r->parent[g]];
	p->depth = org ? 0 : (int)r->depth[g];
	p->headcount = t->headcount;
	p->scored = t->scored;
	p->insufficient = t->insufficient;
	p->readiness_mean = airs__qmean(t->ready_sum, t->scored);
	p->readiness_median = r->median[g];
	memcpy(p->levels, t->levels, sizeof p->levels);
	p->target = org ? 0 : r->target[g];
	p->with_target = t->with_target;
	p->gap_mean = t->with_target
	                      ? (double)t->gap_sum / (double)t->with_target
	                      : NAN;
	p->below_target_share = share(t->below, t->with_target);
	for (b = 0; b < NF; b++)
		p->flags[b] = t->flags[b];
	/* fatigue and no_benefit are counted for everyone from the
	 * anonymous answers (methodology 3.9), so each count is protected
	 * as a survey figure of the people whose flag turned on their
	 * answers.  left_behind counts what the individual results show:
	 * its support clause applies only when individual sentiment is
	 * opted in, and then nothing is hidden. */
	if (!shown(r, r->vis, FAM_FATIGUE, g, G_T))
		p->flags[1] = AIRS_SUPPRESSED;
	if (!shown(r, r->vis, FAM_NO_BENEFIT, g, G_T))
		p->flags[4] = AIRS_SUPPRESSED;
	if (shown(r, r->vis, FAM_NET, g, G_T)) {
		p->net_respondents = t->net_n;
		p->net_score = t->net_resp
		                       ? 100.0 *
		                                 ((double)t->net_pro -
		                                  (double)t->net_det) /
		                                 (double)t->net_resp
		                       : NAN;
	} else {
		p->net_respondents = AIRS_SUPPRESSED;
		p->net_score = NAN;
	}
	p->respondents = shown(r, r->vis, FAM_RESP, g, G_T) ? t->resp
	                                                    : AIRS_SUPPRESSED;
	p->leaders = t->leaders;
	if (shown(r, r->vis, FAM_TIME, g, G_T)) {
		p->time_saved_respondents = t->ts_n;
		p->time_saved = airs__qmean(t->ts_sum, t->ts_n);
	} else {
		p->time_saved_respondents = AIRS_SUPPRESSED;
		p->time_saved = NAN;
	}
	unit_intervals(t, p);
}

/* The intervals of q's figures from the construct's totals a in unit g;
 * NaN where q hides the figure. */
static void construct_intervals(const airs_rollup *r, size_t g,
                                const cons_acc *a, airs_construct_score *q)
{
	const acc *t = &r->tot[g];
	uint64_t sq[AIRS__SQ_LIMBS];
	airs__sample lead, staff;
	double lo, hi;
	size_t i;

	q->mean_ci = q->favourable_ci = q->unfavourable_ci = NO_CI;
	q->leaders_mean_ci = q->staff_mean_ci = q->perception_gap_ci = NO_CI;
	lead = qsample(a->s1, a->sq1, a->n1, t->leaders);
	staff = qsample(a->s0, a->sq0, a->n0, t->headcount - t->leaders);
	if (q->respondents != AIRS_SUPPRESSED) {
		for (i = 0; i < AIRS__SQ_LIMBS; i++)
			sq[i] = a->sq0[i] + a->sq1[i];
		q->mean_ci = mean_ci(qsample(a->s0 + a->s1, sq, a->n0 + a->n1,
		                             t->headcount),
		                     0, 1);
		/* respondents, not items: one person's answers to a
		 * construct's items are not independent */
		q->favourable_ci = share_ci(q->favourable * (double)q->respondents,
		                            q->respondents);
		q->unfavourable_ci = share_ci(
		        q->unfavourable * (double)q->respondents, q->respondents);
	}
	if (q->leaders != AIRS_SUPPRESSED)
		q->leaders_mean_ci = mean_ci(lead, 0, 1);
	if (q->staff != AIRS_SUPPRESSED)
		q->staff_mean_ci = mean_ci(staff, 0, 1);
	if (q->leaders != AIRS_SUPPRESSED && q->staff != AIRS_SUPPRESSED) {
		airs__welch_interval(&lead, &staff, &lo, &hi);
		q->perception_gap_ci = clip(lo, hi, -1, 1);
	}
}

/* The published figures of construct c in unit g without their
 * intervals. */
static void construct_figures(const airs_rollup *r, size_t g, size_t c,
                              airs_construct_score *q)
{
	const cons_acc *a = &r->tot[g].c[c];
	uint64_t n = a->n0 + a->n1;
	int st = shown(r, r->vis, (int)c, g, G_T);
	int sl = shown(r, r->vis, (int)c, g, G_L);
	int sn = shown(r, r->vis, (int)c, g, G_N);

	q->size = sizeof *q;
	q->respondents = st ? n : AIRS_SUPPRESSED;
	q->mean = st ? airs__qmean(a->s0 + a->s1, n) : NAN;
	q->favourable = st ? share(a->fav, a->items) : NAN;
	q->unfavourable = st ? share(a->unf, a->items) : NAN;
	q->leaders = sl ? a->n1 : AIRS_SUPPRESSED;
	q->leaders_mean = sl ? airs__qmean(a->s1, a->n1) : NAN;
	q->staff = sn ? a->n0 : AIRS_SUPPRESSED;
	q->staff_mean = sn ? airs__qmean(a->s0, a->n0) : NAN;
	q->perception_gap = q->leaders_mean - q->staff_mean;
}

/* The published scores of construct c in unit g, likewise. */
void airs__rollup_publish_construct(const airs_rollup *r, size_t g, size_t c,
                                    airs_construct_score *q)
{
	construct_figures(r, g, c, q);
	construct_intervals(r, g, &r->tot[g].c[c], q);
}

int airs__rollup_favourable(const airs_rollup *r, size_t unit, int c,
                            uint64_t *fav, uint64_t *items, uint64_t *resp)
{
	size_t g = unit == AIRS_ROLLUP_ORG ? r->nu : unit;
	const cons_acc *a;

	if (!r->finalised || g > r->nu || c < 0 || c >= NC ||
	    !shown(r, r->vis, c, g, G_T))
		return 0;
	a = &r->tot[g].c[c];
	*fav = a->fav;
	*items = a->items;
	*resp = a->n0 + a->n1;
	return 1;
}

/* ------------------------------------------------------------------------
 * The unit ADKAR profile (methodology 4.6)
 * ---------------------------------------------------------------------- */

/* Construct c's figure in unit g by source (AIRS_ADKAR_SOURCE_UNIT,
 * _STAFF, _LEADERS) as published, into *x and *ci; 0 when hidden or
 * without answers.  Only the one interval it reads is computed, as
 * construct_intervals() computes it (the others, Welch's above all,
 * were most of the cost of a units table). */
static int adkar_figure(const airs_rollup *r, size_t g, size_t c, int source,
                        double *x, airs_interval *ci)
{
	const cons_acc *a = &r->tot[g].c[c];
	const acc *t = &r->tot[g];
	uint64_t sq[AIRS__SQ_LIMBS], n;
	airs_construct_score q;
	size_t i;

	construct_figures(r, g, c, &q);
	n = source == AIRS_ADKAR_SOURCE_UNIT    ? q.respondents
	    : source == AIRS_ADKAR_SOURCE_STAFF ? q.staff
	                                        : q.leaders;
	*x = source == AIRS_ADKAR_SOURCE_UNIT    ? q.mean
	     : source == AIRS_ADKAR_SOURCE_STAFF ? q.staff_mean
	                                         : q.leaders_mean;
	if (!(n != AIRS_SUPPRESSED && n > 0 && !isnan(*x)))
		return 0;
	if (source == AIRS_ADKAR_SOURCE_STAFF) {
		*ci = mean_ci(qsample(a->s0, a->sq0, a->n0,
		                      t->headcount - t->leaders), 0, 1);
	} else if (source == AIRS_ADKAR_SOURCE_LEADERS) {
		*ci = mean_ci(qsample(a->s1, a->sq1, a->n1, t->leaders), 0, 1);
	} else {
		for (i = 0; i < AIRS__SQ_LIMBS; i++)
			sq[i] = a->sq0[i] + a->sq1[i];
		*ci = mean_ci(qsample(a->s0 + a->s1, sq, a->n0 + a->n1,
		                      t->headcount), 0, 1);
	}
	return 1;
}

/* Survey element e of constructs lo..hi: from the first source that
 * publishes one of them, 1 + 4 x the mean of those published, the
 * interval from the mean of their interval ends (at least as wide as
 * the mean's own, however the constructs correlate). */
static void survey_element(const airs_rollup *r, size_t g, int e, size_t lo,
                           size_t hi, airs_unit_adkar *p)
{
	int src;
	size_t c;

	for (src = AIRS_ADKAR_SOURCE_UNIT; src <= AIRS_ADKAR_SOURCE_LEADERS;
	     src++) {
		double sum = 0, sl = 0, sh = 0, x;
		airs_interval ci;
		int n = 0;
		for (c = lo; c <= hi; c++)
			if (adkar_figure(r, g, c, src, &x, &ci)) {
				sum += x;
				sl += ci.low;
				sh += ci.high;
				n++;
			}
		if (!n)
			continue;
		p->element[e] = 1 + 4 * (sum / n);
		p->element_ci[e].low = 1 + 4 * (sl / n);
		p->element_ci[e].high = 1 + 4 * (sh / n);
		p->source[e] = src;
		return;
	}
	for (c = lo; c <= hi; c++)
		if (!shown(r, r->vis, (int)c, g, G_T))
			p->hidden |= 1u << e;
}

/* Knowledge or Ability: 1 + 4 x the members' mean, with its t interval
 * over the headcount. */
static void member_element(airs_unit_adkar *p, int e, int64_t sum,
                           const uint64_t sq[AIRS__SQ_LIMBS], uint64_t n,
                           uint64_t N)
{
	airs_interval ci;

	if (!n)
		return;
	ci = mean_ci(qsample(sum, sq, n, N), 0, 1);
	p->element[e] = 1 + 4 * airs__qmean(sum, n);
	p->element_ci[e].low = 1 + 4 * ci.low;
	p->element_ci[e].high = 1 + 4 * ci.high;
	p->source[e] = AIRS_ADKAR_SOURCE_UNIT;
}

void airs__rollup_publish_adkar(const airs_rollup *r, size_t g,
                                airs_unit_adkar *p)
{
	acc buf;
	const acc *t = airs__rollup_tot(r, g, &buf);
	double a[AIRS_ADKAR_COUNT_];
	int e;

	memset(p, 0, sizeof *p);
	p->size = sizeof *p;
	for (e = 0; e < AIRS_ADKAR_COUNT_; e++) {
		p->element[e] = NAN;
		p->element_ci[e] = NO_CI;
		p->source[e] = -1;
	}
	survey_element(r, g, AIRS_ADKAR_AWARENESS, AIRS_CONSTRUCT_CLARITY,
	               AIRS_CONSTRUCT_CLARITY, p);
	survey_element(r, g, AIRS_ADKAR_DESIRE, AIRS_CONSTRUCT_USEFULNESS,
	               AIRS_CONSTRUCT_SECURITY, p);
	survey_element(r, g, AIRS_ADKAR_REINFORCEMENT, AIRS_CONSTRUCT_SUPPORT,
	               AIRS_CONSTRUCT_VOICE, p);
	member_element(p, AIRS_ADKAR_KNOWLEDGE, t->fit_sum, t->fit_sq, t->fit_n,
	               t->headcount);
	member_element(p, AIRS_ADKAR_ABILITY, t->ad_sum, t->ad_sq, t->ad_n,
	               t->headcount);
	p->knowledge_n = t->fit_n;
	p->ability_n = t->ad_n;
	for (e = 0; e < AIRS_ADKAR_COUNT_; e++)
		a[e] = isnan(p->element[e]) ? 0 : p->element[e];
	p->barrier = airs__adkar_barrier_q(a, r->barrier_q);
	memcpy(p->barriers, t->barrier, sizeof p->barriers);
}

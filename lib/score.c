/*
 * score.c - per-employee readiness, level, gap, ADKAR, flags (methodology
 * section 3) and the result that holds them.
 *
 * Order independence: every sum over an employee's records runs over the
 * records sorted by their content (and over requirements and items sorted
 * by id), never in order of addition, so a permuted input gives bit-for-bit
 * the same numbers.  Unit aggregates are exact integers (rollup.c).
 *
 * Thread independence: employees are scored in contiguous chunks, one per
 * thread, each with its own scratch and rollup shard; the shards' integer
 * accumulators are absorbed in chunk order and the rollup is finalised
 * once, so any thread count gives bit-for-bit the same result.
 */
#include "score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "parallel.h"
#include "quantum.h"
#include "rollup.h"

#define NC AIRS_CONSTRUCT_COUNT_
#define NA 6 /* the attitude constructs, clarity .. voice */

/* What is shared by all employees of one scoring run. */
struct ctx {
	const airs_model *m;
	const airs__pv *pv;
	airs_date T;
	int has_training, has_usage, optin;
	airs_month win_lo, win_hi;  /* the adoption window, inclusive */
	const uint32_t *req_start;  /* the model's requirements per role ... */
	const airs__req *req;       /* ... (level > 0, skill id order) */
	const double *sum_v;        /* per role: sum of their weights */
	double *need;               /* per role: training need */
	const uint32_t *item_rank;  /* per item: position in id order */
};

struct arec {
	uint32_t skill;
	int32_t source;
	airs_date date;
	double level;
};

struct trec {
	airs_date date;
	int32_t status;
	double hours;
};

struct rrec {
	uint32_t rank, item;
	airs_date date;
	double value;
};

/* Per-thread working memory, grown as needed and reused. */
struct scratch {
	struct arec *a;
	size_t acap;
	struct trec *t;
	size_t tcap;
	struct rrec *r;
	size_t rcap;
	uint32_t *hs;
	int64_t *hg;
	double *qw, *qwl; /* per requirement: evidence weight, weighted level */
	size_t hcap;
};

/* An explanation being collected (NULL when not wanted). */
struct expl {
	airs_contribution *out;
	size_t cap, n;
};

static const char *const component_names[] = { "skill", "training",
                                                "sentiment", "adoption" };
static const char *const adkar_names[] = { "awareness", "desire", "knowledge",
                                           "ability", "reinforcement", "none",
                                           "unknown" };
static const char *const flag_names[] = { "left_behind", "fatigue", "reversion",
                                          "overconfidence", "no_benefit" };
static const char *const column_names[] = {
	"readiness", "level", "target", "gap_levels", "gap_points", "skill",
	"training", "sentiment", "adoption", "skill_coverage", "awareness",
	"desire", "knowledge", "ability", "reinforcement", "barrier", "flags",
	"coverage", "is_leader"
};

const char *airs_component_name(int c)
{
	return c >= 0 && c < AIRS_COMPONENT_COUNT_ ? component_names[c] : NULL;
}

const char *airs_adkar_name(int e)
{
	return e >= 0 && e < AIRS_ADKAR_COUNT_ ? adkar_names[e] : NULL;
}

const char *airs_barrier_name(int b)
{
	return b >= 0 && b <= AIRS_BARRIER_UNKNOWN ? adkar_names[b] : NULL;
}

const char *airs_flag_name(int flag)
{
	int i;

	for (i = 0; i < AIRS_FLAG_COUNT_; i++)
		if (flag == 1 << i)
			return flag_names[i];
	return NULL;
}

const char *airs_construct_name(int c)
{
	return airs__construct_name(c);
}

const char *airs_column_name(int c)
{
	return c >= 0 && c < AIRS_COLUMN_COUNT_ ? column_names[c] : NULL;
}

/* ------------------------------------------------------------------------
 * Canonical orders
 * ---------------------------------------------------------------------- */

static int cmp_arec(const struct arec *x, const struct arec *y)
{
	if (x->skill != y->skill)
		return x->skill < y->skill ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	return (x->level > y->level) - (x->level < y->level);
}

static int cmp_trec(const struct trec *x, const struct trec *y)
{
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->status != y->status)
		return x->status < y->status ? -1 : 1;
	return (x->hours > y->hours) - (x->hours < y->hours);
}

static int cmp_rrec(const struct rrec *x, const struct rrec *y)
{
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return (x->value > y->value) - (x->value < y->value);
}

/* Insertion sort: an employee has a handful of records of each kind. */
#define INSERTION_SORT(type, cmp, v, n)                                   \
	do {                                                              \
		size_t i_, j_;                                            \
		for (i_ = 1; i_ < (n); i_++) {                            \
			type x_ = (v)[i_];                                \
			for (j_ = i_; j_ > 0 && cmp(&x_, &(v)[j_ - 1]) < 0; j_--) \
				(v)[j_] = (v)[j_ - 1];                    \
			(v)[j_] = x_;                                     \
		}                                                         \
	} while (0)

/* ------------------------------------------------------------------------
 * Shared preparation
 * ---------------------------------------------------------------------- */

static void ctx_free(struct ctx *c, const airs__mem *mem)
{
	airs__free(mem, c->need);
}

static int ctx_init(struct ctx *c, const airs_model *m, const airs__pv *pv,
                    const airs__mem *mem)
{
	size_t nr = m->roles.n, r;

	memset(c, 0, sizeof *c);
	c->m = m;
	c->pv = pv;
	c->T = pv->as_of_auto ? m->latest : pv->as_of;
	c->has_training = m->trainings.n > 0;
	c->has_usage = m->usages.n > 0;
	c->optin = pv->individual_sentiment;
	c->win_hi = airs__date_month(c->T);
	c->win_lo = c->win_hi - (pv->window_months - 1);

	c->req_start = m->req_start;
	c->req = m->req;
	c->sum_v = m->req_weight;
	c->need = airs__calloc(mem, nr + 1, sizeof *c->need);
	c->item_rank = m->sorted[AIRS__S_ITEM].rank;
	if (!c->need) {
		ctx_free(c, mem);
		return AIRS_ENOMEM;
	}
	/* The training need: hours per level times the weighted mean
	 * required level, at least 1 (methodology 3.3). */
	for (r = 0; r < nr; r++) {
		double qv = 0;
		uint32_t i;
		for (i = c->req_start[r]; i < c->req_start[r + 1]; i++)
			qv += c->req[i].v * c->req[i].q;
		c->need[r] = pv->hours_per_level *
		             (c->sum_v[r] > 0 && qv / c->sum_v[r] > 1
		                      ? qv / c->sum_v[r]
		                      : 1);
	}
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * One employee
 * ---------------------------------------------------------------------- */

static void scratch_free(struct scratch *s, const airs__mem *mem)
{
	airs__free(mem, s->a);
	airs__free(mem, s->t);
	airs__free(mem, s->r);
	airs__free(mem, s->hs);
	airs__free(mem, s->hg);
	airs__free(mem, s->qw);
	airs__free(mem, s->qwl);
	memset(s, 0, sizeof *s);
}

static int scratch_reserve(struct scratch *s, const airs__mem *mem, size_t na,
                           size_t nt, size_t nr, size_t nh)
{
	size_t hcap = s->hcap;

	if (airs__grow(mem, &s->a, &s->acap, na, sizeof *s->a) ||
	    airs__grow(mem, &s->t, &s->tcap, nt, sizeof *s->t) ||
	    airs__grow(mem, &s->r, &s->rcap, nr, sizeof *s->r) ||
	    airs__grow(mem, &s->hs, &hcap, nh, sizeof *s->hs))
		return AIRS_ENOMEM;
	if (hcap != s->hcap) {
		int64_t *g = airs__realloc(mem, s->hg, hcap * sizeof *g);
		double *w, *wl;
		if (!g)
			return AIRS_ENOMEM;
		s->hg = g;
		if (!(w = airs__realloc(mem, s->qw, hcap * sizeof *w)))
			return AIRS_ENOMEM;
		s->qw = w;
		if (!(wl = airs__realloc(mem, s->qwl, hcap * sizeof *wl)))
			return AIRS_ENOMEM;
		s->qwl = wl;
		s->hcap = hcap;
	}
	return AIRS_OK;
}

static double decay(const struct ctx *c, airs_date d)
{
	return exp2(-(double)(c->T - d) / c->pv->half_life);
}

static void explain_line(struct expl *x, int component, const char *skill,
                         double value, double weight, double points,
                         double level, double required, double confidence,
                         int status)
{
	airs_contribution *o;

	if (!x)
		return;
	if (x->n < x->cap) {
		o = &x->out[x->n];
		o->component = component;
		o->skill_id = skill;
		o->value = value;
		o->weight = weight;
		o->points = points;
		o->level = level;
		o->required = required;
		o->confidence = confidence;
		o->status = status;
	}
	x->n++;
}

/* The estimate of one skill from the employee's sorted assessments. */
struct est {
	double level, conf;
	int has_self, has_verified;
	double self_level, verified_level; /* latest of each (ties: highest) */
};

/* Score employee e.  Fills *out, *d (for the rollup) and, when wanted,
 * the construct scores and an explanation.  d->skill/skill_gap_q point
 * into the scratch. */
static int score_one(const struct ctx *c, struct scratch *s,
                     const airs__mem *mem, uint32_t e, airs__score *out,
                     airs__emp_detail *d, double *constructs, struct expl *x)
{
	const airs_model *m = c->m;
	const airs__pv *pv = c->pv;
	const airs__employee *emp = &m->emps.v[e];
	const airs__csr *ca = &m->by_emp_assessment, *ct = &m->by_emp_training,
	                *cr = &m->by_emp_response, *cu = &m->by_emp_usage;
	uint32_t na = 0, nt = 0, nr = 0, i, j, r0 = c->req_start[emp->role],
	         r1 = c->req_start[emp->role + 1];
	double sum_v = c->sum_v[emp->role], need = c->need[emp->role];
	double W[AIRS_COMPONENT_COUNT_], val[AIRS_COMPONENT_COUNT_], pi[AIRS_COMPONENT_COUNT_];
	double sumA = 0, sumAfit = 0, h_eff = 0, recent_hours = 0, D, R = NAN;
	double cs[NC], fat_sum = 0, ad = 0, nsum[NC], rawsum[NC];
	int present[AIRS_COMPONENT_COUNT_] = { 0 }, withheld = 0, over = 0;
	int fat_n = 0, k;
	uint32_t cn[NC];

	if (scratch_reserve(s, mem, ca->start[e + 1] - ca->start[e],
	                    ct->start[e + 1] - ct->start[e],
	                    cr->start[e + 1] - cr->start[e], r1 - r0 + 1))
		return AIRS_ENOMEM;
	memset(d, 0, sizeof *d);
	memset(out, 0, sizeof *out);
	d->unit = emp->unit;
	d->leader = emp->leader;
	out->emp = e;

	/* -- assessments on or before the as-of date, in content order -- */
	for (i = ca->start[e]; i < ca->start[e + 1]; i++) {
		const airs__assessment *a = &m->assessments.v[airs__csr_at(ca, i)];
		if (a->date > c->T)
			continue;
		s->a[na].skill = a->skill;
		s->a[na].source = a->source;
		s->a[na].date = a->date;
		s->a[na].level = a->level;
		na++;
	}
	INSERTION_SORT(struct arec, cmp_arec, s->a, na);

	/* Overconfidence looks at every skill assessed both ways. */
	for (i = 0; i < na;) {
		struct est t = { 0, 0, 0, 0, 0, 0 };
		for (j = i; j < na && s->a[j].skill == s->a[i].skill; j++) {
			int src = s->a[j].source;
			if (src == AIRS_SOURCE_SELF) {
				t.has_self = 1; /* sorted by date, level: last wins */
				t.self_level = s->a[j].level;
			} else if (src == AIRS_SOURCE_TEST ||
			           src == AIRS_SOURCE_CERTIFICATION) {
				t.has_verified = 1;
				t.verified_level = s->a[j].level;
			}
		}
		if (t.has_self && t.has_verified) {
			over |= 2;
			if (t.self_level - t.verified_level >= pv->overconfidence)
				over |= 1;
		}
		i = j;
	}

	/* -- skill fit over the role's requirements, in skill id order -- */
	for (i = r0; i < r1; i++) {
		const airs__req *q = &c->req[i];
		double wsum = 0, wl = 0, fit;
		/* The assessments of this skill are a contiguous run. */
		for (j = 0; j < na; j++) {
			double w;
			if (s->a[j].skill != q->skill)
				continue;
			w = pv->source[s->a[j].source] * decay(c, s->a[j].date);
			wsum += w;
			wl += w * s->a[j].level;
		}
		s->qw[i - r0] = wsum;
		s->qwl[i - r0] = wl;
		if (wsum <= 0)
			continue;
		fit = wl / wsum / q->q;
		if (fit > 1)
			fit = 1;
		sumA += q->v;
		sumAfit += q->v * fit;
		s->hs[d->nskills] = q->skill;
		s->hg[d->nskills] = airs__quantise(q->q - wl / wsum > 0
		                                           ? q->q - wl / wsum
		                                           : 0);
		d->nskills++;
	}
	d->skill = s->hs;
	d->skill_gap_q = s->hg;
	if (sumA > 0) {
		present[AIRS_COMPONENT_SKILL] = 1;
		pi[AIRS_COMPONENT_SKILL] = sumA / sum_v;
		val[AIRS_COMPONENT_SKILL] = sumAfit / sumA;
	}

	/* -- training -- */
	for (i = ct->start[e]; i < ct->start[e + 1]; i++) {
		const airs__training *t = &m->trainings.v[airs__csr_at(ct, i)];
		if (t->date > c->T || t->status == AIRS_TRAINING_PLANNED)
			continue;
		s->t[nt].date = t->date;
		s->t[nt].status = t->status;
		s->t[nt].hours = t->hours;
		nt++;
	}
	INSERTION_SORT(struct trec, cmp_trec, s->t, nt);
	for (i = 0; i < nt; i++) {
		h_eff += s->t[i].hours * decay(c, s->t[i].date);
		if (c->T - s->t[i].date < pv->fatigue_window)
			recent_hours += s->t[i].hours;
	}
	if (c->has_training) {
		present[AIRS_COMPONENT_TRAINING] = 1;
		pi[AIRS_COMPONENT_TRAINING] = 1;
		val[AIRS_COMPONENT_TRAINING] = h_eff / need > 1 ? 1 : h_eff / need;
	}

	/* -- survey responses: latest per item, by item id -- */
	for (i = cr->start[e]; i < cr->start[e + 1]; i++) {
		const airs__response *r = &m->responses.v[airs__csr_at(cr, i)];
		if (r->date > c->T || m->items.v[r->item].construct < 0)
			continue;
		s->r[nr].rank = c->item_rank[r->item];
		s->r[nr].item = r->item;
		s->r[nr].date = r->date;
		s->r[nr].value = r->value;
		nr++;
	}
	INSERTION_SORT(struct rrec, cmp_rrec, s->r, nr);
	for (k = 0; k < NC; k++) {
		nsum[k] = rawsum[k] = 0;
		cn[k] = 0;
	}
	for (i = 0; i < nr;) {
		const airs__item *it = &m->items.v[s->r[i].item];
		double lo = it->min, hi = it->max, sn = 0, sraw = 0;
		airs_date last, window_start = c->T - (airs_date)pv->fatigue_window;
		uint32_t end, first_last, n = 0;
		int con = it->construct;

		for (end = i; end < nr && s->r[end].item == s->r[i].item; end++)
			;
		last = s->r[end - 1].date;
		for (first_last = end; first_last > i &&
		                       s->r[first_last - 1].date == last;
		     first_last--)
			;
		/* The latest date's responses: their mean scores the item;
		 * each counts towards the shares and the net score. */
		for (j = first_last; j < end; j++, n++) {
			double xv = it->reverse ? lo + hi - s->r[j].value
			                        : s->r[j].value;
			double nv = (xv - lo) / (hi - lo);
			sn += nv;
			sraw += xv;
			d->items[con]++;
			if (xv >= hi - 1)
				d->favourable[con]++;
			if (xv <= lo + 1)
				d->unfavourable[con]++;
			if (con == AIRS_CONSTRUCT_RECOMMEND) {
				d->net_responses++;
				if (10 * nv >= 9)
					d->promoters++;
				else if (10 * nv <= 6)
					d->detractors++;
			}
		}
		nsum[con] += sn / n;
		rawsum[con] += sraw / n;
		cn[con]++;
		/* Fatigue: the item's latest score in the recent window
		 * against its latest score before the window. */
		if (last > window_start) {
			airs_date prev = INT32_MIN;
			double ps = 0;
			uint32_t pn = 0;
			for (j = i; j < end && s->r[j].date <= window_start; j++)
				prev = s->r[j].date;
			for (j = i; j < end; j++)
				if (s->r[j].date == prev) {
					double xv = it->reverse ? lo + hi - s->r[j].value
					                        : s->r[j].value;
					ps += (xv - lo) / (hi - lo);
					pn++;
				}
			if (pn) {
				fat_sum += sn / n - ps / pn;
				fat_n++;
			}
		}
		i = end;
	}
	for (k = 0; k < NC; k++) {
		cs[k] = cn[k] ? nsum[k] / cn[k] : NAN;
		if (cn[k])
			d->respondent = 1;
	}
	if (cn[AIRS_CONSTRUCT_TIME_SAVED]) {
		/* hours on the items' own scale */
		d->has_time_saved = 1;
		d->time_saved_q = airs__quantise(rawsum[AIRS_CONSTRUCT_TIME_SAVED] /
		                                 cn[AIRS_CONSTRUCT_TIME_SAVED]);
	}
	for (k = 0; k < NC; k++)
		if (!isnan(cs[k])) {
			d->construct_present |= 1u << k;
			d->construct_q[k] = airs__quantise(cs[k]);
		}
	{
		double se = 0;
		int n = 0;
		for (k = 0; k < NA; k++)
			if (!isnan(cs[k])) {
				se += cs[k];
				n++;
			}
		if (n) {
			if (c->optin) {
				present[AIRS_COMPONENT_SENTIMENT] = 1;
				pi[AIRS_COMPONENT_SENTIMENT] = 1;
				val[AIRS_COMPONENT_SENTIMENT] = se / n;
			} else {
				withheld |= 1 << AIRS_COMPONENT_SENTIMENT;
			}
		}
	}
	if (constructs)
		memcpy(constructs, cs, sizeof cs);

	/* -- adoption over the window months -- */
	if (c->has_usage) {
		double days[24] = { 0 };
		for (i = cu->start[e]; i < cu->start[e + 1]; i++) {
			const airs__usage *u = &m->usages.v[airs__csr_at(cu, i)];
			if (u->period < c->win_lo || u->period > c->win_hi)
				continue;
			if (u->days > days[u->period - c->win_lo])
				days[u->period - c->win_lo] = u->days;
		}
		/* Sum the capped days first and divide once: with whole days the
		 * sum is exact, so a tie such as 36 / 72 = 0.5 stays exactly 0.5
		 * for the flag thresholds (methodology 3.5). */
		for (k = 0; k < pv->window_months; k++)
			ad += days[k] < pv->full_days ? days[k] : pv->full_days;
		ad /= pv->full_days * pv->window_months;
		present[AIRS_COMPONENT_ADOPTION] = 1;
		pi[AIRS_COMPONENT_ADOPTION] = 1;
		val[AIRS_COMPONENT_ADOPTION] = ad;
	}

	/* -- readiness as the sum of its contributions -- */
	D = 0;
	for (k = 0; k < AIRS_COMPONENT_COUNT_; k++) {
		W[k] = pv->weight[k];
		if (present[k])
			D += W[k] * pi[k];
	}
	if (D > 0) {
		R = 0;
		for (i = r0; i < r1; i++) {
			const airs__req *q = &c->req[i];
			double wsum = s->qw[i - r0], wl = s->qwl[i - r0], fit, pts;
			if (wsum <= 0) {
				explain_line(x, AIRS_COMPONENT_SKILL,
				             m->skill_ids.str[q->skill], NAN, 0, 0,
				             NAN, q->q, 0,
				             AIRS_CONTRIBUTION_NOT_ASSESSED);
				continue;
			}
			fit = wl / wsum / q->q > 1 ? 1 : wl / wsum / q->q;
			pts = 100 * W[0] * q->v * fit / (sum_v * D);
			R += pts;
			explain_line(x, AIRS_COMPONENT_SKILL,
			             m->skill_ids.str[q->skill], fit,
			             W[0] * q->v / (sum_v * D), pts, wl / wsum, q->q,
			             wsum, AIRS_CONTRIBUTION_COUNTED);
		}
		for (k = 1; k < AIRS_COMPONENT_COUNT_; k++) {
			double pts = present[k] ? 100 * W[k] * val[k] / D : 0;
			R += pts;
			explain_line(x, k, NULL, present[k] ? val[k] : NAN,
			             present[k] ? W[k] / D : 0, pts, NAN, NAN, NAN,
			             present[k] ? AIRS_CONTRIBUTION_COUNTED
			             : (withheld >> k & 1) ? AIRS_CONTRIBUTION_WITHHELD
			                                   : AIRS_CONTRIBUTION_ABSENT);
		}
	} else {
		for (i = r0; i < r1; i++)
			explain_line(x, AIRS_COMPONENT_SKILL,
			             m->skill_ids.str[c->req[i].skill], NAN, 0, 0, NAN,
			             c->req[i].q, 0, AIRS_CONTRIBUTION_NOT_ASSESSED);
		for (k = 1; k < AIRS_COMPONENT_COUNT_; k++)
			explain_line(x, k, NULL, NAN, 0, 0, NAN, NAN, NAN,
			             (withheld >> k & 1) ? AIRS_CONTRIBUTION_WITHHELD
			                                 : AIRS_CONTRIBUTION_ABSENT);
	}

	/* -- the stored result -- */
	out->readiness = R;
	out->withheld = (uint8_t)withheld;
	out->skill_coverage = sum_v > 0 ? sumA / sum_v : NAN;
	for (k = 0; k < AIRS_COMPONENT_COUNT_; k++) {
		out->component[k] = present[k] ? val[k] : NAN;
		if (present[k])
			out->coverage |= (uint8_t)(1 << k);
	}
	out->target = (uint8_t)m->unit_target[emp->unit];
	out->level = (uint8_t)airs__level_of(pv, R);

	/* -- flags: individual ones, plus internal survey-based ones for
	 *    the anonymised unit counts -- */
	{
		unsigned f = 0, ev = 0, internal = 0;
		int support = !isnan(cs[AIRS_CONSTRUCT_SUPPORT]);
		double benefit = NAN, bsum = 0;
		int bn = 0;

		if (!isnan(R) && (c->has_training || (c->optin && support))) {
			ev |= AIRS_FLAG_LEFT_BEHIND;
			if (airs__quantise(R) < airs__quantise(pv->lb_readiness) &&
			    ((c->has_training &&
			      val[AIRS_COMPONENT_TRAINING] < pv->lb_training) ||
			     (c->optin && support &&
			      cs[AIRS_CONSTRUCT_SUPPORT] < pv->lb_support)))
				f |= AIRS_FLAG_LEFT_BEHIND;
		}
		if (fat_n && recent_hours >= pv->fatigue_hours &&
		    fat_sum / fat_n <= -pv->fatigue_drop)
			internal |= AIRS_FLAG_FATIGUE;
		if (c->has_training && fat_n)
			ev |= c->optin ? AIRS_FLAG_FATIGUE : 0;
		if (c->has_training && c->has_usage) {
			ev |= AIRS_FLAG_REVERSION;
			if (h_eff >= pv->rev_training * need && ad < pv->rev_adoption)
				f |= AIRS_FLAG_REVERSION;
		}
		if (over & 2) {
			ev |= AIRS_FLAG_OVERCONFIDENCE;
			if (over & 1)
				f |= AIRS_FLAG_OVERCONFIDENCE;
		}
		if (!isnan(cs[AIRS_CONSTRUCT_TIME_SAVED])) {
			bsum += cs[AIRS_CONSTRUCT_TIME_SAVED];
			bn++;
		}
		if (!isnan(cs[AIRS_CONSTRUCT_USEFULNESS])) {
			bsum += cs[AIRS_CONSTRUCT_USEFULNESS];
			bn++;
		}
		if (bn)
			benefit = bsum / bn;
		if (c->has_usage && bn) {
			if (c->optin)
				ev |= AIRS_FLAG_NO_BENEFIT;
			if (ad >= pv->nb_adoption && benefit <= pv->nb_benefit)
				internal |= AIRS_FLAG_NO_BENEFIT;
		}
		if (c->optin)
			f |= internal;
		out->flags = (uint8_t)f;
		out->flags_evaluated = (uint8_t)ev;
		d->flags = f | internal;
	}

	d->has_readiness = !isnan(R);
	d->readiness_q = d->has_readiness ? airs__quantise(R) : 0;
	d->level = out->level;
	d->has_gap = out->level && out->target;
	d->gap_levels = d->has_gap ? out->target - out->level : 0;
	d->below_target = d->has_gap && out->level < out->target;
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * The result
 * ---------------------------------------------------------------------- */

static int fail_diag(airs_diag *diag, int status, const char *msg)
{
	airs__diag_set(diag, status, AIRS_SEVERITY_ERROR, NULL, 0, 0, "%s", msg);
	return status;
}

void airs_result_free(airs_result *r)
{
	airs__mem mem;

	if (!r)
		return;
	mem = r->mem;
	airs_rollup_free(r->rollup);
	airs__free(&mem, r->s);
	airs__free(&mem, r->construct);
	airs__model_release((airs_model *)(uintptr_t)r->model);
	airs__free(&mem, r);
}

/* One thread's share of a scoring run: employees lo .. hi - 1 in result
 * order, into r->s and its own rollup. */
struct job {
	const struct ctx *c;
	airs_result *r;
	airs_rollup *rollup;
	const uint32_t *order;
	size_t lo, hi;
	int rc;
};

static void run_job(void *jobs, size_t t)
{
	struct job *j = (struct job *)jobs + t;
	struct scratch s;
	airs__emp_detail d;
	size_t i;
	int rc = AIRS_OK;

	memset(&s, 0, sizeof s);
	for (i = j->lo; !rc && i < j->hi; i++) {
		rc = score_one(j->c, &s, &j->r->mem, j->order[i], &j->r->s[i], &d,
		               j->r->construct ? j->r->construct + i * NC : NULL,
		               NULL);
		if (!rc)
			rc = airs__rollup_add(j->rollup, &d);
	}
	scratch_free(&s, &j->r->mem);
	j->rc = rc;
}

/* Score every employee into r->s and r->rollup (not yet finalised). */
static int score_all(const struct ctx *c, airs_result *r, const uint32_t *order)
{
	size_t nt = airs__thread_count(r->pv.threads, r->n), t;
	struct job one, *jobs = &one;
	int rc = AIRS_OK;

	if (nt > 1) {
		jobs = airs__calloc(&r->mem, nt, sizeof *jobs);
		if (!jobs)
			return AIRS_ENOMEM;
	} else {
		memset(&one, 0, sizeof one);
	}
	for (t = 0; t < nt; t++) {
		jobs[t].c = c;
		jobs[t].r = r;
		jobs[t].order = order;
		jobs[t].lo = r->n * t / nt;
		jobs[t].hi = r->n * (t + 1) / nt;
		if (!t)
			jobs[t].rollup = r->rollup;
		else if ((rc = airs__rollup_new_shard(&jobs[t].rollup, r->rollup)))
			break;
	}
	if (!rc) {
		airs__parallel_for(nt, nt, run_job, jobs);
		for (t = 0; t < nt && !rc; t++)
			rc = jobs[t].rc;
		/* absorb in chunk order (integer sums: any order would do) */
		for (t = 1; t < nt && !rc; t++)
			rc = airs__rollup_absorb(r->rollup, jobs[t].rollup);
	}
	for (t = 1; t < nt; t++)
		airs_rollup_free(jobs[t].rollup);
	if (jobs != &one)
		airs__free(&r->mem, jobs);
	return rc;
}

int airs_score(const airs_model *m, const airs_params *p, airs_result **out,
               airs_diag *diag)
{
	airs__pv defaults;
	const airs__pv *pv;
	struct ctx c;
	airs_result *r;
	const uint32_t *order = m ? m->sorted[AIRS__S_EMP].order : NULL;
	char msg[AIRS__MSG_MAX];
	int rc;

	if (out)
		*out = NULL;
	if (airs__diag_check(diag))
		return AIRS_EINVAL;
	if (!m || !out)
		return fail_diag(diag, AIRS_EINVAL, "model and out must not be NULL");
	if (!m->finished)
		return fail_diag(diag, AIRS_ESTATE,
		                 "the model is not finished: call airs_model_finish() "
		                 "first");
	if (!p) {
		airs__params_defaults(&defaults);
		pv = &defaults;
	} else {
		pv = &p->v;
	}
	if (airs__params_check(pv, msg))
		return fail_diag(diag, AIRS_EINVAL, msg);

	r = airs__calloc(&m->mem, 1, sizeof *r);
	if (!r)
		return fail_diag(diag, AIRS_ENOMEM, "out of memory");
	r->mem = m->mem;
	r->pv = *pv;
	airs__params_digest(pv, r->params_digest);
	r->n = m->emps.n;
	if (ctx_init(&c, m, &r->pv, &r->mem)) {
		airs__free(&r->mem, r);
		return fail_diag(diag, AIRS_ENOMEM, "out of memory");
	}
	r->as_of = c.T;
	airs__model_retain(m);
	r->model = m;
	r->s = airs__malloc(&r->mem, (r->n ? r->n : 1) * sizeof *r->s);
	if (pv->individual_sentiment)
		r->construct = airs__malloc(&r->mem, (r->n ? r->n : 1) * NC *
		                                             sizeof *r->construct);
	rc = !r->s || (pv->individual_sentiment && !r->construct)
	             ? AIRS_ENOMEM
	             : airs__rollup_new(&r->rollup, &r->mem, m, pv->min_group,
	                                r->params_digest);
	if (!rc)
		rc = score_all(&c, r, order);
	if (!rc)
		rc = airs__rollup_finalise(r->rollup,
		                           airs__thread_count(r->pv.threads, r->n));
	ctx_free(&c, &r->mem);
	if (rc) {
		airs_result_free(r);
		return fail_diag(diag, rc, "out of memory");
	}
	*out = r;
	return AIRS_OK;
}

airs_date airs_result_as_of(const airs_result *r)
{
	return r ? r->as_of : 0;
}

size_t airs_result_employee_count(const airs_result *r)
{
	return r ? r->n : 0;
}

const airs_rollup *airs_result_rollup(const airs_result *r)
{
	return r ? r->rollup : NULL;
}

int airs_result_find_employee(const airs_result *r, const char *id,
                              size_t *index)
{
	size_t lo = 0, hi;

	if (!r || !id)
		return AIRS_EINVAL;
	/* Result order is id order: binary search. */
	hi = r->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(r->model->emp_ids.str[r->s[mid].emp], id);
		if (c == 0) {
			if (index)
				*index = mid;
			return AIRS_OK;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return AIRS_ENOTFOUND;
}

/* ADKAR profile and barrier, derived from the stored fields. */
static void adkar_of(const airs_result *r, size_t i, double a[5], int *barrier)
{
	const airs__score *s = &r->s[i];
	const double *cs = r->construct ? r->construct + i * NC : NULL;
	int k, known = 0;

	for (k = 0; k < 5; k++)
		a[k] = 0;
	if (cs) {
		double sum = 0;
		int n = 0;
		if (!isnan(cs[AIRS_CONSTRUCT_CLARITY]))
			a[AIRS_ADKAR_AWARENESS] = 1 + 4 * cs[AIRS_CONSTRUCT_CLARITY];
		for (k = AIRS_CONSTRUCT_USEFULNESS; k <= AIRS_CONSTRUCT_SECURITY; k++)
			if (!isnan(cs[k])) {
				sum += cs[k];
				n++;
			}
		if (n)
			a[AIRS_ADKAR_DESIRE] = 1 + 4 * sum / n;
		sum = 0;
		n = 0;
		for (k = AIRS_CONSTRUCT_SUPPORT; k <= AIRS_CONSTRUCT_VOICE; k++)
			if (!isnan(cs[k])) {
				sum += cs[k];
				n++;
			}
		if (n)
			a[AIRS_ADKAR_REINFORCEMENT] = 1 + 4 * sum / n;
	}
	if (!isnan(s->component[AIRS_COMPONENT_SKILL]))
		a[AIRS_ADKAR_KNOWLEDGE] = 1 + 4 * s->component[AIRS_COMPONENT_SKILL];
	if (!isnan(s->component[AIRS_COMPONENT_ADOPTION]))
		a[AIRS_ADKAR_ABILITY] = 1 + 4 * s->component[AIRS_COMPONENT_ADOPTION];
	*barrier = AIRS_BARRIER_NONE;
	for (k = 0; k < 5; k++) {
		if (a[k] == 0)
			continue;
		known = 1;
		if (airs__quantise(a[k]) <= airs__quantise(r->pv.barrier)) {
			*barrier = k;
			return;
		}
	}
	if (!known)
		*barrier = AIRS_BARRIER_UNKNOWN;
}

static double floor_points(const airs_result *r, int level)
{
	return level <= 1 ? 0 : r->pv.level_t[level - 2];
}

int airs_result_employee(const airs_result *r, size_t i, airs_employee_score *o)
{
	const airs__score *s;
	const airs_model *m;
	int k;

	if (!r || !o || o->size < sizeof *o)
		return AIRS_EINVAL;
	if (i >= r->n)
		return AIRS_ERANGE;
	s = &r->s[i];
	m = r->model;
	o->id = m->emp_ids.str[s->emp];
	o->unit_id = m->unit_ids.str[m->emps.v[s->emp].unit];
	o->role_id = m->role_ids.str[m->emps.v[s->emp].role];
	o->is_leader = m->emps.v[s->emp].leader;
	o->readiness = s->readiness;
	o->level = s->level;
	o->target = s->target;
	o->gap_levels = s->level && s->target ? s->target - s->level : NAN;
	o->gap_points = s->level && s->target
	                        ? floor_points(r, s->target) - s->readiness
	                        : NAN;
	o->coverage = s->coverage;
	o->withheld = s->withheld;
	o->skill_coverage = s->skill_coverage;
	for (k = 0; k < AIRS_COMPONENT_COUNT_; k++)
		o->component[k] = s->component[k];
	adkar_of(r, i, o->adkar, &o->barrier);
	o->flags = s->flags;
	o->flags_evaluated = s->flags_evaluated;
	return AIRS_OK;
}

int airs_result_column(const airs_result *r, int column, double *out, size_t n)
{
	airs_employee_score e = AIRS_EMPLOYEE_SCORE_INIT;
	size_t i;

	if (!r || (!out && n) || column < 0 || column >= AIRS_COLUMN_COUNT_)
		return AIRS_EINVAL;
	if (n > r->n)
		n = r->n;
	for (i = 0; i < n; i++) {
		const airs__score *s = &r->s[i];
		switch (column) {
		case AIRS_COLUMN_READINESS: out[i] = s->readiness; break;
		case AIRS_COLUMN_LEVEL: out[i] = s->level; break;
		case AIRS_COLUMN_TARGET: out[i] = s->target; break;
		case AIRS_COLUMN_SKILL:
		case AIRS_COLUMN_TRAINING:
		case AIRS_COLUMN_SENTIMENT:
		case AIRS_COLUMN_ADOPTION:
			out[i] = s->component[column - AIRS_COLUMN_SKILL];
			break;
		case AIRS_COLUMN_SKILL_COVERAGE: out[i] = s->skill_coverage; break;
		case AIRS_COLUMN_FLAGS: out[i] = s->flags; break;
		case AIRS_COLUMN_COVERAGE: out[i] = s->coverage; break;
		case AIRS_COLUMN_IS_LEADER:
			out[i] = r->model->emps.v[s->emp].leader;
			break;
		default:
			/* derived columns go through the record accessor */
			airs_result_employee(r, i, &e);
			switch (column) {
			case AIRS_COLUMN_GAP_LEVELS: out[i] = e.gap_levels; break;
			case AIRS_COLUMN_GAP_POINTS: out[i] = e.gap_points; break;
			case AIRS_COLUMN_BARRIER: out[i] = e.barrier; break;
			default:
				out[i] = e.adkar[column - AIRS_COLUMN_AWARENESS];
				break;
			}
		}
	}
	return AIRS_OK;
}

int airs_result_ids(const airs_result *r, const char **out, size_t n)
{
	size_t i;

	if (!r || (!out && n))
		return AIRS_EINVAL;
	if (n > r->n)
		n = r->n;
	for (i = 0; i < n; i++)
		out[i] = r->model->emp_ids.str[r->s[i].emp];
	return AIRS_OK;
}

int airs_result_sentiment(const airs_result *r, size_t i, double *out)
{
	if (!r || !out)
		return AIRS_EINVAL;
	if (i >= r->n)
		return AIRS_ERANGE;
	if (!r->construct)
		return AIRS_EPRIVACY;
	memcpy(out, r->construct + i * NC, NC * sizeof *out);
	return AIRS_OK;
}

int airs_result_explain(const airs_result *r, size_t i, airs_contribution *out,
                        size_t cap, size_t *count)
{
	struct ctx c;
	struct scratch s;
	struct expl x;
	airs__score sc;
	airs__emp_detail d;
	size_t k;
	int rc;

	if (!r || !count || (!out && cap))
		return AIRS_EINVAL;
	for (k = 0; k < cap; k++)
		if (out[k].size < sizeof *out)
			return AIRS_EINVAL;
	if (i >= r->n)
		return AIRS_ERANGE;
	if (ctx_init(&c, r->model, &r->pv, &r->mem))
		return AIRS_ENOMEM;
	memset(&s, 0, sizeof s);
	x.out = out;
	x.cap = cap;
	x.n = 0;
	rc = score_one(&c, &s, &r->mem, r->s[i].emp, &sc, &d, NULL, &x);
	scratch_free(&s, &r->mem);
	ctx_free(&c, &r->mem);
	if (rc)
		return rc;
	*count = x.n;
	return AIRS_OK;
}

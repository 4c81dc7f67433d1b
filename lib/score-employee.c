/*
 * score-employee.c - one employee, methodology section 3 a function a
 * section: skill estimates and fit, training, sentiment, adoption, the
 * readiness and its explanation, level and gap, flags, and the ADKAR
 * profile derived from the result.
 *
 * Order independence: every sum over an employee's records runs over the
 * records sorted by their content (and over requirements and items sorted
 * by id), never in order of addition, so a permuted input gives bit-for-bit
 * the same numbers.
 */
#include "score-employee.h"

#include "abi.h"

#include <math.h>
#include <string.h>

#include "date.h"
#include "quantum.h"
#include "rollup.h"
#include "skill.h"
#include "tool-use.h"

#define NC AIRS_CONSTRUCT_COUNT_
#define NA 6 /* the attitude constructs, clarity .. voice */

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
	airs__arec *a;
	size_t acap;
	struct trec *t;
	size_t tcap;
	struct rrec *r;
	size_t rcap;
	uint32_t *hs;
	int64_t *hg;
	uint32_t *ss;     /* required skills the employee is short of */
	double *qw, *qwl; /* per requirement: evidence weight, weighted level */
	double *fit;      /* per requirement: its fit, NaN when not assessed */
	size_t hcap;
};

/* An explanation being collected (NULL when not wanted). */
struct expl {
	unsigned char *out;   /* the caller's array ... */
	size_t stride;        /* ... of elements of this size (abi.h) */
	size_t cap, n;
};

/* ------------------------------------------------------------------------
 * Shared preparation
 * ---------------------------------------------------------------------- */

void airs__score_ctx_free(airs__score_ctx *c, const airs__mem *mem)
{
	airs__free(mem, c->need);
}

int airs__score_ctx_init(airs__score_ctx *c, const airs_model *m,
                         const airs__pv *pv, airs_date T,
                         const airs__mem *mem)
{
	int rc = airs__score_ctx_init_again(c, m, pv, T, mem);

	if (!rc)
		airs__wave_choose(m, T, &c->wave);
	return rc;
}

int airs__score_ctx_init_again(airs__score_ctx *c, const airs_model *m,
                               const airs__pv *pv, airs_date T,
                               const airs__mem *mem)
{
	size_t nr = m->roles.n, r;

	memset(c, 0, sizeof *c);
	c->m = m;
	c->pv = pv;
	c->T = T;
	c->has_training = m->trainings.n > 0;
	c->has_usage = m->usages.n > 0;
	c->has_survey = m->responses.n > 0;
	c->optin = pv->individual_sentiment;
	c->win_hi = airs__date_month(c->T);
	c->win_lo = c->win_hi - (pv->window_months - 1);
	c->lapse_known = c->has_usage && m->usage_last >= c->win_hi;
	airs__level_thresholds(pv, c->level_q);
	c->lb_q = airs__quantise(pv->lb_readiness);
	c->min_share_q = airs__quantise(pv->min_skill_share);
	c->again_barrier = 1;
	c->again_evidence = 1;

	c->req_start = m->req_start;
	c->req = m->req;
	c->sum_v = m->req_weight;
	c->need = airs__calloc(mem, nr + 1, sizeof *c->need);
	c->item_rank = m->sorted[AIRS__S_ITEM].rank;
	if (!c->need) {
		airs__score_ctx_free(c, mem);
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
 * Working memory, decay, explanation lines
 * ---------------------------------------------------------------------- */

static void scratch_free(struct scratch *s, const airs__mem *mem)
{
	airs__free(mem, s->a);
	airs__free(mem, s->t);
	airs__free(mem, s->r);
	airs__free(mem, s->hs);
	airs__free(mem, s->hg);
	airs__free(mem, s->ss);
	airs__free(mem, s->qw);
	airs__free(mem, s->qwl);
	airs__free(mem, s->fit);
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
		uint32_t *ss;
		double *w, *wl, *f;
		if (!g)
			return AIRS_ENOMEM;
		s->hg = g;
		if (!(ss = airs__realloc(mem, s->ss, hcap * sizeof *ss)))
			return AIRS_ENOMEM;
		s->ss = ss;
		if (!(w = airs__realloc(mem, s->qw, hcap * sizeof *w)))
			return AIRS_ENOMEM;
		s->qw = w;
		if (!(wl = airs__realloc(mem, s->qwl, hcap * sizeof *wl)))
			return AIRS_ENOMEM;
		s->qwl = wl;
		if (!(f = airs__realloc(mem, s->fit, hcap * sizeof *f)))
			return AIRS_ENOMEM;
		s->fit = f;
		s->hcap = hcap;
	}
	return AIRS_OK;
}

static double decay(const airs__score_ctx *c, airs_date d)
{
	return airs__decay(c->pv, c->T, d);
}

static void explain_line(struct expl *x, int component, const char *skill,
                         double value, double weight, double points,
                         double level, double required, double confidence,
                         int status)
{
	airs_contribution o = AIRS_CONTRIBUTION_INIT;

	if (!x)
		return;
	if (x->n < x->cap) {
		o.component = component;
		o.skill_id = skill;
		o.value = value;
		o.weight = weight;
		o.points = points;
		o.level = level;
		o.required = required;
		o.confidence = confidence;
		o.status = status;
		AIRS__OUT(x->out + x->n * x->stride, &o);
	}
	x->n++;
}

/* ------------------------------------------------------------------------
 * The sections of methodology 3
 * ---------------------------------------------------------------------- */

/* One employee while being scored: what each section leaves for the
 * sections after it. */
struct one {
	uint32_t e;
	const airs__employee *emp;
	uint32_t r0, r1;          /* the role's requirements in c->req */
	double sum_v, need;       /* their total weight; the training need */
	uint32_t na;              /* assessments in s->a, in content order */
	/* components (3.6): present, presence pi, value; withheld bits */
	int present[AIRS_COMPONENT_COUNT_], withheld;
	double pi[AIRS_COMPONENT_COUNT_], val[AIRS_COMPONENT_COUNT_];
	double sumA;              /* weight of the assessed requirements */
	double sumAfit;           /* their weighted fit */
	uint32_t nassessed;       /* how many they are */
	double D;                 /* the present weight (3.6) */
	int evidence;             /* enum airs_evidence (1.1) */
	int prior;                /* a re-score's earlier evidence, when
	                             only D can change it; else -1 */
	unsigned inputs;          /* bits (1 << enum airs_input) */
	double h_eff;             /* effective training hours */
	double recent_hours;      /* training hours in the fatigue window */
	double cs[NC];            /* construct scores, NaN when none */
	double fat_sum;           /* fatigue: the items' changes of score, */
	int fat_n;                /* and their number */
	double ad;                /* adoption, 0 without usage */
	int lapsed;               /* 3.9: used before the recent months, not
	                             in them */
	double R;                 /* readiness, NaN when undefined */
};

/* An assessed requirement's fit: the estimate over the required level,
 * at most 1. */
static double fit_of(double wl, double wsum, double q)
{
	return wl / wsum / q > 1 ? 1 : wl / wsum / q;
}

/* Methodology 3.1: the assessments on or before the as-of date in
 * content order, and for each required skill its evidence: confidence
 * wsum in s->qw, weighted levels wl in s->qwl (the estimate is wl/wsum). */
static void skill_estimates(const airs__score_ctx *c, struct scratch *s,
                            struct one *o)
{
	uint32_t i;

	o->na = (uint32_t)airs__skill_assessments(c->m, o->e, c->T, s->a);
	for (i = o->r0; i < o->r1; i++)
		airs__skill_evidence(c->pv, c->T, s->a, o->na, c->req[i].skill,
		                     &s->qw[i - o->r0], &s->qwl[i - o->r0]);
}

/* Methodology 3.2: skill fit and coverage over the role's requirements,
 * for the unit's skill heatmap each assessed requirement's gap, and the
 * requirements the employee is short of (assessed below the level, or
 * not assessed: the course cohorts of methodology 8.6). */
static void skill_fit(const airs__score_ctx *c, struct scratch *s,
                      struct one *o, airs__emp_detail *d)
{
	double sumAfit = 0;
	uint32_t i;

	d->nshort = 0;
	for (i = o->r0; i < o->r1; i++) {
		const airs__req *q = &c->req[i];
		double wsum = s->qw[i - o->r0], wl = s->qwl[i - o->r0];
		if (wsum <= 0 || q->q - wl / wsum > 0)
			s->ss[d->nshort++] = q->skill;
		s->fit[i - o->r0] = NAN;
		if (wsum <= 0)
			continue;
		s->fit[i - o->r0] = fit_of(wl, wsum, q->q);
		o->nassessed++;
		o->sumA += q->v;
		sumAfit += q->v * s->fit[i - o->r0];
		s->hs[d->nskills] = q->skill;
		s->hg[d->nskills] = airs__quantise(q->q - wl / wsum > 0
		                                           ? q->q - wl / wsum
		                                           : 0);
		d->nskills++;
	}
	d->skill = s->hs;
	d->skill_gap_q = s->hg;
	d->short_skill = s->ss;
	o->sumAfit = sumAfit;
	if (o->r1 > o->r0)
		o->inputs |= 1u << AIRS_INPUT_REQUIREMENTS;
	if (o->na)
		o->inputs |= 1u << AIRS_INPUT_ASSESSMENTS;
	if (o->sumA > 0) {
		o->present[AIRS_COMPONENT_SKILL] = 1;
		o->pi[AIRS_COMPONENT_SKILL] = o->sumA / o->sum_v;
		o->val[AIRS_COMPONENT_SKILL] = sumAfit / o->sumA;
	}
}

/* Methodology 3.3: effective training hours and the training component;
 * also the hours in the fatigue window, for the flag. */
static void training(const airs__score_ctx *c, struct scratch *s,
                     struct one *o)
{
	const airs_model *m = c->m;
	const airs__csr *ct = &m->by_emp_training;
	double h_eff = 0, recent = 0;
	uint32_t i, nt = 0;

	for (i = ct->start[o->e]; i < ct->start[o->e + 1]; i++) {
		const airs__training *t = &m->trainings.v[airs__csr_at(ct, i)];
		if (t->date > c->T || t->status == AIRS_TRAINING_PLANNED)
			continue;
		s->t[nt].date = t->date;
		s->t[nt].status = t->status;
		s->t[nt].hours = t->hours;
		nt++;
	}
	if (nt)
		o->inputs |= 1u << AIRS_INPUT_TRAINING;
	for (i = 0; i < nt; i++) {
		h_eff += s->t[i].hours * decay(c, s->t[i].date);
		if (c->T - s->t[i].date < c->pv->fatigue_window)
			recent += s->t[i].hours;
	}
	o->h_eff = h_eff;
	o->recent_hours = recent;
	if (c->has_training) {
		o->present[AIRS_COMPONENT_TRAINING] = 1;
		o->pi[AIRS_COMPONENT_TRAINING] = 1;
		o->val[AIRS_COMPONENT_TRAINING] = h_eff / o->need > 1
		                                          ? 1
		                                          : h_eff / o->need;
	}
}

/* A response as the item scores it: reverse-coded when the item says so
 * (methodology 3.4). */
static double coded(const airs__item *it, double x)
{
	return it->reverse ? it->min + it->max - x : x;
}

/* Methodology 3.4: the n responses r of one item on its latest date.
 * Their mean score (0..1) scores the item; each counts towards the
 * unit's favourable shares and net score.  *raw: their mean on the
 * item's own scale. */
static double item_latest(const airs__item *it, const struct rrec *r,
                          uint32_t n, airs__emp_detail *d, double *raw)
{
	double lo = it->min, hi = it->max, sn = 0, sraw = 0;
	/* two boxes at each end where they cannot meet (a scale wider than
	 * 2: five points, four); on a shorter one the end points alone, so
	 * that no answer is both (methodology 4) */
	double box = hi - lo > 2 ? 1 : 0;
	int con = it->construct;
	uint32_t j;

	for (j = 0; j < n; j++) {
		double xv = coded(it, r[j].value);
		double nv = (xv - lo) / (hi - lo);
		sn += nv;
		sraw += xv;
		d->items[con]++;
		if (xv >= hi - box)
			d->favourable[con]++;
		if (xv <= lo + box)
			d->unfavourable[con]++;
		if (con == AIRS_CONSTRUCT_RECOMMEND) {
			d->net_responses++;
			if (10 * nv >= 9)
				d->promoters++;
			else if (10 * nv <= 6)
				d->detractors++;
		}
	}
	*raw = sraw / n;
	return sn / n;
}

/* Methodology 3.9, fatigue: the change of one item's score from its
 * latest date before the recent window (and before the survey period
 * read) to its latest date, latest, when that falls in the window.  r: the item's n responses by date.
 * Nonzero with *change set when there is such a pair. */
static int item_change(const airs__score_ctx *c, const airs__item *it,
                       const struct rrec *r, uint32_t n, double latest,
                       double *change)
{
	airs_date window_start = c->T - (airs_date)c->pv->fatigue_window;
	airs_date prev = INT32_MIN;
	double ps = 0;
	uint32_t j, pn = 0;

	if (r[n - 1].date <= window_start)
		return 0;
	/* the earlier answer is from before the survey period read */
	for (j = 0; j < n && r[j].date <= window_start &&
	            r[j].date < c->wave.start; j++)
		prev = r[j].date;
	for (j = 0; j < n; j++)
		if (r[j].date == prev) {
			ps += (coded(it, r[j].value) - it->min) /
			      (it->max - it->min);
			pn++;
		}
	if (!pn)
		return 0;
	*change = latest - ps / pn;
	return 1;
}

/* Methodology 3.4: the construct scores from each item's latest
 * responses in the survey period read (4.1) (also what the unit aggregates count of them and the
 * fatigue changes for the flag) and the sentiment component, withheld
 * unless individual sentiment is on. */
static void sentiment(const airs__score_ctx *c, struct scratch *s,
                      struct one *o, airs__emp_detail *d)
{
	const airs_model *m = c->m;
	const airs__csr *cr = &m->by_emp_response;
	double nsum[NC] = { 0 }, rawsum[NC] = { 0 }, se = 0;
	uint32_t cn[NC] = { 0 }, i, end, last, nr = 0;
	int k, n = 0;

	for (i = cr->start[o->e]; i < cr->start[o->e + 1]; i++) {
		const airs__response *r = &m->responses.v[airs__csr_at(cr, i)];
		/* the period's answers and, for fatigue, earlier ones */
		if (r->date > c->wave.end || m->items.v[r->item].construct < 0 ||
		    m->items.v[r->item].tool != AIRS__NONE) /* a tool's (9.3) */
			continue;
		s->r[nr].rank = c->item_rank[r->item];
		s->r[nr].item = r->item;
		s->r[nr].date = r->date;
		s->r[nr].value = r->value;
		nr++;
	}
	/* in content order (model.h): each item's responses are a run, by
	 * date */
	for (i = 0; i < nr; i = end) {
		const airs__item *it = &m->items.v[s->r[i].item];
		int con = it->construct;
		double score, raw, change;

		for (end = i; end < nr && s->r[end].item == s->r[i].item; end++)
			;
		if (!airs__wave_has(&c->wave, s->r[end - 1].date))
			continue; /* not answered in the period: no carry-forward */
		for (last = end;
		     last > i && s->r[last - 1].date == s->r[end - 1].date; last--)
			;
		score = item_latest(it, s->r + last, end - last, d, &raw);
		nsum[con] += score;
		rawsum[con] += raw;
		cn[con]++;
		if (item_change(c, it, s->r + i, end - i, score, &change)) {
			o->fat_sum += change;
			o->fat_n++;
		}
	}
	for (k = 0; k < NC; k++) {
		o->cs[k] = cn[k] ? nsum[k] / cn[k] : NAN;
		if (cn[k])
			d->respondent = 1;
		if (!isnan(o->cs[k])) {
			d->construct_present |= 1u << k;
			d->construct_q[k] = airs__quantise(o->cs[k]);
		}
	}
	if (cn[AIRS_CONSTRUCT_TIME_SAVED]) {
		/* hours on the items' own scale */
		d->has_time_saved = 1;
		d->time_saved_q = airs__quantise(rawsum[AIRS_CONSTRUCT_TIME_SAVED] /
		                                 cn[AIRS_CONSTRUCT_TIME_SAVED]);
	}
	for (k = 0; k < NA; k++)
		if (!isnan(o->cs[k])) {
			se += o->cs[k];
			n++;
		}
	if (n && c->optin) {
		o->present[AIRS_COMPONENT_SENTIMENT] = 1;
		o->pi[AIRS_COMPONENT_SENTIMENT] = 1;
		o->val[AIRS_COMPONENT_SENTIMENT] = se / n;
	} else if (!c->optin && c->has_survey) {
		/* withheld for everyone, answered or not: an individual
		 * output must not tell who took part (methodology 3.4) */
		o->withheld |= 1 << AIRS_COMPONENT_SENTIMENT;
	}
}

/* Methodology 3.5: adoption over the window months ending with the
 * as-of month; present when the model holds any usage. */
static void adoption(const airs__score_ctx *c, struct one *o)
{
	const airs__csr *cu = &c->m->by_emp_usage;
	const airs__pv *pv = c->pv;
	double days[24] = { 0 }, ad = 0;
	uint32_t i;
	int k;

	if (!c->has_usage)
		return;
	for (i = cu->start[o->e]; i < cu->start[o->e + 1]; i++) {
		const airs__usage *u = &c->m->usages.v[airs__csr_at(cu, i)];
		if (u->period < c->win_lo || u->period > c->win_hi)
			continue;
		o->inputs |= 1u << AIRS_INPUT_USAGE;
		if (u->days > days[u->period - c->win_lo])
			days[u->period - c->win_lo] = u->days;
	}
	/* Sum the capped days first and divide once: with whole days the
	 * sum is exact, so a tie such as 36 / 72 = 0.5 stays exactly 0.5
	 * for the flag thresholds. */
	for (k = 0; k < pv->window_months; k++)
		ad += days[k] < pv->full_days ? days[k] : pv->full_days;
	ad /= pv->full_days * pv->window_months;
	o->lapsed = airs__lapsed(days, pv->window_months, pv->tool_recent_months);
	o->ad = ad;
	o->present[AIRS_COMPONENT_ADOPTION] = 1;
	o->pi[AIRS_COMPONENT_ADOPTION] = 1;
	o->val[AIRS_COMPONENT_ADOPTION] = ad;
}

/* Methodology 1.1: whether the data support a readiness and a level -
 * evidence of ability: at least evidence.min_skill_share of the role's
 * required skills assessed, by number and by weight (the shares compared
 * at the 1e-9 quantum, as the level thresholds are), and something to
 * weigh (D > 0). */
static int evidence(const airs__score_ctx *c, const struct one *o, double D)
{
	uint32_t nreq = o->r1 - o->r0;
	int64_t min = c->min_share_q;

	if (o->prior >= 0 && o->prior != AIRS_EVIDENCE_SUFFICIENT &&
	    o->prior != AIRS_EVIDENCE_NO_COMPONENT)
		return o->prior; /* decided before D: the same again */
	if (o->prior >= 0)
		return D > 0 ? AIRS_EVIDENCE_SUFFICIENT
		             : AIRS_EVIDENCE_NO_COMPONENT;
	if (!nreq)
		return AIRS_EVIDENCE_NO_REQUIREMENTS;
	if (!o->nassessed)
		return AIRS_EVIDENCE_NO_SKILL_ASSESSMENT;
	if (airs__quantise((double)o->nassessed / nreq) < min ||
	    airs__quantise(o->sumA / o->sum_v) < min)
		return AIRS_EVIDENCE_FEW_SKILLS;
	return D > 0 ? AIRS_EVIDENCE_SUFFICIENT : AIRS_EVIDENCE_NO_COMPONENT;
}

/* Methodology 3.6: the points of an assessed requirement of weight v
 * and fit `fit`, of a role whose requirements weigh sum_v in all, and of
 * a component of value `val`, at the component weight W and the present
 * weight D. */
static double skill_term(double W, double v, double fit, double sum_v,
                         double D)
{
	return 100 * W * v * fit / (sum_v * D);
}

static double component_term(double W, double val, double D)
{
	return 100 * W * val / D;
}

/* Methodology 3.6: requirement i's points of readiness and its line of
 * the explanation; not assessed (0 points) without evidence or when
 * the readiness is undefined (D = 0).  Not counted (unscored, 0
 * points) when the evidence is too little (1.1).  Reads the fit kept
 * in s->fit; the evidence behind it (s->qw, s->qwl) only for an
 * explanation, which a re-score never makes. */
static double skill_points(const airs__score_ctx *c, const struct scratch *s,
                           const struct one *o, uint32_t i, double D,
                           struct expl *x)
{
	const airs__req *q = &c->req[i];
	const char *id = c->m->skill_ids.str[q->skill];
	double W = c->pv->weight[AIRS_COMPONENT_SKILL];
	double fit = s->fit[i - o->r0], pts;
	double wsum = x ? s->qw[i - o->r0] : 1, wl = x ? s->qwl[i - o->r0] : 1;

	if (isnan(fit) || !(D > 0)) {
		explain_line(x, AIRS_COMPONENT_SKILL, id, NAN, 0, 0, NAN, q->q,
		             0, AIRS_CONTRIBUTION_NOT_ASSESSED);
		return 0;
	}
	if (o->evidence != AIRS_EVIDENCE_SUFFICIENT) {
		explain_line(x, AIRS_COMPONENT_SKILL, id, fit, 0, 0, wl / wsum,
		             q->q, wsum, AIRS_CONTRIBUTION_UNSCORED);
		return 0;
	}
	pts = skill_term(W, q->v, fit, o->sum_v, D);
	explain_line(x, AIRS_COMPONENT_SKILL, id, fit,
	             W * q->v / (o->sum_v * D), pts, wl / wsum, q->q, wsum,
	             AIRS_CONTRIBUTION_COUNTED);
	return pts;
}

/* Methodology 3.6: component k's points (k after skill) and its line of
 * the explanation; none when it is absent, withheld or D = 0, or (1.1)
 * when the evidence is too little. */
static double component_points(const airs__score_ctx *c, const struct one *o,
                               int k, double D, struct expl *x)
{
	double W = c->pv->weight[k], pts;

	if (!o->present[k] || !(D > 0)) {
		explain_line(x, k, NULL, NAN, 0, 0, NAN, NAN, NAN,
		             (o->withheld >> k & 1) ? AIRS_CONTRIBUTION_WITHHELD
		                                    : AIRS_CONTRIBUTION_ABSENT);
		return 0;
	}
	if (o->evidence != AIRS_EVIDENCE_SUFFICIENT) {
		explain_line(x, k, NULL, o->val[k], 0, 0, NAN, NAN, NAN,
		             AIRS_CONTRIBUTION_UNSCORED);
		return 0;
	}
	pts = component_term(W, o->val[k], D);
	explain_line(x, k, NULL, o->val[k], W / D, pts, NAN, NAN, NAN,
	             AIRS_CONTRIBUTION_COUNTED);
	return pts;
}

/* The readiness's contributions summed as skill_points() and
 * component_points() make them - requirement order, then the components -
 * when no explanation is wanted and the evidence is sufficient (so D >
 * 0): a contribution counts exactly when its fit or component is there,
 * and the zeros of the others add nothing (the sum starts at +0 and
 * never becomes -0).  The same bits without their branches on the
 * evidence: each person's readiness again is most of a weight re-score. */
static double counted_sum(const airs__score_ctx *c, const struct scratch *s,
                          const struct one *o, double D)
{
	const double *W = c->pv->weight;
	double R = 0;
	uint32_t i;
	int k;

	for (i = o->r0; i < o->r1; i++) {
		double fit = s->fit[i - o->r0];
		if (!isnan(fit))
			R += skill_term(W[AIRS_COMPONENT_SKILL], c->req[i].v, fit,
			                o->sum_v, D);
	}
	for (k = 1; k < AIRS_COMPONENT_COUNT_; k++)
		if (o->present[k])
			R += component_term(W[k], o->val[k], D);
	return R;
}

/* Methodology 3.6 and 1.1: the readiness as the sum of its
 * contributions, each a line of the explanation when one is wanted; NaN
 * when the evidence does not support one (D = 0 among its reasons).
 * Decides o->D and o->evidence. */
static double readiness(const airs__score_ctx *c, const struct scratch *s,
                        struct one *o, struct expl *x)
{
	double D = 0, R = 0;
	uint32_t i;
	int k;

	for (k = 0; k < AIRS_COMPONENT_COUNT_; k++)
		if (o->present[k])
			D += c->pv->weight[k] * o->pi[k];
	o->D = D;
	o->evidence = evidence(c, o, D);
	if (x) {
		for (i = o->r0; i < o->r1; i++)
			R += skill_points(c, s, o, i, D, x);
		for (k = 1; k < AIRS_COMPONENT_COUNT_; k++)
			R += component_points(c, o, k, D, x);
	} else if (o->evidence == AIRS_EVIDENCE_SUFFICIENT) {
		R = counted_sum(c, s, o, D);
	}
	/* the contributions add up to 0..100 exactly in real numbers; in
	 * doubles a lone skill can make 100.00000000000001 (fuzz finding
	 * F10), so the sum is held to the range the header promises, and
	 * the explanation still adds up to it within 1e-9 */
	if (R > 100)
		R = 100;
	else if (R < 0)
		R = 0;
	return o->evidence == AIRS_EVIDENCE_SUFFICIENT ? R : NAN;
}

/* Methodology 1.1: the readiness range.  Of the full weight F (every
 * component; sentiment only with individual sentiment), what is known
 * adds up to K = sum of W_c pi_c v_c over present components, and the
 * rest, F - D, is unknown: the range is 100 K / F .. 100 (K + F - D) /
 * F.  Nothing unknown (D = F): the readiness itself. */
static void readiness_range(const airs__score_ctx *c, const struct one *o,
                            double range[2])
{
	const double *W = c->pv->weight;
	double F = 0, K = 0;
	int k;

	for (k = 0; k < AIRS_COMPONENT_COUNT_; k++) {
		if (k == AIRS_COMPONENT_SENTIMENT && !c->optin)
			continue;
		F += W[k];
		if (!o->present[k])
			continue;
		K += k == AIRS_COMPONENT_SKILL ? W[k] * o->sumAfit / o->sum_v
		                               : W[k] * o->val[k];
	}
	if (!(F > 0)) {
		range[0] = range[1] = NAN;
	} else if (o->D == F && !isnan(o->R)) {
		range[0] = range[1] = o->R;
	} else {
		range[0] = 100 * K / F;
		range[1] = 100 * (K + F - o->D) / F;
		if (range[1] > 100)
			range[1] = 100;
	}
}

/* Methodology 3.6 and 1.1: what the result keeps of the components and
 * their inputs; no weight changes them, so a re-score takes them as
 * they were. */
static void keep_components(const struct one *o, airs__score *out)
{
	int k;

	out->inputs = (uint8_t)o->inputs;
	out->skills_assessed = o->nassessed;
	out->withheld = (uint8_t)o->withheld;
	out->skill_coverage = o->sum_v > 0 ? o->sumA / o->sum_v : NAN;
	for (k = 0; k < AIRS_COMPONENT_COUNT_; k++) {
		out->component[k] = o->present[k] ? o->val[k] : NAN;
		if (o->present[k])
			out->coverage |= (uint8_t)(1 << k);
	}
}

/* Methodology 3.6 and 1.1: what the result and the rollup keep of the
 * readiness, its range and evidence. */
static void keep_readiness(const airs__score_ctx *c, const struct one *o,
                           airs__score *out, airs__emp_detail *d)
{
	out->readiness = o->R;
	readiness_range(c, o, out->range);
	out->evidence = (uint8_t)o->evidence;
	d->has_readiness = !isnan(o->R);
	d->readiness_q = d->has_readiness ? airs__quantise(o->R) : 0;
	d->insufficient = o->evidence != AIRS_EVIDENCE_SUFFICIENT;
}

/* Methodology 3.7: the level, the unit's target and the gap. */
static void level_and_gap(const airs__score_ctx *c, const struct one *o,
                          airs__score *out, airs__emp_detail *d)
{
	out->target = (uint8_t)c->m->unit_target[o->emp->unit];
	out->level = (uint8_t)(d->has_readiness ? airs__level_of_rq(c->level_q,
	                                                            d->readiness_q)
	                                        : airs__level_of_q(c->level_q,
	                                                           o->R));
	d->level = out->level;
	d->has_gap = out->level && out->target;
	d->gap_levels = d->has_gap ? out->target - out->level : 0;
	d->below_target = d->has_gap && out->level < out->target;
}

/* Methodology 3.9, overconfidence, over the sorted assessments: 2 when
 * some skill was assessed both by the employee and by a test or
 * certification, plus 1 when for one of them the latest self-rating is
 * the gap or more above the latest verified level. */
static int overconfidence(const airs__score_ctx *c, const struct scratch *s,
                          uint32_t na)
{
	uint32_t i, j;
	int over = 0;

	for (i = 0; i < na; i = j) {
		int has_self = 0, has_verified = 0;
		double self = 0, verified = 0;
		for (j = i; j < na && s->a[j].skill == s->a[i].skill; j++) {
			int src = s->a[j].source;
			if (src == AIRS_SOURCE_SELF) {
				has_self = 1; /* sorted by date, level: last wins */
				self = s->a[j].level;
			} else if (src == AIRS_SOURCE_TEST ||
			           src == AIRS_SOURCE_CERTIFICATION) {
				has_verified = 1;
				verified = s->a[j].level;
			}
		}
		if (has_self && has_verified) {
			over |= 2;
			if (self - verified >= c->pv->overconfidence)
				over |= 1;
		}
	}
	return over;
}

/* Methodology 3.9, left behind: the only flag that reads the readiness,
 * into *f and *ev (a re-score of the readiness redoes it alone). */
static void left_behind(const airs__score_ctx *c, const struct one *o,
                        int64_t rq, unsigned *f, unsigned *ev)
{
	const airs__pv *pv = c->pv;
	const double *cs = o->cs;
	int support = !isnan(cs[AIRS_CONSTRUCT_SUPPORT]);

	if (!isnan(o->R) && (c->has_training || (c->optin && support))) {
		*ev |= AIRS_FLAG_LEFT_BEHIND;
		if (rq < c->lb_q &&
		    ((c->has_training &&
		      o->val[AIRS_COMPONENT_TRAINING] < pv->lb_training) ||
		     (c->optin && support &&
		      cs[AIRS_CONSTRUCT_SUPPORT] < pv->lb_support)))
			*f |= AIRS_FLAG_LEFT_BEHIND;
	}
}

/* Methodology 3.9: the flags and which were evaluated.  Those read from
 * survey answers show only with individual sentiment on, but are always
 * counted for the anonymised unit counts (d->flags). */
static void flags(const airs__score_ctx *c, const struct scratch *s,
                  const struct one *o, airs__score *out, airs__emp_detail *d)
{
	const airs__pv *pv = c->pv;
	const double *cs = o->cs;
	unsigned f = 0, ev = 0, internal = 0;
	int over = overconfidence(c, s, o->na);
	double benefit = NAN, bsum = 0;
	int bn = 0;

	left_behind(c, o, d->readiness_q, &f, &ev);
	if (o->fat_n && o->recent_hours >= pv->fatigue_hours) {
		d->flags_read |= AIRS_FLAG_FATIGUE;
		if (o->fat_sum / o->fat_n <= -pv->fatigue_drop)
			internal |= AIRS_FLAG_FATIGUE;
	}
	if (c->has_training && o->fat_n)
		ev |= c->optin ? AIRS_FLAG_FATIGUE : 0;
	if (c->has_training && c->has_usage) {
		ev |= AIRS_FLAG_REVERSION;
		if (o->h_eff >= pv->rev_training * o->need &&
		    o->ad < pv->rev_adoption)
			f |= AIRS_FLAG_REVERSION;
	}
	if (c->lapse_known) {
		ev |= AIRS_FLAG_LAPSED;
		if (o->lapsed)
			f |= AIRS_FLAG_LAPSED;
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
		if (o->ad >= pv->nb_adoption) {
			d->flags_read |= AIRS_FLAG_NO_BENEFIT;
			if (benefit <= pv->nb_benefit)
				internal |= AIRS_FLAG_NO_BENEFIT;
		}
	}
	if (c->optin)
		f |= internal;
	out->flags = (uint8_t)f;
	out->flags_evaluated = (uint8_t)ev;
	d->flags = f | internal;
}

/* Score employee e, section by section of methodology 3.  Fills *out, *d
 * (for the rollup) and, when wanted, the construct scores and an
 * explanation.  d->skill/skill_gap_q point into the scratch.  The ADKAR
 * profile (3.8) is derived from the result when read. */
static int score_one(const airs__score_ctx *c, struct scratch *s,
                     const airs__mem *mem, uint32_t e, airs__score *out,
                     airs__emp_detail *d, double *constructs, struct expl *x,
                     double *keep_sums, double *keep_fit)
{
	const airs__csr *ca = &c->m->by_emp_assessment,
	                *ct = &c->m->by_emp_training,
	                *cr = &c->m->by_emp_response;
	struct one o;

	memset(&o, 0, sizeof o);
	o.prior = -1;
	o.e = e;
	o.emp = &c->m->emps.v[e];
	o.r0 = c->req_start[o.emp->role];
	o.r1 = c->req_start[o.emp->role + 1];
	o.sum_v = c->sum_v[o.emp->role];
	o.need = c->need[o.emp->role];
	if (scratch_reserve(s, mem, ca->start[e + 1] - ca->start[e],
	                    ct->start[e + 1] - ct->start[e],
	                    cr->start[e + 1] - cr->start[e], o.r1 - o.r0 + 1))
		return AIRS_ENOMEM;
	memset(d, 0, sizeof *d);
	memset(out, 0, sizeof *out);
	d->unit = o.emp->unit;
	d->employee = (uint32_t)e;
	d->leader = o.emp->leader;
	out->emp = e;

	skill_estimates(c, s, &o);
	skill_fit(c, s, &o, d);
	training(c, s, &o);
	sentiment(c, s, &o, d);
	adoption(c, &o);
	o.R = readiness(c, s, &o, x);
	keep_components(&o, out);
	keep_readiness(c, &o, out, d);
	level_and_gap(c, &o, out, d);
	flags(c, s, &o, out, d);
	if (constructs)
		memcpy(constructs, o.cs, sizeof o.cs);
	if (keep_sums) {
		keep_sums[0] = o.sumA;
		keep_sums[1] = o.sumAfit;
		memcpy(keep_fit, s->fit, (o.r1 - o.r0) * sizeof *keep_fit);
	}
	return AIRS_OK;
}

int airs__score_again(const airs__score_ctx *c, const airs__score *prev,
                      const double sums[2], const double *fit,
                      const double *constructs, airs__score *out,
                      airs__emp_detail *d)
{
	struct scratch s;
	struct one o;
	unsigned f = 0, ev = 0;
	double a[5];
	int k;

	memset(&s, 0, sizeof s);
	memset(&o, 0, sizeof o);
	s.fit = (double *)(uintptr_t)fit; /* read only */
	o.e = prev->emp;
	o.emp = &c->m->emps.v[o.e];
	o.r0 = c->req_start[o.emp->role];
	o.r1 = c->req_start[o.emp->role + 1];
	o.sum_v = c->sum_v[o.emp->role];
	o.need = c->need[o.emp->role];
	o.sumA = sums[0];
	o.sumAfit = sums[1];
	o.nassessed = prev->skills_assessed;
	o.prior = c->again_evidence ? -1 : prev->evidence;
	o.inputs = prev->inputs;
	o.withheld = prev->withheld;
	for (k = 0; k < AIRS_COMPONENT_COUNT_; k++) {
		o.present[k] = prev->coverage >> k & 1;
		if (!o.present[k])
			continue;
		o.pi[k] = k == AIRS_COMPONENT_SKILL ? o.sumA / o.sum_v : 1;
		o.val[k] = prev->component[k];
	}
	for (k = 0; k < NC; k++)
		o.cs[k] = constructs ? constructs[k] : NAN;
	*out = *prev; /* its components (keep_components()) among the rest */
	d->unit = o.emp->unit;
	d->employee = o.e;
	d->leader = o.emp->leader;
	o.R = readiness(c, &s, &o, NULL);
	keep_readiness(c, &o, out, d);
	level_and_gap(c, &o, out, d);
	left_behind(c, &o, d->readiness_q, &f, &ev);
	out->flags = (uint8_t)((prev->flags & ~AIRS_FLAG_LEFT_BEHIND) | f);
	out->flags_evaluated = (uint8_t)((prev->flags_evaluated &
	                                  ~AIRS_FLAG_LEFT_BEHIND) | ev);
	d->flags = f;
	/* the ADKAR profile reads no weight: with its threshold unchanged
	 * the barrier point is the earlier one (rollup-rescore.c keeps the
	 * counts) */
	if (c->again_barrier)
		airs__score_adkar(out, constructs, c->pv, a, &d->barrier);
	else
		d->barrier = -1;
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Runs of employees, an explanation, the ADKAR profile
 * ---------------------------------------------------------------------- */

/* Employees scored between reports of progress. */
#define PROGRESS_EVERY 256

/* What the unit ADKAR profile reads of employee s (methodology 4.6):
 * skill fit and adoption, and the barrier point the result shows (cs:
 * the construct scores, with individual sentiment only). */
static void adkar_detail(const airs__pv *pv, const airs__score *s,
                         const double *cs, airs__emp_detail *d)
{
	double a[5];
	double S = s->component[AIRS_COMPONENT_SKILL],
	       Ad = s->component[AIRS_COMPONENT_ADOPTION];

	d->has_fit = !isnan(S);
	d->fit_q = d->has_fit ? airs__quantise(S) : 0;
	d->has_adoption = !isnan(Ad);
	d->adoption_q = d->has_adoption ? airs__quantise(Ad) : 0;
	airs__score_adkar(s, cs, pv, a, &d->barrier);
}

int airs__score_run(const airs__score_ctx *c, const airs__mem *mem,
                    const uint32_t *order, size_t lo, size_t hi,
                    airs__score *out, double *constructs, airs_rollup *rollup,
                    airs__progress *progress, uint64_t *short_n,
                    const airs__score_keep *keep)
{
	struct scratch s;
	airs__emp_detail d;
	size_t i, k;
	int rc = AIRS_OK;

	memset(&s, 0, sizeof s);
	for (i = lo; !rc && i < hi; i++) {
		rc = score_one(c, &s, mem, order[i], &out[i], &d,
		               constructs ? constructs + i * NC : NULL, NULL,
		               keep ? keep->sums + 2 * i : NULL,
		               keep ? keep->fit + keep->fit_at[i] : NULL);
		if (!rc) {
			adkar_detail(c->pv, &out[i],
			             constructs ? constructs + i * NC : NULL, &d);
			rc = airs__rollup_add(rollup, &d);
		}
		for (k = 0; !rc && k < d.nshort; k++)
			short_n[d.short_skill[k]]++;
		if (!rc && (i - lo + 1) % PROGRESS_EVERY == 0)
			rc = airs__progress_add(progress, PROGRESS_EVERY);
	}
	if (!rc)
		rc = airs__progress_add(progress, (hi - lo) % PROGRESS_EVERY);
	scratch_free(&s, mem);
	return rc;
}

int airs__score_constructs(const airs__score_ctx *c, const airs__mem *mem,
                           uint32_t e, double *constructs)
{
	struct scratch s;
	airs__score out;
	airs__emp_detail d;
	int rc;

	memset(&s, 0, sizeof s);
	rc = score_one(c, &s, mem, e, &out, &d, constructs, NULL, NULL, NULL);
	scratch_free(&s, mem);
	return rc;
}

int airs__score_detail(const airs__score_ctx *c, const airs__mem *mem,
                       uint32_t e, airs__emp_detail *d, double *constructs)
{
	struct scratch s;
	airs__score out;
	int rc;

	memset(&s, 0, sizeof s);
	rc = score_one(c, &s, mem, e, &out, d, constructs, NULL, NULL, NULL);
	scratch_free(&s, mem);
	d->nskills = d->nshort = 0;
	d->skill = d->short_skill = NULL;
	d->skill_gap_q = NULL;
	return rc;
}

int airs__score_explain(const airs__score_ctx *c, const airs__mem *mem,
                        uint32_t e, void *out, size_t stride, size_t cap,
                        size_t *count)
{
	struct scratch s;
	struct expl x;
	airs__score sc;
	airs__emp_detail d;
	int rc;

	memset(&s, 0, sizeof s);
	x.out = out;
	x.stride = stride;
	x.cap = cap;
	x.n = 0;
	rc = score_one(c, &s, mem, e, &sc, &d, NULL, &x, NULL, NULL);
	scratch_free(&s, mem);
	if (!rc)
		*count = x.n;
	return rc;
}

/* Methodology 3.8: the ADKAR profile from the stored components and,
 * with individual sentiment, the constructs. */
void airs__score_adkar(const airs__score *s, const double *cs,
                       const airs__pv *pv, double a[5], int *barrier)
{
	int k;

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
	*barrier = airs__adkar_barrier(a, pv);
}

int airs__adkar_barrier(const double a[5], const airs__pv *pv)
{
	return airs__adkar_barrier_q(a, airs__quantise(pv->barrier));
}

int airs__adkar_barrier_q(const double a[5], int64_t threshold_q)
{
	int k, known = 0;

	for (k = 0; k < 5; k++) {
		if (a[k] == 0)
			continue;
		known = 1;
		if (airs__quantise(a[k]) <= threshold_q)
			return k;
	}
	return known ? AIRS_BARRIER_NONE : AIRS_BARRIER_UNKNOWN;
}

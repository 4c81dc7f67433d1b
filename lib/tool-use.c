/*
 * tool-use.c - methodology 9.1: one person's use of each AI tool and the
 * benefit they report of it (tool-use.h).
 *
 * A person's usage rows are read once: each tool they named up to the
 * as-of month gets a slot with its window months' active days and its
 * first active month; their answers to items about a tool add to that
 * tool's slot.  Every sum is over whole days or quantised scores, and
 * every order is the content's (items by id), so the entries do not
 * depend on the order rows were added in.
 */
#include "tool-use.h"

#include <string.h>

#include "date.h"
#include "quantum.h"

#define WMAX 24 /* adoption.window_months at most */

int airs__lapsed(const double *days, int window, int recent)
{
	int k, before = 0;

	if (recent >= window)
		return 0;
	for (k = 0; k < window - recent; k++)
		before |= days[k] > 0;
	for (; k < window; k++)
		if (days[k] > 0)
			return 0;
	return before;
}

struct slot {
	uint32_t tool;
	airs_month first;        /* first active month, INT32_MAX: none */
	double days[WMAX];       /* active days of each window month */
	double bsum[2];          /* usefulness, time_saved: item scores */
	uint32_t bn[2];
};

struct resp {
	uint32_t rank, item;
	airs_date date;
	double value;
};

struct airs__tool_scratch {
	uint32_t *slot_of;       /* per tool: its slot, or AIRS__NONE */
	struct slot *slots;
	size_t nslots, cap;
	struct resp *r;
	size_t rn, rcap;
};

int airs__tool_ctx_init(airs__tool_ctx *c, const airs_model *m,
                        const airs__pv *pv, airs_date T, const airs__mem *mem)
{
	uint32_t t;

	memset(c, 0, sizeof *c);
	c->m = m;
	c->pv = pv;
	c->T = T;
	airs__wave_choose(m, T, &c->wave);
	c->hi = airs__date_month(T);
	c->lo = c->hi - (pv->window_months - 1);
	c->ntools = (uint32_t)m->usages.tool_ids.count;
	c->registry = m->tools.n > 0;
	c->lapse_known = m->usages.n > 0 && m->usage_last >= c->hi;
	c->unsanctioned = airs__calloc(mem, c->ntools + 1, 1);
	if (!c->unsanctioned)
		return AIRS_ENOMEM;
	/* with a registry, a tool it lacks is not sanctioned either */
	for (t = 0; c->registry && t < c->ntools; t++) {
		const airs__tool *x = airs__tool_at(m, t);
		c->unsanctioned[t] = !x || x->unsanctioned;
	}
	return AIRS_OK;
}

void airs__tool_ctx_free(airs__tool_ctx *c, const airs__mem *mem)
{
	airs__free(mem, c->unsanctioned);
	c->unsanctioned = NULL;
}

airs__tool_scratch *airs__tool_scratch_new(const airs__tool_ctx *c,
                                           const airs__mem *mem)
{
	airs__tool_scratch *s = airs__calloc(mem, 1, sizeof *s);
	uint32_t t;

	if (!s)
		return NULL;
	s->slot_of = airs__malloc(mem, (c->ntools + 1) * sizeof *s->slot_of);
	if (!s->slot_of) {
		airs__free(mem, s);
		return NULL;
	}
	for (t = 0; t < c->ntools; t++)
		s->slot_of[t] = AIRS__NONE;
	return s;
}

void airs__tool_scratch_free(airs__tool_scratch *s, const airs__mem *mem)
{
	if (!s)
		return;
	airs__free(mem, s->slot_of);
	airs__free(mem, s->slots);
	airs__free(mem, s->r);
	airs__free(mem, s);
}

/* The slot of tool t, made when new.  NULL when out of memory. */
static struct slot *slot_for(airs__tool_scratch *s, const airs__mem *mem,
                             uint32_t t)
{
	struct slot *x;

	if (s->slot_of[t] != AIRS__NONE)
		return &s->slots[s->slot_of[t]];
	if (airs__grow(mem, &s->slots, &s->cap, s->nslots + 1, sizeof *s->slots))
		return NULL;
	x = &s->slots[s->nslots];
	memset(x, 0, sizeof *x);
	x->tool = t;
	x->first = INT32_MAX;
	s->slot_of[t] = (uint32_t)s->nslots++;
	return x;
}

/* Usage rows up to the as-of month into the slots.  AIRS_ENOMEM. */
static int read_usage(const airs__tool_ctx *c, airs__tool_scratch *s,
                      const airs__mem *mem, uint32_t e)
{
	const airs_model *m = c->m;
	const airs__csr *cu = &m->by_emp_usage;
	uint32_t i;

	for (i = cu->start[e]; i < cu->start[e + 1]; i++) {
		const airs__usage *u = &m->usages.v[airs__csr_at(cu, i)];
		struct slot *x;
		if (u->period > c->hi)
			continue;
		if (!(x = slot_for(s, mem, u->tool)))
			return AIRS_ENOMEM;
		if (u->days > 0 && u->period < x->first)
			x->first = u->period;
		if (u->period >= c->lo)
			x->days[u->period - c->lo] = u->days;
	}
	return AIRS_OK;
}

static int resp_before(const struct resp *a, const struct resp *b)
{
	return a->rank != b->rank ? a->rank < b->rank : a->date < b->date;
}

/* Methodology 9.1, benefit: each item about a tool the person used
 * scores the mean of its latest day's answers in the survey period read
 * (4.1) (reverse-coded, 0..1), as
 * in 3.4, into its construct's sum in the tool's slot. */
static int read_benefit(const airs__tool_ctx *c, airs__tool_scratch *s,
                        const airs__mem *mem, uint32_t e)
{
	const airs_model *m = c->m;
	const airs__csr *cr = &m->by_emp_response;
	const uint32_t *rank = m->sorted[AIRS__S_ITEM].rank;
	uint32_t i, j, end, last;

	s->rn = 0;
	for (i = cr->start[e]; i < cr->start[e + 1]; i++) {
		const airs__response *r = &m->responses.v[airs__csr_at(cr, i)];
		const airs__item *it = &m->items.v[r->item];
		struct resp x;
		if (!airs__wave_has(&c->wave, r->date) || it->tool == AIRS__NONE ||
		    s->slot_of[it->tool] == AIRS__NONE ||
		    (it->construct != AIRS__C_USEFULNESS &&
		     it->construct != AIRS__C_TIME_SAVED))
			continue;
		if (airs__grow(mem, &s->r, &s->rcap, s->rn + 1, sizeof *s->r))
			return AIRS_ENOMEM;
		x.rank = rank[r->item];
		x.item = r->item;
		x.date = r->date;
		x.value = r->value;
		for (j = (uint32_t)s->rn; j > 0 && resp_before(&x, &s->r[j - 1]); j--)
			s->r[j] = s->r[j - 1];
		s->r[j] = x;
		s->rn++;
	}
	for (i = 0; i < s->rn; i = end) {
		const airs__item *it = &m->items.v[s->r[i].item];
		struct slot *x = &s->slots[s->slot_of[it->tool]];
		int k = it->construct == AIRS__C_TIME_SAVED;
		double sum = 0;
		for (end = i; end < s->rn && s->r[end].item == s->r[i].item; end++)
			;
		for (last = end; last > i && s->r[last - 1].date == s->r[end - 1].date;
		     last--)
			;
		for (j = last; j < end; j++) {
			double v = it->reverse ? it->min + it->max - s->r[j].value
			                       : s->r[j].value;
			sum += (v - it->min) / (it->max - it->min);
		}
		x->bsum[k] += sum / (end - last);
		x->bn[k]++;
	}
	return AIRS_OK;
}

/* The measures of one tool or set from its window months' days md and
 * first active month; 0 when not used in the window. */
static int measure(const airs__tool_ctx *c, const double *md,
                   airs_month first, airs__tool_entry *en)
{
	const airs__pv *pv = c->pv;
	int W = pv->window_months, k, full = 0;
	double sum = 0;

	for (k = 0; k < W; k++) {
		sum += md[k];
		full += md[k] >= pv->full_days;
	}
	if (!(sum > 0))
		return 0;
	en->days = (uint32_t)sum;
	en->habitual = full >= pv->tool_habit_months;
	en->lapsed = (uint8_t)airs__lapsed(md, W, pv->tool_recent_months);
	en->fresh = first > c->hi - pv->tool_recent_months;
	en->wait = -1;
	return 1;
}

static int push(airs__tool_entries *out, const airs__mem *mem,
                const airs__tool_entry *en)
{
	if (airs__grow(mem, &out->v, &out->cap, out->n + 1, sizeof *out->v))
		return AIRS_ENOMEM;
	out->v[out->n++] = *en;
	return AIRS_OK;
}

/* The entry of a real tool's slot (0: not used in the window). */
static int tool_entry(const airs__tool_ctx *c, const struct slot *x,
                      uint32_t e, airs__tool_entry *en)
{
	const airs__tool *reg = airs__tool_at(c->m, x->tool);
	int k, nb = 0;
	double b = 0;

	memset(en, 0, sizeof *en);
	en->x = x->tool;
	en->emp = e;
	if (!measure(c, x->days, x->first, en))
		return 0;
	if (reg && reg->available)
		en->wait = x->first > reg->available ? x->first - reg->available : 0;
	for (k = 0; k < 2; k++)
		if (x->bn[k]) {
			b += x->bsum[k] / x->bn[k];
			nb++;
		}
	if (nb) {
		en->has_benefit = 1;
		en->benefit_q = airs__quantise(b / nb);
	}
	return 1;
}

/* The entry of a set of tools (all; unsanctioned): each month's busiest
 * tool, the earliest first use. */
static int set_entry(const airs__tool_ctx *c, const airs__tool_scratch *s,
                     uint32_t e, int only_uns, airs__tool_entry *en)
{
	double md[WMAX] = { 0 };
	airs_month first = INT32_MAX;
	size_t i;
	int k;

	for (i = 0; i < s->nslots; i++) {
		const struct slot *x = &s->slots[i];
		if (only_uns && !c->unsanctioned[x->tool])
			continue;
		for (k = 0; k < c->pv->window_months; k++)
			if (x->days[k] > md[k])
				md[k] = x->days[k];
		if (x->first < first)
			first = x->first;
	}
	memset(en, 0, sizeof *en);
	en->x = only_uns ? AIRS__TOOL_X_UNS(c->ntools) : AIRS__TOOL_X_ALL(c->ntools);
	en->emp = e;
	return measure(c, md, first, en);
}

int airs__tool_person(const airs__tool_ctx *c, airs__tool_scratch *s,
                      const airs__mem *mem, uint32_t e,
                      airs__tool_entries *out)
{
	size_t n0 = out->n, i;
	airs__tool_entry en;
	int rc;

	s->nslots = 0;
	rc = read_usage(c, s, mem, e);
	if (!rc)
		rc = read_benefit(c, s, mem, e);
	for (i = 0; !rc && i < s->nslots; i++)
		if (tool_entry(c, &s->slots[i], e, &en))
			rc = push(out, mem, &en);
	if (!rc && set_entry(c, s, e, 0, &en))
		rc = push(out, mem, &en);
	if (!rc && c->registry && set_entry(c, s, e, 1, &en))
		rc = push(out, mem, &en);
	for (i = 0; i < s->nslots; i++)
		s->slot_of[s->slots[i].tool] = AIRS__NONE;
	if (rc)
		out->n = n0;
	return rc;
}

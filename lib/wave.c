/*
 * wave.c - the survey period a scoring reads (methodology 4.1, wave.h).
 */
#include "wave.h"

#include <stdint.h>

#include "date.h"

/* The last day of the month of d. */
static airs_date month_end(airs_date d)
{
	return airs__month_start(airs__date_month(d) + 1) - 1;
}

/* Without declared waves: the latest calendar month with answers whose
 * last day is on or before T.  A month ends by T exactly when it is at
 * most the month of the last month end on or before T (last): the latest
 * such month among the model's months with answers, by bisection. */
static void pick_month(const airs_model *m, airs_date T, airs__wave_pick *p)
{
	airs_month last = month_end(T) == T ? airs__date_month(T)
	                                    : airs__date_month(T) - 1;
	size_t lo = 0, hi = m->n_answer_months; /* answer below hi */

	while (lo < hi) { /* the first month after last */
		size_t mid = lo + (hi - lo) / 2;
		if (m->answer_months[mid] <= last)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return;
	p->start = airs__month_start(m->answer_months[lo - 1]);
	p->end = month_end(p->start);
}

void airs__wave_choose(const airs_model *m, airs_date T, airs__wave_pick *p)
{
	size_t w;

	p->start = 1;
	p->end = 0;
	p->wave = AIRS__NONE;
	if (!m->waves.n) {
		pick_month(m, T, p);
		return;
	}
	/* declared waves do not overlap: the one that ended last by T */
	for (w = 0; w < m->waves.n; w++) {
		const airs__wave *x = &m->waves.v[w];
		if (x->end <= T && (p->wave == AIRS__NONE || x->end > p->end)) {
			p->wave = (uint32_t)w;
			p->start = x->start;
			p->end = x->end;
		}
	}
}

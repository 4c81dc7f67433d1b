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
 * last day is on or before T.  A month ends by T exactly when its days
 * do by the last month end on or before T (last), so that month is the
 * month of the latest answer dated by last: one pass of comparisons. */
static void pick_month(const airs_model *m, airs_date T, airs__wave_pick *p)
{
	airs_date last = month_end(T) == T
	                 ? T : airs__month_start(airs__date_month(T)) - 1;
	airs_date best = INT32_MIN;
	size_t i;

	for (i = 0; i < m->responses.n; i++) {
		airs_date d = m->responses.v[i].date;
		if (d <= last && d > best)
			best = d;
	}
	if (best == INT32_MIN)
		return;
	p->end = month_end(best);
	p->start = airs__month_start(airs__date_month(best));
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

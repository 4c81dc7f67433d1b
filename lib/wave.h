/*
 * wave.h - methodology 4.1, anonymity across time: which survey answers
 * a scoring at an as-of date reads.
 *
 * Survey figures come from one closed survey period: the latest declared
 * wave (survey_waves.csv) that ended on or before the as-of date, or,
 * when the data declares no waves, the latest calendar month with answers
 * that ended on or before it.  An answer counts only if it lies in that
 * period (no carry-forward from earlier ones), so the figures stay the
 * same while the as-of date moves inside or after a period, and two
 * reports at different dates differ by whole periods, never by one
 * person's answer.
 */
#ifndef AIRS_WAVE_H
#define AIRS_WAVE_H

#include <stdint.h>

#include "model.h"

/* The survey period a scoring reads: answers dated start .. end
 * (inclusive) count.  start > end when no period is closed by the
 * as-of date (no answer counts). */
typedef struct airs__wave_pick {
	airs_date start, end;
	uint32_t wave; /* the declared wave, or AIRS__NONE: a calendar month */
} airs__wave_pick;

/* The period a scoring of m (finished) as of T reads.  Only the as-of
 * date and the data's waves (or months with answers) decide it, so that
 * the shards of one dataset scored as of one date read one period. */
void airs__wave_choose(const airs_model *m, airs_date T, airs__wave_pick *p);

/* Whether an answer dated d is in the period p. */
static inline int airs__wave_has(const airs__wave_pick *p, airs_date d)
{
	return d >= p->start && d <= p->end;
}

#endif

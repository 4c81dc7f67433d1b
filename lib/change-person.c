/*
 * change-person.c - one person's values for a comparison (methodology
 * 4.7; change-person.h).
 */
#include "change-person.h"

#include <math.h>

#include "quantum.h"
#include "rollup.h"

#define NC AIRS_CONSTRUCT_COUNT_

int airs__change_ratio_of(int f)
{
	if (f >= AIRS_CHANGE_FAVOURABLE && f < AIRS_CHANGE_FAVOURABLE + NC)
		return f - AIRS_CHANGE_FAVOURABLE;
	return f == AIRS_CHANGE_NET_SCORE ? NC : -1;
}

int airs__change_survey_flag(int f)
{
	return f >= AIRS_CHANGE_FLAG && f < AIRS_CHANGE_FLAG + AIRS_FLAG_BITS_ &&
	       (AIRS__SURVEY_FLAGS >> (f - AIRS_CHANGE_FLAG) & 1u);
}

int airs__change_person_values(const airs__score_ctx *ctx,
                               const airs__mem *mem, const airs__score *sc,
                               airs__change_person *p)
{
	airs__emp_detail d;
	double cs[NC];
	int rc = airs__score_detail(ctx, mem, sc->emp, &d, cs);

	if (rc)
		return rc;
	for (int f = 0; f < AIRS_CHANGE_FIGURE_COUNT_; f++)
		p->v[f] = NAN;
	p->v[AIRS_CHANGE_READINESS] = sc->readiness;
	if (sc->level && sc->target)
		p->v[AIRS_CHANGE_BELOW_TARGET] = sc->level < sc->target;
	p->v[AIRS_CHANGE_RESPONSE_RATE] = d.respondent != 0;
	for (int k = 0; k < NC; k++) {
		p->v[AIRS_CHANGE_CONSTRUCT + k] = cs[k];
		p->num[k] = (int32_t)d.favourable[k];
		p->den[k] = d.items[k];
	}
	p->num[NC] = 100 * ((int32_t)d.promoters - (int32_t)d.detractors);
	p->den[NC] = d.net_responses;
	for (int l = 0; l < 6; l++)
		p->v[AIRS_CHANGE_LEVEL + l] = sc->level == l;
	if (d.has_time_saved)
		p->v[AIRS_CHANGE_TIME_SAVED] = (double)d.time_saved_q / AIRS__Q;
	for (int b = 0; b < AIRS_FLAG_BITS_; b++)
		p->v[AIRS_CHANGE_FLAG + b] = (d.flags >> b) & 1u;
	p->fam = d.flags_read & AIRS__SURVEY_FLAGS;
	return AIRS_OK;
}

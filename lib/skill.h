/*
 * skill.h - methodology 2 and 3.1: a skill's estimated level from its
 * assessments, the one estimate scoring and planning both read.
 *
 * An employee's assessments are taken in content order (skill, date,
 * source, level), never in order of addition, so the sums below are the
 * same bit for bit for any order of the input.
 *
 * Thread safety: pure functions over a model that is not changing.
 */
#ifndef AIRS_SKILL_H
#define AIRS_SKILL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "params.h"

/* An assessment as the estimate reads it. */
typedef struct airs__arec {
	uint32_t skill;
	int32_t source;
	airs_date date;
	double level;
} airs__arec;

/* Methodology 2: the weight of evidence dated d on the as-of date T. */
static inline double airs__decay(const airs__pv *pv, airs_date T, airs_date d)
{
	return exp2(-(double)(T - d) / pv->half_life);
}

/* Employee e's assessments dated on or before T into a[] (room for every
 * assessment of e), in content order; their number. */
size_t airs__skill_assessments(const airs_model *m, uint32_t e, airs_date T,
                               airs__arec *a);

/* Methodology 3.1: the evidence on skill among a[0 .. n) (as given by
 * airs__skill_assessments()): the confidence, the sum of the weights, in
 * *wsum and the weighted sum of the levels in *wl.  The estimated level
 * is wl / wsum; with wsum = 0 the skill is not assessed.  Inline: scoring
 * reads it for every requirement of every employee. */
static inline void airs__skill_evidence(const airs__pv *pv, airs_date T,
                                        const airs__arec *a, size_t n,
                                        uint32_t skill, double *wsum,
                                        double *wl)
{
	double ws = 0, wsl = 0;
	size_t j;

	for (j = 0; j < n && a[j].skill <= skill; j++) {
		double w;
		if (a[j].skill != skill)
			continue;
		w = pv->source[a[j].source] * airs__decay(pv, T, a[j].date);
		ws += w;
		wsl += w * a[j].level;
	}
	*wsum = ws;
	*wl = wsl;
}

#endif

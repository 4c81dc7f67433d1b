/*
 * change-person.h - one person's values for a comparison (methodology
 * 4.7): every figure of enum airs_change_figure as the rollup adds the
 * person, and the parts of the ratio figures.  compare.c sums them over
 * groups; archive.c keeps what an archive needs of them (the ratio
 * figures' moments, which figures cover the person) and no value.
 */
#ifndef AIRS_CHANGE_PERSON_H
#define AIRS_CHANGE_PERSON_H

#include <stdint.h>

#include "airs/compare.h"
#include "alloc.h"
#include "score-employee.h"
#include "score.h"

/* Ratio figures: a construct's favourable share (favourable item
 * responses of item responses) and the net score (100 x (promoters -
 * detractors) of responses); AIRS__CHANGE_NR of them, favourable
 * first. */
#define AIRS__CHANGE_NR (AIRS_CONSTRUCT_COUNT_ + 1)
/* The flags whose unit counts read answers (methodology 3.9, 4.1). */
#define AIRS__SURVEY_FLAGS (AIRS_FLAG_FATIGUE | AIRS_FLAG_NO_BENEFIT)

typedef struct airs__change_person {
	double v[AIRS_CHANGE_FIGURE_COUNT_]; /* NaN where the figure does not
	                                        cover them (the ratio figures
	                                        always: see num and den) */
	int32_t num[AIRS__CHANGE_NR];  /* ratio figures: the numerator and */
	uint32_t den[AIRS__CHANGE_NR]; /* denominator; den 0: not covered */
	unsigned fam; /* AIRS__SURVEY_FLAGS bits: in that flag's family */
} airs__change_person;

/* The ratio figure f is (0 .. AIRS__CHANGE_NR - 1), or -1. */
int airs__change_ratio_of(int f);

/* Whether survey flag figure f covers a person of family bits fam, and
 * whether f is such a flag. */
int airs__change_survey_flag(int f);

/* Person sc of a result scored with ctx, as the rollup adds them.
 * AIRS_ENOMEM. */
int airs__change_person_values(const airs__score_ctx *ctx,
                               const airs__mem *mem, const airs__score *sc,
                               airs__change_person *p);

#endif

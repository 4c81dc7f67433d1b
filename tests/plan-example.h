/*
 * plan-example.h - the worked example of docs/methodology.md section 8:
 * the analysts of section 7 (worked-example.h) with the course catalogue
 * of section 8.7, added in an order chosen by a seed.  Shared by the
 * planning and plan-export suites.
 */
#ifndef AIRS_TEST_PLAN_EXAMPLE_H
#define AIRS_TEST_PLAN_EXAMPLE_H

#define WORKED_EXAMPLE_CATALOGUE 1
#include "worked-example.h"

static airs_result *score(airs_model *m, int optin)
{
	airs_params *p;
	airs_result *r;
	airs_diag d = AIRS_DIAG_INIT;

	ck_assert_int_eq(airs_params_new(&p, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(p, "as_of", "2026-06-30"), AIRS_OK);
	if (optin)
		ck_assert_int_eq(airs_params_set(p, "privacy.individual_sentiment", "1"),
		                 AIRS_OK);
	ck_assert_msg(airs_score(m, p, &r, &d) == AIRS_OK, "%s", d.text);
	airs_params_free(p);
	return r;
}

#endif

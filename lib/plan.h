/*
 * plan.h - the learning-curve model (methodology section 8.1), shared by
 * the planners and their white-box tests.
 */
#ifndef AIRS_PLAN_INTERNAL_H
#define AIRS_PLAN_INTERNAL_H

#include "airs/plan.h"
#include "params.h"

/* The level ceiling of a course taken from level L0:
 * min(5, L0 + plan.headroom * gain). */
double airs__plan_ceiling(const airs__pv *pv, double gain, double L0);

/* Expected level after h hours of a course (nominal length `hours`,
 * nominal gain `gain`, enum airs_format `format`) started at level L0:
 * Lmax - (Lmax - L0) * exp(-h / tau), tau = hours * plan.tau_<format>. */
double airs__plan_level(const airs__pv *pv, int format, double hours,
                        double gain, double L0, double h);

/* Hours of that course to reach level target from L0: 0 when L0 is
 * already there, INFINITY when target >= the ceiling. */
double airs__plan_hours_to(const airs__pv *pv, int format, double hours,
                           double gain, double L0, double target);

#endif

/*
 * test-suppress.h - test hooks of the rollup (test-suppress.c), in the
 * airs-testhooks library that only the test executables link.
 */
#ifndef AIRS_TEST_SUPPRESS_H
#define AIRS_TEST_SUPPRESS_H

#include <stddef.h>

#include "airs/rollup.h"

/* Finalise r with the brute-force reference of the suppression rule
 * (on != 0) instead of suppress.c, to prove they decide the same. */
void airs__rollup_set_reference(airs_rollup *r, int on);

/* The visibility of every suppression group after finalising
 * (family-major, then 3 per unit and the organisation last), and their
 * number in *n; NULL before finalising. */
const unsigned char *airs__rollup_visibility(const airs_rollup *r, size_t *n);

#endif

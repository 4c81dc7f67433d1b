/*
 * suppress-old.h - the suppression code as it was before rounds became
 * incremental (tests/suppress-old.c, tests/suppress-joint-old.c), kept
 * as oracles that the tests compare the library's decisions with.
 */
#ifndef AIRS_SUPPRESS_OLD_H
#define AIRS_SUPPRESS_OLD_H

#include <stdint.h>

#include "airs/rollup.h"

/* The old suppress.c's decisions for family fam of r (its subtree
 * totals in r->tot) into vis, 3 * (nu + 1) flags; the rollup's suppress
 * hook (rollup-impl.h) takes it.  Aborts when out of memory. */
void airs__old_suppress(const airs_rollup *r, int fam, unsigned char *vis);

/* Finalise r with airs__old_suppress() instead of suppress.c. */
void airs__rollup_set_old(airs_rollup *r);

/* The old suppress.c's classes of the cells under vis (its
 * airs__supp_classes()). */
uint32_t airs__old_classes(const airs_rollup *r, const unsigned char *vis,
                           uint32_t *sig);

/* The old suppress-joint.c's decisions for the manager groups of a
 * finalised r (r->mgr) against r's final unit decisions, into mvis:
 * FAM_COUNT * 3 * (nodes + 1) flags.  Aborts when out of memory. */
void airs__old_joint_suppress(const airs_rollup *r, unsigned char *mvis);

#endif

/*
 * drivers-impl.h - what the driver analysis's files share:
 *
 *   drivers.c         the numerics of one sample (drivers.h)
 *   drivers-groups.c  which groups may be published (methodology 10.5)
 *   drivers-run.c     the people's rows, the groups, the public API
 *   drivers-focus.c   focus areas per unit (methodology 10.7)
 *   drivers-write.c   the analysis as JSON and CSV
 */
#ifndef AIRS_DRIVERS_IMPL_H
#define AIRS_DRIVERS_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "airs/drivers.h"
#include "alloc.h"
#include "drivers.h"
#include "hashidx.h"

/* A class marked for hiding in a round (drivers-groups.c). */
#define AIRS__HIDE UINT64_MAX

/* One group's analysis: status, people, fit and the bootstrap's
 * intervals (AIRS__DRIVERS_STATS(k) pairs). */
typedef struct airs__dgroup {
	int status;
	uint64_t n;
	airs__drivers_fit fit;
	double ci[2 * AIRS__DRIVERS_STATS(AIRS__DRIVERS_MAX)];
} airs__dgroup;

/* One group's focus areas: why, and the areas (opportunities first). */
typedef struct airs__dfocus {
	int status;                   /* enum airs_focus_status */
	unsigned n;
	airs_focus_area a[2 * AIRS_FOCUS_TOP];
} airs__dfocus;

struct airs_drivers {
	airs__mem mem;
	int outcome;
	size_t k, nu;                 /* drivers; units (group nu: the org) */
	int driver[AIRS_DRIVER_COUNT_];
	uint64_t min_n, seed;
	unsigned reps;
	int min_group;
	airs__dgroup *g;              /* nu + 1 */
	airs__dfocus *focus;          /* nu + 1 */
	char **uid;                   /* nu unit ids, in one block after the
	                                 pointers */
	airs_provenance prov;
};

/* Fill out with group `unit` (0 .. nu - 1, nu: the organisation). */
void airs__drivers_group(const airs_drivers *d, size_t g,
                         airs_drivers_group *out);
void airs__drivers_weight(const airs_drivers *d, size_t g, size_t j,
                          airs_driver_weight *out);

/* Every group's focus areas (drivers-focus.c), once the groups are
 * analysed; parent[g] is unit g's parent (nu for a root).  Reads the
 * rollup ru; cannot fail. */
void airs__drivers_focus_all(airs_drivers *d, const airs_rollup *ru,
                             const uint32_t *parent);

/* Complementary suppression of the analysed groups' sizes: groups 0 ..
 * nu - 1 are units in tree order, parent[g] their parent (nu for a
 * root), group nu the organisation; n[g] their people; vis[g] 1 for the
 * groups that may be shown, on return 1 for those that are.  up, pick
 * (nu + 1) and cls (nu + 1) are workspace.  Cannot fail. */
void airs__drivers_hide(size_t nu, const uint32_t *parent, const uint64_t *n,
                        int min_group, unsigned char *vis, uint32_t *up,
                        uint32_t *pick, uint64_t *cls);

#endif

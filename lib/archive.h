/*
 * archive.h - what an archive keeps (archive.c), as the comparison of
 * archives (compare-archive.c) reads it.
 */
#ifndef AIRS_ARCHIVE_IMPL_H
#define AIRS_ARCHIVE_IMPL_H

#include <stdint.h>

#include "airs/archive.h"
#include "alloc.h"
#include "change-person.h"
#include "sumsq.h"

#define AIRS__ARCH_HASH 16 /* bytes of a keyed employee hash */
/* A person's bits: bit f < AIRS_CHANGE_FIGURE_COUNT_ when figure f
 * covers them; then whether they responded; then their survey flags'
 * families (flag bit b at AIRS__ARCH_FAM + b). */
#define AIRS__ARCH_RESPONDENT AIRS_CHANGE_FIGURE_COUNT_
#define AIRS__ARCH_FAM (AIRS_CHANGE_FIGURE_COUNT_ + 1)

/* One figure over one unit's own people.  A mean (readiness, a
 * construct, time saved): n, s = sum of the values quantised, sq their
 * squares (sumsq.h).  A share: n, s = those with it.  A ratio: n
 * people, s = sum of numerators, m of denominators, and the sums of
 * x^2, x m and m^2 behind the linearised variance (methodology 4.7). */
typedef struct airs__mom {
	uint64_t n;
	int64_t s;
	uint64_t sq[AIRS__SQ_LIMBS];
	uint64_t m, xx, mm;
	int64_t xm;
} airs__mom;

/* A person of a unit: keyed hash and bits. */
typedef struct airs__arch_ent {
	unsigned char h[AIRS__ARCH_HASH];
	uint64_t bits;
} airs__arch_ent;

struct airs_archive {
	airs__mem mem;
	airs_rollup *rollup;     /* finished */
	char *library, *methodology, *wave_id;
	airs_provenance prov;    /* its strings point at the above */
	char method_digest[65];  /* the parameters digest without the
	                            as-of date (what compare compares) */
	int min_group;
	size_t nu;               /* the rollup's units */
	airs__mom *mom;          /* AIRS_CHANGE_FIGURE_COUNT_ per unit with
	                            people, in tree order (a hostile archive
	                            makes us allocate them by its own bytes,
	                            never by its unit count) */
	size_t *slot;            /* nu: unit u's at mom + slot[u] * the
	                            figure count, when it has people */
	size_t *at;              /* nu + 1: unit u's people are */
	airs__arch_ent *ent;     /* ent[at[u] .. at[u + 1]), by hash */
	uint32_t *by_hash;       /* at[nu]: every person's entry, by hash */
	uint32_t *unit_of;       /* at[nu]: an entry's unit */
};

/* The kind of figure f: 0 a mean, 1 a share, 2 a ratio. */
int airs__arch_kind(int f);

#endif

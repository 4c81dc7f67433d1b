/*
 * audit-impl.h - what the files of the audit family share: the report's
 * layout and the steps of building it.
 *
 *   audit.c           the entry point: options, outcomes, the readers
 *   audit-build.c     the tables: who is compared, the rows, the ratios
 *   audit-suppress.c  complementary suppression across the tables
 *   audit-stats.c     Fisher's exact test and the Katz interval
 *   audit-write.c     JSON and CSV, through record.h
 */
#ifndef AIRS_AUDIT_IMPL_H
#define AIRS_AUDIT_IMPL_H

#include <stdint.h>

#include "airs/audit.h"
#include "alloc.h"
#include "date.h"
#include "model.h"

#define AIRS__AUDIT_TABLES 3

struct airs_audit_report {
	airs__mem mem;
	const airs_model *model;   /* one reference held */
	airs_audit_info info;
	airs_audit_table table[AIRS__AUDIT_TABLES];
	airs_audit_row *rows;
	size_t row_cap;
	airs_as_of_info as_of;     /* the result's: date, how chosen */
	char input_digest[65], params_digest[65];
	int binary;                /* the outcome is 0/1 (Fisher applies) */
};

/* Build every table of a from the outcomes y[] of the result's positions
 * (NaN: outside the population), emp[] their model employees, over the
 * attribute columns k1 and k2 (AIRS__NONE: one attribute); a->info is
 * filled up to the tables.  AIRS_ENOMEM (a partly built). */
int airs__audit_build(airs_audit_report *a, const double *y,
                      const uint32_t *emp, size_t n, uint32_t k1,
                      uint32_t k2, int intersection);

/* A cell of the two attributes' cross-table: people with category node a
 * of the first attribute (0 .. n1-1) and node b of the second (0 .. n2-1),
 * w of them; shown when the intersection table publishes it. */
struct airs__audit_cell {
	uint32_t a, b;
	uint64_t w;
	int shown;
};

/* Complementary suppression over the tables of a two-attribute audit
 * (audit-suppress.c): hides cells (shown = 0) and withholds categories
 * (withheld[node] = 1; nodes n1 .. n1 + n2 - 1 are the second's) until no
 * combination of what is left published isolates fewer than k people.
 * count[node] chooses the smallest to withhold.  AIRS_ENOMEM. */
int airs__audit_complement(const airs__mem *mem, size_t n1, size_t n2,
                           const uint64_t *count,
                           struct airs__audit_cell *cell, size_t ncell,
                           unsigned char *withheld, uint64_t k);

/* Write a as JSON or CSV (audit-write.c). */
int airs__audit_write(const airs_audit_report *a, int csv,
                      airs_write_fn write, void *user);

#endif

/*
 * sort.h - a stable merge sort of record numbers by a caller's order,
 * and the selection of a k-th smallest value.
 *
 * Everything airs sorts is a list of record numbers (units, skills,
 * courses, records of an employee) ordered by what they refer to.  One
 * sort for all of them: O(n log n) whatever the input (an uploader
 * cannot make it quadratic), stable, with the order's state passed in
 * (no globals, so threads may sort at once), and no allocation (the
 * caller gives the scratch).
 */
#ifndef AIRS_SORT_H
#define AIRS_SORT_H

#include <stddef.h>
#include <stdint.h>

/* Nonzero when record a must come before record b. */
typedef int (*airs__before_fn)(const void *ctx, uint32_t a, uint32_t b);

/* Sort a[0 .. n) stably by before(); tmp holds n numbers. */
void airs__sort(uint32_t *a, uint32_t *tmp, size_t n, airs__before_fn before,
                const void *ctx);

/* Put the k-th smallest of v[0 .. n) at v[k], with nothing larger before
 * it and nothing smaller after it (k < n).  Linear on average; never
 * worse than n log n. */
void airs__select_kth(int64_t *v, size_t n, size_t k);

#endif

/*
 * asof.h - methodology 2: the as-of date a scoring run uses, from the
 * parameters or from the observed evidence with the outlier rule, and
 * the records that rule leaves out.
 */
#ifndef AIRS_ASOF_H
#define AIRS_ASOF_H

#include "airs/score.h"
#include "model.h"
#include "params.h"

/* The as-of date of scoring m (finished) with pv, into out (every field
 * but size), its passes over the records on up to `threads` threads (the
 * same date on any number).  AIRS_ENOMEM. */
int airs__as_of(const airs_model *m, const airs__pv *pv, const airs__mem *mem,
                size_t threads, airs_as_of_info *out);

/* Tell fn, as warnings, which records `in` (from airs__as_of() of m and
 * pv) left out: up to AIRS__AS_OF_NAMED of them by position, then one
 * that counts the rest.  Nothing when fn is NULL. */
#define AIRS__AS_OF_NAMED 20
void airs__as_of_report(const airs_model *m, const airs__pv *pv,
                        const airs_as_of_info *in, airs_diag_fn fn,
                        void *user);

#endif

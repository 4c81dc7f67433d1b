/*
 * export.h - what the result export shares with the writers of plans and
 * audits above it.
 */
#ifndef AIRS_EXPORT_INTERNAL_H
#define AIRS_EXPORT_INTERNAL_H

#include "airs/export.h"
#include "model.h"

/* Fill the caller's provenance (size protocol, abi.h) for something made
 * from model as of as_of with the parameters of params_digest.  Computing
 * the input digest reads the whole model once (it is kept after).
 * Errors: AIRS_EINVAL (out NULL or too small), AIRS_ENOMEM. */
int airs__provenance(const airs_model *model, airs_date as_of,
                     const char params_digest[65], airs_provenance *out);

/* tool-write.c: the rows of a tools table into x (JSON: an array; CSV:
 * the header and the rows): the units at tree positions u0 .. u1 - 1
 * and, with org, the organisation and the roles.  The result export
 * writes them into its whole-result document and its tools table. */
struct airs__rec;
int airs__tools_rows(struct airs__rec *x, const airs_tools *t, size_t u0,
                     size_t u1, int org);

#endif

/*
 * export.h - what the result export shares with the writers of plans and
 * audits above it.
 */
#ifndef AIRS_EXPORT_INTERNAL_H
#define AIRS_EXPORT_INTERNAL_H

#include "airs/export.h"
#include "model.h"

/* Fill the caller's provenance (size protocol, abi.h) for something made
 * from model as of as_of (the date and how it was chosen) with the
 * parameters of params_digest.  Computing the input digest reads the
 * whole model once (it is kept after).  Errors: AIRS_EINVAL (out NULL or
 * too small), AIRS_ENOMEM. */
int airs__provenance(const airs_model *model, const airs_as_of_info *as_of,
                     const char params_digest[65], airs_provenance *out);

/* The provenance keys the result, plan and audit exports share after
 * their schema, in order, with their values from p (dates and counts
 * formatted into buf): returns how many (AIRS__PROVENANCE_KEYS). */
#define AIRS__PROVENANCE_KEYS 12
struct airs__prov_text {
	char as_of[11], left_out[24], start[11], end[11], answers[24],
	        outside[24];
};
size_t airs__provenance_keys(const airs_provenance *p,
                             struct airs__prov_text *buf,
                             const char *keys[], const char *values[]);
/* The member "provenance": {those keys} of a JSON document in x (the
 * audit, tools and drivers documents). */
struct airs__rec;
void airs__f_provenance(struct airs__rec *x, const airs_provenance *p);
/* tool-write.c: the rows of a tools table into x (JSON: an array; CSV:
 * the header and the rows): the units at tree positions u0 .. u1 - 1
 * and, with org, the organisation and the roles.  The result export
 * writes them into its whole-result document and its tools table. */
struct airs__rec;
int airs__tools_rows(struct airs__rec *x, const airs_tools *t, size_t u0,
                     size_t u1, int org);

#endif

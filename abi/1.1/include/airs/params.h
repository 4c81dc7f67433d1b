/*
 * airs/params.h - scoring parameters: weights, thresholds, privacy, as-of.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * A parameters handle holds one value for every parameter of the
 * methodology (docs/methodology.md, section 5), starting at the documented
 * defaults.  Parameters are addressed by name ("weights.skill",
 * "anonymity.min_group", "as_of", ...) and set from text or numbers, one at
 * a time or from a small INI-style config file:
 *
 *     # comments start with # or ;
 *     as_of = 2026-06-30
 *     [weights]
 *     skill = 0.5          ; the key becomes "weights.skill"
 *     training = 0.1
 *
 * Every value is checked against its range when set; checks that involve
 * several parameters (weights not all zero, increasing level thresholds)
 * are made when a whole file is applied and again when scoring starts.
 *
 * Thread safety: a handle must not be modified while another thread uses
 * it; a handle nobody modifies may be shared by any number of scoring
 * threads.
 */
#ifndef AIRS_PARAMS_H
#define AIRS_PARAMS_H

#include "airs/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct airs_params airs_params;

/* Create a handle holding the defaults.  alloc NULL: libc.
 * Errors: AIRS_EINVAL, AIRS_ENOMEM; *out is NULL on failure. */
AIRS_API int airs_params_new(airs_params **out, const airs_allocator *alloc);

/* Free the handle.  NULL is a no-op.  Results keep their own copy of the
 * parameters, so the handle may be freed while they live. */
AIRS_API void airs_params_free(airs_params *params);

/* Message of the last failed call on the handle, "" after a success. */
AIRS_API const char *airs_params_errmsg(const airs_params *params);

/* Set a parameter from its text form, exactly as in a config file:
 * numbers with a decimal point whatever the locale, "2026-06-30" for
 * as_of ("" or "auto": the latest date in the data), 0/1/true/false for
 * switches.  Errors: AIRS_EINVAL (unknown name, with a suggestion when
 * one is close), AIRS_EPARSE (malformed value), AIRS_ERANGE (out of the
 * parameter's range).  On error the handle is unchanged. */
AIRS_API int airs_params_set(airs_params *params, const char *name,
                             const char *value);

/* Set a numeric parameter.  Errors as airs_params_set(); AIRS_EINVAL for
 * as_of, which is a date. */
AIRS_API int airs_params_set_double(airs_params *params, const char *name,
                                    double value);

/* Read a numeric parameter (as_of: its day count, or -1 when automatic).
 * Errors: AIRS_EINVAL (NULL, unknown name). */
AIRS_API int airs_params_get_double(const airs_params *params, const char *name,
                                    double *out);

/* Write the text form of a parameter into buf (n bytes, NUL-terminated);
 * returns the length it needs like snprintf, or 0 for an unknown name. */
AIRS_API size_t airs_params_get(const airs_params *params, const char *name,
                                char *buf, size_t n);

/* Restore every parameter to its default. */
AIRS_API void airs_params_reset(airs_params *params);

/* Apply a config file.  All or nothing: on any error the handle is
 * unchanged and diag (if given) holds "file:line: message" parts.
 * Errors: AIRS_EIO (cannot read), AIRS_EPARSE, AIRS_EINVAL, AIRS_ERANGE. */
AIRS_API int airs_params_load_file(airs_params *params, const char *path,
                                   airs_diag *diag);

/* Apply config text held in memory; `name` is used as the file name in
 * diagnostics.  As airs_params_load_file(). */
AIRS_API int airs_params_load_buffer(airs_params *params, const char *name,
                                     const char *text, size_t len,
                                     airs_diag *diag);

/* The parameters, for help screens and bindings: the i-th name in
 * alphabetical order (NULL past the end), its default in text form and a
 * one-line description.  Any of the out pointers may be NULL. */
AIRS_API const char *airs_params_describe(size_t i, const char **default_value,
                                          const char **description);

/* SHA-256 of the canonical text of all parameters (one "name=value\n"
 * line each, in name order), as 64 lowercase hex digits and a NUL. */
AIRS_API int airs_params_digest(const airs_params *params, char out[65]);

#ifdef __cplusplus
}
#endif
#endif /* AIRS_PARAMS_H */

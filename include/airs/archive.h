/*
 * airs/archive.h - snapshots kept without the raw data (since 1.2).
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * An archive is a binary rollup partial of a result (airs/rollup.h,
 * docs/output-format.md "Archives") with one optional section more:
 * where the figures come from (the provenance: methodology version,
 * as-of date, survey period, parameters and input digests), per unit the
 * sums and sums of squares of every figure airs_compare() compares, and
 * per unit its people as keyed hashes - HMAC-SHA-256 of the employee id
 * under a key the employer keeps, cut to 16 bytes - each with the
 * figures that cover the person.  It holds no employee id and no one's
 * answers or scores as such - but a unit's sums are its people's values,
 * so the sums of a one-person unit are that person's (see "Who may see
 * one" below).  Two archives made with the same key are compared with
 * airs_compare_archives() as two results are, but always with the
 * independent design (Welch's t, the two-proportion test): the pairs a
 * paired test needs are per-person values, which an archive does not
 * keep.  The keyed hashes give the panel sizes and rule 4 of
 * methodology 4.1 (a change is published only when the respondent sets
 * are equal or differ by at least the minimum group).
 *
 * Who may see one: like any partial it holds the unsuppressed sums of
 * groups of any size, and with the key anyone can tell which employees
 * answered the survey; keep it as confidential as the raw data
 * (docs/responsible-use.md).  Without the key the hashes name nobody,
 * but they are the same person's in every archive made with that key.
 *
 * An archive is also a binary partial: airs_rollup_read() and
 * airs_rollup_merge() read it (and skip the section); a partial that
 * is not an archive is refused by airs_archive_read().
 *
 * Thread safety: an archive is read-only once read and may be read from
 * any number of threads.
 */
#ifndef AIRS_ARCHIVE_H
#define AIRS_ARCHIVE_H

#include "airs/compare.h"
#include "airs/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct airs_archive airs_archive;

/* The shortest key an archive takes, in bytes (128 bits). */
#define AIRS_ARCHIVE_KEY_MIN 16

/* Write result's archive through write(data, len, user) (pieces of at
 * most 65536 bytes; output stops at the first nonzero return).  key:
 * key_len >= AIRS_ARCHIVE_KEY_MIN bytes, never written anywhere; the
 * same key must be given to read it.  Errors: AIRS_EINVAL (NULL, a
 * short key), AIRS_EIO (the writer failed), AIRS_ENOMEM, with the
 * message in diag (may be NULL). */
AIRS_API int airs_result_write_archive(const airs_result *result,
                                       const void *key, size_t key_len,
                                       airs_write_fn write, void *user,
                                       airs_diag *diag);

/* Read an archive of len bytes made with key (the key is checked
 * against the archive's key check value, HMAC-SHA-256 of a fixed label).
 * alloc may be NULL for malloc.  Errors: AIRS_EINVAL (NULL, a short
 * key), AIRS_EPARSE (damaged, cut, or not an archive: "byte N: ..."
 * where a position is known), AIRS_EMISMATCH (another key, or a partial
 * format of another version), AIRS_EPRIVACY (a minimum group below the
 * methodology's), AIRS_ENOMEM.  *out is NULL on failure. */
AIRS_API int airs_archive_read(airs_archive **out, const void *data,
                               size_t len, const void *key, size_t key_len,
                               const airs_allocator *alloc, airs_diag *diag);

AIRS_API void airs_archive_free(airs_archive *archive);

/* The archive's units and organisation as the result's rollup published
 * them (the same suppression decisions); owned by the archive. */
AIRS_API const airs_rollup *airs_archive_rollup(const airs_archive *archive);

/* The provenance of the result the archive was made from (strings owned
 * by the archive).  Errors: AIRS_EINVAL (NULL, size too small). */
AIRS_API int airs_archive_provenance(const airs_archive *archive,
                                     airs_provenance *out);

/* Compare two archives as airs_compare() compares two results
 * (airs/compare.h), with the independent design throughout: the tests
 * are Welch's t and the two-proportion z test, and a figure's panel is
 * the people in the group with the figure in both (hidden for a survey
 * figure, as airs_compare() hides it for an independent test).  Errors
 * as airs_compare(), and AIRS_EMISMATCH for archives of another
 * methodology version than this library's, whatever the options say. */
AIRS_API int airs_compare_archives(const airs_archive *base,
                                   const airs_archive *current,
                                   const airs_compare_options *opts,
                                   airs_comparison **out, airs_diag *diag);

#ifdef __cplusplus
}
#endif
#endif /* AIRS_ARCHIVE_H */

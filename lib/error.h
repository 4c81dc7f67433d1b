/*
 * error.h - status names, handle messages and diagnostics.
 */
#ifndef AIRS_ERROR_H
#define AIRS_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#include "airs/common.h"

#if defined(__GNUC__)
#  define AIRS__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#  define AIRS__PRINTF(f, a)
#endif

/* Size of the message buffer every handle carries. */
#define AIRS__MSG_MAX 512

/* Format a message into msg (AIRS__MSG_MAX bytes) and return status, so
 * that callers can write `return airs__fail(p->msg, AIRS_ERANGE, ...)`. */
int airs__fail(char *msg, int status, const char *fmt, ...) AIRS__PRINTF(3, 4);
int airs__vfail(char *msg, int status, const char *fmt, va_list ap)
	AIRS__PRINTF(3, 0);

/* AIRS_OK if d is NULL or large enough, else AIRS_EINVAL. */
int airs__diag_check(const airs_diag *d);

/* Fill d (if not NULL) with a diagnostic.  file may be NULL. */
void airs__diag_set(airs_diag *d, int status, int severity, const char *file,
                    uint64_t line, uint32_t column, const char *fmt, ...)
	AIRS__PRINTF(7, 8);
void airs__diag_vset(airs_diag *d, int status, int severity,
                     const char *file, uint64_t line, uint32_t column,
                     const char *fmt, va_list ap) AIRS__PRINTF(7, 0);

/* Fill d (if not NULL) with an error not tied to a file position and
 * return status: `return airs__diag_fail(diag, AIRS_EINVAL, "...")`. */
int airs__diag_fail(airs_diag *d, int status, const char *fmt, ...)
	AIRS__PRINTF(3, 4);

/* Write s (len bytes) into out (n bytes) for quoting in a message:
 * control characters become \xHH, and a value longer than 40 bytes is cut
 * with "...".  Always NUL-terminates. */
void airs__quote(char *out, size_t n, const char *s, size_t len);

#endif

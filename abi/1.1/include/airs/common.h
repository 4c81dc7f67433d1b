/*
 * airs/common.h - export macro, status codes, allocator, diagnostics, dates.
 *
 * Part of airs, the AI-readiness scoring library.  SPDX-License-Identifier: MIT
 *
 * Conventions that hold for every function in the public API:
 *
 *  - Functions that can fail return an int status: AIRS_OK (0) or a
 *    negative AIRS_E* code.  Codes are never renumbered; new ones are
 *    appended.  airs_strerror() names a code.
 *  - A call that fails leaves every handle exactly as it was.
 *  - Handles are opaque.  *_free(NULL) is a no-op.
 *  - Strings are NUL-terminated UTF-8.  Strings returned by the library are
 *    owned by the handle they came from and live as long as it does.
 *
 * Where the message of a failed call goes - one rule for every call:
 *
 *  1. A call that takes an `airs_diag *` writes the message there, when
 *     it is not NULL (and its size is set), whatever else it does.
 *  2. A call that changes a handle also keeps the message on that
 *     handle until its next call: airs_model_errmsg() for the model adds,
 *     sets, finish and loads, airs_params_errmsg() for the parameter
 *     setters.  A call that only reads a handle never writes to it, so
 *     any number of threads may read one handle at once.
 *  3. A call with neither fails only for reasons its status says in full
 *     - a NULL handle, a struct whose size was not set with its *_INIT
 *     macro (AIRS_EINVAL), an index out of range (AIRS_ERANGE), the
 *     caller's own writer returning nonzero (AIRS_EIO), no memory
 *     (AIRS_ENOMEM) - and its header names them.
 *
 *  Messages name the argument, field or value and the rule it broke;
 *  data errors give "file:line:column: message" (airs_diag_format()).
 *
 * Structs and versions (docs/abi-policy.md): public structs begin with a
 * `size` member that the caller sets with the matching *_INIT macro, and
 * grow only at their end.  Every function that takes one accepts any
 * size from the struct's first published one up: it reads only the
 * caller's bytes (fields beyond them take their defaults) and writes only
 * the caller's bytes.  A size larger than the library knows is accepted
 * when the bytes it does not know are zero (a program built against a
 * newer header that leaves newer fields at their defaults); otherwise the
 * call fails with AIRS_EINVAL and says the library is older than the
 * program's headers.  In records passed to the library a zero field
 * means "not given" and takes the documented default.  Arrays of structs
 * (airs_result_explain()) are indexed by the size of their first element.
 * Arrays inside public structs that are sized by an enum count
 * (AIRS_COMPONENT_COUNT_, AIRS_ADKAR_COUNT_, AIRS_FLAG_COUNT_) have that
 * count frozen at its 1.0 value; values added to those enums later are
 * read through functions that take a length.
 *
 * Thread safety: the library has no global mutable state.  Distinct
 * handles may be used from different threads at the same time.  A model
 * that has been finished (airs_model_finish()) is immutable and may be
 * read - scored, explained, planned, audited - from several threads at
 * once; so may a params handle that no thread modifies, a result, a
 * plan, an audit and a rollup that no thread merges into.
 *
 * Threads of its own: loading (airs_load_dir(), airs_load_buffers()),
 * scoring (airs_score()) and the organisation plan (airs_plan_org())
 * split their work over worker threads, by default one per online CPU
 * (at most 8; loading at most one per record file), and join every one
 * before they return: no thread outlives a call, and results are
 * bit-identical for any number of threads.  Workers allocate through the
 * handle's allocator.  A host that wants no thread but its own passes
 * threads = 1 in the call's options (airs_load_options.threads,
 * airs_score_options.threads; the scoring parameter "threads" of 1.0
 * stays accepted); the default suits a program that scores one
 * organisation at a time on an otherwise idle machine, and a server
 * scoring many at once should set it.
 */
#ifndef AIRS_COMMON_H
#define AIRS_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "airs/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* AIRS_API marks every exported function.  Define AIRS_STATIC when linking
 * the static library on platforms that need import declarations. */
#if defined(AIRS_STATIC)
#  define AIRS_API
#elif defined(_WIN32)
#  if defined(AIRS_BUILDING)
#    define AIRS_API __declspec(dllexport)
#  else
#    define AIRS_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define AIRS_API __attribute__((visibility("default")))
#else
#  define AIRS_API
#endif

/* ------------------------------------------------------------------------
 * Version
 * ---------------------------------------------------------------------- */

/* The version of the library actually loaded, "MAJOR.MINOR.PATCH".
 * Compare with AIRS_VERSION_STRING to detect a header/library mismatch. */
AIRS_API const char *airs_version(void);

/* AIRS_VERSION_NUMBER of the library actually loaded (MAJOR*10000 +
 * MINOR*100 + PATCH). */
AIRS_API int airs_version_number(void);

/* ------------------------------------------------------------------------
 * Status codes.  Never renumbered; new codes are appended.
 * ---------------------------------------------------------------------- */
enum airs_status {
	AIRS_OK = 0,         /* success */
	AIRS_ENOMEM = -1,    /* an allocation failed; nothing was changed */
	AIRS_EINVAL = -2,    /* invalid argument (NULL handle, bad size, bad name) */
	AIRS_ERANGE = -3,    /* a value is outside its allowed range */
	AIRS_ENOTFOUND = -4, /* a referenced id does not exist */
	AIRS_EEXIST = -5,    /* an id is defined twice */
	AIRS_ECYCLE = -6,    /* a reference would create a cycle */
	AIRS_EPARSE = -7,    /* malformed input text (CSV, number, date, config) */
	AIRS_EIO = -8,       /* a file could not be opened, read or written */
	AIRS_ELIMIT = -9,    /* a size limit was exceeded (field, record, count) */
	AIRS_ESTATE = -10,   /* the handle is in the wrong state for the call */
	AIRS_EMISMATCH = -11,/* inputs do not belong together (other model, other
	                        parameters, other version) */
	AIRS_EPRIVACY = -12, /* the request would disclose protected data */
	AIRS_ECANCELED = -13 /* the progress callback asked to stop (since 1.1) */
};

/* A static English name for a status code, e.g. "out of memory".  Never
 * NULL; unknown codes give "unknown error". */
AIRS_API const char *airs_strerror(int status);

/* ------------------------------------------------------------------------
 * Allocator.  Every allocation the library makes goes through the
 * allocator given to the handle that makes it.  Pass NULL for the C
 * library's malloc/realloc/free.
 *
 *  - malloc(n, user) returns NULL on failure; n is never 0.  Like the C
 *    library's malloc, it returns memory suitably aligned for any object
 *    (alignof(max_align_t): 16 bytes on common 64-bit systems); builds
 *    with assertions (not NDEBUG) check it and abort on a violation,
 *    which would otherwise be undefined behaviour.
 *  - realloc(p, n, user) keeps p valid on failure; p is never NULL and n
 *    never 0.  Its memory is aligned likewise.
 *  - free(p, user) is never called with NULL.
 *
 * The allocator must stay valid as long as any handle created with it.
 * It must be thread-safe if handles created with it are used from several
 * threads (scoring and loading may allocate from worker threads).
 * ---------------------------------------------------------------------- */
typedef struct airs_allocator {
	size_t size; /* sizeof(airs_allocator): set with AIRS_ALLOCATOR_INIT */
	void *(*malloc)(size_t n, void *user);
	void *(*realloc)(void *p, size_t n, void *user);
	void (*free)(void *p, void *user);
	void *user; /* passed through to the three functions */
} airs_allocator;

#define AIRS_ALLOCATOR_INIT { sizeof(airs_allocator), 0, 0, 0, 0 }

/* ------------------------------------------------------------------------
 * Diagnostics.  A caller-allocated, fixed-size record of one error or
 * warning: where it is (file, 1-based physical line where the record
 * starts, 1-based column = field number) and what it is.  Set `size`
 * with AIRS_DIAG_INIT before passing it in; a function given a diag whose
 * size is too small for the fields below fails with AIRS_EINVAL.
 * ---------------------------------------------------------------------- */
#define AIRS_DIAG_FILE_MAX 128
#define AIRS_DIAG_TEXT_MAX 320

enum airs_severity {
	AIRS_SEVERITY_ERROR = 0,
	AIRS_SEVERITY_WARNING = 1
};

typedef struct airs_diag {
	size_t size;      /* sizeof(airs_diag): set with AIRS_DIAG_INIT */
	int status;       /* AIRS_E* code of the problem (AIRS_OK: none) */
	int severity;     /* enum airs_severity */
	uint64_t line;    /* 1-based line; 0 when not tied to a line */
	uint32_t column;  /* 1-based field; 0 when not tied to a field */
	char file[AIRS_DIAG_FILE_MAX]; /* file or table name; "" if none */
	char text[AIRS_DIAG_TEXT_MAX]; /* the message, without position */
} airs_diag;

#define AIRS_DIAG_INIT { sizeof(airs_diag), 0, 0, 0, 0, {0}, {0} }

/* Write the diagnostic as "file:line:column: text" (parts that are not
 * set are left out) into buf, NUL-terminated and truncated to n bytes.
 * Returns the length the full text needs, like snprintf. */
AIRS_API size_t airs_diag_format(const airs_diag *d, char *buf, size_t n);

/* Called once for every diagnostic found while loading, in the order found. */
typedef void (*airs_diag_fn)(const airs_diag *d, void *user);

/* Output goes through a writer: it is called with consecutive pieces of
 * the output and returns 0 to go on; any other value stops the writing
 * function, which then fails with AIRS_EIO.  Pieces are at most a few
 * kilobytes; `user` is passed through. */
typedef int (*airs_write_fn)(const void *data, size_t len, void *user);

/* Progress of a long call (loading, scoring; since 1.1): `done` of
 * `total` units of work, which the call chooses (bytes read, employees
 * scored; they are not a promise of time left).  Called about every 1%,
 * from the calling thread or one of the call's worker threads but never
 * from two at once, with `done` growing, and once at the end with done
 * == total.  Return 0 to go on; any other value cancels the call, which
 * then fails with AIRS_ECANCELED and leaves every handle as it was.  To
 * cancel from another thread, have that thread set a flag (an atomic)
 * that this function reads. */
typedef int (*airs_progress_fn)(uint64_t done, uint64_t total, void *user);

/* ------------------------------------------------------------------------
 * Intervals (since 1.1).  A 95% interval of a published figure, in the
 * figure's own units (docs/methodology.md, section 4.3): Wilson for
 * shares, Student t with the finite-population correction for means.
 * Both ends are NaN when the figure is suppressed or undefined, or when
 * too few values make it unknowable (a mean of one value out of many).
 * ---------------------------------------------------------------------- */
typedef struct airs_interval {
	double low, high;
} airs_interval;

/* ------------------------------------------------------------------------
 * Dates.  A calendar date is a day count from 1970-01-01 (day 0) in the
 * proleptic Gregorian calendar; a month is a month count from January 1970
 * (month 0).  Text forms are strict ISO 8601: "YYYY-MM-DD" and "YYYY-MM",
 * years 1900..9999.  No function of the library reads the wall clock.
 * ---------------------------------------------------------------------- */
typedef int32_t airs_date;
typedef int32_t airs_month;

/* Parse exactly len bytes of "YYYY-MM-DD" (no spaces, no time part).
 * Errors: AIRS_EPARSE for any other text or an impossible date such as
 * 2026-02-30.  *out is written only on success. */
AIRS_API int airs_date_parse(const char *text, size_t len, airs_date *out);

/* Build a date from its parts; AIRS_ERANGE if the parts do not form a date
 * in 1900-01-01..9999-12-31. */
AIRS_API int airs_date_from_ymd(int year, int month, int day, airs_date *out);

/* Split a date into its parts (any of the pointers may be NULL). */
AIRS_API void airs_date_to_ymd(airs_date d, int *year, int *month, int *day);

/* Write "YYYY-MM-DD" and a NUL into buf (11 bytes).  Returns 10, or 0 when
 * the date lies outside 1900..9999 (buf then holds ""). */
AIRS_API size_t airs_date_format(airs_date d, char buf[11]);

/* Parse exactly len bytes of "YYYY-MM"; AIRS_EPARSE otherwise. */
AIRS_API int airs_month_parse(const char *text, size_t len, airs_month *out);

/* Write "YYYY-MM" and a NUL into buf (8 bytes); returns 7, or 0 outside
 * 1900..9999. */
AIRS_API size_t airs_month_format(airs_month m, char buf[8]);

#ifdef __cplusplus
}
#endif
#endif /* AIRS_COMMON_H */

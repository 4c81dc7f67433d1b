/*
 * num.h - numbers in text, the same whatever the process locale.
 *
 * A host may have called setlocale(LC_ALL, "de_DE.UTF-8"), under which
 * strtod() stops at the "." of "2.5" and printf() writes "2,5".  Dataset
 * files and reports use "." always, so the library never parses or
 * writes numbers through the locale-dependent C functions directly.
 *
 * Thread safety: all functions may be called from any thread.  The first
 * call that needs the C library's conversion creates one "C" locale
 * object (pthread_once) that is never changed or freed afterwards.
 */
#ifndef AIRS_NUM_H
#define AIRS_NUM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Parse exactly len bytes at s (need not be NUL-terminated) as
 *     [+-]? (digits [. digits*] | . digits) ([eE] [+-]? digits)?
 * correctly rounded to the nearest double (ties to even).  Nothing else
 * is accepted: no spaces (the caller trims), no "nan" or "inf", no hex,
 * no decimal comma, no digit grouping.  A value too small for a double
 * becomes 0 or a subnormal, as the rounding says.
 * Errors: AIRS_EPARSE (bad syntax), AIRS_ERANGE (the value overflows to
 * infinity), AIRS_ENOMEM (the C locale could not be created).  *out is
 * written only on success. */
int airs__parse_double(const char *s, size_t len, double *out);

/* Parse exactly len bytes as a decimal integer with an optional sign.
 * Errors: AIRS_EPARSE, AIRS_ERANGE (outside LONG_MIN..LONG_MAX).  *out is
 * written only on success. */
int airs__parse_long(const char *s, size_t len, long *out);

/* Parse exactly len bytes as 1/0, true/false or yes/no, in any case, into
 * 1 or 0.  Errors: AIRS_EPARSE.  *out is written only on success. */
int airs__parse_bool(const char *s, size_t len, int *out);

/* Longest text airs__format_double() writes, with its NUL. */
#define AIRS__NUM_MAX 40

/* Write v into buf, NUL-terminated, and return the length.  Values below
 * 9e9 in magnitude are rounded to 9 decimal places (exactly, ties to
 * even, as printf's "%.9f" in the C locale) and written without
 * trailing zeros or a trailing point: 72.4 -> "72.4", 2/3 ->
 * "0.666666667", 1e-12 -> "0", 100 -> "100"; a value that rounds to zero
 * is "0", never "-0".  Larger values are written as printf's "%.17g" in
 * the C locale (exact round trip).  NaN and infinities write "" and
 * return 0.  Never fails. */
size_t airs__format_double(char buf[AIRS__NUM_MAX], double v);

/* Longest text airs__format_int() writes: "-9223372036854775808". */
#define AIRS__INT_MAX 20

/* Write v in decimal into buf (no NUL: room for AIRS__INT_MAX bytes) and
 * return the length: printf's "%" PRIu64 and "%" PRId64 without the
 * formatting machinery, inline for writers that put many integers. */
extern const char airs__digits2[200]; /* "00" "01" ... "99" */

static inline size_t airs__format_uint(char *buf, uint64_t v)
{
	char tmp[AIRS__INT_MAX], *p = tmp + sizeof tmp;
	size_t n;

	while (v >= 100) {
		p -= 2;
		memcpy(p, airs__digits2 + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, airs__digits2 + 2 * v, 2);
	} else {
		*--p = (char)('0' + v);
	}
	n = (size_t)(tmp + sizeof tmp - p);
	memcpy(buf, p, n);
	return n;
}

static inline size_t airs__format_int(char *buf, int64_t v)
{
	if (v >= 0)
		return airs__format_uint(buf, (uint64_t)v);
	buf[0] = '-';
	/* 0 - (uint64_t)v is |v|, INT64_MIN included */
	return 1 + airs__format_uint(buf + 1, 0 - (uint64_t)v);
}

#endif

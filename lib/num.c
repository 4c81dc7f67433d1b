/*
 * num.c - locale-independent number parsing and formatting.
 *
 * Parsing checks the strict syntax itself, so the C library only ever
 * sees text we have already vetted.  Most dataset values ("72.4", "3",
 * "0.125") have few digits and a small exponent; those are converted
 * exactly with one IEEE multiplication or division (Clinger's fast path).
 * The rest go to strtod() under a private "C" locale, given a canonical
 * "DIGITSeEXP" string that has no radix character at all.
 *
 * Formatting below 9e9 uses only integer arithmetic on the exact binary
 * value, so it is deterministic on every platform and in every locale.
 */
#include "num.h"

#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/common.h"

/* ---- the private C locale ------------------------------------------- */

static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale_obj;

static void make_c_locale(void)
{
	c_locale_obj = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

/* The shared, never-modified "C" locale, or (locale_t)0 if it could not
 * be created. */
static locale_t c_locale(void)
{
	pthread_once(&c_locale_once, make_c_locale);
	return c_locale_obj;
}

/* ---- parsing ---------------------------------------------------------- */

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* Halfway points between doubles have at most 767 significant digits, so
 * keeping 800 and standing in for any nonzero rest with a final 1 leaves
 * every rounding decision unchanged. */
#define SIG_KEEP 800

/* An exponent beyond this makes any SIG_KEEP-digit value 0 or infinite. */
#define EXP_CLAMP 100000

static const double pow10_exact[23] = {
	1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* The mantissa digit after q, skipping the decimal point. */
static const char *next_digit(const char *q, const char *dot)
{
	return ++q == dot ? q + 1 : q;
}

/* Past the digits from p on (up to e). */
static const char *skip_digits(const char *p, const char *e)
{
	while (p < e && is_digit(*p))
		p++;
	return p;
}

/* Past an optional sign at *p (before e): whether it is '-'. */
static int take_sign(const char **p, const char *e)
{
	if (*p < e && (**p == '+' || **p == '-'))
		return *(*p)++ == '-';
	return 0;
}

/* A decimal number as written: +-D * 10^dexp, where D is the nsig
 * significant digits first .. last, skipping a decimal point at dot
 * (NULL when there is none); first is NULL when the number is zero. */
struct decimal {
	int neg;
	const char *first, *last, *dot;
	long long dexp;
	size_t nsig;
};

/* The exponent "e[sign]digits" from *p on, if any, into *exp10 (capped
 * in magnitude, which any real exponent is far within).  AIRS_OK or
 * AIRS_EPARSE. */
static int read_exponent(const char **p, const char *e, long long *exp10)
{
	int eneg;

	*exp10 = 0;
	if (*p == e || (**p != 'e' && **p != 'E'))
		return AIRS_OK;
	++*p;
	eneg = take_sign(p, e);
	if (*p == e || !is_digit(**p))
		return AIRS_EPARSE;
	for (; *p < e && is_digit(**p); ++*p)
		if (*exp10 < 100000000)
			*exp10 = *exp10 * 10 + (**p - '0');
	if (eneg)
		*exp10 = -*exp10;
	return AIRS_OK;
}

/* The digits in [ip, fe), skipping a '.' at ie when there is a
 * fraction (fp .. fe), form an integer D with value D * 10^(exp10 -
 * nfrac): trim D's leading and trailing zeros (the latter move into the
 * exponent). */
static void significant(struct decimal *d, const char *ip, const char *ie,
                        const char *fp, const char *fe, long long exp10)
{
	size_t nfrac = (size_t)(fe - fp);
	const char *q, *first = NULL, *last = NULL, *dot = fe > ie ? ie : NULL;

	for (q = ip; q < fe; q++) {
		if (q == dot || *q == '0')
			continue;
		if (!first)
			first = q;
		last = q;
	}
	d->first = first;
	d->last = last;
	d->dot = dot;
	if (!first)
		return;
	/* zeros after `last` count as powers of ten */
	d->dexp = exp10 - (long long)nfrac +
	          (long long)((size_t)(fe - last) - 1 - (dot && last < dot));
	d->nsig = (size_t)(last - first) + 1 - (dot && first < dot && last > dot);
}

/* Check the strict syntax [sign] digits [. digits] [e [sign] digits],
 * with a digit before or after the point, and read it into d.  AIRS_OK
 * or AIRS_EPARSE. */
static int scan(const char *s, const char *e, struct decimal *d)
{
	const char *p = s, *ip, *ie, *fp, *fe;
	long long exp10;

	d->neg = take_sign(&p, e);
	ip = p;
	p = skip_digits(p, e);
	ie = fp = fe = p;
	if (p < e && *p == '.') {
		fp = ++p;
		fe = p = skip_digits(p, e);
	}
	if (ie == ip && fe == fp)
		return AIRS_EPARSE;
	if (read_exponent(&p, e, &exp10) || p != e)
		return AIRS_EPARSE;
	significant(d, ip, ie, fp, fe, exp10);
	return AIRS_OK;
}

/* Clinger's fast path: D and 10^dexp exact doubles (or D * 10^(dexp -
 * 22) an exact integer), so one IEEE operation rounds correctly.
 * Whether it applied. */
static int fast_path(const struct decimal *d, double *out)
{
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
	uint64_t m = 0;
	const char *q;
	double v;

	if (d->nsig > 19)
		return 0;
	for (q = d->first; q <= d->last; q = next_digit(q, d->dot))
		m = m * 10 + (uint64_t)(*q - '0');
	if (m > (UINT64_C(1) << 53))
		return 0;
	v = (double)m;
	if (d->dexp > 22 && d->dexp <= 22 + 15) {
		/* m * 10^(dexp-22) may still be an exact integer */
		double t = v * pow10_exact[d->dexp - 22];
		if (!(t < 9007199254740992.0))
			return 0;
		v = t * 1e22;
	} else if (d->dexp >= 0 && d->dexp <= 22) {
		v *= pow10_exact[d->dexp];
	} else if (d->dexp < 0 && d->dexp >= -22) {
		v /= pow10_exact[-d->dexp];
	} else {
		return 0;
	}
	*out = d->neg ? -v : v;
	return 1;
#else
	(void)d;
	(void)out;
	return 0;
#endif
}

/* The rest: strtod() in the C locale, given "DIGITSeEXP" with at most
 * SIG_KEEP digits.  AIRS_OK, AIRS_ERANGE when it overflows, AIRS_ENOMEM
 * when there is no C locale. */
static int slow_path(const struct decimal *d, double *out)
{
	char buf[SIG_KEEP + 32];
	size_t o = 0, k = 0;
	long long dexp = d->dexp;
	const char *q;
	locale_t loc, old;
	double v;

	if (d->neg)
		buf[o++] = '-';
	for (q = d->first; k < SIG_KEEP && k < d->nsig;
	     q = next_digit(q, d->dot), k++)
		buf[o++] = *q;
	if (d->nsig > SIG_KEEP) {
		/* the dropped tail ends in `last`, a nonzero digit */
		buf[o++] = '1';
		dexp += (long long)(d->nsig - SIG_KEEP) - 1;
	}
	if (dexp > EXP_CLAMP)
		dexp = EXP_CLAMP;
	if (dexp < -EXP_CLAMP)
		dexp = -EXP_CLAMP;
	snprintf(buf + o, sizeof buf - o, "e%d", (int)dexp);

	loc = c_locale();
	if (loc == (locale_t)0)
		return AIRS_ENOMEM;
	old = uselocale(loc);
	v = strtod(buf, NULL);
	uselocale(old);
	if (isinf(v))
		return AIRS_ERANGE;
	*out = v;
	return AIRS_OK;
}

int airs__parse_double(const char *s, size_t len, double *out)
{
	struct decimal d;

	if (!s || scan(s, s + len, &d))
		return AIRS_EPARSE;
	if (!d.first) {
		*out = d.neg ? -0.0 : 0.0;
		return AIRS_OK;
	}
	if (fast_path(&d, out))
		return AIRS_OK;
	return slow_path(&d, out);
}

int airs__parse_long(const char *s, size_t len, long *out)
{
	const char *p = s, *e;
	unsigned long v = 0, limit = LONG_MAX;
	int neg;

	if (!s)
		return AIRS_EPARSE;
	e = s + len;
	neg = take_sign(&p, e);
	if (p == e)
		return AIRS_EPARSE;
	if (neg)
		limit = (unsigned long)LONG_MAX + 1;
	for (; p < e; p++) {
		unsigned d;

		if (!is_digit(*p))
			return AIRS_EPARSE;
		d = (unsigned)(*p - '0');
		if (v > (limit - d) / 10) {
			/* keep checking the syntax: "99999999999999999999x" is
			 * malformed before it is out of range */
			while (++p < e)
				if (!is_digit(*p))
					return AIRS_EPARSE;
			return AIRS_ERANGE;
		}
		v = v * 10 + d;
	}
	if (neg)
		*out = v ? -(long)(v - 1) - 1 : 0;
	else
		*out = (long)v;
	return AIRS_OK;
}

/* ASCII-only case-insensitive equality: tolower() depends on the locale
 * (Turkish maps 'I' elsewhere). */
static int ascii_eq(const char *s, size_t len, const char *word)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char ch = s[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (ch != word[i])
			return 0;
	}
	return word[len] == '\0';
}

int airs__parse_bool(const char *s, size_t len, int *out)
{
	static const char *const yes[] = { "1", "true", "yes" };
	static const char *const no[] = { "0", "false", "no" };
	size_t i;

	if (!s)
		return AIRS_EPARSE;
	for (i = 0; i < 3; i++) {
		if (len == strlen(yes[i]) && ascii_eq(s, len, yes[i])) {
			*out = 1;
			return AIRS_OK;
		}
		if (len == strlen(no[i]) && ascii_eq(s, len, no[i])) {
			*out = 0;
			return AIRS_OK;
		}
	}
	return AIRS_EPARSE;
}

/* ---- formatting --------------------------------------------------------- */

/* round(|v| * 10^9), exactly, ties to even, for |v| < 9e9.
 *
 * |v| = M * 2^-k with M < 2^53 an integer, so |v| * 10^9 = P / 2^k with
 * P = M * 10^9 < 2^83: computed in two 64-bit words, then shifted right
 * by k with the remainder deciding the rounding.  M and k come straight
 * from the IEEE 754 bits (what frexp and ldexp would give, without the
 * calls). */
static uint64_t scaled_round(double v)
{
	const uint64_t ten9 = 1000000000u;
	uint64_t bits, m, a, b, lo, hi, q, rh, rl, hh, hl;
	int ex, k;

	if (v == 0)
		return 0;
	memcpy(&bits, &v, sizeof bits);
	ex = (int)((bits >> 52) & 0x7ff);
	if (ex == 0)
		return 0; /* subnormal: k > 1074 below, far below one half */
	m = (bits & ((UINT64_C(1) << 52) - 1)) | UINT64_C(1) << 52;
	k = 1075 - ex; /* |v| = m * 2^-k; k >= 19 because |v| < 2^34 */
	if (k >= 128)
		return 0; /* P / 2^k < 2^83 / 2^128: far below one half */

	a = (m & 0xffffffffu) * ten9; /* < 2^62 */
	b = (m >> 32) * ten9;         /* < 2^51 */
	lo = (b << 32) + a;
	hi = (b >> 32) + (lo < a);

	/* q = P >> k; (rh, rl) = P mod 2^k; (hh, hl) = 2^(k-1) */
	if (k < 64) {
		q = (lo >> k) | (hi << (64 - k));
		rh = 0;
		rl = lo & ((UINT64_C(1) << k) - 1);
		hh = 0;
		hl = UINT64_C(1) << (k - 1);
	} else if (k == 64) {
		q = hi;
		rh = 0;
		rl = lo;
		hh = 0;
		hl = UINT64_C(1) << 63;
	} else {
		q = hi >> (k - 64);
		rh = hi & ((UINT64_C(1) << (k - 64)) - 1);
		rl = lo;
		hh = UINT64_C(1) << (k - 65);
		hl = 0;
	}
	if (rh > hh || (rh == hh && rl > hl) ||
	    (rh == hh && rl == hl && (q & 1)))
		q++;
	return q;
}

const char airs__digits2[200] =
	"00010203040506070809101112131415161718192021222324252627282930313233"
	"34353637383940414243444546474849505152535455565758596061626364656667"
	"6869707172737475767778798081828384858687888990919293949596979899";

static size_t format_fixed(char *buf, double v)
{
	uint64_t r = scaled_round(v), ip, fr;
	size_t o = 0;
	int i, nd;

	if (r == 0) {
		buf[0] = '0';
		buf[1] = '\0';
		return 1;
	}
	if (v < 0)
		buf[o++] = '-';
	ip = r / 1000000000u;
	fr = r % 1000000000u;
	o += airs__format_uint(buf + o, ip);
	if (fr) {
		/* the nd digits left once trailing zeros go, two at a time
		 * from the right, leading zeros included */
		for (nd = 9; fr % 10 == 0; nd--)
			fr /= 10;
		buf[o++] = '.';
		for (i = nd; i >= 2; i -= 2) {
			memcpy(buf + o + i - 2, airs__digits2 + 2 * (fr % 100), 2);
			fr /= 100;
		}
		if (i)
			buf[o] = (char)('0' + fr);
		o += (size_t)nd;
	}
	buf[o] = '\0';
	return o;
}

/* "%.17g" in the C locale.  Should the locale be unavailable, format in
 * the current one and turn whatever radix it wrote into '.'. */
static size_t format_g17(char *buf, double v)
{
	locale_t loc = c_locale(), old;
	char tmp[64];
	size_t i, o = 0;
	int n;

	if (loc != (locale_t)0) {
		old = uselocale(loc);
		n = snprintf(buf, AIRS__NUM_MAX, "%.17g", v);
		uselocale(old);
		return n > 0 ? (size_t)n : 0;
	}
	n = snprintf(tmp, sizeof tmp, "%.17g", v);
	for (i = 0; n > 0 && i < (size_t)n && o + 1 < AIRS__NUM_MAX; i++) {
		char ch = tmp[i];
		if (is_digit(ch) || ch == '-' || ch == '+' || ch == 'e')
			buf[o++] = ch;
		else if (o && buf[o - 1] != '.')
			buf[o++] = '.';
	}
	buf[o] = '\0';
	return o;
}

size_t airs__format_double(char buf[AIRS__NUM_MAX], double v)
{
	if (isnan(v) || isinf(v)) {
		buf[0] = '\0';
		return 0;
	}
	if (fabs(v) < 9e9)
		return format_fixed(buf, v);
	return format_g17(buf, v);
}

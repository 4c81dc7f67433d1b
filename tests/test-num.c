/* Numbers: strict syntax, correct rounding (bit-for-bit against strtod in
 * the C locale), deterministic formatting, and no dependence on the
 * process locale. */
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/common.h"
#include "num.h"

#include "harness.h"

/* Random rounds: a tenth under valgrind (the setup sets AIRS_TEST_QUICK). */
static int rounds(int n)
{
	return getenv("AIRS_TEST_QUICK") ? n / 10 : n;
}

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717u;
}

static int pd(const char *s, double *d)
{
	return airs__parse_double(s, strlen(s), d);
}

static int same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

/* The reference: glibc's correctly rounded strtod.  The test program
 * never calls setlocale() except in the locale test, so this is the C
 * locale. */
static double ref(const char *s)
{
	return strtod(s, NULL);
}

START_TEST(parses_known_values)
{
	static const struct {
		const char *s;
		double v;
	} t[] = {
		{ "0", 0.0 }, { "2.5", 2.5 }, { "+7", 7.0 }, { "-3", -3.0 },
		{ ".5", 0.5 }, { "5.", 5.0 }, { "72.4", 72.4 }, { "0.1", 0.1 },
		{ "1e3", 1000.0 }, { "1E-2", 0.01 }, { "1e+2", 100.0 },
		{ "007.50", 7.5 }, { "1200", 1200.0 }, { "1200.000", 1200.0 },
		{ "0.000125", 0.000125 }, { "123456789012345678901234567890",
		  1.2345678901234568e29 },
		{ "1.7976931348623157e308", DBL_MAX },
		{ "2.2250738585072014e-308", DBL_MIN },
		{ "4.9406564584124654e-324", 4.9406564584124654e-324 },
		{ "1e-400", 0.0 }, { "0e999999999999", 0.0 },
		/* ties to even at 2^53 */
		{ "9007199254740993", 9007199254740992.0 },
		{ "9007199254740995", 9007199254740996.0 },
		{ "1e22", 1e22 }, { "1e23", 1e23 }, { "123e20", 1.23e22 },
		{ "3e37", 3e37 },
	};
	size_t i;
	double d;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		d = -99.0;
		ck_assert_msg(pd(t[i].s, &d) == AIRS_OK, "%s", t[i].s);
		ck_assert_msg(same_bits(d, t[i].v), "%s gave %.17g", t[i].s, d);
		ck_assert_msg(same_bits(d, ref(t[i].s)), "%s", t[i].s);
	}
	ck_assert_int_eq(pd("-0", &d), AIRS_OK);
	ck_assert(d == 0.0 && signbit(d));
	ck_assert_int_eq(pd("-0.000e5", &d), AIRS_OK);
	ck_assert(d == 0.0 && signbit(d));
	ck_assert_int_eq(pd("-1e-400", &d), AIRS_OK);
	ck_assert(d == 0.0 && signbit(d));
	/* only len bytes are read */
	ck_assert_int_eq(airs__parse_double("2.5junk", 3, &d), AIRS_OK);
	ck_assert(d == 2.5);
}
END_TEST

START_TEST(rejects_malformed)
{
	static const char *const bad[] = {
		"", " 1", "1 ", "\t1", "1\n", "1,5", "2,5", "1.2.3", ".", "-",
		"+", "+-1", "--1", "e5", "1e", "1e+", "1e-", "1e5.5", "1ee5",
		"nan", "NaN", "-nan", "inf", "-inf", "Infinity", "INF", "0x10",
		"0x1p3", "1_000", "1'000", "1 000", "1d5", "1f", "1.0f", "١",
		"\xC2\xBD", "1e5 ", ".e5", "-.", "+.e1",
	};
	size_t i;
	double d = 42.0;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(pd(bad[i], &d) == AIRS_EPARSE, "%s", bad[i]);
		ck_assert(d == 42.0);
	}
	ck_assert_int_eq(airs__parse_double(NULL, 0, &d), AIRS_EPARSE);
	/* a NUL inside the given length is not the end */
	ck_assert_int_eq(airs__parse_double("1\0", 2, &d), AIRS_EPARSE);
}
END_TEST

START_TEST(overflow_is_erange)
{
	static const char *const big[] = {
		"1e309", "-1e400", "1.8e308", "1e99999999999999999999",
		"179769313486231580793728971405303415079934132710037826936173778"
		"980444968292764750946649017977587207096330286416692887910946555"
		"547851940402630657488671505820681908902000708383676273854845817"
		"711531764475730270069855571366959622842914819860834936475292719"
		"074168444365510704342711559699508093042880177904174497792",
	};
	size_t i;
	double d = 42.0;

	for (i = 0; i < sizeof big / sizeof big[0]; i++) {
		ck_assert_msg(pd(big[i], &d) == AIRS_ERANGE, "%s", big[i]);
		ck_assert(d == 42.0);
	}
	/* the largest double is not an overflow */
	ck_assert_int_eq(pd("179769313486231570000000000000000000000000000000"
	                    "00000000000000000000000000000000000000000000000000"
	                    "00000000000000000000000000000000000000000000000000"
	                    "00000000000000000000000000000000000000000000000000"
	                    "00000000000000000000000000000000000000000000000000"
	                    "00000000000000000000000000000000000000000000000000"
	                    "00000000000", &d), AIRS_OK);
	ck_assert(d == DBL_MAX);
}
END_TEST

/* A random decimal string in the accepted syntax, biased to digits 0 and
 * 9 and to long mantissas, where rounding is hardest. */
static size_t random_decimal(uint64_t *rng, char *buf, size_t cap)
{
	static const char digits[] = "0123456789000999";
	size_t o = 0, nint = rnd(rng) % 25, nfrac = rnd(rng) % 25, i;
	int point = nfrac > 0 || rnd(rng) % 4 == 0;

	if (rnd(rng) % 3 == 0)
		buf[o++] = rnd(rng) % 2 ? '-' : '+';
	if (!nint && !nfrac)
		nint = 1;
	if (rnd(rng) % 8 == 0)
		nint += 300; /* beyond the 800 kept digits sometimes */
	for (i = 0; i < nint && o < cap - 16; i++)
		buf[o++] = digits[rnd(rng) % 16];
	if (point)
		buf[o++] = '.';
	for (i = 0; i < nfrac && o < cap - 16; i++)
		buf[o++] = digits[rnd(rng) % 16];
	if (rnd(rng) % 2)
		o += (size_t)snprintf(buf + o, cap - o, "%c%d",
		                      rnd(rng) % 2 ? 'e' : 'E',
		                      (int)(rnd(rng) % 700) - 350);
	buf[o] = '\0';
	return o;
}

START_TEST(correctly_rounded_against_strtod)
{
	uint64_t rng = 1234567;
	char buf[1024];
	int i, fast = 0;

	for (i = 0; i < rounds(300000); i++) {
		size_t len = random_decimal(&rng, buf, sizeof buf);
		double want = ref(buf), got = -1.0;
		int rc = airs__parse_double(buf, len, &got);

		if (isinf(want)) {
			ck_assert_msg(rc == AIRS_ERANGE, "%s", buf);
			continue;
		}
		ck_assert_msg(rc == AIRS_OK, "%s", buf);
		ck_assert_msg(same_bits(got, want), "%s: %a != %a", buf, got, want);
		fast += len < 20;
	}
	ck_assert_int_gt(fast, 1000);
}
END_TEST

/* More than 800 significant digits: the dropped tail still decides the
 * rounding of a value just above a halfway point. */
START_TEST(long_mantissas)
{
	/* 2^53 + 1 is halfway between two doubles; a 1 far out breaks the tie */
	char buf[3000];
	double d;
	size_t n;

	strcpy(buf, "9007199254740993.");
	n = strlen(buf);
	memset(buf + n, '0', 2000);
	strcpy(buf + n + 2000, "1");
	ck_assert_int_eq(pd(buf, &d), AIRS_OK);
	ck_assert(d == 9007199254740994.0);
	ck_assert(same_bits(d, ref(buf)));
	buf[n + 2000] = '0';
	ck_assert_int_eq(pd(buf, &d), AIRS_OK);
	ck_assert(d == 9007199254740992.0);
	/* 2000 digits then an exponent that brings it back to size */
	memset(buf, '7', 2000);
	strcpy(buf + 2000, "e-1990");
	ck_assert_int_eq(pd(buf, &d), AIRS_OK);
	ck_assert(same_bits(d, ref(buf)));
	/* and tiny values with long fractions */
	strcpy(buf, "0.");
	memset(buf + 2, '0', 320);
	strcpy(buf + 322, "24703282292062327208828439643411068618252990130716238221");
	ck_assert_int_eq(pd(buf, &d), AIRS_OK);
	ck_assert(same_bits(d, ref(buf)));
}
END_TEST

START_TEST(parse_long)
{
	static const char *const bad[] = {
		"", "+", "-", " 1", "1 ", "1.0", "0x1", "1e3", "1,000", "--1",
		"abc", "12a",
	};
	long v = 5;
	size_t i;

	ck_assert_int_eq(airs__parse_long("42", 2, &v), AIRS_OK);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(airs__parse_long("-17", 3, &v), AIRS_OK);
	ck_assert_int_eq(v, -17);
	ck_assert_int_eq(airs__parse_long("+0007", 5, &v), AIRS_OK);
	ck_assert_int_eq(v, 7);
	ck_assert_int_eq(airs__parse_long("-0", 2, &v), AIRS_OK);
	ck_assert_int_eq(v, 0);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		v = 5;
		ck_assert_msg(airs__parse_long(bad[i], strlen(bad[i]), &v) ==
		              AIRS_EPARSE, "%s", bad[i]);
		ck_assert_int_eq(v, 5);
	}
	{
		char buf[64];
		snprintf(buf, sizeof buf, "%ld", LONG_MAX);
		ck_assert_int_eq(airs__parse_long(buf, strlen(buf), &v), AIRS_OK);
		ck_assert_int_eq(v, LONG_MAX);
		snprintf(buf, sizeof buf, "%ld", LONG_MIN);
		ck_assert_int_eq(airs__parse_long(buf, strlen(buf), &v), AIRS_OK);
		ck_assert_int_eq(v, LONG_MIN);
		snprintf(buf, sizeof buf, "%lu", (unsigned long)LONG_MAX + 1);
		v = 5;
		ck_assert_int_eq(airs__parse_long(buf, strlen(buf), &v),
		                 AIRS_ERANGE);
		snprintf(buf, sizeof buf, "-%lu", (unsigned long)LONG_MAX + 2);
		ck_assert_int_eq(airs__parse_long(buf, strlen(buf), &v),
		                 AIRS_ERANGE);
		ck_assert_int_eq(v, 5);
	}
	ck_assert_int_eq(airs__parse_long("99999999999999999999999", 23, &v),
	                 AIRS_ERANGE);
	ck_assert_int_eq(airs__parse_long("99999999999999999999999x", 24, &v),
	                 AIRS_EPARSE);
}
END_TEST

START_TEST(parse_bool)
{
	static const struct {
		const char *s;
		int v;
	} ok[] = {
		{ "1", 1 }, { "0", 0 }, { "true", 1 }, { "FALSE", 0 },
		{ "True", 1 }, { "yes", 1 }, { "YES", 1 }, { "No", 0 },
		{ "nO", 0 }, { "tRuE", 1 },
	};
	static const char *const bad[] = {
		"", "2", "t", "f", "y", "n", "on", "off", " true", "true ",
		"truee", "yes!", "01", "-1", "nope",
	};
	size_t i;
	int v;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		v = -1;
		ck_assert_int_eq(airs__parse_bool(ok[i].s, strlen(ok[i].s), &v),
		                 AIRS_OK);
		ck_assert_int_eq(v, ok[i].v);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		v = -1;
		ck_assert_msg(airs__parse_bool(bad[i], strlen(bad[i]), &v) ==
		              AIRS_EPARSE, "%s", bad[i]);
		ck_assert_int_eq(v, -1);
	}
}
END_TEST

static const struct {
	double v;
	const char *s;
} format_table[] = {
	{ 72.4, "72.4" }, { 2.0 / 3.0, "0.666666667" }, { 1e-12, "0" },
	{ -1e-12, "0" }, { -0.0, "0" }, { 0.0, "0" }, { 100.0, "100" },
	{ -2.5, "-2.5" }, { 0.1, "0.1" }, { 1.0 / 3.0, "0.333333333" },
	{ 0.0009765625, "0.000976562" },  /* an exact tie: to even */
	{ 0.0029296875, "0.002929688" },  /* an exact tie: to even, upward */
	{ 4.9999999999e-10, "0" }, { 5.0000000001e-10, "0.000000001" },
	{ 0.9999999996, "1" }, { 123456789.123456789, "123456789.123456791" },
	{ 8999999999.9999990, "8999999999.999998093" }, { 9e9, "9000000000" },
	{ 1e10, "10000000000" }, { -12345678901.5, "-12345678901.5" },
	{ 1e300, "1.0000000000000001e+300" }, { DBL_MAX,
	  "1.7976931348623157e+308" }, { 4.9406564584124654e-324, "0" },
	{ 1e17, "1e+17" }, { 72.0, "72" }, { 0.5, "0.5" },
};

static void check_format_table(void)
{
	char buf[AIRS__NUM_MAX];
	size_t i, n;

	for (i = 0; i < sizeof format_table / sizeof format_table[0]; i++) {
		memset(buf, 'Z', sizeof buf);
		n = airs__format_double(buf, format_table[i].v);
		ck_assert_msg(strcmp(buf, format_table[i].s) == 0,
		              "%.17g gave %s, want %s", format_table[i].v, buf,
		              format_table[i].s);
		ck_assert_uint_eq(n, strlen(buf));
	}
	ck_assert_uint_eq(airs__format_double(buf, NAN), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_uint_eq(airs__format_double(buf, -INFINITY), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_uint_eq(airs__format_double(buf, INFINITY), 0);
	ck_assert_str_eq(buf, "");
}

START_TEST(formats_known_values)
{
	check_format_table();
}
END_TEST

/* printf's "%.9f" in the C locale rounds the exact binary value, ties to
 * even; the integer formatter must agree with it everywhere below 9e9. */
static void fixed_reference(char *out, size_t n, double v)
{
	size_t len;

	snprintf(out, n, "%.9f", v);
	len = strlen(out);
	while (out[len - 1] == '0')
		len--;
	if (out[len - 1] == '.')
		len--;
	out[len] = '\0';
	if (strcmp(out, "-0") == 0)
		strcpy(out, "0");
}

START_TEST(formatting_agrees_with_printf)
{
	uint64_t rng = 99;
	char got[AIRS__NUM_MAX], want[64];
	int i;

	for (i = 0; i < rounds(300000); i++) {
		uint64_t bits = rnd(&rng);
		double v;

		switch (i % 3) {
		case 0: /* any magnitude below 9e9 */
			memcpy(&v, &bits, sizeof v);
			if (!isfinite(v) || fabs(v) >= 9e9)
				v = fmod(v, 9e9);
			if (!isfinite(v))
				v = 0;
			break;
		case 1: /* decimal-looking values, as in datasets */
			v = (double)(int64_t)(bits % 2000000000000u) / 1e4 -
			    1e8;
			break;
		default: /* near the rounding boundary of 1e-9 */
			v = ldexp((double)(bits >> 11), -(int)(bits % 80));
			if (fabs(v) >= 9e9)
				v = fmod(v, 9e9);
			break;
		}
		airs__format_double(got, v);
		fixed_reference(want, sizeof want, v);
		ck_assert_msg(strcmp(got, want) == 0, "%a: %s != %s", v, got, want);
	}
}
END_TEST

/* Large values round-trip exactly through "%.17g" and the parser. */
/* Integers: exactly printf's %" PRIu64 "/%" PRId64 ", at every length and
 * at the extremes. */
START_TEST(integers_as_printf)
{
	static const int64_t fixed[] = { 0, 1, -1, 9, 10, -10, 99, 100, 999, 1000,
	                                 INT64_MAX, INT64_MIN, INT64_MIN + 1 };
	char want[32], got[AIRS__INT_MAX + 1];
	uint64_t s = 99, u;
	size_t n, i;
	int r, len;

	for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		len = snprintf(want, sizeof want, "%" PRId64, fixed[i]);
		n = airs__format_int(got, fixed[i]);
		got[n] = '\0';
		ck_assert_str_eq(got, want);
		ck_assert_uint_eq(n, (size_t)len);
	}
	n = airs__format_uint(got, UINT64_MAX);
	got[n] = '\0';
	ck_assert_str_eq(got, "18446744073709551615");
	for (r = 0; r < rounds(200000); r++) {
		/* every magnitude: shift a random value right by 0..63 */
		u = rnd(&s) >> (r % 64);
		snprintf(want, sizeof want, "%" PRIu64, u);
		n = airs__format_uint(got, u);
		got[n] = '\0';
		ck_assert_str_eq(got, want);
		snprintf(want, sizeof want, "%" PRId64, (int64_t)u);
		n = airs__format_int(got, (int64_t)u);
		got[n] = '\0';
		ck_assert_str_eq(got, want);
	}
}
END_TEST

START_TEST(large_values_round_trip)
{
	uint64_t rng = 5;
	char buf[AIRS__NUM_MAX];
	int i;

	for (i = 0; i < rounds(100000); i++) {
		uint64_t bits = rnd(&rng);
		double v, back = 0;
		size_t n;

		memcpy(&v, &bits, sizeof v);
		if (!isfinite(v))
			continue;
		if (fabs(v) < 9e9)
			v = copysign(9e9, v) + v;
		n = airs__format_double(buf, v);
		ck_assert_uint_lt(n, AIRS__NUM_MAX);
		ck_assert_int_eq(airs__parse_double(buf, n, &back), AIRS_OK);
		ck_assert_msg(same_bits(v, back), "%s", buf);
	}
}
END_TEST

/* Everything above, again, after the host switched to a locale with a
 * decimal comma: results must not change. */
START_TEST(locale_does_not_matter)
{
	static const char *const locales[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
		"nl_NL.UTF-8", "ru_RU.UTF-8", "es_ES.UTF-8", "it_IT.UTF-8",
		"pt_BR.UTF-8", "de_DE",
	};
	enum { N = 20000 };
	static double before[N];
	static int rc_before[N];
	char buf[1024], tmp[16];
	uint64_t rng = 31337;
	const char *name = NULL;
	size_t i;
	double d;

	for (i = 0; i < N; i++) {
		size_t len = random_decimal(&rng, buf, sizeof buf);
		rc_before[i] = airs__parse_double(buf, len, &before[i]);
	}
	for (i = 0; i < sizeof locales / sizeof locales[0] && !name; i++) {
		if (!setlocale(LC_ALL, locales[i]))
			continue;
		snprintf(tmp, sizeof tmp, "%.1f", 2.5);
		if (strcmp(tmp, "2,5") == 0)
			name = locales[i];
	}
	if (!name) {
		setlocale(LC_ALL, "C");
		printf("# SKIP locale_does_not_matter: no decimal-comma locale "
		       "installed (on Debian: sed -i 's/^# de_DE.UTF-8/"
		       "de_DE.UTF-8/' /etc/locale.gen && locale-gen)\n");
		return;
	}
	/* the trap is real: strtod() now stops at the '.' */
	ck_assert(strtod("2.5", NULL) == 2.0);

	ck_assert_int_eq(pd("2.5", &d), AIRS_OK);
	ck_assert(d == 2.5);
	ck_assert_int_eq(pd("2,5", &d), AIRS_EPARSE);
	ck_assert_int_eq(pd("1234567890123456789012.5e-3", &d), AIRS_OK);
	ck_assert(d == 1234567890123456789.0125);
	rng = 31337;
	for (i = 0; i < N; i++) {
		size_t len = random_decimal(&rng, buf, sizeof buf);
		double got = -1;
		int rc = airs__parse_double(buf, len, &got);

		ck_assert_msg(rc == rc_before[i], "%s under %s", buf, name);
		if (rc == AIRS_OK)
			ck_assert_msg(same_bits(got, before[i]), "%s under %s",
			              buf, name);
	}
	check_format_table();
	setlocale(LC_ALL, "C");
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("num");
	TCase *tc = tcase_create("num");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, parses_known_values);
	tcase_add_test(tc, rejects_malformed);
	tcase_add_test(tc, overflow_is_erange);
	tcase_add_test(tc, correctly_rounded_against_strtod);
	tcase_add_test(tc, long_mantissas);
	tcase_add_test(tc, parse_long);
	tcase_add_test(tc, parse_bool);
	tcase_add_test(tc, formats_known_values);
	tcase_add_test(tc, formatting_agrees_with_printf);
	tcase_add_test(tc, large_values_round_trip);
	tcase_add_test(tc, integers_as_printf);
	tcase_add_test(tc, locale_does_not_matter);
	suite_add_tcase(s, tc);
	return s;
}

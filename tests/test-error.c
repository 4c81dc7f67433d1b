/* Status names, diagnostic formatting, message quoting. */
#include <string.h>

#include "error.h"

#include "harness.h"

START_TEST(status_names_are_stable)
{
	ck_assert_str_eq(airs_strerror(AIRS_OK), "success");
	ck_assert_str_eq(airs_strerror(AIRS_ENOMEM), "out of memory");
	ck_assert_str_eq(airs_strerror(AIRS_EPARSE), "malformed input");
	ck_assert_str_eq(airs_strerror(AIRS_EPRIVACY), "would disclose protected data");
	ck_assert_str_eq(airs_strerror(-99), "unknown error");
	ck_assert_str_eq(airs_strerror(1), "unknown error");
	/* The numbers are a promise to every program that links airs. */
	ck_assert_int_eq(AIRS_ENOMEM, -1);
	ck_assert_int_eq(AIRS_EINVAL, -2);
	ck_assert_int_eq(AIRS_ERANGE, -3);
	ck_assert_int_eq(AIRS_ENOTFOUND, -4);
	ck_assert_int_eq(AIRS_EEXIST, -5);
	ck_assert_int_eq(AIRS_ECYCLE, -6);
	ck_assert_int_eq(AIRS_EPARSE, -7);
	ck_assert_int_eq(AIRS_EIO, -8);
	ck_assert_int_eq(AIRS_ELIMIT, -9);
	ck_assert_int_eq(AIRS_ESTATE, -10);
	ck_assert_int_eq(AIRS_EMISMATCH, -11);
	ck_assert_int_eq(AIRS_EPRIVACY, -12);
	ck_assert_int_eq(AIRS_ECANCELED, -13);
	ck_assert_str_eq(airs_strerror(AIRS_ECANCELED), "cancelled");
}
END_TEST

START_TEST(diag_format)
{
	airs_diag d = AIRS_DIAG_INIT;
	char buf[64];

	airs__diag_set(&d, AIRS_ERANGE, AIRS_SEVERITY_ERROR, "assessments.csv",
	               1042, 3, "level \"%s\" is outside 0..5", "7");
	ck_assert_uint_eq(airs_diag_format(&d, buf, sizeof buf), 49);
	ck_assert_str_eq(buf, "assessments.csv:1042:3: level \"7\" is outside 0..5");
	/* Truncated like snprintf, returning the full length. */
	ck_assert_uint_eq(airs_diag_format(&d, buf, 10), 49);
	ck_assert_str_eq(buf, "assessmen");
	ck_assert_uint_eq(airs_diag_format(&d, NULL, 0), 49);
	d.column = 0;
	airs_diag_format(&d, buf, sizeof buf);
	ck_assert_str_eq(buf, "assessments.csv:1042: level \"7\" is outside 0..5");
	d.line = 0;
	airs_diag_format(&d, buf, sizeof buf);
	ck_assert_str_eq(buf, "assessments.csv: level \"7\" is outside 0..5");
	d.file[0] = '\0';
	airs_diag_format(&d, buf, sizeof buf);
	ck_assert_str_eq(buf, "level \"7\" is outside 0..5");
	d.size = 4;
	ck_assert_int_eq(airs__diag_check(&d), AIRS_EINVAL);
	ck_assert_uint_eq(airs_diag_format(&d, buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(airs__diag_check(NULL), AIRS_OK);
}
END_TEST

START_TEST(quote_escapes_and_cuts)
{
	char out[64];
	const char *long_value = "0123456789012345678901234567890123456789ABCDEFGH";

	airs__quote(out, sizeof out, "a\tb\x7f", 4);
	ck_assert_str_eq(out, "a\\x09b\\x7f");
	airs__quote(out, sizeof out, long_value, strlen(long_value));
	ck_assert_str_eq(out, "0123456789012345678901234567890123456789...");
	/* "é" (2 bytes) straddles byte 40: it goes whole, not half. */
	airs__quote(out, sizeof out,
	            "012345678901234567890123456789012345678\xc3\xa9xxxxxx", 47);
	ck_assert_str_eq(out, "012345678901234567890123456789012345678...");
	airs__quote(out, 4, "abcdef", 6);
	ck_assert_str_eq(out, "abc");
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("error");
	TCase *tc = tcase_create("error");

	tcase_add_test(tc, status_names_are_stable);
	tcase_add_test(tc, diag_format);
	tcase_add_test(tc, quote_escapes_and_cuts);
	suite_add_tcase(s, tc);
	return s;
}

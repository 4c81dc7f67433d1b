/*
 * harness.h - what every Check suite shares: a main() that runs one suite
 * with TAP output (meson reads it with protocol: 'tap').
 *
 * A test file defines `Suite *make_suite(void)` and includes this header
 * once, after its tests.
 */
#ifndef AIRS_TEST_HARNESS_H
#define AIRS_TEST_HARNESS_H

#include <check.h>
#include <stdlib.h>

Suite *make_suite(void);

int main(void)
{
	SRunner *sr = srunner_create(make_suite());
	int failed;

	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif

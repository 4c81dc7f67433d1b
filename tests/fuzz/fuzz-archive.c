/*
 * fuzz-archive.c - libFuzzer target for the archive reader
 * (airs_archive_read(); airs/archive.h, docs/output-format.md
 * "Archives").  Public API only, and the library's SHA-256 to seal
 * inputs.
 *
 * The input is read twice with the seeds' key ("fuzz archive key!"):
 * as it is, and "sealed" (the payload length and the SHA-256 at its end
 * made to match) so that mutations reach the checks behind the
 * checksum.
 *
 * Whatever the input: no crash, no leak, no sanitizer report; a refusal
 * is AIRS_EPARSE, AIRS_EMISMATCH or AIRS_EPRIVACY with a NUL-terminated
 * diagnostic, "byte N: ..." with N within the input when it names a
 * byte.  An archive the reader accepts:
 *  - gives its provenance and a rollup that reads back as a partial;
 *  - compares with itself: every change shown is zero (or NaN), and no
 *    survey change is hidden for few changed people (the respondent
 *    sets are the same) - or, when it names another methodology
 *    version, the comparison is refused with AIRS_EMISMATCH.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/airs.h"
#include "sha256.h"
#include "fuzz-common.h"

#define KEY "fuzz archive key!"

static void self_compare(const airs_archive *a, const airs_provenance *p)
{
	airs_comparison *k = NULL;
	airs_compare_options o = AIRS_COMPARE_OPTIONS_INIT;
	size_t nu;
	int rc;

	o.allow_params_change = 1;
	rc = airs_compare_archives(a, a, &o, &k, NULL);
	if (strcmp(p->methodology_version, AIRS_METHODOLOGY_VERSION)) {
		CHECK(rc == AIRS_EMISMATCH && !k); /* another methodology */
		return;
	}
	CHECK(rc == AIRS_OK);
	nu = airs_comparison_unit_count(k);
	CHECK(airs_comparison_added_count(k) == 0);
	CHECK(airs_comparison_removed_count(k) == 0);
	for (size_t g = 0; g <= nu; g++) {
		size_t u = g == nu ? AIRS_ROLLUP_ORG : g;
		for (int f = 0; f < AIRS_CHANGE_FIGURE_COUNT_; f++) {
			airs_change ch = AIRS_CHANGE_INIT;
			CHECK(airs_comparison_change(k, u, f, &ch) == AIRS_OK);
			CHECK(ch.reason != AIRS_CHANGE_FEW_CHANGED);
			if (ch.reason == AIRS_CHANGE_SHOWN)
				CHECK(isnan(ch.change) || fabs(ch.change) < 1e-9);
		}
	}
	airs_comparison_free(k);
}

static void try_read(const uint8_t *data, size_t size)
{
	airs_diag d = AIRS_DIAG_INIT;
	airs_archive *a = NULL;
	airs_provenance p = AIRS_PROVENANCE_INIT;
	airs_unit_score us = AIRS_UNIT_SCORE_INIT;
	int rc = airs_archive_read(&a, data, size, KEY, strlen(KEY), NULL, &d);

	CHECK(d.size == sizeof d && memchr(d.text, 0, sizeof d.text));
	if (rc) {
		size_t at = 0;
		CHECK(!a);
		CHECK(rc == AIRS_EPARSE || rc == AIRS_EMISMATCH ||
		      rc == AIRS_EPRIVACY);
		if (sscanf(d.text, "byte %zu:", &at) == 1)
			CHECK(at <= size);
		return;
	}
	CHECK(airs_archive_provenance(a, &p) == AIRS_OK);
	CHECK(p.methodology_version && p.library_version);
	CHECK(strlen(p.params_digest) == 64 && strlen(p.input_digest) == 64);
	CHECK(airs_rollup_org(airs_archive_rollup(a), &us) == AIRS_OK);
	self_compare(a, &p);
	airs_archive_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *c;

	try_read(data, size);
	if ((c = sealed(data, size))) {
		try_read(c, size);
		free(c);
	}
	return 0;
}

/*
 * fuzz-partial-binary.c - libFuzzer target for the binary rollup partials
 * reader (airs_rollup_read(), airs_rollup_read_v3(); docs/output-format.md
 * "Binary partials").  Public API only, and the library's SHA-256 to
 * seal inputs.
 *
 * The input is read twice: as it is (a mutation almost never keeps the
 * checksum, so this tries the frame checks), and, when it starts with
 * the magic, "sealed" - the payload length and the SHA-256 at its end
 * set to match - so that mutations reach every check behind the
 * checksum.
 *
 * Whatever the input: no crash, no leak, no sanitizer report; a refusal
 * is AIRS_EPARSE ("byte N: ..." with N within the input), AIRS_EMISMATCH
 * or AIRS_EPRIVACY, with a NUL-terminated diagnostic.  A partial the
 * reader accepts:
 *  - reads as a sane rollup (every unit, construct and skill cell, every
 *    unit found by its id, levels adding up to the headcount);
 *  - writes a binary partial that reads back and writes the same bytes
 *    (a fixed point after one pass; the same as the input but for
 *    optional sections of later versions, which are dropped);
 *  - writes a text partial that reads back to the same binary bytes;
 *  - read open and merged with itself, then finished, reads as the
 *    closed read merged with itself: the same text.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/airs.h"
#include "sha256.h"
#include "fuzz-common.h"

#define MAGIC "\x89" "airsrb\n"

struct bytes {
	char *p;
	size_t n, cap;
};

static int collect(const void *data, size_t len, void *user)
{
	struct bytes *t = user;

	if (t->n + len > t->cap) {
		t->cap = (t->n + len) * 2;
		t->p = realloc(t->p, t->cap);
		CHECK(t->p);
	}
	memcpy(t->p + t->n, data, len);
	t->n += len;
	return 0;
}

static struct bytes write_form(const airs_rollup *r, int form)
{
	struct bytes t = { NULL, 0, 0 };

	CHECK(airs_rollup_write_v2(r, form, collect, &t) == AIRS_OK);
	return t;
}

static airs_rollup *read_ok(const struct bytes *b, unsigned flags)
{
	airs_diag d = AIRS_DIAG_INIT;
	airs_rollup *r = NULL;
	airs_params *p;
	int rc;

	if (!flags) {
		rc = airs_rollup_read(&r, b->p, b->n, NULL, &d);
	} else {
		CHECK(airs_params_new(&p, NULL) == AIRS_OK);
		rc = airs_rollup_read_v3(&r, b->p, b->n, p, flags, NULL, &d);
		airs_params_free(p);
		if (rc == AIRS_EMISMATCH) /* not made with the defaults */
			return NULL;
	}
	if (rc)
		fprintf(stderr, "re-read failed: %s\n", d.text);
	CHECK(rc == AIRS_OK && r);
	return r;
}

static void read_all(const airs_rollup *r)
{
	size_t nu = airs_rollup_unit_count(r), ns = airs_rollup_skill_count(r);
	size_t u, s, k, at;
	int c;

	for (u = 0; u <= nu; u++) {
		size_t g = u < nu ? u : AIRS_ROLLUP_ORG;
		airs_unit_score us = AIRS_UNIT_SCORE_INIT;
		uint64_t lv = 0;

		CHECK(airs_rollup_unit(r, g, &us) == AIRS_OK);
		for (k = 0; k < 6; k++)
			CHECK(!__builtin_add_overflow(lv, us.levels[k], &lv));
		CHECK(lv == us.headcount);
		CHECK(isnan(us.readiness_median) || isfinite(us.readiness_median));
		if (u < nu) {
			CHECK(us.id && us.name);
			CHECK(airs_rollup_find_unit(r, us.id, &at) == AIRS_OK);
			CHECK(at == u);
		}
		for (c = 0; c < AIRS_CONSTRUCT_COUNT_; c++) {
			airs_construct_score cs = AIRS_CONSTRUCT_SCORE_INIT;
			CHECK(airs_rollup_construct(r, g, c, &cs) == AIRS_OK);
		}
		for (s = 0; s < ns; s++) {
			double gap;
			uint64_t n;
			CHECK(airs_rollup_skill(r, g, s, &gap, &n) == AIRS_OK);
		}
	}
}

static int same(const struct bytes *a, const struct bytes *b)
{
	return a->n == b->n && !memcmp(a->p, b->p, a->n);
}

/* Self-merge, closed and open: the same text. */
static void check_open(const airs_rollup *r, const struct bytes *b)
{
	airs_rollup *x = read_ok(b, 0), *o = read_ok(b, AIRS_ROLLUP_OPEN);
	struct bytes t1, t2;
	int rc1, rc2;

	if (!o) {
		airs_rollup_free(x);
		return;
	}
	rc1 = airs_rollup_merge(x, r, NULL);
	rc2 = airs_rollup_merge(o, r, NULL);
	CHECK(rc1 == rc2 && (rc1 == AIRS_OK || rc1 == AIRS_ERANGE));
	CHECK(airs_rollup_finish(o, 2, NULL) == AIRS_OK);
	t1 = write_form(x, AIRS_PARTIAL_TEXT);
	t2 = write_form(o, AIRS_PARTIAL_TEXT);
	CHECK(same(&t1, &t2));
	free(t1.p);
	free(t2.p);
	airs_rollup_free(x);
	airs_rollup_free(o);
}

static void try_read(const uint8_t *data, size_t size)
{
	airs_diag d = AIRS_DIAG_INIT;
	airs_rollup *r = NULL, *again;
	struct bytes b1, b2, t;
	int rc = airs_rollup_read(&r, (const char *)data, size, NULL, &d);

	CHECK(d.size == sizeof d && memchr(d.text, 0, sizeof d.text));
	CHECK(d.status == rc);
	if (rc) {
		CHECK(!r);
		CHECK(rc == AIRS_EPARSE || rc == AIRS_EMISMATCH ||
		      rc == AIRS_EPRIVACY);
		if (rc == AIRS_EPARSE && size >= 8 && !memcmp(data, MAGIC, 8)) {
			size_t at = 0;
			CHECK(sscanf(d.text, "byte %zu:", &at) == 1 && at <= size);
		}
		return;
	}
	read_all(r);
	b1 = write_form(r, AIRS_PARTIAL_BINARY);
	again = read_ok(&b1, 0);
	b2 = write_form(again, AIRS_PARTIAL_BINARY);
	CHECK(same(&b1, &b2));
	airs_rollup_free(again);
	free(b2.p);
	t = write_form(r, AIRS_PARTIAL_TEXT);
	again = read_ok(&t, 0);
	b2 = write_form(again, AIRS_PARTIAL_BINARY);
	CHECK(same(&b1, &b2));
	airs_rollup_free(again);
	free(b2.p);
	free(t.p);
	check_open(r, &b1);
	free(b1.p);
	airs_rollup_free(r);
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

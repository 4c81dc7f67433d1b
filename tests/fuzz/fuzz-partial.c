/*
 * fuzz-partial.c - libFuzzer target for the rollup partials reader
 * (airs_rollup_read(), docs/output-format.md "Rollup partials").  Public
 * API only.
 *
 * The whole input is the partial's text; there is no framing, so any
 * partial written by airs_rollup_write() is a seed.
 *
 * Whatever the input: no crash, no leak, no sanitizer report; a refusal
 * is AIRS_EPARSE (with the line, within the text), AIRS_EMISMATCH
 * (another format version) or AIRS_EPRIVACY (a threshold below 3), and a
 * diagnostic NUL-terminated in its arrays.  A partial the reader accepts:
 *  - holds printable ASCII, spaces and line ends only (the writer escapes
 *    every other byte; a NUL once passed as a digit or a keyword);
 *  - reads as a sane rollup: every unit, construct and skill cell can be
 *    read, every unit found by its id, levels add up to the headcount
 *    (without wrapping around);
 *  - is a fixed point after one pass: write -> read -> write gives
 *    byte-identical text (the first write may differ from the input only
 *    where the input was not canonical; built with -DAIRS_FUZZ_STRICT
 *    the target demands that it does not differ at all);
 *  - reads the same through airs_rollup_read_v2() with the default
 *    parameters when it carries their digest and min_group, and is
 *    refused by it otherwise;
 *  - merges with a re-read copy of itself (same units, skills, digest),
 *    doubling every unit's headcount, and the merged rollup writes a
 *    partial that reads back to the same text.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/airs.h"
#include "fuzz-common.h"

struct text {
	char *p;
	size_t n, cap;
};

static int collect(const void *data, size_t len, void *user)
{
	struct text *t = user;

	if (t->n + len > t->cap) {
		t->cap = (t->n + len) * 2;
		t->p = realloc(t->p, t->cap);
		CHECK(t->p);
	}
	memcpy(t->p + t->n, data, len);
	t->n += len;
	return 0;
}

static int refuse(const void *data, size_t len, void *user)
{
	(void)data;
	(void)len;
	(void)user;
	return 1;
}

static struct text write_text(const airs_rollup *r)
{
	struct text t = { NULL, 0, 0 };

	CHECK(airs_rollup_write(r, collect, &t) == AIRS_OK);
	CHECK(t.n > 0 && t.p[t.n - 1] == '\n');
	CHECK(!memchr(t.p, 0, t.n));
	return t;
}

static void check_diag(const airs_diag *d)
{
	CHECK(d->size == sizeof *d);
	CHECK(memchr(d->file, 0, sizeof d->file));
	CHECK(memchr(d->text, 0, sizeof d->text));
}

static airs_rollup *read_ok(const struct text *t)
{
	airs_diag d = AIRS_DIAG_INIT;
	airs_rollup *r = NULL;
	int rc = airs_rollup_read(&r, t->p, t->n, NULL, &d);

	check_diag(&d);
	if (rc)
		fprintf(stderr, "re-read failed: line %llu: %s\n",
		        (unsigned long long)d.line, d.text);
	CHECK(rc == AIRS_OK && r);
	return r;
}

static int is_nan_or_finite(double x)
{
	return isnan(x) || isfinite(x);
}

/* The unit ADKAR profile of g (methodology 4.6): elements in 1..5 or
 * NaN, a source exactly where there is a value, barrier counts adding
 * up to the headcount. */
static void read_adkar(const airs_rollup *r, size_t g, uint64_t headcount)
{
	airs_unit_adkar a = AIRS_UNIT_ADKAR_INIT;
	uint64_t n = 0;
	int e;

	CHECK(airs_rollup_adkar(r, g, &a) == AIRS_OK);
	for (e = 0; e < AIRS_ADKAR_COUNT_; e++) {
		CHECK(isnan(a.element[e]) ||
		      (a.element[e] >= 1 && a.element[e] <= 5));
		CHECK(isnan(a.element[e]) == (a.source[e] < 0));
	}
	for (e = 0; e <= AIRS_BARRIER_UNKNOWN; e++)
		n += a.barriers[e];
	CHECK(n == headcount);
	CHECK(a.barrier >= 0 && a.barrier <= AIRS_BARRIER_UNKNOWN);
}

/* Read everything a host can read from a rollup. */
static void read_all(const airs_rollup *r)
{
	size_t nu = airs_rollup_unit_count(r), ns = airs_rollup_skill_count(r);
	size_t u, s;
	int c;

	for (u = 0; u <= nu; u++) {
		size_t g = u < nu ? u : AIRS_ROLLUP_ORG, at = 0, k;
		airs_unit_score us = AIRS_UNIT_SCORE_INIT;
		uint64_t lv = 0;
		int wrapped = 0;

		CHECK(airs_rollup_unit(r, g, &us) == AIRS_OK);
		for (k = 0; k < 6; k++)
			wrapped |= __builtin_add_overflow(lv, us.levels[k], &lv);
		/* F8 (fixed): the reader's count checks wrapped around */
		CHECK(lv == us.headcount && !wrapped);
		CHECK(is_nan_or_finite(us.readiness_mean));
		CHECK(is_nan_or_finite(us.readiness_median));
		if (u < nu) {
			CHECK(us.id && us.name);
			CHECK(airs_rollup_find_unit(r, us.id, &at) == AIRS_OK);
			CHECK(at == u);
			CHECK(us.target >= 0 && us.target <= 5);
		} else {
			CHECK(!us.id && !us.parent_id && us.depth == 0);
		}
		for (c = 0; c < AIRS_CONSTRUCT_COUNT_; c++) {
			airs_construct_score cs = AIRS_CONSTRUCT_SCORE_INIT;
			CHECK(airs_rollup_construct(r, g, c, &cs) == AIRS_OK);
		}
		read_adkar(r, g, us.headcount);
		for (s = 0; s < ns; s++) {
			double gap;
			uint64_t n;
			CHECK(airs_rollup_skill(r, g, s, &gap, &n) == AIRS_OK);
			CHECK(n || isnan(gap));
		}
	}
	CHECK(airs_rollup_unit(r, nu, &(airs_unit_score)AIRS_UNIT_SCORE_INIT) ==
	      AIRS_ERANGE);
	for (s = 0; s < ns; s++)
		CHECK(airs_rollup_skill_id(r, s));
	CHECK(!airs_rollup_skill_id(r, ns));
}

/* airs_rollup_read_v2() with the default parameters: it reads what
 * airs_rollup_read() reads (r, NULL when refused) exactly when the
 * partial's digest, min_group and adkar_barrier lines are the
 * defaults'. */
static void check_v2(const uint8_t *data, size_t size, const airs_rollup *r)
{
	/* a partial made with the default parameters (the digest is the
	 * library's own, so a new parameter cannot leave it stale) */
	char digest[65], head[128];
	airs_diag d = AIRS_DIAG_INIT;
	airs_params *p;
	airs_rollup *r2 = NULL;
	size_t hn;
	int rc;

	CHECK(airs_params_new(&p, NULL) == AIRS_OK);
	CHECK(airs_params_digest(p, digest) == AIRS_OK);
	hn = (size_t)snprintf(head, sizeof head,
	                      "airs-rollup 3\ndigest %s\nmin_group 5\n"
	                      "adkar_barrier 3000000000\n", digest);
	rc = airs_rollup_read_v2(&r2, (const char *)data, size, p, NULL, &d);
	check_diag(&d);
	CHECK(d.status == rc);
	if (r && size >= hn && !memcmp(data, head, hn)) {
		struct text a = write_text(r), b;
		CHECK(rc == AIRS_OK);
		b = write_text(r2);
		CHECK(a.n == b.n && !memcmp(a.p, b.p, a.n));
		free(a.p);
		free(b.p);
	} else {
		CHECK(rc != AIRS_OK && !r2);
	}
	airs_rollup_free(r2);
	airs_params_free(p);
}

static size_t lines(const uint8_t *data, size_t size)
{
	size_t n = 0, i;

	for (i = 0; i < size; i++)
		n += data[i] == '\n';
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	airs_diag d = AIRS_DIAG_INIT;
	airs_rollup *r = NULL, *copy, *again;
	struct text t1, t2, t3, t4;
	size_t nu, u;
	uint64_t *heads;
	int rc;

	rc = airs_rollup_read(&r, (const char *)data, size, NULL, &d);
	check_diag(&d);
	CHECK(d.status == rc);
	/* the binary form (since 1.2) is fuzz-partial-binary's */
	if (size >= 8 && !memcmp(data, "\x89" "airsrb\n", 8)) {
		CHECK(rc != AIRS_OK || r);
		airs_rollup_free(r);
		return 0;
	}
	check_v2(data, size, r);
	if (rc) {
		CHECK(!r);
		CHECK(rc == AIRS_EPARSE || rc == AIRS_EMISMATCH ||
		      rc == AIRS_EPRIVACY);
		CHECK(d.text[0] && d.severity == AIRS_SEVERITY_ERROR);
		if (rc == AIRS_EPARSE)
			CHECK(d.line >= 1 && d.line <= lines(data, size) + 1);
		return 0;
	}
	CHECK(r);
	for (u = 0; u < size; u++)
		CHECK(data[u] == '\n' || (data[u] >= 0x20 && data[u] <= 0x7e));
	read_all(r);

	/* A writer that stops is AIRS_EIO. */
	CHECK(airs_rollup_write(r, refuse, NULL) == AIRS_EIO);

	/* write -> read -> write is a fixed point */
	t1 = write_text(r);
	/* F12 (fixed): bytes >= 0x80 of ids and names are written escaped */
#ifdef AIRS_FUZZ_STRICT
	/* "The reader is strict" (docs/output-format.md): what it accepts
	 * is the canonical text, which the writer gives back byte for byte.
	 * Open: F9 and the lossless leniencies of the findings README. */
	CHECK(t1.n == size && !memcmp(t1.p, data, size));
#endif
	again = read_ok(&t1);
	read_all(again);
	t2 = write_text(again);
	CHECK(t1.n == t2.n && !memcmp(t1.p, t2.p, t1.n));
	airs_rollup_free(again);

	/* merge with a re-read copy of itself: every unit doubles */
	nu = airs_rollup_unit_count(r);
	heads = calloc(nu + 1, sizeof *heads);
	CHECK(heads);
	for (u = 0; u < nu; u++) {
		airs_unit_score us = AIRS_UNIT_SCORE_INIT;
		CHECK(airs_rollup_unit(r, u, &us) == AIRS_OK);
		heads[u] = us.headcount;
	}
	copy = read_ok(&t1);
	d = (airs_diag)AIRS_DIAG_INIT;
	rc = airs_rollup_merge(r, copy, &d);
	check_diag(&d);
	CHECK(rc == AIRS_OK);
	airs_rollup_free(copy);
	read_all(r);
	for (u = 0; u < nu; u++) {
		airs_unit_score us = AIRS_UNIT_SCORE_INIT;
		CHECK(airs_rollup_unit(r, u, &us) == AIRS_OK);
		CHECK(us.headcount == 2 * heads[u]);
	}
	free(heads);

	/* the merged rollup's partial reads back to the same text */
	t3 = write_text(r);
	again = read_ok(&t3);
	t4 = write_text(again);
	CHECK(t3.n == t4.n && !memcmp(t3.p, t4.p, t3.n));
	airs_rollup_free(again);

	airs_rollup_free(r);
	free(t1.p);
	free(t2.p);
	free(t3.p);
	free(t4.p);
	return 0;
}

/*
 * fuzz-load.c - libFuzzer target for the dataset loader.
 *
 * Input layout: byte 0 picks the options (bits 0-2: max_errors 0..7,
 * bit 3: a small max_field of 12 bytes, bit 4: the first part is a
 * mapping, bit 5: AIRS_LOAD_STRICT, bit 6: the tables that define ids
 * read in byte ranges of 1 byte - or with bit 7, 7 bytes on two threads
 * - through load-ranges.c's test knob), byte 1 picks an allocation to
 * fail (0: none, n: the n-th allocation after the model exists, so that
 * out-of-memory paths run too); the rest is split at 0x1e bytes into the
 * mapping (with bit 4) and the tables units, roles, skills, role_skills,
 * employees, courses, survey_items, assessments, training, responses,
 * usage, (since 1.1) tools and (since 1.2) survey_waves, in that order.
 *
 * Whatever the input: no crash, no leak (LeakSanitizer), every
 * diagnostic well-formed, and a failed load leaves the fresh model
 * empty; a successful one can be finished.  Read in ranges with no
 * allocation failing, the load says what one reader says: the same
 * status, diagnostics count, first error (position and text) and counts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/load.h"
#include "fuzz-common.h"

struct failing {
	unsigned long count, fail_at; /* fail_at 0: never */
};

static int should_fail(struct failing *f)
{
	return f->fail_at && ++f->count == f->fail_at;
}

static void *f_malloc(size_t n, void *user)
{
	return should_fail(user) ? NULL : malloc(n);
}

static void *f_realloc(void *p, size_t n, void *user)
{
	return should_fail(user) ? NULL : realloc(p, n);
}

static void f_free(void *p, void *user)
{
	(void)user;
	free(p);
}

static uint32_t nerr;

static void on_diag(const airs_diag *d, void *user)
{
	(void)user;
	CHECK(d->size == sizeof *d);
	CHECK(memchr(d->file, 0, sizeof d->file));
	CHECK(memchr(d->text, 0, sizeof d->text));
	CHECK(d->text[0]);
	if (d->severity == AIRS_SEVERITY_ERROR) {
		CHECK(d->status < 0);
		nerr++;
	} else {
		CHECK(d->severity == AIRS_SEVERITY_WARNING);
	}
}

/* What a load without ranges says of the same input: nonzero when it
 * differs from rc, d and m's counts. */
static int differs_from_one_reader(const airs_table_buffer *tb, size_t n,
                                   const airs_load_options *o, int rc,
                                   const airs_diag *d, const airs_model *m)
{
	airs_load_options one = *o;
	airs_diag d1 = AIRS_DIAG_INIT;
	airs_model *m1;
	uint32_t nerr1 = nerr;
	size_t k;
	int rc1, bad;

	unsetenv("AIRS_TEST_LOAD_RANGE");
	one.threads = 1;
	if (airs_model_new(&m1, NULL))
		return 0;
	nerr = 0;
	rc1 = airs_load_buffers(m1, tb, n, &one, &d1);
	bad = rc1 != rc || nerr != nerr1 || d1.line != d->line ||
	      d1.column != d->column || strcmp(d1.text, d->text) ||
	      strcmp(d1.file, d->file);
	for (k = 0; k < AIRS_ENTITY_COUNT_; k++)
		bad |= airs_model_count(m1, (int)k) != airs_model_count(m, (int)k);
	airs_model_free(m1);
	nerr = nerr1;
	return bad;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	airs_table_buffer tb[NTABLES];
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_allocator a = AIRS_ALLOCATOR_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	struct failing f = { 0, 0 };
	const char *p, *end, *sep;
	airs_model *m;
	size_t n = 0, k;
	int rc;

	if (size < 2)
		return 0;
	o.max_errors = data[0] & 7;
	o.max_field = data[0] & 8 ? 12 : 0;
	o.flags = data[0] & 32 ? AIRS_LOAD_STRICT : 0;
	o.on_diag = on_diag;
	if (data[0] & 64) {
		setenv("AIRS_TEST_LOAD_RANGE", data[0] & 128 ? "7" : "1", 1);
		o.threads = data[0] & 128 ? 2 : 1;
	}
	a.malloc = f_malloc;
	a.realloc = f_realloc;
	a.free = f_free;
	a.user = &f;
	p = (const char *)data + 2;
	end = (const char *)data + size;
	if (data[0] & 16) {
		sep = memchr(p, 0x1e, (size_t)(end - p));
		o.map = p;
		o.map_len = (size_t)((sep ? sep : end) - p);
		o.map_name = "fuzz.map";
		p = sep ? sep + 1 : end + 1;
	}
	while (n < NTABLES && p <= end) {
		sep = memchr(p, 0x1e, (size_t)(end - p));
		tb[n].name = names[n];
		tb[n].data = p;
		tb[n].len = (size_t)((sep ? sep : end) - p);
		n++;
		if (!sep)
			break;
		p = sep + 1;
	}
	if (airs_model_new(&m, &a))
		return 0;
	f.fail_at = data[1];
	nerr = 0;
	rc = airs_load_buffers(m, tb, n, &o, &d);
	f.fail_at = 0;
	if (data[0] & 64) {
		CHECK(data[1] || !differs_from_one_reader(tb, n, &o, rc, &d, m));
		unsetenv("AIRS_TEST_LOAD_RANGE");
	}
	if (rc) {
		CHECK(rc == d.status);
		CHECK(nerr >= 1 && nerr <= (o.max_errors > 1 ? o.max_errors : 1));
		CHECK(strlen(airs_model_errmsg(m)) > 0);
		for (k = 0; k < AIRS_ENTITY_COUNT_; k++)
			CHECK(airs_model_count(m, (int)k) == 0);
	} else {
		CHECK(nerr == 0);
		CHECK(airs_model_finish(m) == AIRS_OK);
	}
	airs_model_free(m);
	return 0;
}

/*
 * fuzz-params.c - libFuzzer target for the parameters: the config reader
 * (airs_params_load_buffer()) and setting by name (airs_params_set()).
 * Public API only.
 *
 * The input is used twice, with no framing, so that any config file is a
 * seed:
 *
 *  1. as a whole config text, applied to a handle of defaults;
 *  2. split into lines, each "name=value" line (split at its first '=',
 *     nothing trimmed; lines without '=' are skipped) applied with
 *     airs_params_set() to a second handle, one by one.  A NUL byte ends
 *     the name or the value there, as it would for a C caller.
 *
 * Invariants:
 *  - a failed call leaves the handle unchanged (digest and every
 *    parameter's text) and says why: a message, and for a config text a
 *    diagnostic with that status whose file and text are NUL-terminated
 *    within their arrays;
 *  - applying the same config text again gives the same parameters;
 *  - round trip: every parameter's text form (airs_params_get() over the
 *    airs_params_describe() names) set on a fresh handle with
 *    airs_params_set() gives the same texts and digest; written as one
 *    config text it does too, and is refused (AIRS_EINVAL, nothing
 *    changed) exactly when the values break a check across parameters
 *    (airs_params_set() does not make those checks; a file does);
 *  - a value is a fixed point of its text form and of
 *    airs_params_set_double() of its airs_params_get_double().
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/airs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* Longer than any parameter's text form (a number of 17 digits, a date,
 * "auto"), so that a truncated get is itself a finding. */
#define TEXT_MAX 64

static size_t nparams(void)
{
	size_t n = 0;

	while (airs_params_describe(n, NULL, NULL))
		n++;
	return n;
}

/* Every parameter's text, one NUL-terminated TEXT_MAX slot each. */
static char *texts(const airs_params *p, size_t n)
{
	char *t = calloc(n ? n : 1, TEXT_MAX);
	size_t i;

	CHECK(t);
	for (i = 0; i < n; i++) {
		char *s = t + i * TEXT_MAX;
		size_t len = airs_params_get(p, airs_params_describe(i, NULL, NULL),
		                             s, TEXT_MAX);
		CHECK(len > 0 && len < TEXT_MAX && strlen(s) == len);
	}
	return t;
}

struct state {
	char digest[65];
	char *texts;
};

static void snap(const airs_params *p, size_t n, struct state *s)
{
	CHECK(airs_params_digest(p, s->digest) == AIRS_OK);
	CHECK(strlen(s->digest) == 64);
	s->texts = texts(p, n);
}

static int same(const airs_params *p, size_t n, const struct state *s)
{
	struct state now;
	int eq;

	snap(p, n, &now);
	eq = !strcmp(now.digest, s->digest) &&
	     !memcmp(now.texts, s->texts, n * TEXT_MAX);
	free(now.texts);
	return eq;
}

static void check_diag(const airs_diag *d)
{
	CHECK(d->size == sizeof *d);
	CHECK(memchr(d->file, 0, sizeof d->file));
	CHECK(memchr(d->text, 0, sizeof d->text));
}

static double value(const airs_params *p, const char *name)
{
	double x = NAN;

	CHECK(airs_params_get_double(p, name, &x) == AIRS_OK);
	return x;
}

/* The checks a config file makes across parameters (docs/configuration.md):
 * the weights are not all 0 and the level thresholds increase. */
static int consistent(const airs_params *p)
{
	double w = value(p, "weights.skill") + value(p, "weights.training") +
	           value(p, "weights.sentiment") + value(p, "weights.adoption");

	return w > 0 && value(p, "levels.t2") < value(p, "levels.t3") &&
	       value(p, "levels.t3") < value(p, "levels.t4") &&
	       value(p, "levels.t4") < value(p, "levels.t5");
}

/* Apply a config text; the handle changes exactly when it succeeds. */
static int load(airs_params *p, size_t n, const char *text, size_t len)
{
	airs_diag d = AIRS_DIAG_INIT;
	struct state before;
	int rc;

	snap(p, n, &before);
	rc = airs_params_load_buffer(p, "fuzz.ini", text, len, &d);
	check_diag(&d);
	CHECK(d.status == rc);
	if (rc) {
		CHECK(rc == AIRS_EPARSE || rc == AIRS_EINVAL || rc == AIRS_ERANGE);
		CHECK(d.text[0] && d.severity == AIRS_SEVERITY_ERROR);
		CHECK(!strcmp(d.file, "fuzz.ini"));
		CHECK(airs_params_errmsg(p)[0]);
		CHECK(same(p, n, &before));
	} else {
		CHECK(!airs_params_errmsg(p)[0]);
	}
	free(before.texts);
	return rc;
}

/* The round trips of every parameter's text form, from p. */
static void round_trip(const airs_params *p, size_t n)
{
	struct state want;
	airs_params *q, *c;
	char *cfg, *at;
	size_t i;
	int rc;

	snap(p, n, &want);

	/* by name, one at a time */
	CHECK(airs_params_new(&q, NULL) == AIRS_OK);
	for (i = 0; i < n; i++)
		CHECK(airs_params_set(q, airs_params_describe(i, NULL, NULL),
		                      want.texts + i * TEXT_MAX) == AIRS_OK);
	CHECK(same(q, n, &want));

	/* each value is a fixed point of set_double(get_double) */
	for (i = 0; i < n; i++) {
		const char *name = airs_params_describe(i, NULL, NULL);
		if (!strcmp(name, "as_of"))
			continue;
		CHECK(airs_params_set_double(q, name, value(q, name)) == AIRS_OK);
	}
	CHECK(same(q, n, &want));
	airs_params_free(q);

	/* as one config text, "name = value" lines */
	cfg = malloc(n * (TEXT_MAX + 80) + 1);
	CHECK(cfg);
	at = cfg;
	for (i = 0; i < n; i++)
		at += sprintf(at, "%s = %s\n", airs_params_describe(i, NULL, NULL),
		              want.texts + i * TEXT_MAX);
	CHECK(airs_params_new(&c, NULL) == AIRS_OK);
	rc = load(c, n, cfg, (size_t)(at - cfg));
	if (consistent(p)) {
		CHECK(rc == AIRS_OK);
		CHECK(same(c, n, &want));
	} else {
		CHECK(rc == AIRS_EINVAL);
	}
	airs_params_free(c);
	free(cfg);
	free(want.texts);
}

/* Apply the "name=value" lines of the input one by one. */
static void set_lines(airs_params *p, size_t n, const char *s, size_t len)
{
	const char *end = s + len;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		const char *eq = memchr(s, '=', (size_t)(le - s));

		if (eq) {
			size_t nl_len = (size_t)(eq - s), vl = (size_t)(le - eq - 1);
			char *name = malloc(nl_len + 1), *val = malloc(vl + 1);
			struct state before;
			int rc;

			CHECK(name && val);
			memcpy(name, s, nl_len);
			name[nl_len] = '\0';
			memcpy(val, eq + 1, vl);
			val[vl] = '\0';
			snap(p, n, &before);
			rc = airs_params_set(p, name, val);
			if (rc) {
				CHECK(rc == AIRS_EINVAL || rc == AIRS_EPARSE ||
				      rc == AIRS_ERANGE);
				CHECK(airs_params_errmsg(p)[0]);
				CHECK(same(p, n, &before));
			} else {
				char t[TEXT_MAX];
				struct state after;
				size_t tl = airs_params_get(p, name, t, sizeof t);

				CHECK(!airs_params_errmsg(p)[0]);
				CHECK(tl > 0 && tl < sizeof t);
				/* the text form sets the value it came from */
				snap(p, n, &after);
				CHECK(airs_params_set(p, name, t) == AIRS_OK);
				CHECK(same(p, n, &after));
				free(after.texts);
			}
			free(before.texts);
			free(name);
			free(val);
		}
		s = nl ? nl + 1 : end;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	size_t n = nparams();
	airs_params *p;

	CHECK(n > 0);

	/* 1. the input as one config text */
	CHECK(airs_params_new(&p, NULL) == AIRS_OK);
	if (load(p, n, text, size) == AIRS_OK) {
		struct state once;

		snap(p, n, &once);
		CHECK(load(p, n, text, size) == AIRS_OK);
		CHECK(same(p, n, &once));
		free(once.texts);
		CHECK(consistent(p));
	}
	round_trip(p, n);
	airs_params_free(p);

	/* 2. its "name=value" lines, one airs_params_set() each */
	CHECK(airs_params_new(&p, NULL) == AIRS_OK);
	set_lines(p, n, text, size);
	round_trip(p, n);
	airs_params_free(p);
	return 0;
}

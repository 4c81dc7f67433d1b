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
 *     spaces around the name and the value trimmed as a config line's;
 *     lines without '=' are skipped) applied with airs_params_set() to a
 *     second handle, one by one.  A NUL byte ends the name or the value
 *     there, as it would for a C caller.
 *
 * Invariants:
 *  - a failed call leaves the handle unchanged (its digest, and the text
 *    of threads, the one parameter the digest leaves out) and says why:
 *    a message, and for a config text a diagnostic with that status
 *    whose file and text are NUL-terminated within their arrays;
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
#include "fuzz-common.h"

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

/* What a handle holds, as cheaply as it can be compared: the digest
 * covers every parameter but threads, which is compared by its text. */
struct state {
	char digest[65];
	char threads[TEXT_MAX];
};

static void snap(const airs_params *p, struct state *s)
{
	size_t len;

	CHECK(airs_params_digest(p, s->digest) == AIRS_OK);
	CHECK(strlen(s->digest) == 64);
	len = airs_params_get(p, "threads", s->threads, sizeof s->threads);
	CHECK(len > 0 && len < sizeof s->threads);
}

static int same(const airs_params *p, const struct state *s)
{
	struct state now;

	snap(p, &now);
	return !strcmp(now.digest, s->digest) && !strcmp(now.threads, s->threads);
}

/* p holds exactly the texts want (texts()) and the digest of them. */
static int same_texts(const airs_params *p, size_t n, const char *want,
                      const char *digest)
{
	char *t = texts(p, n), d[65];
	int eq = !memcmp(t, want, n * TEXT_MAX);

	CHECK(airs_params_digest(p, d) == AIRS_OK);
	free(t);
	return eq && !strcmp(d, digest);
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
static int load(airs_params *p, const char *text, size_t len)
{
	airs_diag d = AIRS_DIAG_INIT;
	struct state before;
	int rc;

	snap(p, &before);
	rc = airs_params_load_buffer(p, "fuzz.ini", text, len, &d);
	check_diag(&d);
	CHECK(d.status == rc);
	if (rc) {
		CHECK(rc == AIRS_EPARSE || rc == AIRS_EINVAL || rc == AIRS_ERANGE);
		CHECK(d.text[0] && d.severity == AIRS_SEVERITY_ERROR);
		CHECK(!strcmp(d.file, "fuzz.ini"));
		CHECK(airs_params_errmsg(p)[0]);
		CHECK(same(p, &before));
	} else {
		CHECK(!airs_params_errmsg(p)[0]);
	}
	return rc;
}

/* The round trips of every parameter's text form, from p. */
static void round_trip(const airs_params *p, size_t n)
{
	char *want = texts(p, n), digest[65], *cfg, *at;
	airs_params *q, *c;
	size_t i;
	int rc;

	CHECK(airs_params_digest(p, digest) == AIRS_OK);

	/* by name, one at a time */
	CHECK(airs_params_new(&q, NULL) == AIRS_OK);
	for (i = 0; i < n; i++)
		CHECK(airs_params_set(q, airs_params_describe(i, NULL, NULL),
		                      want + i * TEXT_MAX) == AIRS_OK);
	CHECK(same_texts(q, n, want, digest));

	/* each value is a fixed point of set_double(get_double) */
	for (i = 0; i < n; i++) {
		const char *name = airs_params_describe(i, NULL, NULL);
		if (!strcmp(name, "as_of"))
			continue;
		CHECK(airs_params_set_double(q, name, value(q, name)) == AIRS_OK);
	}
	CHECK(same_texts(q, n, want, digest));
	airs_params_free(q);

	/* as one config text, "name = value" lines */
	cfg = malloc(n * (TEXT_MAX + 80) + 1);
	CHECK(cfg);
	at = cfg;
	for (i = 0; i < n; i++)
		at += sprintf(at, "%s = %s\n", airs_params_describe(i, NULL, NULL),
		              want + i * TEXT_MAX);
	CHECK(airs_params_new(&c, NULL) == AIRS_OK);
	rc = load(c, cfg, (size_t)(at - cfg));
	if (consistent(p)) {
		CHECK(rc == AIRS_OK);
		CHECK(same_texts(c, n, want, digest));
	} else {
		CHECK(rc == AIRS_EINVAL);
	}
	airs_params_free(c);
	free(cfg);
	free(want);
}

/* Apply the "name=value" lines of the input one by one. */
static void set_lines(airs_params *p, const char *s, size_t len)
{
	const char *end = s + len;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		const char *eq = memchr(s, '=', (size_t)(le - s));

		if (eq) {
			const char *ns = s, *ne = eq, *vs = eq + 1, *ve = le;
			size_t nl_len, vl;
			char *name, *val;
			struct state before;
			int rc;

			/* spaces around both, as a config line may have them */
			while (ns < ne && *ns == ' ')
				ns++;
			while (ne > ns && ne[-1] == ' ')
				ne--;
			while (vs < ve && *vs == ' ')
				vs++;
			while (ve > vs && ve[-1] == ' ')
				ve--;
			nl_len = (size_t)(ne - ns);
			vl = (size_t)(ve - vs);
			name = malloc(nl_len + 1);
			val = malloc(vl + 1);
			CHECK(name && val);
			memcpy(name, ns, nl_len);
			name[nl_len] = '\0';
			memcpy(val, vs, vl);
			val[vl] = '\0';
			snap(p, &before);
			rc = airs_params_set(p, name, val);
			if (rc) {
				CHECK(rc == AIRS_EINVAL || rc == AIRS_EPARSE ||
				      rc == AIRS_ERANGE);
				CHECK(airs_params_errmsg(p)[0]);
				CHECK(same(p, &before));
			} else {
				char t[TEXT_MAX];
				struct state after;
				size_t tl = airs_params_get(p, name, t, sizeof t);

				CHECK(!airs_params_errmsg(p)[0]);
				CHECK(tl > 0 && tl < sizeof t);
				/* the text form sets the value it came from */
				snap(p, &after);
				CHECK(airs_params_set(p, name, t) == AIRS_OK);
				CHECK(same(p, &after));
			}
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
	if (load(p, text, size) == AIRS_OK) {
		struct state once;

		snap(p, &once);
		CHECK(load(p, text, size) == AIRS_OK);
		CHECK(same(p, &once));
		CHECK(consistent(p));
	}
	round_trip(p, n);
	airs_params_free(p);

	/* 2. its "name=value" lines, one airs_params_set() each */
	CHECK(airs_params_new(&p, NULL) == AIRS_OK);
	set_lines(p, text, size);
	round_trip(p, n);
	airs_params_free(p);
	return 0;
}

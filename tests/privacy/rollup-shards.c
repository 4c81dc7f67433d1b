/*
 * rollup-shards.c - what a coordinator publishes from merged rollup
 * partials, for the privacy attacker (tests/privacy/README.md).
 *
 *   privacy-rollup SHARD_A SHARD_B MIN_GROUP AS_OF
 *
 * Scores two shards of one organisation (dataset folders with the same
 * units, skills and survey items and the employees split between them)
 * with anonymity.min_group = MIN_GROUP and the as-of date AS_OF, writes
 * both partials (airs_rollup_write), and then, as a coordinator would,
 * reads them back (airs_rollup_read), merges them (airs_rollup_merge)
 * and prints the merged rollup's survey figures as JSON on standard
 * output, in the field names of `airs report --format json` (units with
 * their ADKAR profiles,
 * the organisation last, constructs).  Numbers are printed with 17
 * significant digits; suppressed values are null.
 *
 * It does so three times:
 *   "honest": the partials as written;
 *   "edited": both partials with their `min_group` line changed to 1, as
 *             a shard operator (or whoever carries the files) could;
 *   "one_edited": only the first partial changed.
 * A refused read or merge is reported with its message and no figures.
 *
 * Public API only (<airs/airs.h>).
 */
#include <airs/airs.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
	char *p;
	size_t n, cap;
};

static int put(const void *data, size_t len, void *user)
{
	struct buf *b = user;

	if (b->n + len + 1 > b->cap) {
		size_t cap = (b->n + len + 1) * 2;
		char *p = realloc(b->p, cap);
		if (!p)
			return 1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, data, len);
	b->n += len;
	b->p[b->n] = '\0';
	return 0;
}

static void die(const char *what, int rc, const airs_diag *d)
{
	fprintf(stderr, "privacy-rollup: %s: %s%s%s\n", what, airs_strerror(rc),
	        d && d->text[0] ? ": " : "", d ? d->text : "");
	exit(2);
}

/* Score one shard and write its partial. */
static struct buf partial(const char *dir, const char *k, const char *as_of)
{
	airs_model *m = NULL;
	airs_params *pa = NULL;
	airs_result *r = NULL;
	airs_diag d = AIRS_DIAG_INIT;
	struct buf b = { 0, 0, 0 };
	int rc;

	if ((rc = airs_model_new(&m, NULL)))
		die("model", rc, NULL);
	if ((rc = airs_load_dir(m, dir, NULL, &d)))
		die(dir, rc, &d);
	if ((rc = airs_model_finish(m)))
		die("finish", rc, NULL);
	if ((rc = airs_params_new(&pa, NULL)) ||
	    (rc = airs_params_set(pa, "anonymity.min_group", k)) ||
	    (rc = airs_params_set(pa, "as_of", as_of)))
		die("parameters", rc, NULL);
	if ((rc = airs_score(m, pa, &r, &d)))
		die("score", rc, &d);
	if ((rc = airs_rollup_write(airs_result_rollup(r), put, &b)))
		die("rollup_write", rc, NULL);
	airs_result_free(r);
	airs_params_free(pa);
	airs_model_free(m);
	return b;
}

/* The partial with its min_group line replaced by "min_group 1". */
static char *edit(const struct buf *b)
{
	const char *at = strstr(b->p, "\nmin_group ");
	const char *eol;
	char *out;

	if (!at)
		return NULL;
	at++;
	eol = strchr(at, '\n');
	if (!eol || !(out = malloc(b->n + 16)))
		return NULL;
	memcpy(out, b->p, (size_t)(at - b->p));
	strcpy(out + (at - b->p), "min_group 1");
	strcat(out, eol);
	return out;
}

static void number(double x)
{
	if (isnan(x))
		fputs("null", stdout);
	else
		printf("%.17g", x);
}

static void count(uint64_t n)
{
	if (n == AIRS_SUPPRESSED)
		fputs("null", stdout);
	else
		printf("%llu", (unsigned long long)n);
}

static void string(const char *s)
{
	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
	putchar('"');
}

static void interval(airs_interval v)
{
	putchar('[');
	number(v.low);
	fputs(", ", stdout);
	number(v.high);
	putchar(']');
}

/* The unit ADKAR profile (methodology 4.6), as the report names it. */
static void print_adkar(const airs_rollup *r, size_t i)
{
	airs_unit_adkar a = AIRS_UNIT_ADKAR_INIT;
	int e;

	airs_rollup_adkar(r, i, &a);
	fputs(", \"adkar\": {", stdout);
	for (e = 0; e < AIRS_ADKAR_COUNT_; e++) {
		printf("%s\"%s\": ", e ? ", " : "", airs_adkar_name(e));
		number(a.element[e]);
		printf(", \"%s_ci\": ", airs_adkar_name(e));
		interval(a.element_ci[e]);
		printf(", \"%s_source\": ", airs_adkar_name(e));
		string(a.source[e] < 0 ? NULL : airs_adkar_source_name(a.source[e]));
	}
	fputs(", \"barrier\": ", stdout);
	string(airs_barrier_name(a.barrier));
	fputs("}", stdout);
}

static void print_rollup(const airs_rollup *r)
{
	size_t nu = airs_rollup_unit_count(r), i, j;
	int c;

	fputs("\"units\": [\n", stdout);
	for (j = 0; j <= nu; j++) {
		airs_unit_score u = AIRS_UNIT_SCORE_INIT;
		i = j < nu ? j : AIRS_ROLLUP_ORG;
		airs_rollup_unit(r, i, &u);
		fputs(j ? ",\n  {\"scope\": " : "  {\"scope\": ", stdout);
		string(j < nu ? "unit" : "organisation");
		fputs(", \"id\": ", stdout);
		string(u.id);
		fputs(", \"flags\": {\"fatigue\": ", stdout);
		count(u.flags[1]);
		fputs(", \"no_benefit\": ", stdout);
		count(u.flags[4]);
		fputs("}, \"net_score\": ", stdout);
		number(u.net_score);
		fputs(", \"net_respondents\": ", stdout);
		count(u.net_respondents);
		fputs(", \"time_saved\": ", stdout);
		number(u.time_saved);
		fputs(", \"time_saved_respondents\": ", stdout);
		count(u.time_saved_respondents);
		print_adkar(r, i);
		fputs("}", stdout);
	}
	fputs("\n],\n\"constructs\": [\n", stdout);
	for (j = 0; j <= nu; j++) {
		airs_unit_score u = AIRS_UNIT_SCORE_INIT;
		i = j < nu ? j : AIRS_ROLLUP_ORG;
		airs_rollup_unit(r, i, &u);
		for (c = 0; c < AIRS_CONSTRUCT_COUNT_; c++) {
			airs_construct_score s = AIRS_CONSTRUCT_SCORE_INIT;
			airs_rollup_construct(r, i, c, &s);
			fputs(j || c ? ",\n  {\"scope\": " : "  {\"scope\": ", stdout);
			string(j < nu ? "unit" : "organisation");
			fputs(", \"unit_id\": ", stdout);
			string(u.id);
			fputs(", \"construct\": ", stdout);
			string(airs_construct_name(c));
			fputs(", \"respondents\": ", stdout);
			count(s.respondents);
			fputs(", \"mean\": ", stdout);
			number(s.mean);
			fputs(", \"favourable\": ", stdout);
			number(s.favourable);
			fputs(", \"unfavourable\": ", stdout);
			number(s.unfavourable);
			fputs(", \"leaders\": ", stdout);
			count(s.leaders);
			fputs(", \"staff\": ", stdout);
			count(s.staff);
			fputs(", \"leaders_mean\": ", stdout);
			number(s.leaders_mean);
			fputs(", \"staff_mean\": ", stdout);
			number(s.staff_mean);
			fputs(", \"mean_ci\": ", stdout);
			interval(s.mean_ci);
			fputs(", \"leaders_mean_ci\": ", stdout);
			interval(s.leaders_mean_ci);
			fputs(", \"staff_mean_ci\": ", stdout);
			interval(s.staff_mean_ci);
			fputs("}", stdout);
		}
	}
	fputs("\n]", stdout);
}

/* Read and merge two partial texts as a coordinator does; print the
 * outcome as one JSON member. */
static void coordinate(const char *name, const char *a, const char *b, int last)
{
	airs_rollup *ra = NULL, *rb = NULL;
	airs_diag d = AIRS_DIAG_INIT;
	int rc;

	printf("\"%s\": {", name);
	if ((rc = airs_rollup_read(&ra, a, strlen(a), NULL, &d)) ||
	    (rc = airs_rollup_read(&rb, b, strlen(b), NULL, &d)) ||
	    (rc = airs_rollup_merge(ra, rb, &d))) {
		fputs("\"status\": \"refused\", \"message\": ", stdout);
		string(d.text[0] ? d.text : airs_strerror(rc));
	} else {
		fputs("\"status\": \"merged\",\n", stdout);
		print_rollup(ra);
	}
	printf("}%s\n", last ? "" : ",");
	airs_rollup_free(ra);
	airs_rollup_free(rb);
}

int main(int argc, char **argv)
{
	struct buf a, b;
	char *ea, *eb;

	if (argc != 5) {
		fputs("usage: privacy-rollup SHARD_A SHARD_B MIN_GROUP AS_OF\n", stderr);
		return 2;
	}
	a = partial(argv[1], argv[3], argv[4]);
	b = partial(argv[2], argv[3], argv[4]);
	ea = edit(&a);
	eb = edit(&b);
	if (!ea || !eb) {
		fputs("privacy-rollup: no min_group line in a partial\n", stderr);
		return 2;
	}
	fputs("{\n", stdout);
	coordinate("honest", a.p, b.p, 0);
	coordinate("edited", ea, eb, 0);
	coordinate("one_edited", ea, b.p, 1);
	fputs("}\n", stdout);
	free(a.p);
	free(b.p);
	free(ea);
	free(eb);
	return 0;
}

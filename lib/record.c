/*
 * record.c - records of named fields as JSON objects or CSV rows
 * (record.h).
 */
#include "record.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "airs/rollup.h"

void airs__rec_init(airs__rec *x, int csv, airs_write_fn write, void *user)
{
	memset(x, 0, offsetof(airs__rec, sink));
	x->csv = csv;
	x->prefix = "";
	airs__sink_init(&x->sink, write, user);
	airs__json_init(&x->j, &x->sink);
	airs__csvout_init(&x->c, &x->sink);
}

/* Start a field: its key in JSON, its column name in a CSV header pass.
 * Returns 1 when its value is to be written. */
static int field(airs__rec *x, const char *name)
{
	char col[96];

	if (!x->csv) {
		airs__json_key(&x->j, name);
		return 1;
	}
	if (!x->header)
		return 1;
	snprintf(col, sizeof col, "%s%s", x->prefix, name);
	airs__csvout_string(&x->c, col);
	return 0;
}

void airs__f_str(airs__rec *x, const char *name, const char *s)
{
	if (field(x, name)) {
		if (x->csv)
			airs__csvout_string(&x->c, s);
		else
			airs__json_string(&x->j, s);
	}
}

void airs__f_num(airs__rec *x, const char *name, double v)
{
	if (field(x, name)) {
		if (x->csv)
			airs__csvout_number(&x->c, v);
		else
			airs__json_number(&x->j, v);
	}
}

void airs__f_interval(airs__rec *x, const char *name, airs_interval v)
{
	char col[96];

	if (!x->csv) {
		airs__json_key(&x->j, name);
		airs__json_begin_array(&x->j, 1);
		airs__json_number(&x->j, v.low);
		airs__json_number(&x->j, v.high);
		airs__json_end_array(&x->j);
	} else if (x->header) {
		snprintf(col, sizeof col, "%s%s_low", x->prefix, name);
		airs__csvout_string(&x->c, col);
		snprintf(col, sizeof col, "%s%s_high", x->prefix, name);
		airs__csvout_string(&x->c, col);
	} else {
		airs__csvout_number(&x->c, v.low);
		airs__csvout_number(&x->c, v.high);
	}
}

void airs__f_uint(airs__rec *x, const char *name, uint64_t v)
{
	if (field(x, name)) {
		if (x->csv)
			airs__csvout_uint(&x->c, v);
		else
			airs__json_uint(&x->j, v);
	}
}

void airs__f_int(airs__rec *x, const char *name, long long v)
{
	if (field(x, name)) {
		if (x->csv)
			airs__csvout_int(&x->c, v);
		else
			airs__json_int(&x->j, v);
	}
}

void airs__f_null(airs__rec *x, const char *name)
{
	if (field(x, name)) {
		if (x->csv)
			airs__csvout_empty(&x->c);
		else
			airs__json_null(&x->j);
	}
}

/* A level or target: 0 (unknown, none) is null. */
void airs__f_level(airs__rec *x, const char *name, int v)
{
	if (v)
		airs__f_int(x, name, v);
	else
		airs__f_null(x, name);
}

/* Booleans are true/false in JSON and 1/0 in CSV; v < 0 is null. */
void airs__f_bool(airs__rec *x, const char *name, int v)
{
	if (v < 0)
		airs__f_null(x, name);
	else if (field(x, name)) {
		if (x->csv)
			airs__csvout_int(&x->c, v != 0);
		else
			airs__json_bool(&x->j, v);
	}
}

/* A set of names: a JSON array of strings, a CSV field of names separated
 * by single spaces ("" when empty). */
void airs__f_names(airs__rec *x, const char *name, const char *const *names,
                    size_t n)
{
	size_t i, len = 0;
	char buf[512];

	if (!field(x, name))
		return;
	if (!x->csv) {
		airs__json_begin_array(&x->j, 1);
		for (i = 0; i < n; i++)
			airs__json_string(&x->j, names[i]);
		airs__json_end_array(&x->j);
		return;
	}
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		size_t k = strlen(names[i]);
		if (len + k + 2 > sizeof buf)
			break; /* cannot happen with the library's names */
		if (len)
			buf[len++] = ' ';
		memcpy(buf + len, names[i], k + 1);
		len += k;
	}
	airs__csvout_string(&x->c, buf);
}

/* The names of the bits set in `bits`, named by fn(bit index). */
void airs__f_bits(airs__rec *x, const char *name, unsigned bits, int count,
                   const char *(*fn)(int k))
{
	const char *names[32];
	size_t n = 0;
	int k;

	for (k = 0; k < count && k < 32; k++)
		if (bits & (1u << k))
			names[n++] = fn(k);
	airs__f_names(x, name, names, n);
}

void airs__group_begin(airs__rec *x, const char *name, const char *prefix)
{
	x->group = name;
	if (x->csv) {
		x->prefix = prefix;
		return;
	}
	airs__json_key(&x->j, name);
	airs__json_begin_object(&x->j, 1);
}

void airs__group_end(airs__rec *x)
{
	x->group = NULL;
	x->prefix = "";
	if (!x->csv)
		airs__json_end_object(&x->j);
}

/* Note a suppressed field of the current record as "group.name". */
static void airs__note_suppressed(airs__rec *x, const char *name)
{
	size_t g = x->group ? strlen(x->group) + 1 : 0, k = strlen(name);

	if (g + k >= 96 || x->nsupp + g + k + 2 > sizeof x->supp)
		return; /* cannot happen with the library's names */
	if (x->nsupp)
		x->supp[x->nsupp++] = ' ';
	if (g) {
		memcpy(x->supp + x->nsupp, x->group, g - 1);
		x->supp[x->nsupp + g - 1] = '.';
		x->nsupp += g;
	}
	memcpy(x->supp + x->nsupp, name, k + 1);
	x->nsupp += k;
}

/* A respondent count that may be withheld for anonymity. */
void airs__f_count(airs__rec *x, const char *name, uint64_t v)
{
	if (v == AIRS_SUPPRESSED) {
		airs__note_suppressed(x, name);
		airs__f_null(x, name);
	} else {
		airs__f_uint(x, name, v);
	}
}

/* A survey value over `count` respondents: NaN is suppressed when the
 * count is suppressed or positive, and simply absent when it is 0. */
void airs__f_survey(airs__rec *x, const char *name, double v, uint64_t count)
{
	if (isnan(v) && count != 0)
		airs__note_suppressed(x, name);
	airs__f_num(x, name, v);
}

void airs__record_begin(airs__rec *x)
{
	x->nsupp = 0;
	x->supp[0] = '\0';
	if (!x->csv)
		airs__json_begin_object(&x->j, 1);
}

/* Close a record, with its list of suppressed fields when it has one. */
void airs__record_end(airs__rec *x, int has_suppressed)
{
	if (has_suppressed) {
		const char *names[32];
		size_t n = 0;
		char *p = x->supp;

		/* split the space-separated list in place for f_names */
		while (*p && n < 32) {
			names[n++] = p;
			p += strcspn(p, " ");
			if (*p)
				*p++ = '\0';
		}
		airs__f_names(x, "suppressed", names, n);
	}
	if (x->csv)
		airs__csvout_end_row(&x->c);
	else
		airs__json_end_object(&x->j);
}

int airs__header_pass(airs__rec *x)
{
	x->header = x->csv;
	return x->header;
}

void airs__rows_begin(airs__rec *x)
{
	x->header = 0;
	airs__array_begin(x);
}

void airs__array_begin(airs__rec *x)
{
	if (!x->csv)
		airs__json_begin_array(&x->j, 0);
}

void airs__array_end(airs__rec *x)
{
	if (!x->csv)
		airs__json_end_array(&x->j);
}


void airs__rec_key_values(airs__rec *x, const char *const *keys,
                          const char *const *values, size_t n)
{
	size_t i;

	if (x->csv) {
		airs__csvout_string(&x->c, "key");
		airs__csvout_string(&x->c, "value");
		airs__csvout_end_row(&x->c);
		for (i = 0; i < n; i++) {
			airs__csvout_string(&x->c, keys[i]);
			airs__csvout_string(&x->c, values[i]);
			airs__csvout_end_row(&x->c);
		}
		return;
	}
	airs__json_begin_object(&x->j, 0);
	for (i = 0; i < n; i++) {
		airs__json_key(&x->j, keys[i]);
		if (values[i])
			airs__json_string(&x->j, values[i]);
		else
			airs__json_null(&x->j);
	}
	airs__json_end_object(&x->j);
}

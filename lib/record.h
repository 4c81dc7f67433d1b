/*
 * record.h - records of named fields, written as JSON objects or CSV rows
 * (docs/output-format.md), shared by the writers of results (export.c)
 * and of plans (planwrite.c) so that both follow one set of conventions.
 *
 * Each kind of record is written by one function that names its fields in
 * their documented order; the same function writes a JSON object, a CSV
 * row, or (in a header pass, header = 1) the CSV header, so the two
 * syntaxes cannot drift apart.  Nested JSON groups become flat CSV
 * columns, prefixed where a bare name would be ambiguous.
 *
 * Nulls: NaN numbers, NULL strings and f_null() are null in JSON and an
 * empty field in CSV; levels of 0 are null; booleans are true/false in
 * JSON and 1/0 in CSV.
 */
#ifndef AIRS_RECORD_H
#define AIRS_RECORD_H

#include <stdint.h>

#include "csvout.h"
#include "json.h"
#include "sink.h"

typedef struct airs__rec {
	int csv;
	int header;           /* CSV: write column names instead of values */
	const char *group;    /* JSON key of the open group, or NULL */
	const char *prefix;   /* CSV column prefix of the open group */
	char supp[512];       /* suppressed fields of the record, space-separated */
	size_t nsupp;
	airs__sink sink;
	airs__json j;
	airs__csvout c;
} airs__rec;

/* Set up for output syntax csv (0 JSON, 1 CSV) through write(user). */
void airs__rec_init(airs__rec *x, int csv, airs_write_fn write, void *user);

void airs__f_str(airs__rec *x, const char *name, const char *s);
void airs__f_num(airs__rec *x, const char *name, double v);
void airs__f_uint(airs__rec *x, const char *name, uint64_t v);
/* An interval: a JSON array [low, high], two CSV columns name_low and
 * name_high; NaN ends are null. */
void airs__f_interval(airs__rec *x, const char *name, airs_interval v);
void airs__f_int(airs__rec *x, const char *name, long long v);
void airs__f_null(airs__rec *x, const char *name);
/* A level or target: 0 (unknown, none) is null. */
void airs__f_level(airs__rec *x, const char *name, int v);
/* v < 0 is null. */
void airs__f_bool(airs__rec *x, const char *name, int v);
/* A set of names: a JSON array of strings, a CSV field of names separated
 * by single spaces ("" when empty). */
void airs__f_names(airs__rec *x, const char *name, const char *const *names,
                   size_t n);
/* The names of the bits set in `bits`, named by fn(bit index). */
void airs__f_bits(airs__rec *x, const char *name, unsigned bits, int count,
                  const char *(*fn)(int k));
/* A respondent count that may be withheld for anonymity. */
void airs__f_count(airs__rec *x, const char *name, uint64_t v);
/* A survey value over `count` respondents: NaN is suppressed when the
 * count is suppressed or positive, and simply absent when it is 0. */
void airs__f_survey(airs__rec *x, const char *name, double v, uint64_t count);

void airs__group_begin(airs__rec *x, const char *name, const char *prefix);
void airs__group_end(airs__rec *x);

/* n key-value pairs (provenance): a "key,value" CSV table, or a JSON
 * object of strings. */
void airs__rec_key_values(airs__rec *x, const char *const *keys,
                          const char *const *values, size_t n);
void airs__record_begin(airs__rec *x);
/* Close a record, with its list of suppressed fields when it has one. */
void airs__record_end(airs__rec *x, int has_suppressed);
/* A table of records starts with its CSV header: when
 * airs__header_pass() returns 1 (CSV), write one record, in a header pass,
 * for its column names; then airs__rows_begin() starts the rows. */
int airs__header_pass(airs__rec *x);
void airs__rows_begin(airs__rec *x);
/* A JSON array of records (nothing in CSV). */
void airs__array_begin(airs__rec *x);
void airs__array_end(airs__rec *x);

#endif

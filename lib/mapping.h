/*
 * mapping.h - the mapping file: which source column holds each airs
 * column, which source values mean which airs values, and how the
 * export writes fields, numbers and dates (docs/data-format.md,
 * "Mapping an export").
 *
 * The mapping knows the tables only through the schema the loader
 * passes (file names and column names), so the words it checks against
 * are the loader's own.  Parsing stops at the first mistake, reported as
 * "name:line:column: message" naming the text, the rule and the fix.
 */
#ifndef AIRS_MAPPING_H
#define AIRS_MAPPING_H

#include <stddef.h>
#include <stdint.h>

#include "airs/common.h"
#include "alloc.h"
#include "arena.h"

#define AIRS__MAP_COLS 8 /* columns of the widest table */

/* The layout of responses.csv. */
enum { AIRS__LAYOUT_AUTO, AIRS__LAYOUT_LONG, AIRS__LAYOUT_WIDE };

/* A source value read as an airs value in one column. */
typedef struct airs__map_value {
	uint32_t col;          /* the table column */
	const char *from;      /* compared ignoring ASCII case */
	const char *to;
} airs__map_value;

/* In wide responses: the source column that holds an item's answers. */
typedef struct airs__map_item {
	const char *item, *head;
} airs__map_item;

typedef struct airs__map_table {
	const char *file;                   /* source file name, or NULL */
	const char *head[AIRS__MAP_COLS];   /* source header, or NULL */
	uint64_t head_line[AIRS__MAP_COLS]; /* where it was set */
	const char *constant[AIRS__MAP_COLS]; /* every row's value of a
	                                       column the export lacks */
	uint64_t constant_line[AIRS__MAP_COLS];
	char delim;                         /* ',' ';' '\t', or 0: detect */
	char decimal;                       /* '.' or ',' */
	const char *date;                   /* date format, or NULL: ISO */
	uint64_t date_line;
	int layout;                         /* AIRS__LAYOUT_* */
	airs__map_value *values;
	size_t nvalues, values_cap;
	airs__map_item *items;
	size_t nitems, items_cap;
} airs__map_table;

typedef struct airs__map {
	const char *name;    /* for messages: "mapping" unless given */
	airs__map_table *t;  /* one per schema table */
	size_t nt;
	airs__mem mem;
	airs__arena arena;   /* the strings */
} airs__map;

/* What the loader reads: per table its file name and column names. */
typedef struct airs__map_schema {
	const char *file;
	const char *const *cols;
	size_t ncols;
	int wide;            /* may be read wide (responses.csv) */
} airs__map_schema;

/* Parse the mapping text (len bytes, need not be NUL-terminated) into m
 * against the nt tables of schema.  text NULL gives the empty mapping
 * (m->t NULL: every table as it is, delimiter detected), allocating
 * nothing.  On failure err (NULL
 * allowed) says where and why; m is then empty but must still be freed.
 * AIRS_OK, AIRS_EPARSE or AIRS_ENOMEM. */
int airs__map_parse(airs__map *m, const airs__mem *mem,
                    const airs__map_schema *schema, size_t nt,
                    const char *name, const char *text, size_t len,
                    airs_diag *err);

/* Free what m holds; m zeroed is a no-op. */
void airs__map_free(airs__map *m);

#endif

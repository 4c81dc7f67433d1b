/*
 * srcmap.h - where the records of one kind were read: runs of
 * consecutive records from consecutive lines of one file, so that a
 * message about a record long after loading (the as-of date's outliers)
 * can name its file, line and column.
 *
 * The loader notes each record it adds; a record on the line after the
 * last one of the same file extends the current run, anything else (a
 * quoted field over several lines, another file, another load) starts a
 * new one, so an ordinary CSV file costs one run.  Records added through
 * the API have no run and no position.
 */
#ifndef AIRS_SRCMAP_H
#define AIRS_SRCMAP_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"

typedef struct airs__src_run {
	size_t first, count;  /* records first .. first + count - 1 ... */
	uint64_t line;        /* ... on lines line .. line + count - 1 */
	const char *file;     /* static storage: a dataset file name */
	uint32_t column;      /* of the field messages point at */
} airs__src_run;

typedef struct airs__srcmap {
	airs__src_run *v;
	size_t n, cap;
} airs__srcmap;

/* airs__src_note() for a record that does not extend the last run. */
int airs__src_note_run(airs__srcmap *s, const airs__mem *mem, size_t rec,
                       uint64_t line, const char *file, uint32_t column);

/* Record `rec` was read from `line` of `file`, whose field of interest
 * is `column`.  Records are noted in increasing order.  AIRS_ENOMEM
 * leaves the map as it was.  Inline: every record row of a load is
 * noted, and nearly all extend the last run. */
static inline int airs__src_note(airs__srcmap *s, const airs__mem *mem,
                                 size_t rec, uint64_t line, const char *file,
                                 uint32_t column)
{
	airs__src_run *last = s->n ? &s->v[s->n - 1] : NULL;

	if (last && last->file == file && last->column == column &&
	    last->first + last->count == rec && last->line + last->count == line) {
		last->count++;
		return AIRS_OK;
	}
	return airs__src_note_run(s, mem, rec, line, file, column);
}

/* Where record `rec` was read: nonzero with *file, *line, *column set,
 * or 0 when it was not read from a file. */
int airs__src_find(const airs__srcmap *s, size_t rec, const char **file,
                   uint64_t *line, uint32_t *column);

/* Forget the records from number n on (a rollback). */
void airs__src_truncate(airs__srcmap *s, size_t n);

void airs__src_free(airs__srcmap *s, const airs__mem *mem);

#endif

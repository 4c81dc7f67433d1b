/*
 * ini.h - the lines of an INI text: the one lexer of the configuration
 * file (params.c) and the mapping file (mapping.c); what the keys mean
 * is each file's own.
 *
 *     # comment              ; comment        (whole lines)
 *     [section]
 *     key = value            (value trimmed; "quoted" keeps its spaces)
 *
 * A UTF-8 byte order mark is skipped; lines end in LF or CRLF.  A line
 * with a NUL byte or bytes that are not UTF-8 is refused.  With
 * AIRS__INI_INLINE_COMMENTS a '#' or ';' at the start of a value or after
 * a blank starts a comment (configuration files: "0.3;x" is a value,
 * "0.3 ;x" is 0.3); without, values run to the end of the line (mapping
 * files, whose source headers may hold either).  A quote inside an
 * unquoted value is refused: quote the whole value or nothing.
 */
#ifndef AIRS_INI_H
#define AIRS_INI_H

#include <stddef.h>
#include <stdint.h>

#define AIRS__INI_INLINE_COMMENTS 1u

enum airs__ini_kind { AIRS__INI_SECTION, AIRS__INI_PAIR };

/* One section header or pair.  Columns are 1 + the distance from line. */
typedef struct airs__ini_line {
	enum airs__ini_kind kind;
	uint64_t lineno;
	const char *line;             /* the line's first byte */
	const char *name, *name_end;  /* the section's name or the key,
	                                 trimmed */
	const char *eq;               /* pairs: the '=' */
	const char *value, *value_end; /* pairs: trimmed, quotes removed */
	int quoted;
} airs__ini_line;

/* Where and why a line is not INI: `why` is static text ("expected
 * \"key = value\"", ...), to which the caller may add a hint. */
typedef struct airs__ini_error {
	uint64_t lineno;
	uint32_t column;
	const char *why;
} airs__ini_error;

/* Called for each section header and pair in order; a nonzero return
 * stops the walk and is its result. */
typedef int (*airs__ini_fn)(const airs__ini_line *l, void *user);

/* Walk text[0..len).  AIRS_EPARSE with *err filled when a line is not
 * INI; else what fn last returned (0 when every call returned 0). */
int airs__ini_walk(const char *text, size_t len, unsigned flags,
                   airs__ini_fn fn, void *user, airs__ini_error *err);

#endif

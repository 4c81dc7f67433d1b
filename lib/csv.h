/*
 * csv.h - a streaming RFC 4180 reader.  It knows records and fields, not
 * what they mean: the loader maps headers to columns and parses values.
 *
 * Accepted input: UTF-8 text (a BOM at the very start is dropped), fields
 * separated by commas (or a semicolon or tab: airs__csv_set_delim()), records ended by LF or CRLF (the last record may
 * lack one).  A field may be quoted; inside quotes a doubled quote stands
 * for one quote and commas, CR and LF are data, kept byte for byte.  Empty
 * physical lines outside quotes are skipped but still counted in line
 * numbers.  Every record must have as many fields as the first one (the
 * header).
 *
 * Memory: one record buffer and one field-offset array grow to the
 * largest record seen and are then reused; nothing is allocated per
 * record in the steady state, so a file of any size streams in memory
 * bounded by its largest record (at most AIRS__CSV_MAX_FIELDS fields of
 * at most max_field bytes each) plus a fixed read buffer.
 *
 * Errors are sticky: after airs__csv_next() has returned an error it
 * returns the same error again and reads nothing more.
 *
 * Thread safety: a reader is used by one thread at a time.
 */
#ifndef AIRS_CSV_H
#define AIRS_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"

/* Default for max_field. */
#define AIRS__CSV_MAX_FIELD_DEFAULT 65536u

/* Fields per record.  Bounds the memory a record made only of commas can
 * make the reader allocate; HRIS exports have tens of columns. */
#define AIRS__CSV_MAX_FIELDS 65536u

/* Size of the read buffer of a callback reader. */
#define AIRS__CSV_CHUNK 65536u

/* Read up to cap bytes into buf and set *got to the number read; *got = 0
 * means end of input.  Return AIRS_OK, or AIRS_EIO when reading failed
 * (any other non-zero value is treated as AIRS_EIO too). */
typedef int (*airs__read_fn)(void *ctx, char *buf, size_t cap, size_t *got);

typedef struct airs__csv airs__csv;

/* Create a reader that pulls its input through read(ctx, ...).
 * max_field is the longest field accepted, in bytes after unquoting; 0
 * means AIRS__CSV_MAX_FIELD_DEFAULT.  All memory comes from mem, which is
 * copied.  ctx is not owned.  On success *out owns a reader to free with
 * airs__csv_free().  Errors: AIRS_EINVAL (NULL out, mem or read),
 * AIRS_ENOMEM (*out is then NULL). */
int airs__csv_new(airs__csv **out, const airs__mem *mem, airs__read_fn read,
                  void *ctx, uint32_t max_field);

/* Create a reader over len bytes at data, which are not copied and must
 * stay unchanged until the reader is freed.  data may be NULL when len is
 * 0.  Otherwise as airs__csv_new(). */
int airs__csv_new_buffer(airs__csv **out, const airs__mem *mem,
                         const char *data, size_t len, uint32_t max_field);

/* Make a new reader continue a file another reader began, from a
 * record boundary (for reading a file on several threads): no byte
 * order mark or header is looked for, fields are split by delim and
 * trimmed if trim is set, every record must have `header` fields, and
 * the first byte is on line `line`, so positions are the file's.  Call
 * it before the first airs__csv_next(). */
void airs__csv_continue(airs__csv *c, char delim, int trim, size_t header,
                        uint64_t line);

/* A buffer reader (airs__csv_new_buffer()) made to continue a file. */
int airs__csv_new_part(airs__csv **out, const airs__mem *mem,
                       const char *data, size_t len, uint32_t max_field,
                       char delim, int trim, size_t header, uint64_t line);

/* The input the reader has received but not yet read, *len bytes (for
 * handing the rest of a file to other readers). */
const char *airs__csv_unread(const airs__csv *c, size_t *len);

/* Free a reader and everything it returned; NULL is a no-op. */
void airs__csv_free(airs__csv *c);

/* Trim fields (on != 0): return each field without the spaces and tabs
 * at its start and end, after unquoting, so that "a , b" and "a,\" b\""
 * both hold "a" and "b".  Off by default; set it before the first
 * airs__csv_next(). */
void airs__csv_set_trim(airs__csv *c, int on);

/* The field separator: ',' (the default), ';' or '\t', or 0 to find it
 * from the header line: the one of the three found there outside quotes
 * (a comma when none is; a tab beside a comma or a semicolon is blank
 * around a field).  A header with both commas and semicolons outside
 * quotes is refused as ambiguous (AIRS_EPARSE on the first
 * airs__csv_next()), never guessed.  Set it before the first
 * airs__csv_next(). */
void airs__csv_set_delim(airs__csv *c, char delim);

/* The separator in use: the declared one, or once the first record has
 * been read, the one found. */
char airs__csv_delim(const airs__csv *c);

/* Read the next record.  Returns 1 when a record is available, 0 at the
 * end of the input, or a negative status:
 *   AIRS_EPARSE  malformed CSV, invalid UTF-8, a NUL byte, or a record
 *                whose field count differs from the header's;
 *   AIRS_ELIMIT  a field longer than max_field, or a record with more than
 *                AIRS__CSV_MAX_FIELDS fields;
 *   AIRS_EIO     the read callback failed;
 *   AIRS_ENOMEM  the record did not fit in memory.
 * After an error, airs__csv_error_line(), _column() and _errmsg() say
 * where and what. */
int airs__csv_next(airs__csv *c);

/* Number of fields of the current record (0 before the first record and
 * after the end or an error). */
size_t airs__csv_nfields(const airs__csv *c);

/* Field i (0-based, below airs__csv_nfields()) of the current record,
 * unquoted and NUL-terminated; its length, which excludes the NUL and
 * may be 0, goes to *len if len is not NULL.  The bytes are valid UTF-8
 * without NUL.  Owned by the reader; valid until the next call of
 * airs__csv_next() or airs__csv_free().  NULL if i is out of range. */
const char *airs__csv_field(const airs__csv *c, size_t i, size_t *len);
/* airs__csv_field(c, i, NULL) of each i below n, into out[i]: a row's
 * fields in one call. */
void airs__csv_fields(const airs__csv *c, const char **out, size_t n);

/* 1-based physical line on which the current record starts. */
uint64_t airs__csv_line(const airs__csv *c);

/* Bytes of input consumed so far (for progress reports). */
uint64_t airs__csv_offset(const airs__csv *c);

/* The line of the next unread byte: after a record, the line the next
 * record (or blank line) starts on. */
uint64_t airs__csv_next_line(const airs__csv *c);

/* After an error: the 1-based physical line where the offending record
 * starts, the 1-based field number where the problem is (0 when the
 * problem is not in a field, as for a read error between records), and
 * a message for a person who can edit the file but not the code, naming
 * the value or the rule.  Before any error: 0, 0 and "". */
uint64_t airs__csv_error_line(const airs__csv *c);
uint32_t airs__csv_error_column(const airs__csv *c);
const char *airs__csv_errmsg(const airs__csv *c);

#endif

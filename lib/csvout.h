/*
 * csvout.h - an RFC 4180 CSV writer.
 *
 * Fields are separated by ',' and records end in a single LF (RFC 4180
 * says CRLF; LF is what Unix tools, pandas and R read and write by
 * default, and every CSV reader accepts it).  A field containing ',', '"',
 * CR or LF is enclosed in double quotes with each '"' doubled; any other
 * field is written as is.  Missing values (NULL strings, NaN numbers) are
 * empty fields.  Numbers go through airs__format_double() (num.h).
 */
#ifndef AIRS_CSVOUT_H
#define AIRS_CSVOUT_H

#include <stdint.h>

#include "sink.h"

typedef struct airs__csvout {
	airs__sink *out;
	int fields; /* fields written in the current record */
} airs__csvout;

void airs__csvout_init(airs__csvout *c, airs__sink *out);
void airs__csvout_string(airs__csvout *c, const char *s); /* NULL: empty */
void airs__csvout_number(airs__csvout *c, double v);      /* NaN: empty */
void airs__csvout_int(airs__csvout *c, long long v);
void airs__csvout_uint(airs__csvout *c, uint64_t v);
void airs__csvout_empty(airs__csvout *c);
void airs__csvout_end_row(airs__csvout *c);

#endif

/*
 * date.h - internal calendar helpers beside the public date functions.
 */
#ifndef AIRS_DATE_H
#define AIRS_DATE_H

#include "airs/common.h"

/* Is d a day in 1900-01-01..9999-12-31, the dates airs reads and writes
 * (the same test as airs_date_format() != 0, without formatting)? */
int airs__date_valid(airs_date d);

/* Is m a month in 1900-01..9999-12? */
int airs__month_valid(airs_month m);

/* Number of days in month m (a month count from January 1970). */
int airs__month_days(airs_month m);

/* First day of month m. */
airs_date airs__month_start(airs_month m);

/* The month that contains day d. */
airs_month airs__date_month(airs_date d);

/* NULL if fmt is a date format the loader reads (a mapping's
 * date_format): the tokens YYYY, MM and DD once each and optionally hh,
 * mm and ss, between the separators - / . : space and T.  Otherwise the
 * rule it breaks, as words that follow "date_format". */
const char *airs__date_format_problem(const char *fmt);

/* Parse the len bytes at s as the date format fmt (which
 * airs__date_format_problem() accepts): YYYY takes four digits, the
 * other tokens one or two; separators match themselves.  A time is
 * checked (hh 0..23, mm and ss 0..59) and dropped.  AIRS_OK or
 * AIRS_EPARSE. */
int airs__date_parse_as(const char *fmt, const char *s, size_t len,
                        airs_date *out);

/* What a value that is not YYYY-MM-DD looks like, for a hint:
 * AIRS__DATE_DMY (a/b/YYYY that is a valid date only day first),
 * AIRS__DATE_MDY (only month first), AIRS__DATE_EITHER (both: the value
 * cannot tell), AIRS__DATE_TIMED (YYYY-MM-DD with a time) or
 * AIRS__DATE_OTHER.  For the first three, *sep receives the separator
 * (/ . or -). */
enum { AIRS__DATE_OTHER, AIRS__DATE_DMY, AIRS__DATE_MDY, AIRS__DATE_EITHER,
       AIRS__DATE_TIMED };
int airs__date_shape(const char *s, size_t len, char *sep);

#endif

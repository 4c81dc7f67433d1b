/*
 * date.h - internal calendar helpers beside the public date functions.
 */
#ifndef AIRS_DATE_H
#define AIRS_DATE_H

#include "airs/common.h"

/* 1900-01-01 and 9999-12-31 as day counts (test-date checks them
 * against days_from_civil). */
#define AIRS__DAY_MIN (-25567)
#define AIRS__DAY_MAX 2932896

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

#endif

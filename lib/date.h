/*
 * date.h - internal calendar helpers beside the public date functions.
 */
#ifndef AIRS_DATE_H
#define AIRS_DATE_H

#include "airs/common.h"

/* Number of days in month m (a month count from January 1970). */
int airs__month_days(airs_month m);

/* First day of month m. */
airs_date airs__month_start(airs_month m);

/* The month that contains day d. */
airs_month airs__date_month(airs_date d);

#endif

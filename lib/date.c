/*
 * date.c - strict ISO dates and months as day and month counts.
 *
 * Day counts use the civil-from-days algorithm (H. Hinnant, "chrono-
 * compatible low-level date algorithms"): exact for the proleptic Gregorian
 * calendar, no tables, no wall clock, no locale.
 */
#include "date.h"

#include <string.h>

#include "airs/common.h"

#define YEAR_MIN 1900
#define YEAR_MAX 9999

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const unsigned char dim[12] = { 31, 28, 31, 30, 31, 30,
	                                       31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

static int32_t days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

int airs_date_from_ymd(int year, int month, int day, airs_date *out)
{
	if (year < YEAR_MIN || year > YEAR_MAX || month < 1 || month > 12 ||
	    day < 1 || day > days_in_month(year, month))
		return AIRS_ERANGE;
	if (out)
		*out = days_from_civil(year, month, day);
	return AIRS_OK;
}

void airs_date_to_ymd(airs_date days, int *year, int *month, int *day)
{
	long z = (long)days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	long y = yoe + era * 400 + (m <= 2);

	if (year)
		*year = (int)y;
	if (month)
		*month = (int)m;
	if (day)
		*day = (int)d;
}

/* n ASCII digits at s as a number, or -1. */
static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* v as exactly n decimal digits (v >= 0 and below 10^n). */
static void put_digits(char *s, int v, int n)
{
	while (n-- > 0) {
		s[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

int airs_date_parse(const char *text, size_t len, airs_date *out)
{
	int y, m, d;

	if (!text || len != 10 || text[4] != '-' || text[7] != '-')
		return AIRS_EPARSE;
	y = digits(text, 4);
	m = digits(text + 5, 2);
	d = digits(text + 8, 2);
	if (y < 0 || m < 0 || d < 0)
		return AIRS_EPARSE;
	return airs_date_from_ymd(y, m, d, out) ? AIRS_EPARSE : AIRS_OK;
}

size_t airs_date_format(airs_date days, char buf[11])
{
	int y, m, d;

	airs_date_to_ymd(days, &y, &m, &d);
	if (y < YEAR_MIN || y > YEAR_MAX) {
		buf[0] = '\0';
		return 0;
	}
	put_digits(buf, y, 4);
	buf[4] = '-';
	put_digits(buf + 5, m, 2);
	buf[7] = '-';
	put_digits(buf + 8, d, 2);
	buf[10] = '\0';
	return 10;
}

/* The year and month (1..12) of month count mo, by whole years:
 * what a record's period check needs at every usage row, without the
 * day arithmetic of a date. */
static void month_ym(airs_month mo, long *y, long *m)
{
	*y = 1970 + (mo >= 0 ? mo / 12 : -((11 - (long)mo) / 12));
	*m = (long)mo - (*y - 1970) * 12 + 1;
}

int airs_month_parse(const char *text, size_t len, airs_month *out)
{
	int y, m;

	if (!text || len != 7 || text[4] != '-')
		return AIRS_EPARSE;
	y = digits(text, 4);
	m = digits(text + 5, 2);
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12)
		return AIRS_EPARSE;
	if (out)
		*out = (airs_month)((y - 1970) * 12 + (m - 1));
	return AIRS_OK;
}

size_t airs_month_format(airs_month mo, char buf[8])
{
	long y, m;

	month_ym(mo, &y, &m);
	if (y < YEAR_MIN || y > YEAR_MAX) {
		buf[0] = '\0';
		return 0;
	}
	put_digits(buf, (int)y, 4);
	buf[4] = '-';
	put_digits(buf + 5, (int)m, 2);
	buf[7] = '\0';
	return 7;
}

/* The check runs for every record's date: bounds as day counts. */
#define DAY_MIN AIRS__DAY_MIN
#define DAY_MAX AIRS__DAY_MAX

int airs__date_valid(airs_date d)
{
	return d >= DAY_MIN && d <= DAY_MAX;
}

int airs__month_valid(airs_month mo)
{
	return mo >= (YEAR_MIN - 1970) * 12 && mo <= (YEAR_MAX - 1970) * 12 + 11;
}

int airs__month_days(airs_month mo)
{
	long y, m;

	month_ym(mo, &y, &m);
	return days_in_month((int)y, (int)m);
}

airs_date airs__month_start(airs_month mo)
{
	long y, m;

	month_ym(mo, &y, &m);
	return days_from_civil((int)y, (int)m, 1);
}

airs_month airs__date_month(airs_date d)
{
	int y, m;

	airs_date_to_ymd(d, &y, &m, NULL);
	return (airs_month)((y - 1970) * 12 + (m - 1));
}

/* ------------------------------------------------------------------------
 * Dates as exports write them: a declared format, and hints for values
 * that are not YYYY-MM-DD.
 * ---------------------------------------------------------------------- */

/* The tokens of a date format, in the order date_tokens[] lists them. */
enum { TOK_YEAR, TOK_MONTH, TOK_DAY, TOK_HOUR, TOK_MIN, TOK_SEC, TOK_COUNT };
static const char *const date_tokens[TOK_COUNT] = { "YYYY", "MM", "DD",
                                                    "hh", "mm", "ss" };

/* The token fmt starts with, or -1. */
static int token_at(const char *fmt)
{
	int t;

	for (t = 0; t < TOK_COUNT; t++)
		if (!strncmp(fmt, date_tokens[t], strlen(date_tokens[t])))
			return t;
	return -1;
}

const char *airs__date_format_problem(const char *fmt)
{
	int seen[TOK_COUNT] = { 0 }, t;

	while (*fmt) {
		if ((t = token_at(fmt)) >= 0) {
			if (seen[t]++)
				return "names a part twice";
			fmt += strlen(date_tokens[t]);
		} else if (strchr("-/. :T", *fmt)) {
			fmt++;
		} else {
			return "may hold only YYYY, MM, DD, hh, mm, ss and the "
			       "separators - / . : space T";
		}
	}
	if (!seen[TOK_YEAR] || !seen[TOK_MONTH] || !seen[TOK_DAY])
		return "must name the year, month and day (YYYY, MM, DD)";
	return NULL;
}

/* 1 or 2 digits (exactly n = 4 for a year) at *s, advanced; -1 if none. */
static int take_digits(const char **s, const char *end, int year)
{
	int v = 0, n = 0, most = year ? 4 : 2;

	while (*s < end && n < most && **s >= '0' && **s <= '9') {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n == 0 || (year && n != 4) ? -1 : v;
}

int airs__date_parse_as(const char *fmt, const char *s, size_t len,
                        airs_date *out)
{
	static const int most[TOK_COUNT] = { 9999, 12, 31, 23, 59, 59 };
	const char *end = s + len;
	int v[TOK_COUNT] = { 0 }, t;

	while (*fmt) {
		if ((t = token_at(fmt)) >= 0) {
			v[t] = take_digits(&s, end, t == TOK_YEAR);
			if (v[t] < 0 || v[t] > most[t])
				return AIRS_EPARSE;
			fmt += strlen(date_tokens[t]);
		} else {
			if (s == end || *s != *fmt)
				return AIRS_EPARSE;
			s++;
			fmt++;
		}
	}
	if (s != end)
		return AIRS_EPARSE;
	return airs_date_from_ymd(v[TOK_YEAR], v[TOK_MONTH], v[TOK_DAY], out)
	               ? AIRS_EPARSE
	               : AIRS_OK;
}

int airs__date_shape(const char *s, size_t len, char *sep)
{
	static const char *const timed[] = { "YYYY-MM-DD hh:mm:ss",
	                                     "YYYY-MM-DDThh:mm:ss",
	                                     "YYYY-MM-DD hh:mm" };
	const char *p = s, *end = s + len;
	airs_date d;
	int a, b, y, dmy, mdy;
	size_t i;

	for (i = 0; i < sizeof timed / sizeof *timed; i++)
		if (airs__date_parse_as(timed[i], s, len, &d) == AIRS_OK)
			return AIRS__DATE_TIMED;
	a = take_digits(&p, end, 0);
	if (a < 0 || p == end || !strchr("/.-", *p))
		return AIRS__DATE_OTHER;
	*sep = *p++;
	b = take_digits(&p, end, 0);
	if (b < 0 || p == end || *p++ != *sep)
		return AIRS__DATE_OTHER;
	y = take_digits(&p, end, 1);
	if (y < 0 || p != end)
		return AIRS__DATE_OTHER;
	dmy = airs_date_from_ymd(y, b, a, &d) == AIRS_OK;
	mdy = airs_date_from_ymd(y, a, b, &d) == AIRS_OK;
	return dmy && mdy ? AIRS__DATE_EITHER
	       : dmy      ? AIRS__DATE_DMY
	       : mdy      ? AIRS__DATE_MDY
	                  : AIRS__DATE_OTHER;
}

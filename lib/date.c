/*
 * date.c - strict ISO dates and months as day and month counts.
 *
 * Day counts use the civil-from-days algorithm (H. Hinnant, "chrono-
 * compatible low-level date algorithms"): exact for the proleptic Gregorian
 * calendar, no tables, no wall clock, no locale.
 */
#include "date.h"

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
	long y = 1970 + (mo >= 0 ? mo / 12 : -((11 - (long)mo) / 12));
	long m = (long)mo - (y - 1970) * 12 + 1;

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
	int y, m;

	airs_date_to_ymd(airs__month_start(mo), &y, &m, NULL);
	return days_in_month(y, m);
}

airs_date airs__month_start(airs_month mo)
{
	long y = 1970 + (mo >= 0 ? mo / 12 : -((11 - (long)mo) / 12));
	long m = (long)mo - (y - 1970) * 12 + 1;

	return days_from_civil((int)y, (int)m, 1);
}

airs_month airs__date_month(airs_date d)
{
	int y, m;

	airs_date_to_ymd(d, &y, &m, NULL);
	return (airs_month)((y - 1970) * 12 + (m - 1));
}

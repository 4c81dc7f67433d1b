/* Dates: strict ISO parsing, exact day counts, formatting round trips. */
#include <string.h>

#include "airs/common.h"
#include "date.h"

#include "harness.h"

static int parse(const char *s, airs_date *d)
{
	return airs_date_parse(s, strlen(s), d);
}

START_TEST(epoch_and_known_days)
{
	airs_date d;

	ck_assert_int_eq(parse("1970-01-01", &d), AIRS_OK);
	ck_assert_int_eq(d, 0);
	ck_assert_int_eq(parse("2000-03-01", &d), AIRS_OK);
	ck_assert_int_eq(d, 11017);
	ck_assert_int_eq(parse("2026-11-23", &d), AIRS_OK);
	ck_assert_int_eq(d, 20780);
	ck_assert_int_eq(parse("1900-01-01", &d), AIRS_OK);
	ck_assert_int_eq(d, -25567);
}
END_TEST

START_TEST(rejects_impossible_and_malformed)
{
	static const char *bad[] = {
		"2026-02-30", "2025-02-29", "1900-02-29", "2026-13-01",
		"2026-00-10", "2026-04-31", "2026-1-01",  "2026/01/01",
		"26-01-01",   " 2026-01-01", "2026-01-01T00:00", "",
		"1899-12-31", "abcd-ef-gh", "2026-01-0x",
	};
	airs_date d = 12345;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(parse(bad[i], &d) == AIRS_EPARSE, "%s", bad[i]);
		ck_assert_int_eq(d, 12345);
	}
	ck_assert_int_eq(parse("2024-02-29", &d), AIRS_OK);
	ck_assert_int_eq(parse("2000-02-29", &d), AIRS_OK);
}
END_TEST

START_TEST(round_trip_every_day)
{
	char buf[11];
	airs_date d, back;

	for (d = -25567; d < 2932896; d += 29) {
		ck_assert_uint_eq(airs_date_format(d, buf), 10);
		ck_assert_int_eq(parse(buf, &back), AIRS_OK);
		ck_assert_int_eq(back, d);
	}
	ck_assert_uint_eq(airs_date_format(2932897, buf), 0);
	ck_assert_str_eq(buf, "");
}
END_TEST

/* The range checks the model runs on every record agree with what can
 * be formatted, at and just past both ends. */
START_TEST(valid_ranges_match_formatting)
{
	airs_date lo, hi;
	airs_month mlo, mhi;
	char b[11], m[8];

	ck_assert_int_eq(airs_date_from_ymd(1900, 1, 1, &lo), AIRS_OK);
	ck_assert_int_eq(airs_date_from_ymd(9999, 12, 31, &hi), AIRS_OK);
	ck_assert(airs__date_valid(lo) && airs__date_valid(hi));
	ck_assert(!airs__date_valid(lo - 1) && !airs__date_valid(hi + 1));
	ck_assert_uint_eq(airs_date_format(lo, b), 10);
	ck_assert_uint_eq(airs_date_format(hi, b), 10);
	ck_assert_uint_eq(airs_date_format(lo - 1, b), 0);
	ck_assert_uint_eq(airs_date_format(hi + 1, b), 0);
	ck_assert_int_eq(airs_month_parse("1900-01", 7, &mlo), AIRS_OK);
	ck_assert_int_eq(airs_month_parse("9999-12", 7, &mhi), AIRS_OK);
	ck_assert(airs__month_valid(mlo) && airs__month_valid(mhi));
	ck_assert(!airs__month_valid(mlo - 1) && !airs__month_valid(mhi + 1));
	ck_assert_uint_eq(airs_month_format(mlo - 1, m), 0);
	ck_assert_uint_eq(airs_month_format(mhi + 1, m), 0);
}
END_TEST

/* Dates as exports write them: a declared format reads exactly its
 * order; the shape of a non-ISO value is told, never guessed at. */
START_TEST(declared_formats_and_shapes)
{
	airs_date d, want;
	char sep = 0;

	ck_assert_int_eq(airs_date_from_ymd(2025, 3, 29, &want), AIRS_OK);
#define AS(f, s) airs__date_parse_as((f), (s), strlen(s), &d)
	ck_assert_int_eq(AS("DD/MM/YYYY", "29/03/2025"), AIRS_OK);
	ck_assert_int_eq(d, want);
	ck_assert_int_eq(AS("MM/DD/YYYY", "3/29/2025"), AIRS_OK);
	ck_assert_int_eq(d, want);
	ck_assert_int_eq(AS("DD.MM.YYYY", "29.03.2025"), AIRS_OK);
	ck_assert_int_eq(AS("YYYY-MM-DD hh:mm:ss", "2025-03-29 23:59:59"), AIRS_OK);
	ck_assert_int_eq(d, want);
	ck_assert_int_eq(AS("YYYY-MM-DDThh:mm", "2025-03-29T07:05"), AIRS_OK);
	/* refused: the other order, a bad time, extra text, short years,
	 * impossible days */
	ck_assert_int_eq(AS("DD/MM/YYYY", "03/29/2025"), AIRS_EPARSE);
	ck_assert_int_eq(AS("YYYY-MM-DD hh:mm:ss", "2025-03-29 24:00:00"), AIRS_EPARSE);
	ck_assert_int_eq(AS("YYYY-MM-DD hh:mm:ss", "2025-03-29 12:60:00"), AIRS_EPARSE);
	ck_assert_int_eq(AS("DD/MM/YYYY", "29/03/2025 "), AIRS_EPARSE);
	ck_assert_int_eq(AS("DD/MM/YYYY", "29/03/25"), AIRS_EPARSE);
	ck_assert_int_eq(AS("DD/MM/YYYY", "29/02/2025"), AIRS_EPARSE);
	ck_assert_int_eq(AS("DD/MM/YYYY", "123/03/2025"), AIRS_EPARSE);
	ck_assert_int_eq(AS("DD/MM/YYYY", ""), AIRS_EPARSE);
#undef AS
	ck_assert_ptr_null(airs__date_format_problem("DD/MM/YYYY"));
	ck_assert_ptr_null(airs__date_format_problem("YYYY-MM-DDThh:mm:ss"));
	ck_assert_str_eq(airs__date_format_problem("DD/MM/YY"), "may hold only "
	                 "YYYY, MM, DD, hh, mm, ss and the separators - / . : "
	                 "space T");
	ck_assert_str_eq(airs__date_format_problem("DD/MM/hh"), "must name the "
	                 "year, month and day (YYYY, MM, DD)");
	ck_assert_str_eq(airs__date_format_problem("DD/DD/YYYY"),
	                 "names a part twice");
#define SHAPE(s) airs__date_shape((s), strlen(s), &sep)
	ck_assert_int_eq(SHAPE("29/03/2025"), AIRS__DATE_DMY);
	ck_assert_int_eq(sep, '/');
	ck_assert_int_eq(SHAPE("3.29.2025"), AIRS__DATE_MDY);
	ck_assert_int_eq(sep, '.');
	ck_assert_int_eq(SHAPE("03-04-2025"), AIRS__DATE_EITHER);
	ck_assert_int_eq(SHAPE("2025-03-29 00:00:00"), AIRS__DATE_TIMED);
	ck_assert_int_eq(SHAPE("2025-03-29T10:00:00"), AIRS__DATE_TIMED);
	ck_assert_int_eq(SHAPE("31/31/2025"), AIRS__DATE_OTHER);
	ck_assert_int_eq(SHAPE("29/03/25"), AIRS__DATE_OTHER);
	ck_assert_int_eq(SHAPE("29/03-2025"), AIRS__DATE_OTHER);
	ck_assert_int_eq(SHAPE("yesterday"), AIRS__DATE_OTHER);
#undef SHAPE
}
END_TEST

START_TEST(months)
{
	airs_month m;
	char buf[8];

	ck_assert_int_eq(airs_month_parse("2026-03", 7, &m), AIRS_OK);
	ck_assert_int_eq(m, (2026 - 1970) * 12 + 2);
	ck_assert_uint_eq(airs_month_format(m, buf), 7);
	ck_assert_str_eq(buf, "2026-03");
	ck_assert_int_eq(airs__month_days(m), 31);
	ck_assert_int_eq(airs_month_parse("2024-02", 7, &m), AIRS_OK);
	ck_assert_int_eq(airs__month_days(m), 29);
	ck_assert_int_eq(airs_month_parse("1969-12", 7, &m), AIRS_OK);
	ck_assert_int_eq(m, -1);
	ck_assert_uint_eq(airs_month_format(m, buf), 7);
	ck_assert_str_eq(buf, "1969-12");
	ck_assert_int_eq(airs__month_start(m), -31);
	ck_assert_int_eq(airs__date_month(-31), -1);
	ck_assert_int_eq(airs_month_parse("2026-13", 7, &m), AIRS_EPARSE);
	ck_assert_int_eq(airs_month_parse("2026-3", 6, &m), AIRS_EPARSE);
}
END_TEST

/* Every month the model accepts has the days between its first day and
 * the next month's, by the day arithmetic of dates, and each month's
 * first day is the first of its own text; and the leap rules. */
START_TEST(every_month_days)
{
	airs_month m, lo = (1900 - 1970) * 12, hi = (9999 - 1970) * 12 + 11;
	char buf[8], day[11];
	int y, mm, d, n;

	for (m = lo; m <= hi; m++) {
		airs_date first = airs__month_start(m);
		airs_date_to_ymd(first, &y, &mm, &d);
		ck_assert_int_eq(d, 1);
		ck_assert_int_eq(airs__date_month(first), m);
		for (n = 28; n < 31; n++)
			if (airs__date_month(first + n) != m)
				break;
		ck_assert_int_eq(airs__month_days(m), n);
		ck_assert_uint_eq(airs_month_format(m, buf), 7);
		airs_date_format(first, day);
		ck_assert_int_eq(strncmp(buf, day, 7), 0);
	}
	ck_assert_int_eq(airs__month_days((1900 - 1970) * 12 + 1), 28);
	ck_assert_int_eq(airs__month_days((2000 - 1970) * 12 + 1), 29);
	ck_assert_int_eq(airs__month_days((2100 - 1970) * 12 + 1), 28);
	ck_assert_int_eq(airs__month_days((1968 - 1970) * 12 + 1), 29);
	ck_assert_int_eq(airs__month_days(hi), 31);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("date");

	tcase_add_test(tc, epoch_and_known_days);
	tcase_add_test(tc, rejects_impossible_and_malformed);
	tcase_add_test(tc, round_trip_every_day);
	tcase_add_test(tc, valid_ranges_match_formatting);
	tcase_add_test(tc, months);
	tcase_add_test(tc, every_month_days);
	tcase_add_test(tc, declared_formats_and_shapes);
	suite_add_tcase(s, tc);
	return s;
}

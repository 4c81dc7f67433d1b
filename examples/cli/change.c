/*
 * change.c - how the CLI shows a change between two results: one copy
 * of each figure's scale, its words and its fields, for `airs compare`
 * and the report's trend section (change.h).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "change.h"

int change_is_mean(int figure)
{
	return figure == AIRS_CHANGE_READINESS ||
	       (figure >= AIRS_CHANGE_CONSTRUCT && figure < AIRS_CHANGE_LEVEL) ||
	       (figure >= AIRS_CHANGE_NET_SCORE && figure < AIRS_CHANGE_FLAG);
}

int change_counted(int figure)
{
	return !change_is_mean(figure) &&
	       (figure < AIRS_CHANGE_FAVOURABLE ||
	        figure >= AIRS_CHANGE_NET_SCORE);
}

double change_scale(int figure)
{
	return change_is_mean(figure) ? 1 : 100;
}

int change_decimals(int figure)
{
	if (figure >= AIRS_CHANGE_CONSTRUCT && figure < AIRS_CHANGE_LEVEL)
		return 3;
	return figure == AIRS_CHANGE_TIME_SAVED ? 2 : 1;
}

const char *change_reason(int reason, int brief)
{
	static const char *const w[2][5] = {
		{ "", "no values on a side", "base hidden", "hidden now",
		  "too few respondents changed" },
		{ "", "no values", "hidden before", "hidden now",
		  "too few changed" },
	};
	return reason >= 0 && reason < 5 ? w[brief != 0][reason] : "";
}

struct table *change_table(const char *base, const char *current)
{
	const char *const head[] = { "figure", base, current, "change",
	                             "95% interval", "p", "panel", "test" };
	struct table *t = table_new(8);

	for (size_t i = 0; t && i < 8; i++)
		table_column(t, i, head[i], i == 0 || i == 7 ? TABLE_LEFT
		                                             : TABLE_RIGHT, 0);
	return t;
}

/* A side's value, with its count for a share of people: "12.5 (3)". */
static const char *side(char *b, size_t cap, int f, double v,
                        uint64_t count, int counts)
{
	size_t n;

	cli_num(b, cap, change_scale(f) * v, change_decimals(f));
	n = strlen(b);
	if (counts && change_counted(f) && count != AIRS_SUPPRESSED &&
	    !isnan(v))
		snprintf(b + n, cap - n, " (%llu)", (unsigned long long)count);
	return b;
}

void change_row(struct table *t, const airs_change *ch, int f, int counts,
                int brief)
{
	double s = change_scale(f);
	int d = change_decimals(f);
	char b[64];

	table_cell(t, 0, airs_change_figure_name(f));
	table_cell(t, 1, side(b, sizeof b, f, ch->base, ch->base_count, counts));
	table_cell(t, 2, side(b, sizeof b, f, ch->current, ch->current_count,
	                      counts));
	if (ch->reason != AIRS_CHANGE_SHOWN) {
		table_cell(t, 3, CLI_NONE);
		table_cell(t, 7, change_reason(ch->reason, brief));
		return;
	}
	table_cellf(t, 3, "%+.*f", d, s * ch->change);
	if (isnan(ch->ci.low))
		table_cell(t, 4, CLI_NONE);
	else
		table_cellf(t, 4, "%.*f\xe2\x80\x93%.*f", d, s * ch->ci.low,
		            d, s * ch->ci.high);
	table_cell(t, 5, cli_num(b, sizeof b, ch->p, 4));
	table_cell(t, 6, cli_count(b, sizeof b, ch->panel));
	table_cell(t, 7, airs_change_test_name(ch->test));
}

static void num(FILE *f, double v, const char *none)
{
	if (isnan(v))
		fputs(none, f);
	else
		fprintf(f, "%.10g", v);
}

static void count(FILE *f, uint64_t v, const char *none)
{
	if (v == AIRS_SUPPRESSED)
		fputs(none, f);
	else
		fprintf(f, "%llu", (unsigned long long)v);
}

void change_fields(FILE *f, const airs_change *ch, int figure, int json)
{
	static const char *const key[] = {
		"base", "current", "change", "change_low", "change_high", "p",
		"base_n", "current_n", "panel", "test", "reason",
		"base_count", "current_count"
	};
	const double v[] = { ch->base, ch->current, ch->change, ch->ci.low,
	                     ch->ci.high, ch->p };
	const uint64_t n[] = { ch->base_n, ch->current_n, ch->panel,
	                       ch->base_count, ch->current_count };
	const char *sep = json ? ", " : ",", *none = json ? "null" : "";
	const char *q = json ? "\"" : "";
	const char *word[] = { airs_change_test_name(ch->test),
	                       airs_change_reason_name(ch->reason) };

	for (int i = 0; i < 13; i++) {
		fputs(i ? sep : "", f);
		if (json)
			fprintf(f, "\"%s\": ", key[i]);
		if (i < 6)
			num(f, v[i], none);
		else if (i < 9)
			count(f, n[i - 6], none);
		else if (i < 11)
			fprintf(f, "%s%s%s", q, word[i - 9], q);
		else /* a share's counts; a mean has none */
			count(f, change_counted(figure) ? n[i - 8]
			                                : AIRS_SUPPRESSED, none);
	}
}

void change_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

void change_csv_str(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

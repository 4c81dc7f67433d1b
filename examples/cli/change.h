/*
 * change.h - how the CLI shows a change between two results
 * (airs/compare.h): the scale and precision of each figure, why a change
 * is hidden in words, a text table's row, and one change as JSON or CSV
 * fields.  Shared by `airs compare` (cmd-compare.c) and the report's
 * trend section (report-trend.c, html-trend.c), so both print a figure
 * the same way.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#ifndef AIRS_CLI_CHANGE_H
#define AIRS_CLI_CHANGE_H

#include "cli.h"

#define CHANGE_NFIG AIRS_CHANGE_FIGURE_COUNT_

/* Readiness in points, construct means 0..1, the net score -100..100 and
 * hours are means, on their own scale; shares are shown in %. */
int change_is_mean(int figure);
double change_scale(int figure);
int change_decimals(int figure);
/* Whether a figure is a share of people, published with its counts (a
 * favourable share is of item responses and has none). */
int change_counted(int figure);

/* Why a change is hidden, in words; brief: the report's narrower ones. */
const char *change_reason(int reason, int brief);

/* An 8-column table: figure, base, current, change, 95% interval, p,
 * panel, test (the last also says why a change is hidden). */
struct table *change_table(const char *base, const char *current);
/* One figure's row (table_row() already called); counts: a share's
 * counts after its value, "12.5 (3)"; brief as change_reason(). */
void change_row(struct table *t, const airs_change *ch, int figure,
                int counts, int brief);

/* One change's members, "base": 0.5, ... "current_count": null (json),
 * or its CSV fields from base to current_count (docs/output-format.md). */
void change_fields(FILE *f, const airs_change *ch, int figure, int json);

/* A string as JSON (quoted, escaped) or as a CSV field (quoted when it
 * must be). */
void change_json_str(FILE *f, const char *s);
void change_csv_str(FILE *f, const char *s);

#endif

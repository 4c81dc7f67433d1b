/*
 * toolview.h - the tools table (airs/tools.h) as the `airs` program shows
 * it: by `airs tools` (cmd-tools.c) and in `airs report`'s tools section,
 * text and HTML.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * Every figure comes from the library's table, which applies the
 * anonymity rules; a hidden figure is shown as hidden, never recomputed.
 * Groups are numbered as the table's: units in the rollup's tree order
 * (0 .. units - 1), the organisation, then roles by id.
 */
#ifndef AIRS_CLI_TOOLVIEW_H
#define AIRS_CLI_TOOLVIEW_H

#include "cli.h"

struct toolview {
	struct cli *c;
	airs_tools *t;
	airs_tools_info info;
	size_t units;            /* unit groups */
	const unsigned char *signals; /* per row, its signals */
};

/* The table of c->result and its rows' signals, made on the first call
 * and kept in c (freed with it); prints its own message, marks the
 * output incomplete (cli_lost()) and returns an exit code. */
int toolview_open(struct toolview *v, struct cli *c);
void toolview_close(struct toolview *v);

/* Row k (0 .. info.kinds - 1) of group g. */
int toolview_row(const struct toolview *v, size_t g, size_t k,
                 airs_tool_row *out);
/* What a row is about, as people read it: the tool's name (else its id
 * as words, written into buf of n bytes: "sheets_ai" is "sheets ai"),
 * "all tools" or "unsanctioned tools". */
const char *toolview_tool(const struct toolview *v, const airs_tool_row *r,
                          char *buf, size_t n);
/* The group's name: the unit's, "the organisation", or the role's. */
const char *toolview_group(const struct toolview *v, const airs_tool_row *r);

/* A signal told in a sentence or two, with its numbers and the next step:
 * the tool, not the people, when the tool is the problem. */
struct tool_finding {
	size_t group, kind;      /* where it is */
	int signal;              /* enum airs_tool_signal bit */
	char text[600];
};

/* The signals of the groups [g0, g1) (and with `org` the organisation and
 * the roles), most pressing first (a mismatch, then shadow work, then
 * lapsing; larger groups first), at most cap of them; a unit's signal
 * is left out when an enclosing unit or the organisation already has it
 * for the same tool.  Returns how many were written. */
size_t toolview_findings(const struct toolview *v, size_t g0, size_t g1,
                         int org, struct tool_finding *out, size_t cap);

/* The unit groups of unit u's subtree, [u, *end) (u == AIRS_ROLLUP_ORG:
 * every unit). */
void toolview_subtree(const struct toolview *v, size_t u, size_t *g0,
                      size_t *g1);

/* "12%" with the share's n; "hidden" for a hidden share; "–" for none. */
const char *toolview_share(char *buf, size_t n, double share, uint64_t count);

#endif

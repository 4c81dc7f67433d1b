/*
 * toolview.c - the tools table as the `airs` program shows it
 * (toolview.h): names for its rows, and its signals told as findings.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "toolview.h"

_Static_assert(AIRS_TOOL_SIGNAL_BITS_ <= 8, "a row's signals fit a byte");

/* Every row's signals, read once: the findings look at every row, and
 * reading one publishes all of its figures. */
static unsigned char *read_signals(const airs_tools *t, size_t rows)
{
	unsigned char *s = malloc(rows ? rows : 1);
	size_t i;

	for (i = 0; s && i < rows; i++) {
		airs_tool_row r = AIRS_TOOL_ROW_INIT;
		s[i] = airs_tools_row(t, i, &r) == AIRS_OK ? (unsigned char)r.signals
		                                           : 0;
	}
	return s;
}

int toolview_open(struct toolview *v, struct cli *c)
{
	airs_diag d = AIRS_DIAG_INIT;
	airs_tools_info in = AIRS_TOOLS_INFO_INIT;

	memset(v, 0, sizeof *v);
	v->c = c;
	if (!c->tools && airs_result_tools(c->result, &c->tools, &d) != AIRS_OK) {
		cli_error(c, "%s", d.text[0] ? d.text : "cannot make the tools table");
		cli_lost();
		return EXIT_DATA;
	}
	airs_tools_info_get(c->tools, &in);
	if (!c->tool_signals && !(c->tool_signals = read_signals(c->tools,
	                                                         in.rows))) {
		cli_error(c, "out of memory");
		cli_lost();
		return EXIT_DATA;
	}
	v->t = c->tools;
	v->info = in;
	v->signals = c->tool_signals;
	v->units = airs_rollup_unit_count(airs_result_rollup(c->result));
	return EXIT_OK;
}

/* The table stays with c, for the next view of it. */
void toolview_close(struct toolview *v)
{
	v->t = NULL;
}

int toolview_row(const struct toolview *v, size_t g, size_t k,
                 airs_tool_row *out)
{
	return airs_tools_row(v->t, g * v->info.kinds + k, out);
}

const char *toolview_tool(const struct toolview *v, const airs_tool_row *r,
                          char *buf, size_t n)
{
	airs_tool_rec t = AIRS_TOOL_REC_INIT;
	size_t i;

	if (r->kind == AIRS_TOOL_KIND_ALL)
		return "all tools";
	if (r->kind == AIRS_TOOL_KIND_UNSANCTIONED)
		return "unsanctioned tools";
	if (airs_model_find(v->c->model, AIRS_ENTITY_TOOL, r->tool_id, &i) ==
	            AIRS_OK &&
	    airs_model_get_tool(v->c->model, i, &t) == AIRS_OK && t.name)
		return t.name;
	/* no registered name: the id as words ("sheets_ai": "sheets ai") */
	for (i = 0; r->tool_id[i] && i + 1 < n; i++)
		buf[i] = r->tool_id[i] == '_' ? ' ' : r->tool_id[i];
	buf[i] = '\0';
	return buf;
}

const char *toolview_group(const struct toolview *v, const airs_tool_row *r)
{
	if (r->scope == AIRS_TOOL_SCOPE_UNIT)
		return cli_unit_name(v->c->model, r->unit_id);
	if (r->scope == AIRS_TOOL_SCOPE_ROLE)
		return cli_role_name(v->c->model, r->role_id);
	return "the organisation";
}

const char *toolview_share(char *buf, size_t n, double share, uint64_t count)
{
	if (isnan(share))
		snprintf(buf, n, "%s", count == AIRS_SUPPRESSED ? "hidden" : CLI_NONE);
	else
		snprintf(buf, n, "%.0f%%", 100 * share);
	return buf;
}

void toolview_subtree(const struct toolview *v, size_t u, size_t *g0,
                      size_t *g1)
{
	const airs_rollup *ru = airs_result_rollup(v->c->result);
	airs_unit_score top = AIRS_UNIT_SCORE_INIT;
	size_t i;

	*g0 = 0;
	*g1 = v->units;
	if (u == AIRS_ROLLUP_ORG || airs_rollup_unit(ru, u, &top) != AIRS_OK)
		return;
	for (i = u + 1; i < v->units; i++) {
		airs_unit_score s = AIRS_UNIT_SCORE_INIT;
		if (airs_rollup_unit(ru, i, &s) != AIRS_OK || s.depth <= top.depth)
			break;
	}
	*g0 = u;
	*g1 = i;
}

/* ---- findings ------------------------------------------------------------ */

static int rank_of(int signal)
{
	return signal == AIRS_TOOL_SIGNAL_MISMATCH ? 0
	       : signal == AIRS_TOOL_SIGNAL_SHADOW ? 1 : 2;
}

/* The sentence of one signal of row r. */
static void tell(const struct toolview *v, const airs_tool_row *r, int signal,
                 char *buf, size_t n)
{
	char name[128];
	const char *who = toolview_group(v, r),
	           *tool = toolview_tool(v, r, name, sizeof name);
	char since[8];
	int scope = r->scope;
	const char *lead = scope == AIRS_TOOL_SCOPE_ROLE ? "People in the role " : "";
	const char *people = scope == AIRS_TOOL_SCOPE_ROLE ? "People in the role "
	                     : scope == AIRS_TOOL_SCOPE_UNIT ? "People in "
	                     : "People across ";

	airs_month_format(v->info.window_last - v->info.recent_months + 1, since);
	if (signal == AIRS_TOOL_SIGNAL_MISMATCH)
		snprintf(buf, n, "%s%s use %s a lot (%.0f%% of %llu people) and "
		         "report little benefit from it: %.2f of 1 from %llu users' "
		         "answers, below what the same roles say of their other "
		         "tools. Review the tool's fit for this work before more "
		         "training.", people, who, tool, 100 * r->active_share,
		         (unsigned long long)r->headcount, r->benefit,
		         (unsigned long long)r->benefit_respondents);
	else if (signal == AIRS_TOOL_SIGNAL_SHADOW)
		snprintf(buf, n, "%s%s%s: %.0f%% of the days people used AI went to "
		         "tools the organisation has not sanctioned (%llu people). "
		         "Ask what the sanctioned tools lack for this work before "
		         "blocking the others.", lead, scope ==
		         AIRS_TOOL_SCOPE_ORGANISATION ? "Across " : "", who,
		         100 * r->activity_share, (unsigned long long)r->users);
	else
		snprintf(buf, n, "%s%s%s: %llu of the %llu people who used %s have "
		         "stopped (%.0f%%; active before %s, not since). Ask them "
		         "what did not work before renewing licences or adding "
		         "training.", lead, scope == AIRS_TOOL_SCOPE_ORGANISATION
		         ? "Across " : "", who, (unsigned long long)r->lapsed,
		         (unsigned long long)r->users, r->kind == AIRS_TOOL_KIND_ALL
		         ? "any AI tool" : tool, 100 * r->lapsed_share, since);
	if (buf[0] >= 'a' && buf[0] <= 'z')   /* "the organisation" */
		buf[0] = (char)(buf[0] - 'a' + 'A');
}

/* Unit a lies below unit b (tree order: b's subtree follows b). */
static int below(const struct toolview *v, size_t a, size_t b)
{
	const airs_rollup *ru = airs_result_rollup(v->c->result);
	airs_unit_score ua = AIRS_UNIT_SCORE_INIT, ub = AIRS_UNIT_SCORE_INIT;
	size_t i;

	if (a <= b || airs_rollup_unit(ru, b, &ub) != AIRS_OK)
		return 0;
	for (i = b + 1; i <= a; i++)
		if (airs_rollup_unit(ru, i, &ua) != AIRS_OK || ua.depth <= ub.depth)
			return 0;
	return 1;
}

static int before(const struct tool_finding *x, const struct tool_finding *y,
                  const uint64_t *hx, const uint64_t *hy)
{
	if (rank_of(x->signal) != rank_of(y->signal))
		return rank_of(x->signal) < rank_of(y->signal);
	if (*hx != *hy)
		return *hx > *hy;
	return x->group != y->group ? x->group < y->group : x->kind < y->kind;
}

/* Is there a reason to leave the signal of (g, k) out: the same signal
 * of the same kind in an enclosing unit, or, for the organisation, in a
 * unit (which says where)? */
static int covered(const struct toolview *v, size_t g, size_t k, int signal,
                   size_t g0, size_t g1)
{
	size_t u;

	for (u = g0; u < g1; u++) {
		if (u == g || !(v->signals[u * v->info.kinds + k] & signal))
			continue;
		if (g == v->units || (g < v->units && below(v, g, u)))
			return 1;
	}
	return 0;
}

size_t toolview_findings(const struct toolview *v, size_t g0, size_t g1,
                         int org, struct tool_finding *out, size_t cap)
{
	size_t g, k, n = 0, i, j, ng = org ? v->info.groups : g1;
	uint64_t head[64];
	int b;

	if (cap > 64)
		cap = 64;
	for (g = org ? g0 : g0; g < ng; g++) {
		if (g >= g1 && g < v->units)
			continue;
		for (k = 0; k < v->info.kinds; k++) {
			airs_tool_row r = AIRS_TOOL_ROW_INIT;
			if (!v->signals[g * v->info.kinds + k] ||
			    toolview_row(v, g, k, &r) != AIRS_OK)
				continue;
			for (b = 0; b < AIRS_TOOL_SIGNAL_BITS_; b++) {
				struct tool_finding f;
				uint64_t h = r.headcount;
				if (!(r.signals & (1u << b)) ||
				    (g <= v->units && covered(v, g, k, 1 << b, g0, g1)))
					continue;
				f.group = g;
				f.kind = k;
				f.signal = 1 << b;
				tell(v, &r, f.signal, f.text, sizeof f.text);
				/* insert in order, keeping the best cap */
				for (i = n; i > 0 && before(&f, &out[i - 1], &h, &head[i - 1]);
				     i--)
					;
				if (i >= cap)
					continue;
				for (j = n < cap ? n : cap - 1; j > i; j--) {
					out[j] = out[j - 1];
					head[j] = head[j - 1];
				}
				out[i] = f;
				head[i] = h;
				if (n < cap)
					n++;
			}
		}
	}
	return n;
}

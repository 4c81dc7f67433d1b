/*
 * tool-impl.h - what the files of the tools table share (methodology 9).
 *
 *   tool-use.c       one person's measures of each tool (tool-use.h)
 *   tool-groups.c    their sums and medians over the groups
 *   tool-suppress.c  the anonymity rule across units, roles and the
 *                    organisation (methodology 9.4)
 *   tools.c          the table: made from a result, and its readers
 *   tool-publish.c   a row as readers see it
 *   tool-signals.c   the signals of methodology 9.5
 *   tool-write.c     the table as JSON and CSV
 *
 * Groups are numbered as the table's rows: the units in tree order
 * (0 .. nu - 1, a unit's subtree being the positions u .. end[u] - 1),
 * the organisation (nu), the roles by id (nu + 1 ...).  Kinds of row
 * ("x") are the model's tool numbers, then the all-tools and the
 * unsanctioned sets (tool-use.h).
 */
#ifndef AIRS_TOOL_IMPL_H
#define AIRS_TOOL_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "airs/tools.h"
#include "model.h"
#include "params.h"
#include "tool-use.h"

/* The unit tree and the roles as the table's groups. */
typedef struct airs__tool_tree {
	size_t nu, nr;           /* units, roles */
	uint32_t *unit_at;       /* position -> model unit */
	uint32_t *pos_of;        /* model unit -> position */
	uint32_t *parent;        /* position -> parent position, or AIRS__NONE */
	uint32_t *end;           /* position -> end of its subtree */
	uint32_t *role_at;       /* role group r -> model role (by id) */
	uint32_t *role_of;       /* model role -> role group */
} airs__tool_tree;

/* The groups of model m.  AIRS_ENOMEM leaves nothing allocated. */
int airs__tool_tree_init(airs__tool_tree *t, const airs_model *m,
                         const airs__mem *mem);
void airs__tool_tree_free(airs__tool_tree *t, const airs__mem *mem);

/* A group's sums for one kind of row, before anonymity. */
typedef struct airs__tool_fig {
	uint64_t users, habitual, lapsed, fresh;
	uint64_t days;           /* active days (tool-use.h) */
	uint64_t bn;             /* benefit respondents */
	int64_t bsum;            /* their quantised benefits ... */
	uint64_t bsq[3];         /* ... and squares (sumsq.h) */
	double days_median;     /* active days a month, median over users */
	double wait_median;      /* months to first use, median; NaN none */
} airs__tool_fig;

/* People of one (unit position, role) cell who count in a family. */
typedef struct airs__tool_cell {
	uint32_t pos, role;
	uint64_t n;
} airs__tool_cell;

/* tool-groups.c.  Entries e[0 .. n) of one kind, sorted by unit
 * position then role (pos[] and role[] give each entry's), summed into
 * fig[g] for every group g; the cells of users and of benefit
 * respondents into users[] and resp[] (at most n each, their counts in
 * *nu_cells, *nr_cells).  tmp holds 3n numbers, v n values.  Cannot
 * fail. */
void airs__tool_sum(const airs__tool_tree *t, const airs__tool_entry *e,
                    const uint32_t *pos, const uint32_t *role, size_t n,
                    int W, airs__tool_fig *fig, airs__tool_cell *users,
                    size_t *nu_cells, airs__tool_cell *resp,
                    size_t *nr_cells, uint32_t *tmp, int64_t *v);

/* tool-suppress.c: the workspace of a family's decision. */
typedef struct airs__tool_supp airs__tool_supp;

/* A workspace for trees of t's size and families of up to ncells cells.
 * NULL when out of memory. */
airs__tool_supp *airs__tool_supp_new(const airs__tool_tree *t, size_t ncells,
                                     const airs__mem *mem);
void airs__tool_supp_free(airs__tool_supp *w, const airs__mem *mem);

/* Decide which groups of one family are shown: people[g] counts the
 * family's people in group g (nu + 1 + nr groups), c[0 .. nc) its cells
 * (distinct, by position then role).  Writes vis[g], 1 for shown.
 * Cannot fail. */
void airs__tool_suppress(const airs__tool_tree *t, airs__tool_supp *w,
                         const airs__tool_cell *c, size_t nc,
                         const uint64_t *people, uint64_t k,
                         unsigned char *vis);

/* The table. */
struct airs_tools {
	airs__mem mem;
	const airs_model *m;     /* a reference is held */
	airs__pv pv;
	airs_as_of_info as_of;   /* the result's: date, how chosen */
	char params_digest[65];
	int registry, lapse_known;
	airs_month lo, hi;
	airs__tool_tree tree;
	size_t ntools, nx, ng;   /* tools; kinds of row (ntools + 2); groups */
	uint32_t *xrow;          /* kind of row -> its place in a group's rows
	                            (AIRS__NONE: not a row) */
	uint32_t *rowx;          /* place -> kind */
	size_t kinds;            /* rows per group */
	uint64_t *headcount;     /* per group */
	airs__tool_fig *fig;     /* [g * nx + x] */
	unsigned char *vis;      /* [(g * nx + x) * 2 + f]: f 0 usage, 1 benefit */
	unsigned char *signals;  /* [g * nx + x] */
};

#define TOOL_FIG(t, g, x) (&(t)->fig[(size_t)(g) * (t)->nx + (x)])
#define TOOL_VIS(t, g, x, f) ((t)->vis[((size_t)(g) * (t)->nx + (x)) * 2 + (f)])

/* tool-publish.c: the published row of group g, kind x (its signals as
 * t->signals holds them). */
void airs__tools_publish(const airs_tools *t, size_t g, uint32_t x,
                         airs_tool_row *out);

/* tool-signals.c: every row's signals into t->signals, from the sorted
 * entries (kind x's at xstart[x] .. xstart[x + 1], with their positions
 * and roles) and the decided families.  AIRS_ENOMEM. */
int airs__tool_signals(airs_tools *t, const airs__tool_entry *e,
                       const uint32_t *pos, const uint32_t *role,
                       const size_t *xstart);

#endif

/*
 * tool-use.h - methodology 9.1: one person's use of each AI tool in the
 * adoption window, and the benefit they report of it.
 *
 * The tools table (tools.c) turns every employee into entries, one per
 * tool they used in the window and one for each set of tools (all
 * tools; the unsanctioned ones), and sums those over groups
 * (tool-groups.c).  Scoring reads airs__lapsed() for the individual flag
 * of methodology 3.9, so the flag and the tools table's lapsed count are
 * one rule.
 */
#ifndef AIRS_TOOL_USE_H
#define AIRS_TOOL_USE_H

#include <stdint.h>

#include "model.h"
#include "params.h"
#include "wave.h"

/* Methodology 3.9 and 9.1, lapsed: days[k] are the active days of the
 * k-th of the window's months (oldest first); active in one of its
 * earlier months (all but the last `recent`), in none of the last
 * `recent`.  0 when the window has no earlier months. */
int airs__lapsed(const double *days, int window, int recent);

/* The row sets beyond the model's tools: tool numbers run 0 .. ntools - 1,
 * then these. */
#define AIRS__TOOL_X_ALL(ntools) (ntools)
#define AIRS__TOOL_X_UNS(ntools) ((ntools) + 1)

/* What one tools table's pass shares: read-only once made. */
typedef struct airs__tool_ctx {
	const airs_model *m;
	const airs__pv *pv;
	airs_date T;             /* the as-of date */
	airs__wave_pick wave;    /* the survey period read (4.1) */
	airs_month lo, hi;       /* the window, inclusive */
	uint32_t ntools;
	int registry;            /* a registry exists: the unsanctioned set */
	int lapse_known;         /* the usage log reaches the as-of month */
	unsigned char *unsanctioned; /* per tool: counts as unsanctioned */
} airs__tool_ctx;

/* One person's measures of one tool, or of a set of tools (x: a tool
 * number or AIRS__TOOL_X_*): only people who used it in the window. */
typedef struct airs__tool_entry {
	uint32_t x, emp;
	uint32_t days;      /* active days in the window; a set's month
	                       counts its busiest tool's days */
	int32_t wait;       /* months to first use, -1 when not known */
	uint8_t habitual, lapsed, fresh, has_benefit;
	int64_t benefit_q;  /* benefit 0..1, quantised */
} airs__tool_entry;

/* The context for the tools of model m as scored with pv as of T (the
 * unsanctioned flags allocated with mem).  AIRS_ENOMEM. */
int airs__tool_ctx_init(airs__tool_ctx *c, const airs_model *m,
                        const airs__pv *pv, airs_date T,
                        const airs__mem *mem);
void airs__tool_ctx_free(airs__tool_ctx *c, const airs__mem *mem);

/* A growable list of entries. */
typedef struct airs__tool_entries {
	airs__tool_entry *v;
	size_t n, cap;
} airs__tool_entries;

typedef struct airs__tool_scratch airs__tool_scratch;

airs__tool_scratch *airs__tool_scratch_new(const airs__tool_ctx *c,
                                           const airs__mem *mem);
void airs__tool_scratch_free(airs__tool_scratch *s, const airs__mem *mem);

/* Append employee e's entries to out (by tool number, then all tools,
 * then the unsanctioned set).  AIRS_ENOMEM leaves out as it was. */
int airs__tool_person(const airs__tool_ctx *c, airs__tool_scratch *s,
                      const airs__mem *mem, uint32_t e,
                      airs__tool_entries *out);

#endif

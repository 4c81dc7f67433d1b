/*
 * report.h - what `airs report` shows, shared by its text output
 * (cmd-report.c), its HTML page (html*.c) and its summary
 * (report-summary.c).
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * A report looks at a scope - the organisation, or with --unit one unit
 * and everything below it - and lists the units of that scope down to
 * --depth levels.  Every figure comes from the rollup (airs/rollup.h),
 * which applies the anonymity rules; the report never recomputes a
 * figure the rollup withholds.  The only thing it counts itself is the
 * ADKAR barrier point per unit, from the employees' own scores
 * (airs_result_column(AIRS_COLUMN_BARRIER)), which are not survey
 * aggregates.
 */
#ifndef AIRS_CLI_REPORT_H
#define AIRS_CLI_REPORT_H

#include "cli.h"

#define REPORT_DEFAULT_DEPTH 2
/* Barrier points counted: the five ADKAR elements, none, unknown. */
#define REPORT_BARRIERS (AIRS_BARRIER_UNKNOWN + 1)

/* The change since the last survey wave (report-trend.c). */
struct report_trend {
	airs_comparison *k;      /* NULL: no earlier wave, nothing to say */
	airs_result *base;       /* scored at the earlier wave's last day */
	airs_archive *archive;   /* or --base-archive's (holds base_p's
	                            strings) */
	airs_provenance cur;     /* the report's result */
	airs_provenance base_p;  /* the base's */
};

struct report {
	struct cli *c;
	const airs_rollup *ru;
	int k;                   /* anonymity.min_group */
	size_t nunits;           /* units of the rollup */
	size_t *parent;          /* parent's index per unit; REPORT_NONE for roots */
	int *udepth;             /* depth per unit (airs_unit_score.depth) */
	size_t top;              /* the --unit's index, or AIRS_ROLLUP_ORG */
	airs_unit_score scope;   /* the figures of the scope */
	int depth;               /* levels below the top units shown */
	size_t *shown;           /* units shown, tree order */
	size_t nshown;
	size_t deeper;           /* units of the scope below the depth */
	uint64_t (*barriers)[REPORT_BARRIERS]; /* per unit (subtree); only
	                                          the units shown counted */
	uint64_t scope_barriers[REPORT_BARRIERS];
	/* People of the scope whose readiness rests on one component alone,
	 * by that component (enum airs_component). */
	uint64_t single[AIRS_COMPONENT_COUNT_];
	const char *title;       /* the organisation's (or the unit's) name */
	const char *dir;         /* what the data is called in the output */
	struct report_trend trend;
	airs_drivers *focus;     /* html: the driver analysis of the focus
	                            areas, made while the page was laid out
	                            (cmd-report.c); NULL: html_focus() makes
	                            it.  Freed by report_close(). */
};
#define REPORT_NONE ((size_t)-1)

/* The data-coverage section (report-coverage.c): sentences, each a
 * paragraph or list item. */
#define REPORT_COVERAGE_LINES 8
struct report_coverage {
	char line[REPORT_COVERAGE_LINES][640];
	size_t n;
};
/* What the data of the report's scope cover, in words; -1 when the
 * library cannot tell (out of memory). */
int report_coverage(const struct report *r, struct report_coverage *cv);

/* `airs report --by manager` or `--manager ID` (report-managers.c) in
 * format (enum cli_format); dir names the data.  Prints its own message
 * and returns an exit code. */
int report_managers(struct cli *c, int format, const char *dir);

/* Prepare a report of c->result (or, without one, of c->rollup) for
 * --unit and --depth; prints its own
 * message and returns an exit code. */
int report_open(struct report *r, struct cli *c, const char *dir);
void report_close(struct report *r);
/* Print an opened report as text or, format CLI_HTML, as a page; close
 * it.  Returns an exit code. */
int report_print(struct report *r, int format);

/* The rows of a per-unit table: the organisation first (when the scope
 * is the organisation), then the units shown, in tree order. */
size_t report_nrows(const struct report *r);
size_t report_row(const struct report *r, size_t i); /* a unit index, or
                                                        AIRS_ROLLUP_ORG */

/* Unit i's figures, or the organisation's for AIRS_ROLLUP_ORG. */
int report_unit(const struct report *r, size_t i, airs_unit_score *out);
/* The scope's index for the rollup's per-unit readers. */
#define REPORT_SCOPE(r) ((r)->top)
/* Depth of unit i below the top of the report: 0 for the top units. */
int report_level(const struct report *r, const airs_unit_score *u);
/* Does unit a lie in unit b's subtree (a == b counts)? */
int report_within(const struct report *r, size_t a, size_t b);
/* The shown units a finding may name: those not holding the whole scope
 * (they would say nothing about where). */
int report_names_a_part(const struct report *r, const airs_unit_score *u);

/* Survey state of one construct in one group, as the report shows it. */
enum report_survey {
	SURVEY_TOTAL,    /* the total is published */
	SURVEY_PARTIAL,  /* the total is hidden; staff or leaders are shown */
	SURVEY_HIDDEN,   /* hidden to protect anonymity */
	SURVEY_NONE      /* nobody answered */
};
int report_survey_state(const airs_construct_score *s);
/* The constructs of the sentiment heatmap, in order (time saved, in
 * hours, has its own column). */
extern const int report_heat_constructs[];
extern const size_t report_heat_nconstructs;
/* Survey items in the model, and of them on scored constructs. */
void report_survey_items(const struct report *r, size_t *items, size_t *scored);

/* The threshold of readiness for a target level (levels.tN), NaN for
 * none. */
double report_target_floor(const struct report *r, int target);

/* The executive summary: findings by the rules of docs/cli.md. */
#define REPORT_MAX_FINDINGS 7
/* AI tool findings the report lists (its tools section; the summary
 * tells the first and counts the others). */
#define REPORT_TOOL_FINDINGS 5
struct finding {
	const char *section;     /* the id of the section it comes from */
	char text[640];          /* one plain sentence or two, UTF-8 */
};
size_t report_summary(const struct report *r, struct finding *out, size_t cap);

/* The organisation's (or scope's) skill gaps, largest first, skills
 * with at least one person assessed, in a malloc'ed array (free it);
 * returns how many. */
struct skill_gap {
	size_t skill;     /* rollup skill index */
	double gap;       /* the scope's mean gap in levels */
	uint64_t count;   /* people assessed on it whose role requires it */
};
size_t report_skill_gaps(const struct report *r, struct skill_gap **out);
/* The shown unit, a part of the scope with at least k people assessed,
 * where the skill's gap is widest: its index, or REPORT_NONE. */
size_t report_widest(const struct report *r, size_t skill, double *gap);

/* Courses: the cohort serving the most people with a gap in `skill_id`,
 * or NULL. */
const airs_plan_cohort *report_course_for(struct cli *c, const char *skill_id,
                                          airs_plan_cohort *out);

/* cmd-report.c: the text report on r->c->out.  With no result (airs
 * merge: r->c->rollup) the sections that count employees (coverage,
 * barrier points, cohorts) are left out. */
void report_text(struct report *r);

/* report-trend.c.  Compare c->result with the same model scored at the
 * end of the survey wave before the one it reads; t->k stays NULL when
 * there is none.  Prints its own message and returns an exit code. */
int report_trend_open(struct report_trend *t, struct cli *c);
void report_trend_close(struct report_trend *t);
/* Row i of the report in the comparison: 1 with its index in *u
 * (AIRS_ROLLUP_ORG for the organisation, named "Organisation" in *us),
 * 0 for a unit the earlier wave did not have. */
int report_trend_row(const struct report *r, size_t i, size_t *u,
                     airs_unit_score *us);
/* "wave 2026-Q1, 2026-03-02 to 2026-03-20" */
void report_trend_period(const airs_provenance *p, char *buf, size_t n);
void report_trend_text(const struct report_trend *t, struct report *r);
/* A warning about the base, or NULL: no unit in common (another
 * organisation), or the same survey period read on both sides. */
const char *report_trend_caveat(const struct report_trend *t);
/* ",\n\"trend\": {...}" or nothing; only: --unit or NULL. */
void report_trend_json(const struct report_trend *t, FILE *f,
                       const char *only);

/* html.c: the report as one HTML page on r->c->out. */
int report_html(struct report *r);

#endif /* AIRS_CLI_REPORT_H */

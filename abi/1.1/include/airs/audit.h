/*
 * airs/audit.h - fairness audit: outcome rates and impact ratios across
 * the categories of employee attributes.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * An audit reads a result and the audit attributes of its model (set with
 * airs_model_set_attribute(); no score ever reads them) and reports, per
 * category of an attribute - or of the intersection of two - how often an
 * outcome occurs there, and the impact ratio of that rate to the highest
 * rate of any category (NYC Local Law 144; the EEOC four-fifths rule as a
 * screening heuristic).  docs/responsible-use.md says how to run one and
 * what it does and does not show; docs/output-format.md, "Audit tables",
 * gives the JSON and CSV forms.
 *
 * Outcomes (enum airs_audit_outcome):
 *  - ABOVE_MEDIAN: readiness strictly above the median readiness of every
 *    scored employee of the result (LL144 "scoring rate").  Employees at
 *    the median are not above it.  Population: scored employees.
 *  - AT_TARGET: maturity level at or above the unit's target.  Population:
 *    employees with a known level and a target.
 *  - FLAG: the flag given in `flag` is raised.  Population: employees for
 *    whom the flag's rule could be evaluated.  Here a *higher* rate is the
 *    adverse one (a group flagged more often), see `adverse` below.
 *  - EXTERNAL_BINARY, EXTERNAL_VALUE: a caller's per-employee outcome in
 *    result order (airs_result_ids()), e.g. "selected for training" (0/1)
 *    or "hours allocated" (a value >= 0) from an org plan.  NaN marks an
 *    employee outside the population.  For values the "rate" is the mean
 *    per head and the ratios are ratios of means.
 *  - PLAN_SELECTED, PLAN_HOURS: the training allocation of an org plan
 *    (`plan`), as airs_org_plan_outcome() gives it: "selected for
 *    training" (at least one course) like EXTERNAL_BINARY, "hours
 *    allocated per head" like EXTERNAL_VALUE.  Population: every employee.
 *    The audit reports; it never changes the plan.  Run it before a plan
 *    is rolled out, so L&D sees whether the budget flows to one group.
 *
 * Per category the audit reports the count, the rate, the impact ratio
 * (rate / highest rate) and the adverse ratio (against the most
 * favourable rate: the highest when a low rate is adverse, the lowest when
 * a high rate is; equal to the impact ratio in the first case), and marks
 * the category adverse when the adverse ratio is below 0.8 - the most
 * favourable and the reference categories included, when they are the
 * adverse ones.  Beside each adverse ratio it gives the two-sided Fisher
 * exact p-value of the category against the most favourable one and the
 * ratio's 95% interval (Katz log method), and marks the category
 * `significant` when p < 0.05: the four-fifths rule screens, the test
 * says whether the gap could be chance (for EXTERNAL_VALUE and PLAN_HOURS,
 * means of skewed per-head values, neither is given).  An outcome that
 * everyone or no one in the population has (a median at the maximum
 * readiness included) is not `informative`: no ratio, nothing adverse.
 *
 * Anonymity (docs/responsible-use.md, "Anonymity in the audit"): a
 * category with fewer than anonymity.min_group (k) members is not shown;
 * its members, and those without a value, make up the table's one
 * "other / not shown" line (`other`), whose count and rate are shown only
 * when it has at least k members.  With two attributes every table
 * compares the same people: those with a shown category of both.  A shown
 * category may still be withheld (`suppressed`) when the tables together
 * would otherwise give the count or outcome of fewer than k people by
 * difference.  Categories under `min_share` of the population are shown
 * but excluded from the comparison.  Neither kind is ever the reference.
 *
 * Ownership: an audit is independent of the result once built; strings it
 * returns live as long as the audit.
 *
 * Thread safety: airs_audit() only reads the result and its model; several
 * threads may audit one result at once.  An audit is read-only.
 */
#ifndef AIRS_AUDIT_H
#define AIRS_AUDIT_H

#include "airs/plan.h"
#include "airs/score.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The audit tables made by airs_audit(), an opaque handle like every
 * other; freed with airs_audit_free(). */
typedef struct airs_audit_report airs_audit_report;

enum airs_audit_outcome {
	AIRS_AUDIT_ABOVE_MEDIAN = 0,
	AIRS_AUDIT_AT_TARGET = 1,
	AIRS_AUDIT_FLAG = 2,
	AIRS_AUDIT_EXTERNAL_BINARY = 3,
	AIRS_AUDIT_EXTERNAL_VALUE = 4,
	AIRS_AUDIT_PLAN_SELECTED = 5, /* `plan`: given at least one course */
	AIRS_AUDIT_PLAN_HOURS = 6     /* `plan`: hours allocated per head */
};

/* Which rate is the adverse one. */
enum airs_audit_adverse {
	AIRS_AUDIT_ADVERSE_DEFAULT = 0, /* options only: LOW, or HIGH for FLAG */
	AIRS_AUDIT_ADVERSE_LOW = 1,     /* a lower rate is adverse (selection) */
	AIRS_AUDIT_ADVERSE_HIGH = 2     /* a higher rate is adverse (flags) */
};

/* The default of min_share: the 2% LL144 lets an auditor exclude. */
#define AIRS_AUDIT_MIN_SHARE 0.02
/* The four-fifths threshold of the adverse ratio. */
#define AIRS_AUDIT_THRESHOLD 0.8
/* The significance level of the Fisher p-value (`significant`). */
#define AIRS_AUDIT_ALPHA 0.05

typedef struct airs_audit_options {
	size_t size;            /* sizeof(airs_audit_options): AIRS_AUDIT_OPTIONS_INIT */
	const char *attribute;  /* required: an attribute name, e.g. "gender" */
	const char *attribute2; /* optional second attribute, e.g. "age_band" */
	int include_intersection; /* with attribute2: 1 adds the table of their
	                           intersection to the two single tables */
	int outcome;            /* enum airs_audit_outcome */
	int flag;               /* AIRS_AUDIT_FLAG: one enum airs_flag bit */
	const double *external; /* EXTERNAL_*: one value per employee, in
	                           result order; NaN = not in the population */
	size_t external_len;    /* must equal airs_result_employee_count() */
	double min_share;       /* exclusion threshold; 0: AIRS_AUDIT_MIN_SHARE */
	int keep_small;         /* 1: exclude no category for its share */
	int adverse;            /* enum airs_audit_adverse; 0: the outcome's */
	const airs_org_plan *plan; /* PLAN_*: an org plan made from this
	                           result (airs_plan_org()) */
} airs_audit_options;
#define AIRS_AUDIT_OPTIONS_INIT \
	{ sizeof(airs_audit_options), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/* Audit a result.  diag (may be NULL) receives the message of a failure.
 * Errors: AIRS_EINVAL (NULL result, opts or out; bad sizes; unknown
 * outcome; FLAG without exactly one flag bit; external outcome missing,
 * of a length other than the employee count, or with a value that is
 * not 0/1 (BINARY) or not finite and >= 0 (VALUE); PLAN_* without `plan`
 * or with a plan of other employees; min_share outside 0..1),
 * AIRS_ENOTFOUND (no employee has the attribute: the message
 * names it), AIRS_ENOMEM.  *out is NULL on failure. */
AIRS_API int airs_audit(const airs_result *result,
                        const airs_audit_options *opts,
                        airs_audit_report **out, airs_diag *diag);

/* Free an audit.  NULL is a no-op. */
AIRS_API void airs_audit_free(airs_audit_report *audit);

/* The audit as a whole. */
typedef struct airs_audit_info {
	size_t size;          /* sizeof(airs_audit_info): AIRS_AUDIT_INFO_INIT */
	int outcome;          /* enum airs_audit_outcome */
	int flag;             /* FLAG: the flag bit; else 0 */
	int adverse;          /* AIRS_AUDIT_ADVERSE_LOW or _HIGH */
	double median;        /* ABOVE_MEDIAN: the median readiness; else NaN */
	double min_share;     /* the exclusion threshold used; 0 with keep_small */
	int min_group;        /* anonymity.min_group of the result */
	uint64_t employees;   /* employees in the result */
	uint64_t population;  /* of them, those the outcome applies to */
	size_t table_count;   /* 1, 2 or 3 */
	size_t row_count;     /* rows of all tables */
	/* since 1.1 */
	int informative;      /* 0 when everyone in the population has the
	                         same outcome (all 0 or all 1; for values, all
	                         equal): then nothing is compared */
} airs_audit_info;
#define AIRS_AUDIT_INFO_INIT \
	{ sizeof(airs_audit_info), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/* Tables: attribute alone, attribute2 alone, their intersection. */
enum airs_audit_table_kind {
	AIRS_AUDIT_TABLE_FIRST = 0,
	AIRS_AUDIT_TABLE_SECOND = 1,
	AIRS_AUDIT_TABLE_INTERSECTION = 2
};

typedef struct airs_audit_table {
	size_t size;          /* sizeof(airs_audit_table): AIRS_AUDIT_TABLE_INIT */
	int kind;             /* enum airs_audit_table_kind */
	const char *attribute;  /* FIRST, INTERSECTION: attribute; SECOND: attribute2 */
	const char *attribute2; /* INTERSECTION: attribute2; else NULL */
	size_t first_row;     /* the table's rows are first_row .. + row_count - 1 */
	size_t row_count;
	uint64_t missing;     /* 0: since 1.1 the members without the
	                         attribute(s) are counted in the other line */
	uint64_t excluded;    /* population members in excluded categories */
	size_t excluded_categories;
	size_t suppressed_categories; /* categories withheld (`suppressed`),
	                         the other line not counted */
	size_t reference;     /* row of the highest rate among compared
	                         categories; AIRS_AUDIT_NONE when none */
	size_t favourable;    /* row of the most favourable rate (= reference
	                         when a low rate is adverse); AIRS_AUDIT_NONE */
	/* since 1.1 */
	int adverse;          /* the direction, as airs_audit_info.adverse */
	int informative;      /* 0 when the compared categories all have the
	                         same outcome (nothing to compare) */
	size_t other;         /* row of the other line; AIRS_AUDIT_NONE when
	                         everyone is in a shown category */
} airs_audit_table;
#define AIRS_AUDIT_TABLE_INIT \
	{ sizeof(airs_audit_table), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

#define AIRS_AUDIT_NONE ((size_t)-1)

/* One category of one table.  Rows are ordered by table, then by category
 * value(s) bytewise; a table's other line comes last. */
typedef struct airs_audit_row {
	size_t size;          /* sizeof(airs_audit_row): AIRS_AUDIT_ROW_INIT */
	size_t table;         /* index of its table */
	const char *value;    /* the category's value of the table's attribute;
	                         "" (never a value) for the other line */
	const char *value2;   /* INTERSECTION: the value of attribute2 ("" for
	                         the other line); else NULL */
	uint64_t count;       /* members in the population; AIRS_AUDIT_SUPPRESSED */
	double selected;      /* members with the outcome (sum of values for
	                         EXTERNAL_VALUE); NaN when suppressed */
	double rate;          /* selected / count; NaN when suppressed */
	double impact_ratio;  /* rate / highest compared rate; NaN when not
	                         compared (suppressed, excluded, other, or the
	                         audit not informative) */
	double adverse_ratio; /* against the most favourable rate, <= 1; NaN
	                         when not compared */
	int adverse;          /* adverse_ratio < AIRS_AUDIT_THRESHOLD */
	int excluded;         /* under min_share of the population */
	int suppressed;       /* withheld: the other line with fewer than
	                         min_group members, or a category hidden so
	                         that fewer than min_group people cannot be
	                         derived by difference */
	int reference;        /* 1 for the table's reference category */
	/* since 1.1 */
	double p_value;       /* two-sided Fisher exact p of this category
	                         against the most favourable one; NaN when not
	                         compared, for the favourable one itself and
	                         for EXTERNAL_VALUE / PLAN_HOURS */
	double ratio_low;     /* 95% interval of adverse_ratio (Katz log); */
	double ratio_high;    /* NaN where p_value is; ratio_high may be inf;
	                         a ratio of 0 (nobody in the category has the
	                         outcome) has low 0 and high NaN: no upper
	                         bound can be estimated (as SciPy's
	                         relative_risk) */
	int significant;      /* p_value < AIRS_AUDIT_ALPHA */
	int other;            /* the table's "other / not shown" line */
	int favourable;       /* 1 for the table's most favourable category */
} airs_audit_row;
#define AIRS_AUDIT_ROW_INIT \
	{ sizeof(airs_audit_row), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, \
	  0, 0, 0, 0, 0, 0 }

/* A count withheld for anonymity ("< min_group" in exports). */
#define AIRS_AUDIT_SUPPRESSED ((uint64_t)-1)

/* Errors of the three readers: AIRS_EINVAL (NULL, size too small),
 * AIRS_ERANGE (index out of range). */
AIRS_API int airs_audit_info_get(const airs_audit_report *audit,
                                 airs_audit_info *out);
AIRS_API int airs_audit_table_get(const airs_audit_report *audit, size_t index,
                                  airs_audit_table *out);
AIRS_API int airs_audit_row_get(const airs_audit_report *audit, size_t index,
                                airs_audit_row *out);

/* Output forms of airs_audit_write(). */
enum airs_audit_format {
	AIRS_AUDIT_JSON = 0,
	AIRS_AUDIT_CSV = 1
};

/* Write the audit as JSON (with provenance) or CSV (one line per row),
 * as docs/output-format.md "Audit tables" describes.  Errors: AIRS_EINVAL
 * (NULL audit or writer, unknown format), AIRS_EIO (the writer stopped). */
AIRS_API int airs_audit_write(const airs_audit_report *audit, int format,
                              airs_write_fn write, void *user,
                              airs_diag *diag);

#ifdef __cplusplus
}
#endif
#endif /* AIRS_AUDIT_H */

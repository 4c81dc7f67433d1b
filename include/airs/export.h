/*
 * airs/export.h - results as JSON and CSV, with provenance.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * airs_result_write() writes one table of a result (employees, units,
 * construct aggregates, the skill heatmap, provenance) as CSV or JSON, or
 * the whole result as one JSON document, through an airs_write_fn
 * (airs/common.h).  Every table, field, unit and null is specified in
 * docs/output-format.md.  Output is deterministic: the same model content
 * and parameters give byte-identical output, whatever the order the rows
 * were added in and whatever the process locale.
 *
 * Privacy: exports contain what the result discloses and nothing more.
 * Survey aggregates are suppressed as the rollup suppresses them (null in
 * JSON, an empty field in CSV, and named in the record's `suppressed`
 * list); an employee's own construct scores appear only when the result
 * was computed with privacy.individual_sentiment = 1.
 *
 * Provenance: every export can be traced back to its inputs by the
 * library and methodology versions, the as-of date, the SHA-256 of the
 * parameters (airs_params_digest()) and the SHA-256 of the canonical input
 * (airs_model_digest()).
 *
 * Thread safety: these functions only read the result (and its model), so
 * several threads may export the same result at once.  The writer is
 * called from the calling thread only.  Since 1.2 the rows of the
 * employees table (on its own or in the whole document) are formatted on
 * as many threads as the result was scored on (airs/common.h), started
 * and joined within the call, which may call the model's allocator; the
 * writer gets the same bytes in the same pieces, in order, whatever the
 * threads.
 */
#ifndef AIRS_EXPORT_H
#define AIRS_EXPORT_H

#include "airs/plan.h"
#include "airs/rollup.h"
#include "airs/score.h"
#include "airs/tools.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Output syntax. */
enum airs_output {
	AIRS_OUTPUT_JSON = 0, /* UTF-8 JSON (RFC 8259), ending in a newline */
	AIRS_OUTPUT_CSV = 1   /* RFC 4180 with a header row, LF line ends */
};

/* What to write. */
enum airs_table {
	AIRS_TABLE_EMPLOYEES = 0,  /* one row per employee, result order */
	AIRS_TABLE_UNITS = 1,      /* one row per unit in tree order, then the
	                              organisation */
	AIRS_TABLE_CONSTRUCTS = 2, /* unit x construct survey aggregates
	                              (suppressed values null/empty) */
	AIRS_TABLE_SKILL_GAPS = 3, /* unit x skill heatmap */
	AIRS_TABLE_PROVENANCE = 4, /* key,value */
	AIRS_TABLE_ALL = 5,        /* JSON only: one document with all of the
	                              above (and, since 1.1, the tools and the
	                              coverage; since 1.2, the managers) */
	AIRS_TABLE_TOOLS = 6,      /* since 1.1: group x tool usage, benefit
	                              and signals (airs/tools.h), one row
	                              per group and tool */
	AIRS_TABLE_COVERAGE = 7,   /* since 1.1: what the data cover, one
	                              record for the selection's scope
	                              (airs_result_coverage()) */
	AIRS_TABLE_MANAGERS = 8    /* since 1.2: manager groups (airs/rollup.h),
	                              two rows per manager in line order: the
	                              direct reports, then the whole line;
	                              with a unit selection the managers
	                              who belong to its units.  In JSON each
	                              row nests its constructs and skill gaps
	                              (no separate table has them) */
};

/* Where a result comes from.  Set size with AIRS_PROVENANCE_INIT. */
typedef struct airs_provenance {
	size_t size;                     /* sizeof(airs_provenance) */
	const char *library_version;     /* airs_version() (static string) */
	const char *methodology_version; /* AIRS_METHODOLOGY_VERSION (static) */
	airs_date as_of;                 /* the date the scores describe */
	char params_digest[65];          /* airs_params_digest() of the
	                                    parameters scored with */
	char input_digest[65];           /* airs_model_digest() of the model */
	/* ---- 1.0 ends here; every field below is zero for a 1.0 caller. */
	/* Since 1.1: how the as-of date was chosen (airs_as_of_info). */
	int as_of_rule;                  /* enum airs_as_of_rule */
	uint64_t as_of_left_out;         /* records dated far beyond the
	                                    rest, left out */
	/* ---- 1.1 ends here; every field below is zero for a 1.1 caller. */
	/* Since 1.2: the survey period the survey figures read
	 * (methodology 4.1): the latest declared wave, or without waves
	 * the latest calendar month with answers, that ended on or before
	 * as_of. */
	airs_date survey_start;          /* its first day; 0 when no period
	                                    has closed by as_of (no survey
	                                    figure reads any answer) */
	airs_date survey_end;            /* its last day; 0 likewise */
	const char *survey_wave_id;      /* the declared wave (owned by the
	                                    model); NULL for a calendar month
	                                    or no period */
	uint64_t survey_answers;         /* answers to scored items dated in
	                                    the period */
	uint64_t survey_answers_outside; /* such answers dated on or before as_of
	                                    that no survey figure reads: in
	                                    earlier periods, in one that has
	                                    not closed by as_of, or in no
	                                    declared wave */
} airs_provenance;
#define AIRS_PROVENANCE_INIT \
	{ sizeof(airs_provenance), 0, 0, 0, { 0 }, { 0 }, 0, 0, 0, 0, 0, 0, 0 }

/* Fill out with the provenance of a result.  Computing the input digest
 * reads the whole model (linear in its size).  Errors: AIRS_EINVAL (NULL,
 * size too small), AIRS_ENOMEM.  On error *out is unchanged. */
AIRS_API int airs_result_provenance(const airs_result *result,
                                    airs_provenance *out);

/* Write a table (enum airs_table) of the result in an output syntax (enum
 * airs_output) through write(data, len, user).  The writer is called with
 * pieces of at most 4096 bytes; output stops at the first call that
 * returns nonzero.  diag (may be NULL) receives the message of a failure.
 * Errors: AIRS_EINVAL (NULL result or writer, unknown table or output,
 * AIRS_TABLE_ALL with CSV, bad diag size), AIRS_EIO (the writer returned
 * nonzero; part of the output may have been written), AIRS_ENOMEM. */
AIRS_API int airs_result_write(const airs_result *result, int table,
                               int output, airs_write_fn write, void *user,
                               airs_diag *diag);

/* Which rows an export writes (airs_result_write_v2()).  Zero fields
 * select everything, as airs_result_write() writes it.  Since 1.1. */
typedef struct airs_export_options {
	size_t size;        /* sizeof(airs_export_options): AIRS_EXPORT_OPTIONS_INIT */
	const char *unit_id; /* NULL or "": every unit.  Else this unit and the
	                        units below it: the unit tables hold their rows
	                        only (no organisation row; in the whole-result
	                        document "organisation" is null) and the
	                        employees table their employees only */
	const char *const *employee_ids; /* NULL: every employee (of unit_id);
	                        else the employees table holds only these (and
	                        of unit_id, when given) */
	size_t employee_count; /* entries of employee_ids */
	/* ---- 1.1 ends here; every field below is zero for a 1.1 caller. */
	/* Since 1.2: NULL or "": every manager (of unit_id).  Else the
	 * managers table (and the document's "managers") holds this manager
	 * and the managers in their line only (airs/rollup.h); the other
	 * tables are as without it.  AIRS_ENOTFOUND when the id is not a
	 * manager's. */
	const char *manager_id;
} airs_export_options;
#define AIRS_EXPORT_OPTIONS_INIT { sizeof(airs_export_options), 0, 0, 0, 0 }

/* airs_result_write() with a selection of rows (opts may be NULL: all).
 * The rows written and every value in them are exactly those of the
 * whole export; only rows outside the selection are left out, and the
 * whole-result document says what was selected (docs/output-format.md,
 * "Selections").  Errors as airs_result_write(), and AIRS_ENOTFOUND for
 * an unknown unit or employee (the message names it), AIRS_EINVAL for a
 * bad options size or employee_ids NULL with a count.  Since 1.1. */
AIRS_API int airs_result_write_v2(const airs_result *result, int table,
                                  int output, const airs_export_options *opts,
                                  airs_write_fn write, void *user,
                                  airs_diag *diag);

/* Since 1.2: the tables of a rollup alone - one read back from
 * partials and merged - in the layouts of airs_result_write():
 * AIRS_TABLE_UNITS, _CONSTRUCTS, _SKILL_GAPS, _PROVENANCE (schema
 * "airs-rollup-report/1", library and methodology version, as_of,
 * params_digest: a merged rollup has no input digest) and, in JSON,
 * AIRS_TABLE_ALL (provenance, the organisation and the units, each with
 * its constructs and skill gaps).  The rollup's anonymity rules apply as
 * in a result's export.  Errors, with the message in diag: AIRS_EINVAL
 * (NULL, another table, ALL as CSV), AIRS_ESTATE (not finished),
 * AIRS_EIO, AIRS_ENOMEM.  Thread safety: as reading the rollup. */
AIRS_API int airs_rollup_export(const airs_rollup *rollup, int table,
                                int output, airs_write_fn write, void *user,
                                airs_diag *diag);

/* Name of a table as used in docs and the JSON document: "employees",
 * "units", "constructs", "skill_gaps", "provenance", "all", "tools"
 * (since 1.1); NULL when
 * out of range. */
AIRS_API const char *airs_table_name(int table);
/* And back (since 1.1): exactly len bytes, case-insensitively. */
AIRS_API int airs_table_parse(const char *text, size_t len, int *out);

/* ------------------------------------------------------------------------
 * Plans (airs/plan.h), written like results: the same syntaxes, number
 * formatting, nulls and provenance, deterministic in the same sense.
 * Every table and field is in docs/output-format.md, "Plans".  Export
 * knows plans; planning knows nothing of export.
 * ---------------------------------------------------------------------- */

/* Tables of an organisation's plan. */
enum airs_plan_table {
	AIRS_PLAN_TABLE_GROUPS = 0,      /* one row per unit (its subtree) in
	                                    tree order, then the organisation */
	AIRS_PLAN_TABLE_ALLOCATIONS = 1, /* one row per employee, result order */
	AIRS_PLAN_TABLE_STEPS = 2,       /* one row per course given, by
	                                    employee then in the order to take
	                                    them */
	AIRS_PLAN_TABLE_COHORTS = 3,     /* unit x cohort (units in tree order,
	                                    then the organisation) */
	AIRS_PLAN_TABLE_PROVENANCE = 4,  /* key,value: the result's provenance
	                                    and the options planned with */
	AIRS_PLAN_TABLE_ALL = 5          /* JSON only: one document with all of
	                                    the above (steps inside allocations) */
};

/* Name of a plan table ("groups", ...); NULL when out of range. */
AIRS_API const char *airs_plan_table_name(int table);
/* And back (since 1.1): exactly len bytes, case-insensitively. */
AIRS_API int airs_plan_table_parse(const char *text, size_t len, int *out);

/* The provenance of the result a plan was made from (its as-of date,
 * parameter and input digests; computing the input digest reads the whole
 * model).  Errors: AIRS_EINVAL (NULL, size too small), AIRS_ENOMEM. */
AIRS_API int airs_plan_provenance(const airs_plan *plan, airs_provenance *out);
AIRS_API int airs_org_plan_provenance(const airs_org_plan *plan,
                                      airs_provenance *out);

/* Write a personal plan: JSON, one document (schema, provenance with the
 * budget, the plan's summary, its steps); CSV, its steps, one row each.
 * Writer, errors and thread safety as airs_result_write(): AIRS_EINVAL
 * (NULL plan or writer, unknown output, bad diag size), AIRS_ENOMEM,
 * AIRS_EIO (the writer returned nonzero; nothing more is written). */
AIRS_API int airs_plan_write(const airs_plan *plan, int output,
                             airs_write_fn write, void *user,
                             airs_diag *diag);

/* Write a table (enum airs_plan_table) of an organisation's plan.  Errors
 * as airs_plan_write(), and AIRS_EINVAL for an unknown table or
 * AIRS_PLAN_TABLE_ALL as CSV. */
AIRS_API int airs_org_plan_write(const airs_org_plan *plan, int table,
                                 int output, airs_write_fn write, void *user,
                                 airs_diag *diag);

#ifdef __cplusplus
}
#endif
#endif /* AIRS_EXPORT_H */

/*
 * airs/load.h - loading an HRIS export (a folder of CSV files) into a model.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * The dataset format - file names, columns, value syntax - is specified in
 * docs/data-format.md.  In short: UTF-8 CSV (RFC 4180) with a header row,
 * free column order, case-insensitive header names; employees.csv is
 * required, every other file optional.  Since 1.1 fields may also be
 * separated by semicolons or tabs (found from the header; a header with
 * both commas and semicolons is refused as ambiguous), a file may be
 * UTF-16 with a byte order mark (Excel's "Unicode text"), read as its
 * UTF-8 form, and a mapping (airs_load_options.map) reads an export's own
 * column names, values, decimal commas and date formats.
 *
 * Loading is all-or-nothing: when a call fails, the model is exactly as it
 * was before the call.  Files are read in dependency order and streamed,
 * so memory use does not grow with file size beyond the model itself.
 * Numbers are parsed the same way whatever the process locale.
 *
 * Every problem is reported as a diagnostic: the file, the 1-based
 * physical line where the offending record starts, the 1-based column
 * (field number), and a message that names the value and the rule, e.g.
 *     assessments.csv:1042:3: level "7" is outside 0..5
 * Warnings (an unknown column, an unscored survey construct) are reported
 * through the callback too but never fail the load.
 *
 * Thread safety: as for any call that modifies the model; the model must
 * not be finished.  A load may read the record files on worker threads
 * of its own (airs_load_options.threads), which allocate through the
 * model's allocator; it returns only after they have ended.
 */
#ifndef AIRS_LOAD_H
#define AIRS_LOAD_H

#include "airs/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct airs_load_options {
	size_t size;           /* sizeof(airs_load_options): AIRS_LOAD_OPTIONS_INIT */
	uint32_t max_errors;   /* 0 or 1: stop at the first error; N > 1: go on
	                          and report up to N errors (the load still
	                          fails and changes nothing) */
	airs_diag_fn on_diag;  /* NULL, or called for every error and warning */
	void *user;            /* passed to on_diag */
	uint32_t max_field;    /* longest field in bytes; 0: 65536 */
	/* ---- 1.0 ends here; every field below is zero for a 1.0 caller. */
	/* Since 1.1: threads reading the record files (assessments,
	 * training, responses, usage) at the same time.  0: one per CPU, up
	 * to the four files; 1: only the calling thread.  The model, the
	 * diagnostics and their order are the same for any value.  Since
	 * 1.2 airs_model_finish() uses as many.  (A
	 * size_t, so that it begins past the 1.0 struct's tail padding.) */
	size_t threads;
	/* Since 1.1: told how far the load has got (units: bytes of the
	 * tables read) and asked whether to go on (airs/common.h).  A load
	 * cancelled by it fails with AIRS_ECANCELED and changes nothing. */
	airs_progress_fn progress;
	void *progress_user;   /* passed to progress */
	/* Since 1.1: limits for datasets from untrusted uploaders.  0 takes
	 * the default, which no honest dataset reaches; a host serving many
	 * tenants sets its own.  A load that passes a limit fails with
	 * AIRS_ELIMIT, naming the limit, the file and the line, and changes
	 * nothing.  Memory is the allocator's to bound (airs_model_new()):
	 * one that refuses past a budget fails the load with AIRS_ENOMEM,
	 * and nothing changes (docs/data-format.md, "Limits"). */
	uint64_t max_rows;     /* records in any one table;
	                          0: AIRS_LOAD_MAX_ROWS */
	uint64_t max_ids;      /* units, roles, skills, employees, courses,
	                          survey items, tools: ids of one kind;
	                          0: AIRS_LOAD_MAX_IDS */
	uint32_t max_depth;    /* levels below the top of the unit tree and of
	                          a management chain; 0: AIRS_LOAD_MAX_DEPTH */
	uint32_t flags;        /* AIRS_LOAD_FOLLOW_SYMLINKS, AIRS_LOAD_STRICT */
	/* Since 1.1: skills one role requires (role_skills.csv rows of one
	 * role).  Scoring costs each employee their role's requirements, so
	 * this bounds a person's cost; 0: AIRS_LOAD_MAX_ROLE_SKILLS. */
	uint32_t max_role_skills;
	/* Since 1.1: a mapping, for exports as HRIS and survey tools write
	 * them: per dataset file, which source column holds each column,
	 * which source values mean which values, the field delimiter, the
	 * decimal separator, the date format, the survey layout (long or
	 * wide), columns the export lacks and, for airs_load_dir(), the
	 * file's name in the folder.  The text of a mapping file
	 * (docs/data-format.md, "Exports as they come"); map_len bytes at
	 * map, which need not end in a NUL and are read only during the
	 * call.  NULL: no mapping (every file as the format says; the
	 * delimiter found from each header).  A mistake in the mapping
	 * fails the load with AIRS_EPARSE, reported as
	 * "map_name:line:column: message", before any table is read. */
	const char *map;
	size_t map_len;
	const char *map_name;  /* the mapping's name in messages; NULL:
	                          "mapping" */
} airs_load_options;
#define AIRS_LOAD_OPTIONS_INIT \
	{ sizeof(airs_load_options), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/* The default limits (since 1.1). */
#define AIRS_LOAD_MAX_ROWS 1000000000u
#define AIRS_LOAD_MAX_IDS 100000000u
#define AIRS_LOAD_MAX_DEPTH 1000u
#define AIRS_LOAD_MAX_ROLE_SKILLS 1000u

/* airs_load_options.flags (since 1.1).  airs_load_dir() reads only
 * regular files: a table that is a FIFO, a device or a folder is
 * refused (it is never read, so nothing of it is quoted), and so is one
 * that is a symbolic link, unless this flag allows following it. */
#define AIRS_LOAD_FOLLOW_SYMLINKS 1u
/* Since 1.1: a column of no known name is an error, not a warning: a
 * typo in an optional column (is_leadr) otherwise loads without it. */
#define AIRS_LOAD_STRICT 2u

/* Load every dataset file found in the folder `dir` into the model.
 * opts may be NULL (stop at the first error, no callback).  first_error
 * may be NULL; otherwise it receives the first error.  The model's
 * message holds the same text as "file:line:column: message".
 * Errors: AIRS_EINVAL (NULL model/dir, bad opts or diag size, model
 * finished), AIRS_EIO (folder or employees.csv missing or unreadable; a
 * table that is not a regular file, or a symbolic link not allowed),
 * AIRS_EPARSE, AIRS_ERANGE, AIRS_ENOTFOUND, AIRS_EEXIST, AIRS_ECYCLE,
 * AIRS_ELIMIT (field longer than max_field; a limit of the options
 * passed), AIRS_ENOMEM, AIRS_ECANCELED
 * (the progress callback asked to stop). */
AIRS_API int airs_load_dir(airs_model *model, const char *dir,
                           const airs_load_options *opts, airs_diag *first_error);

/* One dataset table held in memory, for hosts that do not use files. */
typedef struct airs_table_buffer {
	const char *name; /* a dataset file name such as "employees.csv" */
	const char *data; /* the CSV text; need not be NUL-terminated */
	size_t len;       /* its length in bytes */
} airs_table_buffer;

/* Load n tables from memory, as airs_load_dir() loads a folder: in
 * dependency order whatever their order in the array, all or nothing.
 * Unlike airs_load_dir(), employees.csv is not required, so a host can
 * add tables to a model it built partly through the add API.  Errors as
 * for airs_load_dir(); AIRS_EINVAL also for an unknown or repeated name. */
AIRS_API int airs_load_buffers(airs_model *model, const airs_table_buffer *tables,
                               size_t n, const airs_load_options *opts,
                               airs_diag *first_error);

#ifdef __cplusplus
}
#endif
#endif /* AIRS_LOAD_H */

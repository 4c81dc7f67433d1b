/*
 * load-impl.h - what the loader's files share:
 *
 *   load.c          the entry points: options, the mapping, all or nothing
 *   load-tables.c   the dataset's tables and their columns
 *   load-read.c     one table from its source: the header, then row by row
 *   load-header.c   the header row: columns, attributes, wide surveys
 *   load-fields.c   the current row's fields as values
 *   load-rows.c     the rows of the tables that define ids
 *   load-records.c  the rows of the record tables
 *   load-links.c    what a file names ahead: unit tree, prerequisites,
 *                   managers
 *   load-diag.c     diagnostics, failed ids and the load's limits
 *   load-lanes.c    the record tables on several threads
 *   load-ranges.c   a large table's CSV parsed in byte ranges on several
 *                   threads, its rows added in file order
 *
 * The loader is the only layer that knows both CSV and the model.  It
 * maps header names to columns, turns trimmed field text into record
 * values, calls the model's validated adds and turns every failure into a
 * "file:line:column: message" diagnostic.  The model does the checking of
 * ranges, references and duplicates; the loader only adds what the model
 * cannot know: which column a field came from and what its raw text was.
 */
#ifndef AIRS_LOAD_IMPL_H
#define AIRS_LOAD_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "airs/load.h"
#include "csv.h"
#include "mapping.h"
#include "model.h"
#include "progress.h"
#include "utf16.h"

/* ------------------------------------------------------------------------
 * Tables and their columns
 * ---------------------------------------------------------------------- */

/* Id spaces whose failed rows the loader remembers, so that rows naming
 * an id whose own row was rejected are not reported again. */
enum kind { K_NONE = -1, K_UNIT, K_ROLE, K_SKILL, K_EMP, K_COURSE, K_ITEM,
            K_TOOL, K_WAVE, K_COUNT };

#define REQ 1u /* the column must be in the header and the field non-empty */

struct col {
	const char *name;
	unsigned flags;
};

struct loader;
typedef int (*row_fn)(struct loader *L);

struct table {
	const char *file;
	const struct col *cols;
	const char *const *names; /* the column names alone, for the mapping */
	size_t ncols;
	enum kind defines; /* the id space column `id` defines, or K_NONE */
	size_t id;
	row_fn row;
};

#define MAX_COLS 8 /* the longest column list below */
_Static_assert(MAX_COLS <= AIRS__MAP_COLS, "the mapping holds MAX_COLS");

/* Each table's columns, in order: X(number, header name, flags).  One
 * list makes both the table's column list and the numbers its row
 * function reads cells by (an enum ending in the count), so the two
 * cannot disagree: a column removed or renamed fails to compile where
 * a row reads it, and each row function asserts the number of columns
 * it was written for, so a column added fails there too. */
#define UNIT_COLUMNS(X)                                                   \
	X(UNIT_ID, "unit_id", REQ) X(UNIT_NAME, "name", REQ)              \
	X(UNIT_PARENT, "parent_id", 0) X(UNIT_TARGET, "target_level", 0)
#define ROLE_COLUMNS(X) X(ROLE_ID, "role_id", REQ) X(ROLE_NAME, "name", REQ)
#define SKILL_COLUMNS(X)                                                  \
	X(SKILL_ID, "skill_id", REQ) X(SKILL_NAME, "name", REQ)           \
	X(SKILL_CATEGORY, "category", 0)                                  \
	X(SKILL_PREREQUISITES, "prerequisites", 0)
#define ROLE_SKILL_COLUMNS(X)                                             \
	X(RS_ROLE, "role_id", REQ) X(RS_SKILL, "skill_id", REQ)           \
	X(RS_LEVEL, "required_level", REQ) X(RS_WEIGHT, "weight", 0)
#define EMPLOYEE_COLUMNS(X)                                               \
	X(EMP_ID, "employee_id", REQ) X(EMP_UNIT, "unit_id", REQ)         \
	X(EMP_ROLE, "role_id", REQ) X(EMP_LEADER, "is_leader", 0)         \
	X(EMP_MANAGER, "manager_id", 0)
#define COURSE_COLUMNS(X)                                                 \
	X(COURSE_ID, "course_id", REQ) X(COURSE_NAME, "name", REQ)        \
	X(COURSE_SKILL, "skill_id", REQ) X(COURSE_HOURS, "hours", REQ)    \
	X(COURSE_GAIN, "level_gain", 0) X(COURSE_FORMAT, "format", 0)     \
	X(COURSE_COST, "cost", 0)
#define ITEM_COLUMNS(X)                                                   \
	X(ITEM_ID, "item_id", REQ) X(ITEM_CONSTRUCT, "construct", REQ)    \
	X(ITEM_MIN, "scale_min", 0) X(ITEM_MAX, "scale_max", 0)           \
	X(ITEM_REVERSE, "reverse", 0) X(ITEM_TEXT, "text", 0)             \
	X(ITEM_TOOL, "tool_id", 0)
#define TOOL_COLUMNS(X)                                                   \
	X(TOOL_ID, "tool_id", REQ) X(TOOL_NAME, "name", REQ)              \
	X(TOOL_SANCTIONED, "sanctioned", 0) X(TOOL_CATEGORY, "category", 0) \
	X(TOOL_AVAILABLE, "available_from", 0)
#define WAVE_COLUMNS(X)                                                   \
	X(WAVE_ID, "wave_id", REQ) X(WAVE_START, "start", REQ)            \
	X(WAVE_END, "end", REQ)
#define ASSESSMENT_COLUMNS(X)                                             \
	X(ASM_EMP, "employee_id", REQ) X(ASM_SKILL, "skill_id", REQ)      \
	X(ASM_LEVEL, "level", REQ) X(ASM_DATE, "date", REQ)               \
	X(ASM_SOURCE, "source", 0)
#define TRAINING_COLUMNS(X)                                               \
	X(TRN_EMP, "employee_id", REQ) X(TRN_HOURS, "hours", REQ)         \
	X(TRN_DATE, "date", REQ) X(TRN_COURSE, "course_id", 0)            \
	X(TRN_SKILL, "skill_id", 0) X(TRN_STATUS, "status", 0)
#define RESPONSE_COLUMNS(X)                                               \
	X(RESP_EMP, "employee_id", REQ) X(RESP_ITEM, "item_id", REQ)      \
	X(RESP_VALUE, "value", REQ) X(RESP_DATE, "date", REQ)             \
	X(RESP_WAVE, "wave", 0)
#define USAGE_COLUMNS(X)                                                  \
	X(USE_EMP, "employee_id", REQ) X(USE_TOOL, "tool_id", REQ)        \
	X(USE_PERIOD, "period", REQ) X(USE_DAYS, "active_days", REQ)

#define COLUMN_NUMBER(e, name, flags) e,
#define COLUMN_ENTRY(e, name, flags) { name, flags },
#define COLUMN_NAME(e, name, flags) name,
/* The enum `list`_COUNT-terminated numbers and the column list `cols`. */
#define COLUMNS(list, cols, count)                                        \

#define COLUMN_NUMBER(e, name, flags) e,
/* The enum of a table's column numbers, ending in the count. */
#define COLUMN_ENUM(list, count)                                          \
	enum { list(COLUMN_NUMBER) count };                               \
	_Static_assert(count <= MAX_COLS, #list ": more than MAX_COLS")

COLUMN_ENUM(UNIT_COLUMNS, UNIT_COUNT);
COLUMN_ENUM(ROLE_COLUMNS, ROLE_COUNT);
COLUMN_ENUM(SKILL_COLUMNS, SKILL_COUNT);
COLUMN_ENUM(ROLE_SKILL_COLUMNS, RS_COUNT);
COLUMN_ENUM(EMPLOYEE_COLUMNS, EMP_COUNT);
COLUMN_ENUM(COURSE_COLUMNS, COURSE_COUNT);
COLUMN_ENUM(ITEM_COLUMNS, ITEM_COUNT);
COLUMN_ENUM(TOOL_COLUMNS, TOOL_COUNT);
COLUMN_ENUM(WAVE_COLUMNS, WAVE_COUNT);
COLUMN_ENUM(ASSESSMENT_COLUMNS, ASM_COUNT);
COLUMN_ENUM(TRAINING_COLUMNS, TRN_COUNT);
COLUMN_ENUM(RESPONSE_COLUMNS, RESP_COUNT);
COLUMN_ENUM(USAGE_COLUMNS, USE_COUNT);

/* In a row function: the table has the n columns it was written for. */
#define ROW_READS(count, n) \
	_Static_assert(count == n, "a column was added or removed: read it here")

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

/* The tables in dependency order: every table only names ids of tables
 * above it; the record tables, from T_ASSESSMENTS on, define no ids. */
enum {
	T_UNITS, T_ROLES, T_SKILLS, T_ROLE_SKILLS, T_EMPLOYEES, T_COURSES,
	T_TOOLS, T_ITEMS, T_WAVES, T_ASSESSMENTS, T_TRAINING, T_RESPONSES,
	T_USAGE, NTABLES
};
#define T_RECORDS T_ASSESSMENTS

/* The tables, indexed by T_* (load-tables.c). */
extern const struct table airs__load_tables[NTABLES];

/* A unit row, kept until the whole file is read so that parents can be
 * added before their children whatever the row order. */
struct unit_row {
	const char *id, *name, *parent; /* in the loader's arena */
	int target;
	uint64_t line;
	unsigned char state; /* 0 new, 1 on the current path, 2 done */
};

/* A reference applied after its file: a skill's prerequisites or an
 * employee's manager. */
struct later {
	const char *id, *text; /* owner id and the raw field, in the arena */
	uint64_t line;
	uint32_t column;
};

struct attr_col {
	size_t field;     /* 0-based field number in the file */
	const char *name; /* attribute name (after "attr_"), in the arena */
	const char *head; /* the header as written, for messages */
};

struct lane;
struct ranges;

#define ENUM_MEMO 4 /* names kept per enum column (load-fields.c) */

struct loader {
	airs_model *m;     /* NULL in a lane, which adds only through rec */
	airs__rec_views rec; /* where record rows add */
	airs__failure *failure; /* where the model's adds say why they fail */
	airs__mem mem;
	airs_diag_fn on_diag;
	void *user;
	struct lane *lane; /* in a lane: diagnostics are held for later */
	uint32_t max_field, limit, nerr, threads;
	int registry;      /* the model has a tool registry (tools.csv) */
	uint64_t unwaved;  /* answers dated in no declared wave */
	uint64_t max_rows, max_ids; /* the options' limits, defaults applied */
	uint32_t max_depth, flags, max_role_skills;
	uint32_t *role_skills; /* rows of each role so far (max_role_skills) */
	size_t role_skills_cap;
	const char *map_text, *map_name; /* the options' mapping */
	size_t map_len;
	int stop;          /* error limit reached, out of memory, cancelled */
	airs__progress *progress; /* bytes read, shared by every lane */
	airs_progress_fn progress_fn; /* the options' */
	void *progress_user;
	airs_diag first;   /* the first error */

	airs__arena arena; /* the loader's own strings, freed at the end */
	airs__map map;     /* the options' mapping (a lane's: a copy) */
	const airs__map_table *mt; /* the mapping of the table being read */
	airs__utf16 *u16;  /* converting the table being read, or NULL */
	airs__mem_input min; /* a buffer read through u16 */
	int wide;          /* responses.csv holds one column per item */
	struct col_errs {  /* a column's values of the wrong form */
		uint64_t n, line, last; /* how many, first and last line */
		uint64_t dmy, mdy; /* dates that read only day or month first */
	} errs[MAX_COLS];
	struct date_memo {     /* a column's last valid YYYY-MM-DD */
		char text[10];     /* all zero: none */
		airs_date d;
	} dmemo[MAX_COLS];
	struct enum_memo {     /* a column's last valid enum names */
		char text[ENUM_MEMO][16]; /* "": none */
		int v[ENUM_MEMO];
		unsigned next;     /* the entry to replace */
	} emmemo[MAX_COLS];
	airs__names failed[K_COUNT];
	int broken[K_COUNT]; /* the defining table could not be read fully */

	/* The table being read. */
	const struct table *t;
	airs__csv *csv;
	struct ranges *ranges; /* the table parsed in byte ranges, or NULL */
	size_t nf;             /* fields per record */
	long at[MAX_COLS];     /* field of each table column, or -1 */
	unsigned char req[MAX_COLS]; /* the columns a row must fill */
	size_t nreq;
	size_t reqf[MAX_COLS]; /* the fields of those in the file */
	size_t nreqf;
	int req_lack;          /* one is absent, without a mapped constant */
	const char **head;     /* trimmed header names, per field */
	const char **cell;     /* trimmed NUL-terminated fields, per field */
	size_t cell_cap, head_cap;
	struct attr_col *attrs;
	size_t nattrs, attrs_cap;
	uint64_t line;         /* line of the current record */

	AIRS__VEC(struct unit_row) units;
	AIRS__VEC(struct later) later; /* prerequisites or managers */
};

/* ------------------------------------------------------------------------
 * Diagnostics
 * ---------------------------------------------------------------------- */

/* Where each table comes from: a buffer, a file, or nowhere. */
struct source {
	const char *data;
	size_t len;
	int given;
	FILE *file;
	size_t size; /* bytes, for sharing the record files among threads */
};

/* Make the add `call`; report a refusal of the row defining id (of kind
 * k, K_NONE for a record row). */
#define ADD(L, call, k, id)                                              \
	do {                                                             \
		int rc_ = (call);                                        \
		if (rc_)                                                 \
			airs__load_refused((L), rc_, (k), (id), NULL, (L)->line, 0); \
	} while (0)

/* load-diag.c */
void airs__load_emit(struct loader *L, int status, int severity,
                     const char *file, uint64_t line, uint32_t column,
                     const char *text);
void airs__load_report(struct loader *L, int status, int severity,
                       uint64_t line, uint32_t column, const char *fmt,
                       ...) AIRS__PRINTF(6, 7);
const char *airs__load_quote(char *buf, size_t n, const char *s);
void airs__load_oom(struct loader *L);
void airs__load_remember_failed(struct loader *L, enum kind k, const char *id);
int airs__load_is_failed(const struct loader *L, enum kind k, const char *id);
int airs__load_out_of_range(struct loader *L, size_t j, const char *fmt, ...)
	AIRS__PRINTF(3, 4);
int airs__load_bad(struct loader *L, size_t j, const char *fmt, ...)
	AIRS__PRINTF(3, 4);
void airs__load_errs_summary(struct loader *L);
void airs__load_refused(struct loader *L, int rc, enum kind k, const char *id,
	const char *raw, uint64_t line, uint32_t column);
int airs__load_skip_row(struct loader *L);
int airs__load_over_limit(struct loader *L, uint64_t line, const char *what,
	uint64_t limit, const char *option);
int airs__load_over_rows(struct loader *L, uint64_t rows);

/* load-fields.c */
/* The trimmed text of table column j: "" when the column is absent,
 * unless the mapping gives it a constant.  Inline: every field of every
 * row is read through it, some twice. */
static inline const char *airs__load_val(const struct loader *L, size_t j)
{
	if (L->at[j] >= 0)
		return L->cell[L->at[j]];
	return L->mt && L->mt->constant[j] ? L->mt->constant[j] : "";
}
/* The 1-based column number of table column j (0 when absent).  Inline:
 * every record's place is noted with it. */
static inline uint32_t airs__load_colno(const struct loader *L, size_t j)
{
	return L->at[j] < 0 ? 0 : (uint32_t)L->at[j] + 1;
}
uint32_t airs__load_column_named(const struct loader *L, const char *name);
int airs__load_is_blank(char c);
void airs__load_take_row(struct loader *L);
int airs__load_csv_row(struct loader *L);
void airs__load_map_values(struct loader *L);
int airs__load_get_num(struct loader *L, size_t j, double *out);
int airs__load_get_int(struct loader *L, size_t j, int *out);
int airs__load_get_bool(struct loader *L, size_t j, int *out);
int airs__load_get_date(struct loader *L, size_t j, airs_date *out);
int airs__load_get_month(struct loader *L, size_t j, airs_month *out);
int airs__load_get_enum(struct loader *L, size_t j,
	int (*parse)(const char *, size_t, int *),
	const char *(*name)(int), int *out);

/* load-rows.c */
const char *airs__load_keep(struct loader *L, const char *s);
int airs__load_row_unit(struct loader *L);
int airs__load_row_role(struct loader *L);
int airs__load_row_skill(struct loader *L);
int airs__load_row_role_skill(struct loader *L);
int airs__load_row_employee(struct loader *L);
int airs__load_row_course(struct loader *L);
int airs__load_row_item(struct loader *L);
int airs__load_row_wave(struct loader *L);
int airs__load_row_tool(struct loader *L);

/* load-records.c */
int airs__load_row_assessment(struct loader *L);
int airs__load_row_training(struct loader *L);
int airs__load_row_response(struct loader *L);
int airs__load_row_usage(struct loader *L);

/* load-links.c */
int airs__load_add_units(struct loader *L);
void airs__load_add_prerequisites(struct loader *L);
void airs__load_set_managers(struct loader *L);
int airs__load_check_unit_depth(struct loader *L);
int airs__load_check_chain_depth(struct loader *L);

/* load-header.c */
int airs__load_read_header(struct loader *L);
int airs__load_required_check(struct loader *L);

/* Does the row fill every column it must?  1, or 0 with the first empty
 * one reported (airs__load_required_check()).  Inline, on the fields
 * listed once per table: every row is asked. */
static inline int airs__load_required_present(struct loader *L)
{
	size_t k;

	for (k = 0; k < L->nreqf; k++)
		if (!*L->cell[L->reqf[k]])
			return airs__load_required_check(L);
	return L->req_lack ? airs__load_required_check(L) : 1;
}

/* load-read.c */
void airs__load_read_source(struct loader *L, size_t i,
	const struct source *src);

/* load-lanes.c */
int airs__load_hold(struct loader *L, const airs_diag *d);
void airs__load_read_records(struct loader *L, const struct source *src);

/* load-ranges.c */
int airs__load_ranges_open(struct loader *L, const struct source *src);
int airs__load_ranges_rows(struct loader *L, int (*rows)(struct loader *));
int airs__load_ranges_next(struct loader *L);
uint64_t airs__load_ranges_offset(struct loader *L);
void airs__load_ranges_close(struct loader *L);

#endif

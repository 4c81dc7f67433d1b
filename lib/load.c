/*
 * load.c - a dataset folder (or in-memory tables) into a model.
 *
 * The loader is the only layer that knows both CSV and the model.  It
 * maps header names to columns, turns trimmed field text into record
 * values, calls the model's validated adds and turns every failure into a
 * "file:line:column: message" diagnostic.  The model does the checking of
 * ranges, references and duplicates; the loader only adds what the model
 * cannot know: which column a field came from and what its raw text was.
 *
 * Three kinds of reference may point forward within a file (a child unit
 * before its parent, a prerequisite naming a later skill, a manager
 * listed after the employee), so those are collected while streaming and
 * applied when the file is done.  Everything else is added row by row, so
 * memory grows only with what the model keeps.
 *
 * All or nothing: a mark of the model is taken first and the model is
 * rolled back to it on any error.  The model's adds only append, and the
 * loader only sets managers and attributes of employees it added itself,
 * so the rollback restores the model exactly.
 *
 * The four record files are read on several threads when there are
 * CPUs for them (see read_records()), with the same result, diagnostics
 * and first error as one thread would give.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi.h"
#include "airs/load.h"
#include "csv.h"
#include "date.h"
#include "mapping.h"
#include "model.h"
#include "num.h"
#include "progress.h"
#include "parallel.h"
#include "text.h"
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
	enum { list(COLUMN_NUMBER) count };                               \
	_Static_assert(count <= MAX_COLS, #cols ": more than MAX_COLS");  \
	static const struct col cols[] = { list(COLUMN_ENTRY) };          \
	static const char *const cols##_names[] = { list(COLUMN_NAME) }

COLUMNS(UNIT_COLUMNS, units_cols, UNIT_COUNT);
COLUMNS(ROLE_COLUMNS, roles_cols, ROLE_COUNT);
COLUMNS(SKILL_COLUMNS, skills_cols, SKILL_COUNT);
COLUMNS(ROLE_SKILL_COLUMNS, role_skills_cols, RS_COUNT);
COLUMNS(EMPLOYEE_COLUMNS, employees_cols, EMP_COUNT);
COLUMNS(COURSE_COLUMNS, courses_cols, COURSE_COUNT);
COLUMNS(ITEM_COLUMNS, items_cols, ITEM_COUNT);
COLUMNS(TOOL_COLUMNS, tools_cols, TOOL_COUNT);
COLUMNS(WAVE_COLUMNS, waves_cols, WAVE_COUNT);
COLUMNS(ASSESSMENT_COLUMNS, assessments_cols, ASM_COUNT);
COLUMNS(TRAINING_COLUMNS, training_cols, TRN_COUNT);
COLUMNS(RESPONSE_COLUMNS, responses_cols, RESP_COUNT);
COLUMNS(USAGE_COLUMNS, usage_cols, USE_COUNT);

/* In a row function: the table has the n columns it was written for. */
#define ROW_READS(count, n) \
	_Static_assert(count == n, "a column was added or removed: read it here")

static int row_unit(struct loader *L);
static int row_role(struct loader *L);
static int row_skill(struct loader *L);
static int row_role_skill(struct loader *L);
static int row_employee(struct loader *L);
static int row_course(struct loader *L);
static int row_item(struct loader *L);
static int row_tool(struct loader *L);
static int row_wave(struct loader *L);
static int row_assessment(struct loader *L);
static int row_training(struct loader *L);
static int row_response(struct loader *L);
static int row_usage(struct loader *L);

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))
#define TABLE(file, cols, kind, id, fn) \
	{ file, cols, cols##_names, NCOLS(cols), kind, id, fn }

/* The tables in dependency order: every table only names ids of tables
 * above it; the record tables, from T_ASSESSMENTS on, define no ids. */
enum {
	T_UNITS, T_ROLES, T_SKILLS, T_ROLE_SKILLS, T_EMPLOYEES, T_COURSES,
	T_TOOLS, T_ITEMS, T_WAVES, T_ASSESSMENTS, T_TRAINING, T_RESPONSES,
	T_USAGE, NTABLES
};
#define T_RECORDS T_ASSESSMENTS

static const struct table tables[NTABLES] = {
	[T_UNITS] = TABLE("units.csv", units_cols, K_UNIT, UNIT_ID, row_unit),
	[T_ROLES] = TABLE("roles.csv", roles_cols, K_ROLE, ROLE_ID, row_role),
	[T_SKILLS] = TABLE("skills.csv", skills_cols, K_SKILL, SKILL_ID,
	                   row_skill),
	[T_ROLE_SKILLS] = TABLE("role_skills.csv", role_skills_cols, K_NONE, 0,
	                        row_role_skill),
	[T_EMPLOYEES] = TABLE("employees.csv", employees_cols, K_EMP, EMP_ID,
	                      row_employee),
	[T_COURSES] = TABLE("courses.csv", courses_cols, K_COURSE, COURSE_ID,
	                    row_course),
	[T_TOOLS] = TABLE("tools.csv", tools_cols, K_TOOL, TOOL_ID, row_tool),
	[T_ITEMS] = TABLE("survey_items.csv", items_cols, K_ITEM, ITEM_ID,
	                  row_item),
	[T_WAVES] = TABLE("survey_waves.csv", waves_cols, K_WAVE, WAVE_ID,
	                  row_wave),
	[T_ASSESSMENTS] = TABLE("assessments.csv", assessments_cols, K_NONE, 0,
	                        row_assessment),
	[T_TRAINING] = TABLE("training.csv", training_cols, K_NONE, 0,
	                     row_training),
	[T_RESPONSES] = TABLE("responses.csv", responses_cols, K_NONE, 0,
	                      row_response),
	[T_USAGE] = TABLE("usage.csv", usage_cols, K_NONE, 0, row_usage),
};

/* ------------------------------------------------------------------------
 * Loader state
 * ---------------------------------------------------------------------- */

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
	airs__names failed[K_COUNT];
	int broken[K_COUNT]; /* the defining table could not be read fully */

	/* The table being read. */
	const struct table *t;
	airs__csv *csv;
	size_t nf;             /* fields per record */
	long at[MAX_COLS];     /* field of each table column, or -1 */
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

static int hold(struct loader *L, const airs_diag *d);

/* The name of the file being read: the mapping's, else the table's. */
static const char *table_file(const struct loader *L)
{
	return L->mt && L->mt->file ? L->mt->file : L->t->file;
}

static void emit(struct loader *L, int status, int severity, const char *file,
                 uint64_t line, uint32_t column, const char *text)
{
	airs_diag d = AIRS_DIAG_INIT;

	/* Past the limit nothing more is said, even where one row yields
	 * several problems (two bad attribute values). */
	if (L->stop)
		return;
	airs__diag_set(&d, status, severity, file, line, column, "%s", text);
	if (L->lane) {
		if (hold(L, &d))
			return;
	} else if (L->on_diag) {
		L->on_diag(&d, L->user);
	}
	if (severity != AIRS_SEVERITY_ERROR)
		return;
	if (L->nerr++ == 0)
		L->first = d;
	if (L->nerr >= L->limit || status == AIRS_ENOMEM)
		L->stop = 1;
}

static void report(struct loader *L, int status, int severity, uint64_t line,
                   uint32_t column, const char *fmt, ...) AIRS__PRINTF(6, 7);

static void report(struct loader *L, int status, int severity, uint64_t line,
                   uint32_t column, const char *fmt, ...)
{
	char text[AIRS_DIAG_TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	emit(L, status, severity, L->t ? table_file(L) : NULL, line, column,
	     text);
}

/* Quote s for a message, as the model does: escaped and cut. */
static const char *quote(char *buf, size_t n, const char *s)
{
	airs__quote(buf, n, s, strlen(s));
	return buf;
}

static void oom(struct loader *L)
{
	report(L, AIRS_ENOMEM, AIRS_SEVERITY_ERROR, L->line, 0, "out of memory");
}

/* ------------------------------------------------------------------------
 * Failed ids
 * ---------------------------------------------------------------------- */

static void remember_failed(struct loader *L, enum kind k, const char *id)
{
	const char *copy;
	size_t len = strlen(id);

	if (k == K_NONE || !len ||
	    airs__names_find(&L->failed[k], id, len) != AIRS__NONE)
		return;
	/* Only a quieter report is lost when this fails. */
	if (airs__names_reserve(&L->failed[k], &L->mem, 1) ||
	    !(copy = airs__arena_strdup(&L->arena, id, len)))
		return;
	airs__names_push(&L->failed[k], copy, len);
}

static int is_failed(const struct loader *L, enum kind k, const char *id)
{
	return k != K_NONE &&
	       (L->broken[k] ||
	        airs__names_find(&L->failed[k], id, strlen(id)) != AIRS__NONE);
}

/* The id space a reference column names. */
static enum kind kind_of(const char *field)
{
	static const struct { const char *name; enum kind k; } map[] = {
		{ "unit_id", K_UNIT }, { "parent_id", K_UNIT },
		{ "role_id", K_ROLE }, { "skill_id", K_SKILL },
		{ "prerequisites", K_SKILL }, { "employee_id", K_EMP },
		{ "manager_id", K_EMP }, { "course_id", K_COURSE },
		{ "item_id", K_ITEM }, { "wave", K_WAVE } };
	size_t i;

	for (i = 0; i < NCOLS(map); i++)
		if (strcmp(field, map[i].name) == 0)
			return map[i].k;
	return K_NONE;
}

/* ------------------------------------------------------------------------
 * Fields of the current row
 * ---------------------------------------------------------------------- */

/* The trimmed text of table column j: "" when the column is absent,
 * unless the mapping gives it a constant. */
static const char *val(const struct loader *L, size_t j)
{
	if (L->at[j] >= 0)
		return L->cell[L->at[j]];
	return L->mt && L->mt->constant[j] ? L->mt->constant[j] : "";
}

/* The 1-based column number of table column j (0 when absent). */
static uint32_t colno(const struct loader *L, size_t j)
{
	return L->at[j] < 0 ? 0 : (uint32_t)L->at[j] + 1;
}

/* The field whose header is `name`, as a 1-based column, or 0. */
static uint32_t column_named(const struct loader *L, const char *name)
{
	size_t i;

	for (i = 0; i < L->nf; i++)
		if (airs__ieq(L->head[i], strlen(L->head[i]), name))
			return (uint32_t)i + 1;
	return 0;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Point the cells at the current record's fields, which the reader has
 * trimmed of spaces and tabs. */
static void take_row(struct loader *L)
{
	size_t i;

	for (i = 0; i < L->nf; i++)
		L->cell[i] = airs__csv_field(L->csv, i, NULL);
}

/* Read field f as column j's source value the mapping names, if any. */
static void map_value(struct loader *L, size_t f, uint32_t j)
{
	const airs__map_table *mt = L->mt;
	const char *c = L->cell[f];
	size_t k, len = strlen(c);

	for (k = 0; k < mt->nvalues; k++)
		if (mt->values[k].col == j && airs__ieq(c, len, mt->values[k].from)) {
			L->cell[f] = mt->values[k].to;
			return;
		}
}

/* The mapping's values, each field mapped once (no chains). */
static void map_values(struct loader *L)
{
	size_t j, i;

	if (!L->mt || !L->mt->nvalues)
		return;
	for (j = 0; j < L->t->ncols; j++)
		if (L->at[j] >= 0)
			map_value(L, (size_t)L->at[j], (uint32_t)j);
	if (L->wide)
		for (i = 0; i < L->nattrs; i++)
			map_value(L, L->attrs[i].field, RESP_VALUE);
}

/* ------------------------------------------------------------------------
 * Values.  Each returns 1 when the field holds a value, 0 when it is
 * empty (not given), or -1 after reporting why its text is not a value.
 * ---------------------------------------------------------------------- */

static int bad_as(struct loader *L, int status, size_t j, const char *fmt,
                  va_list ap) AIRS__PRINTF(4, 0);

static int bad_as(struct loader *L, int status, size_t j, const char *fmt,
                  va_list ap)
{
	struct col_errs *ce = &L->errs[j];
	char q[64], rule[200];

	/* A value of the wrong form is reported the first time in its
	 * column; the others are counted into one report at the end of the
	 * file (errs_summary()): an export that writes a column its own way
	 * gets one message, not one per row. */
	if (status == AIRS_EPARSE && ce->n++) {
		ce->last = L->line;
		return -1;
	}
	ce->line = L->line;
	vsnprintf(rule, sizeof rule, fmt, ap);
	report(L, status, AIRS_SEVERITY_ERROR, L->line, colno(L, j),
	       "%s \"%s\" %s", L->t->cols[j].name, quote(q, sizeof q, val(L, j)),
	       rule);
	return -1;
}

/* The text of column j is not a value of its type: AIRS_EPARSE. */
static int bad(struct loader *L, size_t j, const char *fmt, ...)
	AIRS__PRINTF(3, 4);
/* A value the loader refuses by range before the model sees it, where the
 * record would read it as "not given" (a 0 weight): AIRS_ERANGE. */
static int out_of_range(struct loader *L, size_t j, const char *fmt, ...)
	AIRS__PRINTF(3, 4);

static int out_of_range(struct loader *L, size_t j, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = bad_as(L, AIRS_ERANGE, j, fmt, ap);
	va_end(ap);
	return rc;
}

static int bad(struct loader *L, size_t j, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = bad_as(L, AIRS_EPARSE, j, fmt, ap);
	va_end(ap);
	return rc;
}

/* "2,5" looks like a number written with a decimal comma. */
static int decimal_comma(const char *s)
{
	const char *c = strchr(s, ',');
	double d;

	if (!c || strchr(c + 1, ','))
		return 0;
	{
		char tmp[AIRS__NUM_MAX * 2];
		size_t n = strlen(s);
		if (n >= sizeof tmp)
			return 0;
		memcpy(tmp, s, n + 1);
		tmp[c - s] = '.';
		return airs__parse_double(tmp, n, &d) != AIRS_EPARSE;
	}
}

/* A number written with the decimal comma the mapping declares: the
 * comma read as a point.  A point as well is refused: it would be a
 * thousands separator, which airs does not read. */
static int comma_num(struct loader *L, size_t j, const char *s, double *out)
{
	char tmp[AIRS__NUM_MAX * 2], *c;
	size_t n = strlen(s);
	int rc;

	if (strchr(s, '.'))
		return bad(L, j, "has a point, but the mapping declares decimal "
		                 "= , (write numbers without thousands "
		                 "separators)");
	if (n >= sizeof tmp)
		return bad(L, j, "is not a number");
	memcpy(tmp, s, n + 1);
	if ((c = strchr(tmp, ',')) != NULL)
		*c = '.';
	rc = airs__parse_double(tmp, n, out);
	if (rc == AIRS_OK)
		return 1;
	if (rc == AIRS_ENOMEM) {
		oom(L);
		return -1;
	}
	return bad(L, j, rc == AIRS_ERANGE ? "is too large to be a number"
	                                   : "is not a number");
}

static int get_num(struct loader *L, size_t j, double *out)
{
	const char *s = val(L, j);
	int rc;

	if (!*s)
		return 0;
	if (L->mt && L->mt->decimal == ',')
		return comma_num(L, j, s, out);
	rc = airs__parse_double(s, strlen(s), out);
	if (rc == AIRS_OK)
		return 1;
	if (rc == AIRS_ENOMEM) {
		oom(L);
		return -1;
	}
	if (rc == AIRS_ERANGE)
		return bad(L, j, "is too large to be a number");
	if (decimal_comma(s))
		return bad(L, j, "is not a number (use a point as decimal "
		                 "separator, or declare decimal = , in a mapping)");
	return bad(L, j, "is not a number");
}

/* A whole number, clamped to int range (the model then says which range
 * it breaks). */
static int get_int(struct loader *L, size_t j, int *out)
{
	const char *s = val(L, j);
	double d;
	long v;

	if (!*s)
		return 0;
	if (airs__parse_long(s, strlen(s), &v) == AIRS_OK) {
		*out = v > 1000000 ? 1000000 : v < -1000000 ? -1000000 : (int)v;
		return 1;
	}
	if (airs__parse_double(s, strlen(s), &d) == AIRS_OK)
		return bad(L, j, "is not a whole number");
	return get_num(L, j, &d) < 0 ? -1 : bad(L, j, "is not a number");
}

static int get_bool(struct loader *L, size_t j, int *out)
{
	const char *s = val(L, j);

	if (!*s)
		return 0;
	if (airs__parse_bool(s, strlen(s), out) == AIRS_OK)
		return 1;
	if (airs__ieq(s, strlen(s), "y") || airs__ieq(s, strlen(s), "n")) {
		*out = airs__ieq(s, 1, "y");
		return 1;
	}
	return bad(L, j, "is not a yes/no value (use 0, 1, true, false, yes, "
	                 "no, Y or N, or map the export's values in a "
	                 "mapping)");
}

/* Why the date text s of column j is not read, with what it looks like;
 * never a guess at what it means. */
static int bad_date(struct loader *L, size_t j, const char *s)
{
	const char *fmt = L->mt ? L->mt->date : NULL;
	char sep = '/';
	int shape = airs__date_shape(s, strlen(s), &sep);

	if (fmt && (shape == AIRS__DATE_DMY || shape == AIRS__DATE_MDY))
		return bad(L, j, "does not match the date_format %s of the "
		           "mapping (line %llu); it reads only as %s%c%s%cYYYY: is "
		           "the column in that order?", fmt,
		           (unsigned long long)L->mt->date_line,
		           shape == AIRS__DATE_DMY ? "DD" : "MM", sep,
		           shape == AIRS__DATE_DMY ? "MM" : "DD", sep);
	if (fmt)
		return bad(L, j, "does not match the date_format %s of the "
		           "mapping (line %llu)", fmt,
		           (unsigned long long)L->mt->date_line);
	switch (shape) {
	case AIRS__DATE_DMY:
	case AIRS__DATE_MDY:
		return bad(L, j, "is not a date in YYYY-MM-DD; it reads only as "
		           "%s%c%s%cYYYY: declare date_format = %s%c%s%cYYYY in a "
		           "mapping",
		           shape == AIRS__DATE_DMY ? "DD" : "MM", sep,
		           shape == AIRS__DATE_DMY ? "MM" : "DD", sep,
		           shape == AIRS__DATE_DMY ? "DD" : "MM", sep,
		           shape == AIRS__DATE_DMY ? "MM" : "DD", sep);
	case AIRS__DATE_EITHER:
		return bad(L, j, "is not a date in YYYY-MM-DD; it reads as "
		           "DD%cMM%cYYYY and as MM%cDD%cYYYY, and airs does not "
		           "guess: declare date_format in a mapping", sep, sep,
		           sep, sep);
	case AIRS__DATE_TIMED:
		return bad(L, j, "has a time; airs reads dates (YYYY-MM-DD): "
		           "drop the time, or declare date_format = YYYY-MM-DD "
		           "hh:mm:ss in a mapping");
	}
	return bad(L, j, "is not a valid date (YYYY-MM-DD)");
}

static int get_date(struct loader *L, size_t j, airs_date *out)
{
	const char *s = val(L, j);
	struct col_errs *ce = &L->errs[j];
	char sep;
	int rc;

	if (!*s)
		return 0;
	rc = L->mt && L->mt->date
	             ? airs__date_parse_as(L->mt->date, s, strlen(s), out)
	             : airs_date_parse(s, strlen(s), out);
	if (rc == AIRS_OK)
		return 1;
	/* what the column's other bad dates show, for errs_summary() */
	if (ce->n) {
		rc = airs__date_shape(s, strlen(s), &sep);
		ce->dmy += rc == AIRS__DATE_DMY;
		ce->mdy += rc == AIRS__DATE_MDY;
	}
	return bad_date(L, j, s);
}

/* At the end of a file: one report per column for its values of the
 * wrong form after the first, with what bad dates show together. */
static void errs_summary(struct loader *L)
{
	size_t j;

	for (j = 0; j < L->t->ncols && !L->stop; j++) {
		const struct col_errs *dc = &L->errs[j];
		char why[160];

		if (dc->n < 2)
			continue;
		why[0] = '\0';
		if (dc->dmy && dc->mdy)
			snprintf(why, sizeof why, "; %llu of them read only day "
			         "first and %llu only month first: the column mixes "
			         "orders, fix it at the source",
			         (unsigned long long)dc->dmy,
			         (unsigned long long)dc->mdy);
		else if (dc->dmy || dc->mdy)
			snprintf(why, sizeof why, "; %llu of them read only %s "
			         "first", (unsigned long long)(dc->dmy + dc->mdy),
			         dc->dmy ? "day" : "month");
		report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, dc->line,
		       L->wide && j == RESP_VALUE ? 0 : colno(L, j),
		       "%s: and %llu more like it in %s (up to line %llu)%s",
		       L->t->cols[j].name,
		       (unsigned long long)(dc->n - 1),
		       L->wide && j == RESP_VALUE ? "the item columns"
		                                  : "this column",
		       (unsigned long long)dc->last, why);
	}
}

static int get_month(struct loader *L, size_t j, airs_month *out)
{
	const char *s = val(L, j);

	if (!*s)
		return 0;
	if (airs_month_parse(s, strlen(s), out) == AIRS_OK)
		return 1;
	return bad(L, j, "is not a valid month (YYYY-MM)");
}

/* A name from an enum's vocabulary, e.g. a source or a course format. */
static int get_enum(struct loader *L, size_t j,
                    int (*parse)(const char *, size_t, int *),
                    const char *(*name)(int), int *out)
{
	const char *s = val(L, j);
	char list[160];
	size_t n = 0;
	int i;

	if (!*s)
		return 0;
	if (parse(s, strlen(s), out) == AIRS_OK)
		return 1;
	{
		/* "Self-paced", "self paced": the name's words with other
		 * joins, which cannot mean another name. */
		char w[64];
		size_t k, len = strlen(s);
		if (len < sizeof w) {
			for (k = 0; k <= len; k++)
				w[k] = s[k] == '-' || s[k] == ' ' ? '_' : s[k];
			if (parse(w, len, out) == AIRS_OK)
				return 1;
		}
	}
	list[0] = '\0';
	for (i = 0; name(i) && n < sizeof list; i++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
		                      i ? ", " : "", name(i));
	return bad(L, j, "is not one of %s (map other values in a mapping)",
	           list);
}

/* ------------------------------------------------------------------------
 * Failed adds
 * ---------------------------------------------------------------------- */

/* Report why the model refused the current row (status rc), pointing at
 * the column the model names, unless the refusal only echoes an earlier
 * error: a reference to an id whose own row failed.  raw, if not NULL,
 * is the text to quote instead of the named column's field.  Remembers
 * the row's own id (of kind k) as failed. */
static void refused(struct loader *L, int rc, enum kind k, const char *id,
                    const char *raw, uint64_t line, uint32_t column)
{
	const char *field = L->failure->field ? L->failure->field : "";
	const char *rule = L->failure->rule;
	char q[64];

	if (id)
		remember_failed(L, k, id);
	if (rc == AIRS_ENOMEM) {
		report(L, rc, AIRS_SEVERITY_ERROR, line, 0, "out of memory");
		return;
	}
	if (!column)
		column = column_named(L, field);
	if (!raw)
		raw = column ? L->cell[column - 1] : "";
	if (rc == AIRS_ENOTFOUND && is_failed(L, kind_of(field), raw))
		return;
	/* The model's EINVAL means "this record is malformed"; in a data
	 * file that is a parse error, and EINVAL stays for bad arguments. */
	if (rc == AIRS_EINVAL)
		rc = AIRS_EPARSE;
	if (*raw)
		report(L, rc, AIRS_SEVERITY_ERROR, line, column, "%s \"%s\" %s",
		       field, quote(q, sizeof q, raw), rule);
	else
		report(L, rc, AIRS_SEVERITY_ERROR, line, column, "%s %s", field,
		       rule);
}

/* A row whose values could not be read: its id counts as failed. */
static int skip_row(struct loader *L)
{
	if (L->t->defines != K_NONE)
		remember_failed(L, L->t->defines, val(L, L->t->id));
	return AIRS_OK;
}

/* Make the add `call`; report a refusal of the row defining id (of kind
 * k, K_NONE for a record row). */
#define ADD(L, call, k, id)                                              \
	do {                                                             \
		int rc_ = (call);                                        \
		if (rc_)                                                 \
			refused((L), rc_, (k), (id), NULL, (L)->line, 0); \
	} while (0)

/* A record row's add (status rc): report a refusal, or note where the
 * record was read (srcmap.h), pointing at field j: the date the as-of
 * date's outlier rule may name (methodology 2).  n: the records of the
 * kind after the add, read through a pointer: the add is an argument
 * of the same call, evaluated in no set order with the others. */
static void add_record(struct loader *L, int rc, airs__srcmap *src,
                       const size_t *n, size_t j)
{
	if (rc) {
		refused(L, rc, K_NONE, NULL, NULL, L->line, 0);
		return;
	}
	if (airs__src_note(src, &L->mem, *n - 1, L->line, L->t->file,
	                   colno(L, j)))
		oom(L);
}

/* The limit a host sets on the size of a dataset (load options): past
 * it, the load stops with AIRS_ELIMIT at the row that passed it. */
static int over_limit(struct loader *L, uint64_t line, const char *what,
                      uint64_t limit, const char *option)
{
	report(L, AIRS_ELIMIT, AIRS_SEVERITY_ERROR, line, 0,
	       "more than %llu %s: the limit is the load option %s (CLI: --set "
	       "limits.%s=N)",
	       (unsigned long long)limit, what, option, option);
	L->stop = 1;
	return 1;
}

/* Row `rows` of the table passes max_rows, or max_ids where each row
 * defines an id. */
static int over_rows(struct loader *L, uint64_t rows)
{
	static const char *const kinds[K_COUNT] = {
		[K_UNIT] = "units", [K_ROLE] = "roles", [K_SKILL] = "skills",
		[K_EMP] = "employees", [K_COURSE] = "courses",
		[K_ITEM] = "survey items", [K_TOOL] = "tools",
		[K_WAVE] = "survey waves",
	};
	int k = L->t->defines;

	if (rows > L->max_rows)
		return over_limit(L, L->line, "records in one file", L->max_rows,
		                  "max_rows");
	if (k != K_NONE && kinds[k] && rows > L->max_ids)
		return over_limit(L, L->line, kinds[k], L->max_ids, "max_ids");
	return 0;
}

/* ------------------------------------------------------------------------
 * Rows
 * ---------------------------------------------------------------------- */

static const char *keep(struct loader *L, const char *s)
{
	return airs__arena_strdup(&L->arena, s, strlen(s));
}

static int row_unit(struct loader *L)
{
	struct unit_row *u;
	int target = 0, g;

	ROW_READS(UNIT_COUNT, 4);
	if ((g = get_int(L, UNIT_TARGET, &target)) < 0)
		return skip_row(L);
	if (g && (target < 1 || target > 5)) {
		out_of_range(L, UNIT_TARGET, "is outside 1..5");
		return skip_row(L);
	}
	if (airs__grow(&L->mem, &L->units.v, &L->units.cap, L->units.n + 1,
	               sizeof *L->units.v))
		return AIRS_ENOMEM;
	u = &L->units.v[L->units.n];
	if (!(u->id = keep(L, val(L, UNIT_ID))) ||
	    !(u->name = keep(L, val(L, UNIT_NAME))) ||
	    !(u->parent = keep(L, val(L, UNIT_PARENT))))
		return AIRS_ENOMEM;
	u->target = target;
	u->line = L->line;
	u->state = 0;
	L->units.n++;
	return AIRS_OK;
}

static int row_role(struct loader *L)
{
	airs_role_rec r = AIRS_ROLE_REC_INIT;

	ROW_READS(ROLE_COUNT, 2);
	r.id = val(L, ROLE_ID);
	r.name = val(L, ROLE_NAME);
	ADD(L, airs_model_add_role(L->m, &r), K_ROLE, r.id);
	return AIRS_OK;
}

/* Keep field j to apply after the file, for the row's id in column
 * owner: prerequisites or a manager. */
static int defer(struct loader *L, size_t owner, size_t j)
{
	struct later *p;

	if (airs__grow(&L->mem, &L->later.v, &L->later.cap, L->later.n + 1,
	               sizeof *L->later.v))
		return AIRS_ENOMEM;
	p = &L->later.v[L->later.n];
	if (!(p->id = keep(L, val(L, owner))) ||
	    !(p->text = keep(L, val(L, j))))
		return AIRS_ENOMEM;
	p->line = L->line;
	p->column = colno(L, j);
	L->later.n++;
	return AIRS_OK;
}

static int row_skill(struct loader *L)
{
	airs_skill_rec r = AIRS_SKILL_REC_INIT;
	size_t before = L->m->skills.n;

	ROW_READS(SKILL_COUNT, 4);
	r.id = val(L, SKILL_ID);
	r.name = val(L, SKILL_NAME);
	r.category = val(L, SKILL_CATEGORY);
	ADD(L, airs_model_add_skill(L->m, &r), K_SKILL, r.id);
	if (L->m->skills.n > before && *val(L, SKILL_PREREQUISITES))
		return defer(L, SKILL_ID, SKILL_PREREQUISITES);
	return AIRS_OK;
}

/* The requirement just added (if it was) passes max_role_skills: a
 * person's scoring costs their role's requirements. */
static int role_skills_limit(struct loader *L, size_t before,
                             const char *role)
{
	const airs__role_skill *q;
	char what[320];

	if (L->m->role_skills.n == before)
		return AIRS_OK;
	q = &L->m->role_skills.v[before];
	if (q->role >= L->role_skills_cap) {
		size_t old = L->role_skills_cap;
		if (airs__grow(&L->mem, &L->role_skills, &L->role_skills_cap,
		               (size_t)q->role + 1, sizeof *L->role_skills)) {
			oom(L);
			L->stop = 1;
			return AIRS_OK;
		}
		memset(L->role_skills + old, 0,
		       (L->role_skills_cap - old) * sizeof *L->role_skills);
	}
	if (++L->role_skills[q->role] > L->max_role_skills) {
		snprintf(what, sizeof what, "skills required by role \"%s\"",
		         role);
		over_limit(L, L->line, what, L->max_role_skills, "max_role_skills");
	}
	return AIRS_OK;
}

static int row_role_skill(struct loader *L)
{
	airs_role_skill_rec r = AIRS_ROLE_SKILL_REC_INIT;
	size_t before = L->m->role_skills.n;

	ROW_READS(RS_COUNT, 4);
	r.role_id = val(L, RS_ROLE);
	r.skill_id = val(L, RS_SKILL);
	if (get_num(L, RS_LEVEL, &r.required_level) < 0)
		return AIRS_OK;
	switch (get_num(L, RS_WEIGHT, &r.weight)) {
	case -1:
		return AIRS_OK;
	case 1:
		/* 0 in the record means "default"; in the file it is an
		 * error like any weight that is not above 0. */
		if (!(r.weight > 0)) {
			out_of_range(L, RS_WEIGHT, "must be greater than 0 and at "
			                   "most 1000");
			return AIRS_OK;
		}
		break;
	}
	ADD(L, airs_model_add_role_skill(L->m, &r), K_NONE, NULL);
	return role_skills_limit(L, before, r.role_id);
}

/* The manager of the employee just added as number e.  Most exports list
 * managers before their people: such a link is made at once, and needs
 * no cycle check - nobody reports to a new employee yet (links to it
 * come later in the file and wait in L->later) - so a long chain costs
 * no walk up it.  Forward references wait, and set_managers() links them
 * all at once, so that memory does not grow with the file for the usual
 * order. */
static int link_manager(struct loader *L, size_t e)
{
	const char *mid = val(L, EMP_MANAGER);
	uint32_t g;
	int rc;

	if (!*mid)
		return AIRS_OK;
	g = airs__names_find(&L->m->emp_ids, mid, strlen(mid));
	if (g == AIRS__NONE)
		return defer(L, EMP_ID, EMP_MANAGER);
	if (g == e) {
		rc = airs__model_manager_cycle(L->m, val(L, EMP_ID), mid, 1);
		refused(L, rc, K_NONE, NULL, NULL, L->line, 0);
		return AIRS_OK;
	}
	L->m->emps.v[e].manager = g;
	return AIRS_OK;
}

static int row_employee(struct loader *L)
{
	airs_employee_rec r = AIRS_EMPLOYEE_REC_INIT;
	size_t i, before = L->m->emps.n;
	int rc;

	ROW_READS(EMP_COUNT, 5);
	r.id = val(L, EMP_ID);
	r.unit_id = val(L, EMP_UNIT);
	r.role_id = val(L, EMP_ROLE);
	if (get_bool(L, EMP_LEADER, &r.is_leader) < 0)
		return skip_row(L);
	ADD(L, airs_model_add_employee(L->m, &r), K_EMP, r.id);
	if (L->m->emps.n == before)
		return AIRS_OK;
	for (i = 0; i < L->nattrs; i++) {
		const char *v = L->cell[L->attrs[i].field];
		char q[64];

		if (!*v)
			continue;
		rc = airs_model_set_attribute(L->m, r.id, L->attrs[i].name, v);
		if (rc == AIRS_ENOMEM)
			return rc;
		if (rc)
			report(L, rc == AIRS_EINVAL ? AIRS_EPARSE : rc,
			       AIRS_SEVERITY_ERROR, L->line,
			       (uint32_t)L->attrs[i].field + 1, "%s \"%s\" %s",
			       L->attrs[i].head, quote(q, sizeof q, v),
			       L->failure->rule);
	}
	return link_manager(L, before);
}

static int row_course(struct loader *L)
{
	airs_course_rec r = AIRS_COURSE_REC_INIT;
	int g;

	ROW_READS(COURSE_COUNT, 7);
	r.id = val(L, COURSE_ID);
	r.name = val(L, COURSE_NAME);
	r.skill_id = val(L, COURSE_SKILL);
	if (get_num(L, COURSE_HOURS, &r.hours) < 0 ||
	    (g = get_num(L, COURSE_GAIN, &r.level_gain)) < 0 ||
	    get_enum(L, COURSE_FORMAT, airs_format_parse, airs_format_name,
	             &r.format) < 0 ||
	    get_num(L, COURSE_COST, &r.cost) < 0)
		return skip_row(L);
	if (g && r.level_gain == 0) {
		/* 0 means "default 1" in the record; in the file a course
		 * that teaches nothing is more likely a mistake. */
		out_of_range(L, COURSE_GAIN,
		             "must be greater than 0 and at most 5");
		return skip_row(L);
	}
	ADD(L, airs_model_add_course(L->m, &r), K_COURSE, r.id);
	return AIRS_OK;
}

static void item_tool_warnings(struct loader *L, const airs__item *it,
                               const char *tool_id);

static int row_item(struct loader *L)
{
	airs_survey_item_rec r = AIRS_SURVEY_ITEM_REC_INIT;
	size_t before = L->m->items.n;
	char q[64];

	ROW_READS(ITEM_COUNT, 7);
	r.id = val(L, ITEM_ID);
	r.construct = val(L, ITEM_CONSTRUCT);
	r.text = val(L, ITEM_TEXT);
	r.tool_id = val(L, ITEM_TOOL);
	r.scale_min = 1;
	r.scale_max = 5;
	if (get_num(L, ITEM_MIN, &r.scale_min) < 0 ||
	    get_num(L, ITEM_MAX, &r.scale_max) < 0 ||
	    get_bool(L, ITEM_REVERSE, &r.reverse) < 0)
		return skip_row(L);
	if (r.scale_min == 0 && r.scale_max == 0) {
		/* The record would read 0..0 as the default scale. */
		out_of_range(L, ITEM_MAX, "is not above scale_min 0");
		return skip_row(L);
	}
	ADD(L, airs_model_add_survey_item(L->m, &r), K_ITEM, r.id);
	if (L->m->items.n > before &&
	    airs__construct_parse(r.construct, strlen(r.construct)) ==
	            AIRS__C_UNSCORED)
		report(L, AIRS_OK, AIRS_SEVERITY_WARNING, L->line,
		       colno(L, ITEM_CONSTRUCT),
		       "construct \"%s\" is not one the methodology scores; the "
		       "item is kept but not scored",
		       quote(q, sizeof q, r.construct));
	if (L->m->items.n > before && *r.tool_id)
		item_tool_warnings(L, &L->m->items.v[before], r.tool_id);
	return AIRS_OK;
}

/* A survey item about one tool: a tool the registry lacks, and a
 * construct that is not part of a tool's benefit, are kept but said. */
static void item_tool_warnings(struct loader *L, const airs__item *it,
                               const char *tool_id)
{
	char q[64];

	if (L->m->tools.n && !airs__tool_at(L->m, it->tool))
		report(L, AIRS_OK, AIRS_SEVERITY_WARNING, L->line,
		       colno(L, ITEM_TOOL),
		       "tool_id \"%s\" is not in tools.csv; the tool is kept as "
		       "unregistered and unsanctioned (add it to tools.csv to "
		       "name it)", quote(q, sizeof q, tool_id));
	if (it->construct != AIRS__C_USEFULNESS &&
	    it->construct != AIRS__C_TIME_SAVED)
		report(L, AIRS_OK, AIRS_SEVERITY_WARNING, L->line,
		       colno(L, ITEM_CONSTRUCT),
		       "construct \"%s\" of an item about tool \"%s\" is not "
		       "scored: a tool's benefit reads its usefulness and "
		       "time_saved items only", it->construct_name,
		       quote(q, sizeof q, tool_id));
}

static int row_wave(struct loader *L)
{
	airs_wave_rec r = AIRS_WAVE_REC_INIT;

	ROW_READS(WAVE_COUNT, 3);
	r.id = val(L, WAVE_ID);
	if (get_date(L, WAVE_START, &r.start) < 0 ||
	    get_date(L, WAVE_END, &r.end) < 0)
		return skip_row(L);
	ADD(L, airs_model_add_wave(L->m, &r), K_WAVE, r.id);
	return AIRS_OK;
}

static int row_tool(struct loader *L)
{
	airs_tool_rec r = AIRS_TOOL_REC_INIT;
	int sanctioned = 1;

	ROW_READS(TOOL_COUNT, 5);
	r.id = val(L, TOOL_ID);
	r.name = val(L, TOOL_NAME);
	r.category = val(L, TOOL_CATEGORY);
	if (get_bool(L, TOOL_SANCTIONED, &sanctioned) < 0 ||
	    get_month(L, TOOL_AVAILABLE, &r.available_from) < 0)
		return skip_row(L);
	r.unsanctioned = !sanctioned;
	ADD(L, airs_model_add_tool(L->m, &r), K_TOOL, r.id);
	return AIRS_OK;
}

static int row_assessment(struct loader *L)
{
	airs_assessment_rec r = AIRS_ASSESSMENT_REC_INIT;

	ROW_READS(ASM_COUNT, 5);
	r.employee_id = val(L, ASM_EMP);
	r.skill_id = val(L, ASM_SKILL);
	if (get_num(L, ASM_LEVEL, &r.level) < 0 ||
	    get_date(L, ASM_DATE, &r.date) < 0 ||
	    get_enum(L, ASM_SOURCE, airs_source_parse, airs_source_name,
	             &r.source) < 0)
		return AIRS_OK;
	add_record(L, airs__add_assessment(&L->rec.assessment, &r),
	           &L->rec.assessment.assessments->src, &L->rec.assessment.assessments->n,
	           ASM_DATE);
	return AIRS_OK;
}

static int row_training(struct loader *L)
{
	airs_training_rec r = AIRS_TRAINING_REC_INIT;

	ROW_READS(TRN_COUNT, 6);
	r.employee_id = val(L, TRN_EMP);
	r.course_id = val(L, TRN_COURSE);
	r.skill_id = val(L, TRN_SKILL);
	if (get_num(L, TRN_HOURS, &r.hours) < 0 ||
	    get_date(L, TRN_DATE, &r.date) < 0 ||
	    get_enum(L, TRN_STATUS, airs_training_status_parse,
	             airs_training_status_name, &r.status) < 0)
		return AIRS_OK;
	add_record(L, airs__add_training(&L->rec.training, &r),
	           &L->rec.training.trainings->src, &L->rec.training.trainings->n,
	           TRN_DATE);
	return AIRS_OK;
}

/* A wide row: one answer per item column that is not empty, each
 * reported at its own column.  An employee the model refuses is
 * reported once, at the employee column. */
/* Methodology 4.1: with declared waves, an answer dated in none counts
 * in no survey figure.  The first is said (responses.csv is one lane, so
 * which is first does not depend on threads); the rest go unlisted. */
static void note_unwaved(struct loader *L, airs_date d)
{
	const airs__waves *w = L->rec.response.b.waves;
	char b[12];
	size_t i;

	for (i = 0; i < w->n; i++)
		if (d >= w->v[i].start && d <= w->v[i].end)
			return;
	if (!w->n || L->unwaved++)
		return;
	airs_date_format(d, b);
	report(L, AIRS_OK, AIRS_SEVERITY_WARNING, L->line, colno(L, RESP_DATE),
	       "date %s is in no wave of survey_waves.csv: the answer counts in "
	       "no survey figure (declare its wave or correct the date; later "
	       "answers outside every wave are not listed)", b);
}

static int row_response_wide(struct loader *L)
{
	airs_response_rec r = AIRS_RESPONSE_REC_INIT;
	long at_value = L->at[RESP_VALUE];
	size_t i, added = 0;
	int rc;

	r.employee_id = val(L, RESP_EMP);
	r.wave_id = val(L, RESP_WAVE);
	if (get_date(L, RESP_DATE, &r.date) < 0)
		return AIRS_OK;
	for (i = 0; i < L->nattrs && !L->stop; i++) {
		L->at[RESP_VALUE] = (long)L->attrs[i].field;
		r.item_id = L->attrs[i].name;
		if (get_num(L, RESP_VALUE, &r.value) <= 0)
			continue;
		rc = airs__add_response(&L->rec.response, &r);
		if (!rc) {
			if (!added++)
				note_unwaved(L, r.date);
			continue;
		}
		if (rc == AIRS_ENOMEM) {
			L->at[RESP_VALUE] = at_value;
			return rc;
		}
		if (L->failure->field && !strcmp(L->failure->field, "employee_id")) {
			refused(L, rc, K_NONE, NULL, r.employee_id, L->line,
			        colno(L, RESP_EMP));
			break;
		}
		refused(L, rc, K_NONE, NULL, NULL, L->line,
		        (uint32_t)L->attrs[i].field + 1);
	}
	L->at[RESP_VALUE] = at_value;
	return AIRS_OK;
}

static int row_response(struct loader *L)
{
	airs_response_rec r = AIRS_RESPONSE_REC_INIT;
	size_t n;

	ROW_READS(RESP_COUNT, 5);
	if (L->wide)
		return row_response_wide(L);
	r.employee_id = val(L, RESP_EMP);
	r.item_id = val(L, RESP_ITEM);
	r.wave_id = val(L, RESP_WAVE);
	if (get_num(L, RESP_VALUE, &r.value) < 0 ||
	    get_date(L, RESP_DATE, &r.date) < 0)
		return AIRS_OK;
	n = L->rec.response.responses->n;
	add_record(L, airs__add_response(&L->rec.response, &r),
	           &L->rec.response.responses->src, &L->rec.response.responses->n,
	           RESP_DATE);
	if (L->rec.response.responses->n > n)
		note_unwaved(L, r.date);
	return AIRS_OK;
}

static int row_usage(struct loader *L)
{
	airs_usage_rec r = AIRS_USAGE_REC_INIT;
	const airs__names *ids = &L->rec.usage.usages->tool_ids;
	size_t before = ids->count;
	char q[64];
	int rc;

	ROW_READS(USE_COUNT, 4);
	r.employee_id = val(L, USE_EMP);
	r.tool_id = val(L, USE_TOOL);
	if (get_month(L, USE_PERIOD, &r.period) < 0 ||
	    get_int(L, USE_DAYS, &r.active_days) < 0)
		return AIRS_OK;
	rc = airs__add_usage(&L->rec.usage, &r);
	add_record(L, rc, &L->rec.usage.usages->src, &L->rec.usage.usages->n,
	           USE_PERIOD);
	if (!rc && L->registry && ids->count > before)
		/* the first row of a tool the registry lacks */
		report(L, AIRS_OK, AIRS_SEVERITY_WARNING, L->line,
		       colno(L, USE_TOOL),
		       "tool_id \"%s\" is not in tools.csv; its use is counted "
		       "as an unregistered, unsanctioned tool (add it to "
		       "tools.csv to name it and say whether it is sanctioned)",
		       quote(q, sizeof q, r.tool_id));
	if (ids->count > L->max_ids)
		over_limit(L, L->line, "tools", L->max_ids, "max_ids");
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Work left after a file: unit tree, prerequisites, managers
 * ---------------------------------------------------------------------- */

static void add_unit(struct loader *L, const struct unit_row *u)
{
	airs_unit_rec r = AIRS_UNIT_REC_INIT;
	int rc;

	r.id = u->id;
	r.name = u->name;
	r.parent_id = u->parent;
	r.target_level = u->target;
	if ((rc = airs_model_add_unit(L->m, &r))) {
		/* The row's cells are gone; quote the kept field. */
		const char *f = L->failure->field ? L->failure->field : "";
		const char *raw = strcmp(f, "unit_id") == 0   ? u->id
		                  : strcmp(f, "parent_id") == 0 ? u->parent
		                  : strcmp(f, "name") == 0      ? u->name
		                                                : "";
		refused(L, rc, K_UNIT, u->id, raw, u->line, column_named(L, f));
	}
}

/* Report the cycle that path[from..n-1] forms, at the line of its first
 * unit in file order, as "U1 -> U3 -> U2 -> U1". */
static void unit_cycle(struct loader *L, const uint32_t *path, size_t from,
                       size_t n)
{
	char chain[AIRS_DIAG_TEXT_MAX - 80], q[64];
	size_t i, first = from, len = 0;
	const struct unit_row *u;

	for (i = from; i < n; i++)
		if (L->units.v[path[i]].line < L->units.v[path[first]].line)
			first = i;
	chain[0] = '\0';
	for (i = 0; i <= n - from && len < sizeof chain; i++) {
		u = &L->units.v[path[from + (first - from + i) % (n - from)]];
		len += (size_t)snprintf(chain + len, sizeof chain - len, "%s%s",
		                        i ? " -> " : "",
		                        quote(q, sizeof q, u->id));
	}
	u = &L->units.v[path[first]];
	report(L, AIRS_ECYCLE, AIRS_SEVERITY_ERROR, u->line,
	       column_named(L, "parent_id"),
	       "parent_id \"%s\" makes a cycle of units: %s",
	       quote(q, sizeof q, u->parent), chain);
	for (i = from; i < n; i++) {
		remember_failed(L, K_UNIT, L->units.v[path[i]].id);
		L->units.v[path[i]].state = 2;
	}
}

/* Add the collected units parents first.  Walk up from each unit not yet
 * added until reaching a root, an added unit or a unit outside the file;
 * then add the walked path from the top down.  Meeting the path itself is
 * a cycle. */
static int add_units(struct loader *L)
{
	airs__names ids = { 0 };
	uint32_t *path = NULL, *row_of = NULL, j;
	size_t i, n, k, count = L->units.n;
	int rc = AIRS_OK;

	if (!count)
		return AIRS_OK;
	path = airs__malloc(&L->mem, count * sizeof *path);
	row_of = airs__malloc(&L->mem, count * sizeof *row_of);
	if (!path || !row_of || airs__names_reserve(&ids, &L->mem, count)) {
		rc = AIRS_ENOMEM;
		goto out;
	}
	for (i = 0; i < count; i++) {
		const char *id = L->units.v[i].id;
		if (airs__names_find(&ids, id, strlen(id)) != AIRS__NONE) {
			char q[64];
			report(L, AIRS_EEXIST, AIRS_SEVERITY_ERROR,
			       L->units.v[i].line, column_named(L, "unit_id"),
			       "unit_id \"%s\" is already defined",
			       quote(q, sizeof q, id));
			L->units.v[i].state = 2;
			if (L->stop)
				goto out;
			continue;
		}
		row_of[airs__names_push(&ids, id, strlen(id))] = (uint32_t)i;
	}
	for (i = 0; i < count && !L->stop; i++) {
		n = 0;
		for (j = (uint32_t)i; j != AIRS__NONE && L->units.v[j].state == 0;) {
			const char *p = L->units.v[j].parent;
			uint32_t up = airs__names_find(&ids, p, strlen(p));
			L->units.v[j].state = 1;
			path[n++] = j;
			j = up == AIRS__NONE ? AIRS__NONE : row_of[up];
		}
		if (j != AIRS__NONE && L->units.v[j].state == 1) {
			for (k = 0; path[k] != j; k++)
				;
			unit_cycle(L, path, k, n);
			n = k;
		}
		while (n-- && !L->stop) {
			add_unit(L, &L->units.v[path[n]]);
			L->units.v[path[n]].state = 2;
		}
	}
out:
	airs__names_free(&ids, &L->mem);
	airs__free(&L->mem, path);
	airs__free(&L->mem, row_of);
	return rc;
}

/* Apply "skill:level;skill:level" lists. */
static void add_prerequisites(struct loader *L)
{
	size_t i;

	for (i = 0; i < L->later.n && !L->stop; i++) {
		const struct later *p = &L->later.v[i];
		const char *s = p->text;

		while (*s && !L->stop) {
			airs_prerequisite_rec r = AIRS_PREREQUISITE_REC_INIT;
			char pair[AIRS_ID_MAX + 64], q[64];
			const char *end = strchr(s, ';'), *colon;
			size_t len = end ? (size_t)(end - s) : strlen(s), idlen;
			int rc;

			while (len && is_blank(*s))
				s++, len--;
			while (len && is_blank(s[len - 1]))
				len--;
			if (len >= sizeof pair)
				len = sizeof pair - 1;
			memcpy(pair, s, len);
			pair[len] = '\0';
			s = end ? end + 1 : s + strlen(s);
			if (!len)
				continue; /* "a:1;;b:2" or a trailing ";" */
			colon = strrchr(pair, ':');
			idlen = colon ? (size_t)(colon - pair) : len;
			while (idlen && is_blank(pair[idlen - 1]))
				idlen--;
			if (colon) {
				const char *lv = colon + 1;
				size_t lvlen = strlen(lv);
				while (lvlen && is_blank(*lv))
					lv++, lvlen--;
				if (airs__parse_double(lv, lvlen, &r.min_level) ||
				    !(r.min_level > 0)) {
					report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR,
					       p->line, p->column,
					       "prerequisites \"%s\" has no level "
					       "above 0 after the colon (write "
					       "skill:level)",
					       quote(q, sizeof q, pair));
					continue;
				}
			}
			{
				char id[AIRS_ID_MAX + 64];
				memcpy(id, pair, idlen);
				id[idlen] = '\0';
				r.skill_id = p->id;
				r.requires_id = id;
				rc = airs_model_add_prerequisite(L->m, &r);
				if (rc && !(rc == AIRS_ENOTFOUND &&
				            is_failed(L, K_SKILL, id)))
					refused(L, rc, K_NONE, NULL, pair,
					        p->line, p->column);
			}
		}
	}
}

/* Apply the managers named in employees.csv, all at once in linear time
 * (airs__model_link_managers()); rows the model refuses are reported in
 * file order with airs_model_set_manager()'s messages. */
static void set_managers(struct loader *L)
{
	size_t n = L->later.n, i, k = 0;
	uint32_t *emp = airs__malloc(&L->mem, (n + 1) * sizeof *emp);
	uint32_t *mgr = airs__malloc(&L->mem, (n + 1) * sizeof *mgr);
	unsigned char *cyc = airs__malloc(&L->mem, n + 1);
	unsigned char *ok = airs__malloc(&L->mem, n + 1);

	if (!emp || !mgr || !cyc || !ok)
		goto oom;
	for (i = 0; i < n; i++) {
		const struct later *p = &L->later.v[i];
		size_t e, g = AIRS__NONE;
		ok[i] = airs_model_find(L->m, AIRS_ENTITY_EMPLOYEE, p->id, &e) ==
		                AIRS_OK &&
		        (!*p->text || airs_model_find(L->m, AIRS_ENTITY_EMPLOYEE,
		                                      p->text, &g) == AIRS_OK);
		if (ok[i]) {
			emp[k] = (uint32_t)e;
			mgr[k++] = (uint32_t)g;
		}
	}
	if (airs__model_link_managers(L->m, emp, mgr, k, cyc))
		goto oom;
	for (i = 0, k = 0; i < n && !L->stop; i++) {
		const struct later *p = &L->later.v[i];
		int rc = !ok[i] ? airs_model_set_manager(L->m, p->id, p->text)
		         : cyc[k++] ? airs__model_manager_cycle(
		                              L->m, p->id, p->text,
		                              !strcmp(p->id, p->text))
		                    : AIRS_OK;
		if (rc)
			refused(L, rc, K_NONE, NULL, p->text, p->line, p->column);
	}
	goto out;
oom:
	oom(L);
out:
	airs__free(&L->mem, emp);
	airs__free(&L->mem, mgr);
	airs__free(&L->mem, cyc);
	airs__free(&L->mem, ok);
}

/* Stop at the first unit of the file more than max_depth levels below
 * the top of its tree.  Parents come before their children in the model,
 * so one pass gives every depth. */
static int check_unit_depth(struct loader *L)
{
	const airs_model *m = L->m;
	size_t n = m->units.n, i;
	uint32_t *depth = airs__malloc(&L->mem, (n + 1) * sizeof *depth);
	char q[64];

	if (!depth)
		return AIRS_ENOMEM;
	for (i = 0; i < n; i++) {
		uint32_t p = m->units.v[i].parent;
		depth[i] = p == AIRS__NONE ? 0 : depth[p] + 1;
	}
	for (i = 0; i < L->units.n && !L->stop; i++) {
		const struct unit_row *u = &L->units.v[i];
		uint32_t k = airs__names_find(&m->unit_ids, u->id, strlen(u->id));
		if (k != AIRS__NONE && depth[k] > L->max_depth) {
			report(L, AIRS_ELIMIT, AIRS_SEVERITY_ERROR, u->line,
			       column_named(L, "parent_id"),
			       "unit_id \"%s\" is %u levels below the top of its "
			       "tree: the limit is the load option max_depth, %u "
			       "(CLI: --set limits.max_depth=N)",
			       quote(q, sizeof q, u->id), (unsigned)depth[k],
			       (unsigned)L->max_depth);
			L->stop = 1;
		}
	}
	airs__free(&L->mem, depth);
	return AIRS_OK;
}

/* Stop at the first employee more than max_depth managers below the top
 * of its management chain: each chain is walked once (linear). */
static int check_chain_depth(struct loader *L)
{
	const airs_model *m = L->m;
	size_t n = m->emps.n, e, np;
	uint32_t *depth = airs__malloc(&L->mem, (n + 1) * sizeof *depth);
	uint32_t *path = airs__malloc(&L->mem, (n + 1) * sizeof *path);
	char q[64];

	if (!depth || !path) {
		airs__free(&L->mem, depth);
		airs__free(&L->mem, path);
		return AIRS_ENOMEM;
	}
	for (e = 0; e < n; e++)
		depth[e] = AIRS__NONE;
	for (e = 0; e < n && !L->stop; e++) {
		uint32_t x = (uint32_t)e, d;
		for (np = 0; x != AIRS__NONE && depth[x] == AIRS__NONE;
		     x = m->emps.v[x].manager)
			path[np++] = x;
		d = x == AIRS__NONE ? 0 : depth[x] + 1;
		while (np--)
			depth[path[np]] = d++;
		if (depth[e] > L->max_depth) {
			report(L, AIRS_ELIMIT, AIRS_SEVERITY_ERROR, 0, 0,
			       "employee_id \"%s\" has %u managers above it: the "
			       "limit is the load option max_depth, %u (CLI: --set "
			       "limits.max_depth=N)",
			       quote(q, sizeof q, m->emp_ids.str[e]),
			       (unsigned)depth[e], (unsigned)L->max_depth);
			L->stop = 1;
		}
	}
	airs__free(&L->mem, depth);
	airs__free(&L->mem, path);
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Reading a table
 * ---------------------------------------------------------------------- */

static int grow_fields(struct loader *L, size_t nf)
{
	if (airs__grow(&L->mem, &L->cell, &L->cell_cap, nf, sizeof *L->cell) ||
	    airs__grow(&L->mem, &L->head, &L->head_cap, nf, sizeof *L->head))
		return AIRS_ENOMEM;
	return AIRS_OK;
}

static int is_attr(const char *h)
{
	return strlen(h) > 5 && airs__ieq(h, 5, "attr_");
}

/* The header that holds table column j: the mapping's or its own name. */
static const char *col_head(const struct loader *L, size_t j)
{
	return L->mt && L->mt->head[j] ? L->mt->head[j] : L->t->cols[j].name;
}

/* In wide responses: the item whose answers the header h holds (the
 * mapping's item.ID, else an item id written as it is), or NULL. */
static const char *wide_item(const struct loader *L, const char *h)
{
	const airs__names *ids = L->rec.response.b.item_ids;
	size_t k, hl = strlen(h);
	uint32_t g;

	for (k = 0; L->mt && k < L->mt->nitems; k++)
		if (airs__ieq(h, hl, L->mt->items[k].head))
			return L->mt->items[k].item;
	g = ids ? airs__names_find(ids, h, hl) : AIRS__NONE;
	return g == AIRS__NONE ? NULL : ids->str[g];
}

/* Is responses.csv wide: declared so, or (not declared long) without
 * item_id and value columns but with a column named for an item? */
static int is_wide(const struct loader *L)
{
	size_t i;
	int item = 0;

	if (L->mt && L->mt->layout != AIRS__LAYOUT_AUTO)
		return L->mt->layout == AIRS__LAYOUT_WIDE;
	for (i = 0; i < L->nf; i++) {
		const char *h = L->cell[i];
		if (airs__ieq(h, strlen(h), col_head(L, RESP_ITEM)) ||
		    airs__ieq(h, strlen(h), col_head(L, RESP_VALUE)))
			return 0;
		item |= wide_item(L, h) != NULL;
	}
	return item;
}

/* The column the user most likely meant by header h, or NULL. */
static const char *suggest_column(const struct loader *L, const char *h)
{
	const char *best = NULL;
	size_t j, d, best_d = 3, hl = strlen(h);

	for (j = 0; j < L->t->ncols; j++)
		if ((d = airs__distance(h, hl, col_head(L, j))) < best_d) {
			best_d = d;
			best = col_head(L, j);
		}
	return best;
}

/* A header that names no column: an attribute, a wide item, or unknown
 * (a warning with a suggestion; an error under AIRS_LOAD_STRICT).
 * AIRS_OK, AIRS_EPARSE or AIRS_ENOMEM. */
static int other_column(struct loader *L, size_t i, const char *h)
{
	const char *item = L->wide ? wide_item(L, h) : NULL;
	const char *near;
	int strict = (L->flags & AIRS_LOAD_STRICT) != 0;
	size_t hl = strlen(h);
	struct attr_col *a;
	char q[64];

	if (item || (L->t == &tables[T_EMPLOYEES] && is_attr(h))) {
		const char *why = item ? NULL : airs__id_problem(h + 5, hl - 5);
		if (why) {
			/* Every row would fail on the name, not the value:
			 * say so once, here. */
			report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line,
			       (uint32_t)i + 1, "column \"%s\": the attribute name %s",
			       quote(q, sizeof q, h), why);
			return AIRS_EPARSE;
		}
		if (airs__grow(&L->mem, &L->attrs, &L->attrs_cap, L->nattrs + 1,
		               sizeof *L->attrs))
			return AIRS_ENOMEM;
		a = &L->attrs[L->nattrs++];
		a->field = i;
		a->head = L->head[i];
		a->name = item ? item : L->head[i] + 5;
		return AIRS_OK;
	}
	near = suggest_column(L, h);
	report(L, strict ? AIRS_EPARSE : AIRS_OK,
	       strict ? AIRS_SEVERITY_ERROR : AIRS_SEVERITY_WARNING, L->line,
	       (uint32_t)i + 1, "unknown column \"%s\" is %s%s%s%s",
	       quote(q, sizeof q, h), strict ? "refused (strict)" : "ignored",
	       near ? " (did you mean \"" : "", near ? near : "",
	       near ? "\"?)" : "");
	return strict ? AIRS_EPARSE : AIRS_OK;
}

/* The header closest to the name column j wants, among those that name
 * no column, or NULL. */
static const char *suggest_header(const struct loader *L, size_t j)
{
	const char *want = col_head(L, j), *best = NULL;
	size_t i, k, d, best_d = 3;

	for (i = 0; i < L->nf; i++) {
		for (k = 0; k < L->t->ncols && L->at[k] != (long)i; k++)
			;
		if (k == L->t->ncols &&
		    (d = airs__distance(L->head[i], strlen(L->head[i]), want)) <
		            best_d) {
			best_d = d;
			best = L->head[i];
		}
	}
	return best;
}

/* Column j is not in the header: an error when it is required or the
 * mapping names it (a mapped column that is not there would silently
 * change results). */
static int missing_column(struct loader *L, size_t j)
{
	const char *mapped = L->mt ? L->mt->head[j] : NULL;
	const char *near = suggest_header(L, j);
	char q[64], hint[160];

	if (L->mt && L->mt->constant[j])
		return 0;
	if (!(L->t->cols[j].flags & REQ) && !mapped)
		return 0;
	if (L->wide && (j == RESP_ITEM || j == RESP_VALUE))
		return 0;
	hint[0] = '\0';
	if (mapped && column_named(L, L->t->cols[j].name))
		snprintf(hint, sizeof hint, "; the header has a column \"%s\": "
		         "if that is the one, remove the mapping's line",
		         L->t->cols[j].name);
	else if (near)
		snprintf(hint, sizeof hint, " (did you mean the column \"%s\"?)",
		         quote(q, sizeof q, near));
	if (mapped)
		report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line, 0,
		       "%scolumn \"%s\" is missing: the mapping (%s line %llu) "
		       "names the source column \"%s\", which the header does not "
		       "have%s", L->t->cols[j].flags & REQ ? "required " : "",
		       L->t->cols[j].name, L->map.name,
		       (unsigned long long)L->mt->head_line[j],
		       quote(q, sizeof q, mapped), hint);
	else
		report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line, 0,
		       "required column \"%s\" is missing%s", L->t->cols[j].name,
		       hint);
	return 1;
}

/* After the header: every column the table needs is there, or given by
 * the mapping; 0 after reporting what is not. */
static int check_columns(struct loader *L)
{
	const struct table *t = L->t;
	size_t j;
	int ok = 1;

	for (j = 0; j < t->ncols && !L->stop; j++)
		if (L->at[j] < 0 && missing_column(L, j)) {
			ok = 0;
		} else if (L->at[j] >= 0 && L->mt && L->mt->constant[j]) {
			report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line,
			       colno(L, j), "column \"%s\" is in the header, and the "
			       "mapping (%s line %llu) gives it a constant: keep "
			       "one", t->cols[j].name, L->map.name,
			       (unsigned long long)L->mt->constant_line[j]);
			ok = 0;
		}
	if (t->row == row_training && !*val(L, TRN_COURSE) &&
	    L->at[TRN_COURSE] < 0 && !*val(L, TRN_SKILL) &&
	    L->at[TRN_SKILL] < 0 && !L->stop) {
		report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line, 0,
		       "required column \"course_id\" or \"skill_id\" is "
		       "missing; give at least one");
		ok = 0;
	}
	if (L->wide && !L->nattrs && !L->stop) {
		report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line, 0,
		       "the mapping declares responses.csv wide, but no column "
		       "is a survey item id of survey_items.csv (or an item.ID "
		       "of the mapping)");
		ok = 0;
	}
	return ok;
}

/* Map the header row to the table's columns.  Returns AIRS_OK, or
 * AIRS_EPARSE after reporting a problem that makes the file unreadable,
 * or AIRS_ENOMEM. */
static int read_header(struct loader *L)
{
	const struct table *t = L->t;
	size_t i, j, k;
	char q[64];
	int ok = 1, rc;

	L->nf = airs__csv_nfields(L->csv);
	L->nattrs = 0;
	if (L->mt && L->mt->decimal == ',' && airs__csv_delim(L->csv) == ',') {
		report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line, 0,
		       "the mapping declares decimal = , but the fields are "
		       "separated by commas; save the file with \";\" or tabs "
		       "between fields");
		return AIRS_EPARSE;
	}
	if (grow_fields(L, L->nf))
		return AIRS_ENOMEM;
	take_row(L);
	for (j = 0; j < t->ncols; j++)
		L->at[j] = -1;
	L->wide = t->row == row_response && is_wide(L);
	for (i = 0; i < L->nf; i++) {
		const char *h = L->cell[i];
		size_t hl = strlen(h);

		if (!(L->head[i] = keep(L, h)))
			return AIRS_ENOMEM;
		for (k = 0; k < i; k++)
			if (airs__ieq(h, hl, L->head[k]))
				break;
		for (j = 0; j < t->ncols && !airs__ieq(h, hl, col_head(L, j)); j++)
			;
		if (k < i && (j < t->ncols || L->wide ||
		              (t == &tables[T_EMPLOYEES] && is_attr(h)))) {
			report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line,
			       (uint32_t)i + 1,
			       "column \"%s\" appears twice (also column %lu)",
			       quote(q, sizeof q, h), (unsigned long)k + 1);
			ok = 0;
		} else if (j < t->ncols) {
			L->at[j] = (long)i;
		} else if ((rc = other_column(L, i, L->head[i])) == AIRS_ENOMEM) {
			return rc;
		} else if (rc) {
			ok = 0;
		}
		if (L->stop)
			return AIRS_EPARSE;
	}
	if (!check_columns(L))
		ok = 0;
	return ok ? AIRS_OK : AIRS_EPARSE;
}

/* Required fields must not be empty; report the first that is. */
static int required_present(struct loader *L)
{
	size_t j;

	for (j = 0; j < L->t->ncols; j++)
		if ((L->t->cols[j].flags & REQ) && !*val(L, j) &&
		    !(L->wide && (j == RESP_ITEM || j == RESP_VALUE))) {
			report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, L->line,
			       colno(L, j), "%s is missing", L->t->cols[j].name);
			skip_row(L);
			return 0;
		}
	return 1;
}

static void csv_error(struct loader *L, int rc)
{
	if (rc == AIRS_ENOMEM) {
		oom(L);
		return;
	}
	/* The converter's reason only when it stopped the reader: it may
	 * have seen damage ahead of an earlier error. */
	if (rc == AIRS_EIO && L->u16 && L->u16->msg[0]) {
		report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR,
		       airs__csv_error_line(L->csv), 0, "%s", L->u16->msg);
		return;
	}
	report(L, rc, AIRS_SEVERITY_ERROR, airs__csv_error_line(L->csv),
	       airs__csv_error_column(L->csv), "%s", airs__csv_errmsg(L->csv));
}

/* Rows read between progress reports. */
#define PROGRESS_ROWS 1024

/* Count the bytes read since *done in the progress; stop if cancelled
 * (run() reports the cancellation). */
static void count_bytes(struct loader *L, uint64_t *done)
{
	uint64_t at = airs__csv_offset(L->csv);

	if (airs__progress_add(L->progress, at - *done))
		L->stop = 1;
	*done = at;
}

/* Read the table L->t from the reader L->csv, which it frees. */
static void read_table(struct loader *L)
{
	const struct table *t = L->t;
	uint64_t rows = 0, done = 0;
	int rc;

	L->units.n = 0;
	L->later.n = 0;
	L->line = 0;
	memset(L->errs, 0, sizeof L->errs);
	rc = airs__csv_next(L->csv);
	if (rc <= 0) {
		if (rc == 0)
			report(L, AIRS_EPARSE, AIRS_SEVERITY_ERROR, 1, 0,
			       "the file is empty; it needs at least a header "
			       "row");
		else
			csv_error(L, rc);
		goto broken;
	}
	L->line = airs__csv_line(L->csv);
	rc = read_header(L);
	if (rc == AIRS_ENOMEM)
		oom(L);
	if (rc)
		goto broken;
	while (!L->stop && (rc = airs__csv_next(L->csv)) == 1) {
		L->line = airs__csv_line(L->csv);
		if (over_rows(L, ++rows))
			break;
		take_row(L);
		map_values(L);
		if (required_present(L) && t->row(L) == AIRS_ENOMEM)
			oom(L);
		if (rows % PROGRESS_ROWS == 0)
			count_bytes(L, &done);
	}
	count_bytes(L, &done);
	if (rc < 0) {
		csv_error(L, rc);
		if (t->defines != K_NONE)
			L->broken[t->defines] = 1;
	}
	errs_summary(L);
	/* What the file named ahead is applied even after a row error, so
	 * that collect mode reports problems there too. */
	if (!L->stop) {
		if (t->row == row_unit &&
		    (add_units(L) || (!L->stop && check_unit_depth(L))))
			oom(L);
		else if (t->row == row_skill)
			add_prerequisites(L);
		else if (t->row == row_employee) {
			set_managers(L);
			if (!L->stop && check_chain_depth(L))
				oom(L);
		}
	}
	airs__csv_free(L->csv);
	L->csv = NULL;
	return;
broken:
	if (t->defines != K_NONE)
		L->broken[t->defines] = 1;
	airs__csv_free(L->csv);
	L->csv = NULL;
}

/* ------------------------------------------------------------------------
 * Entry points
 * ---------------------------------------------------------------------- */

/* Where each table comes from: a buffer, a file, or nowhere. */
struct source {
	const char *data;
	size_t len;
	int given;
	FILE *file;
	size_t size; /* bytes, for sharing the record files among threads */
};

static int file_read(void *ctx, char *buf, size_t cap, size_t *got)
{
	FILE *f = ctx;

	*got = fread(buf, 1, cap, f);
	return *got < cap && ferror(f) ? AIRS_EIO : AIRS_OK;
}

/* A refusal before loading starts: the message goes to the model and,
 * when it can hold it, to first (the one error rule, airs/common.h). */
static int refuse(airs_model *m, airs_diag *first, int status,
                  const char *fmt, ...) AIRS__PRINTF(4, 5);

static int refuse(airs_model *m, airs_diag *first, int status,
                  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	airs__vfail(m->failure.msg, status, fmt, ap);
	va_end(ap);
	airs__diag_set(first, status, AIRS_SEVERITY_ERROR, NULL, 0, 0, "%s",
	               m->failure.msg);
	return status;
}

static int begin_load(struct loader *L, airs_model *m,
                      const airs_load_options *opts, airs_diag *first)
{
	airs_load_options o;
	size_t k;

	memset(L, 0, sizeof *L);
	if (!m)
		return AIRS_EINVAL;
	m->failure.msg[0] = '\0';
	if (airs__diag_check(first))
		return airs__fail(m->failure.msg, AIRS_EINVAL,
		                  "first_error: diag size is not set: "
		                  "initialise it with AIRS_DIAG_INIT");
	airs__diag_set(first, AIRS_OK, AIRS_SEVERITY_ERROR, NULL, 0, 0, "%s", "");
	if (AIRS__IN(LOAD_OPTIONS, &o, opts))
		return refuse(m, first, AIRS_EINVAL, "options %s",
		              airs__struct_why(opts, sizeof o,
		                               AIRS__FIRST(LOAD_OPTIONS)));
	if (m->finished)
		return refuse(m, first, AIRS_EINVAL, "the model is finished and "
		              "can no longer change");
	if (!o.map && o.map_len)
		return refuse(m, first, AIRS_EINVAL, "options: map is NULL but "
		              "map_len is %lu", (unsigned long)o.map_len);
	if (o.flags & ~(uint32_t)(AIRS_LOAD_FOLLOW_SYMLINKS | AIRS_LOAD_STRICT))
		return refuse(m, first, AIRS_EINVAL, "options: flags 0x%x has "
		              "bits this library does not know",
		              (unsigned)o.flags);
	L->m = m;
	L->failure = &m->failure;
	airs__model_views(&L->rec, m);
	L->mem = m->mem;
	for (k = 0; k < K_COUNT; k++)
		airs__names_init(&L->failed[k], &m->key);
	L->limit = o.max_errors > 1 ? o.max_errors : 1;
	L->on_diag = o.on_diag;
	L->user = o.user;
	L->max_field = o.max_field;
	L->threads = o.threads > 64 ? 64 : (uint32_t)o.threads;
	L->progress_fn = o.progress;
	L->progress_user = o.progress_user;
	L->max_rows = o.max_rows ? o.max_rows : AIRS_LOAD_MAX_ROWS;
	L->max_ids = o.max_ids ? o.max_ids : AIRS_LOAD_MAX_IDS;
	L->max_depth = o.max_depth ? o.max_depth : AIRS_LOAD_MAX_DEPTH;
	L->max_role_skills = o.max_role_skills ? o.max_role_skills
	                                       : AIRS_LOAD_MAX_ROLE_SKILLS;
	L->flags = o.flags;
	L->map_text = o.map;
	L->map_len = o.map_len;
	L->map_name = o.map_name;
	airs__arena_init(&L->arena, &L->mem);
	return AIRS_OK;
}

/* Parse the options' mapping against the tables.  A mistake in it fails
 * the load before any table is read. */
static int load_map(struct loader *L, airs_diag *first)
{
	airs__map_schema schema[NTABLES];
	airs_diag d = AIRS_DIAG_INIT;
	size_t i;
	int rc;

	for (i = 0; i < NTABLES; i++) {
		schema[i].file = tables[i].file;
		schema[i].cols = tables[i].names;
		schema[i].ncols = tables[i].ncols;
		schema[i].wide = i == T_RESPONSES;
	}
	rc = airs__map_parse(&L->map, &L->mem, schema, NTABLES, L->map_name,
	                     L->map_text, L->map_len, &d);
	if (!rc)
		return AIRS_OK;
	emit(L, d.status, AIRS_SEVERITY_ERROR, d.file, d.line, d.column, d.text);
	airs_diag_format(&L->first, L->m->failure.msg, sizeof L->m->failure.msg);
	AIRS__OUT(first, &L->first);
	return rc;
}

static void end_load(struct loader *L)
{
	size_t k;

	for (k = 0; k < K_COUNT; k++)
		airs__names_free(&L->failed[k], &L->mem);
	airs__map_free(&L->map);
	airs__free(&L->mem, L->role_skills);
	airs__arena_free(&L->arena);
	airs__free(&L->mem, L->units.v);
	airs__free(&L->mem, L->later.v);
	airs__free(&L->mem, L->cell);
	airs__free(&L->mem, L->head);
	airs__free(&L->mem, L->attrs);
}

/* The UTF-16 byte order mark source src begins with (utf16.h), 0 if
 * none; a file is left at its start. */
static int source_bom(const struct source *src)
{
	char b[2];
	size_t n;

	if (!src->file)
		return airs__utf16_bom(src->data, src->len);
	n = fread(b, 1, 2, src->file);
	if (fseek(src->file, 0, SEEK_SET) != 0)
		return 0; /* then read as it is: the reader reports it */
	return airs__utf16_bom(b, n);
}

/* A reader for src: UTF-8 as it is, UTF-16 with a BOM through L->u16. */
static int open_reader(struct loader *L, const struct source *src)
{
	int order = source_bom(src);

	if (!order)
		return src->file ? airs__csv_new(&L->csv, &L->mem, file_read,
		                                 src->file, L->max_field)
		                 : airs__csv_new_buffer(&L->csv, &L->mem,
		                                        src->data, src->len,
		                                        L->max_field);
	if (!(L->u16 = airs__malloc(&L->mem, sizeof *L->u16)))
		return AIRS_ENOMEM;
	L->min.p = src->data;
	L->min.left = src->len;
	airs__utf16_init(L->u16, order, src->file ? file_read : airs__mem_read,
	                 src->file ? (void *)src->file : (void *)&L->min);
	return airs__csv_new(&L->csv, &L->mem, airs__utf16_read, L->u16,
	                     L->max_field);
}

/* Read table i from its source. */
static void read_source(struct loader *L, size_t i, const struct source *src)
{
	L->t = &tables[i];
	L->mt = L->map.t ? &L->map.t[i] : NULL;
	if (open_reader(L, src)) {
		oom(L);
	} else {
		airs__csv_set_trim(L->csv, 1);
		airs__csv_set_delim(L->csv, L->mt ? L->mt->delim : 0);
		read_table(L);
	}
	airs__free(&L->mem, L->u16);
	L->u16 = NULL;
}

/* ------------------------------------------------------------------------
 * The record tables on several threads
 *
 * Assessments, training, responses and usage only name ids of the tables
 * before them, remember no failed ids of their own, and add to disjoint
 * parts of the model (model.h, "Views").  Each lane - a thread with a
 * loader of its own, which has no model but views onto copies of those
 * parts - reads some of them and holds its diagnostics.  After the join
 * the parts of each lane's kinds are taken back and the held
 * diagnostics are reported table by table in dependency order,
 * through the same emit() a single thread uses: so the callback sees the
 * same diagnostics in the same order, the limit cuts at the same place,
 * and the first error is the same.  A lane may read further than one
 * thread would have (past an error limit another lane reached first);
 * that only happens when the load fails, and a failed load is undone.
 * ---------------------------------------------------------------------- */

#define MAX_LANES (NTABLES - T_RECORDS)

struct held {
	size_t table;
	airs_diag d;
};

struct lane {
	struct loader L;       /* adds through views onto parts, holds
	                          diagnostics */
	airs__rec_parts parts;
	const struct source *src;
	size_t table[MAX_LANES], ntables, bytes;
	AIRS__VEC(struct held) held;
	size_t lost;           /* table where a diagnostic could not be held,
	                          or NTABLES */
	uint64_t lost_line;
};

/* Keep a diagnostic of a lane.  Nonzero, with the lane stopped, when
 * there is no memory for it: the report then says "out of memory" there. */
static int hold(struct loader *L, const airs_diag *d)
{
	struct lane *ln = L->lane;

	if (airs__grow(&L->mem, &ln->held.v, &ln->held.cap, ln->held.n + 1,
	               sizeof *ln->held.v)) {
		ln->lost = (size_t)(L->t - tables);
		ln->lost_line = L->line;
		L->stop = 1;
		return 1;
	}
	ln->held.v[ln->held.n].table = (size_t)(L->t - tables);
	ln->held.v[ln->held.n].d = *d;
	ln->held.n++;
	return 0;
}

static void lane_run(void *lanes, size_t i)
{
	struct lane *ln = (struct lane *)lanes + i;
	size_t k;

	for (k = 0; k < ln->ntables && !ln->L.stop; k++)
		read_source(&ln->L, ln->table[k], &ln->src[ln->table[k]]);
}

static int record_kind(size_t table)
{
	static const int kind[MAX_LANES] = {
		[T_ASSESSMENTS - T_RECORDS] = AIRS_ENTITY_ASSESSMENT,
		[T_TRAINING - T_RECORDS] = AIRS_ENTITY_TRAINING,
		[T_RESPONSES - T_RECORDS] = AIRS_ENTITY_RESPONSE,
		[T_USAGE - T_RECORDS] = AIRS_ENTITY_USAGE
	};
	return kind[table - T_RECORDS];
}

/* Read the given record tables, on several threads if there are CPUs. */
static void read_records(struct loader *L, const struct source *src)
{
	struct lane lanes[MAX_LANES], *ln;
	size_t given[MAX_LANES], n = 0, nl, i, j, k;

	for (i = T_RECORDS; i < NTABLES; i++)
		if (src[i].given)
			given[n++] = i;
	nl = airs__threads_for(L->threads, n, 1);
	if (nl < 2) {
		for (i = 0; i < n && !L->stop; i++)
			read_source(L, given[i], &src[given[i]]);
		return;
	}
	for (k = 0; k < nl; k++) {
		ln = &lanes[k];
		memset(ln, 0, sizeof *ln);
		airs__model_views_apart(&ln->L.rec, L->m, &ln->parts);
		ln->L.failure = &ln->parts.failure;
		ln->L.mem = L->mem;
		ln->L.lane = ln;
		ln->L.max_field = L->max_field;
		ln->L.registry = L->registry;
		ln->L.max_rows = L->max_rows;
		ln->L.max_ids = L->max_ids;
		ln->L.max_depth = L->max_depth;
		ln->L.flags = L->flags;
		ln->L.map = L->map; /* read only; freed by L */
		ln->L.progress = L->progress;
		ln->L.limit = L->limit - L->nerr;
		/* read only: record tables remember no failed ids */
		memcpy(ln->L.failed, L->failed, sizeof L->failed);
		memcpy(ln->L.broken, L->broken, sizeof L->broken);
		airs__arena_init(&ln->L.arena, &ln->L.mem);
		ln->src = src;
		ln->lost = NTABLES;
	}
	/* Largest first, each to the lane with the fewest bytes so far; a
	 * lane reads its tables in dependency order. */
	while (n) {
		size_t big = 0;
		for (j = 1; j < n; j++)
			if (src[given[j]].size > src[given[big]].size)
				big = j;
		ln = &lanes[0];
		for (k = 1; k < nl; k++)
			if (lanes[k].bytes < ln->bytes)
				ln = &lanes[k];
		ln->table[ln->ntables++] = given[big];
		ln->bytes += src[given[big]].size + 1;
		given[big] = given[--n];
	}
	for (k = 0; k < nl; k++) {
		ln = &lanes[k];
		for (i = 1; i < ln->ntables; i++)
			for (j = i; j > 0 && ln->table[j - 1] > ln->table[j]; j--) {
				size_t t = ln->table[j];
				ln->table[j] = ln->table[j - 1];
				ln->table[j - 1] = t;
			}
	}
	airs__parallel_for(nl, nl, lane_run, lanes);
	/* Report what the lanes held, in table order, as one thread would
	 * have; then take back the records. */
	for (i = T_RECORDS; i < NTABLES; i++)
		for (k = 0; k < nl; k++) {
			ln = &lanes[k];
			for (j = 0; j < ln->held.n; j++)
				if (ln->held.v[j].table == i) {
					const airs_diag *d = &ln->held.v[j].d;
					L->t = &tables[i];
					emit(L, d->status, d->severity, d->file,
					     d->line, d->column, d->text);
				}
			if (ln->lost == i) {
				L->t = &tables[i];
				L->line = ln->lost_line;
				oom(L);
			}
		}
	for (k = 0; k < nl; k++) {
		ln = &lanes[k];
		for (i = 0; i < ln->ntables; i++)
			airs__model_join(L->m, &ln->parts,
			                 record_kind(ln->table[i]));
		airs__arena_free(&ln->L.arena);
		airs__free(&L->mem, ln->L.cell);
		airs__free(&L->mem, ln->L.head);
		airs__free(&L->mem, ln->L.attrs);
		airs__free(&L->mem, ln->held.v);
	}
}

/* Read every given table in dependency order; all or nothing. */
static int run(struct loader *L, struct source *src, airs_diag *first)
{
	airs__model_mark mark;
	airs__progress progress;
	uint64_t total = 0;
	size_t i;

	for (i = 0; i < NTABLES; i++)
		total += src[i].given ? src[i].size : 0;
	airs__progress_init(&progress, L->progress_fn, L->progress_user, total);
	L->progress = &progress;
	airs__model_mark_get(L->m, &mark);
	for (i = 0; i < T_RECORDS && !L->stop; i++)
		if (src[i].given)
			read_source(L, i, &src[i]);
	L->registry = L->m->tools.n > 0;
	if (!L->stop)
		read_records(L, src);
	if (!L->nerr && airs__progress_finish(&progress) == AIRS_OK) {
		L->m->failure.msg[0] = '\0';
		L->m->failure.field = "";
		L->m->failure.rule[0] = '\0';
		return AIRS_OK;
	}
	airs__model_rollback(L->m, &mark);
	if (airs__progress_check(&progress))
		return refuse(L->m, first, AIRS_ECANCELED, "loading was cancelled "
		              "by the progress callback");
	airs_diag_format(&L->first, L->m->failure.msg, sizeof L->m->failure.msg);
	AIRS__OUT(first, &L->first);
	return L->first.status;
}

int airs_load_buffers(airs_model *m, const airs_table_buffer *tb, size_t n,
                      const airs_load_options *opts, airs_diag *first)
{
	struct source src[NTABLES];
	struct loader L;
	size_t i, k;
	int rc;

	if ((rc = begin_load(&L, m, opts, first)))
		return rc;
	if ((rc = load_map(&L, first))) {
		end_load(&L);
		return rc;
	}
	memset(src, 0, sizeof src);
	if (n && !tb) {
		end_load(&L);
		return airs__fail(m->failure.msg, AIRS_EINVAL, "tables is NULL");
	}
	for (i = 0; i < n; i++) {
		const char *name = tb[i].name ? tb[i].name : "";
		for (k = 0; k < NTABLES && strcmp(name, tables[k].file); k++)
			;
		if (k == NTABLES || src[k].given || (!tb[i].data && tb[i].len)) {
			char q[64];
			end_load(&L);
			return airs__fail(m->failure.msg, AIRS_EINVAL,
			                  k == NTABLES
			                          ? "table \"%s\" is not a dataset "
			                            "file name"
			                  : src[k].given
			                          ? "table \"%s\" is given twice"
			                          : "table \"%s\" has no data",
			                  quote(q, sizeof q, name));
		}
		src[k].given = 1;
		src[k].data = tb[i].data;
		src[k].len = tb[i].len;
		src[k].size = tb[i].len;
	}
	rc = run(&L, src, first);
	end_load(&L);
	return rc;
}

/* An error that is about a file, not a position in it. */
static int file_error(struct loader *L, airs_diag *first, int status,
                      const char *file, const char *fmt, ...)
	AIRS__PRINTF(5, 6);

static int file_error(struct loader *L, airs_diag *first, int status,
                      const char *file, const char *fmt, ...)
{
	char text[AIRS_DIAG_TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	emit(L, status, AIRS_SEVERITY_ERROR, file, 0, 0, text);
	airs_diag_format(&L->first, L->m->failure.msg, sizeof L->m->failure.msg);
	AIRS__OUT(first, &L->first);
	return status;
}

/* Open a table of the dataset folder for reading into src: only a
 * regular file, never through a symbolic link unless the options allow
 * it, and never blocking (a FIFO is refused, not read).  A missing
 * optional table is left unopened. */
static int open_table(struct loader *L, airs_diag *first, const char *path,
                      const char *name, int required, struct source *src)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC |
	                            (L->flags & AIRS_LOAD_FOLLOW_SYMLINKS
	                                     ? 0
	                                     : O_NOFOLLOW));
	struct stat st;

	if (fd < 0 && errno == ENOENT && !required)
		return AIRS_OK;
	if (fd < 0)
		return file_error(L, first, AIRS_EIO, name,
		                  errno == ENOENT
		                          ? "the file is missing from the dataset "
		                            "folder; it is required"
		                  : errno == ELOOP
		                          ? "the file is a symbolic link, which "
		                            "airs does not follow (load option "
		                            "flags AIRS_LOAD_FOLLOW_SYMLINKS; "
		                            "CLI: --follow-symlinks)"
		                          : "the file cannot be opened");
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return file_error(L, first, AIRS_EIO, name,
		                  "the file is not a regular file (a FIFO, a "
		                  "device or a folder): airs reads only regular "
		                  "files");
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0 ||
	    !(src->file = fdopen(fd, "rb"))) {
		close(fd);
		return file_error(L, first, AIRS_EIO, name,
		                  "the file cannot be opened");
	}
	/* The reader pulls 64 KiB at a time; stdio need not buffer on top
	 * of that. */
	setvbuf(src->file, NULL, _IONBF, 0);
	src->given = 1;
	if (st.st_size > 0)
		src->size = (size_t)st.st_size;
	return AIRS_OK;
}

int airs_load_dir(airs_model *m, const char *dir, const airs_load_options *opts,
                  airs_diag *first)
{
	struct source src[NTABLES];
	struct loader L;
	struct stat st;
	char path[4096];
	size_t i;
	int rc = AIRS_OK;

	if ((rc = begin_load(&L, m, opts, first)))
		return rc;
	memset(src, 0, sizeof src);
	if (!dir) {
		end_load(&L);
		return refuse(m, first, AIRS_EINVAL, "dir is NULL");
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		rc = file_error(&L, first, AIRS_EIO, dir,
		                "the dataset folder does not exist or is not a "
		                "folder");
		goto out;
	}
	if ((rc = load_map(&L, first)))
		goto out;
	for (i = 0; i < NTABLES; i++) {
		const char *name = L.map.t && L.map.t[i].file ? L.map.t[i].file
		                                              : tables[i].file;
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >=
		    sizeof path) {
			rc = file_error(&L, first, AIRS_EIO, name,
			                "the folder path is too long");
			goto out;
		}
		rc = open_table(&L, first, path, name, i == T_EMPLOYEES, &src[i]);
		if (rc)
			goto out;
	}
	rc = run(&L, src, first);
out:
	for (i = 0; i < NTABLES; i++)
		if (src[i].file)
			fclose(src[i].file);
	end_load(&L);
	return rc;
}

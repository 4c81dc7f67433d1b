/*
 * model.h - the model's internal layout, shared by the layers above it.
 *
 * Entities are kept in arrays in order of addition and referred to by
 * their 32-bit index; ids live in per-kind id spaces (names.h), text in
 * the arena.  Nothing here reads attributes except attr accessors: no
 * scoring code may include attribute data (see docs/architecture.md).
 */
#ifndef AIRS_MODEL_INTERNAL_H
#define AIRS_MODEL_INTERNAL_H

#include <stdatomic.h>
#include <stdint.h>

#include "airs/model.h"
#include "alloc.h"
#include "arena.h"
#include "error.h"
#include "hashidx.h"
#include "names.h"
#include "srcmap.h"

/* The survey constructs the methodology scores (docs/data-format.md). */
enum airs__construct {
	AIRS__C_CLARITY = 0,
	AIRS__C_USEFULNESS,
	AIRS__C_TRUST,
	AIRS__C_SECURITY,
	AIRS__C_SUPPORT,
	AIRS__C_VOICE,
	AIRS__C_RECOMMEND,
	AIRS__C_TIME_SAVED,
	AIRS__C_ERROR_CHANGE,
	AIRS__C_COUNT,
	AIRS__C_UNSCORED = -1
};

/* The construct named by len bytes at s (case-insensitive), or
 * AIRS__C_UNSCORED. */
int airs__construct_parse(const char *s, size_t len);
const char *airs__construct_name(int construct);

typedef struct airs__unit {
	const char *name;
	uint32_t parent; /* AIRS__NONE for a root */
	int32_t target;  /* declared target 1..5, 0 = inherit */
} airs__unit;

typedef struct airs__role {
	const char *name;
} airs__role;

typedef struct airs__skill {
	const char *name;
	const char *category; /* "" when not given */
} airs__skill;

typedef struct airs__prereq {
	uint32_t skill, requires;
	double min_level;
} airs__prereq;

typedef struct airs__role_skill {
	uint32_t role, skill;
	double level, weight;
} airs__role_skill;

typedef struct airs__employee {
	uint32_t unit, role;
	uint32_t manager; /* AIRS__NONE when none */
	int32_t leader;
} airs__employee;

/* The records of employees (assessments, training, responses, usage)
 * are most of a model's memory, so they are kept narrow: the employee of
 * each is a column of its own (AIRS__RECS) that airs_model_finish()
 * replaces with an index by employee, and an assessment packs its date
 * (1900..9999 is -25567..2932896 days) with its source. */
typedef struct airs__assessment {
	double level;
	uint32_t skill;
	signed int date : 24;
	unsigned int source : 8;
} airs__assessment;

typedef struct airs__course {
	const char *name;
	uint32_t skill;
	int32_t format;
	double hours, gain, cost;
} airs__course;

typedef struct airs__training {
	double hours;
	uint32_t course; /* AIRS__NONE when not given */
	uint32_t skill;  /* the course's skill when only the course was given */
	int32_t status;
	airs_date date;
} airs__training;

typedef struct airs__item {
	const char *construct_name;
	const char *text; /* "" when not given */
	int32_t construct; /* enum airs__construct */
	int32_t reverse;
	double min, max;
	uint32_t tool;     /* the tool it asks about (a tool number), or
	                      AIRS__NONE for AI tools in general */
} airs__item;

/* A registered tool (tools.csv).  Tools are numbered by their id in the
 * tool id space (usages.tool_ids), which usage records and survey items
 * also add to; tools[i] describes tool i when i < tools.n and its name
 * is not NULL, and every other tool is unregistered. */
typedef struct airs__tool {
	const char *name;     /* NULL: not registered (a gap filler) */
	const char *category; /* "" when not given */
	int32_t unsanctioned;
	airs_month available; /* 0: not given */
} airs__tool;

typedef struct airs__response {
	double value;
	uint32_t item;
	airs_date date;
} airs__response;

/* A declared survey wave (survey_waves.csv; since 1.2): a closed survey
 * period, start .. end inclusive.  Waves do not overlap. */
typedef struct airs__wave {
	airs_date start, end;
} airs__wave;

/* 8 bytes (12 as three words): a month the model accepts is -840..96359
 * (1900-01..9999-12, airs__month_valid()) and active days are 0..31
 * (range-checked by the adder), so both share a word; a bit-field
 * promotes to int, so readers see the values as before. */
typedef struct airs__usage {
	uint32_t tool;
	signed int period : 24; /* airs_month */
	unsigned int days : 8;
} airs__usage;

/* A growable array of records. */
#define AIRS__VEC(type) struct { type *v; size_t n, cap; }
/* ... of employees' records: emp[i] is record i's employee until
 * airs_model_finish() indexes them by employee and frees emp; src says
 * where the loader read them (srcmap.h). */
#define AIRS__RECS_FIELDS(type) \
	type *v; uint32_t *emp; size_t n, cap, ecap; airs__srcmap src;
#define AIRS__RECS(type) struct { AIRS__RECS_FIELDS(type) }

/* The adders' caches of the small id spaces every row names (names.h):
 * one set per thread that adds.  Attribute names and values (gender, an
 * age band) are as few, and every employee row names them. */
typedef struct airs__idcaches {
	airs__idcache skill, course, item, unit, role, tool;
	airs__idcache attr_name, attr_value;
} airs__idcaches;

typedef AIRS__VEC(airs__course) airs__courses;
typedef AIRS__VEC(airs__item) airs__items;
typedef AIRS__VEC(airs__wave) airs__waves;

/* The parts of a model that adding records of one kind writes (see
 * "Views" below): the records, and for usage also the tool ids and the
 * duplicate detection of (employee, tool, month), which
 * airs_model_finish() frees.  Usage records usually come grouped by
 * employee; while every employee's records are one consecutive run, a
 * new record can only repeat one of the current run, which is scanned.
 * The first record that breaks the pattern (or a run longer than a
 * bound) switches to the hash index over all usage records, which is
 * then kept up to date. */
typedef AIRS__RECS(airs__assessment) airs__assessments;
typedef AIRS__RECS(airs__training) airs__trainings;
typedef AIRS__RECS(airs__response) airs__responses;
typedef struct airs__usages {
	AIRS__RECS_FIELDS(airs__usage)
	airs__names tool_ids;
	airs__hashkey key;   /* the model's, as each id space keeps it */
	airs__hashidx idx;
	int hashed;          /* idx is in use */
	uint64_t *seen;      /* bit per employee: has usage records */
	size_t seen_words;
	uint32_t run_emp;    /* employee of the last usage record */
	size_t run_start;    /* where that employee's run starts */
} airs__usages;

/* A role's requirement of a skill at a level above 0 (methodology 3.2). */
typedef struct airs__req {
	uint32_t skill;
	double q, v; /* required level, weight */
} airs__req;

/* Why the last change failed: the message a handle reports
 * (airs_model_errmsg()) and, for the loader to point at the right
 * column, the record field ("level") and the rule it broke ("is outside
 * 0..5"). */
typedef struct airs__failure {
	char msg[AIRS__MSG_MAX];
	const char *field;
	char rule[160];
} airs__failure;

/* The id spaces that finish() sorts, indexes into airs_model.sorted[]. */
enum {
	AIRS__S_UNIT, AIRS__S_ROLE, AIRS__S_SKILL, AIRS__S_EMP, AIRS__S_COURSE,
	AIRS__S_ITEM, AIRS__S_TOOL, AIRS__S_ATTR, AIRS__SPACES
};

/* Indexes built by airs_model_finish(): records of each employee as a
 * compressed row (start[e] .. start[e+1] in order[]), requirements of each
 * role likewise, children of each unit, and effective unit targets.  An
 * employee's assessments, training and responses are in content order:
 * assessments by skill, date, source, level; training by date, status,
 * hours; responses by item id, date, value (sorted once, n log n). */
typedef struct airs__csr {
	uint32_t *start; /* count + 1 entries */
	uint32_t *order; /* record numbers; NULL when the records already are
	                    in owner order (the common case of an export
	                    sorted by employee): 4 bytes a record saved */
	int8_t *shift;   /* when order is NULL and shift is not: entry i is
	                    record i + shift[i].  Content order moves a record
	                    only within its employee's run, so in an export
	                    sorted by employee no record moves 128 places or
	                    more: 3 bytes a record saved (40 MB of
	                    assessments at 1M employees) */
} airs__csr;

/* The i-th record number of a compressed row index. */
static inline uint32_t airs__csr_at(const airs__csr *c, size_t i)
{
	if (c->order)
		return c->order[i];
	return c->shift ? (uint32_t)((int64_t)i + c->shift[i]) : (uint32_t)i;
}

struct airs_model {
	airs__mem mem;
	atomic_int refs;  /* the owner's reference plus one per live result */
	int finished;
	airs__failure failure;

	airs__arena arena;
	airs__hashkey key;  /* of every hash table of the model (hashidx.h) */
	airs__names unit_ids, role_ids, skill_ids, emp_ids, course_ids, item_ids;
	uint32_t emp_hint; /* employee of the last record added (a guess) */
	size_t threads;    /* for airs_model_finish(): the last load's
	                      airs_load_options.threads, 0 (one per CPU)
	                      before any */
	airs__idcaches ids; /* the adders' guesses at small id spaces */
	airs__names attr_names, attr_values;

	AIRS__VEC(airs__unit) units;
	AIRS__VEC(airs__role) roles;
	AIRS__VEC(airs__skill) skills;
	AIRS__VEC(airs__prereq) prereqs;
	AIRS__VEC(airs__role_skill) role_skills;
	AIRS__VEC(airs__employee) emps;
	airs__courses courses;
	airs__items items;
	AIRS__VEC(airs__tool) tools; /* the registry, by tool number */
	airs__waves waves;  /* declared waves, by wave number */
	airs__names wave_ids;
	/* the record kinds, each with what only adding it writes */
	airs__assessments assessments;
	airs__trainings trainings;
	airs__responses responses;
	airs__usages usages;

	/* Duplicate detection of (role, skill) and (skill, requires), freed
	 * by airs_model_finish(). */
	airs__hashidx role_skill_idx, prereq_idx;

	/* Attributes: one column per attribute name, indexed by employee;
	 * a cell holds value number + 1, or 0 when unset. */
	uint32_t **attr_cols;
	size_t *attr_col_len; /* employees each column has room for */
	size_t attr_cap;      /* room in the two arrays above */
	size_t attr_set;      /* number of non-empty cells */

	/* Built by airs_model_finish(). */
	airs__csr by_emp_assessment, by_emp_training, by_emp_response,
	          by_emp_usage, by_role_skill, unit_children;
	int32_t *unit_target; /* effective target per unit, 0 = none */
	/* Id spaces in id order: order[] lists numbers by id, rank[] gives a
	 * number's position; the canonical order of output and digests. */
	struct airs__sorted {
		uint32_t *order, *rank;
	} sorted[AIRS__SPACES];
	/* Each role's requirements with level > 0 in skill id order - the
	 * canonical order every sum over them runs in (scoring and planning
	 * read the same list): req[req_start[r] .. req_start[r+1]), and the
	 * sum of their weights per role. */
	uint32_t *req_start;
	airs__req *req;
	double *req_weight;
	airs_month usage_last; /* latest month of any usage row; INT32_MIN
	                          when none */
	uint32_t *unit_depth;  /* 0 for roots */
	/* The months with any answer, ascending (finish): the periods a
	 * scoring without declared waves can read (wave.c). */
	airs_month *answer_months;
	size_t n_answer_months;

	/* The input digest, stored by the first airs_model_digest() call that
	 * computes it (digest.c): besides refs, the one thing in a finished
	 * model that changes.  digest_state: 0 not stored, 1 being stored,
	 * 2 stored (published with release, read with acquire). */
	atomic_int digest_state;
	char digest[65];
};

/* Everything a loader needs to undo: the size of every array and id space
 * and the arena's fill, taken before a load. */
typedef struct airs__model_mark {
	size_t units, roles, skills, prereqs, role_skills, emps, assessments,
	       courses, trainings, items, responses, usages, tools, waves;
	size_t tool_ids, attr_names, attr_values, attr_set;
	airs__arena_mark arena;
} airs__model_mark;

void airs__model_mark_get(const airs_model *m, airs__model_mark *mark);
/* Remove everything added since the mark (only additions: a loader never
 * modifies entities that existed before it started).  Never allocates. */
void airs__model_rollback(airs_model *m, const airs__model_mark *mark);

/* ------------------------------------------------------------------------
 * Views: adding records on several threads
 *
 * The adders of the four record kinds (assessment, training, response,
 * usage) read the id spaces and the entities a record names, and write
 * only their own kind's part (for usage also the arena, which holds new
 * tool ids), why an add failed, and the employee hint.  Each adds
 * through a view of its kind that holds exactly those: const pointers to
 * what it reads, and pointers to what it may write, so an adder that
 * touched another kind's part would not compile.  A thread adding
 * records takes copies of those parts (airs__rec_parts), adds through
 * views onto its copies, and its kinds' parts are taken back after the
 * threads are joined.  While views are in use, nothing else may add to
 * or read from the model.
 * ---------------------------------------------------------------------- */

/* What every record adder reads, and where it says why it failed and
 * keeps its guess at the next record's employee. */
typedef struct airs__rec_base {
	const airs__mem *mem;
	const airs__names *emp_ids, *skill_ids, *course_ids, *item_ids;
	const airs__courses *courses;
	const airs__items *items;
	const airs__names *wave_ids;
	const airs__waves *waves;
	airs__failure *failure;
	uint32_t *emp_hint;
	airs__idcaches *ids;
} airs__rec_base;

typedef struct airs__assessment_view {
	airs__rec_base b;
	airs__assessments *assessments;
} airs__assessment_view;

typedef struct airs__training_view {
	airs__rec_base b;
	airs__trainings *trainings;
} airs__training_view;

typedef struct airs__response_view {
	airs__rec_base b;
	airs__responses *responses;
} airs__response_view;

typedef struct airs__usage_view {
	airs__rec_base b;
	airs__usages *usages;
	airs__arena *arena;
} airs__usage_view;

/* A view of each record kind. */
typedef struct airs__rec_views {
	airs__assessment_view assessment;
	airs__training_view training;
	airs__response_view response;
	airs__usage_view usage;
} airs__rec_views;

/* A thread's copies of what record adders write. */
typedef struct airs__rec_parts {
	airs__failure failure;
	uint32_t emp_hint;
	airs__idcaches ids;
	airs__assessments assessments;
	airs__trainings trainings;
	airs__responses responses;
	airs__usages usages;
	airs__arena arena;
} airs__rec_parts;

/* Views that add to m itself. */
void airs__model_views(airs__rec_views *v, airs_model *m);

/* Set the managers of n distinct employees who have none yet at once:
 * emp[i] is managed by mgr[i] (AIRS__NONE: nobody), as if linked one by
 * one in order over the managers already set.  A link that would close a cycle with those
 * before it is not made and cycle[i] is 1 (in a graph where everyone has
 * one manager, that is the last link of each cycle).  Linear in the
 * employees.  AIRS_ENOMEM changes nothing. */
int airs__model_link_managers(airs_model *m, const uint32_t *emp,
                              const uint32_t *mgr, size_t n,
                              unsigned char *cycle);

/* Refuse a manager link that would close a cycle (self: the employee
 * would manage itself), with airs_model_set_manager()'s message;
 * returns AIRS_ECYCLE. */
int airs__model_manager_cycle(airs_model *m, const char *employee_id,
                              const char *manager_id, int self);
/* Views that add to copies of m's parts, made into *p. */
void airs__model_views_apart(airs__rec_views *v, const airs_model *m,
                             airs__rec_parts *p);
/* Take back from p the part of kind (an AIRS_ENTITY_* record kind) that
 * was added to through views onto p. */
void airs__model_join(airs_model *m, const airs__rec_parts *p, int kind);

/* The record adders of the public API (airs/model.h) without its size
 * protocol: the record is read whole.  Failures are said in the view's
 * failure. */
int airs__add_assessment(const airs__assessment_view *v,
                         const airs_assessment_rec *r);
int airs__add_training(const airs__training_view *v,
                       const airs_training_rec *r);
int airs__add_response(const airs__response_view *v,
                       const airs_response_rec *r);
int airs__add_usage(const airs__usage_view *v, const airs_usage_rec *r);

/* The registry entry of tool number t, or NULL when t is not
 * registered. */
static inline const airs__tool *airs__tool_at(const airs_model *m, uint32_t t)
{
	return t < m->tools.n && m->tools.v[t].name ? &m->tools.v[t] : NULL;
}

/* Drop a reference taken by a result; frees the model at zero. */
void airs__model_release(airs_model *m);
/* Take a reference for a result. */
void airs__model_retain(const airs_model *m);

#endif

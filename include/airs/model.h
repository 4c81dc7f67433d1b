/*
 * airs/model.h - the workforce model: what an organisation is made of.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 * A model holds org units (a tree with leadership's target AI-maturity
 * level), roles and the skill levels they require, skills and their
 * prerequisites, employees, skill assessments, courses, training records,
 * survey items and responses, and AI tool usage.  An HRIS feeds it through
 * the airs_model_add_*() functions below (or airs_load_dir(), see
 * airs/load.h), then calls airs_model_finish(); a finished model is
 * immutable and may be scored from several threads at once.
 *
 * Ids are case-sensitive, non-empty UTF-8 strings of at most
 * AIRS_ID_MAX bytes without control characters; each kind of entity has
 * its own id space.  References must point at entities already added:
 * add units parents first, skills before the prerequisites and role
 * requirements that name them, employees before their records.
 *
 * Every add validates the whole record first - ranges, unknown
 * references, duplicates, cycles - and on any error returns a negative
 * status, stores a message naming the offending id and field (read it with
 * airs_model_errmsg()) and leaves the model exactly as it was.
 *
 * Records are passed as structs that begin with `size`: declare them with
 * the *_INIT macro, which zeroes every other field.  A zero (or NULL)
 * optional field takes the default documented beside it.  The library
 * copies what it keeps; the caller's strings need not outlive the call.
 *
 * Thread safety: a model under construction must not be used from two
 * threads at once.  After airs_model_finish() it is read-only and may be
 * shared freely.
 */
#ifndef AIRS_MODEL_H
#define AIRS_MODEL_H

#include "airs/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct airs_model airs_model;

/* Longest id, in bytes. */
#define AIRS_ID_MAX 255
/* Longest name, category, construct or item text, in bytes. */
#define AIRS_TEXT_MAX 4096

/* Kinds of entity and record, for airs_model_count() and friends.
 * Values are part of the ABI. */
enum airs_entity {
	AIRS_ENTITY_UNIT = 0,
	AIRS_ENTITY_ROLE = 1,
	AIRS_ENTITY_SKILL = 2,
	AIRS_ENTITY_PREREQUISITE = 3,
	AIRS_ENTITY_ROLE_SKILL = 4,
	AIRS_ENTITY_EMPLOYEE = 5,
	AIRS_ENTITY_ASSESSMENT = 6,
	AIRS_ENTITY_COURSE = 7,
	AIRS_ENTITY_TRAINING = 8,
	AIRS_ENTITY_SURVEY_ITEM = 9,
	AIRS_ENTITY_RESPONSE = 10,
	AIRS_ENTITY_USAGE = 11,
	AIRS_ENTITY_ATTRIBUTE = 12, /* employee attribute values */
	AIRS_ENTITY_TOOL = 13,      /* AI tools, registered or named by usage
	                               or survey items (since 1.1) */
	AIRS_ENTITY_COUNT_ = 14     /* number of kinds in this version */
};

/* Who produced a skill assessment.  Verified sources weigh more. */
enum airs_source {
	AIRS_SOURCE_SELF = 0,          /* default */
	AIRS_SOURCE_MANAGER = 1,
	AIRS_SOURCE_TEST = 2,
	AIRS_SOURCE_CERTIFICATION = 3
};

/* How a course is delivered. */
enum airs_format {
	AIRS_FORMAT_SELF_PACED = 0,    /* default */
	AIRS_FORMAT_WORKSHOP = 1,
	AIRS_FORMAT_DEMO = 2,
	AIRS_FORMAT_MENTORING = 3,
	AIRS_FORMAT_PROJECT = 4,
	AIRS_FORMAT_BRIEFING = 5
};

/* State of a training record. */
enum airs_status_training {
	AIRS_TRAINING_COMPLETED = 0,   /* default */
	AIRS_TRAINING_IN_PROGRESS = 1,
	AIRS_TRAINING_PLANNED = 2
};

/* Names of the enum values above as used in data files ("self",
 * "certification", "self_paced", "in_progress", ...).  The *_name
 * functions return NULL for values out of range; the *_parse functions
 * match exactly len bytes case-insensitively and return AIRS_EPARSE for
 * any other text. */
AIRS_API const char *airs_source_name(int source);
AIRS_API int airs_source_parse(const char *text, size_t len, int *out);
AIRS_API const char *airs_format_name(int format);
AIRS_API int airs_format_parse(const char *text, size_t len, int *out);
AIRS_API const char *airs_training_status_name(int status);
AIRS_API int airs_training_status_parse(const char *text, size_t len, int *out);
/* Name of an enum airs_entity value ("unit", "role_skill", ...), or NULL;
 * and back (since 1.1), as the *_parse functions above. */
AIRS_API const char *airs_entity_name(int entity);
AIRS_API int airs_entity_parse(const char *text, size_t len, int *out);

/* ------------------------------------------------------------------------
 * Records
 * ---------------------------------------------------------------------- */

/* An org unit (department, team, ...).  Units form a tree. */
typedef struct airs_unit_rec {
	size_t size;
	const char *id;        /* required */
	const char *name;      /* required, non-empty */
	const char *parent_id; /* NULL or "": a root unit; else an existing unit */
	int target_level;      /* leadership's target AI maturity 1..5;
	                          0: inherit from the nearest ancestor that sets
	                          one (none at all: no target) */
} airs_unit_rec;
#define AIRS_UNIT_REC_INIT { sizeof(airs_unit_rec), 0, 0, 0, 0 }

/* A job role. */
typedef struct airs_role_rec {
	size_t size;
	const char *id;   /* required */
	const char *name; /* required, non-empty */
} airs_role_rec;
#define AIRS_ROLE_REC_INIT { sizeof(airs_role_rec), 0, 0 }

/* An AI-related skill, assessed on levels 0..5 (0 none, 1 novice,
 * 2 advanced beginner, 3 competent, 4 proficient, 5 expert). */
typedef struct airs_skill_rec {
	size_t size;
	const char *id;       /* required */
	const char *name;     /* required, non-empty */
	const char *category; /* optional, free text */
} airs_skill_rec;
#define AIRS_SKILL_REC_INIT { sizeof(airs_skill_rec), 0, 0, 0 }

/* "Learning skill_id needs requires_id at min_level or above." */
typedef struct airs_prerequisite_rec {
	size_t size;
	const char *skill_id;    /* required, existing skill */
	const char *requires_id; /* required, existing skill, not skill_id */
	double min_level;        /* 0..5; 0 means 1 */
} airs_prerequisite_rec;
#define AIRS_PREREQUISITE_REC_INIT { sizeof(airs_prerequisite_rec), 0, 0, 0 }

/* A role's required level of a skill. */
typedef struct airs_role_skill_rec {
	size_t size;
	const char *role_id;   /* required, existing role */
	const char *skill_id;  /* required, existing skill; once per role */
	double required_level; /* 0..5; 0 means listed but not required */
	double weight;          /* > 0; 0 means the default 1 */
} airs_role_skill_rec;
#define AIRS_ROLE_SKILL_REC_INIT { sizeof(airs_role_skill_rec), 0, 0, 0, 0 }

/* An employee.  Audit attributes are set with airs_model_set_attribute(),
 * the manager with airs_model_set_manager(). */
typedef struct airs_employee_rec {
	size_t size;
	const char *id;      /* required */
	const char *unit_id; /* required, existing unit */
	const char *role_id; /* required, existing role */
	int is_leader;       /* 0 or 1 */
} airs_employee_rec;
#define AIRS_EMPLOYEE_REC_INIT { sizeof(airs_employee_rec), 0, 0, 0, 0 }

/* A skill assessment.  An employee may have many per skill. */
typedef struct airs_assessment_rec {
	size_t size;
	const char *employee_id; /* required, existing employee */
	const char *skill_id;    /* required, existing skill */
	double level;            /* 0..5, decimals allowed */
	int source;              /* enum airs_source; 0 = self */
	airs_date date;          /* required */
} airs_assessment_rec;
#define AIRS_ASSESSMENT_REC_INIT { sizeof(airs_assessment_rec), 0, 0, 0, 0, 0 }

/* A course in the learning catalogue. */
typedef struct airs_course_rec {
	size_t size;
	const char *id;       /* required */
	const char *name;     /* required, non-empty */
	const char *skill_id; /* required, existing skill: the skill it teaches */
	double hours;         /* > 0, at most 10000 */
	double level_gain;    /* nominal gain in levels, 0..5; 0 means 1 */
	int format;           /* enum airs_format; 0 = self-paced */
	double cost;          /* >= 0, any currency; 0 = free */
} airs_course_rec;
#define AIRS_COURSE_REC_INIT { sizeof(airs_course_rec), 0, 0, 0, 0, 0, 0, 0 }

/* Hours an employee spent (or will spend) learning.  Give course_id or
 * skill_id or both; with both, the course must teach that skill. */
typedef struct airs_training_rec {
	size_t size;
	const char *employee_id; /* required, existing employee */
	const char *course_id;   /* NULL/"" or an existing course */
	const char *skill_id;    /* NULL/"" or an existing skill */
	double hours;            /* 0..10000 */
	airs_date date;          /* required: completion, or start if not done */
	int status;              /* enum airs_status_training; 0 = completed */
} airs_training_rec;
#define AIRS_TRAINING_REC_INIT { sizeof(airs_training_rec), 0, 0, 0, 0, 0, 0 }

/* A survey item (question).  The construct names what it measures; the
 * scored constructs are clarity, usefulness, trust, security, support,
 * voice, recommend, time_saved and error_change (see
 * docs/data-format.md).  Other constructs are kept but not scored. */
typedef struct airs_survey_item_rec {
	size_t size;
	const char *id;        /* required */
	const char *construct; /* required, non-empty */
	double scale_min;      /* both 0: the default scale 1..5 */
	double scale_max;      /* scale_min < scale_max, |values| <= 1000 */
	int reverse;           /* 1: agreement means the opposite of the
	                          construct; scored as min + max - value */
	const char *text;      /* optional wording */
	/* ---- 1.0 ends here. */
	const char *tool_id;   /* since 1.1: NULL or "", an item about AI
	                          tools in general; else the tool the item
	                          asks about ("sheets_ai saves me time"),
	                          any id like usage's.  Such an item is
	                          scored only for that tool's benefit among
	                          its users (docs/methodology.md, section 9):
	                          it enters no construct score, flag or
	                          unit survey figure. */
} airs_survey_item_rec;
#define AIRS_SURVEY_ITEM_REC_INIT { sizeof(airs_survey_item_rec), 0, 0, 0, 0, 0, 0, 0 }

/* One answer to one survey item. */
typedef struct airs_response_rec {
	size_t size;
	const char *employee_id; /* required, existing employee */
	const char *item_id;     /* required, existing item */
	double value;            /* within the item's scale */
	airs_date date;          /* required */
	/* Since 1.2.  Optional: the survey wave (airs_model_add_wave()) the
	 * answer was given in; the date must lie in it.  NULL or "": the
	 * date alone says which wave, if any, it belongs to. */
	const char *wave_id;
} airs_response_rec;
#define AIRS_RESPONSE_REC_INIT { sizeof(airs_response_rec), 0, 0, 0, 0, 0 }

/* A survey wave (survey_waves.csv; since 1.2): a closed survey period,
 * start .. end inclusive.  With waves, survey figures read the answers
 * of the latest wave that ended on or before the as-of date, and answers
 * dated in no wave count in no survey figure; without waves, each
 * calendar month with answers is a wave (docs/methodology.md, 4.1).
 * Waves may not overlap.  Add them before the responses that name them. */
typedef struct airs_wave_rec {
	size_t size;
	const char *id;   /* required, not yet known to the model */
	airs_date start;  /* required */
	airs_date end;    /* required, on or after start */
} airs_wave_rec;
#define AIRS_WAVE_REC_INIT { sizeof(airs_wave_rec), 0, 0, 0 }

/* An AI tool of the organisation's registry (tools.csv; since 1.1).  A
 * registry is optional: usage may name any tool id.  With one, tools the
 * usage names that it lacks are counted as unregistered and unsanctioned
 * (docs/methodology.md, section 9).  Add a tool before the usage records
 * and survey items that name it. */
typedef struct airs_tool_rec {
	size_t size;
	const char *id;        /* required, not yet known to the model */
	const char *name;      /* required, non-empty; NULL when read back
	                          from a tool that is not registered */
	const char *category;  /* optional, free text */
	int unsanctioned;      /* 1: not approved by the organisation (shadow
	                          AI); 0: sanctioned */
	airs_month available_from; /* the month the tool was made available,
	                          for the time to first use; 0: not given
	                          (January 1970 cannot be given) */
} airs_tool_rec;
#define AIRS_TOOL_REC_INIT { sizeof(airs_tool_rec), 0, 0, 0, 0, 0 }

/* AI tool use of one employee, one tool, one calendar month. */
typedef struct airs_usage_rec {
	size_t size;
	const char *employee_id; /* required, existing employee */
	const char *tool_id;     /* required, any id (a tool of the registry,
	                            airs_model_add_tool(), or not) */
	airs_month period;       /* the month */
	int active_days;         /* 0..days in that month */
} airs_usage_rec;
#define AIRS_USAGE_REC_INIT { sizeof(airs_usage_rec), 0, 0, 0, 0 }

/* ------------------------------------------------------------------------
 * Life cycle
 * ---------------------------------------------------------------------- */

/* Create an empty model using `alloc` (NULL: the C library's malloc).
 * Errors: AIRS_EINVAL (out NULL, alloc->size too small or a function
 * missing), AIRS_ENOMEM.  *out is set to NULL on failure. */
AIRS_API int airs_model_new(airs_model **out, const airs_allocator *alloc);

/* Release the caller's reference to the model.  Results scored from it
 * keep it alive until they are freed, so handles may be freed in any
 * order.  NULL is a no-op. */
AIRS_API void airs_model_free(airs_model *model);

/* The message of the last failed call on this model, or "" if the last
 * call succeeded.  Valid until the next call on the model. */
AIRS_API const char *airs_model_errmsg(const airs_model *model);

/* ------------------------------------------------------------------------
 * Adding.  Each returns AIRS_OK or: AIRS_EINVAL (NULL model or record,
 * record size 0, missing required field, id too long or containing control
 * characters), AIRS_ERANGE (a number out of range or not finite),
 * AIRS_ENOTFOUND (a reference to an id not added), AIRS_EEXIST (duplicate
 * id or duplicate pair), AIRS_ECYCLE, AIRS_ESTATE (model finished),
 * AIRS_ENOMEM.
 * ---------------------------------------------------------------------- */
AIRS_API int airs_model_add_unit(airs_model *model, const airs_unit_rec *rec);
AIRS_API int airs_model_add_role(airs_model *model, const airs_role_rec *rec);
AIRS_API int airs_model_add_skill(airs_model *model, const airs_skill_rec *rec);
/* AIRS_ECYCLE if the skill already (transitively) is a prerequisite of
 * requires_id; AIRS_EEXIST if the pair is already recorded. */
AIRS_API int airs_model_add_prerequisite(airs_model *model,
                                         const airs_prerequisite_rec *rec);
AIRS_API int airs_model_add_role_skill(airs_model *model,
                                       const airs_role_skill_rec *rec);
AIRS_API int airs_model_add_employee(airs_model *model,
                                     const airs_employee_rec *rec);
AIRS_API int airs_model_add_assessment(airs_model *model,
                                       const airs_assessment_rec *rec);
AIRS_API int airs_model_add_course(airs_model *model, const airs_course_rec *rec);
AIRS_API int airs_model_add_training(airs_model *model,
                                     const airs_training_rec *rec);
AIRS_API int airs_model_add_survey_item(airs_model *model,
                                        const airs_survey_item_rec *rec);
AIRS_API int airs_model_add_response(airs_model *model,
                                     const airs_response_rec *rec);
/* Since 1.2.  Errors: AIRS_EEXIST (id taken), AIRS_ERANGE (an invalid
 * date, end before start, or a period that overlaps a wave already
 * added: the message names it), AIRS_EINVAL, AIRS_ENOMEM. */
AIRS_API int airs_model_add_wave(airs_model *model, const airs_wave_rec *rec);
AIRS_API int airs_model_add_usage(airs_model *model, const airs_usage_rec *rec);
/* Register a tool (since 1.1).  AIRS_EEXIST when its id is registered
 * already, or already named by a usage record or survey item (add tools
 * first); AIRS_ERANGE for unsanctioned other than 0 or 1 or a month
 * outside 1900-01..9999-12. */
AIRS_API int airs_model_add_tool(airs_model *model, const airs_tool_rec *rec);

/* Record that manager_id manages employee_id (both existing employees).
 * Setting it again replaces the earlier manager; NULL or "" clears it.
 * AIRS_ECYCLE if employee_id is manager_id or (transitively) manages it. */
AIRS_API int airs_model_set_manager(airs_model *model, const char *employee_id,
                                    const char *manager_id);

/* Set an audit attribute such as "gender" or "age_band" on an employee.
 * Attributes are kept only for fairness audits: no score or plan ever
 * reads them.  name: an id-like string; value: text of at most
 * AIRS_TEXT_MAX bytes ("" clears the attribute).  Setting it again
 * replaces the value. */
AIRS_API int airs_model_set_attribute(airs_model *model, const char *employee_id,
                                      const char *name, const char *value);

/* Freeze the model: build its indexes and make it read-only.  Afterwards
 * every add or set returns AIRS_ESTATE.  Calling it again is a no-op.
 * Since 1.2 it may order each employee's records on worker threads of
 * its own, as many as the last successful airs_load_*() into the model
 * was given (airs_load_options.threads), one per CPU if there was none;
 * the model is the same for any number, and it returns only after they
 * have ended.
 * Errors: AIRS_EINVAL, AIRS_ENOMEM (the model is then still unfinished). */
AIRS_API int airs_model_finish(airs_model *model);

/* 1 if airs_model_finish() has succeeded on this model, else 0. */
AIRS_API int airs_model_is_finished(const airs_model *model);

/* SHA-256 of the model's canonical input (docs/output-format.md), as 64
 * lowercase hex digits and a NUL: equal for any order the same content
 * was added in, different when any value differs.  Results carry it as
 * provenance.  Computed by the first call that needs it and kept in the
 * model, so later calls - and the provenance of every result, plan and
 * audit of the model - only copy it.  Errors: AIRS_EINVAL (NULL),
 * AIRS_ESTATE (model not finished), AIRS_ENOMEM (nothing is kept; a later
 * call tries again).  Safe on a shared finished model from any number of
 * threads. */
AIRS_API int airs_model_digest(const airs_model *model, char out[65]);

/* ------------------------------------------------------------------------
 * Reading back
 * ---------------------------------------------------------------------- */

/* Number of entities or records of a kind (enum airs_entity); 0 for a
 * NULL model or an unknown kind. */
AIRS_API size_t airs_model_count(const airs_model *model, int entity);

/* Index (in order of addition) of the entity with this id among units,
 * roles, skills, employees, courses, survey items or (since 1.1) tools.  Errors: AIRS_EINVAL
 * (other kinds), AIRS_ENOTFOUND.  Does not touch the model's message, so
 * it may be called on a shared finished model. */
AIRS_API int airs_model_find(const airs_model *model, int entity,
                             const char *id, size_t *index);

/* Fill a record with the entity at index (0-based, order of addition).
 * String fields point into the model.  Fields a record of the caller's
 * size cannot hold are skipped.  Errors: AIRS_EINVAL (NULL, size too
 * small), AIRS_ERANGE (index >= count). */
AIRS_API int airs_model_get_unit(const airs_model *model, size_t index,
                                 airs_unit_rec *out);
AIRS_API int airs_model_get_role(const airs_model *model, size_t index,
                                 airs_role_rec *out);
AIRS_API int airs_model_get_skill(const airs_model *model, size_t index,
                                  airs_skill_rec *out);
AIRS_API int airs_model_get_employee(const airs_model *model, size_t index,
                                     airs_employee_rec *out);
AIRS_API int airs_model_get_course(const airs_model *model, size_t index,
                                   airs_course_rec *out);
AIRS_API int airs_model_get_survey_item(const airs_model *model, size_t index,
                                        airs_survey_item_rec *out);

/* The tool at index (since 1.1): every tool the model knows, registered
 * or named by a usage record or survey item, in order of first mention
 * (airs_model_count(AIRS_ENTITY_TOOL) of them).  A tool that is not
 * registered reads back with name and category NULL and the other
 * fields 0.  Errors as the getters above. */
AIRS_API int airs_model_get_tool(const airs_model *model, size_t index,
                                 airs_tool_rec *out);

/* The manager of the employee at index, or NULL. */
AIRS_API const char *airs_model_manager(const airs_model *model, size_t index);

/* The value of attribute `name` of the employee at index, or NULL when
 * it is not set. */
AIRS_API const char *airs_model_attribute(const airs_model *model, size_t index,
                                          const char *name);

#ifdef __cplusplus
}
#endif
#endif /* AIRS_MODEL_H */

/* The loader: a catalogue of malformed datasets with the exact diagnostic
 * each must produce, all-or-nothing, collect mode, warnings, locale
 * independence, the sample company round trip, buffers versus folder,
 * and streaming memory. */
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "airs/load.h"
#include "csv.h"
#include "model.h"

#include "harness.h"

#define SAMPLE SOURCE_ROOT "/examples/data/sample"

/* ------------------------------------------------------------------------
 * A small valid dataset that every catalogue case starts from
 * ---------------------------------------------------------------------- */

enum { T_UNITS, T_ROLES, T_SKILLS, T_ROLE_SKILLS, T_EMPLOYEES, T_COURSES,
       T_ITEMS, T_ASSESSMENTS, T_TRAINING, T_RESPONSES, T_USAGE, T_N };

static const char *const names[T_N] = {
	"units.csv", "roles.csv", "skills.csv", "role_skills.csv",
	"employees.csv", "courses.csv", "survey_items.csv", "assessments.csv",
	"training.csv", "responses.csv", "usage.csv"
};

static const char *const base[T_N] = {
	"unit_id,name,parent_id,target_level\n"
	"U1,Company,,3\n"
	"U2,Sales,U1,\n",
	"role_id,name\n"
	"R1,Analyst\n",
	"skill_id,name,category,prerequisites\n"
	"S1,Prompting,core,\n"
	"S2,Automation,core,S1:2\n",
	"role_id,skill_id,required_level,weight\n"
	"R1,S1,3,1\n",
	"employee_id,unit_id,role_id,is_leader,manager_id\n"
	"E1,U1,R1,1,\n"
	"E2,U2,R1,0,E1\n",
	"course_id,name,skill_id,hours,level_gain,format,cost\n"
	"C1,Intro,S1,4,1,workshop,100\n",
	"item_id,construct,scale_min,scale_max,reverse,text\n"
	"Q1,clarity,1,5,0,Clear\n",
	"employee_id,skill_id,level,date,source\n"
	"E1,S1,3,2026-01-15,self\n",
	"employee_id,hours,date,course_id,skill_id,status\n"
	"E1,4,2026-02-01,C1,,completed\n",
	"employee_id,item_id,value,date\n"
	"E1,Q1,4,2026-03-01\n",
	"employee_id,tool_id,period,active_days\n"
	"E1,chat,2026-03,10\n",
};

static const size_t base_counts[AIRS_ENTITY_COUNT_] = {
	2, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1, 0, 1
};

/* Load the base dataset with up to two tables replaced (NULL: none). */
static int load_with(airs_model *m, const char *f1, const char *t1,
                     const char *f2, const char *t2,
                     const airs_load_options *o, airs_diag *d)
{
	airs_table_buffer tb[T_N];
	size_t i;

	for (i = 0; i < T_N; i++) {
		const char *text = base[i];
		if (f1 && strcmp(f1, names[i]) == 0)
			text = t1;
		if (f2 && strcmp(f2, names[i]) == 0)
			text = t2;
		tb[i].name = names[i];
		tb[i].data = text;
		tb[i].len = strlen(text);
	}
	return airs_load_buffers(m, tb, T_N, o, d);
}

static void assert_counts(const airs_model *m, const size_t *want)
{
	int k;

	for (k = 0; k < AIRS_ENTITY_COUNT_; k++)
		ck_assert_msg(airs_model_count(m, k) == want[k],
		              "%s: %zu, want %zu", airs_entity_name(k),
		              airs_model_count(m, k), want[k]);
}

/* Diagnostics collected through the callback. */
#define MAX_SEEN 64
static airs_diag seen[MAX_SEEN];
static size_t nseen;

static void collect(const airs_diag *d, void *user)
{
	(void)user;
	if (nseen < MAX_SEEN)
		seen[nseen++] = *d;
}

static const char *fmt(const airs_diag *d)
{
	static char buf[600];

	airs_diag_format(d, buf, sizeof buf);
	return buf;
}

START_TEST(base_loads)
{
	airs_model *m;
	airs_diag d = AIRS_DIAG_INIT;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(load_with(m, NULL, NULL, NULL, NULL, NULL, &d), AIRS_OK);
	ck_assert_int_eq(d.status, AIRS_OK);
	ck_assert_str_eq(airs_model_errmsg(m), "");
	assert_counts(m, base_counts);
	ck_assert_str_eq(airs_model_manager(m, 1), "E1");
	airs_model_free(m);
}
END_TEST

/* ------------------------------------------------------------------------
 * The catalogue
 * ---------------------------------------------------------------------- */

struct bad_case {
	const char *file, *csv;     /* the table replaced */
	const char *file2, *csv2;   /* a second one, or NULL */
	int status;
	const char *diag;           /* "file:line:column: message" */
};

#define EMP_H "employee_id,unit_id,role_id,is_leader,manager_id\n"
#define ASM_H "employee_id,skill_id,level,date,source\n"
#define UNIT_H "unit_id,name,parent_id,target_level\n"
#define SKILL_H "skill_id,name,category,prerequisites\n"
#define RS_H "role_id,skill_id,required_level,weight\n"
#define COURSE_H "course_id,name,skill_id,hours,level_gain,format,cost\n"
#define ITEM_H "item_id,construct,scale_min,scale_max,reverse,text\n"
#define TRAIN_H "employee_id,hours,date,course_id,skill_id,status\n"
#define RESP_H "employee_id,item_id,value,date\n"
#define EMP_H_ATTR_DUP \
	"employee_id,unit_id,role_id,is_leader,manager_id,attr_x,ATTR_X\n" \
	"E1,U1,R1,1,,a,b\n"
#define PREREQ_CYCLE "already requires \"S2\", so this would make a cycle"
#define RS_DUP "is already required by this role"
#define MGR_CYCLE "is managed by the employee, so this would make a cycle"
#define COURSE_HOURS "must be greater than 0 and at most 10000"
#define EMP_H_NOTE "employee_id,unit_id,role_id,is_leader,manager_id,note\n"
#define USE_H "employee_id,tool_id,period,active_days\n"

static const struct bad_case cases[] = {
	/* CSV syntax */
	{ "units.csv", UNIT_H "U1,\"Company,,3\n", NULL, NULL, AIRS_EPARSE,
	  "units.csv:2:2: the quoted field opened on line 2 has no closing quote" },
	{ "employees.csv", EMP_H "E1,U1,R1,1,,extra\n", NULL, NULL, AIRS_EPARSE,
	  "employees.csv:2:6: record has 6 fields but the header has 5" },
	{ "employees.csv", EMP_H "E1,U1,R1\n", NULL, NULL, AIRS_EPARSE,
	  "employees.csv:2:4: record has 3 fields but the header has 5" },
	{ "roles.csv", "role_id,name\nR1,Ana\xfflyst\n", NULL, NULL, AIRS_EPARSE,
	  "roles.csv:2:2: invalid UTF-8 byte 0xff at byte 4 of the field; save the "
	  "file as UTF-8 (it may be in Latin-1 or Windows-1252)" },
	{ "units.csv", UNIT_H "U1,\"Comp\"any,,3\n", NULL, NULL, AIRS_EPARSE,
	  "units.csv:2:2: text after the closing quote of \"Comp\"; a quote inside "
	  "a quoted field must be doubled (\"\")" },
	{ "roles.csv", "", NULL, NULL, AIRS_EPARSE,
	  "roles.csv:1: the file is empty; it needs at least a header row" },
	/* Headers */
	{ "employees.csv", "employee_id,unit_id,is_leader\nE1,U1,1\n", NULL, NULL,
	  AIRS_EPARSE, "employees.csv:1: required column \"role_id\" is missing" },
	{ "units.csv", "unit_id,name,Name\nU1,A,B\n", NULL, NULL, AIRS_EPARSE,
	  "units.csv:1:3: column \"Name\" appears twice (also column 2)" },
	{ "employees.csv", EMP_H_ATTR_DUP, NULL, NULL, AIRS_EPARSE,
	  "employees.csv:1:7: column \"ATTR_X\" appears twice (also column 6)" },
	{ "training.csv", "employee_id,hours,date\nE1,4,2026-02-01\n", NULL, NULL,
	  AIRS_EPARSE, "training.csv:1: required column \"course_id\" or "
	  "\"skill_id\" is missing; give at least one" },
	{ "employees.csv", "employee_id,unit_id,role_id,\"attr_a\x01\"\nE1,U1,R1,x\n",
	  NULL, NULL, AIRS_EPARSE, "employees.csv:1:4: column \"attr_a\\x01\": the "
	  "attribute name contains a control character" },
	/* Missing values */
	{ "assessments.csv", ASM_H "E1,S1,,2026-01-15,self\n", NULL, NULL,
	  AIRS_EPARSE, "assessments.csv:2:3: level is missing" },
	{ "roles.csv", "role_id,name\nR1,  \n", NULL, NULL, AIRS_EPARSE,
	  "roles.csv:2:2: name is missing" },
	{ "training.csv", TRAIN_H "E1,4,2026-02-01,,,\n", NULL, NULL, AIRS_EPARSE,
	  "training.csv:2:4: course_id and skill_id are both missing; give at least one" },
	/* Units */
	{ "units.csv", UNIT_H "U1,Company,,7\n", NULL, NULL, AIRS_ERANGE,
	  "units.csv:2:4: target_level \"7\" is outside 1..5" },
	{ "units.csv", UNIT_H "U1,Company,,0\n", NULL, NULL, AIRS_ERANGE,
	  "units.csv:2:4: target_level \"0\" is outside 1..5" },
	{ "units.csv", UNIT_H "U1,Company,,2.5\n", NULL, NULL, AIRS_EPARSE,
	  "units.csv:2:4: target_level \"2.5\" is not a whole number" },
	{ "units.csv", UNIT_H "U1,Company,U9,\n", NULL, NULL, AIRS_ENOTFOUND,
	  "units.csv:2:3: parent_id \"U9\" is not a known unit" },
	{ "units.csv", UNIT_H "U1,Company,,\nU2,A,U3,\nU3,B,U2,\n", NULL, NULL,
	  AIRS_ECYCLE, "units.csv:3:3: parent_id \"U3\" makes a cycle of units: "
	  "U2 -> U3 -> U2" },
	{ "units.csv", UNIT_H "U1,Company,U1,\n", NULL, NULL, AIRS_ECYCLE,
	  "units.csv:2:3: parent_id \"U1\" makes a cycle of units: U1 -> U1" },
	{ "units.csv", UNIT_H "U1,Company,,\nU1,Again,,\n", NULL, NULL, AIRS_EEXIST,
	  "units.csv:3:1: unit_id \"U1\" is already defined" },
	/* Roles and skills */
	{ "roles.csv", "role_id,name\nR1,A\nR1,B\n", NULL, NULL, AIRS_EEXIST,
	  "roles.csv:3:1: role_id \"R1\" is already defined" },
	{ "skills.csv", SKILL_H "S1,A,,S9:2\nS2,B,,\n", NULL, NULL, AIRS_ENOTFOUND,
	  "skills.csv:2:4: prerequisites \"S9:2\" is not a known skill" },
	{ "skills.csv", SKILL_H "S1,A,,S2:2\nS2,B,,S1:1\n", NULL, NULL, AIRS_ECYCLE,
	  "skills.csv:3:4: prerequisites \"S1:1\" " PREREQ_CYCLE },
	{ "skills.csv", SKILL_H "S1,A,,\nS2,B,,S1:x\n", NULL, NULL, AIRS_EPARSE,
	  "skills.csv:3:4: prerequisites \"S1:x\" has no level above 0 after the "
	  "colon (write skill:level)" },
	{ "skills.csv", SKILL_H "S1,A,,\nS2,B,,S1:7\n", NULL, NULL, AIRS_ERANGE,
	  "skills.csv:3:4: prerequisites \"S1:7\" is outside 0..5" },
	/* Role requirements */
	{ "role_skills.csv", RS_H "R1,S1,6,1\n", NULL, NULL, AIRS_ERANGE,
	  "role_skills.csv:2:3: required_level \"6\" is outside 0..5" },
	{ "role_skills.csv", RS_H "R1,S1,3,0\n", NULL, NULL, AIRS_ERANGE,
	  "role_skills.csv:2:4: weight \"0\" must be greater than 0 and at most 1000" },
	{ "role_skills.csv", RS_H "R9,S1,3,1\n", NULL, NULL, AIRS_ENOTFOUND,
	  "role_skills.csv:2:1: role_id \"R9\" is not a known role" },
	{ "role_skills.csv", RS_H "R1,S1,3,1\nR1,S1,2,1\n", NULL, NULL, AIRS_EEXIST,
	  "role_skills.csv:3:2: skill_id \"S1\" " RS_DUP },
	/* Employees */
	{ "employees.csv", EMP_H "E1,U9,R1,1,\n", NULL, NULL, AIRS_ENOTFOUND,
	  "employees.csv:2:2: unit_id \"U9\" is not a known unit" },
	{ "employees.csv", EMP_H "E1,U1,R1,maybe,\n", NULL, NULL, AIRS_EPARSE,
	  "employees.csv:2:4: is_leader \"maybe\" is not a yes/no value (use 0, 1, "
	  "true, false, yes, no, Y or N, or map the export's values in a mapping)" },
	{ "employees.csv", EMP_H "E1,U1,R1,1,E7\n", NULL, NULL, AIRS_ENOTFOUND,
	  "employees.csv:2:5: manager_id \"E7\" is not a known employee" },
	{ "employees.csv", EMP_H "E1,U1,R1,1,E2\nE2,U1,R1,0,E1\n", NULL, NULL,
	  AIRS_ECYCLE, "employees.csv:2:5: manager_id \"E2\" " MGR_CYCLE },
	{ "employees.csv", EMP_H "E1,U1,R1,1,E1\n", NULL, NULL, AIRS_ECYCLE,
	  "employees.csv:2:5: manager_id \"E1\" is the employee itself" },
	{ "employees.csv", EMP_H "E1,U1,R1,1,\nE1,U2,R1,0,\n", NULL, NULL,
	  AIRS_EEXIST, "employees.csv:3:1: employee_id \"E1\" is already defined" },
	/* Assessments: every value type */
	{ "assessments.csv", ASM_H "E1,S1,7,2026-01-15,self\n", NULL, NULL,
	  AIRS_ERANGE, "assessments.csv:2:3: level \"7\" is outside 0..5" },
	{ "assessments.csv", ASM_H "E1,S1,-0.5,2026-01-15,self\n", NULL, NULL,
	  AIRS_ERANGE, "assessments.csv:2:3: level \"-0.5\" is outside 0..5" },
	{ "assessments.csv", ASM_H "E1,S1,\"2,5\",2026-01-15,self\n", NULL, NULL,
	  AIRS_EPARSE, "assessments.csv:2:3: level \"2,5\" is not a number (use a "
	  "point as decimal separator, or declare decimal = , in a "
	  "mapping)" },
	{ "assessments.csv", ASM_H "E1,S1,NaN,2026-01-15,self\n", NULL, NULL,
	  AIRS_EPARSE, "assessments.csv:2:3: level \"NaN\" is not a number" },
	{ "assessments.csv", ASM_H "E1,S1,inf,2026-01-15,self\n", NULL, NULL,
	  AIRS_EPARSE, "assessments.csv:2:3: level \"inf\" is not a number" },
	{ "assessments.csv", ASM_H "E1,S1,1e999,2026-01-15,self\n", NULL, NULL,
	  AIRS_EPARSE, "assessments.csv:2:3: level \"1e999\" is too large to be a "
	  "number" },
	{ "assessments.csv", ASM_H "E1,S1,3,2026-02-30,self\n", NULL, NULL,
	  AIRS_EPARSE, "assessments.csv:2:4: date \"2026-02-30\" is not a valid "
	  "date (YYYY-MM-DD)" },
	{ "assessments.csv", ASM_H "E1,S1,3,15.01.2026,self\n", NULL, NULL,
	  AIRS_EPARSE, "assessments.csv:2:4: date \"15.01.2026\" is not a date in "
	  "YYYY-MM-DD; it reads only as DD.MM.YYYY: declare date_format = "
	  "DD.MM.YYYY in a mapping" },
	{ "assessments.csv", ASM_H "E1,S1,3,2026-01-15,boss\n", NULL, NULL,
	  AIRS_EPARSE, "assessments.csv:2:5: source \"boss\" is not one of self, "
	  "manager, test, certification (map other values in a mapping)" },
	{ "assessments.csv", ASM_H "E9,S1,3,2026-01-15,self\n", NULL, NULL,
	  AIRS_ENOTFOUND, "assessments.csv:2:1: employee_id \"E9\" is not a known "
	  "employee" },
	{ "assessments.csv", ASM_H "E1,S9,3,2026-01-15,self\n", NULL, NULL,
	  AIRS_ENOTFOUND, "assessments.csv:2:2: skill_id \"S9\" is not a known "
	  "skill" },
	/* Courses and training */
	{ "courses.csv", COURSE_H "C1,Intro,S1,4,1,lecture,100\n", NULL, NULL,
	  AIRS_EPARSE, "courses.csv:2:6: format \"lecture\" is not one of "
	  "self_paced, workshop, demo, mentoring, project, briefing (map other values in a mapping)" },
	{ "courses.csv", COURSE_H "C1,Intro,S1,4,1,workshop,-5\n", NULL, NULL,
	  AIRS_ERANGE, "courses.csv:2:7: cost \"-5\" is outside 0..1e+12" },
	{ "courses.csv", COURSE_H "C1,Intro,S1,0,1,workshop,5\n", NULL, NULL,
	  AIRS_ERANGE, "courses.csv:2:4: hours \"0\" " COURSE_HOURS },
	{ "training.csv", TRAIN_H "E1,4,2026-02-01,C1,,done\n", NULL, NULL,
	  AIRS_EPARSE, "training.csv:2:6: status \"done\" is not one of "
	  "completed, in_progress, planned (map other values in a "
	  "mapping)" },
	{ "training.csv", TRAIN_H "E1,4,2026-02-01,C1,S2,\n", NULL, NULL,
	  AIRS_EPARSE, "training.csv:2:5: skill_id \"S2\" is not the skill course "
	  "\"C1\" teaches (S1)" },
	{ "training.csv", TRAIN_H "E1,4,2026-02-01,C9,,\n", NULL, NULL,
	  AIRS_ENOTFOUND, "training.csv:2:4: course_id \"C9\" is not a known "
	  "course" },
	/* Survey */
	{ "survey_items.csv", ITEM_H "Q1,clarity,5,1,0,\n", NULL, NULL, AIRS_ERANGE,
	  "survey_items.csv:2:4: scale_max \"1\" is not above scale_min 5" },
	{ "survey_items.csv", ITEM_H "Q1,clarity,1,5,2,\n", NULL, NULL, AIRS_EPARSE,
	  "survey_items.csv:2:5: reverse \"2\" is not a yes/no value (use 0, 1, "
	  "true, false, yes, no, Y or N, or map the export's values in a mapping)" },
	{ "responses.csv", RESP_H "E1,Q1,9,2026-03-01\n", NULL, NULL, AIRS_ERANGE,
	  "responses.csv:2:3: value \"9\" is outside 1..5" },
	{ "responses.csv", RESP_H "E1,Q1,4,2026-03-01\nE2,Q1,\"2,5\",2026-03-01\n",
	  NULL, NULL, AIRS_EPARSE, "responses.csv:3:3: value \"2,5\" is not a "
	  "number (use a point as decimal separator, or declare decimal = , in a "
	  "mapping)" },
	{ "responses.csv", RESP_H "E1,Q9,4,2026-03-01\n", NULL, NULL,
	  AIRS_ENOTFOUND, "responses.csv:2:2: item_id \"Q9\" is not a known survey "
	  "item" },
	/* Usage */
	{ "usage.csv", USE_H "E1,chat,2026-13,10\n", NULL, NULL, AIRS_EPARSE,
	  "usage.csv:2:3: period \"2026-13\" is not a valid month (YYYY-MM)" },
	{ "usage.csv", USE_H "E1,chat,2026-02,29\n", NULL, NULL, AIRS_ERANGE,
	  "usage.csv:2:4: active_days \"29\" is outside 0..28, the days of 2026-02" },
	{ "usage.csv", USE_H "E1,chat,2026-02,3.5\n", NULL, NULL, AIRS_EPARSE,
	  "usage.csv:2:4: active_days \"3.5\" is not a whole number" },
	{ "usage.csv", USE_H "E1,chat,2026-02,3\nE1,chat,2026-02,4\n", NULL, NULL,
	  AIRS_EEXIST, "usage.csv:3:3: period \"2026-02\" is given twice for this "
	  "employee and tool" },
	/* References across files */
	{ "units.csv", UNIT_H "U1,Company,,3\n", NULL, NULL, AIRS_ENOTFOUND,
	  "employees.csv:3:2: unit_id \"U2\" is not a known unit" },
	{ "roles.csv", "role_id,name\nR2,Other\n", NULL, NULL, AIRS_ENOTFOUND,
	  "role_skills.csv:2:1: role_id \"R1\" is not a known role" },
	{ "survey_items.csv", ITEM_H, NULL, NULL, AIRS_ENOTFOUND,
	  "responses.csv:2:2: item_id \"Q1\" is not a known survey item" },
	/* Positions after multi-line quoted fields, BOM and CRLF */
	{ "units.csv", UNIT_H "U1,\"Company,\nwith a\nlong name\",,3\nU2,Sales,U1,9\n",
	  NULL, NULL, AIRS_ERANGE,
	  "units.csv:5:4: target_level \"9\" is outside 1..5" },
	{ "units.csv", "\xef\xbb\xbfunit_id,name,parent_id,target_level\r\n"
	  "U1,Company,,3\r\nU2,Sales,U1,x\r\n", NULL, NULL, AIRS_EPARSE,
	  "units.csv:3:4: target_level \"x\" is not a number" },
	{ "units.csv", UNIT_H "\n\nU1,Company,,3\n\nU2,Sales,U1,6\n", NULL, NULL,
	  AIRS_ERANGE, "units.csv:6:4: target_level \"6\" is outside 1..5" },
	/* Ids the model refuses */
	{ "roles.csv", "role_id,name\n\"R\x01\",A\n", NULL, NULL, AIRS_EPARSE,
	  "roles.csv:2:1: role_id \"R\\x01\" contains a control character" },
};

START_TEST(catalogue)
{
	const struct bad_case *c = &cases[_i];
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_model *m;
	int rc;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	nseen = 0;
	o.on_diag = collect;
	rc = load_with(m, c->file, c->csv, c->file2, c->csv2, &o, &d);
	ck_assert_msg(rc == c->status, "case %d: status %d (%s), want %d", _i, rc,
	              fmt(&d), c->status);
	ck_assert_int_eq(d.status, c->status);
	ck_assert_int_eq(d.severity, AIRS_SEVERITY_ERROR);
	ck_assert_str_eq(fmt(&d), c->diag);
	ck_assert_str_eq(airs_model_errmsg(m), c->diag);
	/* Stop mode: the error is the last diagnostic reported. */
	ck_assert_uint_ge(nseen, 1);
	ck_assert_str_eq(fmt(&seen[nseen - 1]), c->diag);
	/* All or nothing. */
	{
		static const size_t zero[AIRS_ENTITY_COUNT_];
		assert_counts(m, zero);
	}
	airs_model_free(m);
}
END_TEST

/* ------------------------------------------------------------------------
 * Arguments and files
 * ---------------------------------------------------------------------- */

START_TEST(nul_byte_and_long_field)
{
	static const char nul[] = "role_id,name\nR1,An\0a\n";
	airs_table_buffer tb = { "roles.csv", nul, sizeof nul - 1 };
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_model *m;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(airs_load_buffers(m, &tb, 1, NULL, &d), AIRS_EPARSE);
	ck_assert_str_eq(fmt(&d), "roles.csv:2:2: NUL byte (0x00) at byte 3 of "
	                          "the field; the file may be UTF-16 or binary: "
	                          "save it as UTF-8 text");
	tb.data = "role_id,name\nR1,A name that is too long\n";
	tb.len = strlen(tb.data);
	o.max_field = 8;
	ck_assert_int_eq(airs_load_buffers(m, &tb, 1, &o, &d), AIRS_ELIMIT);
	ck_assert_str_eq(d.file, "roles.csv");
	ck_assert_uint_eq(d.line, 2);
	ck_assert_uint_eq(d.column, 2);
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_ROLE), 0);
	airs_model_free(m);
}
END_TEST

START_TEST(bad_arguments)
{
	airs_table_buffer tb[2] = { { "roles.csv", "role_id,name\n", 13 },
	                            { "roles.csv", "role_id,name\n", 13 } };
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT, small = AIRS_DIAG_INIT;
	airs_model *m;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(airs_load_buffers(NULL, tb, 1, NULL, NULL), AIRS_EINVAL);
	ck_assert_int_eq(airs_load_dir(m, NULL, NULL, NULL), AIRS_EINVAL);
	ck_assert_int_eq(airs_load_buffers(m, tb, 2, NULL, &d), AIRS_EINVAL);
	ck_assert_str_eq(airs_model_errmsg(m), "table \"roles.csv\" is given twice");
	tb[1].name = "salaries.csv";
	ck_assert_int_eq(airs_load_buffers(m, tb, 2, NULL, &d), AIRS_EINVAL);
	ck_assert_str_eq(airs_model_errmsg(m),
	                 "table \"salaries.csv\" is not a dataset file name");
	small.size = 8;
	ck_assert_int_eq(airs_load_buffers(m, tb, 1, NULL, &small), AIRS_EINVAL);
	o.size = 4;
	ck_assert_int_eq(airs_load_buffers(m, tb, 1, &o, NULL), AIRS_EINVAL);
	ck_assert_int_eq(airs_load_buffers(m, tb, 1, NULL, NULL), AIRS_OK);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	ck_assert_int_eq(airs_load_buffers(m, tb, 1, NULL, NULL), AIRS_EINVAL);
	airs_model_free(m);
}
END_TEST

START_TEST(missing_folder_and_file)
{
	airs_diag d = AIRS_DIAG_INIT;
	airs_model *m;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(airs_load_dir(m, "/nonexistent/airs", NULL, &d), AIRS_EIO);
	ck_assert_str_eq(airs_model_errmsg(m), "/nonexistent/airs: the dataset "
	                 "folder does not exist or is not a folder");
	/* A folder without employees.csv: the tests folder. */
	ck_assert_int_eq(airs_load_dir(m, TEST_SRCDIR, NULL, &d), AIRS_EIO);
	ck_assert_str_eq(fmt(&d), "employees.csv: the file is missing from the "
	                          "dataset folder; it is required");
	ck_assert_int_eq(d.status, AIRS_EIO);
	airs_model_free(m);
}
END_TEST

/* Limits a host sets (issue 24): each stops the load at the row that
 * passes it with AIRS_ELIMIT, a message naming it, and no change; 0 is
 * the default, and an unknown flag is refused. */
START_TEST(limits_stop_the_load)
{
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_model *m;
	const size_t none[AIRS_ENTITY_COUNT_] = { 0 };

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	o.max_rows = 1;
	ck_assert_int_eq(load_with(m, NULL, NULL, NULL, NULL, &o, &d), AIRS_ELIMIT);
	ck_assert_str_eq(fmt(&d), "units.csv:3: more than 1 records in one file: "
	                 "the limit is the load option max_rows (CLI: --set "
	                 "limits.max_rows=N)");
	assert_counts(m, none);
	o.max_rows = 2;
	o.max_ids = 1;
	ck_assert_int_eq(load_with(m, NULL, NULL, NULL, NULL, &o, &d), AIRS_ELIMIT);
	ck_assert_str_eq(fmt(&d), "units.csv:3: more than 1 units: the limit is "
	                 "the load option max_ids (CLI: --set limits.max_ids=N)");
	o.max_ids = 2;
	o.max_rows = 3;
	ck_assert_int_eq(load_with(m, "usage.csv",
	                           "employee_id,tool_id,period,active_days\n"
	                           "E1,chat,2026-03,10\nE1,code,2026-03,1\n"
	                           "E2,x,2026-03,1\n",
	                           NULL, NULL, &o, &d), AIRS_ELIMIT);
	ck_assert_str_eq(fmt(&d), "usage.csv:4: more than 2 tools: the limit is "
	                 "the load option max_ids (CLI: --set limits.max_ids=N)");
	ck_assert_int_eq(load_with(m, "units.csv",
	                           "unit_id,name,parent_id,target_level\n"
	                           "U1,A,,3\nU2,B,U1,\nU3,C,U2,\n",
	                           NULL, NULL, NULL, &d), AIRS_OK);
	airs_model_free(m);
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	o.max_rows = o.max_ids = 0;
	o.max_depth = 1;
	ck_assert_int_eq(load_with(m, "units.csv",
	                           "unit_id,name,parent_id,target_level\n"
	                           "U3,C,U2,\nU1,A,,3\nU2,B,U1,\n",
	                           NULL, NULL, &o, &d), AIRS_ELIMIT);
	ck_assert_str_eq(fmt(&d), "units.csv:2:3: unit_id \"U3\" is 2 levels "
	                 "below the top of its tree: the limit is the load option "
	                 "max_depth, 1 (CLI: --set limits.max_depth=N)");
	assert_counts(m, none);
	ck_assert_int_eq(load_with(m, "employees.csv",
	                           "employee_id,unit_id,role_id,manager_id\n"
	                           "E3,U1,R1,E2\nE1,U1,R1,\nE2,U1,R1,E1\n",
	                           NULL, NULL, &o, &d), AIRS_ELIMIT);
	ck_assert_str_eq(fmt(&d), "employees.csv: employee_id \"E3\" has 2 "
	                 "managers above it: the limit is the load option "
	                 "max_depth, 1 (CLI: --set limits.max_depth=N)");
	o.max_depth = 0;
	/* a person's scoring costs their role's requirements */
	o.max_role_skills = 1;
	ck_assert_int_eq(load_with(m, "role_skills.csv",
	                           "role_id,skill_id,required_level\n"
	                           "R1,S1,2\nR1,S2,1\n",
	                           NULL, NULL, &o, &d), AIRS_ELIMIT);
	ck_assert_str_eq(fmt(&d), "role_skills.csv:3: more than 1 skills "
	                 "required by role \"R1\": the limit is the load option "
	                 "max_role_skills (CLI: --set limits.max_role_skills=N)");
	assert_counts(m, none);
	o.max_role_skills = 0;
	o.flags = 4;
	ck_assert_int_eq(load_with(m, NULL, NULL, NULL, NULL, &o, &d), AIRS_EINVAL);
	ck_assert_str_eq(airs_model_errmsg(m), "options: flags 0x4 has bits this "
	                 "library does not know");
	assert_counts(m, none);
	airs_model_free(m);
}
END_TEST

/* Only regular files are read: a FIFO is refused without blocking, a
 * symbolic link unless the options allow it, and nothing of a refused
 * file is quoted. */
START_TEST(only_regular_files)
{
	char dir[] = "/tmp/airs-load-XXXXXX", path[128], target[128];
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_model *m;
	size_t i;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (i = 0; i < 3; i++) { /* units, roles, skills are not needed */
		static const char *const want[] = { "units.csv", "roles.csv",
		                                    "employees.csv" };
		size_t k;
		for (k = 0; strcmp(names[k], want[i]); k++)
			;
		snprintf(path, sizeof path, "%s/%s", dir, names[k]);
		ck_assert_ptr_nonnull(f = fopen(path, "w"));
		fputs(base[k], f);
		fclose(f);
	}
	snprintf(path, sizeof path, "%s/responses.csv", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(airs_load_dir(m, dir, NULL, &d), AIRS_EIO);
	ck_assert_str_eq(fmt(&d), "responses.csv: the file is not a regular file "
	                 "(a FIFO, a device or a folder): airs reads only regular "
	                 "files");
	unlink(path);
	snprintf(target, sizeof target, "%s-secret", dir);
	ck_assert_ptr_nonnull(f = fopen(target, "w"));
	fputs("employee_id,item_id,value,date\n"
	      "db_password=hunter2,Q1,1,2026-01-01\n", f);
	fclose(f);
	ck_assert_int_eq(symlink(target, path), 0);
	ck_assert_int_eq(airs_load_dir(m, dir, NULL, &d), AIRS_EIO);
	ck_assert_str_eq(fmt(&d), "responses.csv: the file is a symbolic link, "
	                 "which airs does not follow (load option flags "
	                 "AIRS_LOAD_FOLLOW_SYMLINKS; CLI: --follow-symlinks)");
	o.flags = AIRS_LOAD_FOLLOW_SYMLINKS;
	o.max_errors = 10;
	ck_assert_int_eq(airs_load_dir(m, dir, &o, &d), AIRS_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(d.text, "hunter2")); /* read: allowed */
	unlink(path);
	unlink(target);
	for (i = 0; i < T_N; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	ck_assert_int_eq(rmdir(dir), 0);
	airs_model_free(m);
}
END_TEST

/* ------------------------------------------------------------------------
 * Accepted variations and warnings
 * ---------------------------------------------------------------------- */

START_TEST(fine_variations)
{
	airs_unit_rec u = AIRS_UNIT_REC_INIT;
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_model *m;
	size_t i;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	nseen = 0;
	o.on_diag = collect;
	/* BOM, CRLF, free column order, header case and spaces, quoted
	 * commas, quotes and newlines, a child before its parent, spaces
	 * around values, blank lines, a missing final newline. */
	ck_assert_int_eq(
		load_with(m, "units.csv",
		          "\xef\xbb\xbf Target_Level ,PARENT_ID,Name,unit_id\r\n"
		          ",U1,\"Sales, \"\"North\"\"\r\nand South\",U2\r\n"
		          "\r\n"
		          " 3 ,,\"Company\", U1 ",
		          "employees.csv",
		          "unit_id,employee_id,role_id\nU2,E2,R1\nU1,E1,R1\n",
		          &o, NULL),
		AIRS_OK);
	ck_assert_uint_eq(nseen, 0);
	ck_assert_int_eq(airs_model_find(m, AIRS_ENTITY_UNIT, "U2", &i), AIRS_OK);
	ck_assert_int_eq(airs_model_get_unit(m, i, &u), AIRS_OK);
	ck_assert_str_eq(u.name, "Sales, \"North\"\r\nand South");
	ck_assert_str_eq(u.parent_id, "U1");
	ck_assert_int_eq(u.target_level, 0);
	ck_assert_int_eq(airs_model_find(m, AIRS_ENTITY_UNIT, "U1", &i), AIRS_OK);
	ck_assert_int_eq(airs_model_get_unit(m, i, &u), AIRS_OK);
	ck_assert_int_eq(u.target_level, 3);
	airs_model_free(m);
}
END_TEST

START_TEST(warnings_do_not_fail)
{
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_model *m;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	nseen = 0;
	o.on_diag = collect;
	ck_assert_int_eq(
		load_with(m, "employees.csv",
		          "employee_id,unit_id,role_id,is_leader,manager_id,"
		          "attr_gender,salary\n"
		          "E1,U1,R1,yes,,female,100\nE2,U2,R1,No,E1,,90\n",
		          "survey_items.csv",
		          ITEM_H "Q1,clarity,1,5,0,Clear\nQ2,mood,1,7,true,How?\n",
		          &o, &d),
		AIRS_OK);
	ck_assert_int_eq(d.status, AIRS_OK);
	ck_assert_uint_eq(nseen, 2);
	ck_assert_int_eq(seen[0].severity, AIRS_SEVERITY_WARNING);
	ck_assert_str_eq(fmt(&seen[0]),
	                 "employees.csv:1:7: unknown column \"salary\" is ignored");
	ck_assert_str_eq(fmt(&seen[1]),
	                 "survey_items.csv:3:2: construct \"mood\" is not one the "
	                 "methodology scores; the item is kept but not scored");
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_SURVEY_ITEM), 2);
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_ATTRIBUTE), 1);
	ck_assert_str_eq(airs_model_attribute(m, 0, "gender"), "female");
	ck_assert_ptr_null(airs_model_attribute(m, 1, "gender"));
	airs_model_free(m);
}
END_TEST

/* ------------------------------------------------------------------------
 * Collect mode and cascades
 * ---------------------------------------------------------------------- */

START_TEST(collect_mode)
{
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_model *m;
	static const char *const want[] = {
		"employees.csv:1:6: unknown column \"note\" is ignored",
		"employees.csv:2:4: is_leader \"2\" is not a yes/no value (use 0, "
		"1, true, false, yes, no, Y or N, or map the export's values in a mapping)",
		"employees.csv:4:1: employee_id \"E2\" is already defined",
		"assessments.csv:2:3: level \"7\" is outside 0..5",
		"assessments.csv:4:4: date \"2026-13-01\" is not a valid date "
		"(YYYY-MM-DD)",
	};
	size_t i;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	o.on_diag = collect;
	o.max_errors = 10;
	nseen = 0;
	ck_assert_int_eq(
		load_with(m, "employees.csv",
		          EMP_H_NOTE "E1,U1,R1,2,,x\nE2,U1,R1,0,,\nE2,U2,R1,0,,\n",
		          "assessments.csv",
		          ASM_H "E2,S1,7,2026-01-15,self\nE2,S1,3,2026-01-15,self\n"
		          "E2,S2,3,2026-13-01,self\nE1,S1,3,2026-01-15,self\n",
		          &o, &d),
		AIRS_EPARSE);
	ck_assert_uint_eq(nseen, sizeof want / sizeof want[0]);
	for (i = 0; i < nseen; i++)
		ck_assert_str_eq(fmt(&seen[i]), want[i]);
	/* The first error, not the first diagnostic. */
	ck_assert_str_eq(fmt(&d), want[1]);
	ck_assert_str_eq(airs_model_errmsg(m), want[1]);
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_EMPLOYEE), 0);

	/* The limit: two errors, then stop. */
	o.max_errors = 2;
	nseen = 0;
	ck_assert_int_eq(
		load_with(m, "employees.csv",
		          EMP_H_NOTE "E1,U1,R1,2,,x\nE2,U1,R1,0,,\nE2,U2,R1,0,,\n",
		          "assessments.csv",
		          ASM_H "E2,S1,7,2026-01-15,self\n", &o, &d),
		AIRS_EPARSE);
	ck_assert_uint_eq(nseen, 3);
	ck_assert_str_eq(fmt(&seen[2]), want[2]);
	airs_model_free(m);
}
END_TEST

/* A failed row's id is not reported again where later rows name it. */
START_TEST(no_cascades)
{
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_model *m;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	o.on_diag = collect;
	o.max_errors = 100;

	/* A unit in a cycle, its child, the child's employees, their
	 * records. */
	nseen = 0;
	ck_assert_int_eq(
		load_with(m, "units.csv",
		          UNIT_H "U1,Company,,3\nU2,Sales,U3,\nU3,North,U2,\n"
		          "U4,Team,U3,\n",
		          "employees.csv", EMP_H "E1,U1,R1,1,\nE2,U4,R1,0,E1\n",
		          &o, NULL),
		AIRS_ECYCLE);
	ck_assert_uint_eq(nseen, 1);
	ck_assert_str_eq(fmt(&seen[0]), "units.csv:3:3: parent_id \"U3\" makes a "
	                                "cycle of units: U2 -> U3 -> U2");

	/* An employee whose unit is unknown, then a subordinate and records
	 * naming that employee. */
	nseen = 0;
	ck_assert_int_eq(
		load_with(m, "employees.csv",
		          EMP_H "E1,U9,R1,1,\nE2,U2,R1,0,E1\n", NULL, NULL, &o,
		          NULL),
		AIRS_ENOTFOUND);
	ck_assert_uint_eq(nseen, 1);
	ck_assert_str_eq(fmt(&seen[0]),
	                 "employees.csv:2:2: unit_id \"U9\" is not a known unit");

	/* A skill with a bad name and the prerequisite and course naming it;
	 * a broken roles file and everything naming a role. */
	nseen = 0;
	ck_assert_int_eq(
		load_with(m, "skills.csv", SKILL_H "S1,,core,\nS2,B,,S1:2\n",
		          "roles.csv", "role_id,name\nR1,\"Analyst\n", &o, NULL),
		AIRS_EPARSE);
	ck_assert_uint_eq(nseen, 2);
	ck_assert_str_eq(fmt(&seen[0]), "roles.csv:2:2: the quoted field opened "
	                                "on line 2 has no closing quote");
	ck_assert_str_eq(fmt(&seen[1]), "skills.csv:2:2: name is missing");
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_UNIT), 0);
	airs_model_free(m);
}
END_TEST

/* Found by fuzz-load: one row with two bad attribute values reported
 * two errors in stop mode. */
START_TEST(limit_holds_within_a_row)
{
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_model *m;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	o.on_diag = collect;
	nseen = 0;
	ck_assert_int_eq(
		load_with(m, "employees.csv",
		          "employee_id,unit_id,role_id,attr_a,attr_b\n"
		          "E1,U1,R1,\"x\x01\",\"y\x02\"\n",
		          NULL, NULL, &o, NULL),
		AIRS_EPARSE);
	ck_assert_uint_eq(nseen, 1);
	ck_assert_str_eq(fmt(&seen[0]), "employees.csv:2:4: attr_a \"x\\x01\" "
	                                "contains a control character");
	airs_model_free(m);
}
END_TEST

/* ------------------------------------------------------------------------
 * All or nothing
 * ---------------------------------------------------------------------- */

/* A second dataset that adds to the base one (naming its ids), with
 * attributes and a manager, and an error or not in its last file. */
static int load_more(airs_model *m, int broken)
{
	static const char emp[] =
		"employee_id,unit_id,role_id,manager_id,attr_site\n"
		"E3,U3,R1,E4,Leeds\nE4,U1,R2,E1,York\n";
	const char *usage = broken ? USE_H "E3,chat,2026-03,10\n"
	                                   "E4,chat,2026-02,30\n"
	                           : USE_H "E3,chat,2026-03,10\n";
	airs_table_buffer tb[] = {
		{ "units.csv", UNIT_H "U3,Ops,U1,4\n", 0 },
		{ "roles.csv", "role_id,name\nR2,Engineer\n", 0 },
		{ "employees.csv", emp, 0 },
		{ "assessments.csv", ASM_H "E3,S2,2,2026-01-01,test\n", 0 },
		{ "usage.csv", usage, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof tb / sizeof tb[0]; i++)
		tb[i].len = strlen(tb[i].data);
	return airs_load_buffers(m, tb, sizeof tb / sizeof tb[0], NULL, NULL);
}

START_TEST(all_or_nothing)
{
	size_t want[AIRS_ENTITY_COUNT_], i;
	airs_model *m;

	memcpy(want, base_counts, sizeof want);
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_int_eq(load_with(m, NULL, NULL, NULL, NULL, NULL, NULL), AIRS_OK);

	ck_assert_int_eq(load_more(m, 1), AIRS_ERANGE);
	ck_assert_str_eq(airs_model_errmsg(m), "usage.csv:3:4: active_days \"30\" "
	                 "is outside 0..28, the days of 2026-02");
	assert_counts(m, want);
	ck_assert_int_eq(airs_model_find(m, AIRS_ENTITY_EMPLOYEE, "E3", &i),
	                 AIRS_ENOTFOUND);
	ck_assert_int_eq(airs_model_find(m, AIRS_ENTITY_UNIT, "U3", &i),
	                 AIRS_ENOTFOUND);
	ck_assert_int_eq(airs_model_find(m, AIRS_ENTITY_ROLE, "R2", &i),
	                 AIRS_ENOTFOUND);
	ck_assert_str_eq(airs_model_manager(m, 1), "E1");

	/* The same data without the error adds to the non-empty model. */
	ck_assert_int_eq(load_more(m, 0), AIRS_OK);
	want[AIRS_ENTITY_UNIT]++;
	want[AIRS_ENTITY_ROLE]++;
	want[AIRS_ENTITY_EMPLOYEE] += 2;
	want[AIRS_ENTITY_ASSESSMENT]++;
	want[AIRS_ENTITY_USAGE]++;
	want[AIRS_ENTITY_ATTRIBUTE] += 2;
	assert_counts(m, want);
	ck_assert_int_eq(airs_model_find(m, AIRS_ENTITY_EMPLOYEE, "E3", &i), AIRS_OK);
	ck_assert_str_eq(airs_model_manager(m, i), "E4");
	ck_assert_str_eq(airs_model_attribute(m, i, "site"), "Leeds");

	/* Loading it again clashes with itself and changes nothing. */
	ck_assert_int_eq(load_more(m, 0), AIRS_EEXIST);
	ck_assert_str_eq(airs_model_errmsg(m),
	                 "units.csv:2:1: unit_id \"U3\" is already defined");
	assert_counts(m, want);
	airs_model_free(m);
}
END_TEST

/* ------------------------------------------------------------------------
 * Whole datasets: the sample company, locale, buffers versus folder
 * ---------------------------------------------------------------------- */

/* The whole file, for tests only (the loader itself streams). */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Two models hold the same data, field by field. */
static void assert_same(const airs_model *a, const airs_model *b)
{
	size_t i, k;

#define SAME(vec, field) \
	for (i = 0; i < a->vec.n; i++) \
		ck_assert_msg(a->vec.v[i].field == b->vec.v[i].field, \
		              #vec "[%zu]." #field " differs", i)
#define SAME_STR(vec, field) \
	for (i = 0; i < a->vec.n; i++) \
		ck_assert_str_eq(a->vec.v[i].field, b->vec.v[i].field)
#define SAME_EMP(vec) \
	for (i = 0; i < a->vec.n; i++) \
		ck_assert_msg(a->vec.emp[i] == b->vec.emp[i], \
		              #vec "[%zu] employee differs", i)
#define SAME_IDS(names) \
	for (i = 0; i < a->names.count; i++) \
		ck_assert_str_eq(a->names.str[i], b->names.str[i])

	for (k = 0; k < AIRS_ENTITY_COUNT_; k++)
		ck_assert_uint_eq(airs_model_count(a, (int)k),
		                  airs_model_count(b, (int)k));
	SAME_IDS(unit_ids); SAME_IDS(role_ids); SAME_IDS(skill_ids);
	SAME_IDS(emp_ids); SAME_IDS(course_ids); SAME_IDS(item_ids);
	SAME_IDS(usages.tool_ids); SAME_IDS(attr_names); SAME_IDS(attr_values);
	SAME_STR(units, name); SAME(units, parent); SAME(units, target);
	SAME_STR(roles, name);
	SAME_STR(skills, name); SAME_STR(skills, category);
	SAME(prereqs, skill); SAME(prereqs, requires); SAME(prereqs, min_level);
	SAME(role_skills, role); SAME(role_skills, skill);
	SAME(role_skills, level); SAME(role_skills, weight);
	SAME(emps, unit); SAME(emps, role); SAME(emps, manager);
	SAME(emps, leader);
	SAME_EMP(assessments); SAME(assessments, skill);
	SAME(assessments, level); SAME(assessments, date);
	SAME(assessments, source);
	SAME_STR(courses, name); SAME(courses, skill); SAME(courses, format);
	SAME(courses, hours); SAME(courses, gain); SAME(courses, cost);
	SAME_EMP(trainings); SAME(trainings, course); SAME(trainings, skill);
	SAME(trainings, status); SAME(trainings, hours); SAME(trainings, date);
	SAME_STR(items, construct_name); SAME_STR(items, text);
	SAME(items, construct); SAME(items, reverse); SAME(items, min);
	SAME(items, max);
	SAME_EMP(responses); SAME(responses, item); SAME(responses, value);
	SAME(responses, date);
	SAME_EMP(usages); SAME(usages, tool); SAME(usages, period);
	SAME(usages, days);
	for (k = 0; k < a->attr_names.count; k++)
		for (i = 0; i < a->emps.n; i++) {
			const char *x = airs_model_attribute(a, i, a->attr_names.str[k]);
			const char *y = airs_model_attribute(b, i, a->attr_names.str[k]);
			ck_assert(x == y || (x && y && strcmp(x, y) == 0));
		}
#undef SAME
#undef SAME_STR
#undef SAME_IDS
#undef SAME_EMP
}

static airs_model *load_folder(const char *dir)
{
	airs_diag d = AIRS_DIAG_INIT;
	airs_model *m;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_msg(airs_load_dir(m, dir, NULL, &d) == AIRS_OK, "%s", fmt(&d));
	return m;
}

/* What a sample file holds, counted with the CSV reader alone: data
 * records, and non-empty cells of one column (NULL: none) or, with
 * split, its ';'-separated items; attr_* cells for prefix "attr_". */
static size_t count_in(const char *file, const char *column, int split)
{
	char path[512];
	airs__csv *c;
	airs__mem mem;
	size_t len, n = 0, i, want = (size_t)-1;
	char *text;
	int rc;

	snprintf(path, sizeof path, "%s/%s", SAMPLE, file);
	text = slurp(path, &len);
	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq(airs__mem_init(&mem, NULL), AIRS_OK);
	ck_assert_int_eq(airs__csv_new_buffer(&c, &mem, text, len, 0), AIRS_OK);
	ck_assert_int_eq(airs__csv_next(c), 1);
	for (i = 0; column && i < airs__csv_nfields(c); i++)
		if (strcmp(airs__csv_field(c, i, NULL), column) == 0)
			want = i;
	while ((rc = airs__csv_next(c)) == 1) {
		if (!column) {
			n++;
			continue;
		}
		{
			const char *v = airs__csv_field(c, want, NULL);
			ck_assert_ptr_nonnull(v);
			if (!split)
				n += *v != '\0';
			else
				for (; *v; v++) /* ends of non-empty items */
					n += *v != ';' && (v[1] == ';' || !v[1]);
		}
	}
	ck_assert_int_eq(rc, 0);
	airs__csv_free(c);
	free(text);
	return n;
}

START_TEST(sample_round_trip)
{
	airs_model *m = load_folder(SAMPLE);
	static const char *const attr_cols[] = { "attr_gender", "attr_age_band",
	                                         "attr_location" };
	size_t attrs = 0, i;

	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_UNIT), count_in("units.csv", NULL, 0));
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_ROLE), count_in("roles.csv", NULL, 0));
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_SKILL), count_in("skills.csv", NULL, 0));
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_PREREQUISITE),
	                  count_in("skills.csv", "prerequisites", 1));
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_ROLE_SKILL), count_in("role_skills.csv", NULL, 0));
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_EMPLOYEE), count_in("employees.csv", NULL, 0));
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_ASSESSMENT), count_in("assessments.csv", NULL, 0));
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_COURSE), count_in("courses.csv", NULL, 0));
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_TRAINING), count_in("training.csv", NULL, 0));
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_SURVEY_ITEM), count_in("survey_items.csv", NULL, 0));
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_RESPONSE), count_in("responses.csv", NULL, 0));
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_USAGE), count_in("usage.csv", NULL, 0));
	for (i = 0; i < sizeof attr_cols / sizeof attr_cols[0]; i++)
		attrs += count_in("employees.csv", attr_cols[i], 0);
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_ATTRIBUTE), attrs);
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_EMPLOYEE), 250);
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	airs_model_free(m);
}
END_TEST

START_TEST(buffers_equal_folder)
{
	/* every table of the base, and the sample's tool registry */
	enum { NF = T_N + 1 };
	const char *files[NF];
	airs_table_buffer tb[NF];
	airs_model *disk = load_folder(SAMPLE), *mem;
	char *data[NF];
	size_t i, n = 0;

	for (i = 0; i < T_N; i++)
		files[i] = names[i];
	files[T_N] = "tools.csv";
	for (i = 0; i < NF; i++) {
		char path[512];
		size_t len;
		snprintf(path, sizeof path, "%s/%s", SAMPLE, files[i]);
		data[i] = slurp(path, &len);
		if (!data[i])
			continue;
		/* In reverse order: the loader must sort them. */
		tb[NF - 1 - n].name = files[i];
		tb[NF - 1 - n].data = data[i];
		tb[NF - 1 - n].len = len;
		n++;
	}
	ck_assert_int_eq(airs_model_new(&mem, NULL), AIRS_OK);
	ck_assert_int_eq(airs_load_buffers(mem, tb + NF - n, n, NULL, NULL), AIRS_OK);
	assert_same(disk, mem);
	/* one thread and four load the same model */
	{
		airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
		uint32_t t;
		for (t = 1; t <= 4; t += 3) {
			airs_model *x;
			o.threads = t;
			ck_assert_int_eq(airs_model_new(&x, NULL), AIRS_OK);
			ck_assert_int_eq(airs_load_buffers(x, tb + NF - n, n, &o,
			                                   NULL), AIRS_OK);
			assert_same(disk, x);
			airs_model_free(x);
		}
	}
	for (i = 0; i < NF; i++)
		free(data[i]);
	airs_model_free(disk);
	airs_model_free(mem);
}
END_TEST

/* Everything a load says, as text: the status, every diagnostic in
 * order with its severity, the first error and the counts. */
static char *transcript(const char *const *text, uint32_t threads,
                        uint32_t max_errors)
{
	airs_table_buffer tb[T_N];
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_model *m;
	char *out = malloc(65536);
	size_t i, n = 0;
	int rc, k;

	ck_assert_ptr_nonnull(out);
	for (i = 0; i < T_N; i++) {
		tb[i].name = names[i];
		tb[i].data = text[i];
		tb[i].len = strlen(text[i]);
	}
	o.on_diag = collect;
	o.max_errors = max_errors;
	o.threads = threads;
	nseen = 0;
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	rc = airs_load_buffers(m, tb, T_N, &o, &d);
	n += (size_t)snprintf(out + n, 65536 - n, "rc %d first %s\n", rc, fmt(&d));
	for (i = 0; i < nseen; i++)
		n += (size_t)snprintf(out + n, 65536 - n, "%d %s\n",
		                      seen[i].severity, fmt(&seen[i]));
	for (k = 0; k < AIRS_ENTITY_COUNT_; k++)
		n += (size_t)snprintf(out + n, 65536 - n, "%zu ",
		                      airs_model_count(m, k));
	ck_assert_uint_lt(n, 65000);
	airs_model_free(m);
	return out;
}

/* Reading the record files on several threads changes nothing a caller
 * sees: the same diagnostics in the same order, the same first error,
 * the same limit, the same model - with problems in every record file. */
START_TEST(threads_change_nothing)
{
	static const char *const asm_bad =
		ASM_H "E1,S1,7,2026-01-15,self\nE9,S1,3,2026-01-15,self\n"
		"E1,S2,3,2026-01-15,self\n";
	static const char *const trn_bad =
		"employee_id,hours,date,course_id,skill_id,status,extra\n"
		"E1,4,2026-02-01,C1,,completed,x\nE1,-4,2026-02-01,C1,,done,x\n";
	static const char *const rsp_bad =
		"employee_id,item_id,value,date\nE1,Q1,9,2026-03-01\n"
		"E2,Q7,4,2026-03-01\n";
	static const char *const use_bad =
		USE_H "E1,chat,2026-03,10\nE1,chat,2026-03,11\nE2,chat,2026-02,30\n";
	static const uint32_t limits[] = { 0, 1, 2, 3, 4, 5, 7, 100 };
	const char *text[T_N];
	unsigned mask;
	size_t l, i;

	/* every combination of broken record files */
	for (mask = 0; mask < 16; mask++) {
		for (i = 0; i < T_N; i++)
			text[i] = base[i];
		if (mask & 1)
			text[T_ASSESSMENTS] = asm_bad;
		if (mask & 2)
			text[T_TRAINING] = trn_bad;
		if (mask & 4)
			text[T_RESPONSES] = rsp_bad;
		if (mask & 8)
			text[T_USAGE] = use_bad;
		for (l = 0; l < sizeof limits / sizeof limits[0]; l++) {
			char *one = transcript(text, 1, limits[l]);
			char *two = transcript(text, 2, limits[l]);
			char *four = transcript(text, 4, limits[l]);
			ck_assert_str_eq(one, two);
			ck_assert_str_eq(one, four);
			free(one);
			free(two);
			free(four);
		}
	}
}
END_TEST

/* A company of FIN_EMPS employees whose records are listed out of
 * content order (skills, hours and items descending), for finishing on
 * threads: the rows of employees.csv, assessments, training or
 * responses (fin_table), with the base dataset's header (fin_text). */
enum { FIN_EMPS = 8193 }; /* two blocks of ORDER_EACH (model-finish.c) */

static char *fin_table(size_t table, int per)
{
	size_t cap = (size_t)FIN_EMPS * (size_t)per * 48 + 64, n = 0;
	char *t = malloc(cap);
	int e, k;

	ck_assert_ptr_nonnull(t);
	t[0] = '\0';
	for (e = 0; e < FIN_EMPS; e++)
		for (k = per; k > 0; k--) {
			int d = (e + k) % 27 + 1;
			char *at = t + n;
			size_t left = cap - n;
			switch (table) {
			case T_EMPLOYEES:
				n += (size_t)snprintf(at, left, "E%06d,U1,R1,0,\n", e);
				break;
			case T_ASSESSMENTS:
				n += (size_t)snprintf(at, left, "E%06d,S%d,3,2026-01-%02d,"
				                      "self\n", e, k, d);
				break;
			case T_TRAINING:
				n += (size_t)snprintf(at, left, "E%06d,%d,2026-02-%02d,C1,,"
				                      "completed\n", e, k, d);
				break;
			default:
				n += (size_t)snprintf(at, left, "E%06d,Q%d,4,2026-03-%02d\n",
				                      e, k, d);
			}
		}
	ck_assert_uint_lt(n, cap);
	return t;
}

/* The header of table i of the base dataset and fin_table()'s rows. */
static char *fin_text(size_t i, int per)
{
	char *rows = fin_table(i, per);
	size_t h = (size_t)(strchr(base[i], '\n') + 1 - base[i]);
	size_t n = strlen(rows);
	char *t = malloc(h + n + 1);

	ck_assert_ptr_nonnull(t);
	memcpy(t, base[i], h);
	memcpy(t + h, rows, n + 1);
	free(rows);
	return t;
}

/* The model of the company above, loaded and finished on `threads`. */
static airs_model *fin_model(char **text, uint32_t threads)
{
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_table_buffer tb[T_N];
	airs_model *m;
	size_t i;

	for (i = 0; i < T_N; i++) {
		tb[i].name = names[i];
		tb[i].data = text[i] ? text[i] : base[i];
		tb[i].len = strlen(tb[i].data);
	}
	o.threads = threads;
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_msg(airs_load_buffers(m, tb, T_N, &o, &d) == AIRS_OK, "%s",
	              fmt(&d));
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	return m;
}

/* The same entries in a and b, which moved records (the input is out of
 * content order), kept as one-byte shifts (runs of a few records). */
static void assert_same_index(const airs__csr *a, const airs__csr *b,
                              size_t owners)
{
	size_t i, moved = 0, total = a->start[owners];

	ck_assert_mem_eq(a->start, b->start, (owners + 1) * sizeof *a->start);
	for (i = 0; i < total; i++) {
		ck_assert_uint_eq(airs__csr_at(a, i), airs__csr_at(b, i));
		moved += airs__csr_at(a, i) != i;
	}
	ck_assert_uint_gt(moved, 0);
	ck_assert_ptr_null(a->order);
	ck_assert_ptr_nonnull(a->shift);
	ck_assert_ptr_nonnull(b->shift);
}

/* airs_model_finish() puts each employee's records in content order on
 * the threads the load was given, shared by employee: the indexes are
 * the same for one thread and several, and in content order. */
START_TEST(finish_orders_records_on_any_threads)
{
	char *text[T_N] = { 0 };
	airs_model *one, *three;
	size_t e, i;

	/* five skills and four items, numbered in file order */
	text[T_SKILLS] = strdup("skill_id,name,category,prerequisites\n"
	                        "S1,A,core,\nS2,B,core,\nS3,C,core,\n"
	                        "S4,D,core,\nS5,E,core,\n");
	text[T_ITEMS] = strdup("item_id,construct,scale_min,scale_max,reverse,"
	                       "text\nQ1,clarity,1,5,0,A\nQ2,clarity,1,5,0,B\n"
	                       "Q3,clarity,1,5,0,C\nQ4,clarity,1,5,0,D\n");
	text[T_EMPLOYEES] = fin_text(T_EMPLOYEES, 1);
	text[T_ASSESSMENTS] = fin_text(T_ASSESSMENTS, 3);
	text[T_TRAINING] = fin_text(T_TRAINING, 2);
	text[T_RESPONSES] = fin_text(T_RESPONSES, 2);
	text[T_USAGE] = fin_text(T_USAGE, 0);
	one = fin_model(text, 1);
	three = fin_model(text, 3);
	ck_assert_uint_eq(one->emps.n, FIN_EMPS);
	assert_same_index(&one->by_emp_assessment, &three->by_emp_assessment,
	                  FIN_EMPS);
	assert_same_index(&one->by_emp_training, &three->by_emp_training,
	                  FIN_EMPS);
	assert_same_index(&one->by_emp_response, &three->by_emp_response,
	                  FIN_EMPS);
	/* and in content order: skills ascending in every run */
	for (e = 0; e < FIN_EMPS; e++) {
		const airs__csr *c = &three->by_emp_assessment;
		ck_assert_uint_eq(c->start[e + 1] - c->start[e], 3);
		for (i = c->start[e] + 1; i < c->start[e + 1]; i++)
			ck_assert_uint_lt(
			        three->assessments.v[airs__csr_at(c, i - 1)].skill,
			        three->assessments.v[airs__csr_at(c, i)].skill);
	}
	airs_model_free(one);
	airs_model_free(three);
	for (i = 0; i < T_N; i++)
		free(text[i]);
}
END_TEST

/* A record that content order moves 128 places or more keeps the index
 * of record numbers (airs__csr): two employees with 200 assessments each,
 * listed in the reverse of content order. */
START_TEST(finish_keeps_long_moves_as_numbers)
{
	char *text[T_N] = { 0 };
	size_t cap = 2 * 200 * 48 + 128, n, e, i;
	airs_model *m;
	const airs__csr *c;
	int k, d;

	text[T_SKILLS] = strdup("skill_id,name,category,prerequisites\n"
	                        "S1,A,core,\nS2,B,core,\nS3,C,core,\n"
	                        "S4,D,core,\nS5,E,core,\n");
	text[T_ITEMS] = strdup("item_id,construct,scale_min,scale_max,reverse,"
	                       "text\nQ1,clarity,1,5,0,A\n");
	text[T_EMPLOYEES] = fin_text(T_EMPLOYEES, 1);
	text[T_TRAINING] = fin_text(T_TRAINING, 1);
	text[T_RESPONSES] = fin_text(T_RESPONSES, 1);
	text[T_USAGE] = fin_text(T_USAGE, 0);
	text[T_ASSESSMENTS] = malloc(cap);
	ck_assert_ptr_nonnull(text[T_ASSESSMENTS]);
	n = (size_t)snprintf(text[T_ASSESSMENTS], cap,
	                     "employee_id,skill_id,level,date,source\n");
	for (e = 0; e < 2; e++)
		for (k = 5; k > 0; k--)
			for (d = 40; d > 0; d--)
				n += (size_t)snprintf(text[T_ASSESSMENTS] + n, cap - n,
				                      "E%06d,S%d,3,2026-%02d-%02d,self\n",
				                      (int)e, k, d / 28 + 1, d % 28 + 1);
	ck_assert_uint_lt(n, cap);
	m = fin_model(text, 1);
	c = &m->by_emp_assessment;
	ck_assert_ptr_nonnull(c->order);
	ck_assert_ptr_null(c->shift);
	ck_assert_uint_eq(c->start[2], 400);
	for (e = 0; e < 2; e++)
		for (i = c->start[e] + 1; i < c->start[e + 1]; i++) {
			const airs__assessment *p = &m->assessments.v[airs__csr_at(c, i - 1)];
			const airs__assessment *q = &m->assessments.v[airs__csr_at(c, i)];
			ck_assert(p->skill < q->skill ||
			          (p->skill == q->skill && p->date < q->date));
		}
	airs_model_free(m);
	for (i = 0; i < T_N; i++)
		free(text[i]);
}
END_TEST

/* ------------------------------------------------------------------------
 * A table read in byte ranges (load-ranges.c) reads as one reader does
 * ---------------------------------------------------------------------- */

/* Everything a load of the base dataset with employees.csv replaced by
 * emp says, as transcript() does; from buffers, or from files in dir.
 * The model goes to *keep. */
static char *ranges_transcript(const char *emp, const char *dir,
                               uint32_t threads, uint32_t max_errors,
                               airs_model **keep)
{
	const char *text[T_N];
	airs_table_buffer tb[T_N];
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	char *out = malloc(65536);
	size_t i, n = 0;
	int rc, k;

	ck_assert_ptr_nonnull(out);
	for (i = 0; i < T_N; i++) {
		text[i] = i == T_EMPLOYEES ? emp : base[i];
		tb[i].name = names[i];
		tb[i].data = text[i];
		tb[i].len = strlen(text[i]);
	}
	o.on_diag = collect;
	o.max_errors = max_errors;
	o.threads = threads;
	nseen = 0;
	ck_assert_int_eq(airs_model_new(keep, NULL), AIRS_OK);
	rc = dir ? airs_load_dir(*keep, dir, &o, &d)
	         : airs_load_buffers(*keep, tb, T_N, &o, &d);
	n += (size_t)snprintf(out + n, 65536 - n, "rc %d first %s\n", rc, fmt(&d));
	for (i = 0; i < nseen; i++)
		n += (size_t)snprintf(out + n, 65536 - n, "%d %s\n",
		                      seen[i].severity, fmt(&seen[i]));
	for (k = 0; k < AIRS_ENTITY_COUNT_; k++)
		n += (size_t)snprintf(out + n, 65536 - n, "%zu ",
		                      airs_model_count(*keep, k));
	ck_assert_uint_lt(n, 65000);
	return out;
}

static FILE *open_in(const char *dir, const char *name);

static void write_dataset(const char *dir, const char *emp)
{
	size_t i;

	for (i = 0; i < T_N; i++) {
		FILE *f = open_in(dir, names[i]);
		const char *t = i == T_EMPLOYEES ? emp : base[i];
		ck_assert_uint_eq(fwrite(t, 1, strlen(t), f), strlen(t));
		fclose(f);
	}
}

/* employees.csv files that are hard to cut: quoted fields holding line
 * ends, commas and doubled quotes, CRLF, blank lines, a BOM, no final
 * line end; errors of values, references and duplicates in several
 * places, then a record of the wrong width (the reader stops there);
 * a quote never closed; a stray quote inside a plain field (odd quote
 * parity for the rest of the file); a lone CR; nothing after the header. */
#define NOTE_H "employee_id,unit_id,role_id,is_leader,manager_id,attr_note"
static const char *const ranges_files[] = {
	"\xEF\xBB\xBF" NOTE_H "\r\n"
	"E1,U1,R1,1,,\"line one\r\nline \"\"two\"\"\"\r\n"
	"\r\n"
	"\"E2\",U2,R1,0,E1,\"a,b\nc\"\r\n"
	"E3,U2,R1,0,E1,\"\"\"\"\r\n"
	"E4,U2,R1,0,E3,\"\n\n\"\r\n"
	"\n"
	"E5,U2,R1,0,E4,plain\r\n"
	"E6,U2,R1,0,E5,\"end\"",
	NOTE_H "\n"
	"E1,U1,R1,1,,ok\n"
	"E2,U9,R1,0,E1,\"bad unit\nspans two lines\"\n"
	"E3,U2,R1,maybe,E1,x\n"
	"E1,U2,R1,0,,\"dup\"\"licate\"\n"
	"E4,U2,R1,0,E9,\"manager\nmissing\"\n"
	"E5,U2,R1,0,E1\n"
	"E6,U2,R1,0,E1,after\n",
	NOTE_H "\n"
	"E1,U1,R1,1,,ok\n"
	"E2,U2,R1,0,E1,\"never closed\n"
	"E3,U2,R1,0,E1,x\n",
	NOTE_H "\n"
	"E1,U1,R1,1,,ok\n"
	"E2,U2,R1,0,E1,ab\"c\n"
	"E3,U2,R1,0,E1,\"x\ny\"\n"
	"E4,U2,R1,0,E1,z\n",
	NOTE_H "\n"
	"E1,U1,R1,1,,ok\n"
	"E2,U2,R1,0,E1,a\rE3,U2,R1,0,E1,b\n",
	NOTE_H "\n",
	"\xEF\xBB\xBF" NOTE_H,
};

/* Ranges of one byte (a boundary at every line end outside quotes) and
 * of every size up to 16 bytes, then growing to the whole file, on one
 * and three threads, from buffers and from files,
 * stopping at the first error or collecting them: the same diagnostics
 * with the same lines and columns in the same order, the same first
 * error, the same model, as one reader. */
START_TEST(ranges_read_as_one_reader)
{
	static const uint32_t limits[] = { 1, 100 };
	static const size_t sizes[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
		13, 14, 15, 16, 21, 34, 55, 89, 144, 233, 100000 };
	const char *emp = ranges_files[_i];
	char dir[] = "/tmp/airs-test-ranges-XXXXXX";
	size_t z, l, src;
	uint32_t t;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	write_dataset(dir, emp);
	for (src = 0; src < 2; src++)
		for (l = 0; l < 2; l++) {
			airs_model *one, *m;
			char *want, *got, knob[32];

			unsetenv("AIRS_TEST_LOAD_RANGE");
			want = ranges_transcript(emp, src ? dir : NULL, 1, limits[l], &one);
			for (z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
				for (t = 1; t <= 3; t += 2) {
					snprintf(knob, sizeof knob, "%zu", sizes[z]);
					setenv("AIRS_TEST_LOAD_RANGE", knob, 1);
					got = ranges_transcript(emp, src ? dir : NULL, t,
					                        limits[l], &m);
					ck_assert_msg(!strcmp(want, got), "ranges of %zu "
					              "bytes, %u threads, %s:\n%s\none "
					              "reader:\n%s", sizes[z], t,
					              src ? "files" : "buffers", got, want);
					assert_same(one, m);
					airs_model_free(m);
					free(got);
				}
			unsetenv("AIRS_TEST_LOAD_RANGE");
			if (_i == 0 && l == 0)
				ck_assert_msg(strstr(want, "rc 0 ") == want, "%s", want);
			airs_model_free(one);
			free(want);
		}
	for (src = 0; src < T_N; src++) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, names[src]);
		remove(path);
	}
	rmdir(dir);
}
END_TEST

/* A host that set a German locale (decimal comma) loads the same model. */
START_TEST(locale_independent)
{
	airs_model *c_model = load_folder(SAMPLE), *de_model;
	char *old = setlocale(LC_ALL, NULL);

	old = old ? strdup(old) : NULL;
	if (!setlocale(LC_ALL, "de_DE.UTF-8")) {
		printf("# SKIP locale de_DE.UTF-8 is not installed; enable it in "
		       "/etc/locale.gen and run locale-gen\n");
	} else {
		char buf[16];
		snprintf(buf, sizeof buf, "%.1f", 2.5);
		ck_assert_str_eq(buf, "2,5"); /* the locale is really in effect */
		de_model = load_folder(SAMPLE);
		assert_same(c_model, de_model);
		airs_model_free(de_model);
	}
	setlocale(LC_ALL, old ? old : "C");
	free(old);
	airs_model_free(c_model);
}
END_TEST

/* ------------------------------------------------------------------------
 * Streaming: memory stays bounded by the model, not the files
 * ---------------------------------------------------------------------- */

/* An allocator that counts live and peak bytes; thread-safe, as an
 * allocator must be (loading reads record files on worker threads). */
struct counter {
	size_t live, peak, biggest;
	pthread_mutex_t lock;
};

#define HDR 16 /* keeps the size; keeps malloc's alignment */

static void *c_malloc(size_t n, void *user)
{
	struct counter *c = user;
	char *p = malloc(n + HDR);

	if (!p)
		return NULL;
	memcpy(p, &n, sizeof n);
	pthread_mutex_lock(&c->lock);
	c->live += n;
	if (n > c->biggest)
		c->biggest = n;
	if (c->live > c->peak)
		c->peak = c->live;
	pthread_mutex_unlock(&c->lock);
	return p + HDR;
}

static void *c_realloc(void *q, size_t n, void *user)
{
	struct counter *c = user;
	char *p = (char *)q - HDR;
	size_t old;

	memcpy(&old, p, sizeof old);
	p = realloc(p, n + HDR);
	if (!p)
		return NULL;
	memcpy(p, &n, sizeof n);
	pthread_mutex_lock(&c->lock);
	c->live = c->live - old + n;
	if (n > c->biggest)
		c->biggest = n;
	if (c->live > c->peak)
		c->peak = c->live;
	pthread_mutex_unlock(&c->lock);
	return p + HDR;
}

static void c_free(void *q, void *user)
{
	struct counter *c = user;
	char *p = (char *)q - HDR;
	size_t old;

	memcpy(&old, p, sizeof old);
	pthread_mutex_lock(&c->lock);
	c->live -= old;
	pthread_mutex_unlock(&c->lock);
	free(p);
}

#define BIG_EMPLOYEES 200000

static FILE *open_in(const char *dir, const char *name)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	return f;
}

static long file_size(const char *dir, const char *name)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_int_eq(stat(path, &st), 0);
	return (long)st.st_size;
}

/* An HRIS-like export of BIG_EMPLOYEES people: 50 units, 10 skills, two
 * assessments, two survey answers and three months of tool use each, and
 * the identifying columns an HRIS exports that airs ignores. */
static long write_big(const char *dir, long *largest)
{
	static const char *const files[] = { "units.csv", "roles.csv",
		"skills.csv", "employees.csv", "survey_items.csv",
		"assessments.csv", "responses.csv", "usage.csv" };
	FILE *f;
	long total = 0;
	size_t i;
	int e;

	f = open_in(dir, "units.csv");
	fputs("unit_id,name,parent_id,target_level\nU0,Company,,3\n", f);
	for (e = 1; e < 50; e++)
		fprintf(f, "U%d,Unit %d,U%d,\n", e, e, (e - 1) / 7);
	fclose(f);
	f = open_in(dir, "roles.csv");
	fputs("role_id,name\nR0,Clerk\nR1,Analyst\nR2,Engineer\n", f);
	fclose(f);
	f = open_in(dir, "skills.csv");
	fputs("skill_id,name,category,prerequisites\n", f);
	for (e = 0; e < 10; e++)
		fprintf(f, "S%d,Skill %d,core,%s\n", e, e, e ? "S0:1" : "");
	fclose(f);
	f = open_in(dir, "survey_items.csv");
	fputs("item_id,construct\nQ1,clarity\nQ2,trust\n", f);
	fclose(f);
	f = open_in(dir, "employees.csv");
	fputs("employee_id,full_name,email,unit_id,role_id,is_leader,"
	      "manager_id,attr_gender,attr_age_band\n", f);
	for (e = 0; e < BIG_EMPLOYEES; e++) {
		char mgr[16] = "";
		if (e) /* a binary tree; a manager comes before its people */
			snprintf(mgr, sizeof mgr, "E%07d", (e - 1) / 2);
		fprintf(f, "E%07d,Person Number %d,person.%d@example.com,U%d,R%d,"
		        "%d,%s,%s,%s\n", e, e, e, e % 50, e % 3, e % 10 == 0, mgr,
		        e % 2 ? "female" : "male", e % 3 ? "30-49" : "18-29");
	}
	fclose(f);
	f = open_in(dir, "assessments.csv");
	fputs("employee_id,skill_id,level,date,source\n", f);
	for (e = 0; e < BIG_EMPLOYEES; e++)
		fprintf(f, "E%07d,S%d,%d.5,2026-0%d-15,self\n"
		           "E%07d,S%d,%d,2026-0%d-20,manager\n",
		        e, e % 10, e % 5, 1 + e % 9, e, (e + 1) % 10, e % 6,
		        1 + e % 9);
	fclose(f);
	f = open_in(dir, "responses.csv");
	fputs("employee_id,item_id,value,date\n", f);
	for (e = 0; e < BIG_EMPLOYEES; e++)
		fprintf(f, "E%07d,Q1,%d,2026-06-01\nE%07d,Q2,%d,2026-06-01\n", e,
		        1 + e % 5, e, 1 + (e / 3) % 5);
	fclose(f);
	f = open_in(dir, "usage.csv");
	fputs("employee_id,tool_id,period,active_days\n", f);
	for (e = 0; e < BIG_EMPLOYEES; e++)
		for (i = 1; i <= 3; i++)
			fprintf(f, "E%07d,chat,2026-0%zu,%d\n", e, i,
			        (int)(e + i) % 20);
	fclose(f);
	*largest = 0;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		long n = file_size(dir, files[i]);
		total += n;
		if (n > *largest)
			*largest = n;
	}
	return total;
}

static void remove_big(const char *dir)
{
	static const char *const files[] = { "units.csv", "roles.csv",
		"skills.csv", "employees.csv", "survey_items.csv",
		"assessments.csv", "responses.csv", "usage.csv" };
	char path[512];
	size_t i;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		remove(path);
	}
	rmdir(dir);
}

START_TEST(streams_large_dataset)
{
	struct counter cnt = { 0, 0, 0, PTHREAD_MUTEX_INITIALIZER };
	airs_allocator a = AIRS_ALLOCATOR_INIT;
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	char dir[] = "/tmp/airs-test-load-XXXXXX";
	struct timespec t0, t1;
	size_t model_bytes, loader_bytes;
	airs_model *m;
	long bytes, largest;
	double secs;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	bytes = write_big(dir, &largest);
	a.malloc = c_malloc;
	a.realloc = c_realloc;
	a.free = c_free;
	a.user = &cnt;
	ck_assert_int_eq(airs_model_new(&m, &a), AIRS_OK);
	o.on_diag = NULL; /* two "unknown column" warnings */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_msg(airs_load_dir(m, dir, &o, &d) == AIRS_OK, "%s", fmt(&d));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_EMPLOYEE), BIG_EMPLOYEES);
	ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_USAGE), 3 * BIG_EMPLOYEES);
	model_bytes = cnt.live;
	/* What the heap held at its peak beyond what the model keeps: the
	 * reader's buffers, forward references, and the model's own
	 * transient when its biggest hash table grows (old and new table
	 * alive at once: half the biggest block). */
	loader_bytes = cnt.peak - model_bytes;
	printf("# %d employees: %.1f MB of CSV (largest file %.1f MB) loaded "
	       "in %.2f s; peak heap %.1f MB, model %.1f MB, above the model "
	       "%.1f MB (biggest block %.1f MB)\n", BIG_EMPLOYEES, bytes / 1e6,
	       largest / 1e6, secs, cnt.peak / 1e6, model_bytes / 1e6,
	       loader_bytes / 1e6, cnt.biggest / 1e6);
	fflush(stdout);
	remove_big(dir);
	/* A loader that held a whole file would need at least the largest
	 * file above the model.  (The peak is not below the total file
	 * size: the model keeps numbers in fixed-size records and hash
	 * tables with room to grow, which for this numeric data is more
	 * than its CSV text.) */
	ck_assert_uint_lt(loader_bytes, cnt.biggest / 2 + (1u << 20));
	ck_assert_uint_lt(loader_bytes, (size_t)largest);
	airs_model_free(m);
	ck_assert_uint_eq(cnt.live, 0);
}
END_TEST


/* Progress: bytes of the tables, growing, ending at the total, on any
 * number of threads; a callback that says stop cancels the load, which
 * then changes nothing. */
struct lprog {
	uint64_t last, total, calls, stop_at;
	int finished;
};

static int load_progress(uint64_t done, uint64_t total, void *user)
{
	struct lprog *p = user;

	ck_assert_uint_ge(done, p->last);
	ck_assert_uint_le(done, total);
	p->last = done;
	p->total = total;
	p->calls++;
	p->finished |= done == total;
	return p->stop_at && done >= p->stop_at;
}

static uint64_t folder_bytes(const char *dir)
{
	static const char *const files[] = { "units.csv", "roles.csv",
		"skills.csv", "role_skills.csv", "employees.csv", "courses.csv",
		"survey_items.csv", "assessments.csv", "training.csv",
		"responses.csv", "usage.csv", "tools.csv", "survey_waves.csv" };
	char path[1024];
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < sizeof files / sizeof *files; i++) {
		FILE *f;
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if ((f = fopen(path, "rb")) != NULL) {
			fseek(f, 0, SEEK_END);
			n += (uint64_t)ftell(f);
			fclose(f);
		}
	}
	return n;
}

START_TEST(progress_and_cancel)
{
	uint64_t total = folder_bytes(SAMPLE);
	uint64_t stops[] = { 1, 0, 0 };
	uint32_t threads;
	size_t k;

	stops[1] = total / 2;
	stops[2] = total;
	for (threads = 1; threads <= 4; threads += 3) {
		airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
		struct lprog p;
		airs_model *m;

		memset(&p, 0, sizeof p);
		o.threads = threads;
		o.progress = load_progress;
		o.progress_user = &p;
		ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
		ck_assert_int_eq(airs_load_dir(m, SAMPLE, &o, NULL), AIRS_OK);
		ck_assert(p.finished);
		ck_assert_uint_eq(p.total, total);
		ck_assert_uint_ge(p.calls, 5);
		airs_model_free(m);
		for (k = 0; k < 3; k++) {
			airs_diag d = AIRS_DIAG_INIT;
			memset(&p, 0, sizeof p);
			p.stop_at = stops[k];
			ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
			ck_assert_int_eq(airs_load_dir(m, SAMPLE, &o, &d),
			                 AIRS_ECANCELED);
			ck_assert_str_eq(d.text, "loading was cancelled by the "
			                 "progress callback");
			ck_assert_str_eq(airs_model_errmsg(m), d.text);
			ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_EMPLOYEE), 0);
			ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_UNIT), 0);
			airs_model_free(m);
		}
	}
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("load");
	TCase *tc = tcase_create("catalogue");

	tcase_add_test(tc, base_loads);
	tcase_add_loop_test(tc, catalogue, 0, (int)(sizeof cases / sizeof cases[0]));
	tcase_add_test(tc, nul_byte_and_long_field);
	tcase_add_test(tc, bad_arguments);
	tcase_add_test(tc, missing_folder_and_file);
	tcase_add_test(tc, limits_stop_the_load);
	tcase_add_test(tc, only_regular_files);
	suite_add_tcase(s, tc);
	tc = tcase_create("behaviour");
	tcase_add_test(tc, fine_variations);
	tcase_add_test(tc, warnings_do_not_fail);
	tcase_add_test(tc, collect_mode);
	tcase_add_test(tc, no_cascades);
	tcase_add_test(tc, limit_holds_within_a_row);
	tcase_add_test(tc, all_or_nothing);
	tcase_add_test(tc, threads_change_nothing);
	tcase_add_test(tc, progress_and_cancel);
	suite_add_tcase(s, tc);
	tc = tcase_create("finish");
	tcase_set_timeout(tc, 120); /* two loads of 8,193 employees, TSan */
	tcase_add_test(tc, finish_orders_records_on_any_threads);
	tcase_add_test(tc, finish_keeps_long_moves_as_numbers);
	suite_add_tcase(s, tc);
	tc = tcase_create("ranges");
	tcase_set_timeout(tc, 120); /* about 1,300 loads each, under valgrind */
	tcase_add_loop_test(tc, ranges_read_as_one_reader, 0,
	                    (int)(sizeof ranges_files / sizeof ranges_files[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("datasets");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, sample_round_trip);
	tcase_add_test(tc, buffers_equal_folder);
	tcase_add_test(tc, locale_independent);
	suite_add_tcase(s, tc);
	tc = tcase_create("streaming");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, streams_large_dataset);
	suite_add_tcase(s, tc);
	return s;
}

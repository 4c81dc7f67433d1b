/* Exports as HRIS and survey tools write them (issue 21): the sample
 * company written with semicolons and decimal commas, as UTF-16, with a
 * wide survey, and with an HRIS's own column names, values and dates
 * under a mapping, loads to the same model (the same input digest) as
 * the native form; and every mistake gets one message, at its position,
 * that says what to change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airs/load.h"
#include "csv.h"
#include "model.h"

#include "harness.h"

#define SAMPLE SOURCE_ROOT "/examples/data/sample"
#define NT 11

static const char *const names[NT] = {
	"units.csv", "roles.csv", "skills.csv", "role_skills.csv",
	"employees.csv", "courses.csv", "survey_items.csv", "assessments.csv",
	"training.csv", "responses.csv", "usage.csv"
};
enum { EMPLOYEES = 4, ITEMS = 6, ASSESSMENTS = 7, TRAINING = 8,
       RESPONSES = 9 };

/* A growing string. */
struct buf {
	char *s;
	size_t n, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		ck_assert_ptr_nonnull(b->s);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static char *slurp(const char *name, size_t *len)
{
	char path[512];
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", SAMPLE, name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "%s", path);
	puts_(&b, "");
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		put(&b, chunk, n);
	fclose(f);
	*len = b.n;
	return b.s;
}

/* The sample's tables, as files hold them. */
struct dataset {
	char *text[NT];
	size_t len[NT];
};

static void read_sample(struct dataset *ds)
{
	size_t i;

	for (i = 0; i < NT; i++)
		ds->text[i] = slurp(names[i], &ds->len[i]);
}

static void free_dataset(struct dataset *ds)
{
	size_t i;

	for (i = 0; i < NT; i++)
		free(ds->text[i]);
}

static const char *fmt(const airs_diag *d)
{
	static char buf[800];

	airs_diag_format(d, buf, sizeof buf);
	return buf;
}

/* Load ds (under map, if not NULL) and return the model's input digest
 * in out; fail the test on any load error. */
static void digest_of(const struct dataset *ds, const char *map,
                      char out[65])
{
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_table_buffer tb[NT];
	airs_model *m;
	size_t i;

	for (i = 0; i < NT; i++) {
		tb[i].name = names[i];
		tb[i].data = ds->text[i];
		tb[i].len = ds->len[i];
	}
	o.map = map;
	o.map_len = map ? strlen(map) : 0;
	o.map_name = "test.map";
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	ck_assert_msg(airs_load_buffers(m, tb, NT, &o, &d) == AIRS_OK, "%s",
	              fmt(&d));
	ck_assert_int_eq(airs_model_finish(m), AIRS_OK);
	ck_assert_int_eq(airs_model_digest(m, out), AIRS_OK);
	airs_model_free(m);
}

/* ------------------------------------------------------------------------
 * Rewriting a table field by field
 * ---------------------------------------------------------------------- */

/* Called per field: the header of its column, the record number (0 for
 * the header) and its text; returns the text to write. */
typedef const char *(*field_fn)(const char *head, size_t rec,
                                const char *text, void *user);

static void put_field(struct buf *b, const char *s, char delim)
{
	const char *p;

	if (!strchr(s, delim) && !strchr(s, '"') && !strchr(s, '\n')) {
		puts_(b, s);
		return;
	}
	puts_(b, "\"");
	for (p = s; *p; p++)
		if (*p == '"')
			puts_(b, "\"\"");
		else
			put(b, p, 1);
	puts_(b, "\"");
}

/* text rewritten with delimiter delim, each field through fn (NULL: as
 * it is), lines ended by eol. */
static char *rewrite(const char *text, size_t len, char delim, field_fn fn,
                     void *user, const char *eol, size_t *out_len)
{
	char heads[16][64];
	struct buf b = { 0 };
	airs__mem mem;
	airs__csv *c;
	size_t rec = 0, i;

	ck_assert_int_eq(airs__mem_init(&mem, NULL), AIRS_OK);
	ck_assert_int_eq(airs__csv_new_buffer(&c, &mem, text, len, 0), AIRS_OK);
	puts_(&b, "");
	while (airs__csv_next(c) == 1) {
		for (i = 0; i < airs__csv_nfields(c); i++) {
			const char *f = airs__csv_field(c, i, NULL);
			if (rec == 0 && i < 16)
				snprintf(heads[i], sizeof heads[i], "%s", f);
			if (fn)
				f = fn(i < 16 ? heads[i] : "", rec, f, user);
			if (i)
				put(&b, &delim, 1);
			put_field(&b, f, delim);
		}
		puts_(&b, eol);
		rec++;
	}
	airs__csv_free(c);
	*out_len = b.n;
	return b.s;
}

static void rewrite_all(struct dataset *ds, char delim, field_fn fn,
                        void *user, const char *eol)
{
	size_t i;

	for (i = 0; i < NT; i++) {
		char *t = rewrite(ds->text[i], ds->len[i], delim, fn, user, eol,
		                  &ds->len[i]);
		free(ds->text[i]);
		ds->text[i] = t;
	}
}

/* "2.5" -> "2,5" for fields that are decimal numbers. */
static const char *decimal_comma(const char *head, size_t rec,
                                 const char *text, void *user)
{
	static char out[64];
	const char *p = text;
	char *dot;

	(void)head;
	(void)rec;
	(void)user;
	if (*p == '-')
		p++;
	if (strlen(text) >= sizeof out || !(dot = strchr(text, '.')) ||
	    strspn(p, "0123456789.") != strlen(p) || strchr(dot + 1, '.'))
		return text;
	strcpy(out, text);
	out[dot - text] = ',';
	return out;
}

/* UTF-8 to UTF-16 (little- or big-endian) with a BOM. */
static char *to_utf16(const char *s, size_t len, int big, size_t *out_len)
{
	struct buf b = { 0 };
	size_t i = 0;

	puts_(&b, "");
	put(&b, big ? "\xFE\xFF" : "\xFF\xFE", 2);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp, n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		unsigned units[2], nu = 1, k;
		cp = n == 1 ? c : c & (0xFF >> (n + 1));
		for (k = 1; k < n; k++)
			cp = cp << 6 | ((unsigned char)s[i + k] & 0x3F);
		i += n;
		units[0] = cp;
		if (cp >= 0x10000) {
			units[0] = 0xD800 + ((cp - 0x10000) >> 10);
			units[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
			nu = 2;
		}
		for (k = 0; k < nu; k++) {
			char u[2] = { (char)(big ? units[k] >> 8 : units[k] & 0xFF),
			              (char)(big ? units[k] & 0xFF : units[k] >> 8) };
			put(&b, u, 2);
		}
	}
	*out_len = b.n;
	return b.s;
}

/* responses.csv long -> wide: one row per employee and date, one column
 * per item in survey_items.csv order; labels (non-NULL) replace the
 * answers 1..5 of items on a 1..5 scale (all but Q10 and Q11). */
/* The sample's survey items, as the columns of a wide export: the
 * twelve general ones and the two about one tool (T01, T02). */
#define NWIDE 14

static char *to_wide(const struct dataset *ds, const char *const *heads,
                     const char *const *labels, size_t *out_len)
{
	static const char *const items[NWIDE] = { "Q01", "Q02", "Q03", "Q04",
		"Q05", "Q06", "Q07", "Q08", "Q09", "Q10", "Q11", "Q12",
		"T01", "T02" };
	char emp[64] = "", date[16] = "", cell[NWIDE][64];
	struct buf b = { 0 };
	airs__mem mem;
	airs__csv *c;
	size_t i;
	int rc, first = 1;

	puts_(&b, "Respondent,Submitted");
	for (i = 0; i < NWIDE; i++) {
		puts_(&b, ",");
		puts_(&b, heads ? heads[i] : items[i]);
	}
	ck_assert_int_eq(airs__mem_init(&mem, NULL), AIRS_OK);
	ck_assert_int_eq(airs__csv_new_buffer(&c, &mem, ds->text[RESPONSES],
	                                      ds->len[RESPONSES], 0), AIRS_OK);
	ck_assert_int_eq(airs__csv_next(c), 1); /* employee_id,item_id,value,date */
	do {
		rc = airs__csv_next(c);
		if (rc != 1 || strcmp(emp, airs__csv_field(c, 0, NULL)) ||
		    strcmp(date, airs__csv_field(c, 3, NULL))) {
			if (!first) {
				puts_(&b, "\n");
				puts_(&b, emp);
				puts_(&b, ",");
				puts_(&b, date);
				for (i = 0; i < NWIDE; i++) {
					puts_(&b, ",");
					puts_(&b, cell[i]);
				}
			}
			if (rc != 1)
				break;
			first = 0;
			snprintf(emp, sizeof emp, "%s", airs__csv_field(c, 0, NULL));
			snprintf(date, sizeof date, "%s", airs__csv_field(c, 3, NULL));
			for (i = 0; i < NWIDE; i++)
				cell[i][0] = '\0';
		}
		for (i = 0; i < NWIDE && strcmp(items[i], airs__csv_field(c, 1, NULL));
		     i++)
			;
		ck_assert_uint_lt(i, NWIDE);
		ck_assert_msg(!cell[i][0], "two answers to one item in one row");
		{
			const char *v = airs__csv_field(c, 2, NULL);
			int a = atoi(v);
			if (labels && i != 9 && i != 10 && a >= 1 && a <= 5)
				v = labels[a - 1];
			snprintf(cell[i], sizeof cell[i], "%s", v);
		}
	} while (1);
	ck_assert_int_eq(rc, 0);
	airs__csv_free(c);
	puts_(&b, "\n");
	*out_len = b.n;
	return b.s;
}

static void replace(struct dataset *ds, size_t t, char *text, size_t len)
{
	free(ds->text[t]);
	ds->text[t] = text;
	ds->len[t] = len;
}

START_TEST(semicolons_and_decimal_commas)
{
	struct dataset ds;
	char want[65], got[65];

	read_sample(&ds);
	digest_of(&ds, NULL, want);
	/* Excel in most of Europe: ";" between fields, CRLF, decimal commas */
	rewrite_all(&ds, ';', decimal_comma, NULL, "\r\n");
	digest_of(&ds, "decimal = ,\n", got);
	ck_assert_str_eq(got, want);
	free_dataset(&ds);
}
END_TEST

START_TEST(tabs_and_utf16)
{
	struct dataset ds;
	char want[65], got[65];
	size_t i, n;
	int big;

	for (big = 0; big < 2; big++) {
		read_sample(&ds);
		digest_of(&ds, NULL, want);
		/* Excel's "Unicode text": UTF-16 LE, BOM, tabs, CRLF */
		rewrite_all(&ds, '\t', NULL, NULL, "\r\n");
		for (i = 0; i < NT; i++)
			{
			char *u = to_utf16(ds.text[i], ds.len[i], big, &n);
			replace(&ds, i, u, n);
		}
		digest_of(&ds, NULL, got);
		ck_assert_str_eq(got, want);
		free_dataset(&ds);
	}
}
END_TEST

START_TEST(wide_survey_equals_long)
{
	struct dataset ds;
	char want[65], got[65], *wide;
	size_t n;

	read_sample(&ds);
	digest_of(&ds, NULL, want);
	/* detected: the item ids are headers; employee and date mapped */
	wide = to_wide(&ds, NULL, NULL, &n);
	replace(&ds, RESPONSES, wide, n);
	digest_of(&ds, "[responses.csv]\nemployee_id = Respondent\n"
	               "date = Submitted\n", got);
	ck_assert_str_eq(got, want);
	free_dataset(&ds);
}
END_TEST

/* An HRIS's own names and habits, as field_fn: user is the table. */
static const char *hris(const char *head, size_t rec, const char *text,
                        void *user)
{
	static char out[64];
	size_t t = *(const size_t *)user;

	if (rec == 0) {
		static const char *const ren[][3] = {
			{ "employees.csv", "employee_id", "Worker ID" },
			{ "employees.csv", "unit_id", "Cost Center" },
			{ "employees.csv", "role_id", "Job Profile" },
			{ "employees.csv", "is_leader", "People Manager?" },
			{ "employees.csv", "manager_id", "Manager - ID" },
			{ "assessments.csv", "date", "Assessment Date" },
			{ "training.csv", "status", "Completion Status" },
		};
		size_t i;
		for (i = 0; i < sizeof ren / sizeof *ren; i++)
			if (!strcmp(names[t], ren[i][0]) && !strcmp(text, ren[i][1]))
				return ren[i][2];
		return text;
	}
	if (t == EMPLOYEES && !strcmp(head, "is_leader"))
		return !strcmp(text, "1") ? "Manager" : "Individual Contributor";
	if (t == ASSESSMENTS && !strcmp(head, "date")) {
		snprintf(out, sizeof out, "%.2s/%.2s/%.4s", text + 8, text + 5, text);
		return out;
	}
	if (t == ASSESSMENTS && !strcmp(head, "source") && !strcmp(text, "self"))
		return "Self Assessment";
	if (t == TRAINING && !strcmp(head, "status") && !strcmp(text, "completed"))
		return "Done";
	if (t == TRAINING && !strcmp(head, "date")) {
		snprintf(out, sizeof out, "%s 00:00:00", text);
		return out;
	}
	return text;
}

static const char workday_map[] =
	"# A Workday-style export and a survey tool's wide export\n"
	"[employees.csv]\n"
	"employee_id = Worker ID\n"
	"unit_id = Cost Center\n"
	"role_id = Job Profile\n"
	"is_leader = People Manager?\n"
	"manager_id = Manager - ID\n"
	"is_leader.Manager = 1\n"
	"is_leader.Individual Contributor = 0\n"
	"\n"
	"[assessments.csv]\n"
	"date = Assessment Date\n"
	"date_format = DD/MM/YYYY\n"
	"source.Self Assessment = self\n"
	"\n"
	"[training.csv]\n"
	"status = Completion Status\n"
	"status.Done = completed\n"
	"date_format = YYYY-MM-DD hh:mm:ss\n"
	"\n"
	"[responses.csv]\n"
	"layout = wide\n"
	"employee_id = Respondent\n"
	"date = Submitted\n"
	"item.Q01 = Q1 clarity\n"   "item.Q02 = Q2 useful\n"
	"item.Q03 = Q3 extra work\n" "item.Q04 = Q4 trust\n"
	"item.Q05 = Q5\n" "item.Q06 = Q6\n" "item.Q07 = Q7\n" "item.Q08 = Q8\n"
	"item.Q09 = Q9\n" "item.Q10 = Q10\n" "item.Q11 = Q11\n" "item.Q12 = Q12\n"
	"item.T01 = Copilot Chat helps\n" "item.T02 = Writing Assistant helps\n"
	"value.Strongly disagree = 1\n" "value.Disagree = 2\n"
	"value.Neutral = 3\n" "value.Agree = 4\n" "value.Strongly agree = 5\n";

START_TEST(mapped_export_equals_native)
{
	static const char *const heads[NWIDE] = { "Q1 clarity", "Q2 useful",
		"Q3 extra work", "Q4 trust", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10",
		"Q11", "Q12", "Copilot Chat helps", "Writing Assistant helps" };
	static const char *const labels[5] = { "Strongly disagree", "Disagree",
		"Neutral", "Agree", "Strongly agree" };
	struct dataset ds;
	char want[65], got[65], *text;
	size_t t, n;

	read_sample(&ds);
	digest_of(&ds, NULL, want);
	for (t = 0; t < NT; t++)
		if (t == EMPLOYEES || t == ASSESSMENTS || t == TRAINING) {
			text = rewrite(ds.text[t], ds.len[t], ',', hris, &t, "\n", &n);
			replace(&ds, t, text, n);
		}
	text = to_wide(&ds, heads, labels, &n);
	replace(&ds, RESPONSES, text, n);
	ck_assert_ptr_nonnull(strstr(ds.text[EMPLOYEES], "Individual Contributor"));
	ck_assert_ptr_nonnull(strstr(ds.text[ASSESSMENTS], ",29/03/2025,"));
	ck_assert_ptr_nonnull(strstr(ds.text[RESPONSES], "Strongly agree"));
	digest_of(&ds, workday_map, got);
	ck_assert_str_eq(got, want);
	free_dataset(&ds);
}
END_TEST

/* ------------------------------------------------------------------------
 * Messages: one per mistake, at its position, saying what to change
 * ---------------------------------------------------------------------- */

static const char *const base[NT] = {
	"unit_id,name,parent_id,target_level\nU1,Company,,3\n",
	"role_id,name\nR1,Analyst\n",
	"skill_id,name\nS1,Prompting\n",
	"role_id,skill_id,required_level\nR1,S1,3\n",
	("employee_id,unit_id,role_id,is_leader,manager_id\nE1,U1,R1,1,\n"
	 "E2,U1,R1,0,E1\n"),
	"course_id,name,skill_id,hours,format\nC1,Intro,S1,4,workshop\n",
	"item_id,construct\nQ1,clarity\nQ2,trust\n",
	"employee_id,skill_id,level,date,source\nE1,S1,3,2026-01-15,self\n",
	"employee_id,hours,date,course_id\nE1,4,2026-02-01,C1\n",
	"employee_id,item_id,value,date\nE1,Q1,4,2026-03-01\n",
	"employee_id,tool_id,period,active_days\nE1,chat,2026-03,10\n",
};

#define MAX_SEEN 8
static char seen[MAX_SEEN][800];
static size_t nseen;

static void collect(const airs_diag *d, void *user)
{
	(void)user;
	if (nseen < MAX_SEEN)
		snprintf(seen[nseen++], sizeof seen[0], "%s", fmt(d));
}

/* Load base with table `file` replaced by csv (len: strlen unless
 * given), under map, collecting every diagnostic into seen[]. */
static int try_load(const char *file, const char *csv, size_t len,
                    const char *map, uint32_t flags, airs_diag *d)
{
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_table_buffer tb[NT];
	airs_model *m;
	size_t i;
	int rc;

	for (i = 0; i < NT; i++) {
		int mine = file && !strcmp(file, names[i]);
		tb[i].name = names[i];
		tb[i].data = mine ? csv : base[i];
		tb[i].len = mine && len ? len : strlen(tb[i].data);
	}
	o.map = map;
	o.map_len = map ? strlen(map) : 0;
	o.map_name = "test.map";
	o.flags = flags;
	o.max_errors = 20;
	o.on_diag = collect;
	nseen = 0;
	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	rc = airs_load_buffers(m, tb, NT, &o, d);
	if (rc)
		ck_assert_uint_eq(airs_model_count(m, AIRS_ENTITY_EMPLOYEE), 0);
	airs_model_free(m);
	return rc;
}

struct msg_case {
	const char *file, *csv, *map;
	uint32_t flags;
	int status;
	const char *diag[3]; /* what on_diag sees, in order; NULL ends */
};

#define ASM_H "employee_id,skill_id,level,date,source\n"
#define EMP_H "employee_id,unit_id,role_id,is_leader,manager_id\n"
#define WIDE_H "employee_id,date,Q1,Q2\n"
#define DMY_RULE "is not a date in YYYY-MM-DD; it reads only as DD/MM/YYYY: " \
	"declare date_format = DD/MM/YYYY in a mapping"

static const struct msg_case msgs[] = {
	/* Delimiters and decimal commas */
	{ "assessments.csv", "employee_id;skill_id;level;date;source\n"
	  "E1;S1;2,5;2026-01-15;self\n", NULL, 0, AIRS_EPARSE,
	  { "assessments.csv:2:3: level \"2,5\" is not a number (use a point as "
	    "decimal separator, or declare decimal = , in a mapping)" } },
	{ "assessments.csv", "employee_id;skill_id;level;date;source\n"
	  "E1;S1;2,5;2026-01-15;self\n", "[assessments.csv]\ndecimal = ,\n", 0,
	  AIRS_OK, { NULL } },
	{ "assessments.csv", "employee_id;skill_id;level;date;source\n"
	  "E1;S1;1.250,5;2026-01-15;self\n", "[assessments.csv]\ndecimal = ,\n",
	  0, AIRS_EPARSE,
	  { "assessments.csv:2:3: level \"1.250,5\" has a point, but the mapping "
	    "declares decimal = , (write numbers without thousands "
	    "separators)" } },
	{ "assessments.csv", "employee_id,skill_id;level,date,source\n"
	  "E1,S1,3,2026-01-15,self\n", NULL, 0, AIRS_EPARSE,
	  { "assessments.csv:1: the header holds both commas and semicolons "
	    "outside quotes, so which one separates the fields is ambiguous: "
	    "declare it in the mapping (delimiter = , or delimiter = ;)" } },
	{ "assessments.csv", "employee_id,skill_id;level,date,source\n"
	  "E1,S1,3,2026-01-15,self\n", "[assessments.csv]\ndelimiter = \",\"\n",
	  0, AIRS_EPARSE,
	  { "assessments.csv:1:2: unknown column \"skill_id;level\" is ignored",
	    "assessments.csv:1: required column \"skill_id\" is missing",
	    "assessments.csv:1: required column \"level\" is missing" } },
	{ "assessments.csv", ASM_H "E1,S1,\"2,5\",2026-01-15,self\n",
	  "[assessments.csv]\ndecimal = ,\n", 0, AIRS_EPARSE,
	  { "assessments.csv:1: the mapping declares decimal = , but the fields "
	    "are separated by commas; save the file with \";\" or tabs between "
	    "fields" } },
	/* Dates */
	{ "assessments.csv", ASM_H "E1,S1,3,29/03/2026,self\n"
	  "E1,S1,3,03/04/2026,self\nE1,S1,3,30/03/2026,self\n", NULL, 0,
	  AIRS_EPARSE,
	  { "assessments.csv:2:4: date \"29/03/2026\" " DMY_RULE,
	    "assessments.csv:2:4: date: and 2 more like it in this column (up "
	    "to line 4); 1 of them read only day first" } },
	{ "assessments.csv", ASM_H "E1,S1,3,03/04/2026,self\n", NULL, 0,
	  AIRS_EPARSE,
	  { "assessments.csv:2:4: date \"03/04/2026\" is not a date in "
	    "YYYY-MM-DD; it reads as DD/MM/YYYY and as MM/DD/YYYY, and airs "
	    "does not guess: declare date_format in a mapping" } },
	{ "assessments.csv", ASM_H "E1,S1,3,2026-01-15 00:00:00,self\n", NULL,
	  0, AIRS_EPARSE,
	  { "assessments.csv:2:4: date \"2026-01-15 00:00:00\" has a time; airs "
	    "reads dates (YYYY-MM-DD): drop the time, or declare date_format = "
	    "YYYY-MM-DD hh:mm:ss in a mapping" } },
	{ "assessments.csv", ASM_H "E1,S1,3,03/29/2026,self\n",
	  "# day first\n[assessments.csv]\ndate_format = DD/MM/YYYY\n", 0,
	  AIRS_EPARSE,
	  { "assessments.csv:2:4: date \"03/29/2026\" does not match the "
	    "date_format DD/MM/YYYY of the mapping (line 3); it reads only as "
	    "MM/DD/YYYY: is the column in that order?" } },
	{ "assessments.csv", ASM_H "E1,S1,3,3/4/2026,self\n",
	  "[assessments.csv]\ndate_format = MM/DD/YYYY\n", 0, AIRS_OK,
	  { NULL } },
	{ "assessments.csv", "employee_id;skill_id;level;date;source\n"
	  "E1;S1;3;2026-01-15;self\n", "[assessments.csv]\ndelimiter = ;\n", 0,
	  AIRS_OK, { NULL } },
	/* Columns */
	{ "employees.csv", "employee_id,unit_id,role_id,is_leadr\nE1,U1,R1,1\n"
	  "E2,U1,R1,0\n", NULL, 0, AIRS_OK,
	  { "employees.csv:1:4: unknown column \"is_leadr\" is ignored (did you "
	    "mean \"is_leader\"?)" } },
	{ "employees.csv", "employee_id,unit_id,role_id,is_leadr\nE1,U1,R1,1\n"
	  "E2,U1,R1,0\n", NULL, AIRS_LOAD_STRICT, AIRS_EPARSE,
	  { "employees.csv:1:4: unknown column \"is_leadr\" is refused (strict) "
	    "(did you mean \"is_leader\"?)" } },
	{ "employees.csv", "employe_id,unit_id,role_id\nE1,U1,R1\n", NULL, 0,
	  AIRS_EPARSE,
	  { "employees.csv:1:1: unknown column \"employe_id\" is ignored (did "
	    "you mean \"employee_id\"?)",
	    "employees.csv:1: required column \"employee_id\" is missing (did you "
	    "mean the column \"employe_id\"?)" } },
	{ "responses.csv", ",Q1,Q2\nE1,Agree,Unsure\nE2,,Agree\n",
	  "[responses.csv]\nemployee_id = \"\"\nconstant.date = 2026-03-01\n"
	  "value.Agree = 4\nvalue.Unsure = \"\"\n", 0, AIRS_OK, { NULL } },
	/* a column written its own way: one message and a count */
	{ "employees.csv", EMP_H "E1,U1,R1,Manager,\nE2,U1,R1,IC,E1\n"
	  "E3,U1,R1,IC,E1\n", NULL, 0, AIRS_EPARSE,
	  { "employees.csv:2:4: is_leader \"Manager\" is not a yes/no value (use "
	    "0, 1, true, false, yes, no, Y or N, or map the export's values in a "
	    "mapping)",
	    "employees.csv:2:4: is_leader: and 2 more like it in this column (up "
	    "to line 4)" } },
	{ "responses.csv", WIDE_H "E1,2026-03-01,Agree,Agree\n"
	  "E2,2026-03-01,Agree,\n", NULL, 0, AIRS_EPARSE,
	  { "responses.csv:2:3: value \"Agree\" is not a number",
	    "responses.csv:2: value: and 2 more like it in the item columns (up "
	    "to line 3)" } },
	{ "employees.csv", EMP_H "E1,U1,R1,Y,\nE2,U1,R1,n,E1\n", NULL, 0,
	  AIRS_OK, { NULL } },
	{ "courses.csv", "course_id,name,skill_id,hours,format\n"
	  "C1,Intro,S1,4,Self-paced\n", NULL, 0, AIRS_OK, { NULL } },
	/* The mapping itself */
	{ NULL, NULL, "[employes.csv]\n", 0, AIRS_EPARSE,
	  { "test.map:1:2: [employes.csv] is not an airs file (did you mean "
	    "[employees.csv]?); sections name the airs file a source file "
	    "stands for" } },
	{ NULL, NULL, "\n[employees.csv]\nis_leadr = Manager\n", 0, AIRS_EPARSE,
	  { "test.map:3:1: \"is_leadr\" is not a column of employees.csv nor a "
	    "setting (did you mean \"is_leader\"?)" } },
	{ NULL, NULL, "date_format = DD/MM/YY\n", 0, AIRS_EPARSE,
	  { "test.map:1:15: date_format \"DD/MM/YY\" may hold only YYYY, MM, DD, "
	    "hh, mm, ss and the separators - / . : space T (e.g. DD/MM/YYYY, "
	    "MM/DD/YYYY, DD.MM.YYYY, YYYY-MM-DD hh:mm:ss)" } },
	{ NULL, NULL, "delimiter = |\n", 0, AIRS_EPARSE,
	  { "test.map:1:13: delimiter \"|\" is not one airs reads: write , or "
	    "\";\" or tab" } },
	{ NULL, NULL, "[employees.csv]\nunit_id =\n", 0, AIRS_EPARSE,
	  { "test.map:2:10: unit_id has no value after \"=\" (write \"\" for "
	    "an empty header or for \"not given\")" } },
	{ NULL, NULL, "[employees.csv]\nconstant.is_leader = 0\n", 0,
	  AIRS_EPARSE,
	  { "employees.csv:1:4: column \"is_leader\" is in the header, and the "
	    "mapping (test.map line 2) gives it a constant: keep one" } },
	{ NULL, NULL, "[assessments.csv]\nconstant.dat = 2026-01-01\n", 0,
	  AIRS_EPARSE,
	  { "test.map:2:10: \"dat\" is not a column of assessments.csv" } },
	/* an unnamed index column (pandas' to_csv), answers without a date,
	 * a "don't know" that is no answer */
	{ "responses.csv", ",Q1,Q2\n0,Agree,Unsure\n1,,Agree\n",
	  "[responses.csv]\nemployee_id = \"\"\nconstant.date = 2026-03-01\n"
	  "value.Agree = 4\nvalue.Unsure = \"\"\n", 0, AIRS_ENOTFOUND,
	  { "responses.csv:2:1: employee_id \"0\" is not a known employee",
	    "responses.csv:3:1: employee_id \"1\" is not a known employee" } },
	{ NULL, NULL, "[employees.csv]\nemployee_id = Worker ID\n"
	  "unit_id = Worker ID\n", 0, AIRS_EPARSE,
	  { "test.map:3:1: employee_id and unit_id both name the source column "
	    "\"Worker ID\"; a source column holds one airs column" } },
	{ NULL, NULL, "[employees.csv]\nis_leader = Manager?\n", 0, AIRS_EPARSE,
	  { "employees.csv:1:4: unknown column \"is_leader\" is ignored",
	    "employees.csv:1: column \"is_leader\" is missing: the mapping "
	    "(test.map line 2) names the source column \"Manager?\", which the "
	    "header does not have; the header has a column \"is_leader\": if "
	    "that is the one, remove the mapping's line" } },
	/* names a column's last valid ones (the enum memo) do not
	 * stand for: longer, shorter, one byte off at the end */
	{ "assessments.csv", ASM_H "E1,S1,3,2026-01-15,self\n"
	  "E1,S1,2,2026-01-16,manager\nE2,S1,1,2026-01-15,managers\n"
	  "E2,S1,1,2026-01-16,sel\nE2,S1,1,2026-01-17,certification\n"
	  "E1,S1,1,2026-01-18,test\nE2,S1,1,2026-01-18,manage\n"
	  "E2,S1,1,2026-01-19,selF\nE2,S1,1,2026-01-20,certificatiom\n"
	  "E2,S1,1,2026-01-21,tes\n", NULL, 0, AIRS_EPARSE,
	  { "assessments.csv:4:5: source \"managers\" is not one of self, "
	    "manager, test, certification (map other values in a mapping)",
	    "assessments.csv:4:5: source: and 4 more like it in this column "
	    "(up to line 11)" } },
	/* required fields, one given by the mapping's constant, one mapped
	 * to nothing: the first empty one of each row, in column order */
	{ "assessments.csv", "employee_id,skill_id,level,source\n"
	  "E1,S1,,self\nE1,,3,self\n,,,\nE2,S1,2,self\n",
	  "[assessments.csv]\nconstant.date = 2026-01-15\n", 0, AIRS_EPARSE,
	  { "assessments.csv:2:3: level is missing",
	    "assessments.csv:3:2: skill_id is missing",
	    "assessments.csv:4:1: employee_id is missing" } },
	{ "responses.csv", "employee_id,item_id,value,date\n"
	  "E1,Q1,Unsure,2026-03-01\nE2,Q1,Agree,2026-03-01\n",
	  "[responses.csv]\nvalue.Agree = 4\nvalue.Unsure = \"\"\n", 0,
	  AIRS_EPARSE, { "responses.csv:2:3: value is missing" } },
	/* Wide surveys */
	{ "responses.csv", WIDE_H "E9,2026-03-01,4,5\n", NULL, 0,
	  AIRS_ENOTFOUND,
	  { "responses.csv:2:1: employee_id \"E9\" is not a known employee" } },
	{ "responses.csv", WIDE_H "E1,2026-03-01,9,x\n", NULL, 0, AIRS_ERANGE,
	  { "responses.csv:2:3: value \"9\" is outside 1..5",
	    "responses.csv:2:4: value \"x\" is not a number" } },
	{ "responses.csv", "employee_id,date,Q 1\nE1,2026-03-01,4\n",
	  "[responses.csv]\nlayout = wide\n", 0, AIRS_EPARSE,
	  { "responses.csv:1:3: unknown column \"Q 1\" is ignored",
	    "responses.csv:1: the mapping declares responses.csv wide, but no "
	    "column is a survey item id of survey_items.csv (or an item.ID of "
	    "the mapping)" } },
};

START_TEST(messages)
{
	const struct msg_case *c = &msgs[_i];
	airs_diag d = AIRS_DIAG_INIT;
	size_t k;

	ck_assert_int_eq(try_load(c->file, c->csv, 0, c->map, c->flags, &d),
	                 c->status);
	for (k = 0; k < 3 && c->diag[k]; k++) {
		ck_assert_msg(k < nseen, "case %d: diagnostic %zu missing", _i, k);
		ck_assert_str_eq(seen[k], c->diag[k]);
	}
	ck_assert_msg(nseen == k, "case %d: %zu diagnostics, want %zu: %s", _i,
	              nseen, k, nseen ? seen[nseen - 1] : "");
}
END_TEST

START_TEST(utf16_damage_named)
{
	/* "employee_id..." in UTF-16 LE, then a lone high surrogate */
	static const char csv[] = ASM_H "E1,S1,3,2026-01-15,self\n";
	char *u, *bad;
	size_t n, k;
	airs_diag d = AIRS_DIAG_INIT;

	u = to_utf16(csv, strlen(csv), 0, &n);
	ck_assert_int_eq(try_load("assessments.csv", u, n, NULL, 0, &d), AIRS_OK);
	bad = malloc(n + 4);
	memcpy(bad, u, n);
	memcpy(bad + n, "\x00\xD8\x41\x00", 4); /* U+D800 then "A" */
	ck_assert_int_eq(try_load("assessments.csv", bad, n + 4, NULL, 0, &d),
	                 AIRS_EPARSE);
	ck_assert_str_eq(fmt(&d), "assessments.csv:3: invalid UTF-16: a lone "
	                 "surrogate (0xD800) without its other half; the file is "
	                 "damaged: export it again, or save it as UTF-8");
	/* an odd byte at the end */
	bad[n] = 'x';
	ck_assert_int_eq(try_load("assessments.csv", bad, n + 1, NULL, 0, &d),
	                 AIRS_EPARSE);
	ck_assert_str_eq(fmt(&d), "assessments.csv:3: the UTF-16 file ends in "
	                 "the middle of a character");
	/* an earlier error is not blamed on damage further on (F14) */
	{
		static const char two[] = ASM_H "E1,S1,3\n";
		char *v = to_utf16(two, strlen(two), 0, &k);
		char *w = malloc(k + 4);
		memcpy(w, v, k);
		memcpy(w + k, "\x00\xD8\x41\x00", 4);
		ck_assert_int_eq(try_load("assessments.csv", w, k + 4, NULL, 0, &d),
		                 AIRS_EPARSE);
		ck_assert_str_eq(fmt(&d), "assessments.csv:2:4: record has 3 fields "
		                 "but the header has 5");
		free(v);
		free(w);
	}
	/* UTF-16 without a BOM is not guessed at */
	for (k = 0; k + 2 < n; k++)
		bad[k] = u[k + 2];
	ck_assert_int_eq(try_load("assessments.csv", bad, n - 2, NULL, 0, &d),
	                 AIRS_EPARSE);
	ck_assert_str_eq(fmt(&d), "assessments.csv:1:1: NUL byte (0x00) at byte "
	                 "2 of the field; the file may be UTF-16 or binary: save "
	                 "it as UTF-8 text");
	free(bad);
	free(u);
}
END_TEST

START_TEST(map_arguments)
{
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_model *m;

	ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
	o.map_len = 3;
	ck_assert_int_eq(airs_load_buffers(m, NULL, 0, &o, &d), AIRS_EINVAL);
	ck_assert_str_eq(airs_model_errmsg(m), "options: map is NULL but map_len "
	                 "is 3");
	/* an empty mapping is no mapping; the name defaults to "mapping" */
	o.map = "";
	o.map_len = 0;
	ck_assert_int_eq(airs_load_buffers(m, NULL, 0, &o, &d), AIRS_OK);
	o.map = "x";
	o.map_len = 1;
	ck_assert_int_eq(airs_load_buffers(m, NULL, 0, &o, &d), AIRS_EPARSE);
	ck_assert_str_eq(fmt(&d), "mapping:1:1: expected \"key = value\"");
	ck_assert_str_eq(airs_model_errmsg(m), fmt(&d));
	airs_model_free(m);
}
END_TEST

/* The mapping's lines are read by the configuration file's lexer
 * (lib/ini.c), without inline comments: each malformed line is named at
 * its column. */
START_TEST(map_lines)
{
	static const struct {
		const char *map, *msg;
	} cases[] = {
		{ "# c\n[employees.csv\n", "mapping:2:1: unterminated section "
		  "header: write the name in brackets, as [name]" },
		{ "[employees.csv] x\n", "mapping:1:17: unexpected text after "
		  "the section header: a section header is alone on its line" },
		{ "[employees.csv]\nemployee_id = Worker \"ID\"\n",
		  "mapping:2:22: a quote inside a value: quote the whole value "
		  "or nothing" },
		{ "[employees.csv]\nemployee_id = \"Worker ID\" x\n",
		  "mapping:2:27: unexpected text after the quoted value" },
		{ "[employees.csv]\nemployee_id = \"Worker ID\n",
		  "mapping:2:15: unterminated quoted value" },
		{ "[employees.csv]\nemployee_id = W\xe9\n", "mapping:2:16: the "
		  "line is not valid UTF-8: save the file as UTF-8 text" },
		/* no inline comments: a header may hold "#" and ";" */
		{ "[employees.csv]\nemployee_id = Worker # ;\n[nothing.csv]\n",
		  "mapping:3:2: [nothing.csv] is not an airs file; sections name "
		  "the airs file a source file stands for" },
	};
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;
	airs_diag d = AIRS_DIAG_INIT;
	airs_model *m;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		ck_assert_int_eq(airs_model_new(&m, NULL), AIRS_OK);
		o.map = cases[i].map;
		o.map_len = strlen(cases[i].map);
		ck_assert_int_eq(airs_load_buffers(m, NULL, 0, &o, &d),
		                 AIRS_EPARSE);
		ck_assert_str_eq(fmt(&d), cases[i].msg);
		airs_model_free(m);
	}
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("ingest");
	TCase *tc = tcase_create("round trips");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, semicolons_and_decimal_commas);
	tcase_add_test(tc, tabs_and_utf16);
	tcase_add_test(tc, wide_survey_equals_long);
	tcase_add_test(tc, mapped_export_equals_native);
	suite_add_tcase(s, tc);
	tc = tcase_create("messages");
	tcase_add_loop_test(tc, messages, 0,
	                    (int)(sizeof msgs / sizeof *msgs));
	tcase_add_test(tc, utf16_damage_named);
	tcase_add_test(tc, map_arguments);
	tcase_add_test(tc, map_lines);
	suite_add_tcase(s, tc);
	return s;
}

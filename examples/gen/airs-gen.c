/*
 * airs-gen - writes a synthetic but realistic airs dataset folder.
 *
 * Part of airs.  SPDX-License-Identifier: MIT
 *
 *   airs-gen --employees N --seed S --out DIR [--as-of YYYY-MM-DD]
 *   airs-gen --sample --out DIR [--as-of YYYY-MM-DD]
 *
 * The output is a pure function of the arguments: the same arguments give
 * byte-identical files on every run and every machine.  To keep that
 * promise the program
 *   - never reads the clock or the locale (all numbers are formatted by
 *     hand from integers, so no printf-family conversion is involved);
 *   - draws normal variates as a sum of uniforms (Irwin-Hall) instead of
 *     Box-Muller, so no libm transcendental - whose last bit may differ
 *     between C libraries - ever touches a value;
 *   - gives every employee an independent random stream keyed by
 *     (seed, purpose, index), so a change to how one file is generated
 *     does not reshuffle the others, and audit attributes come from a
 *     stream nothing else reads (they are meant to be unrelated to every
 *     outcome, for fairness audits).
 *
 * It is deliberately standalone (libc + libm only): it documents the
 * dataset format from the producer's side and must not share a bug with
 * the loader.  See examples/data/sample/README.md for the story the
 * sample company tells and docs/data-format.md for the format.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SAMPLE_SEED 20260630u
#define SAMPLE_EMPLOYEES 250
#define MAX_EMPLOYEES 10000000L
#define MAX_DIVISIONS 12
#define HISTORY_DAYS 548 /* assessments and training: the last 18 months */
#define USAGE_MONTHS 6

/* ------------------------------------------------------------------------
 * Random numbers: splitmix64 to seed, xoshiro256** to draw.
 * ---------------------------------------------------------------------- */

typedef struct rng {
	uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* Purposes of the independent streams. */
enum { STREAM_STRUCTURE = 1, STREAM_EMPLOYEE = 2, STREAM_ATTRIBUTES = 3,
       STREAM_TOOLS = 4, STREAM_WAVE = 5 };

static void rng_seed(rng *r, uint64_t seed, uint64_t stream, uint64_t index)
{
	uint64_t x = seed;
	x = splitmix64(&x) ^ stream;
	x = splitmix64(&x) ^ index;
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Uniform in [0, 1). */
static double rng_uniform(rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform integer in [0, n), n < 2^32 (Lemire's multiply-shift). */
static uint32_t rng_below(rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static int rng_chance(rng *r, double p)
{
	return rng_uniform(r) < p;
}

/* Approximately standard normal: Irwin-Hall with four terms, rescaled.
 * Only additions and multiplications, so it is bit-exact everywhere. */
static double rng_normal(rng *r)
{
	double s = rng_uniform(r) + rng_uniform(r) + rng_uniform(r) + rng_uniform(r);
	return (s - 2.0) * 1.7320508075688772;
}

/* Index drawn with probability proportional to w[i]. */
static int rng_weighted(rng *r, const double *w, int n)
{
	double total = 0;
	for (int i = 0; i < n; i++)
		total += w[i];
	double x = rng_uniform(r) * total;
	for (int i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	for (int i = n - 1; i > 0; i--)
		if (w[i] > 0)
			return i;
	return 0;
}

static double clampd(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* Round to the nearest integer, clamped. */
static int round_clamp(double x, int lo, int hi)
{
	double f = floor(x + 0.5);
	if (f < lo)
		return lo;
	if (f > hi)
		return hi;
	return (int)f;
}

/* ------------------------------------------------------------------------
 * Civil dates as day numbers (days since 1970-01-01), after H. Hinnant.
 * ---------------------------------------------------------------------- */

static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

/* Strict YYYY-MM-DD, years 1900..9999. */
static int parse_date(const char *s, long *out)
{
	int v[8];
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0, j = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v[j++] = s[i] - '0';
	}
	int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
	int m = v[4] * 10 + v[5], d = v[6] * 10 + v[7];
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*out = days_from_civil(y, m, d);
	return 0;
}

/* ------------------------------------------------------------------------
 * Output: one large hand-managed buffer per file, numbers formatted from
 * integers.  A million employees make ~30 million rows, so neither
 * per-row allocation nor printf belongs here.
 * ---------------------------------------------------------------------- */

#define OUT_BUF (4u << 20)

typedef struct out {
	FILE *f;
	char *path;
	char *buf;
	size_t len;
} out;

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "airs-gen: %s%s%s\n", what, detail ? ": " : "",
	        detail ? detail : "");
	exit(1);
}

static void out_flush(out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
		die(o->path, strerror(errno));
	o->len = 0;
}

static void out_open(out *o, const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	o->path = malloc(n);
	o->buf = malloc(OUT_BUF);
	if (!o->path || !o->buf)
		die("out of memory", NULL);
	snprintf(o->path, n, "%s/%s", dir, name);
	o->f = fopen(o->path, "wb");
	if (!o->f)
		die(o->path, strerror(errno));
	/* Our buffer is the only one that matters; stdio's would only add
	 * a copy. */
	setvbuf(o->f, NULL, _IONBF, 0);
	o->len = 0;
}

static void out_close(out *o)
{
	out_flush(o);
	if (fclose(o->f) != 0)
		die(o->path, strerror(errno));
	free(o->buf);
	free(o->path);
}

static void out_mem(out *o, const char *p, size_t n)
{
	if (o->len + n > OUT_BUF) {
		out_flush(o);
		if (n > OUT_BUF)
			die("field too long", o->path);
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

static void out_ch(out *o, char c)
{
	if (o->len == OUT_BUF)
		out_flush(o);
	o->buf[o->len++] = c;
}

static void out_str(out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

/* A CSV field: quoted (RFC 4180) when it holds a comma, quote or line
 * break. */
static void out_field(out *o, const char *s)
{
	if (!s[strcspn(s, ",\"\r\n")]) {
		out_str(o, s);
		return;
	}
	out_ch(o, '"');
	for (; *s; s++) {
		if (*s == '"')
			out_ch(o, '"');
		out_ch(o, *s);
	}
	out_ch(o, '"');
}

static void out_uint(out *o, unsigned long v)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		out_ch(o, tmp[--n]);
}

/* Zero-padded to at least `width` digits. */
static void out_uint_w(out *o, unsigned long v, int width)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		tmp[n++] = '0';
	while (n)
		out_ch(o, tmp[--n]);
}

/* A value held in tenths, written as "3" or "2.5". */
static void out_tenths(out *o, long t)
{
	if (t < 0) {
		out_ch(o, '-');
		t = -t;
	}
	out_uint(o, (unsigned long)(t / 10));
	if (t % 10) {
		out_ch(o, '.');
		out_ch(o, (char)('0' + t % 10));
	}
}

static void out_date(out *o, long day)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	out_uint_w(o, (unsigned long)y, 4);
	out_ch(o, '-');
	out_uint_w(o, (unsigned long)m, 2);
	out_ch(o, '-');
	out_uint_w(o, (unsigned long)d, 2);
}

/* ------------------------------------------------------------------------
 * The catalogue: skills, roles, tools, survey items, business functions.
 * ---------------------------------------------------------------------- */

typedef struct skill_def {
	const char *id, *name, *category;
	const char *prereq; /* "skill:level;..." naming earlier skills only */
	int tool_skill;     /* practised by using the tools */
} skill_def;

static const skill_def skills[] = {
	{ "ai_fundamentals", "AI Fundamentals", "foundations", "", 0 },
	{ "prompt_writing", "Prompt Writing", "foundations", "ai_fundamentals:1", 1 },
	{ "data_literacy", "Data Literacy", "data", "", 0 },
	{ "output_verification", "AI Output Verification", "responsible_use",
	  "ai_fundamentals:1", 1 },
	{ "ai_ethics_privacy", "AI Ethics and Privacy", "responsible_use", "", 0 },
	{ "data_protection", "Data Protection with AI Tools", "responsible_use",
	  "ai_ethics_privacy:1", 0 },
	{ "workflow_automation", "Automation and Workflow Design", "automation",
	  "prompt_writing:2;data_literacy:1", 0 },
	{ "copilot_usage", "Coding Assistant (Copilot) Usage", "tools",
	  "prompt_writing:1", 1 },
	{ "chat_assistant", "Chat Assistant Usage", "tools", "prompt_writing:1", 1 },
	{ "rag_search", "RAG and Knowledge Search", "tools",
	  "prompt_writing:2;data_literacy:2", 1 },
	{ "spreadsheet_ai", "Spreadsheet AI", "tools", "data_literacy:1", 1 },
	{ "meeting_assistant", "Meeting and Writing Assistants", "tools", "", 1 },
	{ "ai_code_review", "Reviewing AI-Generated Code", "engineering",
	  "copilot_usage:2;output_verification:2", 0 },
	{ "data_analysis_ai", "AI-Assisted Data Analysis", "data",
	  "data_literacy:2;spreadsheet_ai:1", 1 },
	{ "model_evaluation", "Model Evaluation", "engineering", "data_literacy:3", 0 },
	{ "ai_use_case_design", "AI Use-Case Identification", "strategy",
	  "ai_fundamentals:2", 0 },
	{ "change_leadership", "Leading AI Change", "strategy",
	  "ai_use_case_design:1", 0 },
	{ "ai_risk_governance", "AI Risk and Governance", "responsible_use",
	  "ai_ethics_privacy:2", 0 },
	{ "content_generation", "AI Content Creation", "tools", "prompt_writing:1", 1 },
	{ "customer_ai_assist", "AI in Customer Conversations", "tools",
	  "chat_assistant:1;output_verification:1", 1 },
	{ "api_integration", "AI API Integration", "engineering",
	  "workflow_automation:2", 0 },
};
#define NSKILL ((int)(sizeof skills / sizeof skills[0]))

enum {
	R_EXEC, R_MANAGER, R_ENGINEER, R_ANALYST, R_SALES, R_SERVICE,
	R_FINANCE, R_SPECIALIST, R_MARKETING, R_ADMIN, NROLE
};

typedef struct role_def {
	const char *id, *name;
	double fear;      /* added to the job-security fear latent */
	double use;       /* multiplies a team's tool adoption */
	double tool_p[6]; /* chance of using each tool, given a user */
} role_def;

/* Tools (ids only: the format does not declare tools). */
static const char *const tools[6] = {
	"copilot_chat", "code_assistant", "meeting_notes",
	"sheets_ai", "knowledge_search", "writing_assistant",
};

static const role_def roles[NROLE] = {
	{ "executive", "Executive", -1.0, 1.1, { .95, 0, .70, .30, .30, .40 } },
	{ "people_manager", "People Manager", -0.5, 1.0, { .90, 0, .60, .30, .30, .30 } },
	{ "software_engineer", "Software Engineer", -0.4, 1.2, { .70, .95, .20, 0, .40, .10 } },
	{ "data_analyst", "Data Analyst", -0.1, 1.15, { .85, .30, .20, .70, .40, .10 } },
	{ "sales_rep", "Sales Representative", 0.1, 1.0, { .90, 0, .40, .20, .20, .60 } },
	{ "service_agent", "Customer Service Agent", 0.8, 0.9, { .80, 0, .05, .05, .65, .30 } },
	{ "finance_specialist", "Finance Specialist", 0.3, 0.9, { .80, 0, .15, .75, .20, .10 } },
	{ "specialist", "HR, Legal & Compliance Specialist", 0.2, 0.9,
	  { .85, 0, .25, .15, .45, .30 } },
	{ "marketing_specialist", "Marketing Specialist", 0.3, 1.1,
	  { .90, 0, .25, .15, .20, .75 } },
	{ "admin_assistant", "Administrative Assistant", 0.7, 0.9,
	  { .85, 0, .50, .40, .10, .40 } },
};

typedef struct req_def {
	int role;
	const char *skill;
	int level;
	int weight10; /* weight in tenths */
} req_def;

static const req_def reqs[] = {
	{ R_EXEC, "ai_fundamentals", 2, 10 }, { R_EXEC, "ai_use_case_design", 3, 20 },
	{ R_EXEC, "change_leadership", 3, 20 }, { R_EXEC, "ai_risk_governance", 2, 15 },
	{ R_EXEC, "ai_ethics_privacy", 2, 10 }, { R_EXEC, "chat_assistant", 2, 10 },
	{ R_EXEC, "output_verification", 2, 10 },
	{ R_MANAGER, "ai_fundamentals", 2, 10 }, { R_MANAGER, "prompt_writing", 2, 10 },
	{ R_MANAGER, "chat_assistant", 2, 10 }, { R_MANAGER, "output_verification", 2, 15 },
	{ R_MANAGER, "change_leadership", 2, 15 }, { R_MANAGER, "ai_use_case_design", 2, 10 },
	{ R_MANAGER, "meeting_assistant", 2, 10 }, { R_MANAGER, "ai_ethics_privacy", 2, 10 },
	{ R_ENGINEER, "prompt_writing", 3, 15 }, { R_ENGINEER, "copilot_usage", 4, 20 },
	{ R_ENGINEER, "ai_code_review", 3, 20 }, { R_ENGINEER, "output_verification", 3, 15 },
	{ R_ENGINEER, "api_integration", 3, 10 }, { R_ENGINEER, "workflow_automation", 2, 10 },
	{ R_ENGINEER, "data_protection", 2, 10 }, { R_ENGINEER, "rag_search", 2, 5 },
	{ R_ANALYST, "data_literacy", 4, 20 }, { R_ANALYST, "data_analysis_ai", 3, 20 },
	{ R_ANALYST, "spreadsheet_ai", 3, 10 }, { R_ANALYST, "prompt_writing", 2, 10 },
	{ R_ANALYST, "output_verification", 3, 15 }, { R_ANALYST, "model_evaluation", 2, 10 },
	{ R_ANALYST, "rag_search", 2, 10 }, { R_ANALYST, "data_protection", 2, 10 },
	{ R_SALES, "prompt_writing", 2, 15 }, { R_SALES, "chat_assistant", 3, 15 },
	{ R_SALES, "content_generation", 2, 10 }, { R_SALES, "customer_ai_assist", 2, 10 },
	{ R_SALES, "output_verification", 2, 10 }, { R_SALES, "data_protection", 2, 10 },
	{ R_SALES, "meeting_assistant", 2, 5 },
	{ R_SERVICE, "chat_assistant", 2, 15 }, { R_SERVICE, "customer_ai_assist", 3, 20 },
	{ R_SERVICE, "rag_search", 2, 15 }, { R_SERVICE, "output_verification", 2, 15 },
	{ R_SERVICE, "data_protection", 2, 10 }, { R_SERVICE, "prompt_writing", 1, 10 },
	{ R_FINANCE, "spreadsheet_ai", 3, 20 }, { R_FINANCE, "data_literacy", 3, 15 },
	{ R_FINANCE, "data_analysis_ai", 2, 15 }, { R_FINANCE, "output_verification", 3, 15 },
	{ R_FINANCE, "prompt_writing", 2, 10 }, { R_FINANCE, "workflow_automation", 2, 10 },
	{ R_FINANCE, "data_protection", 2, 10 },
	{ R_SPECIALIST, "ai_ethics_privacy", 3, 20 }, { R_SPECIALIST, "ai_risk_governance", 3, 15 },
	{ R_SPECIALIST, "data_protection", 3, 15 }, { R_SPECIALIST, "output_verification", 3, 15 },
	{ R_SPECIALIST, "prompt_writing", 2, 10 }, { R_SPECIALIST, "rag_search", 2, 10 },
	{ R_SPECIALIST, "chat_assistant", 2, 10 },
	{ R_MARKETING, "content_generation", 3, 20 }, { R_MARKETING, "prompt_writing", 3, 15 },
	{ R_MARKETING, "chat_assistant", 2, 10 }, { R_MARKETING, "output_verification", 2, 10 },
	{ R_MARKETING, "data_literacy", 2, 10 }, { R_MARKETING, "ai_ethics_privacy", 2, 10 },
	{ R_MARKETING, "workflow_automation", 1, 5 },
	{ R_ADMIN, "chat_assistant", 2, 15 }, { R_ADMIN, "meeting_assistant", 2, 15 },
	{ R_ADMIN, "prompt_writing", 1, 10 }, { R_ADMIN, "spreadsheet_ai", 1, 10 },
	{ R_ADMIN, "output_verification", 1, 10 }, { R_ADMIN, "data_protection", 1, 10 },
};
#define NREQ ((int)(sizeof reqs / sizeof reqs[0]))

/* Survey constructs as the model's latent variables. */
enum {
	C_CLARITY, C_USEFULNESS, C_TRUST, C_SECURITY, C_SUPPORT, C_VOICE,
	C_RECOMMEND, C_TIME_SAVED, C_ERROR_CHANGE, NCONSTRUCT
};

static const char *const construct_names[NCONSTRUCT] = {
	"clarity", "usefulness", "trust", "security", "support", "voice",
	"recommend", "time_saved", "error_change",
};

typedef struct item_def {
	const char *id;
	int construct;
	int scale_min, scale_max;
	int reverse;
	const char *text;
} item_def;

static const item_def items[] = {
	{ "Q01", C_CLARITY, 1, 5, 0,
	  "I understand why we are introducing AI tools and what is in it for me." },
	{ "Q02", C_USEFULNESS, 1, 5, 0, "AI tools help me do my work better, faster, or both." },
	{ "Q03", C_USEFULNESS, 1, 5, 1, "AI tools mostly create extra work for me." },
	{ "Q04", C_TRUST, 1, 5, 0, "I trust the outputs of our AI tools enough to use them in my work." },
	{ "Q05", C_SECURITY, 1, 5, 1, "I worry AI will make my role unnecessary." },
	{ "Q06", C_SECURITY, 1, 5, 0, "I feel secure about my job as AI is adopted here." },
	{ "Q07", C_SUPPORT, 1, 5, 0, "I get the training, time and help I need to use AI well." },
	{ "Q08", C_SUPPORT, 1, 5, 0,
	  "My manager gives me time to \"experiment\" with AI tools." },
	{ "Q09", C_VOICE, 1, 5, 0, "My concerns about AI are heard and acted on." },
	{ "Q10", C_RECOMMEND, 0, 10, 0,
	  "How likely are you to recommend our AI tools to a colleague? (0-10)" },
	{ "Q11", C_TIME_SAVED, 0, 10, 0,
	  "About how many hours per week do AI tools save you? (0-10)" },
	{ "Q12", C_ERROR_CHANGE, 1, 5, 0,
	  "Since I started using AI tools my work has: 1 many more errors ... 5 many fewer errors." },
};
#define NITEM ((int)(sizeof items / sizeof items[0]))

/* A business function: what a division does, its staff mix and climate. */
typedef struct team_params {
	double role_w[NROLE]; /* staff mix (executives and managers are
	                         assigned by the structure, not drawn) */
	double train;         /* share of staff with training records */
	double use;           /* share of staff using AI tools */
	double sent;          /* attitude towards AI */
	double fear;          /* job-security fear */
	double support;       /* perceived support */
	double voice;         /* concerns heard */
	double respond;       /* survey response rate */
	double overconf;      /* share who rate themselves well above tests */
} team_params;

typedef struct func_def {
	const char *name, *code;
	team_params p;
} func_def;

/*                     exec mgr eng ana sal ser fin spe mkt adm */
static const func_def funcs[MAX_DIVISIONS] = {
	{ "Sales", "SALES",
	  { { 0, 0, 0, 5, 70, 10, 0, 0, 10, 5 }, .45, .60, .2, 0, -.2, 0, .68, .18 } },
	{ "Customer Operations", "CUSTOPS",
	  { { 0, 0, 0, 5, 0, 80, 0, 8, 0, 7 }, .55, .45, -.3, .6, 0, -.4, .66, .10 } },
	{ "Engineering", "ENG",
	  { { 0, 0, 85, 10, 0, 0, 0, 0, 0, 5 }, .65, .85, .4, -.3, .2, .2, .72, .12 } },
	{ "Finance & Controlling", "FIN",
	  { { 0, 0, 0, 15, 0, 0, 75, 0, 0, 10 }, .60, .40, -.1, .1, .1, 0, .75, .10 } },
	{ "People & Legal", "PEOPLE",
	  { { 0, 0, 0, 5, 0, 0, 0, 85, 0, 10 }, .50, .40, -.1, .1, .2, .2, .78, .10 } },
	{ "Marketing", "MKT",
	  { { 0, 0, 0, 15, 10, 0, 0, 0, 70, 5 }, .45, .70, .3, .1, 0, 0, .70, .16 } },
	{ "Operations", "OPS",
	  { { 0, 0, 0, 10, 0, 30, 10, 20, 0, 30 }, .40, .35, -.3, .4, -.2, -.3, .62, .12 } },
	{ "Data & Analytics", "DATA",
	  { { 0, 0, 25, 70, 0, 0, 0, 0, 0, 5 }, .70, .85, .5, -.3, .2, .2, .74, .10 } },
	{ "IT", "IT",
	  { { 0, 0, 60, 0, 0, 30, 0, 0, 0, 10 }, .60, .75, .2, 0, .1, 0, .70, .12 } },
	{ "Procurement", "PROC",
	  { { 0, 0, 0, 0, 0, 0, 60, 25, 0, 15 }, .45, .35, -.1, .2, 0, 0, .70, .10 } },
	{ "Research & Development", "RND",
	  { { 0, 0, 60, 35, 0, 0, 0, 0, 0, 5 }, .60, .80, .4, -.3, .1, .3, .73, .12 } },
	{ "Corporate Services", "CORP",
	  { { 0, 0, 0, 0, 0, 0, 20, 30, 0, 50 }, .40, .40, -.2, .5, -.1, -.2, .66, .10 } },
};

typedef struct course_def {
	const char *id, *name, *skill;
	int hours10, gain10, cost; /* hours and gain in tenths */
	const char *format;
} course_def;

/* The sample company's catalogue. */
static const course_def sample_courses[] = {
	{ "C-AIFUND", "AI Foundations for Everyone (self-paced)", "ai_fundamentals",
	  40, 10, 0, "self_paced" },
	{ "C-PROMPT-WS", "Prompt Writing Essentials (workshop)", "prompt_writing",
	  80, 15, 450, "workshop" },
	{ "C-VERIFY", "Verify, Don't Trust: Checking AI Output", "output_verification",
	  40, 10, 300, "workshop" },
	{ "C-ETHICS", "AI Ethics & Privacy Briefing", "ai_ethics_privacy",
	  15, 5, 0, "briefing" },
	{ "C-COPILOT", "Coding Assistant Live Demo", "copilot_usage", 20, 5, 0, "demo" },
	{ "C-SHEETS", "Spreadsheet AI for Finance (self-paced)", "spreadsheet_ai",
	  50, 10, 120, "self_paced" },
	{ "C-RAG", "Knowledge Search with RAG (project)", "rag_search",
	  240, 20, 1500, "project" },
	{ "C-AUTOMATE", "Workflow Automation Lab (project)", "workflow_automation",
	  200, 20, 1200, "project" },
	{ "C-DATALIT", "Data Literacy Mentoring Circle", "data_literacy",
	  120, 15, 600, "mentoring" },
	{ "C-LEAD", "Leading AI Change: \"Ask Me Anything\" (briefing)", "change_leadership",
	  20, 5, 0, "briefing" },
};
#define NSAMPLE_COURSE ((int)(sizeof sample_courses / sizeof sample_courses[0]))

/* Formats of the generated catalogue: hours, gain (tenths), cost per hour. */
typedef struct format_def {
	const char *id, *label;
	int hours10, gain10, cost_per_hour;
} format_def;

static const format_def formats[6] = {
	{ "self_paced", "self-paced", 40, 10, 25 },
	{ "workshop", "workshop", 80, 15, 60 },
	{ "demo", "live demo", 15, 5, 0 },
	{ "mentoring", "mentoring", 120, 15, 50 },
	{ "project", "project", 240, 20, 60 },
	{ "briefing", "briefing", 10, 5, 0 },
};

/* ------------------------------------------------------------------------
 * The generated world.
 * ---------------------------------------------------------------------- */

typedef struct course {
	char id[24];
	char name[128];
	int skill;
	int hours10, gain10, cost;
	const char *format;
} course;

typedef struct unit {
	char id[48];
	char name[128];
	int parent;       /* -1: root */
	int target;       /* 0: inherit */
	int is_team;
	int depth;        /* 0 root, 1 division, ... */
	long first_emp;   /* the head (non-team) or team leader */
	long n_emp;
	team_params p;
} unit;

typedef struct world {
	uint64_t seed;
	long n_emp;
	long as_of;       /* day number */
	int sample;
	unit *units;
	int n_units;
	course *courses;
	int n_courses;
	/* per role: required level and weight per skill */
	double req_level[NROLE][NSKILL];
	double req_weight[NROLE][NSKILL];
	int role_used[NROLE];
	/* per role: candidate courses (teaching a required skill) */
	int role_courses[NROLE][64];
	int n_role_courses[NROLE];
	int id_width;
} world;

static int skill_index(const char *id)
{
	for (int i = 0; i < NSKILL; i++)
		if (strcmp(skills[i].id, id) == 0)
			return i;
	die("internal: unknown skill", id);
	return -1;
}

static void setup_roles(world *w)
{
	for (int i = 0; i < NREQ; i++) {
		int s = skill_index(reqs[i].skill);
		w->req_level[reqs[i].role][s] = reqs[i].level;
		w->req_weight[reqs[i].role][s] = reqs[i].weight10 / 10.0;
	}
}

static void setup_courses(world *w, rng *r)
{
	if (w->sample) {
		w->n_courses = NSAMPLE_COURSE;
		w->courses = calloc((size_t)w->n_courses, sizeof *w->courses);
		if (!w->courses)
			die("out of memory", NULL);
		for (int i = 0; i < NSAMPLE_COURSE; i++) {
			const course_def *d = &sample_courses[i];
			course *c = &w->courses[i];
			snprintf(c->id, sizeof c->id, "%s", d->id);
			snprintf(c->name, sizeof c->name, "%s", d->name);
			c->skill = skill_index(d->skill);
			c->hours10 = d->hours10;
			c->gain10 = d->gain10;
			c->cost = d->cost;
			c->format = d->format;
		}
	} else {
		/* Two courses per skill in two different formats. */
		w->n_courses = 2 * NSKILL;
		w->courses = calloc((size_t)w->n_courses, sizeof *w->courses);
		if (!w->courses)
			die("out of memory", NULL);
		for (int s = 0; s < NSKILL; s++) {
			int f1 = (int)rng_below(r, 6);
			int f2 = (f1 + 1 + (int)rng_below(r, 5)) % 6;
			int fs[2] = { f1, f2 };
			for (int k = 0; k < 2; k++) {
				course *c = &w->courses[2 * s + k];
				const format_def *f = &formats[fs[k]];
				snprintf(c->id, sizeof c->id, "C%03d", 2 * s + k + 1);
				snprintf(c->name, sizeof c->name, "%s (%s)", skills[s].name, f->label);
				c->skill = s;
				c->hours10 = f->hours10;
				c->gain10 = f->gain10;
				c->cost = f->cost_per_hour * f->hours10 / 10;
				c->format = f->id;
			}
		}
	}
	for (int ro = 0; ro < NROLE; ro++) {
		w->n_role_courses[ro] = 0;
		for (int c = 0; c < w->n_courses && w->n_role_courses[ro] < 64; c++)
			if (w->req_weight[ro][w->courses[c].skill] > 0)
				w->role_courses[ro][w->n_role_courses[ro]++] = c;
	}
}

/* ---- the sample company ------------------------------------------------ */

typedef struct sample_team {
	int dept;
	const char *name;
	int size;
	int target; /* 0: inherit */
	double role_w[NROLE];
} sample_team;

typedef struct sample_dept {
	const char *code, *name;
	int target;
	team_params p;
} sample_dept;

/* Each department carries one part of the story (README.md). */
static const sample_dept sample_depts[] = {
	/* job-security fear concentrated here */
	{ "CUSTOPS", "Customer Operations", 3,
	  { { 0 }, .55, .45, -.3, .5, 0, -.5, .66, .10 } },
	/* trained, hardly using the tools */
	{ "FIN", "Finance & Controlling", 3,
	  { { 0 }, .97, .10, -.1, 0, .5, 0, .76, .08 } },
	/* using the tools without training; overconfident self-ratings */
	{ "SALES", "Sales & Marketing", 3,
	  { { 0 }, .10, .88, .4, -.1, -.6, 0, .70, .45 } },
	/* the model department */
	{ "TECH", "Technology & Data", 4,
	  { { 0 }, .70, .82, .5, -.4, .3, .3, .74, .10 } },
	/* cautious */
	{ "PEOPLE", "People, Legal & Compliance", 2,
	  { { 0 }, .45, .35, -.1, .2, .2, .2, .80, .10 } },
};
#define NSAMPLE_DEPT ((int)(sizeof sample_depts / sizeof sample_depts[0]))

/*                                  exec mgr eng ana sal ser fin spe */
static const sample_team sample_teams[] = {
	{ 0, "Claims Intake", 25, 0, { 0, 0, 0, 5, 0, 85, 0, 10 } },
	{ 0, "Contact Centre", 25, 0, { 0, 0, 0, 0, 0, 100, 0, 0 } },
	{ 0, "Policy Servicing", 20, 0, { 0, 0, 0, 0, 0, 70, 10, 20 } },
	{ 1, "Accounting", 16, 0, { 0, 0, 0, 10, 0, 0, 90, 0 } },
	{ 1, "Controlling & Reporting", 14, 4, { 0, 0, 0, 35, 0, 0, 65, 0 } },
	{ 1, "Procurement", 12, 0, { 0, 0, 0, 0, 0, 0, 70, 30 } },
	{ 2, "Broker Sales", 20, 0, { 0, 0, 0, 0, 100, 0, 0, 0 } },
	{ 2, "Direct Sales", 18, 0, { 0, 0, 0, 5, 95, 0, 0, 0 } },
	{ 2, "Marketing", 16, 0, { 0, 0, 0, 30, 70, 0, 0, 0 } },
	{ 3, "Platform Engineering", 18, 0, { 0, 0, 100, 0, 0, 0, 0, 0 } },
	{ 3, "Data & Analytics", 16, 5, { 0, 0, 30, 70, 0, 0, 0, 0 } },
	{ 3, "IT Service Desk", 14, 0, { 0, 0, 50, 0, 0, 50, 0, 0 } },
	{ 4, "People Partners", 16, 3, { 0, 0, 0, 0, 0, 0, 0, 100 } },
	{ 4, "Legal & Compliance", 14, 0, { 0, 0, 0, 0, 0, 0, 0, 100 } },
};
#define NSAMPLE_TEAM ((int)(sizeof sample_teams / sizeof sample_teams[0]))

static void build_sample(world *w)
{
	w->n_units = 1 + NSAMPLE_DEPT + NSAMPLE_TEAM;
	w->units = calloc((size_t)w->n_units, sizeof *w->units);
	if (!w->units)
		die("out of memory", NULL);
	unit *root = &w->units[0];
	snprintf(root->id, sizeof root->id, "U-CO");
	snprintf(root->name, sizeof root->name, "Alder & Finch Insurance, Ltd.");
	root->parent = -1;
	root->target = 3;
	root->p = sample_depts[3].p; /* the board sees itself as the tech vanguard */
	for (int d = 0; d < NSAMPLE_DEPT; d++) {
		unit *u = &w->units[1 + d];
		snprintf(u->id, sizeof u->id, "U-%s", sample_depts[d].code);
		snprintf(u->name, sizeof u->name, "%s", sample_depts[d].name);
		u->parent = 0;
		u->depth = 1;
		u->target = sample_depts[d].target;
		u->p = sample_depts[d].p;
	}
	int nth[NSAMPLE_DEPT] = { 0 };
	for (int t = 0; t < NSAMPLE_TEAM; t++) {
		const sample_team *st = &sample_teams[t];
		unit *u = &w->units[1 + NSAMPLE_DEPT + t];
		snprintf(u->id, sizeof u->id, "U-%s-%d", sample_depts[st->dept].code,
		         ++nth[st->dept]);
		snprintf(u->name, sizeof u->name, "%s", st->name);
		u->parent = 1 + st->dept;
		u->depth = 2;
		u->is_team = 1;
		u->target = st->target;
		u->n_emp = st->size;
		u->p = sample_depts[st->dept].p;
		memcpy(u->p.role_w, st->role_w, sizeof u->p.role_w);
	}
}

/* ---- a random company of N employees ------------------------------------ */

/* Group `n` consecutive children into parents of lo..hi children each;
 * group_of[i] receives the parent of child i.  Returns the parent count. */
static long group_level(rng *r, long n, int lo, int hi, long *group_of)
{
	long g = 0;
	for (long i = 0; i < n; g++) {
		long k = lo + (long)rng_below(r, (uint32_t)(hi - lo + 1));
		for (long j = 0; j < k && i < n; j++)
			group_of[i++] = g;
	}
	return g;
}

/* Levels bottom-up: level 0 teams, level 1 departments, then grouping
 * until at most MAX_DIVISIONS remain: those are the divisions.  Large
 * firms get intermediate "areas".  count[l] units at level l (l = nlev:
 * divisions), parent_of[l][i] the index at level l + 1 of unit i's
 * parent.  Returns nlev. */
static int build_levels(rng *r, long n_teams, long **count_out,
                        long ***parent_out)
{
	long *count = NULL, **parent_of = NULL;
	int nlev = 0;
	long n = n_teams;

	for (;;) {
		long *g = malloc((size_t)n * sizeof *g);
		long **pp = realloc(parent_of, (size_t)(nlev + 1) * sizeof *pp);
		long *cc = realloc(count, (size_t)(nlev + 2) * sizeof *cc);
		if (!g || !pp || !cc)
			die("out of memory", NULL);
		parent_of = pp;
		count = cc;
		count[nlev] = n;
		parent_of[nlev] = g;
		n = nlev == 0 ? group_level(r, n, 3, 8, g) : group_level(r, n, 2, 6, g);
		nlev++;
		if (nlev >= 2 && n <= MAX_DIVISIONS)
			break;
	}
	count[nlev] = n; /* divisions */
	*count_out = count;
	*parent_out = parent_of;
	return nlev;
}

/* Unit u, the nth child of p at level l: "U-SALES-2-3", "Sales
 * Department 2.3" ("<division> Team 3.1.2"). */
static void name_unit(const world *w, unit *u, const unit *p, int nth, int l)
{
	char pid[sizeof u->id], dotted[48];
	const unit *div = p;

	memcpy(pid, p->id, sizeof pid);
	if (snprintf(u->id, sizeof u->id, "%s-%d", pid, nth) >= (int)sizeof u->id)
		die("internal: unit id too long", pid);
	while (div->depth > 1)
		div = &w->units[div->parent];
	snprintf(dotted, sizeof dotted, "%s", u->id + strlen(div->id) + 1);
	for (char *c = dotted; *c; c++)
		if (*c == '-')
			*c = '.';
	if (snprintf(u->name, sizeof u->name, "%s %s %s", div->name,
	             l == 0 ? "Team" : l == 1 ? "Department" : "Area",
	             dotted) >= (int)sizeof u->name)
		die("internal: unit name too long", u->id);
}

/* Most units inherit their target (0); some set their own ambition, one
 * level above or below the one they inherit from p. */
static int unit_target(const world *w, const unit *p, rng *r)
{
	int eff = 3, t;

	if (!rng_chance(r, 0.12))
		return 0;
	for (const unit *a = p; a; a = a->parent >= 0 ? &w->units[a->parent] : NULL)
		if (a->target) {
			eff = a->target;
			break;
		}
	t = eff + (rng_chance(r, 0.6) ? 1 : -1);
	return t < 1 ? 1 : t > 5 ? 5 : t;
}

/* A team's own character around its division's, with some archetypes. */
static void jitter_team(team_params *tp, rng *r)
{
	tp->train = clampd(tp->train + 0.12 * rng_normal(r), 0.03, 0.97);
	tp->use = clampd(tp->use + 0.12 * rng_normal(r), 0.03, 0.97);
	double arche = rng_uniform(r);
	if (arche < 0.08) { /* trained but not using */
		tp->train = 0.85 + 0.1 * rng_uniform(r);
		tp->use = 0.05 + 0.1 * rng_uniform(r);
	} else if (arche < 0.16) { /* using without training */
		tp->train = 0.05 + 0.1 * rng_uniform(r);
		tp->use = 0.8 + 0.15 * rng_uniform(r);
	}
	tp->sent += 0.35 * rng_normal(r);
	tp->fear += 0.3 * rng_normal(r);
	tp->support += 0.3 * rng_normal(r);
	tp->voice += 0.3 * rng_normal(r);
	tp->respond = clampd(tp->respond + 0.08 * rng_normal(r), 0.4, 0.95);
	tp->overconf = clampd(tp->overconf + 0.05 * rng_normal(r), 0.02, 0.5);
}

/* Staff: what the heads leave, spread over teams by random weights of
 * 8..25 so sizes look like real teams. */
static void size_teams(unit *teams, long n_teams, long staff, rng *r)
{
	uint64_t wsum = 0, cum = 0, prev_b = 0;

	if (staff < n_teams)
		die("too few employees for the organisation", NULL);
	for (long t = 0; t < n_teams; t++) {
		teams[t].n_emp = 8 + (long)rng_below(r, 18);
		wsum += (uint64_t)teams[t].n_emp;
	}
	for (long t = 0; t < n_teams; t++) {
		cum += (uint64_t)teams[t].n_emp;
		uint64_t b = (uint64_t)staff * cum / wsum;
		teams[t].n_emp = (long)(b - prev_b);
		prev_b = b;
	}
	for (long t = 0; t < n_teams; t++) /* at least the leader */
		if (teams[t].n_emp < 1)
			die("internal: empty team", NULL);
}

/* The root, the divisions (one per function, their targets drawn). */
static void place_top(world *w, long first, long n, rng *r)
{
	unit *root = &w->units[0];

	snprintf(root->id, sizeof root->id, "U-HQ");
	snprintf(root->name, sizeof root->name, "Company");
	root->parent = -1;
	root->p = funcs[2].p;
	for (long i = 0; i < n; i++) {
		unit *u = &w->units[first + i];
		const func_def *f = &funcs[i % MAX_DIVISIONS];
		snprintf(u->id, sizeof u->id, "U-%s", f->code);
		snprintf(u->name, sizeof u->name, "%s", f->name);
		u->parent = 0;
		u->depth = 1;
		u->target = 2 + (int)rng_below(r, 3);
		u->p = f->p;
	}
}

/* Level l's units below their parents at level l + 1. */
static void place_level(world *w, const long *off, const long *count,
                        long *const *parent_of, int l, rng *r)
{
	long prev = -1;
	int nth = 0;

	for (long i = 0; i < count[l]; i++) {
		long pi = off[l + 1] + parent_of[l][i];
		unit *u = &w->units[off[l] + i];
		const unit *p = &w->units[pi];
		nth = pi == prev ? nth + 1 : 1;
		prev = pi;
		u->parent = (int)pi;
		u->depth = p->depth + 1;
		u->is_team = l == 0;
		name_unit(w, u, p, nth, l);
		u->target = unit_target(w, p, r);
		u->p = p->p;
		if (u->is_team)
			jitter_team(&u->p, r);
	}
}

static void build_random(world *w, rng *r)
{
	/* Teams of 8-25 (mean ~16.5); one head per non-team unit. */
	long n_teams = w->n_emp / 17 < 1 ? 1 : w->n_emp / 17;
	long *count, **parent_of, total = 1, pos = 1;
	int nlev = build_levels(r, n_teams, &count, &parent_of);

	for (int l = 0; l <= nlev; l++)
		total += count[l];
	if (total > 0x7fffffffL)
		die("too many units", NULL);
	w->n_units = (int)total;
	w->units = calloc((size_t)total, sizeof *w->units);
	/* Write order: root, divisions, ..., teams - parents first; the
	 * offset of level l in the unit array: */
	long *off = malloc((size_t)(nlev + 1) * sizeof *off);
	if (!w->units || !off)
		die("out of memory", NULL);
	for (int l = nlev; l >= 0; l--) {
		off[l] = pos;
		pos += count[l];
	}
	place_top(w, off[nlev], count[nlev], r);
	for (int l = nlev - 1; l >= 0; l--)
		place_level(w, off, count, parent_of, l, r);
	size_teams(&w->units[off[0]], n_teams, w->n_emp - (total - count[0]), r);
	for (int l = 0; l < nlev; l++)
		free(parent_of[l]);
	free(parent_of);
	free(count);
	free(off);
}

/* Employee ranges: heads one each, teams their members, in unit order. */
static void assign_employees(world *w)
{
	long e = 0;
	for (int i = 0; i < w->n_units; i++) {
		unit *u = &w->units[i];
		if (!u->is_team)
			u->n_emp = 1;
		u->first_emp = e;
		e += u->n_emp;
	}
	if (e != w->n_emp)
		die("internal: employee count mismatch", NULL);
	for (int ro = 0; ro < NROLE; ro++)
		w->role_used[ro] = !w->sample || ro < 8;
}

/* ------------------------------------------------------------------------
 * Writing the tables.
 * ---------------------------------------------------------------------- */

static void write_sample_tool_items(out *o);

static void write_static_tables(const world *w, const char *dir)
{
	out o;

	out_open(&o, dir, "units.csv");
	out_str(&o, "unit_id,name,parent_id,target_level\n");
	for (int i = 0; i < w->n_units; i++) {
		const unit *u = &w->units[i];
		out_field(&o, u->id);
		out_ch(&o, ',');
		out_field(&o, u->name);
		out_ch(&o, ',');
		if (u->parent >= 0)
			out_field(&o, w->units[u->parent].id);
		out_ch(&o, ',');
		if (u->target)
			out_uint(&o, (unsigned long)u->target);
		out_ch(&o, '\n');
	}
	out_close(&o);

	out_open(&o, dir, "roles.csv");
	out_str(&o, "role_id,name\n");
	for (int ro = 0; ro < NROLE; ro++) {
		if (!w->role_used[ro])
			continue;
		out_field(&o, roles[ro].id);
		out_ch(&o, ',');
		out_field(&o, roles[ro].name);
		out_ch(&o, '\n');
	}
	out_close(&o);

	out_open(&o, dir, "skills.csv");
	out_str(&o, "skill_id,name,category,prerequisites\n");
	for (int s = 0; s < NSKILL; s++) {
		out_field(&o, skills[s].id);
		out_ch(&o, ',');
		out_field(&o, skills[s].name);
		out_ch(&o, ',');
		out_field(&o, skills[s].category);
		out_ch(&o, ',');
		out_field(&o, skills[s].prereq);
		out_ch(&o, '\n');
	}
	out_close(&o);

	out_open(&o, dir, "role_skills.csv");
	out_str(&o, "role_id,skill_id,required_level,weight\n");
	for (int i = 0; i < NREQ; i++) {
		if (!w->role_used[reqs[i].role])
			continue;
		out_field(&o, roles[reqs[i].role].id);
		out_ch(&o, ',');
		out_field(&o, reqs[i].skill);
		out_ch(&o, ',');
		out_uint(&o, (unsigned long)reqs[i].level);
		out_ch(&o, ',');
		out_tenths(&o, reqs[i].weight10);
		out_ch(&o, '\n');
	}
	out_close(&o);

	out_open(&o, dir, "courses.csv");
	out_str(&o, "course_id,name,skill_id,hours,level_gain,format,cost\n");
	for (int c = 0; c < w->n_courses; c++) {
		const course *k = &w->courses[c];
		out_field(&o, k->id);
		out_ch(&o, ',');
		out_field(&o, k->name);
		out_ch(&o, ',');
		out_field(&o, skills[k->skill].id);
		out_ch(&o, ',');
		out_tenths(&o, k->hours10);
		out_ch(&o, ',');
		out_tenths(&o, k->gain10);
		out_ch(&o, ',');
		out_str(&o, k->format);
		out_ch(&o, ',');
		out_uint(&o, (unsigned long)k->cost);
		out_ch(&o, '\n');
	}
	out_close(&o);

	out_open(&o, dir, "survey_items.csv");
	out_str(&o, w->sample ? "item_id,construct,scale_min,scale_max,reverse,"
	                        "text,tool_id\n"
	                      : "item_id,construct,scale_min,scale_max,reverse,text\n");
	for (int i = 0; i < NITEM; i++) {
		out_field(&o, items[i].id);
		out_ch(&o, ',');
		out_field(&o, construct_names[items[i].construct]);
		out_ch(&o, ',');
		out_uint(&o, (unsigned long)items[i].scale_min);
		out_ch(&o, ',');
		out_uint(&o, (unsigned long)items[i].scale_max);
		out_ch(&o, ',');
		out_ch(&o, items[i].reverse ? '1' : '0');
		out_ch(&o, ',');
		out_field(&o, items[i].text);
		out_str(&o, w->sample ? ",\n" : "\n");
	}
	if (w->sample)
		write_sample_tool_items(&o);
	out_close(&o);
}

/* The per-employee tables, written in one pass over employees. */
typedef struct emp_out {
	out employees, assessments, training, responses, usage;
} emp_out;

static void out_emp_id(out *o, const world *w, long e)
{
	out_ch(o, 'E');
	out_uint_w(o, (unsigned long)(e + 1), w->id_width);
}

typedef struct gain_event {
	int skill;
	long day;
	double gain;
} gain_event;

/* ---- the sample's AI tools story ------------------------------------------ */

/* The sample registers its tools (tools.csv), asks about two of them
 * (survey items with a tool_id) and plants three findings of methodology
 * 9.4 (README.md, "The story in the numbers", 8): Customer Operations
 * drops the knowledge search (lapsing), Sales & Marketing uses the
 * writing assistant a lot and says it does not help (mismatch), and
 * Technology & Data works in a public chatbot the company has not
 * sanctioned (shadow AI).  Every draw of the story comes from its own
 * stream, so the rest of the sample is drawn as it was without it. */
enum { T_CHAT, T_CODE, T_MEETING, T_SHEETS, T_SEARCH, T_WRITING, T_SHADOW,
       NSAMPLE_TOOL };
enum { D_CUSTOPS, D_FIN, D_SALES, D_TECH, D_PEOPLE };

static const struct {
	const char *id, *name, *category, *sanctioned, *available_from;
} sample_tools[NSAMPLE_TOOL] = {
	{ "copilot_chat", "Copilot Chat", "assistant", "yes", "2025-09" },
	{ "code_assistant", "Code Assistant", "coding", "yes", "2025-09" },
	{ "meeting_notes", "Meeting Notes", "meetings", "yes", "2025-11" },
	{ "sheets_ai", "Sheets AI", "analysis", "yes", "2025-11" },
	{ "knowledge_search", "Knowledge Search", "search", "yes", "2025-12" },
	{ "writing_assistant", "Writing Assistant", "writing", "yes", "2025-11" },
	{ "public_chatbot", "Public chatbot", "assistant",
	  "no", "" },
};

/* Items about one tool: usefulness on 1..5, scored only for its benefit. */
static const struct {
	const char *id, *text;
	int tool;
} sample_tool_items[] = {
	{ "T01", "Copilot Chat helps me do my work better, faster, or both.", T_CHAT },
	{ "T02", "The Writing Assistant helps me do my work better, faster, or both.",
	  T_WRITING },
};
#define NSAMPLE_TOOL_ITEM \
	((int)(sizeof sample_tool_items / sizeof sample_tool_items[0]))

/* The department (enum above) a unit of the sample belongs to; -1 for
 * the company's own unit. */
static int sample_dept_of(const world *w, const unit *u)
{
	while (u->depth > 1)
		u = &w->units[u->parent];
	return u->depth == 1 ? (int)(u - w->units) - 1 : -1;
}

/* The person's story stream: one draw decides whether they lapse, one
 * whether they use the shadow tool, then their answers and days. */
typedef struct tool_story {
	rng r;
	int lapses;     /* Customer Operations: stops the knowledge search */
	int shadow;     /* Technology & Data: uses the public chatbot */
	int dept;
} tool_story;

static void tool_story_start(const world *w, tool_story *ts, long e,
                             const unit *u)
{
	memset(ts, 0, sizeof *ts);
	ts->dept = w->sample ? sample_dept_of(w, u) : -1;
	if (!w->sample)
		return;
	rng_seed(&ts->r, w->seed, STREAM_TOOLS, (uint64_t)e);
	ts->lapses = rng_chance(&ts->r, 0.75) && ts->dept == D_CUSTOPS;
	ts->shadow = rng_chance(&ts->r, 0.5) && ts->dept == D_TECH;
}

/* Is month mo (0 .. USAGE_MONTHS - 1) of tool t left out: the lapsers
 * of Customer Operations stop the knowledge search after April. */
static int tool_story_skips(const tool_story *ts, int t, int mo)
{
	return ts->lapses && t == T_SEARCH && mo >= USAGE_MONTHS - 2;
}

static void out_usage_row(out *o, const world *w, long e, const char *tool,
                          int year, int month, int days)
{
	out_emp_id(o, w, e);
	out_ch(o, ',');
	out_str(o, tool);
	out_ch(o, ',');
	out_uint_w(o, (unsigned long)year, 4);
	out_ch(o, '-');
	out_uint_w(o, (unsigned long)month, 2);
	out_ch(o, ',');
	out_uint(o, (unsigned long)days);
	out_ch(o, '\n');
}

/* The shadow tool's months, from the month the person began using AI
 * tools: about as many days as their main tool. */
static void tool_story_shadow(const world *w, tool_story *ts, out *o, long e,
                              int start, double intensity)
{
	int y, m, d;

	if (!ts->shadow)
		return;
	civil_from_days(w->as_of, &y, &m, &d);
	for (int mo = start; mo < USAGE_MONTHS; mo++) {
		int py = y, pm = m - (USAGE_MONTHS - 1 - mo);
		while (pm < 1) {
			pm += 12;
			py--;
		}
		int days = round_clamp(intensity * (0.7 + 0.5 * rng_uniform(&ts->r)), 1,
		                       days_in_month(py, pm));
		out_usage_row(o, w, e, sample_tools[T_SHADOW].id, py, pm, days);
	}
}

/* A respondent's answers about the tools they used: Copilot Chat helps
 * (4 of 5 or so), the Writing Assistant too, except in Sales & Marketing,
 * where it mostly does not. */
static void tool_story_answers(const world *w, tool_story *ts, out *o, long e,
                               const int *used, double attitude, long day)
{
	if (!w->sample)
		return;
	for (int i = 0; i < NSAMPLE_TOOL_ITEM; i++) {
		int t = sample_tool_items[i].tool;
		double mean = 3.9 + 0.3 * attitude;
		if (!used[t] || rng_chance(&ts->r, 0.05))
			continue;
		if (t == T_WRITING && ts->dept == D_SALES)
			mean = 1.6;
		out_emp_id(o, w, e);
		out_ch(o, ',');
		out_str(o, sample_tool_items[i].id);
		out_ch(o, ',');
		out_uint(o, (unsigned long)round_clamp(mean + 0.6 * rng_normal(&ts->r),
		                                       1, 5));
		out_ch(o, ',');
		out_date(o, day);
		out_ch(o, '\n');
	}
}

/* The sample's items about one tool, in survey_items.csv. */
static void write_sample_tool_items(out *o)
{
	for (int i = 0; i < NSAMPLE_TOOL_ITEM; i++) {
		out_field(o, sample_tool_items[i].id);
		out_str(o, ",usefulness,1,5,0,");
		out_field(o, sample_tool_items[i].text);
		out_ch(o, ',');
		out_str(o, sample_tools[sample_tool_items[i].tool].id);
		out_ch(o, '\n');
	}
}

/* tools.csv of the sample. */
static void write_sample_tools(const char *dir)
{
	out o;
	out_open(&o, dir, "tools.csv");
	out_str(&o, "tool_id,name,sanctioned,category,available_from\n");
	for (int t = 0; t < NSAMPLE_TOOL; t++) {
		out_field(&o, sample_tools[t].id);
		out_ch(&o, ',');
		out_field(&o, sample_tools[t].name);
		out_ch(&o, ',');
		out_str(&o, sample_tools[t].sanctioned);
		out_ch(&o, ',');
		out_field(&o, sample_tools[t].category);
		out_ch(&o, ',');
		out_str(&o, sample_tools[t].available_from);
		out_ch(&o, '\n');
	}
	out_close(&o);
}

static const char *const genders[3] = { "female", "male", "nonbinary" };
static const double gender_w[3] = { 48.5, 49.5, 2.0 };
static const char *const age_bands[4] = { "18-29", "30-39", "40-49", "50+" };
static const double age_w[4] = { 19, 31, 27, 23 };
static const char *const locations[6] = {
	"Berlin", "Hamburg", "Munich", "Vienna", "Zurich", "Remote",
};
static const double location_w[6] = { 30, 20, 18, 10, 8, 14 };
static const char *const sample_locations[3] = { "Manchester", "Leeds", "Remote" };
static const double sample_location_w[3] = { 55, 30, 15 };

/* ---- the sample's earlier survey wave ------------------------------------ */

/* The sample's pulse survey has two waves (survey_waves.csv): the
 * answers above are the later one, the month to the as-of date, and
 * the same people answered the same items (not the two tool items, new
 * in the later wave) in an earlier wave three months before.  Their
 * earlier answers are the later ones moved back by what happened in
 * between (README.md, "The story in the numbers", 9): Data & Analytics'
 * lead briefed the team on the AI roadmap, so its clarity was lower
 * before;
 * people with 20 or more training hours in the last 90 days were
 * keener before (fatigue, methodology 3.9); Customer Operations trusted
 * the tools and felt more secure before it dropped the knowledge
 * search.  Its own stream: the rest of the sample is drawn as it was
 * without it, and the later wave's figures do not move. */
#define WAVE_FATIGUE_DAYS 90 /* flags.fatigue_window_days */
#define WAVE_FIRST_END 102   /* days before the as-of date */
#define WAVE_FIRST_DAYS 19

/* The earlier answer to item i from the later one, v. */
static int wave_story_value(rng *r, int i, int v, int dept, int briefed,
                            double recent)
{
	const item_def *it = &items[i];
	int c = it->reverse ? it->scale_min + it->scale_max - v : v; /* coded */
	int d = rng_chance(r, 0.12) - rng_chance(r, 0.12);           /* noise */

	if (it->construct == C_CLARITY && briefed && rng_chance(r, 0.75))
		d -= 1; /* the briefings came after */
	if ((it->construct == C_TRUST || it->construct == C_SECURITY) &&
	    dept == D_CUSTOPS && rng_chance(r, 0.7))
		d += 1; /* before the knowledge search was dropped */
	if (recent >= 20 && it->construct != C_CLARITY &&
	    it->construct != C_TIME_SAVED && it->construct != C_ERROR_CHANGE)
		d += it->construct == C_RECOMMEND ? 2 : 1; /* before the courses */
	c = round_clamp(c + d, it->scale_min, it->scale_max);
	return it->reverse ? it->scale_min + it->scale_max - c : c;
}

static void wave_story_answers(const world *w, out *o, long e, const unit *u,
                               const int *answer, double recent)
{
	int dept = w->sample ? sample_dept_of(w, u) : -1;
	int briefed = strcmp(u->id, "U-TECH-2") == 0; /* Data & Analytics */
	rng r;
	long day;

	if (!w->sample)
		return;
	rng_seed(&r, w->seed, STREAM_WAVE, (uint64_t)e);
	day = w->as_of - WAVE_FIRST_END - (long)rng_below(&r, WAVE_FIRST_DAYS);
	for (int i = 0; i < NITEM; i++) {
		if (answer[i] < 0)
			continue;
		out_emp_id(o, w, e);
		out_ch(o, ',');
		out_str(o, items[i].id);
		out_ch(o, ',');
		out_uint(o, (unsigned long)wave_story_value(&r, i, answer[i], dept,
		                                            briefed, recent));
		out_ch(o, ',');
		out_date(o, day);
		out_ch(o, '\n');
	}
}

/* A wave's id, "2026-Q2", from its last day. */
static void out_wave_row(out *o, long start, long end)
{
	int y, m, d;

	civil_from_days(end, &y, &m, &d);
	out_uint_w(o, (unsigned long)y, 4);
	out_str(o, "-Q");
	out_uint(o, (unsigned long)((m + 2) / 3));
	out_ch(o, ',');
	out_date(o, start);
	out_ch(o, ',');
	out_date(o, end);
	out_ch(o, '\n');
}

/* survey_waves.csv of the sample: the earlier wave, and the later one
 * from the month's first day to the as-of date (the answers above are
 * from its last 28 days). */
static void write_sample_waves(const world *w, const char *dir)
{
	out o;
	long end1 = w->as_of - WAVE_FIRST_END;

	out_open(&o, dir, "survey_waves.csv");
	out_str(&o, "wave_id,start,end\n");
	out_wave_row(&o, end1 - WAVE_FIRST_DAYS + 1, end1);
	out_wave_row(&o, w->as_of - 29, w->as_of);
	out_close(&o);
}

/* One employee as drawn: the latent traits, then what each file says of
 * them.  Every draw comes from one stream, r, in the order of the
 * person_* functions below: that order is the data. */
typedef struct person {
	const world *w;
	emp_out *eo;
	long e;
	const unit *u;
	int role, leader;
	rng r;
	double competence, attitude;
	double intensity;           /* typical active days a month a tool */
	int uses, trained, overconf;
	double base[NSKILL];        /* skill levels before training */
	gain_event gains[4];        /* completed training */
	int n_gain, n_completed;
	double recent_hours;        /* not planned, in the last 90 days */
	double mean_days;           /* active days a month, main tool */
	int used[NSAMPLE_TOOL];
	tool_story ts;
} person;

/* employees.csv, audit attributes from their own stream. */
static void person_row(const person *pp, long manager)
{
	const world *w = pp->w;
	out *o = &pp->eo->employees;
	rng ra;

	rng_seed(&ra, w->seed, STREAM_ATTRIBUTES, (uint64_t)pp->e);
	out_emp_id(o, w, pp->e);
	out_ch(o, ',');
	out_field(o, pp->u->id);
	out_ch(o, ',');
	out_field(o, roles[pp->role].id);
	out_ch(o, ',');
	out_ch(o, pp->leader ? '1' : '0');
	out_ch(o, ',');
	if (manager >= 0)
		out_emp_id(o, w, manager);
	out_ch(o, ',');
	out_str(o, genders[rng_weighted(&ra, gender_w, 3)]);
	out_ch(o, ',');
	out_str(o, age_bands[rng_weighted(&ra, age_w, 4)]);
	out_ch(o, ',');
	if (w->sample)
		out_str(o, sample_locations[rng_weighted(&ra, sample_location_w, 3)]);
	else
		out_str(o, locations[rng_weighted(&ra, location_w, 6)]);
	out_ch(o, '\n');
}

/* Latent traits and the skill levels before training. */
static void person_traits(person *pp)
{
	const team_params *p = &pp->u->p;
	rng *r = &pp->r;
	int role = pp->role, leader = pp->leader;

	pp->competence = 0.55 * rng_normal(r);
	pp->attitude = p->sent + 0.75 * rng_normal(r) + (leader ? 1.3 : 0);
	pp->uses = rng_chance(r, clampd(p->use * roles[role].use * (leader ? 1.15 : 1), 0, 0.98));
	pp->trained = rng_chance(r, clampd(p->train * (leader ? 1.1 : 1), 0, 0.98));
	pp->overconf = rng_chance(r, p->overconf);
	pp->intensity = 0;
	if (pp->uses)
		pp->intensity = clampd(4 + 5 * rng_uniform(r) + 4 * pp->attitude +
		                       3 * rng_normal(r), 1, 21);
	pp->attitude += pp->uses ? 0.35 : -0.25;
	for (int s = 0; s < NSKILL; s++) {
		double req = pp->w->req_level[role][s];
		double b = req > 0 ? 0.55 * req + pp->competence + 0.45 * rng_normal(r)
		                   : 0.5 + 0.5 * pp->competence + 0.35 * rng_normal(r);
		if (pp->uses && skills[s].tool_skill)
			b += 0.3 + 0.04 * pp->intensity;
		pp->base[s] = clampd(b, 0, 4.6);
	}
}

/* One training record of course c (informal: without a course). */
static void person_course(person *pp, const course *k_)
{
	const world *w = pp->w;
	rng *r = &pp->r;
	out *o = &pp->eo->training;
	int status = rng_weighted(r, (const double[]){ 75, 15, 10 }, 3);
	long day, hours10 = k_->hours10;

	if (status == 0)
		day = w->as_of - 7 - (long)rng_below(r, HISTORY_DAYS - 7);
	else if (status == 1) {
		day = w->as_of - (long)rng_below(r, 60);
		hours10 = hours10 * (2 + (long)rng_below(r, 7)) / 10;
	} else
		day = w->as_of - (long)rng_below(r, 30);
	/* One record in ten is informal learning without a course. */
	int informal = rng_chance(r, 0.1);
	out_emp_id(o, w, pp->e);
	out_ch(o, ',');
	if (!informal)
		out_field(o, k_->id);
	out_ch(o, ',');
	if (informal || rng_chance(r, 0.5))
		out_field(o, skills[k_->skill].id);
	out_ch(o, ',');
	long h10 = informal ? 10 + (long)rng_below(r, 60) : hours10;
	out_tenths(o, h10);
	if (status != 2 && w->as_of - day < WAVE_FATIGUE_DAYS)
		pp->recent_hours += h10 / 10.0;
	out_ch(o, ',');
	out_date(o, day);
	out_ch(o, ',');
	out_str(o, status == 0 ? "completed" : status == 1 ? "in_progress" : "planned");
	out_ch(o, '\n');
	if (status == 0) {
		gain_event *g = &pp->gains[pp->n_gain++];
		pp->n_completed++;
		g->skill = k_->skill;
		g->day = day;
		g->gain = (informal ? 0.5 : k_->gain10 / 10.0) *
		          (0.45 + 0.5 * rng_uniform(r));
	}
}

/* training.csv: 0-4 records; completed ones raise the skill from their
 * date on. */
static void person_training(person *pp)
{
	const world *w = pp->w;
	rng *r = &pp->r;
	int role = pp->role;

	if (!pp->trained)
		return;
	int k = 1 + rng_weighted(r, (const double[]){ 35, 30, 20, 15 }, 4);
	for (int i = 0; i < k; i++) {
		int c;
		if (w->n_role_courses[role] > 0 && rng_chance(r, 0.8))
			c = w->role_courses[role][rng_below(r, (uint32_t)w->n_role_courses[role])];
		else
			c = (int)rng_below(r, (uint32_t)w->n_courses);
		person_course(pp, &w->courses[c]);
	}
}

/* The level an assessment of source src records of a true level lvl. */
static long assessed_tenths(rng *r, double lvl, int src, int overconf)
{
	switch (src) {
	case 0: /* self: whole levels, a little generous */
		return 10L * round_clamp(lvl + 0.25 + (overconf ? 1.3 : 0) +
		                         0.5 * rng_normal(r), 0, 5);
	case 1: /* manager */
		return 10L * round_clamp(lvl + 0.1 + 0.5 * rng_normal(r), 0, 5);
	case 2: /* test: one decimal */
		return round_clamp(10 * (lvl + 0.3 * rng_normal(r)), 0, 50);
	default: /* certification: the level passed */
		return 10L * round_clamp(floor(lvl + 0.15 * rng_normal(r)), 1, 5);
	}
}

/* assessments.csv: 5-15, mostly on skills the role needs and on skills
 * trained; the level seen is the level at that date. */
static void person_assessments(person *pp)
{
	static const char *const source[] = { "self", "manager", "test",
	                                      "certification" };
	const world *w = pp->w;
	rng *r = &pp->r;
	out *o = &pp->eo->assessments;
	double sw[NSKILL];

	for (int s = 0; s < NSKILL; s++)
		sw[s] = w->req_weight[pp->role][s] * 3 + 0.25;
	for (int i = 0; i < pp->n_gain; i++)
		sw[pp->gains[i].skill] += 2;
	int k = 5 + (int)rng_below(r, 11);
	for (int i = 0; i < k; i++) {
		int s = rng_weighted(r, sw, NSKILL);
		long day = w->as_of - (long)rng_below(r, HISTORY_DAYS);
		double lvl = pp->base[s];
		for (int g = 0; g < pp->n_gain; g++)
			if (pp->gains[g].skill == s && pp->gains[g].day <= day)
				lvl += pp->gains[g].gain;
		int src = rng_weighted(r, (const double[]){ 40, 25, 25, 10 }, 4);
		if (src == 3 && lvl < 1.5)
			src = 2; /* nobody certifies a novice */
		long tenths = assessed_tenths(r, lvl, src, pp->overconf);
		out_emp_id(o, w, pp->e);
		out_ch(o, ',');
		out_str(o, skills[s].id);
		out_ch(o, ',');
		out_tenths(o, tenths);
		out_ch(o, ',');
		out_date(o, day);
		out_ch(o, ',');
		out_str(o, source[src]);
		out_ch(o, '\n');
	}
}

/* usage.csv: per tool and month from the month adoption began. */
static void person_usage(person *pp)
{
	const world *w = pp->w;
	rng *r = &pp->r;
	int y, m, d, n_tools = 0;
	double day_sum = 0;

	if (!pp->uses)
		return;
	civil_from_days(w->as_of, &y, &m, &d);
	int start = rng_chance(r, 0.6) ? 0 : (int)rng_below(r, USAGE_MONTHS);
	for (int t = 0; t < 6; t++) {
		if (!rng_chance(r, roles[pp->role].tool_p[t]))
			continue;
		n_tools++;
		pp->used[t] = 1;
		double tf = t == 0 ? 1.0 : 0.45 + 0.5 * rng_uniform(r);
		for (int mo = start; mo < USAGE_MONTHS; mo++) {
			int py = y, pm = m - (USAGE_MONTHS - 1 - mo);
			while (pm < 1) {
				pm += 12;
				py--;
			}
			int dim = days_in_month(py, pm);
			double ramp = 0.8 + 0.05 * mo;
			int days = round_clamp(pp->intensity * tf * ramp *
			                       (0.75 + 0.5 * rng_uniform(r)), 0, dim);
			if (t == 0)
				day_sum += days;
			if (!tool_story_skips(&pp->ts, t, mo))
				out_usage_row(&pp->eo->usage, w, pp->e, tools[t], py,
				              pm, days);
		}
	}
	tool_story_shadow(w, &pp->ts, &pp->eo->usage, pp->e, start,
	                  pp->intensity);
	if (n_tools)
		pp->mean_days = day_sum / (USAGE_MONTHS - start);
}

/* An item's answer on its own scale (before reverse keying), from the
 * latent constructs lat and the hours saved. */
static int item_value(person *pp, const item_def *it, const double *lat,
                      double saved)
{
	rng *r = &pp->r;
	int uses = pp->uses;

	switch (it->construct) {
	case C_RECOMMEND:
		return round_clamp(5 + 1.8 * (pp->attitude + (uses ? 0.5 : -0.8)) +
		                   1.2 * rng_normal(r), 0, 10);
	case C_TIME_SAVED:
		return round_clamp(saved, 0, 10);
	case C_ERROR_CHANGE:
		return round_clamp(3 + (uses ? 0.25 + 0.4 * lat[C_TRUST] : 0) +
		                   0.6 * rng_normal(r), 1, 5);
	default:
		return round_clamp(3 + lat[it->construct] + 0.55 * rng_normal(r),
		                   1, 5);
	}
}

/* The latent constructs of a respondent (lat) and the hours they say AI
 * saves them. */
static double person_latent(person *pp, double *lat)
{
	const team_params *p = &pp->u->p;
	rng *r = &pp->r;
	int leader = pp->leader, uses = pp->uses;
	double a = pp->attitude;
	double fear = p->fear + roles[pp->role].fear + 0.7 * rng_normal(r) - (leader ? 0.6 : 0);

	lat[C_CLARITY] = 0.5 * a + (leader ? 0.8 : 0) + 0.6 * rng_normal(r);
	lat[C_USEFULNESS] = a + (uses ? 0.04 * pp->mean_days : -0.4);
	lat[C_TRUST] = 0.7 * a + 0.5 * rng_normal(r) - (uses ? 0 : 0.2);
	lat[C_SECURITY] = 0.3 - fear;
	lat[C_SUPPORT] = p->support + 0.3 * pp->n_completed - (pp->n_completed ? 0 : 0.5) +
	                 0.3 * a + 0.6 * rng_normal(r) + (leader ? 0.6 : 0);
	lat[C_VOICE] = p->voice + 0.3 * a + 0.7 * rng_normal(r) + (leader ? 1.0 : 0);
	/* Leaders answer what they expect AI to free up; staff what it does
	 * for them now (under half report any time saved). */
	return leader ? 3.0 + 1.0 * a + 1.0 * rng_normal(r)
	       : uses ? 0.45 + 0.12 * pp->mean_days + 0.5 * a + 0.9 * rng_normal(r)
	              : -0.15 + 0.3 * a + 0.7 * rng_normal(r);
}

/* responses.csv: ~70% answer, each item skipped now and then. */
static void person_responses(person *pp)
{
	const world *w = pp->w;
	rng *r = &pp->r;
	double lat[NCONSTRUCT];
	int answer[NITEM];

	if (!rng_chance(r, pp->u->p.respond))
		return;
	double saved = person_latent(pp, lat);
	long day = w->as_of - (long)rng_below(r, 28);
	for (int i = 0; i < NITEM; i++) {
		const item_def *it = &items[i];
		answer[i] = -1;
		if (rng_chance(r, 0.04))
			continue;
		int v = item_value(pp, it, lat, saved);
		if (it->reverse)
			v = it->scale_min + it->scale_max - v;
		answer[i] = v;
		out *o = &pp->eo->responses;
		out_emp_id(o, w, pp->e);
		out_ch(o, ',');
		out_str(o, it->id);
		out_ch(o, ',');
		out_uint(o, (unsigned long)v);
		out_ch(o, ',');
		out_date(o, day);
		out_ch(o, '\n');
	}
	tool_story_answers(w, &pp->ts, &pp->eo->responses, pp->e, pp->used,
	                   pp->attitude, day);
	wave_story_answers(w, &pp->eo->responses, pp->e, pp->u, answer,
	                   pp->recent_hours);
}

static void gen_employee(const world *w, emp_out *eo, long e, const unit *u,
                         int role, int leader, long manager)
{
	person pp = { .w = w, .eo = eo, .e = e, .u = u, .role = role,
	              .leader = leader };

	rng_seed(&pp.r, w->seed, STREAM_EMPLOYEE, (uint64_t)e);
	tool_story_start(w, &pp.ts, e, u);
	person_row(&pp, manager);
	person_traits(&pp);
	person_training(&pp);
	person_assessments(&pp);
	person_usage(&pp);
	person_responses(&pp);
}

static void write_people(const world *w, const char *dir)
{
	emp_out eo;
	out_open(&eo.employees, dir, "employees.csv");
	out_open(&eo.assessments, dir, "assessments.csv");
	out_open(&eo.training, dir, "training.csv");
	out_open(&eo.responses, dir, "responses.csv");
	out_open(&eo.usage, dir, "usage.csv");
	out_str(&eo.employees, "employee_id,unit_id,role_id,is_leader,manager_id,"
	                       "attr_gender,attr_age_band,attr_location\n");
	out_str(&eo.assessments, "employee_id,skill_id,level,date,source\n");
	out_str(&eo.training, "employee_id,course_id,skill_id,hours,date,status\n");
	out_str(&eo.responses, "employee_id,item_id,value,date\n");
	out_str(&eo.usage, "employee_id,tool_id,period,active_days\n");

	for (int i = 0; i < w->n_units; i++) {
		const unit *u = &w->units[i];
		long boss = u->parent >= 0 ? w->units[u->parent].first_emp : -1;
		if (!u->is_team) {
			gen_employee(w, &eo, u->first_emp, u, u->depth <= 1 ? R_EXEC : R_MANAGER,
			             1, boss);
			continue;
		}
		rng r;
		rng_seed(&r, w->seed, STREAM_STRUCTURE, (uint64_t)i);
		for (long k = 0; k < u->n_emp; k++) {
			long e = u->first_emp + k;
			if (k == 0) {
				gen_employee(w, &eo, e, u, R_MANAGER, 1, boss);
				continue;
			}
			int role = rng_weighted(&r, u->p.role_w, NROLE);
			gen_employee(w, &eo, e, u, role, 0, u->first_emp);
		}
	}
	out_close(&eo.employees);
	out_close(&eo.assessments);
	out_close(&eo.training);
	out_close(&eo.responses);
	out_close(&eo.usage);
}

/* ------------------------------------------------------------------------
 * Command line.
 * ---------------------------------------------------------------------- */

static void usage(FILE *f)
{
	fputs("usage: airs-gen --employees N --seed S --out DIR [--as-of YYYY-MM-DD]\n"
	      "       airs-gen --sample --out DIR [--as-of YYYY-MM-DD]\n"
	      "Writes a synthetic airs dataset (CSV files) into DIR, creating it.\n"
	      "N is 10..10000000; S any unsigned 64-bit number; the as-of date\n"
	      "(default 2026-06-30) is the last day any record may carry.\n"
	      "The same arguments always give byte-identical files.\n", f);
}

static int parse_u64(const char *s, uint64_t *out_v)
{
	uint64_t v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		unsigned d = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out_v = v;
	return 0;
}

/* mkdir -p */
static void make_dirs(const char *dir)
{
	size_t n = strlen(dir);
	char *p = malloc(n + 1);
	if (!p)
		die("out of memory", NULL);
	memcpy(p, dir, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		char c = p[i];
		p[i] = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			die(p, strerror(errno));
		p[i] = c;
	}
	free(p);
}

int main(int argc, char **argv)
{
	const char *dir = NULL, *as_of = "2026-06-30";
	uint64_t n = 0, seed = 0;
	int have_n = 0, have_seed = 0, sample = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int has_val = i + 1 < argc;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "--sample") == 0) {
			sample = 1;
		} else if (strcmp(a, "--employees") == 0 && has_val) {
			if (parse_u64(argv[++i], &n) != 0 || n < 10 || n > (uint64_t)MAX_EMPLOYEES)
				die("--employees must be a whole number from 10 to 10000000", argv[i]);
			have_n = 1;
		} else if (strcmp(a, "--seed") == 0 && has_val) {
			if (parse_u64(argv[++i], &seed) != 0)
				die("--seed must be an unsigned whole number", argv[i]);
			have_seed = 1;
		} else if (strcmp(a, "--out") == 0 && has_val) {
			dir = argv[++i];
		} else if (strcmp(a, "--as-of") == 0 && has_val) {
			as_of = argv[++i];
		} else {
			usage(stderr);
			die("unknown or incomplete option", a);
		}
	}
	if (!dir || (sample ? (have_n || have_seed) : !(have_n && have_seed))) {
		usage(stderr);
		return 2;
	}

	world w;
	memset(&w, 0, sizeof w);
	if (parse_date(as_of, &w.as_of) != 0)
		die("--as-of must be a valid YYYY-MM-DD date", as_of);
	w.sample = sample;
	w.seed = sample ? SAMPLE_SEED : seed;
	w.n_emp = sample ? SAMPLE_EMPLOYEES : (long)n;
	w.id_width = w.n_emp >= 1000000 ? 7 : 6;
	if (w.n_emp >= 10000000)
		w.id_width = 8;

	make_dirs(dir);

	rng r;
	rng_seed(&r, w.seed, STREAM_STRUCTURE, UINT64_MAX);
	setup_roles(&w);
	setup_courses(&w, &r);
	if (sample)
		build_sample(&w);
	else
		build_random(&w, &r);
	assign_employees(&w);
	write_static_tables(&w, dir);
	if (sample) {
		write_sample_tools(dir);
		write_sample_waves(&w, dir);
	}
	write_people(&w, dir);
	free(w.units);
	free(w.courses);
	return 0;
}

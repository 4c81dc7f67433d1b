/*
 * params.c - the scoring parameters: their table, setting them by name,
 * the config file reader and the parameters digest.
 *
 * Everything about a parameter (name, kind, default, range, description,
 * where it lives in airs__pv) is in one table, so that setting, reading,
 * describing, digesting and the docs test cannot disagree.
 *
 * Values are kept at the precision of their canonical text (airs__format_
 * double: 9 decimals): a value is parsed, written as text and parsed again
 * before it is stored.  The digest is computed over that text, so equal
 * digests mean equal values, which is what methodology section 6 promises.
 */
#include "params.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "airs/load.h"
#include "ini.h"
#include "num.h"
#include "sha256.h"
#include "text.h"

enum kind {
	K_NUMBER,  /* any finite value in the range */
	K_INTEGER, /* a whole number in the range */
	K_SWITCH,  /* 0 or 1 */
	K_DATE     /* as_of: a date or "auto" */
};

enum store { S_DOUBLE, S_INT, S_ASOF };

/* kind, store and offset of a row */
#define NUM(f) K_NUMBER, S_DOUBLE, offsetof(airs__pv, f)
#define INT_IN_DOUBLE(f) K_INTEGER, S_DOUBLE, offsetof(airs__pv, f)
#define INT(f) K_INTEGER, S_INT, offsetof(airs__pv, f)
#define SWITCH(f) K_SWITCH, S_INT, offsetof(airs__pv, f)

struct row {
	const char *name;
	unsigned char kind, store;
	size_t off;                /* of the field in airs__pv */
	double min;
	unsigned char min_open;    /* OPEN or CLOSED */
	double max;                /* INFINITY: no upper bound */
	unsigned char max_open;
	double def;
	const char *def_text;      /* def in canonical text form */
	const char *desc;
	unsigned char no_digest;   /* DIGEST or NO_DIGEST */
	unsigned char rescore;     /* what a change of it makes a re-score
	                              redo (params.h, enum airs__rescore) */
};

#define OPEN 1   /* the bound itself is excluded */
#define CLOSED 0

#define DIGEST 0    /* the value enters the parameters digest */
#define NO_DIGEST 1 /* it does not: it changes how, never what, is computed */

/* The rescore column (params.h says what each means). */
#define R_SAME AIRS__RESCORE_SAME
#define R_READINESS AIRS__RESCORE_READINESS
#define R_EMPLOYEES AIRS__RESCORE_EMPLOYEES
#define R_ALL AIRS__RESCORE_ALL

/* Sorted by name (bytewise); a test checks. */
static const struct row table[] = {
	{ "adkar.barrier_threshold", NUM(barrier), 1, CLOSED, 5, CLOSED, 3, "3",
	  "ADKAR element score at or below which it is the barrier point", DIGEST, R_READINESS },
	{ "adoption.full_days", NUM(full_days), 1, CLOSED, 31, CLOSED, 12, "12",
	  "active days in a month that count as full use of the tools", DIGEST, R_ALL },
	{ "adoption.window_months", INT(window_months), 1, CLOSED, 24, CLOSED,
	  6, "6", "calendar months of tool usage, ending with the as-of month", DIGEST, R_ALL },
	{ "anonymity.min_group", INT(min_group), AIRS__MIN_GROUP_FLOOR, CLOSED,
	  1000, CLOSED, 5, "5",
	  "fewest people a sentiment aggregate may describe", DIGEST, R_ALL },
	{ "as_of", K_DATE, S_ASOF, offsetof(airs__pv, as_of), 0, CLOSED, 0,
	  CLOSED, 0, "auto",
	  "date the scores describe (YYYY-MM-DD); auto: the latest date of observed evidence", DIGEST, R_ALL },
	{ "as_of.outlier_days", INT(outlier_days), 1, CLOSED, 36500, CLOSED,
	  180, "180", "auto as_of: records dated more than this many days after the bulk of the data are left out", DIGEST, R_ALL },
	{ "as_of.outlier_share", NUM(outlier_share), 0, CLOSED, 0.5, CLOSED,
	  0.01, "0.01", "auto as_of: the latest share of records set aside to find the bulk of the data", DIGEST, R_ALL },
	{ "decay.half_life_days", NUM(half_life), 30, CLOSED, 3650, CLOSED, 300,
	  "300", "days after which an assessment counts half", DIGEST, R_EMPLOYEES },
	{ "evidence.min_skill_share", NUM(min_skill_share), 0, CLOSED, 1, CLOSED,
	  0.5, "0.5", "share of a role's required skills, by number and by weight, assessed before a level is given", DIGEST, R_READINESS },
	{ "flags.fatigue_drop", NUM(fatigue_drop), 0, CLOSED, 1, CLOSED, 0.10,
	  "0.1", "fall in mean sentiment that, with much training, flags fatigue", DIGEST, R_EMPLOYEES },
	{ "flags.fatigue_hours", NUM(fatigue_hours), 0, CLOSED, INFINITY, CLOSED,
	  20, "20", "training hours within the fatigue window that can flag fatigue", DIGEST, R_ALL },
	{ "flags.fatigue_window_days", INT_IN_DOUBLE(fatigue_window), 1, CLOSED,
	  3650, CLOSED, 90, "90", "days looked back for the fatigue flag", DIGEST, R_ALL },
	{ "flags.left_behind_readiness", NUM(lb_readiness), 0, CLOSED, 100,
	  CLOSED, 40, "40", "readiness below which someone may be left behind", DIGEST, R_READINESS },
	{ "flags.left_behind_support", NUM(lb_support), 0, CLOSED, 1, CLOSED, 0.5,
	  "0.5", "felt support below which a low-readiness person is left behind", DIGEST, R_READINESS },
	{ "flags.left_behind_training", NUM(lb_training), 0, CLOSED, 1, CLOSED,
	  0.25, "0.25", "training component below which a low-readiness person is left behind", DIGEST, R_READINESS },
	{ "flags.no_benefit_adoption", NUM(nb_adoption), 0, CLOSED, 1, CLOSED,
	  0.5, "0.5", "adoption at or above which a missing benefit is flagged", DIGEST, R_ALL },
	{ "flags.no_benefit_benefit", NUM(nb_benefit), 0, CLOSED, 1, CLOSED, 0.25,
	  "0.25", "reported benefit at or below which no benefit is flagged", DIGEST, R_EMPLOYEES },
	{ "flags.overconfidence_gap", NUM(overconfidence), 0, CLOSED, 5, CLOSED,
	  1.5, "1.5", "levels a self-assessment may exceed a test before it is flagged", DIGEST, R_EMPLOYEES },
	{ "flags.reversion_adoption", NUM(rev_adoption), 0, CLOSED, 1, CLOSED,
	  0.2, "0.2", "adoption below which a trained person has reverted", DIGEST, R_EMPLOYEES },
	{ "flags.reversion_training", NUM(rev_training), 0, CLOSED, INFINITY,
	  CLOSED, 0.5, "0.5", "share of the needed training hours after which reversion can be flagged", DIGEST, R_EMPLOYEES },
	{ "levels.t2", NUM(level_t[0]), 0, OPEN, 100, OPEN, 20, "20",
	  "readiness at which maturity level 2 begins", DIGEST, R_READINESS },
	{ "levels.t3", NUM(level_t[1]), 0, OPEN, 100, OPEN, 40, "40",
	  "readiness at which maturity level 3 begins", DIGEST, R_READINESS },
	{ "levels.t4", NUM(level_t[2]), 0, OPEN, 100, OPEN, 60, "60",
	  "readiness at which maturity level 4 begins", DIGEST, R_READINESS },
	{ "levels.t5", NUM(level_t[3]), 0, OPEN, 100, OPEN, 80, "80",
	  "readiness at which maturity level 5 begins", DIGEST, R_READINESS },
	{ "limits.max_depth", INT(limit_depth), 1, CLOSED, 1000000, CLOSED,
	  AIRS_LOAD_MAX_DEPTH, "1000",
	  "loading: levels below the top of the unit tree or of a management "
	  "chain (airs_load_options.max_depth)", NO_DIGEST, R_SAME },
	{ "limits.max_ids", INT_IN_DOUBLE(limit_ids), 1, CLOSED, 4294967295.0,
	  CLOSED, AIRS_LOAD_MAX_IDS, "100000000",
	  "loading: ids of one kind, such as employees or tools "
	  "(airs_load_options.max_ids)", NO_DIGEST, R_SAME },
	{ "limits.max_role_skills", INT(limit_role_skills), 1, CLOSED, 1000000,
	  CLOSED, AIRS_LOAD_MAX_ROLE_SKILLS, "1000",
	  "loading: skills one role requires "
	  "(airs_load_options.max_role_skills)", NO_DIGEST, R_SAME },
	{ "limits.max_rows", INT_IN_DOUBLE(limit_rows), 1, CLOSED, 1e15, CLOSED,
	  AIRS_LOAD_MAX_ROWS, "1000000000",
	  "loading: records in any one file (airs_load_options.max_rows)",
	  NO_DIGEST, R_SAME },
	{ "plan.blend_priority", NUM(plan_blend), 0, CLOSED, 10, CLOSED, 1, "1",
	  "blend strategy: how much more an uplift counts for someone further behind", DIGEST, R_SAME },
	{ "plan.exact_states", INT(plan_exact_states), 1, CLOSED, 1000000, CLOSED,
	  20000, "20000", "partial plans a personal plan may weigh before it approximates", DIGEST, R_SAME },
	{ "plan.headroom", NUM(plan_headroom), 1, CLOSED, 5, CLOSED, 1.5, "1.5",
	  "a course's level ceiling is the start level plus this many times its gain", DIGEST, R_SAME },
	{ "plan.intervention_hours", NUM(plan_intervention_hours), 0, CLOSED, 40,
	  CLOSED, 1, "1", "hours a change intervention takes from the budget", DIGEST, R_SAME },
	{ "plan.tau_briefing", NUM(plan_tau[AIRS_FORMAT_BRIEFING]), 0, OPEN, 10,
	  CLOSED, 1.5, "1.5", "learning time constant of a briefing, in course lengths", DIGEST, R_SAME },
	{ "plan.tau_demo", NUM(plan_tau[AIRS_FORMAT_DEMO]), 0, OPEN, 10, CLOSED,
	  1.25, "1.25", "learning time constant of a demonstration, in course lengths", DIGEST, R_SAME },
	{ "plan.tau_mentoring", NUM(plan_tau[AIRS_FORMAT_MENTORING]), 0, OPEN, 10,
	  CLOSED, 0.6, "0.6", "learning time constant of mentoring, in course lengths", DIGEST, R_SAME },
	{ "plan.tau_project", NUM(plan_tau[AIRS_FORMAT_PROJECT]), 0, OPEN, 10,
	  CLOSED, 0.6, "0.6", "learning time constant of a practice project, in course lengths", DIGEST, R_SAME },
	{ "plan.tau_self_paced", NUM(plan_tau[AIRS_FORMAT_SELF_PACED]), 0, OPEN, 10,
	  CLOSED, 1, "1", "learning time constant of a self-paced course, in course lengths", DIGEST, R_SAME },
	{ "plan.tau_workshop", NUM(plan_tau[AIRS_FORMAT_WORKSHOP]), 0, OPEN, 10,
	  CLOSED, 0.8, "0.8", "learning time constant of a workshop, in course lengths", DIGEST, R_SAME },
	{ "plan.weekly_hours", NUM(plan_weekly_hours), 0, OPEN, 168, CLOSED, 4, "4",
	  "learning hours a week, for the time to target", DIGEST, R_SAME },
	{ "privacy.individual_sentiment", SWITCH(individual_sentiment), 0, CLOSED,
	  1, CLOSED, 0, "0", "1: use survey answers in individual scores and flags", DIGEST, R_EMPLOYEES },
	{ "source.certification", NUM(source[3]), 0, OPEN, 100, CLOSED, 1.0, "1",
	  "weight of a certification among a skill's assessments", DIGEST, R_EMPLOYEES },
	{ "source.manager", NUM(source[1]), 0, OPEN, 100, CLOSED, 0.7, "0.7",
	  "weight of a manager's assessment", DIGEST, R_EMPLOYEES },
	{ "source.self", NUM(source[0]), 0, OPEN, 100, CLOSED, 0.4, "0.4",
	  "weight of a self-assessment", DIGEST, R_EMPLOYEES },
	{ "source.test", NUM(source[2]), 0, OPEN, 100, CLOSED, 1.0, "1",
	  "weight of a test result", DIGEST, R_EMPLOYEES },
	{ "threads", INT(threads), 0, CLOSED, 256, CLOSED, 0, "0",
	  "scoring threads; 0: one per online CPU, at most 8 (results do not depend on it)",
	  NO_DIGEST, R_SAME },
	{ "tools.habit_months", INT(tool_habit_months), 1, CLOSED, 24, CLOSED,
	  3, "3", "months of full use in the adoption window that make a tool a habit", DIGEST, R_SAME },
	{ "tools.lapse_share", NUM(tool_lapse_share), 0, OPEN, 1, CLOSED, 0.3,
	  "0.3", "share of a tool's users who lapsed at or above which a unit's use is lapsing", DIGEST, R_SAME },
	{ "tools.mismatch_adoption", NUM(tool_mismatch_adoption), 0, CLOSED, 1,
	  CLOSED, 0.3, "0.3", "share of a group using a tool at or above which low benefit is a mismatch", DIGEST, R_SAME },
	{ "tools.mismatch_benefit", NUM(tool_mismatch_benefit), 0, CLOSED, 1,
	  CLOSED, 0.5, "0.5", "benefit of a tool at or below which its heavy use is a mismatch", DIGEST, R_SAME },
	{ "tools.mismatch_margin", NUM(tool_mismatch_margin), 0, CLOSED, 1,
	  CLOSED, 0.15, "0.15", "how far below the same roles' other tools a tool's benefit must be for a mismatch", DIGEST, R_SAME },
	{ "tools.recent_months", INT(tool_recent_months), 1, CLOSED, 23, CLOSED,
	  2, "2", "last months of the adoption window that tell lapsed and new users", DIGEST, R_EMPLOYEES },
	{ "tools.shadow_share", NUM(tool_shadow_share), 0, OPEN, 1, CLOSED, 0.2,
	  "0.2", "share of a group's tool-days on unsanctioned tools at or above which it is flagged", DIGEST, R_SAME },
	{ "training.hours_per_level", NUM(hours_per_level), 0, OPEN, 1000, CLOSED,
	  8, "8", "training hours needed per skill level missing", DIGEST, R_EMPLOYEES },
	{ "weights.adoption", NUM(weight[AIRS_COMPONENT_ADOPTION]), 0, CLOSED, 100,
	  CLOSED, 0.20, "0.2", "weight of tool adoption in readiness", DIGEST, R_READINESS },
	{ "weights.sentiment", NUM(weight[AIRS_COMPONENT_SENTIMENT]), 0, CLOSED,
	  100, CLOSED, 0.25, "0.25", "weight of sentiment in readiness", DIGEST, R_READINESS },
	{ "weights.skill", NUM(weight[AIRS_COMPONENT_SKILL]), 0, CLOSED, 100,
	  CLOSED, 0.40, "0.4", "weight of the skill gap in readiness", DIGEST, R_READINESS },
	{ "weights.training", NUM(weight[AIRS_COMPONENT_TRAINING]), 0, CLOSED, 100,
	  CLOSED, 0.15, "0.15", "weight of training in readiness", DIGEST, R_READINESS },
};

#define COUNT (sizeof table / sizeof table[0])

/* The buffer a config file's section and key are joined into. */
#define KEY_MAX 256

/* ------------------------------------------------------------------------
 * Names
 * ---------------------------------------------------------------------- */

static const struct row *find(const char *name, size_t len)
{
	size_t lo = 0, hi = COUNT;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *t = table[mid].name;
		size_t tl = strlen(t);
		int c = memcmp(name, t, len < tl ? len : tl);
		if (!c)
			c = len < tl ? -1 : len > tl;
		if (!c)
			return &table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The known name the user most likely meant, or NULL: the nearest within
 * two edits, else the only name whose part after the dot is exactly the
 * given text ("skill" -> "weights.skill", a key written outside its
 * section). */
static const char *suggest(const char *name, size_t len)
{
	const char *best = NULL, *tail = NULL;
	size_t best_d = 3, i, tails = 0;

	for (i = 0; i < COUNT; i++) {
		const char *dot = strchr(table[i].name, '.');
		size_t d = airs__distance(name, len, table[i].name);
		if (d < best_d) {
			best_d = d;
			best = table[i].name;
		}
		if (dot && strlen(dot + 1) == len && !memcmp(dot + 1, name, len)) {
			tail = table[i].name;
			tails++;
		}
	}
	if (best)
		return best;
	return tails == 1 ? tail : NULL;
}

static int fail_unknown(char *msg, const char *name, size_t len)
{
	char q[200];
	const char *s = suggest(name, len);

	airs__quote(q, sizeof q, name, len);
	if (s)
		return airs__fail(msg, AIRS_EINVAL,
		                  "unknown parameter \"%s\" (did you mean \"%s\"?)", q, s);
	return airs__fail(msg, AIRS_EINVAL, "unknown parameter \"%s\"", q);
}

/* ------------------------------------------------------------------------
 * Values
 * ---------------------------------------------------------------------- */

static double *dfield(const struct row *p, airs__pv *v)
{
	return (double *)(void *)((char *)v + p->off);
}

static int *ifield(const struct row *p, airs__pv *v)
{
	return (int *)(void *)((char *)v + p->off);
}

static double get(const struct row *p, const airs__pv *v)
{
	const char *at = (const char *)v + p->off;

	switch (p->store) {
	case S_INT: return *(const int *)(const void *)at;
	case S_ASOF: return v->as_of_auto ? -1 : v->as_of;
	default: return *(const double *)(const void *)at;
	}
}

/* The canonical text form of p's value in v; returns its length. */
static size_t text_of(const struct row *p, const airs__pv *v,
                      char buf[AIRS__NUM_MAX])
{
	if (p->store == S_ASOF) {
		if (v->as_of_auto || !airs_date_format(v->as_of, buf)) {
			strcpy(buf, "auto");
			return 4;
		}
		return 10;
	}
	return airs__format_double(buf, get(p, v));
}

static int in_range(const struct row *p, double x)
{
	if (!isfinite(x))
		return 0;
	if (p->min_open ? !(x > p->min) : !(x >= p->min))
		return 0;
	return p->max_open ? x < p->max : x <= p->max;
}

/* "name: shown is outside 3..1000" and its variants for open and missing
 * bounds. */
static int fail_range(char *msg, const struct row *p, const char *shown,
                      double x)
{
	char lo[AIRS__NUM_MAX], hi[AIRS__NUM_MAX];

	airs__format_double(lo, p->min);
	if (isinf(p->max)) {
		if (x > p->min)
			return airs__fail(msg, AIRS_ERANGE, "%s: %s is too large",
			                  p->name, shown);
		return airs__fail(msg, AIRS_ERANGE, "%s: %s is %s %s", p->name,
		                  shown, p->min_open ? "not greater than" : "less than",
		                  lo);
	}
	airs__format_double(hi, p->max);
	if (!p->min_open && !p->max_open)
		return airs__fail(msg, AIRS_ERANGE, "%s: %s is outside %s..%s",
		                  p->name, shown, lo, hi);
	return airs__fail(msg, AIRS_ERANGE, "%s: %s is outside %c%s, %s%c",
	                  p->name, shown, p->min_open ? '(' : '[', lo, hi,
	                  p->max_open ? ')' : ']');
}

/* Check x for p and store it into v.  shown is x as the user wrote it,
 * for messages. */
static int put_number(const struct row *p, airs__pv *v, double x,
                      const char *shown, char *msg)
{
	char t[AIRS__NUM_MAX];
	double q = x;

	if (isfinite(x)) {
		/* Keep the value its canonical text says (see the top). */
		size_t n = airs__format_double(t, x);
		int rc = airs__parse_double(t, n, &q);
		if (rc == AIRS_ENOMEM)
			return airs__fail(msg, rc, "%s: out of memory", p->name);
		if (rc)
			q = x;
		if (q == 0)
			q = 0; /* no -0 */
	}
	if (p->kind == K_SWITCH && q != 0 && q != 1)
		return airs__fail(msg, AIRS_ERANGE, "%s: %s is not 0 or 1", p->name,
		                  shown);
	if (p->kind == K_INTEGER && isfinite(q) && q != floor(q))
		return airs__fail(msg, AIRS_ERANGE, "%s: %s is not a whole number",
		                  p->name, shown);
	if (!in_range(p, q))
		return fail_range(msg, p, shown, q);
	if (p->store == S_INT)
		*ifield(p, v) = (int)q;
	else
		*dfield(p, v) = q;
	return AIRS_OK;
}

/* Set p in v from len bytes of text, as in a config file. */
static int put_text(const struct row *p, airs__pv *v, const char *s,
                    size_t len, char *msg)
{
	char q[200];
	double x;
	int rc;

	airs__quote(q, sizeof q, s, len);
	if (p->kind == K_DATE) {
		airs_date d;
		if (len == 0 || airs__ieq(s, len, "auto")) {
			v->as_of_auto = 1;
			v->as_of = 0;
			return AIRS_OK;
		}
		if (airs_date_parse(s, len, &d))
			return airs__fail(msg, AIRS_EPARSE,
			                  "%s: \"%s\" is not a date (use YYYY-MM-DD or auto)",
			                  p->name, q);
		v->as_of_auto = 0;
		v->as_of = d;
		return AIRS_OK;
	}
	if (p->kind == K_SWITCH) {
		int b;
		if (airs__parse_bool(s, len, &b))
			return airs__fail(msg, AIRS_EPARSE,
			                  "%s: \"%s\" is not a switch (use 0 or 1, "
			                  "true or false, yes or no)", p->name, q);
		return put_number(p, v, b, q, msg);
	}
	rc = airs__parse_double(s, len, &x);
	if (rc == AIRS_EPARSE)
		return airs__fail(msg, rc, "%s: \"%s\" is not a number%s", p->name, q,
		                  memchr(s, ',', len) ?
		                  " (use a point as decimal separator)" : "");
	if (rc == AIRS_ERANGE) /* overflows a double: out of every range */
		x = len && s[0] == '-' ? -INFINITY : INFINITY;
	else if (rc)
		return airs__fail(msg, rc, "%s: out of memory", p->name);
	return put_number(p, v, x, q, msg);
}

/* ------------------------------------------------------------------------
 * Internal interface
 * ---------------------------------------------------------------------- */

void airs__params_defaults(airs__pv *v)
{
	size_t i;

	memset(v, 0, sizeof *v);
	for (i = 0; i < COUNT; i++) {
		const struct row *p = &table[i];
		if (p->store == S_ASOF)
			v->as_of_auto = 1;
		else if (p->store == S_INT)
			*ifield(p, v) = (int)p->def;
		else
			*dfield(p, v) = p->def;
	}
}

int airs__params_check(const airs__pv *v, char *msg)
{
	static const char *const lv[4] = {
		"levels.t2", "levels.t3", "levels.t4", "levels.t5"
	};
	double sum = 0;
	int i;

	for (i = 0; i < AIRS_COMPONENT_COUNT_; i++)
		sum += v->weight[i];
	if (!(sum > 0))
		return airs__fail(msg, AIRS_EINVAL,
		                  "weights.skill, weights.training, weights.sentiment "
		                  "and weights.adoption are all 0; at least one must "
		                  "be positive");
	for (i = 1; i < 4; i++) {
		if (!(v->level_t[i] > v->level_t[i - 1])) {
			char a[AIRS__NUM_MAX], b[AIRS__NUM_MAX];
			airs__format_double(a, v->level_t[i]);
			airs__format_double(b, v->level_t[i - 1]);
			return airs__fail(msg, AIRS_EINVAL,
			                  "%s (%s) is not greater than %s (%s); the level "
			                  "thresholds must increase", lv[i], a, lv[i - 1], b);
		}
	}
	return AIRS_OK;
}

void airs__params_digest(const airs__pv *v, char out[65])
{
	airs__sha256 c;
	unsigned char d[AIRS__SHA256_LEN];
	char t[AIRS__NUM_MAX];
	size_t i;

	airs__sha256_init(&c);
	for (i = 0; i < COUNT; i++) {
		size_t n;
		if (table[i].no_digest)
			continue;
		n = text_of(&table[i], v, t);
		airs__sha256_update(&c, table[i].name, strlen(table[i].name));
		airs__sha256_update(&c, "=", 1);
		airs__sha256_update(&c, t, n);
		airs__sha256_update(&c, "\n", 1);
	}
	airs__sha256_final(&c, d);
	airs__sha256_hex(d, out);
}

size_t airs__params_text(const airs__pv *v, size_t i, char *buf)
{
	if (i >= COUNT) {
		buf[0] = '\0';
		return 0;
	}
	return text_of(&table[i], v, buf);
}

int airs__params_digested(size_t i)
{
	return i < COUNT && table[i].no_digest == DIGEST;
}

int airs__params_rescore_of(size_t i)
{
	return i < COUNT ? table[i].rescore : AIRS__RESCORE_ALL;
}

int airs__params_rescore(const airs__pv *a, const airs__pv *b)
{
	int need = AIRS__RESCORE_SAME;
	size_t i;

	for (i = 0; i < COUNT; i++) {
		const struct row *p = &table[i];
		double x = get(p, a), y = get(p, b);
		/* values are kept at their canonical text, so equal text is
		 * equal bits; as_of reads -1 when automatic */
		if (x != y && p->rescore > need)
			need = p->rescore;
	}
	return need;
}

/* ------------------------------------------------------------------------
 * Public handle
 * ---------------------------------------------------------------------- */

int airs_params_new(airs_params **out, const airs_allocator *alloc)
{
	airs__mem mem;
	airs_params *p;

	if (!out)
		return AIRS_EINVAL;
	*out = NULL;
	if (airs__mem_init(&mem, alloc))
		return AIRS_EINVAL;
	p = airs__malloc(&mem, sizeof *p);
	if (!p)
		return AIRS_ENOMEM;
	p->mem = mem;
	p->msg[0] = '\0';
	airs__params_defaults(&p->v);
	*out = p;
	return AIRS_OK;
}

void airs_params_free(airs_params *params)
{
	if (params)
		airs__free(&params->mem, params);
}

const char *airs_params_errmsg(const airs_params *params)
{
	return params ? params->msg : "no parameters (NULL)";
}

/* The row of the parameter a setter names; NULL, with the reason in the
 * handle's message and the status in *rc, when there is none. */
static const struct row *row_to_set(airs_params *params, const char *name,
                                    int *rc)
{
	const struct row *p;

	if (!name) {
		*rc = airs__fail(params->msg, AIRS_EINVAL,
		                 "no parameter name (NULL)");
		return NULL;
	}
	p = find(name, strlen(name));
	if (!p)
		*rc = fail_unknown(params->msg, name, strlen(name));
	return p;
}

/* A setter's checked values v become the handle's. */
static int keep_values(airs_params *params, const airs__pv *v)
{
	params->v = *v;
	params->msg[0] = '\0';
	return AIRS_OK;
}

int airs_params_set(airs_params *params, const char *name, const char *value)
{
	const struct row *p;
	airs__pv v;
	int rc;

	if (!params)
		return AIRS_EINVAL;
	if (!(p = row_to_set(params, name, &rc)))
		return rc;
	if (!value)
		return airs__fail(params->msg, AIRS_EINVAL, "%s: no value (NULL)",
		                  p->name);
	v = params->v;
	rc = put_text(p, &v, value, strlen(value), params->msg);
	return rc ? rc : keep_values(params, &v);
}

int airs_params_set_double(airs_params *params, const char *name, double value)
{
	const struct row *p;
	char shown[AIRS__NUM_MAX];
	airs__pv v;
	int rc;

	if (!params)
		return AIRS_EINVAL;
	if (!(p = row_to_set(params, name, &rc)))
		return rc;
	if (p->kind == K_DATE)
		return airs__fail(params->msg, AIRS_EINVAL,
		                  "%s is a date; set it with airs_params_set()", p->name);
	if (!isfinite(value))
		return airs__fail(params->msg, AIRS_ERANGE,
		                  "%s: the value is not a finite number", p->name);
	airs__format_double(shown, value);
	v = params->v;
	rc = put_number(p, &v, value, shown, params->msg);
	return rc ? rc : keep_values(params, &v);
}

int airs_params_get_double(const airs_params *params, const char *name,
                           double *out)
{
	const struct row *p;

	if (!params || !name || !out)
		return AIRS_EINVAL;
	p = find(name, strlen(name));
	if (!p)
		return AIRS_EINVAL;
	*out = get(p, &params->v);
	return AIRS_OK;
}

size_t airs_params_get(const airs_params *params, const char *name, char *buf,
                       size_t n)
{
	const struct row *p;
	char t[AIRS__NUM_MAX];
	size_t len;

	if (buf && n)
		buf[0] = '\0';
	if (!params || !name)
		return 0;
	p = find(name, strlen(name));
	if (!p)
		return 0;
	len = text_of(p, &params->v, t);
	if (buf && n) {
		size_t k = len < n - 1 ? len : n - 1;
		memcpy(buf, t, k);
		buf[k] = '\0';
	}
	return len;
}

void airs_params_reset(airs_params *params)
{
	if (!params)
		return;
	airs__params_defaults(&params->v);
	params->msg[0] = '\0';
}

const char *airs_params_describe(size_t i, const char **default_value,
                                 const char **description)
{
	if (i >= COUNT)
		return NULL;
	if (default_value)
		*default_value = table[i].def_text;
	if (description)
		*description = table[i].desc;
	return table[i].name;
}

int airs_params_digest(const airs_params *params, char out[65])
{
	if (!params || !out)
		return AIRS_EINVAL;
	airs__params_digest(&params->v, out);
	return AIRS_OK;
}

/* ------------------------------------------------------------------------
 * Config files
 *
 *     # comment            ; comment
 *     as_of = 2026-06-30   # keys before any section are top-level names
 *     [weights]
 *     skill = "0.5"        ; the key becomes weights.skill
 *
 * The whole text is parsed and checked into a copy of the values, which
 * replaces the handle's only when everything, including the checks across
 * parameters, has passed.
 * ---------------------------------------------------------------------- */

struct reader {
	airs_params *params;
	airs_diag *diag;
	const char *file;
	uint64_t line;
	uint32_t column;
	airs__pv v;                /* the values being read */
	uint64_t set_on[COUNT];    /* the line that set each, or 0 */
	const char *sec;           /* the current section, or NULL */
	size_t seclen;
};

/* Record a failure at the reader's line and column (line 0: the file as a
 * whole) in the diag and, as "file:line:column: text", in the handle's
 * message. */
static int reader_fail(struct reader *r, int status, const char *text)
{
	airs__diag_set(r->diag, status, AIRS_SEVERITY_ERROR, r->file, r->line,
	               r->column, "%s", text);
	if (r->line)
		return airs__fail(r->params->msg, status, "%s:%llu:%u: %s",
		                  r->file, (unsigned long long)r->line,
		                  (unsigned)r->column, text);
	return airs__fail(r->params->msg, status, "%s: %s", r->file, text);
}

/* "section.key" of a pair into name (cut where too long to be known). */
static size_t full_name(const struct reader *r, const airs__ini_line *l,
                        char name[KEY_MAX])
{
	size_t n = 0, keylen = (size_t)(l->name_end - l->name);

	if (r->seclen) {
		n = r->seclen < KEY_MAX ? r->seclen : 0;
		memcpy(name, r->sec, n);
		if (n < KEY_MAX - 1)
			name[n++] = '.';
	}
	if (keylen > KEY_MAX - 1 - n)
		keylen = KEY_MAX - 1 - n; /* too long to be known anyway */
	memcpy(name + n, l->name, keylen);
	n += keylen;
	name[n] = '\0';
	return n;
}

/* One section header or "key = value" line. */
static int read_line(const airs__ini_line *l, void *user)
{
	struct reader *r = user;
	char name[KEY_MAX], msg[AIRS__MSG_MAX];
	const struct row *p;
	size_t n;
	int rc;

	r->line = l->lineno;
	if (l->kind == AIRS__INI_SECTION) {
		r->sec = l->name;
		r->seclen = (size_t)(l->name_end - l->name);
		return AIRS_OK;
	}
	r->column = (uint32_t)(l->name - l->line) + 1;
	n = full_name(r, l, name);
	if (!(p = find(name, n))) {
		fail_unknown(msg, name, n);
		return reader_fail(r, AIRS_EINVAL, msg);
	}
	if (r->set_on[p - table]) {
		snprintf(msg, sizeof msg, "%.100s is already set on line %llu",
		         p->name, (unsigned long long)r->set_on[p - table]);
		return reader_fail(r, AIRS_EPARSE, msg);
	}
	r->column = (uint32_t)(l->value - l->line) + 1 - (unsigned)l->quoted;
	rc = put_text(p, &r->v, l->value, (size_t)(l->value_end - l->value),
	              msg);
	if (rc)
		return reader_fail(r, rc, msg);
	r->set_on[p - table] = r->line;
	return AIRS_OK;
}

static int read_config(airs_params *params, const char *file, const char *text,
                       size_t len, airs_diag *diag)
{
	struct reader r;
	airs__ini_error e = { 0, 0, NULL };
	char msg[AIRS__MSG_MAX];
	int rc;

	memset(&r, 0, sizeof r);
	r.params = params;
	r.diag = diag;
	r.file = file;
	r.v = params->v;
	rc = airs__ini_walk(text, len, AIRS__INI_INLINE_COMMENTS, read_line, &r,
	                    &e);
	if (rc == AIRS_EPARSE && e.why) {
		r.line = e.lineno;
		r.column = e.column;
		return reader_fail(&r, rc, e.why);
	}
	if (rc)
		return rc;
	r.line = r.column = 0;
	rc = airs__params_check(&r.v, msg);
	if (rc)
		return reader_fail(&r, rc, msg);
	params->v = r.v;
	params->msg[0] = '\0';
	if (diag)
		airs__diag_set(diag, AIRS_OK, AIRS_SEVERITY_ERROR, NULL, 0, 0, "%s", "");
	return AIRS_OK;
}

int airs_params_load_buffer(airs_params *params, const char *name,
                            const char *text, size_t len, airs_diag *diag)
{
	if (!params)
		return AIRS_EINVAL;
	if (airs__diag_check(diag))
		return airs__fail(params->msg, AIRS_EINVAL,
		                  "the diag is too small (set it with AIRS_DIAG_INIT)");
	if (!text && len)
		return airs__fail(params->msg, AIRS_EINVAL, "no text (NULL)");
	return read_config(params, name ? name : "config", text ? text : "", len,
	                   diag);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
#ifdef _WIN32
	const char *b = strrchr(path, '\\');
	if (b && (!s || b > s))
		s = b;
#endif
	return s ? s + 1 : path;
}

int airs_params_load_file(airs_params *params, const char *path,
                          airs_diag *diag)
{
	struct reader r;
	char msg[AIRS__MSG_MAX], q[200];
	char *buf = NULL;
	size_t len = 0, cap = 0;
	FILE *f;
	int rc;

	if (!params)
		return AIRS_EINVAL;
	if (airs__diag_check(diag))
		return airs__fail(params->msg, AIRS_EINVAL,
		                  "the diag is too small (set it with AIRS_DIAG_INIT)");
	if (!path)
		return airs__fail(params->msg, AIRS_EINVAL, "no file name (NULL)");
	memset(&r, 0, sizeof r);
	r.params = params;
	r.diag = diag;
	r.file = base_name(path);
	airs__quote(q, sizeof q, path, strlen(path));

	f = fopen(path, "rb");
	if (!f) {
		snprintf(msg, sizeof msg, "cannot open \"%s\": %s", q, strerror(errno));
		return reader_fail(&r, AIRS_EIO, msg);
	}
	for (;;) {
		size_t want, got;
		if (cap - len < 1024 &&
		    airs__grow(&params->mem, &buf, &cap, len + 4096, 1)) {
			fclose(f);
			airs__free(&params->mem, buf);
			return reader_fail(&r, AIRS_ENOMEM, "out of memory");
		}
		want = cap - len;
		got = fread(buf + len, 1, want, f);
		len += got;
		if (got < want)
			break; /* end of file or error */
	}
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		airs__free(&params->mem, buf);
		snprintf(msg, sizeof msg, "cannot read \"%s\": %s", q, strerror(e));
		return reader_fail(&r, AIRS_EIO, msg);
	}
	fclose(f);
	rc = read_config(params, r.file, buf, len, diag);
	airs__free(&params->mem, buf);
	return rc;
}

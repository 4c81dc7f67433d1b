/* Parameters: the defaults of methodology section 5, setting by name with
 * exact error messages, config files (all or nothing), the digest, the
 * locale property and agreement with the docs. */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "params.h"
#include "sha256.h"

#include "harness.h"

static airs_params *P;

static void setup(void)
{
	ck_assert_int_eq(airs_params_new(&P, NULL), AIRS_OK);
}

static void teardown(void)
{
	airs_params_free(P);
	P = NULL;
}

static double val(const char *name)
{
	double d = NAN;

	ck_assert_msg(airs_params_get_double(P, name, &d) == AIRS_OK, "%s", name);
	return d;
}

static const char *text(const char *name)
{
	static char buf[64];

	airs_params_get(P, name, buf, sizeof buf);
	return buf;
}

static const char *digest(void)
{
	static char hex[65];

	ck_assert_int_eq(airs_params_digest(P, hex), AIRS_OK);
	return hex;
}

/* A failing set leaves the handle as it was and says why. */
static void set_fails(const char *name, const char *value, int status,
                      const char *msg)
{
	char before[65];

	strcpy(before, digest());
	ck_assert_int_eq(airs_params_set(P, name, value), status);
	ck_assert_str_eq(airs_params_errmsg(P), msg);
	ck_assert_str_eq(digest(), before);
}

static void set_double_fails(const char *name, double value, int status,
                             const char *msg)
{
	char before[65];

	strcpy(before, digest());
	ck_assert_int_eq(airs_params_set_double(P, name, value), status);
	ck_assert_str_eq(airs_params_errmsg(P), msg);
	ck_assert_str_eq(digest(), before);
}

/* The canonical text of the defaults, checked independently with
 *     printf '...' | sha256sum
 * which gives DEFAULTS_DIGEST. */
static const char defaults_text[] =
	"adkar.barrier_threshold=3\n"
	"adoption.full_days=12\n"
	"adoption.window_months=6\n"
	"anonymity.min_group=5\n"
	"as_of=auto\n"
	"as_of.outlier_days=180\n"
	"as_of.outlier_share=0.01\n"
	"decay.half_life_days=300\n"
	"evidence.min_skill_share=0.5\n"
	"flags.fatigue_drop=0.1\n"
	"flags.fatigue_hours=20\n"
	"flags.fatigue_window_days=90\n"
	"flags.left_behind_readiness=40\n"
	"flags.left_behind_support=0.5\n"
	"flags.left_behind_training=0.25\n"
	"flags.no_benefit_adoption=0.5\n"
	"flags.no_benefit_benefit=0.25\n"
	"flags.overconfidence_gap=1.5\n"
	"flags.reversion_adoption=0.2\n"
	"flags.reversion_training=0.5\n"
	"levels.t2=20\n"
	"levels.t3=40\n"
	"levels.t4=60\n"
	"levels.t5=80\n"
	"plan.blend_priority=1\n"
	"plan.exact_states=20000\n"
	"plan.headroom=1.5\n"
	"plan.intervention_hours=1\n"
	"plan.tau_briefing=1.5\n"
	"plan.tau_demo=1.25\n"
	"plan.tau_mentoring=0.6\n"
	"plan.tau_project=0.6\n"
	"plan.tau_self_paced=1\n"
	"plan.tau_workshop=0.8\n"
	"plan.weekly_hours=4\n"
	"privacy.individual_sentiment=0\n"
	"source.certification=1\n"
	"source.manager=0.7\n"
	"source.self=0.4\n"
	"source.test=1\n"
	"tools.habit_months=3\n"
	"tools.lapse_share=0.3\n"
	"tools.mismatch_adoption=0.3\n"
	"tools.mismatch_benefit=0.5\n"
	"tools.mismatch_margin=0.15\n"
	"tools.recent_months=2\n"
	"tools.shadow_share=0.2\n"
	"training.hours_per_level=8\n"
	"weights.adoption=0.2\n"
	"weights.sentiment=0.25\n"
	"weights.skill=0.4\n"
	"weights.training=0.15\n";

#define DEFAULTS_DIGEST \
	"ce7a696a8508d173e5585bf061586df8407386417550a0acbb55a06a00ec83bc"

/* ------------------------------------------------------------------------
 * Defaults and the table
 * ---------------------------------------------------------------------- */

START_TEST(defaults_are_the_methodology_table)
{
	airs__pv v;

	ck_assert_double_eq(val("as_of"), -1);
	ck_assert_str_eq(text("as_of"), "auto");
	ck_assert_double_eq(val("weights.skill"), 0.40);
	ck_assert_double_eq(val("weights.training"), 0.15);
	ck_assert_double_eq(val("weights.sentiment"), 0.25);
	ck_assert_double_eq(val("weights.adoption"), 0.20);
	ck_assert_double_eq(val("source.self"), 0.4);
	ck_assert_double_eq(val("source.manager"), 0.7);
	ck_assert_double_eq(val("source.test"), 1.0);
	ck_assert_double_eq(val("source.certification"), 1.0);
	ck_assert_double_eq(val("decay.half_life_days"), 300);
	ck_assert_double_eq(val("training.hours_per_level"), 8);
	ck_assert_double_eq(val("adoption.window_months"), 6);
	ck_assert_double_eq(val("adoption.full_days"), 12);
	ck_assert_double_eq(val("levels.t2"), 20);
	ck_assert_double_eq(val("levels.t3"), 40);
	ck_assert_double_eq(val("levels.t4"), 60);
	ck_assert_double_eq(val("levels.t5"), 80);
	ck_assert_double_eq(val("adkar.barrier_threshold"), 3);
	ck_assert_double_eq(val("flags.left_behind_readiness"), 40);
	ck_assert_double_eq(val("flags.left_behind_training"), 0.25);
	ck_assert_double_eq(val("flags.left_behind_support"), 0.5);
	ck_assert_double_eq(val("flags.fatigue_window_days"), 90);
	ck_assert_double_eq(val("flags.fatigue_hours"), 20);
	ck_assert_double_eq(val("flags.fatigue_drop"), 0.10);
	ck_assert_double_eq(val("flags.reversion_training"), 0.5);
	ck_assert_double_eq(val("flags.reversion_adoption"), 0.2);
	ck_assert_double_eq(val("flags.overconfidence_gap"), 1.5);
	ck_assert_double_eq(val("flags.no_benefit_adoption"), 0.5);
	ck_assert_double_eq(val("flags.no_benefit_benefit"), 0.25);
	ck_assert_double_eq(val("anonymity.min_group"), 5);
	ck_assert_double_eq(val("privacy.individual_sentiment"), 0);

	/* The struct scoring reads holds the same, in the documented slots. */
	airs__params_defaults(&v);
	ck_assert_int_eq(v.as_of_auto, 1);
	ck_assert_double_eq(v.weight[AIRS_COMPONENT_SKILL], 0.40);
	ck_assert_double_eq(v.weight[AIRS_COMPONENT_TRAINING], 0.15);
	ck_assert_double_eq(v.weight[AIRS_COMPONENT_SENTIMENT], 0.25);
	ck_assert_double_eq(v.weight[AIRS_COMPONENT_ADOPTION], 0.20);
	ck_assert_double_eq(v.source[0], 0.4);
	ck_assert_double_eq(v.source[1], 0.7);
	ck_assert_double_eq(v.source[2], 1.0);
	ck_assert_double_eq(v.source[3], 1.0);
	ck_assert_double_eq(v.half_life, 300);
	ck_assert_double_eq(v.hours_per_level, 8);
	ck_assert_int_eq(v.window_months, 6);
	ck_assert_double_eq(v.full_days, 12);
	ck_assert_double_eq(v.level_t[0], 20);
	ck_assert_double_eq(v.level_t[1], 40);
	ck_assert_double_eq(v.level_t[2], 60);
	ck_assert_double_eq(v.level_t[3], 80);
	ck_assert_double_eq(v.barrier, 3);
	ck_assert_double_eq(v.lb_readiness, 40);
	ck_assert_double_eq(v.lb_training, 0.25);
	ck_assert_double_eq(v.lb_support, 0.5);
	ck_assert_double_eq(v.fatigue_window, 90);
	ck_assert_double_eq(v.fatigue_hours, 20);
	ck_assert_double_eq(v.fatigue_drop, 0.10);
	ck_assert_double_eq(v.rev_training, 0.5);
	ck_assert_double_eq(v.rev_adoption, 0.2);
	ck_assert_double_eq(v.overconfidence, 1.5);
	ck_assert_double_eq(v.nb_adoption, 0.5);
	ck_assert_double_eq(v.nb_benefit, 0.25);
	ck_assert_int_eq(v.min_group, 5);
	ck_assert_int_eq(v.individual_sentiment, 0);
	ck_assert_int_eq(airs__params_check(&v, (char[AIRS__MSG_MAX]){0}), AIRS_OK);
}
END_TEST

/* describe() lists every parameter once, sorted, with its default in the
 * text form get() gives on a fresh handle. */
START_TEST(describe_lists_sorted_defaults)
{
	const char *name, *prev = NULL, *def, *desc;
	size_t i;

	for (i = 0; (name = airs_params_describe(i, &def, &desc)); i++) {
		if (prev)
			ck_assert_msg(strcmp(prev, name) < 0, "%s before %s", prev, name);
		ck_assert_str_eq(text(name), def);
		ck_assert_msg(strlen(desc) > 10, "%s has no description", name);
		prev = name;
	}
	ck_assert_uint_eq(i, 57);
	ck_assert_str_eq(airs_params_describe(0, NULL, NULL),
	                 "adkar.barrier_threshold");
	ck_assert_ptr_null(airs_params_describe((size_t)-1, &def, &desc));
}
END_TEST

/* ------------------------------------------------------------------------
 * Setting and reading
 * ---------------------------------------------------------------------- */

START_TEST(set_and_get)
{
	char buf[4];

	ck_assert_int_eq(airs_params_set(P, "weights.skill", "0.5"), AIRS_OK);
	ck_assert_str_eq(airs_params_errmsg(P), "");
	ck_assert_double_eq(val("weights.skill"), 0.5);
	ck_assert_int_eq(airs_params_set(P, "weights.skill", "1e-1"), AIRS_OK);
	ck_assert_str_eq(text("weights.skill"), "0.1");
	ck_assert_int_eq(airs_params_set(P, "weights.skill", "0"), AIRS_OK);
	ck_assert_int_eq(airs_params_set(P, "weights.skill", "100"), AIRS_OK);
	ck_assert_int_eq(airs_params_set_double(P, "source.self", 0.25), AIRS_OK);
	ck_assert_str_eq(text("source.self"), "0.25");
	ck_assert_int_eq(airs_params_set(P, "source.self", "100"), AIRS_OK);

	ck_assert_int_eq(airs_params_set(P, "anonymity.min_group", "10"), AIRS_OK);
	ck_assert_double_eq(val("anonymity.min_group"), 10);
	ck_assert_int_eq(airs_params_set(P, "adoption.window_months", "12.0"),
	                 AIRS_OK);
	ck_assert_str_eq(text("adoption.window_months"), "12");
	ck_assert_int_eq(airs_params_set_double(P, "flags.fatigue_window_days", 30),
	                 AIRS_OK);
	ck_assert_double_eq(val("flags.fatigue_window_days"), 30);

	ck_assert_int_eq(airs_params_set(P, "privacy.individual_sentiment", "yes"),
	                 AIRS_OK);
	ck_assert_str_eq(text("privacy.individual_sentiment"), "1");
	ck_assert_int_eq(airs_params_set(P, "privacy.individual_sentiment", "False"),
	                 AIRS_OK);
	ck_assert_double_eq(val("privacy.individual_sentiment"), 0);
	ck_assert_int_eq(airs_params_set_double(P, "privacy.individual_sentiment", 1),
	                 AIRS_OK);
	ck_assert_double_eq(val("privacy.individual_sentiment"), 1);

	ck_assert_int_eq(airs_params_set(P, "as_of", "2026-06-30"), AIRS_OK);
	ck_assert_str_eq(text("as_of"), "2026-06-30");
	ck_assert_double_eq(val("as_of"), 20634); /* days since 1970-01-01 */
	ck_assert_int_eq(airs_params_set(P, "as_of", "auto"), AIRS_OK);
	ck_assert_double_eq(val("as_of"), -1);
	ck_assert_int_eq(airs_params_set(P, "as_of", "2026-06-30"), AIRS_OK);
	ck_assert_int_eq(airs_params_set(P, "as_of", ""), AIRS_OK);
	ck_assert_str_eq(text("as_of"), "auto");

	/* get() is snprintf-like and "" plus 0 for unknown names. */
	ck_assert_uint_eq(airs_params_get(P, "decay.half_life_days", buf, sizeof buf),
	                  3);
	ck_assert_str_eq(buf, "300");
	ck_assert_uint_eq(airs_params_get(P, "weights.sentiment", buf, 3), 4);
	ck_assert_str_eq(buf, "0.");
	ck_assert_uint_eq(airs_params_get(P, "weights.sentiment", NULL, 0), 4);
	ck_assert_uint_eq(airs_params_get(P, "nope", buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "");

	airs_params_reset(P);
	ck_assert_str_eq(digest(), DEFAULTS_DIGEST);
}
END_TEST

/* Values are kept at the precision of their text form, so that the digest
 * decides them. */
START_TEST(values_keep_their_text_precision)
{
	ck_assert_int_eq(airs_params_set_double(P, "weights.skill", 1.0 / 3),
	                 AIRS_OK);
	ck_assert_str_eq(text("weights.skill"), "0.333333333");
	ck_assert_double_eq(val("weights.skill"), 0.333333333);
	ck_assert_int_eq(airs_params_set(P, "weights.skill", "-0"), AIRS_OK);
	ck_assert_str_eq(text("weights.skill"), "0");
	ck_assert_int_eq(signbit(val("weights.skill")), 0);
}
END_TEST

START_TEST(set_errors)
{
	set_fails("weights.skil", "0.4", AIRS_EINVAL,
	          "unknown parameter \"weights.skil\" (did you mean \"weights.skill\"?)");
	set_fails("Weights.Skill", "0.4", AIRS_EINVAL,
	          "unknown parameter \"Weights.Skill\" (did you mean \"weights.skill\"?)");
	set_fails("skill", "0.4", AIRS_EINVAL,
	          "unknown parameter \"skill\" (did you mean \"weights.skill\"?)");
	set_fails("colour", "red", AIRS_EINVAL, "unknown parameter \"colour\"");
	set_fails(NULL, "1", AIRS_EINVAL, "no parameter name (NULL)");
	set_fails("weights.skill", NULL, AIRS_EINVAL, "weights.skill: no value (NULL)");

	set_fails("weights.skill", "0,4", AIRS_EPARSE,
	          "weights.skill: \"0,4\" is not a number "
	          "(use a point as decimal separator)");
	set_fails("weights.skill", "abc", AIRS_EPARSE,
	          "weights.skill: \"abc\" is not a number");
	set_fails("weights.skill", " 0.4", AIRS_EPARSE,
	          "weights.skill: \" 0.4\" is not a number");
	set_fails("weights.skill", "", AIRS_EPARSE,
	          "weights.skill: \"\" is not a number");
	set_fails("weights.skill", "nan", AIRS_EPARSE,
	          "weights.skill: \"nan\" is not a number");
	set_fails("weights.skill", "1\n", AIRS_EPARSE,
	          "weights.skill: \"1\\x0a\" is not a number");

	set_fails("anonymity.min_group", "2", AIRS_ERANGE,
	          "anonymity.min_group: 2 is outside 3..1000");
	set_fails("weights.skill", "-0.1", AIRS_ERANGE,
	          "weights.skill: -0.1 is outside 0..100");
	set_fails("weights.skill", "1e999", AIRS_ERANGE,
	          "weights.skill: 1e999 is outside 0..100");
	set_fails("source.self", "0", AIRS_ERANGE,
	          "source.self: 0 is outside (0, 100]");
	set_fails("levels.t5", "100", AIRS_ERANGE,
	          "levels.t5: 100 is outside (0, 100)");
	set_fails("decay.half_life_days", "29.5", AIRS_ERANGE,
	          "decay.half_life_days: 29.5 is outside 30..3650");
	set_fails("flags.fatigue_hours", "-1", AIRS_ERANGE,
	          "flags.fatigue_hours: -1 is less than 0");
	set_fails("flags.fatigue_hours", "1e999", AIRS_ERANGE,
	          "flags.fatigue_hours: 1e999 is too large");
	set_fails("flags.fatigue_hours", "-1e999", AIRS_ERANGE,
	          "flags.fatigue_hours: -1e999 is less than 0");
	set_fails("adoption.window_months", "6.5", AIRS_ERANGE,
	          "adoption.window_months: 6.5 is not a whole number");
	set_fails("adoption.window_months", "25", AIRS_ERANGE,
	          "adoption.window_months: 25 is outside 1..24");

	set_fails("privacy.individual_sentiment", "2", AIRS_EPARSE,
	          "privacy.individual_sentiment: \"2\" is not a switch "
	          "(use 0 or 1, true or false, yes or no)");
	set_fails("as_of", "2026-02-30", AIRS_EPARSE,
	          "as_of: \"2026-02-30\" is not a date (use YYYY-MM-DD or auto)");
	set_fails("as_of", "30.06.2026", AIRS_EPARSE,
	          "as_of: \"30.06.2026\" is not a date (use YYYY-MM-DD or auto)");

	set_double_fails("as_of", 1, AIRS_EINVAL,
	                 "as_of is a date; set it with airs_params_set()");
	set_double_fails("weights.skil", 1, AIRS_EINVAL,
	                 "unknown parameter \"weights.skil\" "
	                 "(did you mean \"weights.skill\"?)");
	set_double_fails("weights.skill", NAN, AIRS_ERANGE,
	                 "weights.skill: the value is not a finite number");
	set_double_fails("weights.skill", INFINITY, AIRS_ERANGE,
	                 "weights.skill: the value is not a finite number");
	set_double_fails("privacy.individual_sentiment", 0.5, AIRS_ERANGE,
	                 "privacy.individual_sentiment: 0.5 is not 0 or 1");
	set_double_fails("anonymity.min_group", 4.5, AIRS_ERANGE,
	                 "anonymity.min_group: 4.5 is not a whole number");
	set_double_fails("anonymity.min_group", 1001, AIRS_ERANGE,
	                 "anonymity.min_group: 1001 is outside 3..1000");
	/* A value below the text precision is that text's value. */
	set_double_fails("source.test", 1e-12, AIRS_ERANGE,
	                 "source.test: 0 is outside (0, 100]");

	/* Success clears the message. */
	ck_assert_int_eq(airs_params_set(P, "weights.skill", "0.4"), AIRS_OK);
	ck_assert_str_eq(airs_params_errmsg(P), "");

	ck_assert_int_eq(airs_params_set(NULL, "weights.skill", "1"), AIRS_EINVAL);
	ck_assert_int_eq(airs_params_get_double(P, "nope", &(double){0}),
	                 AIRS_EINVAL);
	ck_assert_int_eq(airs_params_get_double(P, "as_of", NULL), AIRS_EINVAL);
	ck_assert_int_eq(airs_params_digest(NULL, (char[65]){0}), AIRS_EINVAL);
	ck_assert_int_eq(airs_params_new(NULL, NULL), AIRS_EINVAL);
	airs_params_free(NULL);
	airs_params_reset(NULL);
}
END_TEST

START_TEST(cross_checks)
{
	char msg[AIRS__MSG_MAX];
	airs__pv v;

	airs__params_defaults(&v);
	v.weight[0] = v.weight[1] = v.weight[2] = v.weight[3] = 0;
	ck_assert_int_eq(airs__params_check(&v, msg), AIRS_EINVAL);
	ck_assert_str_eq(msg, "weights.skill, weights.training, weights.sentiment "
	                      "and weights.adoption are all 0; at least one must "
	                      "be positive");
	v.weight[AIRS_COMPONENT_ADOPTION] = 0.001;
	ck_assert_int_eq(airs__params_check(&v, msg), AIRS_OK);

	v.level_t[1] = 20;
	ck_assert_int_eq(airs__params_check(&v, msg), AIRS_EINVAL);
	ck_assert_str_eq(msg, "levels.t3 (20) is not greater than levels.t2 (20); "
	                      "the level thresholds must increase");
	v.level_t[1] = 40;
	v.level_t[3] = 59.5;
	ck_assert_int_eq(airs__params_check(&v, msg), AIRS_EINVAL);
	ck_assert_str_eq(msg, "levels.t5 (59.5) is not greater than levels.t4 (60); "
	                      "the level thresholds must increase");

	/* Single sets may pass through an inconsistent state. */
	ck_assert_int_eq(airs_params_set(P, "levels.t2", "90"), AIRS_OK);
	ck_assert_int_eq(airs__params_check(&P->v, msg), AIRS_EINVAL);
}
END_TEST

/* ------------------------------------------------------------------------
 * Config files
 * ---------------------------------------------------------------------- */

static int load(const char *s, airs_diag *d)
{
	return airs_params_load_buffer(P, "airs.ini", s, strlen(s), d);
}

/* Loading fails at line `line` with status and message, and changes
 * nothing. */
static void load_fails(const char *s, int status, uint64_t line,
                       uint32_t column, const char *text_)
{
	airs_diag d = AIRS_DIAG_INIT;
	char before[65], full[AIRS__MSG_MAX];

	strcpy(before, digest());
	ck_assert_int_eq(load(s, &d), status);
	ck_assert_int_eq(d.status, status);
	ck_assert_int_eq(d.severity, AIRS_SEVERITY_ERROR);
	ck_assert_str_eq(d.file, "airs.ini");
	ck_assert_uint_eq(d.line, line);
	ck_assert_uint_eq(d.column, column);
	ck_assert_str_eq(d.text, text_);
	if (line)
		snprintf(full, sizeof full, "airs.ini:%llu:%u: %s",
		         (unsigned long long)line, (unsigned)column, text_);
	else
		snprintf(full, sizeof full, "airs.ini: %s", text_);
	ck_assert_str_eq(airs_params_errmsg(P), full);
	ck_assert_str_eq(digest(), before);
	/* The same without a diag. */
	ck_assert_int_eq(load(s, NULL), status);
	ck_assert_str_eq(airs_params_errmsg(P), full);
}

/* # and ; start a comment at the start of a line or of a value, or after
 * a space or tab; elsewhere they are part of the value. */
START_TEST(config_comment_rules)
{
	load_fails("[weights]\nsentiment = 0.3;x\n", AIRS_EPARSE, 2, 13,
	           "weights.sentiment: \"0.3;x\" is not a number");
	load_fails("[flags]\n\nreversion_adoption = 0.1#x\n", AIRS_EPARSE, 3, 22,
	           "flags.reversion_adoption: \"0.1#x\" is not a number");
	load_fails("[weights]\nskill = # nothing\n", AIRS_EPARSE, 2, 9,
	           "weights.skill: \"\" is not a number");
	ck_assert_int_eq(load("[weights] # c\nskill = 0.3\t;c\n"
	                      "training = \"0.2\";c\n", NULL), AIRS_OK);
	ck_assert_double_eq(val("weights.skill"), 0.3);
	ck_assert_double_eq(val("weights.training"), 0.2);
}
END_TEST

START_TEST(config_loads)
{
	static const char ini[] =
		"\xEF\xBB\xBF# comment\r\n"
		"; another comment\r\n"
		"\r\n"
		"as_of = 2026-06-30   # top-level key\r\n"
		"  [ weights ]  ; section names are trimmed\r\n"
		"skill=0.5\r\n"
		"\ttraining = \"0.1\" # quoted\r\n"
		"sentiment = 0.3 ;comment\n"
		"[levels]\n"
		"t5 = 85 ; trailing\n"
		"[privacy]\n"
		"individual_sentiment = true\n"
		"[flags]\n"
		"fatigue_hours = \"12\"\n"
		"[anonymity]\n"
		"min_group = 7";   /* no final newline */
	airs_diag d = AIRS_DIAG_INIT;

	d.status = AIRS_EPARSE;
	d.line = 9;
	ck_assert_int_eq(airs_params_load_buffer(P, "airs.ini", ini,
	                                         sizeof ini - 1, &d), AIRS_OK);
	ck_assert_str_eq(airs_params_errmsg(P), "");
	ck_assert_int_eq(d.status, AIRS_OK);
	ck_assert_uint_eq(d.line, 0);
	ck_assert_str_eq(text("as_of"), "2026-06-30");
	ck_assert_double_eq(val("weights.skill"), 0.5);
	ck_assert_double_eq(val("weights.training"), 0.1);
	ck_assert_double_eq(val("weights.sentiment"), 0.3);
	ck_assert_double_eq(val("weights.adoption"), 0.2); /* untouched */
	ck_assert_double_eq(val("levels.t5"), 85);
	ck_assert_double_eq(val("privacy.individual_sentiment"), 1);
	ck_assert_double_eq(val("flags.fatigue_hours"), 12);
	ck_assert_double_eq(val("anonymity.min_group"), 7);

	/* Empty input and comments only change nothing. */
	ck_assert_int_eq(airs_params_load_buffer(P, "x", NULL, 0, NULL), AIRS_OK);
	ck_assert_int_eq(load("# nothing\n\n", NULL), AIRS_OK);
	ck_assert_double_eq(val("weights.skill"), 0.5);
	/* A later file may set what an earlier one set. */
	ck_assert_int_eq(load("[weights]\nskill = 0.6\n", NULL), AIRS_OK);
	ck_assert_double_eq(val("weights.skill"), 0.6);
}
END_TEST

START_TEST(config_errors)
{
	load_fails("as_of = auto\n\n[weights]\nskill = 0.5\ntraining = 0.1\n\n"
	           "skil = 0.3\n",
	           AIRS_EINVAL, 7, 1,
	           "unknown parameter \"weights.skil\" (did you mean \"weights.skill\"?)");
	load_fails("# c\n\njust words\n", AIRS_EPARSE, 3, 1, "expected \"key = value\"");
	load_fails(" = 5\n", AIRS_EPARSE, 1, 2, "expected \"key = value\"");
	load_fails("# c\n[weights\nskill = 1\n", AIRS_EPARSE, 2, 1,
	           "unterminated section header: write the name in brackets, "
	           "as [name]");
	load_fails("[weights] skill = 1\n", AIRS_EPARSE, 1, 11,
	           "unexpected text after the section header: a section header "
	           "is alone on its line");
	load_fails("[ ]\n", AIRS_EPARSE, 1, 1, "empty section name");
	load_fails("[weights]\nskill = \"0.5\n", AIRS_EPARSE, 2, 9,
	           "unterminated quoted value");
	load_fails("[weights]\nskill = \"0.5\" 1\n", AIRS_EPARSE, 2, 15,
	           "unexpected text after the quoted value");
	load_fails("[weights]\n"
	           "training = 0.1\n"
	           "adoption = 0.1\n"
	           "skill = 0.5\n"
	           "sentiment = 0.1\n"
	           "# \n"
	           "\n"
	           "\n"
	           "skill = 0.6\n",
	           AIRS_EPARSE, 9, 1, "weights.skill is already set on line 4");
	load_fails("[weights]\nskill = 0,4\n", AIRS_EPARSE, 2, 9,
	           "weights.skill: \"0,4\" is not a number "
	           "(use a point as decimal separator)");
	load_fails("[anonymity]\nmin_group = 2\n", AIRS_ERANGE, 2, 13,
	           "anonymity.min_group: 2 is outside 3..1000");
	load_fails("skill = 1\n", AIRS_EINVAL, 1, 1,
	           "unknown parameter \"skill\" (did you mean \"weights.skill\"?)");
	load_fails("as_of = 2026-13-01\n", AIRS_EPARSE, 1, 9,
	           "as_of: \"2026-13-01\" is not a date (use YYYY-MM-DD or auto)");
	load_fails("as_of = auto\nx\xff = 1\n", AIRS_EPARSE, 2, 2,
	           "the line is not valid UTF-8: save the file as UTF-8 text");
	{
		static const char nul[] = "as_of = auto\nweights.skill = 1\0\n";
		airs_diag d = AIRS_DIAG_INIT;
		ck_assert_int_eq(airs_params_load_buffer(P, "airs.ini", nul,
		                                         sizeof nul - 1, &d),
		                 AIRS_EPARSE);
		ck_assert_str_eq(airs_params_errmsg(P),
		                 "airs.ini:2:18: the line contains a NUL byte: save the file "
		                 "as UTF-8 text");
	}
	/* Checks across parameters are made on the whole file. */
	load_fails("[levels]\nt3 = 10\n", AIRS_EINVAL, 0, 0,
	           "levels.t3 (10) is not greater than levels.t2 (20); "
	           "the level thresholds must increase");
	load_fails("[weights]\nskill = 0\ntraining = 0\nsentiment = 0\n"
	           "adoption = 0\n", AIRS_EINVAL, 0, 0,
	           "weights.skill, weights.training, weights.sentiment and "
	           "weights.adoption are all 0; at least one must be positive");
	/* ... and pass when the file fixes what it breaks. */
	ck_assert_int_eq(load("[levels]\nt2 = 5\nt3 = 10\n", NULL), AIRS_OK);

	/* A diag too small for the fields is refused. */
	{
		airs_diag d = AIRS_DIAG_INIT;
		d.size = 8;
		ck_assert_int_eq(load("", &d), AIRS_EINVAL);
	}
}
END_TEST

/* An error on the very last line leaves every value as it was. */
START_TEST(config_all_or_nothing)
{
	static const char *const candidates[] = { "0.9", "2", "3", "30" };
	char ini[4096] = "";
	const char *name, *def;
	airs_params *q;
	size_t i, k;

	ck_assert_int_eq(airs_params_new(&q, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_set(P, "as_of", "2026-01-31"), AIRS_OK);
	/* Set every parameter to a valid value that is not the default ... */
	for (i = 0; (name = airs_params_describe(i, &def, NULL)); i++) {
		const char *v = strcmp(name, "as_of") == 0 ? "2025-12-31"
		              : strcmp(name, "privacy.individual_sentiment") == 0 ? "1"
		              : strcmp(name, "as_of.outlier_share") == 0 ? "0.1"
		              : NULL;
		if (strncmp(name, "levels.", 7) == 0)
			continue;
		for (k = 0; !v && k < 4; k++)
			if (strcmp(candidates[k], def) != 0 &&
			    airs_params_set(q, name, candidates[k]) == AIRS_OK)
				v = candidates[k];
		ck_assert_ptr_nonnull(v);
		strcat(ini, name);
		strcat(ini, " = ");
		strcat(ini, v);
		strcat(ini, "\n");
	}
	strcat(ini, "levels.t2 = 10\nlevels.t3 = 11\nlevels.t4 = 12\nlevels.t5 = 13\n");
	/* ... check the file is good and changes every value ... */
	airs_params_reset(q);
	ck_assert_int_eq(airs_params_load_buffer(q, "ok", ini, strlen(ini), NULL),
	                 AIRS_OK);
	for (i = 0; (name = airs_params_describe(i, &def, NULL)); i++) {
		char got[64];
		airs_params_get(q, name, got, sizeof got);
		ck_assert_msg(strcmp(got, def) != 0, "%s is unchanged", name);
	}
	airs_params_free(q);
	/* ... then break its last line. */
	strcat(ini, "weights.skill = 3\n");
	/* Lines 1-53: the non-level rows in name order, weights.skill the
	 * 52nd; 54-57 the levels. */
	load_fails(ini, AIRS_EPARSE, 58, 1, "weights.skill is already set on line 52");
	ck_assert_str_eq(text("as_of"), "2026-01-31");
	airs_params_set(P, "as_of", "auto");
	ck_assert_str_eq(digest(), DEFAULTS_DIGEST);
}
END_TEST

START_TEST(config_files)
{
	char dir[] = "/tmp/airs-params-XXXXXX", path[64], want[AIRS__MSG_MAX];
	airs_diag d = AIRS_DIAG_INIT;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/airs.ini", dir);

	/* Cannot open: the OS reason. */
	ck_assert_int_eq(airs_params_load_file(P, path, &d), AIRS_EIO);
	snprintf(want, sizeof want, "airs.ini: cannot open \"%s\": %s", path,
	         strerror(ENOENT));
	ck_assert_str_eq(airs_params_errmsg(P), want);
	ck_assert_int_eq(d.status, AIRS_EIO);
	ck_assert_str_eq(d.file, "airs.ini");
	ck_assert_uint_eq(d.line, 0);

	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs("[weights]\nskill = 0.7\n", f);
	fclose(f);
	ck_assert_int_eq(airs_params_load_file(P, path, &d), AIRS_OK);
	ck_assert_double_eq(val("weights.skill"), 0.7);

	/* Errors carry the base name. */
	f = fopen(path, "wb");
	fputs("[weights]\n\nskil = 0.1\n", f);
	fclose(f);
	ck_assert_int_eq(airs_params_load_file(P, path, &d), AIRS_EINVAL);
	ck_assert_str_eq(airs_params_errmsg(P),
	                 "airs.ini:3:1: unknown parameter \"weights.skil\" "
	                 "(did you mean \"weights.skill\"?)");
	ck_assert_str_eq(d.file, "airs.ini");
	ck_assert_uint_eq(d.line, 3);

	/* A directory opens but cannot be read. */
	ck_assert_int_eq(airs_params_load_file(P, dir, NULL), AIRS_EIO);
	ck_assert_double_eq(val("weights.skill"), 0.7);

	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(rmdir(dir), 0);
	ck_assert_int_eq(airs_params_load_file(P, NULL, NULL), AIRS_EINVAL);
}
END_TEST

/* The allocator: failing allocations give AIRS_ENOMEM and change nothing. */
static int budget;

static void *tight_malloc(size_t n, void *user)
{
	(void)user;
	return budget-- > 0 ? malloc(n) : NULL;
}

static void *tight_realloc(void *p, size_t n, void *user)
{
	(void)user;
	return budget-- > 0 ? realloc(p, n) : NULL;
}

static void plain_free(void *p, void *user)
{
	(void)user;
	free(p);
}

START_TEST(out_of_memory)
{
	airs_allocator a = AIRS_ALLOCATOR_INIT;
	airs_params *q = P; /* must become NULL */
	char path[] = "/tmp/airs-params-oom-XXXXXX", want[64];
	int fd = mkstemp(path);
	double skill;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "weights.skill = 0.9\n", 20), 20);
	close(fd);
	a.malloc = tight_malloc;
	a.realloc = tight_realloc;
	a.free = plain_free;

	budget = 0;
	ck_assert_int_eq(airs_params_new(&q, &a), AIRS_ENOMEM);
	ck_assert_ptr_null(q);
	budget = 1;
	ck_assert_int_eq(airs_params_new(&q, &a), AIRS_OK);
	ck_assert_int_eq(airs_params_load_file(q, path, NULL), AIRS_ENOMEM);
	snprintf(want, sizeof want, "%s: out of memory", path + 5);
	ck_assert_str_eq(airs_params_errmsg(q), want);
	ck_assert_int_eq(airs_params_get_double(q, "weights.skill", &skill), AIRS_OK);
	ck_assert_double_eq(skill, 0.4);
	budget = 1;
	ck_assert_int_eq(airs_params_load_file(q, path, NULL), AIRS_OK);
	ck_assert_int_eq(airs_params_get_double(q, "weights.skill", &skill), AIRS_OK);
	ck_assert_double_eq(skill, 0.9);
	airs_params_free(q);
	unlink(path);

	a.size = 4;
	ck_assert_int_eq(airs_params_new(&q, &a), AIRS_EINVAL);
}
END_TEST

/* ------------------------------------------------------------------------
 * The digest
 * ---------------------------------------------------------------------- */

START_TEST(digest_of_defaults)
{
	airs__sha256 c;
	unsigned char d[AIRS__SHA256_LEN];
	char hex[65];
	airs__pv v;

	ck_assert_str_eq(digest(), DEFAULTS_DIGEST);
	airs__params_defaults(&v);
	airs__params_digest(&v, hex);
	ck_assert_str_eq(hex, DEFAULTS_DIGEST);
	/* It is the digest of the canonical text above. */
	airs__sha256_init(&c);
	airs__sha256_update(&c, defaults_text, strlen(defaults_text));
	airs__sha256_final(&c, d);
	airs__sha256_hex(d, hex);
	ck_assert_str_eq(hex, DEFAULTS_DIGEST);
}
END_TEST

/* Every parameter moves the digest; setting a value it already has, in
 * whatever spelling, does not. */
START_TEST(digest_follows_every_parameter)
{
	const char *name, *def;
	size_t i;

	for (i = 0; (name = airs_params_describe(i, &def, NULL)); i++) {
		const char *other = strcmp(name, "as_of") == 0 ? "2026-06-30"
		                  : strcmp(name, "privacy.individual_sentiment") == 0
		                  ? "1" : NULL;
		double x = val(name), moved[3];
		int k;

		moved[0] = x + 1;
		moved[1] = x - 1;
		moved[2] = x / 2;
		airs_params_reset(P);
		if (other)
			ck_assert_int_eq(airs_params_set(P, name, other), AIRS_OK);
		for (k = 0; !other && k < 3; k++)
			if (airs_params_set_double(P, name, moved[k]) == AIRS_OK)
				break;
		ck_assert_msg(other || k < 3, "%s cannot be moved", name);
		/* threads changes how results are computed, never what
		 * (test-score: threads_never_matter), and the limits only
		 * what loading accepts, so they stay out */
		if (strcmp(name, "threads") == 0 || strncmp(name, "limits.", 7) == 0)
			ck_assert_msg(strcmp(digest(), DEFAULTS_DIGEST) == 0,
			              "%s changes the digest", name);
		else
			ck_assert_msg(strcmp(digest(), DEFAULTS_DIGEST) != 0,
			              "%s does not change the digest", name);
		ck_assert_int_eq(airs_params_set(P, name, def), AIRS_OK);
		ck_assert_msg(strcmp(digest(), DEFAULTS_DIGEST) == 0,
		              "%s = %s is not the default digest", name, def);
		ck_assert_int_eq(airs_params_set(P, name, def), AIRS_OK);
		ck_assert_str_eq(digest(), DEFAULTS_DIGEST);
	}
	ck_assert_int_eq(airs_params_set(P, "weights.skill", "0.40"), AIRS_OK);
	ck_assert_int_eq(airs_params_set(P, "weights.skill", "4e-1"), AIRS_OK);
	ck_assert_int_eq(airs_params_set(P, "anonymity.min_group", "5.0"), AIRS_OK);
	ck_assert_int_eq(airs_params_set(P, "privacy.individual_sentiment", "no"),
	                 AIRS_OK);
	ck_assert_int_eq(airs_params_set(P, "as_of", "AUTO"), AIRS_OK);
	ck_assert_str_eq(digest(), DEFAULTS_DIGEST);
	/* A change in the ninth decimal still shows. */
	ck_assert_int_eq(airs_params_set(P, "weights.skill", "0.400000001"), AIRS_OK);
	ck_assert_str_ne(digest(), DEFAULTS_DIGEST);
}
END_TEST

/* ------------------------------------------------------------------------
 * Locale independence
 * ---------------------------------------------------------------------- */

START_TEST(locale_does_not_matter)
{
	if (!setlocale(LC_ALL, "de_DE.UTF-8")) {
		printf("# skipped: locale de_DE.UTF-8 is not installed\n");
		return;
	}
	ck_assert_str_eq(localeconv()->decimal_point, ",");
	ck_assert_str_eq(digest(), DEFAULTS_DIGEST);
	ck_assert_int_eq(airs_params_set(P, "weights.skill", "0.5"), AIRS_OK);
	ck_assert_double_eq(val("weights.skill"), 0.5);
	ck_assert_str_eq(text("weights.skill"), "0.5");
	ck_assert_int_eq(airs_params_set(P, "weights.skill", "0,4"), AIRS_EPARSE);
	ck_assert_int_eq(load("[weights]\nskill = 0.4\n", NULL), AIRS_OK);
	ck_assert_str_eq(digest(), DEFAULTS_DIGEST);
	ck_assert_int_eq(airs_params_set_double(P, "flags.fatigue_drop", 0.125),
	                 AIRS_OK);
	ck_assert_str_eq(text("flags.fatigue_drop"), "0.125");
	setlocale(LC_ALL, "C");
}
END_TEST

/* ------------------------------------------------------------------------
 * Docs
 * ---------------------------------------------------------------------- */

static char *slurp(const char *rel)
{
	char path[512];
	FILE *f;
	long n;
	char *s;

	snprintf(path, sizeof path, "%s/%s", SOURCE_ROOT, rel);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = malloc((size_t)n + 1);
	ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* name appears in backticks, or - in the methodology's compact rows such
 * as "`weights.skill`, `.training`" and "`flags.fatigue_window_days`,
 * `_hours`" - as a tail on the same line as a name sharing its head. */
static int mentioned(const char *doc, const char *name)
{
	char want[128], head[128], tail[128];
	const char *line, *p;
	size_t k;

	snprintf(want, sizeof want, "`%s`", name);
	if (strstr(doc, want))
		return 1;
	for (k = 1; name[k]; k++) {
		if (name[k] != '.' && name[k] != '_')
			continue;
		snprintf(head, sizeof head, "`%.*s", (int)k, name);
		snprintf(tail, sizeof tail, "`%s`", name + k);
		for (line = doc; line; line = (p = strchr(line, '\n')) ? p + 1 : NULL) {
			const char *end = strchr(line, '\n'), *h, *t;
			if (!end)
				end = line + strlen(line);
			h = strstr(line, head);
			t = strstr(line, tail);
			if (h && t && h < end && t < end && h < t)
				return 1;
		}
	}
	return 0;
}

START_TEST(docs_name_every_parameter)
{
	char *config = slurp("docs/configuration.md");
	char *method = slurp("docs/methodology.md");
	const char *name, *def, *desc, *ini, *end;
	char row[256];
	size_t i;

	for (i = 0; (name = airs_params_describe(i, &def, &desc)); i++) {
		const char *at;
		/* The configuration reference has a row per name with its
		 * default and, last, its description. */
		snprintf(row, sizeof row, "| `%s` | %s |", name, def);
		at = strstr(config, row);
		ck_assert_msg(at != NULL,
		              "docs/configuration.md lacks the row \"%s\"", row);
		snprintf(row, sizeof row, "| %s |\n", desc);
		ck_assert_msg(strstr(at, row) && strstr(at, row) < strchr(at, '\n') + 1,
		              "docs/configuration.md: %s is not \"%s\"", name, desc);
		ck_assert_msg(mentioned(method, name),
		              "docs/methodology.md does not name %s", name);
	}
	/* The digest of the defaults the reference states is theirs. */
	ck_assert_msg(strstr(config, "`" DEFAULTS_DIGEST "`") != NULL,
	              "docs/configuration.md does not state the defaults' "
	              "digest " DEFAULTS_DIGEST);
	/* The example file in the docs is valid. */
	ini = strstr(config, "```ini\n");
	ck_assert_ptr_nonnull(ini);
	ini += 7;
	end = strstr(ini, "```");
	ck_assert_int_eq(airs_params_load_buffer(P, "example", ini,
	                                         (size_t)(end - ini), NULL), AIRS_OK);
	ck_assert_double_eq(val("weights.skill"), 0.45);
	ck_assert_double_eq(val("weights.sentiment"), 0.2);
	ck_assert_double_eq(val("anonymity.min_group"), 7);
	ck_assert_str_eq(text("as_of"), "2026-06-30");
	free(config);
	free(method);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("params");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, defaults_are_the_methodology_table);
	tcase_add_test(tc, describe_lists_sorted_defaults);
	tcase_add_test(tc, set_and_get);
	tcase_add_test(tc, values_keep_their_text_precision);
	tcase_add_test(tc, set_errors);
	tcase_add_test(tc, cross_checks);
	tcase_add_test(tc, config_comment_rules);
	tcase_add_test(tc, config_loads);
	tcase_add_test(tc, config_errors);
	tcase_add_test(tc, config_all_or_nothing);
	tcase_add_test(tc, config_files);
	tcase_add_test(tc, out_of_memory);
	tcase_add_test(tc, digest_of_defaults);
	tcase_add_test(tc, digest_follows_every_parameter);
	tcase_add_test(tc, locale_does_not_matter);
	tcase_add_test(tc, docs_name_every_parameter);
	suite_add_tcase(s, tc);
	return s;
}

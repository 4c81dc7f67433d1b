/*
 * enum.c - the names of every public enum, as data files and exports spell
 * them, and their parsing: one table per enum, one lookup each way.
 *
 * Names are ASCII snake_case; parsing matches exactly len bytes, case-
 * insensitively, and returns AIRS_EPARSE for any other text (and for a
 * NULL text).  Every enum with a *_name() has a *_parse() (docs/abi-
 * policy.md, "Conventions for new symbols").
 */
#include <stddef.h>

#include "airs/airs.h"
#include "model.h"
#include "text.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const source_names[] = { "self", "manager", "test",
                                            "certification" };
static const char *const format_names[] = { "self_paced", "workshop", "demo",
                                            "mentoring", "project",
                                            "briefing" };
static const char *const status_names[] = { "completed", "in_progress",
                                            "planned" };
static const char *const entity_names[] = {
	"unit", "role", "skill", "prerequisite", "role_skill", "employee",
	"assessment", "course", "training", "survey_item", "response",
	"usage", "attribute", "tool"
};
static const char *const construct_names[] = {
	"clarity", "usefulness", "trust", "security", "support", "voice",
	"recommend", "time_saved", "error_change"
};
static const char *const component_names[] = { "skill", "training",
                                                "sentiment", "adoption" };
/* the ADKAR elements, then the two barrier values past them */
static const char *const barrier_names[] = { "awareness", "desire",
                                             "knowledge", "ability",
                                             "reinforcement", "none",
                                             "unknown" };
static const char *const flag_names[] = { "left_behind", "fatigue",
                                          "reversion", "overconfidence",
                                          "no_benefit", "lapsed" };
static const char *const column_names[] = {
	"readiness", "level", "target", "gap_levels", "gap_points", "skill",
	"training", "sentiment", "adoption", "skill_coverage", "awareness",
	"desire", "knowledge", "ability", "reinforcement", "barrier", "flags",
	"coverage", "is_leader", "readiness_low", "readiness_high", "evidence",
	"flags_evaluated", "withheld", "skills_required", "skills_assessed",
	"unit", "role"
};
static const char *const strategy_names[] = { "efficiency", "equity",
                                              "blend", "target_first" };
static const char *const step_kind_names[] = { "course", "intervention" };
static const char *const intervention_names[] = {
	"none", "briefing", "demonstration", "security_talk", "practice",
	"check_in", "recognition", "career_link"
};
static const char *const adkar_source_names[] = { "person", "unit",
                                                  "staff", "leaders" };
static const char *const table_names[] = { "employees", "units",
                                           "constructs", "skill_gaps",
                                           "provenance", "all", "tools",
                                           "coverage", "managers" };
static const char *const tool_scope_names[] = { "unit", "organisation",
                                                "role" };
static const char *const tool_kind_names[] = { "tool", "all_tools",
                                               "unsanctioned_tools" };
static const char *const tool_signal_names[] = { "mismatch", "lapsing",
                                                 "shadow" };
static const char *const plan_table_names[] = { "groups", "allocations",
                                                "steps", "cohorts",
                                                "provenance", "all" };
static const char *const outcome_names[] = { "adoption", "time_saved",
                                             "recommend", "usefulness" };
static const char *const driver_names[] = {
	"clarity", "usefulness", "trust", "security", "support", "voice",
	"skill", "training"
};
static const char *const drivers_status_names[] = { "analysed", "hidden",
                                                    "too_few" };
static const char *const focus_kind_names[] = { "opportunity", "strength" };
static const char *const focus_status_names[] = { "listed", "no_analysis",
                                                  "no_rest", "hidden" };

static const char *const evidence_names[] = {
	"sufficient", "no_requirements", "no_skill_assessment",
	"few_skills_assessed", "no_component"
};
static const char *const input_names[] = { "requirements", "assessments",
                                           "training", "responses",
                                           "usage" };
static const char *const as_of_rule_names[] = { "given", "latest_evidence",
                                                "no_evidence" };
/* the figures of a comparison: three, the constructs' means, then (1.2)
 * the levels, the constructs' favourable shares, the net score, hours
 * saved and the flags */
static const char *const change_figure_names[] = {
	"readiness", "below_target", "response_rate", "clarity",
	"usefulness", "trust", "security", "support", "voice", "recommend",
	"time_saved", "error_change",
	"level_0", "level_1", "level_2", "level_3", "level_4", "level_5",
	"clarity_favourable", "usefulness_favourable", "trust_favourable",
	"security_favourable", "support_favourable", "voice_favourable",
	"recommend_favourable", "time_saved_favourable",
	"error_change_favourable", "net_score", "time_saved_hours",
	"flag_left_behind", "flag_fatigue", "flag_reversion",
	"flag_overconfidence", "flag_no_benefit", "flag_lapsed"
};
static const char *const change_test_names[] = {
	"none", "paired_t", "mcnemar", "welch", "two_proportion"
};
static const char *const change_reason_names[] = {
	"shown", "no_values", "base_hidden", "current_hidden", "few_changed"
};

_Static_assert(COUNT(outcome_names) == AIRS_OUTCOME_COUNT_, "outcomes");
_Static_assert(COUNT(driver_names) == AIRS_DRIVER_COUNT_, "drivers");
_Static_assert(COUNT(drivers_status_names) == AIRS_DRIVERS_TOO_FEW + 1,
               "driver statuses");
_Static_assert(COUNT(focus_kind_names) == AIRS_FOCUS_STRENGTH + 1, "kinds");
_Static_assert(COUNT(focus_status_names) == AIRS_FOCUS_HIDDEN + 1,
               "focus statuses");
_Static_assert(COUNT(entity_names) == AIRS_ENTITY_COUNT_, "entities");
_Static_assert(COUNT(construct_names) == AIRS_CONSTRUCT_COUNT_, "constructs");
_Static_assert(COUNT(component_names) == AIRS_COMPONENT_COUNT_, "components");
_Static_assert(COUNT(barrier_names) == AIRS_BARRIER_UNKNOWN + 1, "barriers");
_Static_assert(COUNT(flag_names) == AIRS_FLAG_BITS_, "flags");
_Static_assert(COUNT(tool_scope_names) == AIRS_TOOL_SCOPE_ROLE + 1, "scopes");
_Static_assert(COUNT(tool_kind_names) == AIRS_TOOL_KIND_UNSANCTIONED + 1,
               "tool kinds");
_Static_assert(COUNT(tool_signal_names) == AIRS_TOOL_SIGNAL_BITS_, "signals");
_Static_assert(COUNT(column_names) == AIRS_COLUMN_COUNT_, "columns");
_Static_assert(COUNT(strategy_names) == AIRS_STRATEGY_TARGET_FIRST + 1, "strategies");
_Static_assert(COUNT(adkar_source_names) == AIRS_ADKAR_SOURCE_COUNT_,
               "ADKAR sources");
_Static_assert(COUNT(intervention_names) == AIRS_INTERVENTION_COUNT_,
               "interventions");
_Static_assert(COUNT(table_names) == AIRS_TABLE_MANAGERS + 1, "tables");
_Static_assert(COUNT(evidence_names) == AIRS_EVIDENCE_COUNT_, "evidence");
_Static_assert(COUNT(input_names) == AIRS_INPUT_COUNT_, "inputs");
_Static_assert(COUNT(as_of_rule_names) == AIRS_AS_OF_NO_EVIDENCE + 1,
               "as-of rules");
_Static_assert(COUNT(change_figure_names) == AIRS_CHANGE_FIGURE_COUNT_,
               "change figures");
_Static_assert(AIRS_CHANGE_FLAG + AIRS_FLAG_BITS_ == AIRS_CHANGE_FIGURE_COUNT_,
               "a change figure per flag");
_Static_assert(COUNT(change_test_names) == AIRS_TEST_TWO_PROPORTION + 1,
               "change tests");
_Static_assert(COUNT(change_reason_names) == AIRS_CHANGE_FEW_CHANGED + 1,
               "change reasons");
_Static_assert(COUNT(plan_table_names) == AIRS_PLAN_TABLE_ALL + 1,
               "plan tables");

static const char *name_of(const char *const *names, size_t n, int v)
{
	return v >= 0 && (size_t)v < n ? names[v] : NULL;
}

static int parse_in(const char *const *names, size_t n, const char *s,
                    size_t len, int *out)
{
	size_t i;

	if (!s)
		return AIRS_EPARSE;
	for (i = 0; i < n; i++)
		if (airs__ieq(s, len, names[i])) {
			if (out)
				*out = (int)i;
			return AIRS_OK;
		}
	return AIRS_EPARSE;
}

/* name and parse of an enum whose values are 0 .. COUNT(table) - 1 */
#define ENUM_NAMES(name, table)                                          \
	const char *airs_##name##_name(int v)                            \
	{                                                                \
		return name_of(table, COUNT(table), v);                  \
	}                                                                \
	int airs_##name##_parse(const char *s, size_t len, int *out)     \
	{                                                                \
		return parse_in(table, COUNT(table), s, len, out);       \
	}

ENUM_NAMES(source, source_names)
ENUM_NAMES(format, format_names)
ENUM_NAMES(training_status, status_names)
ENUM_NAMES(entity, entity_names)
ENUM_NAMES(construct, construct_names)
ENUM_NAMES(component, component_names)
ENUM_NAMES(barrier, barrier_names)
ENUM_NAMES(column, column_names)
ENUM_NAMES(strategy, strategy_names)
ENUM_NAMES(step_kind, step_kind_names)
ENUM_NAMES(intervention, intervention_names)
ENUM_NAMES(adkar_source, adkar_source_names)
ENUM_NAMES(table, table_names)
ENUM_NAMES(plan_table, plan_table_names)
ENUM_NAMES(evidence, evidence_names)
ENUM_NAMES(input, input_names)
ENUM_NAMES(as_of_rule, as_of_rule_names)
ENUM_NAMES(outcome, outcome_names)
ENUM_NAMES(driver, driver_names)
ENUM_NAMES(drivers_status, drivers_status_names)
ENUM_NAMES(focus_kind, focus_kind_names)
ENUM_NAMES(focus_status, focus_status_names)
ENUM_NAMES(tool_scope, tool_scope_names)
ENUM_NAMES(tool_kind, tool_kind_names)
ENUM_NAMES(change_figure, change_figure_names)
ENUM_NAMES(change_test, change_test_names)
ENUM_NAMES(change_reason, change_reason_names)

/* ADKAR elements are the first AIRS_ADKAR_COUNT_ barrier values. */
const char *airs_adkar_name(int e)
{
	return name_of(barrier_names, AIRS_ADKAR_COUNT_, e);
}

int airs_adkar_parse(const char *s, size_t len, int *out)
{
	return parse_in(barrier_names, AIRS_ADKAR_COUNT_, s, len, out);
}

/* Flags are bits: the name of a single bit, the bit of a name. */
const char *airs_flag_name(int flag)
{
	size_t i;

	for (i = 0; i < COUNT(flag_names); i++)
		if (flag == 1 << i)
			return flag_names[i];
	return NULL;
}

int airs_flag_parse(const char *s, size_t len, int *out)
{
	int i, rc = parse_in(flag_names, COUNT(flag_names), s, len, &i);

	if (!rc && out)
		*out = 1 << i;
	return rc;
}

/* Tool signals are bits too. */
const char *airs_tool_signal_name(int signal)
{
	size_t i;

	for (i = 0; i < COUNT(tool_signal_names); i++)
		if (signal == 1 << i)
			return tool_signal_names[i];
	return NULL;
}

int airs_tool_signal_parse(const char *s, size_t len, int *out)
{
	int i, rc = parse_in(tool_signal_names, COUNT(tool_signal_names), s,
	                     len, &i);

	if (!rc && out)
		*out = 1 << i;
	return rc;
}

int airs__construct_parse(const char *s, size_t len)
{
	int c;

	return airs_construct_parse(s, len, &c) ? AIRS__C_UNSCORED : c;
}

const char *airs__construct_name(int c)
{
	return airs_construct_name(c);
}

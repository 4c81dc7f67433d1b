/*
 * load-tables.c - the dataset's tables, their columns and the row
 * functions that read them, in dependency order.
 */
#include "load-impl.h"

#define COLUMN_ENTRY(e, name, flags) { name, flags },
#define COLUMN_NAME(e, name, flags) name,
/* The column list `cols` and its names. */
#define TABLE_COLUMNS(list, cols)                                         \
	static const struct col cols[] = { list(COLUMN_ENTRY) };          \
	static const char *const cols##_names[] = { list(COLUMN_NAME) }

TABLE_COLUMNS(UNIT_COLUMNS, units_cols);
TABLE_COLUMNS(ROLE_COLUMNS, roles_cols);
TABLE_COLUMNS(SKILL_COLUMNS, skills_cols);
TABLE_COLUMNS(ROLE_SKILL_COLUMNS, role_skills_cols);
TABLE_COLUMNS(EMPLOYEE_COLUMNS, employees_cols);
TABLE_COLUMNS(COURSE_COLUMNS, courses_cols);
TABLE_COLUMNS(ITEM_COLUMNS, items_cols);
TABLE_COLUMNS(TOOL_COLUMNS, tools_cols);
TABLE_COLUMNS(WAVE_COLUMNS, waves_cols);
TABLE_COLUMNS(ASSESSMENT_COLUMNS, assessments_cols);
TABLE_COLUMNS(TRAINING_COLUMNS, training_cols);
TABLE_COLUMNS(RESPONSE_COLUMNS, responses_cols);
TABLE_COLUMNS(USAGE_COLUMNS, usage_cols);

#define TABLE(file, cols, kind, id, fn) \
	{ file, cols, cols##_names, NCOLS(cols), kind, id, fn }

const struct table airs__load_tables[NTABLES] = {
	[T_UNITS] = TABLE("units.csv", units_cols, K_UNIT, UNIT_ID,
	                  airs__load_row_unit),
	[T_ROLES] = TABLE("roles.csv", roles_cols, K_ROLE, ROLE_ID,
	                  airs__load_row_role),
	[T_SKILLS] = TABLE("skills.csv", skills_cols, K_SKILL, SKILL_ID,
	                   airs__load_row_skill),
	[T_ROLE_SKILLS] = TABLE("role_skills.csv", role_skills_cols, K_NONE, 0,
	                        airs__load_row_role_skill),
	[T_EMPLOYEES] = TABLE("employees.csv", employees_cols, K_EMP, EMP_ID,
	                      airs__load_row_employee),
	[T_COURSES] = TABLE("courses.csv", courses_cols, K_COURSE, COURSE_ID,
	                    airs__load_row_course),
	[T_TOOLS] = TABLE("tools.csv", tools_cols, K_TOOL, TOOL_ID,
	                  airs__load_row_tool),
	[T_ITEMS] = TABLE("survey_items.csv", items_cols, K_ITEM, ITEM_ID,
	                  airs__load_row_item),
	[T_WAVES] = TABLE("survey_waves.csv", waves_cols, K_WAVE, WAVE_ID,
	                  airs__load_row_wave),
	[T_ASSESSMENTS] = TABLE("assessments.csv", assessments_cols, K_NONE, 0,
	                        airs__load_row_assessment),
	[T_TRAINING] = TABLE("training.csv", training_cols, K_NONE, 0,
	                     airs__load_row_training),
	[T_RESPONSES] = TABLE("responses.csv", responses_cols, K_NONE, 0,
	                      airs__load_row_response),
	[T_USAGE] = TABLE("usage.csv", usage_cols, K_NONE, 0, airs__load_row_usage),
};

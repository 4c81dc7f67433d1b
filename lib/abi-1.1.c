/*
 * abi-1.1.c - the size of every public struct of airs 1.1.0 (abi.h): the
 * first size the library accepts for the structs 1.1 published.
 *
 * Compiled against the published 1.1 headers in abi/1.1/include, never
 * against include/, so these are the sizes a program built against 1.1
 * passes - on whatever platform the library is built for.
 */
#include "airs/airs.h"

#include "abi.h"

#if AIRS_VERSION_NUMBER != 10100
#error "abi-1.1.c must be compiled against the 1.1 headers (abi/1.1/include)"
#endif

const size_t airs__abi_size_1_1[AIRS__ABI_COUNT] = {
	[AIRS__ABI_ALLOCATOR] = sizeof(airs_allocator),
	[AIRS__ABI_DIAG] = sizeof(airs_diag),
	[AIRS__ABI_LOAD_OPTIONS] = sizeof(airs_load_options),
	[AIRS__ABI_UNIT_REC] = sizeof(airs_unit_rec),
	[AIRS__ABI_ROLE_REC] = sizeof(airs_role_rec),
	[AIRS__ABI_SKILL_REC] = sizeof(airs_skill_rec),
	[AIRS__ABI_PREREQUISITE_REC] = sizeof(airs_prerequisite_rec),
	[AIRS__ABI_ROLE_SKILL_REC] = sizeof(airs_role_skill_rec),
	[AIRS__ABI_EMPLOYEE_REC] = sizeof(airs_employee_rec),
	[AIRS__ABI_ASSESSMENT_REC] = sizeof(airs_assessment_rec),
	[AIRS__ABI_COURSE_REC] = sizeof(airs_course_rec),
	[AIRS__ABI_TRAINING_REC] = sizeof(airs_training_rec),
	[AIRS__ABI_SURVEY_ITEM_REC] = sizeof(airs_survey_item_rec),
	[AIRS__ABI_RESPONSE_REC] = sizeof(airs_response_rec),
	[AIRS__ABI_USAGE_REC] = sizeof(airs_usage_rec),
	[AIRS__ABI_EMPLOYEE_SCORE] = sizeof(airs_employee_score),
	[AIRS__ABI_CONTRIBUTION] = sizeof(airs_contribution),
	[AIRS__ABI_UNIT_SCORE] = sizeof(airs_unit_score),
	[AIRS__ABI_CONSTRUCT_SCORE] = sizeof(airs_construct_score),
	[AIRS__ABI_PROVENANCE] = sizeof(airs_provenance),
	[AIRS__ABI_PLAN_OPTIONS] = sizeof(airs_plan_options),
	[AIRS__ABI_PLAN_INFO] = sizeof(airs_plan_info),
	[AIRS__ABI_PLAN_STEP] = sizeof(airs_plan_step),
	[AIRS__ABI_PLAN_GROUP] = sizeof(airs_plan_group),
	[AIRS__ABI_PLAN_ALLOCATION] = sizeof(airs_plan_allocation),
	[AIRS__ABI_PLAN_COHORT] = sizeof(airs_plan_cohort),
	[AIRS__ABI_AUDIT_OPTIONS] = sizeof(airs_audit_options),
	[AIRS__ABI_AUDIT_INFO] = sizeof(airs_audit_info),
	[AIRS__ABI_AUDIT_TABLE] = sizeof(airs_audit_table),
	[AIRS__ABI_AUDIT_ROW] = sizeof(airs_audit_row),
	[AIRS__ABI_SCORE_OPTIONS] = sizeof(airs_score_options),
	[AIRS__ABI_AS_OF_INFO] = sizeof(airs_as_of_info),
	[AIRS__ABI_COVERAGE] = sizeof(airs_coverage),
	[AIRS__ABI_EXPORT_OPTIONS] = sizeof(airs_export_options),
	[AIRS__ABI_TOOL_REC] = sizeof(airs_tool_rec),
	[AIRS__ABI_TOOLS_INFO] = sizeof(airs_tools_info),
	[AIRS__ABI_TOOL_ROW] = sizeof(airs_tool_row),
	[AIRS__ABI_DRIVERS_OPTIONS] = sizeof(airs_drivers_options),
	[AIRS__ABI_DRIVERS_GROUP] = sizeof(airs_drivers_group),
	[AIRS__ABI_DRIVER_WEIGHT] = sizeof(airs_driver_weight),
};

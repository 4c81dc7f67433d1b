/*
 * abi-structs.h - every public size-first struct, by the release that
 * published it: the one list the size tables (lib/abi-1.0.c,
 * lib/abi-1.1.c) and their index (enum airs__abi_struct in abi.h) are
 * made from.  Only grows, at the end.
 *
 * An includer defines, for each release, what a struct that release
 * published becomes: AIRS__ABI_SINCE_1_0(KIND, type), AIRS__ABI_SINCE_1_1
 * (KIND, type), ...  abi.h makes an enumerator of every struct; a
 * release's table the sizeof of the structs it had and nothing of later
 * ones, whose types its headers do not declare.  A release that
 * publishes structs adds a macro, which every includer then defines.
 */
AIRS__ABI_SINCE_1_0(ALLOCATOR, airs_allocator)
AIRS__ABI_SINCE_1_0(DIAG, airs_diag)
AIRS__ABI_SINCE_1_0(LOAD_OPTIONS, airs_load_options)
AIRS__ABI_SINCE_1_0(UNIT_REC, airs_unit_rec)
AIRS__ABI_SINCE_1_0(ROLE_REC, airs_role_rec)
AIRS__ABI_SINCE_1_0(SKILL_REC, airs_skill_rec)
AIRS__ABI_SINCE_1_0(PREREQUISITE_REC, airs_prerequisite_rec)
AIRS__ABI_SINCE_1_0(ROLE_SKILL_REC, airs_role_skill_rec)
AIRS__ABI_SINCE_1_0(EMPLOYEE_REC, airs_employee_rec)
AIRS__ABI_SINCE_1_0(ASSESSMENT_REC, airs_assessment_rec)
AIRS__ABI_SINCE_1_0(COURSE_REC, airs_course_rec)
AIRS__ABI_SINCE_1_0(TRAINING_REC, airs_training_rec)
AIRS__ABI_SINCE_1_0(SURVEY_ITEM_REC, airs_survey_item_rec)
AIRS__ABI_SINCE_1_0(RESPONSE_REC, airs_response_rec)
AIRS__ABI_SINCE_1_0(USAGE_REC, airs_usage_rec)
AIRS__ABI_SINCE_1_0(EMPLOYEE_SCORE, airs_employee_score)
AIRS__ABI_SINCE_1_0(CONTRIBUTION, airs_contribution)
AIRS__ABI_SINCE_1_0(UNIT_SCORE, airs_unit_score)
AIRS__ABI_SINCE_1_0(CONSTRUCT_SCORE, airs_construct_score)
AIRS__ABI_SINCE_1_0(PROVENANCE, airs_provenance)
AIRS__ABI_SINCE_1_0(PLAN_OPTIONS, airs_plan_options)
AIRS__ABI_SINCE_1_0(PLAN_INFO, airs_plan_info)
AIRS__ABI_SINCE_1_0(PLAN_STEP, airs_plan_step)
AIRS__ABI_SINCE_1_0(PLAN_GROUP, airs_plan_group)
AIRS__ABI_SINCE_1_0(PLAN_ALLOCATION, airs_plan_allocation)
AIRS__ABI_SINCE_1_0(PLAN_COHORT, airs_plan_cohort)
AIRS__ABI_SINCE_1_0(AUDIT_OPTIONS, airs_audit_options)
AIRS__ABI_SINCE_1_0(AUDIT_INFO, airs_audit_info)
AIRS__ABI_SINCE_1_0(AUDIT_TABLE, airs_audit_table)
AIRS__ABI_SINCE_1_0(AUDIT_ROW, airs_audit_row)
AIRS__ABI_SINCE_1_1(SCORE_OPTIONS, airs_score_options)
AIRS__ABI_SINCE_1_1(AS_OF_INFO, airs_as_of_info)
AIRS__ABI_SINCE_1_1(COVERAGE, airs_coverage)
AIRS__ABI_SINCE_1_1(EXPORT_OPTIONS, airs_export_options)
AIRS__ABI_SINCE_1_1(TOOL_REC, airs_tool_rec)
AIRS__ABI_SINCE_1_1(TOOLS_INFO, airs_tools_info)
AIRS__ABI_SINCE_1_1(TOOL_ROW, airs_tool_row)
AIRS__ABI_SINCE_1_1(DRIVERS_OPTIONS, airs_drivers_options)
AIRS__ABI_SINCE_1_1(DRIVERS_GROUP, airs_drivers_group)
AIRS__ABI_SINCE_1_1(DRIVER_WEIGHT, airs_driver_weight)

"""Loading libairs and declaring its C API for ctypes.

Every exported ``airs_*`` function is declared once, in :data:`FUNCTIONS`,
with its argument and result types and how its failures are reported.
Functions that return a status code get an ``errcheck`` that turns a
negative code into an exception of :mod:`airs._errors` carrying the
library's own message.
"""
from __future__ import annotations

import ctypes
import os
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char, c_char_p, c_double,
                    c_int, c_int32, c_size_t, c_uint, c_uint32, c_uint64,
                    c_void_p)

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - for type checkers only (typing costs
    # milliseconds of every import; the annotations are strings, PEP 563)
    from typing import (Any, Callable, Dict, Iterator, List, Optional,
                        Sequence, Tuple)

from . import _errors as E

#: The library version these bindings were written for.
VERSION_MAJOR = 1
VERSION_MINOR = 0

ENV_VAR = "AIRS_LIBRARY"

# ----------------------------------------------------------------------
# Structures (airs/*.h).  Each begins with `size`, which the bindings set
# to ctypes.sizeof(the structure) when creating one.
# ----------------------------------------------------------------------


class _Sized(Structure):
    """A public airs struct: `size` is set on construction."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.size = ctypes.sizeof(self)


DIAG_FILE_MAX = 128
DIAG_TEXT_MAX = 320


class Diag(_Sized):
    _fields_ = [("size", c_size_t), ("status", c_int), ("severity", c_int),
                ("line", c_uint64), ("column", c_uint32),
                ("file", c_char * DIAG_FILE_MAX),
                ("text", c_char * DIAG_TEXT_MAX)]


DiagFn = CFUNCTYPE(None, POINTER(Diag), c_void_p)
WriteFn = CFUNCTYPE(c_int, c_void_p, c_size_t, c_void_p)
ProgressFn = CFUNCTYPE(c_int, c_uint64, c_uint64, c_void_p)


class LoadOptions(_Sized):
    _fields_ = [("size", c_size_t), ("max_errors", c_uint32),
                ("on_diag", DiagFn), ("user", c_void_p),
                ("max_field", c_uint32), ("threads", c_size_t),
                ("progress", ProgressFn), ("progress_user", c_void_p),
                ("max_rows", c_uint64), ("max_ids", c_uint64),
                ("max_depth", c_uint32), ("flags", c_uint32),
                ("max_role_skills", c_uint32),
                ("map", c_char_p), ("map_len", c_size_t),
                ("map_name", c_char_p)]


LOAD_FOLLOW_SYMLINKS = 1
LOAD_STRICT = 2


class TableBuffer(Structure):
    _fields_ = [("name", c_char_p), ("data", c_char_p), ("len", c_size_t)]


class UnitRec(_Sized):
    _fields_ = [("size", c_size_t), ("id", c_char_p), ("name", c_char_p),
                ("parent_id", c_char_p), ("target_level", c_int)]


class RoleRec(_Sized):
    _fields_ = [("size", c_size_t), ("id", c_char_p), ("name", c_char_p)]


class SkillRec(_Sized):
    _fields_ = [("size", c_size_t), ("id", c_char_p), ("name", c_char_p),
                ("category", c_char_p)]


class PrerequisiteRec(_Sized):
    _fields_ = [("size", c_size_t), ("skill_id", c_char_p),
                ("requires_id", c_char_p), ("min_level", c_double)]


class RoleSkillRec(_Sized):
    _fields_ = [("size", c_size_t), ("role_id", c_char_p),
                ("skill_id", c_char_p), ("required_level", c_double),
                ("weight", c_double)]


class EmployeeRec(_Sized):
    _fields_ = [("size", c_size_t), ("id", c_char_p), ("unit_id", c_char_p),
                ("role_id", c_char_p), ("is_leader", c_int)]


class AssessmentRec(_Sized):
    _fields_ = [("size", c_size_t), ("employee_id", c_char_p),
                ("skill_id", c_char_p), ("level", c_double),
                ("source", c_int), ("date", c_int32)]


class CourseRec(_Sized):
    _fields_ = [("size", c_size_t), ("id", c_char_p), ("name", c_char_p),
                ("skill_id", c_char_p), ("hours", c_double),
                ("level_gain", c_double), ("format", c_int),
                ("cost", c_double)]


class TrainingRec(_Sized):
    _fields_ = [("size", c_size_t), ("employee_id", c_char_p),
                ("course_id", c_char_p), ("skill_id", c_char_p),
                ("hours", c_double), ("date", c_int32), ("status", c_int)]


class SurveyItemRec(_Sized):
    _fields_ = [("size", c_size_t), ("id", c_char_p), ("construct", c_char_p),
                ("scale_min", c_double), ("scale_max", c_double),
                ("reverse", c_int), ("text", c_char_p),
                # since 1.1
                ("tool_id", c_char_p)]


class ToolRec(_Sized):
    _fields_ = [("size", c_size_t), ("id", c_char_p), ("name", c_char_p),
                ("category", c_char_p), ("unsanctioned", c_int),
                ("available_from", c_int32)]


class ResponseRec(_Sized):
    _fields_ = [("size", c_size_t), ("employee_id", c_char_p),
                ("item_id", c_char_p), ("value", c_double), ("date", c_int32),
                # since 1.2
                ("wave_id", c_char_p)]


class WaveRec(_Sized):      # since 1.2
    _fields_ = [("size", c_size_t), ("id", c_char_p), ("start", c_int32),
                ("end", c_int32)]


class UsageRec(_Sized):
    _fields_ = [("size", c_size_t), ("employee_id", c_char_p),
                ("tool_id", c_char_p), ("period", c_int32),
                ("active_days", c_int)]


COMPONENT_COUNT = 4
ADKAR_COUNT = 5
FLAG_COUNT = 5
FLAG_BITS = 6      # flag bits of an employee (1.1: lapsed)
CONSTRUCT_COUNT = 9


class EmployeeScore(_Sized):
    _fields_ = [("size", c_size_t), ("id", c_char_p), ("unit_id", c_char_p),
                ("role_id", c_char_p), ("is_leader", c_int),
                ("readiness", c_double), ("level", c_int), ("target", c_int),
                ("gap_levels", c_double), ("gap_points", c_double),
                ("coverage", c_uint), ("withheld", c_uint),
                ("skill_coverage", c_double),
                ("component", c_double * COMPONENT_COUNT),
                ("adkar", c_double * ADKAR_COUNT), ("barrier", c_int),
                ("flags", c_uint), ("flags_evaluated", c_uint),
                # since 1.1 (methodology 1.1)
                ("readiness_low", c_double), ("readiness_high", c_double),
                ("evidence", c_int), ("skills_required", c_uint32),
                ("skills_assessed", c_uint32)]


class Contribution(_Sized):
    _fields_ = [("size", c_size_t), ("component", c_int),
                ("skill_id", c_char_p), ("value", c_double),
                ("weight", c_double), ("points", c_double),
                ("level", c_double), ("required", c_double),
                ("confidence", c_double), ("status", c_int)]


class Interval(Structure):
    _fields_ = [("low", c_double), ("high", c_double)]


class UnitScore(_Sized):
    _fields_ = [("size", c_size_t), ("id", c_char_p), ("name", c_char_p),
                ("parent_id", c_char_p), ("depth", c_int),
                ("headcount", c_uint64), ("scored", c_uint64),
                ("readiness_mean", c_double), ("readiness_median", c_double),
                ("levels", c_uint64 * 6), ("target", c_int),
                ("with_target", c_uint64), ("gap_mean", c_double),
                ("below_target_share", c_double),
                ("flags", c_uint64 * FLAG_COUNT), ("net_score", c_double),
                ("net_respondents", c_uint64), ("time_saved", c_double),
                ("time_saved_respondents", c_uint64),
                ("respondents", c_uint64), ("leaders", c_uint64),
                ("readiness_ci", Interval), ("gap_ci", Interval),
                ("below_target_ci", Interval), ("time_saved_ci", Interval),
                ("response_rate_ci", Interval),
                ("flag_rate_ci", Interval * FLAG_COUNT),
                ("insufficient", c_uint64)]  # since 1.1


class ConstructScore(_Sized):
    _fields_ = [("size", c_size_t), ("respondents", c_uint64),
                ("mean", c_double), ("favourable", c_double),
                ("unfavourable", c_double), ("leaders", c_uint64),
                ("staff", c_uint64), ("leaders_mean", c_double),
                ("staff_mean", c_double), ("perception_gap", c_double),
                ("mean_ci", Interval), ("favourable_ci", Interval),
                ("unfavourable_ci", Interval), ("leaders_mean_ci", Interval),
                ("staff_mean_ci", Interval), ("perception_gap_ci", Interval)]


class UnitAdkar(_Sized):  # since 1.2 (methodology 4.6)
    _fields_ = [("size", c_size_t), ("element", c_double * ADKAR_COUNT),
                ("element_ci", Interval * ADKAR_COUNT),
                ("source", c_int * ADKAR_COUNT), ("hidden", c_uint),
                ("knowledge_n", c_uint64), ("ability_n", c_uint64),
                ("barrier", c_int), ("barriers", c_uint64 * (ADKAR_COUNT + 2))]


class ManagerInfo(_Sized):  # since 1.2
    _fields_ = [("size", c_size_t), ("id", c_char_p),
                ("manager_id", c_char_p), ("unit_id", c_char_p),
                ("depth", c_int), ("direct_reports", c_uint64),
                ("all_reports", c_uint64), ("line_end", c_size_t)]


class Provenance(_Sized):
    _fields_ = [("size", c_size_t), ("library_version", c_char_p),
                ("methodology_version", c_char_p), ("as_of", c_int32),
                ("params_digest", c_char * 65), ("input_digest", c_char * 65),
                # since 1.1
                ("as_of_rule", c_int), ("as_of_left_out", c_uint64),
                # since 1.2
                ("survey_start", c_int32), ("survey_end", c_int32),
                ("survey_wave_id", c_char_p), ("survey_answers", c_uint64),
                ("survey_answers_outside", c_uint64)]


class AsOfInfo(_Sized):
    _fields_ = [("size", c_size_t), ("as_of", c_int32), ("rule", c_int),
                ("latest", c_int32), ("bulk", c_int32),
                ("evidence", c_uint64), ("left_out", c_uint64),
                ("planned_after", c_uint64)]


class Coverage(_Sized):
    _fields_ = [("size", c_size_t), ("employees", c_uint64),
                ("scored", c_uint64), ("insufficient", c_uint64),
                ("no_requirements", c_uint64),
                ("no_skill_assessment", c_uint64),
                ("few_skills_assessed", c_uint64),
                ("no_component", c_uint64), ("inputs", c_uint),
                ("with_requirements", c_uint64),
                ("with_assessments", c_uint64), ("with_training", c_uint64),
                ("with_usage", c_uint64), ("respondents", c_uint64)]


class ScoreOptions(_Sized):
    _fields_ = [("size", c_size_t), ("threads", c_size_t),
                ("progress", ProgressFn), ("user", c_void_p)]


class ExportOptions(_Sized):
    _fields_ = [("size", c_size_t), ("unit_id", c_char_p),
                ("employee_ids", POINTER(c_char_p)),
                ("employee_count", c_size_t),
                ("manager_id", c_char_p)]  # since 1.2


class PlanOptions(_Sized):
    _fields_ = [("size", c_size_t), ("budget_hours", c_double),
                ("budget_cost", c_double), ("strategy", c_int),
                ("max_hours_per_employee", c_double),
                ("unit_budget_count", c_size_t),
                ("unit_ids", POINTER(c_char_p)),
                ("unit_hours", POINTER(c_double))]


class PlanInfo(_Sized):
    _fields_ = [("size", c_size_t), ("employee_id", c_char_p),
                ("budget_hours", c_double), ("budget_cost", c_double),
                ("hours", c_double), ("cost", c_double),
                ("readiness", c_double), ("projected", c_double),
                ("level", c_int), ("projected_level", c_int),
                ("target", c_int), ("barrier", c_int), ("exact", c_int),
                ("bound", c_double), ("reachable", c_int),
                ("target_hours", c_double), ("target_weeks", c_double),
                ("missing_skill_count", c_size_t),
                # since 1.1
                ("why", c_char_p), ("reduced", c_int)]


class PlanStep(_Sized):
    _fields_ = [("size", c_size_t), ("kind", c_int), ("intervention", c_int),
                ("adkar", c_int), ("skill_id", c_char_p),
                ("course_id", c_char_p), ("hours", c_double),
                ("cost", c_double), ("level_before", c_double),
                ("level_after", c_double), ("uplift", c_double),
                ("reason", c_char_p),
                # since 1.1
                ("practice_hours", c_double), ("adkar_source", c_int),
                ("adkar_unit_id", c_char_p)]


class PlanGroup(_Sized):
    _fields_ = [("size", c_size_t), ("unit_id", c_char_p),
                ("headcount", c_uint64), ("scored", c_uint64),
                ("planned", c_uint64), ("hours", c_double), ("cost", c_double),
                ("readiness_mean", c_double), ("projected_mean", c_double),
                ("levels", c_uint64 * 6), ("projected_levels", c_uint64 * 6),
                ("with_target", c_uint64), ("gap_mean", c_double),
                ("below_target_share", c_double),
                ("projected_below_target_share", c_double),
                ("weeks_max", c_double), ("weeks_median", c_double),
                ("unreachable", c_uint64),
                # since 1.1
                ("reduced", c_uint64)]


class PlanAllocation(_Sized):
    _fields_ = [("size", c_size_t), ("employee_id", c_char_p),
                ("hours", c_double), ("cost", c_double), ("courses", c_size_t),
                ("readiness", c_double), ("projected", c_double),
                ("reachable", c_int), ("target_weeks", c_double)]


class PlanCohort(_Sized):
    _fields_ = [("size", c_size_t), ("course_id", c_char_p),
                ("skill_id", c_char_p), ("employees", c_uint64),
                ("planned", c_uint64)]


class AuditOptions(_Sized):
    _fields_ = [("size", c_size_t), ("attribute", c_char_p),
                ("attribute2", c_char_p), ("include_intersection", c_int),
                ("outcome", c_int), ("flag", c_int),
                ("external", POINTER(c_double)), ("external_len", c_size_t),
                ("min_share", c_double), ("keep_small", c_int),
                ("adverse", c_int), ("plan", c_void_p)]


class AuditInfo(_Sized):
    _fields_ = [("size", c_size_t), ("outcome", c_int), ("flag", c_int),
                ("adverse", c_int), ("median", c_double),
                ("min_share", c_double), ("min_group", c_int),
                ("employees", c_uint64), ("population", c_uint64),
                ("table_count", c_size_t), ("row_count", c_size_t),
                # since 1.1
                ("informative", c_int)]


class AuditTable(_Sized):
    _fields_ = [("size", c_size_t), ("kind", c_int), ("attribute", c_char_p),
                ("attribute2", c_char_p), ("first_row", c_size_t),
                ("row_count", c_size_t), ("missing", c_uint64),
                ("excluded", c_uint64), ("excluded_categories", c_size_t),
                ("suppressed_categories", c_size_t), ("reference", c_size_t),
                ("favourable", c_size_t),
                # since 1.1
                ("adverse", c_int), ("informative", c_int), ("other", c_size_t)]


class AuditRow(_Sized):
    _fields_ = [("size", c_size_t), ("table", c_size_t), ("value", c_char_p),
                ("value2", c_char_p), ("count", c_uint64),
                ("selected", c_double), ("rate", c_double),
                ("impact_ratio", c_double), ("adverse_ratio", c_double),
                ("adverse", c_int), ("excluded", c_int), ("suppressed", c_int),
                ("reference", c_int),
                # since 1.1
                ("p_value", c_double), ("ratio_low", c_double),
                ("ratio_high", c_double), ("significant", c_int),
                ("other", c_int), ("favourable", c_int)]


class DriversOptions(_Sized):
    _fields_ = [("size", c_size_t), ("outcome", c_int), ("reps", c_uint),
                ("seed", c_uint64), ("min_n", c_uint64), ("threads", c_int)]


class DriversGroup(_Sized):
    _fields_ = [("size", c_size_t), ("unit_id", c_char_p), ("status", c_int),
                ("n", c_uint64), ("r2", c_double), ("r2_ci", Interval),
                ("min_n", c_uint64), ("reps", c_uint), ("seed", c_uint64)]


class DriverWeight(_Sized):
    _fields_ = [("size", c_size_t), ("driver", c_int), ("raw", c_double),
                ("raw_ci", Interval), ("rescaled", c_double),
                ("lmg", c_double), ("lmg_ci", Interval), ("sign", c_int),
                ("rank", c_int)]


class FocusArea(_Sized):  # since 1.2 (methodology 10.7)
    _fields_ = [("size", c_size_t), ("kind", c_int), ("rank", c_int),
                ("driver", c_int), ("importance_unit_id", c_char_p),
                ("importance", c_double), ("favourable", c_double),
                ("rest_favourable", c_double), ("difference", c_double),
                ("difference_ci", Interval), ("priority", c_double),
                ("clear", c_int), ("intervention", c_int),
                ("respondents", c_uint64), ("rest_respondents", c_uint64)]


# compare.h (since 1.2)
class CompareOptions(_Sized):
    _fields_ = [("size", c_size_t), ("allow_params_change", c_int)]


class Change(_Sized):
    _fields_ = [("size", c_size_t), ("reason", c_int), ("test", c_int),
                ("base", c_double), ("current", c_double),
                ("change", c_double), ("ci", Interval), ("p", c_double),
                ("base_n", c_uint64), ("current_n", c_uint64),
                ("panel", c_uint64), ("base_count", c_uint64),
                ("current_count", c_uint64)]
class ToolsInfo(_Sized):
    _fields_ = [("size", c_size_t), ("tools", c_size_t), ("kinds", c_size_t),
                ("groups", c_size_t), ("rows", c_size_t), ("registry", c_int),
                ("lapse_known", c_int), ("window_first", c_int32),
                ("window_last", c_int32), ("recent_months", c_int)]


class ToolRow(_Sized):
    _fields_ = [("size", c_size_t), ("scope", c_int), ("unit_id", c_char_p),
                ("role_id", c_char_p), ("kind", c_int), ("tool_id", c_char_p),
                ("registered", c_int), ("sanctioned", c_int),
                ("headcount", c_uint64), ("users", c_uint64),
                ("active_share", c_double), ("active_share_ci", Interval),
                ("habitual", c_uint64), ("habitual_share", c_double),
                ("habitual_share_ci", Interval), ("lapsed", c_uint64),
                ("lapsed_share", c_double), ("lapsed_share_ci", Interval),
                ("new_users", c_uint64), ("active_days", c_uint64),
                ("activity_share", c_double),
                ("active_days_median", c_double),
                ("first_use_months_median", c_double),
                ("benefit_respondents", c_uint64), ("benefit", c_double),
                ("benefit_ci", Interval), ("signals", c_uint)]


SUPPRESSED = 2 ** 64 - 1
ROLLUP_ORG = 2 ** (8 * ctypes.sizeof(c_size_t)) - 1

# ----------------------------------------------------------------------
# The function table.  kind says how failures are reported:
#   None          not a status (or cannot fail)
#   "status"      a status code; message from airs_strerror
#   "model"       a status code; message from airs_model_errmsg(arg 0)
#   "params"      a status code; message from airs_params_errmsg(arg 0)
#   ("diag", i)   a status code; message in the airs_diag at argument i
# domain picks the exception class for codes that are not universal:
#   "data" -> DataError, "param" -> ParameterError, "" -> Error.
# ----------------------------------------------------------------------
vp = c_void_p
sz = c_size_t
cs = c_char_p
P = POINTER
D = P(Diag)

FUNCTIONS: Dict[str, Tuple[Any, Sequence[Any], Any, str]] = {
    # common.h
    "airs_version": (cs, [], None, ""),
    "airs_version_number": (c_int, [], None, ""),
    "airs_strerror": (cs, [c_int], None, ""),
    "airs_diag_format": (sz, [D, P(c_char), sz], None, ""),
    "airs_date_parse": (c_int, [cs, sz, P(c_int32)], "status", "data"),
    "airs_date_from_ymd": (c_int, [c_int, c_int, c_int, P(c_int32)], "status", "data"),
    "airs_date_to_ymd": (None, [c_int32, P(c_int), P(c_int), P(c_int)], None, ""),
    "airs_date_format": (sz, [c_int32, P(c_char)], None, ""),
    "airs_month_parse": (c_int, [cs, sz, P(c_int32)], "status", "data"),
    "airs_month_format": (sz, [c_int32, P(c_char)], None, ""),
    # model.h
    "airs_source_name": (cs, [c_int], None, ""),
    "airs_source_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_format_name": (cs, [c_int], None, ""),
    "airs_format_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_training_status_name": (cs, [c_int], None, ""),
    "airs_training_status_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    # every enum's parse (1.1)
    "airs_entity_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_component_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_adkar_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_barrier_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_flag_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_construct_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_column_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_strategy_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_step_kind_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_intervention_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_adkar_source_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_table_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_plan_table_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_entity_name": (cs, [c_int], None, ""),
    "airs_model_new": (c_int, [P(vp), vp], "status", ""),
    "airs_model_free": (None, [vp], None, ""),
    "airs_model_errmsg": (cs, [vp], None, ""),
    "airs_model_add_unit": (c_int, [vp, P(UnitRec)], "model", "data"),
    "airs_model_add_role": (c_int, [vp, P(RoleRec)], "model", "data"),
    "airs_model_add_skill": (c_int, [vp, P(SkillRec)], "model", "data"),
    "airs_model_add_prerequisite": (c_int, [vp, P(PrerequisiteRec)], "model", "data"),
    "airs_model_add_role_skill": (c_int, [vp, P(RoleSkillRec)], "model", "data"),
    "airs_model_add_employee": (c_int, [vp, P(EmployeeRec)], "model", "data"),
    "airs_model_add_assessment": (c_int, [vp, P(AssessmentRec)], "model", "data"),
    "airs_model_add_course": (c_int, [vp, P(CourseRec)], "model", "data"),
    "airs_model_add_training": (c_int, [vp, P(TrainingRec)], "model", "data"),
    "airs_model_add_survey_item": (c_int, [vp, P(SurveyItemRec)], "model", "data"),
    "airs_model_add_response": (c_int, [vp, P(ResponseRec)], "model", "data"),
    "airs_model_add_usage": (c_int, [vp, P(UsageRec)], "model", "data"),
    "airs_model_add_tool": (c_int, [vp, P(ToolRec)], "model", "data"),
    "airs_model_add_wave": (c_int, [vp, P(WaveRec)], "model", "data"),
    "airs_model_set_manager": (c_int, [vp, cs, cs], "model", "data"),
    "airs_model_set_attribute": (c_int, [vp, cs, cs, cs], "model", "data"),
    "airs_model_finish": (c_int, [vp], "model", ""),
    "airs_model_is_finished": (c_int, [vp], None, ""),
    "airs_model_digest": (c_int, [vp, P(c_char)], "status", ""),
    "airs_model_count": (sz, [vp, c_int], None, ""),
    "airs_model_find": (c_int, [vp, c_int, cs, P(sz)], "status", ""),
    "airs_model_get_unit": (c_int, [vp, sz, P(UnitRec)], "status", ""),
    "airs_model_get_role": (c_int, [vp, sz, P(RoleRec)], "status", ""),
    "airs_model_get_skill": (c_int, [vp, sz, P(SkillRec)], "status", ""),
    "airs_model_get_employee": (c_int, [vp, sz, P(EmployeeRec)], "status", ""),
    "airs_model_get_course": (c_int, [vp, sz, P(CourseRec)], "status", ""),
    "airs_model_get_survey_item": (c_int, [vp, sz, P(SurveyItemRec)], "status", ""),
    "airs_model_get_tool": (c_int, [vp, sz, P(ToolRec)], "status", ""),
    "airs_model_manager": (cs, [vp, sz], None, ""),
    "airs_model_attribute": (cs, [vp, sz, cs], None, ""),
    # load.h
    "airs_load_dir": (c_int, [vp, cs, P(LoadOptions), D], ("diag", 3), "load"),
    "airs_load_buffers": (c_int, [vp, P(TableBuffer), sz, P(LoadOptions), D],
                          ("diag", 4), "load"),
    # params.h
    "airs_params_new": (c_int, [P(vp), vp], "status", ""),
    "airs_params_free": (None, [vp], None, ""),
    "airs_params_errmsg": (cs, [vp], None, ""),
    "airs_params_set": (c_int, [vp, cs, cs], "params", "param"),
    "airs_params_set_double": (c_int, [vp, cs, c_double], "params", "param"),
    "airs_params_get_double": (c_int, [vp, cs, P(c_double)], "status", "param"),
    "airs_params_get": (sz, [vp, cs, P(c_char), sz], None, ""),
    "airs_params_reset": (None, [vp], None, ""),
    "airs_params_load_file": (c_int, [vp, cs, D], ("diag", 2), "param"),
    "airs_params_load_buffer": (c_int, [vp, cs, cs, sz, D], ("diag", 4), "param"),
    "airs_params_describe": (cs, [sz, P(cs), P(cs)], None, ""),
    "airs_params_digest": (c_int, [vp, P(c_char)], "status", ""),
    # score.h
    "airs_component_name": (cs, [c_int], None, ""),
    "airs_adkar_name": (cs, [c_int], None, ""),
    "airs_barrier_name": (cs, [c_int], None, ""),
    "airs_flag_name": (cs, [c_int], None, ""),
    "airs_construct_name": (cs, [c_int], None, ""),
    "airs_score": (c_int, [vp, vp, P(vp), D], ("diag", 3), "param"),
    "airs_score_v2": (c_int, [vp, vp, P(ScoreOptions), P(vp), D], ("diag", 4),
                      "param"),
    "airs_rescore": (c_int, [vp, vp, P(ScoreOptions), P(vp), D], ("diag", 4),
                     "param"),
    "airs_score_partial": (c_int, [vp, vp, P(ScoreOptions), c_int, WriteFn,
                                   vp, D], ("diag", 6), "param"),
    "airs_result_free": (None, [vp], None, ""),
    "airs_result_as_of": (c_int32, [vp], None, ""),
    "airs_result_employee_count": (sz, [vp], None, ""),
    "airs_result_find_employee": (c_int, [vp, cs, P(sz)], "status", ""),
    "airs_result_employee": (c_int, [vp, sz, P(EmployeeScore)], "status", ""),
    "airs_evidence_name": (cs, [c_int], None, ""),
    "airs_evidence_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_input_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_as_of_rule_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_input_name": (cs, [c_int], None, ""),
    "airs_as_of_rule_name": (cs, [c_int], None, ""),
    "airs_result_evidence_text": (sz, [vp, sz, P(c_char), sz], None, ""),
    "airs_result_coverage": (c_int, [vp, cs, P(Coverage)], "status", ""),
    "airs_result_as_of_info": (c_int, [vp, P(AsOfInfo)], "status", ""),
    "airs_model_as_of": (c_int, [vp, vp, P(AsOfInfo), DiagFn, c_void_p],
                         "status", ""),
    "airs_column_name": (cs, [c_int], None, ""),
    "airs_result_column": (c_int, [vp, c_int, P(c_double), sz], "status", ""),
    "airs_result_ids": (c_int, [vp, P(cs), sz], "status", ""),
    "airs_result_explain": (c_int, [vp, sz, P(Contribution), sz, P(sz)], "status", ""),
    "airs_result_sentiment": (c_int, [vp, sz, P(c_double)], "status", ""),
    "airs_result_sentiment_v2": (c_int, [vp, sz, P(c_double), sz, P(sz)],
                                 "status", ""),
    # rollup.h
    "airs_result_rollup": (vp, [vp], None, ""),
    "airs_rollup_unit_count": (sz, [vp], None, ""),
    "airs_rollup_find_unit": (c_int, [vp, cs, P(sz)], "status", ""),
    "airs_rollup_unit": (c_int, [vp, sz, P(UnitScore)], "status", ""),
    "airs_rollup_org": (c_int, [vp, P(UnitScore)], "status", ""),
    "airs_rollup_construct": (c_int, [vp, sz, c_int, P(ConstructScore)], "status", ""),
    "airs_rollup_adkar": (c_int, [vp, sz, P(UnitAdkar)], "status", ""),  # 1.2
    "airs_rollup_skill_count": (sz, [vp], None, ""),
    "airs_rollup_skill_id": (cs, [vp, sz], None, ""),
    "airs_rollup_skill": (c_int, [vp, sz, sz, P(c_double), P(c_uint64)], "status", ""),
    "airs_rollup_write": (c_int, [vp, WriteFn, vp], "status", ""),
    "airs_rollup_read": (c_int, [P(vp), cs, sz, vp, D], ("diag", 4), "data"),
    "airs_rollup_read_v2": (c_int, [P(vp), cs, sz, vp, vp, D], ("diag", 5),
                            "data"),
    "airs_rollup_merge": (c_int, [vp, vp, D], ("diag", 2), ""),
    "airs_rollup_free": (None, [vp], None, ""),
    "airs_rollup_as_of": (c_int32, [vp], None, ""),
    "airs_rollup_params_digest": (cs, [vp], None, ""),
    "airs_rollup_write_v2": (c_int, [vp, c_int, WriteFn, vp], "status", ""),
    "airs_rollup_read_v3": (c_int, [P(vp), cs, sz, vp, c_uint, vp, D], ("diag", 6),
                            "data"),
    "airs_rollup_finish": (c_int, [vp, sz, D], ("diag", 2), ""),
    # since 1.2: manager groups
    "airs_rollup_manager_count": (sz, [vp], None, ""),
    "airs_rollup_find_manager": (c_int, [vp, cs, P(sz)], "status", ""),
    "airs_rollup_manager": (c_int, [vp, sz, P(ManagerInfo)], "status", ""),
    "airs_rollup_manager_group": (c_int, [vp, sz, c_int, P(UnitScore)],
                                  "status", ""),
    "airs_rollup_manager_construct": (c_int, [vp, sz, c_int, c_int,
                                              P(ConstructScore)], "status", ""),
    "airs_rollup_manager_skill": (c_int, [vp, sz, c_int, sz, P(c_double),
                                          P(c_uint64)], "status", ""),
    # export.h
    "airs_result_provenance": (c_int, [vp, P(Provenance)], "status", ""),
    "airs_result_write": (c_int, [vp, c_int, c_int, WriteFn, vp, D], ("diag", 5), ""),
    "airs_result_write_v2": (c_int, [vp, c_int, c_int, P(ExportOptions), WriteFn,
                                     vp, D], ("diag", 6), ""),
    "airs_table_name": (cs, [c_int], None, ""),
    "airs_rollup_export": (c_int, [vp, c_int, c_int, WriteFn, vp, D], ("diag", 5), ""),
    # tools.h (1.1)
    "airs_tool_scope_name": (cs, [c_int], None, ""),
    "airs_tool_scope_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_tool_kind_name": (cs, [c_int], None, ""),
    "airs_tool_kind_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_tool_signal_name": (cs, [c_int], None, ""),
    "airs_tool_signal_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_result_tools": (c_int, [vp, P(vp), D], ("diag", 2), ""),
    "airs_tools_free": (None, [vp], None, ""),
    "airs_tools_info_get": (c_int, [vp, P(ToolsInfo)], "status", ""),
    "airs_tools_row": (c_int, [vp, sz, P(ToolRow)], "status", ""),
    "airs_tools_write": (c_int, [vp, c_int, WriteFn, vp, D], ("diag", 4), ""),
    # audit.h
    "airs_audit": (c_int, [vp, P(AuditOptions), P(vp), D], ("diag", 3), "param"),
    "airs_audit_free": (None, [vp], None, ""),
    "airs_audit_info_get": (c_int, [vp, P(AuditInfo)], "status", ""),
    "airs_audit_table_get": (c_int, [vp, sz, P(AuditTable)], "status", ""),
    "airs_audit_row_get": (c_int, [vp, sz, P(AuditRow)], "status", ""),
    "airs_audit_write": (c_int, [vp, c_int, WriteFn, vp, D], ("diag", 4), ""),
    # drivers.h
    "airs_outcome_name": (cs, [c_int], None, ""),
    "airs_outcome_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_driver_name": (cs, [c_int], None, ""),
    "airs_driver_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_drivers_status_name": (cs, [c_int], None, ""),
    "airs_drivers_status_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_drivers_new": (c_int, [vp, P(DriversOptions), P(vp), D], ("diag", 3),
                         "param"),
    "airs_drivers_free": (None, [vp], None, ""),
    "airs_drivers_outcome": (c_int, [vp], None, ""),
    "airs_drivers_count": (sz, [vp], None, ""),
    "airs_drivers_unit": (c_int, [vp, sz, P(DriversGroup)], "status", ""),
    "airs_drivers_weight": (c_int, [vp, sz, sz, P(DriverWeight)], "status", ""),
    "airs_drivers_write": (c_int, [vp, sz, c_int, WriteFn, vp, D], ("diag", 5), ""),
    # drivers.h (1.2): focus areas
    "airs_drivers_focus_count": (c_int, [vp, sz, P(sz), P(c_int)], "status", ""),
    "airs_drivers_focus": (c_int, [vp, sz, sz, P(FocusArea)], "status", ""),
    "airs_focus_kind_name": (cs, [c_int], None, ""),
    "airs_focus_kind_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_focus_status_name": (cs, [c_int], None, ""),
    "airs_focus_status_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    # compare.h (1.2)
    "airs_change_figure_name": (cs, [c_int], None, ""),
    "airs_change_figure_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_change_test_name": (cs, [c_int], None, ""),
    "airs_change_test_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_change_reason_name": (cs, [c_int], None, ""),
    "airs_change_reason_parse": (c_int, [cs, sz, P(c_int)], "status", "data"),
    "airs_compare": (c_int, [vp, vp, P(CompareOptions), P(vp), D], ("diag", 4),
                     "param"),
    "airs_comparison_free": (None, [vp], None, ""),
    "airs_comparison_digest": (cs, [vp, c_int], None, ""),
    "airs_comparison_params_changed": (c_int, [vp], None, ""),
    "airs_comparison_unit_count": (sz, [vp], None, ""),
    "airs_comparison_unit_id": (cs, [vp, sz], None, ""),
    "airs_comparison_added_count": (sz, [vp], None, ""),
    "airs_comparison_added": (cs, [vp, sz], None, ""),
    "airs_comparison_removed_count": (sz, [vp], None, ""),
    "airs_comparison_removed": (cs, [vp, sz], None, ""),
    "airs_comparison_change": (c_int, [vp, sz, c_int, P(Change)], "status", ""),
    # archive.h (1.2)
    "airs_result_write_archive": (c_int, [vp, cs, sz, WriteFn, vp, D],
                                  ("diag", 5), ""),
    "airs_archive_read": (c_int, [P(vp), cs, sz, cs, sz, vp, D], ("diag", 6),
                          "data"),
    "airs_archive_free": (None, [vp], None, ""),
    "airs_archive_rollup": (vp, [vp], None, ""),
    "airs_archive_provenance": (c_int, [vp, P(Provenance)], "status", ""),
    "airs_compare_archives": (c_int, [vp, vp, P(CompareOptions), P(vp), D],
                              ("diag", 4), "param"),
    # plan.h
    "airs_strategy_name": (cs, [c_int], None, ""),
    "airs_step_kind_name": (cs, [c_int], None, ""),
    "airs_intervention_name": (cs, [c_int], None, ""),
    "airs_adkar_source_name": (cs, [c_int], None, ""),
    "airs_plan_employee": (c_int, [vp, sz, P(PlanOptions), P(vp), D], ("diag", 4), "param"),
    "airs_plan_free": (None, [vp], None, ""),
    "airs_plan_info_get": (c_int, [vp, P(PlanInfo)], "status", ""),
    "airs_plan_step_count": (sz, [vp], None, ""),
    "airs_plan_get_step": (c_int, [vp, sz, P(PlanStep)], "status", ""),
    "airs_plan_missing_skill": (cs, [vp, sz], None, ""),
    "airs_plan_org": (c_int, [vp, P(PlanOptions), P(vp), D], ("diag", 3), "param"),
    "airs_org_plan_free": (None, [vp], None, ""),
    "airs_org_plan_unit_count": (sz, [vp], None, ""),
    "airs_org_plan_group": (c_int, [vp, sz, P(PlanGroup)], "status", ""),
    "airs_org_plan_employee_count": (sz, [vp], None, ""),
    "airs_org_plan_employee": (c_int, [vp, sz, P(PlanAllocation)], "status", ""),
    "airs_org_plan_cohort_count": (sz, [vp], None, ""),
    "airs_org_plan_cohort": (c_int, [vp, sz, P(PlanCohort)], "status", ""),
    "airs_result_cohort_count": (sz, [vp], None, ""),
    "airs_result_cohort": (c_int, [vp, sz, P(PlanCohort)], "status", ""),
    "airs_org_plan_cohort_unit": (c_int, [vp, sz, sz, P(c_uint64), P(c_uint64)], "status", ""),
    "airs_org_plan_outcome": (c_int, [vp, c_int, P(c_double), sz], "status", ""),
    "airs_plan_table_name": (cs, [c_int], None, ""),
    "airs_plan_provenance": (c_int, [vp, P(Provenance)], "status", ""),
    "airs_org_plan_provenance": (c_int, [vp, P(Provenance)], "status", ""),
    "airs_plan_write": (c_int, [vp, c_int, WriteFn, vp, D], ("diag", 4), ""),
    "airs_org_plan_write": (c_int, [vp, c_int, c_int, WriteFn, vp, D], ("diag", 5), ""),
}

# ----------------------------------------------------------------------
# Errors
# ----------------------------------------------------------------------


def _text(b: Optional[bytes]) -> str:
    return b.decode("utf-8", "replace") if b else ""


def diagnostic(d: Diag) -> E.Diagnostic:
    """Copy an airs_diag into a :class:`Diagnostic`."""
    return E.Diagnostic(status=d.status,
                        severity="warning" if d.severity == 1 else "error",
                        file=_text(d.file), line=int(d.line) or None,
                        column=int(d.column) or None, text=_text(d.text))


def make_error(status: int, domain: str, message: str = "",
               diag: Optional[Diag] = None,
               diagnostics: Optional[List[E.Diagnostic]] = None) -> E.Error:
    """The exception for a failed call: class by status and domain."""
    file = line = column = None
    if diag is not None and (diag.text or diag.file):
        dd = diagnostic(diag)
        file, line, column = dd.file or None, dd.line, dd.column
        if not message:
            message = str(dd)
    if status == E.ENOMEM:
        return E.MemoryError(status, message)
    if status == E.EPRIVACY:
        return E.PrivacyError(status, message)
    if domain == "load":
        return E.DataError(status, message, file, line, column, diagnostics)
    if status == E.ENOTFOUND:
        return E.NotFound(status, message)
    if status in (E.ESTATE, E.EMISMATCH):
        return E.Error(status, message)
    if domain == "data":
        return E.DataError(status, message, file, line, column, diagnostics)
    if domain == "param":
        return E.ParameterError(status, message)
    return E.Error(status, message)


def _errcheck(lib: Any, name: str, kind: Any, domain: str) -> Callable[..., Any]:
    strerror = lib.airs_strerror
    model_errmsg = lib.airs_model_errmsg
    params_errmsg = lib.airs_params_errmsg

    def check(result: int, func: Any, args: Tuple[Any, ...]) -> int:
        if result >= 0:
            return result
        diag = None
        if kind == "model":
            message = _text(model_errmsg(args[0]))
        elif kind == "params":
            message = _text(params_errmsg(args[0]))
        elif isinstance(kind, tuple):
            message = ""
            a = args[kind[1]]
            if isinstance(a, Diag):
                diag = a
        else:
            message = ""
        if not message and diag is None:
            message = _text(strerror(result))
        raise make_error(result, domain, message, diag)

    return check


# ----------------------------------------------------------------------
# Loading
# ----------------------------------------------------------------------

#: The repository root when the package runs from a source checkout
#: (bindings/python/airs -> three levels up).
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))))


def _candidates() -> Iterator[Tuple[str, str]]:
    """(where, path) pairs to try, in order.

    A generator: the later places are only looked at when the earlier
    ones failed, so an AIRS_LIBRARY or a build tree that loads never pays
    for ``ctypes.util.find_library`` (it runs ldconfig and the C compiler
    in subprocesses: tens of milliseconds, most of an import)."""
    env = os.environ.get(ENV_VAR)
    yield (ENV_VAR, env) if env else (ENV_VAR, "(not set)")
    import glob
    # Installed: a wheel holds libairs beside this file; a package
    # installed with the C library (meson -Dpython=true) knows its libdir.
    here = os.path.dirname(os.path.abspath(__file__))
    for p in sorted(glob.glob(os.path.join(here, "libairs.so*")) +
                    glob.glob(os.path.join(here, "libairs*.dylib"))):
        yield ("beside the package", p)
    try:
        # written by bindings/python/meson.build; absent in a checkout
        with open(os.path.join(here, "libdir.txt"), encoding="utf-8") as f:
            libdir = f.read().strip()
    except OSError:
        libdir = ""
    if libdir:
        yield ("installed with the package", os.path.join(libdir, "libairs.so.1"))
    build = os.path.join(REPO_ROOT, "build", "lib")
    any_build = False
    for pattern in ("libairs.so", "libairs.so.*", "libairs*.dylib", "airs*.dll"):
        for p in sorted(glob.glob(os.path.join(build, pattern))):
            if not p.endswith(".p"):
                any_build = True
                yield ("build tree", p)
    if not any_build:
        yield ("build tree", os.path.join(build, "libairs.so"))
    import ctypes.util
    found = ctypes.util.find_library("airs")
    yield ("find_library('airs')", found or "(not found)")


def load_library() -> Tuple[Any, List[str]]:
    """Find and load libairs, check its version and declare its API.

    Returns the CDLL and the names of declared functions the library
    lacks.  Raises ImportError listing every path tried.
    """
    tried: List[str] = []
    for where, path in _candidates():
        if path in ("(not found)", "(not set)"):
            tried.append("%s: %s" % (where, path.strip("()")))
            continue
        if where in ("build tree", "installed with the package") and not os.path.exists(path):
            tried.append("%s: %s does not exist" % (where, path))
            continue
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            tried.append("%s: %s: %s" % (where, path, e))
            if where == ENV_VAR:
                break  # an explicit choice that fails is not overridden
            continue
        try:
            lib.airs_version_number.restype = c_int
            lib.airs_version_number.argtypes = []
            number = lib.airs_version_number()
        except AttributeError:
            tried.append("%s: %s: not the airs library" % (where, path))
            continue
        if number // 10000 != VERSION_MAJOR or (number // 100) % 100 < VERSION_MINOR:
            raise ImportError(
                "airs: %s (%s) is version %d.%d.%d; these bindings need %d.x "
                "(x >= %d)" % (path, where, number // 10000, number // 100 % 100,
                               number % 100, VERSION_MAJOR, VERSION_MINOR))
        return lib, declare(lib)
    raise ImportError("airs: cannot load the airs C library; tried:\n  "
                      + "\n  ".join(tried)
                      + "\nBuild it (meson setup build && meson compile -C build)"
                      " or set %s to the path of libairs.so." % ENV_VAR)


def declare(lib: Any) -> List[str]:
    """Set argtypes/restype/errcheck for every function in FUNCTIONS."""
    missing: List[str] = []
    # the error helpers first: errcheck closures use them
    for name in ("airs_strerror", "airs_model_errmsg", "airs_params_errmsg"):
        f = getattr(lib, name)
        f.restype, f.argtypes = FUNCTIONS[name][0], FUNCTIONS[name][1]
    for name, (restype, argtypes, kind, domain) in FUNCTIONS.items():
        try:
            f = getattr(lib, name)
        except AttributeError:
            missing.append(name)
            continue
        f.restype = restype
        f.argtypes = list(argtypes)
        if kind is not None:
            f.errcheck = _errcheck(lib, name, kind, domain)
    return missing


lib, missing = load_library()


def has(name: str) -> bool:
    """True when the loaded library exports `name`."""
    return name not in missing


__all__ = ["lib", "has", "FUNCTIONS", "load_library", "declare", "REPO_ROOT"]

"""Workforce, Params and Result: Python objects that own airs handles."""
from __future__ import annotations

import datetime as _dt
import math
import os
import threading
from array import array
from collections.abc import Mapping
from ctypes import (byref, c_char_p, c_double, c_int, c_size_t, c_uint32,
                    c_uint64, c_void_p, create_string_buffer)
from ctypes import create_string_buffer
from ctypes import sizeof as _sizeof

from . import _errors as E
from . import _ffi
from . import _args as A
from ._dates import from_day, to_day, to_month
from ._ffi import lib as _lib
from ._io import collect, save
from ._names import listed
from ._names import (ADKAR, ADKAR_SOURCES, AS_OF_RULES, BARRIERS, COLUMNS,
                     COMPONENTS, CONSTRUCTS, EMPLOYEE_FLAGS, EVIDENCE, FLAGS, INPUTS, TOOL_KINDS,
                     TOOL_SCOPES, TOOL_SIGNALS)
from ._owner import NO_HANDLE, Owner
from ._provenance import provenance_of

# Neither typing nor dataclasses is imported here: together they are half
# the import time of the bindings.  Annotations are strings (PEP 563), the
# typing names are for type checkers, and the record dataclasses live in
# airs._records, imported the first time one is made (_records()).
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import (Any, Dict, Iterator, List, Optional, Sequence, Tuple,
                        Union)

    from ._audit import Audit
    from ._compare import Comparison
    from ._plan import OrgPlan, Plan
    from ._records import (AsOfInfo, ConstructScore, Contribution, Coverage,
                           EmployeeScore, ParamInfo, Provenance, UnitAdkar,
                           UnitScore)

    DateLike = Union[_dt.date, str]
    MonthLike = Union[_dt.date, str, Tuple[int, int]]

__all__ = ["Workforce", "Params", "Result", "EmployeeScore", "UnitScore",
           "Contribution", "ConstructScore", "ParamInfo", "Provenance",
           "AsOfInfo", "Coverage", "TABLES",
           "DateLike", "MonthLike", "ToolRow", "Tools", "ManagerScore"]

_RECORDS = ("EmployeeScore", "UnitScore", "Contribution", "ConstructScore",
            "ParamInfo", "Provenance", "AsOfInfo", "Coverage", "ToolRow",
            "Tools", "ManagerScore", "UnitAdkar")
_R: Any = None


def _records() -> Any:
    """The airs._records module, imported on first use."""
    global _R
    if _R is None:
        from . import _records as r
        _R = r
    return _R


def __getattr__(name: str) -> Any:
    """The record classes and the DateLike / MonthLike aliases, made on
    first use (PEP 562)."""
    if name in _RECORDS:
        value = getattr(_records(), name)
    elif name in ("DateLike", "MonthLike"):
        from typing import Tuple, Union
        value = (Union[_dt.date, str] if name == "DateLike"
                 else Union[_dt.date, str, Tuple[int, int]])
    else:
        raise AttributeError("module %r has no attribute %r" % (__name__, name))
    globals()[name] = value
    return value


#: Table names accepted by Workforce.add_table (docs/data-format.md), in
#: the order the loader reads them: a table before those naming its ids.
TABLES = ("units", "roles", "skills", "role_skills", "employees", "courses",
          "tools", "survey_items", "survey_waves", "assessments", "training",
          "responses", "usage")


def _s(b: Optional[bytes]) -> Optional[str]:
    return b.decode("utf-8") if b is not None else None


def _nan_none(x: float) -> Optional[float]:
    return None if math.isnan(x) else x


_COLUMN_INDEX = {n: i for i, n in enumerate(COLUMNS)}
_INT_COLUMNS = {"level", "target", "flags", "coverage", "evidence"}
_TABLES_OUT = ("employees", "units", "constructs", "skill_gaps", "provenance", "all",
               "tools", "coverage", "managers")
_CONTRIBUTION_STATUS = ("counted", "absent", "withheld", "not_assessed",
                        "unscored")
ctypes_sizeof_contribution = _sizeof(_ffi.Contribution)


def _bits(mask: int, names: Sequence[str]) -> Tuple[str, ...]:
    return tuple(n for i, n in enumerate(names) if mask & (1 << i))


def _enum(parse: Any, value: Union[str, int, None], what: str,
          names: Any = None) -> int:
    if value is None:
        return 0
    if isinstance(value, int) and not isinstance(value, bool):
        return A.integer(value, c_int, what)
    if isinstance(value, str):
        raw = A.text(value, what)
        out = c_int()
        try:
            parse(raw, len(raw), byref(out))
        except E.Error as e:
            raise E.DataError(e.status, E.unknown(
                what, value, listed(names) if names else ())) from None
        return out.value
    raise TypeError("%s must be a name or an int" % what)


def _diag_collector() -> Tuple[Any, List[E.Diagnostic]]:
    found: List[E.Diagnostic] = []

    def on_diag(d: Any, user: Any) -> None:
        found.append(_ffi.diagnostic(d.contents))

    return _ffi.DiagFn(on_diag), found


# ----------------------------------------------------------------------
# Params
# ----------------------------------------------------------------------


def _describe() -> Iterator[Tuple[bytes, Optional[bytes], Optional[bytes]]]:
    """(name, default, description) of every parameter, as the library
    gives them."""
    i = 0
    while True:
        default, desc = c_char_p(), c_char_p()
        name = _lib.airs_params_describe(i, byref(default), byref(desc))
        if name is None:
            return
        yield name, default.value, desc.value
        i += 1


def describe_params() -> List[ParamInfo]:
    """Every scoring parameter, in alphabetical order."""
    info = _records().ParamInfo
    return [info(name.decode(), _s(default) or "", _s(desc) or "")
            for name, default, desc in _describe()]


class Params(Owner, Mapping):  # type: ignore[type-arg]
    """Scoring parameters (docs/methodology.md section 5), starting at the
    defaults.

    Names are the library's dotted names::

        p = airs.Params({"weights.skill": 0.5, "as_of": "2026-06-30"})
        p["anonymity.min_group"] = 7

    Numbers, booleans, dates and text values are accepted; reading a
    parameter gives a float, except ``as_of`` which reads as its text
    ("auto" or "YYYY-MM-DD").  Errors raise :class:`ParameterError`.
    """

    _what = "parameters object"

    def __init__(self, values: Optional[Mapping[str, Any]] = None) -> None:
        self._lib = _lib
        h = c_void_p()
        _lib.airs_params_new(byref(h), None)
        self._own(h.value, _lib.airs_params_free)
        self._names = tuple(name.decode() for name, _, _ in _describe())
        if values:
            self.update(values)

    @classmethod
    def from_file(cls, path: Union[str, "os.PathLike[str]"]) -> "Params":
        """Parameters from an INI-style config file (defaults elsewhere)."""
        p = cls()
        p.load_file(path)
        return p

    def load_file(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Apply a config file, all or nothing."""
        raw = A.path(path)
        with self._handle as h:
            self._lib.airs_params_load_file(h, raw, _ffi.Diag())

    def load_text(self, text: str, name: str = "<string>") -> None:
        """Apply config text held in memory; `name` appears in messages."""
        raw = text.encode("utf-8")
        n = A.text(name, "name")
        with self._handle as h:
            self._lib.airs_params_load_buffer(h, n, raw, len(raw), _ffi.Diag())

    def update(self, values: Mapping[str, Any] = (), **_: Any) -> None:  # type: ignore[override]
        """Set several parameters; stops at the first error."""
        if _:
            raise TypeError("keyword arguments are ambiguous for dotted names; "
                            "pass a dict: Params({'weights.skill': 0.5})")
        items = values.items() if isinstance(values, Mapping) else values
        for k, v in items:
            self[k] = v

    def __setitem__(self, name: str, value: Any) -> None:
        """Set one parameter from a number, bool, date or text."""
        raw = A.text(name, "parameter name")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            with self._handle as h:
                self._lib.airs_params_set_double(h, raw, float(value))
            return
        if isinstance(value, bool):
            v = b"1" if value else b"0"
        elif isinstance(value, _dt.date):
            v = value.isoformat().encode()
        elif value is None:
            v = b""
        elif isinstance(value, str):
            v = A.text(value, "value of %s" % name)
        else:
            raise TypeError("parameter %s: unsupported value type %s"
                            % (name, type(value).__name__))
        with self._handle as h:
            self._lib.airs_params_set(h, raw, v)

    def text(self, name: str) -> str:
        """The text form of a parameter, as in a config file."""
        if name not in self._names:  # a name with a NUL byte is unknown too
            raise E.NotFound(E.ENOTFOUND, "unknown parameter %r" % name)
        raw = A.text(name, "parameter name")
        with self._handle as h:
            n = self._lib.airs_params_get(h, raw, None, 0)
            buf = create_string_buffer(n + 1)
            self._lib.airs_params_get(h, raw, buf, n + 1)
        return buf.value.decode("utf-8")

    def __getitem__(self, name: str) -> Any:
        if name not in self._names:  # a KeyError, as a Mapping's should be
            raise E.NotFound(E.ENOTFOUND, "unknown parameter %r" % name)
        raw = A.text(name, "parameter name")
        if name == "as_of":
            return self.text(name)
        out = c_double()
        with self._handle as h:
            self._lib.airs_params_get_double(h, raw, byref(out))
        return out.value

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def reset(self) -> None:
        """Restore every parameter to its default."""
        with self._handle as h:
            self._lib.airs_params_reset(h)

    @property
    def digest(self) -> str:
        """SHA-256 (hex) of the canonical text of all parameters."""
        buf = create_string_buffer(65)
        with self._handle as h:
            self._lib.airs_params_digest(h, buf)
        return buf.value.decode()

    def to_text(self) -> Dict[str, str]:
        """Every parameter's text form, by name."""
        return {n: self.text(n) for n in self._names}

    def __repr__(self) -> str:
        try:
            return "Params(digest=%s)" % self.digest[:12]
        except E.Error:  # closed, perhaps by another thread meanwhile
            return "Params(closed)"


# ----------------------------------------------------------------------
# Workforce
# ----------------------------------------------------------------------



def _mapping_line(key: Any, value: Any) -> str:
    k, v = str(key), str(value)
    if any(c in k + v for c in "\r\n") or "=" in k:
        raise ValueError("mapping %r = %r: keys and values are one line each, "
                         "and a key holds no '='" % (k, v))
    if v == "" or v != v.strip():
        v = '"%s"' % v  # an empty header, "not given", or kept spaces
    return "%s = %s\n" % (k, v)


def _mapping_text(mapping: Any) -> Tuple[Optional[bytes], bytes]:
    """The mapping as the library reads it: (text, name for messages)."""
    if mapping is None:
        return None, b"mapping"
    if isinstance(mapping, os.PathLike):
        with open(mapping, "rb") as f:
            return f.read(), os.fsencode(os.path.basename(os.fspath(mapping)))
    if isinstance(mapping, bytes):
        return mapping, b"mapping"
    if isinstance(mapping, str):
        return mapping.encode("utf-8"), b"mapping"
    if not isinstance(mapping, Mapping):
        raise TypeError("mapping: expected mapping text, a path or a dict, "
                        "not %s" % type(mapping).__name__)
    top, sections = [], []
    for key, value in mapping.items():
        if isinstance(value, Mapping):
            name = str(key) if str(key).endswith(".csv") else str(key) + ".csv"
            sections.append("[%s]\n" % name)
            sections.extend(_mapping_line(k, v) for k, v in value.items())
        else:
            top.append(_mapping_line(key, value))
    return "".join(top + sections).encode("utf-8"), b"mapping"


class Workforce(Owner):
    """A workforce model: units, roles, skills, employees and their
    records.  Build it with :meth:`load` (a dataset folder), the
    ``add_*`` methods or :meth:`add_table`, then :meth:`score` it.

    The model is finished (frozen) on the first :meth:`score`; after that
    it is immutable and may be scored from several threads at once.
    """

    _what = "workforce"

    def __init__(self) -> None:
        """An empty workforce."""
        self._lib = _lib
        h = c_void_p()
        _lib.airs_model_new(byref(h), None)
        self._own(h.value, _lib.airs_model_free)
        self._finish_lock = threading.Lock()
        self._roles: Optional[Dict[str, str]] = None  # _role_names()
        self._units: Optional[Dict[str, str]] = None  # _unit_names()
        #: Warnings (and errors) reported by the loads so far.
        self.diagnostics: List[E.Diagnostic] = []

    # -- loading ------------------------------------------------------
    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"], *,
             max_errors: int = 100, max_rows: int = 0, max_ids: int = 0,
             max_depth: int = 0, max_role_skills: int = 0,
             follow_symlinks: bool = False, mapping: Any = None,
             strict: bool = False, threads: int = 0) -> "Workforce":
        """Load a dataset folder (docs/data-format.md).

        Up to `max_errors` errors are collected; a failed load raises
        :class:`DataError` for the first one with ``.diagnostics`` listing
        all of them.  Warnings end up in :attr:`diagnostics`.

        The limits (records per file, ids of a kind, depth of the unit
        tree and management chains, skills one role requires; 0: the
        library's defaults) bound what
        an untrusted upload may hold (docs/data-format.md, "Limits").
        Only regular files are read; a table that is a symbolic link is
        refused unless `follow_symlinks`.

        `mapping` reads an export as its system wrote it (docs/data-
        format.md, "Mapping an export"): the text of a mapping file, a
        path to one (``pathlib.Path``), or a dict such as
        ``{"date_format": "DD/MM/YYYY", "employees.csv": {"employee_id":
        "Worker ID", "is_leader.Y": "1"}}``.  `strict` makes an unknown
        column an error instead of a warning.  `threads`: threads reading
        the record files (0: one per CPU; 1: only this one); the
        workforce is the same for any value.
        """
        raw = A.path(path)
        limits = (A.integer(max_rows, c_uint64, "max_rows"),
                  A.integer(max_ids, c_uint64, "max_ids"),
                  A.integer(max_depth, c_uint32, "max_depth"),
                  (_ffi.LOAD_FOLLOW_SYMLINKS if follow_symlinks else 0) |
                  (_ffi.LOAD_STRICT if strict else 0),
                  A.integer(max_role_skills, c_uint32, "max_role_skills"))
        wf = cls()
        try:
            wf._load(lambda h, opts, diag: wf._lib.airs_load_dir(h, raw, opts, diag),
                     max_errors, limits, mapping, threads)
        except BaseException:
            wf.close()
            raise
        return wf

    def _load(self, call: Any, max_errors: int,
              limits: Tuple[int, int, int, int, int] = (0, 0, 0, 0, 0),
              mapping: Any = None, threads: int = 0) -> None:
        """call(handle, options, diag) with the diagnostics collected."""
        fn, found = _diag_collector()
        opts = _ffi.LoadOptions()
        opts.max_errors = max(1, A.integer(max_errors, c_uint32, "max_errors"))
        opts.threads = A.integer(threads, c_size_t, "threads")
        (opts.max_rows, opts.max_ids, opts.max_depth, opts.flags,
         opts.max_role_skills) = limits
        map_text, map_name = _mapping_text(mapping)
        if map_text is not None:
            opts.map, opts.map_len, opts.map_name = map_text, len(map_text), map_name
        opts.on_diag = fn
        diag = _ffi.Diag()
        try:
            with self._handle as h:
                call(h, opts, diag)
        except E.DataError as e:
            e.diagnostics = list(found)
            raise
        finally:
            self.diagnostics.extend(found)

    def add_table(self, name: str, data: Any, *, max_errors: int = 100) -> None:
        """Load one table (CSV text, bytes or a pandas DataFrame) into the
        workforce; `name` is a table such as "employees" or
        "employees.csv".  See :meth:`add_tables`."""
        self.add_tables({name: data}, max_errors=max_errors)

    def add_tables(self, tables: Mapping[str, Any], *,
                   max_errors: int = 100, mapping: Any = None) -> None:
        """Load several tables in one all-or-nothing call
        (``airs_load_buffers``), in dependency order whatever their order
        here.  Values are CSV text (str or bytes) or DataFrames; `mapping`
        as for :meth:`load`."""
        names, blobs = [], []
        for name, data in tables.items():
            raw = A.text(name, "table name")
            if not name.endswith(".csv"):
                raw += b".csv"
            if raw[:-4].decode() not in TABLES:
                raise E.DataError(E.EINVAL, E.unknown("table", name, TABLES))
            if hasattr(data, "to_csv") and not isinstance(data, (str, bytes)):
                from ._frames import table_csv
                data = table_csv(name, data)
            if isinstance(data, str):
                data = data.encode("utf-8")
            if not isinstance(data, (bytes, bytearray, memoryview)):
                raise TypeError("table %s: expected CSV text or a DataFrame" % name)
            names.append(raw)
            blobs.append(bytes(data))
        arr = (_ffi.TableBuffer * max(1, len(names)))()
        for i, (n, b) in enumerate(zip(names, blobs)):
            arr[i].name = n
            arr[i].data = b
            arr[i].len = len(b)
        self._load(lambda h, opts, diag: self._lib.airs_load_buffers(
            h, arr, len(names), opts, diag), max_errors, (0, 0, 0, 0, 0), mapping)

    # -- adding -------------------------------------------------------
    def _add(self, add: Any, rec: Any) -> None:
        with self._handle as h:
            add(h, rec)

    def add_unit(self, id: str, name: Optional[str] = None,
                 parent_id: Optional[str] = None, target_level: int = 0) -> None:
        """Add an org unit (parents first).  target_level 1..5, or 0 to
        inherit; name defaults to the id."""
        r = _ffi.UnitRec()
        r.id = uid = A.ident(id, "unit id")
        r.name = uid if name is None else A.text(name, "name")
        r.parent_id = A.opt_ident(parent_id, "parent_id")
        r.target_level = A.integer(target_level or 0, c_int, "target_level")
        self._add(self._lib.airs_model_add_unit, r)

    def add_role(self, id: str, name: Optional[str] = None) -> None:
        """Add a job role; name defaults to the id."""
        r = _ffi.RoleRec()
        r.id = uid = A.ident(id, "role id")
        r.name = uid if name is None else A.text(name, "name")
        self._add(self._lib.airs_model_add_role, r)

    def add_skill(self, id: str, name: Optional[str] = None,
                  category: Optional[str] = None,
                  prerequisites: Optional[Mapping[str, float]] = None) -> None:
        """Add an AI skill, optionally with prerequisites
        ``{skill_id: min_level}`` (those skills must exist)."""
        r = _ffi.SkillRec()
        r.id = uid = A.ident(id, "skill id")
        r.name = uid if name is None else A.text(name, "name")
        r.category = A.opt_text(category, "category")
        for req in prerequisites or {}:  # all checked before anything is added
            A.ident(req, "prerequisite skill id")
        self._add(self._lib.airs_model_add_skill, r)
        for req, lvl in (prerequisites or {}).items():
            self.add_prerequisite(id, req, lvl)

    def add_prerequisite(self, skill_id: str, requires_id: str,
                         min_level: float = 1.0) -> None:
        """Record that learning skill_id needs requires_id at min_level."""
        r = _ffi.PrerequisiteRec()
        r.skill_id = A.ident(skill_id, "skill_id")
        r.requires_id = A.ident(requires_id, "requires_id")
        r.min_level = float(min_level)
        self._add(self._lib.airs_model_add_prerequisite, r)

    def add_requirement(self, role_id: str, skill_id: str,
                        required_level: float, weight: float = 1.0) -> None:
        """A role's required level (0..5) of a skill, with a weight > 0."""
        r = _ffi.RoleSkillRec()
        r.role_id = A.ident(role_id, "role_id")
        r.skill_id = A.ident(skill_id, "skill_id")
        r.required_level, r.weight = float(required_level), float(weight)
        self._add(self._lib.airs_model_add_role_skill, r)

    def add_employee(self, id: str, unit_id: str, role_id: str,
                     is_leader: bool = False, *, manager_id: Optional[str] = None,
                     attributes: Optional[Mapping[str, str]] = None) -> None:
        """Add an employee; optionally their manager (already added) and
        audit attributes such as ``{"gender": "female"}``."""
        r = _ffi.EmployeeRec()
        r.id = A.ident(id, "employee id")
        r.unit_id = A.ident(unit_id, "unit_id")
        r.role_id = A.ident(role_id, "role_id")
        r.is_leader = 1 if is_leader else 0
        if manager_id is not None and manager_id != "":  # checked first
            A.ident(manager_id, "manager_id")
        for k, v in (attributes or {}).items():
            A.text(k, "attribute name")
            A.opt_text(v, "value of attribute %s" % k)
        self._add(self._lib.airs_model_add_employee, r)
        if manager_id is not None and manager_id != "":
            self.set_manager(id, manager_id)
        for k, v in (attributes or {}).items():
            self.set_attribute(id, k, v)

    def add_assessment(self, employee_id: str, skill_id: str, level: float,
                       date: DateLike, source: Union[str, int] = "self") -> None:
        """A skill assessment (level 0..5) by "self", "manager", "test"
        or "certification"."""
        r = _ffi.AssessmentRec()
        r.employee_id = A.ident(employee_id, "employee_id")
        r.skill_id = A.ident(skill_id, "skill_id")
        r.level = float(level)
        r.source = _enum(self._lib.airs_source_parse, source, "source",
                         self._lib.airs_source_name)
        r.date = to_day(date, "date")
        self._add(self._lib.airs_model_add_assessment, r)

    def add_course(self, id: str, name: str, skill_id: str, hours: float,
                   level_gain: float = 1.0, format: Union[str, int] = "self_paced",
                   cost: float = 0.0) -> None:
        """A course of the learning catalogue."""
        r = _ffi.CourseRec()
        r.id = A.ident(id, "course id")
        r.name = A.text(name, "name")
        r.skill_id = A.ident(skill_id, "skill_id")
        r.hours, r.level_gain, r.cost = float(hours), float(level_gain), float(cost)
        r.format = _enum(self._lib.airs_format_parse, format, "format",
                         self._lib.airs_format_name)
        self._add(self._lib.airs_model_add_course, r)

    def add_training(self, employee_id: str, hours: float, date: DateLike, *,
                     course_id: Optional[str] = None, skill_id: Optional[str] = None,
                     status: Union[str, int] = "completed") -> None:
        """Hours of learning on a course and/or skill; status "completed",
        "in_progress" or "planned"."""
        r = _ffi.TrainingRec()
        r.employee_id = A.ident(employee_id, "employee_id")
        r.course_id = A.opt_ident(course_id, "course_id")
        r.skill_id = A.opt_ident(skill_id, "skill_id")
        r.hours, r.date = float(hours), to_day(date, "date")
        r.status = _enum(self._lib.airs_training_status_parse, status,
                         "status", self._lib.airs_training_status_name)
        self._add(self._lib.airs_model_add_training, r)

    def add_survey_item(self, id: str, construct: str, *, scale_min: float = 1,
                        scale_max: float = 5, reverse: bool = False,
                        text: Optional[str] = None,
                        tool_id: Optional[str] = None) -> None:
        """A survey item measuring `construct` ("clarity", "trust", ...);
        with `tool_id`, an item about that one AI tool, scored only for
        the tool's benefit in :meth:`Result.tools`."""
        r = _ffi.SurveyItemRec()
        r.id = A.ident(id, "survey item id")
        r.construct = A.text(construct, "construct")
        r.text = A.opt_text(text, "text")
        r.tool_id = A.opt_ident(tool_id, "tool_id")
        r.scale_min, r.scale_max = float(scale_min), float(scale_max)
        r.reverse = 1 if reverse else 0
        self._add(self._lib.airs_model_add_survey_item, r)

    def add_response(self, employee_id: str, item_id: str, value: float,
                     date: DateLike, wave_id: Optional[str] = None) -> None:
        """One answer to one survey item; wave_id (since 1.2) names the
        survey wave it was given in, whose period must hold the date."""
        r = _ffi.ResponseRec()
        r.employee_id = A.ident(employee_id, "employee_id")
        r.item_id = A.ident(item_id, "item_id")
        r.value, r.date = float(value), to_day(date, "date")
        r.wave_id = A.opt_ident(wave_id, "wave_id")
        self._add(self._lib.airs_model_add_response, r)

    def add_wave(self, id: str, start: DateLike, end: DateLike) -> None:
        """A survey wave (survey_waves.csv; since 1.2): a closed survey
        period, start .. end inclusive, before the responses that name
        it.  Survey figures read the latest wave that ended on or before
        the as-of date (docs/methodology.md, 4.1)."""
        r = _ffi.WaveRec()
        r.id = A.ident(id, "wave id")
        r.start, r.end = to_day(start, "start"), to_day(end, "end")
        self._add(self._lib.airs_model_add_wave, r)

    def add_usage(self, employee_id: str, tool_id: str, period: MonthLike,
                  active_days: int) -> None:
        """AI tool use of one employee, one tool, one month ("YYYY-MM")."""
        r = _ffi.UsageRec()
        r.employee_id = A.ident(employee_id, "employee_id")
        r.tool_id = A.ident(tool_id, "tool_id")
        r.period = to_month(period, "period")
        r.active_days = A.integer(active_days, c_int, "active_days")
        self._add(self._lib.airs_model_add_usage, r)

    def add_tool(self, id: str, name: str, *, sanctioned: bool = True,
                 category: Optional[str] = None,
                 available_from: Optional[MonthLike] = None) -> None:
        """Register an AI tool (tools.csv), before the usage and survey
        items that name it.  Usage of tools a registry lacks counts as
        unregistered and unsanctioned (docs/methodology.md, section 9)."""
        r = _ffi.ToolRec()
        r.id = A.ident(id, "tool id")
        r.name = A.text(name, "name")
        r.category = A.opt_text(category, "category")
        r.unsanctioned = 0 if sanctioned else 1
        if available_from is not None:
            r.available_from = to_month(available_from, "available_from")
        self._add(self._lib.airs_model_add_tool, r)

    def set_manager(self, employee_id: str, manager_id: Optional[str]) -> None:
        """Record (or with None clear) an employee's manager."""
        e = A.ident(employee_id, "employee_id")
        m = A.ident("" if manager_id is None else manager_id, "manager_id")
        with self._handle as h:
            self._lib.airs_model_set_manager(h, e, m)

    def set_attribute(self, employee_id: str, name: str, value: Optional[str]) -> None:
        """Set (or with None/"" clear) an audit attribute of an employee."""
        e = A.ident(employee_id, "employee_id")
        n = A.text(name, "attribute name")
        v = A.text(value or "", "value of attribute %s" % name)
        with self._handle as h:
            self._lib.airs_model_set_attribute(h, e, n, v)

    # -- reading ------------------------------------------------------
    def finish(self) -> None:
        """Freeze the model (done by the first :meth:`score`)."""
        with self._finish_lock, self._handle as h:
            if not self._lib.airs_model_is_finished(h):
                self._lib.airs_model_finish(h)

    @property
    def finished(self) -> bool:
        """True once the model is frozen."""
        with self._handle as h:
            return bool(self._lib.airs_model_is_finished(h))

    def count(self, kind: str) -> int:
        """Number of entities of a kind: "unit", "employee", "assessment"..."""
        counts = self.counts()
        if kind not in counts:
            raise E.NotFound(E.ENOTFOUND, E.unknown("kind", kind, counts))
        return counts[kind]

    def counts(self) -> Dict[str, int]:
        """Entity counts by kind name."""
        out = {}
        i = 0
        with self._handle as h:
            while True:
                name = self._lib.airs_entity_name(i)
                if name is None:
                    return out
                out[name.decode()] = self._lib.airs_model_count(h, i)
                i += 1

    def __len__(self) -> int:
        """The number of employees."""
        with self._handle as h:
            return self._lib.airs_model_count(h, 5)

    @property
    def digest(self) -> str:
        """SHA-256 (hex) of the model's canonical content; finishes it."""
        self.finish()
        buf = create_string_buffer(65)
        with self._handle as h:
            self._lib.airs_model_digest(h, buf)
        return buf.value.decode()

    def score(self, params: Union["Params", Mapping[str, Any], None] = None) -> "Result":
        """Score every employee (finishing the model first if needed).

        `params` is a :class:`Params`, a dict of parameter values or None
        for the defaults.  Safe to call from several threads at once."""
        self.finish()
        own = None
        if params is not None and not isinstance(params, Params):
            params = own = Params(params)
        try:
            out = c_void_p()
            diag = _ffi.Diag()
            with self._handle as h, (params._handle if params is not None
                                     else NO_HANDLE) as p:
                self._lib.airs_score(h, p, byref(out), diag)
            result = Result(out.value)
            result._role_names = self._role_names()
            result._unit_names = self._unit_names()
            return result
        finally:
            if own is not None:
                own.close()

    def score_partial(self, params: Union["Params", Mapping[str, Any], None] = None,
                      binary: bool = True) -> bytes:
        """Score every employee and return only the rollup partial
        (binary, or text): the bytes ``score(params).partial(binary)``
        gives, without finishing what only a result needs - what a
        shard of sharded scoring is for (``airs_score_partial``)."""
        self.finish()
        own = None
        if params is not None and not isinstance(params, Params):
            params = own = Params(params)
        try:
            with self._handle as h, (params._handle if params is not None
                                     else NO_HANDLE) as p:
                return collect(lambda fn, diag: self._lib.airs_score_partial(
                    h, p, None, int(bool(binary)), fn, None, diag))
        finally:
            if own is not None:
                own.close()

    def _role_names(self) -> Dict[str, str]:
        """Role id -> name of the finished model in its index order,
        read once (for the results' DataFrames: a result does not hand
        out its model)."""
        if self._roles is None:
            self._roles = self._names(1, _ffi.RoleRec(),  # AIRS_ENTITY_ROLE
                                      self._lib.airs_model_get_role)
        return self._roles

    def _unit_names(self) -> Dict[str, str]:
        """Unit id -> name, as :meth:`_role_names`."""
        if self._units is None:
            self._units = self._names(0, _ffi.UnitRec(),  # AIRS_ENTITY_UNIT
                                      self._lib.airs_model_get_unit)
        return self._units

    def _names(self, entity: int, rec: Any, get: Any) -> Dict[str, str]:
        out = {}
        with self._handle as h:
            for i in range(self._lib.airs_model_count(h, entity)):
                get(h, i, rec)
                out[_s(rec.id) or ""] = _s(rec.name) or ""
        return out

    def __repr__(self) -> str:
        try:
            return "<airs.Workforce %d employees%s>" % (
                len(self), ", finished" if self.finished else "")
        except E.Error:  # closed, perhaps by another thread meanwhile
            return "<airs.Workforce closed>"


# ----------------------------------------------------------------------
# Result records
# ----------------------------------------------------------------------


def _count(v: int) -> Optional[int]:
    return None if v == _ffi.SUPPRESSED else int(v)


def _unit(u: Any) -> UnitScore:
    return _records().UnitScore(
        id=_s(u.id), name=_s(u.name) or "", parent_id=_s(u.parent_id),
        depth=u.depth, headcount=int(u.headcount), scored=int(u.scored),
        readiness_mean=u.readiness_mean, readiness_median=u.readiness_median,
        levels=tuple(int(x) for x in u.levels), target=u.target,
        with_target=int(u.with_target), gap_mean=u.gap_mean,
        below_target_share=u.below_target_share,
        flags=tuple((FLAGS[i], _count(u.flags[i])) for i in range(len(FLAGS))),
        net_score=u.net_score, net_respondents=_count(u.net_respondents),
        time_saved=u.time_saved,
        time_saved_respondents=_count(u.time_saved_respondents),
        respondents=_count(u.respondents), leaders=int(u.leaders),
        readiness_ci=_ci(u.readiness_ci), gap_ci=_ci(u.gap_ci),
        below_target_ci=_ci(u.below_target_ci),
        time_saved_ci=_ci(u.time_saved_ci),
        response_rate_ci=_ci(u.response_rate_ci),
        flag_rate_ci=tuple((FLAGS[i], _ci(u.flag_rate_ci[i]))
                           for i in range(len(FLAGS))),
        insufficient=int(u.insufficient))


def _ci(v: Any) -> Tuple[float, float]:
    return (v.low, v.high)


def _construct_index(construct: str) -> int:
    try:
        return CONSTRUCTS.index(construct)
    except ValueError:
        raise E.NotFound(E.ENOTFOUND, E.unknown("construct", construct,
                                                CONSTRUCTS)) from None


def _construct(c: Any, construct: str, unit_id: Optional[str]) -> ConstructScore:
    """A ConstructScore record of an airs_construct_score (unit_id: None
    for the organisation and for manager groups)."""
    return _records().ConstructScore(
        construct=construct, unit_id=unit_id,
        respondents=_count(c.respondents), mean=c.mean,
        favourable=c.favourable, unfavourable=c.unfavourable,
        leaders=_count(c.leaders), staff=_count(c.staff),
        leaders_mean=c.leaders_mean, staff_mean=c.staff_mean,
        perception_gap=c.perception_gap, mean_ci=_ci(c.mean_ci),
        favourable_ci=_ci(c.favourable_ci),
        unfavourable_ci=_ci(c.unfavourable_ci),
        leaders_mean_ci=_ci(c.leaders_mean_ci),
        staff_mean_ci=_ci(c.staff_mean_ci),
        perception_gap_ci=_ci(c.perception_gap_ci))


def _name(names: Sequence[str], v: int) -> str:
    return names[v] if 0 <= v < len(names) else str(v)


def _as_of_info(ai: Any) -> AsOfInfo:
    return _records().AsOfInfo(
        as_of=from_day(ai.as_of), rule=_name(AS_OF_RULES, ai.rule),
        latest=from_day(ai.latest) if ai.evidence else None,
        bulk=from_day(ai.bulk) if ai.bulk else None,
        evidence=int(ai.evidence), left_out=int(ai.left_out),
        planned_after=int(ai.planned_after))
def _month_text(m: int) -> str:
    """A library month count as "YYYY-MM"."""
    return "%04d-%02d" % (1970 + m // 12, m % 12 + 1)


def _tool_row(o: Any) -> Any:
    def c(v: int) -> Optional[int]:
        return _count(v)
    return _records().ToolRow(
        scope=TOOL_SCOPES[o.scope], unit_id=_s(o.unit_id), role_id=_s(o.role_id),
        kind=TOOL_KINDS[o.kind], tool_id=_s(o.tool_id),
        registered=bool(o.registered),
        sanctioned=None if o.sanctioned < 0 else bool(o.sanctioned),
        headcount=int(o.headcount), users=c(o.users),
        active_share=o.active_share, active_share_ci=_ci(o.active_share_ci),
        habitual=c(o.habitual), habitual_share=o.habitual_share,
        habitual_share_ci=_ci(o.habitual_share_ci), lapsed=c(o.lapsed),
        lapsed_share=o.lapsed_share, lapsed_share_ci=_ci(o.lapsed_share_ci),
        new_users=c(o.new_users), active_days=c(o.active_days),
        activity_share=o.activity_share,
        active_days_median=o.active_days_median,
        first_use_months_median=o.first_use_months_median,
        benefit_respondents=c(o.benefit_respondents), benefit=o.benefit,
        benefit_ci=_ci(o.benefit_ci), signals=_bits(o.signals, TOOL_SIGNALS))


# ----------------------------------------------------------------------
# Result
# ----------------------------------------------------------------------


class Result(Owner):
    """The scores of every employee and the unit aggregates.

    A result keeps its model alive inside the library, so it stays valid
    after its :class:`Workforce` is closed.  It is read-only and may be
    read from several threads.  Bulk reads (:meth:`column`, :attr:`ids`,
    :meth:`to_records`, :meth:`to_dataframe`) copy whole columns in one
    call each.
    """

    _what = "result"

    def __init__(self, handle: int) -> None:
        self._lib = _lib
        self._own(handle, _lib.airs_result_free)
        self._n = _lib.airs_result_employee_count(handle)
        self._ids: Optional[List[str]] = None
        #: role id -> name, from the workforce that scored it (None: not known)
        self._role_names: Optional[Dict[str, str]] = None
        self._unit_names: Optional[Dict[str, str]] = None

    def __len__(self) -> int:
        """The number of employees."""
        return self._n

    def __repr__(self) -> str:
        return "<airs.Result %d employees>" % self._n

    def rescore(self, params: Union["Params", Mapping[str, Any], None] = None
                ) -> "Result":
        """The result :meth:`Workforce.score` would give with `params`
        (a :class:`Params`, a dict of values over the defaults, or None),
        bit for bit, reusing from this result what the parameters that
        changed cannot affect: after a change of weights, level
        thresholds and other readiness-only parameters about a tenth of
        a score's CPU time at 100,000 employees (docs/performance.md).  This result is left as it
        was; the new one is independent of it.  Safe to call from several
        threads at once.

        An analyst's slider::

            p = airs.Params({"weights.skill": 0.5})
            r = workforce.score(p)
            p["weights.skill"] = 0.6
            r = r.rescore(p)
        """
        own = None
        if params is not None and not isinstance(params, Params):
            params = own = Params(params)
        try:
            out = c_void_p()
            diag = _ffi.Diag()
            with self._handle as h, (params._handle if params is not None
                                     else NO_HANDLE) as p:
                self._lib.airs_rescore(h, p, None, byref(out), diag)
            result = Result(out.value)
            result._role_names = self._role_names
            result._unit_names = self._unit_names
            return result
        finally:
            if own is not None:
                own.close()

    @property
    def as_of(self) -> _dt.date:
        """The as-of date the result was computed for."""
        with self._handle as h:
            return from_day(self._lib.airs_result_as_of(h))

    # -- bulk ---------------------------------------------------------
    @property
    def ids(self) -> List[str]:
        """Employee ids in result order (bytewise id order)."""
        if self._ids is None:
            n = self._n
            buf = (c_char_p * max(n, 1))()
            with self._handle as h:  # the strings belong to the result
                if n:
                    self._lib.airs_result_ids(h, buf, n)
                self._ids = [b.decode("utf-8") for b in buf[:n]]
        return list(self._ids)

    columns: Tuple[str, ...] = COLUMNS
    """Names of the numeric columns (readiness, level, ..., is_leader)."""

    def column(self, name: str) -> "array[float]":
        """One numeric column for every employee, as ``array('d')``
        (one C call).  Missing values are NaN."""
        try:
            idx = _COLUMN_INDEX[name]
        except KeyError:
            raise E.NotFound(E.ENOTFOUND, E.unknown("column", name, COLUMNS)) from None
        n = self._n
        arr = array("d", bytes(8 * n))
        if n:
            buf = (c_double * n).from_buffer(arr)
            with self._handle as h:
                self._lib.airs_result_column(h, idx, buf, n)
            del buf
        return arr

    @property
    def readiness(self) -> "array[float]":
        """The readiness column (0..100, NaN when unknown)."""
        return self.column("readiness")

    @property
    def level(self) -> "array[float]":
        """The maturity level column (1..5, 0 unknown)."""
        return self.column("level")

    @property
    def gap_levels(self) -> "array[float]":
        """The gap column in levels (target - level; NaN when unknown)."""
        return self.column("gap_levels")

    def to_records(self) -> List[Dict[str, Any]]:
        """Every employee as a dict: ``employee_id`` and every column;
        integer columns as int, ``is_leader`` as bool, ``barrier`` as its
        name.  Missing numbers are NaN."""
        cols = {n: self.column(n) for n in COLUMNS}
        keys = ["employee_id"] + list(COLUMNS)
        conv: List[Any] = [self.ids]
        for n in COLUMNS:
            c = cols[n]
            if n == "barrier":
                conv.append([BARRIERS[int(x)] for x in c])
            elif n == "is_leader":
                conv.append([x != 0 for x in c])
            elif n in _INT_COLUMNS:
                conv.append([int(x) for x in c])
            else:
                conv.append(c.tolist())
        return [dict(zip(keys, row)) for row in zip(*conv)]

    # -- pandas (airs/_frames.py) -------------------------------------
    def to_dataframe(self) -> Any:
        """A pandas DataFrame indexed by ``employee_id``: unit and role
        ids and names, the scores, one boolean column per flag
        (``flag_left_behind``...; <NA> where its rule could not be
        evaluated) and per component (``coverage_skill``...,
        ``withheld_skill``...), unknown values NaN or <NA> (docs/python.md,
        "DataFrames").  Needs pandas; :meth:`to_records` does not."""
        from . import _frames
        return _frames.employees(self)

    def units_dataframe(self) -> Any:
        """The units' aggregates (:attr:`units`) as a pandas DataFrame
        indexed by ``unit_id``, in tree order; counts hidden for
        anonymity are <NA>, hidden figures NaN.  Needs pandas."""
        from . import _frames
        return _frames.units(self)

    # -- single employees ---------------------------------------------
    def index(self, employee_id: str) -> int:
        """Position of an employee in the result; NotFound if absent."""
        raw = A.ident(employee_id, "employee_id")
        i = c_size_t()
        try:
            with self._handle as h:
                self._lib.airs_result_find_employee(h, raw, byref(i))
        except E.NotFound:
            raise E.NotFound(E.ENOTFOUND, "no employee %r in the result"
                             % employee_id) from None
        return i.value

    def _employee_at(self, h: int, i: int) -> EmployeeScore:
        """Employee i, read and copied while `h` is held (its strings
        belong to the result)."""
        e = _ffi.EmployeeScore()
        self._lib.airs_result_employee(h, i, e)
        c, a = e.component, e.adkar
        return _records().EmployeeScore(
            id=_s(e.id) or "", unit_id=_s(e.unit_id) or "",
            role_id=_s(e.role_id) or "", is_leader=bool(e.is_leader),
            readiness=e.readiness, level=e.level, target=e.target,
            gap_levels=e.gap_levels, gap_points=e.gap_points,
            skill_coverage=e.skill_coverage, skill=c[0], training=c[1],
            sentiment=c[2], adoption=c[3], awareness=a[0], desire=a[1],
            knowledge=a[2], ability=a[3], reinforcement=a[4],
            barrier=BARRIERS[e.barrier] if 0 <= e.barrier < len(BARRIERS) else str(e.barrier),
            flags=_bits(e.flags, EMPLOYEE_FLAGS),
            flags_evaluated=_bits(e.flags_evaluated, EMPLOYEE_FLAGS),
            coverage=_bits(e.coverage, COMPONENTS),
            withheld=_bits(e.withheld, COMPONENTS),
            readiness_low=e.readiness_low, readiness_high=e.readiness_high,
            evidence=_name(EVIDENCE, e.evidence),
            evidence_note=self._evidence_text(h, i),
            skills_required=int(e.skills_required),
            skills_assessed=int(e.skills_assessed))

    def _evidence_text(self, h: int, i: int) -> str:
        n = self._lib.airs_result_evidence_text(h, i, None, 0)
        buf = create_string_buffer(n + 1)
        self._lib.airs_result_evidence_text(h, i, buf, n + 1)
        return buf.value.decode("utf-8")

    @property
    def as_of_info(self) -> AsOfInfo:
        """How the as-of date was chosen (methodology 2)."""
        ai = _ffi.AsOfInfo()
        with self._handle as h:
            self._lib.airs_result_as_of_info(h, ai)
        return _as_of_info(ai)

    def coverage(self, unit_id: Optional[str] = None) -> Coverage:
        """What the data cover in the organisation (None) or a unit's
        subtree (methodology 1.1); NotFound for an unknown unit."""
        c = _ffi.Coverage()
        raw = None if unit_id is None else A.ident(unit_id, "unit_id")
        with self._handle as h:
            try:
                self._lib.airs_result_coverage(h, raw, c)
            except E.NotFound:
                raise E.NotFound(E.ENOTFOUND, "no unit %r" % unit_id) from None
        with_ = (c.with_requirements, c.with_assessments, c.with_training,
                 c.respondents, c.with_usage)
        return _records().Coverage(
            employees=int(c.employees), scored=int(c.scored),
            insufficient=int(c.insufficient),
            reasons={EVIDENCE[k]: int(v) for k, v in (
                (1, c.no_requirements), (2, c.no_skill_assessment),
                (3, c.few_skills_assessed), (4, c.no_component))},
            inputs={INPUTS[k]: _count(with_[k]) for k in range(len(INPUTS))
                    if c.inputs >> k & 1})

    def employee(self, employee_id: str) -> EmployeeScore:
        """One employee's scores by id."""
        i = self.index(employee_id)
        with self._handle as h:
            return self._employee_at(h, i)

    @property
    def employees(self) -> List[EmployeeScore]:
        """Every employee's scores, in result order (one C call per
        employee; use :meth:`to_dataframe` or :meth:`column` for bulk)."""
        with self._handle as h:
            return [self._employee_at(h, i) for i in range(self._n)]

    def explain(self, employee_id: str) -> List[Contribution]:
        """The lines that make up an employee's readiness: one per required
        skill, then one per non-skill component."""
        i = self.index(employee_id)
        count = c_size_t()
        Contribution = _records().Contribution
        out = []
        with self._handle as h:  # skill ids belong to the result's model
            self._lib.airs_result_explain(h, i, None, 0, byref(count))
            n = count.value
            lines = (_ffi.Contribution * max(n, 1))()
            for k in range(n):
                lines[k].size = ctypes_sizeof_contribution
            self._lib.airs_result_explain(h, i, lines, n, byref(count))
            for c in lines[:min(n, count.value)]:
                out.append(Contribution(
                    component=COMPONENTS[c.component], skill_id=_s(c.skill_id),
                    value=c.value, weight=c.weight, points=c.points,
                    level=c.level, required=c.required, confidence=c.confidence,
                    status=_CONTRIBUTION_STATUS[c.status]
                    if 0 <= c.status < len(_CONTRIBUTION_STATUS) else str(c.status)))
        return out

    def sentiment(self, employee_id: str) -> Dict[str, float]:
        """One employee's construct scores (0..1, NaN unanswered).  Raises
        :class:`PrivacyError` unless scored with
        ``privacy.individual_sentiment = 1``."""
        i = self.index(employee_id)
        out = (c_double * _ffi.CONSTRUCT_COUNT)()
        with self._handle as h:
            self._lib.airs_result_sentiment(h, i, out)
        return dict(zip(CONSTRUCTS, out))

    # -- units --------------------------------------------------------
    # The rollup belongs to the result: it, and every string read from
    # it, is used only while the result's handle is held.
    @property
    def units(self) -> List[UnitScore]:
        """Every unit's aggregates in tree order (each unit followed by its
        subtree)."""
        out = []
        with self._handle as h:
            r = self._lib.airs_result_rollup(h)
            for i in range(self._lib.airs_rollup_unit_count(r)):
                u = _ffi.UnitScore()
                self._lib.airs_rollup_unit(r, i, u)
                out.append(_unit(u))
        return out

    @property
    def org(self) -> UnitScore:
        """The aggregates of the whole organisation."""
        u = _ffi.UnitScore()
        with self._handle as h:
            self._lib.airs_rollup_org(self._lib.airs_result_rollup(h), u)
            return _unit(u)

    def _unit_index(self, r: int, unit_id: Optional[str]) -> int:
        """The index of a unit in rollup r (held by the caller)."""
        if unit_id is None:
            return _ffi.ROLLUP_ORG
        raw = A.ident(unit_id, "unit_id")
        i = c_size_t()
        try:
            self._lib.airs_rollup_find_unit(r, raw, byref(i))
        except E.NotFound:
            raise E.NotFound(E.ENOTFOUND, "no unit %r" % unit_id) from None
        return i.value

    def unit(self, unit_id: str) -> UnitScore:
        """One unit's aggregates by id."""
        u = _ffi.UnitScore()
        with self._handle as h:
            r = self._lib.airs_result_rollup(h)
            self._lib.airs_rollup_unit(r, self._unit_index(r, unit_id), u)
            return _unit(u)

    def construct(self, construct: str, unit_id: Optional[str] = None) -> ConstructScore:
        """Survey aggregates of a construct in a unit (None: the org)."""
        k = _construct_index(construct)
        c = _ffi.ConstructScore()
        with self._handle as h:
            r = self._lib.airs_result_rollup(h)
            self._lib.airs_rollup_construct(r, self._unit_index(r, unit_id), k, c)
        return _construct(c, construct, unit_id)

    def adkar(self, unit_id: Optional[str] = None) -> UnitAdkar:
        """A unit's ADKAR profile (None: the organisation's; methodology
        4.6): the five elements with intervals and sources, the barrier
        point, and the members by their own barrier point."""
        a = _ffi.UnitAdkar()
        with self._handle as h:
            r = self._lib.airs_result_rollup(h)
            self._lib.airs_rollup_adkar(r, self._unit_index(r, unit_id), a)
        return _records().UnitAdkar(
            unit_id=unit_id,
            elements={e: a.element[k] for k, e in enumerate(ADKAR)},
            intervals={e: _ci(a.element_ci[k]) for k, e in enumerate(ADKAR)},
            sources={e: (None if a.source[k] < 0 else _name(ADKAR_SOURCES, a.source[k]))
                     for k, e in enumerate(ADKAR)},
            suppressed=tuple(e for k, e in enumerate(ADKAR) if a.hidden >> k & 1),
            knowledge_n=int(a.knowledge_n), ability_n=int(a.ability_n),
            barrier=_name(BARRIERS, a.barrier),
            barriers={b: int(a.barriers[k]) for k, b in enumerate(BARRIERS)})

    def skill_gaps(self, unit_id: Optional[str] = None) -> Dict[str, Tuple[float, int]]:
        """Skill heatmap of a unit (None: the whole organisation is not
        available per skill; give a unit id): skill id -> (mean gap,
        employees counted)."""
        out = {}
        with self._handle as h:
            r = self._lib.airs_result_rollup(h)
            u = self._unit_index(r, unit_id)
            for k in range(self._lib.airs_rollup_skill_count(r)):
                gap, cnt = c_double(), c_uint64()
                self._lib.airs_rollup_skill(r, u, k, byref(gap), byref(cnt))
                out[_s(self._lib.airs_rollup_skill_id(r, k)) or ""] = (gap.value,
                                                                       int(cnt.value))
        return out

    # -- manager groups (airs/rollup.h, 1.2) -----------------------------
    def _manager(self, r: int, i: int) -> "ManagerScore":
        mi = _ffi.ManagerInfo()
        self._lib.airs_rollup_manager(r, i, mi)
        groups = []
        for scope in (0, 1):  # AIRS_REPORTS_DIRECT, AIRS_REPORTS_ALL
            u = _ffi.UnitScore()
            self._lib.airs_rollup_manager_group(r, i, scope, u)
            groups.append(_unit(u))
        return _records().ManagerScore(
            id=_s(mi.id) or "", manager_id=_s(mi.manager_id),
            unit_id=_s(mi.unit_id) or "", depth=mi.depth,
            direct=groups[0], line=groups[1], line_end=int(mi.line_end))

    def managers(self) -> List["ManagerScore"]:
        """Every manager (an employee someone reports to) in the order of
        the management line - each followed by the managers below them -
        with the figures of their direct reports and of their whole line
        (the manager in neither), suppressed jointly with the units
        (docs/methodology.md, 4.4).  Empty when nobody has a manager."""
        with self._handle as h:
            r = self._lib.airs_result_rollup(h)
            return [self._manager(r, i)
                    for i in range(self._lib.airs_rollup_manager_count(r))]

    def _manager_index(self, r: int, manager_id: str) -> int:
        """The index of a manager in rollup r (held by the caller)."""
        raw = A.text(manager_id, "manager_id")
        i = c_size_t()
        try:
            self._lib.airs_rollup_find_manager(r, raw, byref(i))
        except E.NotFound:
            raise E.NotFound(E.ENOTFOUND, "%r is not a manager (nobody "
                             "reports to them)" % manager_id) from None
        return i.value

    def manager(self, manager_id: str) -> "ManagerScore":
        """One manager's groups by their employee id (NotFound when nobody
        reports to them)."""
        with self._handle as h:
            r = self._lib.airs_result_rollup(h)
            return self._manager(r, self._manager_index(r, manager_id))

    def manager_construct(self, construct: str, manager_id: str,
                          scope: str = "direct") -> ConstructScore:
        """Survey aggregates of a construct in a manager's direct reports
        (scope "direct") or whole line ("line").  No leader/staff split
        is published for manager groups: leaders and staff are None."""
        k = _construct_index(construct)
        if scope not in ("direct", "line"):
            raise E.ParameterError(E.EINVAL, "scope must be 'direct' or 'line'")
        c = _ffi.ConstructScore()
        with self._handle as h:
            r = self._lib.airs_result_rollup(h)
            self._lib.airs_rollup_manager_construct(
                r, self._manager_index(r, manager_id),
                0 if scope == "direct" else 1, k, c)
        return _construct(c, construct, None)

    # -- tools (airs/tools.h, 1.1) -------------------------------------
    def tools(self) -> "Tools":
        """Adoption and value per AI tool: one row per group (units in
        tree order, the organisation, the roles) and tool (all tools, the
        unsanctioned ones with a registry, then each tool), with the
        anonymity rules applied (hidden counts None, hidden numbers NaN).
        See docs/methodology.md, section 9."""
        t = c_void_p()
        diag = _ffi.Diag()
        with self._handle as h:
            self._lib.airs_result_tools(h, byref(t), diag)
        try:
            info = _ffi.ToolsInfo()
            self._lib.airs_tools_info_get(t, info)
            rows = []
            for i in range(info.rows):
                o = _ffi.ToolRow()
                self._lib.airs_tools_row(t, i, o)
                rows.append(_tool_row(o))
        finally:
            self._lib.airs_tools_free(t)
        return _records().Tools(
            window_first=_month_text(info.window_first),
            window_last=_month_text(info.window_last),
            recent_months=info.recent_months, registry=bool(info.registry),
            lapse_known=bool(info.lapse_known), rows=tuple(rows))

    # -- plans (airs/plan.h) -------------------------------------------
    def plan(self, employee_id: str, budget_hours: Optional[float] = None,
             budget_cost: float = 0.0) -> "Plan":
        """A personal learning plan within `budget_hours` (required, as
        the CLI's --budget; 0 plans the change interventions only) and
        `budget_cost` when > 0: change interventions for the ADKAR
        barrier point, then the courses with the largest expected uplift,
        prerequisites first, and the time to the unit's target."""
        if budget_hours is None:  # 1.1 planned 0 h without a word
            raise TypeError("plan() needs budget_hours, the learning hours "
                            "to plan within (the CLI's --budget HOURS), e.g. "
                            "result.plan(%r, 40); 0 plans the change "
                            "interventions only" % (employee_id,))
        from ._plan import plan_employee
        return plan_employee(self, employee_id, budget_hours, budget_cost)

    def plan_org(self, budget_hours: float, strategy: str = "target_first", *,
                 budget_cost: float = 0.0, max_hours_per_employee: float = 0.0,
                 unit_budgets: Optional[Mapping[str, float]] = None) -> "OrgPlan":
        """Split a budget of learning hours across the organisation with a
        strategy ("target_first", the default: those below target first;
        "efficiency", "equity" or "blend"), optionally capped
        per person and with per-unit budgets ``{unit_id: hours}``."""
        from ._plan import plan_org
        return plan_org(self, budget_hours, strategy, budget_cost,
                        max_hours_per_employee, unit_budgets)

    # -- fairness audits (airs/audit.h) --------------------------------
    def audit(self, attribute: str, attribute2: Optional[str] = None, *,
              intersection: bool = False, outcome: str = "above_median",
              external: Any = None, min_share: float = 0.0,
              keep_small: bool = False, adverse: Optional[str] = None,
              plan: Any = None) -> "Audit":
        """Outcome rates, impact ratios and adverse ratios per category of
        an employee attribute (and optionally a second one and their
        intersection).  `outcome` is "above_median", "at_target", a flag
        name such as "left_behind", or "external_binary" /
        "external_value" with `external` one value per employee (a
        sequence in result order or a dict by employee id; NaN or absent:
        not in the population), or "plan_selected" / "plan_hours" with
        `plan` an OrgPlan made from this result - the bias check of a
        training allocation.  See docs/responsible-use.md."""
        from ._audit import audit
        return audit(self, attribute, attribute2, intersection=intersection,
                     outcome=outcome, external=external, min_share=min_share,
                     keep_small=keep_small, adverse=adverse, plan=plan)

    # -- key-driver analysis (airs/drivers.h) ---------------------------
    def drivers(self, outcome: str = "adoption", *, reps: Optional[int] = None,
                seed: int = 0, min_n: Optional[int] = None,
                threads: int = 0) -> "Drivers":
        """Which of the six attitude constructs, skill fit and training go
        with `outcome` ("adoption", "time_saved", "recommend",
        "usefulness"), for the organisation and every unit: Johnson's
        relative weights, Shapley/LMG shares of R^2, coefficient signs and
        95% percentile bootstrap intervals (`reps` resamples, default
        1,000, from `seed`: the same on any number of `threads`).  Only
        groups the anonymity rules allow are analysed (at least `min_n`,
        default max(30, 5 (k + 1)), people with complete data; see
        docs/methodology.md, section 10).  Association, not cause."""
        from ._drivers import drivers
        return drivers(self, outcome, reps, seed, min_n, threads)

    def compare(self, base: "Result", *,
                allow_params_change: bool = False) -> "Comparison":
        """The change from `base` (an earlier wave: another dataset, or
        this one scored at an earlier as-of date) to this result, for the
        organisation and every unit in both (docs/methodology.md, 4.7):
        readiness mean, share below target, response rate, each
        construct's mean and favourable share, the net score, hours saved,
        the share at each level and with each flag (with their counts),
        with the change's 95% interval, p-value, test
        (paired t / McNemar for the same people, Welch / two-proportion
        otherwise) and panel size.  A survey figure's change is hidden,
        with the reason, unless both results show it and its respondents
        are the same or differ by at least the minimum group.  Results
        whose parameters differ in more than the as-of date are refused
        (airs.Error, status EMISMATCH, naming both digests) unless
        `allow_params_change`."""
        from ._compare import compare
        if not isinstance(base, Result):
            raise TypeError("base must be a Result, not %s"
                            % type(base).__name__)
        return compare(self, base, allow_params_change)

    # -- export (airs/export.h) ------------------------------------------
    def write(self, table: str = "all", format: str = "json") -> bytes:
        """One table of the result ("employees", "units", "constructs",
        "skill_gaps", "provenance", "tools", "coverage", "managers", or
        "all" for JSON) as JSON or CSV
        bytes, exactly as the library writes it (docs/output-format.md)."""
        t, f = self._table_format(table, format)
        with self._handle as h:
            return collect(lambda fn, diag: self._lib.airs_result_write(
                h, t, f, fn, None, diag))

    @staticmethod
    def _table_format(table: str, format: str) -> Tuple[int, int]:
        try:
            t = _TABLES_OUT.index(table)
        except ValueError:
            raise E.NotFound(E.ENOTFOUND, E.unknown("table", table,
                                                    _TABLES_OUT)) from None
        return t, A.output(format)

    def save(self, dest: Any, table: str = "all",
             format: str = "json") -> None:
        """Write a table as :meth:`write` makes it, straight into `dest`:
        a path (replaced only once the whole export is written) or a
        binary file object.  No copy of the output is kept in memory."""
        t, f = self._table_format(table, format)
        with self._handle as h:  # held across callbacks into dest
            save(lambda fn, diag: self._lib.airs_result_write(
                h, t, f, fn, None, diag), dest)

    def to_json(self, table: str = "all") -> str:
        """The result (or one table of it) as the library's JSON text."""
        return self.write(table, "json").decode("utf-8")

    def to_csv(self, table: str = "employees") -> str:
        """One table of the result as the library's CSV text."""
        return self.write(table, "csv").decode("utf-8")

    def partial(self, binary: bool = False) -> bytes:
        """The rollup partial of this result (docs/output-format.md,
        "Rollup partials"; the binary form with `binary`): what ``airs
        score --partial`` writes, for :meth:`airs.Rollup.read` and merging
        with other shards."""
        with self._handle as h:
            r = self._lib.airs_result_rollup(h)
            return collect(lambda fn, diag: self._lib.airs_rollup_write_v2(
                r, int(bool(binary)), fn, None))

    def archive(self, key: Union[bytes, str]) -> bytes:
        """This result's archive (docs/output-format.md, "Archives"): a
        binary partial with each unit's exact sums of the compared
        figures and its people as hashes under `key` (at least 16 bytes,
        kept by the employer and never written), for
        :meth:`airs.Archive.read` and :meth:`airs.Archive.compare` later
        without the raw data.  As confidential as the data."""
        from ._archive import key_bytes
        k = key_bytes(key)
        with self._handle as h:
            return collect(lambda fn, diag:
                           self._lib.airs_result_write_archive(
                               h, k, len(k), fn, None, diag))

    @property
    def provenance(self) -> Provenance:
        """Where the result comes from: versions, as-of date and the
        digests of the parameters and of the input."""
        p = _ffi.Provenance()
        with self._handle as h:
            self._lib.airs_result_provenance(h, p)
            return provenance_of(p)


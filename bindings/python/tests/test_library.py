"""Loading the library and the declaration table."""
import ctypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import airs
from airs import _ffi

from . import _util


class TestDeclarations(unittest.TestCase):
    def test_every_exported_symbol_is_declared(self):
        with open(_util.MAP_FILE) as f:
            exported = set(re.findall(r"^\s*(airs_\w+);", f.read(), re.M))
        self.assertTrue(exported)
        missing = sorted(exported - set(_ffi.FUNCTIONS))
        self.assertEqual(missing, [], "symbols in lib/airs.map without a declaration")
        extra = sorted(set(_ffi.FUNCTIONS) - exported)
        self.assertEqual(extra, [], "declarations of symbols the map does not export")

    def test_declared_functions_have_types(self):
        for name, (restype, argtypes, kind, domain) in _ffi.FUNCTIONS.items():
            f = getattr(_ffi.lib, name)
            self.assertEqual(f.restype, restype, name)
            self.assertEqual(list(f.argtypes), list(argtypes), name)
            if kind is not None:
                self.assertEqual(restype, ctypes.c_int, name)
                self.assertIsNotNone(f.errcheck, name)
        self.assertEqual(_ffi.missing, [])
        self.assertTrue(_ffi.has("airs_score"))

    def test_struct_layout_matches_the_headers(self):
        """sizeof and offsetof of every mirrored struct, from the C compiler."""
        cc = shutil.which("cc") or shutil.which("gcc")
        inc_build = os.path.join(_util.build_dir(), "include")
        if not cc or not os.path.exists(os.path.join(inc_build, "airs", "version.h")):
            self.skipTest("no C compiler or build tree")
        # every struct _ffi mirrors, named as in C (LoadOptions:
        # airs_load_options), so that a new one cannot be left out
        structs = {}
        for name, py in vars(_ffi).items():
            if (isinstance(py, type) and issubclass(py, ctypes.Structure)
                    and py.__module__ == _ffi.__name__
                    and not name.startswith("_")):
                cname = "airs" + re.sub(r"([A-Z])", r"_\1", name).lower()
                structs[cname] = py
        self.assertGreaterEqual(len(structs), 31)
        lines = ["#include <stdio.h>", "#include <stddef.h>", "#include \"airs/airs.h\"",
                 "int main(void) {"]
        expect = []
        for cname, py in structs.items():
            lines.append('printf("%%zu\\n", sizeof(%s));' % cname)
            expect.append(ctypes.sizeof(py))
            for fname, *_ in py._fields_:
                lines.append('printf("%%zu\\n", offsetof(%s, %s));' % (cname, fname))
                expect.append(getattr(py, fname).offset)
        lines.append("return 0; }")
        with tempfile.TemporaryDirectory() as tmp:
            src, exe = os.path.join(tmp, "layout.c"), os.path.join(tmp, "layout")
            with open(src, "w") as f:
                f.write("\n".join(lines))
            subprocess.run([cc, "-std=c11", "-I", os.path.join(_util.REPO, "include"),
                            "-I", inc_build, "-o", exe, src], check=True)
            got = [int(x) for x in subprocess.run([exe], capture_output=True, text=True,
                                                  check=True).stdout.split()]
        self.assertEqual(got, expect)

    def test_version(self):
        self.assertEqual(airs.library_version.split(".")[0], "1")
        self.assertEqual(_ffi.lib.airs_version_number() // 10000, _ffi.VERSION_MAJOR)
        self.assertTrue(os.path.exists(airs.library_path))

    def test_env_var_is_used(self):
        r = _util.run_python("import airs; print(airs.library_path)",
                             env={"AIRS_LIBRARY": airs.library_path,
                                  "PYTHONPATH": _util.PYROOT})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), airs.library_path)

    def test_bad_env_var_is_an_import_error(self):
        r = _util.run_python("import airs", env={"AIRS_LIBRARY": "/nonexistent/libairs.so",
                                                 "PYTHONPATH": _util.PYROOT})
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("ImportError", r.stderr)
        self.assertIn("/nonexistent/libairs.so", r.stderr)

    def test_import_error_lists_every_path_tried(self):
        # A copy of the package outside any build tree and no env var.
        with tempfile.TemporaryDirectory() as tmp:
            pkg = os.path.join(tmp, "bindings", "python")
            shutil.copytree(os.path.join(_util.PYROOT, "airs"), os.path.join(pkg, "airs"))
            env = {"PYTHONPATH": pkg, "AIRS_LIBRARY": "", "LD_LIBRARY_PATH": ""}
            r = _util.run_python("import airs", env=env)
            if r.returncode == 0:
                self.skipTest("libairs is installed system-wide")
            self.assertIn("ImportError", r.stderr)
            self.assertIn(os.path.join(tmp, "build", "lib", "libairs.so"), r.stderr)
            self.assertIn("find_library('airs')", r.stderr)
            self.assertIn("AIRS_LIBRARY", r.stderr)

    def test_a_library_that_loads_skips_find_library(self):
        # find_library runs ldconfig and the C compiler in subprocesses:
        # most of an import's time, for nothing when AIRS_LIBRARY loads.
        r = _util.run_python("import sys, airs; print('ctypes.util' in sys.modules)",
                             env={"AIRS_LIBRARY": airs.library_path,
                                  "PYTHONPATH": _util.PYROOT})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), "False")

    def test_plan_audit_and_records_load_on_first_use(self):
        # Loading, scoring and exporting import neither the plan, the
        # audit, the record dataclasses nor typing/dataclasses: start-up
        # time of every program.  The names still work as before.
        # (typing and dataclasses count only when the interpreter's own
        # start-up, a sitecustomize say, did not import them already.)
        code = ("import sys\n"
                "before = set(sys.modules)\n"
                "import airs\n"
                "heavy = ('airs._plan', 'airs._audit', 'airs._records', 'typing',\n"
                "         'dataclasses')\n"
                "with airs.Workforce.load(sys.argv[1]) as wf:\n"
                "    wf.score({'as_of': '2026-06-30'}).write('all', 'json')\n"
                "print(sorted(m for m in heavy if m in sys.modules and m not in before))\n"
                "print(airs.Plan.__module__, airs.OUTCOMES[0], 'airs._audit' in sys.modules)\n"
                "import dataclasses\n"
                "from airs import _core, _errors\n"
                "print(dataclasses.is_dataclass(airs.EmployeeScore),\n"
                "      _core.EmployeeScore is airs.EmployeeScore,\n"
                "      _errors.Diagnostic is airs.Diagnostic, _core.DateLike is not None)\n"
                "from airs import *\n"
                "print(all(n in globals() for n in airs.__all__))\n"
                "print(set(airs.__all__) <= set(dir(airs)))\n"
                "for m in (airs, _core, _errors):\n"
                "    try:\n        m.no_such_name\n    except AttributeError as e:\n"
                "        print(e)\n")
        r = subprocess.run([sys.executable, "-c", code, _util.SAMPLE],
                           env=dict(os.environ, AIRS_LIBRARY=airs.library_path,
                                    PYTHONPATH=_util.PYROOT),
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), [
            "[]", "airs._plan above_median True", "True True True True",
            "True", "True",
            "module 'airs' has no attribute 'no_such_name'",
            "module 'airs._core' has no attribute 'no_such_name'",
            "module 'airs._errors' has no attribute 'no_such_name'"])

    def test_incompatible_major_version_is_refused(self):
        cc = shutil.which("cc") or shutil.which("gcc")
        if not cc:
            self.skipTest("no C compiler")
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "fake.c")
            so = os.path.join(tmp, "libairs.so")
            with open(src, "w") as f:
                f.write("int airs_version_number(void) { return 20003; }\n")
            subprocess.run([cc, "-shared", "-fPIC", "-o", so, src], check=True)
            r = _util.run_python("import airs", env={"AIRS_LIBRARY": so,
                                                     "PYTHONPATH": _util.PYROOT})
            self.assertNotEqual(r.returncode, 0)
            self.assertIn("ImportError", r.stderr)
            self.assertIn("2.0.3", r.stderr)


class TestNames(unittest.TestCase):
    def test_name_tables(self):
        self.assertEqual(airs.COMPONENTS, ("skill", "training", "sentiment", "adoption"))
        self.assertEqual(airs.ADKAR[0], "awareness")
        self.assertEqual(airs.BARRIERS[-2:], ("none", "unknown"))
        self.assertIn("left_behind", airs.FLAGS)
        self.assertIn("time_saved", airs.CONSTRUCTS)
        self.assertEqual(len(airs.COLUMNS), 28)
        self.assertEqual(airs.COLUMNS[0], "readiness")
        self.assertEqual(airs.COLUMNS[-6:], (
            "flags_evaluated", "withheld", "skills_required",
            "skills_assessed", "unit", "role"))

    def test_dates(self):
        import datetime
        self.assertEqual(airs.to_day("1970-01-02"), 1)
        self.assertEqual(airs.to_day(datetime.date(2026, 6, 30)), airs.to_day("2026-06-30"))
        self.assertEqual(airs.from_day(airs.to_day("2026-06-30")), datetime.date(2026, 6, 30))
        self.assertEqual(airs.to_month("2026-06"), airs.to_month((2026, 6)))
        self.assertEqual(airs.to_month("1970-02"), 1)
        with self.assertRaises(airs.DataError):
            airs.to_day("2026-02-30")
        with self.assertRaises(airs.DataError):
            airs.to_month("2026-13")
        with self.assertRaises(TypeError):
            airs.to_day(12)


class TestDocumentation(unittest.TestCase):
    def test_every_public_name_has_a_docstring(self):
        import inspect
        missing = []
        for name in airs.__all__:
            obj = getattr(airs, name)
            if not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue
            if not (obj.__doc__ or "").strip():
                missing.append(name)
            if inspect.isclass(obj) and not issubclass(obj, BaseException):
                for attr, member in vars(obj).items():
                    if attr.startswith("_") or not (inspect.isfunction(member) or
                                                    isinstance(member, (property, classmethod))):
                        continue
                    fn = member.__func__ if isinstance(member, classmethod) else member
                    if not (fn.__doc__ or "").strip():
                        missing.append("%s.%s" % (name, attr))
        self.assertEqual(missing, [])

    def test_py_typed(self):
        self.assertTrue(os.path.exists(os.path.join(_util.PYROOT, "airs", "py.typed")))

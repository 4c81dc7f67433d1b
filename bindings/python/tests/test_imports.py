"""How the package's modules import each other: no cycle, and each one
imports first, on its own, in a fresh interpreter.

Modules that import each other only work in the order someone happened
to import them in (issue 13: _plan and _audit imported _core at their
bottom while _core imported them in its methods).  The shared helpers
live in modules of their own (_io, _names, _dates, _provenance), and
these tests keep it that way."""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import airs

from . import _util

PACKAGE = os.path.join(_util.PYROOT, "airs")


def _qualified(stem: str) -> str:
    return "airs" if stem == "__init__" else "airs." + stem


def modules(package: str = PACKAGE) -> list:
    """Every module of the package, as "airs" and "airs._core"..."""
    return sorted(_qualified(f[:-3]) for f in os.listdir(package)
                  if f.endswith(".py"))


def import_graph(package: str = PACKAGE) -> dict:
    """{module: set of package modules it imports}, read from the source.

    Every import statement counts wherever it stands: at the top, inside
    a function (imported on first use) or under ``if TYPE_CHECKING:``.
    ``from . import X`` depends on the submodule X, or on the package
    itself when X is a name defined there.  The parent package that
    Python initialises before any submodule is not an edge: it is not a
    dependency the module's code chose."""
    names = set(modules(package))
    graph = {}
    for module in names:
        stem = "__init__" if module == "airs" else module[len("airs."):]
        path = os.path.join(package, stem + ".py")
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), path)
        deps = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                deps.update(a.name for a in node.names
                            if a.name == "airs" or a.name.startswith("airs."))
            elif isinstance(node, ast.ImportFrom):
                if node.level == 0:
                    base = node.module or ""
                    if base != "airs" and not base.startswith("airs."):
                        continue
                elif node.level == 1:  # the package has no subpackages
                    base = "airs" + ("." + node.module if node.module else "")
                else:
                    raise AssertionError("%s: import beyond the package" % path)
                if base == "airs":
                    deps.update("airs." + a.name if "airs." + a.name in names
                                else "airs" for a in node.names)
                else:
                    deps.add(base)
        deps.discard(module)
        graph[module] = deps
    return graph


def find_cycle(graph: dict):
    """A cycle of the graph as [a, b, ..., a], or None."""
    state = {}  # 1: on the current path, 2: done
    path = []

    def visit(node):
        state[node] = 1
        path.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                return path[path.index(dep):] + [dep]
            if dep not in state:
                cycle = visit(dep)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def reachable(graph: dict, start: str) -> set:
    seen, todo = set(), [start]
    while todo:
        for dep in graph.get(todo.pop(), ()):
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen


class TestImportGraph(unittest.TestCase):
    def test_no_cycle(self):
        cycle = find_cycle(import_graph())
        self.assertIsNone(cycle, "import cycle: " + " -> ".join(cycle or ()))

    def test_plan_and_audit_never_reach_core(self):
        # _core imports them (lazily, for the methods that return a plan
        # or an audit); the other way round would close a cycle.
        graph = import_graph()
        for module in ("airs._plan", "airs._audit"):
            self.assertNotIn("airs._core", reachable(graph, module), module)
            self.assertNotIn("airs", reachable(graph, module), module)

    def test_the_graph_sees_every_kind_of_import(self):
        # Not a vacuous pass: top-level, relative-submodule, first-use
        # (inside a function) and TYPE_CHECKING imports all become edges.
        graph = import_graph()
        self.assertEqual(sorted(graph), modules())
        self.assertIn("airs._core", graph["airs"])
        self.assertIn("airs._errors", graph["airs._core"])    # from . import _errors
        self.assertIn("airs._io", graph["airs._core"])
        self.assertIn("airs._plan", graph["airs._core"])      # in Result.plan()
        self.assertIn("airs._records", graph["airs._errors"])  # TYPE_CHECKING, __getattr__
        self.assertEqual(graph["airs._records"], set())
        self.assertLessEqual({"airs._io", "airs._names", "airs._provenance"},
                             graph["airs._plan"])
        self.assertLessEqual({"airs._io", "airs._names"}, graph["airs._audit"])

    def test_docs_list_the_modules_in_import_order(self):
        # docs/python.md, "Package layout": each module imports only
        # modules listed before it.  A new module or import has to keep
        # that page true.
        with open(os.path.join(_util.REPO, "docs", "python.md"), encoding="utf-8") as f:
            text = f.read()
        section = text.split("## Package layout", 1)[1].split("\n## ", 1)[0]
        order = [_qualified(line.split("`")[1]) for line in section.splitlines()
                 if line.startswith("| `")]
        self.assertEqual(sorted(order), modules())
        for module, deps in import_graph().items():
            for dep in deps:
                self.assertLess(order.index(dep), order.index(module),
                                "%s imports %s, listed after it" % (module, dep))

    def test_a_cycle_is_found(self):
        self.assertEqual(find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}),
                         ["a", "b", "c", "a"])
        self.assertIsNone(find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}))
        # The import that issue 13 removed, put back at the bottom of a
        # copy of _audit.py, is caught.
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, "airs")
            shutil.copytree(PACKAGE, copy,
                            ignore=shutil.ignore_patterns("__pycache__"))
            with open(os.path.join(copy, "_audit.py"), "a") as f:
                f.write("\n\nfrom ._core import FLAGS as _FLAGS  # noqa: E402\n")
            cycle = find_cycle(import_graph(copy))
        self.assertIsNotNone(cycle)
        self.assertLessEqual({"airs._core", "airs._audit"}, set(cycle))


class TestEachModuleAlone(unittest.TestCase):
    """Every module imports as the first thing a fresh interpreter does,
    and every name in its __all__ resolves (the lazy ones included)."""

    CHECK = ("names = getattr(m, '__all__', [])\n"
             "missing = [n for n in names if not hasattr(m, n)]\n"
             "assert not missing, missing\n"
             "print(m.__name__, len(names))\n")

    def run_code(self, code: str) -> subprocess.CompletedProcess:
        env = dict(os.environ, AIRS_LIBRARY=airs.library_path,
                   PYTHONPATH=_util.PYROOT, PYTHONDONTWRITEBYTECODE="1")
        return subprocess.run([sys.executable, "-c", code], env=env,
                              capture_output=True, text=True, timeout=120)

    def test_import_first(self):
        for module in modules():
            with self.subTest(module=module):
                r = self.run_code("import importlib\n"
                                  "m = importlib.import_module(%r)\n" % module
                                  + self.CHECK)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertTrue(r.stdout.startswith(module + " "), r.stdout)

    def test_import_without_the_package_init(self):
        # airs/__init__.py imports _core first; a module that only worked
        # because of that order would break when imported by itself.  An
        # empty package object stands in for airs/__init__.py here, so
        # the modules loaded are the module's own doing: all of them
        # must be in the graph above (_plan alone never loads _core).
        graph = import_graph()
        for module in modules():
            if module == "airs":
                continue
            with self.subTest(module=module):
                r = self.run_code(
                    "import importlib, sys, types\n"
                    "pkg = types.ModuleType('airs')\n"
                    "pkg.__path__ = [%r]\n"
                    "sys.modules['airs'] = pkg\n"
                    "m = importlib.import_module(%r)\n" % (PACKAGE, module)
                    + self.CHECK
                    + "print(*sorted(n for n in sys.modules if n.startswith('airs.')))\n")
                self.assertEqual(r.returncode, 0, r.stderr)
                first, loaded = r.stdout.splitlines()
                self.assertTrue(first.startswith(module + " "), r.stdout)
                self.assertLessEqual(set(loaded.split()) - {module},
                                     reachable(graph, module))


if __name__ == "__main__":
    unittest.main()

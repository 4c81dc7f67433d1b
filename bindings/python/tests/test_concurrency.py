"""close() while other calls are inside the library (issue 24).

The library reference-counts models but not results, plans or audits;
the bindings count the calls in flight on every handle (airs._owner) and
free it when the last one leaves.  These tests close objects under
running calls: from other threads (a stress test in a child process, so
a crash fails the test instead of killing the runner), from a callback
of the running call itself, and step by step with the free observed."""
from __future__ import annotations

import ast
import io
import os
import re
import sys
import threading
import unittest

import airs
from airs import _errors

from . import _util

PACKAGE = os.path.join(_util.PYROOT, "airs")


class FreeRecorder:
    """Stands in for a handle's free function: records when it runs."""

    def __init__(self, handle):
        self.real, self.calls = handle._free, []
        handle._free = self

    def __call__(self, h):
        self.calls.append(h)
        self.real(h)


def exported(obj) -> bytes:
    return obj.write()


class TestStress(unittest.TestCase):
    def test_threads_use_objects_another_thread_closes(self):
        # Result, OrgPlan and Audit: three threads call write(), save()
        # into a path and a file, and getters while a fourth closes the
        # object (or a save's own file closes it).  The old bindings
        # crashed here within a few rounds (use after free).
        rounds = os.environ.get("AIRS_PY_STRESS_ROUNDS", "100")
        env = dict(os.environ, PYTHONPATH=_util.PYROOT,
                   AIRS_LIBRARY=airs.library_path,
                   MALLOC_PERTURB_=os.environ.get("MALLOC_PERTURB_", "109"))
        import subprocess
        res = subprocess.run([sys.executable, "-m", "tests._stress", rounds],
                             cwd=_util.PYROOT, env=env, capture_output=True,
                             text=True, timeout=600)
        self.assertEqual(res.returncode, 0,
                         "stress child failed (negative: killed by signal %s)\n%s"
                         % (-res.returncode if res.returncode < 0 else "-",
                            res.stderr[-4000:]))
        counts = dict((k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", res.stdout))
        # not vacuous: closes did land on calls in flight
        self.assertGreater(counts.get("closes_in_flight", 0), 0, res.stdout)
        self.assertGreater(counts.get("callback_closes", 0), 0, res.stdout)
        self.assertGreater(counts.get("completed", 0), 0, res.stdout)


class Gate(io.RawIOBase):
    """A binary file whose first write() waits until released, so that
    the export that writes into it stays inside the library."""

    def __init__(self):
        super().__init__()
        self.entered, self.release, self.parts = (threading.Event(),
                                                  threading.Event(), [])

    def writable(self):
        return True

    def write(self, b):
        if not self.parts:
            self.entered.set()
            self.release.wait(60)
        self.parts.append(bytes(b))
        return len(b)


class TestCloseInFlight(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.wf = airs.Workforce.load(_util.SAMPLE)
        cls.base = cls.wf.score(_util.AS_OF)

    def objects(self):
        """(name, a fresh object) for every kind that has save()."""
        return [("result", self.wf.score(_util.AS_OF)),
                ("plan", self.base.plan_org(40)),
                ("audit", self.base.audit("gender"))]

    def test_close_from_another_thread_waits_for_the_running_call(self):
        for name, obj in self.objects():
            with self.subTest(name):
                want = exported(obj)
                freed = FreeRecorder(obj._handle)
                gate, errors = Gate(), []

                def save():
                    try:
                        obj.save(gate)
                    except BaseException as e:  # pragma: no cover
                        errors.append(e)

                t = threading.Thread(target=save)
                t.start()
                self.assertTrue(gate.entered.wait(60))
                obj.close()                  # returns at once ...
                self.assertTrue(obj.closed)
                self.assertEqual(freed.calls, [])   # ... but frees nothing yet
                with self.assertRaises(airs.Error) as cm:
                    obj.write()              # new calls are refused
                self.assertEqual(cm.exception.status, _errors.ESTATE)
                self.assertIn("is closed", str(cm.exception))
                gate.release.set()
                t.join(60)
                self.assertEqual(errors, [])
                self.assertEqual(b"".join(gate.parts), want)  # the whole export
                self.assertEqual(len(freed.calls), 1)          # freed once, after
                obj.close()
                self.assertEqual(len(freed.calls), 1)

    def test_a_callback_may_close_the_object_it_is_writing(self):
        # No deadlock (the lock is not held during the C call) and no free
        # under the running call: it happens when save() returns.
        for name, obj in self.objects():
            with self.subTest(name):
                want = exported(obj)
                freed = FreeRecorder(obj._handle)
                seen = []

                class Closing(io.RawIOBase):
                    def writable(self):
                        return True

                    def write(self, b):
                        if not seen:
                            obj.close()
                            seen.append((obj.closed, list(freed.calls)))
                        seen.append(bytes(b))
                        return len(b)

                obj.save(Closing())
                self.assertEqual(seen[0], (True, []))
                self.assertEqual(b"".join(seen[1:]), want)
                self.assertEqual(len(freed.calls), 1)

    def test_a_callback_may_call_the_object_again(self):
        # Calls nest: a write() inside the save's callback counts as a
        # second call in flight and closing after both still frees once.
        obj = self.wf.score(_util.AS_OF)
        freed = FreeRecorder(obj._handle)
        inner = []

        class Nested(io.RawIOBase):
            def writable(self):
                return True

            def write(self, b):
                if not inner:
                    inner.append(obj.write("units", "csv"))
                    obj.close()
                return len(b)

        obj.save(Nested())
        self.assertEqual(inner, [self.base.write("units", "csv")])
        self.assertEqual(len(freed.calls), 1)

    def test_closing_an_unused_object_frees_at_once(self):
        for name, obj in self.objects():
            with self.subTest(name):
                freed = FreeRecorder(obj._handle)
                obj.close()
                self.assertEqual(len(freed.calls), 1)
                self.assertEqual(obj._handle.busy, 0)

    def test_a_failed_call_leaves_no_call_in_flight(self):
        r = self.wf.score(_util.AS_OF)
        with self.assertRaises(airs.NotFound):
            r.employee("nobody")
        with self.assertRaises(airs.NotFound):
            r.unit("nowhere")
        self.assertEqual(r._handle.busy, 0)
        freed = FreeRecorder(r._handle)
        r.close()
        self.assertEqual(len(freed.calls), 1)

    def test_closing_params_while_scoring_with_them(self):
        # A Params object closed from another thread during a score: the
        # score uses it to the end, then it is freed.
        p = airs.Params(_util.AS_OF)
        errors = []

        def score():
            try:
                for _ in range(20):
                    self.wf.score(p).close()
            except airs.Error as e:
                if e.status != _errors.ESTATE:  # pragma: no cover
                    errors.append(e)

        t = threading.Thread(target=score)
        t.start()
        p.close()
        t.join(60)
        self.assertEqual(errors, [])
        self.assertTrue(p.closed)


class TestShutdown(unittest.TestCase):
    def test_exit_with_a_call_in_flight(self):
        # A daemon thread is stuck inside a save (in its file's write)
        # when the interpreter exits; the object was closed meanwhile, so
        # its free is still waiting for that call.  Finalisers must not
        # free it or fail: the process exits cleanly.
        code = (
            "import io, sys, threading\n"
            "import airs\n"
            "from tests import _util\n"
            "r = airs.Workforce.load(_util.SAMPLE).score(_util.AS_OF)\n"
            "entered = threading.Event()\n"
            "class Stuck(io.RawIOBase):\n"
            "    def writable(self):\n"
            "        return True\n"
            "    def write(self, b):\n"
            "        entered.set()\n"
            "        threading.Event().wait()\n"
            "threading.Thread(target=lambda: r.save(Stuck()), daemon=True).start()\n"
            "entered.wait(60)\n"
            "r.close()\n"
            "print(r.closed, r._handle.busy)\n")
        res = _util.run_python(code, cwd=_util.PYROOT,
                               env={"PYTHONPATH": _util.PYROOT,
                                    "AIRS_LIBRARY": airs.library_path})
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(res.stdout.split(), ["True", "1"])
        self.assertEqual(res.stderr, "")


def bare_handle_uses(source: str, filename: str = "<string>") -> list:
    """Lines where an attribute named _handle is used anywhere but in the
    context expression of a with statement."""
    tree = ast.parse(source, filename)
    allowed = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                allowed.update(id(n) for n in ast.walk(item.context_expr))
    return sorted(node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == "_handle"
            and id(node) not in allowed)


class TestEveryCallHoldsItsHandle(unittest.TestCase):
    def test_handles_are_only_used_as_with_items(self):
        # A handle passed to the library outside "with obj._handle as h:"
        # could be freed under the call.  Every module is read: each use
        # of an attribute named _handle must be what a with statement
        # enters (airs._owner, which defines it, excepted).
        bad = []
        for f in sorted(os.listdir(PACKAGE)):
            if f.endswith(".py") and f != "_owner.py":
                with open(os.path.join(PACKAGE, f), encoding="utf-8") as fh:
                    bad += ["%s:%d" % (f, n) for n in bare_handle_uses(fh.read(), f)]
        self.assertEqual(bad, [])

    def test_the_check_tells_a_held_handle_from_a_bare_one(self):
        self.assertEqual(bare_handle_uses(
            "def f(self, p):\n"
            "    with self._handle as h, (p._handle if p else NONE) as q:\n"
            "        lib.airs_x(h, q)\n"), [])
        self.assertEqual(bare_handle_uses(
            "def f(self):\n"
            "    with self._handle as h:\n"
            "        lib.airs_x(h)\n"
            "    lib.airs_y(self._handle)\n"
            "    h = self._handle\n"), [4, 5])


if __name__ == "__main__":
    unittest.main()

"""The quick-start example, and round trips against the airs CLI."""
import io
import json
import math
import os
import subprocess
import sys
import unittest

import airs

from . import _util


class TestQuickstart(unittest.TestCase):
    def test_quickstart_runs(self):
        script = os.path.join(_util.REPO, "examples", "python", "quickstart.py")
        env = dict(os.environ, PYTHONPATH=_util.PYROOT, AIRS_LIBRARY=airs.library_path)
        r = subprocess.run([sys.executable, script], capture_output=True, text=True,
                           env=env, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("250 employees", r.stdout)
        self.assertIn("U-TECH", r.stdout)
        self.assertIn("points", r.stdout)
        self.assertIn("plan, 40 h", r.stdout)


def _num(x):
    return None if isinstance(x, float) and math.isnan(x) else x


class TestCliRoundTrip(unittest.TestCase):
    """The CLI's JSON employee export and the bindings agree on the sample."""

    @classmethod
    def setUpClass(cls):
        cls.cli = os.path.join(_util.build_dir(), "examples", "airs")
        if not os.access(cls.cli, os.X_OK):
            raise unittest.SkipTest("build/examples/airs not built")
        r = subprocess.run([cls.cli, "score", "--data", _util.SAMPLE, "--format", "json",
                            "--as-of", "2026-06-30"], capture_output=True, timeout=300)
        if r.returncode != 0:
            raise AssertionError("airs score failed: %s" % r.stderr.decode())
        cls.cli_bytes = r.stdout
        doc = json.loads(r.stdout)
        cls.cli_records = doc if isinstance(doc, list) else doc["employees"]
        with airs.Workforce.load(_util.SAMPLE) as wf:
            cls.result = wf.score(_util.AS_OF)

    def assertClose(self, a, b, what):
        a, b = _num(a), _num(b)
        if a is None or b is None:
            self.assertEqual(a, b, what)
        else:
            self.assertLessEqual(abs(a - b), 1e-9 * max(1, abs(a)), what)

    def test_same_employees_and_scores(self):
        r = self.result
        self.assertEqual([e["id"] for e in self.cli_records], r.ids)
        for rec, e in zip(self.cli_records, r.employees):
            w = e.id
            self.assertEqual((rec["unit_id"], rec["role_id"], rec["is_leader"]),
                             (e.unit_id, e.role_id, e.is_leader), w)
            self.assertClose(rec["readiness"], e.readiness, w)
            self.assertEqual(rec["level"], e.level or None, w)
            self.assertEqual(rec["target"], e.target or None, w)
            self.assertClose(rec["gap_levels"], e.gap_levels, w)
            self.assertClose(rec["gap_points"], e.gap_points, w)
            self.assertClose(rec["skill_coverage"], e.skill_coverage, w)
            for c in airs.COMPONENTS:
                self.assertClose(rec["components"][c], getattr(e, c), w + c)
            for a in airs.ADKAR:
                self.assertClose(rec["adkar"][a], getattr(e, a) or None, w + a)
            self.assertEqual(rec["barrier"], e.barrier, w)
            self.assertEqual(tuple(rec["flags"]), e.flags, w)
            self.assertEqual(tuple(rec["flags_evaluated"]), e.flags_evaluated, w)
            self.assertEqual(tuple(rec["coverage"]), e.coverage, w)
            self.assertEqual(tuple(rec["withheld"]), e.withheld, w)

    def test_same_bytes_as_the_library_export(self):
        if not hasattr(self.result, "to_json"):
            self.skipTest("export module not available")
        self.assertEqual(self.result.to_json("employees").encode(), self.cli_bytes)


class TestDocs(unittest.TestCase):
    def test_quick_start_of_docs_python_md_runs(self):
        with open(os.path.join(_util.REPO, "docs", "python.md"), encoding="utf-8") as f:
            text = f.read()
        block = text.split("## Quick start", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
        self.assertLessEqual(len(block.strip().splitlines()), 10)
        cwd = os.getcwd()
        os.chdir(_util.REPO)
        try:
            import contextlib
            with contextlib.redirect_stdout(io.StringIO()) as out:
                exec(compile(block, "docs/python.md", "exec"), {})
        finally:
            os.chdir(cwd)
        self.assertIn("U-TECH", out.getvalue())

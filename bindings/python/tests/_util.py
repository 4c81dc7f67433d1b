"""Shared fixtures for the airs binding tests."""
from __future__ import annotations

import os
import subprocess
import sys

import airs

HERE = os.path.dirname(os.path.abspath(__file__))
PYROOT = os.path.dirname(HERE)                      # bindings/python
REPO = os.path.dirname(os.path.dirname(PYROOT))     # repository root
SAMPLE = os.path.join(REPO, "examples", "data", "sample")
MAP_FILE = os.path.join(REPO, "lib", "airs.map")


def build_dir() -> str:
    """The build directory holding the library under test."""
    return os.path.dirname(os.path.dirname(os.path.abspath(airs.library_path)))


def worked_example() -> airs.Workforce:
    """docs/methodology.md section 7, built through the add_* methods."""
    wf = airs.Workforce()
    wf.add_unit("ORG", "ORG", target_level=3)
    wf.add_unit("TEAM-A", "TEAM-A", "ORG", 4)
    wf.add_unit("TEAM-B", "TEAM-B", "ORG")
    wf.add_role("analyst", "Analyst")
    for s in ("prompting", "data", "ethics"):
        wf.add_skill(s)
    wf.add_requirement("analyst", "prompting", 3, 2)
    wf.add_requirement("analyst", "data", 2, 1)
    wf.add_requirement("analyst", "ethics", 0, 1)
    wf.add_employee("E1", "TEAM-A", "analyst", True, attributes={"gender": "female"})
    wf.add_employee("E2", "TEAM-A", "analyst", attributes={"gender": "male"})
    wf.add_employee("E3", "TEAM-B", "analyst", attributes={"gender": "female"})
    wf.add_assessment("E1", "prompting", 3.0, "2026-06-30", "test")
    wf.add_assessment("E1", "prompting", 4.5, "2026-06-30", "self")
    wf.add_assessment("E1", "data", 2.0, "2025-09-03", "manager")
    wf.add_assessment("E2", "prompting", 2.0, "2025-09-03")
    wf.add_training("E1", 12, "2026-06-30", skill_id="prompting")
    wf.add_training("E2", 4, "2025-09-03", skill_id="prompting")
    wf.add_survey_item("q_clarity", "clarity")
    wf.add_survey_item("q_trust", "trust")
    wf.add_survey_item("q_security", "security", reverse=True)
    wf.add_survey_item("q_support", "support")
    for emp, vals in (("E1", (5, 4, 2, 4)), ("E2", (2, 2, 4, 2))):
        for item, v in zip(("q_clarity", "q_trust", "q_security", "q_support"), vals):
            wf.add_response(emp, item, v, "2026-06-01")
    for m in range(1, 7):
        wf.add_usage("E1", "copilot", "2026-%02d" % m, 12)
    for m in range(4, 7):
        wf.add_usage("E2", "copilot", (2026, m), 6)
    return wf


AS_OF = {"as_of": "2026-06-30"}


def run_python(code: str, env: dict = None, cwd: str = None) -> subprocess.CompletedProcess:
    """Run code in a fresh interpreter (stdout/stderr captured)."""
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([sys.executable, "-c", code], env=e, cwd=cwd,
                          capture_output=True, text=True, timeout=120)

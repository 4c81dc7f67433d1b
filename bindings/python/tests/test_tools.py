"""Adoption and value per AI tool (airs/tools.h): Result.tools(), the
registry and items about one tool, the tools export."""
import csv
import io
import json
import math
import os
import unittest

import airs

from . import _util

EXAMPLE = os.path.join(_util.REPO, "tests", "bench", "data", "tools-example")


class TestTools(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.wf = airs.Workforce.load(EXAMPLE)
        cls.r = cls.wf.score(airs.Params({"as_of": "2026-06-30",
                                          "anonymity.min_group": 3}))
        cls.t = cls.r.tools()

    def test_window_and_rows(self):
        t = self.t
        self.assertEqual((t.window_first, t.window_last), ("2026-01", "2026-06"))
        self.assertTrue(t.registry and t.lapse_known)
        # 3 units + the organisation + 2 roles, 2 sets + 4 tools each
        self.assertEqual(len(t.rows), 6 * 6)
        self.assertEqual([r.kind for r in t.rows[:3]],
                         ["all_tools", "unsanctioned_tools", "tool"])

    def test_worked_example_figures(self):
        # docs/methodology.md, section 9.6
        chat = self.t.row("chat")
        self.assertEqual((chat.users, chat.habitual, chat.lapsed, chat.new_users),
                         (7, 3, 2, 1))
        self.assertEqual(chat.active_share, 7 / 8)
        self.assertEqual(chat.benefit_respondents, 7)
        self.assertIn("mismatch", chat.signals)
        self.assertTrue(chat.registered and chat.sanctioned)
        lo, hi = chat.active_share_ci
        self.assertLess(lo, 7 / 8)
        self.assertLess(7 / 8, hi)
        shadow = self.t.row(kind="unsanctioned_tools")
        self.assertEqual(shadow.users, 3)
        self.assertEqual(shadow.signals, ("shadow",))
        self.assertIs(shadow.sanctioned, False)
        self.assertEqual(self.t.row("chat", unit_id="TEAM-B").signals,
                         ("lapsing",))

    def test_hidden_is_none_and_nan(self):
        homebot = self.t.row("homebot")
        self.assertIsNone(homebot.users)
        self.assertTrue(math.isnan(homebot.active_share))
        self.assertTrue(all(math.isnan(x) for x in homebot.active_share_ci))
        with self.assertRaises(KeyError):
            self.t.row("no-such-tool")

    def test_lapsed_flag_of_an_employee(self):
        emps = {e.id: e for e in self.r.employees}
        self.assertIn("lapsed", emps["A1"].flags_evaluated)
        lapsed = sorted(i for i, e in emps.items() if "lapsed" in e.flags)
        self.assertEqual(len(lapsed), 1)

    def test_export_matches_records(self):
        doc = json.loads(self.r.to_json("tools"))
        self.assertEqual(len(doc), len(self.t.rows))
        for rec, row in zip(doc, self.t.rows):
            self.assertEqual(rec["kind"], row.kind)
            self.assertEqual(rec["users"], row.users)
        rows = list(csv.DictReader(io.StringIO(self.r.to_csv("tools"))))
        self.assertEqual(len(rows), len(self.t.rows))
        self.assertIn("tools", json.loads(self.r.to_json()))

    def test_model_api(self):
        w = airs.Workforce()
        w.add_unit("U", "U")
        w.add_role("r", "R")
        w.add_tool("t1", "Tool one", sanctioned=False, category="chat",
                   available_from="2026-01")
        w.add_employee("E1", "U", "r")
        w.add_survey_item("Q1", "usefulness", tool_id="t1")
        w.add_usage("E1", "t1", "2026-05", 3)
        with self.assertRaises(airs.DataError):
            w.add_tool("t1", "again")
        w.finish()
        t = w.score(airs.Params({"as_of": "2026-06-30"})).tools()
        self.assertTrue(t.registry)
        self.assertEqual(t.row("t1", unit_id="U").headcount, 1)


if __name__ == "__main__":
    unittest.main()

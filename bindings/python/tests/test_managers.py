"""Manager groups (airs/rollup.h, since 1.2): Result.managers(), one
manager, their constructs, and the managers export agreeing with them."""
import csv
import io
import math
import unittest

import airs

from . import _util


class TestManagers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.r = airs.Workforce.load(_util.SAMPLE).score()
        cls.ms = cls.r.managers()

    def test_line_order_and_counts(self):
        ms = self.ms
        self.assertEqual(len(ms), 20)
        self.assertEqual(ms[0].id, "E000001")
        self.assertIsNone(ms[0].manager_id)
        self.assertEqual(ms[0].line_end, 20)
        # the CEO's line is everyone but the CEO
        self.assertEqual(ms[0].line.headcount, self.r.org.headcount - 1)
        for i, m in enumerate(ms):
            self.assertIsInstance(m, airs.ManagerScore)
            self.assertLessEqual(m.direct.headcount, m.line.headcount)
            self.assertGreater(m.line_end, i)
            # a line is its direct reports and the lines of managers among them
            below = [n for n in ms[i + 1:m.line_end] if n.manager_id == m.id]
            self.assertEqual(m.line.headcount,
                             m.direct.headcount + sum(n.line.headcount for n in below))

    def test_one_manager_and_construct(self):
        m = self.r.manager("E000004")
        same = self.ms[[x.id for x in self.ms].index("E000004")]
        self.assertEqual((m.line.headcount, m.direct.respondents, m.line_end),
                         (same.line.headcount, same.direct.respondents,
                          same.line_end))
        self.assertEqual((m.manager_id, m.unit_id), ("E000001", "U-SALES"))
        c = self.r.manager_construct("clarity", "E000157", "line")
        self.assertIsNone(c.leaders)
        self.assertIsNone(c.staff)
        self.assertTrue(math.isnan(c.perception_gap))
        with self.assertRaises(airs.NotFound):
            self.r.manager("E000009")
        with self.assertRaises(airs.ParameterError):
            self.r.manager_construct("clarity", "E000004", "team")

    def test_export_agrees(self):
        rows = list(csv.DictReader(io.StringIO(self.r.to_csv("managers"))))
        self.assertEqual(len(rows), 2 * len(self.ms))
        for m, d, a in zip(self.ms, rows[0::2], rows[1::2]):
            self.assertEqual((d["manager_id"], d["scope"]), (m.id, "direct_reports"))
            self.assertEqual(int(d["headcount"]), m.direct.headcount)
            self.assertEqual(int(a["headcount"]), m.line.headcount)
            want = m.line.respondents
            self.assertEqual(a["respondents"], "" if want is None else str(want))


if __name__ == "__main__":
    unittest.main()

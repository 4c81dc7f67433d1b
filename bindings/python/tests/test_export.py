"""JSON/CSV export and provenance (airs/export.h)."""
import csv
import io
import json
import math
import unittest

import airs

from . import _util


class TestExport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.wf = _util.worked_example()
        cls.params = airs.Params(_util.AS_OF)
        cls.r = cls.wf.score(cls.params)

    def test_json_document(self):
        doc = json.loads(self.r.to_json())
        emps = {e["id"]: e for e in doc["employees"]}
        self.assertEqual(sorted(emps), ["E1", "E2", "E3"])
        self.assertEqual(emps["E1"]["readiness"], 91.25)
        self.assertEqual(emps["E1"]["flags"], ["overconfidence"])
        # E3 has no skill assessment: no readiness, its range and why
        self.assertIsNone(emps["E3"]["readiness"])
        self.assertEqual((emps["E3"]["readiness_low"], emps["E3"]["evidence"]),
                         (0, "no_skill_assessment"))
        self.assertEqual(doc["coverage"]["insufficient"], 1)
        self.assertIn("provenance", doc)
        self.assertEqual(json.loads(self.r.to_json("employees")), doc["employees"])

    def test_csv_tables(self):
        rows = list(csv.DictReader(io.StringIO(self.r.to_csv())))
        self.assertEqual([r["id"] for r in rows], ["E1", "E2", "E3"])
        self.assertEqual(rows[0]["readiness"], "91.25")
        units = list(csv.DictReader(io.StringIO(self.r.to_csv("units"))))
        self.assertEqual([u["id"] for u in units], ["ORG", "TEAM-A", "TEAM-B", ""])
        for t in ("constructs", "skill_gaps", "provenance"):
            self.assertTrue(self.r.to_csv(t))
            self.assertIsInstance(json.loads(self.r.to_json(t)), (list, dict))
        self.assertIsInstance(self.r.write("employees", "csv"), bytes)

    def test_json_matches_records(self):
        recs = self.r.to_records()
        for rec, e in zip(recs, json.loads(self.r.to_json("employees"))):
            self.assertEqual(rec["employee_id"], e["id"])
            if e["readiness"] is None:  # too little evidence: NaN, null
                self.assertTrue(math.isnan(rec["readiness"]))
            else:
                self.assertAlmostEqual(rec["readiness"], e["readiness"], delta=1e-9)
            self.assertAlmostEqual(rec["readiness_low"], e["readiness_low"], delta=1e-9)
            self.assertEqual(rec["barrier"], e["barrier"])

    def test_save_to_a_path_or_a_file(self):
        import os
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "out.json")
            with open(path, "wb") as f:
                f.write(b"old")
            self.r.save(path)
            with open(path, "rb") as f:
                self.assertEqual(f.read(), self.r.write())
            self.r.save(path, "employees", "csv")
            with open(path, "rb") as f:
                self.assertEqual(f.read(), self.r.write("employees", "csv"))
            self.assertEqual(os.listdir(d), ["out.json"])  # no temporary left
            # a bad table or format raises before anything is written
            with self.assertRaises(airs.NotFound):
                self.r.save(path, "nope")
            with self.assertRaises(airs.ParameterError):
                self.r.save(path, "employees", "xml")
            with open(path, "rb") as f:
                self.assertEqual(f.read(), self.r.write("employees", "csv"))
            # a folder that does not exist: the OS error, nothing created
            missing = os.path.join(d, "no", "out.json")
            with self.assertRaises(FileNotFoundError) as cm:
                self.r.save(missing)
            self.assertEqual(cm.exception.filename, missing)
            self.assertEqual(os.listdir(d), ["out.json"])
        buf = io.BytesIO()
        self.r.save(buf, "units", "csv")
        self.assertEqual(buf.getvalue(), self.r.write("units", "csv"))

    def test_save_reraises_what_the_file_raised(self):
        class Full(io.RawIOBase):
            def __init__(self):
                self.calls = 0

            def write(self, b):
                self.calls += 1
                raise OSError(28, "No space left on device")

        f = Full()
        with self.assertRaises(OSError) as cm:
            self.r.save(f)
        self.assertEqual(cm.exception.errno, 28)
        self.assertEqual(f.calls, 1)  # the library stopped at the failure

    def test_deterministic(self):
        r2 = _util.worked_example().score(_util.AS_OF)
        self.assertEqual(r2.to_json(), self.r.to_json())

    def test_provenance(self):
        p = self.r.provenance
        self.assertEqual(p.library_version, airs.library_version)
        self.assertEqual(p.as_of.isoformat(), "2026-06-30")
        self.assertEqual(p.input_digest, self.wf.digest)
        self.assertEqual(p.params_digest, self.params.digest)
        self.assertTrue(p.methodology_version)

    def test_collect_joins_every_piece_in_order(self):
        # The library hands the writer pieces of at most 4 KiB; collect
        # must give back exactly their concatenation, empty pieces too.
        import ctypes
        from airs import _io
        pieces = [b"", b"a", bytes(range(256)) * 16, b"", b"\n" * 4095, b"end"]

        def call(fn, diag):
            for p in pieces:
                buf = ctypes.create_string_buffer(p, len(p))
                self.assertEqual(fn(ctypes.cast(buf, ctypes.c_void_p), len(p), None), 0)

        out = _io.collect(call)
        self.assertIsInstance(out, bytes)
        self.assertEqual(out, b"".join(pieces))
        self.assertEqual(_io.collect(lambda fn, diag: None), b"")

    def test_errors(self):
        with self.assertRaises(airs.NotFound):
            self.r.write("salaries")
        with self.assertRaises(airs.ParameterError):
            self.r.write("employees", "xml")
        with self.assertRaises(airs.Error) as cm:
            self.r.write("all", "csv")
        self.assertEqual(cm.exception.status, -2)

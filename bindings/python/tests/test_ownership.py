"""Handle ownership, memory over many cycles, shutdown and threads."""
import gc
import os
import threading
import unittest

import airs

from . import _util

EPS = 1e-9


def rss_pages() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1])


class TestOwnership(unittest.TestCase):
    def test_result_outlives_its_workforce(self):
        wf = _util.worked_example()
        r = wf.score(_util.AS_OF)
        wf.close()
        self.assertTrue(wf.closed)
        del wf
        gc.collect()
        self.assertAlmostEqual(r.employee("E1").readiness, 91.25, delta=EPS)
        self.assertEqual(r.employee("E2").unit_id, "TEAM-A")   # strings of the model
        self.assertEqual(r.units[1].name, "TEAM-A")
        self.assertEqual(len(r.explain("E1")), 5)
        r.close()

    def test_every_owner_closes_once_and_names_itself(self):
        wf = _util.worked_example()
        r = wf.score(_util.AS_OF)
        owners = [(airs.Params(), "parameters object"), (r, "result"),
                  (r.plan_org(budget_hours=10), "plan"),
                  (r.audit("gender"), "audit"), (wf, "workforce")]
        for obj, what in owners:
            with obj as same:
                self.assertIs(same, obj)
                self.assertFalse(obj.closed)
            self.assertTrue(obj.closed)
            obj.close()  # idempotent
            with self.assertRaises(airs.Error) as cm:
                with obj._handle:
                    pass
            self.assertIn("the %s is closed" % what, str(cm.exception))

    def test_closed_handles_raise_instead_of_crashing(self):
        wf = _util.worked_example()
        r = wf.score(_util.AS_OF)
        wf.close()
        wf.close()  # idempotent
        for call in (lambda: wf.add_role("R9", "x"), lambda: wf.score(), lambda: len(wf),
                     lambda: wf.digest, lambda: wf.counts()):
            with self.assertRaises(airs.Error) as cm:
                call()
            self.assertEqual(cm.exception.status, -10)
        self.assertIn("closed", repr(wf))
        r.close()
        r.close()
        with self.assertRaises(airs.Error) as cm:
            r.column("readiness")
        self.assertIn("the result is closed", str(cm.exception))
        with self.assertRaises(airs.Error):
            r.employee("E1")

    def test_context_managers(self):
        with _util.worked_example() as wf:
            with wf.score(_util.AS_OF) as r:
                self.assertEqual(len(r), 3)
            self.assertFalse(wf.closed)
        self.assertTrue(wf.closed)
        with airs.Params() as p:
            pass
        with self.assertRaises(airs.Error):
            p.digest

    def test_failed_load_leaves_nothing_behind(self):
        with self.assertRaises(airs.DataError):
            airs.Workforce.load("/nonexistent/folder")

    def test_no_growth_over_many_cycles(self):
        n = int(os.environ.get("AIRS_PY_CYCLES", "2000"))

        def cycle():
            wf = _util.worked_example()
            p = airs.Params(_util.AS_OF)
            r = wf.score(p)
            r.explain("E2")
            r.to_records()
            r.units
            wf.close()
            del wf, p, r

        for _ in range(50):  # warm up allocator arenas and caches
            cycle()
        gc.collect()
        before = rss_pages()
        for _ in range(n):
            cycle()
        gc.collect()
        grown_kib = (rss_pages() - before) * os.sysconf("SC_PAGE_SIZE") // 1024
        # A leak of one small model per cycle would be megabytes.
        self.assertLess(grown_kib, 1024, "RSS grew by %d KiB over %d cycles" % (grown_kib, n))

    def test_objects_alive_at_interpreter_shutdown(self):
        code = (
            "import airs, sys\n"
            "sys.path.insert(0, %r)\n"
            "from tests import _util\n"
            "wf = _util.worked_example()\n"
            "r = wf.score(_util.AS_OF)\n"
            "p = airs.Params()\n"
            "cycle = [wf, r, p]; cycle.append(cycle)\n"
            "airs.keep = (wf, r, p)\n"
            "print('ok')\n" % _util.PYROOT)
        res = _util.run_python(code, env={"PYTHONPATH": _util.PYROOT,
                                          "AIRS_LIBRARY": airs.library_path})
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(res.stdout.strip(), "ok")
        self.assertEqual(res.stderr, "")


class TestThreads(unittest.TestCase):
    def test_score_one_workforce_from_four_threads(self):
        wf = airs.Workforce.load(_util.SAMPLE)
        wf.finish()
        ref = repr(wf.score(_util.AS_OF).to_records())
        out, errors = [None] * 4, []

        def work(k):
            try:
                got = []
                for _ in range(5):
                    r = wf.score(_util.AS_OF)
                    got.append(repr(r.to_records()))
                    got.append(repr(r.units))
                    r.close()
                out[k] = got
            except Exception as e:  # pragma: no cover
                errors.append(e)

        ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(errors, [])
        units = repr(wf.score(_util.AS_OF).units)
        for got in out:
            self.assertEqual(got[0::2], [ref] * 5)
            self.assertEqual(got[1::2], [units] * 5)

    def test_unfinished_workforce_is_finished_once(self):
        wf = _util.worked_example()
        results = []
        ts = [threading.Thread(target=lambda: results.append(wf.score(_util.AS_OF)))
              for _ in range(4)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(len(results), 4)
        self.assertEqual(len({repr(r.to_records()) for r in results}), 1)

    def test_independent_handles_in_threads(self):
        errors = []

        def work():
            try:
                for _ in range(20):
                    with _util.worked_example() as wf:
                        r = wf.score(_util.AS_OF)
                        assert abs(r.employee("E1").readiness - 91.25) < EPS
            except Exception as e:  # pragma: no cover
                errors.append(e)

        ts = [threading.Thread(target=work) for _ in range(4)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(errors, [])

"""Threads use a Result, an OrgPlan or an Audit while another thread
closes it (issue 24).  Run by test_concurrency.py in a child process, so
that a use-after-free that crashes the interpreter fails that test
instead of killing the test runner:

    python3 -m tests._stress [rounds]

Every call must either complete with exactly the output it gives on an
object nobody closes, or raise the closed-handle error (airs.Error,
status AIRS_ESTATE, "the ... is closed").  Output read from freed memory
would differ (MALLOC_PERTURB_, which meson sets, fills freed blocks) or
crash.  Some saves go into a file object whose write() closes the object
being saved: the export must still come out whole.  Prints one line of
counts (closes_in_flight: how many close() calls found calls still
inside the library); exits 1 with the first unexpected outcome.
"""
from __future__ import annotations

import faulthandler
import io
import os
import random
import sys
import tempfile
import threading

import airs
from airs import _errors

from . import _util

WORKERS = 3


class Closing(io.RawIOBase):
    """A binary file whose first write() closes `obj` (a callback that
    closes the object whose export is running)."""

    def __init__(self, obj):
        super().__init__()
        self.obj, self.parts = obj, []

    def writable(self):
        return True

    def write(self, b):
        if not self.parts:
            self.obj.close()
        self.parts.append(bytes(b))
        return len(b)


def calls(kind, obj, folder, worker):
    """(name, call, expected output) for every way of using `obj`: each
    call returns something comparable with the output of the same call
    on an object nobody closes."""
    path = os.path.join(folder, "%s-%d.out" % (kind, worker))

    def save_path(*a):
        obj.save(path, *a)
        with open(path, "rb") as f:
            return f.read()

    def save_file(*a):
        buf = io.BytesIO()
        obj.save(buf, *a)
        return buf.getvalue()

    if kind == "result":
        return [
            ("write", lambda: obj.write()),
            ("write csv", lambda: obj.write("employees", "csv")),
            ("save path", lambda: save_path("units", "csv")),
            ("save file", lambda: save_file("all", "json")),
            ("column", lambda: obj.column("readiness").tobytes()),
            ("employee", lambda: repr(obj.employee("E000042"))),
            ("explain", lambda: repr(obj.explain("E000042"))),
            ("units", lambda: repr(obj.units)),
            ("construct", lambda: repr(obj.construct("trust", "U-CO"))),
            ("skill_gaps", lambda: repr(obj.skill_gaps("U-CO"))),
            ("provenance", lambda: repr(obj.provenance)),
            ("plan", lambda: repr(obj.plan("E000042", 20))),
        ]
    if kind == "plan":
        return [
            ("write", lambda: obj.write()),
            ("write csv", lambda: obj.write("allocations", "csv")),
            ("save path", lambda: save_path("groups", "csv")),
            ("save file", lambda: save_file()),
            ("groups", lambda: repr(obj.groups)),
            ("cohorts", lambda: repr(obj.cohorts)),
            ("cohort_units", lambda: repr(obj.cohort_units(0))),
            ("outcome", lambda: obj.outcome("hours").tobytes()),
            ("provenance", lambda: repr(obj.provenance)),
        ]
    return [
        ("write", lambda: obj.write()),
        ("write csv", lambda: obj.write("csv")),
        ("save path", lambda: save_path("csv")),
        ("save file", lambda: save_file()),
    ]


def closing_save(obj):
    """Save into a file that closes obj on its first write."""
    f = Closing(obj)
    obj.save(f)
    return b"".join(f.parts)


def main(rounds: int) -> int:
    faulthandler.enable()
    wf = airs.Workforce.load(_util.SAMPLE)
    base = wf.score(_util.AS_OF)
    makers = {
        "result": lambda: wf.score(_util.AS_OF),
        "plan": lambda: base.plan_org(60, "blend"),
        "audit": lambda: base.audit("gender", "age_band", intersection=True),
    }
    rng = random.Random(24)
    counts = {"completed": 0, "closed": 0, "callback closes": 0,
              "closes in flight": 0}
    lock = threading.Lock()
    failures = []

    def count(what):
        with lock:
            counts[what] += 1

    with tempfile.TemporaryDirectory() as folder:
        expected = {}
        for kind, make in makers.items():
            ref = make()
            expected[kind] = {name: call() for name, call in calls(kind, ref, folder, 0)}
            expected[kind]["closing save"] = ref.write()
            ref.close()

        def work(kind, obj, worker, seed):
            r = random.Random(seed)
            todo = calls(kind, obj, folder, worker)
            while True:
                name, call = r.choice(todo)
                try:
                    got = call()
                except airs.Error as e:
                    if e.status == _errors.ESTATE and "is closed" in e.message:
                        count("closed")
                        return
                    failures.append("%s %s: %r" % (kind, name, e))
                    return
                except BaseException as e:  # anything else is a failure
                    failures.append("%s %s: %r" % (kind, name, e))
                    return
                if got != expected[kind][name]:
                    failures.append("%s %s: output differs from an unclosed object's"
                                    % (kind, name))
                    return
                count("completed")

        for rnd in range(rounds):
            for kind, make in makers.items():
                obj = make()
                threads = [threading.Thread(target=work,
                                            args=(kind, obj, w, rng.random()))
                           for w in range(1, WORKERS + 1)]
                for t in threads:
                    t.start()
                if rnd % 4 == 3:
                    # the closer is a callback inside a running save
                    try:
                        got = closing_save(obj)
                    except BaseException as e:
                        failures.append("%s closing save: %r" % (kind, e))
                    else:
                        count("callback closes")
                        if got != expected[kind]["closing save"]:
                            failures.append("%s closing save: incomplete output" % kind)
                else:
                    threading.Event().wait(rng.random() * 0.004)
                    if getattr(obj._handle, "busy", 0):  # calls inside: the free must wait
                        count("closes in flight")
                    obj.close()
                for t in threads:
                    t.join()
                if not obj.closed:
                    failures.append("%s: not closed after close()" % kind)
                if failures:
                    print("FAILED:", failures[0], file=sys.stderr)
                    return 1
    print(" ".join("%s=%d" % (k.replace(" ", "_"), v) for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100))

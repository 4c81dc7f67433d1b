#!/usr/bin/env python3
"""Pathological inputs (issue 24), in the style of cmark's
pathological_tests.py: each hostile file an uploader can craft, at two
sizes, through the `airs` command line.

The bound is a ratio within one run, never an absolute time: the larger
input (RATIO times the smaller) may cost at most SLACK x RATIO times the
smaller one's CPU time (plus a fixed allowance for start-up noise) and
at most SLACK x RATIO times its peak memory.  A quadratic cost is RATIO^2
times, so it fails; so does a units x skills matrix.  CPU time and peak
resident memory are the child's own (wait4), so other processes on the
machine do not count.  The measurements are printed as TAP comments.

Also: a FIFO in the dataset folder does not block, and a table that is a
symbolic link is refused without quoting what it points to.

    tests/pathological.py build/examples/airs
"""
import csv
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading

RATIO = 4
SLACK = 2.0
ALLOWANCE_S = 0.5           # start-up and timer noise
TIMEOUT_S = 300             # a hang is a failure, not a stuck CI
NO_LIMITS = ["--set", "limits.max_depth=1000000"]


def write(folder, name, header, rows):
    with open(os.path.join(folder, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def base(folder, units=(("U0", "Root", "", 3),)):
    write(folder, "units.csv", ["unit_id", "name", "parent_id", "target_level"],
          units)
    write(folder, "roles.csv", ["role_id", "name"], [("r", "Role")])


def employees(folder, rows):
    write(folder, "employees.csv",
          ["employee_id", "unit_id", "role_id", "is_leader", "manager_id"], rows)


# --- the cases: each writes a dataset of size n and names the command ----

def colliding_ids(n, seed=1):
    """n 16-byte printable ids that all had one hash under 1.0's unkeyed
    id hash (lib/hashidx.c before SipHash): the second 8-byte block is
    chosen to cancel the first, so every id leaves the same state."""
    import numpy as np
    k = np.uint64(0xff51afd7ed558ccd)
    h0 = np.uint64(0x9e3779b97f4a7c15 ^ 16)
    alnum = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                          b"abcdefghijklmnopqrstuvwxyz0123456789", np.uint8)
    ok = np.zeros(256, bool)
    ok[0x21:0x7f] = True            # printable, no space to trim
    ok[ord('"')] = ok[ord(",")] = False
    rng = np.random.default_rng(seed)
    out = set()
    while len(out) < n:
        first = alnum[rng.integers(0, len(alnum), size=(1 << 21, 8))]
        h = (h0 ^ first.view("<u8").ravel()) * k
        h ^= h >> np.uint64(32)
        second = h.astype("<u8").view(np.uint8).reshape(-1, 8)
        good = ok[second].all(axis=1)
        for a, b in zip(first[good], second[good]):
            out.add(bytes(a) + bytes(b))
    ids = sorted(out)[:n]
    assert all(old_hash(i) == old_hash(ids[0]) for i in ids[:50])
    return [i.decode("ascii") for i in ids]


def old_hash(s):
    """1.0's airs__hash_bytes, for the self-check."""
    m = (1 << 64) - 1
    h = 0x9e3779b97f4a7c15 ^ len(s)
    i = 0
    while i + 8 <= len(s):
        h = ((h ^ int.from_bytes(s[i:i + 8], "little")) * 0xff51afd7ed558ccd) & m
        h ^= h >> 32
        i += 8
    assert i == len(s)
    return h


def case_collisions(folder, n):
    base(folder)
    employees(folder, [(i, "U0", "r", 0, "") for i in colliding_ids(n)])
    return ["validate"]


def case_deep_units(folder, n):
    """A chain n units deep, one person and one answer in each."""
    units = [("U%d" % i, "U%d" % i, "U%d" % (i - 1) if i else "", 3)
             for i in range(n)]
    base(folder, units)
    employees(folder, [("E%d" % i, "U%d" % i, "r", 0, "") for i in range(n)])
    write(folder, "survey_items.csv",
          ["item_id", "construct", "scale_min", "scale_max", "reverse", "text"],
          [("Q1", "clarity", 1, 5, 0, "Clear")])
    write(folder, "responses.csv", ["employee_id", "item_id", "value", "date"],
          [("E%d" % i, "Q1", 1 + i % 5, "2026-01-05") for i in range(n)])
    return ["report", "--format", "json"] + NO_LIMITS


def case_one_person(folder, n):
    """One employee with n assessments, newest skill first."""
    base(folder)
    employees(folder, [("E1", "U0", "r", 0, "")])
    write(folder, "skills.csv", ["skill_id", "name", "category", "prerequisites"],
          [("S%06d" % i, "S", "c", "") for i in range(n)])
    write(folder, "role_skills.csv",
          ["role_id", "skill_id", "required_level", "weight"],
          [("r", "S%06d" % i, 3, 1) for i in range(0, n, max(1, n // 50))])
    write(folder, "assessments.csv",
          ["employee_id", "skill_id", "level", "date", "source"],
          [("E1", "S%06d" % i, i % 6, "2026-01-%02d" % (1 + i % 28), "self")
           for i in reversed(range(n))])
    return ["score", "--format", "csv"]


def case_manager_chain(folder, n):
    """Everyone manages the next person: a chain n long, named before its
    managers appear."""
    base(folder)
    employees(folder, [("E%d" % i, "U0", "r", 0, "E%d" % (i + 1) if i + 1 < n
                        else "") for i in range(n)])
    return ["validate"] + NO_LIMITS


def case_manager_groups(folder, n):
    """The same chain scored and reported by manager (issue 20): n - 1
    managers whose lines nest n deep, suppressed jointly with the unit."""
    case_manager_chain(folder, n)
    return ["report", "--by", "manager", "--format", "csv"] + NO_LIMITS


def case_units_by_skills(folder, n):
    """n units and n skills, one person per unit in a role of their own
    that requires five skills, assessed on them."""
    base(folder, [("U0", "Root", "", 3)] +
         [("U%d" % i, "U", "U0", 3) for i in range(1, n)])
    write(folder, "roles.csv", ["role_id", "name"],
          [("r%d" % i, "R") for i in range(n)])
    employees(folder, [("E%d" % i, "U%d" % i, "r%d" % i, 0, "")
                       for i in range(n)])
    write(folder, "skills.csv", ["skill_id", "name", "category", "prerequisites"],
          [("S%d" % i, "S", "c", "") for i in range(n)])
    need = [(i, (i * 5 + j) % n) for i in range(n) for j in range(5)]
    write(folder, "role_skills.csv",
          ["role_id", "skill_id", "required_level", "weight"],
          [("r%d" % i, "S%d" % s, 3, 1) for i, s in need])
    write(folder, "assessments.csv",
          ["employee_id", "skill_id", "level", "date", "source"],
          [("E%d" % i, "S%d" % s, 1, "2026-01-05", "self") for i, s in need])
    return ["report", "--format", "json"]


def case_one_role(folder, n):
    """n people in one role that requires as many skills as the default
    limit allows (limits.max_role_skills): a person costs their role's
    requirements, so n people cost n times that, not more."""
    base(folder)
    employees(folder, [("E%d" % i, "U0", "r", 0, "") for i in range(n)])
    write(folder, "skills.csv", ["skill_id", "name", "category", "prerequisites"],
          [("S%d" % i, "S", "c", "") for i in range(1000)])
    write(folder, "role_skills.csv",
          ["role_id", "skill_id", "required_level", "weight"],
          [("r", "S%d" % i, 3, 1) for i in range(1000)])
    write(folder, "assessments.csv",
          ["employee_id", "skill_id", "level", "date", "source"],
          [("E%d" % i, "S%d" % (i % 1000), 2, "2026-01-05", "self")
           for i in range(n)])
    return ["score", "--format", "csv"]


def case_plan_deep_units(folder, n):
    """An organisation plan over a chain n units deep, one person in each
    below target with a course to take (issue 16: groups, budgets and
    cohorts were walked up the chain for every person)."""
    units = [("U%d" % i, "U%d" % i, "U%d" % (i - 1) if i else "", 3)
             for i in range(n)]
    base(folder, units)
    employees(folder, [("E%d" % i, "U%d" % i, "r", 0, "") for i in range(n)])
    write(folder, "skills.csv", ["skill_id", "name", "category", "prerequisites"],
          [("S", "S", "c", "")])
    write(folder, "role_skills.csv",
          ["role_id", "skill_id", "required_level", "weight"], [("r", "S", 3, 1)])
    write(folder, "courses.csv",
          ["course_id", "name", "skill_id", "hours", "level_gain", "format",
           "cost"], [("C", "C", "S", 6, 2, "self_paced", 0)])
    write(folder, "assessments.csv",
          ["employee_id", "skill_id", "level", "date", "source"],
          [("E%d" % i, "S", 0.5 * (i % 4), "2026-01-05", "test")
           for i in range(n)])
    return ["plan", "--org", "--budget", str(4 * n), "--format", "csv"] + NO_LIMITS


CASES = [
    # name, function, smaller size
    ("ids that collided under 1.0's hash", case_collisions, 8000),
    ("a chain of units, one answer each", case_deep_units, 2500),
    ("one person's records in reverse order", case_one_person, 20000),
    ("a management chain named before its managers", case_manager_chain,
     25000),
    ("manager groups over a management chain", case_manager_groups, 25000),
    ("units x skills", case_units_by_skills, 1500),
    ("one role with 1,000 requirements", case_one_role, 1000),
    ("an organisation plan over a chain of units", case_plan_deep_units, 2500),
]


# --- measuring ------------------------------------------------------------

def run(airs, args, folder, quiet=True):
    """(exit status, CPU seconds, peak KiB, stderr - and stdout unless
    quiet) of one airs run."""
    err = tempfile.TemporaryFile()
    p = subprocess.Popen([airs] + args[:1] + ["--data", folder] + args[1:],
                         stdout=subprocess.DEVNULL if quiet else err,
                         stderr=err)
    timer = threading.Timer(TIMEOUT_S, lambda: os.kill(p.pid, signal.SIGKILL))
    timer.start()
    _, status, ru = os.wait4(p.pid, 0)
    timer.cancel()
    p.returncode = os.waitstatus_to_exitcode(status)
    err.seek(0)
    return (p.returncode, ru.ru_utime + ru.ru_stime, ru.ru_maxrss,
            err.read().decode("utf-8", "replace"))


def measure(airs, fn, n, tmp):
    folder = os.path.join(tmp, "n%d" % n)
    os.mkdir(folder)
    # written by a child process: the lists and numpy's arrays would
    # otherwise raise this process's peak memory, which every airs it
    # starts inherits in its own (Linux counts a process's memory before
    # exec in its peak)
    made = subprocess.run([sys.executable, __file__, "--make", fn.__name__,
                           str(n), folder], check=True, capture_output=True,
                          text=True)
    args = made.stdout.split()
    best = None
    for _ in range(3):                  # the least noisy of three
        rc, cpu, kib, err = run(airs, args, folder)
        if rc != 0:
            return rc, cpu, kib, err.splitlines()[:3]
        best = (cpu, kib) if best is None else (min(best[0], cpu),
                                                 min(best[1], kib))
    shutil.rmtree(folder)
    return 0, best[0], best[1], []


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, what, why=""):
        self.n += 1
        self.failed += not cond
        print("%s %d - %s%s" % ("ok" if cond else "not ok", self.n, what,
                                "" if cond else ": " + why))
        sys.stdout.flush()


def scaling(tap, airs, tmp):
    for name, fn, n in CASES:
        small = measure(airs, fn, n, tmp)
        large = measure(airs, fn, n * RATIO, tmp)
        for size, m in ((n, small), (n * RATIO, large)):
            if m[0] != 0:
                tap.ok(False, "%s at %d" % (name, size),
                       "exit %d: %s" % (m[0], " / ".join(m[3])))
        if small[0] or large[0]:
            continue
        print("# %s: %d -> %.3f s, %d KiB; %d -> %.3f s, %d KiB"
              % (name, n, small[1], small[2], n * RATIO, large[1], large[2]))
        limit = SLACK * RATIO * small[1] + ALLOWANCE_S
        tap.ok(large[1] <= limit, "%s: time grows at most linearly" % name,
               "%.3f s at %dx the size of %.3f s (limit %.3f s)"
               % (large[1], RATIO, small[1], limit))
        tap.ok(large[2] <= SLACK * RATIO * small[2],
               "%s: memory grows at most linearly" % name,
               "%d KiB at %dx the size of %d KiB" % (large[2], RATIO, small[2]))


def files_that_are_not_files(tap, airs, tmp):
    folder = os.path.join(tmp, "fifo")
    os.mkdir(folder)
    base(folder)
    employees(folder, [("E1", "U0", "r", 0, "")])
    os.mkfifo(os.path.join(folder, "responses.csv"))
    rc, _, _, err = run(airs, ["validate"], folder, quiet=False)
    tap.ok(rc == 1 and "responses.csv" in err and "regular file" in err,
           "a FIFO named responses.csv is refused, not waited on",
           "exit %d: %s" % (rc, err.strip()))

    folder = os.path.join(tmp, "link")
    os.mkdir(folder)
    base(folder)
    secret = os.path.join(tmp, "secret.txt")
    with open(secret, "w") as f:
        f.write("employee_id,db_password=hunter2\n")
    os.symlink(secret, os.path.join(folder, "employees.csv"))
    rc, _, _, err = run(airs, ["validate"], folder, quiet=False)
    tap.ok(rc == 1 and "employees.csv" in err and "symbolic link" in err
           and "hunter2" not in err,
           "a table that is a symbolic link is refused and not quoted",
           "exit %d: %s" % (rc, err.strip()))


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--make":
        print(" ".join(globals()[sys.argv[2]](sys.argv[4], int(sys.argv[3]))))
        return
    if len(sys.argv) != 2:
        sys.exit("usage: pathological.py AIRS")
    if importlib.util.find_spec("numpy") is None:
        print("1..0 # SKIP numpy is not installed (Debian: python3-numpy)")
        sys.exit(77)
    airs = os.path.abspath(sys.argv[1])
    tap = Tap()
    with tempfile.TemporaryDirectory(prefix="airs-patho-") as tmp:
        files_that_are_not_files(tap, airs, tmp)
        scaling(tap, airs, tmp)
    print("1..%d" % tap.n)
    sys.exit(1 if tap.failed else 0)


if __name__ == "__main__":
    main()

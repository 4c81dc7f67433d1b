"""save(path): a random temporary in the target's folder, created
exclusively, fsync'd and renamed over the target (issue 24).

The old save wrote through PATH.PID.tmp: a symbolic link planted at that
name redirected the export into the file it pointed to, and two threads
of one process shared the name, so saves to one path mixed their output
or failed.  These tests plant links, fail saves in the middle, and race
threads on one path."""
from __future__ import annotations

import errno
import json
import os
import pathlib
import stat
import tempfile
import threading
import unittest
from unittest import mock

import airs
from airs import _errors, _io

from . import _util

TABLES = [("all", "json"), ("employees", "json"), ("employees", "csv"),
          ("units", "json"), ("units", "csv"), ("constructs", "json"),
          ("constructs", "csv"), ("skill_gaps", "csv")]


class SaveCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.wf = airs.Workforce.load(_util.SAMPLE)
        cls.r = cls.wf.score(_util.AS_OF)
        cls.export = cls.r.write()

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.elsewhere = tempfile.mkdtemp()
        self.path = os.path.join(self.dir, "out.json")
        self.victim = os.path.join(self.elsewhere, "precious")
        with open(self.victim, "wb") as f:
            f.write(b"precious")

    def tearDown(self):
        import shutil
        shutil.rmtree(self.dir)
        shutil.rmtree(self.elsewhere)

    def read(self, path=None) -> bytes:
        with open(path or self.path, "rb") as f:
            return f.read()

    def assertVictimIntact(self):
        self.assertEqual(self.read(self.victim), b"precious")
        self.assertEqual(os.listdir(self.elsewhere), ["precious"])


class TestPlantedLinks(SaveCase):
    def test_a_link_at_the_old_temporary_name_is_not_followed(self):
        # The old save opened PATH.PID.tmp for writing (following a link
        # planted there into the victim) and renamed the link over PATH.
        planted = "%s.%d.tmp" % (self.path, os.getpid())
        os.symlink(self.victim, planted)
        self.r.save(self.path)
        self.assertVictimIntact()
        self.assertFalse(os.path.islink(self.path))
        self.assertEqual(self.read(), self.export)
        self.assertEqual(os.readlink(planted), self.victim)  # left alone

    def test_a_planted_name_is_never_opened(self):
        # Even when the random name is guessed (forced here): a link to a
        # file, a dangling link and a regular file at the name are each
        # refused by O_EXCL, and a fresh name is drawn.
        dangling_target = os.path.join(self.elsewhere, "created-through-link")
        planted = [os.path.join(self.dir, n) for n in (".a.tmp", ".b.tmp", ".c.tmp")]
        os.symlink(self.victim, planted[0])
        os.symlink(dangling_target, planted[1])
        with open(planted[2], "wb") as f:
            f.write(b"someone's file")
        names = iter(planted)
        real = _io._temp_name
        drawn = []

        def guess(folder, name):
            drawn.append(next(names, None) or real(folder, name))
            return drawn[-1]

        with mock.patch.object(_io, "_temp_name", guess):
            self.r.save(self.path)
        self.assertEqual(drawn[:3], planted)
        self.assertEqual(len(drawn), 4)
        self.assertEqual(self.read(), self.export)
        self.assertVictimIntact()
        self.assertFalse(os.path.lexists(dangling_target))
        self.assertEqual(self.read(planted[2]), b"someone's file")
        self.assertEqual(sorted(os.listdir(self.dir)),
                         sorted([".a.tmp", ".b.tmp", ".c.tmp", "out.json"]))

    def test_when_every_name_is_taken_nothing_is_written(self):
        planted = os.path.join(self.dir, ".planted")
        os.symlink(self.victim, planted)
        with mock.patch.object(_io, "_temp_name", lambda folder, name: planted):
            with self.assertRaises(FileExistsError) as cm:
                self.r.save(self.path)
        self.assertEqual(cm.exception.filename, self.path)
        self.assertVictimIntact()
        self.assertEqual(os.listdir(self.dir), [".planted"])

    def test_a_link_at_the_path_itself_is_replaced_not_written_through(self):
        os.symlink(self.victim, self.path)
        self.r.save(self.path)
        self.assertVictimIntact()
        self.assertFalse(os.path.islink(self.path))
        self.assertEqual(self.read(), self.export)

    def test_the_temporary_is_random_hidden_and_beside_the_target(self):
        seen = []
        real_replace = os.replace

        def replace(src, dst):
            seen.append((src, dst))
            return real_replace(src, dst)

        with mock.patch.object(os, "replace", replace):
            self.r.save(self.path)
            self.r.save(self.path)
        (src1, dst1), (src2, dst2) = seen
        self.assertEqual((dst1, dst2), (self.path, self.path))
        self.assertNotEqual(src1, src2)
        for src in (src1, src2):
            self.assertEqual(os.path.dirname(src), self.dir)
            self.assertRegex(os.path.basename(src), r"^\.out\.json\.[0-9a-f]{16}\.tmp$")


class TestFailures(SaveCase):
    def setUp(self):
        super().setUp()
        with open(self.path, "wb") as f:
            f.write(b"old")

    def assertUntouched(self):
        self.assertEqual(os.listdir(self.dir), ["out.json"])  # no temporary left
        self.assertEqual(self.read(), b"old")

    def fails_after_one_piece(self, exc):
        def call(fn, diag):
            import ctypes
            buf = ctypes.create_string_buffer(b"partial output", 14)
            fn(ctypes.cast(buf, ctypes.c_void_p), 14, None)
            raise exc
        return call

    def test_a_library_error_removes_the_temporary(self):
        with self.assertRaises(airs.Error) as cm:
            _io.save(self.fails_after_one_piece(airs.Error(_errors.ENOMEM)), self.path)
        self.assertEqual(cm.exception.status, _errors.ENOMEM)
        self.assertUntouched()

    def test_an_interrupt_removes_the_temporary(self):
        with self.assertRaises(KeyboardInterrupt):
            _io.save(self.fails_after_one_piece(KeyboardInterrupt()), self.path)
        self.assertUntouched()

    def test_a_failed_rename_removes_the_temporary_and_names_the_path(self):
        folder = os.path.join(self.dir, "out.json.d")
        os.mkdir(folder)
        os.mkdir(os.path.join(folder, "sub"))  # a non-empty folder: no rename
        with self.assertRaises(OSError) as cm:
            self.r.save(folder)
        self.assertEqual(cm.exception.filename, folder)
        self.assertEqual(sorted(os.listdir(self.dir)), ["out.json", "out.json.d"])
        self.assertEqual(os.listdir(folder), ["sub"])

    def test_a_closed_object_writes_nothing(self):
        r = self.wf.score(_util.AS_OF)
        r.close()
        with self.assertRaises(airs.Error):
            r.save(self.path)
        self.assertUntouched()

    def full_disk(self, limit):
        """save() in a process whose files may not grow beyond `limit`
        bytes: write() fails with EFBIG there, as a full disk would
        with ENOSPC.  The error must name the path, leave no temporary
        and the old file as it was."""
        code = (
            "import json, os, resource, signal, sys\n"
            "sys.path.insert(0, %(root)r)\n"
            "import airs\n"
            "from tests import _util\n"
            "r = airs.Workforce.load(_util.SAMPLE).score(_util.AS_OF)\n"
            "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
            "resource.setrlimit(resource.RLIMIT_FSIZE, (%(limit)d, %(limit)d))\n"
            "try:\n"
            "    r.save(%(path)r)\n"
            "except OSError as e:\n"
            "    print(json.dumps([e.errno, e.filename, sorted(os.listdir(%(dir)r))]))\n"
            % {"root": _util.PYROOT, "path": self.path, "dir": self.dir,
               "limit": limit})
        res = _util.run_python(code, env={"PYTHONPATH": _util.PYROOT,
                                          "AIRS_LIBRARY": airs.library_path})
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(json.loads(res.stdout), [errno.EFBIG, self.path, ["out.json"]])
        self.assertUntouched()

    def test_a_full_disk_names_the_path_and_removes_the_temporary(self):
        self.full_disk(65536)  # half way through the export

    def test_a_full_disk_at_the_last_bytes(self):
        # The file is written through a buffer (_io._BUFFER): the last
        # bytes reach the disk only when it is flushed and closed, after
        # the library has returned.  A failure there is a failed save
        # all the same.
        self.assertGreater(len(self.export), 2 * _io._BUFFER)
        self.full_disk(len(self.export) - 1)

    def test_a_nul_byte_in_the_path(self):
        plan, audit = self.r.plan_org(10), self.r.audit("gender")
        for obj in (self.r, plan, audit):
            with self.subTest(type(obj).__name__):
                with self.assertRaises(ValueError) as cm:
                    obj.save(self.path + "\x00x")
                self.assertEqual(str(cm.exception), "path contains a NUL byte: %r"
                                 % (self.path + "\x00x"))
        self.assertUntouched()


class TestWhatIsWritten(SaveCase):
    def test_fsync_before_the_rename(self):
        events = []
        real_fsync, real_replace = os.fsync, os.replace

        def fsync(fd):
            events.append(("fsync", stat.S_ISDIR(os.fstat(fd).st_mode)))
            return real_fsync(fd)

        def replace(src, dst):
            events.append(("replace", dst))
            return real_replace(src, dst)

        with mock.patch.object(os, "fsync", fsync), \
                mock.patch.object(os, "replace", replace):
            self.r.save(self.path)
        # the file's data, then the rename, then the folder's entry
        self.assertEqual(events, [("fsync", False), ("replace", self.path),
                                  ("fsync", True)])

    def test_permissions_of_the_file_replaced_are_kept(self):
        for mode in (0o640, 0o755, 0o600):
            with self.subTest(oct(mode)):
                with open(self.path, "wb"):
                    pass
                os.chmod(self.path, mode)
                self.r.save(self.path)
                self.assertEqual(stat.S_IMODE(os.stat(self.path).st_mode), mode)
                self.assertEqual(self.read(), self.export)

    def test_a_new_file_gets_the_umask_permissions(self):
        umask = os.umask(0o027)
        os.umask(umask)
        self.r.save(self.path)
        self.assertEqual(stat.S_IMODE(os.stat(self.path).st_mode), 0o666 & ~umask)

    def test_paths_as_str_bytes_and_pathlike(self):
        for dest in (self.path, os.fsencode(self.path), pathlib.Path(self.path)):
            with self.subTest(type(dest).__name__):
                if os.path.exists(self.path):
                    os.unlink(self.path)
                self.r.save(dest, "units", "csv")
                self.assertEqual(self.read(), self.r.write("units", "csv"))
        self.assertEqual(os.listdir(self.dir), ["out.json"])

    def test_a_relative_path(self):
        cwd = os.getcwd()
        os.chdir(self.dir)
        try:
            self.r.save("out.json")
        finally:
            os.chdir(cwd)
        self.assertEqual(self.read(), self.export)
        self.assertEqual(os.listdir(self.dir), ["out.json"])

    def test_a_name_near_the_limit(self):
        path = os.path.join(self.dir, "n" * 250)
        self.r.save(path)
        self.assertEqual(self.read(path), self.export)
        self.assertEqual(os.listdir(self.dir), ["n" * 250])


class TestConcurrentSaves(SaveCase):
    def test_threads_saving_to_one_path_leave_one_complete_file(self):
        # 8 threads each save a different table to the same path 10
        # times while a reader keeps reading it.  Every read and the
        # final file must be exactly one of the 8 outputs.  (The old
        # save shared PATH.PID.tmp between the threads: mixed files and
        # FileNotFoundError when another thread had renamed it away.)
        contents = {self.r.write(t, f) for t, f in TABLES}
        self.assertEqual(len(contents), len(TABLES))
        rounds = int(os.environ.get("AIRS_PY_SAVE_ROUNDS", "10"))
        errors, seen, done = [], [], threading.Event()
        start = threading.Barrier(len(TABLES) + 1)

        def saver(table, fmt):
            try:
                start.wait(60)
                for _ in range(rounds):
                    self.r.save(self.path, table, fmt)
            except BaseException as e:  # pragma: no cover
                errors.append(e)

        def reader():
            start.wait(60)
            while not done.is_set():
                try:
                    data = self.read()
                except FileNotFoundError:
                    continue
                if data not in contents:
                    seen.append(len(data))

        threads = [threading.Thread(target=saver, args=tf) for tf in TABLES]
        watch = threading.Thread(target=reader)
        for t in threads + [watch]:
            t.start()
        for t in threads:
            t.join(120)
        done.set()
        watch.join(60)
        self.assertEqual(errors, [])
        self.assertEqual(seen, [], "the reader saw incomplete or mixed files")
        self.assertIn(self.read(), contents)
        self.assertEqual(os.listdir(self.dir), ["out.json"])


if __name__ == "__main__":
    unittest.main()

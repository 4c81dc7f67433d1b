#!/usr/bin/python3
"""An install that works without the sources (issue 21, item 5).

    tests/check-install.py BUILD_DIR SOURCE_ROOT [--pip]

Installs the build into a scratch prefix (meson install --destdir), moves
the installed tree elsewhere, and checks that `airs report` there, with
no AIRS_SAMPLE_DIR, reads the sample company installed beside it (a
change to that copy shows in the report) and prints what the build
tree's airs prints for the source tree's sample; that the manual page and
the documents it names are installed.  With --pip (slow: builds a wheel),
installs the Python package with pip into an offline venv (meson-python,
Debian's python3-mesonpy) and scores the sample through it, with no
AIRS_LIBRARY.  Output is TAP.  Exit 77 when meson is not found.
"""
import os
import shutil
import subprocess
import sys
import tempfile

BUILD, ROOT = (os.path.abspath(a) for a in sys.argv[1:3])
PIP = "--pip" in sys.argv[3:]
results = []


def ok(cond, name, detail=""):
    results.append((bool(cond), name, detail))


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=900,
                          **kw)


meson = shutil.which("meson")
if not meson:
    print("1..0 # SKIP meson not found")
    sys.exit(77)

with tempfile.TemporaryDirectory() as tmp:
    stage = os.path.join(tmp, "stage")
    p = run([meson, "install", "-C", BUILD, "--destdir", stage, "--no-rebuild",
             "--quiet"])
    ok(p.returncode == 0, "meson install into a scratch prefix", p.stderr)
    # the prefix: the folder under stage that holds bin/airs
    prefix = None
    for dirpath, dirnames, filenames in os.walk(stage):
        if os.path.basename(dirpath) == "bin" and "airs" in filenames:
            prefix = os.path.dirname(dirpath)
            break
    ok(prefix is not None, "the install has bin/airs")
    moved = os.path.join(tmp, "moved")
    shutil.move(prefix, moved)
    libdirs = sorted({os.path.dirname(os.path.join(d, f))
                      for d, _, fs in os.walk(moved) for f in fs
                      if f.startswith("libairs.so")})
    env = dict(os.environ)
    env.pop("AIRS_SAMPLE_DIR", None)
    env["LD_LIBRARY_PATH"] = ":".join(libdirs)
    airs = os.path.join(moved, "bin", "airs")
    got = run([airs, "report"], env=env, cwd=tmp)
    src_env = dict(os.environ)
    src_env["AIRS_SAMPLE_DIR"] = os.path.join(ROOT, "examples", "data", "sample")
    want = run([os.path.join(BUILD, "examples", "airs"), "report"], env=src_env)
    ok(got.returncode == 0 and got.stdout == want.stdout and got.stdout,
       "installed and moved: airs report prints the sample's report",
       got.stderr + got.stdout[:200])
    units = os.path.join(moved, "share", "airs", "sample", "units.csv")
    text = open(units, encoding="utf-8").read()
    open(units, "w", encoding="utf-8").write(
        text.replace(",Customer Operations,", ",Installed Copy Ops,", 1))
    got = run([airs, "report"], env=env, cwd=tmp)
    ok("Installed Copy Ops" in got.stdout and
       "Installed Copy Ops" not in want.stdout,
       "the report reads the copy installed beside the program, not the "
       "source tree's", got.stdout[:300])
    ok(os.path.exists(os.path.join(moved, "share", "man", "man1", "airs.1")),
       "the manual page is installed")
    for doc in ("cli.md", "methodology.md", "data-format.md",
                "output-format.md", "responsible-use.md", "configuration.md"):
        ok(os.path.exists(os.path.join(moved, "share", "doc", "airs", doc)),
           "the manual page's %s is installed" % doc)

    if PIP:
        venv = os.path.join(tmp, "venv")
        p = run(["/usr/bin/python3", "-m", "venv", "--system-site-packages",
                 venv])
        py = os.path.join(venv, "bin", "python")
        p = run([py, "-m", "pip", "install", "--no-build-isolation",
                 "--no-index", ROOT])
        ok(p.returncode == 0, "pip install from the source tree, offline",
           p.stdout[-2000:] + p.stderr[-2000:])
        env = dict(os.environ)
        env.pop("AIRS_LIBRARY", None)
        env.pop("PYTHONPATH", None)
        p = run([py, "-c", "import airs, airs._ffi as f\n"
                 "wf = airs.Workforce.load(%r)\n"
                 "r = wf.score({'as_of': '2026-06-30'})\n"
                 "print(f.lib._name)\n"
                 "print(round(r.org.readiness_mean, 6))"
                 % os.path.join(ROOT, "examples", "data", "sample")],
                env=env, cwd=tmp)
        lines = p.stdout.split()
        ok(p.returncode == 0 and lines and
           lines[0].startswith(os.path.join(venv, "lib")),
           "import airs finds the libairs inside the package", p.stdout + p.stderr)

print("1..%d" % len(results))
for i, (good, name, detail) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if good else "not ok", i, name))
    if not good and detail:
        for line in detail.splitlines()[-20:]:
            print("# " + line)
sys.exit(0 if all(r[0] for r in results) else 1)

#!/usr/bin/python3
"""The HTML report in a real browser: laptop, phone and paper.

    tests/browser/run.py AIRS AIRS_GEN SOURCE_ROOT OUTDIR

Renders `airs report --format html` of three datasets - the bundled
sample, the IBM HR import (skipped with a message when the IBM file is
absent) and a generated company of 20,000 employees - in headless
Chromium at 1366 and 390 CSS pixels wide and as printed on A4 and Letter,
and asserts from the rendered page (tests/browser/measure.js):

- no element is wider than the viewport except inside a scroll box (on
  paper nothing is excused), and no box cuts off its content;
- the smallest text drawn (SVG text at its drawn size) is 11 px or more;
- on paper every table cell is drawn (nothing collapsed or hidden);
- every SVG has a <title>, every table a caption and header cells,
  headings go down one level at a time, and text meets WCAG AA contrast;
- no raw snake_case id is visible.

Screenshots (PNG, whole page) and the PDFs go to OUTDIR, as test
artefacts to look at.  Output is TAP.  Exit 77 (meson's skip) when no
Chromium is installed: set $CHROMIUM to use another binary.  Standard
library only; the browser is driven through the DevTools protocol over
a pipe (tests/browser/cdp.py says why).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

if len(sys.argv) != 5:
    sys.exit(__doc__)
AIRS, GEN, ROOT, OUTDIR = (os.path.abspath(a) for a in sys.argv[1:])
HERE = os.path.dirname(os.path.abspath(__file__))
MIN_FONT = 11.0
# Paper: the page's @page margin is 12 mm, so the printable width is the
# paper's less 24 mm, in CSS pixels of 1/96 inch.
MM = 96 / 25.4
PAPERS = {"a4": (210, 297), "letter": (215.9, 279.4)}
MODES = [  # name, width, height, mobile, media
    ("1366", 1366, 768, False, "screen"),
    ("390", 390, 844, True, "screen"),
] + [("print-" + p, round((w - 24) * MM), round((h - 24) * MM), False, "print")
     for p, (w, h) in PAPERS.items()]

results = []


def ok(cond, name, detail=""):
    results.append((bool(cond), name, detail))


def skip(name, why):
    results.append((None, name, why))


def finish():
    print("1..%d" % len(results))
    fails = 0
    for i, (good, name, detail) in enumerate(results, 1):
        if good is None:
            print("ok %d - %s # SKIP %s" % (i, name, detail))
            continue
        print("%s %d - %s" % ("ok" if good else "not ok", i, name))
        if not good:
            fails += 1
            for line in str(detail).splitlines()[:12]:
                print("# " + line)
    sys.exit(1 if fails else 0)


def ibm_dataset(tmp):
    """The IBM HR file converted, or None (tests/test_ibm_import.py finds
    the file the same way)."""
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    os.environ.setdefault("SOURCE_ROOT", ROOT)
    import test_ibm_import as ibm
    if not os.path.exists(ibm.DATA):
        return None, ibm.SKIP_MSG
    out = os.path.join(tmp, "ibm")
    r = subprocess.run([sys.executable, ibm.SCRIPT, ibm.DATA, out],
                       capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        return None, "the IBM converter failed: " + r.stderr
    return out, ""


def datasets(tmp):
    """(name, folder, why not): folders relative to the folder airs runs in,
    as a user would type them (the page shows the path, and a temporary
    folder's random name is no part of what is checked)."""
    yield "sample", os.path.join("examples", "data", "sample"), ROOT, ""
    path, why = ibm_dataset(tmp)
    yield "ibm", path and os.path.basename(path), tmp, why
    big = os.path.join(tmp, "gen20k")
    r = subprocess.run([GEN, "--employees", "20000", "--seed", "1", "--out", big],
                       capture_output=True, text=True, timeout=300)
    yield "20k", "gen20k" if r.returncode == 0 else None, tmp, r.stderr


def check(name, mode, m):
    """The assertions on one measurement."""
    tag = "%s @%s" % (name, mode)
    ok(not m["overflow"], tag + ": nothing wider than the viewport outside a "
       "scroll box", "\n".join(m["overflow"][:8]))
    ok(not m["clipped"], tag + ": no box cuts its content off",
       "\n".join(m["clipped"][:8]))
    ok(m["minFont"] >= MIN_FONT, tag + ": smallest text %.1f px >= %g px"
       % (m["minFont"], MIN_FONT), "\n".join(m["smallText"]) or m["minFontAt"])
    ok(not m["svgNoTitle"], tag + ": every SVG (%d) has a title" % m["svgs"],
       "\n".join(m["svgNoTitle"][:5]))
    ok(not m["snake"], tag + ": no raw snake_case id visible",
       "\n".join(m["snake"]))
    ok(not m["contrast"], tag + ": text contrast meets WCAG AA",
       "\n".join(m["contrast"][:8]))
    if mode.startswith("print"):
        ok(m["hiddenCells"] == 0, tag + ": every table cell (%d) is printed"
           % m["cells"], "%d hidden" % m["hiddenCells"])


def structure(name, m):
    """Once per dataset: the document's structure."""
    h = m["headings"]
    ok(h[:1] == [1] and h.count(1) == 1 and
       all(b <= a + 1 for a, b in zip(h, h[1:])),
       name + ": one h1, headings go down one level at a time", h)
    ok(not m["tablesNoCaption"] and not m["tablesNoHeader"],
       name + ": every table has a caption and header cells",
       "\n".join(m["tablesNoCaption"][:5] + m["tablesNoHeader"][:5]))


def main():
    binary = cdp.find_chromium()
    if not binary:
        print("# no chromium found (install Debian's 'chromium', or set "
              "$CHROMIUM); skipping the browser tests")
        sys.exit(77)
    os.makedirs(OUTDIR, exist_ok=True)
    for old in os.listdir(OUTDIR):  # no artefact of an earlier run stays
        if old.startswith("report-"):
            os.remove(os.path.join(OUTDIR, old))
    measure = open(os.path.join(HERE, "measure.js"), encoding="utf-8").read()
    tmp = tempfile.mkdtemp(prefix="airs-browser-")
    browser = cdp.Browser(binary)
    try:
        page = cdp.Page(browser)
        for name, data, cwd, why in datasets(tmp):
            if not data:
                skip(name + ": rendered in a browser", why.strip() or "no data")
                continue
            html = os.path.join(OUTDIR, "report-%s.html" % name)
            r = subprocess.run([AIRS, "report", "--data", data, "--format",
                                "html", "--output", html],
                               capture_output=True, text=True, timeout=300,
                               cwd=cwd)
            ok(r.returncode == 0, name + ": airs report --format html", r.stderr)
            if r.returncode != 0:
                continue
            for mode, width, height, mobile, media in MODES:
                t0 = time.monotonic()
                page.viewport(width, height, mobile, media)
                page.load("file://" + html)
                m = page.evaluate(measure.replace(
                    "__PRINT__", "true" if media == "print" else "false"))
                shot = os.path.join(OUTDIR, "report-%s-%s.png" % (name, mode))
                shots = page.screenshot(shot)
                print("# %s @%s: width %d (viewport %d), height %d px, smallest "
                      "text %.1f px, %d scroll boxes, %d cells, %.1fs; %s" % (
                          name, mode, m["docWidth"], m["vw"], m["height"],
                          m["minFont"], m["scrollBoxes"], m["cells"],
                          time.monotonic() - t0,
                          " ".join(os.path.basename(x) for x in shots)))
                check(name, mode, m)
                if mode == "1366":
                    structure(name, m)
                    ok(m["height"] <= 30000, "%s @1366: the page is %d px tall "
                       "(at most 30000)" % (name, m["height"]))
            page.viewport(1366, 768, False, "")
            for paper, (w, h) in PAPERS.items():
                pdf = os.path.join(OUTDIR, "report-%s-%s.pdf" % (name, paper))
                data = page.pdf(pdf, w / 25.4, h / 25.4)
                pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
                print("# %s on %s: %d pages, %s" % (name, paper, pages,
                                                    os.path.basename(pdf)))
                ok(data.startswith(b"%PDF") and pages > 0,
                   "%s: prints on %s (%d pages)" % (name, paper, pages))
    except cdp.CDPError as e:
        ok(False, "the browser answered", e)
    finally:
        browser.close()
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


main()

#!/usr/bin/env python3
"""Write the seed corpus of fuzz-partial (tests/fuzz/corpus/partial).

    tests/fuzz/make-partial-seed.py BUILD_DIR [OUT_DIR]

BUILD_DIR is a normal build (meson setup build): its airs-gen makes a tiny
company and its regress-dump, a public-API program, writes the rollup
partials.  Seeds:

  sample        the partial of the bundled sample company
  tiny          the partial of a generated company of 10 employees
  docs-example  the example of docs/output-format.md, "Rollup partials"
  broken-*      the tiny partial broken in one place each, so the
                fuzzer starts next to every kind of refusal

and, beside OUT_DIR in partial-binary/ (fuzz-partial-binary's corpus),
the binary form of sample and tiny (through the build's Python
bindings) and the tiny one with a broken checksum, cut in half and of
another version; and in archive/ (fuzz-archive's corpus) the archives of
sample and tiny made with fuzz-archive's key, tiny's made with another
key, and tiny's cut in half.

The output is a pure function of the committed sources.
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DOCS_EXAMPLE = b"""airs-rollup 3
digest 3f0c9a1e5b7d2468ace0135792468ace0135792468ace0135792468ace013579
min_group 5
adkar_barrier 3000000000
context 2026-06-30 training usage survey
shape 2 1
unit HQ - 3 Head%20office
unit SALES 0 3 Sales
skill prompting
a 0 1 1 42500000000 1 0 0 0 0 0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 3444637696 3938522387 97 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1
r 0 42500000000
a 1 2 2 120000000000 2 -1 1 1 0 0 1 0 0 1 1 0 0 0 0 0 0 0 0 0 0 1 0 0 5146935296 4618884602 457 5 0 0 0 0 2 1500000000 475037696 261934474 0 0 0 0 0 0 0 0 0 0 0 2 0
c 1 0 0 0 1 750000000 2 1 0 0 0 0 237518848 130967237 0
r 1 35000000000 85000000000
s 1 0 2 1500000000
end
"""


def partial(build, folder):
    out = subprocess.run([os.path.join(build, "tests", "regress-dump"), folder],
                         check=True, stdout=subprocess.PIPE).stdout
    lines, keep = [], False
    for line in out.split(b"\n"):
        if line.startswith(b"### "):
            keep = line == b"### rollup partial"
            continue
        if keep:
            lines.append(line)
    text = b"\n".join(lines).rstrip(b"\n") + b"\n"
    assert text.startswith(b"airs-rollup 3\n") and text.endswith(b"end\n")
    return text


def broken(text):
    """One seed per kind of damage."""
    lines = text.split(b"\n")
    a = next(i for i, l in enumerate(lines) if l.startswith(b"a "))
    r = next(i for i, l in enumerate(lines) if l.startswith(b"r "))
    unit = next(i for i, l in enumerate(lines) if l.startswith(b"unit "))

    def edit(i, new):
        c = list(lines)
        c[i] = new
        return b"\n".join(c)

    return {
        "broken-version": text.replace(b"airs-rollup 3", b"airs-rollup 4", 1),
        "broken-digest": text.replace(b"digest 5", b"digest G", 1),
        "broken-context": text.replace(b"\ncontext 2026-06-30 ",
                                       b"\ncontext 2026-06-31 ", 1),
        "broken-no-end": text[: -len(b"end\n")],
        "broken-no-newline": text[:-1],
        "broken-levels": edit(a, lines[a].replace(b" 1 ", b" 2 ", 1)),
        "broken-r-count": edit(r, lines[r] + b" 1"),
        "broken-escape": edit(unit, lines[unit] + b"%2"),
        "broken-order": b"\n".join(lines[:unit] + [lines[unit + 1], lines[unit]]
                                   + lines[unit + 2:]),
        "broken-trailing-space": edit(a, lines[a] + b" "),
        "broken-text-after-end": text + b"x\n",
    }


def binary_seeds(build, texts):
    """The binary form of each text seed, through the Python bindings of
    the build, and the binary partial broken in one place each."""
    code = (
        "import sys, airs\n"
        "data = sys.stdin.buffer.read()\n"
        "sys.stdout.buffer.write(airs.Rollup.read(data).partial(binary=True))\n")
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "bindings", "python"),
               AIRS_LIBRARY=os.path.join(build, "lib", "libairs.so"))
    out = {}
    for name, text in texts.items():
        out[name] = subprocess.run(["/usr/bin/python3", "-c", code], input=text,
                                   env=env, check=True,
                                   stdout=subprocess.PIPE).stdout
    tiny = out["tiny"]
    out["broken-checksum"] = tiny[:-1] + bytes([tiny[-1] ^ 1])
    out["broken-cut"] = tiny[: len(tiny) // 2]
    out["broken-version"] = tiny[:8] + b"\x02" + tiny[9:]
    return out


def archive_seeds(build, tmp, folders):
    """The archives of the folders (airs score --archive) under the key
    fuzz-archive reads with, and the tiny one broken."""
    airs = os.path.join(build, "examples", "airs")
    out = {}
    for keyname, key in (("", b"fuzz archive key!"),
                         ("broken-key-", b"not the fuzzer's key")):
        kf = os.path.join(tmp, "key")
        with open(kf, "wb") as f:
            f.write(key)
        for name, folder in folders.items():
            if keyname and name != "tiny":
                continue
            path = os.path.join(tmp, name + ".arc")
            subprocess.run([airs, "score", "--data", folder, "--archive", path,
                            "--archive-key", kf], check=True)
            with open(path, "rb") as f:
                out[keyname + name] = f.read()
    out["broken-cut"] = out["tiny"][: len(out["tiny"]) // 2]
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    build = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        ROOT, "tests", "fuzz", "corpus", "partial")
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tiny_dir = os.path.join(tmp, "tiny")
        subprocess.run([os.path.join(build, "examples", "airs-gen"),
                        "--employees", "10", "--seed", "7", "--out", tiny_dir],
                       check=True, stdout=subprocess.DEVNULL)
        tiny = partial(build, tiny_dir)
        sample = partial(build, os.path.join(ROOT, "examples", "data", "sample"))
        archives = archive_seeds(build, tmp, {
            "sample": os.path.join(ROOT, "examples", "data", "sample"),
            "tiny": tiny_dir})
    adir = os.path.join(os.path.dirname(out), "archive")
    os.makedirs(adir, exist_ok=True)
    for name, data in sorted(archives.items()):
        with open(os.path.join(adir, name), "wb") as f:
            f.write(data)
    seeds = {"sample": sample, "tiny": tiny, "docs-example": DOCS_EXAMPLE}
    bdir = os.path.join(os.path.dirname(out), "partial-binary")
    os.makedirs(bdir, exist_ok=True)
    for name, data in sorted(binary_seeds(build, {"sample": sample,
                                                  "tiny": tiny}).items()):
        with open(os.path.join(bdir, name), "wb") as f:
            f.write(data)
    seeds.update(broken(tiny))
    for name, data in sorted(seeds.items()):
        with open(os.path.join(out, name), "wb") as fh:
            fh.write(data)
        print("%-24s %6d bytes" % (name, len(data)))


if __name__ == "__main__":
    main()

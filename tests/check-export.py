#!/usr/bin/env python3
"""Every export of a synthetic company is well-formed: each JSON output
passes `python3 -m json.tool`, each CSV output is rectangular with the
documented first columns, and the document has its keys in order.

usage: check-export.py EXPORT-DEMO
"""
import csv
import io
import json
import subprocess
import sys

TABLES = ["employees", "units", "constructs", "skill_gaps", "provenance", "all",
          "tools", "coverage", "managers"]
FIRST = {"employees": "id", "units": "scope", "constructs": "scope",
         "skill_gaps": "scope", "provenance": "key", "tools": "scope",
         "coverage": "scope", "managers": "scope"}


def run(exe, table, output, optin):
    return subprocess.run([exe, str(table), str(output), str(optin)],
                          check=True, capture_output=True).stdout


def main():
    exe = sys.argv[1]
    failures = 0
    for optin in (0, 1):
        for t, name in enumerate(TABLES):
            out = run(exe, t, 0, optin)
            tool = subprocess.run([sys.executable, "-m", "json.tool"],
                                  input=out, capture_output=True)
            if tool.returncode:
                print(f"not json: {name} (optin {optin}): {tool.stderr.decode()}")
                failures += 1
                continue
            doc = json.loads(out)
            if name == "all":
                keys = list(doc)
                want = ["schema", "provenance", "parameters", "coverage",
                        "organisation", "units", "managers", "tools",
                        "employees"]
                if keys != want:
                    print(f"document keys {keys}")
                    failures += 1
                published = [c for u in doc["units"]
                             for c in u["constructs"].values()
                             if c["respondents"]]
                hidden = [c for u in doc["units"]
                          for c in u["constructs"].values()
                          if c["respondents"] is None]
                if not published or not hidden:
                    print("the demo should publish some aggregates and hide some")
                    failures += 1
                has = any("constructs" in e for e in doc["employees"])
                if has != bool(optin):
                    print(f"employee construct scores present={has}, optin={optin}")
                    failures += 1
            if run(exe, t, 0, optin) != out:
                print(f"not deterministic: {name}")
                failures += 1
            if name == "all":
                continue
            text = run(exe, t, 1, optin).decode("utf-8")
            rows = list(csv.reader(io.StringIO(text, newline="")))
            widths = {len(r) for r in rows}
            if len(widths) != 1 or rows[0][0] != FIRST[name]:
                print(f"csv {name}: widths {widths}, header {rows[0][:3]}")
                failures += 1
            if not text.endswith("\n"):
                print(f"csv {name}: no final line end")
                failures += 1
    print("ok" if not failures else f"{failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Every finding of every document the repository knows, as one JSON object per line: the fixtures
(with the options their names carry), the apps of tests/apps (as apps), the examples and the real
corpora. For refactors that must keep behaviour: run it before and after and compare.

    python3 scripts/findings.py [--rtk target/debug/rtk-preset] > findings.jsonl
"""

import argparse
import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def report(rtk, args):
    result = subprocess.run([rtk, "check", "--format", "json", *args], cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{args}: exit {result.returncode}: {result.stderr}")
    return json.loads(result.stdout)


def emit(rep):
    for f in rep["files"]:
        findings = [{k: d.get(k) for k in ("rule", "severity", "pointer", "message", "help", "line",
                                           "column", "end_line", "end_column")}
                    for d in f["diagnostics"]]
        print(json.dumps({"path": f["path"], "kind": f["kind"], "api": f["api"],
                          "findings": findings}, ensure_ascii=False, sort_keys=True))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rtk", default=str(ROOT / "target" / "debug" / "rtk-preset"))
    args = parser.parse_args()
    for fixture in sorted((ROOT / "tests" / "fixtures").glob("*/*/*.json")):
        options = []
        for option in fixture.stem.split("@")[1:]:
            options += ["--api", option] if option.startswith("2026-") else ["--kind", option]
        emit(report(args.rtk, [*options, str(fixture.relative_to(ROOT))]))
    for app in sorted((ROOT / "tests" / "apps").glob("*/*")):
        emit(report(args.rtk, [str(app.relative_to(ROOT))]))
    for directory in ["examples", "tests/corpus/real", "../shared/corpus/real"]:
        for document in sorted((ROOT / directory).glob("*.json")):
            emit(report(args.rtk, [str(document.relative_to(ROOT)) if directory != "../shared/corpus/real"
                                   else str(document)]))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Reads rtk-preset's SARIF with a third-party reader: Microsoft's `sarif-tools` (PyPI), as a CI
job that summarises or diffs code-scanning results would.

    python3 tests/sarif/sarif_tools.py --rtk target/debug/rtk-preset

Installs `sarif-tools` into `target/sarif-venv/` when it is missing. Checks, on a scratch app
with findings and an unreadable path, that the reader loads the log, counts every finding the
JSON report has (by severity), names each rule, sees every fix, and that `sarif summary` and
`sarif diff` run on it; exits non-zero with the reason otherwise.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / "target" / "sarif-venv"
PACKAGE = "sarif-tools==3.0.5"


def venv_python():
    python = VENV / "bin" / "python"
    probe = [str(python), "-c", "import sarif"]
    if not python.exists() or subprocess.run(probe, capture_output=True).returncode != 0:
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", PACKAGE], check=True)
    return python


def fail(message):
    raise SystemExit(f"sarif-tools: {message}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rtk", default=str(ROOT / "target" / "debug" / "rtk-preset"))
    args = parser.parse_args()
    args.rtk = str(Path(args.rtk).resolve())
    python = venv_python()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        app = scratch / "app"
        app.mkdir()
        for name in ("host.json", "invalid-guest.json"):
            shutil.copy(ROOT / "examples" / name, app / name)

        def run(fmt, out, *extra):
            result = subprocess.run([args.rtk, "check", "--format", fmt, "-o", str(out), "app",
                                     *extra], cwd=scratch, capture_output=True, text=True)
            if result.returncode not in (1, 2):
                fail(f"rtk-preset exited with {result.returncode}: {result.stderr}")
            return json.loads(out.read_text())

        report = run("json", scratch / "report.json")
        before = scratch / "before.sarif"
        run("sarif", before, "missing.json")
        findings = [d for f in report["files"] for d in f["diagnostics"]]
        expected = {level: sum(1 for d in findings if d["severity"] == severity)
                    for level, severity in (("error", "error"), ("warning", "warning"),
                                            ("note", "info"))}
        fixes = sum(1 for d in findings if "fix" in d)
        probe = f"""
import json, sys
from sarif import loader
log = loader.load_sarif_file(sys.argv[1])
records = log.get_records()
by_level = {{}}
for record in records:
    by_level[record["Severity"]] = by_level.get(record["Severity"], 0) + 1
run = log.runs[0]
data = run.run_data
print(json.dumps({{
    "count": log.get_result_count(),
    "by_level": by_level,
    "rules": sorted({{record["Code"].split(" ")[0] for record in records}}),
    "tool": run.get_tool_name(),
    "fixes": sum(len(r.get("fixes", [])) for r in data["results"]),
    "successful": data["invocations"][0]["executionSuccessful"],
}}))
"""
        read = subprocess.run([str(python), "-c", probe, str(before)], capture_output=True,
                              text=True)
        if read.returncode != 0:
            fail(f"could not read the log: {read.stderr}")
        seen = json.loads(read.stdout)
        if seen["count"] != len(findings):
            fail(f"{seen['count']} results read, {len(findings)} findings in the JSON report")
        for level, count in expected.items():
            if seen["by_level"].get(level, 0) != count:
                fail(f"{seen['by_level']} by level, expected {expected}")
        rules = sorted({d["rule"] for d in findings})
        if seen["rules"] != rules:
            fail(f"rules read {seen['rules']}, expected {rules}")
        if seen["tool"] != "rtk-preset":
            fail(f"tool {seen['tool']}")
        if seen["fixes"] != fixes:
            fail(f"{seen['fixes']} fixes read, {fixes} in the JSON report")
        if seen["successful"]:
            fail("a run with an unreadable path was read as successful")
        sarif = VENV / "bin" / "sarif"
        summary = subprocess.run([str(sarif), "summary", str(before)], capture_output=True,
                                 text=True)
        if summary.returncode != 0 or "out-of-range" not in summary.stdout:
            fail(f"`sarif summary` failed: {summary.stdout}{summary.stderr}")
        # Fix the one `out-of-range` finding and compare (sarif-tools groups results by rule and
        # message): the diff says one result went away, and none came.
        text = (app / "invalid-guest.json").read_text()
        (app / "invalid-guest.json").write_text(text.replace('"frame_rate": 31', '"frame_rate": 30'))
        after = scratch / "after.sarif"
        run("sarif", after)
        diff_out = scratch / "diff.json"
        diff = subprocess.run([str(sarif), "diff", str(before), str(after), "-o", str(diff_out)],
                              capture_output=True, text=True)
        if diff.returncode != 0 or not diff_out.exists():
            fail(f"`sarif diff` failed: {diff.stdout}{diff.stderr}")
        changes = json.loads(diff_out.read_text())
        if changes["all"]["-"] != 1 or changes["all"]["+"] != 0:
            fail(f"`sarif diff` saw {changes['all']}, expected one result gone")
    print(f"sarif-tools read {len(findings)} results ({expected}), {len(rules)} rules, "
          f"{fixes} fixes, the failed invocation, and the diff of one fix")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The benchmark suite: rtk-preset against every peer, on one generated corpus and one schema.

    python3 scripts/bench.py                 # the whole suite (installs the peers when missing)
    python3 scripts/bench.py --quick         # no 100k scaling run, fewer repetitions
    python3 scripts/bench.py --write-readme  # also replace the table in README.md

It builds `rtk-preset` and the benchmark tools (release), generates the corpus with
`rtk-preset-corpus` (deterministic from its seed), installs the peers into `target/bench-tools/`
(the `jsonschema` CLI from crates.io, `ajv-cli` from npm, `check-jsonschema` from PyPI), then
times, in one run:

- `rtk-preset check DIR` (the whole directory: schema validation and every lint rule), with 2
  threads (all cores here) and with 1;
- the `jsonschema` CLI, `ajv-cli` and `check-jsonschema`, schema validation only, with the
  generated schema `schemas/create.2026-06.schema.json`;
- the parse-only baseline (`parse-only`: `serde_json::from_slice::<Value>` on every file, the
  floor no validator goes below), with 2 threads and with 1;
- one small file end to end (process start included), for every tool;
- rtk-preset on 1k, 10k and 100k files, to show that the work grows linearly.

Wall time is the median of the runs; peak RSS is the largest resident set of the process (from
`wait4`). The corpus for the comparison has no truncated (non-JSON) files, since the `jsonschema`
CLI and `ajv-cli` stop at the first file they cannot parse; the scaling runs use the full corpus.
Only the standard library is used.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "target"
TOOLS = TARGET / "bench-tools"
WORK = TARGET / "bench"
SCHEMA = ROOT / "schemas" / "create.2026-06.schema.json"
SMALL = ROOT / "examples" / "host.json"
RTK = TARGET / "release" / "rtk-preset"
CORPUS = TARGET / "release" / "rtk-preset-corpus"
PARSE_ONLY = TARGET / "release" / "parse-only"

JSONSCHEMA_VERSION = "0.60.2"
AJV_CLI_VERSION = "5.0.0"
AJV_FORMATS_VERSION = "3.0.1"
CHECK_JSONSCHEMA_VERSION = "0.39.0"

README_START = "<!-- bench:start -->"
README_END = "<!-- bench:end -->"


def log(message):
    print(message, file=sys.stderr, flush=True)


def run_checked(command, **kwargs):
    log("$ " + " ".join(str(c) for c in command))
    subprocess.run(command, check=True, **kwargs)


def build():
    run_checked(
        ["cargo", "build", "--release", "--locked", "-p", "rtk-preset", "-p", "rtk-preset-bench"],
        cwd=ROOT,
    )


def corpus(count, all_json):
    """The corpus directory for `count` documents (generated once, then reused)."""
    name = f"corpus-{count}" + ("-json" if all_json else "")
    directory = WORK / name
    manifest = directory / "manifest.tsv"
    if not manifest.exists():
        shutil.rmtree(directory, ignore_errors=True)
        command = [CORPUS, "--out", directory, "--count", str(count), "--seed", "1"]
        if all_json:
            command.append("--all-json")
        run_checked(command)
    files = sorted(str(p) for p in directory.rglob("*.json"))
    expected = sum(1 for line in manifest.read_text().splitlines() if "\tinvalid\t" in line)
    size = sum(os.path.getsize(f) for f in files)
    return directory, files, expected, size


def install_peers():
    """Installs the peers that are missing; returns how to run each (or None)."""
    TOOLS.mkdir(parents=True, exist_ok=True)
    peers = {}

    jsonschema = TOOLS / "bin" / "jsonschema-cli"
    if not jsonschema.exists():
        try:
            run_checked(
                ["cargo", "install", "jsonschema-cli", "--version", JSONSCHEMA_VERSION,
                 "--locked", "--root", TOOLS],
                env={**os.environ, "CARGO_TARGET_DIR": str(TOOLS / "cargo-target")},
            )
        except subprocess.CalledProcessError as e:
            log(f"jsonschema-cli could not be installed: {e}")
    peers["jsonschema"] = jsonschema if jsonschema.exists() else None

    node = TOOLS / "node"
    ajv = node / "node_modules" / ".bin" / "ajv"
    if not ajv.exists() and shutil.which("npm"):
        node.mkdir(exist_ok=True)
        (node / "package.json").write_text('{"private": true}\n')
        try:
            run_checked(
                ["npm", "install", "--no-audit", "--no-fund", "--prefix", node,
                 f"ajv-cli@{AJV_CLI_VERSION}", f"ajv-formats@{AJV_FORMATS_VERSION}"],
            )
        except subprocess.CalledProcessError as e:
            log(f"ajv-cli could not be installed: {e}")
    peers["ajv"] = ajv if ajv.exists() else None

    venv = TOOLS / "venv"
    check_jsonschema = venv / "bin" / "check-jsonschema"
    if not check_jsonschema.exists():
        try:
            run_checked([sys.executable, "-m", "venv", venv])
            run_checked([venv / "bin" / "pip", "install", "--quiet",
                         f"check-jsonschema=={CHECK_JSONSCHEMA_VERSION}"])
        except subprocess.CalledProcessError as e:
            log(f"check-jsonschema could not be installed: {e}")
    peers["check-jsonschema"] = check_jsonschema if check_jsonschema.exists() else None
    return peers


# GNU time reports the peak RSS of the tool itself. (`wait4` from here would not: a child forked
# from this Python process starts with the interpreter's resident set.)
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


def measure(command, env=None, rss=True):
    """Runs `command` once: (seconds, peak RSS in KiB or None, exit code, stdout, stderr). The
    peak RSS run goes through GNU time, which adds its own process start to the wall time."""
    out_path = WORK / "stdout.txt"
    err_path = WORK / "stderr.txt"
    rss_path = WORK / "rss.txt"
    command = [str(c) for c in command]
    rss = rss and GNU_TIME
    if rss:
        command = [GNU_TIME, "-f", "%M", "-o", str(rss_path), *command]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        started = time.perf_counter()
        process = subprocess.run(
            command, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {})}, check=False,
        )
        elapsed = time.perf_counter() - started
    peak = None
    if rss:
        numbers = re.findall(r"^\d+$", rss_path.read_text(), re.MULTILINE)
        peak = int(numbers[-1]) if numbers else None
    return elapsed, peak, process.returncode, out_path.read_bytes(), err_path.read_bytes()


def timed(command, runs, env=None, count_invalid=None):
    """Median wall time, peak RSS (of a first run, which also warms the page cache), and the
    invalid files the tool reported."""
    _, peak, _, _, _ = measure(command, env, rss=True)
    times, invalid = [], None
    for _ in range(runs):
        elapsed, _, _, out, err = measure(command, env, rss=False)
        times.append(elapsed)
        if count_invalid:
            invalid = count_invalid(out, err)
    return statistics.median(times), peak, invalid


def rtk_invalid(out, _err):
    report = json.loads(out)
    return sum(
        1 for f in report["files"] if any(d["severity"] == "error" for d in f["diagnostics"])
    )


def jsonschema_invalid(out, _err):
    return out.count(b'"valid":false')


def ajv_invalid(_out, err):
    return sum(1 for line in err.splitlines() if line.endswith(b" invalid"))


def check_jsonschema_invalid(out, _err):
    report = json.loads(out)
    return len({e["filename"] for e in report["errors"]}) + len(report.get("parse_errors", []))


def parse_only_invalid(out, _err):
    match = re.search(rb"(\d+) not parsed", out)
    return int(match.group(1)) if match else None


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}"


def version(command):
    try:
        result = subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=60)
        return (result.stdout or result.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "?"


def mib(peak):
    return "n/a (no /usr/bin/time)" if peak is None else f"{peak / 1024:,.1f} MiB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="documents in the corpus")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per tool (after a warm-up)")
    parser.add_argument("--quick", action="store_true", help="no 100k run, 3 runs, 1 for slow peers")
    parser.add_argument("--write-readme", action="store_true", help="replace the README's table")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    slow_runs = 1 if args.quick else 3

    WORK.mkdir(parents=True, exist_ok=True)
    build()
    peers = install_peers()
    directory, files, expected, size = corpus(args.count, all_json=True)
    mb = size / 1e6
    log(f"corpus: {len(files)} files, {mb:.1f} MB, {expected} invalid, in {directory}")

    rows = []  # (tool, what, threads, seconds, peak KiB, invalid)

    def add(tool, what, threads, command, count, env=None, n=runs):
        log(f"timing {tool} ({threads})")
        seconds, peak, invalid = timed(command, n, env, count)
        rows.append((tool, what, threads, seconds, peak, invalid))

    one = {"RAYON_NUM_THREADS": "1"}
    cores = str(os.cpu_count() or 1)
    all_cores = {"RAYON_NUM_THREADS": cores}
    rtk = [RTK, "check", directory, "--format", "json"]
    add("rtk-preset", "schema + 35 rules", cores, rtk, rtk_invalid, all_cores)
    add("rtk-preset", "schema + 35 rules", "1", rtk, rtk_invalid, one)
    parse_only = [PARSE_ONLY, directory]
    add("parse-only baseline", "`serde_json::Value` parse only", cores, parse_only,
        parse_only_invalid, all_cores)
    add("parse-only baseline", "`serde_json::Value` parse only", "1", parse_only,
        parse_only_invalid, one)
    if peers["jsonschema"]:
        command = [peers["jsonschema"], "validate", SCHEMA, "--assert-format", "--output", "flag",
                   "-i", *files]
        add(f"jsonschema CLI {JSONSCHEMA_VERSION}", "schema only", "1", command, jsonschema_invalid)
    if peers["ajv"]:
        command = [peers["ajv"], "validate", "--spec=draft2020", "-c", "ajv-formats",
                   "--all-errors", "--strict=false", "-s", SCHEMA, "-d", f"{directory}/**/*.json"]
        add(f"ajv-cli {AJV_CLI_VERSION}", "schema only", "1", command, ajv_invalid,
            {"NODE_PATH": str(TOOLS / "node" / "node_modules")})
    if peers["check-jsonschema"]:
        command = [peers["check-jsonschema"], "--schemafile", SCHEMA, "-o", "json", *files]
        add(f"check-jsonschema {CHECK_JSONSCHEMA_VERSION}", "schema only", "1", command,
            check_jsonschema_invalid, n=slow_runs)

    # One small file, end to end.
    small = []
    small_runs = 10 if args.quick else 30
    single = {
        "rtk-preset": [RTK, "check", SMALL],
        "parse-only baseline": [PARSE_ONLY, SMALL],
    }
    if peers["jsonschema"]:
        single["jsonschema CLI"] = [peers["jsonschema"], "validate", SCHEMA, "--assert-format",
                                    "-i", SMALL]
    if peers["ajv"]:
        single["ajv-cli"] = [peers["ajv"], "validate", "--spec=draft2020", "-c", "ajv-formats",
                             "--strict=false", "-s", SCHEMA, "-d", SMALL]
    if peers["check-jsonschema"]:
        single["check-jsonschema"] = [peers["check-jsonschema"], "--schemafile", SCHEMA, SMALL]
    for tool, command in single.items():
        log(f"timing one file: {tool}")
        n = small_runs if tool in ("rtk-preset", "parse-only baseline") else max(3, small_runs // 5)
        seconds, peak, _ = timed(command, n, {"NODE_PATH": str(TOOLS / "node" / "node_modules")})
        small.append((tool, seconds, peak))

    # Scaling: the full corpus (with truncated files), 1k, 10k and 100k documents.
    scaling = []
    counts = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    for n in counts:
        d, f, _, s = corpus(n, all_json=False)
        log(f"timing rtk-preset on {n} files")
        seconds, peak, _ = timed([RTK, "check", d, "--format", "json"], max(1, runs // 2 + 1), all_cores)
        scaling.append((n, len(f), s, seconds, peak))

    versions = {
        "rtk-preset": version([RTK, "--version"]),
        "rustc": version(["rustc", "--version"]),
        "node": version(["node", "--version"]),
        "python": version([sys.executable, "--version"]),
    }
    table = render(rows, small, scaling, len(files), mb, expected, versions)
    print(table)
    if args.write_readme:
        readme = ROOT / "README.md"
        text = readme.read_text()
        start, end = text.index(README_START), text.index(README_END)
        readme.write_text(text[: start + len(README_START)] + "\n" + table + text[end:])
        log("README.md updated")


def render(rows, small, scaling, files, mb, expected, versions):
    rtk_seconds = next(r[3] for r in rows if r[0] == "rtk-preset")
    lines = [
        f"Measured on {machine()}, {time.strftime('%Y-%m-%d')}; {versions['rtk-preset']}, "
        f"{versions['rustc']}, Node {versions['node']}, {versions['python']}.",
        "",
        f"**{files:,} presets** ({mb:.1f} MB, {expected:,} invalid), one run of "
        "`python3 scripts/bench.py`; median wall time, process start included:",
        "",
        "| tool | checks | threads | wall | files/s | MB/s | peak RSS | invalid found | time vs rtk-preset |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for tool, what, threads, seconds, peak, invalid in rows:
        lines.append(
            f"| {tool} | {what} | {threads} | {seconds * 1000:,.0f} ms | {files / seconds:,.0f} "
            f"| {mb / seconds:,.1f} | {mib(peak)} | "
            f"{'?' if invalid is None else f'{invalid:,}'} | {seconds / rtk_seconds:.2f}× |"
        )
    lines += [
        "",
        f"One small file end to end (`examples/host.json`, {SMALL.stat().st_size:,} bytes):",
        "",
        "| tool | wall | peak RSS |",
        "|---|---:|---:|",
    ]
    for tool, seconds, peak in small:
        lines.append(f"| {tool} | {seconds * 1000:,.1f} ms | {mib(peak)} |")
    lines += [
        "",
        "Scaling (rtk-preset, all cores, full corpus including truncated files):",
        "",
        "| presets | MB | wall | µs per file | peak RSS |",
        "|---:|---:|---:|---:|---:|",
    ]
    for n, count, size, seconds, peak in scaling:
        lines.append(
            f"| {n:,} | {size / 1e6:,.1f} | {seconds * 1000:,.0f} ms | "
            f"{seconds / count * 1e6:,.1f} | {mib(peak)} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()

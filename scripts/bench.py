#!/usr/bin/env python3
"""The benchmark suite: rtk-preset against every peer in its fastest documented mode, in one run.

    python3 scripts/bench.py                 # the whole suite (installs the peers when missing)
    python3 scripts/bench.py --quick         # no 100k scaling run, fewer repetitions
    python3 scripts/bench.py --write-readme  # also replace the tables in README.md

It builds `rtk-preset`, the benchmark tools and the npm package (release), generates the corpus
with `rtk-preset-corpus` (deterministic from its seed), installs the peers into
`target/bench-tools/` (the `jsonschema` CLI from crates.io, ajv, ajv-formats and `ajv-cli` from
npm, `check-jsonschema` from PyPI), then times, in one run, on the same files and the same
generated schema (`schemas/create.2026-06.schema.json`, formats asserted):

- `rtk-preset check DIR --format json` (schema validation and every lint rule, app rules
  included), with 2 threads (all cores here) and with 1;
- the `jsonschema` CLI in its fastest mode: default output with `--errors-only` (it prints only
  the invalid files), one `-i` per file;
- ajv in-process (Node): the schema compiled once with `allErrors`, every file read, parsed with
  `JSON.parse` and validated; and the same with ajv's standalone code (`scripts/bench/ajv.mjs`);
- `ajv-cli` and `check-jsonschema`, as their users run them;
- two floors: `serde_json::from_slice::<Value>` on every file (what a validator that builds a
  serde tree first cannot go below), and reading every file and scanning its bytes without
  parsing (`parse-only --scan`);
- one small file end to end (process start included), for every tool;
- the npm package in Node against `JSON.parse` + the compiled ajv validator, calls per second on
  a valid and an invalid preset, and `checkValue(obj)` against `check(JSON.stringify(obj))`
  (`scripts/bench/npm.mjs`); the WebAssembly module's size, raw and brotli;
- rtk-preset on 1k, 10k and 100k files, to show that the work grows linearly.

Wall time is the median of the runs, CPU time (user + system, from `getrusage`) the median of
the same runs; peak RSS is the largest resident set of the process (GNU time). The tools of the
10,000-preset comparison run in rounds (one run of each per round), so that a change in the
machine's load weighs on all of them alike. The corpus for the
comparison has no truncated (non-JSON) files, since the `jsonschema` CLI and `ajv-cli` stop at
the first file they cannot parse; the scaling runs use the full corpus. Only the standard library
is used; the last table says which of the targets of issue 19 the run meets.
"""

import argparse
import resource
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
WASM = ROOT / "pkg" / "dist" / "wasm" / "rtk_preset_wasm_bg.wasm"
AJV_VERSION = "8.17.1"

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
    # The npm package (its WebAssembly build and bundles), when its dev dependencies are there.
    if (ROOT / "pkg" / "node_modules").exists() and shutil.which("npm"):
        run_checked(["npm", "run", "--silent", "build", "--prefix", ROOT / "pkg"])


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
                 f"ajv@{AJV_VERSION}", f"ajv-cli@{AJV_CLI_VERSION}",
                 f"ajv-formats@{AJV_FORMATS_VERSION}"],
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
    """Runs `command` once: (seconds, CPU seconds, peak RSS in KiB or None, exit code, stdout,
    stderr). The peak RSS run goes through GNU time, which adds its own process start to the wall
    time."""
    out_path = WORK / "stdout.txt"
    err_path = WORK / "stderr.txt"
    rss_path = WORK / "rss.txt"
    command = [str(c) for c in command]
    rss = rss and GNU_TIME
    if rss:
        command = [GNU_TIME, "-f", "%M", "-o", str(rss_path), *command]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        process = subprocess.run(
            command, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {})}, check=False,
        )
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = None
    if rss:
        numbers = re.findall(r"^\d+$", rss_path.read_text(), re.MULTILINE)
        peak = int(numbers[-1]) if numbers else None
    return elapsed, cpu, peak, process.returncode, out_path.read_bytes(), err_path.read_bytes()


def timed(command, runs, env=None, count_invalid=None):
    """Median wall time, median CPU time, peak RSS (of a first run, which also warms the page
    cache), and the invalid files the tool reported."""
    _, _, peak, _, _, _ = measure(command, env, rss=True)
    times, cpus, invalid = [], [], None
    for _ in range(runs):
        elapsed, cpu, _, _, out, err = measure(command, env, rss=False)
        times.append(elapsed)
        cpus.append(cpu)
        if count_invalid:
            invalid = count_invalid(out, err)
    return statistics.median(times), statistics.median(cpus), peak, invalid


def interleaved(planned):
    """Times every tool of `planned` in rounds, one run of each per round (after a warm-up run of
    each that also measures its peak RSS), so that a change in the machine's load during the
    suite weighs on every tool alike instead of on whichever ran then. A tool with fewer runs
    takes part in the first rounds only. Returns the rows: median wall, median CPU, peak, invalid."""
    results = []
    for tool, mode, threads, command, _, env, _ in planned:
        log(f"warming up {tool} ({mode}, {threads})")
        results.append((measure(command, env, rss=True)[2], [], [], None))
    for r in range(max(n for *_, n in planned)):
        log(f"round {r + 1}")
        for i, (_, _, _, command, count, env, n) in enumerate(planned):
            if r >= n:
                continue
            elapsed, cpu, _, _, out, err = measure(command, env, rss=False)
            peak, times, cpus, _ = results[i]
            times.append(elapsed)
            cpus.append(cpu)
            if count:
                results[i] = (peak, times, cpus, count(out, err))
    return [
        (tool, mode, threads, statistics.median(times), statistics.median(cpus), peak, invalid)
        for (tool, mode, threads, *_), (peak, times, cpus, invalid) in zip(planned, results)
    ]


def rtk_invalid(out, _err):
    report = json.loads(out)
    return sum(
        1 for f in report["files"] if any(d["severity"] == "error" for d in f["diagnostics"])
    )


def jsonschema_invalid(out, _err):
    # `--errors-only` prints one "<file> - INVALID. Errors:" block per invalid file (its errors
    # numbered below) and nothing for the rest.
    return sum(1 for line in out.splitlines() if re.search(rb" - INVALID(\. Errors:)?$", line.rstrip()))


def node_invalid(out, _err):
    match = re.search(rb"(\d+) invalid", out)
    return int(match.group(1)) if match else None


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


def npm_numbers():
    """The npm package against JSON.parse + compiled ajv (scripts/bench/npm.mjs), or None."""
    if not (ROOT / "pkg" / "dist" / "index.js").exists():
        log("pkg/dist is not built: no npm numbers")
        return None
    env = {**os.environ, "NODE_PATH": str(TOOLS / "node" / "node_modules")}
    result = subprocess.run(["node", ROOT / "scripts" / "bench" / "npm.mjs"], env=env,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        log(f"npm benchmark failed: {result.stderr}")
        return None
    return json.loads(result.stdout)


def wasm_size():
    """(raw bytes, brotli bytes at quality 11) of the npm package's WebAssembly module, or None."""
    if not WASM.exists():
        return None
    script = ("const z=require('zlib');const d=require('fs').readFileSync(process.argv[1]);"
              "console.log(d.length, z.brotliCompressSync(d,{params:{[z.constants"
              ".BROTLI_PARAM_QUALITY]:11}}).length)")
    result = subprocess.run(["node", "-e", script, WASM], capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        return None
    raw, brotli = result.stdout.split()
    return int(raw), int(brotli)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="documents in the corpus")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per tool (after a warm-up)")
    parser.add_argument("--quick", action="store_true", help="no 100k run, 3 runs, 1 for slow peers")
    parser.add_argument("--write-readme", action="store_true", help="replace the README's tables")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    slow_runs = 1 if args.quick else 3

    WORK.mkdir(parents=True, exist_ok=True)
    build()
    peers = install_peers()
    directory, files, expected, size = corpus(args.count, all_json=True)
    mb = size / 1e6
    log(f"corpus: {len(files)} files, {mb:.1f} MB, {expected} invalid, in {directory}")
    node_env = {"NODE_PATH": str(TOOLS / "node" / "node_modules")}

    rows = []  # (tool, mode, threads, seconds, cpu seconds, peak KiB, invalid)
    planned = []  # (tool, mode, threads, command, count, env, runs), timed together below

    def add(tool, mode, threads, command, count, env=None, n=runs):
        planned.append((tool, mode, threads, command, count, env, n))

    one = {"RAYON_NUM_THREADS": "1"}
    cores = str(os.cpu_count() or 1)
    all_cores = {"RAYON_NUM_THREADS": cores}
    rtk = [RTK, "check", directory, "--format", "json"]
    add("rtk-preset", "schema + every rule, JSON report", cores, rtk, rtk_invalid, all_cores)
    add("rtk-preset", "schema + every rule, JSON report", "1", rtk, rtk_invalid, one)
    if peers["jsonschema"]:
        command = [peers["jsonschema"], "validate", SCHEMA, "--assert-format", "--errors-only"]
        for f in files:
            command += ["-i", f]
        add(f"jsonschema CLI {JSONSCHEMA_VERSION}", "schema; default output, `--errors-only`", "1",
            command, jsonschema_invalid)
    if peers["ajv"]:
        for mode, what in [("compiled", "schema; in-process, compiled, `allErrors`"),
                           ("standalone", "schema; in-process, standalone code, `allErrors`")]:
            command = ["node", ROOT / "scripts" / "bench" / "ajv.mjs", mode, SCHEMA, directory]
            add(f"ajv {AJV_VERSION} (Node)", what, "1", command, node_invalid, node_env)
        command = [peers["ajv"], "validate", "--spec=draft2020", "-c", "ajv-formats",
                   "--all-errors", "--strict=false", "-s", SCHEMA, "-d", f"{directory}/**/*.json"]
        add(f"ajv-cli {AJV_CLI_VERSION}", "schema; `--all-errors`", "1", command, ajv_invalid,
            node_env)
    if peers["check-jsonschema"]:
        command = [peers["check-jsonschema"], "--schemafile", SCHEMA, "-o", "json", *files]
        add(f"check-jsonschema {CHECK_JSONSCHEMA_VERSION}", "schema; `-o json`", "1", command,
            check_jsonschema_invalid, n=slow_runs)
    parse_only = [PARSE_ONLY, directory]
    add("floor: serde_json parse", "`serde_json::Value` of every file, nothing else", cores,
        parse_only, parse_only_invalid, all_cores)
    add("floor: serde_json parse", "`serde_json::Value` of every file, nothing else", "1",
        parse_only, parse_only_invalid, one)
    scan = [PARSE_ONLY, "--scan", directory]
    add("floor: read and scan", "read every file, count `{[\"`, no parsing", cores, scan, None,
        all_cores)
    add("floor: read and scan", "read every file, count `{[\"`, no parsing", "1", scan, None, one)
    rows = interleaved(planned)

    # One small file, end to end.
    small = []
    small_runs = 10 if args.quick else 30
    single = {
        "rtk-preset": [RTK, "check", SMALL],
        "floor: serde_json parse": [PARSE_ONLY, SMALL],
    }
    if peers["jsonschema"]:
        single["jsonschema CLI"] = [peers["jsonschema"], "validate", SCHEMA, "--assert-format",
                                    "--errors-only", "-i", SMALL]
    if peers["ajv"]:
        single["ajv-cli"] = [peers["ajv"], "validate", "--spec=draft2020", "-c", "ajv-formats",
                             "--strict=false", "-s", SCHEMA, "-d", SMALL]
    if peers["check-jsonschema"]:
        single["check-jsonschema"] = [peers["check-jsonschema"], "--schemafile", SCHEMA, SMALL]
    for tool, command in single.items():
        log(f"timing one file: {tool}")
        n = small_runs if tool in ("rtk-preset", "floor: serde_json parse") else max(3, small_runs // 5)
        seconds, cpu, peak, _ = timed(command, n, node_env)
        small.append((tool, seconds, cpu, peak))

    log("timing the npm package in Node")
    npm = npm_numbers()
    wasm = wasm_size()

    # Scaling: the full corpus (with truncated files), 1k, 10k and 100k documents.
    scaling = []
    counts = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    for n in counts:
        d, f, _, s = corpus(n, all_json=False)
        log(f"timing rtk-preset on {n} files")
        seconds, cpu, peak, _ = timed([RTK, "check", d, "--format", "json"],
                                      max(1, runs // 2 + 1), all_cores)
        scaling.append((n, len(f), s, seconds, peak))

    versions = {
        "rtk-preset": version([RTK, "--version"]),
        "rustc": version(["rustc", "--version"]),
        "node": version(["node", "--version"]),
        "python": version([sys.executable, "--version"]),
    }
    table = render(rows, small, npm, wasm, scaling, len(files), mb, expected, versions)
    print(table)
    if args.write_readme:
        readme = ROOT / "README.md"
        text = readme.read_text()
        start, end = text.index(README_START), text.index(README_END)
        readme.write_text(text[: start + len(README_START)] + "\n" + table + text[end:])
        log("README.md updated")


def ratio(a, b):
    return f"{a / b:.2f}×" if a and b else "?"


def render(rows, small, npm, wasm, scaling, files, mb, expected, versions):
    rtk = next(r for r in rows if r[0] == "rtk-preset")
    lines = [
        f"Measured on {machine()}, {time.strftime('%Y-%m-%d')}; {versions['rtk-preset']}, "
        f"{versions['rustc']}, Node {versions['node']}, {versions['python']}.",
        "",
        f"**{files:,} presets** ({mb:.1f} MB, {expected:,} invalid), one run of "
        "`python3 scripts/bench.py`; median wall and CPU (user + system) time, process start "
        "included; each peer in its fastest documented mode:",
        "",
        "| tool | mode | threads | wall | CPU | files/s | peak RSS | invalid found "
        "| wall vs rtk-preset | CPU vs rtk-preset |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for tool, mode, threads, seconds, cpu, peak, invalid in rows:
        lines.append(
            f"| {tool} | {mode} | {threads} | {seconds * 1000:,.0f} ms | {cpu * 1000:,.0f} ms "
            f"| {files / seconds:,.0f} | {mib(peak)} | "
            f"{'–' if invalid is None else f'{invalid:,}'} | {ratio(seconds, rtk[3])} "
            f"| {ratio(cpu, rtk[4])} |"
        )
    lines += [
        "",
        f"One small file end to end (`examples/host.json`, {SMALL.stat().st_size:,} bytes):",
        "",
        "| tool | wall | CPU | peak RSS |",
        "|---|---:|---:|---:|",
    ]
    for tool, seconds, cpu, peak in small:
        lines.append(f"| {tool} | {seconds * 1000:,.1f} ms | {cpu * 1000:,.1f} ms | {mib(peak)} |")
    if npm:
        lines += [
            "",
            "The npm package in Node (calls per second; ajv: the schema compiled once, "
            "`allErrors`, ajv-formats):",
            "",
            "| document | `check(text)` | `JSON.parse` + ajv | ratio |",
            "|---|---:|---:|---:|",
        ]
        for name in ("host", "invalid-guest"):
            n = npm[name]
            lines.append(f"| `examples/{name}.json` ({'valid' if n['valid'] else 'invalid'}) "
                         f"| {n['check']:,.0f} | {n['ajv']:,.0f} | {ratio(n['check'], n['ajv'])} |")
        v = npm["value"]
        lines += [
            "",
            "| on the object of `examples/host.json` | calls/s |",
            "|---|---:|",
            f"| `checkValue(obj)` | {v['checkValue']:,.0f} |",
            f"| `check(JSON.stringify(obj))` | {v['checkStringify']:,.0f} |",
            f"| ajv on the object (no parse) | {v['ajvObject']:,.0f} |",
        ]
    if wasm:
        lines += ["", f"The WebAssembly module: {wasm[0]:,} bytes, {wasm[1]:,} bytes brotli (quality 11)."]
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
    # The targets of issue 19, from this run.
    peer = next((r for r in rows if r[0].startswith("jsonschema CLI")), None)
    floor = next((r for r in rows if r[0] == "floor: serde_json parse" and r[2] == rtk[2]), None)
    one_file = next((s for s in small if s[0] == "rtk-preset"), None)
    targets = []
    if peer:
        targets.append(("10,000 presets, wall: `jsonschema` CLI ÷ rtk-preset", peer[3] / rtk[3], ">= 3", peer[3] / rtk[3] >= 3))
        targets.append(("same, CPU: `jsonschema` CLI ÷ rtk-preset", peer[4] / rtk[4], ">= 1.5", peer[4] / rtk[4] >= 1.5))
    if floor:
        targets.append(("rtk-preset ÷ serde_json parse floor, wall", rtk[3] / floor[3], "<= 1.0", rtk[3] / floor[3] <= 1.0))
    if one_file:
        targets.append(("one file end to end, ms", one_file[1] * 1000, "<= 2.5", one_file[1] * 1000 <= 2.5))
    if npm:
        for name, goal in (("host", 1.0), ("invalid-guest", 0.5)):
            r = npm[name]["check"] / npm[name]["ajv"]
            targets.append((f"npm `check(text)` ÷ `JSON.parse` + ajv, {name}", r, f">= {goal}", r >= goal))
        v = npm["value"]
        targets.append(("npm `checkValue(obj)` ÷ `check(JSON.stringify(obj))`", v["checkValue"] / v["checkStringify"], ">= 1.0", v["checkValue"] >= v["checkStringify"]))
    if wasm:
        targets.append(("wasm module, brotli, KB", wasm[1] / 1000, "<= 100", wasm[1] <= 100_000))
    if rtk[5]:
        targets.append(("peak memory, 10,000 files, MiB", rtk[5] / 1024, "<= 32", rtk[5] / 1024 <= 32))
    lines += ["", "Targets (issue 19), from this run:", "", "| measure | now | target | met |",
              "|---|---:|---:|---|"]
    for what, now, goal, met in targets:
        lines.append(f"| {what} | {now:,.2f} | {goal} | {'yes' if met else '**no**'} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()

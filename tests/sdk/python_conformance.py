#!/usr/bin/env python3
"""rtk-preset against the official Python SDK (`cloudflare==5.9.0`), API revision 2026-06.

    python3 tests/sdk/python_conformance.py [--rtk target/debug/rtk-preset] [--count 3000]

Installs the SDK into a virtual environment under target/ (once), then generates documents by
mutating valid `response` documents (`{success, data}`) deterministically: a field dropped, a value
of another JSON type, a value of another enum, a key renamed (a sample of `--count` of these), and
always, whatever the count: every number field made fractional (`n + 0.25`, `n - 0.5`, and the real
frame rates 29.97, 23.976 and 7.5), and the shapes of 2026-01 that 2026-06 dropped (a plugin
`config` that is a string, a `ui.config_diff` of every JSON type). Each is judged by

- the SDK: `PresetGetPresetByIDResponse.model_validate_json(text, strict=True)` (its pydantic
  response model; strict, so that `"2"` is not taken for `2`), and
- rtk-preset: `check --kind response --api 2026-06`, structurally valid when no error of the
  structure rules remains.

Bounds (`out-of-range`) and the uuid and uri formats (`invalid-format`) are beyond the SDK's models
(it types them as plain strings) and left out of the comparison; date-times it does parse, so they
stay in. Every other disagreement must have a reason in `known()` below; anything else fails the
test. Prints the agreement count.
"""

import argparse
import copy
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / "target" / "sdk-venv"
SDK = "cloudflare==5.9.0"

# Rules whose errors the SDK cannot see (for `invalid-format`: but date-times, which it parses).
BEYOND_THE_SDK = {"out-of-range"}

NULL_OPTIONAL = (
    "the SDK types every optional field as `Optional[...] = None`, so it accepts `null` where the "
    "API's schema (and rtk-preset) want the field's type or its absence"
)


def known(kind, path, sdk_ok, rtk_errors):
    """The reason for an understood disagreement, or None."""
    if kind == "type-null" and sdk_ok and rtk_errors == [("wrong-type", "/" + path)]:
        return NULL_OPTIONAL
    return None


def python():
    exe = VENV / "bin" / "python"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    probe = subprocess.run([str(exe), "-c", "import cloudflare, sys; print(cloudflare.__version__)"],
                           capture_output=True, text=True)
    if probe.returncode != 0 or probe.stdout.strip() != SDK.split("==")[1]:
        subprocess.run([str(exe), "-m", "pip", "install", "--quiet", SDK], check=True)
    return exe


def base_documents():
    """Valid response documents: the response fixture, and the example presets wrapped as one."""
    docs = []
    fixture = ROOT / "tests" / "fixtures" / "missing-field" / "valid" / "response.json"
    docs.append(json.loads(fixture.read_text()))
    data = docs[0]["data"]
    # The API reference's example response (SOURCES.md of the shared corpus), when it is beside us.
    reference = ROOT.parent / "shared" / "corpus" / "real" / "SYNTHETIC-cloudflare-apiref-get-preset-response.json"
    if reference.exists():
        docs.append(json.loads(reference.read_text()))
    for example in ["host.json"]:
        preset = json.loads((ROOT / "examples" / example).read_text())
        wrapped = {"success": True, "data": {**{k: data[k] for k in ("id", "created_at", "updated_at") if k in data}, **preset}}
        docs.append(wrapped)
    return docs


def paths(node, prefix=()):
    """Every path to a value under `data`."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield prefix + (key,), value
            yield from paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield prefix + (i,), value
            yield from paths(value, prefix + (i,))


def parent_of(doc, path):
    node = doc
    for step in path[:-1]:
        node = node[step]
    return node


ENUM_VALUES = ["hd", "vga", "GROUP_CALL", "WEBINAR", "ALLOWED", "NOT_ALLOWED", "CAN_REQUEST",
               "SKIP", "RECORDER", "NONE", "rounded", "thin", "dark", "FULL_ACCESS"]
OTHER_TYPES = [None, True, 7, 2.5, "text", [], {}]


def mutations(doc, rng, count):
    """Up to `count` single mutations of `doc`: (kind, path, mutated document)."""
    candidates = [p for p, _ in paths(doc) if p[0] == "data"]
    out = []
    for path in candidates:
        value = parent_of(doc, path)[path[-1]]
        # drop
        if isinstance(path[-1], str):
            m = copy.deepcopy(doc)
            del parent_of(m, path)[path[-1]]
            out.append(("drop", path, m))
            # rename
            m = copy.deepcopy(doc)
            parent = parent_of(m, path)
            renamed = path[-1][:-1] if len(path[-1]) > 1 else path[-1] + "x"
            if renamed not in parent:
                parent[renamed] = parent.pop(path[-1])
                out.append(("rename", path, m))
        # change the type
        for other in OTHER_TYPES:
            if type(other) is type(value) or (isinstance(value, (int, float)) and not isinstance(value, bool)
                                              and isinstance(other, (int, float)) and not isinstance(other, bool)):
                continue
            m = copy.deepcopy(doc)
            parent_of(m, path)[path[-1]] = copy.deepcopy(other)
            name = {type(None): "null", bool: "boolean", int: "integer", float: "number",
                    str: "string", list: "array", dict: "object"}[type(other)]
            out.append((f"type-{name}", path, m))
        # another enum's value
        if isinstance(value, str):
            for other in ENUM_VALUES:
                if other != value:
                    m = copy.deepcopy(doc)
                    parent_of(m, path)[path[-1]] = other
                    out.append(("enum", path, m))
    rng.shuffle(out)
    return out[:count] + always(doc)


FRACTIONS = [0.25, -0.5]
FRAME_RATES = [29.97, 23.976, 7.5]


def always(doc):
    """The mutations made whatever the count: fractional numbers and the 2026-01 shapes."""
    out = []
    for path, value in paths(doc):
        if path[0] != "data" or isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        values = [value + f for f in FRACTIONS]
        if path[-1] == "frame_rate":
            values += FRAME_RATES
        for fraction in values:
            m = copy.deepcopy(doc)
            parent_of(m, path)[path[-1]] = fraction
            out.append(("fraction", path, m))
    plugins = ("data", "permissions", "plugins", "config")
    for text in ["0f3c4b2e-6a8d-4c8e-9d7a-1b2c3d4e5f60", "whiteboard"]:
        m = copy.deepcopy(doc)
        parent_of(m, plugins)[plugins[-1]] = text
        out.append(("plugin-config-string", plugins, m))
    config_diff = ("data", "ui", "config_diff")
    for value in [{}, {"header": False}, [], "compact", 3, True, None]:
        m = copy.deepcopy(doc)
        parent_of(m, config_diff)[config_diff[-1]] = copy.deepcopy(value)
        out.append(("config-diff", config_diff, m))
    return out


def sdk_verdicts(exe, files):
    script = """
import sys, json
from cloudflare.types.realtime_kit.preset_get_preset_by_id_response import PresetGetPresetByIDResponse as R
out = {}
for path in sys.argv[1:]:
    text = open(path, encoding='utf-8').read()
    try:
        R.model_validate_json(text, strict=True)
        out[path] = None
    except Exception as e:
        out[path] = str(e).splitlines()[0:3]
print(json.dumps(out))
"""
    result = subprocess.run([str(exe), "-c", script, *map(str, files)], capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout)


def structure_rules(rtk):
    """The rules of the structure category (the others are semantic or app-level), as the binary
    lists them."""
    listed = subprocess.run([rtk, "rules", "--format", "json"], capture_output=True, text=True,
                            check=True)
    return {r["id"] for r in json.loads(listed.stdout) if r["category"] == "structure"}


def rtk_verdicts(rtk, directory):
    structure = structure_rules(rtk)
    result = subprocess.run([rtk, "check", str(directory), "--kind", "response", "--api", "2026-06",
                             "--format", "json"], capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(f"rtk-preset failed ({result.returncode}): {result.stderr}")
    report = json.loads(result.stdout)
    verdicts = {}
    for f in report["files"]:
        errors = [
            (d["rule"], d["pointer"]) for d in f["diagnostics"]
            if d["severity"] == "error" and d["rule"] in structure and d["rule"] not in BEYOND_THE_SDK
            and not (d["rule"] == "invalid-format" and "date-time" not in d["message"])
        ]
        verdicts[str(Path(f["path"]).resolve())] = errors
    return verdicts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rtk", default=str(ROOT / "target" / "debug" / "rtk-preset"))
    parser.add_argument("--count", type=int, default=4500)
    args = parser.parse_args()
    exe = python()
    rng = random.Random(2026)
    bases = base_documents()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # A configuration that makes each file an app of its own (app rules are not compared),
        # and selects every file (a mutation may leave a file that a walk would not take for a
        # preset, such as one without `data`).
        (tmp / "rtk-preset.toml").write_text('app = "file"\ninclude = ["*.json"]\n')
        cases = {}
        per_base = args.count // len(bases)
        for b, base in enumerate(bases):
            for n, (kind, path, doc) in enumerate(mutations(base, rng, per_base)):
                file = (tmp / f"b{b}-{n:05}-{kind}.json").resolve()
                file.write_text(json.dumps(doc, indent=2))
                cases[str(file)] = (kind, "/".join(map(str, path)))
            file = (tmp / f"b{b}-base.json").resolve()
            file.write_text(json.dumps(base, indent=2))
            cases[str(file)] = ("none", "")
        theirs = sdk_verdicts(exe, cases)
        ours = rtk_verdicts(args.rtk, tmp)
        agree, explained, unexplained = 0, {}, []
        by_kind = {}
        for file, (kind, path) in sorted(cases.items()):
            sdk_ok = theirs[file] is None
            rtk_ok = not ours.get(file)
            tally = by_kind.setdefault(kind.split("-")[0] if kind.startswith("type-") else kind, [0, 0])
            tally[0] += 1
            if sdk_ok == rtk_ok:
                tally[1] += 1
                agree += 1
                continue
            reason = known(kind, path, sdk_ok, ours.get(file))
            if reason:
                explained[reason] = explained.get(reason, 0) + 1
            else:
                unexplained.append((kind, path, "sdk ok" if sdk_ok else theirs[file],
                                    "rtk ok" if rtk_ok else ours.get(file)))
        total = len(cases)
        print(f"Python SDK {SDK}: {total} documents compared, {agree} agree, "
              f"{sum(explained.values())} explained disagreements, {len(unexplained)} unexplained")
        print("  by mutation: " + ", ".join(f"{k} {a}/{n}" for k, (n, a) in sorted(by_kind.items())))
        for reason, n in sorted(explained.items()):
            print(f"  explained ({n}): {reason}")
        for case in unexplained[:40]:
            print("  UNEXPLAINED", case)
        if unexplained:
            raise SystemExit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Shrinks the invalid fixtures of tests/fixtures to minimal documents, as Biome's spec tests keep
them: members are removed, one at a time and depth first, for as long as the fixture's rule reports
the same findings (rule, pointer, message, help; positions aside) under the options of the
fixture's name. A fixture whose text JSON cannot rewrite faithfully (not JSON, repeated keys,
comments, a byte order mark) is left as it is.

    python3 scripts/minimize_fixtures.py [--rtk target/debug/rtk-preset] [RULE...]

Then `INSTA_UPDATE=always cargo test --test cli invalid_fixtures` renews their snapshots.
"""

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def options(path):
    out = []
    for option in path.stem.split("@")[1:]:
        out += ["--api", option] if option.startswith("2026-") else ["--kind", option]
    return out


def findings(rtk, rule, text, opts):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write(text)
        name = f.name
    result = subprocess.run([rtk, "check", "--format", "json", *opts, name],
                            capture_output=True, text=True)
    Path(name).unlink()
    report = json.loads(result.stdout)
    return sorted((d["pointer"], d["message"], d.get("help") or "")
                  for f in report["files"] for d in f["diagnostics"] if d["rule"] == rule)


def render(value):
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def paths(value, prefix=()):
    """Every member's path, deepest first."""
    out = []
    if isinstance(value, dict):
        for key, child in value.items():
            out += paths(child, prefix + (key,))
            out.append(prefix + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            out += paths(child, prefix + (i,))
    return out


def without(value, path):
    if len(path) == 1:
        if isinstance(value, dict):
            return {k: v for k, v in value.items() if k != path[0]}
        return value
    head = path[0]
    if isinstance(value, dict) and head in value:
        return {**value, head: without(value[head], path[1:])}
    if isinstance(value, list) and isinstance(head, int) and head < len(value):
        return value[:head] + [without(value[head], path[1:])] + value[head + 1:]
    return value


def minimize(rtk, path, rule):
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return "left: not UTF-8"
    def no_repeats(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError("repeated key")
        return dict(pairs)
    try:
        value = json.loads(text, object_pairs_hook=no_repeats)
    except ValueError:
        return "left: not rewritable JSON"
    if render(value) != text:
        return "left: its formatting is part of the case"
    opts = options(path)
    want = findings(rtk, rule, text, opts)
    if not want:
        return "left: the rule does not fire"
    changed = True
    while changed:
        changed = False
        for member in paths(value):
            smaller = without(value, member)
            if smaller != value and findings(rtk, rule, render(smaller), opts) == want:
                value = smaller
                changed = True
                break
    new = render(value)
    if new == text:
        return "already minimal"
    path.write_text(new, encoding="utf-8")
    return f"{len(text.splitlines())} -> {len(new.splitlines())} lines"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rtk", default=str(ROOT / "target" / "debug" / "rtk-preset"))
    parser.add_argument("rules", nargs="*")
    args = parser.parse_args()
    for path in sorted((ROOT / "tests" / "fixtures").glob("*/invalid/*.json")):
        rule = path.parent.parent.name
        if args.rules and rule not in args.rules:
            continue
        print(f"{path.relative_to(ROOT)}: {minimize(args.rtk, path, rule)}", flush=True)


if __name__ == "__main__":
    main()

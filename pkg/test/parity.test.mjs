// Parity: for every fixture, the package reports what the CLI's `--format json` reports (the
// app-level rules aside: they need several presets, which only the CLI gathers).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { check, rules } from "../dist/node.js";
import { root, readUtf8, fixtures, cliBinary } from "./helpers.mjs";

const FIELDS = ["rule", "severity", "message", "pointer", "line", "column", "end_line", "end_column", "span", "help"];
const appRules = new Set(rules().filter((r) => r.category === "app").map((r) => r.id));
const pick = (d) => Object.fromEntries(FIELDS.filter((f) => f in d).map((f) => [f, d[f]]));

test("the package and the CLI report the same diagnostics for every fixture", () => {
  const binary = cliBinary();
  let compared = 0;
  for (const f of fixtures()) {
    const text = readUtf8(f.file);
    if (text === null) continue; // not UTF-8: no JS string can carry it
    const args = ["check", "--format", "json"];
    if (f.options.api) args.push("--api", f.options.api);
    if (f.options.kind) args.push("--kind", f.options.kind);
    args.push(f.relative);
    let stdout;
    try {
      stdout = execFileSync(binary, args, { cwd: root, encoding: "utf8" });
    } catch (error) {
      stdout = error.stdout; // exit code 1: findings
    }
    const cli = JSON.parse(stdout).files[0].diagnostics.filter((d) => !appRules.has(d.rule)).map(pick);
    const ours = check(text, f.options).diagnostics.map(pick);
    assert.deepEqual(ours, cli, f.relative);
    compared += 1;
  }
  assert.ok(compared >= 100, `${compared} fixtures compared`);
});

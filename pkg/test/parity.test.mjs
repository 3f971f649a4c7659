// Parity: for every fixture, the package reports what the CLI's `--format json` reports (its
// messages in plain text: the CLI's without their backticks), and `checkApp` reports what the CLI
// reports for the presets of each app under tests/apps/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { check, checkApp, rules } from "../dist/index.js";
import { root, read, readUtf8, fixtures, cliBinary } from "./helpers.mjs";

const FIELDS = ["rule", "severity", "message", "pointer", "line", "column", "end_line", "end_column", "span", "help"];
const appRules = new Set(rules().filter((r) => r.category === "app").map((r) => r.id));
const plain = (text) => text.replaceAll("`", "");
const pick = (d) =>
  Object.fromEntries(FIELDS.filter((f) => f in d).map((f) => [f, f === "message" || f === "help" ? plain(d[f]) : d[f]]));

function cli(args) {
  try {
    return JSON.parse(execFileSync(cliBinary(), ["check", "--format", "json", ...args], { cwd: root, encoding: "utf8" }));
  } catch (error) {
    return JSON.parse(error.stdout); // exit code 1: findings
  }
}

test("the package and the CLI report the same diagnostics for every fixture", () => {
  let compared = 0;
  for (const f of fixtures()) {
    const text = readUtf8(f.file);
    if (text === null) continue; // not UTF-8: no JS string can carry it
    const args = [];
    if (f.options.api) args.push("--api", f.options.api);
    if (f.options.kind) args.push("--kind", f.options.kind);
    args.push(f.relative);
    const theirs = cli(args).files[0].diagnostics.filter((d) => !appRules.has(d.rule)).map(pick);
    const ours = check(text, f.options).diagnostics.map(pick);
    assert.deepEqual(ours, theirs, f.relative);
    compared += 1;
  }
  assert.ok(compared >= 100, `${compared} fixtures compared`);
});

test("checkApp and the CLI report the same for every app under tests/apps", () => {
  const base = join(root, "tests", "apps");
  let apps = 0;
  for (const rule of readdirSync(base)) {
    for (const verdict of ["valid", "invalid"]) {
      const dir = `tests/apps/${rule}/${verdict}`;
      const names = readdirSync(join(root, dir)).filter((n) => n.endsWith(".json")).sort();
      const report = cli([dir]);
      const ours = checkApp(names.map((name) => ({ name: `${dir}/${name}`, text: read(join(root, dir, name)) })));
      for (const [i, name] of names.entries()) {
        const theirs = report.files.find((f) => f.path === `${dir}/${name}`);
        assert.ok(theirs, `${dir}/${name} not in the CLI's report`);
        assert.deepEqual(ours[i].diagnostics.map(pick), theirs.diagnostics.map(pick), `${dir}/${name}`);
      }
      apps += 1;
    }
  }
  assert.ok(apps >= 8, `${apps} apps compared`);
});

// The JavaScript API on real inputs: fixtures, form values, bad options, fixes, schemas, rules,
// the Standard Schema adapter, and inputs meant to break it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  check, checkValue, fix, schema, rules, explain, presetSchema,
} from "../dist/node.js";
import { root, read, readUtf8, fixtures } from "./helpers.mjs";

const host = read(join(root, "examples", "host.json"));

test("a valid preset has no findings", () => {
  const report = check(host);
  assert.equal(report.valid, true);
  assert.deepEqual(report.diagnostics, []);
  assert.deepEqual(Object.keys(report).sort(), ["diagnostics", "valid"]);
});

test("an out-of-range frame rate is reported at its field, with its path", () => {
  const text = host.replace('"frame_rate": 30', '"frame_rate": 31');
  const report = check(text);
  assert.equal(report.valid, false);
  const d = report.diagnostics.find((d) => d.rule === "out-of-range");
  assert.equal(d.pointer, "/config/media/video/frame_rate");
  assert.deepEqual(d.path, ["config", "media", "video", "frame_rate"]);
  assert.equal(text.slice(0, d.span.start).split("\n").length, d.line);
  assert.match(d.help, /30 or less/);
});

test("every invalid fixture reports its rule and every valid one does not", () => {
  for (const f of fixtures()) {
    const text = readUtf8(f.file);
    if (text === null) continue; // not UTF-8: no JS string can carry it
    const report = check(text, f.options);
    const fired = report.diagnostics.some((d) => d.rule === f.rule);
    const appRule = rules().find((r) => r.id === f.rule).category === "app";
    if (appRule) continue; // needs several presets: the CLI's business
    assert.equal(fired, f.verdict === "invalid", `${f.relative}: ${JSON.stringify(report.diagnostics)}`);
  }
});

test("checkValue takes a form's state and reports paths without positions", () => {
  const value = JSON.parse(host);
  value.config.media.video.quality = "HD";
  value.config.livestream_viewer_qualities = [480, 480];
  const report = checkValue(value);
  const quality = report.diagnostics.find((d) => d.rule === "invalid-value");
  assert.deepEqual(quality.path, ["config", "media", "video", "quality"]);
  assert.match(quality.help, /did you mean `hd`/);
  assert.equal("line" in quality || "span" in quality, false);
  const repeat = report.diagnostics.find((d) => d.rule === "duplicate-viewer-quality");
  assert.deepEqual(repeat.path, ["config", "livestream_viewer_qualities", 1]);
  const colour = checkValue({ ui: { design_tokens: { colors: { background: { 600: "red" } } } } }, { kind: "update" });
  assert.deepEqual(colour.diagnostics[0].path, ["ui", "design_tokens", "colors", "background", "600"]);
});

test("odd JS values are diagnostics or TypeErrors, never crashes", () => {
  const cyclic = JSON.parse(host);
  cyclic.config.self = cyclic.config;
  assert.throws(() => checkValue(cyclic), { name: "TypeError", message: /cycle at \/config\/self/ });
  assert.throws(() => checkValue(undefined), TypeError);
  assert.throws(() => checkValue(() => 1), TypeError);
  assert.throws(() => checkValue(Symbol("x")), TypeError);
  const big = JSON.parse(host);
  // A BigInt keeps its digits: beyond what a JSON number of the API can hold (an IEEE double).
  big.config.max_screenshare_count = 10n ** 400n;
  const bigReport = checkValue(big);
  const range = bigReport.diagnostics.find((d) => d.rule === "out-of-range");
  assert.match(range.message, /10{400}/);
  const huge = JSON.parse(host);
  huge.config.view_type = "LIVESTREAM";
  huge.config.livestream_viewer_qualities = new Array(200_000).fill(720);
  const hugeReport = checkValue(huge);
  assert.ok(hugeReport.diagnostics.length > 1000);
  const weird = checkValue({ name: NaN, config: new Map(), ui: new Date(0), when: undefined }, { kind: "update" });
  assert.ok(weird.diagnostics.every((d) => typeof d.message === "string"));
  let deep = {};
  for (let i = 0; i < 10_000; i++) deep = { a: deep };
  assert.throws(() => checkValue(deep), { name: "TypeError", message: /deeper than 128/ });
});

test("bad options are TypeErrors and RangeErrors with clear messages", () => {
  assert.throws(() => check(host, 5), { name: "TypeError", message: /options must be an object/ });
  assert.throws(() => check(host, { api: 2026 }), { name: "TypeError", message: /options.api must be a string/ });
  assert.throws(() => check(host, { colour: "red" }), { name: "TypeError", message: /unknown option `colour`/ });
  assert.throws(() => check(host, { api: "2025-01" }), { name: "RangeError", message: /2026-06, 2026-01/ });
  assert.throws(() => check(host, { kind: "creat" }), RangeError);
  assert.throws(() => check(host, { rules: { "low-contrst": "off" } }), { name: "RangeError", message: /did you mean `low-contrast`/ });
  assert.throws(() => check(host, { rules: { "low-contrast": "loud" } }), RangeError);
  assert.throws(() => check(42), TypeError);
  assert.throws(() => schema("auto"), RangeError);
  assert.throws(() => explain("nope"), RangeError);
});

test("rule levels from the options apply", () => {
  const text = host.replace('"text": "#EEEEEE"', '"text": "#555555"');
  assert.equal(check(text).valid, true);
  const denied = check(text, { rules: { "low-contrast": "error" } });
  assert.equal(denied.valid, false);
  const off = check(text, { rules: { "low-contrast": "off" } });
  assert.equal(off.diagnostics.length, 0);
});

test("fix applies safe fixes, and unsafe ones on request, keeping the formatting", () => {
  const text = host.replace('"quality": "vga"', '"quality": "VGA"').replace('"frame_rate": 30', '"frame_rate": 31');
  const safe = fix(text);
  assert.equal(safe, text.replace('"quality": "VGA"', '"quality": "vga"'));
  assert.equal(fix(safe), safe);
  const all = fix(text, { unsafeFixes: true });
  assert.equal(all, host);
});

test("schema() returns the committed schemas", () => {
  for (const kind of ["create", "update", "replace", "preset", "response", "list"]) {
    for (const api of ["2026-06", "2026-01"]) {
      const committed = JSON.parse(read(join(root, "schemas", `${kind}.${api}.schema.json`)));
      assert.deepEqual(schema(kind, api), committed, `${kind} ${api}`);
    }
  }
});

test("rules() and explain() describe the catalog", () => {
  const all = rules();
  assert.ok(all.filter((r) => r.category !== "structure").length >= 20);
  assert.deepEqual(Object.keys(all[0]).sort(), ["category", "fix", "id", "severity", "summary"]);
  assert.match(explain("low-contrast"), /## Why is this bad\?/);
});

test("presetSchema is a Standard Schema", async () => {
  const standard = presetSchema({ kind: "create", api: "2026-06" })["~standard"];
  assert.equal(standard.version, 1);
  assert.equal(standard.vendor, "rtk-preset");
  const value = JSON.parse(host);
  assert.deepEqual(await standard.validate(value), { value });
  value.config.media.video.frame_rate = 31;
  const result = await standard.validate(value);
  assert.deepEqual(result.issues, [
    { message: "`frame_rate` is 31, above the maximum of 30", path: ["config", "media", "video", "frame_rate"] },
  ]);
  const cyclic = {};
  cyclic.self = cyclic;
  assert.match((await standard.validate(cyclic)).issues[0].message, /cycle/);
  assert.throws(() => presetSchema({ api: "2025-01" }), RangeError);
});

test("any string is a report, never a trap", () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const alphabet = '{}[]":,.0123456789eE+-tfnrul \\\n\t"abcé😀\ud800';
  for (let i = 0; i < 3000; i++) {
    let text = "";
    const length = Math.floor(random() * 80);
    for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
    if (i % 3 === 0) text = host.slice(0, Math.floor(random() * host.length)) + text;
    const report = check(text);
    assert.equal(typeof report.valid, "boolean");
  }
});

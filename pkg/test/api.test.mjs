// The JavaScript API on real inputs: fixtures, form values, bad options, fixes, schemas, rules,
// the Standard Schema adapter, and inputs meant to break it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  check, checkValue, checkApp, fix, schema, rules, explain, presetSchema,
} from "../dist/index.js";
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

test("a duplicate key points at the first as a related place", () => {
  const text = '{\n  "name": "a",\n  "name": "b"\n}';
  const report = check(text, { kind: "update" });
  const duplicate = report.diagnostics.find((d) => d.rule === "duplicate-key");
  assert.equal(duplicate.line, 3);
  assert.deepEqual(duplicate.related, [
    { message: "the first name", line: 2, column: 3, end_line: 2, end_column: 9, span: { start: 4, end: 10 } },
  ]);
  assert.equal(duplicate.help, "remove one of the two");
});

test("checkValue takes a form's state and reports paths without positions", () => {
  const value = JSON.parse(host);
  value.config.media.video.quality = "HD";
  value.config.livestream_viewer_qualities = [480, 480];
  const report = checkValue(value);
  const quality = report.diagnostics.find((d) => d.rule === "invalid-value");
  assert.deepEqual(quality.path, ["config", "media", "video", "quality"]);
  assert.equal(quality.help, "did you mean hd? allowed values: hd, vga, qvga, fhd, uhd");
  assert.deepEqual(quality.params, {
    field: "quality",
    value: "HD",
    allowed: ["hd", "vga", "qvga", "fhd", "uhd"],
    suggestion: "hd",
  });
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
    {
      message: "frame_rate is 31, above the maximum of 30",
      path: ["config", "media", "video", "frame_rate"],
      rule: "out-of-range",
      severity: "error",
      pointer: "/config/media/video/frame_rate",
      params: { field: "frame_rate", value: 31, maximum: 30 },
    },
  ]);
  const cyclic = {};
  cyclic.self = cyclic;
  assert.match((await standard.validate(cyclic)).issues[0].message, /cycle/);
  assert.throws(() => presetSchema({ api: "2025-01" }), RangeError);
  assert.throws(() => presetSchema({ failOn: "fatal" }), RangeError);
  assert.throws(() => presetSchema({ at: "config.media" }), TypeError);
});

test("suggestions know the words people use for values", () => {
  const value = JSON.parse(host);
  value.config.media.video.quality = "1080p";
  value.permissions.waiting_room_type = "none";
  const byField = Object.fromEntries(checkValue(value).diagnostics.map((d) => [d.params.field, d.params.suggestion]));
  assert.deepEqual(byField, { quality: "fhd", waiting_room_type: "SKIP" });
});

test("warnings reach a form without failing it, or as issues on request", async () => {
  const value = JSON.parse(host);
  value.config.max_video_streams.desktop = 4.5;
  const report = checkValue(value);
  assert.equal(report.valid, true);
  const fraction = report.diagnostics.find((d) => d.rule === "fractional-count");
  assert.equal(fraction.severity, "warning");
  assert.deepEqual(fraction.params, { field: "desktop", value: 4.5 });
  assert.deepEqual(await presetSchema()["~standard"].validate(value), { value });
  const strict = await presetSchema({ failOn: "warning" })["~standard"].validate(value);
  assert.deepEqual(strict.issues.map((i) => [i.rule, i.severity, i.path.join(".")]), [
    ["fractional-count", "warning", "config.max_video_streams.desktop"],
  ]);
});

test("an empty number input reads 'a number is required'", () => {
  for (const empty of [NaN, undefined]) {
    const value = JSON.parse(host);
    value.config.media.video.frame_rate = empty;
    const [finding, ...rest] = checkValue(value).diagnostics;
    assert.deepEqual(rest, []);
    assert.equal(finding.message, "a number is required");
    assert.deepEqual(finding.path, ["config", "media", "video", "frame_rate"]);
    assert.equal(finding.params.empty, true);
    assert.equal("help" in finding, false);
  }
  // In a PATCH body an absent field is fine, but an empty input where a value was typed is not.
  assert.equal(checkValue({ config: { max_screenshare_count: undefined } }, { kind: "update" }).valid, true);
  assert.equal(checkValue({ config: { max_screenshare_count: NaN } }, { kind: "update" }).diagnostics[0].message, "a number is required");
});

test("checkValue reports what check reports on JSON.stringify's text, for every fixture", () => {
  // checkValue takes the engine's JSON.stringify on its fast path and its own writer otherwise:
  // both must come to the same findings.
  const strip = ({ line, column, end_line, end_column, span, related, ...rest }) => rest;
  let compared = 0;
  for (const { file, options } of fixtures()) {
    let value;
    try {
      value = JSON.parse(read(file));
    } catch {
      continue;
    }
    const expected = check(JSON.stringify(value), options).diagnostics.map(strip);
    if (expected.some((d) => /deeper than the limit/.test(d.message))) {
      // A value too deep to check is a TypeError, on either path (see "odd JS values").
      assert.throws(() => checkValue(value, options), { name: "TypeError", message: /deeper than 128/ });
      continue;
    }
    assert.deepEqual(checkValue(value, options).diagnostics, expected, file);
    compared += 1;
  }
  assert.ok(compared > 100, `compared ${compared} fixtures`);
});

test("checkValue writes an array's holes as null, as JSON.stringify does", () => {
  const value = { config: { media: { video: { quality: "hd", frame_rate: 30 } } }, ui: { config_diff: [1, , 3] } };
  const expected = check(JSON.stringify(value), { kind: "update" }).diagnostics.map(
    ({ line, column, end_line, end_column, span, related, ...rest }) => rest,
  );
  assert.deepEqual(checkValue(value, { kind: "update" }).diagnostics, expected);
  const invalid = { config: { media: { video: { quality: "hd", frame_rate: [30, , 31] } } } };
  const report = checkValue(invalid, { kind: "update" });
  assert.equal(report.diagnostics[0].rule, "wrong-type");
  assert.equal(report.diagnostics.some((d) => d.rule === "invalid-json"), false);
});

test("presetSchema({ at }) validates one field, as field-level validators need", async () => {
  const frameRate = presetSchema({ kind: "create", at: ["config", "media", "video", "frame_rate"] })["~standard"];
  assert.deepEqual(await frameRate.validate(29.97), { value: 29.97 });
  const above = await frameRate.validate(31);
  assert.deepEqual(above.issues.map((i) => [i.message, i.path, i.rule]), [
    ["frame_rate is 31, above the maximum of 30", [], "out-of-range"],
  ]);
  assert.deepEqual((await frameRate.validate("30")).issues.map((i) => i.rule), ["wrong-type"]);
  for (const empty of [undefined, NaN]) {
    const issues = (await frameRate.validate(empty)).issues;
    assert.deepEqual(issues.map((i) => [i.message, i.rule, i.params.empty]), [["a number is required", "missing-field", true]]);
  }
  // Optional in the kind: empty is fine. A string field and an enum, and a field of an array item.
  const logo = presetSchema({ kind: "create", at: ["ui", "design_tokens", "logo"] })["~standard"];
  assert.deepEqual(await logo.validate(undefined), { value: undefined });
  assert.deepEqual((await logo.validate("not a uri")).issues.map((i) => i.rule), ["invalid-format"]);
  const quality = presetSchema({ at: ["config", "media", "video", "quality"] })["~standard"];
  assert.equal((await quality.validate("HD")).issues[0].params.suggestion, "hd");
  const viewer = presetSchema({ at: ["config", "livestream_viewer_qualities", 1] })["~standard"];
  assert.deepEqual((await viewer.validate("720")).issues.map((i) => [i.rule, i.path]), [["wrong-type", []]]);
  // A whole object: issue paths are relative to it.
  const video = presetSchema({ at: ["config", "media", "video"] })["~standard"];
  const issues = (await video.validate({ quality: "hd", frame_rate: 60 })).issues;
  assert.deepEqual(issues.map((i) => [i.rule, i.path]), [["out-of-range", ["frame_rate"]]]);
});

test("checkApp runs the app-level rules on texts and values", () => {
  const guest = JSON.parse(host);
  guest.permissions.waiting_room_type = "SKIP_ON_ACCEPT";
  const nobody = JSON.parse(host);
  nobody.name = "other";
  nobody.permissions.accept_waiting_requests = false;
  guest.name = "guest";
  guest.permissions.accept_waiting_requests = false;
  const [a, b] = checkApp([
    { name: "guest.json", value: guest },
    { name: "other.json", text: JSON.stringify(nobody) },
  ]);
  assert.deepEqual(a.diagnostics.map((d) => d.rule), ["waiting-room-without-admitter"]);
  assert.equal("line" in a.diagnostics[0], false, "a value's diagnostics have no positions");
  assert.deepEqual(b.diagnostics, []);
  assert.equal(b.valid, true);
  assert.throws(() => checkApp("x"), TypeError);
  assert.throws(() => checkApp([{ name: "a" }]), { name: "TypeError", message: /needs a `text` or a `value`/ });
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

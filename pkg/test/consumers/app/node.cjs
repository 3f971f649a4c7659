// Node, as CommonJS (run with --no-experimental-require-module, as Node before 20.19 and 22.12
// behaves): the package's `require` entry. Prints the verdicts, a rule's documentation and a JSON Schema
// (which the package carries in its JavaScript, not in the module), as JSON.
const { check, explain, schema } = require("rtk-preset");
const { valid, invalid } = require("./presets.cjs");

const bad = check(invalid);
console.log(JSON.stringify({ valid: check(valid).valid, invalid: bad.valid, rules: [...new Set(bad.diagnostics.map((d) => d.rule))].sort(), explained: explain("low-contrast"), schema: schema("create", "2026-01") }));

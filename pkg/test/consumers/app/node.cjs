// Node, as CommonJS (run with --no-experimental-require-module, as Node before 20.19 and 22.12
// behaves): the package's `require` entry. Prints the verdicts as JSON.
const { check } = require("rtk-preset");
const { valid, invalid } = require("./presets.cjs");

const bad = check(invalid);
console.log(JSON.stringify({ valid: check(valid).valid, invalid: bad.valid, rules: [...new Set(bad.diagnostics.map((d) => d.rule))].sort() }));

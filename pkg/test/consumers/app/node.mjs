// Node, as an ES module: prints the verdicts as JSON.
import { check } from "rtk-preset";
import { valid, invalid } from "./presets.js";

const bad = check(invalid);
console.log(JSON.stringify({ valid: check(valid).valid, invalid: bad.valid, rules: [...new Set(bad.diagnostics.map((d) => d.rule))].sort() }));

// Node, as an ES module: prints the verdicts, a rule's documentation and a JSON Schema (which the
// package carries in its JavaScript, not in the module), as JSON.
import { check, explain, schema } from "rtk-preset";
import { valid, invalid } from "./presets.js";

const bad = check(invalid);
console.log(JSON.stringify({ valid: check(valid).valid, invalid: bad.valid, rules: [...new Set(bad.diagnostics.map((d) => d.rule))].sort(), explained: explain("low-contrast"), schema: schema("create", "2026-01") }));

// Node, as an ES module: prints the verdicts, and a rule's documentation (which the
// package carries in its JavaScript, not in the module), as JSON.
import { check, explain } from "rtk-preset";
import { valid, invalid } from "./presets.js";

const bad = check(invalid);
console.log(JSON.stringify({ valid: check(valid).valid, invalid: bad.valid, rules: [...new Set(bad.diagnostics.map((d) => d.rule))].sort(), explained: explain("low-contrast") }));

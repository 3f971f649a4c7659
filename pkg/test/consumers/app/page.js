// The page every bundler builds: checks a valid and an invalid preset with the package's default
// import, and shows the verdicts (the test reads them from `data-verdicts`).
import { check } from "rtk-preset";
import { valid, invalid } from "./presets.js";

const good = check(valid);
const bad = check(invalid);
const verdicts = {
  valid: good.valid,
  invalid: bad.valid,
  rules: [...new Set(bad.diagnostics.map((d) => d.rule))].sort(),
};
document.body.dataset.verdicts = JSON.stringify(verdicts);
document.querySelector("#out").textContent =
  `valid preset: ${good.valid ? "valid" : "invalid"}\n` +
  `invalid preset: ${bad.valid ? "valid" : "invalid"}\n` +
  bad.diagnostics.map((d) => `  ${d.severity} [${d.rule}] ${d.message}`).join("\n");

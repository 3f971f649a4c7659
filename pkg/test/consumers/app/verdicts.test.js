// Vitest (ES modules in Node): the default import, a valid and an invalid preset.
import { expect, test } from "vitest";
import { check } from "rtk-preset";
import { valid, invalid } from "./presets.js";

test("verdicts", () => {
  expect(check(valid).valid).toBe(true);
  const report = check(invalid);
  expect(report.valid).toBe(false);
  expect(report.diagnostics.map((d) => d.rule)).toContain("out-of-range");
});

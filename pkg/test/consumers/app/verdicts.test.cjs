/**
 * @jest-environment jsdom
 */
// Jest (CommonJS, in jsdom as front-end tests run): the package's `require` entry.
const { check } = require("rtk-preset");
const { valid, invalid } = require("./presets.cjs");

test("verdicts", () => {
  expect(check(valid).valid).toBe(true);
  const report = check(invalid);
  expect(report.valid).toBe(false);
  expect(report.diagnostics.map((d) => d.rule)).toContain("out-of-range");
});

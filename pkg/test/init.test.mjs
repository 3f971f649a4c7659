// Initialisation without compiling from bytes at run time (Cloudflare Workers): the `manual` entry
// takes a precompiled WebAssembly.Module, and says clearly when it has not been given one. Each case
// runs in a fresh Node process, since the entries share one module instance.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { pkg } from "./helpers.mjs";

function run(script) {
  return execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: pkg, encoding: "utf8" });
}

test("initSync accepts a precompiled WebAssembly.Module", () => {
  const out = run(`
    import { readFileSync } from "node:fs";
    import { initSync, check } from "./dist/manual.js";
    const module = new WebAssembly.Module(readFileSync("./dist/wasm/rtk_preset_wasm_bg.wasm"));
    initSync(module);
    console.log(JSON.stringify(check('{"name": 1}', { kind: "update" }).diagnostics.map((d) => d.rule)));
  `);
  assert.deepEqual(JSON.parse(out), ["wrong-type"]);
});

test("init accepts a compiled module asynchronously", () => {
  const out = run(`
    import { readFileSync } from "node:fs";
    import { init, rules } from "./dist/manual.js";
    await init(WebAssembly.compile(readFileSync("./dist/wasm/rtk_preset_wasm_bg.wasm")));
    console.log(rules().length);
  `);
  assert.ok(Number(out) >= 35);
});

test("calling before initialisation is a clear error", () => {
  const out = run(`
    import { check } from "./dist/manual.js";
    try { check("{}"); } catch (error) { console.log(error.message); }
  `);
  assert.match(out, /not initialised; `rtk-preset\/manual` needs `await init\(url\)` or `initSync\(module\)` first/);
});

test("a host without TextEncoder and TextDecoder (Jest's jsdom) gets the same report", () => {
  const script = (drop) => `
    ${drop ? "globalThis.TextEncoder = undefined; globalThis.TextDecoder = undefined;" : ""}
    const { check } = await import("./dist/index.js");
    const text = '{"name": "Gäste 🎉 \\\\ud800 ✓", "config": {"view_type": "GRÜPPE"}, "ui": 1}';
    console.log(JSON.stringify(check(text, { kind: "update" })));
  `;
  const without = JSON.parse(run(script(true)));
  assert.deepEqual(without, JSON.parse(run(script(false))));
  assert.ok(without.diagnostics.some((d) => d.message.includes("GRÜPPE")), JSON.stringify(without));
});

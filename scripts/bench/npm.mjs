// The npm package against JSON.parse + a compiled ajv validator, in Node, for scripts/bench.py:
// calls per second of each on the same text, after a warm-up, in alternating rounds. ajv runs in
// its fastest documented in-process mode (the schema compiled once, allErrors, formats asserted
// by ajv-formats), on the generated schema of the same kind and revision. Prints one JSON object.
//
//   NODE_PATH=target/bench-tools/node/node_modules node scripts/bench/npm.mjs
import { readFileSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(join(resolve(process.env.NODE_PATH ?? "."), "x.js"));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;
const { check, checkValue } = await import(join(root, "pkg", "dist", "index.js"));

const schema = JSON.parse(readFileSync(join(root, "schemas", "create.2026-06.schema.json"), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Calls per second of `f`, over about `seconds` after a warm-up of `warmMs`. */
function rate(f, seconds = Number(process.env.BENCH_SECONDS ?? 1), warmMs = 200) {
  const warm = performance.now() + warmMs;
  while (performance.now() < warm) f();
  let calls = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 100; i++) f();
    calls += 100;
    now = performance.now();
  }
  return calls / ((now - start) / 1000);
}

/**
 * Calls per second of each function of `fns` (an object of them), measured in alternating
 * rounds and given as the median round: functions compared with each other see the same
 * conditions (a collection, a change in the machine's load) rather than one each.
 */
function rates(fns, rounds = 7) {
  const seconds = Number(process.env.BENCH_SECONDS ?? 1) / 5;
  const seen = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    // Each warmed up once, in the first round.
    for (const [name, f] of Object.entries(fns)) {
      seen[name].push(rate(f, seconds, r === 0 ? 200 : 0));
    }
  }
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  return Object.fromEntries(Object.entries(seen).map(([k, xs]) => [k, median(xs)]));
}

const out = {};
for (const name of ["host", "invalid-guest"]) {
  const text = readFileSync(join(root, "examples", `${name}.json`), "utf8");
  // The same verdict, or the comparison means nothing.
  const ours = check(text).valid;
  const theirs = validate(JSON.parse(text));
  if (ours !== theirs) throw new Error(`${name}: check says ${ours}, ajv ${theirs}`);
  out[name] = {
    bytes: Buffer.byteLength(text),
    valid: ours,
    ...rates({ check: () => check(text), ajv: () => validate(JSON.parse(text)) }),
  };
}
const host = JSON.parse(readFileSync(join(root, "examples", "host.json"), "utf8"));
out.value = rates({
  checkValue: () => checkValue(host),
  checkStringify: () => check(JSON.stringify(host)),
  ajvObject: () => validate(host),
});
console.log(JSON.stringify(out));

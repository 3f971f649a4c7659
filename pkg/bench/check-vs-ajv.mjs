// check() against JSON.parse + a compiled ajv validator (allErrors: true) on the same ~3 KB preset
// and the same generated schema, side by side. Run: `npm run bench` in pkg/ (after `npm run build`).
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { check } from "../dist/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const text = readFileSync(join(root, "examples", "host.json"), "utf8");
const schema = JSON.parse(readFileSync(join(root, "schemas", "create.2026-06.schema.json"), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(schema);

function rate(name, fn) {
  for (let i = 0; i < 2_000; i++) fn(); // warm up
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < 2_000_000_000n) {
    for (let i = 0; i < 500; i++) fn();
    calls += 500;
    elapsed = process.hrtime.bigint() - start;
  }
  const perSecond = (calls * 1e9) / Number(elapsed);
  console.log(`${name.padEnd(34)} ${Math.round(perSecond).toLocaleString("en").padStart(10)} calls/s`);
  return perSecond;
}

console.log(`document: examples/host.json, ${text.length} bytes`);
const ours = rate("rtk-preset check()", () => check(text));
const theirs = rate("JSON.parse + ajv (allErrors)", () => validate(JSON.parse(text)));
console.log(`ratio: ${(ours / theirs).toFixed(2)}x (check / ajv)`);

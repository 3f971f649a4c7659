// Compiles every schema in schemas/ with ajv's draft 2020-12 class in strict mode (the same as
// `ajv compile --spec=draft2020 --strict=true`, with ajv-formats for uuid, date-time and uri), and
// validates the example presets with them. Exits 1 on the first schema ajv rejects.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;
const dir = join(root, "schemas");
const files = readdirSync(dir).filter((f) => f.endsWith(".schema.json")).sort();
let failed = 0;
const validators = {};
for (const file of files) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  try {
    validators[file] = ajv.compile(JSON.parse(readFileSync(join(dir, file), "utf8")));
    console.log(`ok   ${file}`);
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${file}: ${error.message}`);
  }
}
// The shipped examples: the valid one passes, the invalid one does not.
const expect = { "host.json": true, "invalid-guest.json": false };
for (const [name, valid] of Object.entries(expect)) {
  const document = JSON.parse(readFileSync(join(root, "examples", name), "utf8"));
  const verdict = validators["create.2026-06.schema.json"](document);
  if (verdict !== valid) {
    failed += 1;
    console.log(`FAIL examples/${name}: ajv says ${verdict ? "valid" : "invalid"}`);
  } else {
    console.log(`ok   examples/${name} is ${valid ? "valid" : "invalid"} for ajv too`);
  }
}
console.log(`${files.length + Object.keys(expect).length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

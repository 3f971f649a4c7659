// ajv in-process, in its fastest documented modes, for scripts/bench.py: the schema compiled once
// (allErrors, formats asserted by ajv-formats), then every *.json file under DIR read, parsed with
// JSON.parse and validated. Mode `compiled` validates with the function ajv compiles; `standalone`
// first generates ajv's standalone validation code (no ajv at run time) and validates with that.
// Prints "N files, M invalid" (a file that does not parse counts as invalid).
//
//   node scripts/bench/ajv.mjs compiled|standalone SCHEMA DIR
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from "node:fs";
import { join, resolve } from "node:path";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";

const [mode, schemaPath, dir] = process.argv.slice(2);
const require = createRequire(join(resolve(process.env.NODE_PATH ?? "."), "x.js"));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
let validate;
if (mode === "compiled") {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  validate = ajv.compile(schema);
} else if (mode === "standalone") {
  const standaloneCode = require("ajv/dist/standalone").default;
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { source: true } });
  addFormats(ajv);
  const code = standaloneCode(ajv, ajv.compile(schema));
  const file = join(mkdtempSync(join(tmpdir(), "ajv-standalone-")), "validate.cjs");
  // The generated module requires ajv-formats' formats and ajv's runtime helpers by name, found
  // through NODE_PATH.
  writeFileSync(file, code);
  validate = createRequire(file)(file);
} else {
  throw new Error(`unknown mode ${mode}`);
}

function walk(path, out) {
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith(".json")) out.push(full);
  }
  return out;
}

let files = 0;
let invalid = 0;
for (const file of walk(dir, [])) {
  files += 1;
  let value;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    invalid += 1;
    continue;
  }
  if (!validate(value)) invalid += 1;
}
console.log(`${files} files, ${invalid} invalid`);

// Shared by the tests: where things are, and the fixtures with the options their names carry.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
export const root = join(pkg, "..");

/** The CLI binary the Rust tests built. */
export function cliBinary() {
  const binary = join(root, "target", "debug", "rtk-preset");
  if (!existsSync(binary)) {
    throw new Error(`${binary} is missing: run \`cargo build -p rtk-preset\` first`);
  }
  return binary;
}

/** Every fixture: `{ file, relative, api, kind }` (options from the name: `case@2026-01@update.json`). */
export function fixtures() {
  const base = join(root, "tests", "fixtures");
  const out = [];
  for (const rule of readdirSync(base, { withFileTypes: true })) {
    if (!rule.isDirectory()) continue;
    for (const verdict of ["valid", "invalid"]) {
      const dir = join(base, rule.name, verdict);
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir).sort()) {
        if (!name.endsWith(".json")) continue;
        const options = {};
        for (const option of name.slice(0, -5).split("@").slice(1)) {
          if (option.startsWith("2026-")) options.api = option;
          else options.kind = option;
        }
        out.push({
          rule: rule.name,
          verdict,
          file: join(dir, name),
          relative: `tests/fixtures/${rule.name}/${verdict}/${name}`,
          options,
        });
      }
    }
  }
  return out;
}

export const read = (file) => readFileSync(file, "utf8");

/** The file as a string, or null when it is not UTF-8 (a JS string cannot hold such bytes). */
export function readUtf8(file) {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(readFileSync(file));
  } catch {
    return null;
  }
}

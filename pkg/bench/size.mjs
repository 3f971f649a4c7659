// What the package costs a page: the WebAssembly module, and the default entry that embeds it (as
// hexadecimal text), raw, gzip -9 and brotli (quality 11). Run: `npm run size` after a build.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const kb = (n) => `${(n / 1024).toFixed(1)} KiB (${n} bytes)`;
for (const [what, file] of [
  ["the .wasm", join(dist, "wasm", "rtk_preset_wasm_bg.wasm")],
  ["the default entry (dist/index.js, the .wasm embedded)", join(dist, "index.js")],
  ["the manual entry (dist/manual.js, without the .wasm)", join(dist, "manual.js")],
]) {
  const bytes = readFileSync(file);
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${what}\n  raw:    ${kb(bytes.length)}\n  gzip:   ${kb(gzipSync(bytes, { level: 9 }).length)}\n  brotli: ${kb(brotli)}`);
}

// The size of the WebAssembly module: raw, gzip -9 and brotli (quality 11). Run: `npm run size`.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const file = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "wasm", "rtk_preset_wasm_bg.wasm");
const bytes = readFileSync(file);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB (${n} bytes)`;
console.log(`raw:    ${kb(bytes.length)}`);
console.log(`gzip:   ${kb(gzipSync(bytes, { level: 9 }).length)}`);
console.log(
  `brotli: ${kb(brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length)}`,
);

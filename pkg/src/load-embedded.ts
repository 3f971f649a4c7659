// The default entry's module: its bytes are embedded in the bundle (as hexadecimal text, which
// compresses with brotli or gzip almost as well as the bytes themselves, where base64 costs a
// third more), so no bundler, server or test runner has a `.wasm` file to find, and the first call
// compiles them synchronously.
import hex from "./wasm/rtk_preset_wasm_bg.wasm";

/** The bytes of the `.wasm`, decoded from the embedded text. */
export function wasmSource(): Uint8Array {
  const text = hex as unknown as string;
  const bytes = new Uint8Array(text.length >> 1);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = (nibble(text.charCodeAt(2 * i)) << 4) | nibble(text.charCodeAt(2 * i + 1));
  }
  return bytes;
}

function nibble(code: number): number {
  // `0`-`9` are 48-57, `a`-`f` are 97-102.
  return code < 58 ? code - 48 : code - 87;
}

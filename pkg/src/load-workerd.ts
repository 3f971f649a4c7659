// The Cloudflare Workers entry's module: the import stays in the bundle, and wrangler (workerd)
// compiles the `.wasm` at deploy time into a `WebAssembly.Module` (Workers do not compile
// WebAssembly from bytes at run time).
import module from "./wasm/rtk_preset_wasm_bg.wasm";

/** The compiled module, as the Workers runtime provides it. */
export function wasmSource(): object {
  return module as object;
}

// The entry that leaves initialisation to you: call `init()` or `initSync(module)` first. For
// Cloudflare Workers, where WebAssembly cannot be compiled from bytes at run time:
//
//   import wasm from "rtk-preset/wasm";            // a WebAssembly.Module, compiled at deploy time
//   import { initSync, check } from "rtk-preset/manual";
//   initSync(wasm);
export * from "./core.js";

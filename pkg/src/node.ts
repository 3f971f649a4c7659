// The Node.js entry: initialises the WebAssembly synchronously from the file next to this one.
import { readFileSync } from "node:fs";
import { initSync } from "./core.js";

export * from "./core.js";

initSync(readFileSync(new URL("./wasm/rtk_preset_wasm_bg.wasm", import.meta.url)));

// The browser and bundler entry: initialises the WebAssembly (fetched next to this file) when it is
// imported, so every function is ready to call.
import { init } from "./core.js";

export * from "./core.js";

await init();

// What `import x from "./wasm/rtk_preset_wasm_bg.wasm"` gives depends on the build: the bytes as
// hexadecimal text (the default entry) or a compiled module (the Workers entry).
declare module "*.wasm" {
  const value: unknown;
  export default value;
}

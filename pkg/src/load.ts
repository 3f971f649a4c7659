// Where the module comes from when a function is first called, in the `rtk-preset/manual` entry:
// nowhere, so `init()` or `initSync()` must come first. The build links the other entries with
// `load-embedded.ts` (the default) or `load-workerd.ts` (Cloudflare Workers) in its place.

/** The module or its bytes, for `initSync`; `undefined` when the caller must initialise. */
export function wasmSource(): object | undefined {
  return undefined;
}

// The package's API. One source serves every entry: the build links `rtk-preset` (browsers,
// bundlers, Node, test runners), `rtk-preset/manual` and the Workers entry each with its own
// `load.ts` (see core.ts).
export * from "./core.js";

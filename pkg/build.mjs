// Builds dist/ from src/, after `cargo run -p xtask -- wasm` has written src/wasm/ (the glue and
// the optimised module):
//
// - one self-contained bundle per entry and format (esbuild): `index` (the module's bytes embedded,
//   initialised on the first call: browsers, bundlers, Node, test runners), `manual` (nothing
//   embedded: `init(url)` or `initSync(module)` first), `workerd` (the `.wasm` imported, for
//   wrangler to compile at deploy time), each as ES module and, but for Workers, CommonJS;
// - the declarations (tsc), as `.d.ts` for `import` and `.d.cts` for `require`;
// - the `.wasm` itself, for `rtk-preset/wasm` and the Workers entry, and the licence texts.
import * as esbuild from "esbuild";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = dirname(fileURLToPath(import.meta.url));
const src = join(pkg, "src");
const dist = join(pkg, "dist");
const wasm = join(src, "wasm", "rtk_preset_wasm_bg.wasm");

/** Links `./load.js` to the entry's loader, and `.wasm` imports as the entry needs them. */
function linking(loader, wasmImport) {
  return {
    name: "rtk-preset-linking",
    setup(build) {
      build.onResolve({ filter: /^\.\/load\.js$/ }, () => ({ path: join(src, loader) }));
      build.onResolve({ filter: /\.wasm$/ }, (args) =>
        wasmImport === "external"
          ? { path: args.path, external: true }
          : { path: join(args.resolveDir, args.path), namespace: "wasm-hex" },
      );
      build.onLoad({ filter: /.*/, namespace: "wasm-hex" }, (args) => ({
        contents: `export default ${JSON.stringify(readFileSync(args.path).toString("hex"))};`,
        loader: "js",
      }));
    },
  };
}

const entries = [
  { name: "index", loader: "load-embedded.ts", wasm: "embedded", formats: ["esm", "cjs"] },
  { name: "manual", loader: "load.ts", wasm: "none", formats: ["esm", "cjs"] },
  { name: "workerd", loader: "load-workerd.ts", wasm: "external", formats: ["esm"] },
  { name: "model", loader: "load.ts", wasm: "none", formats: ["esm", "cjs"], source: "model.ts" },
];

rmSync(dist, { recursive: true, force: true });
for (const entry of entries) {
  for (const format of entry.formats) {
    await esbuild.build({
      entryPoints: [join(src, entry.source ?? "index.ts")],
      outfile: join(dist, `${entry.name}.${format === "esm" ? "js" : "cjs"}`),
      bundle: true,
      format,
      platform: "neutral",
      target: "es2020",
      legalComments: "none",
      logLevel: "warning",
      // The glue's `TextEncoder`/`TextDecoder` come from the host when it has them (see utf8.ts).
      inject: [join(src, "utf8.ts")],
      plugins: [linking(entry.loader, entry.wasm)],
    });
  }
}
mkdirSync(join(dist, "wasm"), { recursive: true });
copyFileSync(wasm, join(dist, "wasm", "rtk_preset_wasm_bg.wasm"));
// The licence texts live at the repository's root; the tarball carries copies.
for (const licence of ["LICENSE-MIT", "LICENSE-APACHE"]) copyFileSync(join(pkg, "..", licence), join(pkg, licence));

// Declarations: the public ones only (the glue's are internal), then a `.d.cts` twin of each
// whose relative imports name `.cjs` files, for `require` under `moduleResolution: node16`.
execFileSync(process.execPath, [join(pkg, "node_modules", "typescript", "bin", "tsc"), "-p", join(pkg, "tsconfig.json")], {
  stdio: "inherit",
});
const PUBLIC = ["index.d.ts", "core.d.ts", "model.d.ts"];
for (const file of readdirSync(dist).filter((f) => f.endsWith(".d.ts") && !PUBLIC.includes(f))) {
  rmSync(join(dist, file));
}
rmSync(join(dist, "wasm", "rtk_preset_wasm.d.ts"), { force: true });
for (const file of PUBLIC) {
  const text = readFileSync(join(dist, file), "utf8");
  writeFileSync(join(dist, file.replace(/\.d\.ts$/, ".d.cts")), text.replace(/(from\s+"\.\/[^"]+)\.js"/g, '$1.cjs"'));
}
for (const entry of ["manual", "workerd"]) {
  for (const ext of [".d.ts", ".d.cts"]) {
    const index = ext === ".d.ts" ? "./index.js" : "./index.cjs";
    writeFileSync(join(dist, `${entry}${ext}`), `export * from "${index}";\n`);
  }
}
const wasmTypes = `/**
 * The package's WebAssembly module, for hosts that compile \`.wasm\` imports ahead of time
 * (Cloudflare Workers give a \`WebAssembly.Module\`; bundlers configured to, a URL or the module):
 * pass it to \`initSync\` or \`init\` of \`rtk-preset/manual\`. Typed structurally, so that no DOM or
 * Node library is needed.
 */
declare const module: object;
export default module;
`;
writeFileSync(join(dist, "wasm.d.ts"), wasmTypes);
writeFileSync(join(dist, "wasm.d.cts"), wasmTypes);

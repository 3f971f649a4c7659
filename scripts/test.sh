#!/usr/bin/env bash
# The whole test suite: formatting, lints, Rust tests (unit, fixtures and snapshots, the real
# corpus, JSONTestSuite, schema drift, the jsonschema cross-check) and the ajv strict compile of the
# generated schemas. Installs what it needs first, skipping what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

have() { command -v "$1" >/dev/null 2>&1; }

# Toolchain components.
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    rustup component add "$component"
  fi
done
# Node.js and npm for the ajv schema check.
if ! have node || ! have npm; then
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi
if [ ! -d tests/ajv/node_modules/ajv-formats ]; then
  npm ci --prefix tests/ajv --no-audit --no-fund --loglevel=error
fi

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --workspace --locked --no-fail-fast
echo "== ajv strict compile of schemas/"
node tests/ajv/compile.mjs

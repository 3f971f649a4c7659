#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml as pre-commit itself runs them (pre-commit
# try-repo, which takes this working tree's hooks), in a scratch repository shaped like a user's:
# an ordinary commit that bumps package.json passes, a staged broken preset is stopped, and the
# fix hook fixes a staged preset. Twice: the `rust` hooks from a PATH without `rtk-preset` (pre-commit
# builds it with `cargo install --path .`), then the `-system` hooks with the given binary on PATH.
# pre-commit is pinned and installed once into target/.
#
#     bash tests/precommit/run.sh target/debug/rtk-preset
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
binary=$(realpath "${1:-$root/target/debug/rtk-preset}")
version=4.7.0
venv="$root/target/precommit-venv"
if ! "$venv/bin/pre-commit" --version 2>/dev/null | grep -qx "pre-commit $version"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$version"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$root/target/precommit-home"
# pre-commit's `cargo install` builds where the release archive does, so the dependencies are
# compiled once.
export CARGO_TARGET_DIR="$root/target"
clean_path=$PATH
mkdir "$work/bin"
ln -s "$binary" "$work/bin/rtk-preset"

scenario() {
  local suffix=$1
  local repo="$work/repo$suffix"
  mkdir -p "$repo/presets"
  cd "$repo"
  git init -q
  git config user.email ci@example.invalid
  git config user.name ci
  cp "$root/examples/host.json" presets/host.json
  printf '{\n  "name": "web",\n  "version": "1.0.0"\n}\n' > package.json
  printf '{\n  // the compiler\n  "compilerOptions": {"strict": true},\n}\n' > tsconfig.json
  git add -A
  git commit -qm init
  hooks() { "$venv/bin/pre-commit" try-repo "$root" "$@" 2>&1; }

  # 1. An ordinary commit: package.json and tsconfig.json change, no preset is staged.
  sed -i 's/1.0.0/1.0.1/' package.json
  sed -i 's/true/false/' tsconfig.json
  git add package.json tsconfig.json
  if ! out=$(hooks "rtk-preset$suffix"); then
    echo "FAIL (rtk-preset$suffix): the hook blocked a commit of package.json and tsconfig.json:"
    echo "$out"
    exit 1
  fi
  git commit -qm bump

  # 2. A broken preset is staged: the hook stops the commit and says why.
  sed -i 's/"frame_rate": 30/"frame_rate": 60/' presets/host.json
  git add presets/host.json
  if out=$(hooks "rtk-preset$suffix"); then
    echo "FAIL (rtk-preset$suffix): the hook let a preset with frame_rate 60 through:"
    echo "$out"
    exit 1
  fi
  grep -q "out-of-range" <<<"$out" || { echo "FAIL: no out-of-range in:"; echo "$out"; exit 1; }
  git reset -q
  git checkout -q -- presets/host.json

  # 3. The fix hook fixes a staged preset (`VGA` for `vga`: a safe fix) and reports it modified.
  sed -i 's/"quality": "vga"/"quality": "VGA"/' presets/host.json
  git add presets/host.json
  if out=$(hooks "rtk-preset-fix$suffix"); then
    echo "FAIL (rtk-preset-fix$suffix): the fix hook did not report a change:"
    echo "$out"
    exit 1
  fi
  grep -q '"quality": "vga"' presets/host.json || { echo "FAIL: not fixed:"; cat presets/host.json; exit 1; }
  cd "$root"
}

# The self-installing hooks, with no rtk-preset on PATH.
export PATH=$clean_path
if command -v rtk-preset >/dev/null; then
  echo "FAIL: rtk-preset is on PATH ($(command -v rtk-preset)): the rust hooks would not be tried alone"
  exit 1
fi
scenario ""
# The `language: system` hooks, with the binary on PATH.
export PATH="$work/bin:$clean_path"
scenario "-system"
echo "pre-commit $version: rust and system hooks: a package.json commit passes, a broken preset is stopped, the fix hook fixes"

#!/usr/bin/env bash
# The release archive of `rtk-preset` for one target: `rtk-preset-<target>/` holding the binary,
# the README, the licences, the manual page (`man/`) and the shell completions (`completions/`), packed as `.tar.gz` (`.zip` for Windows), with a `.sha256` beside
# it. The release workflow (.github/workflows/release.yml) runs it on each platform's runner; the
# test command runs it for this machine's target and checks the archive's binary.
#
#     bash scripts/release-archive.sh [TARGET] [OUT_DIR]     (defaults: the host, target/dist)
set -euo pipefail
cd "$(dirname "$0")/.."
host=$(rustc -vV | sed -n 's/^host: //p')
target=${1:-$host}
out=${2:-target/dist}
if [ "$target" = "$host" ]; then
  cargo build --release --locked -p rtk-preset
  built=target/release
else
  rustup target list --installed | grep -qx "$target" || rustup target add "$target"
  cargo build --release --locked -p rtk-preset --target "$target"
  built=target/$target/release
fi
name=rtk-preset-$target
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
case "$target" in
  *windows*) exe=.exe ;;
  *) exe= ;;
esac
cp "$built/rtk-preset$exe" README.md LICENSE-MIT LICENSE-APACHE "$stage/$name/"
# The manual page and the shell completions, written by the binary itself (it runs on the
# platform's own runner; a cross-built binary that cannot run here ships without them).
if "$built/rtk-preset$exe" --version > /dev/null 2>&1; then
  mkdir "$stage/$name/man" "$stage/$name/completions"
  "$built/rtk-preset$exe" man > "$stage/$name/man/rtk-preset.1"
  completions() { "$built/rtk-preset$exe" completions "$1" > "$stage/$name/completions/$2"; }
  completions bash rtk-preset.bash
  completions zsh _rtk-preset
  completions fish rtk-preset.fish
  completions powershell _rtk-preset.ps1
  completions elvish rtk-preset.elv
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
case "$target" in
  *windows*)
    archive=$name.zip
    (cd "$stage" && rm -f "$out/$archive" && python3 -m zipfile -c "$out/$archive" "$name")
    ;;
  *)
    archive=$name.tar.gz
    tar -C "$stage" -czf "$out/$archive" "$name"
    ;;
esac
if command -v sha256sum >/dev/null; then sum=(sha256sum); else sum=(shasum -a 256); fi
(cd "$out" && "${sum[@]}" "$archive" > "$archive.sha256")
echo "$out/$archive"

#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml), kept here so that the test command can run them.
#
#   action.sh install   puts `rtk-preset` on the job's PATH: the release archive of
#                       RTK_PRESET_VERSION (else of the action's tag, RTK_PRESET_ACTION_REF), from
#                       RTK_PRESET_REPOSITORY's releases (RTK_PRESET_RELEASES overrides where the
#                       archives are, as a URL or a directory), its checksum verified; without a
#                       version, `cargo install` from the action's own checkout.
#   action.sh check     runs `rtk-preset check` with the RTK_PRESET_* inputs; with
#                       RTK_PRESET_SARIF=true also writes a SARIF report (output `sarif-file`).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=${RUNNER_TEMP:-$(mktemp -d)}
path_file=${GITHUB_PATH:-/dev/null}
output_file=${GITHUB_OUTPUT:-/dev/null}

target() {
  local arch os
  case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    arm64 | aarch64) arch=aarch64 ;;
    *) echo "rtk-preset action: no release for $(uname -m)" >&2; return 1 ;;
  esac
  case "$(uname -s)" in
    Linux) os=unknown-linux-gnu ;;
    Darwin) os=apple-darwin ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT) os=pc-windows-msvc ;;
    *) echo "rtk-preset action: no release for $(uname -s)" >&2; return 1 ;;
  esac
  echo "$arch-$os"
}

fetch() {
  # A URL, or a path in a directory of archives.
  case "$1" in
    http://* | https://* | file://*) curl --fail --location --silent --show-error --retry 3 -o "$2" "$1" ;;
    *) cp "$1" "$2" ;;
  esac
}

install() {
  local version=${RTK_PRESET_VERSION:-}
  local ref=${RTK_PRESET_ACTION_REF:-}
  if [ -z "$version" ] && [[ "$ref" =~ ^v[0-9]+\.[0-9]+\.[0-9]+ ]]; then
    version=${ref#v}
  fi
  local bin_dir="$tmp/rtk-preset-bin"
  mkdir -p "$bin_dir"
  if [ -z "$version" ]; then
    echo "rtk-preset action: no release named; building from $here"
    cargo install --locked --quiet --path "$here" --root "$bin_dir/root"
    ln -sf "$bin_dir/root/bin/rtk-preset" "$bin_dir/rtk-preset"
  else
    local target archive releases
    target=$(target)
    case "$target" in
      *windows*) archive=rtk-preset-$target.zip ;;
      *) archive=rtk-preset-$target.tar.gz ;;
    esac
    releases=${RTK_PRESET_RELEASES:-${RTK_PRESET_REPOSITORY:?no repository}/releases/download/v$version}
    fetch "$releases/$archive" "$tmp/$archive"
    fetch "$releases/$archive.sha256" "$tmp/$archive.sha256"
    if command -v sha256sum >/dev/null; then sum=(sha256sum); else sum=(shasum -a 256); fi
    (cd "$tmp" && "${sum[@]}" --check --status "$archive.sha256") || {
      echo "rtk-preset action: $archive does not match its checksum" >&2
      return 1
    }
    case "$archive" in
      *.zip) (cd "$tmp" && unzip -q -o "$archive") ;;
      *) tar -xzf "$tmp/$archive" -C "$tmp" ;;
    esac
    ln -sf "$tmp/rtk-preset-$target/rtk-preset" "$bin_dir/rtk-preset"
  fi
  echo "$bin_dir" >> "$path_file"
  "$bin_dir/rtk-preset" --version
}

check() {
  local bin=rtk-preset
  command -v rtk-preset >/dev/null || bin="$tmp/rtk-preset-bin/rtk-preset"
  local args=(check --format "${RTK_PRESET_FORMAT:-github}")
  [ -n "${RTK_PRESET_API:-}" ] && args+=(--api "$RTK_PRESET_API")
  [ "${RTK_PRESET_FAIL_ON_WARNINGS:-false}" = true ] && args+=(--deny-warnings)
  local extra=() paths=()
  read -r -a extra <<<"${RTK_PRESET_ARGS:-}"
  read -r -a paths <<<"${RTK_PRESET_PATHS:-.}"
  local status=0
  "$bin" "${args[@]}" "${extra[@]}" "${paths[@]}" || status=$?
  if [ "${RTK_PRESET_SARIF:-false}" = true ]; then
    local sarif="$tmp/rtk-preset.sarif"
    "$bin" check --format sarif -o "$sarif" "${extra[@]}" "${paths[@]}" || true
    echo "sarif-file=$sarif" >> "$output_file"
  fi
  return "$status"
}

case "${1:-}" in
  install) install ;;
  check) check ;;
  *) echo "usage: action.sh install|check" >&2; exit 2 ;;
esac

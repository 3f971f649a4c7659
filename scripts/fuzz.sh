#!/usr/bin/env bash
# Runs the cargo fuzz targets of fuzz/ for a bounded time each, seeded with the fixtures, the
# examples and the real corpus, and prints executions run and executions per second.
#
#   bash scripts/fuzz.sh              # 60 seconds per target (what the test command runs)
#   bash scripts/fuzz.sh 3600 fix     # a long run of one target
#
# Targets: check (parse + validate arbitrary bytes), lint (arbitrary bytes as an app of up to four
# documents), fix (the fixed text re-parses, grows boundedly, and a second fix changes nothing),
# wasm_api (the npm package's Rust side on arbitrary text and options), editor (the language
# server's place, hover and completion at cursors in arbitrary text). The first input byte of
# check, lint and fix picks the document kind, the API revision and (fix) unsafe fixes.
#
# cargo fuzz needs nightly flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain take them. The
# corpus grows in target/fuzz/corpus/<target>; a crash is saved in fuzz/artifacts/<target>/ and
# fails the run: reproduce it with `RUSTC_BOOTSTRAP=1 cargo fuzz run <target> <artifact>` (in
# fuzz/), fix it, and add the input as a fixture under tests/fixtures/.
set -euo pipefail

seconds="${1:-60}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    targets=(check lint fix wasm_api editor)
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/target/tools"
cargo_fuzz="$tools/bin/cargo-fuzz"
if [ ! -x "$cargo_fuzz" ]; then
    echo "== installing cargo-fuzz into $tools"
    cargo install cargo-fuzz --version 0.13.2 --locked --root "$tools" --quiet
fi
export RUSTC_BOOTSTRAP=1
# The fuzz build has its own target directory; keep it under target/ like everything else.
export CARGO_TARGET_DIR="$root/target/fuzz-build"

# Seeds: every JSON document the project knows, with option bytes in front.
seeds="$root/target/fuzz/seeds"
rm -rf "$seeds"
mkdir -p "$seeds/bytes" "$seeds/text"
i=0
while IFS= read -r -d '' file; do
    i=$((i + 1))
    for selector in '\x00' '\x81' '\x13' '\x95'; do
        name="$(printf '%s' "$selector" | tr -d '\\')"
        { printf "$selector"; cat "$file"; } > "$seeds/bytes/$i-$name"
    done
    { cat "$file"; printf '\x00{"api":"2026-01"}'; } > "$seeds/text/$i"
done < <(find "$root/examples" "$root/tests/fixtures" "$root/tests/apps" "$root/../shared/corpus/real" \
    -name '*.json' -type f -print0 2>/dev/null)
echo "== $i seed documents"

cd "$root/fuzz"
echo "== building the fuzz targets"
"$cargo_fuzz" build --release --debug-assertions

summary=""
for target in "${targets[@]}"; do
    corpus="$root/target/fuzz/corpus/$target"
    mkdir -p "$corpus"
    case "$target" in
        wasm_api) seed_dir="$seeds/text" ;;
        *) seed_dir="$seeds/bytes" ;;
    esac
    echo "== fuzzing $target for ${seconds}s"
    log="$root/target/fuzz/$target.log"
    if ! "$cargo_fuzz" run --release --debug-assertions "$target" "$corpus" "$seed_dir" -- \
        -max_total_time="$seconds" -print_final_stats=1 -max_len=65536 >"$log" 2>&1; then
        tail -n 60 "$log"
        echo "fuzz target $target found a crash: see fuzz/artifacts/$target/" >&2
        exit 1
    fi
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
    units="$(find "$corpus" -type f | wc -l)"
    summary+="$(printf '%-10s %10s executions %7s exec/s  corpus %s' "$target" "$runs" "$rate" "$units")"$'\n'
done
echo "== fuzzing: no crash"
printf '%s' "$summary"

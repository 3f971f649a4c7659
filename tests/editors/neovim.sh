#!/usr/bin/env bash
# The README's editor section, tried as a new user would: Debian's Neovim with the README's
# init.lua (taken from the README itself), a project with an rtk-preset.toml, a preset opened.
# Neovim must show the diagnostics that `rtk-preset check` reports (same lines, same rules), answer
# a hover, and offer the quick fix. Helix is not available here: its README snippet is checked as
# TOML with the keys Helix reads.
#
# Usage: tests/editors/neovim.sh [RTK_PRESET_BINARY]   (default: target/debug/rtk-preset)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$(realpath "${1:-$root/target/debug/rtk-preset}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/home/.config/nvim" "$work/project/presets"
ln -s "$bin" "$work/bin/rtk-preset"

python3 - "$root/README.md" "$work/home/.config/nvim/init.lua" <<'EOF'
import re, sys, tomllib
text = open(sys.argv[1], encoding="utf-8").read()
def block(marker, lang):
    at = text.index(marker)
    return re.compile(r"```" + lang + r"\n(.*?)```", re.S).search(text, at).group(1)
open(sys.argv[2], "w").write(block("<!-- tested by tests/editors/neovim.sh", "lua"))
helix = tomllib.loads(block("<!-- checked by tests/editors/neovim.sh as TOML", "toml"))
assert helix["language-server"]["rtk-preset"] == {"command": "rtk-preset", "args": ["lsp"]}, helix
json_language = next(l for l in helix["language"] if l["name"] == "json")
assert "rtk-preset" in json_language["language-servers"], json_language
EOF

cd "$work/project"
printf 'include = ["presets/*.json"]\n' > rtk-preset.toml
cp "$root/examples/host.json" presets/host.json
cp "$root/examples/invalid-guest.json" presets/guest.json
"$bin" check --format json presets/guest.json > "$work/cli.json" || true
python3 - "$work/cli.json" > "$work/expected.txt" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
for d in report["files"][0]["diagnostics"]:
    print(d["line"] - 1, d["rule"])
EOF
sort -o "$work/expected.txt" "$work/expected.txt"

cat > "$work/probe.lua" <<'EOF'
local out = {}
local function say(text) table.insert(out, text) end
local shown = vim.wait(30000, function() return #vim.diagnostic.get(0) >= tonumber(vim.env.EXPECTED) end, 50)
say('waited ' .. tostring(shown))
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  say(string.format('diagnostic %d %s', d.lnum, code))
end
local uri = vim.uri_from_bufnr(0)
local pos = vim.fn.searchpos('"view_type"', 'n')
local hover = vim.lsp.buf_request_sync(0, 'textDocument/hover', {
  textDocument = { uri = uri },
  position = { line = pos[1] - 1, character = pos[2] },
}, 10000)
for _, answer in pairs(hover or {}) do
  if answer.result then say('hover ' .. answer.result.contents.value:gsub('\n', ' ')) end
end
local quality = vim.fn.searchpos('"HD"', 'n')
local range = {
  start = { line = quality[1] - 1, character = quality[2] - 1 },
  ['end'] = { line = quality[1] - 1, character = quality[2] + 3 },
}
local actions = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', {
  textDocument = { uri = uri },
  range = range,
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(0, quality[1] - 1) },
}, 10000)
for _, answer in pairs(actions or {}) do
  for _, action in ipairs(answer.result or {}) do say('action ' .. action.title) end
end
vim.fn.writefile(out, vim.env.PROBE_OUT)
vim.cmd('qa!')
EOF

expected_count=$(wc -l < "$work/expected.txt")
HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
  XDG_STATE_HOME="$work/home/.local/state" PATH="$work/bin:$PATH" EXPECTED="$expected_count" \
  PROBE_OUT="$work/probe.txt" timeout 120 nvim --headless presets/guest.json -c "luafile $work/probe.lua" \
  </dev/null >"$work/nvim.log" 2>&1 || { echo "neovim failed:"; cat "$work/nvim.log"; exit 1; }

fail() { echo "tests/editors/neovim.sh: $1"; echo "--- neovim saw:"; cat "$work/probe.txt"; echo "--- the CLI reports (line rule):"; cat "$work/expected.txt"; exit 1; }
[ -s "$work/probe.txt" ] || fail "no output from the probe"
grep '^diagnostic ' "$work/probe.txt" | sed 's/^diagnostic //' | sort > "$work/seen.txt"
diff -u "$work/expected.txt" "$work/seen.txt" >/dev/null || fail "neovim's diagnostics differ from the CLI's"
grep -q '^hover .*view_type.*Type of the meeting' "$work/probe.txt" || fail "no hover for view_type"
grep -q '^action replace with `hd`' "$work/probe.txt" || fail "no quick fix for \"HD\""
echo "neovim $(nvim --version | head -1 | cut -d' ' -f2): $expected_count diagnostics as the CLI reports them, hover and quick fix; helix snippet is valid TOML"

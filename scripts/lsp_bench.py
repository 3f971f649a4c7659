#!/usr/bin/env python3
"""Latency of the language server (`rtk-preset lsp`), as an editor sees it.

For a preset opened in a directory of N presets (one app: the app-level rules read all of them),
it measures over JSON-RPC on stdio:

- open: didOpen to the first publishDiagnostics (the siblings are read from disk);
- change: didChange to publishDiagnostics, minus the 150 ms debounce (siblings from the cache);
- hover and completion: request to response;
- the server's peak resident memory (VmHWM).

Medians of the repeated measurements. Standard library only.

    python3 scripts/lsp_bench.py                 # N = 1, 100, 1,000, 10,000, release build
    python3 scripts/lsp_bench.py --quick --binary target/debug/rtk-preset
"""

import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import queue
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEBOUNCE = 0.150


class Server:
    def __init__(self, binary, cwd):
        self.process = subprocess.Popen(
            [binary, "lsp"], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.messages = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.process.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.startswith(b"Content-Length:"):
                    length = int(line.split(b":")[1])
            body = out.read(length)
            self.messages.put((time.perf_counter(), json.loads(body)))

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, predicate, timeout=120):
        deadline = time.perf_counter() + timeout
        while True:
            at, message = self.messages.get(timeout=max(0.001, deadline - time.perf_counter()))
            if predicate(message):
                return at, message

    def request(self, method, params):
        request_id = self.next_id
        self.next_id += 1
        start = time.perf_counter()
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        at, message = self.wait(lambda m: m.get("id") == request_id and "method" not in m)
        return at - start, message.get("result")

    def peak_rss_kib(self):
        status = pathlib.Path(f"/proc/{self.process.pid}/status").read_text()
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return 0

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=30)


def position(text, needle, after=0):
    offset = text.index(needle) + after
    before = text[:offset]
    line = before.count("\n")
    column = len(before[before.rfind("\n") + 1 :].encode("utf-16-le")) // 2
    return {"line": line, "character": column}


def measure(binary, count, repeats):
    host = (ROOT / "examples" / "host.json").read_text()
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        presets = work / "presets"
        presets.mkdir()
        (work / "rtk-preset.toml").write_text('include = ["presets/*.json"]\n')
        for i in range(count - 1):
            (presets / f"p{i:05}.json").write_text(host.replace('"host"', f'"preset {i}"', 1))
        edited = presets / "edited.json"
        edited.write_text(host)
        uri = "file://" + str(edited)
        server = Server(binary, work)
        server.request("initialize", {"processId": None, "rootUri": "file://" + str(work), "capabilities": {}})
        server.notify("initialized", {})
        published = lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        start = time.perf_counter()
        server.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": host}},
        )
        at, _ = server.wait(published)
        opened = at - start
        changes = []
        for version in range(2, repeats + 2):
            text = host.replace("GROUP_CALL", "WEBINAR" if version % 2 else "GROUP_CALL")
            start = time.perf_counter()
            server.notify(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
            )
            at, _ = server.wait(lambda m: published(m) and m["params"].get("version") == version)
            changes.append(at - start - DEBOUNCE)
        hovers, completions = [], []
        at_key = position(text, "view_type", 2)
        at_value = position(text, '"view_type": "', 15)
        for _ in range(repeats):
            took, result = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": at_key})
            assert result, "no hover"
            hovers.append(took)
            took, result = server.request(
                "textDocument/completion", {"textDocument": {"uri": uri}, "position": at_value}
            )
            assert result, "no completion"
            completions.append(took)
        rss = server.peak_rss_kib()
        server.close()
        ms = lambda values: statistics.median(values) * 1000
        return {
            "presets": count,
            "open_ms": opened * 1000,
            "change_ms": ms(changes),
            "hover_ms": ms(hovers),
            "completion_ms": ms(completions),
            "rss_mib": rss / 1024,
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", help="the rtk-preset binary (default: build and use the release one)")
    parser.add_argument("--quick", action="store_true", help="N = 1 and 100, 5 repeats")
    args = parser.parse_args()
    binary = args.binary
    if not binary:
        subprocess.run(["cargo", "build", "--release", "--locked", "-q", "-p", "rtk-preset"], cwd=ROOT, check=True)
        binary = str(ROOT / "target" / "release" / "rtk-preset")
    binary = str(pathlib.Path(binary).resolve())
    sizes, repeats = ([1, 100], 5) if args.quick else ([1, 100, 1000, 10000], 21)
    print("| presets in the app | open → diagnostics | change → diagnostics (after the 150 ms debounce) | hover | completion | peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|")
    for count in sizes:
        r = measure(binary, count, repeats)
        print(
            f"| {r['presets']:,} | {r['open_ms']:.1f} ms | {r['change_ms']:.1f} ms | "
            f"{r['hover_ms']:.2f} ms | {r['completion_ms']:.2f} ms | {r['rss_mib']:.1f} MiB |"
        )
        sys.stdout.flush()


if __name__ == "__main__":
    main()

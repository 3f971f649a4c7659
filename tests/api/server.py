#!/usr/bin/env python3
"""A local stand-in for the RealtimeKit preset API, for the tests of `pull`, `diff` and `push`.

    python3 tests/api/server.py [--port 0] [--token T] [--account A] [--app B] [--api 2026-06]
                                [--max-per-page 20] [--record DIR]

Prints `http://127.0.0.1:PORT/client/v4` (the base URL) on its first line, then serves on
127.0.0.1 until killed. It speaks the API as `../shared/reference/API.md`, the docs page and the
official SDKs' types describe it:

- `/accounts/{account_id}/realtime/kit/{app_id}/presets`: `GET` (list: `page_no` from 1 (or 0: `--first-page`),
  `per_page`, capped at `--max-per-page`; `{success, data: [{id, name, created_at, updated_at}],
  paging: {start_offset, end_offset, total_count}}`), `POST` (create, 201);
  `.../presets/{preset_id}`: `GET`, `PATCH` (fields merged at every depth, arrays replaced),
  `PUT` (2026-06 only: replace), `DELETE` (answers the deleted preset). Answers are
  `{success: true, data}`; errors `{success: false, error: {code, message}}` with 400 (a body
  without the create body's required fields, or not an object), 401 (no or wrong bearer token),
  404 (unknown account, app or preset), 409 (a name already taken: names are unique in an app).
- Ids are uuid4, timestamps RFC 3339 UTC with milliseconds. With `--fill JSON`, a created or
  replaced preset gets the fields of JSON it lacks (an API that fills in defaults).

It does not check the values of a body against the model (the real API's validation is only
partly known); the tests check every body the CLI sends with rtk-preset itself (`--record DIR`
writes each as `NNNN-METHOD-kind.json`).

Control endpoints for the tests (no token): `POST /__control/faults` (a list of faults, below),
`GET /__control/presets` (every preset, whole), `POST /__control/presets` (add one directly, as
the dashboard would), `PATCH /__control/presets/{id}` (change one directly), `GET /__control/log`
(every request: `[method, path, status]`).

A fault: `{"op": "list"|"get"|"create"|"update"|"replace"|"delete", "skip": K, "times": N,
"fault": F}` applies to the requests of that operation after the first K, N times. F is
`"429"` (with `Retry-After: {"retry_after": S}` seconds, default 1), another status (`"500"`,
`"403"`: that status and an error envelope), `"drop"` (the
connection is closed with no answer, nothing applied), `"drop-after-apply"` (applied, then closed
with no answer), `"slow"` (answers after `"delay"` seconds), or `"insert"` (for a list: a new
preset is created at the front before the answer, as another user would).
"""

import argparse
import copy
import datetime
import json
import re
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

PRESETS = re.compile(r"^/client/v4/accounts/([^/]+)/realtime/kit/([^/]+)/presets(?:/([^/]+))?$")


def now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace(
        "+00:00", "Z"
    )


def fill(target, defaults):
    """Adds the fields of `defaults` that `target` lacks, at every depth."""
    for key, value in defaults.items():
        if key not in target:
            target[key] = copy.deepcopy(value)
        elif isinstance(value, dict) and isinstance(target[key], dict):
            fill(target[key], value)


def merge(target, patch):
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


class Api:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.presets = {}  # id -> preset, in creation order
        self.faults = []
        self.log = []
        self.recorded = 0

    def required(self):
        fields = ["name", "config", "ui"]
        if self.args.api == "2026-06":
            fields.append("permissions")
        return fields

    def add(self, body, front=False):
        stamp = now()
        preset = {"id": str(uuid.uuid4())}
        preset.update(copy.deepcopy(body))
        fill(preset, self.args.fill)
        preset["created_at"] = stamp
        preset["updated_at"] = stamp
        if front:
            self.presets = {preset["id"]: preset, **self.presets}
        else:
            self.presets[preset["id"]] = preset
        return preset

    def fault(self, op):
        for rule in self.faults:
            if rule.get("op") != op:
                continue
            rule["seen"] = rule.get("seen", 0) + 1
            if rule["seen"] > rule.get("skip", 0) and rule.get("used", 0) < rule.get("times", 1):
                rule["used"] = rule.get("used", 0) + 1
                return rule
        return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, Nagle's algorithm and the client's
    # delayed acknowledgement hold every answer for 40 ms.
    disable_nagle_algorithm = True
    api: Api = None

    def log_message(self, *args):
        pass

    # -- plumbing ---------------------------------------------------------------------------
    def answer(self, status, document, headers=()):
        body = json.dumps(document).encode()
        # Logged before it is sent: a client that reads the log right after the answer sees it.
        if not self.path.startswith("/__control/"):
            self.api.log.append([self.command, self.path, status])
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, message, headers=()):
        self.answer(status, {"success": False, "error": {"code": status, "message": message}}, headers)

    def drop(self, note="dropped"):
        self.api.log.append([self.command, self.path, note])
        self.close_connection = True
        try:
            import socket

            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return ValueError

    def record(self, op, body):
        if self.api.args.record:
            self.api.recorded += 1
            path = Path(self.api.args.record) / f"{self.api.recorded:04d}-{self.command}-{op}.json"
            path.write_text(json.dumps(body, indent=2))

    # -- routes -----------------------------------------------------------------------------
    def do_GET(self):
        self.route()

    def do_POST(self):
        self.route()

    def do_PATCH(self):
        self.route()

    def do_PUT(self):
        self.route()

    def do_DELETE(self):
        self.route()

    def route(self):
        url = urlparse(self.path)
        if url.path.startswith("/__control/"):
            with self.api.lock:
                return self.control(url.path[len("/__control/") :])
        match = PRESETS.match(url.path)
        body = self.body() if self.command in ("POST", "PATCH", "PUT") else None
        if not match:
            return self.error(404, "no such route")
        account, app, preset_id = match.groups()
        op = {
            ("GET", False): "list",
            ("POST", False): "create",
            ("GET", True): "get",
            ("PATCH", True): "update",
            ("PUT", True): "replace",
            ("DELETE", True): "delete",
        }.get((self.command, preset_id is not None))
        if op is None:
            return self.error(405, "method not allowed")
        auth = self.headers.get("Authorization", "")
        if auth != f"Bearer {self.api.args.token}":
            return self.error(401, "Unauthorized")
        if (account, app) != (self.api.args.account, self.api.args.app):
            return self.error(404, "app not found")
        with self.api.lock:
            fault = self.api.fault(op)
        if fault:
            kind = fault["fault"]
            if kind == "429":
                seconds = str(fault.get("retry_after", 1))
                return self.error(429, "Too Many Requests", [("Retry-After", seconds)])
            if kind.isdigit():
                return self.error(int(kind), f"status {kind} (injected)")
            if kind == "drop":
                return self.drop()
            if kind == "slow":
                time.sleep(fault.get("delay", 3))
            if kind == "insert":
                with self.api.lock:
                    self.api.add(
                        {"name": f"inserted-{uuid.uuid4().hex[:8]}", **fault["preset"]}, front=True
                    )
        with self.api.lock:
            status, document = self.operation(op, preset_id, body, parse_qs(url.query))
        if fault and fault["fault"] == "drop-after-apply":
            return self.drop(f"applied {status}, then dropped")
        if status >= 400:
            return self.error(status, document)
        self.answer(status, {"success": True, **document})

    def operation(self, op, preset_id, body, query):
        api = self.api
        if op == "list":
            try:
                page = int(float(query.get("page_no", ["1"])[0]))
                per_page = int(float(query.get("per_page", ["20"])[0]))
            except ValueError:
                return 400, "page_no and per_page are numbers"
            if page < 0 or per_page < 0:
                return 400, "page_no and per_page are >= 0"
            first = api.args.first_page
            page = max(page, first)
            per_page = min(per_page or 20, api.args.max_per_page)
            items = list(api.presets.values())
            start = (page - first) * per_page
            chosen = items[start : start + per_page]
            data = [{k: p[k] for k in ("id", "name", "created_at", "updated_at")} for p in chosen]
            paging = {
                "start_offset": start,
                "end_offset": start + max(len(chosen) - 1, 0),
                "total_count": len(items),
            }
            return 200, {"data": data, "paging": paging}
        if op == "create":
            if not isinstance(body, dict):
                return 400, "the body is not a JSON object"
            missing = [f for f in api.required() if f not in body]
            if missing:
                return 400, f"missing required fields: {', '.join(missing)}"
            if any(p["name"] == body["name"] for p in api.presets.values()):
                return 409, f"a preset named {body['name']!r} exists"
            self.record(op, body)
            return 201, {"data": api.add(body)}
        preset = api.presets.get(preset_id)
        if preset is None:
            return 404, "preset not found"
        if op == "get":
            return 200, {"data": preset}
        if op == "delete":
            del api.presets[preset_id]
            return 200, {"data": preset}
        if not isinstance(body, dict):
            return 400, "the body is not a JSON object"
        name = body.get("name")
        if name is not None and any(
            p["name"] == name and p["id"] != preset_id for p in api.presets.values()
        ):
            return 409, f"a preset named {name!r} exists"
        if op == "replace":
            if api.args.api != "2026-06":
                return 404, "no such route"
            missing = [f for f in api.required() if f not in body]
            if missing:
                return 400, f"missing required fields: {', '.join(missing)}"
            self.record(op, body)
            kept = {k: preset[k] for k in ("id", "created_at")}
            preset.clear()
            preset.update(kept)
            preset.update(copy.deepcopy(body))
            fill(preset, api.args.fill)
        else:
            self.record(op, body)
            merge(preset, body)
        preset["updated_at"] = now()
        return 200, {"data": preset}

    def control(self, what):
        api = self.api
        if what == "faults" and self.command == "POST":
            api.faults = self.body() or []
            return self.answer(200, {"ok": True})
        if what == "presets" and self.command == "GET":
            return self.answer(200, list(api.presets.values()))
        if what == "presets" and self.command == "POST":
            return self.answer(201, api.add(self.body()))
        if what.startswith("presets/") and self.command == "PATCH":
            preset = api.presets[what.split("/", 1)[1]]
            merge(preset, self.body())
            preset["updated_at"] = now()
            return self.answer(200, preset)
        if what == "log" and self.command == "GET":
            return self.answer(200, api.log)
        return self.answer(404, {"error": "no such control"})


def serve(args):
    """Starts the server in a thread; returns (server, base URL)."""
    handler = type("BoundHandler", (Handler,), {"api": Api(args)})
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    server.daemon_threads = True
    # A client that gave up (a timeout test) leaves a broken pipe: not worth a traceback.
    server.handle_error = lambda request, address: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/client/v4"


def parser():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--token", default="test-token")
    p.add_argument("--account", default="023e105f4ecef8ad9ca31a8372d0c353")
    p.add_argument("--app", default="6f8a0a8e-6f1a-4c3e-9f1e-0d6f1f2a3b4c")
    p.add_argument("--api", default="2026-06", choices=["2026-01", "2026-06"])
    p.add_argument("--max-per-page", type=int, default=20)
    p.add_argument("--first-page", type=int, default=1, choices=[0, 1],
                   help="the number of the first page of a list (the docs leave it open)")
    p.add_argument("--record", help="write every body received into this folder")
    p.add_argument("--fill", type=json.loads, default={},
                   help="fields the server adds to a created or replaced preset that lacks them "
                        "(JSON), as an API that fills in defaults would")
    return p


def main():
    args = parser().parse_args()
    _, base = serve(args)
    print(base, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())

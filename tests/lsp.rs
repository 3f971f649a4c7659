//! `rtk-preset lsp` end to end: the server is spawned and spoken to in JSON-RPC over its standard
//! input and output, as an editor does (initialize, didOpen, didChange, hover, completion,
//! codeAction, shutdown, exit), and the protocol's edges.

use serde_json::{json, Value};
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

mod support;

use support::root;

/// How long to wait for an answer before the test fails: a hang guard, not a speed check.
const PATIENCE: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications read while waiting for something else.
    pending: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rtk-preset"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("run rtk-preset lsp");
        let stdin = child.stdin.take().expect("stdin");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let (send, incoming) = std::sync::mpsc::channel();
        std::thread::spawn(move || loop {
            let mut length = None;
            loop {
                let mut line = String::new();
                if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(n) = line.strip_prefix("Content-Length: ") {
                    length = n.parse::<usize>().ok();
                }
            }
            let mut body = vec![0; length.expect("a Content-Length header")];
            stdout.read_exact(&mut body).expect("a message body");
            let message: Value = serde_json::from_slice(&body).expect("JSON-RPC message");
            if send.send(message).is_err() {
                return;
            }
        });
        Client {
            child,
            stdin,
            incoming,
            pending: Vec::new(),
            next_id: 1,
        }
    }

    fn write(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.write(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn receive(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok(message) => Some(message),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    /// Sends a request and returns its `result` (failing on an error response).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let message = self.response(method, params);
        assert!(message.get("error").is_none(), "{method}: {message}");
        message["result"].clone()
    }

    /// Sends a request and returns the whole response.
    fn response(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.write(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.next(&format!("answer to {method}"), |m| {
            m["id"] == id && m.get("method").is_none()
        })
    }

    /// Waits for the server to end and returns its exit code.
    fn exit_code(&mut self) -> Option<i32> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code();
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The next message that `wanted` accepts; the others read meanwhile are kept for later.
    fn next(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&wanted) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let message = self
                .receive(deadline)
                .unwrap_or_else(|| panic!("no {what}"));
            if wanted(&message) {
                return message;
            }
            self.pending.push(message);
        }
    }

    /// The next `publishDiagnostics` for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        self.next(&format!("diagnostics for {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })["params"]
            .clone()
    }

    /// The first `publishDiagnostics` for `uri` that `until` accepts (checks of earlier texts
    /// may be published before it).
    fn diagnostics_until(
        &mut self,
        uri: &str,
        what: &str,
        until: impl Fn(&Value) -> bool,
    ) -> Value {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let published = self.diagnostics(uri);
            if until(&published) {
                return published;
            }
            assert!(Instant::now() < deadline, "no diagnostics {what}");
        }
    }

    /// The next request of the server to the client, by method.
    fn server_request(&mut self, method: &str) -> Value {
        self.next(&format!("{method} request"), |m| {
            m["method"] == method && m.get("id").is_some()
        })
    }

    /// Whether any `publishDiagnostics` for `uri` arrives within `wait`.
    fn diagnostics_within(&mut self, uri: &str, wait: Duration) -> bool {
        let deadline = Instant::now() + wait;
        while let Some(message) = self.receive(deadline) {
            self.pending.push(message);
        }
        self.pending
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn open(client: &mut Client, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
    );
}

/// The LSP position (line, UTF-16 code unit) of the first `needle` in `text`, worked out here
/// independently of the server.
fn position(text: &str, needle: &str) -> Value {
    let offset = text.find(needle).expect("needle");
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": before[line_start..].encode_utf16().count()})
}

fn find<'v>(diagnostics: &'v Value, rule: &str) -> Option<&'v Value> {
    diagnostics["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == rule)
}

#[test]
fn the_language_server_speaks_lsp_over_stdio() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir_path = dir.path().canonicalize().expect("canonical");
    let presets = dir_path.join("presets");
    std::fs::create_dir(&presets).expect("presets/");
    // Read as the CLI reads it: `include` says which files are presets, `[rules]` sets levels.
    std::fs::write(
        dir_path.join("rtk-preset.toml"),
        "include = [\"presets/*.json\"]\n[rules]\nunknown-field = \"error\"\n",
    )
    .expect("config");
    let host = std::fs::read_to_string(root().join("examples/host.json")).expect("host.json");
    std::fs::write(presets.join("host.json"), &host).expect("host");
    std::fs::write(
        presets.join("guest.json"),
        host.replace("\"host\"", "\"guest\""),
    )
    .expect("guest");
    // Non-ASCII before the error on its line: `ä` is 2 bytes and 1 UTF-16 unit, `🎉` 4 bytes and
    // 2 units (a surrogate pair).
    let guest = host
        .replace(r#""name": "host","#, r#""name": "Gäste 🎉", "nmae": 1,"#)
        .replace(
            r#""view_type": "GROUP_CALL""#,
            r#""view_type": "group_call""#,
        );
    let guest_uri = uri(&presets.join("guest.json"));

    let mut client = Client::start(&dir_path);
    let init = client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": uri(&dir_path),
            "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}
        }),
    );
    let capabilities = &init["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16", "{init}");
    assert_eq!(capabilities["hoverProvider"], true);
    assert!(capabilities["completionProvider"].is_object());
    assert!(capabilities["codeActionProvider"].is_object());
    assert_eq!(init["serverInfo"]["name"], "rtk-preset");
    client.notify("initialized", json!({}));
    // The server asks to hear of presets and configurations changed outside the editor.
    let register = client.server_request("client/registerCapability");
    let registration = &register["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs = registration["registerOptions"]["watchers"].to_string();
    assert!(
        globs.contains("**/rtk-preset.toml") && globs.contains("**/*.json"),
        "{globs}"
    );
    client.write(json!({"jsonrpc": "2.0", "id": register["id"], "result": null}));

    // didOpen: the CLI's findings, with the configuration's level and UTF-16 positions.
    open(&mut client, &guest_uri, &guest);
    let published = client.diagnostics(&guest_uri);
    assert_eq!(published["version"], 1);
    let unknown = find(&published, "unknown-field").expect("unknown-field");
    assert_eq!(
        unknown["severity"], 1,
        "the configuration makes it an error"
    );
    assert_eq!(unknown["source"], "rtk-preset");
    let expected = position(&guest, "\"nmae\"");
    assert_eq!(unknown["range"]["start"], expected, "{unknown}");
    let line = &guest[guest.find("\"name\"").unwrap()..guest.find("\"nmae\"").unwrap()];
    assert_ne!(
        line.len(),
        line.encode_utf16().count(),
        "the test needs non-ASCII before the finding"
    );
    assert_ne!(line.chars().count(), line.encode_utf16().count());
    let enum_error = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["data"]["pointer"] == "/config/view_type")
        .expect("a finding at view_type")
        .clone();
    assert_eq!(
        enum_error["range"]["start"],
        position(&guest, "\"group_call\"")
    );

    // The configuration changed outside the editor, and the watcher's notification: the
    // configuration cache is dropped and the new level counts.
    std::fs::write(
        dir_path.join("rtk-preset.toml"),
        "include = [\"presets/*.json\"]\n[rules]\nunknown-field = \"warning\"\n",
    )
    .expect("config");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&dir_path.join("rtk-preset.toml")), "type": 2}]}),
    );
    let published = client.diagnostics(&guest_uri);
    let unknown = find(&published, "unknown-field").expect("unknown-field");
    assert_eq!(unknown["severity"], 2, "the new level: {unknown}");

    // codeAction: the rule's fix as a quick fix, and every safe fix as `source.fixAll`.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": guest_uri},
            "range": enum_error["range"],
            "context": {"diagnostics": [enum_error]}
        }),
    );
    let actions = actions.as_array().expect("actions");
    let quick = actions
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .unwrap_or_else(|| panic!("a quick fix: {actions:?}"));
    assert_eq!(quick["isPreferred"], true);
    let edits = &quick["edit"]["changes"][&guest_uri];
    assert_eq!(edits[0]["newText"], "\"GROUP_CALL\"");
    assert_eq!(edits[0]["range"], enum_error["range"]);
    assert_eq!(quick["diagnostics"][0]["code"], enum_error["code"]);
    let fix_all = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll")
        .expect("a fix-all action");
    let edit = &fix_all["edit"]["changes"][&guest_uri][0];
    assert_eq!(edit["newText"], "GROUP_CALL", "the smallest edit: {edit}");

    // didChange, twice in quick succession: one check, of the last version (debounced). The
    // name is now the host's: the app-level rule sees host.json on disk beside it.
    let renamed = host.clone();
    for version in [2, 3] {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": guest_uri, "version": version},
                "contentChanges": [{"text": renamed}]
            }),
        );
    }
    let published = client.diagnostics(&guest_uri);
    assert_eq!(published["version"], 3, "{published}");
    assert!(find(&published, "unknown-field").is_none(), "{published}");
    assert!(
        find(&published, "duplicate-preset-name").is_some(),
        "{published}"
    );

    // A sibling renamed on disk, and the watcher's notification: checked again, from the file.
    std::fs::write(
        presets.join("host.json"),
        host.replace("\"name\": \"host\"", "\"name\": \"moderator\""),
    )
    .expect("rename the host");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&presets.join("host.json")), "type": 2}]}),
    );
    let published = client.diagnostics(&guest_uri);
    assert!(
        find(&published, "duplicate-preset-name").is_none(),
        "{published}"
    );

    // hover: the field's documentation, its type, and the revision that introduced it.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": guest_uri}, "position": position(&renamed, "view_type")}),
    );
    let text = hover["contents"]["value"].as_str().expect("markdown");
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(text.contains("**`view_type`**"), "{text}");
    assert!(text.contains("Type of the meeting"), "{text}");
    assert!(text.contains("In every API revision"), "{text}");
    assert_eq!(hover["range"]["start"], position(&renamed, "\"view_type\""));
    // An enum value: its own note and revision.
    let livestream = renamed.replacen("\"GROUP_CALL\"", "\"LIVESTREAM\"", 1);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": guest_uri, "version": 4},
            "contentChanges": [{"text": livestream}]
        }),
    );
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": guest_uri}, "position": position(&livestream, "LIVESTREAM")}),
    );
    let text = hover["contents"]["value"].as_str().expect("markdown");
    assert!(
        text.contains("Introduced in API revision 2026-06"),
        "{text}"
    );

    // completion: enum values at a value (for the revision), keys not yet written at a key.
    let mut at = position(&livestream, "LIVESTREAM");
    at["character"] = json!(at["character"].as_u64().unwrap() + 2);
    let items = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": guest_uri}, "position": at}),
    );
    let labels: Vec<&str> = items
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    for value in [
        "\"GROUP_CALL\"",
        "\"WEBINAR\"",
        "\"AUDIO_ROOM\"",
        "\"LIVESTREAM\"",
    ] {
        assert!(labels.contains(&value), "{labels:?}");
    }
    let item = &items[0];
    assert_eq!(
        item["textEdit"]["range"]["start"],
        position(&livestream, "\"LIVESTREAM\"")
    );

    let blank = livestream.replacen("\"view_type\"", "\n      \"view_type\"", 1);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": guest_uri, "version": 5},
            "contentChanges": [{"text": blank}]
        }),
    );
    let mut at = position(&blank, "\"view_type\"");
    at["line"] = json!(at["line"].as_u64().unwrap() - 1);
    at["character"] = json!(0);
    let items = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": guest_uri}, "position": at}),
    );
    let items = items.as_array().expect("items");
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    assert!(
        labels.contains(&"livestream_viewer_qualities"),
        "{labels:?}"
    );
    assert!(
        !labels.contains(&"view_type"),
        "written already: {labels:?}"
    );
    assert!(items.iter().all(|i| i["kind"] == 10), "properties");
    let item = items
        .iter()
        .find(|i| i["label"] == "livestream_viewer_qualities")
        .unwrap();
    assert_eq!(
        item["textEdit"]["newText"],
        "\"livestream_viewer_qualities\": "
    );

    // A JSON file the configuration does not select is left alone.
    let other = dir_path.join("package.json");
    let other_uri = uri(&other);
    open(&mut client, &other_uri, "{\"name\": \"x\"}");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": other_uri}, "position": {"line": 0, "character": 3}}),
    );
    assert!(hover.is_null(), "{hover}");
    assert!(!client.diagnostics_within(&other_uri, Duration::from_millis(500)));

    // A `$schema` naming ours makes any document a preset, of that kind and revision.
    let untitled = "untitled:Untitled-1";
    let text = "{\"$schema\": \"https://example.invalid/rtk-preset/schemas/create.2026-01.schema.json\",\n \"config\": {\"view_type\": \"LIVESTREAM\"}}";
    open(&mut client, untitled, text);
    let published = client.diagnostics(untitled);
    let not_in = find(&published, "not-in-revision").expect("not-in-revision");
    assert_eq!(not_in["range"]["start"], position(text, "\"LIVESTREAM\""));
    assert!(find(&published, "unknown-field").is_none(), "{published}");

    // didClose clears what was published.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": guest_uri}}),
    );
    let published =
        client.diagnostics_until(&guest_uri, "after didClose", |p| p["version"].is_null());
    assert_eq!(published["diagnostics"], json!([]));

    let result = client.request("shutdown", Value::Null);
    assert!(result.is_null());
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));
}

/// The edges of the protocol: initialization options that the protocol's types reject in part,
/// percent-encoded URIs, ranged changes in CRLF text, unknown requests, closing a preset that
/// its app's other open presets were judged with, and messages after `shutdown`.
#[test]
fn protocol_edges() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir_path = dir.path().canonicalize().expect("canonical");
    let presets = dir_path.join("my presets");
    std::fs::create_dir(&presets).expect("presets/");
    let host = std::fs::read_to_string(root().join("examples/host.json"))
        .expect("host.json")
        .replace('\n', "\r\n");
    let a = presets.join("änne.json");
    let b = presets.join("b.json");
    std::fs::write(&a, host.replace("\"host\"", "\"a\"")).expect("a");
    std::fs::write(&b, host.replace("\"host\"", "\"b\"")).expect("b");
    let encoded = |path: &Path| {
        format!(
            "file://{}",
            path.display()
                .to_string()
                .replace(' ', "%20")
                .replace('ä', "%C3%A4")
        )
    };
    let (a_uri, b_uri) = (encoded(&a), encoded(&b));

    let mut client = Client::start(&dir_path);
    // A capability of the wrong type: the root and the include globs are read all the same.
    client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": encoded(&dir_path),
            "capabilities": {"workspace": {"workspaceFolders": "yes"}},
            "initializationOptions": {"include": ["my presets/*.json"]}
        }),
    );
    client.notify("initialized", json!({}));
    let a_text = host.replace("\"host\"", "\"a\"");
    open(&mut client, &a_uri, &a_text);
    let published = client.diagnostics(&a_uri);
    assert_eq!(published["diagnostics"], json!([]), "{published}");

    // A ranged change (the server asks for whole texts, but takes ranges) in CRLF text.
    let at = position(&a_text, "GROUP_CALL");
    let end = json!({"line": at["line"], "character": at["character"].as_u64().unwrap() + 10});
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": a_uri, "version": 2},
            "contentChanges": [{"range": {"start": at, "end": end}, "text": "GROUP_CALX"}]
        }),
    );
    let published = client.diagnostics(&a_uri);
    assert_eq!(published["version"], 2);
    let invalid = find(&published, "invalid-value").expect("invalid-value");
    assert_eq!(
        invalid["range"]["start"],
        position(&a_text, "\"GROUP_CALL\"")
    );

    // An unknown request is an error, not silence.
    let response = client.response("rtk/unknown", json!({}));
    assert_eq!(response["error"]["code"], -32601, "{response}");

    // b, renamed to `a` in the editor: a and b are duplicates while b is open.
    let b_text = host.replace("\"host\"", "\"a\"");
    open(&mut client, &b_uri, &b_text);
    let published = client.diagnostics(&b_uri);
    assert!(
        find(&published, "duplicate-preset-name").is_some(),
        "{published}"
    );
    let published = client.diagnostics_until(&a_uri, "with b's name", |p| {
        find(p, "duplicate-preset-name").is_some()
    });
    assert!(find(&published, "invalid-value").is_some(), "{published}");
    // Closed without saving: b is `b` again (on disk), and a is told so.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": b_uri}}),
    );
    let published = client.diagnostics_until(&a_uri, "without b's closed text", |p| {
        find(p, "duplicate-preset-name").is_none()
    });
    assert!(find(&published, "invalid-value").is_some(), "{published}");

    // After `shutdown`, requests are refused, notifications ignored, and `exit` ends with 0.
    assert!(client.request("shutdown", Value::Null).is_null());
    let response = client.response(
        "textDocument/hover",
        json!({"textDocument": {"uri": a_uri}, "position": {"line": 1, "character": 4}}),
    );
    assert_eq!(response["error"]["code"], -32600, "{response}");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": a_uri, "version": 3}, "contentChanges": [{"text": "{"}]}),
    );
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));
}

#[test]
fn configuration_errors_are_published_on_the_configuration_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir_path = dir.path().canonicalize().expect("canonical");
    let config = "[rules]\nlow-contrst = \"error\"\n";
    std::fs::write(dir_path.join("rtk-preset.toml"), config).expect("config");
    let mut client = Client::start(&dir_path);
    // An `include` that is not a list of globs is said so, not dropped in silence.
    client.request(
        "initialize",
        json!({"processId": null, "capabilities": {}, "initializationOptions": {"include": "*.json"}}),
    );
    client.notify("initialized", json!({}));
    let shown = client.next("showMessage about `include`", |m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|t| t.contains("`include` \"*.json\": not a list of globs"))
    });
    assert_eq!(shown["params"]["type"], 1, "{shown}");
    let preset = dir_path.join("a.json");
    open(&mut client, &uri(&preset), r#"{"config": {}}"#);
    let published = client.diagnostics(&uri(&dir_path.join("rtk-preset.toml")));
    let diagnostic = &published["diagnostics"][0];
    assert!(
        diagnostic["message"]
            .as_str()
            .is_some_and(|m| m.contains("did you mean `low-contrast`")),
        "{published}"
    );
    assert_eq!(
        diagnostic["range"]["start"],
        position(config, "low-contrst")
    );
    // The preset is still checked, with the defaults.
    let published = client.diagnostics(&uri(&preset));
    assert!(find(&published, "missing-field").is_some(), "{published}");
    // The configuration is deleted: its error goes with it.
    let config_uri = uri(&dir_path.join("rtk-preset.toml"));
    std::fs::remove_file(dir_path.join("rtk-preset.toml")).expect("remove");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 3}]}),
    );
    let published = client.diagnostics(&config_uri);
    assert_eq!(published["diagnostics"], json!([]), "{published}");
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    let _ = client.child.wait();
}

/// Without any `include` (no configuration, none from the client), the server selects documents
/// as the CLI's walk selects files: a preset document is checked, `package.json` and a
/// `tsconfig.json` with comments are left alone, and a `package.json` on disk beside the preset is
/// no member of its app (its `name` is no duplicate preset name).
#[test]
fn without_include_preset_documents_are_checked_and_other_json_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir_path = dir.path().canonicalize().expect("canonical");
    let host = std::fs::read_to_string(root().join("examples/host.json")).expect("host");
    std::fs::write(dir_path.join("package.json"), r#"{"name": "host"}"#).expect("package.json");
    let mut client = Client::start(&dir_path);
    client.request("initialize", json!({"processId": null, "capabilities": {}}));
    client.notify("initialized", json!({}));
    let preset_uri = uri(&dir_path.join("host.json"));
    open(
        &mut client,
        &preset_uri,
        &host.replace("\"frame_rate\": 30", "\"frame_rate\": 60"),
    );
    let published = client.diagnostics(&preset_uri);
    assert!(find(&published, "out-of-range").is_some(), "{published}");
    assert!(
        find(&published, "duplicate-preset-name").is_none(),
        "{published}"
    );
    for (name, text) in [
        ("package.json", r#"{"name": "host", "version": "1.0.0"}"#),
        (
            "tsconfig.json",
            "{\n  // strict\n  \"compilerOptions\": {\"strict\": true},\n}",
        ),
    ] {
        let other_uri = uri(&dir_path.join(name));
        open(&mut client, &other_uri, text);
        assert!(
            !client.diagnostics_within(&other_uri, Duration::from_millis(500)),
            "{name} was checked"
        );
    }
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    let _ = client.child.wait();
}

/// A duplicate key's first occurrence is `relatedInformation` for a client that shows it, and a
/// line of the message for one that does not.
#[test]
fn related_places_are_related_information() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir_path = dir.path().canonicalize().expect("canonical");
    let text = "{\n  \"name\": \"a\",\n  \"config\": {},\n  \"name\": \"b\"\n}";
    for shows in [true, false] {
        let mut client = Client::start(&dir_path);
        let capabilities = json!({
            "textDocument": {"publishDiagnostics": {"relatedInformation": shows}}
        });
        client.request(
            "initialize",
            json!({"processId": null, "capabilities": capabilities}),
        );
        client.notify("initialized", json!({}));
        let preset_uri = uri(&dir_path.join("a.json"));
        open(&mut client, &preset_uri, text);
        let published = client.diagnostics(&preset_uri);
        let duplicate = find(&published, "duplicate-key").expect("duplicate-key");
        let first = json!({
            "start": position(text, "\"name\""),
            "end": {"line": 1, "character": 8}
        });
        let message = duplicate["message"].as_str().expect("message");
        if shows {
            assert_eq!(
                duplicate["relatedInformation"],
                json!([{
                    "location": {"uri": preset_uri, "range": first},
                    "message": "the first `name`"
                }]),
                "{duplicate}"
            );
            assert!(!message.contains("line 2"), "{message}");
        } else {
            assert!(duplicate.get("relatedInformation").is_none(), "{duplicate}");
            assert!(
                message.contains("\nthe first `name` is at line 2, column 3\nhelp: "),
                "{message}"
            );
        }
        client.request("shutdown", Value::Null);
        client.notify("exit", Value::Null);
        let _ = client.child.wait();
    }
}

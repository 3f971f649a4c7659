//! `rtk-preset lsp`: the language server, over standard input and output.
//!
//! It publishes the CLI's diagnostics for the open documents that are presets, selected as the
//! CLI's walk selects files (a `$schema` naming one of our schemas; else a file that the `include`
//! of the nearest `rtk-preset.toml`, or else of the client, selects; else, without an `include`, a
//! JSON document that is a preset document by [`rtk_preset_core::select`]), checked a moment after
//! the typing stops; offers the rules' fixes
//! as quick fixes and all safe fixes as `source.fixAll`; and documents and completes keys and
//! values from the schemas of the document's kind and revision ([`rtk_preset_core::editor`]).
//!
//! Positions are UTF-16 code units, as the protocol says; the core works in bytes.

use crate::config::{self, ConfigError};
use crate::files::{self, Configs, Input, Source};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types as lt;
use rtk_preset_core::editor::{self, CompletionKind};
use rtk_preset_core::{
    fix, json, ApiRevision, AppFacts, CheckOptions, Diagnostic, Document, DocumentKind,
    KindSelector, Severity,
};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long after the last change a document is checked.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// How long a document being changed without pause waits for its check at most.
const MAX_WAIT: Duration = Duration::from_millis(1000);

/// The diagnostics' `source`.
const SOURCE: &str = "rtk-preset";

/// Runs the server until the client says `exit`: 0 after a `shutdown`, 1 otherwise (as the
/// protocol asks), 2 when the connection fails.
pub(crate) fn run() -> u8 {
    let (connection, io) = Connection::stdio();
    let code = match serve(&connection) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(error) => {
            eprintln!("rtk-preset lsp: {error}");
            2
        }
    };
    drop(connection);
    if let Err(error) = io.join() {
        eprintln!("rtk-preset lsp: {error}");
    }
    code
}

fn capabilities() -> lt::ServerCapabilities {
    lt::ServerCapabilities {
        position_encoding: Some(lt::PositionEncodingKind::UTF16),
        text_document_sync: Some(lt::TextDocumentSyncCapability::Options(
            lt::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lt::TextDocumentSyncKind::FULL),
                save: Some(lt::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lt::CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), ":".into()]),
            ..Default::default()
        }),
        code_action_provider: Some(lt::CodeActionProviderCapability::Options(
            lt::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lt::CodeActionKind::QUICKFIX,
                    lt::CodeActionKind::SOURCE_FIX_ALL,
                ]),
                ..Default::default()
            },
        )),
        ..Default::default()
    }
}

/// `Ok(true)` after `shutdown` and `exit`, `Ok(false)` on `exit` alone or a closed input.
fn serve(connection: &Connection) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    let (id, params) = connection.initialize_start()?;
    connection.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities(),
            "serverInfo": { "name": SOURCE, "version": env!("CARGO_PKG_VERSION") },
        }),
    )?;
    // Read field by field: one field the types reject (a client's odd URI) loses only itself.
    let mut server = Server::new(connection, &params);
    let watch = params
        .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    if watch {
        // Presets and configurations changed outside the editor (a checkout, a script) change
        // what the app-level rules and the levels say of the open documents.
        let watchers = ["**/rtk-preset.toml", "**/*.json"].map(|glob| lt::FileSystemWatcher {
            glob_pattern: lt::GlobPattern::String(glob.into()),
            kind: None,
        });
        let registration = lt::Registration {
            id: "rtk-preset-files".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(lt::DidChangeWatchedFilesRegistrationOptions {
                watchers: watchers.into(),
            })
            .ok(),
        };
        connection.sender.send(
            Request::new(
                lsp_server::RequestId::from("rtk-preset-register".to_owned()),
                "client/registerCapability".into(),
                lt::RegistrationParams {
                    registrations: vec![registration],
                },
            )
            .into(),
        )?;
    }
    let mut shut_down = false;
    loop {
        let due = server.docs.values().filter_map(Doc::due).min();
        // What is due is checked before more messages are read: a client that keeps sending
        // (typing, hovering) does not hold the diagnostics back.
        if due.is_some_and(|due| due <= Instant::now()) {
            server.check_due();
            continue;
        }
        let message = match due {
            Some(due) => {
                match connection
                    .receiver
                    .recv_timeout(due.saturating_duration_since(Instant::now()))
                {
                    Ok(message) => message,
                    Err(crossbeam_channel::RecvTimeoutError::Timeout) => continue,
                    Err(crossbeam_channel::RecvTimeoutError::Disconnected) => return Ok(false),
                }
            }
            None => match connection.receiver.recv() {
                Ok(message) => message,
                Err(_) => return Ok(false),
            },
        };
        match message {
            Message::Request(request) if shut_down => {
                let response = Response::new_err(
                    request.id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is shut down: only `exit` is expected".into(),
                );
                connection.sender.send(response.into())?;
            }
            Message::Request(request) if request.method == "shutdown" => {
                shut_down = true;
                let response = Response::new_ok(request.id, serde_json::Value::Null);
                connection.sender.send(response.into())?;
            }
            Message::Request(request) => {
                let response = server.request(request);
                connection.sender.send(response.into())?;
            }
            Message::Notification(notification) if notification.method == "exit" => {
                return Ok(shut_down);
            }
            // After `shutdown`, nothing changes any more.
            Message::Notification(_) if shut_down => {}
            Message::Notification(notification) => server.notification(notification),
            Message::Response(_) => {}
        }
    }
}

/// An open document.
struct Doc {
    text: String,
    version: i32,
    /// The file, for `file:` URIs.
    path: Option<PathBuf>,
    /// The first and the last change not checked yet.
    unchecked: Option<(Instant, Instant)>,
    /// Whether it was a preset when it was last checked.
    preset: bool,
    /// The findings last published, with their fixes.
    findings: Vec<Diagnostic>,
    /// The kind and revision of the last text that parsed (a document being typed often does not).
    last_kind: Option<(DocumentKind, ApiRevision)>,
    /// What the document's `$schema` named, the last time it parsed.
    declared: Option<(DocumentKind, ApiRevision)>,
}

impl Doc {
    /// When it is to be checked: when the changes pause, or a little later if they never do.
    fn due(&self) -> Option<Instant> {
        self.unchecked
            .map(|(first, last)| (last + DEBOUNCE).min(first + MAX_WAIT))
    }
}

/// Which documents are presets, and how to check them.
struct Setup {
    preset: bool,
    options: CheckOptions,
    configs: Configs,
    config: Option<usize>,
}

struct Server<'c> {
    connection: &'c Connection,
    docs: HashMap<String, Doc>,
    /// The client's `initializationOptions.include`, relative to the workspace root.
    include: Option<(PathBuf, globset::GlobSet)>,
    /// Configuration files whose errors are published.
    config_errors: Vec<PathBuf>,
    /// What the app-level rules need of presets on disk, by path.
    disk: HashMap<PathBuf, OnDisk>,
}

/// A preset file's facts, and what they were computed from.
struct OnDisk {
    modified: Option<std::time::SystemTime>,
    len: u64,
    options: CheckOptions,
    facts: Option<AppFacts>,
}

/// What the app-level rules need of a document.
/// What the app-level rules need of another preset of the app; nothing of a file that is not a
/// preset document when `only_presets` (the CLI's walk would leave it alone).
fn facts_of(
    path: &Path,
    text: &[u8],
    options: &CheckOptions,
    only_presets: bool,
) -> Option<AppFacts> {
    let name = path.display().to_string();
    let document = Document {
        name: &name,
        input: text,
        options,
    };
    if only_presets {
        rtk_preset_core::check_if_preset(&document)?.facts
    } else {
        rtk_preset_core::check_document(&document).facts
    }
}

impl<'c> Server<'c> {
    fn new(connection: &'c Connection, params: &serde_json::Value) -> Server<'c> {
        // The first workspace folder, else `rootUri` (older clients such as Neovim 0.7 send only
        // that), else `rootPath`, else the directory the server was started in.
        let text = |pointer: &str| params.pointer(pointer).and_then(serde_json::Value::as_str);
        let root = text("/workspaceFolders/0/uri")
            .or_else(|| text("/rootUri"))
            .and_then(path_of)
            .or_else(|| text("/rootPath").map(PathBuf::from))
            .or_else(|| std::env::current_dir().ok());
        let mut bad = Vec::new();
        let globs: Vec<String> = match params.pointer("/initializationOptions/include") {
            None | Some(serde_json::Value::Null) => Vec::new(),
            Some(include) => serde_json::from_value(include.clone()).unwrap_or_else(|_| {
                bad.push(format!("{include}: not a list of globs"));
                Vec::new()
            }),
        };
        let mut builder = globset::GlobSetBuilder::new();
        for glob in &globs {
            match globset::Glob::new(glob) {
                Ok(glob) => {
                    builder.add(glob);
                }
                Err(error) => bad.push(format!("`{glob}`: {error}")),
            }
        }
        let include = match (globs.is_empty(), root, builder.build()) {
            (false, Some(root), Ok(set)) => Some((root, set)),
            _ => None,
        };
        let server = Server {
            connection,
            docs: HashMap::new(),
            include,
            config_errors: Vec::new(),
            disk: HashMap::new(),
        };
        if !bad.is_empty() {
            server.show(
                lt::MessageType::ERROR,
                format!("rtk-preset: bad `include` {}", bad.join(", ")),
            );
        }
        server
    }

    fn send(&self, message: Message) {
        // Only fails when the client is gone, which the main loop notices.
        let _ = self.connection.sender.send(message);
    }

    fn notify<N: lt::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_owned(), params).into());
    }

    fn show(&self, typ: lt::MessageType, message: String) {
        self.notify::<lt::notification::ShowMessage>(lt::ShowMessageParams { typ, message });
    }

    /// A notification's parameters; when they do not read, the client's log says why.
    fn params<P: serde::de::DeserializeOwned>(&self, notification: Notification) -> Option<P> {
        let method = notification.method.clone();
        match notification.extract::<P>(&method) {
            Ok(params) => Some(params),
            Err(error) => {
                self.notify::<lt::notification::LogMessage>(lt::LogMessageParams {
                    typ: lt::MessageType::WARNING,
                    message: format!("rtk-preset: ignored `{method}`: {error}"),
                });
                None
            }
        }
    }

    fn notification(&mut self, notification: Notification) {
        use lt::notification::{
            DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument,
            DidOpenTextDocument, DidSaveTextDocument, Notification as _,
        };
        let method = notification.method.clone();
        let method = method.as_str();
        match method {
            DidOpenTextDocument::METHOD => {
                let Some(params) = self.params::<lt::DidOpenTextDocumentParams>(notification)
                else {
                    return;
                };
                let uri = params.text_document.uri.as_str().to_owned();
                let path = path_of(&uri);
                self.docs.insert(
                    uri.clone(),
                    Doc {
                        text: params.text_document.text,
                        version: params.text_document.version,
                        path,
                        unchecked: None,
                        preset: false,
                        findings: Vec::new(),
                        last_kind: None,
                        declared: None,
                    },
                );
                self.check(&uri, true);
            }
            DidChangeTextDocument::METHOD => {
                let Some(params) = self.params::<lt::DidChangeTextDocumentParams>(notification)
                else {
                    return;
                };
                let uri = params.text_document.uri.as_str();
                let Some(doc) = self.docs.get_mut(uri) else {
                    return;
                };
                for change in params.content_changes {
                    match change.range {
                        None => doc.text = change.text,
                        Some(range) => {
                            let map = LineMap::new(&doc.text);
                            let start = map.offset(&doc.text, range.start);
                            let end = map.offset(&doc.text, range.end).max(start);
                            doc.text.replace_range(start..end, &change.text);
                        }
                    }
                }
                doc.version = params.text_document.version;
                let now = Instant::now();
                let first = doc.unchecked.map_or(now, |(first, _)| first);
                doc.unchecked = Some((first, now));
            }
            DidSaveTextDocument::METHOD => {
                let Some(params) = self.params::<lt::DidSaveTextDocumentParams>(notification)
                else {
                    return;
                };
                let uri = params.text_document.uri.as_str().to_owned();
                match path_of(&uri) {
                    // A configuration changed: every open document may be judged differently.
                    Some(path) if is_config(&path) => self.check_all(),
                    // A file of an app changed on disk: its open siblings are judged again too.
                    _ => self.check(&uri, true),
                }
            }
            DidCloseTextDocument::METHOD => {
                let Some(params) = self.params::<lt::DidCloseTextDocumentParams>(notification)
                else {
                    return;
                };
                let uri = params.text_document.uri;
                let Some(closed) = self.docs.remove(uri.as_str()) else {
                    return;
                };
                self.notify::<lt::notification::PublishDiagnostics>(lt::PublishDiagnosticsParams {
                    uri,
                    diagnostics: Vec::new(),
                    version: None,
                });
                // The app's other open presets were judged with the closed text; the file on
                // disk counts now.
                if closed.path.is_some() && closed.preset {
                    self.check_all();
                }
            }
            DidChangeWatchedFiles::METHOD => {
                let Some(params) = self.params::<lt::DidChangeWatchedFilesParams>(notification)
                else {
                    return;
                };
                // Do not trust the cache's time and size for a file the client saw change (a
                // rewrite of the same size within the file system's time resolution).
                for change in &params.changes {
                    if let Some(path) = path_of(change.uri.as_str()) {
                        self.disk.remove(&path);
                    }
                }
                self.check_all();
            }
            _ => {}
        }
    }

    fn check_all(&mut self) {
        // A broken configuration that is gone, or loads now, loses its error even when no open
        // document is under it.
        for path in self.config_errors.clone() {
            if !path.exists() || config::Config::load(&path).is_ok() {
                self.config_fixed(&path);
            }
        }
        let uris: Vec<String> = self.docs.keys().cloned().collect();
        for uri in uris {
            self.check(&uri, false);
        }
    }

    fn check_due(&mut self) {
        let now = Instant::now();
        let due: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.due().is_some_and(|due| due <= now))
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.check(&uri, true);
        }
    }

    /// Works out whether a document is a preset and how to check it, as the CLI would for its file.
    fn setup(&mut self, uri: &str) -> Option<Setup> {
        let doc = self.docs.get_mut(uri)?;
        // Whether the text is a preset document, for files that no `include` selects (as the
        // CLI's walk guesses).
        let looks_like_preset = match json::parse(doc.text.as_bytes(), json::Limits::default()) {
            Ok(tree) => {
                doc.declared = rtk_preset_core::declared_schema(&tree);
                rtk_preset_core::select::is_preset(&tree)
            }
            Err(_) => rtk_preset_core::select::is_preset_text(doc.text.as_bytes()),
        };
        let declared = doc.declared;
        let path = doc.path.clone();
        let mut configs = Configs::default();
        let mut config = None;
        let mut broken = false;
        if let Some(path) = &path {
            match configs.for_dir(files::parent(path)) {
                Ok(found) => {
                    config = found;
                    if let Some(c) = found {
                        let loaded = configs.loaded[c].path.clone();
                        self.config_fixed(&loaded);
                    }
                }
                Err(error) => {
                    broken = true;
                    self.config_error(&error);
                }
            }
        }
        let loaded = config.map(|c| &configs.loaded[c]);
        // The CLI's selection: an `include` (the configuration's, else the client's) selects
        // files by path; without one, a JSON file is checked when it is a preset document.
        let preset = declared.is_some()
            || match &path {
                None => looks_like_preset,
                Some(path) if !files::is_json(path) => false,
                Some(path) => match (loaded, &self.include) {
                    // A configuration that does not load governs its files all the same: they
                    // are checked with the defaults while it is being fixed.
                    _ if broken => looks_like_preset,
                    (Some(c), _) => c.selects(path) && (c.has_include() || looks_like_preset),
                    (None, Some((root, globs))) => {
                        path.strip_prefix(root).is_ok_and(|r| globs.is_match(r))
                    }
                    (None, None) => looks_like_preset,
                },
            };
        let source = match &path {
            Some(path) => Source::File(path.clone()),
            None => Source::Stdin,
        };
        let options = config::options(loaded, &source, None, KindSelector::Auto, &BTreeMap::new());
        Some(Setup {
            preset,
            options,
            configs,
            config,
        })
    }

    fn config_error(&mut self, error: &ConfigError) {
        let text = String::from_utf8_lossy(error.text.as_bytes()).into_owned();
        let map = LineMap::new(&text);
        let span = error.span.clone().unwrap_or(0..0);
        let mut message = error.message.clone();
        if let Some(help) = &error.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        let Some(uri) = uri_of(&error.path) else {
            return;
        };
        if !self.config_errors.contains(&error.path) {
            self.config_errors.push(error.path.clone());
            self.show(
                lt::MessageType::ERROR,
                format!(
                    "rtk-preset: {}: {}; presets under it are checked with the defaults",
                    error.path.display(),
                    error.message
                ),
            );
        }
        self.notify::<lt::notification::PublishDiagnostics>(lt::PublishDiagnosticsParams {
            uri,
            diagnostics: vec![lt::Diagnostic {
                range: lt::Range::new(
                    map.position(&text, span.start),
                    map.position(&text, span.end),
                ),
                severity: Some(lt::DiagnosticSeverity::ERROR),
                code: Some(lt::NumberOrString::String("config".into())),
                source: Some(SOURCE.into()),
                message,
                ..Default::default()
            }],
            version: None,
        });
    }

    fn config_fixed(&mut self, path: &Path) {
        if let Some(i) = self.config_errors.iter().position(|p| p == path) {
            self.config_errors.remove(i);
            if let Some(uri) = uri_of(path) {
                self.notify::<lt::notification::PublishDiagnostics>(lt::PublishDiagnosticsParams {
                    uri,
                    diagnostics: Vec::new(),
                    version: None,
                });
            }
        }
    }

    /// Checks a document (with the rest of its app, read from disk or from open documents) and
    /// publishes its findings; with `cascade`, the other open documents of its app are checked
    /// again too (a change to one preset can change what the app-level rules say of another).
    fn check(&mut self, uri: &str, cascade: bool) {
        let Some(setup) = self.setup(uri) else {
            return;
        };
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        doc.unchecked = None;
        doc.preset = setup.preset;
        if !setup.preset {
            if !doc.findings.is_empty() {
                doc.findings.clear();
                let version = doc.version;
                self.publish(uri, &[], version);
            }
            return;
        }
        let Setup {
            options,
            mut configs,
            config,
            ..
        } = setup;
        // The rest of the app: open documents as they are in the editor, files from disk (their
        // facts kept while the file's time, size and options stay the same).
        let mut context: Vec<(Option<AppFacts>, CheckOptions)> = Vec::new();
        let mut siblings = Vec::new();
        if let Some(path) = &doc.path {
            let inputs = [Input {
                source: Source::File(path.clone()),
                config,
                context: false,
                walked: false,
                only_presets: false,
            }];
            // A configuration error was published by `setup`; the app is then this file alone.
            for input in files::app_context(&inputs, &mut configs).unwrap_or_default() {
                let Source::File(other) = &input.source else {
                    continue;
                };
                let loaded = input.config.map(|c| &configs.loaded[c]);
                let options = config::options(
                    loaded,
                    &input.source,
                    None,
                    KindSelector::Auto,
                    &BTreeMap::new(),
                );
                let absolute = std::path::absolute(other).unwrap_or_else(|_| other.clone());
                let open = self
                    .docs
                    .iter()
                    .find(|(_, d)| d.path.as_deref() == Some(absolute.as_path()));
                let facts = match open {
                    Some((other_uri, d)) => {
                        siblings.push(other_uri.clone());
                        facts_of(other, d.text.as_bytes(), &options, input.only_presets)
                    }
                    None => match self.disk_facts(other, &absolute, &options, input.only_presets) {
                        Some(facts) => facts,
                        None => continue,
                    },
                };
                context.push((facts, options));
            }
        }
        let doc = &self.docs[uri];
        let name = doc
            .path
            .as_ref()
            .map_or_else(|| uri.to_owned(), |p| p.display().to_string());
        let checked = rtk_preset_core::check_document(&Document {
            name: &name,
            input: doc.text.as_bytes(),
            options: &options,
        });
        let mut report = checked.report;
        let mut members = vec![(checked.facts.as_ref(), &options)];
        members.extend(
            context
                .iter()
                .map(|(facts, options)| (facts.as_ref(), options)),
        );
        if let Some(extra) = rtk_preset_core::app_findings(&members).into_iter().next() {
            report.merge(extra);
        }
        let version = doc.version;
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        if report
            .diagnostics
            .first()
            .is_none_or(|d| d.rule != "invalid-json")
        {
            doc.last_kind = Some((report.kind, report.api));
        }
        let findings = report.diagnostics;
        self.publish(uri, &findings, version);
        if let Some(doc) = self.docs.get_mut(uri) {
            doc.findings = findings;
        }
        if cascade {
            for sibling in siblings {
                self.check(&sibling, false);
            }
        }
    }

    /// The facts of a preset on disk: from the cache while its modification time, size and
    /// options are unchanged, else read and checked again. `None` when it cannot be read.
    fn disk_facts(
        &mut self,
        path: &Path,
        absolute: &Path,
        options: &CheckOptions,
        only_presets: bool,
    ) -> Option<Option<AppFacts>> {
        let metadata = std::fs::metadata(path).ok()?;
        let modified = metadata.modified().ok();
        if let Some(known) = self.disk.get(absolute) {
            if known.modified == modified
                && known.len == metadata.len()
                && &known.options == options
            {
                return Some(known.facts.clone());
            }
        }
        let text = files::read_for_fix(path, options.limits.max_size).ok()??;
        let facts = facts_of(path, &text, options, only_presets);
        self.disk.insert(
            absolute.to_owned(),
            OnDisk {
                modified,
                len: metadata.len(),
                options: options.clone(),
                facts: facts.clone(),
            },
        );
        Some(facts)
    }

    fn publish(&self, uri: &str, findings: &[Diagnostic], version: i32) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let Ok(parsed) = uri.parse::<lt::Uri>() else {
            return;
        };
        let map = LineMap::new(&doc.text);
        let diagnostics = findings
            .iter()
            .map(|d| to_lsp(d, &map, &doc.text))
            .collect();
        self.notify::<lt::notification::PublishDiagnostics>(lt::PublishDiagnosticsParams {
            uri: parsed,
            diagnostics,
            version: Some(version),
        });
    }

    fn request(&mut self, request: Request) -> Response {
        use lt::request::{CodeActionRequest, Completion, HoverRequest, Request as _};
        let id = request.id.clone();
        let method = request.method.clone();
        let result = match method.as_str() {
            HoverRequest::METHOD => request
                .extract::<lt::HoverParams>(&method)
                .map(|(_, p)| serde_json::to_value(self.hover(p))),
            Completion::METHOD => request
                .extract::<lt::CompletionParams>(&method)
                .map(|(_, p)| serde_json::to_value(self.complete(p))),
            CodeActionRequest::METHOD => request
                .extract::<lt::CodeActionParams>(&method)
                .map(|(_, p)| serde_json::to_value(self.code_actions(p))),
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("rtk-preset does not answer `{method}`"),
                )
            }
        };
        match result {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(error)) => {
                Response::new_err(id, ErrorCode::InternalError as i32, error.to_string())
            }
            Err(error) => Response::new_err(
                id,
                ErrorCode::InvalidParams as i32,
                format!("bad parameters: {error}"),
            ),
        }
    }

    /// The kind and revision to document and complete a preset with: its `$schema`'s, else what
    /// the last check found, else a create body in the configured revision.
    fn kind_of(&mut self, uri: &str) -> Option<(DocumentKind, ApiRevision)> {
        let setup = self.setup(uri)?;
        if !setup.preset {
            return None;
        }
        let doc = self.docs.get(uri)?;
        let detected = json::parse(doc.text.as_bytes(), json::Limits::default())
            .ok()
            .map(|tree| (rtk_preset_core::detect_kind(&tree), setup.options.api));
        Some(
            doc.declared
                .or(detected)
                .or(doc.last_kind)
                .unwrap_or((DocumentKind::Create, setup.options.api)),
        )
    }

    fn hover(&mut self, params: lt::HoverParams) -> Option<lt::Hover> {
        let uri = params.text_document_position_params.text_document.uri;
        let (kind, api) = self.kind_of(uri.as_str())?;
        let doc = self.docs.get(uri.as_str())?;
        let map = LineMap::new(&doc.text);
        let offset = map.offset(&doc.text, params.text_document_position_params.position);
        let (markdown, span) = editor::hover(doc.text.as_bytes(), offset, kind, api)?;
        Some(lt::Hover {
            contents: lt::HoverContents::Markup(lt::MarkupContent {
                kind: lt::MarkupKind::Markdown,
                value: markdown,
            }),
            range: Some(map.range(&doc.text, span)),
        })
    }

    fn complete(&mut self, params: lt::CompletionParams) -> Option<lt::CompletionResponse> {
        let uri = params.text_document_position.text_document.uri;
        let (kind, api) = self.kind_of(uri.as_str())?;
        let doc = self.docs.get(uri.as_str())?;
        let map = LineMap::new(&doc.text);
        let offset = map.offset(&doc.text, params.text_document_position.position);
        let items = editor::complete(doc.text.as_bytes(), offset, kind, api)
            .into_iter()
            .map(|c| lt::CompletionItem {
                label: c.label,
                kind: Some(match c.kind {
                    CompletionKind::Field => lt::CompletionItemKind::PROPERTY,
                    CompletionKind::Value => lt::CompletionItemKind::ENUM_MEMBER,
                }),
                detail: Some(c.detail),
                documentation: Some(lt::Documentation::MarkupContent(lt::MarkupContent {
                    kind: lt::MarkupKind::Markdown,
                    value: c.documentation,
                })),
                sort_text: Some(c.sort),
                // The client filters by the text in the edit's range, quotes included.
                filter_text: Some(c.text.clone()),
                text_edit: Some(lt::CompletionTextEdit::Edit(lt::TextEdit {
                    range: map.range(&doc.text, c.span),
                    new_text: c.text,
                })),
                ..Default::default()
            })
            .collect();
        Some(lt::CompletionResponse::Array(items))
    }

    fn code_actions(&mut self, params: lt::CodeActionParams) -> Vec<lt::CodeActionOrCommand> {
        let uri = params.text_document.uri;
        // Answer for the text as it is now, not as it was at the last check.
        if self
            .docs
            .get(uri.as_str())
            .is_some_and(|d| d.unchecked.is_some())
        {
            self.check(uri.as_str(), true);
        }
        let Some(setup) = self.setup(uri.as_str()) else {
            return Vec::new();
        };
        let Some(doc) = self.docs.get(uri.as_str()) else {
            return Vec::new();
        };
        if !setup.preset {
            return Vec::new();
        }
        let only = params.context.only.as_ref();
        let wants = |kind: &lt::CodeActionKind| {
            only.is_none_or(|only| {
                only.iter().any(|o| {
                    kind.as_str() == o.as_str()
                        || kind.as_str().starts_with(&format!("{}.", o.as_str()))
                })
            })
        };
        let map = LineMap::new(&doc.text);
        let requested = params.range;
        let mut actions = Vec::new();
        if wants(&lt::CodeActionKind::QUICKFIX) {
            for finding in &doc.findings {
                let Some(fix) = &finding.fix else {
                    continue;
                };
                let diagnostic = to_lsp(finding, &map, &doc.text);
                let range = diagnostic.range;
                if range.end < requested.start || requested.end < range.start {
                    continue;
                }
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| lt::TextEdit {
                        range: map.range(&doc.text, e.span),
                        new_text: e.replacement.clone(),
                    })
                    .collect();
                let safe = fix.applicability == fix::Applicability::Safe;
                actions.push(lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                    title: if safe {
                        fix.description.clone()
                    } else {
                        format!("{} (changes the meaning)", fix.description)
                    },
                    kind: Some(lt::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic]),
                    edit: Some(edit(&uri, edits)),
                    is_preferred: Some(safe),
                    ..Default::default()
                }));
            }
        }
        if wants(&lt::CodeActionKind::SOURCE_FIX_ALL) {
            let (fixed, applied) =
                rtk_preset_core::fix_document(doc.text.as_bytes(), &setup.options, false);
            if applied > 0 {
                if let Ok(fixed) = String::from_utf8(fixed) {
                    // One edit: from the first byte that differs to the last.
                    let old = doc.text.as_bytes();
                    let new = fixed.as_bytes();
                    let mut start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
                    while !doc.text.is_char_boundary(start) {
                        start -= 1;
                    }
                    let mut suffix = old[start..]
                        .iter()
                        .rev()
                        .zip(new[start..].iter().rev())
                        .take_while(|(a, b)| a == b)
                        .count();
                    while !doc.text.is_char_boundary(old.len() - suffix) {
                        suffix -= 1;
                    }
                    let span = rtk_preset_core::Span::new(start, old.len() - suffix);
                    let replacement = fixed[start..new.len() - suffix].to_owned();
                    actions.push(lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                        title: format!(
                            "Apply every safe rtk-preset fix ({applied} fix{})",
                            if applied == 1 { "" } else { "es" }
                        ),
                        kind: Some(lt::CodeActionKind::SOURCE_FIX_ALL),
                        edit: Some(edit(
                            &uri,
                            vec![lt::TextEdit {
                                range: map.range(&doc.text, span),
                                new_text: replacement,
                            }],
                        )),
                        ..Default::default()
                    }));
                }
            }
        }
        actions
    }
}

fn edit(uri: &lt::Uri, edits: Vec<lt::TextEdit>) -> lt::WorkspaceEdit {
    lt::WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

fn is_config(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == std::ffi::OsStr::new(config::FILE_NAME))
}

/// A finding as an LSP diagnostic: the rule as its code, the help on a second line.
fn to_lsp(finding: &Diagnostic, map: &LineMap, text: &str) -> lt::Diagnostic {
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lt::Diagnostic {
        range: map.range(text, finding.span),
        severity: Some(match finding.severity {
            Severity::Error => lt::DiagnosticSeverity::ERROR,
            Severity::Warning => lt::DiagnosticSeverity::WARNING,
            Severity::Info => lt::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lt::NumberOrString::String(finding.rule.to_owned())),
        source: Some(SOURCE.to_owned()),
        message,
        data: (!finding.pointer.is_empty())
            .then(|| serde_json::json!({ "pointer": finding.pointer })),
        ..Default::default()
    }
}

/// Line starts of a text, to turn byte offsets into LSP positions (lines, and UTF-16 code units
/// within the line) and back. Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says.
struct LineMap {
    starts: Vec<usize>,
}

impl LineMap {
    fn new(text: &str) -> LineMap {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        LineMap { starts }
    }

    /// The position of a byte offset (clamped to the text, and back to a character boundary).
    fn position(&self, text: &str, offset: usize) -> lt::Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = text[start..offset].encode_utf16().count();
        lt::Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(character).unwrap_or(u32::MAX),
        )
    }

    fn range(&self, text: &str, span: rtk_preset_core::Span) -> lt::Range {
        lt::Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of a position; a character past the line's end means its end, a line past
    /// the last means the end of the text.
    fn offset(&self, text: &str, position: lt::Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .copied()
            .unwrap_or(text.len());
        let line = text[start..end].trim_end_matches(['\n', '\r']);
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= position.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + line.len()
    }
}

/// The characters a path keeps unescaped in a `file:` URI.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The path of a `file:` URI.
fn path_of(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(rest).collect();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt as _;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        let text = String::from_utf8(bytes).ok()?;
        Some(PathBuf::from(text.strip_prefix('/').unwrap_or(&text)))
    }
}

/// The `file:` URI of a path.
fn uri_of(path: &Path) -> Option<lt::Uri> {
    let absolute = std::path::absolute(path).ok()?;
    let text = absolute.to_str()?.replace('\\', "/");
    let text = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    format!(
        "file://{}",
        percent_encoding::utf8_percent_encode(&text, PATH)
    )
    .parse()
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_code_units() {
        let text = "{\"é𝄞\": 1,\r\n\"x\": 2}";
        let map = LineMap::new(text);
        let one = text.find('1').unwrap();
        // `{"` 2, `é` 1, `𝄞` 2 (a surrogate pair), `": ` 3.
        assert_eq!(map.position(text, one), lt::Position::new(0, 8));
        assert_eq!(map.offset(text, lt::Position::new(0, 8)), one);
        let x = text.find('x').unwrap();
        assert_eq!(map.position(text, x), lt::Position::new(1, 1));
        assert_eq!(map.offset(text, lt::Position::new(1, 1)), x);
        assert_eq!(
            map.offset(text, lt::Position::new(0, 99)),
            text.find('\r').unwrap()
        );
        assert_eq!(map.offset(text, lt::Position::new(9, 0)), text.len());
        // Inside a character: back to its start.
        assert_eq!(map.position(text, 3), lt::Position::new(0, 2));
    }

    #[test]
    fn file_uris_round_trip() {
        let path = Path::new("/tmp/a dir/prés#1.json");
        let uri = uri_of(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20dir/pr%C3%A9s%231.json");
        assert_eq!(path_of(uri.as_str()).unwrap(), path);
        assert_eq!(
            path_of("file://localhost/x.json").unwrap(),
            Path::new("/x.json")
        );
        assert_eq!(path_of("untitled:Untitled-1"), None);
    }
}

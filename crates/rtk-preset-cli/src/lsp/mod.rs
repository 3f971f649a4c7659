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

mod documents;
mod handlers;
mod proto;

use crate::files::Configs;
use documents::{Doc, OnDisk};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types as lt;
use proto::{is_config, path_of, LineMap};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How long after the last change a document is checked.
pub(super) const DEBOUNCE: Duration = Duration::from_millis(150);
/// How long a document being changed without pause waits for its check at most.
pub(super) const MAX_WAIT: Duration = Duration::from_millis(1000);

/// The diagnostics' `source`.
pub(super) const SOURCE: &str = "rtk-preset";

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
    if server.watching {
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

struct Server<'c> {
    connection: &'c Connection,
    docs: HashMap<String, Doc>,
    /// The client's `initializationOptions.include`, relative to the workspace root.
    include: Option<(PathBuf, globset::GlobSet)>,
    /// Configuration files whose errors are published.
    config_errors: Vec<PathBuf>,
    /// What the app-level rules need of presets on disk, by path.
    disk: HashMap<PathBuf, OnDisk>,
    /// The configurations found so far, by directory: kept while the client reports changed
    /// files (`watching`), dropped when a configuration changes.
    configs: Configs,
    /// Whether the client reports changed files (`workspace/didChangeWatchedFiles`).
    watching: bool,
    /// Whether the client shows a diagnostic's `relatedInformation`.
    related_information: bool,
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
        let watching = params
            .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
        let related_information = params
            .pointer("/capabilities/textDocument/publishDiagnostics/relatedInformation")
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
        let server = Server {
            connection,
            docs: HashMap::new(),
            include,
            config_errors: Vec::new(),
            disk: HashMap::new(),
            configs: Configs::default(),
            watching,
            related_information,
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
                let doc = Doc::new(
                    params.text_document.text,
                    params.text_document.version,
                    path,
                );
                self.docs.insert(uri.clone(), doc);
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
                            let (start, end) = {
                                let map = LineMap::new(&doc.text);
                                let start = map.offset(range.start);
                                (start, map.offset(range.end).max(start))
                            };
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
                    Some(path) if is_config(&path) => {
                        self.configs = Configs::default();
                        self.check_all();
                    }
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
                        if is_config(&path) {
                            self.configs = Configs::default();
                        }
                        self.disk.remove(&path);
                    }
                }
                self.check_all();
            }
            _ => {}
        }
    }
}

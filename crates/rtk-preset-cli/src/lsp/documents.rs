//! The documents: which open documents are presets (as the CLI's walk selects files), checking
//! them with the rest of their app (open documents as they are in the editor, files from disk),
//! and publishing the findings.

use super::proto::{to_lsp, uri_of, LineMap};
use super::{Server, DEBOUNCE, MAX_WAIT, SOURCE};
use crate::config::{self, Config, ConfigError};
use crate::files::{self, Configs, Input, Source};
use lsp_types as lt;
use rtk_preset_core::{
    ApiRevision, AppFacts, CheckOptions, Diagnostic, Document, DocumentKind, KindSelector,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// An open document.
pub(super) struct Doc {
    pub(super) text: String,
    pub(super) version: i32,
    /// The file, for `file:` URIs.
    pub(super) path: Option<PathBuf>,
    /// The first and the last change not checked yet.
    pub(super) unchecked: Option<(Instant, Instant)>,
    /// Whether it was a preset when it was last checked.
    pub(super) preset: bool,
    /// The options it was last checked with, when it was a preset.
    pub(super) options: Option<CheckOptions>,
    /// The findings last published, with their fixes.
    pub(super) findings: Vec<Diagnostic>,
    /// What the app-level rules need of it, from its last check.
    facts: Option<AppFacts>,
    /// The kind and revision of the last text that parsed (a document being typed often does not).
    pub(super) last_kind: Option<(DocumentKind, ApiRevision)>,
}

impl Doc {
    pub(super) fn new(text: String, version: i32, path: Option<PathBuf>) -> Doc {
        Doc {
            text,
            version,
            path,
            unchecked: None,
            preset: false,
            options: None,
            findings: Vec::new(),
            facts: None,
            last_kind: None,
        }
    }

    /// When it is to be checked: when the changes pause, or a little later if they never do.
    pub(super) fn due(&self) -> Option<Instant> {
        self.unchecked
            .map(|(first, last)| (last + DEBOUNCE).min(first + MAX_WAIT))
    }

    /// What the app-level rules need of it when checked with `options`: from its last check when
    /// that was of this text with these options.
    fn facts_with(
        &self,
        path: &Path,
        options: &CheckOptions,
        only_presets: bool,
    ) -> Option<AppFacts> {
        if self.unchecked.is_none() && self.options.as_ref() == Some(options) {
            return self.facts.clone();
        }
        facts_of(path, self.text.as_bytes(), options, only_presets)
    }
}

/// A preset file's facts, and what they were computed from.
pub(super) struct OnDisk {
    modified: Option<std::time::SystemTime>,
    len: u64,
    options: CheckOptions,
    facts: Option<AppFacts>,
}

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

/// How a document is selected: by its path (a configuration's or the client's `include` says),
/// or by its content (whether it is a preset document). A `$schema` naming one of ours selects it
/// either way.
#[derive(Clone, Copy)]
enum By {
    Path(bool),
    Content,
}

impl Server<'_> {
    pub(super) fn check_all(&mut self) {
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

    pub(super) fn check_due(&mut self) {
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

    /// The configuration of a file (from the cache), publishing or clearing the configuration's
    /// error; `Err` when it does not load.
    fn config_for(&mut self, configs: &mut Configs, path: &Path) -> Result<Option<usize>, ()> {
        match configs.for_dir(files::parent(path)) {
            Ok(found) => {
                if let Some(c) = found {
                    let loaded = configs.loaded[c].path.clone();
                    self.config_fixed(&loaded);
                }
                Ok(found)
            }
            Err(error) => {
                self.config_error(&error);
                Err(())
            }
        }
    }

    /// How a document is selected, as the CLI's walk selects files.
    fn selection(&self, path: Option<&Path>, config: Result<Option<&Config>, ()>) -> By {
        let Some(path) = path else {
            return By::Content;
        };
        if !files::is_json(path) {
            return By::Path(false);
        }
        match (config, &self.include) {
            // A configuration that does not load governs its files all the same: they are
            // checked with the defaults while it is being fixed.
            (Err(()), _) => By::Content,
            (Ok(Some(c)), _) if !c.selects(path) => By::Path(false),
            (Ok(Some(c)), _) if c.has_include() => By::Path(true),
            (Ok(Some(_)), _) => By::Content,
            (Ok(None), Some((root, globs))) => {
                By::Path(path.strip_prefix(root).is_ok_and(|r| globs.is_match(r)))
            }
            (Ok(None), None) => By::Content,
        }
    }

    /// Checks a document (with the rest of its app, read from disk or from open documents) and
    /// publishes its findings; with `cascade`, the other open documents of its app are checked
    /// again too (a change to one preset can change what the app-level rules say of another).
    /// The text is parsed once, for the selection and the check together.
    pub(super) fn check(&mut self, uri: &str, cascade: bool) {
        let Some(path) = self.docs.get(uri).map(|d| d.path.clone()) else {
            return;
        };
        // Without watched-file events, a configuration may change unseen: read it each time.
        let mut configs = if self.watching {
            std::mem::take(&mut self.configs)
        } else {
            Configs::default()
        };
        let config = match &path {
            Some(path) => self.config_for(&mut configs, path),
            None => Ok(None),
        };
        let loaded = config.map(|c| c.map(|c| &configs.loaded[c]));
        let by = self.selection(path.as_deref(), loaded);
        let source = match &path {
            Some(path) => Source::File(path.clone()),
            None => Source::Stdin(None),
        };
        let options = config::options(
            loaded.ok().flatten(),
            &source,
            None,
            KindSelector::Auto,
            &BTreeMap::new(),
        );
        let doc = &self.docs[uri];
        let name = path
            .as_ref()
            .map_or_else(|| uri.to_owned(), |p| p.display().to_string());
        let checked = rtk_preset_core::check_selected(
            &Document {
                name: &name,
                input: doc.text.as_bytes(),
                options: &options,
            },
            |selection| {
                selection.declared.is_some()
                    || match by {
                        By::Path(selected) => selected,
                        By::Content => selection.preset,
                    }
            },
        );
        let (report, siblings) = match checked {
            Some(checked) => {
                let (context, siblings) = self.context(path.as_deref(), config, &mut configs);
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
                (Some((report, checked.facts)), siblings)
            }
            None => (None, Vec::new()),
        };
        if self.watching {
            self.configs = configs;
        }
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        doc.unchecked = None;
        let version = doc.version;
        let Some((report, facts)) = report else {
            doc.preset = false;
            doc.options = None;
            doc.facts = None;
            if !doc.findings.is_empty() {
                doc.findings.clear();
                self.publish(uri, &[], version);
            }
            return;
        };
        doc.preset = true;
        doc.options = Some(options);
        doc.facts = facts;
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

    /// The rest of a file's app: open documents as they are in the editor, files from disk (their
    /// facts kept while the file's time, size and options stay the same); and the open ones' URIs.
    #[allow(clippy::type_complexity)]
    fn context(
        &mut self,
        path: Option<&Path>,
        config: Result<Option<usize>, ()>,
        configs: &mut Configs,
    ) -> (Vec<(Option<AppFacts>, CheckOptions)>, Vec<String>) {
        let mut context = Vec::new();
        let mut siblings = Vec::new();
        // A configuration error was published; the app is then this file alone.
        let (Some(path), Ok(config)) = (path, config) else {
            return (context, siblings);
        };
        let inputs = [Input {
            source: Source::File(path.to_owned()),
            config,
            context: false,
            walked: false,
            only_presets: false,
        }];
        for input in files::app_context(&inputs, configs).unwrap_or_default() {
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
                    d.facts_with(other, &options, input.only_presets)
                }
                None => match self.disk_facts(other, &absolute, &options, input.only_presets) {
                    Some(facts) => facts,
                    None => continue,
                },
            };
            context.push((facts, options));
        }
        (context, siblings)
    }

    pub(super) fn config_error(&mut self, error: &ConfigError) {
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
                range: lt::Range::new(map.position(span.start), map.position(span.end)),
                severity: Some(lt::DiagnosticSeverity::ERROR),
                code: Some(lt::NumberOrString::String("config".into())),
                source: Some(SOURCE.into()),
                message,
                ..Default::default()
            }],
            version: None,
        });
    }

    pub(super) fn config_fixed(&mut self, path: &Path) {
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

    pub(super) fn publish(&self, uri: &str, findings: &[Diagnostic], version: i32) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let Ok(parsed) = uri.parse::<lt::Uri>() else {
            return;
        };
        let map = LineMap::new(&doc.text);
        let diagnostics = findings
            .iter()
            .map(|d| to_lsp(d, &map, &parsed, self.related_information))
            .collect();
        self.notify::<lt::notification::PublishDiagnostics>(lt::PublishDiagnosticsParams {
            uri: parsed,
            diagnostics,
            version: Some(version),
        });
    }
}

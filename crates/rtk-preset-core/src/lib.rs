//! rtk-preset core: the RealtimeKit preset model, parsing with positions, validation and schemas.
//!
//! The crate does no I/O and no terminal output; the CLI, the wasm package and the language server
//! are thin shells over it. The entry point is [`check`].

pub mod diagnostic;
mod format;
pub mod json;
pub mod model;
mod number;
pub mod revision;
pub mod rules;
pub mod schema;
mod suggest;
mod validate;

pub use diagnostic::{Diagnostic, LineIndex, Severity, Span};
pub use revision::{ApiRevision, DocumentKind, KindSelector};

use json::{Limits, Node, Value};
use rules::RawDiagnostic;

/// How to check a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CheckOptions {
    /// The API revision to check against.
    pub api: ApiRevision,
    /// Which kind of document it is, or `Auto` to pick by shape.
    pub kind: KindSelector,
    /// Size and nesting limits.
    pub limits: Limits,
}

/// The result of checking one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The kind the document was checked as (for `Auto`, the detected one; `create` when the
    /// document could not be parsed).
    pub kind: DocumentKind,
    /// The API revision it was checked against.
    pub api: ApiRevision,
    /// Every finding, in document order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Whether any finding has error severity.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Picks the kind of a document by its shape: `{success, data: [...], paging}` is `list`,
/// `{success, data: {...}}` is `response`, anything else `create`.
pub fn detect_kind(document: &Node) -> DocumentKind {
    let Value::Object(members) = &document.value else {
        return DocumentKind::Create;
    };
    let get = |key: &str| {
        members
            .iter()
            .rev()
            .find(|m| m.key == key)
            .map(|m| &m.value.value)
    };
    match (get("success"), get("data"), get("paging")) {
        (Some(_), Some(Value::Array(_)), Some(_)) => DocumentKind::List,
        (Some(_), Some(Value::Object(_)), _) => DocumentKind::Response,
        _ => DocumentKind::Create,
    }
}

/// Parses and validates one document. Never panics on any input: bad input is a diagnostic.
pub fn check(input: &[u8], options: &CheckOptions) -> Report {
    let fixed = match options.kind {
        KindSelector::Fixed(kind) => Some(kind),
        KindSelector::Auto => None,
    };
    let mut raw = Vec::new();
    let kind = match json::parse(input, options.limits) {
        Err(error) => {
            raw.push(RawDiagnostic {
                rule: rules::INVALID_JSON,
                severity: rules::default_severity(rules::INVALID_JSON),
                message: error.message,
                pointer: String::new(),
                span: error.span,
                help: error.help,
                related: None,
            });
            fixed.unwrap_or(DocumentKind::Create)
        }
        Ok(document) => {
            let kind = fixed.unwrap_or_else(|| detect_kind(&document));
            validate::validate(&document, kind, options.api, &mut raw);
            kind
        }
    };
    Report {
        kind,
        api: options.api,
        diagnostics: resolve_positions(input, raw),
    }
}

/// Turns byte spans into lines and columns, and puts the findings in document order.
fn resolve_positions(input: &[u8], mut raw: Vec<RawDiagnostic>) -> Vec<Diagnostic> {
    raw.sort_by(|a, b| (a.span, &a.pointer).cmp(&(b.span, &b.pointer)));
    let index = LineIndex::new(input);
    raw.into_iter()
        .map(|d| {
            let (line, column) = index.position(d.span.start);
            let (end_line, end_column) = index.position(d.span.end);
            let help = match (d.related, d.help) {
                (Some(related), help) => {
                    let (l, c) = index.position(related.start);
                    let first = format!("the first is at line {l}, column {c}");
                    Some(match help {
                        Some(h) => format!("{first}; {h}"),
                        None => first,
                    })
                }
                (None, help) => help,
            };
            Diagnostic {
                rule: d.rule,
                severity: d.severity,
                message: d.message,
                pointer: d.pointer,
                line,
                column,
                end_line,
                end_column,
                span: d.span,
                help,
            }
        })
        .collect()
}

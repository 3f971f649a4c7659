//! rtk-preset core: the RealtimeKit preset model, parsing with positions, validation and schemas.
//!
//! The crate does no I/O and no terminal output; the CLI, the wasm package and the language server
//! are thin shells over it. The entry point is [`check`].

mod app;
pub mod codegen;
mod color;
pub mod diagnostic;
pub mod editor;
mod fast;
pub mod fix;
mod format;
pub mod json;
pub mod model;
mod number;
mod order;
pub mod pointer;
pub mod revision;
pub mod rules;
pub mod schema;
pub mod select;
mod settings;
mod suggest;
pub mod typescript;
mod validate;
mod view;

pub use app::AppFacts;
pub use diagnostic::{Diagnostic, LineIndex, Related, Severity, Span};
pub use revision::{ApiRevision, DocumentKind, KindSelector};
pub use rules::Level;
pub use settings::{
    known_rule, settable_level, LevelError, RuleSettings, ScopedLevels, UnknownRule,
};

use json::{Limits, Node, Value};
use rules::RawDiagnostic;
use view::Preset;

/// How to check a document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckOptions {
    /// The API revision to check against.
    pub api: ApiRevision,
    /// Which kind of document it is, or `Auto` to pick by shape.
    pub kind: KindSelector,
    /// Size and nesting limits.
    pub limits: Limits,
    /// Levels per rule, and overrides under JSON Pointers.
    pub rules: RuleSettings,
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

    /// Adds findings (from [`app_findings`]), keeping document order.
    pub fn merge(&mut self, extra: Vec<Diagnostic>) {
        if extra.is_empty() {
            return;
        }
        self.diagnostics.extend(extra);
        order::sort_by(&mut self.diagnostics, |a, b| {
            (a.span, &a.pointer).cmp(&(b.span, &b.pointer))
        });
    }
}

/// Picks the kind of a document by its shape: `{success, data: [...], paging}` is `list`,
/// `{success, data: {...}}` is `response`, anything else `create`.
pub fn detect_kind(document: &Node) -> DocumentKind {
    let get = |key: &str| document.get(key).map(|n| &n.value);
    match (get("success"), get("data"), get("paging")) {
        (Some(_), Some(Value::Array(_)), Some(_)) => DocumentKind::List,
        (Some(_), Some(Value::Object(_)), _) => DocumentKind::Response,
        _ => DocumentKind::Create,
    }
}

/// The kind and revision a document's root `$schema` names, when it names one of our schemas
/// ([`schema::declared`]): they win over the configured revision and over `Auto` kind detection
/// (an explicit kind still wins), so the CLI, the language server and an editor's JSON support
/// agree on what the document is.
pub fn declared_schema(document: &Node<'_>) -> Option<(DocumentKind, ApiRevision)> {
    match &document.get("$schema")?.value {
        Value::String(reference) => schema::declared(reference),
        _ => None,
    }
}

/// Parses and checks one document: structure, then every semantic rule that looks at one preset.
/// Never panics on any input: bad input is a diagnostic.
pub fn check(input: &[u8], options: &CheckOptions) -> Report {
    check_keeping_tree(input, options).0
}

/// [`check`], and the document's whole tree when the check parsed it (a document the schema
/// finds something in): for a caller that resolves its findings' pointers in the document (the
/// npm package's `path` and `params.value`), so it need not parse the text again. `None` when the
/// check did not parse the whole document (the fast path: the schema finds nothing), or the text
/// is not JSON.
pub fn check_keeping_tree<'a>(
    input: &'a [u8],
    options: &'a CheckOptions,
) -> (Report, Option<Node<'a>>) {
    let document = Document {
        name: "<input>",
        input,
        options,
    };
    let (checked, tree) = check_one_keeping(&document, false);
    (checked.report, tree)
}

/// The most passes [`fix_document`] makes (each pass can enable the next, as when three repeats
/// of a key are removed one at a time).
const FIX_PASSES: usize = 10;

/// Applies the fixes of a document's findings (safe ones; unsafe ones too with `unsafe_fixes`)
/// until none is left, and returns the fixed text and the number of fixes applied. Only the rules
/// that look at one document are consulted: app-level findings have no fix.
pub fn fix_document(input: &[u8], options: &CheckOptions, unsafe_fixes: bool) -> (Vec<u8>, usize) {
    let mut current = input.to_vec();
    let mut total = 0;
    for _ in 0..FIX_PASSES {
        let report = check(&current, options);
        let fixes = report
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| unsafe_fixes || f.applicability == fix::Applicability::Safe);
        let (next, applied) = fix::apply(&current, fixes);
        if applied == 0 || next == current {
            break;
        }
        total += applied;
        current = next;
    }
    (current, total)
}

/// One document of an app, for [`check_app`].
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// How messages about other presets name this one (its path).
    pub name: &'a str,
    /// The document's bytes.
    pub input: &'a [u8],
    /// How to check it.
    pub options: &'a CheckOptions,
}

/// Checks the documents of one app: each as [`check`] does, plus the rules that look at all
/// presets of an app together (a waiting room needs someone who can admit, names are unique, ...).
/// Returns one report per document, in order.
///
/// It holds every document's tree at once; for many documents, use [`check_document`] on each
/// (in any order, in parallel) and [`app_findings`] on their facts, which is what this does.
pub fn check_app(documents: &[Document<'_>]) -> Vec<Report> {
    let checked: Vec<Checked> = documents.iter().map(check_document).collect();
    let members: Vec<(Option<&AppFacts>, &CheckOptions)> = checked
        .iter()
        .zip(documents)
        .map(|(c, d)| (c.facts.as_ref(), d.options))
        .collect();
    let extra = app_findings(&members);
    checked
        .into_iter()
        .zip(extra)
        .map(|(checked, extra)| {
            let mut report = checked.report;
            report.merge(extra);
            report
        })
        .collect()
}

/// One document checked on its own, by [`check_document`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The findings of [`check`].
    pub report: Report,
    /// What the app-level rules need of the document's preset (none for a list, or a document
    /// that is not JSON): a few hundred bytes, so the document's text and tree can be let go.
    pub facts: Option<AppFacts>,
}

/// Checks one document of an app as [`check`] does, and keeps aside what the app-level rules need
/// of it; [`app_findings`] later runs those rules on the facts of the whole app.
pub fn check_document(document: &Document<'_>) -> Checked {
    check_one(document, true)
}

/// [`check_document`] for a file that a directory walk found: `None`, without a report, when the
/// document is not a preset document ([`select`]: a `package.json` beside the presets), which the
/// caller then skips. The document is parsed once for both.
pub fn check_if_preset(document: &Document<'_>) -> Option<Checked> {
    check_selected(document, |selection| selection.preset)
}

/// [`check_document`] when `wanted` says so of the document's [`select::Selection`] (whether it is
/// a preset document, what its `$schema` names), else `None`: for callers whose own rules decide
/// (an editor checks a file its configuration's `include` selects, or that names our schema).
/// The document is parsed once for both.
pub fn check_selected(
    document: &Document<'_>,
    wanted: impl FnOnce(select::Selection) -> bool,
) -> Option<Checked> {
    if let Some((selection, checked)) = check_fast(document, true) {
        return wanted(selection).then_some(checked);
    }
    let (parsed, selection) = parse_selecting(document);
    wanted(selection).then(|| check_parsed(document, parsed, true))
}

/// The document parsed, and what decides whether it is checked (read from that one parse).
fn parse_selecting<'a>(document: &Document<'a>) -> (Parsed<'a>, select::Selection) {
    let parsed = json::parse_noting(document.input, document.options.limits);
    let selection = match &parsed {
        Ok((tree, _)) => select::Selection::of(tree),
        Err(_) => select::Selection::of_text(document.input),
    };
    (parsed, selection)
}

/// [`check`], and with `keep_facts` what the app-level rules need.
fn check_one(document: &Document<'_>, keep_facts: bool) -> Checked {
    check_one_keeping(document, keep_facts).0
}

/// [`check_one`], and the document's tree when the full path parsed it.
fn check_one_keeping<'a>(document: &Document<'a>, keep_facts: bool) -> (Checked, Option<Node<'a>>) {
    if let Some((_, checked)) = check_fast(document, keep_facts) {
        return (checked, None);
    }
    let parsed = json::parse_noting(document.input, document.options.limits);
    check_parsed_keeping(document, parsed, keep_facts)
}

/// [`check_selected`] for a document read only as context: one of the other presets of an app
/// whose files are checked, which the app-level rules must see but whose own findings nobody
/// reports. Only what the app-level rules need is computed: the report is empty (no validation,
/// no rules), the facts are those [`check_selected`] would keep.
pub fn context_selected(
    document: &Document<'_>,
    wanted: impl FnOnce(select::Selection) -> bool,
) -> Option<Checked> {
    // The tree (what the fast path kept, or the whole), its kind and revision, and the line
    // starts the fast path noted.
    let (tree, kind, api, line_starts) = match fast::scan(document.input, document.options) {
        Some(scanned) => {
            if !wanted(scanned.selection) {
                return None;
            }
            (
                scanned.tree,
                scanned.kind,
                scanned.api,
                Some(scanned.line_starts),
            )
        }
        None => {
            let (parsed, selection) = parse_selecting(document);
            if !wanted(selection) {
                return None;
            }
            match parsed {
                Ok((tree, _)) => {
                    let (kind, api) = kind_and_api(&tree, document.options);
                    (Some(tree), kind, api, None)
                }
                Err(_) => (
                    None,
                    unparsed_kind(document.options),
                    document.options.api,
                    None,
                ),
            }
        }
    };
    let facts = tree
        .as_ref()
        .and_then(|tree| Preset::of(tree, kind, api, document.name))
        .map(|preset| AppFacts::of(&preset, &LineIndex::of(document.input, line_starts)));
    let report = Report {
        kind,
        api,
        diagnostics: Vec::new(),
    };
    Some(Checked { report, facts })
}

/// [`check_one`] of a document already parsed. The line index is built once, and only when
/// something needs a position.
fn check_parsed<'a>(document: &Document<'a>, parsed: Parsed<'a>, keep_facts: bool) -> Checked {
    check_parsed_keeping(document, parsed, keep_facts).0
}

/// [`check_parsed`], giving back the tree.
fn check_parsed_keeping<'a>(
    document: &Document<'a>,
    parsed: Parsed<'a>,
    keep_facts: bool,
) -> (Checked, Option<Node<'a>>) {
    let mut analysis = analyse(document.input, parsed, document.options);
    let tree = analysis.document.take();
    let checked = finish_checked(document, analysis, tree.as_ref(), None, keep_facts);
    (checked, tree)
}

/// [`check_one`] through the fast path ([`fast`]): what decides whether the document is checked,
/// and the check; `None` when the fast pass is not sure the schema finds nothing (the full path
/// then checks the document).
fn check_fast(document: &Document<'_>, keep_facts: bool) -> Option<(select::Selection, Checked)> {
    let scanned = fast::scan(document.input, document.options)?;
    let analysis = Analysis {
        kind: scanned.kind,
        api: scanned.api,
        document: None,
        raw: Vec::new(),
    };
    let checked = finish_checked(
        document,
        analysis,
        scanned.tree.as_ref(),
        Some(scanned.line_starts),
        keep_facts,
    );
    Some((scanned.selection, checked))
}

/// The end of a check: the rules that look at the preset of `tree` (the whole document, or what
/// the fast path kept of it), the facts for the app-level rules, and the report. The line index
/// is built once, and only when something needs a position.
fn finish_checked(
    document: &Document<'_>,
    mut analysis: Analysis<'_>,
    tree: Option<&Node<'_>>,
    line_starts: Option<Vec<usize>>,
    keep_facts: bool,
) -> Checked {
    let index = std::cell::OnceCell::new();
    let line_starts = std::cell::Cell::new(line_starts);
    let index = || index.get_or_init(|| LineIndex::of(document.input, line_starts.take()));
    let mut facts = None;
    if let Some(preset) =
        tree.and_then(|t| Preset::of(t, analysis.kind, analysis.api, document.name))
    {
        run_preset_rules(&preset, &mut analysis.raw);
        if keep_facts {
            facts = Some(AppFacts::of(&preset, index()));
        }
    }
    let report = finish_with(document.options, analysis, |offset| {
        index().position(offset)
    });
    Checked { report, facts }
}

/// Runs the rules that look at all presets of an app together, on the facts of the app's
/// documents (each with its options, for rule levels). Returns the findings of each document, in
/// order, to [`Report::merge`] into its report.
pub fn app_findings(members: &[(Option<&AppFacts>, &CheckOptions)]) -> Vec<Vec<Diagnostic>> {
    let (owners, presets): (Vec<usize>, Vec<&AppFacts>) = members
        .iter()
        .enumerate()
        .filter_map(|(i, (facts, _))| facts.map(|f| (i, f)))
        .unzip();
    let mut found: Vec<Vec<RawDiagnostic>> = vec![Vec::new(); presets.len()];
    for entry in rules::catalog() {
        if let rules::Runner::App(run) = entry.run {
            run(&presets, &mut found);
        }
    }
    let mut out: Vec<Vec<Diagnostic>> = vec![Vec::new(); members.len()];
    for ((owner, facts), raw) in owners.into_iter().zip(presets).zip(found) {
        let options = members[owner].1;
        out[owner] = resolve(options, raw, |offset| facts.position(offset));
    }
    out
}

/// The phases of [`check`] one by one, for the microbenchmarks (`benches/phases.rs`); not a stable
/// interface.
#[doc(hidden)]
pub mod phases {
    use super::*;

    /// Runs `f` with the shortcuts of the check turned off: every branch of an `anyOf` checked
    /// with its messages, keys compared pairwise, the rules' paths walked from the root. What
    /// `f` checks must come out the same as with them (the differential test of
    /// `tests/properties.rs`).
    pub fn without_shortcuts<T>(f: impl FnOnce() -> T) -> T {
        /// Turns the shortcuts back on however `f` ends (a failing test unwinds through it).
        struct Restore;
        impl Drop for Restore {
            fn drop(&mut self) {
                SHORTCUTS.with(|on| on.set(true));
            }
        }
        SHORTCUTS.with(|on| on.set(false));
        let _restore = Restore;
        f()
    }

    /// Whether [`check`] takes the fast path for `input` ([`fast`]): one pass that parses and
    /// validates, sure that the schema finds nothing.
    pub fn fast_path(input: &[u8], options: &CheckOptions) -> bool {
        fast::scan(input, options).is_some()
    }

    /// Parses `input`: the tree, or `None` when it is not JSON within the limits.
    pub fn parse(input: &[u8]) -> Option<Node<'_>> {
        json::parse(input, Limits::default()).ok()
    }

    /// Checks a tree against the schema of `kind` and `api`: the number of findings.
    pub fn validate(document: &Node, kind: DocumentKind, api: ApiRevision) -> usize {
        let mut raw = Vec::new();
        validate::validate(document, kind, api, &mut raw);
        raw.len()
    }

    /// Runs the semantic rules that look at one preset: the number of findings.
    pub fn lint(document: &Node, kind: DocumentKind, api: ApiRevision) -> usize {
        let mut raw = Vec::new();
        if let Some(preset) = Preset::of(document, kind, api, "<input>") {
            run_preset_rules(&preset, &mut raw);
        }
        raw.len()
    }
}

thread_local! {
    /// Whether the check takes its shortcuts ([`phases::without_shortcuts`]).
    static SHORTCUTS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Whether the check takes its shortcuts on this thread.
pub(crate) fn shortcuts() -> bool {
    SHORTCUTS.with(std::cell::Cell::get)
}

/// A parsed and structurally validated document.
struct Analysis<'a> {
    kind: DocumentKind,
    /// The revision checked against: the options', or the one the document's `$schema` names.
    api: ApiRevision,
    document: Option<Node<'a>>,
    raw: Vec<RawDiagnostic>,
}

/// The report of a document of `size` bytes, above `options.limits.max_size`, that was not read
/// whole: what [`check`] reports for it, without the bytes.
pub fn check_too_large(size: u64, options: &CheckOptions) -> Report {
    let analysis = not_json(json::too_large(size, options.limits), options);
    finish_with(options, analysis, |_| (1, 1))
}

/// The kind a document that is not JSON is reported as: the options' if fixed, else `create`.
fn unparsed_kind(options: &CheckOptions) -> DocumentKind {
    match options.kind {
        KindSelector::Fixed(kind) => kind,
        KindSelector::Auto => DocumentKind::Create,
    }
}

fn not_json<'a>(error: json::ParseError, options: &CheckOptions) -> Analysis<'a> {
    Analysis {
        kind: unparsed_kind(options),
        api: options.api,
        document: None,
        raw: vec![RawDiagnostic {
            rule: rules::INVALID_JSON,
            severity: rules::default_severity(rules::INVALID_JSON),
            message: error.message,
            pointer: String::new(),
            span: error.span,
            help: error.help,
            related: None,
            fix: None,
            params: Default::default(),
        }],
    }
}

/// What [`json::parse_noting`] gives: the tree and the spans of lone surrogate escapes.
type Parsed<'a> = Result<(Node<'a>, Vec<Span>), json::ParseError>;

/// The kind and revision a document is checked as: the options' kind if fixed, else the one its
/// `$schema` names, else the one its shape says; the revision its `$schema` names, else the
/// options'.
fn kind_and_api(document: &Node<'_>, options: &CheckOptions) -> (DocumentKind, ApiRevision) {
    let fixed = match options.kind {
        KindSelector::Fixed(kind) => Some(kind),
        KindSelector::Auto => None,
    };
    let declared = declared_schema(document);
    let kind = fixed
        .or(declared.map(|(kind, _)| kind))
        .unwrap_or_else(|| detect_kind(document));
    let api = declared.map_or(options.api, |(_, api)| api);
    (kind, api)
}

fn analyse<'a>(input: &'a [u8], parsed: Parsed<'a>, options: &CheckOptions) -> Analysis<'a> {
    let mut raw = Vec::new();
    match parsed {
        Err(error) => not_json(error, options),
        Ok((document, lone_surrogates)) => {
            for span in lone_surrogates {
                raw.push(RawDiagnostic {
                    rule: rules::INVALID_JSON,
                    severity: rules::default_severity(rules::INVALID_JSON),
                    message: format!(
                        "lone surrogate escape `{}`: it has no UTF-8 form",
                        String::from_utf8_lossy(&input[span.start..span.end])
                    ),
                    pointer: pointer::at_offset(&document, span.start),
                    span,
                    help: Some("write the whole surrogate pair, or the character itself".into()),
                    related: None,
                    fix: None,
                    params: Default::default(),
                });
            }
            let (kind, api) = kind_and_api(&document, options);
            validate::validate(&document, kind, api, &mut raw);
            Analysis {
                kind,
                api,
                document: Some(document),
                raw,
            }
        }
    }
}

fn run_preset_rules(preset: &Preset<'_>, out: &mut Vec<RawDiagnostic>) {
    for entry in rules::catalog() {
        if let rules::Runner::Preset(run) = entry.run {
            run(preset, out);
        }
    }
}

/// Applies the rule settings (levels, scoped overrides) and resolves positions with `position`
/// (a byte offset to a line and a column).
fn finish_with(
    options: &CheckOptions,
    analysis: Analysis,
    position: impl Fn(usize) -> (usize, usize),
) -> Report {
    Report {
        kind: analysis.kind,
        api: analysis.api,
        diagnostics: resolve(options, analysis.raw, position),
    }
}

/// Applies the rule settings (levels, scoped overrides), turns byte spans into lines and columns,
/// and puts the findings in document order.
fn resolve(
    options: &CheckOptions,
    raw: Vec<RawDiagnostic>,
    position: impl Fn(usize) -> (usize, usize),
) -> Vec<Diagnostic> {
    let mut raw: Vec<RawDiagnostic> = raw
        .into_iter()
        .filter_map(|mut d| {
            if let Some(level) = options.rules.configured(d.rule, &d.pointer) {
                d.severity = level.severity()?;
            }
            Some(d)
        })
        .collect();
    order::sort_by(&mut raw, |a, b| {
        (a.span, &a.pointer).cmp(&(b.span, &b.pointer))
    });
    raw.into_iter()
        .map(|d| {
            let (line, column) = position(d.span.start);
            let (end_line, end_column) = position(d.span.end);
            let related = d
                .related
                .map(|(span, message)| {
                    let (line, column) = position(span.start);
                    let (end_line, end_column) = position(span.end);
                    diagnostic::Related {
                        message,
                        line,
                        column,
                        end_line,
                        end_column,
                        span,
                    }
                })
                .into_iter()
                .collect();
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
                help: d.help,
                related,
                fix: d.fix,
                params: d.params,
            }
        })
        .collect()
}

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

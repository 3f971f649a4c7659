//! The report formats: miette's graphical report, the one-line format, the JSON object of the CLI
//! contract, SARIF and GitHub workflow commands.

use crate::config::ConfigError;
use crate::files::Loaded;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};
use rtk_preset_core::fix::Applicability;
use rtk_preset_core::{Diagnostic, Report, Severity};
use serde::Serialize;
use std::fmt;
use std::io::Write as _;

mod lines;
mod sarif;

pub(crate) use lines::{concise, statistics_json, Style};
pub(crate) use sarif::{fnv1a, sarif, Notice};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    summary: Summary,
    /// With `--statistics`: the findings counted by rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    statistics: Option<Vec<serde_json::Value>>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: std::borrow::Cow<'a, str>,
    kind: &'static str,
    api: &'static str,
    diagnostics: &'a [Diagnostic],
}

/// The counts of a report: files checked, findings by severity, and the findings `--fix` can fix.
#[derive(Serialize, Default)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// Findings `--fix` fixes.
    fixable: usize,
    /// Findings only `--fix --unsafe-fixes` fixes.
    unsafe_fixable: usize,
}

fn summarise(reports: &[Option<Report>]) -> Summary {
    let mut summary = Summary::default();
    for report in reports.iter().flatten() {
        summary.files += 1;
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => summary.fixable += 1,
                Some(Applicability::Unsafe) => summary.unsafe_fixable += 1,
                None => {}
            }
        }
    }
    summary
}

/// Writes the `--format json` report: exactly one JSON object, and a newline.
pub(crate) fn json(
    documents: &[Loaded],
    reports: &[Option<Report>],
    statistics: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let report = JsonReport {
        statistics: statistics.then(|| statistics_json(reports)),
        version: 1,
        files: documents
            .iter()
            .zip(reports)
            .filter_map(|(document, report)| {
                let report = report.as_ref()?;
                Some(JsonFile {
                    path: document.name(),
                    kind: report.kind.as_str(),
                    api: report.api.as_str(),
                    diagnostics: &report.diagnostics,
                })
            })
            .collect(),
        summary: summarise(reports),
    };
    // Through a buffer of its own: serde writes many small pieces, each a dynamic call on `out`
    // (the report of 10,000 files was a twentieth of a run's instructions).
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, &mut *out);
    serde_json::to_writer_pretty(&mut buffered, &report)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// One finding as a miette diagnostic over its file's source.
struct Finding<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a NamedSource<Vec<u8>>,
}

impl fmt::Debug for Finding<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Finding<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Finding<'_> {}

impl miette::Diagnostic for Finding<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}{}",
            self.diagnostic.rule,
            lines::fix_marker(self.diagnostic)
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.diagnostic.span;
        let label = match (self.diagnostic.rule, self.diagnostic.pointer.as_str()) {
            (rtk_preset_core::rules::INVALID_JSON, _) => "here".to_owned(),
            (_, "") => "the document".to_owned(),
            (_, pointer) => pointer.to_owned(),
        };
        let related =
            self.diagnostic.related.iter().map(|r| {
                LabeledSpan::new_with_span(Some(r.message.clone()), r.span.start..r.span.end)
            });
        Some(Box::new(
            std::iter::once(LabeledSpan::new_primary_with_span(
                Some(label),
                span.start..span.end,
            ))
            .chain(related),
        ))
    }
}

/// The `--format pretty` report: miette's graphical report of every finding, then a summary.
pub(crate) fn pretty(documents: &[Loaded], reports: &[Option<Report>], style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(style.width);
    let mut out = String::new();
    // With `--statistics`, the counts stand instead of the findings.
    let shown = if style.statistics {
        out.push_str(&lines::statistics(reports));
        0
    } else {
        documents.len()
    };
    for (document, report) in documents.iter().zip(reports).take(shown) {
        let Some(report) = report else {
            continue;
        };
        if report.diagnostics.is_empty() {
            continue;
        }
        let source = NamedSource::new(document.name(), document.text());
        let snippet =
            |d: &Diagnostic| line_length(source.inner(), d.span.start) <= MAX_SNIPPET_LINE;
        for (i, diagnostic) in report.diagnostics.iter().enumerate() {
            // Past the first findings of a file, or on a very long line (a minified file of
            // megabytes), a snippet would repeat the source: one plain line each instead.
            if i >= MAX_SNIPPETS || !snippet(diagnostic) {
                out.push_str(&plain(&document.name(), diagnostic));
                continue;
            }
            let finding = Finding {
                diagnostic,
                source: &source,
            };
            let start = out.len();
            if handler.render_report(&mut out, &finding).is_err() {
                // The snippet could not be rendered: keep the facts in one plain line.
                out.truncate(start);
                out.push_str(&plain(&document.name(), diagnostic));
            }
            out.push('\n');
        }
    }
    if !style.quiet {
        out.push_str(&lines::wrap(
            &lines::summary_line(&summarise(reports)),
            style.width,
        ));
    }
    out
}

/// The most findings of one file shown with a source snippet.
const MAX_SNIPPETS: usize = 200;
/// The longest source line shown in a snippet, in bytes.
const MAX_SNIPPET_LINE: usize = 2000;

/// The length of the line of `text` that holds byte `offset`.
fn line_length(text: &[u8], offset: usize) -> usize {
    let offset = offset.min(text.len());
    let start = text[..offset]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = text[offset..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| offset + i);
    end - start
}

fn plain(path: &str, d: &Diagnostic) -> String {
    let mut line = format!(
        "{path}:{}:{}: {} [{}] {}",
        d.line, d.column, d.severity, d.rule, d.message
    );
    for related in &d.related {
        line.push_str(&format!("; {}", where_related(related)));
    }
    if let Some(help) = &d.help {
        line.push_str(&format!(" (help: {help})"));
    }
    line.push('\n');
    line
}

/// A related place, for formats that have only the message to say it in.
fn where_related(related: &rtk_preset_core::Related) -> String {
    format!(
        "{} is at line {}, column {}",
        related.message, related.line, related.column
    )
}

/// Escapes the message of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property of a workflow command.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The `--format github` report: one workflow command per finding, which GitHub Actions shows as
/// an annotation on the line.
pub(crate) fn github(documents: &[Loaded], reports: &[Option<Report>]) -> String {
    let mut out = String::new();
    for (document, report) in documents.iter().zip(reports) {
        for d in report.iter().flat_map(|r| &r.diagnostics) {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = d.message.clone();
            for related in &d.related {
                message.push_str(&format!("\n{}", where_related(related)));
            }
            if let Some(help) = &d.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            out.push_str(&format!(
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(&document.name()),
                d.line,
                d.column,
                d.end_line,
                d.end_column,
                escape_property(d.rule),
                escape_data(&message)
            ));
        }
    }
    out
}

/// `rules --format json`: `[{"id", "severity", "category", "summary", "fix"}]`.
pub(crate) fn rules_json() -> String {
    let rules: Vec<rtk_preset_core::rules::RuleInfo> = rtk_preset_core::rules::all()
        .map(|meta| meta.info())
        .collect();
    let mut text = serde_json::to_string_pretty(&rules).unwrap_or_default();
    text.push('\n');
    text
}

/// `rules`: one rule a line.
pub(crate) fn rules_text() -> String {
    let rules: Vec<_> = rtk_preset_core::rules::all().collect();
    let width = rules.iter().map(|m| m.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for meta in rules {
        let fix = match meta.fix {
            rtk_preset_core::rules::FixKind::None => "",
            rtk_preset_core::rules::FixKind::Safe => " [fix]",
            rtk_preset_core::rules::FixKind::Unsafe => " [unsafe fix]",
        };
        out.push_str(&format!(
            "{:<width$}  {:<7}  {:<14}  {}{fix}\n",
            meta.id,
            meta.default_level.as_str(),
            meta.category.as_str(),
            meta.summary
        ));
    }
    out
}

/// A unified diff of one file, for `--diff`.
pub(crate) fn unified_diff(name: &str, before: &[u8], after: &[u8]) -> String {
    let before = String::from_utf8_lossy(before);
    let after = String::from_utf8_lossy(after);
    similar::TextDiff::from_lines(before.as_ref(), after.as_ref())
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// A configuration error as miette renders it, pointing into the file.
pub(crate) fn config_error(error: &ConfigError) -> String {
    render_config(error, false)
}

/// A warning about a configuration that is still used, as [`config_error`] shows errors.
pub(crate) fn config_warning(warning: &ConfigError) -> String {
    render_config(warning, true)
}

fn render_config(error: &ConfigError, warning: bool) -> String {
    #[derive(Debug)]
    struct Rendered<'a>(&'a ConfigError, NamedSource<String>, bool);
    impl fmt::Display for Rendered<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0.message)
        }
    }
    impl std::error::Error for Rendered<'_> {}
    impl miette::Diagnostic for Rendered<'_> {
        fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
            Some(Box::new("config"))
        }
        fn severity(&self) -> Option<miette::Severity> {
            Some(if self.2 {
                miette::Severity::Warning
            } else {
                miette::Severity::Error
            })
        }
        fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
            self.0
                .help
                .as_ref()
                .map(|h| Box::new(h) as Box<dyn fmt::Display>)
        }
        fn source_code(&self) -> Option<&dyn SourceCode> {
            self.0.span.as_ref().map(|_| &self.1 as &dyn SourceCode)
        }
        fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
            let span = self.0.span.clone()?;
            Some(Box::new(std::iter::once(
                LabeledSpan::new_primary_with_span(Some("here".into()), span),
            )))
        }
    }
    let name = error.path.display().to_string();
    let rendered = Rendered(error, NamedSource::new(&name, error.text.clone()), warning);
    let handler =
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(100);
    let mut out = String::new();
    if handler.render_report(&mut out, &rendered).is_err() {
        out = format!("{name}: {}\n", error.message);
    }
    if warning {
        format!("rtk-preset: warning in configuration `{name}`\n{out}")
    } else {
        format!("rtk-preset: invalid configuration `{name}`\n{out}")
    }
}

/// What a run did not check and why, one line each for standard error, so that a walk never
/// passes in silence: the JSON files that are not presets (and how to check them), the files
/// `rtk-preset.toml` excludes, the symbolic links not followed (and `--follow`), the loops
/// `--follow` met, and, when nothing at all was checked, why (as ruff does). The exit code stays
/// what the findings make it.
pub(crate) fn not_checked(
    checks: &crate::files::Checks,
    collected: &crate::files::Collected,
    paths: &[std::path::PathBuf],
    walk: crate::files::Walk<'_>,
    explicit: Option<&crate::config::Config>,
) -> Vec<String> {
    // The configuration that excluded files: `--config`'s (whose globs are relative to its own
    // directory, not to where the files are), else each directory's own.
    let config = match explicit {
        Some(c) => format!(
            "`{}` (its globs are relative to `{}`)",
            c.path.display(),
            c.dir().display()
        ),
        None => "rtk-preset.toml".to_owned(),
    };
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    /// The first few names, then how many more.
    fn some(names: impl ExactSizeIterator<Item = String>) -> String {
        const SHOWN: usize = 3;
        let total = names.len();
        let mut shown: Vec<String> = names.take(SHOWN).map(|n| format!("`{n}`")).collect();
        if total > SHOWN {
            shown.push(format!("{} more", total - SHOWN));
        }
        shown.join(", ")
    }
    let mut lines = Vec::new();
    let skipped = &checks.skipped;
    if !skipped.is_empty() {
        let what = plural(
            skipped.len(),
            "JSON file that is not a preset document",
            "JSON files that are not preset documents",
        );
        let name_it = if walk.force_exclude {
            ""
        } else {
            "name it on the command line, or "
        };
        lines.push(format!(
            "skipped {what} ({}); to check one anyway, {name_it}select the presets with \
             `include` in rtk-preset.toml",
            some(skipped.iter().map(|s| s.name().into_owned()))
        ));
    }
    let checked = checks.documents.iter().any(|d| !d.context);
    if collected.excluded > 0 && checked {
        lines.push(format!(
            "{} by the `include` and `exclude` of {config}",
            plural(
                collected.excluded,
                "JSON file excluded",
                "JSON files excluded"
            )
        ));
    }
    if !collected.links.is_empty() {
        lines.push(format!(
            "did not follow {} ({}); `--follow` checks what they lead to",
            plural(collected.links.len(), "symbolic link", "symbolic links"),
            some(collected.links.iter().map(|l| l.display().to_string()))
        ));
    }
    lines.extend(collected.loops.iter().cloned());
    if checked || !checks.unread.is_empty() || !collected.problems.is_empty() {
        return lines;
    }
    let why = match (skipped.len(), collected.excluded) {
        (0, 0) => "no JSON files found".to_owned(),
        (_, 0) => "no preset documents among the JSON files found".to_owned(),
        (0, excluded) => format!(
            "{} by the `include` and `exclude` of {config}",
            plural(
                excluded,
                "JSON file found is excluded",
                "JSON files found are all excluded"
            )
        ),
        (_, excluded) => format!(
            "{} excluded by {config}, the others are not presets",
            plural(excluded, "JSON file is", "JSON files are")
        ),
    };
    let places: Vec<String> = paths.iter().map(|p| format!("`{}`", p.display())).collect();
    lines.push(format!("nothing checked: {why} in {}", places.join(", ")));
    lines
}

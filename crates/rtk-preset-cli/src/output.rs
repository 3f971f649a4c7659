//! The report formats: miette's graphical report, and the JSON object of the CLI contract.

use crate::files::Checked;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};
use rtk_preset_core::{Diagnostic, Severity};
use serde::Serialize;
use std::fmt;
use std::io::IsTerminal as _;

/// Colours when standard output is a terminal and `NO_COLOR` is not set.
pub(crate) fn color_wanted() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    kind: &'static str,
    api: &'static str,
    diagnostics: &'a [Diagnostic],
}

#[derive(Serialize, Default)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
}

fn summarise(results: &[Checked]) -> Summary {
    let mut summary = Summary::default();
    for result in results {
        summary.files += 1;
        for d in result.report.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => {}
            }
        }
    }
    summary
}

/// The `--format json` report: exactly one JSON object.
pub(crate) fn json(results: &[Checked]) -> String {
    let report = JsonReport {
        version: 1,
        files: results
            .iter()
            .filter_map(|r| {
                let report = r.report.as_ref()?;
                Some(JsonFile {
                    path: &r.path,
                    kind: report.kind.as_str(),
                    api: report.api.as_str(),
                    diagnostics: &report.diagnostics,
                })
            })
            .collect(),
        summary: summarise(results),
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
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
        Some(Box::new(self.diagnostic.rule))
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
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(label), span.start..span.end),
        )))
    }
}

/// The `--format pretty` report: miette's graphical report of every finding, then a summary.
pub(crate) fn pretty(results: &[Checked], color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    for result in results {
        let Some(report) = &result.report else {
            continue;
        };
        if report.diagnostics.is_empty() {
            continue;
        }
        let source = NamedSource::new(&result.path, result.text.clone());
        for diagnostic in &report.diagnostics {
            let finding = Finding {
                diagnostic,
                source: &source,
            };
            let start = out.len();
            if handler.render_report(&mut out, &finding).is_err() {
                // The snippet could not be rendered: keep the facts in one plain line.
                out.truncate(start);
                out.push_str(&plain(&result.path, diagnostic));
            }
            out.push('\n');
        }
    }
    let summary = summarise(results);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    out.push_str(&format!(
        "{}: {}, {}\n",
        plural(summary.files, "file"),
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning")
    ));
    out
}

fn plain(path: &str, d: &Diagnostic) -> String {
    let mut line = format!(
        "{path}:{}:{}: {} [{}] {}",
        d.line, d.column, d.severity, d.rule, d.message
    );
    if let Some(help) = &d.help {
        line.push_str(&format!(" (help: {help})"));
    }
    line.push('\n');
    line
}

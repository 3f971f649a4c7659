//! The reports of one line per item: `--format concise`, `--statistics`, the summary line, and
//! the mark of a finding that a fix resolves.

use super::Summary;
use crate::files::Loaded;
use rtk_preset_core::fix::Applicability;
use rtk_preset_core::{Diagnostic, Report, Severity};

/// How the pretty and concise reports are shown.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Style {
    /// Colour (`--color`, the environment, the terminal).
    pub(crate) color: bool,
    /// The widest line, for the pretty report's snippets.
    pub(crate) width: usize,
    /// `--quiet`: no summary line.
    pub(crate) quiet: bool,
    /// `--statistics`: counts by rule instead of each finding.
    pub(crate) statistics: bool,
}

/// What a finding's fix needs, after its rule: ` [fixable]` for `--fix`, ` [fixable with
/// --unsafe-fixes]` for an unsafe fix, nothing without a fix.
pub(crate) fn fix_marker(d: &Diagnostic) -> &'static str {
    match d.fix.as_ref().map(|f| f.applicability) {
        Some(Applicability::Safe) => " [fixable]",
        Some(Applicability::Unsafe) => " [fixable with --unsafe-fixes]",
        None => "",
    }
}

/// The summary line: "3 files: 2 errors, 1 warning, 1 info (1 fixable with `--fix`, 1 more with
/// `--fix --unsafe-fixes`)"; infos and fixes only when there are any.
pub(super) fn summary_line(summary: &Summary) -> String {
    let infos = match summary.infos {
        0 => String::new(),
        n => format!(", {}", plural(n, "info")),
    };
    let fixable = match (summary.fixable, summary.unsafe_fixable) {
        (0, 0) => String::new(),
        (safe, 0) => format!(" ({safe} fixable with `--fix`)"),
        (0, more) => format!(" ({more} fixable with `--fix --unsafe-fixes`)"),
        (safe, more) => {
            format!(" ({safe} fixable with `--fix`, {more} more with `--fix --unsafe-fixes`)")
        }
    };
    format!(
        "{}: {}, {}{infos}{fixable}\n",
        plural(summary.files, "file"),
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
    )
}

/// `line` (ending in a newline) broken at spaces into lines of at most `width` characters (a
/// word longer than that stays whole), for a narrow terminal.
pub(super) fn wrap(line: &str, width: usize) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut current = 0;
    for word in line.trim_end().split(' ') {
        let length = word.chars().count();
        if current > 0 && current + 1 + length > width {
            out.push('\n');
            current = 0;
        } else if current > 0 {
            out.push(' ');
            current += 1;
        }
        out.push_str(word);
        current += length;
    }
    out.push('\n');
    out
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `--format concise`: `PATH:LINE:COLUMN: SEVERITY: MESSAGE [RULE]` (the form of GCC, which
/// editors' problem matchers read), the fix mark, then the summary line.
pub(crate) fn concise(documents: &[Loaded], reports: &[Option<Report>], style: Style) -> String {
    let mut out = String::new();
    if style.statistics {
        out.push_str(&statistics(reports));
    } else {
        for (document, report) in documents.iter().zip(reports) {
            for d in report.iter().flat_map(|r| &r.diagnostics) {
                out.push_str(&format!(
                    "{}:{}:{}: {}: {} [{}]{}\n",
                    document.name(),
                    d.line,
                    d.column,
                    d.severity,
                    one_line(&d.message),
                    d.rule,
                    fix_marker(d)
                ));
            }
        }
    }
    if !style.quiet {
        out.push_str(&summary_line(&super::summarise(reports)));
    }
    out
}

/// A message on one line (messages are one line; this keeps the format whatever comes).
fn one_line(message: &str) -> String {
    message.replace(['\n', '\r'], " ")
}

/// The findings counted by rule, most first: `(rule, severity, count, fixable with --fix,
/// fixable with --unsafe-fixes)`. A rule whose findings have several severities (a scoped
/// override) counts each apart.
fn counts(reports: &[Option<Report>]) -> Vec<(&'static str, Severity, usize, usize, usize)> {
    let mut counts: Vec<(&'static str, Severity, usize, usize, usize)> = Vec::new();
    for d in reports.iter().flatten().flat_map(|r| &r.diagnostics) {
        let i = match counts
            .iter()
            .position(|c| c.0 == d.rule && c.1 == d.severity)
        {
            Some(i) => i,
            None => {
                counts.push((d.rule, d.severity, 0, 0, 0));
                counts.len() - 1
            }
        };
        counts[i].2 += 1;
        match d.fix.as_ref().map(|f| f.applicability) {
            Some(Applicability::Safe) => counts[i].3 += 1,
            Some(Applicability::Unsafe) => counts[i].4 += 1,
            None => {}
        }
    }
    counts.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    counts
}

/// `--statistics` in the pretty and concise reports: a line per rule, most findings first.
pub(super) fn statistics(reports: &[Option<Report>]) -> String {
    let counts = counts(reports);
    let width = counts.iter().map(|c| c.0.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (rule, severity, count, safe, more) in counts {
        let fixable = match (safe, more) {
            (0, 0) => String::new(),
            (safe, 0) => format!("  {safe} fixable with `--fix`"),
            (0, more) => format!("  {more} fixable with `--fix --unsafe-fixes`"),
            (safe, more) => {
                format!("  {safe} fixable with `--fix`, {more} more with `--fix --unsafe-fixes`")
            }
        };
        let severity = severity.to_string();
        let line = format!("{count:>6}  {rule:<width$}  {severity:<7}{fixable}");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `--statistics` in the JSON report: `[{rule, severity, count, fixable, unsafe_fixable}]`.
pub(crate) fn statistics_json(reports: &[Option<Report>]) -> Vec<serde_json::Value> {
    counts(reports)
        .into_iter()
        .map(|(rule, severity, count, safe, more)| {
            serde_json::json!({
                "rule": rule,
                "severity": severity,
                "count": count,
                "fixable": safe,
                "unsafe_fixable": more,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrapping_breaks_at_spaces_only_when_needed() {
        let line = "1 file: 4 errors, 2 warnings (1 fixable with `--fix`)\n";
        assert_eq!(super::wrap(line, 100), line);
        assert_eq!(
            super::wrap(line, 20),
            "1 file: 4 errors, 2\nwarnings (1 fixable\nwith `--fix`)\n"
        );
        assert_eq!(
            super::wrap("averyveryverylongword x\n", 5),
            "averyveryverylongword\nx\n"
        );
    }
}

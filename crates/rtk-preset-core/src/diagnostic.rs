//! Diagnostics: what is wrong, where (pointer, byte span, line and column), and what to do.

use serde::Serialize;
use std::fmt;

/// A byte range `[start, end)` of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a check.
    Info,
    /// Probably a mistake; does not fail a check.
    Warning,
    /// The API would reject the document, or it cannot work as written; fails a check.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding, shaped as one entry of the CLI's JSON `diagnostics` array.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The rule id, e.g. `out-of-range`.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong: lowercase, concrete, names the key or value.
    pub message: String,
    /// RFC 6901 pointer to the value at fault (for a missing field, the field itself).
    pub pointer: String,
    /// 1-based line of the span's start.
    pub line: usize,
    /// 1-based column of the span's start, in Unicode scalar values.
    pub column: usize,
    /// 1-based line of the span's end.
    pub end_line: usize,
    /// 1-based column of the span's end (exclusive).
    pub end_column: usize,
    /// Where in the input, in bytes.
    pub span: Span,
    /// What to do about it, when there is something to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Text edits that resolve the finding, when the rule has a fix (not part of the JSON report).
    #[serde(skip)]
    pub fix: Option<crate::fix::Fix>,
}

/// Escapes one reference token of an RFC 6901 JSON Pointer.
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Maps byte offsets to 1-based lines and columns (columns count Unicode scalar values).
///
/// Lines end at `\n`; a `\r` before it belongs to the line it ends.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a [u8],
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a [u8]) -> LineIndex<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.iter()
                .enumerate()
                .filter(|(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, line_starts }
    }

    /// The 1-based line and column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        // Count scalar values: every byte that does not continue a UTF-8 sequence starts one.
        // Bytes of invalid UTF-8 count one each.
        let column = self.text[start..offset]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        (line + 1, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_scalar_values() {
        let text = "{\n  \"é\": 31\r\n}".as_bytes();
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(2), (2, 1));
        let value = text.iter().position(|&b| b == b'3').unwrap();
        assert_eq!(index.position(value), (2, 8));
        assert_eq!(index.position(text.len()), (3, 2));
        assert_eq!(index.position(usize::MAX), (3, 2));
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(escape_pointer_token("a/b~c"), "a~1b~0c");
    }
}

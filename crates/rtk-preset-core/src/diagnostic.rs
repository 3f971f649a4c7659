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

    /// Whether it covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.start >= self.end
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
    /// Other places the finding refers to (the first of two duplicate keys), in the same document.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// Text edits that resolve the finding, when the rule has a fix: in the JSON report as
    /// `{"applicability": "safe" | "unsafe", "description", "edits": [{"span", "replacement"}]}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<crate::fix::Fix>,
    /// Machine-readable facts of the finding, for apps that word or translate their own messages
    /// (the npm package reports them; not part of the CLI's JSON report). See [`Params`].
    #[serde(skip)]
    pub params: Params,
}

/// Another place a finding refers to, in the same document: shown as a secondary label, LSP
/// `relatedInformation`, SARIF `relatedLocations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// What is there: "the first `name`".
    pub message: String,
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
}

/// The facts behind a finding's message, by name: `expected` (the JSON types a field takes),
/// `found` (the type it has), `allowed` (the values it may take), `suggestion` (the nearest valid
/// value or key), `minimum` / `maximum` (the bound crossed), `format` (`uuid`, `date-time`, `uri`),
/// `revision` (the API revision where a value or field exists), `key` (a repeated or unknown key),
/// `belongs` (the sibling object an unknown key is a field of), `typo` (a key that looks like a
/// misspelling of a missing field), `count` (findings left out). Which are present depends on the
/// rule.
pub type Params = serde_json::Map<String, serde_json::Value>;

/// Maps byte offsets to 1-based lines and columns (columns count Unicode scalar values).
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as editors and the pretty report see them; a UTF-8
/// byte order mark takes no column. A lookup costs at most one block of bytes, however long the
/// line (minified documents are one line).
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a [u8],
    line_starts: Vec<usize>,
    /// Scalar values before each block of [`BLOCK`] bytes.
    checkpoints: Vec<usize>,
    bom: bool,
}

const BLOCK: usize = 256;

/// Whether a word of eight bytes holds a `\n` or a `\r`.
#[cfg(any(target_arch = "wasm32", test))]
fn has_line_break(word: u64) -> bool {
    use crate::json::bytes_equal;
    bytes_equal(word, b'\n') | bytes_equal(word, b'\r') != 0
}

/// Whether a byte starts a scalar value (bytes of invalid UTF-8 count one each).
fn starts_scalar(b: u8) -> bool {
    (b & 0xC0) != 0x80
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a [u8]) -> LineIndex<'a> {
        let mut line_starts = vec![0];
        #[cfg(not(target_arch = "wasm32"))]
        for i in memchr::memchr2_iter(b'\n', b'\r', text) {
            if text[i] == b'\n' || text.get(i + 1) != Some(&b'\n') {
                line_starts.push(i + 1);
            }
        }
        // Without memchr (smaller): eight bytes at a time, most words holding no line break.
        #[cfg(target_arch = "wasm32")]
        {
            let mut i = 0;
            while i < text.len() {
                if crate::json::word_at(text, i).is_some_and(|word| !has_line_break(word)) {
                    i += 8;
                    continue;
                }
                if text[i] == b'\n' || (text[i] == b'\r' && text.get(i + 1) != Some(&b'\n')) {
                    line_starts.push(i + 1);
                }
                i += 1;
            }
        }
        LineIndex::with_line_starts(text, line_starts)
    }

    /// Indexes `text` with the line starts whoever read it already found (0 first, then the
    /// offset after each `\n`, `\r\n` or lone `\r`, in order), or else finds them.
    pub(crate) fn of(text: &'a [u8], line_starts: Option<Vec<usize>>) -> LineIndex<'a> {
        match line_starts {
            Some(starts) => LineIndex::with_line_starts(text, starts),
            None => LineIndex::new(text),
        }
    }

    /// Indexes `text` whose lines start at `line_starts` (see [`LineIndex::of`]).
    pub(crate) fn with_line_starts(text: &'a [u8], line_starts: Vec<usize>) -> LineIndex<'a> {
        // In ASCII text (most documents) a column is a byte count: no checkpoints needed.
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            checkpoints.reserve(text.len() / BLOCK + 1);
            let mut count = 0;
            for block in text.chunks(BLOCK) {
                checkpoints.push(count);
                count += block.iter().filter(|&&b| starts_scalar(b)).count();
            }
            checkpoints.push(count);
        }
        LineIndex {
            text,
            line_starts,
            checkpoints,
            bom: text.starts_with(&[0xEF, 0xBB, 0xBF]),
        }
    }

    /// Scalar values in `text[..offset]`, not counting a byte order mark.
    fn scalars_before(&self, offset: usize) -> usize {
        if self.checkpoints.is_empty() {
            return offset;
        }
        let block = offset / BLOCK;
        let counted = self.checkpoints[block]
            + self.text[block * BLOCK..offset]
                .iter()
                .filter(|&&b| starts_scalar(b))
                .count();
        counted - usize::from(self.bom && offset >= 3)
    }

    /// The 1-based line and column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.scalars_before(offset) - self.scalars_before(start);
        (line + 1, column + 1)
    }

    /// The 0-based line and the column in UTF-16 code units of a byte offset (clamped to the
    /// text, and back to the start of its character): a position as the Language Server Protocol
    /// counts it.
    pub fn utf16_position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while offset > 0 && !starts_scalar(self.text[offset]) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let units = utf16_units(&self.text[self.line_starts[line]..offset]);
        (line, units)
    }

    /// The byte offset of a 0-based line and a column in UTF-16 code units: a column past the
    /// line's end means its end, a line past the last the end of the text.
    pub fn offset_of_utf16(&self, line: usize, character: usize) -> usize {
        let Some(&start) = self.line_starts.get(line) else {
            return self.text.len();
        };
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let mut content = &self.text[start..end];
        while let [rest @ .., b'\n' | b'\r'] = content {
            content = rest;
        }
        let mut units = 0;
        let mut at = 0;
        while at < content.len() && units < character {
            let width = utf8_width(content[at]);
            units += if width == 4 { 2 } else { 1 };
            at = (at + width).min(content.len());
        }
        start + at
    }
}

/// The bytes of the UTF-8 sequence a lead byte starts (1 for a byte that starts none).
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// UTF-16 code units of UTF-8 text (a byte of invalid UTF-8 counts one).
fn utf16_units(text: &[u8]) -> usize {
    text.iter()
        .filter(|&&b| starts_scalar(b))
        .map(|&b| if utf8_width(b) == 4 { 2 } else { 1 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The WebAssembly's test of a word for line breaks, against the bytes, on words of every
    /// byte in every position among others that are or are not breaks.
    #[test]
    fn a_word_holds_a_line_break_exactly_when_a_byte_is_one() {
        for fill in [b'a', 0x00, 0x0B, 0x0C, 0x0E, 0x80, 0xFF, b'\n'] {
            for b in 0..=u8::MAX {
                for at in 0..8 {
                    let mut bytes = [fill; 8];
                    bytes[at] = b;
                    let expected = bytes.iter().any(|&b| b == b'\n' || b == b'\r');
                    let word = u64::from_le_bytes(bytes);
                    assert_eq!(has_line_break(word), expected, "{bytes:?}");
                }
            }
        }
    }

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
    fn lone_carriage_returns_end_lines_and_the_bom_takes_no_column() {
        let index = LineIndex::new(b"\r\r\r{");
        assert_eq!(index.position(3), (4, 1));
        let bom = LineIndex::new(b"\xEF\xBB\xBF{}");
        assert_eq!(bom.position(3), (1, 1));
        assert_eq!(bom.position(4), (1, 2));
    }

    #[test]
    fn utf16_positions_round_trip() {
        let text = "{\r\n  \"Gäste 🎉\": 1,\n  \"b\": 2\r}";
        let index = LineIndex::new(text.as_bytes());
        for (offset, _) in text.char_indices() {
            // Between the two bytes of a `\r\n` is no place in the text.
            if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                continue;
            }
            let (line, character) = index.utf16_position(offset);
            assert_eq!(index.offset_of_utf16(line, character), offset, "{offset}");
        }
        let one = text.find('1').unwrap();
        // `  "Gäste 🎉": ` is 2 + 1 + 5 + 1 + 2 (the emoji) + 1 + 2 units.
        assert_eq!(index.utf16_position(one), (1, 14));
        assert_eq!(index.offset_of_utf16(1, 999), text.find(",\n").unwrap() + 1);
        assert_eq!(index.offset_of_utf16(9, 0), text.len());
        // Inside a character: back to its start.
        let emoji = text.find('🎉').unwrap();
        assert_eq!(index.utf16_position(emoji + 2), index.utf16_position(emoji));
    }

    #[test]
    fn long_lines_are_indexed_by_blocks() {
        let line = "é".repeat(1000) + "x";
        let index = LineIndex::new(line.as_bytes());
        assert_eq!(index.position(2000), (1, 1001));
        assert_eq!(index.position(1000), (1, 501));
    }
}

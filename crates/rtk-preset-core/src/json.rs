//! A strict RFC 8259 JSON parser that keeps what validation needs and `serde_json` drops: the byte
//! span of every key and value, every member of an object in order (duplicates included), and the
//! exact text of every number.
//!
//! It never recurses deeper than [`Limits::max_depth`] and refuses inputs over
//! [`Limits::max_size`], so hostile input ends in a [`ParseError`], not a stack overflow.

use crate::diagnostic::Span;
use std::borrow::Cow;

/// A JSON value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    /// The value.
    pub value: Value<'a>,
    /// Where the value stands in the input, in bytes.
    pub span: Span,
}

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(Number<'a>),
    /// A string, unescaped: borrowed from the input unless it has escapes.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Node<'a>>),
    /// An object's members in document order, duplicates included.
    Object(Vec<Member<'a>>),
}

/// One `"key": value` member of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    /// The key, unescaped: borrowed from the input unless it has escapes.
    pub key: Cow<'a, str>,
    /// The key's position, quotes included.
    pub key_span: Span,
    /// Whether the key had a lone surrogate escape (`\ud800`), which has no UTF-8 form and was read
    /// as U+FFFD: such a key cannot be compared exactly with another.
    pub key_lossy: bool,
    /// The value.
    pub value: Node<'a>,
}

/// String equality for keys, cheap when they differ: length, first and last bytes before the rest
/// (objects are matched key by key against schemas, paths and each other, and most pairs differ
/// early, where a call to `memcmp` per pair would cost more than the walk).
#[cfg(not(target_arch = "wasm32"))]
#[inline]
pub(crate) fn same_key(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() || a.first() != b.first() || a.last() != b.last() {
        return false;
    }
    // Keys of 4 to 16 bytes (most of them) as two overlapping words each, without a call.
    let word = |s: &[u8], at: usize, n: usize| {
        s.get(at..at + n).map(|w| {
            let mut bytes = [0u8; 8];
            bytes[..n].copy_from_slice(w);
            u64::from_ne_bytes(bytes)
        })
    };
    let n = a.len();
    match n {
        4..=7 => word(a, 0, 4) == word(b, 0, 4) && word(a, n - 4, 4) == word(b, n - 4, 4),
        8..=16 => word(a, 0, 8) == word(b, 0, 8) && word(a, n - 8, 8) == word(b, n - 8, 8),
        _ => a == b,
    }
}

/// String equality for keys in the WebAssembly, built for size: there the closure and the
/// `Option` comparisons of the native form are calls, each costlier than comparing the bytes.
#[cfg(target_arch = "wasm32")]
#[inline(always)]
pub(crate) fn same_key(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    // The first and last bytes before a call to `memcmp`, which most pairs never reach.
    n == b.len() && (n == 0 || (a[0] == b[0] && a[n - 1] == b[n - 1] && a == b))
}

/// A JSON number, kept as its exact text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number<'a>(&'a str);

impl<'a> Number<'a> {
    /// A number of this text, which the caller has read as a JSON number.
    pub(crate) fn new(text: &'a str) -> Number<'a> {
        Number(text)
    }

    /// The number exactly as written in the document.
    pub fn as_str(&self) -> &'a str {
        self.0
    }
}

impl<'a> Node<'a> {
    /// The value of member `key` of this object (the last, when the key is repeated, as most
    /// parsers keep it); `None` for a missing key or a node that is not an object.
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.member(key).map(|m| &m.value)
    }

    /// Member `key` of this object, as [`Node::get`] finds it.
    pub fn member(&self, key: &str) -> Option<&Member<'a>> {
        let Value::Object(members) = &self.value else {
            return None;
        };
        #[cfg(not(target_arch = "wasm32"))]
        return members.iter().rev().find(|m| same_key(&m.key, key));
        // By hand, last first: the WebAssembly, built for size, would call the iterator's
        // adapters and the closure for each member.
        #[cfg(target_arch = "wasm32")]
        {
            let mut i = members.len();
            while i > 0 {
                i -= 1;
                if same_key(&members[i].key, key) {
                    return Some(&members[i]);
                }
            }
            None
        }
    }
}

impl Value<'_> {
    /// The JSON type's name with its article, for messages: "an object", "a string", ...
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(n)
                if crate::number::Decimal::parse(n.as_str()).is_some_and(|d| d.is_integer()) =>
            {
                "an integer"
            }
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// Converts to a `serde_json` value. Numbers that `serde_json` cannot hold (such as `1e400`)
    /// give `None`; the last of duplicate keys wins, as in `serde_json`.
    pub fn to_serde(&self) -> Option<serde_json::Value> {
        Some(match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::Value::Number(serde_number(n.as_str())?),
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::Array(items) => serde_json::Value::Array(
                items
                    .iter()
                    .map(|n| n.value.to_serde())
                    .collect::<Option<_>>()?,
            ),
            Value::Object(members) => {
                let mut map = serde_json::Map::new();
                for m in members {
                    map.insert(m.key.to_string(), m.value.value.to_serde()?);
                }
                serde_json::Value::Object(map)
            }
        })
    }
}

/// Limits that keep hostile input cheap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The deepest nesting of arrays and objects accepted.
    pub max_depth: usize,
    /// The largest input accepted, in bytes.
    pub max_size: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 128,
            max_size: 4 * 1024 * 1024,
        }
    }
}

/// Why a document is not valid JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// What is wrong, lowercase.
    pub message: String,
    /// What to do about it, when there is something obvious.
    pub help: Option<String>,
    /// Where the parser stopped, in bytes.
    pub span: Span,
}

/// A number's text (as the parser accepted it) as a `serde_json` number, as `serde_json` reads
/// it: whole numbers exactly as `u64` or `i64`, `-0` and the rest as the nearest `f64`; `None`
/// where no finite `f64` holds it (`1e400`). Not `serde_json::from_str`: its deserializer (and
/// the float formatting of its messages) would go into the npm package's WebAssembly.
pub fn serde_number(text: &str) -> Option<serde_json::Number> {
    if !text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) && text != "-0" {
        if let Ok(n) = text.parse::<u64>() {
            return Some(n.into());
        }
        if let Ok(n) = text.parse::<i64>() {
            return Some(n.into());
        }
    }
    serde_json::Number::from_f64(crate::number::to_f64(text)?)
}

/// A number's text as a JSON value for apps: the number (see [`serde_number`]), or its text as
/// a string when no `f64` holds it (`1e400`).
pub fn number_value(text: &str) -> serde_json::Value {
    serde_number(text).map_or_else(|| serde_json::Value::String(text.to_owned()), Into::into)
}

/// Parses a whole document. A UTF-8 byte order mark at the start is skipped.
pub fn parse(input: &[u8], limits: Limits) -> Result<Node<'_>, ParseError> {
    parse_noting(input, limits).map(|(node, _)| node)
}

/// [`parse`], and the places of lone surrogate escapes (`"\ud800"`): JSON's grammar allows them,
/// but they have no UTF-8 form, so each was read as U+FFFD and deserves a finding.
pub fn parse_noting(input: &[u8], limits: Limits) -> Result<(Node<'_>, Vec<Span>), ParseError> {
    if input.len() > limits.max_size {
        return Err(too_large(input.len() as u64, limits));
    }
    if let Some(encoding) = utf16(input) {
        return Err(ParseError {
            message: format!("the input is {encoding}, not UTF-8"),
            help: Some("JSON text must be UTF-8; re-save the file as UTF-8".into()),
            span: Span::new(0, input.len().min(2)),
        });
    }
    let text = std::str::from_utf8(input).map_err(|e| {
        let at = e.valid_up_to();
        let len = e.error_len().unwrap_or(input.len() - at).max(1);
        ParseError {
            message: format!(
                "invalid UTF-8: byte 0x{:02X} does not start a valid UTF-8 sequence",
                input[at]
            ),
            help: Some("JSON text must be UTF-8; re-save the file as UTF-8".into()),
            span: Span::new(at, (at + len).min(input.len())),
        }
    })?;
    let mut parser = Parser {
        text,
        bytes: input,
        pos: 0,
        depth: 0,
        limits,
        lossy: false,
        lone_surrogates: Vec::new(),
    };
    if text.starts_with('\u{FEFF}') {
        parser.pos = 3;
    }
    parser.skip_whitespace();
    if parser.pos == input.len() {
        return Err(parser.error_here("the input is empty: expected a JSON value", None));
    }
    let node = parser.value()?;
    parser.skip_whitespace();
    if parser.pos < input.len() {
        return Err(parser.unexpected("after the JSON value: a document holds one value"));
    }
    Ok((node, parser.lone_surrogates))
}

/// Whether `input` looks like UTF-16: a UTF-16 byte order mark, or ASCII with a zero byte beside
/// every character (as `{"` is in UTF-16).
fn utf16(input: &[u8]) -> Option<&'static str> {
    match input {
        [0xFF, 0xFE, ..] => Some("UTF-16 (little-endian, with a BOM)"),
        [0xFE, 0xFF, ..] => Some("UTF-16 (big-endian, with a BOM)"),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => Some("UTF-16 (little-endian)"),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => Some("UTF-16 (big-endian)"),
        _ => None,
    }
}

/// The error for an input of `size` bytes, above [`Limits::max_size`] (a reader that stops at the
/// limit reports it without reading the rest).
pub fn too_large(size: u64, limits: Limits) -> ParseError {
    ParseError {
        message: format!(
            "the input is {size} bytes, above the limit of {} bytes",
            limits.max_size
        ),
        help: Some("a preset is a few kilobytes".into()),
        span: Span::new(0, 0),
    }
}

/// The string whose opening quote is at byte `at` of `text`, unescaped, and the position after its
/// closing quote; `None` where [`parse`] would report something (a control character, a bad
/// escape, the end of the input) or read a lone surrogate escape as U+FFFD.
pub(crate) fn string_at(text: &str, at: usize) -> Option<(Cow<'_, str>, usize)> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: at,
        depth: 0,
        limits: Limits::default(),
        lossy: false,
        lone_surrogates: Vec::new(),
    };
    let string = parser.string().ok()?;
    (!parser.lossy).then_some((string, parser.pos))
}

/// What is wrong with a number, for [`number_end`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberFault {
    /// `01`: a zero followed by more digits.
    LeadingZero,
    /// No digit after the sign, or no number at all.
    Digit,
    /// No digit after `.`.
    Fraction,
    /// No digit in the exponent.
    Exponent,
}

/// Where the number that starts at `start` ends, by RFC 8259's grammar
/// (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`), or where and why it is not one: the one
/// grammar of both the parser and the fast path ([`crate::fast`]).
pub(crate) fn number_end(bytes: &[u8], start: usize) -> Result<usize, (usize, NumberFault)> {
    let digit = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let digits = |mut at: usize| {
        while digit(at) {
            at += 1;
        }
        at
    };
    let mut at = start + usize::from(bytes.get(start) == Some(&b'-'));
    match bytes.get(at) {
        Some(b'0') if digit(at + 1) => return Err((at + 1, NumberFault::LeadingZero)),
        Some(b'0') => at += 1,
        Some(b'1'..=b'9') => at = digits(at),
        _ => return Err((at, NumberFault::Digit)),
    }
    if bytes.get(at) == Some(&b'.') {
        if !digit(at + 1) {
            return Err((at + 1, NumberFault::Fraction));
        }
        at = digits(at + 1);
    }
    if let Some(b'e' | b'E') = bytes.get(at) {
        at += 1;
        if let Some(b'+' | b'-') = bytes.get(at) {
            at += 1;
        }
        if !digit(at) {
            return Err((at, NumberFault::Exponent));
        }
        at = digits(at);
    }
    Ok(at)
}

/// Eight spaces as a word.
pub(crate) const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);

/// The eight bytes at `at` as a little-endian word (the first byte lowest), if there are eight.
pub(crate) fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

const ONES: u64 = u64::from_ne_bytes([1; 8]);
const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);

/// The bytes of a word below `limit` (at most 0x80), as their high bits: exact up to the first
/// of them, which a subtraction finds (a borrow past it may mark later bytes too); 0 if none.
#[inline(always)]
pub(crate) fn bytes_below(word: u64, limit: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGH
}

/// The bytes of a word equal to `byte`, as [`bytes_below`] marks them (equal bytes are zero
/// after an exclusive or).
#[inline(always)]
pub(crate) fn bytes_equal(word: u64, byte: u8) -> u64 {
    bytes_below(word ^ (ONES * u64::from(byte)), 1)
}

/// The position of the first `"`, `\\` or control character at or after `at` (the length of
/// `bytes` if none): where a string's run of plain characters ends. Found eight bytes at a time
/// ([`bytes_equal`], [`bytes_below`]): exact up to the first of them, which is all that is read.
pub(crate) fn string_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(word) = word_at(bytes, at) {
        let found = bytes_equal(word, b'"') | bytes_equal(word, b'\\') | bytes_below(word, 0x20);
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .unwrap_or(bytes.len().saturating_sub(at))
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    limits: Limits,
    /// Set when a lone surrogate escape was replaced with U+FFFD.
    lossy: bool,
    /// Where each lone surrogate escape is.
    lone_surrogates: Vec<Span>,
}

impl<'a> Parser<'a> {
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn error_here(&self, message: &str, help: Option<&str>) -> ParseError {
        let end = self
            .text
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
            .map_or(self.pos, |c| self.pos + c.len_utf8());
        ParseError {
            message: message.to_owned(),
            help: help.map(str::to_owned),
            span: Span::new(self.pos, end),
        }
    }

    /// An error at the current position naming what was found there.
    fn unexpected(&self, context: &str) -> ParseError {
        let rest = &self.text[self.pos..];
        let Some(c) = rest.chars().next() else {
            return self.error_here(&format!("unexpected end of input {context}"), None);
        };
        let help = if rest.starts_with("//") || rest.starts_with("/*") {
            Some("comments are not allowed in JSON; remove it")
        } else if c == '\'' {
            Some("JSON strings use double quotes: `\"`")
        } else if rest.starts_with("NaN") || rest.starts_with("Infinity") {
            Some("JSON has no NaN or Infinity; use a finite number or null")
        } else {
            None
        };
        let shown = if c.is_control() || c.is_whitespace() {
            format!("U+{:04X}", c as u32)
        } else {
            format!("`{c}`")
        };
        self.error_here(&format!("unexpected {shown} {context}"), help)
    }

    fn value(&mut self) -> Result<Node<'a>, ParseError> {
        let start = self.pos;
        let value = match self.peek() {
            Some(b'{') => return self.object(),
            Some(b'[') => return self.array(),
            Some(b'"') => Value::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            _ => return Err(self.unexpected("where a value was expected")),
        };
        Ok(Node {
            value,
            span: Span::new(start, self.pos),
        })
    }

    fn literal(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, ParseError> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.unexpected("where a value was expected"))
        }
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            return Err(self.error_here(
                &format!(
                    "nesting is deeper than the limit of {} levels",
                    self.limits.max_depth
                ),
                None,
            ));
        }
        Ok(())
    }

    fn object(&mut self) -> Result<Node<'a>, ParseError> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut members = Vec::with_capacity(4);
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                if self.peek() != Some(b'"') {
                    let context = if members.is_empty() {
                        "where a key or `}` was expected"
                    } else {
                        "where a key was expected"
                    };
                    let mut error = self.unexpected(context);
                    if error.help.is_none() {
                        error.help = Some(if self.peek() == Some(b'}') {
                            "remove the trailing comma".into()
                        } else {
                            "keys are strings in double quotes".into()
                        });
                    }
                    return Err(error);
                }
                let key_start = self.pos;
                self.lossy = false;
                let key = self.string()?;
                let key_lossy = self.lossy;
                let key_span = Span::new(key_start, self.pos);
                self.skip_whitespace();
                if self.peek() != Some(b':') {
                    return Err(self.unexpected("where `:` was expected after the key"));
                }
                self.pos += 1;
                self.skip_whitespace();
                let value = self.value()?;
                members.push(Member {
                    key,
                    key_span,
                    key_lossy,
                    value,
                });
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_whitespace();
                    }
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.unexpected("where `,` or `}` was expected")),
                }
            }
        }
        self.depth -= 1;
        Ok(Node {
            value: Value::Object(members),
            span: Span::new(start, self.pos),
        })
    }

    fn array(&mut self) -> Result<Node<'a>, ParseError> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                if self.peek() == Some(b']') && !items.is_empty() {
                    let mut error = self.unexpected("where a value was expected");
                    error.help = Some("remove the trailing comma".into());
                    return Err(error);
                }
                items.push(self.value()?);
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_whitespace();
                    }
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.unexpected("where `,` or `]` was expected")),
                }
            }
        }
        self.depth -= 1;
        Ok(Node {
            value: Value::Array(items),
            span: Span::new(start, self.pos),
        })
    }

    fn number(&mut self) -> Result<Number<'a>, ParseError> {
        let start = self.pos;
        match number_end(self.bytes, start) {
            Ok(end) => {
                self.pos = end;
                Ok(Number(&self.text[start..end]))
            }
            Err((at, fault)) => {
                self.pos = at;
                Err(match fault {
                    NumberFault::LeadingZero => self.error_here(
                        "a number cannot have a leading zero",
                        Some("remove the leading zero"),
                    ),
                    NumberFault::Digit => self.unexpected("where a digit was expected"),
                    NumberFault::Fraction => {
                        self.unexpected("where a digit was expected after `.`")
                    }
                    NumberFault::Exponent => {
                        self.unexpected("where a digit of the exponent was expected")
                    }
                })
            }
        }
    }

    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        self.pos += 1;
        // Most strings have no escape: borrowed from the input.
        let run_start = self.pos;
        let run_end = string_end(self.bytes, run_start);
        if self.bytes.get(run_end) == Some(&b'"') {
            self.pos = run_end + 1;
            return Ok(Cow::Borrowed(&self.text[run_start..run_end]));
        }
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run_start..self.pos]);
            match self.peek() {
                None => {
                    return Err(self.error_here(
                        "unexpected end of input inside a string",
                        Some("close the string with `\"`"),
                    ))
                }
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => out.push(self.escape()?),
                Some(b) => {
                    let help = match b {
                        b'\n' => "a string cannot span lines; write the line break as `\\n`",
                        b'\t' => "write the tab as `\\t`",
                        _ => "escape control characters as `\\u00XX`",
                    };
                    return Err(self.error_here(
                        &format!("control character U+{b:04X} inside a string"),
                        Some(help),
                    ));
                }
            }
        }
    }

    fn escape(&mut self) -> Result<char, ParseError> {
        let escape_start = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let high = self.hex4()?;
                if (0xD800..0xDC00).contains(&high) && self.text[self.pos..].starts_with("\\u") {
                    let save = self.pos;
                    self.pos += 2;
                    let low = self.hex4()?;
                    if (0xDC00..0xE000).contains(&low) {
                        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                        return Ok(char::from_u32(code).unwrap_or('\u{FFFD}'));
                    }
                    self.pos = save;
                }
                // A lone surrogate has no UTF-8 form: keep the place with U+FFFD.
                return Ok(char::from_u32(high).unwrap_or_else(|| {
                    self.lossy = true;
                    self.lone_surrogates
                        .push(Span::new(escape_start, escape_start + 6));
                    '\u{FFFD}'
                }));
            }
            _ => {
                self.pos = escape_start;
                let mut error = self.error_here("invalid escape sequence in a string", None);
                let next = self.text[escape_start + 1..].chars().next();
                error.span = Span::new(
                    escape_start,
                    escape_start + 1 + next.map_or(0, char::len_utf8),
                );
                error.help = Some(
                    "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a \
                     backslash as \\\\"
                        .into(),
                );
                return Err(error);
            }
        };
        self.pos += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| (b as char).to_digit(16))
                .ok_or_else(|| self.unexpected("where a hex digit of a \\u escape was expected"))?;
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time search finds what a byte-at-a-time one finds, wherever the byte is and
    /// whatever surrounds it (bytes above 0x7F included).
    #[test]
    fn string_end_finds_the_first_stop_byte() {
        let fillers = [b'a', b' ', 0x7F, 0x80, 0xC3, 0xFF, b'!', b'#', b'[', b']'];
        for stop in [b'"', b'\\', 0x00, 0x1F, b'\n', b'\t'] {
            for len in 0..20 {
                for at in 0..=len {
                    for &filler in &fillers {
                        let mut bytes = vec![filler; len];
                        if at < len {
                            bytes[at] = stop;
                        }
                        for start in 0..=at.min(3) {
                            let naive = bytes[start..]
                                .iter()
                                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                                .map_or(bytes.len(), |i| start + i);
                            assert_eq!(string_end(&bytes, start), naive, "{bytes:?} from {start}");
                        }
                    }
                }
            }
        }
    }

    /// Key equality by words is byte equality, for every length and every differing byte.
    #[test]
    fn same_key_is_byte_equality() {
        for len in 0..40 {
            let a: String = (0..len)
                .map(|i| char::from(b'a' + (i % 26) as u8))
                .collect();
            assert!(same_key(&a, &a.clone()));
            for at in 0..len {
                let mut b = a.clone().into_bytes();
                b[at] = b'Z';
                let b = String::from_utf8(b).expect("ASCII");
                assert!(!same_key(&a, &b), "{a} {b}");
            }
            assert!(!same_key(&a, &format!("{a}x")));
        }
    }

    fn ok(text: &str) -> Node<'_> {
        parse(text.as_bytes(), Limits::default()).unwrap()
    }

    fn err(text: &str) -> ParseError {
        parse(text.as_bytes(), Limits::default()).unwrap_err()
    }

    #[test]
    fn numbers_convert_as_serde_json_reads_them() {
        for text in [
            "0",
            "-0",
            "30",
            "-30",
            "29.97",
            "1e2",
            "1E2",
            "-1.5e-3",
            "18446744073709551615",
            "-9223372036854775808",
            "0.1",
            "7.5",
            "1e22",
            "123456789012345e-22",
        ] {
            let theirs: serde_json::Number = serde_json::from_str(text).unwrap();
            assert_eq!(super::serde_number(text), Some(theirs), "{text}");
        }
        // Beyond 15 digits or a power of ten beyond ±22, within a few units in the last place.
        for text in ["1e308", "18446744073709551616", "-2.2250738585072014e-308"] {
            let theirs: f64 = serde_json::from_str(text).unwrap();
            let ours = super::serde_number(text).and_then(|n| n.as_f64()).unwrap();
            assert!(
                ((ours - theirs) / theirs).abs() < 1e-14,
                "{text}: {ours} vs {theirs}"
            );
        }
        assert_eq!(super::serde_number("1e400"), None);
        assert_eq!(super::number_value("1e400"), serde_json::json!("1e400"));
    }

    #[test]
    fn keeps_spans_duplicates_and_number_text() {
        let node = ok(r#"{"a": 1e400, "a": -0}"#);
        let Value::Object(members) = node.value else {
            panic!("not an object")
        };
        assert_eq!(members.len(), 2);
        assert_eq!(members[0].key_span, Span::new(1, 4));
        assert_eq!(members[0].value.span, Span::new(6, 11));
        assert_eq!(members[0].value.value, Value::Number(Number("1e400")));
        assert_eq!(members[1].value.value, Value::Number(Number("-0")));
    }

    #[test]
    fn unescapes_strings_and_surrogate_pairs() {
        assert_eq!(
            ok(r#""a\n\u00e9\ud834\udd1e\ud800""#).value,
            Value::String("a\né\u{1D11E}\u{FFFD}".into())
        );
    }

    #[test]
    fn errors_point_at_the_failure() {
        let e = err(r#"{"a": 1,}"#);
        assert_eq!(e.span, Span::new(8, 9));
        assert_eq!(e.help.as_deref(), Some("remove the trailing comma"));
        assert_eq!(err("[1,]").span, Span::new(3, 4));
        assert_eq!(err("\"\\x\"").span, Span::new(1, 3));
        assert_eq!(err("").message, "the input is empty: expected a JSON value");
        assert!(err("{'a': 1}").help.unwrap().contains("double quotes"));
    }

    #[test]
    fn limits_are_enforced_without_recursion_trouble() {
        let deep = "[".repeat(100_000);
        let e = err(&deep);
        assert!(
            e.message.contains("deeper than the limit of 128"),
            "{}",
            e.message
        );
        assert_eq!(e.span, Span::new(128, 129));
        let small = Limits {
            max_depth: 128,
            max_size: 4,
        };
        assert!(parse(b"[1, 2]", small).is_err());
    }

    #[test]
    fn invalid_utf8_is_an_error_at_the_byte() {
        let e = parse(b"{\"a\": \"\xff\"}", Limits::default()).unwrap_err();
        assert_eq!(e.span, Span::new(7, 8));
        assert!(e.message.contains("0xFF"));
    }
}

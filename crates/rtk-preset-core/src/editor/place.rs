//! Where the cursor is: the key or value at an offset of text that is being typed, read with a
//! forgiving tokenizer (an unfinished key or string, a missing closing brace), and the outline of
//! text that does not parse ([`outline`], for [`crate::select`]).

use crate::diagnostic::Span;
use crate::pointer::{self, Segment};
use std::borrow::Cow;

/// What the cursor is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// A key of the object at [`Place::path`], or a place where one may be typed.
    Key {
        /// The key as typed so far (decoded), empty where none is.
        text: String,
        /// The key's token, quotes included (empty at the cursor where none is).
        span: Span,
        /// Whether a `:` follows the token.
        colon: bool,
    },
    /// The value at [`Place::path`], or a place where it may be typed.
    Value {
        /// The value's token (a string with its quotes, or a literal); empty where none is.
        span: Span,
        /// The token's text as written.
        raw: String,
    },
}

/// Where the cursor is in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// For a key, the path of the object it belongs to; for a value, the path of the value.
    pub path: Vec<Segment<'static>>,
    /// What is there.
    pub slot: Slot,
    /// For a key: the other keys of its object (those before and after the cursor).
    pub siblings: Vec<String>,
}

impl Place {
    /// The RFC 6901 pointer of the key or value under the cursor.
    pub fn pointer(&self) -> String {
        let last = match &self.slot {
            Slot::Key { text, .. } => Some(Segment::Key(Cow::Borrowed(text.as_str()))),
            Slot::Value { .. } => None,
        };
        pointer::join(self.path.iter().chain(last.as_ref()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Key,
    Colon,
    Value,
    Comma,
}

#[derive(Debug)]
struct Frame {
    object: bool,
    expect: Expect,
    key: Option<String>,
    index: usize,
    keys: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Open(bool),
    Close,
    Colon,
    Comma,
    /// A string; `false` when it has no closing quote on its line (it then ends before the
    /// first `,` `}` `]` on the line, or at the line's end).
    Str(bool),
    Literal,
}

/// Splits JSON text into tokens, forgivingly: a string ends at its closing quote, else before the
/// structure that follows it on its line, else at the end of its line (JSON strings hold no raw
/// line break); anything else that is not structure is a literal.
struct Tokens<'a> {
    text: &'a [u8],
    at: usize,
}

impl Iterator for Tokens<'_> {
    type Item = (Token, Span);

    fn next(&mut self) -> Option<(Token, Span)> {
        let text = self.text;
        while self.at < text.len() && matches!(text[self.at], b' ' | b'\t' | b'\n' | b'\r') {
            self.at += 1;
        }
        let start = self.at;
        let byte = *text.get(start)?;
        let token = match byte {
            b'{' | b'[' => Token::Open(byte == b'{'),
            b'}' | b']' => Token::Close,
            b':' => Token::Colon,
            b',' => Token::Comma,
            b'"' => {
                let mut i = start + 1;
                // Where an unclosed string is taken to end: before the first `,` `}` `]` (the
                // string being typed before them; not `:`, common in URLs), else at the line's end.
                let mut structure = None;
                let closed = loop {
                    match text.get(i) {
                        None | Some(b'\n' | b'\r') => break false,
                        Some(b'\\') => match text.get(i + 1) {
                            // A backslash at the end of a line escapes nothing there.
                            None | Some(b'\n' | b'\r') => {
                                i += 1;
                                break false;
                            }
                            Some(_) => i += 2,
                        },
                        Some(b'"') => {
                            i += 1;
                            break true;
                        }
                        Some(b',' | b'}' | b']') => {
                            structure.get_or_insert(i);
                            i += 1;
                        }
                        Some(_) => i += 1,
                    }
                };
                if !closed {
                    i = structure.unwrap_or(i);
                }
                self.at = i.min(text.len());
                return Some((Token::Str(closed), Span::new(start, self.at)));
            }
            _ => {
                let mut i = start;
                while i < text.len()
                    && !matches!(
                        text[i],
                        b' ' | b'\t'
                            | b'\n'
                            | b'\r'
                            | b'{'
                            | b'}'
                            | b'['
                            | b']'
                            | b':'
                            | b','
                            | b'"'
                    )
                {
                    i += 1;
                }
                self.at = i;
                return Some((Token::Literal, Span::new(start, i)));
            }
        };
        self.at += 1;
        Some((token, Span::new(start, start + 1)))
    }
}

/// The decoded text of a string token (or a literal's text as written).
fn token_text(text: &[u8], token: Token, span: Span) -> String {
    let raw = String::from_utf8_lossy(&text[span.start..span.end]);
    match token {
        Token::Str(true) => serde_json::from_str(&raw)
            .unwrap_or_else(|_| raw.get(1..raw.len() - 1).unwrap_or_default().to_owned()),
        Token::Str(false) => raw.get(1..).unwrap_or_default().to_owned(),
        _ => raw.into_owned(),
    }
}

/// The JSON structure around the tokens read so far.
#[derive(Default)]
struct Machine {
    frames: Vec<Frame>,
    path: Vec<Segment<'static>>,
}

impl Machine {
    fn step(&mut self, text: &[u8], token: Token, span: Span) {
        match token {
            Token::Open(object) => {
                if let Some(frame) = self.frames.last() {
                    match (frame.object, &frame.key) {
                        (true, Some(key)) => self.path.push(Segment::Key(Cow::Owned(key.clone()))),
                        (true, None) => self.path.push(Segment::Key(Cow::Borrowed(""))),
                        (false, _) => self.path.push(Segment::Index(frame.index)),
                    }
                }
                self.frames.push(Frame {
                    object,
                    expect: if object { Expect::Key } else { Expect::Value },
                    key: None,
                    index: 0,
                    keys: Vec::new(),
                });
            }
            Token::Close => {
                if self.frames.pop().is_some() && !self.frames.is_empty() {
                    self.path.pop();
                }
                self.value_done();
            }
            Token::Colon => {
                if let Some(frame) = self.frames.last_mut().filter(|f| f.object) {
                    frame.expect = Expect::Value;
                }
            }
            Token::Comma => {
                if let Some(frame) = self.frames.last_mut() {
                    if frame.object {
                        frame.expect = Expect::Key;
                        frame.key = None;
                    } else {
                        frame.expect = Expect::Value;
                        frame.index += 1;
                    }
                }
            }
            Token::Str(_) | Token::Literal => match self.frames.last_mut() {
                Some(frame) if frame.object && frame.expect == Expect::Key => {
                    let key = token_text(text, token, span);
                    frame.keys.push(key.clone());
                    frame.key = Some(key);
                    frame.expect = Expect::Colon;
                }
                _ => self.value_done(),
            },
        }
    }

    fn value_done(&mut self) {
        if let Some(frame) = self.frames.last_mut() {
            frame.expect = Expect::Comma;
        }
    }

    /// The slot that the current state offers at `span` (a token, or the empty span at the cursor).
    fn slot(&self, text: &[u8], token: Option<Token>, span: Span) -> Option<Place> {
        let frame = self.frames.last()?;
        let mut path = self.path.clone();
        let raw = String::from_utf8_lossy(&text[span.start..span.end]).into_owned();
        match (frame.object, frame.expect, token) {
            (true, Expect::Key, _) => {
                let text_of_key = token.map(|t| token_text(text, t, span)).unwrap_or_default();
                let rest = &text[span.end..];
                let colon = rest
                    .iter()
                    .find(|b| !b.is_ascii_whitespace())
                    .is_some_and(|&b| b == b':');
                Some(Place {
                    path,
                    slot: Slot::Key {
                        text: text_of_key,
                        span,
                        colon,
                    },
                    siblings: Vec::new(),
                })
            }
            (true, Expect::Value, Some(Token::Str(_) | Token::Literal) | None) => {
                path.push(Segment::Key(Cow::Owned(
                    frame.key.clone().unwrap_or_default(),
                )));
                Some(Place {
                    path,
                    slot: Slot::Value { span, raw },
                    siblings: Vec::new(),
                })
            }
            (false, Expect::Value, Some(Token::Str(_) | Token::Literal) | None) => {
                path.push(Segment::Index(frame.index));
                Some(Place {
                    path,
                    slot: Slot::Value { span, raw },
                    siblings: Vec::new(),
                })
            }
            _ => None,
        }
    }
}

/// What [`crate::select`] needs of a document that does not parse, read forgivingly: the keys of
/// its top-level object, the keys of that object's `data` object (or whether `data` is an array),
/// and the text of its `$schema` string.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Outline {
    /// The keys of the top-level object, in order (none when the top level is not an object).
    pub(crate) keys: Vec<String>,
    /// The keys of the top-level `data` object.
    pub(crate) data_keys: Vec<String>,
    /// Whether the top-level `data` is an array.
    pub(crate) data_is_array: bool,
    /// The top-level `$schema`, when it is a string.
    pub(crate) schema: Option<String>,
}

/// The [`Outline`] of `text`, which need not be JSON.
pub(crate) fn outline(text: &[u8]) -> Outline {
    let mut outline = Outline::default();
    let mut machine = Machine::default();
    for (token, span) in (Tokens { text, at: 0 }) {
        // Past this, the outermost frame is the top-level object.
        if machine.frames.is_empty() {
            match token {
                Token::Open(true) => {}
                // The top level is an array or a string: nothing here is a preset's key.
                Token::Open(false) | Token::Str(_) => break,
                // Before the top-level value: a comment, a stray word.
                _ => continue,
            }
        } else if machine.frames.len() == 1 {
            let frame = &machine.frames[0];
            if frame.expect == Expect::Value {
                match (frame.key.as_deref(), token) {
                    (Some("$schema"), Token::Str(_)) => {
                        outline.schema = Some(token_text(text, token, span))
                    }
                    (Some("data"), Token::Open(false)) => outline.data_is_array = true,
                    _ => {}
                }
            }
        }
        machine.step(text, token, span);
        let Some(frame) = machine.frames.last() else {
            // The top-level value is closed: whatever follows is not part of it.
            break;
        };
        if frame.expect != Expect::Colon || !matches!(token, Token::Str(_) | Token::Literal) {
            continue;
        }
        let key = frame.key.clone().unwrap_or_default();
        match (machine.frames.len(), machine.path.as_slice()) {
            (1, _) => outline.keys.push(key),
            (2, [Segment::Key(data)]) if frame.object && data == "data" => {
                outline.data_keys.push(key)
            }
            _ => {}
        }
    }
    outline
}

/// The key or value at byte `offset` of `text`, or where one may be typed there. `None` between
/// tokens where nothing can go (after a value, before its comma), inside structure characters,
/// and outside the top-level value.
pub fn place_at(text: &[u8], offset: usize) -> Option<Place> {
    let offset = offset.min(text.len());
    let mut machine = Machine::default();
    let mut tokens = Tokens { text, at: 0 };
    let mut found = None;
    while let Some((token, span)) = tokens.next() {
        let inside = match token {
            Token::Str(true) => span.start <= offset && offset < span.end,
            Token::Str(false) | Token::Literal => span.start <= offset && offset <= span.end,
            _ => false,
        };
        if inside {
            found = Some((machine.slot(text, Some(token), span)?, Some(token), span));
            machine.step(text, token, span);
            break;
        }
        if span.start >= offset {
            let at = Span::new(offset, offset);
            found = Some((machine.slot(text, None, at)?, None, at));
            // The token after the cursor has not been read.
            tokens.at = span.start;
            break;
        }
        machine.step(text, token, span);
    }
    let (mut place, _, _) = match found {
        Some(found) => found,
        None => {
            let at = Span::new(offset, offset);
            (machine.slot(text, None, at)?, None, at)
        }
    };
    if let Slot::Key { text: current, .. } = &place.slot {
        // The keys of the same object, before and after the cursor.
        let depth = machine.frames.len();
        let mut keys = machine
            .frames
            .last()
            .map(|f| f.keys.clone())
            .unwrap_or_default();
        for (token, span) in tokens {
            machine.step(text, token, span);
            if machine.frames.len() < depth {
                break;
            }
            if machine.frames.len() == depth {
                if let Some(frame) = machine.frames.last() {
                    keys.extend(frame.keys.iter().skip(keys.len()).cloned());
                }
            }
        }
        let mut seen_current = false;
        keys.retain(|k| {
            let is_current = !seen_current && k == current;
            seen_current |= is_current;
            !is_current
        });
        place.siblings = keys;
    }
    Some(place)
}

//! What an editor asks about a place in a document: which field the cursor is on, its
//! documentation, and what may be typed there.
//!
//! It works on text as it is being typed (an unfinished key, a missing closing brace), not only on
//! valid JSON, and it reads the published schemas ([`crate::schema`]), so the language server, the
//! schemas and the validator say the same things. Nothing here does I/O; positions are byte
//! offsets (the language server converts them to UTF-16).

use crate::diagnostic::Span;
use crate::revision::{ApiRevision, DocumentKind};
use serde_json::Value;
use std::cell::OnceCell;

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// An object member.
    Key(String),
    /// An array item.
    Index(usize),
}

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
    pub path: Vec<Segment>,
    /// What is there.
    pub slot: Slot,
    /// For a key: the other keys of its object (those before and after the cursor).
    pub siblings: Vec<String>,
}

impl Place {
    /// The RFC 6901 pointer of the key or value under the cursor.
    pub fn pointer(&self) -> String {
        let mut pointer = String::new();
        let last = match &self.slot {
            Slot::Key { text, .. } => Some(Segment::Key(text.clone())),
            Slot::Value { .. } => None,
        };
        for segment in self.path.iter().chain(last.as_ref()) {
            pointer.push('/');
            match segment {
                Segment::Key(key) => {
                    pointer.push_str(&crate::diagnostic::escape_pointer_token(key))
                }
                Segment::Index(i) => pointer.push_str(&i.to_string()),
            }
        }
        pointer
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
    path: Vec<Segment>,
}

impl Machine {
    fn step(&mut self, text: &[u8], token: Token, span: Span) {
        match token {
            Token::Open(object) => {
                if let Some(frame) = self.frames.last() {
                    match (frame.object, &frame.key) {
                        (true, Some(key)) => self.path.push(Segment::Key(key.clone())),
                        (true, None) => self.path.push(Segment::Key(String::new())),
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
                path.push(Segment::Key(frame.key.clone().unwrap_or_default()));
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

/// The schemas of every kind and revision, generated when first asked for.
#[derive(Default)]
pub struct Schemas {
    cells: [[OnceCell<Value>; 6]; 2],
}

impl Schemas {
    /// The schema of a kind in a revision ([`crate::schema::schema`]).
    pub fn get(&self, kind: DocumentKind, api: ApiRevision) -> &Value {
        let k = DocumentKind::ALL
            .iter()
            .position(|&k| k == kind)
            .unwrap_or(0);
        let a = ApiRevision::ALL.iter().position(|&a| a == api).unwrap_or(0);
        self.cells[a][k].get_or_init(|| crate::schema::schema(kind, api))
    }
}

/// Follows `$ref`s to the definitions of `root`.
fn deref<'s>(root: &'s Value, mut node: &'s Value) -> &'s Value {
    for _ in 0..32 {
        let Some(target) = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
            .and_then(|name| root.get("$defs")?.get(name))
        else {
            break;
        };
        node = target;
    }
    node
}

/// The schema and every branch of its `anyOf`/`oneOf`/`allOf`, with references followed.
fn expand<'s>(root: &'s Value, node: &'s Value, out: &mut Vec<&'s Value>) {
    if out.len() > 64 {
        return;
    }
    let node = deref(root, node);
    out.push(node);
    for key in ["anyOf", "oneOf", "allOf"] {
        for branch in node
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            expand(root, branch, out);
        }
    }
}

/// The schemas that describe the value at `path` (unexpanded: a property's own schema keeps its
/// description beside its `$ref`).
fn lookup<'s>(root: &'s Value, path: &[Segment]) -> Vec<&'s Value> {
    let mut current = vec![root];
    for segment in path {
        let mut next = Vec::new();
        for node in current {
            let mut expanded = Vec::new();
            expand(root, node, &mut expanded);
            for schema in expanded {
                let child = match segment {
                    Segment::Key(key) => schema
                        .get("properties")
                        .and_then(|p| p.get(key.as_str()))
                        .or_else(|| schema.get("additionalProperties").filter(|a| a.is_object())),
                    Segment::Index(_) => schema.get("items").filter(|i| i.is_object()),
                };
                next.extend(child);
            }
        }
        if next.is_empty() {
            return next;
        }
        current = next;
    }
    current
}

fn expanded<'s>(root: &'s Value, nodes: &[&'s Value]) -> Vec<&'s Value> {
    let mut out = Vec::new();
    for node in nodes {
        expand(root, node, &mut out);
    }
    out
}

/// What the schemas say about a value: its type, values, bounds and description.
struct Facts<'s> {
    description: Option<&'s str>,
    types: Vec<&'s str>,
    values: Vec<&'s Value>,
    minimum: Option<&'s Value>,
    maximum: Option<&'s Value>,
    format: Option<&'s str>,
    all: Vec<&'s Value>,
}

fn facts<'s>(root: &'s Value, nodes: &[&'s Value]) -> Facts<'s> {
    let all = expanded(root, nodes);
    let description = nodes
        .iter()
        .chain(&all)
        .find_map(|n| n.get("description").and_then(Value::as_str));
    let mut types = Vec::new();
    let mut values = Vec::new();
    for node in &all {
        match node.get("type") {
            Some(Value::String(t)) => types.push(t.as_str()),
            Some(Value::Array(ts)) => types.extend(ts.iter().filter_map(Value::as_str)),
            _ => {}
        }
        values.extend(
            node.get("enum")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        );
        values.extend(node.get("const"));
    }
    types.dedup();
    let first = |key: &str| all.iter().find_map(|n| n.get(key));
    Facts {
        description,
        types,
        values,
        minimum: first("minimum"),
        maximum: first("maximum"),
        format: first("format").and_then(Value::as_str),
        all,
    }
}

impl Facts<'_> {
    fn summary(&self) -> String {
        let mut types: Vec<String> = self.types.iter().map(|t| (*t).to_owned()).collect();
        if let Some(format) = self.format {
            types.push(format!("format `{format}`"));
        }
        let mut out = types.join(" or ");
        if !self.values.is_empty() {
            let values: Vec<String> = self.values.iter().map(|v| format!("`{v}`")).collect();
            out.push_str(&format!(", one of {}", values.join(", ")));
        }
        match (self.minimum, self.maximum) {
            (Some(min), Some(max)) => out.push_str(&format!(", {min} to {max}")),
            (Some(min), None) => out.push_str(&format!(", at least {min}")),
            (None, Some(max)) => out.push_str(&format!(", at most {max}")),
            (None, None) => {}
        }
        out
    }

    /// The note that the enum's description gives one value (`- `VALUE`: text`).
    fn value_note(&self, value: &str) -> Option<String> {
        let prefix = format!("- `{value}`: ");
        self.all.iter().find_map(|n| {
            let description = n.get("description")?.as_str()?;
            description
                .lines()
                .find_map(|l| l.strip_prefix(prefix.as_str()))
                .map(str::to_owned)
        })
    }
}

/// Whether the object at `path` requires `key`.
fn required(root: &Value, path: &[Segment], key: &str) -> bool {
    expanded(root, &lookup(root, path)).iter().any(|node| {
        node.get("required")
            .and_then(Value::as_array)
            .is_some_and(|r| r.iter().any(|k| k == key))
    })
}

/// In which revisions a field (or, with `value`, one of its values) exists, as a sentence.
fn history(
    schemas: &Schemas,
    kind: DocumentKind,
    path: &[Segment],
    value: Option<&Value>,
) -> String {
    let present: Vec<ApiRevision> = ApiRevision::ALL
        .into_iter()
        .filter(|&api| {
            let root = schemas.get(kind, api);
            let nodes = lookup(root, path);
            !nodes.is_empty() && value.is_none_or(|v| facts(root, &nodes).values.contains(&v))
        })
        .collect();
    let names: Vec<&str> = present.iter().map(|a| a.as_str()).collect();
    match present.as_slice() {
        [] => "In no API revision.".to_owned(),
        all if all.len() == ApiRevision::ALL.len() => format!(
            "In every API revision ({} on).",
            ApiRevision::ALL[0].as_str()
        ),
        [first, ..] if *first != ApiRevision::ALL[0] => {
            format!("Introduced in API revision {}.", names.join(", "))
        }
        _ => format!(
            "Only in API revision {}: removed after {}.",
            names.join(", "),
            names[names.len() - 1]
        ),
    }
}

/// The documentation to show for the place at `offset`, and the span it is about.
pub fn hover(
    schemas: &Schemas,
    text: &[u8],
    offset: usize,
    kind: DocumentKind,
    api: ApiRevision,
) -> Option<(String, Span)> {
    let place = place_at(text, offset)?;
    let root = schemas.get(kind, api);
    match &place.slot {
        Slot::Key {
            text: key, span, ..
        } if !span.is_empty() => {
            let mut path = place.path.clone();
            if path.is_empty() && key == "$schema" {
                return Some((schema_key_doc(), *span));
            }
            let need = required(root, &path, key);
            path.push(Segment::Key(key.clone()));
            let nodes = lookup(root, &path);
            if nodes.is_empty() {
                return Some((
                    format!(
                        "**`{key}`**: not a field here in API revision {api} ({kind}).\n\n{}",
                        history(schemas, kind, &path, None)
                    ),
                    *span,
                ));
            }
            let facts = facts(root, &nodes);
            let mut out = format!(
                "**`{key}`**: {}{}\n\n",
                facts.summary(),
                if need { " (required)" } else { "" }
            );
            if let Some(description) = facts.description {
                out.push_str(description);
                out.push_str("\n\n");
            }
            out.push_str(&history(schemas, kind, &path, None));
            out.push_str(&format!("\n\n`{}` · {kind} · API {api}", place.pointer()));
            Some((out, *span))
        }
        Slot::Value { span, raw } if !span.is_empty() => {
            let value: Value = serde_json::from_str(raw).ok()?;
            let nodes = lookup(root, &place.path);
            if nodes.is_empty() {
                return None;
            }
            let facts = facts(root, &nodes);
            let name = match place.path.last() {
                Some(Segment::Key(k)) => format!("`{k}`"),
                Some(Segment::Index(i)) => format!("item {i}"),
                None => "the document".to_owned(),
            };
            let mut out = format!("**`{raw}`** for {name}: {}\n\n", facts.summary());
            if let Some(note) = value.as_str().and_then(|v| facts.value_note(v)) {
                out.push_str(&note);
                out.push_str("\n\n");
            } else if let Some(description) = facts.description {
                out.push_str(description);
                out.push_str("\n\n");
            }
            if facts.values.contains(&&value) {
                out.push_str(&history(schemas, kind, &place.path, Some(&value)));
                out.push_str("\n\n");
            }
            out.push_str(&format!("`{}` · {kind} · API {api}", place.pointer()));
            Some((out, *span))
        }
        _ => None,
    }
}

fn schema_key_doc() -> String {
    format!(
        "**`$schema`**: the JSON Schema this document follows.\n\nNaming one of rtk-preset's \
         schemas (`{}…`, or a path ending in a schema's file name) sets the document's kind and \
         API revision for rtk-preset and for editors.",
        crate::schema::ID_BASE
    )
}

/// What a completion offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A key of the object.
    Field,
    /// A value.
    Value,
}

/// One completion at a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// What the list shows.
    pub label: String,
    /// A key or a value.
    pub kind: CompletionKind,
    /// One line: the type and values.
    pub detail: String,
    /// Markdown: the description and the revision history.
    pub documentation: String,
    /// The bytes it replaces.
    pub span: Span,
    /// The text that replaces them.
    pub text: String,
    /// Sorts the list: required fields first, then the schema's order.
    pub sort: String,
}

/// What may be typed at `offset`: the keys of the object there that are not yet written (required
/// ones first), or the values of the field there (enum values, `true`/`false`).
pub fn complete(
    schemas: &Schemas,
    text: &[u8],
    offset: usize,
    kind: DocumentKind,
    api: ApiRevision,
) -> Vec<Completion> {
    let Some(place) = place_at(text, offset) else {
        return Vec::new();
    };
    let root = schemas.get(kind, api);
    let mut out = Vec::new();
    match &place.slot {
        Slot::Key { span, colon, .. } => {
            let mut properties: Vec<(&String, &Value)> = Vec::new();
            for node in expanded(root, &lookup(root, &place.path)) {
                for (name, schema) in node
                    .get("properties")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    if !properties.iter().any(|(n, _)| *n == name) {
                        properties.push((name, schema));
                    }
                }
            }
            for (i, (name, schema)) in properties.into_iter().enumerate() {
                if place.siblings.contains(name) {
                    continue;
                }
                let need = required(root, &place.path, name);
                let facts = facts(root, &[schema]);
                let mut path = place.path.clone();
                path.push(Segment::Key(name.clone()));
                let mut text = serde_json::to_string(name).unwrap_or_default();
                if !colon {
                    text.push_str(": ");
                }
                out.push(Completion {
                    label: name.clone(),
                    kind: CompletionKind::Field,
                    detail: format!(
                        "{}{}",
                        facts.summary(),
                        if need { " (required)" } else { "" }
                    ),
                    documentation: format!(
                        "{}\n\n{}",
                        facts.description.unwrap_or_default(),
                        history(schemas, kind, &path, None)
                    )
                    .trim_start()
                    .to_owned(),
                    span: *span,
                    text,
                    sort: format!("{}{i:04}", u8::from(!need)),
                });
            }
            if place.path.is_empty() && !place.siblings.iter().any(|s| s == "$schema") {
                let mut text = "\"$schema\"".to_owned();
                if !colon {
                    text.push_str(": ");
                }
                out.push(Completion {
                    label: "$schema".into(),
                    kind: CompletionKind::Field,
                    detail: "string: the schema this document follows".into(),
                    documentation: schema_key_doc(),
                    span: *span,
                    text,
                    sort: "2".into(),
                });
            }
        }
        Slot::Value { span, .. } => {
            if place.path == [Segment::Key("$schema".into())] {
                for k in DocumentKind::ALL {
                    for a in ApiRevision::ALL {
                        let id = crate::schema::id(k, a);
                        out.push(Completion {
                            label: crate::schema::file_name(k, a),
                            kind: CompletionKind::Value,
                            detail: format!("{k}, API {a}"),
                            documentation: format!("{} in API revision {a}.", k.describe()),
                            span: *span,
                            text: serde_json::to_string(&id).unwrap_or_default(),
                            sort: format!("{}{}", u8::from(a != api), id),
                        });
                    }
                }
                return out;
            }
            let nodes = lookup(root, &place.path);
            let facts = facts(root, &nodes);
            let mut values: Vec<Value> = facts.values.iter().map(|v| (*v).clone()).collect();
            if facts.types.contains(&"boolean") {
                values.extend([Value::Bool(true), Value::Bool(false)]);
            }
            for (i, value) in values.into_iter().enumerate() {
                let text = value.to_string();
                let note = value.as_str().and_then(|v| facts.value_note(v));
                out.push(Completion {
                    label: text.clone(),
                    kind: CompletionKind::Value,
                    detail: facts.summary(),
                    documentation: format!(
                        "{}\n\n{}",
                        note.unwrap_or_default(),
                        history(schemas, kind, &place.path, Some(&value))
                    )
                    .trim_start()
                    .to_owned(),
                    span: *span,
                    text,
                    sort: format!("{i:04}"),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> (String, usize) {
        let offset = text.find('|').expect("a cursor");
        (text.replacen('|', "", 1), offset)
    }

    #[test]
    fn places_in_unfinished_documents() {
        let (text, offset) = at(r#"{"config": {"view_type": "GR|"#);
        let place = place_at(text.as_bytes(), offset).unwrap();
        assert_eq!(place.pointer(), "/config/view_type");
        assert!(matches!(place.slot, Slot::Value { .. }));

        let (text, offset) =
            at("{\"config\": {\n  \"view_type\": \"GROUP_CALL\",\n  |\n}, \"name\": 1}");
        let place = place_at(text.as_bytes(), offset).unwrap();
        assert_eq!(place.path, vec![Segment::Key("config".into())]);
        assert_eq!(place.siblings, vec!["view_type".to_owned()]);

        let (text, offset) = at(r#"{"a": 1, "na|me": 2, "b": {"c": 3}, "d": 4}"#);
        let place = place_at(text.as_bytes(), offset).unwrap();
        assert_eq!(place.pointer(), "/name");
        assert_eq!(place.siblings, vec!["a", "b", "d"]);
        let Slot::Key { colon, span, .. } = place.slot else {
            panic!()
        };
        assert!(colon);
        assert_eq!(&text[span.start..span.end], "\"name\"");

        // An unclosed key ends before the structure after it: a completion replaces `"vi`, and
        // leaves the `}` alone.
        let (text, offset) = at(r#"{"a": 1, "vi|}"#);
        let place = place_at(text.as_bytes(), offset).unwrap();
        let Slot::Key { span, .. } = place.slot else {
            panic!()
        };
        assert_eq!(&text[span.start..span.end], "\"vi");
        let (text, offset) = at(r#"{"logo": "https://x|"#);
        let place = place_at(text.as_bytes(), offset).unwrap();
        let Slot::Value { span, .. } = place.slot else {
            panic!()
        };
        assert_eq!(&text[span.start..span.end], "\"https://x");
        // A backslash at the end of a line does not carry the string on to the next one.
        let (text, offset) = at("{\"path\": \"C:\\\n, \"na|me\": 1}");
        assert_eq!(
            place_at(text.as_bytes(), offset).unwrap().pointer(),
            "/name"
        );

        let (text, offset) = at(r#"{"a": [1, |"#);
        assert_eq!(place_at(text.as_bytes(), offset).unwrap().pointer(), "/a/1");
        let (text, offset) = at(r#"{"a": 1 | }"#);
        assert_eq!(place_at(text.as_bytes(), offset), None);
        assert_eq!(place_at(b"", 0), None);
    }

    #[test]
    fn hover_documents_fields_values_and_revisions() {
        let schemas = Schemas::default();
        let text = r#"{"config": {"view_type": "LIVESTREAM"}, "ui": {}}"#;
        let (doc, _) = hover(
            &schemas,
            text.as_bytes(),
            14,
            DocumentKind::Create,
            ApiRevision::V2026_06,
        )
        .unwrap();
        assert!(doc.contains("**`view_type`**"), "{doc}");
        assert!(doc.contains("Type of the meeting"), "{doc}");
        assert!(doc.contains("(required)"), "{doc}");
        assert!(doc.contains("In every API revision"), "{doc}");
        let value = text.find("LIVE").unwrap();
        let (doc, span) = hover(
            &schemas,
            text.as_bytes(),
            value,
            DocumentKind::Create,
            ApiRevision::V2026_06,
        )
        .unwrap();
        assert!(doc.contains("A livestream to viewers"), "{doc}");
        assert!(doc.contains("Introduced in API revision 2026-06"), "{doc}");
        assert_eq!(&text[span.start..span.end], "\"LIVESTREAM\"");
    }

    #[test]
    fn completion_offers_missing_keys_and_enum_values() {
        let schemas = Schemas::default();
        let (text, offset) = at(r#"{"config": {"view_type": "GROUP_CALL", |}}"#);
        let items = complete(
            &schemas,
            text.as_bytes(),
            offset,
            DocumentKind::Create,
            ApiRevision::V2026_06,
        );
        let labels: Vec<&str> = items.iter().map(|c| c.label.as_str()).collect();
        assert!(labels.contains(&"max_screenshare_count"), "{labels:?}");
        assert!(!labels.contains(&"view_type"), "{labels:?}");
        assert_eq!(items[0].text, "\"max_screenshare_count\": ");

        let (text, offset) = at(r#"{"config": {"view_type": "|"}}"#);
        let labels = |api| -> Vec<String> {
            complete(&schemas, text.as_bytes(), offset, DocumentKind::Create, api)
                .into_iter()
                .map(|c| c.label)
                .collect()
        };
        assert!(labels(ApiRevision::V2026_06).contains(&"\"LIVESTREAM\"".to_owned()));
        assert!(!labels(ApiRevision::V2026_01).contains(&"\"LIVESTREAM\"".to_owned()));
    }
}

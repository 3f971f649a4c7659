//! The fast path of a check: one pass over the bytes that parses and validates at once, against
//! the compiled schema, and builds no tree but the few branches the semantic rules read.
//!
//! Most documents a linter sees are valid. For them the full path (parse into a tree, walk the
//! tree with the schema, then let the rules look values up in it) does its work three times over.
//! This pass reads each byte once: a value is checked against its schema node as it is scanned,
//! and only the values on the rules' paths ([`KEPT`]) become [`Node`]s, so the rules and the
//! app-level facts run on a tree a fraction of the size, unchanged.
//!
//! It answers only when it is sure, and gives up (`None`) at the first doubt: anything the
//! schema would report, a duplicate key, an escape in a string, a syntax error, a document over
//! the limits. The full path then checks the document from the start, words every finding, and
//! is the referee: the differential test (`the_shortcuts_change_no_finding`) checks generated,
//! mutated and real documents both ways and requires the same reports and app facts.

use crate::diagnostic::Span;
use crate::json::{Member, Node, Number, Value};
use crate::revision::{ApiRevision, DocumentKind};
use crate::schema::compiled::{compiled, types, Additional, CompiledSchema};
use crate::select::{Selection, PRESET_KEYS};
use crate::validate::{equals, json_type};
use crate::{CheckOptions, KindSelector};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Every place the semantic rules and the app facts read, relative to the preset: the value there
/// is kept whole, with the objects on the way to it (holding only the members on such paths). A
/// rule that reads another place must add it here; debug builds (the tests) assert it
/// ([`covers`]), and the differential test compares the findings on the kept tree with those on
/// the whole document.
pub(crate) const KEPT: [&str; 21] = [
    "/name",
    "/config/view_type",
    "/config/max_screenshare_count",
    "/config/max_video_streams",
    "/config/media",
    "/config/livestream_viewer_qualities",
    "/permissions/accept_stage_requests",
    "/permissions/accept_waiting_requests",
    "/permissions/can_accept_production_requests",
    "/permissions/can_livestream",
    "/permissions/hidden_participant",
    "/permissions/is_recorder",
    "/permissions/recorder_type",
    "/permissions/stage_access",
    "/permissions/waiting_room_type",
    "/permissions/media",
    "/permissions/chat",
    "/permissions/polls",
    "/ui/design_tokens/colors",
    "/ui/design_tokens/logo",
    "/ui/design_tokens/theme",
];

/// What to build of a value: nothing, the value whole, or the members on [`KEPT`] paths (a node
/// of the [`trie`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    No,
    Whole,
    Branch(usize),
}

/// The [`KEPT`] paths as a trie: each node's children by key.
fn trie() -> &'static [Vec<(&'static str, Keep)>] {
    static TRIE: OnceLock<Vec<Vec<(&'static str, Keep)>>> = OnceLock::new();
    TRIE.get_or_init(|| {
        let mut nodes: Vec<Vec<(&'static str, Keep)>> = vec![Vec::new()];
        for path in KEPT {
            let segments: Vec<&'static str> = path[1..].split('/').collect();
            let mut at = 0;
            for (i, segment) in segments.iter().enumerate() {
                let last = i + 1 == segments.len();
                let found = nodes[at].iter().position(|(key, _)| key == segment);
                match found.map(|f| (f, nodes[at][f].1)) {
                    Some((_, Keep::Branch(next))) if !last => at = next,
                    // A value kept whole keeps what is under it.
                    Some((f, _)) if last => nodes[at][f].1 = Keep::Whole,
                    Some(_) => break,
                    None if last => {
                        nodes[at].push((segment, Keep::Whole));
                    }
                    None => {
                        nodes.push(Vec::new());
                        let next = nodes.len() - 1;
                        nodes[at].push((segment, Keep::Branch(next)));
                        at = next;
                    }
                }
            }
        }
        nodes
    })
}

impl Keep {
    fn child(self, key: &str) -> Keep {
        match self {
            Keep::No | Keep::Whole => self,
            Keep::Branch(at) => trie()[at]
                .iter()
                .find(|(k, _)| crate::json::same_key(k, key))
                .map_or(Keep::No, |&(_, keep)| keep),
        }
    }
}

/// Whether the kept tree has everything at `path` (relative to the preset) that the whole tree
/// has: the path leads into a kept value, or to an object on the way to one.
pub(crate) fn covers(path: &str) -> bool {
    let mut keep = Keep::Branch(0);
    for segment in path.split('/').skip(1) {
        keep = keep.child(segment);
    }
    keep != Keep::No
}

/// A document the fast pass found clean: nothing for the schema to report.
pub(crate) struct Scanned<'a> {
    pub(crate) kind: DocumentKind,
    pub(crate) api: ApiRevision,
    pub(crate) selection: Selection,
    /// The document with only what the rules read (the root and the objects on the way to the
    /// preset's kept values); `None` for a list, which holds no preset.
    pub(crate) tree: Option<Node<'a>>,
    /// Where each line starts.
    pub(crate) line_starts: Vec<usize>,
}

/// The fast pass gave up: the full path decides.
struct GiveUp;

type Scan<T> = Result<T, GiveUp>;

/// What the root object says about the document's kind and whether it is a preset document, as
/// [`crate::detect_kind`] and [`Selection::of`] read a tree (of repeated keys, the last counts).
#[derive(Default)]
struct Root<'a> {
    object: bool,
    preset_key: bool,
    success: bool,
    paging: bool,
    /// The first byte of the last `data` member's value.
    data: Option<u8>,
    data_preset_key: bool,
    schema: Option<Cow<'a, str>>,
}

/// Where a value goes when it is kept.
#[derive(Clone, Copy)]
enum Place<'a> {
    Root,
    Item,
    /// A member's value, with the member's key and its span.
    Member(&'a str, Span),
}

/// Where an object stands, for [`Root`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Root,
    Data,
    Other,
}

/// Checks `input` in one pass; `None` when it is not sure the schema finds nothing (the full path
/// then checks it), or when the shortcuts are off ([`crate::phases::without_shortcuts`]).
pub(crate) fn scan<'a>(input: &'a [u8], options: &CheckOptions) -> Option<Scanned<'a>> {
    if !crate::shortcuts() || input.len() > options.limits.max_size {
        return None;
    }
    let text = std::str::from_utf8(input).ok()?;
    let fixed = match options.kind {
        KindSelector::Fixed(kind) => Some(kind),
        KindSelector::Auto => None,
    };
    let (mut kind, mut api) = (fixed.unwrap_or(DocumentKind::Create), options.api);
    // A second pass when the root says the document is of another kind or revision than the
    // first assumed (its `$schema`, or a response's envelope).
    for _ in 0..2 {
        let schema = compiled(kind, api);
        let mut scanner = Scanner {
            bytes: input,
            text,
            pos: 0,
            depth: 0,
            max_depth: options.limits.max_depth,
            schema,
            plans: plans(kind, api),
            clean: true,
            stop_when_dirty: fixed.is_some(),
            root: Root::default(),
            line_starts: Vec::with_capacity(input.len() / 16 + 1),
            members: Vec::with_capacity(32),
            items: Vec::new(),
        };
        scanner.line_starts.push(0);
        let keep = match kind {
            DocumentKind::List => Keep::No,
            // The preset is `data`: the root keeps that member alone.
            DocumentKind::Response => Keep::Branch(usize::MAX),
            _ => Keep::Branch(0),
        };
        let tree = scanner.document(keep).ok()?;
        let root = &scanner.root;
        let declared = root.schema.as_deref().and_then(crate::schema::declared);
        let found_kind = fixed
            .or(declared.map(|(kind, _)| kind))
            .unwrap_or_else(|| root.kind());
        let found_api = declared.map_or(options.api, |(_, api)| api);
        if (found_kind, found_api) != (kind, api) {
            (kind, api) = (found_kind, found_api);
            continue;
        }
        if !scanner.clean || schema.nodes[schema.root].never {
            return None;
        }
        let selection = Selection {
            preset: root.is_preset(declared.is_some()),
            declared,
        };
        return Some(Scanned {
            kind,
            api,
            selection,
            tree,
            line_starts: scanner.line_starts,
        });
    }
    None
}

impl Root<'_> {
    fn kind(&self) -> DocumentKind {
        match (self.success, self.data, self.paging) {
            (true, Some(b'['), true) => DocumentKind::List,
            (true, Some(b'{'), _) => DocumentKind::Response,
            _ => DocumentKind::Create,
        }
    }

    fn is_preset(&self, declared: bool) -> bool {
        self.object
            && (self.preset_key
                || declared
                || (self.success && self.data == Some(b'{') && self.data_preset_key)
                || (self.success && self.data == Some(b'[') && self.paging))
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
    max_depth: usize,
    schema: &'static CompiledSchema,
    /// What to check of a value at each schema node, by its JSON type ([`Plan`]).
    plans: &'static [[Plan; 7]],
    /// Whether nothing has been found so far; once not, values are only scanned (for [`Root`]).
    clean: bool,
    /// Whether to give up at the first finding (the kind is fixed: [`Root`] cannot change it).
    stop_when_dirty: bool,
    root: Root<'a>,
    /// Where each line starts, for positions ([`crate::diagnostic::LineIndex`]).
    line_starts: Vec<usize>,
    /// The kept members of the objects being read, innermost last.
    members: Vec<Member<'a>>,
    /// The kept items of the arrays being read, innermost last.
    items: Vec<Node<'a>>,
}

/// The most schema nodes one value is checked against at once (a `$ref` and the branch of an
/// `anyOf` it leads to, ...); more gives up.
const MAX_NODES: usize = 8;

impl<'a> Scanner<'a> {
    fn document(&mut self, keep: Keep) -> Scan<Option<Node<'a>>> {
        if self.text.starts_with('\u{FEFF}') {
            self.pos = 3;
        }
        self.skip_whitespace();
        let root = self.schema.root;
        self.value(Some(root), keep, Role::Root, Place::Root)?;
        self.skip_whitespace();
        if self.pos != self.bytes.len() {
            return Err(GiveUp);
        }
        Ok(self.items.pop())
    }

    /// Keeps a value built: at its place among its parent's members or items (the root goes
    /// where items go, alone).
    fn put(&mut self, place: Place<'a>, value: Node<'a>) {
        match place {
            Place::Member(key, key_span) => self.members.push(Member {
                key: Cow::Borrowed(key),
                key_span,
                key_lossy: false,
                value,
            }),
            Place::Root | Place::Item => self.items.push(value),
        }
    }

    /// Something the schema reports: from here on, values are only scanned.
    fn dirty(&mut self) -> Scan<()> {
        self.clean = false;
        if self.stop_when_dirty {
            return Err(GiveUp);
        }
        Ok(())
    }

    /// Skips whitespace, noting where lines start (in a document the pass accepts, every line
    /// break is in whitespace: strings hold none).
    #[inline]
    fn skip_whitespace(&mut self) {
        // Most calls find none (between a key and its colon, a value and its comma).
        if self.bytes.get(self.pos).is_some_and(|&b| b > b' ') {
            return;
        }
        self.skip_some_whitespace();
    }

    fn skip_some_whitespace(&mut self) {
        let bytes = self.bytes;
        let mut pos = self.pos;
        loop {
            // Indentation, eight bytes at a time: the spaces before the first other byte.
            if let Some(word) = word_at(bytes, pos) {
                let spaces = ((word ^ SPACES).trailing_zeros() / 8) as usize;
                pos += spaces;
                if spaces == 8 {
                    continue;
                }
            }
            match bytes.get(pos) {
                Some(b' ' | b'\t') => pos += 1,
                Some(b'\n') => {
                    pos += 1;
                    self.line_starts.push(pos);
                }
                Some(b'\r') => {
                    pos += 1;
                    if bytes.get(pos) != Some(&b'\n') {
                        self.line_starts.push(pos);
                    }
                }
                _ => break,
            }
        }
        self.pos = pos;
    }
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }
    fn expect(&mut self, byte: u8) -> Scan<()> {
        self.skip_whitespace();
        if self.peek() != Some(byte) {
            return Err(GiveUp);
        }
        self.pos += 1;
        Ok(())
    }

    /// The value at the current position, checked against schema node `schema` (`None`: not
    /// checked), built as `keep` says and [`Scanner::put`] at `place`. Nodes are put in place
    /// rather than returned: moving them up through every level cost more than the scanning.
    fn value(
        &mut self,
        schema: Option<usize>,
        keep: Keep,
        role: Role,
        place: Place<'a>,
    ) -> Scan<()> {
        let schema = schema.filter(|_| self.clean);
        let keep = if self.clean { keep } else { Keep::No };
        let start = self.pos;
        let value = match self.peek() {
            Some(b'{') => return self.object(schema, keep, role, place),
            Some(b'[') => return self.array(schema, keep, place),
            Some(b'"') => Value::String(self.escaped_string()?),
            Some(b'-' | b'0'..=b'9') => Value::Number(Number::new(self.number()?)),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            _ => return Err(GiveUp),
        };
        if let Some(schema) = schema {
            let found = json_type(&value);
            let valid = match &self.plans[schema][class(found)] {
                Plan::Accept => true,
                Plan::Checks(nodes) => nodes.iter().all(|&i| self.own_checks(i, &value)),
                Plan::Slow => self.scalar_valid(schema, &value, found),
                Plan::Reject | Plan::Judge(_) => false,
            };
            if !valid {
                self.dirty()?;
            }
        }
        if keep != Keep::No {
            let span = Span::new(start, self.pos);
            self.put(place, Node { value, span });
        }
        Ok(())
    }

    fn literal(&mut self, word: &str, value: Value<'a>) -> Scan<Value<'a>> {
        if !self.bytes[self.pos..].starts_with(word.as_bytes()) {
            return Err(GiveUp);
        }
        self.pos += word.len();
        Ok(value)
    }

    /// A string value, unescaped, without its quotes.
    fn escaped_string(&mut self) -> Scan<Cow<'a, str>> {
        if let Ok((text, end)) = string_at(self.text, self.pos) {
            self.pos = end;
            return Ok(Cow::Borrowed(text));
        }
        // Escapes are rare: read as the full parser reads them.
        let (text, end) = crate::json::string_at(self.text, self.pos).ok_or(GiveUp)?;
        self.pos = end;
        Ok(text)
    }

    /// A string without escapes (a key with an escape gives up), without its quotes.
    fn string(&mut self) -> Scan<&'a str> {
        let (text, end) = string_at(self.text, self.pos)?;
        self.pos = end;
        Ok(text)
    }

    /// A number as RFC 8259 writes one, as its text.
    fn number(&mut self) -> Scan<&'a str> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(GiveUp),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(GiveUp);
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(GiveUp);
            }
            self.digits();
        }
        // A leading zero before more digits (`01`) is no JSON number.
        if matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(GiveUp);
        }
        self.text.get(start..self.pos).ok_or(GiveUp)
    }
    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn enter(&mut self) -> Scan<()> {
        self.depth += 1;
        self.pos += 1;
        if self.depth > self.max_depth {
            return Err(GiveUp);
        }
        Ok(())
    }

    /// Whether the schema finds nothing in a scalar (of JSON type `found`) at `index`; `false`
    /// means it finds an error (every finding about a scalar is one). Of the branches of an
    /// `anyOf`, the validator takes the first without errors, as here.
    fn scalar_valid(&self, index: usize, value: &Value<'_>, found: u8) -> bool {
        let s = &self.schema.nodes[index];
        if s.never {
            return false;
        }
        if let Some(r) = s.reference {
            if !self.scalar_valid(r, value, found) {
                return false;
            }
        }
        if s.types.is_some_and(|mask| mask & found == 0) {
            return false;
        }
        if !s.any_of.is_empty() {
            let mut chosen = false;
            for &branch in &s.any_of {
                let typed = self.schema.type_mask(branch);
                if typed.is_none_or(|mask| mask & found != 0)
                    && self.scalar_valid(branch, value, found)
                {
                    chosen = true;
                    break;
                }
            }
            if !chosen {
                return false;
            }
        }
        self.own_checks(index, value)
    }

    /// The checks of schema node `index` itself on a scalar of its type: `enum` or `const`,
    /// bounds, format.
    fn own_checks(&self, index: usize, value: &Value<'_>) -> bool {
        let s = &self.schema.nodes[index];
        if let Some(values) = &s.enumeration {
            if !values.iter().any(|v| equals(value, v)) {
                return false;
            }
        }
        match value {
            Value::Number(n) => crate::validate::within_bounds(s, n.as_str()),
            Value::String(text) => s.format.is_none_or(|format| format.is_valid(text)),
            _ => true,
        }
    }

    /// The schema node that judges the members or items of a container at `index` (`None`: none
    /// does), after the checks of the container itself ([`Plan::Judge`]).
    fn container(&mut self, index: Option<usize>, found: u8) -> Scan<Option<usize>> {
        let Some(index) = index else {
            return Ok(None);
        };
        match self.plans[index][class(found)] {
            Plan::Judge(judge) => Ok(judge),
            _ => {
                self.dirty()?;
                Ok(None)
            }
        }
    }

    fn array(&mut self, schema: Option<usize>, keep: Keep, place: Place<'a>) -> Scan<()> {
        let start = self.pos;
        self.enter()?;
        let judge = self.container(schema, types::ARRAY)?;
        let item_schema = judge.and_then(|j| self.schema.nodes[j].items);
        // An array on a kept path is kept whole (no kept path indexes an array).
        let item_keep = if keep == Keep::No {
            Keep::No
        } else {
            Keep::Whole
        };
        let base = self.items.len();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                self.skip_whitespace();
                self.value(item_schema, item_keep, Role::Other, Place::Item)?;
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(GiveUp),
                }
            }
        }
        self.depth -= 1;
        // The items, gathered on a stack shared by all arrays, in one allocation of their size.
        let items: Vec<Node<'a>> = self.items.drain(base..).collect();
        if keep != Keep::No && self.clean {
            let span = Span::new(start, self.pos);
            self.put(
                place,
                Node {
                    value: Value::Array(items),
                    span,
                },
            );
        }
        Ok(())
    }

    fn object(
        &mut self,
        schema: Option<usize>,
        keep: Keep,
        role: Role,
        place: Place<'a>,
    ) -> Scan<()> {
        let start = self.pos;
        self.enter()?;
        if role == Role::Root {
            self.root.object = true;
        }
        let judge = self.container(schema, types::OBJECT)?;
        let compiled: &'static CompiledSchema = self.schema;
        let s = judge.map(|j| &compiled.nodes[j]);
        let base = self.members.len();
        // The properties seen, as bits of their positions; keys that are not properties, to
        // compare with each other.
        let (mut present, mut others) = (0u128, Vec::<&str>::new());
        let (mut count, mut next) = (0, 0);
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                self.skip_whitespace();
                if self.peek() != Some(b'"') {
                    return Err(GiveUp);
                }
                let key_start = self.pos;
                let key = self.string()?;
                let key_span = Span::new(key_start, self.pos);
                self.expect(b':')?;
                self.skip_whitespace();
                count += 1;
                let mut child = None;
                if let Some(s) = s.filter(|_| self.clean) {
                    // Large objects go to the full check, as in the quick check.
                    match s.position_from(key, next).filter(|&p| p < 128) {
                        _ if count > 32 => self.dirty()?,
                        Some(p) if present & 1 << p != 0 => self.dirty()?,
                        Some(p) => {
                            present |= 1 << p;
                            next = p + 1;
                            child = Some(s.properties[p].1);
                        }
                        None if s.position_from(key, 0).is_some() => self.dirty()?,
                        None if others.iter().any(|o| crate::json::same_key(o, key)) => {
                            self.dirty()?;
                        }
                        None => {
                            others.push(key);
                            match s.additional {
                                Additional::Schema(extra) => child = Some(extra),
                                Additional::Allowed => {}
                                Additional::Reported | Additional::Forbidden => self.dirty()?,
                            }
                        }
                    }
                }
                let child_keep = match (keep, role) {
                    (Keep::Branch(usize::MAX), _) if key == "data" => Keep::Branch(0),
                    (Keep::Branch(usize::MAX), _) => Keep::No,
                    _ => keep.child(key),
                };
                let child_role = match role {
                    Role::Root => self.note_root(key),
                    Role::Data => {
                        self.root.data_preset_key |= PRESET_KEYS.contains(&key);
                        Role::Other
                    }
                    Role::Other => Role::Other,
                };
                self.value(child, child_keep, child_role, Place::Member(key, key_span))?;
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(GiveUp),
                }
            }
        }
        if let Some(s) = s.filter(|_| self.clean) {
            let complete = match s.required_mask {
                Some(required) => present & required == required,
                None => s.required.is_empty(),
            };
            if !complete {
                self.dirty()?;
            }
        }
        self.depth -= 1;
        let members: Vec<Member<'a>> = self.members.drain(base..).collect();
        if keep != Keep::No && self.clean {
            let span = Span::new(start, self.pos);
            self.put(
                place,
                Node {
                    value: Value::Object(members),
                    span,
                },
            );
        }
        Ok(())
    }

    /// Notes a member of the root object in [`Root`] (before its value is scanned) and gives the
    /// role of its value.
    fn note_root(&mut self, key: &str) -> Role {
        let root = &mut self.root;
        root.preset_key |= PRESET_KEYS.contains(&key);
        match key {
            "success" => root.success = true,
            "paging" => root.paging = true,
            "$schema" => {
                root.schema = match self.bytes.get(self.pos) {
                    Some(b'"') => crate::json::string_at(self.text, self.pos).map(|(text, _)| text),
                    _ => None,
                };
            }
            "data" => {
                root.data = self.bytes.get(self.pos).copied();
                root.data_preset_key = false;
                return Role::Data;
            }
            _ => {}
        }
        Role::Other
    }
}

/// The string whose opening quote is at `at` (one without escapes; an escape gives up), without
/// its quotes, and the position after its closing quote.
fn string_at(text: &str, at: usize) -> Scan<(&str, usize)> {
    let bytes = text.as_bytes();
    let start = at + 1;
    let end = string_end(bytes, start);
    if bytes.get(end) != Some(&b'"') {
        return Err(GiveUp);
    }
    // Both ends are ASCII bytes of valid UTF-8: character boundaries.
    Ok((text.get(start..end).ok_or(GiveUp)?, end + 1))
}

/// Eight spaces as a word.
const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);

/// The eight bytes at `at` as a little-endian word (the first byte lowest), if there are eight.
fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// The position of the first `"`, `\\` or control character at or after `at` (the length of
/// `bytes` if none), found eight bytes at a time: in each word, the bytes equal to `"` or `\\`
/// (zero after an exclusive or) and those below 0x20 get their high bit set by a subtraction,
/// exactly up to the first of them, which is all that is read.
fn string_end(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let zero = |w: u64| w.wrapping_sub(ONES) & !w;
    while let Some(word) = word_at(bytes, at) {
        let found = (zero(word ^ (ONES * u64::from(b'"')))
            | zero(word ^ (ONES * u64::from(b'\\')))
            | (word.wrapping_sub(ONES * 0x20) & !word))
            & HIGH;
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

/// What the pass checks of a value at a schema node, by the value's JSON type: worked out once
/// per schema ([`plans`]), so that a value costs a lookup, not a walk through `$ref`s and
/// `anyOf`s.
#[derive(Debug, Clone)]
enum Plan {
    /// Reported whatever it holds.
    Reject,
    /// Nothing to check (a boolean where a boolean goes).
    Accept,
    /// The own checks of these nodes ([`Scanner::own_checks`]).
    Checks(Box<[usize]>),
    /// An `anyOf` with several branches of this type: [`Scanner::scalar_valid`] tries them.
    Slow,
    /// A container: the node that judges its members or items, if any.
    Judge(Option<usize>),
}

/// The position of a JSON type's bit (see [`json_type`]) among the seven.
fn class(found: u8) -> usize {
    (found.trailing_zeros() as usize).min(6)
}

/// The JSON types, one bit each, in [`class`] order.
const CLASSES: [u8; 7] = [
    types::NULL,
    types::BOOLEAN,
    types::INTEGER,
    types::NUMBER & !types::INTEGER,
    types::STRING,
    types::ARRAY,
    types::OBJECT,
];

/// The plans of the schema of a kind and revision, worked out on first use.
fn plans(kind: DocumentKind, api: ApiRevision) -> &'static [[Plan; 7]] {
    const SLOTS: usize = DocumentKind::ALL.len() * ApiRevision::ALL.len();
    static CACHE: [OnceLock<Vec<[Plan; 7]>>; SLOTS] = [const { OnceLock::new() }; SLOTS];
    CACHE[crate::schema::compiled::slot(kind, api)].get_or_init(|| {
        let schema = compiled(kind, api);
        (0..schema.nodes.len())
            .map(|index| CLASSES.map(|found| plan(schema, index, found)))
            .collect()
    })
}

fn plan(schema: &CompiledSchema, index: usize, found: u8) -> Plan {
    let (mut nodes_found, mut len) = ([0; MAX_NODES], 0);
    let container = found == types::OBJECT || found == types::ARRAY;
    if !container && ambiguous(schema, index, found) {
        return Plan::Slow;
    }
    if !nodes(schema, index, found, &mut nodes_found, &mut len) {
        return Plan::Reject;
    }
    let nodes_found = &nodes_found[..len];
    if container {
        let mut judge = None;
        for &i in nodes_found {
            let s = &schema.nodes[i];
            // No `enum` value is an array or an object.
            let judges = if found == types::OBJECT {
                s.object_keywords
            } else {
                s.items.is_some()
            };
            if s.enumeration.is_some() || (judges && judge.replace(i).is_some()) {
                return Plan::Reject;
            }
        }
        return Plan::Judge(judge);
    }
    let checks: Box<[usize]> = nodes_found
        .iter()
        .copied()
        .filter(|&i| {
            let s = &schema.nodes[i];
            s.enumeration.is_some()
                || s.minimum.is_some()
                || s.maximum.is_some()
                || s.format.is_some()
        })
        .collect();
    if checks.is_empty() {
        Plan::Accept
    } else {
        Plan::Checks(checks)
    }
}

/// Whether an `anyOf` on the way from `index` has several branches a value of type `found` may
/// take.
fn ambiguous(schema: &CompiledSchema, index: usize, found: u8) -> bool {
    let s = &schema.nodes[index];
    let typed = |b: &usize| schema.type_mask(*b).is_none_or(|mask| mask & found != 0);
    s.reference.is_some_and(|r| ambiguous(schema, r, found))
        || s.any_of.iter().filter(|b| typed(b)).count() > 1
        || s.any_of
            .iter()
            .any(|&b| typed(&b) && ambiguous(schema, b, found))
}

/// The schema nodes a value of JSON type `found` is checked against at `index`, as the
/// validator's quick check ([`crate::validate`]'s `is_valid`) takes them: the node, what its
/// `$ref` names, and the first branch of an `anyOf` of its type (the one sure to be chosen).
/// `false` when the value is reported whatever it holds.
fn nodes(
    schema: &CompiledSchema,
    index: usize,
    found: u8,
    out: &mut [usize; MAX_NODES],
    len: &mut usize,
) -> bool {
    let s = &schema.nodes[index];
    if s.never || *len == MAX_NODES {
        return false;
    }
    out[*len] = index;
    *len += 1;
    if let Some(r) = s.reference {
        if !nodes(schema, r, found, out, len) {
            return false;
        }
    }
    if !s.any_of.is_empty() {
        let first = s
            .any_of
            .iter()
            .copied()
            .find(|&b| schema.type_mask(b).is_none_or(|mask| mask & found != 0));
        match first {
            Some(first) if nodes(schema, first, found, out, len) => {}
            _ => return false,
        }
    }
    s.types.is_none_or(|mask| mask & found != 0)
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

    /// The lines the pass notes in whitespace are those [`LineIndex::new`] finds in the text:
    /// `\n`, `\r\n` and a lone `\r`, around indentation of every length.
    #[test]
    fn line_starts_match_the_line_index() {
        let options = CheckOptions {
            kind: KindSelector::Fixed(DocumentKind::Update),
            ..CheckOptions::default()
        };
        for newline in ["\n", "\r\n", "\r"] {
            for indent in 0..20 {
                let pad = " ".repeat(indent);
                let text = format!(
                    "{{{newline}{pad}\"name\": \"host\",{newline}{newline}{pad}\t\"config\":\
                     {newline}{pad}{{\"view_type\": \"GROUP_CALL\"}}{newline}}}{newline}{pad}"
                );
                let scanned = scan(text.as_bytes(), &options).expect("a clean document");
                let index = crate::diagnostic::LineIndex::new(text.as_bytes());
                let ours = crate::diagnostic::LineIndex::with_line_starts(
                    text.as_bytes(),
                    scanned.line_starts,
                );
                for offset in 0..=text.len() {
                    assert_eq!(ours.position(offset), index.position(offset), "{text:?}");
                }
            }
        }
    }

    /// What the pass gives up on, the full parser reports, and the reverse: every file of the
    /// JSON parsing test suite is accepted by the pass only if the parser accepts it.
    #[test]
    fn the_pass_accepts_no_text_the_parser_rejects() {
        let suite = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/testdata/JSONTestSuite/test_parsing");
        let mut read = 0;
        for entry in std::fs::read_dir(&suite).into_iter().flatten().flatten() {
            let bytes = std::fs::read(entry.path()).expect("readable");
            let options = CheckOptions {
                kind: KindSelector::Fixed(DocumentKind::Update),
                ..CheckOptions::default()
            };
            // Scanned against no schema: any value is judged for its syntax only.
            if scan(&bytes, &options).is_some() || scan_syntax(&bytes) {
                assert!(
                    crate::json::parse(&bytes, crate::json::Limits::default()).is_ok(),
                    "{}",
                    entry.path().display()
                );
            }
            read += 1;
        }
        assert!(read > 300, "{read} files of {}", suite.display());
    }

    /// Numbers compared with the schema's bounds as `f64`s and as integers come out as compared
    /// as decimals: every bound of every schema, against numbers on both sides of it, at it, and
    /// far away, written in every way.
    #[test]
    fn bounds_compare_as_decimals_do() {
        let mut compared = 0;
        for kind in DocumentKind::ALL {
            for api in ApiRevision::ALL {
                let schema = compiled(kind, api);
                for s in schema
                    .nodes
                    .iter()
                    .filter(|s| s.minimum.is_some() || s.maximum.is_some())
                {
                    let mut texts: Vec<String> = [
                        "0",
                        "-0",
                        "1",
                        "-1",
                        "0.5",
                        "29.97",
                        "30",
                        "30.0",
                        "3e1",
                        "300e-1",
                        "30.000000000000001",
                        "29.999999999999999",
                        "31",
                        "1e15",
                        "1e22",
                        "-1e22",
                        "1e300",
                        "1e308",
                        "1.7976931348623157e308",
                        "1e400",
                        "-1e400",
                        "123456789012345",
                        "1234567890123456789",
                        "9007199254740993",
                    ]
                    .iter()
                    .map(|t| t.to_string())
                    .collect();
                    for bound in [&s.minimum, &s.maximum].into_iter().flatten() {
                        let b = &bound.1;
                        texts.extend([b.clone(), format!("{b}0"), format!("-{b}")]);
                        if let Some(v) = crate::number::to_f64(b) {
                            for d in [-1.0, -0.5, -1e-9, 1e-9, 0.5, 1.0] {
                                texts.push(format!("{}", v + d));
                            }
                        }
                    }
                    for text in &texts {
                        assert_eq!(
                            crate::validate::within_bounds(s, text),
                            crate::validate::within_bounds_exactly(s, text),
                            "{text} against {:?} .. {:?}",
                            s.minimum.as_ref().map(|m| &m.1),
                            s.maximum.as_ref().map(|m| &m.1)
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 500, "{compared}");
    }

    /// Whether the pass reads `bytes` through as JSON, checking nothing against a schema.
    fn scan_syntax(bytes: &[u8]) -> bool {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return false;
        };
        let mut scanner = Scanner {
            bytes,
            text,
            pos: 0,
            depth: 0,
            max_depth: 128,
            schema: compiled(DocumentKind::Update, ApiRevision::V2026_06),
            plans: plans(DocumentKind::Update, ApiRevision::V2026_06),
            clean: false,
            stop_when_dirty: false,
            root: Root::default(),
            line_starts: vec![0],
            members: Vec::new(),
            items: Vec::new(),
        };
        scanner.document(Keep::No).is_ok()
    }
}

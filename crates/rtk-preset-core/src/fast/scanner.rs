//! The pass itself: [`Scanner`] reads a document once, checking each value with its [`Plan`].

use super::plan::{class, Plan};
use super::{GiveUp, Keep, Place, Role, Root, Scan};
use crate::diagnostic::Span;
use crate::json::{string_end, word_at, Member, Node, Number, Value, SPACES};
use crate::schema::compiled::{types, Additional, CompiledSchema, SchemaNode};
use crate::select::PRESET_KEYS;
use crate::validate::{equals, json_type};
use std::borrow::Cow;

pub(super) struct Scanner<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) text: &'a str,
    pub(super) pos: usize,
    pub(super) depth: usize,
    pub(super) max_depth: usize,
    pub(super) schema: &'static CompiledSchema,
    /// What to check of a value at each schema node, by its JSON type ([`Plan`]).
    pub(super) plans: &'static [[Plan; 7]],
    /// Whether nothing has been found so far; once not, values are only scanned (for [`Root`]).
    pub(super) clean: bool,
    /// Whether to give up at the first finding (the kind is fixed: [`Root`] cannot change it).
    pub(super) stop_when_dirty: bool,
    pub(super) root: Root<'a>,
    /// Where each line starts, for positions ([`crate::diagnostic::LineIndex`]).
    pub(super) line_starts: Vec<usize>,
    /// The kept members of the objects being read, innermost last.
    pub(super) members: Vec<Member<'a>>,
    /// The kept items of the arrays being read, innermost last.
    pub(super) items: Vec<Node<'a>>,
}

impl<'a> Scanner<'a> {
    pub(super) fn document(&mut self, keep: Keep) -> Scan<Option<Node<'a>>> {
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
    #[inline(always)]
    fn skip_whitespace(&mut self) {
        // Most calls find none (between a key and its colon, a value and its comma), or one
        // space (after a colon).
        match self.bytes.get(self.pos) {
            Some(&b) if b > b' ' => return,
            Some(b' ') if self.bytes.get(self.pos + 1).is_some_and(|&b| b > b' ') => {
                self.pos += 1;
                return;
            }
            _ => {}
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
    #[inline(always)]
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

    /// A number as RFC 8259 writes one ([`crate::json::number_end`]), as its text.
    fn number(&mut self) -> Scan<&'a str> {
        let start = self.pos;
        self.pos = crate::json::number_end(self.bytes, start).map_err(|_| GiveUp)?;
        self.text.get(start..self.pos).ok_or(GiveUp)
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
        if !self.closed(b']') {
            loop {
                self.skip_whitespace();
                self.value(item_schema, item_keep, Role::Other, Place::Item)?;
                if !self.more(b']')? {
                    break;
                }
            }
        }
        // The items, gathered on a stack shared by all arrays, in one allocation of their size.
        let items = self.items.drain(base..).collect();
        self.leave(start, keep, place, Value::Array(items));
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
        let mut seen = Seen::default();
        if !self.closed(b'}') {
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
                let child = match s.filter(|_| self.clean) {
                    Some(s) => match seen.schema_of(s, key) {
                        Some(child) => child,
                        None => {
                            self.dirty()?;
                            None
                        }
                    },
                    None => None,
                };
                let child_role = match role {
                    Role::Root => self.note_root(key),
                    Role::Data => {
                        self.root.data_preset_key |= PRESET_KEYS.contains(&key);
                        Role::Other
                    }
                    Role::Other => Role::Other,
                };
                let member = Place::Member(key, key_span);
                self.value(child, keep.child(key), child_role, member)?;
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        if let Some(s) = s.filter(|_| self.clean) {
            let complete = match s.required_mask {
                Some(required) => seen.present & required == required,
                None => s.required.is_empty(),
            };
            if !complete {
                self.dirty()?;
            }
        }
        let members = self.members.drain(base..).collect();
        self.leave(start, keep, place, Value::Object(members));
        Ok(())
    }

    /// Whether the container just entered closes at once with `close` (then passed).
    fn closed(&mut self, close: u8) -> bool {
        self.skip_whitespace();
        let closed = self.peek() == Some(close);
        self.pos += usize::from(closed);
        closed
    }

    /// After a member or an item: whether a `,` says more follow, or `close` ends the container.
    fn more(&mut self, close: u8) -> Scan<bool> {
        self.skip_whitespace();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(GiveUp),
        }
    }

    /// Leaves the container that started at `start`, putting it at `place` when it is kept.
    fn leave(&mut self, start: usize, keep: Keep, place: Place<'a>, value: Value<'a>) {
        self.depth -= 1;
        if keep != Keep::No && self.clean {
            let span = Span::new(start, self.pos);
            self.put(place, Node { value, span });
        }
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

/// The keys of an object seen so far, against the schema node that judges it.
#[derive(Default)]
struct Seen<'a> {
    /// The properties, as bits of their positions.
    present: u128,
    /// The keys that are not properties, to compare with each other.
    others: Vec<&'a str>,
    /// The members.
    count: usize,
    /// The position after the last property found: keys mostly come in the model's order.
    next: usize,
}

impl<'a> Seen<'a> {
    /// The schema of the value of member `key` of an object judged by `s` (`Some(None)`: none
    /// checks it), or `None` when the schema reports something: a repeated key, an unknown one,
    /// more members than the quick check of the validator takes (it gives large objects to the
    /// full check), a property beyond the bits.
    fn schema_of(&mut self, s: &SchemaNode, key: &'a str) -> Option<Option<usize>> {
        self.count += 1;
        if self.count > 32 {
            return None;
        }
        match s.position_from(key, self.next) {
            Some(p) if p >= 128 || self.present & 1 << p != 0 => None,
            Some(p) => {
                self.present |= 1 << p;
                self.next = p + 1;
                Some(Some(s.properties[p].1))
            }
            None if self.others.iter().any(|o| crate::json::same_key(o, key)) => None,
            None => {
                self.others.push(key);
                match s.additional {
                    Additional::Schema(extra) => Some(Some(extra)),
                    Additional::Allowed => Some(None),
                    Additional::Reported | Additional::Forbidden => None,
                }
            }
        }
    }
}

//! Validation of a parsed document against the generated schema of its kind and revision.
//!
//! The validator does not re-declare any constraint: it walks the document with the very schema
//! that is published in `schemas/`, compiled ([`crate::schema::compiled`]), reporting every
//! problem in one pass. Where a document fails the selected revision, it looks at the same place in
//! the schemas of the other revisions, so the message can say which revision has the value or
//! field. The messages are worded in [`messages`].

mod messages;

use crate::diagnostic::{Severity, Span};
use crate::fix::{removal, Applicability, Edit, Fix};
use crate::json::{Member, Node, Value};
use crate::number::Decimal;
use crate::pointer::{self, Segment};
use crate::revision::{ApiRevision, DocumentKind};
use crate::rules::{self, RawDiagnostic};
use crate::schema::compiled::{compiled, types, Additional, CompiledSchema, SchemaNode};
use crate::suggest;
use messages::shown_value;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt::Write as _;

/// Validates `document` as `kind` in `api`, appending findings to `out`.
pub(crate) fn validate(
    document: &Node,
    kind: DocumentKind,
    api: ApiRevision,
    out: &mut Vec<RawDiagnostic>,
) {
    let schema = compiled(kind, api);
    if schema.nodes[schema.root].never {
        let other_api = kind.since();
        out.push(RawDiagnostic {
            rule: rules::NOT_IN_REVISION,
            severity: Severity::Error,
            message: format!(
                "the {kind} operation does not exist in API revision {api}; it exists in {other_api}"
            ),
            pointer: String::new(),
            span: Span::new(document.span.start, document.span.start + 1),
            help: Some(format!(
                "check the document against API revision {other_api}, or send it as a `create` body"
            )),
            related: None,
            fix: None,
            params: Default::default(),
        });
        return;
    }
    let mut validator = Validator {
        schema,
        kind,
        api,
        path: Vec::new(),
        out,
        dropped: Vec::new(),
        last_dropped: false,
        trial: false,
        shortcuts: crate::shortcuts(),
    };
    validator.check(document, schema.root, None);
    // One finding tells what the cap left out, per rule, at the document's start.
    for (rule, count) in std::mem::take(&mut validator.dropped) {
        validator.out.push(RawDiagnostic {
            rule,
            severity: rules::default_severity(rule),
            message: format!(
                "{count} more `{rule}` findings in this document are not reported (at most \
                 {MAX_FINDINGS} findings per document)"
            ),
            pointer: String::new(),
            span: Span::new(document.span.start, document.span.start + 1),
            help: Some("fix the findings reported and check again".into()),
            related: None,
            fix: None,
            params: params([("count", count.into())]),
        });
    }
}

/// [`crate::diagnostic::Params`] from pairs.
pub(super) fn params<const N: usize>(
    facts: [(&str, serde_json::Value); N],
) -> crate::diagnostic::Params {
    facts
        .into_iter()
        .filter(|(_, value)| !value.is_null())
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}

/// The most findings the validator reports for one document: a hostile document (half a million
/// repeated keys in 4 MiB) would otherwise cost gigabytes of messages.
pub(crate) const MAX_FINDINGS: usize = 10_000;

/// Objects up to this many members (every object of a real preset) have their keys compared
/// pairwise; larger ones by sorting their positions ([`crate::order::repeats`]).
const SMALL_OBJECT: usize = 32;

/// Whether a number (its text) is within the bounds of schema node `s`, as the quick check of the
/// validator finds (a number no decimal holds is not compared).
pub(crate) fn within_bounds(s: &SchemaNode, text: &str) -> bool {
    if s.minimum.is_none() && s.maximum.is_none() {
        return true;
    }
    // Most numbers are short: compared as `f64`s, which is exact where the bounds are held
    // exactly or are far away, and the `f64`s differ (correct rounding keeps the order, so a
    // smaller `f64` is a smaller number); what that cannot decide is compared as decimals.
    if let Some(value) = crate::number::short_f64(text) {
        let side = |bound: &Option<(Decimal, String, Option<i64>)>, exact: Option<f64>| match (
            bound, exact,
        ) {
            (None, _) => Some(std::cmp::Ordering::Equal),
            (Some(_), Some(b)) if value != b => value.partial_cmp(&b),
            _ => None,
        };
        if let (Some(min), Some(max)) = (
            side(&s.minimum, s.minimum_f64),
            side(&s.maximum, s.maximum_f64),
        ) {
            return min != std::cmp::Ordering::Less && max != std::cmp::Ordering::Greater;
        }
    }
    // Integers against integer bounds: compared without a decimal.
    if let Ok(small) = text.parse::<i64>() {
        let (min, max) = (
            s.minimum.as_ref().map(|m| m.2),
            s.maximum.as_ref().map(|m| m.2),
        );
        if min.is_none_or(|m| m.is_some()) && max.is_none_or(|m| m.is_some()) {
            let below = min.flatten().is_some_and(|min| small < min);
            let above = max.flatten().is_some_and(|max| small > max);
            return !below && !above;
        }
    }
    within_bounds_exactly(s, text)
}

/// [`within_bounds`] by comparing decimals, the reference.
pub(crate) fn within_bounds_exactly(s: &SchemaNode, text: &str) -> bool {
    let Some(value) = Decimal::parse(text) else {
        return true;
    };
    let above = s.maximum.as_ref().is_some_and(|b| value > b.0);
    let below = s.minimum.as_ref().is_some_and(|b| value < b.0);
    !above && !below
}

struct Validator<'a, 'd> {
    schema: &'static CompiledSchema,
    kind: DocumentKind,
    api: ApiRevision,
    path: Vec<Segment<'d>>,
    out: &'a mut Vec<RawDiagnostic>,
    /// Findings past [`MAX_FINDINGS`], counted per rule, in the order the rules first overflowed.
    dropped: Vec<(&'static str, usize)>,
    /// Whether the last finding was dropped (so its fix and related place go nowhere).
    last_dropped: bool,
    /// Whether the findings are only counted, for choosing a branch of an `anyOf`: the costly
    /// ones (which look into the other revisions) then leave their words out, and the chosen
    /// branch is checked again for real.
    trial: bool,
    /// Whether to take the shortcuts: quick validity of `anyOf` branches, trials without words,
    /// and bits for keys (off only in the differential test, [`crate::phases::without_shortcuts`]).
    shortcuts: bool,
}

pub(crate) fn json_type(value: &Value) -> u8 {
    match value {
        Value::Null => types::NULL,
        Value::Bool(_) => types::BOOLEAN,
        Value::Number(n) => {
            if crate::number::is_integer(n.as_str()) {
                types::INTEGER
            } else {
                types::NUMBER & !types::INTEGER
            }
        }
        Value::String(_) => types::STRING,
        Value::Array(_) => types::ARRAY,
        Value::Object(_) => types::OBJECT,
    }
}

pub(super) fn type_matches(mask: u8, value: &Value) -> bool {
    mask & json_type(value) != 0
}

pub(crate) fn equals(value: &Value, expected: &serde_json::Value) -> bool {
    match (value, expected) {
        (Value::Null, serde_json::Value::Null) => true,
        (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
        (Value::String(a), serde_json::Value::String(b)) => a == b,
        (Value::Number(a), serde_json::Value::Number(b)) => {
            Decimal::parse(a.as_str()) == Decimal::parse(&b.to_string())
        }
        _ => false,
    }
}

impl<'a, 'd> Validator<'a, 'd> {
    fn pointer(&self) -> String {
        pointer::join(&self.path)
    }

    /// How a message names the value at the current path: "`frame_rate`", "`qualities[0]`".
    fn name(&self) -> String {
        match self.path.as_slice() {
            [] => "the document".to_owned(),
            [.., Segment::Key(k)] => format!("`{k}`"),
            [.., Segment::Key(k), Segment::Index(i)] => format!("`{k}[{i}]`"),
            [.., Segment::Index(i)] => format!("item {i}"),
        }
    }

    fn emit(&mut self, rule: &'static str, span: Span, message: String, help: Option<String>) {
        self.last_dropped = self.out.len() >= MAX_FINDINGS;
        if self.last_dropped {
            match self.dropped.iter_mut().find(|(r, _)| *r == rule) {
                Some((_, count)) => *count += 1,
                None => self.dropped.push((rule, 1)),
            }
            return;
        }
        let pointer = self.pointer();
        self.out.push(RawDiagnostic {
            rule,
            severity: rules::default_severity(rule),
            message,
            pointer,
            span,
            help,
            related: None,
            fix: None,
            params: Default::default(),
        });
    }

    /// Attaches the facts behind the message to the finding just emitted.
    fn with_params<const N: usize>(&mut self, facts: [(&str, serde_json::Value); N]) {
        if self.last_dropped {
            return;
        }
        if let Some(last) = self.out.last_mut() {
            last.params = params(facts);
        }
    }

    /// Attaches a fix to the finding just emitted.
    fn with_fix(&mut self, fix: Fix) {
        if self.last_dropped {
            return;
        }
        if let Some(last) = self.out.last_mut() {
            last.fix = Some(fix);
        }
    }

    /// The schemas of the other revisions where the kind exists, the nearest first: compiled on
    /// first need only (most documents never need them).
    fn others(&self) -> impl Iterator<Item = (&'static CompiledSchema, ApiRevision)> {
        let kind = self.kind;
        self.api
            .others()
            .filter(move |&api| kind.exists_in(api))
            .map(move |api| (compiled(kind, api), api))
    }

    /// The nodes of the other revisions' schemas at the current path, the nearest revision first.
    fn other_nodes(&self) -> Vec<(usize, &'static CompiledSchema, ApiRevision)> {
        self.others()
            .flat_map(|(other, api)| {
                other
                    .lookup(&self.path)
                    .into_iter()
                    .map(move |i| (i, other, api))
            })
            .collect()
    }

    fn check(&mut self, node: &'d Node, index: usize, key_span: Option<Span>) {
        let schema = self.schema;
        let s = &schema.nodes[index];
        if s.never {
            let name = self.name();
            self.emit(
                rules::WRONG_TYPE,
                node.span,
                format!("{name} is not allowed here"),
                None,
            );
            return;
        }
        if let Some(r) = s.reference {
            self.check(node, r, key_span);
        }
        // The node's own type first: a value of the wrong type is reported once, as that, and
        // not again by each branch of an `anyOf` that has no type of its own (a `const`).
        if let Some(mask) = s.types {
            if !type_matches(mask, &node.value) {
                self.wrong_type(node, mask);
                return;
            }
        }
        if !s.any_of.is_empty() && !self.check_any_of(node, &s.any_of, key_span) {
            return;
        }
        if let Some(values) = &s.enumeration {
            if !values.iter().any(|v| equals(&node.value, v)) {
                self.invalid_value(node, values);
                return;
            }
        }
        match &node.value {
            Value::Number(n) => self.check_bounds(node, n.as_str(), s),
            Value::String(text) => {
                if let Some(format) = s.format {
                    if !format.is_valid(text) {
                        let name = self.name();
                        self.emit(
                            rules::INVALID_FORMAT,
                            node.span,
                            format!(
                                "{name} is {}, not a valid {}",
                                shown_value(node),
                                format.name()
                            ),
                            Some(format!("write {}", format.describe())),
                        );
                        self.with_params([("format", format.name().into())]);
                    }
                }
            }
            Value::Object(members) if s.object_keywords => {
                self.check_object(node, members, s, key_span)
            }
            Value::Array(items) => {
                if let Some(item_schema) = s.items {
                    for (i, item) in items.iter().enumerate() {
                        self.path.push(Segment::Index(i));
                        self.check(item, item_schema, None);
                        self.path.pop();
                    }
                }
            }
            Value::Object(_) | Value::Null | Value::Bool(_) => {}
        }
    }

    /// Checks the branches of an `anyOf`; returns whether the node's own keywords should still be
    /// checked (false when the node has already been reported).
    fn check_any_of(&mut self, node: &'d Node, branches: &[usize], key_span: Option<Span>) -> bool {
        let schema = self.schema;
        let candidates: Vec<usize> = branches
            .iter()
            .copied()
            .filter(|&b| {
                schema
                    .type_mask(b)
                    .is_none_or(|m| type_matches(m, &node.value))
            })
            .collect();
        match candidates.as_slice() {
            [] => {
                let mask = branches
                    .iter()
                    .map(|&b| schema.type_mask(b).unwrap_or(u8::MAX))
                    .fold(0, |a, m| a | m);
                self.wrong_type(node, mask);
                false
            }
            [only] => {
                self.check(node, *only, key_span);
                true
            }
            several => {
                // The branch with the fewest errors wins, the first of equals: once a branch has
                // none, no later one can win. A branch that a quick look finds wholly valid has
                // none and no warnings either, and takes no messages to find out.
                let start = self.out.len();
                let mut best: Option<(usize, Vec<RawDiagnostic>)> = None;
                let errors = |d: &[RawDiagnostic]| {
                    d.iter().filter(|d| d.severity == Severity::Error).count()
                };
                let trial = std::mem::replace(&mut self.trial, self.shortcuts);
                for &branch in several {
                    if self.shortcuts && best.as_ref().is_some_and(|(_, b)| errors(b) == 0) {
                        break;
                    }
                    if self.shortcuts && self.is_valid(node, branch) {
                        best = Some((branch, Vec::new()));
                        break;
                    }
                    self.check(node, branch, key_span);
                    let found: Vec<RawDiagnostic> = self.out.drain(start..).collect();
                    if best
                        .as_ref()
                        .is_none_or(|(_, b)| errors(&found) < errors(b))
                    {
                        best = Some((branch, found));
                    }
                }
                self.trial = trial;
                match best {
                    // Counted without words: the chosen branch again, for real (an enclosing
                    // trial does that itself).
                    Some((branch, found))
                        if !trial && found.iter().any(|d| d.message.is_empty()) =>
                    {
                        self.check(node, branch, key_span);
                    }
                    Some((_, found)) => self.out.extend(found),
                    None => {}
                }
                true
            }
        }
    }

    /// Whether [`Validator::check`] would find nothing at all in `node` against schema node
    /// `index`, worked out without words: a `false` where it would find something only costs the
    /// full check, but a `true` must be sure.
    fn is_valid(&self, node: &Node, index: usize) -> bool {
        let s = &self.schema.nodes[index];
        if s.never || s.reference.is_some_and(|r| !self.is_valid(node, r)) {
            return false;
        }
        if !s.any_of.is_empty() {
            let mut candidates = s.any_of.iter().copied().filter(|&b| {
                self.schema
                    .type_mask(b)
                    .is_none_or(|m| type_matches(m, &node.value))
            });
            // With several candidates, only the first is sure to be the one chosen.
            if !candidates
                .next()
                .is_some_and(|first| self.is_valid(node, first))
            {
                return false;
            }
        }
        if s.types.is_some_and(|mask| !type_matches(mask, &node.value)) {
            return false;
        }
        if let Some(values) = &s.enumeration {
            if !values.iter().any(|v| equals(&node.value, v)) {
                return false;
            }
        }
        match &node.value {
            Value::Number(n) => within_bounds(s, n.as_str()),
            Value::String(text) => s.format.is_none_or(|format| format.is_valid(text)),
            // Large objects go to the full check, which finds repeats by sorting: pairwise here
            // they would cost quadratic time on a hostile document.
            Value::Object(members) if s.object_keywords && members.len() > SMALL_OBJECT => false,
            Value::Object(members) if s.object_keywords => {
                let repeated = members.iter().enumerate().any(|(i, m)| {
                    !m.key_lossy
                        && members[..i]
                            .iter()
                            .any(|o| !o.key_lossy && crate::json::same_key(&o.key, &m.key))
                });
                let members_valid = || {
                    members.iter().all(|m| match s.property(&m.key) {
                        Some(property) => self.is_valid(&m.value, property),
                        None => match s.additional {
                            Additional::Schema(extra) => self.is_valid(&m.value, extra),
                            Additional::Allowed => true,
                            Additional::Reported | Additional::Forbidden => false,
                        },
                    })
                };
                let complete = || {
                    s.required
                        .iter()
                        .all(|r| members.iter().any(|m| crate::json::same_key(&m.key, r)))
                };
                !repeated && members_valid() && complete()
            }
            Value::Array(items) => s
                .items
                .is_none_or(|item| items.iter().all(|i| self.is_valid(i, item))),
            Value::Object(_) | Value::Null | Value::Bool(_) => true,
        }
    }

    fn check_bounds(&mut self, node: &'d Node, text: &str, s: &SchemaNode) {
        if s.minimum.is_none() && s.maximum.is_none() {
            return;
        }
        // Most numbers are small integers: compare them without building a decimal.
        if let Ok(small) = text.parse::<i64>() {
            let above = s
                .maximum
                .as_ref()
                .and_then(|m| m.2)
                .is_some_and(|max| small > max);
            let below = s
                .minimum
                .as_ref()
                .and_then(|m| m.2)
                .is_some_and(|min| small < min);
            let decided = s.maximum.as_ref().is_none_or(|m| m.2.is_some())
                && s.minimum.as_ref().is_none_or(|m| m.2.is_some());
            if decided && !above && !below {
                return;
            }
        }
        let Some(value) = Decimal::parse(text) else {
            return;
        };
        let name = self.name();
        // The bound crossed (a value cannot cross both): which, the side it is on, what to do.
        let bounds = [
            (
                &s.maximum,
                Ordering::Greater,
                "maximum",
                "above",
                "lower",
                "less",
            ),
            (
                &s.minimum,
                Ordering::Less,
                "minimum",
                "below",
                "raise",
                "more",
            ),
        ];
        for (bound, crossing, which, side, verb, or) in bounds {
            let Some((limit, limit_text, _)) = bound else {
                continue;
            };
            if value.partial_cmp(limit) != Some(crossing) {
                continue;
            }
            self.emit(
                rules::OUT_OF_RANGE,
                node.span,
                format!("{name} is {text}, {side} the {which} of {limit_text}"),
                Some(format!("{verb} it to {limit_text} or {or}")),
            );
            self.with_params([(which, crate::json::number_value(limit_text))]);
            self.with_fix(Fix::replace(
                Applicability::Unsafe,
                format!("{verb} it to {limit_text}"),
                node.span,
                limit_text.clone(),
            ));
            return;
        }
    }

    fn check_object(
        &mut self,
        node: &'d Node,
        members: &'d [Member],
        s: &'d SchemaNode,
        key_span: Option<Span>,
    ) {
        // Duplicate keys: report every repeat at its key; the fix removes the occurrence before it
        // (so that what most parsers keep, the last, stays).
        let bounds = |i: usize| {
            members
                .get(i)
                .map(|m: &Member| (m.key_span.start, m.value.span.end))
        };
        // Each member's place among the node's properties, found once. A repeat of a property is
        // seen by its bit; small objects (all of a preset's) then find the earlier occurrences
        // pairwise, large ones are sorted.
        let mut next = 0;
        let positions: Vec<Option<usize>> = members
            .iter()
            .map(|m| {
                let position = s.position_from(&m.key, next);
                next = position.map_or(next, |p| p + 1);
                position
            })
            .collect();
        let bit = |index: usize| positions[index].filter(|&p| p < 128).map(|p| 1u128 << p);
        let mut present = 0u128;
        let small = members.len() <= SMALL_OBJECT;
        // A large object's repeated keys, found at once (lossy keys are compared with none).
        let repeats = if small {
            Vec::new()
        } else {
            let keys: Vec<Option<&str>> = members
                .iter()
                .map(|m| (!m.key_lossy).then_some(&*m.key))
                .collect();
            crate::order::repeats(&keys)
        };
        for (index, member) in members.iter().enumerate() {
            if member.key_lossy {
                continue;
            }
            let earlier = if small {
                let repeated = match bit(index).filter(|_| self.shortcuts) {
                    Some(bit) => {
                        let repeated = present & bit != 0;
                        present |= bit;
                        repeated
                    }
                    // Not a property (rare): compared with every earlier key.
                    None => members[..index]
                        .iter()
                        .any(|o| !o.key_lossy && crate::json::same_key(&o.key, &member.key)),
                };
                let mut first = None;
                let mut previous = None;
                if repeated {
                    for (j, other) in members[..index].iter().enumerate() {
                        if !other.key_lossy && crate::json::same_key(&other.key, &member.key) {
                            first.get_or_insert(other.key_span);
                            previous = Some(j);
                        }
                    }
                }
                first.zip(previous)
            } else {
                repeats[index].map(|(first, previous)| (members[first].key_span, previous))
            };
            if let Some((first, previous)) = earlier {
                self.path.push(Segment::Key(Cow::Borrowed(&member.key)));
                self.emit(
                    rules::DUPLICATE_KEY,
                    member.key_span,
                    format!(
                        "duplicate key `{}`: most parsers silently keep only the last value",
                        member.key
                    ),
                    Some("remove one of the two".to_owned()),
                );
                self.with_params([("key", member.key.as_ref().into())]);
                if let Some(last) = self.out.last_mut().filter(|_| !self.last_dropped) {
                    last.related = Some((first, format!("the first `{}`", member.key)));
                }
                self.with_fix(Fix {
                    applicability: Applicability::Unsafe,
                    description: format!("remove the earlier `{}`", member.key),
                    edits: vec![Edit {
                        span: removal(
                            previous.checked_sub(1).and_then(bounds),
                            bounds(previous).unwrap_or_default(),
                            bounds(previous + 1),
                        ),
                        replacement: String::new(),
                    }],
                });
                self.path.pop();
            }
        }
        for (member, position) in members.iter().zip(&positions) {
            self.path.push(Segment::Key(Cow::Borrowed(&member.key)));
            match position.map(|p| s.properties[p].1) {
                Some(property) => self.check(&member.value, property, Some(member.key_span)),
                None => match s.additional {
                    Additional::Schema(extra) => {
                        self.check(&member.value, extra, Some(member.key_span))
                    }
                    Additional::Allowed => {}
                    Additional::Reported | Additional::Forbidden => {
                        self.unknown_field(member, members, s);
                    }
                },
            }
            self.path.pop();
        }
        // Missing fields: pointer of the field, span on the parent's key or opening brace. When
        // the bits of the keys present cover the required ones, none is missing.
        let keys = (0..members.len())
            .filter_map(bit)
            .fold(0, |all, bit| all | bit);
        if s.required_mask
            .is_some_and(|required| required & !keys == 0)
        {
            return;
        }
        let anchor = key_span.unwrap_or(Span::new(node.span.start, node.span.start + 1));
        for required in &s.required {
            if members
                .iter()
                .any(|m| crate::json::same_key(&m.key, required))
            {
                continue;
            }
            if self.trial {
                self.emit(rules::MISSING_FIELD, anchor, String::new(), None);
                continue;
            }
            self.path.push(Segment::Key(Cow::Borrowed(required)));
            let typo = members
                .iter()
                .filter(|m| s.property(&m.key).is_none())
                .find(|m| suggest::nearest(&m.key, [required.as_str()]).is_some());
            let mut help = match typo {
                Some(m) => format!(
                    "add `{required}`; `{}` here looks like a misspelling of it",
                    m.key
                ),
                None => format!("add `{required}`"),
            };
            let optional_elsewhere = self.other_nodes().into_iter().find_map(|(_, other, api)| {
                let parent = other.lookup(&self.path[..self.path.len() - 1]);
                parent
                    .iter()
                    .any(|&p| {
                        other.nodes[p].property(required).is_some()
                            && !other.nodes[p].required.contains(required)
                    })
                    .then_some(api)
            });
            if let Some(other_api) = optional_elsewhere {
                let _ = write!(
                    help,
                    " (it is optional in API revision {other_api}, required in {})",
                    self.api
                );
            }
            self.emit(
                rules::MISSING_FIELD,
                anchor,
                format!("missing required field `{required}`"),
                Some(help),
            );
            let expected = s.property(required).and_then(|p| self.schema.type_mask(p));
            self.with_params([
                ("expected", expected.map(types::names).into()),
                ("suggestion", typo.map(|m| m.key.as_ref()).into()),
            ]);
            self.path.pop();
        }
    }
}

//! Completion: the keys that may be typed in an object (required ones first), and the values of a
//! field, from the schemas.

use super::facts::{expand, facts, history, lookup, properties, required};
use super::hover::schema_key_doc;
use super::place::{place_at, Slot};
use crate::diagnostic::Span;
use crate::pointer::Segment;
use crate::revision::{ApiRevision, DocumentKind};
use serde_json::Value;
use std::borrow::Cow;

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
    text: &[u8],
    offset: usize,
    kind: DocumentKind,
    api: ApiRevision,
) -> Vec<Completion> {
    let Some(place) = place_at(text, offset) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match &place.slot {
        Slot::Key { span, colon, .. } => {
            for (i, (name, node)) in properties(kind, api, &place.path).into_iter().enumerate() {
                if place.siblings.iter().any(|s| s == name) {
                    continue;
                }
                let need = required(kind, api, &place.path, name);
                let facts = facts(kind, api, &expand(kind, api, node));
                let mut path = place.path.clone();
                path.push(Segment::Key(Cow::Borrowed(name)));
                let mut text = serde_json::to_string(name).unwrap_or_default();
                if !colon {
                    text.push_str(": ");
                }
                out.push(Completion {
                    label: name.to_owned(),
                    kind: CompletionKind::Field,
                    detail: format!(
                        "{}{}",
                        facts.summary(),
                        if need { " (required)" } else { "" }
                    ),
                    documentation: format!(
                        "{}\n\n{}",
                        facts.description.unwrap_or_default(),
                        history(kind, &path, None)
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
            if place.path == [Segment::Key(Cow::Borrowed("$schema"))] {
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
            let nodes = lookup(kind, api, &place.path);
            let facts = facts(kind, api, &nodes);
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
                        history(kind, &place.path, Some(&value))
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

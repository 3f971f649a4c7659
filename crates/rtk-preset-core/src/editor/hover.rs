//! Hover: the documentation of the key or value under the cursor, from the schemas.

use super::facts::{facts, history, lookup, required};
use super::place::{place_at, Slot};
use crate::diagnostic::Span;
use crate::pointer::Segment;
use crate::revision::{ApiRevision, DocumentKind};
use serde_json::Value;
use std::borrow::Cow;

/// The documentation to show for the place at `offset`, and the span it is about.
pub fn hover(
    text: &[u8],
    offset: usize,
    kind: DocumentKind,
    api: ApiRevision,
) -> Option<(String, Span)> {
    let place = place_at(text, offset)?;
    match &place.slot {
        Slot::Key {
            text: key, span, ..
        } if !span.is_empty() => {
            let mut path = place.path.clone();
            if path.is_empty() && key == "$schema" {
                return Some((schema_key_doc(), *span));
            }
            let need = required(kind, api, &path, key);
            path.push(Segment::Key(Cow::Owned(key.clone())));
            let nodes = lookup(kind, api, &path);
            if nodes.is_empty() {
                return Some((
                    format!(
                        "**`{key}`**: not a field here in API revision {api} ({kind}).\n\n{}",
                        history(kind, &path, None)
                    ),
                    *span,
                ));
            }
            let facts = facts(kind, api, &nodes);
            let mut out = format!(
                "**`{key}`**: {}{}\n\n",
                facts.summary(),
                if need { " (required)" } else { "" }
            );
            if let Some(description) = facts.description {
                out.push_str(description);
                out.push_str("\n\n");
            }
            out.push_str(&history(kind, &path, None));
            out.push_str(&format!("\n\n`{}` · {kind} · API {api}", place.pointer()));
            Some((out, *span))
        }
        Slot::Value { span, raw } if !span.is_empty() => {
            let value: Value = serde_json::from_str(raw).ok()?;
            let nodes = lookup(kind, api, &place.path);
            if nodes.is_empty() {
                return None;
            }
            let facts = facts(kind, api, &nodes);
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
                out.push_str(&history(kind, &place.path, Some(&value)));
                out.push_str("\n\n");
            }
            out.push_str(&format!("`{}` · {kind} · API {api}", place.pointer()));
            Some((out, *span))
        }
        _ => None,
    }
}

pub(super) fn schema_key_doc() -> String {
    format!(
        "**`$schema`**: the JSON Schema this document follows.\n\nNaming one of rtk-preset's \
         schemas (`{}…`, or a path ending in a schema's file name) sets the document's kind and \
         API revision for rtk-preset and for editors.",
        crate::schema::ID_BASE
    )
}

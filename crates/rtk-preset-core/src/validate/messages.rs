//! How the validator words what it finds: the value as shown in a message, the revision history
//! of a value or field, and the findings whose wording takes more than a line (a wrong type, a value
//! that is not allowed, an unknown key).

use super::{equals, json_type, type_matches, Validator};
use crate::diagnostic::Severity;
use crate::fix::{Applicability, Fix};
use crate::json::{Member, Node, Value};
use crate::pointer::Segment;
use crate::revision::ApiRevision;
use crate::rules;
use crate::schema::compiled::{types, Additional, SchemaNode};
use crate::suggest;

/// Where something of `other` went in `api`: "it was added in 2026-06", "it was removed in 2026-06".
fn history(api: ApiRevision, other: ApiRevision) -> String {
    if other > api {
        format!("it was added in {other}")
    } else {
        format!("it was removed in {api}")
    }
}

/// A scalar for messages, in backticks and shortened: strings without their quotes where the type
/// is not in question (`plain`), as written in JSON otherwise.
fn shown_as(node: &Node, plain: bool) -> String {
    let text = match &node.value {
        Value::String(s) if plain => s.to_string(),
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Number(n) => n.as_str().to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_owned(),
        Value::Array(_) => return "an array".to_owned(),
        Value::Object(_) => return "an object".to_owned(),
    };
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("`{cut}...`")
    } else {
        format!("`{text}`")
    }
}

/// A scalar as written in JSON, for messages about its type.
fn shown(node: &Node) -> String {
    shown_as(node, false)
}

/// A value whose type is right, for messages about the value itself.
pub(super) fn shown_value(node: &Node) -> String {
    shown_as(node, true)
}

impl<'d> Validator<'_, 'd> {
    pub(super) fn wrong_type(&mut self, node: &'d Node, expected: u8) {
        let name = self.name();
        let found = match &node.value {
            Value::Object(_) | Value::Array(_) => node.value.type_name().to_owned(),
            Value::Null => "`null`".to_owned(),
            _ => format!("{} {}", node.value.type_name(), shown(node)),
        };
        let expected_text = types::describe(expected);
        let mut help = match &node.value {
            Value::String(s)
                if expected & types::NUMBER != 0
                    && crate::json::parse(s.trim().as_bytes(), crate::json::Limits::default())
                        .is_ok_and(|n| matches!(n.value, Value::Number(_))) =>
            {
                Some(format!("remove the quotes: `{}`", s.trim()))
            }
            Value::String(s)
                if expected & types::BOOLEAN != 0 && matches!(&**s, "true" | "false") =>
            {
                Some(format!("remove the quotes: `{s}`"))
            }
            Value::Number(n) if expected == types::INTEGER => {
                let rounded = crate::number::Decimal::parse(n.as_str()).map(|d| d.rounded());
                Some(match rounded {
                    Some(v) => format!("use a whole number, such as `{v}`"),
                    None => "use a whole number".to_owned(),
                })
            }
            _ => None,
        };
        let accepted_elsewhere = self.other_nodes().into_iter().find_map(|(i, other, api)| {
            other.nodes[i]
                .types
                .filter(|&m| type_matches(m, &node.value))
                .map(|_| api)
        });
        if let Some(other_api) = accepted_elsewhere {
            let note = format!(
                "API revision {other_api} accepts {} here; {} expects {expected_text}",
                node.value.type_name(),
                self.api
            );
            help = Some(match help {
                Some(h) => format!("{h}; {note}"),
                None => note,
            });
        }
        self.emit(
            rules::WRONG_TYPE,
            node.span,
            format!("{name} should be {expected_text}, found {found}"),
            help,
        );
        self.with_params([
            ("expected", types::names(expected).into()),
            ("found", types::names(json_type(&node.value)).into()),
            ("revision", accepted_elsewhere.map(|a| a.as_str()).into()),
        ]);
    }

    pub(super) fn invalid_value(&mut self, node: &'d Node, allowed: &[serde_json::Value]) {
        if self.trial {
            // `invalid-value` or `not-in-revision`: an error either way.
            self.emit(rules::INVALID_VALUE, node.span, String::new(), None);
            return;
        }
        let name = self.name();
        let allowed_text: Vec<&str> = allowed.iter().filter_map(|v| v.as_str()).collect();
        let in_other = self.other_nodes().into_iter().find_map(|(i, other, api)| {
            other.nodes[i]
                .enumeration
                .as_ref()
                .filter(|values| values.iter().any(|v| equals(&node.value, v)))
                .map(|_| api)
        });
        if let Some(other_api) = in_other {
            self.emit(
                rules::NOT_IN_REVISION,
                node.span,
                format!(
                    "{} is not a valid {name} in API revision {}: {}",
                    shown_value(node),
                    self.api,
                    history(self.api, other_api)
                ),
                Some(format!(
                    "use one of {}, or check the document against API revision {other_api}",
                    suggest::list(allowed_text.iter().copied())
                )),
            );
            self.with_params([
                ("allowed", allowed.into()),
                ("revision", other_api.as_str().into()),
            ]);
            return;
        }
        let given = match &node.value {
            Value::String(s) => Some(&**s),
            _ => None,
        };
        // A synonym the model declares (`1080p` for `fhd`) first, then the nearest spelling.
        let synonym = given.and_then(|g| crate::schema::synonym_of(g, &allowed_text));
        let nearest = synonym
            .or_else(|| given.and_then(|g| suggest::nearest(g, allowed_text.iter().copied())));
        let list = suggest::list(allowed_text.iter().copied());
        let help = match nearest {
            Some(n) => format!("did you mean `{n}`? allowed values: {list}"),
            None => format!("allowed values: {list}"),
        };
        self.emit(
            rules::INVALID_VALUE,
            node.span,
            format!(
                "{name} is {}, not one of the allowed values",
                shown_value(node)
            ),
            Some(help),
        );
        self.with_params([("allowed", allowed.into()), ("suggestion", nearest.into())]);
        // The same value in another case is safe to replace. A synonym's value (`fhd` for
        // `1080p`) is only suggested: it is another word, and the rule's fixes are all safe.
        let same = nearest.filter(|n| given.is_some_and(|g| suggest::same_folded(g, n)));
        if let Some(value) = same {
            self.with_fix(Fix::replace(
                Applicability::Safe,
                format!("replace with `{value}`"),
                node.span,
                serde_json::to_string(value).unwrap_or_default(),
            ));
        }
    }

    /// The sibling object of the current object that has a field named `key` (`private` for
    /// `can_receive` in `permissions.chat.public`), named as its parent names it.
    fn sibling_with(&self, key: &str) -> Option<String> {
        let [grandparent @ .., Segment::Key(parent), _] = self.path.as_slice() else {
            return None;
        };
        let schema = self.schema;
        schema.lookup(grandparent).into_iter().find_map(|g| {
            schema.nodes[g]
                .properties
                .iter()
                .filter(|(name, _)| name != parent)
                .find(|&&(_, p)| {
                    let mut nodes = Vec::new();
                    schema.expand(p, &mut nodes);
                    nodes
                        .iter()
                        .any(|&n| schema.nodes[n].property(key).is_some())
                })
                .map(|(name, _)| name.clone())
        })
    }

    pub(super) fn unknown_field(
        &mut self,
        member: &'d Member,
        members: &'d [Member],
        s: &SchemaNode,
    ) {
        // The document's own `$schema` (which editors and `declared_schema` read) is no typo.
        if self.path.len() == 1 && member.key == "$schema" {
            return;
        }
        let parent = match self.path.as_slice() {
            [.., Segment::Key(p), _] => format!("`{p}`"),
            [.., Segment::Key(p), Segment::Index(i), _] => format!("`{p}[{i}]`"),
            [.., Segment::Index(i), _] => format!("item {i}"),
            _ => "the document".to_owned(),
        };
        // Only a field another revision declares by name counts, not a key its map accepts.
        let parent_path = &self.path[..self.path.len().saturating_sub(1)];
        let elsewhere = self.others().find_map(|(other, api)| {
            other
                .lookup(parent_path)
                .into_iter()
                .any(|i| other.nodes[i].property(&member.key).is_some())
                .then_some(api)
        });
        if let Some(other_api) = elsewhere {
            self.emit(
                rules::UNKNOWN_FIELD,
                member.key_span,
                format!(
                    "`{}` is not a field of {parent} in API revision {}: {}",
                    member.key,
                    self.api,
                    history(self.api, other_api)
                ),
                Some(format!(
                    "remove it, or check the document against API revision {other_api}"
                )),
            );
            self.with_params([
                ("key", member.key.as_ref().into()),
                ("revision", other_api.as_str().into()),
            ]);
            return;
        }
        let known = s.properties.iter().map(|(n, _)| n.as_str());
        let nearest = suggest::nearest(&member.key, known);
        let sibling = self.sibling_with(&member.key);
        let help = match (nearest, &sibling) {
            (Some(n), _) => format!("did you mean `{n}`?"),
            (None, Some(sibling)) => format!(
                "`{}` is a field of `{sibling}`, not of {parent}; move it there",
                member.key
            ),
            (None, None) => format!(
                "known fields of {parent}: {}",
                suggest::list(s.properties.iter().map(|(n, _)| n.as_str()))
            ),
        };
        // Where the API is known to reject keys it does not know, one is an error.
        let rejected = s.additional == Additional::Forbidden;
        let message = if rejected {
            format!(
                "unknown field `{}` in {parent}, where the API rejects keys it does not know",
                member.key
            )
        } else {
            format!("unknown field `{}` in {parent}", member.key)
        };
        self.emit(rules::UNKNOWN_FIELD, member.key_span, message, Some(help));
        if rejected && !self.last_dropped {
            if let Some(last) = self.out.last_mut() {
                last.severity = Severity::Error;
            }
        }
        self.with_params([
            ("key", member.key.as_ref().into()),
            ("suggestion", nearest.into()),
            ("belongs", sibling.into()),
        ]);
        if let Some(nearest) = nearest.filter(|n| !members.iter().any(|m| m.key == *n)) {
            self.with_fix(Fix::replace(
                Applicability::Unsafe,
                format!("rename `{}` to `{nearest}`", member.key),
                member.key_span,
                serde_json::to_string(nearest).unwrap_or_default(),
            ));
        }
    }
}

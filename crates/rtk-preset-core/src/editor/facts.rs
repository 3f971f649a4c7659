//! What the compiled schemas ([`crate::schema::compiled`], the validator's own) say about a place:
//! its type, values, bounds, description, whether it is required, and in which revisions it
//! exists.

use crate::pointer::Segment;
use crate::revision::{ApiRevision, DocumentKind};
use crate::schema::compiled::{compiled, types, CompiledSchema};
use serde_json::Value;

/// The nodes that describe the value at `path` in the schema of a kind and revision (each with
/// what it stands for through `$ref` and `anyOf`; a property's own node, which keeps its
/// description beside its `$ref`, first).
pub(super) fn lookup(kind: DocumentKind, api: ApiRevision, path: &[Segment<'_>]) -> Vec<usize> {
    compiled(kind, api).lookup(path)
}

/// What the schemas say about a value: its type, values, bounds and description.
pub(super) struct Facts<'s> {
    pub(super) description: Option<&'s str>,
    pub(super) types: Vec<&'static str>,
    pub(super) values: Vec<&'s Value>,
    minimum: Option<&'s str>,
    maximum: Option<&'s str>,
    format: Option<&'static str>,
    /// The descriptions of every node, for the notes an enum gives its values.
    descriptions: Vec<&'s str>,
}

/// The facts of `nodes` (as [`lookup`] gives them) in the schema of a kind and revision.
pub(super) fn facts(kind: DocumentKind, api: ApiRevision, nodes: &[usize]) -> Facts<'static> {
    facts_in(compiled(kind, api), nodes)
}

fn facts_in<'s>(schema: &'s CompiledSchema, nodes: &[usize]) -> Facts<'s> {
    let nodes: Vec<_> = nodes.iter().map(|&i| &schema.nodes[i]).collect();
    let mut types: Vec<&'static str> = Vec::new();
    for mask in nodes.iter().filter_map(|n| n.types) {
        for name in types::names(mask) {
            if types.last() != Some(&name) {
                types.push(name);
            }
        }
    }
    Facts {
        description: nodes.iter().find_map(|n| n.description.as_deref()),
        types,
        values: nodes
            .iter()
            .flat_map(|n| n.enumeration.iter().flatten())
            .collect(),
        minimum: nodes
            .iter()
            .find_map(|n| n.minimum.as_ref().map(|m| m.1.as_str())),
        maximum: nodes
            .iter()
            .find_map(|n| n.maximum.as_ref().map(|m| m.1.as_str())),
        format: nodes.iter().find_map(|n| n.format.map(|f| f.name())),
        descriptions: nodes
            .iter()
            .filter_map(|n| n.description.as_deref())
            .collect(),
    }
}

impl Facts<'_> {
    /// One line: `number, at most 30`, `string, one of "hd", "vga"`.
    pub(super) fn summary(&self) -> String {
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
    pub(super) fn value_note(&self, value: &str) -> Option<String> {
        let prefix = format!("- `{value}`: ");
        self.descriptions.iter().find_map(|description| {
            description
                .lines()
                .find_map(|l| l.strip_prefix(prefix.as_str()))
                .map(str::to_owned)
        })
    }
}

/// The properties of the object at `path`, in the schema's order, each with its node.
pub(super) fn properties(
    kind: DocumentKind,
    api: ApiRevision,
    path: &[Segment<'_>],
) -> Vec<(&'static str, usize)> {
    let schema = compiled(kind, api);
    let mut out: Vec<(&'static str, usize)> = Vec::new();
    for node in lookup(kind, api, path) {
        for (name, index) in &schema.nodes[node].properties {
            if !out.iter().any(|(n, _)| n == name) {
                out.push((name.as_str(), *index));
            }
        }
    }
    out
}

/// The nodes of one property (its own node and what it stands for).
pub(super) fn expand(kind: DocumentKind, api: ApiRevision, node: usize) -> Vec<usize> {
    let mut out = Vec::new();
    compiled(kind, api).expand(node, &mut out);
    out
}

/// Whether the object at `path` requires `key`.
pub(super) fn required(
    kind: DocumentKind,
    api: ApiRevision,
    path: &[Segment<'_>],
    key: &str,
) -> bool {
    let schema = compiled(kind, api);
    lookup(kind, api, path)
        .iter()
        .any(|&n| schema.nodes[n].required.iter().any(|r| r == key))
}

/// In which revisions a field (or, with `value`, one of its values) exists, as a sentence.
pub(super) fn history(kind: DocumentKind, path: &[Segment<'_>], value: Option<&Value>) -> String {
    let present: Vec<ApiRevision> = ApiRevision::ALL
        .into_iter()
        .filter(|&api| {
            let nodes = lookup(kind, api, path);
            !nodes.is_empty() && value.is_none_or(|v| facts(kind, api, &nodes).values.contains(&v))
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

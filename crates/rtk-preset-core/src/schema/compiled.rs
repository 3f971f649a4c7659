//! The published schemas compiled into an index of nodes, one per document kind and API revision,
//! built once per process: what the validator walks a document with, and where the editor looks
//! up a field's type, values, bounds and description. Nothing here is declared twice: the nodes come
//! from the very schemas of `schemas/` ([`super::schema`]).

use crate::format::Format;
use crate::json::{Member, Node, Value};
use crate::number::Decimal;
use crate::pointer::Segment;
use crate::revision::{ApiRevision, DocumentKind};
use std::sync::OnceLock;

/// JSON types as bits, so a node's `type` is one mask.
pub(crate) mod types {
    pub const NULL: u8 = 1;
    pub const BOOLEAN: u8 = 2;
    pub const INTEGER: u8 = 4;
    pub const NUMBER: u8 = 8 | INTEGER;
    pub const STRING: u8 = 16;
    pub const ARRAY: u8 = 32;
    pub const OBJECT: u8 = 64;

    pub fn from_name(name: &str) -> Option<u8> {
        Some(match name {
            "null" => NULL,
            "boolean" => BOOLEAN,
            "integer" => INTEGER,
            "number" => NUMBER,
            "string" => STRING,
            "array" => ARRAY,
            "object" => OBJECT,
            _ => return None,
        })
    }

    /// Each type: its bit, its JSON Schema name, and its name in a sentence (most general first).
    const ALL: [(u8, &str, &str); 7] = [
        (OBJECT, "object", "an object"),
        (ARRAY, "array", "an array"),
        (STRING, "string", "a string"),
        (NUMBER, "number", "a number"),
        (INTEGER, "integer", "an integer"),
        (BOOLEAN, "boolean", "a boolean"),
        (NULL, "null", "null"),
    ];

    /// The types in `mask` (an integer is not named beside a number, which includes it).
    fn named(mask: u8) -> impl Iterator<Item = (&'static str, &'static str)> {
        ALL.into_iter()
            .filter(move |&(bit, _, _)| {
                mask & bit == bit && !(bit == INTEGER && mask & NUMBER == NUMBER)
            })
            .map(|(_, name, phrase)| (name, phrase))
    }

    /// The JSON Schema names of the types in `mask`: `["number"]`, `["string", "null"]`.
    pub fn names(mask: u8) -> Vec<&'static str> {
        named(mask).map(|(name, _)| name).collect()
    }

    /// "an integer", "a string or null", ...
    pub fn describe(mask: u8) -> String {
        let names: Vec<&str> = named(mask).map(|(_, phrase)| phrase).collect();
        match names.as_slice() {
            [] => "nothing".to_owned(),
            [one] => (*one).to_owned(),
            [init @ .., last] => format!("{} or {last}", init.join(", ")),
        }
    }
}

/// What an object does with keys its schema does not name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Additional {
    /// Not declared: allowed by the API, but most likely a typo, so reported as `unknown-field`.
    Reported,
    /// `additionalProperties: true`: extra keys are part of the design.
    Allowed,
    /// `additionalProperties: false`.
    Forbidden,
    /// `additionalProperties: {schema}`.
    Schema(usize),
}

/// One compiled schema object.
#[derive(Debug, Clone)]
pub(crate) struct SchemaNode {
    pub(crate) types: Option<u8>,
    pub(crate) enumeration: Option<Vec<serde_json::Value>>,
    pub(crate) properties: Vec<(String, usize)>,
    pub(crate) required: Vec<String>,
    pub(crate) additional: Additional,
    pub(crate) items: Option<usize>,
    /// A bound: exact, as written, and as an `i64` when it is one.
    pub(crate) minimum: Option<(Decimal, String, Option<i64>)>,
    pub(crate) maximum: Option<(Decimal, String, Option<i64>)>,
    /// The bounds as `f64`s where comparing a short number with them as `f64`s is exact
    /// ([`crate::validate::within_bounds`]): correctly rounded, or beyond ±1e300.
    pub(crate) minimum_f64: Option<f64>,
    pub(crate) maximum_f64: Option<f64>,
    pub(crate) format: Option<Format>,
    pub(crate) any_of: Vec<usize>,
    pub(crate) reference: Option<usize>,
    pub(crate) never: bool,
    /// Whether the node declares `properties`, `required` or `additionalProperties`: only then
    /// does it judge an object's keys.
    pub(crate) object_keywords: bool,
    /// The schema's `description` (the doc comment on the model).
    pub(crate) description: Option<String>,
    /// The positions in `properties` of the required fields, as bits, when every required field
    /// is a property and there are at most 128 properties: an object's keys are then checked
    /// against the node with one bit per key ([`SchemaNode::position`]).
    pub(crate) required_mask: Option<u128>,
}

impl Default for SchemaNode {
    fn default() -> Self {
        SchemaNode {
            types: None,
            enumeration: None,
            properties: Vec::new(),
            required: Vec::new(),
            additional: Additional::Reported,
            items: None,
            minimum: None,
            maximum: None,
            minimum_f64: None,
            maximum_f64: None,
            format: None,
            any_of: Vec::new(),
            reference: None,
            never: false,
            object_keywords: false,
            description: None,
            required_mask: None,
        }
    }
}

/// The position of property `name` in `properties`, by hand: the WebAssembly, built for size,
/// would call an iterator and a closure for each property.
#[inline(always)]
fn property_in(properties: &[(String, usize)], name: &str) -> Option<usize> {
    let mut i = 0;
    while i < properties.len() {
        if crate::json::same_key(&properties[i].0, name) {
            return Some(i);
        }
        i += 1;
    }
    None
}

impl SchemaNode {
    pub(crate) fn property(&self, name: &str) -> Option<usize> {
        self.position(name).map(|p| self.properties[p].1)
    }

    /// The position of property `name` in `properties`.
    pub(crate) fn position(&self, name: &str) -> Option<usize> {
        self.position_from(name, 0)
    }

    /// [`SchemaNode::position`], looking from position `start` on first (and then from the
    /// beginning): the keys of a document mostly come in the model's order, so looking after the
    /// previous key's property finds the next at once.
    pub(crate) fn position_from(&self, name: &str, start: usize) -> Option<usize> {
        let start = start.min(self.properties.len());
        let (before, after) = self.properties.split_at(start);
        if let Some(p) = property_in(after, name) {
            return Some(start + p);
        }
        property_in(before, name)
    }

    fn with_required_mask(mut self) -> SchemaNode {
        let exact = |bound: &Option<(Decimal, String, Option<i64>)>| {
            let text = bound.as_ref()?.1.as_str();
            crate::number::short_f64(text)
                .or_else(|| crate::number::to_f64(text).filter(|v| v.abs() > 1e300))
        };
        self.minimum_f64 = exact(&self.minimum);
        self.maximum_f64 = exact(&self.maximum);
        if self.properties.len() <= 128 {
            self.required_mask = self
                .required
                .iter()
                .try_fold(0u128, |mask, r| self.position(r).map(|p| mask | 1 << p));
        }
        self
    }
}

/// A schema compiled for validation.
#[derive(Debug)]
pub(crate) struct CompiledSchema {
    pub(crate) nodes: Vec<SchemaNode>,
    /// [`CompiledSchema::type_mask`] of every node, worked out once.
    masks: Vec<Option<u8>>,
    pub(crate) root: usize,
    /// Keywords met that the validator does not implement (a test keeps this empty).
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "read by the keyword-coverage test")
    )]
    pub(crate) unsupported: Vec<String>,
}

impl CompiledSchema {
    /// Compiles a schema read with the core's parser (the embedded schemas are read so: no
    /// `serde_json` tree is built for them at start-up).
    pub(crate) fn compile(schema: &Node<'_>) -> CompiledSchema {
        let mut compiler = Compiler {
            root: schema,
            nodes: Vec::new(),
            defs: Vec::new(),
            unsupported: Vec::new(),
        };
        let root = compiler.compile(schema, At::Root);
        let mut compiled = CompiledSchema {
            nodes: compiler
                .nodes
                .into_iter()
                .map(SchemaNode::with_required_mask)
                .collect(),
            masks: Vec::new(),
            root,
            unsupported: compiler.unsupported,
        };
        compiled.masks = (0..compiled.nodes.len())
            .map(|i| compiled.find_type_mask(i))
            .collect();
        compiled
    }

    /// Keywords of the schema that the validator ignores: must be empty for the generated schemas.
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "read by the keyword-coverage test")
    )]
    pub(crate) fn unsupported_keywords(&self) -> &[String] {
        &self.unsupported
    }

    /// The node and every node it stands for through `$ref` and `anyOf`.
    pub(crate) fn expand(&self, index: usize, out: &mut Vec<usize>) {
        if out.contains(&index) {
            return;
        }
        out.push(index);
        let node = &self.nodes[index];
        if let Some(r) = node.reference {
            self.expand(r, out);
        }
        for &branch in &node.any_of {
            self.expand(branch, out);
        }
    }

    /// The nodes that describe the value at `path` (empty if the schema has no such place).
    pub(crate) fn lookup(&self, path: &[Segment<'_>]) -> Vec<usize> {
        let mut current = vec![self.root];
        for segment in path {
            let mut expanded = Vec::new();
            for &i in &current {
                self.expand(i, &mut expanded);
            }
            current = expanded
                .into_iter()
                .filter_map(|i| {
                    let node = &self.nodes[i];
                    match segment {
                        Segment::Key(key) => node.property(key).or(match node.additional {
                            Additional::Schema(s) => Some(s),
                            _ => None,
                        }),
                        Segment::Index(_) => node.items,
                    }
                })
                .collect();
        }
        let mut expanded = Vec::new();
        for i in current {
            self.expand(i, &mut expanded);
        }
        expanded
    }

    /// The effective type mask of a node (through `$ref` and `anyOf`); `None` means any type.
    pub(crate) fn type_mask(&self, index: usize) -> Option<u8> {
        self.masks[index]
    }

    fn find_type_mask(&self, index: usize) -> Option<u8> {
        let node = &self.nodes[index];
        if let Some(t) = node.types {
            return Some(t);
        }
        if let Some(r) = node.reference {
            return self.find_type_mask(r);
        }
        if node.any_of.is_empty() {
            return None;
        }
        node.any_of
            .iter()
            .map(|&b| self.find_type_mask(b))
            .try_fold(0, |acc, t| t.map(|t| acc | t))
    }
}

struct Compiler<'s, 'a> {
    root: &'s Node<'a>,
    nodes: Vec<SchemaNode>,
    /// The `$defs` compiled so far, by name (a few dozen: a list is smaller than a map).
    defs: Vec<(String, usize)>,
    unsupported: Vec<String>,
}

/// Where a schema object stands in its document (`#/$defs/Config/properties/name`), written out
/// only for an [`CompiledSchema::unsupported_keywords`] entry: most schema objects never need it.
#[derive(Clone, Copy)]
enum At<'p> {
    Root,
    Definition(&'p str),
    Key(&'p At<'p>, &'p str),
    Index(&'p At<'p>, usize),
}

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            At::Root => f.write_str("#"),
            At::Definition(name) => write!(f, "#/$defs/{name}"),
            At::Key(parent, key) => write!(f, "{parent}/{key}"),
            At::Index(parent, i) => write!(f, "{parent}/{i}"),
        }
    }
}

/// The text of a string node.
fn text<'s>(node: &'s Node<'_>) -> Option<&'s str> {
    match &node.value {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// The items of an array node (none for anything else).
fn items<'s, 'a>(node: &'s Node<'a>) -> &'s [Node<'a>] {
    match &node.value {
        Value::Array(items) => items,
        _ => &[],
    }
}

/// The members of an object node (none for anything else).
fn members<'s, 'a>(node: &'s Node<'a>) -> &'s [Member<'a>] {
    match &node.value {
        Value::Object(members) => members,
        _ => &[],
    }
}

impl<'s, 'a> Compiler<'s, 'a> {
    fn compile(&mut self, schema: &'s Node<'a>, at: At<'_>) -> usize {
        let index = self.nodes.len();
        self.nodes.push(SchemaNode::default());
        let mut node = SchemaNode::default();
        let map = match &schema.value {
            Value::Bool(b) => {
                node.never = !b;
                self.nodes[index] = node;
                return index;
            }
            Value::Object(map) => map,
            _ => {
                self.unsupported.push(format!("{at}: not a schema"));
                return index;
            }
        };
        for Member { key, value, .. } in map {
            let key: &str = key;
            let here = At::Key(&at, key);
            node.object_keywords |=
                matches!(key, "properties" | "required" | "additionalProperties");
            match key {
                "description" => node.description = text(value).map(str::to_owned),
                "$schema" | "$id" | "$comment" | "title" | "default" | "examples" | "$defs" => {}
                "type" => {
                    let names: Vec<&str> = match &value.value {
                        Value::String(s) => vec![s],
                        Value::Array(a) => a.iter().filter_map(text).collect(),
                        _ => Vec::new(),
                    };
                    let mut mask = 0;
                    for name in names {
                        match types::from_name(name) {
                            Some(bit) => mask |= bit,
                            None => self.unsupported.push(here.to_string()),
                        }
                    }
                    node.types = Some(mask);
                }
                "enum" => match &value.value {
                    Value::Array(a) => node.enumeration = self.values(a, here),
                    _ => self.unsupported.push(here.to_string()),
                },
                "const" => node.enumeration = self.values(std::slice::from_ref(value), here),
                "properties" => {
                    for Member {
                        key: name,
                        value: property,
                        ..
                    } in members(value)
                    {
                        let child = self.compile(property, At::Key(&here, name));
                        node.properties.push((name.to_string(), child));
                    }
                }
                "required" => {
                    node.required = items(value)
                        .iter()
                        .filter_map(|r| text(r).map(str::to_owned))
                        .collect();
                }
                "additionalProperties" => {
                    node.additional = match value.value {
                        Value::Bool(true) => Additional::Allowed,
                        Value::Bool(false) => Additional::Forbidden,
                        _ => Additional::Schema(self.compile(value, here)),
                    }
                }
                "items" => node.items = Some(self.compile(value, here)),
                "minimum" | "maximum" => {
                    let bound = match &value.value {
                        Value::Number(n) => n.as_str(),
                        _ => "",
                    };
                    // An integer bound, as `serde_json::Value::as_i64` reads one.
                    let int = bound.parse::<i64>().ok();
                    match Decimal::parse(bound) {
                        Some(d) if key == "minimum" => {
                            node.minimum = Some((d, bound.to_owned(), int));
                        }
                        Some(d) => node.maximum = Some((d, bound.to_owned(), int)),
                        None => self.unsupported.push(here.to_string()),
                    }
                }
                "format" => match text(value).and_then(Format::from_name) {
                    Some(f) => node.format = Some(f),
                    None => self.unsupported.push(here.to_string()),
                },
                "anyOf" => {
                    for (i, branch) in items(value).iter().enumerate() {
                        let child = self.compile(branch, At::Index(&here, i));
                        node.any_of.push(child);
                    }
                }
                "not" if matches!(&value.value, Value::Object(o) if o.is_empty()) => {
                    node.never = true;
                }
                "$ref" => match text(value).and_then(|r| r.strip_prefix("#/$defs/")) {
                    Some(name) => node.reference = Some(self.definition(name, here)),
                    None => self.unsupported.push(here.to_string()),
                },
                _ => self.unsupported.push(here.to_string()),
            }
        }
        self.nodes[index] = node;
        index
    }

    /// The values of an `enum` (or the one of a `const`), as the validator compares them.
    fn values(&mut self, values: &[Node<'_>], at: At<'_>) -> Option<Vec<serde_json::Value>> {
        let values: Option<Vec<_>> = values.iter().map(|v| v.value.to_serde()).collect();
        if values.is_none() {
            self.unsupported
                .push(format!("{at}: a number out of range"));
        }
        values
    }

    fn definition(&mut self, name: &str, at: At<'_>) -> usize {
        if let Some(&(_, index)) = self.defs.iter().find(|(n, _)| n == name) {
            return index;
        }
        let root = self.root;
        let Some(definition) = root.get("$defs").and_then(|d| d.get(name)) else {
            self.unsupported
                .push(format!("{at}: no definition `{name}`"));
            // The schema `true`: anything goes.
            self.nodes.push(SchemaNode::default());
            return self.nodes.len() - 1;
        };
        // Reserve the slot first so a recursive definition refers to itself.
        let placeholder = self.nodes.len();
        self.nodes.push(SchemaNode {
            reference: None,
            ..SchemaNode::default()
        });
        self.defs.push((name.to_owned(), placeholder));
        let compiled = self.compile(definition, At::Definition(name));
        self.nodes[placeholder].reference = Some(compiled);
        placeholder
    }
}

/// The compiled schema of a kind and revision, built once per process. The cache has a slot for
/// every pair of [`DocumentKind::ALL`] and [`ApiRevision::ALL`], found by position, so another kind
/// or revision needs no change here.
pub(crate) fn compiled(kind: DocumentKind, api: ApiRevision) -> &'static CompiledSchema {
    const SLOTS: usize = DocumentKind::ALL.len() * ApiRevision::ALL.len();
    static CACHE: [OnceLock<CompiledSchema>; SLOTS] = [const { OnceLock::new() }; SLOTS];
    // The embedded copy of the published schema: nothing is generated at run time.
    CACHE[slot(kind, api)].get_or_init(|| CompiledSchema::compile(&super::checked_node(kind, api)))
}

/// The cache slot of a kind and revision: distinct for every pair.
pub(crate) fn slot(kind: DocumentKind, api: ApiRevision) -> usize {
    let k = DocumentKind::ALL
        .iter()
        .position(|&k| k == kind)
        .unwrap_or(0);
    let a = ApiRevision::ALL.iter().position(|&a| a == api).unwrap_or(0);
    k * ApiRevision::ALL.len() + a
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair of kind and revision has its own slot and its own schema: a table sized or
    /// indexed by a literal (two revisions, six kinds) would mix them up or fail here.
    #[test]
    fn every_kind_and_revision_has_its_own_compiled_schema() {
        let mut slots = Vec::new();
        for kind in DocumentKind::ALL {
            for api in ApiRevision::ALL {
                let slot = slot(kind, api);
                assert!(!slots.contains(&slot), "{kind} {api} shares slot {slot}");
                slots.push(slot);
                let schema = compiled(kind, api);
                let root = &schema.nodes[schema.root];
                let description = root.description.as_deref().unwrap_or_default();
                assert!(
                    description.contains(&format!("in API revision {api}.")),
                    "{kind} {api}: {description}"
                );
                assert!(description.starts_with(&super::super::capitalise(kind.describe())));
                assert_eq!(root.never, !kind.exists_in(api), "{kind} {api}");
                assert!(schema.unsupported_keywords().is_empty(), "{kind} {api}");
            }
        }
        assert_eq!(
            slots.len(),
            DocumentKind::ALL.len() * ApiRevision::ALL.len()
        );
    }

    /// The schemas without annotations, which the WebAssembly compiles, compile to the same
    /// validator as the published ones but for the descriptions (which only the editor reads).
    #[test]
    fn the_bare_schemas_check_as_the_published_ones() {
        use super::super::{embedded, embedded_node, published, published_node};
        let mut sizes = (0, 0);
        for kind in DocumentKind::ALL {
            for api in ApiRevision::ALL {
                let text = embedded::BARE_SCHEMAS[slot(kind, api)];
                let bare = CompiledSchema::compile(&embedded_node(text));
                let mut full = CompiledSchema::compile(&published_node(kind, api));
                assert!(full.nodes.iter().any(|n| n.description.is_some()));
                for node in &mut full.nodes {
                    node.description = None;
                }
                assert_eq!(format!("{bare:?}"), format!("{full:?}"), "{kind} {api}");
                sizes.0 += text.len();
                sizes.1 += published(kind, api).len();
            }
        }
        // What the WebAssembly saves: most of the text is annotations.
        assert!(sizes.0 * 2 < sizes.1, "{sizes:?}");
    }

    #[test]
    fn other_revisions_come_nearest_first() {
        for api in ApiRevision::ALL {
            let others: Vec<ApiRevision> = api.others().collect();
            assert_eq!(others.len(), ApiRevision::ALL.len() - 1);
            assert!(!others.contains(&api));
        }
    }
}

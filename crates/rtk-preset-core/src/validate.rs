//! Validation of a parsed document against the generated schema of its kind and revision.
//!
//! The validator does not re-declare any constraint: it compiles the very schema that is published
//! in `schemas/` (see [`crate::schema`]) into a small tree and walks the document with it, reporting
//! every problem in one pass. Where a document fails the selected revision, it looks at the same
//! place in the other revision's schema, so the message can say which revision has the value or
//! field.

use crate::diagnostic::{escape_pointer_token, Severity, Span};
use crate::fix::{removal, Applicability, Edit, Fix};
use crate::format::Format;
use crate::json::{Member, Node, Value};
use crate::number::Decimal;
use crate::revision::{ApiRevision, DocumentKind};
use crate::rules::{self, RawDiagnostic};
use crate::suggest;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

/// JSON types as bits, so a node's `type` is one mask.
mod types {
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

    /// The JSON Schema names of the types in `mask`: `["number"]`, `["string", "null"]`.
    pub fn names(mask: u8) -> Vec<&'static str> {
        let mut names = Vec::new();
        for (bit, name) in [
            (OBJECT, "object"),
            (ARRAY, "array"),
            (STRING, "string"),
            (NUMBER, "number"),
            (INTEGER, "integer"),
            (BOOLEAN, "boolean"),
            (NULL, "null"),
        ] {
            if mask & bit == bit && !(bit == INTEGER && mask & NUMBER == NUMBER) {
                names.push(name);
            }
        }
        names
    }

    /// "an integer", "a string or null", ...
    pub fn describe(mask: u8) -> String {
        let mut names = Vec::new();
        for (bit, name) in [
            (OBJECT, "an object"),
            (ARRAY, "an array"),
            (STRING, "a string"),
            (NUMBER, "a number"),
            (INTEGER, "an integer"),
            (BOOLEAN, "a boolean"),
            (NULL, "null"),
        ] {
            if mask & bit == bit && !(bit == INTEGER && mask & NUMBER == NUMBER) {
                names.push(name);
            }
        }
        match names.as_slice() {
            [] => "nothing".to_owned(),
            [one] => (*one).to_owned(),
            [init @ .., last] => format!("{} or {last}", init.join(", ")),
        }
    }
}

/// What an object does with keys its schema does not name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Additional {
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
struct SchemaNode {
    types: Option<u8>,
    enumeration: Option<Vec<serde_json::Value>>,
    properties: Vec<(String, usize)>,
    required: Vec<String>,
    additional: Additional,
    items: Option<usize>,
    /// A bound: exact, as written, and as an `i64` when it is one.
    minimum: Option<(Decimal, String, Option<i64>)>,
    maximum: Option<(Decimal, String, Option<i64>)>,
    format: Option<Format>,
    any_of: Vec<usize>,
    reference: Option<usize>,
    never: bool,
    /// Whether the node declares `properties`, `required` or `additionalProperties`: only then
    /// does it judge an object's keys.
    object_keywords: bool,
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
            format: None,
            any_of: Vec::new(),
            reference: None,
            never: false,
            object_keywords: false,
        }
    }
}

impl SchemaNode {
    fn property(&self, name: &str) -> Option<usize> {
        self.properties
            .iter()
            .find(|(n, _)| crate::json::same_key(n, name))
            .map(|&(_, i)| i)
    }
}

/// A schema compiled for validation.
#[derive(Debug)]
pub(crate) struct CompiledSchema {
    nodes: Vec<SchemaNode>,
    root: usize,
    /// Keywords met that the validator does not implement (a test keeps this empty).
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "read by the keyword-coverage test")
    )]
    unsupported: Vec<String>,
}

impl CompiledSchema {
    pub(crate) fn compile(schema: &serde_json::Value) -> CompiledSchema {
        let mut compiler = Compiler {
            root: schema,
            nodes: Vec::new(),
            defs: HashMap::new(),
            unsupported: Vec::new(),
        };
        let root = compiler.compile(schema, "#");
        CompiledSchema {
            nodes: compiler.nodes,
            root,
            unsupported: compiler.unsupported,
        }
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
    fn expand(&self, index: usize, out: &mut Vec<usize>) {
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
    fn lookup(&self, path: &[Segment<'_>]) -> Vec<usize> {
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
    fn type_mask(&self, index: usize) -> Option<u8> {
        let node = &self.nodes[index];
        if let Some(t) = node.types {
            return Some(t);
        }
        if let Some(r) = node.reference {
            return self.type_mask(r);
        }
        if node.any_of.is_empty() {
            return None;
        }
        node.any_of
            .iter()
            .map(|&b| self.type_mask(b))
            .try_fold(0, |acc, t| t.map(|t| acc | t))
    }
}

struct Compiler<'a> {
    root: &'a serde_json::Value,
    nodes: Vec<SchemaNode>,
    defs: HashMap<String, usize>,
    unsupported: Vec<String>,
}

impl<'a> Compiler<'a> {
    fn compile(&mut self, schema: &'a serde_json::Value, at: &str) -> usize {
        let index = self.nodes.len();
        self.nodes.push(SchemaNode::default());
        let mut node = SchemaNode::default();
        let map = match schema {
            serde_json::Value::Bool(b) => {
                node.never = !b;
                self.nodes[index] = node;
                return index;
            }
            serde_json::Value::Object(map) => map,
            _ => {
                self.unsupported.push(format!("{at}: not a schema"));
                return index;
            }
        };
        for (key, value) in map {
            let here = format!("{at}/{key}");
            node.object_keywords |= matches!(
                key.as_str(),
                "properties" | "required" | "additionalProperties"
            );
            match key.as_str() {
                "$schema" | "$id" | "$comment" | "title" | "description" | "default"
                | "examples" | "$defs" => {}
                "type" => {
                    let names: Vec<&str> = match value {
                        serde_json::Value::String(s) => vec![s.as_str()],
                        serde_json::Value::Array(a) => {
                            a.iter().filter_map(serde_json::Value::as_str).collect()
                        }
                        _ => Vec::new(),
                    };
                    let mut mask = 0;
                    for name in names {
                        match types::from_name(name) {
                            Some(bit) => mask |= bit,
                            None => self.unsupported.push(here.clone()),
                        }
                    }
                    node.types = Some(mask);
                }
                "enum" => node.enumeration = value.as_array().cloned(),
                "const" => node.enumeration = Some(vec![value.clone()]),
                "properties" => {
                    for (name, property) in value.as_object().into_iter().flatten() {
                        let child = self.compile(property, &format!("{here}/{name}"));
                        node.properties.push((name.clone(), child));
                    }
                }
                "required" => {
                    node.required = value
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|r| r.as_str().map(str::to_owned))
                        .collect();
                }
                "additionalProperties" => {
                    node.additional = match value {
                        serde_json::Value::Bool(true) => Additional::Allowed,
                        serde_json::Value::Bool(false) => Additional::Forbidden,
                        schema => Additional::Schema(self.compile(schema, &here)),
                    }
                }
                "items" => node.items = Some(self.compile(value, &here)),
                "minimum" | "maximum" => {
                    let bound = value.to_string();
                    let int = value.as_i64();
                    match Decimal::parse(&bound) {
                        Some(d) if key == "minimum" => node.minimum = Some((d, bound, int)),
                        Some(d) => node.maximum = Some((d, bound, int)),
                        None => self.unsupported.push(here),
                    }
                }
                "format" => match value.as_str().and_then(Format::from_name) {
                    Some(f) => node.format = Some(f),
                    None => self.unsupported.push(here),
                },
                "anyOf" => {
                    for (i, branch) in value.as_array().into_iter().flatten().enumerate() {
                        let child = self.compile(branch, &format!("{here}/{i}"));
                        node.any_of.push(child);
                    }
                }
                "not" if value.as_object().is_some_and(|o| o.is_empty()) => node.never = true,
                "$ref" => match value.as_str().and_then(|r| r.strip_prefix("#/$defs/")) {
                    Some(name) => node.reference = Some(self.definition(name, &here)),
                    None => self.unsupported.push(here),
                },
                _ => self.unsupported.push(here),
            }
        }
        self.nodes[index] = node;
        index
    }

    fn definition(&mut self, name: &str, at: &str) -> usize {
        if let Some(&index) = self.defs.get(name) {
            return index;
        }
        let Some(definition) = self.root.get("$defs").and_then(|d| d.get(name)) else {
            self.unsupported
                .push(format!("{at}: no definition `{name}`"));
            return self.compile(&serde_json::Value::Bool(true), at);
        };
        // Reserve the slot first so a recursive definition refers to itself.
        let placeholder = self.nodes.len();
        self.nodes.push(SchemaNode {
            reference: None,
            ..SchemaNode::default()
        });
        self.defs.insert(name.to_owned(), placeholder);
        let compiled = self.compile(definition, &format!("#/$defs/{name}"));
        self.nodes[placeholder].reference = Some(compiled);
        placeholder
    }
}

/// The compiled schema of a kind and revision, built once per process.
pub(crate) fn compiled(kind: DocumentKind, api: ApiRevision) -> &'static CompiledSchema {
    static CACHE: [OnceLock<CompiledSchema>; 12] = [const { OnceLock::new() }; 12];
    let k = DocumentKind::ALL
        .iter()
        .position(|&k| k == kind)
        .unwrap_or(0);
    let a = ApiRevision::ALL.iter().position(|&a| a == api).unwrap_or(0);
    CACHE[k * 2 + a].get_or_init(|| CompiledSchema::compile(&crate::schema::schema(kind, api)))
}

/// One step of a JSON Pointer.
#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// Validates `document` as `kind` in `api`, appending findings to `out`.
pub(crate) fn validate(
    document: &Node,
    kind: DocumentKind,
    api: ApiRevision,
    out: &mut Vec<RawDiagnostic>,
) {
    let schema = compiled(kind, api);
    let other_api = api.other();
    if schema.nodes[schema.root].never {
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
fn params<const N: usize>(facts: [(&str, serde_json::Value); N]) -> crate::diagnostic::Params {
    facts
        .into_iter()
        .filter(|(_, value)| !value.is_null())
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}

/// A number as written, as a JSON value (as a string when no `f64` holds it, such as `1e400`).
fn number_value(text: &str) -> serde_json::Value {
    serde_json::from_str::<serde_json::Number>(text)
        .ok()
        .filter(|n| n.as_f64().is_some_and(f64::is_finite))
        .map_or_else(|| serde_json::Value::String(text.to_owned()), Into::into)
}

/// The most findings the validator reports for one document: a hostile document (half a million
/// repeated keys in 4 MiB) would otherwise cost gigabytes of messages.
pub(crate) const MAX_FINDINGS: usize = 10_000;

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
}

fn json_type(value: &Value) -> u8 {
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

fn type_matches(mask: u8, value: &Value) -> bool {
    mask & json_type(value) != 0
}

fn equals(value: &Value, expected: &serde_json::Value) -> bool {
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
fn shown_value(node: &Node) -> String {
    shown_as(node, true)
}

impl<'a, 'd> Validator<'a, 'd> {
    fn pointer(&self) -> String {
        let mut pointer = String::new();
        for segment in &self.path {
            pointer.push('/');
            match segment {
                Segment::Key(k) => pointer.push_str(&escape_pointer_token(k)),
                Segment::Index(i) => {
                    let _ = write!(pointer, "{i}");
                }
            }
        }
        pointer
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

    /// The other revision's schema, if the kind exists there: compiled on first need only (most
    /// documents never need it).
    fn other(&self) -> Option<(&'static CompiledSchema, ApiRevision)> {
        let api = self.api.other();
        let other = compiled(self.kind, api);
        (!other.nodes[other.root].never).then_some((other, api))
    }

    /// The nodes of the other revision's schema at the current path.
    fn other_nodes(&self) -> Vec<(usize, &'static CompiledSchema, ApiRevision)> {
        match self.other() {
            Some((other, api)) => other
                .lookup(&self.path)
                .into_iter()
                .map(|i| (i, other, api))
                .collect(),
            None => Vec::new(),
        }
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
        if !s.any_of.is_empty() && !self.check_any_of(node, &s.any_of, key_span) {
            return;
        }
        if let Some(mask) = s.types {
            if !type_matches(mask, &node.value) {
                self.wrong_type(node, mask);
                return;
            }
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
                let start = self.out.len();
                let mut best: Option<Vec<RawDiagnostic>> = None;
                for &branch in several {
                    self.check(node, branch, key_span);
                    let found: Vec<RawDiagnostic> = self.out.drain(start..).collect();
                    let errors = |d: &[RawDiagnostic]| {
                        d.iter().filter(|d| d.severity == Severity::Error).count()
                    };
                    if best.as_ref().is_none_or(|b| errors(&found) < errors(b)) {
                        best = Some(found);
                    }
                }
                self.out.extend(best.unwrap_or_default());
                true
            }
        }
    }

    fn wrong_type(&mut self, node: &'d Node, expected: u8) {
        let name = self.name();
        let found = match &node.value {
            Value::Object(_) | Value::Array(_) => node.value.type_name().to_owned(),
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
                let rounded = n.as_str().parse::<f64>().ok().filter(|v| v.is_finite());
                Some(match rounded {
                    Some(v) => format!("use a whole number, such as `{}`", v.round()),
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

    fn invalid_value(&mut self, node: &'d Node, allowed: &[serde_json::Value]) {
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
        // The same value in another case is safe to replace; a synonym's value is what was
        // most likely meant, but another word, so its fix is unsafe.
        let same = nearest.filter(|n| given.is_some_and(|g| suggest::same_folded(g, n)));
        let fix = match (same, synonym) {
            (Some(value), _) => Some((Applicability::Safe, value)),
            (None, Some(value)) => Some((Applicability::Unsafe, value)),
            (None, None) => None,
        };
        if let Some((applicability, value)) = fix {
            self.with_fix(Fix::replace(
                applicability,
                format!("replace with `{value}`"),
                node.span,
                serde_json::to_string(value).unwrap_or_default(),
            ));
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
        if let Some((max, max_text, _)) = &s.maximum {
            if value > *max {
                self.emit(
                    rules::OUT_OF_RANGE,
                    node.span,
                    format!("{name} is {text}, above the maximum of {max_text}"),
                    Some(format!("lower it to {max_text} or less")),
                );
                self.with_params([("maximum", number_value(max_text))]);
                self.with_fix(Fix::replace(
                    Applicability::Unsafe,
                    format!("lower it to {max_text}"),
                    node.span,
                    max_text.clone(),
                ));
                return;
            }
        }
        if let Some((min, min_text, _)) = &s.minimum {
            if value < *min {
                self.emit(
                    rules::OUT_OF_RANGE,
                    node.span,
                    format!("{name} is {text}, below the minimum of {min_text}"),
                    Some(format!("raise it to {min_text} or more")),
                );
                self.with_params([("minimum", number_value(min_text))]);
                self.with_fix(Fix::replace(
                    Applicability::Unsafe,
                    format!("raise it to {min_text}"),
                    node.span,
                    min_text.clone(),
                ));
            }
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
        // Small objects (all of a preset's) compare keys pairwise; large ones use a map.
        let mut seen: HashMap<&str, (Span, usize)> = HashMap::new();
        let small = members.len() <= 32;
        for (index, member) in members.iter().enumerate() {
            if member.key_lossy {
                continue;
            }
            let earlier = if small {
                let mut first = None;
                let mut previous = None;
                for (j, other) in members[..index].iter().enumerate() {
                    if !other.key_lossy && crate::json::same_key(&other.key, &member.key) {
                        first.get_or_insert(other.key_span);
                        previous = Some(j);
                    }
                }
                first.zip(previous)
            } else {
                seen.get(&*member.key).copied()
            };
            match earlier {
                Some((first, previous)) => {
                    self.path.push(Segment::Key(&member.key));
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
                        last.related = Some(first);
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
                    if !small {
                        seen.insert(&member.key, (first, index));
                    }
                }
                None if !small => {
                    seen.insert(&member.key, (member.key_span, index));
                }
                None => {}
            }
        }
        for member in members {
            self.path.push(Segment::Key(&member.key));
            match s.property(&member.key) {
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
        // Missing fields: pointer of the field, span on the parent's key or opening brace.
        let anchor = key_span.unwrap_or(Span::new(node.span.start, node.span.start + 1));
        for required in &s.required {
            if members
                .iter()
                .any(|m| crate::json::same_key(&m.key, required))
            {
                continue;
            }
            self.path.push(Segment::Key(required));
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

    fn unknown_field(&mut self, member: &'d Member, members: &'d [Member], s: &SchemaNode) {
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
        // Only a field the other revision declares by name counts, not a key its map accepts.
        let elsewhere = self.other().and_then(|(other, api)| {
            let parent_path = &self.path[..self.path.len().saturating_sub(1)];
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

#[cfg(test)]
mod tests {
    use super::compiled;
    use crate::revision::{ApiRevision, DocumentKind};

    /// The validator implements every keyword the generated schemas use, so nothing in a
    /// published schema is silently ignored by the CLI.
    #[test]
    fn every_schema_keyword_is_implemented() {
        for kind in DocumentKind::ALL {
            for api in ApiRevision::ALL {
                let schema = compiled(kind, api);
                assert!(
                    schema.unsupported_keywords().is_empty(),
                    "{kind} {api}: {:?}",
                    schema.unsupported_keywords()
                );
            }
        }
    }
}

//! JSON Schemas for every document kind and API revision, generated from [`crate::model`].
//!
//! schemars produces one schema of the union model; [`resolve_revision`] then applies the model's
//! `x-rtk-*` annotations for one revision and removes them, and a few normalisations keep the result
//! standard (draft 2020-12, compiles under ajv's strict mode): integer formats such as `int32` become
//! the bounds they imply, `Option` does not add `null` unless the field says so, and enums are plain
//! `enum` arrays with the value descriptions folded into the type's description.

pub(crate) mod compiled;
mod embedded;

use crate::model::{Preset, PresetBody, PresetListResponse, PresetResponse};
use crate::revision::{ApiRevision, DocumentKind};
use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::{json, Map, Value};

/// The `$schema` of every generated schema.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The command that regenerates the committed schemas (and every other generated file).
pub const REGENERATE: &str = crate::codegen::REGENERATE;

/// Where the committed schemas are published; each schema's `$id` is this followed by its
/// [`file_name`]. It follows the workspace's `repository` (`Cargo.toml`); the ids never depend on
/// the build, so an editor setting or a document's `$schema` that names one keeps working.
pub const ID_BASE: &str = "https://example.invalid/rtk-preset/schemas/";

/// The file name of the committed schema for a kind and revision, e.g. `create.2026-06.schema.json`.
pub fn file_name(kind: DocumentKind, api: ApiRevision) -> String {
    format!("{}.{}.schema.json", kind.as_str(), api.as_str())
}

/// The `$id` of the schema of a kind and revision: [`ID_BASE`] and its [`file_name`].
pub fn id(kind: DocumentKind, api: ApiRevision) -> String {
    format!("{ID_BASE}{}", file_name(kind, api))
}

/// The kind and revision that a document's `$schema` names, when it names one of ours: its `$id`,
/// or any path or URL that ends in one of our file names (`../schemas/create.2026-06.schema.json`,
/// a `file://` URL, a raw URL of the repository), with or without a fragment.
pub fn declared(reference: &str) -> Option<(DocumentKind, ApiRevision)> {
    let reference = reference.split(['#', '?']).next().unwrap_or_default();
    let name = reference.rsplit(['/', '\\']).next()?;
    let stem = name.strip_suffix(".schema.json")?;
    let (kind, api) = stem.split_once('.')?;
    let kind = DocumentKind::ALL.into_iter().find(|k| k.as_str() == kind)?;
    Some((kind, api.parse().ok()?))
}

/// What people write for an enum value instead of the value, as the model declares it
/// (`x-rtk-synonyms` on a variant): `(synonym, value)` pairs, as the model makes them now. They
/// never reach a published schema; [`synonyms`] reads them from the embedded copy.
pub(crate) fn declared_synonyms() -> Vec<(String, String)> {
    fn collect(value: &Value, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(map) => {
                if let (Some(Value::String(target)), Some(Value::Array(words))) =
                    (map.get("const"), map.get("x-rtk-synonyms"))
                {
                    for word in words.iter().filter_map(Value::as_str) {
                        out.push((word.to_owned(), target.clone()));
                    }
                }
                map.values().for_each(|v| collect(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    collect(&generate::<Preset>(), &mut out);
    crate::order::sort(&mut out);
    out.dedup();
    out
}

/// [`declared_synonyms`], the synonym folded as "did you mean" compares
/// ([`crate::suggest::fold`]): the validator's "did you mean" uses them, so the CLI, the editor
/// and the npm package all say `fhd` for `1080p`.
pub(crate) fn synonyms() -> &'static [(String, String)] {
    static SYNONYMS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    SYNONYMS.get_or_init(|| {
        embedded::SYNONYMS
            .iter()
            .map(|(word, target)| (crate::suggest::fold(word), (*target).to_owned()))
            .collect()
    })
}

/// The value among `allowed` that `given` is a declared synonym of ([`synonyms`]), comparing as
/// "did you mean" does (case and `_`, `-`, space folded).
pub(crate) fn synonym_of<'a>(given: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let given = crate::suggest::fold(given);
    synonyms()
        .iter()
        .filter(|(word, _)| *word == given)
        .find_map(|(_, target)| allowed.iter().copied().find(|a| a == target))
}

/// The JSON Schema of one document kind in one API revision, exactly as published in `schemas/`.
pub fn schema(kind: DocumentKind, api: ApiRevision) -> Value {
    let mut schema = match kind {
        DocumentKind::Create | DocumentKind::Update | DocumentKind::Replace => {
            generate::<PresetBody>()
        }
        DocumentKind::Preset => generate::<Preset>(),
        DocumentKind::Response => generate::<PresetResponse>(),
        DocumentKind::List => generate::<PresetListResponse>(),
    };
    resolve_revision(&mut schema, api);
    normalise(&mut schema);
    prune_definitions(&mut schema);
    if kind == DocumentKind::Update {
        remove_required(&mut schema);
    }
    let mut root = Map::new();
    root.insert("$schema".into(), json!(DIALECT));
    root.insert("$id".into(), json!(id(kind, api)));
    root.insert(
        "$comment".into(),
        json!(format!(
            "generated by rtk-preset from its Rust model; do not edit: run `{REGENERATE}`"
        )),
    );
    root.insert(
        "title".into(),
        json!(format!(
            "RealtimeKit preset {} (API {})",
            kind.as_str(),
            api.as_str()
        )),
    );
    let description = format!("{} in API revision {}.", capitalise(kind.describe()), api);
    if !kind.exists_in(api) {
        root.insert(
            "description".into(),
            json!(format!(
                "{description} The {kind} operation does not exist in {api}: it was added in \
                 {}, so no document is valid here.",
                kind.since()
            )),
        );
        root.insert("not".into(), json!({}));
        return Value::Object(root);
    }
    root.insert("description".into(), json!(description));
    if let Value::Object(generated) = schema {
        for (key, value) in generated {
            if key != "$schema" && key != "title" && key != "description" {
                root.insert(key, value);
            }
        }
    }
    Value::Object(root)
}

pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| {
            std::iter::once(first.to_ascii_uppercase())
                .chain(chars)
                .collect()
        })
        .unwrap_or_default()
}

fn generate<T: JsonSchema>() -> Value {
    SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

fn revision_of(value: &Value) -> Option<ApiRevision> {
    value.as_str().and_then(|s| s.parse().ok())
}

/// Whether a property or branch annotated with `x-rtk-since`/`x-rtk-until` exists in `api`.
fn exists_in(schema: &Value, api: ApiRevision) -> bool {
    let since = schema.get("x-rtk-since").and_then(revision_of);
    let until = schema.get("x-rtk-until").and_then(revision_of);
    since.is_none_or(|since| api >= since) && until.is_none_or(|until| api <= until)
}

/// Applies the `x-rtk-*` annotations of [`crate::model`] for `api`, and removes them.
fn resolve_revision(value: &mut Value, api: ApiRevision) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(mut only)) = map.remove("x-rtk-only") {
                if let Some(Value::Object(keywords)) = only.remove(api.as_str()) {
                    map.extend(keywords);
                }
            }
            if let Some(Value::Object(since)) = map.remove("x-rtk-values-since") {
                let keep = |v: &Value| {
                    v.as_str()
                        .and_then(|v| since.get(v))
                        .and_then(revision_of)
                        .is_none_or(|since| api >= since)
                };
                if let Some(Value::Array(branches)) = map.get_mut("oneOf") {
                    for branch in branches.iter_mut() {
                        if let Some(Value::Array(values)) = branch.get_mut("enum") {
                            values.retain(keep);
                        }
                    }
                    branches.retain(|b| {
                        b.get("const").is_none_or(keep)
                            && b.get("enum")
                                .is_none_or(|e| e.as_array().is_some_and(|e| !e.is_empty()))
                    });
                }
                fold_const_branches(map);
                if let Some(Value::Array(values)) = map.get_mut("enum") {
                    values.retain(keep);
                }
            }
            for key in ["anyOf", "oneOf"] {
                if let Some(Value::Array(branches)) = map.get_mut(key) {
                    branches.retain(|branch| exists_in(branch, api));
                }
            }
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                properties.retain(|_, property| exists_in(property, api));
                let mut required: Vec<Value> = match map.remove("required") {
                    Some(Value::Array(required)) => required,
                    _ => Vec::new(),
                };
                let properties = map.get("properties").and_then(Value::as_object);
                for (name, property) in properties.into_iter().flatten() {
                    if let Some(Value::Array(revisions)) = property.get("x-rtk-required") {
                        let wanted = revisions.iter().any(|r| revision_of(r) == Some(api));
                        required.retain(|r| r != name);
                        if wanted {
                            required.push(json!(name));
                        }
                    }
                }
                required.retain(|r| {
                    r.as_str()
                        .is_some_and(|r| properties.is_some_and(|p| p.contains_key(r)))
                });
                if !required.is_empty() {
                    map.insert("required".into(), Value::Array(required));
                }
            }
            let nullable = map.remove("x-rtk-nullable") == Some(Value::Bool(true));
            if !nullable {
                remove_null(map);
            }
            map.retain(|key, _| !key.starts_with("x-rtk-"));
            for child in map.values_mut() {
                resolve_revision(child, api);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| resolve_revision(v, api)),
        _ => {}
    }
}

/// `Option<T>` means "may be absent" in this API, not "may be null": drop schemars' `null`.
fn remove_null(map: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = map.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let single = types.remove(0);
            map.insert("type".into(), single);
        }
    }
    if let Some(Value::Array(branches)) = map.get_mut("anyOf") {
        branches.retain(|b| b.get("type") != Some(&json!("null")));
    }
}

/// schemars writes an enum whose values carry doc comments as `oneOf` of `const` branches. Fold
/// them into one `enum` and append the value descriptions to the type's description.
fn fold_const_branches(map: &mut Map<String, Value>) {
    let Some(Value::Array(branches)) = map.get("oneOf") else {
        return;
    };
    let mut values = Vec::new();
    let mut notes = Vec::new();
    for branch in branches {
        let constants = match (branch.get("const"), branch.get("enum")) {
            (Some(c), _) => vec![c.clone()],
            (None, Some(Value::Array(e))) => e.clone(),
            _ => return,
        };
        if let Some(description) = branch.get("description").and_then(Value::as_str) {
            for c in &constants {
                notes.push(format!(
                    "- `{}`: {description}",
                    c.as_str().unwrap_or_default()
                ));
            }
        }
        values.extend(constants);
    }
    map.remove("oneOf");
    map.insert("type".into(), json!("string"));
    map.insert("enum".into(), Value::Array(values));
    if !notes.is_empty() {
        let head = map
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let description = format!("{head}\n\n{}", notes.join("\n"));
        map.insert("description".into(), json!(description.trim_start()));
    }
}

/// Keeps the schema standard: non-standard formats go (integer ones become bounds), a `type`
/// union becomes `anyOf` (ajv's strict mode rejects unions), single-branch `anyOf`s are inlined.
fn normalise(value: &mut Value) {
    match value {
        Value::Object(map) => {
            fold_const_branches(map);
            if let Some(Value::String(description)) = map.get_mut("description") {
                *description = unwrap_lines(description);
            }
            if let Some(Value::String(format)) = map.get("format") {
                let bounds: Option<(i64, i64)> = match format.as_str() {
                    "int8" => Some((i8::MIN.into(), i8::MAX.into())),
                    "int16" => Some((i16::MIN.into(), i16::MAX.into())),
                    "int32" => Some((i32::MIN.into(), i32::MAX.into())),
                    "uint8" => Some((0, u8::MAX.into())),
                    "uint16" => Some((0, u16::MAX.into())),
                    "uint32" => Some((0, u32::MAX.into())),
                    _ => None,
                };
                let standard = matches!(format.as_str(), "uuid" | "date-time" | "uri");
                // A `double` field holds what an IEEE 754 double holds: beyond that a number is
                // too large for the field, whatever text it is written as.
                if format == "double" {
                    map.entry("minimum").or_insert(json!(f64::MIN));
                    map.entry("maximum").or_insert(json!(f64::MAX));
                }
                if let Some((min, max)) = bounds {
                    let tighter = |key: &str, bound: i64, pick: fn(i64, i64) -> i64| {
                        map.get(key)
                            .and_then(Value::as_i64)
                            .map_or(bound, |b| pick(b, bound))
                    };
                    let min = tighter("minimum", min, i64::max);
                    let max = tighter("maximum", max, i64::min);
                    map.insert("minimum".into(), json!(min));
                    map.insert("maximum".into(), json!(max));
                }
                if !standard {
                    map.remove("format");
                }
            }
            if let Some(Value::Array(types)) = map.get("type") {
                let types = types.clone();
                let items = map.remove("items");
                map.remove("type");
                let branches: Vec<Value> = types
                    .into_iter()
                    .map(|t| match (&items, t.as_str()) {
                        (Some(items), Some("array")) => json!({"type": t, "items": items}),
                        _ => json!({ "type": t }),
                    })
                    .collect();
                map.insert("anyOf".into(), Value::Array(branches));
            }
            if let Some(Value::Array(branches)) = map.get("anyOf") {
                if let [Value::Object(only)] = branches.as_slice() {
                    let only = only.clone();
                    map.remove("anyOf");
                    for (key, value) in only {
                        map.entry(key).or_insert(value);
                    }
                }
            }
            map.values_mut().for_each(normalise);
        }
        Value::Array(items) => items.iter_mut().for_each(normalise),
        _ => {}
    }
}

/// PATCH bodies: every field optional at every depth.
fn remove_required(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("required");
            map.values_mut().for_each(remove_required);
        }
        Value::Array(items) => items.iter_mut().for_each(remove_required),
        _ => {}
    }
}

/// Doc comments wrap at 100 columns; a description is read unwrapped. Paragraph breaks and list
/// items stay on their own lines.
fn unwrap_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        match lines.peek() {
            Some(next) if !line.is_empty() && !next.is_empty() && !next.starts_with("- ") => {
                out.push(' ')
            }
            Some(_) => out.push('\n'),
            None => {}
        }
    }
    out
}

/// Removes the definitions that no longer serve a revision (such as the other revision's shape of
/// `plugins.config`).
fn prune_definitions(schema: &mut Value) {
    fn references(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    match (key.as_str(), child) {
                        ("$ref", Value::String(r)) => {
                            if let Some(name) = r.strip_prefix("#/$defs/") {
                                out.push(name.to_owned());
                            }
                        }
                        ("$defs", _) => {}
                        _ => references(child, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|i| references(i, out)),
            _ => {}
        }
    }
    let Some(Value::Object(defs)) = schema.get("$defs").cloned() else {
        return;
    };
    let mut used: Vec<String> = Vec::new();
    let mut pending = Vec::new();
    references(schema, &mut pending);
    while let Some(name) = pending.pop() {
        if used.contains(&name) {
            continue;
        }
        if let Some(def) = defs.get(&name) {
            references(def, &mut pending);
        }
        used.push(name);
    }
    if let Some(Value::Object(defs)) = schema.get_mut("$defs") {
        defs.retain(|name, _| used.contains(name));
    }
}

/// [`schema`] as the text of its committed file: pretty-printed, with a final newline.
pub fn to_pretty_json(kind: DocumentKind, api: ApiRevision) -> String {
    pretty(&schema(kind, api))
}

fn pretty(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The published schema of a kind and revision, compact, as embedded at build time: what
/// [`schema`] generates, without generating it (the test of generated files keeps them equal).
pub fn published(kind: DocumentKind, api: ApiRevision) -> &'static str {
    embedded::SCHEMAS[compiled::slot(kind, api)]
}

/// [`published`] read with the core's parser (`serde_json`'s deserializer stays out of the
/// WebAssembly); `null` if it could not be read, which a test rules out.
pub(crate) fn published_node(kind: DocumentKind, api: ApiRevision) -> crate::json::Node<'static> {
    embedded_node(published(kind, api))
}

/// What the validator compiles for a kind and revision: the published schema, or in a build
/// without the `docs` feature (the npm package's WebAssembly) the same without its annotations
/// (titles, descriptions, comments), which only the editor's hovers read: the module is then
/// smaller by the texts, and the package serves the published schemas from its JavaScript.
pub(crate) fn checked_node(kind: DocumentKind, api: ApiRevision) -> crate::json::Node<'static> {
    #[cfg(feature = "docs")]
    return published_node(kind, api);
    #[cfg(not(feature = "docs"))]
    return embedded_node(embedded::BARE_SCHEMAS[compiled::slot(kind, api)]);
}

/// An embedded schema read with the core's parser; `null` if it could not be read, which a test
/// rules out.
fn embedded_node(text: &'static str) -> crate::json::Node<'static> {
    crate::json::parse(text.as_bytes(), crate::json::Limits::default()).unwrap_or(
        crate::json::Node {
            value: crate::json::Value::Null,
            span: crate::diagnostic::Span::new(0, 0),
        },
    )
}

/// A schema without its annotations (`title`, `description`, `$comment`): all that checking
/// reads of it. The names of properties and definitions stay, whatever they are; values that
/// are data, not schemas (`enum`, `const`, `default`, `examples`, `required`), stay whole.
fn without_annotations(schema: &Value) -> Value {
    let Value::Object(map) = schema else {
        return match schema {
            Value::Array(items) => Value::Array(items.iter().map(without_annotations).collect()),
            other => other.clone(),
        };
    };
    map.iter()
        .filter(|(key, _)| !matches!(key.as_str(), "title" | "description" | "$comment"))
        .map(|(key, value)| {
            let value = match (key.as_str(), value) {
                (
                    "properties" | "$defs" | "patternProperties" | "dependentSchemas",
                    Value::Object(schemas),
                ) => Value::Object(
                    schemas
                        .iter()
                        .map(|(name, s)| (name.clone(), without_annotations(s)))
                        .collect(),
                ),
                ("enum" | "const" | "default" | "examples" | "required", data) => data.clone(),
                (_, value) => without_annotations(value),
            };
            (key.clone(), value)
        })
        .collect::<Map<String, Value>>()
        .into()
}

/// [`published`] as a `serde_json` value.
pub(crate) fn published_value(kind: DocumentKind, api: ApiRevision) -> Value {
    published_node(kind, api)
        .value
        .to_serde()
        .unwrap_or_default()
}

/// [`published`] as the text of its committed file (what [`to_pretty_json`] gives).
pub fn published_pretty(kind: DocumentKind, api: ApiRevision) -> String {
    pretty(&published_value(kind, api))
}

/// The source of `schema/embedded.rs`: every published schema, compact, and the model's synonyms,
/// so that checking generates nothing at run time.
pub fn embedded_source() -> String {
    let (mut schemas, mut bare) = (String::new(), String::new());
    let mut count = 0;
    for kind in DocumentKind::ALL {
        for api in ApiRevision::ALL {
            debug_assert_eq!(compiled::slot(kind, api), count);
            let schema = schema(kind, api);
            let text = serde_json::to_string(&schema).unwrap_or_default();
            let comment = format!("    // {}\n", file_name(kind, api));
            schemas.push_str(&format!("{comment}    {text:?},\n"));
            let text = serde_json::to_string(&without_annotations(&schema)).unwrap_or_default();
            bare.push_str(&format!("{comment}    {text:?},\n"));
            count += 1;
        }
    }
    let synonyms = declared_synonyms();
    let pairs: String = synonyms
        .iter()
        .map(|(word, target)| format!("    ({word:?}, {target:?}),\n"))
        .collect();
    format!(
        "// generated by rtk-preset from its Rust model; do not edit: run `{}`\n\
         //! The published schemas and the model's synonyms, embedded: checking generates no schema\n\
         //! at run time. [`crate::codegen`] writes this file and keeps it equal to the model.\n\n\
         /// Each published schema, compact, in the order of the compiled schemas' slots.\n\
         #[rustfmt::skip]\n\
         pub(crate) const SCHEMAS: [&str; {count}] = [\n{schemas}];\n\n\
         /// Each schema without its annotations (titles, descriptions, comments): what the\n\
         /// validator compiles without the `docs` feature ([`super::checked_node`]).\n\
         #[rustfmt::skip]\n\
         #[cfg_attr(feature = \"docs\", allow(dead_code))]\n\
         pub(crate) const BARE_SCHEMAS: [&str; {count}] = [\n{bare}];\n\n\
         /// `(synonym, value)`: what people write for an enum value instead of the value.\n\
         #[rustfmt::skip]\n\
         pub(crate) const SYNONYMS: [(&str, &str); {}] = [\n{pairs}];\n",
        crate::codegen::REGENERATE,
        synonyms.len()
    )
}

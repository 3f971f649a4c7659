//! Property tests (proptest) over documents generated from the model, through its published
//! schemas (generated from the Rust model), for every kind and revision:
//!
//! - a generated document is structurally valid;
//! - serialise (pretty or compact) → parse → the same value, and the same verdict either way;
//! - on generated valid documents and on mutated ones (a field dropped, a value of another type,
//!   an unknown enum value, a number out of bounds), the core validator and the `jsonschema` crate
//!   with the same schema agree on validity.

mod support;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::Union;
use rtk_preset_core::{check, schema, ApiRevision, CheckOptions, DocumentKind, KindSelector};
use serde_json::{json, Map, Value};

/// A strategy for the values a schema accepts (`root` holds the `$defs`).
fn values(schema: &Value, root: &Value) -> BoxedStrategy<Value> {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/$defs/");
        return values(&root["$defs"][name], root);
    }
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        return Union::new(branches.iter().map(|b| values(b, root))).boxed();
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        return prop::sample::select(options.clone()).boxed();
    }
    if let Some(only) = schema.get("const") {
        return Just(only.clone()).boxed();
    }
    match &schema["type"] {
        Value::Array(types) => Union::new(types.iter().map(|t| {
            let mut one = schema.clone();
            one["type"] = t.clone();
            values(&one, root)
        }))
        .boxed(),
        Value::String(t) => match t.as_str() {
            "object" => objects(schema, root),
            "array" => {
                let items = schema.get("items").cloned().unwrap_or(json!({}));
                prop::collection::vec(values(&items, root), 0..4)
                    .prop_map(Value::Array)
                    .boxed()
            }
            "integer" => {
                let (lo, hi) = bounds(schema, -10.0, 100.0);
                (lo as i64..=hi as i64).prop_map(|n| json!(n)).boxed()
            }
            "number" => {
                let (lo, hi) = bounds(schema, -10.0, 100.0);
                (lo..=hi).prop_map(|n| json!(n)).boxed()
            }
            "boolean" => any::<bool>().prop_map(Value::Bool).boxed(),
            "null" => Just(Value::Null).boxed(),
            "string" => strings(schema.get("format").and_then(Value::as_str)),
            other => panic!("type `{other}` not generated"),
        },
        _ => prop_oneof![Just(json!(null)), "[a-z]{0,6}".prop_map(Value::String)].boxed(),
    }
}

/// The schema's bounds, narrowed to a realistic range inside them.
fn bounds(schema: &Value, low: f64, high: f64) -> (f64, f64) {
    let min = schema["minimum"].as_f64().unwrap_or(f64::MIN);
    let max = schema["maximum"].as_f64().unwrap_or(f64::MAX);
    let (lo, hi) = (min.max(low), max.min(high));
    if lo <= hi {
        (lo, hi)
    } else {
        (min, max)
    }
}

fn strings(format: Option<&str>) -> BoxedStrategy<Value> {
    match format {
        Some("uuid") => any::<[u8; 16]>()
            .prop_map(|b| {
                let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
                json!(format!(
                    "{}-{}-{}-{}-{}",
                    &hex[0..8],
                    &hex[8..12],
                    &hex[12..16],
                    &hex[16..20],
                    &hex[20..32]
                ))
            })
            .boxed(),
        Some("date-time") => (
            2000u32..2100,
            1u32..13,
            1u32..29,
            0u32..24,
            0u32..60,
            0u32..60,
        )
            .prop_map(|(y, mo, d, h, mi, s)| {
                json!(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"))
            })
            .boxed(),
        Some("uri") => "[a-z]{1,10}"
            .prop_map(|p| json!(format!("https://example.com/{p}")))
            .boxed(),
        Some(other) => panic!("format `{other}` not generated"),
        None => "[ -~]{0,12}|[a-zé日本]{0,6}"
            .prop_map(Value::String)
            .boxed(),
    }
}

fn objects(schema: &Value, root: &Value) -> BoxedStrategy<Value> {
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut fields: Vec<BoxedStrategy<Option<(String, Value)>>> = Vec::new();
    if let Some(properties) = schema["properties"].as_object() {
        for (name, property) in properties {
            let name = name.clone();
            let value = values(property, root);
            fields.push(if required.contains(&name.as_str()) {
                value.prop_map(move |v| Some((name.clone(), v))).boxed()
            } else {
                prop::option::of(value.prop_map(move |v| (name.clone(), v))).boxed()
            });
        }
    }
    let extra = match &schema["additionalProperties"] {
        Value::Object(_) => {
            let value = values(&schema["additionalProperties"], root);
            prop::collection::vec(("x-[a-z]{1,6}", value), 0..3).boxed()
        }
        _ => Just(Vec::new()).boxed(),
    };
    (fields, extra)
        .prop_map(|(fields, extra)| {
            let mut object: Map<String, Value> = fields.into_iter().flatten().collect();
            object.extend(extra);
            Value::Object(object)
        })
        .boxed()
}

/// Every path (as JSON Pointer tokens) to a value in `v`, the root excepted.
fn paths(v: &Value, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                prefix.push(k.clone());
                out.push(prefix.clone());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                prefix.push(i.to_string());
                out.push(prefix.clone());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

/// Applies mutation `kind` at the path `which` picks.
fn mutate(mut doc: Value, which: Index, kind: u8) -> Value {
    let mut all = Vec::new();
    paths(&doc, &mut Vec::new(), &mut all);
    if all.is_empty() {
        return doc;
    }
    let path = which.get(&all).clone();
    let (last, parent_path) = path.split_last().expect("a path");
    let pointer: String = parent_path.iter().map(|t| format!("/{t}")).collect();
    let Some(parent) = doc.pointer_mut(&pointer) else {
        return doc;
    };
    match (parent, kind % 4) {
        (Value::Object(m), 0) => {
            m.remove(last);
        }
        (parent, k) => {
            let slot = match parent {
                Value::Object(m) => m.get_mut(last),
                Value::Array(items) => last.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
                _ => None,
            };
            if let Some(slot) = slot {
                *slot = match (k, &*slot) {
                    (1, Value::String(_)) => json!(7),
                    (1, _) => json!("seven"),
                    (2, _) => json!("NOT_A_VALUE"),
                    _ => json!(1e12),
                };
            }
        }
    }
    doc
}

/// Every kind and revision with a schema to generate from (replace in 2026-01 does not exist).
fn kinds() -> Vec<(DocumentKind, ApiRevision, Value)> {
    let mut out = Vec::new();
    for kind in DocumentKind::ALL {
        for api in ApiRevision::ALL {
            let schema = schema::schema(kind, api);
            if schema.get("not").is_none() {
                out.push((kind, api, schema));
            }
        }
    }
    out
}

fn options(kind: DocumentKind, api: ApiRevision) -> CheckOptions {
    CheckOptions {
        api,
        kind: KindSelector::Fixed(kind),
        ..CheckOptions::default()
    }
}

/// Whether the core finds the document structurally valid (no error of a structure rule).
fn structurally_valid(text: &[u8], options: &CheckOptions) -> bool {
    support::structural_errors(&check(text, options)).is_empty()
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[test]
fn generated_documents_are_valid_and_round_trip() {
    for (kind, api, schema) in kinds() {
        let options = options(kind, api);
        proptest!(config(), |(doc in values(&schema, &schema), pretty in any::<bool>())| {
            let text = if pretty {
                serde_json::to_vec_pretty(&doc).unwrap()
            } else {
                serde_json::to_vec(&doc).unwrap()
            };
            let report = check(&text, &options);
            let errors = support::structural_errors(&report);
            prop_assert!(errors.is_empty(), "{kind} {api}: {errors:#?}\n{}", String::from_utf8_lossy(&text));
            // Serialise -> parse -> the same value; the other layout gives the same verdict.
            let parsed = rtk_preset_core::json::parse(&text, Default::default()).unwrap();
            prop_assert_eq!(parsed.value.to_serde(), Some(doc.clone()));
            let other = if pretty { serde_json::to_vec(&doc) } else { serde_json::to_vec_pretty(&doc) };
            prop_assert!(structurally_valid(&other.unwrap(), &options));
        });
    }
}

#[test]
fn the_core_and_the_jsonschema_crate_agree_on_generated_and_mutated_documents() {
    let mut compared = 0usize;
    let invalid = std::sync::atomic::AtomicUsize::new(0);
    for (kind, api, schema) in kinds() {
        let options = options(kind, api);
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("schema compiles");
        let strategy = (
            values(&schema, &schema),
            any::<Index>(),
            any::<u8>(),
            any::<bool>(),
        );
        proptest!(config(), |((doc, which, mutation, mutate_it) in strategy.clone())| {
            let doc = if mutate_it { mutate(doc, which, mutation) } else { doc };
            let text = serde_json::to_vec(&doc).unwrap();
            let theirs = validator.is_valid(&doc);
            let ours = structurally_valid(&text, &options);
            prop_assert_eq!(ours, theirs, "{} {}: {}", kind, api, serde_json::to_string_pretty(&doc).unwrap());
            if !theirs {
                invalid.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        });
        compared += config().cases as usize;
    }
    let invalid = invalid.into_inner();
    eprintln!(
        "core and jsonschema agreed on {compared} generated documents, {invalid} of them invalid"
    );
    // The mutations must make invalid documents, or the agreement says little.
    assert!(
        invalid * 5 > compared,
        "only {invalid} of {compared} invalid"
    );
}

/// The check's shortcuts (above all the fast path, which parses and validates in one pass and
/// keeps only what the rules read; then quick validity of `anyOf` branches, trials without words,
/// bits for keys, the rules' anchors) change no finding: on generated documents with up to three
/// mutations, and on every document of the repository, the check with them and without them
/// ([`rtk_preset_core::phases::without_shortcuts`]) give the same report, word for word, and the
/// same facts for the app-level rules. The fast path must have taken a fair share of them, with
/// findings of the rules among them, or the comparison says little.
#[test]
fn the_shortcuts_change_no_finding() {
    let mut documents = 0usize;
    let mut findings = 0usize;
    let fast_taken = std::sync::atomic::AtomicUsize::new(0);
    let fast_findings = std::sync::atomic::AtomicUsize::new(0);
    // The checks where the full path finds nothing structural: the fast path's domain.
    let compared = std::sync::atomic::AtomicUsize::new(0);
    let same = |text: &[u8], options: &CheckOptions| {
        let document = rtk_preset_core::Document {
            name: "preset.json",
            input: text,
            options,
        };
        let fast = rtk_preset_core::check_document(&document);
        let full = rtk_preset_core::phases::without_shortcuts(|| {
            rtk_preset_core::check_document(&document)
        });
        let structural = |d: &rtk_preset_core::diagnostic::Diagnostic| {
            rtk_preset_core::rules::find(d.rule)
                .is_some_and(|m| m.category == rtk_preset_core::rules::Category::Structure)
        };
        if !full.report.diagnostics.iter().any(structural) {
            compared.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        if rtk_preset_core::phases::fast_path(text, options) {
            fast_taken.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            fast_findings.fetch_add(
                fast.report.diagnostics.len(),
                std::sync::atomic::Ordering::Relaxed,
            );
        }
        assert_eq!(fast.report, check(text, options));
        (fast == full, fast.report, full.report)
    };
    for (kind, api, schema) in kinds() {
        for options in [
            options(kind, api),
            CheckOptions {
                api,
                ..CheckOptions::default()
            },
        ] {
            let strategy = (
                values(&schema, &schema),
                prop::collection::vec((any::<Index>(), any::<u8>()), 0..4),
            );
            proptest!(config(), |((doc, mutations) in strategy.clone())| {
                let doc = mutations
                    .into_iter()
                    .fold(doc, |doc, (which, mutation)| mutate(doc, which, mutation));
                let text = serde_json::to_vec_pretty(&doc).unwrap();
                let (equal, fast, full) = same(&text, &options);
                prop_assert!(equal, "{kind} {api}: {}\nwith: {fast:#?}\nwithout: {full:#?}",
                    String::from_utf8_lossy(&text));
            });
        }
    }
    let root = support::root();
    let mut stack = vec![
        root.join("tests"),
        root.join("examples"),
        support::shared().join("corpus"),
    ];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                if !path.ends_with("node_modules") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read(&path).expect("readable");
                for api in ApiRevision::ALL {
                    let options = CheckOptions {
                        api,
                        ..CheckOptions::default()
                    };
                    let (equal, fast, full) = same(&text, &options);
                    assert!(
                        equal,
                        "{}: with {fast:#?}\nwithout {full:#?}",
                        path.display()
                    );
                    findings += fast.diagnostics.len();
                }
                documents += 1;
            }
        }
    }
    let (compared, taken, fast_findings) = (
        compared.into_inner(),
        fast_taken.into_inner(),
        fast_findings.into_inner(),
    );
    eprintln!(
        "with and without shortcuts: the same {findings} findings on {documents} documents; \
         {compared} checks without structural findings, {taken} of them through the fast path \
         ({fast_findings} findings)"
    );
    assert!(
        documents > 150 && findings > 1000,
        "{documents} documents, {findings} findings"
    );
    assert!(
        taken * 10 >= compared * 9 && fast_findings > 100,
        "the fast path took {taken} of {compared} checks without structural findings, with \
         {fast_findings} findings"
    );
}

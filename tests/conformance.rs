//! Conformance: the real corpus against the verdicts of its SOURCES.md, the JSONTestSuite parsing
//! suite, the committed schemas against the model, and the `jsonschema` crate as a second opinion
//! on every fixture and corpus document.

use rtk_preset_core::{schema, ApiRevision, CheckOptions, DocumentKind, KindSelector};
use serde_json::Value;
use std::path::PathBuf;

mod support;

use support::{fixtures, root, rtk, shared};

/// One row of the verdict table of a corpus' `SOURCES.md`.
struct Expectation {
    file: String,
    valid: bool,
    kind: DocumentKind,
    pointers: Vec<String>,
}

/// The real corpora: the shared one (`../shared/corpus/real`) and the bodies of public projects
/// under `tests/corpus/real`, each with its `SOURCES.md`.
fn corpora() -> [PathBuf; 2] {
    [
        shared().join("corpus/real"),
        root().join("tests/corpus/real"),
    ]
}

/// Reads the verdict table of `dir/SOURCES.md`: "valid"/"invalid", the kind named (a response, a
/// PATCH body, else a create body), and the pointers in backticks ("same" and "as above" repeat
/// the previous row's pointers).
fn expectations(dir: &std::path::Path) -> Vec<Expectation> {
    let text = std::fs::read_to_string(dir.join("SOURCES.md")).expect("SOURCES.md");
    let mut rows: Vec<Expectation> = Vec::new();
    for line in text
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(".json"))
    {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let [file, _trust, expected, why] = cells.as_slice() else {
            panic!("unexpected row: {line}");
        };
        let valid = expected.starts_with("valid");
        let kind = if expected.contains("response") {
            DocumentKind::Response
        } else if expected.contains("PATCH") {
            DocumentKind::Update
        } else {
            DocumentKind::Create
        };
        let mut pointers: Vec<String> = why
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|p| p.starts_with('/'))
            .map(str::to_owned)
            .collect();
        if pointers.is_empty() && (why.starts_with("same") || why.starts_with("as above")) {
            pointers = rows.last().map(|r| r.pointers.clone()).unwrap_or_default();
        }
        rows.push(Expectation {
            file: file.to_string(),
            valid,
            kind,
            pointers,
        });
    }
    rows
}

#[test]
fn real_corpus_gets_the_verdicts_of_sources_md() {
    for dir in corpora() {
        let rows = expectations(&dir);
        let files = std::fs::read_dir(&dir)
            .expect("corpus")
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .count();
        assert_eq!(rows.len(), files, "every corpus file has a verdict");
        for row in &rows {
            let path = dir.join(&row.file);
            let args = ["check", "--format", "json", "--kind", row.kind.as_str()];
            let output = rtk(&[&args[..], &[path.to_str().expect("path")]].concat());
            let report: Value = serde_json::from_slice(&output.stdout).expect("json report");
            let file = &report["files"][0];
            let found = file["diagnostics"].as_array().expect("diagnostics");
            let errors: Vec<&Value> = found.iter().filter(|d| d["severity"] == "error").collect();
            assert_eq!(errors.is_empty(), row.valid, "{}: {errors:#?}", row.file);
            assert_eq!(
                output.status.code(),
                Some(if row.valid { 0 } else { 1 }),
                "{}",
                row.file
            );
            assert_eq!(file["kind"], row.kind.as_str(), "{}", row.file);
            for pointer in &row.pointers {
                let hit = found.iter().find(|d| d["pointer"] == pointer.as_str());
                let hit =
                    hit.unwrap_or_else(|| panic!("{}: nothing at {pointer}: {found:#?}", row.file));
                if row.valid {
                    assert_eq!(hit["severity"], "warning", "{}: {pointer}", row.file);
                }
            }
        }
    }
}

#[test]
fn json_test_suite_parses_as_the_standard_says() {
    let dir = shared().join("testdata/JSONTestSuite/test_parsing");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("JSONTestSuite")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut counts = [0usize; 3];
    for path in &files {
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        let output = rtk(&["check", "--format", "json", path.to_str().expect("path")]);
        let code = output.status.code();
        let report: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{name}: stdout is not JSON: {e}"));
        let rules: Vec<&str> = report["files"][0]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter_map(|d| d["rule"].as_str())
            .collect();
        let invalid_json = rules.contains(&"invalid-json");
        match &name[..2] {
            "y_" => {
                assert!(!invalid_json, "{name} must parse: {rules:?}");
                assert!(matches!(code, Some(0 | 1)), "{name}: exit {code:?}");
                counts[0] += 1;
            }
            "n_" => {
                assert_eq!(rules, ["invalid-json"], "{name} must be rejected alone");
                assert_eq!(code, Some(1), "{name}");
                counts[1] += 1;
            }
            "i_" => {
                assert!(matches!(code, Some(0 | 1)), "{name}: exit {code:?}");
                counts[2] += 1;
            }
            _ => panic!("unexpected file {name}"),
        }
    }
    assert_eq!(counts.iter().sum::<usize>(), files.len());
    assert!(
        counts[0] > 90 && counts[1] > 180 && counts[2] > 30,
        "{counts:?}"
    );
}

#[test]
fn schemas_have_stable_ids_and_describe_every_property() {
    /// Pointers of the properties without a description, under `at`.
    fn undescribed(value: &Value, at: &str, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    for (name, property) in properties {
                        let text = property.get("description").and_then(Value::as_str);
                        if text.is_none_or(|t| t.trim().is_empty()) {
                            out.push(format!("{at}/properties/{name}"));
                        }
                    }
                }
                for (key, child) in map {
                    undescribed(child, &format!("{at}/{key}"), out);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    undescribed(item, &format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let mut ids = std::collections::BTreeSet::new();
    for kind in DocumentKind::ALL {
        for api in ApiRevision::ALL {
            let committed: Value = serde_json::from_str(
                &std::fs::read_to_string(root().join("schemas").join(schema::file_name(kind, api)))
                    .expect("schema"),
            )
            .expect("JSON");
            // Written out, not computed: an id that changes breaks every editor setting and
            // `$schema` that names it.
            let id = format!(
                "https://example.invalid/rtk-preset/schemas/{}.{}.schema.json",
                kind.as_str(),
                api.as_str()
            );
            assert_eq!(committed["$id"], id);
            assert_eq!(schema::declared(&id), Some((kind, api)));
            assert!(ids.insert(id));
            let mut missing = Vec::new();
            undescribed(&committed, "#", &mut missing);
            assert!(
                missing.is_empty(),
                "{kind} {api}: no description: {missing:?}"
            );
        }
    }
    for (reference, expected) in [
        (
            "../schemas/update.2026-01.schema.json",
            Some((DocumentKind::Update, ApiRevision::V2026_01)),
        ),
        (
            "file:///C:/presets/list.2026-06.schema.json#",
            Some((DocumentKind::List, ApiRevision::V2026_06)),
        ),
        ("create.2025-01.schema.json", None),
        ("https://json-schema.org/draft/2020-12/schema", None),
    ] {
        assert_eq!(schema::declared(reference), expected, "{reference}");
    }
}

/// Every JSON document the project ships: fixtures, examples, and the real corpus, with the API
/// revision and kind each is checked with.
fn documents() -> Vec<(PathBuf, ApiRevision, KindSelector)> {
    let mut out: Vec<(PathBuf, ApiRevision, KindSelector)> = fixtures()
        .into_iter()
        .map(|f| {
            let api = f
                .api
                .map_or_else(ApiRevision::default, |a| a.parse().expect("api"));
            let kind = f
                .kind
                .map_or(KindSelector::Auto, |k| k.parse().expect("kind"));
            (f.path, api, kind)
        })
        .collect();
    for dir in [root().join("examples")].into_iter().chain(corpora()) {
        for file in std::fs::read_dir(dir).expect("documents").flatten() {
            if file.path().extension().is_some_and(|e| e == "json") {
                out.push((file.path(), ApiRevision::default(), KindSelector::Auto));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn jsonschema_agrees_with_the_core_validator() {
    let mut agreed = 0;
    let mut outside = Vec::new();
    let mut disagreements = Vec::new();
    for (path, api, kind) in documents() {
        let text = std::fs::read(&path).expect("document");
        let options = CheckOptions {
            api,
            kind,
            ..CheckOptions::default()
        };
        let report = rtk_preset_core::check(&text, &options);
        let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule).collect();
        // What the schema cannot see: text that is not JSON, keys that serde_json folds, and
        // numbers serde_json cannot hold.
        let instance = rtk_preset_core::json::parse(&text, options.limits)
            .ok()
            .and_then(|doc| doc.value.to_serde());
        let Some(instance) = instance.filter(|_| !rules.contains(&"duplicate-key")) else {
            outside.push(
                path.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
            );
            continue;
        };
        let schema_text = std::fs::read_to_string(
            root()
                .join("schemas")
                .join(schema::file_name(report.kind, api)),
        )
        .expect("schema file");
        let schema_value: Value = serde_json::from_str(&schema_text).expect("schema json");
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema_value)
            .expect("schema compiles");
        let theirs = validator.is_valid(&instance);
        // The schema judges structure only: semantic rules are beyond it.
        let ours = support::structural_errors(&report).is_empty();
        if theirs == ours {
            agreed += 1;
        } else {
            let errors: Vec<String> = validator
                .iter_errors(&instance)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            disagreements.push(format!(
                "{}: core says {}, jsonschema says {} ({errors:?}; core: {rules:?})",
                path.display(),
                if ours { "valid" } else { "invalid" },
                if theirs { "valid" } else { "invalid" },
            ));
        }
    }
    println!(
        "jsonschema agreement: {agreed} documents agree; {} outside the schema's reach: {outside:?}",
        outside.len()
    );
    assert!(disagreements.is_empty(), "{disagreements:#?}");
    assert!(agreed >= 80, "only {agreed} documents compared");
}

/// Bad input is a diagnostic, never a panic: every shipped document, damaged in many small ways
/// (bytes dropped, inserted, flipped; cut short), checked as every kind in both revisions.
#[test]
fn damaged_documents_never_panic() {
    // A fixed linear congruential generator: the same damage on every run.
    let mut state: u64 = 0x5eed_1234_abcd_9876;
    let mut next = move |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % bound.max(1)
    };
    const NASTY: &[u8] = b"{}[]\",:0-e.\\u\x00\xff\xc3tfn 9";
    let mut checked = 0;
    for (path, _, _) in documents() {
        let original = std::fs::read(&path).expect("document");
        for round in 0..40 {
            let mut bytes = original.clone();
            for _ in 0..=round % 4 {
                let at = next(bytes.len() + 1);
                match next(4) {
                    0 if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    1 => bytes.insert(at, NASTY[next(NASTY.len())]),
                    2 if at < bytes.len() => bytes[at] ^= 1 << next(8),
                    _ => bytes.truncate(at),
                }
            }
            for api in ApiRevision::ALL {
                for kind in DocumentKind::ALL {
                    let options = CheckOptions {
                        api,
                        kind: KindSelector::Fixed(kind),
                        ..CheckOptions::default()
                    };
                    let report = rtk_preset_core::check(&bytes, &options);
                    for d in &report.diagnostics {
                        assert!(d.span.start <= d.span.end && d.span.end <= bytes.len());
                        assert!(d.line >= 1 && d.column >= 1);
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 40_000, "{checked}");
}

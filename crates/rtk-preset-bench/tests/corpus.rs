//! The benchmark corpus is what it claims to be: deterministic from its seed, invalid exactly
//! where its manifest says (by rtk-preset's core and by the `jsonschema` crate with the published
//! schema), and the parse-only baseline parses every file that is JSON.

use rtk_preset_core::{check_app, CheckOptions, Document, Severity};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn generate(out: &Path, extra: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_rtk-preset-corpus"))
        .arg("--out")
        .arg(out)
        .args(["--count", "400", "--seed", "7"])
        .args(extra)
        .output()
        .expect("run rtk-preset-corpus");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The manifest: path → (verdict, defect).
fn manifest(dir: &Path) -> BTreeMap<PathBuf, (String, String)> {
    std::fs::read_to_string(dir.join("manifest.tsv"))
        .expect("manifest")
        .lines()
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "manifest line `{line}`");
            (
                dir.join(fields[0]),
                (fields[1].to_owned(), fields[2].to_owned()),
            )
        })
        .collect()
}

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for app in std::fs::read_dir(dir).expect("corpus").flatten() {
        if app.path().is_dir() {
            for file in std::fs::read_dir(app.path()).expect("app").flatten() {
                out.insert(file.path(), std::fs::read(file.path()).expect("file"));
            }
        }
    }
    out
}

#[test]
fn the_corpus_is_deterministic_and_its_manifest_is_true() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    generate(a.path(), &[]);
    generate(b.path(), &[]);
    let (first, second) = (files(a.path()), files(b.path()));
    assert_eq!(first.len(), 400);
    let same = first
        .iter()
        .zip(&second)
        .all(|((p, x), (q, y))| p.strip_prefix(a.path()) == q.strip_prefix(b.path()) && x == y);
    assert!(same, "the same seed gave different corpora");

    let expected = manifest(a.path());
    assert_eq!(expected.len(), first.len());
    let invalid = expected.values().filter(|(v, _)| v == "invalid").count();
    assert!(
        (20..=70).contains(&invalid),
        "{invalid} of 400 invalid, not about 10%"
    );
    let defects: std::collections::BTreeSet<&str> = expected
        .values()
        .filter(|(v, _)| v == "invalid")
        .map(|(_, d)| d.as_str())
        .collect();
    assert!(defects.len() >= 6, "too little variety: {defects:?}");

    // rtk-preset's verdict, app by app (a directory is an app), matches the manifest.
    let options = CheckOptions::default();
    let mut apps: BTreeMap<&Path, Vec<(&PathBuf, &Vec<u8>)>> = BTreeMap::new();
    for (path, text) in &first {
        apps.entry(path.parent().unwrap())
            .or_default()
            .push((path, text));
    }
    let mut mismatches = Vec::new();
    for members in apps.values() {
        let names: Vec<String> = members
            .iter()
            .map(|(p, _)| p.display().to_string())
            .collect();
        let documents: Vec<Document<'_>> = members
            .iter()
            .zip(&names)
            .map(|((_, text), name)| Document {
                name,
                input: text,
                options: &options,
            })
            .collect();
        for ((path, _), report) in members.iter().zip(check_app(&documents)) {
            let errors: Vec<&str> = report
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.rule)
                .collect();
            let (verdict, defect) = &expected[*path];
            let has_errors = !errors.is_empty();
            if (verdict == "invalid") != has_errors {
                mismatches.push(format!(
                    "{}: {verdict} ({defect}), errors {errors:?}",
                    path.display()
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

#[test]
fn schema_validators_and_the_parse_only_baseline_see_the_same_corpus() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), &["--all-json"]);
    let expected = manifest(dir.path());
    assert!(expected.values().all(|(_, d)| d != "truncated"));

    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/create.2026-06.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    for (path, text) in files(dir.path()) {
        let instance: serde_json::Value = serde_json::from_slice(&text).expect("all JSON");
        let (verdict, defect) = &expected[&path];
        assert_eq!(
            validator.is_valid(&instance),
            verdict == "valid",
            "{}: {verdict} ({defect})",
            path.display()
        );
    }

    // The baseline reads every file; with truncated files, exactly those fail to parse.
    let full = tempfile::tempdir().unwrap();
    generate(full.path(), &[]);
    let truncated = manifest(full.path())
        .values()
        .filter(|(_, d)| d == "truncated")
        .count();
    assert!(truncated > 0);
    let output = Command::new(env!("CARGO_BIN_EXE_parse-only"))
        .arg(full.path())
        .args(["--threads", "2"])
        .output()
        .expect("run parse-only");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with(&format!("400 files, {truncated} not parsed, ")),
        "{stdout}"
    );
}

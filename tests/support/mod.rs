//! What the integration tests share: where things are, running the binary, reading its JSON
//! report, and the fixtures with the options their names carry.

#![allow(dead_code, reason = "each test target uses a part of it")]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root: fixtures and examples are addressed from there, as a user would.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()
}

/// `shared/` stands beside the checkout.
pub fn shared() -> PathBuf {
    root().join("../shared")
}

/// Runs `rtk-preset ARGS` in `dir`, without colours.
pub fn rtk_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rtk-preset"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run rtk-preset")
}

/// Runs `rtk-preset ARGS` at the workspace root with `input` on standard input.
pub fn rtk_stdin(args: &[&str], input: &[u8]) -> Output {
    rtk_stdin_in(&root(), args, input)
}

/// Runs `rtk-preset ARGS` in `dir`, without colours, with `input` on standard input.
pub fn rtk_stdin_in(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_rtk-preset"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rtk-preset");
    // A run that refuses its arguments exits without reading: its closed pipe is no failure.
    let written = child.stdin.take().expect("stdin").write_all(input);
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child.wait_with_output().expect("wait")
}

/// Runs `rtk-preset ARGS` (absolute paths: it runs in `/`) as `nobody`, through `runuser`: for
/// the cases root cannot meet, since it reads and writes whatever the permissions say. `None`
/// when `runuser` is not there.
pub fn rtk_as_nobody(args: &[&std::ffi::OsStr]) -> Option<Output> {
    let runuser = Path::new("/usr/sbin/runuser");
    runuser.exists().then(|| {
        Command::new(runuser)
            .args(["-u", "nobody", "--", env!("CARGO_BIN_EXE_rtk-preset")])
            .args(args)
            .current_dir("/")
            .output()
            .expect("runuser")
    })
}

/// The errors of a report that a JSON Schema can also see (the structure rules): what schema
/// validators and the SDKs are compared on; semantic and app-level rules are beyond them.
pub fn structural_errors(report: &rtk_preset_core::Report) -> Vec<&rtk_preset_core::Diagnostic> {
    use rtk_preset_core::rules::{find, Category};
    report
        .diagnostics
        .iter()
        .filter(|d| {
            d.severity == rtk_preset_core::Severity::Error
                && find(d.rule).is_some_and(|m| m.category == Category::Structure)
        })
        .collect()
}

/// Runs `rtk-preset ARGS` at the workspace root.
pub fn rtk(args: &[&str]) -> Output {
    rtk_in(&root(), args)
}

/// The report of `--format json` (or any JSON standard output).
pub fn json_report(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// Every diagnostic of a JSON report, all files together.
pub fn diagnostics(report: &Value) -> Vec<Value> {
    report["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["diagnostics"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// The rule ids of a JSON report's diagnostics.
pub fn rules_of(report: &Value) -> Vec<String> {
    diagnostics(report)
        .iter()
        .filter_map(|d| d["rule"].as_str().map(str::to_owned))
        .collect()
}

/// A fixture under `tests/fixtures/<rule>/<valid|invalid>/`.
pub struct Fixture {
    pub path: PathBuf,
    /// The path from the workspace root, with `/`.
    pub relative: String,
    pub rule: String,
    pub valid: bool,
    /// From the name (`case@2026-01@update.json`): an API revision and a document kind.
    pub api: Option<String>,
    pub kind: Option<String>,
}

impl Fixture {
    /// The `--api` and `--kind` arguments its name asks for.
    pub fn args(&self) -> Vec<&str> {
        let mut args = Vec::new();
        if let Some(api) = &self.api {
            args.extend(["--api", api.as_str()]);
        }
        if let Some(kind) = &self.kind {
            args.extend(["--kind", kind.as_str()]);
        }
        args
    }
}

/// Every fixture, sorted by path.
pub fn fixtures() -> Vec<Fixture> {
    let mut out = Vec::new();
    let base = root().join("tests/fixtures");
    for rule in std::fs::read_dir(&base).expect("fixtures").flatten() {
        let rule_name = rule.file_name().to_string_lossy().into_owned();
        for verdict in ["valid", "invalid"] {
            for file in std::fs::read_dir(rule.path().join(verdict))
                .into_iter()
                .flatten()
                .flatten()
            {
                let name = file.file_name().to_string_lossy().into_owned();
                let Some(stem) = name.strip_suffix(".json") else {
                    continue;
                };
                let mut api = None;
                let mut kind = None;
                for option in stem.split('@').skip(1) {
                    if option.starts_with("2026-") {
                        api = Some(option.to_owned());
                    } else {
                        kind = Some(option.to_owned());
                    }
                }
                out.push(Fixture {
                    path: file.path(),
                    relative: format!("tests/fixtures/{rule_name}/{verdict}/{name}"),
                    rule: rule_name.clone(),
                    valid: verdict == "valid",
                    api,
                    kind,
                });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// A JSON string's text (empty for anything else).
pub fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

/// The first finding of a rule among a report's diagnostics.
pub fn finding<'a>(found: &'a [Value], rule: &str) -> &'a Value {
    found
        .iter()
        .find(|d| d["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {found:#?}"))
}

/// Writes `files` (paths relative to `dir`, folders made as needed).
pub fn write_tree(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

/// A scratch directory holding `files` ([`write_tree`]).
pub fn scratch(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write_tree(dir.path(), files);
    dir
}

/// The text of `examples/NAME`.
pub fn example(name: &str) -> String {
    std::fs::read_to_string(root().join("examples").join(name)).expect("example")
}

/// Whether `log` is valid SARIF 2.1.0: the schema errors, none if it is. The vendored OASIS
/// schema's pattern for `run.language` has a stray `]` that a strict regex check rejects; it is
/// mended in memory (the report sets no `language`).
pub fn sarif_errors(log: &Value) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/sarif/sarif-schema-2.1.0.json"))
        .expect("schema");
    let broken = r#"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$"#;
    assert!(text.contains(broken), "the vendored schema changed");
    let text = text.replace(broken, r#"^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"#);
    let schema: Value = serde_json::from_str(&text).expect("schema json");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&schema)
        .expect("SARIF schema compiles");
    validator
        .iter_errors(log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

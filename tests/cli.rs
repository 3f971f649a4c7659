//! The `rtk-preset` binary end to end: fixtures per rule with snapshots of both report formats,
//! the cases the design names, exit codes, paths and standard input.

use serde_json::Value;
use std::path::Path;
use std::process::Output;

mod support;

use support::{diagnostics, fixtures, json_report, root, rtk, rtk_stdin, text, write_tree};

/// `rtk-preset check --format FORMAT` on a fixture, with the options its name carries.
fn check_fixture(path: &Path, format: &str) -> Output {
    let wanted = path.canonicalize().expect("fixture path");
    let fixture = fixtures()
        .into_iter()
        .find(|f| f.path.canonicalize().ok().as_ref() == Some(&wanted))
        .expect("a fixture");
    let mut args = vec!["check", "--format", format];
    args.extend(fixture.args());
    args.push(&fixture.relative);
    rtk(&args)
}

/// The options of a fixture's check that show its rule alone: every other rule off (but
/// `invalid-json`, which cannot be turned off and fires only on fixtures that are not JSON).
fn only_its_rule(fixture: &support::Fixture) -> Vec<String> {
    let mut args: Vec<String> = fixture.args().into_iter().map(str::to_owned).collect();
    for meta in rtk_preset_core::rules::all() {
        if meta.id != fixture.rule && meta.locked.is_none() {
            args.extend(["--allow".to_owned(), meta.id.to_owned()]);
        }
    }
    args
}

/// A rule's spec, as Biome's spec tests have them: every invalid fixture reports its rule, and its
/// snapshot, beside it (`tests/fixtures/<rule>/invalid/<case>.json.snap`), shows that rule's
/// findings alone (the pretty report and the JSON diagnostics) and the text of every fix it offers
/// (safe and unsafe) as a unified diff. A fixed document must be JSON again.
#[test]
fn invalid_fixtures_report_their_rule() {
    let mut count = 0;
    for fixture in fixtures().into_iter().filter(|f| !f.valid) {
        let rule = fixture.rule.as_str();
        let args = only_its_rule(&fixture);
        let run = |extra: &[&str]| {
            let mut all: Vec<&str> = vec!["check"];
            all.extend(extra);
            all.extend(args.iter().map(String::as_str));
            all.push(&fixture.relative);
            rtk(&all)
        };
        let output = run(&["--format", "json"]);
        let report = json_report(&output);
        let found = diagnostics(&report);
        assert!(
            !found.is_empty() && found.iter().all(|d| d["rule"] == rule),
            "{}: not `{rule}` alone: {found:#?}",
            fixture.relative
        );
        let has_error = found.iter().any(|d| d["severity"] == "error");
        assert_eq!(
            output.status.code(),
            Some(if has_error { 1 } else { 0 }),
            "{}",
            fixture.relative
        );
        let pretty = run(&[]);
        let fixes = run(&["--diff", "--unsafe-fixes"]);
        // What the fixes make of the document is JSON (when the document was).
        let text = std::fs::read(&fixture.path).expect("fixture");
        let mut options = rtk_preset_core::CheckOptions::default();
        if let Some(api) = &fixture.api {
            options.api = api.parse().expect("api");
        }
        if let Some(kind) = &fixture.kind {
            options.kind = kind.parse().expect("kind");
        }
        for meta in rtk_preset_core::rules::all().filter(|m| m.id != rule && m.locked.is_none()) {
            options
                .rules
                .levels
                .insert(meta.id.to_owned(), rtk_preset_core::Level::Off);
        }
        // A rule's fixes have the applicability its declaration says (`rules --format json`).
        let declared = rtk_preset_core::rules::find(rule).expect("a rule").fix;
        for d in rtk_preset_core::check(&text, &options).diagnostics {
            let applicability = d.fix.as_ref().map(|f| f.applicability);
            let matches = match declared {
                rtk_preset_core::rules::FixKind::None => applicability.is_none(),
                rtk_preset_core::rules::FixKind::Safe => {
                    applicability != Some(rtk_preset_core::fix::Applicability::Unsafe)
                }
                rtk_preset_core::rules::FixKind::Unsafe => {
                    applicability != Some(rtk_preset_core::fix::Applicability::Safe)
                }
            };
            assert!(
                matches,
                "{}: `{rule}` declares fix {declared:?} but offers {applicability:?}",
                fixture.relative
            );
        }
        let limits = rtk_preset_core::json::Limits::default();
        if rtk_preset_core::json::parse(&text, limits).is_ok() {
            let (fixed, _) = rtk_preset_core::fix_document(&text, &options, true);
            assert!(
                rtk_preset_core::json::parse(&fixed, limits).is_ok(),
                "{}: the fixes break the JSON:\n{}",
                fixture.relative,
                String::from_utf8_lossy(&fixed)
            );
        }
        let lines: Vec<String> = found
            .iter()
            .map(|d| serde_json::to_string(d).expect("json"))
            .collect();
        let diff = String::from_utf8_lossy(&fixes.stdout);
        let snapshot = format!(
            "{}\n--- json diagnostics ---\n{}\n--- fixes (--diff --unsafe-fixes) ---\n{}",
            String::from_utf8_lossy(&pretty.stdout),
            lines.join("\n"),
            if diff.is_empty() { "(none)\n" } else { &diff }
        );
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(fixture.path.parent().expect("case directory"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_input_file(&fixture.path);
        settings.set_omit_expression(true);
        let name = fixture
            .path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        settings.bind(|| insta::assert_snapshot!(name, snapshot));
        count += 1;
    }
    assert!(count >= 40, "only {count} invalid fixtures");
}

/// No valid fixture reports its rule.
#[test]
fn valid_fixtures_do_not_report_their_rule() {
    let mut count = 0;
    for fixture in fixtures().into_iter().filter(|f| f.valid) {
        let report = json_report(&check_fixture(&fixture.path, "json"));
        let found = diagnostics(&report);
        assert!(
            !found.iter().any(|d| d["rule"] == fixture.rule.as_str()),
            "{}: unexpected `{}` in {found:#?}",
            fixture.relative,
            fixture.rule
        );
        count += 1;
    }
    assert!(count >= 20, "only {count} valid fixtures found");
}

/// A snapshot whose fixture is gone fails the suite (insta's `--unreferenced reject`, without
/// needing cargo-insta); valid fixtures have none.
#[test]
fn no_stale_snapshots() {
    let mut snapshots = 0;
    for rule in std::fs::read_dir(root().join("tests/fixtures"))
        .expect("fixtures")
        .flatten()
    {
        for verdict in ["valid", "invalid"] {
            for entry in std::fs::read_dir(rule.path().join(verdict))
                .into_iter()
                .flatten()
                .flatten()
            {
                let path = entry.path();
                let name = path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                let Some(case) = name.strip_suffix(".snap") else {
                    continue;
                };
                assert!(
                    verdict == "invalid" && path.with_file_name(case).exists(),
                    "stale snapshot {} (its fixture is gone): delete it",
                    path.display()
                );
                snapshots += 1;
            }
        }
    }
    assert!(snapshots >= 40, "{snapshots} snapshots");
}

fn find<'a>(found: &'a [Value], rule: &str, pointer: &str) -> &'a Value {
    found
        .iter()
        .find(|d| d["rule"] == rule && d["pointer"] == pointer)
        .unwrap_or_else(|| panic!("no {rule} at {pointer} in {found:#?}"))
}

#[test]
fn frame_rate_31_is_out_of_range_at_its_value() {
    let path = "tests/fixtures/out-of-range/invalid/frame-rate-31.json";
    let output = rtk(&["check", "--format", "json", path]);
    assert_eq!(output.status.code(), Some(1));
    let found = diagnostics(&json_report(&output));
    let d = find(&found, "out-of-range", "/config/media/video/frame_rate");
    let text = std::fs::read_to_string(root().join(path)).expect("fixture");
    let (line_index, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("\"frame_rate\": 31"))
        .expect("the line of 31");
    let column = line.find("31").expect("31") + 1;
    assert_eq!(d["line"], line_index + 1);
    assert_eq!(d["column"], column);
    assert_eq!(d["end_column"], column + 2);
    let start = d["span"]["start"].as_u64().expect("span") as usize;
    assert_eq!(&text[start..start + 2], "31");
    assert_eq!(d["severity"], "error");
    assert!(support::text(&d["message"]).contains("30"));
}

#[test]
fn uppercase_quality_suggests_the_lowercase_value() {
    let output = rtk(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/invalid-value/invalid/quality-uppercase.json",
    ]);
    let found = diagnostics(&json_report(&output));
    let d = find(&found, "invalid-value", "/config/media/video/quality");
    assert!(text(&d["help"]).contains("did you mean `hd`?"));
}

#[test]
fn livestream_is_valid_in_2026_06_and_names_2026_06_under_2026_01() {
    let path = "tests/fixtures/not-in-revision/valid/livestream.json";
    let current = rtk(&["check", "--format", "json", path]);
    assert_eq!(
        current.status.code(),
        Some(0),
        "{:#?}",
        json_report(&current)
    );
    let old = rtk(&["check", "--format", "json", "--api", "2026-01", path]);
    assert_eq!(old.status.code(), Some(1));
    let found = diagnostics(&json_report(&old));
    let d = find(&found, "not-in-revision", "/config/view_type");
    assert_eq!(d["severity"], "error");
    assert!(text(&d["message"]).contains("2026-06"));
}

#[test]
fn the_examples_are_one_valid_and_one_invalid() {
    let valid = rtk(&["check", "examples/host.json"]);
    assert_eq!(valid.status.code(), Some(0));
    let invalid = rtk(&["check", "examples/invalid-guest.json"]);
    assert_eq!(invalid.status.code(), Some(1));
    let both = rtk(&["check", "--format", "json", "examples"]);
    let report = json_report(&both);
    assert_eq!(report["summary"]["files"], 2);
    assert_eq!(report["version"], 1);
}

#[test]
fn directories_are_searched_recursively_for_json_files() {
    let output = rtk(&["check", "--format", "json", "tests/fixtures/duplicate-key"]);
    let report = json_report(&output);
    let paths: Vec<&str> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(paths.len(), 3, "{paths:?}");
    assert!(paths.iter().all(|p| p.ends_with(".json")));
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let output = rtk_stdin(&["check", "--format", "json", "-"], br#"{"name": 1}"#);
    assert_eq!(output.status.code(), Some(1));
    let report = json_report(&output);
    assert_eq!(report["files"][0]["path"], "<stdin>");
    let found = diagnostics(&report);
    find(&found, "wrong-type", "/name");
    find(&found, "missing-field", "/config");
}

#[test]
fn exit_codes_follow_the_contract() {
    assert_eq!(rtk(&["check", "no/such/file.json"]).status.code(), Some(2));
    assert_eq!(
        rtk(&["check", "--api", "2025-01", "examples"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        rtk(&["check", "--format", "xml", "examples"]).status.code(),
        Some(2)
    );
    assert_eq!(rtk(&["frobnicate"]).status.code(), Some(2));
    let mixed = rtk(&[
        "check",
        "--format",
        "json",
        "examples/host.json",
        "missing.json",
    ]);
    assert_eq!(mixed.status.code(), Some(2));
    assert_eq!(json_report(&mixed)["summary"]["files"], 1);
    assert!(String::from_utf8_lossy(&mixed.stderr).contains("missing.json"));
}

#[test]
fn schema_prints_the_committed_schema() {
    let output = rtk(&["schema", "--api", "2026-01", "--kind", "preset"]);
    assert_eq!(output.status.code(), Some(0));
    let committed =
        std::fs::read(root().join("schemas/preset.2026-01.schema.json")).expect("schema file");
    assert_eq!(output.stdout, committed);
    assert_eq!(rtk(&["schema", "--kind", "auto"]).status.code(), Some(2));
}

#[test]
fn pretty_output_has_the_snippet_and_label() {
    // The fixture is a minimal document: a PATCH body.
    let output = rtk(&[
        "check",
        "--kind",
        "update",
        "tests/fixtures/out-of-range/invalid/frame-rate-31.json",
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("out-of-range"), "{text}");
    assert!(text.contains("\"frame_rate\": 31"), "{text}");
    assert!(text.contains("/config/media/video/frame_rate"), "{text}");
    assert!(text.contains("help: lower it to 30 or less"), "{text}");
    // The finding says which fix resolves it, and the summary counts it.
    assert!(
        text.contains("out-of-range [fixable with --unsafe-fixes]"),
        "{text}"
    );
    assert!(
        text.ends_with("1 file: 1 error, 0 warnings (1 fixable with `--fix --unsafe-fixes`)\n"),
        "{text}"
    );
}

/// The README shows real output: every block after `<!-- output: ARGS -->` is what
/// `rtk-preset ARGS` prints now.
#[test]
fn readme_output_is_current() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let mut checked = 0;
    for (_, rest) in readme
        .match_indices("<!-- output: ")
        .map(|(i, _)| readme.split_at(i))
    {
        let (marker, after) = rest.split_once("-->").expect("marker end");
        let args: Vec<&str> = marker
            .trim_start_matches("<!-- output: ")
            .split_whitespace()
            .collect();
        let body = after
            .split_once("```")
            .and_then(|(_, b)| b.split_once('\n'))
            .map(|(_, b)| b)
            .and_then(|b| b.split_once("```"))
            .map(|(b, _)| b)
            .expect("a code block after the marker");
        let output = rtk(&args);
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            body,
            "README block for `rtk-preset {}` is stale",
            args.join(" ")
        );
        checked += 1;
    }
    assert_eq!(checked, 4);
}

/// Every generated file (schemas, the npm package's model types, the rule reference) is what the
/// model makes now: the check of `cargo xtask codegen --check`, in one place.
#[test]
fn generated_files_are_current() {
    let drift = rtk_preset_core::codegen::drift_in(&root());
    assert!(
        drift.is_empty(),
        "generated files drifted ({drift:?}): run `{}`",
        rtk_preset_core::codegen::REGENERATE
    );
}

#[test]
fn a_schema_key_naming_ours_sets_kind_and_revision() {
    let host = std::fs::read_to_string(root().join("examples/host.json")).expect("host.json");
    let body = host.trim_start().strip_prefix('{').expect("an object");
    let with = |reference: &str| format!("{{\"$schema\": \"{reference}\",{body}");
    // Ours, by `$id`: checked as that kind and revision, and the key is no unknown field.
    let output = rtk_stdin(
        &["check", "--format", "json", "-"],
        with("https://example.invalid/rtk-preset/schemas/update.2026-01.schema.json").as_bytes(),
    );
    let report = json_report(&output);
    assert_eq!(report["files"][0]["kind"], "update");
    assert_eq!(report["files"][0]["api"], "2026-01");
    assert!(
        !diagnostics(&report)
            .iter()
            .any(|d| d["pointer"] == "/$schema"),
        "{report}"
    );
    // A relative path to the committed file says the same; an explicit `--kind` still wins.
    let output = rtk_stdin(
        &["check", "--format", "json", "--kind", "create", "-"],
        with("../schemas/update.2026-01.schema.json").as_bytes(),
    );
    let report = json_report(&output);
    assert_eq!(report["files"][0]["kind"], "create");
    assert_eq!(report["files"][0]["api"], "2026-01");
    // Someone else's schema changes nothing.
    let output = rtk_stdin(
        &["check", "--format", "json", "-"],
        with("https://json-schema.org/draft/2020-12/schema").as_bytes(),
    );
    let report = json_report(&output);
    assert_eq!(report["files"][0]["kind"], "create");
    assert_eq!(report["files"][0]["api"], "2026-06");
}

/// The stderr of a run, as text.
fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The paths a JSON report lists, in order.
fn paths_of(report: &Value) -> Vec<String> {
    report["files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["path"].as_str().map(str::to_owned))
        .collect()
}

/// `examples/host.json` with its frame rates set.
fn host_with_frame_rates(video: f64, screenshare: f64) -> Value {
    let text = std::fs::read_to_string(root().join("examples/host.json")).expect("host.json");
    let mut host: Value = serde_json::from_str(&text).expect("host.json is JSON");
    host["config"]["media"]["video"]["frame_rate"] = video.into();
    host["config"]["media"]["screenshare"]["frame_rate"] = screenshare.into();
    host
}

/// Frame rates and counts are JSON numbers, as the SDKs and the API reference type them: film and
/// NTSC frame rates pass in a create body and a PATCH of either revision; a fractional count is a
/// warning with an unsafe fix, not a structural error; the video bound of 30 stays.
#[test]
fn fractional_frame_rates_are_valid_and_fractional_counts_a_warning() {
    for (video, screenshare) in [(29.97, 7.5), (23.976, 0.5), (30.0, 2.5)] {
        let host = host_with_frame_rates(video, screenshare);
        let output = rtk_stdin(
            &["check", "--format", "json", "-"],
            host.to_string().as_bytes(),
        );
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(diagnostics(&json_report(&output)), Vec::<Value>::new());
    }
    for api in ["2026-06", "2026-01"] {
        let patch = br#"{"config": {"media": {"video": {"frame_rate": 24.5}, "screenshare": {"frame_rate": 7.5}}}}"#;
        let output = rtk_stdin(
            &[
                "check", "--format", "json", "--kind", "update", "--api", api, "-",
            ],
            patch,
        );
        assert_eq!(output.status.code(), Some(0), "{api}: {}", stderr(&output));
        assert_eq!(diagnostics(&json_report(&output)), Vec::<Value>::new());
    }
    // Above 30 is still out of range, fraction or not.
    let output = rtk_stdin(
        &["check", "--format", "json", "-"],
        host_with_frame_rates(30.5, 15.0).to_string().as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1));
    let found = diagnostics(&json_report(&output));
    find(&found, "out-of-range", "/config/media/video/frame_rate");
    // Half a video tile: a warning (exit 0) with the fix that rounds toward zero.
    let mut host = host_with_frame_rates(30.0, 15.0);
    host["config"]["max_video_streams"]["desktop"] = 4.5.into();
    host["config"]["max_screenshare_count"] = (-1.5).into();
    let output = rtk_stdin(
        &["check", "--format", "json", "-"],
        host.to_string().as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let found = diagnostics(&json_report(&output));
    let fractional = find(
        &found,
        "fractional-count",
        "/config/max_video_streams/desktop",
    );
    assert_eq!(fractional["severity"], "warning");
    assert_eq!(fractional["help"], "use a whole number, such as 4");
    find(&found, "fractional-count", "/config/max_screenshare_count");
    // `negative-count` is a warning too: no source bounds the counts below.
    let negative = find(&found, "negative-count", "/config/max_screenshare_count");
    assert_eq!(negative["severity"], "warning");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("host.json");
    std::fs::write(&file, host.to_string()).expect("write");
    let fixed = support::rtk_in(
        dir.path(),
        &[
            "check",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "json",
            "host.json",
        ],
    );
    assert_eq!(fixed.status.code(), Some(0), "{}", stderr(&fixed));
    let after: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("JSON");
    assert_eq!(after["config"]["max_video_streams"]["desktop"], 4);
    assert_eq!(after["config"]["max_screenshare_count"], 0);
}

/// 2026-01's docs page: a plugin `config` may be any string, and `ui.config_diff` any value.
#[test]
fn shapes_of_2026_01_that_the_docs_page_allows_are_valid() {
    let configs = ["\"whiteboard\"", "\"0f3c4b2e-6a8d-4c8e-9d7a-1b2c3d4e5f60\""]
        .map(|c| format!(r#"{{"permissions": {{"plugins": {{"config": {c}}}}}}}"#));
    let diffs = ["{}", "[]", "\"compact\"", "3", "true", "null"]
        .map(|d| format!(r#"{{"ui": {{"config_diff": {d}}}}}"#));
    for patch in configs.iter().chain(&diffs) {
        let args = [
            "check", "--format", "json", "--kind", "update", "--api", "2026-01", "-",
        ];
        let output = rtk_stdin(&args, patch.as_bytes());
        assert_eq!(
            output.status.code(),
            Some(0),
            "{patch}: {}",
            stderr(&output)
        );
        assert_eq!(
            diagnostics(&json_report(&output)),
            Vec::<Value>::new(),
            "{patch}"
        );
    }
}

/// A repository root as a new user has it: `package.json`, a `tsconfig.json` with comments,
/// `node_modules` (with a preset inside a package), a hidden directory, a `.gitignore`d folder
/// (with no git repository), and `presets/`. Without a configuration, a walk checks the preset
/// documents of `presets/` and says what it skipped; an `include` selects without the guess; a
/// file named on the command line is always checked, unless `--force-exclude` (the pre-commit
/// hooks) applies the walk's selection.
#[test]
fn a_walk_checks_preset_documents_and_leaves_other_json_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let host = std::fs::read_to_string(root().join("examples/host.json")).expect("host.json");
    let broken = r#"{"name": "guest", "config": {"view_type": "GROUP_CALL",},}"#;
    write_tree(
        dir.path(),
        &[
            (
                "package.json",
                r#"{"name": "app", "version": "1.0.0", "dependencies": {}}"#,
            ),
            (
                "tsconfig.json",
                "{\n  // the compiler\n  \"compilerOptions\": {\"strict\": true},\n}\n",
            ),
            ("node_modules/some-sdk/preset.json", broken),
            (".github/preset.json", broken),
            (".gitignore", "build/\n"),
            ("build/preset.json", broken),
            ("presets/host.json", &host),
            ("presets/notes.json", r#"{"owner": "video team"}"#),
        ],
    );
    let run = |args: &[&str]| support::rtk_in(dir.path(), args);
    let output = run(&["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = json_report(&output);
    assert_eq!(paths_of(&report), ["./presets/host.json"], "{report:#}");
    let said = stderr(&output);
    assert!(
        said.contains("skipped 3 JSON files that are not preset documents")
            && said.contains("`./package.json`")
            && said.contains("`./tsconfig.json`")
            && said.contains("`./presets/notes.json`")
            && said.contains("`include`"),
        "{said}"
    );
    // A broken preset beside them is still a preset: `invalid-json`, exit 1.
    write_tree(dir.path(), &[("presets/guest.json", broken)]);
    let output = run(&["check", "--format", "json", "presets"]);
    assert_eq!(output.status.code(), Some(1));
    let report = json_report(&output);
    assert_eq!(
        paths_of(&report),
        ["presets/guest.json", "presets/host.json"],
        "{report:#}"
    );
    find(&diagnostics(&report), "invalid-json", "");
    std::fs::remove_file(dir.path().join("presets/guest.json")).expect("remove");
    // Named, a file is always checked.
    let output = run(&["check", "--format", "json", "package.json"]);
    assert_eq!(output.status.code(), Some(1));
    // As the pre-commit hooks pass them: `--force-exclude` applies the walk's selection.
    let output = run(&[
        "check",
        "--force-exclude",
        "--format",
        "json",
        "package.json",
        "tsconfig.json",
        "presets/host.json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(paths_of(&json_report(&output)), ["presets/host.json"]);
    // An `include` selects by path, without the guess.
    write_tree(
        dir.path(),
        &[("rtk-preset.toml", "include = [\"presets/*.json\"]\n")],
    );
    let output = run(&["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report = json_report(&output);
    assert_eq!(
        paths_of(&report),
        ["./presets/host.json", "./presets/notes.json"],
        "{report:#}"
    );
    assert!(!stderr(&output).contains("skipped"), "{}", stderr(&output));
}

/// One file is one file: named twice, named and inside a named directory, or a directory named
/// twice under two spellings, it is checked (and counted, and compared with its app) once.
#[test]
fn a_file_reached_twice_is_checked_once() {
    let absolute = root().join("examples/host.json");
    let absolute = absolute.to_str().expect("UTF-8 path");
    for args in [
        &["examples/host.json", "examples/host.json"][..],
        &["examples/host.json", absolute],
        &["examples", "./examples"],
        &["examples", "examples/host.json", "examples/../examples"],
    ] {
        let mut all = vec!["check", "--format", "json"];
        all.extend(args);
        let report = json_report(&rtk(&all));
        let paths = paths_of(&report);
        let mut unique = paths.clone();
        unique.dedup();
        assert_eq!(paths, unique, "{args:?}");
        assert!(
            !support::rules_of(&report).contains(&"duplicate-preset-name".to_owned()),
            "{args:?}: {report:#}"
        );
    }
}

/// No footguns: `invalid-json` cannot be turned off or lowered (anywhere), standard input cannot
/// be read twice, and a run that checks nothing says so on standard error (exit 0).
#[test]
fn footguns_are_usage_errors_and_nothing_checked_is_said() {
    for flag in ["--allow", "--warn"] {
        let output = rtk(&["check", flag, "invalid-json", "examples"]);
        assert_eq!(output.status.code(), Some(2), "{flag}");
        assert!(stderr(&output).contains("`invalid-json` cannot be set to"));
    }
    assert_eq!(
        rtk(&["check", "--deny", "invalid-json", "examples/host.json"])
            .status
            .code(),
        Some(0)
    );
    let dir = tempfile::tempdir().expect("temp dir");
    for config in [
        "[rules]\ninvalid-json = \"off\"\n",
        "[[overrides]]\nfiles = [\"*.json\"]\nrules = { invalid-json = \"info\" }\nreason = \"legacy\"\n",
    ] {
        write_tree(dir.path(), &[("rtk-preset.toml", config), ("a.json", "{")]);
        let output = support::rtk_in(dir.path(), &["check", "a.json"]);
        assert_eq!(output.status.code(), Some(2), "{config}");
        assert!(stderr(&output).contains("cannot be set to"), "{}", stderr(&output));
    }
    let output = rtk_stdin(&["check", "-", "-"], b"{}");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("named 2 times"));

    let empty = tempfile::tempdir().expect("temp dir");
    let output = support::rtk_in(empty.path(), &["check"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("nothing checked: no JSON files found"),
        "{}",
        stderr(&output)
    );
    write_tree(empty.path(), &[("package.json", r#"{"name": "app"}"#)]);
    let output = support::rtk_in(empty.path(), &["check"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("nothing checked: no preset documents among the JSON files"),
        "{}",
        stderr(&output)
    );
    write_tree(
        empty.path(),
        &[("rtk-preset.toml", "exclude = [\"*.json\"]\n")],
    );
    let output = support::rtk_in(empty.path(), &["check"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("nothing checked: 1 JSON file found is excluded"),
        "{}",
        stderr(&output)
    );
}

/// The JSON summary counts every severity and the findings `--fix` fixes; the pretty summary line
/// counts every finding it shows.
#[test]
fn summaries_count_every_finding() {
    let fixtures = "tests/fixtures/too-many-screenshares/invalid";
    let output = rtk(&["check", "--format", "json", fixtures]);
    let report = json_report(&output);
    let found = diagnostics(&report);
    let count = |severity: &str| found.iter().filter(|d| d["severity"] == severity).count();
    assert!(count("info") > 0, "{report:#}");
    for severity in ["error", "warning", "info"] {
        assert_eq!(report["summary"][format!("{severity}s")], count(severity));
    }
    // `fixable` counts the findings with a safe fix: the misspelt `framerate` of the example.
    let guest = json_report(&rtk(&[
        "check",
        "--format",
        "json",
        "examples/invalid-guest.json",
    ]));
    assert_eq!(guest["summary"]["fixable"], 1, "{guest:#}");
    let host = json_report(&rtk(&["check", "--format", "json", "examples/host.json"]));
    assert_eq!(host["summary"]["fixable"], 0);
    let pretty = rtk(&["check", fixtures]);
    let text = String::from_utf8_lossy(&pretty.stdout);
    let last = text.lines().last().expect("a summary line");
    let shown = text
        .lines()
        .filter(|l| l.trim_start().starts_with(['×', '⚠', '☞']))
        .count();
    assert_eq!(found.len(), shown, "{text}");
    assert!(last.contains(&format!("{} info", count("info"))), "{last}");
}

/// A walk does not follow symbolic links unless `--follow`, and says which it did not follow;
/// with `--follow` it checks what they lead to (once each), and a loop is said, not walked
/// forever. A link named on the command line is always followed.
#[cfg(unix)]
#[test]
fn a_walk_says_which_links_it_did_not_follow() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    let host = std::fs::read_to_string(root().join("examples/host.json")).expect("host.json");
    let broken = host.replace("\"quality\": \"vga\"", "\"quality\": \"VGA\"");
    write_tree(
        dir.path(),
        &[
            ("shared/host.json", &broken),
            ("presets/guest.json", &host.replace("\"host\"", "\"guest\"")),
        ],
    );
    symlink("../shared/host.json", dir.path().join("presets/host.json")).expect("link");
    symlink("../shared", dir.path().join("presets/shared")).expect("link");
    symlink("..", dir.path().join("presets/up")).expect("link");
    let run = |args: &[&str]| support::rtk_in(dir.path(), args);
    let output = run(&["check", "--format", "json", "presets"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(paths_of(&json_report(&output)), ["presets/guest.json"]);
    let said = stderr(&output);
    assert!(
        said.contains("did not follow 3 symbolic links (`presets/host.json`, `presets/shared`, `presets/up`); `--follow` checks what they lead to"),
        "{said}"
    );
    let output = run(&["check", "--format", "json", "--follow", "presets"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json_report(&output);
    // shared/host.json is reached three ways (the link, the linked directory, `up`): checked once.
    assert_eq!(report["summary"]["files"], 2, "{report:#}");
    find(
        &diagnostics(&report),
        "invalid-value",
        "/config/media/video/quality",
    );
    assert!(
        stderr(&output).contains("a loop, not followed again"),
        "{}",
        stderr(&output)
    );
    let output = run(&["check", "--format", "json", "presets/host.json"]);
    assert_eq!(output.status.code(), Some(1));
}

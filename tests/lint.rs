//! The linter end to end: the rule catalog and its docs, app-level rules over directories,
//! configuration, severity flags, fixes, and the CI output formats.

use serde_json::Value;

mod support;

use support::{
    example, finding, json_report as json, root, rtk, rtk_in, rules_of, sarif_errors, scratch, text,
};

#[test]
fn rules_lists_every_rule_with_its_metadata() {
    let output = rtk(&["rules", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let rules = json(&output);
    let rules = rules.as_array().expect("array");
    let semantic = rules
        .iter()
        .filter(|r| r["category"] != "structure")
        .count();
    assert!(semantic >= 20, "{semantic} semantic rules");
    for rule in rules {
        for key in ["id", "severity", "category", "summary", "fix"] {
            assert!(rule[key].is_string(), "{rule}: {key}");
        }
        assert!(["none", "safe", "unsafe"].contains(&text(&rule["fix"])));
    }
    let text = String::from_utf8(rtk(&["rules"]).stdout).expect("utf-8");
    assert_eq!(text.lines().count(), rules.len());
}

#[test]
fn every_rule_has_a_fixture_that_fires_and_one_that_does_not() {
    let rules = json(&rtk(&["rules", "--format", "json"]));
    for rule in rules.as_array().expect("rules") {
        let id = rule["id"].as_str().expect("id");
        let has = |verdict: &str| {
            [root().join("tests/fixtures"), root().join("tests/apps")]
                .iter()
                .any(|base| {
                    std::fs::read_dir(base.join(id).join(verdict))
                        .is_ok_and(|mut entries| entries.next().is_some())
                })
        };
        assert!(
            has("invalid") && has("valid"),
            "`{id}` lacks a valid or an invalid fixture"
        );
    }
}

/// App fixtures: each `tests/apps/<rule>/<verdict>/` directory is one app.
#[test]
fn app_rules_fire_across_the_presets_of_a_directory() {
    let apps = root().join("tests/apps");
    let mut count = 0;
    for rule in std::fs::read_dir(&apps).expect("apps").flatten() {
        let id = rule.file_name().to_string_lossy().into_owned();
        for verdict in ["invalid", "valid"] {
            let dir = format!("tests/apps/{id}/{verdict}");
            let output = rtk(&["check", "--format", "json", &dir]);
            let found = rules_of(&json(&output));
            assert_eq!(
                found.contains(&id),
                verdict == "invalid",
                "{dir}: {found:?}"
            );
            count += 1;
        }
    }
    assert!(count >= 8, "{count}");
}

#[test]
fn waiting_room_without_admitter_points_at_the_waiting_preset() {
    let output = rtk(&[
        "check",
        "--format",
        "json",
        "tests/apps/waiting-room-without-admitter/invalid",
    ]);
    let report = json(&output);
    let files = report["files"].as_array().expect("files");
    let waiting = files
        .iter()
        .find(|f| {
            f["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("guest.json"))
        })
        .expect("guest");
    let d = finding(
        waiting["diagnostics"].as_array().expect("diagnostics"),
        "waiting-room-without-admitter",
    );
    assert_eq!(d["pointer"], "/permissions/waiting_room_type");
    assert!(text(&d["help"]).contains("accept_waiting_requests"));
}

#[test]
fn explain_prints_the_documentation() {
    let output = rtk(&["explain", "waiting-room-without-admitter"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    for heading in [
        "## What it does",
        "## Why is this bad?",
        "## Example invalid",
        "## Example valid",
    ] {
        assert!(text.contains(heading), "{text}");
    }
    let unknown = rtk(&["explain", "waiting-room"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn severity_flags_change_levels_and_the_exit_code() {
    let low = "tests/fixtures/low-contrast/invalid/case.json";
    assert_eq!(
        rtk(&["check", "--kind", "update", low]).status.code(),
        Some(0)
    );
    assert_eq!(
        rtk(&["check", "--kind", "update", "--deny", "low-contrast", low])
            .status
            .code(),
        Some(1)
    );
    let allowed = rtk(&[
        "check",
        "--kind",
        "update",
        "--format",
        "json",
        "--allow",
        "low-contrast",
        low,
    ]);
    assert!(!rules_of(&json(&allowed)).contains(&"low-contrast".to_owned()));
    let warned = "tests/fixtures/unknown-field/invalid/typo.json";
    assert_eq!(
        rtk(&["check", "--kind", "update", warned]).status.code(),
        Some(0)
    );
    assert_eq!(
        rtk(&["check", "--kind", "update", "--deny-warnings", warned])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        rtk(&["check", "--max-warnings", "0", warned]).status.code(),
        Some(1)
    );
    assert_eq!(
        rtk(&["check", "--kind", "update", "--max-warnings", "1", warned])
            .status
            .code(),
        Some(0)
    );
    let unknown = rtk(&["check", "--deny", "low-contrst", low]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("did you mean `low-contrast`?"));
}

#[test]
fn configuration_sets_levels_overrides_files_and_apps() {
    let host = example("host.json");
    let guest = host
        .replace("\"name\": \"host\"", "\"name\": \"guest\"")
        .replace(
            "\"accept_waiting_requests\": true",
            "\"accept_waiting_requests\": false",
        )
        .replace(
            "\"waiting_room_type\": \"SKIP\"",
            "\"waiting_room_type\": \"SKIP_ON_ACCEPT\"",
        )
        .replace("\"frame_rate\": 15", "\"frame_rate\": 60");
    let config = r#"
api = "2026-06"
exclude = ["drafts/**"]

[rules]
excessive-screenshare-frame-rate = "error"

[[overrides]]
files = ["legacy/*.json"]
pointer = "/config/media"
rules = { excessive-screenshare-frame-rate = "off" }
reason = "the legacy rooms are recorded at 60 fps on purpose"

[[apps]]
name = "tenant"
files = ["tenant/**/*.json"]
"#;
    let dir = scratch(&[
        ("rtk-preset.toml", config),
        ("current/guest.json", &guest),
        ("legacy/guest.json", &guest),
        ("drafts/broken.json", "{"),
        ("tenant/a/guest.json", &guest),
        ("tenant/b/host.json", &host),
    ]);
    let output = rtk_in(dir.path(), &["check", "--format", "json", "."]);
    let report = json(&output);
    let files = report["files"].as_array().expect("files");
    let by_path = |suffix: &str| -> Vec<String> {
        files
            .iter()
            .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(suffix)))
            .unwrap_or_else(|| panic!("{suffix} missing from {report:#}"))["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| format!("{}:{}", text(&d["rule"]), text(&d["severity"])))
            .collect()
    };
    assert_eq!(files.len(), 4, "drafts/ is excluded: {report:#}");
    let current = by_path("current/guest.json");
    assert!(
        current.contains(&"excessive-screenshare-frame-rate:error".to_owned()),
        "{current:?}"
    );
    assert!(
        current.contains(&"waiting-room-without-admitter:warning".to_owned()),
        "{current:?}"
    );
    let legacy = by_path("legacy/guest.json");
    assert!(
        !legacy
            .iter()
            .any(|d| d.starts_with("excessive-screenshare")),
        "{legacy:?}"
    );
    // tenant/a and tenant/b form one app: the host there admits the guest.
    let tenant = by_path("tenant/a/guest.json");
    assert!(
        !tenant.iter().any(|d| d.starts_with("waiting-room")),
        "{tenant:?}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn configuration_errors_point_into_the_file() {
    let host = example("host.json");
    let cases = [
        (
            "[rules]\nlow-contrst = \"error\"\n",
            "unknown rule `low-contrst`",
            2,
        ),
        (
            "[rules]\nlow-contrast = \"loud\"\n",
            "unknown level `loud`",
            2,
        ),
        (
            "[[overrides]]\nfiles = [\"*.json\"]\nrules = { low-contrast = \"off\" }\n",
            "must say why",
            1,
        ),
        ("api = \"2025-01\"\n", "unknown API revision", 1),
        ("colour = true\n", "unknown field `colour`", 1),
    ];
    for (config, message, line) in cases {
        let dir = scratch(&[("rtk-preset.toml", config), ("host.json", &host)]);
        let output = rtk_in(dir.path(), &["check", "host.json"]);
        assert_eq!(output.status.code(), Some(2), "{config}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(message), "{config}: {stderr}");
        assert!(
            stderr.contains(&format!("rtk-preset.toml:{line}:")),
            "{config}: {stderr}"
        );
    }
}

/// A document with one safe problem (the case of a value), three unsafe ones (a bound, a
/// misspelt key, a repeated key), and formatting a reformatter would not keep.
const TO_FIX: &str = "{\n  \"config\" : {\"media\": {\"video\": {\"quality\": \"HD\",   \"frame_rate\": 31,\n    \"simulcst\": true}}},\n  \"name\": \"a\",  \"name\": \"b\"\n}\n";

#[test]
fn fix_applies_safe_fixes_only_and_keeps_the_formatting() {
    let dir = scratch(&[("p.json", TO_FIX)]);
    let output = rtk_in(
        dir.path(),
        &["check", "--kind", "update", "--fix", "p.json"],
    );
    let fixed = std::fs::read_to_string(dir.path().join("p.json")).expect("fixed");
    assert_eq!(fixed, TO_FIX.replace("\"HD\"", "\"hd\""));
    assert_eq!(output.status.code(), Some(1), "unsafe problems remain");
    // A second run changes nothing.
    rtk_in(
        dir.path(),
        &["check", "--kind", "update", "--fix", "p.json"],
    );
    let again = std::fs::read_to_string(dir.path().join("p.json")).expect("again");
    assert_eq!(again, fixed);
}

#[test]
fn unsafe_fixes_round_trip_and_recheck_clean() {
    let dir = scratch(&[("p.json", TO_FIX)]);
    let args = [
        "check",
        "--kind",
        "update",
        "--fix",
        "--unsafe-fixes",
        "--format",
        "json",
        "p.json",
    ];
    let output = rtk_in(dir.path(), &args);
    let fixed = std::fs::read_to_string(dir.path().join("p.json")).expect("fixed");
    let expected = TO_FIX
        .replace("\"HD\"", "\"hd\"")
        .replace("31", "30")
        .replace("\"simulcst\"", "\"simulcast\"")
        .replace("\"name\": \"a\",  ", "");
    assert_eq!(fixed, expected);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(
        rules_of(&json(&output)).is_empty(),
        "the report is of the fixed file"
    );
    rtk_in(dir.path(), &args);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.json")).expect("again"),
        fixed
    );
}

#[test]
fn diff_shows_the_fixes_without_writing() {
    let dir = scratch(&[("p.json", TO_FIX)]);
    let output = rtk_in(
        dir.path(),
        &["check", "--kind", "update", "--diff", "p.json"],
    );
    assert_eq!(output.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&output.stdout);
    assert!(
        diff.contains("--- a/p.json") && diff.contains("+++ b/p.json"),
        "{diff}"
    );
    assert!(
        diff.contains("-  \"config\" : {\"media\": {\"video\": {\"quality\": \"HD\""),
        "{diff}"
    );
    assert!(
        diff.contains("+  \"config\" : {\"media\": {\"video\": {\"quality\": \"hd\""),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.json")).expect("kept"),
        TO_FIX
    );
    let clean = rtk(&["check", "--diff", "examples/host.json"]);
    assert_eq!(clean.status.code(), Some(0));
    assert!(clean.stdout.is_empty());
}

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let output = rtk(&[
        "check",
        "--format",
        "sarif",
        "examples",
        "tests/apps/waiting-room-without-admitter/invalid",
        "tests/fixtures/duplicate-key/invalid/root-name.json",
    ]);
    let log = json(&output);
    let errors = sarif_errors(&log);
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.iter().all(|r| r["helpUri"].is_string()));
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().expect("line") >= 1);
        assert!(region["startColumn"].as_u64().expect("column") >= 1);
    }
    // A duplicate key's first occurrence is a related location, not words in the help.
    let duplicate = results
        .iter()
        .find(|r| r["ruleId"] == "duplicate-key")
        .expect("the duplicate key");
    let related = &duplicate["relatedLocations"][0];
    assert_eq!(related["message"]["text"], "the first `name`");
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 2);
    assert_eq!(related["physicalLocation"]["region"]["startColumn"], 3);
    assert_eq!(
        related["physicalLocation"]["artifactLocation"],
        duplicate["locations"][0]["physicalLocation"]["artifactLocation"]
    );
}

#[test]
fn github_format_prints_workflow_commands() {
    let output = rtk(&[
        "check",
        "--format",
        "github",
        "tests/fixtures/out-of-range/invalid/frame-rate-31.json",
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .find(|l| l.contains("title=out-of-range"))
        .expect("a command");
    assert!(
        line.starts_with(
            "::error file=tests/fixtures/out-of-range/invalid/frame-rate-31.json,line="
        ),
        "{line}"
    );
    assert!(line.contains(",col=") && line.contains(",endLine=") && line.contains(",endColumn="));
    assert!(line
        .contains("::`frame_rate` is 31, above the maximum of 30%0Ahelp: lower it to 30 or less"));
    assert_eq!(output.status.code(), Some(1));
    // An annotation has one place: a related one is said in the message.
    let output = rtk(&[
        "check",
        "--format",
        "github",
        "tests/fixtures/duplicate-key/invalid/root-name.json",
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("%0Athe first `name` is at line 2, column 3%0Ahelp: remove one of the two"),
        "{text}"
    );
}

#[test]
fn output_file_receives_the_report() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("report.json");
    let output = rtk(&[
        "check",
        "--format",
        "json",
        "-o",
        out.to_str().expect("path"),
        "examples/host.json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    let report: Value = serde_json::from_slice(&std::fs::read(out).expect("report")).expect("json");
    assert_eq!(report["summary"]["files"], 1);
}

/// pre-commit passes single files: a preset is still judged against the rest of its directory.
#[test]
fn a_single_file_is_judged_against_its_whole_app() {
    let valid = rtk(&[
        "check",
        "--format",
        "json",
        "tests/apps/waiting-room-without-admitter/valid/guest.json",
    ]);
    let report = json(&valid);
    assert_eq!(
        report["summary"]["files"], 1,
        "siblings are context, not reported"
    );
    assert!(rules_of(&report).is_empty(), "{report:#}");
    let invalid = rtk(&[
        "check",
        "--format",
        "json",
        "tests/apps/waiting-room-without-admitter/invalid/guest.json",
    ]);
    assert!(rules_of(&json(&invalid)).contains(&"waiting-room-without-admitter".to_owned()));
}

/// A file checked alone (its app's other files read only as context, without being checked)
/// gets the same report as when its whole directory is checked: for every file of every app.
#[test]
fn a_file_alone_reports_what_its_directory_run_reports_for_it() {
    let apps = root().join("tests/apps");
    let mut compared = 0;
    for app in std::fs::read_dir(&apps).expect("apps") {
        for variant in std::fs::read_dir(app.expect("app").path()).expect("variants") {
            let dir = variant.expect("variant").path();
            let dir_arg = dir.to_str().expect("path").to_owned();
            let whole = json(&rtk(&["check", "--format", "json", &dir_arg]));
            for file in whole["files"].as_array().expect("files") {
                let path = file["path"].as_str().expect("path");
                let alone = json(&rtk(&["check", "--format", "json", path]));
                assert_eq!(alone["files"].as_array().map(Vec::len), Some(1), "{path}");
                assert_eq!(alone["files"][0], *file, "{path}");
                compared += 1;
            }
        }
    }
    assert!(compared >= 8, "only {compared} files compared");
}

/// The diagnostics of `rtk-preset check --format json ARGS...`, all files together.
/// (The fixtures are minimal documents: PATCH bodies.)
fn diagnostics_of(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["check", "--format", "json", "--kind", "update"];
    all.extend(args);
    support::diagnostics(&json(&rtk(&all)))
}

/// An unknown key is an error where the API is known to reject unknown keys (the public chat,
/// freeradio's evidence), a warning elsewhere; a configured level applies to both; a key of a
/// sibling object is told where it belongs.
#[test]
fn unknown_keys_are_errors_where_the_api_rejects_them() {
    let strict = "tests/fixtures/unknown-field/invalid/public-chat-rejects-extra-keys.json";
    let found = diagnostics_of(&[strict]);
    let [finding] = found.as_slice() else {
        panic!("{found:#?}");
    };
    assert_eq!(finding["rule"], "unknown-field");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["pointer"], "/permissions/chat/public/can_receive");
    assert_eq!(
        finding["help"],
        "`can_receive` is a field of `private`, not of `public`; move it there"
    );
    assert_eq!(
        rtk(&["check", "--kind", "update", strict]).status.code(),
        Some(1)
    );
    let lowered = diagnostics_of(&["--warn", "unknown-field", strict]);
    assert_eq!(lowered[0]["severity"], "warning");
    assert!(diagnostics_of(&["--allow", "unknown-field", strict]).is_empty());
    let elsewhere = diagnostics_of(&["tests/fixtures/unknown-field/invalid/typo.json"]);
    assert!(
        elsewhere
            .iter()
            .all(|d| d["rule"] != "unknown-field" || d["severity"] == "warning"),
        "{elsewhere:#?}"
    );
    // The published schema says so too, for editors.
    let schema =
        std::fs::read_to_string(root().join("schemas/create.2026-06.schema.json")).expect("schema");
    let schema: Value = serde_json::from_str(&schema).expect("JSON");
    assert_eq!(
        schema["$defs"]["PublicChatPermissions"]["additionalProperties"],
        false
    );
    assert!(schema["$defs"]["PrivateChatPermissions"]
        .get("additionalProperties")
        .is_none());
}

/// One preset that asks for several things nobody can approve gets one finding listing them.
#[test]
fn one_missing_approver_is_one_finding() {
    let audience = r#"{"name": "audience", "permissions": {"media": {"audio": {"can_produce": "CAN_REQUEST"}, "video": {"can_produce": "CAN_REQUEST"}, "screenshare": {"can_produce": "CAN_REQUEST"}}, "stage_access": "CAN_REQUEST"}}"#;
    let host = r#"{"name": "host", "permissions": {"can_accept_production_requests": false}}"#;
    let dir = scratch(&[("audience.json", audience), ("host.json", host)]);
    let report = json(&rtk_in(
        dir.path(),
        &["check", "--format", "json", "--kind", "update", "."],
    ));
    let found: Vec<Value> = support::diagnostics(&report)
        .into_iter()
        .filter(|d| d["rule"] == "request-without-approver")
        .collect();
    let [finding] = found.as_slice() else {
        panic!("{report:#}");
    };
    assert_eq!(finding["pointer"], "/permissions");
    assert_eq!(
        finding["message"],
        "`audience` may ask for `audio`, `video`, `screenshare` and `stage` (`CAN_REQUEST`), but no \
         preset in this app can accept the requests"
    );
    assert!(finding["help"]
        .as_str()
        .is_some_and(|h| h
            .contains("`can_accept_production_requests: true` and `accept_stage_requests: true`")));
}

/// "Did you mean" knows the words people use for the values: resolutions, `none`, `night`.
#[test]
fn suggestions_know_the_domain() {
    for (value, pointer, suggestion) in [
        ("1080p", "/config/media/video/quality", "fhd"),
        ("720p", "/config/media/video/quality", "hd"),
        ("4k", "/config/media/video/quality", "uhd"),
        ("2160p", "/config/media/screenshare/quality", "uhd"),
        ("none", "/permissions/waiting_room_type", "SKIP"),
        ("NONE", "/permissions/waiting_room_type", "SKIP"),
        ("night", "/ui/design_tokens/theme", "dark"),
    ] {
        let mut preset: Value = serde_json::from_str(&example("host.json")).expect("host");
        *preset.pointer_mut(pointer).expect("pointer") = value.into();
        let dir = scratch(&[("host.json", &preset.to_string())]);
        let found = support::diagnostics(&json(&rtk_in(
            dir.path(),
            &["check", "--format", "json", "host.json"],
        )));
        let invalid = finding(&found, "invalid-value");
        assert_eq!(invalid["pointer"], pointer);
        let help = text(&invalid["help"]);
        assert!(
            help.starts_with(&format!("did you mean `{suggestion}`?")),
            "{value}: {help}"
        );
        // Only suggested: no fix writes another word in.
        let fixed = rtk_in(
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
        assert_eq!(fixed.status.code(), Some(1), "{value}");
        let after: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("host.json")).unwrap())
                .unwrap();
        assert_eq!(after.pointer(pointer).unwrap(), value, "{value}");
    }
}

/// A number in a message is shown on the side of its bound it is on: 4.496 is not "4.50".
#[test]
fn numbers_are_shown_as_they_compare() {
    let found = diagnostics_of(&["tests/fixtures/low-contrast/invalid/ratio-just-under.json"]);
    let contrast = finding(&found, "low-contrast");
    assert!(
        contrast["message"]
            .as_str()
            .is_some_and(|m| m.contains("a contrast ratio of 4.496:1, under the 4.5:1")),
        "{contrast}"
    );
}

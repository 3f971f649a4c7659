//! The CLI as people meet it in terminals, editors and CI: colour and width (under a real
//! pseudo-terminal, through `script`), the one-line format, fixes they can see, SARIF that code
//! scanning keeps, standard input with a name, the conveniences of ruff and Biome, shell
//! completions and the manual page, and the configuration mistakes that used to pass in silence.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

mod support;

use support::{example, json_report as json, root, rtk_stdin, rtk_stdin_in, sarif_errors, scratch};

/// The variables that decide colour and width, none set: each test sets its own.
const TERMINAL_VARIABLES: [&str; 5] = [
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR_FORCE",
    "TERM",
    "COLUMNS",
];

/// `rtk-preset ARGS` in `dir`, with `vars` the only terminal variables set, output piped.
fn run(dir: &Path, args: &[&str], vars: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rtk-preset"));
    command.args(args).current_dir(dir);
    for name in TERMINAL_VARIABLES {
        command.env_remove(name);
    }
    command.envs(vars.iter().copied());
    command
        .stdin(Stdio::null())
        .output()
        .expect("run rtk-preset")
}

/// `rtk-preset ARGS` at the workspace root under a pseudo-terminal `columns` wide (util-linux
/// `script`, as a terminal emulator runs it), with `vars` set: what the terminal shows.
fn in_terminal(args: &[&str], columns: usize, vars: &[(&str, &str)]) -> String {
    let binary = env!("CARGO_BIN_EXE_rtk-preset");
    let command = format!("stty cols {columns} rows 50; '{binary}' {}", args.join(" "));
    let mut script = Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .current_dir(root());
    for name in TERMINAL_VARIABLES {
        script.env_remove(name);
    }
    script.env("TERM", "xterm-256color");
    script.envs(vars.iter().copied());
    let output = script
        .stdin(Stdio::null())
        .output()
        .expect("util-linux `script`");
    String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n")
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const ESCAPE: &str = "\u{1b}[";

#[test]
fn colour_follows_the_flag_the_environment_and_the_terminal() {
    let root = root();
    let args = ["check", "examples/invalid-guest.json"];
    let coloured = |out: &str| out.contains(ESCAPE);
    // Piped: no colour, unless asked for or forced.
    assert!(!coloured(&text(&run(&root, &args, &[]))));
    let always = ["check", "--color", "always", "examples/invalid-guest.json"];
    assert!(coloured(&text(&run(&root, &always, &[]))));
    assert!(coloured(&text(&run(&root, &args, &[("FORCE_COLOR", "1")]))));
    assert!(coloured(&text(&run(
        &root,
        &args,
        &[("CLICOLOR_FORCE", "1")]
    ))));
    assert!(!coloured(&text(&run(
        &root,
        &args,
        &[("FORCE_COLOR", "0")]
    ))));
    // `--color always` beats NO_COLOR, as no-color.org asks of flags.
    assert!(coloured(&text(&run(&root, &always, &[("NO_COLOR", "1")]))));
    // On a terminal: colour, unless NO_COLOR, TERM=dumb or `--color never`.
    assert!(coloured(&in_terminal(&args, 100, &[])));
    assert!(!coloured(&in_terminal(&args, 100, &[("NO_COLOR", "1")])));
    assert!(!coloured(&in_terminal(&args, 100, &[("TERM", "dumb")])));
    let never = ["check", "--color", "never", "examples/invalid-guest.json"];
    assert!(!coloured(&in_terminal(&never, 100, &[])));
}

/// The longest line of a report's words (messages, help, the summary), in characters, without
/// colour codes: the lines of a source snippet (after the `│` or `·` gutter) are the document's
/// own, and are not wrapped.
fn widest(report: &str) -> usize {
    let mut plain = String::new();
    let mut chars = report.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // Skip to the end of the escape sequence (a letter).
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
        .lines()
        .filter(|l| !l.contains(" │ ") && !l.trim_start().starts_with('·'))
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
}

#[test]
fn the_pretty_report_wraps_to_the_terminal_width() {
    let args = ["check", "examples/invalid-guest.json"];
    let wide = in_terminal(&args, 160, &[]);
    let narrow = in_terminal(&args, 60, &[]);
    assert!(widest(&wide) > 60, "{wide}");
    assert!(widest(&narrow) <= 60, "{narrow}");
    // Piped, COLUMNS says the width.
    let piped = text(&run(&root(), &args, &[("COLUMNS", "60")]));
    assert!(widest(&piped) <= 60, "{piped}");
}

#[test]
fn the_concise_format_is_one_line_per_finding_as_problem_matchers_read_it() {
    let output = run(
        &root(),
        &[
            "check",
            "--format",
            "concise",
            "examples/invalid-guest.json",
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    let report = text(&output);
    let lines: Vec<&str> = report.lines().collect();
    let (summary, findings) = lines.split_last().expect("lines");
    assert_eq!(findings.len(), 6, "{report}");
    // The GCC form: what VS Code's `$gcc` problem matcher and `grep` read.
    for line in findings {
        let (place, rest) = line.split_once(": ").expect("place");
        let parts: Vec<&str> = place.rsplitn(3, ':').collect();
        assert_eq!(parts.len(), 3, "{line}");
        assert!(
            parts[0].parse::<usize>().is_ok() && parts[1].parse::<usize>().is_ok(),
            "{line}"
        );
        assert_eq!(parts[2], "examples/invalid-guest.json");
        let (severity, message) = rest.split_once(": ").expect("severity");
        assert!(["error", "warning", "info"].contains(&severity), "{line}");
        assert!(message.contains(" ["), "{line}");
    }
    assert_eq!(
        findings[3],
        "examples/invalid-guest.json:98:20: error: `quality` is `HD`, not one of the allowed values \
         [invalid-value] [fixable]"
    );
    assert!(findings[4].ends_with("[out-of-range] [fixable with --unsafe-fixes]"));
    assert_eq!(
        *summary,
        "1 file: 4 errors, 2 warnings (1 fixable with `--fix`, 1 more with `--fix --unsafe-fixes`)"
    );
}

#[test]
fn fixes_can_be_seen_before_they_are_applied() {
    let root = root();
    // The JSON report carries each fix and the summary counts them.
    let report = json(&run(
        &root,
        &["check", "--format", "json", "examples/invalid-guest.json"],
        &[],
    ));
    let findings = report["files"][0]["diagnostics"]
        .as_array()
        .expect("findings");
    let fixes: Vec<&Value> = findings.iter().filter_map(|d| d.get("fix")).collect();
    assert_eq!(fixes.len(), 2);
    assert_eq!(fixes[0]["applicability"], "safe");
    assert_eq!(fixes[0]["edits"][0]["replacement"], "\"hd\"");
    assert_eq!(fixes[1]["applicability"], "unsafe");
    assert_eq!(report["summary"]["fixable"], 1);
    assert_eq!(report["summary"]["unsafe_fixable"], 1);
    // `--unsafe-fixes` alone would do nothing: a usage error that says what to add.
    let alone = run(&root, &["check", "--unsafe-fixes", "examples"], &[]);
    assert_eq!(alone.status.code(), Some(2));
    assert!(
        stderr(&alone).contains("`--fix` or `--diff`"),
        "{}",
        stderr(&alone)
    );
    // `--fix -`: the fixed document on standard output, what is left on standard error.
    let guest = example("invalid-guest.json");
    let fixed = rtk_stdin(
        &[
            "check",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "concise",
            "-",
        ],
        guest.as_bytes(),
    );
    assert_eq!(fixed.status.code(), Some(1));
    let document = text(&fixed);
    assert!(document.contains("\"quality\": \"hd\""), "{document}");
    assert!(document.contains("\"frame_rate\": 30"), "{document}");
    assert_eq!(
        document.len(),
        example("invalid-guest.json").len(),
        "only the two values changed"
    );
    let left = stderr(&fixed);
    assert!(
        left.contains("<stdin>:3:3: error: missing required field `polls`"),
        "{left}"
    );
    assert!(!left.contains("[fixable"), "{left}");
    // Nothing to fix is said as such.
    let dir = scratch(&[("host.json", &example("host.json"))]);
    let clean = run(dir.path(), &["check", "--fix", "."], &[]);
    assert_eq!(clean.status.code(), Some(0));
    assert!(
        stderr(&clean).contains("rtk-preset: nothing to fix"),
        "{}",
        stderr(&clean)
    );
    assert!(!stderr(&clean).contains("problem(s)"));
}

/// `check --fix -` in each format: the document on standard output, the report of what is left
/// on standard error in the format asked for.
#[test]
fn fixing_standard_input_reports_in_the_format_asked_for() {
    let fix = |format: &str| {
        let guest = example("invalid-guest.json");
        rtk_stdin(
            &["check", "--fix", "--format", format, "-"],
            guest.as_bytes(),
        )
    };
    let json_run = fix("json");
    assert!(text(&json_run).contains("\"quality\": \"hd\""));
    let report: Value = serde_json::from_slice(&json_run.stderr).expect("a JSON report");
    assert_eq!(report["summary"]["fixable"], 0);
    assert_eq!(report["summary"]["unsafe_fixable"], 1);
    let sarif: Value = serde_json::from_slice(&fix("sarif").stderr).expect("a SARIF log");
    assert_valid_sarif(&sarif);
    let pretty = stderr(&fix("pretty"));
    assert!(
        pretty.contains("out-of-range [fixable with --unsafe-fixes]"),
        "{pretty}"
    );
}

fn assert_valid_sarif(log: &Value) {
    let errors = sarif_errors(log);
    assert!(errors.is_empty(), "{errors:#?}");
}

fn fingerprints(log: &Value) -> Vec<(String, String)> {
    log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().expect("rule").to_owned(),
                r["partialFingerprints"]["rtkPresetFinding/v1"]
                    .as_str()
                    .expect("fingerprint")
                    .to_owned(),
            )
        })
        .collect()
}

#[test]
fn sarif_keeps_alerts_across_edits_and_says_what_it_could_not_check() {
    let guest = example("invalid-guest.json");
    let dir = scratch(&[
        ("app/guest.json", &guest),
        ("app/host.json", &example("host.json")),
    ]);
    let sarif = |dir: &Path, extra: &[&str]| {
        let mut args = vec!["check", "--format", "sarif", "app"];
        args.extend_from_slice(extra);
        let output = run(dir, &args, &[]);
        (output.status.code(), json(&output))
    };
    let (code, before) = sarif(dir.path(), &[]);
    assert_eq!(code, Some(1));
    assert_valid_sarif(&before);
    let run_ = &before["runs"][0];
    assert_eq!(run_["invocations"][0]["executionSuccessful"], true);
    let rules = run_["tool"]["driver"]["rules"].as_array().expect("rules");
    let out_of_range = rules
        .iter()
        .find(|r| r["id"] == "out-of-range")
        .expect("rule");
    assert_eq!(out_of_range["name"], "OutOfRange");
    assert!(out_of_range["helpUri"]
        .as_str()
        .expect("uri")
        .ends_with("/docs/rules.md#out-of-range"));
    // The fixes, as byte replacements.
    let results = run_["results"].as_array().expect("results");
    let fixed = results
        .iter()
        .find(|r| r["ruleId"] == "invalid-value" && r["fixes"].is_array());
    let replacement =
        &fixed.expect("a fixed result")["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "\"hd\"");
    // An edit elsewhere (two lines added at the top) moves every finding and keeps every
    // fingerprint.
    let edited = guest.replacen('{', "{\n\n", 1);
    std::fs::write(dir.path().join("app/guest.json"), edited).expect("edit");
    let (_, after) = sarif(dir.path(), &[]);
    assert_eq!(fingerprints(&before), fingerprints(&after));
    let line = |log: &Value| {
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"]
            .clone()
    };
    assert_ne!(line(&before), line(&after));
    // A path that cannot be read: the run is not successful, and says why.
    let (code, missing) = sarif(dir.path(), &["missing.json"]);
    assert_eq!(code, Some(2));
    assert_valid_sarif(&missing);
    let invocation = &missing["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notice = invocation["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .expect("notice");
    assert!(notice.contains("missing.json"), "{notice}");
    // A configuration error: the SARIF file is still written, pointing at the configuration.
    std::fs::write(
        dir.path().join("rtk-preset.toml"),
        "[rules]\nlow-contrast = \"warn\"\n",
    )
    .expect("config");
    let output = run(
        dir.path(),
        &[
            "check",
            "--format",
            "sarif",
            "-o",
            "reports/rtk.sarif",
            "app",
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(2));
    let log: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("reports/rtk.sarif")).expect("written, folder made"),
    )
    .expect("json");
    assert_valid_sarif(&log);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert!(notification["message"]["text"]
        .as_str()
        .expect("text")
        .contains("unknown level `warn`"));
    assert_eq!(
        notification["locations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
}

#[test]
fn standard_input_can_say_which_file_it_is() {
    let guest = example("invalid-guest.json");
    // The configuration of the named file's directory applies, and its app is that directory.
    // On disk, `app/guest.json` is a host that can livestream: read as context, it would
    // silence the livestream warning of the text checked.
    let stale =
        example("host.json").replace("\"can_livestream\": false", "\"can_livestream\": true");
    let dir = scratch(&[
        ("app/host.json", &example("host.json")),
        ("app/guest.json", &stale),
        ("app/rtk-preset.toml", "[rules]\nunknown-field = \"off\"\n"),
    ]);
    let args = [
        "check",
        "--format",
        "concise",
        "--stdin-filename",
        "app/guest.json",
        "-",
    ];
    let output = rtk_stdin_in(dir.path(), &args, guest.as_bytes());
    let report = text(&output);
    assert!(report.starts_with("app/guest.json:3:3: error:"), "{report}");
    // The configuration turned `unknown-field` off.
    assert!(!report.contains("[unknown-field]"), "{report}");
    // The app-level rule saw the directory's other preset, not the stale file of that name.
    assert!(report.contains("[livestream-without-streamer]"), "{report}");
    assert!(report.ends_with("1 file: 4 errors, 1 warning (1 fixable with `--fix`, 1 more with `--fix --unsafe-fixes`)\n"), "{report}");
    // Without `-`, the flag has nothing to name.
    let alone = run(
        &root(),
        &["check", "--stdin-filename", "x.json", "examples"],
        &[],
    );
    assert_eq!(alone.status.code(), Some(2));
}

#[test]
fn exit_zero_quiet_statistics_and_deny_warnings() {
    let root = root();
    let guest = "examples/invalid-guest.json";
    let zero = run(&root, &["check", "--exit-zero", guest], &[]);
    assert_eq!(zero.status.code(), Some(0));
    // Usage errors still fail.
    let usage = run(&root, &["check", "--exit-zero", "missing.json"], &[]);
    assert_eq!(usage.status.code(), Some(2));
    // Quiet: the findings only.
    let quiet = run(&root, &["check", "-q", "--format", "concise", guest], &[]);
    assert_eq!(text(&quiet).lines().count(), 6);
    assert!(!text(&quiet).contains("1 file:"));
    let dir = scratch(&[("host.json", &example("host.json"))]);
    let clean = run(dir.path(), &["check", "-q", "."], &[]);
    assert_eq!(text(&clean), "");
    // Statistics: a line per rule, most findings first, then the summary.
    let statistics = text(&run(&root, &["check", "--statistics", guest], &[]));
    let lines: Vec<&str> = statistics.lines().collect();
    assert_eq!(lines.len(), 6, "{statistics}");
    assert!(
        lines[0].trim_start().starts_with("2  invalid-value")
            && lines[0].ends_with("error    1 fixable with `--fix`"),
        "{statistics}"
    );
    assert!(lines[5].starts_with("1 file: 4 errors"), "{statistics}");
    let report = json(&run(
        &root,
        &["check", "--statistics", "--format", "json", guest],
        &[],
    ));
    assert_eq!(report["statistics"][0]["rule"], "invalid-value");
    assert_eq!(report["statistics"][0]["count"], 2);
    assert_eq!(report["statistics"][0]["fixable"], 1);
    let sarif = run(
        &root,
        &["check", "--statistics", "--format", "sarif", guest],
        &[],
    );
    assert_eq!(sarif.status.code(), Some(2));
    // `--deny-warnings` says why the run failed.
    let with_warning =
        example("host.json").replace("\"name\": \"host\",", "\"name\": \"host\", \"nmae\": 1,");
    let warnings = scratch(&[("host.json", &with_warning)]);
    let denied = run(warnings.path(), &["check", "--deny-warnings", "."], &[]);
    assert_eq!(denied.status.code(), Some(1), "{}", text(&denied));
    assert!(
        stderr(&denied).contains("--deny-warnings fails the run"),
        "{}",
        stderr(&denied)
    );
}

#[test]
fn deny_wins_over_allow_whatever_the_order() {
    let guest = "examples/invalid-guest.json";
    let rules = |args: &[&str]| {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        all.push(guest);
        let report = json(&run(&root(), &all, &[]));
        report["files"][0]["diagnostics"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|d| d["rule"] == "unknown-field")
            .map(|d| d["severity"].as_str().expect("severity").to_owned())
            .collect::<Vec<_>>()
    };
    let deny_first = rules(&["--deny", "unknown-field", "--allow", "unknown-field"]);
    let allow_first = rules(&["--allow", "unknown-field", "--deny", "unknown-field"]);
    assert_eq!(deny_first, ["error"]);
    assert_eq!(deny_first, allow_first);
}

#[test]
fn completions_and_the_manual_page_come_from_the_flags() {
    let root = root();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = run(&root, &["completions", shell], &[]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = text(&output);
        assert!(script.contains("unsafe-fixes"), "{shell}");
        assert!(script.contains("stdin-filename"), "{shell}");
    }
    // The bash script is valid bash, and completes `check`'s flags.
    let bash = text(&run(&root, &["completions", "bash"], &[]));
    let dir = scratch(&[("rtk-preset.bash", &bash)]);
    let status = Command::new("bash")
        .arg("-c")
        // As `complete -F` calls it: the command, the word being completed, the one before.
        .arg("source rtk-preset.bash && COMP_WORDS=(rtk-preset check --for) && COMP_CWORD=2 && _rtk__preset rtk-preset --for check && printf '%s\\n' \"${COMPREPLY[@]}\"")
        .current_dir(dir.path())
        .output()
        .expect("bash");
    assert!(
        text(&status).lines().any(|l| l == "--format"),
        "{}{}",
        text(&status),
        stderr(&status)
    );
    let man = text(&run(&root, &["man"], &[]));
    assert!(man.contains(".TH rtk-preset 1"), "{man}");
    assert!(man.contains(".SH \"RTK-PRESET CHECK\""), "{man}");
    assert!(man.contains("unsafe\\-fixes"), "{man}");
    // The README's `rtk-preset man | man -l -`, when man is installed.
    if Command::new("man").arg("--version").output().is_ok() {
        let binary = env!("CARGO_BIN_EXE_rtk-preset");
        let shown = Command::new("sh")
            .args(["-c", &format!("'{binary}' man | man -l -")])
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .output()
            .expect("sh");
        let page = text(&shown);
        assert!(shown.status.success(), "{}", stderr(&shown));
        assert!(page.contains("RTK-PRESET CHECK"), "{page}");
        assert!(page.contains("--stdin-filename"), "{page}");
    }
    // groff reads it without a warning, when it is installed.
    if Command::new("groff").arg("--version").output().is_ok() {
        let mut groff = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("groff");
        use std::io::Write as _;
        groff
            .stdin
            .take()
            .expect("stdin")
            .write_all(man.as_bytes())
            .expect("write");
        let output = groff.wait_with_output().expect("groff");
        assert!(output.status.success());
        assert_eq!(stderr(&output), "");
    }
}

#[test]
fn configuration_mistakes_are_said_with_their_place() {
    let host = example("host.json");
    // Two apps of one name: an error at the second name.
    let dir = scratch(&[
        ("presets/host.json", &host),
        (
            "rtk-preset.toml",
            "[[apps]]\nname = \"a\"\nfiles = [\"x/*.json\"]\n\n[[apps]]\nname = \"a\"\nfiles = [\"y/*.json\"]\n",
        ),
    ]);
    let output = run(dir.path(), &["check", "."], &[]);
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(said.contains("two `[[apps]]` are named `a`"), "{said}");
    assert!(said.contains("rtk-preset.toml:6:8"), "{said}");
    assert!(said.contains("the first is at line 2"), "{said}");
    // An override that matches no file: a warning, the run goes on.
    std::fs::write(
        dir.path().join("rtk-preset.toml"),
        "[[overrides]]\nfiles = [\"presetz/*.json\"]\nrules = { low-contrast = \"off\" }\nreason = \"brand colours\"\n",
    )
    .expect("config");
    let output = run(dir.path(), &["check", "."], &[]);
    assert_eq!(output.status.code(), Some(0));
    let said = stderr(&output);
    assert!(said.contains("warning in configuration"), "{said}");
    assert!(said.contains("matches no file checked"), "{said}");
    assert!(said.contains("rtk-preset.toml:1:1"), "{said}");
    // Not on a run of one file: the others were not looked at.
    let one = run(dir.path(), &["check", "presets/host.json"], &[]);
    assert!(
        !stderr(&one).contains("matches no file"),
        "{}",
        stderr(&one)
    );
    // A level of another linter gets the nearest of ours.
    std::fs::write(
        dir.path().join("rtk-preset.toml"),
        "[rules]\nlow-contrast = \"warn\"\n",
    )
    .expect("config");
    let said = stderr(&run(dir.path(), &["check", "."], &[]));
    assert!(said.contains("help: did you mean `warning`?"), "{said}");
    // `--config` from another folder: its globs are relative to that folder, and the run that
    // checks nothing says so.
    std::fs::remove_file(dir.path().join("rtk-preset.toml")).expect("remove");
    std::fs::create_dir_all(dir.path().join("other")).expect("dir");
    std::fs::write(
        dir.path().join("other/rtk-preset.toml"),
        "include = [\"presets/*.json\"]\n",
    )
    .expect("config");
    let output = run(
        dir.path(),
        &["check", "--config", "other/rtk-preset.toml", "presets"],
        &[],
    );
    let said = stderr(&output);
    assert!(said.contains("nothing checked"), "{said}");
    assert!(said.contains("its globs are relative to"), "{said}");
    assert!(said.contains("other"), "{said}");
}

//! Hostile input: each case gets a clear diagnostic with a position (or a clear refusal), the exit
//! code of the contract, and ends; where it matters, its peak memory is measured (with GNU time,
//! when the machine has it) and must stay far below the input's size.
//!
//! The limits are documented in the README ("Limits"): 4 MiB per document, nesting 128 deep,
//! 10,000 validator findings per document, snippets for the first 200 findings of a file.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A liveness guard, not a speed test: a case that runs this long is hanging.
const HANG: Duration = Duration::from_secs(120);

struct Run {
    output: Output,
    /// Peak resident set in KiB, when GNU time is there to tell.
    peak_kib: Option<u64>,
}

impl Run {
    fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// The diagnostics of a `--format json` run.
    fn diagnostics(&self) -> Vec<serde_json::Value> {
        support::diagnostics(&support::json_report(&self.output))
    }
}

/// Runs `rtk-preset ARGS` in `dir` with `stdin`, under the hang guard.
fn rtk(dir: &Path, args: &[&str], stdin: Option<&Path>) -> Run {
    let binary = env!("CARGO_BIN_EXE_rtk-preset");
    let rss = dir.join(".peak-rss");
    let time = Path::new("/usr/bin/time");
    let mut command = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-f").arg("%M").arg("-o").arg(&rss).arg(binary);
        c
    } else {
        Command::new(binary)
    };
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command.stdin(match stdin {
        Some(path) => Stdio::from(std::fs::File::open(path).expect("stdin file")),
        None => Stdio::null(),
    });
    let mut child = command.spawn().expect("run rtk-preset");
    // Drain the pipes on threads so a large report cannot block the child.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut buffer).map(|_| buffer)
    });
    let err = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut buffer).map(|_| buffer)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            panic!("rtk-preset {args:?} still running after {HANG:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let output = Output {
        status,
        stdout: out.join().expect("stdout thread").expect("stdout"),
        stderr: err.join().expect("stderr thread").expect("stderr"),
    };
    let peak_kib = std::fs::read_to_string(&rss)
        .ok()
        .and_then(|t| t.lines().rev().find_map(|l| l.trim().parse().ok()));
    let _ = std::fs::remove_file(&rss);
    Run { output, peak_kib }
}

/// A directory of its own for one case (app-level rules see each file alone).
fn case(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write case");
    (dir, path)
}

/// The example host preset with `from` replaced by `to` (which must occur).
fn host_with(from: &str, to: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(support::root().join("examples/host.json")).unwrap();
    assert!(text.contains(from), "`{from}` not in host.json");
    text.replacen(from, to, 1).into_bytes()
}

/// The example host preset, unchanged.
fn host() -> Vec<u8> {
    std::fs::read(support::root().join("examples/host.json")).unwrap()
}

/// Runs `check --format json` on one file and returns the run.
fn check_json(name: &str, bytes: &[u8]) -> Run {
    let (dir, _) = case(name, bytes);
    rtk(dir.path(), &["check", name, "--format", "json"], None)
}

/// Asserts one finding of `rule` whose message has `text`, with a position, and exit code 1.
fn assert_finding(run: &Run, rule: &str, text: &str) -> serde_json::Value {
    assert_eq!(run.code(), 1, "{}\n{}", run.stdout(), run.stderr());
    let found = run
        .diagnostics()
        .into_iter()
        .find(|d| d["rule"] == rule && d["message"].as_str().unwrap_or("").contains(text));
    let d = found.unwrap_or_else(|| panic!("no `{rule}` with `{text}`: {}", run.stdout()));
    assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
    assert!(d["span"]["start"].is_u64() && d["span"]["end"].is_u64());
    d
}

fn assert_peak_below(run: &Run, mib: u64, what: &str) {
    match run.peak_kib {
        Some(kib) => assert!(kib < mib * 1024, "{what}: peak RSS {} MiB", kib / 1024),
        None => eprintln!("{what}: no /usr/bin/time here, peak memory not measured"),
    }
}

#[test]
fn nesting_a_million_deep() {
    let mut text = "[".repeat(1_000_000);
    text.push_str(&"]".repeat(1_000_000));
    let run = check_json("deep.json", text.as_bytes());
    let d = assert_finding(
        &run,
        "invalid-json",
        "nesting is deeper than the limit of 128",
    );
    assert_eq!(d["span"]["start"], 128);
}

#[test]
fn files_of_200_mb_and_just_above_the_limit() {
    // 200 MB: the reader stops at the limit, so memory stays far below the file's size.
    let (dir, path) = case("huge.json", b"");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    drop(file);
    let run = rtk(
        dir.path(),
        &["check", "huge.json", "--format", "json"],
        None,
    );
    assert_finding(
        &run,
        "invalid-json",
        "the input is 209715200 bytes, above the limit of 4194304 bytes",
    );
    assert_peak_below(&run, 64, "200 MB file");

    // The same through standard input, which has no size to ask: counted, not held.
    let run = rtk(dir.path(), &["check", "-", "--format", "json"], Some(&path));
    assert_finding(&run, "invalid-json", "the input is 209715200 bytes");
    assert_peak_below(&run, 64, "200 MB on standard input");

    let mut above = b"{\"name\": \"".to_vec();
    above.resize(4 * 1024 * 1024 - 1, b'a');
    above.extend_from_slice(b"\"}");
    let run = check_json("above.json", &above);
    assert_finding(
        &run,
        "invalid-json",
        "the input is 4194305 bytes, above the limit",
    );

    // A 100 MB string and a million keys are above the limit too, and end the same way.
    let mut string = b"{\"name\": \"".to_vec();
    string.resize(100 * 1024 * 1024, b'x');
    string.extend_from_slice(b"\"}");
    assert_finding(
        &check_json("string.json", &string),
        "invalid-json",
        "above the limit",
    );
    let keys: Vec<String> = (0..1_000_000).map(|i| format!("\"k{i}\":0")).collect();
    let million = format!("{{{}}}", keys.join(","));
    assert_finding(
        &check_json("keys.json", million.as_bytes()),
        "invalid-json",
        "above the limit",
    );
}

#[test]
fn many_keys_and_floods_of_findings_within_the_limit() {
    // 100,000 distinct unknown keys: every one reported (below the cap), each with a position.
    let keys: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\":0")).collect();
    let run = check_json("keys.json", format!("{{{}}}", keys.join(",")).as_bytes());
    let unknown = run
        .diagnostics()
        .iter()
        .filter(|d| d["rule"] == "unknown-field")
        .count();
    // The first 10,000 findings, then one per rule for the rest: the missing fields (errors) are
    // past the cap, and their count keeps the verdict.
    assert_eq!(unknown, 10_001);
    assert_finding(
        &run,
        "unknown-field",
        "90000 more `unknown-field` findings in this document",
    );
    assert_finding(&run, "missing-field", "4 more `missing-field` findings");

    // 130,000 repeats of one key in 1 MB: the first 10,000 are reported, the rest counted.
    let repeats = vec!["\"ab\":0"; 130_000].join(",");
    let run = check_json("repeats.json", format!("{{{repeats}}}").as_bytes());
    assert_finding(
        &run,
        "duplicate-key",
        "more `duplicate-key` findings in this document are not reported",
    );
    assert!(run.diagnostics().len() <= 10_010);
    assert_peak_below(&run, 512, "a flood of duplicate keys");

    // The pretty report of such a file prints snippets for the first findings only.
    let (dir, _) = case("repeats.json", format!("{{{repeats}}}").as_bytes());
    let run = rtk(dir.path(), &["check", "repeats.json"], None);
    assert_eq!(run.code(), 1);
    let text = run.stdout();
    assert!(
        text.lines().count() < 20_000,
        "{} lines",
        text.lines().count()
    );
    assert!(
        text.contains("repeats.json:1:"),
        "plain lines past the snippets"
    );
}

#[test]
fn encodings_byte_order_marks_and_nul() {
    let run = check_json("latin1.json", b"{\"name\": \"caf\xe9\"}");
    let d = assert_finding(&run, "invalid-json", "invalid UTF-8: byte 0xE9");
    assert_eq!(d["span"]["start"], 13);

    let utf16 = |big: bool, bom: bool| {
        let mut bytes = Vec::new();
        if bom {
            bytes.extend_from_slice(if big { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for unit in "{\"name\": \"host\"}".encode_utf16() {
            let pair = if big {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    };
    for (big, bom, expected) in [
        (false, true, "UTF-16 (little-endian, with a BOM)"),
        (true, true, "UTF-16 (big-endian, with a BOM)"),
        (false, false, "UTF-16 (little-endian)"),
        (true, false, "UTF-16 (big-endian)"),
    ] {
        assert_finding(
            &check_json("utf16.json", &utf16(big, bom)),
            "invalid-json",
            expected,
        );
    }

    // A UTF-8 byte order mark is allowed and takes no column.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(host_with("\"frame_rate\": 30", "\"frame_rate\": 31"));
    let d = assert_finding(&check_json("bom.json", &bom), "out-of-range", "31");
    let plain = check_json(
        "plain.json",
        &host_with("\"frame_rate\": 30", "\"frame_rate\": 31"),
    );
    let p = assert_finding(&plain, "out-of-range", "31");
    assert_eq!((&d["line"], &d["column"]), (&p["line"], &p["column"]));
    let clean = check_json("bom.json", &[b"\xEF\xBB\xBF".as_slice(), &host()].concat());
    assert_eq!(clean.code(), 0, "{}", clean.stdout());

    let run = check_json("nul.json", b"{\"name\": \"a\0b\"}");
    assert_finding(&run, "invalid-json", "control character U+0000");
    let run = check_json("nul2.json", b"{\"name\": \"host\"}\0");
    assert_finding(&run, "invalid-json", "U+0000");
}

#[test]
fn lone_surrogates_and_numbers_at_the_edges() {
    let run = check_json(
        "surrogate.json",
        &host_with("\"name\": \"host\"", r#""name": "\ud800""#),
    );
    let d = assert_finding(&run, "invalid-json", r"lone surrogate escape `\ud800`");
    assert_eq!(d["pointer"], "/name");
    let run = check_json(
        "low.json",
        &host_with("\"name\": \"host\"", r#""name": "a\udc00b""#),
    );
    assert_finding(&run, "invalid-json", r"`\udc00`");

    let huge = check_json(
        "huge.json",
        &host_with("\"frame_rate\": 30", "\"frame_rate\": 1e400"),
    );
    assert_finding(&huge, "out-of-range", "1e400");
    let digits = "9".repeat(400);
    let long = check_json(
        "long.json",
        &host_with(
            "\"max_screenshare_count\": 1",
            &format!("\"max_screenshare_count\": {digits}"),
        ),
    );
    assert_finding(&long, "out-of-range", &digits[..40]);
    // `-0` and `1.0` are integers (the API reads them so); they pass.
    for (name, value) in [("zero.json", "-0"), ("float.json", "1.0")] {
        let text = host_with("\"frame_rate\": 15", &format!("\"frame_rate\": {value}"));
        let run = check_json(name, &text);
        let errors: Vec<_> = run
            .diagnostics()
            .into_iter()
            .filter(|d| d["severity"] == "error")
            .collect();
        assert!(errors.is_empty(), "{value}: {errors:?}");
    }
}

#[test]
fn paths_that_are_not_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    // A directory named like a preset is walked, not read.
    let inner = dir.path().join("app.json");
    std::fs::create_dir(&inner).unwrap();
    std::fs::write(inner.join("host.json"), host()).unwrap();
    let run = rtk(dir.path(), &["check", "app.json", "--format", "json"], None);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stdout().contains("host.json"));

    // A named pipe with no writer would block a reader forever: refused, exit 2.
    let fifo = dir.path().join("pipe.json");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let run = rtk(dir.path(), &["check", "pipe.json"], None);
        assert_eq!(run.code(), 2, "{}", run.stderr());
        assert!(
            run.stderr()
                .contains("named pipe (FIFO), not a regular file"),
            "{}",
            run.stderr()
        );
        // Inside a walked directory it is not a `*.json` file: skipped.
        let run = rtk(dir.path(), &["check", ".", "--format", "json"], None);
        assert_eq!(run.code(), 0, "{}", run.stderr());
    } else {
        eprintln!("no mkfifo here: the FIFO case is not run");
    }

    // A device is refused the same way.
    let run = rtk(dir.path(), &["check", "/dev/zero"], None);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("a device, not a regular file"),
        "{}",
        run.stderr()
    );

    // A file gone before it is read (deleted after it was listed): a clear message, exit 2.
    let run = rtk(dir.path(), &["check", "gone.json"], None);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr()
            .contains("cannot read `gone.json`: no such file"),
        "{}",
        run.stderr()
    );

    // An unreadable file: exit 2 with the reason (root reads everything, so the case needs a
    // user without that power).
    let locked = dir.path().join("locked.json");
    std::fs::write(&locked, host()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    if std::fs::read(&locked).is_err() {
        let run = rtk(dir.path(), &["check", "locked.json"], None);
        assert_eq!(run.code(), 2);
        let stderr = run.stderr().to_lowercase();
        assert!(
            stderr.contains("cannot read `locked.json`: permission denied"),
            "{stderr}"
        );
    } else if let Some(output) = support::rtk_as_nobody(&["check".as_ref(), locked.as_os_str()]) {
        // Root reads everything: the binary ran as `nobody` instead.
        let stderr = String::from_utf8_lossy(&output.stderr).to_lowercase();
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("locked.json`: permission denied"),
            "{stderr}"
        );
    } else {
        eprintln!("running as a user who can read a mode-000 file: the unreadable case is not run");
    }
}

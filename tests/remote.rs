//! Presets as code against a local stand-in of the API (`tests/api/server.py`, started by each
//! test on 127.0.0.1): pull, edit, check, diff, push and pull again; the faults of a real network
//! (429 with `Retry-After`, 500, dropped connections before and after the server applied a
//! request, a slow answer past the timeout, a list that changes between pages); a pull stopped
//! before and after its commit; conflicts on both sides; and the token, which no output stream
//! and no file may ever contain.

use serde_json::{json, Value};
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

mod support;

use support::{example, root};

const TOKEN: &str = "rtk-test-token-5b1e9c0d7a";
const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const APP: &str = "6f8a0a8e-6f1a-4c3e-9f1e-0d6f1f2a3b4c";

/// The local API, killed when dropped.
struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT/client/v4`.
    base: String,
    /// Where it writes every body it received.
    record: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        Server::start_with(&[])
    }

    fn start_with(extra: &[&str]) -> Server {
        let record = tempfile::tempdir().expect("temp dir");
        let mut child = Command::new("python3")
            .arg(root().join("tests/api/server.py"))
            .args([
                "--token",
                TOKEN,
                "--account",
                ACCOUNT,
                "--app",
                APP,
                "--record",
            ])
            .arg(record.path())
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs tests/api/server.py");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the server says its address");
        Server {
            child,
            base: line.trim().to_owned(),
            record,
        }
    }

    fn control(&self, method: &str, what: &str, body: Option<Value>) -> Value {
        let url = format!(
            "{}/__control/{what}",
            self.base.trim_end_matches("/client/v4")
        );
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = match (method, body) {
            ("GET", _) => agent.get(&url).call(),
            ("POST", Some(body)) => agent.post(&url).send(body.to_string().as_bytes()),
            (_, body) => agent
                .patch(&url)
                .send(body.unwrap_or_default().to_string().as_bytes()),
        }
        .expect("control request");
        serde_json::from_str(&response.body_mut().read_to_string().expect("body")).expect("json")
    }

    /// Adds a preset directly, as the dashboard would; returns it.
    fn seed(&self, name: &str) -> Value {
        let mut body: Value = serde_json::from_str(&example("host.json")).expect("host");
        body["name"] = json!(name);
        self.control("POST", "presets", Some(body))
    }

    fn presets(&self) -> Vec<Value> {
        match self.control("GET", "presets", None) {
            Value::Array(all) => all,
            other => panic!("{other}"),
        }
    }

    fn faults(&self, faults: Value) {
        self.control("POST", "faults", Some(faults));
    }

    /// Every request the server saw: `[method, path, status]`.
    fn log(&self) -> Vec<Value> {
        match self.control("GET", "log", None) {
            Value::Array(all) => all,
            other => panic!("{other}"),
        }
    }

    fn count(&self, method: &str) -> usize {
        self.log().iter().filter(|e| e[0] == method).count()
    }

    /// Runs `rtk-preset ARGS` in `dir` against this server; no output may hold the token.
    fn rtk(&self, dir: &Path, args: &[&str]) -> Output {
        self.rtk_env(dir, args, &[])
    }

    fn rtk_env(&self, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
        let output = Command::new(env!("CARGO_BIN_EXE_rtk-preset"))
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .env("CLOUDFLARE_API_TOKEN", TOKEN)
            .env("CLOUDFLARE_BASE_URL", &self.base)
            .env("CLOUDFLARE_ACCOUNT_ID", ACCOUNT)
            .env("RTK_PRESET_APP_ID", APP)
            .env_remove("RTK_PRESET_FAILPOINT")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .output()
            .expect("run rtk-preset");
        for stream in [&output.stdout, &output.stderr] {
            assert!(
                !String::from_utf8_lossy(stream).contains(TOKEN),
                "the token was printed by {args:?}"
            );
        }
        output
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Deletes a preset through the API, as the dashboard would.
fn delete_in_app(server: &Server, id: &str) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let url = format!(
        "{}/accounts/{ACCOUNT}/realtime/kit/{APP}/presets/{id}",
        server.base
    );
    agent
        .delete(&url)
        .header("Authorization", &format!("Bearer {TOKEN}"))
        .call()
        .expect("delete");
}

fn out(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn err(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("an exit code")
}

/// Every file of `dir` (not the staging folder), by name, and no file holds the token.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_default();
            (p.file_name().unwrap().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    all.sort();
    for (name, bytes) in &all {
        assert!(
            !String::from_utf8_lossy(bytes).contains(TOKEN),
            "{name} holds the token"
        );
    }
    all
}

fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let presets = dir.path().join("presets");
    (dir, presets)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} has no {from}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn pull_edit_check_diff_push_and_pull_again_give_back_the_same_files() {
    let server = Server::start();
    for i in 0..23 {
        server.seed(&format!("Tenant {i} / Host"));
    }
    server.seed("guest");
    let (_tmp, dir) = folder();
    let root_dir = dir.parent().unwrap();
    let pulled = server.rtk(root_dir, &["pull", "presets"]);
    assert_eq!(code(&pulled), 0, "{}", err(&pulled));
    assert!(
        out(&pulled).contains("pulled 24 preset(s)"),
        "{}",
        out(&pulled)
    );
    // 24 presets over pages of 20: every page read.
    assert_eq!(server.count("GET"), 2 + 24);
    let first = files(&dir);
    assert_eq!(first.len(), 25, "a file per preset and the lock");
    let guest = String::from_utf8(
        first
            .iter()
            .find(|(n, _)| n == "guest.json")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    assert!(guest.starts_with("{\n  \"$schema\": \"https://example.invalid/rtk-preset/schemas/create.2026-06.schema.json\",\n  \"name\": \"guest\",\n  \"config\""), "{guest}");
    assert!(dir.join("tenant-0-host.json").is_file());

    // The pulled files pass the checks as they are; nothing differs.
    let checked = server.rtk(&dir, &["check", "."]);
    assert_eq!(code(&checked), 0, "{}", out(&checked));
    let same = server.rtk(&dir, &["diff"]);
    assert_eq!(code(&same), 0, "{}{}", out(&same), err(&same));
    assert!(out(&same).contains("nothing to change; 24 unchanged"));

    // Edit one, add one, remove one.
    edit(
        &dir.join("guest.json"),
        "\"frame_rate\": 30",
        "\"frame_rate\": 24",
    );
    let mut added: Value =
        serde_json::from_slice(&std::fs::read(dir.join("guest.json")).unwrap()).unwrap();
    added["name"] = json!("speaker");
    added["config"]["max_screenshare_count"] = json!(2);
    let mut text = serde_json::to_string_pretty(&added).unwrap();
    text.push('\n');
    std::fs::write(dir.join("speaker.json"), &text).unwrap();
    std::fs::remove_file(dir.join("tenant-3-host.json")).unwrap();
    assert_eq!(code(&server.rtk(&dir, &["check", "."])), 0);

    let diff = server.rtk(&dir, &["diff"]);
    assert_eq!(code(&diff), 1, "{}", err(&diff));
    let text = out(&diff);
    assert!(text.contains("+ create `speaker` (speaker.json)"), "{text}");
    assert!(text.contains("~ update `guest`"), "{text}");
    assert!(
        text.contains("/config/media/video/frame_rate  30 -> 24"),
        "{text}"
    );
    assert!(text.contains("only in the app `Tenant 3 / Host`"), "{text}");
    assert!(
        text.contains(
            "1 to create, 1 to update, 0 to delete; 22 unchanged; 1 only in the app, kept"
        ),
        "{text}"
    );
    let json_diff: Value = serde_json::from_str(&out(
        &server.rtk(&dir, &["diff", "--format", "json", "--delete"])
    ))
    .unwrap();
    assert_eq!(
        json_diff["summary"],
        json!({"create": 1, "update": 1, "delete": 1, "remote_only": 0, "unchanged": 22})
    );
    let update = json_diff["presets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["action"] == "update")
        .unwrap();
    assert_eq!(
        update["fields"],
        json!([{"pointer": "/config/media/video/frame_rate", "old": 30, "new": 24}])
    );
    let markdown = out(&server.rtk(&dir, &["diff", "--format", "markdown", "--delete"]));
    assert!(
        markdown.starts_with(
            "### rtk-preset diff: 1 to create, 1 to update, 1 to delete; 22 unchanged\n"
        ),
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "| update | `guest` | `guest.json` | `/config/media/video/frame_rate` | `30` | `24` |"
        ),
        "{markdown}"
    );

    // Without a terminal to ask, and without --yes, a push sends nothing.
    let before = server.log().len();
    let dry = server.rtk(&dir, &["push", "--delete"]);
    assert_eq!(code(&dry), 0, "{}", err(&dry));
    assert!(
        err(&dry).contains("dry run (nobody to ask"),
        "{}",
        err(&dry)
    );
    assert!(server.log()[before..].iter().all(|e| e[0] == "GET"));

    let pushed = server.rtk(&dir, &["push", "--yes", "--delete"]);
    assert_eq!(code(&pushed), 0, "{}{}", out(&pushed), err(&pushed));
    let report = out(&pushed);
    assert!(report.contains("POST `speaker`: created, id "), "{report}");
    assert!(
        report.contains("PATCH `guest`: updated 1 field(s)"),
        "{report}"
    );
    assert!(
        report.contains("DELETE `Tenant 3 / Host`: deleted"),
        "{report}"
    );
    // The PATCH carried only the changed field.
    let patches: Vec<PathBuf> = std::fs::read_dir(server.record.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("PATCH"))
        .collect();
    assert_eq!(patches.len(), 1);
    let patch: Value = serde_json::from_slice(&std::fs::read(&patches[0]).unwrap()).unwrap();
    assert_eq!(
        patch,
        json!({"config": {"media": {"video": {"frame_rate": 24}}}})
    );
    assert_eq!(code(&server.rtk(&dir, &["diff", "--delete"])), 0);

    // Pull again: the same files, byte for byte; into a fresh folder too.
    let edited = files(&dir);
    let again = server.rtk(&dir, &["pull"]);
    assert_eq!(code(&again), 0, "{}", err(&again));
    assert!(
        out(&again).contains("0 new, 0 updated, 24 unchanged, 0 removed"),
        "{}",
        out(&again)
    );
    assert_eq!(files(&dir), edited);
    let fresh = tempfile::tempdir().unwrap();
    assert_eq!(code(&server.rtk(fresh.path(), &["pull", "."])), 0);
    let strip_lock = |all: Vec<(String, Vec<u8>)>| -> Vec<(String, Vec<u8>)> {
        all.into_iter()
            .filter(|(n, _)| n != "rtk-preset.lock")
            .collect()
    };
    assert_eq!(strip_lock(files(fresh.path())), strip_lock(edited));

    every_body_sent_is_valid(&server);
}

/// Every body the CLI sent, checked by rtk-preset as the document it was sent as.
fn every_body_sent_is_valid(server: &Server) {
    let mut seen = 0;
    for entry in std::fs::read_dir(server.record.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let kind = name
            .trim_end_matches(".json")
            .rsplit('-')
            .next()
            .unwrap()
            .to_owned();
        let output = Command::new(env!("CARGO_BIN_EXE_rtk-preset"))
            .args([
                "check",
                "--kind",
                &kind,
                "--api",
                "2026-06",
                "--deny-warnings",
            ])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(code(&output), 0, "{name}: {}", out(&output));
        seen += 1;
    }
    assert!(seen > 0, "no body was recorded");
}

#[test]
fn a_push_with_errors_is_refused_before_any_request() {
    let server = Server::start();
    let (_tmp, dir) = folder();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("guest.json"), example("invalid-guest.json")).unwrap();
    let refused = server.rtk(&dir, &["push", "--yes"]);
    assert_eq!(code(&refused), 1, "{}", err(&refused));
    assert!(
        err(&refused).contains("push refused: `rtk-preset check .` found errors"),
        "{}",
        err(&refused)
    );
    assert!(
        out(&refused).contains("invalid-value"),
        "the check's report is shown: {}",
        out(&refused)
    );
    assert!(server.log().is_empty(), "{:?}", server.log());
}

#[test]
fn rate_limits_server_errors_and_slow_answers_are_retried() {
    let server = Server::start();
    for name in ["a", "b", "c"] {
        server.seed(name);
    }
    server.faults(json!([
        {"op": "get", "times": 2, "fault": "500"},
        {"op": "get", "skip": 2, "times": 1, "fault": "slow", "delay": 3},
    ]));
    let (_tmp, dir) = folder();
    let started = std::time::Instant::now();
    let pulled = server.rtk(
        dir.parent().unwrap(),
        &["pull", "presets", "--timeout", "1"],
    );
    assert_eq!(code(&pulled), 0, "{}", err(&pulled));
    let said = err(&pulled);
    assert!(said.contains("the API answered 500"), "{said}");
    assert!(said.contains("no answer within 1 s (--timeout)"), "{said}");
    assert!(
        started.elapsed().as_secs_f64() >= 1.0,
        "the slow answer was waited for"
    );
    assert_eq!(files(&dir).len(), 4);
}

#[test]
fn a_create_whose_answer_is_lost_is_not_sent_twice() {
    let server = Server::start();
    let (_tmp, dir) = folder();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("host.json"), example("host.json")).unwrap();
    server.faults(json!([{"op": "create", "times": 1, "fault": "drop-after-apply"}]));
    let pushed = server.rtk(&dir, &["push", "--yes"]);
    assert_eq!(code(&pushed), 0, "{}{}", out(&pushed), err(&pushed));
    assert!(
        out(&pushed).contains("created (the answer was lost; found it by name)"),
        "{}",
        out(&pushed)
    );
    assert_eq!(server.count("POST"), 1, "{:?}", server.log());
    assert_eq!(server.presets().len(), 1);
    assert_eq!(code(&server.rtk(&dir, &["diff"])), 0);
    every_body_sent_is_valid(&server);
}

#[test]
fn a_push_cut_in_the_middle_says_what_was_sent_and_a_rerun_converges() {
    let server = Server::start();
    for name in ["a", "b", "c"] {
        server.seed(name);
    }
    let (_tmp, dir) = folder();
    assert_eq!(
        code(&server.rtk(dir.parent().unwrap(), &["pull", "presets"])),
        0
    );
    // The first frame rate of each file: the screen share's.
    let rate = |to: u32| {
        for name in ["a", "b", "c"] {
            let path = dir.join(format!("{name}.json"));
            let text = std::fs::read_to_string(&path).unwrap();
            let from = text.find("\"frame_rate\": ").unwrap() + "\"frame_rate\": ".len();
            let end = from + text[from..].find(|c: char| !c.is_ascii_digit()).unwrap();
            std::fs::write(&path, format!("{}{to}{}", &text[..from], &text[end..])).unwrap();
        }
    };
    let rates = || -> Vec<Value> {
        server
            .presets()
            .iter()
            .map(|p| p["config"]["media"]["screenshare"]["frame_rate"].clone())
            .collect()
    };

    // The second PATCH is applied, then the connection drops (no retries): the app is asked,
    // has it, and the push goes on.
    rate(25);
    server.faults(json!([{"op": "update", "skip": 1, "times": 1, "fault": "drop-after-apply"}]));
    let asked = server.rtk(&dir, &["push", "--yes", "--retries", "0"]);
    assert_eq!(code(&asked), 0, "{}{}", out(&asked), err(&asked));
    assert!(
        out(&asked).contains("PATCH `b`: updated 1 field(s) (the answer was lost; the app has it)"),
        "{}",
        out(&asked)
    );
    assert_eq!(rates(), [json!(25), json!(25), json!(25)]);
    assert_eq!(code(&server.rtk(&dir, &["diff"])), 0);

    // Dropped before it was applied: the app is asked, has not got it; the push stops.
    rate(26);
    server.faults(json!([{"op": "update", "skip": 1, "times": 1, "fault": "drop"}]));
    let cut = server.rtk(&dir, &["push", "--yes", "--retries", "0"]);
    assert_eq!(code(&cut), 2, "{}{}", out(&cut), err(&cut));
    assert!(err(&cut).contains("push stopped after 1 of 3 request(s). Sent: PATCH `a`. Not sent: PATCH `b`, PATCH `c`."), "{}", err(&cut));
    assert_eq!(rates(), [json!(26), json!(25), json!(25)]);

    // Applied, the connection drops, and the app cannot be asked either: said as unknown.
    server.faults(json!([
        {"op": "update", "times": 1, "fault": "drop-after-apply"},
        {"op": "get", "skip": 3, "times": 1, "fault": "drop"},
    ]));
    let unknown = server.rtk(&dir, &["push", "--yes", "--retries", "0"]);
    assert_eq!(code(&unknown), 2, "{}{}", out(&unknown), err(&unknown));
    assert!(err(&unknown).contains("push stopped after 0 of 2 request(s). Sent: none. Sent, with no answer (it may have been applied): PATCH `b`. Not sent: PATCH `c`."), "{}", err(&unknown));

    // The rerun starts from what the app has: `b` is there, only `c` is left.
    let rerun = server.rtk(&dir, &["push", "--yes"]);
    assert_eq!(code(&rerun), 0, "{}{}", out(&rerun), err(&rerun));
    assert!(
        out(&rerun).contains("0 to create, 1 to update, 0 to delete; 2 unchanged"),
        "{}",
        out(&rerun)
    );
    assert_eq!(code(&server.rtk(&dir, &["diff"])), 0);
    assert_eq!(rates(), [json!(26), json!(26), json!(26)]);
    every_body_sent_is_valid(&server);
}

#[test]
fn a_list_that_changes_between_pages_is_read_again() {
    let server = Server::start();
    for i in 0..30 {
        server.seed(&format!("p{i}"));
    }
    let mut inserted: Value = serde_json::from_str(&example("host.json")).unwrap();
    inserted.as_object_mut().unwrap().remove("name");
    server.faults(
        json!([{"op": "list", "skip": 1, "times": 1, "fault": "insert", "preset": inserted}]),
    );
    let (_tmp, dir) = folder();
    let pulled = server.rtk(dir.parent().unwrap(), &["pull", "presets"]);
    assert_eq!(code(&pulled), 0, "{}", err(&pulled));
    assert!(
        err(&pulled).contains("the list of presets changed while it was read"),
        "{}",
        err(&pulled)
    );
    assert!(
        out(&pulled).contains("pulled 31 preset(s)"),
        "{}",
        out(&pulled)
    );
    assert_eq!(files(&dir).len(), 32);
}

#[test]
fn a_pull_that_fails_or_stops_leaves_the_folder_whole() {
    let server = Server::start();
    for name in ["a", "b", "c"] {
        server.seed(name);
    }
    let (_tmp, dir) = folder();
    let parent = dir.parent().unwrap().to_owned();
    assert_eq!(code(&server.rtk(&parent, &["pull", "presets"])), 0);
    let before = files(&dir);
    let a = &server.presets()[0];
    server.control(
        "PATCH",
        &format!("presets/{}", a["id"].as_str().unwrap()),
        Some(json!({"config": {"max_screenshare_count": 3}})),
    );
    server.seed("d");

    // The network fails in the middle: nothing written.
    server.faults(json!([{"op": "get", "skip": 2, "times": 1, "fault": "drop"}]));
    let failed = server.rtk(&parent, &["pull", "presets", "--retries", "0"]);
    assert_eq!(code(&failed), 2, "{}", err(&failed));
    assert_eq!(files(&dir), before);

    // Stopped before the commit: as it was.
    let stopped = server.rtk_env(
        &parent,
        &["pull", "presets"],
        &[("RTK_PRESET_FAILPOINT", "pull-before-commit")],
    );
    assert_eq!(code(&stopped), 86, "{}", err(&stopped));
    let visible = |all: Vec<(String, Vec<u8>)>| -> Vec<(String, Vec<u8>)> {
        all.into_iter()
            .filter(|(n, _)| n != ".rtk-preset-pull")
            .collect()
    };
    assert_eq!(visible(files(&dir)), before);
    assert_eq!(
        code(&server.rtk(&dir, &["diff"])),
        1,
        "the next run drops the uncommitted pull"
    );
    assert!(!dir.join(".rtk-preset-pull").exists());
    assert_eq!(files(&dir), before);

    // Stopped after the commit: the next run finishes it.
    let stopped = server.rtk_env(
        &parent,
        &["pull", "presets"],
        &[("RTK_PRESET_FAILPOINT", "pull-after-commit")],
    );
    assert_eq!(code(&stopped), 86, "{}", err(&stopped));
    assert_eq!(visible(files(&dir)), before);
    let finished = server.rtk(&dir, &["diff"]);
    assert!(
        err(&finished).contains("finished a pull into `.` that was stopped"),
        "{}",
        err(&finished)
    );
    assert_eq!(code(&finished), 0, "{}", out(&finished));
    let after = files(&dir);
    assert_eq!(after.len(), 5);
    let fresh = tempfile::tempdir().unwrap();
    assert_eq!(code(&server.rtk(fresh.path(), &["pull", "."])), 0);
    assert_eq!(files(fresh.path()), after);
}

#[test]
fn changes_on_both_sides_are_not_overwritten_without_force() {
    let server = Server::start();
    server.seed("a");
    let (_tmp, dir) = folder();
    let parent = dir.parent().unwrap().to_owned();
    assert_eq!(code(&server.rtk(&parent, &["pull", "presets"])), 0);
    // A local edit, then a pull: refused, the file kept.
    edit(
        &dir.join("a.json"),
        "\"frame_rate\": 30",
        "\"frame_rate\": 20",
    );
    let id = server.presets()[0]["id"].as_str().unwrap().to_owned();
    server.control(
        "PATCH",
        &format!("presets/{id}"),
        Some(json!({"config": {"max_screenshare_count": 4}})),
    );
    let refused = server.rtk(&parent, &["pull", "presets"]);
    assert_eq!(code(&refused), 2);
    assert!(
        err(&refused).contains("`a.json` has changes that are not in the app"),
        "{}",
        err(&refused)
    );
    assert!(std::fs::read_to_string(dir.join("a.json"))
        .unwrap()
        .contains("\"frame_rate\": 20"));
    // A push over the dashboard's change: refused, then forced.
    let refused = server.rtk(&dir, &["push", "--yes"]);
    assert_eq!(code(&refused), 2, "{}", err(&refused));
    assert!(
        err(&refused).contains("`a` was changed in the app since the last pull"),
        "{}",
        err(&refused)
    );
    assert!(out(&server.rtk(&dir, &["diff"])).contains("changed in the app since the last pull"));
    let forced = server.rtk(&dir, &["push", "--yes", "--force"]);
    assert_eq!(code(&forced), 0, "{}", err(&forced));
    let preset = &server.presets()[0];
    assert_eq!(preset["config"]["media"]["video"]["frame_rate"], 20);
    // The dashboard's change is overwritten by the file's value.
    assert_eq!(preset["config"]["max_screenshare_count"], 1);
    every_body_sent_is_valid(&server);
}

#[test]
fn api_errors_name_what_to_fix_and_the_token_stays_secret() {
    let server = Server::start();
    let (_tmp, dir) = folder();
    std::fs::create_dir_all(&dir).unwrap();
    let wrong = server.rtk_env(
        &dir,
        &["diff"],
        &[("CLOUDFLARE_API_TOKEN", "not-the-token")],
    );
    assert_eq!(code(&wrong), 2);
    assert!(
        err(&wrong).contains("the API refused the token (401): check CLOUDFLARE_API_TOKEN"),
        "{}",
        err(&wrong)
    );
    let unknown = server.rtk(&dir, &["diff", "--app", "other-app"]);
    assert_eq!(code(&unknown), 2);
    assert!(
        err(&unknown).contains("not found (404): check the account id"),
        "{}",
        err(&unknown)
    );
    server.faults(json!([{"op": "list", "fault": "403"}]));
    let forbidden = server.rtk(&dir, &["diff"]);
    assert_eq!(code(&forbidden), 2);
    assert!(
        err(&forbidden)
            .contains("the token may not do this (403): give it the Realtime Admin permission"),
        "{}",
        err(&forbidden)
    );
    let none = server.rtk_env(&dir, &["diff"], &[("CLOUDFLARE_API_TOKEN", "")]);
    assert_eq!(code(&none), 2);
    assert!(
        err(&none).contains("set CLOUDFLARE_API_TOKEN"),
        "{}",
        err(&none)
    );
    let plain = server.rtk(
        &dir,
        &["diff", "--base-url", "http://api.example.com/client/v4"],
    );
    assert_eq!(code(&plain), 2);
    assert!(
        err(&plain).contains("only `https://` is allowed"),
        "{}",
        err(&plain)
    );
    // A server that echoes the token back in an error: redacted.
    let echo = server.rtk(&dir, &["diff", "--app", TOKEN]);
    assert_eq!(code(&echo), 2);
    assert!(err(&echo).contains("[redacted]"), "{}", err(&echo));
    // The account and app from rtk-preset.toml.
    std::fs::write(
        dir.join("rtk-preset.toml"),
        format!("[remote]\naccount = \"{ACCOUNT}\"\napp = \"{APP}\"\n"),
    )
    .unwrap();
    let configured = Command::new(env!("CARGO_BIN_EXE_rtk-preset"))
        .args(["diff", "."])
        .current_dir(&dir)
        .env("CLOUDFLARE_API_TOKEN", TOKEN)
        .env("CLOUDFLARE_BASE_URL", &server.base)
        .env_remove("CLOUDFLARE_ACCOUNT_ID")
        .env_remove("RTK_PRESET_APP_ID")
        .output()
        .unwrap();
    assert_eq!(code(&configured), 0, "{}", err(&configured));
}

#[test]
fn revision_2026_01_has_no_put_so_removed_fields_are_refused() {
    let server = Server::start_with(&["--api", "2026-01"]);
    // A valid 2026-01 create body with the 2026-01-only `ui.config_diff`.
    let fixture = root().join("tests/fixtures/unknown-field/valid/config-diff@2026-01.json");
    let mut seeded: Value = serde_json::from_slice(&std::fs::read(fixture).unwrap()).unwrap();
    seeded["name"] = json!("a");
    server.control("POST", "presets", Some(seeded));
    let (_tmp, dir) = folder();
    let pulled = server.rtk(
        dir.parent().unwrap(),
        &["pull", "presets", "--api", "2026-01"],
    );
    assert_eq!(code(&pulled), 0, "{}", err(&pulled));
    let text = std::fs::read_to_string(dir.join("a.json")).unwrap();
    assert!(text.contains("create.2026-01.schema.json"), "{text}");
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["ui"].as_object_mut().unwrap().remove("config_diff");
    std::fs::write(
        dir.join("a.json"),
        serde_json::to_string_pretty(&doc).unwrap(),
    )
    .unwrap();
    let refused = server.rtk(&dir, &["push", "--yes"]);
    assert_eq!(code(&refused), 2, "{}{}", out(&refused), err(&refused));
    assert!(
        err(&refused).contains("removes fields (/ui/config_diff), which a PATCH cannot do"),
        "{}",
        err(&refused)
    );
    assert_eq!(server.count("PATCH") + server.count("PUT"), 0);
}

/// The README's "Presets as code" commands, line by line, against the local API: each exits as
/// its comment says (0 when it says nothing).
#[test]
fn the_readme_commands_run_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("## Presets as code")
        .nth(1)
        .expect("the README has a Presets as code section");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a sh block");
    let server = Server::start();
    server.seed("host");
    server.seed("guest");
    let scratch = tempfile::tempdir().unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_rtk-preset"))
        .parent()
        .unwrap()
        .to_owned();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    let mut exports = String::new();
    for line in block.lines().filter(|l| !l.trim().is_empty()) {
        let command = line.split(" #").next().unwrap().trim();
        if command.starts_with("export ") {
            // The token the README elides is the test's.
            exports.push_str(&command.replace("=...", &format!("={TOKEN}")));
            exports.push('\n');
            continue;
        }
        let expected = line
            .split("# exit ")
            .nth(1)
            .and_then(|rest| rest[..1].parse::<i32>().ok())
            .unwrap_or(0);
        let output = Command::new("bash")
            .arg("-c")
            .arg(format!("{exports}{command}"))
            .current_dir(scratch.path())
            .env("PATH", &path)
            .env("CLOUDFLARE_BASE_URL", &server.base)
            .env("ACCOUNT_ID", ACCOUNT)
            .env("APP_ID", APP)
            .env_remove("CLOUDFLARE_API_TOKEN")
            .env_remove("CLOUDFLARE_ACCOUNT_ID")
            .env_remove("RTK_PRESET_APP_ID")
            .output()
            .unwrap();
        assert_eq!(
            code(&output),
            expected,
            "`{command}`: {}{}",
            out(&output),
            err(&output)
        );
        for stream in [&output.stdout, &output.stderr] {
            assert!(!String::from_utf8_lossy(stream).contains(TOKEN));
        }
        ran += 1;
    }
    assert!(ran >= 5, "{block}");
    let host = server
        .presets()
        .into_iter()
        .find(|p| p["name"] == "host")
        .unwrap();
    assert_eq!(host["config"]["media"]["video"]["frame_rate"], 24);
}

/// On a terminal, `push` without `--yes` asks, and sends only on `y`.
#[test]
fn push_asks_on_a_terminal() {
    let server = Server::start();
    server.seed("a");
    let (_tmp, dir) = folder();
    assert_eq!(
        code(&server.rtk(dir.parent().unwrap(), &["pull", "presets"])),
        0
    );
    edit(
        &dir.join("a.json"),
        "\"frame_rate\": 30",
        "\"frame_rate\": 12",
    );
    let in_terminal = |answer: &str| -> String {
        use std::io::Write as _;
        let command = format!("'{}' push", env!("CARGO_BIN_EXE_rtk-preset"));
        let mut child = Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .current_dir(&dir)
            .env("CLOUDFLARE_API_TOKEN", TOKEN)
            .env("CLOUDFLARE_BASE_URL", &server.base)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("util-linux `script`");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(answer.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n")
    };
    let declined = in_terminal("n\n");
    assert!(declined.contains("Send 1 request(s) to app"), "{declined}");
    assert!(declined.contains("nothing sent"), "{declined}");
    assert_eq!(server.count("PATCH"), 0);
    let accepted = in_terminal("y\n");
    assert!(
        accepted.contains("PATCH `a`: updated 1 field(s)"),
        "{accepted}"
    );
    assert_eq!(server.count("PATCH"), 1);
    assert!(!declined.contains(TOKEN) && !accepted.contains(TOKEN));
}

/// A 429 is tried again after the `Retry-After` it gives (3 s here, where the backoff alone
/// would wait about half a second).
#[test]
fn retry_after_is_honoured() {
    let server = Server::start();
    server.seed("a");
    server.faults(json!([{"op": "list", "times": 1, "fault": "429", "retry_after": 3}]));
    let scratch = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let diff = server.rtk(scratch.path(), &["diff", "--delete"]);
    let waited = started.elapsed().as_secs_f64();
    assert_eq!(code(&diff), 1, "{}", err(&diff));
    assert!(
        err(&diff).contains("too many requests (429)"),
        "{}",
        err(&diff)
    );
    assert!(
        err(&diff).contains("trying again in 3 s, as asked"),
        "{}",
        err(&diff)
    );
    assert!(waited >= 3.0, "waited {waited} s");
    let answers: Vec<Value> = server
        .log()
        .iter()
        .filter(|e| e[0] == "GET")
        .map(|e| e[2].clone())
        .collect();
    assert_eq!(answers[..2], [json!(429), json!(200)]);
}

/// A preset renamed in its file, and its old name given to a new file: the renamed file keeps
/// its preset (by the lock's id), the rename goes first, then the new preset takes the name.
#[test]
fn a_rename_and_a_new_preset_of_the_old_name() {
    let server = Server::start();
    server.seed("Host");
    let (_tmp, dir) = folder();
    assert_eq!(
        code(&server.rtk(dir.parent().unwrap(), &["pull", "presets"])),
        0
    );
    let id = server.presets()[0]["id"].clone();
    edit(
        &dir.join("host.json"),
        "\"name\": \"Host\"",
        "\"name\": \"Moderator\"",
    );
    let text = std::fs::read_to_string(dir.join("host.json"))
        .unwrap()
        .replacen("\"name\": \"Moderator\"", "\"name\": \"Host\"", 1)
        .replacen("\"frame_rate\": 30", "\"frame_rate\": 15", 1);
    // Sorts before host.json: it would be matched first by name.
    std::fs::write(dir.join("a-host.json"), text).unwrap();
    let pushed = server.rtk(&dir, &["push", "--yes"]);
    assert_eq!(code(&pushed), 0, "{}{}", out(&pushed), err(&pushed));
    let report = out(&pushed);
    let patch = report.find("PATCH `Moderator`").expect("the rename");
    let post = report.find("POST `Host`").expect("the new preset");
    assert!(patch < post, "{report}");
    let presets = server.presets();
    let moderator = presets.iter().find(|p| p["name"] == "Moderator").unwrap();
    assert_eq!(moderator["id"], id);
    assert_eq!(moderator["config"]["media"]["video"]["frame_rate"], 30);
    let host = presets.iter().find(|p| p["name"] == "Host").unwrap();
    assert_eq!(host["config"]["media"]["video"]["frame_rate"], 15);
    assert_eq!(code(&server.rtk(&dir, &["diff"])), 0);
    every_body_sent_is_valid(&server);
}

/// `push --delete` deletes only what the folder had and nobody changed since; a preset deleted
/// in the app is not created again; both with `--force` only.
#[test]
fn what_the_folder_never_saw_is_not_deleted_or_revived_without_force() {
    let server = Server::start();
    for name in ["a", "b", "c"] {
        server.seed(name);
    }
    let (_tmp, dir) = folder();
    assert_eq!(
        code(&server.rtk(dir.parent().unwrap(), &["pull", "presets"])),
        0
    );
    // A colleague adds `new` and deletes `b` in the dashboard; the folder drops `c`.
    server.seed("new");
    let b = server
        .presets()
        .into_iter()
        .find(|p| p["name"] == "b")
        .unwrap();
    delete_in_app(&server, b["id"].as_str().unwrap());
    std::fs::remove_file(dir.join("c.json")).unwrap();
    let diff = out(&server.rtk(&dir, &["diff", "--delete"]));
    assert!(
        diff.contains("deleted in the app since the last pull: push does this only with --force"),
        "{diff}"
    );
    assert!(diff.contains("not pulled into this folder"), "{diff}");
    let refused = server.rtk(&dir, &["push", "--yes", "--delete"]);
    assert_eq!(code(&refused), 2, "{}", err(&refused));
    assert!(err(&refused).contains("nothing sent"), "{}", err(&refused));
    assert_eq!(server.count("DELETE"), 1, "only the colleague's");
    assert_eq!(server.count("POST"), 0);
    // --force: `b` comes back from its file, `c` and `new` are deleted.
    let forced = server.rtk(&dir, &["push", "--yes", "--delete", "--force"]);
    assert_eq!(code(&forced), 0, "{}{}", out(&forced), err(&forced));
    let mut names: Vec<String> = server
        .presets()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a", "b"]);
}

/// `pull --force` of another app into a folder replaces the old app's files, so that a push
/// cannot carry them into the new app.
#[test]
fn pull_force_from_another_app_replaces_the_folder() {
    let server = Server::start();
    server.seed("mine");
    let (_tmp, dir) = folder();
    std::fs::create_dir_all(&dir).unwrap();
    let lock = json!({"version": 1, "account": ACCOUNT, "app": "another-app", "api": "2026-06",
        "presets": {"theirs.json": {"id": "x", "name": "theirs", "file": "0", "remote": "0"}}});
    std::fs::write(dir.join("rtk-preset.lock"), lock.to_string()).unwrap();
    std::fs::write(
        dir.join("theirs.json"),
        example("host.json").replace("\"host\"", "\"theirs\""),
    )
    .unwrap();
    let refused = server.rtk(&dir, &["pull"]);
    assert_eq!(code(&refused), 2);
    assert!(
        err(&refused).contains("was pulled from app `another-app`"),
        "{}",
        err(&refused)
    );
    let forced = server.rtk(&dir, &["pull", "--force"]);
    assert_eq!(code(&forced), 0, "{}", err(&forced));
    assert!(!dir.join("theirs.json").exists());
    assert!(dir.join("mine.json").exists());
    assert_eq!(code(&server.rtk(&dir, &["diff"])), 0);
}

/// A lock file that names a file outside the folder is refused before anything is written.
#[test]
fn a_crafted_lock_file_cannot_reach_outside_the_folder() {
    let server = Server::start();
    let (tmp, dir) = folder();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(tmp.path().join("victim.json"), "{}").unwrap();
    let lock = json!({"version": 1, "account": ACCOUNT, "app": APP, "api": "2026-06",
        "presets": {"../victim.json": {"id": "x", "name": "v", "file": "0", "remote": "0"}}});
    std::fs::write(dir.join("rtk-preset.lock"), lock.to_string()).unwrap();
    let pulled = server.rtk(&dir, &["pull", "--force"]);
    assert_eq!(code(&pulled), 2);
    assert!(
        err(&pulled).contains("names the file `../victim.json`"),
        "{}",
        err(&pulled)
    );
    assert!(tmp.path().join("victim.json").exists());
}

/// An empty object filled in is a PATCH of the new members, not a removal.
#[test]
fn filling_an_empty_object_is_a_patch() {
    let server = Server::start();
    let mut seeded: Value = serde_json::from_str(&example("host.json")).unwrap();
    seeded["name"] = json!("a");
    seeded["ui"]["config_diff"] = json!({});
    server.control("POST", "presets", Some(seeded));
    let (_tmp, dir) = folder();
    assert_eq!(
        code(&server.rtk(dir.parent().unwrap(), &["pull", "presets"])),
        0
    );
    edit(
        &dir.join("a.json"),
        "\"config_diff\": {}",
        "\"config_diff\": {\"x\": 1}",
    );
    let diff = out(&server.rtk(&dir, &["diff"]));
    assert!(diff.contains("/ui/config_diff/x  (absent) -> 1"), "{diff}");
    let pushed = server.rtk(&dir, &["push", "--yes"]);
    assert_eq!(code(&pushed), 0, "{}{}", out(&pushed), err(&pushed));
    assert!(out(&pushed).contains("PATCH `a`"), "{}", out(&pushed));
    assert_eq!(server.count("PUT"), 0);
}

/// Two presets that swap names: a cycle of renames, broken by a temporary name.
#[test]
fn presets_that_swap_names() {
    let server = Server::start();
    server.seed("a");
    server.seed("b");
    let (_tmp, dir) = folder();
    assert_eq!(
        code(&server.rtk(dir.parent().unwrap(), &["pull", "presets"])),
        0
    );
    let ids: Vec<Value> = server.presets().iter().map(|p| p["id"].clone()).collect();
    edit(&dir.join("a.json"), "\"name\": \"a\"", "\"name\": \"b\"");
    edit(&dir.join("b.json"), "\"name\": \"b\"", "\"name\": \"a\"");
    let pushed = server.rtk(&dir, &["push", "--yes"]);
    assert_eq!(code(&pushed), 0, "{}{}", out(&pushed), err(&pushed));
    assert!(out(&pushed).contains("(renamed to `"), "{}", out(&pushed));
    let presets = server.presets();
    let by_id = |id: &Value| presets.iter().find(|p| p["id"] == *id).unwrap()["name"].clone();
    assert_eq!([by_id(&ids[0]), by_id(&ids[1])], [json!("b"), json!("a")]);
    assert_eq!(code(&server.rtk(&dir, &["diff"])), 0);
    every_body_sent_is_valid(&server);
}

/// The file's preset deleted in the app and another of its name created: not overwritten
/// without `--force`.
#[test]
fn a_preset_replaced_in_the_app_is_not_overwritten_without_force() {
    let server = Server::start();
    server.seed("host");
    let (_tmp, dir) = folder();
    assert_eq!(
        code(&server.rtk(dir.parent().unwrap(), &["pull", "presets"])),
        0
    );
    let old = server.presets()[0]["id"].as_str().unwrap().to_owned();
    delete_in_app(&server, &old);
    let mut again: Value = serde_json::from_str(&example("host.json")).unwrap();
    again["config"]["max_screenshare_count"] = json!(3);
    server.control("POST", "presets", Some(again));
    edit(
        &dir.join("host.json"),
        "\"frame_rate\": 30",
        "\"frame_rate\": 20",
    );
    let refused = server.rtk(&dir, &["push", "--yes"]);
    assert_eq!(code(&refused), 2, "{}{}", out(&refused), err(&refused));
    assert!(
        err(&refused).contains("was deleted in the app and created again under its name"),
        "{}",
        err(&refused)
    );
    assert_eq!(server.count("PATCH") + server.count("PUT"), 0);
    assert_eq!(code(&server.rtk(&dir, &["push", "--yes", "--force"])), 0);
}

/// An app that fills in fields a file leaves out: a push converges (the diff after it is
/// empty) instead of sending the same PUT forever.
#[test]
fn fields_the_app_fills_in_do_not_make_pushes_repeat() {
    let server = Server::start_with(&[
        "--fill",
        r#"{"ui": {"design_tokens": {"logo": "https://cdn.example/default.png"}}}"#,
    ]);
    let (_tmp, dir) = folder();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("host.json"), example("host.json")).unwrap();
    assert!(!example("host.json").contains("\"logo\""));
    let created = server.rtk(&dir, &["push", "--yes"]);
    assert_eq!(code(&created), 0, "{}{}", out(&created), err(&created));
    assert_eq!(
        code(&server.rtk(&dir, &["diff"])),
        0,
        "the filled-in logo is not a change"
    );
    edit(
        &dir.join("host.json"),
        "\"frame_rate\": 30",
        "\"frame_rate\": 24",
    );
    let updated = server.rtk(&dir, &["push", "--yes"]);
    assert_eq!(code(&updated), 0, "{}{}", out(&updated), err(&updated));
    let after = server.rtk(&dir, &["diff"]);
    assert_eq!(code(&after), 0, "{}", out(&after));
    assert_eq!(
        server.presets()[0]["config"]["media"]["video"]["frame_rate"],
        24
    );
}

/// A pulled file moved (renamed) by hand: the next pull writes the preset there, not back
/// into the old name beside it.
#[test]
fn a_moved_file_keeps_its_preset() {
    let server = Server::start();
    server.seed("Host");
    let (_tmp, dir) = folder();
    assert_eq!(
        code(&server.rtk(dir.parent().unwrap(), &["pull", "presets"])),
        0
    );
    std::fs::rename(dir.join("host.json"), dir.join("moderator.json")).unwrap();
    let id = server.presets()[0]["id"].as_str().unwrap().to_owned();
    server.control(
        "PATCH",
        &format!("presets/{id}"),
        Some(json!({"config": {"max_screenshare_count": 2}})),
    );
    let pulled = server.rtk(&dir, &["pull"]);
    assert_eq!(code(&pulled), 0, "{}", err(&pulled));
    assert!(!dir.join("host.json").exists());
    assert!(std::fs::read_to_string(dir.join("moderator.json"))
        .unwrap()
        .contains("\"max_screenshare_count\": 2"));
    assert_eq!(code(&server.rtk(&dir, &["diff"])), 0);
}

/// An API that numbers pages from 0 (the docs leave it open): page 1 starts a page in, so page 0
/// is read too, and nothing is missed.
#[test]
fn pages_numbered_from_zero_are_all_read() {
    let server = Server::start_with(&["--first-page", "0"]);
    for i in 0..45 {
        server.seed(&format!("p{i:02}"));
    }
    let (_tmp, dir) = folder();
    let pulled = server.rtk(dir.parent().unwrap(), &["pull", "presets"]);
    assert_eq!(code(&pulled), 0, "{}", err(&pulled));
    assert!(
        out(&pulled).contains("pulled 45 preset(s)"),
        "{}",
        out(&pulled)
    );
    assert!(dir.join("p00.json").is_file() && dir.join("p44.json").is_file());
    assert!(
        !err(&pulled).contains("reading it again"),
        "{}",
        err(&pulled)
    );
}

/// An app of less than a page on an API that numbers pages from 0: page 1 is empty.
#[test]
fn a_small_app_with_pages_from_zero() {
    let server = Server::start_with(&["--first-page", "0"]);
    for i in 0..5 {
        server.seed(&format!("p{i}"));
    }
    let scratch = tempfile::tempdir().unwrap();
    let pulled = server.rtk(scratch.path(), &["pull", "."]);
    assert_eq!(code(&pulled), 0, "{}", err(&pulled));
    assert!(
        out(&pulled).contains("pulled 5 preset(s)"),
        "{}",
        out(&pulled)
    );
}

/// An app that fills in a field: the field is recorded as the app's, so a later edit is a
/// PATCH of the edit (under 2026-01 too, which has no PUT), and a lost answer to it is found
/// applied.
#[test]
fn fields_the_app_fills_in_are_not_removals_later() {
    let fixture = root().join("tests/fixtures/unknown-field/valid/config-diff@2026-01.json");
    let mut body: Value = serde_json::from_slice(&std::fs::read(fixture).unwrap()).unwrap();
    body["name"] = json!("a");
    let server = Server::start_with(&[
        "--api",
        "2026-01",
        "--fill",
        r#"{"ui": {"extra_by_app": 1}}"#,
    ]);
    let (_tmp, dir) = folder();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.json"),
        serde_json::to_string_pretty(&body).unwrap(),
    )
    .unwrap();
    let created = server.rtk(&dir, &["push", "--yes", "--api", "2026-01"]);
    assert_eq!(code(&created), 0, "{}{}", out(&created), err(&created));
    assert_eq!(server.presets()[0]["ui"]["extra_by_app"], 1);
    edit(&dir.join("a.json"), "\"name\": \"a\"", "\"name\": \"b\"");
    server.faults(json!([{"op": "update", "times": 1, "fault": "drop-after-apply"}]));
    let renamed = server.rtk(
        &dir,
        &["push", "--yes", "--api", "2026-01", "--retries", "0"],
    );
    assert_eq!(code(&renamed), 0, "{}{}", out(&renamed), err(&renamed));
    assert!(
        out(&renamed).contains("(the answer was lost; the app has it)"),
        "{}",
        out(&renamed)
    );
    assert_eq!(server.presets()[0]["name"], "b");
    assert_eq!(code(&server.rtk(&dir, &["diff", "--api", "2026-01"])), 0);
}

/// A preset of the app that the folder never pulled, with the name of a new file: someone
/// else's, not overwritten without `--force`; with no lock at all, it is adopted.
#[test]
fn a_colleagues_preset_of_the_same_name_is_not_overwritten() {
    let server = Server::start();
    server.seed("a");
    let (_tmp, dir) = folder();
    assert_eq!(
        code(&server.rtk(dir.parent().unwrap(), &["pull", "presets"])),
        0
    );
    server.seed("webinar");
    let mine = example("host.json")
        .replace("\"host\"", "\"webinar\"")
        .replace("\"frame_rate\": 30", "\"frame_rate\": 10");
    std::fs::write(dir.join("webinar.json"), &mine).unwrap();
    let refused = server.rtk(&dir, &["push", "--yes"]);
    assert_eq!(code(&refused), 2, "{}{}", out(&refused), err(&refused));
    assert!(
        err(&refused).contains("`webinar` was created in the app after the last pull"),
        "{}",
        err(&refused)
    );
    assert_eq!(server.count("PATCH") + server.count("PUT"), 0);
    // A folder with no lock adopts the app's presets by name.
    let fresh = tempfile::tempdir().unwrap();
    std::fs::write(fresh.path().join("webinar.json"), &mine).unwrap();
    let adopted = server.rtk(fresh.path(), &["push", "--yes"]);
    assert_eq!(code(&adopted), 0, "{}{}", out(&adopted), err(&adopted));
}

/// A create sent, its answer lost, and the app not reachable to ask: the next run knows the
/// preset of that name as the file's (the lock said a create was on the way).
#[test]
fn a_create_with_no_answer_is_recognised_by_the_next_run() {
    let server = Server::start();
    server.seed("a");
    let (_tmp, dir) = folder();
    assert_eq!(
        code(&server.rtk(dir.parent().unwrap(), &["pull", "presets"])),
        0
    );
    std::fs::write(
        dir.join("new.json"),
        example("host.json").replace("\"host\"", "\"new\""),
    )
    .unwrap();
    server.faults(json!([
        {"op": "create", "times": 1, "fault": "drop-after-apply"},
        {"op": "list", "skip": 1, "times": 1, "fault": "drop"},
    ]));
    let lost = server.rtk(&dir, &["push", "--yes", "--retries", "0"]);
    assert_eq!(code(&lost), 2, "{}{}", out(&lost), err(&lost));
    assert!(
        err(&lost).contains("Sent, with no answer (it may have been applied): POST `new`"),
        "{}",
        err(&lost)
    );
    let rerun = server.rtk(&dir, &["push", "--yes"]);
    assert_eq!(code(&rerun), 0, "{}{}", out(&rerun), err(&rerun));
    assert_eq!(server.count("POST"), 1);
    assert_eq!(code(&server.rtk(&dir, &["diff"])), 0);
    // A pull keeps a file whose create is on the way (here: done), and its preset.
    assert_eq!(code(&server.rtk(&dir, &["pull"])), 0);
    assert!(dir.join("new.json").exists());
}

/// A preset deleted and created again under its name: an unedited file is pulled over.
#[test]
fn pull_after_a_preset_was_created_again() {
    let server = Server::start();
    server.seed("host");
    let (_tmp, dir) = folder();
    assert_eq!(
        code(&server.rtk(dir.parent().unwrap(), &["pull", "presets"])),
        0
    );
    let id = server.presets()[0]["id"].as_str().unwrap().to_owned();
    delete_in_app(&server, &id);
    let mut again: Value = serde_json::from_str(&example("host.json")).unwrap();
    again["config"]["max_screenshare_count"] = json!(3);
    server.control("POST", "presets", Some(again));
    let pulled = server.rtk(&dir, &["pull"]);
    assert_eq!(code(&pulled), 0, "{}", err(&pulled));
    assert!(std::fs::read_to_string(dir.join("host.json"))
        .unwrap()
        .contains("\"max_screenshare_count\": 3"));
}

/// A rename to a name a preset of the app keeps (it has no file): refused before anything is
/// sent, where the app would refuse it on every run.
#[test]
fn a_rename_to_a_name_the_app_keeps_is_refused() {
    let server = Server::start();
    server.seed("a");
    server.seed("b");
    let (_tmp, dir) = folder();
    assert_eq!(
        code(&server.rtk(dir.parent().unwrap(), &["pull", "presets"])),
        0
    );
    std::fs::remove_file(dir.join("b.json")).unwrap();
    edit(&dir.join("a.json"), "\"name\": \"a\"", "\"name\": \"b\"");
    let refused = server.rtk(&dir, &["push", "--yes"]);
    assert_eq!(code(&refused), 2, "{}{}", out(&refused), err(&refused));
    assert!(
        err(&refused).contains("a name a preset of the app keeps"),
        "{}",
        err(&refused)
    );
    assert_eq!(server.count("PATCH"), 0);
    // With --delete, `b` goes first and the rename follows.
    let both = server.rtk(&dir, &["push", "--yes", "--delete"]);
    assert_eq!(code(&both), 0, "{}{}", out(&both), err(&both));
    let names: Vec<Value> = server.presets().iter().map(|p| p["name"].clone()).collect();
    assert_eq!(names, [json!("b")]);
}

//! `--fix` never loses data: a run killed at any moment leaves every file either as it was or
//! fully fixed (never empty, never half written), and a write that fails leaves the original
//! intact and says so.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A preset with a safe fix (`"HD"` → `"hd"`), made unique by its name.
fn fixable(i: usize) -> String {
    let host = std::fs::read_to_string(support::root().join("examples/host.json")).unwrap();
    host.replacen("\"quality\": \"hd\"", "\"quality\": \"HD\"", 1)
        .replacen("\"name\": \"host\"", &format!("\"name\": \"host-{i}\""), 1)
}

/// Writes `count` fixable presets into `dir` (in one app directory each, so that app rules stay
/// quiet); returns their paths and texts.
fn populate(dir: &Path, count: usize) -> BTreeMap<PathBuf, String> {
    (0..count)
        .map(|i| {
            let path = dir.join(format!("p{i:04}.json"));
            let text = fixable(i);
            std::fs::write(&path, &text).unwrap();
            (path, text)
        })
        .collect()
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

#[test]
fn a_fix_run_killed_at_any_moment_leaves_each_file_whole() {
    const FILES: usize = 300;
    // The fully fixed texts, from a run that completes.
    let reference = tempfile::tempdir().unwrap();
    let originals = populate(reference.path(), FILES);
    let done = support::rtk_in(reference.path(), &["check", "--fix", "."]);
    assert!(done.status.code().is_some(), "{done:?}");
    let fixed: BTreeMap<String, String> = originals
        .keys()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    assert!(
        originals
            .iter()
            .all(|(p, o)| &fixed[&p.file_name().unwrap().to_string_lossy().into_owned()] != o),
        "the reference run fixed every file"
    );

    let mut outcomes = BTreeMap::new();
    for delay_ms in [0, 2, 5, 10, 20, 40, 80, 160] {
        let dir = tempfile::tempdir().unwrap();
        let originals = populate(dir.path(), FILES);
        let mut child = Command::new(env!("CARGO_BIN_EXE_rtk-preset"))
            .args(["check", "--fix", "."])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL: no cleanup runs
        let _ = child.wait();
        let (mut untouched, mut done) = (0, 0);
        for path in json_files(dir.path()) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with('.') {
                // A temporary file of an interrupted write: hidden, never a `*.json`.
                assert!(!name.ends_with(".json"), "{name}");
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            if text == originals[&path] {
                untouched += 1;
            } else {
                assert_eq!(text, fixed[&name], "{name} after a kill at {delay_ms} ms");
                done += 1;
            }
        }
        assert_eq!(untouched + done, FILES, "a file went missing");
        outcomes.insert(delay_ms, (untouched, done));
    }
    eprintln!("killed at ms -> (files untouched, files fixed): {outcomes:?}");
}

#[test]
fn a_write_that_fails_leaves_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("host.json");
    let original = fixable(0);
    std::fs::write(&path, &original).unwrap();
    // A read-only directory: the file can be read, the temporary file beside it not created.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let probe = dir.path().join("probe");
    let args = [
        std::ffi::OsStr::new("check"),
        "--fix".as_ref(),
        path.as_os_str(),
    ];
    let output = if std::fs::write(&probe, b"").is_ok() {
        // Root writes anyway: run the binary as a user who cannot.
        std::fs::remove_file(&probe).unwrap();
        match support::rtk_as_nobody(&args) {
            Some(output) => output,
            None => return eprintln!("root, and no runuser: the failed write is not run"),
        }
    } else {
        Command::new(env!("CARGO_BIN_EXE_rtk-preset"))
            .args(args)
            .output()
            .unwrap()
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
    let leftovers: Vec<PathBuf> = json_files(dir.path())
        .into_iter()
        .filter(|p| p != &path)
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

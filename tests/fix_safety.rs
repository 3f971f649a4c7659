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

/// Runs the binary in `dir` and kills it (SIGKILL: no cleanup runs) after `delay_ms`.
fn killed_after(dir: &Path, args: &[&str], delay_ms: u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rtk-preset"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(delay_ms));
    let _ = child.kill();
    let _ = child.wait();
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
        killed_after(dir.path(), &["check", "--fix", "."], delay_ms);
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

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::{symlink, MetadataExt as _, PermissionsExt as _};

    fn is_link(path: &Path) -> bool {
        std::fs::symlink_metadata(path)
            .unwrap()
            .file_type()
            .is_symlink()
    }

    /// `--fix` on a symbolic link fixes the file it points to (even outside the directories
    /// named), in place of that file, with its permissions; the link stays a link.
    #[test]
    fn a_fix_writes_through_a_symlink_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let (shared, presets) = (dir.path().join("shared"), dir.path().join("presets"));
        std::fs::create_dir_all(&shared).unwrap();
        std::fs::create_dir_all(&presets).unwrap();
        let target = shared.join("host.json");
        std::fs::write(&target, fixable(0)).unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = presets.join("host.json");
        symlink("../shared/host.json", &link).unwrap();
        let output = support::rtk_in(&presets, &["check", "--fix", "host.json"]);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        assert!(is_link(&link), "the link was replaced");
        assert_eq!(
            std::fs::read_link(&link).unwrap(),
            Path::new("../shared/host.json")
        );
        let text = std::fs::read_to_string(&target).unwrap();
        assert!(text.contains("\"quality\": \"hd\"") && !text.contains("\"HD\""));
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // Nothing was left beside the link or the target.
        assert_eq!(json_files(&presets), std::slice::from_ref(&link));
        assert_eq!(json_files(&shared), std::slice::from_ref(&target));
    }

    /// A file with two hard links is not fixed apart: `--fix` refuses, names the other link, and
    /// leaves both names as they were; `--diff` still shows the fix.
    #[test]
    fn hard_links_are_not_fixed_apart() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
        std::fs::write(&a, fixable(0)).unwrap();
        std::fs::hard_link(&a, &b).unwrap();
        let output = support::rtk_in(dir.path(), &["check", "--fix", "a.json"]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("not fixing `a.json`: it has 2 hard links (also `b.json`)"),
            "{stderr}"
        );
        for name in [&a, &b] {
            assert_eq!(std::fs::read_to_string(name).unwrap(), fixable(0));
        }
        assert_eq!(
            std::fs::metadata(&a).unwrap().ino(),
            std::fs::metadata(&b).unwrap().ino()
        );
        // The other name is no second preset of the app: no duplicate name.
        assert!(!String::from_utf8_lossy(&output.stdout).contains("duplicate-preset-name"));
        let diff = support::rtk_in(dir.path(), &["check", "--diff", "a.json"]);
        assert!(String::from_utf8_lossy(&diff.stdout).contains("+        \"quality\": \"hd\""));
    }

    /// The kill test of linked presets: a walk with `--follow` over links to presets elsewhere,
    /// killed at any moment, leaves every link a link and every file original or fully fixed;
    /// files with two hard links stay as they were.
    #[test]
    fn a_fix_run_killed_with_linked_presets_leaves_links_and_whole_files() {
        const FILES: usize = 120;
        let setup = |dir: &Path| {
            let (store, presets) = (dir.join("store"), dir.join("presets"));
            std::fs::create_dir_all(&presets).unwrap();
            std::fs::create_dir_all(&store).unwrap();
            let originals = populate(&store, FILES);
            for (i, path) in originals.keys().enumerate() {
                let name = path.file_name().unwrap();
                match i % 3 {
                    0 => symlink(path, presets.join(name)).unwrap(),
                    1 => std::fs::hard_link(path, presets.join(name)).unwrap(),
                    _ => {}
                }
            }
            originals
        };
        let fixed_text = |i: usize| fixable(i).replacen("\"HD\"", "\"hd\"", 1);
        for delay_ms in [0, 5, 20, 80, 400] {
            let dir = tempfile::tempdir().unwrap();
            let originals = setup(dir.path());
            super::killed_after(
                dir.path(),
                &["check", "--fix", "--follow", "presets", "store"],
                delay_ms,
            );
            for (i, original) in originals.keys().enumerate() {
                let name = original.file_name().unwrap();
                let linked = dir.path().join("presets").join(name);
                let text = std::fs::read_to_string(original).unwrap();
                match i % 3 {
                    0 => {
                        assert!(is_link(&linked), "{linked:?} is no longer a link");
                        assert!(text == fixable(i) || text == fixed_text(i), "{original:?}");
                    }
                    1 => {
                        // Never fixed apart: both names, one file, the original text.
                        assert_eq!(text, fixable(i), "{original:?}");
                        assert_eq!(std::fs::read_to_string(&linked).unwrap(), fixable(i));
                    }
                    _ => assert!(text == fixable(i) || text == fixed_text(i), "{original:?}"),
                }
            }
        }
    }
}

//! The folder of presets on disk: its preset files, the lock file that maps them to preset ids,
//! the canonical text of a pulled preset, and the all-or-nothing write of a pull.
//!
//! The lock file, `rtk-preset.lock` (JSON, not walked by `check`: it is not `*.json`), records
//! the account, app and revision the folder was pulled from, and for each file the preset's id
//! and two hashes: of the file as it was last synced (a pull does not overwrite a file edited
//! since without `--force`) and of the remote preset as it was then (a push does not overwrite a
//! preset someone changed in the dashboard since without `--force`). Ids stay out of the
//! documents, which remain valid `create` bodies.

use rtk_preset_core::{ApiRevision, DocumentKind};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The lock file's name.
pub(crate) const LOCK: &str = "rtk-preset.lock";
/// Where a pull stages its files before it commits.
const STAGING: &str = ".rtk-preset-pull";
/// In the staging folder: the commit record.
const PLAN: &str = "plan.json";
/// In the staging folder: the new preset files.
const FILES: &str = "files";

/// The lock file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct Lock {
    /// The lock file's format.
    pub(crate) version: u32,
    pub(crate) account: String,
    pub(crate) app: String,
    pub(crate) api: String,
    /// By file name.
    pub(crate) presets: BTreeMap<String, Entry>,
}

/// One synced preset.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    /// The preset's id; empty while its create is on the way (written before the `POST`, so
    /// that a create whose answer is lost is known as ours by the next run).
    pub(crate) id: String,
    pub(crate) name: String,
    /// Hash of the file's bytes when last synced.
    pub(crate) file: String,
    /// Hash of the remote preset's body when last synced ([`body_hash`]).
    pub(crate) remote: String,
    /// Fields the app's preset had and the file did not when last synced: the app fills them
    /// in itself, so their absence from the file is no removal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) filled: Vec<String>,
}

impl Entry {
    /// Whether its create was sent and no answer recorded.
    pub(crate) fn pending(&self) -> bool {
        self.id.is_empty()
    }
}

impl Lock {
    pub(crate) fn new(account: &str, app: &str, api: ApiRevision) -> Lock {
        Lock {
            version: 1,
            account: account.to_owned(),
            app: app.to_owned(),
            api: api.as_str().to_owned(),
            presets: BTreeMap::new(),
        }
    }

    /// The folder's lock file, if it has one. Its file names must be plain names of `*.json`
    /// files in the folder: a lock file is committed, and a crafted one must not make a pull
    /// write or delete anything outside the folder.
    pub(crate) fn read(dir: &Path) -> Result<Option<Lock>, String> {
        let path = dir.join(LOCK);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let lock: Lock = serde_json::from_slice(&bytes).map_err(|e| {
                    format!(
                        "`{}` is not a lock file of rtk-preset ({e}); move it away and pull again",
                        path.display()
                    )
                })?;
                if let Some(bad) = lock.presets.keys().find(|f| !plain_file_name(f)) {
                    return Err(format!(
                        "`{}` names the file `{bad}`, which is not a `*.json` file of the folder; \
                         move the lock file away and pull again",
                        path.display()
                    ));
                }
                Ok(Some(lock))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("cannot read `{}`: {e}", path.display())),
        }
    }

    /// The lock file's text.
    pub(crate) fn text(&self) -> Vec<u8> {
        let mut text = serde_json::to_vec_pretty(self).unwrap_or_default();
        text.push(b'\n');
        text
    }

    /// Writes the lock file atomically.
    pub(crate) fn write(&self, dir: &Path) -> std::io::Result<()> {
        write_new(&dir.join(LOCK), &self.text())
    }

    /// The file of preset `id`.
    pub(crate) fn file_of(&self, id: &str) -> Option<&str> {
        self.presets
            .iter()
            .find(|(_, e)| e.id == id)
            .map(|(f, _)| f.as_str())
    }
}

/// Whether `name` is the name of a `*.json` file directly in the folder (no folder part, not
/// hidden, not `..`).
fn plain_file_name(name: &str) -> bool {
    let path = Path::new(name);
    name.ends_with(".json")
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':', '\0'])
        && path.components().count() == 1
        && matches!(
            path.components().next(),
            Some(std::path::Component::Normal(_))
        )
}

/// A hash of a preset's body that depends on its data only: keys sorted at every depth, numbers
/// by value, no `$schema` (so a new key order or revision of rtk-preset changes nothing).
pub(crate) fn body_hash(body: &Map<String, Value>) -> String {
    fn canonical(value: &Value, out: &mut String) {
        match value {
            Value::Object(members) => {
                let mut keys: Vec<&String> = members.keys().filter(|k| *k != "$schema").collect();
                keys.sort();
                out.push('{');
                for (i, key) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String(key.clone()).to_string());
                    out.push(':');
                    canonical(&members[key], out);
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    canonical(item, out);
                }
                out.push(']');
            }
            Value::Number(n) => match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => out.push_str(&format!("{f:.0}")),
                Some(f) => out.push_str(&format!("{f:?}")),
                None => out.push_str(&n.to_string()),
            },
            other => out.push_str(&other.to_string()),
        }
    }
    let mut text = String::new();
    canonical(&Value::Object(body.clone()), &mut text);
    hash(text.as_bytes())
}

/// A hash of bytes, as the lock file keeps it (FNV-1a, 64 bits: it tells edits apart, it
/// protects nothing).
pub(crate) fn hash(bytes: &[u8]) -> String {
    format!("{:016x}", crate::output::fnv1a(&[bytes]))
}

/// A preset file of the folder.
#[derive(Debug, Clone)]
pub(crate) struct Local {
    /// The file name (the folder's top level).
    pub(crate) file: String,
    pub(crate) name: String,
    /// The document without `$schema`: the body to send.
    pub(crate) body: Map<String, Value>,
    /// The file's bytes.
    pub(crate) bytes: Vec<u8>,
}

/// The preset documents at the top level of `dir` (`*.json` whose top level has `config`,
/// `permissions` or `ui`: a `package.json` beside them is left alone), by file name.
pub(crate) fn read_local(dir: &Path) -> Result<Vec<Local>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && crate::files::is_json(p))
        .collect();
    files.sort();
    let mut locals: Vec<Local> = Vec::new();
    for path in files {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
            format!(
                "`{}` is not JSON (line {}, column {}): {e}; `rtk-preset check` says more",
                path.display(),
                e.line(),
                e.column()
            )
        })?;
        let Value::Object(mut body) = value else {
            continue;
        };
        if !rtk_preset_core::select::PRESET_KEYS
            .iter()
            .any(|k| body.contains_key(*k))
        {
            continue;
        }
        body.shift_remove("$schema");
        let Some(Value::String(name)) = body.get("name") else {
            return Err(format!(
                "`{}` has no `name`: a preset needs one to be created",
                path.display()
            ));
        };
        let name = name.clone();
        if let Some(other) = locals.iter().find(|l| l.name == name) {
            return Err(format!(
                "`{}` and `{}` are both named `{name}`: preset names are unique in an app",
                other.file, file
            ));
        }
        locals.push(Local {
            file,
            name,
            body,
            bytes,
        });
    }
    Ok(locals)
}

/// Whether the preset file `bytes` has the body `body` (whatever its key order, indentation and
/// `$schema`).
pub(crate) fn same_body(bytes: &[u8], body: &Map<String, Value>) -> bool {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(mut document)) => {
            document.shift_remove("$schema");
            super::changes::fields(body, &document).is_empty()
        }
        _ => false,
    }
}

/// The body of a preset as the API returned it: without `id`, `created_at` and `updated_at`
/// (the `create` body of the revision).
pub(crate) fn body_of(preset: &Map<String, Value>) -> Map<String, Value> {
    preset
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "id" | "created_at" | "updated_at"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The text of a pulled preset: `$schema` (the revision's `create` schema), then the fields in
/// the model's order (keys the model does not know after them, sorted), two-space indentation,
/// a final newline.
pub(crate) fn file_text(body: &Map<String, Value>, api: ApiRevision) -> Vec<u8> {
    let schema: Value = serde_json::from_str(rtk_preset_core::schema::published(
        DocumentKind::Create,
        api,
    ))
    .unwrap_or_default();
    let mut document = Map::new();
    document.insert(
        "$schema".into(),
        Value::String(rtk_preset_core::schema::id(DocumentKind::Create, api)),
    );
    if let Value::Object(ordered) = ordered(&Value::Object(body.clone()), &schema, &schema) {
        document.extend(ordered);
    }
    let mut text = serde_json::to_vec_pretty(&Value::Object(document)).unwrap_or_default();
    text.push(b'\n');
    text
}

/// `value` with its objects' keys in the order of `node`'s properties (a node of `root`).
fn ordered(value: &Value, node: &Value, root: &Value) -> Value {
    let node = resolve(node, root);
    match value {
        Value::Object(members) => {
            let properties = properties(node, root);
            let mut out = Map::new();
            for (key, schema) in &properties {
                if let Some(v) = members.get(key) {
                    out.insert(key.clone(), ordered(v, schema, root));
                }
            }
            let mut rest: Vec<(&String, &Value)> = members
                .iter()
                .filter(|(k, _)| !out.contains_key(*k))
                .collect();
            rest.sort_by(|a, b| a.0.cmp(b.0));
            for (key, v) in rest {
                out.insert(key.clone(), ordered(v, &Value::Null, root));
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            let item = node.get("items").unwrap_or(&Value::Null);
            Value::Array(items.iter().map(|v| ordered(v, item, root)).collect())
        }
        other => other.clone(),
    }
}

/// A schema node with its `$ref` (`#/$defs/...`) followed.
fn resolve<'a>(node: &'a Value, root: &'a Value) -> &'a Value {
    let mut node = node;
    for _ in 0..32 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.rsplit('/').next().unwrap_or_default();
                match root.get("$defs").and_then(|d| d.get(name)) {
                    Some(next) => node = next,
                    None => break,
                }
            }
            None => break,
        }
    }
    node
}

/// The properties a schema node declares, in order, through `anyOf`, `oneOf` and `allOf`.
fn properties(node: &Value, root: &Value) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = Vec::new();
    if let Some(Value::Object(props)) = node.get("properties") {
        for (k, v) in props {
            if !out.iter().any(|(o, _)| o == k) {
                out.push((k.clone(), v.clone()));
            }
        }
    }
    for combinator in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(alternatives)) = node.get(combinator) {
            for alternative in alternatives {
                for (k, v) in properties(resolve(alternative, root), root) {
                    if !out.iter().any(|(o, _)| *o == k) {
                        out.push((k, v));
                    }
                }
            }
        }
    }
    out
}

/// A file name for a preset named `name`: lower case letters, digits, `-`, `_` and `.`
/// (anything else becomes `-`), `.json`, never a name Windows keeps for a device (`con`, `nul`,
/// `com1`, ...); names `taken` says are taken (it is asked in lower case: file systems that
/// ignore case are common) get `-2`, `-3`, ...
pub(crate) fn file_name(name: &str, taken: &dyn Fn(&str) -> bool) -> String {
    let mut stem = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        let c = if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
            c
        } else {
            '-'
        };
        if !(c == '-' && (stem.is_empty() || stem.ends_with('-'))) {
            stem.push(c);
        }
    }
    let mut stem = stem.trim_matches(['-', '.']).to_owned();
    stem.truncate(100);
    if stem.is_empty() {
        stem = "preset".into();
    }
    // Names Windows keeps for devices, whatever the extension.
    let device = stem.split('.').next().unwrap_or_default();
    let reserved = matches!(device, "con" | "prn" | "aux" | "nul")
        || (device.len() == 4
            && (device.starts_with("com") || device.starts_with("lpt"))
            && device.as_bytes()[3].is_ascii_digit());
    if reserved {
        stem.push_str("-preset");
    }
    let mut candidate = format!("{stem}.json");
    let mut n = 2;
    while taken(&candidate) {
        candidate = format!("{stem}-{n}.json");
        n += 1;
    }
    candidate
}

/// What a pull writes: files (by name) and their bytes, files it removes, and the new lock.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Plan {
    /// Each file written, with the hash of its new bytes.
    pub(crate) writes: Vec<(String, String)>,
    pub(crate) removes: Vec<String>,
}

/// A test's way to stop a pull at a given point, as a crash would (`RTK_PRESET_FAILPOINT`).
fn failpoint(name: &str) {
    if std::env::var("RTK_PRESET_FAILPOINT").is_ok_and(|v| v == name) {
        eprintln!("rtk-preset: stopped at the fail point `{name}`");
        std::process::exit(86);
    }
}

/// Writes a pull into `dir`, all or nothing: every new file and the lock are written to a
/// staging folder and synced; then the plan is written (the commit); then the files are moved
/// into place. A pull stopped before the commit leaves `dir` as it was (the staging folder is
/// removed by the next run); one stopped after it is finished by the next run ([`recover`]).
pub(crate) fn apply(
    dir: &Path,
    writes: &[(String, Vec<u8>)],
    removes: &[String],
    lock: &Lock,
) -> std::io::Result<()> {
    let staging = dir.join(STAGING);
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    std::fs::create_dir_all(staging.join(FILES))?;
    for (file, bytes) in writes {
        write_synced(&staging.join(FILES).join(file), bytes)?;
    }
    write_synced(&staging.join(LOCK), &lock.text())?;
    // The staged files' names reach the disk before the commit names them.
    sync_dir(&staging.join(FILES));
    sync_dir(&staging);
    failpoint("pull-before-commit");
    let plan = Plan {
        writes: writes.iter().map(|(f, b)| (f.clone(), hash(b))).collect(),
        removes: removes.to_vec(),
    };
    write_new(
        &staging.join(PLAN),
        &serde_json::to_vec(&plan).unwrap_or_default(),
    )?;
    failpoint("pull-after-commit");
    finish(dir)
}

/// Finishes what a stopped pull left: moves a committed pull's files into place, or removes an
/// uncommitted one's staging folder. Returns whether there was a committed pull to finish.
pub(crate) fn recover(dir: &Path) -> std::io::Result<bool> {
    let staging = dir.join(STAGING);
    if !staging.exists() {
        return Ok(false);
    }
    if staging.join(PLAN).exists() {
        finish(dir)?;
        return Ok(true);
    }
    std::fs::remove_dir_all(&staging)?;
    Ok(false)
}

/// Moves a committed pull into place (each step may be repeated: a move already made is
/// skipped).
fn finish(dir: &Path) -> std::io::Result<()> {
    let staging = dir.join(STAGING);
    let plan: Plan = serde_json::from_slice(&std::fs::read(staging.join(PLAN))?)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    for (file, written) in &plan.writes {
        let from = staging.join(FILES).join(file);
        if from.exists() {
            std::fs::rename(&from, dir.join(file))?;
        } else if std::fs::read(dir.join(file))
            .map(|b| hash(&b))
            .ok()
            .as_ref()
            != Some(written)
        {
            // Neither staged nor moved (a crash before the disk had it): the lock must not claim
            // it. The staging folder goes, so that the next pull starts afresh.
            std::fs::remove_dir_all(&staging)?;
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("its file `{file}` was lost; pull again"),
            ));
        }
    }
    for file in &plan.removes {
        match std::fs::remove_file(dir.join(file)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    if staging.join(LOCK).exists() {
        std::fs::rename(staging.join(LOCK), dir.join(LOCK))?;
    }
    sync_dir(dir);
    std::fs::remove_dir_all(&staging)
}

/// Writes a file and syncs it to disk.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Writes `bytes` to `path` atomically (a synced temporary file renamed over it).
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = crate::files::parent(path);
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// Syncs a folder's entries (renames) to disk, where the system allows it.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_distinct() {
        let none = |_: &str| false;
        assert_eq!(file_name("Host", &none), "host.json");
        assert_eq!(
            file_name("  Webinar Host / Co-host  ", &none),
            "webinar-host-co-host.json"
        );
        assert_eq!(file_name("../../etc/passwd", &none), "etc-passwd.json");
        assert_eq!(file_name("", &none), "preset.json");
        assert_eq!(file_name("日本", &none), "preset.json");
        assert_eq!(file_name("CON", &none), "con-preset.json");
        assert_eq!(file_name("com1", &none), "com1-preset.json");
        assert_eq!(file_name("console", &none), "console.json");
        let taken = |f: &str| f == "host.json" || f == "host-2.json";
        assert_eq!(file_name("HOST", &taken), "host-3.json");
    }

    #[test]
    fn lock_file_names_stay_in_the_folder() {
        for good in ["host.json", "a-b_c.d.json"] {
            assert!(plain_file_name(good), "{good}");
        }
        for bad in [
            "../x.json",
            "/etc/x.json",
            "a/b.json",
            "a\\b.json",
            ".hidden.json",
            "x.txt",
            "..json",
            "c:x.json",
        ] {
            assert!(!plain_file_name(bad), "{bad}");
        }
    }

    #[test]
    fn body_hashes_see_data_not_layout() {
        let a: Map<String, Value> =
            serde_json::from_str(r#"{"b": 1, "a": {"y": 30.0, "x": [1]}}"#).unwrap();
        let b: Map<String, Value> =
            serde_json::from_str(r#"{"$schema": "s", "a": {"x": [1], "y": 30}, "b": 1}"#).unwrap();
        let c: Map<String, Value> =
            serde_json::from_str(r#"{"a": {"x": [1], "y": 29.97}, "b": 1}"#).unwrap();
        assert_eq!(body_hash(&a), body_hash(&b));
        assert_ne!(body_hash(&a), body_hash(&c));
    }

    #[test]
    fn pulled_text_follows_the_model() {
        let body: Map<String, Value> = serde_json::from_str(
            r#"{"zeta": 1, "ui": {"theme": {}}, "name": "a", "config": {"view_type": "GROUP_CALL"}}"#,
        )
        .unwrap();
        let text = String::from_utf8(file_text(&body, ApiRevision::default())).unwrap();
        let keys: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("  \""))
            .map(|l| l.trim().split('"').nth(1).unwrap())
            .collect();
        assert_eq!(keys, ["$schema", "name", "config", "ui", "zeta"]);
        assert!(text.ends_with("}\n"));
    }
}

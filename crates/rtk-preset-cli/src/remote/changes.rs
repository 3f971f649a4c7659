//! What differs between the folder and the app: presets to create, to update (field by field)
//! and only in the app, and how to print that as text, JSON and Markdown.

use super::client::{Failure, Listed};
use super::state::{self, Local, Lock};
use rtk_preset_core::pointer;
use serde_json::{json, Map, Value};
use std::fmt::Write as _;

/// What a push does to one preset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// A file with no preset in the app: `POST`.
    Create,
    /// A file whose preset differs: `PATCH` (or `PUT` to remove fields).
    Update,
    /// A preset of the app with no file, and `--delete`: `DELETE`.
    Delete,
    /// A preset of the app with no file, kept (no `--delete`).
    RemoteOnly,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::RemoteOnly => "remote-only",
        }
    }
}

/// One field that differs: its JSON Pointer, the app's value and the file's (`None`: absent).
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) pointer: String,
    pub(crate) old: Option<Value>,
    pub(crate) new: Option<Value>,
}

/// What happened in the app since the folder last synced with it, for one preset: a push does
/// not act on such a preset without `--force`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Drift {
    /// Changed in the app (the dashboard, a colleague) since the last sync.
    Changed,
    /// Deleted in the app since the last sync (a push would create it again).
    Deleted,
    /// Not in the lock file: created in the app after the last sync, or never pulled.
    Unknown,
    /// The file's preset was deleted in the app, and another of its name created since.
    Replaced,
}

impl Drift {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Drift::Changed => "changed in the app since the last pull",
            Drift::Deleted => "deleted in the app since the last pull",
            Drift::Unknown => "not pulled into this folder: created in the app after the last pull",
            Drift::Replaced => {
                "deleted in the app and created again under its name since the last pull"
            }
        }
    }
}

/// One preset that differs.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub(crate) action: Action,
    pub(crate) name: String,
    /// The file (none for a preset only in the app).
    pub(crate) local: Option<Local>,
    /// The preset's id (none for one to create).
    pub(crate) id: Option<String>,
    /// For an update: the fields that differ.
    pub(crate) fields: Vec<Field>,
    /// What changed in the app since the last sync, if anything.
    pub(crate) drift: Option<Drift>,
}

/// Everything that differs.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    pub(crate) changes: Vec<Change>,
    /// Files whose preset is the same in the app: (file, id, the app's body).
    pub(crate) unchanged: Vec<(Local, String, Map<String, Value>)>,
}

impl Changes {
    /// How many presets a push would send a request for.
    pub(crate) fn pending(&self) -> usize {
        self.changes
            .iter()
            .filter(|c| c.action != Action::RemoteOnly)
            .count()
    }

    fn count(&self, action: Action) -> usize {
        self.changes.iter().filter(|c| c.action == action).count()
    }
}

/// Reads one preset of the app, whole.
pub(crate) type Fetch<'a> = &'a dyn Fn(&str) -> Result<Map<String, Value>, Failure>;

/// Compares the folder's presets with the app's. Each file is matched to a preset by the id the
/// lock file records for it, else by name; no preset is matched twice. `fetch` reads a preset
/// whole.
pub(crate) fn compare(
    locals: Vec<Local>,
    lock: Option<&Lock>,
    listed: &[Listed],
    delete: bool,
    fetch: Fetch<'_>,
) -> Result<Changes, Failure> {
    let listed_id = |id: &str| listed.iter().any(|l| l.id == id);
    let entry_of = |file: &str| lock.and_then(|l| l.presets.get(file));
    // First the ids the lock records, then names among the presets left.
    let mut claimed: Vec<Option<String>> = Vec::new();
    for local in &locals {
        // Two entries of one id (a lock merged by git): the first file keeps it.
        let id = entry_of(&local.file)
            .map(|e| e.id.clone())
            .filter(|id| listed_id(id) && !claimed.iter().flatten().any(|c| c == id));
        claimed.push(id);
    }
    for (i, local) in locals.iter().enumerate() {
        if claimed[i].is_some() {
            continue;
        }
        let free = listed
            .iter()
            .find(|l| l.name == local.name && !claimed.iter().flatten().any(|c| *c == l.id));
        claimed[i] = free.map(|l| l.id.clone());
    }
    let mut out = Changes::default();
    for (local, id) in locals.into_iter().zip(claimed.iter()) {
        let entry = entry_of(&local.file);
        let Some(id) = id else {
            // A file whose preset the lock knows, gone from the app (not one whose create is
            // on the way: that was never there).
            let drift = entry.filter(|e| !e.pending()).map(|_| Drift::Deleted);
            out.changes.push(Change {
                action: Action::Create,
                name: local.name.clone(),
                local: Some(local),
                id: None,
                fields: Vec::new(),
                drift,
            });
            continue;
        };
        let remote = state::body_of(&fetch(id)?);
        let remote_hash = state::body_hash(&remote);
        // Both sides as they were at the last sync: nothing to do, even where they differ (the
        // fields the app fills in itself, which a push cannot change).
        let as_synced = entry.is_some_and(|e| {
            e.id == *id && e.remote == remote_hash && e.file == state::hash(&local.bytes)
        });
        // Fields the app filled in itself at the last sync are no removal.
        let filled = entry
            .filter(|e| e.id == *id)
            .map_or(&[][..], |e| e.filled.as_slice());
        let fields: Vec<Field> = fields(&remote, &local.body)
            .into_iter()
            .filter(|f| f.new.is_some() || !filled.contains(&f.pointer))
            .collect();
        if fields.is_empty() || as_synced {
            out.unchanged.push((local, id.clone(), remote));
            continue;
        }
        let drift = match entry {
            // Our own create, whose answer was lost.
            Some(e) if e.pending() => None,
            Some(e) if e.id != *id => Some(Drift::Replaced),
            Some(e) if e.remote != remote_hash => Some(Drift::Changed),
            Some(_) => None,
            // A file never pushed, and a preset of its name the folder never pulled: someone
            // else's (with no lock at all, the folder adopts the app's presets by name).
            None if lock.is_some() => Some(Drift::Unknown),
            None => None,
        };
        out.changes.push(Change {
            action: Action::Update,
            name: local.name.clone(),
            local: Some(local),
            id: Some(id.clone()),
            fields,
            drift,
        });
    }
    for listed in listed
        .iter()
        .filter(|l| !claimed.iter().flatten().any(|c| *c == l.id))
    {
        // Only a preset the folder had, unchanged since, is deleted without `--force`.
        let drift = if !delete {
            None
        } else {
            match lock.and_then(|l| l.presets.values().find(|e| e.id == listed.id)) {
                None => Some(Drift::Unknown),
                Some(entry)
                    if entry.remote != state::body_hash(&state::body_of(&fetch(&listed.id)?)) =>
                {
                    Some(Drift::Changed)
                }
                Some(_) => None,
            }
        };
        out.changes.push(Change {
            action: if delete {
                Action::Delete
            } else {
                Action::RemoteOnly
            },
            name: listed.name.clone(),
            local: None,
            id: Some(listed.id.clone()),
            fields: Vec::new(),
            drift,
        });
    }
    Ok(out)
}

/// Whether the app's body has every field of `fields` as the file sets it (a request whose
/// answer was lost: the app has it when these hold, whatever else it filled in).
pub(crate) fn applied(body: &Map<String, Value>, fields: &[Field]) -> bool {
    fields.iter().all(|field| {
        let mut at = Some(body);
        let mut value = None;
        let keys: Vec<String> = pointer::tokens(&field.pointer)
            .map(|k| k.into_owned())
            .collect();
        for (i, key) in keys.iter().enumerate() {
            let next = at.and_then(|m| m.get(key));
            if i + 1 == keys.len() {
                value = next;
            } else {
                at = next.and_then(Value::as_object);
            }
        }
        match (&field.new, value) {
            (Some(new), Some(now)) => same(new, now),
            (None, None | Some(Value::Null)) => true,
            _ => false,
        }
    })
}

/// The fields that differ between the app's body and the file's, in the file's order (then the
/// app's fields the file lacks). Where both sides hold an object, its members are compared one
/// by one; anything else (arrays, scalars, an object on one side only) is compared whole, as
/// one field (numbers by value: `30` and `30.0` are the same).
pub(crate) fn fields(old: &Map<String, Value>, new: &Map<String, Value>) -> Vec<Field> {
    let mut out = Vec::new();
    members(old, new, "", &mut out);
    out
}

fn members(old: &Map<String, Value>, new: &Map<String, Value>, prefix: &str, out: &mut Vec<Field>) {
    let pointer = |key: &str| format!("{prefix}/{}", pointer::escape(key));
    for (key, value) in new {
        match (old.get(key), value) {
            (Some(Value::Object(before)), Value::Object(after)) => {
                members(before, after, &pointer(key), out);
            }
            (Some(before), after) if same(before, after) => {}
            (before, after) => out.push(Field {
                pointer: pointer(key),
                old: before.cloned(),
                new: Some(after.clone()),
            }),
        }
    }
    // A `null` the app gives a field the file leaves out is the same absence.
    for (key, value) in old
        .iter()
        .filter(|(k, v)| !new.contains_key(*k) && !v.is_null())
    {
        out.push(Field {
            pointer: pointer(key),
            old: Some(value.clone()),
            new: None,
        });
    }
}

/// JSON equality, with numbers compared by value.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// The `PATCH` body of an update: the fields the file sets differently, nested as in the
/// document. `None` when a field is removed: only a `PUT` (2026-06) can do that.
pub(crate) fn patch_body(fields: &[Field]) -> Option<Value> {
    let mut body = Map::new();
    for field in fields {
        let value = field.new.clone()?;
        let keys: Vec<String> = pointer::tokens(&field.pointer)
            .map(|k| k.into_owned())
            .collect();
        let mut at = &mut body;
        for key in &keys[..keys.len() - 1] {
            let slot = at
                .entry(key.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            at = match slot {
                Value::Object(inner) => inner,
                _ => return None,
            };
        }
        at.insert(keys[keys.len() - 1].clone(), value);
    }
    Some(Value::Object(body))
}

/// A value on one line, at most 60 characters (`(absent)` for none).
fn short(value: Option<&Value>) -> String {
    let Some(value) = value else {
        return "(absent)".into();
    };
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text,
    }
}

/// Where the preset lives: its file and id, as far as known.
fn whereabouts(change: &Change) -> String {
    let mut parts = Vec::new();
    if let Some(local) = &change.local {
        parts.push(local.file.clone());
    }
    if let Some(id) = &change.id {
        parts.push(format!("id {id}"));
    }
    parts.join(", ")
}

/// The one-line summary.
pub(crate) fn summary(changes: &Changes) -> String {
    let (create, update, delete, kept) = (
        changes.count(Action::Create),
        changes.count(Action::Update),
        changes.count(Action::Delete),
        changes.count(Action::RemoteOnly),
    );
    let mut line = if changes.pending() == 0 {
        "nothing to change".to_owned()
    } else {
        format!("{create} to create, {update} to update, {delete} to delete")
    };
    let _ = write!(line, "; {} unchanged", changes.unchanged.len());
    if kept > 0 {
        let _ = write!(
            line,
            "; {kept} only in the app, kept (`--delete` deletes {})",
            if kept == 1 { "it" } else { "them" }
        );
    }
    line
}

/// The changes as text, one preset a paragraph.
pub(crate) fn text(changes: &Changes) -> String {
    let mut out = String::new();
    for change in &changes.changes {
        let (mark, what) = match change.action {
            Action::Create => ('+', "create"),
            Action::Update => ('~', "update"),
            Action::Delete => ('-', "delete"),
            Action::RemoteOnly => (' ', "only in the app"),
        };
        let _ = writeln!(
            out,
            "{mark} {what} `{}` ({})",
            change.name,
            whereabouts(change)
        );
        if let Some(drift) = change.drift {
            let _ = writeln!(
                out,
                "    {}: push does this only with --force",
                drift.describe()
            );
        }
        let width = change
            .fields
            .iter()
            .map(|f| f.pointer.len())
            .max()
            .unwrap_or(0);
        for field in &change.fields {
            let _ = writeln!(
                out,
                "    {:width$}  {} -> {}",
                field.pointer,
                short(field.old.as_ref()),
                short(field.new.as_ref())
            );
        }
    }
    let _ = writeln!(out, "{}", summary(changes));
    out
}

/// The changes as JSON: `{version, account, app, api, presets: [...], summary}`.
pub(crate) fn json(changes: &Changes, lock: &Lock) -> String {
    let presets: Vec<Value> = changes
        .changes
        .iter()
        .map(|c| {
            let fields: Vec<Value> = c
                .fields
                .iter()
                .map(|f| json!({"pointer": f.pointer, "old": f.old, "new": f.new}))
                .collect();
            json!({
                "action": c.action.as_str(),
                "name": c.name,
                "file": c.local.as_ref().map(|l| &l.file),
                "id": c.id,
                "fields": fields,
                "changed_remotely": c.drift.is_some(),
                "drift": c.drift.map(Drift::describe),
            })
        })
        .collect();
    let report = json!({
        "version": 1,
        "account": lock.account,
        "app": lock.app,
        "api": lock.api,
        "presets": presets,
        "summary": {
            "create": changes.count(Action::Create),
            "update": changes.count(Action::Update),
            "delete": changes.count(Action::Delete),
            "remote_only": changes.count(Action::RemoteOnly),
            "unchanged": changes.unchanged.len(),
        },
    });
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

/// The changes as Markdown, for a pull request's comment: a heading with the summary, and a
/// table of the fields.
pub(crate) fn markdown(changes: &Changes) -> String {
    let cell = |text: &str| format!("`{}`", text.replace('`', "'").replace('|', "\\|"));
    let mut out = format!("### rtk-preset diff: {}\n\n", summary(changes));
    if changes.changes.is_empty() {
        return out;
    }
    out.push_str("| change | preset | file | field | in the app | in the folder |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for change in &changes.changes {
        let file = change
            .local
            .as_ref()
            .map_or_else(String::new, |l| cell(&l.file));
        let head = format!(
            "| {}{} | {} | {file} |",
            change.action.as_str(),
            change.drift.map_or_else(String::new, |d| format!(
                " ({}: needs --force)",
                d.describe()
            )),
            cell(&change.name)
        );
        if change.fields.is_empty() {
            let _ = writeln!(out, "{head} | | |");
        }
        for field in &change.fields {
            let _ = writeln!(
                out,
                "{head} {} | {} | {} |",
                cell(&field.pointer),
                cell(&short(field.old.as_ref())),
                cell(&short(field.new.as_ref()))
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(text: &str) -> Map<String, Value> {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn fields_differ_by_pointer_and_numbers_by_value() {
        let old = map(r#"{"name":"a","config":{"rate":30,"list":[1,2],"gone":true,"a/b":1}}"#);
        let new = map(r#"{"name":"a","config":{"rate":30.0,"list":[1,3],"a/b":2,"new":{}}}"#);
        let found: Vec<(String, Option<Value>, Option<Value>)> = fields(&old, &new)
            .into_iter()
            .map(|f| (f.pointer, f.old, f.new))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "/config/list".into(),
                    Some(json!([1, 2])),
                    Some(json!([1, 3]))
                ),
                ("/config/a~1b".into(), Some(json!(1)), Some(json!(2))),
                ("/config/new".into(), None, Some(json!({}))),
                ("/config/gone".into(), Some(json!(true)), None),
            ]
        );
    }

    #[test]
    fn a_patch_carries_only_what_changed() {
        let old =
            map(r#"{"name":"a","config":{"media":{"video":{"frame_rate":30,"quality":"hd"}}}}"#);
        let new =
            map(r#"{"name":"a","config":{"media":{"video":{"frame_rate":24,"quality":"hd"}}}}"#);
        assert_eq!(
            patch_body(&fields(&old, &new)),
            Some(json!({"config": {"media": {"video": {"frame_rate": 24}}}}))
        );
        let removed = map(r#"{"name":"a"}"#);
        assert_eq!(patch_body(&fields(&old, &removed)), None);
    }

    #[test]
    fn markdown_cells_stay_cells() {
        let changes = Changes {
            changes: vec![Change {
                action: Action::Update,
                name: "a|b".into(),
                local: None,
                id: Some("1".into()),
                fields: vec![Field {
                    pointer: "/name".into(),
                    old: Some(json!("x`|y")),
                    new: None,
                }],
                drift: None,
            }],
            unchanged: Vec::new(),
        };
        let text = markdown(&changes);
        assert!(
            text.contains("| update | `a\\|b` |  | `/name` | `\"x'\\|y\"` | `(absent)` |"),
            "{text}"
        );
    }
}

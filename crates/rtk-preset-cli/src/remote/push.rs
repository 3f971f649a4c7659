//! `rtk-preset push`: `check` as the gate, the diff, then the requests, each body checked by
//! our own checker first, in an order that frees names before they are taken, each outcome
//! recorded in the lock file as soon as it is known.

use super::changes::{self, Action, Change, Changes, Field};
use super::client::{Created, Failure};
use super::state::{self, Entry, Local, Lock};
use super::{context, exit, run, usage, Context, PushArgs, Stop};
use rtk_preset_core::{ApiRevision, CheckOptions, DocumentKind, KindSelector, Severity};
use serde_json::{json, Map, Value};
use std::io::{BufRead as _, IsTerminal as _};
use std::path::Path;

/// A request of a push, prepared and checked.
struct Request {
    change: Change,
    /// The body to send (none for a delete).
    body: Option<Value>,
    /// `PUT` rather than `PATCH` (the update removes fields).
    replace: bool,
    /// Only a rename to this temporary name: the way out of a cycle of renames (`a` to `b`
    /// while `b` becomes `a`).
    temporary: Option<String>,
}

impl Request {
    fn verb(&self) -> &'static str {
        match self.change.action {
            Action::Create => "POST",
            Action::Update if self.replace => "PUT",
            Action::Update => "PATCH",
            _ => "DELETE",
        }
    }

    fn label(&self) -> String {
        match &self.temporary {
            Some(name) => format!(
                "PATCH `{}` (renamed to `{name}` for a moment)",
                self.change.name
            ),
            None => format!("{} `{}`", self.verb(), self.change.name),
        }
    }
}

/// `rtk-preset push`.
pub(crate) fn push(args: PushArgs) -> u8 {
    run(|| {
        let context = context(&args.remote, false, false)?;
        gate(&context)?;
        let changes = context.compare(args.delete)?;
        print!("{}", changes::text(&changes));
        let mut lock = context.lock_or_new();
        // Presets already the same are recorded, so that a later pull or push knows them.
        for (local, id, body) in &changes.unchanged {
            record(&mut lock, local, id, body);
        }
        if changes.pending() == 0 {
            if !args.dry_run && lock.presets != context.lock_or_new().presets {
                write_lock(&context.dir, &lock)?;
            }
            return Ok(exit::OK);
        }
        let requests = prepare(&context, &changes, args.force)?;
        let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        if args.dry_run || (!args.yes && !interactive) {
            eprintln!(
                "rtk-preset: dry run{}: {} request(s) not sent; pass --yes to send them",
                if args.dry_run {
                    ""
                } else {
                    " (nobody to ask: standard input is not a terminal)"
                },
                requests.len()
            );
            return Ok(exit::OK);
        }
        if !args.yes && !confirm(&context, requests.len()) {
            eprintln!("rtk-preset: nothing sent");
            return Ok(exit::OK);
        }
        send(&context, requests, &mut lock)
    })
}

/// `check` on the folder, as an app: a push goes no further when it finds an error.
fn gate(context: &Context) -> Result<(), Stop> {
    let dir = context.dir.to_string_lossy().into_owned();
    let cli = <crate::Cli as clap::Parser>::try_parse_from([
        "rtk-preset",
        "check",
        "--quiet",
        "--api",
        context.api.as_str(),
        "--",
        &dir,
    ]);
    let Ok(crate::Cli {
        command: crate::Command::Check(check),
    }) = cli
    else {
        return Err(Stop(
            "cannot run the check before the push".into(),
            exit::INTERNAL,
        ));
    };
    match crate::run_check(check) {
        exit::OK => Ok(()),
        exit::FINDINGS => Err(Stop(
            format!(
                "push refused: `rtk-preset check {dir}` found errors (above); fix them, then push"
            ),
            exit::FINDINGS,
        )),
        code => Err(Stop(
            format!("push refused: `rtk-preset check {dir}` could not check the folder (above)"),
            code,
        )),
    }
}

/// The body and method of an update: a `PATCH` of the changed fields, or a `PUT` of the whole
/// file when fields are removed (a PATCH cannot remove one; API 2026-01 has no PUT).
fn update_body(
    context: &Context,
    name: &str,
    fields: &[Field],
    local: &Map<String, Value>,
) -> Result<(Value, bool), Stop> {
    match changes::patch_body(fields) {
        Some(patch) => Ok((patch, false)),
        None if context.api == ApiRevision::V2026_06 => Ok((Value::Object(local.clone()), true)),
        None => Err(usage(format!(
            "nothing sent: `{name}` removes fields ({}), which a PATCH cannot do and API \
             2026-01 has no PUT; remove them in the dashboard",
            fields
                .iter()
                .filter(|f| f.new.is_none())
                .map(|f| f.pointer.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Checks a body with rtk-preset itself, as the document of `kind` it is sent as.
fn checked(context: &Context, name: &str, body: &Value, kind: DocumentKind) -> Result<(), Stop> {
    let options = CheckOptions {
        api: context.api,
        kind: KindSelector::Fixed(kind),
        ..CheckOptions::default()
    };
    let report = rtk_preset_core::check(body.to_string().as_bytes(), &options);
    match report
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
    {
        None => Ok(()),
        Some(error) => Err(Stop(
            format!(
                "internal error: the body for `{name}` is not a valid `{}` document ({} at `{}`: \
                 {}); nothing sent",
                kind.as_str(),
                error.rule,
                error.pointer,
                error.message
            ),
            exit::INTERNAL,
        )),
    }
}

/// The requests of a push, each body checked, in the order they are sent: deletions (they free
/// names), updates (a rename after the one that frees its name; a cycle of renames goes
/// through a temporary name), creations (which may take the names freed).
fn prepare(context: &Context, changes: &Changes, force: bool) -> Result<Vec<Request>, Stop> {
    let (mut deletes, mut updates, mut creates) = (Vec::new(), Vec::new(), Vec::new());
    for change in changes
        .changes
        .iter()
        .filter(|c| c.action != Action::RemoteOnly)
    {
        if let Some(drift) = change.drift.filter(|_| !force) {
            let what = match change.action {
                Action::Create => "create it again",
                Action::Delete => "delete it",
                _ => "overwrite the app's changes",
            };
            return Err(usage(format!(
                "nothing sent: `{}` was {}; pull to see it, then push again (or push --force to \
                 {what})",
                change.name,
                drift
                    .describe()
                    .trim_start_matches("not pulled into this folder: ")
            )));
        }
        let local = change.local.as_ref().map(|l| &l.body);
        let request = |body: Option<Value>, replace| Request {
            change: change.clone(),
            body,
            replace,
            temporary: None,
        };
        match (change.action, local) {
            (Action::Create, Some(local)) => {
                let body = Value::Object(local.clone());
                checked(context, &change.name, &body, DocumentKind::Create)?;
                creates.push(request(Some(body), false));
            }
            (Action::Update, Some(local)) => {
                let (body, replace) = update_body(context, &change.name, &change.fields, local)?;
                let kind = if replace {
                    DocumentKind::Replace
                } else {
                    DocumentKind::Update
                };
                checked(context, &change.name, &body, kind)?;
                updates.push(request(Some(body), replace));
            }
            _ => deletes.push(request(None, false)),
        }
    }
    // A rename to a name that a preset of the app keeps (one with no file, not deleted) would
    // be refused by the app (names are unique), now and on every rerun.
    for update in &updates {
        let Some((_, wanted)) = rename_of(update) else {
            continue;
        };
        let keeper = changes
            .changes
            .iter()
            .find(|c| c.action == Action::RemoteOnly && c.name == wanted);
        if keeper.is_some() {
            return Err(usage(format!(
                "nothing sent: `{}` is renamed to `{wanted}`, a name a preset of the app keeps \
                 (it has no file): push --delete deletes it, or rename it in the dashboard",
                update.change.name
            )));
        }
    }
    let mut requests = deletes;
    for request in ordered_renames(updates) {
        // The temporary renames are bodies too.
        if let (Some(_), Some(body)) = (&request.temporary, &request.body) {
            checked(context, &request.change.name, body, DocumentKind::Update)?;
        }
        requests.push(request);
    }
    requests.extend(creates);
    Ok(requests)
}

/// The name an update takes from the app, and the one it gives up (`None` when it keeps its
/// name).
fn rename_of(request: &Request) -> Option<(String, String)> {
    request
        .change
        .fields
        .iter()
        .find(|f| f.pointer == "/name")
        .and_then(|f| match (&f.old, &f.new) {
            (Some(Value::String(old)), Some(Value::String(new))) => {
                Some((old.clone(), new.clone()))
            }
            _ => None,
        })
}

/// Updates in an order where no rename takes a name another pending update still holds; a
/// cycle is broken by renaming one of its presets to a temporary name first.
fn ordered_renames(updates: Vec<Request>) -> Vec<Request> {
    // (request, the name it holds in the app now, the name it takes).
    let mut pending: Vec<(Request, Option<(String, String)>)> = updates
        .into_iter()
        .map(|r| {
            let rename = rename_of(&r);
            (r, rename)
        })
        .collect();
    let mut out = Vec::new();
    // Each turn sends one update or frees one name: never more turns than twice the updates.
    let mut turns = 2 * pending.len();
    while !pending.is_empty() {
        let waits_for = |wanted: &String, pending: &[(Request, Option<(String, String)>)]| {
            pending
                .iter()
                .any(|(_, other)| other.as_ref().is_some_and(|(held, _)| held == wanted))
        };
        let free = pending.iter().position(|(_, rename)| match rename {
            None => true,
            Some((_, wanted)) => !waits_for(wanted, &pending),
        });
        // Out of turns (which unique names make impossible): the rest in the order they came.
        let pick = if turns == 0 { Some(0) } else { free };
        if let Some(i) = pick {
            out.push(pending.remove(i).0);
            turns = turns.saturating_sub(1);
            continue;
        }
        turns -= 1;
        // A cycle: a rename whose name another one waits for gives it up for a moment.
        let blocker = pending
            .iter()
            .position(|(_, rename)| {
                rename.as_ref().is_some_and(|(held, _)| {
                    pending
                        .iter()
                        .any(|(_, o)| o.as_ref().is_some_and(|(_, w)| w == held))
                })
            })
            .unwrap_or(0);
        let (request, rename) = &mut pending[blocker];
        let id = request.change.id.clone().unwrap_or_default();
        let temporary = format!(
            "{} (rtk-preset renaming {})",
            request.change.name,
            id.get(..8).unwrap_or(&id)
        );
        out.push(Request {
            change: request.change.clone(),
            body: Some(json!({ "name": temporary })),
            replace: false,
            temporary: Some(temporary.clone()),
        });
        if let Some((held, _)) = rename {
            *held = temporary;
        }
    }
    out
}

/// Asks on the terminal whether to send the requests.
fn confirm(context: &Context, count: usize) -> bool {
    eprint!(
        "Send {count} request(s) to app `{}` of account `{}`? [y/N] ",
        context.app, context.account
    );
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    matches!(answer.trim(), "y" | "Y" | "yes" | "Yes" | "YES")
}

/// The lock's entry for a file synced with preset `id`, whose body in the app is `body`
/// (what the app has that the file leaves out, it filled in itself).
fn record(lock: &mut Lock, local: &Local, id: &str, body: &Map<String, Value>) {
    lock.presets
        .retain(|file, e| e.id != id || *file == local.file);
    let filled = changes::fields(body, &local.body)
        .into_iter()
        .filter(|f| f.new.is_none())
        .map(|f| f.pointer)
        .collect();
    lock.presets.insert(
        local.file.clone(),
        Entry {
            id: id.to_owned(),
            name: local.name.clone(),
            file: state::hash(&local.bytes),
            remote: state::body_hash(body),
            filled,
        },
    );
}

fn write_lock(dir: &Path, lock: &Lock) -> Result<(), Stop> {
    lock.write(dir).map_err(|e| {
        usage(format!(
            "cannot write `{}`: {e}",
            dir.join(state::LOCK).display()
        ))
    })
}

/// What became of a request whose answer was lost, once the app is asked.
enum Verified {
    /// The app has it: the line that reports it.
    Applied(String),
    /// The app does not have it.
    NotApplied,
    /// The app could not be asked either.
    Unknown,
}

/// Sends the requests one by one; the lock file is written after each that succeeds, so that a
/// push stopped in the middle is picked up by the next. A request whose answer is lost is
/// checked against the app before the push goes on or stops.
fn send(context: &Context, requests: Vec<Request>, lock: &mut Lock) -> Result<u8, Stop> {
    let total = requests.len();
    let mut done: Vec<String> = Vec::new();
    for (index, request) in requests.iter().enumerate() {
        let failure = match apply_one(context, request, lock) {
            Ok(line) => {
                println!("{line}");
                done.push(request.label());
                write_lock(&context.dir, lock)?;
                continue;
            }
            Err(failure) => failure,
        };
        let verified = if failure.maybe_applied {
            verify(context, request, lock)
        } else {
            Verified::NotApplied
        };
        if let Verified::Applied(line) = verified {
            println!("{line} (the answer was lost; the app has it)");
            done.push(request.label());
            write_lock(&context.dir, lock)?;
            continue;
        }
        println!("{}: failed: {}", request.label(), failure.message);
        let (unknown, left) = match verified {
            Verified::Unknown => (Some(request.label()), &requests[index + 1..]),
            _ => (None, &requests[index..]),
        };
        let list = |names: Vec<String>| {
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        };
        return Err(Stop(
            format!(
                "push stopped after {} of {total} request(s). Sent: {}.{} Not sent: {}. Run \
                 `rtk-preset push` again to send the rest: it starts from what the app has now",
                done.len(),
                list(done),
                unknown.map_or_else(String::new, |u| format!(
                    " Sent, with no answer (it may have been applied): {u}."
                )),
                list(left.iter().map(Request::label).collect())
            ),
            exit::USAGE,
        ));
    }
    println!("pushed {total} change(s) to app `{}`", context.app);
    Ok(exit::OK)
}

/// Asks the app whether a request whose answer was lost was applied (a create already looked
/// for its preset by name: see [`super::client::Client::create`]).
fn verify(context: &Context, request: &Request, lock: &mut Lock) -> Verified {
    let Some(id) = request.change.id.as_deref() else {
        return Verified::Unknown;
    };
    let preset = match context.client.get(id) {
        Ok(preset) => preset,
        Err(failure) if failure.status == Some(404) => {
            return if request.change.action == Action::Delete {
                lock.presets.retain(|_, e| e.id != id);
                Verified::Applied(format!(
                    "DELETE `{}`: deleted, id {id}",
                    request.change.name
                ))
            } else {
                Verified::NotApplied
            };
        }
        Err(_) => return Verified::Unknown,
    };
    let body = state::body_of(&preset);
    let applied = match (&request.temporary, &request.change.local) {
        (Some(name), _) => body.get("name").and_then(Value::as_str) == Some(name),
        (None, Some(_)) if request.change.action == Action::Update => {
            changes::applied(&body, &request.change.fields)
        }
        _ => false,
    };
    if !applied {
        return Verified::NotApplied;
    }
    synced(lock, request, id, &preset);
    Verified::Applied(format!(
        "{}: updated {} field(s)",
        request.label(),
        request.change.fields.len()
    ))
}

/// Records what the app answered for a request in the lock. A temporary rename records the
/// app's body but not the file as synced: the file is not what the app has yet.
fn synced(lock: &mut Lock, request: &Request, id: &str, preset: &Map<String, Value>) {
    let Some(local) = &request.change.local else {
        return;
    };
    let body = state::body_of(preset);
    record(lock, local, id, &body);
    if request.temporary.is_some() {
        if let Some(entry) = lock.presets.get_mut(&local.file) {
            entry.file = String::new();
        }
    }
}

/// Sends one request and records its outcome in the lock; returns the line that reports it.
fn apply_one(context: &Context, request: &Request, lock: &mut Lock) -> Result<String, Failure> {
    let change = &request.change;
    let client = &context.client;
    let body = request.body.clone().unwrap_or(Value::Null);
    match (change.action, change.id.as_deref()) {
        (Action::Create, _) => {
            // Recorded before it is sent: if the answer is lost and this run stops, the next
            // knows the preset of that name as this file's.
            if let Some(local) = &change.local {
                lock.presets.insert(
                    local.file.clone(),
                    Entry {
                        id: String::new(),
                        name: local.name.clone(),
                        file: String::new(),
                        remote: String::new(),
                        filled: Vec::new(),
                    },
                );
                let _ = lock.write(&context.dir);
            }
            let (id, note) = match client.create(&change.name, &body)? {
                Created::Created(preset) => match preset.get("id").and_then(Value::as_str) {
                    Some(id) => {
                        synced(lock, request, id, &preset);
                        (id.to_owned(), "created")
                    }
                    None => {
                        let found = client.list()?.into_iter().find(|l| l.name == change.name);
                        let id = found.map(|l| l.id).ok_or_else(|| Failure {
                            message: "the answer to the create has no id, and the list has no \
                                      preset of that name"
                                .into(),
                            maybe_applied: true,
                            status: None,
                        })?;
                        let preset = client.get(&id)?;
                        synced(lock, request, &id, &preset);
                        (id, "created")
                    }
                },
                Created::Found(id) => {
                    let preset = converge_found(context, request, &id)?;
                    synced(lock, request, &id, &preset);
                    (id, "created (the answer was lost; found it by name)")
                }
            };
            Ok(format!("POST `{}`: {note}, id {id}", change.name))
        }
        (Action::Update, Some(id)) => {
            let preset = if request.replace {
                client.replace(id, &body)?
            } else {
                client.update(id, &body)?
            };
            synced(lock, request, id, &preset);
            Ok(match &request.temporary {
                Some(_) => format!("{}: done", request.label()),
                None => format!(
                    "{}: updated {} field(s)",
                    request.label(),
                    change.fields.len()
                ),
            })
        }
        (_, Some(id)) => {
            client.delete(id)?;
            lock.presets.retain(|_, e| e.id != id);
            Ok(format!("DELETE `{}`: deleted, id {id}", change.name))
        }
        (_, None) => Ok(String::new()),
    }
}

/// A preset whose create answer was lost, found by name: made to match the file (with the
/// same rules as any update: PATCH, or PUT to remove fields, each body checked).
fn converge_found(
    context: &Context,
    request: &Request,
    id: &str,
) -> Result<Map<String, Value>, Failure> {
    let client = &context.client;
    let preset = client.get(id)?;
    let local = request
        .change
        .local
        .as_ref()
        .map(|l| l.body.clone())
        .unwrap_or_default();
    // What the app has beyond the file it filled in itself: the POST carried none of it.
    let fields: Vec<Field> = changes::fields(&state::body_of(&preset), &local)
        .into_iter()
        .filter(|f| f.new.is_some())
        .collect();
    if fields.is_empty() {
        return Ok(preset);
    }
    let refused = |Stop(message, _): Stop| Failure {
        message,
        maybe_applied: false,
        status: None,
    };
    let (body, replace) =
        update_body(context, &request.change.name, &fields, &local).map_err(refused)?;
    let kind = if replace {
        DocumentKind::Replace
    } else {
        DocumentKind::Update
    };
    checked(context, &request.change.name, &body, kind).map_err(refused)?;
    if replace {
        client.replace(id, &body)
    } else {
        client.update(id, &body)
    }
}

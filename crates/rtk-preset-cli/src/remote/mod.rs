//! Presets as code: `pull` an app's presets into a folder of files, `diff` the folder against
//! the app, `push` it back with `check` as the gate.
//!
//! The folder holds one `create` body per preset (`$schema` first, the model's key order) and
//! the lock file `rtk-preset.lock` that maps files to preset ids ([`state`]). The HTTP client
//! ([`client`]) is a native dependency of the CLI only.

mod changes;
mod client;
mod state;

use crate::exit;
use changes::{Action, Changes};
use client::{Client, Created, Failure, Settings};
use rtk_preset_core::{ApiRevision, CheckOptions, DocumentKind, KindSelector};
use serde_json::{Map, Value};
use state::{Entry, Local, Lock};
use std::io::{BufRead as _, IsTerminal as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where the presets are: the flags every remote command takes.
#[derive(clap::Args)]
pub(crate) struct RemoteArgs {
    /// The folder of preset files (its top level: one `*.json` file per preset).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The Cloudflare account id [default: `CLOUDFLARE_ACCOUNT_ID`, else `[remote] account` of
    /// the folder's `rtk-preset.toml`, else the lock file's].
    #[arg(
        long,
        value_name = "ID",
        env = "CLOUDFLARE_ACCOUNT_ID",
        hide_env_values = true
    )]
    account: Option<String>,
    /// The RealtimeKit app id [default: `RTK_PRESET_APP_ID`, else `[remote] app` of the
    /// folder's `rtk-preset.toml`, else the lock file's].
    #[arg(
        long,
        value_name = "ID",
        env = "RTK_PRESET_APP_ID",
        hide_env_values = true
    )]
    app: Option<String>,
    /// The API's base URL (HTTPS; plain HTTP only to localhost). The token comes from
    /// `CLOUDFLARE_API_TOKEN` and is never printed.
    #[arg(long, value_name = "URL", env = "CLOUDFLARE_BASE_URL", hide_env_values = true, default_value = client::DEFAULT_BASE_URL)]
    base_url: String,
    /// The API revision [default: the configuration's `api`, else the lock file's, else 2026-06].
    #[arg(long, value_parser = crate::api_parser())]
    api: Option<ApiRevision>,
    /// Seconds one request may take before it is given up (and tried again).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    timeout: f64,
    /// How many times a request that failed on the way (429, 5xx, timeout, dropped connection)
    /// is tried again.
    #[arg(long, value_name = "N", default_value_t = 4)]
    retries: u32,
    /// Say every request on standard error.
    #[arg(long, short = 'v')]
    verbose: bool,
}

/// `pull`'s flags.
#[derive(clap::Args)]
pub(crate) struct PullArgs {
    #[command(flatten)]
    remote: RemoteArgs,
    /// Overwrite files changed since the last pull, and pull into a folder pulled from another
    /// app.
    #[arg(long)]
    force: bool,
}

/// `diff`'s flags.
#[derive(clap::Args)]
pub(crate) struct DiffArgs {
    #[command(flatten)]
    remote: RemoteArgs,
    /// How to print the changes.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    /// Write the changes to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Count the presets only in the app as deletions (what `push --delete` does).
    #[arg(long)]
    delete: bool,
}

/// `push`'s flags.
#[derive(clap::Args)]
pub(crate) struct PushArgs {
    #[command(flatten)]
    remote: RemoteArgs,
    /// Send the requests without asking (without it, a push that cannot ask, as in CI, is a dry
    /// run).
    #[arg(long, short = 'y')]
    yes: bool,
    /// Show what would be sent, and send nothing.
    #[arg(long, conflicts_with = "yes")]
    dry_run: bool,
    /// Also delete the app's presets that have no file.
    #[arg(long)]
    delete: bool,
    /// Overwrite presets changed in the app since the last pull.
    #[arg(long)]
    force: bool,
}

/// The formats of `diff`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum DiffFormat {
    /// A paragraph per preset, a line per field.
    Text,
    /// `{version, account, app, api, presets: [{action, name, file, id, fields, ...}], summary}`.
    Json,
    /// A heading and a table, for a pull request's comment.
    Markdown,
}

/// A remote command's settings, resolved.
struct Context {
    dir: PathBuf,
    api: ApiRevision,
    client: Client,
    account: String,
    app: String,
    lock: Option<Lock>,
}

/// A failure of a remote command: what to say, and the exit code.
struct Stop(String, u8);

impl From<Failure> for Stop {
    fn from(failure: Failure) -> Stop {
        Stop(failure.message, exit::USAGE)
    }
}

fn usage(message: impl Into<String>) -> Stop {
    Stop(message.into(), exit::USAGE)
}

/// Runs a remote command, saying its failure.
fn run(command: impl FnOnce() -> Result<u8, Stop>) -> u8 {
    match command() {
        Ok(code) => code,
        Err(Stop(message, code)) => {
            eprintln!("rtk-preset: {message}");
            code
        }
    }
}

/// Resolves the flags, the environment, the folder's configuration and its lock file.
fn context(args: &RemoteArgs, pulling: bool, force: bool) -> Result<Context, Stop> {
    let dir = args.dir.clone();
    if pulling {
        std::fs::create_dir_all(&dir)
            .map_err(|e| usage(format!("cannot create `{}`: {e}", dir.display())))?;
    } else if !dir.is_dir() {
        return Err(usage(format!("`{}` is not a folder", dir.display())));
    }
    if state::recover(&dir).map_err(|e| {
        usage(format!(
            "cannot finish the stopped pull in `{}`: {e}",
            dir.display()
        ))
    })? {
        eprintln!(
            "rtk-preset: finished a pull into `{}` that was stopped",
            dir.display()
        );
    }
    let mut configs = crate::files::Configs::default();
    let config = configs
        .for_dir(&dir)
        .map_err(|e| Stop(crate::output::config_error(&e), exit::USAGE))?
        .map(|i| &configs.loaded[i]);
    let lock = Lock::read(&dir).map_err(usage)?;
    let from_config = |pick: fn(&crate::config::Remote) -> &Option<String>| {
        config.and_then(|c| pick(&c.remote).clone())
    };
    let account = args
        .account
        .clone()
        .or_else(|| from_config(|r| &r.account))
        .or_else(|| lock.as_ref().map(|l| l.account.clone()))
        .filter(|a| !a.trim().is_empty())
        .ok_or_else(|| {
            usage("which account? Pass --account ID, set CLOUDFLARE_ACCOUNT_ID, or write `[remote] account = \"ID\"` in rtk-preset.toml")
        })?;
    let app = args
        .app
        .clone()
        .or_else(|| from_config(|r| &r.app))
        .or_else(|| lock.as_ref().map(|l| l.app.clone()))
        .filter(|a| !a.trim().is_empty())
        .ok_or_else(|| {
            usage("which app? Pass --app ID, set RTK_PRESET_APP_ID, or write `[remote] app = \"ID\"` in rtk-preset.toml")
        })?;
    if let Some(lock) = lock
        .as_ref()
        .filter(|l| l.account != account || l.app != app)
    {
        if !(pulling && force) {
            return Err(usage(format!(
                "`{}` was pulled from app `{}` of account `{}`, not app `{app}` of account \
                 `{account}`: use another folder{}",
                dir.display(),
                lock.app,
                lock.account,
                if pulling {
                    ", or pull --force to replace it"
                } else {
                    ""
                }
            )));
        }
    }
    let api = args
        .api
        .or_else(|| config.and_then(|c| c.api))
        .or_else(|| lock.as_ref().and_then(|l| l.api.parse().ok()))
        .unwrap_or_default();
    let token = std::env::var("CLOUDFLARE_API_TOKEN")
        .unwrap_or_default()
        .trim()
        .to_owned();
    if token.is_empty() {
        return Err(usage(
            "set CLOUDFLARE_API_TOKEN to a Cloudflare API token with the Realtime permission",
        ));
    }
    if token.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(usage(
            "CLOUDFLARE_API_TOKEN holds spaces or control characters inside: copy the token again",
        ));
    }
    client::check_base_url(&args.base_url).map_err(usage)?;
    if !(args.timeout > 0.0 && args.timeout <= 3600.0) {
        return Err(usage(
            "--timeout takes a number of seconds above 0, at most 3600",
        ));
    }
    let client = Client::new(Settings {
        base: args.base_url.clone(),
        token,
        account: account.clone(),
        app: app.clone(),
        timeout: Duration::from_secs_f64(args.timeout),
        retries: args.retries,
        verbose: args.verbose,
    });
    Ok(Context {
        dir,
        api,
        client,
        account,
        app,
        lock,
    })
}

impl Context {
    /// The lock file as it is, or a new one for this app.
    fn lock_or_new(&self) -> Lock {
        let mut lock = self
            .lock
            .clone()
            .filter(|l| l.account == self.account && l.app == self.app)
            .unwrap_or_else(|| Lock::new(&self.account, &self.app, self.api));
        lock.api = self.api.as_str().to_owned();
        lock
    }

    /// The folder against the app.
    fn compare(&self, delete: bool) -> Result<Changes, Stop> {
        let locals = state::read_local(&self.dir).map_err(usage)?;
        let listed = self.client.list()?;
        // Every preset of the app, read at once (several at a time).
        let ids: Vec<&str> = listed.iter().map(|l| l.id.as_str()).collect();
        let bodies = self.client.get_all(&ids)?;
        let fetch = |id: &str| {
            let at = ids.iter().position(|i| *i == id);
            match at {
                Some(at) => Ok(bodies[at].clone()),
                None => self.client.get(id),
            }
        };
        Ok(changes::compare(
            locals,
            self.lock.as_ref(),
            &listed,
            delete,
            &fetch,
        )?)
    }
}

/// `rtk-preset pull`.
pub(crate) fn pull(args: PullArgs) -> u8 {
    run(|| {
        let context = context(&args.remote, true, args.force)?;
        // The lock of this app (another app's is replaced only with --force: see `context`).
        let previous = context.lock.clone();
        let old = previous
            .clone()
            .filter(|l| l.account == context.account && l.app == context.app);
        let listed = context.client.list()?;
        let ids: Vec<&str> = listed.iter().map(|l| l.id.as_str()).collect();
        let bodies = context.client.get_all(&ids)?;
        let remote: Vec<(&client::Listed, Map<String, Value>)> = listed
            .iter()
            .zip(bodies.iter().map(state::body_of))
            .collect();
        // Files of the folder that are presets but not in the lock: a preset of the app with
        // their name goes there (not into a second file of the same name).
        let locals = state::read_local(&context.dir).unwrap_or_default();
        let on_disk: Vec<String> = std::fs::read_dir(&context.dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let managed = |file: &str| {
            previous
                .as_ref()
                .is_some_and(|l| l.presets.contains_key(file))
        };
        let mut lock = context.lock_or_new();
        lock.presets.clear();
        let mut writes: Vec<(String, Vec<u8>)> = Vec::new();
        let mut conflicts = Vec::new();
        let (mut new, mut updated, mut unchanged) = (0, 0, 0);
        for (preset, body) in &remote {
            let kept = old.as_ref().and_then(|l| l.file_of(&preset.id));
            let named = locals
                .iter()
                .find(|l| l.name == preset.name && !managed(&l.file))
                .map(|l| l.file.as_str());
            let file = match kept.or(named) {
                Some(file) => file.to_owned(),
                // A new name: not one this pull writes, not a file another preset of the app
                // keeps, not a file of the folder the last pull did not write (compared
                // ignoring case, as many file systems do).
                None => state::file_name(&preset.name, &|candidate| {
                    let taken = |f: &str| f.eq_ignore_ascii_case(candidate);
                    writes.iter().any(|(w, _)| taken(w))
                        || remote.iter().any(|(p, _)| {
                            old.as_ref()
                                .and_then(|l| l.file_of(&p.id))
                                .is_some_and(taken)
                        })
                        || on_disk.iter().any(|f| taken(f) && !managed(f))
                }),
            };
            let bytes = state::file_text(body, context.api);
            match std::fs::read(context.dir.join(&file)) {
                Ok(disk) if disk == bytes => unchanged += 1,
                Ok(disk) => {
                    // Safe to overwrite: the file as last synced, or one that says what the app
                    // says in other words (another key order or indentation).
                    let synced = old
                        .as_ref()
                        .and_then(|l| l.presets.get(&file))
                        .is_some_and(|e| e.file == state::hash(&disk))
                        || state::same_body(&disk, body);
                    if !synced && !args.force {
                        conflicts.push(format!(
                            "`{file}` has changes that are not in the app (push them, or \
                             pull --force to drop them)"
                        ));
                    }
                    updated += 1;
                }
                Err(_) => new += 1,
            }
            lock.presets.insert(
                file.clone(),
                Entry {
                    id: preset.id.clone(),
                    name: preset.name.clone(),
                    file: state::hash(&bytes),
                    remote: state::body_hash(body),
                },
            );
            writes.push((file, bytes));
        }
        // Files of the last pull with no preset now: deleted in the app (or, after pull
        // --force from another app, that app's).
        let mut removes = Vec::new();
        for (file, entry) in previous.iter().flat_map(|l| &l.presets) {
            if lock.presets.contains_key(file) {
                continue;
            }
            match std::fs::read(context.dir.join(file)) {
                Ok(disk) if state::hash(&disk) != entry.file && !args.force => {
                    conflicts.push(format!(
                        "`{file}`'s preset `{}` is not in the app, and the file has changes \
                         since the last pull (move it away, or pull --force to delete it)",
                        entry.name
                    ))
                }
                Ok(_) => removes.push(file.clone()),
                Err(_) => {}
            }
        }
        if !conflicts.is_empty() {
            for conflict in &conflicts {
                eprintln!("rtk-preset: {conflict}");
            }
            return Err(usage(format!(
                "nothing pulled: {} file(s) would lose changes",
                conflicts.len()
            )));
        }
        let changed: Vec<(String, Vec<u8>)> = writes
            .into_iter()
            .filter(|(file, bytes)| {
                std::fs::read(context.dir.join(file)).ok().as_ref() != Some(bytes)
            })
            .collect();
        state::apply(&context.dir, &changed, &removes, &lock).map_err(|e| {
            usage(format!(
                "cannot write into `{}`: {e}",
                context.dir.display()
            ))
        })?;
        println!(
            "pulled {} preset(s) of app `{}` into `{}`: {new} new, {updated} updated, {unchanged} \
             unchanged, {} removed",
            remote.len(),
            context.app,
            context.dir.display(),
            removes.len()
        );
        Ok(exit::OK)
    })
}

/// `rtk-preset diff`.
pub(crate) fn diff(args: DiffArgs) -> u8 {
    run(|| {
        let context = context(&args.remote, false, false)?;
        let changes = context.compare(args.delete)?;
        let text = match args.format {
            DiffFormat::Text => changes::text(&changes),
            DiffFormat::Json => changes::json(&changes, &context.lock_or_new()),
            DiffFormat::Markdown => changes::markdown(&changes),
        };
        let code = if changes.pending() == 0 {
            exit::OK
        } else {
            exit::FINDINGS
        };
        Ok(crate::emit(&text, args.output.as_ref(), code))
    })
}

/// A request of a push, prepared and checked.
struct Request {
    change: changes::Change,
    /// The body to send (none for a delete).
    body: Option<Value>,
    /// `PUT` rather than `PATCH` (the update removes fields).
    replace: bool,
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
            if lock.presets != context.lock_or_new().presets {
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

/// The requests of a push, each body checked by our own checker as the document it is sent as.
fn prepare(context: &Context, changes: &Changes, force: bool) -> Result<Vec<Request>, Stop> {
    let mut requests = Vec::new();
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
        let local_body = change.local.as_ref().map(|l| Value::Object(l.body.clone()));
        let (body, kind, replace) = match change.action {
            Action::Create => (local_body, Some(DocumentKind::Create), false),
            Action::Update => match changes::patch_body(&change.fields) {
                Some(patch) => (Some(patch), Some(DocumentKind::Update), false),
                None if context.api == ApiRevision::V2026_06 => {
                    (local_body, Some(DocumentKind::Replace), true)
                }
                None => {
                    return Err(usage(format!(
                        "nothing sent: `{}` removes fields ({}), which a PATCH cannot do and \
                         API 2026-01 has no PUT; remove them in the dashboard",
                        change.name,
                        change
                            .fields
                            .iter()
                            .filter(|f| f.new.is_none())
                            .map(|f| f.pointer.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )))
                }
            },
            _ => (None, None, false),
        };
        if let (Some(body), Some(kind)) = (&body, kind) {
            let options = CheckOptions {
                api: context.api,
                kind: KindSelector::Fixed(kind),
                ..CheckOptions::default()
            };
            let report = rtk_preset_core::check(body.to_string().as_bytes(), &options);
            if let Some(error) = report
                .diagnostics
                .iter()
                .find(|d| d.severity == rtk_preset_core::Severity::Error)
            {
                return Err(Stop(
                    format!(
                        "internal error: the {} body for `{}` is not a valid `{}` document ({} at `{}`: {}); nothing sent",
                        kind.as_str(),
                        change.name,
                        kind.as_str(),
                        error.rule,
                        error.pointer,
                        error.message
                    ),
                    exit::INTERNAL,
                ));
            }
        }
        requests.push(Request {
            change: change.clone(),
            body,
            replace,
        });
    }
    // Updates first (a renamed preset frees its old name), then deletions (they free names
    // too), then creations, which may take those names.
    requests.sort_by_key(|r| match r.change.action {
        Action::Update => 0,
        Action::Delete => 1,
        _ => 2,
    });
    Ok(requests)
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

/// The lock's entry for a file synced with preset `id`, whose body in the app is `body`.
fn record(lock: &mut Lock, local: &Local, id: &str, body: &Map<String, Value>) {
    lock.presets
        .retain(|file, e| e.id != id || *file == local.file);
    lock.presets.insert(
        local.file.clone(),
        Entry {
            id: id.to_owned(),
            name: local.name.clone(),
            file: state::hash(&local.bytes),
            remote: state::body_hash(body),
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

/// Sends the requests one by one; the lock file is written after each that succeeds, so that a
/// push stopped in the middle is picked up by the next.
fn send(context: &Context, requests: Vec<Request>, lock: &mut Lock) -> Result<u8, Stop> {
    let total = requests.len();
    let mut done: Vec<String> = Vec::new();
    for (index, request) in requests.iter().enumerate() {
        let change = &request.change;
        let outcome = apply_one(context, request, lock);
        match outcome {
            Ok(line) => {
                println!("{line}");
                done.push(format!("{} `{}`", verb(request), change.name));
                write_lock(&context.dir, lock)?;
            }
            Err(failure) => {
                println!(
                    "{} `{}`: failed: {}",
                    verb(request),
                    change.name,
                    failure.message
                );
                let name = |r: &Request| format!("{} `{}`", verb(r), r.change.name);
                let (unknown, left) = if failure.maybe_applied {
                    (Some(name(request)), &requests[index + 1..])
                } else {
                    (None, &requests[index..])
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
                        "push stopped after {} of {total} request(s). Sent: {}.{} Not sent: {}. \
                         Run `rtk-preset push` again to send the rest: it starts from what the \
                         app has now",
                        done.len(),
                        list(done),
                        unknown.map_or_else(String::new, |u| format!(
                            " Sent, with no answer (it may have been applied): {u}."
                        )),
                        list(left.iter().map(name).collect())
                    ),
                    exit::USAGE,
                ));
            }
        }
    }
    println!("pushed {total} change(s) to app `{}`", context.app);
    Ok(exit::OK)
}

fn verb(request: &Request) -> &'static str {
    match request.change.action {
        Action::Create => "POST",
        Action::Update if request.replace => "PUT",
        Action::Update => "PATCH",
        _ => "DELETE",
    }
}

/// Sends one request and records its outcome in the lock; returns the line that reports it.
fn apply_one(context: &Context, request: &Request, lock: &mut Lock) -> Result<String, Failure> {
    let change = &request.change;
    let client = &context.client;
    let body = request.body.clone().unwrap_or(Value::Null);
    let synced = |lock: &mut Lock, id: &str, preset: &Map<String, Value>| {
        if let Some(local) = &change.local {
            record(lock, local, id, &state::body_of(preset));
        }
    };
    match (change.action, change.id.as_deref()) {
        (Action::Create, _) => {
            let (id, note) = match client.create(&change.name, &body)? {
                Created::Created(preset) => {
                    let id = preset
                        .get("id")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    synced(lock, &id, &preset);
                    (id, "created")
                }
                Created::Found(id) => {
                    // The answer was lost; the preset is there: make it match the file.
                    let preset = client.get(&id)?;
                    let local = change
                        .local
                        .as_ref()
                        .map(|l| l.body.clone())
                        .unwrap_or_default();
                    let fields = changes::fields(&state::body_of(&preset), &local);
                    let preset = match changes::patch_body(&fields) {
                        Some(_) if fields.is_empty() => preset,
                        Some(patch) => client.update(&id, &patch)?,
                        None => client.replace(&id, &body)?,
                    };
                    synced(lock, &id, &preset);
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
            synced(lock, id, &preset);
            Ok(format!(
                "{} `{}`: updated {} field(s)",
                verb(request),
                change.name,
                change.fields.len()
            ))
        }
        (_, Some(id)) => {
            client.delete(id)?;
            lock.presets.retain(|_, e| e.id != id);
            Ok(format!("DELETE `{}`: deleted, id {id}", change.name))
        }
        (_, None) => Ok(String::new()),
    }
}

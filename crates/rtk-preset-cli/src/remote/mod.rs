//! Presets as code: `pull` an app's presets into a folder of files, `diff` the folder against
//! the app, `push` it back with `check` as the gate.
//!
//! The folder holds one `create` body per preset (`$schema` first, the model's key order) and
//! the lock file `rtk-preset.lock` that maps files to preset ids ([`state`]). The HTTP client
//! ([`client`]) is a native dependency of the CLI only.

mod changes;
mod client;
mod pull;
mod push;
mod state;

use crate::exit;
use changes::Changes;
use client::{Client, Failure, Settings};
pub(crate) use pull::pull;
pub(crate) use push::push;
use rtk_preset_core::ApiRevision;
use state::Lock;
use std::path::PathBuf;
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
    // The flag (or its environment variable), else the configuration's `[remote]`, else the
    // lock file's.
    let resolve = |flag: &Option<String>,
                   configured: fn(&crate::config::Remote) -> &Option<String>,
                   locked: fn(&Lock) -> &String,
                   what: &str,
                   variable: &str| {
        flag.clone()
            .or_else(|| config.and_then(|c| configured(&c.remote).clone()))
            .or_else(|| lock.as_ref().map(|l| locked(l).clone()))
            .filter(|v| !v.trim().is_empty())
            .ok_or_else(|| {
                usage(format!(
                    "which {what}? Pass --{what} ID, set {variable}, or write `[remote] {what} = \"ID\"` in rtk-preset.toml"
                ))
            })
    };
    let account = resolve(
        &args.account,
        |r| &r.account,
        |l| &l.account,
        "account",
        "CLOUDFLARE_ACCOUNT_ID",
    )?;
    let app = resolve(
        &args.app,
        |r| &r.app,
        |l| &l.app,
        "app",
        "RTK_PRESET_APP_ID",
    )?;
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

//! Finding the documents to check and their configuration ([`collect`], [`app_context`]), reading
//! them ([`read`]), checking them app by app in parallel ([`check`]), and writing fixes
//! ([`write`]).

mod check;
mod read;
mod write;

pub(crate) use check::{check_streamed, Checks, Job, Loaded};
pub(crate) use read::{read_for_fix, read_stdin};
pub(crate) use write::{hard_links, write_atomically};

use crate::config::{self, Config, ConfigError};
use foldhash::{HashMap, HashMapExt as _, HashSet, HashSetExt as _};
use std::path::{Path, PathBuf};

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Source {
    /// Standard input (`-`), and the path `--stdin-filename` gives it.
    Stdin(Option<PathBuf>),
    /// A file.
    File(PathBuf),
}

impl Source {
    /// The name the report shows, borrowed where it can be: reports hold thousands of documents,
    /// and a copy of each name was a tenth of the memory a run keeps until its report.
    pub(crate) fn name(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Source::Stdin(None) => "<stdin>".into(),
            Source::Stdin(Some(path)) | Source::File(path) => path.to_string_lossy(),
        }
    }
}

/// One document to check, with the configuration that governs it.
pub(crate) struct Input {
    pub(crate) source: Source,
    /// Index into the loaded configurations.
    pub(crate) config: Option<usize>,
    /// Read only so that app-level rules see the whole app: not reported on.
    pub(crate) context: bool,
    /// Found by walking a directory named on the command line: the walk saw every file of the
    /// directory, so its app needs no other files read as context.
    pub(crate) walked: bool,
    /// Checked only if it is a preset document ([`rtk_preset_core::select`]): found in a walk (or
    /// named with `--force-exclude`) where no `include` says which files are presets.
    pub(crate) only_presets: bool,
}

/// What the command line's paths expand to.
#[derive(Default)]
pub(crate) struct Collected {
    /// The documents to check, each once.
    pub(crate) inputs: Vec<Input>,
    /// The paths that could not be read, as messages.
    pub(crate) problems: Vec<String>,
    /// JSON files found that the configuration's `include` and `exclude` leave out.
    pub(crate) excluded: usize,
    /// Symbolic links a walk met and did not follow (to a JSON file or a directory).
    pub(crate) links: Vec<PathBuf>,
    /// Links a walk with `--follow` did not follow again, because they lead back to a directory
    /// being walked: each as the message that says so.
    pub(crate) loops: Vec<String>,
}

/// How the command line's paths are expanded.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Walk<'a> {
    /// Apply the walk's selection to files named on the command line too.
    pub(crate) force_exclude: bool,
    /// Follow symbolic links in directories (`--follow`).
    pub(crate) follow: bool,
    /// The path standard input stands for (`--stdin-filename`).
    pub(crate) stdin_name: Option<&'a Path>,
}

/// The configurations in force, loaded once each.
#[derive(Default)]
pub(crate) struct Configs {
    pub(crate) loaded: Vec<Config>,
    /// By the directory's path as written (bytes: hashing a `Path` parses its components).
    by_dir: HashMap<std::ffi::OsString, Option<usize>>,
    pub(crate) explicit: Option<usize>,
}

impl Configs {
    /// Uses one configuration for every file (`--config`).
    pub(crate) fn explicit(config: Config) -> Configs {
        Configs {
            loaded: vec![config],
            by_dir: HashMap::new(),
            explicit: Some(0),
        }
    }

    /// The configuration for a file in `dir`: the explicit one, or the nearest `rtk-preset.toml`
    /// in `dir` or above it. Each directory is looked at once: its answer is remembered, and a
    /// directory without a configuration file takes its parent's.
    pub(crate) fn for_dir(&mut self, dir: &Path) -> Result<Option<usize>, ConfigError> {
        if self.explicit.is_some() {
            return Ok(self.explicit);
        }
        if let Some(&known) = self.by_dir.get(dir.as_os_str()) {
            return Ok(known);
        }
        let Ok(absolute) = absolute(dir) else {
            return Ok(None);
        };
        let found = match config::in_dir(&absolute) {
            Some(path) => match self.loaded.iter().position(|c| c.path == path) {
                Some(i) => Some(i),
                None => {
                    self.loaded.push(Config::load(&path)?);
                    Some(self.loaded.len() - 1)
                }
            },
            None => match absolute.parent() {
                Some(up) => self.for_dir(up)?,
                None => None,
            },
        };
        self.by_dir.insert(absolute.clone().into_os_string(), found);
        self.by_dir.insert(dir.as_os_str().to_owned(), found);
        Ok(found)
    }
}

pub(crate) fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Whether the files a configuration governs are checked only when they are preset documents:
/// unless its `include` says which files are presets, the walk guesses by content.
fn guesses(config: Option<usize>, configs: &Configs) -> bool {
    config.is_none_or(|c| !configs.loaded[c].has_include())
}

/// The directories a walk does not enter, wherever they are: installed packages.
const NOT_WALKED: [&str; 1] = ["node_modules"];

/// Expands the command line's paths: files as given (a symbolic link is followed), directories
/// searched recursively for `*.json` (honouring `.gitignore` inside a git repository or not,
/// skipping hidden entries and `node_modules`, and the configuration's `include` and `exclude`;
/// without an `include`, a walked file is checked only if it is a preset document; symbolic links
/// are followed only with `--follow`, and the ones not followed are collected to be said), `-` for
/// standard input. A file reached twice (named twice, named and inside a named directory, or
/// through a link) is one input. Hands each input to `found` as soon as it is known (so checking
/// can start while the walk goes on).
pub(crate) fn collect(
    paths: &[PathBuf],
    configs: &mut Configs,
    walk: Walk<'_>,
    found: &mut dyn FnMut(&Input, &Configs),
) -> Result<Collected, ConfigError> {
    let force_exclude = walk.force_exclude;
    let mut collected = Collected::default();
    let inputs = &mut collected.inputs;
    let problems = &mut collected.problems;
    // Each file once, by its canonical path: a walk's files are its root's canonical path joined
    // with their place under the root (a walk that follows no links meets no other spelling), so
    // only the roots cost a lookup; with `--follow`, each file does.
    // Keyed by the bytes of the canonical path: hashing a `Path` parses its components.
    // One path walked without following links reaches each file once: nothing to remember (a
    // hundred bytes a file, kept to the end of the run).
    let single_walk = matches!(paths, [only] if !walk.follow && only.is_dir());
    let mut seen: HashSet<std::ffi::OsString> = HashSet::new();
    let mut push = |input: Input, key: Option<PathBuf>, configs: &Configs| {
        if key.is_some_and(|key| !seen.insert(key.into_os_string())) {
            return;
        }
        found(&input, configs);
        inputs.push(input);
    };
    for path in paths {
        if path.as_os_str() == "-" {
            // Configured as the file it stands for, if `--stdin-filename` names one.
            let dir = walk.stdin_name.map_or(Path::new("."), parent);
            let config = configs.for_dir(dir)?;
            let input = Input {
                source: Source::Stdin(walk.stdin_name.map(Path::to_owned)),
                config,
                context: false,
                walked: false,
                only_presets: false,
            };
            push(input, None, configs);
        } else if path.is_dir() {
            let root = canonical(path);
            // Sorted by name within each directory, depth first: the paths come in order.
            let entries = ignore::WalkBuilder::new(path)
                .sort_by_file_name(|a, b| a.cmp(b))
                .require_git(false)
                .follow_links(walk.follow)
                .filter_entry(|e| {
                    e.depth() == 0 || !NOT_WALKED.iter().any(|name| e.file_name() == *name)
                })
                .build();
            for entry in entries {
                let file = match entry {
                    Ok(entry) => {
                        let kind = entry.file_type();
                        // Not followed (without `--follow`): said, if it leads to a JSON file or
                        // a directory.
                        if kind.is_some_and(|t| t.is_symlink()) {
                            if is_json(entry.path()) || entry.path().is_dir() {
                                collected.links.push(entry.into_path());
                            }
                            continue;
                        }
                        if !kind.is_some_and(|t| t.is_file()) || !is_json(entry.path()) {
                            continue;
                        }
                        entry.into_path()
                    }
                    Err(e) if loop_in(&e).is_some() => {
                        let (ancestor, child) = loop_in(&e).unwrap_or_default();
                        collected.loops.push(format!(
                            "`{}` leads back to `{}`: a loop, not followed again",
                            child.display(),
                            ancestor.display()
                        ));
                        continue;
                    }
                    Err(e) => {
                        problems.push(format!("cannot read `{}`: {e}", path.display()));
                        continue;
                    }
                };
                let config = configs.for_dir(parent(&file))?;
                if config.is_some_and(|c| !configs.loaded[c].selects(&file)) {
                    collected.excluded += 1;
                    continue;
                }
                let key = if single_walk {
                    None
                } else if walk.follow {
                    Some(canonical(&file))
                } else {
                    file.strip_prefix(path).map(|under| root.join(under)).ok()
                };
                let input = Input {
                    source: Source::File(file),
                    config,
                    context: false,
                    walked: true,
                    only_presets: guesses(config, configs),
                };
                push(input, key, configs);
            }
        } else if let Some(kind) = special_file(path) {
            problems.push(format!(
                "cannot read `{}`: it is {kind}, not a regular file (reading it could wait \
                 forever); to check a stream, pipe it to standard input: `rtk-preset check - < …`",
                path.display()
            ));
        } else if path.exists() {
            let config = configs.for_dir(parent(path))?;
            let selected = !force_exclude || config.is_none_or(|c| configs.loaded[c].selects(path));
            if !selected {
                collected.excluded += 1;
                continue;
            }
            let input = Input {
                source: Source::File(path.clone()),
                config,
                context: false,
                walked: false,
                // A file named on the command line is checked, unless `--force-exclude` asks for
                // the walk's selection (as the pre-commit hooks do).
                only_presets: force_exclude && guesses(config, configs),
            };
            push(input, Some(canonical(path)), configs);
        } else {
            problems.push(format!(
                "cannot read `{}`: no such file or directory",
                path.display()
            ));
        }
    }
    Ok(collected)
}

/// The directory and the link of a file-system loop that a walk with `--follow` met.
fn loop_in(error: &ignore::Error) -> Option<(PathBuf, PathBuf)> {
    match error {
        ignore::Error::Loop { ancestor, child } => Some((ancestor.clone(), child.clone())),
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => loop_in(err),
        _ => None,
    }
}

/// `std::path::absolute`, against the working directory read once: `std::path::absolute` reads
/// it again on every call, a system call per file of a walk (nothing here changes directory).
pub(crate) fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    match CWD.get_or_init(|| std::env::current_dir().ok()) {
        Some(cwd) if path.is_relative() => std::path::absolute(cwd.join(path)),
        _ => std::path::absolute(path),
    }
}

/// The canonical form of an existing path (links resolved), or else its absolute form.
pub(super) fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| absolute(path))
        .unwrap_or_else(|_| path.to_owned())
}

/// What `path` is when it is neither a regular file nor a directory (a named pipe, a socket, a
/// device), for the message that refuses it.
fn special_file(path: &Path) -> Option<&'static str> {
    let kind = std::fs::metadata(path).ok()?.file_type();
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

pub(crate) fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Which presets are checked together by the app-level rules.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum AppKey {
    /// Standard input: an app of its own.
    Stdin,
    /// Every `*.json` file of one directory (the default).
    Directory(PathBuf),
    /// An `[[apps]]` entry of a configuration: its path and the app's name.
    Named(PathBuf, String),
    /// One file on its own (`app = "file"` in the configuration).
    File(PathBuf),
}

/// The app an input belongs to.
pub(super) fn app_key(source: &Source, config: Option<&Config>) -> AppKey {
    match (source, config) {
        (Source::Stdin(None), _) => AppKey::Stdin,
        // Named by `--stdin-filename`: in the app of the file it stands for.
        (Source::Stdin(Some(file)), config) => app_key(&Source::File(file.clone()), config),
        (Source::File(file), config) => {
            match config.and_then(|c| c.app_for(file).map(|a| (c, a))) {
                Some((c, app)) => AppKey::Named(c.path.clone(), app.to_owned()),
                None if config.is_some_and(|c| c.app_per_file) => AppKey::File(file.clone()),
                None => AppKey::Directory(parent(file).to_owned()),
            }
        }
    }
}

/// The other presets of the apps that `documents` belong to, which were not named: app-level rules
/// judge a preset against its whole app even when only one file of it is checked (as pre-commit
/// does). Directory apps take the directory's `*.json` files; `[[apps]]` apps the files their globs
/// match under the configuration's directory.
pub(crate) fn app_context(
    inputs: &[Input],
    configs: &mut Configs,
) -> Result<Vec<Input>, ConfigError> {
    let mut walked: HashSet<&std::ffi::OsStr> = HashSet::new();
    for input in inputs.iter().filter(|i| i.walked) {
        if let Source::File(path) = &input.source {
            walked.insert(parent(path).as_os_str());
        }
    }
    let mut apps: Vec<AppKey> = inputs
        .iter()
        .map(|i| app_key(&i.source, i.config.map(|c| &configs.loaded[c])))
        .filter(|app| !matches!(app, AppKey::Directory(dir) if walked.contains(dir.as_os_str())))
        .collect();
    apps.dedup();
    let mut unique = HashSet::new();
    apps.retain(|app| unique.insert(app.clone()));
    let mut found: Vec<PathBuf> = Vec::new();
    for app in &apps {
        match app {
            AppKey::Named(config_path, name) => {
                let Some(index) = configs.loaded.iter().position(|c| &c.path == config_path) else {
                    continue;
                };
                let dir = parent(config_path).to_owned();
                for entry in ignore::WalkBuilder::new(&dir).build().flatten() {
                    let path = entry.into_path();
                    let config = &configs.loaded[index];
                    if is_json(&path)
                        && path.is_file()
                        && config.app_for(&path) == Some(name.as_str())
                        && config.selects(&path)
                    {
                        found.push(path);
                    }
                }
            }
            AppKey::Directory(dir) => {
                let mut siblings: Vec<PathBuf> = std::fs::read_dir(dir)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .filter(|e| is_json(Path::new(&e.file_name())))
                    .filter_map(|e| {
                        // Keep the spelling of the named files' directory.
                        let path = if dir.as_os_str() == "." {
                            PathBuf::from(e.file_name())
                        } else {
                            dir.join(e.file_name())
                        };
                        // The entry's type costs no `stat` on most file systems; a link is
                        // followed.
                        let file = match e.file_type() {
                            Ok(t) if t.is_symlink() => path.is_file(),
                            Ok(t) => t.is_file(),
                            Err(_) => false,
                        };
                        file.then_some(path)
                    })
                    .collect();
                siblings.sort();
                let config = configs.for_dir(dir)?;
                for path in siblings {
                    let belongs = config.is_none_or(|c| {
                        let c = &configs.loaded[c];
                        c.selects(&path) && c.app_for(&path).is_none()
                    });
                    if belongs {
                        found.push(path);
                    }
                }
            }
            AppKey::Stdin | AppKey::File(_) => {}
        }
    }
    if found.is_empty() {
        // Every app was walked whole (or is one file): no context to read.
        return Ok(Vec::new());
    }
    let absolute = |p: &Path| absolute(p).unwrap_or_else(|_| p.to_owned());
    // Sets of paths are keyed by their bytes: hashing a `Path` parses its components.
    let known: HashSet<std::ffi::OsString> = inputs
        .iter()
        .filter_map(|d| match &d.source {
            // The file standard input stands for is not read beside it.
            Source::File(path) | Source::Stdin(Some(path)) => Some(absolute(path).into_os_string()),
            Source::Stdin(None) => None,
        })
        .collect();
    // A context file that is a named file under another name (a hard link, or a link into the
    // same directory) is not another preset of the app.
    let named: HashSet<FileId> = inputs
        .iter()
        .filter(|i| !i.walked)
        .filter_map(|i| match &i.source {
            Source::File(path) | Source::Stdin(Some(path)) => file_id(path),
            Source::Stdin(None) => None,
        })
        .collect();
    let mut seen = known;
    let mut inputs = Vec::new();
    for path in found {
        if seen.insert(absolute(&path).into_os_string())
            && file_id(&path).is_none_or(|id| !named.contains(&id))
        {
            let config = configs.for_dir(parent(&path))?;
            inputs.push(Input {
                source: Source::File(path),
                config,
                context: true,
                walked: false,
                only_presets: guesses(config, configs),
            });
        }
    }
    Ok(inputs)
}

/// A file's identity on its file system: its device and inode (none where the platform has no
/// such notion), the same for every name and link of one file.
pub(super) type FileId = (u64, u64);

pub(super) fn file_id(path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

//! Finding the documents to check and their configuration, reading them, fixing them, and checking
//! them app by app in parallel.

use crate::config::{self, Config, ConfigError};
use rayon::prelude::*;
use rtk_preset_core::{CheckOptions, Document, Report};
use std::collections::{BTreeMap, HashMap};
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Source {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// The name the report shows.
    pub(crate) fn display(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_owned(),
            Source::File(path) => path.display().to_string(),
        }
    }
}

/// One document to check, with the configuration that governs it.
pub(crate) struct Input {
    pub(crate) source: Source,
    /// Index into the loaded configurations.
    pub(crate) config: Option<usize>,
}

/// The configurations in force, loaded once each.
#[derive(Default)]
pub(crate) struct Configs {
    pub(crate) loaded: Vec<Config>,
    by_dir: HashMap<PathBuf, Option<usize>>,
    explicit: Option<usize>,
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

    /// The configuration for a file in `dir`: the explicit one, or the nearest `rtk-preset.toml`.
    fn for_dir(&mut self, dir: &Path) -> Result<Option<usize>, ConfigError> {
        if self.explicit.is_some() {
            return Ok(self.explicit);
        }
        if let Some(&known) = self.by_dir.get(dir) {
            return Ok(known);
        }
        let found = match config::discover(dir) {
            Some(path) => match self.loaded.iter().position(|c| c.path == path) {
                Some(i) => Some(i),
                None => {
                    self.loaded.push(Config::load(&path)?);
                    Some(self.loaded.len() - 1)
                }
            },
            None => None,
        };
        self.by_dir.insert(dir.to_owned(), found);
        Ok(found)
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Expands the command line's paths: files as given, directories searched recursively for
/// `*.json` (honouring `.gitignore`, skipping hidden entries, and the configuration's `include`
/// and `exclude`), `-` for standard input. Returns the inputs and the paths that could not be read.
pub(crate) fn collect(
    paths: &[PathBuf],
    configs: &mut Configs,
    force_exclude: bool,
) -> Result<(Vec<Input>, Vec<String>), ConfigError> {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let config = configs.for_dir(Path::new("."))?;
            inputs.push(Input {
                source: Source::Stdin,
                config,
            });
        } else if path.is_dir() {
            let mut found = Vec::new();
            for entry in ignore::WalkBuilder::new(path).build() {
                match entry {
                    Ok(entry) => {
                        let is_file = entry.file_type().is_some_and(|t| t.is_file());
                        if is_file && is_json(entry.path()) {
                            found.push(entry.into_path());
                        }
                    }
                    Err(e) => problems.push(format!("cannot read `{}`: {e}", path.display())),
                }
            }
            found.sort();
            for file in found {
                let config = configs.for_dir(parent(&file))?;
                let selected = config.is_none_or(|c| configs.loaded[c].selects(&file));
                if selected {
                    inputs.push(Input {
                        source: Source::File(file),
                        config,
                    });
                }
            }
        } else if path.exists() {
            let config = configs.for_dir(parent(path))?;
            let selected = !force_exclude || config.is_none_or(|c| configs.loaded[c].selects(path));
            if selected {
                inputs.push(Input {
                    source: Source::File(path.clone()),
                    config,
                });
            }
        } else {
            problems.push(format!(
                "cannot read `{}`: no such file or directory",
                path.display()
            ));
        }
    }
    Ok((inputs, problems))
}

fn is_json(path: &Path) -> bool {
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

/// A document read and ready to check.
pub(crate) struct Loaded {
    pub(crate) source: Source,
    pub(crate) name: String,
    pub(crate) text: Vec<u8>,
    pub(crate) options: CheckOptions,
    /// The app the document belongs to.
    pub(crate) app: AppKey,
    /// Read only so that app-level rules see the whole app: not reported on.
    pub(crate) context: bool,
}

/// Reads every input (in parallel), keeping their order. Inputs that cannot be read are returned as
/// messages.
pub(crate) fn read_all(
    inputs: Vec<Input>,
    configs: &Configs,
    options_for: &(impl Fn(Option<&Config>, &Source) -> CheckOptions + Sync),
) -> (Vec<Loaded>, Vec<String>) {
    let outcomes: Vec<Result<Loaded, String>> = inputs
        .into_par_iter()
        .map(|input| {
            let name = input.source.display();
            let text = match &input.source {
                Source::Stdin => {
                    let mut buffer = Vec::new();
                    std::io::stdin().read_to_end(&mut buffer).map(|_| buffer)
                }
                Source::File(file) => std::fs::read(file),
            }
            .map_err(|e| format!("cannot read `{name}`: {e}"))?;
            let config = input.config.map(|c| &configs.loaded[c]);
            let app = match (&input.source, config) {
                (Source::Stdin, _) => AppKey::Stdin,
                (Source::File(file), config) => {
                    match config.and_then(|c| c.app_for(file).map(|a| (c, a))) {
                        Some((c, app)) => AppKey::Named(c.path.clone(), app.to_owned()),
                        None if config.is_some_and(|c| c.app_per_file) => {
                            AppKey::File(file.clone())
                        }
                        None => AppKey::Directory(parent(file).to_owned()),
                    }
                }
            };
            Ok(Loaded {
                options: options_for(config, &input.source),
                source: input.source,
                name,
                text,
                app,
                context: false,
            })
        })
        .collect();
    let mut loaded = Vec::new();
    let mut problems = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(l) => loaded.push(l),
            Err(p) => problems.push(p),
        }
    }
    (loaded, problems)
}

/// The other presets of the apps that `documents` belong to, which were not named: app-level rules
/// judge a preset against its whole app even when only one file of it is checked (as pre-commit
/// does). Directory apps take the directory's `*.json` files; `[[apps]]` apps the files their globs
/// match under the configuration's directory.
pub(crate) fn app_context(
    documents: &[Loaded],
    configs: &mut Configs,
) -> Result<Vec<Input>, ConfigError> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    let known: std::collections::HashSet<PathBuf> = documents
        .iter()
        .filter_map(|d| match &d.source {
            Source::File(path) => Some(absolute(path)),
            Source::Stdin => None,
        })
        .collect();
    let mut apps: Vec<&AppKey> = documents.iter().map(|d| &d.app).collect();
    apps.sort();
    apps.dedup();
    let mut found: Vec<PathBuf> = Vec::new();
    for app in apps {
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
                    .map(|e| {
                        // Keep the spelling of the named files' directory.
                        if dir.as_os_str() == "." {
                            PathBuf::from(e.file_name())
                        } else {
                            dir.join(e.file_name())
                        }
                    })
                    .filter(|p| is_json(p) && p.is_file())
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
    let mut seen = known;
    let mut inputs = Vec::new();
    for path in found {
        if seen.insert(absolute(&path)) {
            let config = configs.for_dir(parent(&path))?;
            inputs.push(Input {
                source: Source::File(path),
                config,
            });
        }
    }
    Ok(inputs)
}

/// Writes `text` to `path` atomically: a temporary file in the same directory, renamed over it.
pub(crate) fn write_atomically(path: &Path, text: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut file = tempfile::NamedTempFile::new_in(parent(path))?;
    file.write_all(text)?;
    file.as_file().sync_all()?;
    if let Ok(metadata) = std::fs::metadata(path) {
        std::fs::set_permissions(file.path(), metadata.permissions())?;
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Checks every document, app by app (apps in parallel), and returns the reports in the documents'
/// order. `None` marks an internal failure.
pub(crate) fn check_all(documents: &[Loaded]) -> Vec<Option<Report>> {
    let mut apps: BTreeMap<&AppKey, Vec<usize>> = BTreeMap::new();
    for (i, d) in documents.iter().enumerate() {
        apps.entry(&d.app).or_default().push(i);
    }
    let groups: Vec<Vec<usize>> = apps.into_values().collect();
    let checked: Vec<(Vec<usize>, Vec<Option<Report>>)> = groups
        .into_par_iter()
        .map(|members| {
            let batch: Vec<Document<'_>> = members
                .iter()
                .map(|&i| Document {
                    name: &documents[i].name,
                    input: &documents[i].text,
                    options: &documents[i].options,
                })
                .collect();
            let reports = match std::panic::catch_unwind(|| rtk_preset_core::check_app(&batch)) {
                Ok(reports) => reports.into_iter().map(Some).collect(),
                // Find the document that fails: check each alone, without the app-level rules.
                Err(_) => batch
                    .iter()
                    .map(|d| {
                        std::panic::catch_unwind(|| rtk_preset_core::check(d.input, d.options)).ok()
                    })
                    .collect(),
            };
            (members, reports)
        })
        .collect();
    let mut out: Vec<Option<Report>> = documents.iter().map(|_| None).collect();
    for (members, reports) in checked {
        for (i, report) in members.into_iter().zip(reports) {
            out[i] = report;
        }
    }
    out
}

//! `rtk-preset.toml`: rule levels, the default API revision, which files to check, overrides by
//! path and JSON Pointer (each with a reason), and which presets form one app.
//!
//! ```toml
//! api = "2026-06"
//! app = "directory"                # or "file": which presets the app-level rules see together
//! include = ["presets/**/*.json"]
//! exclude = ["**/drafts/**"]
//!
//! [rules]
//! low-contrast = "error"
//! unknown-field = "off"
//!
//! [[overrides]]
//! files = ["legacy/*.json"]
//! pointer = "/ui/design_tokens/logo"
//! rules = { logo-not-https = "off" }
//! reason = "the legacy CDN serves no https"
//!
//! [[apps]]
//! name = "tenant-a"
//! files = ["tenant-a/**/*.json"]
//!
//! [remote]                         # where `pull`, `diff` and `push` find the presets
//! account = "023e105f4ecef8ad9ca31a8372d0c353"
//! app = "6f8a0a8e-6f1a-4c3e-9f1e-0d6f1f2a3b4c"
//! ```

use globset::{Glob, GlobSet, GlobSetBuilder};
use rtk_preset_core::{ApiRevision, CheckOptions, KindSelector, Level, RuleSettings, ScopedLevels};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name searched for.
pub(crate) const FILE_NAME: &str = "rtk-preset.toml";

/// A configuration error, with the place in the file.
#[derive(Debug)]
pub(crate) struct ConfigError {
    pub(crate) path: PathBuf,
    pub(crate) text: String,
    pub(crate) span: Option<Range<usize>>,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
}

/// The level someone who wrote `word` meant: the words of other linters (`warn`, `deny`,
/// `allow`), then the nearest spelling.
fn level_meant(word: &str) -> Option<&'static str> {
    const LEVELS: [&str; 4] = ["off", "info", "warning", "error"];
    let word = word.trim().to_ascii_lowercase();
    let known = match word.as_str() {
        "warn" | "warnings" | "w" => Some("warning"),
        "deny" | "err" | "errors" | "e" | "forbid" | "fatal" => Some("error"),
        "allow" | "ignore" | "none" | "disable" | "disabled" | "false" | "0" => Some("off"),
        "note" | "hint" | "information" | "notice" => Some("info"),
        _ => None,
    };
    known.or_else(|| {
        LEVELS
            .into_iter()
            .map(|level| (strsim::damerau_levenshtein(&word, level), level))
            .filter(|&(distance, _)| distance <= 2)
            .min()
            .map(|(_, level)| level)
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    api: Option<Spanned<String>>,
    app: Option<Spanned<String>>,
    include: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    overrides: Vec<Spanned<RawOverride>>,
    #[serde(default)]
    apps: Vec<Spanned<RawApp>>,
    remote: Option<Remote>,
}

/// The `[remote]` table: the account and the app whose presets `pull`, `diff` and `push` manage
/// (flags and environment variables win over it).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Remote {
    /// The Cloudflare account id.
    pub(crate) account: Option<String>,
    /// The RealtimeKit app id.
    pub(crate) app: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    files: Vec<Spanned<String>>,
    pointer: Option<Spanned<String>>,
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    reason: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawApp {
    name: Spanned<String>,
    files: Vec<Spanned<String>>,
}

/// An override: levels under a pointer, for the files its globs match.
#[derive(Debug)]
pub(crate) struct Override {
    files: GlobSet,
    pub(crate) scoped: ScopedLevels,
    /// Where the `[[overrides]]` entry is in the configuration's text.
    span: Range<usize>,
}

/// A loaded configuration.
#[derive(Debug)]
pub(crate) struct Config {
    /// The file it came from.
    pub(crate) path: PathBuf,
    /// The directory its globs are relative to.
    dir: PathBuf,
    pub(crate) api: Option<ApiRevision>,
    include: Option<GlobSet>,
    exclude: GlobSet,
    pub(crate) levels: BTreeMap<String, Level>,
    /// `app = "file"`: every file not named by `[[apps]]` is an app of its own (the default,
    /// `"directory"`, makes each directory one app).
    pub(crate) app_per_file: bool,
    overrides: Vec<Override>,
    apps: Vec<(String, GlobSet)>,
    /// The `[remote]` table.
    pub(crate) remote: Remote,
    /// The configuration's text, for warnings that point into it.
    text: String,
}

impl Config {
    /// Reads and checks a configuration file.
    pub(crate) fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_owned(),
            text: String::new(),
            span: None,
            message: format!("cannot read the configuration: {e}"),
            help: None,
        })?;
        let error =
            |span: Option<Range<usize>>, message: String, help: Option<String>| ConfigError {
                path: path.to_owned(),
                text: text.clone(),
                span,
                message,
                help,
            };
        let raw: RawConfig = toml::from_str(&text).map_err(|e| {
            error(
                e.span(),
                e.message().to_owned(),
                Some("see `rtk-preset.toml` in the README".into()),
            )
        })?;
        let dir = crate::files::absolute(path)
            .ok()
            .and_then(|p| p.parent().map(Path::to_owned))
            .unwrap_or_else(|| PathBuf::from("."));
        let globs = |patterns: &[Spanned<String>]| -> Result<GlobSet, ConfigError> {
            let mut builder = GlobSetBuilder::new();
            for pattern in patterns {
                let glob = Glob::new(pattern.get_ref())
                    .map_err(|e| error(Some(pattern.span()), format!("bad glob: {e}"), None))?;
                builder.add(glob);
            }
            builder
                .build()
                .map_err(|e| error(None, format!("bad glob: {e}"), None))
        };
        let levels = |table: &BTreeMap<Spanned<String>, Spanned<String>>| {
            let mut levels = BTreeMap::new();
            for (rule, level) in table {
                rtk_preset_core::known_rule(rule.get_ref()).map_err(|e| {
                    error(
                        Some(rule.span()),
                        e.to_string(),
                        Some("`rtk-preset rules` lists every rule".into()),
                    )
                })?;
                let parsed: Level = level.get_ref().parse().map_err(
                    |e: rtk_preset_core::rules::UnknownLevel| {
                        let help = level_meant(level.get_ref())
                            .map(|meant| format!("did you mean `{meant}`?"));
                        error(Some(level.span()), e.to_string(), help)
                    },
                )?;
                rtk_preset_core::settable_level(rule.get_ref(), parsed).map_err(|e| {
                    error(
                        Some(level.span()),
                        e.to_string(),
                        Some(
                            "fix the files that are not JSON, or leave them out with `exclude`"
                                .into(),
                        ),
                    )
                })?;
                levels.insert(rule.get_ref().clone(), parsed);
            }
            Ok::<_, ConfigError>(levels)
        };
        let api = match &raw.api {
            Some(api) => Some(api.get_ref().parse().map_err(
                |e: rtk_preset_core::revision::UnknownName| {
                    error(Some(api.span()), e.to_string(), None)
                },
            )?),
            None => None,
        };
        let app_per_file = match &raw.app {
            None => false,
            Some(app) => match app.get_ref().as_str() {
                "directory" => false,
                "file" => true,
                other => {
                    return Err(error(
                        Some(app.span()),
                        format!("unknown app boundary `{other}`"),
                        Some("use `directory` (each directory is one app) or `file`".into()),
                    ))
                }
            },
        };
        let mut overrides = Vec::new();
        for spanned in &raw.overrides {
            let o = spanned.get_ref();
            if o.reason
                .as_ref()
                .is_none_or(|r| r.get_ref().trim().is_empty())
            {
                return Err(error(
                    Some(spanned.span()),
                    "an override must say why: it has no `reason`".into(),
                    Some("add `reason = \"...\"` so the next reader knows why the rule is relaxed here".into()),
                ));
            }
            let pointer = o
                .pointer
                .as_ref()
                .map(|p| p.get_ref().clone())
                .unwrap_or_default();
            if let Some(p) = o
                .pointer
                .as_ref()
                .filter(|p| !p.get_ref().is_empty() && !p.get_ref().starts_with('/'))
            {
                return Err(error(
                    Some(p.span()),
                    format!("`{}` is not a JSON Pointer", p.get_ref()),
                    Some("a pointer starts with `/`, such as `/ui/design_tokens/logo`".into()),
                ));
            }
            overrides.push(Override {
                files: globs(&o.files)?,
                scoped: ScopedLevels {
                    pointer,
                    levels: levels(&o.rules)?,
                },
                span: spanned.span(),
            });
        }
        let mut apps: Vec<(String, GlobSet)> = Vec::new();
        for (i, app) in raw.apps.iter().enumerate() {
            let app = app.get_ref();
            let name = app.name.get_ref();
            if let Some(first) = raw.apps[..i]
                .iter()
                .find(|a| a.get_ref().name.get_ref() == name)
            {
                let line = text[..first.get_ref().name.span().start]
                    .lines()
                    .count()
                    .max(1);
                return Err(error(
                    Some(app.name.span()),
                    format!("two `[[apps]]` are named `{name}`"),
                    Some(format!(
                        "the first is at line {line}; give each app its own name, or list all \
                         its `files` in one entry"
                    )),
                ));
            }
            apps.push((name.clone(), globs(&app.files)?));
        }
        Ok(Config {
            path: path.to_owned(),
            dir,
            api,
            include: raw.include.as_deref().map(globs).transpose()?,
            exclude: globs(&raw.exclude)?,
            levels: levels(&raw.rules)?,
            app_per_file,
            overrides,
            apps,
            remote: raw.remote.unwrap_or_default(),
            text,
        })
    }

    /// The directory its globs are relative to.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether a walk from `root` (absolute) covers every file this configuration governs.
    pub(crate) fn walked_from(&self, root: &Path) -> bool {
        self.dir.starts_with(root)
    }

    /// Warnings (shown as [`crate::output::config_warning`]) for the `[[overrides]]` whose
    /// `files` match none of `files` (the files of a
    /// run that walked the configuration's whole directory): such an override relaxes nothing,
    /// most likely because its globs are misspelt or relative to another directory.
    pub(crate) fn unmatched_overrides<'p>(
        &self,
        files: impl Iterator<Item = &'p Path> + Clone,
    ) -> Vec<ConfigError> {
        let relative: Vec<PathBuf> = files.map(|f| self.relative(f)).collect();
        self.overrides
            .iter()
            .filter(|o| !relative.iter().any(|r| o.files.is_match(r)))
            .map(|o| ConfigError {
                path: self.path.clone(),
                text: self.text.clone(),
                span: Some(o.span.clone()),
                message: "this `[[overrides]]` entry matches no file checked".into(),
                help: Some(format!(
                    "its `files` globs are relative to `{}`",
                    self.dir.display()
                )),
            })
            .collect()
    }

    /// The file's path relative to the configuration's directory, for glob matching.
    fn relative(&self, file: &Path) -> PathBuf {
        let absolute = crate::files::absolute(file).unwrap_or_else(|_| file.to_owned());
        absolute
            .strip_prefix(&self.dir)
            .map(Path::to_owned)
            .unwrap_or(absolute)
    }

    /// Whether `include` says which files are presets (else a walk checks the preset documents
    /// among the files it finds).
    pub(crate) fn has_include(&self) -> bool {
        self.include.is_some()
    }

    /// Whether a file found in a directory walk is to be checked.
    pub(crate) fn selects(&self, file: &Path) -> bool {
        let relative = self.relative(file);
        self.include.as_ref().is_none_or(|i| i.is_match(&relative))
            && !self.exclude.is_match(&relative)
    }

    /// The overrides that apply to a file.
    pub(crate) fn overrides_for(&self, file: &Path) -> Vec<ScopedLevels> {
        let relative = self.relative(file);
        self.overrides
            .iter()
            .filter(|o| o.files.is_match(&relative))
            .map(|o| o.scoped.clone())
            .collect()
    }

    /// The app a file belongs to, if an `[[apps]]` entry names it.
    pub(crate) fn app_for(&self, file: &Path) -> Option<&str> {
        let relative = self.relative(file);
        self.apps
            .iter()
            .find(|(_, files)| files.is_match(&relative))
            .map(|(name, _)| name.as_str())
    }
}

/// The `rtk-preset.toml` of `dir`, if it has one.
pub(crate) fn in_dir(dir: &Path) -> Option<PathBuf> {
    Some(dir.join(FILE_NAME)).filter(|candidate| candidate.is_file())
}

/// How to check a document governed by `config`: the configuration's levels with `extra` (the
/// command line's) over them, its overrides for the file, and the revision given (`--api`), else
/// the configuration's, else the default. The CLI and the language server both build them here.
pub(crate) fn options(
    config: Option<&Config>,
    source: &crate::files::Source,
    api: Option<ApiRevision>,
    kind: KindSelector,
    extra: &BTreeMap<String, Level>,
) -> CheckOptions {
    let mut levels = config.map(|c| c.levels.clone()).unwrap_or_default();
    levels.extend(extra.iter().map(|(k, v)| (k.clone(), *v)));
    let scoped = match (config, source) {
        (Some(c), crate::files::Source::File(path) | crate::files::Source::Stdin(Some(path))) => {
            c.overrides_for(path)
        }
        _ => Vec::new(),
    };
    CheckOptions {
        api: api.or(config.and_then(|c| c.api)).unwrap_or_default(),
        kind,
        rules: RuleSettings { levels, scoped },
        ..CheckOptions::default()
    }
}

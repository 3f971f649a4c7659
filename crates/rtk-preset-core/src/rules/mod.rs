//! The rule catalog: the structural rules the validator reports, and the semantic rules that look at
//! what a preset (or a set of presets forming one app) will do.
//!
//! Every rule is declared once with [`declare_rule!`]: its id, default level, category, summary,
//! fix availability, and its documentation (the doc comment, with fixed headings and JSON examples
//! that a test executes). A semantic rule keeps detection (facts), reporting (messages and spans) and
//! fixing (text edits) in three separate functions of [`PresetRule`] or [`AppRule`].

use crate::app::AppFacts;
use crate::diagnostic::{Severity, Span};
use crate::fix::Fix;
use crate::view::Preset;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// Declares a rule: a unit struct carrying its documentation and its [`RuleMeta`] as `META`.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            id: $id:literal,
            level: $level:ident,
            category: $category:ident,
            summary: $summary:literal,
            fix: $fix:ident
            $(, locked: $locked:literal)? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub(crate) struct $name;

        impl $crate::rules::Declared for $name {
            const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                default_level: $crate::rules::Level::$level,
                category: $crate::rules::Category::$category,
                summary: $summary,
                fix: $crate::rules::FixKind::$fix,
                locked: $crate::rules::locked(&[$($locked)?]),
                #[cfg(feature = "docs")]
                docs: concat!($($doc, "\n"),*),
            };
        }
    };
}

pub(crate) mod structural;

mod audio_room_with_video;
mod blank_name;
mod duplicate_preset_name;
mod duplicate_viewer_quality;
mod excessive_screenshare_frame_rate;
mod fractional_count;
mod invalid_color;
mod livestream_without_streamer;
mod logo_not_https;
mod low_contrast;
mod negative_count;
mod private_chat_send_only;
mod public_chat_without_content;
mod recorder_type_mismatch;
mod request_without_approver;
mod screenshare_without_slots;
mod simulcast_in_audio_room;
mod theme_background_mismatch;
mod too_many_screenshares;
mod too_many_video_tiles;
mod unsupported_viewer_quality;
mod video_without_tiles;
mod viewer_qualities_without_livestream;
mod visible_recorder;
mod vote_without_view;
mod waiting_room_without_admitter;
mod zero_video_frame_rate;

pub use structural::{
    DUPLICATE_KEY, INVALID_FORMAT, INVALID_JSON, INVALID_VALUE, MISSING_FIELD, NOT_IN_REVISION,
    OUT_OF_RANGE, UNKNOWN_FIELD, WRONG_TYPE,
};

/// How loudly a rule reports: a [`Severity`], or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The rule does not run.
    Off,
    /// Reports at [`Severity::Info`].
    Info,
    /// Reports at [`Severity::Warning`].
    Warning,
    /// Reports at [`Severity::Error`].
    Error,
}

impl Level {
    /// Every level, quietest first.
    pub const ALL: [Level; 4] = [Level::Off, Level::Info, Level::Warning, Level::Error];

    /// `off`, `info`, `warning` or `error`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    /// The severity findings get at this level; `None` when off.
    pub const fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A level name that is not `off`, `info`, `warning` or `error`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown level `{0}`; expected one of: off, info, warning, error")]
pub struct UnknownLevel(pub String);

impl FromStr for Level {
    type Err = UnknownLevel;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Level::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| UnknownLevel(s.to_owned()))
    }
}

/// What kind of problem a rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// The document does not have the shape the API defines.
    Structure,
    /// The preset is accepted but will not behave as written.
    Correctness,
    /// Values the client SDK or browsers do not support.
    Compatibility,
    /// Readability of the UI the preset paints.
    Accessibility,
    /// Presets that need each other: checked across all presets of one app.
    App,
    /// Departures from the documented recommendations.
    Recommendation,
}

impl Category {
    /// The category's name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Structure => "structure",
            Category::Correctness => "correctness",
            Category::Compatibility => "compatibility",
            Category::Accessibility => "accessibility",
            Category::App => "app",
            Category::Recommendation => "recommendation",
        }
    }
}

/// Whether a rule's findings come with a fix, and whether applying it can change behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixKind {
    /// No fix.
    None,
    /// The fix keeps what the author meant (`--fix`).
    Safe,
    /// The fix changes what the document says (`--fix --unsafe-fixes`).
    Unsafe,
}

impl FixKind {
    /// `none`, `safe` or `unsafe`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "none",
            FixKind::Safe => "safe",
            FixKind::Unsafe => "unsafe",
        }
    }
}

/// The `locked` reason of [`declare_rule!`], if one was given.
pub(crate) const fn locked(reason: &[&'static str]) -> Option<&'static str> {
    match reason {
        [reason] => Some(reason),
        _ => None,
    }
}

/// A rule's identity, defaults and documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    /// The kebab-case id, naming the problem.
    pub id: &'static str,
    /// The level it reports at unless configured otherwise.
    pub default_level: Level,
    /// What kind of problem it finds.
    pub category: Category,
    /// One line: what it finds.
    pub summary: &'static str,
    /// Whether its findings come with a fix.
    pub fix: FixKind,
    /// Why the rule cannot be turned off or lowered, when it cannot (`invalid-json`: nothing else
    /// can be checked in a document that is not JSON).
    pub locked: Option<&'static str>,
    /// The raw doc comment (each line keeps rustdoc's leading space); see [`RuleMeta::documentation`].
    /// Only with the `docs` feature (the default): the npm package's WebAssembly goes without, and
    /// its JavaScript carries the texts.
    #[cfg(feature = "docs")]
    pub docs: &'static str,
}

#[cfg(feature = "docs")]
impl RuleMeta {
    /// The rule's documentation as Markdown.
    pub fn documentation(&self) -> String {
        let mut text: String = self
            .docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        text.truncate(text.trim_end().len());
        text.push('\n');
        text
    }

    /// The documentation under a heading of `level` (1 for `#`) with the rule's defaults, as
    /// `rtk-preset explain` prints it and `docs/rules.md` holds it.
    pub fn explanation(&self, level: usize) -> String {
        let heading = "#".repeat(level);
        let docs = self
            .documentation()
            .replace("\n## ", &format!("\n{heading}# "));
        let docs = docs
            .strip_prefix("## ")
            .map_or(docs.clone(), |rest| format!("{heading}# {rest}"));
        let locked = match self.locked {
            Some(reason) => format!(" It cannot be turned off or lowered: {reason}."),
            None => String::new(),
        };
        format!(
            "{heading} {}\n\nDefault level: {}. Category: {}. Fix: {}.{locked}\n\n{docs}",
            self.id,
            self.default_level,
            self.category.as_str(),
            self.fix.as_str(),
        )
    }

    /// The JSON examples of the documentation: `(valid, fence options, text)` for every
    /// ```` ```json ```` block under "Example invalid" or "Example valid".
    pub fn examples(&self) -> Vec<Example> {
        let docs = self.documentation();
        let mut examples = Vec::new();
        let mut valid = None;
        let mut lines = docs.lines();
        while let Some(line) = lines.next() {
            if let Some(heading) = line.strip_prefix("## ") {
                valid = match heading {
                    "Example invalid" => Some(false),
                    "Example valid" => Some(true),
                    _ => None,
                };
            } else if let (Some(valid), Some(info)) = (valid, line.strip_prefix("```json")) {
                let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
                examples.push(Example {
                    valid,
                    options: info.split_whitespace().map(str::to_owned).collect(),
                    text: body.join("\n"),
                });
            }
        }
        examples
    }
}

/// A JSON example from a rule's documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// Under "Example valid" (the rule must not fire) or "Example invalid" (it must).
    pub valid: bool,
    /// Words after ```` ```json ````: a document kind (`update`, `list`), an API revision
    /// (`2026-01`), or `app` (the example is an array of presets forming one app).
    pub options: Vec<String>,
    /// The JSON text.
    pub text: String,
}

/// A rule of the catalog, with how it runs.
pub(crate) struct Entry {
    pub(crate) meta: &'static RuleMeta,
    pub(crate) run: Runner,
}

/// How a rule runs.
pub(crate) enum Runner {
    /// Reported by the validator.
    Structural,
    /// Runs on one preset.
    Preset(fn(&Preset<'_>, &mut Vec<RawDiagnostic>)),
    /// Runs on all presets of an app; the findings of preset `i` go to `out[i]`.
    App(fn(&[&AppFacts], &mut [Vec<RawDiagnostic>])),
}

/// What a rule reports about one fact: where, what, and what to do.
pub(crate) struct Finding {
    /// The pointer of the value at fault, relative to the preset (the view adds `/data` where the
    /// preset sits in a response envelope).
    pub(crate) path: String,
    pub(crate) span: Span,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
}

/// A rule declared with [`declare_rule!`]: its metadata and documentation.
pub(crate) trait Declared {
    /// The rule's metadata and documentation.
    const META: RuleMeta;
}

impl Finding {
    /// A finding on the value at `path` (or its nearest existing ancestor).
    pub(crate) fn at(preset: &Preset<'_>, path: &str, message: String, help: &str) -> Finding {
        Finding {
            path: path.to_owned(),
            span: preset.span(path),
            message,
            help: Some(help.to_owned()),
        }
    }
}

/// The counts of a preset (JSON numbers in the API, whole numbers in meaning), relative to it.
pub(crate) const STREAM_COUNTS: [&str; 3] = [
    "/config/max_screenshare_count",
    "/config/max_video_streams/desktop",
    "/config/max_video_streams/mobile",
];

/// The devices of `max_video_streams`, each with the path of its count.
pub(crate) const VIDEO_STREAMS: [(&str, &str); 2] =
    [("desktop", STREAM_COUNTS[1]), ("mobile", STREAM_COUNTS[2])];

/// One fact when `condition` holds: for rules that find at most one thing.
pub(crate) fn once(condition: bool) -> Vec<()> {
    if condition {
        vec![()]
    } else {
        Vec::new()
    }
}

/// A rule that looks at one preset.
pub(crate) trait PresetRule: Declared {
    /// What the rule found, before it is worded.
    type Fact;
    /// Detection: the facts in this preset.
    fn detect(preset: &Preset<'_>) -> Vec<Self::Fact>;
    /// Reporting: a fact as a message with a place.
    fn report(preset: &Preset<'_>, fact: &Self::Fact) -> Finding;
    /// Fixing: text edits that remove the fact, if the rule has a fix.
    fn fix(_preset: &Preset<'_>, _fact: &Self::Fact) -> Option<Fix> {
        None
    }
}

/// A rule that looks at all presets of one app together.
pub(crate) trait AppRule: Declared {
    /// What the rule found, before it is worded.
    type Fact;
    /// Detection: facts, each about the preset at the index it comes with.
    fn detect(app: &[&AppFacts]) -> Vec<(usize, Self::Fact)>;
    /// Reporting: a fact as a message with a place in its preset.
    fn report(app: &[&AppFacts], index: usize, fact: &Self::Fact) -> Finding;
}

fn raw(
    meta: &'static RuleMeta,
    pointer: String,
    finding: Finding,
    fix: Option<Fix>,
) -> RawDiagnostic {
    RawDiagnostic {
        rule: meta.id,
        severity: meta.default_level.severity().unwrap_or(Severity::Info),
        message: finding.message,
        pointer,
        span: finding.span,
        help: finding.help,
        related: None,
        fix,
        params: Default::default(),
    }
}

fn run_preset<R: PresetRule>(preset: &Preset<'_>, out: &mut Vec<RawDiagnostic>) {
    for fact in R::detect(preset) {
        let finding = R::report(preset, &fact);
        let fix = R::fix(preset, &fact);
        out.push(raw(&R::META, preset.pointer(&finding.path), finding, fix));
    }
}

fn run_app<R: AppRule>(app: &[&AppFacts], out: &mut [Vec<RawDiagnostic>]) {
    for (index, fact) in R::detect(app) {
        let finding = R::report(app, index, &fact);
        let pointer = app[index].pointer(&finding.path);
        out[index].push(raw(&R::META, pointer, finding, None));
    }
}

fn preset<R: PresetRule>() -> Entry {
    Entry {
        meta: &R::META,
        run: Runner::Preset(run_preset::<R>),
    }
}

fn app<R: AppRule>() -> Entry {
    Entry {
        meta: &R::META,
        run: Runner::App(run_app::<R>),
    }
}

/// Every rule: structural first, then semantic ones by category.
pub(crate) fn catalog() -> &'static [Entry] {
    static CATALOG: std::sync::OnceLock<Vec<Entry>> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut all: Vec<Entry> = structural::ALL
            .iter()
            .map(|meta| Entry {
                meta,
                run: Runner::Structural,
            })
            .collect();
        all.extend([
            preset::<screenshare_without_slots::ScreenshareWithoutSlots>(),
            preset::<video_without_tiles::VideoWithoutTiles>(),
            preset::<negative_count::NegativeCount>(),
            preset::<fractional_count::FractionalCount>(),
            preset::<zero_video_frame_rate::ZeroVideoFrameRate>(),
            preset::<audio_room_with_video::AudioRoomWithVideo>(),
            preset::<private_chat_send_only::PrivateChatSendOnly>(),
            preset::<public_chat_without_content::PublicChatWithoutContent>(),
            preset::<vote_without_view::VoteWithoutView>(),
            preset::<recorder_type_mismatch::RecorderTypeMismatch>(),
            preset::<visible_recorder::VisibleRecorder>(),
            preset::<blank_name::BlankName>(),
            preset::<viewer_qualities_without_livestream::ViewerQualitiesWithoutLivestream>(),
            preset::<duplicate_viewer_quality::DuplicateViewerQuality>(),
            preset::<unsupported_viewer_quality::UnsupportedViewerQuality>(),
            preset::<invalid_color::InvalidColor>(),
            preset::<logo_not_https::LogoNotHttps>(),
            preset::<excessive_screenshare_frame_rate::ExcessiveScreenshareFrameRate>(),
            preset::<low_contrast::LowContrast>(),
            preset::<theme_background_mismatch::ThemeBackgroundMismatch>(),
            preset::<too_many_video_tiles::TooManyVideoTiles>(),
            preset::<too_many_screenshares::TooManyScreenshares>(),
            preset::<simulcast_in_audio_room::SimulcastInAudioRoom>(),
            app::<duplicate_preset_name::DuplicatePresetName>(),
            app::<waiting_room_without_admitter::WaitingRoomWithoutAdmitter>(),
            app::<request_without_approver::RequestWithoutApprover>(),
            app::<livestream_without_streamer::LivestreamWithoutStreamer>(),
        ]);
        all
    })
}

/// A rule as the CLI's `rules --format json` and the npm package's `rules()` list it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// The rule id.
    pub id: &'static str,
    /// The default level.
    pub severity: &'static str,
    /// The category.
    pub category: &'static str,
    /// One line: what it finds.
    pub summary: &'static str,
    /// `none`, `safe` or `unsafe`.
    pub fix: &'static str,
}

impl RuleMeta {
    /// The rule's entry in the rule list.
    pub fn info(&self) -> RuleInfo {
        RuleInfo {
            id: self.id,
            severity: self.default_level.as_str(),
            category: self.category.as_str(),
            summary: self.summary,
            fix: self.fix.as_str(),
        }
    }
}

/// Every rule's metadata, structural rules first.
pub fn all() -> impl Iterator<Item = &'static RuleMeta> {
    catalog().iter().map(|e| e.meta)
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    all().find(|m| m.id == id)
}

/// The default severity of a rule (for a rule that is off by default, the severity it would have
/// if turned on: info).
pub fn default_severity(rule: &str) -> Severity {
    find(rule)
        .and_then(|m| m.default_level.severity())
        .unwrap_or(Severity::Info)
}

/// The rule reference (`docs/rules.md`): every rule's summary table and documentation.
#[cfg(feature = "docs")]
pub fn reference_markdown() -> String {
    let mut out = format!(
        "<!-- generated by rtk-preset; do not edit: run `{}` -->\n\n# rtk-preset rules\n\n\
         | rule | default | category | fix | summary |\n|---|---|---|---|---|\n",
        crate::codegen::REGENERATE
    );
    for meta in all() {
        out.push_str(&format!(
            "| [`{id}`](#{id}) | {} | {} | {} | {} |\n",
            meta.default_level,
            meta.category.as_str(),
            meta.fix.as_str(),
            meta.summary,
            id = meta.id
        ));
    }
    for meta in all() {
        out.push('\n');
        out.push_str(&meta.explanation(2));
    }
    out
}

/// A finding before positions are resolved to lines and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawDiagnostic {
    pub(crate) rule: &'static str,
    /// The default severity; settings may change it when the report is finished.
    pub(crate) severity: Severity,
    pub(crate) message: String,
    pub(crate) pointer: String,
    pub(crate) span: Span,
    pub(crate) help: Option<String>,
    /// Another place the finding refers to, and what is there (the first of duplicate keys).
    pub(crate) related: Option<(Span, String)>,
    pub(crate) fix: Option<Fix>,
    /// The facts behind the message ([`crate::diagnostic::Params`]).
    pub(crate) params: crate::diagnostic::Params,
}

/// The presets of an app, for help texts: "`guest`, `host`" (sorted; at most five, then a count).
pub(crate) fn app_names(app: &[&AppFacts]) -> String {
    // Sorted, so the text does not depend on the order the presets were found in (a file
    // checked alone comes before its app's other files).
    let mut names: Vec<String> = app.iter().map(|p| p.label()).collect();
    crate::order::sort(&mut names);
    if names.len() > 5 {
        let more = names.len() - 5;
        names.truncate(5);
        names.push(format!("and {more} more"));
    }
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        check, check_app, ApiRevision, CheckOptions, Document, DocumentKind, KindSelector,
    };

    fn options_for(meta: &RuleMeta, example: &Example) -> CheckOptions {
        let mut options = CheckOptions::default();
        if meta.default_level == Level::Off {
            options
                .rules
                .levels
                .insert(meta.id.to_owned(), Level::Warning);
        }
        for option in &example.options {
            if let Ok(api) = option.parse() {
                options.api = api;
            } else if option == "app" {
                options.kind = KindSelector::Fixed(DocumentKind::Update);
            } else {
                options.kind = option.parse().expect("example kind");
            }
        }
        options
    }

    /// Every rule's documentation has both kinds of example, and they do what they say.
    #[test]
    fn documented_examples_fire_when_invalid_and_not_when_valid() {
        for meta in all() {
            let examples = meta.examples();
            assert!(
                examples.iter().any(|e| e.valid) && examples.iter().any(|e| !e.valid),
                "{}: needs a valid and an invalid example",
                meta.id
            );
            for example in &examples {
                let options = options_for(meta, example);
                let reports = if example.options.iter().any(|o| o == "app") {
                    let presets: Vec<serde_json::Value> =
                        serde_json::from_str(&example.text).expect("app example is an array");
                    let texts: Vec<String> = presets.iter().map(|p| p.to_string()).collect();
                    let names: Vec<String> = (0..texts.len())
                        .map(|i| format!("preset-{i}.json"))
                        .collect();
                    let documents: Vec<Document<'_>> = texts
                        .iter()
                        .zip(&names)
                        .map(|(t, n)| Document {
                            name: n,
                            input: t.as_bytes(),
                            options: &options,
                        })
                        .collect();
                    check_app(&documents)
                } else {
                    vec![check(example.text.as_bytes(), &options)]
                };
                let fired = reports
                    .iter()
                    .flat_map(|r| &r.diagnostics)
                    .any(|d| d.rule == meta.id);
                assert_eq!(
                    fired,
                    !example.valid,
                    "{}: the {} example {}:\n{}\n{:#?}",
                    meta.id,
                    if example.valid { "valid" } else { "invalid" },
                    if fired { "fires" } else { "does not fire" },
                    example.text,
                    reports
                );
            }
        }
    }

    /// The headings of Ruff's rule documentation; a rule with unsafe fixes says why under
    /// `## Fix safety`.
    #[test]
    fn documentation_has_the_fixed_headings() {
        for meta in all() {
            let docs = meta.documentation();
            let headings: Vec<&str> = docs.lines().filter(|l| l.starts_with("## ")).collect();
            let mut expected = vec!["## What it does", "## Why is this bad?"];
            if meta.fix == FixKind::Unsafe {
                expected.push("## Fix safety");
            }
            expected.extend(["## Example invalid", "## Example valid"]);
            assert_eq!(headings, expected, "{}", meta.id);
        }
    }

    /// Every path a rule reads names a place the model has (in some revision): a typo in a path
    /// would make a rule silently never fire. And the fast path keeps it ([`crate::fast::KEPT`]). The rules' sources and the app facts are read for
    /// their path literals; `{device}` and the like stand for each value they take.
    #[test]
    fn rule_paths_name_places_of_the_model() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut sources: Vec<std::path::PathBuf> = std::fs::read_dir(dir.join("rules"))
            .expect("rules")
            .flatten()
            .map(|e| e.path())
            .collect();
        sources.push(dir.join("app.rs"));
        let placeholders = [("{device}", &["desktop", "mobile"][..])];
        let mut checked = 0;
        for source in sources {
            let text = std::fs::read_to_string(&source).expect("source");
            for literal in text.split('"').skip(1).step_by(2) {
                let roots = ["/config", "/permissions", "/ui", "/name"];
                if !roots.iter().any(|r| literal.starts_with(r)) || literal.contains(' ') {
                    continue;
                }
                let mut paths = vec![literal.to_owned()];
                for (placeholder, values) in placeholders {
                    paths = paths
                        .into_iter()
                        .flat_map(|p| {
                            if p.contains(placeholder) {
                                values.iter().map(|v| p.replace(placeholder, v)).collect()
                            } else {
                                vec![p]
                            }
                        })
                        .collect();
                }
                for path in paths {
                    assert!(
                        !path.contains('{'),
                        "{}: `{path}`: a placeholder to add",
                        source.display()
                    );
                    let segments: Vec<crate::pointer::Segment<'_>> = crate::pointer::tokens(&path)
                        .map(crate::pointer::Segment::Key)
                        .collect();
                    let exists = ApiRevision::ALL.into_iter().any(|api| {
                        !crate::schema::compiled::compiled(DocumentKind::Create, api)
                            .lookup(&segments)
                            .is_empty()
                    });
                    assert!(
                        exists,
                        "{}: `{path}` is not a place of the model",
                        source.display()
                    );
                    assert!(
                        crate::fast::covers(&path),
                        "{}: `{path}` is read by a rule: add it to `fast::KEPT`",
                        source.display()
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked >= 40, "{checked} paths checked");
    }

    #[test]
    fn ids_are_unique_kebab_case_and_semantic_rules_are_many() {
        let ids: Vec<&str> = all().map(|m| m.id).collect();
        for id in &ids {
            assert!(
                id.split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "{id}"
            );
            assert_eq!(ids.iter().filter(|i| *i == id).count(), 1, "{id} twice");
        }
        let semantic = all().filter(|m| m.category != Category::Structure).count();
        assert!(semantic >= 20, "{semantic} semantic rules");
    }
}

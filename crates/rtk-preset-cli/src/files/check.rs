//! Checking the inputs: each read and checked on its own in the thread pool, in batches as the walk
//! finds them, then the app-level rules on each app's facts.

use super::read::{read, Text};
use super::{app_key, AppKey, Configs, Input, Source};
use crate::config::Config;
use foldhash::{HashMap, HashMapExt as _};
use rayon::prelude::*;
use rtk_preset_core::select::Selection;
use rtk_preset_core::{CheckOptions, Document, Report};

/// A document checked.
pub(crate) struct Loaded {
    pub(crate) source: Source,
    /// The document's text, kept only when the report shows source snippets and has findings
    /// for it (or it came from standard input, which cannot be read again); see [`Loaded::text`].
    text: Option<Vec<u8>>,
    /// Read only so that app-level rules see the whole app: not reported on.
    pub(crate) context: bool,
}

impl Loaded {
    /// A document whose text is at hand (standard input fixed by `check --fix -`).
    pub(crate) fn of_text(source: Source, text: Vec<u8>) -> Loaded {
        Loaded {
            source,
            text: Some(text),
            context: false,
        }
    }

    /// The name the report shows ([`Source::name`]).
    pub(crate) fn name(&self) -> std::borrow::Cow<'_, str> {
        self.source.name()
    }

    /// The document's text: the copy kept, or else the file read again (empty if it cannot be).
    pub(crate) fn text(&self) -> Vec<u8> {
        match (&self.text, &self.source) {
            (Some(text), _) => text.clone(),
            (None, Source::File(path)) => std::fs::read(path).unwrap_or_default(),
            (None, Source::Stdin(_)) => Vec::new(),
        }
    }
}

/// A document to check, with everything the checker needs resolved.
pub(crate) struct Job {
    source: Source,
    options: CheckOptions,
    app: AppKey,
    context: bool,
    only_presets: bool,
}

impl Job {
    /// The job of checking `input`, with `options_for` its configuration.
    pub(crate) fn new(
        input: &Input,
        configs: &Configs,
        options_for: &impl Fn(Option<&Config>, &Source) -> CheckOptions,
    ) -> Job {
        let config = input.config.map(|c| &configs.loaded[c]);
        Job {
            source: input.source.clone(),
            options: options_for(config, &input.source),
            app: app_key(&input.source, config),
            context: input.context,
            only_presets: input.only_presets,
        }
    }
}

/// One input checked on its own, before the app-level rules.
struct Checked {
    loaded: Loaded,
    app: AppKey,
    options: CheckOptions,
    /// `None` marks an internal failure.
    checked: Option<rtk_preset_core::Checked>,
}

/// What became of one input.
enum Outcome {
    /// Checked (`None` in `checked` marks an internal failure).
    Checked(Box<Checked>),
    /// Not a preset document, in a walk that checks only those: left alone (and whether it was
    /// context).
    Skipped(Source, bool),
    /// Could not be read: whether it was context, and the message.
    Unread(bool, String),
}

/// Reads and checks one document. Its text and tree are let go once it is checked; the text is
/// kept only with `keep_text` when the report has findings, or when it came from standard input.
fn check_one(job: Job, keep_text: bool) -> Outcome {
    let read = match read(&job.source, job.options.limits.max_size) {
        Ok(read) => read,
        Err(e) => return Outcome::Unread(job.context, e),
    };
    let name = job.source.name();
    let (text, checked) = match read {
        Text::Whole(text) => {
            let document = Document {
                name: &name,
                input: &text,
                options: &job.options,
            };
            let checked = std::panic::catch_unwind(|| {
                let wanted = |selection: Selection| !job.only_presets || selection.preset;
                match (job.context, job.only_presets) {
                    // Nobody reports its findings: only what the app-level rules need.
                    (true, _) => rtk_preset_core::context_selected(&document, wanted),
                    (false, true) => rtk_preset_core::check_if_preset(&document),
                    // Named to be checked: no need to tell whether it is a preset.
                    (false, false) => Some(rtk_preset_core::check_document(&document)),
                }
            });
            match checked {
                Ok(None) => return Outcome::Skipped(job.source, job.context),
                Ok(Some(checked)) => (text, Some(checked)),
                Err(_) => (text, None),
            }
        }
        Text::TooLarge { size, prefix } => {
            if job.only_presets && !rtk_preset_core::select::is_preset_text(&prefix) {
                return Outcome::Skipped(job.source, job.context);
            }
            let report = rtk_preset_core::check_too_large(size, &job.options);
            let checked = rtk_preset_core::Checked {
                report,
                facts: None,
            };
            (Vec::new(), Some(checked))
        }
    };
    let findings = checked
        .as_ref()
        .is_none_or(|c| !c.report.diagnostics.is_empty());
    let keep = matches!(job.source, Source::Stdin(_)) || (keep_text && findings);
    let text = if keep {
        let mut text = text;
        text.shrink_to_fit();
        Some(text)
    } else {
        None
    };
    Outcome::Checked(Box::new(Checked {
        loaded: Loaded {
            source: job.source,
            text,
            context: job.context,
        },
        app: job.app,
        options: job.options,
        checked,
    }))
}

/// How many jobs go to the thread pool as one task.
const BATCH: usize = 32;

/// What [`check_streamed`] found: the documents and their reports in the order they were
/// produced (`None` marks an internal failure), the documents that could not be read (context
/// documents that cannot be read are left out silently), and the files left alone because they
/// are not presets (context files not counted).
pub(crate) struct Checks {
    pub(crate) documents: Vec<Loaded>,
    pub(crate) reports: Vec<Option<Report>>,
    pub(crate) unread: Vec<String>,
    pub(crate) skipped: Vec<Source>,
}

/// Checks documents while `produce` finds them: `produce` hands each job to its sink, and the
/// thread pool reads and checks them in batches as they come, one document at a time per thread,
/// so memory does not grow with the files' total size. A run of fewer documents than a batch
/// (one file from an editor or a pre-commit hook) is checked on this thread: starting the pool
/// would cost more than it saves. Then the app-level rules run on each app's facts. Returns what
/// `produce` returned and the checks.
pub(crate) fn check_streamed<T>(
    produce: impl FnOnce(&mut dyn FnMut(Job)) -> T,
    keep_text: bool,
) -> (T, Checks) {
    /// A batch's outcomes, or the panic that ended it (raised again here).
    type Done = (usize, std::thread::Result<Vec<Outcome>>);
    let check_all = move |batch: Vec<Job>| -> Vec<Outcome> {
        // Not `collect`: it would reuse the jobs' allocation, many times larger than the
        // outcomes', and keep it until the end of the run (5 MB on 10,000 files).
        let mut outcomes = Vec::with_capacity(batch.len());
        outcomes.extend(batch.into_iter().map(|job| check_one(job, keep_text)));
        outcomes
    };
    let (sender, receiver) = std::sync::mpsc::channel::<Done>();
    let mut batch: Vec<Job> = Vec::with_capacity(BATCH);
    let mut submitted = 0;
    // Jobs go to the thread pool in batches, so that a batch costs one task, not one per file.
    let submit = |batch: Vec<Job>, first: usize| {
        let sender = sender.clone();
        rayon::spawn(move || {
            let outcomes =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_all(batch)));
            // The receiver waits for every batch submitted, so it is still there.
            let _ = sender.send((first, outcomes));
        });
    };
    let produced = produce(&mut |job| {
        batch.push(job);
        if batch.len() == BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            submit(full, submitted * BATCH);
            submitted += 1;
        }
    });
    let mut batches: Vec<(usize, Vec<Outcome>)> = Vec::with_capacity(submitted + 1);
    if !batch.is_empty() {
        if submitted == 0 {
            batches.push((0, check_all(batch)));
        } else {
            submit(batch, submitted * BATCH);
            submitted += 1;
        }
    }
    for _ in 0..submitted {
        match receiver.recv() {
            Ok((first, Ok(outcomes))) => batches.push((first, outcomes)),
            Ok((_, Err(panic))) => std::panic::resume_unwind(panic),
            // Cannot happen: every batch sends before its sender goes.
            Err(_) => break,
        }
    }
    batches.sort_unstable_by_key(|(first, _)| *first);
    let outcomes: Vec<Outcome> = batches.into_iter().flat_map(|(_, o)| o).collect();
    let extra = app_rules(&outcomes);
    let mut documents = Vec::with_capacity(outcomes.len());
    let mut reports = Vec::with_capacity(outcomes.len());
    let mut problems = Vec::new();
    let mut skipped = Vec::new();
    for (outcome, extra) in outcomes.into_iter().zip(extra) {
        match outcome {
            Outcome::Checked(checked) => {
                let report = checked.checked.map(|c| {
                    let mut report = c.report;
                    report.merge(extra);
                    report
                });
                documents.push(checked.loaded);
                reports.push(report);
            }
            Outcome::Skipped(source, false) => skipped.push(source),
            Outcome::Skipped(_, true) => {}
            Outcome::Unread(false, problem) => problems.push(problem),
            Outcome::Unread(true, _) => {}
        }
    }
    let checks = Checks {
        documents,
        reports,
        unread: problems,
        skipped,
    };
    (produced, checks)
}

/// The app-level findings of every document, app by app (apps in parallel). An app whose rules
/// fail internally gets none; its documents keep their own findings.
fn app_rules(all: &[Outcome]) -> Vec<Vec<rtk_preset_core::Diagnostic>> {
    fn checked(outcome: &Outcome) -> Option<&Checked> {
        match outcome {
            Outcome::Checked(c) => Some(c),
            _ => None,
        }
    }
    let mut apps: HashMap<&AppKey, Vec<usize>> = HashMap::new();
    for (i, c) in all.iter().enumerate() {
        if let Some(c) = checked(c) {
            apps.entry(&c.app).or_default().push(i);
        }
    }
    let groups: Vec<Vec<usize>> = apps.into_values().collect();
    let app_findings = |members: Vec<usize>| {
        let app: Vec<(Option<&rtk_preset_core::AppFacts>, &CheckOptions)> = members
            .iter()
            .filter_map(|&i| checked(&all[i]))
            .map(|c| {
                (
                    c.checked.as_ref().and_then(|c| c.facts.as_ref()),
                    &c.options,
                )
            })
            .collect();
        let findings = std::panic::catch_unwind(|| rtk_preset_core::app_findings(&app))
            .unwrap_or_else(|_| vec![Vec::new(); members.len()]);
        (members, findings)
    };
    // As for the documents, a run smaller than a batch does not start the thread pool.
    let found: Vec<(Vec<usize>, Vec<Vec<rtk_preset_core::Diagnostic>>)> = if all.len() < BATCH {
        groups.into_iter().map(app_findings).collect()
    } else {
        groups.into_par_iter().map(app_findings).collect()
    };
    let mut out = vec![Vec::new(); all.len()];
    for (members, findings) in found {
        for (i, f) in members.into_iter().zip(findings) {
            out[i] = f;
        }
    }
    out
}

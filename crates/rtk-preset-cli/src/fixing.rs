//! Fixes: `check --fix` and `--diff` on files (in parallel, atomic writes, hard links refused),
//! and `check --fix -` on standard input.

use super::{check_config_failure, exit, output, render, report, CheckArgs};
use crate::{config, files};
use files::Configs;
use rtk_preset_core::CheckOptions;
use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;

/// `check --fix -`: the document of standard input, fixed, on standard output; the report of what
/// is left on standard error (or in `-o FILE`). Its app is only itself.
pub(crate) fn fix_stdin(
    args: &CheckArgs,
    configs: &mut Configs,
    walk: files::Walk<'_>,
    options_for: &impl Fn(Option<&config::Config>, &files::Source) -> CheckOptions,
) -> u8 {
    let collected = match files::collect(&[PathBuf::from("-")], configs, walk, &mut |_, _| {}) {
        Ok(collected) => collected,
        Err(error) => return check_config_failure(args, &error),
    };
    let Some(input) = collected.inputs.first() else {
        return exit::USAGE;
    };
    let options = options_for(input.config.map(|c| &configs.loaded[c]), &input.source);
    let text = match files::read_stdin(options.limits.max_size) {
        Ok(text) => text,
        Err(problem) => {
            eprintln!("rtk-preset: {problem}");
            return exit::USAGE;
        }
    };
    let (fixed, _) = rtk_preset_core::fix_document(&text, &options, args.unsafe_fixes);
    let mut stdout = std::io::stdout().lock();
    // A closed pipe is not worth a panic.
    let _ = stdout.write_all(&fixed).and_then(|()| stdout.flush());
    let left = rtk_preset_core::check(&fixed, &options);
    let mut code = if left.has_errors() {
        exit::FINDINGS
    } else {
        exit::OK
    };
    if args.exit_zero && code == exit::FINDINGS {
        code = exit::OK;
    }
    let document = files::Loaded::of_text(input.source.clone(), fixed);
    let reports = [Some(left)];
    if args.output.is_some() {
        return report(args, std::slice::from_ref(&document), &reports, &[], code);
    }
    // Standard output holds the document: the report, in the format asked for, goes to
    // standard error. A failed write there changes nothing of the verdict.
    let stderr = std::io::stderr();
    let to_terminal = stderr.is_terminal();
    let documents = std::slice::from_ref(&document);
    let _ = render(
        args,
        to_terminal,
        documents,
        &reports,
        &[],
        &mut stderr.lock(),
    );
    code
}

pub(crate) fn diff_code(diff: &str) -> u8 {
    if diff.is_empty() {
        exit::OK
    } else {
        exit::FINDINGS
    }
}

/// What [`apply_fixes`] came to.
pub(crate) struct Applied {
    /// With `--diff`, the unified diff and the files that could not be read (with `--fix`, the
    /// check that follows reports those).
    pub(crate) diff: Option<(String, Vec<String>)>,
    /// Files not fixed on purpose (several hard links), as messages.
    pub(crate) refused: Vec<String>,
}

/// Applies fixes to every file, one at a time in parallel: writes them (`--fix`), or returns the
/// unified diff (`--diff`).
pub(crate) fn apply_fixes(
    inputs: &[files::Input],
    configs: &files::Configs,
    options_for: &(impl Fn(Option<&config::Config>, &files::Source) -> CheckOptions + Sync),
    args: &CheckArgs,
) -> Result<Applied, String> {
    use rayon::prelude::*;
    /// What fixing one file came to.
    enum Outcome {
        Fixed(usize, String),
        Unread(String),
        Refused(String),
    }
    let named = || {
        inputs.iter().filter_map(|i| match &i.source {
            files::Source::File(path) => Some(path.as_path()),
            files::Source::Stdin(_) => None,
        })
    };
    let outcomes: Vec<Result<Outcome, String>> = inputs
        .par_iter()
        .map(|input| {
            let files::Source::File(path) = &input.source else {
                return Ok(Outcome::Fixed(0, String::new()));
            };
            let options = options_for(input.config.map(|c| &configs.loaded[c]), &input.source);
            let text = match files::read_for_fix(path, options.limits.max_size) {
                Ok(Some(text)) => text,
                Ok(None) => return Ok(Outcome::Fixed(0, String::new())),
                Err(e) => {
                    return Ok(Outcome::Unread(format!(
                        "cannot read `{}`: {e}",
                        path.display()
                    )))
                }
            };
            if input.only_presets
                && !rtk_preset_core::select::is_preset_input(&text, options.limits)
            {
                return Ok(Outcome::Fixed(0, String::new()));
            }
            let (fixed, applied) =
                rtk_preset_core::fix_document(&text, &options, args.unsafe_fixes);
            if applied == 0 || fixed == text {
                return Ok(Outcome::Fixed(0, String::new()));
            }
            if args.diff {
                let name = input.source.name();
                let diff = output::unified_diff(&name, &text, &fixed);
                return Ok(Outcome::Fixed(applied, diff));
            }
            // A rename would give this name a new file and leave the other names with the old
            // text: such a file is not fixed (see README "Fixes").
            if let Some((count, others)) = files::hard_links(path, named()) {
                let also = match others.as_slice() {
                    [] => String::new(),
                    others => {
                        let names: Vec<String> = others
                            .iter()
                            .map(|o| format!("`{}`", o.display()))
                            .collect();
                        format!(" (also {})", names.join(", "))
                    }
                };
                return Ok(Outcome::Refused(format!(
                    "not fixing `{}`: it has {count} hard links{also}, and a fix writes a new \
                     file that only this name would see; make the other names symbolic links \
                     to it (they are followed), or fix a copy",
                    path.display()
                )));
            }
            files::write_atomically(path, &fixed)
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
            Ok(Outcome::Fixed(applied, String::new()))
        })
        .collect();
    let mut diff = String::new();
    let (mut unread, mut refused) = (Vec::new(), Vec::new());
    let (mut fixes, mut changed) = (0, 0);
    for outcome in outcomes {
        match outcome? {
            Outcome::Fixed(0, _) => {}
            Outcome::Fixed(applied, file_diff) => {
                fixes += applied;
                changed += 1;
                diff.push_str(&file_diff);
            }
            Outcome::Unread(problem) => unread.push(problem),
            Outcome::Refused(problem) => refused.push(problem),
        }
    }
    if !args.quiet {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        match (fixes, args.diff) {
            (0, _) => eprintln!("rtk-preset: nothing to fix"),
            (_, true) => eprintln!(
                "rtk-preset: would fix {} in {}",
                plural(fixes, "finding"),
                plural(changed, "file")
            ),
            (_, false) => eprintln!(
                "rtk-preset: fixed {} in {}",
                plural(fixes, "finding"),
                plural(changed, "file")
            ),
        }
    }
    Ok(Applied {
        diff: args.diff.then_some((diff, unread)),
        refused,
    })
}

//! `rtk-preset`: lint Cloudflare RealtimeKit preset documents.
//!
//! A thin shell over `rtk-preset-core`: it finds files and their configuration, reads them, applies
//! fixes, and prints the core's reports.

mod config;
mod files;
mod fixing;
mod lsp;
mod output;
mod remote;
mod shell;
mod terminal;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use files::Configs;
use rtk_preset_core::{ApiRevision, DocumentKind, KindSelector, Level, Severity};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

/// mimalloc: a parse allocates a few hundred small strings and vectors per document, and glibc's
/// allocator spent close to half of the parse on them (see `benches/phases.rs`). Version 2 of
/// mimalloc, without transparent huge pages: version 3 kept about 20 MB more resident on 10,000
/// files, and zeroing huge pages took a fifth of a one-file run (`scripts/bench.py`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

/// Exit codes of the CLI contract.
mod exit {
    /// No error-severity finding.
    pub const OK: u8 = 0;
    /// At least one error-severity finding.
    pub const FINDINGS: u8 = 1;
    /// Usage error, unknown rule, configuration error, or a path that cannot be read.
    pub const USAGE: u8 = 2;
    /// Internal failure.
    pub const INTERNAL: u8 = 3;
}

#[derive(Parser)]
#[command(
    name = "rtk-preset",
    version,
    about = "Validate and lint Cloudflare RealtimeKit preset documents",
    after_help = "Exit codes: 0 no error, 1 at least one error finding, 2 usage or configuration \
                  error or unreadable path, 3 internal failure."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check preset files: files, directories (recursively, *.json), or `-` for standard input.
    Check(CheckArgs),
    /// Print the JSON Schema of a document kind in an API revision.
    Schema(SchemaArgs),
    /// List every rule: id, default level, category, fix, summary.
    Rules(RulesArgs),
    /// Print a rule's documentation.
    Explain(ExplainArgs),
    /// Run the language server over standard input and output (for editors).
    Lsp,
    /// Print a shell's completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff, for `man -l -`).
    Man,
    /// Write an app's presets into a folder, one file each (and `rtk-preset.lock`).
    Pull(remote::PullArgs),
    /// Show what differs between a folder of presets and the app: exit 1 when a push would
    /// change something.
    Diff(remote::DiffArgs),
    /// Check a folder of presets, show the diff, and send the changes to the app.
    Push(remote::PushArgs),
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files, directories (searched recursively for *.json) or `-` for standard input
    /// [default: the current directory].
    paths: Vec<PathBuf>,
    /// The API revision to check against [default: the configuration's `api`, else 2026-06].
    #[arg(long, value_parser = api_parser())]
    api: Option<ApiRevision>,
    /// The kind of document; `auto` picks by shape (list and response envelopes, else create).
    #[arg(long, value_parser = kind_parser(), default_value = "auto")]
    kind: KindSelector,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    format: Format,
    /// When to colour the report: `auto` on a terminal, unless `NO_COLOR` is set (`FORCE_COLOR` or
    /// `CLICOLOR_FORCE` colour a pipe; `TERM=dumb` does not get colour).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = terminal::ColorChoice::Auto)]
    color: terminal::ColorChoice,
    /// Exit with 0 even when there are error findings (usage, configuration and internal errors
    /// still exit with 2 or 3).
    #[arg(long)]
    exit_zero: bool,
    /// Print the findings only: no summary line, and no notices on standard error (errors that
    /// change the exit code are still said).
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Instead of each finding, print how many findings each rule has (pretty and concise
    /// formats; the JSON report gets a `statistics` list).
    #[arg(long)]
    statistics: bool,
    /// The path of the document read from standard input (`-`): the name in the report, where
    /// its configuration is looked up, and the app it belongs to.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Use this configuration file instead of the nearest `rtk-preset.toml` of each file.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Select files named on the command line as a walk does (the configuration's `include` and
    /// `exclude`, else only preset documents), as pre-commit passes them.
    #[arg(long)]
    force_exclude: bool,
    /// Follow symbolic links in directories (loops are detected); without it, the links a walk
    /// meets are said on standard error, not checked. A link named on the command line is always
    /// followed.
    #[arg(long, short = 'L')]
    follow: bool,
    /// Turn a rule off (repeatable). When `--allow`, `--warn` and `--deny` name one rule, the
    /// order on the command line does not matter: `--deny` wins, then `--warn`.
    #[arg(long, value_name = "RULE")]
    allow: Vec<String>,
    /// Report a rule as a warning (repeatable; `--deny` of the same rule wins).
    #[arg(long, value_name = "RULE")]
    warn: Vec<String>,
    /// Report a rule as an error (repeatable; wins over `--allow` and `--warn` of the same rule).
    #[arg(long, value_name = "RULE")]
    deny: Vec<String>,
    /// Exit with 1 when there is any warning.
    #[arg(long)]
    deny_warnings: bool,
    /// Exit with 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Apply safe fixes to the files (atomic writes), then report what is left.
    #[arg(long)]
    fix: bool,
    /// With `--fix` or `--diff`: also apply fixes that change behaviour.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the changes the fixes would make, as a unified diff, without writing.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Threads that read and check files (default: one per core; `RAYON_NUM_THREADS` also works).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
}

#[derive(clap::Args)]
struct SchemaArgs {
    /// The API revision.
    #[arg(long, value_parser = api_parser(), default_value_t = ApiRevision::default())]
    api: ApiRevision,
    /// The document kind.
    #[arg(long, value_parser = kind_parser(), default_value = "create")]
    kind: KindSelector,
    /// Instead of printing one schema, write all of them (every kind and revision) into DIR.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["api", "kind"])]
    write: Option<PathBuf>,
    /// Instead of a JSON Schema, print the TypeScript types of the model (`pkg/src/model.ts`).
    #[arg(long, conflicts_with_all = ["api", "kind", "write"])]
    typescript: bool,
}

#[derive(clap::Args)]
struct RulesArgs {
    /// How to print the list.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    format: RulesFormat,
}

#[derive(clap::Args)]
struct ExplainArgs {
    /// The rule id, such as `low-contrast`.
    rule: String,
}

/// Parses `--api` from the core's own list of revisions.
fn api_parser() -> impl TypedValueParser<Value = ApiRevision> {
    PossibleValuesParser::new(ApiRevision::ALL.map(ApiRevision::as_str))
        .try_map(|s| s.parse::<ApiRevision>())
}

/// Parses `--kind` from the core's own list of kinds, plus `auto`.
fn kind_parser() -> impl TypedValueParser<Value = KindSelector> {
    let names = std::iter::once("auto").chain(DocumentKind::ALL.map(DocumentKind::as_str));
    PossibleValuesParser::new(names).try_map(|s| s.parse::<KindSelector>())
}

/// Output formats of `check`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// miette's graphical report with source snippets.
    Pretty,
    /// One JSON object: {version, files: [{path, kind, api, diagnostics}], summary}.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// One line per finding, as editors' problem matchers read them:
    /// `PATH:LINE:COLUMN: SEVERITY: MESSAGE [RULE]`, then the summary line.
    Concise,
}

/// Output formats of `rules`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    /// One rule a line.
    Text,
    /// [{id, severity, category, summary, fix}].
    Json,
    /// The rule reference (`docs/rules.md`).
    Markdown,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Schema(args) => run_schema(args),
        Command::Rules(args) => run_rules(args),
        Command::Explain(args) => run_explain(&args.rule),
        Command::Lsp => lsp::run(),
        Command::Pull(args) => remote::pull(args),
        Command::Diff(args) => remote::diff(args),
        Command::Push(args) => remote::push(args),
        Command::Completions { shell } => emit(&shell::completions(shell), None, exit::OK),
        Command::Man => match shell::manual() {
            Ok(page) => emit(&page, None, exit::OK),
            Err(e) => {
                eprintln!("rtk-preset: cannot write the manual page: {e}");
                exit::INTERNAL
            }
        },
    };
    ExitCode::from(code)
}

/// The levels `--allow`, `--warn` and `--deny` set (in that order, so `--deny` wins a tie).
fn cli_levels(args: &CheckArgs) -> Result<BTreeMap<String, Level>, String> {
    let mut levels = BTreeMap::new();
    for (ids, level) in [
        (&args.allow, Level::Off),
        (&args.warn, Level::Warning),
        (&args.deny, Level::Error),
    ] {
        for id in ids {
            rtk_preset_core::settable_level(id, level).map_err(|e| e.to_string())?;
            levels.insert(id.clone(), level);
        }
    }
    Ok(levels)
}

fn run_check(args: CheckArgs) -> u8 {
    if let Some(threads) = args.threads {
        // Only fails when the pool already exists, which it cannot here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(threads))
            .build_global();
    }
    let cli_levels = match cli_levels(&args) {
        Ok(levels) => levels,
        Err(message) => {
            eprintln!("rtk-preset: {message}");
            return exit::USAGE;
        }
    };
    let mut configs = match &args.config {
        Some(path) => match config::Config::load(path) {
            Ok(config) => Configs::explicit(config),
            Err(error) => return check_config_failure(&args, &error),
        },
        None => Configs::default(),
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let stdin_named = paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_named > 1 {
        eprintln!(
            "rtk-preset: `-` (standard input) is named {stdin_named} times; it can be read only once"
        );
        return exit::USAGE;
    }
    if let Some(message) = usage_problem(&args, &paths, stdin_named) {
        eprintln!("rtk-preset: {message}");
        return exit::USAGE;
    }
    let walk = files::Walk {
        force_exclude: args.force_exclude,
        follow: args.follow,
        stdin_name: args.stdin_filename.as_deref(),
    };
    let options_for = |config: Option<&config::Config>, source: &files::Source| {
        config::options(config, source, args.api, args.kind, &cli_levels)
    };
    if args.fix && stdin_named > 0 {
        return fixing::fix_stdin(&args, &mut configs, walk, &options_for);
    }
    let mut code = exit::OK;
    // With fixes, every file is fixed before any is checked; else the check starts while the
    // directories are still being walked.
    let mut collected_for_fix = None;
    if args.fix || args.diff {
        let found = files::collect(&paths, &mut configs, walk, &mut |_, _| {});
        let mut collected = match found {
            Ok(found) => found,
            Err(error) => return check_config_failure(&args, &error),
        };
        match fixing::apply_fixes(&collected.inputs, &configs, &options_for, &args) {
            Ok(fixing::Applied {
                diff: Some((diff, unread)),
                refused,
            }) => {
                let mut unreadable = std::mem::take(&mut collected.problems);
                unreadable.extend(unread);
                unreadable.extend(refused);
                unreadable.iter().for_each(|p| eprintln!("rtk-preset: {p}"));
                let code = if unreadable.is_empty() {
                    exit::OK
                } else {
                    exit::USAGE
                };
                return emit(
                    &diff,
                    args.output.as_ref(),
                    code.max(fixing::diff_code(&diff)),
                );
            }
            // Said after the report, with the paths that could not be read (exit code 2).
            Ok(fixing::Applied {
                diff: None,
                refused,
            }) => collected.problems.extend(refused),
            Err(message) => {
                eprintln!("rtk-preset: {message}");
                return exit::USAGE;
            }
        }
        collected_for_fix = Some(collected);
    }

    let keep_text = matches!(args.format, Format::Pretty);
    let produce = |sink: &mut dyn FnMut(files::Job)| {
        let mut send = |input: &files::Input, configs: &Configs| {
            sink(files::Job::new(input, configs, &options_for));
        };
        let collected = match collected_for_fix {
            Some(collected) => {
                collected
                    .inputs
                    .iter()
                    .for_each(|input| send(input, &configs));
                collected
            }
            None => files::collect(&paths, &mut configs, walk, &mut send)?,
        };
        // The rest of the apps of files named alone, read so that app-level rules see them.
        for input in files::app_context(&collected.inputs, &mut configs)? {
            send(&input, &configs);
        }
        Ok::<_, config::ConfigError>(collected)
    };
    let (produced, checks) = files::check_streamed(produce, keep_text);
    let collected = match produced {
        Ok(collected) => collected,
        Err(error) => return check_config_failure(&args, &error),
    };
    let explicit = configs.explicit.map(|i| &configs.loaded[i]);
    for line in output::not_checked(&checks, &collected, &paths, walk, explicit) {
        if !args.quiet {
            eprintln!("rtk-preset: {line}");
        }
    }
    if !args.quiet {
        for warning in config_warnings(&configs, &collected, &paths) {
            eprint!("{}", output::config_warning(&warning));
        }
    }
    let mut unreadable = collected.problems;
    unreadable.extend(checks.unread);
    for problem in &unreadable {
        eprintln!("rtk-preset: {problem}");
        code = exit::USAGE;
    }
    let notices: Vec<output::Notice> = unreadable
        .into_iter()
        .map(|message| output::Notice {
            message,
            place: None,
        })
        .collect();
    let (documents, reports) = (checks.documents, checks.reports);
    let (documents, reports): (Vec<files::Loaded>, Vec<Option<rtk_preset_core::Report>>) =
        documents
            .into_iter()
            .zip(reports)
            .filter(|(d, _)| !d.context)
            .unzip();
    for (document, report) in documents.iter().zip(&reports) {
        if report.is_none() {
            eprintln!(
                "rtk-preset: internal error while checking `{}`",
                document.name()
            );
        }
    }
    let count = |severity| {
        reports
            .iter()
            .flatten()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.severity == severity)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let too_many_warnings =
        (args.deny_warnings && warnings > 0) || args.max_warnings.is_some_and(|max| warnings > max);
    if code == exit::OK && (errors > 0 || too_many_warnings) {
        code = exit::FINDINGS;
    }
    if let Some(max) = args.max_warnings.filter(|&max| warnings > max) {
        eprintln!("rtk-preset: {warnings} warnings, more than --max-warnings {max}");
    } else if args.deny_warnings && warnings > 0 {
        eprintln!("rtk-preset: {warnings} warning(s), and --deny-warnings fails the run on any");
    }
    if reports.iter().any(Option::is_none) {
        code = exit::INTERNAL;
    }
    if args.exit_zero && code == exit::FINDINGS {
        code = exit::OK;
    }
    report(&args, &documents, &reports, &notices, code)
}

/// Prints (or writes to `-o FILE`) the report in the format asked for, and returns `code`.
fn report(
    args: &CheckArgs,
    documents: &[files::Loaded],
    reports: &[Option<rtk_preset_core::Report>],
    notices: &[output::Notice],
    code: u8,
) -> u8 {
    let to_terminal = args.output.is_none() && terminal::stdout_is_terminal();
    emit_with(
        |out| render(args, to_terminal, documents, reports, notices, out),
        args.output.as_ref(),
        code,
    )
}

/// Writes the report in the format asked for to `out`; `to_terminal` says whether `out` is a
/// terminal (for colour and width). The JSON report is written as it is serialised: the report
/// of 10,000 files is megabytes of text.
fn render(
    args: &CheckArgs,
    to_terminal: bool,
    documents: &[files::Loaded],
    reports: &[Option<rtk_preset_core::Report>],
    notices: &[output::Notice],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let style = output::Style {
        color: terminal::colour(args.color, to_terminal, terminal::env),
        width: terminal::width(to_terminal, terminal::env),
        quiet: args.quiet,
        statistics: args.statistics,
    };
    let text = match args.format {
        Format::Json => return output::json(documents, reports, args.statistics, out),
        Format::Pretty => output::pretty(documents, reports, style),
        Format::Concise => output::concise(documents, reports, style),
        Format::Sarif => output::sarif(documents, reports, notices),
        Format::Github => output::github(documents, reports),
    };
    out.write_all(text.as_bytes())
}

/// The warnings of the configurations a run used: `[[overrides]]` that match no file, for each
/// configuration whose whole directory the run walked (a run on a few files says nothing about
/// the others).
fn config_warnings(
    configs: &Configs,
    collected: &files::Collected,
    paths: &[PathBuf],
) -> Vec<config::ConfigError> {
    let roots: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-" && p.is_dir())
        .filter_map(|p| files::absolute(p).ok())
        .collect();
    let mut warnings = Vec::new();
    for (index, config) in configs.loaded.iter().enumerate() {
        if !roots.iter().any(|root| config.walked_from(root)) {
            continue;
        }
        let governed = collected.inputs.iter().filter_map(|i| match &i.source {
            files::Source::File(path) if i.config == Some(index) => Some(path.as_path()),
            _ => None,
        });
        warnings.extend(config.unmatched_overrides(governed));
    }
    warnings
}

/// What is wrong with a combination of flags and paths, if anything.
fn usage_problem(args: &CheckArgs, paths: &[PathBuf], stdin_named: usize) -> Option<&'static str> {
    if args.unsafe_fixes && !args.fix && !args.diff {
        // The report already says which findings only unsafe fixes resolve.
        return Some("`--unsafe-fixes` goes with `--fix` or `--diff`: add one of them");
    }
    if args.statistics && matches!(args.format, Format::Sarif | Format::Github) {
        return Some("`--statistics` works with the pretty, concise and JSON formats");
    }
    if args.stdin_filename.is_some() && stdin_named == 0 {
        return Some("`--stdin-filename` names standard input: add `-` to the paths");
    }
    if args.diff && stdin_named > 0 {
        return Some("`--diff` works on files; `--fix -` prints standard input fixed");
    }
    if args.fix && stdin_named > 0 && paths.len() > 1 {
        return Some("`--fix -` fixes standard input alone: name no other path");
    }
    None
}

/// Prints the report (or writes it to `-o FILE`) and returns the exit code.
fn emit(text: &str, output: Option<&PathBuf>, code: u8) -> u8 {
    emit_with(|out| out.write_all(text.as_bytes()), output, code)
}

/// [`emit`] of a report that `write` writes out piece by piece.
fn emit_with(
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    output: Option<&PathBuf>,
    code: u8,
) -> u8 {
    if let Some(path) = output {
        // Missing folders of `-o` are made, as a CI job's `reports/` usually is missing.
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
        let made = folder.map_or(Ok(()), std::fs::create_dir_all);
        let written = made
            .and_then(|()| std::fs::File::create(path))
            .and_then(|file| {
                let mut out = std::io::BufWriter::new(file);
                write(&mut out)?;
                out.flush()
            });
        return match written {
            Ok(()) => code,
            Err(e) => {
                eprintln!("rtk-preset: cannot write `{}`: {e}", path.display());
                exit::USAGE
            }
        };
    }
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    // A closed pipe (`| head`) is not worth a panic; the exit code still tells the verdict.
    let _ = write(&mut stdout).and_then(|()| stdout.flush());
    code
}

/// A configuration error of `check`: said on standard error, and with `--format sarif` also
/// written as a SARIF log whose invocation failed (code scanning then shows why nothing was
/// checked, where it would otherwise see no file at all).
fn check_config_failure(args: &CheckArgs, error: &config::ConfigError) -> u8 {
    let code = config_failure(error);
    if args.format == Format::Sarif {
        let position = error.span.as_ref().map(|span| {
            let index = rtk_preset_core::LineIndex::new(error.text.as_bytes());
            index.position(span.start)
        });
        let notice = output::Notice {
            message: format!("configuration error: {}", error.message),
            place: Some((error.path.display().to_string(), position)),
        };
        return emit(
            &output::sarif(&[], &[], &[notice]),
            args.output.as_ref(),
            code,
        );
    }
    code
}

fn config_failure(error: &config::ConfigError) -> u8 {
    eprint!("{}", output::config_error(error));
    exit::USAGE
}

fn run_schema(args: SchemaArgs) -> u8 {
    if args.typescript {
        return emit(&rtk_preset_core::typescript::declarations(), None, exit::OK);
    }
    if let Some(dir) = args.write {
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("rtk-preset: cannot create `{}`: {e}", dir.display());
            return exit::USAGE;
        }
        for kind in DocumentKind::ALL {
            for api in ApiRevision::ALL {
                let path = dir.join(rtk_preset_core::schema::file_name(kind, api));
                let text = rtk_preset_core::schema::published_pretty(kind, api);
                if let Err(e) = std::fs::write(&path, text) {
                    eprintln!("rtk-preset: cannot write `{}`: {e}", path.display());
                    return exit::USAGE;
                }
            }
        }
        return exit::OK;
    }
    let KindSelector::Fixed(kind) = args.kind else {
        eprintln!("rtk-preset: `schema --kind auto` has no schema: name a kind");
        return exit::USAGE;
    };
    emit(
        &rtk_preset_core::schema::published_pretty(kind, args.api),
        None,
        exit::OK,
    )
}

fn run_rules(args: RulesArgs) -> u8 {
    let text = match args.format {
        RulesFormat::Markdown => rtk_preset_core::rules::reference_markdown(),
        RulesFormat::Json => output::rules_json(),
        RulesFormat::Text => output::rules_text(),
    };
    emit(&text, None, exit::OK)
}

fn run_explain(rule: &str) -> u8 {
    match rtk_preset_core::rules::find(rule) {
        Some(meta) => emit(&meta.explanation(1), None, exit::OK),
        None => {
            eprintln!("rtk-preset: {}", rtk_preset_core::UnknownRule::new(rule));
            exit::USAGE
        }
    }
}

//! `rtk-preset`: lint Cloudflare RealtimeKit preset documents.
//!
//! A thin shell over `rtk-preset-core`: it finds files, reads them, and prints the core's reports.

mod files;
mod output;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use rtk_preset_core::{ApiRevision, CheckOptions, DocumentKind, KindSelector};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes of the CLI contract.
mod exit {
    /// No error-severity finding.
    pub const OK: u8 = 0;
    /// At least one error-severity finding.
    pub const FINDINGS: u8 = 1;
    /// Usage error, or a path that cannot be read.
    pub const USAGE: u8 = 2;
    /// Internal failure.
    pub const INTERNAL: u8 = 3;
}

#[derive(Parser)]
#[command(
    name = "rtk-preset",
    version,
    about = "Validate and lint Cloudflare RealtimeKit preset documents",
    after_help = "Exit codes: 0 no error, 1 at least one error finding, 2 usage error or unreadable \
                  path, 3 internal failure."
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
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files, directories (searched recursively for *.json) or `-` for standard input
    /// [default: the current directory].
    paths: Vec<PathBuf>,
    /// The API revision to check against.
    #[arg(long, value_parser = api_parser(), default_value = "2026-06")]
    api: ApiRevision,
    /// The kind of document; `auto` picks by shape (list and response envelopes, else create).
    #[arg(long, value_parser = kind_parser(), default_value = "auto")]
    kind: KindSelector,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    format: Format,
}

#[derive(clap::Args)]
struct SchemaArgs {
    /// The API revision.
    #[arg(long, value_parser = api_parser(), default_value = "2026-06")]
    api: ApiRevision,
    /// The document kind.
    #[arg(long, value_parser = kind_parser(), default_value = "create")]
    kind: KindSelector,
    /// Instead of printing one schema, write all of them (every kind and revision) into DIR.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["api", "kind"])]
    write: Option<PathBuf>,
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Schema(args) => run_schema(args),
    };
    ExitCode::from(code)
}

fn run_check(args: CheckArgs) -> u8 {
    let options = CheckOptions {
        api: args.api,
        kind: args.kind,
        ..CheckOptions::default()
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let (inputs, mut unreadable) = files::collect(&paths);
    let (results, unread) = files::check_all(inputs, &options);
    unreadable.extend(unread);
    let mut code = exit::OK;
    for problem in &unreadable {
        eprintln!("rtk-preset: {problem}");
        code = exit::USAGE;
    }
    let internal = results.iter().filter(|r| r.report.is_none()).count();
    for failed in results.iter().filter(|r| r.report.is_none()) {
        eprintln!(
            "rtk-preset: internal error while checking `{}`",
            failed.path
        );
    }
    if results
        .iter()
        .any(|r| r.report.as_ref().is_some_and(|r| r.has_errors()))
        && code == exit::OK
    {
        code = exit::FINDINGS;
    }
    if internal > 0 {
        code = exit::INTERNAL;
    }
    let rendered = match args.format {
        Format::Json => output::json(&results),
        Format::Pretty => output::pretty(&results, output::color_wanted()),
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(rendered.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        // A closed pipe (`| head`) is not worth a panic; the exit code still tells.
        return code.max(exit::USAGE);
    }
    code
}

fn run_schema(args: SchemaArgs) -> u8 {
    if let Some(dir) = args.write {
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("rtk-preset: cannot create `{}`: {e}", dir.display());
            return exit::USAGE;
        }
        for kind in DocumentKind::ALL {
            for api in ApiRevision::ALL {
                let path = dir.join(rtk_preset_core::schema::file_name(kind, api));
                let text = rtk_preset_core::schema::to_pretty_json(kind, api);
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
    print!(
        "{}",
        rtk_preset_core::schema::to_pretty_json(kind, args.api)
    );
    exit::OK
}

//! Build tasks of the repository (`cargo xtask TASK`, an alias of `cargo run -p xtask --`):
//!
//! - `wasm`: the npm package's WebAssembly ([`wasm`]);
//! - `codegen [--check]`: every file generated from the model: `schemas/`, `pkg/src/model.ts`,
//!   `docs/rules.md` ([`codegen`]); with `--check`, fails on drift instead of writing;
//! - `new-rule ID [--app]`: a new lint rule, registered, documented and with fixtures
//!   ([`new_rule`]).

mod codegen;
mod new_rule;
mod wasm;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "usage: cargo xtask wasm | codegen [--check] | new-rule ID [--app]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let outcome = match args.as_slice() {
        ["wasm"] => wasm::wasm(),
        ["codegen"] => codegen::write(),
        ["codegen", "--check"] => codegen::check(),
        ["new-rule", id] => new_rule::new_rule(id, false),
        ["new-rule", id, "--app"] | ["new-rule", "--app", id] => new_rule::new_rule(id, true),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository's root.
fn root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

fn run(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed: {status}"))
    }
}

//! Finding the documents to check, reading them, and checking them in parallel.

use rayon::prelude::*;
use rtk_preset_core::{CheckOptions, Report};
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// One document to check.
pub(crate) enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Input {
    /// The name the report shows.
    pub(crate) fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_owned(),
            Input::File(path) => path.display().to_string(),
        }
    }
}

/// A checked document.
pub(crate) struct Checked {
    /// The name the report shows.
    pub(crate) path: String,
    /// The document's bytes.
    pub(crate) text: Vec<u8>,
    /// The core's report; `None` if checking failed internally.
    pub(crate) report: Option<Report>,
}

/// Expands the command line's paths: files as given, directories searched recursively for
/// `*.json` (honouring `.gitignore` and skipping hidden entries), `-` for standard input.
/// Returns the inputs and the paths that could not be read.
pub(crate) fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
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
            inputs.extend(found.into_iter().map(Input::File));
        } else if path.exists() {
            inputs.push(Input::File(path.clone()));
        } else {
            problems.push(format!(
                "cannot read `{}`: no such file or directory",
                path.display()
            ));
        }
    }
    (inputs, problems)
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Reads and checks every input, in parallel, keeping the inputs' order. Inputs that cannot be
/// read are returned as messages.
pub(crate) fn check_all(inputs: Vec<Input>, options: &CheckOptions) -> (Vec<Checked>, Vec<String>) {
    let outcomes: Vec<Result<Checked, String>> = inputs
        .into_par_iter()
        .map(|input| {
            let path = input.display();
            let text = match &input {
                Input::Stdin => {
                    let mut buffer = Vec::new();
                    std::io::stdin().read_to_end(&mut buffer).map(|_| buffer)
                }
                Input::File(file) => std::fs::read(file),
            }
            .map_err(|e| format!("cannot read `{path}`: {e}"))?;
            let report = std::panic::catch_unwind(|| rtk_preset_core::check(&text, options)).ok();
            Ok(Checked { path, text, report })
        })
        .collect();
    let mut checked = Vec::new();
    let mut problems = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(c) => checked.push(c),
            Err(p) => problems.push(p),
        }
    }
    (checked, problems)
}

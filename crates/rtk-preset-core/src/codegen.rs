//! Every file generated from the model, in one list: the JSON Schemas (`schemas/`), their embedded
//! copy that the validator compiles (`schema/embedded.rs`), the TypeScript types of the npm package
//! (`pkg/src/model.ts`) and the rule reference (`docs/rules.md`).
//! `cargo xtask codegen` writes them; `cargo xtask codegen --check`, and the test that keeps them
//! current, compare them with what is committed ([`drift`]). Pure: the caller reads and writes.

use crate::revision::{ApiRevision, DocumentKind};

/// The command that regenerates every generated file (each one's header names it).
pub const REGENERATE: &str = "cargo xtask codegen";

/// A directory whose files are all generated: a file in it that is not generated is drift too.
pub const GENERATED_DIRS: [&str; 1] = ["schemas"];

/// One generated file: its path from the repository's root, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The path from the repository's root, with `/`.
    pub path: String,
    /// The text.
    pub text: String,
}

/// Every generated file, as the model makes it now.
pub fn generated() -> Vec<Generated> {
    let mut out = Vec::new();
    for kind in DocumentKind::ALL {
        for api in ApiRevision::ALL {
            out.push(Generated {
                path: format!("schemas/{}", crate::schema::file_name(kind, api)),
                text: crate::schema::to_pretty_json(kind, api),
            });
        }
    }
    out.push(Generated {
        path: "crates/rtk-preset-core/src/schema/embedded.rs".into(),
        text: crate::schema::embedded_source(),
    });
    out.push(Generated {
        path: "pkg/src/model.ts".into(),
        text: crate::typescript::declarations(),
    });
    #[cfg(feature = "docs")]
    out.push(Generated {
        path: "docs/rules.md".into(),
        text: crate::rules::reference_markdown(),
    });
    out
}

/// [`drift`] of the files under `root` (the repository): the check of `cargo xtask codegen
/// --check` and of the test `generated_files_are_current`. The only function of the core that
/// reads files, and only for this development check.
#[cfg(not(target_arch = "wasm32"))]
pub fn drift_in(root: &std::path::Path) -> Vec<String> {
    drift(
        |path| std::fs::read_to_string(root.join(path)).ok(),
        |dir| {
            std::fs::read_dir(root.join(dir))
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| format!("{dir}/{}", e.file_name().to_string_lossy()))
                .collect()
        },
    )
}

/// What differs between the generated files and the committed ones: a file that is missing or
/// differs, and a file in a [`GENERATED_DIRS`] directory that nothing generates. `read` gives a
/// committed file's text; `listed` the files of a directory (paths from the root).
pub fn drift(
    read: impl Fn(&str) -> Option<String>,
    listed: impl Fn(&str) -> Vec<String>,
) -> Vec<String> {
    let files = generated();
    let mut out = Vec::new();
    for file in &files {
        match read(&file.path) {
            None => out.push(format!("{} is missing", file.path)),
            Some(text) if text != file.text => out.push(format!("{} differs", file.path)),
            Some(_) => {}
        }
    }
    for dir in GENERATED_DIRS {
        for path in listed(dir) {
            if !files.iter().any(|f| f.path == path) {
                out.push(format!("{path} is not generated"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drift_finds_missing_changed_and_stray_files() {
        let files = generated();
        let text_of = |path: &str| {
            files
                .iter()
                .find(|f| f.path == path)
                .map(|f| f.text.clone())
        };
        let none = |_: &str| Vec::new();
        assert_eq!(drift(text_of, none), Vec::<String>::new());
        let edited = |path: &str| {
            text_of(path).map(|t| {
                if path == "docs/rules.md" {
                    t.replacen("rtk-preset rules", "rtk-preset rulez", 1)
                } else {
                    t
                }
            })
        };
        assert_eq!(drift(edited, none), ["docs/rules.md differs"]);
        let stray = |_: &str| vec!["schemas/old.schema.json".to_owned()];
        assert_eq!(
            drift(text_of, stray),
            ["schemas/old.schema.json is not generated"]
        );
        let gone = |path: &str| {
            (path != "pkg/src/model.ts")
                .then(|| text_of(path))
                .flatten()
        };
        assert_eq!(drift(gone, none), ["pkg/src/model.ts is missing"]);
    }
}

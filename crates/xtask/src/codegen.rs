//! `cargo xtask codegen [--check]`: writes every file generated from the model
//! ([`rtk_preset_core::codegen::generated`]), or, with `--check`, fails when one differs from
//! what is committed (the test `generated_files_are_current` runs the same check).

use crate::root;
use rtk_preset_core::codegen;

/// The committed text of a file, if there is one.
fn read(path: &str) -> Option<String> {
    std::fs::read_to_string(root().join(path)).ok()
}

pub(crate) fn write() -> Result<(), String> {
    // A file in a generated directory that nothing generates any more goes.
    for stray in codegen::drift_in(&root())
        .iter()
        .filter_map(|d| d.strip_suffix(" is not generated"))
    {
        std::fs::remove_file(root().join(stray)).map_err(|e| format!("{stray}: {e}"))?;
        eprintln!("xtask: removed {stray}");
    }
    let mut written = 0;
    for file in codegen::generated() {
        if read(&file.path).as_deref() == Some(file.text.as_str()) {
            continue;
        }
        let path = root().join(&file.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, &file.text).map_err(|e| format!("{}: {e}", file.path))?;
        eprintln!("xtask: wrote {}", file.path);
        written += 1;
    }
    eprintln!("xtask: {written} generated file(s) updated");
    Ok(())
}

pub(crate) fn check() -> Result<(), String> {
    let drift = codegen::drift_in(&root());
    if drift.is_empty() {
        eprintln!(
            "xtask: {} generated files are current",
            codegen::generated().len()
        );
        Ok(())
    } else {
        Err(format!(
            "generated files drifted: {}; run `{}`",
            drift.join(", "),
            codegen::REGENERATE
        ))
    }
}

//! `cargo xtask wasm`: builds the npm package's WebAssembly.
//!
//! 1. `cargo build -p rtk-preset-wasm --target wasm32-unknown-unknown --profile wasm`;
//! 2. wasm-bindgen (the `wasm-bindgen-cli-support` library, pinned to the exact `wasm-bindgen`
//!    version of Cargo.lock) writes the `web` glue and its TypeScript declarations to `pkg/src/wasm`;
//! 3. `wasm-opt -Oz` (from the npm package `binaryen` in `pkg/node_modules`) shrinks the module in
//!    place, in `pkg/src/wasm`, where `pkg/build.mjs` takes it to embed and to ship.

use crate::{root, run};
use std::path::PathBuf;
use std::process::Command;

/// The features the Rust `wasm32-unknown-unknown` target enables by default, which wasm-opt must
/// be allowed to keep.
const FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

pub(crate) fn wasm() -> Result<(), String> {
    let root = root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run(Command::new(cargo).current_dir(&root).args([
        "build",
        "--locked",
        "-p",
        "rtk-preset-wasm",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm",
    ]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let input = target.join("wasm32-unknown-unknown/wasm/rtk_preset_wasm.wasm");
    let glue = root.join("pkg/src/wasm");
    std::fs::create_dir_all(&glue).map_err(|e| e.to_string())?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&input)
        .web(true)
        .map_err(|e| e.to_string())?
        .typescript(true)
        .out_name("rtk_preset_wasm")
        .generate(&glue)
        .map_err(|e| format!("wasm-bindgen: {e}"))?;
    let output = glue.join("rtk_preset_wasm_bg.wasm");
    let generated = glue.join("rtk_preset_wasm_bg.unoptimised.wasm");
    std::fs::rename(&output, &generated).map_err(|e| e.to_string())?;
    let wasm_opt = root.join("pkg/node_modules/.bin/wasm-opt");
    if wasm_opt.exists() {
        run(Command::new(&wasm_opt)
            .arg(&generated)
            .args(["-Oz", "--converge", "--strip-debug", "--strip-producers"])
            .args(FEATURES)
            .arg("-o")
            .arg(&output))?;
    } else {
        eprintln!(
            "xtask: no wasm-opt in pkg/node_modules (run `npm ci` in pkg/): keeping it unoptimised"
        );
        std::fs::copy(&generated, &output).map_err(|e| e.to_string())?;
    }
    std::fs::remove_file(&generated).map_err(|e| e.to_string())?;
    let size = std::fs::metadata(&output).map_err(|e| e.to_string())?.len();
    eprintln!("xtask: {} ({size} bytes)", output.display());
    Ok(())
}

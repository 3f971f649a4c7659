//! The parse-only baseline: reads every `*.json` file under the given paths and parses it with
//! `serde_json::from_slice::<serde_json::Value>`, nothing else: what a validator that builds a
//! `serde_json` tree first cannot go below. With `--scan`, it only reads each file and counts its
//! structural bytes (`{`, `[`, `"`) without parsing: the floor of reading the files at all.
//! `RAYON_NUM_THREADS` (or `--threads N`) sets the threads, as for `rtk-preset`.
//!
//! Prints the number of files, how many did not parse (none with `--scan`), and the bytes read.

use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn walk(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for entry in entries.flatten() {
            walk(&entry.path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "json") {
        out.push(path.to_owned());
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--threads") {
        let threads: usize = args
            .get(at + 1)
            .and_then(|n| n.parse().ok())
            .expect("--threads N");
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .expect("thread pool");
        args.drain(at..at + 2);
    }
    let scan = match args.iter().position(|a| a == "--scan") {
        Some(at) => {
            args.remove(at);
            true
        }
        None => false,
    };
    let mut files = Vec::new();
    for arg in &args {
        walk(Path::new(arg), &mut files);
    }
    let (failed, bytes) = files
        .par_iter()
        .map(|file| match std::fs::read(file) {
            Ok(text) if scan => {
                let structural = text
                    .iter()
                    .filter(|&&b| matches!(b, b'{' | b'[' | b'"'))
                    .count();
                // Used, so the scan is not optimised away.
                (usize::from(structural == usize::MAX), text.len())
            }
            Ok(text) => {
                let parsed = serde_json::from_slice::<serde_json::Value>(&text);
                (usize::from(parsed.is_err()), text.len())
            }
            Err(_) => (1, 0),
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!("{} files, {failed} not parsed, {bytes} bytes", files.len());
}

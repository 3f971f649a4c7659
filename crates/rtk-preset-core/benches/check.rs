//! `cargo bench -p rtk-preset-core --bench check`: calls per second of `check` on the example
//! presets, natively (the npm package's budget is measured by `pkg/bench/check-vs-ajv.mjs`).

use rtk_preset_core::{check, CheckOptions};
use std::time::{Duration, Instant};

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for name in ["host.json", "invalid-guest.json"] {
        let text = std::fs::read(root.join("examples").join(name)).expect("example");
        let options = CheckOptions::default();
        let start = Instant::now();
        let mut calls = 0u64;
        while start.elapsed() < Duration::from_secs(2) {
            for _ in 0..100 {
                std::hint::black_box(check(std::hint::black_box(&text), &options));
            }
            calls += 100;
        }
        let rate = calls as f64 / start.elapsed().as_secs_f64();
        println!("{name:<20} {} bytes  {rate:>10.0} calls/s", text.len());
    }
}

//! Microbenchmarks of the core, per document: parse, validate (schema), lint (semantic rules) and
//! the whole `check`, on a valid and an invalid preset.
//!
//! `cargo bench -p rtk-preset-core --bench phases` (criterion; reports in `target/criterion`).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rtk_preset_core::{check, phases, ApiRevision, CheckOptions, DocumentKind};
use std::hint::black_box;

fn documents() -> Vec<(&'static str, Vec<u8>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    ["host.json", "invalid-guest.json"]
        .into_iter()
        .map(|name| {
            let text = std::fs::read(root.join(name)).expect("example preset");
            let label = if name.starts_with("invalid") {
                "invalid"
            } else {
                "valid"
            };
            (label, text)
        })
        .collect()
}

fn phases_of_check(c: &mut Criterion) {
    let (kind, api) = (DocumentKind::Create, ApiRevision::default());
    let options = CheckOptions::default();
    for (label, text) in documents() {
        let tree = phases::parse(&text).expect("the examples are JSON");
        let mut group = c.benchmark_group(label);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(BenchmarkId::new("parse", text.len()), |b| {
            b.iter(|| phases::parse(black_box(&text)))
        });
        group.bench_function(
            BenchmarkId::new("parse (serde_json::Value)", text.len()),
            |b| b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&text)).is_ok()),
        );
        group.bench_function(BenchmarkId::new("validate", text.len()), |b| {
            b.iter(|| phases::validate(black_box(&tree), kind, api))
        });
        group.bench_function(BenchmarkId::new("lint", text.len()), |b| {
            b.iter(|| phases::lint(black_box(&tree), kind, api))
        });
        group.bench_function(BenchmarkId::new("check", text.len()), |b| {
            b.iter(|| check(black_box(&text), &options))
        });
        group.finish();
    }
}

criterion_group!(benches, phases_of_check);
criterion_main!(benches);

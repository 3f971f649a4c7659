//! Lint arbitrary bytes as an app: the input is cut at 0xFF bytes into up to four documents (0xFF
//! never occurs in UTF-8 text), checked together with the app-level rules.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use rtk_preset_core::{check_app, Document};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else {
        return;
    };
    let options = common::options(selector);
    let parts: Vec<&[u8]> = input.splitn(4, |&b| b == 0xFF).collect();
    let names: Vec<String> = (0..parts.len())
        .map(|i| format!("preset-{i}.json"))
        .collect();
    let documents: Vec<Document<'_>> = parts
        .iter()
        .zip(&names)
        .map(|(part, name)| Document {
            name,
            input: part,
            options: &options,
        })
        .collect();
    let reports = check_app(&documents);
    assert_eq!(reports.len(), documents.len());
    for (report, part) in reports.iter().zip(&parts) {
        common::assert_well_formed(report, part);
    }
});

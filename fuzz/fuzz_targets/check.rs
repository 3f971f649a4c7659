//! Parse and validate arbitrary bytes (with every kind and revision): never a panic, and every
//! finding well formed.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else {
        return;
    };
    let report = rtk_preset_core::check(input, &common::options(selector));
    common::assert_well_formed(&report, input);
});

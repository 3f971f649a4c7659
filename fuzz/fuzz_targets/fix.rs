//! Fix arbitrary bytes (safe fixes, or unsafe ones too): the fixed text re-parses, grows by a
//! bounded amount per fix, and a second fix changes nothing.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use rtk_preset_core::{fix_document, json};

/// The most one fix adds to a text: a key renamed to the longest field name, a number clamped to
/// the widest bound, `https` for `http`.
const GROWTH_PER_FIX: usize = 64;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else {
        return;
    };
    let options = common::options(selector);
    let unsafe_fixes = selector & 0x80 != 0;
    let (fixed, applied) = fix_document(input, &options, unsafe_fixes);
    if applied == 0 {
        assert_eq!(fixed, input, "no fix applied, yet the text changed");
        return;
    }
    assert!(
        json::parse(&fixed, json::Limits::default()).is_ok(),
        "the fixed text does not parse: {:?}",
        String::from_utf8_lossy(&fixed)
    );
    assert!(
        fixed.len() <= input.len() + GROWTH_PER_FIX * applied,
        "{applied} fixes grew {} bytes to {}",
        input.len(),
        fixed.len()
    );
    let (again, more) = fix_document(&fixed, &options, unsafe_fixes);
    assert_eq!(
        more,
        0,
        "a second fix applied {more} more: {:?}",
        String::from_utf8_lossy(&fixed)
    );
    assert_eq!(again, fixed);
});

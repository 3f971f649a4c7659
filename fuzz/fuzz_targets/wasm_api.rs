//! The npm package's Rust side (`checkText`, `fixText`) on arbitrary text and arbitrary options
//! JSON: never a panic, and always a JSON answer.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Text and options are cut at the first NUL; both arrive from JavaScript as strings.
    let (text, options) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b"{}"[..]),
    };
    let text = String::from_utf8_lossy(text);
    let options = String::from_utf8_lossy(options);
    for answer in [
        rtk_preset_wasm::check_text(&text, &options),
        rtk_preset_wasm::fix_text(&text, &options),
    ] {
        let parsed: Result<serde_json::Value, _> = serde_json::from_str(&answer);
        assert!(parsed.is_ok(), "not JSON: {answer}");
    }
});

//! The npm package's Rust side (`checkText`, `fixText`, `checkAppText`) on arbitrary text and
//! arbitrary options JSON: never a panic, and always a JSON answer.
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
    // The text as an app of two presets: its two halves (cut at a character boundary).
    let half = (0..=text.len() / 2)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let documents = serde_json::json!([
        {"name": "a.json", "text": &text[..half]},
        {"name": "b.json", "text": &text[half..]},
    ]);
    for answer in [
        rtk_preset_wasm::check_text(text.as_bytes(), &options),
        rtk_preset_wasm::fix_text(&text, &options),
        rtk_preset_wasm::check_app_text(&documents.to_string(), &options),
    ] {
        let parsed: Result<serde_json::Value, _> = serde_json::from_str(&answer);
        assert!(parsed.is_ok(), "not JSON: {answer}");
    }
});

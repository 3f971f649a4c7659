//! What the language server asks of the core at a cursor (the place, hover, completion) on
//! arbitrary bytes, at offsets across the input: never a panic, and every span inside the input.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use rtk_preset_core::editor::{self, Slot};
use rtk_preset_core::{ApiRevision, DocumentKind};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, text)) = data.split_first() else {
        return;
    };
    let kind = DocumentKind::ALL[usize::from(selector) % DocumentKind::ALL.len()];
    let api = ApiRevision::ALL[usize::from(selector / 16) % ApiRevision::ALL.len()];
    let inside = |span: rtk_preset_core::Span| span.start <= span.end && span.end <= text.len();
    // Four cursors spread over the input, its end, one past it, and one the selector picks.
    let mut offsets: Vec<usize> = (0..4).map(|i| text.len() * i / 4).collect();
    offsets.extend([
        text.len(),
        text.len() + 1,
        usize::from(selector) % (text.len() + 1),
    ]);
    for offset in offsets {
        if let Some(place) = editor::place_at(text, offset) {
            match &place.slot {
                Slot::Key { span, .. } => assert!(inside(*span), "{place:?}"),
                Slot::Value { span, raw } => {
                    assert!(inside(*span), "{place:?}");
                    if let Ok(token) = std::str::from_utf8(&text[span.start..span.end]) {
                        assert_eq!(raw, token);
                    }
                }
            }
            let _ = place.pointer();
        }
        if let Some((markdown, span)) = editor::hover(text, offset, kind, api) {
            assert!(inside(span) && !markdown.is_empty());
        }
        for item in editor::complete(text, offset, kind, api) {
            assert!(inside(item.span) && !item.text.is_empty(), "{item:?}");
        }
    }
});

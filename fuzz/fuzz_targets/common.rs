#![allow(dead_code, reason = "each target uses a part of it")]
//! What the fuzz targets share: options chosen by one input byte, and the invariants of a report.

use rtk_preset_core::{ApiRevision, CheckOptions, DocumentKind, KindSelector, Report};

/// Check options from one byte: the kind (auto or one of the six) and the API revision.
pub fn options(selector: u8) -> CheckOptions {
    let kinds = DocumentKind::ALL;
    let kind = match usize::from(selector) % (kinds.len() + 1) {
        0 => KindSelector::Auto,
        i => KindSelector::Fixed(kinds[i - 1]),
    };
    let api = ApiRevision::ALL[usize::from(selector / 16) % ApiRevision::ALL.len()];
    CheckOptions {
        api,
        kind,
        ..CheckOptions::default()
    }
}

/// Every finding has a span inside the input and a 1-based position that does not go backwards.
pub fn assert_well_formed(report: &Report, input: &[u8]) {
    for d in &report.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= input.len(),
            "span {:?} outside an input of {} bytes: {d:?}",
            d.span,
            input.len()
        );
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
        assert!((d.end_line, d.end_column) >= (d.line, d.column), "{d:?}");
        assert!(!d.message.is_empty(), "{d:?}");
    }
}

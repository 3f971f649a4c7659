use super::{Finding, PresetRule, STREAM_COUNTS};
use crate::fix::{Applicability, Fix};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds negative stream counts: `max_screenshare_count` and `max_video_streams` on desktop or
    /// mobile.
    ///
    /// ## Why is this bad?
    /// A count of streams cannot be negative. No source documents a lower bound, so the API accepts the
    /// value (hence a warning, not an error), and what the meeting then does is undefined.
    ///
    /// ## Fix safety
    /// The fix sets the count to 0. It is unsafe: it changes what the document says, and a positive
    /// count may have been meant.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"max_video_streams": {"desktop": -1, "mobile": 4}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"max_video_streams": {"desktop": 0, "mobile": 4}}}
    /// ```
    NegativeCount {
        id: "negative-count",
        level: Warning,
        category: Correctness,
        summary: "a stream count is negative",
        fix: Unsafe,
    }
}

impl PresetRule for NegativeCount {
    type Fact = &'static str;

    fn detect(preset: &Preset<'_>) -> Vec<&'static str> {
        STREAM_COUNTS
            .into_iter()
            .filter(|path| preset.number(path).is_some_and(|n| n < 0.0))
            .collect()
    }

    fn report(preset: &Preset<'_>, path: &&'static str) -> Finding {
        let name = path.rsplit('/').next().unwrap_or_default();
        let value = preset.raw(path).unwrap_or_default();
        Finding {
            path: (*path).into(),
            span: preset.span(path),
            message: format!("`{name}` is {value}, but a count of streams cannot be negative"),
            help: Some("use 0 or more".into()),
        }
    }

    fn fix(preset: &Preset<'_>, path: &&'static str) -> Option<Fix> {
        Some(Fix::replace(
            Applicability::Unsafe,
            "set the count to 0".into(),
            preset.span(path),
            "0".into(),
        ))
    }
}

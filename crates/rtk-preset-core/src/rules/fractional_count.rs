use super::{Finding, PresetRule, STREAM_COUNTS};
use crate::fix::{Applicability, Fix};
use crate::number::Decimal;
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds stream counts that are not whole numbers: `max_screenshare_count` and
    /// `max_video_streams` on desktop or mobile.
    ///
    /// ## Why is this bad?
    /// The API types the counts as JSON numbers, so it accepts `2.5`, but half a screen share or half a
    /// video tile means nothing: the meeting rounds the value in a way no document says. Frame rates
    /// are not counts: `29.97` is a real frame rate.
    ///
    /// ## Fix safety
    /// The fix drops the fraction, rounding toward zero (`4.5` becomes `4`). It is unsafe: it changes
    /// the count, and rounding up may have been meant.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"max_video_streams": {"desktop": 4.5, "mobile": 4}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"max_video_streams": {"desktop": 4, "mobile": 4.0}}}
    /// ```
    FractionalCount {
        id: "fractional-count",
        level: Warning,
        category: Correctness,
        summary: "a stream count is not a whole number",
        fix: Unsafe,
    }
}

/// A count that has a fraction, and the whole number toward zero from it.
pub(crate) struct Fractional {
    path: &'static str,
    whole: String,
}

impl PresetRule for FractionalCount {
    type Fact = Fractional;

    fn detect(preset: &Preset<'_>) -> Vec<Fractional> {
        STREAM_COUNTS
            .into_iter()
            .filter_map(|path| {
                let text = preset.raw_number(path)?;
                let whole = Decimal::parse(text)?.truncated()?;
                Some(Fractional { path, whole })
            })
            .collect()
    }

    fn report(preset: &Preset<'_>, fact: &Fractional) -> Finding {
        let name = fact.path.rsplit('/').next().unwrap_or_default();
        let value = preset.raw(fact.path).unwrap_or_default();
        Finding {
            path: fact.path.into(),
            span: preset.span(fact.path),
            message: format!("`{name}` is {value}, but a count of streams is a whole number"),
            help: Some(format!("use a whole number, such as {}", fact.whole)),
        }
    }

    fn fix(preset: &Preset<'_>, fact: &Fractional) -> Option<Fix> {
        Some(Fix::replace(
            Applicability::Unsafe,
            format!("round the count toward zero, to {}", fact.whole),
            preset.span(fact.path),
            fact.whole.clone(),
        ))
    }
}

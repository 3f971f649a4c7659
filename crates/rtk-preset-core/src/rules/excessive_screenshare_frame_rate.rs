use super::{Finding, PresetRule};
use crate::fix::{Applicability, Fix};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds a screen share `frame_rate` above 30.
    ///
    /// ## Why is this bad?
    /// The API caps video at 30 frames per second and documents no cap for screen share, but the
    /// current docs recommend about 15: above 30 costs bandwidth and CPU for frames a shared screen
    /// rarely has.
    ///
    /// ## Fix safety
    /// The fix lowers the frame rate to 30. It is unsafe: it changes what the document asks for, and a
    /// deliberately smooth screen share (a video shared on screen) loses frames.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"media": {"screenshare": {"frame_rate": 60}}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"media": {"screenshare": {"frame_rate": 15}}}}
    /// ```
    ExcessiveScreenshareFrameRate {
        id: "excessive-screenshare-frame-rate",
        level: Warning,
        category: Correctness,
        summary: "the screen share `frame_rate` is above 30",
        fix: Unsafe,
    }
}

const PATH: &str = "/config/media/screenshare/frame_rate";

impl PresetRule for ExcessiveScreenshareFrameRate {
    type Fact = ();

    fn detect(preset: &Preset<'_>) -> Vec<()> {
        super::once(preset.number(PATH).is_some_and(|n| n > 30.0))
    }

    fn report(preset: &Preset<'_>, _: &()) -> Finding {
        Finding::at(
            preset,
            PATH,
            format!(
                "the screen share `frame_rate` is {}, above the 30 that video is capped at",
                preset.raw(PATH).unwrap_or_default()
            ),
            "use 30 or less; about 15 is recommended for screen share",
        )
    }

    fn fix(preset: &Preset<'_>, _: &()) -> Option<Fix> {
        Some(Fix::replace(
            Applicability::Unsafe,
            "lower the frame rate to 30".into(),
            preset.span(PATH),
            "30".into(),
        ))
    }
}

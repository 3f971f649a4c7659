use super::{Finding, PresetRule};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds a video `frame_rate` of 0 or less on a preset whose participants may produce video.
    ///
    /// ## Why is this bad?
    /// A frame rate of 0 sends no frames: the camera is allowed but nobody sees it move.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"media": {"video": {"frame_rate": 0}}},
    ///  "permissions": {"media": {"video": {"can_produce": "ALLOWED"}}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"media": {"video": {"frame_rate": 24}}},
    ///  "permissions": {"media": {"video": {"can_produce": "ALLOWED"}}}}
    /// ```
    ZeroVideoFrameRate {
        id: "zero-video-frame-rate",
        level: Warning,
        category: Correctness,
        summary: "video is allowed but its `frame_rate` is 0",
        fix: None,
    }
}

const PATH: &str = "/config/media/video/frame_rate";

impl PresetRule for ZeroVideoFrameRate {
    type Fact = ();

    fn detect(preset: &Preset<'_>) -> Vec<()> {
        let produces = preset.can_produce("video") != Some("NOT_ALLOWED");
        let zero = preset.number(PATH).is_some_and(|n| n <= 0.0);
        super::once(produces && zero)
    }

    fn report(preset: &Preset<'_>, _: &()) -> Finding {
        Finding {
            path: PATH.into(),
            span: preset.span(PATH),
            message: format!(
                "the video `frame_rate` is {}, so video sends no frames",
                preset.raw(PATH).unwrap_or_default()
            ),
            help: Some(
                "use a frame rate from 1 to 30 (24 or 30 are usual), or set \
                 `permissions.media.video.can_produce` to `NOT_ALLOWED`"
                    .into(),
            ),
        }
    }
}

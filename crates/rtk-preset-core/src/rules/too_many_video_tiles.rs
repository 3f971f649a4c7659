use super::{Finding, PresetRule};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds `max_video_streams` above 9 on desktop or mobile.
    ///
    /// ## Why is this bad?
    /// Every tile is a video stream to decode; the RealtimeKit guide recommends 6 to 9 tiles on
    /// screen. More strain weak devices and make each tile small. A recommendation, hence `info`.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"max_video_streams": {"desktop": 25, "mobile": 4}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"max_video_streams": {"desktop": 9, "mobile": 4}}}
    /// ```
    TooManyVideoTiles {
        id: "too-many-video-tiles",
        level: Info,
        category: Recommendation,
        summary: "more than the recommended 9 video tiles on a device",
        fix: None,
    }
}

impl PresetRule for TooManyVideoTiles {
    type Fact = &'static str;

    fn detect(preset: &Preset<'_>) -> Vec<&'static str> {
        super::VIDEO_STREAMS
            .into_iter()
            .filter(|(_, path)| preset.number(path).is_some_and(|n| n > 9.0))
            .map(|(device, _)| device)
            .collect()
    }

    fn report(preset: &Preset<'_>, device: &&'static str) -> Finding {
        let path = format!("/config/max_video_streams/{device}");
        Finding {
            span: preset.span(&path),
            message: format!(
                "`max_video_streams.{device}` is {}, above the recommended 6 to 9 tiles",
                preset.raw(&path).unwrap_or_default()
            ),
            help: Some("show 9 video streams or fewer".into()),
            path,
        }
    }
}

use super::{Finding, PresetRule};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds presets that let participants produce video while `max_video_streams` shows no video
    /// tile on desktop or on mobile.
    ///
    /// ## Why is this bad?
    /// `max_video_streams` is the number of video streams visible on a device; at 0, video that is
    /// allowed is never seen there. (Audio rooms are left to `audio-room-with-video`.)
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"view_type": "GROUP_CALL", "max_video_streams": {"desktop": 0, "mobile": 4}},
    ///  "permissions": {"media": {"video": {"can_produce": "ALLOWED"}}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"view_type": "GROUP_CALL", "max_video_streams": {"desktop": 9, "mobile": 4}},
    ///  "permissions": {"media": {"video": {"can_produce": "ALLOWED"}}}}
    /// ```
    VideoWithoutTiles {
        id: "video-without-tiles",
        level: Warning,
        category: Correctness,
        summary: "video is allowed but `max_video_streams` shows no video tile on a device",
        fix: None,
    }
}

impl PresetRule for VideoWithoutTiles {
    type Fact = &'static str;

    fn detect(preset: &Preset<'_>) -> Vec<&'static str> {
        let produces = matches!(preset.can_produce("video"), Some("ALLOWED" | "CAN_REQUEST"));
        if !produces || preset.string("/config/view_type") == Some("AUDIO_ROOM") {
            return Vec::new();
        }
        ["desktop", "mobile"]
            .into_iter()
            .filter(|device| {
                preset.number(&format!("/config/max_video_streams/{device}")) == Some(0.0)
            })
            .collect()
    }

    fn report(preset: &Preset<'_>, device: &&'static str) -> Finding {
        let path = format!("/config/max_video_streams/{device}");
        Finding {
            span: preset.span(&path),
            path,
            message: format!(
                "video is allowed but `max_video_streams.{device}` is 0, so no video is shown on {device}"
            ),
            help: Some(format!(
                "show at least one video stream on {device} (6 to 9 is the usual range), or set \
                 `permissions.media.video.can_produce` to `NOT_ALLOWED`"
            )),
        }
    }
}

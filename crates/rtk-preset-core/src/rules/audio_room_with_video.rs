use super::{Finding, PresetRule};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds `AUDIO_ROOM` presets whose participants may produce video or share their screen.
    ///
    /// ## Why is this bad?
    /// Audio rooms show no video, so the permission does nothing but mislead whoever reads the
    /// preset (or a client that does not know the view type).
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"view_type": "AUDIO_ROOM"},
    ///  "permissions": {"media": {"video": {"can_produce": "ALLOWED"}}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"view_type": "AUDIO_ROOM"},
    ///  "permissions": {"media": {"video": {"can_produce": "NOT_ALLOWED"},
    ///                            "screenshare": {"can_produce": "NOT_ALLOWED"}}}}
    /// ```
    AudioRoomWithVideo {
        id: "audio-room-with-video",
        level: Warning,
        category: Correctness,
        summary: "an `AUDIO_ROOM` preset lets participants produce video or share the screen",
        fix: None,
    }
}

impl PresetRule for AudioRoomWithVideo {
    type Fact = &'static str;

    fn detect(preset: &Preset<'_>) -> Vec<&'static str> {
        if preset.string("/config/view_type") != Some("AUDIO_ROOM") {
            return Vec::new();
        }
        ["video", "screenshare"]
            .into_iter()
            .filter(|media| matches!(preset.can_produce(media), Some("ALLOWED" | "CAN_REQUEST")))
            .collect()
    }

    fn report(preset: &Preset<'_>, media: &&'static str) -> Finding {
        let path = crate::view::can_produce_path(media)
            .unwrap_or_default()
            .to_owned();
        let what = if *media == "video" {
            "video"
        } else {
            "screen share"
        };
        Finding {
            span: preset.span(&path),
            message: format!(
                "{what} is `{}` in an `AUDIO_ROOM`, which shows no video",
                preset.can_produce(media).unwrap_or_default()
            ),
            help: Some(format!(
                "set `{media}.can_produce` to `NOT_ALLOWED`, or use `GROUP_CALL` or `WEBINAR`"
            )),
            path,
        }
    }
}

use super::{Finding, PresetRule};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds presets that let participants produce video while `max_video_streams` shows no video
    /// tile of another participant on desktop or on mobile: 0, or, in a `GROUP_CALL`, 1.
    ///
    /// ## Why is this bad?
    /// `max_video_streams` is the number of video streams visible on a device; at 0, video that is
    /// allowed is never seen there. In a call the count includes the participant's own tile, so at
    /// 1 nobody else's video is shown: Nguyen1976/DALN recorded it testing a one-to-one call on the
    /// live API with the web SDK 2.0.2 (design notes, commit 33a805d: with 1 "the other side's
    /// video is not received", `videoSubscribed: []`; they changed the preset to 2), and the UI
    /// kit (cloudflare/realtimekit-ui, `rtk-grid`) lays out the own tile beside the others. No
    /// official document says so, hence only where a call has video. (Audio rooms are left to
    /// `audio-room-with-video`.)
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

/// A device whose tiles show no other participant's video, and how many tiles it has (0 or 1).
pub(crate) struct NoTiles {
    device: &'static str,
    tiles: u8,
}

impl PresetRule for VideoWithoutTiles {
    type Fact = NoTiles;

    fn detect(preset: &Preset<'_>) -> Vec<NoTiles> {
        let produces = matches!(preset.can_produce("video"), Some("ALLOWED" | "CAN_REQUEST"));
        let view_type = preset.string("/config/view_type");
        if !produces || view_type == Some("AUDIO_ROOM") {
            return Vec::new();
        }
        // In a call, one tile is the participant's own.
        let own_tile = view_type == Some("GROUP_CALL");
        super::VIDEO_STREAMS
            .into_iter()
            .filter_map(|(device, path)| match preset.number(path)? {
                0.0 => Some(NoTiles { device, tiles: 0 }),
                1.0 if own_tile => Some(NoTiles { device, tiles: 1 }),
                _ => None,
            })
            .collect()
    }

    fn report(preset: &Preset<'_>, fact: &NoTiles) -> Finding {
        let device = fact.device;
        let path = format!("/config/max_video_streams/{device}");
        let (message, least) = match fact.tiles {
            0 => (
                format!(
                    "video is allowed but `max_video_streams.{device}` is 0, so no video is \
                     shown on {device}"
                ),
                "at least one video stream",
            ),
            _ => (
                format!(
                    "video is allowed but `max_video_streams.{device}` is 1, which is the \
                     participant's own tile, so no other participant's video is shown on {device}"
                ),
                "at least 2 tiles (a one-to-one call needs 2)",
            ),
        };
        Finding {
            span: preset.span(&path),
            path,
            message,
            help: Some(format!(
                "show {least} on {device} (6 to 9 is the usual range), or set \
                 `permissions.media.video.can_produce` to `NOT_ALLOWED`"
            )),
        }
    }
}

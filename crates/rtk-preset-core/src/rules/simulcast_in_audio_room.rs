use super::{Finding, PresetRule};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds `simulcast` turned on in an `AUDIO_ROOM` preset.
    ///
    /// ## Why is this bad?
    /// Simulcast sends several video qualities at once; the current docs recommend it off for
    /// audio-only calls, where there is no video to send. A recommendation, hence `info`.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"view_type": "AUDIO_ROOM", "media": {"video": {"simulcast": true}}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"view_type": "AUDIO_ROOM", "media": {"video": {"simulcast": false}}}}
    /// ```
    SimulcastInAudioRoom {
        id: "simulcast-in-audio-room",
        level: Info,
        category: Recommendation,
        summary: "`simulcast` is on in an `AUDIO_ROOM`",
        fix: None,
    }
}

const PATH: &str = "/config/media/video/simulcast";

impl PresetRule for SimulcastInAudioRoom {
    type Fact = ();

    fn detect(preset: &Preset<'_>) -> Vec<()> {
        let audio_room = preset.string("/config/view_type") == Some("AUDIO_ROOM");
        super::once(audio_room && preset.boolean(PATH) == Some(true))
    }

    fn report(preset: &Preset<'_>, _: &()) -> Finding {
        Finding::at(
            preset,
            PATH,
            "`simulcast` is on in an `AUDIO_ROOM`, which sends no video".to_owned(),
            "set `simulcast` to false",
        )
    }
}

use super::{Finding, PresetRule};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds recorder presets (`is_recorder` true, or a `recorder_type` other than `NONE`) that are
    /// not hidden (`hidden_participant` false).
    ///
    /// ## Why is this bad?
    /// A recording or livestreaming bot then shows up in the participant list and takes a tile,
    /// as if it were a person in the meeting.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"permissions": {"is_recorder": true, "recorder_type": "RECORDER", "hidden_participant": false}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"permissions": {"is_recorder": true, "recorder_type": "RECORDER", "hidden_participant": true}}
    /// ```
    VisibleRecorder {
        id: "visible-recorder",
        level: Warning,
        category: Correctness,
        summary: "a recorder preset is visible in the participant list",
        fix: None,
    }
}

const PATH: &str = "/permissions/hidden_participant";

impl PresetRule for VisibleRecorder {
    type Fact = ();

    fn detect(preset: &Preset<'_>) -> Vec<()> {
        let recorder = preset.boolean("/permissions/is_recorder") == Some(true)
            || matches!(
                preset.string("/permissions/recorder_type"),
                Some("RECORDER" | "LIVESTREAMER")
            );
        super::once(recorder && preset.boolean(PATH) == Some(false))
    }

    fn report(preset: &Preset<'_>, _: &()) -> Finding {
        Finding::at(
            preset,
            PATH,
            "this recorder preset has `hidden_participant` false, so the recorder shows \
                      up in the participant list"
                .to_owned(),
            "set `hidden_participant` to true",
        )
    }
}

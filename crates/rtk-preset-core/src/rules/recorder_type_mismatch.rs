use super::{Finding, PresetRule};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds presets where `is_recorder` and `recorder_type` disagree: a recorder whose type is
    /// `NONE`, or a `RECORDER`/`LIVESTREAMER` type on a preset that is not a recorder
    /// (`is_recorder` defaults to false).
    ///
    /// ## Why is this bad?
    /// The two fields describe the same thing; when they contradict each other, which one the
    /// platform follows is not documented, so the preset may not record as intended.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"permissions": {"is_recorder": true, "recorder_type": "NONE"}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"permissions": {"is_recorder": true, "recorder_type": "RECORDER"}}
    /// ```
    RecorderTypeMismatch {
        id: "recorder-type-mismatch",
        level: Warning,
        category: Correctness,
        summary: "`is_recorder` and `recorder_type` contradict each other",
        fix: None,
    }
}

/// Which side of the contradiction the preset states explicitly.
pub(crate) enum Mismatch {
    RecorderWithoutType,
    TypeWithoutRecorder(String),
}

impl PresetRule for RecorderTypeMismatch {
    type Fact = Mismatch;

    fn detect(preset: &Preset<'_>) -> Vec<Mismatch> {
        let is_recorder = preset.boolean("/permissions/is_recorder");
        match (is_recorder, preset.string("/permissions/recorder_type")) {
            (Some(true), Some("NONE")) => vec![Mismatch::RecorderWithoutType],
            (Some(false) | None, Some(t @ ("RECORDER" | "LIVESTREAMER")))
                if preset.node("/permissions").is_some() =>
            {
                vec![Mismatch::TypeWithoutRecorder(t.to_owned())]
            }
            _ => Vec::new(),
        }
    }

    fn report(preset: &Preset<'_>, fact: &Mismatch) -> Finding {
        let (path, message, help) = match fact {
            Mismatch::RecorderWithoutType => (
                "/permissions/recorder_type",
                "`is_recorder` is true but `recorder_type` is `NONE`".to_owned(),
                "set `recorder_type` to `RECORDER` or `LIVESTREAMER`, or `is_recorder` to false",
            ),
            Mismatch::TypeWithoutRecorder(t) => (
                "/permissions/recorder_type",
                if preset.node("/permissions/is_recorder").is_some() {
                    format!("`recorder_type` is `{t}` but `is_recorder` is false")
                } else {
                    format!("`recorder_type` is `{t}` but `is_recorder` is absent (false)")
                },
                "set `is_recorder` to true, or `recorder_type` to `NONE`",
            ),
        };
        Finding {
            path: path.into(),
            span: preset.span(path),
            message,
            help: Some(help.into()),
        }
    }
}

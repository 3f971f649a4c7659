use super::{Finding, PresetRule};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds presets that let participants share their screen while `max_screenshare_count`, the
    /// number of screen shares that can be active at once, is 0.
    ///
    /// ## Why is this bad?
    /// The permission promises something the meeting cannot deliver: with no slot, every attempt
    /// to share fails. One of the two settings is a mistake.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"max_screenshare_count": 0},
    ///  "permissions": {"media": {"screenshare": {"can_produce": "ALLOWED"}}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"max_screenshare_count": 1},
    ///  "permissions": {"media": {"screenshare": {"can_produce": "ALLOWED"}}}}
    /// ```
    ScreenshareWithoutSlots {
        id: "screenshare-without-slots",
        level: Warning,
        category: Correctness,
        summary: "screen share is allowed but `max_screenshare_count` is 0",
        fix: None,
    }
}

impl PresetRule for ScreenshareWithoutSlots {
    /// The screen share permission (`ALLOWED` or `CAN_REQUEST`).
    type Fact = String;

    fn detect(preset: &Preset<'_>) -> Vec<String> {
        let permission = preset
            .can_produce("screenshare")
            .filter(|p| matches!(*p, "ALLOWED" | "CAN_REQUEST"));
        match permission {
            Some(p) if preset.number("/config/max_screenshare_count") == Some(0.0) => {
                vec![p.to_owned()]
            }
            _ => Vec::new(),
        }
    }

    fn report(preset: &Preset<'_>, permission: &String) -> Finding {
        let path = "/config/max_screenshare_count";
        Finding {
            path: path.into(),
            span: preset.span(path),
            message: format!(
                "screen share is `{permission}` but `max_screenshare_count` is 0, so no screen share can start"
            ),
            help: Some(
                "raise `max_screenshare_count` to 1 or more, or set \
                 `permissions.media.screenshare.can_produce` to `NOT_ALLOWED`"
                    .into(),
            ),
        }
    }
}

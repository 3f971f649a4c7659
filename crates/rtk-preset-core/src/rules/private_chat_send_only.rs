use super::{Finding, PresetRule};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds presets whose participants can send private messages but not receive them.
    ///
    /// ## Why is this bad?
    /// A private conversation needs both directions: whoever is written to cannot answer, and the
    /// reply is lost. Usually `can_receive` was forgotten.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"permissions": {"chat": {"private": {"can_send": true, "can_receive": false}}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"permissions": {"chat": {"private": {"can_send": true, "can_receive": true}}}}
    /// ```
    PrivateChatSendOnly {
        id: "private-chat-send-only",
        level: Warning,
        category: Correctness,
        summary: "private chat can send but never receive",
        fix: None,
    }
}

const PATH: &str = "/permissions/chat/private/can_receive";

impl PresetRule for PrivateChatSendOnly {
    type Fact = ();

    fn detect(preset: &Preset<'_>) -> Vec<()> {
        let sends = preset.boolean("/permissions/chat/private/can_send") == Some(true);
        let receives = preset.boolean(PATH) == Some(true);
        super::once(sends && !receives && preset.node(PATH).is_some())
    }

    fn report(preset: &Preset<'_>, _: &()) -> Finding {
        Finding::at(
            preset,
            PATH,
            "private chat can send but `can_receive` is false, so replies never arrive".to_owned(),
            "set `can_receive` to true, or `can_send` to false",
        )
    }
}

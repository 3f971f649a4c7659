use super::{Finding, PresetRule};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds public chat permissions that allow sending (`can_send`) but neither text nor files.
    ///
    /// ## Why is this bad?
    /// A message is text or a file; with both off, `can_send` allows nothing and the chat box
    /// only confuses.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"permissions": {"chat": {"public": {"can_send": true, "text": false, "files": false}}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"permissions": {"chat": {"public": {"can_send": true, "text": true, "files": false}}}}
    /// ```
    PublicChatWithoutContent {
        id: "public-chat-without-content",
        level: Warning,
        category: Correctness,
        summary: "public chat `can_send` is true with neither `text` nor `files`",
        fix: None,
    }
}

const PATH: &str = "/permissions/chat/public/can_send";

impl PresetRule for PublicChatWithoutContent {
    type Fact = ();

    fn detect(preset: &Preset<'_>) -> Vec<()> {
        let sends = preset.boolean(PATH) == Some(true);
        let text = preset.boolean("/permissions/chat/public/text");
        let files = preset.boolean("/permissions/chat/public/files");
        super::once(sends && text == Some(false) && files == Some(false))
    }

    fn report(preset: &Preset<'_>, _: &()) -> Finding {
        Finding::at(
            preset,
            PATH,
            "public chat `can_send` is true but `text` and `files` are both false, so \
                      nothing can be sent"
                .to_owned(),
            "allow `text` (or `files`), or set `can_send` to false",
        )
    }
}

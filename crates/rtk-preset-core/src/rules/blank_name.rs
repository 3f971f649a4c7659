use super::{Finding, PresetRule};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds preset names that are empty or only white space.
    ///
    /// ## Why is this bad?
    /// Participants are added to a meeting by preset name, and names are unique within an app: a
    /// blank name cannot be told apart or chosen in a dashboard.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"name": "   "}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"name": "webinar-host"}
    /// ```
    BlankName {
        id: "blank-name",
        level: Warning,
        category: Correctness,
        summary: "the preset name is empty or white space",
        fix: None,
    }
}

impl PresetRule for BlankName {
    type Fact = ();

    fn detect(preset: &Preset<'_>) -> Vec<()> {
        match preset.string("/name") {
            Some(name) if name.trim().is_empty() => vec![()],
            _ => Vec::new(),
        }
    }

    fn report(preset: &Preset<'_>, _: &()) -> Finding {
        Finding {
            path: "/name".into(),
            span: preset.span("/name"),
            message: "the preset name is blank".into(),
            help: Some("name the preset after the role it gives, such as `webinar-host`".into()),
        }
    }
}

use super::{Finding, PresetRule};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds `max_screenshare_count` above 4.
    ///
    /// ## Why is this bad?
    /// The RealtimeKit guide recommends 3 to 4 concurrent screen shares; more split the screen into
    /// unreadable pieces and cost every viewer bandwidth. A recommendation, hence `info`.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"max_screenshare_count": 10}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"max_screenshare_count": 2}}
    /// ```
    TooManyScreenshares {
        id: "too-many-screenshares",
        level: Info,
        category: Recommendation,
        summary: "more than the recommended 4 concurrent screen shares",
        fix: None,
    }
}

const PATH: &str = "/config/max_screenshare_count";

impl PresetRule for TooManyScreenshares {
    type Fact = ();

    fn detect(preset: &Preset<'_>) -> Vec<()> {
        super::once(preset.number(PATH).is_some_and(|n| n > 4.0))
    }

    fn report(preset: &Preset<'_>, _: &()) -> Finding {
        Finding::at(
            preset,
            PATH,
            format!(
                "`max_screenshare_count` is {}, above the recommended 3 to 4",
                preset.raw(PATH).unwrap_or_default()
            ),
            "allow 4 concurrent screen shares or fewer",
        )
    }
}

use super::{Finding, PresetRule};
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds poll permissions that allow voting (`can_vote`) without seeing polls (`can_view`).
    ///
    /// ## Why is this bad?
    /// A participant cannot vote on a poll they cannot see.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"permissions": {"polls": {"can_vote": true, "can_view": false}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"permissions": {"polls": {"can_vote": true, "can_view": true}}}
    /// ```
    VoteWithoutView {
        id: "vote-without-view",
        level: Warning,
        category: Correctness,
        summary: "polls `can_vote` is true but `can_view` is false",
        fix: None,
    }
}

const PATH: &str = "/permissions/polls/can_view";

impl PresetRule for VoteWithoutView {
    type Fact = ();

    fn detect(preset: &Preset<'_>) -> Vec<()> {
        let votes = preset.boolean("/permissions/polls/can_vote") == Some(true);
        super::once(votes && preset.boolean(PATH) == Some(false))
    }

    fn report(preset: &Preset<'_>, _: &()) -> Finding {
        Finding::at(
            preset,
            PATH,
            "polls `can_vote` is true but `can_view` is false, so there is nothing to \
                      vote on"
                .to_owned(),
            "set `can_view` to true, or `can_vote` to false",
        )
    }
}

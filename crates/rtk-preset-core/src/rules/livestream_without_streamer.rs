use super::{AppRule, Finding};
use crate::app::AppFacts;

declare_rule! {
    /// ## What it does
    /// Finds `LIVESTREAM` presets in an app where no preset has `can_livestream: true`.
    ///
    /// ## Why is this bad?
    /// A livestream has to be started by someone allowed to; without such a preset, the viewers
    /// of a `LIVESTREAM` meeting wait for a stream that never begins.
    ///
    /// ## Example invalid
    /// ```json app
    /// [{"name": "viewer", "config": {"view_type": "LIVESTREAM"}},
    ///  {"name": "host", "config": {"view_type": "LIVESTREAM"}, "permissions": {"can_livestream": false}}]
    /// ```
    ///
    /// ## Example valid
    /// ```json app
    /// [{"name": "viewer", "config": {"view_type": "LIVESTREAM"}},
    ///  {"name": "host", "config": {"view_type": "LIVESTREAM"}, "permissions": {"can_livestream": true}}]
    /// ```
    LivestreamWithoutStreamer {
        id: "livestream-without-streamer",
        level: Warning,
        category: App,
        summary: "a `LIVESTREAM` preset, and no preset in the app can start the livestream",
        fix: None,
    }
}

const PATH: &str = "/config/view_type";

impl AppRule for LivestreamWithoutStreamer {
    type Fact = ();

    fn detect(app: &[&AppFacts]) -> Vec<(usize, ())> {
        if app
            .iter()
            .any(|p| p.boolean("/permissions/can_livestream") == Some(true))
        {
            return Vec::new();
        }
        app.iter()
            .enumerate()
            .filter(|(_, p)| p.string(PATH) == Some("LIVESTREAM"))
            .map(|(i, _)| (i, ()))
            .collect()
    }

    fn report(app: &[&AppFacts], index: usize, _: &()) -> Finding {
        let preset = &app[index];
        Finding {
            path: PATH.into(),
            span: preset.span(PATH),
            message: format!(
                "{} is a `LIVESTREAM` preset, but no preset in this app can start the livestream",
                preset.label()
            ),
            help: Some(format!(
                "give a host preset `can_livestream: true` (checked: {})",
                super::app_names(app)
            )),
        }
    }
}

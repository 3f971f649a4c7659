use super::{AppRule, Finding};
use crate::app::AppFacts;

declare_rule! {
    /// ## What it does
    /// Finds presets that put participants in a waiting room (`ON_PRIVILEGED_USER_ENTRY` or
    /// `SKIP_ON_ACCEPT`) in an app where no preset has `accept_waiting_requests: true`.
    ///
    /// ## Why is this bad?
    /// Someone must let waiting participants in; with nobody who can, they wait forever. The
    /// diagnostic points at the preset that waits.
    ///
    /// ## Example invalid
    /// ```json app
    /// [{"name": "guest", "permissions": {"waiting_room_type": "SKIP_ON_ACCEPT", "accept_waiting_requests": false}},
    ///  {"name": "host", "permissions": {"waiting_room_type": "SKIP", "accept_waiting_requests": false}}]
    /// ```
    ///
    /// ## Example valid
    /// ```json app
    /// [{"name": "guest", "permissions": {"waiting_room_type": "SKIP_ON_ACCEPT", "accept_waiting_requests": false}},
    ///  {"name": "host", "permissions": {"waiting_room_type": "SKIP", "accept_waiting_requests": true}}]
    /// ```
    WaitingRoomWithoutAdmitter {
        id: "waiting-room-without-admitter",
        level: Warning,
        category: App,
        summary: "a waiting room, and no preset in the app can accept waiting requests",
        fix: None,
    }
}

const PATH: &str = "/permissions/waiting_room_type";

impl AppRule for WaitingRoomWithoutAdmitter {
    type Fact = ();

    fn detect(app: &[&AppFacts]) -> Vec<(usize, ())> {
        let admitter = app
            .iter()
            .any(|p| p.boolean("/permissions/accept_waiting_requests") == Some(true));
        if admitter {
            return Vec::new();
        }
        app.iter()
            .enumerate()
            .filter(|(_, p)| {
                matches!(
                    p.string(PATH),
                    Some("ON_PRIVILEGED_USER_ENTRY" | "SKIP_ON_ACCEPT")
                )
            })
            .map(|(i, _)| (i, ()))
            .collect()
    }

    fn report(app: &[&AppFacts], index: usize, _: &()) -> Finding {
        let preset = &app[index];
        Finding {
            path: PATH.into(),
            span: preset.span(PATH),
            message: format!(
                "participants with {} wait in a waiting room (`{}`), but no preset in this app \
                 can let them in",
                preset.label(),
                preset.string(PATH).unwrap_or_default()
            ),
            help: Some(format!(
                "give a host preset `accept_waiting_requests: true` (checked: {}), or set \
                 `waiting_room_type` to `SKIP`",
                super::app_names(app)
            )),
        }
    }
}

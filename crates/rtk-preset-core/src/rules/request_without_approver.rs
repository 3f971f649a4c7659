use super::{AppRule, Finding};
use crate::app::AppFacts;

declare_rule! {
    /// ## What it does
    /// Finds `CAN_REQUEST` permissions that nobody in the app can approve: media (`audio`, `video`,
    /// `screenshare`) on request with no preset that has `can_accept_production_requests: true`,
    /// and `stage_access` on request with no preset that has `accept_stage_requests: true`.
    ///
    /// ## Why is this bad?
    /// A request that nobody can accept is a permission nobody gets. The diagnostic points at the
    /// preset that asks.
    ///
    /// ## Example invalid
    /// ```json app
    /// [{"name": "audience", "permissions": {"media": {"audio": {"can_produce": "CAN_REQUEST"}}}},
    ///  {"name": "host", "permissions": {"can_accept_production_requests": false}}]
    /// ```
    ///
    /// ## Example valid
    /// ```json app
    /// [{"name": "audience", "permissions": {"media": {"audio": {"can_produce": "CAN_REQUEST"}}}},
    ///  {"name": "host", "permissions": {"can_accept_production_requests": true}}]
    /// ```
    RequestWithoutApprover {
        id: "request-without-approver",
        level: Warning,
        category: App,
        summary: "a `CAN_REQUEST` permission, and no preset in the app can accept the request",
        fix: None,
    }
}

/// The path of the permission that is on request, and the approving permission it lacks.
pub(crate) struct Request {
    path: String,
    approver: &'static str,
}

impl AppRule for RequestWithoutApprover {
    type Fact = Request;

    fn detect(app: &[&AppFacts]) -> Vec<(usize, Request)> {
        let anyone = |flag: &str| app.iter().any(|p| p.boolean(flag) == Some(true));
        let production = "/permissions/can_accept_production_requests";
        let stage = "/permissions/accept_stage_requests";
        let (can_produce, can_stage) = (anyone(production), anyone(stage));
        let mut found = Vec::new();
        for (i, preset) in app.iter().enumerate() {
            for media in ["audio", "video", "screenshare"] {
                if !can_produce && preset.can_produce(media) == Some("CAN_REQUEST") {
                    let path = format!("/permissions/media/{media}/can_produce");
                    found.push((
                        i,
                        Request {
                            path,
                            approver: "can_accept_production_requests",
                        },
                    ));
                }
            }
            if !can_stage && preset.string("/permissions/stage_access") == Some("CAN_REQUEST") {
                let path = "/permissions/stage_access".to_owned();
                found.push((
                    i,
                    Request {
                        path,
                        approver: "accept_stage_requests",
                    },
                ));
            }
        }
        found
    }

    fn report(app: &[&AppFacts], index: usize, request: &Request) -> Finding {
        let preset = &app[index];
        let what = request
            .path
            .trim_start_matches("/permissions/")
            .trim_end_matches("/can_produce")
            .replace("media/", "");
        Finding {
            span: preset.span(&request.path),
            message: format!(
                "{} may ask for `{what}` (`CAN_REQUEST`), but no preset in this app can accept \
                 the request",
                preset.label()
            ),
            help: Some(format!(
                "give a host preset `{}: true` (checked: {}), or make `{what}` `ALLOWED` or \
                 `NOT_ALLOWED`",
                request.approver,
                super::app_names(app)
            )),
            path: request.path.clone(),
        }
    }
}

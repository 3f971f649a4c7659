use super::{AppRule, Finding};
use crate::app::AppFacts;

declare_rule! {
    /// ## What it does
    /// Finds `CAN_REQUEST` permissions that nobody in the app can approve: media (`audio`, `video`,
    /// `screenshare`) on request with no preset that has `can_accept_production_requests: true`,
    /// and `stage_access` on request with no preset that has `accept_stage_requests: true`.
    ///
    /// ## Why is this bad?
    /// A request that nobody can accept is a permission nobody gets. One finding per preset that
    /// asks lists everything it may ask for that nobody can accept, at the permission (or at
    /// `media`, or `permissions`, when it asks for several).
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

/// What one preset may ask for that nobody in the app can accept.
pub(crate) struct Requests {
    /// The names of what is asked for (`audio`, `stage`, ...) and the path of each permission.
    asked: Vec<(&'static str, String)>,
    /// The paths of the approving permissions that nobody has.
    approvers: Vec<&'static str>,
}

const PRODUCTION: &str = "/permissions/can_accept_production_requests";
const STAGE: &str = "/permissions/accept_stage_requests";

impl AppRule for RequestWithoutApprover {
    type Fact = Requests;

    fn detect(app: &[&AppFacts]) -> Vec<(usize, Requests)> {
        let anyone = |path: &str| app.iter().any(|p| p.boolean(path) == Some(true));
        let (can_produce, can_stage) = (anyone(PRODUCTION), anyone(STAGE));
        let mut found = Vec::new();
        for (i, preset) in app.iter().enumerate() {
            let mut requests = Requests {
                asked: Vec::new(),
                approvers: Vec::new(),
            };
            for media in ["audio", "video", "screenshare"] {
                if !can_produce && preset.can_produce(media) == Some("CAN_REQUEST") {
                    let path = crate::view::can_produce_path(media).unwrap_or_default();
                    requests.asked.push((media, path.to_owned()));
                    if !requests.approvers.contains(&PRODUCTION) {
                        requests.approvers.push(PRODUCTION);
                    }
                }
            }
            if !can_stage && preset.string("/permissions/stage_access") == Some("CAN_REQUEST") {
                let path = "/permissions/stage_access".to_owned();
                requests.asked.push(("stage", path));
                requests.approvers.push(STAGE);
            }
            if !requests.asked.is_empty() {
                found.push((i, requests));
            }
        }
        found
    }

    fn report(app: &[&AppFacts], index: usize, requests: &Requests) -> Finding {
        let preset = &app[index];
        // One request: its permission; media only: `media`; else all of `permissions`.
        let path = match requests.asked.as_slice() {
            [(_, path)] => path.clone(),
            asked if asked.iter().all(|(what, _)| *what != "stage") => "/permissions/media".into(),
            _ => "/permissions".into(),
        };
        let quoted = |items: Vec<&str>| {
            let items: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
            match items.as_slice() {
                [init @ .., last] if !init.is_empty() => format!("{} and {last}", init.join(", ")),
                _ => items.concat(),
            }
        };
        let what = quoted(requests.asked.iter().map(|(what, _)| *what).collect());
        let approvers: Vec<String> = requests
            .approvers
            .iter()
            // A permission by its name: the last segment of its path.
            .map(|a| format!("`{}: true`", a.rsplit('/').next().unwrap_or(a)))
            .collect();
        let (them, requests_word) = match requests.asked.len() {
            1 => ("it", "the request"),
            _ => ("them", "the requests"),
        };
        Finding {
            span: preset.span(&path),
            message: format!(
                "{} may ask for {what} (`CAN_REQUEST`), but no preset in this app can accept \
                 {requests_word}",
                preset.label()
            ),
            help: Some(format!(
                "give a host preset {} (checked: {}), or make {them} `ALLOWED` or `NOT_ALLOWED`",
                approvers.join(" and "),
                super::app_names(app)
            )),
            path,
        }
    }
}

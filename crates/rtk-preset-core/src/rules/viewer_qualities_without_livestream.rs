use super::{Finding, PresetRule};
use crate::json::Value;
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds `livestream_viewer_qualities` on a preset whose `view_type` is not `LIVESTREAM`.
    ///
    /// ## Why is this bad?
    /// Viewer qualities only matter for livestreams; elsewhere they are ignored, which usually
    /// means the view type is not what the author meant.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"view_type": "WEBINAR", "livestream_viewer_qualities": [480, 720]}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"view_type": "LIVESTREAM", "livestream_viewer_qualities": [480, 720]}}
    /// ```
    ViewerQualitiesWithoutLivestream {
        id: "viewer-qualities-without-livestream",
        level: Warning,
        category: Correctness,
        summary: "`livestream_viewer_qualities` is set on a preset that is not `LIVESTREAM`",
        fix: None,
    }
}

const PATH: &str = "/config/livestream_viewer_qualities";

impl PresetRule for ViewerQualitiesWithoutLivestream {
    type Fact = String;

    fn detect(preset: &Preset<'_>) -> Vec<String> {
        let listed = preset
            .node(PATH)
            .is_some_and(|n| matches!(&n.value, Value::Array(items) if !items.is_empty()));
        match preset.string("/config/view_type") {
            Some(view) if listed && view != "LIVESTREAM" => vec![view.to_owned()],
            _ => Vec::new(),
        }
    }

    fn report(preset: &Preset<'_>, view: &String) -> Finding {
        Finding::at(
            preset,
            PATH,
            format!(
                "`livestream_viewer_qualities` only matters for `LIVESTREAM`, and this preset is `{view}`"
            ),
            "remove it, or set `view_type` to `LIVESTREAM`",
        )
    }
}

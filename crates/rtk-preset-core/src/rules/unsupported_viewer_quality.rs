use super::{Finding, PresetRule};
use crate::json::Value;
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds entries of `livestream_viewer_qualities` that the official client SDK does not
    /// support: it knows 240, 360, 480, 720 and 1080.
    ///
    /// ## Why is this bad?
    /// The API accepts any integer, but viewers cannot pick a quality their player does not offer.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"view_type": "LIVESTREAM", "livestream_viewer_qualities": [480, 600]}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"view_type": "LIVESTREAM", "livestream_viewer_qualities": [480, 720, 1080]}}
    /// ```
    UnsupportedViewerQuality {
        id: "unsupported-viewer-quality",
        level: Warning,
        category: Compatibility,
        summary: "a livestream viewer quality the client SDK does not support (240/360/480/720/1080)",
        fix: None,
    }
}

const PATH: &str = "/config/livestream_viewer_qualities";
const SUPPORTED: [f64; 5] = [240.0, 360.0, 480.0, 720.0, 1080.0];

impl PresetRule for UnsupportedViewerQuality {
    type Fact = usize;

    fn detect(preset: &Preset<'_>) -> Vec<usize> {
        let Some(Value::Array(items)) = preset.node(PATH).map(|n| &n.value) else {
            return Vec::new();
        };
        (0..items.len())
            .filter(|i| {
                preset
                    .number(&format!("{PATH}/{i}"))
                    .is_some_and(|v| !SUPPORTED.contains(&v))
            })
            .collect()
    }

    fn report(preset: &Preset<'_>, index: &usize) -> Finding {
        let path = format!("{PATH}/{index}");
        let value = preset.raw(&path).unwrap_or_default();
        let nearest = preset.number(&path).and_then(|v| {
            SUPPORTED
                .iter()
                .min_by(|a, b| (*a - v).abs().total_cmp(&(*b - v).abs()))
                .map(|&n| n as u32)
        });
        Finding {
            span: preset.span(&path),
            message: format!("the client SDK does not support the viewer quality {value}"),
            help: Some(match nearest {
                Some(n) => format!("use one of 240, 360, 480, 720, 1080 (the nearest is {n})"),
                None => "use one of 240, 360, 480, 720, 1080".into(),
            }),
            path,
        }
    }
}

use super::{Finding, PresetRule};
use crate::fix::{removal, Applicability, Fix};
use crate::json::Value;
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds a quality listed twice in `livestream_viewer_qualities`.
    ///
    /// ## Why is this bad?
    /// Viewers pick from the list; a repeated entry shows up twice in the picker. The fix (safe)
    /// removes the repeat.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"view_type": "LIVESTREAM", "livestream_viewer_qualities": [480, 720, 720]}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"view_type": "LIVESTREAM", "livestream_viewer_qualities": [480, 720]}}
    /// ```
    DuplicateViewerQuality {
        id: "duplicate-viewer-quality",
        level: Warning,
        category: Correctness,
        summary: "a quality is listed twice in `livestream_viewer_qualities`",
        fix: Safe,
    }
}

const PATH: &str = "/config/livestream_viewer_qualities";

impl PresetRule for DuplicateViewerQuality {
    type Fact = usize;

    fn detect(preset: &Preset<'_>) -> Vec<usize> {
        let Some(Value::Array(items)) = preset.node(PATH).map(|n| &n.value) else {
            return Vec::new();
        };
        // The qualities that are numbers, by value, with their positions.
        let (positions, values): (Vec<usize>, Vec<u64>) = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match &item.value {
                Value::Number(n) => Some((i, crate::number::to_f64(n.as_str())?.to_bits())),
                _ => None,
            })
            .unzip();
        crate::order::repeats(&values)
            .into_iter()
            .zip(positions)
            .filter_map(|(repeat, i)| repeat.map(|_| i))
            .collect()
    }

    fn report(preset: &Preset<'_>, index: &usize) -> Finding {
        let path = format!("{PATH}/{index}");
        Finding {
            span: preset.span(&path),
            message: format!(
                "quality {} is listed more than once in `livestream_viewer_qualities`",
                preset.raw(&path).unwrap_or_default()
            ),
            help: Some("remove the repeat".into()),
            path,
        }
    }

    fn fix(preset: &Preset<'_>, index: &usize) -> Option<Fix> {
        let Value::Array(items) = &preset.node(PATH)?.value else {
            return None;
        };
        let bounds = |i: usize| items.get(i).map(|n| (n.span.start, n.span.end));
        Some(Fix {
            applicability: Applicability::Safe,
            description: "remove the repeated quality".into(),
            edits: vec![crate::fix::Edit {
                span: removal(
                    index.checked_sub(1).and_then(bounds),
                    bounds(*index)?,
                    bounds(index + 1),
                ),
                replacement: String::new(),
            }],
        })
    }
}

use super::{AppRule, Finding};
use crate::app::AppFacts;

declare_rule! {
    /// ## What it does
    /// Finds presets of one app that share a name; each of them is reported.
    ///
    /// ## Why is this bad?
    /// Preset names are unique within an app: participants are added by preset name, and creating
    /// the second preset fails or the two overwrite each other's role.
    ///
    /// ## Example invalid
    /// ```json app
    /// [{"name": "host"}, {"name": "host"}]
    /// ```
    ///
    /// ## Example valid
    /// ```json app
    /// [{"name": "host"}, {"name": "guest"}]
    /// ```
    DuplicatePresetName {
        id: "duplicate-preset-name",
        level: Error,
        category: App,
        summary: "two presets of one app have the same name",
        fix: None,
    }
}

impl AppRule for DuplicatePresetName {
    /// The index of another preset with the name.
    type Fact = usize;

    fn detect(app: &[&AppFacts]) -> Vec<(usize, usize)> {
        let names: Vec<Option<&str>> = app.iter().map(|p| p.preset_name()).collect();
        // Each preset with a repeated name, and another preset with it: the first one of the
        // name, or for the first one, the second.
        let mut found: Vec<(usize, usize)> = Vec::new();
        for (i, repeat) in crate::order::repeats(&names).into_iter().enumerate() {
            if let (Some(_), Some((first, previous))) = (names[i], repeat) {
                found.push((i, first));
                if previous == first {
                    found.push((first, i));
                }
            }
        }
        crate::order::sort(&mut found);
        found
    }

    fn report(app: &[&AppFacts], index: usize, other: &usize) -> Finding {
        let preset = &app[index];
        Finding {
            path: "/name".into(),
            span: preset.span("/name"),
            message: format!(
                "the preset name `{}` is also used by `{}`",
                preset.preset_name().unwrap_or_default(),
                app[*other].name
            ),
            help: Some("preset names are unique within an app: rename one of them".into()),
        }
    }
}

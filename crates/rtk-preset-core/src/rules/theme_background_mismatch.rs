use super::{Finding, PresetRule};
use crate::color;
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Compares `theme` with the background shades: a `light` theme over dark backgrounds, or a
    /// `dark`/`darkest` theme over light ones (by the mean relative luminance of the five shades).
    ///
    /// ## Why is this bad?
    /// The theme picks the UI kit's icon and control colours for the backgrounds it expects; on the
    /// opposite kind of background they are hard to see. A recommendation, hence `info`.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"ui": {"design_tokens": {"theme": "light", "colors": {
    ///   "background": {"600": "#222222", "700": "#1f1f1f", "800": "#1b1b1b", "900": "#181818", "1000": "#141414"}}}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"ui": {"design_tokens": {"theme": "dark", "colors": {
    ///   "background": {"600": "#222222", "700": "#1f1f1f", "800": "#1b1b1b", "900": "#181818", "1000": "#141414"}}}}}
    /// ```
    ThemeBackgroundMismatch {
        id: "theme-background-mismatch",
        level: Info,
        category: Accessibility,
        summary: "a light theme over dark backgrounds, or a dark theme over light ones",
        fix: None,
    }
}

const PATH: &str = "/ui/design_tokens/theme";
/// Backgrounds darker than this (mean relative luminance) do not suit the `light` theme.
const DARK_BELOW: f64 = 0.18;
/// Backgrounds lighter than this do not suit the `dark` and `darkest` themes.
const LIGHT_ABOVE: f64 = 0.4;

/// The theme and the mean luminance of the backgrounds.
pub(crate) struct Mismatch {
    theme: String,
    luminance: f64,
}

impl PresetRule for ThemeBackgroundMismatch {
    type Fact = Mismatch;

    fn detect(preset: &Preset<'_>) -> Vec<Mismatch> {
        let Some(theme) = preset.string(PATH) else {
            return Vec::new();
        };
        let shades: Option<Vec<f64>> = color::BACKGROUNDS
            .into_iter()
            .map(|i| {
                preset
                    .colour(i)
                    .and_then(color::parse)
                    .map(color::luminance)
            })
            .collect();
        let Some(shades) = shades else {
            return Vec::new();
        };
        let luminance = shades.iter().sum::<f64>() / shades.len() as f64;
        // Mid grey (#777777) has a luminance of about 0.18: below it a background reads as dark.
        let dark = luminance < DARK_BELOW;
        let mismatch = match theme {
            "light" => dark,
            "dark" | "darkest" => luminance > LIGHT_ABOVE,
            _ => false,
        };
        if mismatch {
            vec![Mismatch {
                theme: theme.to_owned(),
                luminance,
            }]
        } else {
            Vec::new()
        }
    }

    fn report(preset: &Preset<'_>, fact: &Mismatch) -> Finding {
        let (backgrounds, other, bound) = if fact.theme == "light" {
            ("dark", "`dark` or `darkest`", DARK_BELOW)
        } else {
            ("light", "`light`", LIGHT_ABOVE)
        };
        Finding {
            path: PATH.into(),
            span: preset.span(PATH),
            message: format!(
                "the theme is `{}` but the background shades are {backgrounds} (mean luminance {})",
                fact.theme,
                crate::number::shown_against(fact.luminance, bound, 2)
            ),
            help: Some(format!(
                "use the {other} theme, or background shades that suit `{}`",
                fact.theme
            )),
        }
    }
}

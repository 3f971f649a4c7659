use super::{Finding, PresetRule};
use crate::color;
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Measures the WCAG 2.x contrast ratio of `text` on every background shade, and of
    /// `text_on_brand` on brand 500 (the brand colour of buttons and highlights), and reports the
    /// worst pair of each under 4.5:1.
    ///
    /// ## Why is this bad?
    /// The UI kit paints text on those colours; under 4.5:1, the usual bar for normal text, many
    /// people cannot read it. A recommendation, not an API rule, hence `info`.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"ui": {"design_tokens": {"colors": {"text": "#777777",
    ///   "background": {"600": "#444444", "700": "#333333", "800": "#222222", "900": "#111111", "1000": "#000000"}}}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"ui": {"design_tokens": {"colors": {"text": "#EEEEEE",
    ///   "background": {"600": "#222222", "700": "#1f1f1f", "800": "#1b1b1b", "900": "#181818", "1000": "#141414"}}}}}
    /// ```
    LowContrast {
        id: "low-contrast",
        level: Info,
        category: Accessibility,
        summary: "`text` on a background shade, or `text_on_brand` on brand 500, contrasts under 4.5:1",
        fix: None,
    }
}

const COLORS: &str = "/ui/design_tokens/colors";
const MINIMUM: f64 = 4.5;
/// Each text token and the surface shades it is read on, as indices in `color::TOKENS`.
const PAIRS: [(usize, &[usize]); 2] = [
    (color::token("/text"), &color::BACKGROUNDS),
    (
        color::token("/text_on_brand"),
        &[color::token("/brand/500")],
    ),
];
/// [`MINIMUM`] as messages show it.
const MINIMUM_SHOWN: &str = "4.5";

/// The worst pair of a text token and a surface shade.
pub(crate) struct Pair {
    text: &'static str,
    surface: String,
    ratio: f64,
}

impl PresetRule for LowContrast {
    type Fact = Pair;

    fn detect(preset: &Preset<'_>) -> Vec<Pair> {
        let colour = |token: usize| preset.colour(token).and_then(color::parse);
        PAIRS
            .into_iter()
            .filter_map(|(text, shades)| {
                let ink = colour(text)?;
                shades
                    .iter()
                    .filter_map(|&shade| Some((shade, color::contrast(ink, colour(shade)?))))
                    .min_by(|a, b| a.1.total_cmp(&b.1))
                    .filter(|worst| worst.1 < MINIMUM)
                    .map(|(shade, ratio)| Pair {
                        // `/text` is `text`; `/background/600` is `background 600`.
                        text: &color::TOKENS[text][1..],
                        surface: color::TOKENS[shade][1..].replace('/', " "),
                        ratio,
                    })
            })
            .collect()
    }

    fn report(preset: &Preset<'_>, pair: &Pair) -> Finding {
        let path = format!("{COLORS}/{}", pair.text);
        let surface_path = format!("{COLORS}/{}", pair.surface.replace(' ', "/"));
        Finding {
            span: preset.span(&path),
            message: format!(
                "`{}` `{}` on {} `{}` has a contrast ratio of {}:1, under the {MINIMUM_SHOWN}:1 that \
                 WCAG asks of text",
                pair.text,
                preset.string(&path).unwrap_or_default(),
                pair.surface,
                preset.string(&surface_path).unwrap_or_default(),
                crate::number::shown_against(pair.ratio, MINIMUM, 2)
            ),
            help: Some(format!(
                "make `{}` lighter or darker until it reaches {MINIMUM_SHOWN}:1 on {}",
                pair.text,
                if pair.text == "text" {
                    "every background shade"
                } else {
                    "brand 500"
                }
            )),
            path,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_minimum_is_shown_as_it_is() {
        assert_eq!(super::MINIMUM_SHOWN.parse::<f64>(), Ok(super::MINIMUM));
    }
}

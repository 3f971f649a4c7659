use super::{Finding, PresetRule};
use crate::color;
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds colour tokens that are not `#rrggbb` or `#rgb`.
    ///
    /// ## Why is this bad?
    /// The API documents no pattern and accepts any string, but the official UI kit reads colours
    /// as `#rrggbb` (and `#rgb`): a name such as `red`, an `rgb()` value or a hex code without `#`
    /// paints nothing, or the wrong colour.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"ui": {"design_tokens": {"colors": {"danger": "red", "success": "62A504"}}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"ui": {"design_tokens": {"colors": {"danger": "#FF2D2D", "success": "#6a0"}}}}
    /// ```
    InvalidColor {
        id: "invalid-color",
        level: Warning,
        category: Compatibility,
        summary: "a colour token is not `#rrggbb` or `#rgb`",
        fix: None,
    }
}

const BASE: &str = "/ui/design_tokens/colors";

impl PresetRule for InvalidColor {
    type Fact = &'static str;

    fn detect(preset: &Preset<'_>) -> Vec<&'static str> {
        (0..color::TOKENS.len())
            .filter(|&i| preset.colour(i).is_some_and(|c| color::parse(c).is_none()))
            .map(|i| color::TOKENS[i])
            .collect()
    }

    fn report(preset: &Preset<'_>, token: &&'static str) -> Finding {
        let path = format!("{BASE}{token}");
        let value = preset.string(&path).unwrap_or_default();
        let name = token.trim_start_matches('/').replace('/', " ");
        let hint = if color::parse(&format!("#{value}")).is_some() {
            format!("write it as `#{value}`")
        } else {
            "write it as `#rrggbb`, such as `#2160FD`".to_owned()
        };
        Finding {
            span: preset.span(&path),
            message: format!(
                "colour `{name}` is `{value}`, which the UI kit cannot read as a colour"
            ),
            help: Some(hint),
            path,
        }
    }
}

use super::{Finding, PresetRule};
use crate::fix::{Applicability, Fix};
use crate::format::Format;
use crate::revision::ApiRevision;
use crate::view::Preset;

declare_rule! {
    /// ## What it does
    /// Finds a `logo` that is not an `https:` URL (a `data:image/` URL is fine too).
    ///
    /// ## Why is this bad?
    /// The meeting UI runs on an https page, where browsers block `http:` images as mixed content; a
    /// relative path resolves against the embedding site, not yours.
    ///
    /// ## Fix safety
    /// The fix turns `http://` into `https://`. It is unsafe: the host must serve the logo over
    /// https too.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"ui": {"design_tokens": {"logo": "http://example.com/logo.png"}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"ui": {"design_tokens": {"logo": "https://example.com/logo.png"}}}
    /// ```
    LogoNotHttps {
        id: "logo-not-https",
        level: Warning,
        category: Compatibility,
        summary: "the `logo` is not an https URL",
        fix: Unsafe,
    }
}

const PATH: &str = "/ui/design_tokens/logo";

impl PresetRule for LogoNotHttps {
    type Fact = ();

    fn detect(preset: &Preset<'_>) -> Vec<()> {
        let Some(logo) = preset.string(PATH) else {
            return Vec::new();
        };
        let lower = logo.trim().to_ascii_lowercase();
        let fine = lower.starts_with("https://") || lower.starts_with("data:image/");
        // In 2026-06 a logo that is no URI at all is already an `invalid-format` error.
        let reported = preset.api >= ApiRevision::V2026_06 && !Format::Uri.is_valid(logo);
        if fine || reported {
            Vec::new()
        } else {
            vec![()]
        }
    }

    fn report(preset: &Preset<'_>, _: &()) -> Finding {
        let logo = preset.string(PATH).unwrap_or_default();
        Finding::at(
            preset,
            PATH,
            format!("the logo `{logo}` is not an https URL, so the meeting page may not load it"),
            "serve the logo over https and use its full `https://` URL",
        )
    }

    fn fix(preset: &Preset<'_>, _: &()) -> Option<Fix> {
        let logo = preset.string(PATH)?;
        let rest = logo.strip_prefix("http://")?;
        let replacement = serde_json::to_string(&format!("https://{rest}")).ok()?;
        Some(Fix::replace(
            Applicability::Unsafe,
            "use https".into(),
            preset.span(PATH),
            replacement,
        ))
    }
}

//! Which JSON documents are preset documents: what a directory walk checks when no `include` says
//! which files to check, so that `package.json` and `tsconfig.json` beside the presets are left
//! alone. The CLI and the language server both decide with [`is_preset`] (and [`is_preset_text`]
//! for text that is not JSON), through [`crate::check_if_preset`] and [`crate::check_selected`].
//!
//! A document is a preset document when its top level is an object and
//!
//! - it has one of the keys only a preset has at its top level: `config`, `permissions`, `ui`
//!   (every kind of preset body has at least one; a PATCH body may have only one), or
//! - its `$schema` names one of our schemas ([`crate::schema::declared`]), or
//! - it is an API envelope of presets: `success` and `data`, with `data` an object that has one of
//!   those keys (a response), or an array beside `paging` (a list response).
//!
//! Text that does not parse is judged by the same keys, read forgivingly ([`crate::editor`]'s
//! tokenizer): a preset with a trailing comma is still a preset (and gets `invalid-json`), while a
//! `tsconfig.json` with comments is not.

use crate::json::{Node, Value};
use crate::{ApiRevision, DocumentKind};

/// The top-level keys that only a preset document has.
pub const PRESET_KEYS: [&str; 3] = ["config", "permissions", "ui"];

/// Whether a parsed document is a preset document (see the module's documentation).
pub fn is_preset(document: &Node<'_>) -> bool {
    let Value::Object(members) = &document.value else {
        return false;
    };
    let has_preset_key =
        |members: &[crate::json::Member<'_>]| members.iter().any(|m| is_preset_key(&m.key));
    if has_preset_key(members) || crate::declared_schema(document).is_some() {
        return true;
    }
    match (
        document.get("success"),
        document.get("data").map(|n| &n.value),
    ) {
        (Some(_), Some(Value::Object(data))) => has_preset_key(data),
        (Some(_), Some(Value::Array(_))) => document.get("paging").is_some(),
        _ => false,
    }
}

/// Whether text that does not parse as JSON reads as a preset document, by the same keys as
/// [`is_preset`].
pub fn is_preset_text(text: &[u8]) -> bool {
    Selection::of_text(text).preset
}

/// What decides whether a document is checked, read from its one parse
/// ([`crate::check_selected`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// Whether it is a preset document: [`is_preset`], or [`is_preset_text`] for text that does
    /// not parse.
    pub preset: bool,
    /// The kind and revision its `$schema` names, when that is one of our schemas.
    pub declared: Option<(DocumentKind, ApiRevision)>,
}

impl Selection {
    /// The selection of a parsed document.
    pub fn of(document: &Node<'_>) -> Selection {
        Selection {
            preset: is_preset(document),
            declared: crate::declared_schema(document),
        }
    }

    /// The selection of text that does not parse, read forgivingly.
    pub fn of_text(text: &[u8]) -> Selection {
        let outline = crate::editor::outline(text);
        let declared = outline.schema.as_deref().and_then(crate::schema::declared);
        let any_preset_key = |keys: &[String]| keys.iter().any(|k| is_preset_key(k));
        let has = |key: &str| outline.keys.iter().any(|k| k == key);
        let preset = any_preset_key(&outline.keys)
            || declared.is_some()
            || (has("success")
                && has("data")
                && (any_preset_key(&outline.data_keys)
                    || (outline.data_is_array && has("paging"))));
        Selection { preset, declared }
    }
}

/// Whether a document's text is a preset document: [`is_preset`] when it parses, else
/// [`is_preset_text`].
pub fn is_preset_input(input: &[u8], limits: crate::json::Limits) -> bool {
    match crate::json::parse(input, limits) {
        Ok(tree) => is_preset(&tree),
        Err(_) => is_preset_text(input),
    }
}

fn is_preset_key(key: &str) -> bool {
    PRESET_KEYS.contains(&key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> bool {
        let tree = crate::json::parse(text.as_bytes(), crate::json::Limits::default())
            .expect("test documents parse");
        is_preset(&tree)
    }

    #[test]
    fn presets_and_their_envelopes_are_presets() {
        for text in [
            r#"{"name": "host", "config": {}, "ui": {}}"#,
            r#"{"permissions": {"can_record": true}}"#,
            r#"{"ui": null}"#,
            r#"{"$schema": "../schemas/update.2026-06.schema.json", "name": "renamed"}"#,
            r#"{"success": true, "data": {"id": "x", "config": {}}}"#,
            r#"{"success": true, "data": [], "paging": {"total_count": 0}}"#,
        ] {
            assert!(parsed(text), "{text}");
            assert!(is_preset_text(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn other_json_is_not() {
        for text in [
            r#"{"name": "my-app", "version": "1.0.0", "dependencies": {"ui": "1"}}"#,
            r#"{"compilerOptions": {"strict": true}, "include": ["src"]}"#,
            r#"{"$schema": "https://json.schemastore.org/package.json", "name": "x"}"#,
            r#"{"success": true, "data": {"id": "x", "name": "y"}}"#,
            r#"{"success": true, "data": []}"#,
            r#"["config", "permissions", "ui"]"#,
            r#""config""#,
            r#"{}"#,
        ] {
            assert!(!parsed(text), "{text}");
            assert!(!is_preset_text(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn text_that_does_not_parse_is_judged_by_its_keys() {
        // A preset with a trailing comma, cut short, or with a comment is still a preset.
        for text in [
            "{\"name\": \"host\", \"config\": {\"view_type\": \"GROUP_CALL\",},}",
            "{\"name\": \"host\", \"config\": {\"view_type\": \"GROUP_C",
            "// presets\n{\"ui\": {\"design_tokens\": {}}}",
            "{\"success\": true, \"data\": {\"config\": {},},",
            "{\"$schema\": \"create.2026-01.schema.json\", name: x",
        ] {
            assert!(is_preset_text(text.as_bytes()), "{text}");
        }
        // A tsconfig with comments, nested preset keys, garbage.
        for text in [
            "{\n  // the compiler\n  \"compilerOptions\": {\"strict\": true, /* ui */ \"ui\": 1},\n}",
            "{\"a\": {\"config\": 1},",
            "[{\"config\": {}}",
            "\u{0}\u{1}binary",
            "",
            "{\"data\": {\"config\": {}}}",
        ] {
            assert!(!is_preset_text(text.as_bytes()), "{text:?}");
        }
    }
}

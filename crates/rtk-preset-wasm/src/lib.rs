//! The WebAssembly shell of `rtk-preset-core` for the npm package: strings in, JSON strings out.
//!
//! It holds no logic of its own. The TypeScript facade in `pkg/src` validates the types of its
//! arguments (throwing `TypeError`), turns JS values into JSON text, and parses what comes back;
//! this crate parses option values (a bad one comes back as a `RangeError` to throw), runs the core,
//! and adds the `path` of each diagnostic (the pointer split into segments, numbers for array
//! indices, as form libraries key their fields).

use rtk_preset_core::json::{self, Limits, Node, Value};
use rtk_preset_core::{ApiRevision, CheckOptions, Diagnostic, KindSelector, Level, Report};
use serde::Serialize;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::wasm_bindgen;

/// Options as the facade passes them: already checked for their JS types.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct JsOptions {
    api: Option<String>,
    kind: Option<String>,
    rules: BTreeMap<String, String>,
    #[serde(rename = "unsafeFixes")]
    unsafe_fixes: bool,
}

/// What goes back to the facade: a value, or an error it throws as `TypeError`/`RangeError`.
#[derive(Serialize)]
#[serde(untagged)]
enum Outcome<T: Serialize> {
    Ok { ok: T },
    Error { error: JsError },
}

#[derive(Serialize)]
struct JsError {
    #[serde(rename = "type")]
    kind: &'static str,
    message: String,
}

fn range_error<T: Serialize>(message: String) -> Outcome<T> {
    Outcome::Error {
        error: JsError {
            kind: "RangeError",
            message,
        },
    }
}

fn respond<T: Serialize>(outcome: Outcome<T>) -> String {
    serde_json::to_string(&outcome).unwrap_or_else(|e| {
        format!(r#"{{"error":{{"type":"Error","message":"cannot serialise the result: {e}"}}}}"#)
    })
}

fn options(options_json: &str) -> Result<(CheckOptions, bool), String> {
    let js: JsOptions =
        serde_json::from_str(options_json).map_err(|e| format!("bad options: {e}"))?;
    let mut options = CheckOptions::default();
    if let Some(api) = js.api {
        options.api = api
            .parse()
            .map_err(|e: rtk_preset_core::revision::UnknownName| format!("options.api: {e}"))?;
    }
    if let Some(kind) = js.kind {
        options.kind = kind
            .parse()
            .map_err(|e: rtk_preset_core::revision::UnknownName| format!("options.kind: {e}"))?;
    }
    for (rule, level) in js.rules {
        rtk_preset_core::known_rule(&rule).map_err(|e| format!("options.rules: {e}"))?;
        let level: Level = level
            .parse()
            .map_err(|e: rtk_preset_core::rules::UnknownLevel| {
                format!("options.rules.{rule}: {e}")
            })?;
        rtk_preset_core::settable_level(&rule, level).map_err(|e| format!("options.rules: {e}"))?;
        options.rules.levels.insert(rule, level);
    }
    Ok((options, js.unsafe_fixes))
}

/// One segment of a diagnostic's `path`.
#[derive(Serialize)]
#[serde(untagged)]
enum Segment {
    Key(String),
    Index(usize),
}

/// The pointer split into segments: a number where the document has an array there.
fn path(document: Option<&Node>, pointer: &str) -> Vec<Segment> {
    let mut node = document;
    let mut out = Vec::new();
    for raw in pointer.split('/').skip(1) {
        let token = raw.replace("~1", "/").replace("~0", "~");
        match node.map(|n| &n.value) {
            Some(Value::Array(items)) => match token.parse::<usize>() {
                Ok(index) => {
                    node = items.get(index);
                    out.push(Segment::Index(index));
                }
                Err(_) => {
                    node = None;
                    out.push(Segment::Key(token));
                }
            },
            Some(Value::Object(members)) => {
                node = members
                    .iter()
                    .rev()
                    .find(|m| m.key == token)
                    .map(|m| &m.value);
                out.push(Segment::Key(token));
            }
            _ => {
                node = None;
                out.push(Segment::Key(token));
            }
        }
    }
    out
}

/// A diagnostic as the package reports it: the CLI's fields plus `path`.
#[derive(Serialize)]
struct JsDiagnostic<'a> {
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
    path: Vec<Segment>,
}

#[derive(Serialize)]
struct JsReport<'a> {
    valid: bool,
    kind: &'static str,
    api: &'static str,
    diagnostics: Vec<JsDiagnostic<'a>>,
}

fn report_json(text: &str, report: &Report) -> String {
    // Paths need the document's shape (which segments index arrays); a clean report needs none.
    let document = if report.diagnostics.is_empty() {
        None
    } else {
        json::parse(text.as_bytes(), Limits::default()).ok()
    };
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| JsDiagnostic {
            diagnostic: d,
            path: path(document.as_ref(), &d.pointer),
        })
        .collect();
    respond(Outcome::Ok {
        ok: JsReport {
            valid: !report.has_errors(),
            kind: report.kind.as_str(),
            api: report.api.as_str(),
            diagnostics,
        },
    })
}

/// Checks a document's text. Returns `{"ok": report}` or `{"error": {type, message}}`.
#[wasm_bindgen(js_name = checkText)]
pub fn check_text(text: &str, options_json: &str) -> String {
    match options(options_json) {
        Ok((options, _)) => report_json(text, &rtk_preset_core::check(text.as_bytes(), &options)),
        Err(message) => respond::<()>(range_error(message)),
    }
}

#[derive(Serialize)]
struct Fixed {
    text: String,
    fixed: usize,
}

/// Applies the fixes of a document (safe ones, and unsafe ones with `unsafeFixes`) until none is
/// left. Returns `{"ok": {text, fixed}}`.
#[wasm_bindgen(js_name = fixText)]
pub fn fix_text(text: &str, options_json: &str) -> String {
    let (options, unsafe_fixes) = match options(options_json) {
        Ok(o) => o,
        Err(message) => return respond::<()>(range_error(message)),
    };
    let (current, fixed) = rtk_preset_core::fix_document(text.as_bytes(), &options, unsafe_fixes);
    // Fixes replace whole tokens of valid UTF-8 input with UTF-8 text.
    let text = String::from_utf8(current)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    respond(Outcome::Ok {
        ok: Fixed { text, fixed },
    })
}

/// The JSON Schema of a kind in a revision, as JSON text.
#[wasm_bindgen(js_name = schemaText)]
pub fn schema_text(kind: &str, api: &str) -> String {
    let kind = match kind.parse::<KindSelector>() {
        Ok(KindSelector::Fixed(kind)) => kind,
        _ => {
            return respond::<()>(range_error(format!(
                "unknown kind `{kind}`; expected one of: create, update, replace, preset, response, list"
            )))
        }
    };
    match api.parse::<ApiRevision>() {
        Ok(api) => respond(Outcome::Ok {
            ok: rtk_preset_core::schema::schema(kind, api),
        }),
        Err(e) => respond::<()>(range_error(e.to_string())),
    }
}

/// Every rule: `[{id, severity, category, summary, fix}]`.
#[wasm_bindgen(js_name = rulesText)]
pub fn rules_text() -> String {
    let rules: Vec<_> = rtk_preset_core::rules::all().map(|m| m.info()).collect();
    respond(Outcome::Ok { ok: rules })
}

/// A rule's documentation (Markdown).
#[wasm_bindgen(js_name = explainText)]
pub fn explain_text(rule: &str) -> String {
    match rtk_preset_core::rules::find(rule) {
        Some(meta) => respond(Outcome::Ok {
            ok: meta.documentation(),
        }),
        None => respond::<()>(range_error(
            rtk_preset_core::UnknownRule::new(rule).to_string(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_use_numbers_for_array_indices_only() {
        let text = r#"{"config": {"livestream_viewer_qualities": [480, 600]}, "ui": {"600": "x"}}"#;
        let doc = json::parse(text.as_bytes(), Limits::default()).ok();
        let p = serde_json::to_string(&path(doc.as_ref(), "/config/livestream_viewer_qualities/1"))
            .unwrap();
        assert_eq!(p, r#"["config","livestream_viewer_qualities",1]"#);
        let p = serde_json::to_string(&path(doc.as_ref(), "/ui/600")).unwrap();
        assert_eq!(p, r#"["ui","600"]"#);
        let p = serde_json::to_string(&path(doc.as_ref(), "/a~1b/c")).unwrap();
        assert_eq!(p, r#"["a/b","c"]"#);
    }

    #[test]
    fn bad_option_values_are_range_errors() {
        let out = check_text("{}", r#"{"api": "2025-01"}"#);
        assert!(out.contains(r#""type":"RangeError""#), "{out}");
        let out = check_text("{}", r#"{"rules": {"low-contrst": "off"}}"#);
        assert!(out.contains("did you mean `low-contrast`"), "{out}");
        let out = check_text("{", "{}");
        assert!(out.contains(r#""rule":"invalid-json""#), "{out}");
    }

    #[test]
    fn fix_applies_safe_fixes() {
        let out = fix_text(
            r#"{"config": {"media": {"video": {"quality": "HD"}}}}"#,
            r#"{"kind": "update"}"#,
        );
        assert!(out.contains(r#"\"quality\": \"hd\""#), "{out}");
    }
}

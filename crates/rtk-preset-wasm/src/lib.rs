//! The WebAssembly shell of `rtk-preset-core` for the npm package: strings in, JSON strings out.
//!
//! It holds no logic of its own. The TypeScript facade in `pkg/src` validates the types of its
//! arguments (throwing `TypeError`), turns JS values into JSON text, and parses what comes back;
//! this crate parses option values (a bad one comes back as a `RangeError` to throw), runs the core,
//! and shapes each diagnostic for apps: the `path` (the pointer split into segments, numbers for
//! array indices, as form libraries key their fields), the `params` (the core's facts behind the
//! message, plus the `field` and the `value` at fault), and messages in plain text (the CLI's keep
//! their Markdown backticks).

/// Talc instead of the standard library's dlmalloc: a smaller module, and allocation faster.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use rtk_preset_core::diagnostic::Params;
use rtk_preset_core::json::{self, Limits, Node, Value};
use rtk_preset_core::pointer;
use rtk_preset_core::{
    ApiRevision, CheckOptions, Diagnostic, Document, KindSelector, Level, Related, Report,
    Severity, Span,
};
use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;

/// Options as the facade passes them: already checked for their JS types.
#[derive(Default)]
struct JsOptions {
    api: Option<String>,
    kind: Option<String>,
    /// In the order given; a rule given twice takes the last level.
    rules: Vec<(String, String)>,
    unsafe_fixes: bool,
}

/// The JSON text the facade wrote, read with the core's own parser: `serde::Deserialize` would
/// bring `serde_json`'s deserializer, and the float formatting of its messages, into the
/// WebAssembly (about 10 KB compressed).
fn read_json<'t>(text: &'t str, what: &str) -> Result<Node<'t>, String> {
    json::parse(text.as_bytes(), Limits::default())
        .map_err(|e| format!("bad {what}: {}", e.message))
}

/// Member `key` read by `read` (which says what it wants, such as "a string"), or none for `null`
/// or an absent key.
fn member<'n, T>(
    node: &'n Node<'_>,
    key: &str,
    what: &str,
    (wanted, read): (&str, fn(&'n Value<'_>) -> Option<T>),
) -> Result<Option<T>, String> {
    match node.get(key).map(|n| &n.value) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => read(value)
            .map(Some)
            .ok_or_else(|| format!("bad {what}: `{key}` is {}, not {wanted}", value.type_name())),
    }
}

/// A string member, or none for `null` or an absent key.
fn string_member(node: &Node<'_>, key: &str, what: &str) -> Result<Option<String>, String> {
    member(
        node,
        key,
        what,
        ("a string", |v| match v {
            Value::String(s) => Some(s.to_string()),
            _ => None,
        }),
    )
}

impl JsOptions {
    fn read(text: &str) -> Result<JsOptions, String> {
        let node = read_json(text, "options")?;
        if !matches!(node.value, Value::Object(_)) {
            return Err(format!(
                "bad options: {}, not an object",
                node.value.type_name()
            ));
        }
        let rules = member(
            &node,
            "rules",
            "options",
            ("an object", |v| match v {
                Value::Object(members) => Some(members.as_slice()),
                _ => None,
            }),
        )?;
        let rules = rules
            .unwrap_or_default()
            .iter()
            .map(|m| match &m.value.value {
                Value::String(level) => Ok((m.key.to_string(), level.to_string())),
                _ => Err(format!("bad options: rules.{} is not a string", m.key)),
            })
            .collect::<Result<_, String>>()?;
        let unsafe_fixes = member(
            &node,
            "unsafeFixes",
            "options",
            ("a boolean", |v| match v {
                Value::Bool(b) => Some(*b),
                _ => None,
            }),
        )?;
        Ok(JsOptions {
            api: string_member(&node, "api", "options")?,
            kind: string_member(&node, "kind", "options")?,
            rules,
            unsafe_fixes: unsafe_fixes.unwrap_or(false),
        })
    }
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

/// The response of a call: what `call` answers, or its message as a `RangeError`.
fn answer(call: impl FnOnce() -> Result<String, String>) -> String {
    call().unwrap_or_else(|message| respond::<()>(range_error(message)))
}

fn options(options_json: &str) -> Result<(CheckOptions, bool), String> {
    let js = JsOptions::read(options_json)?;
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

/// One segment of a diagnostic's `path`: a key, or a number where the document has an array.
#[derive(Serialize)]
#[serde(untagged)]
enum Segment {
    Key(String),
    Index(usize),
}

impl From<pointer::Segment<'_>> for Segment {
    fn from(segment: pointer::Segment<'_>) -> Segment {
        match segment {
            pointer::Segment::Key(key) => Segment::Key(key.into_owned()),
            pointer::Segment::Index(i) => Segment::Index(i),
        }
    }
}

/// A diagnostic as the package reports it: the CLI's fields (messages in plain text), `path` and
/// `params`.
#[derive(Serialize)]
struct JsDiagnostic<'a> {
    rule: &'static str,
    severity: Severity,
    message: String,
    pointer: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<Related>,
    path: Vec<Segment>,
    params: Params,
}

/// A message without its Markdown: the backticks around keys and values go.
fn plain(text: &str) -> String {
    text.replace('`', "")
}

impl<'a> JsDiagnostic<'a> {
    fn new(d: &'a Diagnostic, document: Option<&Node>) -> JsDiagnostic<'a> {
        let (path, node) = match document {
            Some(document) => pointer::resolve(document, &d.pointer),
            None => (
                pointer::tokens(&d.pointer)
                    .map(|t| pointer::Segment::Key(t.into_owned().into()))
                    .collect(),
                None,
            ),
        };
        let path: Vec<Segment> = path.into_iter().map(Segment::from).collect();
        let mut params = Params::new();
        if let Some(Segment::Key(field)) = path.last() {
            params.insert("field".into(), field.clone().into());
        }
        // The value at fault when it is a scalar (an object or array would repeat the document).
        let value = node
            .filter(|n| !matches!(n.value, Value::Object(_) | Value::Array(_)))
            .map(|n| match &n.value {
                Value::Number(text) => json::number_value(text.as_str()),
                other => other.to_serde().unwrap_or_default(),
            });
        if let Some(value) = value {
            params.insert("value".into(), value);
        }
        params.extend(d.params.clone());
        JsDiagnostic {
            rule: d.rule,
            severity: d.severity,
            message: plain(&d.message),
            pointer: &d.pointer,
            line: d.line,
            column: d.column,
            end_line: d.end_line,
            end_column: d.end_column,
            span: d.span,
            help: d.help.as_deref().map(plain),
            related: d
                .related
                .iter()
                .map(|r| Related {
                    message: plain(&r.message),
                    ..r.clone()
                })
                .collect(),
            path,
            params,
        }
    }
}

#[derive(Serialize)]
struct JsReport<'a> {
    valid: bool,
    kind: &'static str,
    api: &'static str,
    diagnostics: Vec<JsDiagnostic<'a>>,
}

impl<'a> JsReport<'a> {
    /// The report of `text`, its findings' paths and values resolved in the document: `tree`,
    /// the check's own when it kept one, or else the text parsed again. A clean report needs no
    /// document.
    fn new(report: &'a Report, tree: Option<&Node<'_>>, text: &[u8]) -> JsReport<'a> {
        let (lossy, reparsed);
        let document = match tree {
            Some(tree) => Some(tree),
            None if report.diagnostics.is_empty() => None,
            None => {
                // A `TextEncoder` writes valid UTF-8 (a lone surrogate as U+FFFD).
                lossy = String::from_utf8_lossy(text);
                reparsed = json::parse(lossy.as_bytes(), Limits::default()).ok();
                reparsed.as_ref()
            }
        };
        JsReport {
            valid: !report.has_errors(),
            kind: report.kind.as_str(),
            api: report.api.as_str(),
            diagnostics: report
                .diagnostics
                .iter()
                .map(|d| JsDiagnostic::new(d, document))
                .collect(),
        }
    }
}

/// Checks a document's text, as UTF-8 (the facade encodes it with the host's `TextEncoder`,
/// which is native, where wasm-bindgen's glue copies a string one character at a time in
/// JavaScript). Returns `{"ok": report}` or `{"error": {type, message}}`.
#[wasm_bindgen(js_name = checkText)]
pub fn check_text(text: &[u8], options_json: &str) -> String {
    answer(|| {
        let (options, _) = options(options_json)?;
        let (report, tree) = rtk_preset_core::check_keeping_tree(text, &options);
        Ok(respond(Outcome::Ok {
            ok: JsReport::new(&report, tree.as_ref(), text),
        }))
    })
}

/// One document of an app, as the facade passes it.
struct JsDocument {
    name: String,
    text: String,
}

impl JsDocument {
    /// `[{name, text}, ...]`.
    fn read_all(text: &str) -> Result<Vec<JsDocument>, String> {
        let node = read_json(text, "documents")?;
        let Value::Array(items) = &node.value else {
            return Err(format!(
                "bad documents: {}, not an array",
                node.value.type_name()
            ));
        };
        items
            .iter()
            .map(|item| {
                let field = |key| {
                    string_member(item, key, "documents")?
                        .ok_or_else(|| format!("bad documents: a document without `{key}`"))
                };
                Ok(JsDocument {
                    name: field("name")?,
                    text: field("text")?,
                })
            })
            .collect()
    }
}

/// Checks the presets of one app: each as `checkText` does, plus the rules that look at all
/// presets of an app together. Takes `[{name, text}]`; returns `{"ok": [report, ...]}` in order.
#[wasm_bindgen(js_name = checkAppText)]
pub fn check_app_text(documents_json: &str, options_json: &str) -> String {
    answer(|| {
        let (options, _) = options(options_json)?;
        let documents = JsDocument::read_all(documents_json)?;
        let inputs: Vec<Document<'_>> = documents
            .iter()
            .map(|d| Document {
                name: &d.name,
                input: d.text.as_bytes(),
                options: &options,
            })
            .collect();
        let reports = rtk_preset_core::check_app(&inputs);
        let out: Vec<JsReport<'_>> = documents
            .iter()
            .zip(&reports)
            .map(|(d, report)| JsReport::new(report, None, d.text.as_bytes()))
            .collect();
        Ok(respond(Outcome::Ok { ok: out }))
    })
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
    answer(|| {
        let (options, unsafe_fixes) = options(options_json)?;
        let (current, fixed) =
            rtk_preset_core::fix_document(text.as_bytes(), &options, unsafe_fixes);
        // Fixes replace whole tokens of valid UTF-8 input with UTF-8 text.
        let text = String::from_utf8(current)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Ok(respond(Outcome::Ok {
            ok: Fixed { text, fixed },
        }))
    })
}

/// The file name of the JSON Schema of a kind in a revision (`create.2026-06.schema.json`). The
/// schemas themselves are in the package's JavaScript (`wasm/schemas.js`, written by `cargo xtask
/// wasm`), keyed by it: the module goes without their descriptions.
#[wasm_bindgen(js_name = schemaName)]
pub fn schema_name(kind: &str, api: &str) -> String {
    let kind = match kind.parse::<KindSelector>() {
        Ok(KindSelector::Fixed(kind)) => kind,
        _ => {
            return respond::<()>(range_error(format!(
                "unknown kind `{kind}`; expected one of: create, update, replace, preset, response, list"
            )))
        }
    };
    // An empty revision is the default one (the facade's `schema(kind)`).
    let api = match api {
        "" => Ok(ApiRevision::default()),
        api => api.parse::<ApiRevision>(),
    };
    match api {
        Ok(api) => respond(Outcome::Ok {
            ok: rtk_preset_core::schema::file_name(kind, api),
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

/// Whether `rule` is a rule: `{"ok": null}`, or the error naming the nearest. The documentation
/// itself is in the package's JavaScript (`wasm/rule_docs.js`, written by `cargo xtask wasm`): the
/// module goes without it.
#[wasm_bindgen(js_name = explainText)]
pub fn explain_text(rule: &str) -> String {
    match rtk_preset_core::rules::find(rule) {
        Some(_) => respond(Outcome::Ok { ok: () }),
        None => respond::<()>(range_error(
            rtk_preset_core::UnknownRule::new(rule).to_string(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_option_values_are_range_errors() {
        let out = check_text(b"{}", r#"{"api": "2025-01"}"#);
        assert!(out.contains(r#""type":"RangeError""#), "{out}");
        let out = check_text(b"{}", r#"{"rules": {"low-contrst": "off"}}"#);
        assert!(out.contains("did you mean `low-contrast`"), "{out}");
        let out = check_text(b"{", "{}");
        assert!(out.contains(r#""rule":"invalid-json""#), "{out}");
    }

    #[test]
    fn diagnostics_carry_params_and_plain_messages() {
        let out = check_text(
            br#"{"config": {"media": {"video": {"frame_rate": 31, "quality": "HD"}}}}"#,
            r#"{"kind": "update"}"#,
        );
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        let diagnostics = report["ok"]["diagnostics"].as_array().unwrap();
        let range = diagnostics
            .iter()
            .find(|d| d["rule"] == "out-of-range")
            .unwrap();
        assert_eq!(
            range["message"],
            "frame_rate is 31, above the maximum of 30"
        );
        assert_eq!(
            range["params"],
            serde_json::json!({"field": "frame_rate", "value": 31, "maximum": 30})
        );
        let value = diagnostics
            .iter()
            .find(|d| d["rule"] == "invalid-value")
            .unwrap();
        assert_eq!(value["params"]["suggestion"], "hd");
        assert_eq!(value["params"]["value"], "HD");
        assert_eq!(value["params"]["allowed"][0], "hd");
        assert!(!value["help"].as_str().unwrap().contains('`'));
    }

    #[test]
    fn apps_are_checked_together() {
        let host = r#"{"name": "host", "permissions": {"accept_waiting_requests": false}}"#;
        let documents = serde_json::json!([
            {"name": "a.json", "text": host},
            {"name": "b.json", "text": host},
        ]);
        let out = check_app_text(&documents.to_string(), r#"{"kind": "update"}"#);
        let reports: serde_json::Value = serde_json::from_str(&out).unwrap();
        for report in reports["ok"].as_array().unwrap() {
            assert!(
                report["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d["rule"] == "duplicate-preset-name"),
                "{report}"
            );
        }
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

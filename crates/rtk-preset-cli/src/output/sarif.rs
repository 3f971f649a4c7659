//! `--format sarif`: SARIF 2.1.0 for code scanning. Every rule's metadata (with a `name` and a
//! `helpUri`), a region per result, the result's fix, a fingerprint that survives unrelated edits,
//! and an invocation that says what kept the run from checking everything.

use crate::files::Loaded;
use rtk_preset_core::fix::Fix;
use rtk_preset_core::{Report, Severity};

/// Where the rules' documentation is published: `docs/rules.md` of the repository unless the
/// build says otherwise (`RTK_PRESET_DOCS_URL=https://.../rules.md cargo build`). Each rule is a
/// section of it (`#rule-id`).
const RULES_DOCS: &str = match option_env!("RTK_PRESET_DOCS_URL") {
    Some(url) => url,
    None => concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md"),
};

/// Something that kept the run from checking everything (a path that could not be read, a
/// configuration error): a SARIF tool execution notification, at a place when there is one.
#[derive(Debug, Clone)]
pub(crate) struct Notice {
    /// What happened, as said on standard error.
    pub(crate) message: String,
    /// The file it is about, and the line and column in it, when known.
    pub(crate) place: Option<(String, Option<(usize, usize)>)>,
}

/// The SARIF 2.1.0 level of a severity.
fn level(severity: Option<Severity>) -> &'static str {
    match severity {
        Some(Severity::Error) => "error",
        Some(Severity::Warning) => "warning",
        Some(Severity::Info) => "note",
        None => "none",
    }
}

/// A rule's SARIF `name`: its id in the PascalCase SARIF viewers expect (`OutOfRange`).
fn rule_name(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// A SARIF region: lines and columns, and bytes.
fn region(
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    span: rtk_preset_core::Span,
) -> serde_json::Value {
    serde_json::json!({
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,
        "byteOffset": span.start,
        "byteLength": span.end - span.start
    })
}

/// A path as a URI: a relative reference for a relative path (forward slashes, percent-encoded
/// where needed), a `file:` URI for an absolute one.
fn artifact_uri(path: &str) -> String {
    let absolute = std::path::Path::new(path).is_absolute();
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len() + 8);
    if absolute {
        out.push_str(if path.starts_with('/') {
            "file://"
        } else {
            "file:///"
        });
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// 64-bit FNV-1a: small, stable across versions and platforms (`DefaultHasher` is neither).
pub(crate) fn fnv1a<T: AsRef<[u8]>>(parts: &[T]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.as_ref().iter().chain(&[0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// A result's `partialFingerprints`: the file, the rule and the JSON pointer of the value at
/// fault, and which of the findings with those three it is. Lines and messages are left out, so
/// an edit elsewhere in the file (lines moved) or a new value in the same place (the message
/// names it) keeps the alert the same one.
fn fingerprint(uri: &str, rule: &str, pointer: &str, occurrence: usize) -> serde_json::Value {
    let occurrence = occurrence.to_string();
    serde_json::json!({
        "rtkPresetFinding/v1": format!("{:016x}", fnv1a(&[uri, rule, pointer, &occurrence]))
    })
}

/// A finding's fix as a SARIF `fix`: its edits as byte replacements in the file.
fn sarif_fix(uri: &str, fix: &Fix) -> serde_json::Value {
    let replacements: Vec<serde_json::Value> = fix
        .edits
        .iter()
        .map(|edit| {
            serde_json::json!({
                "deletedRegion": {
                    "byteOffset": edit.span.start,
                    "byteLength": edit.span.end - edit.span.start
                },
                "insertedContent": { "text": edit.replacement }
            })
        })
        .collect();
    serde_json::json!({
        "description": { "text": fix.description },
        "artifactChanges": [{ "artifactLocation": { "uri": uri }, "replacements": replacements }],
        "properties": { "applicability": fix.applicability }
    })
}

/// The SARIF log of the findings, and of what kept the run from checking everything (`notices`;
/// `executionSuccessful` is false when there is any).
pub(crate) fn sarif(
    documents: &[Loaded],
    reports: &[Option<Report>],
    notices: &[Notice],
) -> String {
    let rules: Vec<&rtk_preset_core::rules::RuleMeta> = rtk_preset_core::rules::all().collect();
    let descriptors: Vec<serde_json::Value> = rules
        .iter()
        .map(|meta| {
            serde_json::json!({
                "id": meta.id,
                "name": rule_name(meta.id),
                "shortDescription": { "text": meta.summary },
                "fullDescription": { "text": meta.summary },
                "help": { "text": meta.documentation(), "markdown": meta.documentation() },
                "helpUri": format!("{RULES_DOCS}#{}", meta.id),
                "defaultConfiguration": { "level": level(meta.default_level.severity()) },
                "properties": { "category": meta.category.as_str(), "fix": meta.fix.as_str() }
            })
        })
        .collect();
    let mut results = Vec::new();
    for (document, report) in documents.iter().zip(reports) {
        let uri = artifact_uri(&document.name());
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for d in report.iter().flat_map(|r| &r.diagnostics) {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(&format!(" (help: {help})"));
            }
            let related: Vec<serde_json::Value> = d
                .related
                .iter()
                .enumerate()
                .map(|(id, r)| {
                    serde_json::json!({
                        "id": id,
                        "message": { "text": r.message },
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri },
                            "region": region(r.line, r.column, r.end_line, r.end_column, r.span)
                        }
                    })
                })
                .collect();
            let occurrence = seen
                .iter()
                .filter(|&&(rule, pointer)| rule == d.rule && pointer == d.pointer)
                .count();
            seen.push((d.rule, &d.pointer));
            let mut result = serde_json::json!({
                "ruleId": d.rule,
                "ruleIndex": rules.iter().position(|m| m.id == d.rule).unwrap_or(0),
                "level": level(Some(d.severity)),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region(d.line, d.column, d.end_line, d.end_column, d.span)
                    }
                }],
                "partialFingerprints": fingerprint(&uri, d.rule, &d.pointer, occurrence),
                "properties": { "pointer": d.pointer }
            });
            if !related.is_empty() {
                result["relatedLocations"] = related.into();
            }
            if let Some(fix) = &d.fix {
                result["fixes"] = serde_json::json!([sarif_fix(&uri, fix)]);
            }
            results.push(result);
        }
    }
    let notifications: Vec<serde_json::Value> = notices
        .iter()
        .map(|notice| {
            let mut notification = serde_json::json!({
                "level": "error",
                "message": { "text": notice.message }
            });
            if let Some((path, position)) = &notice.place {
                let mut location = serde_json::json!({
                    "physicalLocation": { "artifactLocation": { "uri": artifact_uri(path) } }
                });
                if let Some((line, column)) = position {
                    location["physicalLocation"]["region"] =
                        serde_json::json!({ "startLine": line, "startColumn": column });
                }
                notification["locations"] = serde_json::json!([location]);
            }
            notification
        })
        .collect();
    let log = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "rtk-preset",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": descriptors
                }
            },
            "invocations": [{
                "executionSuccessful": notices.is_empty(),
                "toolExecutionNotifications": notifications
            }],
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_paths_are_file_uris() {
        assert_eq!(artifact_uri("/tmp/a b.json"), "file:///tmp/a%20b.json");
        assert_eq!(artifact_uri("./presets/a.json"), "presets/a.json");
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(rule_name("out-of-range"), "OutOfRange");
        assert_eq!(rule_name("invalid-json"), "InvalidJson");
    }

    /// The fingerprint must never change for the same finding (code scanning would see every
    /// alert as new): known answers, computed apart (FNV-1a 64 of each part and a 0 byte).
    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fnv1a::<&str>(&[]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(&["a"]), 0x089b_e207_b544_f1e4);
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
        assert_eq!(
            fingerprint("p.json", "out-of-range", "/a", 0),
            serde_json::json!({ "rtkPresetFinding/v1": "7407c61c595c6465" })
        );
        assert_ne!(
            fingerprint("p.json", "out-of-range", "/a", 0),
            fingerprint("p.json", "out-of-range", "/a", 1)
        );
    }
}

//! The structural rules: the schema-level checks every document gets.

use crate::diagnostic::{Severity, Span};

/// The document is not valid JSON (or not UTF-8, or over a size or nesting limit).
pub const INVALID_JSON: &str = "invalid-json";
/// An object has the same key twice.
pub const DUPLICATE_KEY: &str = "duplicate-key";
/// A required field is absent.
pub const MISSING_FIELD: &str = "missing-field";
/// A key the model does not know (the API tolerates it, but it is usually a typo).
pub const UNKNOWN_FIELD: &str = "unknown-field";
/// A value of the wrong JSON type.
pub const WRONG_TYPE: &str = "wrong-type";
/// A value that is not one of the allowed values.
pub const INVALID_VALUE: &str = "invalid-value";
/// A number outside its bounds.
pub const OUT_OF_RANGE: &str = "out-of-range";
/// A string that is not a valid uuid, date-time or uri.
pub const INVALID_FORMAT: &str = "invalid-format";
/// A value (or operation) that exists only in the other API revision.
pub const NOT_IN_REVISION: &str = "not-in-revision";

/// A rule's identity and defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// The kebab-case id.
    pub id: &'static str,
    /// The severity it reports at unless configured otherwise.
    pub severity: Severity,
    /// One line: what it finds.
    pub summary: &'static str,
}

/// Every structural rule, in the order of the design document.
pub const STRUCTURAL: [RuleInfo; 9] = [
    RuleInfo {
        id: INVALID_JSON,
        severity: Severity::Error,
        summary: "the document is not valid JSON (or not UTF-8, or over a size or nesting limit)",
    },
    RuleInfo {
        id: DUPLICATE_KEY,
        severity: Severity::Error,
        summary: "an object has the same key twice; parsers silently keep one of the values",
    },
    RuleInfo {
        id: MISSING_FIELD,
        severity: Severity::Error,
        summary: "a field the API requires is absent",
    },
    RuleInfo {
        id: UNKNOWN_FIELD,
        severity: Severity::Warning,
        summary:
            "a key the API does not define, or defines only in the other revision; usually a typo",
    },
    RuleInfo {
        id: WRONG_TYPE,
        severity: Severity::Error,
        summary: "a value of the wrong JSON type",
    },
    RuleInfo {
        id: INVALID_VALUE,
        severity: Severity::Error,
        summary: "a value that is not one of the allowed values",
    },
    RuleInfo {
        id: OUT_OF_RANGE,
        severity: Severity::Error,
        summary: "a number outside the bounds of its field",
    },
    RuleInfo {
        id: INVALID_FORMAT,
        severity: Severity::Error,
        summary: "a string that is not a valid uuid, date-time or uri",
    },
    RuleInfo {
        id: NOT_IN_REVISION,
        severity: Severity::Error,
        summary: "a value or operation that exists only in the other API revision",
    },
];

/// The default severity of a rule (error for an id that is not known, which cannot happen for the
/// constants above).
pub fn default_severity(rule: &str) -> Severity {
    STRUCTURAL
        .iter()
        .find(|r| r.id == rule)
        .map_or(Severity::Error, |r| r.severity)
}

/// A finding before positions are resolved to lines and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawDiagnostic {
    pub(crate) rule: &'static str,
    pub(crate) severity: Severity,
    pub(crate) message: String,
    pub(crate) pointer: String,
    pub(crate) span: Span,
    pub(crate) help: Option<String>,
    /// Another place the finding refers to (the first of duplicate keys).
    pub(crate) related: Option<Span>,
}

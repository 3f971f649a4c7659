//! The structural rules: what the validator reports when a document does not have the shape the
//! API defines. Their detection lives in `crate::validate`; this file holds their metadata and
//! documentation.

use super::{Declared, RuleMeta};

/// `invalid-json`.
pub const INVALID_JSON: &str = "invalid-json";

/// `duplicate-key`.
pub const DUPLICATE_KEY: &str = "duplicate-key";

/// `missing-field`.
pub const MISSING_FIELD: &str = "missing-field";

/// `unknown-field`.
pub const UNKNOWN_FIELD: &str = "unknown-field";

/// `wrong-type`.
pub const WRONG_TYPE: &str = "wrong-type";

/// `invalid-value`.
pub const INVALID_VALUE: &str = "invalid-value";

/// `out-of-range`.
pub const OUT_OF_RANGE: &str = "out-of-range";

/// `invalid-format`.
pub const INVALID_FORMAT: &str = "invalid-format";

/// `not-in-revision`.
pub const NOT_IN_REVISION: &str = "not-in-revision";

declare_rule! {
    /// ## What it does
    /// Checks that the document is JSON as RFC 8259 defines it: UTF-8 text holding one value, no
    /// comments, no trailing commas, no single quotes, no `NaN`. Also refuses inputs over 4 MiB or
    /// nested deeper than 128 levels.
    ///
    /// ## Why is this bad?
    /// The API cannot read the document, so nothing else about it matters. The diagnostic points at
    /// the exact byte where reading failed.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"name": "host",}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"name": "host"}
    /// ```
    InvalidJson {
        id: "invalid-json",
        level: Error,
        category: Structure,
        summary: "the document is not valid JSON (or not UTF-8, or over a size or nesting limit)",
        fix: None,
        locked: "nothing else can be checked in a document that is not JSON, so anything less than an error would let any file pass",
    }
}

declare_rule! {
    /// ## What it does
    /// Checks that no object has the same key twice.
    ///
    /// ## Why is this bad?
    /// JSON parsers keep one of the two values (most keep the last) without a word, so one of them is
    /// lost.
    ///
    /// ## Fix safety
    /// The fix removes the earlier of the two keys, which keeps what most parsers see. It is unsafe:
    /// the value removed may be the one that was meant.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"name": "host", "name": "guest"}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"name": "guest"}
    /// ```
    DuplicateKey {
        id: "duplicate-key",
        level: Error,
        category: Structure,
        summary: "an object has the same key twice; parsers silently keep one of the values",
        fix: Unsafe,
    }
}

declare_rule! {
    /// ## What it does
    /// Checks that every field the API requires in this kind of document and revision is present. The
    /// pointer names the missing field; the span is on its parent's key (or opening brace).
    ///
    /// ## Why is this bad?
    /// The API rejects the document. Which fields are required depends on the revision: `permissions`
    /// is required in 2026-06 but optional in 2026-01, `logo` the other way round.
    ///
    /// ## Example invalid
    /// ```json list
    /// {"success": true, "data": []}
    /// ```
    ///
    /// ## Example valid
    /// ```json list
    /// {"success": true, "data": [], "paging": {"start_offset": 0, "end_offset": 0, "total_count": 0}}
    /// ```
    MissingField {
        id: "missing-field",
        level: Error,
        category: Structure,
        summary: "a field the API requires is absent",
        fix: None,
    }
}

declare_rule! {
    /// ## What it does
    /// Checks every key against the fields the API defines at that place, and names the nearest known
    /// key, the sibling object the key belongs to (`can_receive` is a field of `chat.private`, not of
    /// `chat.public`), or the revision that has the field.
    ///
    /// ## Why is this bad?
    /// In most objects the API ignores keys it does not know (live bodies with `config.track_recording`
    /// and `ui.config_diff` were accepted), so a misspelt key silently does nothing: `framerate` leaves
    /// the frame rate at its default. There the finding is a warning, because the API accepts the
    /// document. Where the API is known to reject keys it does not know, the finding is an error:
    /// `permissions.chat.public` (vincemedia/freeradio, commit 316cbe2, recorded that the live API
    /// refuses a public chat with `can_receive`); the published schemas say `additionalProperties:
    /// false` there. A level set for the rule (`--warn unknown-field`) applies to both.
    ///
    /// ## Fix safety
    /// The fix renames the key to the nearest known one. It is unsafe: the nearest key may not be the
    /// one meant, and the renamed value then takes effect.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"media": {"video": {"framerate": 24}}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"media": {"video": {"frame_rate": 24}}}}
    /// ```
    UnknownField {
        id: "unknown-field",
        level: Warning,
        category: Structure,
        summary: "a key the API does not define, or defines only in the other revision; usually a typo",
        fix: Unsafe,
    }
}

declare_rule! {
    /// ## What it does
    /// Checks the JSON type of every value: strings, integers, numbers, booleans, objects, arrays.
    /// Numbers are judged by their exact text: `29.5` is not an integer, `30.0` and `-0` are.
    ///
    /// ## Why is this bad?
    /// The API rejects the document. A quoted number or boolean (`"24"`, `"true"`) is the usual cause.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"media": {"video": {"frame_rate": "24"}}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"media": {"video": {"frame_rate": 24}}}}
    /// ```
    WrongType {
        id: "wrong-type",
        level: Error,
        category: Structure,
        summary: "a value of the wrong JSON type",
        fix: None,
    }
}

declare_rule! {
    /// ## What it does
    /// Checks enumerated fields (`view_type`, `quality`, `theme`, ...) against their allowed values, and
    /// suggests the nearest one.
    ///
    /// ## Why is this bad?
    /// The API rejects the document. The values are case-sensitive: `HD` is not `hd`. The fix (safe)
    /// rewrites a value that differs from an allowed one only in case or separators.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"media": {"video": {"quality": "HD"}}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"media": {"video": {"quality": "hd"}}}}
    /// ```
    InvalidValue {
        id: "invalid-value",
        level: Error,
        category: Structure,
        summary: "a value that is not one of the allowed values",
        fix: Safe,
    }
}

declare_rule! {
    /// ## What it does
    /// Checks numbers against their bounds: the video `frame_rate` at most 30, `spacing_base` at least 1
    /// (2026-06), `total_count` at least 0, and numbers within what their field holds (a double).
    /// Comparisons are exact, so `1e400` is too large rather than a parse error.
    ///
    /// ## Why is this bad?
    /// The API rejects the document.
    ///
    /// ## Fix safety
    /// The fix moves the number to the nearest bound. It is unsafe: it changes the value.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"config": {"media": {"video": {"frame_rate": 60}}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"config": {"media": {"video": {"frame_rate": 30}}}}
    /// ```
    OutOfRange {
        id: "out-of-range",
        level: Error,
        category: Structure,
        summary: "a number outside the bounds of its field",
        fix: Unsafe,
    }
}

declare_rule! {
    /// ## What it does
    /// Checks strings that have a format: preset ids (uuid), timestamps (RFC 3339 date-time) and, in
    /// 2026-06, the `logo` (an absolute URI).
    ///
    /// ## Why is this bad?
    /// The API rejects the document, or (for a logo) the UI cannot load it.
    ///
    /// ## Example invalid
    /// ```json update
    /// {"ui": {"design_tokens": {"logo": "logo.png"}}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update
    /// {"ui": {"design_tokens": {"logo": "https://example.com/logo.png"}}}
    /// ```
    InvalidFormat {
        id: "invalid-format",
        level: Error,
        category: Structure,
        summary: "a string that is not a valid uuid, date-time or uri",
        fix: None,
    }
}

declare_rule! {
    /// ## What it does
    /// Checks values (and the replace operation) against the selected API revision, and names the
    /// revision that has them: `LIVESTREAM`, `fhd`, `uhd`, `light` and the new border values came with
    /// 2026-06. (A field of the other revision is an `unknown-field` warning, since the API ignores it.)
    ///
    /// ## Why is this bad?
    /// The API of the selected revision rejects the value. Either the document targets the other
    /// revision (check it with that one) or the value must change.
    ///
    /// ## Example invalid
    /// ```json update 2026-01
    /// {"config": {"view_type": "LIVESTREAM"}}
    /// ```
    ///
    /// ## Example valid
    /// ```json update 2026-01
    /// {"config": {"view_type": "GROUP_CALL"}}
    /// ```
    NotInRevision {
        id: "not-in-revision",
        level: Error,
        category: Structure,
        summary: "a value or operation that exists only in the other API revision",
        fix: None,
    }
}

/// Every structural rule, in the order of the design document.
pub(crate) const ALL: [RuleMeta; 9] = [
    InvalidJson::META,
    DuplicateKey::META,
    MissingField::META,
    UnknownField::META,
    WrongType::META,
    InvalidValue::META,
    OutOfRange::META,
    InvalidFormat::META,
    NotInRevision::META,
];

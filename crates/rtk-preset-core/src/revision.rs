//! API revisions and document kinds: the two axes every check is parameterised by.

use std::fmt;
use std::str::FromStr;

/// A revision of the RealtimeKit presets API.
///
/// Ordered by date, so `a < b` means `a` is the older revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum ApiRevision {
    /// The API as documented in early 2026 (the published docs page).
    V2026_01,
    /// The current API (official SDKs `cloudflare` 7.3.0 on npm and 5.9.0 on PyPI). The default.
    #[default]
    V2026_06,
}

impl ApiRevision {
    /// Every revision, oldest first.
    pub const ALL: [ApiRevision; 2] = [ApiRevision::V2026_01, ApiRevision::V2026_06];

    /// The revision's name as users write it: `2026-01` or `2026-06`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ApiRevision::V2026_01 => "2026-01",
            ApiRevision::V2026_06 => "2026-06",
        }
    }

    /// The other revisions, the nearest first (the newer of two as near): where the validator
    /// looks for a value or field that this revision does not have.
    pub fn others(self) -> impl Iterator<Item = ApiRevision> {
        let at = |r: ApiRevision| ApiRevision::ALL.iter().position(|&a| a == r).unwrap_or(0);
        let mut others: Vec<ApiRevision> = ApiRevision::ALL
            .into_iter()
            .filter(|&r| r != self)
            .collect();
        crate::order::sort_by_key(&mut others, |&r| {
            (at(r).abs_diff(at(self)), std::cmp::Reverse(r))
        });
        others.into_iter()
    }

    /// Every revision, newest first, as the users' lists name them (`2026-06, 2026-01`).
    pub fn names_newest_first() -> Vec<&'static str> {
        ApiRevision::ALL.iter().rev().map(|r| r.as_str()).collect()
    }
}

impl fmt::Display for ApiRevision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not one of the known revisions or kinds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{given}`; expected one of: {expected}")]
pub struct UnknownName {
    what: &'static str,
    given: String,
    expected: String,
}

impl FromStr for ApiRevision {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ApiRevision::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownName {
                what: "API revision",
                given: s.to_owned(),
                expected: ApiRevision::names_newest_first().join(", "),
            })
    }
}

/// The kind of document being checked: which request or response body it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// The body of `POST .../presets`.
    Create,
    /// The body of `PATCH .../presets/{preset_id}`: every field optional at every depth.
    Update,
    /// The body of `PUT .../presets/{preset_id}` (2026-06 only).
    Replace,
    /// A preset as the API returns it (the `data` of a single-preset response).
    Preset,
    /// A single-preset response envelope `{success, data}`.
    Response,
    /// The list response `{success, data: [...], paging}`.
    List,
}

impl DocumentKind {
    /// Every kind, in the order of the documentation.
    pub const ALL: [DocumentKind; 6] = [
        DocumentKind::Create,
        DocumentKind::Update,
        DocumentKind::Replace,
        DocumentKind::Preset,
        DocumentKind::Response,
        DocumentKind::List,
    ];

    /// The kind's name as users write it.
    pub const fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Create => "create",
            DocumentKind::Update => "update",
            DocumentKind::Replace => "replace",
            DocumentKind::Preset => "preset",
            DocumentKind::Response => "response",
            DocumentKind::List => "list",
        }
    }

    /// The first revision the kind exists in (the replace operation came with 2026-06).
    pub const fn since(self) -> ApiRevision {
        match self {
            DocumentKind::Replace => ApiRevision::V2026_06,
            _ => ApiRevision::V2026_01,
        }
    }

    /// Whether the kind exists in a revision.
    pub fn exists_in(self, api: ApiRevision) -> bool {
        api >= self.since()
    }

    /// What the document is, for titles and messages.
    pub const fn describe(self) -> &'static str {
        match self {
            DocumentKind::Create => "the body of a create request (POST .../presets)",
            DocumentKind::Update => "the body of an update request (PATCH .../presets/{preset_id})",
            DocumentKind::Replace => "the body of a replace request (PUT .../presets/{preset_id})",
            DocumentKind::Preset => "a preset as the API returns it",
            DocumentKind::Response => "a single-preset response envelope",
            DocumentKind::List => "the response of the list operation (GET .../presets)",
        }
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DocumentKind {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DocumentKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownName {
                what: "document kind",
                given: s.to_owned(),
                expected: DocumentKind::ALL.map(DocumentKind::as_str).join(", "),
            })
    }
}

/// Which kind to check a document as: a fixed one, or picked from the document's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum KindSelector {
    /// `{success, data: [...], paging}` is `list`, `{success, data: {...}}` is `response`,
    /// anything else `create`.
    #[default]
    Auto,
    /// Always this kind.
    Fixed(DocumentKind),
}

impl FromStr for KindSelector {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "auto" {
            return Ok(KindSelector::Auto);
        }
        s.parse().map(KindSelector::Fixed).map_err(|_| UnknownName {
            what: "document kind",
            given: s.to_owned(),
            expected: "auto, create, update, replace, preset, response, list".to_owned(),
        })
    }
}

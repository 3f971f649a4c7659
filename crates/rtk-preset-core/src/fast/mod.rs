//! The fast path of a check: one pass over the bytes that parses and validates at once, against
//! the compiled schema, and builds no tree but the few branches the semantic rules read.
//!
//! Most documents a linter sees are valid. For them the full path (parse into a tree, walk the
//! tree with the schema, then let the rules look values up in it) does its work three times over.
//! This pass reads each byte once: a value is checked against its schema node as it is scanned,
//! and only the values on the rules' paths ([`KEPT`]) become [`Node`]s, so the rules and the
//! app-level facts run on a tree a fraction of the size, unchanged.
//!
//! It answers only when it is sure, and gives up (`None`) at the first doubt: anything the
//! schema would report, a duplicate key, an escape in a string, a syntax error, a document over
//! the limits. The full path then checks the document from the start, words every finding, and
//! is the referee: the differential test (`the_shortcuts_change_no_finding`) checks generated,
//! mutated and real documents both ways and requires the same reports and app facts.

use crate::diagnostic::Span;
use crate::json::Node;
use crate::revision::{ApiRevision, DocumentKind};
use crate::schema::compiled::compiled;
use crate::select::Selection;
use crate::{CheckOptions, KindSelector};
use std::borrow::Cow;
use std::sync::OnceLock;

mod plan;
mod scanner;
#[cfg(test)]
mod tests;

use plan::plans;
use scanner::Scanner;

/// Every place the semantic rules and the app facts read, relative to the preset: the value there
/// is kept whole, with the objects on the way to it (holding only the members on such paths). A
/// rule that reads another place must add it here; debug builds (the tests) assert it
/// ([`covers`]), and the differential test compares the findings on the kept tree with those on
/// the whole document.
pub(crate) const KEPT: [&str; 21] = [
    "/name",
    "/config/view_type",
    "/config/max_screenshare_count",
    "/config/max_video_streams",
    "/config/media",
    "/config/livestream_viewer_qualities",
    "/permissions/accept_stage_requests",
    "/permissions/accept_waiting_requests",
    "/permissions/can_accept_production_requests",
    "/permissions/can_livestream",
    "/permissions/hidden_participant",
    "/permissions/is_recorder",
    "/permissions/recorder_type",
    "/permissions/stage_access",
    "/permissions/waiting_room_type",
    "/permissions/media",
    "/permissions/chat",
    "/permissions/polls",
    "/ui/design_tokens/colors",
    "/ui/design_tokens/logo",
    "/ui/design_tokens/theme",
];

/// What to build of a value: nothing, the value whole, or the members on [`KEPT`] paths (a node
/// of the [`trie`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    No,
    Whole,
    Branch(usize),
    /// A response's envelope: only `data`, the preset, is kept (from the trie's root).
    Envelope,
}

/// The [`KEPT`] paths as a trie: each node's children by key.
fn trie() -> &'static [Vec<(&'static str, Keep)>] {
    static TRIE: OnceLock<Vec<Vec<(&'static str, Keep)>>> = OnceLock::new();
    TRIE.get_or_init(|| {
        let mut nodes: Vec<Vec<(&'static str, Keep)>> = vec![Vec::new()];
        for path in KEPT {
            let segments: Vec<&'static str> = path[1..].split('/').collect();
            let mut at = 0;
            for (i, segment) in segments.iter().enumerate() {
                let last = i + 1 == segments.len();
                let found = nodes[at].iter().position(|(key, _)| key == segment);
                match found.map(|f| (f, nodes[at][f].1)) {
                    Some((_, Keep::Branch(next))) if !last => at = next,
                    // A value kept whole keeps what is under it.
                    Some((f, _)) if last => nodes[at][f].1 = Keep::Whole,
                    Some(_) => break,
                    None if last => {
                        nodes[at].push((segment, Keep::Whole));
                    }
                    None => {
                        nodes.push(Vec::new());
                        let next = nodes.len() - 1;
                        nodes[at].push((segment, Keep::Branch(next)));
                        at = next;
                    }
                }
            }
        }
        nodes
    })
}

impl Keep {
    fn child(self, key: &str) -> Keep {
        match self {
            Keep::No | Keep::Whole => self,
            Keep::Envelope if key == "data" => Keep::Branch(0),
            Keep::Envelope => Keep::No,
            Keep::Branch(at) => trie()[at]
                .iter()
                .find(|(k, _)| crate::json::same_key(k, key))
                .map_or(Keep::No, |&(_, keep)| keep),
        }
    }
}

/// Whether the kept tree has everything at `path` (relative to the preset) that the whole tree
/// has: the path leads into a kept value, or to an object on the way to one.
pub(crate) fn covers(path: &str) -> bool {
    let mut keep = Keep::Branch(0);
    for segment in path.split('/').skip(1) {
        keep = keep.child(segment);
    }
    keep != Keep::No
}

/// A document the fast pass found clean: nothing for the schema to report.
pub(crate) struct Scanned<'a> {
    pub(crate) kind: DocumentKind,
    pub(crate) api: ApiRevision,
    pub(crate) selection: Selection,
    /// The document with only what the rules read (the root and the objects on the way to the
    /// preset's kept values); `None` for a list, which holds no preset.
    pub(crate) tree: Option<Node<'a>>,
    /// Where each line starts.
    pub(crate) line_starts: Vec<usize>,
}

/// The fast pass gave up: the full path decides.
struct GiveUp;

type Scan<T> = Result<T, GiveUp>;

/// What the root object says about the document's kind and whether it is a preset document, as
/// [`crate::detect_kind`] and [`Selection::of`] read a tree (of repeated keys, the last counts).
#[derive(Default)]
struct Root<'a> {
    object: bool,
    preset_key: bool,
    success: bool,
    paging: bool,
    /// The first byte of the last `data` member's value.
    data: Option<u8>,
    data_preset_key: bool,
    schema: Option<Cow<'a, str>>,
}

/// Where a value goes when it is kept.
#[derive(Clone, Copy)]
enum Place<'a> {
    Root,
    Item,
    /// A member's value, with the member's key and its span.
    Member(&'a str, Span),
}

/// Where an object stands, for [`Root`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Root,
    Data,
    Other,
}

/// Checks `input` in one pass; `None` when it is not sure the schema finds nothing (the full path
/// then checks it), or when the shortcuts are off ([`crate::phases::without_shortcuts`]).
pub(crate) fn scan<'a>(input: &'a [u8], options: &CheckOptions) -> Option<Scanned<'a>> {
    if !crate::shortcuts() || input.len() > options.limits.max_size {
        return None;
    }
    let text = std::str::from_utf8(input).ok()?;
    let fixed = match options.kind {
        KindSelector::Fixed(kind) => Some(kind),
        KindSelector::Auto => None,
    };
    let (mut kind, mut api) = (fixed.unwrap_or(DocumentKind::Create), options.api);
    // A second pass when the root says the document is of another kind or revision than the
    // first assumed (its `$schema`, or a response's envelope).
    for _ in 0..2 {
        let schema = compiled(kind, api);
        let mut scanner = Scanner {
            bytes: input,
            text,
            pos: 0,
            depth: 0,
            max_depth: options.limits.max_depth,
            schema,
            plans: plans(kind, api),
            clean: true,
            stop_when_dirty: fixed.is_some(),
            root: Root::default(),
            line_starts: Vec::with_capacity(input.len() / 16 + 1),
            members: Vec::with_capacity(32),
            items: Vec::new(),
        };
        scanner.line_starts.push(0);
        let keep = match kind {
            DocumentKind::List => Keep::No,
            // The preset is `data`: the root keeps that member alone.
            DocumentKind::Response => Keep::Envelope,
            _ => Keep::Branch(0),
        };
        let tree = scanner.document(keep).ok()?;
        let root = &scanner.root;
        let declared = root.schema.as_deref().and_then(crate::schema::declared);
        let found_kind = fixed
            .or(declared.map(|(kind, _)| kind))
            .unwrap_or_else(|| root.kind());
        let found_api = declared.map_or(options.api, |(_, api)| api);
        if (found_kind, found_api) != (kind, api) {
            (kind, api) = (found_kind, found_api);
            continue;
        }
        if !scanner.clean {
            return None;
        }
        let selection = Selection {
            preset: root.is_preset(declared.is_some()),
            declared,
        };
        return Some(Scanned {
            kind,
            api,
            selection,
            tree,
            line_starts: scanner.line_starts,
        });
    }
    None
}

impl Root<'_> {
    fn kind(&self) -> DocumentKind {
        match (self.success, self.data, self.paging) {
            (true, Some(b'['), true) => DocumentKind::List,
            (true, Some(b'{'), _) => DocumentKind::Response,
            _ => DocumentKind::Create,
        }
    }

    fn is_preset(&self, declared: bool) -> bool {
        self.object
            && (self.preset_key
                || declared
                || (self.success && self.data == Some(b'{') && self.data_preset_key)
                || (self.success && self.data == Some(b'[') && self.paging))
    }
}
